//! The embedded font families: Vollkorn (serif, body), Lato (sans, headings)
//! and DejaVu Sans Mono (code), and the fallback chain for every other script.
//!
//! A character the program's face lacks is set in the first face of the
//! fallback chain that has it (see [`fallback_for`]): Noto Sans for Latin,
//! Greek and Cyrillic letters a brand's faces lack, and for Arabic,
//! Hebrew, the Indic scripts, Thai, Lao, Khmer, Myanmar, Georgian, Armenian,
//! Ethiopic, Tibetan and 39 more living scripts (Syriac, Thaana, N'Ko,
//! Tifinagh, Cherokee, Canadian syllabics, Mongolian, Yi, Javanese…),
//! NanumSquare for Korean, Droid Sans Fallback for Chinese and Japanese, and
//! Symbola for symbols and emoji (fonts/fallback/README.md says where each
//! comes from). They are compiled in too, about 11 MB, so a fresh machine
//! prints every script; a PDF embeds only the glyphs it uses.
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
    /// The face at this place in the fallback chain ([`FALLBACK`]).
    Fallback(u8),
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
            FontId::Fallback(i) => {
                let f = &FALLBACK[usize::from(i).min(FALLBACK.len() - 1)];
                (f.data, f.name)
            }
        }
    }
}

/// A face of the fallback chain.
pub struct FallbackFont {
    pub data: &'static [u8],
    /// PostScript name.
    pub name: &'static str,
    /// The family, as a hint names it.
    pub family: &'static str,
    /// The characters it is used for, when not all it has (a Korean face's
    /// Chinese characters would otherwise mix into Chinese text).
    pub only: Option<fn(char) -> bool>,
}

fn is_hangul(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' | '\u{a960}'..='\u{a97f}' | '\u{ac00}'..='\u{d7ff}')
}

macro_rules! noto {
    ($script:literal) => {
        FallbackFont {
            data: include_bytes!(concat!("fonts/fallback/NotoSans", $script, "-Regular.ttf")),
            name: concat!("NotoSans", $script, "-Regular"),
            family: concat!("Noto Sans ", $script),
            only: None,
        }
    };
}

/// The fallback chain, in the order faces are tried: each script's own face
/// before the wide CJK one, symbols and emoji last.
pub const FALLBACK: &[FallbackFont] = &[
    // Latin, Greek and Cyrillic letters an author's (brand's) faces lack:
    // Vietnamese, Polish, Turkish, Cyrillic names in a Latin-only face.
    FallbackFont {
        data: include_bytes!("fonts/fallback/NotoSans-Regular.ttf"),
        name: "NotoSans-Regular",
        family: "Noto Sans",
        only: None,
    },
    noto!("Arabic"),
    noto!("Hebrew"),
    noto!("Devanagari"),
    noto!("Bengali"),
    noto!("Gurmukhi"),
    noto!("Gujarati"),
    noto!("Oriya"),
    noto!("Tamil"),
    noto!("Telugu"),
    noto!("Kannada"),
    noto!("Malayalam"),
    noto!("Sinhala"),
    noto!("Thai"),
    noto!("Lao"),
    noto!("Khmer"),
    noto!("Myanmar"),
    noto!("Georgian"),
    noto!("Armenian"),
    noto!("Ethiopic"),
    noto!("Syriac"),
    noto!("Thaana"),
    noto!("NKo"),
    noto!("Tifinagh"),
    noto!("Cherokee"),
    noto!("CanadianAboriginal"),
    noto!("Mongolian"),
    noto!("Yi"),
    noto!("Javanese"),
    noto!("Balinese"),
    noto!("Sundanese"),
    noto!("Buginese"),
    noto!("TaiTham"),
    noto!("TaiViet"),
    noto!("OlChiki"),
    noto!("Vai"),
    noto!("Adlam"),
    noto!("Bamum"),
    noto!("Osage"),
    noto!("Lisu"),
    noto!("Chakma"),
    noto!("MeeteiMayek"),
    noto!("Limbu"),
    noto!("NewTaiLue"),
    noto!("Cham"),
    noto!("Batak"),
    noto!("HanifiRohingya"),
    noto!("SoraSompeng"),
    noto!("Tagalog"),
    noto!("KayahLi"),
    noto!("Saurashtra"),
    noto!("SylotiNagri"),
    noto!("Lepcha"),
    noto!("GunjalaGondi"),
    noto!("MasaramGondi"),
    noto!("Wancho"),
    noto!("Mro"),
    noto!("BassaVah"),
    noto!("MendeKikakui"),
    FallbackFont {
        data: include_bytes!("fonts/fallback/NotoSerifTibetan-Regular.ttf"),
        name: "NotoSerifTibetan-Regular",
        family: "Noto Serif Tibetan",
        only: None,
    },
    FallbackFont {
        data: include_bytes!("fonts/fallback/NanumSquareR.ttf"),
        name: "NanumSquareR",
        family: "NanumSquare",
        only: Some(is_hangul),
    },
    FallbackFont {
        data: include_bytes!("fonts/fallback/DroidSansFallbackFull.ttf"),
        name: "DroidSansFallbackFull",
        family: "Droid Sans Fallback",
        only: None,
    },
    FallbackFont {
        data: include_bytes!("fonts/fallback/Symbola.ttf"),
        name: "Symbola",
        family: "Symbola",
        only: None,
    },
];

