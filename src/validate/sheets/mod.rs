//! Checks worksheets: block kinds, label sources, counts, and where each block may stand.
//!
//! One function per family of blocks (`text`, `grids`, `scales`, `write_in`,
//! `cards`, `arrange`); each places its problems at its own block, found by
//! the block's path in the file (`blocks.2.log.rows`), so a second block of
//! a kind is never reported at the first one.

mod arrange;
mod cards;
mod grids;
mod image;
mod scales;
mod text;
mod write_in;

use super::Validator;
use crate::diag::Diagnostic;
use crate::load::raw::{RawSheetBlock, RawWorksheet};
use crate::load::Source;
use crate::model::{Labels, SheetBlock, Week, Worksheet};
pub(super) use image::images;

/// Where a block stands, for its checks.
#[derive(Debug, Clone)]
pub(super) struct BlockAt {
    /// Its path in the file, e.g. `blocks.2` or `blocks.4.columns.left.0`.
    path: String,
    /// The program's number of weeks, for labels that name a week; None when
    /// program.md has problems of its own.
    weeks: Option<u32>,
    /// It is the last block of the sheet (or of a column that is last).
    last: bool,
    /// It stands inside `columns`.
    in_columns: bool,
}

impl BlockAt {
    /// The path of the key `key` of this block's kind `kind`: `blocks.2.log.rows`.
    fn key(&self, kind: &str, key: &str) -> String {
        if key.is_empty() {
            format!("{}.{kind}", self.path)
        } else {
            format!("{}.{kind}.{key}", self.path)
        }
    }
}

/// A problem at the node `path` of the sheet, with a hint.
fn problem(s: &Source<RawWorksheet>, path: &str, msg: String, hint: &str) -> Diagnostic {
    s.diag_path(path, msg).with_hint(hint.to_string())
}

/// A problem at the value of `path` (a number or a name that is wrong), with a hint.
fn bad_value(s: &Source<RawWorksheet>, path: &str, msg: String, hint: &str) -> Diagnostic {
    let (line, col) = s.value_at(path);
    Diagnostic::new(&s.file, line, col, msg).with_hint(hint.to_string())
}

impl Validator {
    pub(super) fn worksheet(&mut self, s: &Source<RawWorksheet>, weeks: Option<u32>) -> Worksheet {
        let w = &s.value;
        self.check_id(s, &w.id);
        if w.id == "all" {
            let d = s.diag_at(
                "id",
                "all",
                "the worksheet id `all` is taken: worksheets/all.pdf holds every sheet",
            );
            self.push(d.with_hint("choose another id"));
        }
        self.non_empty(s, "title", &w.title);
        let n = w.blocks.len();
        let blocks = w
            .blocks
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let at = BlockAt {
                    path: format!("blocks.{i}"),
                    weeks,
                    last: i + 1 == n,
                    in_columns: false,
                };
                self.sheet_block(s, b, &at)
            })
            .collect();
        Worksheet {
            id: w.id.clone(),
            title: w.title.clone(),
            doc_title: None,
            field_name: None,
            subtitle: w.subtitle.clone(),
            orientation: w.orientation,
            block_at: (0..n).map(|i| block_start(s, i)).collect(),
            blocks,
            file: s.file.clone(),
        }
    }

    /// Checks one block and builds it; problems are kept in the validator.
    pub(super) fn sheet_block(
        &mut self,
        s: &Source<RawWorksheet>,
        b: &RawSheetBlock,
        at: &BlockAt,
    ) -> SheetBlock {
        let mut found = Vec::new();
        let block = match b {
            RawSheetBlock::Heading(h) => text::heading(h),
            RawSheetBlock::Text(t) => text::text(t),
            RawSheetBlock::Steps(x) => text::steps(x),
            RawSheetBlock::Phrases(x) => text::phrases(x),
            RawSheetBlock::CheckboxGrid(g) => grids::checkbox_grid(s, g, at, &mut found),
            RawSheetBlock::Signature(x) => grids::signature(s, x, at, &mut found),
            RawSheetBlock::Rating(r) => scales::rating(s, r, at, &mut found),
            RawSheetBlock::BeforeAfter(x) => scales::before_after(s, x, at, &mut found),
            RawSheetBlock::Lines(l) => write_in::lines(s, l, at, &mut found),
            RawSheetBlock::Log(l) => write_in::log(s, l, at, &mut found),
            RawSheetBlock::Cards(c) => cards::cards(s, c, at, &mut found),
            RawSheetBlock::Plan(p) => arrange::plan(p),
            RawSheetBlock::Image(x) => image::image(s, x, at, &mut found),
            RawSheetBlock::Columns(c) => {
                if at.in_columns {
                    found.push(problem(
                        s,
                        &at.key("columns", ""),
                        "columns cannot be nested".into(),
                        "put the blocks straight into `left` and `right`",
                    ));
                }
                let left = self.column(s, &c.left, at, "left");
                let right = self.column(s, &c.right, at, "right");
                SheetBlock::Columns { left, right }
            }
        };
        self.diags.extend(found);
        block
    }

    /// The blocks of one side of `columns`.
    fn column(
        &mut self,
        s: &Source<RawWorksheet>,
        blocks: &[RawSheetBlock],
        at: &BlockAt,
        side: &str,
    ) -> Vec<SheetBlock> {
        let n = blocks.len();
        blocks
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let inner = BlockAt {
                    path: format!("{}.columns.{side}.{i}", at.path),
                    weeks: at.weeks,
                    last: at.last && i + 1 == n,
                    in_columns: true,
                };
                self.sheet_block(s, b, &inner)
            })
            .collect()
    }
}

