//! Tagged PDF and forms: the written files read back with lopdf (structure
//! tree, marked content, metadata, bookmarks, links, form fields) and with
//! poppler, on both programs.

mod common;

use common::Fixture;
use lopdf::content::Content;
use lopdf::{Document, Object, ObjectId};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn dict<'a>(doc: &'a Document, o: &'a Object) -> &'a lopdf::Dictionary {
    match o {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn name(o: &Object) -> String {
    String::from_utf8_lossy(o.as_name().unwrap()).into_owned()
}

/// A PDF text string (UTF-16 with a byte-order mark, or PDFDocEncoding as ASCII).
fn text(o: &Object) -> String {
    let bytes = o.as_str().unwrap();
    if bytes.starts_with(&[0xfe, 0xff]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).unwrap()
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// Walks the structure tree depth first: every element's role (with its
/// depth), and every marked-content reference as (page object, MCID), in order.
fn walk(
    doc: &Document,
    elem: &lopdf::Dictionary,
    page: Option<ObjectId>,
    roles: &mut Vec<(String, Option<String>)>,
    mcrs: &mut Vec<(ObjectId, i64)>,
    objrs: &mut Vec<(String, ObjectId)>,
) {
    let role = name(elem.get(b"S").unwrap());
    let alt = elem.get(b"Alt").ok().map(text);
    roles.push((role.clone(), alt));
    let page = elem
        .get(b"Pg")
        .ok()
        .and_then(|p| p.as_reference().ok())
        .or(page);
    let kids = match elem.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(o) => vec![o.clone()],
        Err(_) => Vec::new(),
    };
    for k in kids {
        match &k {
            Object::Integer(mcid) => mcrs.push((page.expect("an MCID with a page"), *mcid)),
            _ => {
                let d = dict(doc, &k);
                match d.get(b"Type").ok().map(name).as_deref() {
                    Some("MCR") => mcrs.push((
                        d.get(b"Pg").unwrap().as_reference().unwrap(),
                        d.get(b"MCID").unwrap().as_i64().unwrap(),
                    )),
                    Some("OBJR") => {
                        objrs.push((role.clone(), d.get(b"Obj").unwrap().as_reference().unwrap()))
                    }
                    _ => walk(doc, d, page, roles, mcrs, objrs),
                }
            }
        }
    }
}

/// Checks one PDF throughout; returns the structure's roles.
fn check_tagged(path: &Path) -> Vec<(String, Option<String>)> {
    let doc = Document::load(path).unwrap();
    let what = path.display().to_string();
    let catalog = doc.catalog().unwrap();
    // Marked, in a language, its title shown, its XMP naming PDF/UA-1 and the title.
    let mark = dict(&doc, catalog.get(b"MarkInfo").unwrap());
    assert!(mark.get(b"Marked").unwrap().as_bool().unwrap(), "{what}");
    assert!(!text(catalog.get(b"Lang").unwrap()).is_empty(), "{what}");
    let prefs = dict(&doc, catalog.get(b"ViewerPreferences").unwrap());
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
    let info = dict(&doc, doc.trailer.get(b"Info").unwrap());
    assert!(
        info.get(b"GTS_PDFXVersion").is_err(),
        "{what}: claims PDF/X"
    );
    let title = text(info.get(b"Title").unwrap());
    let xmp_id = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let xmp = doc.get_object(xmp_id).unwrap().as_stream().unwrap();
    let xmp = String::from_utf8(xmp.content.clone()).unwrap();
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{what}");
    let escaped = title.replace('&', "&amp;").replace('<', "&lt;");
    assert!(
        xmp.contains(&escaped),
        "{what}: XMP lacks the title {title:?}"
    );

    // Every text-showing operator is in tagged content or an artifact, and
    // the content's MCIDs come in the order the structure tree reads them.
    let pages: Vec<ObjectId> = doc.get_pages().values().copied().collect();
    let mut in_content = Vec::new();
    for page in &pages {
        let bytes = doc.get_page_content(*page);
        let content = Content::decode(&bytes).unwrap();
        let mut stack: Vec<bool> = Vec::new(); // true: tagged or artifact
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" | "BMC" => {
                    let tag = name(&op.operands[0]);
                    let mcid = op.operands.get(1).and_then(|p| match p {
                        Object::Dictionary(d) => d.get(b"MCID").ok().and_then(|m| m.as_i64().ok()),
                        _ => None,
                    });
                    if let Some(m) = mcid {
                        in_content.push((*page, m));
                    }
                    let marks = mcid.is_some() || tag == "Artifact";
                    let inherited = stack.last().copied().unwrap_or(false);
                    stack.push(marks || inherited);
                }
                "EMC" => {
                    stack.pop().expect("EMC without BDC");
                }
                "Tj" | "TJ" | "'" | "\"" => assert!(
                    stack.last().copied().unwrap_or(false),
                    "{what}: text shown outside tagged content and artifacts"
                ),
                _ => {}
            }
        }
        assert!(stack.is_empty(), "{what}: marked content left open");
    }
    let root = dict(&doc, catalog.get(b"StructTreeRoot").unwrap());
    let top = dict(&doc, root.get(b"K").unwrap());
    let (mut roles, mut mcrs, mut objrs) = (Vec::new(), Vec::new(), Vec::new());
    walk(&doc, top, None, &mut roles, &mut mcrs, &mut objrs);
    assert_eq!(roles[0].0, "Document");
    assert!(!in_content.is_empty(), "{what}: nothing tagged");
    assert_eq!(mcrs, in_content, "{what}: tree order is not content order");

    // Headings start at H1 and never skip a level going down.
    let levels: Vec<u8> = roles
        .iter()
        .filter_map(|(r, _)| r.strip_prefix('H').and_then(|n| n.parse().ok()))
        .collect();
    assert_eq!(levels.first(), Some(&1), "{what}");
    for w in levels.windows(2) {
        assert!(w[1] <= w[0] + 1, "{what}: H{} after H{}", w[1], w[0]);
    }
    // Every figure says what it shows.
    for (role, alt) in &roles {
        if role == "Figure" {
            assert!(alt.as_ref().is_some_and(|a| !a.trim().is_empty()), "{what}");
        }
    }
    // Links are tagged, described, and tabbed in structure order.
    for page in &pages {
        let p = doc.get_dictionary(*page).unwrap();
        let Ok(annots) = p.get(b"Annots") else {
            continue;
        };
        assert_eq!(name(p.get(b"Tabs").unwrap()), "S", "{what}");
        for a in annots.as_array().unwrap() {
            let id = a.as_reference().unwrap();
            let a = dict(&doc, a);
            assert!(
                a.get(b"StructParent").is_ok(),
                "{what}: untagged annotation"
            );
            let (role, _) = objrs
                .iter()
                .find(|(_, o)| *o == id)
                .unwrap_or_else(|| panic!("{what}: an annotation not in the structure"));
            if name(a.get(b"Subtype").unwrap()) == "Widget" {
                // A field's widget: in a Form element, named for a screen
                // reader, and drawn from its own appearances.
                assert_eq!(role, "Form", "{what}");
                let field = field_of(&doc, a);
                assert!(!text(field.get(b"TU").unwrap()).trim().is_empty(), "{what}");
                let normal = dict(&doc, a.get(b"AP").unwrap()).get(b"N").unwrap();
                // Unticked, a box shows what the page draws: nothing more.
                if let Ok(state) = a.get(b"AS") {
                    assert_eq!(name(state), "Off", "{what}");
                    let states = dict(&doc, normal);
                    assert_eq!(states.len(), 2, "{what}: on and off");
                    let off = states.get(b"Off").unwrap().as_reference().unwrap();
                    let off = doc.get_object(off).unwrap().as_stream().unwrap();
                    let bytes = if off.dict.get(b"Filter").is_ok() {
                        off.decompressed_content().unwrap()
                    } else {
                        off.content.clone()
                    };
                    assert!(bytes.is_empty(), "{what}: an unticked box draws something");
                }
            } else {
                assert_eq!(role, "Link", "{what}");
                assert!(!text(a.get(b"Contents").unwrap()).trim().is_empty());
            }
        }
    }
    // Bookmarks land on their heading, not only on its page.
    if let Ok(outlines) = catalog.get(b"Outlines") {
        let mut next = dict(&doc, outlines).get(b"First").ok().cloned();
        let mut seen = 0;
        while let Some(o) = next {
            let b = dict(&doc, &o);
            let dest = b.get(b"Dest").unwrap().as_array().unwrap();
            assert_eq!(name(&dest[1]), "XYZ");
            let top = dest[3].as_float().unwrap();
            assert!(top > 0.0, "{what}: a bookmark with no position");
            seen += 1;
            next = b.get(b"Next").ok().cloned();
        }
        assert!(seen > 0);
    }
    roles
}

