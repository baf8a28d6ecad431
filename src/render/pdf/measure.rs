//! Measure: shapes styled text into glyphs and breaks it into lines.
//!
//! Shaping uses rustybuzz (kerning, ligatures); break opportunities follow
//! Unicode's line-breaking rules (UAX #14). Lines are filled greedily and
//! justified where the block asks for it; words longer than a line are split
//! between characters so no line is ever wider than its measure.

use super::fonts::{fonts, FontId};
use super::units::{Color, Pt};
use serde::Serialize;
use unicode_linebreak::{linebreaks, BreakOpportunity};

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Style {
    pub font: FontId,
    pub size: Pt,
    pub color: Color,
}

impl Style {
    /// A style in the given face and size, in ink.
    pub fn new(font: FontId, size: f32) -> Style {
        Style {
            font,
            size: Pt(size),
            color: Color::Ink,
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
pub enum Link {
    /// A web address.
    Uri(String),
    /// A named place in the same document, resolved to a page when written.
    Anchor(String),
}

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: Style,
    pub link: Option<Link>,
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

/// One shaped glyph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Glyph {
    /// Glyph id in the face.
    pub gid: u16,
    /// Advance, kerning included.
    pub advance: Pt,
    /// The source text this glyph stands for ("fi" for a ligature); empty for
    /// the later glyphs of a multi-glyph cluster.
    pub text: String,
}

/// Shapes `text` in one style.
pub fn shape(text: &str, style: &Style) -> Vec<Glyph> {
    let face = fonts().get(style.font);
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    let out = rustybuzz::shape(&face.shaper, &[], buffer);
    let infos = out.glyph_infos();
    let positions = out.glyph_positions();
    let scale = style.size.0 / face.upem;
    let mut glyphs = Vec::with_capacity(infos.len());
    for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let start = info.cluster as usize;
        let first_of_cluster = i == 0 || infos[i - 1].cluster != info.cluster;
        let end = infos[i..]
            .iter()
            .find(|g| g.cluster != info.cluster)
            .map(|g| g.cluster as usize)
            .unwrap_or(text.len());
        glyphs.push(Glyph {
            gid: info.glyph_id as u16,
            advance: Pt(pos.x_advance as f32 * scale),
            text: if first_of_cluster {
                text.get(start..end).unwrap_or("").to_string()
            } else {
                String::new()
            },
        });
    }
    glyphs
}

/// The width of `text` set in `style`.
pub fn width(text: &str, style: &Style) -> Pt {
    shape(text, style).iter().map(|g| g.advance).sum()
}

/// Glyphs in one style, placed at `x` from the line start.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    pub x: Pt,
    pub style: Style,
    pub glyphs: Vec<Glyph>,
    pub link: Option<Link>,
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
}

/// How lines sit in their measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Justify,
    Center,
    Right,
}

/// A piece of a word: text in one style.
#[derive(Debug, Clone)]
struct Piece {
    style: Style,
    link: Option<Link>,
    glyphs: Vec<Glyph>,
    /// Glyphs of trailing spaces, dropped at the end of a line.
    space: Vec<Glyph>,
}

/// Text between two break opportunities.
#[derive(Debug, Clone)]
struct Word {
    pieces: Vec<Piece>,
    mandatory_after: bool,
}

impl Word {
    fn width(&self) -> Pt {
        self.pieces
            .iter()
            .flat_map(|p| &p.glyphs)
            .map(|g| g.advance)
            .sum()
    }

    fn space(&self) -> Pt {
        self.pieces
            .last()
            .map(|p| p.space.iter().map(|g| g.advance).sum())
            .unwrap_or(Pt::ZERO)
    }
}

/// Breaks styled spans into lines no wider than `measure`.
pub fn break_lines(spans: &[Span], measure: Pt, align: Align) -> Vec<Line> {
    let words = words(spans);
    let mut lines = Vec::new();
    let mut current: Vec<Word> = Vec::new();
    let mut used = Pt::ZERO;
    for word in words
        .into_iter()
        .flat_map(|w| split_if_too_wide(w, measure))
    {
        let w = word.width();
        if !current.is_empty() && used + w > measure + Pt(0.01) {
            lines.push(set_line(
                std::mem::take(&mut current),
                measure,
                align,
                false,
            ));
            used = Pt::ZERO;
        }
        used += w + word.space();
        let mandatory = word.mandatory_after;
        current.push(word);
        if mandatory {
            lines.push(set_line(std::mem::take(&mut current), measure, align, true));
            used = Pt::ZERO;
        }
    }
    if !current.is_empty() {
        lines.push(set_line(current, measure, align, true));
    }
    lines
}

