//! The search index, built from the model at build time and published as static JSON
//! under `search/index/`, so a phone downloads only what one query needs, in few files:
//!
//! - `manifest.json`: shard counts and bounds, a version, and the facet labels (provinces
//!   with their regions, regions, fields, statuses);
//! - `facets.json`: each pilot's province, status, period and fields, for facet counts;
//! - `t/<n>.json`: postings of folded syllables and adjacent-syllable pairs, the terms in
//!   sorted order cut into runs (`term_shard` finds a term's run from the manifest's
//!   bounds), so a word, its completions and the pairs it begins share a file;
//! - `l/<n>.json`: folded syllables with their document frequency, sharded by a hash of
//!   their first two characters, to complete the last query word as a prefix;
//! - `e/<n>.json`: what a result shows (URL, title, summary, how many of its values name a
//!   source and how many it has), `entries_per_file` pilots per file.
//!
//! Each term keeps the written forms it has in the content (`đồng`, `động`, `dòng` for
//! `dong`), and each posting says which of them the pilot uses, so an exact-diacritic
//! match can rank first. The browser half is `themes/default/static/search.js`; the
//! format is documented in ARCHITECTURE.md and why it is laid out so in docs/search.md.
//! Output is deterministic: sorted maps, no clock.
//!
//! It lives inside `render` because it is one of render's outputs: it reads the rendered
//! documents (`markdown::Rendered`), the UI strings and the published URLs, and the
//! Markdown renderer takes its plain text from `text.rs`. As a top-level module beside
//! render the two would use each other, a cycle (ARCHITECTURE.md, "Dependency rule").
//!
//! The parts: `text.rs` reads syllables, `terms.rs` gathers each pilot's terms with their
//! weights and written forms, `shards.rs` sorts them and writes the term shards' JSON; this
//! file writes every file of the index (`index_files`) and holds the lookups the browser shares.

mod shards;
mod terms;
pub mod text;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;

use serde_json::{Value as Json, json};

use super::markdown::Rendered;
use super::theme::I18n;
use super::url;
use crate::model::*;
use crate::output::OutputFile;
pub use shards::utf16_cmp;
use shards::{Postings, TermShards, shard_count, term_shards};
use terms::{DocIndex, Strings, Vocab, Worker, doc_index};

/// Where the index is published, relative to the base path.
pub const INDEX_DIR: &str = "search/index/";
/// Pilots indexed at once before their terms are folded into the postings: enough to keep
/// both threads busy, few enough that their terms weigh a few megabytes.
const FOLD_RUN: usize = 256;
/// The raw size a lexicon shard aims at; the shard count is a power of two.
const LEXICON_SHARD_BYTES: usize = 2 * 1024;

/// Pilots per entries file: a query shows 20 results, which may lie in 20 files, so a file
/// is kept small where the budget of a cold query is (40 KB at 1,000 pilots: two pilots a
/// file), and grows with the site up to 16 pilots (10,000 pilots: 625 files): the largest
/// power of two not above one 500th of the pilots, from 1 to 16.
pub fn entries_per_file(pilots: usize) -> usize {
    let n = (pilots / 500).clamp(1, 16);
    1 << n.ilog2()
}

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

/// The term shard holding a folded term (`dong`) or pair (`dong thap`), from the bounds the
/// manifest lists (`termBounds`): as many as are not greater than the term. search.js
/// finds it the same way.
pub fn term_shard(term: &str, bounds: &[String]) -> usize {
    bounds.partition_point(|b| utf16_cmp(b, term).is_le())
}

/// What the lexicon shards by: a term's first two characters (folded).
pub fn lexicon_key(term: &str) -> String {
    term.chars().take(2).collect()
}

/// The lexicon shard listing the syllables that start like `term`.
pub fn lexicon_shard(term: &str, shards: u32) -> u32 {
    hash(&lexicon_key(term)) % shards
}

