//! The images of a program: each file an image of the content names, read and
//! measured once by `validate`, kept by a key of its bytes.
//!
//! After validation an [`Inline::Image`](super::text::Inline::Image) of a
//! local file carries the url `kintsugi:image/<key>` (see
//! [`Target::Image`](super::links::Target::Image)); renderers look the image
//! up with [`Program::image`](super::Program::image) and never read files.

use std::path::PathBuf;
use std::sync::Arc;

/// An image file the content shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// 16 hex digits of a hash of the bytes (FNV-1a, 64 bits): the same
    /// picture under two names is one image, and a changed one a new key.
    pub key: String,
    /// Where it was read, relative to the project folder.
    pub source: PathBuf,
    pub format: ImageFormat,
    /// Size in pixels; for an SVG, in CSS px (96 to the inch).
    pub width: u32,
    pub height: u32,
    pub bytes: Arc<[u8]>,
}

/// The kinds of image kintsugi shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
    Gif,
    Webp,
    Svg,
}

impl ImageFormat {
    /// The file extension the site gives it.
    pub fn ext(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Gif => "gif",
            ImageFormat::Webp => "webp",
            ImageFormat::Svg => "svg",
        }
    }

    /// Is it made of pixels (so it can print too coarse)?
    pub fn is_raster(self) -> bool {
        self != ImageFormat::Svg
    }
}

/// The title that marks an image without alt text as decorative:
/// `![](ornament.svg "decorative")`. Outputs show it with no caption, and
/// screen readers skip it.
pub const DECORATIVE: &str = "decorative";

/// A program's images, by key.
pub type Images = std::collections::BTreeMap<String, Image>;

/// The image an `Inline::Image`'s url stands for; None for an external
/// (http/https) image or one validation did not resolve.
pub fn lookup<'a>(images: &'a Images, url: &str) -> Option<&'a Image> {
    match super::links::Target::of(url)? {
        super::links::Target::Image(key) => images.get(&key),
        _ => None,
    }
}

/// Is this an image on the web, left as written?
pub fn is_web(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Is an image with this alt text and title decorative?
pub fn is_decorative(alt: &str, title: &str) -> bool {
    alt.trim().is_empty() && title.trim() == DECORATIVE
}

/// Why bytes are not an image kintsugi can show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// A kind of image it does not show (BMP, TIFF, …), by name.
    Unsupported(String),
    /// Not an image of the kind its name says, or damaged.
    Corrupt(String),
}

/// The largest side accepted, in pixels: more is a damaged header or a
/// picture no page needs, and would cost the site's scaling gigabytes.
pub const MAX_SIDE: u32 = 20_000;

impl Image {
    /// Reads the size and kind of `bytes` (from headers; an SVG is parsed).
    /// `source` decides only whether it should be an SVG (by its extension).
    pub fn from_bytes(source: PathBuf, bytes: Arc<[u8]>) -> Result<Image, Unreadable> {
        let svg = source
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
        let (format, width, height) = if svg {
            svg_size(&bytes)?
        } else {
            raster_size(&bytes)?
        };
        if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
            return Err(Unreadable::Corrupt(format!(
                "its size, {width} × {height} px, is not one a page can show"
            )));
        }
        Ok(Image {
            key: key_of(&bytes),
            source,
            format,
            width,
            height,
            bytes,
        })
    }
}

fn raster_size(bytes: &[u8]) -> Result<(ImageFormat, u32, u32), Unreadable> {
    use imagesize::ImageType;
    let kind = imagesize::image_type(bytes)
        .map_err(|_| Unreadable::Corrupt("it is not an image kintsugi can read".into()))?;
    let format = match kind {
        ImageType::Png => ImageFormat::Png,
        ImageType::Jpeg => ImageFormat::Jpeg,
        ImageType::Gif => ImageFormat::Gif,
        ImageType::Webp => ImageFormat::Webp,
        other => return Err(Unreadable::Unsupported(format!("{other:?}").to_uppercase())),
    };
    let size = imagesize::blob_size(bytes)
        .map_err(|_| Unreadable::Corrupt("its header is damaged".into()))?;
    let side = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok((format, side(size.width), side(size.height)))
}

fn svg_size(bytes: &[u8]) -> Result<(ImageFormat, u32, u32), Unreadable> {
    let tree = usvg::Tree::from_data(bytes, &usvg::Options::default())
        .map_err(|e| Unreadable::Corrupt(format!("it does not read as SVG ({e})")))?;
    let size = tree.size();
    let px = |x: f32| x.round().clamp(0.0, u32::MAX as f32) as u32;
    Ok((ImageFormat::Svg, px(size.width()), px(size.height())))
}

/// 16 hex digits of the 64-bit FNV-1a hash of `bytes`.
pub fn key_of(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h = (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_not_an_image() {
        for bytes in [&b""[..], b"\x89PNG\r\n", b"GIF89a", b"<svg", b"hello"] {
            for name in ["x.png", "x.svg"] {
                assert!(Image::from_bytes(name.into(), bytes.into()).is_err());
            }
        }
    }

    #[test]
    fn an_svg_is_measured_in_css_px() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"/>"#;
        let i = Image::from_bytes("a.svg".into(), svg[..].into()).unwrap();
        assert_eq!((i.format, i.width, i.height), (ImageFormat::Svg, 40, 20));
        assert_eq!(i.key.len(), 16);
    }
}
