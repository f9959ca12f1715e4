//! Text as search sees it: syllables (Vietnamese words are runs of syllables, so a
//! syllable is the unit of matching), each kept in its written form (lower case, NFC)
//! beside its folded form, and the plain text of a case study taken from the Markdown
//! events, not from the published HTML.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
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
    let mut pos = 0;
    let mut first = true;
    std::iter::from_fn(move || {
        // Skip to the next syllable, noting whether only spaces and hyphens were skipped.
        let mut only_space = true;
        let start = loop {
            let (c, len) = char_at(text, pos)?;
            if is_syllable_char(c) {
                break pos;
            }
            only_space &= c == ' ' || c == '-' || c.is_whitespace();
            pos += len;
        };
        while let Some((c, len)) = char_at(text, pos) {
            if !is_syllable_char(c) {
                break;
            }
            pos += len;
        }
        let joined = !first && only_space;
        first = false;
        Some((&text[start..pos], joined))
    })
}

/// The character at byte `pos` of `text` and its length in bytes; ASCII without decoding.
fn char_at(text: &str, pos: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(pos)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    let c = text[pos..].chars().next()?;
    Some((c, c.len_utf8()))
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

/// The plain text of a Markdown document, one line per block (paragraph, heading, list
/// item, table cell), and the text of its headings alone. Raw HTML and link targets are left out.
pub fn markdown_text(markdown: &str) -> (String, String) {
    let opts =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut out = String::with_capacity(markdown.len());
    let mut headings = String::new();
    let mut in_heading = false;
    for event in Parser::new_ext(markdown, opts) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                out.push_str(&t);
                if in_heading {
                    headings.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                headings.push('\n');
                out.push('\n');
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock)
            | Event::Start(Tag::Item) => out.push('\n'),
            _ => {}
        }
    }
    (out, headings)
}

/// `text` with runs of white space collapsed, cut at a word boundary to at most `max` characters.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count() + usize::from(!out.is_empty());
        if count + n > max {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        count += n;
    }
    out
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
    fn nfd_input_gives_nfc_written_forms() {
        let s = syllables("Hu\u{65}\u{302}\u{301}");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].written, "huế");
        assert_eq!(s[0].folded, "hue");
    }

    #[test]
    fn markdown_text_keeps_words_not_markup() {
        let md = "## Bối cảnh\n\nXã **Mỹ Xương** [link](../x/) <b>raw</b>\n\n| a | b |\n|---|---|\n| ô | ư |\n";
        let (text, headings) = markdown_text(md);
        assert_eq!(headings, "Bối cảnh\n");
        assert!(text.contains("Bối cảnh\n"));
        assert!(text.contains("Xã Mỹ Xương link"));
        assert!(!text.contains("../x/"));
        assert!(!text.contains("<b>"));
        assert!(text.contains("ô\nư"));
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("một  hai\nba bốn", 8), "một hai…");
        assert_eq!(excerpt("một hai", 80), "một hai");
    }
}
