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
