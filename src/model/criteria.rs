//! The evidence for the 2026–2030 criteria, computed once from the model: per indicator
//! what the pilots reached, how that compares with the 2025 target, what provinces
//! propose and which thresholds the pilots themselves suggest; per field and per region
//! the medians; per pilot the change from its baseline. The dashboard pages, charts and
//! downloads all read these figures, so they always agree.
//!
//! Definitions (also in docs/criteria.md):
//! - every pilot that reports an indicator counts, sample pilots included; in the
//!   `Scope::Sourced` view only values with a source count (a change needs both ends
//!   sourced);
//! - quartiles are type 7 (see `stats::summarize`); a boolean indicator counts "yes";
//! - candidate thresholds are computed for numeric indicators only: the median, and the
//!   value that 75 % of reporting pilots reach — the 25th percentile when higher is better,
//!   the 75th when lower is better — each with the exact number of pilots that reach it;
//! - a pilot counts in every field it lists, as on the home page and the field pages (so
//!   the field groups may overlap), and in its province's region (so the region groups
//!   partition the pilots that have one);
//! - every field and every region of the registries has its group, empty ones included:
//!   the regions are the site's own working grouping, and a reader must see which have no
//!   pilot yet;
//! - every aggregate carries the years of the values it uses (`Years`).

use std::collections::BTreeMap;

use super::stats::{self, Summary};
use super::*;

/// Fewer reporting pilots than this and an indicator's evidence is marked as thin.
pub const THIN_EVIDENCE: usize = 5;

/// The years of the values an aggregate uses: how many per year, and how many give none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Years {
    /// Ascending by year.
    pub per_year: Vec<(i32, usize)>,
    pub unknown: usize,
}

impl Years {
    pub fn of(years: impl IntoIterator<Item = Option<i32>>) -> Years {
        let mut per_year: BTreeMap<i32, usize> = BTreeMap::new();
        let mut unknown = 0;
        for y in years {
            match y {
                Some(y) => *per_year.entry(y).or_default() += 1,
                None => unknown += 1,
            }
        }
        Years { per_year: per_year.into_iter().collect(), unknown }
    }

    /// The first and last year given, if any.
    pub fn range(&self) -> Option<(i32, i32)> {
        Some((self.per_year.first()?.0, self.per_year.last()?.0))
    }
}

/// One reported value of an indicator and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Reported {
    /// Index into `site.pilots`.
    pub pilot: usize,
    pub value: Value,
    pub year: Option<i32>,
    pub provenance: Provenance,
}

/// One province's proposed threshold for an indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct ProposalRef {
    /// Index into `site.pilots`.
    pub pilot: usize,
    pub threshold: Value,
    /// The province's reason.
    pub note: Option<String>,
}

/// Thresholds computed from the pilots' own values: not official, a starting point.
/// Each comes with how many of the reporting pilots reach it, counted on the data, so the
/// sentence that describes it ("4 of 5 pilots reach ≥ 50 %") is exactly true.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidates {
    pub median: f64,
    pub reaching_median: usize,
    /// The value that 75 % of reporting pilots reach in the indicator's good direction
    /// (type 7 quartile: interpolated, so the exact count may differ from 75 %).
    pub reached_by_75: f64,
    pub reaching_75: usize,
}

/// One pilot's value against its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub pilot: usize,
    pub indicator: IndicatorId,
    pub baseline: Value,
    pub baseline_year: Option<i32>,
    pub baseline_provenance: Provenance,
    pub value: Value,
    pub year: Option<i32>,
    pub provenance: Provenance,
}

impl Change {
    /// The signed difference, for numbers only.
    pub fn delta(&self) -> Option<f64> {
        match (self.baseline, self.value) {
            (Value::Number(a), Value::Number(b)) => Some(b - a),
            _ => None,
        }
    }
}