/// The faces of the fallback chain, parsed on first use.
fn fallback_faces() -> &'static [Face] {
    static FACES: OnceLock<Vec<Face>> = OnceLock::new();
    FACES.get_or_init(|| {
        FALLBACK
            .iter()
            .map(|f| {
                // Compiled in and tested, like the faces above.
                Face::parse(f.data, f.name).expect("embedded fallback font parses")
            })
            .collect()
    })
}

/// The first face of the fallback chain with a glyph for `c`: the project's
/// own faces (`fonts/`, in the current set) first, then the built-in ones.
pub fn fallback_for(c: char) -> Option<FontId> {
    let own = &fonts().extra;
    if let Some(i) = own.iter().position(|f| f.shaper.glyph_index(c).is_some()) {
        return Some(FontId::Fallback((FALLBACK.len() + i) as u8));
    }
    // CJK punctuation and full-width forms (、。「」：) belong to the CJK face,
    // though faces earlier in the chain (Mongolian, Yi) have them too, drawn
    // for their own script's metrics.
    if is_cjk_punctuation(c) {
        if let Some(i) = FALLBACK
            .iter()
            .position(|f| f.name == "DroidSansFallbackFull")
        {
            if fallback_faces()[i].shaper.glyph_index(c).is_some() {
                return Some(FontId::Fallback(i as u8));
            }
        }
    }
    fallback_faces()
        .iter()
        .zip(FALLBACK)
        .position(|(f, about)| {
            about.only.is_none_or(|only| only(c)) && f.shaper.glyph_index(c).is_some()
        })
        .map(|i| FontId::Fallback(i as u8))
}

/// CJK symbols and punctuation, and the half- and full-width forms.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{30FB}' | '\u{FF00}'..='\u{FFEF}')
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

impl Face {
    fn parse(data: &'static [u8], name: &'static str) -> Option<Face> {
        let shaper = rustybuzz::Face::from_slice(data, 0)?;
        let upem = shaper.units_per_em() as f32;
        Some(Face {
            data,
            name,
            upem,
            ascent: shaper.ascender() as f32 / upem,
            descent: -(shaper.descender() as f32) / upem,
            shaper,
        })
    }
}

/// One face for each [`FontId`]: the built-in set, or an author's (a brand's
/// fonts, with built-in faces where the brand has none).
pub struct Fonts {
    /// Its number among the sets made in this process (0: the built-in one).
    pub id: u16,
    faces: Vec<Face>,
    /// The project's own fallback faces, numbered after the built-in chain.
    extra: Vec<Face>,
}

impl Fonts {
    /// The face for `id`.
    pub fn get(&self, id: FontId) -> &Face {
        if let FontId::Fallback(i) = id {
            let faces = fallback_faces();
            let i = usize::from(i);
            return match i.checked_sub(faces.len()).and_then(|k| self.extra.get(k)) {
                Some(own) => own,
                None => &faces[i.min(faces.len() - 1)],
            };
        }
        &self.faces[FontId::ALL.iter().position(|f| *f == id).unwrap_or(0)]
    }
}

