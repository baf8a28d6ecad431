//! Forms: writes a document's fields as an AcroForm, each widget with the appearance streams viewers draw.
//!
//! Written by hand on lopdf objects: printpdf 0.12 writes link annotations but no form fields, and
//! the rest of the writer already places annotations itself. A field's name
//! is split at its dots into a hierarchy of fields (`week-3` › `tracker` ›
//! `mon` › `alex`), as PDF names fields; widgets that share a radio name
//! become one group. Every widget carries its own appearances (a tick, a
//! ring, or nothing for empty text), because pdf.js, Preview and Chrome
//! draw what the file says rather than generating them.

use super::frame::{Field, FieldKind};
use super::tags::text_string;
use super::units::{Pt, Rect};
use lopdf::{dictionary, Dictionary, Object, ObjectId, Stream};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Field flags (PDF 32000-1, tables 226 and 228).
const MULTILINE: i64 = 1 << 12;
const NO_TOGGLE_TO_OFF: i64 = 1 << 14;
const RADIO: i64 = 1 << 15;
/// The colour a filled-in mark is drawn in: the sheets' ink.
const INK: &str = "0.13 0.13 0.13";

/// The widgets written so far, to be gathered into the form.
#[derive(Default)]
pub struct Form {
    widgets: Vec<(Field, ObjectId)>,
    /// Appearance streams by (kind, width, height), shared by alike widgets.
    shared: HashMap<(u8, u32, u32), ObjectId>,
}

impl Form {
    /// Writes the widget of `field` at `rect` (from the page's top-left
    /// corner, y down) on the page `page`, `height` tall; its field
    /// entries are added by [`Form::finish`].
    pub fn widget(
        &mut self,
        lo: &mut lopdf::Document,
        page: ObjectId,
        height: f32,
        rect: Rect,
        field: &Field,
    ) -> ObjectId {
        let (w, h) = (rect.w.0.max(1.0), rect.h.0.max(1.0));
        let mut dict = dictionary! {
            "Type" => "Annot",
            "Subtype" => "Widget",
            "Rect" => vec![
                Object::Real(rect.x.0),
                Object::Real(height - rect.bottom().0),
                Object::Real(rect.right().0),
                Object::Real(height - rect.y.0),
            ],
            "F" => 4,
            "P" => page,
        };
        match &field.kind {
            FieldKind::Check => {
                let on = self.appearance(lo, 1, w, h);
                let off = self.appearance(lo, 0, w, h);
                dict.set("AS", "Off");
                dict.set("MK", dictionary! { "CA" => Object::string_literal("4") });
                dict.set(
                    "AP",
                    dictionary! { "N" => dictionary! { "Yes" => on, "Off" => off } },
                );
            }
            FieldKind::Radio { value } => {
                let on = self.appearance(lo, 2, w, h);
                let off = self.appearance(lo, 0, w, h);
                let mut states = Dictionary::new();
                states.set(value.as_bytes().to_vec(), on);
                states.set("Off", off);
                dict.set("AS", "Off");
                dict.set("MK", dictionary! { "CA" => Object::string_literal("l") });
                dict.set("AP", dictionary! { "N" => states });
            }
            FieldKind::Text { .. } => {
                let empty = self.appearance(lo, 3, w, h);
                dict.set("AP", dictionary! { "N" => empty });
            }
        }
        let id = lo.add_object(dict);
        self.widgets.push((field.clone(), id));
        id
    }

