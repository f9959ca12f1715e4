//! The criteria dashboard: /criteria/, its printable report /criteria/print/, the
//! /compare/ page, /data/criteria.json and one CSV per dashboard table. Everything is
//! a pure function of the model's evidence (`model::criteria`): views hold formatted
//! strings and SVG charts drawn by `charts`, downloads hold the raw figures.

use serde::Serialize;

use super::charts::{self, Axis, Legend, Point, Slope, StripPlot, Swatch, Tile};
use super::data::{csv_cell, csv_document, csv_number, json_bytes, json_value};
use super::format;
use super::theme::I18n;
use super::views::{Link, target_text, url};
use crate::model::criteria::{self, Evidence, IndicatorEvidence};
use crate::model::stats::{self, Summary};
use crate::model::*;
use crate::output::OutputFile;

/// The dashboard names pilots one by one — in value tables, proposal lists, the table of
/// changes and before/after lines — up to this many per list. Past it, a list shows its
/// first entries and says where the rest is (the indicator page, the CSV downloads), and
/// the before/after chart draws a line per field: a national corpus of thousands of pilots
/// still makes a page that opens on a phone.
pub const LIST_LIMIT: usize = 50;

/// The downloads of the dashboard, published under /data/.
pub const CSV_TABLES: [&str; 5] = ["indicators", "proposals", "by-field", "by-region", "changes"];

#[derive(Serialize)]
pub struct ProposalItem {
    pub pilot: Link,
    pub province: String,
    pub threshold: String,
    pub note: String,
}

#[derive(Serialize)]
pub struct ValueRow {
    pub pilot: Link,
    pub province: String,
    pub field: String,
    pub value: String,
    pub met: &'static str,
    pub sample: bool,
}

/// One indicator on the dashboard.
#[derive(Serialize)]
pub struct IndicatorBlock {
    pub id: String,
    pub url: String,
    pub name: String,
    pub unit: String,
    pub boolean: bool,
    pub thin: bool,
    pub target: String,
    pub n: usize,
    pub pilots: usize,
    pub min: String,
    pub q1: String,
    pub median: String,
    pub q3: String,
    pub max: String,
    pub yes: usize,
    pub share_met: String,
    pub met: String,
    pub candidate_median: String,
    pub candidate_75: String,
    /// At most `LIST_LIMIT`, of `proposal_count`.
    pub proposals: Vec<ProposalItem>,
    pub proposal_count: usize,
    pub proposal_range: String,
    pub proposal_median: String,
    /// SVG, drawn and escaped by `charts`.
    pub chart: String,
    pub slope: String,
    /// Each pilot's value; empty when there are more than `LIST_LIMIT` (the indicator
    /// page lists them all).
    pub values: Vec<ValueRow>,
}

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
    pub cells: Vec<String>,
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
}

#[derive(Serialize)]
pub struct CriteriaView {
    pub pilot_count: usize,
    pub province_count: usize,
    pub provinces_covered: usize,
    pub coverage_map: String,
    pub without_pilot: Vec<Link>,
    pub groups: Vec<BlockGroup>,
    pub by_field: BreakdownTable,
    pub by_region: BreakdownTable,
    /// At most `LIST_LIMIT`, of `change_count`.
    pub changes: Vec<ChangeRow>,
    pub change_count: usize,
    pub downloads: Vec<Link>,
    pub block_count: usize,
}

/// One pilot a reader can pick on /compare/.
#[derive(Serialize)]
pub struct ComparePilot {
    /// `province/commune`, the pilot's key in the URL.
    pub key: String,
    pub commune: String,
    pub province: String,
    pub url: String,
}

fn pilot_link(site: &Site, p: &Pilot) -> Link {
    Link { url: url::pilot(site, p), name: p.commune.clone() }
}

fn indicator_link(ind: &Indicator, t: &I18n) -> Link {
    Link { url: url::indicator(&ind.id), name: ind.name.get(t.lang).to_string() }
}

