//! Test harness: copies a project into a temporary folder, builds it, reads the results.

#![allow(dead_code)]

use kintsugi::diag::Diagnostics;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A project copied into a temporary folder, safe to change and build.
pub struct Fixture {
    pub dir: TempDir,
}

/// The repository root, where the default program lives.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies the folder `from` into `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl Fixture {
    /// A copy of `tests/fixtures/<name>`.
    pub fn named(name: &str) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
        Fixture { dir }
    }

    /// A copy of the default program at the repository root.
    pub fn default_program() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("content"), &dir.path().join("content"));
        std::fs::copy(
            repo().join("kintsugi.yaml"),
            dir.path().join("kintsugi.yaml"),
        )
        .unwrap();
        Fixture { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("output")
    }

    /// Replaces a file's text.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Edits a file's text with a replacement that must apply.
    pub fn replace(&self, rel: &str, from: &str, to: &str) {
        let path = self.root().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    /// Runs `check` and returns the diagnostics it reports (empty when clean).
    pub fn diagnostics(&self) -> Diagnostics {
        match kintsugi::check(self.root()) {
            Ok(_) => Diagnostics::default(),
            Err(e) => e
                .downcast::<Diagnostics>()
                .unwrap_or_else(|e| panic!("not a content error: {e:#}")),
        }
    }

    /// Builds `<root>/profile.yaml`, written with `profile`, into `<root>/output`.
    pub fn build_profile(
        &self,
        profile: &str,
        paper: Option<kintsugi::model::Paper>,
    ) -> anyhow::Result<kintsugi::BuildReport> {
        self.write("profile.yaml", profile);
        kintsugi::build(&kintsugi::BuildOptions {
            root: self.root().to_path_buf(),
            out: self.out(),
            paper,
            duplex: false,
            flat: false,
            profile: Some(self.root().join("profile.yaml")),
            base_url: None,
        })
    }

    /// Builds into `<root>/output`.
    pub fn build(
        &self,
        paper: Option<kintsugi::model::Paper>,
    ) -> anyhow::Result<kintsugi::BuildReport> {
        self.build_flat(paper, false)
    }

    /// Builds into `<root>/output`, without form fields when `flat`.
    pub fn build_flat(
        &self,
        paper: Option<kintsugi::model::Paper>,
        flat: bool,
    ) -> anyhow::Result<kintsugi::BuildReport> {
        kintsugi::build(&kintsugi::BuildOptions {
            root: self.root().to_path_buf(),
            out: self.out(),
            paper,
            duplex: false,
            flat,
            profile: None,
            base_url: None,
        })
    }
}

/// Every file under `dir` with its bytes.
pub fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// A parsed PDF with its text per page.
pub struct Pdf {
    pub doc: lopdf::Document,
}

impl Pdf {
    pub fn open(path: &Path) -> Pdf {
        let doc = lopdf::Document::load(path)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
        Pdf { doc }
    }

    pub fn page_count(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// Text of page `n` (1-based), whitespace folded to single spaces.
    pub fn page_text(&self, n: u32) -> String {
        fold(&self.doc.extract_text(&[n]).unwrap())
    }

    /// Text of every page, folded.
    pub fn text(&self) -> String {
        (1..=self.page_count() as u32)
            .map(|n| self.page_text(n))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Width and height of page `n` (1-based), in points.
    pub fn page_size(&self, n: u32) -> (f32, f32) {
        let id = self.doc.get_pages()[&n];
        let page = self.doc.get_dictionary(id).unwrap();
        let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let num = |o: &lopdf::Object| {
            o.as_float()
                .or_else(|_| o.as_i64().map(|i| i as f32))
                .unwrap()
        };
        (num(&mb[2]) - num(&mb[0]), num(&mb[3]) - num(&mb[1]))
    }
}

/// Folds runs of white space into single spaces.
pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A PNG `w` × `h` px, made in the test so fixtures need no binary files.
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A teal SVG, 120 × 60 px.
pub const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><rect width="120" height="60" fill="teal"/></svg>"#;

/// Writes `bytes` to `rel` in the fixture, making its folders.
pub fn put(f: &Fixture, rel: &str, bytes: &[u8]) {
    let p = f.root().join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

/// The XObjects of a PDF, sorted: (subtype, filter); form fields'
/// appearances (how a tick or typed text looks) are not counted.
pub fn xobjects(path: &Path) -> Vec<(String, Option<String>)> {
    let doc = lopdf::Document::load(path).unwrap();
    let mut appearances = std::collections::BTreeSet::new();
    for (_, obj) in doc.objects.iter() {
        let Ok(ap) = obj.as_dict().and_then(|d| d.get(b"AP")) else {
            continue;
        };
        let ap = match ap {
            lopdf::Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
            other => other.as_dict().unwrap(),
        };
        for (_, states) in ap.iter() {
            match states {
                lopdf::Object::Reference(id) => {
                    appearances.insert(*id);
                }
                lopdf::Object::Dictionary(d) => {
                    appearances.extend(d.iter().filter_map(|(_, s)| s.as_reference().ok()))
                }
                _ => {}
            }
        }
    }
    let mut kinds = Vec::new();
    for (id, obj) in doc.objects.iter() {
        if appearances.contains(id) {
            continue;
        }
        if let Ok(stream) = obj.as_stream() {
            let d = &stream.dict;
            if d.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"XObject") {
                let sub = d.get(b"Subtype").unwrap().as_name().unwrap().to_vec();
                let filter = d
                    .get(b"Filter")
                    .ok()
                    .and_then(|t| t.as_name().ok())
                    .map(|n| String::from_utf8_lossy(n).into_owned());
                kinds.push((String::from_utf8_lossy(&sub).into_owned(), filter));
            }
        }
    }
    kinds.sort();
    kinds
}

/// Words pdftotext finds on page `n` (1-based), as drawn: (word, xMin,
/// yMin, xMax, yMax) in points from the top left.
pub fn pdf_words(pdf: &Path, n: usize) -> Vec<(String, [f32; 4])> {
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", &n.to_string(), "-l", &n.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let attr = |tag: &str, name: &str| -> f32 {
        let k = format!("{name}=\"");
        let i = tag.find(&k).unwrap() + k.len();
        tag[i..].split('"').next().unwrap().parse().unwrap()
    };
    html.split("<word ")
        .skip(1)
        .map(|w| {
            let (tag, rest) = w.split_once('>').unwrap();
            let word = rest.split("</word>").next().unwrap().to_string();
            let b = ["xMin", "yMin", "xMax", "yMax"].map(|k| attr(tag, k));
            (word, b)
        })
        .collect()
}
