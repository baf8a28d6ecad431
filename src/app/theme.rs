//! `kintsugi theme export DIR`: writes the built-in templates and stylesheet for an author to change.
//!
//! They go into `DIR/templates/`, the folder where a project's own files
//! replace the built-in ones of the same name (see docs/theme.md). Files that
//! are there already are kept unless `force` is given, and nothing is written
//! until every file is ready: they are staged beside the folder and moved in.

use anyhow::{bail, Context, Result};
use std::path::Path;

/// Writes the built-in theme into `dir/templates/`. Returns how many files were written.
pub fn export(dir: &Path, force: bool) -> Result<usize> {
    let target = dir.join("templates");
    let files = crate::render::site::theme::builtin();
    let there: Vec<&str> = files
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| target.join(name).exists())
        .collect();
    if !force && !there.is_empty() {
        bail!(
            "{} already has {}; nothing was written. Pass --force to replace them with the built-in ones",
            target.display(),
            there.join(", ")
        );
    }
    std::fs::create_dir_all(&target)
        .with_context(|| format!("cannot create {}", target.display()))?;
    let _whole = crate::output::hold();
    let staging = tempfile::Builder::new()
        .prefix(".kintsugi-theme-")
        .tempdir_in(&target)
        .with_context(|| format!("cannot stage in {}", target.display()))?;
    for (name, text) in files {
        crate::fs::write(&staging.path().join(name), text.as_bytes())?;
    }
    for (name, _) in files {
        std::fs::rename(staging.path().join(name), target.join(name))
            .with_context(|| format!("cannot write {}", target.join(name).display()))?;
    }
    Ok(files.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_every_file_and_refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let n = export(dir.path(), false).unwrap();
        let files = crate::render::site::theme::builtin();
        assert_eq!(n, files.len());
        for (name, text) in files {
            assert_eq!(
                std::fs::read_to_string(dir.path().join("templates").join(name)).unwrap(),
                *text
            );
        }
        let base = dir.path().join("templates/base.html");
        std::fs::write(&base, "mine").unwrap();
        let err = export(dir.path(), false).unwrap_err().to_string();
        assert!(
            err.contains("base.html") && err.contains("--force"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&base).unwrap(), "mine");
        export(dir.path(), true).unwrap();
        assert_ne!(std::fs::read_to_string(&base).unwrap(), "mine");
        // Nothing is left of the staging folder.
        let left: Vec<_> = std::fs::read_dir(dir.path().join("templates"))
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(".kintsugi"))
            .collect();
        assert!(left.is_empty());
    }

    #[test]
    fn an_exported_theme_builds_as_the_projects_own() {
        let dir = tempfile::tempdir().unwrap();
        let root =
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sleep-reset");
        let project = dir.path().join("p");
        fn walk(from: &Path, to: &Path) -> std::io::Result<()> {
            std::fs::create_dir_all(to)?;
            for e in std::fs::read_dir(from)? {
                let e = e?;
                if e.file_type()?.is_dir() {
                    walk(&e.path(), &to.join(e.file_name()))?;
                } else {
                    std::fs::copy(e.path(), to.join(e.file_name()))?;
                }
            }
            Ok(())
        }
        walk(&root, &project).unwrap();
        export(&project, false).unwrap();
        let checked = crate::check(&project).unwrap();
        assert_eq!(
            checked.templates.len(),
            crate::render::site::theme::builtin().len()
        );
    }
}
