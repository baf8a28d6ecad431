//! `kintsugi new`: writes a working program to start from, embedded in the binary.
//!
//! The default program is the one in this repository's `content/`; the
//! minimal one (`--minimal`) is a small two-week program with one item of
//! each kind, in `src/app/starter/`, meant to be rewritten. Each comes with
//! an example profile that builds on it. A folder that exists and is not
//! empty is never written to.

use anyhow::{bail, Context, Result};
use include_dir::{include_dir, Dir};
use std::path::Path;

static DEFAULT_CONTENT: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/content");
static DEFAULT_SETTINGS: &str = include_str!("../../kintsugi.yaml");
static MINIMAL: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/app/starter");
static PROFILE_EXAMPLE: &str = include_str!("../../docs/profile.example.yaml");

/// Writes a new project into `dir`, which must not exist or be empty. Returns the files written.
pub fn new_project(dir: &Path, minimal: bool) -> Result<usize> {
    if dir.exists() {
        let mut entries =
            std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
        if entries.next().is_some() {
            bail!("{} is not empty; kintsugi new only writes into a new or empty folder, so nothing of yours is overwritten", dir.display());
        }
    }
    // Stage beside the target and move it into place, so a failure leaves nothing half-written.
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    // It takes milliseconds: Ctrl-C waits until the project is whole (or was never begun).
    let _whole = crate::output::hold();
    let staging = tempfile::Builder::new()
        .prefix(".kintsugi-new-")
        .tempdir_in(&parent)
        .with_context(|| format!("cannot stage in {}", parent.display()))?;
    let mut count = 0;
    if minimal {
        // The starter has its own example profile, with its own ritual ids.
        count += write_dir(&MINIMAL, staging.path())?;
    } else {
        count += write_dir(&DEFAULT_CONTENT, &staging.path().join("content"))?;
        crate::fs::write(
            &staging.path().join("kintsugi.yaml"),
            DEFAULT_SETTINGS.as_bytes(),
        )?;
        crate::fs::write(
            &staging.path().join("profile.example.yaml"),
            PROFILE_EXAMPLE.as_bytes(),
        )?;
        count += 2;
    }
    crate::fs::write(
        &staging.path().join("output/README.md"),
        b"Build results: kintsugi build writes here.\n",
    )?;
    count += 1;
    if dir.exists() {
        std::fs::remove_dir(dir)
            .with_context(|| format!("cannot replace the empty folder {}", dir.display()))?;
    }
    let staged = staging.keep();
    std::fs::rename(&staged, dir)
        .with_context(|| format!("cannot move the new project to {}", dir.display()))?;
    Ok(count)
}

fn write_dir(d: &Dir<'_>, to: &Path) -> Result<usize> {
    let mut count = 0;
    for f in d.files() {
        crate::fs::write(&to.join(f.path()), f.contents())?;
        count += 1;
    }
    for sub in d.dirs() {
        count += write_dir(sub, to)?;
    }
    Ok(count)
}
