//! The project's own small document tree, parsed once from Markdown.
//!
//! The HTML writer and the PDF layout both read [`Block`]s, so the PDF side
//! never sees HTML. Raw HTML in Markdown is kept as plain text, never passed on.
//! Besides CommonMark it reads the GitHub extensions (tables, footnotes, task
//! lists, strikethrough) and definition lists; [`issues`] names what the
//! outputs cannot show as written, for `check`.

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag};
use serde::Serialize;

/// A block of prose.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Block {
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A heading; level 1 is the largest a content file may use.
    Heading { level: u8, content: Vec<Inline> },
    /// A bulleted (`start: None`) or numbered list; each item is a list of blocks.
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// A literal block of text (fenced or indented), keeping every space and line break.
    Code(String),
    /// A fenced code block's info string (`rust` in ```` ```rust ````) and text.
    Fenced { info: String, text: String },
    /// A table: column alignments, the header cells and the body rows.
    Table {
        align: Vec<ColumnAlign>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    /// A definition list: each term with its definitions.
    Definitions(Vec<Definition>),
    /// The document's footnotes, in the order they are first called; always last.
    Footnotes(Vec<Footnote>),
    /// A horizontal rule.
    Rule,
    /// Start a new page here in print (`<!-- pagebreak -->` on its own line).
    PageBreak,
}

/// Inline text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Emphasis (italic).
    Emph(Vec<Inline>),
    /// Strong (bold).
    Strong(Vec<Inline>),
    /// Inline code.
    Code(String),
    /// A link.
    Link { url: String, content: Vec<Inline> },
    /// A hard line break.
    Break,
    /// Struck-through text.
    Strike(Vec<Inline>),
    /// A passage in another language, marked Pandoc's way:
    /// `[ein Wort]{lang=de}`. Hyphenated with that language's patterns, and
    /// `lang` on the site.
    Lang { lang: String, content: Vec<Inline> },
    /// A task list item's box, ticked or not (first in the item's first paragraph).
    Task(bool),
    /// A call to footnote `number` of document `doc` (see [`Footnote`]).
    NoteRef { doc: String, number: u32 },
    /// An image: `alt` is its alt text as plain text, `title` the Markdown
    /// title ("" if none). After validation a local image's url is
    /// `kintsugi:image/<key>` (see [`super::Program::image`]); an http(s)
    /// one stays as written. An empty alt with the title `decorative` marks
    /// it as decorative ([`super::images::is_decorative`]).
    Image {
        url: String,
        alt: String,
        title: String,
        /// The width the author gives, Pandoc's way: `![a](p.png){width=60%}`.
        width: Option<ImageWidth>,
    },
}

/// How wide an author wants a picture: a share of the text width, or a length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ImageWidth {
    /// Percent of the text (or column) width, 1 to 100.
    Percent(u16),
    /// Tenths of a millimetre.
    Length(u32),
}

impl ImageWidth {
    /// Reads `{width=60%}` (also `"60%"`, `8cm`, `80mm`, `3in`, `300px`) at
    /// the start of `text`: the width and the length of the braces, or None
    /// when the braces hold anything else (then they stay text, as written).
    pub fn attribute(text: &str) -> Option<(ImageWidth, usize)> {
        let inner = text.strip_prefix('{')?;
        let end = inner.find('}')?;
        let value = inner[..end].trim().strip_prefix("width=")?;
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        let (num, unit) = value.split_at(value.find(|c: char| !c.is_ascii_digit() && c != '.')?);
        let n: f64 = num.parse().ok()?;
        let mm = match unit {
            "%" => {
                return (n > 0.0 && n <= 100.0)
                    .then(|| (ImageWidth::Percent(n.round() as u16), end + 2))
            }
            "mm" => n,
            "cm" => n * 10.0,
            "in" => n * 25.4,
            "px" => n * 25.4 / 96.0,
            "pt" => n * 25.4 / 72.0,
            _ => return None,
        };
        (mm > 0.0 && mm < 10_000.0)
            .then(|| (ImageWidth::Length((mm * 10.0).round() as u32), end + 2))
    }

    /// Its width in millimetres where the text is `text_mm` wide (never wider).
    pub fn mm(self, text_mm: f64) -> f64 {
        match self {
            ImageWidth::Percent(p) => text_mm * f64::from(p) / 100.0,
            ImageWidth::Length(t) => (f64::from(t) / 10.0).min(text_mm),
        }
    }

    /// The CSS width.
    pub fn css(self) -> String {
        match self {
            ImageWidth::Percent(p) => format!("{p}%"),
            ImageWidth::Length(t) => format!("{}mm", f64::from(t) / 10.0),
        }
    }
}

/// How a table column's cells are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ColumnAlign {
    None,
    Left,
    Center,
    Right,
}

/// A term of a definition list and its definitions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Definition {
    pub term: Vec<Inline>,
    pub details: Vec<Vec<Block>>,
}

/// A footnote: its number in the document (in order of first call), the
/// label the author gave it, and its text. `doc` is a short key of the
/// document's text, so ids stay apart when a page shows several documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Footnote {
    pub doc: String,
    pub number: u32,
    pub label: String,
    pub content: Vec<Block>,
}

