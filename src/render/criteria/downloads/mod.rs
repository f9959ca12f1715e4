//! The criteria downloads: /data/criteria.json (every aggregate, and the same computed from
//! sourced values only under `sourced_only`) and one CSV per table, among them the long
//! table of every value with its year, source and provenance. Column and key names are
//! stable English identifiers; each indicator also carries its name in the site's language
//! beside its id. The CSV tables are written from the JSON's figures by `csv`.

mod csv;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::cost::{Cost, CostSummary};
use crate::model::criteria::{self, Evidence, IndicatorEvidence};
use crate::model::stats::Summary;
use crate::model::*;
use crate::output::OutputFile;
use crate::render::data::{YearsJson, json_bytes, json_value, years_json};
use crate::render::theme::I18n;
use crate::render::url;
use crate::render::views::Link;

/// The CSV downloads of the dashboard, published as /data/criteria-<name>.csv.
pub const CSV_TABLES: [&str; 7] = ["indicators", "values", "proposals", "by-field", "by-region", "changes", "cost"];

/// The links of the downloads section: JSON, every CSV, the workbook.
pub fn links(t: &I18n) -> Vec<Link> {
    let mut out = vec![Link { url: "data/criteria.json".into(), name: t.get("download_criteria_json").into() }];
    out.extend(CSV_TABLES.iter().map(|name| Link {
        url: format!("data/criteria-{name}.csv"),
        name: t.get(&format!("download_criteria_{name}")).into(),
    }));
    out.push(Link { url: super::workbook::PATH.into(), name: t.get("download_criteria_xlsx").into() });
    out
}

#[derive(Serialize)]
pub(super) struct SummaryJson {
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

fn summary_json(s: &Summary) -> SummaryJson {
    SummaryJson { min: s.min, q1: s.q1, median: s.median, q3: s.q3, max: s.max }
}

#[derive(Serialize)]
struct ProposalJson {
    province: String,
    commune: String,
    url: String,
    threshold: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// The figures of one indicator in one scope.
#[derive(Serialize)]
pub(super) struct StatsJson {
    pub n: usize,
    /// Of `n`, values with a source.
    pub sourced: usize,
    pub pilots: usize,
    pub years: YearsJson,
    pub thin_evidence: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stats: Option<SummaryJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub yes: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting_target: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share_meeting_target: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computed_thresholds: Option<CandidatesJson>,
}

#[derive(Serialize)]
pub(super) struct CandidatesJson {
    pub median: f64,
    /// Reporting pilots that reach the median, counted.
    pub reaching_median: usize,
    pub reached_by_75_percent: f64,
    pub reaching_75_percent: usize,
}

#[derive(Serialize)]
struct IndicatorJson<'a> {
    id: &'a str,
    name: &'a str,
    group: &'a str,
    unit: &'a str,
    better: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_wording: Option<&'a str>,
    /// The national target as a share of communes (percent), when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    target_communes_share: Option<f64>,
    #[serde(flatten)]
    figures: StatsJson,
    proposals: ProposalsJson,
}

#[derive(Serialize)]
struct ProposalsJson {
    count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    median: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<f64>,
    items: Vec<ProposalJson>,
}

#[derive(Serialize)]
struct GroupJson<'a> {
    slug: &'a str,
    name: &'a str,
    pilots: usize,
    indicators: BTreeMap<&'a str, CellJson>,
}

#[derive(Serialize)]
struct CellJson {
    n: usize,
    sourced: usize,
    years: YearsJson,
    #[serde(skip_serializing_if = "Option::is_none")]
    median: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    yes: Option<usize>,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    province: &'a str,
    commune: &'a str,
    indicator: &'a str,
    indicator_name: &'a str,
    baseline: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_source: Option<&'a str>,
    baseline_provenance: &'static str,
    value: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    provenance: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<f64>,
}

#[derive(Serialize)]
pub(super) struct CostSummaryJson<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub pilots: usize,
    pub reporting_budget: usize,
    pub reporting_from_sample: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_million_vnd: Option<SummaryJson>,
    pub reporting_households: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_per_household_million_vnd: Option<SummaryJson>,
}

#[derive(Serialize)]
struct CoverageJson<'a> {
    provinces: usize,
    with_pilot: Vec<&'a str>,
    without_pilot: Vec<&'a str>,
}

