//! Benchmark: build the guide site alone, for the default program and for
//! synthetic programs of about 80, 1,000 and 10,000 pages.
//!
//! Run with `cargo bench --bench site`. The PDFs the site links to are left
//! empty here: this measures templates, Markdown and writing the site's files.

mod synth;

use kintsugi::model::Paper;
use std::path::Path;
use std::time::Instant;

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn measure(name: &str, root: &Path) {
    let t = Instant::now();
    let project = kintsugi::check(root).unwrap_or_else(|e| panic!("{name}: {e:#}"));
    let loaded = t.elapsed();
    let t = Instant::now();
    let files = kintsugi::render::site::render_without_pdfs(&project, Paper::A4).expect("site");
    let rendered = t.elapsed();
    let out = tempfile::tempdir().expect("temp dir");
    let t = Instant::now();
    let outputs: Vec<kintsugi::output::OutputFile> = files
        .into_iter()
        .map(|f| kintsugi::output::OutputFile {
            path: f.path,
            bytes: f.bytes,
        })
        .collect();
    let pages = outputs
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "html"))
        .count();
    kintsugi::output::publish(out.path(), &outputs).expect("write");
    let written = t.elapsed();
    let total = loaded + rendered + written;
    println!(
        "{name:<24} {pages:>6} pages  load+check {:>7.1} ms  render {:>7.1} ms  write {:>7.1} ms  total {:>7.1} ms  {:>6.0} pages/s",
        loaded.as_secs_f64() * 1e3,
        rendered.as_secs_f64() * 1e3,
        written.as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3,
        pages as f64 / total.as_secs_f64()
    );
}

fn main() {
    measure("default program", Path::new(env!("CARGO_MANIFEST_DIR")));
    for (weeks, per_week) in [(6, 10), (40, 24), (50, 198)] {
        let dir = tempfile::tempdir().expect("temp dir");
        synth::write_program_with(dir.path(), weeks, 6, per_week).expect("synthetic program");
        measure(&format!("synthetic {weeks}×{per_week}"), dir.path());
    }
    if let Some(kb) = peak_rss_kb() {
        println!(
            "peak memory of the benchmark process: {:.1} MB",
            kb as f64 / 1024.0
        );
    }
}
