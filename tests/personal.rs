//! Personal workbooks: names and dates where they belong, clear profile errors,
//! nothing personal in public outputs, and batches that survive bad records.

mod common;

use common::{fold, Fixture, Pdf};
use std::path::Path;

fn build_profile(f: &Fixture, profile: &str) -> anyhow::Result<kintsugi::BuildReport> {
    f.build_profile(profile, None)
}

const COUPLE: &str = "name: Zoë\npartner: José\nstart: 2026-12-07\n";

#[test]
fn names_and_dates_reach_the_cover_chapters_and_trackers() {
    let f = Fixture::default_program();
    let report = build_profile(&f, COUPLE).unwrap();
    assert_eq!(report.person.as_deref(), Some("zoe-and-jose"));
    let dir = f.out().join("personal/zoe-and-jose");
    let wb = Pdf::open(&dir.join("workbook.pdf"));
    let cover = wb.page_text(1);
    assert!(cover.contains("For Zoë & José"), "{cover}");
    assert!(
        cover.contains("7 December 2026 – 17 January 2027"),
        "{cover}"
    );
    let text = wb.text();
    assert!(
        text.contains("Week 3 · Mon 21 – Sun 27 December 2026"),
        "week 3 is dated"
    );
    assert!(
        text.contains("Week 4 · Mon 28 December 2026 – Sun 3 January 2027"),
        "across a year boundary"
    );
    assert!(
        text.contains("· your ritual"),
        "the chosen ritual is highlighted"
    );
    let tracker = Pdf::open(&dir.join("worksheets/weekly-tracker-week-4.pdf")).page_text(1);
    for want in [
        "Week 4 · Mon 28 December 2026 – Sun 3 January 2027",
        "Zoë",
        "José",
        "Mon 28",
        "Thu 31",
        "Fri 1",
        "Sun 3",
        "Ritual:",
    ] {
        assert!(tracker.contains(want), "tracker lacks {want:?}: {tracker}");
    }
    assert!(
        !tracker.contains("Partner A"),
        "names replace the generic rows"
    );
    let agreement = Pdf::open(&dir.join("worksheets/week-one-agreement.pdf")).page_text(1);
    assert!(
        agreement.contains("Zoë") && agreement.contains("José"),
        "signature lines are named"
    );
}

#[test]
fn a_sunday_start_crosses_a_month() {
    let f = Fixture::default_program();
    build_profile(
        &f,
        "name: Zoë\npartner: José\nstart: 2026-11-25\nweek_starts: sunday\n",
    )
    .unwrap();
    let dir = f.out().join("personal/zoe-and-jose");
    let tracker = fold(&Pdf::open(&dir.join("worksheets/weekly-tracker-week-1.pdf")).page_text(1));
    assert!(
        tracker.contains("Week 1 · Sun 29 November – Sat 5 December 2026"),
        "{tracker}"
    );
    // Column labels share a baseline, so extraction may run them together.
    assert!(
        tracker
            .replace(' ', "")
            .contains("Sun29Mon30Tue1Wed2Thu3Fri4Sat5"),
        "days run from Sunday: {tracker}"
    );
}

#[test]
fn weeks_start_on_any_day_and_a_note_says_when_week_one_waits() {
    let f = Fixture::default_program();
    // Wednesday 4 March 2026; week 1 begins on the Saturday after it.
    let report = build_profile(
        &f,
        "name: Søren\nstart: 2026-03-04\nweek_starts: Saturday\n",
    )
    .unwrap();
    let notes: Vec<String> = report.notes.iter().map(|n| n.to_string()).collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("profile.yaml:2:8: note: week 1 begins on Saturday 7 March; the start date, 4 March, is a Wednesday"), "{notes:?}");
    let dir = f.out().join("personal/soren");
    let tracker = fold(&Pdf::open(&dir.join("worksheets/weekly-tracker-week-1.pdf")).page_text(1));
    assert!(tracker.contains("Sat 7 – Fri 13 March 2026"), "{tracker}");
    // A start on the chosen day needs no note.
    let report = build_profile(
        &f,
        "name: Søren\nstart: 2026-03-07\nweek_starts: saturday\n",
    )
    .unwrap();
    assert!(report.notes.is_empty(), "{:?}", report.notes);
}

