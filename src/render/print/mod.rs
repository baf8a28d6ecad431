//! Print: the look of everything kintsugi prints, and the model's prose as engine blocks.
//!
//! The PDF engine (`crate::pdf`) knows boxes and styled text; this module
//! says what they look like on paper (`style`: paper sizes, margins, type,
//! colours) and turns the model's Markdown tree into flow blocks (`prose`).
//! The workbook and the worksheets compose pages from both.

pub mod prose;
pub mod style;
