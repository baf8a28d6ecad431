//! Lengths in PostScript points, and the few geometric types the engine needs.

use serde::Serialize;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// A length in points (1/72 inch).
#[derive(Debug, Clone, Copy, Default, PartialEq, PartialOrd, Serialize)]
pub struct Pt(pub f32);

impl Pt {
    /// Zero.
    pub const ZERO: Pt = Pt(0.0);

    /// Millimetres to points.
    pub fn mm(mm: f32) -> Pt {
        Pt(mm * 72.0 / 25.4)
    }

    /// Points to millimetres.
    pub fn to_mm(self) -> f32 {
        self.0 * 25.4 / 72.0
    }

    /// The larger of two lengths.
    pub fn max(self, o: Pt) -> Pt {
        Pt(self.0.max(o.0))
    }

    /// The smaller of two lengths.
    pub fn min(self, o: Pt) -> Pt {
        Pt(self.0.min(o.0))
    }
}

impl Add for Pt {
    type Output = Pt;
    fn add(self, o: Pt) -> Pt {
        Pt(self.0 + o.0)
    }
}

impl Sub for Pt {
    type Output = Pt;
    fn sub(self, o: Pt) -> Pt {
        Pt(self.0 - o.0)
    }
}

impl Mul<f32> for Pt {
    type Output = Pt;
    fn mul(self, k: f32) -> Pt {
        Pt(self.0 * k)
    }
}

impl Div<f32> for Pt {
    type Output = Pt;
    fn div(self, k: f32) -> Pt {
        Pt(self.0 / k)
    }
}

impl Neg for Pt {
    type Output = Pt;
    fn neg(self) -> Pt {
        Pt(-self.0)
    }
}

impl AddAssign for Pt {
    fn add_assign(&mut self, o: Pt) {
        self.0 += o.0;
    }
}

impl SubAssign for Pt {
    fn sub_assign(&mut self, o: Pt) {
        self.0 -= o.0;
    }
}

impl std::iter::Sum for Pt {
    fn sum<I: Iterator<Item = Pt>>(iter: I) -> Pt {
        Pt(iter.map(|p| p.0).sum())
    }
}

/// A point on the page, measured from the top-left corner, y growing downwards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Point {
    pub x: Pt,
    pub y: Pt,
}

impl Point {
    /// A point at (x, y).
    pub fn new(x: Pt, y: Pt) -> Point {
        Point { x, y }
    }
}

/// A width and a height.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Size {
    pub w: Pt,
    pub h: Pt,
}

/// A rectangle: top-left corner and size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Rect {
    pub x: Pt,
    pub y: Pt,
    pub w: Pt,
    pub h: Pt,
}

impl Rect {
    /// The right edge.
    pub fn right(&self) -> Pt {
        self.x + self.w
    }

    /// The bottom edge.
    pub fn bottom(&self) -> Pt {
        self.y + self.h
    }
}

/// An RGB colour, each channel from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Color {
    pub r: f32,
    pub g: f32,
    pub b: f32,
}

impl Color {
    /// Black.
    pub const BLACK: Color = Color::rgb(0.0, 0.0, 0.0);

    /// A colour from its red, green and blue channels (0 to 1).
    pub const fn rgb(r: f32, g: f32, b: f32) -> Color {
        Color { r, g, b }
    }
}