/// The aggregates computed from sourced values only.
#[derive(Serialize)]
struct SourcedOnlyJson<'a> {
    indicators: Vec<SourcedIndicatorJson<'a>>,
    by_field: Vec<GroupJson<'a>>,
    by_region: Vec<GroupJson<'a>>,
    changes: usize,
    cost: Vec<CostSummaryJson<'a>>,
}

#[derive(Serialize)]
struct SourcedIndicatorJson<'a> {
    id: &'a str,
    #[serde(flatten)]
    figures: StatsJson,
}

#[derive(Serialize)]
struct CriteriaJson<'a> {
    language: &'static str,
    /// The latest `updated` (or `date`) of any pilot.
    #[serde(skip_serializing_if = "Option::is_none")]
    as_of: Option<String>,
    pilots: usize,
    thin_evidence_below: usize,
    coverage: CoverageJson<'a>,
    indicators: Vec<IndicatorJson<'a>>,
    by_field: Vec<GroupJson<'a>>,
    by_region: Vec<GroupJson<'a>>,
    changes: Vec<ChangeJson<'a>>,
    /// All pilots first (slug `all`), then each field by primary field.
    cost: Vec<CostSummaryJson<'a>>,
    sourced_only: SourcedOnlyJson<'a>,
}

pub(super) fn stats_json(site: &Site, e: &IndicatorEvidence) -> StatsJson {
    let boolean = site.indicator(e.id).unit == Unit::Boolean;
    StatsJson {
        n: e.n(),
        sourced: e.sourced,
        pilots: e.pilots,
        years: years_json(&e.years),
        thin_evidence: e.thin(),
        stats: e.summary.as_ref().filter(|_| !boolean).map(summary_json),
        yes: boolean.then_some(e.yes),
        meeting_target: e.met,
        share_meeting_target: e.share_met,
        computed_thresholds: e.candidates.as_ref().map(|c| CandidatesJson {
            median: c.median,
            reaching_median: c.reaching_median,
            reached_by_75_percent: c.reached_by_75,
            reaching_75_percent: c.reaching_75,
        }),
    }
}

fn group_json<'a, K>(site: &'a Site, b: &criteria::Breakdown<K>, slug: &'a str, name: &'a str) -> GroupJson<'a> {
    GroupJson {
        slug,
        name,
        pilots: b.pilots,
        indicators: site
            .indicator_ids()
            .zip(&b.cells)
            .filter(|(_, c)| c.n > 0)
            .map(|(id, c)| {
                let boolean = site.indicator(id).unit == Unit::Boolean;
                let cell = CellJson {
                    n: c.n,
                    sourced: c.sourced,
                    years: years_json(&c.years),
                    median: c.median,
                    yes: boolean.then_some(c.yes),
                };
                (site.indicator(id).id.as_str(), cell)
            })
            .collect(),
    }
}

fn groups_json<'a>(site: &'a Site, ev: &Evidence, lang: Lang) -> (Vec<GroupJson<'a>>, Vec<GroupJson<'a>>) {
    (
        ev.by_field
            .iter()
            .map(|b| group_json(site, b, &site.field(b.key).slug, site.field(b.key).name.get(lang)))
            .collect(),
        ev.by_region
            .iter()
            .map(|b| group_json(site, b, &site.region(b.key).slug, site.region(b.key).name.get(lang)))
            .collect(),
    )
}

/// All pilots (slug `all`, named in the site's language), then each field with pilots.
pub(super) fn cost_json<'a>(site: &'a Site, cost: &Cost, all_name: &'a str, lang: Lang) -> Vec<CostSummaryJson<'a>> {
    let one = |slug: &'a str, name: &'a str, c: &CostSummary| CostSummaryJson {
        slug,
        name,
        pilots: c.pilots,
        reporting_budget: c.reporting,
        reporting_from_sample: c.from_sample,
        budget_million_vnd: c.per_pilot.as_ref().map(summary_json),
        reporting_households: c.per_household_reporting,
        budget_per_household_million_vnd: c.per_household.as_ref().map(summary_json),
    };
    let mut out = vec![one("all", all_name, &cost.all)];
    out.extend(
        cost.by_field
            .iter()
            .filter(|(_, c)| c.pilots > 0)
            .map(|(f, c)| one(&site.field(*f).slug, site.field(*f).name.get(lang), c)),
    );
    out
}

