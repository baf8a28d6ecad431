//! App: the commands, each a short pipeline over the phases below it.
//!
//! `build` checks a project and writes its public outputs or one person's,
//! `personal` is the one way a person's outputs are made (for `build
//! --profile`, `batch` and `serve --profile` alike), `batch` does it for a
//! whole people list, `serve` keeps the site in memory while files change,
//! and `scaffold` writes a new project. Nothing here prints: `main.rs` does.

pub mod batch;
pub mod build;
pub mod personal;
pub mod scaffold;
pub mod serve;
pub mod theme;
