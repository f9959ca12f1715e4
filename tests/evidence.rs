//! Evidence a ministry can trust and reuse (issue 14): provenance and years wherever the
//! dashboard, indicator pages, print report and downloads show a value or an aggregate; the
//! sourced-only view; the summary and cost tables and the print report against figures
//! computed by hand on tests/fixtures/criteria (its values are listed in tests/criteria.rs);
//! threshold sentences recounted on the data; the Excel workbook read back with calamine.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::*;
use serde_json::{Value, json};

fn built(fixture: &str) -> TestSite {
    let site = TestSite::from_fixture(fixture);
    let o = site.build();
    assert!(o.status.success(), "{}", stderr(&o));
    site
}

fn json_of(site: &TestSite, rel: &str) -> Value {
    serde_json::from_str(&site.published(rel)).unwrap()
}

fn indicator<'a>(json: &'a Value, id: &str) -> &'a Value {
    json.as_array().unwrap().iter().find(|i| i["id"] == id).unwrap_or_else(|| panic!("no {id}"))
}

/// The cells of the `<tr>` whose row header links to indicator `id`, tags stripped.
fn row_cells(html: &str, table_class: &str, id: &str) -> Vec<String> {
    let table = html.split(&format!("<table class=\"{table_class}\">")).nth(1).expect("the table");
    let table = table.split("</table>").next().unwrap();
    let row = table
        .split("<tr>")
        .find(|r| r.contains(&format!("indicators/{id}/\"")))
        .unwrap_or_else(|| panic!("no row for {id}"));
    row.split("</t")
        .filter_map(|cell| cell.split_once("<t").map(|(_, c)| c))
        .map(|cell| {
            let mut text = String::new();
            let mut in_tag = true;
            for ch in cell.chars() {
                match ch {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.trim().to_string()
        })
        .collect()
}

#[test]
fn the_sourced_view_counts_only_sourced_values() {
    let site = built("tests/fixtures/criteria");
    let j: Value = json_of(&site, "data/criteria.json");
    let sourced = &j["sourced_only"];
    // a_pct sourced: 70 (2025), 80 (2024), 50 (2025). Sorted 50 70 80: q1 at h = 0.5 → 60;
    // 70 and 80 meet the target 60 and reach both the median and 60.
    let a = indicator(&sourced["indicators"], "a_pct");
    assert_eq!((a["n"].as_u64(), a["sourced"].as_u64()), (Some(3), Some(3)));
    assert_eq!(a["stats"], json!({"min": 50.0, "q1": 60.0, "median": 70.0, "q3": 75.0, "max": 80.0}));
    assert_eq!(a["meeting_target"], 2);
    assert_eq!(
        a["computed_thresholds"],
        json!({"median": 70.0, "reaching_median": 2, "reached_by_75_percent": 60.0, "reaching_75_percent": 2})
    );
    assert_eq!(a["years"], json!({"per_year": {"2024": 1, "2025": 2}, "unknown": 0}));
    // d_bool: only binh-minh's yes; e_single and f_none: nothing.
    let d = indicator(&sourced["indicators"], "d_bool");
    assert_eq!((d["n"].as_u64(), d["yes"].as_u64(), d["share_meeting_target"].as_f64()), (Some(1), Some(1), Some(1.0)));
    assert_eq!(indicator(&sourced["indicators"], "e_single")["n"], 0);
    // One change has both ends sourced (binh-minh); one budget is from a pilot that is not a sample.
    assert_eq!(sourced["changes"], 1);
    assert_eq!(
        (sourced["cost"][0]["reporting_budget"].as_u64(), &sourced["cost"][0]["budget_million_vnd"]["median"]),
        (Some(1), &json!(3000.0))
    );
    assert_eq!(
        sourced["by_field"][0]["indicators"]["a_pct"],
        json!({"n": 2, "sourced": 2, "years": {"per_year": {"2025": 2}, "unknown": 0}, "median": 60.0})
    );

    // The page: reachable without scripts from the dashboard, and marked as the current view.
    let all = site.published("criteria/index.html");
    assert!(all.contains("<a href=\"/criteria/sourced/\">"), "the dashboard links to the sourced view");
    let page = site.published("criteria/sourced/index.html");
    assert!(page.contains("<a href=\"/criteria/sourced/\" aria-current=\"page\">"));
    assert!(page.contains("<h1>Bằng chứng cho bộ tiêu chí: chỉ số liệu có nguồn</h1>"));
    for shown in ["3/5 (3 có nguồn)", "2/3 mô hình đạt ≥ 60 %", "2/3 mô hình đạt ≥ 70 %", "67 % (2/3)"]
    {
        assert!(page.contains(shown), "the sourced view does not show {shown}");
    }
    assert!(
        !page.contains("Xã An Bình</a></th><td>Ninh Bình</td><td>Giáo dục</td><td class=\"num\">40 %"),
        "an illustrative value is listed"
    );
}

#[test]
fn summary_and_cost_tables_match_hand_computed_figures() {
    let site = built("tests/fixtures/criteria");
    let page = site.published("criteria/index.html");
    let summary = page.find("id=\"summary\"").expect("a summary table");
    assert!(summary < page.find("id=\"coverage\"").unwrap(), "the summary comes first");
    assert!(page.contains("<th scope=\"col\">Chỉ số</th><th scope=\"col\">Đơn vị</th>"), "header cells");
    // name, unit, reporting (sourced / all), years, median, target, share meeting it, proposals, evidence
    assert_eq!(
        row_cells(&page, "data summary-table", "a_pct"),
        [
            "Chỉ số A (năm giá trị)",
            "phần trăm (%)",
            "3 / 5",
            "2024–2025 (2024: 1; 2025: 4)",
            "60 %",
            "≥ 60 %",
            "60 % (3/5)",
            "70 % – 80 % (n=3)",
            "vững"
        ]
    );
    // Fewer than five pilots: thin; the Decision's words and the national share of communes.
    let d = row_cells(&page, "data summary-table", "d_bool");
    assert_eq!(
        d[2..],
        [
            "1 / 4",
            "không ghi năm: 4",
            "3/4 Có",
            "Ít nhất 70 % số xã đạt chỉ số D",
            "75 % (3/4); mục tiêu quốc gia: ≥ 70 % số xã",
            "—",
            "mỏng"
        ]
    );
    // A target at the end of the scale has no "≥"; no sourced value: illustrative.
    let e = row_cells(&page, "data summary-table", "e_single");
    assert_eq!((e[5].as_str(), e[6].as_str(), e[8].as_str()), ("100 %", "0 % (0/1)", "minh họa"));
    assert_eq!(row_cells(&page, "data summary-table", "f_none")[2..5], ["0 / 0", "", "—"]);

    // Budgets 1500 (parts, no total), 2000, 3000, 6000: median 2500; per household 2, 3, 4.
    let j: Value = json_of(&site, "data/criteria.json");
    assert_eq!(
        j["cost"][0],
        json!({"slug": "all", "name": "Tất cả mô hình", "pilots": 5, "reporting_budget": 4, "reporting_from_sample": 3,
               "budget_million_vnd": {"min": 1500.0, "q1": 1875.0, "median": 2500.0, "q3": 3750.0, "max": 6000.0},
               "reporting_households": 3,
               "budget_per_household_million_vnd": {"min": 2.0, "q1": 2.5, "median": 3.0, "q3": 3.5, "max": 4.0}})
    );
    // Giáo dục: 2000 and 3000 (binh-minh gives no households); y tế: 1500 and 6000, per household 3 and 4.
    assert_eq!(
        (j["cost"][1]["slug"].as_str(), j["cost"][1]["budget_million_vnd"]["median"].as_f64()),
        (Some("giao-duc"), Some(2500.0))
    );
    assert_eq!(j["cost"][2]["budget_per_household_million_vnd"]["median"], 3.5);
    assert_eq!(j["cost"].as_array().unwrap().len(), 3, "a field without pilots has no row");
    let cost = page.split("id=\"cost-caption\"").nth(1).unwrap().split("</table>").next().unwrap();
    for row in [
        "<th scope=\"row\">Tất cả mô hình</th><td class=\"num\">4/5 (3 minh họa)</td><td class=\"num\">2.500</td><td class=\"num\">1.500</td><td class=\"num\">6.000</td><td class=\"num\">3</td><td class=\"num\">3</td><td class=\"num\">2</td><td class=\"num\">4</td>",
        "<th scope=\"row\">Y tế</th><td class=\"num\">2/2 (2 minh họa)</td><td class=\"num\">3.750</td><td class=\"num\">1.500</td><td class=\"num\">6.000</td><td class=\"num\">2</td><td class=\"num\">3,5</td><td class=\"num\">3</td><td class=\"num\">4</td>",
    ] {
        assert!(cost.contains(row), "{cost}");
    }
    assert!(
        site.published("data/criteria-cost.csv").contains("\r\nall,Tất cả mô hình,5,4,3,2500,1500,6000,3,3,2,4\r\n")
    );
}

#[test]
fn the_print_report_has_its_date_summary_units_and_tables() {
    let site = built("tests/fixtures/criteria");
    let html = site.published("criteria/print/index.html");
    // The date comes from the content (binh-minh's `updated`), not the clock.
    assert!(html.contains("<strong>Số liệu tính đến: 20/11/2025</strong>"));
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    assert!(at("id=\"summary\"") < at("id=\"group-chinh-quyen-so\""), "the summary comes first");
    // Each group heading once, though kinh-te-so and ha-tang-so hold two indicators each.
    for (slug, name) in [("kinh-te-so", "Kinh tế số"), ("ha-tang-so", "Hạ tầng số")] {
        assert_eq!(html.matches(&format!("id=\"group-{slug}\"")).count(), 1);
        assert_eq!(html.matches(&format!(">{name}</h2>")).count(), 1, "{name}");
    }
    assert_eq!(html.matches("<article class=\"print-block\"").count(), 6);
    // Units without a pilot: Huế.
    let units = html.split("id=\"without-pilot\"").nth(1).unwrap().split("</section>").next().unwrap();
    assert!(units.contains("(1/4)") && units.contains("<p>Huế</p>"), "{units}");
    for table in ["id=\"by-field\"", "id=\"by-region\"", "id=\"cost-caption\"", "id=\"changes\""] {
        assert!(html.contains(table), "the report has no {table}");
    }
    assert!(
        html.contains("<td>Xã An Bình</td>") || html.contains(">Xã An Bình</th>"),
        "the change table lists the pilots"
    );
}

/// Every threshold sentence is true on the data: the count in it is recounted here from the
/// values in pilots.json, on the sample content.
#[test]
fn every_threshold_sentence_is_true_on_the_data() {
    let site = built(".");
    let criteria: Value = json_of(&site, "data/criteria.json");
    let pilots: Value = json_of(&site, "data/pilots.json");
    let page = site.published("criteria/index.html");
    let mut checked = 0;
    for ind in criteria["indicators"].as_array().unwrap() {
        let Some(c) = ind.get("computed_thresholds") else { continue };
        let id = ind["id"].as_str().unwrap();
        let higher = ind["better"] == "higher";
        let values: Vec<f64> =
            pilots.as_array().unwrap().iter().filter_map(|p| p["indicators"].get(id)?["value"].as_f64()).collect();
        assert_eq!(values.len() as u64, ind["n"].as_u64().unwrap());
        for (threshold, count) in [("median", "reaching_median"), ("reached_by_75_percent", "reaching_75_percent")] {
            let x = c[threshold].as_f64().unwrap();
            let reaching = values.iter().filter(|&&v| if higher { v >= x } else { v <= x }).count();
            assert_eq!(c[count].as_u64(), Some(reaching as u64), "{id}: {threshold} {x}");
            let block = page.split(&format!("<h3 id=\"{id}\">")).nth(1).unwrap().split("<h3 ").next().unwrap();
            let sentence = format!("{reaching}/{} mô hình đạt {}", values.len(), if higher { "≥" } else { "≤" });
            assert!(block.contains(&sentence), "{id}: no \"{sentence}\"");
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} thresholds checked");
}

/// Provenance and years wherever this part of the site shows a value or an aggregate.
#[test]
fn provenance_and_years_are_visible_in_every_page_and_download() {
    let site = built("tests/fixtures/criteria");
    for (page, years) in [
        ("criteria/index.html", "2024–2025 (2024: 1; 2025: 4)"),
        ("criteria/sourced/index.html", "2024–2025 (2024: 1; 2025: 2)"),
        ("criteria/print/index.html", "2024–2025 (2024: 1; 2025: 4)"),
    ] {
        let html = site.published(page);
        for shown in ["có nguồn", "Năm của số liệu", years, "(3 có nguồn)"] {
            assert!(html.contains(shown), "{page} does not show {shown}");
        }
    }
    // The dashboard's charts draw illustrative values hollow, and say so in their legend.
    let dashboard = site.published("criteria/index.html");
    let chart = dashboard.split("<svg").find(|s| s.contains("id=\"chart-a_pct-t\"")).unwrap();
    // Hollow (a thick outline on white): 60 (cat-que), 40 (an-binh) and the legend's square.
    assert_eq!(chart.matches("stroke-width=\"2.5\"").count(), 3, "{chart}");
    assert!(chart.contains(">minh họa</text>") && chart.contains(">có nguồn</text>"));
    // Breakdown cells carry their counts of sourced values and years.
    assert!(
        dashboard.contains("55 %<br><span class=\"cell-basis\">n=4 · 2 có nguồn · 2025 (4)</span>"),
        "by field, giáo dục, a_pct"
    );
    // Indicator pages: every value with its year, source and provenance.
    let a = site.published("indicators/a_pct/index.html");
    assert!(a.contains("<th scope=\"col\">Nguồn gốc</th>") && a.contains("2024–2025 (2024: 1; 2025: 4)"));
    assert!(a.contains("<td>Báo cáo UBND xã Phú Hòa, 2024</td><td>có nguồn</td>"), "{a}");
    assert!(a.contains("<span class=\"tag-sample\">minh họa</span></td>"));
    // Its map draws a unit hollow when none of its values is sourced: Hà Nội (Cát Quế's 60),
    // not An Giang (two sourced) nor Ninh Bình (one sourced, one not).
    let tile =
        |slug: &str| a.split(&format!("data-slug=\"{slug}\">")).nth(1).unwrap().split("/>").next().unwrap().to_string();
    assert!(
        tile("ha-noi").contains("fill=\"#ffffff\"") && tile("ha-noi").contains("stroke-width=\"4\""),
        "{}",
        tile("ha-noi")
    );
    for slug in ["an-giang", "ninh-binh"] {
        assert!(
            tile(slug).contains("stroke-width=\"1\"") && !tile(slug).contains("fill=\"#ffffff\""),
            "{}",
            tile(slug)
        );
    }
    assert!(a.contains(">minh họa (không giá trị nào có nguồn)</text>"), "the map's legend");

    // Downloads: per value its year, source and provenance; per aggregate its sourced count and years.
    let headers = |rel: &str| site.published(rel).trim_start_matches('\u{feff}').lines().next().unwrap().to_string();
    for (rel, columns) in [
        ("data/criteria-values.csv", &["indicator_name", "year", "source", "provenance"][..]),
        ("data/criteria-changes.csv", &["indicator_name", "year", "baseline_provenance", "provenance", "source"]),
        ("data/criteria-indicators.csv", &["indicator_name", "sourced", "values_per_year", "year_unknown"]),
        ("data/criteria-by-field.csv", &["indicator_name", "sourced", "values_per_year"]),
        ("data/criteria-by-region.csv", &["indicator_name", "sourced", "values_per_year"]),
        ("data/criteria-proposals.csv", &["indicator_name", "note"]),
        ("data/criteria-cost.csv", &["reporting_budget", "reporting_from_sample"]),
        ("data/pilots.csv", &["a_pct:year", "a_pct:source", "a_pct:provenance"]),
    ] {
        let h = headers(rel);
        for c in columns {
            assert!(h.split(',').any(|x| x == *c), "{rel} has no column {c}: {h}");
        }
    }
    let values = site.published("data/criteria-values.csv");
    assert!(values.contains(
        "an-giang,Xã Phú Hòa,https://example.test/pilots/an-giang/phu-hoa/,a_pct,Chỉ số A (năm giá trị),indicator,80,2024,\
         \"Báo cáo UBND xã Phú Hòa, 2024\",sourced,true,\r\n"
    ));
    assert!(values.contains("ha-noi,Xã Cát Quế,https://example.test/pilots/ha-noi/cat-que/,b_count,Chỉ số B (bốn giá trị),indicator,4,,,illustrative,,\r\n"));
    let pilots: Value = json_of(&site, "data/pilots.json");
    let mut metrics = 0;
    for p in pilots.as_array().unwrap() {
        for m in p["indicators"].as_object().unwrap().values().chain(p["baseline"].as_object().unwrap().values()) {
            let sourced = m.get("source").is_some();
            assert_eq!(m["provenance"], if sourced { "sourced" } else { "illustrative" });
            assert!(m["indicator_name"].is_string());
            metrics += 1;
        }
    }
    assert_eq!(metrics, 18, "every value of the fixture");
    let catalog: Value = json_of(&site, "data/indicators.json");
    assert_eq!(indicator(&catalog, "a_pct")["stats"]["sourced"], 3);
    assert_eq!(
        indicator(&catalog, "a_pct")["stats"]["years"],
        json!({"per_year": {"2024": 1, "2025": 4}, "unknown": 0})
    );
    let criteria: Value = json_of(&site, "data/criteria.json");
    for i in criteria["indicators"].as_array().unwrap() {
        assert!(i["sourced"].is_u64() && i["years"]["per_year"].is_object() && i["name"].is_string(), "{i}");
    }
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn number(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

#[test]
fn the_workbook_reads_back_as_criteria_json_says() {
    let site = built("tests/fixtures/criteria");
    let criteria: Value = json_of(&site, "data/criteria.json");
    let pilots: Value = json_of(&site, "data/pilots.json");
    let mut wb: Xlsx<_> = open_workbook(site.out().join("data/criteria.xlsx")).expect("an xlsx calamine reads");
    assert_eq!(
        wb.sheet_names(),
        ["Tóm tắt", "Mô hình", "Giá trị", "Đề xuất", "Theo lĩnh vực", "Theo vùng", "Chi phí"].map(String::from)
    );

    // Summary: one row per indicator, headers in Vietnamese, numbers as numbers.
    let summary = wb.worksheet_range("Tóm tắt").unwrap();
    let rows: Vec<&[Data]> = summary.rows().collect();
    assert_eq!(text(&rows[0][0]), "Mã");
    assert_eq!(text(&rows[0][1]), "Chỉ số");
    let inds = criteria["indicators"].as_array().unwrap();
    assert_eq!(rows.len(), 1 + inds.len());
    for (row, ind) in rows[1..].iter().zip(inds) {
        assert_eq!(text(&row[0]), ind["id"].as_str().unwrap());
        assert_eq!(text(&row[1]), ind["name"].as_str().unwrap());
        assert_eq!(number(&row[3]), ind["sourced"].as_f64());
        assert_eq!(number(&row[4]), ind["n"].as_f64());
        assert_eq!(number(&row[8]), ind["stats"]["median"].as_f64(), "{}", ind["id"]);
        assert_eq!(number(&row[13]), ind["share_meeting_target"].as_f64());
        assert_eq!(number(&row[14]), ind["proposals"]["min"].as_f64());
    }
    assert!(matches!(rows[1][8], Data::Float(60.0)), "a median is stored as a number");

    // Pilots: names then ids as headers, one column per indicator.
    let wide = wb.worksheet_range("Mô hình").unwrap();
    let rows: Vec<&[Data]> = wide.rows().collect();
    let ids: Vec<String> = rows[1].iter().map(text).collect();
    let a = ids.iter().position(|i| i == "a_pct").unwrap();
    assert_eq!(text(&rows[0][a]), "Chỉ số A (năm giá trị)");
    let pilots = pilots.as_array().unwrap();
    assert_eq!(rows.len(), 2 + pilots.len());
    for (row, p) in rows[2..].iter().zip(pilots) {
        assert_eq!(text(&row[1]), p["commune"].as_str().unwrap());
        assert_eq!(number(&row[a]), p["indicators"]["a_pct"]["value"].as_f64());
    }

    // Values: every value of pilots.json with its provenance.
    let long = wb.worksheet_range("Giá trị").unwrap();
    let rows: Vec<&[Data]> = long.rows().skip(1).collect();
    let expected: usize = pilots
        .iter()
        .map(|p| p["indicators"].as_object().unwrap().len() + p["baseline"].as_object().unwrap().len())
        .sum();
    assert_eq!(rows.len(), expected);
    let sourced = rows.iter().filter(|r| text(&r[8]) == "có nguồn").count();
    let illustrative = rows.iter().filter(|r| text(&r[8]) == "minh họa").count();
    assert_eq!((sourced, illustrative), (7, 11));
    assert!(rows.iter().any(|r| text(&r[1]) == "Xã Phú Hòa"
        && number(&r[5]) == Some(80.0)
        && number(&r[6]) == Some(2024.0)
        && text(&r[7]) == "Báo cáo UBND xã Phú Hòa, 2024"));
    assert!(rows.iter().any(|r| text(&r[2]) == "d_bool" && matches!(r[5], Data::Bool(false))), "yes/no as booleans");

    // Proposals with their reasons.
    let proposals = wb.worksheet_range("Đề xuất").unwrap();
    let notes: Vec<String> = proposals.rows().skip(1).map(|r| text(&r[5])).collect();
    assert_eq!(notes, ["", "Đa số hồ sơ của xã đã xử lý trực tuyến", ""]);

    // Fields and cost against criteria.json.
    let by_field = wb.worksheet_range("Theo lĩnh vực").unwrap();
    let giao_duc_a: Vec<&[Data]> =
        by_field.rows().filter(|r| text(&r[0]) == "Giáo dục" && text(&r[2]) == "a_pct").collect();
    assert_eq!(number(&giao_duc_a[0][8]), criteria["by_field"][0]["indicators"]["a_pct"]["median"].as_f64());
    assert_eq!(number(&giao_duc_a[0][5]), Some(2.0), "two sourced values");
    let cost = wb.worksheet_range("Chi phí").unwrap();
    let all: Vec<Option<f64>> = cost.rows().nth(1).unwrap()[1..].iter().map(number).collect();
    let c = &criteria["cost"][0];
    assert_eq!(
        all,
        [
            c["pilots"].as_f64(),
            c["reporting_budget"].as_f64(),
            c["reporting_from_sample"].as_f64(),
            c["budget_million_vnd"]["median"].as_f64(),
            c["budget_million_vnd"]["min"].as_f64(),
            c["budget_million_vnd"]["max"].as_f64(),
            c["reporting_households"].as_f64(),
            c["budget_per_household_million_vnd"]["median"].as_f64(),
            c["budget_per_household_million_vnd"]["min"].as_f64(),
            c["budget_per_household_million_vnd"]["max"].as_f64(),
        ]
    );

    // Reproducible: the same content builds the same bytes.
    let again = built("tests/fixtures/criteria");
    assert_eq!(
        std::fs::read(again.out().join("data/criteria.xlsx")).unwrap(),
        std::fs::read(site.out().join("data/criteria.xlsx")).unwrap()
    );
}

/// Excel freezes a sheet's header rows with a `<pane … state="frozen"/>` in the sheet's XML:
/// one row on each sheet, two on the pilots sheet (names, then ids).
#[test]
fn the_workbook_freezes_its_header_rows() {
    use std::io::Read;
    let site = built("tests/fixtures/criteria");
    let file = std::fs::File::open(site.out().join("data/criteria.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    for (sheet, rows) in [(1, 1), (2, 2), (3, 1), (4, 1), (5, 1), (6, 1), (7, 1)] {
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{sheet}.xml")).unwrap().read_to_string(&mut xml).unwrap();
        let pane = xml
            .split("<pane ")
            .nth(1)
            .unwrap_or_else(|| panic!("sheet {sheet} has no pane"))
            .split("/>")
            .next()
            .unwrap();
        assert!(
            pane.contains(&format!("ySplit=\"{rows}\"")) && pane.contains("state=\"frozen\""),
            "sheet {sheet}: {pane}"
        );
    }
}

/// `communes_share` is a percentage of communes: outside 0–100 it is refused where it is
/// written, by check and build alike.
#[test]
fn a_communes_share_outside_0_to_100_is_refused_at_its_line() {
    let site = TestSite::from_fixture("tests/fixtures/criteria");
    site.edit("content/indicators.yaml", "communes_share: 70", "communes_share: 170");
    let line =
        site.read("content/indicators.yaml").lines().position(|l| l.contains("communes_share: 170")).unwrap() + 1;
    let root = site.root().to_str().unwrap().to_string();
    let o = langso(&["check", "--root", &root, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let diags: Value = serde_json::from_slice(&o.stdout).unwrap();
    let d = diags.as_array().unwrap().iter().find(|d| d["code"] == "out-of-range").expect("an out-of-range error");
    assert_eq!(
        (d["path"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("content/indicators.yaml"), Some(line as u64), Some(21))
    );
    assert!(!site.build().status.success(), "build refuses what check refuses");
}
