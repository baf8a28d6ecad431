//! The binary: exit codes and messages as a user sees them.

mod common;

use common::Fixture;
use std::process::Command;

fn kintsugi(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kintsugi"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn check_exits_zero_when_clean() {
    let f = Fixture::named("minimal");
    let out = kintsugi(&["check", "--root", f.root().to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout)
        .starts_with("ok: 1 week, 1 exercise, 1 script, 1 worksheet (0 warnings)"));
}

#[test]
fn check_exits_one_and_prints_positions() {
    let f = Fixture::named("minimal");
    f.replace("content/exercises/breathe.md", "minutes: 2", "minutes: two");
    let out = kintsugi(&["check", "--root", f.root().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("content/exercises/breathe.md:4:10: error:"),
        "{err}"
    );
    assert!(
        err.contains("\n4 | minutes: two\n  |          ^^^\n"),
        "the source line with a caret: {err}"
    );
    assert!(err.ends_with("1 error, 0 warnings\n"), "{err}");
}

#[test]
fn build_writes_all_three_outputs_and_keeps_the_readme() {
    let f = Fixture::named("minimal");
    f.write("output/README.md", "keep me");
    let out = kintsugi(&[
        "build",
        "--root",
        f.root().to_str().unwrap(),
        "--paper",
        "letter",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(f.out().join("site/index.html").is_file());
    assert!(f.out().join("workbook.pdf").is_file());
    assert!(f.out().join("worksheets/tracker.pdf").is_file());
    assert_eq!(
        std::fs::read_to_string(
            f.out()
                .join("output/README.md".trim_start_matches("output/"))
        )
        .unwrap(),
        "keep me"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("US Letter"));
}

#[test]
fn build_honours_out() {
    let f = Fixture::named("minimal");
    let out_dir = f.root().join("elsewhere");
    let out = kintsugi(&[
        "build",
        "--root",
        f.root().to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out_dir.join("workbook.pdf").is_file());
    assert!(!f.out().exists());
}

#[test]
fn a_folder_that_is_not_a_project_gets_one_message_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().to_str().unwrap().to_string();
    let nowhere = dir.path().join("no-such-folder");
    let nowhere = nowhere.to_str().unwrap();
    for args in [
        vec!["check", "--root", &empty],
        vec!["build", "--root", &empty],
        vec!["check", "--root", nowhere],
        vec!["batch", "people.csv", "--out", "x", "--root", nowhere],
    ] {
        let out = kintsugi(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "one message: {err}");
        assert!(err.contains("no kintsugi.yaml"), "{err}");
        assert!(
            err.contains("kintsugi new DIR") && err.contains("--root"),
            "{err}"
        );
        assert!(!err.contains("docs/content.md"), "{err}");
    }
    assert!(!dir.path().join("output").exists(), "nothing is written");
}

#[test]
fn check_speaks_json_for_editors() {
    let f = Fixture::named("minimal");
    f.replace(
        "content/weeks/week-1.md",
        "exercises: [breathe]",
        "exercises: [breath]",
    );
    let out = kintsugi(&[
        "check",
        "--root",
        f.root().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["file"], "content/weeks/week-1.md");
    assert_eq!(
        (v[0]["line"].as_u64(), v[0]["column"].as_u64()),
        (Some(7), Some(13))
    );
    assert_eq!(v[0]["severity"], "error");
    assert_eq!(v[0]["hint"], "did you mean `breathe`?");
    // The exercise is now unused, but errors come first; fix the error and it is a warning.
    f.replace(
        "content/weeks/week-1.md",
        "exercises: [breath]",
        "exercises: []",
    );
    let out = kintsugi(&[
        "check",
        "--root",
        f.root().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "warnings do not fail a check");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["severity"], "warning");
    assert_eq!(v[0]["message"], "no week uses the exercise `breathe`");
}

#[test]
fn new_scaffolds_projects_that_build_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    for (name, minimal) in [("full", false), ("small", true)] {
        let target = dir.path().join(name);
        let mut args = vec!["new", target.to_str().unwrap()];
        if minimal {
            args.push("--minimal");
        }
        let out = kintsugi(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = kintsugi(&["build", "--root", target.to_str().unwrap()]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "a new {name} project builds: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(target.join("output/workbook.pdf").is_file());
        // Its example profile builds on it as it comes.
        let profile = target.join("profile.example.yaml");
        let out = kintsugi(&[
            "build",
            "--root",
            target.to_str().unwrap(),
            "--profile",
            profile.to_str().unwrap(),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "the example profile of a new {name} project builds: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // And it is clean: nothing to warn about, no words of a test file.
        let out = kintsugi(&["check", "--root", target.to_str().unwrap()]);
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("(0 warnings)"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let program = std::fs::read_to_string(target.join("content/program.md")).unwrap();
        assert!(
            !program.contains("Test readers") && !program.contains("Minimal"),
            "{program}"
        );
    }
    let mine = dir.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "precious").unwrap();
    let out = kintsugi(&["new", mine.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not empty"));
    assert_eq!(
        std::fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "precious"
    );
    assert_eq!(
        std::fs::read_dir(&mine).unwrap().count(),
        1,
        "nothing was added"
    );
}

#[test]
fn builds_and_batches_are_byte_identical_whatever_the_thread_count() {
    let f = Fixture::named("minimal");
    f.write(
        "people.csv",
        "name,partner,start\nZoë,José,2026-12-07\nSam,,2027-01-04\nAna,Bo,2026-11-30\nLee,Kim,2026-12-14\n",
    );
    let root = f.root().to_str().unwrap().to_string();
    let mut trees = Vec::new();
    for threads in ["1", "3"] {
        let out = f.root().join(format!("out-{threads}"));
        let out = out.to_str().unwrap();
        for args in [
            vec!["build", "--root", &root, "--out", out],
            vec!["batch", "people.csv", "--root", &root, "--out", out],
        ] {
            let status = Command::new(env!("CARGO_BIN_EXE_kintsugi"))
                .args(&args)
                .current_dir(f.root())
                .env("RAYON_NUM_THREADS", threads)
                .output()
                .unwrap();
            assert!(status.status.success(), "{args:?}: {status:?}");
        }
        trees.push(common::tree(std::path::Path::new(out)));
    }
    assert!(trees[0].len() > 20, "{} files", trees[0].len());
    assert_eq!(
        trees[0].keys().collect::<Vec<_>>(),
        trees[1].keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &trees[0] {
        assert!(
            trees[1][path] == *bytes,
            "{path} differs between 1 and 3 threads"
        );
    }
}

/// Runs kintsugi with its standard output going into a pipe that nobody
/// reads: the reading end is closed before the command starts, as when
/// `head` has read all it wanted.
fn into_closed_pipe(args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_kintsugi"))
        .args(args)
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn a_closed_pipe_ends_every_command_quietly_with_its_own_exit_code() {
    let f = Fixture::named("minimal");
    let root = f.root().to_str().unwrap().to_string();
    let new = f.root().join("new-project");
    let broken = Fixture::named("minimal");
    broken.replace("content/weeks/week-1.md", "[breathe]", "[breath]");
    let cases: Vec<(Vec<String>, i32)> = vec![
        (vec!["check".into(), "--root".into(), root.clone()], 0),
        (
            vec![
                "check".into(),
                "--format".into(),
                "json".into(),
                "--root".into(),
                root.clone(),
            ],
            0,
        ),
        (
            vec![
                "check".into(),
                "--root".into(),
                broken.root().to_str().unwrap().into(),
            ],
            1,
        ),
        (vec!["build".into(), "--root".into(), root.clone()], 0),
        (
            vec![
                "new".into(),
                new.to_str().unwrap().into(),
                "--minimal".into(),
            ],
            0,
        ),
        (vec!["--help".into()], 0),
    ];
    for (args, code) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = into_closed_pipe(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
    }
    assert!(
        f.out().join("workbook.pdf").is_file(),
        "the build still wrote its outputs"
    );
    assert!(new.join("kintsugi.yaml").is_file());
}

#[test]
fn build_shows_problems_as_check_does_with_the_source_line_and_one_summary() {
    let f = Fixture::named("minimal");
    f.write(
        "content/worksheets/tracker.yaml",
        "id: tracker\ntitle: Tracker\nblocks:\n  - lines:\n      count: 40\n  - lines:\n      count: 40\n",
    );
    let root = f.root().to_str().unwrap();
    let check = kintsugi(&["check", "--root", root]);
    let build = kintsugi(&["build", "--root", root]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(build.status.code(), Some(1));
    let build_err = String::from_utf8_lossy(&build.stderr);
    assert!(
        build_err.contains("  |\n4 |   - lines:\n  |   ^\n"),
        "the source line and its caret: {build_err}"
    );
    assert!(
        build_err.trim_end().ends_with("\n1 error, 0 warnings"),
        "{build_err}"
    );
    assert_eq!(build_err, String::from_utf8_lossy(&check.stderr));
    assert!(
        !f.out().exists() || common::tree(&f.out()).is_empty(),
        "nothing is written"
    );
}

#[test]
fn a_projects_template_that_fails_is_named_with_its_line() {
    let f = Fixture::named("minimal");
    let root = f.root().to_str().unwrap();
    f.write(
        "templates/week.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ focus }</p>\n{% endblock %}\n",
    );
    for command in ["check", "build"] {
        let out = kintsugi(&[command, "--root", root]);
        assert_eq!(out.status.code(), Some(1), "{command}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("templates/week.html:3:13: error: this template cannot be read"),
            "{command}: {err}"
        );
    }
    f.write(
        "templates/week.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ no_such_value }}</p>\n{% endblock %}\n",
    );
    let out = kintsugi(&["build", "--root", root]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("templates/week.html:3:7: error: this template cannot render weeks/week-1.html: Variable `no_such_value` not found"),
        "{err}"
    );
    assert!(err.contains("3 | <p>{{ no_such_value }}</p>"), "{err}");
}
