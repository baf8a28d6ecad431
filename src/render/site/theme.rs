//! Theme: the site's templates and assets, built in and overridden by the project's own.
//!
//! The built-in theme is compiled into the binary, so the tool works outside
//! this repository; a file in the project's `templates/` replaces the
//! built-in one of the same name.

use super::html;
use crate::diag::{Diagnostic, Diagnostics};
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
    (
        "search.html",
        include_str!("../../../templates/search.html"),
    ),
    (
        "favicon.svg",
        include_str!("../../../templates/favicon.svg"),
    ),
];

/// The built-in theme's files: (name, text), in the order docs/theme.md lists them.
pub fn builtin() -> &'static [(&'static str, &'static str)] {
    BUILTIN
}

/// The templates, built-in ones overridden by the project's.
pub struct Theme {
    tera: tera::Tera,
    assets: Vec<(String, String)>,
    /// The project's own templates (name, text), to place their errors.
    own: Vec<(String, String)>,
}

/// Every message of a Tera error and its causes, one a line.
fn chain(e: &tera::Error) -> Vec<String> {
    let mut out = vec![e.to_string()];
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        out.push(s.to_string());
        src = s.source();
    }
    out
}

/// The name in the first `'name'` of `text`.
fn quoted_name(text: &str) -> Option<&str> {
    text.split('\'').nth(1)
}

impl Theme {
    /// The built-in templates with `overrides` (name, text) in place of those
    /// of the same name. A project's template that cannot be parsed is a
    /// content problem, placed at its line and column.
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
        let theme_error = |e: tera::Error| {
            let lines = chain(&e);
            let name = lines.iter().find_map(|l| quoted_name(l)).unwrap_or("");
            let own = overrides.iter().any(|(n, _)| n == name);
            // Tera writes the place as ` --> line:column` and the reason after `= `.
            let text = lines.join("\n");
            let at = text
                .split_once("--> ")
                .and_then(|(_, rest)| rest.split_whitespace().next())
                .and_then(|p| p.split_once(':'))
                .and_then(|(l, c)| Some((l.parse().ok()?, c.parse().ok()?)));
            let why = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("= "))
                .map(str::to_string)
                .unwrap_or_else(|| lines.last().cloned().unwrap_or_default());
            if own {
                let (line, col) = at.unwrap_or((1, 1));
                let d = Diagnostic::new(
                    format!("templates/{name}"),
                    line,
                    col,
                    format!("this template cannot be read: {why}"),
                )
                .with_hint("see Tera's template syntax at https://keats.github.io/tera/docs/, or remove the file to use the built-in one");
                anyhow::Error::from(Diagnostics(vec![d]))
            } else {
                anyhow::anyhow!("the built-in template {name} cannot be read ({why}); this is a fault in kintsugi")
            }
        };
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(theme_error)?;
        Ok(Theme {
            tera,
            assets,
            own: overrides.to_vec(),
        })
    }

    /// The text of an asset (a stylesheet, a script); empty when there is none.
    pub fn asset(&self, name: &str) -> String {
        self.assets
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    }

    /// Renders `template` with `view`, telling it the page's own path and
    /// the tool's words as `t`. When one of the project's templates fails,
    /// the problem names that file.
    pub fn render(
        &self,
        template: &str,
        view: &impl Serialize,
        page_path: &str,
        t: &crate::strings::Strings,
    ) -> Result<String> {
        let mut ctx =
            tera::Context::from_serialize(view).context("cannot prepare template data")?;
        ctx.insert("page_path", page_path);
        ctx.insert("t", t.table());
        self.tera.render(template, &ctx).map_err(|e| {
            let lines = chain(&e);
            // The innermost template named is the one that failed (a page's base, say).
            let failed = lines
                .iter()
                .rev()
                .find_map(|l| l.split_once("while rendering ").and_then(|(_, r)| quoted_name(r)))
                .unwrap_or(template)
                .to_string();
            let why = lines.last().cloned().unwrap_or_default();
            match self.own.iter().find(|(n, _)| *n == failed) {
                Some((name, text)) => {
                    // Place it at the name the message quotes, such as the missing variable.
                    let token = why.split('`').nth(1).unwrap_or("");
                    let (line, col) = text
                        .lines()
                        .enumerate()
                        .find_map(|(i, l)| {
                            (!token.is_empty())
                                .then(|| l.find(token))
                                .flatten()
                                .map(|c| (i + 1, l[..c].chars().count() + 1))
                        })
                        .unwrap_or((1, 1));
                    let d = Diagnostic::new(
                        format!("templates/{name}"),
                        line,
                        col,
                        format!("this template cannot render {page_path}: {why}"),
                    )
                    .with_hint(format!("check the names it uses against the built-in {name}, or remove templates/{name} to use the built-in one"));
                    anyhow::Error::from(Diagnostics(vec![d]))
                }
                None => anyhow::anyhow!(
                    "the built-in template {failed} cannot render {page_path} ({why}); this is a fault in kintsugi"
                ),
            }
        })
    }
}
