//! One pilot folder (`content/pilots/<province>/<commune>/`): its case study's front
//! matter and its metrics.yaml, checked against the registries as they are read.

use std::path::Path;

use super::Registries;
use super::source::{INDEX_MD_LIMIT, METRICS_LIMIT, read_text, split_front_matter};
use super::yaml::{self, Node};
use crate::diag::{self, Diagnostic, Location, Msg, did_you_mean, msg};
use crate::model::*;

const METRICS_KEYS: &[&str] = &[
    "commune",
    "province",
    "former_province",
    "former_district",
    "fields",
    "period",
    "status",
    "population",
    "households",
    "area_ha",
    "budget_million_vnd",
    "sample",
    "indicators",
    "baseline",
    "proposals",
];
const FRONT_MATTER_KEYS: &[&str] = &["title", "summary", "summary_en", "date", "updated", "authors"];

/// The parts of a pilot's front matter.
struct CaseStudy {
    title: String,
    summary: String,
    summary_en: Option<String>,
    date: Date,
    updated: Option<Date>,
    authors: Vec<String>,
    doc: Document,
}

/// A loaded pilot, and the line and column of its `commune:` value (for `duplicate-pilot`).
pub type LoadedPilot = (Pilot, (usize, usize));

pub fn load_pilot(
    root: &Path,
    province: ProvinceId,
    province_slug: &str,
    commune_slug: &str,
    reg: &Registries,
    diags: &mut Vec<Diagnostic>,
) -> Option<LoadedPilot> {
    let dir = format!("content/pilots/{province_slug}/{commune_slug}");
    let index_rel = format!("{dir}/index.md");
    let metrics_rel = format!("{dir}/metrics.yaml");
    let mut missing = false;
    for (rel, help) in [(&index_rel, "missing-index-help"), (&metrics_rel, "missing-metrics-help")] {
        if !root.join(rel).is_file() {
            missing = true;
            diags.push(
                Diagnostic::error("missing-file", Location::file(&dir), msg!("missing-file", path = rel.as_str()))
                    .help(Msg::new(help)),
            );
        }
    }
    if missing {
        return None;
    }
    let case_study = load_case_study(root, &index_rel, &dir, diags);
    let metrics_text = read_text(root, &metrics_rel, METRICS_LIMIT, diags)?;
    let node = yaml::parse(&metrics_text, &metrics_rel, 0).map_err(|d| diags.push(d)).ok()?;
    let rel = metrics_rel.as_str();
    let mut m = node.as_map(rel, diags)?;

    let commune_node = m.require("commune", msg!("want-commune"), diags);
    let commune_at = commune_node.map(|n| (n.line, n.column)).unwrap_or((1, 1));
    let commune = commune_node.and_then(|n| n.as_text(rel, diags));
    if let Some(name) = &commune {
        let expected = crate::slug::commune_slug(name);
        if expected != commune_slug {
            let at = m.get("commune").map(|n| n.at(rel)).unwrap_or(Location::file(rel));
            diags.push(
                Diagnostic::warning(
                    "commune-folder-mismatch",
                    at,
                    msg!("commune-folder-mismatch", name = name, expected = &expected, folder = commune_slug),
                )
                .help(msg!("commune-folder-mismatch-help", expected = &expected)),
            );
        }
    }
    if let Some(n) = m.require("province", msg!("want-province"), diags)
        && let Some(p) = n.as_text(rel, diags)
        && p != province_slug
    {
        diags.push(
            Diagnostic::error(
                "province-mismatch",
                n.at(rel),
                msg!("province-mismatch", written = &p, folder = province_slug),
            )
            .help(msg!("province-mismatch-help", written = &p, folder = province_slug)),
        );
    }
    let prov = reg.provinces.map(|ps| &ps[province.0 as usize]);
    let former_province = m.get("former_province").and_then(|n| {
        let s = n.as_text(rel, diags)?;
        let prov = prov?;
        if prov.former_name(&s).is_none() && s != prov.slug {
            let mut known: Vec<&str> = prov.former.iter().map(|f| f.slug.as_str()).collect();
            if known.is_empty() {
                known.push(&prov.slug);
            }
            diags.push(
                Diagnostic::error("former-province", n.at(rel), msg!("former-province", wrong = &s, name = &prov.name))
                    .help(did_you_mean(&s, &known, msg!("former-units"))),
            );
            return None;
        }
        Some(s)
    });
    let former_district = m.get("former_district").and_then(|n| n.as_text(rel, diags));
    let fields = m.require("fields", msg!("want-fields"), diags);
    let fields = fields.map(|n| resolve_fields(n, rel, reg, diags)).unwrap_or_default();
    let period = m.require("period", msg!("want-period"), diags).and_then(|n| read_period(n, rel, diags));
    let statuses: Vec<(&str, Status)> = Status::ALL.iter().map(|s| (s.name(), *s)).collect();
    let status = m
        .require("status", msg!("want-status"), diags)
        .and_then(|n| n.as_choice(rel, msg!("what-status"), &statuses, diags));
    let population = m.get("population").and_then(|n| n.as_count(rel, diags));
    let households = m.get("households").and_then(|n| n.as_count(rel, diags));
    let area_ha = m.get("area_ha").and_then(|n| non_negative(n, rel, diags));
    let budget = m.get("budget_million_vnd").and_then(|n| read_budget(n, rel, diags));
    let sample = m.get("sample").and_then(|n| n.as_bool(rel, diags)).unwrap_or(false);
    // `indicators:` written with nothing under it (as `langso new pilot` leaves it) is no values yet.
    let metrics = match m.get("indicators") {
        Some(n) => read_metrics(n, rel, reg, Some(period), !sample, diags),
        None if m.has("indicators") => Vec::new(),
        None => {
            m.require("indicators", msg!("want-indicators"), diags);
            Vec::new()
        }
    };
    let baseline = m.get("baseline").map(|n| read_metrics(n, rel, reg, None, false, diags)).unwrap_or_default();
    let proposals = m.get("proposals").map(|n| read_proposals(n, rel, reg, diags)).unwrap_or_default();
    m.finish(METRICS_KEYS, diags);

    let cs = case_study?;
    let pilot = Pilot {
        province,
        slug: commune_slug.to_string(),
        commune: commune?,
        title: cs.title,
        summary: cs.summary,
        summary_en: cs.summary_en,
        date: cs.date,
        updated: cs.updated,
        authors: cs.authors,
        former_province,
        former_district,
        fields,
        period: period?,
        status: status?,
        population,
        households,
        area_ha,
        budget,
        sample,
        metrics,
        baseline,
        proposals,
        doc: cs.doc,
    };
    Some((pilot, commune_at))
}

