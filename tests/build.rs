//! Building the default program end to end: site, workbook and worksheets.

mod common;

use common::{fold, Fixture, Pdf};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kintsugi::pdf::fonts::FontId;
use kintsugi::pdf::frame::Element;
use kintsugi::pdf::units::Pt;

/// The default program, built once for this test binary.
fn built() -> &'static Fixture {
    static BUILT: OnceLock<Fixture> = OnceLock::new();
    BUILT.get_or_init(|| {
        let f = Fixture::default_program();
        f.build(None)
            .unwrap_or_else(|e| panic!("build failed: {e:#}"));
        f
    })
}

fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p, ext));
        } else if p.extension().is_some_and(|e| e == ext) {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Every `href="…"` and `src="…"` value in an HTML page.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap();
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    out
}

/// The workbook's chapter titles, in the order the book should have them.
fn chapter_titles(p: &kintsugi::model::Program) -> Vec<String> {
    let mut titles = vec!["Contents".to_string(), "Before you begin".into()];
    titles.extend(
        p.weeks
            .iter()
            .map(|w| format!("Week {} · {}", w.number, w.title)),
    );
    titles.extend([
        "Micro-rituals".to_string(),
        p.tables[0].title.clone(),
        p.faq.as_ref().unwrap().title.clone(),
    ]);
    titles
}

#[test]
fn site_has_every_page() {
    let site = built().out().join("site");
    let p = kintsugi::check(built().root()).unwrap().program;
    let mut expected = vec![
        "index.html".to_string(),
        "plan.html".into(),
        "faq.html".into(),
        "rituals.html".into(),
        "style.css".into(),
    ];
    expected.extend(
        [
            "exercises/index.html",
            "scripts/index.html",
            "worksheets/index.html",
        ]
        .map(String::from),
    );
    expected.extend(
        p.weeks
            .iter()
            .map(|w| format!("weeks/week-{}.html", w.number)),
    );
    expected.extend(
        p.exercises
            .iter()
            .map(|e| format!("exercises/{}.html", e.id)),
    );
    expected.extend(p.scripts.iter().map(|s| format!("scripts/{}.html", s.id)));
    expected.extend(
        p.worksheets
            .iter()
            .map(|w| format!("worksheets/{}.html", w.id)),
    );
    expected.extend(p.tables.iter().map(|t| format!("tables/{}.html", t.id)));
    assert_eq!(p.weeks.len(), 6);
    for rel in expected {
        assert!(site.join(&rel).is_file(), "missing site page {rel}");
    }
}

#[test]
fn every_internal_link_resolves() {
    let site = built().out().join("site");
    let pages = files_under(&site, "html");
    assert!(pages.len() > 30, "{} pages", pages.len());
    let mut checked = 0;
    for page in pages.iter().filter(|p| !p.ends_with("404.html")) {
        let html = std::fs::read_to_string(page).unwrap();
        for link in links(&html) {
            if link.starts_with("http") || link.starts_with("mailto:") || link.starts_with('#') {
                continue;
            }
            assert!(
                !link.starts_with('/'),
                "{}: absolute link {link} breaks from disk",
                page.display()
            );
            let path = link.split('#').next().unwrap();
            let target = page.parent().unwrap().join(path);
            assert!(
                target.is_file(),
                "{}: broken link {link}",
                page.strip_prefix(&site).unwrap().display()
            );
            let canon = target.canonicalize().unwrap();
            assert!(
                canon.starts_with(site.canonicalize().unwrap()),
                "{link} leaves the site"
            );
            checked += 1;
        }
    }
    assert!(checked > 300, "only {checked} links checked");
}

#[test]
fn week_page_shows_its_exercises_and_navigation() {
    let html = std::fs::read_to_string(built().out().join("site/weeks/week-2.html")).unwrap();
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\" data-root=\"../\" "));
    assert!(
        html.contains("Two-Minute Truth"),
        "the week's exercise is listed"
    );
    assert!(html.contains("href=\"../exercises/two-minute-truth.html\""));
    assert!(html.contains("rel=\"prev\" href=\"week-1.html\""));
    assert!(html.contains("rel=\"next\" href=\"week-3.html\""));
    assert!(html.contains("href=\"../style.css\""));
}

