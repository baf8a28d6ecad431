//! The worksheets to print: their list, with sizes of the PDFs, and a preview page each.

use super::*;
use crate::diag::count;

impl SiteBuilder<'_> {
    pub(super) fn printables(&mut self) -> Result<()> {
        let p = self.program;
        let paper = self.paper;
        // Sizes are unknown when the PDFs are built on request (serve): then they are left out.
        let size = |bytes: Option<usize>| match bytes {
            Some(b) => format!(" · {} KB", (b as f64 / 1024.0).ceil() as usize),
            None => String::new(),
        };
        let view = PrintablesPage {
            base: self.base("Worksheets to print", "One-page sheets to print for the fridge.", 1, Section::Worksheets, vec![home_crumb()]),
            intro: "One-page sheets in large type, to print and stick on the fridge. Each has a preview; the PDF is what you print.".into(),
            sheets: p
                .worksheets_in_plan_order()
                .into_iter()
                .map(|w| {
                    let orientation = match w.orientation {
                        crate::model::Orientation::Portrait => "portrait",
                        crate::model::Orientation::Landscape => "landscape",
                    };
                    Printable {
                        title: w.title.clone(),
                        note: w.subtitle.clone().unwrap_or_default(),
                        preview_href: urls::relative(urls::WORKSHEETS, &urls::worksheet(&w.id)),
                        pdf_href: urls::relative(urls::WORKSHEETS, &urls::worksheet_pdf(&w.id)),
                        details: format!("{} · {orientation} · 1 page{}", paper.label(), size(self.downloads.sheet_bytes(&w.id))),
                    }
                })
                .collect(),
            extras: vec![
                Printable {
                    title: "Every worksheet in one file".into(),
                    note: "One print job for the whole set.".into(),
                    preview_href: String::new(),
                    pdf_href: urls::relative(urls::WORKSHEETS, urls::ALL_SHEETS_PDF),
                    details: format!("{} · {}{}", paper.label(), count(p.worksheets.len(), "page", "pages"), size(self.downloads.all)),
                },
                Printable {
                    title: "The workbook".into(),
                    note: "Every week, exercise and script, as a book to print.".into(),
                    preview_href: String::new(),
                    pdf_href: urls::relative(urls::WORKSHEETS, urls::WORKBOOK_PDF),
                    details: match self.downloads.workbook {
                        Some((bytes, pages)) => format!("{} · {}{}", paper.label(), count(pages, "page", "pages"), size(Some(bytes))),
                        None => format!("{} · built when you open it", paper.label()),
                    },
                },
            ],
        };
        self.page(urls::WORKSHEETS, "printables.html", &view)
    }

    pub(super) fn worksheet(&mut self, w: &Worksheet) -> Result<()> {
        let p = self.program;
        let page = urls::worksheet(&w.id);
        let view = WorksheetPage {
            base: self.base(
                &w.title,
                w.subtitle.as_deref().unwrap_or(&w.title),
                1,
                Section::Worksheets,
                vec![home_crumb(), link("Worksheets", urls::WORKSHEETS)],
            ),
            subtitle: w.subtitle.clone().unwrap_or_default(),
            blocks: w.blocks.iter().map(|b| sheet_block(b, p)).collect(),
            pdf_href: urls::relative(&page, &urls::worksheet_pdf(&w.id)),
            paper: self.paper.label().into(),
            used_in: self.used_in(&page, &w.id),
        };
        self.page(&page, "worksheet.html", &view)
    }
}
