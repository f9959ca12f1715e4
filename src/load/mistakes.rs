//! The mistakes editors who write numbers and dates the Vietnamese way (or as a
//! spreadsheet shows them) make in YAML, recognised from the text as written, so that
//! a message names the mistake and the fix instead of "expected a number, found text":
//! a decimal comma (`64,5`), thousands separators (`15.600`), a month and a year where
//! a year belongs (`11/2025`), a day-first date (`10/05/2024`); and a province written
//! by its name (`Nghệ An`) or as the unit it was before the merger of 1 July 2025
//! (`tien-giang`); a file named almost as langso expects (`metrics.yml`,
//! `metrics.yaml.txt` saved by a Windows editor that hides extensions, `Index.md`).

use crate::diag::{Msg, did_you_mean, msg};
use crate::model::Province;
use crate::slug::slugify;

/// A value written the wrong way: what is wrong, and how to write it.
pub struct Misread {
    pub message: Msg,
    pub help: Msg,
}

/// What `written` (the text of a value where a number was expected; `whole` when only a
/// whole number fits) most likely meant, if it is a mistake langso recognises.
pub fn number(written: &str, whole: bool) -> Option<Misread> {
    let w = written.trim();
    // `64%`, `64,5 %`: the unit is the indicator's, not the value's.
    if let Some(n) = w.strip_suffix('%').map(str::trim_end).filter(|n| !n.ends_with('%')) {
        let fixed = match number(n, whole) {
            Some(_) => return number(n, whole).map(|m| Misread { message: msg!("percent-sign", written = w), ..m }),
            None if n.parse::<f64>().is_ok_and(f64::is_finite) => n.to_string(),
            None => return None,
        };
        return Some(Misread {
            message: msg!("percent-sign", written = w),
            help: msg!("percent-sign-help", fixed = fixed),
        });
    }
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
            message: msg!("separator-in-number", written = w),
            help: msg!("separator-in-number-help", fixed = fixed),
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

/// Yes or no written in words (`có`, `không`) where `true` or `false` belongs.
pub fn yes_no(written: &str) -> Option<Misread> {
    let folded = slugify(written);
    let value = match folded.as_str() {
        "co" | "dung" | "dat" | "yes" | "x" => "true",
        "khong" | "sai" | "chua" | "chua-dat" | "no" => "false",
        _ => return None,
    };
    Some(Misread {
        message: msg!("yes-no-in-words", written = written),
        help: msg!("yes-no-in-words-help", value = value),
    })
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

/// The help for `wrong` where a province slug of `provinces` belongs (a folder under
/// `content/pilots/`, `province:`, `new pilot --province`): the slug of a name written
/// instead of it, the unit that absorbed a former province with the merger named, or
/// the closest slug. A plain "did you mean" would send `tien-giang` to `tuyen-quang`.
pub fn province_help(wrong: &str, provinces: &[Province]) -> Msg {
    let folded = slugify(wrong);
    if let Some(p) = provinces.iter().find(|p| p.slug == folded) {
        return msg!("province-name-not-slug", name = wrong, slug = &p.slug);
    }
    if let Some(help) = merged_unit(wrong, provinces) {
        return help;
    }
    let known: Vec<&str> = provinces.iter().map(|p| p.slug.as_str()).collect();
    did_you_mean(wrong, &known, msg!("listed-provinces"))
}

/// When `wrong` is (the slug or the name of) a unit merged into or renamed as another
/// one: which, and since when.
pub fn merged_unit(wrong: &str, provinces: &[Province]) -> Option<Msg> {
    let folded = slugify(wrong);
    let (p, f) = provinces
        .iter()
        .find_map(|p| p.former.iter().find(|f| f.slug == folded && f.slug != p.slug).map(|f| (p, f)))?;
    Some(if p.former.len() == 1 {
        msg!("province-renamed", wrong = wrong, former = &f.name, name = &p.name, slug = &p.slug)
    } else {
        let units: Vec<&str> = p.former.iter().map(|f| f.name.as_str()).collect();
        msg!(
            "province-merged",
            wrong = wrong,
            former = &f.name,
            units = units.join(", "),
            name = &p.name,
            slug = &p.slug
        )
    })
}

/// The name among `names` that was meant to be `expected` (`index.md`, `metrics.yaml`):
/// the same but for upper case, a `.txt` added, `.yml` for `.yaml` or `.markdown` for `.md`.
pub fn misnamed<'a>(expected: &str, names: &'a [String]) -> Option<&'a str> {
    let normal = |name: &str| {
        let lower = name.to_lowercase();
        let lower = lower.strip_suffix(".txt").unwrap_or(&lower).to_string();
        let lower = lower.strip_suffix(".yml").map(|s| format!("{s}.yaml")).unwrap_or(lower);
        lower.strip_suffix(".markdown").map(|s| format!("{s}.md")).unwrap_or(lower)
    };
    names.iter().map(String::as_str).find(|n| *n != expected && normal(n) == expected)
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
        assert_eq!(help("64%", false).as_deref(), Some("write `64`: the unit is set by the indicator"));
        assert_eq!(help("64,5 %", false).as_deref(), Some("write `64.5`: YAML puts a dot before the decimals"));
        assert!(help("nhiều%", false).is_none());
        assert!(help(&"9%".repeat(100_000), false).is_none() && help(&"%".repeat(100_000), false).is_none());
        let yes_no = |w: &str| yes_no(w).map(|m| m.help.render(Lang::En));
        assert_eq!(yes_no("Có").as_deref(), Some("write `true` (yes) or `false` (no); here: `true`"));
        assert_eq!(yes_no("không").as_deref(), Some("write `true` (yes) or `false` (no); here: `false`"));
        assert!(yes_no("có lẽ").is_none());
    }

    #[test]
    fn provinces_are_suggested_by_their_slug_and_their_merger() {
        let mut diags = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let regions = crate::load::registry::load_regions(root, &mut diags);
        let provinces = crate::load::registry::load_provinces(root, regions.as_deref(), &mut diags).unwrap();
        let help = |w: &str| province_help(w, &provinces).render(Lang::Vi);
        assert_eq!(
            help("tien-giang"),
            "`tien-giang` là Tiền Giang: từ ngày 1/7/2025, Đồng Tháp, Tiền Giang hợp nhất thành Đồng Tháp; ghi `dong-thap`"
        );
        assert!(help("quang-binh").ends_with("hợp nhất thành Quảng Trị; ghi `quang-tri`"), "{}", help("quang-binh"));
        assert!(help("nam-dinh").ends_with("hợp nhất thành Ninh Bình; ghi `ninh-binh`"), "{}", help("nam-dinh"));
        assert!(help("Nam Định").ends_with("ghi `ninh-binh`"), "{}", help("Nam Định"));
        assert_eq!(help("thua-thien-hue"), "`thua-thien-hue` là Thừa Thiên Huế, nay là Huế; ghi `hue`");
        assert_eq!(help("Nghệ An"), "`Nghệ An` là tên; hãy ghi mã `nghe-an` (chữ thường không dấu, nối bằng `-`)");
        assert_eq!(help("nghe-ann"), "có phải ý bạn là `nghe-an`?");
    }

    #[test]
    fn files_named_almost_right_are_found() {
        let names: Vec<String> = ["anh.jpg", "Metrics.YML", "index.md.txt"].map(String::from).to_vec();
        assert_eq!(misnamed("metrics.yaml", &names), Some("Metrics.YML"));
        assert_eq!(misnamed("index.md", &names), Some("index.md.txt"));
        let names: Vec<String> = ["metrics.yaml.txt", "Index.MD"].map(String::from).to_vec();
        assert_eq!(misnamed("metrics.yaml", &names), Some("metrics.yaml.txt"));
        assert_eq!(misnamed("index.md", &names), Some("Index.MD"));
        assert_eq!(misnamed("index.md", &["index.md".to_string(), "bai.md".to_string()]), None);
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
