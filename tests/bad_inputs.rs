//! The catalogue of bad inputs: each kind of broken, hostile or odd file a
//! project or a people list may hold, and what kintsugi says about it. Every
//! case must give a clear diagnostic at the right place (or, for inputs that
//! are fine, such as CRLF line endings, a clean build), never a panic or hang.

mod common;

use common::Fixture;

/// Every diagnostic `check` gives after `edit`, one per line, as printed.
fn problems(edit: impl Fn(&Fixture)) -> String {
    let f = Fixture::named("minimal");
    edit(&f);
    f.diagnostics()
        .0
        .iter()
        .map(|d| d.to_string().lines().next().unwrap_or("").to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Asserts that the problems after `edit` include a line starting with `expected`.
fn expect(edit: impl Fn(&Fixture), expected: &str) {
    let got = problems(edit);
    assert!(
        got.lines().any(|l| l.starts_with(expected)),
        "expected a line starting with\n  {expected}\ngot\n{got}"
    );
}

const WEEK: &str = "content/weeks/week-1.md";
const EXERCISE: &str = "content/exercises/breathe.md";
const SHEET: &str = "content/worksheets/tracker.yaml";

#[test]
fn malformed_yaml_wrong_types_unknown_and_duplicate_keys() {
    expect(
        |f| {
            f.replace(
                WEEK,
                "focus: Try everything once.",
                "focus: Try: everything",
            )
        },
        "content/weeks/week-1.md:4:11: error: mapping values are not allowed",
    );
    expect(
        |f| f.replace(EXERCISE, "minutes: 2", "minutes: two"),
        "content/exercises/breathe.md:4:10: error: minutes: invalid type: string \"two\", expected a whole number",
    );
    expect(
        |f| f.replace(EXERCISE, "summary:", "sumary:"),
        "content/exercises/breathe.md:5:1: error: unknown field `sumary`",
    );
    expect(
        |f| f.replace(EXERCISE, "minutes: 2", "minutes: 2\nminutes: 3"),
        "content/exercises/breathe.md:2:1: error: duplicate field `minutes`",
    );
}

#[test]
fn empty_files() {
    expect(
        |f| f.write(WEEK, ""),
        "content/weeks/week-1.md:1:1: error: the file does not start with front matter",
    );
    expect(
        |f| f.write(SHEET, ""),
        "content/worksheets/tracker.yaml:1:1: error: missing field `id`",
    );
    expect(
        |f| f.write("content/faq.yaml", ""),
        "content/faq.yaml:1:1: error: missing field `title`",
    );
}

#[test]
fn a_byte_order_mark_and_crlf_line_endings_are_fine_and_positions_stay_right() {
    let f = Fixture::named("minimal");
    for rel in [WEEK, EXERCISE, SHEET, "kintsugi.yaml"] {
        let text = std::fs::read_to_string(f.root().join(rel)).unwrap();
        f.write(rel, &format!("\u{feff}{}", text.replace('\n', "\r\n")));
    }
    assert!(f.diagnostics().is_empty(), "{}", f.diagnostics());
    f.build(None).expect("a project with BOMs and CRLF builds");
    f.replace(EXERCISE, "minutes: 2", "minutes: x");
    let d = f.diagnostics();
    assert_eq!(
        d.0[0].to_string().lines().next().unwrap(),
        "content/exercises/breathe.md:4:10: error: minutes: invalid type: string \"x\", expected a whole number"
    );
}

#[test]
fn invalid_utf8_and_binary_files_are_named_at_the_first_bad_byte() {
    expect(
        |f| {
            let path = f.root().join(EXERCISE);
            let mut b = std::fs::read(&path).unwrap();
            b.splice(20..20, [0xff, 0xfe]);
            std::fs::write(path, b).unwrap();
        },
        "content/exercises/breathe.md:3:5: error: this file is not UTF-8 text: byte 0xFF",
    );
    expect(
        |f| {
            std::fs::write(
                f.root().join("content/weeks/photo.md"),
                [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0],
            )
            .unwrap()
        },
        "content/weeks/photo.md:1:1: error: this file is not UTF-8 text: byte 0x89",
    );
    expect(
        |f| f.write("content/weeks/nul.md", "---\nweek: 1\0\n---\n"),
        "content/weeks/nul.md:2:8: error: this file holds a NUL byte, so it is not text",
    );
    // One bad file does not hide the problems of the others.
    let got = problems(|f| {
        std::fs::write(f.root().join("content/weeks/photo.md"), [0xff]).unwrap();
        f.replace(EXERCISE, "summary:", "sumary:");
    });
    assert!(got.contains("photo.md") && got.contains("sumary"), "{got}");
}

#[test]
fn a_50_mb_file_is_refused_with_the_limit() {
    expect(
        |f| {
            let file = std::fs::File::create(f.root().join("content/weeks/huge.md")).unwrap();
            file.set_len(50 * 1024 * 1024).unwrap();
        },
        "content/weeks/huge.md:1:1: error: this file is 50.0 MB; kintsugi reads files of at most 8 MB",
    );
}

#[test]
fn deep_nesting_and_alias_bombs_end_in_a_clear_error_or_a_build() {
    // YAML nested 5,000 deep.
    expect(
        |f| {
            f.write(
                SHEET,
                &format!(
                    "id: tracker\ntitle: T\nblocks:\n  - heading: {}{}\n",
                    "[".repeat(5000),
                    "]".repeat(5000)
                ),
            )
        },
        "content/worksheets/tracker.yaml:4:14: error: blocks[0].heading: invalid type: sequence, expected text",
    );
    // A billion laughs: nine levels of nine aliases each.
    expect(
        |f| {
            let mut s = String::from("id: tracker\ntitle: T\nsubtitle: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for i in 1..10 {
                let refs = vec![format!("*a{}", i - 1); 9].join(", ");
                s.push_str(&format!("orientation: &a{i} [{refs}]\n"));
            }
            f.write(SHEET, &s);
        },
        "content/worksheets/tracker.yaml:3:",
    );
    // Markdown nested 100,000 deep builds, its text kept.
    let f = Fixture::named("minimal");
    let text = std::fs::read_to_string(f.root().join(WEEK)).unwrap();
    f.write(
        WEEK,
        &format!(
            "{text}\n{} deep quote\n\n{}deep list\n",
            ">".repeat(100_000),
            "- ".repeat(20_000)
        ),
    );
    f.build(None).expect("deep Markdown builds");
    let page = std::fs::read_to_string(f.out().join("site/weeks/week-1.html")).unwrap();
    assert!(page.contains("deep quote") && page.contains("deep list"));
}

#[test]
fn ids_that_are_not_safe_file_names() {
    for (id, col) in [
        ("\"\"", 4),
        ("../x", 5),
        ("a/b", 5),
        ("con", 5),
        ("LPT1", 5),
    ] {
        expect(
            |f| f.replace(EXERCISE, "id: breathe", &format!("id: {id}")),
            &format!(
                "content/exercises/breathe.md:2:{col}: error: `{}` is not a safe id",
                id.trim_matches('"')
            ),
        );
    }
    let long = "a".repeat(65);
    expect(
        |f| f.replace(EXERCISE, "id: breathe", &format!("id: {long}")),
        &format!("content/exercises/breathe.md:2:5: error: `{long}` is not a safe id"),
    );
}

#[test]
fn duplicate_ids_and_dangling_references() {
    expect(
        |f| {
            f.write(
                "content/exercises/copy.md",
                &std::fs::read_to_string(f.root().join(EXERCISE)).unwrap(),
            )
        },
        "content/exercises/copy.md:2:5: error: duplicate exercise id `breathe`",
    );
    expect(
        |f| f.replace(WEEK, "worksheets: [tracker]", "worksheets: [trackr]"),
        "content/weeks/week-1.md:9:14: error: no worksheet has the id `trackr`",
    );
}

#[cfg(unix)]
#[test]
fn no_byte_of_a_file_outside_the_project_is_shown() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("passwd"),
        "root:x:0:0:the secret first line\n",
    )
    .unwrap();
    let f = Fixture::named("minimal");
    std::fs::remove_file(f.root().join(EXERCISE)).unwrap();
    std::os::unix::fs::symlink(outside.path().join("passwd"), f.root().join(EXERCISE)).unwrap();
    for command in ["check", "build"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kintsugi"))
            .args([command, "--root", f.root().to_str().unwrap()])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("outside the project"), "{err}");
        assert!(
            !err.contains("secret"),
            "{command} showed the linked file: {err}"
        );
        assert_eq!(out.status.code(), Some(1));
    }
}

