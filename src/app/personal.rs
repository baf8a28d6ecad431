//! Personal: the one way a person's outputs are made, whichever command asks.
//!
//! `build --profile`, `batch` and `serve --profile` all go through
//! [`PersonalBuild`], so a person's workbook and worksheets, their folder
//! name and their paper size are the same from every command. The paper rule
//! is in one place, [`paper`]: the command line's `--paper`, else the
//! profile's `paper`, else `kintsugi.yaml`'s.

use crate::diag::Diagnostics;
use crate::model::person::Person;
use crate::model::{Paper, Project, Worksheet};
use crate::output::OutputFile;
use crate::personalise::{self, Personal};
use crate::render::{self, workbook, Pdf};
use crate::{load, validate};
use anyhow::Result;
use std::path::Path;

/// The paper a build prints on: `flag` (the command line), else the
/// person's own choice, else the project's `kintsugi.yaml`.
pub fn paper(flag: Option<Paper>, person: Option<&Person>, project: &Project) -> Paper {
    flag.or(person.and_then(|p| p.paper))
        .unwrap_or(project.config.paper)
}

/// Reads and checks a profile against the project's program.
pub fn read_person(project: &Project, path: &Path) -> Result<Person> {
    read_person_with_notes(project, path).map(|(person, _)| person)
}

/// [`read_person`], with the notes a build for them shows (week 1 beginning after the start date).
pub fn read_person_with_notes(
    project: &Project,
    path: &Path,
) -> Result<(Person, Vec<crate::diag::Diagnostic>)> {
    let text = crate::fs::read_text(path)?;
    // Problems are shown with their line from the profile as read, wherever it lives.
    let placed = |mut d: Vec<crate::diag::Diagnostic>| {
        d.iter_mut().for_each(|d| d.set_source_from_text(&text));
        anyhow::Error::from(Diagnostics(d).sorted())
    };
    let source = load::profile::parse_profile(path, text.clone()).map_err(placed)?;
    let person = validate::profile::validate_profile(&source, &project.program).map_err(placed)?;
    let mut notes = validate::profile::notes(
        &source,
        &person,
        &project.config.language,
        &project.program.own_strings,
    );
    notes.iter_mut().for_each(|d| d.set_source_from_text(&text));
    Ok((person, notes))
}

/// A safe, readable folder name for a person: ASCII letters, digits and hyphens.
pub fn folder_name(person: &Person) -> String {
    folder_name_for(&person.names())
}

/// The folder name for these names ("Zoë & José" gives `zoe-and-jose`).
pub fn folder_name_for(names: &str) -> String {
    let ascii = deunicode::deunicode(&names.replace('&', "and"));
    let mut out = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "person".into()
    } else if validate::is_reserved_name(&out) {
        // "Con" is a fine name, but not a folder name on Windows.
        format!("{out}-1")
    } else {
        out
    }
}

/// Everything a person's outputs are made from: their program (placeholders
/// filled, labels naming them), their dates, their folder and their paper.
#[derive(Debug, Clone)]
pub struct PersonalBuild {
    /// The project with the person's program.
    pub project: Project,
    pub personal: Personal,
    /// Their folder name, before a batch makes it unique.
    pub folder: String,
    pub paper: Paper,
}

/// A person's files, relative to their folder, with counts for the report.
#[derive(Debug, Clone)]
pub struct PersonalFiles {
    pub files: Vec<OutputFile>,
    pub workbook_pages: usize,
    /// Worksheets, each dated weekly copy counted (all.pdf is not).
    pub worksheets: usize,
}

impl PersonalBuild {
    /// Prepares `person`'s outputs; `paper` is the command line's `--paper`, if any.
    pub fn new(project: &Project, person: &Person, paper: Option<Paper>) -> PersonalBuild {
        let (program, personal) =
            personalise::personalise(&project.program, person, &project.config.language);
        PersonalBuild {
            paper: self::paper(paper, Some(person), project),
            folder: folder_name(person),
            project: Project {
                program,
                ..project.clone()
            },
            personal,
        }
    }

    /// The person's workbook.
    pub fn workbook(&self, duplex: bool) -> Result<Pdf> {
        let opts = workbook::Options {
            paper: self.paper,
            duplex,
        };
        render::workbook_pdf(&self.project, opts, Some(&self.personal))
    }

    /// The person's worksheets in print order, weekly ones once per week, dated.
    fn sheets(&self) -> Vec<Worksheet> {
        let program = &self.project.program;
        program
            .worksheets_in_plan_order()
            .into_iter()
            .flat_map(|w| personalise::personal_sheets(w, program, &self.personal))
            .collect()
    }

    /// The names of the files [`PersonalBuild::files`] makes, relative to the
    /// person's folder, found without laying anything out.
    pub fn file_names(&self) -> Vec<String> {
        let mut names = vec!["workbook.pdf".to_string()];
        names.extend(
            self.sheets()
                .iter()
                .map(|s| format!("worksheets/{}.pdf", s.id)),
        );
        names.push("worksheets/all.pdf".into());
        names
    }

    /// The workbook, and every worksheet (weekly ones once per week, dated),
    /// each alone and all in one file.
    pub fn files(&self, duplex: bool) -> Result<PersonalFiles> {
        let workbook = self.workbook(duplex)?;
        let sheets = self.sheets();
        let refs: Vec<&Worksheet> = sheets.iter().collect();
        let pdfs = render::sheet_pdfs(&self.project, &refs, self.paper)?;
        let mut files = vec![OutputFile {
            path: "workbook.pdf".into(),
            bytes: workbook.bytes,
        }];
        let worksheets = pdfs.each.len();
        for (id, pdf) in pdfs.each {
            files.push(OutputFile {
                path: format!("worksheets/{id}.pdf").into(),
                bytes: pdf.bytes,
            });
        }
        files.push(OutputFile {
            path: "worksheets/all.pdf".into(),
            bytes: pdfs.all.bytes,
        });
        Ok(PersonalFiles {
            files,
            workbook_pages: workbook.pages,
            worksheets,
        })
    }
}
