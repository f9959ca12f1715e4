//! The criteria dashboard: statistics against hand-computed figures on a fixture whose
//! values were chosen for easy arithmetic, every chart as well-formed accessible SVG,
//! the tile map of the 34 units, /compare/ and the printed report in a real Chromium.

mod common;

use std::collections::BTreeSet;

use common::browser::{Chromium, StaticServer, artifact_path, pdf_page_count};
use common::*;
use serde_json::{Value, json};

fn built(fixture: &str) -> TestSite {
    let site = TestSite::from_fixture(fixture);
    let o = site.build();
    assert!(o.status.success(), "{}", stderr(&o));
    site
}

fn criteria_json(site: &TestSite) -> Value {
    serde_json::from_str(&site.published("data/criteria.json")).unwrap()
}

fn indicator<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["indicators"].as_array().unwrap().iter().find(|i| i["id"] == id).unwrap_or_else(|| panic!("no {id}"))
}

/// tests/fixtures/criteria: five pilots, in site order (provinces by slug, then commune)
///   an-giang/dinh-hoa (giáo dục), an-giang/phu-hoa (y tế), ha-noi/cat-que (y tế, giáo dục),
///   ninh-binh/an-binh (giáo dục), ninh-binh/binh-minh (giáo dục).
/// a_pct (higher, target 60): 70, 80, 60, 40, 50       — odd count
/// b_count (higher):           7, —, 4, 1, 2           — even count, one missing
/// c_lower (lower, target 4):  —, —, —, 3, 5           — lower is better
/// d_bool (target yes):        yes, —, no, yes, yes    — boolean (national target: 70 % of communes)
/// e_single (target 100 %):    only cat-que, 42        — a single pilot
/// f_none:                     nobody
/// Sourced values (the rest are illustrative): a_pct of dinh-hoa (2025), phu-hoa (2024) and
/// binh-minh (2025); every value of binh-minh, the only pilot that is not a sample, and its
/// baseline. Budgets: dinh-hoa 2000 (1000 households), phu-hoa 1000 + 500 without a total
/// (500 households), cat-que 6000 (1500 households), binh-minh 3000 (households not given).
#[test]
fn statistics_match_hand_computed_figures() {
    let site = built("tests/fixtures/criteria");
    let j = criteria_json(&site);
    assert_eq!(j["pilots"], 5);

    // Sorted 40 50 60 70 80: type-7 quartiles fall on values; 60, 70, 80 meet 60.
    let a = indicator(&j, "a_pct");
    assert_eq!((a["n"].as_u64(), a["pilots"].as_u64()), (Some(5), Some(5)));
    assert_eq!(a["stats"], json!({"min": 40.0, "q1": 50.0, "median": 60.0, "q3": 70.0, "max": 80.0}));
    assert_eq!((a["meeting_target"].as_u64(), a["share_meeting_target"].as_f64()), (Some(3), Some(0.6)));
    // Proposals 70, 80, 75: range 70–80, median 75, each linked to its pilot.
    assert_eq!((a["proposals"]["count"].as_u64(), a["proposals"]["median"].as_f64()), (Some(3), Some(75.0)));
    assert_eq!((a["proposals"]["min"].as_f64(), a["proposals"]["max"].as_f64()), (Some(70.0), Some(80.0)));
    let urls: Vec<&str> =
        a["proposals"]["items"].as_array().unwrap().iter().map(|p| p["url"].as_str().unwrap()).collect();
    assert_eq!(
        urls,
        [
            "https://example.test/pilots/ha-noi/cat-que/",
            "https://example.test/pilots/ninh-binh/an-binh/",
            "https://example.test/pilots/ninh-binh/binh-minh/"
        ]
    );
    // Higher is better: 75 % of pilots reach the 25th percentile.
    // 60, 70, 80 reach the median 60; all but 40 reach 50.
    assert_eq!(
        a["computed_thresholds"],
        json!({"median": 60.0, "reaching_median": 3, "reached_by_75_percent": 50.0, "reaching_75_percent": 4})
    );
    assert_eq!(a["sourced"], 3);
    assert_eq!(a["years"], json!({"per_year": {"2024": 1, "2025": 4}, "unknown": 0}));
    assert_eq!(a["thin_evidence"], false);

    // Sorted 1 2 4 7: median (2+4)/2 = 3; q1 at h = 0.75 → 1 + 0.75·1 = 1.75; q3 at h = 2.25 → 4 + 0.25·3 = 4.75.
    let b = indicator(&j, "b_count");
    assert_eq!((b["n"].as_u64(), b["pilots"].as_u64()), (Some(4), Some(5)));
    assert_eq!(b["stats"], json!({"min": 1.0, "q1": 1.75, "median": 3.0, "q3": 4.75, "max": 7.0}));
    assert!(b.get("meeting_target").is_none() && b.get("share_meeting_target").is_none(), "no target, no share");
    // 4 and 7 reach 3; 2, 4, 7 reach 1.75.
    assert_eq!(
        b["computed_thresholds"],
        json!({"median": 3.0, "reaching_median": 2, "reached_by_75_percent": 1.75, "reaching_75_percent": 3})
    );
    assert_eq!((b["sourced"].as_u64(), &b["years"]), (Some(1), &json!({"per_year": {}, "unknown": 4})));
    assert_eq!(b["thin_evidence"], true);

    // 3 and 5, lower is better: 3 meets 4, 5 does not; 75 % reach the 75th percentile, 4.5.
    let c = indicator(&j, "c_lower");
    assert_eq!(c["stats"], json!({"min": 3.0, "q1": 3.5, "median": 4.0, "q3": 4.5, "max": 5.0}));
    assert_eq!((c["meeting_target"].as_u64(), c["share_meeting_target"].as_f64()), (Some(1), Some(0.5)));
    assert_eq!(
        c["computed_thresholds"],
        json!({"median": 4.0, "reaching_median": 1, "reached_by_75_percent": 4.5, "reaching_75_percent": 1})
    );

    // yes, no, yes, yes: three of four answer yes and meet the target; no quartiles, no computed threshold.
    let d = indicator(&j, "d_bool");
    assert_eq!((d["n"].as_u64(), d["yes"].as_u64(), d["meeting_target"].as_u64()), (Some(4), Some(3), Some(3)));
    assert_eq!(d["share_meeting_target"].as_f64(), Some(0.75));
    assert!(d.get("stats").is_none() && d.get("computed_thresholds").is_none());
    assert_eq!((d["target_communes_share"].as_f64(), d["sourced"].as_u64()), (Some(70.0), Some(1)));

    let e = indicator(&j, "e_single");
    assert_eq!(e["stats"], json!({"min": 42.0, "q1": 42.0, "median": 42.0, "q3": 42.0, "max": 42.0}));
    assert_eq!(
        e["computed_thresholds"],
        json!({"median": 42.0, "reaching_median": 1, "reached_by_75_percent": 42.0, "reaching_75_percent": 1})
    );

    let f = indicator(&j, "f_none");
    assert_eq!(f["n"], 0);
    assert!(f.get("stats").is_none() && f.get("computed_thresholds").is_none());

    // By every field a pilot lists: giáo dục = dinh-hoa, cat-que (its second field, a sample
    // pilot whose values have no source), an-binh, binh-minh; y tế = phu-hoa, cat-que; du lịch
    // nông thôn has no pilot and is listed all the same.
    let y2025 = |n: usize| json!({"per_year": {"2025": n}, "unknown": 0});
    let unknown = |n: usize| json!({"per_year": {}, "unknown": n});
    assert_eq!(
        j["by_field"],
        json!([
            {"slug": "giao-duc", "name": "Giáo dục", "pilots": 4, "indicators": {
                "a_pct": {"n": 4, "sourced": 2, "years": y2025(4), "median": 55.0},
                "b_count": {"n": 4, "sourced": 1, "years": unknown(4), "median": 3.0},
                "c_lower": {"n": 2, "sourced": 1, "years": unknown(2), "median": 4.0},
                "d_bool": {"n": 4, "sourced": 1, "years": unknown(4), "yes": 3},
                "e_single": {"n": 1, "sourced": 0, "years": unknown(1), "median": 42.0}}},
            {"slug": "y-te", "name": "Y tế", "pilots": 2, "indicators": {
                "a_pct": {"n": 2, "sourced": 1, "years": {"per_year": {"2024": 1, "2025": 1}, "unknown": 0}, "median": 70.0},
                "b_count": {"n": 1, "sourced": 0, "years": unknown(1), "median": 4.0},
                "d_bool": {"n": 1, "sourced": 0, "years": unknown(1), "yes": 0},
                "e_single": {"n": 1, "sourced": 0, "years": unknown(1), "median": 42.0}}},
            {"slug": "du-lich-nong-thon", "name": "Du lịch nông thôn", "pilots": 0, "indicators": {}}
        ])
    );
    // By region: Red River Delta = ha-noi + ninh-binh, Mekong = an-giang; Huế has no region and no pilot.
    assert_eq!(j["by_region"][0]["slug"], "dong-bang-song-hong");
    assert_eq!(j["by_region"][0]["pilots"], 3);
    assert_eq!(
        j["by_region"][0]["indicators"]["a_pct"],
        json!({"n": 3, "sourced": 1, "years": y2025(3), "median": 50.0})
    );
    assert_eq!(j["by_region"][0]["indicators"]["d_bool"], json!({"n": 3, "sourced": 1, "years": unknown(3), "yes": 2}));
    assert_eq!(j["by_region"][1]["indicators"]["a_pct"]["median"], 75.0);
    assert_eq!(j["by_region"].as_array().unwrap().len(), 2);

    // Change from baseline: 20 → 40 and 45 → 50.
    let changes: Vec<(String, f64)> = j["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["commune"].as_str().unwrap().to_string(), c["change"].as_f64().unwrap()))
        .collect();
    assert_eq!(changes, [("Xã An Bình".to_string(), 20.0), ("Xã Bình Minh".to_string(), 5.0)]);
    assert_eq!(j["coverage"]["without_pilot"], json!(["hue"]));

    // The same figures on the page, formatted for Vietnamese readers, and in the CSV.
    let page = site.published("criteria/index.html");
    for shown in [
        "1,75",
        "4,75",
        "5/5 (3 có nguồn)",
        "60 % (3/5)",
        "70 % – 80 %",
        "75 % (3/4)",
        "Ngưỡng tính từ dữ liệu thí điểm",
        "2024–2025 (2024: 1; 2025: 4)",
        "3/5 mô hình đạt ≥ 60 %",
        "4/5 mô hình đạt ≥ 50 %",
        "Số liệu tính đến: 20/11/2025",
    ] {
        assert!(page.contains(shown), "the dashboard does not show {shown}");
    }
    assert!(page.contains("href=\"/pilots/ninh-binh/an-binh/#proposals\""), "proposals link to their pilot");
    let csv = site.published("data/criteria-indicators.csv");
    assert!(csv.starts_with('\u{feff}'), "CSV starts with a byte-order mark");
    assert!(
        csv.contains(
            "\r\na_pct,Chỉ số A (năm giá trị),chinh-quyen-so,percent,higher,60,5,5,40,50,60,70,80,,3,0.6,3,70,75,80,60,50,\
             false,3,2024:1;2025:4,0,3,4,,,3,70,0.6667\r\n"
        ),
        "{csv}"
    );
    let changes = site.published("data/criteria-changes.csv");
    assert!(changes.contains(
        "ninh-binh,Xã An Bình,a_pct,Chỉ số A (năm giá trị),20,2022,40,2025,20,,illustrative,,illustrative\r\n"
    ));
    assert!(changes.contains(
        "ninh-binh,Xã Bình Minh,a_pct,Chỉ số A (năm giá trị),45,2022,50,2025,5,Điều tra năm 2022,sourced,\
         \"Báo cáo UBND xã Bình Minh, 11/2025\",sourced\r\n"
    ));
    // The proposals keep each province's reason.
    assert!(site.published("data/criteria-proposals.csv").contains(
        "a_pct,Chỉ số A (năm giá trị),ninh-binh,Xã An Bình,https://example.test/pilots/ninh-binh/an-binh/,70,\
         Đa số hồ sơ của xã đã xử lý trực tuyến\r\n"
    ));
    for link in attributes(&page, "href").iter().filter(|h| h.starts_with("/data/criteria")) {
        assert!(site.out().join(link.trim_start_matches('/')).is_file(), "{link} is linked but not published");
    }
}

/// Every `<svg>…</svg>` in `html`.
fn svgs(html: &str) -> Vec<&str> {
    html.match_indices("<svg").map(|(i, _)| &html[i..i + html[i..].find("</svg>").unwrap() + 6]).collect()
}

#[test]
fn every_chart_is_well_formed_accessible_svg() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = langso(&["build", "--root", repo_root().to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut count = 0;
    for (path, bytes) in tree(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for svg in svgs(&html) {
            count += 1;
            let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{path}: {e}\n{svg}"));
            let root = doc.root_element();
            let kids: Vec<_> = root.children().filter(|n| n.is_element()).take(2).collect();
            assert_eq!(kids[0].tag_name().name(), "title", "{path}: the first child is the title");
            assert_eq!(kids[1].tag_name().name(), "desc", "{path}: then the description");
            assert!(!kids[0].text().unwrap_or("").trim().is_empty() && !kids[1].text().unwrap_or("").trim().is_empty());
            let labelled = root.attribute("aria-labelledby").unwrap();
            assert_eq!(labelled, format!("{} {}", kids[0].attribute("id").unwrap(), kids[1].attribute("id").unwrap()));
            assert_eq!(root.attribute("width"), Some("100%"), "{path}: scales with the page");
            assert!(root.attribute("viewBox").is_some());
            assert!(
                doc.descendants().all(|n| n.attribute("style").is_none()),
                "{path}: the CSP forbids style attributes"
            );
        }
    }
    let indicators =
        std::fs::read_to_string(repo_root().join("content/indicators.yaml")).unwrap().matches("\n- id:").count();
    // At least the coverage map, a chart per indicator with values, and a map per indicator page with values.
    assert!(count > indicators, "only {count} charts");
}

/// `name:` of each top-level entry of provinces.yaml, by slug.
fn province_names() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(repo_root().join("content/provinces.yaml")).unwrap();
    let mut out = Vec::new();
    for line in text.lines() {
        if let Some(slug) = line.strip_prefix("- slug: ") {
            out.push((slug.trim().to_string(), String::new()));
        } else if let Some(name) = line.strip_prefix("  name: ") {
            out.last_mut().unwrap().1 = name.trim().trim_matches('"').to_string();
        }
    }
    out
}

#[test]
fn the_coverage_map_has_a_tile_for_each_of_the_34_units() {
    let site = built(".");
    let page = site.published("criteria/index.html");
    let map = svgs(&page).into_iter().find(|s| s.contains("id=\"map-coverage-t\"")).expect("coverage map");
    let doc = roxmltree::Document::parse(map).unwrap();
    let tiles: Vec<(String, String, bool)> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("tile"))
        .map(|n| {
            let title = n.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()).unwrap().to_string();
            let dashed = n.children().any(|c| c.has_tag_name("rect") && c.attribute("stroke-dasharray").is_some());
            (n.attribute("data-slug").unwrap().to_string(), title, dashed)
        })
        .collect();
    let expected = province_names();
    assert_eq!(expected.len(), 34);
    assert_eq!(tiles.len(), 34);
    let with_pilot: BTreeSet<String> = std::fs::read_dir(repo_root().join("content/pilots"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for ((slug, name), (tile_slug, title, dashed)) in expected.iter().zip(&tiles) {
        assert_eq!(slug, tile_slug);
        assert!(title == name || title.starts_with(&format!("{name}: ")), "{slug}: tile titled {title}, not {name}");
        assert_eq!(!dashed, with_pilot.contains(slug), "{slug}: a filled tile means a pilot");
    }
    // The list beside the map names exactly the units without a pilot.
    let list = &page[page.find("id=\"without-pilot\"").unwrap()..];
    let list = &list[..list.find("</ul>").unwrap()];
    let listed = list.matches("<li>").count();
    assert_eq!(listed, 34 - with_pilot.len());
    // Each indicator page has the same grid, coloured by that indicator.
    let records = site.published("indicators/commune_records_online_pct/index.html");
    let tiles = records.matches("class=\"tile\"").count();
    assert_eq!(tiles, 34);
}

#[test]
fn content_reaches_the_charts_escaped() {
    let site = TestSite::from_fixture("tests/fixtures/criteria");
    site.edit("content/indicators.yaml", "\"Chỉ số A (năm giá trị)\"", "\"<script>alert(1)</script> & A\"");
    site.edit("content/pilots/ninh-binh/an-binh/metrics.yaml", "Xã An Bình", "Xã An Bình <img src=x onerror=alert(2)>");
    let o = site.build();
    // The commune no longer matches its folder: a warning, and the build goes on.
    assert!(o.status.success(), "{}", stderr(&o));
    for path in ["criteria/index.html", "criteria/print/index.html", "indicators/a_pct/index.html"] {
        let html = site.published(path);
        assert!(executable_parts(&html, "/").is_empty(), "{path}: {:?}", executable_parts(&html, "/"));
        for svg in svgs(&html) {
            roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; A"), "{path}");
    }
}

#[test]
fn the_dashboard_stays_within_its_page_budget() {
    let site = built(".");
    let files = tree(&site.out());
    let assets: usize = ["assets/style.css", "assets/site.js"].iter().map(|a| files[*a].len()).sum();
    // 22 indicators with a chart and a data table each: a budget of its own (about 30 KB gzipped).
    let criteria = files["criteria/index.html"].len();
    // Raised from 320 KB when the summary and cost tables and the year and provenance of each
    // value joined the page (issue 14), and to 360 KB when every field a pilot lists got its
    // breakdown cells and the provenance, link and table-alignment styles joined the CSS: on
    // 2 December 2026 the page was 336,174 B (31,354 B with gzip -9) plus 21,248 B of assets.
    assert!(criteria + assets <= 360 * 1024, "criteria/: {criteria} B + {assets} B of CSS and JS");
    // /compare/ fetches the data only when scripts run, so it stays within the pages' 60 KB.
    let compare = files["compare/index.html"].len() + files["assets/compare.js"].len();
    assert!(compare + assets <= 60 * 1024, "compare/: {compare} B");
}

/// The criteria fixture plus `extra` pilots in Ninh Bình, each with a value, a baseline and
/// a proposal of a_pct (the values 0–99 over and over, fields alternating).
fn with_extra_pilots(extra: usize) -> TestSite {
    let site = TestSite::from_fixture("tests/fixtures/criteria");
    for i in 0..extra {
        let dir = format!("content/pilots/ninh-binh/thu-{i}");
        site.write(&format!("{dir}/index.md"), &format!("---\ntitle: \"Xã Thử {i}\"\nsummary: \"Thử.\"\ndate: 2024-01-02\n---\n\n## Bối cảnh\n\nSố liệu thử nghiệm.\n"));
        site.write(
            &format!("{dir}/metrics.yaml"),
            &format!(
                "commune: \"Xã Thử {i}\"\nprovince: ninh-binh\nfields: [{}]\nperiod: {{ start: 2023, end: 2025 }}\n\
                 status: ongoing\nsample: true\nindicators:\n  a_pct: {}\nbaseline:\n  a_pct: {}\n\
                 proposals:\n  - indicator: a_pct\n    threshold: {}\n",
                if i % 2 == 0 { "giao-duc" } else { "y-te" },
                i % 100,
                i % 50,
                60 + i % 30
            ),
        );
    }
    site
}

#[test]
fn past_its_list_limit_the_dashboard_summarises_and_points_to_the_full_lists() {
    // The criteria fixture plus 160 pilots in Ninh Bình, each with a value, a baseline and a
    // proposal of a_pct: past the 50 a dashboard list names and the 150 dots a strip plot draws.
    let extra = 160;
    let site = with_extra_pilots(extra);
    let o = site.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let html = site.published("criteria/index.html");
    let block = html.split("<h3 id=\"a_pct\">").nth(1).unwrap().split("<h3 ").next().unwrap();
    let total = extra + 5;
    // The strip plot: bars (each titled with its slice and count, the counts adding up to every
    // reporting pilot), no dot per pilot.
    let chart = svgs(block)[0];
    let bars: Vec<usize> = chart
        .split("<g><title>")
        .skip(1)
        .filter_map(|r| r.split(" mô hình (").next()?.rsplit(": ").next()?.parse().ok())
        .collect();
    assert!(!bars.is_empty() && bars.len() <= 48, "{} bars", bars.len());
    assert_eq!(bars.iter().sum::<usize>(), total);
    assert!(!chart.contains("<circle"), "no dot per pilot");
    // Its description names each proposed threshold once, with how many proposed it (163
    // proposals of 30 values): it does not grow with the number of pilots.
    let desc = chart.split("<desc").nth(1).unwrap().split("</desc>").next().unwrap();
    assert_eq!(desc.matches("89 %").count(), 1, "{desc}");
    assert!(desc.contains("89 % (5 đề xuất)"), "{desc}");
    // Before/after: a line per field, labelled with its count (beside the line and in the description).
    let slope = svgs(block)[1];
    assert_eq!(slope.matches(" stroke-width=\"2\"/>").count(), 2, "{slope}");
    assert!(slope.contains("Giáo dục (n = 82)") && slope.contains("Y tế (n = 80)"), "{slope}");
    // Past 50 proposals: the count of all, each threshold once with how many proposed it
    // (30 values), no commune named, and where the full list is.
    let list = block.split("<ul class=\"proposals\">").nth(1).unwrap().split("</ul>").next().unwrap();
    assert_eq!(list.matches("<li>").count(), 30, "{list}");
    assert!(list.contains("<li>89 % — 5 đề xuất</li>"), "{list}");
    assert!(!list.contains("Xã Thử"), "no commune of the long list: {list}");
    assert!(block.contains(&format!("Ngưỡng tỉnh đề xuất</strong>: {}", extra + 3)), "the count of all");
    assert!(block.contains("data/criteria-proposals.csv"));
    assert!(!block.contains("<details class=\"chart-data\">"), "no per-pilot value table");
    assert!(block.contains("indicators/a_pct/"), "the indicator page lists every value");
    assert!(html.contains("data/criteria-changes.csv"));
    // The downloads and the indicator page keep every pilot.
    let json = criteria_json(&site);
    assert_eq!(indicator(&json, "a_pct")["proposals"]["count"], json!(extra + 3));
    let page = site.published("indicators/a_pct/index.html");
    assert!(page.contains("Xã Thử 159"), "the indicator page names every pilot");
}

#[test]
fn an_indicator_with_more_values_than_a_page_summarises_and_pages_them() {
    // 510 pilots more: 515 values of a_pct, past the 500 rows of an indicator page.
    let site = with_extra_pilots(510);
    let o = site.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let first = site.published("indicators/a_pct/index.html");
    let second = site.published("indicators/a_pct/page/2/index.html");
    assert!(!site.out().join("indicators/a_pct/page/3").exists(), "515 values take two pages");
    assert!(!site.out().join("indicators/a_pct/page/1").exists(), "page 1 is the indicator's own URL");
    // The first page summarises: figures, map, provinces, the leading and the last values.
    assert!(first.contains("<dt>Số mô hình báo cáo</dt><dd>515 ("), "{first}");
    assert!(first.contains("<figure class=\"map-figure\">"));
    let provinces = first.split("id=\"by-province\"").nth(1).unwrap().split("</table>").next().unwrap();
    assert!(provinces.contains("Ninh Bình</a></th><td class=\"num\">512</td>"), "{provinces}");
    let table = |html: &str, id: &str| -> Vec<String> {
        let t = html.split(&format!("<h2 id=\"{id}\">")).nth(1).unwrap().split("</table>").next().unwrap();
        t.split("<tr><th scope=\"row\"><a href=\"").skip(1).map(|r| r.split('"').next().unwrap().to_string()).collect()
    };
    assert_eq!(table(&first, "leading").len(), 10);
    assert_eq!(table(&first, "last").len(), 10);
    // Every value once over the two pages, the first 500 on the first, sortable on neither.
    let (one, two) = (table(&first, "values"), table(&second, "values"));
    assert_eq!((one.len(), two.len()), (500, 15));
    let all: BTreeSet<&String> = one.iter().chain(&two).collect();
    assert_eq!(all.len(), 515, "no pilot twice");
    assert_eq!(table(&first, "leading")[..], one[..10], "the leading values open the first page");
    assert_eq!(table(&first, "last")[..], two[5..], "the last values close the last page");
    assert!(!first.contains("data-sortable") && !second.contains("data-sortable"));
    assert!(first.contains("Giá trị thứ 1–500 trong 515 giá trị, từ tốt nhất"));
    // The second page: where it is, the way back, no summary; both link each other and the downloads.
    assert!(second.contains("<title>Chỉ số A (năm giá trị) — Trang 2 ·"), "{second}");
    assert!(second.contains("<link rel=\"canonical\" href=\"https://example.test/indicators/a_pct/page/2/\">"));
    assert!(second.contains("<li><span aria-current=\"page\">Trang 2</span></li>"), "breadcrumb");
    assert!(!second.contains("map-figure") && !second.contains("id=\"leading\""));
    assert!(first.contains("href=\"/indicators/a_pct/page/2/\" rel=\"next\""), "{first}");
    assert!(second.contains("href=\"/indicators/a_pct/\" rel=\"prev\""));
    for page in [&first, &second] {
        assert!(page.contains("<nav class=\"pager\" aria-label=\"Các trang\">"));
        assert!(page.contains("href=\"/data/pilots.csv\"") && page.contains("href=\"/data/criteria-values.csv\""));
    }
    // The full data stay in the downloads, and the sitemap lists both pages.
    let csv = site.published("data/criteria-values.csv");
    assert_eq!(csv.lines().filter(|l| l.contains(",a_pct,") && l.contains(",indicator,")).count(), 515);
    let sitemap = site.published("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.test/indicators/a_pct/page/2/</loc>"), "{sitemap}");

    // The other long lists are cut likewise: /pilots/ 500 rows a page, a province 200 cards.
    let links = |html: &str, row: &str| -> Vec<String> {
        html.split(row).skip(1).map(|r| r.split('"').next().unwrap().to_string()).collect()
    };
    let row = "<tr>\n      <td><a href=\"";
    let (first, second) = (site.published("pilots/index.html"), site.published("pilots/page/2/index.html"));
    let all: BTreeSet<String> = links(&first, row).into_iter().chain(links(&second, row)).collect();
    assert_eq!((links(&first, row).len(), links(&second, row).len(), all.len()), (500, 15, 515));
    assert!(
        !first.contains("data-sortable") && !first.contains("Bấm vào tiêu đề cột"),
        "a page of many is not re-sorted"
    );
    assert!(second.contains("Danh sách mô hình thí điểm (501–515/515)"), "{second}");
    let card = "<h3 class=\"card-title\"><a href=\"";
    let pages: Vec<String> = ["", "page/2/", "page/3/"]
        .iter()
        .map(|p| site.published(&format!("provinces/ninh-binh/{p}index.html")))
        .collect();
    let counts: Vec<usize> = pages.iter().map(|p| links(p, card).len()).collect();
    assert_eq!(counts, [200, 200, 112]);
    assert!(!site.out().join("provinces/ninh-binh/page/4").exists());
    assert!(pages[2].contains("<title>Ninh Bình — Trang 3 ·"), "{}", pages[2]);
    for path in ["pilots/page/2/", "provinces/ninh-binh/page/3/", "fields/giao-duc/page/2/"] {
        assert!(sitemap.contains(&format!("<loc>https://example.test/{path}</loc>")), "{path}");
    }
}

#[test]
fn compare_print_and_screenshots_in_a_real_browser() {
    let Some(chromium) = Chromium::find("compare_print_and_screenshots_in_a_real_browser") else { return };
    let site = built(".");
    let server = StaticServer::start(&site.out());

    // Two pilots from the address: both columns, their values from pilots.json, no console message.
    let pilots: Value = serde_json::from_str(&site.published("data/pilots.json")).unwrap();
    let pick = ["ninh-binh/giao-phong", "an-giang/thoai-giang"];
    let page = chromium.load(&server.url(&format!("/compare/?p={}", pick.join(","))), 4000);
    assert!(page.console.is_empty(), "/compare/ printed to the console:\n{}", page.console.join("\n"));
    let table = &page.dom[page.dom.find("<table class=\"data compare\">").expect("compare.js built the table")..];
    for key in pick {
        let p = pilots
            .as_array()
            .unwrap()
            .iter()
            .find(|p| format!("{}/{}", p["province"].as_str().unwrap(), p["slug"].as_str().unwrap()) == key)
            .unwrap();
        assert!(table.contains(p["commune"].as_str().unwrap()), "{key} has no column");
        let value = p["indicators"]["commune_records_online_pct"]["value"].as_f64().unwrap();
        assert!(table.contains(&format!("{value} %")), "{key}: {value} % is not shown");
    }
    // Provenance per value: each value pilots.json gives no source is tagged in its own cell.
    let unsourced: usize = pilots
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            pick.contains(&format!("{}/{}", p["province"].as_str().unwrap(), p["slug"].as_str().unwrap()).as_str())
        })
        .flat_map(|p| p["indicators"].as_object().unwrap().values())
        .filter(|m| m.get("source").is_none())
        .count();
    assert!(unsourced > 0, "the sample pilots have illustrative values");
    assert_eq!(table.matches("<span class=\"tag-sample\">minh họa</span>").count(), unsourced);
    assert!(table.contains("“minh họa”: số liệu không ghi nguồn"), "the tag is explained below the table");
    assert!(page.dom.contains("class=\"compare-nojs\" hidden"), "the no-script note is hidden once the script runs");
    // The picker: the chosen pilots, checked, then the other pilots of the first one's unit.
    let list = &page.dom[page.dom.find("<ul class=\"compare-choices\">").expect("the picker")..];
    let list = &list[..list.find("</ul>").unwrap()];
    let key = |p: &Value| format!("{}/{}", p["province"].as_str().unwrap(), p["slug"].as_str().unwrap());
    let listed: Vec<&Value> = pilots
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["province"] == "ninh-binh" || pick.contains(&key(p).as_str()))
        .collect();
    assert_eq!(list.matches("<li>").count(), listed.len(), "{list}");
    for p in &listed {
        assert!(list.contains(&format!("value=\"{}\"", key(p))), "{} is not offered", key(p));
    }
    assert!(list.find(pick[0]) < list.find(pick[1]), "the chosen pilots first, in the address's order");
    // Without scripts the page explains itself and links to the list of all pilots; it lists
    // the units to pick from, never the pilots themselves (its size does not grow with them).
    let html = site.published("compare/index.html");
    assert!(html.contains("<p class=\"compare-nojs\">") && html.contains("href=\"/pilots/\""));
    for p in pilots.as_array().unwrap() {
        let href = format!("href=\"/pilots/{}/\"", key(p));
        assert!(!html.contains(&href), "/compare/ lists {href}");
        assert!(html.contains(&format!("<option value=\"{}\">", p["province"].as_str().unwrap())));
    }
    // At most four pilots, however many the address names.
    let keys: Vec<String> = pilots.as_array().unwrap()[..5]
        .iter()
        .map(|p| format!("{}/{}", p["province"].as_str().unwrap(), p["slug"].as_str().unwrap()))
        .collect();
    let five = chromium.load(&server.url(&format!("/compare/?p={}", keys.join(","))), 4000);
    let head = &five.dom[five.dom.find("<thead>").expect("a table")..five.dom.find("</thead>").unwrap()];
    assert_eq!(head.matches("href=\"/pilots/").count(), 4, "{head}");

    // The printed report: a cover page with the summary, the units without a pilot, then one
    // page per indicator block (each group's heading on its first), then the tables.
    let html = site.published("criteria/print/index.html");
    let blocks = html.matches("<article class=\"print-block\"").count();
    assert_eq!(
        blocks,
        std::fs::read_to_string(repo_root().join("content/indicators.yaml")).unwrap().matches("\n- id:").count()
    );
    let pdf = artifact_path("criteria-report.pdf");
    chromium.print_to_pdf(&server.url("/criteria/print/"), &pdf);
    let pages = pdf_page_count(&std::fs::read(&pdf).unwrap());
    // Besides one page per block: the cover with the summary of 22 rows and the units
    // without a pilot (up to 4 pages), the tables of 22 rows by field, by region, cost and
    // changes (up to 10). A block spilling onto a second page adds one more per block.
    assert!((blocks + 4..=blocks + 14).contains(&pages), "{pages} pages for {blocks} blocks: a block spilled over");

    let criteria = chromium.load(&server.url("/criteria/"), 3000);
    assert!(criteria.console.is_empty(), "/criteria/ printed to the console:\n{}", criteria.console.join("\n"));
    chromium.screenshot(&server.url("/criteria/"), &artifact_path("criteria-desktop.png"), 1280, 2400);
    chromium.screenshot(&server.url("/criteria/"), &artifact_path("criteria-phone.png"), 390, 2400);
}
