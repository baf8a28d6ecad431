//! Turns the model's Markdown tree into flow blocks in the book's type styles.

use super::style::{body, body_para, ink, GOLD, MUTED};
use crate::model::text::{Block, Inline};
use crate::pdf::flow::{FlowBlock, Marker, Para};
use crate::pdf::fonts::FontId;
use crate::pdf::lines::{Align, Span};
use crate::pdf::shape::{LinkTarget, Style};
use crate::pdf::units::Pt;

/// Spans for inline content in `base` style; emphasis and strong change the face.
pub fn spans(inlines: &[Inline], base: Style) -> Vec<Span> {
    let mut out = Vec::new();
    push_spans(inlines, base, None, &mut out);
    out
}

/// The workbook anchor a resolved link between items leads to: its chapter
/// or section (worksheets and files of `static/` have none in the workbook).
pub fn anchor_of(url: &str) -> Option<String> {
    use crate::model::links::Target;
    match Target::of(url)? {
        Target::Week(n) => Some(format!("week-{n}")),
        Target::Exercise(id) => Some(format!("exercise-{id}")),
        Target::Script(id) => Some(format!("script-{id}")),
        Target::Table(id) => Some(format!("table-{id}")),
        Target::Question(_) => Some("faq".into()),
        Target::Worksheet(_) | Target::Static(_) => None,
    }
}

fn push_spans(inlines: &[Inline], style: Style, link: Option<&LinkTarget>, out: &mut Vec<Span>) {
    for i in inlines {
        match i {
            Inline::Text(t) => out.push(Span {
                text: t.clone(),
                style,
                link: link.cloned(),
            }),
            Inline::Code(t) => out.push(Span {
                text: t.clone(),
                style: Style {
                    font: FontId::Sans,
                    ..style
                },
                link: link.cloned(),
            }),
            Inline::Emph(c) => push_spans(
                c,
                Style {
                    font: style.font.italic(),
                    ..style
                },
                link,
                out,
            ),
            Inline::Strong(c) => push_spans(
                c,
                Style {
                    font: style.font.bold(),
                    ..style
                },
                link,
                out,
            ),
            Inline::Link { url, content } => {
                // Web links, and links between items (to the item's place in
                // this document, when it has one); other links stay plain text.
                let target = (url.starts_with("http://")
                    || url.starts_with("https://")
                    || url.starts_with("mailto:"))
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
                push_spans(content, s, target.as_ref().or(link), out)
            }
            Inline::Break => out.push(Span {
                text: "\n".into(),
                style,
                link: None,
            }),
        }
    }
}

/// A heading paragraph for levels 1 (chapter sections) to 3.
pub fn heading_para(text: &[Inline], level: u8) -> Para {
    let (size, before, after) = match level {
        0 | 1 => (15.0, 16.0, 6.0),
        2 => (12.5, 12.0, 4.0),
        _ => (11.0, 9.0, 3.0),
    };
    Para {
        spans: spans(text, ink(FontId::SansBold, size)),
        align: Align::Left,
        indent: Pt::ZERO,
        marker: None,
        leading: 1.25,
        space_before: Pt(before),
        space_after: Pt(after),
        keep_with_next: true,
    }
}

/// Flow blocks for Markdown blocks, `indent` deep. Headings are set at
/// `top` or deeper: 2 makes `##` a section in the outline, 3 keeps a body's
/// headings out of it (as inside an exercise).
pub fn blocks(blocks: &[Block], indent: Pt, top: u8) -> Vec<FlowBlock> {
    let mut out = Vec::new();
    for b in blocks {
        push_block(b, indent, top, &mut out);
    }
    out
}

fn push_block(b: &Block, indent: Pt, top: u8, out: &mut Vec<FlowBlock>) {
    match b {
        Block::Paragraph(i) => out.push(FlowBlock::Para(Para {
            indent,
            ..body_para(spans(i, body()))
        })),
        Block::Heading { level, content } => {
            let title = crate::model::text::inline_text(content);
            // Markdown `#`/`##` inside a chapter are its sections.
            let level = (*level).max(top);
            out.push(FlowBlock::Heading {
                para: heading_para(content, level),
                outline: (level == 2).then_some(title),
                anchor: None,
            });
        }
        Block::List { start, items } => {
            for (n, item) in items.iter().enumerate() {
                let marker = match start {
                    Some(s) => format!("{}.", s + n as u64),
                    None => "•".to_string(),
                };
                push_item(item, Span::new(marker, body()), indent + Pt(16.0), top, out);
            }
            if let Some(FlowBlock::Para(p)) = out.last_mut() {
                p.space_after = Pt(7.0);
            }
        }
        Block::Quote(inner) => {
            for block in blocks(inner, indent + Pt(18.0), top) {
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
        }
        Block::Code(t) => out.push(FlowBlock::Para(Para {
            align: Align::Left,
            indent: indent + Pt(12.0),
            ..body_para(vec![Span::new(t.trim_end(), ink(FontId::Sans, 9.5))])
        })),
        Block::Rule => out.push(FlowBlock::Rule),
        Block::PageBreak => out.push(FlowBlock::PageBreak),
    }
}

/// One list item: its first paragraph carries the marker, the rest follow indented.
pub fn push_item(item: &[Block], marker: Span, indent: Pt, top: u8, out: &mut Vec<FlowBlock>) {
    let mut first = true;
    for b in item {
        match (b, first) {
            (Block::Paragraph(i), true) => {
                out.push(FlowBlock::Para(Para {
                    indent,
                    marker: Some(Marker::Text(marker.clone())),
                    space_after: Pt(3.0),
                    ..body_para(spans(i, body()))
                }));
            }
            _ => push_block(b, indent, top, out),
        }
        first = false;
    }
}
