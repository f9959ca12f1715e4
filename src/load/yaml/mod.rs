//! The one place that knows the YAML backend (serde-saphyr). It turns text into a
//! `Node` tree that keeps the line and column of every key and value, and offers a
//! small typed reader over it. Conversion into the model is done by hand over that
//! tree, so one file can report every problem it has (unknown keys with "did you
//! mean", wrong types, missing keys at the mapping that should hold them), not only
//! the first. Swapping the backend means rewriting `parse` alone.
//!
//! The parts: `parse.rs` reads text into the tree (and words the parser's errors for
//! editors), `read.rs` reads a node as a typed value, `map.rs` reads a mapping key by key
//! (`MapReader`). This file holds the tree itself.

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
    pub fn at<'a>(&self, path: &'a str) -> Location<'a> {
        Location::new(path, self.line, self.column)
    }
}
