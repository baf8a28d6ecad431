//! Drawn marks for worksheets: dashed cut lines and a scissors symbol, as shapes, not glyphs.

use crate::pdf::frame::{Element, Page};
use crate::pdf::units::{Point, Pt, Rect};
use crate::render::print::style::{INK, MUTED};

const DASH: Option<(Pt, Pt)> = Some((Pt(5.0), Pt(3.5)));

fn dashed(page: &mut Page, from: Point, to: Point) {
    page.items.push(Element::Line {
        from,
        to,
        width: Pt(0.8),
        color: MUTED,
        dash: DASH,
    });
}

/// Dashed lines around and between `cols` × `rows` cards, with scissors on the top edge.
pub fn cut_lines(page: &mut Page, grid: Rect, cols: u32, rows: u32) {
    let scissors_w = Pt(22.0);
    scissors(page, Point::new(grid.x, grid.y));
    dashed(
        page,
        Point::new(grid.x + scissors_w, grid.y),
        Point::new(grid.right(), grid.y),
    );
    for r in 1..=rows {
        let y = grid.y + grid.h * (r as f32 / rows as f32);
        dashed(page, Point::new(grid.x, y), Point::new(grid.right(), y));
    }
    for c in 0..=cols {
        let x = grid.x + grid.w * (c as f32 / cols as f32);
        dashed(page, Point::new(x, grid.y), Point::new(x, grid.bottom()));
    }
}

/// A pair of scissors pointing right, its loops at `at` on the cut line.
pub fn scissors(page: &mut Page, at: Point) {
    let ink = INK;
    let (x, y) = (at.x, at.y);
    for dy in [-4.6, 4.6] {
        page.items.push(Element::Circle {
            center: Point::new(x + Pt(3.6), y + Pt(dy)),
            radius: Pt(3.0),
            width: Pt(0.9),
            color: ink,
        });
    }
    // Blades: each from its loop, crossing at the pivot, to the tips.
    let blade = |page: &mut Page, from: (f32, f32), to: (f32, f32)| {
        let p = |(a, b): (f32, f32)| Point::new(x + Pt(a), y + Pt(b));
        page.items.push(Element::Line {
            from: p(from),
            to: p(to),
            width: Pt(1.1),
            color: ink,
            dash: None,
        });
    };
    blade(page, (6.2, -3.0), (18.0, 2.2));
    blade(page, (6.2, 3.0), (18.0, -2.2));
}
