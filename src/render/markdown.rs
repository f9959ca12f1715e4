//! Markdown to safe HTML. CommonMark with tables, footnotes, strikethrough and task
//! lists; headings get Vietnamese-folded ids; relative links to pilots and pages are
//! rewritten to published URLs (and recorded, so broken ones can be reported once
//! every document's headings are known); images and files are resolved inside the
//! document's own folder and copied beside the page.
//!
//! Safety: pulldown-cmark escapes every text and attribute it writes, so the only ways
//! to script a page from Markdown are raw HTML and the URL of a link. Links are written
//! here, with an `href` only when its scheme is one the sanitizer allows. Each raw HTML
//! fragment is cleaned by `raw_html` (what it removes is what `check` reports), and a
//! document with raw HTML then goes through ammonia whole; one without (nearly all case
//! studies) needs no sanitizing, which would cost more than parsing it (`tests::fast_path_*`).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::raw_html::{LINK_REL, has_scheme, url_allowed};
use super::site_links::{self, normalize};
use crate::diag::human_size;
use crate::diag::{Diagnostic, Location, Msg, msg};
use crate::load::source::{IMAGE_LIMIT, LineIndex};
use crate::model::Document;
use crate::slug::slugify;

/// Where relative links may point: content paths of pilots and pages, mapped to their
/// URL paths relative to the site's base (e.g. `pilots/an-giang/thoai-giang/`).
#[derive(Debug, Default)]
pub struct LinkTargets {
    /// `content/pilots/<p>/<c>` → URL path.
    pub pilots: HashMap<String, String>,
    /// `content/pages/<slug>.md` → URL path.
    pub pages: HashMap<String, String>,
    /// Every URL path a site-root link (`@/…`) may name (`site_links::published`).
    pub published: HashMap<String, Option<String>>,
    /// The site's address, under which an absolute link is one of its own pages.
    pub base_url: String,
    /// The provinces, to name the unit that absorbed a former one linked as `@/provinces/…/`.
    pub provinces: Vec<crate::model::Province>,
}

impl LinkTargets {
    /// The document path (as in `Document::path`) and URL of a resolved content path.
    pub fn lookup(&self, resolved: &str) -> Option<(String, &str)> {
        let dir = resolved.strip_suffix("/index.md").unwrap_or(resolved).trim_end_matches('/');
        if let Some(url) = self.pilots.get(dir) {
            return Some((format!("{dir}/index.md"), url));
        }
        self.pages.get(resolved).map(|url| (resolved.to_string(), url.as_str()))
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link to a heading, in this or another document, to be checked once all are rendered.
#[derive(Debug, Clone)]
pub struct AnchorLink {
    /// `Document::path` of the target.
    pub target: String,
    pub fragment: String,
    pub line: usize,
    pub column: usize,
}

/// A file referenced by a document, copied beside its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Site-relative source path.
    pub source: String,
    /// Path relative to the document's folder, which is also its path relative to the page.
    pub relative: String,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub anchors: Vec<AnchorLink>,
    pub assets: Vec<Asset>,
    pub words: usize,
    /// Every resolved content path looked up among the link targets: the rendering
    /// changes when the pilots or pages at one of these paths come or go.
    pub links_to: Vec<String>,
    /// The plain text and the headings' text, for the search index (`plain_text::plain_text`).
    pub text: (String, String),
}

/// What a rendering is for: a page, or only its diagnostics and headings (`langso check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Page,
    Checks,
}

