//! `langso new pilot`: what it creates passes `check` with only the empty sections
//! warned about; it never overwrites; an unknown province gets suggestions.

mod common;

use common::*;

fn new_pilot(site: &TestSite, province: &str, commune: &str) -> std::process::Output {
    let root = site.root().to_str().unwrap();
    langso(&["new", "pilot", "--province", province, "--commune", commune, "--root", root])
}

#[test]
fn a_new_pilot_passes_check_with_only_empty_sections_warned() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let o = new_pilot(&site, "ninh-binh", "Xã Hải Đông");
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = "content/pilots/ninh-binh/hai-dong";
    assert_eq!(String::from_utf8(o.stdout).unwrap(), format!("{dir}/index.md\n{dir}/metrics.yaml\n"));

    let metrics = site.read(&format!("{dir}/metrics.yaml"));
    assert!(
        metrics.starts_with("# yaml-language-server: $schema=https://example.test/ntm/schema/metrics.schema.json\n"),
        "{metrics}"
    );
    let catalog = site.read("content/indicators.yaml");
    for id in catalog.lines().filter_map(|l| l.strip_prefix("- id: ")) {
        assert!(metrics.contains(&format!("  # {id}: {{ value: ")), "{id} is not listed:\n{metrics}");
    }
    assert!(metrics.contains("Mục tiêu 2025: ≥ 60 (QĐ 924/QĐ-TTg)"), "{metrics}");
    let index = site.read(&format!("{dir}/index.md"));
    for section in ["Bối cảnh", "Giải pháp", "Nền tảng số", "Kết quả", "Bài học", "Đề xuất tiêu chí"]
    {
        assert!(index.contains(&format!("\n## {section}\n")), "{index}");
    }

    let o = langso(&["check", "--root", site.root().to_str().unwrap(), "--format", "json"]);
    let diags: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let diags = diags.as_array().unwrap();
    assert_eq!(o.status.code(), Some(0), "{diags:?}");
    assert_eq!(diags.len(), 6, "{diags:#?}");
    assert!(diags.iter().all(|d| d["code"] == "empty-section" && d["path"] == format!("{dir}/index.md")), "{diags:#?}");
    assert!(site.build().status.success());
}

/// The scaffold's placeholders cannot pass for evidence: a value filled in with the
/// `source: ""` the template shows is a value without a source, which a pilot that is not
/// `sample: true` may not publish (check and build both refuse it).
#[test]
fn a_new_pilot_with_a_blank_source_fails_check_and_build() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    assert!(new_pilot(&site, "ninh-binh", "Xã Hải Đông").status.success());
    let rel = "content/pilots/ninh-binh/hai-dong/metrics.yaml";
    let metrics = site.read(rel);
    assert!(metrics.contains("\nsample: false\n") && metrics.contains("# source: \"\""), "{metrics}");
    let filled = metrics.replacen("# source: \"\"", "source: \"\"", 1).replacen(
        "  # fiber_households_pct: { value: ,",
        "  fiber_households_pct: { value: 90,",
        1,
    );
    site.write(rel, &filled);
    let o = langso(&["check", "--root", site.root().to_str().unwrap(), "--format", "json"]);
    let diags: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<(&str, &str)> = diags
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == rel)
        .map(|d| (d["code"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(o.status.code(), Some(1), "{codes:?}");
    assert!(codes.contains(&("value-without-source", "error")), "{codes:?}");
    assert_eq!(codes.iter().filter(|(c, _)| *c == "blank-text").count(), 2, "{codes:?}");
    assert_eq!(site.build().status.code(), Some(1));

    // The pilot's own source, once written, covers the value.
    site.write(rel, &filled.replacen("source: \"\"", "source: \"Báo cáo UBND xã Hải Đông, 11/2025\"", 1));
    let o = langso(&["check", "--root", site.root().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn new_never_overwrites() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let before = tree(site.root());
    let o = new_pilot(&site, "ninh-binh", "Xã Giao Phong");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("content/pilots/ninh-binh/giao-phong` đã có"), "{}", stderr(&o));
    assert_eq!(tree(site.root()), before);
}

#[test]
fn an_unknown_province_is_refused_with_a_suggestion() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let o = new_pilot(&site, "ninh-bihn", "Xã Hải Đông");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("có phải ý bạn là `ninh-binh`?"), "{}", stderr(&o));
    assert!(!site.root().join("content/pilots/ninh-bihn").exists());
}

/// Creates a pilot, then checks the site: it must pass with one warning per empty section.
fn new_pilot_passes_check(site: &TestSite, province: &str, commune: &str) {
    let o = new_pilot(site, province, commune);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = langso(&["check", "--root", site.root().to_str().unwrap(), "--format", "json"]);
    let diags: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = diags.as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(o.status.code(), Some(0), "{diags:#?}");
    assert_eq!(codes, vec!["empty-section"; 6], "{diags:#?}");
}

#[test]
fn the_shipped_content_accepts_a_new_pilot_too() {
    new_pilot_passes_check(&TestSite::from_fixture("."), "lam-dong", "Xã Đạ Tẻh");
}

#[test]
fn quotes_in_a_name_stay_valid_yaml() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    new_pilot_passes_check(&site, "an-giang", "Xã Đắk \"Mới\" \\ 2");
    assert!(
        site.read("content/pilots/an-giang/dak-moi-2/metrics.yaml")
            .contains("commune: \"Xã Đắk \\\"Mới\\\" \\\\ 2\"\n")
    );
}

