//! Checks and reads the images of content: `![alt](path "title")`, a path
//! relative to the Markdown file as editors preview it, or `/`-rooted from
//! the project's `static/`. Each file is read and measured here, once; the
//! model keeps it by a key of its bytes (see [`crate::model::images`]).

use super::links::resolve;
use crate::diag::Diagnostic;
use crate::load::RawProject;
use crate::model::images::{is_decorative, is_web, Image, ImageFormat, Unreadable};
use crate::model::text::ImageWidth;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The workbook's text width, A4 less its margins (210 − 44 mm): a picture
/// is placed across it, so this is the width its pixels spread over in print.
const TEXT_WIDTH_MM: f64 = 166.0;

/// Below this a raster looks soft in print.
const MIN_DPI: f64 = 150.0;

/// What [`check`] found: errors, warnings, and the images it read.
#[derive(Default)]
pub struct Found {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// By key.
    pub images: BTreeMap<String, Image>,
    /// The key of each file read (from the root): two files with the same
    /// bytes are one image under two names.
    pub sources: BTreeMap<PathBuf, String>,
    /// The key of the cover picture (`cover:` in program.md).
    pub cover: Option<String>,
}

/// One `![alt](target "title")` on a line, by byte offsets into it.
#[derive(Debug, PartialEq)]
pub struct ImageRef<'a> {
    /// Where the `!` is.
    pub at: usize,
    pub alt: &'a str,
    pub target: &'a str,
    /// Where the target starts.
    pub target_at: usize,
    pub title: &'a str,
    /// What follows the `)` when it is a `{…}` group: the width it gives,
    /// if it gives one kintsugi reads, and where the group is.
    pub attribute: Option<(Option<ImageWidth>, usize)>,
}

/// Every inline image on `line`.
pub fn refs(line: &str) -> Vec<ImageRef<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = line[from..].find("![") {
        let at = from + i;
        let alt_start = at + 2;
        from = alt_start;
        // The alt text may hold brackets of its own, in pairs.
        let mut depth = 0usize;
        let mut close = None;
        for (j, c) in line[alt_start..].char_indices() {
            match c {
                '[' => depth += 1,
                ']' if depth == 0 => {
                    close = Some(alt_start + j);
                    break;
                }
                ']' => depth -= 1,
                _ => {}
            }
        }
        let Some(close) = close else { break };
        if !line[close + 1..].starts_with('(') {
            continue;
        }
        let start = close + 2;
        let Some(len) = line[start..].find(')') else {
            break;
        };
        let inner = &line[start..start + len];
        let lead = inner.len() - inner.trim_start().len();
        let inner = inner.trim();
        let (target, title) = inner
            .split_once(char::is_whitespace)
            .map_or((inner, ""), |(t, rest)| (t, rest.trim()));
        let title = title
            .strip_prefix(['"', '\''])
            .and_then(|t| t.strip_suffix(['"', '\'']))
            .unwrap_or(title);
        let after = start + len + 1;
        let attribute = line[after..]
            .starts_with('{')
            .then(|| (ImageWidth::attribute(&line[after..]).map(|(w, _)| w), after));
        out.push(ImageRef {
            at,
            alt: &line[alt_start..close],
            target: target.trim_start_matches('<').trim_end_matches('>'),
            target_at: start + lead,
            title,
            attribute,
        });
        from = start + len;
    }
    out
}

/// Every image of the content, checked and read.
pub fn check(raw: &RawProject) -> Found {
    let statics: HashMap<PathBuf, &Vec<u8>> = raw
        .statics
        .iter()
        .map(|(p, b)| (Path::new("static").join(p), b))
        .collect();
    let mut r = Reader {
        root: &raw.root,
        statics,
        read: HashMap::new(),
        found: Found::default(),
        names: None,
    };
    for (file, text) in super::content_texts(raw) {
        for (i, line) in text.lines().enumerate() {
            for x in refs(line) {
                r.one(file, i + 1, line, &x);
            }
        }
    }
    if let Some(p) = &raw.program {
        if let Some(cover) = &p.value.cover {
            r.cover(p, cover);
        }
    }
    for sheet in &raw.worksheets {
        super::sheets::images(sheet, &mut r);
    }
    r.found.sources = r
        .read
        .iter()
        .filter_map(|(p, k)| Some((p.clone(), k.clone().ok()?)))
        .collect();
    r.found
}

/// The file (from the root) an image path written in `file` names: relative
/// to it, or `/`-rooted from static/; None when it climbs out of the project.
pub fn source(file: &Path, path: &str) -> Option<PathBuf> {
    match path.strip_prefix('/') {
        Some(rest) => resolve(Path::new("static/x"), rest),
        None => resolve(file, path),
    }
}

/// How wide a picture prints, for the dpi it gets: millimetres, and the
/// words saying so in the warning.
pub(super) struct Placed {
    pub mm: f64,
    pub across: String,
}