/// The series (colour and shape) of a pilot: its primary field's place in the registry.
fn series(p: &Pilot) -> usize {
    p.primary_field().map(|f| f.0 as usize).unwrap_or(0)
}

fn field_name(site: &Site, p: &Pilot, t: &I18n) -> String {
    p.primary_field().map(|f| site.field(f).name.get(t.lang).to_string()).unwrap_or_default()
}

fn fmt_value<'a>(ind: &'a Indicator, t: &'a I18n) -> impl Fn(f64) -> String + 'a {
    move |v| format::value(ind, Value::Number(v), t)
}

fn legend_for(site: &Site, pilots: impl Iterator<Item = usize>, t: &I18n) -> Vec<Legend> {
    let mut fields: Vec<FieldId> = pilots.filter_map(|i| site.pilots[i].primary_field()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .map(|f| Legend { series: f.0 as usize, name: site.field(f).name.get(t.lang).to_string() })
        .collect()
}

/// The chart of one indicator: a strip plot, or bars for a yes/no indicator.
fn chart(site: &Site, ev: &IndicatorEvidence, t: &I18n) -> String {
    let ind = site.indicator(ev.id);
    let name = ind.name.get(t.lang);
    let id = format!("chart-{}", ind.id);
    if ev.values.is_empty() {
        return String::new();
    }
    if ind.unit == Unit::Boolean {
        let no = ev.n() - ev.yes;
        let bars = vec![
            (t.get("yes").to_string(), ev.yes),
            (t.get("no").to_string(), no),
            (t.get("chart_not_reported").to_string(), ev.pilots - ev.n()),
        ];
        let desc = format!(
            "{}: {} {}/{}, {} {}/{}, {} {}/{}.",
            t.get("chart_bar_desc"),
            t.get("yes"),
            ev.yes,
            ev.pilots,
            t.get("no"),
            no,
            ev.pilots,
            t.get("chart_not_reported"),
            ev.pilots - ev.n(),
            ev.pilots
        );
        return charts::bar_chart(&id, name, &desc, &bars, ev.pilots);
    }
    let fmt = fmt_value(ind, t);
    let thresholds: Vec<f64> = ev
        .proposals
        .iter()
        .filter_map(|p| match p.threshold {
            Value::Number(n) => Some(n),
            Value::Bool(_) => None,
        })
        .collect();
    let target =
        ind.target.as_ref().map(|tg| (tg.value.as_f64(), format!("{} {}", t.get("chart_target"), target_text(ind, t))));
    let axis = Axis::covering(
        ev.values.iter().map(|(_, v)| v.as_f64()).chain(thresholds.iter().copied()).chain(target.iter().map(|t| t.0)),
        ind.unit == Unit::Percent,
    );
    let s = ev.summary.as_ref();
    let desc = format!(
        "{} {}/{}. {} {}, {} {}, {} {}.{}",
        t.get(if ev.values.len() > charts::DOT_LIMIT { "chart_bins_desc" } else { "chart_strip_desc" }),
        ev.n(),
        ev.pilots,
        t.get("col_min"),
        s.map(|s| fmt(s.min)).unwrap_or_default(),
        t.get("col_median"),
        s.map(|s| fmt(s.median)).unwrap_or_default(),
        t.get("col_max"),
        s.map(|s| fmt(s.max)).unwrap_or_default(),
        target.as_ref().map(|(_, l)| format!(" {l}.")).unwrap_or_default()
    );
    let desc = if thresholds.is_empty() {
        desc
    } else {
        let list: Vec<String> = thresholds.iter().map(|&v| fmt(v)).collect();
        format!("{desc} {}: {}.", t.get("chart_proposals"), list.join("; "))
    };
    charts::strip_plot(
        &StripPlot {
            id: &id,
            title: name,
            desc: &desc,
            axis,
            points: ev
                .values
                .iter()
                .map(|&(i, v)| Point { value: v.as_f64(), series: series(&site.pilots[i]) })
                .collect(),
            target,
            proposals: thresholds,
            legend: legend_for(site, ev.values.iter().map(|v| v.0), t),
        },
        &fmt,
        t,
    )
}

/// Before/after lines for the pilots with a numeric baseline of this indicator: one per
/// pilot, or past `LIST_LIMIT` pilots one per field, from the field's median baseline to
/// its median latest value.
fn slope(site: &Site, ev: &IndicatorEvidence, t: &I18n) -> String {
    let ind = site.indicator(ev.id);
    let changes: Vec<&criteria::Change> = ev.changes.iter().filter(|c| c.delta().is_some()).collect();
    if changes.is_empty() {
        return String::new();
    }
    let slopes: Vec<Slope> = if changes.len() <= LIST_LIMIT {
        changes
            .iter()
            .map(|c| Slope {
                label: site.pilots[c.pilot].commune.clone(),
                before: c.baseline.as_f64(),
                after: c.value.as_f64(),
                series: series(&site.pilots[c.pilot]),
            })
            .collect()
    } else {
        let mut by_series: std::collections::BTreeMap<usize, (String, Vec<f64>, Vec<f64>)> = Default::default();
        for c in &changes {
            let p = &site.pilots[c.pilot];
            let (_, before, after) =
                by_series.entry(series(p)).or_insert_with(|| (field_name(site, p, t), vec![], vec![]));
            before.push(c.baseline.as_f64());
            after.push(c.value.as_f64());
        }
        let median = |v: &[f64]| stats::summarize(v).map_or(0.0, |s| s.median);
        by_series
            .into_iter()
            .map(|(series, (field, before, after))| Slope {
                label: format!("{field} (n = {})", before.len()),
                before: median(&before),
                after: median(&after),
                series,
            })
            .collect()
    };
    let fmt = fmt_value(ind, t);
    let axis = Axis::covering(slopes.iter().flat_map(|s| [s.before, s.after]), ind.unit == Unit::Percent);
    let desc = slopes
        .iter()
        .map(|s| format!("{}: {} → {}", s.label, fmt(s.before), fmt(s.after)))
        .collect::<Vec<_>>()
        .join("; ");
    let title =
        if changes.len() <= LIST_LIMIT { t.get("chart_slope_title") } else { t.get("chart_slope_title_fields") };
    charts::slope_chart(
        &format!("slope-{}", ind.id),
        &format!("{} — {title}", ind.name.get(t.lang)),
        &desc,
        &axis,
        &slopes,
        (t.get("chart_before"), t.get("chart_after")),
        &fmt,
    )
}

fn range(s: &Summary, fmt: &dyn Fn(f64) -> String) -> String {
    if s.min == s.max { fmt(s.min) } else { format!("{} – {}", fmt(s.min), fmt(s.max)) }
}

fn block(site: &Site, ev: &IndicatorEvidence, t: &I18n) -> IndicatorBlock {
    let ind = site.indicator(ev.id);
    let fmt = fmt_value(ind, t);
    let boolean = ind.unit == Unit::Boolean;
    let numeric = ev.summary.as_ref().filter(|_| !boolean);
    let f = |pick: fn(&Summary) -> f64| numeric.map(|s| fmt(pick(s))).unwrap_or_default();
    IndicatorBlock {
        id: ind.id.clone(),
        url: url::indicator(&ind.id),
        name: ind.name.get(t.lang).to_string(),
        unit: t.get(&format!("unit_{}", ind.unit.name())).to_string(),
        boolean,
        thin: ev.thin(),
        target: target_text(ind, t),
        n: ev.n(),
        pilots: ev.pilots,
        min: f(|s| s.min),
        q1: f(|s| s.q1),
        median: f(|s| s.median),
        q3: f(|s| s.q3),
        max: f(|s| s.max),
        yes: ev.yes,
        share_met: ev.share_met.map(|s| format::percent(s, t.lang)).unwrap_or_default(),
        met: ev.met.map(|m| format!("{m}/{}", ev.n())).unwrap_or_default(),
        candidate_median: ev.candidates.as_ref().map(|c| fmt(c.median)).unwrap_or_default(),
        candidate_75: ev.candidates.as_ref().map(|c| fmt(c.reached_by_75)).unwrap_or_default(),
        proposal_count: ev.proposals.len(),
        proposals: ev
            .proposals
            .iter()
            .take(LIST_LIMIT)
            .map(|pr| {
                let p = &site.pilots[pr.pilot];
                let note = p.proposals.iter().find(|x| x.indicator == ev.id).and_then(|x| x.note.clone());
                ProposalItem {
                    pilot: pilot_link(site, p),
                    province: site.province(p.province).name.clone(),
                    threshold: format::value(ind, pr.threshold, t),
                    note: note.unwrap_or_default(),
                }
            })
            .collect(),
        proposal_range: ev.proposal_summary.as_ref().map(|s| range(s, &fmt)).unwrap_or_default(),
        proposal_median: ev.proposal_summary.as_ref().map(|s| fmt(s.median)).unwrap_or_default(),
        chart: chart(site, ev, t),
        slope: slope(site, ev, t),
        values: ev
            .values
            .iter()
            .filter(|_| ev.values.len() <= LIST_LIMIT)
            .map(|&(i, v)| {
                let p = &site.pilots[i];
                ValueRow {
                    pilot: pilot_link(site, p),
                    province: site.province(p.province).name.clone(),
                    field: field_name(site, p, t),
                    value: format::value(ind, v, t),
                    met: match ind.meets_target(v) {
                        Some(true) => "met",
                        Some(false) => "not-met",
                        None => "",
                    },
                    sample: p.sample,
                }
            })
            .collect(),
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
                    cells: rows.iter().map(|b| cell_text(ind, &b.cells[id.0 as usize], t)).collect(),
                }
            })
            .collect(),
    }
}

