//! Room to write: ruled lines (a count, or to the bottom of the page) and logs.

use super::{bad_value, problem, BlockAt};
use crate::diag::Diagnostic;
use crate::load::raw::{RawLines, RawLog, RawWorksheet};
use crate::load::Source;
use crate::model::SheetBlock;

pub(super) fn lines(
    s: &Source<RawWorksheet>,
    l: &RawLines,
    at: &BlockAt,
    found: &mut Vec<Diagnostic>,
) -> SheetBlock {
    match (l.count, l.fill) {
        (None, false) => found.push(problem(
            s,
            &at.key("lines", ""),
            "write-in lines need a `count` or `fill: true`".into(),
            "add `count: 3`, or `fill: true` to use the rest of the page",
        )),
        (Some(c), _) if c == 0 || c > 40 => found.push(bad_value(
            s,
            &at.key("lines", "count"),
            format!("{c} write-in lines is not a sensible count"),
            "use between 1 and 40 lines",
        )),
        (_, true) if !at.last => found.push(problem(
            s,
            &at.key("lines", "fill"),
            "`fill: true` only works on the last block".into(),
            "move these lines to the end of the sheet (or of its column)",
        )),
        _ => {}
    }
    SheetBlock::Lines {
        label: l.label.clone(),
        count: l.count.unwrap_or(1).clamp(1, 40),
        to_bottom: l.fill,
    }
}

pub(super) fn log(
    s: &Source<RawWorksheet>,
    l: &RawLog,
    at: &BlockAt,
    found: &mut Vec<Diagnostic>,
) -> SheetBlock {
    if l.columns.is_empty() || l.columns.len() > 6 {
        found.push(problem(
            s,
            &at.key("log", "columns"),
            format!("a log with {} columns will not fit", l.columns.len()),
            "use between 1 and 6 columns",
        ));
    }
    if l.rows == 0 || l.rows > 30 {
        found.push(bad_value(
            s,
            &at.key("log", "rows"),
            format!("a log with {} rows is not sensible", l.rows),
            "use between 1 and 30 rows",
        ));
    }
    SheetBlock::Log {
        columns: l.columns.clone(),
        rows: l.rows,
    }
}
