//! The reference pages: micro-rituals, tables, questions and answers, and the 404 page.

use super::*;

impl SiteBuilder<'_> {
    pub(super) fn rituals(&mut self) -> Result<()> {
        let p = self.program;
        let view = RitualsPage {
            base: self.base(
                &p.rituals_title,
                self.t().get("rituals_description"),
                0,
                Section::Rituals,
                vec![home_crumb(self.t())],
            ),
            intro: p
                .intros
                .rituals
                .clone()
                .unwrap_or_else(|| self.t().get("rituals_intro").into()),
            rituals: p
                .rituals
                .iter()
                .enumerate()
                .map(|(i, r)| RitualView {
                    id: r.id.clone(),
                    title: r.title.clone(),
                    minutes: r.minutes,
                    minutes_label: self.t().fmt("minutes_short", &[("n", &r.minutes)]),
                    description_html: html::blocks(&r.description),
                    is_default: Some(i) == p.default_ritual,
                })
                .collect(),
        };
        self.page(urls::RITUALS, "rituals.html", &view)
    }

    pub(super) fn table(&mut self, t: &Table) -> Result<()> {
        let view = TablePage {
            base: self.base(
                &t.title,
                &describe(&t.intro),
                1,
                Section::Tables,
                vec![home_crumb(self.t())],
            ),
            intro_html: html::blocks(&t.intro),
            columns: t.columns.clone(),
            rows: t
                .rows
                .iter()
                .map(|r| r.iter().map(|c| html::inlines(c)).collect())
                .collect(),
        };
        self.page(&urls::table(&t.id), "table.html", &view)
    }

    pub(super) fn faq(&mut self, faq: &Faq) -> Result<()> {
        let p = self.program;
        let view = FaqPage {
            intro: p.intros.faq.clone().unwrap_or_default(),
            base: self.base(
                &faq.title,
                self.t().get("faq_description"),
                0,
                Section::Faq,
                vec![home_crumb(self.t())],
            ),
            questions: faq
                .questions
                .iter()
                .map(|q| QuestionView {
                    id: q.id.clone(),
                    question: q.question.clone(),
                    answer_html: html::blocks(&q.answer),
                })
                .collect(),
        };
        self.page(urls::FAQ, "faq.html", &view)
    }

    /// The search page: with JavaScript, the results for `?q=`; without it,
    /// every page of the guide, so the search box in the header never leads nowhere.
    pub(in crate::render::site) fn search_page(
        &mut self,
        entries: &[super::super::search::Entry],
    ) -> Result<()> {
        let view = SearchPage {
            base: self.base(
                self.t().get("search_title"),
                self.t().get("search_description"),
                0,
                Section::Home,
                vec![home_crumb(self.t())],
            ),
            pages: entries
                .iter()
                .map(|e| SearchHit {
                    title: e.t.clone(),
                    href: urls::relative(urls::SEARCH, &e.u),
                    section: e.s.clone(),
                })
                .collect(),
        };
        self.page(urls::SEARCH, "search.html", &view)
    }

    /// A 404 page with links from the site's base path, as a server shows it at any depth.
    pub(in crate::render::site) fn not_found(&mut self, base_url: &str) -> Result<()> {
        let mut base = self.base(
            self.t().get("not_found_title"),
            self.t().get("not_found_description"),
            0,
            Section::Home,
            vec![],
        );
        let root = urls::base_path(base_url);
        for item in &mut base.nav {
            item.href = format!("{root}{}", item.href);
        }
        base.root = root;
        let view = NotFoundPage { base };
        self.page(urls::NOT_FOUND, "404.html", &view)
    }
}
