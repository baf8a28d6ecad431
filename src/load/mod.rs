//! Load: reads a project folder into raw serde structs, each knowing its file.
//!
//! Takes a project root; gives a [`RawProject`] plus every syntax or shape
//! problem as a [`Diagnostic`]. A file that cannot be parsed is reported and
//! left out, so one broken file never hides the problems of the others. No
//! judgement about content happens here: that is `validate`'s job.

pub mod locate;
pub mod markdown;
pub mod people;
pub mod profile;
pub mod raw;
pub mod yaml;

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use anyhow::{Context, Result};
use raw::*;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// A parsed value with the file it came from.
#[derive(Debug, Clone)]
pub struct Source<T> {
    /// Path relative to the project root.
    pub file: PathBuf,
    /// The whole file text, for positioning later diagnostics.
    pub text: String,
    /// The parsed value.
    pub value: T,
    /// For Markdown files: the body and the line it starts on.
    pub body: String,
    /// 1-based line of the first body line.
    pub body_line: usize,
    /// Where each key and value of the YAML is, read when a problem needs placing.
    places: std::sync::OnceLock<locate::Locator>,
}

impl<T> Source<T> {
    /// A value read from `text` (a YAML file, or a Markdown file whose body is `body`).
    pub fn new(file: PathBuf, text: String, value: T, body: String, body_line: usize) -> Source<T> {
        Source {
            file,
            text,
            value,
            body,
            body_line,
            places: Default::default(),
        }
    }

    /// Where the node at `path` (`blocks.2.log.rows`) is named in the file,
    /// or the nearest enclosing node that is; the top of the file otherwise.
    pub fn at(&self, path: &str) -> (usize, usize) {
        self.places().nearest(path).unwrap_or((1, 1))
    }

    /// Where the value at `path` starts, else where the nearest node is named.
    pub fn value_at(&self, path: &str) -> (usize, usize) {
        self.places().value(path).unwrap_or_else(|| self.at(path))
    }

    /// A diagnostic at the node at `path` (see [`Source::at`]).
    pub fn diag_path(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.at(path);
        Diagnostic::new(&self.file, line, col, message)
    }

    fn places(&self) -> &locate::Locator {
        self.places.get_or_init(|| locate::Locator::new(&self.text))
    }

    /// Position of the first occurrence of `needle` as a whole token, searching
    /// from the first line that contains `after` (a key name).
    ///
    /// serde_yaml keeps no positions for values that parsed fine, so references
    /// are located in the text; that is exact for ids, which are unique tokens.
    pub fn locate(&self, after: &str, needle: &str) -> (usize, usize) {
        let mut started = after.is_empty();
        for (i, line) in self.text.lines().enumerate() {
            if !started {
                let t = line.trim_start().trim_start_matches("- ");
                if t.starts_with(after) && t[after.len()..].starts_with(':') {
                    started = true;
                } else {
                    continue;
                }
            }
            if let Some(col) = find_token(line, needle) {
                return (i + 1, line[..col].chars().count() + 1);
            }
        }
        (1, 1)
    }

    /// A diagnostic at the place of `needle` after the key `after`.
    pub fn diag_at(&self, after: &str, needle: &str, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.locate(after, needle);
        Diagnostic::new(&self.file, line, col, message)
    }
}

fn find_token(line: &str, needle: &str) -> Option<usize> {
    let is_id_char = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let mut from = 0;
    while let Some(i) = line[from..].find(needle) {
        let at = from + i;
        let before = line[..at].chars().next_back();
        let after = line[at + needle.len()..].chars().next();
        if !before.is_some_and(is_id_char) && !after.is_some_and(is_id_char) {
            return Some(at);
        }
        // Past the match, or past one whole character for an empty needle.
        match line[at..].chars().next() {
            Some(c) => from = at + needle.len().max(c.len_utf8()),
            None => return None,
        }
    }
    None
}

