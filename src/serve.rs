//! `kintsugi serve`: builds the site into memory, serves it on 127.0.0.1,
//! watches the project and reloads open pages when it changes.
//!
//! The site is rebuilt on every change (it takes milliseconds); the workbook
//! and worksheets are rebuilt only when a page asks for one. A content error
//! never stops the server: pages show it in an overlay, with the same message
//! as `kintsugi check`, until the file is fixed. Files are served only from
//! the build in memory, so no request can reach outside the site.

use crate::config::Paper;
use crate::model::Project;
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What `serve` needs to know.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// Address to listen on, e.g. 127.0.0.1:1111 (port 0 picks a free one).
    pub addr: String,
    pub paper: Option<Paper>,
    /// A profile to preview the personal workbook of, at /__kintsugi/personal/workbook.pdf.
    pub profile: Option<PathBuf>,
}

/// The current build, shared by the server and the watcher.
#[derive(Default)]
struct State {
    /// Bumped on every rebuild, so pages know to reload.
    version: u64,
    /// The last build's error, shown in an overlay; None when the content is fine.
    error: Option<String>,
    /// The checked project, when the content is fine.
    project: Option<Project>,
    /// Site files by path.
    files: HashMap<String, Vec<u8>>,
    /// PDFs built on request since the last change.
    pdfs: HashMap<String, Vec<u8>>,
}

/// A running server.
pub struct Server {
    /// Where it listens.
    pub addr: std::net::SocketAddr,
    state: Arc<Mutex<State>>,
    http: Arc<tiny_http::Server>,
    _watcher: notify::RecommendedWatcher,
}

/// Builds the site into memory (or records the error).
fn rebuild(root: &Path, paper: Option<Paper>, state: &Mutex<State>) {
    let result = (|| -> Result<(Project, Vec<crate::render::site::SiteFile>)> {
        let mut project = crate::check(root)?;
        project.program = crate::personalise::public(&project.program);
        let paper = paper.unwrap_or(project.config.paper);
        // Downloads are built when asked for; the site only needs their names here.
        let files = crate::render::site::render_without_pdfs(&project, paper)?;
        Ok((project, files))
    })();
    let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
    s.version += 1;
    s.pdfs.clear();
    match result {
        Ok((project, files)) => {
            s.error = None;
            s.project = Some(project);
            s.files = files
                .into_iter()
                .map(|f| (f.path.to_string_lossy().replace('\\', "/"), f.bytes))
                .collect();
        }
        Err(e) => s.error = Some(format!("{e:#}")),
    }
}

impl Server {
    /// Builds, starts watching and starts listening; requests are handled on a background thread.
    pub fn start(opts: ServeOptions) -> Result<Server> {
        let state = Arc::new(Mutex::new(State::default()));
        rebuild(&opts.root, opts.paper, &state);
        let http = Arc::new(
            tiny_http::Server::http(&opts.addr)
                .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", opts.addr))?,
        );
        let addr = http
            .server_addr()
            .to_ip()
            .context("the server has no IP address")?;
        let watcher = watch(&opts, state.clone())?;
        for _ in 0..2 {
            let (http, state, opts) = (http.clone(), state.clone(), opts.clone());
            std::thread::spawn(move || {
                for request in http.incoming_requests() {
                    respond(request, &state, &opts);
                }
            });
        }
        Ok(Server {
            addr,
            state,
            http,
            _watcher: watcher,
        })
    }

    /// The current version and error, as pages poll them.
    pub fn status(&self) -> (u64, Option<String>) {
        let s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        (s.version, s.error.clone())
    }

    /// Stops listening.
    pub fn stop(&self) {
        self.http.unblock();
        self.http.unblock();
    }
}

/// Watches content/, templates/, static/ and kintsugi.yaml; rebuilds 150 ms after the last change.
fn watch(opts: &ServeOptions, state: Arc<Mutex<State>>) -> Result<notify::RecommendedWatcher> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !matches!(e.kind, notify::EventKind::Access(_))) {
            let _ = tx.send(());
        }
    })
    .context("cannot watch the project")?;
    for dir in ["content", "templates", "static"] {
        let path = opts.root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", path.display()))?;
        }
    }
    watcher
        .watch(&opts.root, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch {}", opts.root.display()))?;
    let (root, paper) = (opts.root.clone(), opts.paper);
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            // Debounce: an editor's save is often several events.
            while rx.recv_timeout(Duration::from_millis(150)).is_ok() {}
            rebuild(&root, paper, &state);
        }
    });
    Ok(watcher)
}

/// A request path as a key into the built files, or None if it tries to leave the site.
pub fn clean_path(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p if p.contains('\\') || p.contains('\0') => return None,
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    Some(if joined.is_empty() || decoded.ends_with('/') {
        format!(
            "{joined}{}index.html",
            if joined.is_empty() { "" } else { "/" }
        )
    } else {
        joined
    })
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

const LIVE_JS: &str = include_str!("live.js");

fn respond(request: tiny_http::Request, state: &Mutex<State>, opts: &ServeOptions) {
    let url = request.url().to_string();
    let (status, kind, body) = route(&url, state, opts);
    let header = tiny_http::Header::from_bytes("Content-Type", kind).expect("a valid header");
    let no_cache =
        tiny_http::Header::from_bytes("Cache-Control", "no-store").expect("a valid header");
    let response = tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header)
        .with_header(no_cache);
    let _ = request.respond(response);
}

