//! Output: writes rendered files into a staging folder, then swaps them in.
//!
//! The build owns only the top-level entries it writes (`site/`,
//! `workbook.pdf`, `worksheets/`); anything else in the output folder, such as
//! its README, is never touched. Until every file is written, the previous
//! output stays exactly as it was.

use anyhow::{Context, Result};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// Staging folders start with this, so a later build can recognise and remove leftovers.
const STAGING_PREFIX: &str = ".kintsugi-staging-";

/// Staging folders being written, and the lock every write into them takes.
///
/// [`on_interrupt`] takes this lock and never gives it back: it waits for a
/// file write or a swap in progress to finish, removes the staging folders and
/// ends the process, so Ctrl-C or SIGTERM never leaves a half-swapped output
/// or a stray folder.
static STAGING: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn staging_lock() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    STAGING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Holds off an interrupt until the guard is dropped: for short work that
/// must happen whole, such as `kintsugi new` writing a project.
pub fn hold() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    staging_lock()
}

/// For a Ctrl-C or SIGTERM handler: waits for a write or swap in progress,
/// removes every staging folder and exits with 130. The previous output stays
/// as it was (or, if a swap had started, the new output is whole).
pub fn on_interrupt() -> ! {
    let staging = staging_lock();
    for dir in staging.iter() {
        let _ = std::fs::remove_dir_all(dir);
    }
    std::process::exit(130)
}

/// A rendered file, relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Writes `files` under `out`, replacing the entries they belong to in one swap.
pub fn publish(out: &Path, files: &[OutputFile]) -> Result<()> {
    publish_with(out, |emit| {
        for f in files {
            emit.file(&f.path, &f.bytes)?;
        }
        Ok(())
    })
}

/// Writes files under `out` as `produce` makes them, then swaps them in as
/// [`publish`] does: nothing is held in memory longer than it takes to write
/// it, and if `produce` fails the previous output stays as it was.
pub fn publish_with(out: &Path, produce: impl FnOnce(&mut Emitter) -> Result<()>) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    remove_stale_staging(out)?;
    let staging = tempfile::Builder::new()
        .prefix(STAGING_PREFIX)
        .tempdir_in(out)
        .with_context(|| format!("cannot create a staging folder in {}", out.display()))?;
    staging_lock().push(staging.path().to_path_buf());
    let result = write_and_swap(out, staging.path(), produce);
    let mut registry = staging_lock();
    registry.retain(|p| p != staging.path());
    result?;
    // Dropping `staging` removes the previous output that was moved aside.
    staging
        .close()
        .with_context(|| format!("cannot remove the staging folder in {}", out.display()))?;
    drop(registry);
    Ok(())
}

/// Writes files into a staging folder, remembering the top-level entries they belong to.
pub struct Emitter<'a> {
    staging: &'a Path,
    entries: BTreeSet<PathBuf>,
    delay: Option<std::time::Duration>,
}

impl Emitter<'_> {
    /// Writes one file (a path relative to the output folder) into the staging folder.
    pub fn file(&mut self, path: &Path, bytes: &[u8]) -> Result<()> {
        let top = top_entry(path)?;
        self.entries.insert(top);
        let lock = staging_lock();
        crate::fs::write(&self.staging.join(path), bytes)?;
        drop(lock);
        if let Some(d) = self.delay {
            std::thread::sleep(d);
        }
        Ok(())
    }
}

fn write_and_swap(
    out: &Path,
    staging: &Path,
    produce: impl FnOnce(&mut Emitter) -> Result<()>,
) -> Result<()> {
    let mut emit = Emitter {
        staging,
        entries: BTreeSet::new(),
        // A testing aid: slows the writing down so a test can interrupt it (tests/interrupt.rs).
        delay: std::env::var("KINTSUGI_TEST_WRITE_DELAY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map(std::time::Duration::from_millis),
    };
    produce(&mut emit)?;
    let entries = emit.entries;
    let old = staging.join(PREVIOUS);
    std::fs::create_dir(&old).with_context(|| format!("cannot create {}", old.display()))?;
    // The swap runs under the lock: an interrupt waits for it to finish.
    let _lock = staging_lock();
    for entry in &entries {
        swap_in(&staging.join(entry), &out.join(entry), &old.join(entry))?;
    }
    Ok(())
}

/// Inside a staging folder: what the swap moved aside.
const PREVIOUS: &str = ".previous";

/// Removes staging folders left by a build that was killed before it could clean up.
fn remove_stale_staging(out: &Path) -> Result<()> {
    for entry in std::fs::read_dir(out).with_context(|| format!("cannot list {}", out.display()))? {
        let entry = entry.with_context(|| format!("cannot list {}", out.display()))?;
        let is_staging = entry
            .file_name()
            .to_string_lossy()
            .starts_with(STAGING_PREFIX);
        if is_staging && entry.file_type().is_ok_and(|t| t.is_dir()) {
            restore_previous(out, &entry.path().join(PREVIOUS))?;
            std::fs::remove_dir_all(entry.path()).with_context(|| {
                format!(
                    "cannot remove the stale staging folder {}",
                    entry.path().display()
                )
            })?;
        }
    }
    Ok(())
}

/// A build killed outright (SIGKILL, power loss) in the middle of a swap may
/// have moved an old entry aside without moving the new one in: put it back.
fn restore_previous(out: &Path, previous: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(previous) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let target = out.join(entry.file_name());
        if target.symlink_metadata().is_err() {
            std::fs::rename(entry.path(), &target)
                .with_context(|| format!("cannot restore {}", target.display()))?;
        }
    }
    Ok(())
}

