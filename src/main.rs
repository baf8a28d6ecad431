//! The `kintsugi` binary: parses arguments, runs the library, prints errors, picks the exit code.
//!
//! Exit codes: 0 success, 1 the content has problems (each printed as
//! `file:line:column: error: message`), 2 any other failure (I/O, bad arguments).

use clap::Parser;
use kintsugi::cli::{Cli, Command};
use kintsugi::diag::Diagnostics;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Build {
            root,
            out,
            paper,
            duplex,
            profile,
        } => {
            let out = out.unwrap_or_else(|| root.join("output"));
            let report = kintsugi::build(&kintsugi::BuildOptions {
                root,
                out,
                paper,
                duplex,
                profile,
            })?;
            println!("{report}");
        }
        Command::Check { root } => {
            let project = kintsugi::check(&root)?;
            let p = &project.program;
            println!(
                "ok: {} weeks, {} exercises, {} scripts, {} worksheets",
                p.weeks.len(),
                p.exercises.len(),
                p.scripts.len(),
                p.worksheets.len()
            );
        }
    }
    Ok(())
}

fn report(e: &anyhow::Error) -> ExitCode {
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