#[test]
fn workbook_has_chapters_in_order_and_real_text() {
    let pdf = Pdf::open(&built().out().join("workbook.pdf"));
    let p = kintsugi::check(built().root()).unwrap().program;
    assert!(pdf.page_count() >= 20, "{} pages", pdf.page_count());
    // Each chapter starts on its own page with its title; find them in order.
    let titles = chapter_titles(&p);
    let mut last_page = 1;
    for title in &titles {
        let page = (last_page..=pdf.page_count() as u32)
            .find(|n| pdf.page_text(*n).contains(&fold(title)))
            .unwrap_or_else(|| panic!("chapter {title:?} not found after page {last_page}"));
        assert!(page >= last_page);
        last_page = page;
    }
    // Text extracts exactly, curly quotes and dashes included.
    let text = pdf.text();
    assert!(
        text.contains(&fold(&p.summary)),
        "summary not found in extracted text"
    );
    assert!(
        !text.contains('\u{fffd}'),
        "replacement characters in extracted text"
    );
    let phrase =
        kintsugi::model::text::inline_text(&p.script("repair-phrases").unwrap().phrases[0]);
    assert!(text.contains(&fold(&phrase)), "{phrase:?} not found");
}

/// The physical page (1-based) where the body's page "1" is, from the PDF's page labels.
fn body_start(pdf: &Pdf) -> u32 {
    let labels = pdf
        .doc
        .catalog()
        .unwrap()
        .get(b"PageLabels")
        .unwrap()
        .as_dict()
        .unwrap();
    let nums = labels.get(b"Nums").unwrap().as_array().unwrap();
    assert_eq!(
        nums[1]
            .as_dict()
            .unwrap()
            .get(b"S")
            .unwrap()
            .as_name()
            .unwrap(),
        b"r",
        "front matter is roman"
    );
    assert_eq!(
        nums[3]
            .as_dict()
            .unwrap()
            .get(b"S")
            .unwrap()
            .as_name()
            .unwrap(),
        b"D",
        "the body is arabic"
    );
    nums[2].as_i64().unwrap() as u32 + 1
}

#[test]
fn contents_page_numbers_point_at_chapters() {
    let pdf = Pdf::open(&built().out().join("workbook.pdf"));
    let contents = pdf.page_text(2);
    let first = body_start(&pdf);
    let p = kintsugi::check(built().root()).unwrap().program;
    for w in &p.weeks {
        let title = format!("Week {} · {}", w.number, w.title);
        let at = contents
            .find(&title)
            .unwrap_or_else(|| panic!("{title} not in contents: {contents}"));
        let after = &contents[at + title.len()..];
        let number: u32 = after
            .trim_start_matches([' ', '.'])
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let page = first + number - 1;
        let text = pdf.page_text(page);
        assert!(
            text.contains(&title),
            "contents says {title} is on page {number}"
        );
        assert!(
            text.ends_with(&format!(" {number}")),
            "page {page} is not numbered {number}: …{}",
            &text[text.len().saturating_sub(30)..]
        );
    }
    assert!(
        contents.ends_with(" ii"),
        "the contents page is numbered ii: {contents}"
    );
}

#[test]
fn duplex_starts_chapters_on_right_hand_pages() {
    let f = Fixture::default_program();
    kintsugi::build(&kintsugi::BuildOptions {
        root: f.root().into(),
        out: f.out(),
        paper: None,
        duplex: true,
        flat: false,
        profile: None,
        base_url: None,
    })
    .unwrap();
    let pdf = Pdf::open(&f.out().join("workbook.pdf"));
    let p = kintsugi::check(f.root()).unwrap().program;
    assert_eq!(
        body_start(&pdf) % 2,
        1,
        "the body opens on a right-hand (odd) page"
    );
    for title in chapter_titles(&p) {
        let page = (1..=pdf.page_count() as u32)
            .find(|n| {
                pdf.page_text(*n).starts_with(&format!("{title} "))
                    || pdf.page_text(*n).contains(&format!(" {title} {title}"))
            })
            .unwrap_or_else(|| panic!("{title} not found"));
        assert_eq!(
            page % 2,
            1,
            "{title} starts on page {page}, a left-hand page"
        );
    }
}

