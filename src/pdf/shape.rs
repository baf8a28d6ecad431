//! Shape: styled text into glyphs, and the shaped pieces lines are built from.
//!
//! Shaping uses rustybuzz (kerning, ligatures), with per-thread caches of
//! shaped words and shaping plans. A [`Piece`] is glyphs in one style and
//! link: `linebreak` arranges pieces into lines without shaping anything itself.

use super::fonts::{fonts, FontId};
use super::units::{Color, Pt};
use compact_str::CompactString;
use serde::Serialize;

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Style {
    pub font: FontId,
    pub size: Pt,
    pub color: Color,
    /// A line drawn through the text.
    pub strike: bool,
    /// The language of a passage marked as one (`de`, `fr-CA`, as ASCII,
    /// padded with zeros), whose patterns hyphenate it; None: the document's.
    pub lang: Option<[u8; 8]>,
}

impl Style {
    /// The code [`Style::lang`] keeps for a language tag; None for a tag longer than eight bytes.
    pub fn lang_code(tag: &str) -> Option<[u8; 8]> {
        let mut code = [0u8; 8];
        let bytes = tag.as_bytes();
        (bytes.len() <= 8 && bytes.is_ascii()).then(|| {
            code[..bytes.len()].copy_from_slice(bytes);
            code
        })
    }

    /// A style in the given face, size and colour.
    pub fn new(font: FontId, size: f32, color: Color) -> Style {
        Style {
            font,
            size: Pt(size),
            color,
            strike: false,
            lang: None,
        }
    }

    /// Ascent above the baseline.
    pub fn ascent(&self) -> Pt {
        self.size * fonts().get(self.font).ascent
    }

    /// Descent below the baseline (positive).
    pub fn descent(&self) -> Pt {
        self.size * fonts().get(self.font).descent
    }
}

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum LinkTarget {
    /// A web address.
    Uri(String),
    /// A named place in the same document, resolved to a page when written.
    Anchor(String),
    /// A call to the footnote with this id (see `FlowBlock::Notes`): no link
    /// area, but the flow sets the note at the foot of the page of the line.
    Note(u32),
}

/// One shaped glyph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Glyph {
    /// Glyph id in the face.
    pub gid: u16,
    /// Advance, kerning included.
    pub advance: Pt,
    /// The source text this glyph stands for ("fi" for a ligature); empty for
    /// the later glyphs of a multi-glyph cluster. Held inline (up to 24
    /// bytes), so copying a line of glyphs allocates once, not per glyph.
    pub text: CompactString,
}

/// Glyphs in one style and link: the smallest unit lines are built from.
#[derive(Debug, Clone)]
pub struct Piece {
    pub style: Style,
    pub link: Option<LinkTarget>,
    pub glyphs: Vec<Glyph>,
    /// Its embedding level in the bidirectional algorithm: even left to
    /// right, odd right to left (its glyphs are in visual order either way).
    pub level: u8,
}

impl Piece {
    /// `text` shaped in `style`.
    pub fn shaped(text: &str, style: Style, link: Option<LinkTarget>) -> Piece {
        Piece {
            style,
            link,
            glyphs: shape(text, &style),
            level: 0,
        }
    }

