//! Turns the model's Markdown tree into flow blocks in the book's type styles.
//!
//! Footnotes and the addresses of web links become notes at the foot of the
//! page that calls them, numbered in order through each Markdown document.

use super::style::{body, body_para, heading, ink, GOLD, MUTED};
use crate::model::images::{is_decorative, lookup, Image, ImageFormat, Images};
use crate::model::text::ImageWidth;
use crate::model::text::{inline_text, Block, ColumnAlign, Footnote, Inline};
use crate::pdf::flow::FigureWidth;
use crate::pdf::flow::{FlowBlock, Marker, Para, TableBlock};
use crate::pdf::fonts::{has_glyph, FontId};
use crate::pdf::frame::Role;
use crate::pdf::image::{ImageData, ImageKind};
use crate::pdf::lines::{Align, Span};
use crate::pdf::shape::{LinkTarget, Style};
use crate::pdf::units::Pt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

/// Spans for inline content in `base` style; emphasis and strong change the
/// face. Loose inline text (a task, a step, a sheet's line) has no notes: a web
/// link's address follows its text in brackets.
pub fn spans(inlines: &[Inline], base: Style) -> Vec<Span> {
    let mut out = Vec::new();
    push_spans(inlines, base, None, &mut Notes::none(), &mut out);
    out
}

/// The workbook anchor a resolved link between items leads to: its chapter
/// or section, or for a worksheet the list that names it (files of `static/`
/// have none in the workbook).
pub fn anchor_of(url: &str) -> Option<String> {
    use crate::model::links::Target;
    match Target::of(url)? {
        Target::Week(n) => Some(format!("week-{n}")),
        Target::Exercise(id) => Some(format!("exercise-{id}")),
        Target::Script(id) => Some(format!("script-{id}")),
        Target::Table(id) => Some(format!("table-{id}")),
        Target::Question(_) => Some("faq".into()),
        // Where the workbook names the sheet (see the workbook's `worksheet_anchors`).
        Target::Worksheet(id) => Some(format!("worksheet-{id}")),
        Target::Static(_) | Target::Image(_) => None,
    }
}

/// Footnote ids are unique in the process, so notes of two documents on one page never meet.
static NEXT_NOTE: AtomicU32 = AtomicU32::new(1);

/// The notes of one Markdown document as it is set.
struct Notes<'a> {
    /// False for loose inline text (no notes there).
    on: bool,
    /// True while a note's own text (or loose inline text) is set: its links
    /// show their address after their text, not in a note.
    in_note: bool,
    defs: &'a [Footnote],
    /// What has a number already: a footnote (`Some(number)`) or an address, with
    /// its engine id and the number shown.
    given: Vec<(NoteKey, u32, u32)>,
    /// Notes called since the last flow block was finished.
    pending: Vec<(u32, Para)>,
    /// Levels the document's headings move down, so its largest one is set at
    /// the top level and none merges with another.
    shift: u8,
    /// The program's images, by key, for the pictures the text shows.
    images: &'a Images,
}

/// No images, for loose inline text (which shows no pictures).
fn no_images() -> &'static Images {
    static NONE: Images = Images::new();
    &NONE
}

#[derive(PartialEq)]
enum NoteKey {
    Footnote(u32),
    Address(String),
}