fn load_case_study(root: &Path, rel: &str, dir: &str, diags: &mut Vec<Diagnostic>) -> Option<CaseStudy> {
    let text = read_text(root, rel, INDEX_MD_LIMIT, diags)?;
    let fm = split_front_matter(&text, rel).map_err(|d| diags.push(d)).ok()?;
    let node = yaml::parse(fm.yaml, rel, fm.yaml_line_offset).map_err(|d| diags.push(d)).ok()?;
    let mut m = node.as_map(rel, diags)?;
    let title = m.require("title", msg!("want-title"), diags).and_then(|n| n.as_text(rel, diags));
    let summary = m.require("summary", msg!("want-summary"), diags).and_then(|n| n.as_text(rel, diags));
    let summary_en = m.get("summary_en").and_then(|n| n.as_text(rel, diags)).filter(|s| !s.trim().is_empty());
    let date = m.require("date", msg!("want-date"), diags).and_then(|n| read_date(n, rel, diags));
    let updated = m.get("updated").and_then(|n| read_date(n, rel, diags));
    let authors = m
        .get("authors")
        .and_then(|n| n.as_str_list(rel, diags))
        .map(|v| v.into_iter().map(|(s, _)| s).collect())
        .unwrap_or_default();
    m.finish(FRONT_MATTER_KEYS, diags);
    let doc = Document {
        path: rel.to_string(),
        dir: dir.to_string(),
        markdown: fm.body.to_string(),
        line_offset: fm.body_line_offset,
    };
    Some(CaseStudy { title: title?, summary: summary?, summary_en, date: date?, updated, authors, doc })
}

