//! The criteria dashboard: /criteria/, the same computed from sourced values only at
//! /criteria/sourced/, the printable report /criteria/print/, the /compare/ page and the
//! downloads (/data/criteria.json, one CSV per table, the Excel workbook). Everything is a
//! pure function of the model's evidence (`model::criteria`, `model::cost`): views hold
//! formatted strings and SVG charts drawn by `charts`, downloads hold the raw figures.
//!
//! `blocks` makes one indicator's block and charts, `maps` the tile maps, `downloads` the
//! JSON and CSV, `workbook` the .xlsx; this file the page views and the one call the build
//! makes (`files`).

mod blocks;
mod downloads;
mod maps;
mod workbook;

use serde::Serialize;

pub use blocks::IndicatorBlock;
pub use downloads::CSV_TABLES;
pub use maps::{coverage_map, value_map};

use super::format;
use super::theme::I18n;
use super::url;
use super::views::{Link, national_share_text, target_text};
use super::{PageFn, PageSpec};
use crate::model::cost::CostSummary;
use crate::model::criteria::{self, Evidence, IndicatorEvidence};
use crate::model::stats::Summary;
use crate::model::*;
use crate::output::OutputFile;

/// The dashboard names pilots one by one — in value tables, proposal lists, the table of
/// changes and before/after lines — up to this many per list. Past it, a list shows its
/// first entries and says where the rest is (the indicator page, the CSV downloads), and
/// the before/after chart draws a line per field: a national corpus of thousands of pilots
/// still makes a page that opens on a phone.
pub const LIST_LIMIT: usize = 50;

#[derive(Serialize)]
pub struct BlockGroup {
    pub slug: String,
    pub name: String,
    pub indicators: Vec<IndicatorBlock>,
}

#[derive(Serialize)]
pub struct Column {
    pub name: String,
    pub pilots: usize,
}

#[derive(Serialize)]
pub struct BreakdownRow {
    pub indicator: Link,
    pub cells: Vec<CellView>,
}

/// A breakdown cell: the median (or "yes" count), then what it rests on: how many report
/// it, how many of those are sourced, and their years.
#[derive(Serialize)]
pub struct CellView {
    pub value: String,
    pub basis: String,
}

#[derive(Serialize)]
pub struct BreakdownTable {
    pub columns: Vec<Column>,
    pub rows: Vec<BreakdownRow>,
}

#[derive(Serialize)]
pub struct ChangeRow {
    pub pilot: Link,
    pub province: String,
    pub indicator: Link,
    pub baseline: String,
    pub value: String,
    pub change: String,
    /// Both ends sourced.
    pub sourced: bool,
}

/// One row of the summary table: an indicator in one line, as a ministry report needs it.
#[derive(Serialize)]
pub struct SummaryRow {
    pub indicator: Link,
    pub unit: String,
    /// "sourced / all" reporting pilots.
    pub reporting: String,
    pub years: String,
    pub median: String,
    pub target: String,
    /// The share of reporting pilots meeting the target, with the national share of
    /// communes beside it when the target is one.
    pub share_met: String,
    pub proposals: String,
    pub evidence: String,
    /// `strong` | `thin` | `illustrative` | `none`, for styling.
    pub evidence_class: &'static str,
}

/// One row of the cost table: all pilots, or one primary field.
#[derive(Serialize)]
pub struct CostRow {
    pub name: String,
    pub pilots: usize,
    /// "reporting/pilots (k illustrative)".
    pub reporting: String,
    pub per_pilot: [String; 3],
    pub household_reporting: usize,
    pub per_household: [String; 3],
}

