//! Checks the links of content: `[text](@id)` to an item by id, and relative
//! links to files (`../exercises/breathing.md`), as an editor previews them.

use crate::diag::{did_you_mean, Diagnostic};
use crate::load::RawProject;
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
            for (at, target) in targets(line) {
                let col = line[..at].chars().count() + 1;
                if let Some(d) = known.check(file, i + 1, col, target) {
                    out.push(d);
                }
            }
        }
    }
    out
}

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
fn resolve(file: &Path, path: &str) -> Option<PathBuf> {
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
fn relative(file: &Path, to: &Path) -> PathBuf {
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
