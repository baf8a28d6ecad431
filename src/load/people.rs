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

/// One record: a profile, or why it could not be read (every problem with it).
pub type Record = Result<ProfileSource, Vec<Diagnostic>>;

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
                csv_fields: None,
            }
        });
        out.push(record);
    }
    Ok(out)
}

/// The field separator of a CSV whose header row is `header`: a comma, or
/// the semicolon or tab that spreadsheets in many countries export instead.
fn separator(header: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        match b {
            b'"' => quoted = !quoted,
            _ if quoted => {}
            _ => {
                for (sep, n) in &mut counts {
                    if b == *sep {
                        *n += 1;
                    }
                }
            }
        }
    }
    // The most frequent wins; a header of one column keeps the comma.
    counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(sep, n)| (*n, *sep == b','))
        .map(|(sep, _)| *sep)
        .unwrap_or(b',')
}

/// Finds lines and columns in a text read front to back, without counting
/// from the start each time (a list of 100,000 rows stays linear).
struct Lines<'a> {
    text: &'a str,
    /// A byte offset at the start of a line, and that line's 1-based number.
    at: (usize, usize),
}

impl Lines<'_> {
    /// The 1-based line and column where each field of the record starting
    /// at byte `start` begins, read as the CSV reader does with `sep`.
    fn fields(&mut self, start: usize, sep: u8) -> Vec<(usize, usize)> {
        let text = self.text;
        // The reader counts a record from the `\n` of the `\r\n` before it.
        let mut start = start.min(text.len());
        while text[start..].starts_with(['\r', '\n']) {
            start += 1;
        }
        if start < self.at.0 {
            self.at = (0, 1);
        }
        let skipped = &text[self.at.0..start];
        let newlines = skipped.matches('\n').count();
        let line_start = match skipped.rfind('\n') {
            Some(i) => self.at.0 + i + 1,
            None => self.at.0,
        };
        self.at = (line_start, self.at.1 + newlines);
        let mut line = self.at.1;
        let mut col = text[line_start..start].chars().count() + 1;
        let mut out = vec![(line, col)];
        let mut quoted = false;
        for c in text[start..].chars() {
            match c {
                '"' => quoted = !quoted,
                '\n' if !quoted => break,
                '\n' => {
                    line += 1;
                    col = 0;
                }
                c if !quoted && c as u32 == sep as u32 => out.push((line, col + 1)),
                _ => {}
            }
            col += 1;
        }
        out
    }
}

fn read_csv(path: &Path, text: &str) -> anyhow::Result<Vec<Record>> {
    let header_line = text.lines().next().unwrap_or("");
    let sep = separator(header_line);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| anyhow::anyhow!("{}: cannot read the header row: {e}", path.display()))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut lines = Lines { text, at: (0, 1) };
    let header_places = lines.fields(0, sep);
    for (i, h) in headers.iter().enumerate() {
        if !KEYS.contains(&h.as_str()) {
            let (line, col) = header_places.get(i).copied().unwrap_or((1, 1));
            let d = Diagnostic::new(path, line, col, format!("unknown column `{h}`"));
            let d = match did_you_mean(h, KEYS) {
                Some(best) => d.with_hint(format!("did you mean `{best}`?")),
                None => d.with_hint(format!(
                    "the columns are: {}; separate them with commas (or semicolons or tabs throughout)",
                    KEYS.join(", ")
                )),
            };
            return Ok(vec![Err(vec![d])]);
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
        return Ok(vec![Err(vec![d])]);
    }
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let next = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // Where the record starts, counted in the text itself: the
                // reader's own line count does not see `\r\n` as one line end.
                let start = record.position().map(|p| p.byte() as usize).unwrap_or(next);
                let places = lines.fields(start, sep);
                out.push(csv_record(path, &headers, &record, &places));
            }
            Err(e) => {
                let line = lines.fields(next, sep)[0].0;
                out.push(Err(vec![Diagnostic::new(
                    path,
                    line,
                    1,
                    format!("this row cannot be read: {e}"),
                )]));
                // The reader cannot go on after a broken row.
                break;
            }
        }
    }
    Ok(out)
}

fn csv_record(
    path: &Path,
    headers: &[String],
    r: &csv::StringRecord,
    places: &[(usize, usize)],
) -> Record {
    let line = places[0].0;
    if r.len() != headers.len() {
        let msg = format!(
            "row has {} fields but the header has {}",
            r.len(),
            headers.len()
        );
        return Err(vec![Diagnostic::new(path, line, 1, msg)
            .with_hint("quote fields that contain commas: \"Smith, Jo\"")]);
    }
    let get = |k: &str| {
        headers
            .iter()
            .position(|h| h == k)
            .map(|i| r[i].trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let fail = |k: &str, msg: String, hint: &str| {
        let i = headers.iter().position(|h| h == k).unwrap_or(0);
        let (line, col) = places.get(i).copied().unwrap_or(places[0]);
        Err(vec![
            Diagnostic::new(path, line, col, msg).with_hint(hint.to_string())
        ])
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
        csv_fields: Some(places.to_vec()),
    })
}