/// Renders `doc` to sanitized HTML. `base_path` starts and ends with `/`.
pub fn render(
    doc: &Document,
    root: &Path,
    targets: &LinkTargets,
    base_path: &str,
    need: Need,
    diags: &mut Vec<Diagnostic>,
) -> Rendered {
    let lines = LineIndex::new(&doc.markdown);
    let mut ctx = Ctx { doc, root, targets, base_path, diags, lines, out: Rendered::default() };
    let opts =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut events: Vec<Event> = Vec::new();
    let mut footnotes: HashMap<String, usize> = HashMap::new();
    let mut footnote_uses: HashMap<String, usize> = HashMap::new();
    let mut depth = Depth::default();
    let mut raw_html = false;
    let mut lint = super::lint::Lint::new();
    let mut table = TableCells::default();
    // The raw HTML fragments: their index in `events` and their offset in the source
    // (so nothing may insert or remove events before `clean_raw_html` reads them).
    let mut raw: Vec<(usize, usize)> = Vec::new();
    for (event, range) in Parser::new_ext(&doc.markdown, opts).into_offset_iter() {
        depth.track(&event, range.start);
        lint.see(&event, &range);
        let event = match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) if link_type != LinkType::Email => {
                let dest = ctx.link(&dest_url, range.start);
                Event::Start(Tag::Link { link_type, dest_url: dest.into(), title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest = ctx.image(&dest_url, range.start);
                Event::Start(Tag::Image { link_type, dest_url: dest.into(), title, id })
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                raw_html = true;
                raw.push((events.len(), range.start));
                event
            }
            Event::Text(ref t) => {
                ctx.out.words += t.split_whitespace().count();
                event
            }
            Event::FootnoteReference(name) => {
                let next = footnotes.len() + 1;
                let n = *footnotes.entry(name.to_string()).or_insert(next);
                let id = slugify(&name);
                // The first reference gets `fnref-<id>` (the back link's target); later ones a numbered id.
                let uses = footnote_uses.entry(id.clone()).or_insert(0);
                *uses += 1;
                let ref_id = if *uses == 1 { format!("fnref-{id}") } else { format!("fnref-{id}-{uses}") };
                Event::Html(
                    format!(
                        "<sup class=\"footnote-ref\"><a href=\"#fn-{id}\" id=\"{ref_id}\" rel=\"{LINK_REL}\">{n}</a></sup>"
                    )
                    .into(),
                )
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let next = footnotes.len() + 1;
                let n = *footnotes.entry(name.to_string()).or_insert(next);
                let id = slugify(&name);
                Event::Html(
                    format!("<div class=\"footnote\" id=\"fn-{id}\"><a class=\"footnote-label\" href=\"#fnref-{id}\" rel=\"{LINK_REL}\">{n}</a>")
                        .into(),
                )
            }
            Event::End(TagEnd::FootnoteDefinition) => Event::Html("</div>\n".into()),
            // A wide table scrolls inside its own box on a phone; the box takes keyboard focus
            // so it can be scrolled without a pointer.
            // Column alignment would be a `style` attribute, which the site's CSP forbids:
            // aligned cells get a class instead (`TableCells`).
            Event::Start(Tag::Table(columns)) => {
                events.push(Event::Html("<div class=\"table-scroll\" tabindex=\"0\">".into()));
                let none = vec![pulldown_cmark::Alignment::None; columns.len()];
                table = TableCells { columns, ..TableCells::default() };
                Event::Start(Tag::Table(none))
            }
            Event::Start(Tag::TableHead | Tag::TableRow) | Event::End(TagEnd::TableHead | TagEnd::TableCell) => {
                table.step(&event);
                event
            }
            Event::Start(Tag::TableCell) => table.open_cell(),
            Event::End(TagEnd::Table) => {
                events.push(event);
                Event::Html("</div>\n".into())
            }
            other => other,
        };
        events.push(event);
    }
    lint.end_run();
    for (offset, mut d) in lint.findings {
        (d.line, d.column) = ctx.at(offset);
        d.path = doc.path.clone();
        ctx.diags.push(d);
    }
    if let Some(offset) = depth.exceeded_at {
        // Not sanitized, so never published: the document is an error.
        ctx.error(
            "markdown-too-deep",
            offset,
            msg!("markdown-too-deep", max = MAX_NESTING),
            msg!("markdown-too-deep-help"),
        );
        return ctx.out;
    }
    assign_heading_ids(&mut events, &mut ctx.out.headings);
    ctx.clean_raw_html(&mut events, &raw);
    if need == Need::Checks {
        return ctx.out;
    }
    ctx.out.text = super::plain_text::plain_text(&events, doc.markdown.len());
    ctx.out.html = to_html(events, raw_html, doc.markdown.len());
    ctx.out
}

