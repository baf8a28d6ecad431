//! Validate: turns a raw project into the trusted model, or returns every problem.
//!
//! Takes the [`RawProject`] from `load` and its diagnostics; gives a
//! [`Project`] whose ids are safe, unique and resolved, or all diagnostics at
//! once so an author can fix ten mistakes in one run.

mod brand;
pub mod fit;
mod glyphs;
mod images;
mod links;
mod markdown;
mod placeholders;
pub mod profile;
mod refs;
mod sheets;
mod warnings;

pub use warnings::warnings;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{raw::*, LoadedItem, RawProject, Source};
use crate::model::text::{parse_blocks, parse_inline};
use crate::model::*;

/// Checks `raw` and builds the model, or returns all problems (including `load_diags`).
pub fn validate(raw: RawProject, load_diags: Vec<Diagnostic>) -> Result<Project, Diagnostics> {
    // Items in a file that failed to parse are unknown; do not cascade into
    // "missing" or "unknown id" reports about them until that file is fixed.
    let failed = load_diags
        .iter()
        .filter_map(|d| d.file.parent()?.file_name()?.to_str().map(str::to_owned))
        .collect();
    let mut diags = load_diags;
    let brand = brand::check(&raw);
    diags.extend(brand.errors);
    {
        // Every character must print in the fonts the brand sets text in.
        let _fonts = crate::render::print::style::fonts_of(&brand.brand);
        diags.extend(glyphs::check(&raw));
    }
    diags.extend(placeholders::check(&raw));
    diags.extend(links::check(&raw));
    let images = images::check(&raw);
    diags.extend(images.errors);
    // A template of the project's that cannot be read is a problem of the content.
    // (A built-in template that does not read is kintsugi's fault, and its
    // tests see to that: without templates of the project's, nothing to read.)
    let own_templates = raw.templates.iter().any(|(n, _)| n.ends_with(".html"));
    let theme = own_templates.then(|| crate::render::site::theme::Theme::new(&raw.templates));
    if let Some(Err(e)) = theme {
        if let Ok(d) = e.downcast::<Diagnostics>() {
            diags.extend(d.0);
        }
    }
    let mut notices = markdown::check(&raw);
    notices.extend(images.warnings);
    notices.extend(brand.warnings);
    let mut v = Validator { diags, failed };
    let tables: Vec<_> = raw
        .tables
        .iter()
        .map(|s| (s.file.clone(), s.value.id.clone()))
        .collect();
    let project = v.project(raw).map(|p| Project { notices, ..p });
    if v.diags.is_empty() {
        let mut project = project.ok_or_else(|| Diagnostics(Vec::new()))?;
        project.program.images = images.images;
        project.program.image_sources = images.sources;
        project.program.cover = images.cover;
        // The logos are images the site copies like any other.
        for logo in [
            &brand.brand.logo.small,
            &brand.brand.logo.medium,
            &brand.brand.logo.large,
        ]
        .into_iter()
        .flatten()
        {
            project
                .program
                .images
                .entry(logo.key.clone())
                .or_insert_with(|| logo.clone());
        }
        project.program.brand = brand.brand;
        links::Resolver::of_program(&project.program, &tables).resolve(&mut project.program);
        Ok(project)
    } else {
        Err(Diagnostics(v.diags).sorted())
    }
}

/// Builds a week of the model from its file (its references are checked apart).
fn week_model(s: &Source<RawWeek>) -> Week {
    let w = &s.value;
    Week {
        file: s.file.clone(),
        number: w.week,
        title: w.title.clone(),
        focus: w.focus.clone(),
        tasks: w.tasks.iter().map(|t| parse_inline(t)).collect(),
        exercises: w.exercises.clone(),
        scripts: w.scripts.clone(),
        worksheets: w.worksheets.clone(),
        body: parse_blocks(&s.body),
    }
}

/// One item of the model, checked by itself.
#[derive(Debug, Clone)]
pub enum CheckedItem {
    Week(Week),
    Exercise(Exercise),
    Script(Script),
    Worksheet(Worksheet),
}

