//! Scales: a rating from 1 to N, and measures taken before and after.

use super::{bad_value, problem, BlockAt};
use crate::diag::Diagnostic;
use crate::load::raw::{RawBeforeAfter, RawRating, RawWorksheet};
use crate::load::Source;
use crate::model::SheetBlock;

pub(super) fn rating(
    s: &Source<RawWorksheet>,
    r: &RawRating,
    at: &BlockAt,
    found: &mut Vec<Diagnostic>,
) -> SheetBlock {
    if !(2..=10).contains(&r.scale) {
        found.push(bad_value(
            s,
            &at.key("rating", "scale"),
            format!("a rating scale of {} is not supported", r.scale),
            "use a scale from 2 to 10; 5 and 10 are the usual ones",
        ));
    }
    SheetBlock::Rating {
        label: r.label.clone(),
        scale: r.scale,
        low: r.low.clone(),
        high: r.high.clone(),
    }
}

pub(super) fn before_after(
    s: &Source<RawWorksheet>,
    x: &RawBeforeAfter,
    at: &BlockAt,
    found: &mut Vec<Diagnostic>,
) -> SheetBlock {
    if x.measures.is_empty() {
        found.push(problem(
            s,
            &at.key("before_after", "measures"),
            "a before/after block needs at least one measure".into(),
            "list what you measure, e.g. [Closeness, Arguments]",
        ));
    }
    if !(2..=100).contains(&x.scale) {
        found.push(bad_value(
            s,
            &at.key("before_after", "scale"),
            format!("a scale of {} is not supported", x.scale),
            "use a scale from 2 to 100, such as 10",
        ));
    }
    SheetBlock::BeforeAfter {
        measures: x.measures.clone(),
        scale: x.scale,
        before: x.before.clone(),
        after: x.after.clone(),
    }
}
