//! Fills `{{ name }}`, `{{ partner }}`, `{{ names }}` and `{{ ritual }}` in every text of a program.

use crate::model::person::Person;
use crate::model::text::{Block, Inline};
use crate::model::*;

/// Every placeholder a text may hold, as written between `{{` and `}}`.
pub const NAMES: &[&str] = &["name", "partner", "names", "ritual"];

/// The values placeholders take.
#[derive(Debug, Clone)]
pub struct Vars {
    name: String,
    partner: String,
    names: String,
    ritual: String,
    /// Public words ("you") take the capital of a sentence they start;
    /// a person's name is printed as they wrote it.
    capitalise: bool,
}

/// "Zoë & José" in the words of `program` (`names_and`), or "Zoë" alone.
pub fn names_of(program: &Program, p: &Person) -> String {
    match &p.partner {
        Some(partner) => program
            .strings
            .fmt("names_and", &[("name", &p.name), ("partner", partner)]),
        None => p.name.clone(),
    }
}

impl Vars {
    /// Neutral words for public outputs, which never hold personal data.
    pub fn neutral(program: &Program) -> Vars {
        Vars {
            capitalise: true,
            ..neutral_values(program)
        }
    }

    /// A person's values (the tool's words in `program.strings`); a solo profile gets no "partner" where there is none.
    pub fn for_person(program: &Program, p: &Person) -> Vars {
        Vars {
            name: p.name.clone(),
            partner: p
                .partner
                .clone()
                // The tool's neutral word, not the program's public one
                // (which may say "your partner" to a couple).
                .unwrap_or_else(|| program.strings.get("neutral_partner").to_string()),
            names: names_of(program, p),
            ritual: p
                .ritual
                .and_then(|i| program.rituals.get(i))
                .map(|r| r.title.to_lowercase())
                .unwrap_or_default(),
            capitalise: false,
        }
    }

    /// `text` with every known placeholder replaced; unknown ones stay as
    /// written (`check` reports them). `text` starts a sentence when
    /// `at_start` (a title, a list item, a paragraph's first run).
    pub fn apply(&self, text: &str) -> String {
        self.apply_from(text, true)
    }

