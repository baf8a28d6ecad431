//! Flow: places blocks into pages, keeping headings with what follows,
//! avoiding widows and orphans, and repeating table headers across pages.
//!
//! Takes [`FlowBlock`]s, a [`PageSpec`] and a [`Look`]; gives a [`Document`]
//! of frames with its outline and anchors, and adds the running header and
//! page numbers. Footnotes are set at the foot of the page whose line calls
//! them, above the page number, the calling line moving on when its notes
//! do not fit. How anything looks (type, colours, margins) comes from the
//! caller: the engine knows boxes and text, not books.

use super::frame::{
    Artifact, Document, Element, LabelStyle, Mark, OutlineEntry, Page, PageLabel, Role, Tag, Tagger,
};
use super::image::ImageData;
use super::lines::{break_lines, Align, Line, Span};
use super::shape::{width, LinkTarget, Style};
use super::units::{Color, Point, Pt, Rect, Size};
use rayon::prelude::*;
use std::sync::Arc;

/// The page geometry of a flowing document.
#[derive(Debug, Clone, Copy)]
pub struct PageSpec {
    pub size: Size,
    pub top: Pt,
    pub bottom: Pt,
    pub left: Pt,
    pub right: Pt,
}

impl PageSpec {
    /// The text area.
    pub fn body(&self) -> Rect {
        Rect {
            x: self.left,
            y: self.top,
            w: self.size.w - self.left - self.right,
            h: self.size.h - self.top - self.bottom,
        }
    }
}

/// A paragraph-like block: text with an optional hanging marker.
#[derive(Debug, Clone)]
pub struct Para {
    pub spans: Vec<Span>,
    pub align: Align,
    /// Left indent of every line.
    pub indent: Pt,
    /// A list marker hung in the indent of the first line.
    pub marker: Option<Marker>,
    /// Line height as a multiple of the largest font size.
    pub leading: f32,
    pub space_before: Pt,
    pub space_after: Pt,
    /// Keep on the same page as the start of the next block (as headings are).
    pub keep_with_next: bool,
    /// What the text is to a reader: a paragraph, a heading, a caption.
    pub role: Role,
}

impl Para {
    /// A paragraph of `spans` in `align`, with single leading and no space around it.
    pub fn new(spans: Vec<Span>, align: Align) -> Para {
        Para {
            spans,
            align,
            indent: Pt::ZERO,
            marker: None,
            leading: 1.2,
            space_before: Pt::ZERO,
            space_after: Pt::ZERO,
            keep_with_next: false,
            role: Role::P,
        }
    }
}

/// How the flow's own marks look: the running header and page number, and
/// the colours of rules, write-in lines, table rules and tick boxes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    /// The running header and the page numbers.
    pub running: Style,
    /// The rule under the running header, and [`FlowBlock::Rule`].
    pub accent: Color,
    /// Write-in lines, rules between table rows, leader dots in the contents.
    pub faint: Color,
    /// The rule under a table's header, and tick boxes.
    pub ink: Color,
}

impl Look {
    /// Black and grey marks, with small running heads in `font`.
    pub fn plain(font: super::fonts::FontId) -> Look {
        Look {
            running: Style::new(font, 8.5, Color::rgb(0.4, 0.4, 0.4)),
            accent: Color::BLACK,
            faint: Color::rgb(0.6, 0.6, 0.6),
            ink: Color::BLACK,
        }
    }
}

/// What hangs in the indent before a list item.
#[derive(Debug, Clone)]
pub enum Marker {
    /// Text such as "•" or "3.".
    Text(Span),
    /// A box to tick, drawn as a square.
    Checkbox,
    /// A ticked box: the square with a tick in it.
    Checked,
}

/// The text field over lines to write on: its name (see
/// [`super::frame::Field::name`]) and what it is for. Lines that go on over
/// a page break are a field per page, the later ones named `-2`, `-3`.
#[derive(Debug, Clone)]
pub struct WriteField {
    pub name: String,
    pub label: String,
}

/// Where a text field over ruled lines goes, and its type size: lines
/// `gap` apart, the first at `first` and the last at `last` (from the top),
/// from `x0` to `x1`. Viewers set a multi-line field's first baseline one
/// type size and a point below its top and the next ones
/// [`super::frame::TEXT_LINE_FACTOR`] sizes apart (pdf.js does), so the
/// size is the gap over that factor and the top is placed for the writing
/// to sit just above each rule.
pub fn write_field_rect(first: Pt, last: Pt, gap: Pt, x0: Pt, x1: Pt) -> (Rect, Pt) {
    let size = gap / super::frame::TEXT_LINE_FACTOR;
    let top = first - Pt(3.0) - Pt(1.0) - size;
    let rect = Rect {
        x: x0,
        y: top,
        w: x1 - x0,
        h: last + Pt(4.0) - top,
    };
    (rect, size)
}

/// Where a one-line text field goes whose writing, in type `size`, sits just
/// above a rule at `y` from `x0` to `x1`: viewers put a single line's
/// baseline a point and 0.35 of the size above the field's bottom, as pdf.js does.
pub fn line_field_rect(x0: Pt, x1: Pt, y: Pt, size: Pt) -> Rect {
    let bottom = y - Pt(3.0) + Pt(1.0) + size * 0.35;
    let h = size * 1.5;
    Rect {
        x: x0,
        y: bottom - h,
        w: x1 - x0,
        h,
    }
}

/// A table whose columns share the text width by weight.
#[derive(Debug, Clone)]
pub struct TableBlock {
    pub weights: Vec<f32>,
    /// How each column's cells are set (missing: left).
    pub align: Vec<Align>,
    pub header: Vec<Vec<Span>>,
    pub rows: Vec<Vec<Vec<Span>>>,
}

/// How a [`FlowBlock::Panel`] looks: a tinted box, a rule at its left, room inside.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PanelLook {
    /// The box's tint (none: no box drawn, only the rule).
    pub fill: Option<Color>,
    /// A rule down the box's left edge, and its width.
    pub rule: Option<(Color, Pt)>,
    /// Room between the box's edges and its text, left and right.
    pub pad_x: Pt,
    /// Room between the box's edges and its text, above and below.
    pub pad_y: Pt,
}

/// What the flow places, top to bottom.
/// How wide a figure is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FigureWidth {
    /// This share of the text width (0 to 1).
    Share(f32),
    /// This length, at most the text width.
    Length(Pt),
}

#[derive(Debug, Clone)]
pub enum FlowBlock {
    /// Starts a chapter on a new page: an outline entry, an anchor and the running header.
    Chapter { title: String, anchor: String },
    /// A heading kept with the block after it.
    Heading {
        para: Para,
        outline: Option<String>,
        anchor: Option<String>,
    },
    /// A paragraph or list item.
    Para(Para),
    /// A table.
    Table(TableBlock),
    /// A thin rule across the text width.
    Rule,
    /// Vertical space (dropped at the top of a page).
    Space(Pt),
    /// Opens a structure group (a list, a list item, a quotation): what
    /// follows up to the matching [`FlowBlock::Close`] is inside it. Places nothing.
    Open(Role),
    /// Closes the group the last open [`FlowBlock::Open`] opened.
    Close,
    /// Ruled lines to write on; with a field to type on them when named.
    WriteLines {
        count: u32,
        indent: Pt,
        field: Option<WriteField>,
    },
    /// A contents entry: title, page label right-aligned, the whole line a link.
    TocEntry {
        title: Vec<Span>,
        page: String,
        anchor: String,
        indent: Pt,
    },
    /// An image across the text width (or `width`, never wider), centred,
    /// with its caption below; kept whole on one page, moving to the next
    /// when it does not fit, and scaled down when it is taller than a page.
    Figure {
        image: Arc<ImageData>,
        /// None: the text width.
        width: Option<FigureWidth>,
        caption: Option<Para>,
        /// What the picture shows, for readers who cannot see it; None: a
        /// decoration, left out of the text.
        alt: Option<String>,
    },
    /// Blocks set in a box narrower than the text by the panel's padding,
    /// drawn behind them: kept whole on one page when it fits on one, else
    /// split over pages, each page's part in a box of its own. A panel in a
    /// panel is set as its blocks.
    Panel {
        blocks: Vec<FlowBlock>,
        look: PanelLook,
    },
    /// Ruled lines to write on down to the foot of the page; when fewer
    /// than `min` would fit here, a fresh page of them.
    WriteRest {
        min: u32,
        indent: Pt,
        field: Option<WriteField>,
    },
    /// Continue on a new page.
    PageBreak,
    /// Footnotes by id, set at the foot of the page of the first line (or
    /// table row) after this block whose spans link to `LinkTarget::Note(id)`.
    /// Places nothing itself.
    Notes(Vec<(u32, Para)>),
}