impl<'a> Notes<'a> {
    fn none() -> Notes<'static> {
        Notes {
            on: false,
            in_note: true,
            defs: &[],
            given: Vec::new(),
            pending: Vec::new(),
            shift: 0,
            images: no_images(),
        }
    }

    /// The engine id and shown number of a note, and whether it is new.
    fn number(&mut self, key: NoteKey) -> (u32, u32, bool) {
        if let Some((_, id, n)) = self.given.iter().find(|(k, ..)| *k == key) {
            return (*id, *n, false);
        }
        let id = NEXT_NOTE.fetch_add(1, Ordering::Relaxed);
        let n = self.given.len() as u32 + 1;
        self.given.push((key, id, n));
        (id, n, true)
    }

    /// The call of a web address's note.
    fn address(&mut self, url: &str) -> (u32, u32) {
        let (id, n, new) = self.number(NoteKey::Address(url.to_string()));
        if new {
            let shown = url.strip_prefix("mailto:").unwrap_or(url);
            // The printed address is a link too, for readers on a screen.
            let spans = vec![Span {
                link: Some(LinkTarget::Uri(url.to_string())),
                ..Span::new(shown, ink(FontId::Mono, 7.5))
            }];
            self.pending.push((id, note_para(spans, n)));
        }
        (id, n)
    }

    /// The call of footnote `number` of the document, if it has one.
    fn footnote(&mut self, number: u32) -> Option<(u32, u32)> {
        let def = self.defs.iter().find(|d| d.number == number)?;
        let (id, n, new) = self.number(NoteKey::Footnote(number));
        if new {
            let was = std::mem::replace(&mut self.in_note, true);
            let spans = self.note_spans(&def.content);
            self.in_note = was;
            self.pending.push((id, note_para(spans, n)));
        }
        Some((id, n))
    }

    /// A footnote's text as one run of spans (its paragraphs joined by line breaks).
    fn note_spans(&mut self, content: &[Block]) -> Vec<Span> {
        let mut out = Vec::new();
        for (k, b) in content.iter().enumerate() {
            if k > 0 {
                out.push(Span::new("\n", note_style()));
            }
            match b {
                Block::Paragraph(i) => push_spans(i, note_style(), None, self, &mut out),
                other => out.push(Span::new(
                    crate::model::text::plain_text(std::slice::from_ref(other)),
                    note_style(),
                )),
            }
        }
        out
    }
}

/// A note numbered `n`, set small with its number hanging.
fn note_para(spans: Vec<Span>, n: u32) -> Para {
    Para {
        spans,
        align: Align::Left,
        indent: Pt(12.0),
        marker: Some(Marker::Text(Span::new(format!("{n}"), note_style()))),
        leading: 1.25,
        space_before: Pt(2.0),
        space_after: Pt::ZERO,
        keep_with_next: false,
        role: Role::P,
    }
}

fn note_style() -> Style {
    ink(FontId::Serif, 8.0)
}