/// Checks one week, exercise, script or worksheet file read again by itself
/// (for `serve`), against the ids and weeks of `program`, with every check
/// that can be made on one file. Whether the rest still holds (unique ids,
/// no missing week) is the caller's business: it must keep ids and week
/// numbers as they were, or check the whole project.
pub fn item(
    root: &std::path::Path,
    loaded: LoadedItem,
    program: &Program,
) -> Result<CheckedItem, Diagnostics> {
    let mut v = Validator {
        diags: Vec::new(),
        failed: Default::default(),
    };
    let expected = program.weeks.len() as u32;
    let item = match &loaded {
        LoadedItem::Week(s) => {
            v.diags.extend(glyphs::check_source(s));
            v.diags.extend(placeholders::in_text(&s.file, &s.text));
            let known = refs::Known {
                exercises: program.exercises.iter().map(|e| e.id.as_str()).collect(),
                scripts: program.scripts.iter().map(|e| e.id.as_str()).collect(),
                worksheets: program.worksheets.iter().map(|e| e.id.as_str()).collect(),
            };
            if s.value.week == 0 || s.value.week > expected {
                let d = s.diag_at(
                    "week",
                    &s.value.week.to_string(),
                    format!(
                        "week {} is outside the program's {}",
                        s.value.week,
                        crate::diag::count(expected as usize, "week", "weeks")
                    ),
                );
                v.push(d.with_hint(format!(
                    "number weeks from 1 to {expected}, or change `weeks:` in content/program.md"
                )));
            }
            v.diags
                .extend(refs::check_week(s, &known).into_iter().map(|(_, d)| d));
            CheckedItem::Week(week_model(s))
        }
        LoadedItem::Exercise(s) => {
            v.diags.extend(glyphs::check_source(s));
            v.diags.extend(placeholders::in_text(&s.file, &s.text));
            CheckedItem::Exercise(v.exercise(s))
        }
        LoadedItem::Script(s) => {
            v.diags.extend(glyphs::check_source(s));
            v.diags.extend(placeholders::in_text(&s.file, &s.text));
            CheckedItem::Script(v.script(s))
        }
        LoadedItem::Worksheet(s) => {
            v.diags.extend(glyphs::check_source(s));
            v.diags.extend(placeholders::in_text(&s.file, &s.text));
            let sheet = v.worksheet(s, Some(expected));
            v.diags.extend(sheets::empty_sources(
                std::slice::from_ref(&sheet),
                &program.weeks,
            ));
            CheckedItem::Worksheet(sheet)
        }
    };
    if v.diags.is_empty() {
        let mut item = item;
        links::Resolver::of_program(program, &[]).resolve_item(&mut item);
        Ok(item)
    } else {
        Err(Diagnostics(v.diags).sorted().with_sources(root))
    }
}

struct Validator {
    diags: Vec<Diagnostic>,
    /// Content folders (`weeks`, `exercises`, ...) with a file that failed to load.
    failed: std::collections::BTreeSet<String>,
}

/// The program's number of weeks, when program.md loaded and it is a number a program can have.
fn known_weeks(raw: &RawProject) -> Option<u32> {
    raw.program
        .as_ref()
        .map(|p| p.value.weeks)
        .filter(|n| (1..=MAX_WEEKS).contains(n))
}

/// The file and text of every content file that loaded (not kintsugi.yaml), for checks that read text.
fn content_texts(raw: &RawProject) -> Vec<(&std::path::Path, &str)> {
    fn one<T>(s: &Source<T>) -> (&std::path::Path, &str) {
        (&s.file, &s.text)
    }
    let mut out: Vec<_> = raw.program.iter().map(one).collect();
    out.extend(raw.weeks.iter().map(one));
    out.extend(raw.exercises.iter().map(one));
    out.extend(raw.scripts.iter().map(one));
    out.extend(raw.rituals.iter().map(one));
    out.extend(raw.tables.iter().map(one));
    out.extend(raw.faq.iter().map(one));
    out.extend(raw.worksheets.iter().map(one));
    out
}

/// The most weeks a program may have.
const MAX_WEEKS: u32 = 52;

/// Names Windows will not give a file, whatever the extension (`con.html` included).
pub fn is_reserved_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    matches!(n.as_str(), "con" | "prn" | "aux" | "nul")
        || ((n.starts_with("com") || n.starts_with("lpt"))
            && n.len() == 4
            && n.as_bytes()[3].is_ascii_digit())
}

