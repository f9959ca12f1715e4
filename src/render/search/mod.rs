//! The search index, built from the model at build time and published as static JSON
//! under `search/index/`, so a phone downloads only what one query needs:
//!
//! - `manifest.json`: shard counts, a version, and the facet labels (provinces with their
//!   regions, regions, fields, statuses);
//! - `facets.json`: each pilot's province, status, period and fields, for facet counts;
//! - `t/<n>.json`: postings of folded syllables and adjacent-syllable pairs, sharded by a
//!   hash of the term (`term_shard`);
//! - `l/<n>.json`: folded syllables with their document frequency, sharded by a hash of
//!   their first two characters, to complete the last query word as a prefix;
//! - `e/<n>.json`: what a result shows (URL, title, summary, an excerpt of the case
//!   study, how many of its values name a source and how many it has),
//!   `ENTRIES_PER_FILE` pilots per file.
//!
//! Each term keeps the written forms it has in the content (`đồng`, `động`, `dòng` for
//! `dong`), and each posting says which of them the pilot uses, so an exact-diacritic
//! match can rank first. The browser half is `themes/default/static/search.js`; the
//! format is documented in ARCHITECTURE.md. Output is deterministic: sorted maps, no clock.
//!
//! It lives inside `render` because it is one of render's outputs: it reads the rendered
//! documents (`markdown::Rendered`), the UI strings and the published URLs, and the
//! Markdown renderer takes its plain text from `text.rs`. As a top-level module beside
//! render the two would use each other, a cycle (ARCHITECTURE.md, "Dependency rule").
//!
//! The parts: `text.rs` reads syllables, `terms.rs` gathers each pilot's terms with their
//! weights and written forms, `shards.rs` writes the term shards' JSON; this file writes
//! every file of the index (`index_files`) and holds the hash the browser shares.

mod shards;
mod terms;
pub mod text;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value as Json, json};

use super::markdown::Rendered;
use super::plain_text::PlainText;
use super::theme::I18n;
use super::url;
use crate::model::*;
use crate::output::OutputFile;
use shards::{shard_count, term_shards};
use terms::{DocIndex, Strings, Vocab, Worker, doc_index};
use text::excerpt;

/// Where the index is published, relative to the base path.
pub const INDEX_DIR: &str = "search/index/";
/// Pilots per entries file.
pub const ENTRIES_PER_FILE: usize = 1;
/// The raw size a lexicon shard aims at; the shard count is a power of two.
const LEXICON_SHARD_BYTES: usize = 2 * 1024;
/// Characters of case-study text kept for result snippets.
const EXCERPT_CHARS: usize = 600;

/// FNV-1a (32 bit) of the UTF-8 bytes: the browser computes the same (`hash` in search.js).
pub fn hash(s: &str) -> u32 {
    fnv(0x811c_9dc5, s.as_bytes())
}

