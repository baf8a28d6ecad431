//! Paragraph breaking: boxes, glue and penalties, broken first-fit or by
//! Knuth and Plass's total-fit method, hyphenated with the patterns of the
//! text's language.
//!
//! Works on pieces that are already shaped and never shapes text itself: the
//! glyphs of a hyphen are handed in by the caller. Written here because no
//! maintained crate breaks pre-shaped, multi-style text into lines this way;
//! hyphenation points come from `hypher`.

use super::shape::{Glyph, Piece, Style};
use super::units::Pt;

/// A word as measured: its shaped pieces, the space after it, and whether a
/// forced line break follows.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub(crate) pieces: Vec<Piece>,
    pub(crate) space: Option<Piece>,
    pub(crate) forced: bool,
}

/// The stuff paragraphs are made of, in Knuth and Plass's terms.
#[derive(Debug, Clone)]
pub(crate) enum BreakItem {
    /// Something that cannot be broken or stretched.
    Box { width: Pt, piece: Piece },
    /// A space that can stretch and shrink and where a line may break.
    Glue {
        width: Pt,
        stretch: Pt,
        shrink: Pt,
        piece: Option<Piece>,
    },
    /// A possible break with a cost; `piece` is set (a hyphen) if the break adds one.
    Penalty {
        width: Pt,
        cost: f32,
        flagged: bool,
        piece: Option<Piece>,
    },
}

/// Cost of a forced break.
const FORCED: f32 = -10_000.0;
/// Cost of breaking at a hyphen.
const HYPHEN_COST: f32 = 50.0;
/// Extra demerits for two hyphenated lines in a row.
const DOUBLE_HYPHEN: f32 = 3000.0;
/// Stretch that is, in practice, infinite (ends of paragraphs).
const FIL: Pt = Pt(100_000.0);

/// True for a forced break.
pub(crate) fn is_forced(item: &BreakItem) -> bool {
    matches!(item, BreakItem::Penalty { cost, .. } if *cost <= FORCED)
}

/// The glyphs of a hyphen in a style: how a hyphenated line ends.
pub(crate) type Hyphen<'a> = &'a dyn Fn(&Style) -> Vec<Glyph>;

/// Turns words into items: hyphenation points (when `hyphen` is given) as
/// flagged penalties that add the hyphen, spaces as glue, and emergency
/// breaks inside anything wider than the measure.
/// What ending a line where there is no space costs (see `items`).
const SPACELESS_BREAK_COST: f32 = 50.0;

pub(crate) fn items(
    words: &[Word],
    measure: Pt,
    hyphen: Option<(Hyphen, Option<hypher::Lang>)>,
) -> Vec<BreakItem> {
    let mut out = Vec::new();
    for word in words {
        let segments = match hyphen {
            Some((_, lang)) => syllables(&word.pieces, lang),
            None => vec![word.pieces.clone()],
        };
        for (k, segment) in segments.into_iter().enumerate() {
            if let (true, Some((glyphs_of, _))) = (k > 0, hyphen) {
                let style = segment[0].style;
                let hyphen = Piece {
                    style,
                    link: segment[0].link.clone(),
                    glyphs: glyphs_of(&style),
                    level: segment[0].level,
                };
                out.push(BreakItem::Penalty {
                    width: hyphen.width(),
                    cost: HYPHEN_COST,
                    flagged: true,
                    piece: Some(hyphen),
                });
            }
            for piece in segment {
                push_box(piece, measure, &mut out);
            }
        }
        if let Some(space) = &word.space {
            let w = space.width();
            out.push(BreakItem::Glue {
                width: w,
                stretch: w * 0.6,
                shrink: w * 0.35,
                piece: Some(space.clone()),
            });
        }
        if word.forced {
            push_forced_break(&mut out);
        } else if word.space.is_none() {
            // A break opportunity without a space (after `/` or `-` in an
            // address, say): the line may end here, at a small cost.
            out.push(BreakItem::Penalty {
                width: Pt::ZERO,
                cost: SPACELESS_BREAK_COST,
                flagged: false,
                piece: None,
            });
        }
    }
    push_forced_break(&mut out);
    out
}

