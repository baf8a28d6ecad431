//! The guide site: typed views rendered through Tera templates into HTML files.
//!
//! Takes the model (never a profile: the site is public) plus the rendered
//! PDFs it offers for download; gives files relative to the site folder.
//! Templates are embedded in the binary; a project's own `templates/` files
//! override them by name. Every link is relative, so the site works from a
//! domain root, a subpath, or straight from disk.

pub mod html;
pub mod search;
pub mod views;

use super::Pdf;
use crate::model::Paper;
use crate::model::{Exercise, Program, Project, Script, ScriptKind, Table, Week, Worksheet};
use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;
use views::*;

/// A site file.
#[derive(Debug, Clone)]
pub struct SiteFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// The built-in theme: (name, text).
const BUILTIN: &[(&str, &str)] = &[
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

/// Renders every page of the site.
pub fn render(
    project: &Project,
    paper: Paper,
    workbook: &Pdf,
    sheets: &super::SheetPdfs,
) -> Result<Vec<SiteFile>> {
    collect(project, paper, Some((workbook, sheets)))
}

/// [`render_streamed`] into memory. A static file comes after the page it
/// replaces, so only the last file of each path is kept.
fn collect(
    project: &Project,
    paper: Paper,
    pdfs: Option<(&Pdf, &super::SheetPdfs)>,
) -> Result<Vec<SiteFile>> {
    let mut files = Vec::new();
    render_streamed(project, paper, pdfs, &mut |f| {
        files.push(f);
        Ok(())
    })?;
    let mut seen = std::collections::HashSet::new();
    files.reverse();
    files.retain(|f| seen.insert(f.path.clone()));
    files.reverse();
    Ok(files)
}

/// Renders the site as [`render`] does (or as [`render_without_pdfs`] when
/// `pdfs` is None), handing each file to `sink` as soon as it is made, so a
/// build can write pages as it goes instead of holding the whole site in
/// memory. A static file replacing a rendered one comes after it.
pub fn render_streamed(
    project: &Project,
    paper: Paper,
    pdfs: Option<(&Pdf, &super::SheetPdfs)>,
    sink: &mut dyn FnMut(SiteFile) -> Result<()>,
) -> Result<()> {
    let downloads = match pdfs {
        Some((workbook, sheets)) => downloads(workbook, sheets),
        None => Downloads {
            workbook: None,
            all: None,
            sheets: Vec::new(),
        },
    };
    for f in render_site_to(project, paper, downloads, &mut *sink)? {
        sink(f)?;
    }
    if let Some((workbook, sheets)) = pdfs {
        sink(SiteFile {
            path: "downloads/workbook.pdf".into(),
            bytes: workbook.bytes.clone(),
        })?;
        sink(SiteFile {
            path: "downloads/worksheets/all.pdf".into(),
            bytes: sheets.all.bytes.clone(),
        })?;
        for (id, pdf) in &sheets.each {
            sink(SiteFile {
                path: format!("downloads/worksheets/{id}.pdf").into(),
                bytes: pdf.bytes.clone(),
            })?;
        }
    }
    for (path, bytes) in &project.statics {
        sink(SiteFile {
            path: path.clone(),
            bytes: bytes.clone(),
        })?;
    }
    Ok(())
}

fn downloads(workbook: &Pdf, sheets: &super::SheetPdfs) -> Downloads {
    Downloads {
        workbook: Some((workbook.bytes.len(), workbook.pages)),
        all: Some(sheets.all.bytes.len()),
        sheets: sheets
            .each
            .iter()
            .map(|(id, pdf)| (id.clone(), pdf.bytes.len()))
            .collect(),
    }
}

/// The site alone: the PDF downloads are linked but not built (for `serve`,
/// which builds them when asked, and for benchmarks of the site). The
/// printables page leaves their sizes out.
pub fn render_without_pdfs(project: &Project, paper: Paper) -> Result<Vec<SiteFile>> {
    collect(project, paper, None)
}

/// A page that shows one item. Beyond the item itself it shows only the
/// titles, summaries and places of others, so when nothing but the item's own
/// text changed, this page is the only one to render again.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PageOf {
    Week(u32),
    Exercise(String),
    Script(String),
    Worksheet(String),
}

