//! Frames: finished pages as plain data (positioned glyph runs, lines, shapes, links).
//!
//! Coordinates are from the page's top-left corner, y downwards. Tests can
//! inspect frames directly; `write` turns them into PDF.

use super::fonts::FontId;
use super::measure::{Glyph, Link};
use super::units::{Color, Point, Pt, Rect, Size};
use serde::Serialize;

/// One positioned thing on a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Item {
    /// Glyphs starting at `at` (on the baseline).
    Text {
        at: Point,
        font: FontId,
        size: Pt,
        color: Color,
        glyphs: Vec<Glyph>,
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
    /// A stroked circle.
    Circle {
        center: Point,
        radius: Pt,
        width: Pt,
        color: Color,
    },
    /// A clickable area.
    Link { rect: Rect, to: Link },
}

impl Item {
    /// The area the item covers (text: from its top to its baseline plus descent).
    pub fn bounds(&self) -> Rect {
        match self {
            Item::Text {
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
            Item::Line { from, to, .. } => Rect {
                x: from.x.min(to.x),
                y: from.y.min(to.y),
                w: Pt((to.x - from.x).0.abs()),
                h: Pt((to.y - from.y).0.abs()),
            },
            Item::Rect { rect, .. } | Item::Link { rect, .. } => *rect,
            Item::Circle { center, radius, .. } => Rect {
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
    pub items: Vec<Item>,
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
            if let Item::Text { at, glyphs, .. } = item {
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

/// A finished document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub title: String,
    pub language: String,
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    /// Named places (anchor, 0-based page) that internal links point at.
    pub anchors: Vec<(String, usize)>,
}

impl Document {
    /// The page an anchor is on.
    pub fn anchor_page(&self, name: &str) -> Option<usize> {
        self.anchors
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| *p)
    }
}
