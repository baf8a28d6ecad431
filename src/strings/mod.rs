//! Strings: the tool's own words, one table per language, overridable by the project.
//!
//! Each table (`en.yaml`, `de.yaml`) is a flat map of keys to text, compiled
//! into the binary and parsed once. `{n}`-style names are filled in by
//! [`Strings::fmt`]; a key with `_one` and `_other` forms is chosen by count
//! in [`Strings::count`]. A key missing from a language falls back to English.
//! A project adds or overrides words with its own tables: `i18n/<lang>.yaml`
//! files (as Hugo's `i18n/` folder does), and `strings:` in kintsugi.yaml
//! for the program's own language, which win over everything.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The built-in tables: (language, YAML).
const TABLES: &[(&str, &str)] = &[
    ("en", include_str!("en.yaml")),
    ("fr", include_str!("fr.yaml")),
    ("de", include_str!("de.yaml")),
    ("es", include_str!("es.yaml")),
    ("it", include_str!("it.yaml")),
    ("nl", include_str!("nl.yaml")),
    ("pt", include_str!("pt.yaml")),
    ("ar", include_str!("ar.yaml")),
    ("he", include_str!("he.yaml")),
    ("zh", include_str!("zh.yaml")),
    ("ja", include_str!("ja.yaml")),
];

type Table = BTreeMap<String, String>;

/// Every built-in table, parsed once.
fn tables() -> &'static [(&'static str, Table)] {
    static PARSED: OnceLock<Vec<(&'static str, Table)>> = OnceLock::new();
    PARSED.get_or_init(|| {
        TABLES
            .iter()
            .map(|(lang, text)| {
                // The tables are part of the binary; the tests parse each of them.
                let table: Table = serde_yaml::from_str(text).unwrap_or_default();
                (*lang, table)
            })
            .collect()
    })
}

fn english() -> &'static Table {
    &tables()[0].1
}

/// The words for one language, with the project's own in front.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Strings {
    /// The language's table, English filling its gaps, then the project's words.
    words: Table,
}

/// The built-in language for a BCP 47 tag (`de-AT` is `de`), if there is one.
pub fn builtin_language(tag: &str) -> Option<&'static str> {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    tables().iter().map(|(l, _)| *l).find(|l| *l == primary)
}

/// True for a BCP 47-shaped tag: a 2–3 letter language, then subtags of 1–8 letters or digits.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()))
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The languages kintsugi has words in, as their tags.
pub fn languages() -> Vec<&'static str> {
    tables().iter().map(|(l, _)| *l).collect()
}

/// True when the language `tag` is written right to left (Arabic, Hebrew,
/// Persian, Urdu and the others of CLDR's right-to-left list), or when its
/// script subtag is a right-to-left script (`ku-Arab`).
pub fn is_rtl(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']).map(str::to_ascii_lowercase);
    let primary = parts.next().unwrap_or_default();
    let script = parts.find(|p| p.len() == 4);
    match script.as_deref() {
        Some("arab" | "hebr" | "syrc" | "thaa" | "nkoo" | "adlm" | "rohg") => true,
        Some(_) => false,
        None => matches!(
            primary.as_str(),
            "ar" | "he" | "iw" | "fa" | "ur" | "ps" | "sd" | "ug" | "yi" | "dv" | "ckb" | "syr"
        ),
    }
}

/// Keys of the English table the table of `tag` lacks (empty when there is no such table).
pub fn missing_keys(tag: &str) -> Vec<&'static str> {
    let Some(lang) = builtin_language(tag) else {
        return Vec::new();
    };
    let table = &tables().iter().find(|(l, _)| *l == lang).map(|(_, t)| t);
    english()
        .keys()
        .filter(|k| !table.is_some_and(|t| t.contains_key(*k)))
        .map(String::as_str)
        .collect()
}

/// Is `key` one the tool has words for?
pub fn is_key(key: &str) -> bool {
    english().contains_key(key)
}

/// Every key, in order, for messages and documentation.
pub fn keys() -> impl Iterator<Item = &'static str> {
    english().keys().map(String::as_str)
}

/// A project's own tables: `i18n/<lang>.yaml` by language tag (lower case),
/// and kintsugi.yaml's `strings:` under the program's language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Own {
    tables: BTreeMap<String, Table>,
}

impl Own {
    /// The project's tables: `files` as (language tag, table), then `strings`
    /// (kintsugi.yaml) over the table of `language`.
    pub fn new(files: Vec<(String, Table)>, language: &str, strings: &Table) -> Own {
        let mut tables: BTreeMap<String, Table> = BTreeMap::new();
        for (tag, table) in files {
            tables
                .entry(tag.to_ascii_lowercase())
                .or_default()
                .extend(table);
        }
        let mine = tables.entry(language.to_ascii_lowercase()).or_default();
        mine.extend(strings.iter().map(|(k, v)| (k.clone(), v.clone())));
        tables.retain(|_, t| !t.is_empty());
        Own { tables }
    }