#[derive(Serialize)]
pub struct CriteriaView {
    /// `all` or `sourced`: which values the aggregates count.
    pub scope: &'static str,
    /// The date of the latest pilot change, as the site writes dates.
    pub as_of: String,
    pub pilot_count: usize,
    pub province_count: usize,
    pub provinces_covered: usize,
    pub coverage_map: String,
    pub without_pilot: Vec<Link>,
    pub summary: Vec<SummaryRow>,
    pub groups: Vec<BlockGroup>,
    pub by_field: BreakdownTable,
    pub by_region: BreakdownTable,
    pub cost: Vec<CostRow>,
    /// At most `LIST_LIMIT`, of `change_count`.
    pub changes: Vec<ChangeRow>,
    pub change_count: usize,
    pub downloads: Vec<Link>,
    pub block_count: usize,
}

/// A provincial unit whose pilots a reader can pick from on /compare/: the page lists
/// the units, and its script lists a unit's pilots from /data/pilots.json, which it reads
/// anyway (listing every pilot made the page 2.75 MB at 10,000 pilots).
#[derive(Serialize)]
pub struct CompareProvince {
    pub slug: String,
    pub name: String,
    /// Its pilots.
    pub count: usize,
}

fn pilot_link(site: &Site, p: &Pilot) -> Link {
    Link { url: url::pilot(site, p), name: p.commune.clone() }
}

fn indicator_link(ind: &Indicator, t: &I18n) -> Link {
    Link { url: url::indicator(&ind.id), name: ind.name.get(t.lang).to_string() }
}

/// The series (colour and shape) of a pilot: its primary field's place in the registry.
fn series(p: &Pilot) -> usize {
    p.primary_field().map(FieldId::index).unwrap_or(0)
}

fn field_name(site: &Site, p: &Pilot, t: &I18n) -> String {
    p.primary_field().map(|f| site.field(f).name.get(t.lang).to_string()).unwrap_or_default()
}

fn fmt_value<'a>(ind: &'a Indicator, t: &'a I18n) -> impl Fn(f64) -> String + 'a {
    move |v| format::value(ind, Value::Number(v), t)
}

fn range(s: &Summary, fmt: &dyn Fn(f64) -> String) -> String {
    if s.min == s.max { fmt(s.min) } else { format!("{} – {}", fmt(s.min), fmt(s.max)) }
}

/// "4 of 5 pilots reach ≥ 50 %": `k` counted on the data, so the sentence is true.
fn reach_sentence(ind: &Indicator, k: usize, n: usize, threshold: f64, t: &I18n) -> String {
    let cmp = if ind.better == Better::Higher { "≥" } else { "≤" };
    t.get("criteria_reach_sentence")
        .replace("{k}", &k.to_string())
        .replace("{n}", &n.to_string())
        .replace("{threshold}", &format!("{cmp} {}", format::value(ind, Value::Number(threshold), t)))
}

/// How strong the evidence of an indicator is: no values; only illustrative ones; fewer
/// than `THIN_EVIDENCE` pilots; fewer than half sourced; else strong.
pub(super) fn evidence_strength(ev: &IndicatorEvidence) -> &'static str {
    match (ev.n(), ev.sourced) {
        (0, _) => "none",
        (_, 0) => "illustrative",
        _ if ev.thin() => "thin",
        (n, s) if 2 * s < n => "illustrative",
        _ => "strong",
    }
}

fn summary_row(site: &Site, ev: &IndicatorEvidence, t: &I18n) -> SummaryRow {
    let ind = site.indicator(ev.id);
    let fmt = fmt_value(ind, t);
    let boolean = ind.unit == Unit::Boolean;
    let strength = evidence_strength(ev);
    let share = ev.share_met.map(|s| format!("{} ({}/{})", format::percent(s, t.lang), ev.met.unwrap_or(0), ev.n()));
    let national = national_share_text(ind, t);
    SummaryRow {
        indicator: indicator_link(ind, t),
        unit: t.get(&format!("unit_{}", ind.unit.name())).to_string(),
        reporting: format!("{} / {}", ev.sourced, ev.n()),
        years: format::years(&ev.years, t),
        median: match &ev.summary {
            None => "—".into(),
            Some(_) if boolean => format!("{}/{} {}", ev.yes, ev.n(), t.get("yes")),
            Some(s) => fmt(s.median),
        },
        target: if ind.target.is_some() { target_text(ind, t) } else { "—".into() },
        share_met: match (share, national.is_empty()) {
            (None, _) => "—".into(),
            (Some(s), true) => s,
            (Some(s), false) => format!("{s}; {}: {national}", t.get("target_national_share")),
        },
        proposals: ev
            .proposal_summary
            .as_ref()
            .map(|s| format!("{} (n={})", range(s, &fmt), s.n))
            .unwrap_or_else(|| "—".into()),
        evidence: t.get(&format!("evidence_{strength}")).to_string(),
        evidence_class: strength,
    }
}

