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
//!   study), a few pilots per file.
//!
//! Each term keeps the written forms it has in the content (`đồng`, `động`, `dòng` for
//! `dong`), and each posting says which of them the pilot uses, so an exact-diacritic
//! match can rank first. The browser half is `themes/default/static/search.js`; the
//! format is documented in ARCHITECTURE.md. Output is deterministic: sorted maps, no clock.

pub mod text;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{Value as Json, json};

use crate::model::*;
use crate::output::OutputFile;
use crate::render::theme::I18n;
use crate::render::views::url;
use text::{Syllable, excerpt, markdown_text, syllables};

/// Where the index is published, relative to the base path.
pub const INDEX_DIR: &str = "search/index/";
/// Pilots per entries file.
pub const ENTRIES_PER_FILE: usize = 2;
/// The raw size a term or lexicon shard aims at; the shard count is a power of two.
const TERM_SHARD_BYTES: usize = 8 * 1024;
const LEXICON_SHARD_BYTES: usize = 2 * 1024;
/// Written forms kept per term; rarer ones still match, folded.
const MAX_VARIANTS: usize = 24;
/// Characters of case-study text kept for result snippets.
const EXCERPT_CHARS: usize = 600;

/// How much one occurrence of a term counts, by where it occurs.
#[derive(Clone, Copy)]
enum Weight {
    Title = 16,
    Place = 6,
    Field = 4,
    Summary = 3,
    Other = 2,
    Body = 1,
}
/// A pilot's weight for a term is capped, so a long case study repeating a word does not
/// outrank a title.
const MAX_WEIGHT: u32 = 63;

/// FNV-1a (32 bit) of the UTF-8 bytes: the browser computes the same (`hash` in search.js).
pub fn hash(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
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

/// One pilot's occurrences of one term.
#[derive(Default)]
struct Hit {
    weight: u32,
    written: BTreeSet<String>,
}

#[derive(Default)]
struct DocTerms(BTreeMap<String, Hit>);

impl DocTerms {
    fn add_text(&mut self, text: &str, weight: Weight) {
        let s = syllables(text);
        for (i, syl) in s.iter().enumerate() {
            self.add(&syl.folded, &syl.written, weight);
            if syl.joined {
                let prev: &Syllable = &s[i - 1];
                self.add(
                    &format!("{} {}", prev.folded, syl.folded),
                    &format!("{} {}", prev.written, syl.written),
                    weight,
                );
            }
        }
    }

    fn add(&mut self, folded: &str, written: &str, weight: Weight) {
        let hit = self.0.entry(folded.to_string()).or_default();
        hit.weight = (hit.weight + weight as u32).min(MAX_WEIGHT);
        hit.written.insert(written.to_string());
    }
}

fn doc_terms(site: &Site, p: &Pilot, body: &str) -> DocTerms {
    let mut d = DocTerms::default();
    let prov = site.province(p.province);
    d.add_text(&p.title, Weight::Title);
    d.add_text(&p.commune, Weight::Place);
    d.add_text(&prov.name, Weight::Place);
    if let Some(name) = p.former_province.as_deref().and_then(|f| prov.former_name(f)) {
        d.add_text(name, Weight::Place);
    }
    if let Some(district) = &p.former_district {
        d.add_text(district, Weight::Place);
    }
    for former in &prov.former {
        d.add_text(&former.name, Weight::Other);
    }
    if let Some(r) = prov.region {
        d.add_text(&site.region(r).name.vi, Weight::Other);
        d.add_text(&site.region(r).name.en, Weight::Other);
    }
    for &f in &p.fields {
        d.add_text(&site.field(f).name.vi, Weight::Field);
        d.add_text(&site.field(f).name.en, Weight::Field);
    }
    d.add_text(&p.summary, Weight::Summary);
    d.add_text(body, Weight::Body);
    d
}

/// All postings of one term across the site.
#[derive(Default)]
struct Postings {
    /// (pilot number, weight, written forms)
    hits: Vec<(u32, u32, BTreeSet<String>)>,
}

impl Postings {
    /// `[[written forms, most used first], [pilot delta, weight, (mask of written forms), …]]`;
    /// the mask is left out when the term has a single written form.
    fn to_json(&self) -> Json {
        let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, _, written) in &self.hits {
            for w in written {
                *uses.entry(w).or_default() += 1;
            }
        }
        let mut variants: Vec<(&str, usize)> = uses.into_iter().collect();
        variants.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        variants.truncate(MAX_VARIANTS);
        let bit = |w: &str| variants.iter().position(|v| v.0 == w).map_or(0, |i| 1u32 << i);
        let with_mask = variants.len() > 1;
        let mut flat = Vec::with_capacity(self.hits.len() * 3);
        let mut last = 0;
        for (doc, weight, written) in &self.hits {
            flat.push(doc - last);
            last = *doc;
            flat.push(*weight);
            if with_mask {
                flat.push(written.iter().map(|w| bit(w)).fold(0, |a, b| a | b));
            }
        }
        json!([variants.iter().map(|v| v.0).collect::<Vec<_>>(), flat])
    }
}