    /// An appearance stream `w` × `h`: 0 nothing (a box not ticked), 1 a
    /// tick, 2 a ring inside the circle of a chosen button, 3 empty text.
    fn appearance(&mut self, lo: &mut lopdf::Document, kind: u8, w: f32, h: f32) -> ObjectId {
        let key = (kind, (w * 100.0) as u32, (h * 100.0) as u32);
        if let Some(id) = self.shared.get(&key) {
            return *id;
        }
        let content = match kind {
            1 => {
                // The workbook's tick: a short stroke down and a long one up.
                let p = |fx: f32, fy: f32| format!("{:.2} {:.2}", w * fx, h * fy);
                format!(
                    "q {INK} RG {:.2} w 1 J 1 j {} m {} l {} l S Q",
                    (w.min(h) * 0.12).max(1.0),
                    p(0.2, 0.5),
                    p(0.42, 0.22),
                    p(0.85, 0.85)
                )
            }
            2 => {
                // A thick ring just inside the printed circle, leaving its number readable.
                let mut ring = format!("q {INK} RG 3 w\n").into_bytes();
                let centre = super::units::Point::new(Pt(w / 2.0), Pt(h / 2.0));
                super::write::circle(&mut ring, centre, Pt(w.min(h) / 2.0 - 2.5), h);
                ring.extend_from_slice(b"Q");
                String::from_utf8(ring).unwrap_or_default()
            }
            3 => "/Tx BMC EMC".to_string(),
            _ => String::new(),
        };
        let stream = Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)],
                "Resources" => Dictionary::new(),
            },
            content.into_bytes(),
        );
        let id = lo.add_object(stream);
        self.shared.insert(key, id);
        id
    }

    /// Gives every widget its field (names split at their dots into a
    /// hierarchy, radio widgets grouped) and sets the catalog's AcroForm.
    /// Nothing happens for a document without fields.
    pub fn finish(self, lo: &mut lopdf::Document, catalog: ObjectId) -> lopdf::Result<()> {
        if self.widgets.is_empty() {
            return Ok(());
        }
        let names = unique_names(&self.widgets);
        let mut inner = Inner::new();
        let mut top: Vec<ObjectId> = Vec::new();
        let mut groups: HashMap<String, ObjectId> = HashMap::new();
        for ((field, widget), name) in self.widgets.iter().zip(&names) {
            let last = name.rsplit('.').next().unwrap_or(name).to_string();
            let tooltip = text_string(&field.label);
            match &field.kind {
                FieldKind::Radio { .. } => {
                    let group = match groups.get(name) {
                        Some(g) => *g,
                        None => {
                            let parent = parent_of(lo, &mut inner, &mut top, name);
                            let mut g = dictionary! {
                                "FT" => "Btn",
                                "Ff" => RADIO | NO_TOGGLE_TO_OFF,
                                "T" => text_string(&last),
                                "TU" => tooltip,
                                "V" => "Off",
                                "Kids" => Vec::<Object>::new(),
                            };
                            if let Some(p) = parent {
                                g.set("Parent", p);
                            }
                            let id = lo.add_object(g);
                            match parent {
                                Some(p) => add_kid(&mut inner, p, id),
                                None => top.push(id),
                            }
                            groups.insert(name.clone(), id);
                            id
                        }
                    };
                    if let Ok(Object::Array(kids)) = lo
                        .get_dictionary_mut(group)
                        .and_then(|g| g.get_mut(b"Kids"))
                    {
                        kids.push(Object::Reference(*widget));
                    }
                    lo.get_dictionary_mut(*widget)?.set("Parent", group);
                }
                kind => {
                    let parent = parent_of(lo, &mut inner, &mut top, name);
                    let w = lo.get_dictionary_mut(*widget)?;
                    w.set("T", text_string(&last));
                    w.set("TU", tooltip);
                    match kind {
                        FieldKind::Check => {
                            w.set("FT", "Btn");
                            w.set("V", "Off");
                            w.set("DA", Object::string_literal("/ZaDb 0 Tf 0 g"));
                        }
                        FieldKind::Text {
                            multiline,
                            size,
                            right,
                        } => {
                            w.set("FT", "Tx");
                            w.set("Q", if *right { 2 } else { 0 });
                            w.set("Ff", if *multiline { MULTILINE } else { 0 });
                            let da = format!("/Helv {:.2} Tf {INK} rg", size.0);
                            w.set("DA", Object::string_literal(da));
                        }
                        FieldKind::Radio { .. } => {}
                    }
                    if let Some(p) = parent {
                        w.set("Parent", p);
                        add_kid(&mut inner, p, *widget);
                    } else {
                        top.push(*widget);
                    }
                }
            }
        }
        for (path, (id, parent, kids)) in inner {
            let last = path.rsplit('.').next().unwrap_or(&path).to_string();
            let mut d = dictionary! {
                "T" => text_string(&last),
                "Kids" => kids.into_iter().map(Object::Reference).collect::<Vec<_>>(),
            };
            if let Some(p) = parent {
                d.set("Parent", p);
            }
            lo.objects.insert(id, Object::Dictionary(d));
        }
        let helv = lo.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        let zadb = lo.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "ZapfDingbats",
        });
        let form = dictionary! {
            "Fields" => top.into_iter().map(Object::Reference).collect::<Vec<_>>(),
            "DR" => dictionary! { "Font" => dictionary! { "Helv" => helv, "ZaDb" => zadb } },
            "DA" => Object::string_literal("/Helv 0 Tf 0 g"),
        };
        lo.get_dictionary_mut(catalog)?.set("AcroForm", form);
        Ok(())
    }
}

