//! Links between items, resolved: what a checked `[text](@id)` or relative link points to.
//!
//! `validate` writes each resolved link's url as [`Target::url`]
//! (`kintsugi:exercise/body-scan`), so the Markdown tree keeps its one
//! `Inline::Link` shape; renderers read it back with [`Target::of`] and turn
//! it into a page's URL (site) or an anchor with a page number (workbook).

use super::text::{Block, Inline};
use super::*;

/// The place a link between items leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Week(u32),
    Exercise(String),
    Script(String),
    Worksheet(String),
    Table(String),
    Question(String),
    /// A file of `static/`, by its path inside that folder (`maps/park.pdf`).
    Static(String),
    /// An image of [`Program::images`], by its key.
    Image(String),
}

/// The scheme of a resolved link's url; no link written by an author has it
/// (it is not one the site lets through).
const SCHEME: &str = "kintsugi:";

impl Target {
    /// The url a resolved link carries in the model.
    pub fn url(&self) -> String {
        let (kind, id) = match self {
            Target::Week(n) => ("week", n.to_string()),
            Target::Exercise(id) => ("exercise", id.clone()),
            Target::Script(id) => ("script", id.clone()),
            Target::Worksheet(id) => ("worksheet", id.clone()),
            Target::Table(id) => ("table", id.clone()),
            Target::Question(id) => ("question", id.clone()),
            Target::Static(path) => ("static", path.clone()),
            Target::Image(key) => ("image", key.clone()),
        };
        format!("{SCHEME}{kind}/{id}")
    }

    /// The target of a resolved link's url; None for any other url.
    pub fn of(url: &str) -> Option<Target> {
        let (kind, id) = url.strip_prefix(SCHEME)?.split_once('/')?;
        let id = id.to_string();
        Some(match kind {
            "week" => Target::Week(id.parse().ok()?),
            "exercise" => Target::Exercise(id),
            "script" => Target::Script(id),
            "worksheet" => Target::Worksheet(id),
            "table" => Target::Table(id),
            "question" => Target::Question(id),
            "static" => Target::Static(id),
            "image" => Target::Image(id),
            _ => return None,
        })
    }
}

/// Calls `f` with the url of every link and image in `bs`.
pub fn in_blocks(bs: &mut [Block], f: &mut dyn FnMut(&mut String)) {
    for b in bs {
        match b {
            Block::Paragraph(i) | Block::Heading { content: i, .. } => in_inlines(i, f),
            Block::List { items, .. } => items.iter_mut().for_each(|item| in_blocks(item, f)),
            Block::Quote(inner) => in_blocks(inner, f),
            Block::Table { head, rows, .. } => {
                head.iter_mut().for_each(|c| in_inlines(c, f));
                rows.iter_mut().flatten().for_each(|c| in_inlines(c, f));
            }
            Block::Definitions(ds) => {
                for d in ds {
                    in_inlines(&mut d.term, f);
                    d.details.iter_mut().for_each(|x| in_blocks(x, f));
                }
            }
            Block::Footnotes(notes) => notes.iter_mut().for_each(|n| in_blocks(&mut n.content, f)),
            _ => {}
        }
    }
}

/// Calls `f` with the url of every link and image in `is`.
pub fn in_inlines(is: &mut [Inline], f: &mut dyn FnMut(&mut String)) {
    for i in is {
        match i {
            Inline::Link { url, content } => {
                f(url);
                in_inlines(content, f);
            }
            Inline::Image { url, .. } => f(url),
            Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Lang { content: c, .. } => in_inlines(c, f),
            _ => {}
        }
    }
}

/// Calls `f` with the url of every link of one week.
pub fn in_week(w: &mut Week, f: &mut dyn FnMut(&mut String)) {
    w.tasks.iter_mut().for_each(|t| in_inlines(t, f));
    in_blocks(&mut w.body, f);
}

/// Calls `f` with the url of every link of one exercise.
pub fn in_exercise(e: &mut Exercise, f: &mut dyn FnMut(&mut String)) {
    e.roles.iter_mut().for_each(|r| in_inlines(&mut r.does, f));
    e.steps.iter_mut().for_each(|t| in_inlines(t, f));
    in_blocks(&mut e.body, f);
}

/// Calls `f` with the url of every link of one script.
pub fn in_script(s: &mut Script, f: &mut dyn FnMut(&mut String)) {
    s.parts.iter_mut().for_each(|x| in_inlines(&mut x.text, f));
    s.phrases.iter_mut().for_each(|x| in_inlines(x, f));
    in_blocks(&mut s.body, f);
}

/// Calls `f` with the url of every link of one table.
pub fn in_table(t: &mut Table, f: &mut dyn FnMut(&mut String)) {
    in_blocks(&mut t.intro, f);
    t.rows
        .iter_mut()
        .flatten()
        .for_each(|cell| in_inlines(cell, f));
}

/// Calls `f` with the url of every link of one worksheet.
pub fn in_worksheet(w: &mut Worksheet, f: &mut dyn FnMut(&mut String)) {
    fn sheet(bs: &mut [SheetBlock], f: &mut dyn FnMut(&mut String)) {
        for b in bs {
            match b {
                SheetBlock::Text(x) => in_blocks(x, f),
                SheetBlock::Steps(x) | SheetBlock::Phrases(x) => {
                    x.iter_mut().for_each(|i| in_inlines(i, f))
                }
                SheetBlock::Cards { cards, .. } => {
                    cards.iter_mut().for_each(|c| in_inlines(&mut c.text, f))
                }
                SheetBlock::Columns { left, right } => {
                    sheet(left, f);
                    sheet(right, f);
                }
                _ => {}
            }
        }
    }
    sheet(&mut w.blocks, f);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_survives_its_url() {
        for t in [
            Target::Week(3),
            Target::Exercise("body-scan".into()),
            Target::Static("maps/park.pdf".into()),
            Target::Question("why".into()),
            Target::Image("0123456789abcdef".into()),
        ] {
            assert_eq!(Target::of(&t.url()), Some(t));
        }
        assert_eq!(Target::of("https://example.org/"), None);
        assert_eq!(Target::of("@body-scan"), None);
    }
}
