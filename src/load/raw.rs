//! Raw serde structs, as close to the files as possible; no judgement beyond shape.
//!
//! Every struct denies unknown keys, so a misspelt key is an error with a position.

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

/// Whether a script is words to say or a form to fill in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ScriptKind {
    #[default]
    Script,
    Template,
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
}

impl TryFrom<SheetBlockMap> for RawSheetBlock {
    type Error = String;

    fn try_from(m: SheetBlockMap) -> Result<Self, String> {
        let mut found = Vec::new();
        if let Some(x) = m.heading {
            found.push(RawSheetBlock::Heading(x));
        }
        if let Some(x) = m.text {
            found.push(RawSheetBlock::Text(x));
        }
        if let Some(x) = m.steps {
            found.push(RawSheetBlock::Steps(x));
        }
        if let Some(x) = m.phrases {
            found.push(RawSheetBlock::Phrases(x));
        }
        if let Some(x) = m.checkbox_grid {
            found.push(RawSheetBlock::CheckboxGrid(x));
        }
        if let Some(x) = m.rating {
            found.push(RawSheetBlock::Rating(x));
        }
        if let Some(x) = m.lines {
            found.push(RawSheetBlock::Lines(x));
        }
        match found.len() {
            1 => Ok(found.remove(0)),
            0 => Err("a worksheet block needs one of `heading`, `text`, `steps`, `phrases`, `checkbox_grid`, `rating`, `lines`".into()),
            _ => Err("a worksheet block has more than one kind; start each block with its own `- `".into()),
        }
    }
}

/// A checkbox grid.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGrid {
    pub rows: Vec<String>,
    pub columns: Vec<String>,
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

/// Write-in lines.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLines {
    #[serde(default)]
    pub label: Option<String>,
    pub count: u32,
}
