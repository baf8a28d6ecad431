//! URLs: where every page and download lives in the site, and how pages link to each other.
//!
//! Paths here are relative to the site's root folder, `/`-separated. Pages
//! link to each other relatively ([`relative`], [`from_root`]) so the site
//! works from a domain's root, from a subfolder and straight from disk.

/// The home page.
pub const HOME: &str = "index.html";
/// The plan at a glance.
pub const PLAN: &str = "plan.html";
/// The list of exercises.
pub const EXERCISES: &str = "exercises/index.html";
/// The list of scripts and templates.
pub const SCRIPTS: &str = "scripts/index.html";
/// The worksheets to print.
pub const WORKSHEETS: &str = "worksheets/index.html";
/// The micro-ritual menu.
pub const RITUALS: &str = "rituals.html";
/// Questions and answers.
pub const FAQ: &str = "faq.html";
/// The page a server shows for a missing one.
pub const NOT_FOUND: &str = "404.html";
/// The workbook to download.
pub const WORKBOOK_PDF: &str = "downloads/workbook.pdf";
/// Every worksheet in one PDF.
pub const ALL_SHEETS_PDF: &str = "downloads/worksheets/all.pdf";
/// The search index, loaded as a script.
pub const SEARCH_INDEX: &str = "search-index.js";
/// The sitemap for search engines.
pub const SITEMAP: &str = "sitemap.xml";
/// The search page: results for `?q=`, and every page of the guide without JavaScript.
pub const SEARCH: &str = "search.html";
/// The site's icon.
pub const FAVICON: &str = "favicon.svg";

/// Week `n`'s page.
pub fn week(n: u32) -> String {
    format!("weeks/week-{n}.html")
}

/// An exercise's page.
pub fn exercise(id: &str) -> String {
    format!("exercises/{id}.html")
}

/// A script's page.
pub fn script(id: &str) -> String {
    format!("scripts/{id}.html")
}

/// A worksheet's preview page.
pub fn worksheet(id: &str) -> String {
    format!("worksheets/{id}.html")
}

/// A worksheet's PDF.
pub fn worksheet_pdf(id: &str) -> String {
    format!("downloads/worksheets/{id}.pdf")
}

/// A table's page.
pub fn table(id: &str) -> String {
    format!("tables/{id}.html")
}

/// The way from the page at `page` up to the site root: "" or "../" per folder.
pub fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// A link to `to` written from a page whose way to the root is `root`.
pub fn from_root(root: &str, to: &str) -> String {
    format!("{root}{to}")
}

/// The shortest relative link from the page at `from` to `to`.
pub fn relative(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let shared = from_dirs
        .iter()
        .zip(&to_parts[..to_parts.len() - 1])
        .take_while(|(a, b)| a == b)
        .count();
    format!(
        "{}{}",
        "../".repeat(from_dirs.len() - shared),
        to_parts[shared..].join("/")
    )
}

/// The absolute URL the site is published at, ending in `/`; empty when `base_url` is a path.
pub fn site_url(base_url: &str) -> String {
    let b = base_url.trim();
    if b.starts_with("http://") || b.starts_with("https://") {
        format!("{}/", b.trim_end_matches('/'))
    } else {
        String::new()
    }
}

/// The path part of `base_url`, ending in `/`: "/" or "/guide/".
pub fn base_path(base_url: &str) -> String {
    let b = base_url.trim();
    let path = match b.split_once("://") {
        Some((_, rest)) => rest.find('/').map(|i| &rest[i..]).unwrap_or("/"),
        None => b,
    };
    format!("/{}/", path.trim_matches('/')).replace("//", "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_climb_only_as_far_as_they_must() {
        assert_eq!(relative("index.html", &week(1)), "weeks/week-1.html");
        assert_eq!(relative(&week(1), &week(2)), "week-2.html");
        assert_eq!(relative(&week(1), &exercise("a")), "../exercises/a.html");
        assert_eq!(relative(EXERCISES, &exercise("a")), "a.html");
        assert_eq!(
            relative(WORKSHEETS, &worksheet_pdf("a")),
            "../downloads/worksheets/a.pdf"
        );
        assert_eq!(relative(&exercise("a"), HOME), "../index.html");
    }

    #[test]
    fn base_urls_give_the_site_url_and_its_path() {
        assert_eq!(
            site_url("https://example.org/guide"),
            "https://example.org/guide/"
        );
        assert_eq!(site_url("/guide/"), "");
        assert_eq!(base_path("https://example.org/guide"), "/guide/");
        assert_eq!(base_path("https://example.org"), "/");
        assert_eq!(base_path("/"), "/");
        assert_eq!(root_of(&week(3)), "../");
        assert_eq!(root_of(HOME), "");
    }
}
