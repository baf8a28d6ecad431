//! The workbook's designed pages: callout panels for exercises and scripts,
//! Notes that fill the page, and the covers, on both programs and papers.

mod common;

use common::Fixture;
use kintsugi::model::Paper;
use kintsugi::pdf::flow::{Flow, FlowBlock, Look, PageSpec, PanelLook, Para};
use kintsugi::pdf::fonts::FontId;
use kintsugi::pdf::frame::{Document, Element, Page};
use kintsugi::pdf::lines::{Align, Span};
use kintsugi::pdf::shape::Style;
use kintsugi::pdf::units::{Color, Pt, Rect, Size};
use kintsugi::render::workbook::{compose, Options};

fn programs() -> Vec<(&'static str, kintsugi::model::Project)> {
    let default = Fixture::default_program();
    let sleep = Fixture::named("sleep-reset");
    vec![
        ("default", kintsugi::check(default.root()).unwrap()),
        ("sleep-reset", kintsugi::check(sleep.root()).unwrap()),
    ]
}

fn workbook(project: &kintsugi::model::Project, paper: Paper, duplex: bool) -> Document {
    compose(&project.program, "en", Options { paper, duplex }, None)
}

fn fills(page: &Page) -> Vec<Rect> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Element::Fill { rect, .. } => Some(*rect),
            _ => None,
        })
        .collect()
}

fn inside(b: Rect, r: Rect) -> bool {
    let e = Pt(0.5);
    b.x >= r.x - e && b.right() <= r.right() + e && b.y >= r.y - e && b.bottom() <= r.bottom() + e
}

fn text_of(item: &Element) -> Option<String> {
    match item {
        Element::Text { glyphs, .. } => Some(glyphs.iter().map(|g| g.text.as_str()).collect()),
        _ => None,
    }
}

/// Words pdftotext finds on page `n` (1-based): (word, rect in points from the top left).
fn pdf_words(pdf: &std::path::Path, n: usize) -> Vec<(String, Rect)> {
    common::pdf_words(pdf, n)
        .into_iter()
        .map(|(word, [x0, y0, x1, y1])| {
            let rect = Rect {
                x: Pt(x0),
                y: Pt(y0),
                w: Pt(x1 - x0),
                h: Pt(y1 - y0),
            };
            (word, rect)
        })
        .collect()
}

#[test]
fn exercises_and_scripts_are_panels_with_their_text_inside_at_both_sizes() {
    let dir = tempfile::tempdir().unwrap();
    for (name, project) in programs() {
        let p = &project.program;
        let id = p.weeks.iter().flat_map(|w| &w.exercises).next().unwrap();
        let first = p.exercise(id).unwrap();
        let title = p.strings.fmt("exercise_title", &[("title", &first.title)]);
        for paper in [Paper::A4, Paper::Letter] {
            let doc = workbook(&project, paper, false);
            // The exercise's title line sits in a tinted box on its page.
            let (n, page, rect) = doc
                .pages
                .iter()
                .enumerate()
                .find_map(|(n, page)| {
                    let item = page
                        .items
                        .iter()
                        .find(|i| text_of(i).is_some_and(|t| t.contains(&title)))?;
                    let b = item.bounds();
                    let rect = fills(page).into_iter().find(|r| inside(b, *r));
                    Some((
                        n,
                        page,
                        rect.unwrap_or_else(|| {
                            panic!("{name} {paper:?}: {title:?} is in no panel")
                        }),
                    ))
                })
                .unwrap_or_else(|| panic!("{name} {paper:?}: {title:?} is not printed"));
            // Inside the text area, and every line the box spans lies within it.
            let edge = Pt::mm(10.0);
            assert!(rect.x >= edge && rect.right() <= page.size.w - edge);
            for item in &page.items {
                if let Element::Text { .. } = item {
                    let b = item.bounds();
                    let across = b.y + b.h / 2.0;
                    if across > rect.y && across < rect.bottom() {
                        assert!(
                            inside(b, rect),
                            "{name} {paper:?}: {item:?} sticks out of {rect:?}"
                        );
                    }
                }
            }
            // Every panel's text on every page stays in its box.
            for (k, page) in doc.pages.iter().enumerate() {
                for r in fills(page) {
                    assert!(
                        r.h > Pt(20.0),
                        "{name} {paper:?} page {}: an empty box",
                        k + 1
                    );
                }
            }
            // The PDF itself: pdftotext finds the title's words inside the box.
            let pdf = dir.path().join(format!("{name}-{paper:?}.pdf"));
            std::fs::write(&pdf, kintsugi::pdf::write::write(&doc).unwrap()).unwrap();
            let words = pdf_words(&pdf, n + 1);
            let word = first.title.split_whitespace().next().unwrap();
            let found: Vec<_> = words.iter().filter(|(w, _)| w == word).collect();
            assert!(
                found.iter().any(|(_, b)| inside(*b, rect)),
                "{name} {paper:?}: pdftotext finds {word:?} at {found:?}, outside {rect:?}"
            );
        }
    }
}

