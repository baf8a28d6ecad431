//! Images in the PDF engine: each distinct image embedded once, JPEG passed
//! through, PNG with its alpha as a soft mask, SVG as vectors, and figures
//! kept whole on a page.

use kintsugi::pdf::flow::{FigureWidth, Flow, FlowBlock, Look, PageSpec, Para};
use kintsugi::pdf::fonts::FontId;
use kintsugi::pdf::frame::{Document, Element};
use kintsugi::pdf::image::{ImageData, ImageKind};
use kintsugi::pdf::lines::{Align, Span};
use kintsugi::pdf::shape::Style;
use kintsugi::pdf::units::{Color, Pt, Rect, Size};
use lopdf::{Object, ObjectId};
use std::collections::BTreeSet;
use std::sync::Arc;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/images/");

fn image(file: &str, kind: ImageKind, w: u32, h: u32) -> Arc<ImageData> {
    Arc::new(ImageData {
        key: file.into(),
        kind,
        bytes: std::fs::read(format!("{DATA}{file}")).unwrap().into(),
        width_px: w,
        height_px: h,
    })
}

/// An A5 page with even 40 pt margins: small, so a few blocks fill it.
fn spec() -> PageSpec {
    let m = Pt(40.0);
    let size = Size {
        w: Pt(420.0),
        h: Pt(595.0),
    };
    PageSpec {
        size,
        top: m,
        bottom: m,
        left: m,
        right: m,
    }
}

fn para(text: &str) -> Para {
    let mut p = Para::new(
        vec![Span::new(
            text,
            Style::new(FontId::Serif, 11.0, Color::BLACK),
        )],
        Align::Left,
    );
    p.space_before = Pt(4.0);
    p
}

fn figure(image: &Arc<ImageData>, width: Option<Pt>, caption: &str) -> FlowBlock {
    FlowBlock::Figure {
        image: image.clone(),
        width: width.map(FigureWidth::Length),
        caption: Some(para(caption)),
        alt: Some(caption.to_string()),
    }
}

fn flow(blocks: &[FlowBlock]) -> Document {
    let mut f = Flow::new(spec(), Look::plain(FontId::Sans), 0);
    f.place(blocks);
    f.finish("Images", "en")
}