/// A number as superscript digits.
fn superscript(n: u32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

/// A web or mail address, as the reader would type it.
fn external(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://") || url.starts_with("mailto:")
}

/// True when the visible text of a link already is its address (an autolink).
fn shows_address(url: &str, text: &str) -> bool {
    let norm = |s: &str| {
        let s = s.trim();
        let s = s.strip_prefix("mailto:").unwrap_or(s);
        let s = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .unwrap_or(s);
        s.trim_end_matches('/').to_lowercase()
    };
    norm(url) == norm(text)
}

fn push_spans(
    inlines: &[Inline],
    style: Style,
    link: Option<&LinkTarget>,
    notes: &mut Notes,
    out: &mut Vec<Span>,
) {
    for i in inlines {
        match i {
            Inline::Text(t) => out.push(Span {
                text: t.clone(),
                style,
                link: link.cloned(),
            }),
            Inline::Code(t) => {
                let code = Style {
                    size: style.size * 0.86,
                    ..style
                };
                out.extend(mono(t, code).into_iter().map(|s| Span {
                    link: link.cloned(),
                    ..s
                }));
            }
            Inline::Emph(c) => push_spans(
                c,
                Style {
                    font: style.font.italic(),
                    ..style
                },
                link,
                notes,
                out,
            ),
            Inline::Strong(c) => push_spans(
                c,
                Style {
                    font: style.font.bold(),
                    ..style
                },
                link,
                notes,
                out,
            ),
            Inline::Strike(c) => push_spans(
                c,
                Style {
                    strike: true,
                    ..style
                },
                link,
                notes,
                out,
            ),
            Inline::Lang { lang, content } => push_spans(
                content,
                Style {
                    lang: Style::lang_code(lang),
                    ..style
                },
                link,
                notes,
                out,
            ),
            Inline::Link { url, content } => {
                // Web links, and links between items (to the item's place in
                // this document, when it has one); other links stay plain text.
                let target = external(url)
                    .then(|| LinkTarget::Uri(url.clone()))
                    .or_else(|| anchor_of(url).map(LinkTarget::Anchor));
                let s = if target.is_some() {
                    Style {
                        color: GOLD,
                        ..style
                    }
                } else {
                    style
                };
                push_spans(content, s, target.as_ref().or(link), notes, out);
                // The address, where a reader of the paper can type it.
                // (Only a web address: a link between items shows its page instead.)
                let typed = external(url) && !shows_address(url, &inline_text(content));
                if target.is_some() && notes.in_note && typed {
                    // In a note or loose text, the address follows the text.
                    let shown = url.strip_prefix("mailto:").unwrap_or(url);
                    out.push(Span::new(" (", style));
                    out.extend(mono(
                        shown,
                        Style {
                            size: style.size * 0.92,
                            ..style
                        },
                    ));
                    out.push(Span::new(")", style));
                } else if target.is_some() && notes.on && typed {
                    let (id, n) = notes.address(url);
                    out.push(Span {
                        text: superscript(n),
                        style,
                        link: Some(LinkTarget::Note(id)),
                    });
                }
            }
            Inline::Break => out.push(Span {
                text: "\n".into(),
                style,
                link: None,
            }),
            // A task's box is the item's marker (see `push_item`).
            Inline::Task(_) => {}
            // A picture inside a link or emphasis, or one check has not seen
            // (serve's quick recheck): its alt text reads in its place.
            Inline::Image { alt, title, .. } => out.push(Span {
                text: if title.trim().is_empty() || is_decorative(alt, title) {
                    alt.clone()
                } else {
                    format!("{alt} ({})", title.trim())
                },
                style,
                link: link.cloned(),
            }),
            Inline::NoteRef { number, .. } => {
                let call = notes.on.then(|| notes.footnote(*number)).flatten();
                out.push(match call {
                    Some((id, n)) => Span {
                        text: superscript(n),
                        style,
                        link: Some(LinkTarget::Note(id)),
                    },
                    None => Span {
                        text: superscript(*number),
                        style,
                        link: link.cloned(),
                    },
                });
            }
        }
    }
}

/// A heading paragraph for levels 1 (chapter sections) to 6.
pub fn heading_para(text: &[Inline], level: u8) -> Para {
    heading_with(text, level, &mut Notes::none())
}

fn heading_with(text: &[Inline], level: u8, notes: &mut Notes) -> Para {
    let (font, size, before, after) = match level {
        0 | 1 => (FontId::SansBold, 15.0, 16.0, 6.0),
        2 => (FontId::SansBold, 12.5, 12.0, 4.0),
        3 => (FontId::SansBold, 11.0, 9.0, 3.0),
        4 => (FontId::SansBold, 10.0, 8.0, 2.0),
        5 => (FontId::SansBoldItalic, 9.5, 7.0, 2.0),
        _ => (FontId::SansItalic, 9.5, 7.0, 2.0),
    };
    Para {
        spans: styled(text, heading(font, size), notes),
        align: Align::Left,
        indent: Pt::ZERO,
        marker: None,
        leading: 1.25,
        space_before: Pt(before),
        space_after: Pt(after),
        keep_with_next: true,
        role: Role::H(level.max(1)),
    }
}

/// Flow blocks for Markdown blocks, `indent` deep. Headings are set at
/// `top` or deeper: 2 makes the document's largest headings sections in the
/// outline, 3 keeps a body's headings out of it (as inside an exercise).
/// Levels move down together, so `#` and `##` in one document stay apart.
pub fn blocks(blocks: &[Block], images: &Images, indent: Pt, top: u8) -> Vec<FlowBlock> {
    let defs = blocks
        .iter()
        .find_map(|b| match b {
            Block::Footnotes(n) => Some(n.as_slice()),
            _ => None,
        })
        .unwrap_or(&[]);
    let mut notes = Notes {
        on: true,
        in_note: false,
        defs,
        given: Vec::new(),
        pending: Vec::new(),
        shift: top.saturating_sub(largest_heading(blocks).unwrap_or(top)),
        images,
    };
    let mut out = Vec::new();
    for b in blocks {
        let at = out.len();
        push_block(b, indent, top, &mut notes, &mut out);
        // The notes a block calls are announced just before it.
        if !notes.pending.is_empty() {
            out.insert(at, FlowBlock::Notes(std::mem::take(&mut notes.pending)));
        }
    }
    // A footnote called only from other notes' text that never reached the
    // page, or only from its own: set at the end, as the site lists it.
    for d in defs {
        notes.footnote(d.number);
    }
    for (_, para) in std::mem::take(&mut notes.pending) {
        out.push(FlowBlock::Para(para));
    }
    out
}

fn push_block(b: &Block, indent: Pt, top: u8, notes: &mut Notes, out: &mut Vec<FlowBlock>) {
    match b {
        Block::Paragraph(i) => {
            // A picture stands as a figure of its own between the paragraph's
            // text before and after it (the engine has no pictures in a line).
            let mut text: Vec<Inline> = Vec::new();
            let flush = |text: &mut Vec<Inline>, notes: &mut Notes, out: &mut Vec<FlowBlock>| {
                let words = std::mem::take(text);
                if !inline_text(&words).trim().is_empty() {
                    out.push(FlowBlock::Para(Para {
                        indent,
                        ..body_para(styled(&words, body(), notes))
                    }));
                }
            };
            for x in i {
                let found = match x {
                    Inline::Image {
                        url,
                        title,
                        alt,
                        width,
                    } => lookup(notes.images, url).map(|img| (img, title, alt, *width)),
                    _ => None,
                };
                match found {
                    Some((img, title, alt, width)) => {
                        flush(&mut text, notes, out);
                        out.push(figure(img, title, alt, width));
                    }
                    None => text.push(x.clone()),
                }
            }
            flush(&mut text, notes, out);
        }
        Block::Heading { level, content } => {
            let title = inline_text(content);
            // The document's largest headings are the chapter's sections (at `top`).
            let level = (*level + notes.shift).clamp(top, 6);
            let para = heading_with(content, level, notes);
            out.push(FlowBlock::Heading {
                para,
                outline: (level == 2).then_some(title),
                anchor: None,
            });
        }
        Block::List { start, items } => {
            out.push(FlowBlock::Open(Role::L));
            for (n, item) in items.iter().enumerate() {
                let marker = match start {
                    Some(s) => format!("{}.", s + n as u64),
                    None => "•".to_string(),
                };
                let marker = Marker::Text(Span::new(marker, body()));
                out.push(FlowBlock::Open(Role::LI));
                item_blocks(item, marker, indent + Pt(16.0), top, notes, out);
                out.push(FlowBlock::Close);
            }
            if let Some(FlowBlock::Para(p)) = out
                .iter_mut()
                .rev()
                .find(|b| !matches!(b, FlowBlock::Close))
            {
                p.space_after = Pt(7.0);
            }
            out.push(FlowBlock::Close);
        }
        Block::Quote(inner) => {
            out.push(FlowBlock::Open(Role::BlockQuote));
            let mut inside = Vec::new();
            for b in inner {
                push_block(b, indent + Pt(18.0), top, notes, &mut inside);
            }
            for block in inside {
                out.push(match block {
                    FlowBlock::Para(p) => FlowBlock::Para(Para {
                        spans: p
                            .spans
                            .into_iter()
                            .map(|s| Span {
                                style: Style {
                                    font: s.style.font.italic(),
                                    color: MUTED,
                                    ..s.style
                                },
                                ..s
                            })
                            .collect(),
                        ..p
                    }),
                    other => other,
                });
            }
            out.push(FlowBlock::Close);
        }
        Block::Code(t) | Block::Fenced { text: t, .. } => out.push(FlowBlock::Para(Para {
            align: Align::Left,
            indent: indent + Pt(12.0),
            leading: 1.3,
            role: Role::Code,
            ..body_para(code_spans(t))
        })),
        Block::Table { align, head, rows } => {
            let head_style = ink(FontId::SansBold, 9.0);
            let cell_style = ink(FontId::Serif, 9.5);
            let columns = head.len().max(1);
            // Columns share the width by the length of their longest cell, within limits.
            let weights = (0..columns)
                .map(|c| {
                    std::iter::once(head)
                        .chain(rows)
                        .filter_map(|r| r.get(c))
                        .map(|cell| inline_text(cell).chars().count())
                        .max()
                        .unwrap_or(1)
                        .clamp(4, 40) as f32
                })
                .collect();
            out.push(FlowBlock::Table(TableBlock {
                weights,
                align: align
                    .iter()
                    .map(|a| match a {
                        ColumnAlign::Right => Align::Right,
                        ColumnAlign::Center => Align::Center,
                        _ => Align::Left,
                    })
                    .collect(),
                header: head.iter().map(|c| styled(c, head_style, notes)).collect(),
                rows: rows
                    .iter()
                    .map(|r| r.iter().map(|c| styled(c, cell_style, notes)).collect())
                    .collect(),
            }));
        }
        Block::Definitions(ds) => {
            for d in ds {
                out.push(FlowBlock::Para(Para {
                    indent,
                    align: Align::Left,
                    space_after: Pt(2.0),
                    keep_with_next: true,
                    ..body_para(styled(
                        &d.term,
                        ink(FontId::SerifBold, body().size.0),
                        notes,
                    ))
                }));
                for detail in &d.details {
                    for b in detail {
                        push_block(b, indent + Pt(18.0), top, notes, out);
                    }
                }
            }
        }
        // Footnotes are set at the foot of the pages that call them.
        Block::Footnotes(_) => {}
        Block::Rule => out.push(FlowBlock::Rule),
        Block::PageBreak => out.push(FlowBlock::PageBreak),
    }
}

/// The level of the largest heading in blocks (1 for `#`), looking into quotes and lists.
fn largest_heading(blocks: &[Block]) -> Option<u8> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            Block::Quote(inner) => largest_heading(inner),
            Block::List { items, .. } => items.iter().filter_map(|i| largest_heading(i)).min(),
            _ => None,
        })
        .min()
}

