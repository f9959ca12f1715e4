//! A pilot's terms: its syllables and pairs of syllables, each with a weight by where it
//! occurs and the written forms with diacritics the pilot uses. Built for every syllable of
//! every case study, so kept cheap: integer ids for syllables (`Vocab`), a per-thread cache
//! of raw syllables (`SyllableCache`), a slot per syllable id instead of a map.

use std::collections::HashMap;
use std::sync::Mutex;

use super::text::{syllable_bounds, written_and_folded};
use crate::model::*;
use crate::render::plain_text::PlainText;

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

/// A multiply-shift `Hasher` for the index's maps: millions of short keys that the site
/// owns, so SipHash's resistance to crafted keys buys nothing.
#[derive(Default)]
pub(super) struct Fast(u64);
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
pub(super) type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fast>>;

/// Syllables get ids the first time they are seen, so a term is a `u64` (two ids; a single
/// syllable has `NONE` as its second) and indexing allocates nothing per occurrence. Ids are
/// assigned in whatever order the threads meet the syllables, so nothing written depends on
/// them: files order terms by hash and text.
#[derive(Default)]
pub(super) struct Vocab(pub(super) Mutex<VocabTable>);

#[derive(Default)]
pub(super) struct VocabTable {
    ids: FastMap<Box<str>, u32>,
    pub(super) strings: Vec<Box<str>>,
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

pub(super) const NONE: u32 = u32::MAX;

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

pub(super) fn term(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}
pub(super) fn parts(t: u64) -> (u32, u32) {
    ((t >> 32) as u32, t as u32)
}

/// Marks a posting whose pilot writes the term with diacritics.
pub(super) const MARKED: u32 = 1 << 31;
/// Marks a posting whose pilot writes the term in more than one way with diacritics, so its
/// further forms are in `DocIndex::more_written` (rare: looking there for every posting costs).
pub(super) const MORE: u32 = 1 << 30;
/// No written form with diacritics.
pub(super) const PLAIN: u64 = u64::MAX;

/// One pilot's terms: (term, weight | MARKED, its first written form with diacritics or
/// `PLAIN`), and, sorted, any further written forms (rare: "đồng" and "động" in one text).
pub(super) struct DocIndex {
    pub(super) terms: Vec<(u64, u32, u64)>,
    pub(super) more_written: Vec<(u64, u64)>,
}

/// The written forms with diacritics of term `t` in a pilot whose further forms are
/// `more_written` (`DocIndex::more_written`), its first form being `first`.
pub(super) fn forms(more_written: &[(u64, u64)], t: u64, first: u64, weight: u32) -> impl Iterator<Item = u64> + '_ {
    let start = if weight & MORE == 0 { more_written.len() } else { more_written.partition_point(|x| x.0 < t) };
    let more = more_written[start..].iter().take_while(move |x| x.0 == t).map(|x| x.1);
    (first != PLAIN).then_some(first).into_iter().chain(more)
}

/// What a worker thread keeps from one pilot to the next: its syllable cache, and a slot
/// (weight, first written form) per folded syllable id, emptied after each pilot — cheaper
/// than hashing every syllable of a case study into a map.
#[derive(Default)]
pub(super) struct Worker {
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
pub(super) fn doc_index(site: &Site, p: &Pilot, text: &PlainText, vocab: &Vocab, worker: &mut Worker) -> DocIndex {
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
    d.add_syllables(&text.headings, Weight::Body, true);
    d.add_syllables(&text.body, Weight::Body, false);
    d.finish()
}

/// The vocabulary, frozen: strings by id.
pub(super) struct Strings {
    pub(super) strings: Vec<Box<str>>,
}

impl Strings {
    pub(super) fn text(&self, t: u64) -> String {
        match parts(t) {
            (a, NONE) => self.strings[a as usize].to_string(),
            (a, b) => format!("{} {}", self.strings[a as usize], self.strings[b as usize]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