/// A breakdown cell: the median (or "yes" count) and how many report it.
fn cell_text(ind: &Indicator, c: &criteria::Cell, t: &I18n) -> String {
    match (c.n, c.median) {
        (0, _) => "—".into(),
        (n, Some(m)) => format!("{} (n={n})", format::value(ind, Value::Number(m), t)),
        (n, None) => format!("{}/{n} {}", c.yes, t.get("yes")),
    }
}

/// The coverage map: a tile per provincial unit, coloured by the primary field of its first pilot.
pub fn coverage_map(site: &Site, t: &I18n) -> String {
    let base = site.config.base_path();
    let mut used: Vec<usize> = Vec::new();
    let tiles: Vec<Tile> = site
        .provinces
        .iter()
        .enumerate()
        .map(|(i, prov)| {
            let pilots: Vec<&Pilot> = site.pilots.iter().filter(|p| p.province.0 as usize == i).collect();
            let first = pilots.first().map(|p| series(p));
            used.extend(first);
            let st = first.map(charts::style);
            Tile {
                slug: prov.slug.clone(),
                name: prov.name.clone(),
                href: format!("{base}{}", url::province(&prov.slug)),
                value: if pilots.is_empty() { String::new() } else { pilots.len().to_string() },
                fill: st.map(|s| s.fill).unwrap_or("#ffffff").into(),
                ink: st.map(|s| s.ink).unwrap_or("#5b6773").into(),
                empty: pilots.is_empty(),
                series: first,
            }
        })
        .collect();
    used.sort();
    used.dedup();
    let mut swatches: Vec<Swatch> = used
        .iter()
        .map(|&s| Swatch {
            fill: charts::style(s).fill.into(),
            empty: false,
            series: Some(s),
            label: site.fields[s].name.get(t.lang).to_string(),
        })
        .collect();
    swatches.push(Swatch { fill: "#ffffff".into(), empty: true, series: None, label: t.get("map_no_pilot").into() });
    let covered = tiles.iter().filter(|t| !t.empty).count();
    let desc = format!("{} {covered}/{}. {}", t.get("map_coverage_desc"), tiles.len(), t.get("map_count_note"));
    charts::tile_map("map-coverage", t.get("map_coverage_title"), &desc, &tiles, &swatches)
}