/// Fills the rest of the line with space and breaks: a hard line break, or the paragraph's end.
fn push_forced_break(out: &mut Vec<BreakItem>) {
    out.push(BreakItem::Glue {
        width: Pt::ZERO,
        stretch: FIL,
        shrink: Pt::ZERO,
        piece: None,
    });
    out.push(BreakItem::Penalty {
        width: Pt::ZERO,
        cost: FORCED,
        flagged: false,
        piece: None,
    });
}

/// A box, or for a piece wider than the measure, boxes of glyphs with free breaks between.
fn push_box(piece: Piece, measure: Pt, out: &mut Vec<BreakItem>) {
    let width = piece.width();
    if width <= measure {
        out.push(BreakItem::Box { width, piece });
        return;
    }
    let empty = Piece {
        glyphs: Vec::new(),
        style: piece.style,
        link: piece.link.clone(),
        level: piece.level,
    };
    let mut chunk = empty.clone();
    for g in piece.glyphs {
        if chunk.width() + g.advance > measure && !chunk.glyphs.is_empty() {
            let full = std::mem::replace(&mut chunk, empty.clone());
            out.push(BreakItem::Box {
                width: full.width(),
                piece: full,
            });
            out.push(BreakItem::Penalty {
                width: Pt::ZERO,
                cost: 0.0,
                flagged: false,
                piece: None,
            });
        }
        chunk.glyphs.push(g);
    }
    out.push(BreakItem::Box {
        width: chunk.width(),
        piece: chunk,
    });
}

/// Splits a one-piece word at its hyphenation points, where a glyph cluster starts there.
fn syllables(pieces: &[Piece], document: Option<hypher::Lang>) -> Vec<Vec<Piece>> {
    let [piece] = pieces else {
        return vec![pieces.to_vec()];
    };
    // A passage marked with a language is hyphenated with its patterns.
    let lang = match piece.style.lang {
        Some(code) => {
            let end = code.iter().position(|b| *b == 0).unwrap_or(code.len());
            hyphenation_for(std::str::from_utf8(&code[..end]).unwrap_or(""))
        }
        None => document,
    };
    let Some(lang) = lang else {
        return vec![pieces.to_vec()];
    };
    // Patterns are for words in Latin, Cyrillic or Greek letters; a word in
    // another script (ideographs count as letters too) is never cut.
    let hyphenable = |c: char| {
        use unicode_script::{Script, UnicodeScript};
        !c.is_alphabetic() || matches!(c.script(), Script::Latin | Script::Cyrillic | Script::Greek)
    };
    if !piece.glyphs.iter().all(|g| g.text.chars().all(hyphenable)) {
        return vec![pieces.to_vec()];
    }
    // Right-to-left glyphs are in visual order, and their scripts are not hyphenated.
    if piece.level % 2 == 1 {
        return vec![pieces.to_vec()];
    }
    let text: String = piece.glyphs.iter().map(|g| g.text.as_str()).collect();
    // Hyphenate only the letters inside surrounding punctuation ("(practice),").
    let lead = text.chars().take_while(|c| !c.is_alphabetic()).count();
    let core: String = text
        .chars()
        .skip(lead)
        .take_while(|c| c.is_alphabetic())
        .collect();
    let core_len = core.chars().count();
    if core_len < 6
        || text
            .chars()
            .skip(lead + core_len)
            .any(|c| c.is_alphabetic())
    {
        return vec![pieces.to_vec()];
    }
    let lower = core.to_lowercase();
    if lower.chars().count() != core_len {
        return vec![pieces.to_vec()];
    }
    let mut cuts = Vec::new();
    let mut at = lead;
    let syllables: Vec<&str> = hypher::hyphenate(&lower, lang).collect();
    for s in &syllables[..syllables.len().saturating_sub(1)] {
        at += s.chars().count();
        cuts.push(at);
    }
    let mut out = Vec::new();
    let mut current = Piece {
        glyphs: Vec::new(),
        ..piece.clone()
    };
    let mut chars = 0;
    for g in &piece.glyphs {
        if cuts.contains(&chars) && !g.text.is_empty() && !current.glyphs.is_empty() {
            out.push(vec![std::mem::replace(
                &mut current,
                Piece {
                    glyphs: Vec::new(),
                    ..piece.clone()
                },
            )]);
        }
        chars += g.text.chars().count();
        current.glyphs.push(g.clone());
    }
    out.push(vec![current]);
    out
}

