//! The guide site: typed views rendered through Tera templates into HTML files.
//!
//! Takes the model (never a profile: the site is public) plus the rendered
//! PDFs it offers for download; gives files relative to the site folder.
//! Templates are embedded in the binary; a project's own `templates/` files
//! override them by name. Every link is relative, so the site works from a
//! domain root, a subpath, or straight from disk.

pub mod fonts;
pub mod html;
pub mod images;
mod links;
mod pages;
pub mod search;
mod sitemap;

pub use sitemap::note as sitemap_note;
pub mod theme;
pub mod thumbs;
pub mod urls;
pub mod views;

use super::Pdf;
use crate::model::{Paper, Project};
use anyhow::Result;
use pages::{Downloads, SiteBuilder};
use std::path::PathBuf;
use theme::Theme;

/// A site file.
#[derive(Debug, Clone)]
pub struct SiteFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Renders every page of the site.
pub fn render(
    project: &Project,
    paper: Paper,
    workbook: &Pdf,
    sheets: &super::SheetPdfs,
) -> Result<Vec<SiteFile>> {
    collect(project, paper, Some((workbook, sheets)))
}

/// [`render_streamed`] into memory. A static file comes after the page it
/// replaces, so only the last file of each path is kept.
fn collect(
    project: &Project,
    paper: Paper,
    pdfs: Option<(&Pdf, &super::SheetPdfs)>,
) -> Result<Vec<SiteFile>> {
    let mut files = Vec::new();
    render_streamed(project, paper, pdfs, &mut |f| {
        files.push(f);
        Ok(())
    })?;
    let mut seen = std::collections::HashSet::new();
    files.reverse();
    files.retain(|f| seen.insert(f.path.clone()));
    files.reverse();
    Ok(files)
}

/// Renders the site as [`render`] does (or as [`render_without_pdfs`] when
/// `pdfs` is None), handing each file to `sink` as soon as it is made, so a
/// build can write pages as it goes instead of holding the whole site in
/// memory. A static file replacing a rendered one comes after it.
pub fn render_streamed(
    project: &Project,
    paper: Paper,
    pdfs: Option<(&Pdf, &super::SheetPdfs)>,
    sink: &mut dyn FnMut(SiteFile) -> Result<()>,
) -> Result<()> {
    let (downloads, thumb_files) = match pdfs {
        Some((workbook, sheets)) => downloads(workbook, sheets, &project.program.brand)?,
        None => (Downloads::none(), Vec::new()),
    };
    // The web fonts hold the characters the pages show.
    let mut chars = std::collections::BTreeSet::new();
    let mut pages = |f: SiteFile| {
        if f.path.extension().is_some_and(|e| e == "html") {
            chars.extend(String::from_utf8_lossy(&f.bytes).chars());
        }
        sink(f)
    };
    for f in render_site_to(project, paper, downloads, &mut pages)? {
        pages(f)?;
    }
    for f in fonts::files(&project.program.brand, &chars)? {
        sink(f)?;
    }
    if let Some((workbook, sheets)) = pdfs {
        sink(SiteFile {
            path: urls::WORKBOOK_PDF.into(),
            bytes: workbook.bytes.clone(),
        })?;
        sink(SiteFile {
            path: urls::ALL_SHEETS_PDF.into(),
            bytes: sheets.all.bytes.clone(),
        })?;
        for (id, pdf) in &sheets.each {
            sink(SiteFile {
                path: urls::worksheet_pdf(id).into(),
                bytes: pdf.bytes.clone(),
            })?;
        }
    }
    for f in images::files(&project.program)
        .into_iter()
        .chain(thumb_files)
    {
        sink(f)?;
    }
    for (path, bytes) in &project.statics {
        sink(SiteFile {
            path: path.clone(),
            bytes: bytes.clone(),
        })?;
    }
    Ok(())
}

/// The sheets' thumbnails for the printables page, and their files.
pub type Thumbnails = (Vec<thumbs::Thumb>, Vec<SiteFile>);

