//! Provenance belongs to the value: a value is sourced when it names a source (its own or
//! its pilot's `source:`), illustrative when it has none (only in a sample pilot). The
//! built pilot page, home page, search entries and the data /compare/ reads say so per
//! value, with counts computed by hand on the minimal fixture.

mod common;

use common::*;

const PILOT_SOURCE: &str = "Báo cáo UBND xã Thoại Giang, 11/2024";

/// The minimal site, with Thoại Giang (not a sample) giving one value no source of its
/// own, covered by the pilot's `source:`. Giao Phong (a sample) has one sourced value of
/// five: ocop_products; its other indicators and its baseline are illustrative.
fn site() -> TestSite {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let rel = "content/pilots/an-giang/thoai-giang/metrics.yaml";
    site.edit(rel, "sample: false\n", &format!("sample: false\nsource: \"{PILOT_SOURCE}\"\n"));
    site.edit(
        rel,
        "fiber_households_pct: { value: 90.5, year: 2024, source: \"Báo An Giang\" }",
        "fiber_households_pct: { value: 90.5, year: 2024 }",
    );
    let o = site.build();
    assert!(o.status.success(), "{}", stderr(&o));
    site
}

/// The table row of the pilot page whose indicator link is `name`.
fn row<'p>(page: &'p str, name: &str) -> &'p str {
    let start = page.find(name).unwrap_or_else(|| panic!("no row for {name}"));
    let end = page[start..].find("</tr>").unwrap() + start;
    &page[start..end]
}

#[test]
fn the_pilot_page_tags_each_value_not_the_pilot() {
    let site = site();
    let sample = site.published("pilots/ninh-binh/giao-phong/index.html");
    let records = row(&sample, "Tỷ lệ hồ sơ công việc cấp xã xử lý trên môi trường mạng</a>");
    // Both the value and its baseline (60 % in 2022) have no source.
    assert_eq!(records.matches("<span class=\"tag-sample\">minh họa</span>").count(), 2, "{records}");
    let ocop = row(&sample, "Số sản phẩm OCOP</a>");
    assert!(
        ocop.contains("Báo Pháp luật") && !ocop.contains("tag-sample"),
        "a sourced value in a sample pilot: {ocop}"
    );
    assert!(sample.contains("1/5 số liệu có nguồn · 4 số liệu minh họa"), "{sample}");

    let real = site.published("pilots/an-giang/thoai-giang/index.html");
    let fibre = row(&real, "Tỷ lệ hộ có cáp quang</a>");
    assert!(fibre.contains(PILOT_SOURCE), "the pilot's source covers a value without its own: {fibre}");
    assert!(real.contains(&format!("<dd>{PILOT_SOURCE}</dd>")), "the pilot's source is one of its facts");
    assert!(real.contains("4/4 số liệu có nguồn</p>") && !real.contains("tag-sample"), "{real}");
}

#[test]
fn home_cards_search_and_compare_data_count_sourced_values() {
    let site = site();
    let home = site.published("index.html");
    assert!(home.contains("<p class=\"stat-provenance\">5/9 số liệu có nguồn · 4 số liệu minh họa"), "{home}");
    assert!(home.contains("<span class=\"tag-provenance\">1/5 số liệu có nguồn</span>"), "{home}");
    assert!(home.contains("<span class=\"tag-provenance\">4/4 số liệu có nguồn</span>"), "{home}");

    let mut counts: Vec<(String, u64, u64)> = Vec::new();
    for n in 0.. {
        let Ok(text) = std::fs::read_to_string(site.out().join(format!("search/index/e/{n}.json"))) else { break };
        let entries: serde_json::Value = serde_json::from_str(&text).unwrap();
        counts.extend(
            entries
                .as_array()
                .unwrap()
                .iter()
                .map(|e| (e[0].as_str().unwrap().to_string(), e[3].as_u64().unwrap(), e[4].as_u64().unwrap())),
        );
    }
    assert_eq!(
        counts,
        [("pilots/an-giang/thoai-giang/".to_string(), 4, 4), ("pilots/ninh-binh/giao-phong/".to_string(), 1, 5)]
    );

    // /compare/ tags a value illustrative when pilots.json gives it no source.
    let pilots: serde_json::Value = serde_json::from_str(&site.published("data/pilots.json")).unwrap();
    let by_commune = |slug: &str| pilots.as_array().unwrap().iter().find(|p| p["slug"] == slug).unwrap().clone();
    assert_eq!(by_commune("thoai-giang")["indicators"]["fiber_households_pct"]["source"], PILOT_SOURCE);
    assert!(by_commune("giao-phong")["indicators"]["commune_records_online_pct"].get("source").is_none());
    let compare = site.published("compare/index.html");
    assert!(compare.contains("data-illustrative=\"minh họa\""), "{compare}");
    let script = std::fs::read_to_string(repo_root().join("themes/default/static/compare.js")).unwrap();
    assert!(script.contains("if (metric && !metric.source)"), "compare.js tags values without a source");
}
