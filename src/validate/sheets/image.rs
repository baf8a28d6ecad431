//! Checks a sheet's `image` blocks: the width as written here, the file and
//! its alt text with the checks of content images (see [`super::super::images`]).

use super::{bad_value, BlockAt};
use crate::diag::Diagnostic;
use crate::load::raw::{RawSheetBlock, RawSheetImage, RawWorksheet};
use crate::load::Source;
use crate::model::images::is_web;
use crate::model::text::ImageWidth;
use crate::model::{Orientation, SheetBlock};
use crate::validate::images::{source, Placed, Reader};

/// The sheet's content width on A4 (the paper less two 15 mm margins).
fn content_mm(sheet: &RawWorksheet, in_columns: bool) -> f64 {
    let w = match sheet.orientation {
        Orientation::Portrait => 180.0,
        Orientation::Landscape => 267.0,
    };
    // Two columns 20 pt apart.
    if in_columns {
        (w - 20.0 * 25.4 / 72.0) / 2.0
    } else {
        w
    }
}

/// `60mm`, `6cm`, `50%` (of the content width), as a Markdown image's `{width=…}` takes them.
fn width(w: &str) -> Option<ImageWidth> {
    ImageWidth::attribute(&format!("{{width={}}}", w.trim())).map(|(w, _)| w)
}

/// The block, its width checked; its file is checked with the content's images.
pub(super) fn image(
    s: &Source<RawWorksheet>,
    x: &RawSheetImage,
    at: &BlockAt,
    found: &mut Vec<Diagnostic>,
) -> SheetBlock {
    let w = x.width.as_deref().and_then(|text| {
        let w = width(text);
        if w.is_none() {
            found.push(bad_value(
                s,
                &at.key("width", ""),
                format!("`{text}` is not a width kintsugi reads"),
                "write it as `60mm`, `6cm`, `2.5in` or `50%` (of the sheet's content width)",
            ));
        }
        w
    });
    let path = x.path.split(['#', '?']).next().unwrap_or_default();
    SheetBlock::Image {
        source: source(&s.file, path).unwrap_or_default(),
        alt: if x.decorative {
            String::new()
        } else {
            x.alt.clone().unwrap_or_default()
        },
        width: w,
        caption: x.caption.clone().filter(|c| !c.trim().is_empty()),
    }
}

/// Reads the files of the sheet's image blocks, with their alt text, into `r`.
pub(in crate::validate) fn images(s: &Source<RawWorksheet>, r: &mut Reader) {
    fn walk(
        s: &Source<RawWorksheet>,
        blocks: &[RawSheetBlock],
        path: &str,
        in_columns: bool,
        r: &mut Reader,
    ) {
        for (i, b) in blocks.iter().enumerate() {
            let here = format!("{path}.{i}");
            match b {
                RawSheetBlock::Columns(c) => {
                    walk(s, &c.left, &format!("{here}.columns.left"), true, r);
                    walk(s, &c.right, &format!("{here}.columns.right"), true, r);
                }
                RawSheetBlock::Image(x) => one(s, x, &here, in_columns, r),
                _ => {}
            }
        }
    }
    walk(s, &s.value.blocks, "blocks", false, r);
}

fn one(s: &Source<RawWorksheet>, x: &RawSheetImage, block: &str, in_columns: bool, r: &mut Reader) {
    let key = format!("{block}.image");
    let alt = x.alt.as_deref().unwrap_or("");
    if alt.trim().is_empty() && !x.decorative {
        r.found.errors.push(
            s.diag_path(&key, "this image has no alt text")
                .with_hint("say what it shows with `alt:`, for readers who cannot see it; a picture that only decorates takes `decorative: true`"),
        );
    }
    let (line, col) = s.value_at(&key);
    let at = |msg: String| Diagnostic::new(&s.file, line, col, msg);
    if x.path.trim().is_empty() {
        r.found
            .errors
            .push(at("this image block names no file".into()).with_hint(
                "give the picture's path, relative to this file or `/name.png` for static/name.png",
            ));
        return;
    }
    if is_web(&x.path) {
        r.found.errors.push(
            at(format!("`{}` is on the web, and a sheet is printed: kintsugi fetches nothing", x.path))
                .with_hint("save the picture in the project (beside this file, or in static/) and give its path"),
        );
        return;
    }
    let content = content_mm(&s.value, in_columns);
    let placed = match x.width.as_deref().and_then(width) {
        Some(w) => Placed::given(w.mm(content)),
        None => Placed {
            mm: content,
            across: "across the sheet's content width".into(),
        },
    };
    let path = x.path.split(['#', '?']).next().unwrap_or_default();
    r.file(&s.file, path, &at, &placed);
}