/// The HTML of rendered events: links opened here (see the module head), and the whole
/// through the sanitizer when the source had raw HTML.
fn to_html(events: Vec<Event>, raw_html: bool, size: usize) -> String {
    let events = events.into_iter().map(|e| match e {
        Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
            Event::Html(link_open(link_type, &dest_url, &title).into())
        }
        e => e,
    });
    let mut html = String::with_capacity(size * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    if raw_html { super::raw_html::sanitize(&html) } else { html }
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

/// How deep Markdown blocks and raw HTML elements may nest. The sanitizer's work grows
/// with the square of the depth (a 2 MB file of `>` would take hours), and no report
/// needs more than a few levels.
pub const MAX_NESTING: usize = 100;

/// The nesting depth of a document as its events go by: Markdown containers, plus raw
/// HTML elements opened and not yet closed (void elements and `/>` do not nest).
#[derive(Default)]
struct Depth {
    now: usize,
    /// Where the depth first went past `MAX_NESTING`.
    exceeded_at: Option<usize>,
}

impl Depth {
    fn track(&mut self, event: &Event, offset: usize) {
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
struct TableCells {
    columns: Vec<pulldown_cmark::Alignment>,
    in_head: bool,
    cell: usize,
}

impl TableCells {
    fn step(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::TableHead) => (self.in_head, self.cell) = (true, 0),
            Event::End(TagEnd::TableHead) => self.in_head = false,
            Event::Start(Tag::TableRow) => self.cell = 0,
            Event::End(TagEnd::TableCell) => self.cell += 1,
            _ => {}
        }
    }

    /// The opening tag of the next cell: pulldown-cmark's own unless its column is aligned.
    fn open_cell(&self) -> Event<'static> {
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
fn assign_heading_ids(events: &mut [Event], headings: &mut Vec<Heading>) {
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

struct Ctx<'a> {
    doc: &'a Document,
    root: &'a Path,
    targets: &'a LinkTargets,
    base_path: &'a str,
    diags: &'a mut Vec<Diagnostic>,
    lines: LineIndex<'a>,
    out: Rendered,
}

/// What a relative link resolved to.
enum Resolved {
    /// A site-relative content path, lexically normalised.
    Path(String),
    /// The link left the site root.
    Outside,
}

impl Ctx<'_> {
    fn at(&mut self, offset: usize) -> (usize, usize) {
        let (line, column) = self.lines.locate(offset);
        (line + self.doc.line_offset, column)
    }

    fn error(&mut self, code: &'static str, offset: usize, message: Msg, help: Msg) {
        let (line, column) = self.at(offset);
        self.diags.push(Diagnostic::error(code, Location::new(&self.doc.path, line, column), message).help(help));
    }

    /// Rejects forms no relative link may take; returns false after reporting.
    fn acceptable_path(&mut self, dest: &str, offset: usize) -> bool {
        if dest.starts_with('/') {
            self.error("absolute-path", offset, msg!("absolute-path", dest = dest), msg!("absolute-path-help"));
            return false;
        }
        if dest.contains('\\') {
            self.error("backslash-path", offset, msg!("backslash-path", dest = dest), msg!("backslash-path-help"));
            return false;
        }
        true
    }

    fn resolve(&self, path: &str) -> Resolved {
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let mut parts: Vec<&str> = self.doc.dir.split('/').filter(|s| !s.is_empty()).collect();
        for seg in decoded.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Resolved::Outside;
                    }
                }
                s => parts.push(s),
            }
        }
        let mut joined = parts.join("/");
        if decoded.ends_with('/') {
            joined.push('/');
        }
        Resolved::Path(joined)
    }

    /// `C:\Users\…\anh.jpg`: a file on the editor's own computer, which no reader can open.
    fn on_this_computer(&mut self, dest: &str, offset: usize) -> bool {
        let b = dest.as_bytes();
        if !(b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/')) {
            return false;
        }
        let name = dest.rsplit(['\\', '/']).next().unwrap_or(dest);
        self.error(
            "absolute-path",
            offset,
            msg!("computer-path", dest = dest),
            msg!("computer-path-help", name = name),
        );
        true
    }

    fn link(&mut self, dest: &str, offset: usize) -> String {
        if self.on_this_computer(dest, offset) {
            return String::new();
        }
        if let Some(path) = site_links::site_path(dest, &self.targets.base_url) {
            return self.site_link(dest, path, offset);
        }
        if dest.is_empty() || has_scheme(dest) || dest.starts_with("//") {
            return dest.to_string();
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            self.record_anchor(self.doc.path.clone(), fragment, offset);
            return dest.to_string();
        }
        if !self.acceptable_path(dest, offset) {
            return String::new();
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        let resolved = match self.resolve(path) {
            Resolved::Path(p) => p,
            Resolved::Outside => {
                self.error(
                    "path-outside",
                    offset,
                    msg!("path-outside-site", dest = dest),
                    msg!("path-outside-link-help"),
                );
                return String::new();
            }
        };
        self.out.links_to.push(resolved.clone());
        if let Some((target_doc, url)) = self.targets.lookup(&resolved) {
            let href = format!("{}{url}{}", self.base_path, fragment.map(|f| format!("#{f}")).unwrap_or_default());
            if let Some(f) = fragment {
                self.record_anchor(target_doc, f, offset);
            }
            return href;
        }
        let looks_like_content = resolved.starts_with("content/pilots/") && !self.inside_own_folder(&resolved)
            || resolved.starts_with("content/pages/")
            || resolved.ends_with(".md");
        if looks_like_content {
            // `../../tien-giang/…`: a province folder named after a unit merged on 1 July 2025.
            let province = resolved.strip_prefix("content/pilots/").and_then(|r| r.split('/').next());
            let help = province
                .and_then(|p| crate::load::mistakes::merged_unit(p, &self.targets.provinces))
                .unwrap_or_else(|| msg!("broken-link-help"));
            self.error("broken-link", offset, msg!("broken-link", dest = dest, resolved = &resolved), help);
            return String::new();
        }
        match self.asset(&resolved, dest, offset, "broken-link") {
            Some(rel) => format!("{rel}{}", fragment.map(|f| format!("#{f}")).unwrap_or_default()),
            None => String::new(),
        }
    }

    /// A link to a page the site publishes (`@/provinces/nghe-an/`, or the site's own
    /// address): its URL under the base path, or an error naming the forms that work.
    fn site_link(&mut self, dest: &str, path: &str, offset: usize) -> String {
        let (path, fragment) = match path.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (path, None),
        };
        let path = normalize(path.split('?').next().unwrap_or(path));
        self.out.links_to.extend(site_links::content_path(&path));
        let Some(document) = self.targets.published.get(&path) else {
            let known = self.targets.published.keys().map(String::as_str);
            let province = path.strip_prefix("provinces/").map(|p| p.trim_end_matches('/'));
            let merged = province.and_then(|p| crate::load::mistakes::merged_unit(p, &self.targets.provinces));
            let help = match (merged, crate::diag::suggest(&path, known)) {
                (Some(merged), _) => merged,
                (None, Some(near)) => msg!("site-link-near-help", near = format!("@/{near}")),
                (None, None) => msg!("site-link-help"),
            };
            let at = format!("@/{path}");
            let message = match dest == at {
                true => msg!("site-link-missing", dest = dest),
                false => msg!("site-link-broken", dest = dest, path = at),
            };
            self.error("broken-link", offset, message, help);
            return String::new();
        };
        if let (Some(doc), Some(f)) = (document, fragment) {
            self.record_anchor(doc.clone(), f, offset);
        }
        format!("{}{path}{}", self.base_path, fragment.map(|f| format!("#{f}")).unwrap_or_default())
    }

    fn image(&mut self, dest: &str, offset: usize) -> String {
        if self.on_this_computer(dest, offset) {
            return String::new();
        }
        if has_scheme(dest) || dest.starts_with("//") {
            self.error("external-image", offset, msg!("external-image", dest = dest), msg!("external-image-help"));
            return String::new();
        }
        if !self.acceptable_path(dest, offset) {
            return String::new();
        }
        match self.resolve(dest) {
            Resolved::Path(p) => self.asset(&p, dest, offset, "image-missing").unwrap_or_default(),
            Resolved::Outside => {
                self.error(
                    "path-outside",
                    offset,
                    msg!("path-outside-site", dest = dest),
                    msg!("path-outside-image-help"),
                );
                String::new()
            }
        }
    }

    fn inside_own_folder(&self, resolved: &str) -> bool {
        resolved.strip_prefix(self.doc.dir.as_str()).is_some_and(|rest| rest.starts_with('/') && rest.len() > 1)
    }

    /// A file inside the document's folder, to be copied beside the page. Returns its
    /// path relative to the page.
    fn asset(&mut self, resolved: &str, dest: &str, offset: usize, missing_code: &'static str) -> Option<String> {
        if !self.inside_own_folder(resolved) {
            self.error(
                "path-outside",
                offset,
                msg!("path-outside-folder", dest = dest),
                msg!("path-outside-folder-help"),
            );
            return None;
        }
        let relative = resolved[self.doc.dir.len() + 1..].trim_end_matches('/').to_string();
        let name = relative.rsplit('/').next().unwrap_or("");
        if name == "index.md" || name == "metrics.yaml" || name.starts_with('.') {
            self.error("broken-link", offset, msg!("unpublishable-link", dest = dest), msg!("unpublishable-link-help"));
            return None;
        }
        let meta = match std::fs::symlink_metadata(self.root.join(resolved)) {
            Ok(m) => m,
            Err(_) => {
                self.error(
                    missing_code,
                    offset,
                    msg!("file-missing", dest = dest, resolved = resolved),
                    msg!("file-missing-help"),
                );
                return None;
            }
        };
        if let Some(link) = crate::path_guard::symlinked_component(self.root, resolved) {
            let help =
                if meta.file_type().is_symlink() { msg!("symlink-file-help") } else { msg!("symlink-folder-help") };
            self.error("symlink", offset, msg!("symlink", path = &link), help);
            return None;
        }
        if meta.is_dir() {
            self.error(missing_code, offset, msg!("not-a-file", dest = dest), msg!("not-a-file-help"));
            return None;
        }
        // A named pipe would make the copy wait for a writer, a device copy without end.
        if !meta.is_file() {
            let message = msg!("not-regular-file", path = dest);
            self.error("unreadable-file", offset, message, msg!("not-regular-file-help"));
            return None;
        }
        if meta.len() > IMAGE_LIMIT {
            self.error(
                "file-too-large",
                offset,
                msg!("file-too-large", path = dest, size = human_size(meta.len()), limit = human_size(IMAGE_LIMIT)),
                msg!("image-too-large-help"),
            );
            return None;
        }
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".heic") || lower.ends_with(".heif") {
            self.error("unsafe-file", offset, msg!("heic-image", dest = dest), msg!("heic-image-help"));
            return None;
        }
        if !super::linked_file::publishable(name) {
            self.error("unsafe-file", offset, msg!("unsafe-file", dest = dest), msg!("unsafe-file-help"));
            return None;
        }
        if name.to_ascii_lowercase().ends_with(".svg") && !svg_is_inert(&self.root.join(resolved)) {
            self.error("unsafe-svg", offset, msg!("unsafe-svg", dest = dest), msg!("unsafe-svg-help"));
            return None;
        }
        if !self.portable(&relative, offset) {
            return None;
        }
        // Published side by side, two names that differ only in case would overwrite each other
        // on a case-insensitive file system (and cannot both be checked out there).
        let folded = relative.to_lowercase();
        if let Some(other) =
            self.out.assets.iter().find(|a| a.relative != relative && a.relative.to_lowercase() == folded)
        {
            let message = msg!("name-collision", dest = dest, other = &other.relative);
            self.error("name-collision", offset, message, msg!("name-collision-help"));
            return None;
        }
        let asset = Asset { source: resolved.trim_end_matches('/').to_string(), relative: relative.clone() };
        if !self.out.assets.contains(&asset) {
            self.out.assets.push(asset);
        }
        Some(relative.split('/').map(percent_encode_segment).collect::<Vec<_>>().join("/"))
    }

    /// Whether a linked file at `relative` (below the document's folder) can be published
    /// everywhere: every name on its way portable, its published path within the budget.
    fn portable(&mut self, relative: &str, offset: usize) -> bool {
        use crate::portable::{NAME_MAX, check_name, check_path};
        let (line, column) = self.at(offset);
        let at = Location::new(&self.doc.path, line, column);
        if !relative.split('/').all(|name| check_name(name, NAME_MAX, at, self.diags)) {
            return false;
        }
        // Published beside the page: a pilot's under `pilots/<province>/<commune>/`, a page's under `<slug>/`.
        let page_dir = match self.doc.dir.strip_prefix("content/") {
            Some(dir) if dir.starts_with("pilots/") => dir,
            _ => self.doc.path.rsplit('/').next().and_then(|f| f.strip_suffix(".md")).unwrap_or(""),
        };
        check_path(&format!("{page_dir}/{relative}"), at, self.diags)
    }

    fn record_anchor(&mut self, target: String, fragment: &str, offset: usize) {
        let (line, column) = self.at(offset);
        let fragment = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy().into_owned();
        self.out.anchors.push(AnchorLink { target, fragment, line, column });
    }

    /// Cleans the raw HTML fragments at `raw` (index in `events`, offset in the source) as
    /// they will be published, reporting what each loses (`raw-html-removed`) and its images
    /// on another host (`external-image`). In-page links to an id the author gave (and no
    /// heading has) follow it to `user-content-<id>`.
    fn clean_raw_html(&mut self, events: &mut [Event], raw: &[(usize, usize)]) {
        use super::raw_html::{self, USER_CONTENT};
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

/// The sections a case study should have, in order (Vietnamese, English).
pub const RECOMMENDED_SECTIONS: [(&str, &str); 6] = [
    ("Bối cảnh", "Context"),
    ("Giải pháp", "Solutions"),
    ("Nền tảng số", "Digital platforms"),
    ("Kết quả", "Results"),
    ("Bài học", "Lessons"),
    ("Đề xuất tiêu chí", "Criteria proposals"),
];

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
    let matches = |i: usize, (vi, en): (&str, &str)| {
        let f = &folded[i];
        [slugify(vi), slugify(en)].iter().any(|s| f == s || f.starts_with(&format!("{s}-")))
    };
    let found: Vec<Option<usize>> =
        RECOMMENDED_SECTIONS.iter().map(|s| (0..heads.len()).find(|&i| matches(i, *s))).collect();
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

fn percent_encode_segment(s: &str) -> String {
    const SEGMENT: &percent_encoding::AsciiSet =
        &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'<').add(b'>').add(b'?').add(b'`');
    percent_encoding::utf8_percent_encode(s, SEGMENT).to_string()
}

