//! Lines: breaks styled spans into set lines no wider than their measure.
//!
//! Break opportunities follow Unicode's line-breaking rules (UAX #14).
//! Justified paragraphs are broken as a whole with Knuth and Plass's
//! total-fit method and English hyphenation (see `linebreak`); other
//! alignments fill lines first-fit. Words longer than a line are split
//! between glyphs, so no line is ever wider than its measure.

use super::fonts::{face_for, has_glyph, is_invisible, FontId};
use super::linebreak::{self, BreakItem, Word};
use super::shape::{shape, shape_in, Glyph, LinkTarget, Piece, Style};
use super::units::Pt;
use serde::Serialize;
use unicode_linebreak::{linebreaks, BreakOpportunity};

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
    pub link: Option<LinkTarget>,
}

impl Span {
    /// A span without a link.
    pub fn new(text: impl Into<String>, style: Style) -> Span {
        Span {
            text: text.into(),
            style,
            link: None,
        }
    }
}

/// Glyphs in one style, placed at `x` from the line start.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    pub x: Pt,
    pub style: Style,
    pub glyphs: Vec<Glyph>,
    pub link: Option<LinkTarget>,
    /// Right to left: the glyphs are in visual order, the text reads from the last.
    pub rtl: bool,
}

impl Run {
    /// The run's advance width.
    pub fn width(&self) -> Pt {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// A set line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub runs: Vec<Run>,
    /// The width the text occupies.
    pub width: Pt,
    /// Largest ascent and descent of the styles on the line.
    pub ascent: Pt,
    pub descent: Pt,
    /// The line ends in a hyphen the breaking added: its last word goes on
    /// at the start of the next line.
    pub hyphenated: bool,
}

/// How lines sit in their measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Justify,
    Center,
    Right,
}

/// Breaks styled spans into lines no wider than `measure`.
///
/// Justified text is broken as a whole paragraph (Knuth–Plass total fit) with
/// English hyphenation; other alignments fill lines first-fit, ragged.
pub fn break_lines(spans: &[Span], measure: Pt, align: Align) -> Vec<Line> {
    // The same paragraph at the same width always breaks the same way; a batch
    // of workbooks sets the same chapters again and again, so keep the result.
    // The font set is part of the key: the same text breaks otherwise in another face.
    let mut key = format!(
        "{}|{}|{:?}|{}|{:?}|",
        super::fonts::fonts().id,
        measure.0.to_bits(),
        align,
        rtl(),
        hyphenation()
    );
    for s in spans {
        use std::fmt::Write as _;
        let _ = write!(key, "{}\u{0}{:?}{:?}\u{1}", s.text, s.style, s.link);
    }
    if let Some(hit) = BROKEN.with(|c| c.borrow().lines.get(&key).cloned()) {
        return hit.as_ref().clone();
    }
    let lines = std::rc::Rc::new(break_uncached(spans, measure, align));
    BROKEN.with(|c| {
        let mut c = c.borrow_mut();
        let size = key.len()
            + lines
                .iter()
                .map(|l| l.runs.iter().map(|r| r.glyphs.len()).sum::<usize>())
                .sum::<usize>()
                * std::mem::size_of::<Glyph>();
        if c.bytes + size > BROKEN_BUDGET {
            // Bound memory: a batch sets each person's own paragraphs once,
            // and those would otherwise pile up person after person.
            c.lines.clear();
            c.bytes = 0;
        }
        c.bytes += size;
        c.lines.insert(key, lines.clone());
    });
    lines.as_ref().clone()
}

/// Broken paragraphs by text, styles, width and alignment, and about how many bytes they take.
#[derive(Default)]
struct Broken {
    lines: std::collections::HashMap<String, std::rc::Rc<Vec<Line>>>,
    bytes: usize,
}

/// The most the paragraph cache holds per thread: a workbook of several
/// hundred pages fits, so its chapters repeat from the cache in a batch.
const BROKEN_BUDGET: usize = 24 << 20;

