//! Benchmark: from saving a week's file to its rebuilt page being served by
//! `kintsugi serve`, for the default program and a synthetic program of about
//! 10,000 pages.
//!
//! Run with `cargo bench --bench serve` (`-- --quick` for a short run). Each
//! round appends a new sentence to a week's text, saves the file, and asks the
//! server for the week's page over HTTP until the sentence is there. The time
//! includes the file watcher, the 20 ms quiet period that gathers an editor's
//! several events for one save, reading and checking the file, rendering and
//! the HTTP request.

mod synth;

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

fn get(addr: SocketAddr, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    write!(s, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    String::from_utf8_lossy(&raw).into_owned()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn measure(name: &str, root: &Path, week: u32, rounds: usize) {
    let t = Instant::now();
    let server = kintsugi::app::serve::Server::start(kintsugi::app::serve::ServeOptions {
        root: root.to_path_buf(),
        addr: "127.0.0.1:0".into(),
        paper: None,
        profile: None,
    })
    .expect("serve");
    let first = t.elapsed();
    let pages = get(server.addr, "/sitemap.xml").matches("<loc>").count();
    let file = root.join(format!("content/weeks/week-{week}.md"));
    let page = format!("/weeks/week-{week}.html");
    let mut text = std::fs::read_to_string(&file).expect("week file");
    let (mut total, mut rebuild) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let marker = format!("Edited in round {round} of the benchmark.");
        text.push_str(&format!("\n{marker}\n"));
        let t = Instant::now();
        std::fs::write(&file, &text).expect("save");
        loop {
            if get(server.addr, &page).contains(&marker) {
                break;
            }
            assert!(
                t.elapsed() < Duration::from_secs(20),
                "the edit never showed"
            );
            std::thread::sleep(Duration::from_micros(500));
        }
        total.push(t.elapsed().as_secs_f64() * 1e3);
        let report = server
            .rebuilds
            .recv_timeout(Duration::from_secs(5))
            .expect("a report");
        assert!(
            report.what.starts_with("weeks/"),
            "a full rebuild: {}",
            report.what
        );
        rebuild.push(report.took.as_secs_f64() * 1e3);
        // Let the watcher settle so rounds do not overlap.
        std::thread::sleep(Duration::from_millis(50));
        while server.rebuilds.try_recv().is_ok() {}
    }
    total.sort_by(f64::total_cmp);
    rebuild.sort_by(f64::total_cmp);
    println!(
        "{name:<22} {pages:>6} pages  first build {:>7.1} ms  save→served median {:>5.1} ms  p90 {:>5.1} ms  (of which 20 ms quiet period; event→served median {:>5.1} ms)",
        first.as_secs_f64() * 1e3,
        percentile(&total, 0.5),
        percentile(&total, 0.9),
        percentile(&rebuild, 0.5),
    );
    server.stop();
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let rounds = if quick { 5 } else { 30 };
    let dir = tempfile::tempdir().expect("temp dir");
    synth::copy_default_program(dir.path()).expect("a copy of the default program");
    measure("default program", dir.path(), 2, rounds);
    let big = tempfile::tempdir().expect("temp dir");
    synth::write_program_with(big.path(), 50, 6, 198).expect("synthetic program");
    measure("synthetic 50×198", big.path(), 25, rounds);
}
