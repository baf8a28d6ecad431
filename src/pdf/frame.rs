//! Frames: finished pages as plain data (positioned glyph runs, lines, shapes, links).
//!
//! Coordinates are from the page's top-left corner, y downwards. Tests can
//! inspect frames directly; `write` turns them into PDF.

use super::fonts::FontId;
use super::image::ImageData;
use super::shape::{Glyph, LinkTarget};
use super::units::{Color, Point, Pt, Rect, Size};
use serde::Serialize;
use std::sync::Arc;

/// One positioned thing on a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Element {
    /// Glyphs starting at `at` (on the baseline).
    Text {
        at: Point,
        font: FontId,
        size: Pt,
        color: Color,
        glyphs: Vec<Glyph>,
        /// A right-to-left run: its glyphs are in visual order, so its text
        /// reads from the last glyph to the first.
        rtl: bool,
    },
    /// A straight line; `dash` is (on, off) lengths.
    Line {
        from: Point,
        to: Point,
        width: Pt,
        color: Color,
        dash: Option<(Pt, Pt)>,
    },
    /// A stroked rectangle.
    Rect { rect: Rect, width: Pt, color: Color },
    /// A filled rectangle without outline (a tinted panel); drawn under all text.
    Fill { rect: Rect, color: Color },
    /// A stroked circle.
    Circle {
        center: Point,
        radius: Pt,
        width: Pt,
        color: Color,
    },
    /// A clickable area.
    Link { rect: Rect, to: LinkTarget },
    /// An image drawn to fill `rect` (its aspect ratio is the caller's to keep).
    Image {
        rect: Rect,
        #[serde(serialize_with = "super::image::serialize_key")]
        image: Arc<ImageData>,
    },
}

impl Element {
    /// Moves the item `dx` to the right (left when negative).
    pub fn shift(&mut self, dx: Pt) {
        match self {
            Element::Text { at, .. } => at.x += dx,
            Element::Line { from, to, .. } => {
                from.x += dx;
                to.x += dx;
            }
            Element::Rect { rect, .. }
            | Element::Fill { rect, .. }
            | Element::Link { rect, .. }
            | Element::Image { rect, .. } => rect.x += dx,
            Element::Circle { center, .. } => center.x += dx,
        }
    }

    /// Moves the item to its mirror image across a page `width` wide. Text
    /// keeps its glyphs in their order: the run moves as a whole.
    pub fn mirror(&mut self, width: Pt) {
        let flip = |r: &mut Rect| r.x = width - r.x - r.w;
        match self {
            Element::Text { at, glyphs, .. } => {
                let w: Pt = glyphs.iter().map(|g| g.advance).sum();
                at.x = width - at.x - w;
            }
            Element::Line { from, to, .. } => {
                from.x = width - from.x;
                to.x = width - to.x;
            }
            Element::Rect { rect, .. }
            | Element::Fill { rect, .. }
            | Element::Link { rect, .. }
            | Element::Image { rect, .. } => flip(rect),
            Element::Circle { center, .. } => center.x = width - center.x,
        }
    }

    /// Changes the item's colours with `f` (images keep theirs).
    pub fn recolor(&mut self, f: &dyn Fn(Color) -> Color) {
        match self {
            Element::Text { color, .. }
            | Element::Line { color, .. }
            | Element::Rect { color, .. }
            | Element::Fill { color, .. }
            | Element::Circle { color, .. } => *color = f(*color),
            Element::Link { .. } | Element::Image { .. } => {}
        }
    }

    /// The area the item covers (text: from its top to its baseline plus descent).
    pub fn bounds(&self) -> Rect {
        match self {
            Element::Text {
                at, size, glyphs, ..
            } => {
                let w: Pt = glyphs.iter().map(|g| g.advance).sum();
                Rect {
                    x: at.x,
                    y: at.y - *size * 0.8,
                    w,
                    h: *size,
                }
            }
            Element::Line { from, to, .. } => Rect {
                x: from.x.min(to.x),
                y: from.y.min(to.y),
                w: Pt((to.x - from.x).0.abs()),
                h: Pt((to.y - from.y).0.abs()),
            },
            Element::Rect { rect, .. }
            | Element::Fill { rect, .. }
            | Element::Link { rect, .. }
            | Element::Image { rect, .. } => *rect,
            Element::Circle { center, radius, .. } => Rect {
                x: center.x - *radius,
                y: center.y - *radius,
                w: *radius * 2.0,
                h: *radius * 2.0,
            },
        }
    }
}

