//! Markdown without loss: every CommonMark spec example, and pulldown-cmark's
//! examples of the extensions kintsugi reads (GitHub tables, task lists,
//! strikethrough; footnotes; definition lists), go through the site writer
//! and the PDF layout. The words the site shows must all be in the PDF's
//! text, in order, and nothing of Markdown's syntax may be printed raw,
//! unless the site shows it as well (as code, say) or `check` reports it.
//! Data and licences: tests/data/README.md.

use kintsugi::model::kinds::Paper;
use kintsugi::model::text::{issues, parse_blocks, IssueKind};
use kintsugi::pdf::flow::Flow;
use kintsugi::pdf::units::Pt;
use kintsugi::render::print::{prose, style};
use kintsugi::render::site::html;
use serde::Deserialize;

#[derive(Deserialize)]
struct Example {
    #[serde(default)]
    number: u32,
    #[serde(default)]
    name: String,
    markdown: String,
}

fn examples(path: &str) -> Vec<Example> {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Drops every element that starts with `open` (and has no element of its kind inside).
fn drop_elements(html: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        match rest[i..].find(close) {
            Some(j) => rest = &rest[i + j + close.len()..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

/// The text a browser shows for our HTML: tags dropped (a tag or line break
/// counts as a space), entities decoded. Footnote calls and back links are
/// left out: the PDF numbers its notes on its own (web addresses are notes
/// there too) and has no back links.
fn html_text(html: &str) -> String {
    let html = drop_elements(html, "<a href=\"#fnref-", "</a>");
    let html = drop_elements(&html, "<sup class=\"footnote-ref\">", "</sup>");
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The PDF's text of one example, laid out as a workbook chapter's body.
fn pdf_text(markdown: &str) -> String {
    let blocks = parse_blocks(markdown);
    let flow_blocks = prose::blocks(&blocks, &Default::default(), Pt::ZERO, 2);
    let mut flow = Flow::new(style::book_page(Paper::A4), style::book_look(), 0);
    flow.place(&flow_blocks);
    let doc = flow.finish("t", "en");
    doc.pages
        .iter()
        .map(|p| p.text())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text reduced to what both outputs must agree on: no white space (the PDF
/// sets spaces as gaps, code's as no-break spaces), no hyphens (the PDF
/// hyphenates), no footnote calls (superscript digits; see [`html_text`]).
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{ad}' | '\u{2010}'))
        .filter(|c| !"⁰¹²³⁴⁵⁶⁷⁸⁹".contains(*c))
        .collect()
}

/// The first word of `site` not found in `pdf` after the words before it.
fn missing_word(site: &str, pdf: &str) -> Option<String> {
    let pdf = squash(pdf);
    let mut at = 0;
    for word in site.split_whitespace() {
        let w = squash(word);
        if w.is_empty() {
            continue;
        }
        match pdf[at..].find(&w) {
            Some(i) => at += i + w.len(),
            None => return Some(word.to_string()),
        }
    }
    None
}

/// Markdown syntax that must never reach paper as written.
const RAW: [&str; 5] = ["|---", "[^", "[x]", "[ ]", "~~"];

/// Checks one example; returns what is wrong, if anything.
fn check(label: &str, markdown: &str) -> Option<String> {
    let blocks = parse_blocks(markdown);
    let page = html::blocks(&blocks);
    let site = html_text(&page);
    let pdf = pdf_text(markdown);
    // The text in order; the site's footnotes (listed at the end) each on its
    // own, since the PDF sets them at the foot of the page that calls them.
    let (main, notes) = page
        .split_once("<section class=\"footnotes\"")
        .unwrap_or((&page, ""));
    let parts = std::iter::once(main.to_string()).chain(
        notes
            .split("<li id=")
            .skip(1)
            .map(|n| format!("<li id={n}")),
    );
    for part in parts {
        let part = html_text(&part);
        if let Some(w) = missing_word(&part, &pdf) {
            return Some(format!(
                "{label}: the site shows `{w}`, the PDF does not\n  markdown: {markdown:?}\n  site: {site:?}\n  pdf: {pdf:?}"
            ));
        }
    }
    let found = issues(markdown);
    for raw in RAW {
        let squashed = squash(raw);
        if !squash(&pdf).contains(&squashed) {
            continue;
        }
        // Shown raw on purpose (code, an escaped bracket) when the site shows it too;
        // a footnote call left as written must be reported by check.
        let on_site = squash(&site).contains(&squashed);
        let reported = raw != "[^"
            || found
                .iter()
                .any(|i| matches!(i.kind, IssueKind::UndefinedNote(_)));
        if !on_site || !reported {
            return Some(format!(
                "{label}: `{raw}` is printed raw (site shows it: {on_site}, check reports it: {reported})\n  markdown: {markdown:?}\n  pdf: {pdf:?}"
            ));
        }
    }
    None
}

fn run(examples: &[(String, String)]) {
    let failures: Vec<String> = examples.iter().filter_map(|(l, m)| check(l, m)).collect();
    assert!(
        failures.is_empty(),
        "{} of {} examples lose text in the PDF:\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n")
    );
}

#[test]
fn every_commonmark_example_shows_the_same_text_in_the_pdf_as_on_the_site() {
    let ex: Vec<(String, String)> = examples("tests/data/commonmark/spec.json")
        .into_iter()
        .map(|e| (format!("spec example {}", e.number), e.markdown))
        .collect();
    assert_eq!(ex.len(), 652);
    run(&ex);
}

#[test]
fn every_extension_example_shows_the_same_text_in_the_pdf_as_on_the_site() {
    let ex: Vec<(String, String)> = examples("tests/data/pulldown-cmark/extensions.json")
        .into_iter()
        .map(|e| (e.name, e.markdown))
        .collect();
    assert!(ex.len() > 100);
    run(&ex);
}

#[test]
fn raw_html_and_images_are_reported_by_check() {
    // Raw HTML is shown as text in both outputs; check names it.
    for e in examples("tests/data/commonmark/spec.json") {
        let html_like = parse_blocks(&e.markdown);
        let shown = html::blocks(&html_like);
        if shown.contains("&lt;div") {
            let found = issues(&e.markdown);
            assert!(
                found.iter().any(|i| matches!(i.kind, IssueKind::Html(_))),
                "example {}: {:?}",
                e.number,
                e.markdown
            );
        }
    }
}
