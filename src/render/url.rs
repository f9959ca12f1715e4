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