fn spec() -> PageSpec {
    let m = Pt(40.0);
    PageSpec {
        size: Size {
            w: Pt(420.0),
            h: Pt(595.0),
        },
        top: m,
        bottom: m,
        left: m,
        right: m,
    }
}

fn line(text: &str) -> FlowBlock {
    let mut p = Para::new(
        vec![Span::new(
            text,
            Style::new(FontId::Serif, 11.0, Color::BLACK),
        )],
        Align::Left,
    );
    p.space_after = Pt(4.0);
    FlowBlock::Para(p)
}

fn look() -> PanelLook {
    PanelLook {
        fill: Some(Color::rgb(0.95, 0.93, 0.9)),
        rule: Some((Color::rgb(0.6, 0.5, 0.2), Pt(2.0))),
        pad_x: Pt(12.0),
        pad_y: Pt(10.0),
    }
}

#[test]
fn a_panel_taller_than_a_page_splits_into_boxes_and_keeps_all_its_text() {
    let inner: Vec<FlowBlock> = (1..=90)
        .map(|i| line(&format!("Step{i} of the panel")))
        .collect();
    let blocks = vec![
        line("Before the panel"),
        FlowBlock::Panel {
            blocks: inner,
            look: look(),
        },
        line("After the panel"),
    ];
    let mut f = Flow::new(spec(), Look::plain(FontId::Sans), 0);
    f.place(&blocks);
    let doc = f.finish("Panels", "en");
    assert!(doc.pages.len() >= 3, "{} pages", doc.pages.len());
    let mut seen = Vec::new();
    for (n, page) in doc.pages.iter().enumerate() {
        let boxes = fills(page);
        for item in &page.items {
            let Some(t) = text_of(item) else { continue };
            if let Some(step) = t.strip_prefix("Step") {
                let b = item.bounds();
                assert!(
                    boxes.iter().any(|r| inside(b, *r)),
                    "page {}: {t:?} is outside its box",
                    n + 1
                );
                seen.push(
                    step.split_whitespace()
                        .next()
                        .unwrap()
                        .parse::<u32>()
                        .unwrap(),
                );
            } else if t.starts_with("Before") || t.starts_with("After") {
                assert!(
                    !boxes.iter().any(|r| inside(item.bounds(), *r)),
                    "{t:?} is in the box"
                );
            }
        }
        // One box per page the panel reaches, within the margins.
        assert!(boxes.len() <= 1, "page {}: {boxes:?}", n + 1);
        for r in boxes {
            assert!(r.y >= Pt(39.0) && r.bottom() <= Pt(595.0 - 39.0), "{r:?}");
        }
    }
    assert_eq!(seen, (1..=90).collect::<Vec<_>>());
    let with_box = doc.pages.iter().filter(|p| !fills(p).is_empty()).count();
    assert!(with_box >= 3, "{with_box} pages with a box");
}

