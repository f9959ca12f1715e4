//! `langso new pilot`: starts a pilot folder for a province editor, so that a new
//! submission begins from the contract's shape instead of a copy of someone else's
//! pilot. The case study gets the six recommended sections (empty, with a hint each);
//! metrics.yaml lists every catalog indicator commented out, with its unit and target,
//! under the schema modeline that gives editors completion in their editor. Nothing
//! existing is ever overwritten, and nothing is written through a symbolic link.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Msg, msg};
use crate::load::registry;
use crate::model::*;
use crate::render::markdown::RECOMMENDED_SECTIONS;
use crate::slug::commune_slug;

pub struct NewPilot {
    pub root: PathBuf,
    pub province: String,
    pub commune: String,
}

/// Why nothing was created (exit 2), worded for the site's language.
#[derive(Debug)]
pub struct NewError(pub String);

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NewError {}

/// Creates `content/pilots/<province>/<commune>/` with `index.md` and `metrics.yaml`;
/// returns the folder's path relative to the root.
pub fn new_pilot(opts: &NewPilot) -> Result<String, NewError> {
    let root = &opts.root;
    if !root.join("content").is_dir() {
        return Err(NewError(crate::build::not_a_site_root(root)));
    }
    let mut diags: Vec<Diagnostic> = Vec::new();
    let config = registry::load_config(root, &mut diags);
    let lang = config.language;
    let regions = registry::load_regions(root, &mut diags);
    let provinces = registry::load_provinces(root, regions.as_deref(), &mut diags).unwrap_or_default();
    let fields = registry::load_fields(root, &mut diags).unwrap_or_default();
    let indicators = registry::load_indicators(root, &mut diags).unwrap_or_default();
    let fail = |m: Msg| NewError(m.render(lang));

    let Some(province) = provinces.iter().find(|p| p.slug == opts.province) else {
        let help = crate::load::mistakes::province_help(&opts.province, &provinces);
        return Err(fail(msg!("new-unknown-province", wrong = &opts.province, help = help)));
    };
    let slug = commune_slug(&opts.commune);
    if slug.is_empty() {
        return Err(fail(msg!("new-no-commune")));
    }
    // The folder is the pilot's published path: what loading would refuse is never made.
    if let Some(problem) = crate::portable::problem(&slug, crate::portable::SLUG_MAX) {
        let (message, help) = problem.words(&slug);
        return Err(fail(msg!("new-unportable", problem = message, help = help)));
    }
    let dir = format!("content/pilots/{}/{slug}", province.slug);
    // The guard loading uses: a linked `content/pilots/<province>` may point anywhere, and
    // the two files would be written there.
    if let Some(link) = crate::path_guard::symlinked_component(root, &dir) {
        let link = msg!("symlink", path = &link).render(lang);
        return Err(NewError(format!("{link}: {}", msg!("symlink-folder-help").render(lang))));
    }
    if root.join(&dir).exists() {
        return Err(fail(msg!("new-exists", path = &dir)));
    }
    let (year, month, day) = today();
    let index = index_md(&opts.commune, province, (year, month, day));
    let metrics = metrics_yaml(&config, &opts.commune, province, &fields, &indicators, year);
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(root.join(&dir).parent().expect("under content/pilots"))?;
        std::fs::create_dir(root.join(&dir))?; // fails if it appeared meanwhile: never overwrite
        write_new(&root.join(&dir).join("index.md"), &index)?;
        write_new(&root.join(&dir).join("metrics.yaml"), &metrics)
    };
    write().map_err(|e| fail(msg!("new-cannot-write", path = &dir, error = e.to_string())))?;
    Ok(dir)
}

fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::OpenOptions::new().write(true).create_new(true).open(path)?.write_all(text.as_bytes())
}

