//! From the typed site to the published files: Markdown to safe HTML, link checks
//! that need every document's headings, then every page through the theme's
//! templates (in parallel), data downloads and feeds. Nothing here touches the
//! output folder; it returns the files for `output` to write.

pub mod charts;
pub mod criteria;
pub mod data;
pub mod feeds;
pub mod format;
pub mod linked_file;
mod lint;
pub mod markdown;
pub mod plain_text;
pub mod raw_html;
pub mod schema;
pub mod search;
pub mod share;
pub mod site_links;
pub mod theme;
pub mod url;
pub mod views;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::diag::{Diagnostic, Location, msg};
use crate::model::*;
use crate::output::OutputFile;
use crate::photo::{self, PhotoCache};
use crate::slug::slugify;
pub use markdown::Need;
use markdown::{LinkTargets, Picture, Rendered};
use theme::Theme;

/// A page's identity for the layout: title, description, and where it lives.
#[derive(Serialize)]
struct PageMeta<'a> {
    title: &'a str,
    description: &'a str,
    /// The page's own description, shown as its lead paragraph ("" when it has none: the
    /// site's description, which `description` then holds, is no summary of this page).
    lead: &'a str,
    /// URL path relative to the base path ("" for home).
    path: &'a str,
    /// The navigation section this page belongs to.
    section: &'a str,
    canonical: String,
    /// Open Graph: `website`, or `article` for a pilot.
    og_type: &'a str,
    /// Absolute URL of the share card (PNG, 1200×630).
    image: String,
    /// A pilot's schema.org Article, already safe inside a script element.
    json_ld: Option<String>,
}

impl<'a> PageMeta<'a> {
    /// The page `spec` describes, with the site's share card and no structured data.
    fn new(base_url: &str, spec: &PageSpec<'a>) -> PageMeta<'a> {
        let PageSpec { template: _, path, section, title, description } = *spec;
        PageMeta {
            title,
            description,
            lead: description,
            path,
            section,
            canonical: format!("{base_url}{path}"),
            og_type: "website",
            image: format!("{base_url}{}", share::SITE_CARD_PATH),
            json_ld: None,
        }
    }
}

/// Which page to render, besides its data: the theme's template, where the page lives and
/// what it is called. Every HTML page the build publishes is rendered from one.
#[derive(Debug, Clone, Copy)]
pub struct PageSpec<'s> {
    /// The theme's template that renders it, e.g. `page.html`.
    pub template: &'s str,
    /// URL path relative to the base path ("" for home), e.g. `criteria/`.
    pub path: &'s str,
    /// The navigation section it belongs to ("" for none).
    pub section: &'s str,
    pub title: &'s str,
    /// The page's own description ("" for none).
    pub description: &'s str,
}

/// What every template sees besides its own data.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base: String,
    base_url: &'a str,
    lang: &'a str,
    /// Open Graph locale: vi_VN or en_US.
    locale: &'a str,
}

/// A failure of the theme, not of content: reported as an I/O-class error.
#[derive(Debug)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RenderError {}

/// The Markdown of every pilot and page, rendered and link-checked.
pub struct Documents {
    pub pilots: Vec<Rendered>,
    pub pages: Vec<Rendered>,
}

pub fn link_targets(site: &Site) -> LinkTargets {
    let mut t = LinkTargets::default();
    for p in &site.pilots {
        t.pilots.insert(p.doc.dir.clone(), url::pilot(site, p));
    }
    for (prov, commune) in &site.unloaded_pilots {
        let slug = &site.province(*prov).slug;
        t.pilots.insert(format!("content/pilots/{slug}/{commune}"), url::pilot_at(slug, commune));
    }
    for p in &site.pages {
        t.pages.insert(p.doc.path.clone(), url::page(&p.slug));
    }
    t.published = site_links::published(site, t.pilots.iter(), t.pages.iter());
    t.base_url = site.config.base_url.clone();
    t.provinces = site.provinces.clone();
    t
}

