//! Cut-out cards: how many a page is cut into, how many are written, and that they come last.

use super::{bad_value, problem, BlockAt};
use crate::diag::Diagnostic;
use crate::load::raw::{RawCards, RawWorksheet};
use crate::load::Source;
use crate::model::text::parse_inline;
use crate::model::{Card, SheetBlock};

/// Card counts a page can be cut into.
const CARDS_PER_PAGE: [u32; 4] = [2, 4, 8, 10];

pub(super) fn cards(
    s: &Source<RawWorksheet>,
    c: &RawCards,
    at: &BlockAt,
    found: &mut Vec<Diagnostic>,
) -> SheetBlock {
    if !CARDS_PER_PAGE.contains(&c.per_page) {
        found.push(bad_value(
            s,
            &at.key("cards", "per_page"),
            format!("{} cards per page is not a layout kintsugi has", c.per_page),
            "use 2, 4, 8 or 10",
        ));
    }
    if c.cards.is_empty() || c.cards.len() > c.per_page as usize {
        found.push(problem(
            s,
            &at.key("cards", "cards"),
            format!(
                "{} cards for {} places on the page",
                c.cards.len(),
                c.per_page
            ),
            "give between one card and `per_page` cards; fewer cards repeat to fill the page",
        ));
    }
    if !at.last || at.in_columns {
        found.push(problem(
            s,
            &at.key("cards", ""),
            "cut-out cards fill the rest of the page, so they must be the sheet's last block"
                .into(),
            "move `cards` to the end, outside any `columns`",
        ));
    }
    let cards = c
        .cards
        .iter()
        .map(|x| Card {
            title: x.title.clone(),
            text: parse_inline(&x.text),
            lines: x.lines,
        })
        .collect();
    SheetBlock::Cards {
        per_page: c.per_page,
        cards,
    }
}