fn route(url: &str, state: &Mutex<State>, opts: &ServeOptions) -> (u16, &'static str, Vec<u8>) {
    let Some(path) = clean_path(url) else {
        return (
            403,
            "text/plain; charset=utf-8",
            b"outside the site".to_vec(),
        );
    };
    match path.as_str() {
        "__kintsugi/live.js" => return (200, "text/javascript", LIVE_JS.as_bytes().to_vec()),
        "__kintsugi/status" => {
            let s = state.lock().unwrap_or_else(|e| e.into_inner());
            let body = serde_json::json!({ "version": s.version, "error": s.error });
            return (200, "application/json", body.to_string().into_bytes());
        }
        _ => {}
    }
    if path.ends_with(".pdf") {
        return match pdf(&path, state, opts) {
            Ok(Some(bytes)) => (200, "application/pdf", bytes),
            Ok(None) => (404, "text/plain; charset=utf-8", b"no such PDF".to_vec()),
            Err(e) => (
                500,
                "text/plain; charset=utf-8",
                format!("{e:#}").into_bytes(),
            ),
        };
    }
    let s = state.lock().unwrap_or_else(|e| e.into_inner());
    match s.files.get(&path) {
        Some(bytes) if path.ends_with(".html") => {
            (200, "text/html; charset=utf-8", with_live_script(bytes))
        }
        Some(bytes) => (200, content_type(&path), bytes.clone()),
        None => match s.files.get("404.html") {
            Some(page) if s.error.is_none() => {
                (404, "text/html; charset=utf-8", with_live_script(page))
            }
            // With an error there may be no site at all: a bare page that still shows the overlay.
            _ => (
                404,
                "text/html; charset=utf-8",
                with_live_script(b"<!doctype html><title>kintsugi</title><body></body>"),
            ),
        },
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("xml") => "application/xml",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

fn with_live_script(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let tag = "<script src=\"/__kintsugi/live.js\"></script>";
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// Builds the workbook, a worksheet or a personal workbook when a page asks for it.
fn pdf(path: &str, state: &Mutex<State>, opts: &ServeOptions) -> Result<Option<Vec<u8>>> {
    let project = {
        let s = state.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(bytes) = s.pdfs.get(path) {
            return Ok(Some(bytes.clone()));
        }
        match &s.project {
            Some(p) => p.clone(),
            None => anyhow::bail!("the content has errors; fix them and reload"),
        }
    };
    let paper = opts.paper.unwrap_or(project.config.paper);
    let name = path.rsplit('/').next().unwrap_or("");
    let bytes = if path == "downloads/workbook.pdf" {
        crate::render::workbook_pdf(
            &project,
            crate::render::workbook::Options {
                paper,
                duplex: false,
            },
            None,
        )?
        .bytes
    } else if path == "__kintsugi/personal/workbook.pdf" {
        let Some(profile) = &opts.profile else {
            return Ok(None);
        };
        let raw = crate::check(&opts.root)?;
        let person = crate::read_person(&raw, profile)?;
        let (program, personal) =
            crate::personalise::personalise(&raw.program, &person, &raw.config.language);
        let personal_project = Project { program, ..raw };
        crate::render::workbook_pdf(
            &personal_project,
            crate::render::workbook::Options {
                paper: person.paper.unwrap_or(paper),
                duplex: false,
            },
            Some(&personal),
        )?
        .bytes
    } else if let Some(id) = path
        .strip_prefix("downloads/worksheets/")
        .and_then(|p| p.strip_suffix(".pdf"))
    {
        let sheets = crate::render::worksheet_pdfs(&project, paper)?;
        if id == "all" {
            sheets.all.bytes
        } else {
            match sheets.each.into_iter().find(|(i, _)| i == id) {
                Some((_, pdf)) => pdf.bytes,
                None => return Ok(None),
            }
        }
    } else {
        let _ = name;
        return Ok(None);
    };
    state
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .pdfs
        .insert(path.to_string(), bytes.clone());
    Ok(Some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_site() {
        assert_eq!(clean_path("/"), Some("index.html".into()));
        assert_eq!(
            clean_path("/weeks/week-1.html?x=1"),
            Some("weeks/week-1.html".into())
        );
        assert_eq!(
            clean_path("/exercises/"),
            Some("exercises/index.html".into())
        );
        assert_eq!(clean_path("/../Cargo.toml"), None);
        assert_eq!(clean_path("/%2e%2e/Cargo.toml"), None);
        assert_eq!(clean_path("/weeks/%2E%2E/%2E%2E/secret"), None);
        assert_eq!(clean_path("/a%5c..%5cb"), None);
        assert_eq!(clean_path("/%zz"), None);
    }
}
