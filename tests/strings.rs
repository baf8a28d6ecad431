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
fn check_warns_about_a_language_no_table_has_words_for() {
    let f = Fixture::named("sleep-reset");
    f.replace("kintsugi.yaml", "language: en", "language: sv");
    let project = kintsugi::check(f.root()).unwrap();
    let notes = kintsugi::validate::review(&project);
    let warning = notes
        .iter()
        .find(|d| d.message.contains("no words in `sv`"))
        .unwrap_or_else(|| panic!("no warning in {notes:?}"));
    assert_eq!((warning.line, warning.column), (2, 11));
    assert_eq!(warning.severity, kintsugi::diag::Severity::Warning);
    assert!(warning
        .hint
        .as_deref()
        .unwrap_or("")
        .contains("i18n/sv.yaml"));
    // kintsugi's own table for a regional tag's language is enough.
    f.replace("kintsugi.yaml", "language: sv", "language: de-CH");
    let project = kintsugi::check(f.root()).unwrap();
    assert!(kintsugi::validate::review(&project)
        .iter()
        .all(|d| !d.message.contains("no words")));
}

/// The English table, as a project would copy it to start its own.
fn english_table() -> String {
    std::fs::read_to_string(common::repo().join("src/strings/en.yaml")).unwrap()
}

#[test]
fn a_project_adds_a_language_with_its_own_i18n_file() {
    let f = Fixture::named("sleep-reset");
    f.replace("kintsugi.yaml", "language: en", "language: sv");
    // A table with two words: the rest are named as missing, in a note.
    f.write("i18n/sv.yaml", "contents: Innehåll\nnotes: Anteckningar\n");
    let project = kintsugi::check(f.root()).unwrap();
    let review = kintsugi::validate::review(&project);
    let note = review
        .iter()
        .find(|d| d.message.contains("the words in `sv` lack"))
        .unwrap_or_else(|| panic!("no note in {review:?}"));
    assert_eq!(note.severity, kintsugi::diag::Severity::Note);
    assert!(
        note.message.contains("before_you_begin"),
        "{}",
        note.message
    );
    // A whole table: nothing to say.
    let mut whole = english_table().replace("contents: Contents", "contents: Innehåll");
    whole = whole.replace("notes: Notes", "notes: Anteckningar");
    whole = whole.replace("this_week: This week", "this_week: Den här veckan");
    f.write("i18n/sv.yaml", &whole);
    let project = kintsugi::check(f.root()).unwrap();
    let review = kintsugi::validate::review(&project);
    assert!(
        review.iter().all(|d| !d.message.contains("`sv`")),
        "{review:?}"
    );
    f.build(None)
        .unwrap_or_else(|e| panic!("build failed: {e:#}"));
    let book = Pdf::open(&f.out().join("workbook.pdf")).text();
    for word in ["Innehåll", "Anteckningar", "Den här veckan"] {
        assert!(book.contains(word), "no {word:?} in the workbook");
    }
    assert!(!book.contains("Contents"), "English left in the workbook");
    let home = std::fs::read_to_string(f.out().join("site/index.html")).unwrap();
    assert!(home.contains("lang=\"sv\""), "{home}");
}

#[test]
fn an_i18n_file_changes_a_built_in_language_and_kintsugi_yaml_wins_over_it() {
    let f = Fixture::named("sleep-reset");
    f.replace("kintsugi.yaml", "language: en", "language: de");
    f.write(
        "i18n/de.yaml",
        "contents: Was drin ist\nnotes: Platz für dich\n",
    );
    f.replace(
        "kintsugi.yaml",
        "paper: letter",
        "paper: letter\nstrings:\n  notes: Deine Notizen\n",
    );
    assert!(f.diagnostics().0.is_empty(), "{}", f.diagnostics());
    f.build(None)
        .unwrap_or_else(|e| panic!("build failed: {e:#}"));
    let book = Pdf::open(&f.out().join("workbook.pdf")).text();
    assert!(book.contains("Was drin ist"), "the i18n file's word");
    assert!(book.contains("Deine Notizen"), "kintsugi.yaml's word");
    assert!(!book.contains("Platz für dich"), "kintsugi.yaml wins");
    assert!(
        book.contains("Bevor du beginnst"),
        "kintsugi's German fills the rest"
    );
}