/// Everything read from a project folder.
#[derive(Debug, Clone, Default)]
pub struct RawProject {
    pub root: PathBuf,
    pub config: Option<Source<Config>>,
    pub program: Option<Source<RawProgram>>,
    pub weeks: Vec<Source<RawWeek>>,
    pub exercises: Vec<Source<RawExercise>>,
    pub scripts: Vec<Source<RawScript>>,
    pub rituals: Option<Source<RawRituals>>,
    pub tables: Vec<Source<RawTable>>,
    pub faq: Option<Source<RawFaq>>,
    pub worksheets: Vec<Source<RawWorksheet>>,
    /// The brand file, read as YAML: brand.yml has many keys kintsugi has no
    /// use for, so `validate` reads what it can and warns about the rest.
    pub brand: Option<Source<serde_yaml::Value>>,
    /// The project's own words for the tool's strings, one `i18n/<lang>.yaml` per language.
    pub i18n: Vec<Source<std::collections::BTreeMap<String, String>>>,
    /// The project's own site templates: (name, text), overriding built-in ones.
    pub templates: Vec<(String, String)>,
    /// Files from the project's `static/` folder (path inside it, bytes), copied into the site.
    pub statics: Vec<(PathBuf, Vec<u8>)>,
}

/// Reads the project at `root`. I/O failures are errors; content problems are diagnostics.
pub fn load(root: &Path) -> Result<(RawProject, Vec<Diagnostic>)> {
    if !root.join("kintsugi.yaml").is_file() {
        let place = if root.is_dir() {
            format!("there is no kintsugi.yaml in {}", root.display())
        } else {
            format!(
                "there is no kintsugi.yaml at {}: the folder does not exist",
                root.display()
            )
        };
        anyhow::bail!(
            "{place}, so it is not a kintsugi project; run `kintsugi new DIR` to start one, or pass --root with the folder that holds kintsugi.yaml"
        );
    }
    let mut diags = Vec::new();
    let mut l = Loader {
        root,
        diags: &mut diags,
        resolved: Default::default(),
    };
    let content = root.join("content");
    let config: Option<Source<Config>> = l.required_yaml(&root.join("kintsugi.yaml"))?;
    let brand = match config.as_ref().and_then(|c| c.value.brand.clone()) {
        Some(named) => {
            let path = root.join(&named);
            if path.is_file() {
                l.yaml(&path)?
            } else {
                let c = config.as_ref().expect("named by the config");
                let (line, col) = c.value_at("brand");
                let d = Diagnostic::new(&c.file, line, col, format!("the brand file `{named}` does not exist"))
                    .with_hint("give its path from the project folder, or remove `brand:` to use `_brand.yml` or the built-in look");
                l.diags.push(d);
                None
            }
        }
        None => match ["_brand.yml", "_brand/_brand.yml", "_brand.yaml"]
            .iter()
            .map(|n| root.join(n))
            .find(|p| p.is_file())
        {
            Some(path) => l.yaml(&path)?,
            None => None,
        },
    };
    let project = RawProject {
        root: root.to_path_buf(),
        config,
        brand,
        program: l.required_markdown(&content.join("program.md"))?,
        weeks: l.markdown_dir(&content.join("weeks"))?,
        exercises: l.markdown_dir(&content.join("exercises"))?,
        scripts: l.markdown_dir(&content.join("scripts"))?,
        rituals: l.optional_yaml(&content.join("rituals.yaml"))?,
        tables: l.yaml_dir(&content.join("tables"))?,
        faq: l.optional_yaml(&content.join("faq.yaml"))?,
        worksheets: l.yaml_dir(&content.join("worksheets"))?,
        i18n: l.yaml_dir(&root.join("i18n"))?,
        templates: load_templates(&root.join("templates"))?,
        statics: load_static(&root.join("static"))?,
    };
    Ok((project, diags))
}

/// One week, exercise, script or worksheet file, read by itself.
#[derive(Debug, Clone)]
pub enum LoadedItem {
    Week(Source<RawWeek>),
    Exercise(Source<RawExercise>),
    Script(Source<RawScript>),
    Worksheet(Source<RawWorksheet>),
}

