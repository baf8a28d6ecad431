//! Worksheets: one-page sheets for the fridge, in large type, that must fit.
//!
//! Takes a [`Worksheet`] (and the program, for labels that come from data)
//! and a paper size; gives a one-page [`Document`], or a [`Diagnostic`] naming
//! the block that does not fit and by how much. Nothing is ever shrunk or
//! spilled onto a second page: a sheet that does not fit fails the build.

mod draw;

use crate::diag::Diagnostic;
use crate::model::brand::LogoSize;
use crate::model::text::{Block, Inline};
use crate::model::Paper;
use crate::model::{Orientation, Program, SheetBlock, Worksheet};
use crate::pdf::flow::{label, text_items};
use crate::pdf::flow::{line_field_rect, write_field_rect};
use crate::pdf::fonts::FontId;
use crate::pdf::frame::{field_part, Document, Element, Field, FieldKind, Page, Role, Tag, Tagger};
use crate::pdf::lines::{break_lines, Align, Span};
use crate::pdf::shape::width;
use crate::pdf::units::{Color, Point, Pt, Rect, Size};
use crate::render::print::prose::{engine_image, spans};
use crate::render::print::style::{gold, ink, muted, paper_size, FAINT, GOLD, INK};
use std::sync::Arc;

/// Everything stays this far inside the paper edge (at least the 12 mm a home printer needs).
pub const SAFE_MARGIN_MM: f32 = 15.0;
/// The smallest type on a sheet.
pub const MIN_TEXT: f32 = 14.0;
/// Room kept at the bottom for the footer line.
const FOOTER: Pt = Pt(28.0);
/// Space between write-in lines.
const LINE: Pt = Pt(30.0);
/// The height of the brand's logo in the footer's right-hand corner.
pub const LOGO_MM: f32 = 9.0;
/// The widest the logo may be, so a long word mark leaves the footer line room.
const LOGO_MAX_W_MM: f32 = 45.0;

/// The page size of a sheet.
pub fn page_size(sheet: &Worksheet, paper: Paper) -> Size {
    let s = paper_size(paper);
    match sheet.orientation {
        Orientation::Portrait => s,
        Orientation::Landscape => Size { w: s.h, h: s.w },
    }
}

/// Lays out one worksheet on one page.
pub fn compose(
    sheet: &Worksheet,
    program: &Program,
    language: &str,
    paper: Paper,
) -> Result<Document, Diagnostic> {
    let rtl = crate::strings::is_rtl(language);
    let (page, _) = {
        let _direction = crate::pdf::lines::Direction::new(rtl);
        let _hyphenation = crate::pdf::lines::Hyphenation::for_language(language);
        lay_out(sheet, program, paper)?
    };
    let mut doc = Document {
        fonts: crate::render::print::style::font_set(&program.brand).id,
        title: sheet
            .doc_title
            .clone()
            .unwrap_or_else(|| sheet.title.clone()),
        author: program.brand.name.clone().unwrap_or_default(),
        subject: program.title.clone(),
        language: language.to_string(),
        pages: vec![page],
        outline: Vec::new(),
        anchors: Vec::new(),
        labels: Vec::new(),
    };
    if rtl {
        doc.mirror();
    }
    crate::render::print::style::recolor(&mut doc.pages, &program.brand);
    Ok(doc)
}

/// How much of the page a sheet's blocks take, from 0 to 1, or why it does not fit.
pub fn page_share(sheet: &Worksheet, program: &Program, paper: Paper) -> Result<f32, Diagnostic> {
    lay_out(sheet, program, paper).map(|(_, used)| used)
}

