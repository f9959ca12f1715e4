//! From the typed site to the published files: Markdown to safe HTML, link checks
//! that need every document's headings, then every page through the theme's
//! templates (in parallel), data downloads and feeds. Nothing here touches the
//! output folder; it returns the files for `output` to write.

pub mod charts;
pub mod criteria;
pub mod data;
pub mod feeds;
pub mod format;
pub mod markdown;
pub mod schema;
pub mod share;
pub mod theme;
pub mod views;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::diag::{Diagnostic, Location, msg};
use crate::model::*;
use crate::output::OutputFile;
use crate::slug::slugify;
use markdown::{LinkTargets, Rendered};
use theme::Theme;
use views::url;

/// A page's identity for the layout: title, description, and where it lives.
#[derive(Serialize)]
struct PageMeta<'a> {
    title: &'a str,
    description: &'a str,
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
    /// A page with the site's share card and no structured data.
    fn new(base_url: &str, path: &'a str, section: &'a str, title: &'a str, description: &'a str) -> PageMeta<'a> {
        PageMeta {
            title,
            description,
            path,
            section,
            canonical: format!("{base_url}{path}"),
            og_type: "website",
            image: format!("{base_url}{}", share::SITE_CARD_PATH),
            json_ld: None,
        }
    }
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
    t
}

