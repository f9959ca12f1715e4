//! The plain text of a Markdown document, taken from its events, not from the published
//! HTML: what the search index reads. The Markdown renderer makes
//! it from the parse it has already made (`Rendered::text`), so this sits below both the
//! renderer and the search index, which therefore need not use each other.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A document's plain text: every block, and its headings alone (which weigh more in search).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlainText {
    /// One line per block (paragraph, heading, list item, table cell).
    pub body: String,
    pub headings: String,
}

/// The plain text of a Markdown document, one line per block (paragraph, heading, list
/// item, table cell), and the text of its headings alone. Raw HTML and link targets are left out.
pub fn markdown_text(markdown: &str) -> PlainText {
    let opts =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let events: Vec<Event> = Parser::new_ext(markdown, opts).collect();
    plain_text(&events, markdown.len())
}

/// `markdown_text` from the events of a parse that has already been made (the page renderer's,
/// so the index does not parse each case study again; links and footnotes it rewrote are left
/// out all the same). `capacity` is a guess of the text's length.
pub fn plain_text(events: &[Event], capacity: usize) -> PlainText {
    let mut out = String::with_capacity(capacity);
    let mut headings = String::new();
    let mut in_heading = false;
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => {
                out.push_str(t);
                if in_heading {
                    headings.push_str(t);
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
    PlainText { body: out, headings }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_keeps_words_not_markup() {
        let md = "## Bối cảnh\n\nXã **Mỹ Xương** [link](../x/) <b>raw</b>\n\n| a | b |\n|---|---|\n| ô | ư |\n";
        let PlainText { body: text, headings } = markdown_text(md);
        assert_eq!(headings, "Bối cảnh\n");
        assert!(text.contains("Bối cảnh\n"));
        assert!(text.contains("Xã Mỹ Xương link"));
        assert!(!text.contains("../x/"));
        assert!(!text.contains("<b>"));
        assert!(text.contains("ô\nư"));
    }
}
