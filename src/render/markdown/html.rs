//! The HTML a document becomes, and what keeps it safe: images written as `pictures`
//! says, links opened as the sanitizer
//! would leave them (`link_open`), each raw HTML fragment cleaned and what it lost
//! reported (`clean_raw_html`), and a document with raw HTML sanitized whole.

use std::collections::HashSet;

use pulldown_cmark::{Event, LinkType, Tag};

use super::Ctx;
use crate::diag::{Diagnostic, Location, msg};
use crate::render::raw_html::{LINK_REL, url_allowed};

/// The HTML of rendered events: links opened here (see the module head), and the whole
/// through the sanitizer when the source had raw HTML.
pub(super) fn to_html(events: Vec<Event>, raw_html: bool, size: usize, assets: &[super::Asset]) -> String {
    let events = super::pictures::write_images(events, assets).into_iter().map(|e| match e {
        Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
            Event::Html(link_open(link_type, &dest_url, &title).into())
        }
        e => e,
    });
    let mut html = String::with_capacity(size * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    if raw_html { crate::render::raw_html::sanitize(&html) } else { html }
}

/// A link's opening tag, as the sanitizer would leave it: an `href` only if its scheme
/// is allowed (or it has none), and `rel="noopener noreferrer"`.
fn link_open(link_type: LinkType, dest: &str, title: &str) -> String {
    use pulldown_cmark_escape::{escape_href, escape_html};
    let dest = if link_type == LinkType::Email { format!("mailto:{dest}") } else { dest.to_string() };
    let mut tag = String::from("<a");
    if url_allowed(&dest) {
        tag.push_str(" href=\"");
        let _ = escape_href(&mut tag, &dest);
        tag.push('"');
    }
    if !title.is_empty() {
        tag.push_str(" title=\"");
        let _ = escape_html(&mut tag, title);
        tag.push('"');
    }
    tag.push_str(" rel=\"");
    tag.push_str(LINK_REL);
    tag.push_str("\">");
    tag
}
impl Ctx<'_> {
    /// Cleans the raw HTML fragments at `raw` (index in `events`, offset in the source) as
    /// they will be published, reporting what each loses (`raw-html-removed`) and its images
    /// on another host (`external-image`). In-page links to an id the author gave (and no
    /// heading has) follow it to `user-content-<id>`.
    pub(super) fn clean_raw_html(&mut self, events: &mut [Event], raw: &[(usize, usize)]) {
        use crate::render::raw_html::{self, USER_CONTENT};
        if raw.is_empty() {
            return;
        }
        let fragment = |e: &Event| match e {
            Event::Html(h) | Event::InlineHtml(h) => h.to_string(),
            _ => String::new(),
        };
        let headings: HashSet<String> = self.out.headings.iter().map(|h| h.id.clone()).collect();
        let given: HashSet<String> =
            raw.iter().flat_map(|&(i, _)| raw_html::author_ids(&fragment(&events[i]))).collect();
        let author_anchor = |f: &str| given.contains(f) && !headings.contains(f);
        for &(i, offset) in raw {
            debug_assert!(matches!(events[i], Event::Html(_) | Event::InlineHtml(_)), "{:?}", events[i]);
            let cleaned = raw_html::clean(&fragment(&events[i]), &author_anchor);
            for src in &cleaned.external {
                self.error("external-image", offset, msg!("external-image", dest = src), msg!("external-image-help"));
            }
            if let Some(what) = raw_html::describe(&cleaned.removed) {
                let (line, column) = self.at(offset);
                self.diags.push(
                    Diagnostic::warning(
                        "raw-html-removed",
                        Location::new(&self.doc.path, line, column),
                        msg!("raw-html-removed", what = what),
                    )
                    .help(msg!("raw-html-removed-help")),
                );
            }
            events[i] = Event::Html(cleaned.html.into());
        }
        for event in events.iter_mut() {
            if let Event::Start(Tag::Link { dest_url, .. }) = event
                && let Some(f) = dest_url.strip_prefix('#')
                && author_anchor(f)
            {
                *dest_url = format!("#{USER_CONTENT}{f}").into();
            }
        }
        let path = self.doc.path.clone();
        self.out.anchors.retain(|a| !(a.target == path && author_anchor(&a.fragment)));
    }
}