/// Reads one week, exercise, script or worksheet file (for `serve`, after an
/// edit). None when `path` is not such a file; a syntax problem comes back as
/// its diagnostics.
pub fn load_item(root: &Path, path: &Path) -> Result<Option<Result<LoadedItem, Vec<Diagnostic>>>> {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let (Some(top), Some(folder), Some(name), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(None);
    };
    if top != "content" {
        return Ok(None);
    }
    let mut diags = Vec::new();
    let mut l = Loader {
        root,
        diags: &mut diags,
        resolved: Default::default(),
    };
    let loaded = match (folder.as_ref(), name.rsplit_once('.').map(|(_, e)| e)) {
        ("weeks", Some("md")) => l.markdown(path)?.map(LoadedItem::Week),
        ("exercises", Some("md")) => l.markdown(path)?.map(LoadedItem::Exercise),
        ("scripts", Some("md")) => l.markdown(path)?.map(LoadedItem::Script),
        ("worksheets", Some("yaml")) => l.yaml(path)?.map(LoadedItem::Worksheet),
        _ => return Ok(None),
    };
    Ok(Some(loaded.ok_or(diags)))
}

struct Loader<'a> {
    root: &'a Path,
    diags: &'a mut Vec<Diagnostic>,
    /// The project folder and the folders files were read from, with every
    /// link resolved: resolved once each, not once per file.
    resolved: std::collections::HashMap<PathBuf, Option<PathBuf>>,
}

impl Loader<'_> {
    fn rel(&self, path: &Path) -> PathBuf {
        path.strip_prefix(self.root).unwrap_or(path).to_path_buf()
    }

    fn required_yaml<T: DeserializeOwned>(&mut self, path: &Path) -> Result<Option<Source<T>>> {
        if !path.is_file() {
            self.missing(path);
            return Ok(None);
        }
        self.yaml(path)
    }

    /// A file a program may leave out: None when it is not there.
    fn optional_yaml<T: DeserializeOwned>(&mut self, path: &Path) -> Result<Option<Source<T>>> {
        if !path.exists() {
            return Ok(None);
        }
        self.yaml(path)
    }

    fn required_markdown<T: DeserializeOwned>(&mut self, path: &Path) -> Result<Option<Source<T>>> {
        if !path.is_file() {
            self.missing(path);
            return Ok(None);
        }
        self.markdown(path)
    }

    fn missing(&mut self, path: &Path) {
        let d = Diagnostic::new(self.rel(path), 1, 1, "this file is missing")
            .with_hint("every project needs it; `kintsugi new --minimal DIR` writes a small project with one to copy from");
        self.diags.push(d);
    }

    /// A folder with every link resolved, remembered for the next file in it.
    fn resolve_dir(&mut self, dir: &Path) -> Option<PathBuf> {
        self.resolved
            .entry(dir.to_path_buf())
            .or_insert_with(|| dir.canonicalize().ok())
            .clone()
    }

    /// Where `path` really is: its folder resolved (once per folder), and the
    /// file itself resolved only when it is a link.
    fn resolve(&mut self, path: &Path) -> Option<PathBuf> {
        let is_link = path.symlink_metadata().ok()?.file_type().is_symlink();
        match (is_link, path.parent(), path.file_name()) {
            (false, Some(dir), Some(name)) => Some(self.resolve_dir(dir)?.join(name)),
            _ => path.canonicalize().ok(),
        }
    }

    /// A file's text, or None when it is not readable text (reported as a diagnostic).
    fn read(&mut self, path: &Path) -> Result<Option<String>> {
        // A link (to the file or a folder above it) may point anywhere on the
        // machine; only files inside the project are read.
        {
            let target = self.resolve(path);
            let root = self.resolve_dir(self.root);
            if let (Some(target), Some(root)) = (&target, &root) {
                if !target.starts_with(root) {
                    let d = Diagnostic::new(
                        self.rel(path),
                        1,
                        1,
                        format!(
                            "this file is a link to {}, outside the project",
                            target.display()
                        ),
                    )
                    .with_hint("copy the file into the project; links that lead out of it are not followed");
                    self.diags.push(d);
                    return Ok(None);
                }
            }
        }
        match crate::fs::read_text(path) {
            Ok(text) => Ok(Some(text)),
            Err(e) => match e.downcast::<Diagnostics>() {
                Ok(d) => {
                    let rel = self.rel(path);
                    self.diags.extend(d.0.into_iter().map(|mut x| {
                        x.file = rel.clone();
                        x
                    }));
                    Ok(None)
                }
                Err(e) => Err(e),
            },
        }
    }

    fn yaml<T: DeserializeOwned>(&mut self, path: &Path) -> Result<Option<Source<T>>> {
        let Some(text) = self.read(path)? else {
            return Ok(None);
        };
        let file = self.rel(path);
        match yaml::parse(&text, &file, 1) {
            Ok(value) => Ok(Some(Source::new(file, text, value, String::new(), 1))),
            Err(d) => {
                self.diags.extend(d);
                Ok(None)
            }
        }
    }

    fn markdown<T: DeserializeOwned>(&mut self, path: &Path) -> Result<Option<Source<T>>> {
        let Some(text) = self.read(path)? else {
            return Ok(None);
        };
        let file = self.rel(path);
        let split = match markdown::split(&text) {
            Ok(s) => s,
            Err(e) => {
                let (line, msg) = match e {
                    markdown::SplitError::NoOpening => {
                        (1, "the file does not start with front matter")
                    }
                    markdown::SplitError::Unclosed => (1, "the front matter is not closed"),
                };
                let d = Diagnostic::new(file, line, 1, msg).with_hint(
                    "put the YAML front matter between two lines of `---` at the very top",
                );
                self.diags.push(d);
                return Ok(None);
            }
        };
        match yaml::parse(split.front, &file, split.front_line) {
            Ok(value) => Ok(Some(Source::new(
                file,
                text.clone(),
                value,
                split.body.to_string(),
                split.body_line,
            ))),
            Err(d) => {
                self.diags.extend(d);
                Ok(None)
            }
        }
    }

    fn markdown_dir<T: DeserializeOwned>(&mut self, dir: &Path) -> Result<Vec<Source<T>>> {
        let mut out = Vec::new();
        for path in crate::fs::list_files(dir, "md")? {
            out.extend(self.markdown(&path)?);
        }
        Ok(out)
    }

    fn yaml_dir<T: DeserializeOwned>(&mut self, dir: &Path) -> Result<Vec<Source<T>>> {
        let mut out = Vec::new();
        for path in crate::fs::list_files(dir, "yaml")? {
            out.extend(self.yaml(&path)?);
        }
        Ok(out)
    }
}

