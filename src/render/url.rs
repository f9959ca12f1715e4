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

/// Rows of a page of /pilots/: about 250 KB at 10,000 pilots.
pub const PILOT_ROWS: usize = 500;

/// Pilots a page of a province or a field shows as cards: about 125 KB at 600 bytes a card.
/// A field of 10,000 generated pilots has about 2,000 of them: 10 pages.
pub const CARDS: usize = 200;

/// Every page of a list of `rows` rows at `base`, `per_page` a page, its own URL first.
pub fn pages(base: &str, rows: usize, per_page: usize) -> Vec<String> {
    (1..=page_count(rows, per_page)).map(|n| paged(base, n)).collect()
}

/// Every page of an indicator, its own URL first.
pub fn indicator_pages(site: &Site, id: IndicatorId) -> Vec<String> {
    let rows = site.pilots.iter().filter(|p| p.metric(id).is_some()).count();
    pages(&indicator(&site.indicator(id).id), rows, INDICATOR_ROWS)
}

/// Every page of /pilots/.
pub fn pilot_list_pages(site: &Site) -> Vec<String> {
    pages("pilots/", site.pilots.len(), PILOT_ROWS)
}

/// Every page of a province.
pub fn province_pages(site: &Site, id: ProvinceId) -> Vec<String> {
    pages(&province(&site.province(id).slug), site.pilots_in(id).count(), CARDS)
}

/// Every page of a field.
pub fn field_pages(site: &Site, id: FieldId) -> Vec<String> {
    pages(&field(&site.field(id).slug), site.pilots_of_field(id).count(), CARDS)
}