#[test]
fn workbook_embeds_subset_fonts() {
    let bytes = std::fs::read(built().out().join("workbook.pdf")).unwrap();
    let pdf = Pdf::open(&built().out().join("workbook.pdf"));
    let mut names = Vec::new();
    for obj in pdf.doc.objects.values() {
        if let Ok(d) = obj.as_dict() {
            if d.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"FontDescriptor") {
                names.push(
                    String::from_utf8_lossy(d.get(b"FontName").unwrap().as_name().unwrap())
                        .into_owned(),
                );
                assert!(
                    d.has(b"FontFile2") || d.has(b"FontFile3"),
                    "font not embedded"
                );
            }
        }
    }
    assert!(
        names.iter().any(|n| n.ends_with("+Vollkorn-Regular")),
        "{names:?}"
    );
    assert!(
        names.iter().all(|n| n.as_bytes()[6] == b'+'),
        "subset tags: {names:?}"
    );
    assert!(
        bytes.len() < 600_000,
        "workbook is {} bytes: fonts are not subset",
        bytes.len()
    );
}

#[test]
fn each_worksheet_is_one_page_of_the_right_size() {
    let p = kintsugi::check(built().root()).unwrap().program;
    assert!(p.worksheets.len() >= 4);
    for required in [
        "weekly-tracker",
        "repair-phrases-card",
        "apology-card",
        "two-minute-truth-card",
    ] {
        assert!(
            p.worksheet(required).is_some(),
            "default set lacks {required}"
        );
    }
    for w in &p.worksheets {
        let pdf = Pdf::open(&built().out().join(format!("worksheets/{}.pdf", w.id)));
        assert_eq!(pdf.page_count(), 1, "{}", w.id);
        let (wd, ht) = pdf.page_size(1);
        let (a, b) = match w.orientation {
            kintsugi::model::Orientation::Portrait => (595.3, 841.9),
            kintsugi::model::Orientation::Landscape => (841.9, 595.3),
        };
        assert!(
            (wd - a).abs() < 1.0 && (ht - b).abs() < 1.0,
            "{}: {wd}x{ht} is not A4 {:?}",
            w.id,
            w.orientation
        );
        assert!(
            pdf.page_text(1).contains(&fold(&w.title)),
            "{} lacks its title",
            w.id
        );
    }
}

#[test]
fn letter_paper_is_honoured() {
    let f = Fixture::named("minimal");
    f.build(Some(kintsugi::model::Paper::Letter)).unwrap();
    for rel in ["workbook.pdf", "worksheets/tracker.pdf"] {
        let (w, h) = Pdf::open(&f.out().join(rel)).page_size(1);
        assert!(
            (w - 612.0).abs() < 0.5 && (h - 792.0).abs() < 0.5,
            "{rel}: {w}x{h}"
        );
    }
}

#[test]
fn builds_are_byte_identical() {
    let f = Fixture::named("minimal");
    f.build(None).unwrap();
    let first = std::fs::read(f.out().join("workbook.pdf")).unwrap();
    let sheet = std::fs::read(f.out().join("worksheets/tracker.pdf")).unwrap();
    f.build(None).unwrap();
    assert!(
        first == std::fs::read(f.out().join("workbook.pdf")).unwrap(),
        "workbook differs between builds"
    );
    assert!(
        sheet == std::fs::read(f.out().join("worksheets/tracker.pdf")).unwrap(),
        "worksheet differs"
    );
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let f = Fixture::named("minimal");
    f.build(None).unwrap();
    let snapshot = |f: &Fixture| -> Vec<(PathBuf, Vec<u8>)> {
        let mut all: Vec<PathBuf> = ["html", "pdf", "css", "md"]
            .iter()
            .flat_map(|e| files_under(&f.out(), e))
            .collect();
        all.sort();
        all.into_iter()
            .map(|p| (p.clone(), std::fs::read(p).unwrap()))
            .collect()
    };
    let before = snapshot(&f);
    f.replace(
        "content/weeks/week-1.md",
        "exercises: [breathe]",
        "exercises: [nope]",
    );
    let err = f.build(None).unwrap_err();
    assert!(
        err.downcast_ref::<kintsugi::diag::Diagnostics>().is_some(),
        "{err:#}"
    );
    assert_eq!(before, snapshot(&f), "output changed after a failed build");
    let stray: Vec<_> = std::fs::read_dir(f.out())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(stray.is_empty(), "staging folders left behind: {stray:?}");
}

