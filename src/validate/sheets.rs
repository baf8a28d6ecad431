//! Checks worksheets: block kinds, label sources, counts, and where each block may stand.

use super::Validator;
use crate::diag::Diagnostic;
use crate::load::raw::{RawLabels, RawSheetBlock, RawWorksheet};
use crate::load::Source;
use crate::model::text::{parse_blocks, parse_inline};
use crate::model::{Card, Labels, SheetBlock, Worksheet};

/// Card counts a page can be cut into.
const CARDS_PER_PAGE: [u32; 4] = [2, 4, 8, 10];

impl Validator {
    pub(super) fn worksheet(&mut self, s: &Source<RawWorksheet>, weeks: u32) -> Worksheet {
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
            .map(|(i, b)| self.sheet_block(s, b, weeks, i + 1 == n, false))
            .collect();
        Worksheet {
            id: w.id.clone(),
            title: w.title.clone(),
            subtitle: w.subtitle.clone(),
            orientation: w.orientation,
            block_at: block_positions(&s.text, n),
            blocks,
            file: s.file.clone(),
        }
    }

    fn sheet_error(&mut self, s: &Source<RawWorksheet>, key: &str, msg: String, hint: &str) {
        self.push(s.diag_at("", key, msg).with_hint(hint.to_string()));
    }

    fn labels(&mut self, s: &Source<RawWorksheet>, key: &str, l: &RawLabels, weeks: u32) -> Labels {
        match l {
            RawLabels::List(v) => {
                if v.is_empty() {
                    self.sheet_error(
                        s,
                        key,
                        format!("`{key}` has no labels"),
                        "list at least one, or name data such as `days`",
                    );
                }
                Labels::List(v.clone())
            }
            RawLabels::From(name) => match parse_source(name) {
                Some(Labels::ExercisesOfWeek(n)) if n == 0 || n > weeks => {
                    self.push(
                        s.diag_at(key, name, format!("there is no week {n}"))
                            .with_hint(format!("the program has weeks 1 to {weeks}")),
                    );
                    Labels::ExercisesOfWeek(n)
                }
                Some(l) => l,
                None => {
                    let d = s.diag_at(
                        key,
                        name,
                        format!("`{name}` is not a list of labels or a known source"),
                    );
                    self.push(d.with_hint("write a list such as [Mon, Tue], or one of `days`, `weeks`, `partners`, `exercises of week 2`"));
                    Labels::List(Vec::new())
                }
            },
        }
    }

    fn sheet_block(
        &mut self,
        s: &Source<RawWorksheet>,
        b: &RawSheetBlock,
        weeks: u32,
        last: bool,
        in_columns: bool,
    ) -> SheetBlock {
        match b {
            RawSheetBlock::Heading(h) => SheetBlock::Heading(h.clone()),
            RawSheetBlock::Text(t) => SheetBlock::Text(parse_blocks(t)),
            RawSheetBlock::Steps(x) => {
                SheetBlock::Steps(x.iter().map(|i| parse_inline(i)).collect())
            }
            RawSheetBlock::Phrases(x) => {
                SheetBlock::Phrases(x.iter().map(|i| parse_inline(i)).collect())
            }
            RawSheetBlock::CheckboxGrid(g) => {
                let rows = self.labels(s, "rows", &g.rows, weeks);
                let columns = self.labels(s, "columns", &g.columns, weeks);
                if let Labels::List(c) = &columns {
                    if c.len() > 14 {
                        self.sheet_error(
                            s,
                            "checkbox_grid",
                            format!("a checkbox grid of {} columns will not fit", c.len()),
                            "use at most 14 columns",
                        );
                    }
                }
                SheetBlock::CheckboxGrid { rows, columns }
            }
            RawSheetBlock::Rating(r) => {
                if !(2..=10).contains(&r.scale) {
                    let d = s.diag_at(
                        "scale",
                        &r.scale.to_string(),
                        format!("a rating scale of {} is not supported", r.scale),
                    );
                    self.push(d.with_hint("use a scale from 2 to 10; 5 and 10 are the usual ones"));
                }
                SheetBlock::Rating {
                    label: r.label.clone(),
                    scale: r.scale,
                    low: r.low.clone(),
                    high: r.high.clone(),
                }
            }
            RawSheetBlock::Lines(l) => {
                match (l.count, l.fill) {
                    (None, false) => self.sheet_error(
                        s,
                        "lines",
                        "write-in lines need a `count` or `fill: true`".into(),
                        "add `count: 3`, or `fill: true` to use the rest of the page",
                    ),
                    (Some(c), _) if c == 0 || c > 40 => {
                        let d = s.diag_at(
                            "count",
                            &c.to_string(),
                            format!("{c} write-in lines is not a sensible count"),
                        );
                        self.push(d.with_hint("use between 1 and 40 lines"));
                    }
                    (_, true) if !last => self.sheet_error(
                        s,
                        "fill",
                        "`fill: true` only works on the last block".into(),
                        "move these lines to the end of the sheet (or of its column)",
                    ),
                    _ => {}
                }
                SheetBlock::Lines {
                    label: l.label.clone(),
                    count: l.count.unwrap_or(1).clamp(1, 40),
                    to_bottom: l.fill,
                }
            }
            RawSheetBlock::BeforeAfter(x) => {
                if x.measures.is_empty() {
                    self.sheet_error(
                        s,
                        "measures",
                        "a before/after block needs at least one measure".into(),
                        "list what you measure, e.g. [Closeness, Arguments]",
                    );
                }
                if !(2..=100).contains(&x.scale) {
                    self.sheet_error(
                        s,
                        "before_after",
                        format!("a scale of {} is not supported", x.scale),
                        "use a scale from 2 to 100, such as 10",
                    );
                }
                SheetBlock::BeforeAfter {
                    measures: x.measures.clone(),
                    scale: x.scale,
                    before: x.before.clone(),
                    after: x.after.clone(),
                }
            }
            RawSheetBlock::Signature(x) => SheetBlock::Signature {
                names: self.labels(s, "names", &x.names, weeks),
            },
            RawSheetBlock::Cards(c) => {
                if !CARDS_PER_PAGE.contains(&c.per_page) {
                    let d = s.diag_at(
                        "per_page",
                        &c.per_page.to_string(),
                        format!("{} cards per page is not a layout kintsugi has", c.per_page),
                    );
                    self.push(d.with_hint("use 2, 4, 8 or 10"));
                }
                if c.cards.is_empty() || c.cards.len() > c.per_page as usize {
                    let msg = format!(
                        "{} cards for {} places on the page",
                        c.cards.len(),
                        c.per_page
                    );
                    self.sheet_error(s, "cards", msg, "give between one card and `per_page` cards; fewer cards repeat to fill the page");
                }
                if !last || in_columns {
                    self.sheet_error(s, "cards", "cut-out cards fill the rest of the page, so they must be the sheet's last block".into(), "move `cards` to the end, outside any `columns`");
                }
                let cards = c
                    .cards
                    .iter()
                    .map(|x| Card {
                        title: x.title.clone(),
                        text: parse_inline(&x.text),
                        lines: x.lines,
                    })
                    .collect();
                SheetBlock::Cards {
                    per_page: c.per_page,
                    cards,
                }
            }
            RawSheetBlock::Columns(c) => {
                if in_columns {
                    self.sheet_error(
                        s,
                        "columns",
                        "columns cannot be nested".into(),
                        "put the blocks straight into `left` and `right`",
                    );
                }
                let side = |v: &mut Self, blocks: &[RawSheetBlock]| -> Vec<SheetBlock> {
                    let n = blocks.len();
                    blocks
                        .iter()
                        .enumerate()
                        .map(|(i, b)| v.sheet_block(s, b, weeks, last && i + 1 == n, true))
                        .collect()
                };
                let left = side(self, &c.left);
                let right = side(self, &c.right);
                SheetBlock::Columns { left, right }
            }
            RawSheetBlock::Plan(p) => SheetBlock::Plan { focus: p.focus },
            RawSheetBlock::Log(l) => {
                if l.columns.is_empty() || l.columns.len() > 6 {
                    self.sheet_error(
                        s,
                        "log",
                        format!("a log with {} columns will not fit", l.columns.len()),
                        "use between 1 and 6 columns",
                    );
                }
                if l.rows == 0 || l.rows > 30 {
                    self.sheet_error(
                        s,
                        "log",
                        format!("a log with {} rows is not sensible", l.rows),
                        "use between 1 and 30 rows",
                    );
                }
                SheetBlock::Log {
                    columns: l.columns.clone(),
                    rows: l.rows,
                }
            }
        }
    }
}

