//! The downloads: /data/pilots.json, /data/pilots.csv and /data/indicators.json.
//! JSON keeps the contract's key names; the CSV is UTF-8 with a byte-order mark so
//! Excel opens Vietnamese correctly, one row per pilot, one column per indicator.

use std::collections::BTreeMap;

use serde::Serialize;

use super::url;
use crate::model::criteria;
use crate::model::*;
use crate::output::OutputFile;

#[derive(Serialize)]
struct PilotJson<'a> {
    province: &'a str,
    province_name: &'a str,
    commune: &'a str,
    slug: &'a str,
    url: String,
    title: &'a str,
    summary: &'a str,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
    fields: Vec<&'a str>,
    status: &'a str,
    period: Period,
    #[serde(skip_serializing_if = "Option::is_none")]
    former_province: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    former_district: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    population: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    households: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    area_ha: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    budget_million_vnd: Option<BudgetJson>,
    sample: bool,
    indicators: BTreeMap<&'a str, MetricJson<'a>>,
    baseline: BTreeMap<&'a str, MetricJson<'a>>,
    proposals: Vec<ProposalJson<'a>>,
}

#[derive(Serialize)]
struct Period {
    start: i32,
    end: i32,
}

#[derive(Serialize)]
struct BudgetJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    central: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    local: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    other: Option<f64>,
}

#[derive(Serialize)]
struct MetricJson<'a> {
    /// The indicator's name in the site's language, beside its id (the key).
    indicator_name: &'a str,
    value: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    /// `sourced` | `illustrative`.
    provenance: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meets_target: Option<bool>,
}

#[derive(Serialize)]
struct ProposalJson<'a> {
    indicator: &'a str,
    threshold: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct IndicatorJson<'a> {
    id: &'a str,
    group: &'a str,
    name: LocalizedJson<'a>,
    unit: &'a str,
    better: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<TargetJson<'a>>,
    description: &'a str,
    url: String,
    stats: StatsJson,
}

#[derive(Serialize)]
struct LocalizedJson<'a> {
    vi: &'a str,
    en: &'a str,
}

#[derive(Serialize)]
struct TargetJson<'a> {
    value: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

/// The years of an aggregate's values, as every JSON download and the criteria CSV write them.
#[derive(Serialize)]
pub(crate) struct YearsJson {
    /// Values per year, keyed by the year.
    pub per_year: BTreeMap<String, usize>,
    /// Values that give no year.
    pub unknown: usize,
}

pub(crate) fn years_json(y: &criteria::Years) -> YearsJson {
    YearsJson { per_year: y.per_year.iter().map(|(y, k)| (y.to_string(), *k)).collect(), unknown: y.unknown }
}

#[derive(Serialize)]
struct StatsJson {
    n: usize,
    /// Of `n`, the values with a source.
    sourced: usize,
    /// The years of the values.
    years: YearsJson,
    pilots: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    median: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    share_meeting_target: Option<f64>,
}

pub fn json_value(v: Value) -> serde_json::Value {
    match v {
        Value::Bool(b) => serde_json::Value::Bool(b),
        Value::Number(n) => serde_json::Number::from_f64(n).map(serde_json::Value::Number).unwrap_or_default(),
    }
}

fn metric_json<'a>(site: &'a Site, m: &'a Metric, with_target: bool) -> (&'a str, MetricJson<'a>) {
    let ind = site.indicator(m.indicator);
    (
        ind.id.as_str(),
        MetricJson {
            indicator_name: ind.name.get(site.config.language),
            value: json_value(m.value),
            year: m.year,
            source: m.source.as_deref(),
            provenance: m.provenance().name(),
            note: m.note.as_deref(),
            meets_target: if with_target { ind.meets_target(m.value) } else { None },
        },
    )
}

fn pilot_json<'a>(site: &'a Site, p: &'a Pilot) -> PilotJson<'a> {
    let prov = site.province(p.province);
    PilotJson {
        province: &prov.slug,
        province_name: &prov.name,
        commune: &p.commune,
        slug: &p.slug,
        url: format!("{}{}", site.config.base_url, url::pilot(site, p)),
        title: &p.title,
        summary: &p.summary,
        date: p.date.to_string(),
        updated: p.updated.map(|d| d.to_string()),
        fields: p.fields.iter().map(|&f| site.field(f).slug.as_str()).collect(),
        status: p.status.name(),
        period: Period { start: p.period.0, end: p.period.1 },
        former_province: p.former_province.as_deref(),
        former_district: p.former_district.as_deref(),
        population: p.population,
        households: p.households,
        area_ha: p.area_ha,
        budget_million_vnd: p.budget.as_ref().map(|b| BudgetJson {
            total: b.total,
            central: b.central,
            local: b.local,
            other: b.other,
        }),
        sample: p.sample,
        indicators: p.metrics.iter().map(|m| metric_json(site, m, true)).collect(),
        baseline: p.baseline.iter().map(|m| metric_json(site, m, false)).collect(),
        proposals: p
            .proposals
            .iter()
            .map(|pr| ProposalJson {
                indicator: &site.indicator(pr.indicator).id,
                threshold: json_value(pr.threshold),
                note: pr.note.as_deref(),
            })
            .collect(),
    }
}

