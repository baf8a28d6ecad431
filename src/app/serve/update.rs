//! The fast path of `serve`: after an edit that changed only the text of
//! existing weeks, exercises, scripts or worksheets, those files are read and
//! checked again by themselves and only their own pages are rendered.
//!
//! Anything that other pages show (an id, a title, a summary, a week's tasks
//! or references), a new or removed file, or a file of another kind asks for a
//! full rebuild instead, so the result is always the same as a full build
//! (tests/serve.rs checks that page by page).

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{self, LoadedItem};
use crate::model::Paper;
use crate::model::Project;
use crate::personalise::{placeholders, Vars};
use crate::render::site::{self, PageOf, SiteFile};
use crate::validate::{self, CheckedItem};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// What an edit needs.
#[derive(Debug)]
pub enum Update {
    /// Only these pages changed; `project` holds the edited items.
    Pages(Vec<SiteFile>),
    /// The edited files have problems; `project` is unchanged.
    Errors(Diagnostics),
    /// Anything else: check and render the whole project.
    Full,
}

/// Tries the fast path for the files at `paths` (absolute, under `root`).
pub fn update(
    root: &Path,
    project: &mut Project,
    paths: &[PathBuf],
    paper: Paper,
) -> Result<Update> {
    let mut items = Vec::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    for path in paths {
        if !path.is_file() {
            return Ok(Update::Full);
        }
        let loaded = match load::load_item(root, path)? {
            None => return Ok(Update::Full),
            Some(Err(diags)) => {
                if !is_known(project, path.strip_prefix(root).unwrap_or(path)) {
                    return Ok(Update::Full);
                }
                errors.extend(diags);
                continue;
            }
            Some(Ok(loaded)) => loaded,
        };
        if !is_known(project, file_of(&loaded)) {
            return Ok(Update::Full);
        }
        match validate::item(root, loaded, &project.program) {
            Ok(item) => items.push(item),
            Err(d) => errors.extend(d.0),
        }
    }
    if !errors.is_empty() {
        return Ok(Update::Errors(
            Diagnostics(errors).sorted().with_sources(root),
        ));
    }
    // Public pages get neutral words for placeholders, as in a full build.
    let vars = Vars::neutral(&project.program);
    let mut pages = Vec::new();
    for item in &mut items {
        match item {
            CheckedItem::Week(w) => placeholders::week(w, &vars),
            CheckedItem::Exercise(e) => placeholders::exercise(e, &vars),
            CheckedItem::Script(s) => placeholders::script(s, &vars),
            CheckedItem::Worksheet(w) => {
                placeholders::worksheet(w, &vars);
                // Laid out as the build would, so a sheet that no longer fits is an error here too.
                if let Err(d) = crate::render::worksheets::page_share(w, &project.program, paper) {
                    errors.push(d);
                }
            }
        }
        if !same_listing(project, item) {
            return Ok(Update::Full);
        }
    }
    if !errors.is_empty() {
        return Ok(Update::Errors(
            Diagnostics(errors).sorted().with_sources(root),
        ));
    }
    let p = &mut project.program;
    for item in items {
        match item {
            CheckedItem::Week(w) => {
                pages.push(PageOf::Week(w.number));
                if let Some(slot) = p.weeks.iter_mut().find(|x| x.number == w.number) {
                    *slot = w;
                }
            }
            CheckedItem::Exercise(e) => {
                pages.push(PageOf::Exercise(e.id.clone()));
                if let Some(slot) = p.exercises.iter_mut().find(|x| x.id == e.id) {
                    *slot = e;
                }
            }
            CheckedItem::Script(s) => {
                pages.push(PageOf::Script(s.id.clone()));
                if let Some(slot) = p.scripts.iter_mut().find(|x| x.id == s.id) {
                    *slot = s;
                }
            }
            CheckedItem::Worksheet(w) => {
                pages.push(PageOf::Worksheet(w.id.clone()));
                if let Some(slot) = p.worksheets.iter_mut().find(|x| x.id == w.id) {
                    *slot = w;
                }
            }
        }
    }
    Ok(Update::Pages(site::render_pages(project, paper, &pages)?))
}

fn file_of(loaded: &LoadedItem) -> &Path {
    match loaded {
        LoadedItem::Week(s) => &s.file,
        LoadedItem::Exercise(s) => &s.file,
        LoadedItem::Script(s) => &s.file,
        LoadedItem::Worksheet(s) => &s.file,
    }
}

/// Does an item of the project come from this file (relative to the root)?
fn is_known(project: &Project, file: &Path) -> bool {
    let p = &project.program;
    p.weeks.iter().any(|x| x.file == file)
        || p.exercises.iter().any(|x| x.file == file)
        || p.scripts.iter().any(|x| x.file == file)
        || p.worksheets.iter().any(|x| x.file == file)
}

/// Is everything that pages other than the item's own show unchanged? The
/// item must also come from the same file as before.
fn same_listing(project: &Project, item: &CheckedItem) -> bool {
    let p = &project.program;
    match item {
        CheckedItem::Week(w) => p.weeks.iter().any(|o| {
            o.file == w.file
                && o.number == w.number
                && o.title == w.title
                && o.focus == w.focus
                && o.tasks == w.tasks
                && o.exercises == w.exercises
                && o.scripts == w.scripts
                && o.worksheets == w.worksheets
        }),
        CheckedItem::Exercise(e) => p.exercises.iter().any(|o| {
            o.file == e.file
                && o.id == e.id
                && o.title == e.title
                && o.summary == e.summary
                && o.minutes == e.minutes
        }),
        CheckedItem::Script(s) => p.scripts.iter().any(|o| {
            o.file == s.file && o.id == s.id && o.title == s.title && o.summary == s.summary
        }),
        CheckedItem::Worksheet(w) => p.worksheets.iter().any(|o| {
            o.file == w.file
                && o.id == w.id
                && o.title == w.title
                && o.subtitle == w.subtitle
                && o.orientation == w.orientation
        }),
    }
}
