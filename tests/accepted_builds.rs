//! What `langso check` accepts, `langso build` publishes: random sites at the edges of
//! what the content format allows (huge, tiny and negative numbers near every unit's
//! limits, commune folders and pages with names up to and past the length budget,
//! Windows device names) go through the real binary, `check` then `build`. The two must
//! give the same verdict, and a published site must hold only finite numbers in every
//! chart (every attribute of every `<svg>`, inline or a file). The case count is small:
//! each case is two runs of the binary (`PROPTEST_CASES` raises it).

mod common;

use common::*;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(16)
}

/// Numbers at the edges of what each unit allows (`Unit::hard_limits`: 10⁹ for counts and
/// money, 10¹² for plain numbers, 0–100 for these percentages, amounts 0–10⁹) ...
const COUNT: &[&str] = &["0", "1", "999999999", "1000000000", "1e9"];
const NUMBER: &[&str] = &["-1e12", "1e12", "-0.0", "5e-324", "999999999999.9"];
const MONEY: &[&str] = &["-1e9", "1e9", "0.001", "-0.0", "5e-324", "-999999999.99"];
const PERCENT: &[&str] = &["0", "100", "99.99", "5e-324", "-0.0", "0.1"];
const AMOUNT: &[&str] = &["0", "1e9", "5e-324", "1000000000", "0.5"];
/// ... and past them, now and then: the extremes of a double, just over a limit.
#[rustfmt::skip]
const BEYOND: &[&str] = &[
    "-1", "100.0001", "1000000001", "1000000000001", "1e15", "1.7e308", "-1.7e308", "1.79e308", "-1e308",
];

/// A value of a unit whose accepted edges are `edges`; one in forty is beyond them (a
/// case has fifteen values, and most cases should pass check).
fn number(edges: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    prop_oneof![39 => prop::sample::select(edges), 1 => prop::sample::select(BEYOND)]
}

/// Slugs of communes and pages: short, at the 64-byte budget; now and then past it, or a
/// device name Windows reserves.
fn slug() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => "[a-z]{1,8}(-[a-z0-9]{1,8}){0,3}",
        6 => prop::sample::select(vec![64usize, 63, 62]).prop_map(|n| format!("{}-{}", "xa".repeat(20), "b".repeat(n - 41))),
        1 => (65usize..70).prop_map(|n| "a".repeat(n)),
        1 => prop::sample::select(vec!["con", "nul", "com1", "lpt9", "aux", "prn"]).prop_map(str::to_string),
    ]
}

