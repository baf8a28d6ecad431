//! Write: turns finished frames into PDF bytes. The only module that imports printpdf.
//!
//! Fonts are subset to the glyphs the document uses (with typst's `subsetter`,
//! because printpdf only subsets when its heavy `text_layout` feature is on),
//! every glyph carries its source text so the PDF's Unicode map extracts the
//! exact text, and ids and dates are fixed so the same input gives the same bytes.

use super::fonts::{fonts, FontId, Scope};
use super::frame::{Artifact, Document, Element, LabelStyle, Mark, Tag};
use super::shape::LinkTarget;
use super::tags::{text_string, Event, Tree};
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
    let mut pages = Vec::with_capacity(doc.pages.len());
    for (index, page) in doc.pages.iter().enumerate() {
        let ops = if index == 0 {
            glyph_inventory(doc, &subsets)
        } else {
            Vec::new()
        };
        pages.push(pdf::PdfPage::new(
            pdf::Mm(page.size.w.to_mm()),
            pdf::Mm(page.size.h.to_mm()),
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
    let written: Vec<PageOut> = doc
        .pages
        .par_iter()
        .map(|page| {
            let _fonts = Scope::new(set);
            content_stream(page, &subsets, &names)
        })
        .collect();
    out.with_pages(pages);
    let opts = pdf::PdfSaveOptions {
        // Streams are compressed below, by `deflate`, not by printpdf.
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = out.to_lopdf_document(&opts, &mut warnings);
    let mut tree = Tree::default();
    for (index, page) in written.iter().enumerate() {
        tree.add_page(index, &page.events, page.links.len());
    }
    let mut contents = Vec::with_capacity(written.len());
    let mut links = Vec::with_capacity(written.len());
    let mut drawn = Vec::with_capacity(written.len());
    for page in written {
        contents.push(page.bytes);
        links.push(page.links);
        drawn.push(page.drawn);
    }
    replace_contents(&mut lo, contents)?;
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().values().copied().collect();
    let annots = add_links(&mut lo, doc, &page_ids, &links, &tree)?;
    add_images(&mut lo, doc, &images)?;
    add_glyph_forms(&mut lo, &page_ids, &drawn)?;
    fix_ids(&mut lo, doc);
    add_outline(&mut lo, doc)?;
    add_page_labels(&mut lo, doc)?;
    add_structure(&mut lo, doc, &tree, &page_ids, &annots)?;
    set_metadata(&mut lo, doc)?;
    // Tagged PDF, forms with hierarchical names and PDF/UA-1 are PDF 1.7
    // (ISO 32000-1); printpdf's header says 1.3.
    lo.version = "1.7".to_string();
    super::deflate::compress_document(&mut lo);
    // The file is about the size of its streams plus the packed dictionaries:
    // one allocation instead of a dozen doublings.
    let streams: usize = lo
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .map(|s| s.content.len())
        .sum();
    let mut bytes = Vec::with_capacity(streams + streams / 4 + 64 * 1024);
    // The structure tree and the form are thousands of small dictionaries:
    // packed into compressed object streams (PDF 1.5) they take a fifth of
    // the room they take written out one by one. Level 1 rather than 6:
    // 4% faster for the 80-page benchmark workbook, 6% larger (275 -> 293 KB).
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .max_objects_per_stream(200)
        .compression_level(1)
        .build();
    lo.save_with_options(&mut bytes, options)
        .context("cannot serialise the PDF")?;
    Ok(bytes)
}

/// Writes each page's link annotations, described by their text, and its
/// form fields' widgets, all in the tab order of the structure; returns each
/// page's annotation objects (None where a link had nowhere to go).
fn add_links(
    lo: &mut lopdf::Document,
    doc: &Document,
    pages: &[lopdf::ObjectId],
    links: &[Vec<Annot>],
    tree: &Tree,
) -> Result<Vec<Vec<Option<lopdf::ObjectId>>>> {
    let mut all = Vec::with_capacity(links.len());
    let mut form = super::forms::Form::default();
    for (index, (page_links, page)) in links.iter().zip(&doc.pages).enumerate() {
        let h = page.size.h.0;
        let mut ids = Vec::new();
        for (i, annot) in page_links.iter().enumerate() {
            let (rect, to) = match annot {
                Annot::Link(rect, to) => (rect, to),
                Annot::Field(rect, field) => {
                    ids.push(Some(form.widget(lo, pages[index], h, *rect, field)));
                    continue;
                }
            };
            let action = match to {
                LinkTarget::Uri(u) => dictionary! {
                    "S" => "URI",
                    "URI" => lopdf::Object::string_literal(u.as_str()),
                },
                LinkTarget::Note(_) => {
                    ids.push(None);
                    continue;
                }
                LinkTarget::Anchor(a) => {
                    let Some(target) = doc.anchor_page(a) else {
                        ids.push(None);
                        continue;
                    };
                    let top = doc.pages.get(target).map_or(0.0, |p| p.size.h.0);
                    dictionary! {
                        "S" => "GoTo",
                        "D" => vec![
                            pages[target].into(),
                            "XYZ".into(),
                            0.into(),
                            lopdf::Object::Real(top),
                            lopdf::Object::Null,
                        ],
                    }
                }
            };
            let mut annot = dictionary! {
                "Type" => "Annot",
                "Subtype" => "Link",
                "Rect" => vec![
                    lopdf::Object::Real(rect.x.0),
                    lopdf::Object::Real(h - rect.bottom().0),
                    lopdf::Object::Real(rect.right().0),
                    lopdf::Object::Real(h - rect.y.0),
                ],
                "Border" => vec![0.into(), 0.into(), 0.into()],
                "F" => 4,
                "A" => action,
            };
            let words = tree
                .annot_text(index, i)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .unwrap_or_else(|| match to {
                    LinkTarget::Uri(u) => u.clone(),
                    LinkTarget::Anchor(a) => a.clone(),
                    LinkTarget::Note(_) => String::new(),
                });
            annot.set("Contents", text_string(&words));
            ids.push(Some(lo.add_object(annot)));
        }
        if ids.iter().all(Option::is_none) {
            // printpdf writes an empty list on every page; none is none.
            lo.get_dictionary_mut(pages[index])?.remove(b"Annots");
        } else {
            let dict = lo.get_dictionary_mut(pages[index])?;
            dict.set(
                "Annots",
                ids.iter()
                    .flatten()
                    .map(|id| lopdf::Object::Reference(*id))
                    .collect::<Vec<_>>(),
            );
            // Tab through the annotations in the order of the structure.
            dict.set("Tabs", "S");
        }
        all.push(ids);
    }
    let root = lo
        .trailer
        .get(b"Root")
        .and_then(|r| r.as_reference())
        .map_err(|e| anyhow!("the PDF has no catalog: {e}"))?;
    form.finish(lo, root)
        .map_err(|e| anyhow!("cannot write the form fields: {e}"))?;
    Ok(all)
}

/// Writes the structure tree and marks the document as tagged, in its
/// language, with its title shown in the viewer's title bar.
fn add_structure(
    lo: &mut lopdf::Document,
    doc: &Document,
    tree: &Tree,
    pages: &[lopdf::ObjectId],
    annots: &[Vec<Option<lopdf::ObjectId>>],
) -> Result<()> {
    let root = tree
        .write(lo, pages, annots)
        .map_err(|e| anyhow!("cannot write the structure tree: {e}"))?;
    let lang = if doc.language.is_empty() {
        "und"
    } else {
        doc.language.as_str()
    };
    let catalog = catalog(lo)?;
    catalog.set("StructTreeRoot", root);
    catalog.set("MarkInfo", dictionary! { "Marked" => true });
    catalog.set("Lang", lopdf::Object::string_literal(lang));
    catalog.set(
        "ViewerPreferences",
        dictionary! { "DisplayDocTitle" => true },
    );
    Ok(())
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
/// The name a glyph drawn as a form goes by in page resources.
fn glyph_form_name(font: FontId, gid: u16) -> String {
    format!("G{}_{gid}", font_id(font).0)
}

/// Writes each glyph drawn rather than shown (the halves of hyphenated
/// words) once, as a form XObject of its outline in font units, and adds
/// them to the resources of the pages that draw them.
fn add_glyph_forms(
    lo: &mut lopdf::Document,
    pages: &[lopdf::ObjectId],
    drawn: &[BTreeSet<(FontId, u16)>],
) -> Result<()> {
    let mut forms: BTreeMap<(FontId, u16), lopdf::ObjectId> = BTreeMap::new();
    for (page, glyphs) in pages.iter().zip(drawn) {
        let mut used = lopdf::Dictionary::new();
        for &(font, gid) in glyphs {
            let id = match forms.get(&(font, gid)) {
                Some(id) => *id,
                None => {
                    let face = fonts().get(font);
                    let mut bytes = Vec::new();
                    let mut path = PathOut {
                        out: &mut bytes,
                        last: (0.0, 0.0),
                    };
                    let bbox = face
                        .shaper
                        .outline_glyph(ttf_parser::GlyphId(gid), &mut path);
                    bytes.extend_from_slice(b"f\n");
                    let b = bbox.unwrap_or(ttf_parser::Rect {
                        x_min: 0,
                        y_min: 0,
                        x_max: 0,
                        y_max: 0,
                    });
                    let stream = lopdf::Stream::new(
                        dictionary! {
                            "Type" => "XObject",
                            "Subtype" => "Form",
                            "BBox" => vec![
                                i64::from(b.x_min).into(),
                                i64::from(b.y_min).into(),
                                i64::from(b.x_max).into(),
                                i64::from(b.y_max).into(),
                            ],
                            "Resources" => lopdf::Dictionary::new(),
                        },
                        bytes,
                    );
                    let id = lo.add_object(stream);
                    forms.insert((font, gid), id);
                    id
                }
            };
            used.set(glyph_form_name(font, gid).into_bytes(), id);
        }
        add_xobjects(lo, *page, used)?;
    }
    Ok(())
}

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
        add_xobjects(lo, *page_id, used)?;
    }
    Ok(())
}

/// Adds `used` (names to XObjects) to a page's resources.
fn add_xobjects(
    lo: &mut lopdf::Document,
    page_id: lopdf::ObjectId,
    used: lopdf::Dictionary,
) -> Result<()> {
    if used.is_empty() {
        return Ok(());
    }
    // printpdf writes a page's resources inline or as an object of their own.
    let resources = match lo.get_dictionary(page_id)?.get(b"Resources") {
        Ok(lopdf::Object::Reference(id)) => *id,
        Ok(lopdf::Object::Dictionary(_)) => page_id,
        _ => {
            let id = lo.add_object(lopdf::Dictionary::new());
            lo.get_dictionary_mut(page_id)?.set("Resources", id);
            id
        }
    };
    let dict = lo.get_dictionary_mut(resources)?;
    let dict = if resources == page_id {
        dict.get_mut(b"Resources")?.as_dict_mut()?
    } else {
        dict
    };
    match dict.get_mut(b"XObject") {
        Ok(lopdf::Object::Dictionary(x)) => x.extend(&used),
        _ => dict.set("XObject", used),
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

/// A page's content stream, what it marked, and its annotations.
struct PageOut {
    bytes: Vec<u8>,
    events: Vec<Event>,
    links: Vec<Annot>,
    /// The glyphs it draws as forms (see [`outlines`]).
    drawn: BTreeSet<(FontId, u16)>,
}

/// An annotation of a page, in the order written.
enum Annot {
    Link(super::units::Rect, LinkTarget),
    Field(super::units::Rect, Arc<super::frame::Field>),
}

/// What is open in a content stream being written.
#[derive(Default)]
struct Stream {
    out: Vec<u8>,
    /// Inside BT … ET.
    text: bool,
    /// Inside an artifact opened for unmarked content.
    artifact: bool,
    /// The marks open, innermost last: the node of each tagged one.
    open: Vec<Option<Arc<Tag>>>,
    /// The next MCID, and the text shown since the last one began.
    mcid: u32,
    shown: String,
}

impl Stream {
    fn end_text(&mut self) {
        if self.text {
            self.out.extend_from_slice(b"ET\n");
            self.text = false;
        }
    }

    fn end_artifact(&mut self) {
        self.end_text();
        if self.artifact {
            self.out.extend_from_slice(b"EMC\n");
            self.artifact = false;
        }
    }

    /// Before content: unmarked content is an artifact.
    fn content(&mut self) {
        if self.open.is_empty() && !self.artifact {
            self.end_text();
            self.out.extend_from_slice(b"/Artifact BMC\n");
            self.artifact = true;
        }
    }

    /// The innermost structure node open.
    fn node(&self) -> Option<&Arc<Tag>> {
        self.open.iter().rev().find_map(|t| t.as_ref())
    }
}

/// A page's content stream, in the order of its items, each stretch marked
/// as the items say: tagged content with an MCID, artifacts, and spans with
/// their actual text. Panels' tints come first, under everything.
fn content_stream(
    page: &super::frame::Page,
    subsets: &BTreeMap<FontId, Subset>,
    images: &BTreeMap<String, String>,
) -> PageOut {
    let h = page.size.h.0;
    let mut s = Stream {
        out: Vec::with_capacity(4096),
        ..Stream::default()
    };
    let mut events = Vec::new();
    let mut links = Vec::new();
    let mut gs = GraphicsState::default();
    let mut text = TextState::default();
    let fills: Vec<_> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Element::Fill { rect, color } => Some((rect, color)),
            _ => None,
        })
        .collect();
    if !fills.is_empty() {
        s.out.extend_from_slice(b"/Artifact BMC\n");
        for (rect, color) in fills {
            rgb(&mut s.out, *color);
            s.out.extend_from_slice(b" rg\n");
            point(&mut s.out, rect.x.0, h - rect.bottom().0);
            s.out.push(b' ');
            point(&mut s.out, rect.w.0, rect.h.0);
            s.out.extend_from_slice(b" re f\n");
        }
        s.out.extend_from_slice(b"EMC\n");
    }
    let split = split_words(&page.items);
    let mut drawn = BTreeSet::new();
    for (index, item) in page.items.iter().enumerate() {
        match item {
            Element::Begin(mark) => match mark {
                Mark::Tag(tag) => {
                    s.end_artifact();
                    let name = tag.role.name();
                    s.out.push(b'/');
                    s.out.extend_from_slice(name.as_bytes());
                    s.out.extend_from_slice(b" <</MCID ");
                    s.out.extend_from_slice(s.mcid.to_string().as_bytes());
                    s.out.extend_from_slice(b">> BDC\n");
                    events.push(Event::Content {
                        mcid: s.mcid,
                        tag: tag.clone(),
                        text: String::new(),
                    });
                    s.mcid += 1;
                    s.shown.clear();
                    s.open.push(Some(tag.clone()));
                }
                Mark::Artifact(kind) => {
                    s.end_artifact();
                    s.out.extend_from_slice(match kind {
                        Artifact::Pagination => b"/Artifact <</Type /Pagination>> BDC\n",
                        Artifact::Layout => b"/Artifact <</Type /Layout>> BDC\n",
                    });
                    s.open.push(None);
                }
                Mark::Actual(words) => {
                    s.end_text();
                    actual_text(&mut s.out, words);
                    s.open.push(None);
                }
            },
            Element::End => {
                s.end_text();
                let Some(closed) = s.open.pop() else {
                    continue;
                };
                s.out.extend_from_slice(b"EMC\n");
                // The text a link's stretch showed describes its annotation.
                if closed.is_some_and(|t| t.role == super::frame::Role::Link) {
                    let last = events
                        .iter_mut()
                        .rev()
                        .find(|e| matches!(e, Event::Content { .. }));
                    if let Some(Event::Content { text, .. }) = last {
                        *text = std::mem::take(&mut s.shown);
                    }
                }
            }
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
                s.content();
                // Where the run starts, in PDF coordinates.
                let base = (at.x.0, h - at.y.0);
                // The tail of a word hyphenated at the line before is drawn,
                // not shown: its letters are text with the head's (below).
                if split.tails.contains(&index) {
                    s.end_text();
                    rgb(&mut s.out, *color);
                    s.out.extend_from_slice(b" rg\n");
                    text.color = Some(*color);
                    outlines(&mut s.out, &mut drawn, (*font, *size), glyphs, base);
                    continue;
                }
                let head = split.heads.get(&index).and_then(|&t| match &page.items[t] {
                    Element::Text { glyphs, .. } => Some(glyphs),
                    _ => None,
                });
                if s.node().is_some_and(|t| t.role == super::frame::Role::Link) {
                    s.shown.extend(glyphs.iter().map(|g| g.text.as_str()));
                }
                if !s.text {
                    s.out.extend_from_slice(b"BT\n");
                    s.text = true;
                }
                let t = &mut s.out;
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
                    actual_text(t, &text);
                }
                if text.font != Some((*font, *size)) {
                    t.extend_from_slice(b"/");
                    t.extend_from_slice(font_id(*font).0.as_bytes());
                    t.push(b' ');
                    num(t, size.0, 2);
                    t.extend_from_slice(b" Tf\n");
                    text.font = Some((*font, *size));
                }
                if text.color != Some(*color) {
                    rgb(t, *color);
                    t.extend_from_slice(b" rg\n");
                    text.color = Some(*color);
                }
                // A word's head with its tail to come: the whole word's
                // letters as invisible text in one run where the head
                // stands, and the head with its hyphen drawn, so that every
                // viewer's text (MuPDF, pdf.js, pypdf, not only those
                // reading the ActualText) has the word whole on its line.
                match head {
                    None => show(t, sub, *font, *size, glyphs, base),
                    Some(tail) => {
                        let letters: Vec<_> = glyphs[..glyphs.len() - 1]
                            .iter()
                            .chain(tail.iter())
                            .cloned()
                            .collect();
                        t.extend_from_slice(b"3 Tr\n");
                        show(t, sub, *font, *size, &letters, base);
                        t.extend_from_slice(b"0 Tr\n");
                        s.end_text();
                        outlines(&mut s.out, &mut drawn, (*font, *size), glyphs, base);
                    }
                }
                let t = &mut s.out;
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
                s.content();
                s.end_text();
                let g = &mut s.out;
                stroke(g, &mut gs, *color, *width, *dash);
                point(g, from.x.0, h - from.y.0);
                g.extend_from_slice(b" m ");
                point(g, to.x.0, h - to.y.0);
                g.extend_from_slice(b" l S\n");
            }
            Element::Rect { rect, width, color } => {
                s.content();
                s.end_text();
                let g = &mut s.out;
                stroke(g, &mut gs, *color, *width, None);
                point(g, rect.x.0, h - rect.bottom().0);
                g.push(b' ');
                point(g, rect.w.0, rect.h.0);
                g.extend_from_slice(b" re S\n");
            }
            // Drawn first, under everything.
            Element::Fill { .. } => {}
            Element::Circle {
                center,
                radius,
                width,
                color,
            } => {
                s.content();
                s.end_text();
                stroke(&mut s.out, &mut gs, *color, *width, None);
                circle(&mut s.out, *center, *radius, h);
            }
            Element::Image { rect, image } => {
                let Some(name) = images.get(&image.key) else {
                    continue;
                };
                s.content();
                s.end_text();
                let g = &mut s.out;
                // Images and forms fill the unit square: scale it onto the rectangle.
                g.extend_from_slice(b"q\n");
                point(g, rect.w.0, 0.0);
                g.push(b' ');
                point(g, 0.0, rect.h.0);
                g.push(b' ');
                point(g, rect.x.0, h - rect.bottom().0);
                g.extend_from_slice(b" cm\n/");
                g.extend_from_slice(name.as_bytes());
                g.extend_from_slice(b" Do\nQ\n");
            }
            Element::Link { rect, to } => {
                if let Some(tag) = s.node() {
                    events.push(Event::Link {
                        index: links.len(),
                        tag: tag.clone(),
                    });
                }
                links.push(Annot::Link(*rect, to.clone()));
            }
            Element::Field { rect, field } => {
                // Every widget is a Form element of its own, in the node
                // it was placed in (a table cell, a list item).
                let tag = Tag::new(super::frame::Role::Form, s.node());
                events.push(Event::Link {
                    index: links.len(),
                    tag,
                });
                links.push(Annot::Field(*rect, field.clone()));
            }
        }
    }
    s.end_artifact();
    // A page whose marks were not all closed closes them.
    for _ in s.open.drain(..) {
        s.out.extend_from_slice(b"EMC\n");
    }
    PageOut {
        bytes: s.out,
        events,
        links,
        drawn,
    }
}

