//! Load test of `kintsugi serve`: many clients request pages, assets and PDFs
//! for a fixed time while a week's file is edited every 100 ms (alternately
//! its text, which renders one page, and its title, which rebuilds the site).
//! Counts requests and errors and samples the server's memory.
//!
//! `cargo bench --bench serve_load -- [--seconds N] [--clients N]`
//! (30 s and 8 clients by default; .ci/run runs it for 5 s). Fails (exit 1)
//! on any error or when memory at the end is more than 1.5 times what it was
//! after the first fifth of the run.

#[allow(dead_code)]
mod synth;

use std::io::{BufRead, Read, Write};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const PATHS: [&str; 10] = [
    "/",
    "/plan.html",
    "/weeks/week-2.html",
    "/weeks/week-5.html",
    "/exercises/two-minute-truth.html",
    "/worksheets/index.html",
    "/style.css",
    "/search-index.js",
    "/__kintsugi/status",
    "/downloads/worksheets/weekly-tracker.pdf",
];

/// One GET; Ok when the answer is a 200 with a body.
fn get(addr: SocketAddr, path: &str) -> Result<(), String> {
    let mut s = std::net::TcpStream::connect(addr).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    let head_end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no complete answer")?;
    let status = String::from_utf8_lossy(&raw[..head_end])
        .split(' ')
        .nth(1)
        .unwrap_or("")
        .to_string();
    if status != "200" || raw.len() <= head_end + 4 {
        return Err(format!("{path}: HTTP {status}"));
    }
    Ok(())
}

fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let seconds = arg("--seconds", 30);
    let clients = arg("--clients", 8);
    let dir = tempfile::tempdir().expect("temp dir");
    synth::copy_default_program(dir.path()).expect("a copy of the default program");

    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_kintsugi"))
        .args(["serve", "--port", "0", "--root"])
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("kintsugi serve");
    let mut lines = std::io::BufReader::new(server.stdout.take().expect("stdout")).lines();
    let addr: SocketAddr = loop {
        let line = lines
            .next()
            .expect("serve printed its address")
            .expect("a line");
        if let Some(rest) = line.strip_prefix("serving http://") {
            break rest
                .split_whitespace()
                .next()
                .expect("address")
                .parse()
                .expect("an address");
        }
    };
    // Keep reading what serve prints, so it never blocks on a full pipe.
    let rebuilds = Arc::new(AtomicU64::new(0));
    let r = rebuilds.clone();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            if line.starts_with("rebuilt") {
                r.fetch_add(1, Ordering::Relaxed);
            }
        }
    });

    let stop = Arc::new(AtomicBool::new(false));
    let (ok, errors) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let mut handles = Vec::new();
    for c in 0..clients {
        let (stop, ok, errors) = (stop.clone(), ok.clone(), errors.clone());
        handles.push(std::thread::spawn(move || {
            let mut i = c as usize;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                match get(addr, PATHS[i % PATHS.len()]) {
                    Ok(()) => ok.fetch_add(1, Ordering::Relaxed),
                    Err(e) => {
                        eprintln!("error: {e}");
                        errors.fetch_add(1, Ordering::Relaxed)
                    }
                };
            }
        }));
    }
    let week = dir.path().join("content/weeks/week-2.md");
    let original = std::fs::read_to_string(&week).expect("week 2");
    let start = Instant::now();
    let (mut samples, mut edits) = (Vec::new(), 0u64);
    while start.elapsed() < Duration::from_secs(seconds) {
        let text = if edits % 2 == 0 {
            format!("{original}\nEdit number {edits}.\n")
        } else {
            original.replacen("title: ", &format!("title: ({edits}) "), 1)
        };
        std::fs::write(&week, text).expect("edit");
        edits += 1;
        std::thread::sleep(Duration::from_millis(100));
        samples.push(rss_kb(server.id()));
    }
    stop.store(true, Ordering::Relaxed);
    for h in handles {
        let _ = h.join();
    }
    let _ = server.kill();
    let _ = server.wait();
    let (ok, errors) = (ok.load(Ordering::Relaxed), errors.load(Ordering::Relaxed));
    let warm = samples[samples.len() / 5].max(1);
    let last = *samples.last().unwrap_or(&0);
    let peak = samples.iter().copied().max().unwrap_or(0);
    println!(
        "{seconds} s, {clients} clients: {} requests ({:.0}/s), {errors} errors; {edits} edits, {} rebuilds; memory after the first fifth {:.1} MB, at the end {:.1} MB, peak {:.1} MB",
        ok + errors,
        (ok + errors) as f64 / start.elapsed().as_secs_f64(),
        rebuilds.load(Ordering::Relaxed),
        warm as f64 / 1024.0,
        last as f64 / 1024.0,
        peak as f64 / 1024.0
    );
    if errors > 0 || last as f64 > warm as f64 * 1.5 {
        eprintln!("FAIL: errors, or memory grew");
        std::process::exit(1);
    }
}
