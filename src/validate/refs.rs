//! Resolves references between items by id, with "did you mean" hints.

use crate::diag::{did_you_mean, Diagnostic};
use crate::load::{raw::RawWeek, Source};

/// The ids that exist, by kind.
pub struct Known<'a> {
    pub exercises: Vec<&'a str>,
    pub scripts: Vec<&'a str>,
    pub worksheets: Vec<&'a str>,
}

/// Every reference of a week that does not resolve, with the folder of the kind it names.
pub fn check_week(s: &Source<RawWeek>, known: &Known<'_>) -> Vec<(&'static str, Diagnostic)> {
    let w = &s.value;
    let lists = [
        ("exercises", "exercise", &w.exercises, &known.exercises),
        ("scripts", "script", &w.scripts, &known.scripts),
        ("worksheets", "worksheet", &w.worksheets, &known.worksheets),
    ];
    let mut out = Vec::new();
    for (key, kind, ids, valid) in lists {
        for id in ids {
            if !valid.contains(&id.as_str()) {
                out.push((key, unknown(s, key, id, kind, valid)));
            }
        }
    }
    out
}

/// "no exercise with id `x`", positioned at the reference, with a hint.
pub fn unknown<T>(s: &Source<T>, key: &str, id: &str, kind: &str, valid: &[&str]) -> Diagnostic {
    let d = s.diag_at(key, id, format!("no {kind} has the id `{id}`"));
    match did_you_mean(id, valid.iter().copied()) {
        Some(best) => d.with_hint(format!("did you mean `{best}`?")),
        None if valid.is_empty() => d.with_hint(format!("there are no {kind}s yet")),
        None => d.with_hint(format!("known {kind} ids: {}", valid.join(", "))),
    }
}
