//! Numbers written the way the site's language writes them: Vietnamese 1.145,5, English
//! 1,145.5. A leaf every layer may use: messages (`diag`) word their numbers with it as
//! pages (`render::format`) and the terminal (`main`, `serve`) do, so it may depend on
//! nothing but the language (`model::Lang`).

use crate::model::Lang;

/// Formats `v` with at most `decimals` decimals (trailing zeros dropped) and grouped thousands.
pub fn number(v: f64, decimals: usize, lang: Lang) -> String {
    grouped(v, decimals, lang, true)
}

/// Formats `v` with exactly `decimals` decimals and grouped thousands: "11,0" MB.
pub fn fixed(v: f64, decimals: usize, lang: Lang) -> String {
    grouped(v, decimals, lang, false)
}

fn grouped(v: f64, decimals: usize, lang: Lang, drop_zeros: bool) -> String {
    let (group, point) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let fixed = format!("{:.*}", decimals, v.abs());
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let frac = if drop_zeros { frac.trim_end_matches('0') } else { frac };
    let mut out = String::new();
    if v < 0.0 && fixed.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(number(1145.5, 2, Lang::Vi), "1.145,5");
        assert_eq!(number(1145.5, 2, Lang::En), "1,145.5");
        assert_eq!(number(1234567.0, 2, Lang::Vi), "1.234.567");
        assert_eq!(number(99.4, 2, Lang::Vi), "99,4");
        assert_eq!(number(-12.25, 1, Lang::En), "-12.2");
        assert_eq!(number(-0.001, 2, Lang::En), "0");
        assert_eq!(number(0.0, 2, Lang::Vi), "0");
        assert_eq!(fixed(11.0, 1, Lang::Vi), "11,0");
        assert_eq!(fixed(1234.0, 1, Lang::En), "1,234.0");
    }
}
