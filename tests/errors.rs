//! Content errors through the real binary: each is reported with its code, file, line
//! and column, the build exits 1, and nothing is published.

mod common;

use common::*;

const GP: &str = "content/pilots/ninh-binh/giao-phong";

/// Builds `site`, expects exit 1, and returns the (code, location) pairs printed.
fn build_errors(site: &TestSite) -> Vec<(String, String)> {
    let o = site.build();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "expected content errors:\n{err}");
    assert!(!site.out().exists(), "nothing is published when the content has errors");
    parse_diagnostics(&err)
}

fn parse_diagnostics(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let code = line
            .strip_prefix("error[")
            .or_else(|| line.strip_prefix("warning["))
            .and_then(|r| r.split_once(']'))
            .map(|(c, _)| c.to_string());
        if let (Some(code), Some(next)) = (code, lines.get(i + 1)) {
            out.push((code, next.trim().trim_start_matches("--> ").to_string()));
        }
    }
    out
}

fn assert_reported(found: &[(String, String)], code: &str, at: &str) {
    assert!(found.iter().any(|(c, a)| c == code && a == at), "expected {code} at {at}, got {found:?}");
}

#[test]
fn yaml_syntax_in_front_matter_is_located_in_the_file() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    site.edit(&format!("{GP}/index.md"), "summary: \"Trường học là cửa ngõ số của xã.\"", "summary: [không đóng");
    let found = build_errors(&site);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "yaml-syntax");
    let line: usize = found[0].1.split(':').nth(1).unwrap().parse().unwrap();
    assert!((3..=4).contains(&line), "the front matter offset is added: {found:?}");
}

#[test]
fn unknown_and_missing_keys_are_reported_where_they_belong() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    site.edit(&format!("{GP}/metrics.yaml"), "commune: \"Xã Giao Phong\"", "comune: \"Xã Giao Phong\"");
    let o = site.build();
    let err = stderr(&o);
    let found = parse_diagnostics(&err);
    assert_reported(&found, "unknown-key", &format!("{GP}/metrics.yaml:1:1"));
    assert_reported(&found, "missing-key", &format!("{GP}/metrics.yaml:1:1"));
    assert!(err.contains("help: có phải ý bạn là `commune`?"), "{err}");
}

#[test]
fn unknown_ids_and_out_of_range_values_are_located() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let m = format!("{GP}/metrics.yaml");
    site.edit(&m, "fields: [giao-duc]", "fields: [giao-duc, giao-dc]");
    site.edit(&m, "  ocop_products:", "  ocop_product:");
    site.edit(&m, "officials_trained_digital_pct: { value: 80,", "officials_trained_digital_pct: { value: 180,");
    site.edit(&m, "former_province: nam-dinh", "former_province: thai-binh");
    let found = build_errors(&site);
    assert_reported(&found, "unknown-field", &format!("{m}:5:20"));
    assert_reported(&found, "unknown-indicator", &format!("{m}:16:3"));
    assert_reported(&found, "out-of-range", &format!("{m}:15:43"));
    assert_reported(&found, "former-province", &format!("{m}:3:18"));
    let err = stderr(&site.build());
    assert!(err.contains("có phải ý bạn là `ocop_products`?"), "{err}");
    assert!(err.contains("có phải ý bạn là `giao-duc`?"), "{err}");
}

#[test]
fn broken_links_and_anchors_are_errors() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let idx = format!("{GP}/index.md");
    site.edit(&idx, "Xem [bài học](#bai-hoc).", "Xem [bài học](#bai-hocc) và [x](../../an-giang/khong-co/).");
    let found = build_errors(&site);
    assert_reported(&found, "broken-anchor", &format!("{idx}:29:5"));
    assert_reported(&found, "broken-link", &format!("{idx}:29:29"));
}

#[test]
fn images_outside_the_folder_or_missing_are_errors() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let idx = format!("{GP}/index.md");
    site.edit(&idx, "![Sơ đồ](so-do.svg)", "![a](../../an-giang/thoai-giang/metrics.yaml) ![b](khong-co.png)");
    let found = build_errors(&site);
    assert_reported(&found, "path-outside", &format!("{idx}:13:1"));
    assert_reported(&found, "image-missing", &format!("{idx}:13:47"));
}

#[cfg(unix)]
#[test]
fn symlinked_images_are_refused() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let secret = site.root().join("secret.txt");
    std::fs::write(&secret, "a file of the build machine").unwrap();
    std::os::unix::fs::symlink(&secret, site.root().join(GP).join("leak.png")).unwrap();
    let idx = format!("{GP}/index.md");
    site.edit(&idx, "![Sơ đồ](so-do.svg)", "![Sơ đồ](leak.png)");
    let found = build_errors(&site);
    assert_reported(&found, "symlink", &format!("{idx}:13:1"));
}

