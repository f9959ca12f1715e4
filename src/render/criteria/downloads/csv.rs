//! The criteria CSV tables, written from the figures of criteria.json (`CriteriaJson`) so
//! the two always agree; only the long table of values reads the pilots themselves.

use super::{CostSummaryJson, CriteriaJson, GroupJson, SummaryJson};
use crate::model::*;
use crate::render::data::{YearsJson, csv_cell, csv_document, csv_number};
use crate::render::url;

/// A JSON number or yes/no as a CSV cell: `60`, not `60.0`.
fn json_cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Number(n) => n.as_f64().map(|f| csv_number(Value::Number(f))).unwrap_or_default(),
        other => other.to_string(),
    }
}

fn opt(v: Option<f64>) -> String {
    v.map(|v| csv_number(Value::Number(v))).unwrap_or_default()
}

fn text(s: &str) -> String {
    csv_cell(s, true)
}

/// "2024:1;2025:3" — the values per year in one cell.
fn per_year_cell(y: &YearsJson) -> String {
    y.per_year.iter().map(|(y, k)| format!("{y}:{k}")).collect::<Vec<_>>().join(";")
}

pub(super) fn breakdown(groups: &[GroupJson], site: &Site, key: &str, lang: Lang) -> Vec<u8> {
    let header =
        [key, "name", "pilots", "indicator", "indicator_name", "n", "sourced", "median", "yes", "values_per_year"];
    let lines = groups.iter().flat_map(|g| {
        g.indicators.iter().map(move |(id, c)| {
            let name = site.indicators.iter().find(|i| i.id == *id).map(|i| i.name.get(lang)).unwrap_or_default();
            vec![
                text(g.slug),
                text(g.name),
                g.pilots.to_string(),
                text(id),
                text(name),
                c.n.to_string(),
                c.sourced.to_string(),
                opt(c.median),
                c.yes.map(|y| y.to_string()).unwrap_or_default(),
                per_year_cell(&c.years),
            ]
        })
    });
    csv_document(&header, lines.collect::<Vec<_>>())
}

/// Every reported value (indicators and baselines), one row each, with its provenance.
pub(super) fn values(site: &Site, lang: Lang) -> Vec<u8> {
    let header = [
        "province",
        "commune",
        "url",
        "indicator",
        "indicator_name",
        "kind",
        "value",
        "year",
        "source",
        "provenance",
        "meets_target",
        "note",
    ];
    let rows = site.pilots.iter().flat_map(|p| {
        let prov = &site.province(p.province).slug;
        let link = format!("{}{}", site.config.base_url, url::pilot(site, p));
        let kinds = p.metrics.iter().map(|m| ("indicator", m)).chain(p.baseline.iter().map(|m| ("baseline", m)));
        kinds
            .map(|(kind, m)| {
                let ind = site.indicator(m.indicator);
                let meets = if kind == "indicator" { ind.meets_target(m.value) } else { None };
                vec![
                    text(prov),
                    text(&p.commune),
                    text(&link),
                    text(&ind.id),
                    text(ind.name.get(lang)),
                    kind.into(),
                    csv_number(m.value),
                    m.year.map(|y| y.to_string()).unwrap_or_default(),
                    text(m.source.as_deref().unwrap_or_default()),
                    m.provenance().name().into(),
                    meets.map(|b| b.to_string()).unwrap_or_default(),
                    text(m.note.as_deref().unwrap_or_default()),
                ]
            })
            .collect::<Vec<_>>()
    });
    csv_document(&header, rows)
}

pub(super) fn cost(cost: &[CostSummaryJson]) -> Vec<u8> {
    let header = [
        "group",
        "name",
        "pilots",
        "reporting_budget",
        "reporting_from_sample",
        "budget_median",
        "budget_min",
        "budget_max",
        "reporting_households",
        "per_household_median",
        "per_household_min",
        "per_household_max",
    ];
    let three = |s: &Option<SummaryJson>| {
        [opt(s.as_ref().map(|s| s.median)), opt(s.as_ref().map(|s| s.min)), opt(s.as_ref().map(|s| s.max))]
    };
    let rows = cost.iter().map(|c| {
        let mut row = vec![
            text(c.slug),
            text(c.name),
            c.pilots.to_string(),
            c.reporting_budget.to_string(),
            c.reporting_from_sample.to_string(),
        ];
        row.extend(three(&c.budget_million_vnd));
        row.push(c.reporting_households.to_string());
        row.extend(three(&c.budget_per_household_million_vnd));
        row
    });
    csv_document(&header, rows)
}

