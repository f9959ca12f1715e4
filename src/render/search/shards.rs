//! The term shards: every term's postings gathered in pilot order, the terms sorted by
//! their text and cut into runs of about the same size, each run written as JSON (by hand:
//! millions of postings), with the syllables the lexicon lists.

use std::fmt::Write as _;

use super::terms::{DocIndex, FastMap, MARKED, MORE, NONE, Strings, forms, parts};

/// Written forms kept per term; rarer ones still match, folded.
const MAX_VARIANTS: usize = 24;

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
/// none. `hits` are sorted by pilot; `more_written` holds each pilot's further written forms
/// (`DocIndex::more_written`).
fn postings_json(out: &mut String, t: u64, hits: &[Hit], more_written: &[Vec<(u64, u64)>], strings: &Strings) {
    let mut variants: Vec<(u64, usize, String)> = Vec::new();
    for h in hits {
        for f in forms(&more_written[h.doc as usize], t, h.first, h.weight) {
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
            let mask = forms(&more_written[h.doc as usize], t, h.first, h.weight)
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
pub(super) fn shard_count(total: usize, target: usize) -> u32 {
    (total.div_ceil(target).max(1) as u32).next_power_of_two()
}

/// The raw size a term shard aims at, whatever the site: a two-word query fetches three or
/// four shards, and on 1,000 pilots 16 KB kept a cold query within its budget.
const MIN_TERM_SHARD_BYTES: usize = 16 * 1024;
/// On a larger site a shard may hold about as much as the postings of a syllable that every
/// pilot uses (about 7 bytes a pilot), which such a query fetches anyway: the common words'
/// postings, not the shard size, then decide what a query costs.
const TERM_SHARD_BYTES_PER_PILOT: usize = 4;

/// The raw size a term shard aims at on a site of `pilots` pilots.
pub(super) fn term_shard_bytes(pilots: usize) -> usize {
    MIN_TERM_SHARD_BYTES.max(TERM_SHARD_BYTES_PER_PILOT * pilots)
}

/// The term shards of the index, their bounds and the lexicon.
pub(super) struct TermShards {
    /// Each shard's JSON: a run of terms in `utf16_cmp` order.
    pub(super) files: Vec<String>,
    /// The least key of every shard but the first: a term is in the shard numbered by how
    /// many bounds are not greater than it (`super::term_shard`).
    pub(super) bounds: Vec<String>,
    /// Syllables (not pairs) of two characters or more, with their document frequency.
    pub(super) lexicon: Vec<(String, usize)>,
}

/// Every term's postings, in pilot order: each pilot's terms are folded in as they are made
/// (`add`), so the terms of all pilots are never held at once (at 10,000 pilots they were
/// 78 MB at the build's memory peak).
#[derive(Default)]
pub(super) struct Postings {
    /// Each term's slot in `terms` and `hits`: syllables by their id, pairs through a map.
    syllable_slot: Vec<u32>,
    pair_slot: FastMap<u64, u32>,
    terms: Vec<u64>,
    hits: Vec<Vec<Hit>>,
    /// Each pilot's further written forms, sorted (rare: most are empty).
    more_written: Vec<Vec<(u64, u64)>>,
}

impl Postings {
    /// Folds in the next pilot's terms.
    pub(super) fn add(&mut self, d: DocIndex) {
        let doc = self.more_written.len() as u32;
        for (t, weight, first) in d.terms {
            let slot = match parts(t) {
                (a, NONE) => {
                    let a = a as usize;
                    if a >= self.syllable_slot.len() {
                        self.syllable_slot.resize((a + 1).max(2 * self.syllable_slot.len()), NONE);
                    }
                    &mut self.syllable_slot[a]
                }
                _ => self.pair_slot.entry(t).or_insert(NONE),
            };
            if *slot == NONE {
                *slot = self.terms.len() as u32;
                self.terms.push(t);
                self.hits.push(Vec::new());
            }
            self.hits[*slot as usize].push(Hit { doc, weight, first });
        }
        self.more_written.push(d.more_written);
    }
}

/// The term shards. Postings are gathered by term in pilot order (so they need no
/// sorting); the terms are ordered by their text as the browser compares strings, and cut
/// into runs of about `term_shard_bytes`: a word, the longer words it begins (its
/// completions) and the pairs it begins ("dong thap" after "dong") are neighbours, so a
/// query fetches few shards.
pub(super) fn term_shards(gathered: Postings, strings: &Strings) -> TermShards {
    use rayon::prelude::*;
    let Postings { terms, hits: postings, more_written, .. } = gathered;
    let texts: Vec<String> = terms.par_iter().map(|&t| strings.text(t)).collect();
    let mut order: Vec<u32> = (0..terms.len() as u32).collect();
    order.par_sort_unstable_by(|&a, &b| utf16_cmp(&texts[a as usize], &texts[b as usize]));
    let members: Vec<String> = order
        .par_iter()
        .map(|&i| {
            let i = i as usize;
            let mut json = String::with_capacity(texts[i].len() + 8 * postings[i].len() + 16);
            push_json_string(&mut json, &texts[i]);
            json.push(':');
            postings_json(&mut json, terms[i], &postings[i], &more_written, strings);
            json
        })
        .collect();

    let target = term_shard_bytes(more_written.len());
    let (mut files, mut bounds, mut lexicon) = (Vec::new(), Vec::new(), Vec::new());
    let mut shard = String::from("{");
    let mut previous: &str = "";
    for (&i, member) in order.iter().zip(&members) {
        let (text, hits) = (&texts[i as usize], &postings[i as usize]);
        // With the comma before it and the brace after it, the member must fit.
        if shard.len() > 1 && shard.len() + member.len() + 2 > target {
            shard.push('}');
            files.push(std::mem::replace(&mut shard, String::from("{")));
            bounds.push(separator(previous, text).to_string());
        }
        if shard.len() > 1 {
            shard.push(',');
        }
        shard.push_str(member);
        if parts(terms[i as usize]).1 == NONE && text.chars().nth(1).is_some() {
            lexicon.push((text.clone(), hits.len()));
        }
        previous = text;
    }
    shard.push('}');
    files.push(shard);
    TermShards { files, bounds, lexicon }
}

/// Orders strings as JavaScript's `<` does: by UTF-16 code units, which differs from the
/// order of code points (and of UTF-8 bytes) only between characters above U+FFFF and
/// those from U+E000 to U+FFFF.
pub fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut x, mut y) = (a.chars(), b.chars());
    loop {
        match (x.next(), y.next()) {
            (Some(c), Some(d)) if c == d => {}
            (Some(c), Some(d)) => {
                let (mut e, mut f) = ([0u16; 2], [0u16; 2]);
                return c.encode_utf16(&mut e).cmp(&d.encode_utf16(&mut f));
            }
            (c, d) => return c.is_some().cmp(&d.is_some()),
        }
    }
}

/// The shortest beginning of `next` that sorts after `previous` (`previous` < `next`):
/// the bound between two shards, short so the manifest stays small.
fn separator<'a>(previous: &str, next: &'a str) -> &'a str {
    next.char_indices().map(|(i, c)| &next[..i + c.len_utf8()]).find(|p| utf16_cmp(p, previous).is_gt()).unwrap_or(next)
}

