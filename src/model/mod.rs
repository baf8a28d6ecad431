//! Model: the trusted program, made only by `validate`, with every reference resolved.
//!
//! No I/O happens here. Renderers read these types; they never change them.

pub mod brand;
pub mod images;
pub mod kinds;
pub mod links;
pub mod person;
pub mod text;

pub use kinds::{Orientation, Paper, ScriptKind, WeekStart};

use crate::config::Config;
use serde::Serialize;
use std::path::PathBuf;
use text::{Block, Inline};

/// A checked project: settings plus the program.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project folder.
    pub root: PathBuf,
    /// `kintsugi.yaml`.
    pub config: Config,
    /// The content.
    pub program: Program,
    /// The project's own site templates (name, text), overriding built-in ones.
    pub templates: Vec<(String, String)>,
    /// The project's `static/` files (path inside the folder, bytes), copied into the site as they are.
    pub statics: Vec<(PathBuf, Vec<u8>)>,
    /// Warnings found while reading the content that the model cannot hold
    /// (Markdown the outputs do not show as written), for `check`.
    pub notices: Vec<crate::diag::Diagnostic>,
}

/// A guided program.
#[derive(Debug, Clone, Default)]
pub struct Program {
    pub title: String,
    pub subtitle: Option<String>,
    pub audience: String,
    pub summary: String,
    /// The introduction.
    pub intro: Vec<Block>,
    /// Weeks in order, numbered from 1.
    pub weeks: Vec<Week>,
    pub exercises: Vec<Exercise>,
    pub scripts: Vec<Script>,
    /// Empty when the program has no `rituals.yaml`.
    pub rituals: Vec<Ritual>,
    /// Index into `rituals` of the default ritual; None when there are none.
    pub default_ritual: Option<usize>,
    pub tables: Vec<Table>,
    /// None when the program has no `faq.yaml`.
    pub faq: Option<Faq>,
    pub worksheets: Vec<Worksheet>,
    /// The title of the ritual menu.
    pub rituals_title: String,
    /// The line over the ritual menu's chapter title.
    pub rituals_kicker: String,
    /// The author's lead paragraphs for the library pages.
    pub intros: crate::load::raw::RawIntros,
    /// What `{{ name }}`, `{{ partner }}` and `{{ names }}` say on public pages.
    pub neutral: Neutral,
    /// The tool's words, in the program's language, with the project's own.
    pub strings: crate::strings::Strings,
    /// The project's own tables (`i18n/`, `strings:`), for a profile that
    /// asks for another language.
    pub own_strings: crate::strings::Own,
    /// The line at the foot of each worksheet, if any.
    pub sheet_footer: Option<String>,
    /// `back_cover:` in program.md: what the workbook's last page says
    /// under the title (empty: the summary).
    pub back_cover: Vec<Block>,
    /// The key of the cover picture (`cover:` in program.md), if any.
    pub cover: Option<String>,
    /// The labels of `partners`/`people` on public sheets (a person's own sheets name them).
    pub people: Vec<String>,
    /// The images the content shows, by key (see [`images`]).
    pub images: images::Images,
    /// The key of each image file the content names, by its path from the
    /// project folder (two files with the same bytes share a key).
    pub image_sources: std::collections::BTreeMap<PathBuf, String>,
    /// The author's brand; empty (the built-in look) without a brand file.
    pub brand: brand::Brand,
}

impl Program {
    /// The image read from `source` (a path from the project folder), if validation read it.
    pub fn image_at(&self, source: &std::path::Path) -> Option<&images::Image> {
        self.images.get(self.image_sources.get(source)?)
    }
}

/// Placeholder values where no person is known.
#[derive(Debug, Clone, Default)]
pub struct Neutral {
    pub name: String,
    pub partner: String,
    pub names: String,
}

impl Program {
    /// The image an `Inline::Image`'s url stands for; None for an external
    /// (http/https) image or one validation did not resolve.
    pub fn image(&self, url: &str) -> Option<&images::Image> {
        images::lookup(&self.images, url)
    }

    /// The exercise with this id. Ids in the model were resolved by validation.
    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    /// The script with this id.
    pub fn script(&self, id: &str) -> Option<&Script> {
        self.scripts.iter().find(|s| s.id == id)
    }

    /// The worksheet with this id.
    pub fn worksheet(&self, id: &str) -> Option<&Worksheet> {
        self.worksheets.iter().find(|w| w.id == id)
    }