/// Sequential blues (ColorBrewer "Blues", five classes): light = low, dark = high.
const BLUES: [(&str, &str); 5] = [
    ("#eff3ff", "#000000"),
    ("#bdd7e7", "#000000"),
    ("#6baed6", "#000000"),
    ("#3182bd", "#ffffff"),
    ("#08519c", "#ffffff"),
];

/// The map on an indicator page: each unit coloured by its pilots' median value.
pub fn value_map(site: &Site, ev: &IndicatorEvidence, t: &I18n) -> String {
    let ind = site.indicator(ev.id);
    let base = site.config.base_path();
    let boolean = ind.unit == Unit::Boolean;
    let per_province: Vec<Option<Value>> = (0..site.provinces.len())
        .map(|i| {
            let vals: Vec<Value> =
                ev.values.iter().filter(|(p, _)| site.pilots[*p].province.0 as usize == i).map(|(_, v)| *v).collect();
            if vals.is_empty() {
                None
            } else if boolean {
                Some(Value::Bool(vals.iter().any(|v| matches!(v, Value::Bool(true)))))
            } else {
                crate::model::stats::summarize(&vals.iter().map(|v| v.as_f64()).collect::<Vec<_>>())
                    .map(|s| Value::Number(s.median))
            }
        })
        .collect();
    let numbers: Vec<f64> = per_province.iter().flatten().map(|v| v.as_f64()).collect();
    let (lo, hi) = (
        numbers.iter().copied().fold(f64::INFINITY, f64::min),
        numbers.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let class =
        |v: f64| -> usize { if hi > lo { (((v - lo) / (hi - lo)) * 5.0).floor().clamp(0.0, 4.0) as usize } else { 4 } };
    let fmt = fmt_value(ind, t);
    let tiles: Vec<Tile> = site
        .provinces
        .iter()
        .zip(&per_province)
        .map(|(prov, v)| {
            let (fill, ink) = match v {
                None => ("#ffffff", "#5b6773"),
                Some(Value::Bool(true)) => charts::PALETTE[0],
                Some(Value::Bool(false)) => charts::PALETTE[1],
                Some(Value::Number(n)) => BLUES[class(*n)],
            };
            Tile {
                slug: prov.slug.clone(),
                name: prov.name.clone(),
                href: format!("{base}{}", url::province(&prov.slug)),
                value: v.map(|v| tile_value(ind, v, t)).unwrap_or_default(),
                fill: fill.into(),
                ink: ink.into(),
                empty: v.is_none(),
                series: None,
            }
        })
        .collect();
    let mut swatches: Vec<Swatch> = if boolean {
        vec![
            Swatch { fill: charts::PALETTE[0].0.into(), empty: false, series: None, label: t.get("yes").into() },
            Swatch { fill: charts::PALETTE[1].0.into(), empty: false, series: None, label: t.get("no").into() },
        ]
    } else if numbers.is_empty() {
        Vec::new()
    } else {
        let mut used: Vec<usize> = numbers.iter().map(|&v| class(v)).collect();
        used.sort();
        used.dedup();
        used.into_iter()
            .map(|c| {
                let step = (hi - lo) / 5.0;
                let label = if hi > lo {
                    format!("{} – {}", fmt(lo + step * c as f64), fmt(lo + step * (c + 1) as f64))
                } else {
                    fmt(lo)
                };
                Swatch { fill: BLUES[c].0.into(), empty: false, series: None, label }
            })
            .collect()
    };
    swatches.push(Swatch { fill: "#ffffff".into(), empty: true, series: None, label: t.get("map_no_value").into() });
    let desc = format!("{} {}/{}.", t.get("map_value_desc"), numbers.len(), site.provinces.len());
    charts::tile_map(
        &format!("map-{}", ind.id),
        &format!("{} — {}", ind.name.get(t.lang), t.get("map_value_title")),
        &desc,
        &tiles,
        &swatches,
    )
}

/// A value short enough for a tile: one decimal, no unit name (the legend names it).
fn tile_value(ind: &Indicator, v: Value, t: &I18n) -> String {
    match v {
        Value::Number(n) if ind.unit == Unit::Percent => format!("{} %", format::number(n, 1, t.lang)),
        Value::Number(n) => format::number(n, 1, t.lang),
        b => format::value(ind, b, t),
    }
}

/// The dashboard, its printable report, /compare/ and the downloads: the one call the build makes.
pub fn files(site: &Site, t: &I18n, page: &super::PageFn) -> Result<Vec<OutputFile>, super::RenderError> {
    let ev = criteria::evidence(site);
    let view = criteria_view(site, &ev, t);
    let (title, intro) = (t.get("criteria_title"), t.get("criteria_intro"));
    let mut files = vec![
        page("criteria.html", "criteria/", "criteria", title, intro, &("criteria", &view))?,
        page("criteria-print.html", "criteria/print/", "criteria", t.get("print_title"), intro, &("criteria", &view))?,
        page(
            "compare.html",
            "compare/",
            "compare",
            t.get("compare_title"),
            t.get("compare_intro"),
            &("pilots", &compare_pilots(site)),
        )?,
    ];
    files.extend(data_files(site, &ev));
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
                .map(|e| block(site, e, t))
                .collect(),
        })
        .filter(|g| !g.indicators.is_empty())
        .collect();
    let without_pilot: Vec<Link> = site
        .provinces
        .iter()
        .enumerate()
        .filter(|(i, _)| !site.pilots.iter().any(|p| p.province.0 as usize == *i))
        .map(|(_, p)| Link { url: url::province(&p.slug), name: p.name.clone() })
        .collect();
    let mut downloads = vec![Link { url: "data/criteria.json".into(), name: t.get("download_criteria_json").into() }];
    downloads.extend(CSV_TABLES.iter().map(|name| Link {
        url: format!("data/criteria-{name}.csv"),
        name: t.get(&format!("download_criteria_{name}")).into(),
    }));
    CriteriaView {
        pilot_count: site.pilots.len(),
        province_count: site.provinces.len(),
        provinces_covered: site.provinces.len() - without_pilot.len(),
        coverage_map: coverage_map(site, t),
        without_pilot,
        block_count: groups.iter().map(|g| g.indicators.len()).sum(),
        groups,
        by_field: breakdown_table(site, &ev.by_field, |f| site.field(*f).name.get(t.lang).to_string(), t),
        by_region: breakdown_table(site, &ev.by_region, |r| site.region(*r).name.get(t.lang).to_string(), t),
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
                }
            })
            .collect(),
        downloads,
    }
}

