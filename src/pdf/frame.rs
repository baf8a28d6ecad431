//! Frames: finished pages as plain data (positioned glyph runs, lines, shapes, links).
//!
//! Coordinates are from the page's top-left corner, y downwards. Tests can
//! inspect frames directly; `write` turns them into PDF.
//!
//! Structure travels with the content: [`Element::Begin`] and
//! [`Element::End`] bracket what belongs to a structure node (a paragraph, a
//! heading, a table cell) or to an artifact (running heads, page numbers);
//! anything outside them is an artifact too. Each [`Tag`] knows its parent,
//! so the writer rebuilds the structure tree from the pages in reading
//! order, whichever flow (or core) laid them out.

use super::fonts::FontId;
use super::image::ImageData;
use super::shape::{Glyph, LinkTarget};
use super::units::{Color, Point, Pt, Rect, Size};
use serde::Serialize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// What a structure node is, as the standard structure types of PDF name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Role {
    /// A heading, level 1 to 6 (the writer closes any gap in the levels).
    H(u8),
    P,
    /// A list, its items, an item's label (bullet, number, tick box) and body.
    L,
    LI,
    Lbl,
    LBody,
    Table,
    TR,
    /// A header cell: the column's heading.
    TH,
    TD,
    /// A picture with its text alternative.
    Figure,
    Caption,
    /// A footnote.
    Note,
    Link,
    /// The contents page and one entry of it.
    TOC,
    TOCI,
    BlockQuote,
    Code,
    /// A passage in another language.
    Span,
    /// A form field's widget.
    Form,
    /// A generic group (a card, a worksheet block).
    Div,
}

impl Role {
    /// The structure type's PDF name.
    pub fn name(self) -> &'static str {
        match self {
            Role::H(1) => "H1",
            Role::H(2) => "H2",
            Role::H(3) => "H3",
            Role::H(4) => "H4",
            Role::H(5) => "H5",
            Role::H(_) => "H6",
            Role::P => "P",
            Role::L => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Figure => "Figure",
            Role::Caption => "Caption",
            Role::Note => "Note",
            Role::Link => "Link",
            Role::TOC => "TOC",
            Role::TOCI => "TOCI",
            Role::BlockQuote => "BlockQuote",
            Role::Code => "Code",
            Role::Span => "Span",
            Role::Form => "Form",
            Role::Div => "Div",
        }
    }
}

/// A structure node: its role, its parent (None: the document), and what a
/// reader is told about it.
#[derive(Debug, Clone, Serialize)]
pub struct Tag {
    /// Unique in the process (see [`Tag::new`]); the writer numbers nodes afresh.
    pub id: u64,
    pub role: Role,
    #[serde(skip)]
    pub parent: Option<Arc<Tag>>,
    /// The text alternative of a figure.
    pub alt: Option<String>,
    /// The language of a passage in another language than the document's.
    pub lang: Option<String>,
}

/// Nodes are alike when their role, words and parents are: ids differ
/// between two layouts of the same document (see [`Tag::new`]).
impl PartialEq for Tag {
    fn eq(&self, other: &Tag) -> bool {
        self.role == other.role
            && self.alt == other.alt
            && self.lang == other.lang
            && self.parent == other.parent
    }
}

static NEXT_TAG: AtomicU64 = AtomicU64::new(1);

impl Tag {
    /// A new node of `role` under `parent`. Ids only need to be unique: the
    /// writer numbers nodes in reading order, so output does not depend on
    /// which thread made a node first.
    pub fn new(role: Role, parent: Option<&Arc<Tag>>) -> Arc<Tag> {
        Arc::new(Tag {
            id: NEXT_TAG.fetch_add(1, Ordering::Relaxed),
            role,
            parent: parent.cloned(),
            alt: None,
            lang: None,
        })
    }

    /// A new node with a text alternative or a language.
    pub fn with(
        role: Role,
        parent: Option<&Arc<Tag>>,
        alt: Option<String>,
        lang: Option<String>,
    ) -> Arc<Tag> {
        let mut t = Tag::new(role, parent);
        if let Some(tag) = Arc::get_mut(&mut t) {
            tag.alt = alt;
            tag.lang = lang;
        }
        t
    }
}

