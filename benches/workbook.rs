//! Benchmark: lay out and write the default workbook and a ~300-page synthetic one.
//!
//! Run with `cargo bench --bench workbook`. Prints the median time of each,
//! pages per second, the PDF size, and the process's peak memory. A plain
//! harness keeps criterion out of the test build; medians over a fixed number
//! of runs are enough to compare changes on one machine.

mod synth;

use kintsugi::model::Paper;
use kintsugi::render::workbook::Options;
use std::path::Path;
use std::time::{Duration, Instant};

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn measure(name: &str, root: &Path, runs: usize) {
    let project = kintsugi::check(root).unwrap_or_else(|e| panic!("{name}: {e:#}"));
    let opts = Options {
        paper: Paper::A4,
        duplex: false,
    };
    let mut times: Vec<Duration> = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let pdf = kintsugi::render::workbook_pdf(&project, opts, None).expect("workbook");
        times.push(t.elapsed());
        last = Some(pdf);
    }
    // The first run shapes every word; later runs find them in the per-thread cache.
    let first = times[0];
    times.sort();
    let median = times[runs / 2];
    let pdf = last.expect("at least one run");
    println!(
        "{name:<22} {:>4} pages  first {:>7.1} ms  median {:>7.1} ms  {:>5.0} pages/s  {:>5.0} KB  (min {:.1}, max {:.1}, {runs} runs)",
        pdf.pages,
        first.as_secs_f64() * 1000.0,
        median.as_secs_f64() * 1000.0,
        pdf.pages as f64 / median.as_secs_f64(),
        pdf.bytes.len() as f64 / 1024.0,
        times[0].as_secs_f64() * 1000.0,
        times[runs - 1].as_secs_f64() * 1000.0,
    );
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let runs = if quick { 3 } else { 15 };
    measure(
        "default workbook",
        Path::new(env!("CARGO_MANIFEST_DIR")),
        runs,
    );
    for (weeks, paragraphs) in [(12, 18), (50, 18)] {
        let dir = tempfile::tempdir().expect("temp dir");
        synth::write_program(dir.path(), weeks, paragraphs).expect("synthetic program");
        measure(&format!("synthetic {weeks} weeks"), dir.path(), runs.min(7));
    }
    if let Some(kb) = peak_rss_kb() {
        println!(
            "peak memory of the whole benchmark process: {:.1} MB",
            kb as f64 / 1024.0
        );
    }
}
