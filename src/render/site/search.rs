//! The site's search index: every page's title and plain text, as a script
//! that defines one variable, so search works offline and opened from disk
//! (where a page cannot fetch a JSON file).

use super::urls;
use crate::model::text::{inline_text, plain_text};
use crate::model::Program;
use serde::Serialize;

/// One searchable page.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// Page title.
    pub t: String,
    /// Path from the site root.
    pub u: String,
    /// Section, shown beside the result.
    pub s: String,
    /// Plain text of the page.
    pub x: String,
}

fn entry(title: &str, url: String, section: &str, parts: Vec<String>) -> Entry {
    let text = parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Entry {
        t: title.to_string(),
        u: url,
        s: section.to_string(),
        x: text,
    }
}

/// Every page of the (public) program, in site order.
pub fn entries(p: &Program) -> Vec<Entry> {
    let t = &p.strings;
    let mut out = vec![entry(
        &p.title,
        urls::HOME.into(),
        t.get("section_home"),
        vec![p.summary.clone(), plain_text(&p.intro)],
    )];
    for w in &p.weeks {
        let tasks = w
            .tasks
            .iter()
            .map(|t| inline_text(t))
            .collect::<Vec<_>>()
            .join(" ");
        out.push(entry(
            &t.fmt("week_title", &[("n", &w.number), ("title", &w.title)]),
            urls::week(w.number),
            t.get("section_plan"),
            vec![w.focus.clone(), tasks, plain_text(&w.body)],
        ));
    }
    for e in &p.exercises {
        let steps = e
            .steps
            .iter()
            .map(|s| inline_text(s))
            .collect::<Vec<_>>()
            .join(" ");
        out.push(entry(
            &e.title,
            urls::exercise(&e.id),
            t.get("section_exercises"),
            vec![e.summary.clone(), steps, plain_text(&e.body)],
        ));
    }
    for s in &p.scripts {
        let parts = s
            .parts
            .iter()
            .map(|x| format!("{} {}", x.name, inline_text(&x.text)))
            .collect::<Vec<_>>()
            .join(" ");
        let phrases = s
            .phrases
            .iter()
            .map(|x| inline_text(x))
            .collect::<Vec<_>>()
            .join(" ");
        out.push(entry(
            &s.title,
            urls::script(&s.id),
            t.get("section_scripts"),
            vec![s.summary.clone(), parts, phrases, plain_text(&s.body)],
        ));
    }
    for w in &p.worksheets {
        out.push(entry(
            &w.title,
            urls::worksheet(&w.id),
            t.get("section_worksheets"),
            vec![w.subtitle.clone().unwrap_or_default()],
        ));
    }
    if !p.rituals.is_empty() {
        let rituals = p
            .rituals
            .iter()
            .map(|r| format!("{} {}", r.title, plain_text(&r.description)))
            .collect::<Vec<_>>()
            .join(" ");
        out.push(entry(
            &p.rituals_title,
            urls::RITUALS.into(),
            t.get("section_rituals"),
            vec![rituals],
        ));
    }
    for table in &p.tables {
        let rows = table
            .rows
            .iter()
            .flatten()
            .map(|c| inline_text(c))
            .collect::<Vec<_>>()
            .join(" ");
        out.push(entry(
            &table.title,
            urls::table(&table.id),
            t.get("section_tables"),
            vec![plain_text(&table.intro), table.columns.join(" "), rows],
        ));
    }
    if let Some(f) = &p.faq {
        let faq = f
            .questions
            .iter()
            .map(|q| format!("{} {}", q.question, plain_text(&q.answer)))
            .collect::<Vec<_>>()
            .join(" ");
        out.push(entry(
            &f.title,
            urls::FAQ.into(),
            t.get("section_faq"),
            vec![faq],
        ));
    }
    out
}

/// The index as a script: `window.KINTSUGI_SEARCH = [...]`.
pub fn script(p: &Program) -> anyhow::Result<String> {
    script_of(&entries(p))
}

/// The index of these entries as a script.
pub fn script_of(entries: &[Entry]) -> anyhow::Result<String> {
    let json = serde_json::to_string(entries)?;
    // `</` inside a script would end it early in an inline context; escape it anyway.
    // (Copied only when needed: at 10,000 pages the index is tens of megabytes.)
    let json = if json.contains("</") {
        json.replace("</", "<\\/")
    } else {
        json
    };
    let mut out = String::with_capacity(json.len() + 32);
    out.push_str("window.KINTSUGI_SEARCH = ");
    out.push_str(&json);
    out.push_str(";\n");
    Ok(out)
}
