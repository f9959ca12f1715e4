//! The one place that knows the YAML backend (serde-saphyr). It turns text into a
//! `Node` tree that keeps the line and column of every key and value, and offers a
//! small typed reader over it. Conversion into the model is done by hand over that
//! tree, so one file can report every problem it has (unknown keys with "did you
//! mean", wrong types, missing keys at the mapping that should hold them), not only
//! the first. Swapping the backend means rewriting `parse` alone.
//!
//! The parts: `parse.rs` reads text into the tree (and words the parser's errors for
//! editors), `read.rs` reads a node as a typed value, `map.rs` reads a mapping key by key
//! (`MapReader`). This file holds the tree itself, and where a diagnostic points.
//!
//! Where a diagnostic points, in every loader (one rule, so an editor learns where to
//! look; the fixtures under `tests/fixtures/check/` hold it):
//!
//! - a problem with a value (wrong type, out of range, blank, not one of the allowed
//!   words, an id that names nothing, an invisible character) points at the value:
//!   `Node::at`; the value of a key in a mapping read before, `Node::value_at`;
//! - a problem with a key (unknown, or written with nothing after it), or with the whole
//!   entry a key names (an indicator id under `indicators:` that is unknown, or whose
//!   value has no source), points at the key: `Key::at`;
//! - a missing key points at the mapping that should hold it: `MapReader::location`.
//!
//! So no loader computes a line and column itself.

mod map;
mod parse;
mod read;

use crate::diag::Location;
pub use map::MapReader;
pub use parse::parse;

/// A YAML value with the position (1-based line and column) where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Int(i64),
    /// The value and how it was written (`15.600`), to name a thousands separator.
    Float(f64, Box<str>),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub line: usize,
    pub column: usize,
}

/// How deep sequences and mappings may nest (deeper is `yaml-too-complex`).
pub const MAX_DEPTH: usize = 20;

impl Node {
    /// Where a problem with this value is reported (the rule in the module head).
    pub fn at<'a>(&self, path: &'a str) -> Location<'a> {
        Location::new(path, self.line, self.column)
    }

    /// Where a problem with the value of `key` in this mapping is reported: at that value;
    /// at this node when it is no mapping or has no such key.
    pub fn value_at<'a>(&self, key: &str, path: &'a str) -> Location<'a> {
        let value = match &self.kind {
            Kind::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, n)| n),
            _ => None,
        };
        value.unwrap_or(self).at(path)
    }
}

impl Key {
    /// Where a problem with this key, or with the entry it names, is reported.
    pub fn at<'a>(&self, path: &'a str) -> Location<'a> {
        Location::new(path, self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_point_at_the_key_or_at_the_value() {
        let n = parse("a: 1\nb:\n  year: 2020\n", "t.yaml", 0).unwrap();
        let Kind::Map(e) = &n.kind else { panic!("map") };
        let at = |l: Location| (l.line, l.column);
        assert_eq!(at(e[1].0.at("t.yaml")), (2, 1), "the key");
        assert_eq!(at(e[1].1.value_at("year", "t.yaml")), (3, 9), "the value of `year`");
        assert_eq!(at(e[1].1.value_at("source", "t.yaml")), (3, 3), "no such key: the mapping");
        assert_eq!(at(e[0].1.value_at("year", "t.yaml")), (1, 4), "no mapping: the node");
    }
}
