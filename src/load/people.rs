//! Reads a people list for batch builds: a YAML list of profiles, or a CSV whose header names the keys.

use super::profile::{ProfileSource, RawProfile};
use crate::diag::{did_you_mean, Diagnostic};
use crate::model::Paper;
use crate::model::WeekStart;
use std::path::Path;

/// The keys a profile may have, in CSV headers too.
pub const KEYS: [&str; 9] = [
    "name",
    "partner",
    "start",
    "week_starts",
    "ritual",
    "paper",
    "title",
    "intentions",
    "language",
];

/// A record that could not be read: where it starts, the name as far as it
/// could be read (for messages and the manifest), and every problem with it.
#[derive(Debug, Clone)]
pub struct Unread {
    pub line: usize,
    pub name: String,
    pub problems: Vec<Diagnostic>,
}

/// One record: a profile, or why it could not be read.
pub type Record = Result<ProfileSource, Unread>;

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
    // A document marker (`---`, `...`) is not a record; `-` starts one only
    // as a list dash, followed by a space, a tab or the end of the line.
    let marker = |l: &str| matches!(l.trim_end(), "---" | "...");
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            !marker(l) && (l.starts_with("- ") || l.starts_with("-\t") || l.trim_end() == "-")
        })
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
        // Turn "- key: v" into "  key: v" so the record is a plain mapping;
        // a document marker inside it becomes an empty line.
        let chunk: String = lines[start..end]
            .iter()
            .map(|l| if marker(l) { "\n" } else { l })
            .collect();
        let mapping = format!(" {}", &chunk[1..]);
        let record = super::yaml::parse::<RawProfile>(&mapping, path, start + 1)
            .map(|value| ProfileSource {
                file: path.to_path_buf(),
                text: mapping.clone(),
                first_line: start + 1,
                value,
                csv_fields: None,
            })
            .map_err(|problems| Unread {
                line: start + 1,
                name: written_name(&mapping),
                problems,
            });
        out.push(record);
    }
    Ok(out)
}

/// The `name:` of a YAML record that does not read as a whole, as written.
fn written_name(mapping: &str) -> String {
    mapping
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("name:"))
        .map(|v| v.trim().trim_matches(['"', '\'']).to_string())
        .unwrap_or_default()
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
    // A header that is wrong makes every row unreadable: it is a problem of the
    // whole list, with every unknown column named at once.
    let mut problems = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if !KEYS.contains(&h.as_str()) {
            let (line, col) = header_places.get(i).copied().unwrap_or((1, 1));
            let d = Diagnostic::new(path, line, col, format!("unknown column `{h}`"));
            problems.push(match did_you_mean(h, KEYS) {
                Some(best) => d.with_hint(format!("did you mean `{best}`?")),
                None => d.with_hint(format!(
                    "the columns are: {}; separate them with commas (or semicolons or tabs throughout)",
                    KEYS.join(", ")
                )),
            });
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
        problems.push(d);
    }
    if !problems.is_empty() {
        return Err(crate::diag::Diagnostics(problems).sorted().into());
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
                out.push(Err(Unread {
                    line,
                    name: String::new(),
                    problems: vec![Diagnostic::new(
                        path,
                        line,
                        1,
                        format!("this row cannot be read: {e}"),
                    )],
                }));
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
    // Spreadsheets write a line break inside a quoted field as `\r\n`.
    let field = |i: usize| r[i].trim().replace("\r\n", "\n");
    let name = headers
        .iter()
        .position(|h| h == "name")
        .filter(|i| *i < r.len())
        .map(field)
        .unwrap_or_default();
    if r.len() != headers.len() {
        let msg = format!(
            "row has {} fields but the header has {}",
            r.len(),
            headers.len()
        );
        return Err(Unread {
            line,
            name,
            problems: vec![Diagnostic::new(path, line, 1, msg)
                .with_hint("quote fields that contain commas: \"Smith, Jo\"")],
        });
    }
    let get = |k: &str| {
        headers
            .iter()
            .position(|h| h == k)
            .map(field)
            .filter(|v| !v.is_empty())
    };
    let mut problems = Vec::new();
    let mut fail = |k: &str, msg: String, hint: &str| {
        let i = headers.iter().position(|h| h == k).unwrap_or(0);
        let (line, col) = places.get(i).copied().unwrap_or(places[0]);
        problems.push(Diagnostic::new(path, line, col, msg).with_hint(hint.to_string()));
    };
    let week_starts = match get("week_starts").as_deref() {
        None => WeekStart::Monday,
        Some(day) => WeekStart::from_name(day).unwrap_or_else(|| {
            let hint = match did_you_mean(&day.to_lowercase(), WeekStart::names()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("use one of {}", WeekStart::names().join(", ")),
            };
            fail(
                "week_starts",
                format!("`{day}` is not a day of the week"),
                &hint,
            );
            WeekStart::Monday
        }),
    };
    let paper = match get("paper").as_deref() {
        None => None,
        Some("a4") => Some(Paper::A4),
        Some("letter") => Some(Paper::Letter),
        Some(other) => {
            fail(
                "paper",
                format!("`{other}` is not a paper size"),
                "use a4 or letter",
            );
            None
        }
    };
    if !problems.is_empty() {
        return Err(Unread {
            line,
            name,
            problems,
        });
    }
    // One `key: value` line per field, in header order, for placing later
    // problems (a value's own line breaks would shift the lines).
    let text = headers
        .iter()
        .zip(r.iter())
        .map(|(h, v)| format!("{h}: {}\n", v.replace(['\r', '\n'], " ")))
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
        language: get("language"),
    };
    Ok(ProfileSource {
        file: path.to_path_buf(),
        text,
        first_line: line,
        value,
        csv_fields: Some(places.to_vec()),
    })
}