impl PageOf {
    /// The page's path in the site.
    pub fn path(&self) -> String {
        match self {
            PageOf::Week(n) => week_href(*n),
            PageOf::Exercise(id) => format!("exercises/{id}.html"),
            PageOf::Script(id) => format!("scripts/{id}.html"),
            PageOf::Worksheet(id) => format!("worksheets/{id}.html"),
        }
    }
}

/// Renders only these pages (for `serve`, after an edit that touched nothing else).
pub fn render_pages(project: &Project, paper: Paper, pages: &[PageOf]) -> Result<Vec<SiteFile>> {
    let theme = Theme::new(&project.templates)?;
    let downloads = Downloads {
        workbook: None,
        all: None,
        sheets: Vec::new(),
    };
    let mut s = SiteBuilder::new(project, paper, &theme, downloads);
    for page in pages {
        s.page_of(page)?;
    }
    Ok(s.files)
}

/// Renders the pages, giving each to `sink`; returns the files it did not
/// give: the sitemap, search index and assets.
fn render_site_to(
    project: &Project,
    paper: Paper,
    downloads: Downloads,
    sink: &mut dyn FnMut(SiteFile) -> Result<()>,
) -> Result<Vec<SiteFile>> {
    let theme = Theme::new(&project.templates)?;
    let mut s = SiteBuilder::new(project, paper, &theme, downloads);
    s.pages(sink)?;
    s.not_found(&project.config.base_url)?;
    let sitemap = s.sitemap(&project.config.base_url);
    let mut files = s.files;
    files.push(SiteFile {
        path: "sitemap.xml".into(),
        bytes: sitemap.into_bytes(),
    });
    files.push(SiteFile {
        path: "search-index.js".into(),
        bytes: search::script(&project.program)?.into_bytes(),
    });
    for asset in ["search.js", "style.css"] {
        files.push(SiteFile {
            path: asset.into(),
            bytes: theme.asset(asset).into_bytes(),
        });
    }
    Ok(files)
}

/// The templates, built-in ones overridden by the project's.
struct Theme {
    tera: tera::Tera,
    assets: Vec<(String, String)>,
}

impl Theme {
    fn new(overrides: &[(String, String)]) -> Result<Theme> {
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

    fn asset(&self, name: &str) -> String {
        self.assets
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    }

    fn render(&self, template: &str, view: &impl Serialize, page_path: &str) -> Result<String> {
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

/// Sizes of the PDFs the site offers, for the printables page; None when not built yet.
struct Downloads {
    /// Bytes and pages.
    workbook: Option<(usize, usize)>,
    all: Option<usize>,
    sheets: Vec<(String, usize)>,
}

impl Downloads {
    fn sheet_bytes(&self, id: &str) -> Option<usize> {
        self.sheets.iter().find(|(i, _)| i == id).map(|(_, b)| *b)
    }
}

/// Items by id, and the weeks that use each: built once, so pages look up in constant time.
struct Index<'a> {
    exercises: HashMap<&'a str, &'a Exercise>,
    scripts: HashMap<&'a str, &'a Script>,
    worksheets: HashMap<&'a str, &'a Worksheet>,
    used_in: HashMap<&'a str, Vec<&'a Week>>,
}

impl<'a> Index<'a> {
    fn new(p: &'a Program) -> Index<'a> {
        let mut used_in: HashMap<&str, Vec<&Week>> = HashMap::new();
        for w in &p.weeks {
            for id in w.exercises.iter().chain(&w.scripts).chain(&w.worksheets) {
                let weeks = used_in.entry(id.as_str()).or_default();
                if !weeks.iter().any(|x| x.number == w.number) {
                    weeks.push(w);
                }
            }
        }
        Index {
            exercises: p.exercises.iter().map(|e| (e.id.as_str(), e)).collect(),
            scripts: p.scripts.iter().map(|e| (e.id.as_str(), e)).collect(),
            worksheets: p.worksheets.iter().map(|e| (e.id.as_str(), e)).collect(),
            used_in,
        }
    }
}

struct SiteBuilder<'a> {
    /// Where the site is published: an absolute URL ending in `/`, or empty when unknown.
    site_url: String,
    downloads: Downloads,
    theme: &'a Theme,
    program: &'a Program,
    index: Index<'a>,
    paper: Paper,
    site_title: String,
    language: String,
    files: Vec<SiteFile>,
    /// Every page's path, for the sitemap.
    paths: Vec<PathBuf>,
}

impl<'a> SiteBuilder<'a> {
    fn new(
        project: &'a Project,
        paper: Paper,
        theme: &'a Theme,
        downloads: Downloads,
    ) -> SiteBuilder<'a> {
        SiteBuilder {
            downloads,
            theme,
            program: &project.program,
            index: Index::new(&project.program),
            paper,
            site_title: project.config.title.clone(),
            site_url: site_url(&project.config.base_url),
            language: project.config.language.clone(),
            files: Vec::new(),
            paths: Vec::new(),
        }
    }
}

/// Which top-level section a page belongs to, for the navigation.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Home,
    Plan,
    Exercises,
    Scripts,
    Worksheets,
    Rituals,
    Tables,
    Faq,
}