    /// [`Vars::apply`] for a run of text that starts a sentence or not.
    pub fn apply_from(&self, text: &str, at_start: bool) -> String {
        if !text.contains("{{") {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(i) = rest.find("{{") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            match after.find("}}") {
                Some(j) => {
                    let key = after[..j].trim();
                    match self.get(key) {
                        Some(v) if self.capitalise && starts_sentence(&out, at_start) => {
                            out.push_str(&capitalised(v))
                        }
                        Some(v) => out.push_str(v),
                        None => out.push_str(&rest[i..i + 2 + j + 2]),
                    }
                    rest = &after[j + 2..];
                }
                None => {
                    out.push_str(&rest[i..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    fn get(&self, key: &str) -> Option<&str> {
        match key {
            "name" => Some(&self.name),
            "partner" => Some(&self.partner),
            "names" => Some(&self.names),
            "ritual" => Some(&self.ritual),
            _ => None,
        }
    }
}

/// The words public outputs put in place of personal data.
fn neutral_values(program: &Program) -> Vars {
    Vars {
        name: program.neutral.name.clone(),
        partner: program.neutral.partner.clone(),
        names: program.neutral.names.clone(),
        ritual: program
            .default_ritual
            .and_then(|i| program.rituals.get(i))
            .map(|r| r.title.to_lowercase())
            .unwrap_or_default(),
        capitalise: false,
    }
}

/// Characters that may stand between a sentence's start and its first word.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '„' | '‚' | '«' | '‹' | '(' | '[' | '¿' | '¡' | '*' | '_'
    )
}

/// Does text written after `before` start a sentence? It does at the start of
/// a text that starts one (`at_start`), and after `.`, `!`, `?` or `…` and a
/// space, or a line break, with any opening quotes or brackets in between.
fn starts_sentence(before: &str, at_start: bool) -> bool {
    let trimmed = before.trim_end_matches(is_opening);
    if trimmed.is_empty() {
        return at_start;
    }
    if trimmed.ends_with('\n') {
        return true;
    }
    let Some(spaced) = trimmed.strip_suffix(char::is_whitespace) else {
        return false;
    };
    spaced
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', '›', ')'])
        .ends_with(['.', '!', '?', '…'])
}

/// Does a run of text that follows `text` start a sentence (given that `text`
/// itself started one or not)?
fn ends_sentence(text: &str, at_start: bool) -> bool {
    if text.is_empty() {
        return at_start;
    }
    let probe = format!("{text}x");
    starts_sentence(&probe[..probe.len() - 1], at_start)
}

/// `word` with its first letter in upper case, where its script has cases.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn s(text: &mut String, v: &Vars) {
    if text.contains("{{") {
        *text = v.apply(text);
    }
}

/// Fills a run of inlines that starts a sentence; runs are read in order, so a
/// placeholder after "Done. " in an earlier run still starts one.
fn inlines(is: &mut [Inline], v: &Vars) {
    inlines_from(is, v, true);
}

fn inlines_from(is: &mut [Inline], v: &Vars, mut at_start: bool) -> bool {
    for i in is {
        at_start = match i {
            Inline::Text(t) => {
                if t.contains("{{") {
                    *t = v.apply_from(t, at_start);
                }
                ends_sentence(t, at_start)
            }
            Inline::Code(t) => {
                s(t, v);
                false
            }
            Inline::Emph(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Lang { content: c, .. }
            | Inline::Link { content: c, .. } => inlines_from(c, v, at_start),
            Inline::Break => true,
            Inline::Image { alt, .. } => {
                s(alt, v);
                false
            }
            Inline::Task(_) | Inline::NoteRef { .. } => at_start,
        }
    }
    at_start
}

fn blocks(bs: &mut [Block], v: &Vars) {
    for b in bs {
        match b {
            Block::Paragraph(i) | Block::Heading { content: i, .. } => inlines(i, v),
            Block::List { items, .. } => items.iter_mut().for_each(|item| blocks(item, v)),
            Block::Quote(inner) => blocks(inner, v),
            Block::Code(t) => s(t, v),
            Block::Rule | Block::PageBreak => {}
            other => {
                crate::model::text::each_text_mut(std::slice::from_mut(other), &mut |t| s(t, v))
            }
        }
    }
}

fn labels(l: &mut Labels, v: &Vars) {
    if let Labels::List(xs) = l {
        xs.iter_mut().for_each(|t| s(t, v));
    }
}

fn sheet_blocks(bs: &mut [SheetBlock], v: &Vars) {
    for b in bs {
        match b {
            SheetBlock::Heading(t) => s(t, v),
            SheetBlock::Text(x) => blocks(x, v),
            SheetBlock::Steps(x) | SheetBlock::Phrases(x) => {
                x.iter_mut().for_each(|i| inlines(i, v))
            }
            SheetBlock::Rating {
                label, low, high, ..
            } => [label, low, high].into_iter().for_each(|t| s(t, v)),
            SheetBlock::Lines { label: Some(t), .. } => s(t, v),
            SheetBlock::Cards { cards, .. } => cards.iter_mut().for_each(|c| {
                s(&mut c.title, v);
                inlines(&mut c.text, v);
            }),
            SheetBlock::Columns { left, right } => {
                sheet_blocks(left, v);
                sheet_blocks(right, v);
            }
            SheetBlock::BeforeAfter {
                measures,
                before,
                after,
                ..
            } => measures
                .iter_mut()
                .chain([before, after].into_iter().flatten())
                .for_each(|t| s(t, v)),
            SheetBlock::Log { columns, .. } => columns.iter_mut().for_each(|t| s(t, v)),
            SheetBlock::CheckboxGrid { rows, columns } => {
                [rows, columns].into_iter().for_each(|l| labels(l, v))
            }
            SheetBlock::Signature { names } => labels(names, v),
            SheetBlock::Image { alt, caption, .. } => {
                s(alt, v);
                caption.iter_mut().for_each(|t| s(t, v));
            }
            SheetBlock::Plan { .. } | SheetBlock::Lines { label: None, .. } => {}
        }
    }
}

/// Fills placeholders everywhere in `p`.
pub fn program(p: &mut Program, v: &Vars) {
    for t in [&mut p.title, &mut p.audience, &mut p.summary] {
        s(t, v);
    }
    if let Some(sub) = &mut p.subtitle {
        s(sub, v);
    }
    blocks(&mut p.intro, v);
    p.weeks.iter_mut().for_each(|w| week(w, v));
    p.exercises.iter_mut().for_each(|e| exercise(e, v));
    p.scripts.iter_mut().for_each(|x| script(x, v));
    p.rituals
        .iter_mut()
        .for_each(|r| blocks(&mut r.description, v));
    p.rituals.iter_mut().for_each(|r| s(&mut r.title, v));
    p.tables.iter_mut().for_each(|t| table(t, v));
    if let Some(faq) = p.faq.as_mut() {
        s(&mut faq.title, v);
        faq.questions.iter_mut().for_each(|q| {
            s(&mut q.question, v);
            blocks(&mut q.answer, v);
        });
    }
    p.worksheets.iter_mut().for_each(|w| worksheet(w, v));
}

/// Fills placeholders in one table.
fn table(t: &mut Table, v: &Vars) {
    s(&mut t.title, v);
    blocks(&mut t.intro, v);
    t.columns.iter_mut().for_each(|c| s(c, v));
    t.rows
        .iter_mut()
        .flatten()
        .for_each(|cell| inlines(cell, v));
}

/// Fills placeholders in one week.
pub fn week(w: &mut Week, v: &Vars) {
    s(&mut w.title, v);
    s(&mut w.focus, v);
    w.tasks.iter_mut().for_each(|t| inlines(t, v));
    blocks(&mut w.body, v);
}

/// Fills placeholders in one exercise.
pub fn exercise(e: &mut Exercise, v: &Vars) {
    s(&mut e.title, v);
    s(&mut e.summary, v);
    e.roles.iter_mut().for_each(|r| {
        s(&mut r.who, v);
        inlines(&mut r.does, v);
    });
    e.steps.iter_mut().for_each(|t| inlines(t, v));
    blocks(&mut e.body, v);
}

/// Fills placeholders in one script.
pub fn script(sc: &mut Script, v: &Vars) {
    s(&mut sc.title, v);
    s(&mut sc.summary, v);
    sc.parts.iter_mut().for_each(|x| s(&mut x.name, v));
    sc.parts.iter_mut().for_each(|x| inlines(&mut x.text, v));
    sc.phrases.iter_mut().for_each(|x| inlines(x, v));
    blocks(&mut sc.body, v);
}

/// Fills placeholders in one worksheet.
pub fn worksheet(w: &mut Worksheet, v: &Vars) {
    s(&mut w.title, v);
    if let Some(sub) = &mut w.subtitle {
        s(sub, v);
    }
    sheet_blocks(&mut w.blocks, v);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> Vars {
        Vars {
            name: "Zoë".into(),
            partner: "José".into(),
            names: "Zoë & José".into(),
            ritual: "a check-in".into(),
            capitalise: false,
        }
    }

    fn empty_program() -> Program {
        Program {
            neutral: crate::model::Neutral {
                name: "you".into(),
                partner: "your partner".into(),
                names: "the two of you".into(),
            },
            faq: Some(Faq::default()),
            ..Program::default()
        }
    }

    fn public() -> Vars {
        Vars::neutral(&empty_program())
    }

    #[test]
    fn public_words_take_the_capital_of_the_sentence_they_start() {
        let v = public();
        assert_eq!(v.apply("{{ name }}, this week…"), "You, this week…");
        assert_eq!(
            v.apply("Done. {{ partner }} goes first! {{ name }}? ask {{ name }}."),
            "Done. Your partner goes first! You? ask you."
        );
        assert_eq!(
            v.apply("“{{ name }} first,” she said."),
            "“You first,” she said."
        );
        assert_eq!(v.apply("He said. \"{{ name }}\""), "He said. \"You\"");
        assert_eq!(
            v.apply("line one\n{{ names }} too"),
            "line one\nThe two of you too"
        );
        // Not at a sentence's start: in the middle, after a comma, in a later run.
        assert_eq!(
            v.apply("Ask {{ partner }}, {{ name }}."),
            "Ask your partner, you."
        );
        assert_eq!(v.apply_from("{{ name }} later", false), "you later");
    }

    #[test]
    fn a_sentence_start_carries_across_runs_of_a_paragraph() {
        let v = public();
        let mut runs = vec![
            Inline::Text("Rest. ".into()),
            Inline::Strong(vec![Inline::Text("{{ name }}".into())]),
            Inline::Text(" and {{ partner }}".into()),
        ];
        inlines(&mut runs, &v);
        assert_eq!(runs[1], Inline::Strong(vec![Inline::Text("You".into())]));
        assert_eq!(runs[2], Inline::Text(" and your partner".into()));
        let mut after_code = vec![Inline::Code("x".into()), Inline::Text(" {{ name }}".into())];
        inlines(&mut after_code, &v);
        assert_eq!(after_code[1], Inline::Text(" you".into()));
    }

    #[test]
    fn a_persons_names_stay_as_written() {
        let mut v = vars();
        v.name = "bell".into();
        assert_eq!(v.apply("{{ name }}, this week."), "bell, this week.");
        v.name = "美咲".into();
        assert_eq!(v.apply("{{ name }}, this week."), "美咲, this week.");
        v.name = "ελένη".into();
        assert_eq!(v.apply("Done. {{ name }} next."), "Done. ελένη next.");
    }

    #[test]
    fn capitals_leave_scripts_without_case_alone() {
        assert_eq!(capitalised("美咲"), "美咲");
        assert_eq!(capitalised("ßig"), "SSig");
        assert_eq!(capitalised("élan"), "Élan");
        assert_eq!(capitalised(""), "");
    }

    #[test]
    fn fills_titles_tables_and_questions_too() {
        let mut p = empty_program();
        p.tables.push(Table {
            id: "t".into(),
            title: "For {{ name }}".into(),
            intro: vec![],
            columns: vec!["{{ partner }}".into()],
            rows: vec![vec![vec![Inline::Text("{{ name }} too".into())]]],
        });
        p.faq.as_mut().unwrap().questions.push(Question {
            id: "q".into(),
            question: "What if {{ partner }} says no?".into(),
            answer: vec![],
        });
        program(&mut p, &public());
        assert_eq!(p.tables[0].title, "For you");
        assert_eq!(p.tables[0].columns[0], "Your partner");
        assert_eq!(p.tables[0].rows[0][0], vec![Inline::Text("You too".into())]);
        assert_eq!(
            p.faq.unwrap().questions[0].question,
            "What if your partner says no?"
        );
    }

    #[test]
    fn fills_known_placeholders_and_keeps_the_rest() {
        let v = vars();
        assert_eq!(
            v.apply("Hi {{ name }}, ask {{partner}} ({{ names }})."),
            "Hi Zoë, ask José (Zoë & José)."
        );
        assert_eq!(
            v.apply("{{ unknown }} and {{ ritual }}"),
            "{{ unknown }} and a check-in"
        );
        assert_eq!(v.apply("open {{ name"), "open {{ name");
    }
}
