//! Personalise: the checked program plus a person gives a dated, named program (pure, no I/O).
//!
//! Takes a [`Program`] and a [`Person`]; gives a copy of the program with
//! every `{{ placeholder }}` filled in, grid labels that name the people, and
//! the dates of each week. Without a person (the public site and workbook) the
//! placeholders get neutral words, so no personal data can reach them.

mod dates;
pub mod placeholders;

use crate::model::person::Person;
use crate::model::{Labels, Program, SheetBlock, Worksheet};
pub use dates::{start_notice, week_dates, Names, WeekDates};
pub use placeholders::Vars;

/// What the personal outputs know beyond the program.
#[derive(Debug, Clone)]
pub struct Personal {
    pub person: Person,
    /// "Zoë & José", or "Zoë".
    pub names: String,
    /// Each week's dates, in order.
    pub weeks: Vec<WeekDates>,
    /// "7 December 2026 – 17 January 2027".
    pub span: String,
}

/// The program with neutral words for placeholders: for public outputs.
pub fn public(program: &Program) -> Program {
    let vars = Vars::neutral(program);
    let mut p = program.clone();
    placeholders::program(&mut p, &vars);
    p
}

/// The program made for `person`, and what the personal outputs need to know.
/// Dates and the tool's words are in the person's `language` when the
/// profile sets one, else in `language` (the content's, from kintsugi.yaml).
pub fn personalise(program: &Program, person: &Person, language: &str) -> (Program, Personal) {
    let language = person.language.as_deref().unwrap_or(language);
    let names_of = Names::for_language(language);
    let mut p = program.clone();
    if person.language.is_some() {
        let words = crate::strings::Strings::for_project(language, &program.own_strings);
        // Titles the author left to the tool follow the person's language too.
        if p.rituals_title == program.strings.get("rituals_title") {
            p.rituals_title = words.get("rituals_title").to_string();
        }
        if p.rituals_kicker == program.strings.get("rituals_kicker") {
            p.rituals_kicker = words.get("rituals_kicker").to_string();
        }
        p.strings = words;
    }
    let vars = Vars::for_person(&p, person);
    placeholders::program(&mut p, &vars);
    let names = placeholders::names_of(&p, person);
    let people = match &person.partner {
        Some(partner) => vec![person.name.clone(), partner.clone()],
        None => vec![person.name.clone()],
    };
    let people = Labels::Replaced {
        shown: people,
        keys: Labels::Partners.resolve(&p),
    };
    for sheet in &mut p.worksheets {
        replace_labels(&mut sheet.blocks, &Labels::Partners, &people);
    }
    let weeks = week_dates(
        person.start,
        person.week_starts,
        program.weeks.len(),
        &names_of,
    );
    let span = match (weeks.first(), weeks.last()) {
        (Some(a), Some(b)) => dates::span(a.first, b.last, &names_of),
        _ => String::new(),
    };
    (
        p,
        Personal {
            person: person.clone(),
            names,
            weeks,
            span,
        },
    )
}

/// True for a sheet kept once a week (it has a grid of days): it is printed once per week, dated.
pub fn is_weekly(sheet: &Worksheet) -> bool {
    let mut weekly = false;
    SheetBlock::walk(&sheet.blocks, &mut |b| {
        if let SheetBlock::CheckboxGrid { rows, columns } = b {
            weekly |= *rows == Labels::Days || *columns == Labels::Days;
        }
    });
    weekly
}

/// The personal copies of a sheet: one per week for weekly sheets, with the
/// week's dates in the subtitle and on its days; otherwise the sheet itself.
pub fn personal_sheets(
    sheet: &Worksheet,
    program: &Program,
    personal: &Personal,
) -> Vec<Worksheet> {
    if !is_weekly(sheet) {
        return vec![sheet.clone()];
    }
    let ritual = personal
        .person
        .ritual
        .and_then(|i| program.rituals.get(i))
        .map(|r| r.title.as_str());
    personal
        .weeks
        .iter()
        .enumerate()
        .map(|(i, week)| {
            let mut s = sheet.clone();
            s.id = format!("{}-week-{}", sheet.id, i + 1);
            let t = &program.strings;
            let mut subtitle = t.fmt("week_dates", &[("n", &(i + 1)), ("dates", &week.label)]);
            if let Some(ritual) = ritual {
                subtitle.push_str(" · ");
                subtitle.push_str(&t.fmt("ritual_line", &[("ritual", &ritual)]));
            }
            s.subtitle = Some(subtitle);
            let label = t.fmt("week_label", &[("n", &(i + 1))]);
            s.doc_title = Some(format!("{} · {label}", sheet.title));
            s.field_name = Some(format!("week-{}.{}", i + 1, sheet.id));
            let days = Labels::Replaced {
                shown: week.days.clone(),
                keys: Labels::Days.resolve(program),
            };
            replace_labels(&mut s.blocks, &Labels::Days, &days);
            s
        })
        .collect()
}

fn replace_labels(blocks: &mut [SheetBlock], from: &Labels, to: &Labels) {
    for b in blocks {
        match b {
            SheetBlock::CheckboxGrid { rows, columns } => {
                for l in [rows, columns] {
                    if l == from {
                        *l = to.clone();
                    }
                }
            }
            SheetBlock::Signature { names } if names == from => *names = to.clone(),
            SheetBlock::Columns { left, right } => {
                replace_labels(left, from, to);
                replace_labels(right, from, to);
            }
            _ => {}
        }
    }
}
