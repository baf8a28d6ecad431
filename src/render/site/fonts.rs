//! The site's web fonts and brand stylesheet: the same faces the PDF sets
//! text in (the brand's, or the built-in Vollkorn, Lato and DejaVu Sans
//! Mono), subset to the characters the site shows and served by the site as
//! WOFF files, so pages make no request elsewhere; and the brand's colours
//! as CSS custom properties.

use super::SiteFile;
use crate::model::brand::{Brand, Rgb};
use crate::pdf::fonts::{builtin, FontId};
use anyhow::{anyhow, Result};
use std::collections::BTreeSet;
use std::io::Write;

/// The stylesheet this module writes, beside style.css.
pub const BRAND_CSS: &str = "brand.css";

/// One face the site serves.
struct WebFace<'a> {
    family: String,
    weight: u16,
    italic: bool,
    data: &'a [u8],
}

impl WebFace<'_> {
    fn file(&self) -> String {
        let slug: String = self
            .family
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        format!(
            "fonts/{slug}-{}{}.woff",
            self.weight,
            if self.italic { "-italic" } else { "" }
        )
    }
}

/// The built-in family of each group of faces (base, headings, monospace).
const BUILTIN_FAMILIES: [&str; 3] = ["Vollkorn", "Lato", "DejaVu Sans Mono"];

/// CSS fallbacks after each family.
const FALLBACKS: [&str; 3] = [
    "Georgia, \"Iowan Old Style\", serif",
    "system-ui, -apple-system, \"Segoe UI\", sans-serif",
    "ui-monospace, Menlo, Consolas, monospace",
];

/// The faces of the site: for each of the engine's faces the brand's file
/// where it gives one and the built-in one where it does not, each family
/// and style once.
fn faces(brand: &Brand) -> Vec<WebFace<'_>> {
    let mut out: Vec<WebFace> = Vec::new();
    for (i, id) in FontId::ALL.iter().enumerate() {
        let group = (i / 4).min(2);
        let (weight, italic) = match i % 4 {
            _ if group == 2 => (400, false),
            0 => (400, false),
            1 => (400, true),
            2 => (700, false),
            _ => (700, true),
        };
        let face = match brand.fonts.get(i).and_then(Option::as_ref) {
            Some(f) => WebFace {
                family: f.family.clone(),
                weight,
                italic,
                data: &f.bytes,
            },
            None => WebFace {
                family: BUILTIN_FAMILIES[group].to_string(),
                weight,
                italic,
                data: builtin().get(*id).data,
            },
        };
        if !out
            .iter()
            .any(|f| (&f.family, f.weight, f.italic) == (&face.family, face.weight, face.italic))
        {
            out.push(face);
        }
    }
    out
}

/// The family each group of text is set in, for CSS.
fn family_of(brand: &Brand, group: usize) -> String {
    let slot = [0, 4, 8][group];
    let name = brand
        .fonts
        .get(slot)
        .and_then(Option::as_ref)
        .map(|f| f.family.clone())
        .unwrap_or_else(|| BUILTIN_FAMILIES[group].to_string());
    format!("\"{}\", {}", name.replace('"', ""), FALLBACKS[group])
}

fn css_color(c: Rgb) -> String {
    c.hex()
}

/// style.css's light colours, which a brand's replace one by one.
const LIGHT: [(&str, &str); 7] = [
    ("--paper", "#fbf8f3"),
    ("--ink", "#2a2622"),
    ("--muted", "#5e5750"),
    ("--line", "#e4ddd2"),
    ("--gold", "#8a6414"),
    ("--gold-soft", "#f3e7cc"),
    ("--card", "#ffffff"),
];

