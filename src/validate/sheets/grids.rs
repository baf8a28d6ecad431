//! Grids and names: checkbox grids and signature lines, and the labels they take
//! (a list, or data: `days`, `weeks`, `partners`, `exercises of week N`).

use super::{bad_value, problem, BlockAt};
use crate::diag::Diagnostic;
use crate::load::raw::{RawGrid, RawLabels, RawSignature, RawWorksheet};
use crate::load::Source;
use crate::model::{Labels, SheetBlock};

/// The most columns a checkbox grid can have.
const MAX_COLUMNS: usize = 14;

pub(super) fn checkbox_grid(
    s: &Source<RawWorksheet>,
    g: &RawGrid,
    at: &BlockAt,
    found: &mut Vec<Diagnostic>,
) -> SheetBlock {
    let rows = labels(
        s,
        &at.key("checkbox_grid", "rows"),
        &g.rows,
        at.weeks,
        found,
    );
    let columns = labels(
        s,
        &at.key("checkbox_grid", "columns"),
        &g.columns,
        at.weeks,
        found,
    );
    if let Labels::List(c) = &columns {
        if c.len() > MAX_COLUMNS {
            found.push(problem(
                s,
                &at.key("checkbox_grid", "columns"),
                format!("a checkbox grid of {} columns will not fit", c.len()),
                "use at most 14 columns",
            ));
        }
    }
    SheetBlock::CheckboxGrid { rows, columns }
}

pub(super) fn signature(
    s: &Source<RawWorksheet>,
    x: &RawSignature,
    at: &BlockAt,
    found: &mut Vec<Diagnostic>,
) -> SheetBlock {
    SheetBlock::Signature {
        names: labels(s, &at.key("signature", "names"), &x.names, at.weeks, found),
    }
}

/// The labels at `path`: a list as written, or the data a name stands for.
fn labels(
    s: &Source<RawWorksheet>,
    path: &str,
    l: &RawLabels,
    weeks: Option<u32>,
    found: &mut Vec<Diagnostic>,
) -> Labels {
    let key = path.rsplit('.').next().unwrap_or(path);
    match l {
        RawLabels::List(v) => {
            if v.is_empty() {
                found.push(problem(
                    s,
                    path,
                    format!("`{key}` has no labels"),
                    "list at least one, or name data such as `days`",
                ));
            }
            Labels::List(v.clone())
        }
        RawLabels::From(name) => match parse_source(name) {
            Some(Labels::ExercisesOfWeek(n)) if weeks.is_some_and(|w| n == 0 || n > w) => {
                found.push(bad_value(
                    s,
                    path,
                    format!("there is no week {n}"),
                    &format!("the program has weeks 1 to {}", weeks.unwrap_or(0)),
                ));
                Labels::ExercisesOfWeek(n)
            }
            Some(l) => l,
            None => {
                found.push(bad_value(
                    s,
                    path,
                    format!("`{name}` is not a list of labels or a known source"),
                    "write a list such as [Mon, Tue], or one of `days`, `weeks`, `partners`, `exercises of week 2`",
                ));
                Labels::List(Vec::new())
            }
        },
    }
}

/// A named label source: `days`, `weeks`, `partners` or `exercises of week N`.
fn parse_source(name: &str) -> Option<Labels> {
    match name.trim() {
        "days" => Some(Labels::Days),
        "weeks" => Some(Labels::Weeks),
        "partners" | "people" => Some(Labels::Partners),
        other => other
            .strip_prefix("exercises of week ")
            .and_then(|n| n.trim().parse().ok())
            .map(Labels::ExercisesOfWeek),
    }
}