thread_local! {
    /// Broken paragraphs (see `break_lines`).
    static BROKEN: std::cell::RefCell<Broken> = Default::default();
}

fn break_uncached(spans: &[Span], measure: Pt, align: Align) -> Vec<Line> {
    let hyphenate = align == Align::Justify;
    let hyphen = |style: &Style| shape("-", style);
    let items = linebreak::items(
        &pieces(spans),
        measure,
        hyphenate.then(|| (&hyphen as &dyn Fn(&Style) -> Vec<Glyph>, hyphenation())),
    );
    let breaks = if hyphenate {
        linebreak::total_fit(&items, measure)
            .unwrap_or_else(|| linebreak::first_fit(&items, measure))
    } else {
        linebreak::first_fit(&items, measure)
    };
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for (i, &end) in breaks.iter().enumerate() {
        let last = i + 1 == breaks.len() || linebreak::is_forced(&items[end]);
        lines.push(set_line(&items, start, end, measure, align, last));
        start = end + 1;
    }
    lines
}

/// Cuts the text at Unicode break opportunities and shapes each stretch once.
///
/// Returns one entry per word: its pieces (text in one style, face and
/// bidirectional level), the shaped trailing space, and whether a forced
/// break follows. A stretch the span's face cannot print is split into runs
/// set in faces of the fallback chain, glyph by glyph.
fn pieces(spans: &[Span]) -> Vec<Word> {
    let mut text = String::new();
    let mut starts = Vec::new();
    for s in spans {
        starts.push(text.len());
        text.push_str(&s.text);
    }
    let levels = bidi_levels(&text, rtl());
    let level_at = |at: usize| levels.as_ref().map_or(0, |l| l[at]);
    let mut words = Vec::new();
    let mut from = 0;
    for (at, kind) in opportunities(&text) {
        // The end of the text is always reported as mandatory; it is not a forced break.
        let forced = kind == BreakOpportunity::Mandatory && at < text.len();
        let mut word = Word {
            pieces: Vec::new(),
            space: None,
            forced,
        };
        for (i, s) in spans.iter().enumerate() {
            let (a, b) = (from.max(starts[i]), at.min(starts[i] + s.text.len()));
            if a >= b {
                continue;
            }
            let chunk = &text[a..b];
            let body = chunk.trim_end();
            for (range, font, level) in runs(body, s.style.font, |k| level_at(a + k)) {
                let style = Style { font, ..s.style };
                let direction = (level > 0).then_some(level % 2 == 1);
                word.pieces.push(Piece {
                    style,
                    link: s.link.clone(),
                    glyphs: shape_in(&body[range], &style, direction),
                    level,
                });
            }
            let spaces: String = chunk[body.len()..]
                .chars()
                .filter(|c| *c == ' ' || *c == '\u{a0}')
                .collect();
            if !spaces.is_empty() {
                word.space = Some(Piece {
                    style: s.style,
                    link: s.link.clone(),
                    glyphs: shape(&spaces, &s.style),
                    level: level_at(a + body.len()),
                });
            }
        }
        if !word.pieces.is_empty() || word.space.is_some() || forced {
            words.push(word);
        }
        from = at;
    }
    words
}

/// Where lines may break: UAX #14's opportunities, and for Thai, Lao,
/// Khmer and Burmese (written without spaces between words, class SA)
/// the word boundaries of ICU4X's segmenter between two of their letters.
fn opportunities(text: &str) -> Vec<(usize, BreakOpportunity)> {
    let mut out: Vec<(usize, BreakOpportunity)> = linebreaks(text).collect();
    if text.is_ascii() || !text.chars().any(is_written_without_spaces) {
        return out;
    }
    let segmenter = icu_segmenter::WordSegmenter::new_lstm(Default::default());
    for at in segmenter.segment_str(text) {
        if at == 0 || at >= text.len() {
            continue;
        }
        let before = text[..at].chars().next_back();
        let after = text[at..].chars().next();
        if before.is_some_and(is_written_without_spaces)
            && after.is_some_and(is_written_without_spaces)
            && !out.iter().any(|(p, _)| *p == at)
        {
            out.push((at, BreakOpportunity::Allowed));
        }
    }
    out.sort_by_key(|(p, _)| *p);
    out
}