pub fn compare_pilots(site: &Site) -> Vec<ComparePilot> {
    let mut v: Vec<ComparePilot> = site
        .pilots
        .iter()
        .map(|p| {
            let prov = site.province(p.province);
            ComparePilot {
                key: format!("{}/{}", prov.slug, p.slug),
                commune: p.commune.clone(),
                province: prov.name.clone(),
                url: url::pilot(site, p),
            }
        })
        .collect();
    v.sort_by_cached_key(|c| (crate::slug::slugify(&c.province), crate::slug::slugify(&c.commune), c.key.clone()));
    v
}

// ---- downloads ----

#[derive(Serialize)]
struct SummaryJson {
    min: f64,
    q1: f64,
    median: f64,
    q3: f64,
    max: f64,
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
}

#[derive(Serialize)]
struct IndicatorJson<'a> {
    id: &'a str,
    group: &'a str,
    unit: &'a str,
    better: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<serde_json::Value>,
    n: usize,
    pilots: usize,
    thin_evidence: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    stats: Option<SummaryJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    yes: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meeting_target: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    share_meeting_target: Option<f64>,
    proposals: ProposalsJson,
    #[serde(skip_serializing_if = "Option::is_none")]
    computed_thresholds: Option<CandidatesJson>,
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
struct CandidatesJson {
    median: f64,
    reached_by_75_percent: f64,
}