    /// The project's words for `tag`: its primary language's table (`de`), then the tag's own (`de-at`).
    fn for_tag(&self, tag: &str) -> Table {
        let tag = tag.to_ascii_lowercase();
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        let mut out = Table::new();
        for t in [primary, tag.as_str()] {
            if let Some(table) = self.tables.get(t) {
                out.extend(table.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
        out
    }

    /// True when the project has a table of its own for `tag` (or its primary language).
    pub fn has(&self, tag: &str) -> bool {
        !self.for_tag(tag).is_empty()
    }
}

/// Keys of the English table that neither kintsugi's table of `tag` nor the
/// project's own have (every key when kintsugi has no table and the project none).
pub fn missing_for(tag: &str, own: &Own) -> Vec<&'static str> {
    let mine = own.for_tag(tag);
    let builtin = builtin_language(tag).and_then(|l| tables().iter().find(|(x, _)| *x == l));
    english()
        .keys()
        .filter(|k| !mine.contains_key(*k) && !builtin.is_some_and(|(_, t)| t.contains_key(*k)))
        .map(String::as_str)
        .collect()
}

impl Strings {
    /// The words for the language `tag` (English where it has none), with `own` over them.
    pub fn new(tag: &str, own: &BTreeMap<String, String>) -> Strings {
        Strings::for_project(tag, &Own::new(Vec::new(), tag, own))
    }

    /// The words for the language `tag`: English, then kintsugi's table of the
    /// language, then the project's own tables for it.
    pub fn for_project(tag: &str, own: &Own) -> Strings {
        let mut words = english().clone();
        if let Some(lang) = builtin_language(tag) {
            if let Some((_, t)) = tables().iter().find(|(l, _)| *l == lang) {
                words.extend(t.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
        words.extend(own.for_tag(tag).into_iter().filter(|(k, _)| is_key(k)));
        Strings { words }
    }

    /// English, as built in.
    pub fn english() -> Strings {
        Strings::new("en", &BTreeMap::new())
    }

    /// The text of `key`; the key itself when there is none (a fault the tests catch).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.words.get(key).map(String::as_str).unwrap_or(key)
    }

    /// The text of `key` with each `{name}` of `args` filled in.
    pub fn fmt(&self, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        fill(self.get(key), args)
    }

    /// `key_one` for a count of one and `key_other` otherwise, with `{n}` and `args` filled in.
    pub fn count(&self, key: &str, n: usize, args: &[(&str, &dyn std::fmt::Display)]) -> String {
        let form = if n == 1 { "_one" } else { "_other" };
        let mut all: Vec<(&str, &dyn std::fmt::Display)> = vec![("n", &n)];
        all.extend_from_slice(args);
        fill(self.get(&format!("{key}{form}")), &all)
    }

    /// A list kept as one text with `, ` between its items (the days of the week).
    pub fn list(&self, key: &str) -> Vec<String> {
        self.get(key).split(", ").map(str::to_string).collect()
    }

    /// Every key and its text, for the site templates (`t`).
    pub fn table(&self) -> &BTreeMap<String, String> {
        &self.words
    }
}

/// `text` with `{name}` replaced by each value of `args`.
fn fill(text: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = text.to_string();
    for (name, value) in args {
        let slot = format!("{{{name}}}");
        if out.contains(&slot) {
            out = out.replace(&slot, &value.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_parses_and_has_every_english_key() {
        for (lang, text) in TABLES {
            let t: Table = serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{lang}: {e}"));
            assert!(!t.is_empty());
            assert_eq!(missing_keys(lang), Vec::<&str>::new(), "{lang}");
        }
        assert!(english().len() > 50);
    }

    #[test]
    fn languages_fall_back_and_projects_override() {
        let de = Strings::new("de-AT", &BTreeMap::new());
        assert_eq!(de.get("contents"), "Inhalt");
        let xx = Strings::new("sv", &BTreeMap::new());
        assert_eq!(xx.get("contents"), "Contents");
        assert_eq!(builtin_language("sv"), None);
        assert_eq!(
            Strings::new("fr-CA", &BTreeMap::new()).get("contents"),
            "Sommaire"
        );
        let own = BTreeMap::from([("contents".to_string(), "What is inside".to_string())]);
        assert_eq!(Strings::new("de", &own).get("contents"), "What is inside");
    }

    #[test]
    fn right_to_left_languages_are_known_by_language_and_script() {
        for tag in ["ar", "he", "fa-IR", "ur", "ku-Arab", "yi"] {
            assert!(is_rtl(tag), "{tag}");
        }
        for tag in ["en", "fr", "zh-Hans", "az-Latn", "ja", ""] {
            assert!(!is_rtl(tag), "{tag}");
        }
    }

    #[test]
    fn arguments_and_plurals_are_filled_in() {
        let en = Strings::english();
        assert_eq!(en.count("about_minutes", 1, &[]), "About 1 minute");
        assert_eq!(en.count("about_minutes", 5, &[]), "About 5 minutes");
        assert_eq!(
            en.fmt("week_title", &[("n", &3), ("title", &"Rest")]),
            "Week 3 · Rest"
        );
        assert_eq!(en.list("days").len(), 7);
        assert_eq!(Strings::new("de", &BTreeMap::new()).list("days")[0], "Mo");
    }
}