/// `a` moved toward `b` by `t`.
fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    let m = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
    Rgb(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// The brand stylesheet: the faces, the families and the brand's colours.
fn stylesheet(brand: &Brand, faces: &[WebFace]) -> String {
    let mut css = String::from(
        "/* Written by kintsugi from the brand (or its built-in look): the fonts the PDF uses, and the colours. */\n",
    );
    for f in faces {
        css.push_str(&format!(
            "@font-face {{ font-family: \"{}\"; font-style: {}; font-weight: {}; font-display: swap; src: url(\"{}\") format(\"woff\"); }}\n",
            f.family.replace('"', ""),
            if f.italic { "italic" } else { "normal" },
            f.weight,
            f.file()
        ));
    }
    css.push_str(&format!(
        ":root {{ --font-body: {}; --font-heading: {}; --font-mono: {}; }}\n",
        family_of(brand, 0),
        family_of(brand, 1),
        family_of(brand, 2)
    ));
    let c = &brand.color;
    let mut vars = Vec::new();
    let paper = c.background;
    if let Some(bg) = paper {
        vars.push(format!("--paper: {}", css_color(bg)));
        vars.push(format!("--card: {}", css_color(bg)));
    }
    if let Some(fg) = c.foreground {
        vars.push(format!("--ink: {}", css_color(fg)));
        let bg = paper.unwrap_or(Rgb(255, 255, 255));
        vars.push(format!("--line: {}", css_color(mix(fg, bg, 0.85))));
        if c.secondary.is_none() {
            vars.push(format!("--muted: {}", css_color(mix(fg, bg, 0.3))));
        }
    }
    if let Some(s) = c.secondary {
        vars.push(format!("--muted: {}", css_color(s)));
    }
    if let Some(p) = brand.link_color.or(c.primary) {
        vars.push(format!("--gold: {}", css_color(p)));
    }
    if let Some(p) = c.primary {
        let bg = paper.unwrap_or(Rgb(255, 255, 255));
        vars.push(format!("--gold-soft: {}", css_color(mix(p, bg, 0.86))));
        vars.push(format!("--accent: {}", css_color(p)));
    }
    if let Some(h) = brand.heading_color {
        vars.push(format!("--heading: {}", css_color(h)));
    }
    if !vars.is_empty() {
        // A brand gives one set of colours (its light ones): the site shows
        // them in dark mode too, with style.css's light colours where the
        // brand has none, since brand colours seldom read on a dark page.
        let mut all: Vec<String> = LIGHT
            .iter()
            .filter(|(name, _)| !vars.iter().any(|v| v.starts_with(&format!("{name}:"))))
            .map(|(name, value)| format!("{name}: {value}"))
            .collect();
        all.extend(vars);
        css.push_str(&format!(
            ":root {{ color-scheme: light; {}; }}\n",
            all.join("; ")
        ));
    }
    css
}

/// The brand stylesheet and a WOFF file per face, subset to `chars` (the
/// characters of the site's pages) and printable ASCII (what scripts add).
pub fn files(brand: &Brand, chars: &BTreeSet<char>) -> Result<Vec<SiteFile>> {
    let faces = faces(brand);
    let mut out = vec![SiteFile {
        path: BRAND_CSS.into(),
        bytes: stylesheet(brand, &faces).into_bytes(),
    }];
    let mut wanted: BTreeSet<char> = (' '..='~').collect();
    wanted.extend(chars.iter().copied().filter(|c| !c.is_control()));
    let made: Vec<Result<SiteFile>> = {
        use rayon::prelude::*;
        faces
            .par_iter()
            .map(|f| {
                Ok(SiteFile {
                    path: f.file().into(),
                    bytes: woff(&subset(f.data, &wanted)?)?,
                })
            })
            .collect()
    };
    for m in made {
        out.push(m?);
    }
    Ok(out)
}

/// The face cut down to the glyphs of `chars`, with a Unicode cmap, as a browser wants it.
fn subset(data: &[u8], chars: &BTreeSet<char>) -> Result<Vec<u8>> {
    let face = ttf_parser::Face::parse(data, 0).map_err(|e| anyhow!("cannot read a font: {e}"))?;
    let mut gids: Vec<u16> = chars
        .iter()
        .filter_map(|c| face.glyph_index(*c))
        .map(|g| g.0)
        .collect();
    gids.push(0);
    gids.sort_unstable();
    gids.dedup();
    let font = allsorts::binary::read::ReadScope::new(data)
        .read::<allsorts::tables::OpenTypeFont>()
        .map_err(|e| anyhow!("cannot read a font: {e:?}"))?;
    let provider = font
        .table_provider(0)
        .map_err(|e| anyhow!("cannot read a font: {e:?}"))?;
    allsorts::subset::subset(
        &provider,
        &gids,
        &allsorts::subset::SubsetProfile::Minimal,
        allsorts::subset::CmapTarget::Unicode,
    )
    .map_err(|e| anyhow!("cannot subset a font for the site: {e:?}"))
}

/// An sfnt font wrapped as WOFF 1.0 (each table zlib-compressed where that
/// makes it smaller). Written here because no maintained crate writes WOFF;
/// the format is a 44-byte header and a table directory (W3C WOFF 1.0, §3–5).
fn woff(sfnt: &[u8]) -> Result<Vec<u8>> {
    let be16 = |at: usize| -> Result<u16> {
        sfnt.get(at..at + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .ok_or_else(|| anyhow!("a font subset is cut short"))
    };
    let be32 = |at: usize| -> Result<u32> {
        sfnt.get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
            .ok_or_else(|| anyhow!("a font subset is cut short"))
    };
    let flavor = be32(0)?;
    let count = usize::from(be16(4)?);
    let mut tables = Vec::with_capacity(count);
    for i in 0..count {
        let at = 12 + 16 * i;
        let (tag, checksum, offset, length) = (
            be32(at)?,
            be32(at + 4)?,
            be32(at + 8)? as usize,
            be32(at + 12)? as usize,
        );
        let data = sfnt
            .get(offset..offset + length)
            .ok_or_else(|| anyhow!("a font subset's table is out of bounds"))?;
        tables.push((tag, checksum, data));
    }
    tables.sort_by_key(|t| t.0);
    let pad = |n: usize| (n + 3) & !3;
    let sfnt_size = 12 + 16 * count + tables.iter().map(|t| pad(t.2.len())).sum::<usize>();
    let mut body = Vec::new();
    let mut directory = Vec::new();
    let start = 44 + 20 * count;
    for (tag, checksum, data) in &tables {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(data)?;
        let packed = z.finish()?;
        let stored: &[u8] = if packed.len() < data.len() {
            &packed
        } else {
            data
        };
        directory.extend_from_slice(&tag.to_be_bytes());
        directory.extend_from_slice(&((start + body.len()) as u32).to_be_bytes());
        directory.extend_from_slice(&(stored.len() as u32).to_be_bytes());
        directory.extend_from_slice(&(data.len() as u32).to_be_bytes());
        directory.extend_from_slice(&checksum.to_be_bytes());
        body.extend_from_slice(stored);
        body.resize(pad(body.len()), 0);
    }
    let total = start + body.len();
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(b"wOFF");
    out.extend_from_slice(&flavor.to_be_bytes());
    out.extend_from_slice(&(total as u32).to_be_bytes());
    out.extend_from_slice(&(count as u16).to_be_bytes());
    out.extend_from_slice(&0u16.to_be_bytes());
    out.extend_from_slice(&(sfnt_size as u32).to_be_bytes());
    out.extend_from_slice(&1u16.to_be_bytes()); // font version 1.0
    out.extend_from_slice(&0u16.to_be_bytes());
    out.extend_from_slice(&[0; 20]); // no metadata, no private data
    out.extend_from_slice(&directory);
    out.extend_from_slice(&body);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_woff_subset_reads_back_with_the_glyphs_asked_for_only() {
        let chars: BTreeSet<char> = "Zoë".chars().collect();
        let data = builtin().get(FontId::Serif).data;
        let sfnt = subset(data, &chars).unwrap();
        let parsed = ttf_parser::Face::parse(&sfnt, 0).unwrap();
        assert!(parsed.glyph_index('ë').is_some());
        assert!(parsed.glyph_index('Q').is_none());
        assert!(
            sfnt.len() < data.len() / 5,
            "{} of {}",
            sfnt.len(),
            data.len()
        );
        let w = woff(&sfnt).unwrap();
        assert_eq!(&w[..4], b"wOFF");
        assert_eq!(
            u32::from_be_bytes([w[8], w[9], w[10], w[11]]) as usize,
            w.len()
        );
        // allsorts reads WOFF too: the tables come back as they went in.
        let back = allsorts::binary::read::ReadScope::new(&w)
            .read::<allsorts::woff::WoffFont>()
            .unwrap();
        use allsorts::tables::FontTableProvider;
        let cmap = back.read_table_data(allsorts::tag::CMAP).unwrap();
        let orig = ttf_parser::RawFace::parse(&sfnt, 0)
            .unwrap()
            .table(ttf_parser::Tag::from_bytes(b"cmap"))
            .unwrap();
        assert_eq!(&*cmap, orig);
    }
}
