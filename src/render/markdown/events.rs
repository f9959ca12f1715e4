//! The event stream's own rewriting, apart from links: how deep a document nests
//! (`Depth`, so a document too deep for the sanitizer is refused), the cells of aligned
//! table columns given a class (`TableCells`), and every heading's folded id.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::Heading;
use crate::slug::slugify;

/// How deep Markdown blocks and raw HTML elements may nest. The sanitizer's work grows
/// with the square of the depth (a 2 MB file of `>` would take hours), and no report
/// needs more than a few levels.
pub const MAX_NESTING: usize = 100;

/// The nesting depth of a document as its events go by: Markdown containers, plus raw
/// HTML elements opened and not yet closed (void elements and `/>` do not nest).
#[derive(Default)]
pub(super) struct Depth {
    now: usize,
    /// Where the depth first went past `MAX_NESTING`.
    pub(super) exceeded_at: Option<usize>,
}

impl Depth {
    pub(super) fn track(&mut self, event: &Event, offset: usize) {
        match event {
            Event::Start(_) => self.open(offset),
            Event::End(_) => self.now = self.now.saturating_sub(1),
            Event::Html(html) | Event::InlineHtml(html) => {
                const VOID: &[&str] = &[
                    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                    "wbr",
                ];
                for tag in html.split('<').skip(1) {
                    let closing = tag.starts_with('/');
                    let name: String =
                        tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
                    let name = name.to_ascii_lowercase();
                    let self_closing = tag.split('>').next().is_some_and(|t| t.ends_with('/'));
                    if name.is_empty() || VOID.contains(&name.as_str()) || self_closing {
                        continue;
                    }
                    if closing {
                        self.now = self.now.saturating_sub(1);
                    } else {
                        self.open(offset);
                    }
                }
            }
            _ => {}
        }
    }

    fn open(&mut self, offset: usize) {
        self.now += 1;
        if self.now > MAX_NESTING && self.exceeded_at.is_none() {
            self.exceeded_at = Some(offset);
        }
    }
}

/// Where a table's cells are, to give the cells of an aligned column (`| ---: |`) the
/// class `align-right` (or `-left`, `-center`), which the theme's style sheet aligns.
#[derive(Default)]
pub(super) struct TableCells {
    pub(super) columns: Vec<pulldown_cmark::Alignment>,
    pub(super) in_head: bool,
    pub(super) cell: usize,
}

impl TableCells {
    pub(super) fn step(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::TableHead) => (self.in_head, self.cell) = (true, 0),
            Event::End(TagEnd::TableHead) => self.in_head = false,
            Event::Start(Tag::TableRow) => self.cell = 0,
            Event::End(TagEnd::TableCell) => self.cell += 1,
            _ => {}
        }
    }

    /// The opening tag of the next cell: pulldown-cmark's own unless its column is aligned.
    pub(super) fn open_cell(&self) -> Event<'static> {
        use pulldown_cmark::Alignment;
        let class = match self.columns.get(self.cell) {
            Some(Alignment::Left) => "align-left",
            Some(Alignment::Center) => "align-center",
            Some(Alignment::Right) => "align-right",
            _ => return Event::Start(Tag::TableCell),
        };
        let tag = if self.in_head { "th" } else { "td" };
        Event::Html(format!("<{tag} class=\"{class}\">").into())
    }
}

/// Gives every heading a folded id, unique within the document (`ket-qua`, `ket-qua-1`, …).
pub(super) fn assign_heading_ids(events: &mut [Event], headings: &mut Vec<Heading>) {
    let mut used: HashSet<String> = HashSet::new();
    let mut last_suffix: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i] {
            let level = *level;
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = match slugify(&text) {
                s if s.is_empty() => "muc".to_string(),
                s => s,
            };
            // Start after the last suffix this base took: every smaller one is taken already,
            // and many equal headings stay linear.
            let (mut n, mut id) = match last_suffix.get(&base) {
                None => (0, base.clone()),
                Some(n) => (n + 1, format!("{base}-{}", n + 1)),
            };
            while !used.insert(id.clone()) {
                n += 1;
                id = format!("{base}-{n}");
            }
            last_suffix.insert(base.clone(), n);
            headings.push(Heading { level: heading_number(level), id: id.clone(), text });
            events[i] =
                Event::Start(Tag::Heading { level, id: Some(CowStr::from(id)), classes: vec![], attrs: vec![] });
            i = j;
        }
        i += 1;
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}