/// The hyphenation patterns for a BCP 47 language tag (`de-AT` is German,
/// `nb` and `nn` Norwegian); None for a language hypher has none for, or one
/// not hyphenated with a hyphen (Chinese, Japanese, Thai, Arabic).
pub fn hyphenation_for(tag: &str) -> Option<hypher::Lang> {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let code = match primary.as_str() {
        "nb" | "nn" => "no",
        other => other,
    };
    match code.as_bytes() {
        [a, b] => hypher::Lang::from_iso([*a, *b]),
        _ => None,
    }
}

/// Breaks first-fit: each line takes as much as fits. Returns the break indices.
pub(crate) fn first_fit(items: &[BreakItem], measure: Pt) -> Vec<usize> {
    let mut breaks = Vec::new();
    let mut i = 0;
    let mut width = Pt::ZERO;
    let mut last_break: Option<usize> = None;
    let mut line_has_box = false;
    while i < items.len() {
        match &items[i] {
            BreakItem::Box { width: w, .. } => {
                if width + *w > measure + Pt(0.01) && line_has_box {
                    if let Some(b) = last_break.take() {
                        breaks.push(b);
                        i = b + 1;
                        width = Pt::ZERO;
                        line_has_box = false;
                        continue;
                    }
                }
                width += *w;
                line_has_box = true;
            }
            BreakItem::Glue { width: w, .. } => {
                if i > 0 && matches!(items[i - 1], BreakItem::Box { .. }) && line_has_box {
                    last_break = Some(i);
                }
                if line_has_box {
                    width += *w;
                }
            }
            BreakItem::Penalty { width: w, cost, .. } => {
                if *cost <= FORCED {
                    breaks.push(i);
                    width = Pt::ZERO;
                    last_break = None;
                    line_has_box = false;
                } else if line_has_box && width + *w <= measure + Pt(0.01) {
                    last_break = Some(i);
                }
            }
        }
        i += 1;
    }
    breaks
}

/// A feasible break found so far.
#[derive(Debug, Clone)]
struct Node {
    at: usize,
    line: usize,
    fitness: u8,
    flagged: bool,
    /// Sums of width, stretch and shrink from the paragraph start to where the next line starts.
    width: f32,
    stretch: f32,
    shrink: f32,
    demerits: f32,
    prev: Option<usize>,
}

/// Breaks a paragraph by total fit (Knuth and Plass), minimising the sum of
/// demerits over all lines. Returns None when no set of breaks keeps every
/// line within the allowed stretch; the caller then falls back to first fit.
pub(crate) fn total_fit(items: &[BreakItem], measure: Pt) -> Option<Vec<usize>> {
    [1.5, 3.0, 8.0]
        .iter()
        .find_map(|t| total_fit_with(items, measure.0, *t))
}

