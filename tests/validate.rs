//! Content errors: each kind of mistake is reported with its file, line, column and a hint.

mod common;

use common::Fixture;

/// Applies `edit` to a fresh minimal fixture and returns the first diagnostic as text.
fn first_error(edit: impl Fn(&Fixture)) -> String {
    let f = Fixture::named("minimal");
    edit(&f);
    let d = f.diagnostics();
    assert!(!d.is_empty(), "expected a problem to be reported");
    d.0[0].to_string()
}

#[test]
fn minimal_fixture_is_clean() {
    assert!(Fixture::named("minimal").diagnostics().is_empty());
}

#[test]
fn the_default_program_is_clean() {
    let d = Fixture::default_program().diagnostics();
    assert!(d.is_empty(), "{d}");
}

#[test]
fn errors_on_yaml_syntax_with_position() {
    let e = first_error(|f| {
        f.replace(
            "content/weeks/week-1.md",
            "focus: Try everything once.",
            "focus: Try: everything",
        )
    });
    assert!(e.starts_with("content/weeks/week-1.md:4:"), "{e}");
    assert!(e.contains("mapping values are not allowed"), "{e}");
    assert!(e.contains("hint:"), "{e}");
}

#[test]
fn errors_on_wrong_type_at_its_line() {
    let e =
        first_error(|f| f.replace("content/exercises/breathe.md", "minutes: 2", "minutes: two"));
    assert!(
        e.starts_with("content/exercises/breathe.md:4:10: error: minutes: invalid type"),
        "{e}"
    );
}

#[test]
fn errors_on_unknown_key_with_suggestion() {
    let e = first_error(|f| f.replace("content/exercises/breathe.md", "summary:", "sumary:"));
    assert!(
        e.starts_with("content/exercises/breathe.md:5:1: error: unknown field `sumary`"),
        "{e}"
    );
    assert!(e.contains("hint: did you mean `summary`?"), "{e}");
}

#[test]
fn errors_on_unknown_key_in_settings() {
    let e = first_error(|f| f.replace("kintsugi.yaml", "paper: a4", "papr: a4"));
    assert!(
        e.starts_with("kintsugi.yaml:4:1: error: unknown field `papr`"),
        "{e}"
    );
}

#[test]
fn errors_on_missing_required_field() {
    let e = first_error(|f| {
        f.replace(
            "content/exercises/breathe.md",
            "title: Breathe together\n",
            "",
        )
    });
    assert!(
        e.starts_with("content/exercises/breathe.md:2:1: error: missing field `title`"),
        "{e}"
    );
}

#[test]
fn errors_on_duplicate_id_at_the_second_one() {
    let e = first_error(|f| {
        f.write(
            "content/exercises/copy.md",
            &std::fs::read_to_string(f.root().join("content/exercises/breathe.md")).unwrap(),
        )
    });
    assert!(
        e.starts_with("content/exercises/copy.md:2:5: error: duplicate exercise id `breathe`"),
        "{e}"
    );
    assert!(e.contains("content/exercises/breathe.md:2"), "{e}");
}

#[test]
fn errors_on_dangling_reference_with_suggestion() {
    let e = first_error(|f| {
        f.replace(
            "content/weeks/week-1.md",
            "exercises: [breathe]",
            "exercises: [breath]",
        )
    });
    assert!(
        e.starts_with("content/weeks/week-1.md:7:13: error: no exercise has the id `breath`"),
        "{e}"
    );
    assert!(e.contains("did you mean `breathe`?"), "{e}");
}

#[test]
fn errors_on_missing_week() {
    let e = first_error(|f| f.replace("content/program.md", "weeks: 1", "weeks: 2"));
    assert!(
        e.starts_with("content/program.md:5:8: error: week 2 is missing"),
        "{e}"
    );
}

