//! The term shards: every term's postings gathered in pilot order, the terms ordered by
//! the shard their hash falls in, and each shard written as JSON (by hand: millions of
//! postings), with the syllables the lexicon lists.

use std::fmt::Write as _;

use super::terms::{DocIndex, FastMap, MARKED, MORE, NONE, Strings, parts};

/// The raw size a term shard aims at; the shard count is a power of two.
const TERM_SHARD_BYTES: usize = 8 * 1024;
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
pub(super) fn shard_count(total: usize, target: usize) -> u32 {
    (total.div_ceil(target).max(1) as u32).next_power_of_two()
}

/// Raw bytes a posting takes on average, to size the term shards before writing them.
const BYTES_PER_POSTING: usize = 7;

/// The term shards' JSON, and the syllables (of two characters or more) with their document
/// frequency. Postings are gathered by term in pilot order (so they need no sorting), the
/// terms ordered as the shards list them, then each shard is written on its own.
pub(super) fn term_shards(docs: &[DocIndex], strings: &Strings) -> (Vec<String>, Vec<(String, usize)>) {
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

#[cfg(test)]
mod tests {
    use super::super::hash;
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
