//! `kintsugi serve`: builds the site into memory, serves it on 127.0.0.1,
//! watches the project and reloads open pages when it changes.
//!
//! An edit to the text of a week, exercise, script or worksheet renders only
//! that item's page again (see [`update`]); any other change rebuilds the
//! whole site in memory. The workbook and worksheets are built only when a
//! page asks for one, and the search index when a page loads it. A content error
//! never stops the server: pages show it in an overlay, with the same message
//! as `kintsugi check`, until the file is fixed. Files are served only from
//! the build in memory, so no request can reach outside the site.

mod update;

use super::build::check;
use super::personal::{read_person, PersonalBuild};
use crate::diag::{count, Diagnostics};
use crate::model::Paper;
use crate::model::Project;
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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
    /// The search index no longer matches the content; it is made again when asked for.
    search_stale: bool,
}

/// What one rebuild did, for the terminal.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// "site (42 pages)" or "weeks/week-2.html".
    pub what: String,
    /// The content's problems, as `kintsugi check` prints them.
    pub error: Option<String>,
    /// Time from the first event of the edit to the rebuild being served.
    pub took: Duration,
}

/// A running server.
pub struct Server {
    /// Where it listens.
    pub addr: std::net::SocketAddr,
    state: Arc<Mutex<State>>,
    /// Runs the connections; taken and shut down by [`Server::stop`].
    runtime: Mutex<Option<tokio::runtime::Runtime>>,
    _watcher: notify::RecommendedWatcher,
    /// One report per rebuild after the first.
    pub rebuilds: Receiver<Rebuilt>,
}

/// Builds the whole site into memory (or records the error); says what it did.
fn rebuild(root: &Path, paper: Option<Paper>, state: &Mutex<State>) -> (String, Option<String>) {
    let result = (|| -> Result<(Project, Vec<crate::render::site::SiteFile>)> {
        let mut project = check(root)?;
        project.program = crate::personalise::public(&project.program);
        let paper = super::personal::paper(paper, None, &project);
        // A sheet that does not fit is what `check` and `build` report; say so here too.
        let overflows = crate::validate::fit::overflows(&project.program, paper);
        if !overflows.is_empty() {
            return Err(Diagnostics(overflows).sorted().with_sources(root).into());
        }
        // Downloads are built when asked for; the site only needs their names here.
        let files = crate::render::site::render_without_pdfs(&project, paper)?;
        Ok((project, files))
    })();
    let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
    s.version += 1;
    s.pdfs.clear();
    s.search_stale = false;
    match result {
        Ok((project, files)) => {
            s.error = None;
            s.project = Some(project);
            s.files = files
                .into_iter()
                .map(|f| (f.path.to_string_lossy().replace('\\', "/"), f.bytes))
                .collect();
            let pages = s.files.keys().filter(|k| k.ends_with(".html")).count();
            (format!("site ({})", count(pages, "page", "pages")), None)
        }
        // Not shown yet: see `publish_error`.
        Err(e) => (
            "nothing (the content has problems)".into(),
            Some(format!("{e:#}")),
        ),
    }
}

/// Shows a build's problems: pages get the overlay, PDFs the problem page.
/// The watcher calls it only once the files have been still for a moment, so
/// a file caught half-written by an editor's save never shows as an error.
fn publish_error(state: &Mutex<State>, msg: &str) {
    let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
    s.version += 1;
    s.error = Some(msg.to_string());
}

/// Applies an edit of the files at `paths`: only their pages when that is
/// enough (see [`update`]), else the whole site.
fn apply(
    root: &Path,
    paper: Option<Paper>,
    paths: &[PathBuf],
    state: &Mutex<State>,
) -> (String, Option<String>) {
    let mut guard = state.lock().unwrap_or_else(|e| e.into_inner());
    let s = &mut *guard;
    // After an error the whole project is checked again, so no problem in another file is missed.
    if s.error.is_none() && !paths.is_empty() {
        if let Some(project) = s.project.as_mut() {
            let paper = super::personal::paper(paper, None, project);
            match update::update(root, project, paths, paper) {
                Ok(update::Update::Pages(files)) => {
                    let mut names = Vec::new();
                    for f in files {
                        let name = f.path.to_string_lossy().replace('\\', "/");
                        names.push(name.clone());
                        s.files.insert(name, f.bytes);
                    }
                    s.version += 1;
                    s.pdfs.clear();
                    s.search_stale = true;
                    return (names.join(", "), None);
                }
                Ok(update::Update::Errors(d)) => {
                    return (
                        "nothing (the content has problems)".into(),
                        Some(d.to_string()),
                    );
                }
                Ok(update::Update::Full) | Err(_) => {}
            }
        }
    }
    drop(guard);
    rebuild(root, paper, state)
}

