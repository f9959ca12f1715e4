//! Numbers that parse but cannot be what the editor meant: a point used as a thousands
//! separator (`area_ha: 5.200`, which the site itself would write for 5,200), a share
//! pasted from a spreadsheet as a fraction (`0.86` for 86 %), budget parts that do not add
//! up, a commune whose people per household no commune has. Which indicators these rules
//! concern is data of the catalog (`unit`, `typical` in indicators.yaml), not code.

use super::yaml::{Kind, Node};
use crate::diag::{Diagnostic, msg};
use crate::model::{Budget, Indicator, IndicatorId, Unit, Value};

/// People per household a commune can plausibly have. Vietnam's 2019 census counted
/// about 3.5 nationally; the bounds are deliberately wide, so outside them one of the two
/// counts is almost surely mistyped.
pub const HOUSEHOLD_SIZE: (f64, f64) = (1.5, 8.0);

/// How far the budget parts may be from the total (a share of it), for rounding.
const BUDGET_TOLERANCE: f64 = 0.005;

/// True, after an error, when `n` is a number written with exactly three digits after
/// the point (`5.200`): in Vietnamese the point separates thousands, so a quantity that
/// is typically a whole number in the thousands was meant as 5200. `5.2` or `5200` pass.
pub fn thousands_separator(n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> bool {
    let Kind::Float(_, written) = &n.kind else { return false };
    if n.decimals_written() != Some(3) {
        return false;
    }
    let written = &**written;
    let meant = without_point(written);
    diags.push(
        Diagnostic::error("thousands-separator", n.at(rel), msg!("thousands-separator", written = written)).help(msg!(
            "thousands-separator-help",
            meant = &meant,
            written = written
        )),
    );
    true
}

/// `5.200` → `5200`, `-0.250` → `-250`: the number a point used as a separator stands for.
fn without_point(written: &str) -> String {
    let (sign, digits) = match written.strip_prefix(['-', '+']) {
        Some(rest) => (&written[..1], rest),
        None => ("", written),
    };
    let joined: String = digits.chars().filter(|c| *c != '.' && *c != '_').collect();
    let trimmed = joined.trim_start_matches('0');
    let sign = if sign == "-" { "-" } else { "" };
    if trimmed.is_empty() { "0".to_string() } else { format!("{sign}{trimmed}") }
}

/// Whether an indicator's value is typically a whole number in the thousands, so that
/// three digits after the point read as a thousands separator: counts always, other
/// numbers when the catalog's `typical` range holds the value times 1000 but not the value.
pub fn in_thousands(ind: &Indicator, v: f64) -> bool {
    match (ind.unit, ind.typical) {
        (Unit::Count, _) => true,
        (Unit::Boolean | Unit::Percent, _) => false,
        (_, Some((lo, hi))) => !(lo..=hi).contains(&v) && (lo..=hi).contains(&(v * 1000.0)),
        (_, None) => false,
    }
}

/// A value read from metrics.yaml with the node it was written at.
pub struct Reading<'n> {
    pub indicator: IndicatorId,
    pub value: Value,
    pub node: &'n Node,
}

/// Warns (`percent-as-fraction`) about a percentage written as a fraction, 0 < v ≤ 1, where
/// it reads as a percentage elsewhere: another value of the same indicator in this pilot
/// (indicators, baseline, proposals) is above 1, or the catalog's `typical` range starts
/// above 1.
pub fn percent_fractions(readings: &[Reading], indicators: &[Indicator], rel: &str, diags: &mut Vec<Diagnostic>) {
    for r in readings {
        let ind = &indicators[r.indicator.index()];
        let Value::Number(v) = r.value else { continue };
        if ind.unit != Unit::Percent || !(v > 0.0 && v <= 1.0) {
            continue;
        }
        let elsewhere = readings.iter().any(|o| o.indicator == r.indicator && o.value.as_f64() > 1.0);
        let typical = ind.typical.is_some_and(|(lo, _)| lo > 1.0);
        if elsewhere || typical {
            let meant = round6(v * 100.0);
            diags.push(
                Diagnostic::warning(
                    "percent-as-fraction",
                    r.node.at(rel),
                    msg!("percent-as-fraction", value = v, id = &ind.id),
                )
                .help(msg!("percent-as-fraction-help", meant = meant, value = v)),
            );
        }
    }
}

/// `0.86 * 100` is 86.00000000000001 in binary; shown to an editor it is 86.
fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// Errs (`budget-sum`) when the parts of a budget cannot make its total: all three given
/// and their sum differs from it, or fewer given and they exceed it (beyond rounding).
pub fn budget_sum(b: &Budget, total_at: Option<&Node>, rel: &str, diags: &mut Vec<Diagnostic>) {
    let (Some(total), Some(at)) = (b.total, total_at) else { return };
    let parts = [b.central, b.local, b.other];
    let given: Vec<f64> = parts.iter().flatten().copied().collect();
    if given.is_empty() {
        return;
    }
    let sum = round6(given.iter().sum());
    let tolerance = (total * BUDGET_TOLERANCE).max(1.0);
    let wrong = if given.len() == parts.len() { (sum - total).abs() > tolerance } else { sum > total + tolerance };
    if wrong {
        diags.push(
            Diagnostic::error("budget-sum", at.at(rel), msg!("budget-sum", sum = sum, total = total))
                .help(msg!("budget-sum-help", sum = sum)),
        );
    }
}

