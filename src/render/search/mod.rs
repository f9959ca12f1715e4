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

pub mod text;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::Mutex;

use serde_json::{Value as Json, json};

use super::markdown::Rendered;
use super::theme::I18n;
use super::url;
use crate::model::*;
use crate::output::OutputFile;
use text::{excerpt, syllable_bounds, written_and_folded};

/// Where the index is published, relative to the base path.
pub const INDEX_DIR: &str = "search/index/";
/// Pilots per entries file.
pub const ENTRIES_PER_FILE: usize = 1;
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
    fnv(0x811c_9dc5, s.as_bytes())
}

fn fnv(mut h: u32, bytes: &[u8]) -> u32 {
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// A multiply-shift `Hasher` for the index's maps: millions of short keys that the site
/// owns, so SipHash's resistance to crafted keys buys nothing.
#[derive(Default)]
struct Fast(u64);
impl std::hash::Hasher for Fast {
    fn finish(&self) -> u64 {
        // The table takes its bucket from the low bits; fold the well-mixed high bits into them
        // (a single syllable's term has all-ones low bits).
        self.0 ^ (self.0 >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.write_u64(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_u128(&mut self, n: u128) {
        self.write_u64(n as u64);
        self.write_u64((n >> 64) as u64);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}
type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fast>>;

/// The shard holding a folded term (`dong`) or pair (`dong thap`).
pub fn term_shard(term: &str, shards: u32) -> u32 {
    hash(term) % shards
}

/// The lexicon shard listing the syllables that start like `prefix` (two characters, folded).
pub fn lexicon_key(term: &str) -> String {
    term.chars().take(2).collect()
}

/// Syllables get ids the first time they are seen, so a term is a `u64` (two ids; a single
/// syllable has `NONE` as its second) and indexing allocates nothing per occurrence. Ids are
/// assigned in whatever order the threads meet the syllables, so nothing written depends on
/// them: files order terms by hash and text.
#[derive(Default)]
struct Vocab(Mutex<VocabTable>);

#[derive(Default)]
struct VocabTable {
    ids: FastMap<Box<str>, u32>,
    strings: Vec<Box<str>>,
    /// Raw syllable as it appears → (written id, folded id), shared by the workers so each
    /// raw form is normalized and folded once.
    raw: FastMap<Box<str>, (u32, u32)>,
}

impl VocabTable {
    fn id(&mut self, s: String) -> u32 {
        if let Some(&id) = self.ids.get(s.as_str()) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.clone().into());
        self.ids.insert(s.into(), id);
        id
    }
}

const NONE: u32 = u32::MAX;

impl Vocab {
    fn table(&self) -> std::sync::MutexGuard<'_, VocabTable> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The (written id, folded id) of a raw syllable.
    fn ids(&self, raw: &str) -> (u32, u32) {
        if let Some(&ids) = self.table().raw.get(raw) {
            return ids;
        }
        let (w, f) = written_and_folded(raw);
        let mut t = self.table();
        let fid = t.id(f.clone());
        let wid = if w == f { fid } else { t.id(w) };
        t.raw.insert(raw.into(), (wid, fid));
        (wid, fid)
    }
}

/// Raw syllable as it appears → (written id, folded id); one per worker, so lookups take no
/// lock. Syllables of up to 15 bytes (nearly all) are keyed by their bytes packed in a `u128`
/// (`short_key`, never 0) in an open-addressing table: a lookup is a multiply and a compare
/// or two, which matters as every syllable of every case study goes through it.
struct SyllableCache {
    /// Power-of-two many slots; 0 is empty.
    keys: Vec<u128>,
    ids: Vec<(u32, u32)>,
    len: usize,
    long: FastMap<Box<str>, (u32, u32)>,
}

impl Default for SyllableCache {
    fn default() -> Self {
        SyllableCache { keys: vec![0; 4096], ids: vec![(0, 0); 4096], len: 0, long: FastMap::default() }
    }
}

impl SyllableCache {
    /// The slot holding `key`, or the empty slot where it belongs.
    fn slot(&self, key: u128) -> usize {
        let mask = self.keys.len() - 1;
        let h = ((key as u64) ^ ((key >> 64) as u64).rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mut i = (h >> 40) as usize & mask;
        while self.keys[i] != 0 && self.keys[i] != key {
            i = (i + 1) & mask;
        }
        i
    }

    fn get(&self, key: u128) -> Option<(u32, u32)> {
        let i = self.slot(key);
        (self.keys[i] != 0).then(|| self.ids[i])
    }

    fn insert(&mut self, key: u128, ids: (u32, u32)) {
        if 2 * (self.len + 1) > self.keys.len() {
            let size = self.keys.len() * 2;
            let old = std::mem::replace(&mut self.keys, vec![0; size]);
            let old_ids = std::mem::replace(&mut self.ids, vec![(0, 0); size]);
            for (k, v) in old.into_iter().zip(old_ids).filter(|e| e.0 != 0) {
                let i = self.slot(k);
                self.keys[i] = k;
                self.ids[i] = v;
            }
        }
        let i = self.slot(key);
        self.len += usize::from(self.keys[i] == 0);
        self.keys[i] = key;
        self.ids[i] = ids;
    }
}

/// The bytes `text[start..end]` and their count packed into one number, when there are at
/// most 15 (a syllable is never empty, so the number is never 0).
fn short_key(text: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end - start;
    if len > 15 {
        return None;
    }
    let word = match text.get(start..start + 16) {
        Some(w) => u128::from_le_bytes(w.try_into().unwrap_or_default()),
        None => {
            let mut k = [0u8; 16];
            k[..len].copy_from_slice(&text[start..end]);
            u128::from_le_bytes(k)
        }
    };
    Some((word & ((1u128 << (8 * len)) - 1)) | ((len as u128) << 120))
}

fn term(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}
fn parts(t: u64) -> (u32, u32) {
    ((t >> 32) as u32, t as u32)
}

/// Marks a posting whose pilot writes the term with diacritics.
const MARKED: u32 = 1 << 31;
/// Marks a posting whose pilot writes the term in more than one way with diacritics, so its
/// further forms are in `DocIndex::more_written` (rare: looking there for every posting costs).
const MORE: u32 = 1 << 30;
/// No written form with diacritics.
const PLAIN: u64 = u64::MAX;

/// One pilot's terms: (term, weight | MARKED, its first written form with diacritics or
/// `PLAIN`), and, sorted, any further written forms (rare: "đồng" and "động" in one text).
struct DocIndex {
    terms: Vec<(u64, u32, u64)>,
    more_written: Vec<(u64, u64)>,
}

impl DocIndex {
    /// The written forms with diacritics of term `t`, whose first form is `first`.
    fn forms(&self, t: u64, first: u64, weight: u32) -> impl Iterator<Item = u64> + '_ {
        let start =
            if weight & MORE == 0 { self.more_written.len() } else { self.more_written.partition_point(|x| x.0 < t) };
        let more = self.more_written[start..].iter().take_while(move |x| x.0 == t).map(|x| x.1);
        (first != PLAIN).then_some(first).into_iter().chain(more)
    }
}

/// What a worker thread keeps from one pilot to the next: its syllable cache, and a slot
/// (weight, first written form) per folded syllable id, emptied after each pilot — cheaper
/// than hashing every syllable of a case study into a map.
#[derive(Default)]
struct Worker {
    cache: SyllableCache,
    slots: Vec<(u32, u64)>,
    touched: Vec<u32>,
}

struct DocBuilder<'a> {
    vocab: &'a Vocab,
    worker: &'a mut Worker,
    pairs: FastMap<u64, (u32, u64)>,
    more_written: Vec<(u64, u64)>,
}

/// Counts one occurrence of `folded`, written `written`, in its slot.
fn count(slot: &mut (u32, u64), folded: u64, written: u64, weight: Weight, more_written: &mut Vec<(u64, u64)>) {
    let (w, first) = slot;
    let flags = *w & (MARKED | MORE);
    *w = ((*w & !(MARKED | MORE)) + weight as u32).min(MAX_WEIGHT) | flags;
    if written != folded {
        *w |= MARKED;
        if *first == PLAIN {
            *first = written;
        } else if *first != written {
            more_written.push((folded, written));
            *w |= MORE;
        }
    }
}

impl DocBuilder<'_> {
    /// The ids of the syllable `text[start..end]`.
    fn ids(&mut self, text: &str, start: usize, end: usize) -> (u32, u32) {
        let cache = &mut self.worker.cache;
        let key = short_key(text.as_bytes(), start, end);
        if let Some(ids) = key.and_then(|k| cache.get(k)) {
            return ids;
        }
        let raw = &text[start..end];
        if let Some(&ids) = cache.long.get(raw) {
            return ids;
        }
        let (wid, fid) = self.vocab.ids(raw);
        match key {
            Some(k) => self.worker.cache.insert(k, (wid, fid)),
            None => {
                self.worker.cache.long.insert(raw.into(), (wid, fid));
            }
        }
        (wid, fid)
    }

    fn add_text(&mut self, text: &str, weight: Weight) {
        self.add_syllables(text, weight, true);
    }

    /// Adds the syllables of `text`, and with `pairs` its adjacent pairs too.
    fn add_syllables(&mut self, text: &str, weight: Weight, pairs: bool) {
        let mut prev = (NONE, NONE);
        for (start, end, joined) in syllable_bounds(text) {
            let (w, f) = self.ids(text, start, end);
            self.add_syllable(f, w, weight);
            if pairs && joined {
                let (folded, written) = (term(prev.1, f), term(prev.0, w));
                let slot = self.pairs.entry(folded).or_insert((0, PLAIN));
                count(slot, folded, written, weight, &mut self.more_written);
            }
            prev = (w, f);
        }
    }

    fn add_syllable(&mut self, f: u32, w: u32, weight: Weight) {
        let slots = &mut self.worker.slots;
        let i = f as usize;
        if i >= slots.len() {
            let len = (i + 1).max(slots.len() * 2);
            slots.resize(len, (0, PLAIN));
        }
        if slots[i].0 == 0 {
            self.worker.touched.push(f);
        }
        count(&mut slots[i], term(f, NONE), term(w, NONE), weight, &mut self.more_written);
    }

    fn finish(mut self) -> DocIndex {
        self.more_written.sort_unstable();
        self.more_written.dedup();
        let mut terms: Vec<(u64, u32, u64)> = Vec::with_capacity(self.worker.touched.len() + self.pairs.len());
        for f in self.worker.touched.drain(..) {
            let (w, first) = std::mem::replace(&mut self.worker.slots[f as usize], (0, PLAIN));
            terms.push((term(f, NONE), w, first));
        }
        terms.extend(self.pairs.into_iter().map(|(t, (w, first))| (t, w, first)));
        DocIndex { terms, more_written: self.more_written }
    }
}

/// A pilot's terms. Pairs come from its title, names, fields, summary and the headings of
/// its case study; the case study's running text adds syllables only (its pairs made the
/// index 1.7 times larger and its build 1.6 times slower).
fn doc_index(site: &Site, p: &Pilot, text: &(String, String), vocab: &Vocab, worker: &mut Worker) -> DocIndex {
    let pairs = FastMap::with_capacity_and_hasher(256, Default::default());
    let mut d = DocBuilder { vocab, worker, pairs, more_written: Vec::new() };
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
    if let Some(en) = &p.summary_en {
        d.add_text(en, Weight::Summary);
    }
    d.add_syllables(&text.1, Weight::Body, true);
    d.add_syllables(&text.0, Weight::Body, false);
    d.finish()
}

/// The vocabulary, frozen: strings and their hashes by id.
struct Strings {
    strings: Vec<Box<str>>,
    hashes: Vec<u32>,
}

impl Strings {
    fn text(&self, t: u64) -> String {
        match parts(t) {
            (a, NONE) => self.strings[a as usize].to_string(),
            (a, b) => format!("{} {}", self.strings[a as usize], self.strings[b as usize]),
        }
    }
    /// `hash` of the term's text, without building it.
    fn hash(&self, t: u64) -> u32 {
        match parts(t) {
            (a, NONE) => self.hashes[a as usize],
            (a, b) => fnv(fnv(self.hashes[a as usize], b" "), self.strings[b as usize].as_bytes()),
        }
    }
}

/// One pilot's posting for one term.
#[derive(Clone, Copy)]
struct Hit {
    doc: u32,
    /// Weight, with `MARKED` when the pilot writes the term with diacritics.
    weight: u32,
    /// The first such written form, or `PLAIN`.
    first: u64,
}

/// One term's postings as JSON: `[[written forms with diacritics, most used first], [pilot
/// delta, weight, (mask of written forms), …](, 1)]`; the mask, and the final `1` that says
/// it is there, are left out when every pilot uses the term's only written form or it has
/// none. `hits` are sorted by pilot.
fn postings_json(out: &mut String, t: u64, hits: &[Hit], docs: &[DocIndex], strings: &Strings) {
    let mut variants: Vec<(u64, usize, String)> = Vec::new();
    for h in hits {
        for f in docs[h.doc as usize].forms(t, h.first, h.weight) {
            match variants.iter_mut().find(|v| v.0 == f) {
                Some(v) => v.1 += 1,
                None => variants.push((f, 1, strings.text(f))),
            }
        }
    }
    variants.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.2.cmp(&b.2)));
    variants.truncate(MAX_VARIANTS);
    out.push_str("[[");
    for (i, v) in variants.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, &v.2);
    }
    out.push_str("],[");
    // Without a mask every pilot uses the one written form.
    let with_mask = variants.len() > 1 || variants.first().is_some_and(|v| v.1 < hits.len());
    let mut last = 0;
    for (i, h) in hits.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_number(out, h.doc - last);
        out.push(',');
        push_number(out, h.weight & !(MARKED | MORE));
        last = h.doc;
        if with_mask {
            let mask = docs[h.doc as usize]
                .forms(t, h.first, h.weight)
                .filter_map(|f| variants.iter().position(|v| v.0 == f))
                .fold(0u32, |m, i| m | (1 << i));
            out.push(',');
            push_number(out, mask);
        }
    }
    out.push_str(if with_mask { "],1]" } else { "]]" });
}

