//! Checks the links of content: `[text](@id)` to an item by id, and relative
//! links to files (`../exercises/breathing.md`), as an editor previews them.

use crate::diag::{did_you_mean, Diagnostic};
use crate::load::RawProject;
use crate::model::links::{self as model_links, Target};
use crate::model::Program;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Every link of the content that does not lead anywhere.
pub fn check(raw: &RawProject) -> Vec<Diagnostic> {
    let ids = ids(raw);
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let texts = super::content_texts(raw);
    let items: Vec<&Path> = texts.iter().map(|(f, _)| *f).collect();
    let statics: Vec<PathBuf> = raw
        .statics
        .iter()
        .map(|(p, _)| Path::new("static").join(p))
        .collect();
    let known = Known {
        root: &raw.root,
        ids: &ids,
        items: &items,
        statics: &statics,
    };
    let mut out = Vec::new();
    for (file, text) in &texts {
        for (i, line) in text.lines().enumerate() {
            // Images are checked in `images`, where their paths mean the same but `/` is static/.
            let images: Vec<usize> = super::images::refs(line)
                .iter()
                .map(|r| r.target_at)
                .collect();
            for (at, target) in targets(line) {
                if images.contains(&at) {
                    continue;
                }
                let col = line[..at].chars().count() + 1;
                if let Some(d) = known.check(file, i + 1, col, target) {
                    out.push(d);
                }
            }
        }
    }
    out
}

/// What each id and each item's file stands for, read before the raw project becomes the model.
pub struct Resolver {
    ids: HashMap<String, Target>,
    files: HashMap<PathBuf, Target>,
    /// The key of each image read, by its file (from the root).
    images: HashMap<PathBuf, String>,
}

impl Resolver {
    /// The items of a checked program, by id and by file; `tables` are the
    /// table files and ids (the model keeps no file for a table).
    pub fn of_program(p: &Program, tables: &[(PathBuf, String)]) -> Resolver {
        let mut r = Resolver {
            ids: HashMap::new(),
            files: HashMap::new(),
            images: p
                .images
                .values()
                .map(|i| (i.source.clone(), i.key.clone()))
                .chain(p.image_sources.iter().map(|(s, k)| (s.clone(), k.clone())))
                .collect(),
        };
        let mut add = |id: String, file: Option<&Path>, t: Target| {
            if let Some(file) = file {
                r.files.insert(file.to_path_buf(), t.clone());
            }
            r.ids.insert(id, t);
        };
        for w in &p.weeks {
            add(
                format!("week-{}", w.number),
                Some(&w.file),
                Target::Week(w.number),
            );
        }
        for e in &p.exercises {
            add(e.id.clone(), Some(&e.file), Target::Exercise(e.id.clone()));
        }
        for s in &p.scripts {
            add(s.id.clone(), Some(&s.file), Target::Script(s.id.clone()));
        }
        for w in &p.worksheets {
            add(w.id.clone(), Some(&w.file), Target::Worksheet(w.id.clone()));
        }
        for t in &p.tables {
            add(t.id.clone(), None, Target::Table(t.id.clone()));
        }
        for q in p.faq.iter().flat_map(|f| &f.questions) {
            add(q.id.clone(), None, Target::Question(q.id.clone()));
        }
        for (file, id) in tables {
            add(id.clone(), Some(file), Target::Table(id.clone()));
        }
        r
    }

    /// Writes the checked links of one item read again (see [`Resolver::resolve`]).
    pub fn resolve_item(&self, item: &mut super::CheckedItem) {
        let dir = Path::new("content");
        match item {
            super::CheckedItem::Week(w) => {
                model_links::in_week(w, &mut self.fixer(&dir.join("weeks")))
            }
            super::CheckedItem::Exercise(e) => {
                model_links::in_exercise(e, &mut self.fixer(&dir.join("exercises")))
            }
            super::CheckedItem::Script(s) => {
                model_links::in_script(s, &mut self.fixer(&dir.join("scripts")))
            }
            super::CheckedItem::Worksheet(w) => {
                model_links::in_worksheet(w, &mut self.fixer(&dir.join("worksheets")))
            }
        }
    }