fn styled(inlines: &[Inline], style: Style, notes: &mut Notes) -> Vec<Span> {
    let mut out = Vec::new();
    push_spans(inlines, style, None, notes, &mut out);
    out
}

/// `text` in the monospaced face at `style`'s size, the letters that face
/// lacks (Vietnamese ones, say) in the sans face.
fn mono(text: &str, style: Style) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for c in text.chars() {
        let font = if c.is_whitespace() || has_glyph(FontId::Mono, c) {
            FontId::Mono
        } else {
            FontId::Sans
        };
        match out.last_mut() {
            Some(s) if s.style.font == font => s.text.push(c),
            _ => out.push(Span::new(c.to_string(), Style { font, ..style })),
        }
    }
    out
}

/// A code block's lines in the monospaced face: line breaks kept, spaces kept
/// (as no-break spaces, but for the last of a run, where a long line may wrap).
fn code_spans(text: &str) -> Vec<Span> {
    let style = ink(FontId::Mono, 8.5);
    let mut out = Vec::new();
    for (k, line) in text.trim_end_matches('\n').split('\n').enumerate() {
        if k > 0 {
            out.push(Span::new("\n", style));
        }
        let mut s = String::new();
        let chars: Vec<char> = line.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            let leading = chars[..i].iter().all(|c| *c == ' ');
            match c {
                ' ' if leading || chars.get(i + 1) == Some(&' ') => s.push('\u{a0}'),
                '\t' => s.push_str("\u{a0}\u{a0}\u{a0}\u{a0}"),
                c => s.push(*c),
            }
        }
        out.extend(mono(&s, style));
    }
    out
}

