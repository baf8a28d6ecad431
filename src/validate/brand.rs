//! Checks and reads the brand file (brand.yml, the format Quarto, Shiny and
//! pkgdown read): the organisation, logos, colours and local fonts, with a
//! warning for every part kintsugi cannot use, so an organisation's existing
//! file works unchanged and nothing in it is skipped without a word.

use crate::diag::Diagnostic;
use crate::load::{RawProject, Source};
use crate::model::brand::{Brand, FontFile, Rgb};
use crate::model::images::{Image, Unreadable};
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What [`check`] found.
#[derive(Default)]
pub struct Found {
    pub brand: Brand,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// The colour roles of brand.yml kintsugi uses, and the others it knows.
const USED_ROLES: [&str; 4] = ["foreground", "background", "primary", "secondary"];
const OTHER_ROLES: [&str; 7] = [
    "tertiary", "success", "info", "warning", "danger", "light", "dark",
];

/// WCAG 2 AA: normal text, and large text (headings).
const AA_TEXT: f64 = 4.5;
const AA_LARGE: f64 = 3.0;

/// Reads the project's brand file, when it has one.
pub fn check(raw: &RawProject) -> Found {
    let mut found = Found::default();
    project_fonts(&raw.root, &mut found);
    let Some(src) = &raw.brand else {
        return found;
    };
    let mut r = Reader {
        src,
        root: &raw.root,
        dir: src.file.parent().unwrap_or(Path::new("")).to_path_buf(),
        found: &mut found,
    };
    r.read();
    found
}

/// The TrueType files in the project's `fonts/` folder, as faces of the
/// fallback chain: a script kintsugi has no face for prints in them.
fn project_fonts(root: &Path, found: &mut Found) {
    let dir = root.join("fonts");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf"))
        })
        .collect();
    paths.sort();
    for path in paths {
        let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let file = rel.display().to_string();
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                found.errors.push(
                    Diagnostic::new(&rel, 1, 1, format!("cannot read the font `{file}`: {e}"))
                        .with_hint("check the file's permissions, or take it out of fonts/"),
                );
                continue;
            }
        };
        let Ok(face) = ttf_parser::Face::parse(&bytes, 0) else {
            found.errors.push(
                Diagnostic::new(&rel, 1, 1, format!("`{file}` cannot be read as a font"))
                    .with_hint("fonts/ holds TrueType (.ttf) files; take this one out"),
            );
            continue;
        };
        if face.tables().glyf.is_none() {
            found.warnings.push(
                Diagnostic::new(&rel, 1, 1, format!("`{file}` has PostScript (CFF) outlines, which kintsugi does not embed yet, so it is not used"))
                    .with_hint("use the TrueType (.ttf) file of the family"),
            );
            continue;
        }
        let postscript: String = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| {
                path.file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("Font")
                    .to_string()
            })
            .chars()
            .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%".contains(*c))
            .collect();
        let (weight, italic) = (face.weight().to_number(), face.is_italic());
        found.brand.fallback.push(FontFile {
            source: rel,
            family: postscript.clone(),
            weight,
            italic,
            postscript,
            bytes: bytes.into(),
        });
    }
}

struct Reader<'a> {
    src: &'a Source<Value>,
    root: &'a Path,
    /// The brand file's folder, from the project root: paths in it start here.
    dir: PathBuf,
    found: &'a mut Found,
}