#[test]
fn a_bad_i18n_file_is_an_error_at_its_place() {
    let f = Fixture::named("sleep-reset");
    f.write("i18n/de.yaml", "contents: Inhalt\ncontnts: Inhalt\n");
    f.write("i18n/German.yaml", "contents: Inhalt\n");
    let d = f.diagnostics();
    assert_eq!(d.0.len(), 2, "{d}");
    let key =
        d.0.iter()
            .find(|x| x.message.contains("`contnts`"))
            .unwrap();
    assert_eq!(
        (key.file.to_str(), key.line, key.column),
        (Some("i18n/de.yaml"), 2, 1),
        "{d}"
    );
    assert!(key.hint.as_deref().unwrap_or("").contains("`contents`"));
    let name = d.0.iter().find(|x| x.message.contains("`German`")).unwrap();
    assert_eq!(name.file.to_str(), Some("i18n/German.yaml"));
    assert!(name.hint.as_deref().unwrap_or("").contains("i18n/fr.yaml"));
}

#[test]
fn a_profile_sets_the_language_of_its_labels_and_dates() {
    let f = Fixture::named("sleep-reset");
    let profile = "name: Jonas\nstart: 2026-03-02\nlanguage: de\n";
    f.build_profile(profile, None)
        .unwrap_or_else(|e| panic!("build failed: {e:#}"));
    let book = Pdf::open(&f.out().join("personal/jonas/workbook.pdf")).text();
    for word in ["Inhalt", "Woche 1", "März"] {
        assert!(book.contains(word), "no {word:?} in Jonas's workbook");
    }
    assert!(!book.contains("Contents"), "English label left");
    // The author's words are the author's: the program's title stays.
    assert!(book.contains("Sleep Reset"));
    // A language with no words is a warning; a tag that is none, an error.
    let (person, notes) = {
        f.write(
            "profile.yaml",
            "name: Jonas\nstart: 2026-03-02\nlanguage: sv\n",
        );
        let project = kintsugi::check(f.root()).unwrap();
        kintsugi::app::personal::read_person_with_notes(&project, &f.root().join("profile.yaml"))
            .unwrap()
    };
    assert_eq!(person.language.as_deref(), Some("sv"));
    let w = notes
        .iter()
        .find(|d| d.message.contains("no words in `sv`"))
        .unwrap_or_else(|| panic!("{notes:?}"));
    assert_eq!((w.line, w.column), (3, 11));
    f.write(
        "profile.yaml",
        "name: Jonas\nstart: 2026-03-02\nlanguage: German\n",
    );
    let project = kintsugi::check(f.root()).unwrap();
    let err =
        kintsugi::app::personal::read_person_with_notes(&project, &f.root().join("profile.yaml"))
            .unwrap_err();
    assert!(
        format!("{err:#}").contains("`German` is not a language tag"),
        "{err:#}"
    );
}

#[test]
fn a_right_to_left_program_has_a_right_to_left_site() {
    let f = Fixture::named("sleep-reset");
    f.replace("kintsugi.yaml", "language: en", "language: ar");
    f.build(None)
        .unwrap_or_else(|e| panic!("build failed: {e:#}"));
    for (path, bytes) in common::tree(&f.out().join("site")) {
        if path.ends_with(".html") {
            let page = String::from_utf8(bytes).unwrap();
            assert!(
                page.contains("<html lang=\"ar\" dir=\"rtl\""),
                "{path} is not right to left"
            );
        }
    }
    let css = std::fs::read_to_string(f.out().join("site/style.css")).unwrap();
    for physical in ["margin-left", "padding-left", "border-left", "margin-right"] {
        assert!(!css.contains(physical), "{physical} in the style sheet");
    }
    assert!(css.contains("th, td { text-align: start;"));
    f.replace("kintsugi.yaml", "language: ar", "language: en");
    f.build(None).unwrap();
    let home = std::fs::read_to_string(f.out().join("site/index.html")).unwrap();
    assert!(home.contains("dir=\"ltr\""));
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
        flat: false,
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
