//! Images in content: shown on the site at their size, copied under content-hash
//! names, and checked (missing, outside, corrupt, without alt text, too coarse to print).

mod common;

use common::{png, put, xobjects, Fixture, SVG};

const WEEK: &str = "content/weeks/week-1.md";

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, _| image::Rgb([(x % 256) as u8, 40, 200]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

/// The week's body, with `body` in place of its text.
fn week(f: &Fixture, body: &str) {
    f.replace(WEEK, "The week's text.", body);
}

/// Every warning `check` gives, whole.
fn warnings(f: &Fixture) -> Vec<String> {
    let project = kintsugi::check(f.root()).unwrap();
    project.notices.iter().map(|d| d.to_string()).collect()
}

/// Every diagnostic's first line.
fn lines(f: &Fixture) -> Vec<String> {
    f.diagnostics()
        .0
        .iter()
        .map(|d| d.to_string().lines().next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn the_site_shows_images_at_their_size_from_files_named_by_their_bytes() {
    let f = Fixture::named("minimal");
    put(&f, "content/weeks/chairs.png", &png(1300, 40));
    put(&f, "content/weeks/room.jpg", &jpeg(1000, 30));
    put(&f, "static/plan.svg", SVG.as_bytes());
    week(
        &f,
        "![Two chairs](chairs.png \"Where we sit\")\n\nThe room ![a room](room.jpg \"Ours\") and ![](/plan.svg \"decorative\").",
    );
    let project = kintsugi::check(f.root()).unwrap();
    assert_eq!(project.program.images.len(), 3);
    assert!(project.notices.is_empty(), "{:?}", project.notices);
    f.build(None).unwrap();
    let page = std::fs::read_to_string(f.out().join("site/weeks/week-1.html")).unwrap();
    let chairs = project
        .program
        .images
        .values()
        .find(|i| i.source.ends_with("chairs.png"))
        .unwrap();
    let src = format!("../images/{}.png", chairs.key);
    // Alone with a title: a figure, loaded at once as the page's first image, with a small rendition.
    assert!(
        page.contains(&format!(
            "<figure><img src=\"{src}\" srcset=\"../images/{k}-800.png 800w, {src} 1300w\" sizes=\"(max-width: 50rem) 100vw, 50rem\" alt=\"Two chairs\" width=\"1300\" height=\"40\" decoding=\"async\"><figcaption>Where we sit</figcaption></figure>",
            k = chairs.key
        )),
        "{page}"
    );
    assert!(page.contains("alt=\"a room\" width=\"1000\" height=\"30\" title=\"Ours\" decoding=\"async\" loading=\"lazy\">"), "{page}");
    assert!(
        page.contains("alt=\"\" width=\"120\" height=\"60\" decoding=\"async\" loading=\"lazy\">"),
        "{page}"
    );
    let site = f.out().join("site");
    for i in project.program.images.values() {
        let file = site.join(format!("images/{}.{}", i.key, i.format.ext()));
        assert_eq!(std::fs::read(&file).unwrap(), &i.bytes[..]);
    }
    let small = image::open(site.join(format!("images/{}-800.png", chairs.key))).unwrap();
    assert_eq!((small.width(), small.height()), (800, 25));
}

#[test]
fn check_reports_each_bad_image_where_it_is_written() {
    let f = Fixture::named("minimal");
    put(
        &f,
        "content/weeks/garbage.png",
        b"this is not a picture at all",
    );
    put(&f, "content/exercises/pic.png", &png(20, 20));
    put(&f, "content/weeks/ok.png", &png(1000, 10));
    week(
        &f,
        "![a pic](pic.png)\n\n![broken](garbage.png)\n\nSee ![](ok.png) and ![](ok.png \"decorative\").\n\n![far](../../../x.png)",
    );
    let got = lines(&f);
    let want = [
        "content/weeks/week-1.md:12:10: error: the image `pic.png` leads to `content/weeks/pic.png`, which does not exist",
        "content/weeks/week-1.md:14:11: error: `garbage.png` cannot be shown",
        "content/weeks/week-1.md:16:5: error: this image has no alt text",
        "content/weeks/week-1.md:18:8: error: `../../../x.png` points outside the project",
    ];
    for w in want {
        assert!(
            got.iter().any(|l| l.starts_with(w)),
            "expected {w}\ngot {got:#?}"
        );
    }
    // The decorative one is fine: one alt text error only.
    assert_eq!(
        got.iter().filter(|l| l.contains("no alt text")).count(),
        1,
        "{got:#?}"
    );
    let hint = f
        .diagnostics()
        .0
        .iter()
        .find(|d| d.message.contains("pic.png"))
        .unwrap()
        .hint
        .clone();
    assert_eq!(
        hint.as_deref(),
        Some("did you mean `../exercises/pic.png`?")
    );
}

#[test]
fn a_coarse_picture_is_a_warning_naming_its_dpi() {
    let f = Fixture::named("minimal");
    put(&f, "content/weeks/small.png", &png(400, 10));
    week(&f, "Look: ![a small picture](small.png)");
    let w = warnings(&f);
    assert!(
        w.iter().any(|l| l.starts_with("content/weeks/week-1.md:12:26: warning: `small.png` is 400 px wide: across the workbook's text width it prints at 61 dpi")),
        "{w:#?}"
    );
}

#[test]
fn a_picture_on_the_web_is_a_warning_and_prints_as_its_alt_text_and_title() {
    let f = Fixture::named("minimal");
    week(
        &f,
        "See ![our logo](https://example.org/logo.png \"The team\")",
    );
    let w = warnings(&f);
    assert!(
        w.iter().any(|l| l.starts_with(
            "content/weeks/week-1.md:12:17: warning: `https://example.org/logo.png` is on the web"
        )),
        "{w:#?}"
    );
    f.build(None).unwrap();
    let text = common::Pdf::open(&f.out().join("workbook.pdf")).text();
    assert!(text.contains("our logo (The team)"), "{text}");
}

#[test]
fn the_workbook_shows_each_picture_once_per_file_and_draws_svg_as_vectors() {
    let f = Fixture::named("minimal");
    put(&f, "content/weeks/room.jpg", &jpeg(1000, 30));
    put(&f, "static/plan.svg", SVG.as_bytes());
    // The plan twice: one XObject however often it is used.
    week(
        &f,
        "Before.\n\n![The plan](/plan.svg \"Our plan\")\n\n![A room](room.jpg)\n\nAgain: ![The plan](/plan.svg)",
    );
    f.build(None).unwrap();
    let path = f.out().join("workbook.pdf");
    let kinds = xobjects(&path);
    assert_eq!(
        kinds.iter().filter(|(s, _)| s == "Form").count(),
        1,
        "the SVG is one vector form: {kinds:?}"
    );
    assert!(
        kinds.contains(&("Image".into(), Some("DCTDecode".into()))),
        "the JPEG passes through: {kinds:?}"
    );
    // The caption prints, and the SVG's teal is on the rendered page.
    let text = common::Pdf::open(&path).text();
    assert!(text.contains("Our plan"), "{text}");
    let png = f.out().join("page");
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "20"])
        .arg(&path)
        .arg(&png)
        .status()
        .expect("pdftoppm (poppler-utils) is needed to look at the pages");
    assert!(status.success());
    let teal = std::fs::read_dir(f.out())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("page"))
        .any(|e| {
            let img = image::open(e.path()).unwrap().to_rgb8();
            img.pixels().any(|p| p.0 == [0, 128, 128])
        });
    assert!(teal, "no page shows the SVG's teal");
}