/// Words hyphenated at a line end on this page: the item index of each
/// head (its last glyph the hyphen) with its tail's, and the tails'.
#[derive(Default)]
struct SplitWords {
    heads: std::collections::HashMap<usize, usize>,
    tails: BTreeSet<usize>,
}

/// Pairs each word's head (the text in a [`Mark::Actual`] giving the whole
/// word) with the tail that starts a later line (the text in an empty one),
/// when both are on the page, in one font and size, and make the word.
/// Fallback faces (complex scripts, drawn with their own ActualText) are
/// left to the ActualText alone.
fn split_words(items: &[Element]) -> SplitWords {
    let mut out = SplitWords::default();
    let mut pending: Option<(usize, &str)> = None;
    for (i, item) in items.iter().enumerate() {
        let Element::Begin(Mark::Actual(word)) = item else {
            continue;
        };
        let Some(Element::Text {
            font, size, glyphs, ..
        }) = items.get(i + 1)
        else {
            continue;
        };
        if matches!(font, FontId::Fallback(_)) {
            pending = None;
            continue;
        }
        if !word.is_empty() {
            pending = Some((i + 1, word.as_str()));
            continue;
        }
        let Some((h, word)) = pending.take() else {
            continue;
        };
        let Element::Text {
            font: head_font,
            size: head_size,
            glyphs: head,
            ..
        } = &items[h]
        else {
            continue;
        };
        let letters =
            |g: &[super::shape::Glyph]| -> String { g.iter().map(|g| g.text.as_str()).collect() };
        let whole = head.len() > 1 && letters(&head[..head.len() - 1]) + &letters(glyphs) == word;
        if whole && head_font == font && head_size == size {
            out.heads.insert(h, i + 1);
            out.tails.insert(i + 1);
        }
    }
    out
}

