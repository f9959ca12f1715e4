//! `langso diff OLD NEW`: pilots added and removed, values changed with the target line
//! crossed or not, status and proposals changed, as JSON and as Markdown.

mod common;

use common::*;
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
        "### Mô hình mới\n\n- **Xã Hải Đông (Ninh Bình)** — `ninh-binh/hai-dong`: Đang chuẩn bị; 0 giá trị chỉ tiêu, đạt 0/0 mục tiêu",
        "### Mô hình bị xóa\n\n- **Xã Vĩnh Gia (An Giang)** — `an-giang/vinh-gia`",
        "#### Xã Thoại Giang — `an-giang/thoai-giang`\n\nTrạng thái: Đang triển khai → Đã hoàn thành\n",
        "| Chỉ tiêu | Cũ | Mới | Mục tiêu | Ngưỡng mục tiêu |\n|---|--:|--:|--:|---|\n",
        "(`commune_records_online_pct`) | 58 % | 65 % | ≥ 60 % | ✅ nay đạt mục tiêu |",
        "(`commune_records_online_pct`) | 75 % | 55 % | ≥ 60 % | ⚠️ không còn đạt mục tiêu |",
        "(`ocop_products`) | 4 | 6 |  |  |",
        "Đề xuất tiêu chí:\n\n- `commune_records_online_pct`: 80 % → 85 % — Nâng ngưỡng.",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in:\n{md}");
    }
}

#[test]
fn no_change_says_so_and_content_cannot_inject_markdown() {
    let old = TestSite::from_fixture("tests/fixtures/minimal");
    let md = diff(&old, &old, "markdown");
    assert!(md.contains("Không có thay đổi nào"), "{md}");

    let new = TestSite::from_fixture("tests/fixtures/minimal");
    new.edit(TG, "commune: \"Xã Thoại Giang\"", "commune: \"Xã <img src=x> [a](javascript:x) | **b**\"");
    new.edit(TG, "{ value: 58,", "{ value: 65,");
    let md = diff(&old, &new, "markdown");
    assert!(md.contains("#### Xã \\<img src=x\\> \\[a\\](javascript:x) \\| \\*\\*b\\*\\* — "), "{md}");
    let o = langso(&["diff", old.root().to_str().unwrap(), "/nonexistent"]);
    assert_eq!(o.status.code(), Some(2));
}
