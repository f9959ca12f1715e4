//! The site's registries: site.yaml, regions, provinces, fields and the indicator
//! catalog. A broken entry is reported and skipped; the rest of the list loads.

use std::collections::HashSet;
use std::path::Path;

use super::source::{REGISTRY_LIMIT, read_text};
use super::yaml::{self, Node};
use crate::diag::{self, Diagnostic, msg};
use crate::model::*;
use crate::slug::is_slug;

/// Reads and parses one registry file; `None` (with diagnostics) when it cannot be used.
fn read_yaml(root: &Path, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<Node> {
    if !root.join(rel).exists() {
        diags.push(
            Diagnostic::error("missing-file", crate::diag::Location::file(rel), msg!("missing-file", path = rel))
                .help(msg!("missing-registry-help")),
        );
        return None;
    }
    let text = read_text(root, rel, REGISTRY_LIMIT, diags)?;
    yaml::parse(&text, rel, 0).map_err(|d| diags.push(d)).ok()
}

fn read_list<'n>(node: &'n Node, rel: &str, diags: &mut Vec<Diagnostic>) -> &'n [Node] {
    node.as_seq(rel, diags).unwrap_or(&[])
}

/// A `{ vi, en }` mapping, or plain text taken as Vietnamese.
fn localized(node: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<Localized> {
    if let yaml::Kind::Str(_) = &node.kind {
        return node.as_name(rel, "name", diags).map(|vi| Localized { vi, en: String::new() });
    }
    let mut m = node.as_map(rel, diags)?;
    let vi = m.require("vi", msg!("want-vi"), diags).and_then(|n| n.as_name(rel, "vi", diags));
    let en = m.get("en").and_then(|n| n.as_filled_name(rel, "en", diags)).unwrap_or_default();
    m.finish(&["vi", "en"], diags);
    Some(Localized { vi: vi?, en })
}

/// A slug value, checked for form and uniqueness within its list.
fn slug_value(node: &Node, rel: &str, seen: &mut HashSet<String>, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let s = node.as_text(rel, diags)?;
    if !is_slug(&s) {
        diags.push(
            Diagnostic::error("invalid-slug", node.at(rel), msg!("invalid-slug", slug = &s))
                .help(msg!("invalid-slug-help", slug = crate::slug::slugify(&s))),
        );
        return None;
    }
    // A province, region or field slug names a published folder.
    if !crate::portable::check_name(&s, crate::portable::SLUG_MAX, node.at(rel), diags) {
        return None;
    }
    first_use(s, node, rel, seen, diags)
}

/// `id`, unless an earlier entry of the list has it already (`duplicate-id`).
fn first_use(
    id: String,
    node: &Node,
    rel: &str,
    seen: &mut HashSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    if !seen.insert(id.clone()) {
        diags.push(
            Diagnostic::error("duplicate-id", node.at(rel), msg!("duplicate-id", id = &id))
                .help(msg!("duplicate-id-help")),
        );
        return None;
    }
    Some(id)
}

pub fn load_config(root: &Path, diags: &mut Vec<Diagnostic>) -> SiteConfig {
    let rel = "content/site.yaml";
    let mut config = SiteConfig {
        title: "langso".into(),
        description: String::new(),
        base_url: "/".into(),
        language: Lang::Vi,
        theme: "default".into(),
        publish_original_photos: false,
    };
    let Some(node) = read_yaml(root, rel, diags) else { return config };
    let Some(mut m) = node.as_map(rel, diags) else { return config };
    if let Some(t) = m.require("title", msg!("want-site-title"), diags).and_then(|n| n.as_name(rel, "title", diags)) {
        config.title = t;
    }
    if let Some(d) = m.get("description").and_then(|n| n.as_text(rel, diags)) {
        config.description = d;
    }
    if let Some(n) = m.require("base_url", msg!("want-base-url"), diags)
        && let Some(u) = n.as_text(rel, diags)
    {
        if is_site_address(&u) {
            config.base_url = normalize_base_url(&u);
        } else {
            // It starts every link of the feeds, the sitemap and the share tags.
            diags.push(
                Diagnostic::error("invalid-url", n.at(rel), msg!("invalid-url", url = &u))
                    .help(msg!("invalid-url-help")),
            );
        }
    }
    if let Some(lang) = m
        .get("language")
        .and_then(|n| n.as_choice(rel, msg!("what-language"), &[("vi", Lang::Vi), ("en", Lang::En)], diags))
    {
        config.language = lang;
    }
    // The theme is a folder name under `themes/`: a slug, never a path (`../..`) out of the site root.
    if let Some(n) = m.get("theme")
        && let Some(t) = n.as_text(rel, diags)
    {
        if is_slug(&t) {
            if crate::portable::check_name(&t, crate::portable::SLUG_MAX, n.at(rel), diags) {
                config.theme = t;
            }
        } else {
            diags.push(
                Diagnostic::error("invalid-slug", n.at(rel), msg!("invalid-slug", slug = &t))
                    .help(msg!("invalid-slug-help", slug = crate::slug::slugify(&t))),
            );
        }
    }
    if let Some(b) = m.get("publish_original_photos").and_then(|n| n.as_bool(rel, diags)) {
        config.publish_original_photos = b;
    }
    m.finish(&["title", "description", "base_url", "language", "theme", "publish_original_photos"], diags);
    config
}

/// True for an address a site can be published at: `http://` or `https://` and a host, or a
/// path from the root (`/ntm/`); nothing a browser or feed reader would run (`javascript:`),
/// no protocol-relative `//host/` (the site's assets would load from that host), no `?query`
/// or `#fragment` (every page path is appended to it), nor characters that would need
/// escaping in a URL. Both site.yaml's `base_url` and `build --base-url` must pass it.
pub fn is_site_address(u: &str) -> bool {
    let u = u.trim();
    let lower = u.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    let well_formed = match rest {
        Some(rest) => !rest.is_empty() && !rest.starts_with(['/', ':']),
        None => u.starts_with('/') && !u.starts_with("//"),
    };
    well_formed && !u.chars().any(|c| c.is_whitespace() || c.is_control() || "\"'<>`\\?#".contains(c))
}

/// Ensures a trailing `/`, so that page paths can be appended.
pub fn normalize_base_url(u: &str) -> String {
    let u = u.trim();
    if u.ends_with('/') { u.to_string() } else { format!("{u}/") }
}

pub fn load_regions(root: &Path, diags: &mut Vec<Diagnostic>) -> Option<Vec<Region>> {
    let rel = "content/regions.yaml";
    let node = read_yaml(root, rel, diags)?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for item in read_list(&node, rel, diags) {
        let Some(mut m) = item.as_map(rel, diags) else { continue };
        let slug = m.require("slug", msg!("want-slug"), diags).and_then(|n| slug_value(n, rel, &mut seen, diags));
        let name = m.require("name", msg!("want-localized-name"), diags).and_then(|n| localized(n, rel, diags));
        m.get("description");
        m.finish(&["slug", "name", "description"], diags);
        if let (Some(slug), Some(name)) = (slug, name) {
            out.push(Region { slug, name });
        }
    }
    Some(out)
}

pub fn load_provinces(root: &Path, regions: Option<&[Region]>, diags: &mut Vec<Diagnostic>) -> Option<Vec<Province>> {
    let rel = "content/provinces.yaml";
    let node = read_yaml(root, rel, diags)?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for item in read_list(&node, rel, diags) {
        let Some(mut m) = item.as_map(rel, diags) else { continue };
        let slug = m.require("slug", msg!("want-slug"), diags).and_then(|n| slug_value(n, rel, &mut seen, diags));
        let name = m.require("name", msg!("want-name"), diags).and_then(|n| n.as_name(rel, "name", diags));
        let kinds = [("province", ProvinceKind::Province), ("city", ProvinceKind::City)];
        let kind = match m.get("kind") {
            None => Some(ProvinceKind::Province),
            Some(n) => n.as_choice(rel, msg!("what-kind"), &kinds, diags),
        };
        let region = m.get("region").and_then(|n| resolve_region(n, rel, regions, diags));
        let mut former = Vec::new();
        let mut former_seen = HashSet::new();
        if let Some(list) = m.get("former").and_then(|n| n.as_seq(rel, diags)) {
            for f in list {
                let Some(mut fm) = f.as_map(rel, diags) else { continue };
                let fslug = fm.require("slug", msg!("want-slug"), diags);
                let fslug = fslug.and_then(|n| slug_value(n, rel, &mut former_seen, diags));
                let fname = fm.require("name", msg!("want-name"), diags).and_then(|n| n.as_name(rel, "name", diags));
                fm.finish(&["slug", "name"], diags);
                if let (Some(slug), Some(name)) = (fslug, fname) {
                    former.push(FormerUnit { slug, name });
                }
            }
        }
        m.finish(&["slug", "name", "kind", "region", "former"], diags);
        if let (Some(slug), Some(name), Some(kind)) = (slug, name, kind) {
            out.push(Province { slug, name, kind, region, former });
        }
    }
    Some(out)
}

fn resolve_region(node: &Node, rel: &str, regions: Option<&[Region]>, diags: &mut Vec<Diagnostic>) -> Option<RegionId> {
    let s = node.as_text(rel, diags)?;
    let regions = regions?;
    match regions.iter().position(|r| r.slug == s) {
        Some(i) => Some(RegionId::at(i)),
        None => {
            let known: Vec<&str> = regions.iter().map(|r| r.slug.as_str()).collect();
            diags.push(diag::unknown(
                "unknown-region",
                node.at(rel),
                msg!("what-region"),
                &s,
                &known,
                msg!("listed-regions"),
            ));
            None
        }
    }
}

pub fn load_fields(root: &Path, diags: &mut Vec<Diagnostic>) -> Option<Vec<Field>> {
    let rel = "content/fields.yaml";
    let node = read_yaml(root, rel, diags)?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for item in read_list(&node, rel, diags) {
        let Some(mut m) = item.as_map(rel, diags) else { continue };
        let slug = m.require("slug", msg!("want-slug"), diags).and_then(|n| slug_value(n, rel, &mut seen, diags));
        let name = m.require("name", msg!("want-localized-name"), diags).and_then(|n| localized(n, rel, diags));
        let description = m.get("description").and_then(|n| n.as_text(rel, diags)).unwrap_or_default();
        m.finish(&["slug", "name", "description"], diags);
        if let (Some(slug), Some(name)) = (slug, name) {
            out.push(Field { slug, name, description });
        }
    }
    Some(out)
}

pub fn load_indicators(root: &Path, diags: &mut Vec<Diagnostic>) -> Option<Vec<Indicator>> {
    let rel = "content/indicators.yaml";
    let node = read_yaml(root, rel, diags)?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for item in read_list(&node, rel, diags) {
        if let Some(ind) = indicator(item, rel, &mut seen, diags) {
            out.push(ind);
        }
    }
    Some(out)
}

fn indicator(item: &Node, rel: &str, seen: &mut HashSet<String>, diags: &mut Vec<Diagnostic>) -> Option<Indicator> {
    let mut m = item.as_map(rel, diags)?;
    let id = m.require("id", msg!("want-indicator-id"), diags).and_then(|n| {
        let id = n.as_text(rel, diags)?;
        let ok = !id.is_empty()
            && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            && id.as_bytes()[0].is_ascii_lowercase();
        if !ok {
            diags.push(
                Diagnostic::error("invalid-slug", n.at(rel), msg!("invalid-id", id = &id))
                    .help(msg!("invalid-id-help")),
            );
            return None;
        }
        first_use(id, n, rel, seen, diags)
    });
    let groups: Vec<(&str, Group)> = Group::ALL.iter().map(|g| (g.slug(), *g)).collect();
    let group = m
        .require("group", msg!("want-group"), diags)
        .and_then(|n| n.as_choice(rel, msg!("what-group"), &groups, diags));
    let name = m.require("name", msg!("want-localized-name"), diags).and_then(|n| localized(n, rel, diags));
    let units: Vec<(&str, Unit)> = Unit::ALL.iter().map(|u| (u.name(), *u)).collect();
    let unit =
        m.require("unit", msg!("want-unit"), diags).and_then(|n| n.as_choice(rel, msg!("what-unit"), &units, diags));
    let better = match m.get("better") {
        None => Some(Better::Higher),
        Some(n) => {
            n.as_choice(rel, msg!("what-direction"), &[("higher", Better::Higher), ("lower", Better::Lower)], diags)
        }
    };
    let min = m.get("min").and_then(|n| n.as_f64(rel, diags));
    let max = m.get("max").and_then(|n| n.as_f64(rel, diags));
    let mut target_at = None;
    let target = m.get("target").and_then(|n| {
        let mut t = n.as_map(rel, diags)?;
        let value = t.require("value", msg!("want-value"), diags).and_then(|v| {
            target_at = Some(v);
            match v.kind {
                yaml::Kind::Bool(b) => Some(Value::Bool(b)),
                _ => v.as_f64(rel, diags).map(Value::Number),
            }
        });
        let year = t.get("year").and_then(|y| y.as_i64(rel, diags)).map(|y| y as i32);
        let source = t.get("source").and_then(|s| s.as_filled_text(rel, "source", diags));
        let wording = t.get("wording").and_then(|w| localized(w, rel, diags));
        let communes_share = t.get("communes_share").and_then(|s| {
            let share = s.as_f64(rel, diags)?;
            if (0.0..=100.0).contains(&share) {
                return Some(share);
            }
            diags.push(
                Diagnostic::error(
                    "out-of-range",
                    s.at(rel),
                    msg!("value-out-of-range", value = share, id = "communes_share"),
                )
                .help(msg!(
                    "value-out-of-range-help",
                    range = msg!("range-between", min = 0.0, max = 100.0),
                    unit = msg!("unit-percent")
                )),
            );
            None
        });
        t.finish(&["value", "year", "source", "wording", "communes_share"], diags);
        Some(Target { value: value?, year, source, wording, communes_share })
    });
    let typical = m.get("typical").and_then(|n| read_typical(n, rel, diags));
    let description = m.get("description").and_then(|n| n.as_text(rel, diags)).unwrap_or_default();
    m.finish(&["id", "group", "name", "unit", "better", "min", "max", "target", "typical", "description"], diags);
    let (id, group, name, unit, better) = (id?, group?, name?, unit?, better?);
    let mut ind = Indicator { id, group, name, unit, better, min, max, target, typical, description };
    // A target is drawn on every chart of its indicator: it must be a value the indicator may take.
    if let (Some(Target { value: Value::Number(v), .. }), Some(at)) = (&ind.target, target_at)
        && !super::pilot::within_limits(&ind, *v, at.at(rel), diags)
    {
        ind.target = None;
    }
    Some(ind)
}

/// `typical: { min, max }`, both required, `min` not above `max`.
fn read_typical(n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<(f64, f64)> {
    let mut m = n.as_map(rel, diags)?;
    let min = m.require("min", msg!("want-typical-min"), diags).and_then(|v| v.as_f64(rel, diags));
    let max = m.require("max", msg!("want-typical-max"), diags).and_then(|v| v.as_f64(rel, diags));
    m.finish(&["min", "max"], diags);
    let (min, max) = (min?, max?);
    if min > max {
        diags.push(
            Diagnostic::error("out-of-range", n.at(rel), msg!("typical-reversed", min = min, max = max))
                .help(msg!("typical-reversed-help")),
        );
        return None;
    }
    Some((min, max))
}

#[cfg(test)]
mod tests {
    use super::is_site_address;

    #[test]
    fn site_addresses_are_web_addresses_or_paths() {
        for ok in ["https://example.gov.vn/ntm/", "http://localhost:1111", "/ntm/", "/", " HTTPS://A.VN/ "] {
            assert!(is_site_address(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)//x/",
            "data:text/html,x",
            "//evil.test/",
            "https://",
            "ntm/",
            "https://a.vn/\"x",
            "https://a .vn/",
            "https:///x",
            "https://a.vn/ntm/?utm=1",
            "https://a.vn/ntm/#top",
            "/ntm/?x",
            "//evil.test/ntm/",
            "\\\\evil.test/",
        ] {
            assert!(!is_site_address(bad), "{bad}");
        }
    }
}
