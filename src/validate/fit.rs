//! Fit: whether each worksheet fits its page, found by laying it out.
//!
//! A sheet that does not fit the project's paper is an error (the build
//! would fail on it); one that is nearly full, or fits only the project's
//! paper and not the other size, is worth a warning. Each finding is a typed
//! [`Fit`] first, so `check` and `serve` can tell them apart, and becomes a
//! diagnostic only when reported.

use crate::diag::Diagnostic;
use crate::model::{Paper, Program, SheetBlock, Worksheet};
use crate::render::worksheets;
use std::path::PathBuf;

/// A share of the page above which a worksheet is reported as nearly full.
pub const NEARLY_FULL: f32 = 0.92;

/// What laying a worksheet out found.
#[derive(Debug, Clone, PartialEq)]
pub enum Fit {
    /// The sheet does not fit one page of the project's paper; the build would fail.
    Overflows(Diagnostic),
    /// Its blocks take `used` (0 to 1) of the page, more than [`NEARLY_FULL`].
    NearlyFull {
        sheet: String,
        file: PathBuf,
        at: (usize, usize),
        used: f32,
        paper: Paper,
    },
    /// It fits `paper` but not `other`: a build with `--paper <other>` would fail.
    OnlyFits {
        sheet: String,
        paper: Paper,
        other: Paper,
        /// Why it does not fit `other`, placed at the block that overflows.
        why: Diagnostic,
    },
}

impl Fit {
    /// True when a build on the project's paper would fail.
    pub fn is_error(&self) -> bool {
        matches!(self, Fit::Overflows(_))
    }

    /// The finding as `check` prints it.
    pub fn diagnostic(&self) -> Diagnostic {
        match self {
            Fit::Overflows(d) => d.clone(),
            Fit::NearlyFull {
                sheet,
                file,
                at,
                used,
                paper,
            } => Diagnostic::new(
                file,
                at.0,
                at.1,
                format!(
                    "worksheet `{sheet}` is nearly full: its blocks take {:.0}% of the {} page",
                    used * 100.0,
                    paper.label()
                ),
            )
            .with_hint(
                "a few more words may push it off the page; shorten a block or lower a `count`",
            )
            .warning(),
            Fit::OnlyFits {
                sheet,
                paper,
                other,
                why,
            } => {
                let reason = why.message.split_once(": ").map(|(_, w)| w).unwrap_or("");
                Diagnostic::new(
                    &why.file,
                    why.line,
                    why.column,
                    format!(
                        "worksheet `{sheet}` fits on {} but not on {}: {reason}",
                        paper.label(),
                        other.label()
                    ),
                )
                .with_hint(format!(
                    "a build with --paper {} will fail; shorten the sheet so it fits both",
                    other.key()
                ))
                .warning()
            }
        }
    }
}

/// Lays out every worksheet of `program` (public words in its placeholders)
/// on `paper` and on the other size, and says what it found.
pub fn review(program: &Program, paper: Paper) -> Vec<Fit> {
    let mut out = Vec::new();
    for sheet in &program.worksheets {
        let used = match worksheets::page_share(sheet, program, paper) {
            Ok(used) => used,
            Err(d) => {
                out.push(Fit::Overflows(d));
                continue;
            }
        };
        if !fills_page(sheet) && used > NEARLY_FULL {
            out.push(Fit::NearlyFull {
                sheet: sheet.id.clone(),
                file: sheet.file.clone(),
                at: sheet.block_at.last().copied().unwrap_or((1, 1)),
                used,
                paper,
            });
        }
        let other = paper.other();
        if let Err(why) = worksheets::page_share(sheet, program, other) {
            out.push(Fit::OnlyFits {
                sheet: sheet.id.clone(),
                paper,
                other,
                why,
            });
        }
    }
    out
}

/// The worksheets of `program` that do not fit one page of `paper`, as the
/// build would report them (for `serve`, which builds no PDF until asked).
pub fn overflows(program: &Program, paper: Paper) -> Vec<Diagnostic> {
    program
        .worksheets
        .iter()
        .filter_map(|sheet| worksheets::page_share(sheet, program, paper).err())
        .collect()
}

/// Sheets with write-in lines to the bottom of the page, or cut-out cards, are meant to be full.
fn fills_page(sheet: &Worksheet) -> bool {
    let mut fills = false;
    SheetBlock::walk(&sheet.blocks, &mut |b| {
        fills |= matches!(
            b,
            SheetBlock::Lines {
                to_bottom: true,
                ..
            } | SheetBlock::Cards { .. }
        );
    });
    fills
}