/// A finished page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    pub size: Size,
    pub items: Vec<Element>,
}

impl Page {
    /// An empty page.
    pub fn new(size: Size) -> Page {
        Page {
            size,
            items: Vec::new(),
        }
    }

    /// The text on the page in placing order, runs separated by spaces where a line changes.
    pub fn text(&self) -> String {
        let mut s = String::new();
        let mut last_y = None;
        for item in &self.items {
            if let Element::Text { at, glyphs, .. } = item {
                if last_y.is_some_and(|y| y != at.y) {
                    s.push('\n');
                }
                last_y = Some(at.y);
                s.extend(glyphs.iter().map(|g| g.text.as_str()));
            }
        }
        s
    }
}

/// A bookmark in the PDF outline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutlineEntry {
    pub title: String,
    /// 0-based page index.
    pub page: usize,
    /// 0 for chapters, 1 for sections.
    pub level: u8,
}

/// How page numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LabelStyle {
    /// i, ii, iii: front matter.
    Roman,
    /// 1, 2, 3.
    Arabic,
}

impl LabelStyle {
    /// `n` written in this style.
    pub fn format(self, n: usize) -> String {
        match self {
            LabelStyle::Arabic => n.to_string(),
            LabelStyle::Roman => roman(n),
        }
    }
}

/// Lower-case roman numerals.
fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            s.push_str(digits);
            n -= value;
        }
    }
    s
}

/// From page `start` (0-based) on, pages are labelled in `style` counting from `first`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PageLabel {
    pub start: usize,
    pub style: LabelStyle,
    pub first: usize,
}

/// A finished document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub title: String,
    pub language: String,
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    /// Named places (anchor, 0-based page) that internal links point at.
    pub anchors: Vec<(String, usize)>,
    /// Page labels, as PDF viewers show them; empty means 1, 2, 3 from the first page.
    pub labels: Vec<PageLabel>,
    /// The font set its text was laid out in ([`super::fonts::Fonts::id`]),
    /// which `write` embeds.
    pub fonts: u16,
}

impl Document {
    /// The label of page `index` (0-based), as printed in its footer.
    pub fn label(&self, index: usize) -> String {
        match self.labels.iter().rev().find(|l| l.start <= index) {
            Some(l) => l.style.format(l.first + index - l.start),
            None => (index + 1).to_string(),
        }
    }

    /// Makes room for the binding of a double-sided print: from page `from`
    /// on, right-hand pages (even 0-based indexes: the first page is a
    /// right-hand one) move `gutter` to the right and left-hand pages as far
    /// to the left, so the inner margin of every page is `2 * gutter` wider
    /// than its outer one. The text width stays, so nothing reflows.
    pub fn bind(&mut self, from: usize, gutter: Pt) {
        for (index, page) in self.pages.iter_mut().enumerate().skip(from) {
            let dx = if index % 2 == 0 { gutter } else { -gutter };
            for item in &mut page.items {
                item.shift(dx);
            }
        }
    }

    /// Turns every page into its mirror image, for a right-to-left document
    /// laid out as its left-to-right mirror (see [`super::lines::Direction`]):
    /// text then starts at the right margin, indents and list markers are on
    /// the right, table columns run from the right, and the binding moves to
    /// the right-hand edge of the first page, as a right-to-left book is bound.
    pub fn mirror(&mut self) {
        for page in &mut self.pages {
            let w = page.size.w;
            for item in &mut page.items {
                item.mirror(w);
            }
        }
    }

    /// The page an anchor is on.
    pub fn anchor_page(&self, name: &str) -> Option<usize> {
        self.anchors
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| *p)
    }
}
