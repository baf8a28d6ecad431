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

/// A rendered file, relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Writes `files` under `out`, replacing the entries they belong to in one swap.
pub fn publish(out: &Path, files: &[OutputFile]) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    remove_stale_staging(out)?;
    let staging = tempfile::Builder::new()
        .prefix(STAGING_PREFIX)
        .tempdir_in(out)
        .with_context(|| format!("cannot create a staging folder in {}", out.display()))?;
    let mut entries = BTreeSet::new();
    for f in files {
        let top = top_entry(&f.path)?;
        entries.insert(top);
        crate::fs::write(&staging.path().join(&f.path), &f.bytes)?;
    }
    let old = staging.path().join(".previous");
    std::fs::create_dir(&old).with_context(|| format!("cannot create {}", old.display()))?;
    for entry in &entries {
        swap_in(
            &staging.path().join(entry),
            &out.join(entry),
            &old.join(entry),
        )?;
    }
    // Dropping `staging` removes the previous output that was moved aside.
    staging
        .close()
        .with_context(|| format!("cannot remove the staging folder in {}", out.display()))
}

/// Removes staging folders left by a build that was killed before it could clean up.
fn remove_stale_staging(out: &Path) -> Result<()> {
    for entry in std::fs::read_dir(out).with_context(|| format!("cannot list {}", out.display()))? {
        let entry = entry.with_context(|| format!("cannot list {}", out.display()))?;
        let is_staging = entry
            .file_name()
            .to_string_lossy()
            .starts_with(STAGING_PREFIX);
        if is_staging && entry.file_type().is_ok_and(|t| t.is_dir()) {
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
    fn refuses_paths_that_escape() {
        let dir = tempfile::tempdir().unwrap();
        assert!(publish(dir.path(), &[file("../evil", "x")]).is_err());
        assert!(publish(dir.path(), &[file("/abs", "x")]).is_err());
        assert!(!dir.path().parent().unwrap().join("evil").exists());
    }
}
