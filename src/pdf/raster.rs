//! Pictures of pages: draws a [`Page`] of frames into a PNG of a given width
//! (for the site's thumbnails of the worksheets), by the same frames the PDF
//! writer reads, so a thumbnail always shows what prints.
//!
//! Glyphs are filled from the faces' outlines (ttf-parser), lines, boxes and
//! circles stroked, pictures decoded (rasters by `image`, SVG by resvg) and
//! drawn into their rectangles; tiny-skia rasterises, `image` encodes.
//! Links have no look. Like the rest of the engine it imports nothing else
//! of the crate.

use super::fonts::fonts;
use super::frame::{Element, Page};
use super::image::{ImageData, ImageKind};
use super::units::{Color, Point, Pt};
use anyhow::{anyhow, Result};
use tiny_skia::{
    FillRule, FilterQuality, LineCap, Paint, PathBuilder, Pixmap, PixmapPaint, Stroke, StrokeDash,
    Transform,
};

/// A page drawn as a PNG.
#[derive(Debug, Clone, PartialEq)]
pub struct Raster {
    pub width: u32,
    pub height: u32,
    /// The encoded PNG (8-bit RGB).
    pub png: Vec<u8>,
}

/// Draws `page` `width` pixels wide (its height keeps the page's proportions)
/// on white paper, its text in the font set `fonts` it was laid out in.
pub fn png(page: &Page, width: u32, fonts: &'static super::fonts::Fonts) -> Result<Raster> {
    let _fonts = super::fonts::Scope::new(fonts);
    let (w, h, pixels) = rgb(page, width)?;
    encode(pixels, w, h)
}

/// The page drawn `2 × width` pixels wide and, averaged down from that,
/// `width` wide: the picture for sharp screens and the plain one, for the
/// cost of drawing one.
pub fn png_pair(
    page: &Page,
    width: u32,
    fonts: &'static super::fonts::Fonts,
) -> Result<(Raster, Raster)> {
    let _fonts = super::fonts::Scope::new(fonts);
    let (w2, h2, big) = rgb(page, width * 2)?;
    let (w1, h1) = (w2 / 2, (h2 / 2).max(1));
    let mut small = vec![0u8; (w1 * h1 * 3) as usize];
    for y in 0..h1 {
        for x in 0..w1 {
            for c in 0..3 {
                let at = |dx: u32, dy: u32| {
                    let (sx, sy) = ((2 * x + dx).min(w2 - 1), (2 * y + dy).min(h2 - 1));
                    u32::from(big[((sy * w2 + sx) * 3 + c) as usize])
                };
                let sum = at(0, 0) + at(1, 0) + at(0, 1) + at(1, 1);
                small[((y * w1 + x) * 3 + c) as usize] = ((sum + 2) / 4) as u8;
            }
        }
    }
    Ok((encode(small, w1, h1)?, encode(big, w2, h2)?))
}

/// RGB pixels of the page drawn `width` wide: (width, height, pixels).
fn rgb(page: &Page, width: u32) -> Result<(u32, u32, Vec<u8>)> {
    let r = draw_page(page, width)?;
    let rgb: Vec<u8> =
        r.1.data()
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect();
    Ok((width, r.0, rgb))
}