#[test]
fn overflowing_worksheet_names_the_block() {
    let f = Fixture::named("minimal");
    f.replace("content/worksheets/tracker.yaml", "count: 2", "count: 40");
    let err = f.build(None).unwrap_err();
    let d = err
        .downcast_ref::<kintsugi::diag::Diagnostics>()
        .expect("a content error");
    let msg = d.to_string();
    assert!(msg.contains("content/worksheets/tracker.yaml"), "{msg}");
    assert!(
        msg.contains(
            "worksheet `tracker` does not fit on one A4 page: block 2 (lines) overflows by"
        ),
        "{msg}"
    );
    assert!(!f.out().join("worksheets").exists(), "nothing was written");
}

/// (title, depth) of every bookmark, in the order a reader walks them.
fn outline(pdf: &Pdf) -> Vec<(String, usize)> {
    fn title(d: &lopdf::Dictionary) -> String {
        let bytes = d.get(b"Title").unwrap().as_str().unwrap();
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    }
    fn walk(
        doc: &lopdf::Document,
        first: Option<lopdf::ObjectId>,
        depth: usize,
        out: &mut Vec<(String, usize)>,
    ) {
        let mut next = first;
        while let Some(id) = next {
            let d = doc.get_dictionary(id).unwrap();
            out.push((title(d), depth));
            walk(
                doc,
                d.get(b"First").and_then(|o| o.as_reference()).ok(),
                depth + 1,
                out,
            );
            next = d.get(b"Next").and_then(|o| o.as_reference()).ok();
        }
    }
    let catalog = pdf.doc.catalog().unwrap();
    let root = catalog.get(b"Outlines").unwrap().as_reference().unwrap();
    let first = pdf
        .doc
        .get_dictionary(root)
        .unwrap()
        .get(b"First")
        .unwrap()
        .as_reference()
        .ok();
    let mut out = Vec::new();
    walk(&pdf.doc, first, 0, &mut out);
    out
}

#[test]
fn outline_is_nested_and_in_reading_order() {
    let pdf = Pdf::open(&built().out().join("workbook.pdf"));
    let p = kintsugi::check(built().root()).unwrap().program;
    let entries = outline(&pdf);
    let chapters: Vec<&str> = entries
        .iter()
        .filter(|(_, d)| *d == 0)
        .map(|(t, _)| t.as_str())
        .collect();
    let expected = chapter_titles(&p);
    assert_eq!(chapters, expected);
    // Sections sit under their week, in the order they appear.
    let week2 = entries
        .iter()
        .position(|(t, _)| t.starts_with("Week 2 ·"))
        .unwrap();
    assert_eq!(entries[week2 + 1], ("This week".to_string(), 1));
    assert!(entries[week2 + 1..]
        .iter()
        .take_while(|(_, d)| *d == 1)
        .any(|(t, _)| t == "Exercise · Two-Minute Truth"));
}

#[test]
fn contents_entries_link_to_their_chapters() {
    let pdf = Pdf::open(&built().out().join("workbook.pdf"));
    let p = kintsugi::check(built().root()).unwrap().program;
    let pages = pdf.doc.get_pages();
    let number_of = |id: lopdf::ObjectId| {
        pages
            .iter()
            .find(|(_, v)| **v == id)
            .map(|(k, _)| *k)
            .unwrap()
    };
    let contents = pdf.doc.get_dictionary(pages[&2]).unwrap();
    let annots = contents.get(b"Annots").unwrap().as_array().unwrap();
    let mut targets = Vec::new();
    for a in annots {
        let a = match a {
            lopdf::Object::Reference(r) => pdf.doc.get_dictionary(*r).unwrap(),
            other => other.as_dict().unwrap(),
        };
        let action = a.get(b"A").unwrap().as_dict().unwrap();
        assert_eq!(action.get(b"S").unwrap().as_name().unwrap(), b"GoTo");
        let dest = action.get(b"D").unwrap().as_array().unwrap();
        targets.push(number_of(dest[0].as_reference().unwrap()));
    }
    let titles = chapter_titles(&p);
    assert_eq!(
        targets.len(),
        titles.len() - 1,
        "one link per entry (Contents itself is not listed)"
    );
    for (title, page) in titles[1..].iter().zip(&targets) {
        let text = pdf.page_text(*page);
        assert!(
            text.starts_with(&format!("{title} ")),
            "the link for {title} goes to page {page}: {}",
            &text[..60.min(text.len())]
        );
        assert!(
            !pdf.page_text(page - 1).starts_with(&format!("{title} ")),
            "{title} starts before page {page}"
        );
    }
}