fn push_number(out: &mut String, n: u32) {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&d| d as char));
}

fn push_json_string(s: &mut String, text: &str) {
    s.push('"');
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(s, "\\u{:04x}", c as u32);
            }
            c => s.push(c),
        }
    }
    s.push('"');
}

/// The smallest power of two that splits `total` bytes into shards of about `target`.
fn shard_count(total: usize, target: usize) -> u32 {
    (total.div_ceil(target).max(1) as u32).next_power_of_two()
}

/// Raw bytes a posting takes on average, to size the term shards before writing them.
const BYTES_PER_POSTING: usize = 7;

/// The term shards' JSON, and the syllables (of two characters or more) with their document
/// frequency. Postings are gathered by term in pilot order (so they need no sorting), the
/// terms ordered as the shards list them, then each shard is written on its own.
fn term_shards(docs: &[DocIndex], strings: &Strings) -> (Vec<String>, Vec<(String, usize)>) {
    use rayon::prelude::*;
    // Each term's slot in `terms` and `postings`: syllables by their id, pairs through a map.
    let mut syllable_slot: Vec<u32> = vec![NONE; strings.strings.len()];
    let mut pair_slot: FastMap<u64, u32> = FastMap::default();
    let mut terms: Vec<u64> = Vec::new();
    let mut postings: Vec<Vec<Hit>> = Vec::new();
    let mut total = 0;
    for (doc, d) in docs.iter().enumerate() {
        for &(t, weight, first) in &d.terms {
            let slot = match parts(t) {
                (a, NONE) => &mut syllable_slot[a as usize],
                _ => pair_slot.entry(t).or_insert(NONE),
            };
            if *slot == NONE {
                *slot = terms.len() as u32;
                terms.push(t);
                postings.push(Vec::new());
            }
            postings[*slot as usize].push(Hit { doc: doc as u32, weight, first });
            total += 1;
        }
    }
    let shards = shard_count(total * BYTES_PER_POSTING, TERM_SHARD_BYTES);
    // By shard, then hash, then (where two terms share a hash, rarely) text.
    let hashes: Vec<u32> = terms.iter().map(|&t| strings.hash(t)).collect();
    let mut order: Vec<u32> = (0..terms.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        let (ha, hb) = (hashes[a as usize], hashes[b as usize]);
        (ha % shards, ha)
            .cmp(&(hb % shards, hb))
            .then_with(|| strings.text(terms[a as usize]).cmp(&strings.text(terms[b as usize])))
    });
    let mut runs: Vec<&[u32]> = Vec::with_capacity(shards as usize);
    let mut rest = &order[..];
    for n in 0..shards {
        let (run, more) = rest.split_at(rest.partition_point(|&i| hashes[i as usize] % shards == n));
        runs.push(run);
        rest = more;
    }
    let merged: Vec<(String, Vec<(String, usize)>)> = runs
        .into_par_iter()
        .map(|run| {
            let mut json = String::from("{");
            let mut lexicon = Vec::new();
            for &i in run {
                let (t, hits) = (terms[i as usize], &postings[i as usize]);
                if json.len() > 1 {
                    json.push(',');
                }
                let text = strings.text(t);
                push_json_string(&mut json, &text);
                json.push(':');
                postings_json(&mut json, t, hits, docs, strings);
                if parts(t).1 == NONE && text.chars().nth(1).is_some() {
                    lexicon.push((text, hits.len()));
                }
            }
            json.push('}');
            (json, lexicon)
        })
        .collect();
    let mut lexicon = Vec::new();
    let mut files = Vec::with_capacity(merged.len());
    for (json, lex) in merged {
        files.push(json);
        lexicon.extend(lex);
    }
    (files, lexicon)
}

