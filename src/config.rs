//! Project settings from `kintsugi.yaml`: title, language, base URL and paper size.

use crate::model::Paper;
use serde::{Deserialize, Serialize};

/// The contents of `kintsugi.yaml`. Unknown keys are errors.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site title.
    pub title: String,
    /// A BCP 47 language tag such as `en`.
    #[serde(default = "default_language")]
    pub language: String,
    /// Where the site is published, e.g. `https://example.org/guide/`.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// Default paper size for PDFs.
    #[serde(default)]
    pub paper: Paper,
    /// The line at the foot of every site page; empty for none; unset for the neutral default.
    #[serde(default)]
    pub site_footer: Option<String>,
    /// The line at the foot of every worksheet; empty or unset for none.
    #[serde(default)]
    pub sheet_footer: Option<String>,
    /// The brand file (brand.yml, as Quarto reads it), relative to the
    /// project folder; unset: `_brand.yml` (or `_brand/_brand.yml`) when there is one.
    #[serde(default)]
    pub brand: Option<String>,
    /// Whether the PDFs have form fields to fill in on a screen (tick boxes,
    /// lines to type on); `false` for flat files, as `--flat` does.
    #[serde(default = "default_fillable")]
    pub fillable: bool,
    /// The project's own words for the tool's strings (see src/strings/en.yaml for the keys).
    #[serde(default)]
    pub strings: std::collections::BTreeMap<String, String>,
}

fn default_language() -> String {
    "en".into()
}

fn default_fillable() -> bool {
    true
}

fn default_base_url() -> String {
    "/".into()
}