/// What kind of artifact a marked stretch is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Artifact {
    /// Running heads and page numbers.
    Pagination,
    /// Rules, frames and other drawing that carries no content.
    Layout,
}

/// What an [`Element::Begin`] opens.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Mark {
    /// Content of a structure node.
    Tag(Arc<Tag>),
    /// Content that is not part of the document's text.
    Artifact(Artifact),
    /// Glyphs whose text is this, not the letters they show: the head of a
    /// word hyphenated at a line's end (its text the whole word) and the
    /// tail that starts the next line (its text empty).
    Actual(String),
}

/// Brackets the content pushed onto a page by the node it belongs to:
/// set [`Tagger::mark`], push, and the tagger closes the last node's
/// stretch and opens the new one where they change.
#[derive(Debug, Default, Clone)]
pub struct Tagger {
    /// The node content pushed now belongs to (None: an artifact).
    pub mark: Option<Arc<Tag>>,
    /// The node whose stretch is open on the page.
    begun: Option<u64>,
}

impl Tagger {
    /// Adds `item` to `page` in the current node.
    pub fn push(&mut self, page: &mut Page, item: Element) {
        self.sync(page);
        page.items.push(item);
    }

    /// Opens the current node's stretch on `page` (even with no content yet:
    /// an empty table cell is still a cell).
    pub fn sync(&mut self, page: &mut Page) {
        let want = self.mark.as_ref().map(|t| t.id);
        if self.begun == want {
            return;
        }
        if self.begun.is_some() {
            page.items.push(Element::End);
        }
        if let Some(t) = &self.mark {
            page.items.push(Element::Begin(Mark::Tag(t.clone())));
        }
        self.begun = want;
    }

    /// Closes the stretch open on `page`, before the page ends.
    pub fn close(&mut self, page: &mut Page) {
        if self.begun.take().is_some() {
            page.items.push(Element::End);
        }
    }
}

/// One positioned thing on a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Element {
    /// Glyphs starting at `at` (on the baseline).
    Text {
        at: Point,
        font: FontId,
        size: Pt,
        color: Color,
        glyphs: Vec<Glyph>,
        /// A right-to-left run: its glyphs are in visual order, so its text
        /// reads from the last glyph to the first.
        rtl: bool,
    },
    /// A straight line; `dash` is (on, off) lengths.
    Line {
        from: Point,
        to: Point,
        width: Pt,
        color: Color,
        dash: Option<(Pt, Pt)>,
    },
    /// A stroked rectangle.
    Rect { rect: Rect, width: Pt, color: Color },
    /// A filled rectangle without outline (a tinted panel); drawn under all text.
    Fill { rect: Rect, color: Color },
    /// A stroked circle.
    Circle {
        center: Point,
        radius: Pt,
        width: Pt,
        color: Color,
    },
    /// A clickable area.
    Link { rect: Rect, to: LinkTarget },
    /// A form field's widget: a box to tick, one choice of a group, a place
    /// to write. It draws nothing: the page's own lines and boxes show where
    /// it is, so an empty form prints as the flat page does. The writer
    /// tags it as a Form element in the node it is pushed in.
    Field { rect: Rect, field: Arc<Field> },
    /// An image drawn to fill `rect` (its aspect ratio is the caller's to keep).
    Image {
        rect: Rect,
        #[serde(serialize_with = "super::image::serialize_key")]
        image: Arc<ImageData>,
    },
    /// Opens a marked stretch of content, closed by the matching [`Element::End`].
    Begin(Mark),
    /// Closes the stretch the last open [`Element::Begin`] opened.
    End,
}

impl Element {
    /// Moves the item `dx` to the right (left when negative).
    pub fn shift(&mut self, dx: Pt) {
        match self {
            Element::Text { at, .. } => at.x += dx,
            Element::Line { from, to, .. } => {
                from.x += dx;
                to.x += dx;
            }
            Element::Rect { rect, .. }
            | Element::Fill { rect, .. }
            | Element::Link { rect, .. }
            | Element::Field { rect, .. }
            | Element::Image { rect, .. } => rect.x += dx,
            Element::Circle { center, .. } => center.x += dx,
            Element::Begin(_) | Element::End => {}
        }
    }

