//! The printed look: paper sizes, book margins, the type styles and the few ink colours.

use crate::model::brand::{Brand, Rgb};
use crate::model::Paper;
use crate::pdf::flow::{Look, PageSpec, PanelLook, Para};
use crate::pdf::fonts::FontId;
use crate::pdf::frame::Page;
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

/// Headings' text: ink, or the brand's heading colour.
pub fn heading(font: FontId, size: f32) -> Style {
    Style::new(font, size, HEADING)
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

/// The ink colours of a printed page: the built-in ones, or a brand's.
///
/// Renderers draw in the built-in colours above; [`recolor`] then turns each
/// into the brand's, so the brand reaches every page without each drawing
/// call knowing about it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub ink: Color,
    pub muted: Color,
    pub accent: Color,
    pub faint: Color,
    /// The colour of headings' text (ink unless the brand sets one).
    pub heading: Color,
    /// The light tint of the accent behind callouts.
    pub tint: Color,
}

impl Palette {
    /// The palette of `brand`: its foreground for text, its primary for the
    /// accent, secondary text and faint rules mixed from those and the paper.
    pub fn of(brand: &Brand) -> Palette {
        let c = &brand.color;
        let ink = c.foreground.map(from_rgb).unwrap_or(INK);
        let paper = Color::rgb(1.0, 1.0, 1.0);
        Palette {
            ink,
            muted: c.secondary.map(from_rgb).unwrap_or_else(|| {
                if ink == INK {
                    MUTED
                } else {
                    mix(ink, paper, 0.35)
                }
            }),
            accent: c.primary.map(from_rgb).unwrap_or(GOLD),
            faint: if ink == INK {
                FAINT
            } else {
                mix(ink, paper, 0.58)
            },
            heading: brand.heading_color.map(from_rgb).unwrap_or(ink),
            tint: c
                .primary
                .map(|p| mix(from_rgb(p), paper, 0.92))
                .unwrap_or(TINT),
        }
    }

    /// The brand's colour for a built-in one; colours that are none of the
    /// built-in ones (and tints of the accent, mixed toward the paper) follow
    /// the accent they were mixed from.
    pub fn map(&self, c: Color) -> Color {
        if c == INK {
            self.ink
        } else if c == MUTED {
            self.muted
        } else if c == GOLD {
            self.accent
        } else if c == FAINT {
            self.faint
        } else if c == HEADING {
            self.heading
        } else if c == TINT {
            self.tint
        } else {
            c
        }
    }
}

/// Headings' ink: the same as [`INK`] in the built-in look, told apart so a
/// brand can colour headings alone.
pub const HEADING: Color = Color::rgb(0.13, 0.12, 0.111);

/// `a` moved toward `b` by `t` (0: a, 1: b).
pub fn mix(a: Color, b: Color, t: f32) -> Color {
    Color::rgb(
        a.r + (b.r - a.r) * t,
        a.g + (b.g - a.g) * t,
        a.b + (b.b - a.b) * t,
    )
}

fn from_rgb(c: Rgb) -> Color {
    Color::rgb(
        f32::from(c.0) / 255.0,
        f32::from(c.1) / 255.0,
        f32::from(c.2) / 255.0,
    )
}

/// Gives the pages of `doc` the brand's colours.
pub fn recolor(pages: &mut [Page], brand: &Brand) {
    let palette = Palette::of(brand);
    if palette == Palette::of(&Brand::default()) {
        return;
    }
    for page in pages {
        for item in &mut page.items {
            item.recolor(&|c| palette.map(c));
        }
    }
}

/// While it lives, text on this thread is laid out in the brand's fonts
/// (see [`crate::pdf::fonts::Scope`]).
pub fn fonts_of(brand: &Brand) -> crate::pdf::fonts::Scope {
    crate::pdf::fonts::Scope::new(font_set(brand))
}

/// The engine's font set for the brand's faces.
pub fn font_set(brand: &Brand) -> &'static crate::pdf::fonts::Fonts {
    let faces: Vec<Option<crate::pdf::fonts::Supplied>> = crate::pdf::fonts::FontId::ALL
        .iter()
        .enumerate()
        .map(|(i, _)| {
            brand
                .fonts
                .get(i)
                .and_then(Option::as_ref)
                .map(|f| crate::pdf::fonts::Supplied {
                    data: f.bytes.clone(),
                    name: f.postscript.clone(),
                })
        })
        .collect();
    // validate parsed every face, so the set is made; the built-in one otherwise.
    let extra: Vec<crate::pdf::fonts::Supplied> = brand
        .fallback
        .iter()
        .map(|f| crate::pdf::fonts::Supplied {
            data: f.bytes.clone(),
            name: f.postscript.clone(),
        })
        .collect();
    crate::pdf::fonts::set_of(&faces, &extra).unwrap_or_else(crate::pdf::fonts::builtin)
}
