//! A person (or couple) a workbook is made for, as checked from a profile.

use super::{Paper, WeekStart};

/// A checked profile. Only personal outputs ever see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    /// None for a solo workbook.
    pub partner: Option<String>,
    /// The first day.
    pub start: time::Date,
    pub week_starts: WeekStart,
    /// Index into the program's rituals; None when the program has none.
    pub ritual: Option<usize>,
    pub paper: Option<Paper>,
    /// Overrides the program title on the cover.
    pub title: Option<String>,
    pub intentions: Option<String>,
    /// The language of the tool's words and the dates; None: the program's.
    pub language: Option<String>,
}

impl Person {
    /// "Zoë & José", or "Zoë" alone.
    pub fn names(&self) -> String {
        match &self.partner {
            Some(p) => format!("{} & {}", self.name, p),
            None => self.name.clone(),
        }
    }
}
