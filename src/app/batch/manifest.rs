//! The manifest: one row per record of the people list, saying whose outputs
//! are in which folder, with which files, and how the batch went for them.
//!
//! A CSV, so a coach can open it in a spreadsheet. It is written beside the
//! people's folders (`manifest.csv`, or `manifest-K-of-N.csv` for a shard),
//! whole or not at all, and never over a file of the same name that kintsugi
//! did not write.

use super::{BatchOptions, BatchReport, Listed};
use crate::app::personal::PersonalBuild;
use crate::model::Project;
use std::io::Write;
use std::path::PathBuf;

/// The header row, which also tells a manifest of ours from someone's own file.
const HEADER: [&str; 7] = [
    "line", "name", "partner", "start", "folder", "files", "status",
];

/// Writes the manifest of this run; says where, or why it could not.
pub(super) fn write(
    project: &Project,
    opts: &BatchOptions,
    listed: &[Listed],
    people: &[&Listed],
    report: &BatchReport,
) -> Result<PathBuf, String> {
    let name = match opts.shard {
        Some(s) => format!("manifest-{}-of-{}.csv", s.index, s.count),
        None => "manifest.csv".into(),
    };
    let path = opts.out.join(name);
    if let Ok(text) = std::fs::read_to_string(&path) {
        if text.lines().next() != Some(HEADER.join(",").as_str()) {
            return Err(format!(
                "{} is not a manifest kintsugi wrote, so it was left as it is and no manifest was written",
                path.display()
            ));
        }
    } else if path.exists() {
        return Err(format!(
            "{} cannot be read, so it was left as it is and no manifest was written",
            path.display()
        ));
    }
    let rows = rows(project, opts, listed, people, report);
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut bytes = out
        .write_record(HEADER)
        .and_then(|_| rows.iter().try_for_each(|r| out.write_record(r)))
        .map_err(|e| e.to_string())
        .and_then(|_| out.into_inner().map_err(|e| e.to_string()))?;
    if bytes.is_empty() {
        bytes.push(b'\n');
    }
    // Staged beside it and moved into place, so it is never half-written.
    let mut staged = tempfile::NamedTempFile::new_in(&opts.out)
        .map_err(|e| format!("cannot write in {}: {e}", opts.out.display()))?;
    staged
        .write_all(&bytes)
        .map_err(|e| format!("cannot write the manifest: {e}"))?;
    staged
        .persist(&path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// One row per record, in the order of the list.
fn rows(
    project: &Project,
    opts: &BatchOptions,
    listed: &[Listed],
    people: &[&Listed],
    report: &BatchReport,
) -> Vec<[String; 7]> {
    let mut rows: Vec<(usize, [String; 7])> = Vec::new();
    // The folder, files and outcome of the person first listed on `line`.
    let built = |line: usize| {
        let i = people.iter().position(|p| p.line == line)?;
        let (folder, outcome) = report.people.get(i)?;
        // A build that failed left no files.
        let files = match outcome {
            super::Outcome::Failed(_) => Vec::new(),
            _ => PersonalBuild::new(project, &people[i].person, opts.paper).file_names(),
        };
        Some((folder.clone(), files.join(" "), outcome.describe()))
    };
    for l in listed {
        let p = &l.person;
        let (folder, files, status) = match l.repeats {
            None => built(l.line).unwrap_or_default(),
            Some(first) => {
                let (folder, files, _) = built(first).unwrap_or_default();
                (
                    folder,
                    files,
                    format!("the same person as line {first}: built once"),
                )
            }
        };
        rows.push((
            l.line,
            [
                l.line.to_string(),
                p.name.clone(),
                p.partner.clone().unwrap_or_default(),
                p.start.to_string(),
                folder,
                files,
                status,
            ],
        ));
    }
    for bad in &report.bad_records {
        let first = bad.problems.first();
        let mut status = match first {
            Some(d) => format!(
                "not built: {} (line {}, column {})",
                d.message, d.line, d.column
            ),
            None => "not built".into(),
        };
        if bad.problems.len() > 1 {
            status.push_str(&format!(" and {} more", bad.problems.len() - 1));
        }
        rows.push((
            bad.line,
            [
                bad.line.to_string(),
                bad.name.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                status,
            ],
        ));
    }
    rows.sort_by_key(|(line, _)| *line);
    rows.into_iter().map(|(_, r)| r).collect()
}