/// Every file under `static/`, with its path inside the folder; links are not followed.
fn load_static(dir: &Path) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) -> Result<()> {
        for entry in
            std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?
        {
            let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
            let kind = entry
                .file_type()
                .with_context(|| format!("cannot read {}", entry.path().display()))?;
            let path = entry.path();
            if kind.is_dir() {
                walk(base, &path, out)?;
            } else if kind.is_file() {
                let bytes = std::fs::read(&path)
                    .with_context(|| format!("cannot read {}", path.display()))?;
                out.push((
                    path.strip_prefix(base).unwrap_or(&path).to_path_buf(),
                    bytes,
                ));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    if dir.is_dir() {
        walk(dir, dir, &mut out)?;
    }
    out.sort();
    Ok(out)
}

fn load_templates(dir: &Path) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for ext in ["html", "css", "js", "xml", "svg"] {
        for path in crate::fs::list_files(dir, ext)? {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            out.push((name, crate::fs::read_text(&path)?));
        }
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_tokens_after_a_key() {
        let s = Source::new(
            "w.md".into(),
            "---\ntitle: truth\nexercises: [two-minute-truth, truth]\n---\n".into(),
            (),
            String::new(),
            5,
        );
        assert_eq!(s.locate("exercises", "truth"), (3, 31));
        assert_eq!(s.locate("", "truth"), (2, 8));
        // An empty needle never slices inside a character, nor past the end.
        assert_eq!(find_token("ü-é", ""), None);
        assert_eq!(find_token("", ""), Some(0));
    }
}