/// Where the `i`-th block of `blocks:` starts: at its list dash when it has
/// one (the dash may stand alone on the line above), else at its first key.
fn block_start(s: &Source<RawWorksheet>, i: usize) -> (usize, usize) {
    let (line, col) = s.value_at(&format!("blocks.{i}"));
    let lines: Vec<&str> = s.text.lines().collect();
    let mut at = (line, col);
    let mut before: String = lines
        .get(line - 1)
        .map(|l| l.chars().take(col - 1).collect())
        .unwrap_or_default();
    loop {
        let trimmed = before.trim_end();
        if let Some(dash) = trimmed.strip_suffix('-') {
            if dash.trim().is_empty() {
                return (at.0, dash.chars().count() + 1);
            }
        }
        // Only white space before the block on this line: the dash may be on the one above.
        if !trimmed.is_empty() || at.0 < 2 {
            return (line, col);
        }
        at.0 -= 1;
        before = lines.get(at.0 - 1).copied().unwrap_or("").to_string();
    }
}

/// Grids whose labels come from data must have some: `exercises of week N` of a week without exercises would not.
pub(super) fn empty_sources(sheets: &[Worksheet], program_weeks: &[Week]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for sheet in sheets {
        for (i, block) in sheet.blocks.iter().enumerate() {
            SheetBlock::walk(std::slice::from_ref(block), &mut |b| {
                let SheetBlock::CheckboxGrid { rows, columns } = b else {
                    return;
                };
                for labels in [rows, columns] {
                    let Labels::ExercisesOfWeek(n) = labels else {
                        continue;
                    };
                    if program_weeks
                        .iter()
                        .any(|w| w.number == *n && w.exercises.is_empty())
                    {
                        let (line, col) = sheet.block_at.get(i).copied().unwrap_or((1, 1));
                        let d = Diagnostic::new(&sheet.file, line, col, format!("worksheet `{}` takes labels from the exercises of week {n}, which has none", sheet.id));
                        out.push(
                            d.with_hint("add exercises to that week, or write the labels out"),
                        );
                    }
                }
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_start_at_their_dash_and_flow_lists_at_their_item() {
        let text = "id: x\nblocks:\n  - heading: A\n  # a note\n  - lines:\n      count: 2\n  -\n    text: B\nsubtitle: s\n";
        let raw: RawWorksheet = serde_yaml::from_str("id: x\ntitle: t\nblocks: []").unwrap();
        let s = Source::new("w.yaml".into(), text.into(), raw.clone(), String::new(), 1);
        let at: Vec<_> = (0..3).map(|i| block_start(&s, i)).collect();
        assert_eq!(at, vec![(3, 3), (5, 3), (7, 3)]);
        let s = Source::new(
            "w.yaml".into(),
            "blocks: [{heading: A}, {heading: B}]\n".into(),
            raw,
            String::new(),
            1,
        );
        assert_eq!(block_start(&s, 1), (1, 24));
    }
}
