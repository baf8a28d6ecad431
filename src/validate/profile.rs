//! Checks a profile against the program: a name, a real start date, a known ritual, printable text.

use crate::diag::{did_you_mean, Diagnostic};
use crate::load::profile::ProfileSource;
use crate::model::person::Person;
use crate::model::Program;
use crate::pdf::fonts::covers;

/// The longest name that still fits a cover and a grid row.
const MAX_NAME: usize = 60;

/// What a build for `person` does that they may not expect, as notes: week 1
/// beginning after the start date when that is not a `week_starts` day.
/// Dates are written in `language` (the content's).
/// A profile's `language` that neither kintsugi nor the project has words
/// in is a warning: those words stay in English.
pub fn notes(
    p: &ProfileSource,
    person: &Person,
    language: &str,
    own: &crate::strings::Own,
) -> Vec<Diagnostic> {
    let language = person.language.as_deref().unwrap_or(language);
    let names = crate::personalise::Names::for_language(language);
    let mut out: Vec<Diagnostic> =
        crate::personalise::start_notice(person.start, person.week_starts, &names)
            .map(|msg| {
                p.diag_at("start", p.value.start.trim(), msg)
                    .note()
                    .with_hint("to begin on the start date itself, give a start on the `week_starts` day, or set `week_starts` to that day")
            })
            .into_iter()
            .collect();
    if let Some(tag) = &person.language {
        if crate::strings::builtin_language(tag).is_none() && !own.has(tag) {
            out.push(
                p.diag_at("language", tag, format!("kintsugi has no words in `{tag}`, so this person's labels and dates are in English"))
                    .with_hint(format!("write a table of your own in i18n/{tag}.yaml, or choose one of kintsugi's languages: {}", crate::strings::languages().join(", ")))
                    .warning(),
            );
        }
    }
    out
}

/// Turns a raw profile into a [`Person`], or every problem with it.
pub fn validate_profile(p: &ProfileSource, program: &Program) -> Result<Person, Vec<Diagnostic>> {
    // Names must print in the faces the workbook is set in, the project's own included.
    let _fonts = crate::render::print::style::fonts_of(&program.brand);
    let mut diags = Vec::new();
    let v = &p.value;
    check_text(p, "name", &v.name, true, &mut diags);
    if let Some(partner) = &v.partner {
        check_text(p, "partner", partner, true, &mut diags);
    }
    for (key, value) in [("title", &v.title), ("intentions", &v.intentions)] {
        if let Some(text) = value {
            check_text(p, key, text, false, &mut diags);
        }
    }
    let start = parse_date(&v.start).map_err(|why| {
        p.diag_at(
            "start",
            v.start.trim(),
            format!("`{}` is not a date: {why}", v.start.trim()),
        )
        .with_hint("write the first day as YYYY-MM-DD, e.g. 2026-12-07")
    });
    let ids: Vec<&str> = program.rituals.iter().map(|r| r.id.as_str()).collect();
    let ritual = match &v.ritual {
        None => Ok(program.default_ritual),
        Some(id) if ids.is_empty() => Err(p
            .diag_at(
                "ritual",
                id,
                format!("the program has no rituals, so `{id}` is not one"),
            )
            .with_hint(
                "remove `ritual:` from the profile, or add content/rituals.yaml to the program",
            )),
        Some(id) => ids.iter().position(|x| x == id).map(Some).ok_or_else(|| {
            let d = p.diag_at("ritual", id, format!("no micro-ritual has the id `{id}`"));
            match did_you_mean(id, ids.iter().copied()) {
                Some(best) => d.with_hint(format!(
                    "did you mean `{best}`? the rituals are: {}",
                    ids.join(", ")
                )),
                None => d.with_hint(format!("the rituals are: {}", ids.join(", "))),
            }
        }),
    };
    if let Some(tag) = v.language.as_deref().map(str::trim) {
        if !crate::strings::is_language_tag(tag) {
            let d = p.diag_at("language", tag, format!("`{tag}` is not a language tag"));
            diags.push(d.with_hint(format!(
                "write it as BCP 47 does (fr, de-AT, pt-BR); kintsugi has words in {}",
                crate::strings::languages().join(", ")
            )));
        }
    }
    let start = start.map_err(|d| diags.push(d)).ok();
    let ritual = ritual.map_err(|d| diags.push(d)).ok();
    match (start, ritual) {
        (Some(start), Some(ritual)) if diags.is_empty() => Ok(Person {
            name: v.name.trim().to_string(),
            partner: v
                .partner
                .as_ref()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            start,
            week_starts: v.week_starts,
            ritual,
            paper: v.paper,
            title: v.title.clone(),
            intentions: v.intentions.clone(),
            language: v
                .language
                .as_ref()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
        }),
        _ => Err(diags),
    }
}

fn check_text(
    p: &ProfileSource,
    key: &str,
    text: &str,
    is_name: bool,
    diags: &mut Vec<Diagnostic>,
) {
    let t = text.trim();
    if is_name && t.is_empty() {
        diags.push(
            p.diag_at(key, "", format!("`{key}` is empty"))
                .with_hint("write the name as it should appear on the cover"),
        );
        return;
    }
    if is_name && t.chars().count() > MAX_NAME {
        diags.push(
            p.diag_at(
                key,
                t,
                format!("`{key}` is {} characters long", t.chars().count()),
            )
            .with_hint(format!("use at most {MAX_NAME} characters")),
        );
    }
    if let Some(c) = t
        .chars()
        .find(|c| !covers(*c) || (c.is_control() && *c != '\n'))
    {
        let (msg, hint) = if c.is_control() {
            (
                format!("`{key}` has the control character U+{:04X}", c as u32),
                "take it out: it prints as nothing".to_string(),
            )
        } else {
            (
                format!(
                    "`{key}` has `{c}` (U+{:04X}), which no font kintsugi has can print",
                    c as u32
                ),
                super::glyphs::font_hint(c),
            )
        };
        diags.push(p.diag_at(key, t, msg).with_hint(hint));
    }
}

/// Parses YYYY-MM-DD into a real calendar date.
pub fn parse_date(s: &str) -> Result<time::Date, String> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err("expected YYYY-MM-DD".into());
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err("expected YYYY-MM-DD".into());
    }
    let year: i32 = y.parse().map_err(|_| "the year is not a number")?;
    let month: u8 = m.parse().map_err(|_| "the month is not a number")?;
    let day: u8 = d.parse().map_err(|_| "the day is not a number")?;
    let month = time::Month::try_from(month).map_err(|_| format!("there is no month {month}"))?;
    time::Date::from_calendar_date(year, month, day)
        .map_err(|_| format!("{month} {year} has no day {day}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert!(parse_date("2026-12-07").is_ok());
        assert_eq!(
            parse_date("2026-02-30").unwrap_err(),
            "February 2026 has no day 30"
        );
        assert!(parse_date("2026-13-01")
            .unwrap_err()
            .contains("no month 13"));
        assert!(parse_date("7/12/2026").is_err());
    }
}