pub(super) fn indicators(json: &CriteriaJson) -> Vec<u8> {
    let header = [
        "indicator",
        "indicator_name",
        "group",
        "unit",
        "better",
        "target",
        "n",
        "pilots",
        "min",
        "q1",
        "median",
        "q3",
        "max",
        "yes",
        "meeting_target",
        "share_meeting_target",
        "proposals",
        "proposal_min",
        "proposal_median",
        "proposal_max",
        "computed_median",
        "computed_reached_by_75_percent",
        "thin_evidence",
        "sourced",
        "values_per_year",
        "year_unknown",
        "computed_reaching_median",
        "computed_reaching_75_percent",
        "target_wording",
        "target_communes_share",
        "sourced_only_n",
        "sourced_only_median",
        "sourced_only_share_meeting_target",
    ];
    let rows = json.indicators.iter().zip(&json.sourced_only.indicators).map(|(i, so)| {
        let f = &i.figures;
        let s = f.stats.as_ref();
        let c = f.computed_thresholds.as_ref();
        vec![
            text(i.id),
            text(i.name),
            i.group.into(),
            i.unit.into(),
            i.better.into(),
            i.target.as_ref().map(json_cell).unwrap_or_default(),
            f.n.to_string(),
            f.pilots.to_string(),
            opt(s.map(|s| s.min)),
            opt(s.map(|s| s.q1)),
            opt(s.map(|s| s.median)),
            opt(s.map(|s| s.q3)),
            opt(s.map(|s| s.max)),
            f.yes.map(|y| y.to_string()).unwrap_or_default(),
            f.meeting_target.map(|y| y.to_string()).unwrap_or_default(),
            opt(f.share_meeting_target),
            i.proposals.count.to_string(),
            opt(i.proposals.min),
            opt(i.proposals.median),
            opt(i.proposals.max),
            opt(c.map(|c| c.median)),
            opt(c.map(|c| c.reached_by_75_percent)),
            f.thin_evidence.to_string(),
            f.sourced.to_string(),
            per_year_cell(&f.years),
            f.years.unknown.to_string(),
            c.map(|c| c.reaching_median.to_string()).unwrap_or_default(),
            c.map(|c| c.reaching_75_percent.to_string()).unwrap_or_default(),
            text(i.target_wording.unwrap_or_default()),
            opt(i.target_communes_share),
            so.figures.n.to_string(),
            opt(so.figures.stats.as_ref().map(|s| s.median)),
            opt(so.figures.share_meeting_target),
        ]
    });
    csv_document(&header, rows)
}

pub(super) fn proposals(json: &CriteriaJson) -> Vec<u8> {
    csv_document(
        &["indicator", "indicator_name", "province", "commune", "url", "threshold", "note"],
        json.indicators.iter().flat_map(|i| {
            i.proposals.items.iter().map(|p| {
                vec![
                    text(i.id),
                    text(i.name),
                    text(&p.province),
                    text(&p.commune),
                    text(&p.url),
                    json_cell(&p.threshold),
                    text(p.note.as_deref().unwrap_or_default()),
                ]
            })
        }),
    )
}

pub(super) fn changes(json: &CriteriaJson) -> Vec<u8> {
    csv_document(
        &[
            "province",
            "commune",
            "indicator",
            "indicator_name",
            "baseline",
            "baseline_year",
            "value",
            "year",
            "change",
            "baseline_source",
            "baseline_provenance",
            "source",
            "provenance",
        ],
        json.changes.iter().map(|c| {
            vec![
                text(c.province),
                text(c.commune),
                text(c.indicator),
                text(c.indicator_name),
                json_cell(&c.baseline),
                c.baseline_year.map(|y| y.to_string()).unwrap_or_default(),
                json_cell(&c.value),
                c.year.map(|y| y.to_string()).unwrap_or_default(),
                opt(c.change),
                text(c.baseline_source.unwrap_or_default()),
                c.baseline_provenance.into(),
                text(c.source.unwrap_or_default()),
                c.provenance.into(),
            ]
        }),
    )
}
