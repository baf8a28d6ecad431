//! Batch: personal workbooks for a whole list of people, on every core.
//!
//! Takes a checked project and a people list; gives one folder per person
//! (`<out>/<slug>/workbook.pdf` and `worksheets/`). A bad record is reported
//! and skipped without touching the others; a person whose outputs are up to
//! date is skipped unless forced; `--shard K/N` builds a stable share.

use super::personal::PersonalBuild;
use crate::diag::Diagnostic;
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

/// What a batch did.
#[derive(Debug, Clone, Default)]
pub struct BatchReport {
    /// (slug or record, outcome), in list order.
    pub people: Vec<(String, Outcome)>,
    /// Records that could not be read or checked.
    pub bad_records: Vec<Diagnostic>,
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
            "{} people: {} built, {} already up to date, {} in other shards, {} failed",
            self.people.len() + self.bad_records.len(),
            self.count(|o| *o == Outcome::Built),
            self.count(|o| *o == Outcome::UpToDate),
            self.count(|o| *o == Outcome::Skipped),
            failed
        )
    }
}

/// Gives every person a unique folder name in list order: "alex", "alex-2", …
pub fn unique_slugs(people: &[Person]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
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
            seen.push(slug.clone());
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
    let mut report = BatchReport::default();
    let mut people = Vec::new();
    for record in records {
        match record
            .map_err(|d| vec![d])
            .and_then(|src| crate::validate::profile::validate_profile(&src, &project.program))
        {
            Ok(p) => people.push(p),
            Err(diags) => report.bad_records.extend(diags),
        }
    }
    let slugs = unique_slugs(&people);
    let fingerprint = format!(
        "kintsugi {} {:?} {:?} {}",
        env!("CARGO_PKG_VERSION"),
        project.program,
        opts.paper,
        opts.duplex
    );
    std::fs::create_dir_all(&opts.out)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", opts.out.display()))?;
    let outcomes: Vec<Outcome> = people
        .par_iter()
        .zip(slugs.par_iter())
        .map(|(person, slug)| {
            let outcome = build_one(project, opts, person, slug, &fingerprint);
            progress(slug, &outcome);
            outcome
        })
        .collect();
    report.people = slugs.into_iter().zip(outcomes).collect();
    Ok(report)
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
const STAMP: &str = ".kintsugi-stamp";

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
