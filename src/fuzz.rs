//! Entry points for fuzzing: each takes any bytes and must return without a
//! panic, a hang or unbounded memory, whatever they hold.
//!
//! `fuzz/` (cargo-fuzz) drives them with libFuzzer; `tests/fuzz_corpus.rs`
//! runs them over the seed corpus and every input that once crashed, so
//! `cargo test` keeps those fixed.

use crate::load::{markdown, raw, yaml, LoadedItem, Source};
use crate::model::Project;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The bytes as text, the way a loader would see them (invalid UTF-8 is refused there).
fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// Front matter and YAML: split a Markdown file and read it as each kind of item.
pub fn front_matter(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let file = Path::new("content/weeks/fuzz.md");
    if let Ok(split) = markdown::split(t) {
        let _ = yaml::parse::<raw::RawWeek>(split.front, file, split.front_line);
        let _ = yaml::parse::<raw::RawExercise>(split.front, file, split.front_line);
        let _ = yaml::parse::<raw::RawScript>(split.front, file, split.front_line);
        let _ = crate::model::text::parse_blocks(split.body);
    }
    let _ = yaml::parse::<crate::config::Config>(t, Path::new("kintsugi.yaml"), 1);
    let _ = yaml::parse::<raw::RawWorksheet>(t, file, 1);
    let _ = yaml::parse::<raw::RawRituals>(t, file, 1);
    let _ = yaml::parse::<raw::RawFaq>(t, file, 1);
}

/// Markdown to blocks, then to HTML and plain text.
pub fn markdown(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let blocks = crate::model::text::parse_blocks(t);
    let _ = crate::render::site::html::blocks(&blocks);
    let _ = crate::model::text::plain_text(&blocks);
    let inlines = crate::model::text::parse_inline(t);
    let _ = crate::render::site::html::inlines(&inlines);
}

/// A profile and a people list (as YAML and as CSV), checked against the minimal program.
pub fn people(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let project = minimal();
    if let Ok(source) = crate::load::profile::parse_profile(Path::new("p.yaml"), t.to_string()) {
        let _ = crate::validate::profile::validate_profile(&source, &project.program);
    }
    for name in ["people.csv", "people.yaml"] {
        if let Ok(records) = crate::load::people::parse_people(Path::new(name), t) {
            for r in records.into_iter().flatten() {
                if let Ok(person) = crate::validate::profile::validate_profile(&r, &project.program)
                {
                    let _ = crate::app::personal::folder_name(&person);
                    let _ = crate::personalise::personalise(&project.program, &person, "en");
                }
            }
        }
    }
}

/// A worksheet file: read, checked against the minimal program and laid out on both papers.
pub fn worksheet(data: &[u8]) {
    let Some(t) = text(data) else { return };
    let project = minimal();
    let file = PathBuf::from("content/worksheets/fuzz.yaml");
    let Ok(value) = yaml::parse::<raw::RawWorksheet>(t, &file, 1) else {
        return;
    };
    let source = Source::new(file, t.to_string(), value, String::new(), 1);
    if let Ok(crate::validate::CheckedItem::Worksheet(sheet)) = crate::validate::item(
        &project.root,
        LoadedItem::Worksheet(source),
        &project.program,
    ) {
        for paper in [crate::model::Paper::A4, crate::model::Paper::Letter] {
            let _ = crate::render::worksheets::compose(&sheet, &project.program, "en", paper);
        }
    }
}

/// The whole check-and-build path on a generated project: the starter program
/// of `kintsugi new --minimal` with one of its files (chosen by the first
/// byte) replaced by the rest.
pub fn project(data: &[u8]) {
    const FILES: [&str; 9] = [
        "kintsugi.yaml",
        "content/program.md",
        "content/weeks/week-1.md",
        "content/exercises/three-breaths.md",
        "content/scripts/asking-for-quiet.md",
        "content/rituals.yaml",
        "content/faq.yaml",
        "content/tables/moments.yaml",
        "content/worksheets/daily-tracker.yaml",
    ];
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(dir) = tempfile::tempdir() else { return };
    let root = dir.path().join("p");
    if crate::app::scaffold::new_project(&root, true).is_err() {
        return;
    }
    if std::fs::write(root.join(FILES[first as usize % FILES.len()]), rest).is_err() {
        return;
    }
    if let Ok(mut project) = crate::check(&root) {
        let _ = crate::validate::review(&project);
        project.program = crate::personalise::public(&project.program);
        let _ = crate::render::render_all(&project, project.config.paper, false);
    }
}

/// Image files: read as a raster and as an SVG, and a readable one scaled
/// for the site as a big one would be.
pub fn image(data: &[u8]) {
    use crate::model::images::Image;
    for name in ["fuzz.png", "fuzz.svg"] {
        if let Ok(mut i) = Image::from_bytes(name.into(), data.into()) {
            // Pretend it is wide, so the site makes its small rendition.
            i.width = i.width.max(1300);
            let mut p = crate::model::Program::default();
            p.images.insert(i.key.clone(), i);
            let _ = crate::render::site::images::files(&p);
        }
    }
}

/// The minimal program, checked once per process.
fn minimal() -> &'static Project {
    static PROJECT: OnceLock<(tempfile::TempDir, Project)> = OnceLock::new();
    &PROJECT
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let root = dir.path().join("p");
            crate::app::scaffold::new_project(&root, true).expect("the minimal program");
            let project = crate::check(&root).expect("the minimal program checks");
            (dir, project)
        })
        .1
}