impl<'a> SiteBuilder<'a> {
    fn base(
        &self,
        title: &str,
        description: &str,
        depth: usize,
        section: Section,
        crumbs: Vec<Link>,
    ) -> Base {
        let root = "../".repeat(depth);
        let mut nav = vec![
            (Section::Home, "Home".to_string(), "index.html".to_string()),
            (Section::Plan, "The plan".into(), "plan.html".into()),
            (
                Section::Exercises,
                "Exercises".into(),
                "exercises/index.html".into(),
            ),
            (
                Section::Scripts,
                "Scripts".into(),
                "scripts/index.html".into(),
            ),
            (
                Section::Worksheets,
                "Worksheets".into(),
                "worksheets/index.html".into(),
            ),
            (Section::Rituals, "Rituals".into(), "rituals.html".into()),
        ];
        for t in &self.program.tables {
            nav.push((
                Section::Tables,
                t.title.clone(),
                format!("tables/{}.html", t.id),
            ));
        }
        nav.push((Section::Faq, "FAQ".into(), "faq.html".into()));
        Base {
            site_title: self.site_title.clone(),
            site_url: self.site_url.clone(),
            language: self.language.clone(),
            title: title.to_string(),
            description: description.to_string(),
            nav: nav
                .into_iter()
                .map(|(s, t, h)| NavItem {
                    current: s == section,
                    title: t,
                    href: format!("{root}{h}"),
                })
                .collect(),
            crumbs: crumbs
                .into_iter()
                .map(|c| Link {
                    href: format!("{root}{}", c.href),
                    ..c
                })
                .collect(),
            root,
        }
    }

    /// Renders one page.
    fn file(&self, path: &str, template: &str, view: &impl Serialize) -> Result<SiteFile> {
        let html = self.theme.render(template, view, path)?;
        Ok(SiteFile {
            path: path.into(),
            bytes: html.into_bytes(),
        })
    }

    fn page(&mut self, path: &str, template: &str, view: &impl Serialize) -> Result<()> {
        let file = self.file(path, template, view)?;
        self.push(file);
        Ok(())
    }

    fn push(&mut self, file: SiteFile) {
        self.paths.push(file.path.clone());
        self.files.push(file);
    }

    /// Hands the pages made so far to the sink.
    fn flush(&mut self, sink: &mut dyn FnMut(SiteFile) -> Result<()>) -> Result<()> {
        for f in self.files.drain(..) {
            sink(f)?;
        }
        Ok(())
    }

