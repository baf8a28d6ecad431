//! The command line, declared with clap's derive API.

use crate::model::Paper;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// kintsugi builds a guided program into a PDF workbook, fridge worksheets and a guide site.
#[derive(Debug, Parser)]
#[command(name = "kintsugi", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// How `check` prints what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `file:line:column: error: message`, the source line and a hint.
    Human,
    /// A JSON array of {file, line, column, message, hint, severity}.
    Json,
}

/// What to do with the theme.
#[derive(Debug, Subcommand)]
pub enum ThemeAction {
    /// Write the built-in templates and stylesheet into DIR/templates/, where a project's own override the built-in ones.
    Export {
        /// The project folder (or any folder): the files go into its templates/ folder.
        dir: PathBuf,
        /// Replace files that are there already.
        #[arg(long)]
        force: bool,
    },
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the content and build the site, the workbook and the worksheets.
    Build {
        /// The project folder (holding kintsugi.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the results [default: <root>/output].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Paper size for the PDFs [default: from kintsugi.yaml].
        #[arg(long, value_enum)]
        paper: Option<Paper>,
        /// Start every workbook chapter on a right-hand page, for double-sided printing.
        #[arg(long)]
        duplex: bool,
        /// PDFs without form fields (flat files for a print shop), whatever kintsugi.yaml says.
        #[arg(long)]
        flat: bool,
        /// Where the site will be published (https://example.org/guide/ or /guide/), overriding kintsugi.yaml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Build one person's workbook and worksheets into <out>/personal/<name>/ from this profile.
        #[arg(long, value_name = "PROFILE.yaml")]
        profile: Option<PathBuf>,
    },
    /// Build a personal workbook and worksheets for everyone in a people list.
    Batch {
        /// The people: a YAML list of profiles, or a CSV whose header row names the same keys.
        people: PathBuf,
        /// Where each person's folder goes.
        #[arg(long)]
        out: PathBuf,
        /// The project folder (holding kintsugi.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Paper size for everyone [default: each profile's, else kintsugi.yaml's].
        #[arg(long, value_enum)]
        paper: Option<Paper>,
        /// Start every workbook chapter on a right-hand page.
        #[arg(long)]
        duplex: bool,
        /// PDFs without form fields (flat files for a print shop), whatever kintsugi.yaml says.
        #[arg(long)]
        flat: bool,
        /// Rebuild people whose outputs are already up to date.
        #[arg(long)]
        force: bool,
        /// Build only shard K of N (e.g. 2/4): a stable share with no overlap between shards.
        #[arg(long, value_name = "K/N")]
        shard: Option<crate::app::batch::Shard>,
    },
    /// Build the site into memory and serve it, rebuilding and reloading pages as you edit.
    Serve {
        /// The project folder (holding kintsugi.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; only this machine can connect unless you change it.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Paper size for the PDFs [default: from kintsugi.yaml].
        #[arg(long, value_enum)]
        paper: Option<Paper>,
        /// Also preview this profile's workbook at /__kintsugi/personal/workbook.pdf.
        #[arg(long, value_name = "PROFILE.yaml")]
        profile: Option<PathBuf>,
    },
    /// Start a new program in DIR: the default one, or a small two-week one to rewrite with --minimal.
    New {
        /// A folder that does not exist yet, or is empty.
        dir: PathBuf,
        /// A small two-week program with one item of each kind, instead of the full default program.
        #[arg(long)]
        minimal: bool,
    },
    /// The site's theme: its templates and stylesheet.
    Theme {
        #[command(subcommand)]
        action: ThemeAction,
    },
    /// Check the content and report every problem, without writing anything.
    Check {
        /// The project folder (holding kintsugi.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print problems: for people, or JSON for editors and CI.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
}
