//! The sitemap: every page's full address, for search engines.
//!
//! The sitemap protocol allows only full addresses (`https://…`), so a site
//! whose `base_url` is a path (`/`, `/guide/`) gets no sitemap; `check`
//! says so with [`note`].

use super::{html, urls};
use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

/// The sitemap of the pages at `paths`, or None when `base_url` is not a full address.
pub fn xml(paths: &[PathBuf], base_url: &str) -> Option<String> {
    let prefix = urls::site_url(base_url);
    if prefix.is_empty() {
        return None;
    }
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in paths {
        let path = p.to_string_lossy();
        if path.ends_with(".html") && path != urls::NOT_FOUND && path != urls::SEARCH {
            xml.push_str(&format!(
                "  <url><loc>{}</loc></url>\n",
                html::escape(&format!("{prefix}{path}"))
            ));
        }
    }
    xml.push_str("</urlset>\n");
    Some(xml)
}

/// Why the site will have no sitemap, placed at `base_url` in kintsugi.yaml; None when it will.
pub fn note(root: &Path, base_url: &str) -> Option<Diagnostic> {
    if !urls::site_url(base_url).is_empty() {
        return None;
    }
    let text = std::fs::read_to_string(root.join("kintsugi.yaml")).unwrap_or_default();
    let (line, col) = crate::load::locate::Locator::new(&text)
        .value("base_url")
        .unwrap_or((1, 1));
    let d = Diagnostic::new(
        "kintsugi.yaml",
        line,
        col,
        format!("the site gets no sitemap.xml: `{}` is not a full address, and a sitemap may only list full ones", base_url.trim()),
    )
    .with_hint("to publish the site with a sitemap, set `base_url: https://your.site/guide/` (or pass --base-url to build)");
    Some(d.note())
}