/// A named label source: `days`, `weeks`, `partners` or `exercises of week N`.
fn parse_source(name: &str) -> Option<Labels> {
    match name.trim() {
        "days" => Some(Labels::Days),
        "weeks" => Some(Labels::Weeks),
        "partners" => Some(Labels::Partners),
        other => other
            .strip_prefix("exercises of week ")
            .and_then(|n| n.trim().parse().ok())
            .map(Labels::ExercisesOfWeek),
    }
}

/// Grids whose labels come from data must have some: `exercises of week N` of a week without exercises would not.
pub(super) fn empty_sources(
    sheets: &[Worksheet],
    program_weeks: &[crate::model::Week],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for sheet in sheets {
        SheetBlock::walk(&sheet.blocks, &mut |b| {
            if let SheetBlock::CheckboxGrid {
                rows: Labels::ExercisesOfWeek(n),
                ..
            }
            | SheetBlock::CheckboxGrid {
                columns: Labels::ExercisesOfWeek(n),
                ..
            } = b
            {
                if program_weeks
                    .iter()
                    .any(|w| w.number == *n && w.exercises.is_empty())
                {
                    let d = Diagnostic::new(&sheet.file, 1, 1, format!("worksheet `{}` takes labels from the exercises of week {n}, which has none", sheet.id));
                    out.push(d.with_hint("add exercises to that week, or write the labels out"));
                }
            }
        });
    }
    out
}

/// Where each of the `n` top-level items of `blocks:` starts (line, column),
/// found in the text because serde_yaml keeps no positions. A flow list
/// (`blocks: [...]`) or anything unexpected falls back to the `blocks:` line.
fn block_positions(text: &str, n: usize) -> Vec<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(key) = lines.iter().position(|l| l.starts_with("blocks:")) else {
        return vec![(1, 1); n];
    };
    let mut out = Vec::new();
    let mut indent = None;
    for (i, line) in lines.iter().enumerate().skip(key + 1) {
        let trimmed = line.trim_start();
        let at = line.len() - trimmed.len();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if at == 0 && !trimmed.starts_with('-') {
            break; // the next top-level key
        }
        if trimmed.starts_with("- ") || trimmed == "-" {
            let first = *indent.get_or_insert(at);
            if at == first {
                out.push((i + 1, at + 1));
            }
        }
    }
    out.resize(n, (key + 1, 1));
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_where_each_block_starts() {
        let text = "id: x\nblocks:\n  - heading: A\n  # a note\n  - lines:\n      count: 2\n  -\n    text: B\nsubtitle: s\n";
        assert_eq!(
            super::block_positions(text, 3),
            vec![(3, 3), (5, 3), (7, 3)]
        );
        assert_eq!(
            super::block_positions("blocks: [{heading: A}]\n", 1),
            vec![(1, 1)]
        );
    }
}
