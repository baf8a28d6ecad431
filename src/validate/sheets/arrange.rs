//! Blocks that arrange the page or show the program itself: the plan of weeks.
//! (Side-by-side `columns` are checked in `mod.rs`, since their blocks are checked like any other.)

use crate::load::raw::RawPlan;
use crate::model::SheetBlock;

/// The program's weeks, one row each; nothing to check.
pub(super) fn plan(p: &RawPlan) -> SheetBlock {
    SheetBlock::Plan { focus: p.focus }
}