/// The comment that asks for a page break in print.
pub const PAGE_BREAK: &str = "<!-- pagebreak -->";

/// The one place the Markdown parser and its options are set up.
fn parser(text: &str) -> Parser<'_> {
    Parser::new_ext(
        text,
        Options::ENABLE_SMART_PUNCTUATION
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_DEFINITION_LIST,
    )
}

/// Parses Markdown into blocks.
pub fn parse_blocks(text: &str) -> Vec<Block> {
    let mut b = TreeBuilder {
        doc: doc_key(text),
        ..TreeBuilder::default()
    };
    for event in parser(text) {
        b.event(event);
    }
    let mut blocks = b.finish();
    each_inlines_mut(&mut blocks, &mut lang_spans);
    blocks
}

/// Calls `f` on every list of inlines in blocks, innermost first.
fn each_inlines_mut(blocks: &mut [Block], f: &mut impl FnMut(&mut Vec<Inline>)) {
    fn inlines(list: &mut Vec<Inline>, f: &mut impl FnMut(&mut Vec<Inline>)) {
        for i in list.iter_mut() {
            if let Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Lang { content: c, .. }
            | Inline::Link { content: c, .. } = i
            {
                inlines(c, f);
            }
        }
        f(list);
    }
    for b in blocks {
        match b {
            Block::Paragraph(i) | Block::Heading { content: i, .. } => inlines(i, f),
            Block::List { items, .. } => items.iter_mut().for_each(|x| each_inlines_mut(x, f)),
            Block::Quote(inner) => each_inlines_mut(inner, f),
            Block::Table { head, rows, .. } => {
                for c in head.iter_mut().chain(rows.iter_mut().flatten()) {
                    inlines(c, f);
                }
            }
            Block::Definitions(ds) => ds.iter_mut().for_each(|d| {
                inlines(&mut d.term, f);
                d.details.iter_mut().for_each(|x| each_inlines_mut(x, f));
            }),
            Block::Footnotes(ns) => ns
                .iter_mut()
                .for_each(|n| each_inlines_mut(&mut n.content, f)),
            Block::Code(_) | Block::Fenced { .. } | Block::Rule | Block::PageBreak => {}
        }
    }
}

/// The language marker `]{lang=de}` at the start of `text`: the tag and the
/// marker's length. A tag that is not a language tag is not a marker (it
/// stays text, and `check` reports it).
fn lang_marker(text: &str) -> Option<(String, usize)> {
    let rest = text.strip_prefix("]{lang=")?;
    let end = rest.find('}')?;
    let tag = rest[..end].trim_matches(|c| matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’'));
    crate::strings::is_language_tag(tag).then(|| (tag.to_string(), end + "]{lang=".len() + 1))
}

/// Turns `[words]{lang=de}` in a list of inlines into [`Inline::Lang`]: the
/// opening bracket may be in the same text or an earlier one, with
/// formatting between (`[ein *kleines* Wort]{lang=de}`).
fn lang_spans(list: &mut Vec<Inline>) {
    let mut j = 0;
    while j < list.len() {
        let Inline::Text(t) = &list[j] else {
            j += 1;
            continue;
        };
        let Some((p, tag, len)) = t
            .match_indices("]{lang=")
            .find_map(|(p, _)| lang_marker(&t[p..]).map(|(tag, len)| (p, tag, len)))
        else {
            j += 1;
            continue;
        };
        let (head, after) = (t[..p].to_string(), t[p + len..].to_string());
        // The opening bracket: in this text, or the nearest earlier text that has one.
        let open = match head.rfind('[') {
            Some(q) => Some((j, q)),
            None => (0..j).rev().find_map(|i| match &list[i] {
                Inline::Text(x) => x.rfind('[').map(|q| (i, q)),
                _ => None,
            }),
        };
        let Some((i, q)) = open else {
            j += 1;
            continue;
        };
        let mut content = Vec::new();
        let before;
        if i == j {
            before = head[..q].to_string();
            content.push(Inline::Text(head[q + 1..].to_string()));
        } else {
            let Inline::Text(first) = &list[i] else {
                unreachable!("found in a text")
            };
            before = first[..q].to_string();
            content.push(Inline::Text(first[q + 1..].to_string()));
            content.extend(list[i + 1..j].iter().cloned());
            content.push(Inline::Text(head));
        }
        content.retain(|x| !matches!(x, Inline::Text(t) if t.is_empty()));
        let mut replacement = Vec::new();
        if !before.is_empty() {
            replacement.push(Inline::Text(before));
        }
        replacement.push(Inline::Lang { lang: tag, content });
        let next = i + replacement.len();
        if !after.is_empty() {
            replacement.push(Inline::Text(after));
        }
        list.splice(i..=j, replacement);
        j = next;
    }
}

/// A short key of a document's text (FNV-1a), stable from build to build.
fn doc_key(text: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    format!("{:06x}", h & 0xff_ffff)
}

/// Something in Markdown the outputs do not show as written, at a byte offset.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub offset: usize,
    pub kind: IssueKind,
}