#[test]
fn errors_on_unsafe_id() {
    let e = first_error(|f| {
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
    assert!(
        e.starts_with("content/exercises/breathe.md:2:5: error: `../breathe` is not a safe id"),
        "{e}"
    );
}

#[test]
fn errors_on_table_row_length() {
    let e = first_error(|f| {
        f.replace(
            "content/tables/compare.yaml",
            "[Rituals, Busy weeks]",
            "[Rituals]",
        )
    });
    assert!(
        e.starts_with(
            "content/tables/compare.yaml:5:6: error: row 1 has 1 cell but there are 2 columns"
        ),
        "{e}"
    );
}

#[test]
fn errors_on_missing_front_matter() {
    let e = first_error(|f| f.write("content/exercises/breathe.md", "# Just a heading\n"));
    assert!(
        e.starts_with(
            "content/exercises/breathe.md:1:1: error: the file does not start with front matter"
        ),
        "{e}"
    );
}

#[test]
fn reports_every_problem_in_one_run() {
    let f = Fixture::named("minimal");
    f.replace("content/exercises/breathe.md", "summary:", "sumary:");
    f.replace(
        "content/weeks/week-1.md",
        "scripts: [pause]",
        "scripts: [paws]",
    );
    f.replace("content/program.md", "weeks: 1", "weeks: 2");
    let d = f.diagnostics();
    // The unknown key, the unknown script and the missing week; the exercise
    // that failed to load is not reported again as an unknown reference.
    assert_eq!(d.0.len(), 3, "{d}");
    let files: Vec<String> = d.0.iter().map(|x| x.file.display().to_string()).collect();
    assert!(
        files.contains(&"content/program.md".to_string()),
        "{files:?}"
    );
}

#[test]
fn crlf_line_endings_load_with_right_positions() {
    let f = Fixture::named("minimal");
    let path = f.root().join("content/exercises/breathe.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace('\n', "\r\n")
        .replace("minutes: 2", "minutes: x");
    std::fs::write(&path, text).unwrap();
    let d = f.diagnostics();
    assert_eq!(
        d.0.len(),
        1,
        "a file that fails to parse does not cascade: {d}"
    );
    assert_eq!((d.0[0].line, d.0[0].column), (4, 10), "{d}");
}

#[test]
fn errors_on_characters_the_fonts_lack() {
    let e = first_error(|f| {
        f.replace(
            "content/exercises/breathe.md",
            "Why it helps.",
            "Why it helps 𐌰.",
        )
    });
    assert!(
        e.starts_with(
            "content/exercises/breathe.md:14:14: error: no font kintsugi has can print `𐌰` (U+10330)"
        ),
        "{e}"
    );
}

/// The first error for a worksheet with these blocks.
fn sheet_error(blocks: &str) -> String {
    first_error(|f| {
        f.write(
            "content/worksheets/tracker.yaml",
            &format!("id: tracker\ntitle: Tracker\nblocks:\n{blocks}"),
        )
    })
}

#[test]
fn errors_on_an_unknown_label_source() {
    let e = sheet_error("  - checkbox_grid:\n      rows: partnerz\n      columns: days\n");
    assert!(e.starts_with("content/worksheets/tracker.yaml:5:13: error: `partnerz` is not a list of labels or a known source"), "{e}");
    assert!(e.contains("`days`, `weeks`, `partners`"), "{e}");
}

#[test]
fn errors_on_cards_that_are_not_last_or_an_odd_count() {
    let e = sheet_error(
        "  - cards:\n      per_page: 10\n      cards: [{title: Hi}]\n  - heading: After\n",
    );
    assert!(
        e.contains(
            "cut-out cards fill the rest of the page, so they must be the sheet's last block"
        ),
        "{e}"
    );
    let e = sheet_error("  - cards:\n      per_page: 6\n      cards: [{title: Hi}]\n");
    assert!(e.starts_with("content/worksheets/tracker.yaml:5:17: error: 6 cards per page is not a layout kintsugi has"), "{e}");
    assert!(e.contains("use 2, 4, 8 or 10"), "{e}");
}

#[test]
fn errors_on_fill_before_the_end_and_on_lines_without_a_count() {
    let e = sheet_error("  - lines:\n      fill: true\n  - heading: After\n");
    assert!(
        e.contains("`fill: true` only works on the last block"),
        "{e}"
    );
    let e = sheet_error("  - lines:\n      label: Notes\n");
    assert!(
        e.contains("write-in lines need a `count` or `fill: true`"),
        "{e}"
    );
}

#[test]
fn errors_on_an_unknown_block_kind_with_the_list() {
    let e = sheet_error("  - chekbox_grid:\n      rows: [A]\n      columns: [B]\n");
    assert!(
        e.starts_with("content/worksheets/tracker.yaml:4:5: error: "),
        "{e}"
    );
    assert!(e.contains("unknown field `chekbox_grid`"), "{e}");
    assert!(e.contains("did you mean `checkbox_grid`?"), "{e}");
}

/// Every error for a worksheet with these blocks, as text.
fn sheet_errors(blocks: &str) -> Vec<String> {
    let f = Fixture::named("minimal");
    f.write(
        "content/worksheets/tracker.yaml",
        &format!("id: tracker\ntitle: Tracker\nblocks:\n{blocks}"),
    );
    f.diagnostics().0.iter().map(|d| d.to_string()).collect()
}

#[test]
fn each_blocks_problem_is_placed_at_that_block_not_at_the_first_of_its_kind() {
    let errors = sheet_errors(
        "  - log:\n      columns: [Day, What]\n      rows: 5\n  - heading: Later\n  - log:\n      columns: [Day]\n      rows: 40\n",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "content/worksheets/tracker.yaml:10:13: error: a log with 40 rows is not sensible"
        ),
        "{}",
        errors[0]
    );
    // Inside columns, and two lines blocks of which the second is wrong.
    let errors = sheet_errors(
        "  - lines:\n      count: 3\n  - columns:\n      left:\n        - lines: {count: 2}\n      right:\n        - lines: {count: 0}\n",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "content/worksheets/tracker.yaml:10:26: error: 0 write-in lines is not a sensible count"
        ),
        "{}",
        errors[0]
    );
}

#[test]
fn a_broken_program_md_is_reported_once_and_every_unknown_key_in_it() {
    let f = Fixture::default_program();
    f.replace(
        "content/program.md",
        "weeks: 6\n",
        "weeks: 6\nduration: six weeks\n",
    );
    let d = f.diagnostics();
    let lines: Vec<String> = d.0.iter().map(|d| d.to_string()).collect();
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].starts_with("content/program.md:7:1: error: unknown field `duration`"),
        "{}",
        lines[0]
    );
    // Two unknown keys: both, each at its own line; nothing about the weeks.
    f.replace(
        "content/program.md",
        "duration: six weeks\n",
        "duration: six weeks\ncolour: gold\n",
    );
    let d = f.diagnostics();
    let at: Vec<(usize, &str)> = d.0.iter().map(|d| (d.line, &d.message[..22])).collect();
    assert_eq!(
        at,
        vec![(7, "unknown field `duratio"), (8, "unknown field `colour`")],
        "{d}"
    );
    // A number of weeks no program can have is that one error, not one per week file.
    let f = Fixture::default_program();
    f.replace("content/program.md", "weeks: 6\n", "weeks: 0\n");
    let d = f.diagnostics();
    assert_eq!(d.0.len(), 1, "{d}");
    assert!(d.0[0].message.contains("between 1 and 52 weeks"), "{d}");
}

