//! A second program, written as a coach would, builds cleanly and shows none of the default program's words.
//!
//! `tests/fixtures/sleep-reset` is a four-week sleep course for a group: one
//! reader, no partner, no rituals, no FAQ, no YAML tables, but the Markdown
//! people paste in (pipe tables, footnotes, task lists, code, `@id` links,
//! external links). Everything the tool prints for it must come from that
//! content or from the tool's neutral strings.

mod common;

use common::{fold, tree, Fixture, Pdf};
use std::collections::BTreeMap;

/// Words and phrases that belong to the default program ("The Art of
/// Imperfection", for couples) and must never reach another program's outputs.
const DEFAULT_PROGRAM_WORDS: &[&str] = &[
    "six-week",
    "six weeks",
    "the six",
    "couple",
    "partner",
    "together",
    "the two of you",
    "each other",
    "imperfect",
    "practise",
    "ritual",
    "thirty days",
    "apology",
    "vulnerab",
    "repair",
    "questions",
];

/// What a reader sees of each output: PDF text per file, site pages as text.
fn outputs_as_text(out: &std::path::Path) -> BTreeMap<String, String> {
    let mut texts = BTreeMap::new();
    for (rel, bytes) in tree(out) {
        if rel.ends_with(".pdf") {
            texts.insert(rel.clone(), Pdf::open(&out.join(&rel)).text());
        } else if rel.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            texts.insert(rel, fold(&html_text(&html)));
        } else if rel.ends_with(".json") || rel.ends_with(".txt") || rel.ends_with(".xml") {
            texts.insert(rel, String::from_utf8(bytes).unwrap());
        }
    }
    texts
}

/// The text of an HTML page: tags dropped (attribute values a reader meets,
/// such as `title`, `alt` and `aria-label`, kept), entities for quotes decoded.
fn html_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        let tag = &rest[open..close];
        for attr in [
            "title=\"",
            "alt=\"",
            "aria-label=\"",
            "placeholder=\"",
            "content=\"",
        ] {
            if let Some(at) = tag.find(attr) {
                let value = &tag[at + attr.len()..];
                text.push_str(&value[..value.find('"').unwrap_or(value.len())]);
                text.push(' ');
            }
        }
        rest = &rest[close..];
    }
    text.push_str(rest);
    text.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

fn built() -> (Fixture, BTreeMap<String, String>) {
    let f = Fixture::named("sleep-reset");
    // `check` as an author runs it: no error and no warning (notes are fine).
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kintsugi"))
        .args(["check", "--format", "json", "--root"])
        .arg(f.root())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "check --format json: {e}: {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    let problems: Vec<_> = report
        .as_array()
        .expect("a JSON array")
        .iter()
        .filter(|d| d["severity"] != "note")
        .collect();
    assert!(
        problems.is_empty(),
        "the second program must check clean: {problems:#?}"
    );
    assert!(out.status.success());
    f.build(None).expect("the second program builds");
    let texts = outputs_as_text(&f.out());
    (f, texts)
}

#[test]
fn no_output_shows_the_default_programs_words() {
    let (_f, texts) = built();
    assert!(texts.contains_key("workbook.pdf"), "{:?}", texts.keys());
    assert!(texts.keys().any(|k| k.starts_with("worksheets/")));
    assert!(texts.contains_key("site/index.html"));
    let mut found = Vec::new();
    for (file, text) in &texts {
        let lower = text.to_lowercase();
        for word in DEFAULT_PROGRAM_WORDS {
            if let Some(at) = lower.find(word) {
                let from = lower[..at]
                    .char_indices()
                    .rev()
                    .nth(40)
                    .map_or(0, |(i, _)| i);
                let to = (at + word.len() + 40).min(lower.len());
                let to = (to..=lower.len())
                    .find(|&i| lower.is_char_boundary(i))
                    .unwrap();
                found.push(format!("{file}: {word:?} in …{}…", &lower[from..to]));
            }
        }
    }
    assert!(
        found.is_empty(),
        "default program words:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_programs_own_words_are_all_there() {
    let (_f, texts) = built();
    let book = &texts["workbook.pdf"];
    let site: String = texts
        .iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(_, v)| v.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    for words in [
        "The Sleep Reset",
        "Four weeks to calmer nights",
        "Wake at the same time",
        "Light by day, dark by night",
        "A wind-down that works",
        "Keeping it going",
        "4-7-8 breathing",
        "Body scan",
        "Saying no to late plans",
        "My sleep log",
        "Screens off at 21:00",
        "Regular wake times help the body clock",
        "Night Shift",
        "The half hour before bed",
    ] {
        assert!(book.contains(words), "the workbook lacks {words:?}");
        assert!(site.contains(words), "the site lacks {words:?}");
    }
}

#[test]
fn nothing_is_printed_raw() {
    let (_f, texts) = built();
    for (file, text) in &texts {
        if file.ends_with(".json") || file.ends_with(".xml") {
            continue;
        }
        for raw in [
            "|---",
            "|:--",
            "[^",
            "[x]",
            "[ ]",
            "~~",
            "{{",
            "}}",
            "](@",
            "@sleep-log",
            "](../",
            "kintsugi:",
        ] {
            assert!(!text.contains(raw), "{file} shows {raw:?} raw");
        }
    }
}

#[test]
fn chapters_and_pages_the_program_leaves_out_are_not_linked() {
    let f = Fixture::named("sleep-reset");
    f.build(None).expect("builds");
    let site = f.out().join("site");
    assert!(!site.join("rituals.html").exists());
    assert!(!site.join("faq.html").exists());
    assert!(!site.join("tables.html").exists());
    for (rel, bytes) in tree(&site) {
        if rel.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            for page in ["rituals.html", "faq.html", "tables.html"] {
                assert!(!html.contains(page), "{rel} links to {page}");
            }
        }
    }
}

#[test]
fn the_sleep_log_prints_and_shows_its_picture() {
    let (f, texts) = built();
    let kinds = common::xobjects(&f.out().join("worksheets/sleep-log.pdf"));
    // The brand's logo is one form, the wake-window SVG the other.
    assert_eq!(
        kinds.iter().filter(|(s, _)| s == "Form").count(),
        2,
        "the wake-window SVG is drawn on the sheet beside the logo: {kinds:?}"
    );
    assert!(texts["worksheets/sleep-log.pdf"].contains("Keep your wake time inside this hour."));
    let page = std::fs::read_to_string(f.out().join("site/worksheets/sleep-log.html")).unwrap();
    assert!(
        page.contains("alt=\"A bar across the day with one hour marked in blue: the wake window\" width=\"480\" height=\"160\""),
        "{page}"
    );
    assert!(page.contains("<figcaption>Keep your wake time inside this hour.</figcaption>"));
}
