//! Writes the model's Markdown tree as HTML, escaping all text.
//!
//! Raw HTML from content never reaches the page: the tree holds it as text,
//! and links are limited to web, mail and relative addresses.

use crate::model::text::{Block, Inline};

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// HTML for blocks.
pub fn blocks(bs: &[Block]) -> String {
    let mut out = String::new();
    for b in bs {
        block(b, &mut out);
    }
    out
}

/// HTML for inline content.
pub fn inlines(is: &[Inline]) -> String {
    let mut out = String::new();
    for i in is {
        inline(i, &mut out);
    }
    out
}

fn block(b: &Block, out: &mut String) {
    match b {
        Block::Paragraph(i) => {
            out.push_str("<p>");
            out.push_str(&inlines(i));
            out.push_str("</p>\n");
        }
        Block::Heading { level, content } => {
            // Page titles are h1; content headings start at h2.
            let l = (*level).clamp(2, 6);
            out.push_str(&format!("<h{l}>{}</h{l}>\n", inlines(content)));
        }
        Block::List { start, items } => {
            let (open, close) = match start {
                Some(1) => ("<ol>".to_string(), "</ol>"),
                Some(n) => (format!("<ol start=\"{n}\">"), "</ol>"),
                None => ("<ul>".to_string(), "</ul>"),
            };
            out.push_str(&open);
            out.push('\n');
            for item in items {
                out.push_str("<li>");
                // A single paragraph in an item prints without <p>, as tight lists do.
                match item.as_slice() {
                    [Block::Paragraph(i)] => out.push_str(&inlines(i)),
                    _ => out.push_str(&blocks(item)),
                }
                out.push_str("</li>\n");
            }
            out.push_str(close);
            out.push('\n');
        }
        Block::Quote(inner) => {
            out.push_str("<blockquote>\n");
            out.push_str(&blocks(inner));
            out.push_str("</blockquote>\n");
        }
        Block::Code(t) => out.push_str(&format!("<pre><code>{}</code></pre>\n", escape(t))),
        Block::Rule => out.push_str("<hr>\n"),
        Block::PageBreak => out.push_str("<div class=\"page-break\"></div>\n"),
    }
}

fn inline(i: &Inline, out: &mut String) {
    match i {
        Inline::Text(t) => out.push_str(&escape(t)),
        Inline::Emph(c) => out.push_str(&format!("<em>{}</em>", inlines(c))),
        Inline::Strong(c) => out.push_str(&format!("<strong>{}</strong>", inlines(c))),
        Inline::Code(t) => out.push_str(&format!("<code>{}</code>", escape(t))),
        Inline::Link { url, content } => {
            if safe_url(url) {
                out.push_str(&format!(
                    "<a href=\"{}\">{}</a>",
                    escape(url),
                    inlines(content)
                ));
            } else {
                out.push_str(&inlines(content));
            }
        }
        Inline::Break => out.push_str("<br>"),
    }
}

/// Web, mail and relative links only: no `javascript:` or other schemes.
fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _))
            if !scheme.contains('/') && !scheme.contains('?') && !scheme.contains('#') =>
        {
            matches!(scheme, "http" | "https" | "mailto")
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::parse_blocks;

    #[test]
    fn escapes_raw_html_and_unsafe_links() {
        let html = blocks(&parse_blocks(
            "Hi <script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](../a.html)",
        ));
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("<a href=\"../a.html\">y</a>"), "{html}");
    }

    #[test]
    fn writes_lists_and_emphasis() {
        let html = blocks(&parse_blocks("- *one*\n- **two**\n"));
        assert_eq!(
            html,
            "<ul>\n<li><em>one</em></li>\n<li><strong>two</strong></li>\n</ul>\n"
        );
    }
}