/// The index files, paths relative to the output folder. `rendered` are the pilots' case
/// studies as rendered (for their plain text), `t` labels statuses in the site language.
pub fn index_files(site: &Site, rendered: &[Rendered], t: &I18n) -> Vec<OutputFile> {
    use rayon::prelude::*;
    let vocab = Vocab::default();
    // A worker per thread, kept from one run of pilots to the next (its syllable cache is warm).
    let workers: Vec<Mutex<Worker>> = (0..rayon::current_num_threads()).map(|_| Mutex::default()).collect();
    let mut postings = Postings::default();
    // Pilots are indexed a run at a time and folded in, in site order, before the next run.
    for (pilots, docs) in site.pilots.chunks(FOLD_RUN).zip(rendered.chunks(FOLD_RUN)) {
        let indexed: Vec<DocIndex> = pilots
            .par_iter()
            .zip(docs)
            .map(|(p, doc)| {
                let worker = &workers[rayon::current_thread_index().unwrap_or(0) % workers.len()];
                let mut worker = worker.lock().unwrap_or_else(|e| e.into_inner());
                doc_index(site, p, &doc.text, &vocab, &mut worker)
            })
            .collect();
        indexed.into_iter().for_each(|d| postings.add(d));
    }
    drop(workers);
    let strings = vocab.0.into_inner().unwrap_or_else(|e| e.into_inner()).strings;
    let strings = Strings { strings };

    let TermShards { files: shards, bounds, mut lexicon } = term_shards(postings, &strings);
    let term_shards = shards.len();
    let mut files: Vec<(String, String)> =
        shards.into_iter().enumerate().map(|(n, json)| (format!("t/{n}.json"), json)).collect();

    // Lexicon shards: syllables (not pairs) of two characters or more, with their document frequency.
    lexicon.sort();
    let lexicon_total: usize = lexicon.iter().map(|(k, _)| k.len() + 8).sum();
    let lexicon_shards = shard_count(lexicon_total, LEXICON_SHARD_BYTES);
    let mut lex: BTreeMap<u32, Vec<(&String, String)>> = BTreeMap::new();
    for (k, df) in &lexicon {
        lex.entry(lexicon_shard(k, lexicon_shards)).or_default().push((k, df.to_string()));
    }
    // Empty lexicon shards are written too: the browser fetches whatever shard a word hashes to.
    for n in 0..lexicon_shards {
        let entries: Vec<(&String, &String)> = lex.get(&n).into_iter().flatten().map(|(k, v)| (*k, v)).collect();
        files.push((format!("l/{n}.json"), json_object(&entries)));
    }

    // Result entries, `per_file` pilots a file, in site order.
    let per_file = entries_per_file(site.pilots.len());
    for (chunk, pilots) in site.pilots.chunks(per_file).enumerate() {
        let entries: Vec<(String, &str, &str, usize, usize)> = pilots
            .iter()
            .map(|p| {
                let SourcedCount { sourced, values } = p.sourced_values();
                (url::pilot(site, p), p.title.as_str(), p.summary_for(site.config.language), sourced, values)
            })
            .collect();
        let json = serde_json::to_string(&entries).unwrap_or_default();
        files.push((format!("e/{chunk}.json"), json));
    }

    // Facets, one column per facet, one value per pilot.
    let col = |f: &dyn Fn(&Pilot) -> i64| char_column(&site.pilots.iter().map(f).collect::<Vec<_>>());
    let fields = site.pilots.iter().map(|p| p.fields.iter().map(|f| id_char(f.0 as i64, 0)).collect::<String>());
    let facets = json!({
        "province": col(&|p| p.province.0 as i64),
        "status": col(&|p| Status::ALL.iter().position(|s| *s == p.status).unwrap_or(0) as i64),
        "start": col(&|p| i64::from(p.period.0)),
        "end": col(&|p| i64::from(p.period.1)),
        "field": fields.collect::<Vec<_>>().join(","),
    });
    files.push(("facets.json".into(), facets.to_string()));

    files.sort();
    let version = files.iter().fold(0x811c_9dc5, |h, (path, body)| fnv(fnv(h, path.as_bytes()), body.as_bytes()));
    let lang = site.config.language;
    let manifest = json!({
        "version": format!("{version:08x}"),
        "pilots": site.pilots.len(),
        "termShards": term_shards,
        "termBounds": bounds,
        "lexiconShards": lexicon_shards,
        "entriesPerFile": per_file,
        "province": site.provinces.iter().map(|p| json!([p.slug, p.name, p.region.map(|r| r.0)])).collect::<Vec<_>>(),
        "region": site.regions.iter().map(|r| json!([r.slug, r.name.get(lang)])).collect::<Vec<_>>(),
        "field": site.fields.iter().map(|f| json!([f.slug, f.name.get(lang)])).collect::<Vec<_>>(),
        "status": Status::ALL.iter().map(|s| json!([s.name(), t.get(&format!("status_{}", s.name()))])).collect::<Vec<_>>(),
    });
    files.push(("manifest.json".into(), manifest.to_string()));

    files.into_iter().map(|(path, body)| OutputFile::bytes(format!("{INDEX_DIR}{path}"), body.into_bytes())).collect()
}

/// The largest value a facet character carries: `'0'` plus it stays below the surrogates, so
/// JavaScript's `charCodeAt` reads it back.
const CHAR_VALUES: i64 = 0xd000;

/// A facet column of whole numbers as `[least, text]`, one character a pilot (`id_char`):
/// gzipped, about 30 % smaller than a JSON array of the numbers at 10,000 pilots. A column
/// whose values spread too far for that stays an array of numbers.
fn char_column(values: &[i64]) -> Json {
    let least = values.iter().copied().min().unwrap_or(0);
    if values.iter().any(|v| v - least >= CHAR_VALUES) {
        return json!(values);
    }
    json!([least, values.iter().map(|&v| id_char(v, least)).collect::<String>()])
}

/// The character standing for `value` in a column whose least value is `least`.
fn id_char(value: i64, least: i64) -> char {
    char::from_u32((0x30 + (value - least).clamp(0, CHAR_VALUES - 1)) as u32).unwrap_or('0')
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

    #[test]
    fn entries_per_file_grow_with_the_site_up_to_sixteen() {
        let per = |n| entries_per_file(n);
        assert_eq!(
            [per(0), per(12), per(999), per(1000), per(3000), per(5000), per(10_000), per(100_000)],
            [1, 1, 1, 2, 4, 8, 16, 16]
        );
    }

    #[test]
    fn facet_columns_are_one_character_a_pilot() {
        assert_eq!(char_column(&[2023, 2022, 2025]), json!([2022, "103"]));
        assert_eq!(char_column(&[]), json!([0, ""]));
        // Values too far apart for a character stay numbers.
        assert_eq!(char_column(&[0, CHAR_VALUES]), json!([0, CHAR_VALUES]));
        assert_eq!(id_char(CHAR_VALUES - 1, 0) as u32, 0xd02f);
    }
}
