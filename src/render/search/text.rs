//! Text as search sees it: syllables (Vietnamese words are runs of syllables, so a
//! syllable is the unit of matching), each kept in its written form (lower case, NFC)
//! beside its folded form. The case study's plain text comes from `render::plain_text`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::slug::fold;

/// One syllable of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Syllable {
    /// As written, lower case and NFC: "đồng".
    pub written: String,
    /// Folded: "dong".
    pub folded: String,
    /// Whether the syllable before it is separated only by spaces or hyphens, so the two
    /// form a pair ("nông thôn"); false after punctuation and at the start.
    pub joined: bool,
}

/// A letter, digit or mark (`\p{L}`, `\p{N}`, `\p{M}`), with the ranges Vietnamese text
/// lives in answered without a table lookup.
#[inline]
fn is_syllable_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\x7f' => false,
        // Latin-1 letters (all but × and ÷), Latin Extended-A and -B.
        '\u{c0}'..='\u{24f}' => c != '×' && c != '÷',
        // Combining diacritics; Latin Extended Additional (ạ, ả, ấ, ầ, ẩ, ẫ, ậ, …).
        '\u{300}'..='\u{36f}' | '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// The syllables of `text` as slices, each with whether it is joined to the one before
/// (only spaces or hyphens between them, so the two form a pair like "nông thôn").
/// The browser's `syllables` in search.js splits queries the same way (`[\p{L}\p{N}\p{M}]+`).
pub fn syllable_spans(text: &str) -> impl Iterator<Item = (&str, bool)> {
    syllable_bounds(text).map(|(start, end, joined)| (&text[start..end], joined))
}

/// What an ASCII byte is to the syllable splitter.
const SEPARATOR: u8 = 0;
const LETTER: u8 = 1;
/// A space, a hyphen or other white space: the syllables around it still form a pair.
const JOINER: u8 = 2;
const WIDE: u8 = 3;

/// `SEPARATOR`, `LETTER`, `JOINER` or (a byte of a non-ASCII character) `WIDE`, by byte.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [WIDE; 256];
    let mut b = 0;
    while b < 0x80 {
        t[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => LETTER,
            b' ' | b'-' | b'\t'..=b'\r' => JOINER,
            _ => SEPARATOR,
        };
        b += 1;
    }
    t
};

/// `syllable_spans` as byte ranges `(start, end, joined)`. It reads bytes and decodes only
/// non-ASCII characters: every case study goes through it when the index is built.
pub fn syllable_bounds(text: &str) -> impl Iterator<Item = (usize, usize, bool)> {
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut first = true;
    std::iter::from_fn(move || {
        // Skip to the next syllable, noting whether only spaces and hyphens were skipped.
        let mut only_space = true;
        let start = loop {
            let &b = bytes.get(pos)?;
            match BYTE_CLASS[usize::from(b)] {
                LETTER => break pos,
                WIDE => {
                    let (c, len) = decode(bytes, pos);
                    if is_syllable_char(c) {
                        break pos;
                    }
                    only_space &= c.is_whitespace();
                    pos += len;
                }
                class => {
                    only_space &= class == JOINER;
                    pos += 1;
                }
            }
        };
        while let Some(&b) = bytes.get(pos) {
            match BYTE_CLASS[usize::from(b)] {
                LETTER => pos += 1,
                WIDE => {
                    if let Some(len) = latin_letter_len(bytes, pos) {
                        pos += len;
                        continue;
                    }
                    let (c, len) = decode(bytes, pos);
                    if !is_syllable_char(c) {
                        break;
                    }
                    pos += len;
                }
                _ => break,
            }
        }
        let joined = !first && only_space;
        first = false;
        Some((start, pos, joined))
    })
}

/// The length in bytes of the character at `bytes[pos]`, a non-ASCII lead byte of valid
/// UTF-8, when it is a letter or mark of the blocks Vietnamese is written in (Latin-1 but × and
/// ÷, Latin Extended-A and -B, U+0250–U+027F, combining diacritics, Latin Extended Additional), told from
/// its bytes without decoding it; `None` for any other character, letter or not.
#[inline(always)]
fn latin_letter_len(bytes: &[u8], pos: usize) -> Option<usize> {
    match bytes[pos] {
        0xc3 => (!matches!(bytes[pos + 1], 0x97 | 0xb7)).then_some(2),
        0xc4..=0xc9 | 0xcc => Some(2),
        0xcd if bytes[pos + 1] < 0xb0 => Some(2),
        0xe1 if matches!(bytes[pos + 1], 0xb8..=0xbb) => Some(3),
        _ => None,
    }
}