/// Lays out flow blocks page by page.
pub struct Flow {
    spec: PageSpec,
    look: Look,
    pages: Vec<Page>,
    /// The running header of each page (None: no header or page number).
    running: Vec<Option<String>>,
    chapter: Option<String>,
    y: Pt,
    outline: Vec<OutlineEntry>,
    anchors: Vec<(String, usize)>,
    /// Pages before this flow's first page (cover, contents), for page numbers.
    first_page: usize,
    /// How page numbers are written, and the number of this flow's first page.
    numbering: (LabelStyle, usize),
    duplex: bool,
    /// Footnotes announced and not yet superseded, by id.
    waiting: Vec<(u32, Para)>,
    /// The current page's footnotes (id, note, its lines) and their height.
    foot: Vec<(u32, Para, Vec<Line>)>,
    foot_h: Pt,
    /// The page geometry outside any panel (`spec` is narrowed inside one).
    base: PageSpec,
    /// The panel being set: its look, and where its box starts on this page
    /// (the top and the index of the page's first item inside it).
    panel: Option<(PanelLook, Pt, usize)>,
    /// Open structure groups, innermost last; `true` for a list item's body,
    /// opened by its marker and closed with the item.
    groups: Vec<(Arc<Tag>, bool)>,
    /// The node content pushed now belongs to, and the one open on the page.
    tags: Tagger,
    /// The contents list being set, while entries follow each other.
    toc: Option<Arc<Tag>>,
    /// The link or passage the last run went in, to continue it in the next.
    inline: Option<Inline>,
}

/// A link or passage a run went in: its target, its language and its node.
type Inline = (Option<LinkTarget>, Option<[u8; 8]>, Arc<Tag>);

/// The structure nodes a paragraph's marker and text go in.
#[derive(Clone)]
struct Leaves {
    label: Option<Arc<Tag>>,
    text: Option<Arc<Tag>>,
}

/// How a line's first and last words are marked when a word is hyphenated
/// across lines: the glyphs of the head (hyphen included) read as the whole
/// word, those of the tail read as nothing, so the word copies and searches whole.
#[derive(Default, Clone)]
struct Split {
    /// The tail of the word the line before cut: its first glyphs' count.
    tail: usize,
    /// The rest of the word this line cuts, which starts the next line.
    rest: Option<String>,
}

/// How line `k` of `lines` is marked for words hyphenated across lines.
fn split_of(lines: &[Line], k: usize) -> Split {
    let tail = match k.checked_sub(1).map(|p| &lines[p]) {
        Some(prev) if prev.hyphenated => lines[k].runs.first().map_or(0, |r| word_len(&r.glyphs)),
        _ => 0,
    };
    let rest = match lines.get(k + 1) {
        Some(next) if lines[k].hyphenated => next.runs.first().map(|r| {
            r.glyphs[..word_len(&r.glyphs)]
                .iter()
                .map(|g| g.text.as_str())
                .collect()
        }),
        _ => None,
    };
    Split { tail, rest }
}

/// How many glyphs start `glyphs` before the first space.
fn word_len(glyphs: &[super::shape::Glyph]) -> usize {
    glyphs
        .iter()
        .position(|g| g.text.chars().any(char::is_whitespace))
        .unwrap_or(glyphs.len())
}

/// Where the last word of `glyphs` starts, the hyphen that ends them left out.
fn head_start(glyphs: &[super::shape::Glyph]) -> usize {
    let body = &glyphs[..glyphs.len().saturating_sub(1)];
    body.iter()
        .rposition(|g| g.text.chars().any(char::is_whitespace))
        .map_or(0, |i| i + 1)
}

const LINE_GAP: Pt = Pt(24.0);
/// Room between the text and the footnotes, where their short rule sits.
const NOTE_GAP: Pt = Pt(12.0);

impl Flow {
    /// A flow whose first page will be page `first_page` (0-based) of the
    /// document, its marks drawn in `look`.
    pub fn new(spec: PageSpec, look: Look, first_page: usize) -> Flow {
        Flow {
            spec,
            look,
            pages: Vec::new(),
            running: Vec::new(),
            chapter: None,
            y: Pt::ZERO,
            outline: Vec::new(),
            anchors: Vec::new(),
            first_page,
            numbering: (LabelStyle::Arabic, first_page + 1),
            duplex: false,
            waiting: Vec::new(),
            foot: Vec::new(),
            foot_h: Pt::ZERO,
            base: spec,
            panel: None,
            groups: Vec::new(),
            tags: Tagger::default(),
            toc: None,
            inline: None,
        }
    }

    /// Opens the current node's stretch on the current page (see [`Tagger`]).
    fn sync(&mut self) {
        if let Some(p) = self.pages.last_mut() {
            self.tags.sync(p);
        }
    }

    /// Closes the node content open on this page.
    fn close_marks(&mut self) {
        if let Some(p) = self.pages.last_mut() {
            self.tags.close(p);
        }
    }

    /// The innermost open group (None: the document).
    fn parent(&self) -> Option<&Arc<Tag>> {
        self.groups.last().map(|(t, _)| t)
    }

    /// Opens a group of `role` inside the current one.
    fn open_group(&mut self, role: Role) {
        let tag = Tag::new(role, self.parent());
        self.groups.push((tag, false));
    }

    /// Closes the innermost group opened by [`FlowBlock::Open`], and the
    /// bodies opened in it.
    fn close_group(&mut self) {
        while let Some((_, implicit)) = self.groups.pop() {
            if !implicit {
                break;
            }
        }
    }

    /// The nodes a paragraph goes in: with a marker, a label and (in a list
    /// item) the item's body, which stays open for the item's other blocks.
    fn leaves(&mut self, para: &Para) -> Leaves {
        self.inline = None;
        if para.marker.is_none() {
            return Leaves {
                label: None,
                text: Some(Tag::new(para.role, self.parent())),
            };
        }
        let in_item = self
            .groups
            .last()
            .is_some_and(|(t, implicit)| t.role == Role::LI && !implicit);
        let label = Tag::new(Role::Lbl, self.parent());
        if in_item {
            let body = Tag::new(Role::LBody, self.parent());
            let text = Tag::new(para.role, Some(&body));
            self.groups.push((body, true));
            return Leaves {
                label: Some(label),
                text: Some(text),
            };
        }
        Leaves {
            label: Some(label),
            text: Some(Tag::new(para.role, self.parent())),
        }
    }

    /// The node a run of text goes in: a link, a passage in another
    /// language, or the paragraph's own; a run continuing the last run's
    /// link or passage continues its node.
    fn run_tag(&mut self, run: &super::lines::Run, text: &Option<Arc<Tag>>) -> Option<Arc<Tag>> {
        let link = run
            .link
            .clone()
            .filter(|l| !matches!(l, LinkTarget::Note(_)));
        let lang = run.style.lang;
        if link.is_none() && lang.is_none() {
            return text.clone();
        }
        if let Some((l, g, tag)) = &self.inline {
            if *l == link && *g == lang {
                return Some(tag.clone());
            }
        }
        let lang_tag = lang.map(|code| {
            String::from_utf8_lossy(&code)
                .trim_end_matches('\0')
                .to_string()
        });
        let role = if link.is_some() {
            Role::Link
        } else {
            Role::Span
        };
        let tag = Tag::with(role, text.as_ref(), None, lang_tag);
        self.inline = Some((link, lang, tag.clone()));
        Some(tag)
    }

    fn page_index(&self) -> usize {
        self.first_page + self.pages.len() - 1
    }

