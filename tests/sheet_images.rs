//! Images on worksheets: `- image: path` with `alt:`, `width:` and `caption:`,
//! drawn in the sheet's PDF and shown on its site page, checked like the
//! images of Markdown content, at the YAML's line and column.

mod common;

use common::{png, put, xobjects, Fixture, SVG};

const SHEET: &str = "content/worksheets/tracker.yaml";

/// The tracker sheet with `blocks` (YAML list items) after its own.
fn sheet(f: &Fixture, blocks: &str) {
    f.replace(
        SHEET,
        "      count: 2\n",
        &format!("      count: 2\n{blocks}"),
    );
}

#[test]
fn an_image_block_prints_on_the_sheet_and_shows_on_its_page() {
    let f = Fixture::named("minimal");
    put(&f, "content/worksheets/chairs.png", &png(1200, 400));
    put(&f, "static/plan.svg", SVG.as_bytes());
    sheet(
        &f,
        "  - image: chairs.png\n    alt: Two chairs by a window\n    width: 60mm\n    caption: Where we sit\n  - image: /plan.svg\n    decorative: true\n",
    );
    let project = kintsugi::check(f.root()).unwrap();
    assert!(project.notices.is_empty(), "{:?}", project.notices);
    assert_eq!(project.program.images.len(), 2);
    f.build(None).unwrap();

    let pdf = f.out().join("worksheets/tracker.pdf");
    let kinds = xobjects(&pdf);
    assert_eq!(
        kinds.iter().filter(|(s, _)| s == "Image").count(),
        1,
        "the PNG is an image: {kinds:?}"
    );
    assert_eq!(
        kinds.iter().filter(|(s, _)| s == "Form").count(),
        1,
        "the SVG is a vector form: {kinds:?}"
    );
    let list = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()
        .expect("pdfimages (poppler-utils) is needed");
    let list = String::from_utf8_lossy(&list.stdout);
    assert!(list.contains(" 1200   400 "), "{list}");
    // 60 mm of 1200 px: 508 dpi across.
    assert!(list.contains(" 508 "), "{list}");
    let text = common::Pdf::open(&pdf).text();
    assert!(text.contains("Where we sit"), "{text}");

    let page = std::fs::read_to_string(f.out().join("site/worksheets/tracker.html")).unwrap();
    let chairs = project
        .program
        .images
        .values()
        .find(|i| i.source.ends_with("chairs.png"))
        .unwrap();
    assert!(
        page.contains(&format!(
            "<figure class=\"sheet-image\"><img src=\"../images/{}.png\" alt=\"Two chairs by a window\" width=\"1200\" height=\"400\" loading=\"lazy\" decoding=\"async\" style=\"width: 60mm; height: auto\"><figcaption>Where we sit</figcaption></figure>",
            chairs.key
        )),
        "{page}"
    );
    assert!(
        page.contains("alt=\"\" width=\"120\" height=\"60\""),
        "{page}"
    );
    let site = f.out().join("site");
    for i in project.program.images.values() {
        let file = site.join(format!("images/{}.{}", i.key, i.format.ext()));
        assert_eq!(std::fs::read(&file).unwrap(), &i.bytes[..]);
    }
}

#[test]
fn bad_image_blocks_are_errors_at_their_place_in_the_yaml() {
    let f = Fixture::named("minimal");
    put(
        &f,
        "content/worksheets/garbage.png",
        b"not a picture at all",
    );
    put(&f, "content/weeks/pic.png", &png(2000, 20));
    sheet(
        &f,
        "  - image: pic.png\n    alt: A picture\n  - image: garbage.png\n    alt: Broken\n  - image: /plan.svg\n  - image: ../../../x.png\n    alt: Far\n  - image: ../weeks/pic.png\n    alt: Sized oddly\n    width: wide\n  - image: https://example.org/x.png\n    alt: Far away\n",
    );
    let got: Vec<String> = f.diagnostics().0.iter().map(|d| d.to_string()).collect();
    insta::assert_snapshot!(got.join("\n"));
}

#[test]
fn a_coarse_picture_warns_at_the_width_it_is_placed() {
    let f = Fixture::named("minimal");
    put(&f, "content/worksheets/small.png", &png(400, 100));
    // 400 px over 100 mm: 101 dpi; over 50% of 180 mm (90 mm): 112 dpi.
    sheet(
        &f,
        "  - image: small.png\n    alt: A small picture\n    width: 10cm\n  - image: small.png\n    alt: Again, half as wide\n    width: 50%\n",
    );
    let project = kintsugi::check(f.root()).unwrap();
    let w: Vec<String> = project.notices.iter().map(|d| d.to_string()).collect();
    assert!(
        w.iter().any(|l| l.starts_with("content/worksheets/tracker.yaml:9:12: warning: `small.png` is 400 px wide: at the 100 mm it is given it prints at 101 dpi")),
        "{w:#?}"
    );
    assert!(
        w.iter().any(|l| l.starts_with("content/worksheets/tracker.yaml:12:12: warning: `small.png` is 400 px wide: at the 90 mm it is given it prints at 112 dpi")),
        "{w:#?}"
    );
}
