//! Values and dates as a reader of the site's language expects them: Vietnamese
//! writes 99,4 % and 10/05/2024, English 99.4 % and 10 May 2024. Bare numbers are
//! `crate::numbers`, shared with messages and the terminal.

use super::theme::I18n;
use crate::model::criteria::Years;
use crate::model::{Date, Indicator, Lang, Unit, Value};
use crate::numbers::number;

/// A value of `ind` with its unit, e.g. "99,4 %", "58,5 triệu đồng", "Có".
pub fn value(ind: &Indicator, v: Value, t: &I18n) -> String {
    match (ind.unit, v) {
        (_, Value::Bool(true)) => t.get("yes").to_string(),
        (_, Value::Bool(false)) => t.get("no").to_string(),
        (Unit::Percent, Value::Number(n)) => format!("{} %", number(n, 2, t.lang)),
        (Unit::MillionVnd, Value::Number(n)) => format!("{} {}", number(n, 2, t.lang), t.get("unit_million_vnd")),
        (_, Value::Number(n)) => number(n, 2, t.lang),
    }
}

/// The change from a baseline to a value, signed, in the value's unit ("+12,5 điểm %").
pub fn change(ind: &Indicator, from: Value, to: Value, t: &I18n) -> String {
    match (from, to) {
        (Value::Number(a), Value::Number(b)) => {
            let d = b - a;
            let sign = if d > 0.0 { "+" } else { "" };
            let unit = match ind.unit {
                Unit::Percent => format!(" {}", t.get("unit_points")),
                Unit::MillionVnd => format!(" {}", t.get("unit_million_vnd")),
                _ => String::new(),
            };
            format!("{sign}{}{unit}", number(d, 2, t.lang))
        }
        (a, b) => format!("{} → {}", value(ind, a, t), value(ind, b, t)),
    }
}

const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

pub fn date(d: Date, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{:02}/{:02}/{}", d.day, d.month, d.year),
        Lang::En => format!("{} {} {}", d.day, MONTHS_EN[(d.month as usize).saturating_sub(1) % 12], d.year),
    }
}

/// A share (0..=1) as a whole percentage.
pub fn percent(share: f64, lang: Lang) -> String {
    format!("{} %", number(share * 100.0, 0, lang))
}

/// The years of an aggregate's values: their range, then how many per year
/// ("2024–2025 (2024: 1; 2025: 3)", or "2025 (4)" for one year), and how many give no year.
pub fn years(y: &Years, t: &I18n) -> String {
    let single = y.per_year.len() == 1;
    let mut parts: Vec<String> =
        y.per_year.iter().map(|(year, k)| if single { k.to_string() } else { format!("{year}: {k}") }).collect();
    if y.unknown > 0 {
        parts.push(format!("{}: {}", t.get("years_unknown"), y.unknown));
    }
    match y.range() {
        None => parts.join("; "),
        Some((a, b)) if a == b => format!("{a} ({})", parts.join("; ")),
        Some((a, b)) => format!("{a}–{b} ({})", parts.join("; ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_language() {
        let d = Date::parse("2024-05-10").unwrap();
        assert_eq!(date(d, Lang::Vi), "10/05/2024");
        assert_eq!(date(d, Lang::En), "10 May 2024");
    }
}