/// Renders one document against the site's link targets, for a page or only for its
/// checks: its HTML and its own diagnostics.
pub fn render_document(
    doc: &Document,
    root: &Path,
    targets: &LinkTargets,
    base: &str,
    need: Need,
) -> (Rendered, Vec<Diagnostic>) {
    let mut d = Vec::new();
    let r = markdown::render(doc, root, targets, base, need, &mut d);
    (r, d)
}

/// A pilot's case study: `render_document`, and the check of its recommended sections.
pub fn render_pilot_document(
    doc: &Document,
    root: &Path,
    targets: &LinkTargets,
    base: &str,
    need: Need,
) -> (Rendered, Vec<Diagnostic>) {
    crate::output::fault::panic_if_marked(&doc.markdown);
    let (r, mut d) = render_document(doc, root, targets, base, need);
    markdown::check_sections(doc, &mut d);
    (r, d)
}

/// Every pilot's and page's document rendered against `targets`, in parallel, each with
/// its own diagnostics (what the pipeline keeps per document).
pub type EachRendered = (Vec<(Rendered, Vec<Diagnostic>)>, Vec<(Rendered, Vec<Diagnostic>)>);

pub fn render_each(site: &Site, root: &Path, targets: &LinkTargets, need: Need) -> EachRendered {
    let base = site.config.base_path();
    let pilots = site.pilots.par_iter().map(|p| render_pilot_document(&p.doc, root, targets, &base, need)).collect();
    let pages = site.pages.par_iter().map(|p| render_document(&p.doc, root, targets, &base, need)).collect();
    (pilots, pages)
}

/// Renders all Markdown in parallel, then checks links to headings across documents
/// (for tests and tools that need a site's documents without the pipeline).
pub fn render_documents(site: &Site, root: &Path, diags: &mut Vec<Diagnostic>) -> Documents {
    let (pilots, pages) = render_each(site, root, &link_targets(site), Need::Page);
    let mut docs = Documents { pilots: Vec::new(), pages: Vec::new() };
    for (r, d) in pilots {
        diags.extend(d);
        docs.pilots.push(r);
    }
    for (r, d) in pages {
        diags.extend(d);
        docs.pages.push(r);
    }
    check_anchors(site, &docs, diags);
    docs
}

/// Reports links to headings that the target document does not have.
pub fn check_anchors(site: &Site, docs: &Documents, diags: &mut Vec<Diagnostic>) {
    // Besides its headings, a page has the ids its template puts around the Markdown.
    const PILOT: &[&str] = &["main", "content", "metrics"];
    const PILOT_WITH_PROPOSALS: &[&str] = &["main", "content", "metrics", "proposals"];
    let pilot_ids =
        site.pilots.iter().map(|p| (&p.doc, if p.proposals.is_empty() { PILOT } else { PILOT_WITH_PROPOSALS }));
    let page_ids = site.pages.iter().map(|p| (&p.doc, &["main"][..]));
    let all: Vec<(&Document, &[&str], &Rendered)> =
        pilot_ids.zip(&docs.pilots).chain(page_ids.zip(&docs.pages)).map(|((doc, extra), r)| (doc, extra, r)).collect();
    // Documents by path. A target's ids are searched in place when they are few, and in a set
    // (made once, when first needed) when there are many: neither many documents nor a
    // document full of headings makes this slow.
    let by_path: HashMap<&str, usize> = all.iter().enumerate().map(|(i, (doc, _, _))| (doc.path.as_str(), i)).collect();
    let ids = |i: usize| {
        let (_, extra, r) = all[i];
        r.headings.iter().map(|h| h.id.as_str()).chain(extra.iter().copied())
    };
    let mut sets: HashMap<usize, HashSet<&str>> = HashMap::new();
    // A suggestion compares with every id of the target; past a hundred per target the plain
    // help is given, so a document full of broken heading links is still checked quickly.
    let mut suggested: HashMap<&str, usize> = HashMap::new();
    for (doc, _, r) in &all {
        for a in &r.anchors {
            // A target that is not among the rendered documents failed to load; it is reported already.
            let target = by_path.get(a.target.as_str()).copied();
            let known = target.is_none_or(|i| {
                if all[i].2.headings.len() <= 32 {
                    ids(i).any(|id| id == a.fragment)
                } else {
                    sets.entry(i).or_insert_with(|| ids(i).collect()).contains(a.fragment.as_str())
                }
            });
            let footnote = a.fragment.starts_with("fn-") || a.fragment.starts_with("fnref-");
            if !known && !footnote {
                let count = suggested.entry(a.target.as_str()).or_default();
                *count += 1;
                let suggestion = match target {
                    Some(i) if *count <= 100 => {
                        let mut v: Vec<&str> = ids(i).collect();
                        v.sort();
                        v.dedup();
                        crate::diag::did_you_mean(&a.fragment, &v, msg!("headings-of-page"))
                    }
                    _ => msg!("broken-anchor-help"),
                };
                diags.push(
                    Diagnostic::error(
                        "broken-anchor",
                        Location::new(&doc.path, a.line, a.column),
                        msg!("broken-anchor", fragment = &a.fragment, target = &a.target),
                    )
                    .help(suggestion),
                );
            }
        }
    }
}