#[test]
fn a_panel_that_fits_a_page_is_not_split() {
    let filler: Vec<FlowBlock> = (1..=30).map(|i| line(&format!("Filler {i}"))).collect();
    let inner: Vec<FlowBlock> = (1..=12).map(|i| line(&format!("Step{i}"))).collect();
    let mut blocks = filler;
    blocks.push(FlowBlock::Panel {
        blocks: inner,
        look: look(),
    });
    let mut f = Flow::new(spec(), Look::plain(FontId::Sans), 0);
    f.place(&blocks);
    let doc = f.finish("Panels", "en");
    let pages: Vec<usize> = doc
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.text().contains("Step"))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(pages.len(), 1, "the panel is on pages {pages:?}");
    assert_eq!(fills(&doc.pages[pages[0]]).len(), 1);
}

#[test]
fn the_notes_at_the_end_of_a_week_fill_their_page() {
    for (name, project) in programs() {
        let notes = project.program.strings.get("notes").to_string();
        for paper in [Paper::A4, Paper::Letter] {
            for duplex in [false, true] {
                let doc = workbook(&project, paper, duplex);
                let spec = kintsugi::render::print::style::book_page(paper);
                let bottom = spec.size.h - spec.bottom;
                let mut count = 0;
                for (n, page) in doc.pages.iter().enumerate() {
                    let has_notes = page.items.iter().any(|i| {
                        matches!(
                            i,
                            Element::Text {
                                font: FontId::SansBold,
                                ..
                            }
                        ) && text_of(i).as_deref() == Some(notes.as_str())
                    });
                    if !has_notes {
                        continue;
                    }
                    count += 1;
                    // The lowest thing above the page number reaches the foot of the text area.
                    let low = page
                        .items
                        .iter()
                        .map(|i| i.bounds().bottom())
                        .filter(|b| *b <= bottom + Pt(1.0))
                        .fold(Pt::ZERO, Pt::max);
                    assert!(
                        low >= bottom - Pt(30.0),
                        "{name} {paper:?} duplex={duplex} page {}: the Notes stop at {low:?}, the text area at {bottom:?}",
                        n + 1
                    );
                    // And there are write-in lines on the page, several of them.
                    let lines = page
                        .items
                        .iter()
                        .filter(|i| matches!(i, Element::Line { from, to, .. } if from.y == to.y && (to.x - from.x).0 > 200.0))
                        .count();
                    assert!(lines >= 6, "{name} page {}: {lines} lines", n + 1);
                }
                assert_eq!(
                    count,
                    project.program.weeks.len(),
                    "{name}: one Notes area a week"
                );
            }
        }
    }
}

#[test]
fn each_week_opens_with_its_number_large_in_the_accent_and_its_focus() {
    use kintsugi::render::print::style::Palette;
    for (name, project) in programs() {
        let p = &project.program;
        let accent = Palette::of(&p.brand).accent;
        for paper in [Paper::A4, Paper::Letter] {
            let doc = workbook(&project, paper, false);
            for week in &p.weeks {
                let page = doc.anchor_page(&format!("week-{}", week.number)).unwrap();
                let page = &doc.pages[page];
                let number = page.items.iter().find(|i| {
                    matches!(i, Element::Text { color, size, .. } if *color == accent && *size >= Pt(48.0))
                        && text_of(i) == Some(week.number.to_string())
                });
                assert!(
                    number.is_some(),
                    "{name} {paper:?}: week {} has no large number",
                    week.number
                );
                let text = common::fold(&page.text());
                let focus: String = week
                    .focus
                    .split_whitespace()
                    .take(4)
                    .collect::<Vec<_>>()
                    .join(" ");
                assert!(
                    text.contains(&week.title) && text.contains(&focus),
                    "{name}: {text}"
                );
            }
        }
    }
}

