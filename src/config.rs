//! Project settings from `kintsugi.yaml`: title, language, base URL and paper size.

use serde::{Deserialize, Serialize};

/// Paper sizes the PDFs are made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// The name people use for it.
    pub fn label(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "US Letter",
        }
    }
}

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
