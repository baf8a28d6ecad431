//! Every script prints: names in many scripts come back out of the PDFs,
//! mixed directions extract in reading order, and right-to-left programs
//! are laid out from the right.

mod common;

use common::{Fixture, Pdf};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Couples whose names are written in fifteen scripts, and an emoji.
const PEOPLE: &[(&str, &str)] = &[
    ("王芳", "李伟"),              // Han
    ("さくら", "Ólafur"),          // Hiragana, Latin
    ("김민준", "Ελένη"),           // Hangul, Greek
    ("محمد", "فاطمة"),             // Arabic
    ("דוד", "Ольга"),              // Hebrew, Cyrillic
    ("प्रिया", "Nguyễn Thị Hương"), // Devanagari, Vietnamese
    ("สมชาย", "Zeynep Çağlar"),    // Thai, Turkish
    ("সুমন", "Małgorzata"),         // Bengali, Polish
    ("நிலா", "ნინო"),               // Tamil, Georgian
    ("ሰላም", "Անի"),                // Ethiopic, Armenian
    ("Ayşe 🙂", "ᏣᎳᎩ"),            // emoji, Cherokee
];

/// pdftotext (poppler) of `pdf`, NFKC-normalised, without the directional
/// marks poppler puts around right-to-left stretches.
fn pdftotext(pdf: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext fails on {}", pdf.display());
    String::from_utf8_lossy(&out.stdout)
        .nfkc()
        .filter(|c| !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

fn batch(f: &Fixture, people: &str) -> kintsugi::app::batch::BatchReport {
    f.write("people.csv", people);
    let project = kintsugi::check(f.root()).unwrap();
    let opts = kintsugi::app::batch::BatchOptions {
        people: f.root().join("people.csv"),
        out: f.root().join("out"),
        paper: None,
        duplex: false,
        force: false,
        shard: None,
    };
    kintsugi::app::batch::run(&project, &opts, &|_, _| {}).unwrap()
}

#[test]
fn a_batch_with_names_in_fifteen_scripts_builds_and_every_name_comes_back_out() {
    for f in [Fixture::default_program(), Fixture::named("sleep-reset")] {
        let mut csv = String::from("name,partner,start\n");
        for (a, b) in PEOPLE {
            csv.push_str(&format!("{a},{b},2026-12-07\n"));
        }
        let report = batch(&f, &csv);
        assert!(report.ok(), "{report}");
        assert_eq!(report.people.len(), PEOPLE.len());
        for ((folder, _), (a, b)) in report.people.iter().zip(PEOPLE) {
            let workbook = f.root().join("out").join(folder).join("workbook.pdf");
            let cover = pdftotext(&workbook, &["-f", "1", "-l", "1"]);
            for name in [a, b] {
                let want: String = name.nfkc().collect();
                assert!(cover.contains(&want), "{folder}: {name} not in {cover}");
            }
        }
        // The fallback faces are embedded (and subset) only where they are needed.
        let chinese = f
            .root()
            .join("out")
            .join(&report.people[0].0)
            .join("workbook.pdf");
        let fonts = String::from_utf8_lossy(
            &std::process::Command::new("pdffonts")
                .arg(&chinese)
                .output()
                .unwrap()
                .stdout,
        )
        .into_owned();
        assert!(fonts.contains("+DroidSansFallbackFull"), "{fonts}");
        assert!(!fonts.contains("NotoSansArabic"), "{fonts}");
    }
}

#[test]
fn an_arabic_name_in_an_english_sentence_extracts_in_reading_order() {
    let f = Fixture::named("sleep-reset");
    f.replace(
        "content/weeks/week-1.md",
        "The body clock sets itself",
        "Ask محمد about the plan. The body clock sets itself",
    );
    f.write(
        "profile.yaml",
        "name: فاطمة\npartner: Anna\nstart: 2026-12-07\n",
    );
    let report = kintsugi::build(&kintsugi::BuildOptions {
        root: f.root().into(),
        out: f.out(),
        paper: None,
        duplex: false,
        flat: false,
        profile: Some(f.root().join("profile.yaml")),
        base_url: None,
    })
    .unwrap();
    let dir = f.out().join("personal").join(report.person.unwrap());
    let text = pdftotext(&dir.join("workbook.pdf"), &[]);
    // The letters in reading order (not turned round as drawn), between the
    // English words they stand between. (poppler's own reordering may move
    // the spaces and neutral signs next to them: "For & فاطمةAnna".)
    let at = |w: &str| text.find(w);
    let (ask, name, about) = (at("Ask"), at("محمد"), at("about"));
    assert!(name.is_some(), "{text}");
    assert!(ask < name && name < about, "{text}");
    assert!(!text.contains("دمحم"), "the name extracts reversed");
    let (for_, name, anna) = (at("For"), at("فاطمة"), at("Anna"));
    assert!(name.is_some() && for_ < name && name < anna, "{text}");
}

/// Words pdftotext finds on page `n`: (word, xMin, xMax, height), NFKC.
/// Its bounding-box mode leaves right-to-left words as drawn, so they are
/// turned back into reading order here.
fn words_on(pdf: &Path, n: u32) -> Vec<(String, f32, f32, f32)> {
    common::pdf_words(pdf, n as usize)
        .into_iter()
        .map(|(word, [x0, y0, x1, y1])| {
            let rtl = word.chars().any(|c| ('\u{590}'..='\u{8ff}').contains(&c));
            let word: String = if rtl {
                word.chars().rev().collect()
            } else {
                word
            };
            (word.nfkc().collect(), x0, x1, y1 - y0)
        })
        .collect()
}

/// The page of the workbook whose text contains `needle`.
fn page_with(pdf: &Path, needle: &str) -> u32 {
    let pages = Pdf::open(pdf).page_count() as u32;
    (1..=pages)
        .find(|&n| pdftotext(pdf, &["-f", &n.to_string(), "-l", &n.to_string()]).contains(needle))
        .unwrap_or_else(|| panic!("no page has {needle}"))
}

#[test]
fn a_right_to_left_program_starts_its_lines_at_the_right_margin() {
    let title = "استيقظ في الوقت نفسه";
    for language in ["en", "ar"] {
        let f = Fixture::named("sleep-reset");
        f.replace(
            "kintsugi.yaml",
            "language: en",
            &format!("language: {language}"),
        );
        f.replace(
            "content/weeks/week-1.md",
            "title: Wake at the same time",
            &format!("title: {title}"),
        );
        f.replace(
            "content/weeks/week-1.md",
            "Pick a time you can keep on Saturday too.",
            "\n\nاختر وقتًا تستطيع الالتزام به يوم السبت أيضًا.",
        );
        f.build(None).unwrap();
        let pdf = f.out().join("workbook.pdf");
        let (w, _) = Pdf::open(&pdf).page_size(1);
        let n = page_with(&pdf, "يوم السبت");
        let words = words_on(&pdf, n);
        // The week's title, set large on its opening page.
        let big: Vec<&(String, f32, f32, f32)> = words
            .iter()
            .filter(|(x, _, _, h)| *h > 20.0 && title.contains(x.as_str()))
            .collect();
        assert_eq!(big.len(), 4, "{words:?}");
        let left = big.iter().map(|b| b.1).fold(f32::MAX, f32::min);
        let right = big.iter().map(|b| b.2).fold(0.0, f32::max);
        let first = big.iter().find(|b| b.0 == "استيقظ").unwrap();
        // Joined up and in reading order: the first word is the rightmost.
        assert!((first.2 - right).abs() < 0.5, "{big:?}");
        if language == "en" {
            assert!(
                left < w * 0.2,
                "a left-to-right page starts at the left: {big:?}"
            );
            continue;
        }
        assert!(
            right > w * 0.8 && left > w * 0.3,
            "from the right margin: {big:?} on {w}"
        );
        // A paragraph of its own starts at the right margin too, as the title does.
        let start = words.iter().find(|x| x.0 == "اختر").unwrap();
        assert!((start.2 - right).abs() < 1.0, "{start:?} vs {right}");
        // Ligatures (lam-alef) and marks (tanwin) extract as written.
        let text = pdftotext(&pdf, &["-f", &n.to_string(), "-l", &n.to_string()]);
        for want in ["الالتزام", "أيضًا", "استيقظ في الوقت نفسه"] {
            let want: String = want.nfkc().collect();
            assert!(text.contains(&want), "{want} not in {text}");
        }
        // The tracker's first day is on the right.
        let sheet = f.out().join("worksheets/sleep-log.pdf");
        let sheet_words = words_on(&sheet, 1);
        let days = kintsugi::strings::Strings::new(language, &Default::default()).list("days");
        let day = |d: &str| {
            let d = d.split_whitespace().last().unwrap_or(d);
            let d: String = d.nfkc().collect();
            sheet_words.iter().find(|x| x.0 == d).map(|x| x.1)
        };
        let (first, last) = (day(&days[0]), day(&days[6]));
        assert!(
            first.is_some() && last.is_some(),
            "{days:?} in {sheet_words:?}"
        );
        assert!(first > last, "{sheet_words:?}");
    }
}

#[test]
fn a_font_in_the_projects_fonts_folder_prints_what_no_built_in_one_has() {
    let f = Fixture::named("sleep-reset");
    let profile = "name: Wulfila 𐌰𐍄𐍄𐌰\nstart: 2026-12-07\n";
    // Without it, the name is refused with a hint naming the font that would print it.
    let e = format!("{:#}", f.build_profile(profile, None).unwrap_err());
    assert!(
        e.contains("`𐌰` (U+10330), which no font kintsugi has can print"),
        "{e}"
    );
    assert!(e.contains("Noto Sans Gothic"), "{e}");
    // With it in fonts/, the name prints in it.
    std::fs::create_dir_all(f.root().join("fonts")).unwrap();
    std::fs::copy(
        common::repo().join("tests/data/fonts/NotoSansGothic-Regular.ttf"),
        f.root().join("fonts/NotoSansGothic-Regular.ttf"),
    )
    .unwrap();
    let report = f.build_profile(profile, None).unwrap();
    let pdf = f
        .out()
        .join("personal")
        .join(report.person.unwrap())
        .join("workbook.pdf");
    let cover = pdftotext(&pdf, &["-f", "1", "-l", "1"]);
    assert!(cover.contains("Wulfila 𐌰𐍄𐍄𐌰"), "{cover}");
    let fonts = std::process::Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&fonts.stdout).contains("+NotoSansGothic-Regular"));
    // A file in fonts/ that is not a font is an error at that file.
    f.write("fonts/broken.ttf", "not a font");
    let e = f.diagnostics().to_string();
    assert!(
        e.contains("fonts/broken.ttf:1:1: error: `fonts/broken.ttf` cannot be read as a font"),
        "{e}"
    );
}
