//! Deserialises YAML into raw structs, turning serde errors into positioned diagnostics.

use crate::diag::{did_you_mean, Diagnostic};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses `text`, which starts at `first_line` of `file`, into `T`.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|e| to_diagnostic(&e, file, first_line))
}

fn to_diagnostic(e: &serde_yaml::Error, file: &Path, first_line: usize) -> Diagnostic {
    let (line, column) = e
        .location()
        .map(|l| (l.line() + first_line - 1, l.column()))
        .unwrap_or((first_line, 1));
    let full = e.to_string();
    // serde_yaml appends " at line L column C"; we print the position ourselves.
    let message = match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    // Rust's type names mean nothing to an author.
    let message = ["u8", "u16", "u32", "u64", "usize"]
        .iter()
        .fold(message, |m, t| {
            m.replace(&format!("expected {t}"), "expected a whole number")
        })
        .replace("expected a string", "expected text");
    let hint = hint_for(&message);
    let d = Diagnostic::new(file, line, column, message);
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// A hint for the serde messages people meet most.
fn hint_for(message: &str) -> Option<String> {
    // Errors inside lists carry a path first ("blocks[0]: unknown field …").
    if let Some(rest) = message.split_once("unknown field `").map(|(_, r)| r) {
        let (field, expected) = rest.split_once('`')?;
        let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        return Some(match did_you_mean(field, allowed.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("allowed keys here: {}", allowed.join(", ")),
        });
    }
    if message.contains("missing field") {
        return Some("add the key; docs/content.md lists what each file needs".into());
    }
    if message.contains("invalid type") {
        return Some(
            "check the value's shape: a list needs `- item` lines or [a, b], text may need quotes"
                .into(),
        );
    }
    if message.contains("did not find expected")
        || message.contains("mapping values are not allowed")
    {
        return Some("check the indentation, and quote text that contains `: ` or starts with a special character".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        title: String,
        minutes: u32,
    }

    #[test]
    fn unknown_key_has_position_and_suggestion() {
        let d = parse::<Item>("title: x\nminuts: 3\n", Path::new("a.md"), 2).unwrap_err();
        assert_eq!((d.line, d.column), (3, 1));
        assert!(
            d.message.starts_with("unknown field `minuts`"),
            "{}",
            d.message
        );
        assert_eq!(d.hint.as_deref(), Some("did you mean `minutes`?"));
    }

    #[test]
    fn wrong_type_is_positioned() {
        let d = parse::<Item>("title: x\nminutes: ten\n", Path::new("a.yaml"), 1).unwrap_err();
        assert_eq!(d.line, 2);
        assert!(d.message.contains("invalid type"), "{}", d.message);
    }
}