/// What an aggregate output reads of the pilots, so that an incremental rebuild renders
/// it again only after a change it can see. Each level includes the ones before it; a
/// change of the registries, the pages or the theme reaches them all, and a pilot that
/// comes or goes reaches `Cards` and above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reads {
    /// No pilot at all: only the registries, the pages and the theme.
    Site,
    /// Each pilot's card (`views::pilot_card`): what lists show.
    Cards,
    /// Everything of each pilot but its text.
    Data,
    /// Also each pilot's rendered text (e.g. a search index).
    Text,
}

/// Every output besides the pages of pilots and indicators: what it renders, and what it
/// reads. A new output is one more entry here; the pipeline renders it for build and serve. Declare what it reads truthfully: the equivalence test checks the outputs it
/// knows, not the declaration.
pub struct Aggregate {
    pub name: &'static str,
    pub reads: Reads,
    /// Slow, and shown by no page as it is: the preview may render it just after telling
    /// open pages to reload (`pipeline::Pipeline::render` with `defer`).
    pub deferrable: bool,
    pub render: fn(&Renderer) -> Result<Vec<OutputFile>, RenderError>,
}

pub const AGGREGATES: &[Aggregate] = &[
    Aggregate { name: "pages", reads: Reads::Site, deferrable: false, render: |r| r.free_pages() },
    Aggregate { name: "home", reads: Reads::Cards, deferrable: false, render: |r| r.home() },
    Aggregate { name: "pilot list", reads: Reads::Cards, deferrable: false, render: |r| r.pilot_list() },
    Aggregate { name: "provinces", reads: Reads::Cards, deferrable: false, render: |r| r.provinces() },
    Aggregate { name: "fields", reads: Reads::Cards, deferrable: false, render: |r| r.fields() },
    Aggregate { name: "indicator list", reads: Reads::Data, deferrable: false, render: |r| r.indicator_list() },
    Aggregate {
        name: "criteria",
        reads: Reads::Data,
        deferrable: false,
        render: |r| criteria::files(r.site, r.t(), &|spec, data| r.page(spec, data)),
    },
    Aggregate { name: "404", reads: Reads::Site, deferrable: false, render: |r| r.not_found() },
    Aggregate { name: "search page", reads: Reads::Site, deferrable: false, render: |r| r.search_page() },
    // Its index holds every word of every case study.
    Aggregate {
        name: "search index",
        reads: Reads::Text,
        deferrable: true,
        render: |r| Ok(search::index_files(r.site, &r.docs.pilots, r.t())),
    },
    Aggregate {
        name: "share",
        reads: Reads::Site,
        deferrable: false,
        render: |r| Ok(share::site_files(r.site, r.t())),
    },
    Aggregate { name: "downloads", reads: Reads::Data, deferrable: false, render: |r| Ok(data::files(r.site)) },
    Aggregate {
        name: "metrics schema",
        reads: Reads::Site,
        deferrable: false,
        render: |r| Ok(vec![schema::file(r.site)]),
    },
    Aggregate {
        name: "feeds",
        reads: Reads::Data,
        deferrable: false,
        render: |r| Ok(vec![feeds::sitemap(r.site), feeds::atom(r.site), feeds::robots(r.site)]),
    },
    Aggregate { name: "theme assets", reads: Reads::Site, deferrable: false, render: |r| r.theme_assets() },
];