fn criteria_json<'a>(site: &'a Site, ev: &Evidence, sourced: &Evidence, t: &'a I18n) -> CriteriaJson<'a> {
    let lang = t.lang;
    let slugs = |with: bool| -> Vec<&str> {
        site.province_ids()
            .filter(|id| site.pilots_in(*id).next().is_some() == with)
            .map(|id| site.province(id).slug.as_str())
            .collect()
    };
    let (by_field, by_region) = groups_json(site, ev, lang);
    let (sourced_by_field, sourced_by_region) = groups_json(site, sourced, lang);
    CriteriaJson {
        language: lang.code(),
        as_of: criteria::data_as_of(site).map(|d| d.to_string()),
        pilots: site.pilots.len(),
        thin_evidence_below: criteria::THIN_EVIDENCE,
        coverage: CoverageJson {
            provinces: site.provinces.len(),
            with_pilot: slugs(true),
            without_pilot: slugs(false),
        },
        indicators: ev
            .indicators
            .iter()
            .map(|e| {
                let ind = site.indicator(e.id);
                let tg = ind.target.as_ref();
                IndicatorJson {
                    id: &ind.id,
                    name: ind.name.get(lang),
                    group: ind.group.slug(),
                    unit: ind.unit.name(),
                    better: if ind.better == Better::Higher { "higher" } else { "lower" },
                    target: tg.map(|t| json_value(t.value)),
                    target_wording: tg.and_then(|t| t.wording.as_ref()).map(|w| w.get(lang)),
                    target_communes_share: tg.and_then(|t| t.communes_share),
                    figures: stats_json(site, e),
                    proposals: ProposalsJson {
                        count: e.proposals.len(),
                        min: e.proposal_summary.as_ref().map(|s| s.min),
                        median: e.proposal_summary.as_ref().map(|s| s.median),
                        max: e.proposal_summary.as_ref().map(|s| s.max),
                        items: e
                            .proposals
                            .iter()
                            .map(|pr| {
                                let p = &site.pilots[pr.pilot];
                                ProposalJson {
                                    province: site.province(p.province).slug.clone(),
                                    commune: p.commune.clone(),
                                    url: format!("{}{}", site.config.base_url, url::pilot(site, p)),
                                    threshold: json_value(pr.threshold),
                                    note: pr.note.clone(),
                                }
                            })
                            .collect(),
                    },
                }
            })
            .collect(),
        by_field,
        by_region,
        changes: ev
            .changes
            .iter()
            .map(|c| {
                let p = &site.pilots[c.pilot];
                let ind = site.indicator(c.indicator);
                ChangeJson {
                    province: &site.province(p.province).slug,
                    commune: &p.commune,
                    indicator: &ind.id,
                    indicator_name: ind.name.get(lang),
                    baseline: json_value(c.baseline),
                    baseline_year: c.baseline_year,
                    baseline_source: p.baseline(c.indicator).and_then(|m| m.source.as_deref()),
                    baseline_provenance: c.baseline_provenance.name(),
                    value: json_value(c.value),
                    year: c.year,
                    source: p.metric(c.indicator).and_then(|m| m.source.as_deref()),
                    provenance: c.provenance.name(),
                    change: c.delta(),
                }
            })
            .collect(),
        cost: cost_json(site, &ev.cost, t.get("cost_all_pilots"), lang),
        sourced_only: SourcedOnlyJson {
            indicators: sourced
                .indicators
                .iter()
                .map(|e| SourcedIndicatorJson { id: &site.indicator(e.id).id, figures: stats_json(site, e) })
                .collect(),
            by_field: sourced_by_field,
            by_region: sourced_by_region,
            changes: sourced.changes.len(),
            cost: cost_json(site, &sourced.cost, t.get("cost_all_pilots"), lang),
        },
    }
}

/// /data/criteria.json and one CSV per table.
pub fn files(site: &Site, ev: &Evidence, sourced: &Evidence, t: &I18n) -> Vec<OutputFile> {
    let lang = t.lang;
    let json = criteria_json(site, ev, sourced, t);
    let csvs = [
        csv::indicators(&json),
        csv::values(site, lang),
        csv::proposals(&json),
        csv::breakdown(&json.by_field, site, "field", lang),
        csv::breakdown(&json.by_region, site, "region", lang),
        csv::changes(&json),
        csv::cost(&json.cost),
    ];
    let mut files = vec![OutputFile::bytes("data/criteria.json".into(), json_bytes(&json))];
    files.extend(
        CSV_TABLES.iter().zip(csvs).map(|(name, bytes)| OutputFile::bytes(format!("data/criteria-{name}.csv"), bytes)),
    );
    files
}
