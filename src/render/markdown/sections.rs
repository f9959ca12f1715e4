//! The sections a case study should have (`RECOMMENDED_SECTIONS`, also the scaffold's
//! headings) and the check that warns about those missing or empty: a pass of its own over
//! the Markdown, independent of rendering.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diag::{Diagnostic, Location, msg};
use crate::load::source::LineIndex;
use crate::model::Document;
use crate::slug::slugify;

/// The sections a case study should have, in order (Vietnamese, English).
pub const RECOMMENDED_SECTIONS: [(&str, &str); 6] = [
    ("Bối cảnh", "Context"),
    ("Giải pháp", "Solutions"),
    ("Nền tảng số", "Digital platforms"),
    ("Kết quả", "Results"),
    ("Bài học", "Lessons"),
    ("Đề xuất tiêu chí", "Criteria proposals"),
];

/// The Vietnamese and English names of `RECOMMENDED_SECTIONS`, folded (once per process).
fn section_slugs() -> &'static [[String; 2]] {
    static SLUGS: std::sync::OnceLock<Vec<[String; 2]>> = std::sync::OnceLock::new();
    SLUGS.get_or_init(|| RECOMMENDED_SECTIONS.iter().map(|(vi, en)| [slugify(vi), slugify(en)]).collect())
}

/// Warns about recommended sections a case study lacks (`missing-section`, where the
/// section belongs: at the next recommended heading, or at the end) and about those
/// with no text under them (`empty-section`, at the heading). A heading matches a
/// section when its folded text starts with the section's (`Bài học rút ra` is `Bài học`).
pub fn check_sections(doc: &Document, diags: &mut Vec<Diagnostic>) {
    struct Head {
        level: HeadingLevel,
        text: String,
        offset: usize,
        empty: bool,
    }
    let mut heads: Vec<Head> = Vec::new();
    // The sections the text read so far belongs to: indices into `heads`, levels rising.
    let mut open: Vec<usize> = Vec::new();
    let mut in_heading = false;
    for (event, range) in Parser::new_ext(&doc.markdown, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                while open.last().is_some_and(|&i| heads[i].level >= level) {
                    open.pop();
                }
                open.push(heads.len());
                heads.push(Head { level, text: String::new(), offset: range.start, empty: true });
                in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) if in_heading => heads.last_mut().expect("in a heading").text.push_str(&t),
            Event::Html(h) | Event::InlineHtml(h) if h.trim().starts_with("<!--") => {}
            Event::Start(Tag::HtmlBlock) => {}
            Event::Start(_) | Event::Text(_) | Event::Code(_) | Event::Html(_) | Event::InlineHtml(_)
                if !in_heading =>
            {
                // Text under a deeper heading belongs to the enclosing sections too.
                for &i in &open {
                    heads[i].empty = false;
                }
            }
            _ => {}
        }
    }
    let folded: Vec<String> = heads.iter().map(|h| slugify(&h.text)).collect();
    let matches = |i: usize, names: &[String; 2]| {
        let f = &folded[i];
        names.iter().any(|s| f.strip_prefix(s.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('-')))
    };
    let found: Vec<Option<usize>> = section_slugs().iter().map(|s| (0..heads.len()).find(|&i| matches(i, s))).collect();
    let body = doc.markdown.trim_end();
    let end = body.rfind('\n').map(|i| i + 1).unwrap_or(0); // the start of the last line
    let names: Vec<String> = RECOMMENDED_SECTIONS.iter().map(|(vi, _)| (*vi).to_string()).collect();
    let mut lines = LineIndex::new(&doc.markdown);
    for (k, at) in found.iter().enumerate() {
        let title = RECOMMENDED_SECTIONS[k].0;
        // An empty body has no line of its own: point at the front matter's closing `---`.
        let mut place = |offset: usize| match doc.markdown.trim().is_empty() {
            true => Location::new(&doc.path, doc.line_offset.max(1), 1),
            false => {
                let (line, column) = lines.locate(offset);
                Location::new(&doc.path, line + doc.line_offset, column)
            }
        };
        match at {
            Some(i) if heads[*i].empty => diags.push(
                Diagnostic::warning(
                    "empty-section",
                    place(heads[*i].offset),
                    msg!("empty-section", title = &heads[*i].text),
                )
                .help(msg!("empty-section-help")),
            ),
            Some(_) => {}
            None => {
                let next = found[k + 1..].iter().flatten().next().map(|&i| heads[i].offset).unwrap_or(end);
                let help = msg!("missing-section-help", title = title, sections = names.join(", "));
                diags.push(
                    Diagnostic::warning("missing-section", place(next), msg!("missing-section", title = title))
                        .help(help),
                );
            }
        }
    }
}
