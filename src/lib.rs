//! kintsugi: builds a guided program (YAML + Markdown) into a guide site, a PDF
//! workbook and one-page fridge worksheets.
//!
//! The pipeline runs in named phases, each in its own module:
//! `load` (files → raw structs) → `validate` (raw → trusted model, or every
//! diagnostic) → `render` (model → site, workbook, worksheets in memory) →
//! `output` (staged beside the target, swapped in only on success).

pub mod cli;
pub mod config;
pub mod diag;
pub mod fs;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod validate;

use anyhow::Result;
use config::Paper;
use model::Project;
use std::fmt;
use std::path::{Path, PathBuf};

/// What `build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The project folder.
    pub root: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// Paper size, overriding `kintsugi.yaml`.
    pub paper: Option<Paper>,
    /// Lay the workbook out for double-sided printing.
    pub duplex: bool,
}

/// What a build wrote.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub out: PathBuf,
    pub site_pages: usize,
    pub workbook_pages: usize,
    pub worksheets: usize,
    pub paper: Paper,
}

impl fmt::Display for BuildReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "built {}: site ({} pages), workbook.pdf ({} pages), worksheets ({} sheets), {}",
            self.out.display(),
            self.site_pages,
            self.workbook_pages,
            self.worksheets,
            self.paper.label()
        )
    }
}

/// Loads and validates the project at `root`. Content problems come back as a
/// [`diag::Diagnostics`] error holding every one of them.
pub fn check(root: &Path) -> Result<Project> {
    let (raw, diags) = load::load(root)?;
    Ok(validate::validate(raw, diags)?)
}

/// Checks, renders and writes everything; writes nothing if any step fails.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let project = check(&opts.root)?;
    let paper = opts.paper.unwrap_or(project.config.paper);
    let rendered = render::render_all(&project, paper, opts.duplex)?;
    output::publish(&opts.out, &rendered.files)?;
    Ok(BuildReport {
        out: opts.out.clone(),
        site_pages: rendered.site_pages,
        workbook_pages: rendered.workbook_pages,
        worksheets: rendered.worksheets,
        paper,
    })
}
