//! Write: turns finished frames into PDF bytes. The only module that imports printpdf.
//!
//! Fonts are subset to the glyphs the document uses (with typst's `subsetter`,
//! because printpdf only subsets when its heavy `text_layout` feature is on),
//! every glyph carries its source text so the PDF's Unicode map extracts the
//! exact text, and ids and dates are fixed so the same input gives the same bytes.

use super::fonts::{fonts, FontId};
use super::frame::{Document, Item, LabelStyle};
use super::measure::Link;
use super::units::{Color, Point as P, Pt};
use anyhow::{anyhow, Context, Result};
use lopdf::dictionary;
use printpdf as pdf;
use std::collections::{BTreeMap, BTreeSet};

/// A face subset to the glyphs in use, with the map from original glyph ids.
struct Subset {
    remap: subsetter::GlyphRemapper,
}

/// The text state last written to a page's content stream.
#[derive(Default)]
struct TextState {
    font: Option<(FontId, Pt)>,
    color: Option<Color>,
}

/// Serialises `doc` to PDF bytes.
pub fn write(doc: &Document) -> Result<Vec<u8>> {
    let mut out = pdf::PdfDocument::new(&doc.title);
    let subsets = add_fonts(doc, &mut out)?;
    let height = |page: usize| doc.pages.get(page).map(|p| p.size.h).unwrap_or(Pt::ZERO);
    let mut pages = Vec::with_capacity(doc.pages.len());
    for page in &doc.pages {
        let h = page.size.h;
        let mut ops = Vec::new();
        let mut text_ops = Vec::new();
        let mut state = TextState::default();
        for item in &page.items {
            match item {
                Item::Text {
                    at,
                    font,
                    size,
                    color,
                    glyphs,
                } => {
                    let Some(sub) = subsets.get(font) else {
                        continue;
                    };
                    // Only state changes are written, so printpdf can merge a line into one TJ.
                    if state.font != Some((*font, *size)) {
                        text_ops.push(pdf::Op::SetFont {
                            font: pdf::PdfFontHandle::External(font_id(*font)),
                            size: pdf::Pt(size.0),
                        });
                        state.font = Some((*font, *size));
                    }
                    if state.color != Some(*color) {
                        text_ops.push(pdf::Op::SetFillColor {
                            col: color_of(*color),
                        });
                        state.color = Some(*color);
                    }
                    text_ops.push(pdf::Op::SetTextMatrix {
                        matrix: pdf::TextMatrix::Translate(pdf::Pt(at.x.0), pdf::Pt(h.0 - at.y.0)),
                    });
                    let face = fonts().get(*font);
                    let items = glyphs
                        .iter()
                        .map(|g| {
                            let natural = face
                                .shaper
                                .glyph_hor_advance(ttf_parser::GlyphId(g.gid))
                                .unwrap_or(0) as f32
                                / face.upem
                                * size.0;
                            // TJ numbers move the pen left by n/1000 em: encode kerning as the difference.
                            let offset = -(g.advance.0 - natural) * 1000.0 / size.0;
                            pdf::Codepoint {
                                gid: sub.remap.get(g.gid).unwrap_or(0),
                                offset: if offset.abs() < 0.01 { 0.0 } else { offset },
                                cid: if g.text.is_empty() {
                                    None
                                } else {
                                    Some(g.text.clone())
                                },
                            }
                        })
                        .collect();
                    text_ops.push(pdf::Op::ShowText {
                        items: vec![pdf::TextItem::GlyphIds(items)],
                    });
                }
                Item::Line {
                    from,
                    to,
                    width,
                    color,
                    dash,
                } => {
                    stroke(&mut ops, *color, *width, *dash);
                    ops.push(path(
                        vec![point(*from, h, false), point(*to, h, false)],
                        false,
                    ));
                }
                Item::Rect { rect, width, color } => {
                    stroke(&mut ops, *color, *width, None);
                    let corners = [
                        (rect.x, rect.y),
                        (rect.right(), rect.y),
                        (rect.right(), rect.bottom()),
                        (rect.x, rect.bottom()),
                    ];
                    ops.push(path(
                        corners
                            .iter()
                            .map(|(x, y)| point(P::new(*x, *y), h, false))
                            .collect(),
                        true,
                    ));
                }
                Item::Circle {
                    center,
                    radius,
                    width,
                    color,
                } => {
                    stroke(&mut ops, *color, *width, None);
                    ops.push(path(circle(*center, *radius, h), true));
                }
                Item::Link { rect, to } => {
                    let action = match to {
                        Link::Uri(u) => pdf::Actions::Uri(u.clone()),
                        Link::Anchor(a) => {
                            let Some(target) = doc.anchor_page(a) else {
                                continue;
                            };
                            let top = height(target).0;
                            pdf::Actions::Goto(pdf::Destination::Xyz {
                                page: target + 1,
                                left: Some(0.0),
                                top: Some(top),
                                zoom: None,
                            })
                        }
                    };
                    let r = pdf::Rect {
                        x: pdf::Pt(rect.x.0),
                        y: pdf::Pt(h.0 - rect.bottom().0),
                        width: pdf::Pt(rect.w.0),
                        height: pdf::Pt(rect.h.0),
                        mode: None,
                        winding_order: None,
                    };
                    let link = pdf::LinkAnnotation::new(
                        r,
                        action,
                        Some(pdf::BorderArray::Solid([0.0, 0.0, 0.0])),
                        None,
                        None,
                    );
                    ops.push(pdf::Op::LinkAnnotation { link });
                }
            }
        }
        if !text_ops.is_empty() {
            ops.push(pdf::Op::StartTextSection);
            ops.extend(text_ops);
            ops.push(pdf::Op::EndTextSection);
        }
        pages.push(pdf::PdfPage::new(
            pdf::Mm(page.size.w.to_mm()),
            pdf::Mm(h.to_mm()),
            ops,
        ));
    }
    out.with_pages(pages);
    set_metadata(&mut out, doc);
    let opts = pdf::PdfSaveOptions {
        // Streams are compressed below, by `deflate`, not by printpdf.
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = out.to_lopdf_document(&opts, &mut warnings);
    fix_ids(&mut lo, doc);
    add_outline(&mut lo, doc)?;
    add_page_labels(&mut lo, doc)?;
    super::deflate::compress_document(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).context("cannot serialise the PDF")?;
    Ok(bytes)
}

/// A stable resource name per face, so output does not depend on a process-wide counter.
fn font_id(f: FontId) -> pdf::FontId {
    pdf::FontId(format!(
        "F{}",
        FontId::ALL.iter().position(|x| *x == f).unwrap_or(0) + 1
    ))
}

/// Subsets every face the document uses and registers it with the PDF.
fn add_fonts(doc: &Document, out: &mut pdf::PdfDocument) -> Result<BTreeMap<FontId, Subset>> {
    let mut used: BTreeMap<FontId, BTreeSet<u16>> = BTreeMap::new();
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Text { font, glyphs, .. } = item {
                used.entry(*font)
                    .or_default()
                    .extend(glyphs.iter().map(|g| g.gid));
            }
        }
    }
    let mut subsets = BTreeMap::new();
    for (font, gids) in used {
        let face = fonts().get(font);
        let mut remap = subsetter::GlyphRemapper::new();
        for gid in gids {
            remap.remap(gid);
        }
        let bytes = subsetter::subset(face.data, 0, &remap)
            .map_err(|e| anyhow!("cannot subset {}: {e:?}", face.name))?;
        let mut warnings = Vec::new();
        let mut parsed = pdf::ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| anyhow!("cannot read the subset of {}", face.name))?;
        // A subset tag derived from the glyph set, so it is stable across builds.
        parsed.font_name = Some(format!("{}+{}", subset_tag(face.name, &remap), face.name));
        out.resources
            .fonts
            .map
            .insert(font_id(font), pdf::PdfFont::new(parsed));
        subsets.insert(font, Subset { remap });
    }
    Ok(subsets)
}

