//! One indicator on the dashboard and in the print report: its statistics with their
//! sourced counts and years, the honest sentences of its computed thresholds, the national
//! target as the Decision words it, the proposals, and its charts (sourced values filled,
//! illustrative ones hollow).

use serde::Serialize;

use super::{LIST_LIMIT, field_name, fmt_value, pilot_link, range, reach_sentence, series};
use crate::model::criteria::{self, IndicatorEvidence};
use crate::model::stats::{self, Summary};
use crate::model::*;
use crate::render::charts::{self, Axis, Bar, Legend, Point, Slope, StripPlot};
use crate::render::format;
use crate::render::theme::I18n;
use crate::render::url;
use crate::render::views::{Link, national_share_text, target_text, target_value_text};

#[derive(Serialize)]
pub struct ProposalItem {
    pub pilot: Link,
    pub province: String,
    pub threshold: String,
    pub note: String,
}

/// A proposed threshold and how many pilots proposed it.
#[derive(Serialize)]
pub struct ProposalValue {
    pub threshold: String,
    pub count: usize,
}

/// Each value of `values` once, in ascending order on the number line, with how often it occurs.
fn tally<T: Copy + PartialEq>(mut values: Vec<T>, on_line: impl Fn(T) -> f64) -> Vec<(T, usize)> {
    values.sort_by(|a, b| on_line(*a).total_cmp(&on_line(*b)));
    let mut out: Vec<(T, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((last, n)) if *last == v => *n += 1,
            _ => out.push((v, 1)),
        }
    }
    out
}

