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
//!
//! The parts, each one concern: `events.rs` the event stream's own rewriting (nesting
//! depth, aligned table cells, heading ids), `links.rs` links and images resolved and
//! their files checked, `html.rs` the HTML written and the raw HTML cleaned, and
//! `sections.rs` the recommended sections a case study should have. This file holds
//! the types they share and `render`, which runs them in order.

mod events;
mod html;
mod links;
mod pictures;
mod sections;

use std::collections::HashMap;
use std::path::Path;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::raw_html::LINK_REL;
use crate::diag::{Diagnostic, Location, Msg, msg};
use crate::load::source::LineIndex;
use crate::model::Document;
use crate::slug::slugify;
pub use events::MAX_NESTING;
use events::{Depth, TableCells, assign_heading_ids};
use html::to_html;
pub use sections::{RECOMMENDED_SECTIONS, check_sections};

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

/// A file referenced by a document, published beside its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Site-relative source path.
    pub source: String,
    /// Path relative to the document's folder, which is also its path relative to the page.
    pub relative: String,
    /// What an image is, when the page knows its size (only when rendering a page).
    pub picture: Option<Picture>,
    /// Where the document first links it: a photo that fails to decode is reported there.
    pub line: usize,
    pub column: usize,
}

/// An image whose size the page knows: a photo (JPEG, PNG, WebP) published as the
/// variants of its plan, or a GIF published as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picture {
    Photo(crate::photo::Plan),
    Sized { width: u32, height: u32 },
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
    pub text: super::plain_text::PlainText,
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
    let mut ctx = Ctx { doc, root, targets, base_path, need, diags, lines, out: Rendered::default() };
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
    ctx.out.html = to_html(events, raw_html, doc.markdown.len(), &ctx.out.assets);
    ctx.out
}
struct Ctx<'a> {
    doc: &'a Document,
    root: &'a Path,
    targets: &'a LinkTargets,
    base_path: &'a str,
    need: Need,
    diags: &'a mut Vec<Diagnostic>,
    lines: LineIndex<'a>,
    out: Rendered,
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::raw_html::{sanitize, url_allowed};

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
