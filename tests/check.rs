//! `langso check`: one fixture per diagnostic code under `tests/fixtures/check/<code>/`,
//! each the minimal site with a small overlay, run through the real binary; the three
//! output formats; `--strict`; and the list of codes kept equal in the source, in
//! `docs/diagnostics.md` and in the fixtures.
//!
//! A fixture folder holds the files that differ from `tests/fixtures/minimal` (copied
//! over it) and an `expect` file: `at PATH:LINE:COLUMN` (where the code must be
//! reported) and set-up steps that files in git cannot express: `delete PATH`,
//! `dir PATH` (a folder where a file is expected), `symlink PATH TARGET`,
//! `large PATH BYTES` (a file over its size limit).

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;
use serde_json::Value;

const FIXTURES: &str = "tests/fixtures/check";

/// The minimal site with the overlay and set-up of fixture `code`; returns the expected places.
fn fixture_site(code: &str) -> (TestSite, Vec<String>) {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let dir = repo_root().join(FIXTURES).join(code);
    for folder in ["content", "themes"] {
        if dir.join(folder).is_dir() {
            copy_dir(&dir.join(folder), &site.root().join(folder));
        }
    }
    let expect = std::fs::read_to_string(dir.join("expect")).unwrap_or_else(|e| panic!("{code}/expect: {e}"));
    let mut places = Vec::new();
    for line in expect.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let path = |rel: &str| site.root().join(rel);
        match words.as_slice() {
            ["at", place] => places.push(place.to_string()),
            ["delete", rel] => std::fs::remove_file(path(rel)).unwrap(),
            ["dir", rel] => std::fs::create_dir_all(path(rel)).unwrap(),
            ["symlink", rel, target] => symlink(Path::new(target), &path(rel)),
            ["large", rel, bytes] => {
                let n: usize = bytes.parse().unwrap();
                let mut text = site.read(rel);
                while text.len() < n {
                    text.push_str("# dòng chú thích để làm tệp lớn hơn giới hạn\n");
                }
                site.write(rel, &text);
            }
            _ => panic!("{code}/expect: cannot read `{line}`"),
        }
    }
    (site, places)
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(not(unix))]
fn symlink(_: &Path, _: &Path) {
    panic!("symbolic-link fixtures need a Unix system");
}

fn check(site: &TestSite, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["check", "--root", site.root().to_str().unwrap()];
    args.extend_from_slice(extra);
    langso(&args)
}

fn json_report(site: &TestSite) -> (Option<i32>, Vec<Value>) {
    let o = check(site, &["--format", "json"]);
    let text = String::from_utf8(o.stdout).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"));
    (o.status.code(), v.as_array().unwrap().clone())
}

fn place(d: &Value) -> String {
    format!("{}:{}:{}", d["path"].as_str().unwrap(), d["line"], d["column"])
}

