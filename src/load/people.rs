//! Reads a people list for batch builds: a YAML list of profiles, or a CSV whose header names the keys.

use super::profile::{ProfileSource, RawProfile};
use crate::diag::{did_you_mean, Diagnostic};
use crate::model::Paper;
use crate::model::WeekStart;
use std::path::Path;

/// The keys a profile may have, in CSV headers too.
pub const KEYS: [&str; 8] = [
    "name",
    "partner",
    "start",
    "week_starts",
    "ritual",
    "paper",
    "title",
    "intentions",
];

/// One record: a profile, or why it could not be read.
pub type Record = Result<ProfileSource, Diagnostic>;

/// Reads every record of a people list. A bad record is an `Err` in place; the
/// others still load. A list that cannot be read at all is an error.
pub fn read_people(path: &Path) -> anyhow::Result<Vec<Record>> {
    let text = crate::fs::read_text(path)?;
    parse_people(path, &text)
}

/// Reads the records of a people list already in memory; `path` names it
/// in messages and says by its extension whether it is CSV.
pub fn parse_people(path: &Path, text: &str) -> anyhow::Result<Vec<Record>> {
    let text = text.to_string();
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        read_csv(path, &text)
    } else {
        read_yaml(path, &text)
    }
}

fn read_yaml(path: &Path, text: &str) -> anyhow::Result<Vec<Record>> {
    // Each record starts at a line beginning with "- "; parse them one by one so
    // a broken record is reported with its own line and the rest still build.
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with('-'))
        .map(|(i, _)| i)
        .collect();
    if starts.is_empty() {
        anyhow::bail!(
            "{} holds no records: write a YAML list, one `- name: …` per person",
            path.display()
        );
    }
    let mut out = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        // Turn "- key: v" into "  key: v" so the record is a plain mapping.
        let chunk: String = lines[start..end].concat();
        let mapping = format!(" {}", &chunk[1..]);
        let record = super::yaml::parse::<RawProfile>(&mapping, path, start + 1).map(|value| {
            ProfileSource {
                file: path.to_path_buf(),
                text: mapping.clone(),
                first_line: start + 1,
                value,
                csv_row: false,
            }
        });
        out.push(record);
    }
    Ok(out)
}

fn read_csv(path: &Path, text: &str) -> anyhow::Result<Vec<Record>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| anyhow::anyhow!("{}: cannot read the header row: {e}", path.display()))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    for (i, h) in headers.iter().enumerate() {
        if !KEYS.contains(&h.as_str()) {
            let d = Diagnostic::new(path, 1, column_of(text, i), format!("unknown column `{h}`"));
            let d = match did_you_mean(h, KEYS) {
                Some(best) => d.with_hint(format!("did you mean `{best}`?")),
                None => d.with_hint(format!("the columns are: {}", KEYS.join(", "))),
            };
            return Ok(vec![Err(d)]);
        }
    }
    if !headers.iter().any(|h| h == "name") || !headers.iter().any(|h| h == "start") {
        let d = Diagnostic::new(
            path,
            1,
            1,
            "the header row needs `name` and `start` columns",
        )
        .with_hint(format!("the columns are: {}", KEYS.join(", ")));
        return Ok(vec![Err(d)]);
    }
    let mut out = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let line = row
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map(|p| p.line() as usize)
            .unwrap_or(i + 2);
        out.push(match row {
            Ok(r) => csv_record(path, &headers, &r, line),
            Err(e) => Err(Diagnostic::new(
                path,
                line,
                1,
                format!("row {}: {e}", i + 1),
            )),
        });
    }
    Ok(out)
}

fn csv_record(path: &Path, headers: &[String], r: &csv::StringRecord, line: usize) -> Record {
    if r.len() != headers.len() {
        let msg = format!(
            "row has {} fields but the header has {}",
            r.len(),
            headers.len()
        );
        return Err(Diagnostic::new(path, line, 1, msg)
            .with_hint("quote fields that contain commas: \"Smith, Jo\""));
    }
    let get = |k: &str| {
        headers
            .iter()
            .position(|h| h == k)
            .map(|i| r[i].trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let fail = |k: &str, msg: String, hint: &str| {
        let col = headers.iter().position(|h| h == k).unwrap_or(0);
        Err(Diagnostic::new(path, line, col + 1, msg).with_hint(hint.to_string()))
    };
    let week_starts = match get("week_starts").as_deref() {
        None | Some("monday") => WeekStart::Monday,
        Some("sunday") => WeekStart::Sunday,
        Some(other) => {
            return fail(
                "week_starts",
                format!("`{other}` is not a week start"),
                "use monday or sunday",
            )
        }
    };
    let paper = match get("paper").as_deref() {
        None => None,
        Some("a4") => Some(Paper::A4),
        Some("letter") => Some(Paper::Letter),
        Some(other) => {
            return fail(
                "paper",
                format!("`{other}` is not a paper size"),
                "use a4 or letter",
            )
        }
    };
    let text = headers
        .iter()
        .zip(r.iter())
        .map(|(h, v)| format!("{h}: {v}\n"))
        .collect();
    let value = RawProfile {
        name: get("name").unwrap_or_default(),
        partner: get("partner"),
        start: get("start").unwrap_or_default(),
        week_starts,
        ritual: get("ritual"),
        paper,
        title: get("title"),
        intentions: get("intentions"),
    };
    Ok(ProfileSource {
        file: path.to_path_buf(),
        text,
        first_line: line,
        value,
        csv_row: true,
    })
}

/// 1-based column of the `i`-th header in the first line (good enough for unquoted headers).
fn column_of(text: &str, i: usize) -> usize {
    let first = text.lines().next().unwrap_or("");
    first
        .split(',')
        .take(i)
        .map(|h| h.chars().count() + 1)
        .sum::<usize>()
        + 1
}