fn breakdown_table<K>(
    site: &Site,
    rows: &[criteria::Breakdown<K>],
    name: impl Fn(&K) -> String,
    t: &I18n,
) -> BreakdownTable {
    BreakdownTable {
        columns: rows.iter().map(|b| Column { name: name(&b.key), pilots: b.pilots }).collect(),
        rows: site
            .indicator_ids()
            .map(|id| {
                let ind = site.indicator(id);
                BreakdownRow {
                    indicator: indicator_link(ind, t),
                    cells: rows.iter().map(|b| cell_view(ind, &b.cells[id.index()], t)).collect(),
                }
            })
            .collect(),
    }
}

fn cell_view(ind: &Indicator, c: &criteria::Cell, t: &I18n) -> CellView {
    let value = match (c.n, c.median) {
        (0, _) => return CellView { value: "—".into(), basis: String::new() },
        (_, Some(m)) => format::value(ind, Value::Number(m), t),
        (n, None) => format!("{}/{n} {}", c.yes, t.get("yes")),
    };
    let basis = format!("n={} · {} {} · {}", c.n, c.sourced, t.get("value_sourced"), format::years(&c.years, t));
    CellView { value, basis }
}

fn million(v: f64, t: &I18n) -> String {
    crate::numbers::number(v, 2, t.lang)
}

fn cost_row(name: String, c: &CostSummary, t: &I18n) -> CostRow {
    let three = |s: &Option<Summary>| match s {
        Some(s) => [million(s.median, t), million(s.min, t), million(s.max, t)],
        None => ["—".into(), "—".into(), "—".into()],
    };
    let sample =
        if c.from_sample > 0 { format!(" ({} {})", c.from_sample, t.get("value_illustrative")) } else { String::new() };
    CostRow {
        name,
        pilots: c.pilots,
        reporting: format!("{}/{}{sample}", c.reporting, c.pilots),
        per_pilot: three(&c.per_pilot),
        household_reporting: c.per_household_reporting,
        per_household: three(&c.per_household),
    }
}

/// The dashboard, its sourced-only twin, the printable report, /compare/ and the
/// downloads: the one call the build makes.
pub fn files(site: &Site, t: &I18n, page: &PageFn) -> Result<Vec<OutputFile>, super::RenderError> {
    let ev = criteria::evidence(site, Scope::All);
    let sourced = criteria::evidence(site, Scope::Sourced);
    let view = criteria_view(site, &ev, t);
    let sourced_view = criteria_view(site, &sourced, t);
    let (title, description) = (t.get("criteria_title"), t.get("criteria_intro"));
    let dashboard = PageSpec { template: "criteria.html", path: "criteria/", section: "criteria", title, description };
    let mut files = vec![
        page(&dashboard, &("criteria", &view))?,
        page(
            &PageSpec {
                path: "criteria/sourced/",
                title: t.get("criteria_sourced_title"),
                description: t.get("criteria_sourced_intro"),
                ..dashboard
            },
            &("criteria", &sourced_view),
        )?,
        page(
            &PageSpec {
                template: "criteria-print.html",
                path: "criteria/print/",
                title: t.get("print_title"),
                ..dashboard
            },
            &("criteria", &view),
        )?,
        page(
            &PageSpec {
                template: "compare.html",
                path: "compare/",
                section: "compare",
                title: t.get("compare_title"),
                description: t.get("compare_intro"),
            },
            &("provinces", &compare_provinces(site)),
        )?,
    ];
    files.extend(downloads::files(site, &ev, &sourced, t));
    files.push(workbook::file(site, &ev, t)?);
    Ok(files)
}