    /// Moves the item to its mirror image across a page `width` wide. Text
    /// keeps its glyphs in their order: the run moves as a whole.
    pub fn mirror(&mut self, width: Pt) {
        let flip = |r: &mut Rect| r.x = width - r.x - r.w;
        match self {
            Element::Text { at, glyphs, .. } => {
                let w: Pt = glyphs.iter().map(|g| g.advance).sum();
                at.x = width - at.x - w;
            }
            Element::Line { from, to, .. } => {
                from.x = width - from.x;
                to.x = width - to.x;
            }
            Element::Rect { rect, .. }
            | Element::Fill { rect, .. }
            | Element::Link { rect, .. }
            | Element::Image { rect, .. } => flip(rect),
            Element::Circle { center, .. } => center.x = width - center.x,
            Element::Field { rect, field } => {
                flip(rect);
                // Writing in a right-to-left document starts at the right.
                if let FieldKind::Text { right, .. } = &mut Arc::make_mut(field).kind {
                    *right = true;
                }
            }
            Element::Begin(_) | Element::End => {}
        }
    }

    /// Changes the item's colours with `f` (images keep theirs).
    pub fn recolor(&mut self, f: &dyn Fn(Color) -> Color) {
        match self {
            Element::Text { color, .. }
            | Element::Line { color, .. }
            | Element::Rect { color, .. }
            | Element::Fill { color, .. }
            | Element::Circle { color, .. } => *color = f(*color),
            Element::Link { .. }
            | Element::Field { .. }
            | Element::Image { .. }
            | Element::Begin(_)
            | Element::End => {}
        }
    }

    /// The area the item covers (text: from its top to its baseline plus
    /// descent); marks cover nothing: an empty rectangle at the origin.
    pub fn bounds(&self) -> Rect {
        match self {
            Element::Text {
                at, size, glyphs, ..
            } => {
                let w: Pt = glyphs.iter().map(|g| g.advance).sum();
                Rect {
                    x: at.x,
                    y: at.y - *size * 0.8,
                    w,
                    h: *size,
                }
            }
            Element::Line { from, to, .. } => Rect {
                x: from.x.min(to.x),
                y: from.y.min(to.y),
                w: Pt((to.x - from.x).0.abs()),
                h: Pt((to.y - from.y).0.abs()),
            },
            Element::Rect { rect, .. }
            | Element::Fill { rect, .. }
            | Element::Link { rect, .. }
            | Element::Field { rect, .. }
            | Element::Image { rect, .. } => *rect,
            Element::Circle { center, radius, .. } => Rect {
                x: center.x - *radius,
                y: center.y - *radius,
                w: *radius * 2.0,
                h: *radius * 2.0,
            },
            Element::Begin(_) | Element::End => Rect {
                x: Pt::ZERO,
                y: Pt::ZERO,
                w: Pt::ZERO,
                h: Pt::ZERO,
            },
        }
    }
}

/// A form field: what it is called, what it is for and what it takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// Its fully qualified name, parts separated by dots
    /// (`week-3.tracker.mon.alex`); see [`field_part`].
    pub name: String,
    /// What it is for, as a screen reader says it and a viewer's tooltip shows it.
    pub label: String,
    pub kind: FieldKind,
}

/// What a field takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum FieldKind {
    /// A box to tick.
    Check,
    /// One choice of a group of buttons: the widgets that share a name are
    /// one group, each with its own value.
    Radio { value: String },
    /// Text, in type `size`; several lines when `multiline`, each line
    /// `size` × [`TEXT_LINE_FACTOR`] below the last; set from the right
    /// edge when `right` (a right-to-left document's, see [`Document::mirror`]).
    Text {
        multiline: bool,
        size: Pt,
        right: bool,
    },
}

/// How far apart viewers set the lines of a multi-line field, in font sizes
/// (pdf.js's factor): a field whose lines are to fall on the page's ruled
/// lines takes the rule spacing over this as its font size.
pub const TEXT_LINE_FACTOR: f32 = 1.35;

