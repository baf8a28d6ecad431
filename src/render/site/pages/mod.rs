//! Pages: every page of the site, each rendered from a typed view of the model.
//!
//! This module holds the builder, the navigation every page shares and the
//! order pages are made in; the pages themselves are in `plan`, `library`,
//! `printables` and `reference`.

mod library;
mod plan;
mod printables;
mod reference;

use super::theme::Theme;
use super::views::*;
use super::{html, urls, PageOf, SiteFile};
use crate::model::brand::LogoSize;
use crate::model::{
    Exercise, Faq, Paper, Program, Project, Script, ScriptKind, Table, Week, Worksheet,
};
use crate::strings::Strings;
use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;

/// Sizes of the PDFs the site offers, for the printables page; None when not built yet.
pub(super) struct Downloads {
    /// Bytes and pages.
    pub(super) workbook: Option<(usize, usize)>,
    pub(super) all: Option<usize>,
    pub(super) sheets: Vec<(String, usize)>,
    /// The sheets' thumbnails; none when the PDFs are not built.
    pub(super) thumbs: Vec<super::thumbs::Thumb>,
}

impl Downloads {
    /// Nothing built yet (serve builds the PDFs when they are opened).
    pub(in crate::render::site) fn none() -> Downloads {
        Downloads {
            workbook: None,
            all: None,
            sheets: Vec::new(),
            thumbs: Vec::new(),
        }
    }

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

pub(super) struct SiteBuilder<'a> {
    /// Where the site is published: an absolute URL ending in `/`, or empty when unknown.
    site_url: String,
    downloads: Downloads,
    theme: &'a Theme,
    program: &'a Program,
    index: Index<'a>,
    paper: Paper,
    site_title: String,
    /// The line at the foot of every page; empty for none.
    footer: String,
    language: String,
    pub(super) files: Vec<SiteFile>,
    /// Every page's path, for the sitemap.
    pub(super) paths: Vec<PathBuf>,
}

impl<'a> SiteBuilder<'a> {
    pub(super) fn new(
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
            footer: match &project.config.site_footer {
                Some(line) => line.trim().to_string(),
                None => project
                    .program
                    .strings
                    .fmt("site_footer", &[("title", &project.config.title)]),
            },
            site_url: urls::site_url(&project.config.base_url),
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
    /// The tool's words, in the program's language.
    fn t(&self) -> &'a Strings {
        &self.program.strings
    }

    /// "Week 3 · Rest".
    fn week_title(&self, w: &Week) -> String {
        self.t()
            .fmt("week_title", &[("n", &w.number), ("title", &w.title)])
    }

    fn base(
        &self,
        title: &str,
        description: &str,
        depth: usize,
        section: Section,
        crumbs: Vec<ItemLink>,
    ) -> Base {
        let root = "../".repeat(depth);
        let p = self.program;
        let t = self.t();
        let word = |key: &str| t.get(key).to_string();
        // A program without exercises, scripts, rituals or questions has no page for them.
        let mut nav = vec![
            (Section::Home, word("nav_home"), urls::HOME.to_string()),
            (Section::Plan, word("nav_plan"), urls::PLAN.into()),
        ];
        if !p.exercises.is_empty() {
            nav.push((
                Section::Exercises,
                word("nav_exercises"),
                urls::EXERCISES.into(),
            ));
        }
        if !p.scripts.is_empty() {
            nav.push((Section::Scripts, word("nav_scripts"), urls::SCRIPTS.into()));
        }
        nav.push((
            Section::Worksheets,
            word("nav_worksheets"),
            urls::WORKSHEETS.into(),
        ));
        if !p.rituals.is_empty() {
            nav.push((Section::Rituals, word("nav_rituals"), urls::RITUALS.into()));
        }
        for t in &p.tables {
            nav.push((Section::Tables, t.title.clone(), urls::table(&t.id)));
        }
        if p.faq.is_some() {
            nav.push((Section::Faq, word("nav_faq"), urls::FAQ.into()));
        }
        Base {
            footer: self.footer.clone(),
            site_title: self.site_title.clone(),
            site_url: self.site_url.clone(),
            language: self.language.clone(),
            dir: if crate::strings::is_rtl(&self.language) {
                "rtl"
            } else {
                "ltr"
            },
            title: title.to_string(),
            description: description.to_string(),
            nav: nav
                .into_iter()
                .map(|(s, t, h)| NavItem {
                    current: s == section,
                    title: t,
                    href: urls::from_root(&root, &h),
                })
                .collect(),
            crumbs: crumbs
                .into_iter()
                .map(|c| ItemLink {
                    href: urls::from_root(&root, &c.href),
                    ..c
                })
                .collect(),
            logo: p.brand.logo(LogoSize::Small).map(|l| Logo {
                src: urls::from_root(&root, &super::images::path(l)),
                width: l.width,
                height: l.height,
                alt: p.brand.logo.alt.clone().unwrap_or_default(),
            }),
            favicon: urls::from_root(&root, super::images::favicon_path(&p.brand)),
            favicon_type: super::images::favicon_type(&p.brand).into(),
            org: p.brand.name.as_ref().map(|name| ItemLink {
                title: name.clone(),
                href: p
                    .brand
                    .links
                    .iter()
                    .find(|(label, _)| label == "home")
                    .or(p.brand.links.first())
                    .map(|(_, url)| url.clone())
                    .unwrap_or_default(),
                note: String::new(),
            }),
            org_links: p
                .brand
                .links
                .iter()
                .filter(|(label, _)| label != "home")
                .map(|(label, url)| ItemLink {
                    title: label.clone(),
                    href: url.clone(),
                    note: String::new(),
                })
                .collect(),
            root,
        }
    }

    /// Renders one page.
    fn file(&self, path: &str, template: &str, view: &impl Serialize) -> Result<SiteFile> {
        let html = self
            .theme
            .render(template, view, path, &self.program.strings)?;
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

    pub(super) fn pages(&mut self, sink: &mut dyn FnMut(SiteFile) -> Result<()>) -> Result<()> {
        let p = self.program;
        self.home()?;
        self.plan()?;
        self.parallel(&p.weeks, |s, w| s.week_file(w.number), sink)?;
        if !p.exercises.is_empty() {
            self.exercise_list()?;
        }
        self.parallel(&p.exercises, |s, e| s.exercise_file(e).map(Some), sink)?;
        if !p.scripts.is_empty() {
            self.script_list()?;
        }
        self.parallel(&p.scripts, |s, x| s.script_file(x).map(Some), sink)?;
        self.printables()?;
        for w in &p.worksheets {
            self.worksheet(w)?;
        }
        if !p.rituals.is_empty() {
            self.rituals()?;
        }
        for t in &p.tables {
            self.table(t)?;
        }
        if let Some(faq) = &p.faq {
            self.faq(faq)?;
        }
        self.flush(sink)
    }

    /// The page of one item, when it exists.
    pub(super) fn page_of(&mut self, page: &PageOf) -> Result<()> {
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
}

fn home_crumb(t: &Strings) -> ItemLink {
    link(t.get("nav_home"), urls::HOME)
}

fn plan_crumb(t: &Strings) -> ItemLink {
    link(t.get("nav_plan"), urls::PLAN)
}

fn link(title: &str, href: &str) -> ItemLink {
    ItemLink {
        title: title.into(),
        href: href.into(),
        note: String::new(),
    }
}
