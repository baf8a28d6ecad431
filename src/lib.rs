//! kintsugi: builds a guided program (YAML + Markdown) into a guide site, a PDF
//! workbook and one-page fridge worksheets.
//!
//! The pipeline runs in named phases, each in its own module:
//! `load` (files → raw structs) → `validate` (raw → trusted `model`, or every
//! diagnostic) → `personalise` (model + person → named, dated program) →
//! `render` (model → site, workbook, worksheets in memory, the PDFs through
//! the `pdf` engine) → `output` (staged beside the target, swapped in only on
//! success). `app` holds the commands that run them; `main.rs` prints.

pub mod app;
pub mod cli;
pub mod config;
pub mod diag;
pub mod fs;
#[doc(hidden)]
pub mod fuzz;
pub mod load;
pub mod model;
pub mod output;
pub mod pdf;
pub mod personalise;
pub mod render;
pub mod strings;
pub mod validate;

pub use app::build::{build, check, BuildOptions, BuildReport};
