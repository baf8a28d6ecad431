//! The author's brand (brand.yml): its fonts, colours, logo and organisation
//! reach the workbook, the worksheets and the site; what kintsugi cannot use
//! is a warning at its line; a brand file written for Quarto works unchanged.

mod common;

use common::{repo, Fixture, Pdf};
use std::path::Path;

/// Copies the folder `from` (under the repository) into the fixture at `to`.
fn copy_into(f: &Fixture, from: &str, to: &str) {
    common::copy_dir(&repo().join(from), &f.root().join(to));
}

/// Every warning `check` gives, as its first line.
fn warnings(f: &Fixture) -> Vec<String> {
    let project = kintsugi::check(f.root()).unwrap_or_else(|e| panic!("{e:#}"));
    project
        .notices
        .iter()
        .map(|d| d.to_string().lines().next().unwrap_or("").to_string())
        .collect()
}

/// Every error `check` gives, as its first line.
fn errors(f: &Fixture) -> Vec<String> {
    f.diagnostics()
        .0
        .iter()
        .map(|d| d.to_string().lines().next().unwrap_or("").to_string())
        .collect()
}

/// The names of the fonts a PDF embeds (pdffonts).
fn pdf_fonts(pdf: &Path) -> String {
    let out = std::process::Command::new("pdffonts")
        .arg(pdf)
        .output()
        .expect("pdffonts (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The RGB pixels of page `n` of a PDF rendered at 40 dpi.
fn page_pixels(pdf: &Path, n: u32) -> Vec<[u8; 3]> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("p");
    let status = std::process::Command::new("pdftoppm")
        .args([
            "-png",
            "-r",
            "40",
            "-f",
            &n.to_string(),
            "-l",
            &n.to_string(),
            "-singlefile",
        ])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm (poppler-utils) is installed");
    assert!(status.success());
    let img = image::open(dir.path().join("p.png")).unwrap().to_rgb8();
    img.pixels().map(|p| p.0).collect()
}

fn has_color(pixels: &[[u8; 3]], c: [u8; 3]) -> bool {
    pixels.iter().any(|p| {
        p.iter()
            .zip(c)
            .all(|(a, b)| (i16::from(*a) - i16::from(b)).abs() <= 6)
    })
}

#[test]
fn the_brands_fonts_and_colours_reach_the_workbook_and_worksheets() {
    let f = Fixture::named("sleep-reset");
    f.build(None).unwrap_or_else(|e| panic!("{e:#}"));
    let workbook = f.out().join("workbook.pdf");
    let fonts = pdf_fonts(&workbook);
    for face in [
        "Caladea-Regular",
        "Caladea-Italic",
        "Caladea-Bold",
        "OpenSans-Bold",
    ] {
        assert!(fonts.contains(face), "{face} not in\n{fonts}");
    }
    assert!(
        !fonts.contains("Vollkorn") && !fonts.contains("Lato"),
        "{fonts}"
    );
    // The primary colour (#1f4e79, "night") is on the pages: the rules and kickers.
    let week = page_pixels(&workbook, 4);
    assert!(
        has_color(&week, [0x1f, 0x4e, 0x79]),
        "no brand blue on page 4"
    );
    // The built-in gold is gone.
    assert!(
        !has_color(&week, [0xa8, 0x7d, 0x29]),
        "kintsugi gold on page 4"
    );
    let sheet = f.out().join("worksheets/sleep-log.pdf");
    let fonts = pdf_fonts(&sheet);
    assert!(
        fonts.contains("OpenSans") || fonts.contains("Caladea"),
        "{fonts}"
    );
    assert!(has_color(&page_pixels(&sheet, 1), [0x1f, 0x4e, 0x79]));
}

#[test]
fn without_a_brand_the_built_in_look_stays() {
    let f = Fixture::named("sleep-reset");
    std::fs::remove_file(f.root().join("_brand.yml")).unwrap();
    f.build(None).unwrap();
    let fonts = pdf_fonts(&f.out().join("workbook.pdf"));
    assert!(
        fonts.contains("Vollkorn-Regular") && fonts.contains("Lato-Bold"),
        "{fonts}"
    );
    let css = std::fs::read_to_string(f.out().join("site/brand.css")).unwrap();
    assert!(css.contains("font-family: \"Vollkorn\""), "{css}");
    assert!(!css.contains("--gold:"), "no brand colours: {css}");
    let home = std::fs::read_to_string(f.out().join("site/index.html")).unwrap();
    assert!(home.contains("class=\"mark\"") && !home.contains("class=\"logo\""));
}

#[test]
fn the_site_has_the_brands_logo_icon_colours_and_fonts_served_by_itself() {
    let f = Fixture::named("sleep-reset");
    f.build(None).unwrap();
    let site = f.out().join("site");
    let page = std::fs::read_to_string(site.join("weeks/week-1.html")).unwrap();
    assert!(page.contains("href=\"../brand.css\""));
    // The logo: an image of the site with its size and alt text.
    let logo = page
        .split("<img class=\"logo\" ")
        .nth(1)
        .expect("a logo in the header")
        .split('>')
        .next()
        .unwrap();
    assert!(logo.contains("width=\"120\" height=\"120\""), "{logo}");
    assert!(
        logo.contains("alt=\"A crescent moon with two small stars\""),
        "{logo}"
    );
    let src = logo
        .split("src=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let logo_file = site.join("weeks").join(src);
    let svg = std::fs::read(repo().join("tests/fixtures/sleep-reset/brand/logo.svg")).unwrap();
    assert_eq!(
        std::fs::read(&logo_file).unwrap(),
        svg,
        "{}",
        logo_file.display()
    );
    // The icon is the logo.
    assert_eq!(std::fs::read(site.join("favicon.svg")).unwrap(), svg);
    // The organisation, linked, in the footer.
    assert!(page
        .contains("<a href=\"https://example.org/quiet-hours/\">Quiet Hours Sleep Coaching</a>"));
    // Colours as custom properties; fonts as WOFF files the site holds.
    let css = std::fs::read_to_string(site.join("brand.css")).unwrap();
    assert!(
        css.contains("--gold: #1f4e79") && css.contains("--ink: #1b2430"),
        "{css}"
    );
    assert!(css.contains("--heading: #1f4e79"), "{css}");
    assert!(css.contains("--font-body: \"Caladea\""), "{css}");
    assert!(css.contains("--font-heading: \"Open Sans\""), "{css}");
    assert!(!css.contains("http"), "no font from elsewhere: {css}");
    let urls: Vec<&str> = css
        .split("url(\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert!(urls.len() >= 8, "{urls:?}");
    for u in urls {
        let bytes = std::fs::read(site.join(u)).unwrap_or_else(|_| panic!("{u} missing"));
        assert_eq!(&bytes[..4], b"wOFF", "{u}");
        let length = u32::from_be_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
        assert_eq!(length, bytes.len(), "{u}: the header's length");
    }
    // The subset has what the pages show and leaves out what they do not:
    // the Caladea file holds far fewer glyphs than the brand's.
    let woff = std::fs::read(site.join("fonts/caladea-400.woff")).unwrap();
    let full =
        std::fs::read(repo().join("tests/fixtures/sleep-reset/brand/fonts/Caladea-Regular.ttf"))
            .unwrap();
    assert!(
        woff.len() * 3 < full.len(),
        "{} vs {}",
        woff.len(),
        full.len()
    );
}

#[test]
fn a_brand_file_written_for_quarto_works_unchanged_and_says_what_it_does_not_use() {
    let f = Fixture::default_program();
    copy_into(&f, "tests/data/brand/quarto", "");
    let w = warnings(&f);
    let has = |s: &str| w.iter().any(|l| l.contains(s));
    assert!(
        has("_brand.yml:37:7: warning: the font `Source Sans Pro` comes from Google Fonts"),
        "{w:#?}"
    );
    assert!(
        has("the font `Fira Code` comes from Google Fonts"),
        "{w:#?}"
    );
    assert!(
        has("_brand.yml:55:1: warning: kintsugi does not use `defaults`"),
        "{w:#?}"
    );
    assert!(
        has("kintsugi does not use the colour roles `danger`, `light`"),
        "{w:#?}"
    );
    assert!(
        has("kintsugi does not use `size`, `line-height` of `typography.base`"),
        "{w:#?}"
    );
    assert!(has("the dark-mode `large` logo is not used"), "{w:#?}");
    f.build(None).unwrap_or_else(|e| panic!("{e:#}"));
    // Fonts it could not use fall back to the built-in ones; colours and logos are used.
    let fonts = pdf_fonts(&f.out().join("workbook.pdf"));
    assert!(fonts.contains("Vollkorn-Regular"), "{fonts}");
    let css = std::fs::read_to_string(f.out().join("site/brand.css")).unwrap();
    assert!(
        css.contains("--gold: #0b6e74") && css.contains("--ink: #2f3b45"),
        "{css}"
    );
    let home = std::fs::read_to_string(f.out().join("site/index.html")).unwrap();
    assert!(home.contains("class=\"logo\""), "the small logo");
    assert!(home.contains("<a href=\"https://example.org/riverside\">Riverside Family Practice</a> · <a href=\"https://example.social/@riverside\">mastodon</a>"), "every link of meta.link");
    // A raster logo makes a 64 px PNG icon.
    assert!(home.contains("href=\"favicon.png\" type=\"image/png\""));
    let icon = image::open(f.out().join("site/favicon.png")).unwrap();
    assert_eq!((icon.width(), icon.height()), (64, 64));
    let week = page_pixels(&f.out().join("workbook.pdf"), 4);
    assert!(
        has_color(&week, [0x0b, 0x6e, 0x74]),
        "no river teal on page 4"
    );
}

#[test]
fn brand_problems_are_placed_in_the_brand_file() {
    let f = Fixture::named("sleep-reset");
    f.replace("_brand.yml", "night: \"#1f4e79\"", "night: \"#1f4e7\"");
    f.replace("_brand.yml", "path: brand/logo.svg", "path: brand/logo.png");
    f.replace(
        "_brand.yml",
        "brand/fonts/Caladea-Bold.ttf",
        "brand/fonts/Caladea-Bld.ttf",
    );
    std::fs::write(
        f.root().join("brand/fonts/OpenSans-Italic.ttf"),
        b"not a font",
    )
    .unwrap();
    let e = errors(&f);
    let has = |s: &str| e.iter().any(|l| l.contains(s));
    assert!(
        has("_brand.yml:19:12: error: `#1f4e7` is not a colour"),
        "{e:#?}"
    );
    assert!(has("_brand.yml:12:13: error: the logo `brand/logo.png` leads to `brand/logo.png`, which does not exist"), "{e:#?}");
    assert!(
        has("error: the font file `brand/fonts/Caladea-Bld.ttf` leads to"),
        "{e:#?}"
    );
    assert!(
        has("error: `brand/fonts/OpenSans-Italic.ttf` cannot be read as a font"),
        "{e:#?}"
    );
    insta::assert_snapshot!(e.join("\n"));
}

#[test]
fn a_brand_colour_too_light_to_read_is_a_contrast_warning() {
    let f = Fixture::named("sleep-reset");
    f.replace("_brand.yml", "night: \"#1f4e79\"", "night: \"#9fc4e8\"");
    let w = warnings(&f);
    assert!(
        w.iter().any(|l| l.contains("_brand.yml:24:3: warning: #9fc4e8 on the background #ffffff has a contrast of 1.8:1, below the 4.5:1 WCAG AA asks for links and small accent text")),
        "{w:#?}"
    );
    // Headings are large text: 3:1 is enough, and 1.8:1 is not.
    assert!(
        w.iter()
            .any(|l| l.contains("below the 3:1 WCAG AA asks for headings")),
        "{w:#?}"
    );
    let f = Fixture::named("sleep-reset");
    assert!(warnings(&f).iter().all(|l| !l.contains("contrast")));
}

#[test]
fn a_brand_file_kintsugi_yaml_names_is_used_and_a_missing_one_is_an_error() {
    let f = Fixture::named("sleep-reset");
    std::fs::create_dir_all(f.root().join("style")).unwrap();
    let text = std::fs::read_to_string(f.root().join("_brand.yml"))
        .unwrap()
        .replace("brand/", "../brand/");
    std::fs::write(f.root().join("style/house.yml"), text).unwrap();
    std::fs::remove_file(f.root().join("_brand.yml")).unwrap();
    f.replace(
        "kintsugi.yaml",
        "paper: letter",
        "paper: letter\nbrand: style/house.yml",
    );
    let project = kintsugi::check(f.root()).unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(
        project.program.brand.name.as_deref(),
        Some("Quiet Hours Sleep Coaching")
    );
    assert!(project.program.brand.logo.small.is_some());
    f.replace(
        "kintsugi.yaml",
        "brand: style/house.yml",
        "brand: style/home.yml",
    );
    let e = errors(&f);
    assert!(
        e.iter().any(|l| l
            .contains("kintsugi.yaml:5:8: error: the brand file `style/home.yml` does not exist")),
        "{e:#?}"
    );
}

#[test]
fn every_page_of_the_branded_workbook_prints_without_a_missing_glyph() {
    // pdftotext gives back the words in the brand's fonts, so every glyph maps to text.
    let f = Fixture::named("sleep-reset");
    f.build(None).unwrap();
    let text = Pdf::open(&f.out().join("workbook.pdf")).text();
    assert!(text.contains("Wake at the same time"), "{text}");
    assert!(text.contains("The Sleep Reset"));
}

#[test]
fn headings_print_in_the_brands_heading_colour_and_text_in_its_foreground() {
    use kintsugi::pdf::frame::Element;
    let f = Fixture::named("sleep-reset");
    let project = kintsugi::check(f.root()).unwrap();
    let opts = kintsugi::render::workbook::Options {
        paper: kintsugi::model::Paper::Letter,
        duplex: false,
    };
    let doc = kintsugi::render::workbook::compose(&project.program, "en", opts, None);
    let color_of = |needle: &str| {
        doc.pages
            .iter()
            .flat_map(|p| &p.items)
            .find_map(|e| match e {
                Element::Text { glyphs, color, .. }
                    if glyphs
                        .iter()
                        .map(|g| g.text.as_str())
                        .collect::<String>()
                        .starts_with(needle) =>
                {
                    Some(*color)
                }
                _ => None,
            })
            .unwrap_or_else(|| panic!("no text run `{needle}`"))
    };
    let rgb = |c: kintsugi::pdf::units::Color| [c.r, c.g, c.b].map(|v| (v * 255.0).round() as u8);
    // `## How the course works` in program.md: a heading, in `night`.
    assert_eq!(rgb(color_of("How")), [0x1f, 0x4e, 0x79]);
    // Body text, in the foreground `ink`.
    assert_eq!(rgb(color_of("We")), [0x1b, 0x24, 0x30]);
}

#[test]
fn the_cover_shows_the_cover_picture_and_the_logo_at_both_paper_sizes() {
    use kintsugi::pdf::frame::Element;
    let f = Fixture::named("sleep-reset");
    let project = kintsugi::check(f.root()).unwrap();
    let p = &project.program;
    let cover = p.cover.clone().expect("program.md names a cover");
    let logo = p.brand.logo.medium.as_ref().unwrap().key.clone();
    for paper in [kintsugi::model::Paper::A4, kintsugi::model::Paper::Letter] {
        let opts = kintsugi::render::workbook::Options {
            paper,
            duplex: false,
        };
        let doc = kintsugi::render::workbook::compose(p, "en", opts, None);
        let first = &doc.pages[0];
        let placed: Vec<(String, kintsugi::pdf::units::Rect)> = first
            .items
            .iter()
            .filter_map(|e| match e {
                Element::Image { rect, image } => Some((image.key.clone(), *rect)),
                _ => None,
            })
            .collect();
        let (_, pic) = placed
            .iter()
            .find(|(k, _)| *k == cover)
            .expect("the cover picture");
        let (_, mark) = placed.iter().find(|(k, _)| *k == logo).expect("the logo");
        // On the page, the picture's shape kept (2400 × 1100), the logo below it.
        let edge = kintsugi::pdf::units::Pt::mm(10.0);
        assert!(
            pic.x >= edge && pic.x + pic.w <= first.size.w - edge,
            "{paper:?} {pic:?}"
        );
        assert!(
            (pic.h.0 / pic.w.0 - 1100.0 / 2400.0).abs() < 0.01,
            "{paper:?} {pic:?}"
        );
        assert!(mark.y > pic.y + pic.h, "{paper:?}");
        // Written, the JPEG passes through whole.
        let pdf = f.root().join(format!("cover-{paper:?}.pdf"));
        std::fs::write(&pdf, kintsugi::pdf::write::write(&doc).unwrap()).unwrap();
        let out = std::process::Command::new("pdfimages")
            .args(["-list", "-f", "1", "-l", "1"])
            .arg(&pdf)
            .output()
            .expect("pdfimages (poppler-utils) is installed");
        let list = String::from_utf8_lossy(&out.stdout);
        assert!(
            list.lines()
                .any(|l| l.contains(" 2400  1100 ") && l.contains("jpeg")),
            "{paper:?}: {list}"
        );
    }
    // Without a cover picture, the pattern stands there.
    f.replace("content/program.md", "cover: cover.jpg\n", "");
    let project = kintsugi::check(f.root()).unwrap();
    assert!(project.program.cover.is_none());
}

#[test]
fn a_cover_picture_that_is_missing_is_an_error_in_program_md() {
    let f = Fixture::named("sleep-reset");
    f.replace("content/program.md", "cover: cover.jpg", "cover: covr.jpg");
    let e = errors(&f);
    assert!(
        e.iter().any(|l| l.starts_with("content/program.md:7:8: error: the image `covr.jpg` leads to `content/covr.jpg`, which does not exist")),
        "{e:#?}"
    );
}