/// Draws the thumbnails of `sheets`.
pub fn thumbnails(
    sheets: &super::SheetPdfs,
    brand: &crate::model::brand::Brand,
) -> Result<Thumbnails> {
    let pages: Vec<(&str, &crate::pdf::frame::Page)> = sheets
        .each
        .iter()
        .zip(&sheets.pages)
        .map(|((id, _), page)| (id.as_str(), page))
        .collect();
    thumbs::make(&pages, crate::render::print::style::font_set(brand))
}

/// What the printables page says of the PDFs, and the files of the sheets' thumbnails.
fn downloads(
    workbook: &Pdf,
    sheets: &super::SheetPdfs,
    brand: &crate::model::brand::Brand,
) -> Result<(Downloads, Vec<SiteFile>)> {
    let (thumbs, files) = match &sheets.thumbs {
        Some(made) => made.clone(),
        None => thumbnails(sheets, brand)?,
    };
    let d = Downloads {
        workbook: Some((workbook.bytes.len(), workbook.pages)),
        all: Some(sheets.all.bytes.len()),
        sheets: sheets
            .each
            .iter()
            .map(|(id, pdf)| (id.clone(), pdf.bytes.len()))
            .collect(),
        thumbs,
    };
    Ok((d, files))
}

/// The site alone: the PDF downloads are linked but not built (for `serve`,
/// which builds them when asked, and for benchmarks of the site). The
/// printables page leaves their sizes out.
pub fn render_without_pdfs(project: &Project, paper: Paper) -> Result<Vec<SiteFile>> {
    collect(project, paper, None)
}

/// A page that shows one item. Beyond the item itself it shows only the
/// titles, summaries and places of others, so when nothing but the item's own
/// text changed, this page is the only one to render again.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PageOf {
    Week(u32),
    Exercise(String),
    Script(String),
    Worksheet(String),
}

impl PageOf {
    /// The page's path in the site.
    pub fn path(&self) -> String {
        match self {
            PageOf::Week(n) => urls::week(*n),
            PageOf::Exercise(id) => urls::exercise(id),
            PageOf::Script(id) => urls::script(id),
            PageOf::Worksheet(id) => urls::worksheet(id),
        }
    }
}

/// Renders only these pages (for `serve`, after an edit that touched nothing else).
pub fn render_pages(project: &Project, paper: Paper, pages: &[PageOf]) -> Result<Vec<SiteFile>> {
    let project = &links::for_site(project);
    let theme = Theme::new(&project.templates)?;
    let mut s = SiteBuilder::new(project, paper, &theme, Downloads::none());
    for page in pages {
        s.page_of(page)?;
    }
    Ok(s.files)
}

/// Renders the pages, giving each to `sink`; returns the files it did not
/// give: the sitemap, search index and assets.
fn render_site_to(
    project: &Project,
    paper: Paper,
    downloads: Downloads,
    sink: &mut dyn FnMut(SiteFile) -> Result<()>,
) -> Result<Vec<SiteFile>> {
    let project = &links::for_site(project);
    let theme = Theme::new(&project.templates)?;
    let mut s = SiteBuilder::new(project, paper, &theme, downloads);
    s.pages(sink)?;
    s.not_found(&project.config.base_url)?;
    let entries = search::entries(&project.program);
    s.search_page(&entries)?;
    let mut files = s.files;
    // The sitemap protocol wants full addresses: without a full base URL there is none (check says so).
    if let Some(sitemap) = sitemap::xml(&s.paths, &project.config.base_url) {
        files.push(SiteFile {
            path: urls::SITEMAP.into(),
            bytes: sitemap.into_bytes(),
        });
    }
    files.push(SiteFile {
        path: urls::SEARCH_INDEX.into(),
        bytes: search::script_of(&entries)?.into_bytes(),
    });
    for asset in ["search.js", "style.css", urls::FAVICON] {
        files.push(SiteFile {
            path: asset.into(),
            bytes: theme.asset(asset).into_bytes(),
        });
    }
    // The brand's logo replaces kintsugi's icon (the later file wins).
    files.extend(images::favicon(&project.program.brand));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_file_is_built_in() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                theme::BUILTIN.iter().any(|(n, _)| *n == name),
                "templates/{name} is not embedded in the binary"
            );
        }
    }
}