    /// Renders `items`' pages on every core, a chunk at a time so that at
    /// most a chunk of pages waits in memory for the sink, in order.
    fn parallel<T: Sync>(
        &mut self,
        items: &[T],
        render: impl Fn(&Self, &T) -> Result<Option<SiteFile>> + Sync,
        sink: &mut dyn FnMut(SiteFile) -> Result<()>,
    ) -> Result<()> {
        for chunk in items.chunks(256) {
            let made: Vec<Result<Option<SiteFile>>> =
                chunk.par_iter().map(|item| render(self, item)).collect();
            for file in made {
                if let Some(f) = file? {
                    self.push(f);
                }
            }
            self.flush(sink)?;
        }
        Ok(())
    }

    fn pages(&mut self, sink: &mut dyn FnMut(SiteFile) -> Result<()>) -> Result<()> {
        let p = self.program;
        self.home()?;
        self.plan()?;
        self.parallel(&p.weeks, |s, w| s.week_file(w.number), sink)?;
        self.exercise_list()?;
        self.parallel(&p.exercises, |s, e| s.exercise_file(e).map(Some), sink)?;
        self.script_list()?;
        self.parallel(&p.scripts, |s, x| s.script_file(x).map(Some), sink)?;
        self.printables()?;
        for w in &p.worksheets {
            self.worksheet(w)?;
        }
        self.rituals()?;
        for t in &p.tables {
            self.table(t)?;
        }
        self.faq()?;
        self.flush(sink)
    }

    /// The page of one item, when it exists.
    fn page_of(&mut self, page: &PageOf) -> Result<()> {
        let p = self.program;
        match page {
            PageOf::Week(n) => self.week(*n),
            PageOf::Exercise(id) => match self.index.exercises.get(id.as_str()) {
                Some(e) => self.exercise(e),
                None => Ok(()),
            },
            PageOf::Script(id) => match p.scripts.iter().find(|s| s.id == *id) {
                Some(s) => self.script(s),
                None => Ok(()),
            },
            PageOf::Worksheet(id) => match p.worksheet(id) {
                Some(w) => self.worksheet(w),
                None => Ok(()),
            },
        }
    }

    fn home(&mut self) -> Result<()> {
        let p = self.program;
        let home = Home {
            base: self.base(&p.title, &p.summary, 0, Section::Home, vec![]),
            subtitle: p.subtitle.clone().unwrap_or_default(),
            audience: p.audience.clone(),
            summary: p.summary.clone(),
            intro_html: html::blocks(&p.intro),
            weeks: p
                .weeks
                .iter()
                .map(|w| Link {
                    title: format!("Week {} · {}", w.number, w.title),
                    href: week_href(w.number),
                    note: w.focus.clone(),
                })
                .collect(),
            workbook_href: "downloads/workbook.pdf".into(),
        };
        self.page("index.html", "index.html", &home)
    }

    fn plan(&mut self) -> Result<()> {
        let p = self.program;
        let plan = Plan {
            base: self.base(
                "The plan",
                &format!("The {}-week plan at a glance.", p.weeks.len()),
                0,
                Section::Plan,
                vec![home_crumb()],
            ),
            weeks: p
                .weeks
                .iter()
                .map(|w| WeekSummary {
                    number: w.number,
                    title: w.title.clone(),
                    focus: w.focus.clone(),
                    href: week_href(w.number),
                    tasks_html: w.tasks.iter().map(|t| html::inlines(t)).collect(),
                })
                .collect(),
        };
        self.page("plan.html", "plan.html", &plan)
    }

    fn week(&mut self, number: u32) -> Result<()> {
        if let Some(f) = self.week_file(number)? {
            self.push(f);
        }
        Ok(())
    }

