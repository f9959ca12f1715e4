//! One pilot folder (`content/pilots/<province>/<commune>/`): its case study's front
//! matter and its metrics.yaml, checked against the registries as they are read.

use std::path::Path;

use super::Registries;
use super::source::{INDEX_MD_LIMIT, METRICS_LIMIT, read_text, split_front_matter};
use super::yaml::{self, Node};
use crate::diag::{self, Diagnostic, Location, did_you_mean};
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
const FRONT_MATTER_KEYS: &[&str] = &["title", "summary", "date", "updated", "authors"];

/// The parts of a pilot's front matter.
struct CaseStudy {
    title: String,
    summary: String,
    date: Date,
    updated: Option<Date>,
    authors: Vec<String>,
    doc: Document,
}

pub fn load_pilot(
    root: &Path,
    province: ProvinceId,
    province_slug: &str,
    commune_slug: &str,
    reg: &Registries,
    diags: &mut Vec<Diagnostic>,
) -> Option<Pilot> {
    let dir = format!("content/pilots/{province_slug}/{commune_slug}");
    let index_rel = format!("{dir}/index.md");
    let metrics_rel = format!("{dir}/metrics.yaml");
    let mut missing = false;
    for (rel, what) in [(&index_rel, "the case study"), (&metrics_rel, "the pilot's data")] {
        if !root.join(rel).is_file() {
            missing = true;
            diags.push(
                Diagnostic::error("missing-file", Location::file(&dir), format!("`{rel}` is missing"))
                    .help(format!("every pilot folder needs {what}; `langso new pilot` creates both files")),
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

    let commune = m.require("commune", "the commune's name, e.g. \"Xã Giao Phong\"", diags);
    let commune = commune.and_then(|n| n.as_text(rel, diags));
    if let Some(name) = &commune {
        let expected = crate::slug::commune_slug(name);
        if expected != commune_slug {
            let at = m.get("commune").map(|n| n.at(rel)).unwrap_or(Location::file(rel));
            diags.push(
                Diagnostic::warning(
                    "commune-folder-mismatch",
                    at,
                    format!("the commune `{name}` would have the folder `{expected}`, but it is in `{commune_slug}`"),
                )
                .help(format!("rename the folder to `{expected}` or correct the commune's name")),
            );
        }
    }
    if let Some(n) = m.require("province", "the province slug of the folder", diags)
        && let Some(p) = n.as_text(rel, diags)
        && p != province_slug
    {
        diags.push(
            Diagnostic::error(
                "province-mismatch",
                n.at(rel),
                format!("`province: {p}` differs from the folder's province `{province_slug}`"),
            )
            .help(format!("write `province: {province_slug}` or move the pilot folder under `content/pilots/{p}/`")),
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
                Diagnostic::error(
                    "former-province",
                    n.at(rel),
                    format!("`{s}` is not one of the units {} was formed from", prov.name),
                )
                .help(did_you_mean(&s, &known, "former units")),
            );
            return None;
        }
        Some(s)
    });
    let former_district = m.get("former_district").and_then(|n| n.as_text(rel, diags));
    let fields = m.require("fields", "a list of field slugs, e.g. `[du-lich-nong-thon]`", diags);
    let fields = fields.map(|n| resolve_fields(n, rel, reg, diags)).unwrap_or_default();
    let period = m.require("period", "`{ start: 2023, end: 2025 }`", diags).and_then(|n| read_period(n, rel, diags));
    let statuses: Vec<(&str, Status)> = Status::ALL.iter().map(|s| (s.name(), *s)).collect();
    let status = m
        .require("status", "planned, ongoing, completed or recognized", diags)
        .and_then(|n| n.as_choice(rel, "status", &statuses, diags));
    let population = m.get("population").and_then(|n| n.as_count(rel, diags));
    let households = m.get("households").and_then(|n| n.as_count(rel, diags));
    let area_ha = m.get("area_ha").and_then(|n| non_negative(n, rel, diags));
    let budget = m.get("budget_million_vnd").and_then(|n| read_budget(n, rel, diags));
    let sample = m.get("sample").and_then(|n| n.as_bool(rel, diags)).unwrap_or(false);
    let metrics = m
        .require("indicators", "a mapping of indicator ids to values", diags)
        .map(|n| read_metrics(n, rel, reg, period, true, diags))
        .unwrap_or_default();
    let baseline = m.get("baseline").map(|n| read_metrics(n, rel, reg, period, false, diags)).unwrap_or_default();
    let proposals = m.get("proposals").map(|n| read_proposals(n, rel, reg, diags)).unwrap_or_default();
    m.finish(METRICS_KEYS, diags);

    let cs = case_study?;
    Some(Pilot {
        province,
        slug: commune_slug.to_string(),
        commune: commune?,
        title: cs.title,
        summary: cs.summary,
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
    })
}

fn load_case_study(root: &Path, rel: &str, dir: &str, diags: &mut Vec<Diagnostic>) -> Option<CaseStudy> {
    let text = read_text(root, rel, INDEX_MD_LIMIT, diags)?;
    let fm = split_front_matter(&text, rel).map_err(|d| diags.push(d)).ok()?;
    let node = yaml::parse(fm.yaml, rel, fm.yaml_line_offset).map_err(|d| diags.push(d)).ok()?;
    let mut m = node.as_map(rel, diags)?;
    let title = m.require("title", "the case study's title", diags).and_then(|n| n.as_text(rel, diags));
    let summary =
        m.require("summary", "one or two sentences shown in lists", diags).and_then(|n| n.as_text(rel, diags));
    let date =
        m.require("date", "the date first submitted, `YYYY-MM-DD`", diags).and_then(|n| read_date(n, rel, diags));
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
    Some(CaseStudy { title: title?, summary: summary?, date: date?, updated, authors, doc })
}

pub fn read_date(n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<Date> {
    let s = n.as_text(rel, diags)?;
    let d = Date::parse(s.trim());
    if d.is_none() {
        diags.push(
            Diagnostic::error("invalid-date", n.at(rel), format!("`{s}` is not a date"))
                .help("write the date as YYYY-MM-DD, for example 2025-11-02"),
        );
    }
    d
}

fn non_negative(n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<f64> {
    let v = n.as_f64(rel, diags)?;
    if v < 0.0 {
        diags.push(Diagnostic::error("out-of-range", n.at(rel), format!("{v} is negative")).help("use 0 or more"));
        return None;
    }
    Some(v)
}

fn resolve_fields(n: &Node, rel: &str, reg: &Registries, diags: &mut Vec<Diagnostic>) -> Vec<FieldId> {
    let mut out = Vec::new();
    let list = n.as_str_list(rel, diags).unwrap_or_default();
    if list.is_empty() && matches!(n.kind, yaml::Kind::Seq(_)) {
        diags.push(
            Diagnostic::error("missing-key", n.at(rel), "the list of fields is empty")
                .help("name at least one field; the first is the pilot's primary field"),
        );
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
                    "field",
                    &s,
                    &known,
                    "fields in content/fields.yaml",
                ));
            }
        }
    }
    out
}

