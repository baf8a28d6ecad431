//! The author's brand, from a brand.yml file: the organisation, its logos,
//! its colours and its fonts, checked and ready for all three outputs.
//!
//! Made by `validate` from `_brand.yml` (the portable format Quarto, Shiny
//! and pkgdown read); without a brand file every field is empty and the
//! outputs keep kintsugi's built-in look.

use super::images::Image;

/// A checked brand. `Default` is "no brand": the built-in look.
#[derive(Debug, Clone, Default)]
pub struct Brand {
    /// The organisation's name (`meta.name`, its `full` form when both are given).
    pub name: Option<String>,
    /// The organisation's links (`meta.link`), label and address, in file order.
    pub links: Vec<(String, String)>,
    /// The logos by size; renderers pick with [`Brand::logo`].
    pub logo: Logos,
    /// The colours by role.
    pub color: Colors,
    /// Headings' colour (`typography.headings.color`).
    pub heading_color: Option<Rgb>,
    /// Links' colour on the site (`typography.link.color`; else the primary colour).
    pub link_color: Option<Rgb>,
    /// The brand's font files, one slot per face the outputs set text in, in
    /// the order of the engine's faces: base regular, italic, bold, bold
    /// italic; headings the same four; monospace. None keeps the built-in face.
    pub fonts: Vec<Option<FontFile>>,
    /// The families' names (base, headings, monospace) where the brand gives
    /// a usable one, for the site's CSS.
    pub families: [Option<String>; 3],
    /// Faces from the project's `fonts/` folder, tried in file-name order
    /// for characters the faces above lack, before the built-in fallback chain.
    pub fallback: Vec<FontFile>,
}

/// A font file of the brand's, read and checked.
#[derive(Clone)]
pub struct FontFile {
    /// Where it was read, relative to the project folder.
    pub source: std::path::PathBuf,
    pub family: String,
    /// CSS weight (400 regular, 700 bold).
    pub weight: u16,
    pub italic: bool,
    /// The PostScript name inside the file.
    pub postscript: String,
    pub bytes: std::sync::Arc<[u8]>,
}

impl std::fmt::Debug for FontFile {
    // The bytes are left out: a program's Debug form is its fingerprint in
    // batches, and the file is known by its name and hash.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFile")
            .field("source", &self.source)
            .field("postscript", &self.postscript)
            .field("weight", &self.weight)
            .field("italic", &self.italic)
            .field("hash", &super::images::key_of(&self.bytes))
            .finish()
    }
}

/// The logo in up to three sizes.
#[derive(Debug, Clone, Default)]
pub struct Logos {
    pub small: Option<Image>,
    pub medium: Option<Image>,
    pub large: Option<Image>,
    /// What the logo shows, for screen readers (`alt` of the logo's image).
    pub alt: Option<String>,
}

/// An sRGB colour, 0–255 per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The colour roles kintsugi uses; None keeps the built-in colour.
#[derive(Debug, Clone, Default)]
pub struct Colors {
    /// Text.
    pub foreground: Option<Rgb>,
    /// Paper or page.
    pub background: Option<Rgb>,
    /// The accent: headings' marks, rules, links, the cover pattern.
    pub primary: Option<Rgb>,
    /// Secondary text.
    pub secondary: Option<Rgb>,
}

/// Which logo an output wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoSize {
    Small,
    Medium,
    Large,
}

impl Brand {
    /// The logo closest to `size`: the size asked for, else the next larger,
    /// else the largest smaller one.
    pub fn logo(&self, size: LogoSize) -> Option<&Image> {
        let l = &self.logo;
        let order: [&Option<Image>; 3] = match size {
            LogoSize::Small => [&l.small, &l.medium, &l.large],
            LogoSize::Medium => [&l.medium, &l.large, &l.small],
            LogoSize::Large => [&l.large, &l.medium, &l.small],
        };
        order.into_iter().find_map(|i| i.as_ref())
    }
}