/// Renders the site's outputs one at a time: a pilot's page and files, or one aggregate.
/// Clean and incremental builds both render through it, so they cannot disagree.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub root: &'a Path,
    pub docs: &'a Documents,
    pub theme: &'a Theme,
    /// The site being replaced, whose share cards are kept when drawn from the same text
    /// and whose photo variants are read back instead of encoded again.
    pub previous: Option<&'a Path>,
    /// Where photos already processed are found (memory for serve, a `--cache` folder).
    pub photos: &'a Arc<PhotoCache>,
    site_view: SiteView<'a>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        root: &'a Path,
        docs: &'a Documents,
        theme: &'a Theme,
        photos: &'a Arc<PhotoCache>,
    ) -> Self {
        let site_view = SiteView {
            title: &site.config.title,
            description: &site.config.description,
            base: site.config.base_path(),
            base_url: &site.config.base_url,
            lang: site.config.language.code(),
            locale: match site.config.language {
                Lang::Vi => "vi_VN",
                Lang::En => "en_US",
            },
        };
        Renderer { site, root, docs, theme, previous: None, photos, site_view }
    }

    fn t(&self) -> &'a theme::I18n {
        &self.theme.i18n
    }

    /// One HTML page through the theme's `template`, described by `meta`.
    fn render(&self, template: &str, meta: &PageMeta, data: &dyn erased::Data) -> Result<OutputFile, RenderError> {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.site_view);
        ctx.insert("page", meta);
        data.insert_into(&mut ctx);
        // Into bytes, as written: tera's `render` would check the page is UTF-8 once more.
        let mut html = Vec::with_capacity(32 * 1024);
        self.theme
            .tera
            .render_to(template, &ctx, &mut html)
            .map(|()| OutputFile::bytes(output_path(meta.path), html))
            .map_err(|e| RenderError(format!("the template `{template}` failed: {}", error_chain(&e))))
    }

    /// One HTML page with the site's share card and no structured data.
    fn page(&self, spec: &PageSpec, data: &dyn erased::Data) -> Result<OutputFile, RenderError> {
        // A page without its own description shares the site's, never an empty one.
        let site = self.site;
        let lead = spec.description.trim();
        let description = if lead.is_empty() { &site.config.description } else { spec.description };
        let meta = PageMeta { lead, ..PageMeta::new(&site.config.base_url, &PageSpec { description, ..*spec }) };
        self.render(spec.template, &meta, data)
    }

    /// The page of `site.pilots[i]` and the files it references. It reads only that
    /// pilot, its rendered text, the registries and the theme.
    pub fn pilot_outputs(&self, i: usize) -> Result<Vec<OutputFile>, RenderError> {
        let (site, p, r) = (self.site, &self.site.pilots[i], &self.docs.pilots[i]);
        let t = self.t();
        let view = views::pilot_view(site, p, r.html.clone(), r.headings.clone(), r.words, t);
        let path = url::pilot(site, p);
        let base_url = &site.config.base_url;
        let summary = p.summary_for(site.config.language);
        let spec =
            PageSpec { template: "pilot.html", path: &path, section: "pilots", title: &p.title, description: summary };
        let m = PageMeta {
            og_type: "article",
            image: format!("{base_url}{}", share::pilot_card_path(site, p)),
            json_ld: Some(share::pilot_json_ld(site, p, summary)),
            ..PageMeta::new(base_url, &spec)
        };
        let mut files = vec![
            self.render(spec.template, &m, &("pilot", &view))?,
            share::pilot_card(site, p, t, self.previous, self.photos),
        ];
        self.assets(&p.doc.path, &path, r, &mut files)?;
        Ok(files)
    }

    fn free_pages(&self) -> Result<Vec<OutputFile>, RenderError> {
        let mut files = Vec::new();
        for (p, r) in self.site.pages.iter().zip(&self.docs.pages) {
            let path = url::page(&p.slug);
            let spec = PageSpec {
                template: "page.html",
                path: &path,
                section: &p.slug,
                title: &p.title,
                description: &p.description,
            };
            files.push(self.page(&spec, &("html", &r.html))?);
            self.assets(&p.doc.path, &path, r, &mut files)?;
        }
        Ok(files)
    }

    fn home(&self) -> Result<Vec<OutputFile>, RenderError> {
        let (site, t) = (self.site, self.t());
        let home = views::home_view(site, t);
        let (title, description) = (&site.config.title, &site.config.description);
        let spec = PageSpec { template: "home.html", path: "", section: "home", title, description };
        Ok(vec![self.page(&spec, &("home", &home))?])
    }

    fn pilot_list(&self) -> Result<Vec<OutputFile>, RenderError> {
        let (site, t) = (self.site, self.t());
        let mut cards: Vec<views::PilotCard> = site.pilots.iter().map(|p| views::pilot_card(site, p, t)).collect();
        // Vietnamese names sort by their folded form ("Hà Tĩnh" before "Huế"), then as written.
        cards.sort_by_cached_key(|c| {
            (slugify(&c.province.name), slugify(&c.commune), c.province.name.clone(), c.commune.clone())
        });
        let (title, description) = (t.get("pilots_title"), t.get("pilots_intro"));
        let spec = PageSpec { template: "pilots.html", path: "pilots/", section: "pilots", title, description };
        self.paged(&spec, cards.len(), url::PILOT_ROWS, |rows, pager| {
            Flat(views::ListPage { item: &(), pilots: &cards[rows], pager })
        })
    }

    fn provinces(&self) -> Result<Vec<OutputFile>, RenderError> {
        let t = self.t();
        let provinces = views::province_rows(self.site, t);
        let mut files = vec![self.section_page("provinces", &("provinces", &provinces))?];
        let pages: Vec<Vec<OutputFile>> = provinces
            .par_iter()
            .map(|row| {
                let description = format!("{} — {}", row.name, t.get("province_intro"));
                let spec = PageSpec {
                    template: "province.html",
                    path: &row.url,
                    section: "provinces",
                    title: &row.name,
                    description: &description,
                };
                self.paged(&spec, row.pilots.len(), url::CARDS, |rows, pager| {
                    Flat(views::ListPage { item: row, pilots: &row.pilots[rows], pager })
                })
            })
            .collect::<Result<_, _>>()?;
        files.extend(pages.into_iter().flatten());
        Ok(files)
    }

    fn fields(&self) -> Result<Vec<OutputFile>, RenderError> {
        let t = self.t();
        let fields = views::field_rows(self.site, t);
        let mut files = vec![self.section_page("fields", &("fields", &fields))?];
        for row in &fields {
            let spec = PageSpec {
                template: "field.html",
                path: &row.url,
                section: "fields",
                title: &row.name,
                description: &row.description,
            };
            files.extend(self.paged(&spec, row.pilots.len(), url::CARDS, |rows, pager| {
                Flat(views::ListPage { item: row, pilots: &row.pilots[rows], pager })
            })?);
        }
        Ok(files)
    }

    /// A list of `items` items published at `spec.path` in pages of `per_page`: the first
    /// page at the list's own URL, the others at `<path>page/<n>/` (`url::paged`), titled
    /// with their number. `data` makes a page's template variables from the range of items
    /// it shows and its place among the pages.
    fn paged<D: erased::Data>(
        &self,
        spec: &PageSpec,
        items: usize,
        per_page: usize,
        data: impl Fn(std::ops::Range<usize>, views::Pager) -> D,
    ) -> Result<Vec<OutputFile>, RenderError> {
        let t = self.t();
        (1..=url::page_count(items, per_page))
            .map(|number| {
                let pager = views::pager(spec.path, number, per_page, items, t);
                let path = url::paged(spec.path, number);
                let title =
                    if number == 1 { spec.title.to_string() } else { format!("{} — {}", spec.title, pager.title) };
                let page = PageSpec { path: &path, title: &title, ..*spec };
                let rows = ((number - 1) * per_page).min(items)..(number * per_page).min(items);
                self.page(&page, &data(rows, pager))
            })
            .collect()
    }

    fn indicator_list(&self) -> Result<Vec<OutputFile>, RenderError> {
        let t = self.t();
        let groups = views::indicator_groups(self.site, t);
        Ok(vec![self.section_page("indicators", &("groups", &groups))?])
    }

    /// The pages of one indicator: its summary with the first `url::INDICATOR_ROWS` values,
    /// then the rest of the values, as many a page (`indicators/<id>/page/2/`, …). It reads,
    /// of each pilot, only its card and its value of this indicator.
    pub fn indicator_pages(&self, id: IndicatorId) -> Result<Vec<OutputFile>, RenderError> {
        let t = self.t();
        let view = views::indicator_view(self.site, id, Some(criteria::value_map), t);
        let values = views::indicator_values(self.site, id, t);
        let rows = values.len();
        let paged = rows > url::INDICATOR_ROWS;
        // Past one page the leading and the last values get tables of their own on the first.
        const ENDS: usize = 10;
        let table = |key: &'static str, caption: String, rows: &[views::IndicatorValue]| views::ValueTable {
            id: key,
            title: t.get(&format!("indicator_{key}")).to_string(),
            caption,
            sortable: !paged,
            rows: rows.to_vec(),
        };
        let count = |n: usize| crate::numbers::number(n as f64, 0, t.lang);
        let spec = PageSpec {
            template: "indicator.html",
            path: &view.url,
            section: "indicators",
            title: &view.name,
            description: &view.description,
        };
        self.paged(&spec, rows, url::INDICATOR_ROWS, |range_rows, pager| {
            let page_rows = &values[range_rows];
            let mut tables = Vec::new();
            if pager.number == 1 && paged && !view.boolean {
                tables.push(table("leading", t.get("indicator_leading_caption").into(), &values[..ENDS]));
                tables.push(table("last", t.get("indicator_last_caption").into(), &values[rows - ENDS..]));
            }
            let range = if paged {
                t.get("indicator_values_page")
                    .replace("{first}", &count(pager.first))
                    .replace("{last}", &count(pager.last))
                    .replace("{rows}", &count(rows))
            } else {
                String::new()
            };
            if !page_rows.is_empty() {
                let caption = if paged { range.clone() } else { t.get("indicator_values_caption").into() };
                tables.push(table("values", caption, page_rows));
            }
            Flat(views::IndicatorPage { indicator: &view, tables, pager, shown: range })
        })
    }

    fn not_found(&self) -> Result<Vec<OutputFile>, RenderError> {
        let t = self.t();
        let (title, description) = (t.get("not_found_title"), t.get("not_found_text"));
        let spec = PageSpec { template: "404.html", path: "404.html", section: "", title, description };
        Ok(vec![self.page(&spec, &("none", &()))?])
    }

    /// The search page; its script fetches the index.
    fn search_page(&self) -> Result<Vec<OutputFile>, RenderError> {
        Ok(vec![self.section_page("search", &("none", &()))?])
    }

    /// The page of a navigation section at `/<section>/`: its template `<section>.html`,
    /// titled and described by the UI strings `<section>_title` and `<section>_intro`.
    fn section_page(&self, section: &str, data: &dyn erased::Data) -> Result<OutputFile, RenderError> {
        let t = self.t();
        let (template, path) = (format!("{section}.html"), format!("{section}/"));
        let (title, intro) = (format!("{section}_title"), format!("{section}_intro"));
        let (title, description) = (t.get(&title), t.get(&intro));
        self.page(&PageSpec { template: &template, path: &path, section, title, description }, data)
    }

    /// The files a document at `url_dir` links or shows, published beside its page: a
    /// photo as its variants (named by `Plan::file_name`; the page's `<img>` shows them)
    /// and, at its own path (for a link to it), its largest variant in its own format — or
    /// the file as sent when site.yaml asks for the originals; any other file as it is.
    fn assets(&self, doc: &str, url_dir: &str, r: &Rendered, files: &mut Vec<OutputFile>) -> Result<(), RenderError> {
        for a in &r.assets {
            let path = format!("{url_dir}{}", a.relative);
            let source = self.root.join(&a.source);
            let Some(Picture::Photo(plan)) = &a.picture else {
                files.push(OutputFile::copy(path, source));
                continue;
            };
            let bytes = crate::load::linked::read(self.root, &a.source)
                .map_err(|e| self.photo_failed(doc, a, e.to_string()))?;
            let (dir, name) = path.rsplit_once('/').unwrap_or(("", &path));
            let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
            let previous = self.previous.map(|out| photo::cache::Previous { out, dir, stem });
            let photo = self
                .photos
                .photo(&bytes, &photo::SETTINGS, previous)
                .map_err(|e| self.photo_failed(doc, a, e.to_string()))?;
            if photo.key != plan.key {
                return Err(self.photo_failed(doc, a, "the file changed while the site was built".into()));
            }
            for v in &photo.variants {
                files.push(OutputFile::bytes(format!("{dir}/{}", photo.file_name(stem, v)), v.bytes.to_vec()));
            }
            files.push(match self.site.config.publish_original_photos {
                true => OutputFile::copy(path, source),
                false => OutputFile::bytes(path, photo.fallback().bytes.to_vec()),
            });
        }
        Ok(())
    }

    /// A photo that passed its checks but cannot be published, worded as the diagnostic
    /// `image-corrupt` at its link.
    fn photo_failed(&self, doc: &str, a: &markdown::Asset, why: String) -> RenderError {
        let at = Location::new(doc, a.line, a.column);
        let d = Diagnostic::error("image-corrupt", at, msg!("image-corrupt", dest = &a.relative))
            .help(msg!("image-corrupt-help"));
        let lang = self.site.config.language;
        let report = crate::diag::render(&[d], self.root, lang, crate::diag::Format::Human, false);
        RenderError(format!("{} ({why})", report.trim_end()))
    }

    fn theme_assets(&self) -> Result<Vec<OutputFile>, RenderError> {
        Ok(self
            .theme
            .assets
            .iter()
            .map(|(path, bytes)| OutputFile::bytes(format!("assets/{path}"), bytes.clone()))
            .collect())
    }
}

