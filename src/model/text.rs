//! The project's own small document tree, parsed once from Markdown.
//!
//! The HTML writer and the PDF layout both read [`Block`]s, so the PDF side
//! never sees HTML. Raw HTML in Markdown is kept as plain text, never passed on.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};
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
    /// A literal block of text.
    Code(String),
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
}

/// The comment that asks for a page break in print.
pub const PAGE_BREAK: &str = "<!-- pagebreak -->";

/// The one place the Markdown parser and its options are set up.
fn parser(text: &str) -> Parser<'_> {
    Parser::new_ext(
        text,
        Options::ENABLE_SMART_PUNCTUATION | Options::ENABLE_STRIKETHROUGH,
    )
}

/// Parses Markdown into blocks.
pub fn parse_blocks(text: &str) -> Vec<Block> {
    let mut b = TreeBuilder::default();
    for event in parser(text) {
        b.event(event);
    }
    b.finish()
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
            Inline::Emph(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => {
                s.push_str(&inline_text(c))
            }
            Inline::Break => s.push(' '),
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
            Block::Code(t) => t.clone(),
            Block::Rule | Block::PageBreak => String::new(),
        })
        .collect();
    parts.join(" ").trim().to_string()
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
}

impl Default for TreeBuilder {
    fn default() -> Self {
        TreeBuilder {
            stack: vec![Open {
                tag: None,
                frame: Frame::Blocks(Vec::new()),
                flat: false,
            }],
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
        let frame = match tag {
            Tag::List(_) | Tag::Item | Tag::BlockQuote(_) => Frame::Blocks(Vec::new()),
            _ => Frame::Inlines(Vec::new()),
        };
        let is_block = matches!(
            tag,
            Tag::List(_)
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::CodeBlock(_)
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
            (Tag::CodeBlock(_), Frame::Inlines(i)) => self.block(Block::Code(inline_text(&i))),
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
            (Tag::Link { dest_url, .. }, Frame::Inlines(i)) => self.inline(Inline::Link {
                url: dest_url.into_string(),
                content: i,
            }),
            (Tag::Image { dest_url, .. }, Frame::Inlines(i)) => {
                // Images are not part of schema v1: keep the alt text readable.
                let alt = inline_text(&i);
                self.text(if alt.is_empty() {
                    dest_url.as_ref()
                } else {
                    alt.as_str()
                });
            }
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
        match self.stack.pop() {
            Some(Open {
                frame: Frame::Blocks(b),
                ..
            }) => b,
            _ => Vec::new(),
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

#[cfg(test)]
mod tests {
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
    fn smart_punctuation() {
        assert_eq!(inline_text(&parse_inline("it's -- \"so\"")), "it’s – “so”");
    }
}
