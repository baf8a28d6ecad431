//! The PDF engine: shape → break lines → flow into pages → frames → write.
//!
//! A component of its own: it knows fonts, styled text, boxes, pages and
//! links, and nothing of programs, weeks or people (it imports nothing else
//! of the crate). `shape` turns text into glyphs, `linebreak` and `lines`
//! set them into lines, `flow` places blocks on pages, `frame` holds finished
//! pages as plain data, `write` (the only module that imports printpdf)
//! serialises them, with `deflate` compressing the streams, `tags` building
//! the structure tree, `forms` the form fields, and `raster`
//! draws a page as a PNG. Renderers
//! (`render::print`, the workbook, the worksheets) bring the look: paper,
//! margins, type and colours.

pub mod deflate;
pub mod flow;
pub mod fonts;
pub mod forms;
pub mod frame;
pub mod image;
pub mod linebreak;
pub mod lines;
pub mod raster;
pub mod shape;
pub mod tags;
pub mod units;
pub mod write;