    fn new_page(&mut self) {
        self.close_marks();
        self.close_panel_box();
        self.flush_notes();
        self.pages.push(Page::new(self.spec.size));
        self.running.push(self.chapter.clone());
        self.y = self.spec.top;
        if let Some((_, top, start)) = &mut self.panel {
            // The panel goes on: its box on this page starts at the top.
            *top = self.base.top;
            *start = 0;
        }
    }

    /// Draws the open panel's box on the current page, behind what was set in
    /// it here, from its top to the current line and the padding below.
    fn close_panel_box(&mut self) {
        let Some((look, top, start)) = self.panel else {
            return;
        };
        let Some(page) = self.pages.last_mut() else {
            return;
        };
        let body = self.base.body();
        // A paragraph's space after it may run past the foot: the box does not.
        let bottom = self.y.min(self.spec.size.h - self.spec.bottom) + look.pad_y;
        if bottom <= top + look.pad_y * 2.0 + Pt(0.01) {
            return; // nothing was set in it on this page
        }
        let rect = Rect {
            x: body.x,
            y: top,
            w: body.w,
            h: bottom - top,
        };
        let start = start.min(page.items.len());
        let mut behind = Vec::new();
        if let Some(color) = look.fill {
            behind.push(Element::Fill { rect, color });
        }
        if let Some((color, w)) = look.rule {
            let x = rect.x + w / 2.0;
            behind.push(Element::Line {
                from: Point::new(x, rect.y),
                to: Point::new(x, rect.bottom()),
                width: w,
                color,
                dash: None,
            });
        }
        page.items.splice(start..start, behind);
    }

    /// The page geometry inside a panel: narrower and shorter by its padding.
    fn panel_spec(&self, look: &PanelLook) -> PageSpec {
        PageSpec {
            top: self.base.top + look.pad_y,
            bottom: self.base.bottom + look.pad_y,
            left: self.base.left + look.pad_x,
            right: self.base.right + look.pad_x,
            ..self.base
        }
    }

    /// Sets `blocks` in a panel (see [`FlowBlock::Panel`]).
    fn place_panel(&mut self, blocks: &[FlowBlock], look: &PanelLook) {
        if self.panel.is_some() {
            self.place(blocks);
            return;
        }
        let inner = self.panel_spec(look);
        // How tall the panel is, set alone from the top of a page.
        let mut dry = Flow::new(inner, self.look, 0);
        dry.place(blocks);
        let one_page = dry.pages.len() <= 1;
        let height = dry.y - inner.top + look.pad_y * 2.0;
        let min_part = look.pad_y * 2.0 + LINE_GAP * 3.0;
        if !self.at_top()
            && ((one_page && height > self.remaining()) || self.remaining() < min_part)
        {
            self.new_page();
        }
        let start = self.pages.last().map_or(0, |p| p.items.len());
        self.panel = Some((*look, self.y, start));
        self.spec = inner;
        self.y += look.pad_y;
        self.place(blocks);
        self.close_panel_box();
        self.panel = None;
        self.spec = self.base;
        self.y += look.pad_y;
    }

    /// Starts a chapter on a fresh page (a right-hand one when printing duplex).
    fn start_chapter(&mut self, title: &str) {
        let fresh = self.pages.last().is_some_and(|p| p.items.is_empty());
        if !fresh {
            self.chapter = None;
            self.new_page();
        }
        if self.duplex && self.page_index() % 2 == 1 {
            // A left-hand page: leave it blank, without header or number.
            if let Some(r) = self.running.last_mut() {
                *r = None;
            }
            self.new_page();
        }
        self.chapter = Some(title.to_string());
        if let Some(r) = self.running.last_mut() {
            *r = Some(title.to_string());
        }
    }

    /// Numbers pages in `style`, the first page of this flow being `first`.
    pub fn numbered(mut self, style: LabelStyle, first: usize) -> Flow {
        self.numbering = (style, first);
        self
    }

    /// Starts every chapter on a right-hand page, for double-sided printing.
    pub fn duplex(mut self, on: bool) -> Flow {
        self.duplex = on;
        self
    }

    fn ensure_page(&mut self) {
        if self.pages.is_empty() {
            self.new_page();
        }
    }

    fn at_top(&self) -> bool {
        self.y <= self.spec.top + Pt(0.01)
    }

    fn remaining(&self) -> Pt {
        self.spec.size.h - self.spec.bottom - self.y - self.foot_room()
    }

    /// Height the current page's footnotes take, with the gap above them.
    fn foot_room(&self) -> Pt {
        if self.foot.is_empty() {
            Pt::ZERO
        } else {
            self.foot_h + NOTE_GAP
        }
    }