/// One list item: its first paragraph carries the marker, the rest follow indented.
pub fn push_item(item: &[Block], marker: Span, indent: Pt, top: u8, out: &mut Vec<FlowBlock>) {
    let mut notes = Notes::none();
    item_blocks(item, Marker::Text(marker), indent, top, &mut notes, out);
}

fn item_blocks(
    item: &[Block],
    marker: Marker,
    indent: Pt,
    top: u8,
    notes: &mut Notes,
    out: &mut Vec<FlowBlock>,
) {
    let mut first = true;
    for b in item {
        match (b, first) {
            (Block::Paragraph(i), true) => {
                // A task item's box replaces its bullet.
                let marker = match i.first() {
                    Some(Inline::Task(true)) => Marker::Checked,
                    Some(Inline::Task(false)) => Marker::Checkbox,
                    _ => marker.clone(),
                };
                out.push(FlowBlock::Para(Para {
                    indent,
                    marker: Some(marker),
                    space_after: Pt(3.0),
                    ..body_para(styled(i, body(), notes))
                }));
            }
            _ => push_block(b, indent, top, notes, out),
        }
        first = false;
    }
}

/// A picture as a figure at the text width (or the width the author gives),
/// its title (if any) as the caption under it.
fn figure(img: &Image, title: &str, alt: &str, width: Option<ImageWidth>) -> FlowBlock {
    let caption = (!title.trim().is_empty() && !is_decorative(alt, title)).then(|| Para {
        space_before: Pt(4.0),
        space_after: Pt(8.0),
        role: Role::Caption,
        ..Para::new(
            vec![Span::new(
                title.trim(),
                Style::new(FontId::SansItalic, 8.5, MUTED),
            )],
            Align::Center,
        )
    });
    // What a reader who cannot see the picture is told: its alt text, or
    // its title when it has none; a decoration is left out of the text.
    let words = [alt.trim(), title.trim()]
        .into_iter()
        .find(|w| !w.is_empty())
        .filter(|_| !is_decorative(alt, title))
        .map(str::to_string);
    FlowBlock::Figure {
        alt: words,
        image: engine_image(img),
        width: width.map(|w| match w {
            ImageWidth::Percent(p) => FigureWidth::Share(f32::from(p) / 100.0),
            ImageWidth::Length(t) => FigureWidth::Length(Pt::mm(t as f32 / 10.0)),
        }),
        caption,
    }
}

