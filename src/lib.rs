//! kintsugi: builds a guided program (YAML + Markdown) into a guide site, a PDF
//! workbook and one-page fridge worksheets.
//!
//! The pipeline runs in named phases, each in its own module:
//! `load` (files → raw structs) → `validate` (raw → trusted model, or every
//! diagnostic) → `render` (model → site, workbook, worksheets in memory) →
//! `output` (staged beside the target, swapped in only on success).

pub mod batch;
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
pub mod scaffold;
pub mod serve;
pub mod validate;

use anyhow::Result;
use model::Paper;
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
}

impl fmt::Display for BuildReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.person.is_some() {
            return write!(
                f,
                "built {}: workbook.pdf ({} pages), worksheets ({} sheets), {}",
                self.out.display(),
                self.workbook_pages,
                self.worksheets,
                self.paper.label()
            );
        }
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
    Ok(validate::validate(raw, diags).map_err(|d| d.with_sources(root))?)
}

/// Things worth a look that do not stop a build: items no week uses, long
/// card lines, worksheets that are nearly full or fit only one paper size.
pub fn warnings(project: &Project) -> Vec<diag::Diagnostic> {
    review(project)
        .into_iter()
        .filter(|d| d.severity == diag::Severity::Warning)
        .collect()
}

/// A share of the page above which a worksheet is reported as nearly full.
const NEARLY_FULL: f32 = 0.92;

/// Everything `kintsugi check` reports about a project that loaded: the
/// warnings, and worksheets that do not fit on one page (errors, which
/// otherwise only a build finds, since it takes laying the sheets out).
pub fn review(project: &Project) -> Vec<diag::Diagnostic> {
    let mut out = validate::warnings(&project.program);
    // Sheets are laid out as the public ones are printed: placeholders filled with neutral words.
    let program = personalise::public(&project.program);
    let paper = project.config.paper;
    let other = match paper {
        Paper::A4 => Paper::Letter,
        Paper::Letter => Paper::A4,
    };
    for sheet in &program.worksheets {
        // Sheets with write-in lines that fill the page, or cut-out cards, are meant to be full.
        let mut fills_page = false;
        validate::visit_sheet_blocks(&sheet.blocks, &mut |b| {
            fills_page |= matches!(
                b,
                model::SheetBlock::Lines { fill: true, .. } | model::SheetBlock::Cards { .. }
            );
        });
        let used = match render::worksheets::fill(sheet, &program, paper) {
            Ok(used) => used,
            Err(d) => {
                out.push(d);
                continue;
            }
        };
        let (line, col) = sheet.block_at.last().copied().unwrap_or((1, 1));
        if !fills_page && used > NEARLY_FULL {
            out.push(
                diag::Diagnostic::new(
                    &sheet.file,
                    line,
                    col,
                    format!(
                        "worksheet `{}` is nearly full: its blocks take {:.0}% of the {} page",
                        sheet.id,
                        used * 100.0,
                        paper.label()
                    ),
                )
                .with_hint(
                    "a few more words may push it off the page; shorten a block or lower a `count`",
                )
                .warning(),
            );
        }
        if let Err(d) = render::worksheets::fill(sheet, &program, other) {
            let why = d.message.split_once(": ").map(|(_, w)| w).unwrap_or("");
            out.push(
                diag::Diagnostic::new(
                    &d.file,
                    d.line,
                    d.column,
                    format!(
                        "worksheet `{}` fits on {} but not on {}: {why}",
                        sheet.id,
                        paper.label(),
                        other.label()
                    ),
                )
                .with_hint(format!(
                    "a build with --paper {} will fail; shorten the sheet so it fits both",
                    match other {
                        Paper::A4 => "a4",
                        Paper::Letter => "letter",
                    }
                ))
                .warning(),
            );
        }
    }
    out.into_iter()
        .map(|d| d.with_source_from(&project.root))
        .collect()
}

/// Checks, renders and writes everything; writes nothing if any step fails.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let mut project = check(&opts.root)?;
    if let Some(url) = &opts.base_url {
        project.config.base_url = url.clone();
    }
    if let Some(profile) = &opts.profile {
        return build_personal(&project, opts, profile);
    }
    // Public outputs get neutral words for placeholders, never a person's data.
    project.program = personalise::public(&project.program);
    let paper = opts.paper.unwrap_or(project.config.paper);
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
    })
}

/// Reads and checks a profile against the project's program.
pub fn read_person(project: &Project, path: &Path) -> Result<model::person::Person> {
    let source = match load::profile::read_profile(path)? {
        Ok(s) => s,
        Err(d) => return Err(diag::Diagnostics(vec![d]).into()),
    };
    validate::profile::validate_profile(&source, &project.program)
        .map_err(|d| diag::Diagnostics(d).sorted().into())
}

/// A safe, readable folder name for a person: ASCII letters, digits and hyphens.
pub fn slug(person: &model::person::Person) -> String {
    let ascii = deunicode::deunicode(&person.names().replace('&', "and"));
    let mut out = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "person".into()
    } else if validate::is_reserved_name(&out) {
        // "Con" is a fine name, but not a folder name on Windows.
        format!("{out}-1")
    } else {
        out
    }
}

fn build_personal(project: &Project, opts: &BuildOptions, profile: &Path) -> Result<BuildReport> {
    let person = read_person(project, profile)?;
    let paper = opts.paper.or(person.paper).unwrap_or(project.config.paper);
    let (program, personal) =
        personalise::personalise(&project.program, &person, &project.config.language);
    let personal_project = Project {
        program,
        ..project.clone()
    };
    let slug = slug(&person);
    let (files, workbook_pages) =
        render::personal_files(&personal_project, &personal, paper, opts.duplex)?;
    let worksheets = files
        .iter()
        .filter(|f| f.path.starts_with("worksheets") && !f.path.ends_with("all.pdf"))
        .count();
    let out = opts.out.join("personal");
    output::publish(&out.join(&slug), &files)?;
    Ok(BuildReport {
        person: Some(slug.clone()),
        out: out.join(&slug),
        site_pages: 0,
        workbook_pages,
        worksheets,
        paper,
    })
}
