//! The embedded font families: Vollkorn (serif, body), Lato (sans, headings)
//! and DejaVu Sans Mono (code).
//!
//! The font files and their licences (SIL OFL 1.1 for Vollkorn and Lato, the
//! Bitstream Vera licence for DejaVu, from Debian's fonts-dejavu-core) live beside this module and
//! are compiled into the binary, so PDFs never depend on fonts installed on
//! the machine. Each face is parsed once per process.

use serde::Serialize;
use std::sync::OnceLock;

/// Which face to set text in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum FontId {
    Serif,
    SerifItalic,
    SerifBold,
    SerifBoldItalic,
    Sans,
    SansItalic,
    SansBold,
    SansBoldItalic,
    /// Monospaced, for code; one face (emphasis and bold keep it).
    Mono,
}

impl FontId {
    /// Every face, in a fixed order (also the order of PDF resource names).
    pub const ALL: [FontId; 9] = [
        FontId::Serif,
        FontId::SerifItalic,
        FontId::SerifBold,
        FontId::SerifBoldItalic,
        FontId::Sans,
        FontId::SansItalic,
        FontId::SansBold,
        FontId::SansBoldItalic,
        FontId::Mono,
    ];

    /// The same family with emphasis added.
    pub fn italic(self) -> FontId {
        match self {
            FontId::Serif => FontId::SerifItalic,
            FontId::SerifBold => FontId::SerifBoldItalic,
            FontId::Sans => FontId::SansItalic,
            FontId::SansBold => FontId::SansBoldItalic,
            other => other,
        }
    }

    /// The same family in bold.
    pub fn bold(self) -> FontId {
        match self {
            FontId::Serif => FontId::SerifBold,
            FontId::SerifItalic => FontId::SerifBoldItalic,
            FontId::Sans => FontId::SansBold,
            FontId::SansItalic => FontId::SansBoldItalic,
            other => other,
        }
    }

    fn data(self) -> (&'static [u8], &'static str) {
        match self {
            FontId::Serif => (
                include_bytes!("fonts/Vollkorn-Regular.ttf"),
                "Vollkorn-Regular",
            ),
            FontId::SerifItalic => (
                include_bytes!("fonts/Vollkorn-Italic.ttf"),
                "Vollkorn-Italic",
            ),
            FontId::SerifBold => (include_bytes!("fonts/Vollkorn-Bold.ttf"), "Vollkorn-Bold"),
            FontId::SerifBoldItalic => (
                include_bytes!("fonts/Vollkorn-BoldItalic.ttf"),
                "Vollkorn-BoldItalic",
            ),
            FontId::Sans => (include_bytes!("fonts/Lato-Regular.ttf"), "Lato-Regular"),
            FontId::SansItalic => (include_bytes!("fonts/Lato-Italic.ttf"), "Lato-Italic"),
            FontId::SansBold => (include_bytes!("fonts/Lato-Bold.ttf"), "Lato-Bold"),
            FontId::SansBoldItalic => (
                include_bytes!("fonts/Lato-BoldItalic.ttf"),
                "Lato-BoldItalic",
            ),
            FontId::Mono => (include_bytes!("fonts/DejaVuSansMono.ttf"), "DejaVuSansMono"),
        }
    }
}

/// A parsed face with the metrics layout needs.
pub struct Face {
    /// The font file.
    pub data: &'static [u8],
    /// PostScript name, for the PDF.
    pub name: &'static str,
    /// The shaper's view of the face.
    pub shaper: rustybuzz::Face<'static>,
    /// Units per em.
    pub upem: f32,
    /// Ascender and descender (positive), in ems.
    pub ascent: f32,
    pub descent: f32,
}

/// All faces, parsed once.
pub struct Fonts {
    faces: Vec<Face>,
}

impl Fonts {
    /// The face for `id`.
    pub fn get(&self, id: FontId) -> &Face {
        &self.faces[FontId::ALL.iter().position(|f| *f == id).unwrap_or(0)]
    }
}

/// The process-wide font set.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        faces: FontId::ALL
            .iter()
            .map(|id| {
                let (data, name) = id.data();
                // The files are compiled in and tested; failing here is a build defect.
                let shaper = rustybuzz::Face::from_slice(data, 0).expect("embedded font parses");
                let upem = shaper.units_per_em() as f32;
                Face {
                    data,
                    name,
                    upem,
                    ascent: shaper.ascender() as f32 / upem,
                    descent: -(shaper.descender() as f32) / upem,
                    shaper,
                }
            })
            .collect(),
    })
}

/// True when every text face has a glyph for `c`, so it prints wherever it
/// is used. Code is set in the monospaced face where it has the glyph and in
/// the sans face where it does not (see [`has_glyph`]).
pub fn covers(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || c == '\u{feff}'
        || FontId::ALL
            .iter()
            .filter(|f| **f != FontId::Mono)
            .all(|f| has_glyph(*f, c))
}

/// True when the face `id` has a glyph for `c`.
pub fn has_glyph(id: FontId, c: char) -> bool {
    fonts().get(id).shaper.glyph_index(c).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_western_european_text_but_not_emoji() {
        assert!("Zoë & José, Søren, Małgorzata — “quotes” · • ’"
            .chars()
            .all(covers));
        assert!(!covers('🙂'));
        assert!(!covers('☃'));
    }

    #[test]
    fn every_face_parses_with_sane_metrics() {
        for id in FontId::ALL {
            let f = fonts().get(id);
            assert!(f.upem >= 1000.0, "{id:?}");
            assert!(
                f.ascent > 0.5 && f.ascent < 1.3,
                "{id:?} ascent {}",
                f.ascent
            );
            assert!(
                f.descent > 0.1 && f.descent < 0.5,
                "{id:?} descent {}",
                f.descent
            );
        }
    }
}