/// True if and only if the SVG at `path` has nothing that runs or fetches (`linked_file`).
fn svg_is_inert(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|bytes| super::linked_file::svg_is_inert(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::raw_html::sanitize;

    fn doc(md: &str) -> Document {
        Document {
            path: "content/pilots/an-giang/thoai-giang/index.md".into(),
            dir: "content/pilots/an-giang/thoai-giang".into(),
            markdown: md.into(),
            line_offset: 5,
        }
    }

    fn targets() -> LinkTargets {
        let mut t = LinkTargets::default();
        t.pilots.insert("content/pilots/ninh-binh/giao-phong".into(), "pilots/ninh-binh/giao-phong/".into());
        t.pilots.insert("content/pilots/an-giang/thoai-giang".into(), "pilots/an-giang/thoai-giang/".into());
        t.pages.insert("content/pages/gioi-thieu.md".into(), "gioi-thieu/".into());
        t
    }

    /// The sanitizer writes void elements as `<br>`, pulldown-cmark as `<br />`.
    fn void_closed_as_html5(html: &str) -> String {
        html.replace(" />", ">").replace("/>", ">")
    }

    fn hrefs(html: &str) -> Vec<&str> {
        html.split(" href=\"").skip(1).map(|rest| rest.split('"').next().unwrap()).collect()
    }

    #[test]
    fn fast_path_output_is_already_what_the_sanitizer_leaves() {
        let md = "# Tiêu đề *nghiêng*\n\nĐoạn có **đậm**, ~~gạch~~, `mã <b>`, dòng  \nngắt, [liên kết](https://vi.wikipedia.org/wiki/X \"tựa\"), \
                  <https://example.org>, <thu@xa.vn>, chú thích[^1] và & < > \" '.\n\n\
                  - [x] xong\n- [ ] chưa\n  1. lồng\n\n> trích dẫn\n\n---\n\n\
                  | Cột | Số |\n|:--|--:|\n| a | 1 |\n\n```rust\nfn main() {}\n```\n\n[^1]: Nguồn.\n";
        let mut all = vec![render_md(md).0.html];
        let root = Path::new(".");
        let (site, _) = crate::load::load_site(root);
        let docs = crate::render::render_documents(&site, root, &mut Vec::new());
        all.extend(docs.pilots.iter().chain(&docs.pages).map(|r| r.html.clone()));
        assert!(all.len() > 12, "the shipped content is read");
        for html in &all {
            assert_eq!(sanitize(html), void_closed_as_html5(html));
        }
    }

    #[test]
    fn fast_path_links_keep_only_schemes_the_sanitizer_allows() {
        let md = "[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](vbscript:msgbox(1)) \
                  [d](data:text/html;base64,PHNjcmlwdD4=) [e](jav&#x61;script:alert(1)) [f](&#106;avascript:alert(1)) \
                  <javascript:alert(1)> [ok](https://example.org/x) [mail](mailto:a@b.vn) <a@b.vn> [tel](tel:+84123)";
        let (r, _) = render_md(md);
        assert_eq!(hrefs(&r.html), ["https://example.org/x", "mailto:a@b.vn", "mailto:a@b.vn", "tel:+84123"]);
        assert_eq!(r.html.matches("<a ").count(), r.html.matches(" rel=\"noopener noreferrer\"").count());
        assert_eq!(sanitize(&r.html), void_closed_as_html5(&r.html));
    }

    #[test]
    fn urls_are_read_as_a_browser_reads_them() {
        for bad in
            ["javascript:x", " javascript:x", "\u{1}javascript:x", "java\tscript:x", "java\nscript:x", "JAVASCRIPT:x"]
        {
            assert!(!url_allowed(bad), "{bad:?}");
        }
        for good in ["https://a.vn", "#muc", "../../b/", "mailto:a@b.vn", "anh.png", ""] {
            assert!(url_allowed(good), "{good:?}");
        }
    }

    fn render_md(md: &str) -> (Rendered, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let r = render(&doc(md), Path::new("/nonexistent"), &targets(), "/ntm/", Need::Page, &mut diags);
        (r, diags)
    }

    #[test]
    fn headings_get_folded_unique_ids() {
        let (r, _) = render_md("## Bài học rút ra\n\n## Kết quả\n\n## Kết quả\n");
        assert!(r.html.contains("<h2 id=\"bai-hoc-rut-ra\">Bài học rút ra</h2>"), "{}", r.html);
        assert!(r.html.contains("id=\"ket-qua-1\""), "{}", r.html);
        assert_eq!(r.headings.len(), 3);
        let (r, _) = render_md("## Kết quả\n\n## Kết quả 1\n\n## Kết quả\n\n## Kết quả\n\n## Kết quả 1\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["ket-qua", "ket-qua-1", "ket-qua-2", "ket-qua-3", "ket-qua-1-1"]);
    }

    #[test]
    fn links_to_pilots_and_pages_are_rewritten_under_the_base_path() {
        let (r, diags) = render_md(
            "[a](../../ninh-binh/giao-phong/) [b](../../ninh-binh/giao-phong/index.md#ket-qua) [c](../../../pages/gioi-thieu.md)",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert!(r.html.contains("href=\"/ntm/pilots/ninh-binh/giao-phong/\""), "{}", r.html);
        assert!(r.html.contains("href=\"/ntm/pilots/ninh-binh/giao-phong/#ket-qua\""), "{}", r.html);
        assert!(r.html.contains("href=\"/ntm/gioi-thieu/\""), "{}", r.html);
        assert_eq!(r.anchors[0].target, "content/pilots/ninh-binh/giao-phong/index.md");
    }

    #[test]
    fn broken_links_are_errors_located_in_the_file() {
        let (_, diags) = render_md("Text\n\nsee [x](../../ninh-binh/khong-co/)\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!((diags[0].code, diags[0].line, diags[0].column), ("broken-link", 8, 5));
    }

    #[test]
    fn images_may_not_leave_the_folder() {
        let (_, diags) = render_md("![a](../giao-phong/x.png) ![b](/etc/passwd) ![c](../../../../../../etc/passwd)");
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["path-outside", "absolute-path", "path-outside"]);
    }

    #[test]
    fn hostile_markdown_is_sanitized() {
        let (r, diags) = render_md(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) <a href=\"JaVaScRiPt:alert(1)\">y</a>\n\n<iframe src=\"https://evil\"></iframe>",
        );
        let lower = r.html.to_ascii_lowercase();
        for bad in ["<script", "onerror", "javascript:", "<iframe"] {
            assert!(!lower.contains(bad), "{bad} survived: {}", r.html);
        }
        assert!(diags.iter().all(|d| d.code == "raw-html-removed"), "{diags:?}");
        assert!(diags.len() >= 3, "{diags:?}");
    }

    #[test]
    fn footnotes_tables_and_tasks_survive_sanitizing() {
        let (r, _) = render_md("Text[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n[^1]: Nguồn.\n");
        assert!(r.html.contains("<div class=\"table-scroll\" tabindex=\"0\"><table>"), "{}", r.html);
        assert!(r.html.contains("href=\"#fn-1\""), "{}", r.html);
        assert!(r.html.contains("id=\"fn-1\""), "{}", r.html);
        assert!(r.html.contains("type=\"checkbox\""), "{}", r.html);
    }
}