/// The built-in font set.
pub fn builtin() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        id: 0,
        extra: Vec::new(),
        faces: FontId::ALL
            .iter()
            .map(|id| {
                let (data, name) = id.data();
                // The files are compiled in and tested; failing here is a build defect.
                Face::parse(data, name).expect("embedded font parses")
            })
            .collect(),
    })
}

/// A face an author supplies for one [`FontId`]: the file and its PostScript name.
#[derive(Clone)]
pub struct Supplied {
    pub data: std::sync::Arc<[u8]>,
    pub name: String,
}

/// The sets made so far, each with the faces it was made from.
type Registry = std::sync::Mutex<Vec<(SetKey, &'static Fonts)>>;

/// What a set is made of: its faces, then its own fallback faces, by hash and name.
type SetKey = (Vec<Option<(u64, String)>>, Vec<(u64, String)>);

/// The font set with `faces` in place of the built-in ones (in the order of
/// [`FontId::ALL`]; None keeps the built-in face) and `extra` in front of
/// the fallback chain, or None when a face does not parse.
///
/// Sets live for the whole process: a face's glyphs are referred to by
/// `'static` shaper tables, and the same faces give back the same set, so a
/// process that builds again (serve, a batch, the tests) makes each set once.
pub fn set_of(faces: &[Option<Supplied>], extra: &[Supplied]) -> Option<&'static Fonts> {
    if faces.iter().all(Option::is_none) && extra.is_empty() {
        return Some(builtin());
    }
    let key: SetKey = (
        faces
            .iter()
            .map(|f| f.as_ref().map(|f| (hash(&f.data), f.name.clone())))
            .collect(),
        extra
            .iter()
            .map(|f| (hash(&f.data), f.name.clone()))
            .collect(),
    );
    let mut sets = registry().lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, set)) = sets.iter().find(|(k, _)| *k == key) {
        return Some(set);
    }
    let mut made = Vec::with_capacity(FontId::ALL.len());
    for (i, id) in FontId::ALL.iter().enumerate() {
        match faces.get(i).and_then(Option::as_ref) {
            Some(f) => {
                let data: &'static [u8] = Box::leak(f.data.to_vec().into_boxed_slice());
                let name: &'static str = Box::leak(f.name.clone().into_boxed_str());
                made.push(Face::parse(data, name)?);
            }
            None => {
                let (data, name) = id.data();
                made.push(Face::parse(data, name).expect("embedded font parses"));
            }
        }
    }
    let mut own = Vec::with_capacity(extra.len());
    for f in extra.iter().take(usize::from(u8::MAX) - FALLBACK.len()) {
        let data: &'static [u8] = Box::leak(f.data.to_vec().into_boxed_slice());
        let name: &'static str = Box::leak(f.name.clone().into_boxed_str());
        own.push(Face::parse(data, name)?);
    }
    let set: &'static Fonts = Box::leak(Box::new(Fonts {
        id: sets.len() as u16 + 1,
        faces: made,
        extra: own,
    }));
    sets.push((key, set));
    Some(set)
}

fn registry() -> &'static Registry {
    static SETS: OnceLock<Registry> = OnceLock::new();
    SETS.get_or_init(Default::default)
}

/// The set numbered `id` ([`Fonts::id`]); the built-in one for 0 or a number never made.
pub fn by_id(id: u16) -> &'static Fonts {
    if id == 0 {
        return builtin();
    }
    let sets = registry().lock().unwrap_or_else(|e| e.into_inner());
    sets.get(usize::from(id) - 1)
        .map(|(_, set)| *set)
        .unwrap_or_else(builtin)
}

fn hash(bytes: &[u8]) -> u64 {
    // FNV-1a: enough to tell font files apart within one process.
    bytes.iter().fold(0xcbf29ce484222325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100000001b3)
    })
}

thread_local! {
    /// The set this thread lays out and writes in (see [`Scope`]).
    static CURRENT: std::cell::Cell<&'static Fonts> = std::cell::Cell::new(builtin());
}

/// The font set this thread uses now: the built-in one unless a [`Scope`] is open.
pub fn fonts() -> &'static Fonts {
    CURRENT.with(|c| c.get())
}

