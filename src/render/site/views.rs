//! Typed, serialisable views made for the templates; templates never see domain structs.

use super::html;
use crate::model::text::plain_text;
use crate::model::*;
use serde::Serialize;

/// What every page gets.
#[derive(Debug, Clone, Serialize)]
pub struct Base {
    /// The site title.
    pub site_title: String,
    /// The line at the foot of every page (`site_footer` in kintsugi.yaml); empty for none.
    pub footer: String,
    /// The absolute URL of the site, ending in `/`, or empty (then no canonical links).
    pub site_url: String,
    /// The html lang attribute.
    pub language: String,
    /// The html dir attribute: `rtl` for a language written right to left, else `ltr`.
    pub dir: &'static str,
    /// This page's title.
    pub title: String,
    /// A one-line description for the meta tag.
    pub description: String,
    /// Relative path from this page to the site root ("" or "../").
    pub root: String,
    /// Main navigation.
    pub nav: Vec<NavItem>,
    /// Breadcrumb trail, root first (the page itself is not included).
    pub crumbs: Vec<ItemLink>,
    /// The brand's logo in the header, when the brand has one.
    pub logo: Option<Logo>,
    /// The page's icon: its path from the page, and its MIME type.
    pub favicon: String,
    pub favicon_type: String,
    /// The organisation (brand `meta.name`) and its home page, for the footer.
    pub org: Option<ItemLink>,
    /// The organisation's other links (`meta.link`, but `home`), labelled by their keys.
    pub org_links: Vec<ItemLink>,
}

/// An image in the page's frame (the brand's logo).
#[derive(Debug, Clone, Serialize)]
pub struct Logo {
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// A navigation entry.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub title: String,
    pub href: String,
    pub current: bool,
}

/// A link to a page of the site, with its title and an optional note.
#[derive(Debug, Clone, Serialize)]
pub struct ItemLink {
    pub title: String,
    pub href: String,
    pub note: String,
}

/// The 404 page.
#[derive(Debug, Serialize)]
pub struct NotFoundPage {
    pub base: Base,
}

/// The search page.
#[derive(Debug, Serialize)]
pub struct SearchPage {
    pub base: Base,
    /// Every page of the guide, in site order.
    pub pages: Vec<SearchHit>,
}

/// A page the search page lists.
#[derive(Debug, Serialize)]
pub struct SearchHit {
    pub title: String,
    pub href: String,
    pub section: String,
}

/// Home page.
#[derive(Debug, Serialize)]
pub struct Home {
    pub base: Base,
    pub subtitle: String,
    pub audience: String,
    pub summary: String,
    pub intro_html: String,
    pub weeks: Vec<ItemLink>,
    pub workbook_href: String,
    /// "A 4-week program".
    pub kicker: String,
    /// "The 4 weeks".
    pub weeks_heading: String,
}

/// The plan overview.
#[derive(Debug, Serialize)]
pub struct Plan {
    pub base: Base,
    pub weeks: Vec<WeekSummary>,
    /// The lead paragraph.
    pub intro: String,
}

/// One row of the plan.
#[derive(Debug, Serialize)]
pub struct WeekSummary {
    /// "Week 2 · Light and dark".
    pub heading: String,
    pub number: u32,
    pub title: String,
    pub focus: String,
    pub href: String,
    pub tasks_html: Vec<String>,
}

/// A week page.
#[derive(Debug, Serialize)]
pub struct WeekPage {
    pub base: Base,
    pub number: u32,
    pub total: usize,
    /// "Week 2 of 4".
    pub kicker: String,
    pub focus: String,
    pub tasks_html: Vec<String>,
    pub body_html: String,
    pub exercises: Vec<ItemLink>,
    pub scripts: Vec<ItemLink>,
    pub worksheets: Vec<ItemLink>,
    pub prev: Option<ItemLink>,
    pub next: Option<ItemLink>,
}

/// An exercise page.
#[derive(Debug, Serialize)]
pub struct ExercisePage {
    pub base: Base,
    /// "Exercise · about 5 minutes".
    pub kicker: String,
    pub minutes: u32,
    pub summary: String,
    pub roles: Vec<RoleView>,
    pub steps_html: Vec<String>,
    pub body_html: String,
    pub used_in: Vec<ItemLink>,
}