/// The page, and the share of the room for blocks they take.
fn lay_out(sheet: &Worksheet, program: &Program, paper: Paper) -> Result<(Page, f32), Diagnostic> {
    let _fonts = crate::render::print::style::fonts_of(&program.brand);
    let size = page_size(sheet, paper);
    let m = Pt::mm(SAFE_MARGIN_MM);
    let area = Rect {
        x: m,
        y: m,
        w: size.w - m * 2.0,
        h: size.h - m * 2.0,
    };
    let logo = logo(program, area);
    // Blocks stop above the footer, and above the logo when it stands taller.
    let foot = match &logo {
        Some((_, rect)) => FOOTER.max(area.bottom() - rect.y + Pt(8.0)),
        None => FOOTER,
    };
    let mut s = Sheet {
        page: Page::new(size),
        area,
        y: area.y,
        limit: area.bottom() - foot,
        program,
        tags: Tagger::default(),
        parent: None,
        name: sheet
            .field_name
            .clone()
            .unwrap_or_else(|| field_part(&sheet.id, "sheet")),
        title: sheet.title.clone(),
    };
    let fail = |i: usize, kind: &str, why: String| {
        let msg = format!(
            "worksheet `{}` does not fit on one {} page: block {} ({kind}) {why}",
            sheet.id,
            paper.label(),
            i + 1
        );
        let (line, col) = sheet.block_at.get(i).copied().unwrap_or((1, 1));
        Diagnostic::new(&sheet.file, line, col, msg)
            .with_hint("remove or shorten blocks, lower a `count`, or split the sheet in two")
    };
    s.title(sheet);
    let top = s.y;
    for (i, block) in sheet.blocks.iter().enumerate() {
        s.block(block).map_err(|why| fail(i, block.kind(), why))?;
        let over = s.y - s.limit;
        if over > Pt(0.01) {
            return Err(fail(
                i,
                block.kind(),
                format!("overflows by {:.0} mm", over.to_mm().ceil()),
            ));
        }
    }
    let used = ((s.y - top).0 / (s.limit - top).0).clamp(0.0, 1.0);
    let logo_w = logo.as_ref().map_or(Pt::ZERO, |(_, r)| r.w + Pt(12.0));
    s.footer(sheet, logo_w);
    if let Some((image, rect)) = logo {
        // The brand's mark, named by the brand's name; a decoration without one.
        let name = program.brand.name.clone().filter(|n| !n.trim().is_empty());
        s.tags.mark = name.map(|n| Tag::with(Role::Figure, None, Some(n), None));
        let item = Element::Image { rect, image };
        s.tags.push(&mut s.page, item);
    }
    s.tags.mark = None;
    s.tags.close(&mut s.page);
    Ok((s.page, used))
}

/// The brand's small logo and where it goes: the bottom right corner of the
/// safe area, [`LOGO_MM`] high, its aspect kept; None without a brand logo.
fn logo(
    program: &Program,
    area: Rect,
) -> Option<(std::sync::Arc<crate::pdf::image::ImageData>, Rect)> {
    let img = program.brand.logo(LogoSize::Small)?;
    let image = engine_image(img);
    let mut h = Pt::mm(LOGO_MM);
    let mut w = h / image.aspect();
    if w > Pt::mm(LOGO_MAX_W_MM) {
        w = Pt::mm(LOGO_MAX_W_MM);
        h = w * image.aspect();
    }
    let rect = Rect {
        x: area.right() - w,
        y: area.bottom() - h,
        w,
        h,
    };
    Some((image, rect))
}

/// A sheet being laid out: the page, the area blocks go into, and how far down we are.
struct Sheet<'a> {
    page: Page,
    area: Rect,
    y: Pt,
    /// The lowest a block may reach.
    limit: Pt,
    program: &'a Program,
    /// The structure node text goes in now (None: a paragraph of its own).
    tags: Tagger,
    /// The group new nodes go in (a table, a list); None: the document.
    parent: Option<Arc<Tag>>,
    /// The first part of every field's name (the sheet's id, or its week's).
    name: String,
    /// The sheet's title, for fields that have no words of their own.
    title: String,
}