#[test]
fn unsafe_svg_images_are_refused() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    site.write(
        &format!("{GP}/so-do.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"1\" height=\"1\"/></svg>",
    );
    let found = build_errors(&site);
    assert_reported(&found, "unsafe-svg", &format!("{GP}/index.md:13:1"));
}

#[test]
fn missing_files_and_invalid_utf8_are_content_errors() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    std::fs::remove_file(site.root().join("content/pilots/an-giang/thoai-giang/index.md")).unwrap();
    std::fs::write(site.root().join(GP).join("metrics.yaml"), b"commune: \"X\xe3\"\n").unwrap();
    let found = build_errors(&site);
    assert_reported(&found, "missing-file", "content/pilots/an-giang/thoai-giang:1:1");
    assert_reported(&found, "invalid-utf8", &format!("{GP}/metrics.yaml:1:12"));
}

#[test]
fn usage_and_io_failures_exit_2() {
    let o = langso(&["build", "--frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    let empty = tempfile::tempdir().unwrap();
    let o = langso(&["build", "--root", empty.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("không có thư mục `content/`"), "{}", stderr(&o));
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let content = site.root().join("content");
    let o = langso(&["build", "--root", site.root().to_str().unwrap(), "--out", content.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "writing over content/ is refused");
    assert!(content.join("site.yaml").exists());
}

#[test]
fn check_reports_without_writing() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let root = site.root().to_str().unwrap();
    let o = langso(&["check", "--root", root]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    site.edit(&format!("{GP}/metrics.yaml"), "status: completed", "status: complete");
    let o = langso(&["check", "--root", root]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("error[invalid-value]: trạng thái `complete` không có trong danh mục"), "{err}");
    assert!(err.contains("= help: có phải ý bạn là `completed`?"), "{err}");
    assert!(!site.out().exists());
}

#[test]
fn a_folder_langso_did_not_write_is_replaced_only_with_force() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let root = site.root().to_str().unwrap();
    let mine = tempfile::tempdir().unwrap();
    let out = mine.path().join("documents");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("bao-cao.docx"), "a report").unwrap();
    let before = tree(&out);

    let o = langso(&["build", "--root", root, "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    // The fixture is a Vietnamese site: the refusal is in Vietnamese.
    assert!(err.contains("không thay thế") && err.contains(".langso-output") && err.contains("--force"), "{err}");
    assert_eq!(tree(&out), before, "the folder is as it was");

    let o = langso(&["build", "--root", root, "--out", out.to_str().unwrap(), "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!out.join("bao-cao.docx").exists() && out.join("index.html").is_file());
    let marker = std::fs::read_to_string(out.join(".langso-output")).unwrap();
    assert!(marker.contains("langso build"), "{marker}");

    // From now on it is a langso output: rebuilt without --force, and an empty folder is fine.
    let o = langso(&["build", "--root", root, "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let empty = mine.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let o = langso(&["build", "--root", root, "--out", empty.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_named_pipe_as_site_yaml_or_a_page_does_not_hang_check() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    for rel in ["content/site.yaml", "content/pages/gioi-thieu.md"] {
        let path = site.root().join(rel);
        std::fs::remove_file(&path).unwrap();
        assert!(std::process::Command::new("mkfifo").arg(&path).status().unwrap().success());
    }
    // Were the pipe opened, check would wait for a writer for ever; a timeout fails the test
    // instead of hanging it.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_langso"))
        .args(["check", "--root", site.root().to_str().unwrap(), "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("check hangs on a named pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let diags: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for rel in ["content/site.yaml", "content/pages/gioi-thieu.md"] {
        let d = diags.as_array().unwrap().iter().find(|d| d["path"] == rel).unwrap_or_else(|| panic!("{diags:#}"));
        assert_eq!(d["code"], "unreadable-file");
        assert!(d["message"].as_str().unwrap().contains("không phải là tệp thông thường"), "{d}");
    }
}

#[test]
fn a_closed_or_full_stdout_ends_every_printing_command_with_exit_2() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let root = site.root().to_str().unwrap();
    // (`check --format github` on a clean site prints nothing at all.)
    let commands: [&[&str]; 6] = [
        &["--help"],
        &["new", "pilot", "--help"],
        &["check", "--root", root, "--format", "json"],
        &["schema", "--root", root],
        &["diff", root, root, "--format", "json"],
        &["diff", root, root],
    ];
    for args in commands {
        for o in [with_closed_stdout(args), with_full_stdout(args)] {
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
            assert!(err.contains("không ghi được ra đầu ra chuẩn") && !err.contains("panicked"), "{args:?}: {err}");
        }
    }
    // build prints nothing on stdout: a closed one does not matter.
    let o = with_closed_stdout(&["build", "--root", root]);
    assert!(o.status.success(), "{}", stderr(&o));
}
