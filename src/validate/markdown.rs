//! Markdown the outputs cannot show as written: raw HTML, footnotes
//! called without a definition or defined without a call, and what a
//! worksheet's text sets as running text (a list, a table). Warnings, each at
//! its file:line:col, naming what is shown instead.

use crate::diag::Diagnostic;
use crate::load::raw::{RawSheetBlock, RawWorksheet};
use crate::load::{RawProject, Source};
use crate::model::text::{issues, parse_blocks, Block, Issue, IssueKind};

/// Every such warning in the project's Markdown: the bodies of the program,
/// weeks, exercises and scripts, and the prose fields of the YAML files.
pub fn check(raw: &RawProject) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(p) = &raw.program {
        body(p, &mut out);
        if let Some(back) = &p.value.back_cover {
            field(p, "back_cover", back, &mut out);
        }
    }
    raw.weeks.iter().for_each(|s| body(s, &mut out));
    raw.exercises.iter().for_each(|s| body(s, &mut out));
    raw.scripts.iter().for_each(|s| body(s, &mut out));
    if let Some(r) = &raw.rituals {
        for x in &r.value.rituals {
            field(r, "description", &x.description, &mut out);
        }
    }
    for t in &raw.tables {
        field(t, "intro", &t.value.intro, &mut out);
    }
    if let Some(f) = &raw.faq {
        for q in &f.value.questions {
            field(f, "answer", &q.answer, &mut out);
        }
    }
    for w in &raw.worksheets {
        sheet_texts(w, &w.value.blocks, &mut out);
    }
    out
}

/// A worksheet's `text` blocks: the issues of any Markdown, and what a sheet
/// sets as running text (it has room for paragraphs and headings only).
fn sheet_texts(s: &Source<RawWorksheet>, blocks: &[RawSheetBlock], out: &mut Vec<Diagnostic>) {
    for b in blocks {
        match b {
            RawSheetBlock::Columns(c) => {
                sheet_texts(s, &c.left, out);
                sheet_texts(s, &c.right, out);
            }
            RawSheetBlock::Text(t) => {
                field(s, "text", t, out);
                let flattened = parse_blocks(t).iter().find_map(|b| match b {
                    Block::Paragraph(_)
                    | Block::Heading { .. }
                    | Block::Rule
                    | Block::PageBreak => None,
                    Block::List { .. } => Some("list"),
                    Block::Quote(_) => Some("quote"),
                    Block::Code(_) | Block::Fenced { .. } => Some("code block"),
                    Block::Table { .. } => Some("table"),
                    Block::Definitions(_) => Some("definition list"),
                    Block::Footnotes(_) => Some("footnote"),
                });
                if let Some(kind) = flattened {
                    let first = t.lines().next().unwrap_or("").trim();
                    let (line, col) = s.locate("text", first);
                    let d = Diagnostic::new(
                        &s.file,
                        line,
                        col,
                        format!("a worksheet sets its text as paragraphs: this {kind} prints as running text"),
                    )
                    .with_hint("keep a sheet's text to a paragraph or two; use `steps` or `phrases` for lists and a `checkbox_grid` for a table");
                    out.push(d.warning());
                }
            }
            _ => {}
        }
    }
}

/// Issues of a Markdown body, placed by their offset in it.
fn body<T>(s: &Source<T>, out: &mut Vec<Diagnostic>) {
    let mut last_html_line = 0;
    for issue in issues(&s.body) {
        let before = &s.body[..issue.offset.min(s.body.len())];
        let line = s.body_line + before.matches('\n').count();
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        // One report of raw HTML per line is enough.
        if matches!(issue.kind, IssueKind::Html(_)) {
            if line == last_html_line {
                continue;
            }
            last_html_line = line;
        }
        out.push(diagnostic(&s.file, line, col, &issue));
    }
}

/// Issues of a prose field of a YAML file, placed at the line that shows them.
fn field<T>(s: &Source<T>, key: &str, text: &str, out: &mut Vec<Diagnostic>) {
    let mut last = None;
    for issue in issues(text) {
        let rest = &text[issue.offset.min(text.len())..];
        let needle: String = rest.lines().next().unwrap_or("").chars().take(30).collect();
        let (line, col) = s.locate(key, needle.trim());
        if matches!(issue.kind, IssueKind::Html(_)) && last == Some(line) {
            continue;
        }
        last = Some(line);
        out.push(diagnostic(&s.file, line, col, &issue));
    }
}

fn diagnostic(file: &std::path::Path, line: usize, col: usize, issue: &Issue) -> Diagnostic {
    let short = |s: &str| -> String {
        let first = s.lines().next().unwrap_or("");
        if first.chars().count() > 40 || s.lines().count() > 1 {
            format!("{}…", first.chars().take(40).collect::<String>())
        } else {
            first.to_string()
        }
    };
    let (message, hint) = match &issue.kind {
        IssueKind::Html(h) => (
            format!("raw HTML `{}` is shown as the text it is, tags and all", short(h)),
            "kintsugi never passes HTML on: write it in Markdown (emphasis, lists, tables), or remove it".to_string(),
        ),
        IssueKind::UndefinedNote(l) => (
            format!("the footnote `[^{l}]` has no definition, so it prints as written"),
            format!("add a line `[^{l}]: the note` after the paragraph, or remove the call"),
        ),
        IssueKind::NotATable => (
            "this looks like a table's separator row, but no table is made of it: its rows print as text".to_string(),
            "a table needs a blank line before it, a header row with as many cells as this row, and `|` between cells".to_string(),
        ),
        IssueKind::BadLang(tag) => (
            format!("`{tag}` is not a language tag, so `{{lang={tag}}}` prints as written"),
            "write the language as BCP 47 does: `[ein Wort]{lang=de}`, `{lang=pt-BR}`".to_string(),
        ),
        IssueKind::UnusedNote(l) => (
            format!("the footnote `[^{l}]` is defined but never called, so it is not shown"),
            format!("call it with `[^{l}]` where the note belongs, or remove the definition"),
        ),
    };
    Diagnostic::new(file, line, col, message)
        .with_hint(hint)
        .warning()
}
