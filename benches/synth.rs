//! Writes synthetic programs of the default program's shape and any size, for benchmarks.

use std::fmt::Write as _;
use std::path::Path;

const WORDS: &[&str] = &[
    "practice",
    "honest",
    "closeness",
    "together",
    "small",
    "steady",
    "ritual",
    "listen",
    "repair",
    "partner",
    "moment",
    "evening",
    "kindness",
    "imperfect",
    "mending",
    "gold",
    "careful",
    "shared",
    "question",
    "answer",
    "pause",
    "return",
    "gentle",
    "notice",
    "week",
    "agreement",
    "boundary",
    "gratitude",
    "failure",
    "portfolio",
    "understanding",
    "responsibility",
    "vulnerability",
    "the",
    "and",
    "of",
    "to",
    "a",
    "in",
    "with",
    "when",
    "you",
    "your",
    "both",
    "each",
    "other",
    "what",
    "how",
    "because",
    "without",
];

/// Deterministic pseudo-random words, so every run writes the same program.
struct Words(u64);

impl Words {
    fn next(&mut self) -> &'static str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        WORDS[(self.0 % WORDS.len() as u64) as usize]
    }

    fn sentence(&mut self, n: usize) -> String {
        let mut s: String = (0..n).map(|_| self.next()).collect::<Vec<_>>().join(" ");
        s[..1].make_ascii_uppercase();
        s.push('.');
        s
    }

    fn paragraph(&mut self) -> String {
        (0..6)
            .map(|i| self.sentence(8 + i * 3 % 11))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Writes a program with `weeks` weeks, each with `paragraphs` paragraphs of body text,
/// one exercise and one script, into `dir`.
#[allow(dead_code)]
pub fn write_program(dir: &Path, weeks: u32, paragraphs: usize) -> std::io::Result<()> {
    write_program_with(dir, weeks, paragraphs, 1)
}

/// As [`write_program`], with `exercises` exercises per week (each its own site page).
pub fn write_program_with(
    dir: &Path,
    weeks: u32,
    paragraphs: usize,
    exercises: u32,
) -> std::io::Result<()> {
    let c = dir.join("content");
    for sub in ["weeks", "exercises", "scripts", "tables", "worksheets"] {
        std::fs::create_dir_all(c.join(sub))?;
    }
    let mut w = Words(0x9e37_79b9_7f4a_7c15);
    std::fs::write(
        dir.join("kintsugi.yaml"),
        "title: Synthetic\nlanguage: en\nbase_url: /\npaper: a4\n",
    )?;
    let intro: String = (0..paragraphs).map(|_| w.paragraph() + "\n\n").collect();
    std::fs::write(
        c.join("program.md"),
        format!("---\ntitle: A Synthetic Program\naudience: Benchmarks.\nsummary: {}\nweeks: {weeks}\n---\n\n{intro}", w.sentence(20)),
    )?;
    for n in 1..=weeks {
        let mut body = String::new();
        for p in 0..paragraphs {
            if p % 4 == 0 {
                let _ = writeln!(body, "## {}\n", w.sentence(4).trim_end_matches('.'));
            }
            let _ = writeln!(body, "{}\n", w.paragraph());
            if p % 5 == 2 {
                for _ in 0..3 {
                    let _ = writeln!(body, "- {}", w.sentence(12));
                }
                body.push('\n');
            }
        }
        let ex_ids = (1..=exercises)
            .map(|k| format!("exercise-{n}-{k}"))
            .collect::<Vec<_>>()
            .join(", ");
        let week = format!(
            "---\nweek: {n}\ntitle: Week title {n}\nfocus: {}\ntasks:\n  - {}\n  - {}\nexercises: [{ex_ids}]\nscripts: [script-{n}]\nworksheets: [sheet]\n---\n\n{body}",
            w.sentence(14),
            w.sentence(16),
            w.sentence(16)
        );
        std::fs::write(c.join(format!("weeks/week-{n}.md")), week)?;
        for k in 1..=exercises {
            let ex = format!(
            "---\nid: exercise-{n}-{k}\ntitle: Exercise {n}.{k}\nminutes: 10\nsummary: {}\nroles:\n  - who: Partner A\n    does: {}\nsteps:\n  - {}\n  - {}\n---\n\n{}\n\n{}\n",
            w.sentence(10),
            w.sentence(10),
            w.sentence(9),
            w.sentence(9),
            w.paragraph(),
            w.paragraph()
        );
            std::fs::write(c.join(format!("exercises/exercise-{n}-{k}.md")), ex)?;
        }
        let sc = format!(
            "---\nid: script-{n}\ntitle: Script {n}\nsummary: {}\nphrases:\n  - \"{}\"\n  - \"{}\"\n---\n\n{}\n",
            w.sentence(10),
            w.sentence(8),
            w.sentence(8),
            w.paragraph()
        );
        std::fs::write(c.join(format!("scripts/script-{n}.md")), sc)?;
    }
    std::fs::write(c.join("rituals.yaml"), "default: r\nrituals:\n  - id: r\n    title: Check-in\n    minutes: 2\n    description: Talk.\n")?;
    std::fs::write(
        c.join("faq.yaml"),
        format!(
            "title: Questions\nquestions:\n  - id: q\n    question: Why?\n    answer: {}\n",
            w.paragraph()
        ),
    )?;
    let rows: String = (0..40)
        .map(|i| format!("  - [Row {i}, {}, {}]\n", w.sentence(6), w.sentence(9)))
        .collect();
    std::fs::write(
        c.join("tables/t.yaml"),
        format!("id: t\ntitle: A long table\ncolumns: [Name, When, Example]\nrows:\n{rows}"),
    )?;
    std::fs::write(
        c.join("worksheets/sheet.yaml"),
        "id: sheet\ntitle: Tracker\nblocks:\n  - lines:\n      count: 3\n",
    )?;
    Ok(())
}

/// A copy of the default program (kintsugi.yaml and content/) in `to`, for
/// benchmarks that edit it.
#[allow(dead_code)]
pub fn copy_default_program(to: &Path) -> std::io::Result<()> {
    fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(to)?;
        for e in std::fs::read_dir(from)? {
            let e = e?;
            if e.file_type()?.is_dir() {
                copy_dir(&e.path(), &to.join(e.file_name()))?;
            } else {
                std::fs::copy(e.path(), to.join(e.file_name()))?;
            }
        }
        Ok(())
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("kintsugi.yaml"), to.join("kintsugi.yaml"))?;
    copy_dir(&repo.join("content"), &to.join("content"))
}
