//! The PDF engine: measure → place → frames → write.
//!
//! `measure` shapes and breaks text, `layout` places blocks into pages,
//! `frame` holds finished pages as plain data, and `write` (the only module
//! that imports printpdf) serialises them. The workbook and the worksheets are
//! two compositions over this engine.

pub mod deflate;
pub mod fonts;
pub mod frame;
pub mod layout;
pub mod linebreak;
pub mod measure;
pub mod prose;
pub mod units;
pub mod write;