#[cfg(test)]
mod tests {
    use super::super::terms::{PLAIN, term};
    use super::*;

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
        let strings = Strings { strings: names.iter().map(|s| (*s).into()).collect() };
        let (dong, xoai) = (term(0, NONE), term(3, NONE));
        let docs = vec![vec![], vec![(dong, term(2, NONE))], vec![]];
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

    #[test]
    fn strings_order_as_javascript_compares_them() {
        use std::cmp::Ordering::*;
        assert_eq!(utf16_cmp("dong", "dong thap"), Less);
        assert_eq!(utf16_cmp("dong thap", "dongx"), Less);
        assert_eq!(utf16_cmp("", "a"), Less);
        assert_eq!(utf16_cmp("a", "a"), Equal);
        // By code point U+FF41 comes first; by UTF-16 code unit (0xFF41 > 0xD835) last.
        assert_eq!("\u{ff41}".cmp("\u{1d41a}"), Less);
        assert_eq!(utf16_cmp("\u{ff41}", "\u{1d41a}"), Greater);
        assert_eq!(utf16_cmp("\u{1d41a}", "\u{1d41b}"), Less);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]
        #[test]
        fn utf16_order_and_separators_agree_with_their_definitions(
            a in "[a-c \u{e000}\u{ff41}\u{1d41a}\u{1d41b}]{0,6}",
            b in "[a-c \u{e000}\u{ff41}\u{1d41a}\u{1d41b}]{0,6}",
        ) {
            let units = |s: &str| s.encode_utf16().collect::<Vec<u16>>();
            proptest::prop_assert_eq!(utf16_cmp(&a, &b), units(&a).cmp(&units(&b)));
            if utf16_cmp(&a, &b).is_lt() {
                // The bound sorts after `a`, not after `b`, and no shorter beginning of `b` would do.
                let bound = separator(&a, &b);
                proptest::prop_assert!(b.starts_with(bound));
                proptest::prop_assert!(utf16_cmp(bound, &a).is_gt() && utf16_cmp(bound, &b).is_le());
                let shorter = &bound[..bound.char_indices().last().map_or(0, |(i, _)| i)];
                proptest::prop_assert!(utf16_cmp(shorter, &a).is_le());
            }
        }
    }

    #[test]
    fn shards_are_cut_in_term_order_near_their_size() {
        // 2,000 syllables `w0000`…, each in its own pilot, so each term's JSON is about 20 bytes.
        let names: Vec<String> = (0..2000).rev().map(|i| format!("w{i:04}")).collect();
        let strings = Strings { strings: names.iter().map(|s| s.as_str().into()).collect() };
        let mut postings = Postings::default();
        for i in 0..2000 {
            postings.add(DocIndex { terms: vec![(term(i, NONE), 1, PLAIN)], more_written: Vec::new() });
        }
        let shards = term_shards(postings, &strings);
        let target = term_shard_bytes(2000);
        assert!(shards.files.len() >= 3, "{} shards", shards.files.len());
        assert_eq!(shards.bounds.len() + 1, shards.files.len());
        let mut seen = 0;
        for (n, file) in shards.files.iter().enumerate() {
            // Full but for less than a term's JSON, except the last.
            assert!(file.len() <= target, "shard {n}: {} bytes", file.len());
            assert!(n + 1 == shards.files.len() || file.len() > target - 32, "shard {n}: {} bytes", file.len());
            let json: serde_json::Map<String, serde_json::Value> = serde_json::from_str(file).unwrap();
            for key in json.keys() {
                assert_eq!(super::super::term_shard(key, &shards.bounds), n, "{key}");
                assert_eq!(key, &format!("w{seen:04}"), "in order");
                seen += 1;
            }
        }
        assert_eq!(seen, 2000);
        assert_eq!(shards.lexicon.len(), 2000);
    }
}
