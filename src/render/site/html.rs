//! Writes the model's Markdown tree as HTML, escaping all text.
//!
//! Raw HTML from content never reaches the page: the tree holds it as text,
//! and links are limited to web, mail and relative addresses.

use crate::model::images::{is_decorative, is_web};
use crate::model::text::{Block, ColumnAlign, Inline};
use std::cell::RefCell;
use std::collections::HashSet;

thread_local! {
    /// Footnote calls already written on this page (a second call gets no id).
    static CALLED: RefCell<HashSet<(String, u32)>> = RefCell::new(HashSet::new());
    /// Has this document shown an image yet? The first loads at once (it is
    /// likely in view), the rest when scrolled near.
    static SHOWN_IMAGE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

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

/// HTML for the blocks of one document.
///
/// Page titles are h1, so content headings start at h2, and a page never
/// skips a level: the levels a document uses, from its largest, become h2,
/// h3, … in order (`#` and `###` alone become h2 and h3, a lone `####` h2),
/// as the workbook moves them down together. A seventh level and deeper is a
/// heading by ARIA.
pub fn blocks(bs: &[Block]) -> String {
    CALLED.with(|c| c.borrow_mut().clear());
    SHOWN_IMAGE.with(|s| s.set(false));
    let shift = heading_levels(bs);
    let mut out = String::new();
    for b in bs {
        block(b, &shift, &mut out);
    }
    out
}

/// What each Markdown heading level (1 to 6, by index) is set as on the page.
type Levels = [u8; 7];

fn heading_levels(bs: &[Block]) -> Levels {
    fn used(bs: &[Block], seen: &mut [bool; 7]) {
        for b in bs {
            match b {
                Block::Heading { level, .. } => seen[usize::from(*level).min(6)] = true,
                Block::Quote(inner) => used(inner, seen),
                Block::List { items, .. } => items.iter().for_each(|i| used(i, seen)),
                _ => {}
            }
        }
    }
    let mut seen = [false; 7];
    used(bs, &mut seen);
    let mut levels = [2; 7];
    let mut next = 2;
    for (l, used) in seen.iter().enumerate().skip(1) {
        levels[l] = next;
        if *used {
            next += 1;
        }
    }
    levels
}

fn nested(bs: &[Block], shift: &Levels) -> String {
    let mut out = String::new();
    for b in bs {
        block(b, shift, &mut out);
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

fn block(b: &Block, shift: &Levels, out: &mut String) {
    match b {
        // An image alone in its paragraph, with a title, is a figure with that caption.
        Block::Paragraph(i)
            if matches!(i.as_slice(), [Inline::Image { title, alt, .. }]
                if !title.trim().is_empty() && !is_decorative(alt, title)) =>
        {
            if let [Inline::Image {
                url,
                alt,
                title,
                width,
            }] = i.as_slice()
            {
                out.push_str("<figure>");
                image(url, alt, None, *width, out);
                out.push_str(&format!(
                    "<figcaption>{}</figcaption></figure>\n",
                    escape(title)
                ));
            }
        }
        Block::Paragraph(i) => {
            out.push_str("<p>");
            out.push_str(&inlines(i));
            out.push_str("</p>\n");
        }
        Block::Heading { level, content } => {
            let l = shift[usize::from(*level).min(6)];
            if l <= 6 {
                out.push_str(&format!("<h{l}>{}</h{l}>\n", inlines(content)));
            } else {
                out.push_str(&format!(
                    "<p class=\"h{l}\" role=\"heading\" aria-level=\"{l}\">{}</p>\n",
                    inlines(content)
                ));
            }
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
                let task = matches!(item.first(), Some(Block::Paragraph(i)) if matches!(i.first(), Some(Inline::Task(_))));
                out.push_str(if task { "<li class=\"task\">" } else { "<li>" });
                // A single paragraph in an item prints without <p>, as tight lists do.
                // A task's box is labelled by the item's own words.
                match item.as_slice() {
                    [Block::Paragraph(i)] if task => {
                        out.push_str(&format!("<label>{}</label>", inlines(i)))
                    }
                    [Block::Paragraph(i), rest @ ..] if task => out.push_str(&format!(
                        "<p><label>{}</label></p>\n{}",
                        inlines(i),
                        nested(rest, shift)
                    )),
                    [Block::Paragraph(i)] => out.push_str(&inlines(i)),
                    _ => out.push_str(&nested(item, shift)),
                }
                out.push_str("</li>\n");
            }
            out.push_str(close);
            out.push('\n');
        }
        Block::Quote(inner) => {
            out.push_str("<blockquote>\n");
            out.push_str(&nested(inner, shift));
            out.push_str("</blockquote>\n");
        }
        Block::Code(t) => out.push_str(&format!("<pre><code>{}</code></pre>\n", escape(t))),
        Block::Fenced { info, text } => {
            let lang = info.split_whitespace().next().unwrap_or_default();
            out.push_str(&format!(
                "<pre><code class=\"language-{}\">{}</code></pre>\n",
                escape(lang),
                escape(text)
            ));
        }
        Block::Table { align, head, rows } => {
            let class = |n: usize| match align.get(n) {
                Some(ColumnAlign::Left) => " class=\"align-left\"",
                Some(ColumnAlign::Center) => " class=\"align-center\"",
                Some(ColumnAlign::Right) => " class=\"align-right\"",
                _ => "",
            };
            out.push_str("<div class=\"table-wrap\"><table>\n<thead>\n<tr>");
            for (n, c) in head.iter().enumerate() {
                out.push_str(&format!("<th{}>{}</th>", class(n), inlines(c)));
            }
            out.push_str("</tr>\n</thead>\n");
            if !rows.is_empty() {
                out.push_str("<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for (n, c) in row.iter().enumerate() {
                        out.push_str(&format!("<td{}>{}</td>", class(n), inlines(c)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n");
            }
            out.push_str("</table></div>\n");
        }
        Block::Definitions(ds) => {
            out.push_str("<dl>\n");
            for d in ds {
                out.push_str(&format!("<dt>{}</dt>\n", inlines(&d.term)));
                for detail in &d.details {
                    out.push_str("<dd>");
                    match detail.as_slice() {
                        [Block::Paragraph(i)] => out.push_str(&inlines(i)),
                        _ => out.push_str(&nested(detail, shift)),
                    }
                    out.push_str("</dd>\n");
                }
            }
            out.push_str("</dl>\n");
        }
        Block::Footnotes(notes) => {
            out.push_str("<section class=\"footnotes\" role=\"doc-endnotes\">\n<ol>\n");
            for n in notes {
                let id = format!("{}-{}", escape(&n.doc), n.number);
                let back = format!(
                    " <a href=\"#fnref-{id}\" class=\"footnote-back\" role=\"doc-backlink\">\u{21a9}\u{fe0e}</a>"
                );
                let mut body = nested(&n.content, shift);
                // The back link ends the note's last paragraph when there is one.
                if body.ends_with("</p>\n") {
                    body.truncate(body.len() - "</p>\n".len());
                    body.push_str(&back);
                    body.push_str("</p>\n");
                } else {
                    body.push_str(&back);
                }
                out.push_str(&format!(
                    "<li id=\"fn-{id}\" value=\"{}\">{body}</li>\n",
                    n.number
                ));
            }
            out.push_str("</ol>\n</section>\n");
        }
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
        Inline::Image {
            url,
            alt,
            title,
            width,
        } => {
            let title = (!is_decorative(alt, title) && !title.trim().is_empty()).then_some(title);
            image(url, alt, title.map(String::as_str), *width, out)
        }
        Inline::Link { url, content } => {
            if safe_url(url) {
                // A link to an image leads to the file, not to a size.
                let url = super::images::shown(url).map_or(url.as_str(), |s| s.src);
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
        Inline::Strike(c) => out.push_str(&format!("<del>{}</del>", inlines(c))),
        Inline::Lang { lang, content } => out.push_str(&format!(
            "<span lang=\"{}\">{}</span>",
            escape(lang),
            inlines(content)
        )),
        Inline::Task(done) => out.push_str(if *done {
            "<input type=\"checkbox\" disabled checked> "
        } else {
            "<input type=\"checkbox\" disabled> "
        }),
        Inline::NoteRef { doc, number } => {
            let id = format!("{}-{number}", escape(doc));
            let first = CALLED.with(|c| c.borrow_mut().insert((doc.clone(), *number)));
            let own = if first {
                format!(" id=\"fnref-{id}\"")
            } else {
                String::new()
            };
            out.push_str(&format!(
                "<sup class=\"footnote-ref\"><a href=\"#fn-{id}\"{own} role=\"doc-noteref\">{number}</a></sup>"
            ));
        }
    }
}

/// An `<img>`: a program's image with its size (and a smaller rendition of
/// a big one), or one on the web as it is. An image the program does not
/// have (a new one while serving, not yet checked) shows its alt text.
fn image(
    url: &str,
    alt: &str,
    title: Option<&str>,
    width: Option<crate::model::text::ImageWidth>,
    out: &mut String,
) {
    let first = !SHOWN_IMAGE.with(|s| s.replace(true));
    let lazy = if first { "" } else { " loading=\"lazy\"" };
    // The author's width; the height follows from the width and height attributes.
    let lazy = match width {
        Some(w) => format!("{lazy} style=\"width: {}; height: auto\"", w.css()),
        None => lazy.to_string(),
    };
    let title = title.map_or(String::new(), |t| format!(" title=\"{}\"", escape(t)));
    let alt = escape(alt);
    if let Some(s) = super::images::shown(url) {
        let srcset = s.small.map_or(String::new(), |small| {
            format!(
                " srcset=\"{} {}w, {} {}w\" sizes=\"(max-width: 50rem) 100vw, 50rem\"",
                escape(&small),
                super::images::SMALL,
                escape(s.src),
                s.width
            )
        });
        out.push_str(&format!(
            "<img src=\"{}\"{srcset} alt=\"{alt}\" width=\"{}\" height=\"{}\"{title} decoding=\"async\"{lazy}>",
            escape(s.src),
            s.width,
            s.height
        ));
    } else if is_web(url) {
        out.push_str(&format!(
            "<img src=\"{}\" alt=\"{alt}\"{title} decoding=\"async\"{lazy}>",
            escape(url)
        ));
    } else {
        out.push_str(&alt);
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
    fn writes_tables_tasks_footnotes_code_and_definitions() {
        let html = blocks(&parse_blocks(
            "| a | b |\n|--|--:|\n| 1 | 2 |\n\n- [x] done\n\nSee[^n] and again[^n].\n\n```js\nx < 1\n```\n\nT\n: d\n\n[^n]: The note.\n",
        ));
        assert!(
            html.contains("<th>a</th><th class=\"align-right\">b</th>"),
            "{html}"
        );
        assert!(html.contains("<td class=\"align-right\">2</td>"), "{html}");
        assert!(
            html.contains(
                "<li class=\"task\"><label><input type=\"checkbox\" disabled checked> done</label></li>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<pre><code class=\"language-js\">x &lt; 1\n</code></pre>"),
            "{html}"
        );
        assert!(
            html.contains("<dl>\n<dt>T</dt>\n<dd>d</dd>\n</dl>"),
            "{html}"
        );
        // Two calls of one note: one id for the back link, both link to the note.
        assert_eq!(html.matches("id=\"fnref-").count(), 1, "{html}");
        assert_eq!(html.matches("href=\"#fn-").count(), 2, "{html}");
        assert!(html.contains("<p>The note. <a href=\"#fnref-"), "{html}");
    }

    #[test]
    fn headings_start_at_h2_keep_their_order_and_never_skip_a_level() {
        let kept = blocks(&parse_blocks("## Two\n\n### Three"));
        assert!(
            kept.contains("<h2>Two</h2>") && kept.contains("<h3>Three</h3>"),
            "{kept}"
        );
        let moved = blocks(&parse_blocks("# One\n\n## Two\n\n###### Six"));
        assert!(
            moved.contains("<h2>One</h2>")
                && moved.contains("<h3>Two</h3>")
                && moved.contains("<h4>Six</h4>"),
            "{moved}"
        );
        let lone = blocks(&parse_blocks("#### Four\n\ntext\n\n###### Six"));
        assert!(
            lone.contains("<h2>Four</h2>") && lone.contains("<h3>Six</h3>"),
            "{lone}"
        );
        let all = blocks(&parse_blocks("# 1\n## 2\n### 3\n#### 4\n##### 5\n###### 6"));
        assert!(all.contains("<h6>5</h6>"), "{all}");
        assert!(
            all.contains("role=\"heading\" aria-level=\"7\">6</p>"),
            "{all}"
        );
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