fn read_period(n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<(i32, i32)> {
    let mut m = n.as_map(rel, diags)?;
    let start = m.require("start", "the first year", diags).and_then(|n| read_year(n, rel, diags));
    let end = m.require("end", "the last year", diags).and_then(|n| read_year(n, rel, diags));
    m.finish(&["start", "end"], diags);
    let (start, end) = (start?, end?);
    if end < start {
        diags.push(
            Diagnostic::error("out-of-range", n.at(rel), format!("the period ends ({end}) before it starts ({start})"))
                .help("swap `start` and `end`"),
        );
        return None;
    }
    Some((start, end))
}

fn read_year(n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<i32> {
    let y = n.as_i64(rel, diags)?;
    if !(2000..=2100).contains(&y) {
        diags.push(
            Diagnostic::error("out-of-range", n.at(rel), format!("{y} is not a plausible year"))
                .help("write a four-digit year between 2000 and 2100"),
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
                "indicator",
                id,
                &known,
                "indicator ids in content/indicators.yaml",
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
            Diagnostic::error("wrong-type", n.at(rel), format!("`{}` counts things, but {v} is not whole", ind.id))
                .help("write a whole number"),
        );
        return None;
    }
    let (min, max) = ind.bounds();
    let below = min.is_some_and(|m| v < m);
    let above = max.is_some_and(|m| v > m);
    if below || above {
        let range = match (min, max) {
            (Some(a), Some(b)) => format!("between {a} and {b}"),
            (Some(a), None) => format!("at least {a}"),
            (None, Some(b)) => format!("at most {b}"),
            (None, None) => String::new(),
        };
        diags.push(
            Diagnostic::error("out-of-range", n.at(rel), format!("{v} is out of range for `{}`", ind.id))
                .help(format!("the value must be {range} ({})", ind.unit.name())),
        );
        return None;
    }
    Some(Value::Number(v))
}

fn read_metrics(
    n: &Node,
    rel: &str,
    reg: &Registries,
    period: Option<(i32, i32)>,
    check_period: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Metric> {
    let Some(mut m) = n.as_map(rel, diags) else { return Vec::new() };
    let mut out = Vec::new();
    for (key, node) in m.entries() {
        let at = Location::new(rel, key.line, key.column);
        let Some((id, ind)) = find_indicator(&key.name, at, reg, diags) else { continue };
        if let Some(metric) = read_metric(id, ind, node, rel, diags) {
            if let (true, Some(y), Some((start, end))) = (check_period, metric.year, period)
                && (y < start || y > end)
            {
                diags.push(
                    Diagnostic::warning(
                        "year-outside-period",
                        node.at(rel),
                        format!("the value of `{}` is for {y}, outside the pilot period {start}–{end}", ind.id),
                    )
                    .help("check the year, or move the value to `baseline:` if it was measured before the pilot"),
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
    let value = m.require("value", "the value", diags).and_then(|v| read_value(ind, v, rel, diags));
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
        let ind = m.require("indicator", "an indicator id", diags).and_then(|i| {
            let id = i.as_text(rel, diags)?;
            find_indicator(&id, i.at(rel), reg, diags)
        });
        let threshold = m.require("threshold", "the proposed threshold", diags);
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
