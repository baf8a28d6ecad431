//! Ctrl-C or SIGTERM in the middle of a build: the previous output stays as it
//! was (or, when the signal comes after the swap began, the new output is
//! whole), and no staging folder is left behind.

mod common;

#[allow(dead_code)]
#[path = "../benches/synth.rs"]
mod synth;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// Starts a build whose writing of each file takes at least `delay_ms`.
fn build(root: &Path, out: &Path, delay_ms: u64) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_kintsugi"))
        .env("KINTSUGI_TEST_WRITE_DELAY_MS", delay_ms.to_string())
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn an_interrupted_build_leaves_the_previous_output_and_no_staging() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    let out = dir.path().join("out");
    synth::write_program(&root, 12, 8).unwrap();
    assert!(build(&root, &out, 0).wait().unwrap().success());
    std::fs::write(out.join("README.md"), "my notes").unwrap();
    let before = common::tree(&out);

    // The next build would change every page.
    let program = root.join("content/program.md");
    let text = std::fs::read_to_string(&program).unwrap();
    std::fs::write(
        &program,
        text.replace("A Synthetic Program", "A Renamed Program"),
    )
    .unwrap();

    // Signals while rendering (nothing written yet) and while writing the staging folder.
    for (signal, when) in [
        ("INT", None),
        ("TERM", None),
        ("INT", Some(5)),
        ("TERM", Some(40)),
        ("HUP", Some(20)),
    ] {
        let mut child = build(&root, &out, 2);
        match when {
            None => std::thread::sleep(Duration::from_millis(50)),
            // Wait until the staging folder has this many files in it.
            Some(files) => wait_for_staging(&out, files),
        }
        Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(130), "SIG{signal} ({when:?}): {status}");
        let stray: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".kintsugi"))
            .collect();
        assert!(stray.is_empty(), "SIG{signal} ({when:?}) left {stray:?}");
        assert!(
            common::tree(&out) == before,
            "SIG{signal} ({when:?}) changed the previous output"
        );
    }
    // Left alone, the same build finishes and swaps the new output in whole.
    assert!(build(&root, &out, 0).wait().unwrap().success());
    let after = common::tree(&out);
    assert!(String::from_utf8_lossy(&after["site/index.html"]).contains("A Renamed Program"));
    assert_eq!(after["README.md"], b"my notes");
}

/// Waits until a staging folder in `out` holds at least `n` files.
fn wait_for_staging(out: &Path, n: usize) {
    let start = std::time::Instant::now();
    loop {
        let staged: usize = std::fs::read_dir(out)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(".kintsugi-staging-")
            })
            .map(|e| common::tree(&e.path()).len())
            .sum();
        if staged >= n {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the build never began writing"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}
