//! The exercises and scripts: their lists and their pages.

use super::*;

impl SiteBuilder<'_> {
    /// Links from the page at `from` to the weeks that use the item with this id.
    pub(super) fn used_in(&self, from: &str, id: &str) -> Vec<ItemLink> {
        self.index
            .used_in
            .get(id)
            .into_iter()
            .flatten()
            .map(|w| ItemLink {
                title: self.week_title(w),
                href: urls::relative(from, &urls::week(w.number)),
                note: String::new(),
            })
            .collect()
    }

    pub(super) fn exercise_list(&mut self) -> Result<()> {
        let p = self.program;
        let view = ListPage {
            base: self.base(
                self.t().get("exercises_title"),
                self.t().get("exercises_description"),
                1,
                Section::Exercises,
                vec![home_crumb(self.t())],
            ),
            intro: p
                .intros
                .exercises
                .clone()
                .unwrap_or_else(|| self.t().get("exercises_intro").into()),
            items: p
                .exercises
                .iter()
                .map(|e| ItemLink {
                    title: e.title.clone(),
                    href: urls::relative(urls::EXERCISES, &urls::exercise(&e.id)),
                    note: self.t().fmt(
                        "minutes_note",
                        &[("n", &e.minutes), ("summary", &e.summary)],
                    ),
                })
                .collect(),
        };
        self.page(urls::EXERCISES, "list.html", &view)
    }

    pub(super) fn exercise(&mut self, e: &Exercise) -> Result<()> {
        let f = self.exercise_file(e)?;
        self.push(f);
        Ok(())
    }

    pub(super) fn exercise_file(&self, e: &Exercise) -> Result<SiteFile> {
        let page = urls::exercise(&e.id);
        let view = ExercisePage {
            base: self.base(
                &e.title,
                &e.summary,
                1,
                Section::Exercises,
                vec![
                    home_crumb(self.t()),
                    link(self.t().get("nav_exercises"), urls::EXERCISES),
                ],
            ),
            kicker: self.t().count("exercise_kicker", e.minutes as usize, &[]),
            minutes: e.minutes,
            summary: e.summary.clone(),
            roles: e.roles.iter().map(role).collect(),
            steps_html: e.steps.iter().map(|s| html::inlines(s)).collect(),
            body_html: html::blocks(&e.body),
            used_in: self.used_in(&page, &e.id),
        };
        self.file(&page, "exercise.html", &view)
    }

    pub(super) fn script_list(&mut self) -> Result<()> {
        let p = self.program;
        let view = ListPage {
            base: self.base(
                self.t().get("scripts_title"),
                self.t().get("scripts_description"),
                1,
                Section::Scripts,
                vec![home_crumb(self.t())],
            ),
            intro: p
                .intros
                .scripts
                .clone()
                .unwrap_or_else(|| self.t().get("scripts_intro").into()),
            items: p
                .scripts
                .iter()
                .map(|s| ItemLink {
                    title: s.title.clone(),
                    href: urls::relative(urls::SCRIPTS, &urls::script(&s.id)),
                    note: s.summary.clone(),
                })
                .collect(),
        };
        self.page(urls::SCRIPTS, "list.html", &view)
    }

    pub(super) fn script(&mut self, s: &Script) -> Result<()> {
        let f = self.script_file(s)?;
        self.push(f);
        Ok(())
    }

    pub(super) fn script_file(&self, s: &Script) -> Result<SiteFile> {
        let page = urls::script(&s.id);
        let view = ScriptPage {
            base: self.base(
                &s.title,
                &s.summary,
                1,
                Section::Scripts,
                vec![
                    home_crumb(self.t()),
                    link(self.t().get("nav_scripts"), urls::SCRIPTS),
                ],
            ),
            kind: match s.kind {
                ScriptKind::Script => self.t().get("script").into(),
                ScriptKind::Template => self.t().get("template").into(),
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
            used_in: self.used_in(&page, &s.id),
        };
        self.file(&page, "script.html", &view)
    }
}