pub fn read_date(n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<Date> {
    let s = n.as_text(rel, diags)?;
    let d = Date::parse(s.trim());
    if d.is_none() {
        diags.push(
            Diagnostic::error("invalid-date", n.at(rel), msg!("invalid-date", text = &s))
                .help(msg!("invalid-date-help")),
        );
    }
    d
}

/// An amount (hectares, millions of đồng): not negative, at most `AMOUNT_LIMIT`.
fn non_negative(n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<f64> {
    let v = n.as_f64(rel, diags)?;
    if v < 0.0 {
        diags.push(
            Diagnostic::error("out-of-range", n.at(rel), msg!("negative", value = v)).help(msg!("negative-help")),
        );
        return None;
    }
    if v > AMOUNT_LIMIT {
        diags.push(
            Diagnostic::error("out-of-range", n.at(rel), msg!("amount-too-large", value = v, max = AMOUNT_LIMIT))
                .help(msg!("amount-too-large-help")),
        );
        return None;
    }
    Some(v)
}

fn resolve_fields(n: &Node, rel: &str, reg: &Registries, diags: &mut Vec<Diagnostic>) -> Vec<FieldId> {
    let mut out = Vec::new();
    let list = n.as_str_list(rel, diags).unwrap_or_default();
    if list.is_empty() && matches!(n.kind, yaml::Kind::Seq(_)) {
        diags.push(Diagnostic::error("missing-key", n.at(rel), msg!("empty-fields")).help(msg!("empty-fields-help")));
    }
    let Some(fields) = reg.fields else { return out };
    for (s, node) in list {
        match fields.iter().position(|f| f.slug == s) {
            Some(i) if out.contains(&FieldId(i as u16)) => {}
            Some(i) => out.push(FieldId(i as u16)),
            None => {
                let known: Vec<&str> = fields.iter().map(|f| f.slug.as_str()).collect();
                diags.push(diag::unknown(
                    "unknown-field",
                    node.at(rel),
                    msg!("what-field"),
                    &s,
                    &known,
                    msg!("listed-fields"),
                ));
            }
        }
    }
    out
}

fn read_period(n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<(i32, i32)> {
    let mut m = n.as_map(rel, diags)?;
    let start = m.require("start", msg!("want-start"), diags).and_then(|n| read_year(n, rel, diags));
    let end = m.require("end", msg!("want-end"), diags).and_then(|n| read_year(n, rel, diags));
    m.finish(&["start", "end"], diags);
    let (start, end) = (start?, end?);
    if end < start {
        diags.push(
            Diagnostic::error("out-of-range", n.at(rel), msg!("period-reversed", start = start, end = end))
                .help(msg!("period-reversed-help")),
        );
        return None;
    }
    Some((start, end))
}

fn read_year(n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<i32> {
    let y = n.as_i64(rel, diags)?;
    if !(2000..=2100).contains(&y) {
        diags.push(
            Diagnostic::error("out-of-range", n.at(rel), msg!("implausible-year", year = y))
                .help(msg!("implausible-year-help")),
        );
        return None;
    }
    Some(y as i32)
}

fn read_budget(n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<Budget> {
    let mut m = n.as_map(rel, diags)?;
    let mut get = |k: &str| m.get(k).and_then(|n| non_negative(n, rel, diags));
    let b = Budget { total: get("total"), central: get("central"), local: get("local"), other: get("other") };
    m.finish(&["total", "central", "local", "other"], diags);
    Some(b)
}

fn find_indicator<'r>(
    id: &str,
    at: Location<'_>,
    reg: &'r Registries,
    diags: &mut Vec<Diagnostic>,
) -> Option<(IndicatorId, &'r Indicator)> {
    let inds = reg.indicators?;
    match inds.iter().position(|i| i.id == id) {
        Some(i) => Some((IndicatorId(i as u16), &inds[i])),
        None => {
            let known: Vec<&str> = inds.iter().map(|i| i.id.as_str()).collect();
            diags.push(diag::unknown(
                "unknown-indicator",
                at,
                msg!("what-indicator"),
                id,
                &known,
                msg!("listed-indicators"),
            ));
            None
        }
    }
}

/// A value of indicator `ind`: a boolean for boolean indicators, else a number within bounds.
fn read_value(ind: &Indicator, n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<Value> {
    if ind.unit == Unit::Boolean {
        return n.as_bool(rel, diags).map(Value::Bool);
    }
    let v = n.as_f64(rel, diags)?;
    if ind.unit == Unit::Count && v.fract() != 0.0 {
        diags.push(
            Diagnostic::error("wrong-type", n.at(rel), msg!("count-not-whole", id = &ind.id, value = v))
                .help(msg!("wrong-type-help", expected = msg!("type-whole"))),
        );
        return None;
    }
    within_limits(ind, v, n.at(rel), diags).then_some(Value::Number(v))
}

/// Whether number `v` lies within the limits of `ind` (`Indicator::limits`); reports
/// `out-of-range` at `at` if not.
pub(crate) fn within_limits(ind: &Indicator, v: f64, at: Location<'_>, diags: &mut Vec<Diagnostic>) -> bool {
    let (min, max) = ind.limits();
    if (min..=max).contains(&v) {
        return true;
    }
    let range = msg!("range-between", min = min, max = max);
    diags.push(Diagnostic::error("out-of-range", at, msg!("value-out-of-range", value = v, id = &ind.id)).help(msg!(
        "value-out-of-range-help",
        range = range,
        unit = ind.unit.name()
    )));
    false
}

/// The values of `indicators:` or `baseline:`. For `indicators:`, `period` is given (the
/// pilot's period, if it loaded) and years outside it are warned about; `warn_unsourced`
/// asks for a year and a source on every value (not for sample pilots, whose unsourced
/// values the site marks as illustrative).
fn read_metrics(
    n: &Node,
    rel: &str,
    reg: &Registries,
    period: Option<Option<(i32, i32)>>,
    warn_unsourced: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Metric> {
    let Some(mut m) = n.as_map(rel, diags) else { return Vec::new() };
    let mut out = Vec::new();
    for (key, node) in m.entries() {
        let at = Location::new(rel, key.line, key.column);
        let Some((id, ind)) = find_indicator(&key.name, at, reg, diags) else { continue };
        if let Some(metric) = read_metric(id, ind, node, rel, diags) {
            if warn_unsourced && (metric.year.is_none() || metric.source.is_none()) {
                let missing = match (metric.year, &metric.source) {
                    (None, None) => "what-year-source",
                    (None, Some(_)) => "what-year",
                    _ => "what-source",
                };
                diags.push(
                    Diagnostic::warning(
                        "value-without-source",
                        at,
                        msg!("value-without-source", id = &ind.id, missing = Msg::new(missing)),
                    )
                    .help(msg!("value-without-source-help")),
                );
            }
            if let (Some(y), Some(Some((start, end)))) = (metric.year, period)
                && (y < start || y > end)
            {
                let year_at = match &node.kind {
                    yaml::Kind::Map(entries) => entries.iter().find(|(k, _)| k.name == "year").map(|(_, n)| n.at(rel)),
                    _ => None,
                };
                diags.push(
                    Diagnostic::warning(
                        "year-outside-period",
                        year_at.unwrap_or(node.at(rel)),
                        msg!("year-outside-period", id = &ind.id, year = y, start = start, end = end),
                    )
                    .help(msg!("year-outside-period-help")),
                );
            }
            out.push(metric);
        }
    }
    out.sort_by_key(|m| m.indicator);
    out
}

fn read_metric(id: IndicatorId, ind: &Indicator, n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<Metric> {
    if !matches!(n.kind, yaml::Kind::Map(_)) {
        let value = read_value(ind, n, rel, diags)?;
        return Some(Metric { indicator: id, value, year: None, source: None, note: None });
    }
    let mut m = n.as_map(rel, diags)?;
    let value = m.require("value", msg!("want-value"), diags).and_then(|v| read_value(ind, v, rel, diags));
    let year = m.get("year").and_then(|y| read_year(y, rel, diags));
    let source = m.get("source").and_then(|s| s.as_text(rel, diags));
    let note = m.get("note").and_then(|s| s.as_text(rel, diags));
    m.finish(&["value", "year", "source", "note"], diags);
    Some(Metric { indicator: id, value: value?, year, source, note })
}

fn read_proposals(n: &Node, rel: &str, reg: &Registries, diags: &mut Vec<Diagnostic>) -> Vec<Proposal> {
    let mut out = Vec::new();
    for item in n.as_seq(rel, diags).unwrap_or(&[]) {
        let Some(mut m) = item.as_map(rel, diags) else { continue };
        let ind = m.require("indicator", msg!("want-indicator"), diags).and_then(|i| {
            let id = i.as_text(rel, diags)?;
            find_indicator(&id, i.at(rel), reg, diags)
        });
        let threshold = m.require("threshold", msg!("want-threshold"), diags);
        let threshold = match (ind, threshold) {
            (Some((_, ind)), Some(t)) => read_value(ind, t, rel, diags),
            _ => None,
        };
        let note = m.get("note").and_then(|s| s.as_text(rel, diags));
        m.finish(&["indicator", "threshold", "note"], diags);
        if let (Some((id, _)), Some(threshold)) = (ind, threshold) {
            out.push(Proposal { indicator: id, threshold, note });
        }
    }
    out
}