fn indicators_json(site: &Site) -> Vec<IndicatorJson<'_>> {
    site.indicator_ids()
        .map(|id| {
            let ind = site.indicator(id);
            let st = criteria::indicator(site, id);
            let numeric = ind.unit != Unit::Boolean;
            IndicatorJson {
                id: &ind.id,
                group: ind.group.slug(),
                name: LocalizedJson { vi: &ind.name.vi, en: &ind.name.en },
                unit: ind.unit.name(),
                better: if ind.better == Better::Higher { "higher" } else { "lower" },
                min: ind.min,
                max: ind.max,
                target: ind.target.as_ref().map(|t| TargetJson {
                    value: json_value(t.value),
                    year: t.year,
                    source: t.source.as_deref(),
                }),
                description: &ind.description,
                url: format!("{}{}", site.config.base_url, url::indicator(&ind.id)),
                stats: StatsJson {
                    n: st.summary.as_ref().map(|s| s.n).unwrap_or(0),
                    sourced: st.sourced,
                    years: years_json(&st.years),
                    pilots: site.pilots.len(),
                    min: st.summary.as_ref().filter(|_| numeric).map(|s| s.min),
                    median: st.summary.as_ref().filter(|_| numeric).map(|s| s.median),
                    max: st.summary.as_ref().filter(|_| numeric).map(|s| s.max),
                    share_meeting_target: st.share_met,
                },
            }
        })
        .collect()
}

/// One CSV cell: quoted when needed, and text that a spreadsheet would take for a
/// formula is prefixed with `'`: `=`, `+`, `-`, `@` (or their full-width forms) first,
/// also after leading spaces, tabs or line breaks, which spreadsheets skip.
pub fn csv_cell(s: &str, text: bool) -> String {
    const FORMULA: [char; 8] = ['=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}'];
    let formula = s.starts_with(['\t', '\r', '\n']) || s.trim_start().starts_with(FORMULA);
    let guarded = if text && formula { format!("'{s}") } else { s.to_string() };
    if guarded.contains([',', '"', '\n', '\r']) { format!("\"{}\"", guarded.replace('"', "\"\"")) } else { guarded }
}

pub fn csv_number(v: Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => {
            let s = format!("{n:.4}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    }
}

/// The contract's columns (province … period_end, then one per indicator id in catalog
/// order), then per indicator `<id>:year`, `<id>:source` and `<id>:provenance` of that value:
/// columns are only ever added after the ones a reader already relies on.
fn pilots_csv(site: &Site) -> Vec<u8> {
    let mut header: Vec<String> =
        ["province", "commune", "slug", "url", "fields", "status", "period_start", "period_end"]
            .map(String::from)
            .into();
    header.extend(site.indicators.iter().map(|i| i.id.clone()));
    for suffix in ["year", "source", "provenance"] {
        header.extend(site.indicators.iter().map(|i| format!("{}:{suffix}", i.id)));
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = site.pilots.iter().map(|p| {
        let prov = site.province(p.province);
        let fields: Vec<&str> = p.fields.iter().map(|&f| site.field(f).slug.as_str()).collect();
        let mut row = vec![
            csv_cell(&prov.slug, true),
            csv_cell(&p.commune, true),
            csv_cell(&p.slug, true),
            csv_cell(&format!("{}{}", site.config.base_url, url::pilot(site, p)), true),
            csv_cell(&fields.join(";"), true),
            p.status.name().to_string(),
            p.period.0.to_string(),
            p.period.1.to_string(),
        ];
        row.extend(site.indicator_ids().map(|id| p.metric(id).map(|m| csv_number(m.value)).unwrap_or_default()));
        let each = |cell: &dyn Fn(&Metric) -> String| -> Vec<String> {
            site.indicator_ids().map(|id| p.metric(id).map(cell).unwrap_or_default()).collect()
        };
        row.extend(each(&|m| m.year.map(|y| y.to_string()).unwrap_or_default()));
        row.extend(each(&|m| csv_cell(m.source.as_deref().unwrap_or_default(), true)));
        row.extend(each(&|m| m.provenance().name().to_string()));
        row
    });
    csv_document(&header, rows)
}

/// A CSV file as spreadsheets expect it: UTF-8 with a byte-order mark, CRLF line ends.
/// `rows` hold cells already made with `csv_cell` or `csv_number`.
pub fn csv_document(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    out.push_str(&header.iter().map(|h| csv_cell(h, true)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// A JSON download, compact: indenting made pilots.json a third larger (48.6 MB against
/// 37.5 MB at 10,000 pilots), for programs that read it and for /compare/, which fetches it.
pub fn json_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    let mut v = serde_json::to_vec(value).unwrap_or_default();
    v.push(b'\n');
    v
}

pub fn files(site: &Site) -> Vec<OutputFile> {
    let pilots: Vec<PilotJson> = site.pilots.iter().map(|p| pilot_json(site, p)).collect();
    vec![
        OutputFile::bytes("data/pilots.json".into(), json_bytes(&pilots)),
        OutputFile::bytes("data/pilots.csv".into(), pilots_csv(site)),
        OutputFile::bytes("data/indicators.json".into(), json_bytes(&indicators_json(site))),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_guarded_against_formulas() {
        assert_eq!(csv_cell("Xã Giao Phong", true), "Xã Giao Phong");
        assert_eq!(csv_cell("a,b", true), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\"", true), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")", true), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("@SUM(A1)", true), "'@SUM(A1)");
        assert_eq!(csv_cell("-5", false), "-5");
        assert_eq!(csv_cell(" \t=1+2", true), "' \t=1+2");
        assert_eq!(csv_cell("\r\n@x", true), "\"'\r\n@x\"");
        assert_eq!(csv_cell("\u{ff1d}1+2", true), "'\u{ff1d}1+2");
        assert_eq!(csv_cell("a=b", true), "a=b");
    }

    #[test]
    fn csv_numbers_are_plain() {
        assert_eq!(csv_number(Value::Number(99.4)), "99.4");
        assert_eq!(csv_number(Value::Number(100.0)), "100");
        assert_eq!(csv_number(Value::Bool(true)), "true");
    }
}