/// Who does what.
#[derive(Debug, Serialize)]
pub struct RoleView {
    pub who: String,
    pub does_html: String,
}

/// A script or template page.
#[derive(Debug, Serialize)]
pub struct ScriptPage {
    pub base: Base,
    pub kind: String,
    pub summary: String,
    pub parts: Vec<PartView>,
    pub phrases_html: Vec<String>,
    pub body_html: String,
    pub used_in: Vec<ItemLink>,
}

/// A named part of a script.
#[derive(Debug, Serialize)]
pub struct PartView {
    pub name: String,
    pub text_html: String,
}

/// A worksheet page: a faithful HTML preview and the PDF link.
#[derive(Debug, Serialize)]
pub struct WorksheetPage {
    pub base: Base,
    /// "Worksheet · one page, A4".
    pub kicker: String,
    pub subtitle: String,
    pub blocks: Vec<SheetBlockView>,
    pub pdf_href: String,
    pub paper: String,
    pub used_in: Vec<ItemLink>,
}

/// A worksheet block for the template.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SheetBlockView {
    Heading {
        text: String,
    },
    Text {
        html: String,
    },
    Steps {
        items_html: Vec<String>,
    },
    Phrases {
        items_html: Vec<String>,
    },
    CheckboxGrid {
        rows: Vec<String>,
        columns: Vec<String>,
    },
    Rating {
        label: String,
        points: Vec<u32>,
        low: String,
        high: String,
    },
    Lines {
        label: String,
        count: Vec<u32>,
    },
    BeforeAfter {
        measures: Vec<String>,
        scale: u32,
        before: String,
        after: String,
    },
    Signature {
        names: Vec<String>,
    },
    Cards {
        cards: Vec<CardView>,
        per_page: u32,
        /// "4 per page, with dashed lines to cut along."
        note: String,
    },
    Columns {
        left: Vec<SheetBlockView>,
        right: Vec<SheetBlockView>,
    },
    Plan {
        weeks: Vec<ItemLink>,
    },
    Log {
        columns: Vec<String>,
        rows: Vec<u32>,
    },
    /// A picture; `src` is relative to the page, `style` the author's width as CSS.
    Image {
        src: String,
        alt: String,
        width: u32,
        height: u32,
        style: String,
        caption: String,
    },
}

/// One cut-out card.
#[derive(Debug, Serialize)]
pub struct CardView {
    pub title: String,
    pub text_html: String,
    pub lines: Vec<u32>,
}

/// Something to print: a preview page, the PDF, and what the PDF is.
#[derive(Debug, Serialize)]
pub struct Printable {
    pub title: String,
    pub note: String,
    /// Empty when there is no HTML preview.
    pub preview_href: String,
    pub pdf_href: String,
    /// Paper, orientation, pages and size, for people deciding what to print.
    pub details: String,
    /// A picture of the sheet; None when its PDF is not built (serve) or for a whole PDF.
    pub thumb: Option<ThumbView>,
}

/// A thumbnail's `<img>`: its url from the page, the double-size one, and its size in CSS px.
#[derive(Debug, Serialize)]
pub struct ThumbView {
    pub src: String,
    pub src_2x: String,
    pub width: u32,
    pub height: u32,
}

/// The printables page: every worksheet, all of them in one file, and the workbook.
#[derive(Debug, Serialize)]
pub struct PrintablesPage {
    pub base: Base,
    pub intro: String,
    pub sheets: Vec<Printable>,
    pub extras: Vec<Printable>,
}

/// An index of exercises, scripts or worksheets.
#[derive(Debug, Serialize)]
pub struct ListPage {
    pub base: Base,
    pub intro: String,
    pub items: Vec<ItemLink>,
}

/// The micro-ritual menu.
#[derive(Debug, Serialize)]
pub struct RitualsPage {
    pub base: Base,
    /// The lead paragraph.
    pub intro: String,
    pub rituals: Vec<RitualView>,
}

/// One ritual.
#[derive(Debug, Serialize)]
pub struct RitualView {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    /// "5 min".
    pub minutes_label: String,
    pub description_html: String,
    pub is_default: bool,
}

