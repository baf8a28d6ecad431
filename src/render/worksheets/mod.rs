//! Worksheets: one-page sheets for the fridge, in large type, that must fit.
//!
//! Takes a [`Worksheet`] and a paper size; gives a one-page [`Document`], or a
//! [`Diagnostic`] naming the block that overflows the page and by how much.
//! Nothing is ever shrunk or spilled onto a second page silently.

use crate::config::Paper;
use crate::diag::Diagnostic;
use crate::model::text::{Block, Inline};
use crate::model::{SheetBlock, Worksheet};
use crate::render::pdf::fonts::FontId;
use crate::render::pdf::frame::{Document, Item, Page};
use crate::render::pdf::layout::{label, text_items};
use crate::render::pdf::measure::{break_lines, width, Align, Span, Style};
use crate::render::pdf::prose::spans;
use crate::render::pdf::units::{Color, Point, Pt, Rect, Size};

/// Everything stays this far inside the paper edge.
pub const SAFE_MARGIN_MM: f32 = 15.0;
/// The smallest type on a sheet.
pub const MIN_TEXT: f32 = 14.0;

/// Lays out one worksheet on one page.
pub fn compose(sheet: &Worksheet, language: &str, paper: Paper) -> Result<Document, Diagnostic> {
    let size = Size::of(paper);
    let m = Pt::mm(SAFE_MARGIN_MM);
    let area = Rect {
        x: m,
        y: m,
        w: size.w - m * 2.0,
        h: size.h - m * 2.0,
    };
    let mut s = Sheet {
        page: Page::new(size),
        area,
        y: area.y,
    };
    s.title(sheet);
    for (i, block) in sheet.blocks.iter().enumerate() {
        s.block(block);
        let over = s.y - area.bottom();
        if over > Pt(0.01) {
            let msg = format!(
                "worksheet `{}` does not fit on one {} page: block {} ({}) overflows by {:.0} mm",
                sheet.id,
                paper.label(),
                i + 1,
                block.kind(),
                over.to_mm().ceil()
            );
            return Err(Diagnostic::new(&sheet.file, 1, 1, msg).with_hint(
                "remove or shorten blocks, lower a `count`, or split the sheet in two",
            ));
        }
    }
    s.footer(sheet);
    Ok(Document {
        title: sheet.title.clone(),
        language: language.to_string(),
        pages: vec![s.page],
        outline: Vec::new(),
        anchors: Vec::new(),
        labels: Vec::new(),
    })
}

struct Sheet {
    page: Page,
    area: Rect,
    y: Pt,
}

fn style(font: FontId, size: f32) -> Style {
    Style::new(font, size)
}

impl Sheet {
    /// Sets text from the current y; returns nothing, advances y.
    fn text(&mut self, spans: &[Span], x: Pt, measure: Pt, leading: f32, align: Align) {
        let size = spans
            .iter()
            .map(|s| s.style.size)
            .fold(Pt(MIN_TEXT), Pt::max);
        let lh = size * leading;
        for line in break_lines(spans, measure, align) {
            let baseline = self.y + (lh - line.ascent - line.descent) / 2.0 + line.ascent;
            self.page
                .items
                .extend(text_items(&line, Point::new(x, baseline)));
            self.y += lh;
        }
    }

    fn rule(&mut self, color: Color, width: Pt) {
        let y = self.y;
        self.page.items.push(Item::Line {
            from: Point::new(self.area.x, y),
            to: Point::new(self.area.right(), y),
            width,
            color,
            dash: None,
        });
    }

    fn title(&mut self, sheet: &Worksheet) {
        let a = self.area;
        self.text(
            &[Span::new(&sheet.title, style(FontId::SansBold, 30.0))],
            a.x,
            a.w,
            1.15,
            Align::Left,
        );
        if let Some(sub) = &sheet.subtitle {
            self.y += Pt(2.0);
            let st = Style {
                color: Color::Muted,
                ..style(FontId::SerifItalic, 16.0)
            };
            self.text(&[Span::new(sub, st)], a.x, a.w, 1.3, Align::Left);
        }
        self.y += Pt(8.0);
        self.rule(Color::Gold, Pt(1.5));
        self.y += Pt(14.0);
    }