/// `pilots/a/b/` → `pilots/a/b/index.html`; `404.html` stays.
fn output_path(url_path: &str) -> String {
    if url_path.is_empty() || url_path.ends_with('/') { format!("{url_path}index.html") } else { url_path.to_string() }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// Renders one page, described by its spec, with its data.
pub type PageFn<'a> = dyn Fn(&PageSpec, &dyn erased::Data) -> Result<OutputFile, RenderError> + Sync + 'a;

/// A page's own data under one name, whatever its type, so one closure renders all pages.
mod erased {
    pub trait Data: Sync {
        fn insert_into(&self, ctx: &mut tera::Context);
    }
    impl<T: serde::Serialize + Sync + ?Sized> Data for (&str, &T) {
        fn insert_into(&self, ctx: &mut tera::Context) {
            ctx.insert(self.0.to_string(), self.1);
        }
    }
    impl<T: serde::Serialize + Sync> Data for super::Flat<T> {
        fn insert_into(&self, ctx: &mut tera::Context) {
            // A struct's fields become the template's variables; views serialize to objects.
            if let Ok(vars) = tera::Context::from_serialize(&self.0) {
                ctx.extend(vars);
            }
        }
    }
}

/// A page's data whose fields are each a variable of the template (`pilots`, `pager`, …).
struct Flat<T>(T);
