//! Images the engine places: encoded bytes with their pixel size, and the PDF
//! objects `write` makes of them (JPEG passed through, other rasters decoded,
//! SVG drawn as vectors).
//!
//! Engine-owned, so the engine imports nothing of the crate: renderers build
//! an [`ImageData`] from whatever their model holds.

use anyhow::{anyhow, Context, Result};
use lopdf::{dictionary, Object, ObjectId, Stream};
use std::collections::BTreeMap;
use std::sync::Arc;

/// How an image is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ImageKind {
    Jpeg,
    Png,
    Gif,
    Webp,
    Svg,
}

/// An image as a file holds it; `key` names it, and one key is one image in a PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageData {
    pub key: String,
    pub kind: ImageKind,
    pub bytes: Arc<[u8]>,
    /// Pixel size (for SVG, its user units), for the aspect ratio.
    pub width_px: u32,
    pub height_px: u32,
}

impl ImageData {
    /// Height over width; 1 for an image that claims no size, so nothing divides by zero.
    pub fn aspect(&self) -> f32 {
        if self.width_px == 0 || self.height_px == 0 {
            1.0
        } else {
            self.height_px as f32 / self.width_px as f32
        }
    }
}

/// Frames are serialised for tests and snapshots: an image shows as its key, not its bytes.
pub(crate) fn serialize_key<S: serde::Serializer>(
    image: &Arc<ImageData>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&image.key)
}

/// Adds `image` to `lo` as an XObject (Image or Form) and returns its id.
pub(crate) fn embed(lo: &mut lopdf::Document, image: &ImageData) -> Result<ObjectId> {
    let made = match image.kind {
        ImageKind::Jpeg => Ok(lo.add_object(jpeg(&image.bytes)?)),
        ImageKind::Png => raster(lo, &image.bytes, ::image::ImageFormat::Png),
        ImageKind::Gif => raster(lo, &image.bytes, ::image::ImageFormat::Gif),
        ImageKind::Webp => raster(lo, &image.bytes, ::image::ImageFormat::WebP),
        ImageKind::Svg => svg(lo, &image.bytes),
    };
    made.with_context(|| format!("cannot embed the image {}", image.key))
}

/// A JPEG as it is: PDF readers decode DCT themselves.
fn jpeg(bytes: &[u8]) -> Result<Stream> {
    let info = jpeg_info(bytes).ok_or_else(|| anyhow!("not a JPEG this writer can read"))?;
    let space = match info.components {
        1 => "DeviceGray",
        3 => "DeviceRGB",
        4 => "DeviceCMYK",
        n => return Err(anyhow!("a JPEG with {n} colour components")),
    };
    let mut dict = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => info.width as i64,
        "Height" => info.height as i64,
        "ColorSpace" => space,
        "BitsPerComponent" => info.precision as i64,
        "Filter" => "DCTDecode",
    };
    // Adobe writes CMYK JPEGs inverted (marked by its APP14 segment).
    if info.components == 4 && info.adobe {
        dict.set(
            "Decode",
            Object::Array([1, 0, 1, 0, 1, 0, 1, 0].map(Object::Integer).to_vec()),
        );
    }
    Ok(Stream::new(dict, bytes.to_vec()).with_compression(false))
}

/// What a JPEG's frame header says.
#[derive(Debug, PartialEq)]
struct JpegInfo {
    width: u16,
    height: u16,
    components: u8,
    precision: u8,
    adobe: bool,
}

/// Walks a JPEG's segments up to its start-of-frame header.
fn jpeg_info(b: &[u8]) -> Option<JpegInfo> {
    if b.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut i = 2;
    let mut adobe = false;
    loop {
        while *b.get(i)? != 0xFF {
            i += 1;
        }
        while *b.get(i)? == 0xFF {
            i += 1;
        }
        let marker = *b.get(i)?;
        i += 1;
        if matches!(marker, 0xD0..=0xD9 | 0x01) {
            continue;
        }
        let len = u16::from_be_bytes([*b.get(i)?, *b.get(i + 1)?]) as usize;
        let seg = b.get(i + 2..i + len)?;
        match marker {
            0xEE if seg.starts_with(b"Adobe") => adobe = true,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                return Some(JpegInfo {
                    precision: *seg.first()?,
                    height: u16::from_be_bytes([*seg.get(1)?, *seg.get(2)?]),
                    width: u16::from_be_bytes([*seg.get(3)?, *seg.get(4)?]),
                    components: *seg.get(5)?,
                    adobe,
                })
            }
            _ => {}
        }
        i += len;
    }
}