    /// The notes `spans` call that are not yet on this page, each once.
    fn new_notes<'a>(&self, spans: impl Iterator<Item = &'a Option<LinkTarget>>) -> Vec<u32> {
        let mut ids = Vec::new();
        for link in spans {
            if let Some(LinkTarget::Note(id)) = link {
                if !ids.contains(id) && !self.foot.iter().any(|(f, ..)| f == id) {
                    ids.push(*id);
                }
            }
        }
        ids
    }

    fn line_notes(&self, line: &Line) -> Vec<u32> {
        self.new_notes(line.runs.iter().map(|r| &r.link))
    }

    /// `ids` and the notes their notes call, and so on, not yet on this page.
    fn with_nested(&self, ids: &[u32]) -> Vec<u32> {
        let mut all: Vec<u32> = ids.to_vec();
        let mut k = 0;
        while k < all.len() {
            if let Some((_, p)) = self.waiting.iter().find(|(w, _)| *w == all[k]) {
                for id in self.new_notes(p.spans.iter().map(|s| &s.link)) {
                    if !all.contains(&id) {
                        all.push(id);
                    }
                }
            }
            k += 1;
        }
        all
    }

    /// Room the notes `ids` (and theirs) would add at the foot of this page.
    fn notes_height(&self, ids: &[u32], with_gap: bool) -> Pt {
        let h = self
            .with_nested(ids)
            .iter()
            .filter_map(|id| self.waiting.iter().find(|(w, _)| w == id))
            .map(|(_, p)| p.space_before + lines_height(&self.lines(p), p))
            .fold(Pt::ZERO, |a, b| a + b);
        if with_gap && h > Pt::ZERO {
            h + NOTE_GAP
        } else {
            h
        }
    }

    /// Puts the notes `ids` at the foot of this page.
    fn claim_notes(&mut self, ids: &[u32]) {
        for id in &self.with_nested(ids) {
            if let Some((_, p)) = self.waiting.iter().find(|(w, _)| w == id) {
                let lines = self.lines(p);
                self.foot_h += p.space_before + lines_height(&lines, p);
                self.foot.push((*id, p.clone(), lines));
            }
        }
    }

    /// How many of `lines` (each `lh` high) fit on this page with the notes they call.
    fn fit_lines(&self, lines: &[Line], lh: Pt) -> usize {
        let room = self.remaining() + Pt(0.01);
        let mut used = Pt::ZERO;
        let mut ids: Vec<u32> = Vec::new();
        for (k, line) in lines.iter().enumerate() {
            let mut more = self.line_notes(line);
            more.retain(|id| !ids.contains(id));
            let gap = self.foot.is_empty() && ids.is_empty();
            let extra = self.notes_height(&more, gap);
            if used + lh + extra > room {
                return k;
            }
            used += lh + extra;
            ids.extend(more);
        }
        lines.len()
    }

    /// Sets the current page's footnotes above its bottom margin, under a short rule.
    fn flush_notes(&mut self) {
        if self.foot.is_empty() {
            return;
        }
        self.close_marks();
        let saved = self.tags.mark.take();
        let foot = std::mem::take(&mut self.foot);
        // Footnotes sit across the text width, also under a panel.
        let inside = std::mem::replace(&mut self.spec, self.base);
        let body = self.spec.body();
        let saved_y = self.y;
        self.y = self.spec.size.h - self.spec.bottom - self.foot_h;
        let rule_y = self.y - NOTE_GAP / 2.0;
        self.push(Element::Line {
            from: Point::new(body.x, rule_y),
            to: Point::new(body.x + body.w * 0.25, rule_y),
            width: Pt(0.5),
            color: self.look.faint,
            dash: None,
        });
        for (_, para, lines) in &foot {
            self.y += para.space_before;
            let lh = line_height(para);
            // A note is a node of its own, after the page's text, as it reads.
            let note = Tag::new(Role::Note, None);
            let leaves = Leaves {
                label: para
                    .marker
                    .as_ref()
                    .map(|_| Tag::new(Role::Lbl, Some(&note))),
                text: Some(Tag::new(Role::P, Some(&note))),
            };
            self.inline = None;
            for (k, line) in lines.iter().enumerate() {
                let marker = if k == 0 { para.marker.as_ref() } else { None };
                let split = split_of(lines, k);
                self.place_line(line, para, lh, marker, &leaves, split);
            }
        }
        self.tags.mark = None;
        self.close_marks();
        self.tags.mark = saved;
        self.y = saved_y;
        self.foot_h = Pt::ZERO;
        self.spec = inside;
    }

    /// Adds content to the current page, in the node [`Flow::mark`] names.
    fn push(&mut self, item: Element) {
        if let Some(p) = self.pages.last_mut() {
            self.tags.push(p, item);
        }
    }

    /// Adds an artifact: a rule, a line to write on, a panel's box.
    fn push_artifact(&mut self, item: Element) {
        self.tags.mark = None;
        self.push(item);
    }

    /// Places `blocks` as [`Flow::place`] does, laying out each chapter on its
    /// own core. A chapter always starts on a fresh page, so nothing before it
    /// changes how it is set: each is placed in a flow of its own and the
    /// pages are joined in order, with a blank left-hand page where duplex
    /// printing needs one.
    pub fn place_chapters(&mut self, blocks: &[FlowBlock]) {
        // Blocks before the first chapter continue the current page.
        let first = blocks
            .iter()
            .position(|b| matches!(b, FlowBlock::Chapter { .. }))
            .unwrap_or(blocks.len());
        self.place(&blocks[..first]);
        let blocks = &blocks[first..];
        let mut groups: Vec<&[FlowBlock]> = Vec::new();
        let mut start = 0;
        for (i, block) in blocks.iter().enumerate() {
            if matches!(block, FlowBlock::Chapter { .. }) && i > start {
                groups.push(&blocks[start..i]);
                start = i;
            }
        }
        if start < blocks.len() {
            groups.push(&blocks[start..]);
        }
        let (spec, look) = (self.spec, self.look);
        let (set, rtl) = (super::fonts::fonts(), super::lines::rtl());
        let hyphenation = super::lines::hyphenation();
        let parts: Vec<Flow> = groups
            .par_iter()
            .map(|group| {
                let _fonts = super::fonts::Scope::new(set);
                let _direction = super::lines::Direction::new(rtl);
                let _hyphenation = super::lines::Hyphenation::new(hyphenation);
                let mut part = Flow::new(spec, look, 0);
                part.place(group);
                part.flush_notes();
                part.tags.mark = None;
                part.close_marks();
                part
            })
            .collect();
        self.flush_notes();
        self.close_marks();
        for part in parts {
            self.append(part);
        }
    }

    /// Adds a flow that starts with a chapter after this one's pages.
    fn append(&mut self, part: Flow) {
        if part.pages.is_empty() {
            return;
        }
        if self.pages.last().is_some_and(|p| p.items.is_empty()) {
            self.pages.pop(); // a fresh page the chapter would have used
            self.running.pop();
        }
        if self.duplex && (self.first_page + self.pages.len()) % 2 == 1 {
            // A left-hand page: leave it blank, without header or number.
            self.pages.push(Page::new(self.spec.size));
            self.running.push(None);
        }
        let offset = self.first_page + self.pages.len();
        self.outline.extend(part.outline.into_iter().map(|mut o| {
            o.page += offset;
            o
        }));
        self.anchors
            .extend(part.anchors.into_iter().map(|(a, p)| (a, p + offset)));
        self.pages.extend(part.pages);
        self.running.extend(part.running);
        self.chapter = part.chapter;
        self.y = part.y;
    }

    /// Places every block.
    pub fn place(&mut self, blocks: &[FlowBlock]) {
        for (i, block) in blocks.iter().enumerate() {
            self.ensure_page();
            if !matches!(
                block,
                FlowBlock::TocEntry { .. }
                    | FlowBlock::Notes(_)
                    | FlowBlock::Space(_)
                    | FlowBlock::Open(_)
                    | FlowBlock::Close
            ) {
                self.toc = None;
            }
            match block {
                FlowBlock::Open(role) => self.open_group(*role),
                FlowBlock::Close => self.close_group(),
                FlowBlock::Chapter { title, anchor } => {
                    self.start_chapter(title);
                    let page = self.page_index();
                    self.outline.push(OutlineEntry {
                        title: title.clone(),
                        page,
                        level: 0,
                        y: self.y,
                    });
                    self.anchors.push((anchor.clone(), page));
                }
                FlowBlock::Heading {
                    para,
                    outline,
                    anchor,
                } => {
                    let lines = self.lines(para);
                    self.keep_together(para, &lines, &blocks[i + 1..]);
                    let page = self.page_index();
                    if let Some(t) = outline {
                        let y = if self.at_top() {
                            self.y
                        } else {
                            self.y + para.space_before
                        };
                        self.outline.push(OutlineEntry {
                            title: t.clone(),
                            page,
                            level: 1,
                            y,
                        });
                    }
                    if let Some(a) = anchor {
                        self.anchors.push((a.clone(), page));
                    }
                    self.place_para(para, lines);
                }
                FlowBlock::Para(para) => {
                    let lines = self.lines(para);
                    if para.keep_with_next {
                        self.keep_together(para, &lines, &blocks[i + 1..]);
                    }
                    self.place_para(para, lines);
                }
                FlowBlock::Table(t) => self.place_table(t),
                FlowBlock::Rule => {
                    if self.remaining() < Pt(14.0) {
                        self.new_page();
                    }
                    let body = self.spec.body();
                    let y = self.y + Pt(6.0);
                    self.push_artifact(Element::Line {
                        from: Point::new(body.x, y),
                        to: Point::new(body.right(), y),
                        width: Pt(0.6),
                        color: self.look.accent,
                        dash: None,
                    });
                    self.y += Pt(14.0);
                }
                FlowBlock::Space(h) => {
                    if !self.at_top() {
                        self.y += (*h).min(self.remaining());
                    }
                }
                FlowBlock::WriteLines {
                    count,
                    indent,
                    field,
                } => self.place_write_lines(*count, *indent, field.as_ref()),
                FlowBlock::WriteRest { min, indent, field } => {
                    if self.remaining() < LINE_GAP * *min as f32 && !self.at_top() {
                        self.new_page();
                    }
                    let count = (self.remaining().0 / LINE_GAP.0).floor().max(1.0);
                    self.place_write_lines(count as u32, *indent, field.as_ref());
                }
                FlowBlock::Panel { blocks, look } => self.place_panel(blocks, look),
                FlowBlock::TocEntry {
                    title,
                    page,
                    anchor,
                    indent,
                } => self.place_toc_entry(title, page, anchor, *indent),
                FlowBlock::Figure {
                    image,
                    width,
                    caption,
                    alt,
                } => self.place_figure(image, *width, caption.as_ref(), alt.as_deref()),
                FlowBlock::PageBreak => {
                    if !self.at_top() {
                        self.new_page();
                    }
                }
                FlowBlock::Notes(notes) => {
                    for (id, para) in notes {
                        self.waiting.retain(|(w, _)| w != id);
                        self.waiting.push((*id, para.clone()));
                    }
                }
            }
        }
    }

    fn lines(&self, para: &Para) -> Vec<Line> {
        break_lines(&para.spans, self.spec.body().w - para.indent, para.align)
    }

    /// Starts a new page unless `para` and the start of what follows fit on this one.
    fn keep_together(&mut self, para: &Para, lines: &[Line], next: &[FlowBlock]) {
        let need =
            para.space_before + lines_height(lines, para) + para.space_after + self.keep_with(next);
        if need > self.remaining() && !self.at_top() {
            self.new_page();
        }
    }

    /// Room a heading needs below it: the first block after it, and when that is
    /// a single line (a note under the heading), the block after that as well.
    fn keep_with(&self, next: &[FlowBlock]) -> Pt {
        // Notes place nothing themselves: look past them.
        let skip = next
            .iter()
            .take_while(|b| {
                matches!(
                    b,
                    FlowBlock::Notes(_) | FlowBlock::Open(_) | FlowBlock::Close
                )
            })
            .count();
        let next = &next[skip..];
        let first = self.min_height(next.first());
        match next.first() {
            Some(FlowBlock::Para(p)) if self.lines(p).len() < 2 => {
                first + p.space_after + self.min_height(next.get(1))
            }
            _ => first,
        }
    }

    /// The least room the block needs at the bottom of a page (for keep-with-next).
    fn min_height(&self, next: Option<&FlowBlock>) -> Pt {
        match next {
            Some(FlowBlock::Para(p)) | Some(FlowBlock::Heading { para: p, .. }) => {
                // A paragraph of three lines or fewer cannot be split without a widow or orphan.
                let n = self.lines(p).len();
                let keep = if n <= 3 { n } else { 2 };
                p.space_before + line_height(p) * keep as f32
            }
            Some(FlowBlock::Table(t)) => self.table_row_height(&t.header, t) * 2.0,
            // Write-in lines are kept together, so a heading needs room for all of them.
            Some(FlowBlock::WriteLines { count, .. }) => {
                (LINE_GAP * *count as f32).min(self.spec.body().h / 2.0)
            }
            Some(FlowBlock::WriteRest { min, .. }) => LINE_GAP * *min as f32,
            Some(FlowBlock::Panel { blocks, look }) => look.pad_y + self.min_height(blocks.first()),
            Some(FlowBlock::TocEntry { .. }) => Pt(20.0),
            Some(FlowBlock::Figure {
                image,
                width,
                caption,
                ..
            }) => {
                let (_, h, cap) = self.figure_size(image, *width, caption.as_ref());
                h + cap
            }
            _ => Pt::ZERO,
        }
    }

    fn place_para(&mut self, para: &Para, lines: Vec<Line>) {
        if !self.at_top() {
            self.y += para.space_before;
        }
        let leaves = self.leaves(para);
        let lh = line_height(para);
        let n = lines.len();
        let mut i = 0;
        while i < n {
            let fit = self.fit_lines(&lines[i..], lh);
            let left = n - i;
            let mut take = fit.min(left);
            if take < left {
                // No orphans: at least two lines before a break; no widows: two after.
                if left - take < 2 && take > 2 {
                    take = left - 2;
                }
                if take < 2.min(left) || (left - take < 2 && left >= 2) {
                    take = 0;
                }
            }
            if take == 0 {
                if self.at_top() {
                    take = fit.max(1).min(left); // a block taller than a page: fill it.
                } else {
                    self.new_page();
                    continue;
                }
            }
            for (k, line) in lines[i..i + take].iter().enumerate() {
                let marker = if i + k == 0 {
                    para.marker.as_ref()
                } else {
                    None
                };
                let ids = self.line_notes(line);
                self.claim_notes(&ids);
                let split = split_of(&lines, i + k);
                self.place_line(line, para, lh, marker, &leaves, split);
            }
            i += take;
            if i < n {
                self.new_page();
            }
        }
        self.tags.mark = None;
        self.y += para.space_after;
    }

    fn place_line(
        &mut self,
        line: &Line,
        para: &Para,
        lh: Pt,
        marker: Option<&Marker>,
        leaves: &Leaves,
        split: Split,
    ) {
        let x0 = self.spec.body().x + para.indent;
        let baseline = self.y + (lh - line.ascent - line.descent) / 2.0 + line.ascent;
        self.tags.mark = leaves.label.clone();
        match marker {
            Some(Marker::Text(m)) => {
                let mw = width(&m.text, &m.style);
                let at = Point::new(x0 - mw - Pt(5.0), baseline);
                for it in label(&m.text, m.style, at, Pt(1000.0)) {
                    self.push(it);
                }
            }
            Some(m @ (Marker::Checkbox | Marker::Checked)) => {
                // A square the height of a capital, sitting on the baseline.
                let side = line.ascent * 0.78;
                let rect = Rect {
                    x: x0 - side - Pt(7.0),
                    y: baseline - side,
                    w: side,
                    h: side,
                };
                self.push(Element::Rect {
                    rect,
                    width: Pt(0.8),
                    color: self.look.ink,
                });
                if matches!(m, Marker::Checkbox) {
                    // A box to tick on screen too, named by its item's words.
                    let words: String = para.spans.iter().map(|s| s.text.as_str()).collect();
                    let short: String = words.chars().take(48).collect();
                    self.push(Element::Field {
                        rect,
                        field: Arc::new(super::frame::Field {
                            name: format!("checklist.{}", super::frame::field_part(&short, "item")),
                            label: words.trim().to_string(),
                            kind: super::frame::FieldKind::Check,
                        }),
                    });
                }
                if matches!(m, Marker::Checked) {
                    // A tick: a short stroke down and a long one up.
                    let (x, y) = (rect.x, rect.y);
                    let p = |fx: f32, fy: f32| Point::new(x + side * fx, y + side * fy);
                    for (from, to) in [(p(0.2, 0.5), p(0.42, 0.78)), (p(0.42, 0.78), p(0.85, 0.15))]
                    {
                        self.push(Element::Line {
                            from,
                            to,
                            width: Pt(1.1),
                            color: self.look.ink,
                            dash: None,
                        });
                    }
                }
            }
            None => {}
        }
        self.place_runs(line, Point::new(x0, baseline), &leaves.text, split);
        self.y += lh;
    }

    /// Places a set line's runs, each in its node, the halves of a word
    /// hyphenated across lines marked to read as one word.
    fn place_runs(&mut self, line: &Line, at: Point, text: &Option<Arc<Tag>>, split: Split) {
        let last = line.runs.len().saturating_sub(1);
        for (k, run) in line.runs.iter().enumerate() {
            self.tags.mark = self.run_tag(run, text);
            let mut items = run_items(run, at);
            let mut tail = if k == 0 && !run.rtl { split.tail } else { 0 };
            let rest = split.rest.as_deref().filter(|_| k == last && !run.rtl);
            if tail == 0 && rest.is_none() {
                for it in items {
                    self.push(it);
                }
                continue;
            }
            // The run's text item comes first: cut it where the words are marked.
            let first = items.remove(0);
            let Element::Text {
                at: start,
                font,
                size,
                color,
                glyphs,
                rtl,
            } = first
            else {
                continue;
            };
            let piece = |from: usize, to: usize| {
                let x: Pt = glyphs[..from].iter().map(|g| g.advance).sum();
                Element::Text {
                    at: Point::new(start.x + x, start.y),
                    font,
                    size,
                    color,
                    glyphs: glyphs[from..to].to_vec(),
                    rtl,
                }
            };
            tail = tail.min(glyphs.len());
            let head = match rest {
                Some(_) => head_start(&glyphs).max(tail),
                None => glyphs.len(),
            };
            if tail > 0 {
                self.push(Element::Begin(Mark::Actual(String::new())));
                self.push(piece(0, tail));
                self.push(Element::End);
            }
            if head > tail {
                self.push(piece(tail, head));
            }
            if let Some(rest) = rest {
                let word: String = glyphs[head..glyphs.len().saturating_sub(1)]
                    .iter()
                    .map(|g| g.text.as_str())
                    .chain(std::iter::once(rest))
                    .collect();
                self.push(Element::Begin(Mark::Actual(word)));
                self.push(piece(head, glyphs.len()));
                self.push(Element::End);
            }
            for it in items {
                self.push(it);
            }
        }
    }

    /// The image's width and height and the caption's height (with the space above it).
    fn figure_size(
        &self,
        image: &ImageData,
        width: Option<FigureWidth>,
        caption: Option<&Para>,
    ) -> (Pt, Pt, Pt) {
        let body = self.spec.body();
        let cap = caption.map_or(Pt::ZERO, |c| {
            c.space_before + lines_height(&self.lines(c), c) + c.space_after
        });
        let mut w = match width {
            None => body.w,
            Some(FigureWidth::Share(s)) => body.w * s.clamp(0.0, 1.0),
            Some(FigureWidth::Length(l)) => l.min(body.w),
        }
        .max(Pt::ZERO);
        let mut h = w * image.aspect();
        // Taller than a page with its caption: scaled down to fit (never below a point).
        let room = (body.h - cap).max(Pt(1.0));
        if h > room {
            w = w * (room.0 / h.0);
            h = room;
        }
        (w, h, cap)
    }

    /// Places an image and its caption together, on the next page when they do not fit here.
    fn place_figure(
        &mut self,
        image: &Arc<ImageData>,
        width: Option<FigureWidth>,
        caption: Option<&Para>,
        alt: Option<&str>,
    ) {
        let (w, h, cap) = self.figure_size(image, width, caption);
        if h + cap > self.remaining() && !self.at_top() {
            self.new_page();
        }
        let body = self.spec.body();
        // A picture with no words for it is a decoration: an artifact.
        self.tags.mark = alt.filter(|a| !a.trim().is_empty()).map(|a| {
            Tag::with(
                Role::Figure,
                self.parent(),
                Some(a.trim().to_string()),
                None,
            )
        });
        self.push(Element::Image {
            rect: Rect {
                x: body.x + (body.w - w) / 2.0,
                y: self.y,
                w,
                h,
            },
            image: image.clone(),
        });
        self.tags.mark = None;
        self.y += h;
        if let Some(c) = caption {
            let lines = self.lines(c);
            self.place_para(c, lines);
        }
    }

    fn place_write_lines(&mut self, count: u32, indent: Pt, field: Option<&WriteField>) {
        let body = self.spec.body();
        // Lines to write on stay together unless they fill more than a page.
        if LINE_GAP * count as f32 > self.remaining() && !self.at_top() {
            self.new_page();
        }
        // The rules of this page's share of the lines, for its field.
        let mut rules: Vec<Pt> = Vec::new();
        for _ in 0..count {
            if self.remaining() < LINE_GAP {
                self.write_field(field, &rules, body.x + indent, body.right());
                rules.clear();
                self.new_page();
            }
            self.y += LINE_GAP;
            let y = self.y - Pt(4.0);
            self.push_artifact(Element::Line {
                from: Point::new(body.x + indent, y),
                to: Point::new(body.right(), y),
                width: Pt(0.5),
                color: self.look.faint,
                dash: None,
            });
            rules.push(y);
        }
        self.write_field(field, &rules, body.x + indent, body.right());
        self.y += Pt(8.0);
    }

    /// A multi-line text field over ruled lines at `rules` (tops down) from
    /// `x0` to `x1`, its lines falling on theirs (see [`write_field_rect`]).
    fn write_field(&mut self, field: Option<&WriteField>, rules: &[Pt], x0: Pt, x1: Pt) {
        let (Some(f), Some(&first), Some(&last)) = (field, rules.first(), rules.last()) else {
            return;
        };
        let (rect, size) = write_field_rect(first, last, LINE_GAP, x0, x1);
        self.tags.mark = None;
        self.push(Element::Field {
            rect,
            field: Arc::new(super::frame::Field {
                name: f.name.clone(),
                label: f.label.clone(),
                kind: super::frame::FieldKind::Text {
                    multiline: rules.len() > 1,
                    size,
                    right: false,
                },
            }),
        });
    }

    fn place_toc_entry(&mut self, title: &[Span], page: &str, anchor: &str, indent: Pt) {
        let body = self.spec.body();
        let style = title.first().map(|s| s.style).unwrap_or(self.look.running);
        let num_w = width(page, &style);
        let para = Para {
            spans: title.to_vec(),
            align: Align::Left,
            indent,
            marker: None,
            leading: 1.5,
            space_before: Pt::ZERO,
            space_after: Pt::ZERO,
            keep_with_next: false,
            role: Role::P,
        };
        let lines = break_lines(title, body.w - indent - num_w - Pt(24.0), Align::Left);
        let lh = line_height(&para);
        if self.remaining() < lh * lines.len() as f32 {
            self.new_page();
        }
        // The contents: one entry after another, each a link to its chapter.
        if self.toc.is_none() {
            self.toc = Some(Tag::new(Role::TOC, self.parent()));
        }
        let item = Tag::new(Role::TOCI, self.toc.as_ref());
        let link = Tag::new(Role::Link, Some(&item));
        let leaves = Leaves {
            label: None,
            text: Some(link.clone()),
        };
        self.inline = None;
        let top = self.y;
        let n = lines.len();
        for (k, line) in lines.iter().enumerate() {
            let baseline = self.y + (lh - line.ascent - line.descent) / 2.0 + line.ascent;
            self.place_line(line, &para, lh, None, &leaves, Split::default());
            self.tags.mark = Some(link.clone());
            if k + 1 == n {
                // Leader dots, then the number, after the title so text extracts in reading order.
                let from = body.x + indent + line.width + Pt(6.0);
                let to = body.right() - num_w - Pt(6.0);
                if to > from {
                    self.push(Element::Line {
                        from: Point::new(from, baseline),
                        to: Point::new(to, baseline),
                        width: Pt(0.6),
                        color: self.look.faint,
                        dash: Some((Pt(0.6), Pt(3.0))),
                    });
                }
                // The number reads apart from the title: "Week 1 12", not "Week 112".
                let number = label(
                    page,
                    style,
                    Point::new(body.right() - num_w, baseline),
                    Pt(1000.0),
                );
                if !number.is_empty() {
                    self.push(Element::Begin(Mark::Actual(format!(" {page}"))));
                    for it in number {
                        self.push(it);
                    }
                    self.push(Element::End);
                }
            }
        }
        let rect = Rect {
            x: body.x + indent,
            y: top,
            w: body.w - indent,
            h: self.y - top,
        };
        self.push(Element::Link {
            rect,
            to: LinkTarget::Anchor(anchor.to_string()),
        });
        self.tags.mark = None;
    }

    fn table_row_height(&self, cells: &[Vec<Span>], t: &TableBlock) -> Pt {
        let widths = self.column_widths(t);
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                let lines = break_lines(c, *w - CELL_PAD * 2.0, Align::Left);
                cell_line_height(c) * lines.len() as f32
            })
            .fold(Pt::ZERO, Pt::max)
            + CELL_PAD * 2.0
    }

    fn column_widths(&self, t: &TableBlock) -> Vec<Pt> {
        let total: f32 = t.weights.iter().sum::<f32>().max(0.001);
        t.weights
            .iter()
            .map(|w| self.spec.body().w * (w / total))
            .collect()
    }

    fn place_table(&mut self, t: &TableBlock) {
        let need = self.table_row_height(&t.header, t)
            + t.rows
                .first()
                .map(|r| self.table_row_height(r, t))
                .unwrap_or(Pt::ZERO);
        if need > self.remaining() && !self.at_top() {
            self.new_page();
        }
        self.y += Pt(4.0);
        let table = Tag::new(Role::Table, self.parent());
        self.place_row(&t.header, t, Some((&table, Role::TH)));
        for row in &t.rows {
            let ids = self.new_notes(row.iter().flatten().map(|s| &s.link));
            let h = self.table_row_height(row, t) + self.notes_height(&ids, self.foot.is_empty());
            if h > self.remaining() && !self.at_top() {
                self.new_page();
                // The header again, for the eye: the reader has had it once.
                self.place_row(&t.header, t, None);
            }
            let ids = self.new_notes(row.iter().flatten().map(|s| &s.link));
            self.claim_notes(&ids);
            self.place_row(row, t, Some((&table, Role::TD)));
        }
        self.y += Pt(10.0);
    }

    /// Sets a table row; `tag` is its table and its cells' role, None for a
    /// header repeated on a later page (an artifact).
    fn place_row(&mut self, cells: &[Vec<Span>], t: &TableBlock, tag: Option<(&Arc<Tag>, Role)>) {
        let header = tag.is_none_or(|(_, role)| role == Role::TH);
        let body = self.spec.body();
        let widths = self.column_widths(t);
        let h = self.table_row_height(cells, t);
        let row = tag.map(|(table, _)| Tag::new(Role::TR, Some(table)));
        let mut x = body.x;
        for (n, (c, w)) in cells.iter().zip(&widths).enumerate() {
            let cell = tag.map(|(_, role)| Tag::new(role, row.as_ref()));
            self.tags.mark = cell.clone();
            self.inline = None;
            // An empty cell is still a cell: open its node all the same.
            self.sync();
            let align = t.align.get(n).copied().unwrap_or(Align::Left);
            let measure = *w - CELL_PAD * 2.0;
            let lines = break_lines(c, measure, align);
            let lh = cell_line_height(c);
            let mut y = self.y + CELL_PAD;
            for line in &lines {
                let baseline = y + (lh - line.ascent - line.descent) / 2.0 + line.ascent;
                let shift = match align {
                    Align::Right => measure - line.width,
                    Align::Center => (measure - line.width) / 2.0,
                    _ => Pt::ZERO,
                }
                .max(Pt::ZERO);
                self.place_runs(
                    line,
                    Point::new(x + CELL_PAD + shift, baseline),
                    &cell,
                    Split::default(),
                );
                y += lh;
            }
            x += *w;
        }
        self.y += h;
        let (width, color) = if header {
            (Pt(0.9), self.look.ink)
        } else {
            (Pt(0.4), self.look.faint)
        };
        let y = self.y;
        self.push_artifact(Element::Line {
            from: Point::new(body.x, y),
            to: Point::new(body.right(), y),
            width,
            color,
            dash: None,
        });
    }

    /// Adds running headers and page numbers, and returns the pages and their outline.
    pub fn finish(mut self, title: &str, language: &str) -> Document {
        self.flush_notes();
        self.tags.mark = None;
        self.close_marks();
        let spec = self.spec;
        for (i, page) in self.pages.iter_mut().enumerate() {
            let Some(running) = &self.running[i] else {
                continue;
            };
            let (style, first) = self.numbering;
            decorate(page, &spec, &self.look, running, &style.format(first + i));
        }
        Document {
            fonts: super::fonts::fonts().id,
            title: title.to_string(),
            author: String::new(),
            subject: String::new(),
            language: language.to_string(),
            pages: self.pages,
            outline: self.outline,
            anchors: self.anchors,
            labels: vec![PageLabel {
                start: self.first_page,
                style: self.numbering.0,
                first: self.numbering.1,
            }],
        }
    }
}

