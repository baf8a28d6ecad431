//! Images on the site: each image of the program copied as `images/<key>.<ext>`,
//! a big raster also as an 800-px-wide rendition for small screens, and the
//! url an image's `<img>` is written from; the icon made from the brand's logo.

use super::{urls, SiteFile};
use crate::model::brand::{Brand, LogoSize};
use crate::model::images::{Image, ImageFormat};
use crate::model::Program;

/// A raster wider than this also gets a rendition [`SMALL`] px wide.
const SMALL_OVER: u32 = 1200;
/// The width of that rendition.
pub const SMALL: u32 = 800;

/// Where an image lives in the site.
pub fn path(i: &Image) -> String {
    format!("images/{}.{}", i.key, i.format.ext())
}

/// Where its small rendition lives, if it has one.
fn small_path(i: &Image) -> Option<String> {
    (i.format.is_raster() && i.width > SMALL_OVER)
        .then(|| format!("images/{}-{SMALL}.{}", i.key, i.format.ext()))
}

/// Marks the site's url of an image with what its `<img>` needs (the HTML
/// writer sees only the url); a fragment, so the address itself still works.
const MARK: &str = "#kintsugi-image=";

/// The url an image shown on the page at `page` is written with.
pub fn url_from(page: &str, i: &Image) -> String {
    let small = if small_path(i).is_some() { "s" } else { "" };
    format!(
        "{}{MARK}{}x{}{small}",
        urls::relative(page, &path(i)),
        i.width,
        i.height
    )
}

/// An image's `<img>` as [`url_from`] wrote it.
pub struct Shown<'a> {
    pub src: &'a str,
    pub width: u32,
    pub height: u32,
    /// The small rendition's url, when there is one.
    pub small: Option<String>,
}

/// Reads a url written by [`url_from`]; None for any other.
pub fn shown(url: &str) -> Option<Shown<'_>> {
    let (src, size) = url.split_once(MARK)?;
    let (size, small) = match size.strip_suffix('s') {
        Some(s) => (s, true),
        None => (size, false),
    };
    let (w, h) = size.split_once('x')?;
    let small = small.then(|| {
        let (stem, ext) = src.rsplit_once('.').unwrap_or((src, ""));
        format!("{stem}-{SMALL}.{ext}")
    });
    Some(Shown {
        src,
        width: w.parse().ok()?,
        height: h.parse().ok()?,
        small,
    })
}

/// The image files of the site.
pub fn files(p: &Program) -> Vec<SiteFile> {
    let mut out = Vec::new();
    for i in p.images.values() {
        out.push(SiteFile {
            path: path(i).into(),
            bytes: i.bytes.to_vec(),
        });
        if let Some(small) = small_path(i) {
            // Should the picture not decode past its header, the full one
            // stands in, so the srcset never names a missing file.
            let bytes = scaled(i).unwrap_or_else(|| i.bytes.to_vec());
            out.push(SiteFile {
                path: small.into(),
                bytes,
            });
        }
    }
    out
}

/// Where the site's icon is: the brand's small logo as it is (SVG) or
/// scaled to 64 px (a raster), or kintsugi's own.
pub fn favicon_path(brand: &Brand) -> &'static str {
    match brand.logo(LogoSize::Small).map(|l| l.format) {
        Some(ImageFormat::Svg) | None => urls::FAVICON,
        Some(_) => FAVICON_PNG,
    }
}

/// The icon's MIME type.
pub fn favicon_type(brand: &Brand) -> &'static str {
    if favicon_path(brand) == FAVICON_PNG {
        "image/png"
    } else {
        "image/svg+xml"
    }
}

const FAVICON_PNG: &str = "favicon.png";

/// The icon made from the brand's logo; None keeps the built-in one.
pub fn favicon(brand: &Brand) -> Option<SiteFile> {
    let logo = brand.logo(LogoSize::Small)?;
    if logo.format == ImageFormat::Svg {
        return Some(SiteFile {
            path: urls::FAVICON.into(),
            bytes: logo.bytes.to_vec(),
        });
    }
    // A square of 64 px with the logo centred in it, its shape kept.
    let img = image::load_from_memory(&logo.bytes).ok()?;
    let fitted = img.resize(64, 64, image::imageops::FilterType::Lanczos3);
    let mut square = image::RgbaImage::new(64, 64);
    let (x, y) = ((64 - fitted.width()) / 2, (64 - fitted.height()) / 2);
    image::imageops::overlay(&mut square, &fitted.to_rgba8(), i64::from(x), i64::from(y));
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgba8(square)
        .write_to(&mut out, image::ImageFormat::Png)
        .ok()?;
    Some(SiteFile {
        path: FAVICON_PNG.into(),
        bytes: out.into_inner(),
    })
}

/// The image [`SMALL`] px wide, in its own format.
fn scaled(i: &Image) -> Option<Vec<u8>> {
    let format = match i.format {
        ImageFormat::Png => image::ImageFormat::Png,
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
        ImageFormat::Gif => image::ImageFormat::Gif,
        ImageFormat::Webp => image::ImageFormat::WebP,
        ImageFormat::Svg => return None,
    };
    let img = image::load_from_memory_with_format(&i.bytes, format).ok()?;
    let height = ((u64::from(i.height) * u64::from(SMALL) + u64::from(i.width) / 2)
        / u64::from(i.width))
    .max(1) as u32;
    // Lanczos keeps lines and text in a photo of a page sharp when scaled down.
    let small = img.resize_exact(SMALL, height, image::imageops::FilterType::Lanczos3);
    // JPEG has no alpha channel to write.
    let small = if format == image::ImageFormat::Jpeg {
        image::DynamicImage::ImageRgb8(small.to_rgb8())
    } else {
        small
    };
    let mut out = std::io::Cursor::new(Vec::new());
    small.write_to(&mut out, format).ok()?;
    Some(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shown_url_survives() {
        let s = shown("../images/ab.png#kintsugi-image=1300x20s").unwrap();
        assert_eq!((s.src, s.width, s.height), ("../images/ab.png", 1300, 20));
        assert_eq!(s.small.as_deref(), Some("../images/ab-800.png"));
        assert!(shown("../images/ab.png").is_none());
    }
}