/// Renders all Markdown in parallel, then checks links to headings across documents.
pub fn render_documents(site: &Site, root: &Path, diags: &mut Vec<Diagnostic>) -> Documents {
    let targets = link_targets(site);
    let base = site.config.base_path();
    let render_one = |doc: &Document| {
        let mut d = Vec::new();
        let r = markdown::render(doc, root, &targets, &base, &mut d);
        (r, d)
    };
    let pilots: Vec<(Rendered, Vec<Diagnostic>)> = site
        .pilots
        .par_iter()
        .map(|p| {
            let (r, mut d) = render_one(&p.doc);
            markdown::check_sections(&p.doc, &mut d);
            (r, d)
        })
        .collect();
    let pages: Vec<(Rendered, Vec<Diagnostic>)> = site.pages.par_iter().map(|p| render_one(&p.doc)).collect();
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

fn check_anchors(site: &Site, docs: &Documents, diags: &mut Vec<Diagnostic>) {
    // Besides its headings, a page has the ids its template puts around the Markdown.
    let pilot_ids = site.pilots.iter().map(|p| {
        let mut extra = vec!["main", "content", "metrics"];
        if !p.proposals.is_empty() {
            extra.push("proposals");
        }
        (&p.doc, extra)
    });
    let page_ids = site.pages.iter().map(|p| (&p.doc, vec!["main"]));
    let all: Vec<(&Document, Vec<&str>, &Rendered)> =
        pilot_ids.zip(&docs.pilots).chain(page_ids.zip(&docs.pages)).map(|((doc, extra), r)| (doc, extra, r)).collect();
    let ids: HashMap<&str, HashSet<&str>> = all
        .iter()
        .map(|(doc, extra, r)| {
            let set = r.headings.iter().map(|h| h.id.as_str()).chain(extra.iter().copied()).collect();
            (doc.path.as_str(), set)
        })
        .collect();
    // A suggestion compares with every id of the target; past a hundred per target the plain
    // help is given, so a document full of broken heading links is still checked quickly.
    let mut suggested: HashMap<&str, usize> = HashMap::new();
    for (doc, _, r) in &all {
        for a in &r.anchors {
            // A target that is not among the rendered documents failed to load; it is reported already.
            let known = ids.get(a.target.as_str()).is_none_or(|s| s.contains(a.fragment.as_str()));
            let footnote = a.fragment.starts_with("fn-") || a.fragment.starts_with("fnref-");
            if !known && !footnote {
                let count = suggested.entry(a.target.as_str()).or_default();
                *count += 1;
                let suggestion = match ids.get(a.target.as_str()) {
                    Some(s) if *count <= 100 => {
                        let mut v: Vec<&str> = s.iter().copied().collect();
                        v.sort();
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

/// Everything the published site holds, ready to be written.
pub fn render_site(site: &Site, root: &Path, docs: &Documents, theme: &Theme) -> Result<Vec<OutputFile>, RenderError> {
    let t = &theme.i18n;
    let base = site.config.base_path();
    let site_view = SiteView {
        title: &site.config.title,
        description: &site.config.description,
        base: base.clone(),
        base_url: &site.config.base_url,
        lang: site.config.language.code(),
        locale: match site.config.language {
            Lang::Vi => "vi_VN",
            Lang::En => "en_US",
        },
    };
    let base_url = &site.config.base_url;
    let render = |template: &str, meta: &PageMeta, data: &dyn erased::Data| -> Result<OutputFile, RenderError> {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &site_view);
        ctx.insert("t", t);
        ctx.insert("page", meta);
        data.insert_into(&mut ctx);
        theme
            .tera
            .render(template, &ctx)
            .map(|html| OutputFile::bytes(output_path(meta.path), html.into_bytes()))
            .map_err(|e| RenderError(format!("the template `{template}` failed: {}", error_chain(&e))))
    };
    let page = |template: &str,
                path: &str,
                section: &str,
                title: &str,
                description: &str,
                data: &dyn erased::Data|
     -> Result<OutputFile, RenderError> {
        // A page without its own description shares the site's, never an empty one.
        let description = if description.trim().is_empty() { &site.config.description } else { description };
        render(template, &PageMeta::new(base_url, path, section, title, description), data)
    };

    let mut files: Vec<OutputFile> = site
        .pilots
        .par_iter()
        .zip(&docs.pilots)
        .map(|(p, r)| {
            let view = views::pilot_view(site, p, r.html.clone(), r.headings.clone(), r.words, t);
            let path = url::pilot(site, p);
            let summary = p.summary_for(site.config.language);
            let m = PageMeta {
                og_type: "article",
                image: format!("{base_url}{}", share::pilot_card_path(site, p)),
                json_ld: Some(share::pilot_json_ld(site, p, summary)),
                ..PageMeta::new(base_url, &path, "pilots", &p.title, summary)
            };
            Ok::<_, RenderError>([render("pilot.html", &m, &("pilot", &view))?, share::pilot_card(site, p, t)])
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect();

    for (p, r) in site.pilots.iter().zip(&docs.pilots) {
        copy_assets(root, &url::pilot(site, p), r, &mut files);
    }
    for (p, r) in site.pages.iter().zip(&docs.pages) {
        let path = url::page(&p.slug);
        files.push(page("page.html", &path, &p.slug, &p.title, &p.description, &("html", &r.html))?);
        copy_assets(root, &path, r, &mut files);
    }

    let home = views::home_view(site, t);
    files.push(page("home.html", "", "home", &site.config.title, &site.config.description, &("home", &home))?);

    let mut cards: Vec<views::PilotCard> = site.pilots.iter().map(|p| views::pilot_card(site, p, t)).collect();
    // Vietnamese names sort by their folded form ("Hà Tĩnh" before "Huế"), then as written.
    cards.sort_by_cached_key(|c| {
        (slugify(&c.province.name), slugify(&c.commune), c.province.name.clone(), c.commune.clone())
    });
    files.push(page(
        "pilots.html",
        "pilots/",
        "pilots",
        t.get("pilots_title"),
        t.get("pilots_intro"),
        &("pilots", &cards),
    )?);

    let provinces = views::province_rows(site, t);
    files.push(page(
        "provinces.html",
        "provinces/",
        "provinces",
        t.get("provinces_title"),
        t.get("provinces_intro"),
        &("provinces", &provinces),
    )?);
    let province_pages: Vec<OutputFile> = provinces
        .par_iter()
        .map(|row| {
            let description = format!("{} — {}", row.name, t.get("province_intro"));
            page("province.html", &row.url, "provinces", &row.name, &description, &("province", row))
        })
        .collect::<Result<_, _>>()?;
    files.extend(province_pages);

    let fields = views::field_rows(site, t);
    files.push(page(
        "fields.html",
        "fields/",
        "fields",
        t.get("fields_title"),
        t.get("fields_intro"),
        &("fields", &fields),
    )?);
    for row in &fields {
        files.push(page("field.html", &row.url, "fields", &row.name, &row.description, &("field", row))?);
    }

    let groups = views::indicator_groups(site, t);
    files.push(page(
        "indicators.html",
        "indicators/",
        "indicators",
        t.get("indicators_title"),
        t.get("indicators_intro"),
        &("groups", &groups),
    )?);
    let indicator_pages: Vec<OutputFile> = site
        .indicator_ids()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|&id| {
            let view = views::indicator_view(site, id, true, t);
            page("indicator.html", &view.url, "indicators", &view.name, &view.description, &("indicator", &view))
        })
        .collect::<Result<_, _>>()?;
    files.extend(indicator_pages);

    files.extend(criteria::files(site, t, &page)?);

    files.push(page("404.html", "404.html", "", t.get("not_found_title"), t.get("not_found_text"), &("none", &()))?);
    // Search: the page (its script fetches the index) and the index built from the model.
    files.push(page("search.html", "search/", "search", t.get("search_title"), t.get("search_intro"), &("none", &()))?);
    files.extend(crate::search::index_files(site, t));

    files.extend(share::site_files(site, t));
    files.extend(data::files(site));
    files.push(schema::file(site));
    files.push(feeds::sitemap(site));
    files.push(feeds::atom(site));
    files.push(feeds::robots(site));
    for (path, bytes) in &theme.assets {
        files.push(OutputFile::bytes(format!("assets/{path}"), bytes.clone()));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// `pilots/a/b/` → `pilots/a/b/index.html`; `404.html` stays.
fn output_path(url_path: &str) -> String {
    if url_path.is_empty() || url_path.ends_with('/') { format!("{url_path}index.html") } else { url_path.to_string() }
}

fn copy_assets(root: &Path, url_dir: &str, r: &Rendered, files: &mut Vec<OutputFile>) {
    for a in &r.assets {
        files.push(OutputFile::copy(format!("{url_dir}{}", a.relative), root.join(&a.source)));
    }
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

/// Renders one page: template, URL path, navigation section, title, description, data.
pub type PageFn<'a> =
    dyn Fn(&str, &str, &str, &str, &str, &dyn erased::Data) -> Result<OutputFile, RenderError> + Sync + 'a;

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
}