/// What [`issues`] found.
#[derive(Debug, Clone, PartialEq)]
pub enum IssueKind {
    /// Raw HTML (a block or inline), shown as the text it is.
    Html(String),
    /// A footnote call `[^label]` with no definition: shown as written.
    UndefinedNote(String),
    /// A footnote defined but never called: not shown.
    UnusedNote(String),
    /// A table's separator row (`|---|---|`) outside any table: the rows
    /// around it print as text, the dashes as typographic ones.
    NotATable,
    /// `[words]{lang=…}` whose tag is not a language tag: shown as written.
    BadLang(String),
}

/// What of `text` the outputs cannot show as written, in order.
pub fn issues(text: &str) -> Vec<Issue> {
    let mut out = Vec::new();
    let mut called = std::collections::HashSet::new();
    let mut defined = Vec::new();
    let mut run = String::new();
    let mut run_start = 0;
    let mut in_code = false;
    let mut in_html = false;
    // Where tables and code are: a separator row elsewhere is not a table.
    let mut covered: Vec<std::ops::Range<usize>> = Vec::new();
    for (event, range) in parser(text).into_offset_iter() {
        if matches!(
            event,
            Event::Start(Tag::Table(_) | Tag::CodeBlock(_) | Tag::HtmlBlock)
        ) {
            covered.push(range.clone());
        }
        // Text runs are joined so `[^` split over events is still seen.
        match &event {
            Event::Text(t) if !in_code => {
                if run.is_empty() {
                    run_start = range.start;
                }
                run.push_str(t);
                continue;
            }
            _ => flush_run(&mut run, run_start, text, &mut out),
        }
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(pulldown_cmark::TagEnd::CodeBlock) => in_code = false,
            // An HTML block is one issue, named by its whole text.
            Event::Start(Tag::HtmlBlock) => {
                in_html = true;
                let h = text.get(range.clone()).unwrap_or("").trim();
                let comment = h.starts_with("<!--") && h.ends_with("-->");
                if !h.is_empty() && !comment {
                    out.push(Issue {
                        offset: range.start,
                        kind: IssueKind::Html(h.to_string()),
                    });
                }
            }
            Event::End(pulldown_cmark::TagEnd::HtmlBlock) => in_html = false,
            Event::Html(_) if in_html => {}
            Event::Html(h) | Event::InlineHtml(h) => {
                let h = h.trim();
                let comment = h.starts_with("<!--") && h.ends_with("-->");
                if !h.is_empty() && !comment {
                    out.push(Issue {
                        offset: range.start,
                        kind: IssueKind::Html(h.to_string()),
                    });
                }
            }
            Event::FootnoteReference(l) => {
                called.insert(l.to_lowercase());
            }
            Event::Start(Tag::FootnoteDefinition(l)) => defined.push((range.start, l.to_string())),
            _ => {}
        }
    }
    flush_run(&mut run, run_start, text, &mut out);
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if is_separator_row(line) && !covered.iter().any(|r| r.contains(&offset)) {
            let indent = line.len() - line.trim_start().len();
            out.push(Issue {
                offset: offset + indent,
                kind: IssueKind::NotATable,
            });
        }
        offset += line.len();
    }
    for (offset, label) in defined {
        if !called.contains(&label.to_lowercase()) {
            out.push(Issue {
                offset,
                kind: IssueKind::UnusedNote(label),
            });
        }
    }
    out.sort_by_key(|i| i.offset);
    out
}

/// A GitHub table's separator row: cells of dashes (with `:` for alignment)
/// between pipes, at least one pipe.
fn is_separator_row(line: &str) -> bool {
    let row = line.trim();
    if !row.contains('|') {
        return false;
    }
    let row = row.strip_prefix('|').unwrap_or(row);
    let row = row.strip_suffix('|').unwrap_or(row);
    row.split('|').all(|cell| {
        let cell = cell.trim();
        let dashes = cell.trim_start_matches(':').trim_end_matches(':');
        !dashes.is_empty() && dashes.chars().all(|c| c == '-')
    })
}

/// Reports `[^label]` left as text in a run (a call with no definition).
fn flush_run(run: &mut String, start: usize, text: &str, out: &mut Vec<Issue>) {
    if let Some(at) = run.find("[^") {
        let label: String = run[at + 2..].chars().take_while(|c| *c != ']').collect();
        // The run's text may differ from the source (escapes): find the call there.
        let offset = text
            .get(start..)
            .and_then(|rest| rest.find("[^"))
            .map_or(start, |o| start + o);
        out.push(Issue {
            offset,
            kind: IssueKind::UndefinedNote(label),
        });
    }
    for (p, _) in run.match_indices("]{lang=") {
        if lang_marker(&run[p..]).is_none() {
            let tag: String = run[p + "]{lang=".len()..]
                .chars()
                .take_while(|c| *c != '}')
                .collect();
            let offset = text
                .get(start..)
                .and_then(|rest| rest.find("]{lang="))
                .map_or(start, |o| start + o + 1);
            out.push(Issue {
                offset,
                kind: IssueKind::BadLang(tag),
            });
        }
    }
    run.clear();
}