/// Six capital letters from a hash of the face name and the glyphs kept.
fn subset_tag(name: &str, remap: &subsetter::GlyphRemapper) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    let mut feed = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    };
    name.bytes().for_each(&mut feed);
    for g in remap.remapped_gids() {
        g.to_le_bytes().into_iter().for_each(&mut feed);
    }
    (0..6)
        .map(|i| (b'A' + ((h >> (i * 5)) % 26) as u8) as char)
        .collect()
}

fn set_metadata(out: &mut pdf::PdfDocument, doc: &Document) {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or(1_767_225_600);
    if let Ok(date) = pdf::OffsetDateTime::from_unix_timestamp(epoch) {
        out.metadata.info.creation_date = date;
        out.metadata.info.modification_date = date;
        out.metadata.info.metadata_date = date;
    }
    out.metadata.info.document_title = doc.title.clone();
    out.metadata.info.creator = "kintsugi".into();
    out.metadata.info.producer = format!("kintsugi {}", env!("CARGO_PKG_VERSION"));
    out.metadata.info.identifier = String::new();
}

/// Replaces printpdf's counter-based document ids with a hash of the content.
fn fix_ids(lo: &mut lopdf::Document, doc: &Document) {
    let mut h: u64 = 0xcbf29ce484222325;
    let text = format!("{}{}{:?}", doc.title, doc.pages.len(), doc.outline);
    for b in text
        .bytes()
        .chain(doc.pages.iter().flat_map(|p| p.text().into_bytes()))
    {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    let id = format!("{h:016x}{:016x}", h.rotate_left(29) ^ 0x9e3779b97f4a7c15);
    let s = lopdf::Object::String(id.into_bytes(), lopdf::StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", lopdf::Object::Array(vec![s.clone(), s]));
}

/// One bookmark and the bookmarks nested under it.
struct OutlineNode<'a> {
    title: &'a str,
    page: usize,
    kids: Vec<OutlineNode<'a>>,
}

/// Writes the outline (bookmarks) nested by chapter and section, in reading order.
///
/// printpdf only writes a flat outline sorted by page and title, so the
/// outline is built here on the lopdf document instead.
fn add_outline(lo: &mut lopdf::Document, doc: &Document) -> Result<()> {
    let mut roots: Vec<OutlineNode> = Vec::new();
    for e in &doc.outline {
        let node = OutlineNode {
            title: &e.title,
            page: e.page,
            kids: Vec::new(),
        };
        match roots.last_mut() {
            Some(parent) if e.level > 0 => parent.kids.push(node),
            _ => roots.push(node),
        }
    }
    if roots.is_empty() {
        return Ok(());
    }
    let pages = lo.get_pages();
    let outlines_id = lo.new_object_id();
    let (first, last) = write_siblings(lo, &roots, outlines_id, &pages);
    let count = roots.len() as i64;
    lo.objects.insert(
        outlines_id,
        lopdf::Object::Dictionary(dictionary! {
            "Type" => "Outlines",
            "First" => first,
            "Last" => last,
            "Count" => count,
        }),
    );
    let catalog = catalog(lo)?;
    catalog.set("Outlines", outlines_id);
    catalog.set("PageMode", lopdf::Object::Name(b"UseOutlines".to_vec()));
    Ok(())
}

/// The document catalog, to add entries printpdf does not write.
fn catalog(lo: &mut lopdf::Document) -> Result<&mut lopdf::Dictionary> {
    let root = lo
        .trailer
        .get(b"Root")
        .and_then(|r| r.as_reference())
        .map_err(|e| anyhow!("the PDF has no catalog: {e}"))?;
    lo.get_object_mut(root)
        .and_then(|o| o.as_dict_mut())
        .map_err(|e| anyhow!("the PDF catalog is unreadable: {e}"))
}

/// Writes page labels (i, ii, … then 1, 2, …) so viewers show the printed numbers.
fn add_page_labels(lo: &mut lopdf::Document, doc: &Document) -> Result<()> {
    if doc.labels.is_empty() {
        return Ok(());
    }
    let mut nums = Vec::new();
    for l in &doc.labels {
        let style = match l.style {
            LabelStyle::Roman => "r",
            LabelStyle::Arabic => "D",
        };
        nums.push(lopdf::Object::Integer(l.start as i64));
        nums.push(lopdf::Object::Dictionary(dictionary! { "S" => lopdf::Object::Name(style.as_bytes().to_vec()), "St" => l.first as i64 }));
    }
    let catalog = catalog(lo)?;
    catalog.set("PageLabels", dictionary! { "Nums" => nums });
    Ok(())
}

/// Writes a list of sibling bookmarks under `parent`; returns the first and last ids.
fn write_siblings(
    lo: &mut lopdf::Document,
    nodes: &[OutlineNode],
    parent: lopdf::ObjectId,
    pages: &BTreeMap<u32, lopdf::ObjectId>,
) -> (lopdf::ObjectId, lopdf::ObjectId) {
    let ids: Vec<lopdf::ObjectId> = nodes.iter().map(|_| lo.new_object_id()).collect();
    for (i, node) in nodes.iter().enumerate() {
        let mut dict = dictionary! {
            "Title" => lopdf::Object::String(text_string(node.title), lopdf::StringFormat::Hexadecimal),
            "Parent" => parent,
        };
        if let Some(page) = pages.get(&(node.page as u32 + 1)) {
            let dest = vec![
                (*page).into(),
                "XYZ".into(),
                lopdf::Object::Null,
                lopdf::Object::Null,
                lopdf::Object::Null,
            ];
            dict.set("Dest", lopdf::Object::Array(dest));
        }
        if i > 0 {
            dict.set("Prev", ids[i - 1]);
        }
        if i + 1 < ids.len() {
            dict.set("Next", ids[i + 1]);
        }
        if !node.kids.is_empty() {
            let (first, last) = write_siblings(lo, &node.kids, ids[i], pages);
            dict.set("First", first);
            dict.set("Last", last);
            // Negative: sections start folded under their chapter.
            dict.set("Count", -(node.kids.len() as i64));
        }
        lo.objects.insert(ids[i], lopdf::Object::Dictionary(dict));
    }
    (ids[0], ids[ids.len() - 1])
}

/// A PDF text string: UTF-16BE with a byte-order mark, so any title survives.
fn text_string(s: &str) -> Vec<u8> {
    let mut out = vec![0xfe, 0xff];
    for unit in s.encode_utf16() {
        out.extend(unit.to_be_bytes());
    }
    out
}

/// Sets the stroke colour, width and dash pattern.
fn stroke(ops: &mut Vec<pdf::Op>, color: Color, width: Pt, dash: Option<(Pt, Pt)>) {
    ops.push(pdf::Op::SetOutlineColor {
        col: color_of(color),
    });
    ops.push(pdf::Op::SetOutlineThickness {
        pt: pdf::Pt(width.0),
    });
    let pattern = match dash {
        Some((on, off)) => pdf::LineDashPattern::new(0.0, &[on.0, off.0]),
        None => pdf::LineDashPattern::new(0.0, &[]),
    };
    ops.push(pdf::Op::SetLineDashPattern { dash: pattern });
}

/// A stroked path through `points`.
fn path(points: Vec<pdf::LinePoint>, is_closed: bool) -> pdf::Op {
    pdf::Op::DrawLine {
        line: pdf::Line { points, is_closed },
    }
}

fn color_of(c: Color) -> pdf::Color {
    let (r, g, b) = c.rgb();
    pdf::Color::Rgb(pdf::Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

fn point(p: P, h: Pt, bezier: bool) -> pdf::LinePoint {
    pdf::LinePoint {
        p: pdf::Point {
            x: pdf::Pt(p.x.0),
            y: pdf::Pt(h.0 - p.y.0),
        },
        bezier,
    }
}

/// A circle as four cubic Bézier arcs (PDF has no circle operator).
fn circle(c: P, r: Pt, h: Pt) -> Vec<pdf::LinePoint> {
    const K: f32 = 0.552_284_8;
    let (x, y, r) = (c.x.0, c.y.0, r.0);
    let k = r * K;
    let pts = [
        (x + r, y, false),
        (x + r, y + k, true),
        (x + k, y + r, true),
        (x, y + r, false),
        (x - k, y + r, true),
        (x - r, y + k, true),
        (x - r, y, false),
        (x - r, y - k, true),
        (x - k, y - r, true),
        (x, y - r, false),
        (x + k, y - r, true),
        (x + r, y - k, true),
        (x + r, y, false),
    ];
    pts.iter()
        .map(|(px, py, b)| point(P::new(Pt(*px), Pt(*py)), h, *b))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circles_are_four_closed_bezier_arcs() {
        let pts = circle(P::new(Pt(100.0), Pt(100.0)), Pt(10.0), Pt(800.0));
        // A start point, then four arcs of two control points and an end point.
        assert_eq!(pts.len(), 13);
        assert_eq!(pts.iter().filter(|p| !p.bezier).count(), 5);
        assert_eq!((pts[0].p.x, pts[0].p.y), (pts[12].p.x, pts[12].p.y));
    }

    #[test]
    fn outline_titles_are_utf16_text_strings() {
        assert_eq!(
            text_string("Zoë"),
            vec![0xfe, 0xff, 0, b'Z', 0, b'o', 0, 0xeb]
        );
    }
}