/// The field a widget belongs to: itself, or the group it is a button of.
fn field_of<'a>(doc: &'a Document, widget: &'a lopdf::Dictionary) -> &'a lopdf::Dictionary {
    if widget.get(b"FT").is_ok() {
        return widget;
    }
    dict(doc, widget.get(b"Parent").unwrap())
}

/// A widget's fully qualified field name and its type (Tx, Btn, or Radio).
fn full_name(doc: &Document, widget: &lopdf::Dictionary) -> (String, String) {
    let field = field_of(doc, widget);
    let kind = name(field.get(b"FT").unwrap());
    let radio = field
        .get(b"Ff")
        .ok()
        .and_then(|f| f.as_i64().ok())
        .is_some_and(|f| f & (1 << 15) != 0);
    let mut parts = vec![text(field.get(b"T").unwrap())];
    let mut at = field.get(b"Parent").ok().map(|p| dict(doc, p));
    while let Some(p) = at {
        parts.push(text(p.get(b"T").unwrap()));
        at = p.get(b"Parent").ok().map(|p| dict(doc, p));
    }
    parts.reverse();
    let kind = if radio { "Radio".to_string() } else { kind };
    (parts.join("."), kind)
}

/// Every widget of a PDF, page by page: (full name, type, page's content).
fn widgets(path: &Path) -> Vec<(String, String)> {
    let doc = Document::load(path).unwrap();
    let mut out = Vec::new();
    for page in doc.get_pages().values() {
        let p = doc.get_dictionary(*page).unwrap();
        let Ok(annots) = p.get(b"Annots") else {
            continue;
        };
        for a in annots.as_array().unwrap() {
            let a = dict(&doc, a);
            if name(a.get(b"Subtype").unwrap()) == "Widget" {
                out.push(full_name(&doc, a));
            }
        }
    }
    out
}

fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.join("workbook.pdf")];
    for e in std::fs::read_dir(dir.join("worksheets")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "pdf") {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn pdfinfo(path: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("pdfinfo")
        .args(args)
        .arg(path)
        .output()
        .expect("pdfinfo runs");
    assert!(out.status.success(), "pdfinfo fails on {}", path.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn every_pdf_of_both_programs_is_tagged_throughout() {
    for f in [Fixture::default_program(), Fixture::named("sleep-reset")] {
        f.build(None).unwrap();
        let mut all_roles = BTreeSet::new();
        for pdf in pdfs(&f.out()) {
            let roles = check_tagged(&pdf);
            all_roles.extend(roles.into_iter().map(|(r, _)| r));
            assert!(pdfinfo(&pdf, &[]).contains("Tagged:          yes"));
        }
        // Lists, tables, contents and links are there as what they are.
        for role in [
            "H1", "H2", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "TOC", "TOCI",
            "Link",
        ] {
            assert!(all_roles.contains(role), "no {role}: {all_roles:?}");
        }
    }
}

#[test]
fn the_second_program_tags_its_notes_figure_and_links() {
    let f = Fixture::named("sleep-reset");
    f.build(None).unwrap();
    let roles = check_tagged(&f.out().join("workbook.pdf"));
    let has = |r: &str| roles.iter().any(|(x, _)| x == r);
    assert!(has("Note") && has("Figure") && has("Caption"), "{roles:?}");
    let figure = roles.iter().find(|(r, _)| r == "Figure").unwrap();
    assert!(figure.1.as_deref().unwrap().contains("wake window"));
    // poppler reads the text back through the structure, in reading order.
    let s = pdfinfo(&f.out().join("workbook.pdf"), &["-struct-text"]);
    let clock = s.find("The body clock sets itself").unwrap();
    let note = s
        .find("This is the single change most studies agree on")
        .unwrap();
    assert!(clock < note);
}

/// Words of the program's Markdown and YAML, lower-cased.
fn source_words(root: &Path) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    let mut stack = vec![root.join("content")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(t) = std::fs::read_to_string(&p) {
                for w in t.split(|c: char| !c.is_alphanumeric() && c != '-') {
                    words.insert(w.to_lowercase());
                }
            }
        }
    }
    words
}

#[test]
fn words_hyphenated_at_a_line_end_extract_whole() {
    let f = Fixture::default_program();
    f.build(None).unwrap();
    let pdf = f.out().join("workbook.pdf");
    let words = source_words(f.root());
    // The workbook is hyphenated: spans give the hyphenated words' text.
    let doc = Document::load(&pdf).unwrap();
    let mut spans = 0;
    for page in doc.get_pages().values() {
        let content = Content::decode(&doc.get_page_content(*page)).unwrap();
        for op in &content.operations {
            if op.operator == "BDC" {
                if let Some(Object::Dictionary(d)) = op.operands.get(1) {
                    if let Ok(t) = d.get(b"ActualText") {
                        let t = text(t);
                        if t.chars().count() > 3 && words.contains(&t.to_lowercase()) {
                            spans += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(spans >= 10, "only {spans} hyphenated words marked");
    // poppler (which reads the ActualText) and MuPDF (which does not: the
    // word is invisible text at its head, its halves and hyphen drawn)
    // give them back whole: no line ends in a piece of a word the source
    // has whole.
    let poppler = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let mupdf = std::process::Command::new("mutool")
        .args(["draw", "-q", "-F", "txt", "-o", "-", pdf.to_str().unwrap()])
        .output()
        .expect("mutool (mupdf-tools) runs");
    for (tool, out) in [("pdftotext", poppler), ("mutool", mupdf)] {
        assert!(out.status.success(), "{tool} fails");
        let t = String::from_utf8_lossy(&out.stdout).into_owned();
        let lines: Vec<&str> = t.lines().collect();
        for w in lines.windows(2) {
            let Some(head) = w[0].trim_end().split(' ').next_back() else {
                continue;
            };
            let Some(head) = head.strip_suffix('-') else {
                continue;
            };
            let tail: String = w[1]
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .collect();
            let joined = format!("{head}{tail}").to_lowercase();
            let kept = format!("{head}-{tail}").to_lowercase();
            assert!(
                !words.contains(&joined) || words.contains(&kept),
                "{tool}: {head}- / {tail} split in the text"
            );
        }
    }
}

#[test]
fn personal_weekly_sheets_are_titled_with_their_week() {
    let f = Fixture::default_program();
    f.build_profile("name: Ana\npartner: Ben\nstart: 2026-03-02\n", None)
        .unwrap();
    let mut titles = BTreeSet::new();
    let mut weekly = 0;
    for pdf in pdfs(&f.out().join("personal/ana-and-ben")) {
        check_tagged(&pdf);
        let doc = Document::load(&pdf).unwrap();
        let info = dict(&doc, doc.trailer.get(b"Info").unwrap());
        let title = text(info.get(b"Title").unwrap());
        let file = pdf.file_name().unwrap().to_string_lossy().into_owned();
        let week = file
            .strip_suffix(".pdf")
            .and_then(|f| f.rsplit_once("-week-"))
            .is_some_and(|(_, n)| n.parse::<u32>().is_ok());
        if week {
            weekly += 1;
            assert!(title.contains(" · Week "), "{title}");
        }
        if !pdf.ends_with("all.pdf") {
            assert!(titles.insert(title.clone()), "two sheets titled {title}");
        }
    }
    assert!(weekly >= 6, "{weekly} weekly sheets");
}

/// The points of a sheet's rating scales.
fn scale_points(blocks: &[kintsugi::model::SheetBlock]) -> usize {
    use kintsugi::model::SheetBlock;
    blocks
        .iter()
        .map(|b| match b {
            SheetBlock::Rating { scale, .. } => *scale as usize,
            SheetBlock::Columns { left, right } => scale_points(left) + scale_points(right),
            _ => 0,
        })
        .sum()
}

#[test]
fn every_tick_box_and_write_in_line_of_a_sheet_is_a_field() {
    use kintsugi::pdf::frame::{Element, FieldKind};
    for f in [Fixture::default_program(), Fixture::named("sleep-reset")] {
        let project = kintsugi::check(f.root()).unwrap();
        let program = kintsugi::personalise::public(&project.program);
        let (mut boxes, mut lines, mut scales) = (0, 0, 0);
        for sheet in program.worksheets_in_plan_order() {
            let doc = kintsugi::render::worksheets::compose(
                sheet,
                &program,
                "en",
                kintsugi::model::Paper::A4,
            )
            .unwrap();
            let items = &doc.pages[0].items;
            let mut squares = Vec::new();
            let mut rules = Vec::new();
            let (mut checks, mut texts, mut radios) = (Vec::new(), Vec::new(), Vec::new());
            for it in items {
                match it {
                    // Tick boxes are the sheets' only squares.
                    Element::Rect { rect, .. } if (rect.w.0 - rect.h.0).abs() < 0.01 => {
                        squares.push(*rect)
                    }
                    Element::Line {
                        from, to, width, ..
                    } if from.y == to.y && [0.5, 0.7].contains(&width.0) => {
                        rules.push((from.x.0, to.x.0, from.y.0))
                    }
                    Element::Field { rect, field } => match field.kind {
                        FieldKind::Check => checks.push(*rect),
                        FieldKind::Text { .. } => texts.push(*rect),
                        FieldKind::Radio { .. } => radios.push(*rect),
                    },
                    _ => {}
                }
            }
            let id = &sheet.id;
            assert_eq!(squares, checks, "{id}: tick boxes and check fields");
            assert_eq!(
                scale_points(&sheet.blocks),
                radios.len(),
                "{id}: a button per point"
            );
            // Every line to write on has text fields over it, all across it
            // (a log's row has one per column, a few points apart).
            for (x0, x1, y) in &rules {
                let mut over: Vec<(f32, f32)> = texts
                    .iter()
                    .filter(|r| r.y.0 < *y && *y <= r.bottom().0 + 0.01)
                    .map(|r| (r.x.0, r.right().0))
                    .collect();
                over.sort_by(|a, b| a.0.total_cmp(&b.0));
                let mut reached = *x0;
                for (a, b) in over {
                    if a <= reached + 6.01 {
                        reached = reached.max(b);
                    }
                }
                assert!(
                    reached >= x1 - 3.01,
                    "{id}: the line at y {y} has no field to type on from {reached} to {x1}"
                );
            }
            // The written file has a widget for each field, of its kind.
            let bytes = kintsugi::pdf::write::write(&doc).unwrap();
            let path = f.root().join(format!("{id}.pdf"));
            std::fs::write(&path, bytes).unwrap();
            let written = widgets(&path);
            let count = |k: &str| written.iter().filter(|(_, t)| t == k).count();
            assert_eq!(count("Btn"), checks.len(), "{id}");
            assert_eq!(count("Tx"), texts.len(), "{id}");
            assert_eq!(count("Radio"), radios.len(), "{id}");
            boxes += checks.len();
            lines += texts.len();
            scales += radios.len();
        }
        assert!(
            boxes > 0 && lines > 0 && scales > 0,
            "{boxes} {lines} {scales}"
        );
    }
}

#[test]
fn field_names_are_readable_and_personal_ones_name_their_week() {
    let f = Fixture::default_program();
    f.build(None).unwrap();
    let names: Vec<String> = widgets(&f.out().join("worksheets/weekly-tracker.pdf"))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert!(
        names.contains(&"weekly-tracker.mon.partner-a".to_string()),
        "{names:?}"
    );
    let workbook = widgets(&f.out().join("workbook.pdf"));
    assert!(workbook
        .iter()
        .any(|(n, t)| n.starts_with("checklist.") && t == "Btn"));
    assert!(workbook
        .iter()
        .any(|(n, t)| n.starts_with("script-") && t == "Tx"));
    assert!(pdfinfo(&f.out().join("workbook.pdf"), &[]).contains("Form:            AcroForm"));
    // The public cover's blanks are rules with fields, named by the words before them.
    for name in ["cover.names", "cover.started-on"] {
        assert!(
            workbook.iter().any(|(n, t)| n == name && t == "Tx"),
            "{name}"
        );
    }
    let cover = std::process::Command::new("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(f.out().join("workbook.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let cover = String::from_utf8_lossy(&cover.stdout);
    assert!(
        cover.contains("Started on:") && !cover.contains("___"),
        "{cover}"
    );

    f.build_profile("name: Ana\npartner: Ben\nstart: 2026-03-02\n", None)
        .unwrap();
    let all = widgets(&f.out().join("personal/ana-and-ben/worksheets/all.pdf"));
    // A personal copy's fields are named as the public sheet's, under its
    // week: the same for every person, whatever their names and dates.
    let week3: BTreeSet<String> = all
        .iter()
        .filter_map(|(n, _)| n.strip_prefix("week-3."))
        .filter(|n| n.starts_with("weekly-tracker."))
        .map(String::from)
        .collect();
    let public: BTreeSet<String> = names.iter().cloned().collect();
    assert_eq!(week3, public);
    f.build_profile("name: Zoë\npartner: 美玲\nstart: 2026-09-07\n", None)
        .unwrap();
    let other = std::fs::read_dir(f.out().join("personal"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| !p.ends_with("ana-and-ben"))
        .expect("the second person's folder");
    let theirs: BTreeSet<String> = widgets(&other.join("worksheets/all.pdf"))
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    let ours: BTreeSet<String> = all.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(theirs, ours, "two people's copies name their fields alike");
    // Names are unique in a file: a viewer keeps one value per name.
    let mut seen = BTreeSet::new();
    for (n, t) in &all {
        assert!(t == "Radio" || seen.insert(n.clone()), "{n} twice");
    }
}

#[test]
fn a_flat_build_has_no_fields_and_prints_the_same() {
    let f = Fixture::named("sleep-reset");
    f.build(None).unwrap();
    let filled = f.root().join("fillable");
    std::fs::rename(f.out(), &filled).unwrap();
    f.build_flat(None, true).unwrap();
    let mut fields = 0;
    for pdf in pdfs(&f.out()) {
        let flat = Document::load(&pdf).unwrap();
        let rel = pdf.strip_prefix(f.out()).unwrap();
        let form = Document::load(filled.join(rel)).unwrap();
        assert!(flat.catalog().unwrap().get(b"AcroForm").is_err(), "{rel:?}");
        assert!(widgets(&pdf).is_empty(), "{rel:?}");
        fields += widgets(&filled.join(rel)).len();
        // Fields draw nothing of their own: the pages are the same.
        let flat_pages: Vec<_> = flat.get_pages().values().copied().collect();
        let form_pages: Vec<_> = form.get_pages().values().copied().collect();
        assert_eq!(flat_pages.len(), form_pages.len());
        for (a, b) in flat_pages.iter().zip(&form_pages) {
            assert!(
                flat.get_page_content(*a) == form.get_page_content(*b),
                "{rel:?}: a page differs"
            );
        }
    }
    assert!(fields > 0);
}
