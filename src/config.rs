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
}

fn default_language() -> String {
    "en".into()
}

fn default_base_url() -> String {
    "/".into()
}
