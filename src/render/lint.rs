//! Markdown that did not become what its editor meant. A link or an image whose address
//! has a space (`![Vườn cam](Ảnh 1.JPG)`) and a footnote reference with no definition
//! (`[^2]`) are not syntax errors to CommonMark: they are published as literal text,
//! which no reader should see, so they are errors here. A second level-1 heading (the
//! page's title is its first) or a skipped level breaks the page's outline for screen
//! readers and the table of contents: a warning. The renderer hands every event over
//! as it goes by (`Lint::see`), so nothing is parsed twice.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use crate::diag::{Diagnostic, Location, msg};

/// One finding: the byte offset of the Markdown it is at, and its diagnostic, whose
/// place the renderer fills in (it knows the document and its line numbers).
pub type Finding = (usize, Diagnostic);

/// A diagnostic not yet placed.
fn unplaced() -> Location<'static> {
    Location::new("", 1, 1)
}

#[derive(Default)]
pub struct Lint {
    /// The text of consecutive text events, and where each piece starts (in the text, in the source).
    run: String,
    pieces: Vec<(usize, usize)>,
    in_code_block: bool,
    /// The last heading's level (the page's title is level 1).
    level: u8,
    pub findings: Vec<Finding>,
}

impl Lint {
    pub fn new() -> Lint {
        Lint { level: 1, ..Lint::default() }
    }

    pub fn see(&mut self, event: &Event, range: &Range<usize>) {
        match event {
            Event::Text(t) if !self.in_code_block => {
                self.pieces.push((self.run.len(), range.start));
                self.run.push_str(t);
                return;
            }
            Event::SoftBreak | Event::HardBreak => {
                // A link's text may go over a line break; its address cannot.
                self.pieces.push((self.run.len(), range.start));
                self.run.push('\n');
                return;
            }
            Event::Start(Tag::CodeBlock(_)) => self.in_code_block = true,
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            Event::Start(Tag::Heading { level, .. }) => self.heading(*level, range.start),
            _ => {}
        }
        self.end_run();
    }

    /// Reports what the last run of text left unparsed.
    pub fn end_run(&mut self) {
        // Every finding starts at a `[`: a run without one (nearly all) has none.
        if !self.run.as_bytes().contains(&b'[') {
            self.run.clear();
            self.pieces.clear();
            return;
        }
        let run = std::mem::take(&mut self.run);
        let pieces = std::mem::take(&mut self.pieces);
        let source_offset = |i: usize| {
            let k = pieces.partition_point(|(at, _)| *at <= i);
            let (at, src) = pieces.get(k.wrapping_sub(1)).copied().unwrap_or((0, 0));
            src + (i - at)
        };
        for (start, link) in literal_links(&run) {
            let message = msg!("unparsed-link", written = link.written.as_str());
            let help = match (link.dest.contains(' '), link.image) {
                (true, true) => msg!("unparsed-image-space-help", fixed = link.fixed()),
                (true, false) => msg!("unparsed-link-space-help", fixed = link.fixed()),
                (false, _) => msg!("unparsed-link-help"),
            };
            self.findings
                .push((source_offset(start), Diagnostic::error("unparsed-link", unplaced(), message).help(help)));
        }
        for (start, written, label) in undefined_references(&run) {
            let message = msg!("unparsed-link", written = written);
            let d = Diagnostic::error("unparsed-link", unplaced(), message);
            self.findings.push((source_offset(start), d.help(msg!("undefined-reference-help", label = label))));
        }
        for (start, name) in footnote_references(&run) {
            let message = msg!("undefined-footnote", name = name);
            let d = Diagnostic::error("undefined-footnote", unplaced(), message);
            self.findings.push((source_offset(start), d.help(msg!("undefined-footnote-help", name = name))));
        }
    }

    fn heading(&mut self, level: HeadingLevel, offset: usize) {
        let level = level as u8;
        let finding = if level == 1 {
            Some((msg!("second-title"), msg!("second-title-help")))
        } else if level > self.level + 1 {
            let (want, written) = ("#".repeat(self.level as usize + 1), "#".repeat(level as usize));
            Some((msg!("skipped-heading-level", written = written), msg!("skipped-heading-level-help", want = want)))
        } else {
            None
        };
        if let Some((message, help)) = finding {
            self.findings.push((offset, Diagnostic::warning("heading-level", unplaced(), message).help(help)));
        }
        self.level = level.max(2);
    }
}

/// A `[text](address)` or `![text](address)` left as text.
struct LiteralLink {
    image: bool,
    text: String,
    dest: String,
    written: String,
}

impl LiteralLink {
    /// The same link with its address in angle brackets, which may hold spaces.
    fn fixed(&self) -> String {
        format!("{}[{}](<{}>)", if self.image { "!" } else { "" }, self.text, self.dest)
    }
}

/// Every `[…](…)` in `text` (a run of text that was not parsed as a link), with its start.
fn literal_links(text: &str) -> Vec<(usize, LiteralLink)> {
    let mut found = Vec::new();
    bracketed(text, b'(', b')', |open, mid, close| {
        let (label, dest) = (&text[open + 1..mid], &text[mid + 2..close]);
        if dest.contains('\n') || dest.trim().is_empty() {
            return false;
        }
        let image = text[..open].ends_with('!');
        let start = if image { open - 1 } else { open };
        let link = LiteralLink {
            image,
            text: label.to_string(),
            dest: dest.trim().to_string(),
            written: text[start..=close].to_string(),
        };
        found.push((start, link));
        true
    });
    found
}

