//! Links from Markdown to any page the site publishes, not only to pilots and pages:
//! `@/` is the site's root (as in Zola), so `[Nghệ An](@/provinces/nghe-an/)`,
//! `[bảng điều khiển](@/criteria/)` or `[tải CSV](@/data/pilots.csv)` link the province,
//! the dashboard and a download wherever the site is published. A link written as the
//! site's own address (`https://example.gov.vn/ntm/pilots/`, under `base_url`) is read
//! the same way. Both are checked against what the build publishes, and published under
//! the path of `base_url`.

use std::collections::HashMap;

use crate::model::Site;

use super::url;

/// The pages and files every build publishes besides the pages of pilots, free pages,
/// provinces, fields and indicators, and the further pages of lists cut into pages (URL
/// paths relative to the base). A test builds a
/// site and checks this list against what it wrote, so it cannot drift.
pub const FIXED: &[&str] = &[
    "",
    "pilots/",
    "provinces/",
    "fields/",
    "indicators/",
    "criteria/",
    "criteria/print/",
    "criteria/sourced/",
    "compare/",
    "search/",
    "data/pilots.csv",
    "data/pilots.json",
    "data/indicators.json",
    "data/criteria.json",
    "data/criteria-by-field.csv",
    "data/criteria-by-region.csv",
    "data/criteria-changes.csv",
    "data/criteria-cost.csv",
    "data/criteria-indicators.csv",
    "data/criteria-proposals.csv",
    "data/criteria-values.csv",
    "data/criteria.xlsx",
    "schema/metrics.schema.json",
    "atom.xml",
    "sitemap.xml",
];

/// Every URL path a link may name with `@/`: the document it shows (`Document::path`)
/// for pilots and free pages, whose headings a `#fragment` is checked against, `None`
/// for generated pages. `pilots` maps pilot folders to URL paths, `pages` page files.
pub fn published<'a>(
    site: &Site,
    pilots: impl Iterator<Item = (&'a String, &'a String)>,
    pages: impl Iterator<Item = (&'a String, &'a String)>,
) -> HashMap<String, Option<String>> {
    let mut out: HashMap<String, Option<String>> = FIXED.iter().map(|p| (p.to_string(), None)).collect();
    let lists = [url::pilot_list_pages(site)].into_iter();
    let lists = lists.chain(site.province_ids().map(|id| url::province_pages(site, id)));
    let lists = lists.chain(site.field_ids().map(|id| url::field_pages(site, id)));
    let lists = lists.chain(site.indicator_ids().map(|id| url::indicator_pages(site, id)));
    out.extend(lists.flatten().map(|path| (path, None)));
    out.extend(pilots.map(|(dir, url)| (url.clone(), Some(format!("{dir}/index.md")))));
    out.extend(pages.map(|(path, url)| (url.clone(), Some(path.clone()))));
    out
}

/// The site path a link names, if it is a site-root link (`@/criteria/` → `criteria/`) or
/// an absolute URL under `base_url` (`https://host/ntm/criteria/` → `criteria/`), with
/// its `#fragment` and `?query` still attached.
pub fn site_path<'d>(dest: &'d str, base_url: &str) -> Option<&'d str> {
    if let Some(rest) = dest.strip_prefix("@/") {
        return Some(rest);
    }
    let without_scheme = |u: &'d str| u.strip_prefix("https://").or_else(|| u.strip_prefix("http://"));
    let base = base_url.strip_prefix("https://").or_else(|| base_url.strip_prefix("http://"))?;
    let (host, path) = base.split_once('/').unwrap_or((base, ""));
    let d = without_scheme(dest)?;
    let (d_host, d_path) = d.split_once(['/', '#', '?']).map(|(h, _)| (h, &d[h.len()..])).unwrap_or((d, ""));
    if !d_host.eq_ignore_ascii_case(host) || host.is_empty() {
        return None;
    }
    let d_path = d_path.strip_prefix('/').unwrap_or(d_path);
    match d_path.strip_prefix(path) {
        Some(rest) => Some(rest),
        // The base itself without its final slash (`https://host/ntm`).
        None if path.strip_suffix('/') == Some(d_path) => Some(""),
        None => None,
    }
}

/// A site path as published: a path without an extension names a page, whose URL ends
/// with `/` (`criteria` → `criteria/`); `index.html` names its folder's page.
pub fn normalize(path: &str) -> String {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    let last = path.rsplit('/').next().unwrap_or("");
    if path.is_empty() || path.ends_with('/') || last.contains('.') { path.to_string() } else { format!("{path}/") }
}

/// The content path whose coming or going changes what a site path resolves to (for
/// `Rendered::links_to`): a pilot's folder or a page's file.
pub fn content_path(path: &str) -> Option<String> {
    let trimmed = path.trim_end_matches('/');
    if let Some(rest) = trimmed.strip_prefix("pilots/")
        && rest.split('/').count() == 2
    {
        return Some(format!("content/pilots/{rest}"));
    }
    (!trimmed.is_empty() && !trimmed.contains(['/', '.'])).then(|| format!("content/pages/{trimmed}.md"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_come_from_the_root_prefix_and_the_sites_own_address() {
        let base = "https://example.gov.vn/ntm/";
        assert_eq!(site_path("@/provinces/nghe-an/", base), Some("provinces/nghe-an/"));
        assert_eq!(site_path("@/", base), Some(""));
        assert_eq!(site_path("https://example.gov.vn/ntm/criteria/#map", base), Some("criteria/#map"));
        assert_eq!(site_path("http://EXAMPLE.gov.vn/ntm/data/pilots.csv", base), Some("data/pilots.csv"));
        assert_eq!(site_path("https://example.gov.vn/ntm", base), Some(""));
        assert_eq!(site_path("https://example.gov.vn/khac/", base), None);
        assert_eq!(site_path("https://example.gov.vn.evil.test/ntm/", base), None);
        assert_eq!(site_path("https://other.vn/ntm/", base), None);
        assert_eq!(site_path("../../an-giang/", base), None);
        assert_eq!(site_path("https://example.gov.vn/", "https://example.gov.vn/"), Some(""));
    }

    #[test]
    fn paths_are_normalized_as_published() {
        assert_eq!(normalize("criteria"), "criteria/");
        assert_eq!(normalize("criteria/index.html"), "criteria/");
        assert_eq!(normalize("data/pilots.csv"), "data/pilots.csv");
        assert_eq!(normalize(""), "");
        assert_eq!(
            content_path("pilots/an-giang/thoai-giang/").as_deref(),
            Some("content/pilots/an-giang/thoai-giang")
        );
        assert_eq!(content_path("gioi-thieu/").as_deref(), Some("content/pages/gioi-thieu.md"));
        assert_eq!(content_path("provinces/nghe-an/"), None);
    }
}