    fn week_file(&self, number: u32) -> Result<Option<SiteFile>> {
        let p = self.program;
        let Some(i) = p.weeks.iter().position(|w| w.number == number) else {
            return Ok(None);
        };
        let w = &p.weeks[i];
        let title = format!("Week {} · {}", w.number, w.title);
        let neighbour = |j: usize| {
            p.weeks.get(j).map(|n| Link {
                title: format!("Week {} · {}", n.number, n.title),
                href: format!("week-{}.html", n.number),
                note: String::new(),
            })
        };
        let index = &self.index;
        let view = WeekPage {
            base: self.base(
                &title,
                &w.focus,
                1,
                Section::Plan,
                vec![home_crumb(), plan_crumb()],
            ),
            number: w.number,
            total: p.weeks.len(),
            focus: w.focus.clone(),
            tasks_html: w.tasks.iter().map(|t| html::inlines(t)).collect(),
            body_html: html::blocks(&w.body),
            exercises: w
                .exercises
                .iter()
                .filter_map(|id| index.exercises.get(id.as_str()))
                .map(|e| Link {
                    title: e.title.clone(),
                    href: format!("../exercises/{}.html", e.id),
                    note: e.summary.clone(),
                })
                .collect(),
            scripts: w
                .scripts
                .iter()
                .filter_map(|id| index.scripts.get(id.as_str()))
                .map(|s| Link {
                    title: s.title.clone(),
                    href: format!("../scripts/{}.html", s.id),
                    note: s.summary.clone(),
                })
                .collect(),
            worksheets: w
                .worksheets
                .iter()
                .filter_map(|id| index.worksheets.get(id.as_str()))
                .map(|s| Link {
                    title: s.title.clone(),
                    href: format!("../worksheets/{}.html", s.id),
                    note: s.subtitle.clone().unwrap_or_default(),
                })
                .collect(),
            prev: i.checked_sub(1).and_then(neighbour),
            next: neighbour(i + 1),
        };
        self.file(&format!("weeks/week-{}.html", w.number), "week.html", &view)
            .map(Some)
    }

    /// Links to the weeks that use the item with this id.
    fn used_in(&self, id: &str) -> Vec<Link> {
        self.index
            .used_in
            .get(id)
            .into_iter()
            .flatten()
            .map(|w| Link {
                title: format!("Week {} · {}", w.number, w.title),
                href: format!("../{}", week_href(w.number)),
                note: String::new(),
            })
            .collect()
    }

    fn exercise_list(&mut self) -> Result<()> {
        let p = self.program;
        let view = ListPage {
            base: self.base("Exercises", "Every exercise in the program.", 1, Section::Exercises, vec![home_crumb()]),
            intro: "Short, timed practices to do together. Each one says how long it takes and who does what.".into(),
            items: p.exercises.iter().map(|e| Link { title: e.title.clone(), href: format!("{}.html", e.id), note: format!("{} min · {}", e.minutes, e.summary) }).collect(),
        };
        self.page("exercises/index.html", "list.html", &view)
    }

    fn exercise(&mut self, e: &Exercise) -> Result<()> {
        let f = self.exercise_file(e)?;
        self.push(f);
        Ok(())
    }

    fn exercise_file(&self, e: &Exercise) -> Result<SiteFile> {
        let view = ExercisePage {
            base: self.base(
                &e.title,
                &e.summary,
                1,
                Section::Exercises,
                vec![home_crumb(), link("Exercises", "exercises/index.html")],
            ),
            minutes: e.minutes,
            summary: e.summary.clone(),
            roles: e.roles.iter().map(role).collect(),
            steps_html: e.steps.iter().map(|s| html::inlines(s)).collect(),
            body_html: html::blocks(&e.body),
            used_in: self.used_in(&e.id),
        };
        self.file(&format!("exercises/{}.html", e.id), "exercise.html", &view)
    }

    fn script_list(&mut self) -> Result<()> {
        let p = self.program;
        let view = ListPage {
            base: self.base(
                "Scripts and templates",
                "Words to say and forms to fill in.",
                1,
                Section::Scripts,
                vec![home_crumb()],
            ),
            intro: "Words to borrow when things are hard, and templates to fill in together."
                .into(),
            items: p
                .scripts
                .iter()
                .map(|s| Link {
                    title: s.title.clone(),
                    href: format!("{}.html", s.id),
                    note: s.summary.clone(),
                })
                .collect(),
        };
        self.page("scripts/index.html", "list.html", &view)
    }

    fn script(&mut self, s: &Script) -> Result<()> {
        let f = self.script_file(s)?;
        self.push(f);
        Ok(())
    }