    /// Worksheets in the order the plan uses them (each week's sheets in turn),
    /// then any no week uses; this is the order they are printed and listed in.
    pub fn worksheets_in_plan_order(&self) -> Vec<&Worksheet> {
        let mut out: Vec<&Worksheet> = Vec::new();
        for id in self.weeks.iter().flat_map(|w| &w.worksheets) {
            if let Some(w) = self.worksheet(id) {
                if !out.iter().any(|x| x.id == w.id) {
                    out.push(w);
                }
            }
        }
        for w in &self.worksheets {
            if !out.iter().any(|x| x.id == w.id) {
                out.push(w);
            }
        }
        out
    }

    /// The labels over a before/after block's columns: the author's, else
    /// the first and the last week's ("Week 1", "Week 4").
    pub fn before_after_labels(
        &self,
        before: &Option<String>,
        after: &Option<String>,
    ) -> (String, String) {
        let week = |n: usize| self.strings.fmt("week_label", &[("n", &n)]);
        (
            before.clone().unwrap_or_else(|| week(1)),
            after
                .clone()
                .unwrap_or_else(|| week(self.weeks.len().max(1))),
        )
    }

    /// The first week that uses the exercise, script or worksheet with this id.
    pub fn week_using(&self, id: &str) -> Option<&Week> {
        self.weeks.iter().find(|w| {
            w.exercises
                .iter()
                .chain(&w.scripts)
                .chain(&w.worksheets)
                .any(|x| x == id)
        })
    }
}

/// One week of the plan.
#[derive(Debug, Clone)]
pub struct Week {
    /// Where it was declared.
    pub file: PathBuf,
    pub number: u32,
    pub title: String,
    pub focus: String,
    /// What to do this week.
    pub tasks: Vec<Vec<Inline>>,
    /// Ids of exercises, scripts and worksheets, all known to exist.
    pub exercises: Vec<String>,
    pub scripts: Vec<String>,
    pub worksheets: Vec<String>,
    /// The chapter text.
    pub body: Vec<Block>,
}

/// Who does what in an exercise.
#[derive(Debug, Clone, Serialize)]
pub struct Role {
    pub who: String,
    pub does: Vec<Inline>,
}

/// A timed exercise.
#[derive(Debug, Clone)]
pub struct Exercise {
    /// Where it was declared, for warnings.
    pub file: PathBuf,
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub summary: String,
    pub roles: Vec<Role>,
    pub steps: Vec<Vec<Inline>>,
    pub body: Vec<Block>,
}

/// A named part of a script.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub text: Vec<Inline>,
}

/// A script or a fill-in template.
#[derive(Debug, Clone)]
pub struct Script {
    /// Where it was declared, for warnings.
    pub file: PathBuf,
    pub id: String,
    pub title: String,
    pub kind: ScriptKind,
    pub summary: String,
    pub parts: Vec<Part>,
    pub phrases: Vec<Vec<Inline>>,
    pub body: Vec<Block>,
}

/// A micro-ritual from the menu.
#[derive(Debug, Clone)]
pub struct Ritual {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub description: Vec<Block>,
}

/// A table such as the comparison of approaches.
#[derive(Debug, Clone)]
pub struct Table {
    pub id: String,
    pub title: String,
    pub intro: Vec<Block>,
    pub columns: Vec<String>,
    /// Each row has exactly `columns.len()` cells.
    pub rows: Vec<Vec<Vec<Inline>>>,
}

/// The questions people ask.
#[derive(Debug, Clone, Default)]
pub struct Faq {
    pub title: String,
    pub questions: Vec<Question>,
}

/// One question and its answer.
#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub question: String,
    pub answer: Vec<Block>,
}

/// A one-page worksheet.
#[derive(Debug, Clone)]
pub struct Worksheet {
    pub id: String,
    pub title: String,
    /// The PDF's title when it differs from the one printed: a personal
    /// copy of a weekly sheet names its week ("Weekly tracker · Week 3").
    pub doc_title: Option<String>,
    /// The first part of its form fields' names when it differs from its
    /// id: a personal copy of a weekly sheet names its week (`week-3.tracker`).
    pub field_name: Option<String>,
    pub subtitle: Option<String>,
    pub orientation: Orientation,
    pub blocks: Vec<SheetBlock>,
    /// Where it was declared, for layout errors.
    pub file: PathBuf,
    /// Line and column where each of `blocks` starts in the file, for layout errors.
    pub block_at: Vec<(usize, usize)>,
}