/// The character whose UTF-8 encoding starts at `bytes[pos]`, a non-ASCII lead byte of
/// valid UTF-8, and its length in bytes.
#[inline(always)]
fn decode(bytes: &[u8], pos: usize) -> (char, usize) {
    let lead = u32::from(bytes[pos]);
    let cont = |i: usize| u32::from(bytes[pos + i] & 0x3f);
    let (code, len) = if lead < 0xe0 {
        (((lead & 0x1f) << 6) | cont(1), 2)
    } else if lead < 0xf0 {
        (((lead & 0x0f) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (((lead & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3), 4)
    };
    (char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER), len)
}

/// A syllable's written form (NFC, lower case) and folded form.
pub fn written_and_folded(raw: &str) -> (String, String) {
    if raw.is_ascii() {
        let lower = raw.to_ascii_lowercase();
        return (lower.clone(), lower);
    }
    let written: String = raw.nfc().collect::<String>().to_lowercase();
    let folded = fold(&written);
    (written, folded)
}

/// Splits `text` into syllables: runs of letters, digits and marks.
pub fn syllables(text: &str) -> Vec<Syllable> {
    syllable_spans(text)
        .map(|(raw, joined)| {
            let (written, folded) = written_and_folded(raw);
            Syllable { written, folded, joined }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        syllables(text).into_iter().map(|s| s.folded).collect()
    }

    #[test]
    fn splits_into_syllables_with_written_and_folded_forms() {
        let s = syllables("Đồng Tháp: du lịch nông-thôn, 2025");
        assert_eq!(
            folded("Đồng Tháp: du lịch nông-thôn, 2025"),
            ["dong", "thap", "du", "lich", "nong", "thon", "2025"]
        );
        assert_eq!(s[0].written, "đồng");
        let joined: Vec<bool> = s.iter().map(|s| s.joined).collect();
        assert_eq!(joined, [false, true, false, true, true, true, false]);
    }

    #[test]
    fn the_fast_ranges_agree_with_the_unicode_tables() {
        for c in ('\0'..='\u{1fff}').filter(|c| {
            c.is_ascii()
                || ('\u{c0}'..='\u{24f}').contains(c)
                || ('\u{300}'..='\u{36f}').contains(c)
                || ('\u{1e00}'..='\u{1eff}').contains(c)
        }) {
            assert_eq!(is_syllable_char(c), c.is_alphanumeric() || is_combining_mark(c), "{c:?}");
        }
    }

    #[test]
    fn byte_classes_agree_with_the_characters() {
        for b in 0..=0x7fu8 {
            let c = char::from(b);
            let class = match BYTE_CLASS[usize::from(b)] {
                LETTER => is_syllable_char(c),
                JOINER => c.is_whitespace() || c == '-',
                SEPARATOR => !is_syllable_char(c) && !c.is_whitespace() && c != '-',
                _ => false,
            };
            assert!(class, "{c:?}");
        }
        assert!(BYTE_CLASS[0x80..].iter().all(|&c| c == WIDE));
    }

    #[test]
    fn latin_letters_told_from_bytes_are_syllable_characters() {
        let mut buf = [0u8; 4];
        let mut fast = 0;
        for c in '\u{80}'..=char::MAX {
            if let Some(len) = latin_letter_len(c.encode_utf8(&mut buf).as_bytes(), 0) {
                assert!(is_syllable_char(c) && len == c.len_utf8(), "{c:?}");
                fast += 1;
            }
        }
        // Latin-1 letters, U+0100–U+027F, U+0300–U+036F and U+1E00–U+1EFF.
        assert_eq!(fast, 62 + 0x180 + 0x70 + 0x100);
    }

    #[test]
    fn decodes_every_character_like_the_standard_library() {
        let mut buf = [0u8; 4];
        for c in ('\u{80}'..=char::MAX).step_by(7).chain(['\u{80}', '\u{7ff}', '\u{800}', '\u{ffff}', char::MAX]) {
            assert_eq!(decode(c.encode_utf8(&mut buf).as_bytes(), 0), (c, c.len_utf8()));
        }
    }

    #[test]
    fn nfd_input_gives_nfc_written_forms() {
        let s = syllables("Hu\u{65}\u{302}\u{301}");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].written, "huế");
        assert_eq!(s[0].folded, "hue");
    }

    /// The plain definition that the byte-level `syllable_spans` must agree with.
    fn reference_spans(text: &str) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut rest = text;
        let mut only_space = true;
        while let Some(c) = rest.chars().next() {
            if is_syllable_char(c) {
                let end = rest.find(|c: char| !is_syllable_char(c)).unwrap_or(rest.len());
                out.push((&rest[..end], !out.is_empty() && only_space));
                rest = &rest[end..];
                only_space = true;
            } else {
                only_space &= c == '-' || c.is_whitespace();
                rest = &rest[c.len_utf8()..];
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            failure_persistence: None,
            ..proptest::prelude::ProptestConfig::default()
        })]
        #[test]
        fn fast_splitting_agrees_with_the_definition(
            text in "[a-zA-Z09đĐôơưạếẫ×÷\u{301}\u{370}\u{a0}\u{85}\u{a9}\u{1680}\u{2003}\u{2029}\u{3000}\u{3001} ,.:\t\n\\-]{0,60}",
        ) {
            proptest::prop_assert_eq!(syllable_spans(&text).collect::<Vec<_>>(), reference_spans(&text));
        }
    }
}
