//! A program may leave out rituals, the FAQ, tables, scripts and exercises: its
//! workbook and site then have no chapter, page, link or search entry for them.

mod common;

use common::{Fixture, Pdf};
use std::path::Path;

/// Every page's HTML of a built site, with its path.
fn pages(site: &Path) -> Vec<(String, String)> {
    common::tree(site)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// The workbook's outline entries (its chapters), read from the PDF's bookmarks.
fn chapters(pdf: &Pdf) -> Vec<String> {
    let doc = &pdf.doc;
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut out = Vec::new();
    let mut next = outlines
        .get(b"First")
        .ok()
        .map(|o| o.as_reference().unwrap());
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap();
        let title = item.get(b"Title").unwrap().as_str().unwrap();
        out.push(
            lopdf::decode_text_string(&lopdf::Object::String(
                title.to_vec(),
                lopdf::StringFormat::Literal,
            ))
            .unwrap_or_default(),
        );
        next = item.get(b"Next").ok().map(|o| o.as_reference().unwrap());
    }
    out
}

#[test]
fn a_program_without_rituals_faq_or_tables_checks_and_builds_without_them() {
    let f = Fixture::named("sleep-reset");
    assert!(f.diagnostics().0.is_empty(), "{}", f.diagnostics());
    f.build(None)
        .unwrap_or_else(|e| panic!("build failed: {e:#}"));
    let site = f.out().join("site");
    for gone in ["rituals.html", "faq.html"] {
        assert!(!site.join(gone).exists(), "{gone} was made");
    }
    assert!(!site.join("tables").exists(), "a tables folder was made");
    assert!(site.join("exercises/index.html").is_file());
    for (path, html) in pages(&site) {
        for link in ["rituals.html", "faq.html", "tables/"] {
            assert!(!html.contains(link), "{path} links to {link}");
        }
    }
    let index = std::fs::read_to_string(site.join("search-index.js")).unwrap();
    assert!(!index.contains("rituals.html") && !index.contains("faq.html"));
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("plan.html"));
    assert!(!sitemap.contains("rituals.html") && !sitemap.contains("faq.html"));

    let book = Pdf::open(&f.out().join("workbook.pdf"));
    let titles = chapters(&book);
    assert!(
        titles.iter().any(|t| t.contains("Week 4")),
        "no week chapters in {titles:?}"
    );
    assert!(
        !titles
            .iter()
            .any(|t| t.contains("ritual") || t.contains("FAQ")),
        "{titles:?}"
    );
}

#[test]
fn a_program_without_exercises_or_scripts_has_no_lists_of_them() {
    let f = Fixture::named("sleep-reset");
    for dir in ["exercises", "scripts"] {
        std::fs::remove_dir_all(f.root().join("content").join(dir)).unwrap();
    }
    // The weeks no longer name what is gone.
    for n in 1..=4 {
        let rel = format!("content/weeks/week-{n}.md");
        let path = f.root().join(&rel);
        let text = std::fs::read_to_string(&path).unwrap();
        let kept: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with("exercises:") && !l.starts_with("scripts:"))
            .collect();
        std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    }
    // Nor do the texts link to them.
    f.replace(
        "content/program.md",
        "[breathing exercise](exercises/breathing.md)",
        "breathing exercise",
    );
    f.replace(
        "content/weeks/week-3.md",
        "[body scan](@body-scan)",
        "body scan",
    );
    let d = f.diagnostics();
    assert!(d.0.is_empty(), "{d}");
    f.build(None)
        .unwrap_or_else(|e| panic!("build failed: {e:#}"));
    let site = f.out().join("site");
    assert!(!site.join("exercises/index.html").exists());
    assert!(!site.join("scripts/index.html").exists());
    for (path, html) in pages(&site) {
        assert!(!html.contains("exercises/index.html"), "{path}");
        assert!(!html.contains("scripts/index.html"), "{path}");
    }
}

/// Builds Sam's workbook from `people/sam.yaml`.
fn personal_build(f: &Fixture) -> anyhow::Result<kintsugi::BuildReport> {
    kintsugi::build(&kintsugi::BuildOptions {
        root: f.root().to_path_buf(),
        out: f.out(),
        paper: None,
        duplex: false,
        flat: false,
        profile: Some(f.root().join("people/sam.yaml")),
        base_url: None,
    })
}

#[test]
fn a_profile_naming_a_ritual_of_a_program_without_rituals_is_told_so() {
    let f = Fixture::named("sleep-reset");
    f.write(
        "people/sam.yaml",
        "name: Sam\nstart: 2026-03-02\nritual: evening-walk\n",
    );
    let err = personal_build(&f).unwrap_err();
    let d = err.downcast::<kintsugi::diag::Diagnostics>().unwrap();
    let shown = d.to_string();
    assert!(shown.contains("the program has no rituals"), "{shown}");
    assert!(d.0.iter().all(|x| x.line == 3), "{shown}");
}

#[test]
fn a_profile_of_a_program_without_rituals_gets_no_ritual_line() {
    let f = Fixture::named("sleep-reset");
    f.write("people/sam.yaml", "name: Sam\nstart: 2026-03-02\n");
    personal_build(&f).unwrap_or_else(|e| panic!("personal build failed: {e:#}"));
    let mut texts = String::new();
    for (path, _) in common::tree(&f.out().join("personal")) {
        if path.ends_with(".pdf") {
            texts.push_str(&Pdf::open(&f.out().join("personal").join(&path)).text());
        }
    }
    assert!(texts.contains("Sam"), "no personal PDFs");
    assert!(!texts.contains("Ritual"), "{texts}");
}

#[test]
fn a_ritual_placeholder_in_a_program_without_rituals_is_an_error() {
    let f = Fixture::named("sleep-reset");
    f.replace(
        "content/weeks/week-4.md",
        "keep the log",
        "keep {{ ritual }} and the log",
    );
    let d: Vec<String> = f.diagnostics().0.iter().map(|d| d.to_string()).collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0].starts_with("content/weeks/week-4.md:")
            && d[0].contains("`{{ ritual }}` would print nothing: the program has no rituals"),
        "{d:?}"
    );
}
