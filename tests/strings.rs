//! The tool's own words come from a table per language, and a project may change any of them.

mod common;

use common::{Fixture, Pdf};

#[test]
fn a_german_project_gets_german_words_in_every_output() {
    let f = Fixture::named("sleep-reset");
    f.replace("kintsugi.yaml", "language: en", "language: de");
    f.build(None)
        .unwrap_or_else(|e| panic!("build failed: {e:#}"));
    let book = Pdf::open(&f.out().join("workbook.pdf")).text();
    for word in [
        "Inhalt",
        "Bevor du beginnst",
        "Woche 1",
        "Notizen",
        "EIN ARBEITSBUCH FÜR 4 WOCHEN",
    ] {
        assert!(book.contains(word), "no {word:?} in the workbook");
    }
    for word in ["Contents", "Before you begin", "Notes"] {
        assert!(!book.contains(word), "{word:?} in a German workbook");
    }
    let home = std::fs::read_to_string(f.out().join("site/index.html")).unwrap();
    for word in [
        "Zum Plan",
        "Die 4 Wochen",
        "Ein Programm für 4 Wochen",
        "gemacht mit kintsugi",
        "Zum Inhalt springen",
    ] {
        assert!(home.contains(word), "no {word:?} on the home page");
    }
    assert!(!home.contains("See the plan"));
    let plan = std::fs::read_to_string(f.out().join("site/plan.html")).unwrap();
    assert!(plan.contains("Woche 2 ·"), "{plan}");
}

#[test]
fn a_project_changes_the_tools_words_and_footers_in_kintsugi_yaml() {
    let f = Fixture::named("sleep-reset");
    f.replace(
        "kintsugi.yaml",
        "paper: letter",
        "paper: letter\nsite_footer: Run by Dana Reyes, sleep coach\nsheet_footer: dana-reyes.example\nstrings:\n  notes: Your notes\n  see_the_plan: The course plan\n",
    );
    assert!(f.diagnostics().0.is_empty(), "{}", f.diagnostics());
    f.build(None)
        .unwrap_or_else(|e| panic!("build failed: {e:#}"));
    let book = Pdf::open(&f.out().join("workbook.pdf")).text();
    assert!(book.contains("Your notes"));
    let home = std::fs::read_to_string(f.out().join("site/index.html")).unwrap();
    assert!(home.contains("The course plan") && home.contains("Run by Dana Reyes, sleep coach"));
    assert!(!home.contains("made with kintsugi"));
    let sheet = Pdf::open(&f.out().join("worksheets/sleep-log.pdf")).text();
    assert!(sheet.contains("dana-reyes.example"), "{sheet}");
}

#[test]
fn without_a_footer_setting_sheets_have_none_and_the_site_a_neutral_one() {
    let f = Fixture::named("sleep-reset");
    f.build(None)
        .unwrap_or_else(|e| panic!("build failed: {e:#}"));
    let sheet = Pdf::open(&f.out().join("worksheets/sleep-log.pdf")).text();
    assert!(!sheet.contains("kintsugi"), "{sheet}");
    let home = std::fs::read_to_string(f.out().join("site/index.html")).unwrap();
    assert!(home.contains("Sleep Reset · made with kintsugi"));
    f.replace(
        "kintsugi.yaml",
        "paper: letter",
        "paper: letter\nsite_footer: \"\"",
    );
    f.build(None).unwrap();
    let home = std::fs::read_to_string(f.out().join("site/index.html")).unwrap();
    assert!(!home.contains("made with kintsugi"));
    // What is left of the footer is the brand's organisation line.
    let footer = home.split("<footer").nth(1).unwrap_or_default();
    assert!(!footer.contains("<p>"), "{footer}");
    assert!(footer.contains("Quiet Hours Sleep Coaching"), "{footer}");
}