#[test]
fn pdfs_are_identical_across_threads() {
    let f = Fixture::default_program();
    let project = kintsugi::check(f.root()).unwrap();
    let opts = kintsugi::render::workbook::Options {
        paper: kintsugi::model::Paper::A4,
        duplex: false,
    };
    let alone = kintsugi::render::workbook_pdf(&project, opts, None)
        .unwrap()
        .bytes;
    let together: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    kintsugi::render::workbook_pdf(&project, opts, None)
                        .unwrap()
                        .bytes
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for bytes in together {
        assert!(bytes == alone, "a workbook made on another thread differs");
    }
}

/// Text as a reader's copy-paste gives it, with line-end hyphens and all other hyphens dropped.
fn dehyphenated(s: &str) -> String {
    fold(&fold(s).replace("- ", "").replace('-', ""))
}

#[test]
fn extracted_text_equals_the_source_after_dehyphenation() {
    let pdf = Pdf::open(&built().out().join("workbook.pdf"));
    let p = kintsugi::check(built().root()).unwrap().program;
    // A paragraph may go on over a page: read past each page's running head
    // and page number, as a reader does.
    let titles = chapter_titles(&p);
    let pages: Vec<String> = (1..=pdf.page_count() as u32)
        .map(|n| {
            let mut t = pdf.page_text(n);
            if let Some(head) = titles.iter().find(|h| t.starts_with(h.as_str())) {
                t = t[head.len()..].to_string();
            }
            match t.trim_end().rsplit_once(' ') {
                Some((rest, num))
                    if num
                        .chars()
                        .all(|c| c.is_ascii_digit() || "ivxlc".contains(c)) =>
                {
                    rest.to_string()
                }
                _ => t,
            }
        })
        .collect();
    let text = dehyphenated(&pages.join(" "));
    let mut checked = 0;
    let mut paragraphs = Vec::new();
    for blocks in std::iter::once(&p.intro).chain(p.weeks.iter().map(|w| &w.body)) {
        for b in blocks {
            if let kintsugi::model::text::Block::Paragraph(i) = b {
                paragraphs.push(kintsugi::model::text::inline_text(i));
            }
        }
    }
    for para in paragraphs {
        let want = dehyphenated(&para);
        assert!(
            text.contains(&want),
            "paragraph not found in the PDF's text: {want}"
        );
        checked += 1;
    }
    assert!(checked > 30, "only {checked} paragraphs checked");
}

#[test]
fn web_links_in_prose_are_clickable() {
    let f = Fixture::named("minimal");
    f.replace(
        "content/program.md",
        "An introduction",
        "See [our notes](https://example.org/notes). An introduction",
    );
    f.build(None).unwrap();
    let pdf = Pdf::open(&f.out().join("workbook.pdf"));
    let mut uris = Vec::new();
    for id in pdf.doc.get_pages().values() {
        let Ok(annots) = pdf
            .doc
            .get_dictionary(*id)
            .unwrap()
            .get(b"Annots")
            .and_then(|a| a.as_array())
        else {
            continue;
        };
        for a in annots {
            let a = match a {
                lopdf::Object::Reference(r) => pdf.doc.get_dictionary(*r).unwrap(),
                other => other.as_dict().unwrap(),
            };
            if let Ok(uri) = a
                .get(b"A")
                .and_then(|x| x.as_dict())
                .and_then(|x| x.get(b"URI"))
                .and_then(|x| x.as_str())
            {
                uris.push(String::from_utf8_lossy(uri).into_owned());
            }
        }
    }
    // The words link, and so does the address printed in their footnote.
    assert_eq!(uris, vec!["https://example.org/notes".to_string(); 2]);
}