#[test]
fn links_that_lead_out_of_the_project_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "---\nweek: 1\n---\nsecret\n",
    )
    .unwrap();
    let got = problems(|f| {
        std::os::unix::fs::symlink(
            outside.path().join("secret.md"),
            f.root().join("content/weeks/linked.md"),
        )
        .unwrap()
    });
    assert!(
        got.starts_with("content/weeks/linked.md:1:1: error: this file is a link to "),
        "{got}"
    );
    assert!(got.contains("outside the project"), "{got}");
    // A whole folder linked from outside is refused the same way.
    let got = problems(|f| {
        std::fs::remove_dir_all(f.root().join("content/exercises")).unwrap();
        std::fs::create_dir(outside.path().join("exercises")).unwrap();
        std::fs::copy(
            common::repo().join("tests/fixtures/minimal").join(EXERCISE),
            outside.path().join("exercises/breathe.md"),
        )
        .unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("exercises"),
            f.root().join("content/exercises"),
        )
        .unwrap();
    });
    assert!(
        got.contains("content/exercises/breathe.md:1:1: error: this file is a link to"),
        "{got}"
    );
}

/// Reads a people list written to a file with this name.
fn people(name: &str, text: &str) -> Vec<kintsugi::load::people::Record> {
    people_or_error(name, text).unwrap()
}

