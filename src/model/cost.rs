//! What the pilots cost: the budget per pilot and per household (million VND), over all
//! pilots and per primary field, with how many pilots reported a budget. The dashboard, the
//! print report and the downloads read these figures.
//!
//! A pilot's budget is its `total`, or the sum of its parts when no total is given; per
//! household it is that budget divided by the pilot's `households`. A budget carries no
//! source of its own, so the sourced view (`Scope::Sourced`) counts the budgets of pilots
//! that are not `sample: true` (whose values must all cite a source).

use super::Scope;
use super::stats::{self, Summary};
use super::*;

/// The cost figures of a group of pilots.
#[derive(Debug, Clone, PartialEq)]
pub struct CostSummary {
    /// Pilots in the group.
    pub pilots: usize,
    /// Pilots in the group that reported a budget the scope admits.
    pub reporting: usize,
    /// Of `reporting`, those from sample pilots.
    pub from_sample: usize,
    pub per_pilot: Option<Summary>,
    /// Pilots with both a budget and a household count.
    pub per_household_reporting: usize,
    pub per_household: Option<Summary>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cost {
    pub all: CostSummary,
    /// Every field in registry order, by primary field.
    pub by_field: Vec<(FieldId, CostSummary)>,
}

impl Budget {
    /// The total, or the sum of the parts given when there is no total.
    pub fn amount(&self) -> Option<f64> {
        self.total.or_else(|| {
            let parts: Vec<f64> = [self.central, self.local, self.other].into_iter().flatten().collect();
            (!parts.is_empty()).then(|| parts.iter().sum())
        })
    }
}

/// The pilot's budget in million VND, if it reported one.
pub fn budget(p: &Pilot) -> Option<f64> {
    p.budget.as_ref().and_then(Budget::amount).filter(|b| b.is_finite())
}

/// The budget per household in million VND, if the pilot reported both.
pub fn per_household(p: &Pilot) -> Option<f64> {
    let households = p.households.filter(|&h| h > 0)?;
    Some(budget(p)? / households as f64)
}

fn summarize<'a>(pilots: impl Iterator<Item = &'a Pilot>, scope: Scope) -> CostSummary {
    let pilots: Vec<&Pilot> = pilots.collect();
    let reporting: Vec<&&Pilot> =
        pilots.iter().filter(|p| budget(p).is_some() && (scope == Scope::All || !p.sample)).collect();
    let per_pilot: Vec<f64> = reporting.iter().filter_map(|p| budget(p)).collect();
    let per_hh: Vec<f64> = reporting.iter().filter_map(|p| per_household(p)).collect();
    CostSummary {
        pilots: pilots.len(),
        reporting: reporting.len(),
        from_sample: reporting.iter().filter(|p| p.sample).count(),
        per_pilot: stats::summarize(&per_pilot),
        per_household_reporting: per_hh.len(),
        per_household: stats::summarize(&per_hh),
    }
}

pub fn cost(site: &Site, scope: Scope) -> Cost {
    Cost {
        all: summarize(site.pilots.iter(), scope),
        by_field: site
            .field_ids()
            .map(|f| (f, summarize(site.pilots.iter().filter(|p| p.primary_field() == Some(f)), scope)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_without_total_is_the_sum_of_its_parts() {
        let b = Budget { total: None, central: Some(3000.0), local: Some(1200.0), other: None };
        assert_eq!(b.amount(), Some(4200.0));
        assert_eq!(Budget { total: Some(6200.0), ..b.clone() }.amount(), Some(6200.0));
        assert_eq!(Budget::default().amount(), None);
    }
}