fn fnv(mut h: u32, bytes: &[u8]) -> u32 {
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The shard holding a folded term (`dong`) or pair (`dong thap`).
pub fn term_shard(term: &str, shards: u32) -> u32 {
    hash(term) % shards
}

/// The lexicon shard listing the syllables that start like `prefix` (two characters, folded).
pub fn lexicon_key(term: &str) -> String {
    term.chars().take(2).collect()
}

/// The index files, paths relative to the output folder. `rendered` are the pilots' case
/// studies as rendered (for their plain text), `t` labels statuses in the site language.
pub fn index_files(site: &Site, rendered: &[Rendered], t: &I18n) -> Vec<OutputFile> {
    use rayon::prelude::*;
    let bodies: Vec<&PlainText> = rendered.iter().map(|r| &r.text).collect();
    let vocab = Vocab::default();
    let docs: Vec<DocIndex> = site
        .pilots
        .par_iter()
        .zip(&bodies)
        .map_init(Worker::default, |worker, (p, body)| doc_index(site, p, body, &vocab, worker))
        .collect();
    let strings = vocab.0.into_inner().unwrap_or_else(|e| e.into_inner()).strings;
    let hashes = strings.par_iter().map(|s| hash(s)).collect();
    let strings = Strings { strings, hashes };

    let (shards, mut lexicon) = term_shards(&docs, &strings);
    let term_shards = shards.len() as u32;
    // Empty shards are written too: the browser fetches whatever shard a word hashes to.
    let mut files: Vec<(String, String)> =
        shards.into_iter().enumerate().map(|(n, json)| (format!("t/{n}.json"), json)).collect();

    // Lexicon shards: syllables (not pairs) of two characters or more, with their document frequency.
    lexicon.sort();
    let lexicon_total: usize = lexicon.iter().map(|(k, _)| k.len() + 8).sum();
    let lexicon_shards = shard_count(lexicon_total, LEXICON_SHARD_BYTES);
    let mut lex: BTreeMap<u32, Vec<(&String, String)>> = BTreeMap::new();
    for (k, df) in &lexicon {
        lex.entry(term_shard(&lexicon_key(k), lexicon_shards)).or_default().push((k, df.to_string()));
    }
    for n in 0..lexicon_shards {
        let entries: Vec<(&String, &String)> = lex.get(&n).into_iter().flatten().map(|(k, v)| (*k, v)).collect();
        files.push((format!("l/{n}.json"), json_object(&entries)));
    }

    // Result entries.
    for (chunk, pilots) in site.pilots.chunks(ENTRIES_PER_FILE).enumerate() {
        let bodies = &bodies[chunk * ENTRIES_PER_FILE..];
        let entries: Vec<(String, &str, &str, String, usize, usize)> = pilots
            .iter()
            .zip(bodies)
            .map(|(p, body)| {
                let SourcedCount { sourced, values } = p.sourced_values();
                (
                    url::pilot(site, p),
                    p.title.as_str(),
                    p.summary_for(site.config.language),
                    excerpt(&body.body, EXCERPT_CHARS),
                    sourced,
                    values,
                )
            })
            .collect();
        let json = serde_json::to_string(&entries).unwrap_or_default();
        files.push((format!("e/{chunk}.json"), json));
    }

    // Facets, one column per facet, one value per pilot.
    let col = |f: &dyn Fn(&Pilot) -> Json| Json::Array(site.pilots.iter().map(f).collect());
    let facets = json!({
        "province": col(&|p| json!(p.province.0)),
        "status": col(&|p| json!(Status::ALL.iter().position(|s| *s == p.status))),
        "start": col(&|p| json!(p.period.0)),
        "end": col(&|p| json!(p.period.1)),
        "field": col(&|p| json!(p.fields.iter().map(|f| f.0).collect::<Vec<_>>())),
    });
    files.push(("facets.json".into(), facets.to_string()));

    files.sort();
    let version = files.iter().fold(0x811c_9dc5, |h, (path, body)| fnv(fnv(h, path.as_bytes()), body.as_bytes()));
    let lang = site.config.language;
    let manifest = json!({
        "version": format!("{version:08x}"),
        "pilots": site.pilots.len(),
        "termShards": term_shards,
        "lexiconShards": lexicon_shards,
        "entriesPerFile": ENTRIES_PER_FILE,
        "province": site.provinces.iter().map(|p| json!([p.slug, p.name, p.region.map(|r| r.0)])).collect::<Vec<_>>(),
        "region": site.regions.iter().map(|r| json!([r.slug, r.name.get(lang)])).collect::<Vec<_>>(),
        "field": site.fields.iter().map(|f| json!([f.slug, f.name.get(lang)])).collect::<Vec<_>>(),
        "status": Status::ALL.iter().map(|s| json!([s.name(), t.get(&format!("status_{}", s.name()))])).collect::<Vec<_>>(),
    });
    files.push(("manifest.json".into(), manifest.to_string()));

    files.into_iter().map(|(path, body)| OutputFile::bytes(format!("{INDEX_DIR}{path}"), body.into_bytes())).collect()
}

/// A JSON object from keys and already-encoded values, in the given (sorted) order.
fn json_object(entries: &[(&String, &String)]) -> String {
    let mut s = String::from("{");
    for (i, (k, v)) in entries.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let _ = write!(s, "{}:{v}", Json::String((*k).clone()));
    }
    s.push('}');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_fnv1a() {
        // Reference values of 32-bit FNV-1a; search.js must give the same.
        assert_eq!(hash(""), 0x811c_9dc5);
        assert_eq!(hash("a"), 0xe40c_292c);
        assert_eq!(hash("foobar"), 0xbf9c_f968);
    }
}
