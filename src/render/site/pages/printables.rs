//! The worksheets to print: their list, with sizes of the PDFs, and a preview page each.

use super::*;

impl SiteBuilder<'_> {
    pub(super) fn printables(&mut self) -> Result<()> {
        let p = self.program;
        let t = self.t();
        let paper = self.paper;
        // Sizes are unknown when the PDFs are built on request (serve): then they are left out.
        let size = |bytes: Option<usize>| match bytes {
            Some(b) => format!(" · {} KB", (b as f64 / 1024.0).ceil() as usize),
            None => String::new(),
        };
        let view = PrintablesPage {
            base: self.base(
                t.get("worksheets_title"),
                t.get("worksheets_description"),
                1,
                Section::Worksheets,
                vec![home_crumb(t)],
            ),
            intro: p
                .intros
                .worksheets
                .clone()
                .unwrap_or_else(|| t.get("worksheets_intro").into()),
            sheets: p
                .worksheets_in_plan_order()
                .into_iter()
                .map(|w| {
                    let orientation = match w.orientation {
                        crate::model::Orientation::Portrait => t.get("portrait"),
                        crate::model::Orientation::Landscape => t.get("landscape"),
                    };
                    Printable {
                        title: w.title.clone(),
                        note: w.subtitle.clone().unwrap_or_default(),
                        preview_href: urls::relative(urls::WORKSHEETS, &urls::worksheet(&w.id)),
                        pdf_href: urls::relative(urls::WORKSHEETS, &urls::worksheet_pdf(&w.id)),
                        details: format!(
                            "{} · {orientation} · {}{}",
                            paper.label(),
                            t.count("pages", 1, &[]),
                            size(self.downloads.sheet_bytes(&w.id))
                        ),
                        thumb: self
                            .downloads
                            .thumbs
                            .iter()
                            .find(|t| t.id == w.id)
                            .map(|t| ThumbView {
                                src: urls::relative(urls::WORKSHEETS, &t.path),
                                src_2x: urls::relative(urls::WORKSHEETS, &t.path_2x),
                                width: t.width,
                                height: t.height,
                            }),
                    }
                })
                .collect(),
            extras: vec![
                Printable {
                    title: t.get("all_sheets_title").into(),
                    note: t.get("all_sheets_note").into(),
                    preview_href: String::new(),
                    pdf_href: urls::relative(urls::WORKSHEETS, urls::ALL_SHEETS_PDF),
                    details: format!(
                        "{} · {}{}",
                        paper.label(),
                        t.count("pages", p.worksheets.len(), &[]),
                        size(self.downloads.all)
                    ),
                    thumb: None,
                },
                Printable {
                    title: t.get("workbook_title").into(),
                    note: t.get("workbook_note").into(),
                    preview_href: String::new(),
                    pdf_href: urls::relative(urls::WORKSHEETS, urls::WORKBOOK_PDF),
                    details: match self.downloads.workbook {
                        Some((bytes, pages)) => format!(
                            "{} · {}{}",
                            paper.label(),
                            t.count("pages", pages, &[]),
                            size(Some(bytes))
                        ),
                        None => format!("{} · {}", paper.label(), t.get("built_on_open")),
                    },
                    thumb: None,
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
                vec![
                    home_crumb(self.t()),
                    link(self.t().get("nav_worksheets"), urls::WORKSHEETS),
                ],
            ),
            kicker: self
                .t()
                .fmt("worksheet_kicker", &[("paper", &self.paper.label())]),
            subtitle: w.subtitle.clone().unwrap_or_default(),
            blocks: w.blocks.iter().map(|b| sheet_block(b, p, &page)).collect(),
            pdf_href: urls::relative(&page, &urls::worksheet_pdf(&w.id)),
            paper: self.paper.label().into(),
            used_in: self.used_in(&page, &w.id),
        };
        self.page(&page, "worksheet.html", &view)
    }
}