/// Parses one line of inline Markdown (a list item, a table cell) into inlines.
pub fn parse_inline(text: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    for block in parse_blocks(text) {
        match block {
            Block::Paragraph(inl) | Block::Heading { content: inl, .. } => {
                if !out.is_empty() {
                    out.push(Inline::Text(" ".into()));
                }
                out.extend(inl);
            }
            other => out.push(Inline::Text(plain_text(&[other]))),
        }
    }
    out
}

/// The text of inlines without formatting.
pub fn inline_text(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => s.push_str(t),
            Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Lang { content: c, .. }
            | Inline::Link { content: c, .. } => s.push_str(&inline_text(c)),
            Inline::Break => s.push(' '),
            Inline::Task(_) => {}
            Inline::NoteRef { number, .. } => s.push_str(&number.to_string()),
            Inline::Image { alt, .. } => s.push_str(alt),
        }
    }
    s
}

/// The text of blocks without formatting, blocks separated by spaces.
pub fn plain_text(blocks: &[Block]) -> String {
    let parts: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(i) | Block::Heading { content: i, .. } => inline_text(i),
            Block::List { items, .. } => items
                .iter()
                .map(|i| plain_text(i))
                .collect::<Vec<_>>()
                .join(" "),
            Block::Quote(bs) => plain_text(bs),
            Block::Code(t) | Block::Fenced { text: t, .. } => t.clone(),
            Block::Table { head, rows, .. } => std::iter::once(head)
                .chain(rows)
                .flatten()
                .map(|c| inline_text(c))
                .collect::<Vec<_>>()
                .join(" "),
            Block::Definitions(ds) => ds
                .iter()
                .map(|d| {
                    let details: Vec<String> = d.details.iter().map(|x| plain_text(x)).collect();
                    format!("{} {}", inline_text(&d.term), details.join(" "))
                })
                .collect::<Vec<_>>()
                .join(" "),
            Block::Footnotes(ns) => ns
                .iter()
                .map(|n| format!("{} {}", n.number, plain_text(&n.content)))
                .collect::<Vec<_>>()
                .join(" "),
            Block::Rule | Block::PageBreak => String::new(),
        })
        .collect();
    parts.join(" ").trim().to_string()
}

/// Calls `f` on every piece of text in blocks (for filling in placeholders).
pub fn each_text_mut(blocks: &mut [Block], f: &mut impl FnMut(&mut String)) {
    for b in blocks {
        match b {
            Block::Paragraph(i) | Block::Heading { content: i, .. } => each_inline_text_mut(i, f),
            Block::List { items, .. } => items.iter_mut().for_each(|x| each_text_mut(x, f)),
            Block::Quote(inner) => each_text_mut(inner, f),
            Block::Code(t) | Block::Fenced { text: t, .. } => f(t),
            Block::Table { head, rows, .. } => {
                for c in head.iter_mut().chain(rows.iter_mut().flatten()) {
                    each_inline_text_mut(c, f);
                }
            }
            Block::Definitions(ds) => ds.iter_mut().for_each(|d| {
                each_inline_text_mut(&mut d.term, f);
                d.details.iter_mut().for_each(|x| each_text_mut(x, f));
            }),
            Block::Footnotes(ns) => ns.iter_mut().for_each(|n| each_text_mut(&mut n.content, f)),
            Block::Rule | Block::PageBreak => {}
        }
    }
}

/// Calls `f` on every piece of text in inlines.
pub fn each_inline_text_mut(inlines: &mut [Inline], f: &mut impl FnMut(&mut String)) {
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => f(t),
            Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Lang { content: c, .. }
            | Inline::Link { content: c, .. } => each_inline_text_mut(c, f),
            // The alt text is shown (read out, printed when the image is not).
            Inline::Image { alt, .. } => f(alt),
            Inline::Break | Inline::Task(_) | Inline::NoteRef { .. } => {}
        }
    }
}

/// Where the builder is inside the tree.
#[derive(Debug)]
enum Frame {
    Blocks(Vec<Block>),
    Inlines(Vec<Inline>),
}

/// One open element: its tag (None for the root or an implied paragraph) and content.
#[derive(Debug)]
struct Open {
    tag: Option<Tag<'static>>,
    frame: Frame,
    /// Opened past [`MAX_DEPTH`]: its content joins its parent's when it ends.
    flat: bool,
}

/// How deep blocks and inlines may nest. Anything deeper (a thousand `>` in a
/// row, say) is kept as text at this depth: the renderers walk the tree
/// recursively, and no real program nests anywhere near this.
const MAX_DEPTH: usize = 24;

/// Folds pulldown-cmark's event stream into [`Block`]s with an explicit stack.
///
/// Tight list items hold text without a paragraph; the builder opens an
/// implied paragraph (`tag: None`) for it and closes it at the next block.
#[derive(Debug)]
struct TreeBuilder {
    stack: Vec<Open>,
    /// The document's key, for footnote ids.
    doc: String,
    /// Footnote labels in order of first call (number = index + 1).
    called: Vec<String>,
    /// Footnote definitions by label, in the order they are written.
    notes: Vec<(String, Vec<Block>)>,
}