/// Reads a people list; a list that cannot be read as a whole gives its problems.
fn people_or_error(name: &str, text: &str) -> Result<Vec<kintsugi::load::people::Record>, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    kintsugi::load::people::read_people(&path).map_err(|e| {
        e.downcast::<kintsugi::diag::Diagnostics>()
            .map(|d| d.to_string())
            .unwrap_or_else(|e| format!("not a content problem: {e}"))
    })
}

#[test]
fn people_lists_with_missing_extra_and_quoted_columns() {
    // A wrong header is a problem of the whole list, with every column named.
    let e = people_or_error("p.csv", "name,partner\nZoë,José\n").unwrap_err();
    assert!(
        e.contains("p.csv:1:1: error: the header row needs `name` and `start` columns"),
        "{e}"
    );
    let e =
        people_or_error("p.csv", "name,start,nickname,pape\nZoë,2026-12-07,Z,a4\n").unwrap_err();
    assert!(
        e.contains("p.csv:1:12: error: unknown column `nickname`"),
        "{e}"
    );
    assert!(
        e.contains("p.csv:1:21: error: unknown column `pape`"),
        "{e}"
    );
    assert!(e.contains("did you mean `paper`?"), "{e}");

    let r = people("p.csv", "name,start\nZoë,2026-12-07,extra\nJo,2026-12-07\n");
    let bad = r[0].as_ref().unwrap_err();
    assert_eq!((bad.line, bad.name.as_str()), (2, "Zoë"));
    let e = bad.problems[0].to_string();
    assert!(
        e.contains("p.csv:2:1: error: row has 3 fields but the header has 2"),
        "{e}"
    );
    assert!(r[1].is_ok(), "the next row still loads");

    let r = people(
        "p.csv",
        "name,partner,start\n\"Smith, Jo\",\"Lee, Sam\",2026-12-07\n",
    );
    let p = r[0].as_ref().unwrap();
    assert_eq!(p.value.name, "Smith, Jo");
    assert_eq!(p.value.partner.as_deref(), Some("Lee, Sam"));
}

#[test]
fn people_lists_with_crlf_line_endings_place_errors_on_their_own_line() {
    let r = people(
        "p.csv",
        "name,partner,start\r\nAna,Bo,2026-12-07\r\nCy,,2026-13-01\r\n",
    );
    let source = r[1].as_ref().unwrap();
    assert_eq!(source.first_line, 3);
    let project = kintsugi::check(Fixture::named("minimal").root()).unwrap();
    let e = kintsugi::validate::profile::validate_profile(source, &project.program).unwrap_err();
    assert!(
        e[0].to_string()
            .contains("p.csv:3:5: error: `2026-13-01` is not a date"),
        "{}",
        e[0]
    );
    let r = people(
        "p.yaml",
        "- name: Ana\r\n  start: 2026-12-07\r\n- name: Cy\r\n  start: 2026-13-01\r\n",
    );
    let e = kintsugi::validate::profile::validate_profile(r[1].as_ref().unwrap(), &project.program)
        .unwrap_err();
    assert!(
        e[0].to_string()
            .contains("p.yaml:4:10: error: `2026-13-01` is not a date"),
        "{}",
        e[0]
    );
}

