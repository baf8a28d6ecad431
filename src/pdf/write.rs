//! Write: turns finished frames into PDF bytes. The only module that imports printpdf.
//!
//! Fonts are subset to the glyphs the document uses (with typst's `subsetter`,
//! because printpdf only subsets when its heavy `text_layout` feature is on),
//! every glyph carries its source text so the PDF's Unicode map extracts the
//! exact text, and ids and dates are fixed so the same input gives the same bytes.

use super::fonts::{fonts, FontId, Scope};
use super::frame::{Document, Element, LabelStyle};
use super::shape::LinkTarget;
use super::units::{Color, Point as P, Pt};
use anyhow::{anyhow, Context, Result};
use lopdf::dictionary;
use printpdf as pdf;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

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
///
/// printpdf builds the document: pages, fonts (widths and the Unicode map),
/// links, metadata. The pages' content streams are written here directly,
/// because printpdf's operation model turns every glyph into its own lopdf
/// string object and formats it back to text, which was a third of the time
/// of writing a workbook. printpdf learns which glyphs each font needs (and
/// the text they stand for) from one text operation per font on the first
/// page, whose content stream is then replaced like every other page's.
pub fn write(doc: &Document) -> Result<Vec<u8>> {
    // The faces the document was laid out in, whoever writes it.
    let _fonts = Scope::new(super::fonts::by_id(doc.fonts));
    let mut out = pdf::PdfDocument::new(&doc.title);
    let subsets = add_fonts(doc, &mut out)?;
    let height = |page: usize| doc.pages.get(page).map(|p| p.size.h).unwrap_or(Pt::ZERO);
    let mut pages = Vec::with_capacity(doc.pages.len());
    for (index, page) in doc.pages.iter().enumerate() {
        let h = page.size.h;
        let mut ops = if index == 0 {
            glyph_inventory(doc, &subsets)
        } else {
            Vec::new()
        };
        for item in &page.items {
            let Element::Link { rect, to } = item else {
                continue;
            };
            let action = match to {
                LinkTarget::Uri(u) => pdf::Actions::Uri(u.clone()),
                LinkTarget::Note(_) => continue,
                LinkTarget::Anchor(a) => {
                    let Some(target) = doc.anchor_page(a) else {
                        continue;
                    };
                    pdf::Actions::Goto(pdf::Destination::Xyz {
                        page: target + 1,
                        left: Some(0.0),
                        top: Some(height(target).0),
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
        pages.push(pdf::PdfPage::new(
            pdf::Mm(page.size.w.to_mm()),
            pdf::Mm(h.to_mm()),
            ops,
        ));
    }
    // Pages' content streams are independent: write them on every core.
    let images = image_names(doc);
    let names: BTreeMap<String, String> = images
        .iter()
        .map(|(key, (name, _))| (key.clone(), name.clone()))
        .collect();
    let set = fonts();
    let contents: Vec<Vec<u8>> = doc
        .pages
        .par_iter()
        .map(|page| {
            let _fonts = Scope::new(set);
            content_stream(page, &subsets, &names)
        })
        .collect();
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
    replace_contents(&mut lo, contents)?;
    add_images(&mut lo, doc, &images)?;
    fix_ids(&mut lo, doc);
    add_outline(&mut lo, doc)?;
    add_page_labels(&mut lo, doc)?;
    super::deflate::compress_document(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).context("cannot serialise the PDF")?;
    Ok(bytes)
}

/// One text operation per font listing every glyph the document uses with
/// the text it stands for, so printpdf writes each font's widths and Unicode
/// map. Later occurrences of a glyph win, as they would if every line were
/// given to printpdf.
fn glyph_inventory(doc: &Document, subsets: &BTreeMap<FontId, Subset>) -> Vec<pdf::Op> {
    let mut used: BTreeMap<FontId, BTreeMap<u16, Option<String>>> = BTreeMap::new();
    for page in &doc.pages {
        for item in &page.items {
            if let Element::Text {
                font, glyphs, rtl, ..
            } = item
            {
                let map = used.entry(*font).or_default();
                for g in glyphs {
                    // Viewers read right-to-left glyphs as drawn and turn the
                    // text round, a ligature's letters with it ("لا" would
                    // come out "ال"): give them its letters as drawn.
                    let text = if *rtl {
                        g.text.chars().rev().collect()
                    } else {
                        g.text.to_string()
                    };
                    map.insert(g.gid, (!text.is_empty()).then_some(text));
                }
            }
        }
    }
    let mut ops = Vec::new();
    for (font, glyphs) in used {
        let Some(sub) = subsets.get(&font) else {
            continue;
        };
        let items = glyphs
            .into_iter()
            .map(|(gid, text)| pdf::Codepoint {
                gid: sub.remap.get(gid).unwrap_or(0),
                offset: 0.0,
                cid: text,
            })
            .collect();
        ops.push(pdf::Op::StartTextSection);
        ops.push(pdf::Op::SetFont {
            font: pdf::PdfFontHandle::External(font_id(font)),
            size: pdf::Pt(1.0),
        });
        ops.push(pdf::Op::ShowText {
            items: vec![pdf::TextItem::GlyphIds(items)],
        });
        ops.push(pdf::Op::EndTextSection);
    }
    ops
}

/// Puts each page's own content stream in place of the one printpdf wrote.
fn replace_contents(lo: &mut lopdf::Document, contents: Vec<Vec<u8>>) -> Result<()> {
    let pages = lo.get_pages();
    if pages.len() != contents.len() {
        return Err(anyhow!(
            "the PDF has {} pages where {} were laid out",
            pages.len(),
            contents.len()
        ));
    }
    for (page_id, content) in pages.values().zip(contents) {
        let stream_id = lo
            .get_dictionary(*page_id)
            .and_then(|page| page.get(b"Contents"))
            .and_then(|c| c.as_reference())
            .map_err(|e| anyhow!("a page has no content stream: {e}"))?;
        match lo.get_object_mut(stream_id) {
            Ok(lopdf::Object::Stream(stream)) => stream.set_content(content),
            _ => return Err(anyhow!("a page's content stream is missing")),
        }
    }
    Ok(())
}

/// Every distinct image (by key) with its resource name, `Im1`, `Im2`, … in key order.
fn image_names(doc: &Document) -> BTreeMap<String, (String, Arc<super::image::ImageData>)> {
    let mut found = BTreeMap::new();
    for page in &doc.pages {
        for item in &page.items {
            if let Element::Image { image, .. } = item {
                found
                    .entry(image.key.clone())
                    .or_insert_with(|| image.clone());
            }
        }
    }
    found
        .into_iter()
        .enumerate()
        .map(|(i, (key, image))| (key, (format!("Im{}", i + 1), image)))
        .collect()
}

/// Embeds each image once and names it in the resources of every page that draws it.
fn add_images(
    lo: &mut lopdf::Document,
    doc: &Document,
    images: &BTreeMap<String, (String, Arc<super::image::ImageData>)>,
) -> Result<()> {
    if images.is_empty() {
        return Ok(());
    }
    let mut ids = BTreeMap::new();
    for (key, (name, image)) in images {
        ids.insert(
            key.as_str(),
            (name.as_str(), super::image::embed(lo, image)?),
        );
    }
    let pages = lo.get_pages();
    for (page, page_id) in doc.pages.iter().zip(pages.values()) {
        let mut used = lopdf::Dictionary::new();
        for item in &page.items {
            if let Element::Image { image, .. } = item {
                if let Some((name, id)) = ids.get(image.key.as_str()) {
                    used.set(name.as_bytes().to_vec(), *id);
                }
            }
        }
        if used.is_empty() {
            continue;
        }
        // printpdf writes a page's resources inline or as an object of their own.
        let resources = match lo.get_dictionary(*page_id)?.get(b"Resources") {
            Ok(lopdf::Object::Reference(id)) => *id,
            Ok(lopdf::Object::Dictionary(_)) => *page_id,
            _ => {
                let id = lo.add_object(lopdf::Dictionary::new());
                lo.get_dictionary_mut(*page_id)?.set("Resources", id);
                id
            }
        };
        let dict = lo.get_dictionary_mut(resources)?;
        let dict = if resources == *page_id {
            dict.get_mut(b"Resources")?.as_dict_mut()?
        } else {
            dict
        };
        match dict.get_mut(b"XObject") {
            Ok(lopdf::Object::Dictionary(x)) => x.extend(&used),
            _ => dict.set("XObject", used),
        }
    }
    Ok(())
}

/// The graphics state last written to a content stream, so only changes are written.
#[derive(Default)]
struct GraphicsState {
    stroke: Option<Color>,
    width: Option<Pt>,
    dash: Option<Option<(Pt, Pt)>>,
}

/// A page's content stream: lines and shapes first, then all text in one text object.
fn content_stream(
    page: &super::frame::Page,
    subsets: &BTreeMap<FontId, Subset>,
    images: &BTreeMap<String, String>,
) -> Vec<u8> {
    let h = page.size.h.0;
    let mut g = Vec::with_capacity(256);
    let mut t = Vec::with_capacity(4096);
    let mut gs = GraphicsState::default();
    let mut text = TextState::default();
    for item in &page.items {
        match item {
            Element::Text {
                at,
                font,
                size,
                color,
                glyphs,
                rtl,
            } => {
                let Some(sub) = subsets.get(font) else {
                    continue;
                };
                // The glyphs of complex scripts (an Indic vowel sign drawn
                // before its consonant, conjuncts) do not map one to one to
                // letters, so the font's Unicode map alone would extract
                // them wrongly: an ActualText span gives viewers the text.
                // Right-to-left runs are left to the viewers' own
                // bidirectional reordering (poppler, pdf.js), which expects
                // glyphs in visual order and would turn logical text round.
                let actual = !*rtl
                    && matches!(font, FontId::Fallback(_))
                    && glyphs.iter().any(|g| g.text.chars().count() != 1);
                if actual {
                    let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
                    t.extend_from_slice(b"/Span <</ActualText <FEFF");
                    for unit in text.encode_utf16() {
                        hex4(&mut t, unit);
                    }
                    t.extend_from_slice(b">>> BDC\n");
                }
                if text.font != Some((*font, *size)) {
                    t.extend_from_slice(b"/");
                    t.extend_from_slice(font_id(*font).0.as_bytes());
                    t.push(b' ');
                    num(&mut t, size.0, 2);
                    t.extend_from_slice(b" Tf\n");
                    text.font = Some((*font, *size));
                }
                if text.color != Some(*color) {
                    rgb(&mut t, *color);
                    t.extend_from_slice(b" rg\n");
                    text.color = Some(*color);
                }
                t.extend_from_slice(b"1 0 0 1 ");
                num(&mut t, at.x.0, 2);
                t.push(b' ');
                num(&mut t, h - at.y.0, 2);
                t.extend_from_slice(b" Tm\n[");
                let face = fonts().get(*font);
                let mut open = false;
                for glyph in glyphs {
                    if !open {
                        t.push(b'<');
                        open = true;
                    }
                    hex4(&mut t, sub.remap.get(glyph.gid).unwrap_or(0));
                    let natural = face
                        .shaper
                        .glyph_hor_advance(ttf_parser::GlyphId(glyph.gid))
                        .unwrap_or(0) as f32
                        / face.upem
                        * size.0;
                    // TJ numbers move the pen left by n/1000 em: encode kerning as the difference.
                    let offset = -(glyph.advance.0 - natural) * 1000.0 / size.0;
                    if offset.abs() >= 0.01 {
                        t.extend_from_slice(b"> ");
                        num(&mut t, offset, 2);
                        t.push(b' ');
                        open = false;
                    }
                }
                if open {
                    t.push(b'>');
                }
                t.extend_from_slice(b"] TJ\n");
                if actual {
                    t.extend_from_slice(b"EMC\n");
                }
            }
            Element::Line {
                from,
                to,
                width,
                color,
                dash,
            } => {
                stroke(&mut g, &mut gs, *color, *width, *dash);
                point(&mut g, from.x.0, h - from.y.0);
                g.extend_from_slice(b" m ");
                point(&mut g, to.x.0, h - to.y.0);
                g.extend_from_slice(b" l S\n");
            }
            Element::Rect { rect, width, color } => {
                stroke(&mut g, &mut gs, *color, *width, None);
                point(&mut g, rect.x.0, h - rect.bottom().0);
                g.push(b' ');
                point(&mut g, rect.w.0, rect.h.0);
                g.extend_from_slice(b" re S\n");
            }
            Element::Fill { rect, color } => {
                // The text colour is set inside the text object, which
                // follows all graphics: setting the fill here changes nothing there.
                rgb(&mut g, *color);
                g.extend_from_slice(b" rg\n");
                point(&mut g, rect.x.0, h - rect.bottom().0);
                g.push(b' ');
                point(&mut g, rect.w.0, rect.h.0);
                g.extend_from_slice(b" re f\n");
            }
            Element::Circle {
                center,
                radius,
                width,
                color,
            } => {
                stroke(&mut g, &mut gs, *color, *width, None);
                circle(&mut g, *center, *radius, h);
            }
            Element::Image { rect, image } => {
                let Some(name) = images.get(&image.key) else {
                    continue;
                };
                // Images and forms fill the unit square: scale it onto the rectangle.
                g.extend_from_slice(b"q\n");
                point(&mut g, rect.w.0, 0.0);
                g.push(b' ');
                point(&mut g, 0.0, rect.h.0);
                g.push(b' ');
                point(&mut g, rect.x.0, h - rect.bottom().0);
                g.extend_from_slice(b" cm\n/");
                g.extend_from_slice(name.as_bytes());
                g.extend_from_slice(b" Do\nQ\n");
            }
            Element::Link { .. } => {}
        }
    }
    if !t.is_empty() {
        g.extend_from_slice(b"BT\n");
        g.extend_from_slice(&t);
        g.extend_from_slice(b"ET\n");
    }
    g
}

/// Sets the stroke colour, width and dash pattern where they change.
fn stroke(
    out: &mut Vec<u8>,
    gs: &mut GraphicsState,
    color: Color,
    width: Pt,
    dash: Option<(Pt, Pt)>,
) {
    if gs.stroke != Some(color) {
        rgb(out, color);
        out.extend_from_slice(b" RG\n");
        gs.stroke = Some(color);
    }
    if gs.width != Some(width) {
        num(out, width.0, 2);
        out.extend_from_slice(b" w\n");
        gs.width = Some(width);
    }
    if gs.dash != Some(dash) {
        match dash {
            Some((on, off)) => {
                out.push(b'[');
                num(out, on.0, 2);
                out.push(b' ');
                num(out, off.0, 2);
                out.extend_from_slice(b"] 0 d\n");
            }
            None => out.extend_from_slice(b"[] 0 d\n"),
        }
        gs.dash = Some(dash);
    }
}

fn rgb(out: &mut Vec<u8>, c: Color) {
    num(out, c.r, 3);
    out.push(b' ');
    num(out, c.g, 3);
    out.push(b' ');
    num(out, c.b, 3);
}

fn point(out: &mut Vec<u8>, x: f32, y: f32) {
    num(out, x, 2);
    out.push(b' ');
    num(out, y, 2);
}

/// A number as PDF writes it, rounded to `decimals` places with trailing zeros
/// dropped: `12`, `-3.5`, `0.125`. Written by hand because the formatter
/// machinery of `write!` was a tenth of the time spent on content streams.
fn num(out: &mut Vec<u8>, v: f32, decimals: u32) {
    let scale = 10i64.pow(decimals);
    let mut n = (v as f64 * scale as f64).round() as i64;
    if n < 0 {
        out.push(b'-');
        n = -n;
    }
    let (whole, mut frac) = (n / scale, n % scale);
    out.extend_from_slice(whole.to_string().as_bytes());
    if frac != 0 {
        let mut digits = decimals;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        out.push(b'.');
        let s = frac.to_string();
        out.extend(std::iter::repeat_n(b'0', digits as usize - s.len()));
        out.extend_from_slice(s.as_bytes());
    }
}

/// A glyph id as four hex digits.
fn hex4(out: &mut Vec<u8>, v: u16) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((v >> shift) & 0xf) as usize]);
    }
}

/// A stable resource name per face, so output does not depend on a process-wide counter.
fn font_id(f: FontId) -> pdf::FontId {
    match f {
        FontId::Fallback(i) => pdf::FontId(format!("FB{}", u32::from(i) + 1)),
        f => pdf::FontId(format!(
            "F{}",
            FontId::ALL.iter().position(|x| *x == f).unwrap_or(0) + 1
        )),
    }
}

/// Subsets every face the document uses and registers it with the PDF.
fn add_fonts(doc: &Document, out: &mut pdf::PdfDocument) -> Result<BTreeMap<FontId, Subset>> {
    let mut used: BTreeMap<FontId, BTreeSet<u16>> = BTreeMap::new();
    for page in &doc.pages {
        for item in &page.items {
            if let Element::Text { font, glyphs, .. } = item {
                used.entry(*font)
                    .or_default()
                    .extend(glyphs.iter().map(|g| g.gid));
            }
        }
    }
    // Each face is subset on its own core.
    let set = fonts();
    let made: Vec<Result<(FontId, Subset, pdf::ParsedFont)>> = used
        .into_par_iter()
        .map(|(font, gids)| {
            let face = set.get(font);
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
            Ok((font, Subset { remap }, parsed))
        })
        .collect();
    let mut subsets = BTreeMap::new();
    for m in made {
        let (font, subset, parsed) = m?;
        out.resources
            .fonts
            .map
            .insert(font_id(font), pdf::PdfFont::new(parsed));
        subsets.insert(font, subset);
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

/// A circle as four cubic Bézier arcs (PDF has no circle operator), closed and stroked.
fn circle(out: &mut Vec<u8>, c: P, r: Pt, h: f32) {
    const K: f32 = 0.552_284_8;
    let (x, y, r) = (c.x.0, h - c.y.0, r.0);
    let k = r * K;
    point(out, x + r, y);
    out.extend_from_slice(b" m\n");
    let arcs = [
        [(x + r, y + k), (x + k, y + r), (x, y + r)],
        [(x - k, y + r), (x - r, y + k), (x - r, y)],
        [(x - r, y - k), (x - k, y - r), (x, y - r)],
        [(x + k, y - r), (x + r, y - k), (x + r, y)],
    ];
    for arc in arcs {
        for (i, (px, py)) in arc.iter().enumerate() {
            if i > 0 {
                out.push(b' ');
            }
            point(out, *px, *py);
        }
        out.extend_from_slice(b" c\n");
    }
    out.extend_from_slice(b"h S\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circles_are_four_closed_bezier_arcs() {
        let mut out = Vec::new();
        circle(&mut out, P::new(Pt(100.0), Pt(100.0)), Pt(10.0), 800.0);
        let s = String::from_utf8(out).unwrap();
        assert!(s.starts_with("110 700 m\n"), "{s}");
        assert_eq!(s.matches(" c\n").count(), 4);
        // The last arc ends where the path started.
        assert!(s.ends_with(" 110 700 c\nh S\n"), "{s}");
    }

    #[test]
    fn numbers_are_rounded_and_trimmed() {
        let cases = [
            (12.0, 2, "12"),
            (-3.5, 2, "-3.5"),
            (0.125, 3, "0.125"),
            (0.1049, 2, "0.1"),
            (841.889_8, 2, "841.89"),
            (0.05, 2, "0.05"),
            (-0.004, 2, "0"),
        ];
        for (v, d, want) in cases {
            let mut out = Vec::new();
            num(&mut out, v, d);
            assert_eq!(String::from_utf8(out).unwrap(), want, "{v}");
        }
        let mut out = Vec::new();
        hex4(&mut out, 0x0a1f);
        assert_eq!(out, b"0A1F");
    }

    #[test]
    fn outline_titles_are_utf16_text_strings() {
        assert_eq!(
            text_string("Zoë"),
            vec![0xfe, 0xff, 0, b'Z', 0, b'o', 0, 0xeb]
        );
    }
}