/// Cuts text into words at Unicode break opportunities and shapes each piece.
fn words(spans: &[Span]) -> Vec<Word> {
    let mut text = String::new();
    let mut starts = Vec::new();
    for s in spans {
        starts.push(text.len());
        text.push_str(&s.text);
    }
    let mut words = Vec::new();
    let mut from = 0;
    for (at, kind) in linebreaks(&text) {
        // The end of the text is always reported as mandatory; it is not a forced break.
        let mandatory = kind == BreakOpportunity::Mandatory && at < text.len();
        let mut pieces = Vec::new();
        for (i, s) in spans.iter().enumerate() {
            let (s0, s1) = (starts[i], starts[i] + s.text.len());
            let (a, b) = (from.max(s0), at.min(s1));
            if a >= b {
                continue;
            }
            let chunk = &text[a..b];
            let body = chunk.trim_end();
            let trailing = &chunk[body.len()..];
            let trailing_spaces: String = trailing
                .chars()
                .filter(|c| *c == ' ' || *c == '\u{a0}')
                .collect();
            pieces.push(Piece {
                style: s.style,
                link: s.link.clone(),
                glyphs: if body.is_empty() {
                    Vec::new()
                } else {
                    shape(body, &s.style)
                },
                space: if trailing_spaces.is_empty() {
                    Vec::new()
                } else {
                    shape(&trailing_spaces, &s.style)
                },
            });
        }
        if !pieces.is_empty() {
            words.push(Word {
                pieces,
                mandatory_after: mandatory,
            });
        }
        from = at;
    }
    words
}

/// Splits a word wider than the measure between glyphs, so nothing overflows.
fn split_if_too_wide(word: Word, measure: Pt) -> Vec<Word> {
    if word.width() <= measure {
        return vec![word];
    }
    let mut out = Vec::new();
    let mut cur = Word {
        pieces: Vec::new(),
        mandatory_after: false,
    };
    let mut used = Pt::ZERO;
    for piece in word.pieces {
        let empty = Piece {
            glyphs: Vec::new(),
            space: Vec::new(),
            style: piece.style,
            link: piece.link.clone(),
        };
        let mut part = empty.clone();
        for g in piece.glyphs {
            if used + g.advance > measure && (used > Pt::ZERO) {
                if !part.glyphs.is_empty() {
                    cur.pieces.push(std::mem::replace(&mut part, empty.clone()));
                }
                out.push(std::mem::replace(
                    &mut cur,
                    Word {
                        pieces: Vec::new(),
                        mandatory_after: false,
                    },
                ));
                used = Pt::ZERO;
            }
            used += g.advance;
            part.glyphs.push(g);
        }
        part.space = piece.space;
        cur.pieces.push(part);
    }
    cur.mandatory_after = word.mandatory_after;
    out.push(cur);
    out
}

/// Places the words of one line.
fn set_line(words: Vec<Word>, measure: Pt, align: Align, last: bool) -> Line {
    let n = words.len();
    let natural: Pt = words
        .iter()
        .enumerate()
        .map(|(i, w)| w.width() + if i + 1 < n { w.space() } else { Pt::ZERO })
        .sum();
    let slack = (measure - natural).max(Pt::ZERO);
    let gaps = words[..n.saturating_sub(1)]
        .iter()
        .filter(|w| w.space() > Pt::ZERO)
        .count();
    let normal_space = words.first().map(|w| w.space()).unwrap_or(Pt::ZERO);
    // Stretch spaces up to 2.5× when justifying; beyond that a ragged line reads better.
    let stretch = if align == Align::Justify
        && !last
        && gaps > 0
        && slack / gaps as f32 <= normal_space * 1.5 + Pt(2.0)
    {
        slack / gaps as f32
    } else {
        Pt::ZERO
    };
    let mut x = match align {
        Align::Center => slack / 2.0,
        Align::Right => slack,
        _ => Pt::ZERO,
    };
    let mut runs: Vec<Run> = Vec::new();
    let (mut ascent, mut descent) = (Pt::ZERO, Pt::ZERO);
    for (i, word) in words.into_iter().enumerate() {
        let is_last = i + 1 == n;
        let pieces = word.pieces.len();
        for (j, piece) in word.pieces.into_iter().enumerate() {
            ascent = ascent.max(piece.style.ascent());
            descent = descent.max(piece.style.descent());
            let mut glyphs = piece.glyphs;
            let keep_space = !(is_last && j + 1 == pieces);
            if keep_space {
                let mut space = piece.space;
                // Justification widens the word space itself, so runs stay whole.
                if j + 1 == pieces {
                    if let Some(last) = space.last_mut() {
                        last.advance += stretch;
                    }
                }
                glyphs.extend(space);
            }
            if glyphs.is_empty() {
                continue;
            }
            let w: Pt = glyphs.iter().map(|g| g.advance).sum();
            let extend = runs.last().is_some_and(|r| {
                r.style == piece.style
                    && r.link == piece.link
                    && (r.x + r.width() - x).0.abs() < 0.01
            });
            if extend {
                if let Some(r) = runs.last_mut() {
                    r.glyphs.extend(glyphs);
                }
            } else {
                runs.push(Run {
                    x,
                    style: piece.style,
                    glyphs,
                    link: piece.link,
                });
            }
            x += w;
        }
    }
    let width = runs.last().map(|r| r.x + r.width()).unwrap_or(Pt::ZERO);
    Line {
        runs,
        width,
        ascent,
        descent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body() -> Style {
        Style::new(FontId::Serif, 11.0)
    }

    fn line_text(l: &Line) -> String {
        l.runs
            .iter()
            .flat_map(|r| &r.glyphs)
            .map(|g| g.text.as_str())
            .collect()
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
    fn overlong_words_are_split() {
        let lines = break_lines(&[Span::new("a".repeat(200), body())], Pt(50.0), Align::Left);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| l.width <= Pt(50.01)));
    }
}