/// Is `id` a safe slug: lower-case letters and digits, single hyphens inside,
/// at most 64 long, and a name every system can give a file?
pub fn is_safe_id(id: &str) -> bool {
    !is_reserved_name(id)
        && !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Validator {
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn project(&mut self, raw: RawProject) -> Option<Project> {
        let exercises: Vec<Exercise> = raw.exercises.iter().map(|s| self.exercise(s)).collect();
        let scripts: Vec<Script> = raw.scripts.iter().map(|s| self.script(s)).collect();
        let program_weeks = known_weeks(&raw);
        let worksheets: Vec<Worksheet> = raw
            .worksheets
            .iter()
            .map(|s| self.worksheet(s, program_weeks))
            .collect();
        let tables: Vec<Table> = raw.tables.iter().map(|s| self.table(s)).collect();
        self.unique_ids(
            "exercise",
            raw.exercises.iter().map(|s| (s, s.value.id.as_str())),
        );
        self.unique_ids(
            "script",
            raw.scripts.iter().map(|s| (s, s.value.id.as_str())),
        );
        self.unique_ids(
            "worksheet",
            raw.worksheets.iter().map(|s| (s, s.value.id.as_str())),
        );
        self.unique_ids("table", raw.tables.iter().map(|s| (s, s.value.id.as_str())));

        let known = refs::Known {
            exercises: exercises.iter().map(|e| e.id.as_str()).collect(),
            scripts: scripts.iter().map(|e| e.id.as_str()).collect(),
            worksheets: worksheets.iter().map(|e| e.id.as_str()).collect(),
        };
        let weeks = self.weeks(&raw, &known);
        self.diags
            .extend(sheets::empty_sources(&worksheets, &weeks));
        let rituals = raw.rituals.as_ref().map(|r| self.rituals(r));
        let faq = raw.faq.as_ref().map(|f| self.faq(f));
        let program = raw.program.as_ref().map(|p| self.program_meta(p));

        if let Some(c) = &raw.config {
            self.strings(c);
        }
        let files = self.i18n(&raw.i18n);
        let config = raw.config?.value;
        let (title, subtitle, audience, summary, intro) = program?;
        let own_strings = crate::strings::Own::new(files, &config.language, &config.strings);
        let strings = crate::strings::Strings::for_project(&config.language, &own_strings);
        let sheet_footer = config.sheet_footer.clone().filter(|s| !s.trim().is_empty());
        let front = &raw.program.as_ref()?.value;
        let neutral = Neutral {
            name: front
                .neutral
                .name
                .clone()
                .unwrap_or_else(|| strings.get("neutral_name").into()),
            partner: front
                .neutral
                .partner
                .clone()
                .unwrap_or_else(|| strings.get("neutral_partner").into()),
            names: front
                .neutral
                .names
                .clone()
                .unwrap_or_else(|| strings.get("neutral_names").into()),
        };
        let menu = raw.rituals.as_ref().map(|r| &r.value);
        let rituals_title = menu
            .and_then(|m| m.title.clone())
            .unwrap_or_else(|| strings.get("rituals_title").into());
        let rituals_kicker = menu
            .and_then(|m| m.kicker.clone())
            .unwrap_or_else(|| strings.get("rituals_kicker").into());
        // A program may leave out its rituals; a menu that does not check stops here.
        let (rituals, default_ritual) = match rituals {
            None => (Vec::new(), None),
            Some(menu) => {
                let (rituals, i) = menu?;
                (rituals, Some(i))
            }
        };
        Some(Project {
            root: raw.root,
            config,
            templates: raw.templates,
            statics: raw.statics,
            notices: Vec::new(),
            program: Program {
                title,
                subtitle,
                audience,
                summary,
                intro,
                weeks,
                exercises,
                scripts,
                rituals,
                default_ritual,
                tables,
                faq,
                worksheets,
                rituals_title,
                rituals_kicker,
                intros: front.intros.clone(),
                neutral,
                sheet_footer,
                people: front.people.clone().unwrap_or_else(|| {
                    ["A", "B"]
                        .iter()
                        .map(|n| strings.fmt("person_label", &[("n", n)]))
                        .collect()
                }),
                strings,
                own_strings,
                images: Default::default(),
                image_sources: Default::default(),
                cover: None,
                brand: Default::default(),
                back_cover: front
                    .back_cover
                    .as_deref()
                    .map(parse_blocks)
                    .unwrap_or_default(),
            },
        })
    }

    /// Every key under `strings:` in kintsugi.yaml must be one the tool has.
    fn strings(&mut self, c: &Source<crate::config::Config>) {
        for key in c.value.strings.keys() {
            if !crate::strings::is_key(key) {
                let d = c.diag_path(
                    &format!("strings.{key}"),
                    format!("`{key}` is not one of kintsugi's strings"),
                );
                self.push(d.with_hint(string_key_hint(key)));
            }
        }
    }

    /// The project's `i18n/<lang>.yaml` tables as (language, table); a key
    /// that is not one of kintsugi's strings, or a file name that is not a
    /// language tag, is an error at its place.
    fn i18n(
        &mut self,
        files: &[Source<std::collections::BTreeMap<String, String>>],
    ) -> Vec<(String, std::collections::BTreeMap<String, String>)> {
        let mut out = Vec::new();
        for f in files {
            let tag = f
                .file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            // Tables are found by `-` tags (`pt-BR`), so a file name takes no `_`.
            if tag.contains('_') || !crate::strings::is_language_tag(&tag) {
                let d = Diagnostic::new(
                    &f.file,
                    1,
                    1,
                    format!("`{tag}` is not a language tag, so kintsugi does not know which language these words are for"),
                )
                .with_hint("name the file after its language, as BCP 47 writes it: i18n/fr.yaml, i18n/pt-BR.yaml");
                self.push(d);
                continue;
            }
            for key in f.value.keys() {
                if !crate::strings::is_key(key) {
                    let d = f.diag_path(key, format!("`{key}` is not one of kintsugi's strings"));
                    self.push(d.with_hint(string_key_hint(key)));
                }
            }
            out.push((tag, f.value.clone()));
        }
        out
    }

    #[allow(clippy::type_complexity)]
    fn program_meta(
        &mut self,
        s: &Source<RawProgram>,
    ) -> (
        String,
        Option<String>,
        String,
        String,
        Vec<crate::model::text::Block>,
    ) {
        let p = &s.value;
        self.non_empty(s, "title", &p.title);
        if let Some(back) = &p.back_cover {
            self.non_empty(s, "back_cover", back);
        }
        if p.weeks == 0 || p.weeks > MAX_WEEKS {
            self.push(s.diag_at(
                "weeks",
                &p.weeks.to_string(),
                "a program has between 1 and 52 weeks",
            ));
        }
        (
            p.title.clone(),
            p.subtitle.clone(),
            p.audience.clone(),
            p.summary.clone(),
            parse_blocks(&s.body),
        )
    }

    fn non_empty<T>(&mut self, s: &Source<T>, key: &str, value: &str) {
        if value.trim().is_empty() {
            let (line, col) = s.locate("", key);
            self.push(
                Diagnostic::new(&s.file, line, col, format!("`{key}` is empty"))
                    .with_hint(format!("write a {key}; it is shown to readers")),
            );
        }
    }

    fn check_id<T>(&mut self, s: &Source<T>, id: &str) {
        if !is_safe_id(id) {
            let (line, col) = s.locate("id", id);
            self.push(
                Diagnostic::new(&s.file, line, col, format!("`{id}` is not a safe id"))
                    .with_hint(if is_reserved_name(id) {
                        "Windows cannot name a file `con`, `prn`, `aux`, `nul`, `com1`–`com9` or `lpt1`–`lpt9`; choose another id"
                    } else {
                        "use lower-case letters, digits and single hyphens, e.g. `two-minute-truth` (at most 64 characters)"
                    }),
            );
        }
    }

    fn unique_ids<'a, T: 'a>(
        &mut self,
        kind: &str,
        items: impl Iterator<Item = (&'a Source<T>, &'a str)>,
    ) {
        let mut seen: Vec<(&str, &Source<T>)> = Vec::new();
        for (s, id) in items {
            if let Some((_, first)) = seen.iter().find(|(x, _)| *x == id) {
                let (fl, _) = first.locate("id", id);
                let d = s
                    .diag_at("id", id, format!("duplicate {kind} id `{id}`"))
                    .with_hint(format!(
                        "`{}:{fl}` uses it already; ids must be unique",
                        first.file.display()
                    ));
                self.push(d);
            } else {
                seen.push((id, s));
            }
        }
    }

    fn exercise(&mut self, s: &Source<RawExercise>) -> Exercise {
        let e = &s.value;
        self.check_id(s, &e.id);
        self.non_empty(s, "title", &e.title);
        if e.steps.is_empty() {
            self.push(
                s.diag_at("", "steps", "an exercise needs at least one step")
                    .with_hint("list the steps under `steps:`"),
            );
        }
        Exercise {
            file: s.file.clone(),
            id: e.id.clone(),
            title: e.title.clone(),
            minutes: e.minutes,
            summary: e.summary.clone(),
            roles: e
                .roles
                .iter()
                .map(|r| Role {
                    who: r.who.clone(),
                    does: parse_inline(&r.does),
                })
                .collect(),
            steps: e.steps.iter().map(|x| parse_inline(x)).collect(),
            body: parse_blocks(&s.body),
        }
    }

    fn script(&mut self, s: &Source<RawScript>) -> Script {
        let r = &s.value;
        self.check_id(s, &r.id);
        self.non_empty(s, "title", &r.title);
        if r.parts.is_empty() && r.phrases.is_empty() {
            self.push(
                s.diag_at("", "id", "a script needs at least one part or phrase")
                    .with_hint("add `parts:` (name and text) or `phrases:` (a list)"),
            );
        }
        Script {
            file: s.file.clone(),
            id: r.id.clone(),
            title: r.title.clone(),
            kind: r.kind,
            summary: r.summary.clone(),
            parts: r
                .parts
                .iter()
                .map(|p| Part {
                    name: p.name.clone(),
                    text: parse_inline(&p.text),
                })
                .collect(),
            phrases: r.phrases.iter().map(|x| parse_inline(x)).collect(),
            body: parse_blocks(&s.body),
        }
    }

    fn table(&mut self, s: &Source<RawTable>) -> Table {
        let t = &s.value;
        self.check_id(s, &t.id);
        if t.columns.is_empty() {
            self.push(s.diag_at("", "columns", "a table needs at least one column"));
        }
        for (i, row) in t.rows.iter().enumerate() {
            if row.len() != t.columns.len() {
                self.push(
                    s.diag_path(
                        // At its first cell, or at the row itself when it has none.
                        &format!("rows.{i}.0"),
                        format!(
                            "row {} has {} but there {}",
                            i + 1,
                            crate::diag::count(row.len(), "cell", "cells"),
                            match t.columns.len() {
                                1 => "is 1 column".to_string(),
                                n => format!("are {n} columns"),
                            }
                        ),
                    )
                    .with_hint("give every row one cell per column, in the order of `columns`"),
                );
            }
        }
        Table {
            id: t.id.clone(),
            title: t.title.clone(),
            intro: parse_blocks(&t.intro),
            columns: t.columns.clone(),
            rows: t
                .rows
                .iter()
                .map(|r| r.iter().map(|c| parse_inline(c)).collect())
                .collect(),
        }
    }

    fn rituals(&mut self, s: &Source<RawRituals>) -> Option<(Vec<Ritual>, usize)> {
        let r = &s.value;
        for x in &r.rituals {
            self.check_id(s, &x.id);
        }
        self.unique_ids("ritual", r.rituals.iter().map(|x| (s, x.id.as_str())));
        let rituals: Vec<Ritual> = r
            .rituals
            .iter()
            .map(|x| Ritual {
                id: x.id.clone(),
                title: x.title.clone(),
                minutes: x.minutes,
                description: parse_blocks(&x.description),
            })
            .collect();
        let ids: Vec<&str> = rituals.iter().map(|x| x.id.as_str()).collect();
        match ids.iter().position(|x| *x == r.default) {
            Some(i) => Some((rituals, i)),
            None => {
                self.push(refs::unknown(s, "default", &r.default, "ritual", &ids));
                None
            }
        }
    }

    fn faq(&mut self, s: &Source<RawFaq>) -> Faq {
        let f = &s.value;
        for q in &f.questions {
            self.check_id(s, &q.id);
        }
        self.unique_ids("question", f.questions.iter().map(|q| (s, q.id.as_str())));
        Faq {
            title: f.title.clone(),
            questions: f
                .questions
                .iter()
                .map(|q| Question {
                    id: q.id.clone(),
                    question: q.question.clone(),
                    answer: parse_blocks(&q.answer),
                })
                .collect(),
        }
    }

    fn weeks(&mut self, raw: &RawProject, known: &refs::Known<'_>) -> Vec<Week> {
        // When program.md did not load, or its number of weeks is wrong, that
        // is reported there; the weeks are not measured against it again.
        let expected = known_weeks(raw);
        let mut weeks: Vec<(u32, Week)> = Vec::new();
        for s in &raw.weeks {
            let w = &s.value;
            if let Some(expected) = expected.filter(|e| w.week == 0 || w.week > *e) {
                let d = s.diag_at(
                    "week",
                    &w.week.to_string(),
                    format!(
                        "week {} is outside the program's {}",
                        w.week,
                        crate::diag::count(expected as usize, "week", "weeks")
                    ),
                );
                self.push(d.with_hint(format!(
                    "number weeks from 1 to {expected}, or change `weeks:` in content/program.md"
                )));
            } else if let Some((_, first)) = weeks.iter().find(|(n, _)| *n == w.week) {
                let d = s.diag_at(
                    "week",
                    &w.week.to_string(),
                    format!("week {} is defined twice", w.week),
                );
                self.push(d.with_hint(format!(
                    "another file already defines week {} (\"{}\")",
                    w.week, first.title
                )));
            }
            let refs = refs::check_week(s, known);
            self.diags.extend(
                refs.into_iter()
                    .filter(|(kind, _)| !self.failed.contains(*kind))
                    .map(|(_, d)| d),
            );
            weeks.push((w.week, week_model(s)));
        }
        if let (Some(p), Some(expected)) = (
            raw.program
                .as_ref()
                .filter(|_| !self.failed.contains("weeks")),
            expected,
        ) {
            for n in 1..=expected {
                if !weeks.iter().any(|(x, _)| *x == n) {
                    let d = p.diag_at(
                        "weeks",
                        &expected.to_string(),
                        format!("week {n} is missing"),
                    );
                    self.push(d.with_hint(format!(
                        "add content/weeks/week-{n}.md with `week: {n}` in its front matter"
                    )));
                }
            }
        }
        weeks.sort_by_key(|(n, _)| *n);
        weeks.dedup_by_key(|(n, _)| *n);
        weeks.into_iter().map(|(_, w)| w).collect()
    }
}

/// The hint for a key that is not one of kintsugi's strings: the nearest one, and where they are listed.
fn string_key_hint(key: &str) -> String {
    let list = "the keys are those of src/strings/en.yaml, listed in docs/content.md";
    match crate::diag::did_you_mean(key, crate::strings::keys()) {
        Some(best) => format!("did you mean `{best}`? {list}"),
        None => list.into(),
    }
}

/// A warning when neither kintsugi nor the project has words in the
/// project's language, a note when some are missing; the missing ones are
/// in English. Placed at `language:`.
fn language_note(project: &Project) -> Option<Diagnostic> {
    let tag = &project.config.language;
    let own = &project.program.own_strings;
    let missing = crate::strings::missing_for(tag, own);
    let total = crate::strings::keys().count();
    let known = crate::strings::builtin_language(tag).is_some() || own.has(tag);
    let text = std::fs::read_to_string(project.root.join("kintsugi.yaml")).unwrap_or_default();
    let (line, col) = crate::load::locate::Locator::new(&text)
        .value("language")
        .unwrap_or((1, 1));
    let file = format!("i18n/{tag}.yaml");
    let d = if !known || missing.len() == total {
        Diagnostic::new(
            "kintsugi.yaml",
            line,
            col,
            format!("kintsugi has no words in `{tag}`, so its own words (\"Contents\", \"Notes\", the site's menu) are in English"),
        )
        .with_hint(format!("write a table of your own in {file} (copy src/strings/en.yaml and translate it; the keys are listed in docs/content.md)"))
        .warning()
    } else if !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(8).copied().collect();
        let more = match missing.len() - shown.len() {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        Diagnostic::new(
            "kintsugi.yaml",
            line,
            col,
            format!(
                "the words in `{tag}` lack {}{more}, which are in English",
                shown.join(", ")
            ),
        )
        .with_hint(format!(
            "add them to {file} or under `strings:` in kintsugi.yaml"
        ))
        .note()
    } else {
        return None;
    };
    Some(d)
}

/// Everything `kintsugi check` reports about a project that loaded: the
/// warnings, and what laying the worksheets out finds (sheets that do not
/// fit are errors, which otherwise only a build would find).
pub fn review(project: &Project) -> Vec<Diagnostic> {
    let mut out = warnings(&project.program);
    out.extend(project.notices.iter().cloned());
    // Sheets are laid out as the public ones are printed: placeholders filled with neutral words.
    let program = crate::personalise::public(&project.program);
    out.extend(
        fit::review(&program, project.config.paper)
            .iter()
            .map(fit::Fit::diagnostic),
    );
    out.extend(language_note(project));
    out.extend(crate::render::site::sitemap_note(
        &project.root,
        &project.config.base_url,
    ));
    out.into_iter()
        .map(|d| d.with_source_from(&project.root))
        .collect()
}
