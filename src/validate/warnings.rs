//! Warnings: content that builds but is probably not what the author meant.

use crate::diag::Diagnostic;
use crate::model::text::inline_text;
use crate::model::{Program, SheetBlock};
use std::path::PathBuf;

/// A card phrase longer than this many characters will be hard to read on a fridge.
const LONG_CARD_TEXT: usize = 160;

/// Every warning for a checked program.
pub fn warnings(p: &Program) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let used = |id: &str| {
        p.weeks.iter().any(|w| {
            w.exercises
                .iter()
                .chain(&w.scripts)
                .chain(&w.worksheets)
                .any(|x| x == id)
        })
    };
    for e in &p.exercises {
        if !used(&e.id) {
            out.push(unused(&e.file, "exercise", &e.id));
        }
    }
    for s in &p.scripts {
        if !used(&s.id) {
            out.push(unused(&s.file, "script", &s.id));
        }
    }
    for w in &p.worksheets {
        if !used(&w.id) {
            out.push(unused(&w.file, "worksheet", &w.id));
        }
        for (i, block) in w.blocks.iter().enumerate() {
            let (line, col) = w.block_at.get(i).copied().unwrap_or((1, 1));
            SheetBlock::walk(std::slice::from_ref(block), &mut |b| {
                let long = match b {
                    SheetBlock::Phrases(items) | SheetBlock::Steps(items) => items
                        .iter()
                        .map(|i| inline_text(i))
                        .find(|t| t.chars().count() > LONG_CARD_TEXT),
                    _ => None,
                };
                if let Some(text) = long {
                    let start: String = text.chars().take(40).collect();
                    let d = Diagnostic::new(&w.file, line, col, format!("worksheet `{}` has a {}-character line (“{start}…”), long for a card read from across a room", w.id, text.chars().count()))
                        .with_hint(format!("keep card lines under {LONG_CARD_TEXT} characters"));
                    out.push(d.warning());
                }
            });
        }
    }
    out
}

fn unused(file: &PathBuf, kind: &str, id: &str) -> Diagnostic {
    Diagnostic::new(file, 1, 1, format!("no week uses the {kind} `{id}`"))
        .with_hint(format!(
            "list it under `{kind}s:` in a week, or remove it; it still appears on the site"
        ))
        .warning()
}