    fn footer(&mut self, sheet: &Worksheet) {
        let st = Style {
            color: Color::Muted,
            ..style(FontId::Sans, MIN_TEXT)
        };
        let y = self.area.bottom() - Pt(2.0);
        let at = Point::new(self.area.x, y);
        let text = format!("{} · kintsugi · practise imperfection", sheet.title);
        self.page.items.extend(label(&text, st, at, self.area.w));
    }

    fn block(&mut self, b: &SheetBlock) {
        let a = self.area;
        match b {
            SheetBlock::Heading(h) => {
                self.y += Pt(6.0);
                self.text(
                    &[Span::new(h, style(FontId::SansBold, 19.0))],
                    a.x,
                    a.w,
                    1.25,
                    Align::Left,
                );
                self.y += Pt(4.0);
            }
            SheetBlock::Text(blocks) => {
                for block in blocks {
                    let inl = block_inlines(block);
                    self.text(
                        &spans(&inl, style(FontId::Serif, 15.0)),
                        a.x,
                        a.w,
                        1.35,
                        Align::Left,
                    );
                    self.y += Pt(6.0);
                }
            }
            SheetBlock::Steps(steps) => {
                let indent = Pt(34.0);
                for (i, step) in steps.iter().enumerate() {
                    let top = self.y;
                    let num = Style {
                        color: Color::Gold,
                        ..style(FontId::SansBold, 22.0)
                    };
                    let line =
                        &break_lines(&[Span::new(format!("{}", i + 1), num)], indent, Align::Left)
                            [0];
                    self.page
                        .items
                        .extend(text_items(line, Point::new(a.x, top + Pt(20.0))));
                    self.text(
                        &spans(step, style(FontId::Serif, 16.0)),
                        a.x + indent,
                        a.w - indent,
                        1.35,
                        Align::Left,
                    );
                    self.y = self.y.max(top + Pt(26.0)) + Pt(8.0);
                }
            }
            SheetBlock::Phrases(phrases) => {
                for ph in phrases {
                    let mut sp = vec![Span::new(
                        "“",
                        Style {
                            color: Color::Gold,
                            ..style(FontId::SerifBold, 22.0)
                        },
                    )];
                    sp.extend(spans(ph, style(FontId::SerifItalic, 22.0)));
                    sp.push(Span::new(
                        "”",
                        Style {
                            color: Color::Gold,
                            ..style(FontId::SerifBold, 22.0)
                        },
                    ));
                    self.text(&sp, a.x + Pt(8.0), a.w - Pt(16.0), 1.3, Align::Left);
                    self.y += Pt(12.0);
                }
            }
            SheetBlock::CheckboxGrid { rows, columns } => self.grid(rows, columns),
            SheetBlock::Rating {
                label,
                scale,
                low,
                high,
            } => self.rating(label, *scale, low, high),
            SheetBlock::Lines { label, count } => {
                if let Some(l) = label {
                    self.text(
                        &[Span::new(l, style(FontId::SansBold, 16.0))],
                        a.x,
                        a.w,
                        1.3,
                        Align::Left,
                    );
                }
                for _ in 0..*count {
                    self.y += Pt(30.0);
                    let y = self.y;
                    self.page.items.push(Item::Line {
                        from: Point::new(a.x, y),
                        to: Point::new(a.right(), y),
                        width: Pt(0.7),
                        color: Color::Faint,
                        dash: None,
                    });
                }
                self.y += Pt(14.0);
            }
        }
    }