#[test]
fn words_in_an_svg_are_a_warning_since_the_pdf_draws_it_without_them() {
    let f = Fixture::named("minimal");
    put(
        &f,
        "content/weeks/chart.svg",
        br#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"><text x="5" y="20">Monday</text></svg>"#,
    );
    put(&f, "content/weeks/plain.svg", SVG.as_bytes());
    week(&f, "![A chart](chart.svg) ![A plain shape](plain.svg)");
    let w = warnings(&f);
    let about: Vec<&String> = w.iter().filter(|l| l.contains("has text in it")).collect();
    assert_eq!(about.len(), 1, "{w:#?}");
    assert!(
        about[0].starts_with("content/weeks/week-1.md:12:12: warning: `chart.svg` has text in it"),
        "{w:#?}"
    );
}

#[test]
fn a_width_in_braces_sets_the_pictures_width_in_print_and_on_the_site() {
    let f = Fixture::named("minimal");
    put(&f, "content/weeks/chairs.png", &png(800, 400));
    put(&f, "content/weeks/room.png", &png(800, 400));
    week(
        &f,
        "![Two chairs](chairs.png \"Where we sit\"){width=50%}\n\n![A room](room.png){width=4cm} after it.",
    );
    let project = kintsugi::check(f.root()).unwrap();
    // 800 px over half of 166 mm is 244 dpi: no warning; the room at 4 cm neither.
    assert!(
        project.notices.iter().all(|d| !d.message.contains("dpi")),
        "{:#?}",
        project.notices
    );
    let opts = kintsugi::render::workbook::Options {
        paper: kintsugi::model::Paper::A4,
        duplex: false,
    };
    let doc = kintsugi::render::workbook::compose(&project.program, "en", opts, None);
    let widths: Vec<f32> = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|e| match e {
            kintsugi::pdf::frame::Element::Image { rect, .. } => Some(rect.w.0),
            _ => None,
        })
        .collect();
    let mm = |pt: f32| pt / 72.0 * 25.4;
    let texts: Vec<String> = doc.pages.iter().map(|p| p.text()).collect();
    assert_eq!(widths.len(), 2, "{widths:?} {texts:#?}");
    assert!(
        (mm(widths[0]) - 83.0).abs() < 0.5,
        "half the text width: {} mm",
        mm(widths[0])
    );
    assert!(
        (mm(widths[1]) - 40.0).abs() < 0.5,
        "4 cm: {} mm",
        mm(widths[1])
    );
    f.build(None).unwrap();
    let page = std::fs::read_to_string(f.out().join("site/weeks/week-1.html")).unwrap();
    assert!(
        page.contains("style=\"width: 50%; height: auto\""),
        "{page}"
    );
    assert!(
        page.contains("style=\"width: 40mm; height: auto\""),
        "{page}"
    );
    assert!(!page.contains("{width"), "the braces are read, not shown");
    let text = common::Pdf::open(&f.out().join("workbook.pdf")).text();
    assert!(!text.contains("{width"), "{text}");
}

#[test]
fn the_dpi_warning_counts_the_width_given_and_other_braces_are_a_warning() {
    let f = Fixture::named("minimal");
    put(&f, "content/weeks/wide.png", &png(800, 100));
    week(
        &f,
        "![Wide](wide.png){width=8in}\n\n![Also wide](wide.png){.framed}",
    );
    let w = warnings(&f);
    // 8 in is wider than the text: it is set at the text width, 166 mm (122 dpi).
    assert!(
        w.iter().any(|l| l
            .contains("`wide.png` is 800 px wide: at the 166 mm it is given it prints at 122 dpi")),
        "{w:#?}"
    );
    assert!(
        w.iter().any(|l| l.starts_with("content/weeks/week-1.md:14:23: warning: kintsugi reads only a width in braces after an image, so this prints as written")),
        "{w:#?}"
    );
}
