//! Fills `{{ name }}`, `{{ partner }}`, `{{ names }}` and `{{ ritual }}` in every text of a program.

use crate::model::person::Person;
use crate::model::text::{Block, Inline};
use crate::model::*;

/// The values placeholders take.
#[derive(Debug, Clone)]
pub struct Vars {
    name: String,
    partner: String,
    names: String,
    ritual: String,
}

impl Vars {
    /// Neutral words for public outputs, which never hold personal data.
    pub fn neutral(program: &Program) -> Vars {
        Vars {
            name: program.neutral.name.clone(),
            partner: program.neutral.partner.clone(),
            names: program.neutral.names.clone(),
            ritual: program
                .default_ritual
                .and_then(|i| program.rituals.get(i))
                .map(|r| r.title.to_lowercase())
                .unwrap_or_default(),
        }
    }

    /// A person's values; a solo profile gets no "partner" where there is none.
    pub fn for_person(program: &Program, p: &Person) -> Vars {
        Vars {
            name: p.name.clone(),
            partner: p
                .partner
                .clone()
                .unwrap_or_else(|| "someone you trust".into()),
            names: p.names(),
            ritual: p
                .ritual
                .and_then(|i| program.rituals.get(i))
                .map(|r| r.title.to_lowercase())
                .unwrap_or_default(),
        }
    }

    /// `text` with every known placeholder replaced; unknown ones stay as written.
    pub fn apply(&self, text: &str) -> String {
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

fn s(text: &mut String, v: &Vars) {
    if text.contains("{{") {
        *text = v.apply(text);
    }
}

fn inlines(is: &mut [Inline], v: &Vars) {
    for i in is {
        match i {
            Inline::Text(t) | Inline::Code(t) => s(t, v),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => inlines(c, v),
            Inline::Break => {}
            other => {
                crate::model::text::each_inline_text_mut(std::slice::from_mut(other), &mut |t| {
                    s(t, v)
                })
            }
        }
    }
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
            _ => {}
        }
    }
}

/// Fills placeholders everywhere in `p`.
pub fn program(p: &mut Program, v: &Vars) {
    for t in [&mut p.title, &mut p.audience, &mut p.summary] {
        s(t, v);
    }
    blocks(&mut p.intro, v);
    p.weeks.iter_mut().for_each(|w| week(w, v));
    p.exercises.iter_mut().for_each(|e| exercise(e, v));
    p.scripts.iter_mut().for_each(|x| script(x, v));
    p.rituals
        .iter_mut()
        .for_each(|r| blocks(&mut r.description, v));
    p.faq
        .iter_mut()
        .flat_map(|f| &mut f.questions)
        .for_each(|q| blocks(&mut q.answer, v));
    p.worksheets.iter_mut().for_each(|w| worksheet(w, v));
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
    s(&mut sc.summary, v);
    sc.parts.iter_mut().for_each(|x| inlines(&mut x.text, v));
    sc.phrases.iter_mut().for_each(|x| inlines(x, v));
    blocks(&mut sc.body, v);
}

/// Fills placeholders in one worksheet.
pub fn worksheet(w: &mut Worksheet, v: &Vars) {
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
        }
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