/// Where a grid's labels come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Labels {
    /// Written out in the worksheet.
    List(Vec<String>),
    /// Monday to Sunday.
    Days,
    /// Week 1 to the program's last week.
    Weeks,
    /// The people doing the program (`partners` or `people`): the program's
    /// `people:` on public sheets, the person (and partner) on their own.
    Partners,
    /// The titles of the exercises of week N.
    ExercisesOfWeek(u32),
    /// What a personal copy shows in place of other labels (the person's
    /// names, a week's dated days); `keys` are the labels it replaced, which
    /// name its form fields as on the public sheet (`mon`, not `mon-16`), so
    /// every person's copy has the same field names.
    Replaced {
        shown: Vec<String>,
        keys: Vec<String>,
    },
}

impl Labels {
    /// The labels, taken from the program where they come from data.
    pub fn resolve(&self, program: &Program) -> Vec<String> {
        match self {
            Labels::List(l) | Labels::Replaced { shown: l, .. } => l.clone(),
            Labels::Days => program.strings.list("days"),
            Labels::Weeks => program
                .weeks
                .iter()
                .map(|w| program.strings.fmt("week_label", &[("n", &w.number)]))
                .collect(),
            Labels::Partners => program.people.clone(),
            Labels::ExercisesOfWeek(n) => program
                .weeks
                .iter()
                .filter(|w| w.number == *n)
                .flat_map(|w| &w.exercises)
                .filter_map(|id| program.exercise(id))
                .map(|e| e.title.clone())
                .collect(),
        }
    }

    /// What names the fields of each label: the label itself, or for a
    /// replaced one the label it replaced (the shown one where there was none).
    pub fn keys(&self, program: &Program) -> Vec<String> {
        match self {
            Labels::Replaced { shown, keys } => shown
                .iter()
                .enumerate()
                .map(|(i, s)| keys.get(i).unwrap_or(s).clone())
                .collect(),
            other => other.resolve(program),
        }
    }
}

/// One cut-out card.
#[derive(Debug, Clone)]
pub struct Card {
    pub title: String,
    pub text: Vec<Inline>,
    pub lines: u32,
}

/// One block of a worksheet.
#[derive(Debug, Clone)]
pub enum SheetBlock {
    Heading(String),
    Text(Vec<Block>),
    Steps(Vec<Vec<Inline>>),
    Phrases(Vec<Vec<Inline>>),
    CheckboxGrid {
        rows: Labels,
        columns: Labels,
    },
    Rating {
        label: String,
        scale: u32,
        low: String,
        high: String,
    },
    /// Write-in lines; `to_bottom` (`fill: true` in YAML) takes the rest of
    /// the page, and then `count` is a minimum.
    Lines {
        label: Option<String>,
        count: u32,
        to_bottom: bool,
    },
    BeforeAfter {
        measures: Vec<String>,
        scale: u32,
        /// None for the first week's label.
        before: Option<String>,
        /// None for the last week's label.
        after: Option<String>,
    },
    Signature {
        names: Labels,
    },
    /// Cut-out cards filling the rest of the page; fewer cards than places repeat.
    Cards {
        per_page: u32,
        cards: Vec<Card>,
    },
    Columns {
        left: Vec<SheetBlock>,
        right: Vec<SheetBlock>,
    },
    /// The program's weeks, one row each.
    Plan {
        focus: bool,
    },
    Log {
        columns: Vec<String>,
        rows: u32,
    },
    /// A picture, its aspect kept, `width` of the content width (all of it
    /// when None), with a caption under it.
    Image {
        /// The file, from the project folder; its key is in
        /// [`Program::image_sources`].
        source: PathBuf,
        /// Empty when decorative.
        alt: String,
        width: Option<text::ImageWidth>,
        caption: Option<String>,
    },
}

impl SheetBlock {
    /// Calls `f` on every block of `blocks`, inside columns too.
    pub fn walk(blocks: &[SheetBlock], f: &mut impl FnMut(&SheetBlock)) {
        for b in blocks {
            f(b);
            if let SheetBlock::Columns { left, right } = b {
                SheetBlock::walk(left, f);
                SheetBlock::walk(right, f);
            }
        }
    }

    /// The block's kind as written in YAML, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            SheetBlock::Heading(_) => "heading",
            SheetBlock::Text(_) => "text",
            SheetBlock::Steps(_) => "steps",
            SheetBlock::Phrases(_) => "phrases",
            SheetBlock::CheckboxGrid { .. } => "checkbox_grid",
            SheetBlock::Rating { .. } => "rating",
            SheetBlock::Lines { .. } => "lines",
            SheetBlock::BeforeAfter { .. } => "before_after",
            SheetBlock::Signature { .. } => "signature",
            SheetBlock::Cards { .. } => "cards",
            SheetBlock::Columns { .. } => "columns",
            SheetBlock::Plan { .. } => "plan",
            SheetBlock::Log { .. } => "log",
            SheetBlock::Image { .. } => "image",
        }
    }
}