/// Warns (`household-size`) when population / households is outside `HOUSEHOLD_SIZE`, at
/// the households value.
pub fn household_size(
    population: Option<u64>,
    households: Option<(u64, &Node)>,
    rel: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let (Some(people), Some((homes, at))) = (population, households) else { return };
    if homes == 0 {
        return;
    }
    let size = people as f64 / homes as f64;
    let (lo, hi) = HOUSEHOLD_SIZE;
    if !(lo..=hi).contains(&size) {
        let size = (size * 10.0).round() / 10.0;
        diags.push(
            Diagnostic::warning(
                "household-size",
                at.at(rel),
                msg!("household-size", people = people, households = homes, size = size),
            )
            .help(msg!("household-size-help", lo = lo, hi = hi)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml;

    fn value(text: &str) -> Node {
        let n = yaml::parse(&format!("v: {text}\n"), "t.yaml", 0).unwrap();
        let Kind::Map(mut entries) = n.kind else { panic!("map") };
        entries.remove(0).1
    }

    #[test]
    fn three_digits_after_the_point_read_as_a_separator() {
        for (text, meant) in [("5.200", "5200"), ("0.500", "500"), ("12.345", "12345"), ("-1.000", "-1000")] {
            let mut d = Vec::new();
            assert!(thousands_separator(&value(text), "t.yaml", &mut d), "{text}");
            let help = d[0].help_in(crate::model::Lang::En);
            assert!(help.starts_with(&format!("did you mean {meant}?")), "{help}");
        }
        for text in ["5.2", "5.20", "5.2000", "5200", "\"5.200\"", "1.5e3"] {
            assert!(!thousands_separator(&value(text), "t.yaml", &mut Vec::new()), "{text}");
        }
    }

    fn indicator(unit: Unit, typical: Option<(f64, f64)>) -> Indicator {
        Indicator {
            id: "x".into(),
            group: crate::model::Group::KinhTeSo,
            name: Default::default(),
            unit,
            better: crate::model::Better::Higher,
            min: None,
            max: None,
            target: None,
            typical,
            description: String::new(),
        }
    }

    #[test]
    fn the_catalog_says_which_indicators_are_in_the_thousands() {
        assert!(in_thousands(&indicator(Unit::Count, None), 4.0));
        assert!(!in_thousands(&indicator(Unit::Percent, Some((0.0, 100_000.0))), 5.2));
        assert!(!in_thousands(&indicator(Unit::MillionVnd, None), 5.2), "no typical range, no guess");
        let income = indicator(Unit::MillionVnd, Some((20.0, 200.0)));
        assert!(!in_thousands(&income, 58.5), "58.500 million per person stays 58.5");
        let budget = indicator(Unit::MillionVnd, Some((500.0, 50_000.0)));
        assert!(in_thousands(&budget, 5.2) && !in_thousands(&budget, 800.5));
    }

    fn budget_errors(b: Budget) -> usize {
        let at = value("1");
        let mut d = Vec::new();
        budget_sum(&b, Some(&at), "t.yaml", &mut d);
        d.len()
    }

    #[test]
    fn budget_parts_make_the_total_within_rounding() {
        let b = |total, central, local, other| Budget { total, central, local, other };
        assert_eq!(budget_errors(b(Some(11000.0), Some(5500.0), Some(1000.0), Some(4500.0))), 0);
        assert_eq!(budget_errors(b(Some(6200.0), Some(3000.0), Some(2000.0), Some(1000.0))), 1);
        assert_eq!(
            budget_errors(b(Some(10000.0), Some(3330.0), Some(3330.0), Some(3330.0))),
            0,
            "within 0.5 %: rounding"
        );
        // With parts missing, only parts exceeding the total are impossible.
        assert_eq!(budget_errors(b(Some(6200.0), Some(3000.0), None, None)), 0);
        assert_eq!(budget_errors(b(Some(2000.0), Some(3000.0), None, None)), 1);
        assert_eq!(budget_errors(b(None, Some(3000.0), Some(1.0), Some(1.0))), 0);
    }

    #[test]
    fn people_per_household_stay_between_the_bounds() {
        let homes = value("1000");
        let warned = |people: u64| {
            let mut d = Vec::new();
            household_size(Some(people), Some((1000, &homes)), "t.yaml", &mut d);
            !d.is_empty()
        };
        assert!(!warned(1500) && !warned(3500) && !warned(8000));
        assert!(warned(1499) && warned(8001));
        let mut d = Vec::new();
        household_size(Some(10), Some((0, &homes)), "t.yaml", &mut d);
        assert!(d.is_empty(), "no households, no ratio");
    }

    #[test]
    fn a_fraction_is_flagged_only_where_it_reads_as_a_percentage() {
        let inds = [indicator(Unit::Percent, None), indicator(Unit::Percent, Some((20.0, 100.0)))];
        let (small, large, one) = (value("0.86"), value("60"), value("1"));
        let reading = |i: u16, v: f64, node| Reading { indicator: IndicatorId(i), value: Value::Number(v), node };
        let flagged = |readings: &[Reading]| {
            let mut d = Vec::new();
            percent_fractions(readings, &inds, "t.yaml", &mut d);
            d.iter().map(|d| d.help_in(crate::model::Lang::En)).collect::<Vec<_>>()
        };
        assert!(flagged(&[reading(0, 0.86, &small)]).is_empty(), "alone, 0.86 % may be real");
        let found = flagged(&[reading(0, 0.86, &small), reading(0, 60.0, &large)]);
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("did you mean 86?"), "{found:?}");
        assert_eq!(flagged(&[reading(1, 0.86, &small)]).len(), 1, "the catalog's typical range starts at 20");
        assert_eq!(flagged(&[reading(0, 1.0, &one), reading(0, 60.0, &large)]).len(), 1);
        assert!(flagged(&[reading(0, 0.86, &small), reading(1, 60.0, &large)]).is_empty(), "another indicator");
    }

    #[test]
    fn fractions_are_rounded_for_editors() {
        assert_eq!(round6(0.86 * 100.0), 86.0);
        assert_eq!(round6(0.035 * 100.0), 3.5);
    }
}
