//! `kintsugi serve`: pages come from the build, reload after edits, show errors
//! without stopping, build PDFs on request, and refuse paths outside the site.

mod common;

use common::Fixture;
use std::io::{Read, Write};
use std::time::{Duration, Instant};

/// A raw HTTP GET (the path is sent exactly as given): (status, body).
fn get(addr: std::net::SocketAddr, path: &str) -> (u16, Vec<u8>) {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    // HTTP/1.0, so the body comes whole rather than chunked.
    write!(s, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, raw[split + 4..].to_vec())
}

fn text(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    let (status, body) = get(addr, path);
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// Waits until the server's status satisfies `ok`, for up to ten seconds.
fn wait_for(
    server: &kintsugi::app::serve::Server,
    ok: impl Fn(u64, &Option<String>) -> bool,
) -> (u64, Option<String>) {
    let start = Instant::now();
    loop {
        let (v, e) = server.status();
        if ok(v, &e) {
            return (v, e);
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out; last status {v} {e:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A server for the fixture on a free port of this machine.
fn start(f: &Fixture) -> kintsugi::app::serve::Server {
    kintsugi::app::serve::Server::start(kintsugi::app::serve::ServeOptions {
        root: f.root().into(),
        addr: "127.0.0.1:0".into(),
        paper: None,
        profile: None,
    })
    .unwrap()
}

#[test]
fn serves_reloads_shows_errors_and_refuses_to_leave_the_site() {
    let f = Fixture::named("minimal");
    f.write("secret.txt", "not for the web");
    let server = start(&f);
    let addr = server.addr;
    assert!(addr.ip().is_loopback(), "listens on this machine only");

    let (status, home) = text(addr, "/");
    assert_eq!(status, 200);
    assert!(
        home.contains("A Minimal Program") && home.contains("/__kintsugi/live.js"),
        "pages carry the reload script"
    );
    assert_eq!(text(addr, "/weeks/week-1.html").0, 200);

    for evil in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/weeks/%2E%2E/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
    ] {
        let (status, body) = text(addr, evil);
        assert!(status == 403 || status == 404, "{evil}: {status}");
        assert!(!body.contains("not for the web"), "{evil} leaked a file");
    }

    // PDFs are built when asked for.
    let (status, pdf) = get(addr, "/downloads/workbook.pdf");
    assert_eq!(status, 200);
    assert!(
        pdf.starts_with(b"%PDF"),
        "{:?}",
        String::from_utf8_lossy(&pdf[..pdf.len().min(300)])
    );
    assert!(get(addr, "/downloads/worksheets/tracker.pdf")
        .1
        .starts_with(b"%PDF"));

    // An edit rebuilds the site.
    let (v0, _) = server.status();
    f.replace(
        "content/weeks/week-1.md",
        "The week's text.",
        "The week's text, edited.",
    );
    let (v1, _) = wait_for(&server, |v, e| v > v0 && e.is_none());
    assert!(text(addr, "/weeks/week-1.html")
        .1
        .contains("The week’s text, edited."));

    // A broken file shows as an error; the server keeps running; fixing it clears it.
    f.replace(
        "content/weeks/week-1.md",
        "exercises: [breathe]",
        "exercises: [breath]",
    );
    let (_, error) = wait_for(&server, |v, e| v > v1 && e.is_some());
    let error = error.unwrap();
    assert!(
        error.contains("content/weeks/week-1.md:7:13: error: no exercise has the id `breath`"),
        "{error}"
    );
    let (status, json) = text(addr, "/__kintsugi/status");
    assert_eq!(status, 200);
    assert!(
        json.contains("no exercise has the id"),
        "the overlay gets the same message as check: {json}"
    );
    assert_eq!(
        text(addr, "/index.html").0,
        200,
        "pages still load, with the overlay script"
    );
    f.replace(
        "content/weeks/week-1.md",
        "exercises: [breath]",
        "exercises: [breathe]",
    );
    wait_for(&server, |_, e| e.is_none());
    server.stop();
}

/// Every page and the search index as a full build in memory makes them.
fn full_build(root: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut project = kintsugi::check(root).unwrap();
    project.program = kintsugi::personalise::public(&project.program);
    let paper = project.config.paper;
    kintsugi::render::site::render_without_pdfs(&project, paper)
        .unwrap()
        .into_iter()
        .map(|f| (f.path.to_string_lossy().into_owned(), f.bytes))
        .collect()
}

/// A served page without the reload script `serve` adds.
fn served(addr: std::net::SocketAddr, path: &str) -> Vec<u8> {
    let (status, body) = get(addr, &format!("/{path}"));
    assert_eq!(status, 200, "{path}");
    let tag = "<script src=\"/__kintsugi/live.js\"></script>";
    String::from_utf8(body)
        .unwrap()
        .replacen(tag, "", 1)
        .into_bytes()
}

#[test]
fn an_edit_to_one_item_renders_its_page_alone_and_matches_a_full_build() {
    let f = Fixture::default_program();
    let server = start(&f);
    let addr = server.addr;
    // (file, from, to, the pages the server should say it rebuilt)
    let edits = [
        (
            "content/weeks/week-2.md",
            "## Why two minutes",
            "## Why only two minutes, {{ partner }}",
            "weeks/week-2.html",
        ),
        (
            "content/exercises/failure-portfolio.md",
            "Make a shared place for it",
            "Make a *shared* place for it",
            "exercises/failure-portfolio.html",
        ),
        (
            "content/worksheets/apology-card.yaml",
            "Small things we practised on",
            "Small things we have practised on",
            "worksheets/apology-card.html",
        ),
        // A title shows on other pages: the whole site is rebuilt.
        (
            "content/weeks/week-2.md",
            "title: Two-Minute Truths",
            "title: Two-Minute Truths, Told",
            "site (",
        ),
    ];
    for (file, from, to, expect) in edits {
        f.replace(file, from, to);
        let report = server
            .rebuilds
            .recv_timeout(Duration::from_secs(10))
            .expect("a rebuild after the edit");
        assert!(report.error.is_none(), "{:?}", report.error);
        assert!(
            report.what.starts_with(expect),
            "editing {file} rebuilt {} (expected {expect})",
            report.what
        );
        let full = full_build(f.root());
        for (path, bytes) in &full {
            if path.ends_with(".html") || path == "search-index.js" {
                assert!(
                    served(addr, path) == *bytes,
                    "after editing {file}, {path} differs from a full build"
                );
            }
        }
    }
    // The reader of the site never sees a raw placeholder.
    let week = String::from_utf8(served(addr, "weeks/week-2.html")).unwrap();
    assert!(
        week.contains("Why only two minutes, your partner"),
        "{week}"
    );
    server.stop();
}

#[test]
fn a_worksheet_that_does_not_fit_shows_in_the_overlay_and_its_pdf_link_explains() {
    let f = Fixture::named("minimal");
    let server = start(&f);
    let (v, e) = wait_for(&server, |v, _| v >= 1);
    assert!(e.is_none(), "{e:?}");
    let (status, _) = get(server.addr, "/downloads/worksheets/tracker.pdf");
    assert_eq!(status, 200);
    // Only the sheet's text changes, so the fast path sees it: it must lay it out.
    f.replace(
        "content/worksheets/tracker.yaml",
        "  - lines:\n      count: 2",
        "  - lines:\n      count: 40\n  - lines:\n      count: 40",
    );
    let (_, e) = wait_for(&server, |n, e| n > v && e.is_some());
    let e = e.unwrap();
    assert!(
        e.contains("content/worksheets/tracker.yaml") && e.contains("does not fit on one A4 page"),
        "{e}"
    );
    let (status, page) = text(server.addr, "/downloads/worksheets/tracker.pdf");
    assert_eq!(status, 503);
    assert!(
        page.contains("/__kintsugi/live.js"),
        "the page shows the overlay: {page}"
    );
    // The same from a cold start, where the whole project is checked.
    let again = start(&f);
    let (_, e) = wait_for(&again, |v, _| v >= 1);
    assert!(e.is_some_and(|e| e.contains("does not fit")));
    // Fixed: the overlay clears and the PDF is there again.
    f.replace(
        "content/worksheets/tracker.yaml",
        "count: 40\n  - lines:\n      count: 40",
        "count: 3",
    );
    let (v2, _) = server.status();
    wait_for(&server, |n, e| n > v2 && e.is_none());
    let (status, pdf) = get(server.addr, "/downloads/worksheets/tracker.pdf");
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF"));
    server.stop();
    again.stop();
}

#[test]
fn the_personal_preview_takes_paper_from_the_flag_then_the_profile_then_the_settings() {
    let f = Fixture::named("minimal");
    f.write(
        "profile.yaml",
        "name: Ana\nstart: 2026-12-07\npaper: letter\n",
    );
    let width = |paper: Option<kintsugi::model::Paper>| {
        let server = kintsugi::app::serve::Server::start(kintsugi::app::serve::ServeOptions {
            root: f.root().into(),
            addr: "127.0.0.1:0".into(),
            paper,
            profile: Some(f.root().join("profile.yaml")),
        })
        .unwrap();
        wait_for(&server, |v, _| v >= 1);
        let (status, pdf) = get(server.addr, "/__kintsugi/personal/workbook.pdf");
        assert_eq!(status, 200);
        server.stop();
        let path = f.root().join("preview.pdf");
        std::fs::write(&path, pdf).unwrap();
        common::Pdf::open(&path).page_size(1).0.round()
    };
    assert_eq!(
        width(Some(kintsugi::model::Paper::A4)),
        595.0,
        "--paper wins"
    );
    assert_eq!(width(None), 612.0, "then the profile's");
    f.write("profile.yaml", "name: Ana\nstart: 2026-12-07\n");
    assert_eq!(width(None), 595.0, "then kintsugi.yaml's");
}

#[test]
fn a_file_caught_half_written_by_a_save_never_shows_as_an_error() {
    let f = Fixture::named("minimal");
    let server = start(&f);
    let (mut v, e) = wait_for(&server, |v, _| v >= 1);
    assert!(e.is_none(), "{e:?}");
    let week = f.root().join("content/weeks/week-1.md");
    let whole = std::fs::read_to_string(&week).unwrap();
    for n in 0..3 {
        // An editor that truncates, then writes: for a moment the front matter has no end.
        std::fs::write(&week, "---\nweek: 1\ntitle: The on").unwrap();
        // Longer than the watcher gathers events for, shorter than a failed build waits.
        std::thread::sleep(Duration::from_millis(60));
        std::fs::write(
            &week,
            whole.replace("The week's text.", &format!("Saved {n}.")),
        )
        .unwrap();
        let seen = Instant::now();
        loop {
            let (now, e) = server.status();
            assert!(e.is_none(), "a half-written file showed as an error: {e:?}");
            let (_, page) = text(server.addr, "/weeks/week-1.html");
            if now > v && page.contains(&format!("Saved {n}.")) {
                v = now;
                break;
            }
            assert!(
                seen.elapsed() < Duration::from_secs(10),
                "the save never showed"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    // A real problem still shows, once the file has been still for a moment.
    std::fs::write(&week, "---\nweek: 1\ntitle: The on").unwrap();
    let (_, e) = wait_for(&server, |_, e| e.is_some());
    assert!(e.unwrap().contains("week-1.md"));
}

/// A browser opens several connections at once when a page loads (styles,
/// scripts, the live-reload poll) and keeps them open afterwards. Every new
/// connection must be answered while the earlier ones stay open and a page's
/// status request is held waiting for the next rebuild.
#[test]
fn connections_that_open_together_are_all_answered_while_others_stay_open() {
    let f = Fixture::named("minimal");
    let server = start(&f);
    let addr = server.addr;
    let (version, _) = server.status();
    // A page waiting for the next rebuild, as every open tab does.
    let mut waiting = std::net::TcpStream::connect(addr).unwrap();
    write!(
        waiting,
        "GET /__kintsugi/status?wait={version} HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut open = Vec::new();
    for round in 0..25 {
        let together = 6;
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(together));
        let handles: Vec<_> = (0..together)
            .map(|_| {
                let barrier = barrier.clone();
                std::thread::spawn(move || {
                    barrier.wait();
                    let mut s = std::net::TcpStream::connect(addr).unwrap();
                    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                    // HTTP/1.1 without `Connection: close`: the connection stays open after the answer.
                    write!(s, "GET /style.css HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
                    let mut head = [0u8; 12];
                    let answered = s.read_exact(&mut head).is_ok();
                    (
                        s,
                        answered.then(|| String::from_utf8_lossy(&head).into_owned()),
                    )
                })
            })
            .collect();
        for h in handles {
            let (s, head) = h.join().unwrap();
            assert_eq!(
                head.as_deref(),
                Some("HTTP/1.1 200"),
                "round {round}: a new connection was not answered within 10 s while {} others stayed open",
                open.len()
            );
            open.push(s);
        }
    }
    server.stop();
}
