//! A mapping read key by key (`MapReader`): a missing key reported at the mapping, a key
//! given with nothing after it at the key, and every key nobody asked for as unknown, with
//! the closest allowed one.

use super::{Key, Kind, Node};
use crate::diag::{Diagnostic, Location, Msg, did_you_mean, msg};

impl Node {
    pub fn as_map<'n>(&'n self, path: &'n str, diags: &mut Vec<Diagnostic>) -> Option<MapReader<'n>> {
        match &self.kind {
            Kind::Map(entries) => Some(MapReader { node: self, entries, used: vec![false; entries.len()], path }),
            _ => {
                self.wrong_type(path, "type-map", diags);
                None
            }
        }
    }
}

/// Reads the keys of one mapping, then reports the keys nobody asked for.
pub struct MapReader<'n> {
    node: &'n Node,
    entries: &'n [(Key, Node)],
    used: Vec<bool>,
    pub path: &'n str,
}

impl<'n> MapReader<'n> {
    pub fn get(&mut self, key: &str) -> Option<&'n Node> {
        let i = self.entries.iter().position(|(k, _)| k.name == key)?;
        self.used[i] = true;
        match self.entries[i].1.kind {
            Kind::Null => None, // `key:` with nothing after it counts as absent
            _ => Some(&self.entries[i].1),
        }
    }

    /// A key that must be present; its absence is reported at the mapping's first line.
    pub fn require(&mut self, key: &str, what: Msg, diags: &mut Vec<Diagnostic>) -> Option<&'n Node> {
        let found = self.get(key);
        if found.is_none()
            && let Some((k, _)) = self.entries.iter().find(|(k, _)| k.name == key)
        {
            // `value:` with nothing after it: the key is there, its value is not.
            diags.push(
                Diagnostic::error("missing-key", k.at(self.path), msg!("key-without-value", key = key)).help(msg!(
                    "missing-key-help",
                    key = key,
                    what = what
                )),
            );
        } else if found.is_none() {
            diags.push(Diagnostic::error("missing-key", self.location(), msg!("missing-key", key = key)).help(msg!(
                "missing-key-help",
                key = key,
                what = what
            )));
        }
        found
    }

    /// Whether the mapping has `key` at all, even with nothing after it.
    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _)| k.name == key)
    }

    /// The mapping's place: where a missing key is reported.
    pub fn location(&self) -> Location<'n> {
        self.node.at(self.path)
    }

    /// Every entry, for mappings whose keys are data (indicator ids).
    pub fn entries(&mut self) -> &'n [(Key, Node)] {
        self.used.iter_mut().for_each(|u| *u = true);
        self.entries
    }

    /// Reports every key that was never read as unknown, suggesting the closest allowed one.
    pub fn finish(self, allowed: &[&str], diags: &mut Vec<Diagnostic>) {
        for ((key, _), used) in self.entries.iter().zip(&self.used) {
            if !used {
                diags.push(
                    Diagnostic::error("unknown-key", key.at(self.path), msg!("unknown-key", key = &key.name))
                        .help(did_you_mean(&key.name, allowed, msg!("allowed-keys"))),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;

    #[test]
    fn unknown_keys_get_suggestions() {
        let n = parse("comune: x\nprovince: y\n", "t.yaml", 0).unwrap();
        let mut diags = Vec::new();
        let mut m = n.as_map("t.yaml", &mut diags).unwrap();
        assert!(m.require("commune", msg!("want-commune"), &mut diags).is_none());
        m.get("province");
        m.finish(&["commune", "province"], &mut diags);
        let codes: Vec<_> = diags.iter().map(|d| (d.code, d.line, d.help_in(crate::model::Lang::En))).collect();
        assert_eq!(codes[0].0, "missing-key");
        assert_eq!(codes[1], ("unknown-key", 1, "did you mean `commune`?".to_string()));
    }
}
