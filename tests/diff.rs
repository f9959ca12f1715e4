//! `langso diff OLD NEW`: pilots added and removed, values changed with the target line
//! crossed or not, status and proposals changed; the catalogs, site.yaml, pages and theme
//! files changed, with the pilots a moved target makes cross it; as JSON and as Markdown
//! that the pull request it describes cannot forge.

mod common;

use common::*;
use pulldown_cmark::{Event, Options, Parser, Tag};
use serde_json::{Value, json};

const TG: &str = "content/pilots/an-giang/thoai-giang/metrics.yaml";
const GP: &str = "content/pilots/ninh-binh/giao-phong/metrics.yaml";

fn new_pilot(site: &TestSite, province: &str, commune: &str) {
    let root = site.root().to_str().unwrap();
    let o = langso(&["new", "pilot", "--province", province, "--commune", commune, "--root", root]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// The minimal site before and after a typical pull request.
fn before_and_after() -> (TestSite, TestSite) {
    let old = TestSite::from_fixture("tests/fixtures/minimal");
    new_pilot(&old, "an-giang", "Xã Vĩnh Gia");
    let new = TestSite::from_fixture("tests/fixtures/minimal");
    new_pilot(&new, "ninh-binh", "Xã Hải Đông");
    new.edit(TG, "{ value: 58,", "{ value: 65,"); // crosses the 60 % target upwards
    new.edit(TG, "status: ongoing", "status: completed");
    new.edit(GP, "commune_records_online_pct: { value: 75,", "commune_records_online_pct: { value: 55,"); // falls below
    new.edit(GP, "ocop_products: { value: 4,", "ocop_products: { value: 6,"); // no target
    new.edit(GP, "threshold: 80", "threshold: 85");
    (old, new)
}

fn diff(old: &TestSite, new: &TestSite, format: &str) -> String {
    let o = langso(&["diff", old.root().to_str().unwrap(), new.root().to_str().unwrap(), "--format", format]);
    assert!(o.status.success(), "{}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn json_lists_pilots_values_and_proposals() {
    let (old, new) = before_and_after();
    let d: Value = serde_json::from_str(&diff(&old, &new, "json")).unwrap();
    assert_eq!(d["added"][0]["path"], "ninh-binh/hai-dong");
    assert_eq!(d["removed"][0]["path"], "an-giang/vinh-gia");
    let changed = d["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 2, "{changed:#?}");
    let tg = changed.iter().find(|c| c["path"] == "an-giang/thoai-giang").unwrap();
    assert_eq!(tg["status"], json!({ "old": "ongoing", "new": "completed" }));
    assert_eq!(
        tg["values"],
        json!([{ "indicator": "commune_records_online_pct", "old": 58.0, "new": 65.0, "target": 60.0, "crossed": "now-meets" }])
    );
    let gp = changed.iter().find(|c| c["path"] == "ninh-binh/giao-phong").unwrap();
    let values = gp["values"].as_array().unwrap();
    assert_eq!(values.len(), 2);
    assert_eq!(values[0]["crossed"], "no-longer-meets");
    assert_eq!((values[1]["indicator"].as_str(), &values[1]["crossed"]), (Some("ocop_products"), &Value::Null));
    assert_eq!(gp["proposals"][0]["old"], 80.0);
    assert_eq!(gp["proposals"][0]["new"], 85.0);
}

#[test]
fn markdown_is_ready_for_a_pull_request_comment() {
    let (old, new) = before_and_after();
    let md = diff(&old, &new, "markdown");
    for expected in [
        "## Thay đổi về các mô hình thí điểm\n",
        "**1 mô hình mới, 1 bị xóa, 2 thay đổi**",
        "### Mô hình mới\n\n- `Xã Hải Đông` (`Ninh Bình`) — `ninh-binh/hai-dong`: Đang chuẩn bị; 0 giá trị chỉ tiêu, đạt 0/0 mục tiêu",
        "### Mô hình bị xóa\n\n- `Xã Vĩnh Gia` (`An Giang`) — `an-giang/vinh-gia`",
        "#### `Xã Thoại Giang` — `an-giang/thoai-giang`\n\nTrạng thái: Đang triển khai → Đã hoàn thành\n",
        "| Chỉ tiêu | Cũ | Mới | Mục tiêu | Ngưỡng mục tiêu |\n|---|--:|--:|--:|---|\n",
        "| `commune_records_online_pct` | 58 % | 65 % | ≥ 60 % | ✅ nay đạt mục tiêu |",
        "| `commune_records_online_pct` | 75 % | 55 % | ≥ 60 % | ⚠️ không còn đạt mục tiêu |",
        "| `ocop_products` | 4 | 6 |  |  |",
        "Đề xuất tiêu chí:\n\n- `commune_records_online_pct`: 80 % → 85 % — `Nâng ngưỡng.`",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in:\n{md}");
    }
    assert!(!md.contains("Danh mục, cấu hình"), "pilots only: no catalog section\n{md}");
}

#[test]
fn no_change_says_so_and_content_cannot_inject_markdown() {
    let old = TestSite::from_fixture("tests/fixtures/minimal");
    let md = diff(&old, &old, "markdown");
    assert!(md.contains("Không có thay đổi nào"), "{md}");

    let o = langso(&["diff", old.root().to_str().unwrap(), "/nonexistent"]);
    assert_eq!(o.status.code(), Some(2));
}

/// What a Markdown reader makes of the comment: the text outside code spans (where GitHub
/// turns `@name` into a mention, bare URLs into links and `$…$` into math), the code
/// spans, and every HTML, link and image it would create.
struct Parsed {
    text: String,
    code: Vec<String>,
    active: Vec<String>,
}

fn parse(md: &str) -> Parsed {
    let mut p = Parsed { text: String::new(), code: Vec::new(), active: Vec::new() };
    for event in Parser::new_ext(md, Options::all()) {
        match event {
            Event::Text(t) => p.text.push_str(&t),
            Event::Code(c) => p.code.push(c.to_string()),
            Event::Html(h) | Event::InlineHtml(h) => p.active.push(format!("html {h}")),
            Event::InlineMath(m) | Event::DisplayMath(m) => p.active.push(format!("math {m}")),
            Event::Start(Tag::Link { dest_url, .. }) => p.active.push(format!("link {dest_url}")),
            Event::Start(Tag::Image { dest_url, .. }) => p.active.push(format!("image {dest_url}")),
            Event::FootnoteReference(f) => p.active.push(format!("footnote {f}")),
            _ => {}
        }
    }
    p
}

/// A pull request that overrides the theme's strings and writes Markdown, HTML, mentions,
/// addresses, math and bidi controls into every string the comment shows cannot forge it.
#[test]
fn the_pull_request_cannot_write_the_comment() {
    let old = TestSite::from_fixture("tests/fixtures/minimal");
    let new = TestSite::from_fixture("tests/fixtures/minimal");
    // The theme's words, which the comment once used for statuses, yes/no and units.
    let forged = "✅ Không có thay đổi nào về dữ liệu ![ok](https://tracker.example/p.png) <!--";
    for lang in ["vi", "en"] {
        let strings = std::fs::read_to_string(repo_root().join(format!("themes/default/i18n/{lang}.yaml"))).unwrap();
        let keys = ["status_ongoing:", "status_completed:", "yes:", "no:", "unit_million_vnd:"];
        let strings: Vec<String> = strings
            .lines()
            .map(|l| match keys.iter().find(|k| l.starts_with(*k)) {
                Some(k) => format!("{k} \"{forged}\""),
                None => l.to_string(),
            })
            .collect();
        new.write(&format!("themes/default/i18n/{lang}.yaml"), &(strings.join("\n") + "\n"));
    }
    let hostile = "Xã <!-- @octocat https://evil.example www.evil.example $x^2$ ![i](x.png) | `b` \u{202E}gnoh\u{2066}";
    new.edit(TG, "commune: \"Xã Thoại Giang\"", &format!("commune: \"{hostile}\""));
    new.edit(TG, "status: ongoing", "status: completed");
    new.edit(TG, "{ value: 58,", "{ value: 65,");
    new.edit(GP, "note: \"Nâng ngưỡng.\"", "note: \"<img src=x onerror=alert(1)> @team/leads $$y$$ \u{200B}\"");
    new.edit(GP, "threshold: 80", "threshold: 85");
    new.edit(
        "content/indicators.yaml",
        "en: \"OCOP products\"",
        "en: \"<details><summary>✅ no data changes</summary> [a](javascript:x) @everyone\"",
    );
    let md = diff(&old, &new, "markdown");
    let p = parse(&md);
    assert!(p.active.is_empty(), "the comment makes {:?}:\n{md}", p.active);
    for raw in [
        "✅ Không có thay đổi nào về dữ liệu",
        "tracker.example",
        "@octocat",
        "https://",
        "www.",
        "$x",
        "@team",
        "@everyone",
        "<!--",
        "<img",
        "<details",
        "javascript:",
    ] {
        assert!(!p.text.contains(raw), "{raw:?} outside code spans:\n{}\n---\n{md}", p.text);
    }
    for raw in ['\u{202E}', '\u{2066}', '\u{200B}'] {
        assert!(!md.contains(raw), "{raw:?} raw in:\n{md}");
    }
    assert!(
        p.code.iter().any(|c| c.contains("@octocat https://evil.example") && c.contains("<U+202E>gnoh<U+2066>")),
        "{md}"
    );
    assert!(md.contains("Trạng thái: Đang triển khai → Đã hoàn thành"), "statuses from the catalog:\n{md}");
    // An indicator name that changed is listed, as code.
    assert!(p.code.iter().any(|c| c.starts_with("<details>")), "{md}");
}

/// The JSON carries content as it is to a parser; on screen an invisible character is a `\u` escape.
#[test]
fn json_keeps_content_as_written() {
    let old = TestSite::from_fixture("tests/fixtures/minimal");
    let new = TestSite::from_fixture("tests/fixtures/minimal");
    new.edit(TG, "commune: \"Xã Thoại Giang\"", "commune: \"Xã \u{202E}x\"");
    new.edit(TG, "{ value: 58,", "{ value: 65,");
    let text = diff(&old, &new, "json");
    assert!(!text.contains('\u{202E}') && text.contains(r"Xã \u202ex"), "escaped on screen: {text}");
    let d: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(d["changed"][0]["commune"], "Xã \u{202E}x");
}

fn entries(old: &TestSite, new: &TestSite) -> Vec<Value> {
    let d: Value = serde_json::from_str(&diff(old, new, "json")).unwrap();
    assert_eq!((d["added"].as_array().unwrap().len(), d["removed"].as_array().unwrap().len()), (0, 0));
    d["entries"].as_array().unwrap().clone()
}

fn entry<'a>(entries: &'a [Value], file: &str, id: Option<&str>) -> &'a Value {
    let id = id.map(Value::from).unwrap_or(Value::Null);
    entries
        .iter()
        .find(|e| e["file"] == file && e["id"] == id)
        .unwrap_or_else(|| panic!("no {file} {id} in {entries:#?}"))
}

/// Raising a national target changes no value, yet changes what every page says: the diff
/// names it and counts the pilots that cross the line.
#[test]
fn a_moved_target_is_reported_with_the_pilots_it_makes_cross() {
    let old = TestSite::from_fixture("tests/fixtures/minimal");
    let new = TestSite::from_fixture("tests/fixtures/minimal");
    new.edit("content/indicators.yaml", "target: { value: 60,", "target: { value: 99.9,");
    let e = entries(&old, &new);
    assert_eq!(e.len(), 1, "{e:#?}");
    let target = entry(&e, "content/indicators.yaml", Some("commune_records_online_pct"));
    assert_eq!(target["change"], "changed");
    assert_eq!(target["keys"], json!([{ "key": "target.value", "old": "60", "new": "99.9" }]));
    // Giao Phong's 75 % met 60 and misses 99.9; Thoại Giang's 58 % missed both.
    assert_eq!(target["crossing"], json!({ "no_longer_meet": 1, "now_meet": 0 }));
    assert_eq!(target["reach"], json!({ "pilots": 2 }));
    let md = diff(&old, &new, "markdown");
    for expected in [
        "**0 mô hình mới, 0 bị xóa, 0 thay đổi**\n\n**1 thay đổi về danh mục, cấu hình, trang hoặc giao diện**",
        "### Danh mục, cấu hình, trang và giao diện\n\n- `content/indicators.yaml` › `commune_records_online_pct` — thay đổi; hiển thị trên trang của 2 mô hình\n",
        "  - `target.value`: `60` → `99.9`\n  - do thay đổi này, 1 mô hình không còn đạt mục tiêu, 0 mô hình nay đạt\n",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in:\n{md}");
    }

    // Lowering it and turning the direction: Thoại Giang's 58 % now meets "≤ 59", Giao Phong's 75 % no longer.
    new.edit(
        "content/indicators.yaml",
        "better: higher\n  target: { value: 99.9,",
        "better: lower\n  target: { value: 59,",
    );
    let e = entries(&old, &new);
    let target = entry(&e, "content/indicators.yaml", Some("commune_records_online_pct"));
    assert_eq!(
        target["keys"],
        json!([{ "key": "better", "old": "higher", "new": "lower" }, { "key": "target.value", "old": "60", "new": "59" }])
    );
    assert_eq!(target["crossing"], json!({ "no_longer_meet": 1, "now_meet": 1 }));
}

#[test]
fn every_key_of_the_indicator_catalog_is_compared() {
    let old = TestSite::from_fixture("tests/fixtures/minimal");
    let new = TestSite::from_fixture("tests/fixtures/minimal");
    let ind = "content/indicators.yaml";
    // Two indicators' names swapped.
    new.edit(ind, "en: \"Commune records processed online\"", "en: \"SWAP\"");
    new.edit(ind, "en: \"Officials trained\"", "en: \"Commune records processed online\"");
    new.edit(ind, "en: \"SWAP\"", "en: \"Officials trained\"");
    new.edit(ind, "  unit: count\n  min: 0", "  unit: number\n  min: 1\n  max: 10");
    new.edit(ind, "target: { value: 100, year: 2025", "target: { value: 100, year: 2030");
    new.edit(ind, "- id: fiber_households_pct", "- id: fibre_households_pct");
    let e = entries(&old, &new);
    let keys = |id: &str| entry(&e, ind, Some(id))["keys"].clone();
    assert_eq!(
        keys("commune_records_online_pct"),
        json!([{ "key": "name.en", "old": "Commune records processed online", "new": "Officials trained" }])
    );
    assert_eq!(
        keys("officials_trained_digital_pct"),
        json!([
            { "key": "name.en", "old": "Officials trained", "new": "Commune records processed online" },
            { "key": "target.year", "old": "2025", "new": "2030" },
        ])
    );
    assert_eq!(
        keys("ocop_products"),
        json!([
            { "key": "unit", "old": "count", "new": "number" },
            { "key": "min", "old": "0", "new": "1" },
            { "key": "max", "old": null, "new": "10" },
        ])
    );
    assert_eq!(entry(&e, ind, Some("fibre_households_pct"))["change"], "added");
    assert_eq!(entry(&e, ind, Some("fiber_households_pct"))["change"], "removed");
    // What it reached in the old site: Thoại Giang's page showed its value.
    assert_eq!(entry(&e, ind, Some("fiber_households_pct"))["reach"], json!({ "pilots": 1 }));
    assert_eq!(entry(&e, ind, Some("fibre_households_pct"))["reach"], json!({ "pilots": 0 }));
    assert_eq!(
        entry(&e, ind, Some("officials_trained_digital_pct"))["crossing"],
        Value::Null,
        "the target did not move"
    );
    assert_eq!(e.len(), 5, "{e:#?}");
}

/// The keys that say how a target is worded and read, and what a value typically is,
/// change what the dashboard and `check` say: they are compared like the others.
#[test]
fn target_wording_share_and_typical_range_are_compared() {
    let old = TestSite::from_fixture("tests/fixtures/minimal");
    let new = TestSite::from_fixture("tests/fixtures/minimal");
    new.edit(
        "content/indicators.yaml",
        "target: { value: 60, year: 2025, source: \"QĐ 924/QĐ-TTg\" }",
        "target: { value: 60, year: 2025, source: \"QĐ 924/QĐ-TTg\", wording: \"ít nhất 60 %\", communes_share: 70 }\n  typical: { min: 20, max: 100 }",
    );
    let e = entries(&old, &new);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(
        entry(&e, "content/indicators.yaml", Some("commune_records_online_pct"))["keys"],
        json!([
            { "key": "target.wording.vi", "old": null, "new": "ít nhất 60 %" },
            { "key": "target.communes_share", "old": null, "new": "70" },
            { "key": "typical.min", "old": null, "new": "20" },
            { "key": "typical.max", "old": null, "new": "100" },
        ])
    );
}

#[test]
fn registries_site_pages_and_theme_are_compared() {
    let old = TestSite::from_fixture("tests/fixtures/minimal");
    let new = TestSite::from_fixture("tests/fixtures/minimal");
    new.edit("content/provinces.yaml", "name: An Giang\n", "name: An Giang mới\n");
    new.edit("content/provinces.yaml", "  kind: city\n  region: dong-bang-song-hong", "  kind: city");
    new.edit("content/regions.yaml", "en: \"Mekong Delta\"", "en: \"Mekong River Delta\"");
    new.edit("content/fields.yaml", "description: \"Y tế số.\"", "description: \"Y tế số hóa.\"");
    new.edit("content/site.yaml", "base_url: \"https://example.test/ntm/\"", "base_url: \"https://other.example/\"");
    new.edit("content/pages/gioi-thieu.md", "\"Giới thiệu\"", "\"Giới thiệu mới\"");
    std::fs::remove_file(new.root().join("content/pages/phuong-phap.md")).unwrap();
    new.write("content/pages/lien-he.md", "---\ntitle: Liên hệ\n---\n\nThư.\n");
    new.write("themes/default/static/style.css", "body { color: red }\n");
    old.write("themes/default/templates/base.html", "{{ x }}");
    new.write("themes/default/templates/base.html", "{{ y }}");
    old.write("themes/default/i18n/en.yaml", "title: x\n");
    let e = entries(&old, &new);
    let changed = |file: &str, id: Option<&str>| entry(&e, file, id)["keys"].clone();
    assert_eq!(
        changed("content/provinces.yaml", Some("an-giang")),
        json!([{ "key": "name", "old": "An Giang", "new": "An Giang mới" }])
    );
    assert_eq!(entry(&e, "content/provinces.yaml", Some("an-giang"))["reach"], json!({ "pilots": 1 }));
    assert_eq!(
        changed("content/provinces.yaml", Some("ha-noi")),
        json!([{ "key": "region", "old": "dong-bang-song-hong", "new": null }])
    );
    assert_eq!(
        changed("content/regions.yaml", Some("dong-bang-song-cuu-long")),
        json!([{ "key": "name.en", "old": "Mekong Delta", "new": "Mekong River Delta" }])
    );
    assert_eq!(
        changed("content/fields.yaml", Some("y-te")),
        json!([{ "key": "description", "old": "Y tế số.", "new": "Y tế số hóa." }])
    );
    assert_eq!(
        changed("content/site.yaml", None),
        json!([{ "key": "base_url", "old": "https://example.test/ntm/", "new": "https://other.example/" }])
    );
    assert_eq!(entry(&e, "content/site.yaml", None)["reach"], "everything");
    assert_eq!(changed("content/pages/gioi-thieu.md", None)[0]["key"], "title");
    assert_eq!(entry(&e, "content/pages/phuong-phap.md", None)["change"], "removed");
    assert_eq!(entry(&e, "content/pages/lien-he.md", None)["change"], "added");
    assert_eq!(entry(&e, "themes/default/static/style.css", None)["change"], "added");
    assert_eq!(entry(&e, "themes/default/templates/base.html", None)["change"], "changed");
    assert_eq!(entry(&e, "themes/default/i18n/en.yaml", None)["change"], "removed");
    assert_eq!(e.len(), 11, "{e:#?}");
    let md = diff(&old, &new, "markdown");
    assert!(md.contains("- `themes/default/templates/base.html` — thay đổi; hiển thị trên mọi trang\n"), "{md}");
    assert!(md.contains("- `content/pages/phuong-phap.md` — bị xóa\n"), "{md}");
}

/// A pilot's own keys: a pilot turned into a sample (whose values need no source), its
/// fields, period, title and case study changed, with no value touched.
#[test]
fn a_pilots_other_keys_are_compared() {
    let old = TestSite::from_fixture("tests/fixtures/minimal");
    let new = TestSite::from_fixture("tests/fixtures/minimal");
    let (metrics, index) = (TG, "content/pilots/an-giang/thoai-giang/index.md");
    new.edit(metrics, "sample: false", "sample: true");
    new.edit(metrics, "fields: [y-te, giao-duc]", "fields: [y-te]");
    new.edit(metrics, "period: { start: 2023, end: 2025 }", "period: { start: 2023, end: 2026 }");
    new.edit(index, "title: \"Xã Thoại Giang: y tế số\"", "title: \"Xã Thoại Giang: y tế số hóa\"");
    new.edit(index, "Mỗi ấp", "Từng ấp");
    new.edit(
        metrics,
        "{ value: 58, year: 2024, source: \"Báo An Giang\" }",
        "{ value: 58, year: 2023, source: \"Báo khác\" }",
    );
    new.edit(
        GP,
        "commune_records_online_pct: { value: 60, year: 2022 }",
        "commune_records_online_pct: { value: 20, year: 2022 }",
    );
    let d: Value = serde_json::from_str(&diff(&old, &new, "json")).unwrap();
    let changed = d["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 2, "{changed:#?}");
    assert_eq!(changed[1]["keys"], json!([{ "key": "baseline.commune_records_online_pct", "old": "60", "new": "20" }]));
    let keys: Vec<&str> = changed[0]["keys"].as_array().unwrap().iter().map(|k| k["key"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "title",
            "fields",
            "period",
            "sample",
            "text",
            "indicators.commune_records_online_pct.year",
            "indicators.commune_records_online_pct.source"
        ]
    );
    assert_eq!(changed[0]["keys"][3], json!({ "key": "sample", "old": "false", "new": "true" }));
    assert_eq!(changed[0]["values"], json!([]));
    let md = diff(&old, &new, "markdown");
    for expected in [
        "#### `Xã Thoại Giang` — `an-giang/thoai-giang`\n\n- `title`: `Xã Thoại Giang: y tế số` → `Xã Thoại Giang: y tế số hóa`\n",
        "- `fields`: `y-te, giao-duc` → `y-te`\n- `period`: `2023–2025` → `2023–2026`\n- `sample`: `false` → `true`\n",
        "- `text`: thay đổi\n",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in:\n{md}");
    }
}