/// A mapping's entries with string keys.
fn entries(v: &Value) -> Vec<(&str, &Value)> {
    match v {
        Value::Mapping(m) => m
            .iter()
            .filter_map(|(k, v)| Some((k.as_str()?, v)))
            .collect(),
        _ => Vec::new(),
    }
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl Reader<'_> {
    fn warn(&mut self, path: &str, message: String, hint: &str) {
        let d = self.src.diag_path(path, message).with_hint(hint).warning();
        self.found.warnings.push(d);
    }

    fn error(&mut self, path: &str, message: String, hint: &str) {
        let (line, col) = self.src.value_at(path);
        // A palette entry several roles name is wrong once.
        if self
            .found
            .errors
            .iter()
            .any(|e| (e.line, e.column) == (line, col))
        {
            return;
        }
        let d = Diagnostic::new(&self.src.file, line, col, message).with_hint(hint);
        self.found.errors.push(d);
    }

    fn read(&mut self) {
        let top = self.src.value.clone();
        if !matches!(top, Value::Mapping(_) | Value::Null) {
            self.error(
                "",
                "a brand file is a mapping of `meta`, `logo`, `color` and `typography`".into(),
                "see https://posit-dev.github.io/brand-yml/ for the format",
            );
            return;
        }
        for (key, v) in entries(&top) {
            match key {
                "meta" => self.meta(v),
                "logo" => self.logo(v),
                "color" => self.color(v),
                "typography" => {} // after the colours, which it may name
                "defaults" => self.warn(
                    key,
                    "kintsugi does not use `defaults` (settings for Bootstrap, Quarto or Shiny)".into(),
                    "the workbook, worksheets and site take the brand's meta, logo, color and typography",
                ),
                other => self.warn(
                    other,
                    format!("`{other}` is not part of brand.yml, so kintsugi does not use it"),
                    "a brand file has `meta`, `logo`, `color`, `typography` and `defaults`",
                ),
            }
        }
        if let Some(t) = top.get("typography") {
            self.typography(t);
        }
        self.contrast();
    }

    fn meta(&mut self, v: &Value) {
        for (key, v) in entries(v) {
            let path = format!("meta.{key}");
            match key {
                "name" => {
                    self.found.brand.name = match v {
                        Value::Mapping(_) => {
                            v.get("full").or_else(|| v.get("short")).and_then(text)
                        }
                        other => text(other),
                    };
                }
                "link" => match v {
                    Value::Mapping(_) => {
                        for (label, url) in entries(v) {
                            if let Some(url) = text(url) {
                                self.found.brand.links.push((label.to_string(), url));
                            }
                        }
                    }
                    other => {
                        if let Some(url) = text(other) {
                            self.found.brand.links.push(("home".into(), url));
                        }
                    }
                },
                _ => self.warn(
                    &path,
                    format!("kintsugi does not use `meta.{key}`"),
                    "it shows the organisation's `name` and `link`",
                ),
            }
        }
    }

    fn logo(&mut self, v: &Value) {
        // `logo: file.png` is one logo for every size.
        if let Some(path) = text(v) {
            if let Some(img) = self.image("logo", &path) {
                self.found.brand.logo.medium = Some(img);
            }
            return;
        }
        let mut images: BTreeMap<String, (String, Option<String>, String)> = BTreeMap::new();
        if let Some(list) = v.get("images") {
            for (name, spec) in entries(list) {
                let at = format!("logo.images.{name}");
                let (path, alt, at) = match spec {
                    Value::Mapping(_) => (
                        spec.get("path").and_then(text),
                        spec.get("alt").and_then(text),
                        format!("{at}.path"),
                    ),
                    other => (text(other), None, at),
                };
                match path {
                    Some(p) => {
                        images.insert(name.to_string(), (p, alt, at));
                    }
                    None => self.error(
                        &at,
                        format!("the logo image `{name}` has no path"),
                        "write `name: path/to/logo.svg`, or `name: {path: …, alt: …}`",
                    ),
                }
            }
        }
        for (key, spec) in entries(v) {
            let at = format!("logo.{key}");
            let slot = match key {
                "images" => continue,
                "small" | "medium" | "large" => key,
                _ => {
                    self.warn(
                        &at,
                        format!("kintsugi does not use `logo.{key}`"),
                        "a logo is given as `small`, `medium` or `large`",
                    );
                    continue;
                }
            };
            // A size is an image's name, a path, `{light, dark}` or `{path, alt}`.
            let (name, alt) = match spec {
                Value::Mapping(_) => {
                    if spec.get("dark").is_some() {
                        self.warn(
                            &format!("{at}.dark"),
                            format!("kintsugi prints on white, so the dark-mode `{key}` logo is not used"),
                            "the light logo is used everywhere",
                        );
                    }
                    (
                        spec.get("light")
                            .or_else(|| spec.get("path"))
                            .and_then(text),
                        spec.get("alt").and_then(text),
                    )
                }
                other => (text(other), None),
            };
            let Some(name) = name else {
                self.error(
                    &at,
                    format!("the `{key}` logo names no image"),
                    "give a path, the name of an image under `logo.images`, or `{light: …}`",
                );
                continue;
            };
            let (path, named_alt, path_at) = match images.get(&name) {
                Some((p, a, at)) => (p.clone(), a.clone(), at.clone()),
                None => (name.clone(), None, at.clone()),
            };
            let Some(img) = self.image(&path_at, &path) else {
                continue;
            };
            let logo = &mut self.found.brand.logo;
            if logo.alt.is_none() {
                logo.alt = alt.or(named_alt);
            }
            match slot {
                "small" => logo.small = Some(img),
                "medium" => logo.medium = Some(img),
                _ => logo.large = Some(img),
            }
        }
    }

    /// Reads an image named in the brand file; None (with an error) when it cannot be used.
    fn image(&mut self, at: &str, path: &str) -> Option<Image> {
        if crate::model::images::is_web(path) {
            self.warn(
                at,
                format!(
                    "`{path}` is on the web: kintsugi fetches nothing, so this logo is not used"
                ),
                "save the logo in the project and give its path from the brand file",
            );
            return None;
        }
        let rel = self.dir.join(path);
        let bytes = match std::fs::read(self.root.join(&rel)) {
            Ok(b) => b,
            Err(_) => {
                self.error(
                    at,
                    format!(
                        "the logo `{path}` leads to `{}`, which does not exist",
                        rel.display()
                    ),
                    "paths in a brand file are relative to the brand file",
                );
                return None;
            }
        };
        match Image::from_bytes(rel, Arc::from(bytes)) {
            Ok(img) => Some(img),
            Err(Unreadable::Unsupported(kind)) => {
                self.error(
                    at,
                    format!("`{path}` is a {kind} image, which kintsugi does not show"),
                    "save the logo as SVG or PNG",
                );
                None
            }
            Err(Unreadable::Corrupt(why)) => {
                self.error(
                    at,
                    format!("the logo `{path}` cannot be shown: {why}"),
                    "open it in an image editor and save it again as SVG or PNG",
                );
                None
            }
        }
    }

    fn color(&mut self, v: &Value) {
        let palette: BTreeMap<String, Value> = v
            .get("palette")
            .map(|p| {
                entries(p)
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let roles: BTreeMap<String, Value> = entries(v)
            .into_iter()
            .filter(|(k, _)| *k != "palette")
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        let resolve = |name: &str| {
            palette
                .get(name)
                .map(|v| (v.clone(), format!("color.palette.{name}")))
                .or_else(|| {
                    roles
                        .get(name)
                        .map(|v| (v.clone(), format!("color.{name}")))
                })
        };
        let mut unused = Vec::new();
        for (key, value) in &roles {
            let at = format!("color.{key}");
            if OTHER_ROLES.contains(&key.as_str()) {
                unused.push(key.clone());
                continue;
            }
            if !USED_ROLES.contains(&key.as_str()) {
                self.warn(
                    &at,
                    format!("`color.{key}` is not a colour role of brand.yml"),
                    "the roles are foreground, background, primary, secondary, tertiary, success, info, warning, danger, light and dark; other colours go under `palette`",
                );
                continue;
            }
            match self.parse_color(&at, value, &resolve) {
                Some(c) => {
                    let colors = &mut self.found.brand.color;
                    match key.as_str() {
                        "foreground" => colors.foreground = Some(c),
                        "background" => colors.background = Some(c),
                        "primary" => colors.primary = Some(c),
                        _ => colors.secondary = Some(c),
                    }
                }
                None => continue,
            }
        }
        // Every palette entry must read, even those no role names.
        for (name, value) in &palette {
            let _ = self.parse_color(&format!("color.palette.{name}"), value, &resolve);
        }
        if !unused.is_empty() {
            let first = unused[0].clone();
            self.warn(
                &format!("color.{first}"),
                format!(
                    "kintsugi does not use the colour roles {}",
                    unused.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(", ")
                ),
                "it prints text in `foreground`, the accent in `primary` and secondary text in `secondary`, on `background`",
            );
        }
    }

    /// A colour value: `#rgb`, `#rrggbb`, a CSS name or function, a palette
    /// entry or another role (followed a few steps), or `{light, dark}`.
    fn parse_color(
        &mut self,
        at: &str,
        value: &Value,
        resolve: &dyn Fn(&str) -> Option<(Value, String)>,
    ) -> Option<Rgb> {
        let mut v = value.clone();
        // A problem is placed where the colour is written: in the palette
        // when a role names a palette entry.
        let mut at = at.to_string();
        for _ in 0..8 {
            if let Value::Mapping(_) = v {
                match v.get("light").cloned() {
                    Some(light) => {
                        v = light;
                        continue;
                    }
                    None => break,
                }
            }
            let Some(s) = text(&v) else { break };
            if let Some((next, path)) = resolve(s.trim()) {
                v = next;
                at = path;
                continue;
            }
            return match csscolorparser::parse(s.trim()) {
                Ok(c) => {
                    let [r, g, b, _] = c.to_rgba8();
                    Some(Rgb(r, g, b))
                }
                Err(_) => {
                    self.error(
                        &at,
                        format!("`{s}` is not a colour"),
                        "write a colour as `#3a5a40`, a CSS name such as `teal`, or the name of a `palette` entry",
                    );
                    None
                }
            };
        }
        self.error(
            &at,
            "this colour cannot be read".into(),
            "write a colour as `#3a5a40`, a CSS name, a `palette` entry, or `{light: …}`",
        );
        None
    }

    fn typography(&mut self, v: &Value) {
        let mut families: BTreeMap<String, Vec<FontFile>> = BTreeMap::new();
        if let Some(Value::Sequence(list)) = v.get("fonts") {
            for (i, font) in list.iter().enumerate() {
                self.font(&format!("typography.fonts.{i}"), font, &mut families);
            }
        }
        let roles = [("base", 0usize), ("headings", 1), ("monospace", 2)];
        for (key, section) in entries(v) {
            let at = format!("typography.{key}");
            let used: &[&str] = match key {
                "fonts" => continue,
                "base" | "monospace" => &["family"],
                "headings" => &["family", "color"],
                "link" => &["color"],
                "monospace-inline" | "monospace-block" => &[],
                _ => {
                    self.warn(
                        &at,
                        format!("`typography.{key}` is not part of brand.yml"),
                        "typography has fonts, base, headings, monospace, monospace-inline, monospace-block and link",
                    );
                    continue;
                }
            };
            let keys: Vec<&str> = match section {
                Value::Mapping(_) => entries(section).into_iter().map(|(k, _)| k).collect(),
                _ => Vec::new(),
            };
            let unused: Vec<&str> = keys.iter().copied().filter(|k| !used.contains(k)).collect();
            if !unused.is_empty() || (used.is_empty() && !keys.is_empty()) {
                let list = unused
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                self.warn(
                    &format!("{at}.{}", unused.first().copied().unwrap_or("")),
                    format!("kintsugi does not use {list} of `typography.{key}`"),
                    "sizes, weights and spacing are set by kintsugi for print and screen; the brand gives the families and colours",
                );
            }
        }
        let colors = self.src.value.get("color").cloned();
        let palette = |name: &str| {
            let c = colors.as_ref()?;
            c.get("palette")
                .and_then(|p| p.get(name))
                .map(|v| (v.clone(), format!("color.palette.{name}")))
                .or_else(|| c.get(name).map(|v| (v.clone(), format!("color.{name}"))))
        };
        for (key, field) in [("headings", "color"), ("link", "color")] {
            if let Some(c) = v.get(key).and_then(|s| s.get(field)) {
                let at = format!("typography.{key}.{field}");
                let parsed = self.parse_color(&at, c, &palette);
                if key == "headings" {
                    self.found.brand.heading_color = parsed;
                } else {
                    self.found.brand.link_color = parsed;
                }
            }
        }
        let mut slots: Vec<Option<FontFile>> = vec![None; 9];
        let mut names: [Option<String>; 3] = [None, None, None];
        for (key, role) in roles {
            let named = match v.get(key) {
                Some(Value::Mapping(m)) => m.get("family").and_then(text),
                Some(other) => text(other),
                None if key == "headings" => names[0].clone(),
                None => None,
            };
            let Some(family) = named else { continue };
            let at = format!("typography.{key}");
            let Some(files) = families.get(&family) else {
                if !self
                    .found
                    .warnings
                    .iter()
                    .any(|w| w.message.contains(&format!("`{family}`")))
                {
                    self.warn(
                        &at,
                        format!("the font family `{family}` has no local files, so the built-in fonts are used for {key}"),
                        "list its TTF files under `typography.fonts` with `source: file`",
                    );
                }
                continue;
            };
            names[role] = Some(family.clone());
            let pick = |weight: u16, italic: bool| -> Option<FontFile> {
                files
                    .iter()
                    .filter(|f| f.italic == italic && (weight < 600) == (f.weight < 600))
                    .min_by_key(|f| (i32::from(f.weight) - i32::from(weight)).abs())
                    .cloned()
            };
            if role == 2 {
                slots[8] = pick(400, false).or_else(|| files.first().cloned());
                continue;
            }
            let regular = pick(400, false).or_else(|| files.first().cloned());
            let italic = pick(400, true);
            let bold = pick(700, false);
            let bold_italic = pick(700, true);
            let mut missing = Vec::new();
            if italic.is_none() {
                missing.push("italic");
            }
            if bold.is_none() {
                missing.push("bold");
            }
            if bold_italic.is_none() {
                missing.push("bold italic");
            }
            if !missing.is_empty() {
                self.warn(
                    &at,
                    format!(
                        "the font family `{family}` has no {} file: that text prints in its nearest face",
                        missing.join(", no ")
                    ),
                    "add the missing files under `typography.fonts`, with their `weight` and `style`",
                );
            }
            let base = role * 4;
            slots[base] = regular.clone();
            slots[base + 1] = italic.clone().or_else(|| regular.clone());
            slots[base + 2] = bold.clone().or_else(|| regular.clone());
            slots[base + 3] = bold_italic.or(bold).or(italic).or(regular);
        }
        if slots.iter().any(Option::is_some) {
            self.found.brand.fonts = slots;
        }
        self.found.brand.families = names;
    }

    /// One entry of `typography.fonts`.
    fn font(&mut self, at: &str, v: &Value, families: &mut BTreeMap<String, Vec<FontFile>>) {
        let Some(family) = v.get("family").and_then(text) else {
            self.error(
                at,
                "this font has no `family`".into(),
                "name the family the files belong to",
            );
            return;
        };
        let files = match v.get("files") {
            Some(Value::Sequence(f)) => f.clone(),
            Some(one @ (Value::String(_) | Value::Mapping(_))) => vec![one.clone()],
            _ => Vec::new(),
        };
        let source = v.get("source").and_then(text).unwrap_or_else(|| {
            if files.is_empty() {
                "google".into()
            } else {
                "file".into()
            }
        });
        if source != "file" {
            let from = match source.as_str() {
                "google" => "Google Fonts",
                "bunny" => "Bunny Fonts",
                "system" => "the system",
                _ => "elsewhere",
            };
            self.warn(
                &format!("{at}.family"),
                format!("the font `{family}` comes from {from}: kintsugi fetches nothing and reads no system fonts, so it is not used"),
                "download its TTF files into the project and list them with `source: file` and `files:`",
            );
            return;
        }
        for (i, file) in files.iter().enumerate() {
            let fat = format!("{at}.files.{i}");
            let (path, weight, style) = match file {
                Value::Mapping(_) => (
                    file.get("path").and_then(text),
                    file.get("weight").and_then(text),
                    file.get("style").and_then(text),
                ),
                other => (text(other), None, None),
            };
            let Some(path) = path else {
                self.error(
                    &fat,
                    "this font file has no `path`".into(),
                    "write `- path: fonts/Name-Regular.ttf`",
                );
                continue;
            };
            if let Some(f) =
                self.font_file(&fat, &family, &path, weight.as_deref(), style.as_deref())
            {
                families.entry(family.clone()).or_default().push(f);
            }
        }
    }

    fn font_file(
        &mut self,
        at: &str,
        family: &str,
        path: &str,
        weight: Option<&str>,
        style: Option<&str>,
    ) -> Option<FontFile> {
        let rel = self.dir.join(path);
        let Ok(bytes) = std::fs::read(self.root.join(&rel)) else {
            self.error(
                at,
                format!(
                    "the font file `{path}` leads to `{}`, which does not exist",
                    rel.display()
                ),
                "paths in a brand file are relative to the brand file",
            );
            return None;
        };
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".woff") || lower.ends_with(".woff2") {
            self.warn(
                at,
                format!("`{path}` is a web font: the PDF needs the TTF or OTF file, so `{family}` is not used from it"),
                "list the family's .ttf files (the site makes its web fonts from them)",
            );
            return None;
        }
        let Ok(face) = ttf_parser::Face::parse(&bytes, 0) else {
            self.error(
                at,
                format!("`{path}` cannot be read as a font"),
                "give a TrueType (.ttf) or OpenType (.otf) file",
            );
            return None;
        };
        if face.is_variable() {
            self.warn(
                at,
                format!("`{path}` is a variable font: kintsugi prints its default instance only"),
                "list the family's static TTF files (one per weight and style) for bold and italic",
            );
        }
        if face.tables().glyf.is_none() {
            self.warn(
                at,
                format!("`{path}` has PostScript (CFF) outlines, which kintsugi does not embed yet, so `{family}` is not used from it"),
                "use the TrueType (.ttf) files of the family",
            );
            return None;
        }
        let weight = match weight.map(str::trim) {
            Some("normal" | "regular") => 400,
            Some("bold") => 700,
            Some(w) => match w
                .split_whitespace()
                .next()
                .and_then(|n| n.parse::<u16>().ok())
            {
                Some(n) => n,
                None => {
                    self.error(
                        &format!("{at}.weight"),
                        format!("`{w}` is not a font weight"),
                        "write a number from 100 to 900, `normal` or `bold`",
                    );
                    400
                }
            },
            None => face.weight().to_number(),
        };
        let italic = match style.map(str::trim) {
            Some("italic" | "oblique") => true,
            Some(_) => false,
            None => face.is_italic() || face.is_oblique(),
        };
        let postscript = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| {
                format!(
                    "{}-{weight}{}",
                    family.replace(' ', ""),
                    if italic { "Italic" } else { "" }
                )
            });
        let postscript: String = postscript
            .chars()
            .filter(|c| c.is_ascii_graphic() && !"[](){}<>/%".contains(*c))
            .collect();
        Some(FontFile {
            source: rel,
            family: family.to_string(),
            weight,
            italic,
            postscript,
            bytes: bytes.into(),
        })
    }

    /// Warns where text in a brand colour would be hard to read on the background.
    fn contrast(&mut self) {
        let b = self.found.brand.clone();
        let bg = b.color.background.unwrap_or(Rgb(255, 255, 255));
        let checks = [
            ("color.foreground", b.color.foreground, AA_TEXT, "text"),
            (
                "color.primary",
                b.color.primary,
                AA_TEXT,
                "links and small accent text",
            ),
            (
                "color.secondary",
                b.color.secondary,
                AA_TEXT,
                "secondary text",
            ),
            (
                "typography.headings.color",
                b.heading_color,
                AA_LARGE,
                "headings",
            ),
            ("typography.link.color", b.link_color, AA_TEXT, "links"),
        ];
        for (at, color, need, what) in checks {
            let Some(c) = color else { continue };
            let ratio = contrast(c, bg);
            if ratio < need {
                self.warn(
                    at,
                    format!(
                        "{} on the background {} has a contrast of {:.1}:1, below the {need}:1 WCAG AA asks for {what}",
                        c.hex(),
                        bg.hex(),
                        ratio
                    ),
                    "choose a darker (or, on a dark background, lighter) colour for this role",
                );
            }
        }
    }
}

/// The WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    fn channel(v: u8) -> f64 {
        let c = f64::from(v) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }
    let lum = |c: Rgb| 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2);
    let (la, lb) = (lum(a), lum(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_the_wcag_examples() {
        assert!((contrast(Rgb(0, 0, 0), Rgb(255, 255, 255)) - 21.0).abs() < 0.01);
        assert!((contrast(Rgb(255, 255, 255), Rgb(255, 255, 255)) - 1.0).abs() < 0.01);
        // #767676 on white is the lightest grey that passes AA (4.54:1).
        let grey = contrast(Rgb(0x76, 0x76, 0x76), Rgb(255, 255, 255));
        assert!(grey > 4.5 && grey < 4.6, "{grey}");
    }
}