#[test]
fn a_batch_notes_each_person_whose_week_one_waits() {
    let f = Fixture::default_program();
    f.write(
        "people.csv",
        "name,start,week_starts\nAna,2026-03-04,FRIDAY\nBo,2026-03-06,friday\nCy,2026-03-04,frday\n",
    );
    let report = batch_into_out(&f);
    let notes: Vec<String> = report
        .warnings
        .iter()
        .filter(|d| d.severity == kintsugi::diag::Severity::Note)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("people.csv:2:5: note: week 1 begins on Friday 6 March; the start date, 4 March, is a Wednesday"), "{notes:?}");
    let bad: Vec<String> = report
        .bad_records
        .iter()
        .flat_map(|r| &r.problems)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(
        bad[0].contains("people.csv:4:15: error: `frday` is not a day of the week"),
        "{bad:?}"
    );
    assert!(bad[0].contains("did you mean `friday`?"), "{bad:?}");
}

#[test]
fn a_solo_profile_reads_naturally() {
    let f = Fixture::default_program();
    build_profile(
        &f,
        "name: Søren\nstart: 2026-03-02\nritual: thanks-voice-note\n",
    )
    .unwrap();
    let dir = f.out().join("personal/soren");
    let cover = Pdf::open(&dir.join("workbook.pdf")).page_text(1);
    assert!(
        cover.contains("For Søren") && !cover.contains('&'),
        "{cover}"
    );
    let tracker = Pdf::open(&dir.join("worksheets/weekly-tracker-week-1.pdf")).page_text(1);
    assert!(
        tracker.contains("Søren") && !tracker.contains("Partner"),
        "{tracker}"
    );
    assert!(
        tracker.contains("60-second voice note of thanks") || tracker.contains("voice note"),
        "the chosen ritual is named: {tracker}"
    );
}

#[test]
fn placeholders_are_filled_for_a_person_and_neutral_in_public() {
    let f = Fixture::named("minimal");
    f.replace(
        "content/program.md",
        "An introduction",
        "Welcome, {{ names }}. An introduction",
    );
    build_profile(&f, COUPLE).unwrap();
    let personal = Pdf::open(&f.out().join("personal/zoe-and-jose/workbook.pdf")).text();
    assert!(personal.contains("Welcome, Zoë & José."), "{personal}");
    f.build(None).unwrap();
    // Public outputs say kintsugi's neutral word, or the program's own under `neutral:`.
    let public = Pdf::open(&f.out().join("workbook.pdf")).text();
    assert!(public.contains("Welcome, you."), "{public}");
    f.replace(
        "content/program.md",
        "weeks:",
        "neutral:\n  names: the two of you\nweeks:",
    );
    f.build(None).unwrap();
    let public = Pdf::open(&f.out().join("workbook.pdf")).text();
    assert!(public.contains("Welcome, the two of you."), "{public}");
    let home = std::fs::read_to_string(f.out().join("site/index.html")).unwrap();
    assert!(
        home.contains("Welcome, the two of you.") && !home.contains("{{"),
        "no raw placeholder on the site"
    );
}