/// Every `[text][label]` in `text`: a reference link whose `[label]: address` line is
/// missing (a defined one is a link event, never text).
fn undefined_references(text: &str) -> Vec<(usize, &str, &str)> {
    let mut found = Vec::new();
    bracketed(text, b'[', b']', |open, mid, close| {
        // `[text][]` takes its text as the label.
        let label = match &text[mid + 2..close] {
            "" => &text[open + 1..mid],
            label => label,
        };
        if label.trim().is_empty() || label.starts_with('^') || label.contains('[') {
            return false;
        }
        let start = if text[..open].ends_with('!') { open - 1 } else { open };
        found.push((start, &text[start..=close], label));
        true
    });
    found
}

/// Calls `take(open, mid, close)` for every `[label]` followed by `second` and, after it,
/// the first `closer` (`[a](b)`: `(`, `)`; `[a][b]`: `[`, `]`), the byte positions of
/// `[`, `]` and the closer; scanning goes on after the closer when `take` keeps the
/// candidate. One pass, whatever the text: a paragraph full of `](` stays linear.
fn bracketed(text: &str, second: u8, closer: u8, mut take: impl FnMut(usize, usize, usize) -> bool) {
    let b = text.as_bytes();
    let mut open: Option<usize> = None;
    // The first closer at or after the last place looked from (places only grow).
    let mut next_closer: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'[' => open = Some(i),
            b']' => {
                if let Some(o) = open.take()
                    && b.get(i + 1) == Some(&second)
                {
                    let close = match next_closer {
                        Some(c) if c >= i + 2 => c,
                        _ => match b[i + 2..].iter().position(|&c| c == closer) {
                            Some(c) => c + i + 2,
                            None => return,
                        },
                    };
                    next_closer = Some(close);
                    if take(o, i, close) {
                        i = close + 1;
                        continue;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
}

/// Every `[^name]` in `text`: footnote references whose definition is missing (a defined
/// one is an event of its own, never text).
fn footnote_references(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("[^").map(|i| i + from) {
        let Some(close) = text[i + 2..].find(']').map(|c| c + i + 2) else { break };
        let name = &text[i + 2..close];
        if !name.is_empty() && !name.contains(char::is_whitespace) && !text[close + 1..].starts_with(['(', ':']) {
            found.push((i, name));
        }
        from = close + 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use pulldown_cmark::{Options, Parser};

    fn lint(md: &str) -> Vec<(String, usize, String)> {
        let mut lint = Lint::new();
        let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
        for (event, range) in Parser::new_ext(md, opts).into_offset_iter() {
            lint.see(&event, &range);
        }
        lint.end_run();
        lint.findings
            .iter()
            .map(|(offset, d)| {
                (d.code.to_string(), *offset, format!("{} / {}", d.message_in(Lang::En), d.help_in(Lang::En)))
            })
            .collect()
    }

    #[test]
    fn links_and_images_left_as_text_are_found_where_they_start() {
        let md = "Vườn cam:\n\n![Vườn cam](Ảnh 1.JPG) và [Giao Phong](../../ninh-binh/giao phong/).\n";
        let found = lint(md);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].0.as_str(), found[0].1), ("unparsed-link", md.find("![").unwrap()));
        assert!(found[0].2.contains("write `![Vườn cam](<Ảnh 1.JPG>)`"), "{}", found[0].2);
        assert_eq!(found[1].1, md.find("[Giao").unwrap());
        assert!(found[1].2.contains("`[Giao Phong](<../../ninh-binh/giao phong/>)`"), "{}", found[1].2);
    }

    #[test]
    fn links_that_parsed_and_code_are_not_reported() {
        let md = "[a](b.md) ![c](<d e.jpg>) `[x](y z)`\n\n```\n[x](y z)\n```\n\n[^1]\n\n[^1]: chú thích\n";
        assert!(lint(md).is_empty(), "{:?}", lint(md));
    }

    #[test]
    fn a_reference_link_without_its_address_is_an_error() {
        let md = "Xem [báo cáo][bc] và [tỉnh][].\n\n[tinh]: ../../\n";
        let found = lint(md);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].0.as_str(), found[0].1), ("unparsed-link", md.find("[báo").unwrap()));
        assert!(found[0].2.contains("add a line `[bc]: address`"), "{}", found[0].2);
        assert!(found[1].2.contains("add a line `[tỉnh]: address`"), "{}", found[1].2);
        assert!(lint("[a][b]\n\n[b]: x.md\n").is_empty());
    }

    #[test]
    fn a_paragraph_full_of_brackets_stays_linear() {
        // Quadratic scanning would take minutes here; linear takes milliseconds.
        for unit in ["](", "][", "[a](", "[^"] {
            let md = unit.repeat(400_000);
            let mut lint = Lint::new();
            lint.see(&Event::Text(md.as_str().into()), &(0..md.len()));
            lint.end_run();
        }
    }

    #[test]
    fn an_undefined_footnote_is_an_error() {
        let md = "Số liệu[^2] và [^nguon].\n\n[^nguon]: Báo cáo.\n";
        let found = lint(md);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].0.as_str(), found[0].1), ("undefined-footnote", md.find("[^2]").unwrap()));
    }

    #[test]
    fn a_second_title_and_a_skipped_level_are_warned_about() {
        let md = "# Tiêu đề\n\n## Bối cảnh\n\n#### Chi tiết\n\n### Ý\n\n## Kết quả\n";
        let found = lint(md);
        let codes: Vec<(&str, usize)> = found.iter().map(|f| (f.0.as_str(), f.1)).collect();
        assert_eq!(codes, [("heading-level", 0), ("heading-level", md.find("####").unwrap())], "{found:?}");
        assert!(found[1].2.contains("use `###`"), "{}", found[1].2);
        assert!(lint("## A\n\n### B\n\n## C\n\n### D\n").is_empty());
        assert_eq!(lint("### A\n").len(), 1, "a case study starts at `##`");
    }
}