    /// The advance width of the glyphs.
    pub fn width(&self) -> Pt {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// A shaped glyph in font units: id, advance, and byte range of its cluster.
type Unscaled = (u16, i32, usize, usize);

/// Shaped words per font set, face and direction, then per text (two levels, so a lookup needs no owned key).
type ShapeCache = std::cell::RefCell<
    std::collections::HashMap<
        (u16, FontId, Option<bool>),
        std::collections::HashMap<String, std::rc::Rc<[Unscaled]>>,
    >,
>;

/// Shaping plans per face, script and direction.
type PlanCache = std::cell::RefCell<
    std::collections::HashMap<
        (u16, FontId, rustybuzz::Script, rustybuzz::Direction),
        std::rc::Rc<rustybuzz::ShapePlan>,
    >,
>;

thread_local! {
    /// Shaping results per face and text. Words repeat a lot in a book, and
    /// shaping is the costliest step of layout; the cache is per thread so
    /// parallel builds never contend or change each other's results.
    static SHAPED: ShapeCache = Default::default();
    /// `rustybuzz::shape` compiles a plan from the font's feature tables on
    /// every call; a plan depends only on face, script and direction, so each
    /// is compiled once per thread.
    static PLANS: PlanCache = Default::default();
}

/// Shapes `text` in one style, in the direction its script has.
pub fn shape(text: &str, style: &Style) -> Vec<Glyph> {
    shape_in(text, style, None)
}

/// Shapes `text` in one style, right to left when `rtl` says so (a run of
/// the bidirectional algorithm), else in the direction its script has.
///
/// Right-to-left glyphs come out in visual order, left to right on the
/// page, each still carrying the text of its own cluster.
pub fn shape_in(text: &str, style: &Style, rtl: Option<bool>) -> Vec<Glyph> {
    let set = fonts();
    let face = set.get(style.font);
    let font = (set.id, style.font, rtl);
    let unscaled = SHAPED.with(|cache| {
        if let Some(hit) = cache.borrow().get(&font).and_then(|words| words.get(text)) {
            return hit.clone();
        }
        let shaped = shape_unscaled(text, style.font, rtl);
        let mut cache = cache.borrow_mut();
        let words = cache.entry(font).or_default();
        if words.len() > 200_000 {
            words.clear(); // bound memory on very large inputs
        }
        words.insert(text.to_string(), shaped.clone());
        shaped
    });
    let scale = style.size.0 / face.upem;
    unscaled
        .iter()
        .map(|&(gid, advance, start, end)| Glyph {
            gid,
            advance: Pt(advance as f32 * scale),
            text: CompactString::new(text.get(start..end).unwrap_or("")),
        })
        .collect()
}

/// Runs the shaper; the later glyphs of a multi-glyph cluster get an empty text range.
fn shape_unscaled(text: &str, font: FontId, rtl: Option<bool>) -> std::rc::Rc<[Unscaled]> {
    let set = fonts();
    let face = set.get(font);
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    match rtl {
        Some(true) => buffer.set_direction(rustybuzz::Direction::RightToLeft),
        Some(false) => buffer.set_direction(rustybuzz::Direction::LeftToRight),
        None => {}
    }
    let key = (set.id, font, buffer.script(), buffer.direction());
    let plan = PLANS.with(|plans| {
        plans
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| {
                std::rc::Rc::new(rustybuzz::ShapePlan::new(
                    &face.shaper,
                    key.3,
                    Some(key.2),
                    buffer.language().as_ref(),
                    &[],
                ))
            })
            .clone()
    });
    let out = rustybuzz::shape_with_plan(&face.shaper, &plan, buffer);
    let infos = out.glyph_infos();
    let positions = out.glyph_positions();
    // A cluster's text runs to the next cluster in the text, which in
    // right-to-left output is the glyph before it, not after.
    let mut starts: Vec<u32> = infos.iter().map(|g| g.cluster).collect();
    starts.sort_unstable();
    starts.dedup();
    let rtl = key.3 == rustybuzz::Direction::RightToLeft;
    let mut glyphs: Vec<Unscaled> = infos
        .iter()
        .zip(positions)
        .map(|(info, pos)| (info.glyph_id as u16, pos.x_advance, 0, 0))
        .collect();
    let mut i = 0;
    while i < infos.len() {
        let cluster = infos[i].cluster;
        let mut j = i;
        while j < infos.len() && infos[j].cluster == cluster {
            j += 1;
        }
        let start = cluster as usize;
        let end = match starts.binary_search(&cluster) {
            Ok(k) => starts.get(k + 1).map(|&c| c as usize),
            Err(_) => None,
        }
        .unwrap_or(text.len());
        // The cluster's glyphs in reading order (right-to-left output has them reversed).
        let mut members: Vec<usize> = (i..j).collect();
        if rtl {
            members.reverse();
        }
        let chars: Vec<(usize, char)> = text
            .get(start..end)
            .unwrap_or("")
            .char_indices()
            .map(|(k, c)| (start + k, c))
            .collect();
        if chars.len() == members.len() && members.len() > 1 {
            // As many glyphs as letters (a letter and its mark): one each.
            for (g, (at, c)) in members.iter().zip(&chars) {
                glyphs[*g].2 = *at;
                glyphs[*g].3 = at + c.len_utf8();
            }
        } else if let Some(&first) = members.first() {
            // A ligature or a reordered cluster: its first glyph in reading
            // order stands for all of it, the others for nothing.
            glyphs[first].2 = start;
            glyphs[first].3 = end;
        }
        i = j;
    }
    glyphs.into()
}

/// The width of `text` set in `style`.
pub fn width(text: &str, style: &Style) -> Pt {
    shape(text, style).iter().map(|g| g.advance).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body() -> Style {
        Style::new(FontId::Serif, 11.0, Color::BLACK)
    }

    #[test]
    fn shaping_keeps_source_text_and_makes_ligatures() {
        let g = shape("office", &body());
        let text: String = g.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "office");
        assert!(
            g.len() < 6,
            "ffi or fi should form a ligature in Vollkorn: {} glyphs",
            g.len()
        );
    }

    #[test]
    fn arabic_is_joined_and_keeps_its_text_in_visual_order() {
        let arabic = crate::pdf::fonts::fallback_for('م').unwrap();
        let style = Style::new(arabic, 11.0, Color::BLACK);
        let word = "محمد";
        let glyphs = shape_in(word, &style, Some(true));
        // Visual order is the reverse of the text, cluster by cluster.
        let visual: String = glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(visual.chars().rev().collect::<String>(), word);
        // Joined forms: the letters in a word are not their isolated glyphs.
        let apart: Vec<u16> = word
            .chars()
            .map(|c| shape_in(&c.to_string(), &style, Some(true))[0].gid)
            .collect();
        let joined: Vec<u16> = glyphs.iter().rev().map(|g| g.gid).collect();
        assert_ne!(apart, joined);
        assert!(glyphs.iter().all(|g| g.gid != 0));
    }

    #[test]
    fn width_scales_with_size_and_kerning_is_applied() {
        let small = width("AVATAR", &body());
        let big = width("AVATAR", &Style::new(FontId::Serif, 22.0, Color::BLACK));
        assert!(
            (big.0 - small.0 * 2.0).abs() < 0.01,
            "{} vs {}",
            big.0,
            small.0
        );
        let apart: Pt = "AVATAR"
            .chars()
            .map(|c| width(&c.to_string(), &body()))
            .sum();
        assert!(
            small < apart,
            "kerning pulls A and V together: {} >= {}",
            small.0,
            apart.0
        );
    }
}