/// Everything the dashboard shows about one indicator.
#[derive(Debug, Clone)]
pub struct IndicatorEvidence {
    pub id: IndicatorId,
    pub scope: Scope,
    /// Pilots in the site (the "out of").
    pub pilots: usize,
    /// Reported values the scope admits, in site order.
    pub values: Vec<Reported>,
    /// How many of `values` are sourced.
    pub sourced: usize,
    pub years: Years,
    /// Over every counted value (a boolean counts as 0 or 1); `None` when nobody reports.
    pub summary: Option<Summary>,
    /// Pilots answering "yes" (booleans).
    pub yes: usize,
    /// Pilots meeting the 2025 target; `None` without a target.
    pub met: Option<usize>,
    pub share_met: Option<f64>,
    /// In site order.
    pub proposals: Vec<ProposalRef>,
    /// Over numeric proposed thresholds.
    pub proposal_summary: Option<Summary>,
    /// Numeric indicators with at least one value.
    pub candidates: Option<Candidates>,
    /// Values with a baseline, in site order.
    pub changes: Vec<Change>,
}

impl IndicatorEvidence {
    pub fn n(&self) -> usize {
        self.values.len()
    }

    pub fn thin(&self) -> bool {
        self.n() < THIN_EVIDENCE
    }
}

/// A group of pilots (a field or a region) and the median of each indicator within it.
#[derive(Debug, Clone)]
pub struct Breakdown<K> {
    pub key: K,
    pub pilots: usize,
    /// One cell per indicator, in catalog order.
    pub cells: Vec<Cell>,
}

/// One indicator within a group: how many report it (and how many of those are sourced),
/// their years and median ("yes" count for booleans).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub n: usize,
    pub sourced: usize,
    pub years: Years,
    pub median: Option<f64>,
    pub yes: usize,
}

#[derive(Debug, Clone)]
pub struct Evidence {
    pub scope: Scope,
    pub indicators: Vec<IndicatorEvidence>,
    /// Every field, with the pilots that list it (in any position), in registry order.
    pub by_field: Vec<Breakdown<FieldId>>,
    /// Every region, with the pilots of its provinces, in registry order.
    pub by_region: Vec<Breakdown<RegionId>>,
    /// Every pilot's changes from baseline, by pilot then catalog order.
    pub changes: Vec<Change>,
    pub cost: super::cost::Cost,
}

/// The evidence of one indicator over every value.
pub fn indicator(site: &Site, id: IndicatorId) -> IndicatorEvidence {
    indicator_in(site, id, Scope::All)
}

pub fn indicator_in(site: &Site, id: IndicatorId, scope: Scope) -> IndicatorEvidence {
    let ind = site.indicator(id);
    let values: Vec<Reported> = site
        .pilots
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.metric(id).filter(|m| scope.admits(m)).map(|m| (i, m)))
        .map(|(i, m)| Reported { pilot: i, value: m.value, year: m.year, provenance: m.provenance() })
        .collect();
    let numbers: Vec<f64> = values.iter().map(|r| r.value.as_f64()).collect();
    let summary = stats::summarize(&numbers);
    let met_flags: Vec<bool> = values.iter().filter_map(|r| ind.meets_target(r.value)).collect();
    let proposals: Vec<ProposalRef> = site
        .pilots
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.proposals.iter().filter(|pr| pr.indicator == id).map(move |pr| ProposalRef {
                pilot: i,
                threshold: pr.threshold,
                note: pr.note.clone(),
            })
        })
        .collect();
    let thresholds: Vec<f64> = proposals
        .iter()
        .filter_map(|p| match p.threshold {
            Value::Number(n) => Some(n),
            Value::Bool(_) => None,
        })
        .collect();
    let numeric = ind.unit != Unit::Boolean;
    let reaching = |x: f64| values.iter().filter(|r| ind.reaches(r.value, Value::Number(x))).count();
    let candidates = summary.as_ref().filter(|_| numeric).map(|s| {
        let reached_by_75 = match ind.better {
            Better::Higher => s.q1,
            Better::Lower => s.q3,
        };
        Candidates {
            median: s.median,
            reaching_median: reaching(s.median),
            reached_by_75,
            reaching_75: reaching(reached_by_75),
        }
    });
    let changes = site
        .pilots
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let (m, b) = (p.metric(id)?, p.baseline(id)?);
            (scope.admits(m) && scope.admits(b)).then(|| Change {
                pilot: i,
                indicator: id,
                baseline: b.value,
                baseline_year: b.year,
                baseline_provenance: b.provenance(),
                value: m.value,
                year: m.year,
                provenance: m.provenance(),
            })
        })
        .collect();
    IndicatorEvidence {
        id,
        scope,
        pilots: site.pilots.len(),
        sourced: values.iter().filter(|r| r.provenance == Provenance::Sourced).count(),
        years: Years::of(values.iter().map(|r| r.year)),
        yes: values.iter().filter(|r| matches!(r.value, Value::Bool(true))).count(),
        met: ind.target.as_ref().map(|_| met_flags.iter().filter(|&&m| m).count()),
        share_met: ind.target.as_ref().and_then(|_| stats::share(met_flags.iter().copied())),
        values,
        summary,
        proposals,
        proposal_summary: stats::summarize(&thresholds),
        candidates,
        changes,
    }
}