#[test]
fn the_back_cover_is_the_last_page_with_the_authors_line_and_even_when_duplex() {
    let sleep = Fixture::named("sleep-reset");
    let project = kintsugi::check(sleep.root()).unwrap();
    for paper in [Paper::A4, Paper::Letter] {
        for duplex in [false, true] {
            let doc = workbook(&project, paper, duplex);
            let last = doc.pages.last().unwrap();
            let text = common::fold(&last.text());
            assert!(
                text.contains("A course by Mara Lind, sleep coach")
                    && text.contains(&project.program.title),
                "{paper:?} duplex={duplex}: the last page says {text:?}"
            );
            if duplex {
                assert_eq!(
                    doc.pages.len() % 2,
                    0,
                    "{paper:?}: the back cover is page {}",
                    doc.pages.len()
                );
            }
        }
    }
    // The default program has no back_cover: its summary is there instead.
    let default = Fixture::default_program();
    let project = kintsugi::check(default.root()).unwrap();
    let doc = workbook(&project, Paper::A4, true);
    let text = common::fold(&doc.pages.last().unwrap().text());
    let start: String = project
        .program
        .summary
        .split_whitespace()
        .take(5)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(&start), "{text:?}");
    assert_eq!(doc.pages.len() % 2, 0);
}

#[test]
fn an_empty_back_cover_is_an_error_at_its_line() {
    let f = Fixture::named("sleep-reset");
    f.replace(
        "content/program.md",
        "back_cover: |\n  A course by **Mara Lind**, sleep coach, for her evening groups.\n  More at [example.org/sleep](https://example.org/sleep/).\n",
        "back_cover: \"  \"\n",
    );
    let d = f.diagnostics();
    let text = d.to_string();
    assert!(text.contains("`back_cover` is empty"), "{text}");
    assert!(text.contains("program.md:8"), "{text}");
}

/// The accent-coloured lines on the cover, as (from, to) pairs.
fn cover_seams(doc: &Document, accent: kintsugi::pdf::units::Color) -> Vec<(Pt, Pt, Pt, Pt)> {
    doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Element::Line {
                from, to, color, ..
            } if *color == accent => Some((from.x, from.y, to.x, to.y)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_cover_has_a_pattern_from_its_title_and_the_organisation_line() {
    for (name, mut project) in programs() {
        // Without a cover picture (the sleep course has one: tests/brand.rs).
        project.program.cover = None;
        let accent = kintsugi::render::print::style::Palette::of(&project.program.brand).accent;
        for paper in [Paper::A4, Paper::Letter] {
            let doc = workbook(&project, paper, false);
            let seams = cover_seams(&doc, accent);
            assert!(seams.len() > 30, "{name} {paper:?}: {} seams", seams.len());
            // Inside the page's safe area, and the same every time.
            let size = doc.pages[0].size;
            for &(x0, y0, x1, y1) in &seams {
                for (x, y) in [(x0, y0), (x1, y1)] {
                    assert!(
                        x >= Pt::mm(10.0)
                            && x <= size.w - Pt::mm(10.0)
                            && y >= Pt::mm(10.0)
                            && y <= size.h - Pt::mm(10.0)
                    );
                }
            }
            assert_eq!(
                seams,
                cover_seams(&workbook(&project, paper, false), accent)
            );
            assert_eq!(
                fills(&doc.pages[0]).len(),
                1,
                "{name}: the pattern's tinted field"
            );
        }
        // Another title, another pattern.
        let before = cover_seams(&workbook(&project, Paper::A4, false), accent);
        project.program.title.push_str(" II");
        assert_ne!(
            before,
            cover_seams(&workbook(&project, Paper::A4, false), accent)
        );
        // The organisation's name, when the brand gives one.
        let doc = workbook(&project, Paper::A4, false);
        assert!(!doc.pages[0].text().contains("NORTHSIDE"));
        project.program.brand.name = Some("Northside Sleep Clinic".into());
        let doc = workbook(&project, Paper::A4, false);
        assert!(
            doc.pages[0].text().contains("NORTHSIDE SLEEP CLINIC"),
            "{name}: {}",
            doc.pages[0].text()
        );
    }
}