#[derive(Serialize)]
struct GroupJson<'a> {
    slug: &'a str,
    pilots: usize,
    indicators: std::collections::BTreeMap<&'a str, CellJson>,
}

#[derive(Serialize)]
struct CellJson {
    n: usize,
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
    baseline: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_year: Option<i32>,
    value: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<f64>,
}

#[derive(Serialize)]
struct CoverageJson<'a> {
    provinces: usize,
    with_pilot: Vec<&'a str>,
    without_pilot: Vec<&'a str>,
}

#[derive(Serialize)]
struct CriteriaJson<'a> {
    pilots: usize,
    thin_evidence_below: usize,
    coverage: CoverageJson<'a>,
    indicators: Vec<IndicatorJson<'a>>,
    by_field: Vec<GroupJson<'a>>,
    by_region: Vec<GroupJson<'a>>,
    changes: Vec<ChangeJson<'a>>,
}

fn group_json<'a, K>(site: &'a Site, b: &criteria::Breakdown<K>, slug: &'a str) -> GroupJson<'a> {
    GroupJson {
        slug,
        pilots: b.pilots,
        indicators: site
            .indicator_ids()
            .zip(&b.cells)
            .filter(|(_, c)| c.n > 0)
            .map(|(id, c)| {
                let boolean = site.indicator(id).unit == Unit::Boolean;
                (site.indicator(id).id.as_str(), CellJson { n: c.n, median: c.median, yes: boolean.then_some(c.yes) })
            })
            .collect(),
    }
}

