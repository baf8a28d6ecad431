//! Render: the three outputs, made from the checked model without touching disk.
//!
//! Takes a read-only [`Project`] and a paper size; gives every output file in
//! memory, so `output` can stage and swap them in one go. A worksheet that
//! does not fit its page stops the build with a diagnostic.

pub mod pdf;
pub mod site;
pub mod workbook;
pub mod worksheets;

use crate::config::Paper;
use crate::diag::Diagnostics;
use crate::model::Project;
use crate::output::OutputFile;
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
pub fn workbook_pdf(project: &Project, opts: workbook::Options) -> Result<Pdf> {
    let doc = workbook::compose(&project.program, &project.config.language, opts);
    let bytes = pdf::write::write(&doc).context("cannot write the workbook")?;
    Ok(Pdf {
        bytes,
        pages: doc.pages.len(),
    })
}

/// Lays out and writes every worksheet, in content order; all overflows are reported together.
pub fn worksheet_pdfs(project: &Project, paper: Paper) -> Result<Vec<(String, Pdf)>> {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for sheet in &project.program.worksheets {
        match worksheets::compose(sheet, &project.config.language, paper) {
            Ok(doc) => {
                let bytes = pdf::write::write(&doc)
                    .with_context(|| format!("cannot write worksheet {}", sheet.id))?;
                out.push((
                    sheet.id.clone(),
                    Pdf {
                        bytes,
                        pages: doc.pages.len(),
                    },
                ));
            }
            Err(d) => diags.push(d),
        }
    }
    if !diags.is_empty() {
        return Err(Diagnostics(diags).sorted().into());
    }
    Ok(out)
}

/// Renders the site, the workbook and the worksheets.
pub fn render_all(project: &Project, paper: Paper, duplex: bool) -> Result<Rendered> {
    let workbook = workbook_pdf(project, workbook::Options { paper, duplex })?;
    let sheets = worksheet_pdfs(project, paper)?;
    let site = site::render(project, paper, &workbook, &sheets)?;
    let mut files = Vec::new();
    let site_pages = site
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "html"))
        .count();
    files.extend(site.into_iter().map(|f| OutputFile {
        path: std::path::Path::new("site").join(f.path),
        bytes: f.bytes,
    }));
    files.push(OutputFile {
        path: "workbook.pdf".into(),
        bytes: workbook.bytes.clone(),
    });
    for (id, pdf) in &sheets {
        files.push(OutputFile {
            path: format!("worksheets/{id}.pdf").into(),
            bytes: pdf.bytes.clone(),
        });
    }
    Ok(Rendered {
        files,
        site_pages,
        workbook_pages: workbook.pages,
        worksheets: sheets.len(),
    })
}
