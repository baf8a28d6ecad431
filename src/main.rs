//! The `kintsugi` binary: parses arguments, runs the library, prints errors, picks the exit code.
//!
//! Exit codes: 0 success, 1 the content has problems (each printed as
//! `file:line:column: error: message`), 2 any other failure (I/O, bad arguments).

use clap::Parser;
use kintsugi::cli::Format;
use kintsugi::cli::{Cli, Command};
use kintsugi::diag::{Diagnostics, Severity};
use std::process::ExitCode;

// Layout makes many small, short-lived allocations (lines, glyph runs);
// mimalloc serves them faster than the system allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    if !matches!(cli.command, Command::Serve { .. } | Command::Check { .. }) {
        // Ctrl-C, SIGTERM or SIGHUP in the middle of writing: finish the file or
        // swap in progress, remove the staging folders, leave the previous output.
        ctrlc::set_handler(|| kintsugi::output::on_interrupt())
            .map_err(|e| anyhow::anyhow!("cannot handle Ctrl-C: {e}"))?;
    }
    match cli.command {
        Command::Build {
            root,
            out,
            paper,
            duplex,
            profile,
            base_url,
        } => {
            let out = out.unwrap_or_else(|| root.join("output"));
            let report = kintsugi::build(&kintsugi::BuildOptions {
                root,
                out,
                paper,
                duplex,
                profile,
                base_url,
            })?;
            println!("{report}");
        }
        Command::Batch {
            people,
            out,
            root,
            paper,
            duplex,
            force,
            shard,
        } => {
            let project = kintsugi::check(&root)?;
            let opts = kintsugi::app::batch::BatchOptions {
                people,
                out,
                paper,
                duplex,
                force,
                shard,
            };
            let report = batch(&project, &opts)?;
            if !report.ok() {
                return Err(AlreadyReported.into());
            }
        }
        Command::Check { root, format } => return check(&root, format),
        Command::Serve {
            root,
            port,
            bind,
            paper,
            profile,
        } => {
            let addr = if bind.contains(':') {
                format!("[{bind}]:{port}")
            } else {
                format!("{bind}:{port}")
            };
            let has_profile = profile.is_some();
            let server = kintsugi::app::serve::Server::start(kintsugi::app::serve::ServeOptions {
                root,
                addr,
                paper,
                profile,
            })?;
            println!("serving http://{} (Ctrl-C to stop)", server.addr);
            println!("  workbook:  http://{}/downloads/workbook.pdf", server.addr);
            if has_profile {
                println!(
                    "  personal workbook: http://{}/__kintsugi/personal/workbook.pdf",
                    server.addr
                );
            }
            if let (_, Some(error)) = server.status() {
                eprintln!("{error}");
            }
            for r in server.rebuilds.iter() {
                match r.error {
                    Some(error) => eprintln!("{error}"),
                    None => println!("rebuilt {} in {:.0} ms", r.what, r.took.as_secs_f64() * 1e3),
                }
            }
        }
        Command::New { dir, minimal } => {
            let n = kintsugi::app::scaffold::new_project(&dir, minimal)?;
            println!(
                "created {} ({n} files). Next: kintsugi build --root {}",
                dir.display(),
                dir.display()
            );
        }
    }
    Ok(())
}

/// Something failed and was already reported in full (bad batch records, `check --format json`).
#[derive(Debug)]
struct AlreadyReported;

impl std::fmt::Display for AlreadyReported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "problems were reported above")
    }
}

impl std::error::Error for AlreadyReported {}

/// Runs a batch with a progress bar on a terminal, or a plain line per person otherwise.
fn batch(
    project: &kintsugi::model::Project,
    opts: &kintsugi::app::batch::BatchOptions,
) -> anyhow::Result<kintsugi::app::batch::BatchReport> {
    use kintsugi::app::batch::Outcome;
    use std::io::IsTerminal;
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} people · {per_sec} · {eta} left · {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let progress = |slug: &str, outcome: &Outcome| match &bar {
        Some(bar) => {
            bar.inc(1);
            if let Outcome::Failed(why) = outcome {
                bar.println(format!("{slug}: failed: {why}"));
            }
            bar.set_message(slug.to_string());
        }
        None => match outcome {
            Outcome::Built => eprintln!("{slug}: built"),
            Outcome::UpToDate => eprintln!("{slug}: up to date"),
            Outcome::Skipped => {}
            Outcome::Failed(why) => eprintln!("{slug}: failed: {why}"),
        },
    };
    if let Some(bar) = &bar {
        bar.set_length(
            kintsugi::load::people::read_people(&opts.people)
                .map(|r| r.len() as u64)
                .unwrap_or(0),
        );
    }
    let report = kintsugi::app::batch::run(project, opts, &progress)?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    for d in &report.bad_records {
        eprintln!("{d}");
    }
    println!("{report}");
    Ok(report)
}

/// `kintsugi check`: every error and warning, for people or (as JSON) for editors and CI.
fn check(root: &std::path::Path, format: Format) -> anyhow::Result<()> {
    let (project, diags) = match kintsugi::check(root) {
        Ok(project) => {
            let found = kintsugi::validate::review(&project);
            (Some(project), found)
        }
        Err(e) => match e.downcast::<Diagnostics>() {
            Ok(d) => (None, d.0),
            Err(e) => return Err(e),
        },
    };
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&diags)?),
        Format::Human => {
            for d in &diags {
                eprintln!("{d}\n");
            }
            let errors = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            let warnings = diags.len() - errors;
            match project.as_ref().filter(|_| errors == 0) {
                Some(p) => println!(
                    "ok: {} weeks, {} exercises, {} scripts, {} worksheets ({warnings} warning{})",
                    p.program.weeks.len(),
                    p.program.exercises.len(),
                    p.program.scripts.len(),
                    p.program.worksheets.len(),
                    if warnings == 1 { "" } else { "s" }
                ),
                None => eprintln!(
                    "{errors} error{}, {warnings} warning{}",
                    plural(errors),
                    plural(warnings)
                ),
            }
        }
    }
    let errors = diags.iter().any(|d| d.severity == Severity::Error);
    match project {
        Some(_) if !errors => Ok(()),
        _ => Err(AlreadyReported.into()),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn report(e: &anyhow::Error) -> ExitCode {
    if e.downcast_ref::<AlreadyReported>().is_some() {
        return ExitCode::from(1);
    }
    if let Some(d) = e.downcast_ref::<Diagnostics>() {
        eprintln!("{d}");
        return ExitCode::from(1);
    }
    eprintln!("error: {e}");
    for cause in e.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
    ExitCode::from(2)
}