fn criteria_json<'a>(site: &'a Site, ev: &Evidence) -> CriteriaJson<'a> {
    let has_pilot = |i: usize| site.pilots.iter().any(|p| p.province.0 as usize == i);
    let slugs = |with: bool| -> Vec<&str> {
        site.provinces.iter().enumerate().filter(|(i, _)| has_pilot(*i) == with).map(|(_, p)| p.slug.as_str()).collect()
    };
    CriteriaJson {
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
                let boolean = ind.unit == Unit::Boolean;
                IndicatorJson {
                    id: &ind.id,
                    group: ind.group.slug(),
                    unit: ind.unit.name(),
                    better: if ind.better == Better::Higher { "higher" } else { "lower" },
                    target: ind.target.as_ref().map(|t| json_value(t.value)),
                    n: e.n(),
                    pilots: e.pilots,
                    thin_evidence: e.thin(),
                    stats: e.summary.as_ref().filter(|_| !boolean).map(summary_json),
                    yes: boolean.then_some(e.yes),
                    meeting_target: e.met,
                    share_meeting_target: e.share_met,
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
                                }
                            })
                            .collect(),
                    },
                    computed_thresholds: e
                        .candidates
                        .as_ref()
                        .map(|c| CandidatesJson { median: c.median, reached_by_75_percent: c.reached_by_75 }),
                }
            })
            .collect(),
        by_field: ev.by_field.iter().map(|b| group_json(site, b, &site.field(b.key).slug)).collect(),
        by_region: ev.by_region.iter().map(|b| group_json(site, b, &site.region(b.key).slug)).collect(),
        changes: ev
            .changes
            .iter()
            .map(|c| {
                let p = &site.pilots[c.pilot];
                ChangeJson {
                    province: &site.province(p.province).slug,
                    commune: &p.commune,
                    indicator: &site.indicator(c.indicator).id,
                    baseline: json_value(c.baseline),
                    baseline_year: c.baseline_year,
                    value: json_value(c.value),
                    year: c.year,
                    change: c.delta(),
                }
            })
            .collect(),
    }
}

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

