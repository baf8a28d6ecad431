//! Reads a profile (one person) or a people list (YAML list or CSV) into raw records.

use super::yaml;
use crate::diag::Diagnostic;
use crate::model::Paper;
use crate::model::WeekStart;
use serde::Deserialize;
use std::path::Path;

/// A profile as written. Unknown keys are errors.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProfile {
    pub name: String,
    #[serde(default)]
    pub partner: Option<String>,
    pub start: String,
    #[serde(default)]
    pub week_starts: WeekStart,
    #[serde(default)]
    pub ritual: Option<String>,
    #[serde(default)]
    pub paper: Option<Paper>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub intentions: Option<String>,
    /// The language of the tool's own words and the dates in this person's
    /// outputs (a BCP 47 tag); unset: the program's.
    #[serde(default)]
    pub language: Option<String>,
}

/// A raw profile with where it came from, for positioned errors.
#[derive(Debug, Clone)]
pub struct ProfileSource {
    pub file: std::path::PathBuf,
    /// The text the record was read from (a YAML document or a CSV row), and its first line.
    pub text: String,
    pub first_line: usize,
    pub value: RawProfile,
    /// For a CSV row: where each field starts (line, column), in header order.
    pub csv_fields: Option<Vec<(usize, usize)>>,
}

impl ProfileSource {
    /// A diagnostic at the first place `needle` appears after the key `key`.
    pub fn diag_at(&self, key: &str, needle: &str, message: impl Into<String>) -> Diagnostic {
        let mut started = key.is_empty();
        for (i, line) in self.text.lines().enumerate() {
            if !started
                && line
                    .trim_start()
                    .trim_start_matches("- ")
                    .starts_with(&format!("{key}:"))
            {
                started = true;
            }
            if started {
                if let Some(col) = line.find(needle) {
                    if let Some(fields) = &self.csv_fields {
                        // The record's text has one `key: value` line per field, in header order.
                        let (line, col) = fields.get(i).copied().unwrap_or((self.first_line, 1));
                        return Diagnostic::new(&self.file, line, col, message);
                    }
                    return Diagnostic::new(
                        &self.file,
                        self.first_line + i,
                        line[..col].chars().count() + 1,
                        message,
                    );
                }
            }
        }
        Diagnostic::new(&self.file, self.first_line, 1, message)
    }
}

/// Reads one profile already in memory; `path` names it in messages.
pub fn parse_profile(path: &Path, text: String) -> Result<ProfileSource, Vec<Diagnostic>> {
    yaml::parse::<RawProfile>(&text, path, 1).map(|value| ProfileSource {
        file: path.to_path_buf(),
        text,
        first_line: 1,
        value,
        csv_fields: None,
    })
}