/// The coach's program.
fn sleep_reset() -> Fixture {
    Fixture::named("sleep-reset")
}

#[test]
fn id_links_resolve_and_file_links_are_read_as_an_editor_previews_them() {
    let f = sleep_reset();
    // `[sleep log](@sleep-log)`, `[body scan](@body-scan)`, `[week 1](@week-1)`
    // and, from content/program.md, `exercises/breathing.md` resolve.
    assert!(f.diagnostics().0.is_empty(), "{:?}", f.diagnostics());
    // From content/program.md, `../exercises/breathing.md` leaves content/.
    f.replace(
        "content/program.md",
        "(exercises/breathing.md)",
        "(../exercises/breathing.md)",
    );
    let d: Vec<String> = f.diagnostics().0.iter().map(|d| d.to_string()).collect();
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(d[0].starts_with("content/program.md:40:22: error: `../exercises/breathing.md` leads to `exercises/breathing.md`, which does not exist"), "{d:?}");
    assert!(
        d[0].contains("did you mean `exercises/breathing.md`?"),
        "{d:?}"
    );
    f.replace(
        "content/program.md",
        "(../exercises/breathing.md)",
        "(exercises/breathing.md#steps)",
    );
    assert!(f.diagnostics().0.is_empty(), "{:?}", f.diagnostics());
    // A link to a week that does not exist, a file outside the project, and a
    // file that is neither an item nor in static/.
    f.write("notes.txt", "not content");
    f.write("static/map.pdf", "%PDF");
    f.replace(
        "content/weeks/week-3.md",
        "[week 1](@week-1)",
        "[week 9](@week-9), [x](../../../outside.md), [n](../../notes.txt), [map](../../static/map.pdf)",
    );
    let d: Vec<String> = f.diagnostics().0.iter().map(|d| d.to_string()).collect();
    assert_eq!(d.len(), 3, "{d:?}");
    assert!(
        d[0].contains("the id `week-9`") && d[0].contains("did you mean `@week-"),
        "{d:?}"
    );
    assert!(
        d[1].contains("`../../../outside.md` points outside the project"),
        "{d:?}"
    );
    assert!(
        d[2].contains("`../../notes.txt` is neither a content item nor a file in static/"),
        "{d:?}"
    );
}