#[test]
fn nothing_is_printed_near_the_paper_edge_at_either_size() {
    let project = kintsugi::check(built().root()).unwrap();
    for paper in [kintsugi::model::Paper::A4, kintsugi::model::Paper::Letter] {
        for duplex in [false, true] {
            let opts = kintsugi::render::workbook::Options { paper, duplex };
            let doc = kintsugi::render::workbook::compose(&project.program, "en", opts, None);
            let edge = Pt::mm(10.0);
            for (n, page) in doc.pages.iter().enumerate() {
                for item in &page.items {
                    if matches!(item, Element::Begin(_) | Element::End) {
                        continue; // marks, not drawing
                    }
                    let b = item.bounds();
                    let inside = b.x >= edge
                        && b.y >= edge
                        && b.right() <= page.size.w - edge
                        && b.bottom() <= page.size.h - edge;
                    assert!(
                        inside,
                        "{paper:?} page {}: {item:?} is within 10 mm of the edge",
                        n + 1
                    );
                }
                // The last thing in the text area is never a heading.
                let (top, bottom) = (Pt::mm(20.0), page.size.h - Pt::mm(20.0));
                let last = page
                    .items
                    .iter()
                    .rfind(|i| i.bounds().y > top && i.bounds().bottom() < bottom);
                if let Some(Element::Text {
                    font, size, glyphs, ..
                }) = last
                {
                    let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
                    let heading = *font == FontId::SansBold && *size >= Pt(11.0) && n > 0;
                    assert!(
                        !heading,
                        "{paper:?} duplex={duplex} page {} ends with the heading {text:?}",
                        n + 1
                    );
                }
            }
        }
    }
}

#[test]
fn the_search_index_covers_every_page_and_works_offline() {
    let site = built().out().join("site");
    let index = std::fs::read_to_string(site.join("search-index.js")).unwrap();
    let json = index
        .strip_prefix("window.KINTSUGI_SEARCH = ")
        .and_then(|s| s.trim_end().strip_suffix(';'))
        .expect("a script that sets one variable");
    let entries: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
    let p = kintsugi::check(built().root()).unwrap().program;
    assert_eq!(
        entries.len(),
        1 + p.weeks.len()
            + p.exercises.len()
            + p.scripts.len()
            + p.worksheets.len()
            + 1
            + p.tables.len()
            + 1
    );
    for e in &entries {
        let url = e["u"].as_str().unwrap();
        assert!(
            site.join(url).is_file(),
            "the index points at a missing page {url}"
        );
    }
    let week2 = entries
        .iter()
        .find(|e| e["u"] == "weeks/week-2.html")
        .unwrap();
    let para = match &p.weeks[1].body[1] {
        kintsugi::model::text::Block::Paragraph(i) => kintsugi::model::text::inline_text(i),
        other => panic!("{other:?}"),
    };
    assert!(
        week2["x"].as_str().unwrap().contains(&para),
        "week 2's text is indexed"
    );
    let page = std::fs::read_to_string(site.join("weeks/week-2.html")).unwrap();
    assert!(
        page.contains("<script src=\"../search-index.js\" defer></script>"),
        "loaded as a script, not fetched"
    );
    assert!(page.contains("id=\"search-input\""));
}

#[test]
fn publishing_under_a_base_url_gives_canonical_links_a_sitemap_and_a_404() {
    let f = Fixture::named("minimal");
    kintsugi::build(&kintsugi::BuildOptions {
        root: f.root().into(),
        out: f.out(),
        paper: None,
        duplex: false,
        flat: false,
        profile: None,
        base_url: Some("https://example.org/guide".into()),
    })
    .unwrap();
    let site = f.out().join("site");
    let week = std::fs::read_to_string(site.join("weeks/week-1.html")).unwrap();
    assert!(
        week.contains(
            "<link rel=\"canonical\" href=\"https://example.org/guide/weeks/week-1.html\">"
        ),
        "{week}"
    );
    assert!(week.contains("<meta property=\"og:title\" content=\"Week 1 · The only week\">"));
    assert!(
        week.contains("href=\"../style.css\""),
        "pages still link relatively"
    );
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://example.org/guide/weeks/week-1.html</loc>"),
        "{sitemap}"
    );
    assert!(!sitemap.contains("404.html"));
    let not_found = std::fs::read_to_string(site.join("404.html")).unwrap();
    assert!(
        not_found.contains("href=\"/guide/index.html\""),
        "the 404 page links from the base path: {not_found}"
    );
    assert!(not_found.contains("src=\"/guide/search.js\""));
    assert!(
        sitemap
            .lines()
            .filter(|l| l.contains("<loc>"))
            .all(|l| l.contains("<loc>https://example.org/guide/")),
        "every address is a full one: {sitemap}"
    );
    assert!(
        !sitemap.contains("search.html"),
        "the search page is not listed"
    );
    // Without an absolute base URL there is no canonical link and no sitemap
    // (its addresses would not be full ones); check says why.
    f.replace(
        "kintsugi.yaml",
        "base_url: https://example.org/minimal/",
        "base_url: /",
    );
    f.build(None).unwrap();
    let week = std::fs::read_to_string(site.join("weeks/week-1.html")).unwrap();
    assert!(!week.contains("rel=\"canonical\""));
    assert!(!site.join("sitemap.xml").exists());
    let project = kintsugi::check(f.root()).unwrap();
    let notes: Vec<String> = kintsugi::validate::review(&project)
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("kintsugi.yaml:3:11: note: the site gets no sitemap.xml")),
        "{notes:?}"
    );
}