/// The median (or "yes" count) of every indicator over the pilots `members` selects.
fn breakdown<K>(site: &Site, key: K, scope: Scope, members: impl Fn(&Pilot) -> bool) -> Breakdown<K> {
    let pilots: Vec<&Pilot> = site.pilots.iter().filter(|p| members(p)).collect();
    let cells = site
        .indicator_ids()
        .map(|id| {
            let metrics: Vec<&Metric> =
                pilots.iter().filter_map(|p| p.metric(id)).filter(|m| scope.admits(m)).collect();
            let numbers: Vec<f64> = metrics.iter().map(|m| m.value.as_f64()).collect();
            let boolean = site.indicator(id).unit == Unit::Boolean;
            Cell {
                n: metrics.len(),
                sourced: metrics.iter().filter(|m| m.is_sourced()).count(),
                years: Years::of(metrics.iter().map(|m| m.year)),
                median: if boolean { None } else { stats::summarize(&numbers).map(|s| s.median) },
                yes: metrics.iter().filter(|m| matches!(m.value, Value::Bool(true))).count(),
            }
        })
        .collect();
    Breakdown { key, pilots: pilots.len(), cells }
}

/// Every aggregate of the dashboard, over the values `scope` admits.
pub fn evidence(site: &Site, scope: Scope) -> Evidence {
    let indicators: Vec<IndicatorEvidence> = site.indicator_ids().map(|id| indicator_in(site, id, scope)).collect();
    let by_field = site.field_ids().map(|f| breakdown(site, f, scope, |p| p.fields.contains(&f))).collect();
    let by_region =
        site.region_ids().map(|r| breakdown(site, r, scope, |p| site.province(p.province).region == Some(r))).collect();
    let mut changes: Vec<Change> = indicators.iter().flat_map(|e| e.changes.iter().cloned()).collect();
    changes.sort_by_key(|c| (c.pilot, c.indicator));
    Evidence { scope, indicators, by_field, by_region, changes, cost: super::cost::cost(site, scope) }
}

/// The date the data is as of: the latest `updated` (or `date`) of any pilot. It comes from
/// the content, not the clock, so a build of the same content prints the same report.
pub fn data_as_of(site: &Site) -> Option<Date> {
    site.pilots.iter().map(|p| p.last_changed()).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_count_per_year_and_unknown() {
        let y = Years::of([Some(2025), None, Some(2024), Some(2025)]);
        assert_eq!(y.per_year, vec![(2024, 1), (2025, 2)]);
        assert_eq!((y.unknown, y.range()), (1, Some((2024, 2025))));
        assert_eq!(Years::of([None]).range(), None);
    }
}
