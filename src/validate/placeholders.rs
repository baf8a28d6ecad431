//! Finds `{{ placeholders }}` that would print as written: unknown, misspelt, empty or unclosed ones.

use crate::diag::{did_you_mean, Diagnostic};
use crate::load::RawProject;
use crate::personalise::placeholders::NAMES;
use std::path::Path;

/// Every placeholder problem in the files whose text is personalised.
pub fn check(raw: &RawProject) -> Vec<Diagnostic> {
    super::content_texts(raw)
        .into_iter()
        .flat_map(|(file, text)| in_text(file, text))
        .collect()
}

/// The same check for one file, `file` with the text `text`.
pub fn in_text(file: &Path, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let yaml = file.extension().is_some_and(|e| e == "yaml" || e == "yml");
    for (i, line) in text.lines().enumerate() {
        // A YAML comment is not content; a Markdown heading starts with `#` too.
        if yaml && line.trim_start().starts_with('#') {
            continue;
        }
        for (at, problem) in problems(line) {
            let col = line[..at].chars().count() + 1;
            let (msg, hint) = problem.words();
            out.push(Diagnostic::new(file, i + 1, col, msg).with_hint(hint));
        }
    }
    out
}

/// What is wrong with one placeholder.
#[derive(Debug, PartialEq)]
enum Problem {
    /// `{{ nme }}`: a name that is not a placeholder.
    Unknown(String),
    /// `{{}}`.
    Empty,
    /// `{{ name }` or `{{ name`: no `}}` on the line.
    Unclosed,
}

impl Problem {
    fn words(&self) -> (String, String) {
        let known = NAMES
            .iter()
            .map(|n| format!("`{{{{ {n} }}}}`"))
            .collect::<Vec<_>>()
            .join(", ");
        match self {
            Problem::Unknown(key) => {
                let msg =
                    format!("`{{{{ {key} }}}}` is not a placeholder; it would print as written");
                let lower = key.to_lowercase();
                let hint = match did_you_mean(&lower, NAMES.iter().copied()) {
                    Some(best) => format!("did you mean `{{{{ {best} }}}}`?"),
                    None => format!("the placeholders are {known}"),
                };
                (msg, hint)
            }
            Problem::Empty => (
                "an empty placeholder `{{}}`".into(),
                format!("write one of {known}, or remove the braces"),
            ),
            Problem::Unclosed => (
                "a placeholder opened with `{{` is not closed on this line".into(),
                "close it with `}}`, e.g. `{{ name }}`".into(),
            ),
        }
    }
}

/// The byte offset (of the braces, or of an unknown name) and problem of
/// each bad placeholder on `line`.
fn problems(line: &str) -> Vec<(usize, Problem)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = line[from..].find("{{") {
        let at = from + i;
        let after = &line[at + 2..];
        // `{{ name }` followed by text, or nothing: up to the next `{{` at most.
        let close = after.find("}}");
        let next_open = after.find("{{");
        match close {
            Some(j) if next_open.is_none_or(|k| j < k) => {
                let key = after[..j].trim();
                if key.is_empty() {
                    out.push((at, Problem::Empty));
                } else if !NAMES.contains(&key) {
                    // At the name itself, so the caret underlines it.
                    let name_at = at + 2 + (j - after[..j].trim_start().len());
                    out.push((name_at, Problem::Unknown(key.to_string())));
                }
                from = at + 2 + j + 2;
            }
            _ => {
                out.push((at, Problem::Unclosed));
                from = at + 2;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_placeholders_pass() {
        assert!(problems("Hi {{ name }}, ask {{partner}} ({{ names }}), {{ ritual }}.").is_empty());
        assert!(problems("no braces { at } all").is_empty());
    }

    #[test]
    fn finds_each_kind_of_mistake_where_it_is() {
        assert_eq!(
            problems("Hi {{ nme }}."),
            vec![(6, Problem::Unknown("nme".into()))]
        );
        assert_eq!(problems("a {{}} b"), vec![(2, Problem::Empty)]);
        assert_eq!(problems("Hi {{ name } and"), vec![(3, Problem::Unclosed)]);
        assert_eq!(
            problems("{{ name and {{ partner }}"),
            vec![(0, Problem::Unclosed)]
        );
    }

    #[test]
    fn hints_the_nearest_name() {
        let (msg, hint) = Problem::Unknown("nme".into()).words();
        assert!(msg.contains("`{{ nme }}`"), "{msg}");
        assert_eq!(hint, "did you mean `{{ name }}`?");
        let (_, hint) = Problem::Unknown("Partner".into()).words();
        assert_eq!(hint, "did you mean `{{ partner }}`?");
        let (_, hint) = Problem::Unknown("zebra".into()).words();
        assert!(hint.contains("`{{ names }}`"), "{hint}");
    }
}