impl Sheet<'_> {
    /// Sets text from the current y in `x..x+measure`, advancing y.
    fn text(&mut self, spans: &[Span], x: Pt, measure: Pt, leading: f32, align: Align) {
        let size = spans
            .iter()
            .map(|s| s.style.size)
            .fold(Pt(MIN_TEXT), Pt::max);
        let lh = size * leading;
        let mut items = Vec::new();
        for line in break_lines(spans, measure, align) {
            let baseline = self.y + (lh - line.ascent - line.descent) / 2.0 + line.ascent;
            items.extend(text_items(&line, Point::new(x, baseline)));
            self.y += lh;
        }
        self.put(items);
    }

    /// Adds text in the current node, or as a paragraph of its own when
    /// no node is set.
    fn put(&mut self, items: Vec<Element>) {
        let fresh = self.tags.mark.is_none();
        if fresh {
            self.tags.mark = Some(Tag::new(Role::P, self.parent.as_ref()));
        }
        for it in items {
            self.tags.push(&mut self.page, it);
        }
        if fresh {
            self.tags.mark = None;
            self.tags.close(&mut self.page);
        }
    }

    /// Makes what follows content of a new node of `role` (in the current group).
    fn tagged(&mut self, role: Role) -> Arc<Tag> {
        let t = Tag::new(role, self.parent.as_ref());
        self.tags.mark = Some(t.clone());
        t
    }

    /// Adds a drawing: a box, a rule, a line to write on, an artifact.
    fn push(&mut self, item: Element) {
        let saved = self.tags.mark.take();
        self.tags.push(&mut self.page, item);
        self.tags.mark = saved;
    }

    /// A square to tick, drawn as a shape.
    fn tick_box(&mut self, x: Pt, y: Pt, size: Pt) {
        let rect = Rect {
            x,
            y,
            w: size,
            h: size,
        };
        self.push(Element::Rect {
            rect,
            width: Pt(1.0),
            color: INK,
        });
    }

    /// A form field at `rect`, named `<sheet>.<parts…>`, tagged in the
    /// current node.
    fn field(&mut self, rect: Rect, parts: &[&str], label: String, kind: FieldKind) {
        let mut name = self.name.clone();
        for p in parts {
            name.push('.');
            name.push_str(&field_part(p, "field"));
        }
        let field = Arc::new(Field { name, label, kind });
        self.tags
            .push(&mut self.page, Element::Field { rect, field });
    }

    /// A one-line text field whose writing sits just above a rule at `y`
    /// from `x0` to `x1`, in type `size` (viewers put the baseline a point
    /// and 0.35 of the size above the field's bottom, as pdf.js does).
    fn line_field(&mut self, x0: Pt, x1: Pt, y: Pt, size: Pt, parts: &[&str], label: String) {
        let rect = line_field_rect(x0, x1, y, size);
        let kind = FieldKind::Text {
            multiline: false,
            size,
            right: false,
        };
        self.field(rect, parts, label, kind);
    }

    fn hline(&mut self, x0: Pt, x1: Pt, y: Pt, width: Pt, color: Color) {
        self.push(Element::Line {
            from: Point::new(x0, y),
            to: Point::new(x1, y),
            width,
            color,
            dash: None,
        });
    }

    fn title(&mut self, sheet: &Worksheet) {
        let a = self.area;
        self.tagged(Role::H(1));
        self.text(
            &[Span::new(&sheet.title, ink(FontId::SansBold, 30.0))],
            a.x,
            a.w,
            1.15,
            Align::Left,
        );
        self.tags.mark = None;
        if let Some(sub) = &sheet.subtitle {
            self.y += Pt(2.0);
            self.text(
                &[Span::new(sub, muted(FontId::SerifItalic, 16.0))],
                a.x,
                a.w,
                1.3,
                Align::Left,
            );
        }
        self.y += Pt(8.0);
        self.hline(a.x, a.right(), self.y, Pt(1.5), GOLD);
        self.y += Pt(14.0);
    }

    /// The author's footer line (`sheet_footer` in kintsugi.yaml) after the sheet's title; none when unset.
    /// `logo_w` is kept free at its right for the logo.
    fn footer(&mut self, sheet: &Worksheet, logo_w: Pt) {
        let Some(line) = &self.program.sheet_footer else {
            return;
        };
        let at = Point::new(self.area.x, self.area.bottom() - Pt(5.0));
        let text = format!("{} · {line}", sheet.title);
        // The author's words, read as the sheet's last paragraph.
        self.tags.mark = None;
        self.put(label(
            &text,
            muted(FontId::Sans, MIN_TEXT),
            at,
            self.area.w - logo_w,
        ));
    }

    /// Lays out one block; an `Err` says why it cannot be laid out at all.
    fn block(&mut self, b: &SheetBlock) -> Result<(), String> {
        let a = self.area;
        match b {
            SheetBlock::Heading(h) => {
                self.y += Pt(6.0);
                self.tagged(Role::H(2));
                self.text(
                    &[Span::new(h, ink(FontId::SansBold, 19.0))],
                    a.x,
                    a.w,
                    1.25,
                    Align::Left,
                );
                self.tags.mark = None;
                self.y += Pt(4.0);
            }
            SheetBlock::Text(blocks) => {
                for block in blocks {
                    let inl = block_inlines(block);
                    self.text(
                        &spans(&inl, ink(FontId::Serif, 15.0)),
                        a.x,
                        a.w,
                        1.35,
                        Align::Left,
                    );
                    self.y += Pt(6.0);
                }
            }
            SheetBlock::Steps(steps) => self.steps(steps),
            SheetBlock::Phrases(phrases) => self.phrases(phrases),
            SheetBlock::CheckboxGrid { rows, columns } => {
                let keys = (rows.keys(self.program), columns.keys(self.program));
                let (rows, columns) = (rows.resolve(self.program), columns.resolve(self.program));
                self.grid(&rows, &columns, &keys)?;
            }
            SheetBlock::Rating {
                label,
                scale,
                low,
                high,
            } => self.rating(label, *scale, low, high),
            SheetBlock::Lines {
                label,
                count,
                to_bottom,
            } => self.lines(label.as_deref(), *count, *to_bottom),
            SheetBlock::BeforeAfter {
                measures,
                scale,
                before,
                after,
            } => {
                let (before, after) = self.program.before_after_labels(before, after);
                self.before_after(measures, *scale, &before, &after)
            }
            SheetBlock::Signature { names } => {
                let keys = names.keys(self.program);
                let names = names.resolve(self.program);
                self.signature(&names, &keys);
            }
            SheetBlock::Cards { per_page, cards } => self.cards(*per_page, cards)?,
            SheetBlock::Columns { left, right } => self.columns(left, right)?,
            SheetBlock::Plan { focus } => self.plan(*focus),
            SheetBlock::Log { columns, rows } => self.log(columns, *rows),
            SheetBlock::Image {
                source,
                alt,
                width,
                caption,
            } => self.image(source, alt, *width, caption.as_deref()),
        }
        Ok(())
    }

    fn steps(&mut self, steps: &[Vec<Inline>]) {
        let a = self.area;
        let indent = Pt(34.0);
        for (i, step) in steps.iter().enumerate() {
            let top = self.y;
            let num = gold(FontId::SansBold, 22.0);
            self.put(label(
                &(i + 1).to_string(),
                num,
                Point::new(a.x, top + Pt(20.0)),
                indent,
            ));
            self.text(
                &spans(step, ink(FontId::Serif, 16.0)),
                a.x + indent,
                a.w - indent,
                1.35,
                Align::Left,
            );
            self.y = self.y.max(top + Pt(26.0)) + Pt(8.0);
        }
    }

    fn phrases(&mut self, phrases: &[Vec<Inline>]) {
        let a = self.area;
        let quote = gold(FontId::SerifBold, 24.0);
        for ph in phrases {
            let mut sp = vec![Span::new("“", quote)];
            sp.extend(spans(ph, ink(FontId::SerifItalic, 24.0)));
            sp.push(Span::new("”", quote));
            self.text(&sp, a.x + Pt(8.0), a.w - Pt(16.0), 1.3, Align::Left);
            self.y += Pt(12.0);
        }
    }

    /// `keys` are the rows' and columns' names in the fields' names.
    fn grid(
        &mut self,
        rows: &[String],
        columns: &[String],
        keys: &(Vec<String>, Vec<String>),
    ) -> Result<(), String> {
        let a = self.area;
        let label_style = ink(FontId::SansBold, 15.0);
        let head_style = ink(FontId::Sans, MIN_TEXT);
        let widest = columns
            .iter()
            .map(|c| width(c, &head_style))
            .fold(Pt::ZERO, Pt::max);
        // Row labels (often names) take what the columns leave them and wrap
        // onto more lines if they must; the columns' headings never shrink.
        let room = a.w - (widest + Pt(6.0)).max(Pt(26.0)) * columns.len() as f32;
        let label_w = rows
            .iter()
            .map(|r| width(r, &label_style))
            .fold(Pt(40.0), Pt::max)
            .min(a.w * 0.4)
            .min(room - Pt(10.0))
            .max(Pt(40.0))
            + Pt(10.0);
        let col_w = (a.w - label_w) / columns.len().max(1) as f32;
        if col_w < Pt(26.0) || widest > col_w {
            return Err(format!(
                "has {} columns; their labels need {:.0} mm each but there are {:.0} mm",
                columns.len(),
                (widest.max(Pt(26.0))).to_mm().ceil(),
                col_w.to_mm()
            ));
        }
        let box_size = Pt(18.0).min(col_w - Pt(6.0));
        let header_y = self.y + Pt(16.0);
        // A table: the columns' headings, then a row per label with a cell per box.
        let table = Tag::new(Role::Table, self.parent.as_ref());
        let head = Tag::new(Role::TR, Some(&table));
        let cell = |s: &mut Self, role: Role, row: &Arc<Tag>| {
            s.tags.mark = Some(Tag::new(role, Some(row)));
            s.tags.sync(&mut s.page);
        };
        cell(self, Role::TH, &head); // the corner, over the row labels
        for (i, c) in columns.iter().enumerate() {
            let x = a.x + label_w + col_w * i as f32 + (col_w - width(c, &head_style)) / 2.0;
            cell(self, Role::TH, &head);
            self.put(label(c, head_style, Point::new(x, header_y), col_w));
        }
        self.y += Pt(26.0);
        for (j, r) in rows.iter().enumerate() {
            let top = self.y;
            let row = Tag::new(Role::TR, Some(&table));
            cell(self, Role::TH, &row);
            let lines = break_lines(&[Span::new(r, label_style)], label_w - Pt(8.0), Align::Left);
            let h = Pt(34.0).max(Pt(18.0) * lines.len() as f32 + Pt(10.0));
            let mut ly = top + (h - Pt(18.0) * lines.len() as f32) / 2.0 + Pt(13.0);
            for line in &lines {
                self.put(text_items(line, Point::new(a.x, ly)));
                ly += Pt(18.0);
            }
            for (i, c) in columns.iter().enumerate() {
                cell(self, Role::TD, &row);
                let x = a.x + label_w + col_w * i as f32 + (col_w - box_size) / 2.0;
                let y = top + (h - box_size) / 2.0;
                self.tick_box(x, y, box_size);
                let rect = Rect {
                    x,
                    y,
                    w: box_size,
                    h: box_size,
                };
                let (rk, ck) = (keys.0.get(j).unwrap_or(r), keys.1.get(i).unwrap_or(c));
                self.field(rect, &[ck, rk], format!("{r}, {c}"), FieldKind::Check);
            }
            self.tags.mark = None;
            self.y += h;
            self.hline(a.x, a.right(), self.y, Pt(0.4), FAINT);
        }
        self.y += Pt(14.0);
        Ok(())
    }

    fn rating(&mut self, title: &str, scale: u32, low: &str, high: &str) {
        let a = self.area;
        self.text(
            &[Span::new(title, ink(FontId::SansBold, 16.0))],
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
        let num_style = ink(FontId::Sans, MIN_TEXT);
        for i in 0..n {
            let cx = x0 + step * i as f32 + step / 2.0;
            self.push(Element::Circle {
                center: Point::new(cx, cy),
                radius: r,
                width: Pt(1.0),
                color: INK,
            });
            // One button of the scale's group, its value the number it shows.
            let rect = Rect {
                x: cx - r,
                y: cy - r,
                w: r * 2.0,
                h: r * 2.0,
            };
            let value = (i + 1).to_string();
            self.field(
                rect,
                &[title],
                title.to_string(),
                FieldKind::Radio { value },
            );
            let t = (i + 1).to_string();
            let at = Point::new(cx - width(&t, &num_style) / 2.0, cy + Pt(5.0));
            self.put(label(&t, num_style, at, step));
        }
        self.y = cy + r + Pt(4.0);
        let end_style = muted(FontId::SerifItalic, MIN_TEXT);
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

    fn lines(&mut self, title: Option<&str>, count: u32, to_bottom: bool) {
        let a = self.area;
        if let Some(l) = title {
            self.text(
                &[Span::new(l, ink(FontId::SansBold, 16.0))],
                a.x,
                a.w,
                1.3,
                Align::Left,
            );
        }
        let room = ((self.limit - self.y - Pt(4.0)).0 / LINE.0)
            .floor()
            .max(0.0) as u32;
        let n = if to_bottom { count.max(room) } else { count };
        let first = self.y + LINE;
        for _ in 0..n {
            self.y += LINE;
            self.hline(a.x, a.right(), self.y, Pt(0.7), FAINT);
        }
        if n > 0 {
            // One field over all the lines, its writing falling on them.
            let (rect, size) = write_field_rect(first, self.y, LINE, a.x, a.right());
            let words = title.unwrap_or(&self.title).to_string();
            let kind = FieldKind::Text {
                multiline: n > 1,
                size,
                right: false,
            };
            self.tags.mark = None;
            self.field(rect, &[title.unwrap_or("notes")], words, kind);
        }
        self.y += if to_bottom { Pt(4.0) } else { Pt(14.0) };
    }

    fn before_after(&mut self, measures: &[String], scale: u32, before: &str, after: &str) {
        let a = self.area;
        let head = ink(FontId::SansBold, MIN_TEXT);
        let col = (a.w * 0.27).max(Pt(110.0)).min(a.w / 3.0);
        let first = a.w - col * 2.0;
        self.y += Pt(4.0);
        for (i, t) in [before, after].iter().enumerate() {
            let x = a.x + first + col * i as f32;
            self.put(label(t, head, Point::new(x, self.y + Pt(14.0)), col));
        }
        self.y += Pt(22.0);
        self.hline(a.x, a.right(), self.y, Pt(0.9), INK);
        let out_of = format!("/ {scale}");
        let out_style = muted(FontId::Sans, MIN_TEXT);
        for m in measures {
            let top = self.y;
            self.y += Pt(8.0);
            self.text(
                &[Span::new(m, ink(FontId::Sans, 15.0))],
                a.x,
                first - Pt(10.0),
                1.3,
                Align::Left,
            );
            let h = (self.y - top + Pt(8.0)).max(Pt(40.0));
            for i in 0..2 {
                let x = a.x + first + col * i as f32;
                let rect = Rect {
                    x,
                    y: top + (h - Pt(26.0)) / 2.0,
                    w: Pt(46.0),
                    h: Pt(26.0),
                };
                self.push(Element::Rect {
                    rect,
                    width: Pt(1.0),
                    color: INK,
                });
                let when = if i == 0 { before } else { after };
                let kind = FieldKind::Text {
                    multiline: false,
                    size: Pt(16.0),
                    right: false,
                };
                self.field(rect, &[m, when], format!("{m}, {when} {out_of}"), kind);
                self.put(label(
                    &out_of,
                    out_style,
                    Point::new(x + Pt(52.0), top + h / 2.0 + Pt(5.0)),
                    col,
                ));
            }
            self.y = top + h;
            self.hline(a.x, a.right(), self.y, Pt(0.4), FAINT);
        }
        self.y += Pt(14.0);
    }

    /// `keys` name the fields, one per name.
    fn signature(&mut self, names: &[String], keys: &[String]) {
        let a = self.area;
        let small = muted(FontId::Sans, MIN_TEXT);
        let sign_w = a.w * 0.62;
        // A name wraps under its line as on the cover, never losing a word.
        let name_lead = Pt(18.0);
        for (i, name) in names.iter().enumerate() {
            let key = keys.get(i).unwrap_or(name);
            self.y += Pt(40.0);
            let y = self.y;
            self.hline(a.x, a.x + sign_w, y, Pt(0.9), INK);
            self.hline(a.x + sign_w + Pt(18.0), a.right(), y, Pt(0.9), INK);
            let date = self.program.strings.get("date").to_string();
            self.line_field(
                a.x,
                a.x + sign_w,
                y,
                Pt(18.0),
                &["signature", key],
                name.clone(),
            );
            let (x0, x1) = (a.x + sign_w + Pt(18.0), a.right());
            self.line_field(
                x0,
                x1,
                y,
                Pt(16.0),
                &[&date, key],
                format!("{date}, {name}"),
            );
            let lines = break_lines(&[Span::new(name, small)], sign_w, Align::Left);
            for (k, line) in lines.iter().enumerate() {
                let at = Point::new(a.x, y + Pt(16.0) + name_lead * k as f32);
                self.put(text_items(line, at));
            }
            self.put(label(
                self.program.strings.get("date"),
                small,
                Point::new(a.x + sign_w + Pt(18.0), y + Pt(16.0)),
                a.w - sign_w,
            ));
            self.y += Pt(22.0) + name_lead * lines.len().saturating_sub(1) as f32;
        }
        self.y += Pt(10.0);
    }

    fn cards(&mut self, per_page: u32, cards: &[crate::model::Card]) -> Result<(), String> {
        let a = self.area;
        let (cols, rows) = match per_page {
            2 => (1, 2),
            4 => (2, 2),
            8 => (2, 4),
            _ => (2, 5),
        };
        let top = self.y;
        let grid = Rect {
            x: a.x,
            y: top,
            w: a.w,
            h: self.limit - top,
        };
        let (cw, ch) = (grid.w / cols as f32, grid.h / rows as f32);
        if ch < Pt(60.0) {
            return Err(format!(
                "leaves {:.0} mm for each card; cards need at least 22 mm",
                ch.to_mm()
            ));
        }
        self.tags.mark = None;
        self.tags.close(&mut self.page);
        draw::cut_lines(&mut self.page, grid, cols, rows);
        let pad = Pt(12.0);
        for k in 0..(cols * rows) as usize {
            let card = &cards[k % cards.len().max(1)];
            let cell = Rect {
                x: grid.x + cw * (k % cols as usize) as f32,
                y: grid.y + ch * (k / cols as usize) as f32,
                w: cw,
                h: ch,
            };
            let saved = (self.area, self.y);
            self.area = Rect {
                x: cell.x + pad,
                y: cell.y + pad,
                w: cell.w - pad * 2.0,
                h: cell.h - pad * 2.0,
            };
            self.y = cell.y + pad;
            if !card.title.is_empty() {
                self.text(
                    &[Span::new(&card.title, ink(FontId::SansBold, 16.0))],
                    self.area.x,
                    self.area.w,
                    1.25,
                    Align::Left,
                );
            }
            if !card.text.is_empty() {
                let x = self.area.x;
                let w = self.area.w;
                self.text(
                    &spans(&card.text, ink(FontId::Serif, MIN_TEXT)),
                    x,
                    w,
                    1.3,
                    Align::Left,
                );
            }
            let first = self.y + Pt(26.0);
            for _ in 0..card.lines {
                self.y += Pt(26.0);
                let (x0, x1) = (self.area.x, self.area.right());
                self.hline(x0, x1, self.y, Pt(0.7), FAINT);
            }
            if card.lines > 0 {
                let (x0, x1) = (self.area.x, self.area.right());
                let (rect, size) = write_field_rect(first, self.y, Pt(26.0), x0, x1);
                let kind = FieldKind::Text {
                    multiline: card.lines > 1,
                    size,
                    right: false,
                };
                let words = if card.title.is_empty() {
                    self.title.clone()
                } else {
                    card.title.clone()
                };
                let n = (k + 1).to_string();
                self.field(rect, &["card", &n], words, kind);
            }
            let over = self.y - (cell.bottom() - pad / 2.0);
            (self.area, self.y) = saved;
            if over > Pt(0.01) {
                return Err(format!(
                    "card {} overflows its cut-out by {:.0} mm",
                    k % cards.len() + 1,
                    over.to_mm().ceil()
                ));
            }
        }
        self.y = self.limit;
        Ok(())
    }

    fn columns(&mut self, left: &[SheetBlock], right: &[SheetBlock]) -> Result<(), String> {
        let a = self.area;
        let gap = Pt(20.0);
        let half = (a.w - gap) / 2.0;
        let top = self.y;
        let mut bottom = top;
        for (side, blocks) in [(0.0, left), (1.0, right)] {
            self.area = Rect {
                x: a.x + (half + gap) * side,
                w: half,
                ..a
            };
            self.y = top;
            for b in blocks {
                self.block(b)?;
            }
            bottom = bottom.max(self.y);
        }
        self.area = a;
        self.y = bottom;
        Ok(())
    }

    /// A picture across `width` of the area (all of it when None), centred,
    /// its aspect kept, and its caption under it; nothing when validation did not read it.
    fn image(
        &mut self,
        source: &std::path::Path,
        alt: &str,
        width: Option<crate::model::text::ImageWidth>,
        caption: Option<&str>,
    ) {
        let a = self.area;
        let Some(img) = self.program.image_at(source) else {
            return;
        };
        let image = engine_image(img);
        let w = width.map_or(a.w, |w| Pt::mm(w.mm(f64::from(a.w.to_mm())) as f32));
        let h = w * image.aspect();
        self.y += Pt(4.0);
        let rect = Rect {
            x: a.x + (a.w - w) / 2.0,
            y: self.y,
            w,
            h,
        };
        // A picture with no words for it is a decoration: an artifact.
        let words = (!alt.trim().is_empty()).then(|| alt.trim().to_string());
        self.tags.mark =
            words.map(|w| Tag::with(Role::Figure, self.parent.as_ref(), Some(w), None));
        let item = Element::Image { rect, image };
        self.tags.push(&mut self.page, item);
        self.tags.mark = None;
        self.y += h;
        if let Some(caption) = caption {
            self.y += Pt(4.0);
            self.text(
                &[Span::new(caption, muted(FontId::Sans, MIN_TEXT))],
                a.x,
                a.w,
                1.3,
                Align::Center,
            );
        }
        self.y += Pt(6.0);
    }

    fn plan(&mut self, focus: bool) {
        let a = self.area;
        let gutter = Pt(44.0);
        let box_size = Pt(20.0);
        let text_w = a.w - gutter - box_size - Pt(16.0);
        let weeks: Vec<(u32, String, String)> = self
            .program
            .weeks
            .iter()
            .map(|w| (w.number, w.title.clone(), w.focus.clone()))
            .collect();
        for (n, title, text) in weeks {
            let top = self.y;
            self.y += Pt(8.0);
            let num = gold(FontId::SansBold, 28.0);
            self.put(label(
                &n.to_string(),
                num,
                Point::new(a.x, top + Pt(34.0)),
                gutter,
            ));
            self.text(
                &[Span::new(&title, ink(FontId::SansBold, 18.0))],
                a.x + gutter,
                text_w,
                1.25,
                Align::Left,
            );
            if focus {
                self.text(
                    &[Span::new(&text, ink(FontId::Serif, MIN_TEXT))],
                    a.x + gutter,
                    text_w,
                    1.3,
                    Align::Left,
                );
            }
            self.y = self.y.max(top + Pt(44.0)) + Pt(8.0);
            self.tick_box(a.right() - box_size, top + Pt(14.0), box_size);
            let rect = Rect {
                x: a.right() - box_size,
                y: top + Pt(14.0),
                w: box_size,
                h: box_size,
            };
            let week = format!("week-{n}");
            self.field(rect, &[&week], title.clone(), FieldKind::Check);
            self.hline(a.x, a.right(), self.y, Pt(0.4), FAINT);
        }
        self.y += Pt(14.0);
    }

    fn log(&mut self, columns: &[String], rows: u32) {
        let a = self.area;
        let col_w = a.w / columns.len().max(1) as f32;
        let head = ink(FontId::SansBold, MIN_TEXT);
        let top = self.y;
        let mut header_h = Pt(0.0);
        for (i, c) in columns.iter().enumerate() {
            self.y = top;
            self.text(
                &[Span::new(c, head)],
                a.x + col_w * i as f32 + Pt(4.0),
                col_w - Pt(8.0),
                1.25,
                Align::Left,
            );
            header_h = header_h.max(self.y - top);
        }
        self.y = top + header_h + Pt(4.0);
        self.hline(a.x, a.right(), self.y, Pt(0.9), INK);
        let body_top = self.y;
        for r in 0..rows {
            self.y += LINE;
            self.hline(a.x, a.right(), self.y, Pt(0.5), FAINT);
            let row = format!("row-{}", r + 1);
            for (i, c) in columns.iter().enumerate() {
                let x = a.x + col_w * i as f32;
                let (x0, x1) = (x + Pt(3.0), x + col_w - Pt(3.0));
                let label = format!("{c}, {}", r + 1);
                self.line_field(x0, x1, self.y, Pt(14.0), &[&row, c], label);
            }
        }
        for i in 1..columns.len() {
            let x = a.x + col_w * i as f32;
            self.push(Element::Line {
                from: Point::new(x, body_top),
                to: Point::new(x, self.y),
                width: Pt(0.5),
                color: FAINT,
                dash: None,
            });
        }
        self.y += Pt(14.0);
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