fn total_fit_with(items: &[BreakItem], measure: f32, tolerance: f32) -> Option<Vec<usize>> {
    // Running sums before each item.
    let (mut sw, mut sy, mut sz) = (vec![0.0f32], vec![0.0f32], vec![0.0f32]);
    for item in items {
        let (w, y, z) = match item {
            BreakItem::Box { width, .. } => (width.0, 0.0, 0.0),
            BreakItem::Glue {
                width,
                stretch,
                shrink,
                ..
            } => (width.0, stretch.0, shrink.0),
            BreakItem::Penalty { .. } => (0.0, 0.0, 0.0),
        };
        sw.push(sw.last().unwrap_or(&0.0) + w);
        sy.push(sy.last().unwrap_or(&0.0) + y);
        sz.push(sz.last().unwrap_or(&0.0) + z);
    }
    let mut nodes = vec![Node {
        at: 0,
        line: 0,
        fitness: 1,
        flagged: false,
        width: 0.0,
        stretch: 0.0,
        shrink: 0.0,
        demerits: 0.0,
        prev: None,
    }];
    let mut active: Vec<usize> = vec![0];
    for (b, item) in items.iter().enumerate() {
        let (penalty_width, cost, flagged) = match item {
            BreakItem::Glue { .. } if b > 0 && matches!(items[b - 1], BreakItem::Box { .. }) => {
                (0.0, 0.0, false)
            }
            BreakItem::Penalty {
                width,
                cost,
                flagged,
                ..
            } => (width.0, *cost, *flagged),
            _ => continue,
        };
        let mut best: [Option<(f32, usize)>; 4] = [None; 4];
        let mut keep = Vec::with_capacity(active.len());
        for &a in &active {
            let n = &nodes[a];
            let width = sw[b] - n.width + penalty_width;
            let ratio = if width < measure {
                let y = sy[b] - n.stretch;
                if y > 0.0 {
                    (measure - width) / y
                } else {
                    f32::INFINITY
                }
            } else if width > measure {
                let z = sz[b] - n.shrink;
                if z > 0.0 {
                    (measure - width) / z
                } else {
                    f32::NEG_INFINITY
                }
            } else {
                0.0
            };
            if ratio >= -1.0 && cost > FORCED {
                keep.push(a);
            }
            if ratio < -1.0 || ratio > tolerance {
                continue;
            }
            let badness = 100.0 * ratio.abs().powi(3);
            let mut d = (10.0 + badness).powi(2);
            if cost >= 0.0 {
                d += cost * cost;
            } else if cost > FORCED {
                d -= cost * cost;
            }
            if flagged && n.flagged {
                d += DOUBLE_HYPHEN;
            }
            let fitness = match ratio {
                r if r < -0.5 => 0,
                r if r <= 0.5 => 1,
                r if r <= 1.0 => 2,
                _ => 3,
            };
            if (fitness as i8 - n.fitness as i8).abs() > 1 {
                d += 3000.0;
            }
            let total = n.demerits + d;
            let slot = &mut best[fitness as usize];
            if slot.is_none_or(|(t, _)| total < t) {
                *slot = Some((total, a));
            }
        }
        active = keep;
        // The next line starts after the glue and penalties that follow the break.
        let mut next = b + 1;
        if !is_forced(item) {
            while next < items.len()
                && !matches!(items[next], BreakItem::Box { .. })
                && !is_forced(&items[next])
            {
                next += 1;
            }
        }
        for (fitness, slot) in best.iter().enumerate() {
            if let Some((demerits, from)) = slot {
                nodes.push(Node {
                    at: b,
                    line: nodes[*from].line + 1,
                    fitness: fitness as u8,
                    flagged,
                    width: sw[next.min(items.len())],
                    stretch: sy[next.min(items.len())],
                    shrink: sz[next.min(items.len())],
                    demerits: *demerits,
                    prev: Some(*from),
                });
                active.push(nodes.len() - 1);
            }
        }
        if active.is_empty() {
            return None;
        }
    }
    let last = items.len() - 1;
    let end = active
        .iter()
        .filter(|&&a| nodes[a].at == last)
        .min_by(|&&a, &&b| nodes[a].demerits.total_cmp(&nodes[b].demerits))?;
    let mut breaks = Vec::new();
    let mut cur = Some(*end);
    while let Some(i) = cur {
        if nodes[i].prev.is_some() {
            breaks.push(nodes[i].at);
        }
        cur = nodes[i].prev;
    }
    breaks.reverse();
    Some(breaks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::FontId;
    use crate::pdf::units::Color;

    fn style() -> Style {
        Style::new(FontId::Serif, 10.0, Color::BLACK)
    }

    /// A piece of made-up glyphs, one per character, each `advance` wide.
    fn piece(text: &str, advance: f32) -> Piece {
        Piece {
            style: style(),
            link: None,
            level: 0,
            glyphs: text
                .chars()
                .map(|c| Glyph {
                    gid: c as u16,
                    advance: Pt(advance),
                    text: c.to_string().into(),
                })
                .collect(),
        }
    }

    /// Words of `advance`-wide letters, each followed by a 4 pt space.
    fn words(text: &str, advance: f32) -> Vec<Word> {
        text.split(' ')
            .map(|w| Word {
                pieces: vec![piece(w, advance)],
                space: Some(piece(" ", 4.0)),
                forced: false,
            })
            .collect()
    }

    /// The text of each line that `breaks` make of `items`.
    fn lines(items: &[BreakItem], breaks: &[usize]) -> Vec<String> {
        let mut out = Vec::new();
        let mut start = 0;
        for &end in breaks {
            let text: String = items[start..end]
                .iter()
                .filter_map(|i| match i {
                    BreakItem::Box { piece, .. } => Some(
                        piece
                            .glyphs
                            .iter()
                            .map(|g| g.text.as_str())
                            .collect::<String>(),
                    ),
                    BreakItem::Glue { piece: Some(_), .. } => Some(" ".into()),
                    _ => None,
                })
                .collect();
            out.push(text.trim().to_string());
            start = end + 1;
        }
        out
    }

    fn natural_width(line: &str, advance: f32) -> f32 {
        line.split(' ')
            .map(|w| w.chars().count() as f32 * advance)
            .sum::<f32>()
            + 4.0 * line.matches(' ').count() as f32
    }

    #[test]
    fn first_fit_takes_as_many_words_as_fit() {
        let items = items(&words("aaa bbb ccc ddd eee", 10.0), Pt(75.0), None);
        let breaks = first_fit(&items, Pt(75.0));
        // Two words (30 + 4 + 30 = 64) fit in 75; a third would need 98.
        assert_eq!(lines(&items, &breaks), vec!["aaa bbb", "ccc ddd", "eee"]);
    }

    #[test]
    fn a_forced_break_ends_the_line_in_both_methods() {
        let mut w = words("aa bb cc", 10.0);
        w[0].forced = true;
        let items = items(&w, Pt(200.0), None);
        let first = first_fit(&items, Pt(200.0));
        assert_eq!(lines(&items, &first), vec!["aa", "bb cc"]);
        let total = total_fit(&items, Pt(200.0)).expect("a feasible set of breaks");
        assert_eq!(lines(&items, &total), vec!["aa", "bb cc"]);
        assert!(total.iter().all(|&b| b < items.len()));
    }

    #[test]
    fn total_fit_evens_out_lines_that_first_fit_leaves_ragged() {
        // First fit fills the first lines and leaves a stub; total fit
        // spreads the words so no line but the last is far from the measure.
        let text = "aaaa bb cccccc dd eeee ff gggggg hh iiii jj kkkkkk ll";
        let measure = Pt(150.0);
        let items = items(&words(text, 6.0), measure, None);
        let worst = |breaks: &[usize]| {
            let set = lines(&items, breaks);
            set[..set.len() - 1]
                .iter()
                .map(|l| (measure.0 - natural_width(l, 6.0)).abs())
                .fold(0.0f32, f32::max)
        };
        let first = first_fit(&items, measure);
        let total = total_fit(&items, measure).expect("a feasible set of breaks");
        assert!(
            worst(&total) < worst(&first),
            "total fit's worst line is {} pt off the measure, first fit's {}",
            worst(&total),
            worst(&first)
        );
        // Both keep every word, in order.
        assert_eq!(lines(&items, &total).join(" "), text);
        assert_eq!(lines(&items, &first).join(" "), text);
    }

    #[test]
    fn total_fit_gives_up_when_no_line_can_be_set_within_tolerance() {
        // Two 60 pt words in 100 pt: alone each line is far too loose, together too tight.
        let items = items(&words("aaaaaa bbbbbb", 10.0), Pt(100.0), None);
        let mut no_end = items.clone();
        // Without the paragraph's infinitely stretchable end, nothing is feasible.
        no_end.truncate(no_end.len() - 2);
        no_end.push(BreakItem::Penalty {
            width: Pt::ZERO,
            cost: FORCED,
            flagged: false,
            piece: None,
        });
        assert!(total_fit(&no_end, Pt(100.0)).is_none());
        // First fit still breaks it, one word a line.
        assert_eq!(
            lines(&no_end, &first_fit(&no_end, Pt(100.0))),
            vec!["aaaaaa", "bbbbbb"]
        );
    }

    #[test]
    fn each_language_is_hyphenated_with_its_own_patterns() {
        assert_eq!(hyphenation_for("de-AT"), Some(hypher::Lang::German));
        assert_eq!(hyphenation_for("fr"), Some(hypher::Lang::French));
        assert_eq!(hyphenation_for("nb"), Some(hypher::Lang::Norwegian));
        for tag in ["zh", "ja", "ar", "th", "xx", ""] {
            assert_eq!(hyphenation_for(tag), None, "{tag}");
        }
        let cuts = |word: &str, lang| {
            syllables(&words(word, 5.0)[0].pieces, Some(lang))
                .iter()
                .map(|s| {
                    s.iter()
                        .flat_map(|p| p.glyphs.iter())
                        .map(|g| g.text.as_str())
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join("-")
        };
        // German compounds break between their parts, as German patterns know.
        assert_eq!(cuts("Arbeitsbuch", hypher::Lang::German), "Ar-beits-buch");
        assert_eq!(
            cuts("Schlafenszeit", hypher::Lang::German),
            "Schla-fens-zeit"
        );
        // English patterns cut German words where a German reader would not.
        assert_eq!(
            cuts("Schlafenszeit", hypher::Lang::English),
            "Schlafen-szeit"
        );
        assert_eq!(
            cuts("imperfection", hypher::Lang::French),
            "im-per-fec-tion"
        );
    }

    #[test]
    fn hyphenation_points_carry_the_hyphen_they_are_given() {
        let hyphen = |_: &Style| {
            vec![Glyph {
                gid: 1,
                advance: Pt(3.0),
                text: "-".into(),
            }]
        };
        let w = words("responsibility", 5.0);
        let with = items(&w, Pt(300.0), Some((&hyphen, Some(hypher::Lang::English))));
        let penalties: Vec<&BreakItem> = with
            .iter()
            .filter(|i| matches!(i, BreakItem::Penalty { flagged: true, .. }))
            .collect();
        assert!(
            penalties.len() >= 3,
            "re-spon-si-bil-i-ty has several points"
        );
        for p in penalties {
            let BreakItem::Penalty {
                width,
                piece: Some(h),
                ..
            } = p
            else {
                panic!("a hyphenation point without its hyphen");
            };
            assert_eq!(*width, Pt(3.0));
            assert_eq!(h.glyphs[0].text.as_str(), "-");
        }
        let without = items(&w, Pt(300.0), None);
        assert!(!without
            .iter()
            .any(|i| matches!(i, BreakItem::Penalty { flagged: true, .. })));
    }

    #[test]
    fn a_line_may_end_where_a_break_needs_no_space() {
        // "a/" "b/" "c" are three words without spaces between them, as in an address.
        let ws: Vec<Word> = ["a/", "b/", "c"]
            .iter()
            .map(|t| Word {
                pieces: vec![piece(t, 10.0)],
                space: None,
                forced: false,
            })
            .collect();
        let items = items(&ws, Pt(45.0), None);
        let breaks = first_fit(&items, Pt(45.0));
        assert_eq!(lines(&items, &breaks), ["a/b/", "c"]);
    }

    #[test]
    fn a_word_wider_than_the_measure_is_cut_into_boxes_that_fit() {
        let items = items(&words(&"x".repeat(30), 10.0), Pt(55.0), None);
        let boxes: Vec<Pt> = items
            .iter()
            .filter_map(|i| match i {
                BreakItem::Box { width, .. } => Some(*width),
                _ => None,
            })
            .collect();
        assert_eq!(boxes.len(), 6, "300 pt cut into five glyphs a box");
        assert!(boxes.iter().all(|w| *w <= Pt(55.0)));
        let breaks = first_fit(&items, Pt(55.0));
        assert_eq!(lines(&items, &breaks).len(), 6);
    }
}