fn breakdown_csv<K>(site: &Site, rows: &[criteria::Breakdown<K>], slug: impl Fn(&K) -> String, key: &str) -> Vec<u8> {
    let header = [key, "pilots", "indicator", "n", "median", "yes"];
    let lines = rows.iter().flat_map(|b| {
        let slug = slug(&b.key);
        site.indicator_ids().zip(&b.cells).filter(|(_, c)| c.n > 0).map(move |(id, c)| {
            let boolean = site.indicator(id).unit == Unit::Boolean;
            vec![
                csv_cell(&slug, true),
                b.pilots.to_string(),
                csv_cell(&site.indicator(id).id, true),
                c.n.to_string(),
                opt(c.median),
                if boolean { c.yes.to_string() } else { String::new() },
            ]
        })
    });
    csv_document(&header, lines.collect::<Vec<_>>())
}

/// /data/criteria.json and one CSV per dashboard table.
pub fn data_files(site: &Site, ev: &Evidence) -> Vec<OutputFile> {
    let json = criteria_json(site, ev);
    let indicators = csv_document(
        &[
            "indicator",
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
        ],
        json.indicators.iter().map(|i| {
            let s = i.stats.as_ref();
            vec![
                csv_cell(i.id, true),
                i.group.into(),
                i.unit.into(),
                i.better.into(),
                i.target.as_ref().map(json_cell).unwrap_or_default(),
                i.n.to_string(),
                i.pilots.to_string(),
                opt(s.map(|s| s.min)),
                opt(s.map(|s| s.q1)),
                opt(s.map(|s| s.median)),
                opt(s.map(|s| s.q3)),
                opt(s.map(|s| s.max)),
                i.yes.map(|y| y.to_string()).unwrap_or_default(),
                i.meeting_target.map(|y| y.to_string()).unwrap_or_default(),
                opt(i.share_meeting_target),
                i.proposals.count.to_string(),
                opt(i.proposals.min),
                opt(i.proposals.median),
                opt(i.proposals.max),
                opt(i.computed_thresholds.as_ref().map(|c| c.median)),
                opt(i.computed_thresholds.as_ref().map(|c| c.reached_by_75_percent)),
                i.thin_evidence.to_string(),
            ]
        }),
    );
    let proposals = csv_document(
        &["indicator", "province", "commune", "url", "threshold"],
        json.indicators.iter().flat_map(|i| {
            i.proposals.items.iter().map(|p| {
                vec![
                    csv_cell(i.id, true),
                    csv_cell(&p.province, true),
                    csv_cell(&p.commune, true),
                    csv_cell(&p.url, true),
                    json_cell(&p.threshold),
                ]
            })
        }),
    );
    let changes = csv_document(
        &["province", "commune", "indicator", "baseline", "baseline_year", "value", "year", "change"],
        json.changes.iter().map(|c| {
            vec![
                csv_cell(c.province, true),
                csv_cell(c.commune, true),
                csv_cell(c.indicator, true),
                json_cell(&c.baseline),
                c.baseline_year.map(|y| y.to_string()).unwrap_or_default(),
                json_cell(&c.value),
                c.year.map(|y| y.to_string()).unwrap_or_default(),
                opt(c.change),
            ]
        }),
    );
    let by_field = breakdown_csv(site, &ev.by_field, |f| site.field(*f).slug.clone(), "field");
    let by_region = breakdown_csv(site, &ev.by_region, |r| site.region(*r).slug.clone(), "region");
    let csvs = [indicators, proposals, by_field, by_region, changes];
    let mut files = vec![OutputFile::bytes("data/criteria.json".into(), json_bytes(&json))];
    files.extend(
        CSV_TABLES.iter().zip(csvs).map(|(name, bytes)| OutputFile::bytes(format!("data/criteria-{name}.csv"), bytes)),
    );
    files
}