/// The engine's picture of a program's image.
pub fn engine_image(img: &Image) -> Arc<ImageData> {
    let kind = match img.format {
        ImageFormat::Png => ImageKind::Png,
        ImageFormat::Jpeg => ImageKind::Jpeg,
        ImageFormat::Gif => ImageKind::Gif,
        ImageFormat::Webp => ImageKind::Webp,
        ImageFormat::Svg => ImageKind::Svg,
    };
    Arc::new(ImageData {
        key: img.key.clone(),
        kind,
        bytes: img.bytes.clone(),
        width_px: img.width,
        height_px: img.height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::parse_blocks;

    #[test]
    fn heading_levels_move_down_together_and_stay_apart() {
        let levels = |md: &str, top: u8| -> Vec<f32> {
            blocks(&parse_blocks(md), no_images(), Pt::ZERO, top)
                .iter()
                .filter_map(|b| match b {
                    FlowBlock::Heading { para, .. } => Some(para.spans[0].style.size.0),
                    _ => None,
                })
                .collect()
        };
        let size = |l: u8| {
            heading_para(&[Inline::Text("x".into())], l).spans[0]
                .style
                .size
                .0
        };
        assert_eq!(
            levels("# A\n\n## B\n\n### C", 3),
            [size(3), size(4), size(5)]
        );
        assert_eq!(levels("## A\n\n### B", 2), [size(2), size(3)]);
        assert_eq!(levels("#### A\n\n###### B", 2), [size(4), size(6)]);
    }

    #[test]
    fn code_keeps_indentation_and_lines() {
        let s = code_spans("fn a() {\n    b  c\n}\n");
        let text: String = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(text, "fn a() {\n\u{a0}\u{a0}\u{a0}\u{a0}b\u{a0} c\n}");
        assert!(s.iter().all(|s| s.style.font == FontId::Mono));
    }

    #[test]
    fn loose_inline_text_shows_a_web_address_after_its_link() {
        let inl = crate::model::text::parse_inline(
            "Read [the guide](https://example.org/g) or <https://example.org/h>.",
        );
        let text: String = spans(&inl, body())
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(
            text,
            "Read the guide (https://example.org/g) or https://example.org/h."
        );
    }

    #[test]
    fn code_letters_the_monospaced_face_lacks_are_set_in_sans() {
        let s = mono("Nguyễn", ink(FontId::Mono, 9.0));
        let fonts: Vec<(&str, FontId)> =
            s.iter().map(|s| (s.text.as_str(), s.style.font)).collect();
        assert_eq!(
            fonts,
            vec![
                ("Nguy", FontId::Mono),
                ("ễ", FontId::Sans),
                ("n", FontId::Mono)
            ]
        );
    }

    #[test]
    fn links_show_their_address_once_in_a_note_but_autolinks_do_not() {
        let b = parse_blocks(
            "See [the site](https://example.org/a) and [again](https://example.org/a), <https://example.org/b>.",
        );
        let out = blocks(&b, no_images(), Pt::ZERO, 2);
        let notes: Vec<&(u32, Para)> = out
            .iter()
            .filter_map(|b| match b {
                FlowBlock::Notes(n) => Some(n),
                _ => None,
            })
            .flatten()
            .collect();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].1.spans[0].text, "https://example.org/a");
    }
}
