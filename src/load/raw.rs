//! Raw serde structs, as close to the files as possible; no judgement beyond shape.
//!
//! Every struct denies unknown keys, so a misspelt key is an error with a position.

use crate::model::{Orientation, ScriptKind};
use serde::Deserialize;

/// Front matter of `content/program.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProgram {
    pub title: String,
    #[serde(default)]
    pub subtitle: Option<String>,
    pub audience: String,
    pub summary: String,
    pub weeks: u32,
    /// Words for `{{ name }}`, `{{ partner }}` and `{{ names }}` on public pages.
    #[serde(default)]
    pub neutral: RawNeutral,
    /// Lead paragraphs of the library pages, in place of the neutral ones.
    #[serde(default)]
    pub intros: RawIntros,
    /// Who a public sheet's `partners` (or `people`) rows and signature lines are for.
    #[serde(default)]
    pub people: Option<Vec<String>>,
    /// Markdown for the workbook's back cover (the author's line); unset: the summary.
    #[serde(default)]
    pub back_cover: Option<String>,
    /// A picture for the workbook's cover: a path relative to program.md, or `/`-rooted from static/.
    #[serde(default)]
    pub cover: Option<String>,
}

/// `neutral:` in program.md: what placeholders say where no person is known.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNeutral {
    pub name: Option<String>,
    pub partner: Option<String>,
    pub names: Option<String>,
}

/// `intros:` in program.md: the author's lead paragraph for each library page.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RawIntros {
    pub plan: Option<String>,
    pub exercises: Option<String>,
    pub scripts: Option<String>,
    pub worksheets: Option<String>,
    pub rituals: Option<String>,
    pub faq: Option<String>,
}

/// Front matter of `content/weeks/*.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWeek {
    pub week: u32,
    pub title: String,
    pub focus: String,
    #[serde(default)]
    pub tasks: Vec<String>,
    #[serde(default)]
    pub exercises: Vec<String>,
    #[serde(default)]
    pub scripts: Vec<String>,
    #[serde(default)]
    pub worksheets: Vec<String>,
}

/// One "who does what" line of an exercise.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRole {
    pub who: String,
    pub does: String,
}

/// Front matter of `content/exercises/*.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExercise {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub summary: String,
    #[serde(default)]
    pub roles: Vec<RawRole>,
    pub steps: Vec<String>,
}

/// A named part of a script, with an example.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPart {
    pub name: String,
    pub text: String,
}

/// Front matter of `content/scripts/*.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScript {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub kind: ScriptKind,
    pub summary: String,
    #[serde(default)]
    pub parts: Vec<RawPart>,
    #[serde(default)]
    pub phrases: Vec<String>,
}

/// One micro-ritual.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRitual {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub description: String,
}

/// `content/rituals.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRituals {
    /// The chapter's and the page's title (default: the strings' `rituals_title`).
    #[serde(default)]
    pub title: Option<String>,
    /// The line above the menu in the workbook (default: the strings' `rituals_kicker`).
    #[serde(default)]
    pub kicker: Option<String>,
    pub default: String,
    pub rituals: Vec<RawRitual>,
}

/// `content/tables/*.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTable {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub intro: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// One question of the FAQ.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    pub id: String,
    pub question: String,
    pub answer: String,
}

/// `content/faq.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFaq {
    pub title: String,
    pub questions: Vec<RawQuestion>,
}

/// `content/worksheets/*.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWorksheet {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub subtitle: Option<String>,
    #[serde(default)]
    pub orientation: Orientation,
    pub blocks: Vec<RawSheetBlock>,
}

/// One block of a worksheet, written as `- kind: value`.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "SheetBlockMap")]
pub enum RawSheetBlock {
    Heading(String),
    Text(String),
    Steps(Vec<String>),
    Phrases(Vec<String>),
    CheckboxGrid(RawGrid),
    Rating(RawRating),
    Lines(RawLines),
    BeforeAfter(RawBeforeAfter),
    Signature(RawSignature),
    Cards(RawCards),
    Columns(RawColumns),
    Plan(RawPlan),
    Log(RawLog),
    Image(RawSheetImage),
}

/// A picture on a sheet: `- image: path` with `alt:` (or `decorative: true`),
/// and optionally `width:` (`60mm`, `6cm`, `50%` of the content width) and `caption:`.
#[derive(Debug, Clone)]
pub struct RawSheetImage {
    pub path: String,
    pub alt: Option<String>,
    pub decorative: bool,
    pub width: Option<String>,
    pub caption: Option<String>,
}

