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

fn is_syllable_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Splits `text` into syllables: runs of letters, digits and marks. The browser's
/// `syllables` in search.js splits queries the same way (`[\p{L}\p{N}\p{M}]+`).
pub fn syllables(text: &str) -> Vec<Syllable> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut joined = false;
    let mut gap_is_space = false;
    let flush = |current: &mut String, joined: bool, out: &mut Vec<Syllable>| {
        if !current.is_empty() {
            let written: String = current.nfc().collect::<String>().to_lowercase();
            out.push(Syllable { folded: fold(&written), written, joined });
            current.clear();
        }
    };
    for c in text.chars() {
        if is_syllable_char(c) {
            if current.is_empty() {
                joined = !out.is_empty() && gap_is_space;
            }
            current.push(c);
        } else {
            if !current.is_empty() {
                flush(&mut current, joined, &mut out);
                gap_is_space = true;
            }
            if !(c.is_whitespace() || c == '-') {
                gap_is_space = false;
            }
        }
    }
    flush(&mut current, joined, &mut out);
    out
}

/// The plain text of a Markdown document, one line per block (paragraph, heading, list
/// item, table cell). Raw HTML and link targets are left out.
pub fn markdown_text(markdown: &str) -> String {
    let opts =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, opts) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock,
            )
            | Event::Start(Tag::Item) => out.push('\n'),
            _ => {}
        }
    }
    out
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
    fn nfd_input_gives_nfc_written_forms() {
        let s = syllables("Hu\u{65}\u{302}\u{301}");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].written, "huế");
        assert_eq!(s[0].folded, "hue");
    }

    #[test]
    fn markdown_text_keeps_words_not_markup() {
        let text = markdown_text(
            "## Bối cảnh\n\nXã **Mỹ Xương** [link](../x/) <b>raw</b>\n\n| a | b |\n|---|---|\n| ô | ư |\n",
        );
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
