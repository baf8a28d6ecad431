//! File-system helpers that name the path in every error.

use crate::diag::{Diagnostic, Diagnostics};
use anyhow::{Context, Result};
use std::path::Path;

/// Largest content file we read; anything bigger is almost certainly a mistake.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a UTF-8 text file, naming the path on failure and dropping a byte-order mark.
///
/// A file that is too big, not UTF-8 or not text at all is a content problem:
/// the error is then a [`Diagnostics`] naming the place, which callers report
/// with the others (and `main` with exit code 1); anything else is an I/O error.
pub fn read_text(path: &Path) -> Result<String> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.len() > MAX_FILE_BYTES {
        let d = Diagnostic::new(
            path,
            1,
            1,
            format!(
                "this file is {:.1} MB; kintsugi reads files of at most {} MB",
                meta.len() as f64 / (1024.0 * 1024.0),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .with_hint(
            "split it into several files, or move it out of the project if it is not content",
        );
        return Err(Diagnostics(vec![d]).into());
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let (line, column) = position(&String::from_utf8_lossy(&bytes[..bad]));
            let d = Diagnostic::new(
                path,
                line,
                column,
                format!("this file is not UTF-8 text: byte 0x{:02X} cannot start a character", bytes[bad]),
            )
            .with_hint("save it as UTF-8 (editors offer it under \"encoding\"); a file that is not text does not belong here");
            return Err(Diagnostics(vec![d]).into());
        }
    };
    if let Some(at) = text.find('\0') {
        let (line, column) = position(&text[..at]);
        let d = Diagnostic::new(
            path,
            line,
            column,
            "this file holds a NUL byte, so it is not text",
        )
        .with_hint(
            "a file that is not text (an image, a document) does not belong here; move it away",
        );
        return Err(Diagnostics(vec![d]).into());
    }
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text))
}

/// The 1-based line and column just after `before`.
fn position(before: &str) -> (usize, usize) {
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// Lists the files in `dir` with the given extension, sorted by name; a missing folder is empty.
pub fn list_files(dir: &Path, ext: &str) -> Result<Vec<std::path::PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let path = entry
            .with_context(|| format!("cannot list {}", dir.display()))?
            .path();
        if path.is_file() && path.extension().is_some_and(|e| e == ext) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Writes bytes to a file, creating its parent folders.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}