impl Server {
    /// Builds, starts watching and starts listening; requests are handled on background threads.
    pub fn start(mut opts: ServeOptions) -> Result<Server> {
        // Events name absolute paths; the root must be one too, to tell which file changed.
        opts.root = opts
            .root
            .canonicalize()
            .with_context(|| format!("cannot find the project folder {}", opts.root.display()))?;
        let state = Arc::new(Mutex::new(State::default()));
        if let (_, Some(msg)) = rebuild(&opts.root, opts.paper, &state) {
            publish_error(&state, &msg);
        }
        let listener = std::net::TcpListener::bind(&opts.addr)
            .with_context(|| format!("cannot listen on {}", opts.addr))?;
        let addr = listener.local_addr().context("the server has no address")?;
        listener
            .set_nonblocking(true)
            .context("cannot set up the listening socket")?;
        let (tx, rebuilds) = std::sync::mpsc::channel();
        let watcher = watch(&opts, state.clone(), tx)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            // PDFs built at once, each with its own memory (see `answer`).
            .max_blocking_threads(4)
            .thread_name("kintsugi-serve")
            .enable_io()
            .enable_time()
            .build()
            .context("cannot start the server's threads")?;
        let listener = {
            let _inside = runtime.enter();
            tokio::net::TcpListener::from_std(listener).context("cannot listen")?
        };
        runtime.spawn(accept(listener, state.clone(), Arc::new(opts)));
        Ok(Server {
            addr,
            state,
            runtime: Mutex::new(Some(runtime)),
            _watcher: watcher,
            rebuilds,
        })
    }

    /// The current version and error, as pages poll them.
    pub fn status(&self) -> (u64, Option<String>) {
        let s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        (s.version, s.error.clone())
    }

    /// Stops listening and drops the open connections.
    pub fn stop(&self) {
        let runtime = self
            .runtime
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(runtime) = runtime {
            runtime.shutdown_background();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Accepts connections, each served as long as the browser keeps it open.
///
/// Every connection is a task, not a thread: a browser keeps several open
/// per page and each open page holds a status request until the next
/// rebuild, and none of them may keep a new connection waiting. (tiny_http,
/// used before, gave each connection a pooled thread and could leave a new
/// one queued behind open ones: `connections_that_open_together_are_all_answered`
/// in tests/serve.rs.)
async fn accept(
    listener: tokio::net::TcpListener,
    state: Arc<Mutex<State>>,
    opts: Arc<ServeOptions>,
) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors, say: try again shortly rather than spin.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let (state, opts) = (state.clone(), opts.clone());
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                answer(request, state.clone(), opts.clone())
            });
            // A connection the browser drops mid-answer is no error of the server's.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Is a changed path one the build reads? Editors' swap and backup files are not.
fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components();
    match parts.next().map(|c| c.as_os_str().to_string_lossy()) {
        Some(top) if top == "kintsugi.yaml" => parts.next().is_none(),
        Some(top) if top == "templates" || top == "static" => true,
        Some(top) if top == "content" => {
            // Folders (no extension) matter too: one may have been removed or renamed.
            matches!(
                path.extension().and_then(|e| e.to_str()),
                None | Some("md") | Some("yaml")
            )
        }
        _ => false,
    }
}

/// Watches content/, templates/, static/ and kintsugi.yaml. An edit is applied
/// once its events have been quiet for 20 ms (an editor's save is often
/// several events), then reported on `report`.
/// How long the files must be still before a failed build's problems are shown.
const SETTLE: Duration = Duration::from_millis(150);

