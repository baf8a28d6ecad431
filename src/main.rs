//! The `kintsugi` binary: parses arguments, runs the library, prints what it did or what went wrong, picks the exit code.
//!
//! Exit codes: 0 success, 1 the content has problems (each printed as
//! `file:line:column: error: message`), 2 any other failure (I/O, bad arguments).
//! A closed pipe (`kintsugi check | head`) is not a failure: output stops
//! quietly and the exit code is still the command's own.

use clap::Parser;
use kintsugi::app::batch::{BatchOptions, BatchReport, Outcome};
use kintsugi::cli::{Cli, Command, Format};
use kintsugi::diag::{count, summary, Diagnostics, Severity};
use std::process::ExitCode;

// Layout makes many small, short-lived allocations (lines, glyph runs);
// mimalloc serves them faster than the system allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Printing that never panics: a closed pipe or terminal stops the output, not the program.
mod say {
    use std::io::Write;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// Set once standard output can no longer be written.
    static OUT_CLOSED: AtomicBool = AtomicBool::new(false);
    static ERR_CLOSED: AtomicBool = AtomicBool::new(false);

    fn write(closed: &AtomicBool, w: &mut dyn Write, text: std::fmt::Arguments) {
        if closed.load(Ordering::Relaxed) {
            return;
        }
        if writeln!(w, "{text}").and_then(|_| w.flush()).is_err() {
            // A broken pipe, or a full disk behind a redirect: nothing more can be said.
            closed.store(true, Ordering::Relaxed);
        }
    }

    /// A line on standard output.
    pub fn out(text: std::fmt::Arguments) {
        write(&OUT_CLOSED, &mut std::io::stdout().lock(), text);
    }

    /// A line on standard error.
    pub fn err(text: std::fmt::Arguments) {
        write(&ERR_CLOSED, &mut std::io::stderr().lock(), text);
    }

    /// True once standard output is closed: whoever read it has stopped listening.
    pub fn out_closed() -> bool {
        OUT_CLOSED.load(Ordering::Relaxed)
    }
}

macro_rules! out {
    ($($t:tt)*) => { say::out(format_args!($($t)*)) };
}

macro_rules! err {
    ($($t:tt)*) => { say::err(format_args!($($t)*)) };
}

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
            flat,
            profile,
            base_url,
        } => {
            let out = out.unwrap_or_else(|| root.join("output"));
            let report = kintsugi::build(&kintsugi::BuildOptions {
                root,
                out,
                paper,
                duplex,
                flat,
                profile,
                base_url,
            })?;
            for note in &report.notes {
                err!("{note}\n");
            }
            out!("{report}");
        }
        Command::Batch {
            people,
            out,
            root,
            paper,
            duplex,
            flat,
            force,
            shard,
        } => {
            let mut project = kintsugi::check(&root)?;
            if flat {
                project.config.fillable = false;
            }
            let opts = BatchOptions {
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
        } => serve(root, port, bind, paper, profile)?,
        Command::Theme {
            action: kintsugi::cli::ThemeAction::Export { dir, force },
        } => {
            let n = kintsugi::app::theme::export(&dir, force)?;
            out!(
                "wrote {} into {}; edit them there, and remove any you do not change so it follows kintsugi's updates",
                count(n, "file", "files"),
                dir.join("templates").display()
            );
        }
        Command::New { dir, minimal } => {
            let n = kintsugi::app::scaffold::new_project(&dir, minimal)?;
            out!(
                "created {} ({}). Next: kintsugi build --root {}",
                dir.display(),
                count(n, "file", "files"),
                dir.display()
            );
        }
    }
    Ok(())
}

/// `kintsugi serve`: starts the server and reports each rebuild until stopped,
/// or until nobody reads what it prints.
fn serve(
    root: std::path::PathBuf,
    port: u16,
    bind: String,
    paper: Option<kintsugi::model::Paper>,
    profile: Option<std::path::PathBuf>,
) -> anyhow::Result<()> {
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
    out!("serving http://{} (Ctrl-C to stop)", server.addr);
    out!("  workbook:  http://{}/downloads/workbook.pdf", server.addr);
    if has_profile {
        out!(
            "  personal workbook: http://{}/__kintsugi/personal/workbook.pdf",
            server.addr
        );
    }
    if let (_, Some(error)) = server.status() {
        err!("{error}");
    }
    for r in server.rebuilds.iter() {
        match r.error {
            Some(error) => err!("{error}"),
            None => out!("rebuilt {} in {:.0} ms", r.what, r.took.as_secs_f64() * 1e3),
        }
        if say::out_closed() {
            break;
        }
    }
    server.stop();
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
fn batch(project: &kintsugi::model::Project, opts: &BatchOptions) -> anyhow::Result<BatchReport> {
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
            Outcome::Built => err!("{slug}: built"),
            Outcome::UpToDate => err!("{slug}: up to date"),
            Outcome::Skipped => {}
            Outcome::Failed(why) => err!("{slug}: failed: {why}"),
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
    for d in report.bad_records.iter().flat_map(|r| &r.problems) {
        err!("{d}\n");
    }
    for w in &report.warnings {
        err!("{w}\n");
    }
    for folder in &report.stale {
        err!(
            "warning: {} holds the outputs of someone no longer on the list; it was left as it is\n",
            folder.display()
        );
    }
    match &report.manifest {
        Ok(path) => out!("{report}\nmanifest: {}", path.display()),
        Err(why) => {
            out!("{report}");
            err!("warning: {why}");
        }
    }
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
    let errors = diags.iter().any(|d| d.severity == Severity::Error);
    match format {
        Format::Json => out!("{}", serde_json::to_string_pretty(&diags)?),
        Format::Human => {
            for d in &diags {
                err!("{d}\n");
            }
            match project.as_ref().filter(|_| !errors) {
                Some(p) => {
                    let p = &p.program;
                    out!(
                        "ok: {}, {}, {}, {} ({})",
                        count(p.weeks.len(), "week", "weeks"),
                        count(p.exercises.len(), "exercise", "exercises"),
                        count(p.scripts.len(), "script", "scripts"),
                        count(p.worksheets.len(), "worksheet", "worksheets"),
                        count(
                            diags
                                .iter()
                                .filter(|d| d.severity == Severity::Warning)
                                .count(),
                            "warning",
                            "warnings"
                        )
                    )
                }
                None => err!("{}", summary(&diags)),
            }
        }
    }
    match project {
        Some(_) if !errors => Ok(()),
        _ => Err(AlreadyReported.into()),
    }
}

fn report(e: &anyhow::Error) -> ExitCode {
    if e.downcast_ref::<AlreadyReported>().is_some() {
        return ExitCode::from(1);
    }
    if let Some(d) = e.downcast_ref::<Diagnostics>() {
        err!("{d}");
        return ExitCode::from(1);
    }
    err!("error: {e}");
    for cause in e.chain().skip(1) {
        err!("  caused by: {cause}");
    }
    ExitCode::from(2)
}
