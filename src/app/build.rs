//! Build: loads and checks a project, renders it, and swaps the results into the output folder.

use super::personal::{self, PersonalBuild};
use crate::diag::{count, Diagnostics};
use crate::model::{Paper, Project};
use crate::{load, output, personalise, render, validate};
use anyhow::Result;
use std::fmt;
use std::path::{Path, PathBuf};

/// What `build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The project folder.
    pub root: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// Paper size from the command line, overriding the profile's and `kintsugi.yaml`'s.
    pub paper: Option<Paper>,
    /// Lay the workbook out for double-sided printing.
    pub duplex: bool,
    /// PDFs without form fields, whatever `fillable` in kintsugi.yaml says.
    pub flat: bool,
    /// Build one person's workbook and worksheets from this profile, instead of the public outputs.
    pub profile: Option<PathBuf>,
    /// Where the site will be published, overriding `base_url` in kintsugi.yaml.
    pub base_url: Option<String>,
}

/// What a build wrote.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Set for a personal build: whose outputs these are (their folder name).
    pub person: Option<String>,
    pub out: PathBuf,
    pub site_pages: usize,
    pub workbook_pages: usize,
    pub worksheets: usize,
    pub paper: Paper,
    /// What the build did that one may not expect (week 1 beginning after a profile's start date).
    pub notes: Vec<crate::diag::Diagnostic>,
}

impl fmt::Display for BuildReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "built {}: ", self.out.display())?;
        if self.person.is_none() {
            write!(f, "site ({}), ", count(self.site_pages, "page", "pages"))?;
        }
        write!(
            f,
            "workbook.pdf ({}), worksheets ({}), {}",
            count(self.workbook_pages, "page", "pages"),
            count(self.worksheets, "sheet", "sheets"),
            self.paper.label()
        )
    }
}

/// Loads and validates the project at `root`. Content problems come back as a
/// [`crate::diag::Diagnostics`] error holding every one of them.
pub fn check(root: &Path) -> Result<Project> {
    let (raw, diags) = load::load(root)?;
    Ok(validate::validate(raw, diags).map_err(|d| d.with_sources(root))?)
}

/// Checks, renders and writes everything; writes nothing if any step fails.
/// Problems found while rendering (a sheet that does not fit, a template
/// that fails) are shown with their source line, as `check` shows them.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    build_unplaced(opts).map_err(|e| match e.downcast::<Diagnostics>() {
        Ok(d) => d.sorted().with_sources(&opts.root).into(),
        Err(e) => e,
    })
}

fn build_unplaced(opts: &BuildOptions) -> Result<BuildReport> {
    let mut project = check(&opts.root)?;
    if let Some(url) = &opts.base_url {
        project.config.base_url = url.clone();
    }
    if opts.flat {
        project.config.fillable = false;
    }
    if let Some(profile) = &opts.profile {
        let (person, notes) = personal::read_person_with_notes(&project, profile)?;
        let report = build_personal(&PersonalBuild::new(&project, &person, opts.paper), opts)?;
        return Ok(BuildReport { notes, ..report });
    }
    // Public outputs get neutral words for placeholders, never a person's data.
    project.program = personalise::public(&project.program);
    let paper = personal::paper(opts.paper, None, &project);
    let mut counts = (0, 0, 0);
    output::publish_with(&opts.out, |emit| {
        counts = render::render_all_streamed(&project, paper, opts.duplex, &mut |f| {
            emit.file(&f.path, &f.bytes)
        })?;
        Ok(())
    })?;
    let (site_pages, workbook_pages, worksheets) = counts;
    Ok(BuildReport {
        person: None,
        out: opts.out.clone(),
        site_pages,
        workbook_pages,
        worksheets,
        paper,
        notes: Vec::new(),
    })
}

/// One person's workbook and worksheets, into `<out>/personal/<folder>/`.
fn build_personal(person: &PersonalBuild, opts: &BuildOptions) -> Result<BuildReport> {
    let made = person.files(opts.duplex)?;
    let out = opts.out.join("personal").join(&person.folder);
    output::publish(&out, &made.files)?;
    Ok(BuildReport {
        person: Some(person.folder.clone()),
        out,
        site_pages: 0,
        workbook_pages: made.workbook_pages,
        worksheets: made.worksheets,
        paper: person.paper,
        notes: Vec::new(),
    })
}
