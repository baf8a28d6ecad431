//! Finds characters the embedded fonts cannot print, before they become boxes on paper.

use crate::diag::Diagnostic;
use crate::load::{RawProject, Source};
use crate::pdf::fonts::covers;
use std::collections::BTreeSet;
use std::path::Path;

/// One diagnostic per character the fonts lack, at its first place in each file.
pub fn check(raw: &RawProject) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(s) = &raw.config {
        scan(&s.file, &s.text, &mut out);
    }
    for (file, text) in super::content_texts(raw) {
        scan(file, text, &mut out);
    }
    out
}

/// The same check for one file.
pub fn check_source<T>(s: &Source<T>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    scan(&s.file, &s.text, &mut out);
    out
}

/// Which font would print `c`, and where to put it.
pub fn font_hint(c: char) -> String {
    use unicode_script::{Script, UnicodeScript};
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => format!(
            "a TrueType font with U+{:04X} in the project's fonts/ folder would print it; \
             or use another character",
            c as u32
        ),
        script => {
            let name = script.full_name().replace('_', " ");
            format!(
                "a TrueType font with {name} letters (Noto Sans {name}, for one) in the \
                 project's fonts/ folder would print it"
            )
        }
    }
}

fn scan(file: &Path, text: &str, out: &mut Vec<Diagnostic>) {
    let mut seen = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        for (col, c) in line.chars().enumerate() {
            if c.is_ascii() || covers(c) || !seen.insert(c) {
                continue;
            }
            let msg = format!(
                "no font kintsugi has can print `{c}` (U+{:04X}); it would print as an empty box",
                c as u32
            );
            out.push(Diagnostic::new(file, i + 1, col + 1, msg).with_hint(font_hint(c)));
        }
    }
}
