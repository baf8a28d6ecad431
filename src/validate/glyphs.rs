//! Finds characters the embedded fonts cannot print, before they become boxes on paper.

use crate::diag::Diagnostic;
use crate::load::{RawProject, Source};
use crate::pdf::fonts::covers;
use std::collections::BTreeSet;

/// One diagnostic per character the fonts lack, at its first place in each file.
pub fn check(raw: &RawProject) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    scan(raw.config.as_ref(), &mut out);
    scan(raw.program.as_ref(), &mut out);
    raw.weeks.iter().for_each(|s| scan(Some(s), &mut out));
    raw.exercises.iter().for_each(|s| scan(Some(s), &mut out));
    raw.scripts.iter().for_each(|s| scan(Some(s), &mut out));
    scan(raw.rituals.as_ref(), &mut out);
    raw.tables.iter().for_each(|s| scan(Some(s), &mut out));
    scan(raw.faq.as_ref(), &mut out);
    raw.worksheets.iter().for_each(|s| scan(Some(s), &mut out));
    out
}

/// The same check for one file.
pub fn check_source<T>(s: &Source<T>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    scan(Some(s), &mut out);
    out
}

fn scan<T>(source: Option<&Source<T>>, out: &mut Vec<Diagnostic>) {
    let Some(s) = source else { return };
    let mut seen = BTreeSet::new();
    for (i, line) in s.text.lines().enumerate() {
        for (col, c) in line.chars().enumerate() {
            if c.is_ascii() || covers(c) || !seen.insert(c) {
                continue;
            }
            let msg = format!(
                "the fonts have no glyph for `{c}` (U+{:04X}); it would print as an empty box",
                c as u32
            );
            let hint = "use another character, or write it out in words";
            out.push(Diagnostic::new(&s.file, i + 1, col + 1, msg).with_hint(hint));
        }
    }
}