fn fixture_codes() -> BTreeSet<String> {
    std::fs::read_dir(repo_root().join(FIXTURES))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn every_fixture_reports_its_code_at_its_place() {
    let mut failures = Vec::new();
    for code in fixture_codes() {
        let (site, places) = fixture_site(&code);
        let (status, diags) = json_report(&site);
        let found: Vec<&Value> = diags.iter().filter(|d| d["code"] == code.as_str()).collect();
        if places.is_empty() {
            failures
                .push(format!("{code}: no `at` line; found {:?}", found.iter().map(|d| place(d)).collect::<Vec<_>>()));
            continue;
        }
        for p in &places {
            if !found.iter().any(|d| &place(d) == p) {
                failures.push(format!(
                    "{code}: expected at {p}, found {:?}",
                    found.iter().map(|d| place(d)).collect::<Vec<_>>()
                ));
            }
        }
        let errors = diags.iter().any(|d| d["severity"] == "error");
        if status != Some(if errors { 1 } else { 0 }) {
            failures.push(format!("{code}: exit status {status:?} with errors={errors}"));
        }
        for d in &diags {
            let (line, column) = (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap());
            if line < 1 || column < 1 || d["message"].as_str().unwrap_or("").is_empty() {
                failures.push(format!("{code}: bad diagnostic {d}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_three_formats_say_the_same_thing() {
    let (site, _) = fixture_site("province-mismatch");
    let o = check(&site, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty(), "human output goes to stderr");
    let human = stderr(&o);
    let m = "content/pilots/an-giang/thoai-giang/metrics.yaml";
    assert!(
        human.contains("error[province-mismatch]: `province: ninh-binh` khác với tỉnh của thư mục `an-giang`"),
        "{human}"
    );
    assert!(human.contains(&format!("--> {m}:2:11\n  |\n2 | province: ninh-binh\n  |           ^\n")), "{human}");
    assert!(human.contains("= help: ghi `province: an-giang`"), "{human}");
    assert!(!human.contains('\x1b'), "no colour when stderr is not a terminal");
    assert!(human.ends_with("1 lỗi, 0 cảnh báo\n"), "{human}");

    let (_, diags) = json_report(&site);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let keys: Vec<&str> = diags[0].as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 7);
    for k in ["severity", "code", "path", "line", "column", "message", "help"] {
        assert!(keys.contains(&k), "{keys:?}");
    }
    assert_eq!(place(&diags[0]), format!("{m}:2:11"));

    let o = check(&site, &["--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    let gh = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        gh,
        format!(
            "::error file={m},line=2,col=11,title=province-mismatch::`province: ninh-binh` khác với tỉnh của thư mục \
             `an-giang`%0Aghi `province: an-giang` hoặc chuyển thư mục mô hình vào `content/pilots/ninh-binh/`\n"
        )
    );
}

#[test]
fn english_sites_read_english_messages() {
    let (site, _) = fixture_site("province-mismatch");
    site.edit("content/site.yaml", "language: vi", "language: en");
    let (_, diags) = json_report(&site);
    assert_eq!(diags[0]["message"], "`province: ninh-binh` differs from the folder's province `an-giang`");
    assert_eq!(
        diags[0]["help"],
        "write `province: an-giang` or move the pilot folder under `content/pilots/ninh-binh/`"
    );
}

#[test]
fn warnings_pass_unless_strict() {
    let (site, _) = fixture_site("value-without-year");
    let (status, diags) = json_report(&site);
    assert_eq!(status, Some(0), "{diags:?}");
    assert!(diags.iter().all(|d| d["severity"] == "warning") && !diags.is_empty());
    assert_eq!(check(&site, &["--strict"]).status.code(), Some(1));
    let clean = TestSite::from_fixture("tests/fixtures/minimal");
    let o = check(&clean, &["--strict", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(String::from_utf8(o.stdout).unwrap().trim(), "[]");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(langso(&["check", "--root", dir.path().to_str().unwrap()]).status.code(), Some(2));
    assert_eq!(langso(&["check", "--format", "xml"]).status.code(), Some(2));
}

/// Codes emitted in `src/`: the first string given to a diagnostic constructor.
fn source_codes() -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    for entry in walkdir::WalkDir::new(repo_root().join("src")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let is_code =
            |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        // The code is the first argument of a constructor, the last one of `asset`; a
        // photo's findings are `Problem { code: "…" }` or made by `check::problem`'s `error(`.
        let markers = [
            "Diagnostic::error(",
            "Diagnostic::warning(",
            "diag::unknown(",
            "self.error(",
            "ctx.error(",
            "code: ",
            " error(",
        ];
        for marker in markers {
            for part in text.split(marker).skip(1) {
                if let Some(code) = part.trim_start().strip_prefix('"').and_then(|r| r.split('"').next())
                    && is_code(code)
                {
                    codes.insert(code.to_string());
                }
            }
        }
        for part in text.split("self.asset(").skip(1) {
            let call = part.split(')').next().unwrap_or("");
            if let Some(code) = call.trim_end().strip_suffix('"').and_then(|r| r.rsplit('"').next())
                && is_code(code)
            {
                codes.insert(code.to_string());
            }
        }
    }
    codes
}

/// Codes documented in `docs/diagnostics.md`: its `### `code`` headings, each of which
/// must say its severity, give an example and the fix.
fn documented_codes() -> BTreeSet<String> {
    let doc = std::fs::read_to_string(repo_root().join("docs/diagnostics.md")).unwrap();
    let mut codes = BTreeSet::new();
    for section in doc.split("\n### `").skip(1) {
        let (code, text) = section.split_once('`').unwrap();
        let text = text.split("\n## ").next().unwrap();
        let severity = text.contains("**error.**") || text.contains("**warning.**");
        assert!(
            severity && text.contains("Example") && text.contains("Fix:"),
            "`{code}` lacks severity, example or fix"
        );
        codes.insert(code.to_string());
    }
    codes
}

/// Each code that is not in every one of `lists`, with the lists that lack it: what to
/// fix, not the lists whole.
fn codes_not_everywhere(lists: &[(&str, &BTreeSet<String>)]) -> Vec<String> {
    let all: BTreeSet<&String> = lists.iter().flat_map(|(_, codes)| codes.iter()).collect();
    all.into_iter()
        .filter_map(|code| {
            let lacking: Vec<&str> =
                lists.iter().filter(|(_, codes)| !codes.contains(code)).map(|(name, _)| *name).collect();
            (!lacking.is_empty()).then(|| format!("`{code}` is missing from {}", lacking.join(", ")))
        })
        .collect()
}

#[test]
fn every_code_is_documented_and_has_a_fixture() {
    let source = source_codes();
    assert!(source.len() >= 40, "the scan found too few codes: {} of them", source.len());
    let explained: BTreeSet<String> = langso::diag::explain::codes().map(String::from).collect();
    let lists = [
        ("src/ (a diagnostic constructor)", &source),
        ("src/diag/explain.rs", &explained),
        ("docs/diagnostics.md", &documented_codes()),
        ("tests/fixtures/check/", &fixture_codes()),
    ];
    let differ = codes_not_everywhere(&lists);
    assert!(differ.is_empty(), "codes that are not everywhere:\n{}", differ.join("\n"));
}

/// The whole human output of a few fixtures, as an editor sees it (`human.txt` beside
/// `expect`). After an intended change of wording, rewrite them with
/// `LANGSO_BLESS=1 cargo test --test check human`.
#[test]
fn human_output_matches_the_snapshots() {
    let mut seen = 0;
    for code in fixture_codes() {
        let snapshot = repo_root().join(FIXTURES).join(&code).join("human.txt");
        let Ok(expected) = std::fs::read_to_string(&snapshot) else { continue };
        let (site, _) = fixture_site(&code);
        let actual = stderr(&check(&site, &[]));
        if std::env::var_os("LANGSO_BLESS").is_some() {
            std::fs::write(&snapshot, &actual).unwrap();
        } else {
            assert_eq!(actual, expected, "{code}/human.txt");
        }
        seen += 1;
    }
    assert!(seen >= 3, "only {seen} snapshots");
}

/// `build` loads content exactly as `check` does, so the errors of the plausibility and
/// provenance rules stop it too, and it writes nothing.
#[test]
fn the_build_refuses_what_the_evidence_checks_refuse() {
    for code in ["thousands-separator", "budget-sum", "blank-name", "value-without-source"] {
        let (site, _) = fixture_site(code);
        let o = site.build();
        assert_eq!(o.status.code(), Some(1), "{code}: {}", stderr(&o));
        assert!(stderr(&o).contains(&format!("error[{code}]")), "{code}: {}", stderr(&o));
        assert!(!site.out().exists(), "{code}: a refused build writes nothing");
    }
}
