//! The shipped sample content meets what the site promises its readers: enough
//! pilots, provinces and fields, full case studies, honest figures, and pages light
//! enough for a phone on a rural connection.

mod common;

use std::collections::BTreeSet;

use common::*;

const SECTIONS: [&str; 6] = ["Bối cảnh", "Giải pháp", "Nền tảng số", "Kết quả", "Bài học", "Đề xuất tiêu chí"];

struct SamplePilot {
    province: String,
    dir: String,
    index: String,
    metrics: String,
}

fn sample_pilots() -> Vec<SamplePilot> {
    let mut out = Vec::new();
    let pilots = repo_root().join("content/pilots");
    for prov in std::fs::read_dir(&pilots).unwrap() {
        let prov = prov.unwrap();
        for commune in std::fs::read_dir(prov.path()).unwrap() {
            let path = commune.unwrap().path();
            out.push(SamplePilot {
                province: prov.file_name().to_string_lossy().into_owned(),
                dir: path.display().to_string(),
                index: std::fs::read_to_string(path.join("index.md")).unwrap(),
                metrics: std::fs::read_to_string(path.join("metrics.yaml")).unwrap(),
            });
        }
    }
    out
}

/// The lines of the `indicators:` mapping, one per indicator.
fn indicator_lines(metrics: &str) -> Vec<&str> {
    let mut inside = false;
    let mut out = Vec::new();
    for line in metrics.lines() {
        if line.starts_with("indicators:") {
            inside = true;
        } else if !line.starts_with(' ') && !line.trim().is_empty() && !line.starts_with('#') {
            inside = false;
        } else if inside && line.starts_with("  ") && !line.starts_with("   ") && line.contains(':') {
            out.push(line.trim());
        }
    }
    out
}

#[test]
fn sample_content_covers_enough_pilots_provinces_and_fields() {
    let pilots = sample_pilots();
    assert!(pilots.len() >= 10, "{} pilots", pilots.len());
    let provinces: BTreeSet<&str> = pilots.iter().map(|p| p.province.as_str()).collect();
    assert!(provinces.len() >= 8, "{provinces:?}");
    let mut fields = BTreeSet::new();
    for p in &pilots {
        let line = p.metrics.lines().find(|l| l.starts_with("fields:")).unwrap();
        let list = line.trim_start_matches("fields:").trim().trim_matches(['[', ']']);
        fields.extend(list.split(',').map(|s| s.trim().to_string()));
    }
    assert!(fields.len() >= 6, "{fields:?}");
}

#[test]
fn every_case_study_is_complete() {
    for p in sample_pilots() {
        let body = p.index.splitn(3, "---").nth(2).unwrap();
        let words = body.split_whitespace().count();
        assert!(words >= 500, "{}: {words} words", p.dir);
        let headings: Vec<&str> = body.lines().filter_map(|l| l.strip_prefix("## ")).map(str::trim).collect();
        let positions: Vec<usize> =
            SECTIONS.iter().map(|s| headings.iter().position(|h| h == s).unwrap_or(usize::MAX)).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1] && w[1] != usize::MAX), "{}: sections {headings:?}", p.dir);
        let n = indicator_lines(&p.metrics).len();
        assert!(n >= 10, "{}: {n} indicators", p.dir);
    }
}

#[test]
fn invented_figures_are_marked_as_sample() {
    for p in sample_pilots() {
        let unsourced = indicator_lines(&p.metrics).into_iter().filter(|l| !l.contains("source:")).count();
        if unsourced > 0 {
            assert!(p.metrics.contains("\nsample: true"), "{}: {unsourced} values without a source", p.dir);
        }
    }
}

/// The shipped content built into a temporary folder (kept while the first value lives).
fn build_shipped_content() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = langso(&["build", "--root", repo_root().to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    (tmp, out)
}

#[test]
fn a_pilot_page_with_its_css_and_js_stays_within_60_kb() {
    let (_tmp, out) = build_shipped_content();
    let files = tree(&out);
    let assets: usize = ["assets/style.css", "assets/site.js"].iter().map(|a| files[*a].len()).sum();
    let (largest, bytes) = files
        .iter()
        .filter(|(p, _)| p.starts_with("pilots/") && p.ends_with("/index.html") && p.matches('/').count() == 3)
        .map(|(p, b)| (p.clone(), b.len()))
        .max_by_key(|(_, n)| *n)
        .unwrap();
    assert!(bytes + assets <= 60 * 1024, "{largest}: {bytes} B + {assets} B of CSS and JS");
    // Nothing a page loads comes from another host: no web fonts, no CDN.
    for (path, bytes) in &files {
        if path.ends_with(".html") || path.ends_with(".css") {
            let text = String::from_utf8_lossy(bytes);
            for src in attributes(&text, "src") {
                assert!(!src.starts_with("http") && !src.starts_with("//"), "{path} loads {src}");
            }
            for tag in text.split("<link ").skip(1) {
                let tag = &tag[..tag.find('>').unwrap()];
                if !tag.contains("rel=\"canonical\"") {
                    let href = attributes(&format!(" {tag}"), "href").pop().unwrap_or_default();
                    assert!(!href.starts_with("http") && !href.starts_with("//"), "{path} loads {href}");
                }
            }
            assert!(!text.contains("@import") && !text.contains("url(http"), "{path} loads a remote resource");
        }
    }
}

/// The block of `- slug: <slug>` in a registry, up to the next entry.
fn registry_entry<'t>(text: &'t str, slug: &str) -> &'t str {
    let start = text.find(&format!("\n- slug: {slug}\n")).unwrap_or_else(|| panic!("no entry {slug}")) + 1;
    let end = text[start + 1..].find("\n- ").map_or(text.len(), |i| start + 1 + i);
    &text[start..end]
}