    fn script_file(&self, s: &Script) -> Result<SiteFile> {
        let view = ScriptPage {
            base: self.base(
                &s.title,
                &s.summary,
                1,
                Section::Scripts,
                vec![home_crumb(), link("Scripts", "scripts/index.html")],
            ),
            kind: match s.kind {
                ScriptKind::Script => "Script".into(),
                ScriptKind::Template => "Template".into(),
            },
            summary: s.summary.clone(),
            parts: s
                .parts
                .iter()
                .map(|x| PartView {
                    name: x.name.clone(),
                    text_html: html::inlines(&x.text),
                })
                .collect(),
            phrases_html: s.phrases.iter().map(|x| html::inlines(x)).collect(),
            body_html: html::blocks(&s.body),
            used_in: self.used_in(&s.id),
        };
        self.file(&format!("scripts/{}.html", s.id), "script.html", &view)
    }

    fn printables(&mut self) -> Result<()> {
        let p = self.program;
        let paper = self.paper;
        // Sizes are unknown when the PDFs are built on request (serve): then they are left out.
        let size = |bytes: Option<usize>| match bytes {
            Some(b) => format!(" · {} KB", (b as f64 / 1024.0).ceil() as usize),
            None => String::new(),
        };
        let view = PrintablesPage {
            base: self.base("Worksheets to print", "One-page sheets to print for the fridge.", 1, Section::Worksheets, vec![home_crumb()]),
            intro: "One-page sheets in large type, to print and stick on the fridge. Each has a preview; the PDF is what you print.".into(),
            sheets: p
                .worksheets_in_plan_order()
                .into_iter()
                .map(|w| {
                    let orientation = match w.orientation {
                        crate::model::Orientation::Portrait => "portrait",
                        crate::model::Orientation::Landscape => "landscape",
                    };
                    Printable {
                        title: w.title.clone(),
                        note: w.subtitle.clone().unwrap_or_default(),
                        preview_href: format!("{}.html", w.id),
                        pdf_href: format!("../downloads/worksheets/{}.pdf", w.id),
                        details: format!("{} · {orientation} · 1 page{}", paper.label(), size(self.downloads.sheet_bytes(&w.id))),
                    }
                })
                .collect(),
            extras: vec![
                Printable {
                    title: "Every worksheet in one file".into(),
                    note: "One print job for the whole set.".into(),
                    preview_href: String::new(),
                    pdf_href: "../downloads/worksheets/all.pdf".into(),
                    details: format!("{} · {} pages{}", paper.label(), p.worksheets.len(), size(self.downloads.all)),
                },
                Printable {
                    title: "The workbook".into(),
                    note: "Every week, exercise and script, as a book to print.".into(),
                    preview_href: String::new(),
                    pdf_href: "../downloads/workbook.pdf".into(),
                    details: match self.downloads.workbook {
                        Some((bytes, pages)) => format!("{} · {pages} pages{}", paper.label(), size(Some(bytes))),
                        None => format!("{} · built when you open it", paper.label()),
                    },
                },
            ],
        };
        self.page("worksheets/index.html", "printables.html", &view)
    }

    fn worksheet(&mut self, w: &Worksheet) -> Result<()> {
        let p = self.program;
        let view = WorksheetPage {
            base: self.base(
                &w.title,
                w.subtitle.as_deref().unwrap_or(&w.title),
                1,
                Section::Worksheets,
                vec![home_crumb(), link("Worksheets", "worksheets/index.html")],
            ),
            subtitle: w.subtitle.clone().unwrap_or_default(),
            blocks: w.blocks.iter().map(|b| sheet_block(b, p)).collect(),
            pdf_href: format!("../downloads/worksheets/{}.pdf", w.id),
            paper: self.paper.label().into(),
            used_in: self.used_in(&w.id),
        };
        self.page(
            &format!("worksheets/{}.html", w.id),
            "worksheet.html",
            &view,
        )
    }