/// The page drawn on white paper: (height, pixmap).
fn draw_page(page: &Page, width: u32) -> Result<(u32, Pixmap)> {
    let scale = width as f32 / page.size.w.0.max(1.0);
    let height = (page.size.h.0 * scale).round().max(1.0) as u32;
    let mut pixmap = Pixmap::new(width, height)
        .ok_or_else(|| anyhow!("a picture of {width} × {height} px cannot be drawn"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let t = Transform::from_scale(scale, scale);
    for item in &page.items {
        draw(&mut pixmap, item, t);
    }
    Ok((height, pixmap))
}

/// RGB pixels as a PNG (fast compression: these are small and made on every build).
fn encode(rgb: Vec<u8>, width: u32, height: u32) -> Result<Raster> {
    let mut png = Vec::new();
    ::image::ImageEncoder::write_image(
        ::image::codecs::png::PngEncoder::new_with_quality(
            &mut png,
            ::image::codecs::png::CompressionType::Fast,
            ::image::codecs::png::FilterType::Adaptive,
        ),
        &rgb,
        width,
        height,
        ::image::ExtendedColorType::Rgb8,
    )?;
    Ok(Raster { width, height, png })
}

fn paint(c: Color) -> Paint<'static> {
    let mut p = Paint::default();
    let u = |x: f32| (x.clamp(0.0, 1.0) * 255.0).round() as u8;
    p.set_color_rgba8(u(c.r), u(c.g), u(c.b), 255);
    p.anti_alias = true;
    p
}

fn stroke(width: Pt, dash: Option<(Pt, Pt)>) -> Stroke {
    Stroke {
        width: width.0,
        line_cap: LineCap::Butt,
        dash: dash.and_then(|(on, off)| StrokeDash::new(vec![on.0, off.0], 0.0)),
        ..Stroke::default()
    }
}

fn draw(pixmap: &mut Pixmap, item: &Element, t: Transform) {
    match item {
        Element::Text {
            at,
            font,
            size,
            color,
            glyphs,
            ..
        } => {
            let face = fonts().get(*font);
            let k = size.0 / face.upem;
            let mut pen = at.x.0;
            let mut path = Outline {
                b: PathBuilder::new(),
                x: 0.0,
                y: at.y.0,
                k,
            };
            for g in glyphs {
                path.x = pen;
                face.shaper
                    .outline_glyph(ttf_parser::GlyphId(g.gid), &mut path);
                pen += g.advance.0;
            }
            if let Some(p) = path.b.finish() {
                pixmap.fill_path(&p, &paint(*color), FillRule::Winding, t, None);
            }
        }
        Element::Line {
            from,
            to,
            width,
            color,
            dash,
        } => {
            let mut b = PathBuilder::new();
            b.move_to(from.x.0, from.y.0);
            b.line_to(to.x.0, to.y.0);
            if let Some(p) = b.finish() {
                pixmap.stroke_path(&p, &paint(*color), &stroke(*width, *dash), t, None);
            }
        }
        Element::Rect { rect, width, color } => {
            if let Some(r) = tiny_skia::Rect::from_xywh(rect.x.0, rect.y.0, rect.w.0, rect.h.0) {
                let p = PathBuilder::from_rect(r);
                pixmap.stroke_path(&p, &paint(*color), &stroke(*width, None), t, None);
            }
        }
        Element::Fill { rect, color } => {
            if let Some(r) = tiny_skia::Rect::from_xywh(rect.x.0, rect.y.0, rect.w.0, rect.h.0) {
                pixmap.fill_rect(r, &paint(*color), t, None);
            }
        }
        Element::Circle {
            center,
            radius,
            width,
            color,
        } => {
            if let Some(p) = PathBuilder::from_circle(center.x.0, center.y.0, radius.0) {
                pixmap.stroke_path(&p, &paint(*color), &stroke(*width, None), t, None);
            }
        }
        Element::Image { rect, image } => {
            let at = Point::new(rect.x, rect.y);
            picture(pixmap, image, at, rect.w.0, rect.h.0, t);
        }
        Element::Link { .. } | Element::Field { .. } | Element::Begin(_) | Element::End => {}
    }
}

/// Draws `image` filling the `w` × `h` box at `at`; a picture that does not decode is left out.
fn picture(pixmap: &mut Pixmap, image: &ImageData, at: Point, w: f32, h: f32, t: Transform) {
    let place = |iw: f32, ih: f32| {
        t.pre_translate(at.x.0, at.y.0)
            .pre_scale(w / iw.max(1.0), h / ih.max(1.0))
    };
    if image.kind == ImageKind::Svg {
        let Ok(tree) = resvg::usvg::Tree::from_data(&image.bytes, &resvg::usvg::Options::default())
        else {
            return;
        };
        let size = tree.size();
        resvg::render(
            &tree,
            place(size.width(), size.height()),
            &mut pixmap.as_mut(),
        );
        return;
    }
    let Ok(decoded) = ::image::load_from_memory(&image.bytes) else {
        return;
    };
    let rgba = decoded.to_rgba8();
    let (iw, ih) = rgba.dimensions();
    let Some(size) = tiny_skia::IntSize::from_wh(iw, ih) else {
        return;
    };
    let mut data = rgba.into_raw();
    for px in data.chunks_exact_mut(4) {
        let a = u16::from(px[3]);
        for c in &mut px[..3] {
            *c = ((u16::from(*c) * a + 127) / 255) as u8;
        }
    }
    let Some(src) = Pixmap::from_vec(data, size) else {
        return;
    };
    let paint = PixmapPaint {
        quality: FilterQuality::Bicubic,
        ..PixmapPaint::default()
    };
    pixmap.draw_pixmap(
        0,
        0,
        src.as_ref(),
        &paint,
        place(iw as f32, ih as f32),
        None,
    );
}

/// A glyph's outline, in font units with y up, turned into page points at the pen.
struct Outline {
    b: PathBuilder,
    x: f32,
    y: f32,
    k: f32,
}

impl Outline {
    fn p(&self, x: f32, y: f32) -> (f32, f32) {
        (self.x + x * self.k, self.y - y * self.k)
    }
}

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.p(x, y);
        self.b.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.p(x, y);
        self.b.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x1, y1) = self.p(x1, y1);
        let (x, y) = self.p(x, y);
        self.b.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (x1, y1) = self.p(x1, y1);
        let (x2, y2) = self.p(x2, y2);
        let (x, y) = self.p(x, y);
        self.b.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.b.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::FontId;
    use crate::pdf::shape::Glyph;
    use crate::pdf::units::{Rect, Size};

    fn dark(r: &Raster, x0: u32, y0: u32, x1: u32, y1: u32) -> usize {
        let img = ::image::load_from_memory(&r.png).unwrap().to_rgb8();
        let mut n = 0;
        for y in y0..y1 {
            for x in x0..x1 {
                if img.get_pixel(x, y).0.iter().all(|c| *c < 128) {
                    n += 1;
                }
            }
        }
        n
    }

    #[test]
    fn draws_text_and_shapes_where_the_frames_put_them() {
        let mut page = Page::new(Size {
            w: Pt(200.0),
            h: Pt(100.0),
        });
        let face = fonts().get(FontId::SansBold);
        let gid = face.shaper.glyph_index('H').unwrap().0;
        page.items.push(Element::Text {
            at: Point::new(Pt(10.0), Pt(60.0)),
            font: FontId::SansBold,
            size: Pt(50.0),
            color: Color::BLACK,
            glyphs: vec![Glyph {
                gid,
                advance: Pt(35.0),
                text: "H".into(),
            }],
            rtl: false,
        });
        page.items.push(Element::Rect {
            rect: Rect {
                x: Pt(120.0),
                y: Pt(20.0),
                w: Pt(60.0),
                h: Pt(60.0),
            },
            width: Pt(4.0),
            color: Color::BLACK,
        });
        let r = png(&page, 400, crate::pdf::fonts::builtin()).unwrap();
        assert_eq!((r.width, r.height), (400, 200));
        // The H stands on its baseline (y 60 pt = 120 px), from x 10 pt (20 px).
        assert!(dark(&r, 20, 50, 100, 120) > 1000);
        assert_eq!(dark(&r, 20, 125, 100, 200), 0);
        // The box's edge is drawn, its inside left white.
        assert!(dark(&r, 236, 36, 244, 164) > 500);
        assert_eq!(dark(&r, 260, 60, 340, 140), 0);
    }

    #[test]
    fn an_image_that_does_not_decode_is_left_out() {
        let mut page = Page::new(Size {
            w: Pt(10.0),
            h: Pt(10.0),
        });
        page.items.push(Element::Image {
            rect: Rect {
                x: Pt(0.0),
                y: Pt(0.0),
                w: Pt(10.0),
                h: Pt(10.0),
            },
            image: std::sync::Arc::new(ImageData {
                key: "x".into(),
                kind: ImageKind::Png,
                bytes: b"not a png"[..].into(),
                width_px: 1,
                height_px: 1,
            }),
        });
        let r = png(&page, 20, crate::pdf::fonts::builtin()).unwrap();
        assert_eq!(dark(&r, 0, 0, 20, 20), 0);
    }
}