impl Default for TreeBuilder {
    fn default() -> Self {
        TreeBuilder {
            stack: vec![Open {
                tag: None,
                frame: Frame::Blocks(Vec::new()),
                flat: false,
            }],
            doc: String::new(),
            called: Vec::new(),
            notes: Vec::new(),
        }
    }
}

impl TreeBuilder {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag.into_static()),
            Event::End(_) => self.end(),
            Event::Text(t) | Event::Html(t) => self.text(&t),
            // Comments are for authors; other inline HTML is shown as the text it is.
            Event::InlineHtml(t) if t.starts_with("<!--") => {}
            Event::InlineHtml(t) => self.text(&t),
            Event::Code(t) => self.inline(Inline::Code(t.into_string())),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.inline(Inline::Break),
            Event::TaskListMarker(done) => self.inline(Inline::Task(done)),
            Event::FootnoteReference(label) => {
                // Labels match whatever their case, as CommonMark's link labels do.
                let label = label.to_lowercase();
                let number = match self.called.iter().position(|l| *l == label) {
                    Some(n) => n + 1,
                    None => {
                        self.called.push(label);
                        self.called.len()
                    }
                };
                self.inline(Inline::NoteRef {
                    doc: self.doc.clone(),
                    number: number as u32,
                });
            }
            Event::Rule => {
                self.close_implied();
                self.block(Block::Rule);
            }
            _ => {}
        }
    }

    fn is_implied_paragraph(&self) -> bool {
        self.stack.len() > 1
            && matches!(
                self.stack.last(),
                Some(Open {
                    tag: None,
                    frame: Frame::Inlines(_),
                    ..
                })
            )
    }

    fn close_implied(&mut self) {
        if self.is_implied_paragraph() {
            if let Some(Open {
                frame: Frame::Inlines(i),
                ..
            }) = self.stack.pop()
            {
                self.block(Block::Paragraph(i));
            }
        }
    }

    fn start(&mut self, tag: Tag<'static>) {
        let holds_blocks = matches!(
            tag,
            Tag::List(_)
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::DefinitionList
                | Tag::DefinitionListDefinition
                | Tag::FootnoteDefinition(_)
        );
        let frame = if holds_blocks {
            Frame::Blocks(Vec::new())
        } else {
            Frame::Inlines(Vec::new())
        };
        let is_block = holds_blocks
            || matches!(
                tag,
                Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::CodeBlock(_)
                    | Tag::HtmlBlock
                    | Tag::DefinitionListTitle
            );
        if is_block {
            self.close_implied();
        }
        // Past the limit, keep the parent's kind of content so it can be spliced in.
        let flat = self.stack.len() > MAX_DEPTH;
        let frame = match (flat, self.stack.last().map(|o| &o.frame)) {
            (true, Some(Frame::Blocks(_))) => Frame::Blocks(Vec::new()),
            (true, _) => Frame::Inlines(Vec::new()),
            (false, _) => frame,
        };
        self.stack.push(Open {
            tag: Some(tag),
            frame,
            flat,
        });
    }

    fn end(&mut self) {
        self.close_implied();
        if self.stack.len() < 2 {
            return;
        }
        let Some(Open {
            tag: Some(tag),
            frame,
            flat,
        }) = self.stack.pop()
        else {
            return;
        };
        if flat {
            match frame {
                Frame::Inlines(i) => i.into_iter().for_each(|x| self.inline(x)),
                Frame::Blocks(b) => b.into_iter().for_each(|x| self.block(x)),
            }
            return;
        }
        match (tag, frame) {
            (Tag::Paragraph, Frame::Inlines(i)) => self.block(Block::Paragraph(i)),
            (Tag::Heading { level, .. }, Frame::Inlines(i)) => self.block(Block::Heading {
                level: heading_level(level),
                content: i,
            }),
            (Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(info)), Frame::Inlines(i))
                if !info.trim().is_empty() =>
            {
                self.block(Block::Fenced {
                    info: info.trim().to_string(),
                    text: inline_text(&i),
                })
            }
            (Tag::CodeBlock(_), Frame::Inlines(i)) => self.block(Block::Code(inline_text(&i))),
            (Tag::Strikethrough, Frame::Inlines(i)) => self.inline(Inline::Strike(i)),
            // Cells travel up as paragraphs, rows as quotes, the header as a table.
            (Tag::TableCell, Frame::Inlines(i)) => self.block(Block::Paragraph(i)),
            (Tag::TableHead, Frame::Blocks(cells)) => self.block(Block::Table {
                align: Vec::new(),
                head: cells_of(cells),
                rows: Vec::new(),
            }),
            (Tag::TableRow, Frame::Blocks(cells)) => self.block(Block::Quote(cells)),
            (Tag::Table(aligns), Frame::Blocks(parts)) => {
                let mut head = Vec::new();
                let mut rows = Vec::new();
                for p in parts {
                    match p {
                        Block::Table { head: h, .. } => head = h,
                        Block::Quote(cells) => rows.push(cells_of(cells)),
                        other => rows.push(vec![vec![Inline::Text(plain_text(&[other]))]]),
                    }
                }
                let align = aligns
                    .iter()
                    .map(|a| match a {
                        Alignment::None => ColumnAlign::None,
                        Alignment::Left => ColumnAlign::Left,
                        Alignment::Center => ColumnAlign::Center,
                        Alignment::Right => ColumnAlign::Right,
                    })
                    .collect();
                self.block(Block::Table { align, head, rows });
            }
            // Terms travel up as headings, definitions as quotes.
            (Tag::DefinitionListTitle, Frame::Inlines(i)) => self.block(Block::Heading {
                level: 0,
                content: i,
            }),
            (Tag::DefinitionListDefinition, Frame::Blocks(b)) => self.block(Block::Quote(b)),
            (Tag::DefinitionList, Frame::Blocks(parts)) => {
                let mut ds: Vec<Definition> = Vec::new();
                for p in parts {
                    match p {
                        Block::Heading { content, .. } => ds.push(Definition {
                            term: content,
                            details: Vec::new(),
                        }),
                        Block::Quote(b) => match ds.last_mut() {
                            Some(d) => d.details.push(b),
                            None => ds.push(Definition {
                                term: Vec::new(),
                                details: vec![b],
                            }),
                        },
                        other => ds.push(Definition {
                            term: Vec::new(),
                            details: vec![vec![other]],
                        }),
                    }
                }
                self.block(Block::Definitions(ds));
            }
            (Tag::FootnoteDefinition(label), Frame::Blocks(b)) => {
                self.notes.push((label.to_lowercase(), b));
            }
            (Tag::HtmlBlock, Frame::Inlines(i)) => {
                let html = inline_text(&i);
                let html = html.trim();
                if html == PAGE_BREAK {
                    self.block(Block::PageBreak);
                } else if !(html.starts_with("<!--") && html.ends_with("-->")) {
                    self.block(Block::Paragraph(vec![Inline::Text(html.to_string())]));
                }
            }
            (Tag::BlockQuote(_), Frame::Blocks(b)) => self.block(Block::Quote(b)),
            // Items travel up wrapped in a Quote so the list can unwrap them.
            (Tag::Item, Frame::Blocks(b)) => self.block(Block::Quote(b)),
            (Tag::List(start), Frame::Blocks(items)) => {
                let items = items
                    .into_iter()
                    .map(|b| match b {
                        Block::Quote(inner) => inner,
                        other => vec![other],
                    })
                    .collect();
                self.block(Block::List { start, items });
            }
            (Tag::Emphasis, Frame::Inlines(i)) => self.inline(Inline::Emph(i)),
            (Tag::Strong, Frame::Inlines(i)) => self.inline(Inline::Strong(i)),
            (
                Tag::Link {
                    link_type,
                    dest_url,
                    ..
                },
                Frame::Inlines(i),
            ) => self.inline(Inline::Link {
                // `<me@example.org>` gives the bare address: it is a mail link.
                url: if link_type == pulldown_cmark::LinkType::Email
                    && !dest_url.starts_with("mailto:")
                {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.into_string()
                },
                content: i,
            }),
            (
                Tag::Image {
                    dest_url, title, ..
                },
                Frame::Inlines(i),
            ) => self.inline(Inline::Image {
                url: dest_url.into_string(),
                alt: inline_text(&i),
                title: title.into_string(),
                width: None,
            }),
            (_, Frame::Inlines(i)) => {
                for x in i {
                    self.inline(x);
                }
            }
            (_, Frame::Blocks(b)) => {
                for x in b {
                    self.block(x);
                }
            }
        }
    }

    fn text(&mut self, t: &str) {
        let mut t = t;
        if let Some(Inline::Image {
            width: w @ None, ..
        }) = self.current_inlines().last_mut()
        {
            if let Some((width, len)) = ImageWidth::attribute(t) {
                *w = Some(width);
                t = &t[len..];
                if t.is_empty() {
                    return;
                }
            }
        }
        if let Some(Inline::Text(last)) = self.current_inlines().last_mut() {
            last.push_str(t);
            return;
        }
        self.inline(Inline::Text(t.to_string()));
    }

    fn inline(&mut self, i: Inline) {
        self.current_inlines().push(i);
    }

    fn current_inlines(&mut self) -> &mut Vec<Inline> {
        if matches!(
            self.stack.last(),
            Some(Open {
                frame: Frame::Blocks(_),
                ..
            })
        ) {
            self.stack.push(Open {
                tag: None,
                frame: Frame::Inlines(Vec::new()),
                flat: false,
            });
        }
        match self.stack.last_mut() {
            Some(Open {
                frame: Frame::Inlines(i),
                ..
            }) => i,
            _ => unreachable!("an inline frame was just pushed"),
        }
    }

    fn block(&mut self, b: Block) {
        match self.stack.last_mut() {
            Some(Open {
                frame: Frame::Blocks(bs),
                ..
            }) => bs.push(b),
            Some(Open {
                frame: Frame::Inlines(is),
                ..
            }) => is.push(Inline::Text(plain_text(&[b]))),
            None => {}
        }
    }

    fn finish(mut self) -> Vec<Block> {
        while self.stack.len() > 1 {
            if self.is_implied_paragraph() {
                self.close_implied();
            } else {
                self.end();
            }
        }
        let mut blocks = match self.stack.pop() {
            Some(Open {
                frame: Frame::Blocks(b),
                ..
            }) => b,
            _ => Vec::new(),
        };
        // Footnotes in the order they are called; one never called is not shown
        // (`check` says so), a second definition of a label is ignored.
        let mut notes = Vec::new();
        for (n, label) in self.called.iter().enumerate() {
            if let Some(i) = self.notes.iter().position(|(l, _)| l == label) {
                let (label, content) = self.notes.swap_remove(i);
                notes.push(Footnote {
                    doc: self.doc.clone(),
                    number: n as u32 + 1,
                    label,
                    content,
                });
            }
        }
        if !notes.is_empty() {
            blocks.push(Block::Footnotes(notes));
        }
        blocks
    }
}

