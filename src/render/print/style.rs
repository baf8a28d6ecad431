//! The printed look: paper sizes, book margins, the type styles and the few ink colours.

use crate::model::Paper;
use crate::pdf::flow::{Look, PageSpec, PanelLook, Para};
use crate::pdf::fonts::FontId;
use crate::pdf::lines::{Align, Span};
use crate::pdf::shape::Style;
use crate::pdf::units::{Color, Pt, Size};

/// Text black (a very dark warm grey).
pub const INK: Color = Color::rgb(0.13, 0.12, 0.11);
/// Secondary text and rules.
pub const MUTED: Color = Color::rgb(0.36, 0.34, 0.32);
/// The accent: kintsugi gold, for rules and small marks.
pub const GOLD: Color = Color::rgb(0.66, 0.49, 0.16);
/// Very light lines for write-in rules and grids.
pub const FAINT: Color = Color::rgb(0.62, 0.60, 0.57);

/// A light tint of the accent on paper, behind callout panels (never a solid fill).
pub const TINT: Color = Color::rgb(0.975, 0.955, 0.915);

/// Body text size in points.
pub const BODY: f32 = 10.5;

/// The page size of a paper.
pub fn paper_size(paper: Paper) -> Size {
    match paper {
        Paper::A4 => Size {
            w: Pt::mm(210.0),
            h: Pt::mm(297.0),
        },
        Paper::Letter => Size {
            w: Pt(612.0),
            h: Pt(792.0),
        },
    }
}

/// Book margins for home printers: nothing within 10 mm of the edge.
pub fn book_page(paper: Paper) -> PageSpec {
    PageSpec {
        size: paper_size(paper),
        top: Pt::mm(24.0),
        bottom: Pt::mm(24.0),
        left: Pt::mm(22.0),
        right: Pt::mm(22.0),
    }
}

/// How far a double-sided workbook's pages move away from the binding: the
/// book margins of 22 mm become 26 mm inside and 18 mm outside.
pub fn gutter() -> Pt {
    Pt::mm(4.0)
}

/// How the book's running heads, page numbers and rules look.
pub fn book_look() -> Look {
    Look {
        running: muted(FontId::Sans, 8.5),
        accent: GOLD,
        faint: FAINT,
        ink: INK,
    }
}

/// How exercises, scripts and phrase lists stand out: a tinted panel with
/// an accent rule at its left.
pub fn callout() -> PanelLook {
    PanelLook {
        fill: Some(TINT),
        rule: Some((GOLD, Pt(2.2))),
        pad_x: Pt(14.0),
        pad_y: Pt(11.0),
    }
}

/// Text in ink.
pub fn ink(font: FontId, size: f32) -> Style {
    Style::new(font, size, INK)
}

/// Secondary text.
pub fn muted(font: FontId, size: f32) -> Style {
    Style::new(font, size, MUTED)
}

/// Text in the accent colour.
pub fn gold(font: FontId, size: f32) -> Style {
    Style::new(font, size, GOLD)
}

/// The body text style.
pub fn body() -> Style {
    ink(FontId::Serif, BODY)
}

/// A justified body paragraph with room below it.
pub fn body_para(spans: Vec<Span>) -> Para {
    Para {
        leading: 1.38,
        space_after: Pt(7.0),
        ..Para::new(spans, Align::Justify)
    }
}
