//! The mistakes editors who write numbers and dates the Vietnamese way (or as a
//! spreadsheet shows them) make in YAML, recognised from the text as written, so that
//! a message names the mistake and the fix instead of "expected a number, found text":
//! a decimal comma (`64,5`), thousands separators (`15.600`), a month and a year where
//! a year belongs (`11/2025`), a day-first date (`10/05/2024`).

use crate::diag::{Msg, msg};

/// A value written the wrong way: what is wrong, and how to write it.
pub struct Misread {
    pub message: Msg,
    pub help: Msg,
}

/// What `written` (the text of a value where a number was expected; `whole` when only a
/// whole number fits) most likely meant, if it is a mistake langso recognises.
pub fn number(written: &str, whole: bool) -> Option<Misread> {
    let w = written.trim();
    if let Some((_, year)) = month_year(w) {
        return Some(Misread {
            message: msg!("month-year", written = w),
            help: msg!("month-year-help", year = year.to_string()),
        });
    }
    if let Some(date) = day_first_date(w) {
        return Some(Misread {
            message: msg!("date-not-year", written = w),
            help: msg!("month-year-help", year = date.0.to_string()),
        });
    }
    let (sign, digits) = match w.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", w),
    };
    // `15.600`, `15.600.000`, `1 200`, and in a whole number `15,600`: groups of three.
    if let Some(joined) = thousands(digits, if whole { &['.', ',', ' '] } else { &['.', ' '] })
        && (whole || digits.matches(['.', ' ']).count() > 1 || digits.contains(' '))
    {
        let fixed = format!("{sign}{joined}");
        return Some(Misread {
            message: msg!("thousands-separator", written = w),
            help: msg!("thousands-separator-help", fixed = fixed),
        });
    }
    // `64,5`, `1.234,5`: a comma before the decimals.
    if !whole && let Some((int, frac)) = digits.split_once(',') {
        let int = thousands(int, &['.']).unwrap_or_else(|| int.to_string());
        if !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) && is_digits(frac) {
            let fixed = format!("{sign}{int}.{frac}");
            return Some(Misread {
                message: msg!("decimal-comma", written = w),
                help: msg!("decimal-comma-help", fixed = fixed),
            });
        }
    }
    None
}

/// A date written day first (`10/05/2024`, `10-05-2024`, `10.05.2024`), as the ISO date
/// langso reads (`2024-05-10`).
pub fn date(written: &str) -> Option<Misread> {
    let w = written.trim();
    if let Some((y, m, d)) = day_first_date(w) {
        let iso = format!("{y:04}-{m:02}-{d:02}");
        return Some(Misread {
            message: msg!("day-first-date", written = w),
            help: msg!("day-first-date-help", iso = iso),
        });
    }
    let (month, year) = month_year(w)?;
    let iso = format!("{year:04}-{month:02}-01");
    Some(Misread { message: msg!("month-year-date", written = w), help: msg!("day-first-date-help", iso = iso) })
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `digits` as one number when it is groups of three digits after a first group of one to
/// three, separated by one of `separators` (the same throughout): `15.600` → `15600`.
fn thousands(digits: &str, separators: &[char]) -> Option<String> {
    let sep = digits.chars().find(|c| !c.is_ascii_digit())?;
    if !separators.contains(&sep) {
        return None;
    }
    let mut groups = digits.split(sep);
    let first = groups.next()?;
    if !(1..=3).contains(&first.len()) || !is_digits(first) || first.starts_with('0') {
        return None;
    }
    let mut joined = first.to_string();
    for g in groups {
        if g.len() != 3 || !is_digits(g) {
            return None;
        }
        joined.push_str(g);
    }
    Some(joined)
}

/// `11/2025`, `11-2025`, `11.2025`: a month and a year.
fn month_year(w: &str) -> Option<(u32, i32)> {
    let (m, y) = w.split_once(['/', '-', '.'])?;
    let (month, year) = (m.parse::<u32>().ok()?, y.parse::<i32>().ok()?);
    (m.len() <= 2 && y.len() == 4 && (1..=12).contains(&month) && (1900..=2100).contains(&year))
        .then_some((month, year))
}

/// `10/05/2024` (day, month, year, separated by `/`, `-` or `.`) as (year, month, day).
fn day_first_date(w: &str) -> Option<(i32, u32, u32)> {
    let sep = w.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let parts: Vec<&str> = w.split(sep).collect();
    let [d, m, y] = parts.as_slice() else { return None };
    if d.len() > 2 || m.len() > 2 || y.len() != 4 {
        return None;
    }
    let (day, month, year) = (d.parse::<u32>().ok()?, m.parse::<u32>().ok()?, y.parse::<i32>().ok()?);
    ((1..=31).contains(&day) && (1..=12).contains(&month)).then_some((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    fn help(written: &str, whole: bool) -> Option<String> {
        number(written, whole).map(|m| m.help.render(Lang::En))
    }

    #[test]
    fn numbers_written_the_vietnamese_way_are_recognised() {
        assert_eq!(help("64,5", false).as_deref(), Some("write `64.5`: YAML puts a dot before the decimals"));
        assert_eq!(help("1.234,5", false).as_deref(), Some("write `1234.5`: YAML puts a dot before the decimals"));
        assert_eq!(help("15.600", true).as_deref(), Some("write `15600`, without separators"));
        assert_eq!(help("15,600", true).as_deref(), Some("write `15600`, without separators"));
        assert_eq!(help("15.600.000", false).as_deref(), Some("write `15600000`, without separators"));
        assert_eq!(help("1 200", false).as_deref(), Some("write `1200`, without separators"));
        assert_eq!(help("11/2025", true).as_deref(), Some("write the year alone: `2025`"));
        assert_eq!(help("10/05/2024", true).as_deref(), Some("write the year alone: `2024`"));
        // A decimal number where a number fits is no mistake langso can name; nor is text.
        assert!(help("15.6", true).is_none() && help("abc", false).is_none() && help("64,5a", false).is_none());
        assert!(help("0.600", true).is_none(), "a leading zero is no thousands group");
    }

    #[test]
    fn day_first_dates_become_iso_dates() {
        let h = |w: &str| date(w).map(|m| m.help.render(Lang::En));
        assert_eq!(h("10/05/2024").as_deref(), Some("write `2024-05-10` (year-month-day)"));
        assert_eq!(h("1.5.2024").as_deref(), Some("write `2024-05-01` (year-month-day)"));
        assert_eq!(h("11/2025").as_deref(), Some("write `2025-11-01` (year-month-day)"));
        assert!(h("2024-05-10x").is_none());
    }
}