/// The first component of a relative output path; anything else is refused.
fn top_entry(path: &Path) -> Result<PathBuf> {
    let mut comps = path.components();
    match comps.next() {
        Some(Component::Normal(c))
            if path.components().all(|c| matches!(c, Component::Normal(_))) =>
        {
            Ok(PathBuf::from(c))
        }
        _ => anyhow::bail!(
            "refusing to write {} outside the output folder",
            path.display()
        ),
    }
}

/// Moves `new` to `target`, keeping what was there at `backup` and restoring it on failure.
fn swap_in(new: &Path, target: &Path, backup: &Path) -> Result<()> {
    let had_old = target.symlink_metadata().is_ok();
    if had_old {
        std::fs::rename(target, backup)
            .with_context(|| format!("cannot move {} aside", target.display()))?;
    }
    if let Err(e) = std::fs::rename(new, target) {
        if had_old {
            let _ = std::fs::rename(backup, target);
        }
        return Err(e)
            .with_context(|| format!("cannot move the new {} into place", target.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(p: &str, b: &str) -> OutputFile {
        OutputFile {
            path: p.into(),
            bytes: b.as_bytes().to_vec(),
        }
    }

    #[test]
    fn replaces_owned_entries_and_keeps_others() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("README.md"), "keep").unwrap();
        publish(
            dir.path(),
            &[file("site/index.html", "one"), file("site/old.html", "x")],
        )
        .unwrap();
        publish(dir.path(), &[file("site/index.html", "two")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("site/index.html")).unwrap(),
            "two"
        );
        assert!(
            !dir.path().join("site/old.html").exists(),
            "stale pages are removed"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("README.md")).unwrap(),
            "keep"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(".kintsugi"))
            .collect();
        assert!(leftovers.is_empty(), "no staging folder is left behind");
    }

    #[test]
    fn removes_staging_left_by_a_killed_build() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".kintsugi-staging-abc123");
        std::fs::create_dir_all(stale.join("site")).unwrap();
        std::fs::write(dir.path().join(".kintsugi-notes"), "mine").unwrap();
        publish(dir.path(), &[file("workbook.pdf", "pdf")]).unwrap();
        assert!(!stale.exists());
        assert!(
            dir.path().join(".kintsugi-notes").exists(),
            "only staging folders are removed"
        );
    }

    #[test]
    fn restores_what_a_killed_swap_moved_aside() {
        let dir = tempfile::tempdir().unwrap();
        publish(
            dir.path(),
            &[file("site/index.html", "old"), file("workbook.pdf", "old")],
        )
        .unwrap();
        // As if killed between moving site/ aside and moving the new one in.
        let stale = dir.path().join(".kintsugi-staging-xyz");
        std::fs::create_dir_all(stale.join(".previous")).unwrap();
        std::fs::rename(dir.path().join("site"), stale.join(".previous/site")).unwrap();
        std::fs::create_dir_all(stale.join("site")).unwrap();
        std::fs::write(stale.join("site/index.html"), "half").unwrap();
        publish(dir.path(), &[file("worksheets/a.pdf", "new")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("site/index.html")).unwrap(),
            "old",
            "the entry moved aside is back"
        );
        assert!(!stale.exists());
    }

    #[test]
    fn a_failing_write_leaves_the_previous_output_and_no_staging() {
        let dir = tempfile::tempdir().unwrap();
        publish(dir.path(), &[file("site/index.html", "old")]).unwrap();
        // `site/index.html` cannot be a file and a folder: the second write fails.
        let err = publish(
            dir.path(),
            &[
                file("site/index.html", "new"),
                file("site/index.html/x", "y"),
            ],
        );
        assert!(err.is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("site/index.html")).unwrap(),
            "old"
        );
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["site".to_string()]);
    }

    #[test]
    fn refuses_paths_that_escape() {
        let dir = tempfile::tempdir().unwrap();
        assert!(publish(dir.path(), &[file("../evil", "x")]).is_err());
        assert!(publish(dir.path(), &[file("/abs", "x")]).is_err());
        assert!(!dir.path().parent().unwrap().join("evil").exists());
    }
}