#[test]
fn people_list_records_keep_their_name_line_and_every_problem() {
    // A CSV row with two bad fields: both, each at its column.
    let r = people(
        "p.csv",
        "name,start,week_starts,paper\nZoë,2026-12-07,fryday,a5\n",
    );
    let bad = r[0].as_ref().unwrap_err();
    let at: Vec<(usize, usize)> = bad.problems.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(at, vec![(2, 16), (2, 23)], "{:?}", bad.problems);
    // A YAML record that does not read: its own first line and its name.
    let r = people(
        "p.yaml",
        "- name: Ana\n  start: 2026-12-07\n- name: Bo\n  start: 2026-12-07\n  colour: red\n",
    );
    let bad = r[1].as_ref().unwrap_err();
    assert_eq!((bad.line, bad.name.as_str()), (3, "Bo"));
    assert_eq!(bad.problems[0].line, 5);
    // Document markers are not people.
    let r = people(
        "p.yaml",
        "---\n- name: Ana\n  start: 2026-12-07\n---\n- name: Bo\n  start: 2026-12-07\n...\n",
    );
    assert_eq!(r.len(), 2);
    assert!(r.iter().all(|x| x.is_ok()), "{r:?}");
    // A line break inside a quoted field, as spreadsheets write it, is a line break.
    let r = people(
        "p.csv",
        "name,start,intentions\r\nZoë,2026-12-07,\"Less rushing,\r\nmore noticing\"\r\nJo,2026-12-07,\r\n",
    );
    let p = r[0].as_ref().unwrap();
    assert_eq!(
        p.value.intentions.as_deref(),
        Some("Less rushing,\nmore noticing")
    );
    assert_eq!(r[1].as_ref().unwrap().first_line, 4);
    let project = kintsugi::check(Fixture::named("minimal").root()).unwrap();
    assert!(kintsugi::validate::profile::validate_profile(p, &project.program).is_ok());
}

#[test]
fn semicolon_and_tab_separated_people_lists_read_like_commas() {
    for sep in [";", "\t"] {
        let text = format!("name{sep}partner{sep}start\nZoë{sep}José{sep}2026-12-07\n\"Lee; Sam\"{sep}{sep}2026-12-07\n");
        let r = people("p.csv", &text);
        assert_eq!(r.len(), 2, "{sep:?}");
        let p = r[0].as_ref().unwrap();
        assert_eq!(
            (p.value.name.as_str(), p.value.partner.as_deref()),
            ("Zoë", Some("José"))
        );
        assert_eq!(r[1].as_ref().unwrap().value.name, "Lee; Sam");
    }
    // A header that is neither: the hint says how to separate the columns.
    let e = people_or_error("p.csv", "name|start\nZoë|2026-12-07\n").unwrap_err();
    assert!(e.contains("unknown column `name|start`"), "{e}");
    assert!(e.contains("separate them with commas"), "{e}");
}

#[test]
fn a_people_list_of_100000_rows_loads_every_row() {
    let mut csv = String::from("name,partner,start\n");
    for i in 0..100_000 {
        csv.push_str(&format!("Person {i},\"Partner, {i}\",2026-12-07\n"));
    }
    let r = people("many.csv", &csv);
    assert_eq!(r.len(), 100_000);
    assert!(r.iter().all(|x| x.is_ok()));
    assert_eq!(r[99_999].as_ref().unwrap().value.name, "Person 99999");
    assert_eq!(r[99_999].as_ref().unwrap().first_line, 100_001);
}

#[test]
fn raw_html_in_content_shows_as_text_on_the_site() {
    let f = Fixture::named("minimal");
    let text = std::fs::read_to_string(f.root().join(WEEK)).unwrap();
    f.write(
        WEEK,
        &format!("{text}\n<script>alert(1)</script>\n\nA line with <img src=x onerror=alert(2)> inside.\n"),
    );
    f.build(None).unwrap();
    let page = std::fs::read_to_string(f.out().join("site/weeks/week-1.html")).unwrap();
    assert!(
        !page.contains("<script>alert"),
        "raw script reached the page"
    );
    assert!(!page.contains("<img src=x"), "raw HTML reached the page");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;"),
        "it shows as text"
    );
}

#[test]
fn words_longer_than_the_hyphenation_buffer_build_and_keep_their_letters() {
    // The hyphenator holds 45 bytes inline; a longer word once aborted the
    // build (found by fuzzing). One plain word, one of two-byte letters.
    let long = "k".repeat(60);
    let accented = "ü".repeat(30);
    let f = Fixture::named("minimal");
    let text = std::fs::read_to_string(f.root().join(WEEK)).unwrap();
    f.write(
        WEEK,
        &format!("{text}\nA {long} and Rindfleisch{accented}gesetz end here.\n"),
    );
    f.build(None).expect("long words build");
    let pdf = common::Pdf::open(&f.out().join("workbook.pdf"));
    // Hyphenated or not, every letter is on the page.
    let letters: String = pdf.text().chars().filter(|c| c.is_alphabetic()).collect();
    assert!(letters.contains(&long), "{letters}");
    assert!(letters.contains(&format!("Rindfleisch{accented}gesetz")));
}