pub fn criteria_view(site: &Site, ev: &Evidence, t: &I18n) -> CriteriaView {
    let groups: Vec<BlockGroup> = Group::ALL
        .iter()
        .map(|g| BlockGroup {
            slug: g.slug().to_string(),
            name: t.get(&format!("group_{}", g.slug())).to_string(),
            indicators: ev
                .indicators
                .iter()
                .filter(|e| site.indicator(e.id).group == *g)
                .map(|e| blocks::block(site, e, t))
                .collect(),
        })
        .filter(|g| !g.indicators.is_empty())
        .collect();
    let without_pilot: Vec<Link> = site
        .province_ids()
        .filter(|id| site.pilots_in(*id).next().is_none())
        .map(|id| site.province(id))
        .map(|p| Link { url: url::province(&p.slug), name: p.name.clone() })
        .collect();
    let mut cost = vec![cost_row(t.get("cost_all_pilots").into(), &ev.cost.all, t)];
    cost.extend(
        ev.cost
            .by_field
            .iter()
            .filter(|(_, c)| c.pilots > 0)
            .map(|(f, c)| cost_row(site.field(*f).name.get(t.lang).to_string(), c, t)),
    );
    CriteriaView {
        scope: match ev.scope {
            Scope::All => "all",
            Scope::Sourced => "sourced",
        },
        as_of: criteria::data_as_of(site).map(|d| format::date(d, t.lang)).unwrap_or_default(),
        pilot_count: site.pilots.len(),
        province_count: site.provinces.len(),
        provinces_covered: site.provinces.len() - without_pilot.len(),
        coverage_map: coverage_map(site, t),
        without_pilot,
        summary: ev.indicators.iter().map(|e| summary_row(site, e, t)).collect(),
        block_count: groups.iter().map(|g| g.indicators.len()).sum(),
        groups,
        by_field: breakdown_table(site, &ev.by_field, |f| site.field(*f).name.get(t.lang).to_string(), t),
        by_region: breakdown_table(site, &ev.by_region, |r| site.region(*r).name.get(t.lang).to_string(), t),
        cost,
        change_count: ev.changes.len(),
        changes: ev
            .changes
            .iter()
            .take(LIST_LIMIT)
            .map(|c| {
                let p = &site.pilots[c.pilot];
                let ind = site.indicator(c.indicator);
                let year = |y: Option<i32>| y.map(|y| format!(" ({y})")).unwrap_or_default();
                ChangeRow {
                    pilot: pilot_link(site, p),
                    province: site.province(p.province).name.clone(),
                    indicator: indicator_link(ind, t),
                    baseline: format!("{}{}", format::value(ind, c.baseline, t), year(c.baseline_year)),
                    value: format!("{}{}", format::value(ind, c.value, t), year(c.year)),
                    change: format::change(ind, c.baseline, c.value, t),
                    sourced: c.baseline_provenance == Provenance::Sourced && c.provenance == Provenance::Sourced,
                }
            })
            .collect(),
        downloads: downloads::links(t),
    }
}

pub fn compare_provinces(site: &Site) -> Vec<CompareProvince> {
    let mut v: Vec<CompareProvince> = site
        .province_ids()
        .map(|id| (site.province(id), site.pilots_in(id).count()))
        .filter(|(_, count)| *count > 0)
        .map(|(prov, count)| CompareProvince { slug: prov.slug.clone(), name: prov.name.clone(), count })
        .collect();
    v.sort_by_cached_key(|c| (crate::slug::slugify(&c.name), c.slug.clone()));
    v
}