/// PNG, GIF (its first frame) and WebP, decoded to RGB with a soft mask when
/// any pixel lets the page show through. Left unfiltered here: `deflate`
/// compresses them with every other stream.
fn raster(
    lo: &mut lopdf::Document,
    bytes: &[u8],
    format: ::image::ImageFormat,
) -> Result<ObjectId> {
    let img = ::image::load_from_memory_with_format(bytes, format)?.to_rgba8();
    let (w, h) = img.dimensions();
    let mut rgb = Vec::with_capacity((w * h * 3) as usize);
    let mut alpha = Vec::with_capacity((w * h) as usize);
    for px in img.pixels() {
        rgb.extend_from_slice(&px.0[..3]);
        alpha.push(px.0[3]);
    }
    let mut dict = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => w as i64,
        "Height" => h as i64,
        "ColorSpace" => "DeviceRGB",
        "BitsPerComponent" => 8,
    };
    if alpha.iter().any(|a| *a != 255) {
        let mask = lo.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Image",
                "Width" => w as i64,
                "Height" => h as i64,
                "ColorSpace" => "DeviceGray",
                "BitsPerComponent" => 8,
            },
            alpha,
        ));
        dict.set("SMask", mask);
    }
    Ok(lo.add_object(Stream::new(dict, rgb)))
}

/// An SVG as a Form XObject of vector paths, by svg2pdf.
///
/// svg2pdf writes a pdf-writer chunk; it is wrapped in a minimal PDF so lopdf
/// can read its objects, which are then copied in under fresh numbers. The
/// form's matrix maps it onto the unit square, as an image is.
fn svg(lo: &mut lopdf::Document, bytes: &[u8]) -> Result<ObjectId> {
    let tree = svg2pdf::usvg::Tree::from_data(bytes, &svg2pdf::usvg::Options::default())?;
    let (chunk, root) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
        .map_err(|e| anyhow!("{e}"))?;
    // Chunk objects from 3 on; 1 and 2 are the wrapper's catalog and page tree.
    let chunk = chunk.renumber(|r| pdf_writer::Ref::new(r.get() + 2));
    let mut pdf = pdf_writer::Pdf::new();
    pdf.catalog(pdf_writer::Ref::new(1))
        .pages(pdf_writer::Ref::new(2));
    pdf.pages(pdf_writer::Ref::new(2)).count(0);
    pdf.extend(&chunk);
    let sub = lopdf::Document::load_mem(&pdf.finish())?;
    let base = lo.max_id;
    let map: BTreeMap<ObjectId, ObjectId> = sub
        .objects
        .keys()
        .filter(|id| id.0 > 2)
        .map(|id| (*id, (base + id.0 - 2, 0)))
        .collect();
    for (old, new) in &map {
        let mut obj = sub.objects[old].clone();
        renumber(&mut obj, &map);
        lo.objects.insert(*new, obj);
        lo.max_id = lo.max_id.max(new.0);
    }
    map.get(&((root.get() + 2) as u32, 0))
        .copied()
        .ok_or_else(|| anyhow!("svg2pdf wrote no form"))
}

/// Points every reference in `obj` at its object's new number.
fn renumber(obj: &mut Object, map: &BTreeMap<ObjectId, ObjectId>) {
    match obj {
        Object::Reference(id) => {
            if let Some(new) = map.get(id) {
                *id = *new;
            }
        }
        Object::Array(items) => items.iter_mut().for_each(|o| renumber(o, map)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, o)| renumber(o, map)),
        Object::Stream(s) => s.dict.iter_mut().for_each(|(_, o)| renumber(o, map)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_frame_header_is_read_past_other_segments() {
        // SOI, an APP14 "Adobe" segment, then SOF0: 8 bit, 3 x 2, 4 components.
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xEE, 0x00, 0x07];
        b.extend_from_slice(b"Adobe");
        b.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x0B, 8, 0, 2, 0, 3, 4, 1, 0x11, 0]);
        assert_eq!(
            jpeg_info(&b),
            Some(JpegInfo {
                width: 3,
                height: 2,
                components: 4,
                precision: 8,
                adobe: true
            })
        );
        assert_eq!(jpeg_info(b"GIF89a"), None);
        assert_eq!(jpeg_info(&b[..9]), None);
    }
}