/// The published figures are filed under the indicator whose definition says exactly
/// what was measured (smart-ntm-facts: dossiers *handled* online, not submitted fully
/// online, and not commune work records).
#[test]
fn published_figures_sit_under_the_indicator_that_defines_them() {
    let catalog = std::fs::read_to_string(repo_root().join("content/indicators.yaml")).unwrap();
    let handled = catalog.split("\n- id: ").find(|e| e.starts_with("dossiers_handled_online_pct\n")).unwrap();
    assert!(handled.contains("được giải quyết trực tuyến") && handled.contains("giải quyết trên môi trường mạng"));
    let pilots = sample_pilots();
    let metrics = |dir: &str| &pilots.iter().find(|p| p.dir.ends_with(dir)).unwrap().metrics;
    let tuc_tranh = metrics("thai-nguyen/tuc-tranh");
    assert!(tuc_tranh.contains("  dossiers_handled_online_pct: { value: 99.4, year: 2023, source: "), "{tuc_tranh}");
    assert!(!tuc_tranh.contains("online_dossiers_pct: { value: 99.4"), "{tuc_tranh}");
    let thoai_giang = metrics("an-giang/thoai-giang");
    let baseline = thoai_giang.split("\nbaseline:\n").nth(1).unwrap();
    assert!(baseline.contains("  dossiers_handled_online_pct: { value: 69.62, year: 2022, source: "), "{baseline}");
    assert!(!baseline.contains("commune_records_online_pct: { value: 69.62"), "{baseline}");
}

/// "Formed from" names every unit merged, the one that kept its name too (Tuyên Quang:
/// Tuyên Quang, Hà Giang); Huế, renamed rather than merged, names Thừa Thiên Huế.
#[test]
fn merged_units_list_themselves_among_their_former_units() {
    let provinces = std::fs::read_to_string(repo_root().join("content/provinces.yaml")).unwrap();
    let mut merged = 0;
    for entry in provinces.split("\n- slug: ").skip(1) {
        let slug = entry.lines().next().unwrap().trim();
        let former: Vec<&str> = entry
            .lines()
            .filter_map(|l| l.trim().strip_prefix("- { slug: "))
            .map(|l| l.split(',').next().unwrap())
            .collect();
        if former.len() > 1 {
            merged += 1;
            assert!(former.contains(&slug), "{slug} is formed from {former:?}, not itself");
        }
    }
    assert_eq!(merged, 23, "Resolution 202/2025/QH15 merged 23 units");
    assert!(registry_entry(&provinces, "hue").contains("{ slug: thua-thien-hue, name: Thừa Thiên Huế }"));
}

/// The dashboard's region table is the site's own grouping with all six regions, empty
/// ones included, and its field table has a column for every field, so that every field
/// the home page counts as having a pilot has one with those pilots.
#[test]
fn breakdowns_account_for_every_region_and_field() {
    let (_tmp, out) = build_shipped_content();
    let criteria: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/criteria.json")).unwrap()).unwrap();
    let regions: Vec<&str> =
        criteria["by_region"].as_array().unwrap().iter().map(|r| r["slug"].as_str().unwrap()).collect();
    assert_eq!(regions.len(), 6, "{regions:?}");
    assert!(criteria["by_region"].as_array().unwrap().iter().any(|r| r["pilots"] == 0), "an empty region is kept");
    // Labelled as the site's own grouping wherever the table is shown.
    for page in ["criteria/index.html", "criteria/print/index.html"] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(html.contains("Theo vùng (cách nhóm riêng của trang này, không phải phân vùng chính thức)"), "{page}");
        assert!(
            html.contains("Mỗi mô hình được tính vào mọi lĩnh vực nó ghi"),
            "{page}: the note says how pilots count"
        );
    }

    let pilots = sample_pilots();
    let mut listed: BTreeSet<String> = BTreeSet::new();
    for p in &pilots {
        let line = p.metrics.lines().find(|l| l.starts_with("fields: [")).unwrap();
        let inner = line.trim_start_matches("fields: [").split(']').next().unwrap();
        listed.extend(inner.split(',').map(|f| f.trim().to_string()));
    }
    for b in criteria["by_field"].as_array().unwrap() {
        let slug = b["slug"].as_str().unwrap();
        let with =
            pilots.iter().filter(|p| p.metrics.lines().any(|l| l.starts_with("fields: [") && l.contains(slug))).count();
        assert_eq!(b["pilots"].as_u64().unwrap() as usize, with, "{slug}");
        listed.remove(slug);
    }
    assert!(listed.is_empty(), "fields with a pilot but no column: {listed:?}");
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    let covered = criteria["by_field"].as_array().unwrap().iter().filter(|b| b["pilots"] != 0).count();
    let fields = criteria["by_field"].as_array().unwrap().len();
    let stat =
        format!("<span class=\"stat-number\">{covered}/{fields}</span> <span class=\"stat-label\">lĩnh vực có mô hình");
    assert!(home.contains(&stat), "the home page counts {covered} fields");
}
