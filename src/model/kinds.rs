//! The small enums the model is made of: paper sizes, script kinds, sheet
//! orientation and which day a week starts on. Defined once here; the raw
//! structs, the settings and the command line all use these.

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

    /// The name written in files and on the command line: `a4` or `letter`.
    pub fn key(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }

    /// The other size, for checking that a sheet fits both.
    pub fn other(self) -> Paper {
        match self {
            Paper::A4 => Paper::Letter,
            Paper::Letter => Paper::A4,
        }
    }
}

/// Whether a script is words to say or a form to fill in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ScriptKind {
    #[default]
    Script,
    Template,
}

/// Which way up a sheet is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

/// Which day a week starts on: `saturday`, `Saturday` or `SATURDAY` in a profile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekStart {
    #[default]
    #[serde(alias = "Monday", alias = "MONDAY")]
    Monday,
    #[serde(alias = "Tuesday", alias = "TUESDAY")]
    Tuesday,
    #[serde(alias = "Wednesday", alias = "WEDNESDAY")]
    Wednesday,
    #[serde(alias = "Thursday", alias = "THURSDAY")]
    Thursday,
    #[serde(alias = "Friday", alias = "FRIDAY")]
    Friday,
    #[serde(alias = "Saturday", alias = "SATURDAY")]
    Saturday,
    #[serde(alias = "Sunday", alias = "SUNDAY")]
    Sunday,
}

impl WeekStart {
    /// Every day, Monday first, with the name written in profiles.
    pub const ALL: [(&'static str, WeekStart); 7] = [
        ("monday", WeekStart::Monday),
        ("tuesday", WeekStart::Tuesday),
        ("wednesday", WeekStart::Wednesday),
        ("thursday", WeekStart::Thursday),
        ("friday", WeekStart::Friday),
        ("saturday", WeekStart::Saturday),
        ("sunday", WeekStart::Sunday),
    ];

    /// The day named `name`, in any case (`saturday`, `Saturday`, `SATURDAY`).
    pub fn from_name(name: &str) -> Option<WeekStart> {
        let name = name.trim().to_lowercase();
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, d)| *d)
    }

    /// The names, for messages.
    pub fn names() -> [&'static str; 7] {
        Self::ALL.map(|(n, _)| n)
    }
}