    fn rituals(&mut self) -> Result<()> {
        let p = self.program;
        let view = RitualsPage {
            base: self.base(
                "Micro-rituals",
                "Small daily practices: pick one and keep it for thirty days.",
                0,
                Section::Rituals,
                vec![home_crumb()],
            ),
            rituals: p
                .rituals
                .iter()
                .enumerate()
                .map(|(i, r)| RitualView {
                    id: r.id.clone(),
                    title: r.title.clone(),
                    minutes: r.minutes,
                    description_html: html::blocks(&r.description),
                    is_default: i == p.default_ritual,
                })
                .collect(),
        };
        self.page("rituals.html", "rituals.html", &view)
    }

    fn table(&mut self, t: &Table) -> Result<()> {
        let view = TablePage {
            base: self.base(
                &t.title,
                &describe(&t.intro),
                1,
                Section::Tables,
                vec![home_crumb()],
            ),
            intro_html: html::blocks(&t.intro),
            columns: t.columns.clone(),
            rows: t
                .rows
                .iter()
                .map(|r| r.iter().map(|c| html::inlines(c)).collect())
                .collect(),
        };
        self.page(&format!("tables/{}.html", t.id), "table.html", &view)
    }

    fn faq(&mut self) -> Result<()> {
        let p = self.program;
        let view = FaqPage {
            base: self.base(
                &p.faq.title,
                "Answers to the questions couples ask most.",
                0,
                Section::Faq,
                vec![home_crumb()],
            ),
            questions: p
                .faq
                .questions
                .iter()
                .map(|q| QuestionView {
                    id: q.id.clone(),
                    question: q.question.clone(),
                    answer_html: html::blocks(&q.answer),
                })
                .collect(),
        };
        self.page("faq.html", "faq.html", &view)
    }
}

fn home_crumb() -> Link {
    link("Home", "index.html")
}

fn plan_crumb() -> Link {
    link("The plan", "plan.html")
}

/// The absolute URL the site is published at, ending in `/`; empty when `base_url` is a path.
fn site_url(base_url: &str) -> String {
    let b = base_url.trim();
    if b.starts_with("http://") || b.starts_with("https://") {
        format!("{}/", b.trim_end_matches('/'))
    } else {
        String::new()
    }
}

/// The path part of `base_url`, ending in `/`: "/" or "/guide/".
fn base_path(base_url: &str) -> String {
    let b = base_url.trim();
    let path = match b.split_once("://") {
        Some((_, rest)) => rest.find('/').map(|i| &rest[i..]).unwrap_or("/"),
        None => b,
    };
    format!("/{}/", path.trim_matches('/')).replace("//", "/")
}

impl SiteBuilder<'_> {
    /// A 404 page with links from the site's base path, as a server shows it at any depth.
    fn not_found(&mut self, base_url: &str) -> Result<()> {
        let mut base = self.base(
            "Page not found",
            "This page does not exist.",
            0,
            Section::Home,
            vec![],
        );
        let root = base_path(base_url);
        for item in &mut base.nav {
            item.href = format!("{root}{}", item.href);
        }
        base.root = root;
        let view = NotFoundPage { base };
        self.page("404.html", "404.html", &view)
    }

    /// Every page, for search engines. URLs are absolute when `base_url` is.
    fn sitemap(&self, base_url: &str) -> String {
        let prefix = if self.site_url.is_empty() {
            base_path(base_url)
        } else {
            self.site_url.clone()
        };
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for p in &self.paths {
            let path = p.to_string_lossy();
            if path.ends_with(".html") && path != "404.html" {
                xml.push_str(&format!(
                    "  <url><loc>{}</loc></url>\n",
                    html::escape(&format!("{prefix}{path}"))
                ));
            }
        }
        xml.push_str("</urlset>\n");
        xml
    }
}

fn link(title: &str, href: &str) -> Link {
    Link {
        title: title.into(),
        href: href.into(),
        note: String::new(),
    }
}

fn week_href(n: u32) -> String {
    format!("weeks/week-{n}.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_file_is_built_in() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                BUILTIN.iter().any(|(n, _)| *n == name),
                "templates/{name} is not embedded in the binary"
            );
        }
    }
}
