//! URL paths of the site's pages, relative to the base path, in one place. Its own module
//! (it was inside `views`) because every output names pages: views, feeds, downloads,
//! the search index, share cards and the links Markdown may write (`site_links`), and
//! views itself uses the Markdown renderer, which checks links against these paths.

use crate::model::*;

pub fn pilot(site: &Site, p: &Pilot) -> String {
    pilot_at(&site.province(p.province).slug, &p.slug)
}
pub fn pilot_at(province: &str, commune: &str) -> String {
    format!("pilots/{province}/{commune}/")
}
pub fn province(slug: &str) -> String {
    format!("provinces/{slug}/")
}
pub fn field(slug: &str) -> String {
    format!("fields/{slug}/")
}
pub fn indicator(id: &str) -> String {
    format!("indicators/{id}/")
}
pub fn page(slug: &str) -> String {
    format!("{slug}/")
}

/// Page `n` (from 1) of a list published at `base`: the list's own URL for the first,
/// `<base>page/<n>/` after it, as Hugo and Zola publish theirs.
pub fn paged(base: &str, n: usize) -> String {
    if n <= 1 { base.to_string() } else { format!("{base}page/{n}/") }
}

/// How many pages `rows` rows take, `per_page` a page: at least one.
pub fn page_count(rows: usize, per_page: usize) -> usize {
    rows.div_ceil(per_page.max(1)).max(1)
}

/// Pilots an indicator page lists: 500 rows are about 130 KB of HTML, so with its summary
/// a page stays far below 500 KB at 10,000 pilots, and 17 indicators then publish 272 more
/// pages, not thousands.
pub const INDICATOR_ROWS: usize = 500;

/// Every page of an indicator, its own URL first.
pub fn indicator_pages(site: &Site, id: IndicatorId) -> Vec<String> {
    let rows = site.pilots.iter().filter(|p| p.metric(id).is_some()).count();
    let base = indicator(&site.indicator(id).id);
    (1..=page_count(rows, INDICATOR_ROWS)).map(|n| paged(&base, n)).collect()
}