    fn grid(&mut self, rows: &[String], columns: &[String]) {
        let a = self.area;
        let label_style = style(FontId::SansBold, 15.0);
        let head_style = style(FontId::Sans, MIN_TEXT);
        let label_w = rows
            .iter()
            .map(|r| width(r, &label_style))
            .fold(Pt(40.0), Pt::max)
            .min(a.w * 0.35)
            + Pt(10.0);
        let col_w = (a.w - label_w) / columns.len().max(1) as f32;
        let row_h = Pt(34.0);
        let box_size = Pt(18.0).min(col_w - Pt(6.0));
        let header_y = self.y + Pt(16.0);
        for (i, c) in columns.iter().enumerate() {
            let w = width(c, &head_style);
            let x = a.x + label_w + col_w * i as f32 + (col_w - w) / 2.0;
            self.page
                .items
                .extend(label(c, head_style, Point::new(x, header_y), col_w));
        }
        self.y += Pt(26.0);
        for r in rows {
            let top = self.y;
            let lines = break_lines(&[Span::new(r, label_style)], label_w - Pt(8.0), Align::Left);
            let h = row_h.max(Pt(18.0) * lines.len() as f32 + Pt(10.0));
            let mut ly = top + (h - Pt(18.0) * lines.len() as f32) / 2.0 + Pt(13.0);
            for line in &lines {
                self.page
                    .items
                    .extend(text_items(line, Point::new(a.x, ly)));
                ly += Pt(18.0);
            }
            for i in 0..columns.len() {
                let x = a.x + label_w + col_w * i as f32 + (col_w - box_size) / 2.0;
                let rect = Rect {
                    x,
                    y: top + (h - box_size) / 2.0,
                    w: box_size,
                    h: box_size,
                };
                self.page.items.push(Item::Rect {
                    rect,
                    width: Pt(1.0),
                    color: Color::Ink,
                });
            }
            self.y += h;
            let y = self.y;
            self.page.items.push(Item::Line {
                from: Point::new(a.x, y),
                to: Point::new(a.right(), y),
                width: Pt(0.4),
                color: Color::Faint,
                dash: None,
            });
        }
        self.y += Pt(14.0);
    }

    fn rating(&mut self, title: &str, scale: u32, low: &str, high: &str) {
        let a = self.area;
        self.text(
            &[Span::new(title, style(FontId::SansBold, 16.0))],
            a.x,
            a.w,
            1.3,
            Align::Left,
        );
        let n = scale.max(1);
        let step = (a.w / n as f32).min(Pt(60.0));
        let r = (step * 0.36).min(Pt(16.0));
        let total = step * n as f32;
        let x0 = a.x + (a.w - total) / 2.0;
        let cy = self.y + r + Pt(6.0);
        let num_style = style(FontId::Sans, MIN_TEXT);
        for i in 0..n {
            let cx = x0 + step * i as f32 + step / 2.0;
            self.page.items.push(Item::Circle {
                center: Point::new(cx, cy),
                radius: r,
                width: Pt(1.0),
                color: Color::Ink,
            });
            let t = (i + 1).to_string();
            let w = width(&t, &num_style);
            let at = Point::new(cx - w / 2.0, cy + Pt(5.0));
            self.page.items.extend(label(&t, num_style, at, step));
        }
        self.y = cy + r + Pt(4.0);
        let end_style = Style {
            color: Color::Muted,
            ..style(FontId::SerifItalic, MIN_TEXT)
        };
        let top = self.y;
        if !low.is_empty() {
            self.text(
                &[Span::new(low, end_style)],
                x0,
                total / 2.0,
                1.3,
                Align::Left,
            );
        }
        let after_low = self.y;
        self.y = top;
        if !high.is_empty() {
            self.text(
                &[Span::new(high, end_style)],
                x0 + total / 2.0,
                total / 2.0,
                1.3,
                Align::Right,
            );
        }
        self.y = self.y.max(after_low) + Pt(14.0);
    }
}

/// The inline content of a block, for short sheet texts.
fn block_inlines(b: &Block) -> Vec<Inline> {
    match b {
        Block::Paragraph(i) | Block::Heading { content: i, .. } => i.clone(),
        other => vec![Inline::Text(crate::model::text::plain_text(
            std::slice::from_ref(other),
        ))],
    }
}