#[test]
fn an_unknown_string_key_is_an_error_at_its_place() {
    let f = Fixture::named("sleep-reset");
    f.replace(
        "kintsugi.yaml",
        "paper: letter",
        "paper: letter\nstrings:\n  notes: Notes\n  contnts: What is inside\n",
    );
    let d = f.diagnostics();
    assert_eq!(d.0.len(), 1, "{d}");
    let x = &d.0[0];
    assert_eq!(
        (x.file.to_str(), x.line, x.column),
        (Some("kintsugi.yaml"), 7, 3),
        "{d}"
    );
    assert!(x.message.contains("`contnts`"), "{d}");
    assert!(
        x.hint.as_deref().unwrap_or("").contains("`contents`"),
        "{d}"
    );
}

#[test]
fn check_notes_a_language_kintsugi_has_no_words_for() {
    let f = Fixture::named("sleep-reset");
    f.replace("kintsugi.yaml", "language: en", "language: fr");
    let project = kintsugi::check(f.root()).unwrap();
    let notes = kintsugi::validate::review(&project);
    let note = notes
        .iter()
        .find(|d| d.message.contains("no words in `fr`"))
        .unwrap_or_else(|| panic!("no note in {notes:?}"));
    assert_eq!((note.line, note.column), (2, 11));
    f.replace("kintsugi.yaml", "language: fr", "language: de-CH");
    let project = kintsugi::check(f.root()).unwrap();
    assert!(kintsugi::validate::review(&project)
        .iter()
        .all(|d| !d.message.contains("no words")));
}

#[test]
fn the_minimal_starter_uses_its_own_footer_lines_and_no_couples_wording() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("mine");
    kintsugi::app::scaffold::new_project(&root, true).unwrap();
    assert!(root.join("README.md").is_file());
    let out = root.join("output");
    kintsugi::build(&kintsugi::BuildOptions {
        root: root.clone(),
        out: out.clone(),
        paper: None,
        duplex: false,
        profile: None,
        base_url: None,
    })
    .unwrap_or_else(|e| panic!("build failed: {e:#}"));
    let mut text = Pdf::open(&out.join("workbook.pdf")).text();
    text.push_str(&Pdf::open(&out.join("worksheets/all.pdf")).text());
    for (path, bytes) in common::tree(&out.join("site")) {
        if path.ends_with(".html") {
            text.push_str(&String::from_utf8(bytes).unwrap());
        }
    }
    assert!(
        text.contains("Small Steps · a two-week practice"),
        "no site footer"
    );
    for words in [
        "practise imperfection",
        "Practise, don",
        "couples",
        "together",
        "thirty days",
        "the two of you",
        "your partner",
        "SIX-WEEK",
        "six-week",
    ] {
        assert!(!text.contains(words), "{words:?} in the starter's outputs");
    }
}

#[test]
fn sheet_labels_from_data_follow_the_program_not_a_couple() {
    let f = Fixture::named("sleep-reset");
    f.write(
        "content/worksheets/commitment.yaml",
        "id: commitment\ntitle: My commitment\nblocks:\n  - before_after:\n      measures: [Hours slept]\n  - checkbox_grid:\n      rows: people\n      columns: days\n  - signature: {}\n",
    );
    f.build(None)
        .unwrap_or_else(|e| panic!("build failed: {e:#}"));
    let sheet = Pdf::open(&f.out().join("worksheets/commitment.pdf")).text();
    // The last week of a four-week program, not a sixth.
    assert!(
        sheet.contains("Week 1") && sheet.contains("Week 4"),
        "{sheet}"
    );
    assert!(
        !sheet.contains("Week 6") && !sheet.contains("Partner"),
        "{sheet}"
    );
    assert!(sheet.contains("Person A"), "{sheet}");
    // A program names its own people.
    f.replace("content/program.md", "weeks: 4", "weeks: 4\npeople: [Me]");
    f.build(None).unwrap();
    let sheet = Pdf::open(&f.out().join("worksheets/commitment.pdf")).text();
    assert!(sheet.contains("Me") && !sheet.contains("Person"), "{sheet}");
    let page = std::fs::read_to_string(f.out().join("site/worksheets/commitment.html")).unwrap();
    assert!(page.contains("Week 4") && !page.contains("Person A"));
}