/// One part of a field's name made from the words it stands for: lower
/// case, letters and digits of any script kept, everything else a hyphen
/// (a dot would split the name); `fallback` when nothing is left.
pub fn field_part(words: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in words.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

/// A finished page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    pub size: Size,
    pub items: Vec<Element>,
}

impl Page {
    /// An empty page.
    pub fn new(size: Size) -> Page {
        Page {
            size,
            items: Vec::new(),
        }
    }

    /// The text on the page in placing order, runs separated by spaces where a line changes.
    pub fn text(&self) -> String {
        let mut s = String::new();
        let mut last_y = None;
        for item in &self.items {
            if let Element::Text { at, glyphs, .. } = item {
                if last_y.is_some_and(|y| y != at.y) {
                    s.push('\n');
                }
                last_y = Some(at.y);
                s.extend(glyphs.iter().map(|g| g.text.as_str()));
            }
        }
        s
    }
}

/// A bookmark in the PDF outline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutlineEntry {
    pub title: String,
    /// 0-based page index.
    pub page: usize,
    /// 0 for chapters, 1 for sections.
    pub level: u8,
    /// How far down the page its heading starts (from the top).
    pub y: Pt,
}

/// How page numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LabelStyle {
    /// i, ii, iii: front matter.
    Roman,
    /// 1, 2, 3.
    Arabic,
}

impl LabelStyle {
    /// `n` written in this style.
    pub fn format(self, n: usize) -> String {
        match self {
            LabelStyle::Arabic => n.to_string(),
            LabelStyle::Roman => roman(n),
        }
    }
}

/// Lower-case roman numerals.
fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            s.push_str(digits);
            n -= value;
        }
    }
    s
}

/// From page `start` (0-based) on, pages are labelled in `style` counting from `first`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PageLabel {
    pub start: usize,
    pub style: LabelStyle,
    pub first: usize,
}

/// A finished document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub title: String,
    /// Who made it (a person or an organisation); empty: not said.
    pub author: String,
    /// What it is about, in a sentence; empty: not said.
    pub subject: String,
    pub language: String,
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    /// Named places (anchor, 0-based page) that internal links point at.
    pub anchors: Vec<(String, usize)>,
    /// Page labels, as PDF viewers show them; empty means 1, 2, 3 from the first page.
    pub labels: Vec<PageLabel>,
    /// The font set its text was laid out in ([`super::fonts::Fonts::id`]),
    /// which `write` embeds.
    pub fonts: u16,
}

impl Document {
    /// The label of page `index` (0-based), as printed in its footer.
    pub fn label(&self, index: usize) -> String {
        match self.labels.iter().rev().find(|l| l.start <= index) {
            Some(l) => l.style.format(l.first + index - l.start),
            None => (index + 1).to_string(),
        }
    }

    /// Makes room for the binding of a double-sided print: from page `from`
    /// on, right-hand pages (even 0-based indexes: the first page is a
    /// right-hand one) move `gutter` to the right and left-hand pages as far
    /// to the left, so the inner margin of every page is `2 * gutter` wider
    /// than its outer one. The text width stays, so nothing reflows.
    pub fn bind(&mut self, from: usize, gutter: Pt) {
        for (index, page) in self.pages.iter_mut().enumerate().skip(from) {
            let dx = if index % 2 == 0 { gutter } else { -gutter };
            for item in &mut page.items {
                item.shift(dx);
            }
        }
    }

    /// Turns every page into its mirror image, for a right-to-left document
    /// laid out as its left-to-right mirror (see [`super::lines::Direction`]):
    /// text then starts at the right margin, indents and list markers are on
    /// the right, table columns run from the right, and the binding moves to
    /// the right-hand edge of the first page, as a right-to-left book is bound.
    pub fn mirror(&mut self) {
        for page in &mut self.pages {
            let w = page.size.w;
            for item in &mut page.items {
                item.mirror(w);
            }
        }
    }

    /// Removes every form field, for print shops that want flat files: the
    /// pages print as they did, with nothing to fill in.
    pub fn flatten(&mut self) {
        for page in &mut self.pages {
            page.items.retain(|i| !matches!(i, Element::Field { .. }));
        }
    }

    /// The page an anchor is on.
    pub fn anchor_page(&self, name: &str) -> Option<usize> {
        self.anchors
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| *p)
    }
}