/// A table page.
#[derive(Debug, Serialize)]
pub struct TablePage {
    pub base: Base,
    pub intro_html: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The FAQ.
#[derive(Debug, Serialize)]
pub struct FaqPage {
    pub base: Base,
    /// The lead paragraph; empty for none.
    pub intro: String,
    pub questions: Vec<QuestionView>,
}

/// One question.
#[derive(Debug, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub question: String,
    pub answer_html: String,
}

/// Views of model items.
pub fn role(r: &Role) -> RoleView {
    RoleView {
        who: r.who.clone(),
        does_html: html::inlines(&r.does),
    }
}

/// A worksheet block as the template sees it; labels from data are resolved.
/// `page` is the page's path in the site, for the urls of images.
pub fn sheet_block(b: &SheetBlock, program: &Program, page: &str) -> SheetBlockView {
    let all = |v: &[SheetBlock]| v.iter().map(|x| sheet_block(x, program, page)).collect();
    match b {
        SheetBlock::Heading(t) => SheetBlockView::Heading { text: t.clone() },
        SheetBlock::Text(bs) => SheetBlockView::Text {
            html: html::blocks(bs),
        },
        SheetBlock::Steps(s) => SheetBlockView::Steps {
            items_html: s.iter().map(|i| html::inlines(i)).collect(),
        },
        SheetBlock::Phrases(s) => SheetBlockView::Phrases {
            items_html: s.iter().map(|i| html::inlines(i)).collect(),
        },
        SheetBlock::CheckboxGrid { rows, columns } => SheetBlockView::CheckboxGrid {
            rows: rows.resolve(program),
            columns: columns.resolve(program),
        },
        SheetBlock::Rating {
            label,
            scale,
            low,
            high,
        } => SheetBlockView::Rating {
            label: label.clone(),
            points: (1..=*scale).collect(),
            low: low.clone(),
            high: high.clone(),
        },
        SheetBlock::Lines {
            label,
            count,
            to_bottom,
        } => SheetBlockView::Lines {
            label: label.clone().unwrap_or_default(),
            count: (1..=if *to_bottom { (*count).max(4) } else { *count }).collect(),
        },
        SheetBlock::BeforeAfter {
            measures,
            scale,
            before,
            after,
        } => {
            let (before, after) = program.before_after_labels(before, after);
            SheetBlockView::BeforeAfter {
                measures: measures.clone(),
                scale: *scale,
                before,
                after,
            }
        }
        SheetBlock::Signature { names } => SheetBlockView::Signature {
            names: names.resolve(program),
        },
        SheetBlock::Cards { per_page, cards } => SheetBlockView::Cards {
            per_page: *per_page,
            note: program.strings.fmt("cards_note", &[("n", per_page)]),
            cards: cards
                .iter()
                .map(|c| CardView {
                    title: c.title.clone(),
                    text_html: html::inlines(&c.text),
                    lines: (1..=c.lines).collect(),
                })
                .collect(),
        },
        SheetBlock::Columns { left, right } => SheetBlockView::Columns {
            left: all(left),
            right: all(right),
        },
        SheetBlock::Plan { focus } => SheetBlockView::Plan {
            weeks: program
                .weeks
                .iter()
                .map(|w| ItemLink {
                    title: program
                        .strings
                        .fmt("week_title", &[("n", &w.number), ("title", &w.title)]),
                    href: String::new(),
                    note: if *focus {
                        w.focus.clone()
                    } else {
                        String::new()
                    },
                })
                .collect(),
        },
        SheetBlock::Log { columns, rows } => SheetBlockView::Log {
            columns: columns.clone(),
            rows: (1..=*rows).collect(),
        },
        SheetBlock::Image {
            source,
            alt,
            width,
            caption,
        } => {
            let image = program.image_at(source);
            SheetBlockView::Image {
                src: image.map_or(String::new(), |i| {
                    super::urls::relative(page, &super::images::path(i))
                }),
                alt: alt.clone(),
                width: image.map_or(0, |i| i.width),
                height: image.map_or(0, |i| i.height),
                style: width.map_or(String::new(), |w| w.css()),
                caption: caption.clone().unwrap_or_default(),
            }
        }
    }
}

/// The first sentence-ish of some blocks, for meta descriptions.
pub fn describe(blocks: &[crate::model::text::Block]) -> String {
    let text = plain_text(blocks);
    let mut out: String = text.chars().take(155).collect();
    if text.chars().count() > 155 {
        out.push('…');
    }
    out
}