#[derive(Debug, Clone)]
struct Site {
    /// Values of the two pilots for: ocop_products (count), extra_number (number),
    /// extra_money (million_vnd), commune_records_online_pct (percent).
    values: [[&'static str; 4]; 2],
    baseline: &'static str,
    threshold: &'static str,
    target: &'static str,
    area: &'static str,
    budget: &'static str,
    communes: Vec<String>,
    pages: Vec<String>,
}

fn site() -> impl Strategy<Value = Site> {
    let values = (number(COUNT), number(NUMBER), number(MONEY), number(PERCENT)).prop_map(|(a, b, c, d)| [a, b, c, d]);
    (
        prop::array::uniform2(values),
        (number(NUMBER), number(MONEY), number(MONEY), number(AMOUNT), number(AMOUNT)),
        prop::collection::vec(slug(), 0..3),
        prop::collection::vec(slug(), 0..2),
    )
        .prop_map(|(values, (baseline, threshold, target, area, budget), communes, pages)| Site {
            values,
            baseline,
            threshold,
            target,
            area,
            budget,
            communes,
            pages,
        })
}

const PILOTS: [&str; 2] = ["content/pilots/ninh-binh/giao-phong", "content/pilots/an-giang/thoai-giang"];

fn lay_out(s: &Site) -> TestSite {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let indicators = format!(
        "{}- id: extra_number\n  group: kinh-te-so\n  name: {{ vi: \"Số thử\", en: \"Test number\" }}\n  unit: number\n\
         - id: extra_money\n  group: kinh-te-so\n  name: {{ vi: \"Tiền thử\", en: \"Test money\" }}\n  unit: million_vnd\n  \
         target: {{ value: {}, year: 2025, source: \"QĐ thử\" }}\n",
        site.read("content/indicators.yaml"),
        s.target
    );
    site.write("content/indicators.yaml", &indicators);
    for (dir, v) in PILOTS.iter().zip(&s.values) {
        let rel = format!("{dir}/metrics.yaml");
        let mut text = site.read(&rel);
        let value = |id: &str, v: &str| format!("  {id}: {{ value: {v}, year: 2024, source: \"Báo thử\" }}\n");
        let extra = [("ocop_products", v[0]), ("extra_number", v[1]), ("extra_money", v[2])]
            .iter()
            .filter(|(id, _)| !text.contains(&format!("  {id}:")))
            .map(|(id, v)| value(id, v))
            .collect::<String>();
        text = text.replacen("indicators:\n", &format!("indicators:\n{extra}"), 1);
        text = text.replacen(
            "commune_records_online_pct: { value: 75,",
            &format!("commune_records_online_pct: {{ value: {},", v[3]),
            1,
        );
        text = text.replacen(
            "commune_records_online_pct: { value: 58,",
            &format!("commune_records_online_pct: {{ value: {},", v[3]),
            1,
        );
        text = text.replacen("ocop_products: { value: 4,", &format!("ocop_products: {{ value: {},", v[0]), 1);
        site.write(&rel, &text);
    }
    let rel = format!("{}/metrics.yaml", PILOTS[0]);
    let text = site
        .read(&rel)
        .replacen(
            "commune_records_online_pct: { value: 60, year: 2022 }",
            &format!("extra_number: {{ value: {}, year: 2022 }}", s.baseline),
            1,
        )
        .replacen(
            "indicator: commune_records_online_pct\n    threshold: 80",
            &format!("indicator: extra_money\n    threshold: {}", s.threshold),
            1,
        )
        .replacen("area_ha: 756.6", &format!("area_ha: {}", s.area), 1)
        .replacen("total: 11000", &format!("total: {}", s.budget), 1);
    site.write(&rel, &text);
    for slug in &s.communes {
        let dir = format!("content/pilots/ninh-binh/{slug}");
        if site.root().join(&dir).exists() {
            continue;
        }
        let commune = format!("Xã {}", slug.replace('-', " "));
        let metrics = site.read(&rel).replacen("commune: \"Xã Giao Phong\"", &format!("commune: \"{commune}\""), 1);
        site.write(&format!("{dir}/metrics.yaml"), &metrics);
        for file in ["index.md", "so-do.svg"] {
            site.write(&format!("{dir}/{file}"), &site.read(&format!("{}/{file}", PILOTS[0])));
        }
    }
    for slug in &s.pages {
        site.write(&format!("content/pages/{slug}.md"), "---\ntitle: \"Trang thử\"\n---\n\nNội dung.\n");
    }
    site
}

/// The attributes of a chart that hold numbers (coordinates, sizes, paths).
const GEOMETRY: &[&str] = &[
    "viewBox",
    "x",
    "y",
    "x1",
    "x2",
    "y1",
    "y2",
    "cx",
    "cy",
    "r",
    "width",
    "height",
    "d",
    "points",
    "font-size",
    "stroke-width",
    "stroke-dasharray",
    "transform",
];

/// Every number in a geometry attribute of an `<svg>` element or its children, with its value.
fn svg_numbers(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (start, _) in text.match_indices("<svg") {
        let end = text[start..].find("</svg>").map_or(text.len(), |e| start + e);
        let parts: Vec<&str> = text[start..end].split("=\"").collect();
        for (before, after) in parts.iter().zip(&parts[1..]) {
            let name = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
            if !GEOMETRY.contains(&name) || name == "width" && after.starts_with("100%") {
                continue;
            }
            let value = after.split('"').next().unwrap_or("");
            let words = value.split(|c: char| c.is_whitespace() || c == ',' || c.is_ascii_alphabetic() && c != 'e');
            for word in words.filter(|w| w.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.')) {
                found.push((word.to_string(), value.to_string()));
            }
            if value.contains("NaN") || value.contains("inf") {
                found.push(("NaN/inf".into(), value.to_string()));
            }
        }
    }
    found
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn what_check_accepts_builds_with_finite_charts(s in site()) {
        let site = lay_out(&s);
        let root = site.root().to_str().unwrap();
        let check = langso(&["check", "--root", root]);
        let build = site.build();
        prop_assert!(build.status.code() != Some(101) && check.status.code() != Some(101), "a panic: {}{}", stderr(&check), stderr(&build));
        prop_assert_eq!(check.status.success(), build.status.success(), "check: {}\nbuild: {}", stderr(&check), stderr(&build));
        if !build.status.success() {
            return Ok(());
        }
        for entry in walkdir::WalkDir::new(site.out()) {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy();
            if !entry.file_type().is_file() || !(name.ends_with(".html") || name.ends_with(".svg")) {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for (word, value) in svg_numbers(&text) {
                let n: Result<f64, _> = word.parse();
                prop_assert!(
                    n.is_ok_and(|n| n.is_finite() && n.abs() < 1e10),
                    "`{}` in `{}` of {}", word, value, entry.path().display()
                );
            }
        }
    }
}

#[test]
fn the_svg_reader_sees_bad_numbers() {
    let bad = svg_numbers("<svg viewBox=\"0 0 400 NaN\"><circle cx=\"1e300\" cy=\"-inf\"/></svg>");
    assert!(bad.iter().any(|(w, _)| w == "NaN/inf"), "{bad:?}");
    assert!(bad.iter().any(|(w, _)| w == "1e300"), "{bad:?}");
    let good = svg_numbers("<svg viewBox=\"0 0 400 219\"><path d=\"M16 52.5H384\" stroke=\"#5b6773\"/></svg>");
    assert!(good.iter().all(|(w, _)| w.parse::<f64>().is_ok_and(f64::is_finite)), "{good:?}");
}