/// Shows `glyphs` at `(x, y)` (PDF coordinates) in `font` at `size`, set
/// with their advances (kerning as TJ offsets).
fn show(
    t: &mut Vec<u8>,
    sub: &Subset,
    font: FontId,
    size: Pt,
    glyphs: &[super::shape::Glyph],
    (x, y): (f32, f32),
) {
    t.extend_from_slice(b"1 0 0 1 ");
    num(t, x, 2);
    t.push(b' ');
    num(t, y, 2);
    t.extend_from_slice(b" Tm\n[");
    let face = fonts().get(font);
    let mut open = false;
    for glyph in glyphs {
        if !open {
            t.push(b'<');
            open = true;
        }
        hex4(t, sub.remap.get(glyph.gid).unwrap_or(0));
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
            num(t, offset, 2);
            t.push(b' ');
            open = false;
        }
    }
    if open {
        t.push(b'>');
    }
    t.extend_from_slice(b"] TJ\n");
}

/// Draws `glyphs` from (`x`, `y`) (the baseline, PDF coordinates) in the
/// current fill colour, each as the form of its outline (see
/// [`add_glyph_forms`]): letters that show but are not text. Notes in
/// `drawn` which glyph forms the page needs.
fn outlines(
    out: &mut Vec<u8>,
    drawn: &mut BTreeSet<(FontId, u16)>,
    (font, size): (FontId, Pt),
    glyphs: &[super::shape::Glyph],
    (x, y): (f32, f32),
) {
    let k = size.0 / fonts().get(font).upem;
    let mut pen = x;
    for g in glyphs {
        drawn.insert((font, g.gid));
        out.extend_from_slice(b"q ");
        num(out, k, 6);
        out.extend_from_slice(b" 0 0 ");
        num(out, k, 6);
        out.push(b' ');
        point(out, pen, y);
        out.extend_from_slice(b" cm /");
        out.extend_from_slice(glyph_form_name(font, g.gid).as_bytes());
        out.extend_from_slice(b" Do Q\n");
        pen += g.advance.0;
    }
}