#[test]
fn a_symlinked_province_folder_is_never_written_through() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let elsewhere = tempfile::tempdir().unwrap();
    let province = site.root().join("content/pilots/ninh-binh");
    std::fs::rename(&province, elsewhere.path().join("ninh-binh")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path().join("ninh-binh"), &province).unwrap();
    let before = tree(elsewhere.path());

    let o = new_pilot(&site, "ninh-binh", "Xã Hải Đông");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("`content/pilots/ninh-binh` là liên kết tượng trưng"), "{err}");
    assert_eq!(tree(elsewhere.path()), before, "nothing was written where the link points");
    assert!(o.stdout.is_empty());
}

#[test]
fn a_closed_or_full_stdout_is_an_error_after_the_pilot_is_made() {
    for (closed, commune, dir) in [(true, "Xã Hải Đông", "hai-dong"), (false, "Xã Hải Nam", "hai-nam")] {
        let site = TestSite::from_fixture("tests/fixtures/minimal");
        let root = site.root().to_str().unwrap();
        let args = ["new", "pilot", "--province", "ninh-binh", "--commune", commune, "--root", root];
        let o = if closed { with_closed_stdout(&args) } else { with_full_stdout(&args) };
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("không ghi được ra đầu ra chuẩn"), "{}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
        assert!(site.root().join("content/pilots/ninh-binh").join(dir).join("metrics.yaml").is_file());
    }
}

/// A name whose folder could not be published everywhere is refused before anything is
/// written: 253 bytes (the build then failed with "File name too long"), or a device name
/// Windows reserves. A name at the limit passes check and builds.
#[test]
fn names_that_cannot_be_a_folder_everywhere_are_refused() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    for commune in [format!("Xã {}", "a".repeat(253)), "Xã Con".to_string(), "Phường NUL".to_string()] {
        let o = new_pilot(&site, "ninh-binh", &commune);
        assert_eq!(o.status.code(), Some(2), "{commune}");
        assert!(stderr(&o).contains("không tạo được thư mục của xã"), "{}", stderr(&o));
    }
    let folders = std::fs::read_dir(site.root().join("content/pilots/ninh-binh")).unwrap().count();
    assert_eq!(folders, 1, "nothing was made");
    let longest = format!("Xã {}", "a".repeat(langso::portable::SLUG_MAX));
    new_pilot_passes_check(&site, "ninh-binh", &longest);
    let o = langso(&["build", "--root", site.root().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}