/// The YAML shape of a block: a map with exactly one of these keys.
///
/// serde_yaml 0.9 reads enums only from YAML tags (`!text`), which authors
/// should not have to write, so the one-key map is read here and checked.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SheetBlockMap {
    heading: Option<String>,
    text: Option<String>,
    steps: Option<Vec<String>>,
    phrases: Option<Vec<String>>,
    checkbox_grid: Option<RawGrid>,
    rating: Option<RawRating>,
    lines: Option<RawLines>,
    before_after: Option<RawBeforeAfter>,
    signature: Option<RawSignature>,
    cards: Option<RawCards>,
    columns: Option<RawColumns>,
    plan: Option<RawPlan>,
    log: Option<RawLog>,
    image: Option<String>,
    alt: Option<String>,
    decorative: Option<bool>,
    width: Option<String>,
    caption: Option<String>,
}

/// The block kinds, as written in YAML.
pub const SHEET_BLOCK_KINDS: &str =
    "`heading`, `text`, `steps`, `phrases`, `checkbox_grid`, `rating`, `lines`, `before_after`, `signature`, `cards`, `columns`, `plan`, `log`, `image`";

impl TryFrom<SheetBlockMap> for RawSheetBlock {
    type Error = String;

    fn try_from(m: SheetBlockMap) -> Result<Self, String> {
        let image = match m.image {
            Some(path) => Some(RawSheetBlock::Image(RawSheetImage {
                path,
                alt: m.alt,
                decorative: m.decorative.unwrap_or(false),
                width: m.width,
                caption: m.caption,
            })),
            None if m.alt.is_some()
                || m.decorative.is_some()
                || m.width.is_some()
                || m.caption.is_some() =>
            {
                return Err(
                    "`alt`, `decorative`, `width` and `caption` belong to an image block: start it with `- image: path`"
                        .into(),
                )
            }
            None => None,
        };
        let found: Vec<RawSheetBlock> = [
            m.heading.map(RawSheetBlock::Heading),
            m.text.map(RawSheetBlock::Text),
            m.steps.map(RawSheetBlock::Steps),
            m.phrases.map(RawSheetBlock::Phrases),
            m.checkbox_grid.map(RawSheetBlock::CheckboxGrid),
            m.rating.map(RawSheetBlock::Rating),
            m.lines.map(RawSheetBlock::Lines),
            m.before_after.map(RawSheetBlock::BeforeAfter),
            m.signature.map(RawSheetBlock::Signature),
            m.cards.map(RawSheetBlock::Cards),
            m.columns.map(RawSheetBlock::Columns),
            m.plan.map(RawSheetBlock::Plan),
            m.log.map(RawSheetBlock::Log),
            image,
        ]
        .into_iter()
        .flatten()
        .collect();
        match <[RawSheetBlock; 1]>::try_from(found) {
            Ok([one]) => Ok(one),
            Err(v) if v.is_empty() => Err(format!(
                "a worksheet block needs one of {SHEET_BLOCK_KINDS}"
            )),
            Err(_) => Err(
                "a worksheet block has more than one kind; start each block with its own `- `"
                    .into(),
            ),
        }
    }
}

/// Labels for a grid's rows or columns: a list, or the name of data to take them from
/// (`days`, `weeks`, `partners`, `exercises of week N`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawLabels {
    List(Vec<String>),
    From(String),
}

/// A checkbox grid.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGrid {
    pub rows: RawLabels,
    pub columns: RawLabels,
}

/// A rating scale.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRating {
    pub label: String,
    pub scale: u32,
    #[serde(default)]
    pub low: String,
    #[serde(default)]
    pub high: String,
}

/// Write-in lines: a count, or `fill: true` for the rest of the page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLines {
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub count: Option<u32>,
    #[serde(default)]
    pub fill: bool,
}

/// Measures taken twice, e.g. in week 1 and week 6.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBeforeAfter {
    pub measures: Vec<String>,
    #[serde(default = "ten")]
    pub scale: u32,
    /// Default: the first week's label ("Week 1").
    #[serde(default)]
    pub before: Option<String>,
    /// Default: the last week's label ("Week 4" in a four-week program).
    #[serde(default)]
    pub after: Option<String>,
}

fn ten() -> u32 {
    10
}

/// Lines to sign on, one per person, each with a date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSignature {
    #[serde(default = "partners")]
    pub names: RawLabels,
}

fn partners() -> RawLabels {
    RawLabels::From("partners".into())
}

/// Cut-out cards filling the rest of the page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCards {
    pub per_page: u32,
    pub cards: Vec<RawCard>,
}

/// One cut-out card.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCard {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub lines: u32,
}

/// Two stacks of blocks side by side.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawColumns {
    pub left: Vec<RawSheetBlock>,
    pub right: Vec<RawSheetBlock>,
}

/// The program's weeks, one row each, with a box to tick.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    #[serde(default = "yes")]
    pub focus: bool,
}

fn yes() -> bool {
    true
}

/// A log: column headings over empty rows to write in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLog {
    pub columns: Vec<String>,
    pub rows: u32,
}