    /// The target of a link written in a file of the folder `dir` (relative to the root).
    fn target(&self, dir: &Path, url: &str) -> Option<Target> {
        if let Some(id) = url.strip_prefix('@') {
            return self.ids.get(id).cloned();
        }
        let path = url.split(['#', '?']).next()?;
        // A `/`-rooted image is one of static/ (a link so written is to the site's root).
        if let Some(rest) = path.strip_prefix('/').filter(|r| !r.starts_with('/')) {
            let key = resolve(Path::new("static/x"), rest).and_then(|p| self.images.get(&p));
            return key.map(|k| Target::Image(k.clone()));
        }
        if is_external(url) {
            return None;
        }
        let resolved = resolve(&dir.join("x"), path)?;
        if let Some(key) = self.images.get(&resolved) {
            return Some(Target::Image(key.clone()));
        }
        if let Some(t) = self.files.get(&resolved) {
            return Some(t.clone());
        }
        let inside = resolved.strip_prefix("static").ok()?;
        let parts: Vec<_> = inside.iter().map(|c| c.to_string_lossy()).collect();
        Some(Target::Static(parts.join("/")))
    }

    /// Rewrites a url written in the folder `dir` to its target's, if it has one.
    fn fixer<'a>(&'a self, dir: &'a Path) -> impl FnMut(&mut String) + 'a {
        move |url: &mut String| {
            if let Some(t) = self.target(dir, url) {
                *url = t.url();
            }
        }
    }

    /// Writes every checked link of `p` as its [`Target`]'s url; links are read
    /// from the folder of the file they are in (`content/weeks` for a week).
    pub fn resolve(&self, p: &mut Program) {
        let dir = Path::new("content");
        let mut in_content = self.fixer(dir);
        model_links::in_blocks(&mut p.intro, &mut in_content);
        for r in &mut p.rituals {
            model_links::in_blocks(&mut r.description, &mut in_content);
        }
        for q in p.faq.iter_mut().flat_map(|f| &mut f.questions) {
            model_links::in_blocks(&mut q.answer, &mut in_content);
        }
        self.each(&mut p.weeks, "weeks", model_links::in_week);
        self.each(&mut p.exercises, "exercises", model_links::in_exercise);
        self.each(&mut p.scripts, "scripts", model_links::in_script);
        self.each(&mut p.tables, "tables", model_links::in_table);
        self.each(&mut p.worksheets, "worksheets", model_links::in_worksheet);
    }

    /// Resolves the links of `items`, whose files are in `content/<folder>`.
    fn each<T>(&self, items: &mut [T], folder: &str, walk: Walk<T>) {
        let dir = Path::new("content").join(folder);
        let mut f = self.fixer(&dir);
        items.iter_mut().for_each(|x| walk(x, &mut f));
    }
}

/// A walk over the link urls of one item (see [`crate::model::links`]).
type Walk<T> = fn(&mut T, &mut dyn FnMut(&mut String));

/// Every id a link may name: `week-N` for weeks, and the `id:` of exercises,
/// scripts, worksheets, tables and questions.
fn ids(raw: &RawProject) -> Vec<String> {
    let mut out: Vec<String> = raw
        .weeks
        .iter()
        .map(|w| format!("week-{}", w.value.week))
        .collect();
    out.extend(raw.exercises.iter().map(|s| s.value.id.clone()));
    out.extend(raw.scripts.iter().map(|s| s.value.id.clone()));
    out.extend(raw.worksheets.iter().map(|s| s.value.id.clone()));
    out.extend(raw.tables.iter().map(|s| s.value.id.clone()));
    if let Some(faq) = &raw.faq {
        out.extend(faq.value.questions.iter().map(|q| q.id.clone()));
    }
    out
}

struct Known<'a> {
    root: &'a Path,
    ids: &'a [&'a str],
    /// Content files that are items (relative to the root).
    items: &'a [&'a Path],
    /// Files of `static/` (relative to the root).
    statics: &'a [PathBuf],
}

