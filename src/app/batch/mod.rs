//! Batch: personal workbooks for a whole list of people, on every core.
//!
//! Takes a checked project and a people list; gives one folder per person
//! (`<out>/<slug>/workbook.pdf` and `worksheets/`). A bad record is reported
//! and skipped without touching the others; a person whose outputs are up to
//! date is skipped unless forced; `--shard K/N` builds a stable share. A
//! manifest (`manifest.csv`) says who is in which folder with which files.

mod manifest;

use super::personal::PersonalBuild;
use crate::diag::{count, Diagnostic};
use crate::model::person::Person;
use crate::model::Paper;
use crate::model::Project;
use crate::output::{self, OutputFile};
use anyhow::Result;
use rayon::prelude::*;
use std::path::PathBuf;

/// A stable share of the people: shard `index` (1-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or("write the shard as K/N, e.g. 2/4")?;
        let index: u32 = k
            .trim()
            .parse()
            .map_err(|_| format!("`{k}` is not a number"))?;
        let count: u32 = n
            .trim()
            .parse()
            .map_err(|_| format!("`{n}` is not a number"))?;
        if count == 0 || index == 0 || index > count {
            return Err(format!(
                "shard {index}/{count} does not exist: K runs from 1 to N"
            ));
        }
        Ok(Shard { index, count })
    }
}

impl Shard {
    /// True when the person with this slug belongs to this shard. Slugs are
    /// unique and hashed, so shards neither overlap nor leave anyone out,
    /// whatever order the list is in.
    pub fn holds(&self, slug: &str) -> bool {
        fnv(slug.as_bytes()) % self.count as u64 == (self.index - 1) as u64
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// What to build.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    pub people: PathBuf,
    pub out: PathBuf,
    pub paper: Option<Paper>,
    pub duplex: bool,
    pub force: bool,
    pub shard: Option<Shard>,
}

/// How one person went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Built,
    UpToDate,
    /// In another shard.
    Skipped,
    Failed(String),
}

impl Outcome {
    /// The outcome in a few words, for the manifest.
    pub fn describe(&self) -> String {
        match self {
            Outcome::Built => "built".into(),
            Outcome::UpToDate => "up to date".into(),
            Outcome::Skipped => "in another shard".into(),
            Outcome::Failed(why) => format!("failed: {why}"),
        }
    }
}

/// A record of the list that could not be read or checked: where it starts,
/// the name as written, and every problem with it.
pub type BadRecord = crate::load::people::Unread;

/// What a batch did.
#[derive(Debug, Clone)]
pub struct BatchReport {
    /// (folder, outcome) for each person, in list order; a person listed twice is here once.
    pub people: Vec<(String, Outcome)>,
    /// Records that could not be read or checked, one entry each however many problems they have.
    pub bad_records: Vec<BadRecord>,
    /// Records that repeat a person listed before (built once), and people
    /// who share a name with another (each gets a folder of their own).
    pub warnings: Vec<Diagnostic>,
    /// Records left out because they repeat a person listed before.
    pub repeated: usize,
    /// Folders of people built before who are no longer on the list; left as they are.
    pub stale: Vec<PathBuf>,
    /// The manifest written (who, which folder, which files), or why it was not.
    pub manifest: Result<PathBuf, String>,
}

impl BatchReport {
    pub fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.people.iter().filter(|(_, o)| f(o)).count()
    }

    /// True when every record was read and every person built or up to date.
    pub fn ok(&self) -> bool {
        self.bad_records.is_empty() && self.count(|o| matches!(o, Outcome::Failed(_))) == 0
    }
}

impl std::fmt::Display for BatchReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let failed = self.count(|o| matches!(o, Outcome::Failed(_))) + self.bad_records.len();
        write!(
            f,
            "{}: {} built, {} already up to date, {} in other shards, {} failed",
            count(
                self.people.len() + self.bad_records.len(),
                "person",
                "people"
            ),
            self.count(|o| *o == Outcome::Built),
            self.count(|o| *o == Outcome::UpToDate),
            self.count(|o| *o == Outcome::Skipped),
            failed
        )?;
        let dup = self.repeated;
        if dup > 0 {
            write!(
                f,
                "; {} left out",
                count(dup, "repeated row", "repeated rows")
            )?;
        }
        Ok(())
    }
}