/// Letters of the scripts whose words are found by dictionary, not spaces.
fn is_written_without_spaces(c: char) -> bool {
    matches!(c, '\u{0E00}'..='\u{0EFF}' | '\u{1000}'..='\u{109F}' | '\u{1780}'..='\u{17FF}')
}

/// The bidirectional level of each byte of `text` in a paragraph of the
/// given direction; None when all of it is left to right (most text, which
/// then skips the algorithm).
fn bidi_levels(text: &str, rtl: bool) -> Option<Vec<u8>> {
    use unicode_bidi::{bidi_class, BidiClass, BidiInfo, Level};
    let strong_rtl = |c: char| {
        matches!(
            bidi_class(c),
            BidiClass::R
                | BidiClass::AL
                | BidiClass::AN
                | BidiClass::RLE
                | BidiClass::RLO
                | BidiClass::RLI
        )
    };
    if !rtl && (text.is_ascii() || !text.chars().any(strong_rtl)) {
        return None;
    }
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    let info = BidiInfo::new(text, Some(base));
    Some(info.levels.iter().map(|l| l.number()).collect())
}

/// Splits `text` into runs of one face and one bidirectional level: the
/// byte range, the face (`want` or a fallback one) and the level.
///
/// Combining marks and invisible characters (joiners, variation selectors)
/// stay in the face of the letter before them, so a cluster is never split
/// between faces.
fn runs(
    text: &str,
    want: FontId,
    level: impl Fn(usize) -> u8,
) -> Vec<(std::ops::Range<usize>, FontId, u8)> {
    let mut out: Vec<(std::ops::Range<usize>, FontId, u8)> = Vec::new();
    if text.is_empty() {
        return out;
    }
    let mut last: Option<FontId> = None;
    for (at, c) in text.char_indices() {
        let font = if c.is_ascii() && !c.is_ascii_control() {
            // Every face kintsugi uses has printable ASCII; skip the lookup.
            want
        } else if is_invisible(c) {
            last.unwrap_or(want)
        } else if is_mark(c) {
            match last {
                Some(f) if has_glyph(f, c) => f,
                _ => face_for(want, c),
            }
        } else if matches!(last, Some(FontId::Fallback(_)))
            && unicode_script::Script::from(c) == unicode_script::Script::Common
            && last.is_some_and(|f| has_glyph(f, c))
        {
            // Punctuation inside a run of a fallback script stays in its
            // face, drawn to match the letters around it (、 after kana).
            last.unwrap_or(want)
        } else {
            face_for(want, c)
        };
        last = Some(font);
        let lvl = level(at);
        let end = at + c.len_utf8();
        match out.last_mut() {
            Some((range, f, l)) if *f == font && *l == lvl => range.end = end,
            _ => out.push((at..end, font, lvl)),
        }
    }
    out
}

/// A combining mark (a vowel sign, an accent written after its letter).
fn is_mark(c: char) -> bool {
    use unicode_general_category::{get_general_category, GeneralCategory as G};
    matches!(
        get_general_category(c),
        G::NonspacingMark | G::SpacingMark | G::EnclosingMark
    )
}