/// Every file under `dir`, except those under `skip`.
fn all_files(dir: &Path, skip: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.starts_with(skip) {
            continue;
        }
        if p.is_dir() {
            all_files(&p, skip, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn personal_data_never_reaches_the_public_outputs() {
    let f = Fixture::default_program();
    build_profile(
        &f,
        "name: Małgorzata\npartner: Ximena\nstart: 2026-12-07\nintentions: Quietly brave.\n",
    )
    .unwrap();
    f.build(None).unwrap();
    let mut files = Vec::new();
    all_files(&f.out(), &f.out().join("personal"), &mut files);
    assert!(files.len() > 40);
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let text = if file.extension().is_some_and(|e| e == "pdf") {
            Pdf::open(&file).text()
        } else {
            String::from_utf8_lossy(&bytes).into_owned()
        };
        for secret in [
            "Małgorzata",
            "Malgorzata",
            "Ximena",
            "Quietly brave",
            "7 December 2026",
        ] {
            assert!(
                !text.contains(secret),
                "{} holds {secret:?}",
                file.display()
            );
        }
    }
    let entries: Vec<String> = std::fs::read_dir(f.out().join("personal"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(entries, vec!["malgorzata-and-ximena".to_string()]);
}

/// The first error for a profile.
fn profile_error(profile: &str) -> String {
    let f = Fixture::default_program();
    let e = build_profile(&f, profile).unwrap_err();
    let d = e
        .downcast_ref::<kintsugi::diag::Diagnostics>()
        .unwrap_or_else(|| panic!("{e:#}"));
    assert!(
        !f.out().join("personal").exists(),
        "nothing is written for a bad profile"
    );
    d.0[0]
        .to_string()
        .replace(&f.root().display().to_string(), "[ROOT]")
}

#[test]
fn every_bad_profile_field_has_a_clear_error() {
    let e = profile_error("partner: José\nstart: 2026-12-07\n");
    assert!(
        e.starts_with("[ROOT]/profile.yaml:1:1: error: missing field `name`"),
        "{e}"
    );
    let e = profile_error("name: Zoë\nstart: 2026-02-30\n");
    assert!(e.starts_with("[ROOT]/profile.yaml:2:8: error: `2026-02-30` is not a date: February 2026 has no day 30"), "{e}");
    let e = profile_error("name: Zoë\nstart: 2026-12-07\nritual: evening-checkin\n");
    assert!(
        e.starts_with(
            "[ROOT]/profile.yaml:3:9: error: no micro-ritual has the id `evening-checkin`"
        ),
        "{e}"
    );
    assert!(
        e.contains("did you mean `evening-check-in`?") && e.contains("thanks-voice-note"),
        "{e}"
    );
    let e = profile_error("name: Zoë\nstart: 2026-12-07\nweek_starts: satday\n");
    assert!(e.starts_with("[ROOT]/profile.yaml:3:14: error: week_starts: unknown variant `satday`, expected one of `monday`, `tuesday`, `wednesday`, `thursday`, `friday`, `saturday`, `sunday`"), "{e}");
    assert!(e.contains("did you mean `saturday`?"), "{e}");
    let e = profile_error("name: Zoë\nstart: 2026-12-07\nnickname: Z\n");
    assert!(e.contains("unknown field `nickname`"), "{e}");
    // Gothic, a script of the fourth century, is in none of kintsugi's fonts.
    let e = profile_error("name: Zoë 𐌰\nstart: 2026-12-07\n");
    assert!(
        e.contains("`name` has `𐌰` (U+10330), which no font kintsugi has can print"),
        "{e}"
    );
    assert!(
        e.contains("a TrueType font with Gothic letters (Noto Sans Gothic, for one) in the project's fonts/ folder would print it"),
        "{e}"
    );
    let e = profile_error("name: \"  \"\nstart: 2026-12-07\n");
    assert!(e.contains("`name` is empty"), "{e}");
}

/// The default program built for `profile`, and the person's output folder.
fn personal(profile: &str) -> (Fixture, String, std::path::PathBuf) {
    let f = Fixture::default_program();
    let slug = build_profile(&f, profile).unwrap().person.unwrap();
    let dir = f.out().join("personal").join(&slug);
    (f, slug, dir)
}

#[test]
fn unicode_names_print_and_get_safe_slugs() {
    let (_f, slug, dir) =
        personal("name: Nguyễn Thị Hương\npartner: ../../etc\nstart: 2026-12-07\n");
    assert_eq!(slug, "nguyen-thi-huong-and-etc");
    let cover = Pdf::open(&dir.join("workbook.pdf")).page_text(1);
    assert!(cover.contains("Nguyễn Thị Hương & ../../etc"), "{cover}");
}

#[test]
fn long_names_wrap_in_the_tracker_rows_instead_of_failing_the_sheet() {
    // These once left the seven dated columns a millimetre short.
    let (_f, _, dir) =
        personal("name: Nguyễn Thị Hương 1500\npartner: Małgorzata 2000\nstart: 2026-01-05\n");
    let tracker = Pdf::open(&dir.join("worksheets/weekly-tracker-week-6.pdf")).page_text(1);
    for want in [
        "Nguyễn",
        "1500",
        "Małgorzata 2000",
        "Mon 9",
        "Wed 11",
        "Sun 15",
    ] {
        assert!(tracker.contains(want), "tracker lacks {want:?}: {tracker}");
    }
}

/// Batch options for a people list in the fixture, written to `out` inside it.
fn batch_options(f: &Fixture, people: &str, out: &str) -> kintsugi::app::batch::BatchOptions {
    kintsugi::app::batch::BatchOptions {
        people: f.root().join(people),
        out: f.root().join(out),
        paper: None,
        duplex: false,
        force: false,
        shard: None,
    }
}

/// A batch of the fixture's people.csv into out/, as it is now.
fn batch_into_out(f: &Fixture) -> kintsugi::app::batch::BatchReport {
    let project = kintsugi::check(f.root()).unwrap();
    kintsugi::app::batch::run(&project, &batch_options(f, "people.csv", "out"), &|_, _| {}).unwrap()
}

fn people_csv(n: usize, bad: &[usize]) -> String {
    let mut s = String::from("name,partner,start,week_starts\n");
    for i in 0..n {
        if bad.contains(&i) {
            s.push_str(&format!("Person {i},,2026-02-3{i},monday\n"));
        } else {
            s.push_str(&format!(
                "Person {i},\"Partner, {i}\",2026-12-{:02},{}\n",
                i % 28 + 1,
                if i % 2 == 0 { "monday" } else { "sunday" }
            ));
        }
    }
    s
}

#[test]
fn a_batch_skips_bad_records_and_builds_the_rest() {
    let f = Fixture::named("minimal");
    f.write("people.csv", &people_csv(200, &[5, 77, 150]));
    let opts = batch_options(&f, "people.csv", "batch");
    let project = kintsugi::check(f.root()).unwrap();
    let report = kintsugi::app::batch::run(&project, &opts, &|_, _| {}).unwrap();
    assert_eq!(
        report.count(|o| *o == kintsugi::app::batch::Outcome::Built),
        197
    );
    assert_eq!(report.bad_records.len(), 3);
    assert!(!report.ok(), "the batch reports failure");
    let lines: Vec<usize> = report.bad_records.iter().map(|d| d.line).collect();
    assert_eq!(lines, vec![7, 79, 152], "each bad record names its line");
    let folders: Vec<_> = std::fs::read_dir(f.root().join("batch"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(folders.len(), 197);
    for dir in folders {
        assert!(
            dir.join("workbook.pdf").is_file() && dir.join("worksheets/all.pdf").is_file(),
            "{} is incomplete",
            dir.display()
        );
    }
    // Run again: everything is up to date; --force rebuilds.
    let again = kintsugi::app::batch::run(&project, &opts, &|_, _| {}).unwrap();
    assert_eq!(
        again.count(|o| *o == kintsugi::app::batch::Outcome::UpToDate),
        197
    );
    let forced = kintsugi::app::batch::run(
        &project,
        &kintsugi::app::batch::BatchOptions {
            force: true,
            ..opts
        },
        &|_, _| {},
    )
    .unwrap();
    assert_eq!(
        forced.count(|o| *o == kintsugi::app::batch::Outcome::Built),
        197
    );
}

#[test]
fn shards_cover_everyone_exactly_once() {
    let f = Fixture::named("minimal");
    f.write(
        "people.yaml",
        &(0..40)
            // Forty different people called Alex (exact repeats are built once).
            .map(|i| {
                format!(
                    "- name: Alex\n  start: 2026-{:02}-{:02}\n",
                    1 + i / 28,
                    i % 28 + 1
                )
            })
            .collect::<String>(),
    );
    let project = kintsugi::check(f.root()).unwrap();
    let mut seen = Vec::new();
    for k in 1..=4 {
        let opts = kintsugi::app::batch::BatchOptions {
            shard: Some(kintsugi::app::batch::Shard { index: k, count: 4 }),
            ..batch_options(&f, "people.yaml", &format!("shard-{k}"))
        };
        let report = kintsugi::app::batch::run(&project, &opts, &|_, _| {}).unwrap();
        for (slug, o) in report.people {
            if o == kintsugi::app::batch::Outcome::Built {
                seen.push(slug);
            }
        }
    }
    seen.sort();
    let before = seen.len();
    seen.dedup();
    assert_eq!(
        (before, seen.len()),
        (40, 40),
        "every person once, two Alexes never collide"
    );
    assert!(seen.contains(&"alex".to_string()) && seen.contains(&"alex-40".to_string()));
}

#[test]
fn a_batch_build_equals_a_single_build() {
    let f = Fixture::named("minimal");
    build_profile(&f, COUPLE).unwrap();
    f.write(
        "people.yaml",
        &format!("- {}", COUPLE.replace('\n', "\n  ").trim_end()),
    );
    let opts = batch_options(&f, "people.yaml", "batch");
    let project = kintsugi::check(f.root()).unwrap();
    let report = kintsugi::app::batch::run(&project, &opts, &|_, _| {}).unwrap();
    assert!(report.ok(), "{report}");
    for rel in [
        "workbook.pdf",
        "worksheets/tracker.pdf",
        "worksheets/all.pdf",
    ] {
        let single = std::fs::read(f.out().join("personal/zoe-and-jose").join(rel)).unwrap();
        let batch = std::fs::read(f.root().join("batch/zoe-and-jose").join(rel)).unwrap();
        assert!(
            single == batch,
            "{rel} differs between a single build and the batch"
        );
    }
}

#[test]
fn a_batch_never_touches_files_of_its_own_in_a_persons_folder() {
    let f = Fixture::named("minimal");
    f.write("people.csv", &people_csv(3, &[]));
    let opts = batch_options(&f, "people.csv", "batch");
    let project = kintsugi::check(f.root()).unwrap();
    kintsugi::app::batch::run(&project, &opts, &|_, _| {}).unwrap();
    let folder = std::fs::read_dir(f.root().join("batch"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::write(folder.join("notes from our session.txt"), "ours").unwrap();
    let forced = kintsugi::app::batch::BatchOptions {
        force: true,
        ..opts
    };
    kintsugi::app::batch::run(&project, &forced, &|_, _| {}).unwrap();
    assert_eq!(
        std::fs::read_to_string(folder.join("notes from our session.txt")).unwrap(),
        "ours"
    );
    assert!(folder.join("workbook.pdf").is_file());
}

#[test]
fn markup_in_a_name_prints_as_the_text_it_is() {
    let f = Fixture::named("minimal");
    let r = build_profile(
        &f,
        "name: \"<script>alert(1)</script>\"\npartner: \"Bo & <b>Al</b>\"\nstart: 2026-12-07\n",
    )
    .unwrap();
    let slug = r.person.unwrap();
    assert!(
        slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
        "{slug}"
    );
    let dir = f.out().join("personal").join(&slug);
    let cover = Pdf::open(&dir.join("workbook.pdf")).page_text(1);
    assert!(
        cover.contains("<script>alert(1)</script> & Bo & <b>Al</b>"),
        "{cover}"
    );
    assert!(!f.out().join("site").exists(), "no public output is made");
}

#[test]
fn a_person_with_two_bad_fields_is_one_failed_record() {
    let f = Fixture::named("minimal");
    f.write(
        "people.csv",
        "name,start,ritual\nAna,2026-12-07,\nBo,2026-02-30,no-such-ritual\n",
    );
    let report = batch_into_out(&f);
    assert_eq!(report.bad_records.len(), 1, "{:?}", report.bad_records);
    assert_eq!(report.bad_records[0].problems.len(), 2);
    assert_eq!(report.bad_records[0].line, 3);
    assert_eq!(
        report.to_string(),
        "2 people: 1 built, 0 already up to date, 0 in other shards, 1 failed"
    );
}

#[test]
fn a_repeated_person_is_built_once_and_a_manifest_says_who_is_where() {
    let f = Fixture::named("minimal");
    f.write(
        "people.csv",
        "name,partner,start\nAna,Bo,2026-12-07\nCy,,2026-12-07\nAna,Bo,2026-12-07\nAna,Bo,2027-01-04\nDee,,2026-13-01\n",
    );
    // A folder an earlier batch built for someone who has left the list.
    f.write("out/gone/.kintsugi-stamp", "0");
    f.write("out/gone/workbook.pdf", "kept");
    let report = batch_into_out(&f);
    let folders: Vec<&str> = report.people.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(folders, vec!["ana-and-bo", "cy", "ana-and-bo-2"]);
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings[0].contains(
            "people.csv:4:1: warning: Ana & Bo is the same person as on line 2; built once"
        ),
        "{warnings:?}"
    );
    assert!(
        warnings[1].contains("people.csv:5:1: warning: Ana & Bo has the same name as the person on line 2; their outputs go to ana-and-bo-2/"),
        "{warnings:?}"
    );
    assert_eq!(report.stale, vec![f.root().join("out/gone")]);
    assert_eq!(
        std::fs::read_to_string(f.root().join("out/gone/workbook.pdf")).unwrap(),
        "kept",
        "a stale folder is named, never removed"
    );
    assert!(
        report.to_string().ends_with("; 1 repeated row left out"),
        "{report}"
    );
    let manifest = std::fs::read_to_string(report.manifest.as_ref().unwrap()).unwrap();
    let rows: Vec<&str> = manifest.lines().collect();
    assert_eq!(rows[0], "line,name,partner,start,folder,files,status");
    assert_eq!(
        rows[1],
        "2,Ana,Bo,2026-12-07,ana-and-bo,workbook.pdf worksheets/tracker.pdf worksheets/all.pdf,built"
    );
    assert!(rows[3].ends_with(",ana-and-bo,workbook.pdf worksheets/tracker.pdf worksheets/all.pdf,the same person as line 2: built once"), "{}", rows[3]);
    assert!(
        rows[4].starts_with("5,Ana,Bo,2027-01-04,ana-and-bo-2,"),
        "{}",
        rows[4]
    );
    assert!(
        rows[5].starts_with("6,Dee,,,,,\"not built: `2026-13-01` is not a date"),
        "{}",
        rows[5]
    );
    for row in &rows[1..3] {
        let folder = row.split(',').nth(4).unwrap();
        for file in row.split(',').nth(5).unwrap().split(' ') {
            assert!(
                f.root().join("out").join(folder).join(file).is_file(),
                "{folder}/{file}"
            );
        }
    }
}

#[test]
fn a_file_called_manifest_that_kintsugi_did_not_write_is_left_alone() {
    let f = Fixture::named("minimal");
    f.write("people.csv", "name,start\nAna,2026-12-07\n");
    f.write("out/manifest.csv", "my own notes\n");
    let report = batch_into_out(&f);
    assert!(report
        .manifest
        .as_ref()
        .unwrap_err()
        .contains("is not a manifest kintsugi wrote"));
    assert_eq!(
        std::fs::read_to_string(f.root().join("out/manifest.csv")).unwrap(),
        "my own notes\n"
    );
    assert!(report.ok(), "the people were still built");
}

#[test]
fn long_names_wrap_on_signature_lines_instead_of_losing_words() {
    let name = "Maria Guadalupe Fernández de la Concepción Rodríguez";
    let (_f, _, dir) = personal(&format!("name: {name}\npartner: Jo\nstart: 2026-01-05\n"));
    for sheet in ["privacy-agreement", "week-one-agreement"] {
        let pdf = Pdf::open(&dir.join(format!("worksheets/{sheet}.pdf")));
        assert_eq!(pdf.page_count(), 1, "{sheet}");
        let text = pdf.page_text(1);
        for word in name.split(' ') {
            assert!(text.contains(word), "{sheet} lacks {word:?}: {text}");
        }
        // The name's second line sits above the next signature line, not over it.
        assert!(text.contains("Rodríguez"), "{text}");
        assert!(text.find("Rodríguez") < text.find(" Jo "), "{text}");
    }
}

#[test]
fn build_and_batch_take_paper_from_the_flag_then_the_profile_then_the_settings() {
    use kintsugi::model::Paper;
    let f = Fixture::named("minimal");
    let width = |path: &Path| Pdf::open(path).page_size(1).0.round();
    for (profile_paper, flag, want) in [
        ("paper: letter\n", Some(Paper::A4), 595.0),
        ("paper: letter\n", None, 612.0),
        ("", None, 595.0),
        ("", Some(Paper::Letter), 612.0),
    ] {
        let profile = format!("name: Ana\nstart: 2026-12-07\n{profile_paper}");
        let report = f.build_profile(&profile, flag).unwrap();
        assert_eq!(
            width(&report.out.join("workbook.pdf")),
            want,
            "build {profile:?} {flag:?}"
        );
        assert_eq!(width(&report.out.join("worksheets/tracker.pdf")), want);
        f.write(
            "people.yaml",
            &format!("- {}", profile.replace('\n', "\n  ")),
        );
        let opts = kintsugi::app::batch::BatchOptions {
            paper: flag,
            force: true,
            ..batch_options(&f, "people.yaml", "batch")
        };
        let project = kintsugi::check(f.root()).unwrap();
        let batch = kintsugi::app::batch::run(&project, &opts, &|_, _| {}).unwrap();
        assert!(batch.ok(), "{batch}");
        let dir = f.root().join("batch").join(&batch.people[0].0);
        assert_eq!(
            width(&dir.join("workbook.pdf")),
            want,
            "batch {profile:?} {flag:?}"
        );
    }
}

#[test]
fn a_batch_rebuilds_people_when_kintsugi_yaml_changes() {
    let f = Fixture::named("minimal");
    f.write("people.csv", "name,start\nAli,2026-12-07\n");
    let opts = batch_options(&f, "people.csv", "out");
    let run = || {
        let project = kintsugi::check(f.root()).unwrap();
        kintsugi::app::batch::run(&project, &opts, &|_, _| {}).unwrap()
    };
    assert_eq!(run().people[0].1, kintsugi::app::batch::Outcome::Built);
    assert_eq!(run().people[0].1, kintsugi::app::batch::Outcome::UpToDate);
    f.replace("kintsugi.yaml", "paper: a4", "paper: letter");
    assert_eq!(
        run().people[0].1,
        kintsugi::app::batch::Outcome::Built,
        "the paper comes from kintsugi.yaml, so the old A4 PDF is not up to date"
    );
    let width = Pdf::open(&f.root().join("out/ali/workbook.pdf"))
        .page_size(1)
        .0;
    assert_eq!(width.round(), 612.0);
}

#[test]
fn a_person_with_a_problem_this_time_is_not_called_gone_and_folder_clashes_are_named() {
    let f = Fixture::named("minimal");
    f.write("people.csv", "name,start\nBo,2026-12-07\nSam,2026-12-07\n");
    let opts = batch_options(&f, "people.csv", "out");
    let project = kintsugi::check(f.root()).unwrap();
    kintsugi::app::batch::run(&project, &opts, &|_, _| {}).unwrap();
    f.write(
        "people.csv",
        "name,start\nBo,2026-13-07\nSam,2026-12-07\nSam,2027-01-04\nSam 2,2026-12-07\n",
    );
    let report = kintsugi::app::batch::run(&project, &opts, &|_, _| {}).unwrap();
    assert!(
        report.stale.is_empty(),
        "Bo is still listed: {:?}",
        report.stale
    );
    assert_eq!(report.bad_records[0].name, "Bo");
    let folders: Vec<&str> = report.people.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(folders, vec!["sam", "sam-2", "sam-2-2"]);
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.message.clone()).collect();
    assert_eq!(
        warnings,
        vec![
            "Sam has the same name as the person on line 3; their outputs go to sam-2/".to_string(),
            "Sam 2's folder would be sam-2/, which holds the outputs of Sam (line 4); theirs go to sam-2-2/".to_string(),
        ]
    );
    // Problems in the list show the line they are on.
    let shown = report.bad_records[0].problems[0].to_string();
    assert!(shown.contains("2 | Bo,2026-13-07"), "{shown}");
}

#[test]
fn a_profile_given_by_a_relative_path_shows_the_line_of_its_problem() {
    let f = Fixture::named("minimal");
    f.write("profiles/bad.yaml", "name: Ana\nstart: 2026-02-30\n");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kintsugi"))
        .current_dir(f.root().parent().unwrap())
        .args([
            "build",
            "--root",
            f.root().file_name().unwrap().to_str().unwrap(),
            "--profile",
            &format!(
                "{}/profiles/bad.yaml",
                f.root().file_name().unwrap().to_str().unwrap()
            ),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2 | start: 2026-02-30"), "{err}");
}

#[test]
fn a_solo_person_without_a_partner_gets_the_tools_neutral_word_not_the_programs_public_one() {
    let f = Fixture::named("minimal");
    f.replace(
        "content/program.md",
        "weeks:",
        "neutral:\n  partner: your partner\nweeks:",
    );
    f.replace(
        "content/program.md",
        "An introduction",
        "Talk to {{ partner }}. An introduction",
    );
    build_profile(&f, "name: Søren\nstart: 2026-03-02\n").unwrap();
    let personal = Pdf::open(&f.out().join("personal/soren/workbook.pdf")).text();
    assert!(
        personal.contains("Talk to someone you trust."),
        "{personal}"
    );
    // A project's own word for it, under `strings:`.
    f.replace(
        "kintsugi.yaml",
        "paper: a4",
        "paper: a4\nstrings:\n  neutral_partner: a friend",
    );
    build_profile(&f, "name: Søren\nstart: 2026-03-02\n").unwrap();
    let personal = Pdf::open(&f.out().join("personal/soren/workbook.pdf")).text();
    assert!(personal.contains("Talk to a friend."), "{personal}");
}