/// A person on the list, checked, with where they are listed.
struct Listed {
    /// The line their record starts on.
    line: usize,
    person: Person,
    /// The line of an earlier record for exactly the same person, if any.
    repeats: Option<usize>,
}

/// Gives every person a unique folder name in list order: "alex", "alex-2", …
pub fn unique_slugs(people: &[Person]) -> Vec<String> {
    let mut seen: std::collections::HashSet<String> = Default::default();
    people
        .iter()
        .map(|p| {
            let base = super::personal::folder_name(p);
            let mut slug = base.clone();
            let mut n = 2;
            while seen.contains(&slug) {
                slug = format!("{base}-{n}");
                n += 1;
            }
            seen.insert(slug.clone());
            slug
        })
        .collect()
}

/// Builds everyone's outputs. `progress` is told about each person as they finish.
pub fn run(
    project: &Project,
    opts: &BatchOptions,
    progress: &(dyn Fn(&str, &Outcome) + Sync),
) -> Result<BatchReport> {
    let records = crate::load::people::read_people(&opts.people)?;
    let mut report = BatchReport {
        people: Vec::new(),
        bad_records: Vec::new(),
        warnings: Vec::new(),
        repeated: 0,
        stale: Vec::new(),
        manifest: Err(String::new()),
    };
    let mut listed: Vec<Listed> = Vec::new();
    let mut notes = Vec::new();
    for record in records {
        let source = match record {
            Ok(source) => source,
            Err(unread) => {
                report.bad_records.push(unread);
                continue;
            }
        };
        match crate::validate::profile::validate_profile(&source, &project.program) {
            Ok(person) => {
                notes.extend(crate::validate::profile::notes(
                    &source,
                    &person,
                    &project.config.language,
                    &project.program.own_strings,
                ));
                let repeats = listed
                    .iter()
                    .find(|l| l.repeats.is_none() && l.person == person)
                    .map(|l| l.line);
                listed.push(Listed {
                    line: source.first_line,
                    person,
                    repeats,
                });
            }
            Err(problems) => report.bad_records.push(BadRecord {
                line: source.first_line,
                name: match source.value.partner.as_deref().map(str::trim) {
                    Some(partner) if !partner.is_empty() => {
                        format!("{} & {partner}", source.value.name.trim())
                    }
                    _ => source.value.name.trim().to_string(),
                },
                problems,
            }),
        }
    }
    // Problems in the list are shown with their line, as in any other file.
    if let Ok(text) = std::fs::read_to_string(&opts.people) {
        for bad in &mut report.bad_records {
            for d in &mut bad.problems {
                d.set_source_from_text(&text);
            }
        }
        notes.iter_mut().for_each(|d| d.set_source_from_text(&text));
    }
    let people: Vec<&Listed> = listed.iter().filter(|l| l.repeats.is_none()).collect();
    report.repeated = listed.len() - people.len();
    let persons: Vec<Person> = people.iter().map(|l| l.person.clone()).collect();
    let slugs = unique_slugs(&persons);
    report.warnings = list_warnings(&opts.people, &listed, &people, &slugs);
    report.warnings.extend(notes);
    // Everything a person's outputs are made from, but the person: the
    // program, the settings (their paper, when theirs says none) and the options.
    let fingerprint = format!(
        "kintsugi {} {:?} {:?} {:?} {}",
        env!("CARGO_PKG_VERSION"),
        project.program,
        project.config,
        opts.paper,
        opts.duplex
    );
    std::fs::create_dir_all(&opts.out)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", opts.out.display()))?;
    let outcomes: Vec<Outcome> = persons
        .par_iter()
        .zip(slugs.par_iter())
        .map(|(person, slug)| {
            let outcome = build_one(project, opts, person, slug, &fingerprint);
            progress(slug, &outcome);
            outcome
        })
        .collect();
    report.people = slugs.iter().cloned().zip(outcomes).collect();
    // A person still listed, whose record has a problem this time, is not gone.
    let mut listed_folders = slugs.clone();
    listed_folders.extend(
        report
            .bad_records
            .iter()
            .filter(|b| !b.name.is_empty())
            .map(|b| super::personal::folder_name_for(&b.name)),
    );
    report.stale = stale_folders(&opts.out, &listed_folders);
    report.manifest = manifest::write(project, opts, &listed, &people, &report);
    Ok(report)
}

