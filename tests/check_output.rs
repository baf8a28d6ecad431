//! `kintsugi check` as an author sees it: for each kind of problem, the whole
//! text (position, source line, caret, hint) and the JSON, as snapshots in
//! tests/snapshots/. A change to any message shows up here for review
//! (`cargo insta review`, or read the diff of the .snap file).

mod common;

use common::Fixture;
use std::process::Command;

/// What `kintsugi check` prints (stderr then stdout) and its JSON, for the
/// minimal fixture after `edit`; the exit code is checked against `code`.
fn check(edit: impl Fn(&Fixture), code: i32) -> (String, String) {
    let f = Fixture::named("minimal");
    edit(&f);
    let root = f.root().to_str().unwrap().to_string();
    let run = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_kintsugi"))
            .args(["check", "--root", &root])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        // The fixture lives in a temporary folder; its name is not part of the message.
        text.replace(&root, "<root>")
    };
    (run(&[]), run(&["--format", "json"]))
}

/// Snapshots the text and the JSON of one kind of problem.
macro_rules! snapshot {
    ($name:ident, $code:expr, $edit:expr) => {
        #[test]
        fn $name() {
            let (text, json) = check($edit, $code);
            insta::assert_snapshot!(concat!(stringify!($name), "_text"), text);
            insta::assert_snapshot!(concat!(stringify!($name), "_json"), json);
        }
    };
}

fn sheet(f: &Fixture, blocks: &str) {
    f.write(
        "content/worksheets/tracker.yaml",
        &format!("id: tracker\ntitle: Tracker\nblocks:\n{blocks}"),
    );
}

snapshot!(yaml_syntax, 1, |f| f.replace(
    "content/weeks/week-1.md",
    "focus: Try everything once.",
    "focus: Try: everything"
));
snapshot!(wrong_type, 1, |f| f.replace(
    "content/exercises/breathe.md",
    "minutes: 2",
    "minutes: two"
));
snapshot!(unknown_key, 1, |f| f.replace(
    "content/exercises/breathe.md",
    "summary:",
    "sumary:"
));
snapshot!(unknown_setting, 1, |f| f.replace(
    "kintsugi.yaml",
    "paper: a4",
    "papr: a4"
));
snapshot!(wrong_enum_value, 1, |f| f.replace(
    "kintsugi.yaml",
    "paper: a4",
    "paper: a5"
));
snapshot!(missing_field, 1, |f| f.replace(
    "content/exercises/breathe.md",
    "title: Breathe together\n",
    ""
));
snapshot!(duplicate_id, 1, |f| f.write(
    "content/exercises/copy.md",
    &std::fs::read_to_string(f.root().join("content/exercises/breathe.md")).unwrap()
));
snapshot!(unknown_id, 1, |f| f.replace(
    "content/weeks/week-1.md",
    "exercises: [breathe]",
    "exercises: [breath]"
));
snapshot!(missing_week, 1, |f| f.replace(
    "content/program.md",
    "weeks: 1",
    "weeks: 2"
));
snapshot!(unsafe_id, 1, |f| {
    f.replace(
        "content/exercises/breathe.md",
        "id: breathe",
        "id: ../breathe",
    );
    f.replace(
        "content/weeks/week-1.md",
        "exercises: [breathe]",
        "exercises: []",
    );
});
snapshot!(table_row_length, 1, |f| f.replace(
    "content/tables/compare.yaml",
    "[Rituals, Busy weeks]",
    "[Rituals]"
));
snapshot!(no_front_matter, 1, |f| f
    .write("content/exercises/breathe.md", "# Just a heading\n"));
snapshot!(missing_glyph, 1, |f| f.replace(
    "content/exercises/breathe.md",
    "Why it helps.",
    "Why it helps 𐌰."
));
snapshot!(unknown_block_kind, 1, |f| sheet(
    f,
    "  - chekbox_grid:\n      rows: [A]\n      columns: [B]\n"
));
snapshot!(unknown_label_source, 1, |f| sheet(
    f,
    "  - checkbox_grid:\n      rows: partnerz\n      columns: days\n"
));
snapshot!(sheet_too_long, 1, |f| sheet(
    f,
    "  - heading: Notes\n  - lines:\n      count: 30\n"
));
snapshot!(many_problems_at_once, 1, |f| {
    f.replace("content/exercises/breathe.md", "summary:", "sumary:");
    f.replace(
        "content/weeks/week-1.md",
        "scripts: [pause]",
        "scripts: [paws]",
    );
    f.replace("content/program.md", "weeks: 1", "weeks: 2");
});