const CELL_PAD: Pt = Pt(4.0);

fn cell_line_height(cell: &[Span]) -> Pt {
    cell.iter().map(|s| s.style.size).fold(Pt(9.0), Pt::max) * 1.3
}

/// Line height of a paragraph: its largest font size times its leading.
pub fn line_height(para: &Para) -> Pt {
    para.spans
        .iter()
        .map(|s| s.style.size)
        .fold(Pt(1.0), Pt::max)
        * para.leading
}

fn lines_height(lines: &[Line], para: &Para) -> Pt {
    line_height(para) * lines.len() as f32
}

/// Running header (chapter title, a hairline) and the page number in the footer.
fn decorate(page: &mut Page, spec: &PageSpec, look: &Look, running: &str, number: &str) {
    let style = look.running;
    let body = spec.body();
    let head_y = spec.top - Pt::mm(9.0);
    // The header goes first so the page's text reads top to bottom.
    let mut head = vec![Element::Begin(Mark::Artifact(Artifact::Pagination))];
    head.extend(label(running, style, Point::new(body.x, head_y), body.w));
    let rule_y = head_y + Pt(4.0);
    head.push(Element::Line {
        from: Point::new(body.x, rule_y),
        to: Point::new(body.right(), rule_y),
        width: Pt(0.4),
        color: look.accent,
        dash: None,
    });
    head.push(Element::End);
    page.items.splice(0..0, head);
    let nw = width(number, &style);
    let foot_y = spec.size.h - spec.bottom + Pt::mm(11.0);
    page.items
        .push(Element::Begin(Mark::Artifact(Artifact::Pagination)));
    page.items.extend(label(
        number,
        style,
        Point::new(body.x + (body.w - nw) / 2.0, foot_y),
        body.w,
    ));
    page.items.push(Element::End);
}

