//! Locate: where a key or value sits in a YAML text, found by its path.
//!
//! serde keeps no positions for values that parsed fine, so a problem found
//! later (a bad count in the third block of a sheet) is placed by walking the
//! YAML parser's events, which carry line and column. A path is written with
//! dots: `blocks.2.log.rows` is the `rows` key of the `log` block that is the
//! third item of `blocks`. Only the first YAML document is read, so the text
//! of a whole Markdown file (front matter between `---` fences) works too.

use saphyr_parser::{Event, Parser, Span};

/// A place in the text: 1-based line and column (in characters).
pub type Place = (usize, usize);

/// One node of the document: its path, where its key (or list dash) is, and where its value starts.
#[derive(Debug, Clone)]
struct Node {
    path: String,
    key: Place,
    value: Place,
}

/// The places of every key and value of a YAML text.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    nodes: Vec<Node>,
}

/// A container being read, for the walk.
enum Open {
    Map {
        path: String,
        /// The key just read, waiting for its value.
        key: Option<(String, Place)>,
    },
    Seq {
        path: String,
        next: usize,
    },
}

fn place(span: &Span) -> Place {
    (span.start.line(), span.start.col() + 1)
}

fn join(path: &str, part: &str) -> String {
    if path.is_empty() {
        part.to_string()
    } else {
        format!("{path}.{part}")
    }
}

impl Locator {
    /// Reads the places in `text`. A text the parser cannot read gives the
    /// places found before the problem (the caller falls back to the line).
    pub fn new(text: &str) -> Locator {
        let mut nodes = Vec::new();
        let mut stack: Vec<Open> = Vec::new();
        let mut started = false;
        for event in Parser::new_from_str(text) {
            let Ok((event, span)) = event else { break };
            let at = place(&span);
            match event {
                Event::DocumentStart(_) if started => break,
                Event::DocumentStart(_) => started = true,
                Event::DocumentEnd | Event::StreamEnd => break,
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                Event::Scalar(..)
                | Event::Alias(_)
                | Event::MappingStart(..)
                | Event::SequenceStart(..) => {
                    let opens = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
                    // A scalar that is a mapping's key: remember it and wait for its value.
                    if let (
                        Some(Open::Map {
                            key: key @ None, ..
                        }),
                        Event::Scalar(text, ..),
                    ) = (stack.last_mut(), &event)
                    {
                        *key = Some((text.to_string(), at));
                        continue;
                    }
                    let (path, key_at) = match stack.last_mut() {
                        None => (String::new(), at),
                        Some(Open::Map { path, key }) => match key.take() {
                            Some((name, key_at)) => (join(path, &name), key_at),
                            // A key that is itself a list or mapping: nothing can name it.
                            None => (join(path, "?"), at),
                        },
                        Some(Open::Seq { path, next }) => {
                            *next += 1;
                            (join(path, &(*next - 1).to_string()), at)
                        }
                    };
                    nodes.push(Node {
                        path: path.clone(),
                        key: key_at,
                        value: at,
                    });
                    if opens {
                        stack.push(match event {
                            Event::MappingStart(..) => Open::Map { path, key: None },
                            _ => Open::Seq { path, next: 0 },
                        });
                    }
                }
                _ => {}
            }
        }
        Locator { nodes }
    }

    /// Where the node at `path` is named: its key, or for a list item where it starts.
    pub fn key(&self, path: &str) -> Option<Place> {
        self.node(path).map(|n| n.key)
    }

    /// Where the value at `path` starts.
    pub fn value(&self, path: &str) -> Option<Place> {
        self.node(path).map(|n| n.value)
    }

    /// The place of `path`, or of the nearest enclosing node that exists.
    pub fn nearest(&self, path: &str) -> Option<Place> {
        let mut p = path;
        loop {
            if let Some(at) = self.key(p) {
                return Some(at);
            }
            p = p.rsplit_once('.')?.0;
        }
    }

    fn node(&self, path: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.path == path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHEET: &str = "id: x\nblocks:\n  - heading: A\n  - log:\n      columns: [Day, What]\n      rows: 40\n  - columns:\n      left:\n        - log: {columns: [a], rows: 0}\n      right: []\n";

    #[test]
    fn finds_keys_and_values_by_path() {
        let l = Locator::new(SHEET);
        assert_eq!(l.key("id"), Some((1, 1)));
        assert_eq!(l.value("id"), Some((1, 5)));
        assert_eq!(l.key("blocks.1.log"), Some((4, 5)));
        assert_eq!(l.key("blocks.1.log.rows"), Some((6, 7)));
        assert_eq!(l.value("blocks.1.log.rows"), Some((6, 13)));
        assert_eq!(l.value("blocks.1.log.columns.1"), Some((5, 22)));
        assert_eq!(l.key("blocks.2.columns.left.0.log.rows"), Some((9, 31)));
        assert_eq!(l.key("blocks.9"), None);
        assert_eq!(l.nearest("blocks.1.log.nothing"), Some((4, 5)));
    }

    #[test]
    fn reads_the_front_matter_of_a_markdown_file() {
        let text = "---\ntitle: T\nexercises: [a, b]\n---\n# Body: not: yaml\n- [\n";
        let l = Locator::new(text);
        assert_eq!(l.value("exercises.1"), Some((3, 16)));
        assert_eq!(l.key("title"), Some((2, 1)));
    }

    #[test]
    fn counts_columns_in_characters() {
        let l = Locator::new("title: “Zoë”\nweeks: 4\n");
        assert_eq!(l.value("weeks"), Some((2, 8)));
        let l = Locator::new("names: [Zoë, José]\n");
        assert_eq!(l.value("names.1"), Some((1, 14)));
    }
}