/// While it lives, this thread lays out and writes in another font set.
///
/// The set is ambient rather than passed along because every [`Style`](super::shape::Style)
/// measures itself and a document uses one set throughout; work that moves to
/// other threads (rayon) opens a scope of the same set there.
pub struct Scope {
    before: &'static Fonts,
}

impl Scope {
    /// Uses `set` on this thread until the scope is dropped.
    pub fn new(set: &'static Fonts) -> Scope {
        let before = CURRENT.with(|c| c.replace(set));
        Scope { before }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        CURRENT.with(|c| c.set(self.before));
    }
}

/// True when `c` prints wherever it is used: every text face has a glyph
/// for it, or a face of the fallback chain does. Code is set in the
/// monospaced face where it has the glyph and in the sans face where it does
/// not (see [`has_glyph`]).
pub fn covers(c: char) -> bool {
    is_invisible(c)
        || FontId::ALL
            .iter()
            .filter(|f| **f != FontId::Mono)
            .all(|f| has_glyph(*f, c))
        || fallback_for(c).is_some()
}

/// Characters that print as nothing, or only shape their neighbours: spaces,
/// controls, joiners, variation selectors and the byte-order mark. They need
/// no glyph of their own and keep the face of the character before them.
pub fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
        || matches!(c, '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The face `c` is set in when the text's style asks for `want`: `want`
/// itself when it has the glyph, else the first face of the fallback chain
/// that has it, else `want` (the check reports such characters before a build).
pub fn face_for(want: FontId, c: char) -> FontId {
    if has_glyph(want, c) {
        return want;
    }
    fallback_for(c).unwrap_or(want)
}

/// True when the face `id` has a glyph for `c`.
pub fn has_glyph(id: FontId, c: char) -> bool {
    fonts().get(id).shaper.glyph_index(c).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_every_living_script_and_emoji_through_the_fallback_chain() {
        assert!("Zoë & José, Søren, Małgorzata — “quotes” · • ’"
            .chars()
            .all(|c| c.is_whitespace() || has_glyph(FontId::Serif, c)));
        let names = "王芳 李伟 さくら 김민준 محمد فاطمة דוד प्रिया สมชาย সুমন Ελένη Ольга Nguyễn ሰላም ქეთი 🙂 ☃ \
                     ᏣᎳᎩ ⵜⴰⵎⴰⵣⵉⵖⵜ ᠮᠣᠩᠭᠣᠯ བོད ܣܘܪܝܝܐ ދިވެހި ߒߞߏ ᓀᐦᐃᔭᐍᐏᐣ ꆈꌠ ꦗꦮ";
        for c in names.chars() {
            assert!(covers(c), "{c} (U+{:04X})", c as u32);
        }
        assert_eq!(face_for(FontId::Serif, 'a'), FontId::Serif);
        // CJK punctuation comes from the CJK face, not the first that has it.
        let cjk = |c| match face_for(FontId::Serif, c) {
            FontId::Fallback(i) => FALLBACK[i as usize].name,
            _ => "",
        };
        for c in ['、', '。', '「', '」', '：', '（'] {
            assert_eq!(cjk(c), "DroidSansFallbackFull", "{c}");
        }
        assert!(matches!(face_for(FontId::Serif, 'م'), FontId::Fallback(1)));
        assert!(matches!(
            face_for(FontId::SansBold, '王'),
            FontId::Fallback(_)
        ));
        // Chinese characters never come from the Korean face, Hangul always does.
        assert_eq!(fallback_for('王'), fallback_for('さ'));
        assert_ne!(fallback_for('王'), fallback_for('김'));
        // A private-use character is in no font.
        assert!(!covers('\u{f8ff}'));
    }

    #[test]
    fn every_face_parses_with_sane_metrics() {
        for i in 0..FALLBACK.len() as u8 {
            // Tall scripts (Arabic, Myanmar, Tibetan stacks) reach further than Latin faces.
            let f = fonts().get(FontId::Fallback(i));
            assert!(
                f.upem >= 256.0 && f.ascent > 0.5 && f.ascent < 2.0 && f.descent < 1.5,
                "{} upem {} ascent {} descent {}",
                f.name,
                f.upem,
                f.ascent,
                f.descent
            );
        }
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
