//! The default program in French and German: the tool's own words in every
//! output are the language's, and none of the English table is left.

mod common;

use common::{Fixture, Pdf};
use std::collections::BTreeMap;

/// Every word a reader sees in a build: the PDFs' text and the site's pages.
fn everything_built(out: &std::path::Path) -> String {
    let mut text = Pdf::open(&out.join("workbook.pdf")).text();
    for (path, bytes) in common::tree(out) {
        if path.ends_with(".pdf") && !path.ends_with("workbook.pdf") {
            text.push_str(&Pdf::open(&out.join(&path)).text());
        }
        // Pages and the search index (search.js is code: its words come from the pages).
        if path.ends_with(".html") || path.ends_with("search-index.js") {
            text.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    // pdftotext and HTML both keep non-breaking spaces; compare with plain ones.
    text.replace('\u{a0}', " ")
}

/// Everything the author wrote, whose words may be English by right.
fn authors_words(root: &std::path::Path) -> String {
    let mut text = std::fs::read_to_string(root.join("kintsugi.yaml")).unwrap();
    for (path, bytes) in common::tree(&root.join("content")) {
        if path.ends_with(".md") || path.ends_with(".yaml") {
            text.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    text
}

fn table(lang: &str) -> BTreeMap<String, String> {
    let path = common::repo().join(format!("src/strings/{lang}.yaml"));
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The literal pieces of an English entry, between its `{names}`, that are
/// long enough to be words (`Week {n} of {total}` gives `Week`, `of`: only `Week`).
fn fragments(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = value;
    while !rest.is_empty() {
        let (piece, tail) = match rest.find('{') {
            Some(i) => (
                &rest[..i],
                rest[i..].find('}').map_or("", |j| &rest[i + j + 1..]),
            ),
            None => (rest, ""),
        };
        let piece = piece.trim_matches(|c: char| !c.is_alphanumeric());
        if piece.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            out.push(piece.replace('\u{a0}', " "));
        }
        rest = tail;
    }
    out
}

/// True when `text` has `words` with no letter or digit right before or after them.
fn contains_words(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn builds_in(lang: &str, wanted: &[&str]) {
    let f = Fixture::default_program();
    f.replace(
        "kintsugi.yaml",
        "language: en",
        &format!("language: {lang}"),
    );
    f.build(None)
        .unwrap_or_else(|e| panic!("build failed: {e:#}"));
    let built = everything_built(&f.out());
    for word in wanted {
        assert!(built.contains(word), "no {word:?} in the {lang} outputs");
    }
    // No entry of the English table is left, unless the author wrote the same words.
    let (en, theirs) = (table("en"), table(lang));
    let author = authors_words(f.root());
    let mut checked = 0;
    for (key, english) in &en {
        if theirs.get(key) == Some(english) {
            continue;
        }
        for piece in fragments(english) {
            if author.contains(&piece) {
                continue;
            }
            checked += 1;
            assert!(
                !contains_words(&built, &piece),
                "English {piece:?} (`{key}`) in the {lang} outputs"
            );
        }
    }
    assert!(checked > 80, "only {checked} English words were looked for");
}

#[test]
fn the_default_program_in_french_has_no_english_labels_left() {
    builds_in("fr", &["Semaine 1", "Sommaire", "Notes"]);
}

#[test]
fn the_default_program_in_german_has_no_english_labels_left() {
    builds_in("de", &["Woche 1", "Inhalt", "Notizen", "Diese Woche"]);
}

#[test]
fn fragments_are_the_words_between_the_names() {
    assert!(contains_words("a Date.", "Date") && !contains_words("Dateien", "Date"));
    assert_eq!(fragments("Week {n} of {total}"), ["Week"]);
    assert_eq!(
        fragments("{title} · made with kintsugi"),
        ["made with kintsugi"]
    );
    assert_eq!(fragments("(p.\u{a0}{n})"), Vec::<String>::new());
}

#[test]
fn a_passage_in_another_language_is_marked_on_the_site_and_hyphenated_in_its_own() {
    let f = Fixture::named("sleep-reset");
    let german = "Schlafenszeit Schlafenszeit Schlafenszeit Schlafenszeit Schlafenszeit \
                  Schlafenszeit Schlafenszeit Schlafenszeit Schlafenszeit Schlafenszeit";
    f.replace(
        "content/weeks/week-1.md",
        "Pick a time you can keep on Saturday too.",
        &format!("Pick a time you can keep on Saturday too. [{german}]{{lang=de}}"),
    );
    assert!(f.diagnostics().0.is_empty(), "{}", f.diagnostics());
    f.build(None)
        .unwrap_or_else(|e| panic!("build failed: {e:#}"));
    let page = std::fs::read_to_string(f.out().join("site/weeks/week-1.html")).unwrap();
    assert!(
        page.contains(&format!("<span lang=\"de\">{german}</span>")),
        "{page}"
    );
    // Cut where German cuts it (Schla-fens-zeit), never where English would (Schlafen-szeit).
    let text = Pdf::open(&f.out().join("workbook.pdf")).text();
    assert!(
        !text.contains("Schlafen-"),
        "cut with English patterns: {text}"
    );
    assert!(!text.contains("{lang"), "the marker printed");
    // A marker whose tag is none is a warning at its place, and prints as written.
    f.replace("content/weeks/week-1.md", "{lang=de}", "{lang=German}");
    let project = kintsugi::check(f.root()).unwrap();
    let all = kintsugi::validate::review(&project);
    let w = all
        .iter()
        .find(|x| x.message.contains("`German` is not a language tag"))
        .unwrap_or_else(|| panic!("no warning in {all:?}"));
    assert_eq!(w.file.to_str(), Some("content/weeks/week-1.md"));
    assert_eq!(w.severity, kintsugi::diag::Severity::Warning);
}