fn watch(
    opts: &ServeOptions,
    state: Arc<Mutex<State>>,
    report: Sender<Rebuilt>,
) -> Result<notify::RecommendedWatcher> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel::<(Instant, notify::Result<notify::Event>)>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let _ = tx.send((Instant::now(), event));
    })
    .context("cannot watch the project")?;
    // `_brand/` and `brand/` are where brand.yml files keep logos and fonts.
    // `fonts/` holds faces for scripts kintsugi has none for (the check reads them).
    for dir in ["content", "templates", "static", "_brand", "brand", "fonts"] {
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
        // An event that came while a failed build settled, to be handled next.
        let mut pending = None;
        while let Some(first) = pending.take().or_else(|| rx.recv().ok()) {
            let start = first.0;
            let mut events = vec![first.1];
            while let Ok((_, e)) = rx.recv_timeout(Duration::from_millis(20)) {
                events.push(e);
            }
            let mut paths: Vec<PathBuf> = Vec::new();
            // Without a list of paths (or when the watcher lost track), rebuild everything.
            let mut everything = false;
            for event in events {
                match event {
                    Ok(e) if matches!(e.kind, notify::EventKind::Access(_)) => {}
                    Ok(e) if e.need_rescan() || e.paths.is_empty() => everything = true,
                    Ok(e) => paths.extend(e.paths.into_iter().filter(|p| relevant(&root, p))),
                    Err(_) => everything = true,
                }
            }
            paths.sort();
            paths.dedup();
            if paths.is_empty() && !everything {
                continue;
            }
            let (what, error) = if everything {
                rebuild(&root, paper, &state)
            } else {
                apply(&root, paper, &paths, &state)
            };
            if let Some(msg) = &error {
                // A file still being written gives a problem that the next
                // event fixes: build again then, and show nothing meanwhile.
                // (Reading the files, as the build just did, is no change.)
                let until = Instant::now() + SETTLE;
                while let Ok(next) =
                    rx.recv_timeout(until.saturating_duration_since(Instant::now()))
                {
                    let changed = match &next.1 {
                        Ok(e) if matches!(e.kind, notify::EventKind::Access(_)) => false,
                        Ok(e) => e.paths.is_empty() || e.paths.iter().any(|p| relevant(&root, p)),
                        Err(_) => true,
                    };
                    if changed {
                        pending = Some(next);
                        break;
                    }
                }
                if pending.is_some() {
                    continue;
                }
                publish_error(&state, msg);
            }
            let _ = report.send(Rebuilt {
                what,
                error,
                took: start.elapsed(),
            });
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

/// How long a page's status request waits for a rebuild before it is answered unchanged.
const LONGEST_WAIT: Duration = Duration::from_secs(20);

type Body = http_body_util::Full<hyper::body::Bytes>;

async fn answer(
    request: hyper::Request<hyper::body::Incoming>,
    state: Arc<Mutex<State>>,
    opts: Arc<ServeOptions>,
) -> Result<hyper::Response<Body>, std::convert::Infallible> {
    let url = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    // `/__kintsugi/status?wait=N` answers once the version is no longer N (or
    // after LONGEST_WAIT), so an open page learns of a rebuild as soon as it is served.
    let wait = url
        .strip_prefix("/__kintsugi/status?wait=")
        .and_then(|v| v.parse::<u64>().ok());
    if let Some(seen) = wait {
        let start = Instant::now();
        while start.elapsed() < LONGEST_WAIT {
            // A rebuild holding the state is not yet a new version: look again shortly.
            if state.try_lock().is_ok_and(|s| s.version != seen) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
    // A PDF may take seconds to build: off the connection threads. Pages
    // and assets are a lookup in memory, answered here.
    let builds = clean_path(&url).is_some_and(|p| p.ends_with(".pdf"));
    let (status, kind, body) = if builds {
        tokio::task::spawn_blocking(move || route(&url, &state, &opts))
            .await
            .unwrap_or_else(|_| {
                (
                    500,
                    "text/plain; charset=utf-8",
                    b"kintsugi serve failed to answer this request".to_vec(),
                )
            })
    } else {
        route(&url, &state, &opts)
    };
    let mut response = hyper::Response::new(Body::new(body.into()));
    *response.status_mut() =
        hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static(kind),
    );
    headers.insert(
        hyper::header::CACHE_CONTROL,
        hyper::header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
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
        // While the content has problems, a PDF link opens a page that shows
        // them (the same overlay as every page) and turns into the PDF once fixed.
        let error = state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .error
            .clone();
        if error.is_some() {
            return (503, "text/html; charset=utf-8", problem_page(&path));
        }
        return match pdf(&path, state, opts) {
            Ok(Some(bytes)) => (200, "application/pdf", bytes),
            Ok(None) => (404, "text/plain; charset=utf-8", b"no such PDF".to_vec()),
            Err(e) => (
                500,
                "text/html; charset=utf-8",
                problem_page_with(&path, &format!("{e:#}")),
            ),
        };
    }
    let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
    let own_index = opts.root.join("static/search-index.js").is_file();
    if path == "search-index.js" && s.search_stale && !own_index {
        // Only pages were rendered since the last full build; the index follows the content now.
        if let Some(Ok(index)) = s
            .project
            .as_ref()
            .map(|p| crate::render::site::search::script(&p.program))
        {
            s.files.insert(path.clone(), index.into_bytes());
            s.search_stale = false;
        }
    }
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

/// A page standing in for a PDF that cannot be made while the content has
/// problems; the overlay shows them, and the page reloads when they are fixed.
fn problem_page(path: &str) -> Vec<u8> {
    let name = crate::render::site::html::escape(path);
    with_live_script(
        format!(
            "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>{name} waits for a fix</title><body><p>{name} will be made once the problems shown here are fixed.</p></body></html>"
        )
        .as_bytes(),
    )
}

/// As [`problem_page`], for a PDF that failed for a reason of its own, shown in the page.
fn problem_page_with(path: &str, why: &str) -> Vec<u8> {
    let name = crate::render::site::html::escape(path);
    let why = crate::render::site::html::escape(why);
    with_live_script(
        format!(
            "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>{name} cannot be made</title><body><p>{name} cannot be made:</p><pre>{why}</pre></body></html>"
        )
        .as_bytes(),
    )
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
    let paper = super::personal::paper(opts.paper, None, &project);
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
        // The same path as `build --profile`, placeholders unfilled until the person fills them.
        let unfilled = check(&opts.root)?;
        let person = read_person(&unfilled, profile)?;
        PersonalBuild::new(&unfilled, &person, opts.paper)
            .workbook(false)?
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