/// The case study: front matter, then the recommended sections with a hint each.
pub fn index_md(commune: &str, province: &Province, (y, m, d): (i32, u8, u8)) -> String {
    const HINTS: [&str; 6] = [
        "Xã ở đâu, dân số, sinh kế chính; vì sao xã được chọn làm thí điểm và xuất phát điểm ra sao.",
        "Những việc đã làm: tổ chức, cách huy động người dân, kinh phí, các bước triển khai.",
        "Các nền tảng, ứng dụng, hạ tầng số được dùng; ai vận hành; người dân dùng thế nào.",
        "Kết quả đo được (so với số liệu trong metrics.yaml) và những thay đổi người dân thấy được.",
        "Điều gì hiệu quả, điều gì chưa; xã khác cần lưu ý gì khi làm theo.",
        "Tiêu chí hoặc ngưỡng đề xuất cho giai đoạn 2026–2030 và lý do.",
    ];
    let mut out = String::new();
    let _ = writeln!(out, "---");
    let _ = writeln!(out, "title: {}", quoted(&format!("{commune}: mô hình xã nông thôn mới thông minh")));
    let _ = writeln!(out, "summary: \"Một hai câu tóm tắt mô hình, hiện trong danh sách và kết quả tìm kiếm.\"");
    let _ = writeln!(out, "# summary_en: \"Tùy chọn: tóm tắt bằng tiếng Anh cho người đọc trang tiếng Anh.\"");
    let _ = writeln!(out, "date: {y:04}-{m:02}-{d:02}");
    let office = format!("Văn phòng Điều phối nông thôn mới {}", unit_name(province));
    let _ = writeln!(out, "authors: [{}]", quoted(&office));
    let _ = writeln!(out, "---");
    for ((title, _), hint) in RECOMMENDED_SECTIONS.iter().zip(HINTS) {
        let _ = write!(out, "\n## {title}\n\n<!-- {hint} -->\n");
    }
    out
}

/// `s` as a double-quoted YAML string, on one line.
fn quoted(s: &str) -> String {
    let one_line: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    format!("\"{}\"", one_line.replace('\\', "\\\\").replace('"', "\\\""))
}

fn unit_name(p: &Province) -> String {
    match p.kind {
        ProvinceKind::City => format!("thành phố {}", p.name),
        ProvinceKind::Province => format!("tỉnh {}", p.name),
    }
}