impl Placed {
    /// `mm` wide as the author gave it.
    pub fn given(mm: f64) -> Placed {
        Placed {
            mm,
            across: format!("at the {} mm it is given", mm.round()),
        }
    }
}

pub(super) struct Reader<'a> {
    /// What was found so far.
    pub found: Found,
    root: &'a Path,
    /// `static/` as loaded, by path from the root.
    statics: HashMap<PathBuf, &'a Vec<u8>>,
    /// Each file read so far: its key, or why it is no image.
    read: HashMap<PathBuf, Result<String, Unreadable>>,
    /// Files of content/ and static/ (from the root), listed when first needed.
    names: Option<Vec<PathBuf>>,
}

impl Reader<'_> {
    fn one(&mut self, file: &Path, line: usize, text: &str, x: &ImageRef) {
        let col = |at: usize| text[..at].chars().count() + 1;
        let at = |msg: String| Diagnostic::new(file, line, col(x.target_at), msg);
        if x.alt.trim().is_empty() && !is_decorative(x.alt, x.title) {
            self.found.errors.push(
                Diagnostic::new(file, line, col(x.at), "this image has no alt text".to_string())
                    .with_hint("say what it shows, `![two chairs by a window](…)`, for readers who cannot see it; a picture that only decorates is marked `![](… \"decorative\")`"),
            );
        }
        if is_web(x.target) {
            // The site links the picture where it is; the PDF cannot (kintsugi fetches nothing).
            self.found.warnings.push(
                at(format!(
                    "`{}` is on the web: the site shows it from there, the PDF prints its alt text instead",
                    x.target
                ))
                .with_hint("save the picture in the project (beside this file, or in static/) and give its path")
                .warning(),
            );
            return;
        }
        if let Some((None, group)) = x.attribute {
            self.found.warnings.push(
                Diagnostic::new(file, line, col(group), "kintsugi reads only a width in braces after an image, so this prints as written".to_string())
                    .with_hint("write the width as `{width=60%}` (of the text width) or `{width=8cm}` (mm, cm, in, px, pt); other attributes are not used")
                    .warning(),
            );
        }
        if x.target.is_empty() {
            return;
        }
        let width = x.attribute.and_then(|(w, _)| w);
        let placed = match width {
            None => Placed {
                mm: TEXT_WIDTH_MM,
                across: "across the workbook's text width".to_string(),
            },
            Some(w) => Placed::given(w.mm(TEXT_WIDTH_MM)),
        };
        self.file(file, x.target, &at, &placed);
    }

    /// Checks and reads the image file `target` names from `file` (a path
    /// relative to it, or `/`-rooted from static/), placed `placed` wide;
    /// problems are made at the target's place by `at`. Its key, once read.
    pub(super) fn file(
        &mut self,
        file: &Path,
        target: &str,
        at: &dyn Fn(String) -> Diagnostic,
        placed: &Placed,
    ) -> Option<String> {
        let path = target.split(['#', '?']).next().unwrap_or_default();
        let scheme = path.split_once(':').is_some_and(|(s, _)| !s.contains('/'));
        if scheme || path.starts_with("//") {
            self.found.errors.push(
                at(format!(
                    "`{path}` is not an address kintsugi can show an image from"
                ))
                .with_hint("give the path of a file in the project, or an http(s) address"),
            );
            return None;
        }
        let Some(resolved) = source(file, path).filter(|p| self.inside(p)) else {
            self.found.errors.push(
                at(format!("`{path}` points outside the project")).with_hint(
                    "keep images in the project: beside the file that shows them, or in static/ as `/name.png`",
                ),
            );
            return None;
        };
        if !self.statics.contains_key(&resolved) && !self.root.join(&resolved).is_file() {
            let d = at(format!(
                "the image `{path}` leads to `{}`, which does not exist",
                resolved.display()
            ));
            let name = resolved.file_name().map(|n| n.to_ascii_lowercase());
            let near = self
                .names()
                .iter()
                .find(|p| p.file_name().map(|n| n.to_ascii_lowercase()) == name)
                .cloned();
            self.found.errors.push(match near {
                Some(p) => d.with_hint(format!(
                    "did you mean `{}`?",
                    super::links::relative(file, &p).display()
                )),
                None => d.with_hint(
                    "an image's path is relative to the file it is in, as an editor previews it; `/name.png` is static/name.png",
                ),
            });
            return None;
        }
        let key = match self.read(&resolved) {
            Ok(key) => key,
            Err(Unreadable::Unsupported(kind)) => {
                self.found.errors.push(
                    at(format!(
                        "`{path}` is a {kind} image, which kintsugi does not show"
                    ))
                    .with_hint("save it as PNG, JPEG, GIF, WebP or SVG"),
                );
                return None;
            }
            Err(Unreadable::Corrupt(why)) => {
                self.found
                    .errors
                    .push(at(format!("`{path}` cannot be shown: {why}")).with_hint(
                    "open it in an image editor and save it again as PNG, JPEG, GIF, WebP or SVG",
                ));
                return None;
            }
        };
        let image = &self.found.images[&key];
        if image.format == ImageFormat::Svg && svg_has_text(&image.bytes) {
            // svg2pdf is built without fonts (no system fonts are read), so
            // the PDF would drop the words the browser shows.
            self.found.warnings.push(
                at(format!(
                    "`{path}` has text in it: the site shows it, the PDF draws the picture without its words"
                ))
                .with_hint("turn the SVG's text into paths (Inkscape: Path > Object to Path), or write the words beside the picture")
                .warning(),
            );
        }
        if image.format.is_raster() {
            let dpi = f64::from(image.width) / (placed.mm / 25.4);
            if dpi < MIN_DPI {
                let need = (MIN_DPI * placed.mm / 25.4).ceil();
                self.found.warnings.push(
                    at(format!(
                        "`{path}` is {} px wide: {} it prints at {} dpi, and looks soft",
                        image.width,
                        placed.across,
                        dpi.floor()
                    ))
                    .with_hint(format!(
                        "use a picture at least {need} px wide ({MIN_DPI} dpi), or an SVG"
                    ))
                    .warning(),
                );
            }
        }
        Some(key)
    }

    /// The cover picture, checked as an image of the text is (it is
    /// decorative: the title beside it says what the cover is).
    fn cover(&mut self, p: &crate::load::Source<crate::load::raw::RawProgram>, cover: &str) {
        let (line, col) = p.value_at("cover");
        let text = p.text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        let at = text
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        let x = ImageRef {
            at,
            alt: "",
            target: cover.trim(),
            target_at: at,
            title: crate::model::images::DECORATIVE,
            attribute: None,
        };
        let before = self.found.errors.len();
        self.one(&p.file, line, text, &x);
        if self.found.errors.len() > before || is_web(cover) {
            return;
        }
        let path = cover.trim();
        self.found.cover = source(&p.file, path)
            .and_then(|r| self.read.get(&r).cloned())
            .and_then(Result::ok);
    }

    /// Is `p` (from the root) inside the project also once links are followed?
    fn inside(&self, p: &Path) -> bool {
        let full = self.root.join(p);
        match (full.canonicalize(), self.root.canonicalize()) {
            (Ok(f), Ok(r)) => f.starts_with(r),
            // Not there: the missing file is reported by name.
            _ => true,
        }
    }

    /// The key of the image at `p` (from the root), reading it the first time.
    fn read(&mut self, p: &Path) -> Result<String, Unreadable> {
        if let Some(r) = self.read.get(p) {
            return r.clone();
        }
        let bytes: Result<Arc<[u8]>, Unreadable> = match self.statics.get(p) {
            Some(b) => Ok(b.as_slice().into()),
            None => std::fs::read(self.root.join(p))
                .map(Into::into)
                .map_err(|e| Unreadable::Corrupt(format!("it cannot be read ({e})"))),
        };
        let result = bytes
            .and_then(|b| Image::from_bytes(p.to_path_buf(), b))
            .map(|image| {
                let key = image.key.clone();
                self.found.images.entry(key.clone()).or_insert(image);
                key
            });
        self.read.insert(p.to_path_buf(), result.clone());
        result
    }

    /// Files of content/ and static/, from the root.
    fn names(&mut self) -> &[PathBuf] {
        fn walk(root: &Path, dir: &Path, depth: u32, out: &mut Vec<PathBuf>) {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                return;
            };
            for e in entries.flatten() {
                let p = dir.join(e.file_name());
                match e.file_type() {
                    Ok(t) if t.is_dir() && depth < 8 => walk(root, &p, depth + 1, out),
                    Ok(t) if t.is_file() => out.push(p),
                    _ => {}
                }
            }
        }
        let root = self.root;
        self.names.get_or_insert_with(|| {
            let mut out = Vec::new();
            walk(root, Path::new("content"), 0, &mut out);
            walk(root, Path::new("static"), 0, &mut out);
            out.sort();
            out
        })
    }
}

/// Does an SVG draw text (a `<text>` element, in any namespace prefix)?
fn svg_has_text(bytes: &[u8]) -> bool {
    let s = String::from_utf8_lossy(bytes);
    s.match_indices('<').any(|(i, _)| {
        let name = s[i + 1..]
            .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .next()
            .unwrap_or("");
        name == "text" || name.ends_with(":text")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_images_where_they_are() {
        let r = refs(r#"A ![a [b] c](x.png "T") and ![](/y.svg 'decorative') [no](z)"#);
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].at, r[0].alt, r[0].target), (2, "a [b] c", "x.png"));
        assert_eq!((r[0].target_at, r[0].title), (13, "T"));
        assert_eq!(
            (r[1].alt, r[1].target, r[1].title),
            ("", "/y.svg", "decorative")
        );
        assert!(refs("no ![image] here, nor ![ (x)").is_empty());
    }
}