impl Known<'_> {
    fn check(&self, file: &Path, line: usize, col: usize, target: &str) -> Option<Diagnostic> {
        let at = |msg: String| Diagnostic::new(file, line, col, msg);
        if let Some(id) = target.strip_prefix('@') {
            if self.ids.contains(&id) {
                return None;
            }
            // At the id itself, after the `@`, so the caret underlines it.
            let at = |msg: String| Diagnostic::new(file, line, col + 1, msg);
            let d = at(format!(
                "no week, exercise, script, worksheet, table or question has the id `{id}`"
            ));
            return Some(match did_you_mean(id, self.ids.iter().copied()) {
                Some(best) => d.with_hint(format!("did you mean `@{best}`?")),
                None => d.with_hint(
                    "link to an item by its `id:` (`@breathing`), or to a week by `@week-2`",
                ),
            });
        }
        if is_external(target) {
            return None;
        }
        let path = target.split(['#', '?']).next().unwrap_or_default();
        if path.is_empty() {
            return None;
        }
        let Some(resolved) = resolve(file, path) else {
            return Some(
                at(format!("`{path}` points outside the project")).with_hint(
                    "link to a content file or a file in static/, relative to this file",
                ),
            );
        };
        if self.items.iter().any(|p| *p == resolved) || self.statics.contains(&resolved) {
            return None;
        }
        if self.root.join(&resolved).is_file() {
            return Some(
                at(format!(
                    "`{path}` is neither a content item nor a file in static/, so the site will not have it"
                ))
                .with_hint("move the file into static/ and link to it there"),
            );
        }
        let d = at(format!(
            "`{path}` leads to `{}`, which does not exist",
            resolved.display()
        ));
        // The same file name elsewhere: the link is probably relative to the wrong folder.
        let name = resolved.file_name();
        let near = self
            .items
            .iter()
            .copied()
            .chain(self.statics.iter().map(PathBuf::as_path))
            .find(|p| p.file_name() == name);
        Some(match near {
            Some(p) => d.with_hint(format!("did you mean `{}`?", relative(file, p).display())),
            None => d.with_hint(
                "links to files are relative to the file they are in, as an editor previews them",
            ),
        })
    }
}

/// A link that is not to a file of the project: with a scheme, to the site's root, or to an anchor.
fn is_external(target: &str) -> bool {
    target.starts_with('/')
        || target.starts_with('#')
        || target.contains("://")
        || ["mailto:", "tel:"].iter().any(|s| target.starts_with(s))
}

/// `path` relative to the folder of `file`, both inside the root; None when it leaves the root.
pub(super) fn resolve(file: &Path, path: &str) -> Option<PathBuf> {
    let mut out: Vec<&std::ffi::OsStr> = Vec::new();
    let base = file.parent().unwrap_or(Path::new(""));
    for c in base.components().chain(Path::new(path).components()) {
        match c {
            Component::Normal(x) => out.push(x),
            Component::ParentDir => {
                out.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out.iter().collect())
}

/// The path from the folder of `file` to `to` (both relative to the root).
pub(super) fn relative(file: &Path, to: &Path) -> PathBuf {
    let base: Vec<_> = file
        .parent()
        .unwrap_or(Path::new(""))
        .components()
        .collect();
    let to_parts: Vec<_> = to.components().collect();
    let common = base
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for c in &to_parts[common..] {
        out.push(c);
    }
    out
}

/// The byte offset and target of each inline link `[text](target)` on `line`
/// (an optional `"title"` dropped; the offset is the target's).
fn targets(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = line[from..].find("](") {
        let start = from + i + 2;
        let Some(len) = line[start..].find(')') else {
            break;
        };
        let inner = line[start..start + len].trim();
        let target = inner
            .split_once(char::is_whitespace)
            .map_or(inner, |(t, _)| t)
            .trim_start_matches('<')
            .trim_end_matches('>');
        if !target.is_empty() {
            let lead = line[start..].len() - line[start..].trim_start().len();
            out.push((start + lead, target));
        }
        from = start + len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_link_targets_where_they_are() {
        assert_eq!(
            targets("See [a](@apology-card) and [b](../x.md \"T\")."),
            vec![(8, "@apology-card"), (31, "../x.md")]
        );
        assert!(targets("no links [here] (or here)").is_empty());
    }

    #[test]
    fn resolves_as_an_editor_previews() {
        let f = Path::new("content/weeks/week-1.md");
        assert_eq!(
            resolve(f, "../exercises/breathing.md"),
            Some(PathBuf::from("content/exercises/breathing.md"))
        );
        assert_eq!(resolve(f, "../../../etc/passwd"), None);
        assert_eq!(
            relative(
                Path::new("content/program.md"),
                Path::new("content/exercises/b.md")
            ),
            PathBuf::from("exercises/b.md")
        );
        assert_eq!(
            relative(f, Path::new("static/map.pdf")),
            PathBuf::from("../../static/map.pdf")
        );
    }

    #[test]
    fn external_links_are_not_files() {
        for t in ["https://x.org/a", "mailto:a@b.c", "/guide/", "#top"] {
            assert!(is_external(t), "{t}");
        }
        assert!(!is_external("../x.md"));
    }
}