thread_local! {
    /// Whether this thread lays out right-to-left paragraphs (see [`Direction`]).
    static RTL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

thread_local! {
    /// The hyphenation patterns of this thread's paragraphs (see [`Hyphenation`]).
    static HYPHENATION: std::cell::Cell<Option<hypher::Lang>> =
        const { std::cell::Cell::new(Some(hypher::Lang::English)) };
}

/// The patterns justified paragraphs on this thread are hyphenated with
/// (English unless a [`Hyphenation`] says otherwise); None: not hyphenated.
pub fn hyphenation() -> Option<hypher::Lang> {
    HYPHENATION.with(|h| h.get())
}

/// While it lives, justified paragraphs on this thread are hyphenated with
/// the patterns of one language. Ambient, like [`Direction`]: a document has
/// one language, and work moved to other threads opens it again there.
pub struct Hyphenation {
    before: Option<hypher::Lang>,
}

impl Hyphenation {
    /// Hyphenates with the patterns of the language `tag` (none when hypher has none).
    pub fn for_language(tag: &str) -> Hyphenation {
        Hyphenation::new(linebreak::hyphenation_for(tag))
    }

    /// Hyphenates with `lang`, or not at all, until dropped.
    pub fn new(lang: Option<hypher::Lang>) -> Hyphenation {
        Hyphenation {
            before: HYPHENATION.with(|h| h.replace(lang)),
        }
    }
}

impl Drop for Hyphenation {
    fn drop(&mut self) {
        HYPHENATION.with(|h| h.set(self.before));
    }
}

/// True while a right-to-left [`Direction`] is open on this thread.
pub fn rtl() -> bool {
    RTL.with(|r| r.get())
}

/// While it lives, paragraphs on this thread are right to left (or left to
/// right): the base direction of the bidirectional algorithm, and the side
/// lines start from.
///
/// A right-to-left document is laid out as its left-to-right mirror image
/// and turned round by [`super::frame::Document::mirror`]: boxes, indents,
/// list markers, table columns, page numbers and the binding all follow.
/// So that the glyphs are not mirrored with them, [`set_line`] places each
/// line's runs mirrored within the line, which the page mirror undoes. Like
/// the font set, the direction is ambient because a document has one; work
/// that moves to other threads opens it again there.
pub struct Direction {
    before: bool,
}

impl Direction {
    /// Lays out right to left on this thread when `rtl`, until dropped.
    pub fn new(rtl: bool) -> Direction {
        Direction {
            before: RTL.with(|r| r.replace(rtl)),
        }
    }
}

impl Drop for Direction {
    fn drop(&mut self) {
        RTL.with(|r| r.set(self.before));
    }
}

/// The order in which to show items of the given levels, left to right
/// (rule L2 of UAX #9: from the highest level down to the lowest odd one,
/// reverse every stretch at that level or above).
fn visual_order(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let Some(&max) = levels.iter().max() else {
        return order;
    };
    let Some(lowest_odd) = levels.iter().map(|l| l | 1).min() else {
        return order;
    };
    let mut level = max;
    while level >= lowest_odd && level > 0 {
        let mut i = 0;
        while i < order.len() {
            if levels[order[i]] >= level {
                let start = i;
                while i < order.len() && levels[order[i]] >= level {
                    i += 1;
                }
                order[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
    order
}

/// Sets the items `start..=end` as one line; `end` is the break.
fn set_line(
    items: &[BreakItem],
    start: usize,
    end: usize,
    measure: Pt,
    align: Align,
    last: bool,
) -> Line {
    // Glue and penalties at the start of a line vanish; so does the glue the line breaks at.
    let mut first = start;
    while first < end && !matches!(items[first], BreakItem::Box { .. }) {
        first += 1;
    }
    let mut parts: Vec<(Piece, bool)> = Vec::new(); // (piece, is_glue)
    for item in &items[first..end] {
        match item {
            BreakItem::Box { piece, .. } => parts.push((piece.clone(), false)),
            BreakItem::Glue { piece: Some(p), .. } => parts.push((p.clone(), true)),
            _ => {}
        }
    }
    let mut hyphenated = false;
    if let BreakItem::Penalty {
        piece: Some(hyphen),
        ..
    } = &items[end]
    {
        parts.push((hyphen.clone(), false));
        hyphenated = true;
    }
    // Glue at the very end of the line (before a forced break) does not count.
    while parts.last().is_some_and(|(_, g)| *g) {
        parts.pop();
    }
    // Pieces in the order they show, left to right, and each glue's stretch
    // kept with its piece.
    let glue_of: Vec<Option<usize>> = {
        let mut g = 0;
        parts
            .iter()
            .map(|(_, is_glue)| {
                is_glue.then(|| {
                    g += 1;
                    g - 1
                })
            })
            .collect()
    };
    let bidi = parts.iter().any(|(p, _)| p.level > 0);
    let order: Vec<usize> = if bidi {
        visual_order(&parts.iter().map(|(p, _)| p.level).collect::<Vec<_>>())
    } else {
        (0..parts.len()).collect()
    };
    let natural: Pt = parts.iter().map(|(p, _)| p.width()).sum();
    let glue: Vec<(Pt, Pt, Pt)> = items[first..end]
        .iter()
        .filter_map(|i| match i {
            BreakItem::Glue {
                width,
                stretch,
                shrink,
                piece: Some(_),
            } => Some((*width, *stretch, *shrink)),
            _ => None,
        })
        .take(parts.iter().filter(|(_, g)| *g).count())
        .collect();
    let stretch: Pt = glue.iter().map(|g| g.1).sum();
    let shrink: Pt = glue.iter().map(|g| g.2).sum();
    let slack = measure - natural;
    let ratio = if align != Align::Justify || (last && slack > Pt::ZERO) {
        0.0
    } else if slack > Pt::ZERO {
        if stretch > Pt::ZERO {
            slack.0 / stretch.0
        } else {
            0.0
        }
    } else if shrink > Pt::ZERO {
        (slack.0 / shrink.0).max(-1.0)
    } else {
        0.0
    };
    // A right-to-left line starts at the right: lay it out so, then mirror
    // it within the measure for the page mirror to turn round (see `Direction`).
    let mirrored = rtl();
    let start_side = match (align, mirrored) {
        // A stretched line fills the measure; only the last one is short.
        (Align::Justify, true) if ratio != 0.0 => Align::Justify,
        (Align::Left | Align::Justify, true) => Align::Right,
        (Align::Right, true) => Align::Left,
        (a, _) => a,
    };
    let mut x = match start_side {
        Align::Center => slack.max(Pt::ZERO) / 2.0,
        Align::Right => slack.max(Pt::ZERO),
        _ => Pt::ZERO,
    };
    let mut runs: Vec<Run> = Vec::new();
    let (mut ascent, mut descent) = (Pt::ZERO, Pt::ZERO);
    let mut parts: Vec<Option<(Piece, bool)>> = parts.into_iter().map(Some).collect();
    for i in order {
        let Some((mut piece, is_glue)) = parts[i].take() else {
            continue;
        };
        if is_glue {
            let (_, st, sh) = glue[glue_of[i].unwrap_or(0).min(glue.len().saturating_sub(1))];
            let delta = if ratio >= 0.0 { st * ratio } else { sh * ratio };
            if let Some(first) = piece.glyphs.first_mut() {
                first.advance += delta;
            }
        }
        ascent = ascent.max(piece.style.ascent());
        descent = descent.max(piece.style.descent());
        let w = piece.width();
        let rtl = piece.level % 2 == 1;
        let extend = runs.last().is_some_and(|r| {
            r.style == piece.style
                && r.link == piece.link
                && r.rtl == rtl
                && (r.x + r.width() - x).0.abs() < 0.01
        });
        match runs.last_mut() {
            Some(r) if extend => r.glyphs.extend(piece.glyphs),
            _ => runs.push(Run {
                x,
                style: piece.style,
                glyphs: piece.glyphs,
                link: piece.link,
                rtl,
            }),
        }
        x += w;
    }
    // The space a line breaks at is not drawn, but a reader of the text
    // needs it between the line's last word and the next line's first: it
    // goes at the line's end with no width, invisible.
    if let BreakItem::Glue {
        piece: Some(space), ..
    } = &items[end]
    {
        if let (false, Some(glyph)) = (last, space.glyphs.first()) {
            let glyph = Glyph {
                advance: Pt::ZERO,
                ..glyph.clone()
            };
            match runs.last_mut() {
                Some(r) if r.style == space.style && r.link == space.link => r.glyphs.push(glyph),
                _ => runs.push(Run {
                    x,
                    style: space.style,
                    glyphs: vec![glyph],
                    link: space.link.clone(),
                    rtl: space.level % 2 == 1,
                }),
            }
        }
    }
    if mirrored {
        for r in &mut runs {
            r.x = measure - r.x - r.width();
        }
    }
    let width = runs.iter().map(|r| r.x + r.width()).fold(Pt::ZERO, Pt::max);
    Line {
        runs,
        width,
        ascent,
        descent,
        hyphenated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::FontId;
    use crate::pdf::units::Color;

    fn body() -> Style {
        Style::new(FontId::Serif, 11.0, Color::BLACK)
    }

    fn line_text(l: &Line) -> String {
        l.runs
            .iter()
            .flat_map(|r| &r.glyphs)
            .map(|g| g.text.as_str())
            .collect()
    }

    #[test]
    fn no_line_is_wider_than_the_measure() {
        let text = "Being present counts for more than looking polished, practising for more than performing. ".repeat(6);
        for align in [Align::Left, Align::Justify] {
            let lines = break_lines(&[Span::new(text.clone(), body())], Pt(200.0), align);
            assert!(lines.len() > 5);
            for l in &lines {
                assert!(
                    l.width <= Pt(200.01),
                    "{} wide: {}",
                    l.width.0,
                    line_text(l)
                );
            }
        }
    }

    #[test]
    fn lines_keep_every_word_in_order() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let lines = break_lines(&[Span::new(text, body())], Pt(60.0), Align::Left);
        let joined: Vec<String> = lines
            .iter()
            .map(|l| line_text(l).trim_end().to_string())
            .collect();
        assert_eq!(joined.join(" "), text);
    }

    #[test]
    fn justified_lines_fill_the_measure() {
        let text = "Small steady practices beat grand gestures, so pick one ritual and keep it for thirty days. ".repeat(4);
        let lines = break_lines(&[Span::new(text, body())], Pt(250.0), Align::Justify);
        let full = lines[..lines.len() - 1]
            .iter()
            .filter(|l| (l.width.0 - 250.0).abs() < 0.5)
            .count();
        assert!(
            full * 2 >= lines.len() - 1,
            "most lines are justified: {full} of {}",
            lines.len() - 1
        );
    }

    #[test]
    fn justified_text_dehyphenates_to_the_source() {
        let text = "Practising imperfection means understanding that vulnerability, \
                    responsibility and accountability grow together, uncomfortably but steadily. "
            .repeat(5);
        let lines = break_lines(
            &[Span::new(text.clone(), body())],
            Pt(160.0),
            Align::Justify,
        );
        let hyphenated = lines.iter().filter(|l| line_text(l).ends_with('-')).count();
        assert!(
            hyphenated > 0,
            "a narrow measure with long words should hyphenate"
        );
        let mut joined = String::new();
        for l in &lines {
            let t = line_text(l);
            match t.strip_suffix('-') {
                Some(head) => joined.push_str(head),
                None => {
                    joined.push_str(t.trim_end());
                    joined.push(' ');
                }
            }
        }
        assert_eq!(joined.trim_end(), text.trim_end());
        for l in &lines[..lines.len() - 1] {
            assert!(
                (l.width.0 - 160.0).abs() < 0.05,
                "justified line is {} wide",
                l.width.0
            );
        }
    }

    /// The widest word space of a paragraph's justified lines, in points.
    fn widest_space(text: &str, lang: &str, measure: f32) -> f32 {
        let _h = Hyphenation::for_language(lang);
        let lines = break_lines(&[Span::new(text, body())], Pt(measure), Align::Justify);
        let mut widest: f32 = 0.0;
        for l in &lines[..lines.len() - 1] {
            let glyphs = l.runs.iter().flat_map(|r| &r.glyphs);
            let spaces = glyphs.clone().filter(|g| g.text == " ").count();
            let ink: f32 = glyphs.filter(|g| g.text != " ").map(|g| g.advance.0).sum();
            if spaces > 0 {
                widest = widest.max((measure - ink) / spaces as f32);
            }
        }
        widest
    }

    #[test]
    fn german_and_french_justify_evenly_with_their_own_patterns() {
        let de = "Die Schlafenszeit verschiebt sich unmerklich, wenn Gewohnheiten nachlassen. \
                  Regelmäßige Aufstehzeiten stabilisieren die Körperuhr zuverlässiger als \
                  ausgedehnte Wochenendverschnaufpausen, und Entspannungsübungen erleichtern \
                  das Einschlafen erheblich, besonders nach anstrengenden Arbeitstagen.";
        let fr = "Les recommandations concernant l'endormissement insistent particulièrement \
                  sur la régularité: se lever quotidiennement à heure fixe transforme \
                  progressivement l'organisation nocturne, indépendamment des circonstances \
                  professionnelles, familiales ou personnelles.";
        for (text, lang) in [(de, "de"), (fr, "fr")] {
            let own = widest_space(text, lang, 320.0);
            let english = widest_space(text, "en", 320.0);
            eprintln!("{lang}: widest space {own:.2} pt with its own patterns, {english:.2} pt with English ones");
            assert!(own <= english, "{lang}: {own} > {english}");
            // No river: no space much wider than 1.5 times its natural width (about 2.7 pt).
            assert!(own < 4.5, "{lang}: {own}");
        }
    }

    #[test]
    fn a_passage_marked_with_a_language_is_hyphenated_with_its_patterns() {
        let text = "Schlafenszeit Schlafenszeit Schlafenszeit Schlafenszeit Schlafenszeit";
        let cut = |lang: Option<&str>| {
            let style = Style {
                lang: lang.and_then(Style::lang_code),
                ..body()
            };
            let lines = break_lines(&[Span::new(text, style)], Pt(118.0), Align::Justify);
            lines.iter().map(line_text).collect::<Vec<_>>().join("|")
        };
        // In an English document: English patterns, unless the passage is German.
        let english = cut(None);
        let german = cut(Some("de"));
        assert!(english.contains("Schlafen-|"), "{english}");
        assert!(!german.contains("Schlafen-|"), "{german}");
        assert!(
            german.contains("Schla-|") || german.contains("Schlafens-|"),
            "{german}"
        );
    }

    #[test]
    fn thai_breaks_between_words_only() {
        // "I like to eat Thai food", five words and no space.
        let text = "ฉันชอบกินอาหารไทย";
        let words = ["ฉัน", "ชอบ", "กิน", "อาหาร", "ไทย"];
        let mut bounds = vec![0];
        for w in words {
            bounds.push(bounds.last().unwrap() + w.len());
        }
        let found: Vec<usize> = opportunities(text).iter().map(|(p, _)| *p).collect();
        assert!(found.len() > 2, "{found:?}");
        for p in &found {
            assert!(
                bounds.contains(p),
                "a break inside a word at {p}: {found:?}"
            );
        }
        // Set narrow, every line is whole words.
        let lines = break_lines(&[Span::new(text, body())], Pt(40.0), Align::Left);
        assert!(lines.len() > 1);
        for l in &lines {
            let t = line_text(l);
            assert!(words.iter().any(|w| t.starts_with(w)), "{t}");
        }
    }

    #[test]
    fn chinese_and_japanese_break_between_characters_and_are_never_hyphenated() {
        let text = "体内時計は、寝る時刻ではなく起きる時刻で整います。土曜日にも守れる時刻を選びましょう。";
        let _h = Hyphenation::for_language("ja");
        let lines = break_lines(&[Span::new(text, body())], Pt(100.0), Align::Justify);
        assert!(lines.len() > 3);
        let joined: String = lines.iter().map(line_text).collect();
        assert_eq!(joined, text, "no hyphen added, nothing lost");
        for l in &lines[1..] {
            let t = line_text(l);
            assert!(
                !t.starts_with(['、', '。', '」', '）']),
                "a line starts with {t}"
            );
        }
    }

    #[test]
    fn ragged_text_is_not_hyphenated() {
        let text = "Practising imperfection means understanding vulnerability. ".repeat(5);
        let lines = break_lines(&[Span::new(text, body())], Pt(160.0), Align::Left);
        assert!(lines.iter().all(|l| !line_text(l).ends_with('-')));
    }

    #[test]
    fn visual_order_reverses_right_to_left_stretches() {
        assert_eq!(visual_order(&[0, 1, 1, 0]), vec![0, 2, 1, 3]);
        // English (level 2) inside Arabic (level 1) keeps its own order.
        assert_eq!(visual_order(&[1, 2, 2, 1]), vec![3, 1, 2, 0]);
        assert_eq!(visual_order(&[0, 0]), vec![0, 1]);
    }

    #[test]
    fn an_arabic_name_in_an_english_line_is_set_right_to_left_in_its_own_face() {
        let lines = break_lines(&[Span::new("Ask محمد now", body())], Pt(400.0), Align::Left);
        let runs = &lines[0].runs;
        let arabic = runs.iter().find(|r| r.rtl).expect("an Arabic run");
        assert!(matches!(arabic.style.font, FontId::Fallback(_)));
        // Drawn right to left: the last letter first.
        let drawn: String = arabic.glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(drawn.trim(), "دمحم");
        // The English words stay on either side, in order.
        let text = line_text(&lines[0]);
        assert!(text.starts_with("Ask ") && text.ends_with("now"), "{text}");
    }

    #[test]
    fn right_to_left_lines_start_from_the_right() {
        let text = "نلتقي مرة في الأسبوع كمجموعة";
        let ltr = break_lines(&[Span::new(text, body())], Pt(400.0), Align::Left);
        let rtl = {
            let _d = Direction::new(true);
            break_lines(&[Span::new(text, body())], Pt(400.0), Align::Left)
        };
        // Laid out as the mirror image the page mirror turns round: the line
        // starts at 0, and its runs are mirrored within the measure.
        assert!((ltr[0].width - rtl[0].width).0.abs() < 0.01);
        assert!(rtl[0].runs.iter().all(|r| r.rtl));
        let mut page = crate::pdf::frame::Document {
            title: String::new(),
            author: String::new(),
            subject: String::new(),
            language: "ar".into(),
            pages: vec![crate::pdf::frame::Page::new(crate::pdf::units::Size {
                w: Pt(500.0),
                h: Pt(100.0),
            })],
            outline: Vec::new(),
            anchors: Vec::new(),
            labels: Vec::new(),
            fonts: 0,
        };
        page.pages[0].items = crate::pdf::flow::text_items(
            &rtl[0],
            crate::pdf::units::Point::new(Pt(50.0), Pt(50.0)),
        );
        page.mirror();
        let right = page.pages[0]
            .items
            .iter()
            .map(|i| i.bounds().x + i.bounds().w)
            .fold(Pt::ZERO, Pt::max);
        assert!(
            (right.0 - 450.0).abs() < 0.01,
            "ends at the right margin: {}",
            right.0
        );
    }

    #[test]
    fn overlong_words_are_split() {
        let lines = break_lines(&[Span::new("a".repeat(200), body())], Pt(50.0), Align::Left);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| l.width <= Pt(50.01)));
    }
}
