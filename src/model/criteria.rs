//! The evidence for the 2026–2030 criteria, computed once from the model: per indicator
//! what the pilots reached, how that compares with the 2025 target, what provinces
//! propose and which thresholds the pilots themselves suggest; per field and per region
//! the medians; per pilot the change from its baseline. The dashboard pages, charts and
//! downloads all read these figures, so they always agree.
//!
//! Definitions (also in docs/content-format.md, "Choices where the contract is silent"):
//! - every pilot that reports an indicator counts, sample pilots included;
//! - quartiles are type 7 (see `stats::summarize`); a boolean indicator counts "yes";
//! - candidate thresholds are computed for numeric indicators only: the median, and the
//!   value that 75 % of reporting pilots reach — the 25th percentile when higher is better,
//!   the 75th when lower is better;
//! - a pilot counts in every field it lists, as on the home page and the field pages (so
//!   the field groups may overlap), and in its province's region (so the region groups
//!   partition the pilots that have one);
//! - every field and every region of the registries has its group, empty ones included:
//!   the regions are the site's own working grouping, and a reader must see which have no
//!   pilot yet.

use super::stats::{self, Summary};
use super::*;

/// Fewer reporting pilots than this and an indicator's evidence is marked as thin.
pub const THIN_EVIDENCE: usize = 5;

/// One province's proposed threshold for an indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct ProposalRef {
    /// Index into `site.pilots`.
    pub pilot: usize,
    pub threshold: Value,
}

/// Thresholds computed from the pilots' own values: not official, a starting point.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidates {
    pub median: f64,
    /// The value that 75 % of reporting pilots reach in the indicator's good direction.
    pub reached_by_75: f64,
}

/// One pilot's value against its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub pilot: usize,
    pub indicator: IndicatorId,
    pub baseline: Value,
    pub baseline_year: Option<i32>,
    pub value: Value,
    pub year: Option<i32>,
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
    /// Pilots in the site (the "out of").
    pub pilots: usize,
    /// Reporting pilots as (index into `site.pilots`, value), in site order.
    pub values: Vec<(usize, Value)>,
    /// Over every reported value (a boolean counts as 0 or 1); `None` when nobody reports.
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

/// One indicator within a group: how many report it and their median ("yes" count for booleans).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    pub n: usize,
    pub median: Option<f64>,
    pub yes: usize,
}

#[derive(Debug, Clone)]
pub struct Evidence {
    pub indicators: Vec<IndicatorEvidence>,
    /// Every field, with the pilots that list it (in any position), in registry order.
    pub by_field: Vec<Breakdown<FieldId>>,
    /// Every region, with the pilots of its provinces, in registry order.
    pub by_region: Vec<Breakdown<RegionId>>,
    /// Every pilot's changes from baseline, by pilot then catalog order.
    pub changes: Vec<Change>,
}

pub fn indicator(site: &Site, id: IndicatorId) -> IndicatorEvidence {
    let ind = site.indicator(id);
    let values: Vec<(usize, Value)> =
        site.pilots.iter().enumerate().filter_map(|(i, p)| p.metric(id).map(|m| (i, m.value))).collect();
    let numbers: Vec<f64> = values.iter().map(|(_, v)| v.as_f64()).collect();
    let summary = stats::summarize(&numbers);
    let met_flags: Vec<bool> = values.iter().filter_map(|(_, v)| ind.meets_target(*v)).collect();
    let proposals: Vec<ProposalRef> = site
        .pilots
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.proposals
                .iter()
                .filter(|pr| pr.indicator == id)
                .map(move |pr| ProposalRef { pilot: i, threshold: pr.threshold })
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
    let candidates = summary.as_ref().filter(|_| numeric).map(|s| Candidates {
        median: s.median,
        reached_by_75: match ind.better {
            Better::Higher => s.q1,
            Better::Lower => s.q3,
        },
    });
    let changes = site
        .pilots
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let (m, b) = (p.metric(id)?, p.baseline(id)?);
            Some(Change {
                pilot: i,
                indicator: id,
                baseline: b.value,
                baseline_year: b.year,
                value: m.value,
                year: m.year,
            })
        })
        .collect();
    IndicatorEvidence {
        id,
        pilots: site.pilots.len(),
        yes: values.iter().filter(|(_, v)| matches!(v, Value::Bool(true))).count(),
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
fn breakdown<K>(site: &Site, key: K, members: impl Fn(&Pilot) -> bool) -> Breakdown<K> {
    let pilots: Vec<&Pilot> = site.pilots.iter().filter(|p| members(p)).collect();
    let cells = site
        .indicator_ids()
        .map(|id| {
            let values: Vec<Value> = pilots.iter().filter_map(|p| p.metric(id)).map(|m| m.value).collect();
            let numbers: Vec<f64> = values.iter().map(|v| v.as_f64()).collect();
            let boolean = site.indicator(id).unit == Unit::Boolean;
            Cell {
                n: values.len(),
                median: if boolean { None } else { stats::summarize(&numbers).map(|s| s.median) },
                yes: values.iter().filter(|v| matches!(v, Value::Bool(true))).count(),
            }
        })
        .collect();
    Breakdown { key, pilots: pilots.len(), cells }
}

pub fn evidence(site: &Site) -> Evidence {
    let indicators: Vec<IndicatorEvidence> = site.indicator_ids().map(|id| indicator(site, id)).collect();
    let by_field = (0..site.fields.len())
        .map(|i| FieldId(i as u16))
        .map(|f| breakdown(site, f, |p| p.fields.contains(&f)))
        .collect();
    let by_region = (0..site.regions.len())
        .map(|i| RegionId(i as u16))
        .map(|r| breakdown(site, r, |p| site.province(p.province).region == Some(r)))
        .collect();
    let mut changes: Vec<Change> = indicators.iter().flat_map(|e| e.changes.iter().cloned()).collect();
    changes.sort_by_key(|c| (c.pilot, c.indicator));
    Evidence { indicators, by_field, by_region, changes }
}