/// The inlines of table cells (paragraphs) gathered in a row.
fn cells_of(cells: Vec<Block>) -> Vec<Vec<Inline>> {
    cells
        .into_iter()
        .map(|c| match c {
            Block::Paragraph(i) => i,
            other => vec![Inline::Text(plain_text(&[other]))],
        })
        .collect()
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_passage_marked_with_a_language_becomes_a_lang_span() {
        let t = |s: &str| Inline::Text(s.into());
        assert_eq!(
            parse_inline("Say [guten Morgen]{lang=de} twice."),
            vec![
                t("Say "),
                Inline::Lang {
                    lang: "de".into(),
                    content: vec![t("guten Morgen")]
                },
                t(" twice."),
            ]
        );
        assert_eq!(
            parse_inline("[ein *kleines* Wort]{lang=de-AT}"),
            vec![Inline::Lang {
                lang: "de-AT".into(),
                content: vec![t("ein "), Inline::Emph(vec![t("kleines")]), t(" Wort")],
            }]
        );
        // Not a tag, or no opening bracket: the text stays as written.
        assert_eq!(
            parse_inline("[x]{lang=German}"),
            vec![t("[x]{lang=German}")]
        );
        assert_eq!(parse_inline("x]{lang=de}"), vec![t("x]{lang=de}")]);
        // A real link is still a link.
        assert!(matches!(
            parse_inline("[a](https://x.org)")[0],
            Inline::Link { .. }
        ));
        let found = issues("Say [x]{lang=German} now.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, IssueKind::BadLang("German".into()));
        assert_eq!(&"Say [x]{lang=German} now."[found[0].offset..][..1], "{");
        assert!(issues("[x]{lang=de}").is_empty());
    }

    /// How deep a tree of blocks goes.
    fn depth(blocks: &[super::Block]) -> usize {
        use super::Block;
        blocks
            .iter()
            .map(|b| match b {
                Block::Quote(inner) => 1 + depth(inner),
                Block::List { items, .. } => 1 + items.iter().map(|i| depth(i)).max().unwrap_or(0),
                _ => 1,
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn deep_nesting_is_cut_to_a_safe_depth_and_keeps_the_text() {
        for text in [
            format!("{} deep", ">".repeat(100_000)),
            format!("{}deep", "- ".repeat(20_000)),
            format!("{}deep{}", "*a ".repeat(5_000), "*".repeat(5_000)),
        ] {
            let blocks = super::parse_blocks(&text);
            assert!(depth(&blocks) <= super::MAX_DEPTH + 1, "{}", depth(&blocks));
            assert!(super::plain_text(&blocks).contains("deep"));
        }
    }

    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn parses_paragraphs_and_emphasis() {
        let b = parse_blocks("Hello *you* and **me**.\n\nSecond.");
        assert_eq!(
            b,
            vec![
                Block::Paragraph(vec![
                    t("Hello "),
                    Inline::Emph(vec![t("you")]),
                    t(" and "),
                    Inline::Strong(vec![t("me")]),
                    t(".")
                ]),
                Block::Paragraph(vec![t("Second.")]),
            ]
        );
    }

    #[test]
    fn parses_tight_and_nested_lists() {
        let b = parse_blocks("1. one\n2. two\n   - inner\n");
        let Block::List { start, items } = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(*start, Some(1));
        assert_eq!(items.len(), 2);
        assert_eq!(items[0], vec![Block::Paragraph(vec![t("one")])]);
        assert!(
            matches!(&items[1][1], Block::List { start: None, .. }),
            "{:?}",
            items[1]
        );
    }

    #[test]
    fn raw_html_stays_text() {
        let b = parse_blocks("Hi <script>alert(1)</script>");
        assert_eq!(plain_text(&b), "Hi <script>alert(1)</script>");
    }

    #[test]
    fn comments_vanish_and_pagebreak_is_a_block() {
        let b =
            parse_blocks("One <!-- note --> two\n\n<!-- aside -->\n\n<!-- pagebreak -->\n\nThree");
        assert_eq!(
            b,
            vec![
                Block::Paragraph(vec![t("One  two")]),
                Block::PageBreak,
                Block::Paragraph(vec![t("Three")])
            ]
        );
    }

    #[test]
    fn tables_keep_alignment_and_smart_punctuation_leaves_the_separator_alone() {
        let b = parse_blocks("| Week | Focus |\n|:--|--:|\n| 1 | *wake* -- up |\n");
        let Block::Table { align, head, rows } = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(align, &[ColumnAlign::Left, ColumnAlign::Right]);
        assert_eq!(head, &[vec![t("Week")], vec![t("Focus")]]);
        assert_eq!(rows[0][1], vec![Inline::Emph(vec![t("wake")]), t(" – up")]);
        assert_eq!(plain_text(&b), "Week Focus 1 wake – up");
    }

    #[test]
    fn a_footnote_is_found_whatever_the_case_of_its_label() {
        let text = "A note[^Note] here.\n\n[^note]: The note.\n";
        let b = parse_blocks(text);
        let Some(Block::Footnotes(notes)) = b.last() else {
            panic!("{b:?}")
        };
        assert_eq!(notes.len(), 1, "{b:?}");
        assert_eq!(plain_text(&notes[0].content), "The note.");
        assert!(issues(text).is_empty(), "{:?}", issues(text));
    }

    #[test]
    fn a_separator_row_outside_a_table_is_reported() {
        let bad = "| a | b | c |\n|---|---|\n| 1 | 2 | 3 |\n";
        let found = issues(bad);
        assert_eq!(
            found,
            vec![Issue {
                offset: 14,
                kind: IssueKind::NotATable
            }]
        );
        let good = "| a | b |\n|:--|--:|\n| 1 | 2 |\n\n```\n|---|---|\n```\n";
        assert!(issues(good).is_empty(), "{:?}", issues(good));
        assert!(issues("a | b\n\n---\n").is_empty());
    }

    #[test]
    fn an_email_autolink_is_a_mail_link() {
        let b = parse_blocks("Write to <coach@example.org>.");
        let Block::Paragraph(p) = &b[0] else {
            panic!("{b:?}")
        };
        assert!(
            p.iter().any(
                |i| matches!(i, Inline::Link { url, .. } if url == "mailto:coach@example.org")
            ),
            "{p:?}"
        );
    }

    #[test]
    fn footnotes_are_numbered_in_order_of_first_call_and_gathered_last() {
        let b = parse_blocks(
            "B[^b] a[^a] b again[^b].\n\n[^a]: Note a.\n[^b]: Note b.\n[^c]: Never called.\n",
        );
        let Block::Paragraph(p) = &b[0] else {
            panic!("{b:?}")
        };
        let numbers: Vec<u32> = p
            .iter()
            .filter_map(|i| match i {
                Inline::NoteRef { number, .. } => Some(*number),
                _ => None,
            })
            .collect();
        assert_eq!(numbers, [1, 2, 1]);
        let Some(Block::Footnotes(notes)) = b.last() else {
            panic!("{b:?}")
        };
        let labels: Vec<(&str, u32)> = notes.iter().map(|n| (n.label.as_str(), n.number)).collect();
        assert_eq!(labels, [("b", 1), ("a", 2)]);
        assert_eq!(plain_text(&notes[0].content), "Note b.");
    }

    #[test]
    fn tasks_strikethrough_code_and_definitions() {
        let b = parse_blocks(
            "- [x] done\n- [ ] ~~old~~ new\n\n```rust\nfn a() {}\n```\n\nTerm\n: Its meaning.\n",
        );
        let Block::List { items, .. } = &b[0] else {
            panic!("{b:?}")
        };
        assert_eq!(
            items[0],
            vec![Block::Paragraph(vec![Inline::Task(true), t("done")])]
        );
        assert_eq!(
            items[1],
            vec![Block::Paragraph(vec![
                Inline::Task(false),
                Inline::Strike(vec![t("old")]),
                t(" new")
            ])]
        );
        assert_eq!(
            b[1],
            Block::Fenced {
                info: "rust".into(),
                text: "fn a() {}\n".into()
            }
        );
        let Block::Definitions(d) = &b[2] else {
            panic!("{b:?}")
        };
        assert_eq!(d[0].term, vec![t("Term")]);
        assert_eq!(
            d[0].details,
            vec![vec![Block::Paragraph(vec![t("Its meaning.")])]]
        );
    }

    #[test]
    fn issues_name_what_cannot_be_shown_at_its_offset() {
        let text = "Hi <b>x</b>.\n\n![alt](a.png) [^nope]\n\n`[^code]`\n\n[^unused]: x\n";
        let found: Vec<(usize, IssueKind)> = issues(text)
            .into_iter()
            .map(|i| (i.offset, i.kind))
            .collect();
        assert_eq!(
            found,
            vec![
                (3, IssueKind::Html("<b>".into())),
                (7, IssueKind::Html("</b>".into())),
                (28, IssueKind::UndefinedNote("nope".into())),
                (48, IssueKind::UnusedNote("unused".into())),
            ]
        );
    }

    #[test]
    fn smart_punctuation() {
        assert_eq!(inline_text(&parse_inline("it's -- \"so\"")), "it’s – “so”");
    }
}