#[derive(Serialize)]
pub struct ValueRow {
    pub pilot: Link,
    pub province: String,
    pub field: String,
    pub value: String,
    pub year: String,
    pub met: &'static str,
    pub sourced: bool,
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
    /// "≥ 70 % of communes" when the national target is a share of communes.
    pub national_share: String,
    /// Whether the share of pilots meeting the target reaches that national share.
    pub national_share_reached: Option<bool>,
    pub n: usize,
    pub sourced: usize,
    pub pilots: usize,
    /// The years of the values used, with how many per year.
    pub years: String,
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
    /// "4 of 5 pilots reach ≥ 50 %": counted on the data.
    pub candidate_median_sentence: String,
    pub candidate_75_sentence: String,
    /// Each proposal, when there are at most `LIST_LIMIT`.
    pub proposals: Vec<ProposalItem>,
    /// Past `LIST_LIMIT` proposals, each threshold with its count instead: the first fifty
    /// rows said nothing of the rest (and weighed 10 KB a block at 10,000 pilots).
    pub proposal_values: Vec<ProposalValue>,
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

fn legend_for(site: &Site, pilots: impl Iterator<Item = usize>, t: &I18n) -> Vec<Legend> {
    let mut fields: Vec<FieldId> = pilots.filter_map(|i| site.pilots[i].primary_field()).collect();
    fields.sort();
    fields.dedup();
    fields.into_iter().map(|f| Legend { series: f.index(), name: site.field(f).name.get(t.lang).to_string() }).collect()
}

/// The chart of one indicator: a strip plot, or bars for a yes/no indicator.
fn chart(site: &Site, ev: &IndicatorEvidence, t: &I18n) -> String {
    let ind = site.indicator(ev.id);
    let name = ind.name.get(t.lang);
    let id = format!("chart-{}", ind.id);
    if ev.values.is_empty() {
        return String::new();
    }
    let sourced_word = t.get("value_sourced");
    if ind.unit == Unit::Boolean {
        let no = ev.n() - ev.yes;
        let sourced_yes =
            ev.values.iter().filter(|r| r.value == Value::Bool(true) && r.provenance == Provenance::Sourced).count();
        let sourced_no = ev.sourced - sourced_yes;
        let bars = [
            Bar { label: t.get("yes").into(), count: ev.yes, sourced: Some(sourced_yes) },
            Bar { label: t.get("no").into(), count: no, sourced: Some(sourced_no) },
            Bar { label: t.get("chart_not_reported").into(), count: ev.pilots - ev.n(), sourced: None },
        ];
        let desc = format!(
            "{}: {} {}/{} ({sourced_yes} {sourced_word}), {} {}/{} ({sourced_no} {sourced_word}), {} {}/{}. {}",
            t.get("chart_bar_desc"),
            t.get("yes"),
            ev.yes,
            ev.pilots,
            t.get("no"),
            no,
            ev.pilots,
            t.get("chart_not_reported"),
            ev.pilots - ev.n(),
            ev.pilots,
            format::years(&ev.years, t),
        );
        return charts::bar_chart(&id, name, &desc, &bars, ev.pilots, t);
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
    let target = ind
        .target
        .as_ref()
        .map(|tg| (tg.value.as_f64(), format!("{} {}", t.get("chart_target"), target_value_text(ind, t))));
    let axis = Axis::covering(
        ev.values.iter().map(|r| r.value.as_f64()).chain(thresholds.iter().copied()).chain(target.iter().map(|t| t.0)),
        ind.unit == Unit::Percent,
    );
    let s = ev.summary.as_ref();
    let desc = format!(
        "{} {}/{} ({} {sourced_word}; {}). {} {}, {} {}, {} {}.{}",
        t.get(if ev.values.len() > charts::DOT_LIMIT { "chart_bins_desc" } else { "chart_strip_desc" }),
        ev.n(),
        ev.pilots,
        ev.sourced,
        format::years(&ev.years, t),
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
        // Each value once, with how many proposed it: the provinces' proposals repeat a few
        // round thresholds, and a description that listed all of them grew with the site
        // (514 values, 4 KB, in one chart at 10,000 pilots) and was no use read aloud.
        let list: Vec<String> = tally(thresholds.clone(), |v| v)
            .into_iter()
            .map(|(v, n)| if n == 1 { fmt(v) } else { format!("{} ({n} {})", fmt(v), t.get("chart_proposals_count")) })
            .collect();
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
                .map(|r| Point {
                    value: r.value.as_f64(),
                    series: series(&site.pilots[r.pilot]),
                    sourced: r.provenance == Provenance::Sourced,
                })
                .collect(),
            target,
            proposals: thresholds,
            legend: legend_for(site, ev.values.iter().map(|r| r.pilot), t),
        },
        &fmt,
        t,
    )
}

/// Before/after lines for the pilots with a numeric baseline of this indicator: one per
/// pilot, or past `LIST_LIMIT` pilots one per field, from the field's median baseline to
/// its median latest value (an end is drawn sourced only when all its values are).
fn slope(site: &Site, ev: &IndicatorEvidence, t: &I18n) -> String {
    let ind = site.indicator(ev.id);
    let changes: Vec<&criteria::Change> = ev.changes.iter().filter(|c| c.delta().is_some()).collect();
    if changes.is_empty() {
        return String::new();
    }
    let sourced = |p: Provenance| p == Provenance::Sourced;
    let slopes: Vec<Slope> = if changes.len() <= LIST_LIMIT {
        changes
            .iter()
            .map(|c| Slope {
                label: site.pilots[c.pilot].commune.clone(),
                before: c.baseline.as_f64(),
                after: c.value.as_f64(),
                series: series(&site.pilots[c.pilot]),
                sourced: (sourced(c.baseline_provenance), sourced(c.provenance)),
            })
            .collect()
    } else {
        type Ends = (String, Vec<f64>, Vec<f64>, bool, bool);
        let mut by_series: std::collections::BTreeMap<usize, Ends> = Default::default();
        for c in &changes {
            let p = &site.pilots[c.pilot];
            let e = by_series.entry(series(p)).or_insert_with(|| (field_name(site, p, t), vec![], vec![], true, true));
            e.1.push(c.baseline.as_f64());
            e.2.push(c.value.as_f64());
            e.3 &= sourced(c.baseline_provenance);
            e.4 &= sourced(c.provenance);
        }
        let median = |v: &[f64]| stats::summarize(v).map_or(0.0, |s| s.median);
        by_series
            .into_iter()
            .map(|(series, (field, before, after, sb, sa))| Slope {
                label: format!("{field} (n = {})", before.len()),
                before: median(&before),
                after: median(&after),
                series,
                sourced: (sb, sa),
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
        t,
    )
}

pub fn block(site: &Site, ev: &IndicatorEvidence, t: &I18n) -> IndicatorBlock {
    let ind = site.indicator(ev.id);
    let fmt = fmt_value(ind, t);
    let boolean = ind.unit == Unit::Boolean;
    let numeric = ev.summary.as_ref().filter(|_| !boolean);
    let f = |pick: fn(&Summary) -> f64| numeric.map(|s| fmt(pick(s))).unwrap_or_default();
    let cand = ev.candidates.as_ref();
    IndicatorBlock {
        id: ind.id.clone(),
        url: url::indicator(&ind.id),
        name: ind.name.get(t.lang).to_string(),
        unit: t.get(&format!("unit_{}", ind.unit.name())).to_string(),
        boolean,
        thin: ev.thin(),
        target: target_text(ind, t),
        national_share: national_share_text(ind, t),
        national_share_reached: ind.target.as_ref().and_then(|tg| Some(ev.share_met? * 100.0 >= tg.communes_share?)),
        n: ev.n(),
        sourced: ev.sourced,
        pilots: ev.pilots,
        years: format::years(&ev.years, t),
        min: f(|s| s.min),
        q1: f(|s| s.q1),
        median: f(|s| s.median),
        q3: f(|s| s.q3),
        max: f(|s| s.max),
        yes: ev.yes,
        share_met: ev.share_met.map(|s| format::percent(s, t.lang)).unwrap_or_default(),
        met: ev.met.map(|m| format!("{m}/{}", ev.n())).unwrap_or_default(),
        candidate_median: cand.map(|c| fmt(c.median)).unwrap_or_default(),
        candidate_75: cand.map(|c| fmt(c.reached_by_75)).unwrap_or_default(),
        candidate_median_sentence: cand
            .map(|c| reach_sentence(ind, c.reaching_median, ev.n(), c.median, t))
            .unwrap_or_default(),
        candidate_75_sentence: cand
            .map(|c| reach_sentence(ind, c.reaching_75, ev.n(), c.reached_by_75, t))
            .unwrap_or_default(),
        proposal_count: ev.proposals.len(),
        proposal_values: if ev.proposals.len() > LIST_LIMIT {
            tally(ev.proposals.iter().map(|p| p.threshold).collect(), Value::as_f64)
                .into_iter()
                .map(|(v, count)| ProposalValue { threshold: format::value(ind, v, t), count })
                .collect()
        } else {
            Vec::new()
        },
        proposals: ev
            .proposals
            .iter()
            .filter(|_| ev.proposals.len() <= LIST_LIMIT)
            .map(|pr| {
                let p = &site.pilots[pr.pilot];
                ProposalItem {
                    pilot: pilot_link(site, p),
                    province: site.province(p.province).name.clone(),
                    threshold: format::value(ind, pr.threshold, t),
                    note: pr.note.clone().unwrap_or_default(),
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
            .map(|r| {
                let p = &site.pilots[r.pilot];
                ValueRow {
                    pilot: pilot_link(site, p),
                    province: site.province(p.province).name.clone(),
                    field: field_name(site, p, t),
                    value: format::value(ind, r.value, t),
                    year: r.year.map(|y| y.to_string()).unwrap_or_default(),
                    met: match ind.meets_target(r.value) {
                        Some(true) => "met",
                        Some(false) => "not-met",
                        None => "",
                    },
                    sourced: r.provenance == Provenance::Sourced,
                }
            })
            .collect(),
    }
}
