//! Writes synthetic programs of the default program's shape and any size, for benchmarks.

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

/// One block of a week's body text.
pub enum Block {
    Heading(String),
    Para(String),
    List(Vec<String>),
}

/// An exercise of the synthetic program.
pub struct Exercise {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub role: String,
    pub steps: [String; 2],
    pub body: [String; 2],
}

/// A week with its exercises and script.
pub struct Week {
    pub n: u32,
    pub title: String,
    pub focus: String,
    pub tasks: [String; 2],
    pub body: Vec<Block>,
    pub exercises: Vec<Exercise>,
    pub script_summary: String,
    pub phrases: [String; 2],
    pub script_body: String,
}

/// The whole synthetic program, written out for kintsugi by [`write_kintsugi`]
/// and for its peers by the `write_*` functions of the `peers` module.
pub struct Program {
    pub summary: String,
    pub intro: Vec<String>,
    pub weeks: Vec<Week>,
    pub faq_answer: String,
    pub rows: Vec<[String; 3]>,
}

/// Makes a program with `weeks` weeks, each with `paragraphs` paragraphs of
/// body text, `exercises` exercises and one script. The same arguments give
/// the same text on every run.
pub fn generate(weeks: u32, paragraphs: usize, exercises: u32) -> Program {
    let mut w = Words(0x9e37_79b9_7f4a_7c15);
    let intro: Vec<String> = (0..paragraphs).map(|_| w.paragraph()).collect();
    let summary = w.sentence(20);
    let mut all = Vec::new();
    for n in 1..=weeks {
        let mut body = Vec::new();
        for p in 0..paragraphs {
            if p % 4 == 0 {
                body.push(Block::Heading(
                    w.sentence(4).trim_end_matches('.').to_string(),
                ));
            }
            let mut para = w.paragraph();
            if p == 0 {
                // Each week speaks to the couple by name when personalised.
                para = format!("{{{{ name }}}} and {{{{ partner }}}}: {para}");
            }
            body.push(Block::Para(para));
            if p % 5 == 2 {
                body.push(Block::List((0..3).map(|_| w.sentence(12)).collect()));
            }
        }
        let focus = w.sentence(14);
        let tasks = [w.sentence(16), w.sentence(16)];
        let exs = (1..=exercises)
            .map(|k| Exercise {
                id: format!("exercise-{n}-{k}"),
                title: format!("Exercise {n}.{k}"),
                summary: w.sentence(10),
                role: w.sentence(10),
                steps: [w.sentence(9), w.sentence(9)],
                body: [w.paragraph(), w.paragraph()],
            })
            .collect();
        all.push(Week {
            n,
            title: format!("Week title {n}"),
            focus,
            tasks,
            body,
            exercises: exs,
            script_summary: w.sentence(10),
            phrases: [w.sentence(8), w.sentence(8)],
            script_body: w.paragraph(),
        });
    }
    let faq_answer = w.paragraph();
    let rows = (0..40)
        .map(|i| [format!("Row {i}"), w.sentence(6), w.sentence(9)])
        .collect();
    Program {
        summary,
        intro,
        weeks: all,
        faq_answer,
        rows,
    }
}

impl Block {
    /// The block as Markdown, ending with a blank line.
    pub fn markdown(&self) -> String {
        match self {
            Block::Heading(h) => format!("## {h}\n\n"),
            Block::Para(p) => format!("{p}\n\n"),
            Block::List(items) => {
                let mut s: String = items.iter().map(|i| format!("- {i}\n")).collect();
                s.push('\n');
                s
            }
        }
    }
}

/// Writes a program with `weeks` weeks, each with `paragraphs` paragraphs of body text,
/// one exercise and one script, into `dir`.
#[allow(dead_code)]
pub fn write_program(dir: &Path, weeks: u32, paragraphs: usize) -> std::io::Result<()> {
    write_program_with(dir, weeks, paragraphs, 1)
}

/// As [`write_program`], with `exercises` exercises per week (each its own site page).
#[allow(dead_code)]
pub fn write_program_with(
    dir: &Path,
    weeks: u32,
    paragraphs: usize,
    exercises: u32,
) -> std::io::Result<()> {
    write_kintsugi(&generate(weeks, paragraphs, exercises), dir)
}

/// Writes `program` as a kintsugi project in `dir`.
pub fn write_kintsugi(program: &Program, dir: &Path) -> std::io::Result<()> {
    let c = dir.join("content");
    for sub in ["weeks", "exercises", "scripts", "tables", "worksheets"] {
        std::fs::create_dir_all(c.join(sub))?;
    }
    std::fs::write(
        dir.join("kintsugi.yaml"),
        "title: Synthetic\nlanguage: en\nbase_url: /\npaper: a4\n",
    )?;
    let intro: String = program.intro.iter().map(|p| format!("{p}\n\n")).collect();
    std::fs::write(
        c.join("program.md"),
        format!(
            "---\ntitle: A Synthetic Program\naudience: Benchmarks.\nsummary: {}\nweeks: {}\n---\n\n{intro}",
            program.summary,
            program.weeks.len()
        ),
    )?;
    for week in &program.weeks {
        let n = week.n;
        let body: String = week.body.iter().map(Block::markdown).collect();
        let ex_ids = week
            .exercises
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let text = format!(
            "---\nweek: {n}\ntitle: {}\nfocus: {}\ntasks:\n  - {}\n  - {}\nexercises: [{ex_ids}]\nscripts: [script-{n}]\nworksheets: [sheet]\n---\n\n{body}",
            week.title, week.focus, week.tasks[0], week.tasks[1]
        );
        std::fs::write(c.join(format!("weeks/week-{n}.md")), text)?;
        for e in &week.exercises {
            let ex = format!(
                "---\nid: {}\ntitle: {}\nminutes: 10\nsummary: {}\nroles:\n  - who: Partner A\n    does: {}\nsteps:\n  - {}\n  - {}\n---\n\n{}\n\n{}\n",
                e.id, e.title, e.summary, e.role, e.steps[0], e.steps[1], e.body[0], e.body[1]
            );
            std::fs::write(c.join(format!("exercises/{}.md", e.id)), ex)?;
        }
        let sc = format!(
            "---\nid: script-{n}\ntitle: Script {n}\nsummary: {}\nphrases:\n  - \"{}\"\n  - \"{}\"\n---\n\n{}\n",
            week.script_summary, week.phrases[0], week.phrases[1], week.script_body
        );
        std::fs::write(c.join(format!("scripts/script-{n}.md")), sc)?;
    }
    std::fs::write(c.join("rituals.yaml"), "default: r\nrituals:\n  - id: r\n    title: Check-in\n    minutes: 2\n    description: Talk.\n")?;
    std::fs::write(
        c.join("faq.yaml"),
        format!(
            "title: Questions\nquestions:\n  - id: q\n    question: Why?\n    answer: {}\n",
            program.faq_answer
        ),
    )?;
    let rows: String = program
        .rows
        .iter()
        .map(|r| format!("  - [{}, {}, {}]\n", r[0], r[1], r[2]))
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