/// Frame items for a one-line label whose baseline starts at `at`, cut at the
/// last break opportunity within `max`; empty text gives no items.
pub fn label(text: &str, style: Style, at: Point, max: Pt) -> Vec<Element> {
    break_lines(&[Span::new(text, style)], max, Align::Left)
        .first()
        .map(|l| text_items(l, at))
        .unwrap_or_default()
}

/// Frame items for a set line whose baseline starts at `at`; links become link areas.
pub fn text_items(line: &Line, at: Point) -> Vec<Element> {
    line.runs
        .iter()
        .flat_map(|run| run_items(run, at))
        .collect()
}

/// Frame items for one run of a line whose baseline starts at `at`: its
/// text first, then its strike-through and its link area.
fn run_items(run: &super::lines::Run, at: Point) -> Vec<Element> {
    let mut items = Vec::new();
    {
        let x = at.x + run.x;
        items.push(Element::Text {
            at: Point::new(x, at.y),
            font: run.style.font,
            size: run.style.size,
            color: run.style.color,
            glyphs: run.glyphs.clone(),
            rtl: run.rtl,
        });
        if run.style.strike {
            let y = at.y - run.style.size * 0.28;
            items.push(Element::Line {
                from: Point::new(x, y),
                to: Point::new(x + run.width(), y),
                width: run.style.size * 0.06,
                color: run.style.color,
                dash: None,
            });
        }
        if let Some(link) = run
            .link
            .as_ref()
            .filter(|l| !matches!(l, LinkTarget::Note(_)))
        {
            let rect = Rect {
                x,
                y: at.y - run.style.ascent(),
                w: run.width(),
                h: run.style.ascent() + run.style.descent(),
            };
            items.push(Element::Link {
                rect,
                to: link.clone(),
            });
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::FontId;

    /// An A4 page with 24 mm margins at top and bottom, 22 mm at the sides.
    fn spec() -> PageSpec {
        PageSpec {
            size: Size {
                w: Pt::mm(210.0),
                h: Pt::mm(297.0),
            },
            top: Pt::mm(24.0),
            bottom: Pt::mm(24.0),
            left: Pt::mm(22.0),
            right: Pt::mm(22.0),
        }
    }

    fn style(font: FontId, size: f32) -> Style {
        Style::new(font, size, Color::BLACK)
    }

    /// A justified paragraph with room below it, as body text is set.
    fn body(spans: Vec<Span>) -> Para {
        Para {
            leading: 1.38,
            space_after: Pt(7.0),
            ..Para::new(spans, Align::Justify)
        }
    }

    fn para(text: &str) -> FlowBlock {
        FlowBlock::Para(body(vec![Span::new(text, style(FontId::Serif, 11.0))]))
    }

    fn heading(text: &str) -> FlowBlock {
        let p = Para {
            space_before: Pt(12.0),
            ..body(vec![Span::new(text, style(FontId::SansBold, 14.0))])
        };
        FlowBlock::Heading {
            para: p,
            outline: Some(text.into()),
            anchor: None,
        }
    }

    fn flow(blocks: &[FlowBlock]) -> Document {
        let mut f = Flow::new(spec(), Look::plain(FontId::Sans), 0);
        f.place(blocks);
        f.finish("t", "en")
    }

    #[test]
    fn chapters_laid_out_in_parallel_give_the_same_document_as_one_flow() {
        let long = "Small steady practices beat grand gestures. ".repeat(25);
        let mut blocks = vec![para("Before any chapter."), heading("Loose heading")];
        for c in 0..7 {
            blocks.push(FlowBlock::Chapter {
                title: format!("Chapter {c}"),
                anchor: format!("c{c}"),
            });
            // Chapters of one to several pages, so left and right pages alternate.
            for i in 0..(c % 4 + 1) * 3 {
                blocks.push(heading(&format!("Section {c}.{i}")));
                blocks.push(para(&long));
            }
        }
        for duplex in [false, true] {
            for first in [0, 3] {
                let mut one = Flow::new(spec(), Look::plain(FontId::Sans), first)
                    .numbered(LabelStyle::Arabic, 1)
                    .duplex(duplex);
                one.place(&blocks);
                let mut parallel = Flow::new(spec(), Look::plain(FontId::Sans), first)
                    .numbered(LabelStyle::Arabic, 1)
                    .duplex(duplex);
                parallel.place_chapters(&blocks);
                let (one, parallel) = (one.finish("t", "en"), parallel.finish("t", "en"));
                assert!(one.pages.len() > 10);
                for (k, (a, b)) in one.pages.iter().zip(&parallel.pages).enumerate() {
                    for (i, (x, y)) in a.items.iter().zip(&b.items).enumerate() {
                        assert_eq!(x, y, "page {k} item {i}");
                    }
                    assert_eq!(a.items.len(), b.items.len(), "page {k}");
                }
                assert_eq!(one, parallel, "duplex {duplex}, first page {first}");
            }
        }
    }

    #[test]
    fn nothing_is_placed_outside_the_text_area_but_header_and_footer() {
        let long = "Small steady practices beat grand gestures. ".repeat(40);
        let blocks: Vec<FlowBlock> = (0..12)
            .flat_map(|i| [heading(&format!("Section {i}")), para(&long)])
            .collect();
        let doc = flow(&blocks);
        assert!(doc.pages.len() > 3);
        let edge = Pt::mm(10.0);
        for page in &doc.pages {
            for item in &page.items {
                if matches!(item, Element::Begin(_) | Element::End) {
                    continue;
                }
                let b = item.bounds();
                assert!(b.x >= edge && b.right() <= page.size.w - edge, "{item:?}");
                assert!(b.y >= edge && b.bottom() <= page.size.h - edge, "{item:?}");
            }
        }
    }

    #[test]
    fn headings_are_never_last_on_a_page() {
        let filler = "Mending counts for more than being right. ".repeat(30);
        let mut blocks = Vec::new();
        for i in 0..30 {
            blocks.push(heading(&format!("Heading {i}")));
            // Notes announced between a heading and its text change nothing.
            if i % 2 == 1 {
                blocks.push(FlowBlock::Notes(Vec::new()));
            }
            blocks.push(para(&filler[..(i * 37) % filler.len()]));
        }
        let doc = flow(&blocks);
        let body_bottom = spec().size.h - spec().bottom;
        for (n, page) in doc.pages.iter().enumerate() {
            let last_text = page
                .items
                .iter()
                .rfind(|i| matches!(i, Element::Text { at, size, .. } if at.y < body_bottom && *size > Pt(9.0)));
            if let Some(Element::Text { size, .. }) = last_text {
                assert!(
                    *size < Pt(14.0),
                    "page {n} ends with a heading: {}",
                    page.text()
                        .lines()
                        .rev()
                        .take(3)
                        .collect::<Vec<_>>()
                        .join(" / ")
                );
            }
        }
    }

    #[test]
    fn no_paragraph_leaves_a_single_line_on_either_side_of_a_page_break() {
        let style = style(FontId::Serif, 11.0);
        let blocks: Vec<FlowBlock> = (0..60)
            .map(|i| {
                let words = 40 + (i * 37) % 160;
                let text = (0..words)
                    .map(|_| format!("w{i}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                FlowBlock::Para(Para {
                    align: Align::Left,
                    ..body(vec![Span::new(text, style)])
                })
            })
            .collect();
        let doc = flow(&blocks);
        assert!(doc.pages.len() > 4);
        let mut splits = 0;
        for i in 0..60 {
            let token = format!("w{i} ");
            let per_page: Vec<usize> = doc
                .pages
                .iter()
                .map(|p| {
                    let mut ys: Vec<f32> = p
                        .items
                        .iter()
                        .filter_map(|it| match it {
                            Element::Text { at, glyphs, .. } => {
                                let t: String = glyphs.iter().map(|g| g.text.as_str()).collect();
                                (t.contains(&token) || t.trim_end() == token.trim_end())
                                    .then_some(at.y.0)
                            }
                            _ => None,
                        })
                        .collect();
                    ys.dedup();
                    ys.len()
                })
                .filter(|n| *n > 0)
                .collect();
            if per_page.len() > 1 {
                splits += 1;
                assert!(
                    per_page.iter().all(|n| *n >= 2),
                    "paragraph {i} is split {per_page:?}"
                );
            }
        }
        assert!(
            splits > 2,
            "the test should exercise page breaks inside paragraphs ({splits})"
        );
    }

    #[test]
    fn outline_follows_reading_order() {
        let doc = flow(&[
            FlowBlock::Chapter {
                title: "One".into(),
                anchor: "one".into(),
            },
            heading("A"),
            para("x"),
            FlowBlock::Chapter {
                title: "Two".into(),
                anchor: "two".into(),
            },
            heading("B"),
        ]);
        let titles: Vec<_> = doc
            .outline
            .iter()
            .map(|o| (o.title.as_str(), o.level, o.page))
            .collect();
        assert_eq!(
            titles,
            vec![("One", 0, 0), ("A", 1, 0), ("Two", 0, 1), ("B", 1, 1)]
        );
        assert_eq!(doc.anchor_page("two"), Some(1));
    }

    #[test]
    fn footnotes_sit_below_the_text_on_the_page_of_their_call() {
        let note_style = style(FontId::Serif, 8.0);
        let filler = "Sleep comes to those who keep a steady hour. ";
        for shift in 0..24 {
            let mut blocks = Vec::new();
            for i in 0..3 {
                blocks.push(para(&filler.repeat(20 + shift * 3 + i)));
                // A long note, so it often cannot fit under the calling line.
                let note = Para::new(
                    vec![Span::new(
                        format!("NOTE{i} {}", filler.repeat(8)),
                        note_style,
                    )],
                    Align::Left,
                );
                blocks.push(FlowBlock::Notes(vec![(i as u32 + 1, note)]));
                let body_style = style(FontId::Serif, 11.0);
                blocks.push(FlowBlock::Para(body(vec![
                    Span::new(filler.repeat(shift % 5), body_style),
                    Span {
                        text: format!("CALL{i}"),
                        style: body_style,
                        link: Some(LinkTarget::Note(i as u32 + 1)),
                    },
                    Span::new(" and on.", body_style),
                ])));
            }
            let doc = flow(&blocks);
            let bottom = spec().size.h - spec().bottom;
            for i in 0..3 {
                let call = doc
                    .pages
                    .iter()
                    .position(|p| p.text().contains(&format!("CALL{i}")))
                    .expect("the call is set");
                let text = doc.pages[call].text();
                assert!(
                    text.contains(&format!("NOTE{i}")),
                    "shift {shift}: note {i} on the page of its call"
                );
                assert_eq!(text.matches(&format!("NOTE{i}")).count(), 1);
            }
            for page in &doc.pages {
                let ys = |small: bool| {
                    page.items.iter().filter_map(move |it| match it {
                        Element::Text { at, size, .. }
                            if (*size < Pt(9.0)) == small && at.y < bottom =>
                        {
                            Some(at.y)
                        }
                        _ => None,
                    })
                };
                let (Some(last_body), Some(first_note)) = (
                    ys(false).fold(None, |m: Option<Pt>, y| Some(m.map_or(y, |m| m.max(y)))),
                    ys(true).fold(None, |m: Option<Pt>, y| Some(m.map_or(y, |m| m.min(y)))),
                ) else {
                    continue;
                };
                assert!(
                    last_body < first_note,
                    "shift {shift}: notes below the text"
                );
                assert!(ys(true).all(|y| y <= bottom), "notes inside the text area");
            }
        }
    }

    #[test]
    fn tables_repeat_their_header_on_each_page() {
        let cell = |t: &str| vec![Span::new(t, style(FontId::Serif, 9.5))];
        let head = |t: &str| vec![Span::new(t, style(FontId::SansBold, 9.5))];
        let t = TableBlock {
            weights: vec![1.0, 2.0],
            align: Vec::new(),
            header: vec![head("Approach"), head("Example")],
            rows: (0..120)
                .map(|i| {
                    vec![
                        cell(&format!("row {i}")),
                        cell("an evening check-in that wraps onto a second line maybe"),
                    ]
                })
                .collect(),
        };
        let doc = flow(&[FlowBlock::Table(t)]);
        assert!(doc.pages.len() >= 2);
        for page in &doc.pages {
            assert!(page.text().contains("Approach"), "header repeated");
        }
    }
}
