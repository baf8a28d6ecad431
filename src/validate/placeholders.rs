//! Finds `{{ placeholders }}` that would print as written: unknown, misspelt, empty or unclosed ones.

use crate::diag::{did_you_mean, Diagnostic};
use crate::load::RawProject;
use crate::personalise::placeholders::NAMES;
use std::path::Path;

/// Every placeholder problem in the files whose text is personalised.
pub fn check(raw: &RawProject) -> Vec<Diagnostic> {
    let rituals = raw.rituals.is_some();
    super::content_texts(raw)
        .into_iter()
        .flat_map(|(file, text)| in_text_of(file, text, rituals))
        .collect()
}

/// The same check for one file, `file` with the text `text` (of a program with rituals).
pub fn in_text(file: &Path, text: &str) -> Vec<Diagnostic> {
    in_text_of(file, text, true)
}

/// The check for one file; `rituals` is false when the program has none, so
/// `{{ ritual }}` would print nothing.
fn in_text_of(file: &Path, text: &str, rituals: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let yaml = file.extension().is_some_and(|e| e == "yaml" || e == "yml");
    for (i, line) in text.lines().enumerate() {
        // A YAML comment is not content; a Markdown heading starts with `#` too.
        if yaml && line.trim_start().starts_with('#') {
            continue;
        }
        for (at, problem) in problems(line, rituals) {
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
    /// `{{ ritual }}` in a program without rituals: it would print nothing.
    NoRituals,
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
            Problem::NoRituals => (
                "`{{ ritual }}` would print nothing: the program has no rituals".into(),
                "add content/rituals.yaml with the rituals to choose from, or remove the placeholder".into(),
            ),
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
fn problems(line: &str, rituals: bool) -> Vec<(usize, Problem)> {
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
                let name_at = at + 2 + (j - after[..j].trim_start().len());
                if key.is_empty() {
                    out.push((at, Problem::Empty));
                } else if key == "ritual" && !rituals {
                    out.push((name_at, Problem::NoRituals));
                } else if !NAMES.contains(&key) {
                    // At the name itself, so the caret underlines it.
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
        assert!(problems(
            "Hi {{ name }}, ask {{partner}} ({{ names }}), {{ ritual }}.",
            true
        )
        .is_empty());
        assert!(problems("no braces { at } all", true).is_empty());
    }

    #[test]
    fn a_ritual_placeholder_needs_rituals() {
        assert_eq!(
            problems("Keep {{ ritual }} going.", false),
            vec![(8, Problem::NoRituals)]
        );
        assert!(problems("Keep {{ ritual }} going.", true).is_empty());
    }

    #[test]
    fn finds_each_kind_of_mistake_where_it_is() {
        assert_eq!(
            problems("Hi {{ nme }}.", true),
            vec![(6, Problem::Unknown("nme".into()))]
        );
        assert_eq!(problems("a {{}} b", true), vec![(2, Problem::Empty)]);
        assert_eq!(
            problems("Hi {{ name } and", true),
            vec![(3, Problem::Unclosed)]
        );
        assert_eq!(
            problems("{{ name and {{ partner }}", true),
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