/// The images placed on each page: (key, rect).
fn placed(doc: &Document) -> Vec<Vec<(String, Rect)>> {
    doc.pages
        .iter()
        .map(|p| {
            p.items
                .iter()
                .filter_map(|i| match i {
                    Element::Image { rect, image } => Some((image.key.clone(), *rect)),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

fn jpeg() -> Arc<ImageData> {
    image("red.jpg", ImageKind::Jpeg, 16, 8)
}
fn png() -> Arc<ImageData> {
    image("half-blue.png", ImageKind::Png, 12, 12)
}
fn svg() -> Arc<ImageData> {
    image("green.svg", ImageKind::Svg, 40, 20)
}
fn cmyk() -> Arc<ImageData> {
    image("cmyk.jpg", ImageKind::Jpeg, 8, 8)
}

/// Two pages: every image on the first, the JPEG and the SVG again on the second.
fn sample() -> Document {
    let (j, p, s) = (jpeg(), png(), svg());
    flow(&[
        FlowBlock::Para(para("Three images.")),
        figure(&j, Some(Pt(160.0)), "A red JPEG."),
        figure(&p, Some(Pt(120.0)), "A half-transparent blue PNG."),
        figure(&s, Some(Pt(200.0)), "A green SVG."),
        FlowBlock::PageBreak,
        figure(&j, Some(Pt(80.0)), "The JPEG again."),
        figure(&s, None, "The SVG again, across the text."),
        figure(&cmyk(), Some(Pt(60.0)), "A CMYK JPEG."),
    ])
}

/// The XObjects a page's resources name, by name.
fn page_xobjects(lo: &lopdf::Document, page: ObjectId) -> Vec<(Vec<u8>, ObjectId)> {
    let page = lo.get_dictionary(page).unwrap();
    let res = match page.get(b"Resources").unwrap() {
        Object::Reference(id) => lo.get_dictionary(*id).unwrap(),
        Object::Dictionary(d) => d,
        _ => panic!("no resources"),
    };
    let Ok(x) = res.get(b"XObject") else {
        return Vec::new();
    };
    let x = match x {
        Object::Reference(id) => lo.get_dictionary(*id).unwrap(),
        Object::Dictionary(d) => d,
        _ => panic!("XObject is not a dictionary"),
    };
    x.iter()
        .map(|(k, v)| (k.clone(), v.as_reference().unwrap()))
        .collect()
}

fn stream(lo: &lopdf::Document, id: ObjectId) -> &lopdf::Stream {
    lo.get_object(id).unwrap().as_stream().unwrap()
}

fn name<'a>(s: &'a lopdf::Stream, key: &[u8]) -> &'a [u8] {
    s.dict.get(key).unwrap().as_name().unwrap()
}

#[test]
fn each_image_is_embedded_once_in_its_own_form() {
    let doc = sample();
    let bytes = kintsugi::pdf::write::write(&doc).unwrap();
    assert_eq!(
        bytes,
        kintsugi::pdf::write::write(&sample()).unwrap(),
        "same input, same bytes"
    );
    let lo = lopdf::Document::load_mem(&bytes).unwrap();
    let pages: Vec<ObjectId> = lo.get_pages().values().copied().collect();
    assert_eq!(pages.len(), 2);
    let first = page_xobjects(&lo, pages[0]);
    let second = page_xobjects(&lo, pages[1]);
    assert_eq!(first.len(), 3, "{first:?}");
    assert_eq!(second.len(), 3, "{second:?}");
    let all: BTreeSet<ObjectId> = first.iter().chain(&second).map(|(_, id)| *id).collect();
    assert_eq!(all.len(), 4, "four distinct images, four XObjects: {all:?}");
    // The JPEG and the SVG on page 2 are the very objects page 1 uses.
    let shared: Vec<_> = second
        .iter()
        .filter(|x| first.iter().any(|f| f.1 == x.1))
        .collect();
    assert_eq!(shared.len(), 2, "{first:?} {second:?}");

    let mut kinds = BTreeSet::new();
    for id in &all {
        let s = stream(&lo, *id);
        match name(s, b"Subtype") {
            b"Image" if name(s, b"Filter") == b"DCTDecode" => {
                let space = name(s, b"ColorSpace");
                if space == b"DeviceCMYK" {
                    // Pillow writes Adobe-marked, inverted CMYK.
                    assert!(s.dict.get(b"Decode").is_ok(), "{:?}", s.dict);
                    kinds.insert("cmyk");
                } else {
                    assert_eq!(space, b"DeviceRGB");
                    assert_eq!(s.dict.get(b"Width").unwrap().as_i64().unwrap(), 16);
                    assert_eq!(s.dict.get(b"Height").unwrap().as_i64().unwrap(), 8);
                    // Passed through: the stream is the file.
                    assert_eq!(s.content, std::fs::read(format!("{DATA}red.jpg")).unwrap());
                    kinds.insert("jpeg");
                }
            }
            b"Image" => {
                assert_eq!(name(s, b"Filter"), b"FlateDecode");
                let mask = s.dict.get(b"SMask").unwrap().as_reference().unwrap();
                assert_eq!(name(stream(&lo, mask), b"ColorSpace"), b"DeviceGray");
                kinds.insert("png");
            }
            b"Form" => {
                kinds.insert("svg");
            }
            other => panic!("unexpected XObject {}", String::from_utf8_lossy(other)),
        };
    }
    assert_eq!(
        kinds,
        BTreeSet::from(["cmyk", "jpeg", "png", "svg"]),
        "each kind once"
    );
}

/// Page 1 rendered by poppler at 72 dpi, so a pixel is a point: (width, rgb bytes).
fn render_first_page(pdf: &[u8]) -> (usize, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("images.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftoppm")
        .args(["-r", "72", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&file)
        .arg(dir.path().join("page"))
        .output()
        .expect("this test needs pdftoppm (poppler-utils) on PATH to render the page");
    assert!(out.status.success(), "pdftoppm failed: {out:?}");
    let ppm = std::fs::read(dir.path().join("page.ppm")).unwrap();
    // P6 header: magic, width, height, max, each followed by whitespace.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        let start = i;
        while !ppm[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&ppm[start..i]).to_string());
        i += 1;
    }
    (fields[1].parse().unwrap(), ppm[i..].to_vec())
}

fn pixel(page: &(usize, Vec<u8>), rect: Rect) -> [u8; 3] {
    let x = (rect.x.0 + rect.w.0 / 2.0) as usize;
    let y = (rect.y.0 + rect.h.0 / 2.0) as usize;
    let at = (y * page.0 + x) * 3;
    [page.1[at], page.1[at + 1], page.1[at + 2]]
}

#[test]
fn images_show_in_their_colours_on_the_rendered_page() {
    let doc = sample();
    let page = render_first_page(&kintsugi::pdf::write::write(&doc).unwrap());
    let rects = &placed(&doc)[0];
    let at = |key: &str| pixel(&page, rects.iter().find(|r| r.0 == key).unwrap().1);
    let near = |got: [u8; 3], want: [u8; 3]| {
        got.iter()
            .zip(want)
            .all(|(g, w)| (*g as i32 - w as i32).abs() < 24)
    };
    let green = at("green.svg");
    assert!(near(green, [0x10, 0xc0, 0x40]), "the SVG's fill: {green:?}");
    let red = at("red.jpg");
    assert!(near(red, [208, 32, 32]), "the JPEG: {red:?}");
    // Half-transparent blue over white paper: lighter than the blue itself.
    let blue = at("half-blue.png");
    assert!(near(blue, [143, 159, 239]), "the PNG blended: {blue:?}");
}

#[test]
fn a_figure_that_does_not_fit_moves_whole_to_the_next_page() {
    let mut blocks: Vec<FlowBlock> = (0..22)
        .map(|i| FlowBlock::Para(para(&format!("Line {i} of text before the figure."))))
        .collect();
    blocks.push(figure(&svg(), None, "Its caption, with it."));
    let doc = flow(&blocks);
    let images = placed(&doc);
    let page = images.iter().position(|p| !p.is_empty()).unwrap();
    assert!(page > 0, "the figure should not start on page 1");
    let body = spec().body();
    let (_, rect) = &images[page][0];
    assert!(
        (rect.y.0 - body.y.0).abs() < 0.01,
        "at the top of its page: {rect:?}"
    );
    // The page it left had room for part of it, not all: it moved rather than spilt.
    let last = doc.pages[page - 1]
        .items
        .iter()
        .map(|i| i.bounds().bottom())
        .filter(|b| *b <= body.bottom())
        .fold(Pt::ZERO, Pt::max);
    let room = body.bottom() - last;
    assert!(
        room > Pt(40.0) && room < rect.h,
        "room {room:?}, figure {rect:?}"
    );
    let text = doc.pages[page].text();
    assert!(
        text.contains("Its caption"),
        "caption is on the figure's page: {text}"
    );
    assert!(!doc.pages[page - 1].text().contains("Its caption"));
}

#[test]
fn a_figure_taller_than_a_page_is_scaled_to_fit_it() {
    let tall = image("green.svg", ImageKind::Svg, 10, 1000);
    let doc = flow(&[
        FlowBlock::Para(para("Before.")),
        figure(&tall, None, "A very tall image."),
    ]);
    let images = placed(&doc);
    assert_eq!(images.iter().flatten().count(), 1);
    let body = spec().body();
    let (page, (_, rect)) = images
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.first().map(|r| (i, r.clone())))
        .unwrap();
    assert!(rect.bottom() <= body.bottom(), "{rect:?} within {body:?}");
    assert!(rect.y >= body.y);
    // Kept in proportion, centred.
    assert!((rect.h.0 / rect.w.0 - 100.0).abs() < 0.5, "{rect:?}");
    assert!((rect.x.0 + rect.w.0 / 2.0 - (body.x.0 + body.w.0 / 2.0)).abs() < 0.5);
    assert!(doc.pages[page].text().contains("A very tall image."));
}