// A note: nothing is wrong, but the site will be built without a sitemap.
snapshot!(no_sitemap, 0, |f| f.replace(
    "kintsugi.yaml",
    "base_url: https://example.org/minimal/",
    "base_url: /guide/"
));

snapshot!(misspelt_placeholder, 1, |f| f.replace(
    "content/weeks/week-1.md",
    "The week's text.",
    "The week's text, {{ nme }}."
));
snapshot!(broken_id_link, 1, |f| f.replace(
    "content/weeks/week-1.md",
    "The week's text.",
    "The week's text; see [the exercise](@breath)."
));
snapshot!(missing_linked_file, 1, |f| f.replace(
    "content/weeks/week-1.md",
    "The week's text.",
    "The week's text; see [the exercise](breathe.md)."
));

// Warnings: the content builds, so the exit code is 0.
snapshot!(unused_exercise, 0, |f| {
    f.write(
        "content/exercises/extra.md",
        &std::fs::read_to_string(f.root().join("content/exercises/breathe.md"))
            .unwrap()
            .replace("id: breathe", "id: extra"),
    )
});
snapshot!(sheet_nearly_full, 0, |f| {
    f.replace("kintsugi.yaml", "paper: a4", "paper: letter");
    sheet(f, "  - heading: Notes\n  - lines:\n      count: 18\n");
});
snapshot!(sheet_fits_a4_only, 0, |f| sheet(
    f,
    "  - heading: Notes\n  - lines:\n      count: 20\n"
));
snapshot!(long_card_line, 0, |f| {
    sheet(
    f,
    "  - phrases:\n      - \"This is a very long line for a card on the fridge, far longer than anyone can read from across a kitchen while the kettle boils, the radio plays and somebody asks where the keys went.\"\n"
)
});

// Markdown that the outputs cannot show as written: warnings at file:line:col.
/// Adds `more` after the minimal week's text (from line 14 on).
fn week_text(f: &Fixture, more: &str) {
    let text = format!("The week's text.\n\n{more}");
    f.replace("content/weeks/week-1.md", "The week's text.", &text);
}

snapshot!(markdown_raw_html, 0, |f| week_text(
    f,
    "A <span class=\"big\">big</span> word.\n\n<div>\nA box\n</div>"
));
// Images: one that is not there, and one with no alt text (nor marked decorative).
snapshot!(image_problems, 1, |f| {
    week_text(
        f,
        "Our room: ![chairs in a circle](room.jpg) and ![](/plan.svg).",
    );
    f.write(
        "static/plan.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>"#,
    );
});
snapshot!(markdown_sheet_list, 0, |f| sheet(
    f,
    "  - text: |\n      Before bed:\n\n      - lights low\n      - phone away\n"
));
snapshot!(markdown_not_a_table, 0, |f| week_text(
    f,
    "| Week | Focus | Practice |\n|------|-------|\n| 1 | Wake time | Breathing |"
));
snapshot!(markdown_footnotes, 0, |f| week_text(
    f,
    "Called.[^1] And a call to [^missing].\n\n[^1]: A real note.\n[^spare]: Never called."
));

/// The examples in docs/check.md are the real output: each one marked
/// `<!-- snapshot: NAME -->` equals that snapshot.
#[test]
fn the_documented_examples_are_what_check_prints() {
    let repo = common::repo();
    let doc = std::fs::read_to_string(repo.join("docs/check.md")).unwrap();
    let mut found = 0;
    for part in doc.split("<!-- snapshot: ").skip(1) {
        let (name, rest) = part.split_once(" -->").unwrap();
        let block = rest
            .split_once("```text\n")
            .and_then(|(_, b)| b.split_once("```"))
            .map(|(b, _)| b)
            .unwrap_or_else(|| panic!("no example after the {name} marker"));
        let snap = std::fs::read_to_string(
            repo.join(format!("tests/snapshots/check_output__{name}.snap")),
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        // A snapshot file is a header between two `---` lines, then the text.
        let body = snap.splitn(3, "---\n").nth(2).unwrap();
        assert_eq!(
            block.trim_end(),
            body.trim_end(),
            "docs/check.md shows {name} differently from what check prints"
        );
        found += 1;
    }
    assert!(found >= 4, "only {found} documented examples found");
}
