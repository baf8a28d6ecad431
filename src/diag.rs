//! Content diagnostics: a problem in a source file, with its position and a hint.
//!
//! Loading and validation collect every problem into [`Diagnostics`] instead of
//! stopping at the first one, so an author can fix them all in one pass. Only
//! `main.rs` prints them.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The content cannot be built until it is fixed.
    #[default]
    Error,
    /// Worth a look; the build goes ahead.
    Warning,
    /// Something the build will do differently than one might expect, and why.
    Note,
}

/// One problem in a content file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    /// The file, relative to the project root.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it, where we can tell.
    pub hint: Option<String>,
    /// Error or warning.
    pub severity: Severity,
    /// The source line the problem is on, shown under the message with a caret.
    #[serde(skip)]
    pub source: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at `file:line:column`.
    pub fn new(
        file: impl Into<PathBuf>,
        line: usize,
        column: usize,
        msg: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            line: line.max(1),
            column: column.max(1),
            message: msg.into(),
            hint: None,
            severity: Severity::Error,
            source: None,
        }
    }

    /// The same problem, as a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// The same message, as a note: nothing is wrong, but it explains an output.
    pub fn note(mut self) -> Self {
        self.severity = Severity::Note;
        self
    }

    /// Remembers the offending source line, read from `root`/`file` (best
    /// effort). Only a file that really is inside `root` is read: a content
    /// file may be a link to anywhere, and no byte of a file outside the
    /// project is ever shown.
    pub fn with_source_from(mut self, root: &Path) -> Self {
        if self.source.is_none() {
            let path = if self.file.is_absolute() {
                self.file.clone()
            } else {
                root.join(&self.file)
            };
            let inside = match (path.canonicalize(), root.canonicalize()) {
                (Ok(file), Ok(root)) => file.starts_with(root),
                _ => false,
            };
            if !inside {
                return self;
            }
            if let Ok(text) = std::fs::read_to_string(path) {
                self.set_source_from_text(&text);
            }
        }
        self
    }

    /// Remembers the offending source line from `text`, the file's contents
    /// already in memory (a people list, a profile).
    pub fn set_source_from_text(&mut self, text: &str) {
        if self.source.is_none() {
            self.source = text
                .lines()
                .nth(self.line - 1)
                .map(|l| l.trim_end_matches('\r').to_string());
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(
            f,
            "{}:{}:{}: {level}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )?;
        if let Some(src) = &self.source {
            // rustc-style: the line, then a caret under the offending token.
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let before: String = src
                .chars()
                .take(self.column - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let token = src
                .chars()
                .skip(self.column - 1)
                .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
                .count()
                .max(1);
            write!(
                f,
                "\n{pad} |\n{number} | {src}\n{pad} | {before}{}",
                "^".repeat(token)
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in one run, sorted by file and position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Sorts by file, line and column and drops exact repeats.
    pub fn sorted(mut self) -> Self {
        self.0.sort();
        self.0.dedup();
        self
    }

    /// Each diagnostic with its source line, read from the project at `root`.
    pub fn with_sources(self, root: &Path) -> Self {
        Diagnostics(
            self.0
                .into_iter()
                .map(|d| d.with_source_from(root))
                .collect(),
        )
    }

    /// True when there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    /// Every problem with a blank line after it, then the count: the same from
    /// `check`, `build` and `serve`'s overlay.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}\n")?;
        }
        write!(f, "{}", summary(&self.0))
    }
}

/// "1 error, 2 warnings": how many problems of each severity there are (notes are not problems).
pub fn summary(diags: &[Diagnostic]) -> String {
    let of = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    format!(
        "{}, {}",
        count(of(Severity::Error), "error", "errors"),
        count(of(Severity::Warning), "warning", "warnings")
    )
}

/// `n` and the noun in the number it takes: "1 week", "6 weeks", "1 person", "3 people".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl std::error::Error for Diagnostics {}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(word, c), c))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_ids_only() {
        let ids = ["two-minute-truth", "gratitude-jar"];
        assert_eq!(
            did_you_mean("two-minute-trut", ids),
            Some("two-minute-truth")
        );
        assert_eq!(did_you_mean("zebra", ids), None);
    }

    #[test]
    fn shows_the_source_line_with_a_caret() {
        let mut d = Diagnostic::new("w.md", 7, 13, "no exercise has the id `breath`")
            .with_hint("did you mean `breathe`?");
        d.source = Some("exercises: [breath]".into());
        assert_eq!(
            d.to_string(),
            "w.md:7:13: error: no exercise has the id `breath`\n  |\n7 | exercises: [breath]\n  |             ^^^^^^\n  = hint: did you mean `breathe`?"
        );
    }

    #[test]
    fn counts_take_the_right_number() {
        assert_eq!(count(1, "week", "weeks"), "1 week");
        assert_eq!(count(0, "week", "weeks"), "0 weeks");
        assert_eq!(count(3, "person", "people"), "3 people");
        let d = Diagnostic::new("a.md", 1, 1, "x");
        assert_eq!(summary(std::slice::from_ref(&d)), "1 error, 0 warnings");
        assert_eq!(summary(&[d.clone(), d.warning()]), "1 error, 1 warning");
    }

    #[test]
    fn prints_rustc_style() {
        let d = Diagnostic::new("content/a.md", 3, 7, "bad").with_hint("fix it");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:7: error: bad\n  = hint: fix it"
        );
    }
}