/// The index files, paths relative to the output folder. `rendered` are the pilots' case
/// studies as rendered (for their plain text), `t` labels statuses in the site language.
pub fn index_files(site: &Site, rendered: &[Rendered], t: &I18n) -> Vec<OutputFile> {
    use rayon::prelude::*;
    let bodies: Vec<&(String, String)> = rendered.iter().map(|r| &r.text).collect();
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
                let (sourced, values) = p.sourced_values();
                (
                    url::pilot(site, p),
                    p.title.as_str(),
                    p.summary_for(site.config.language),
                    excerpt(&body.0, EXCERPT_CHARS),
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

    #[test]
    fn weights_add_up_below_the_cap_whatever_the_flags() {
        // A term written with diacritics once must still weigh title + body, not jump to the cap.
        let mut slot = (0, PLAIN);
        let mut more = Vec::new();
        count(&mut slot, 1, 2, Weight::Title, &mut more);
        count(&mut slot, 1, 3, Weight::Body, &mut more);
        assert_eq!(slot.0 & !(MARKED | MORE), 17);
        assert_eq!(slot.0 & (MARKED | MORE), MARKED | MORE);
        for _ in 0..100 {
            count(&mut slot, 1, 1, Weight::Body, &mut more);
        }
        assert_eq!(slot.0 & !(MARKED | MORE), MAX_WEIGHT);
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
        // Ids: 0 dong, 1 đồng, 2 động, 3 xoai, 4 xoài.
        let names = ["dong", "đồng", "động", "xoai", "xoài"];
        let strings = Strings {
            strings: names.iter().map(|s| (*s).into()).collect(),
            hashes: names.iter().map(|s| hash(s)).collect(),
        };
        let (dong, xoai) = (term(0, NONE), term(3, NONE));
        let doc = |more_written: Vec<(u64, u64)>| DocIndex { terms: Vec::new(), more_written };
        let docs = vec![doc(vec![]), doc(vec![(dong, term(2, NONE))]), doc(vec![])];
        let hit = |doc, weight, first| Hit { doc, weight, first };
        let hits = [hit(0, 16 | MARKED, term(1, NONE)), hit(1, 1 | MARKED | MORE, term(1, NONE)), hit(2, 2, PLAIN)];
        let mut json = String::new();
        postings_json(&mut json, dong, &hits, &docs, &strings);
        assert_eq!(json, r#"[["đồng","động"],[0,16,1,1,1,3,1,2,0],1]"#);
        json.clear();
        postings_json(&mut json, xoai, &[hit(1, 3 | MARKED, term(4, NONE))], &docs, &strings);
        assert_eq!(json, r#"[["xoài"],[1,3]]"#);
        json.clear();
        postings_json(&mut json, xoai, &[hit(1, 3 | MARKED, term(4, NONE)), hit(2, 1, PLAIN)], &docs, &strings);
        assert_eq!(json, r#"[["xoài"],[1,3,1,1,1,0],1]"#);
        assert_eq!(strings.hash(term(0, 3)), hash("dong xoai"));
        assert_eq!(strings.text(term(0, 3)), "dong xoai");
    }

    #[test]
    fn numbers_and_strings_are_valid_json() {
        let mut s = String::new();
        push_number(&mut s, 0);
        s.push(' ');
        push_number(&mut s, 4_294_967_295);
        s.push(' ');
        push_json_string(&mut s, "a\"b\\c\u{1}");
        assert_eq!(s, r#"0 4294967295 "a\"b\\c\u0001""#);
    }
}
