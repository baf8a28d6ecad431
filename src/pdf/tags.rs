//! Tags: the structure tree of a tagged PDF, rebuilt from what the pages' content streams marked.
//!
//! `write` numbers each page's marked stretches (MCIDs) and its link
//! annotations as it writes them, and reports them here in the order they
//! come. Every node is created the first time something of it (or of a node
//! under it) appears, so the tree's reading order is the content's order by
//! construction. Heading levels are closed up here (an H3 right after an H1
//! becomes an H2), header cells get their scope, notes their ids, and the
//! tree is written as the StructTreeRoot, its ParentTree and IDTree.

use super::frame::{Role, Tag};
use lopdf::{dictionary, Object, ObjectId, StringFormat};
use std::collections::HashMap;
use std::sync::Arc;

/// What a page's content stream marked, in the order it was written.
#[derive(Debug, Clone)]
pub enum Event {
    /// Marked-content stretch `mcid` belongs to `tag`; `text` is the text it
    /// shows (kept for links only, to describe their annotations).
    Content {
        mcid: u32,
        tag: Arc<Tag>,
        text: String,
    },
    /// The page's link annotation `index` (in the order written) belongs to `tag`.
    Link { index: usize, tag: Arc<Tag> },
}

/// One child of a structure element.
#[derive(Debug, Clone, PartialEq)]
enum Kid {
    Node(usize),
    Content { page: usize, mcid: u32 },
    Annot { page: usize, index: usize },
}

#[derive(Debug)]
struct Node {
    role: Role,
    parent: Option<usize>,
    kids: Vec<Kid>,
    /// The first page it has content on.
    page: Option<usize>,
    alt: Option<String>,
    lang: Option<String>,
    /// The text of a link's content, to describe its annotations.
    text: String,
}

/// The structure tree being rebuilt.
#[derive(Debug, Default)]
pub struct Tree {
    nodes: Vec<Node>,
    /// Top-level nodes, under the Document element.
    roots: Vec<usize>,
    by_id: HashMap<u64, usize>,
    /// The level of the last heading placed, to close up skipped levels.
    last_heading: u8,
    /// Per page: the node of each MCID, in MCID order.
    pages: Vec<Vec<usize>>,
    /// Per page: the node of each link annotation (None: untagged).
    annots: Vec<Vec<Option<usize>>>,
}

/// What a reader sees of the tree, for tests: roles nested in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    pub role: String,
    pub kids: Vec<Outline>,
}

impl Tree {
    /// Takes the events of page `page` (pages in order, each once).
    pub fn add_page(&mut self, page: usize, events: &[Event], annots: usize) {
        while self.pages.len() <= page {
            self.pages.push(Vec::new());
            self.annots.push(Vec::new());
        }
        self.annots[page] = vec![None; annots];
        for e in events {
            match e {
                Event::Content { mcid, tag, text } => {
                    let n = self.node(tag, page);
                    let m = *mcid as usize;
                    if self.pages[page].len() <= m {
                        self.pages[page].resize(m + 1, n);
                    }
                    self.pages[page][m] = n;
                    self.nodes[n].kids.push(Kid::Content { page, mcid: *mcid });
                    if tag.role == Role::Link {
                        self.nodes[n].text.push_str(text);
                    }
                }
                Event::Link { index, tag } => {
                    let n = self.node(tag, page);
                    self.nodes[n].kids.push(Kid::Annot {
                        page,
                        index: *index,
                    });
                    if let Some(slot) = self.annots[page].get_mut(*index) {
                        *slot = Some(n);
                    }
                }
            }
        }
    }

    /// The text a link annotation's node shows (its description), if tagged.
    pub fn annot_text(&self, page: usize, index: usize) -> Option<&str> {
        let n = (*self.annots.get(page)?.get(index)?)?;
        Some(self.nodes[n].text.trim())
    }

    /// The node for `tag`, made (with its parents) when first seen.
    fn node(&mut self, tag: &Arc<Tag>, page: usize) -> usize {
        if let Some(&n) = self.by_id.get(&tag.id) {
            if self.nodes[n].page.is_none() {
                self.nodes[n].page = Some(page);
            }
            return n;
        }
        let parent = tag.parent.as_ref().map(|p| self.node(p, page));
        let role = match tag.role {
            Role::H(level) => {
                let level = level.clamp(1, 6).min(self.last_heading + 1);
                self.last_heading = level;
                Role::H(level)
            }
            r => r,
        };
        let n = self.nodes.len();
        self.nodes.push(Node {
            role,
            parent,
            kids: Vec::new(),
            page: Some(page),
            alt: tag.alt.clone(),
            lang: tag.lang.clone(),
            text: String::new(),
        });
        match parent {
            Some(p) => self.nodes[p].kids.push(Kid::Node(n)),
            None => self.roots.push(n),
        }
        self.by_id.insert(tag.id, n);
        n
    }

