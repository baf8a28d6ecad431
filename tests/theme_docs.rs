//! docs/theme.md lists every template of the built-in theme and every variable each gets.
//!
//! The variables are not listed here by hand: each page template is replaced
//! by one that prints its whole context (`{{ __tera_context }}`), the default
//! program is built, and the keys of what each page received are looked up
//! in that template's section of the document.

mod common;

use common::Fixture;
use std::collections::BTreeMap;

fn doc() -> String {
    std::fs::read_to_string(common::repo().join("docs/theme.md")).unwrap()
}

/// The text of `### name` in the document, up to the next heading of that level.
fn section(doc: &str, name: &str) -> String {
    let head = format!("### {name}\n");
    let start = doc
        .find(&head)
        .unwrap_or_else(|| panic!("docs/theme.md has no section `### {name}`"));
    let rest = &doc[start + head.len()..];
    let end = rest
        .find("\n### ")
        .or_else(|| rest.find("\n## "))
        .unwrap_or(rest.len());
    rest[..end].to_string()
}

#[test]
fn every_built_in_file_has_a_section() {
    let doc = doc();
    for (name, _) in kintsugi::render::site::theme::builtin() {
        section(&doc, name);
    }
}

#[test]
fn every_variable_a_page_template_gets_is_documented() {
    // A page made with each template, and the template.
    let pages = [
        ("index.html", "index.html"),
        ("plan.html", "plan.html"),
        ("weeks/week-1.html", "week.html"),
        ("exercises/index.html", "list.html"),
        ("exercises/two-minute-truth.html", "exercise.html"),
        ("worksheets/index.html", "printables.html"),
        ("rituals.html", "rituals.html"),
        ("faq.html", "faq.html"),
        ("search.html", "search.html"),
        ("404.html", "404.html"),
    ];
    let f = Fixture::default_program();
    let dumped: Vec<&str> = pages.iter().map(|(_, t)| *t).collect();
    for t in &dumped {
        f.write(&format!("templates/{t}"), "{{ __tera_context }}");
    }
    // Templates whose pages have ids: the first of each kind.
    let p = kintsugi::check(f.root()).unwrap().program;
    let mut pages: Vec<(String, &str)> = pages.iter().map(|(a, b)| (a.to_string(), *b)).collect();
    pages.push((format!("scripts/{}.html", p.scripts[0].id), "script.html"));
    pages.push((
        format!("worksheets/{}.html", p.worksheets[0].id),
        "worksheet.html",
    ));
    pages.push((format!("tables/{}.html", p.tables[0].id), "table.html"));
    for t in ["script.html", "worksheet.html", "table.html"] {
        f.write(&format!("templates/{t}"), "{{ __tera_context }}");
    }
    f.build(None)
        .unwrap_or_else(|e| panic!("build failed: {e:#}"));
    let doc = doc();
    let common = section(&doc, "base.html")
        + &doc[doc.find("## What every page").unwrap()..doc.find("## The templates").unwrap()];
    let mut seen = 0;
    for (page, template) in &pages {
        let html = std::fs::read_to_string(f.out().join("site").join(page))
            .unwrap_or_else(|e| panic!("{page}: {e}"));
        let json = html
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        let context: BTreeMap<String, serde_json::Value> = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("{page} is not the context as JSON: {e}\n{json}"));
        let own = section(&doc, template);
        for (key, value) in &context {
            let named = format!("`{key}`");
            assert!(
                own.contains(&named) || common.contains(&named),
                "docs/theme.md does not say that {template} gets `{key}`"
            );
            if key == "base" {
                for k in value.as_object().unwrap().keys() {
                    assert!(
                        common.contains(&format!("`base.{k}`")),
                        "docs/theme.md does not list `base.{k}`"
                    );
                }
            }
            seen += 1;
        }
        assert!(
            context.contains_key("t") && context.contains_key("base"),
            "{page}"
        );
    }
    assert!(seen > 40, "{seen} variables");
}
