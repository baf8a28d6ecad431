//! Render: the three outputs, made from the checked model without touching disk.
//!
//! Takes a read-only [`Project`] and a paper size; gives every output file in
//! memory, so `output` can stage and swap them in one go. A worksheet that
//! does not fit its page stops the build with a diagnostic.

pub mod print;
pub mod site;
pub mod workbook;
pub mod worksheets;

use crate::diag::Diagnostics;
use crate::model::Paper;
use crate::model::Project;
use crate::model::Worksheet;
use crate::output::OutputFile;
use crate::pdf;
use crate::personalise::Personal;
use anyhow::{Context, Result};

/// Everything a build writes, with a few counts for the report.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub files: Vec<OutputFile>,
    pub site_pages: usize,
    pub workbook_pages: usize,
    pub worksheets: usize,
}

/// A rendered PDF and its page count.
#[derive(Debug, Clone)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// Lays out and writes the workbook.
pub fn workbook_pdf(
    project: &Project,
    opts: workbook::Options,
    personal: Option<&Personal>,
) -> Result<Pdf> {
    let mut doc = workbook::compose(&project.program, &project.config.language, opts, personal);
    if !project.config.fillable {
        doc.flatten();
    }
    let bytes = pdf::write::write(&doc).context("cannot write the workbook")?;
    Ok(Pdf {
        bytes,
        pages: doc.pages.len(),
    })
}

/// Every worksheet as its own PDF, and all of them in one PDF for a single print job.
#[derive(Debug, Clone)]
pub struct SheetPdfs {
    /// (worksheet id, PDF), in content order.
    pub each: Vec<(String, Pdf)>,
    /// Every sheet, one per page.
    pub all: Pdf,
    /// Each sheet's page as laid out, in the order of `each` (the site draws its thumbnails from them).
    pub pages: Vec<pdf::frame::Page>,
    /// The site's thumbnails of the sheets, when drawn beside the workbook
    /// (see [`render_all_streamed`]); the site draws them itself otherwise.
    pub thumbs: Option<site::Thumbnails>,
}

/// Lays out and writes every worksheet, in content order; all overflows are reported together.
pub fn worksheet_pdfs(project: &Project, paper: Paper) -> Result<SheetPdfs> {
    sheet_pdfs(project, &project.program.worksheets_in_plan_order(), paper)
}

/// Lays out and writes `ordered` sheets, and all of them in one file.
pub fn sheet_pdfs(project: &Project, ordered: &[&Worksheet], paper: Paper) -> Result<SheetPdfs> {
    let mut each = Vec::new();
    let mut all_pages = Vec::new();
    let mut diags = Vec::new();
    let program = &project.program;
    for sheet in ordered {
        match worksheets::compose(sheet, program, &project.config.language, paper) {
            Ok(mut doc) => {
                if !project.config.fillable {
                    doc.flatten();
                }
                let bytes = pdf::write::write(&doc)
                    .with_context(|| format!("cannot write worksheet {}", sheet.id))?;
                each.push((
                    sheet.id.clone(),
                    Pdf {
                        bytes,
                        pages: doc.pages.len(),
                    },
                ));
                all_pages.extend(doc.pages);
            }
            Err(d) => diags.push(d),
        }
    }
    if !diags.is_empty() {
        return Err(Diagnostics(diags).sorted().into());
    }
    let all = pdf::frame::Document {
        fonts: print::style::font_set(&program.brand).id,
        title: format!(
            "{} · {}",
            program.title,
            program.strings.get("worksheets_title")
        ),
        author: program.brand.name.clone().unwrap_or_default(),
        subject: program.summary.clone(),
        language: project.config.language.clone(),
        outline: ordered
            .iter()
            .enumerate()
            .map(|(page, w)| pdf::frame::OutlineEntry {
                title: w.title.clone(),
                page,
                level: 0,
                y: pdf::units::Pt::ZERO,
            })
            .collect(),
        pages: all_pages,
        anchors: Vec::new(),
        labels: Vec::new(),
    };
    let bytes = pdf::write::write(&all).context("cannot write worksheets/all.pdf")?;
    Ok(SheetPdfs {
        thumbs: None,
        each,
        all: Pdf {
            bytes,
            pages: all.pages.len(),
        },
        pages: all.pages,
    })
}

/// Renders the site, the workbook and the worksheets.
pub fn render_all(project: &Project, paper: Paper, duplex: bool) -> Result<Rendered> {
    let mut files = Vec::new();
    let (site_pages, workbook_pages, worksheets) =
        render_all_streamed(project, paper, duplex, &mut |f| {
            files.push(f);
            Ok(())
        })?;
    Ok(Rendered {
        files,
        site_pages,
        workbook_pages,
        worksheets,
    })
}

/// As [`render_all`], handing each file to `sink` as soon as it is made (the
/// site page by page), so the whole site never sits in memory at once.
/// Returns the site's page count, the workbook's page count and the number
/// of worksheets. The workbook and the worksheets are made at the same time.
pub fn render_all_streamed(
    project: &Project,
    paper: Paper,
    duplex: bool,
    sink: &mut dyn FnMut(OutputFile) -> Result<()>,
) -> Result<(usize, usize, usize)> {
    // The sheets and their thumbnails take about as long as the workbook:
    // the two sides keep both cores busy.
    let (workbook, sheets) = rayon::join(
        || workbook_pdf(project, workbook::Options { paper, duplex }, None),
        || {
            let mut sheets = worksheet_pdfs(project, paper)?;
            sheets.thumbs = Some(site::thumbnails(&sheets, &project.program.brand)?);
            Ok::<_, anyhow::Error>(sheets)
        },
    );
    let (workbook, sheets) = (workbook?, sheets?);
    // A set: a static page replacing a rendered one is written twice but is one page.
    let mut html = std::collections::HashSet::new();
    site::render_streamed(project, paper, Some((&workbook, &sheets)), &mut |f| {
        if f.path.extension().is_some_and(|e| e == "html") {
            html.insert(f.path.clone());
        }
        sink(OutputFile {
            path: std::path::Path::new("site").join(f.path),
            bytes: f.bytes,
        })
    })?;
    let worksheets = sheets.each.len();
    let workbook_pages = workbook.pages;
    sink(OutputFile {
        path: "workbook.pdf".into(),
        bytes: workbook.bytes,
    })?;
    for (id, pdf) in sheets.each {
        sink(OutputFile {
            path: format!("worksheets/{id}.pdf").into(),
            bytes: pdf.bytes,
        })?;
    }
    sink(OutputFile {
        path: "worksheets/all.pdf".into(),
        bytes: sheets.all.bytes,
    })?;
    Ok((html.len(), workbook_pages, worksheets))
}