    /// True when nothing was tagged.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The tree's roles, nested, in reading order.
    pub fn outline(&self) -> Vec<Outline> {
        fn of(tree: &Tree, n: usize) -> Outline {
            Outline {
                role: tree.nodes[n].role.name().to_string(),
                kids: tree.nodes[n]
                    .kids
                    .iter()
                    .filter_map(|k| match k {
                        Kid::Node(c) => Some(of(tree, *c)),
                        _ => None,
                    })
                    .collect(),
            }
        }
        self.roots.iter().map(|&n| of(self, n)).collect()
    }

    /// A header cell's scope: the column for cells of a table's first row, else the row.
    fn scope(&self, n: usize) -> &'static str {
        let row = self.nodes[n].parent;
        let table = row.and_then(|r| self.nodes[r].parent);
        let first_row = table.and_then(|t| {
            self.nodes[t].kids.iter().find_map(|k| match k {
                Kid::Node(c) if self.nodes[*c].role == Role::TR => Some(*c),
                _ => None,
            })
        });
        if row.is_some() && first_row == row {
            "Column"
        } else {
            "Row"
        }
    }

    /// Writes the tree into `lo`: the StructTreeRoot (set in the catalog by
    /// the caller), each page's `/StructParents` and each annotation's
    /// `/StructParent`. `pages` are the page objects in order, `annots` each
    /// page's annotation objects in the order written.
    pub fn write(
        &self,
        lo: &mut lopdf::Document,
        pages: &[ObjectId],
        annots: &[Vec<Option<ObjectId>>],
    ) -> lopdf::Result<ObjectId> {
        let root_id = lo.new_object_id();
        let doc_id = lo.new_object_id();
        let ids: Vec<ObjectId> = self.nodes.iter().map(|_| lo.new_object_id()).collect();
        let mut note_ids: Vec<(String, ObjectId)> = Vec::new();
        for (n, node) in self.nodes.iter().enumerate() {
            let parent = node.parent.map_or(doc_id, |p| ids[p]);
            let mut kids = Vec::with_capacity(node.kids.len());
            for k in &node.kids {
                kids.push(match k {
                    Kid::Node(c) => Object::Reference(ids[*c]),
                    Kid::Content { page, mcid } if Some(*page) == node.page => {
                        Object::Integer(i64::from(*mcid))
                    }
                    Kid::Content { page, mcid } => Object::Dictionary(dictionary! {
                        "Type" => "MCR",
                        "Pg" => pages[*page],
                        "MCID" => i64::from(*mcid),
                    }),
                    Kid::Annot { page, index } => {
                        match annots
                            .get(*page)
                            .and_then(|a| a.get(*index))
                            .copied()
                            .flatten()
                        {
                            Some(a) => Object::Dictionary(dictionary! {
                                "Type" => "OBJR",
                                "Pg" => pages[*page],
                                "Obj" => a,
                            }),
                            None => continue,
                        }
                    }
                });
            }
            let mut dict = dictionary! {
                "Type" => "StructElem",
                "S" => Object::Name(node.role.name().as_bytes().to_vec()),
                "P" => parent,
                "K" => kids,
            };
            if let Some(p) = node.page {
                dict.set("Pg", pages[p]);
            }
            if let Some(alt) = &node.alt {
                dict.set("Alt", text_string(alt));
            }
            if let Some(lang) = &node.lang {
                dict.set("Lang", Object::string_literal(lang.as_str()));
            }
            match node.role {
                Role::TH => dict.set(
                    "A",
                    dictionary! {
                        "O" => "Table",
                        "Scope" => Object::Name(self.scope(n).as_bytes().to_vec()),
                    },
                ),
                Role::Note => {
                    let id = format!("note-{}", note_ids.len() + 1);
                    dict.set("ID", Object::string_literal(id.as_str()));
                    note_ids.push((id, ids[n]));
                }
                _ => {}
            }
            lo.objects.insert(ids[n], Object::Dictionary(dict));
        }
        let first_page = pages.first().copied();
        let mut document = dictionary! {
            "Type" => "StructElem",
            "S" => "Document",
            "P" => root_id,
            "K" => self.roots.iter().map(|&n| Object::Reference(ids[n])).collect::<Vec<_>>(),
        };
        if let Some(p) = first_page {
            document.set("Pg", p);
        }
        lo.objects.insert(doc_id, Object::Dictionary(document));
        // The parent tree: for each page, the node of each of its MCIDs; for
        // each annotation, its node. Keys in order: pages, then annotations.
        let mut nums = Vec::new();
        for (p, mcids) in self.pages.iter().enumerate() {
            if mcids.is_empty() {
                continue;
            }
            nums.push(Object::Integer(p as i64));
            nums.push(Object::Array(
                mcids.iter().map(|&n| Object::Reference(ids[n])).collect(),
            ));
            lo.get_dictionary_mut(pages[p])?
                .set("StructParents", p as i64);
        }
        let mut key = pages.len() as i64;
        for (p, list) in self.annots.iter().enumerate() {
            for (i, node) in list.iter().enumerate() {
                let annot = annots.get(p).and_then(|a| a.get(i)).copied().flatten();
                let (Some(n), Some(annot)) = (node, annot) else {
                    continue;
                };
                nums.push(Object::Integer(key));
                nums.push(Object::Reference(ids[*n]));
                lo.get_dictionary_mut(annot)?.set("StructParent", key);
                key += 1;
            }
        }
        let mut root = dictionary! {
            "Type" => "StructTreeRoot",
            "K" => doc_id,
            "ParentTree" => dictionary! { "Nums" => nums },
            "ParentTreeNextKey" => key,
        };
        if !note_ids.is_empty() {
            note_ids.sort();
            let names: Vec<Object> = note_ids
                .into_iter()
                .flat_map(|(id, obj)| [Object::string_literal(id), Object::Reference(obj)])
                .collect();
            root.set("IDTree", dictionary! { "Names" => names });
        }
        lo.objects.insert(root_id, Object::Dictionary(root));
        Ok(root_id)
    }
}

