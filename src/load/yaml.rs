//! Deserialises YAML into raw structs, turning serde errors into positioned diagnostics.

use crate::diag::{did_you_mean, Diagnostic};
use serde::de::DeserializeOwned;
use std::path::Path;

/// The most unknown keys listed from one file before the rest are left unsaid.
const MAX_UNKNOWN_KEYS: usize = 64;

/// Parses `text`, which starts at `first_line` of `file`, into `T`.
///
/// serde stops at the first unknown key. So that an author sees every
/// misspelt key at once, each unknown key is blanked out of a copy of the
/// text (keeping every other line and column where it was) and the text is
/// read again, until it reads or fails for another reason. What fails only
/// because a key was taken out (a `missing field` where `titel` stood for
/// `title`) is not reported a second time.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
) -> Result<T, Vec<Diagnostic>> {
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut current = std::borrow::Cow::Borrowed(text);
    // The line of the last key blanked out, in the file's numbering.
    let mut blanked_at = 0;
    loop {
        let e = match serde_yaml::from_str::<T>(&current) {
            Ok(value) if found.is_empty() => return Ok(value),
            Ok(_) => return Err(found),
            Err(e) => e,
        };
        let d = to_diagnostic(&e, file, first_line);
        let unknown = d.message.contains("unknown field `");
        // Without the key, the mapping that held it may lack a field or a
        // kind (`titel` for `title`): that is the same mistake, not a new one.
        if !found.is_empty() && !unknown && d.line <= blanked_at {
            return Err(found);
        }
        let repeated = found
            .iter()
            .any(|f| (f.line, f.column) == (d.line, d.column));
        if !repeated {
            blanked_at = d.line;
            found.push(d);
        }
        let blanked = match (unknown && !repeated, e.location()) {
            (true, Some(at)) if found.len() < MAX_UNKNOWN_KEYS => {
                blank_key(&current, at.line(), at.column())
            }
            _ => None,
        };
        match blanked {
            Some(text) => current = std::borrow::Cow::Owned(text),
            None => return Err(found),
        }
    }
}

/// `text` with the key at `line`:`column` (1-based) and its value replaced
/// by spaces, lines and columns unchanged; None where that cannot be done
/// safely (a key inside a `{ }` or `[ ]` on one line).
fn blank_key(text: &str, line: usize, column: usize) -> Option<String> {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let key_line = lines.get(line.checked_sub(1)?)?;
    let prefix: String = key_line.chars().take(column.checked_sub(1)?).collect();
    if prefix.contains(['{', '[', '"', '\'']) {
        return None;
    }
    let indent = column - 1;
    let width = key_line.chars().count();
    lines[line - 1] = format!("{prefix}{}", " ".repeat(width.saturating_sub(indent)));
    // The value's own lines: everything indented deeper than the key, and a
    // list written at the key's own indent (`tags:` then `- a`), with the
    // comments and blank lines among them.
    for l in lines.iter_mut().skip(line) {
        let body = l.trim_start();
        let at = l.len() - body.len();
        let part_of_value = body.is_empty()
            || at > indent
            || (at == indent && (body == "-" || body.starts_with("- ") || body.starts_with('#')));
        if !part_of_value {
            break;
        }
        *l = " ".repeat(l.chars().count());
    }
    Some(lines.join("\n"))
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
    let message = one_case_each(message);
    let hint = hint_for(&message);
    let d = Diagnostic::new(file, line, column, message);
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// "expected one of `MONDAY`, `Monday`, `monday`, …" (a value accepted in
/// any of its cases) lists each value once, in lower case.
fn one_case_each(message: String) -> String {
    let Some((head, list)) = message.split_once("expected one of ") else {
        return message;
    };
    let items: Vec<&str> = list.split('`').skip(1).step_by(2).collect();
    let mut kept: Vec<String> = Vec::new();
    for x in &items {
        if !kept.iter().any(|k| k.eq_ignore_ascii_case(x)) {
            kept.push(x.to_lowercase());
        }
    }
    if kept.len() == items.len() {
        return message;
    }
    let listed: Vec<String> = kept.iter().map(|k| format!("`{k}`")).collect();
    format!("{head}expected one of {}", listed.join(", "))
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
    if let Some(rest) = message.split_once("unknown variant `").map(|(_, r)| r) {
        let (value, expected) = rest.split_once('`')?;
        let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let best = did_you_mean(&value.to_lowercase(), allowed.iter().copied())?;
        return Some(format!("did you mean `{best}`?"));
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
    fn every_unknown_key_is_listed_at_its_place() {
        let text = "titel: x\ncolour: gold\nminutes: 3\nnotes:\n  - one\n  - two\n";
        let d = parse::<Item>(text, Path::new("a.md"), 1).unwrap_err();
        let at: Vec<(usize, usize, &str)> = d
            .iter()
            .map(|d| (d.line, d.column, d.message.split(',').next().unwrap()))
            .collect();
        assert_eq!(
            at,
            vec![
                (1, 1, "unknown field `titel`"),
                (2, 1, "unknown field `colour`"),
                (4, 1, "unknown field `notes`"),
            ],
            "and no `missing field title`, which the first hint names"
        );
        assert_eq!(d[0].hint.as_deref(), Some("did you mean `title`?"));
        // A list at the key's own indent goes with it, comments too.
        let d = parse::<Item>(
            "title: x\ntags:\n- a\n# more\n- b\nminutes: 3\ncolour: red\n",
            Path::new("a.md"),
            1,
        )
        .unwrap_err();
        let keys: Vec<&str> = d.iter().map(|d| &d.message[..20]).collect();
        assert_eq!(
            keys,
            vec!["unknown field `tags`", "unknown field `colou"],
            "{d:?}"
        );
        // Inside a flow mapping the key cannot be blanked safely: the first is still reported.
        let d = parse::<Item>("{title: x, minuts: 3, extra: 1}", Path::new("a.md"), 1).unwrap_err();
        assert_eq!(d.len(), 1, "{d:?}");
        // Other errors after unknown keys are found too.
        let d =
            parse::<Item>("title: x\nextra: 1\nminutes: ten\n", Path::new("a.md"), 1).unwrap_err();
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[1].message.contains("invalid type"), "{}", d[1].message);
    }

    #[test]
    fn unknown_key_has_position_and_suggestion() {
        let d = parse::<Item>("title: x\nminuts: 3\n", Path::new("a.md"), 2).unwrap_err();
        let d = &d[0];
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
        let d = &d[0];
        assert_eq!(d.line, 2);
        assert!(d.message.contains("invalid type"), "{}", d.message);
    }
}