/// The smallest power of two that splits `total` bytes into shards of about `target`.
fn shard_count(total: usize, target: usize) -> u32 {
    (total.div_ceil(target).max(1) as u32).next_power_of_two()
}

/// The index files, paths relative to the output folder. `t` labels statuses in the site language.
pub fn index_files(site: &Site, t: &I18n) -> Vec<OutputFile> {
    use rayon::prelude::*;
    let bodies: Vec<String> = site.pilots.par_iter().map(|p| markdown_text(&p.doc.markdown)).collect();
    let per_doc: Vec<DocTerms> =
        site.pilots.par_iter().zip(&bodies).map(|(p, body)| doc_terms(site, p, body)).collect();

    let mut terms: BTreeMap<String, Postings> = BTreeMap::new();
    for (doc, dt) in per_doc.into_iter().enumerate() {
        for (term, hit) in dt.0 {
            terms.entry(term).or_default().hits.push((doc as u32, hit.weight, hit.written));
        }
    }

    let mut files: Vec<(String, String)> = Vec::new();

    // Term shards.
    let encoded: Vec<(&String, String)> = terms.iter().map(|(k, p)| (k, p.to_json().to_string())).collect();
    let total: usize = encoded.iter().map(|(k, v)| k.len() + v.len() + 4).sum();
    let term_shards = shard_count(total, TERM_SHARD_BYTES);
    let mut shards: BTreeMap<u32, Vec<(&String, &String)>> = BTreeMap::new();
    for (k, v) in &encoded {
        shards.entry(term_shard(k, term_shards)).or_default().push((k, v));
    }
    for (n, entries) in shards {
        files.push((format!("t/{n}.json"), json_object(&entries)));
    }

    // Lexicon shards: syllables (not pairs) of two characters or more, with their document frequency.
    let lexicon: Vec<(&String, usize)> = terms
        .iter()
        .filter(|(k, _)| !k.contains(' ') && k.chars().nth(1).is_some())
        .map(|(k, p)| (k, p.hits.len()))
        .collect();
    let lexicon_total: usize = lexicon.iter().map(|(k, _)| k.len() + 8).sum();
    let lexicon_shards = shard_count(lexicon_total, LEXICON_SHARD_BYTES);
    let mut lex: BTreeMap<u32, Vec<(&String, String)>> = BTreeMap::new();
    for (k, df) in lexicon {
        lex.entry(term_shard(&lexicon_key(k), lexicon_shards)).or_default().push((k, df.to_string()));
    }
    for (n, entries) in lex {
        let entries: Vec<(&String, &String)> = entries.iter().map(|(k, v)| (*k, v)).collect();
        files.push((format!("l/{n}.json"), json_object(&entries)));
    }

    // Result entries.
    for (chunk, pilots) in site.pilots.chunks(ENTRIES_PER_FILE).enumerate() {
        let bodies = &bodies[chunk * ENTRIES_PER_FILE..];
        let entries: Vec<Json> = pilots
            .iter()
            .zip(bodies)
            .map(|(p, body)| json!([url::pilot(site, p), p.title, p.summary, excerpt(body, EXCERPT_CHARS)]))
            .collect();
        files.push((format!("e/{chunk}.json"), Json::Array(entries).to_string()));
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

    let mut version = 0u32;
    for (path, body) in &files {
        version = hash(&format!("{version:08x}{path}{body}"));
    }
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

    files.sort();
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

    #[test]
    fn shard_counts_are_powers_of_two() {
        assert_eq!(shard_count(0, 8), 1);
        assert_eq!(shard_count(8, 8), 1);
        assert_eq!(shard_count(9, 8), 2);
        assert_eq!(shard_count(100, 8), 16);
    }

    #[test]
    fn postings_keep_written_forms_most_used_first() {
        let forms = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        let p = Postings {
            hits: vec![(0, 16, forms(&["đồng"])), (3, 1, forms(&["động", "đồng"])), (7, 2, forms(&["đồng"]))],
        };
        assert_eq!(p.to_json(), json!([["đồng", "động"], [0, 16, 1, 3, 1, 3, 4, 2, 1]]));
        let single = Postings { hits: vec![(2, 3, forms(&["xoài"]))] };
        assert_eq!(single.to_json(), json!([["xoài"], [2, 3]]));
    }
}