/// Warnings about the list itself: a person listed twice, and different
/// people who share a name (their folders are told apart by a number).
fn list_warnings(
    file: &std::path::Path,
    listed: &[Listed],
    people: &[&Listed],
    slugs: &[String],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for l in listed {
        if let Some(first) = l.repeats {
            let d = Diagnostic::new(
                file,
                l.line,
                1,
                format!(
                    "{} is the same person as on line {first}; built once",
                    l.person.names()
                ),
            )
            .with_hint("remove the repeated row, or change what differs if these are two people");
            out.push(d.warning());
        }
    }
    for (i, l) in people.iter().enumerate() {
        let base = super::personal::folder_name(&l.person);
        if slugs[i] == base {
            continue;
        }
        // Who has the folder this person's name would have had.
        let Some(k) = slugs.iter().position(|s| *s == base) else {
            continue;
        };
        let other = &people[k];
        let message = if other.person.names() == l.person.names() {
            format!(
                "{} has the same name as the person on line {}; their outputs go to {}/",
                l.person.names(),
                other.line,
                slugs[i]
            )
        } else {
            format!(
                "{}'s folder would be {base}/, which holds the outputs of {} (line {}); theirs go to {}/",
                l.person.names(),
                other.person.names(),
                other.line,
                slugs[i]
            )
        };
        let d = Diagnostic::new(file, l.line, 1, message)
            .with_hint("if this is the same person with new details, remove the older row");
        out.push(d.warning());
    }
    out
}

/// Folders in `out` that a batch built (they hold its stamp) for people no longer on the list.
fn stale_folders(out: &std::path::Path, slugs: &[String]) -> Vec<PathBuf> {
    let current: std::collections::HashSet<&str> = slugs.iter().map(String::as_str).collect();
    let mut stale: Vec<PathBuf> = std::fs::read_dir(out)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join(STAMP).is_file())
        .filter(|e| !current.contains(e.file_name().to_string_lossy().as_ref()))
        .map(|e| e.path())
        .collect();
    stale.sort();
    stale
}

fn build_one(
    project: &Project,
    opts: &BatchOptions,
    person: &Person,
    slug: &str,
    fingerprint: &str,
) -> Outcome {
    if opts.shard.is_some_and(|s| !s.holds(slug)) {
        return Outcome::Skipped;
    }
    let stamp = format!(
        "{:016x}",
        fnv(format!("{fingerprint} {person:?}").as_bytes())
    );
    let stamp_path: PathBuf = opts.out.join(slug).join(STAMP);
    if !opts.force
        && std::fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp)
        && opts.out.join(slug).join("workbook.pdf").is_file()
    {
        return Outcome::UpToDate;
    }
    match render_person(project, opts, person, slug, &stamp) {
        Ok(()) => Outcome::Built,
        Err(e) => Outcome::Failed(format!("{e:#}")),
    }
}

/// The file that records what a person's outputs were built from.
pub(crate) const STAMP: &str = ".kintsugi-stamp";

fn render_person(
    project: &Project,
    opts: &BatchOptions,
    person: &Person,
    slug: &str,
    stamp: &str,
) -> Result<()> {
    let mut files = PersonalBuild::new(project, person, opts.paper)
        .files(opts.duplex)?
        .files;
    files.push(OutputFile {
        path: STAMP.into(),
        bytes: stamp.as_bytes().to_vec(),
    });
    // Each person is staged and swapped inside their own folder, so parallel
    // builds never touch each other's files.
    output::publish(&opts.out.join(slug), &files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_cover_everyone_once() {
        assert_eq!("2/4".parse::<Shard>(), Ok(Shard { index: 2, count: 4 }));
        assert!("0/4".parse::<Shard>().is_err());
        assert!("5/4".parse::<Shard>().is_err());
        let shards: Vec<Shard> = (1..=4).map(|k| Shard { index: k, count: 4 }).collect();
        for i in 0..1000 {
            let slug = format!("person-{i}");
            assert_eq!(
                shards.iter().filter(|s| s.holds(&slug)).count(),
                1,
                "{slug}"
            );
        }
    }
}