/// A PDF text string: UTF-16BE with a byte-order mark, so any text survives.
pub fn text_string(s: &str) -> Object {
    let mut out = vec![0xfe, 0xff];
    for unit in s.encode_utf16() {
        out.extend(unit.to_be_bytes());
    }
    Object::String(out, StringFormat::Hexadecimal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(tag: &Arc<Tag>, mcid: u32) -> Event {
        Event::Content {
            mcid,
            tag: tag.clone(),
            text: String::new(),
        }
    }

    #[test]
    fn nodes_nest_in_the_order_their_content_comes() {
        let list = Tag::new(Role::L, None);
        let item = Tag::new(Role::LI, Some(&list));
        let label = Tag::new(Role::Lbl, Some(&item));
        let body = Tag::new(Role::LBody, Some(&item));
        let h = Tag::new(Role::H(1), None);
        let mut tree = Tree::default();
        tree.add_page(0, &[content(&h, 0), content(&label, 1)], 0);
        // The list goes on over the page: the same nodes, not new ones.
        tree.add_page(1, &[content(&body, 0), content(&label, 1)], 0);
        let o = tree.outline();
        assert_eq!(o.len(), 2);
        assert_eq!(o[0].role, "H1");
        assert_eq!(o[1].role, "L");
        assert_eq!(o[1].kids[0].role, "LI");
        let kids: Vec<&str> = o[1].kids[0].kids.iter().map(|k| k.role.as_str()).collect();
        assert_eq!(kids, ["Lbl", "LBody"]);
    }

    #[test]
    fn skipped_heading_levels_are_closed_up() {
        let tags: Vec<Arc<Tag>> = [3, 1, 4, 2, 6]
            .into_iter()
            .map(|l| Tag::new(Role::H(l), None))
            .collect();
        let events: Vec<Event> = tags
            .iter()
            .enumerate()
            .map(|(i, t)| content(t, i as u32))
            .collect();
        let mut tree = Tree::default();
        tree.add_page(0, &events, 0);
        let roles: Vec<String> = tree.outline().into_iter().map(|o| o.role).collect();
        assert_eq!(roles, ["H1", "H1", "H2", "H2", "H3"]);
    }

    #[test]
    fn header_cells_of_the_first_row_head_columns_the_others_rows() {
        let table = Tag::new(Role::Table, None);
        let head = Tag::new(Role::TR, Some(&table));
        let row = Tag::new(Role::TR, Some(&table));
        let a = Tag::new(Role::TH, Some(&head));
        let b = Tag::new(Role::TH, Some(&row));
        let mut tree = Tree::default();
        tree.add_page(0, &[content(&a, 0), content(&b, 1)], 0);
        let (na, nb) = (tree.by_id[&a.id], tree.by_id[&b.id]);
        assert_eq!(tree.scope(na), "Column");
        assert_eq!(tree.scope(nb), "Row");
    }
}