/// A glyph outline written as PDF path operators, in font units.
struct PathOut<'a> {
    out: &'a mut Vec<u8>,
    /// The current point, to turn quadratic curves into cubic ones.
    last: (f32, f32),
}

impl PathOut<'_> {
    fn point(&mut self, x: f32, y: f32) {
        point(self.out, x, y);
        self.out.push(b' ');
    }
}

impl ttf_parser::OutlineBuilder for PathOut<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.point(x, y);
        self.out.extend_from_slice(b"m ");
        self.last = (x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.point(x, y);
        self.out.extend_from_slice(b"l ");
        self.last = (x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x0, y0) = self.last;
        self.point(x0 + (x1 - x0) * 2.0 / 3.0, y0 + (y1 - y0) * 2.0 / 3.0);
        self.point(x + (x1 - x) * 2.0 / 3.0, y + (y1 - y) * 2.0 / 3.0);
        self.point(x, y);
        self.out.extend_from_slice(b"c ");
        self.last = (x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.point(x1, y1);
        self.point(x2, y2);
        self.point(x, y);
        self.out.extend_from_slice(b"c ");
        self.last = (x, y);
    }
    fn close(&mut self) {
        self.out.extend_from_slice(b"h ");
    }
}

/// Opens a span whose text is `words`, whatever its glyphs show.
fn actual_text(out: &mut Vec<u8>, words: &str) {
    out.extend_from_slice(b"/Span <</ActualText <FEFF");
    for unit in words.encode_utf16() {
        hex4(out, unit);
    }
    out.extend_from_slice(b">>> BDC\n");
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

/// The build's date: SOURCE_DATE_EPOCH when set, so builds are reproducible.
fn build_date() -> pdf::OffsetDateTime {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or(1_767_225_600);
    pdf::OffsetDateTime::from_unix_timestamp(epoch)
        .or_else(|_| pdf::OffsetDateTime::from_unix_timestamp(1_767_225_600))
        .unwrap_or_else(|_| pdf::OffsetDateTime::now_utc())
}

/// Writes the document information and the XMP metadata that matches it:
/// title, author, subject, language, producer and dates, and the PDF/UA-1
/// identification. printpdf's information dictionary is replaced, because
/// it always names a PDF/X version (empty here) as if the file were PDF/X.
fn set_metadata(lo: &mut lopdf::Document, doc: &Document) -> Result<()> {
    let date = build_date();
    let (y, mo, d) = (date.year(), u8::from(date.month()), date.day());
    let (h, mi, sec) = (date.hour(), date.minute(), date.second());
    let info_date = format!("D:{y:04}{mo:02}{d:02}{h:02}{mi:02}{sec:02}Z");
    let xmp_date = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{sec:02}Z");
    let producer = format!("kintsugi {}", env!("CARGO_PKG_VERSION"));
    let mut info = dictionary! {
        "Title" => text_string(&doc.title),
        "Creator" => text_string("kintsugi"),
        "Producer" => text_string(&producer),
        "CreationDate" => lopdf::Object::string_literal(info_date.as_str()),
        "ModDate" => lopdf::Object::string_literal(info_date.as_str()),
    };
    if !doc.author.is_empty() {
        info.set("Author", text_string(&doc.author));
    }
    if !doc.subject.is_empty() {
        info.set("Subject", text_string(&doc.subject));
    }
    let info_id = lo.add_object(info);
    lo.trailer.set("Info", info_id);
    let xml = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let lang = if doc.language.is_empty() {
        "und"
    } else {
        doc.language.as_str()
    };
    let mut dc = format!(
        "<dc:format>application/pdf</dc:format>\n\
         <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n\
         <dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n",
        xml(&doc.title),
        xml(lang)
    );
    if !doc.author.is_empty() {
        dc.push_str(&format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n",
            xml(&doc.author)
        ));
    }
    if !doc.subject.is_empty() {
        dc.push_str(&format!(
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n",
            xml(&doc.subject)
        ));
    }
    let packet = format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n\
         <rdf:Description rdf:about=\"\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
         xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n\
         {dc}\
         <xmp:CreatorTool>kintsugi</xmp:CreatorTool>\n\
         <xmp:CreateDate>{xmp_date}</xmp:CreateDate>\n\
         <xmp:ModifyDate>{xmp_date}</xmp:ModifyDate>\n\
         <xmp:MetadataDate>{xmp_date}</xmp:MetadataDate>\n\
         <pdf:Producer>{}</pdf:Producer>\n\
         <pdfuaid:part>1</pdfuaid:part>\n\
         </rdf:Description>\n\
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"w\"?>",
        xml(&producer)
    );
    // Left uncompressed, as XMP is meant to be readable by tools that do not read PDF.
    let mut stream = lopdf::Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        packet.into_bytes(),
    );
    stream.allows_compression = false;
    let id = lo.add_object(stream);
    catalog(lo)?.set("Metadata", id);
    Ok(())
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
    /// Where on the page it leads, from the top.
    y: Pt,
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
            y: e.y,
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
    let heights: Vec<f32> = doc.pages.iter().map(|p| p.size.h.0).collect();
    let (first, last) = write_siblings(lo, &roots, outlines_id, &pages, &heights);
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
    heights: &[f32],
) -> (lopdf::ObjectId, lopdf::ObjectId) {
    let ids: Vec<lopdf::ObjectId> = nodes.iter().map(|_| lo.new_object_id()).collect();
    for (i, node) in nodes.iter().enumerate() {
        let mut dict = dictionary! {
            "Title" => text_string(node.title),
            "Parent" => parent,
        };
        if let Some(page) = pages.get(&(node.page as u32 + 1)) {
            // The heading at the top of the window, a little room above it; the zoom as it is.
            let h = heights.get(node.page).copied().unwrap_or(0.0);
            let top = (h - node.y.0 + 6.0).clamp(0.0, h);
            let dest = vec![
                (*page).into(),
                "XYZ".into(),
                0.into(),
                lopdf::Object::Real((top * 100.0).round() / 100.0),
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
            let (first, last) = write_siblings(lo, &node.kids, ids[i], pages, heights);
            dict.set("First", first);
            dict.set("Last", last);
            // Negative: sections start folded under their chapter.
            dict.set("Count", -(node.kids.len() as i64));
        }
        lo.objects.insert(ids[i], lopdf::Object::Dictionary(dict));
    }
    (ids[0], ids[ids.len() - 1])
}

/// A circle as four cubic Bézier arcs (PDF has no circle operator), closed and stroked.
pub(super) fn circle(out: &mut Vec<u8>, c: P, r: Pt, h: f32) {
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
            lopdf::Object::String(
                vec![0xfe, 0xff, 0, b'Z', 0, b'o', 0, 0xeb],
                lopdf::StringFormat::Hexadecimal
            )
        );
    }
}
