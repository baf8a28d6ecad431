//! The home page, the plan and the week pages.

use super::*;

impl SiteBuilder<'_> {
    pub(super) fn home(&mut self) -> Result<()> {
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
                .map(|w| ItemLink {
                    title: self.week_title(w),
                    href: urls::relative(urls::HOME, &urls::week(w.number)),
                    note: w.focus.clone(),
                })
                .collect(),
            workbook_href: urls::relative(urls::HOME, urls::WORKBOOK_PDF),
            kicker: self.t().count("home_kicker", p.weeks.len(), &[]),
            weeks_heading: self.t().count("home_weeks", p.weeks.len(), &[]),
        };
        self.page(urls::HOME, "index.html", &home)
    }

    pub(super) fn plan(&mut self) -> Result<()> {
        let p = self.program;
        let plan = Plan {
            base: self.base(
                self.t().get("nav_plan"),
                &self.t().count("plan_description", p.weeks.len(), &[]),
                0,
                Section::Plan,
                vec![home_crumb(self.t())],
            ),
            weeks: p
                .weeks
                .iter()
                .map(|w| WeekSummary {
                    heading: self.week_title(w),
                    number: w.number,
                    title: w.title.clone(),
                    focus: w.focus.clone(),
                    href: urls::relative(urls::PLAN, &urls::week(w.number)),
                    tasks_html: w.tasks.iter().map(|t| html::inlines(t)).collect(),
                })
                .collect(),
            intro: p
                .intros
                .plan
                .clone()
                .unwrap_or_else(|| self.t().get("plan_intro").into()),
        };
        self.page(urls::PLAN, "plan.html", &plan)
    }

    pub(super) fn week(&mut self, number: u32) -> Result<()> {
        if let Some(f) = self.week_file(number)? {
            self.push(f);
        }
        Ok(())
    }

    pub(super) fn week_file(&self, number: u32) -> Result<Option<SiteFile>> {
        let p = self.program;
        let Some(i) = p.weeks.iter().position(|w| w.number == number) else {
            return Ok(None);
        };
        let w = &p.weeks[i];
        let page = urls::week(w.number);
        let title = self.week_title(w);
        let neighbour = |j: usize| {
            p.weeks.get(j).map(|n| ItemLink {
                title: self.week_title(n),
                href: urls::relative(&page, &urls::week(n.number)),
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
                vec![home_crumb(self.t()), plan_crumb(self.t())],
            ),
            number: w.number,
            total: p.weeks.len(),
            kicker: self.t().fmt(
                "week_kicker",
                &[("n", &w.number), ("total", &p.weeks.len())],
            ),
            focus: w.focus.clone(),
            tasks_html: w.tasks.iter().map(|t| html::inlines(t)).collect(),
            body_html: html::blocks(&w.body),
            exercises: w
                .exercises
                .iter()
                .filter_map(|id| index.exercises.get(id.as_str()))
                .map(|e| ItemLink {
                    title: e.title.clone(),
                    href: urls::relative(&page, &urls::exercise(&e.id)),
                    note: e.summary.clone(),
                })
                .collect(),
            scripts: w
                .scripts
                .iter()
                .filter_map(|id| index.scripts.get(id.as_str()))
                .map(|s| ItemLink {
                    title: s.title.clone(),
                    href: urls::relative(&page, &urls::script(&s.id)),
                    note: s.summary.clone(),
                })
                .collect(),
            worksheets: w
                .worksheets
                .iter()
                .filter_map(|id| index.worksheets.get(id.as_str()))
                .map(|s| ItemLink {
                    title: s.title.clone(),
                    href: urls::relative(&page, &urls::worksheet(&s.id)),
                    note: s.subtitle.clone().unwrap_or_default(),
                })
                .collect(),
            prev: i.checked_sub(1).and_then(neighbour),
            next: neighbour(i + 1),
        };
        self.file(&page, "week.html", &view).map(Some)
    }
}
