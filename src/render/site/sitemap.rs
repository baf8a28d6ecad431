//! The sitemap: every page's address, for search engines.

use super::{html, urls};
use std::path::PathBuf;

/// The sitemap of the pages at `paths`. Addresses are absolute when `base_url` is.
pub fn xml(paths: &[PathBuf], base_url: &str) -> String {
    let site_url = urls::site_url(base_url);
    let prefix = if site_url.is_empty() {
        urls::base_path(base_url)
    } else {
        site_url
    };
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in paths {
        let path = p.to_string_lossy();
        if path.ends_with(".html") && path != urls::NOT_FOUND {
            xml.push_str(&format!(
                "  <url><loc>{}</loc></url>\n",
                html::escape(&format!("{prefix}{path}"))
            ));
        }
    }
    xml.push_str("</urlset>\n");
    xml
}