/// The kinds of link annotation on each page of a PDF (`URI`, `GoTo`), read with lopdf.
fn link_actions(pdf: &std::path::Path) -> Vec<Vec<String>> {
    let doc = common::Pdf::open(pdf).doc;
    let deref = |o: &lopdf::Object| -> lopdf::Object {
        match o {
            lopdf::Object::Reference(id) => {
                doc.get_object(*id).cloned().unwrap_or(lopdf::Object::Null)
            }
            other => other.clone(),
        }
    };
    doc.get_pages()
        .values()
        .map(|&id| {
            let page = doc.get_dictionary(id).unwrap();
            let Ok(annots) = page.get(b"Annots").map(&deref) else {
                return Vec::new();
            };
            annots
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| {
                            let annot = deref(x);
                            let action = deref(annot.as_dict().ok()?.get(b"A").ok()?);
                            let kind = action
                                .as_dict()
                                .ok()?
                                .get(b"S")
                                .ok()?
                                .as_name()
                                .ok()?
                                .to_vec();
                            Some(String::from_utf8_lossy(&kind).into_owned())
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn links_between_items_become_site_urls_and_workbook_jumps() {
    let f = sleep_reset();
    f.build(None).unwrap();
    let site = f.out().join("site");
    let home = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        home.contains(r#"<a href="worksheets/sleep-log.html">sleep log</a>"#),
        "{home}"
    );
    assert!(
        home.contains(r#"<a href="exercises/breathing.html">breathing exercise</a>"#),
        "{home}"
    );
    let week = std::fs::read_to_string(site.join("weeks/week-3.html")).unwrap();
    assert!(
        week.contains(r#"<a href="../exercises/body-scan.html">body scan</a>"#),
        "{week}"
    );
    assert!(
        week.contains(r#"<a href="week-1.html">week 1</a>"#),
        "{week}"
    );
    assert!(!week.contains("kintsugi:") && !home.contains("kintsugi:"));
    // In the workbook, week 3's page jumps to the body scan and to week 1 (and keeps its web link).
    let pdf = f.out().join("workbook.pdf");
    let text = common::Pdf::open(&pdf);
    let actions = link_actions(&pdf);
    let page = (1..=text.page_count())
        .find(|n| common::fold(&text.page_text(*n as u32)).contains("See the body scan"))
        .expect("week 3's text is in the workbook");
    let goto = actions[page - 1].iter().filter(|a| *a == "GoTo").count();
    assert_eq!(goto, 2, "{:?}", actions[page - 1]);
    // Each jump is followed by the page it leads to: the body scan is on
    // week 3's page, week 1 starts where its chapter does.
    let week3 = common::fold(&text.page_text(page as u32));
    let number_after = |words: &str| -> usize {
        let at = week3
            .find(words)
            .unwrap_or_else(|| panic!("{words}: {week3}"))
            + words.len();
        let rest = week3[at..]
            .trim_start_matches(" (p.")
            .trim_start_matches([' ', '\u{a0}']);
        rest[..rest.find(')').unwrap()].parse().unwrap()
    };
    let scan = number_after("See the body scan");
    let week1 = number_after("go back to week 1");
    let week1_page = (1..=text.page_count())
        .find(|n| common::fold(&text.page_text(*n as u32)).contains("WEEK 1 OF 4"))
        .unwrap();
    assert_eq!(scan - week1, page - week1_page, "{week3}");
    assert!(scan > week1, "{week3}");
    // A worksheet is a PDF of its own: the link leads to where week 1, the
    // first to use it, names it among its sheets to print.
    let intro = (1..=text.page_count())
        .find(|n| common::fold(&text.page_text(*n as u32)).contains("Bring the sleep log"))
        .unwrap();
    let intro_text = common::fold(&text.page_text(intro as u32));
    let at = intro_text.find("Bring the sleep log").unwrap() + "Bring the sleep log".len();
    let rest = intro_text[at..]
        .trim_start_matches(" (p.")
        .trim_start_matches([' ', '\u{a0}']);
    let log: usize = rest[..rest.find(')').unwrap()].parse().unwrap();
    let sheets_page = (week1_page..=text.page_count())
        .find(|n| common::fold(&text.page_text(*n as u32)).contains("Sheets to print"))
        .unwrap();
    assert_eq!(log - week1, sheets_page - week1_page, "{intro_text}");
    assert!(
        actions[intro - 1].iter().any(|a| a == "GoTo"),
        "{:?}",
        actions[intro - 1]
    );
}
