//! Text blocks: headings, prose, numbered steps and phrases. Nothing to check
//! beyond their shape; their Markdown is parsed here.

use crate::model::text::{parse_blocks, parse_inline};
use crate::model::SheetBlock;

pub(super) fn heading(h: &str) -> SheetBlock {
    SheetBlock::Heading(h.to_string())
}

pub(super) fn text(t: &str) -> SheetBlock {
    SheetBlock::Text(parse_blocks(t))
}

pub(super) fn steps(x: &[String]) -> SheetBlock {
    SheetBlock::Steps(x.iter().map(|i| parse_inline(i)).collect())
}

pub(super) fn phrases(x: &[String]) -> SheetBlock {
    SheetBlock::Phrases(x.iter().map(|i| parse_inline(i)).collect())
}