/// metrics.yaml: the required keys filled in, the optional ones and every indicator of
/// the catalog commented out, with its unit, bounds and target.
pub fn metrics_yaml(
    config: &SiteConfig,
    commune: &str,
    province: &Province,
    fields: &[Field],
    indicators: &[Indicator],
    year: i32,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# yaml-language-server: $schema={}schema/metrics.schema.json", config.base_url);
    let _ = writeln!(out, "commune: {}", quoted(commune));
    let _ = writeln!(out, "province: {}", province.slug);
    if !province.former.is_empty() {
        let former: Vec<&str> = province.former.iter().map(|f| f.slug.as_str()).collect();
        let _ =
            writeln!(out, "# former_province: {}   # đơn vị cũ khi bắt đầu thí điểm: {}", former[0], former.join(", "));
    }
    let _ = writeln!(out, "# former_district: \"\"   # huyện cũ (đã bỏ từ 01/7/2025)");
    let all_fields: Vec<&str> = fields.iter().map(|f| f.slug.as_str()).collect();
    let _ = writeln!(
        out,
        "fields: [{}]   # sửa lại: một hay nhiều lĩnh vực, lĩnh vực đầu là lĩnh vực chính: {}",
        all_fields.first().copied().unwrap_or(""),
        all_fields.join(", ")
    );
    let _ = writeln!(out, "period: {{ start: {year}, end: {year} }}   # năm bắt đầu và năm kết thúc thí điểm");
    let _ = writeln!(out, "status: planned   # planned | ongoing | completed | recognized");
    let _ = writeln!(out, "# population:        # số dân");
    let _ = writeln!(out, "# households:        # số hộ");
    let _ = writeln!(out, "# area_ha:           # diện tích (ha)");
    let _ = writeln!(out, "# budget_million_vnd: {{ total: , central: , local: , other: }}   # kinh phí (triệu đồng)");
    let _ = writeln!(out, "sample: false");
    let _ = writeln!(
        out,
        "# source: \"\"   # nguồn chung của mọi số liệu không ghi nguồn riêng, ví dụ \"Báo cáo UBND xã, 11/2025\"; \
         số liệu không có nguồn là lỗi (trừ khi sample: true)"
    );
    let _ = writeln!(out, "# Bỏ dấu # ở đầu dòng của chỉ tiêu có số liệu, rồi ghi giá trị, năm và nguồn.");
    let _ = writeln!(out, "indicators:");
    for group in Group::ALL {
        let members: Vec<&Indicator> = indicators.iter().filter(|i| i.group == group).collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  # ——— {} ———", group_name(group));
        for ind in members {
            let _ = writeln!(out, "  # {}", indicator_note(ind));
            let _ = writeln!(out, "  # {}: {{ value: , year: {year}, source: \"\" }}", ind.id);
        }
    }
    let _ = writeln!(out, "# baseline:   # giá trị trước khi thí điểm, cùng cách ghi");
    let _ = writeln!(out, "#   commune_records_online_pct: {{ value: , year: , source: \"\" }}");
    let _ = writeln!(out, "# proposals:  # ngưỡng tỉnh đề xuất cho giai đoạn 2026–2030");
    let _ = writeln!(out, "#   - indicator: ");
    let _ = writeln!(out, "#     threshold: ");
    let _ = writeln!(out, "#     note: \"\"");
    out
}

fn group_name(g: Group) -> &'static str {
    match g {
        Group::ChinhQuyenSo => "Chính quyền số",
        Group::KinhTeSo => "Kinh tế số",
        Group::XaHoiSo => "Xã hội số",
        Group::HaTangSo => "Hạ tầng số",
    }
}

/// "Name. Đơn vị: %, 0–100. Mục tiêu 2025: ≥ 60 (QĐ 924/QĐ-TTg)."
fn indicator_note(ind: &Indicator) -> String {
    let number = |v: f64| if v.fract() == 0.0 { format!("{v:.0}") } else { v.to_string() };
    let unit = match ind.unit {
        Unit::Percent => "%",
        Unit::Count => "số đếm (số nguyên)",
        Unit::Number => "số",
        Unit::Boolean => "true (có) hoặc false (không)",
        Unit::MillionVnd => "triệu đồng",
    };
    let mut s = format!("{}. Đơn vị: {unit}", ind.name.vi);
    match ind.bounds() {
        (Some(a), Some(b)) if ind.unit != Unit::Boolean => s.push_str(&format!(", {}–{}", number(a), number(b))),
        (Some(a), None) if ind.unit != Unit::Count => s.push_str(&format!(", từ {}", number(a))),
        _ => {}
    }
    if let Some(t) = &ind.target {
        let value = match t.value {
            Value::Bool(true) => "có".to_string(),
            Value::Bool(false) => "không".to_string(),
            Value::Number(n) => format!("{} {}", if ind.better == Better::Lower { "≤" } else { "≥" }, number(n)),
        };
        let year = t.year.map(|y| format!(" {y}")).unwrap_or_default();
        let source = t.source.as_ref().map(|s| format!(" ({s})")).unwrap_or_default();
        s.push_str(&format!(". Mục tiêu{year}: {value}{source}"));
    }
    s.push('.');
    s
}

/// Today's date (UTC) from the system clock: only `new` reads the clock, never a build.
fn today() -> (i32, u8, u8) {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_quoted_on_one_line() {
        assert_eq!(quoted("Xã \"A\"\\B\nC"), "\"Xã \\\"A\\\"\\\\B C\"");
    }

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_454), (2026, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }
}
