//! Fridge worksheets: one page at either paper size, large type, inside the safe margin, grids from data.

mod common;

use common::{Fixture, Pdf};
use kintsugi::model::Paper;
use kintsugi::model::{Orientation, Project, SheetBlock};
use kintsugi::pdf::frame::{Document, Element};
use kintsugi::pdf::units::Pt;
use kintsugi::render::worksheets::{compose, MIN_TEXT, SAFE_MARGIN_MM};

fn default_project() -> Project {
    kintsugi::check(&common::repo()).unwrap()
}

fn sheet_doc(p: &Project, id: &str, paper: Paper) -> Document {
    let sheet = p
        .program
        .worksheet(id)
        .unwrap_or_else(|| panic!("no worksheet {id}"));
    compose(sheet, &p.program, "en", paper).unwrap_or_else(|d| panic!("{d}"))
}

fn texts(doc: &Document) -> Vec<String> {
    doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Element::Text { glyphs, .. } => Some(glyphs.iter().map(|g| g.text.as_str()).collect()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_default_set_is_complete() {
    let p = default_project();
    for id in [
        "six-week-plan",
        "weekly-tracker",
        "two-minute-truth-card",
        "repair-phrases-card",
        "apology-card",
        "vulnerable-statement-card",
        "gratitude-slips",
        "privacy-agreement",
        "reflection",
        "week-one-agreement",
        "media-detox-log",
    ] {
        assert!(
            p.program.worksheet(id).is_some(),
            "the default set lacks {id}"
        );
    }
}

#[test]
fn every_sheet_fits_one_page_inside_the_safe_margin_in_large_type() {
    let p = default_project();
    for paper in [Paper::A4, Paper::Letter] {
        for sheet in &p.program.worksheets {
            let doc = sheet_doc(&p, &sheet.id, paper);
            assert_eq!(doc.pages.len(), 1);
            let page = &doc.pages[0];
            let base = kintsugi::render::print::style::paper_size(paper);
            let landscape = sheet.orientation == Orientation::Landscape;
            assert_eq!(
                page.size.w > page.size.h,
                landscape,
                "{} orientation",
                sheet.id
            );
            assert_eq!(page.size.w.max(page.size.h), base.h.max(base.w));
            let m = Pt::mm(SAFE_MARGIN_MM) - Pt(0.5);
            for item in &page.items {
                if matches!(item, Element::Begin(_) | Element::End) {
                    continue; // marks, not drawing
                }
                let b = item.bounds();
                let inside = b.x >= m
                    && b.y >= m
                    && b.right() <= page.size.w - m
                    && b.bottom() <= page.size.h - m;
                assert!(
                    inside,
                    "{} ({paper:?}): {item:?} is outside the safe margin",
                    sheet.id
                );
                if let Element::Text { size, .. } = item {
                    assert!(
                        *size >= Pt(MIN_TEXT),
                        "{} ({paper:?}) has {}-point text",
                        sheet.id,
                        size.0
                    );
                }
            }
            let title_size = page.items.iter().find_map(|i| match i {
                Element::Text { size, .. } => Some(*size),
                _ => None,
            });
            assert!(
                title_size.is_some_and(|s| s >= Pt(28.0)),
                "{}: the title is under 28 pt",
                sheet.id
            );
        }
    }
}

#[test]
fn grids_take_their_rows_and_columns_from_data() {
    let p = default_project();
    let doc = sheet_doc(&p, "weekly-tracker", Paper::A4);
    let boxes = doc.pages[0]
        .items
        .iter()
        .filter(|i| matches!(i, Element::Rect { .. }))
        .count();
    assert_eq!(boxes, 2 * 7, "partners × days");
    let t = texts(&doc);
    for label in ["Partner A", "Partner B", "Mon", "Sun"] {
        assert!(
            t.iter().any(|x| x == label),
            "{label} missing from the grid: {t:?}"
        );
    }
    // The plan poster has one row, and one box, per week of the program.
    let plan = sheet_doc(&p, "six-week-plan", Paper::A4);
    let boxes = plan.pages[0]
        .items
        .iter()
        .filter(|i| matches!(i, Element::Rect { .. }))
        .count();
    assert_eq!(boxes, p.program.weeks.len());
    for w in &p.program.weeks {
        assert!(
            texts(&plan).iter().any(|x| x.contains(&w.title)),
            "week {} missing from the plan",
            w.number
        );
    }
}

#[test]
fn week_and_exercise_labels_follow_the_program() {
    let f = Fixture::named("minimal");
    f.write(
        "content/worksheets/tracker.yaml",
        "id: tracker\ntitle: Tracker\nblocks:\n  - checkbox_grid:\n      rows: exercises of week 1\n      columns: weeks\n",
    );
    let p = kintsugi::check(f.root()).unwrap();
    let SheetBlock::CheckboxGrid { rows, columns } = &p.program.worksheets[0].blocks[0] else {
        panic!()
    };
    assert_eq!(
        rows.resolve(&p.program),
        vec!["Breathe together".to_string()]
    );
    assert_eq!(columns.resolve(&p.program), vec!["Week 1".to_string()]);
    let doc = compose(&p.program.worksheets[0], &p.program, "en", Paper::A4).unwrap();
    assert_eq!(
        doc.pages[0]
            .items
            .iter()
            .filter(|i| matches!(i, Element::Rect { .. }))
            .count(),
        1
    );
}

#[test]
fn cut_out_cards_fill_the_page_with_dashed_lines_and_scissors() {
    let p = default_project();
    let doc = sheet_doc(&p, "gratitude-slips", Paper::Letter);
    let cards = texts(&doc)
        .iter()
        .filter(|t| t.starts_with("Thank you for"))
        .count();
    assert_eq!(cards, 10, "ten slips per page");
    let dashed = doc.pages[0]
        .items
        .iter()
        .filter(|i| matches!(i, Element::Line { dash: Some(_), .. }))
        .count();
    assert!(
        dashed >= 5 + 1 + 3,
        "cut lines around and between the slips: {dashed}"
    );
    let loops = doc.pages[0]
        .items
        .iter()
        .filter(|i| matches!(i, Element::Circle { .. }))
        .count();
    assert_eq!(loops, 2, "the scissors' two finger loops");
}

#[test]
fn all_sheets_print_as_one_job() {
    let f = Fixture::default_program();
    f.build(Some(Paper::Letter)).unwrap();
    let p = kintsugi::check(f.root()).unwrap();
    let all = Pdf::open(&f.out().join("worksheets/all.pdf"));
    assert_eq!(all.page_count(), p.program.worksheets.len());
    let ordered = p.program.worksheets_in_plan_order();
    assert_eq!(
        ordered[0].id, "six-week-plan",
        "sheets are printed in the order the weeks use them"
    );
    for (i, sheet) in ordered.iter().enumerate() {
        assert!(
            all.page_text(i as u32 + 1)
                .contains(&common::fold(&sheet.title)),
            "page {} is not {}",
            i + 1,
            sheet.id
        );
    }
    let printables = std::fs::read_to_string(f.out().join("site/worksheets/index.html")).unwrap();
    assert!(
        printables.contains("../downloads/worksheets/all.pdf"),
        "the printables page offers all.pdf"
    );
    for sheet in &p.program.worksheets {
        assert!(
            printables.contains(&format!("../downloads/worksheets/{}.pdf", sheet.id)),
            "{} not linked",
            sheet.id
        );
    }
    assert!(printables.contains("US Letter"), "the paper size is shown");
}

#[test]
fn a_sheet_with_too_many_columns_says_so() {
    let f = Fixture::named("minimal");
    let cols: Vec<String> = (1..=14).map(|i| format!("Column {i}")).collect();
    f.write(
        "content/worksheets/tracker.yaml",
        &format!("id: tracker\ntitle: Tracker\nblocks:\n  - checkbox_grid:\n      rows: [A]\n      columns: [{}]\n", cols.join(", ")),
    );
    let err = f.build(None).unwrap_err().to_string();
    let d = f.build(None).unwrap_err();
    let msg = d
        .downcast_ref::<kintsugi::diag::Diagnostics>()
        .map(|d| d.to_string())
        .unwrap_or(err);
    assert!(
        msg.contains("block 1 (checkbox_grid) has 14 columns"),
        "{msg}"
    );
}

/// The brand's small logo, from a test picture.
fn with_logo(p: &mut Project, file: &str) {
    let path = common::repo().join("tests/data/images").join(file);
    let bytes = std::fs::read(&path).unwrap();
    let img = kintsugi::model::images::Image::from_bytes(path, bytes.into()).unwrap();
    p.program.brand.logo.small = Some(img);
}

#[test]
fn the_brand_logo_is_in_the_footer_corner_of_every_sheet_clear_of_everything_else() {
    let sleep = common::repo().join("tests/fixtures/sleep-reset");
    for (file, paper, root) in [
        ("half-blue.png", Paper::A4, common::repo()),
        ("green.svg", Paper::Letter, common::repo()),
        ("red.jpg", Paper::Letter, sleep),
    ] {
        let mut p = kintsugi::check(&root).unwrap();
        with_logo(&mut p, file);
        let key = p.program.brand.logo.small.as_ref().unwrap().key.clone();
        for w in &p.program.worksheets {
            let doc = sheet_doc(&p, &w.id, paper);
            let page = &doc.pages[0];
            let logos: Vec<_> = page
                .items
                .iter()
                .filter_map(|i| match i {
                    Element::Image { rect, image } if image.key == key => Some(*rect),
                    _ => None,
                })
                .collect();
            assert_eq!(logos.len(), 1, "{} ({file}) has no logo", w.id);
            let r = logos[0];
            assert!(
                (r.h.to_mm() - 9.0).abs() < 0.1 || r.w.to_mm() <= 45.01,
                "{r:?}"
            );
            let m = Pt::mm(SAFE_MARGIN_MM);
            assert!((r.right().0 - (page.size.w - m).0).abs() < 0.01, "{}", w.id);
            assert!(
                (r.bottom().0 - (page.size.h - m).0).abs() < 0.01,
                "{}",
                w.id
            );
            for item in &page.items {
                if matches!(item, Element::Image { image, .. } if image.key == key) {
                    continue;
                }
                let b = item.bounds();
                let apart = b.right().0 <= r.x.0 + 0.01
                    || b.x.0 >= r.right().0 - 0.01
                    || b.bottom().0 <= r.y.0 + 0.01
                    || b.y.0 >= r.bottom().0 - 0.01;
                assert!(apart, "{}: {item:?} overlaps the logo at {r:?}", w.id);
            }
        }
        // And in the PDFs themselves: one picture on each sheet.
        let pdfs = kintsugi::render::worksheet_pdfs(&p, paper).unwrap();
        let dir = tempfile::tempdir().unwrap();
        for (id, pdf) in &pdfs.each {
            let path = dir.path().join(format!("{id}.pdf"));
            std::fs::write(&path, &pdf.bytes).unwrap();
            let out = std::process::Command::new("pdfimages")
                .arg("-list")
                .arg(&path)
                .output()
                .expect("pdfimages (poppler-utils) is installed");
            let list = String::from_utf8_lossy(&out.stdout);
            let rows = list
                .lines()
                .skip(2)
                .filter(|l| !l.trim().is_empty())
                .count();
            if !file.ends_with(".svg") {
                assert!(rows >= 1, "{id}: pdfimages lists no image:\n{list}");
            } else {
                // An SVG is drawn as vectors (a form), which pdfimages does not list.
                let lo = lopdf::Document::load_mem(&pdf.bytes).unwrap();
                let forms = lo
                    .objects
                    .values()
                    .filter_map(|o| o.as_stream().ok())
                    .filter(|s| {
                        s.dict.get(b"Subtype").ok().and_then(|v| v.as_name().ok()) == Some(b"Form")
                    })
                    .count();
                assert!(forms >= 1, "{id}: no form for the SVG logo");
            }
        }
    }
}

#[test]
fn without_a_brand_logo_sheets_have_no_picture() {
    let p = default_project();
    for w in &p.program.worksheets {
        let doc = sheet_doc(&p, &w.id, Paper::A4);
        assert!(
            !doc.pages[0]
                .items
                .iter()
                .any(|i| matches!(i, Element::Image { .. })),
            "{}",
            w.id
        );
    }
}