/// Non-terminal fields by their full name: object, parent, kids.
type Inner = BTreeMap<String, (ObjectId, Option<ObjectId>, Vec<ObjectId>)>;

/// The non-terminal field a field named `name` goes under (made, with its
/// own parents, when first needed); None: the form's top level.
fn parent_of(
    lo: &mut lopdf::Document,
    inner: &mut Inner,
    top: &mut Vec<ObjectId>,
    name: &str,
) -> Option<ObjectId> {
    let parts: Vec<&str> = name.split('.').collect();
    let mut parent = None;
    for i in 1..parts.len() {
        let path = parts[..i].join(".");
        let id = match inner.get(&path) {
            Some((id, ..)) => *id,
            None => {
                let id = lo.new_object_id();
                inner.insert(path, (id, parent, Vec::new()));
                match parent {
                    Some(p) => add_kid(inner, p, id),
                    None => top.push(id),
                }
                id
            }
        };
        parent = Some(id);
    }
    parent
}

/// Adds `kid` to the non-terminal field `parent`.
fn add_kid(inner: &mut Inner, parent: ObjectId, kid: ObjectId) {
    if let Some((.., kids)) = inner.values_mut().find(|(id, ..)| *id == parent) {
        kids.push(kid);
    }
}

/// Each widget's field name, made unique: a second box or line of the same
/// name gets `-2`, `-3` (radio buttons share theirs: they are one group),
/// and a name that would also be the parent of another name gets `-field`.
fn unique_names(widgets: &[(Field, ObjectId)]) -> Vec<String> {
    let clean = |n: &str| {
        let parts: Vec<&str> = n.split('.').filter(|p| !p.is_empty()).collect();
        if parts.is_empty() {
            "field".to_string()
        } else {
            parts.join(".")
        }
    };
    let all: Vec<String> = widgets.iter().map(|(f, _)| clean(&f.name)).collect();
    let prefixes: HashSet<String> = all
        .iter()
        .flat_map(|n| {
            let parts: Vec<&str> = n.split('.').collect();
            (1..parts.len())
                .map(|i| parts[..i].join("."))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut radio: HashSet<String> = HashSet::new();
    widgets
        .iter()
        .zip(all)
        .map(|((f, _), mut name)| {
            if prefixes.contains(&name) {
                name.push_str("-field");
            }
            if matches!(f.kind, FieldKind::Radio { .. }) {
                if radio.contains(&name) {
                    return name;
                }
                radio.insert(name.clone());
            }
            let n = seen.entry(name.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                name = format!("{name}-{n}");
            }
            name
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, kind: FieldKind) -> (Field, ObjectId) {
        (
            Field {
                name: name.into(),
                label: name.into(),
                kind,
            },
            (1, 0),
        )
    }

    #[test]
    fn names_are_made_unique_except_within_a_radio_group() {
        let text = FieldKind::Text {
            multiline: false,
            size: Pt(12.0),
            right: false,
        };
        let radio = || FieldKind::Radio { value: "1".into() };
        let w = vec![
            field("a.b", FieldKind::Check),
            field("a.b", FieldKind::Check),
            field("a.b.c", text.clone()),
            field("r", radio()),
            field("r", radio()),
            field("..", text),
        ];
        assert_eq!(
            unique_names(&w),
            ["a.b-field", "a.b-field-2", "a.b.c", "r", "r", "field"]
        );
    }
}