#[test]
fn every_page_has_an_icon_and_the_header_search_works_without_javascript() {
    let f = built();
    let site = f.out().join("site");
    assert!(std::fs::read_to_string(site.join("favicon.svg"))
        .unwrap()
        .starts_with("<svg"));
    for page in ["index.html", "weeks/week-2.html", "404.html", "search.html"] {
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        assert!(
            html.contains("<link rel=\"icon\" href=\""),
            "{page} has no icon"
        );
        // The header search is a form that goes to the search page, with a button to send it.
        assert!(html.contains("search.html\" method=\"get\">"), "{page}");
        assert!(html.contains("name=\"q\""), "{page}");
        assert!(html.contains("<button type=\"submit\">"), "{page}");
    }
    // Without JavaScript the search page lists every page of the guide.
    let search = std::fs::read_to_string(site.join("search.html")).unwrap();
    for href in [
        "weeks/week-1.html",
        "exercises/two-minute-truth.html",
        "faq.html",
    ] {
        assert!(search.contains(&format!("href=\"{href}\"")), "{href}");
    }
}

#[test]
fn a_projects_templates_and_static_files_override_the_theme() {
    let f = Fixture::named("minimal");
    f.write("static/style.css", "body { color: rebeccapurple; }");
    f.write(
        "static/img/mark.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    f.write("templates/faq.html", "{% extends \"base.html\" %}{% block content %}<h1>Our own FAQ: {{ base.title }}</h1>{% endblock content %}");
    f.build(None).unwrap();
    let site = f.out().join("site");
    assert_eq!(
        std::fs::read_to_string(site.join("style.css")).unwrap(),
        "body { color: rebeccapurple; }"
    );
    assert!(site.join("img/mark.svg").is_file());
    assert!(std::fs::read_to_string(site.join("faq.html"))
        .unwrap()
        .contains("<h1>Our own FAQ: Questions</h1>"));
    assert!(
        std::fs::read_to_string(site.join("plan.html"))
            .unwrap()
            .contains("class=\"plan\""),
        "other pages keep the built-in theme"
    );
}

#[test]
fn duplex_pages_have_a_binding_gutter_mirrored_on_left_hand_pages() {
    // Counted over both programs: the sleep course's chapters fit on one
    // right-hand page each, so it has no left-hand page with text.
    let (mut recto, mut verso) = (0, 0);
    for root in [
        common::repo(),
        common::repo().join("tests/fixtures/sleep-reset"),
    ] {
        let project = kintsugi::check(&root).unwrap();
        for paper in [kintsugi::model::Paper::A4, kintsugi::model::Paper::Letter] {
            let compose = |duplex| {
                let opts = kintsugi::render::workbook::Options { paper, duplex };
                kintsugi::render::workbook::compose(&project.program, "en", opts, None)
            };
            let (plain, bound) = (compose(false), compose(true));
            // Where the text block of each page starts, from its leftmost glyph run.
            let left = |doc: &kintsugi::pdf::frame::Document, n: usize| {
                doc.pages[n]
                    .items
                    .iter()
                    .filter_map(|i| match i {
                        Element::Text { at, .. } => Some(at.x.0),
                        _ => None,
                    })
                    .fold(f32::INFINITY, f32::min)
            };
            for n in 1..bound.pages.len() {
                let l = left(&bound, n);
                if !l.is_finite() {
                    continue; // a blank page
                }
                // The same page without duplex, by its text (page numbers differ:
                // duplex adds blank pages).
                let words = |doc: &kintsugi::pdf::frame::Document, n: usize| {
                    doc.pages[n]
                        .text()
                        .replace(|c: char| c.is_ascii_digit() || c.is_whitespace(), "")
                };
                let Some(m) =
                    (0..plain.pages.len()).find(|&m| words(&plain, m) == words(&bound, n))
                else {
                    continue;
                };
                let shift = l - left(&plain, m);
                let want = if n % 2 == 0 { 4.0 } else { -4.0 } * 72.0 / 25.4;
                assert!(
                    (shift - want).abs() < 0.01,
                    "{root:?} {paper:?} page {}: text moved {shift} pt, not {want}",
                    n + 1
                );
                if n % 2 == 0 {
                    recto += 1;
                } else {
                    verso += 1;
                }
            }
            // The cover is not moved.
            assert_eq!(plain.pages[0], bound.pages[0]);
        }
    }
    assert!(
        recto > 3 && verso > 3,
        "{recto} right-hand and {verso} left-hand pages compared"
    );
}

/// The value of `name="…"` in an HTML tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

#[test]
fn the_printables_page_shows_a_thumbnail_of_each_sheet_drawn_from_its_frames() {
    let p = kintsugi::check(built().root()).unwrap().program;
    let site = built().out().join("site");
    let html = std::fs::read_to_string(site.join("worksheets/index.html")).unwrap();
    let thumbs: Vec<&str> = html
        .split("<a class=\"thumb\"")
        .skip(1)
        .map(|s| &s[..s.find("</a>").unwrap()])
        .collect();
    assert_eq!(thumbs.len(), p.worksheets.len(), "one thumbnail per sheet");
    for w in p.worksheets_in_plan_order() {
        let a = thumbs
            .iter()
            .find(|t| attr(t, "href") == Some(&format!("../downloads/worksheets/{}.pdf", w.id)))
            .unwrap_or_else(|| panic!("no thumbnail links to {}.pdf", w.id));
        let img = &a[a.find("<img").unwrap()..];
        assert_eq!(attr(img, "alt"), Some(w.title.as_str()), "{}", w.id);
        assert_eq!(attr(img, "loading"), Some("lazy"));
        let width: u32 = attr(img, "width").unwrap().parse().unwrap();
        let height: u32 = attr(img, "height").unwrap().parse().unwrap();
        assert_eq!(width, 240);
        let src = attr(img, "src").unwrap();
        let path = site.join("worksheets").join(src);
        let png = image::open(&path)
            .unwrap_or_else(|e| panic!("{} is not a PNG: {e}", path.display()))
            .to_rgb8();
        assert_eq!(png.dimensions(), (width, height), "{src}");
        // A4 portrait is 1 : 1.414; landscape the other way.
        let ratio = height as f32 / width as f32;
        let want = match w.orientation {
            kintsugi::model::Orientation::Portrait => 841.9 / 595.3,
            kintsugi::model::Orientation::Landscape => 595.3 / 841.9,
        };
        assert!((ratio - want).abs() < 0.01, "{src}: {ratio}");
        // The sheet's title (30 pt bold, black) is drawn at the top; the paper is white.
        let dark = |y0: u32, y1: u32| {
            (y0..y1)
                .flat_map(|y| (0..width).map(move |x| (x, y)))
                .filter(|&(x, y)| png.get_pixel(x, y).0.iter().all(|c| *c < 100))
                .count()
        };
        let page_h = if ratio > 1.0 { 841.9 } else { 595.3 };
        let at = |pt: f32| (pt / page_h * height as f32) as u32;
        assert!(dark(at(42.0), at(80.0)) > 60, "{src} has no title");
        assert_eq!(png.get_pixel(2, 2).0, [255, 255, 255], "{src}");
        let srcset = attr(img, "srcset").unwrap();
        let two = srcset
            .split(", ")
            .find_map(|s| s.strip_suffix(" 2x"))
            .unwrap();
        let big = image::open(site.join("worksheets").join(two)).unwrap();
        assert_eq!(big.width(), width * 2);
        // Each height is rounded to whole pixels by itself.
        assert!(big.height().abs_diff(height * 2) <= 1, "{two}");
        let name = std::path::Path::new(src)
            .file_name()
            .unwrap()
            .to_string_lossy();
        let hash = name
            .strip_prefix("sheet-")
            .unwrap()
            .strip_suffix(".png")
            .unwrap();
        assert_eq!(hash.len(), 16, "named by a hash of its bytes: {name}");
        assert_eq!(
            hash,
            kintsugi::model::images::key_of(&std::fs::read(&path).unwrap())
        );
    }
}
