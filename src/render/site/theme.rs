//! Theme: the site's templates and assets, built in and overridden by the project's own.
//!
//! The built-in theme is compiled into the binary, so the tool works outside
//! this repository; a file in the project's `templates/` replaces the
//! built-in one of the same name.

use super::html;
use anyhow::{Context, Result};
use serde::Serialize;

/// The built-in theme: (name, text).
pub(super) const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../../templates/base.html")),
    ("index.html", include_str!("../../../templates/index.html")),
    ("plan.html", include_str!("../../../templates/plan.html")),
    ("week.html", include_str!("../../../templates/week.html")),
    (
        "exercise.html",
        include_str!("../../../templates/exercise.html"),
    ),
    (
        "script.html",
        include_str!("../../../templates/script.html"),
    ),
    (
        "worksheet.html",
        include_str!("../../../templates/worksheet.html"),
    ),
    (
        "sheet-blocks.html",
        include_str!("../../../templates/sheet-blocks.html"),
    ),
    ("list.html", include_str!("../../../templates/list.html")),
    (
        "printables.html",
        include_str!("../../../templates/printables.html"),
    ),
    (
        "rituals.html",
        include_str!("../../../templates/rituals.html"),
    ),
    ("table.html", include_str!("../../../templates/table.html")),
    ("faq.html", include_str!("../../../templates/faq.html")),
    ("style.css", include_str!("../../../templates/style.css")),
    ("search.js", include_str!("../../../templates/search.js")),
    ("404.html", include_str!("../../../templates/404.html")),
];

/// The templates, built-in ones overridden by the project's.
pub struct Theme {
    tera: tera::Tera,
    assets: Vec<(String, String)>,
}

impl Theme {
    /// The built-in templates with `overrides` (name, text) in place of those of the same name.
    pub fn new(overrides: &[(String, String)]) -> Result<Theme> {
        let mut all: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        for (name, text) in overrides {
            match all.iter_mut().find(|(n, _)| n == name) {
                Some(slot) => slot.1 = text.clone(),
                None => all.push((name.clone(), text.clone())),
            }
        }
        let (templates, assets): (Vec<_>, Vec<_>) =
            all.into_iter().partition(|(n, _)| n.ends_with(".html"));
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        // Tera's default also escapes `/`, which makes every relative link unreadable.
        tera.set_escape_fn(html::escape);
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .context("a site template has an error")?;
        Ok(Theme { tera, assets })
    }

    /// The text of an asset (a stylesheet, a script); empty when there is none.
    pub fn asset(&self, name: &str) -> String {
        self.assets
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    }

    /// Renders `template` with `view`, telling it the page's own path.
    pub fn render(&self, template: &str, view: &impl Serialize, page_path: &str) -> Result<String> {
        let mut ctx =
            tera::Context::from_serialize(view).context("cannot prepare template data")?;
        ctx.insert("page_path", page_path);
        self.tera.render(template, &ctx).map_err(|e| {
            // Tera hides the useful part of the message in the error's source chain.
            let mut msg = e.to_string();
            let mut src = std::error::Error::source(&e);
            while let Some(s) = src {
                msg.push_str(": ");
                msg.push_str(&s.to_string());
                src = s.source();
            }
            anyhow::anyhow!("cannot render template {template}: {msg}")
        })
    }
}
