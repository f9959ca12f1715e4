//! `langso explain CODE` and the two diagnostics documents generated from the same
//! table (`src/diag/explain.rs`): the files cannot drift from it, every code the source
//! emits is explained (`tests/check.rs` keeps the English document's codes equal to the
//! source's), and the command speaks the site's language.
//!
//! After changing the table, regenerate the documents with
//! `LANGSO_BLESS=1 cargo test --test explain`.

mod common;

use common::{TestSite, langso, repo_root, stderr};
use langso::diag::explain;
use langso::model::Lang;

#[test]
fn the_diagnostics_documents_are_generated_from_the_table() {
    for (file, lang) in [("docs/diagnostics.md", Lang::En), ("docs/diagnostics.vi.md", Lang::Vi)] {
        let path = repo_root().join(file);
        let generated = explain::document(lang);
        if std::env::var_os("LANGSO_BLESS").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == generated,
            "{file} differs from what src/diag/explain.rs generates: run `LANGSO_BLESS=1 cargo test --test explain`"
        );
    }
}

#[test]
fn every_code_is_explained_in_both_languages() {
    let codes: Vec<&str> = explain::codes().collect();
    assert!(codes.len() >= 40, "{codes:?}");
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), codes.len(), "a code is explained twice");
    let vi = explain::document(Lang::Vi);
    for code in codes {
        let e = explain::find(code).unwrap();
        for (lang, t) in [("en", &e.en), ("vi", &e.vi)] {
            assert!(!t.meaning.is_empty() && !t.example.is_empty() && !t.fix.is_empty(), "{code} ({lang})");
        }
        assert_ne!(e.en.meaning, e.vi.meaning, "{code}: the Vietnamese is a copy of the English");
        assert!(vi.contains(&format!("### `{code}`")), "{code} is not in the Vietnamese document");
    }
}

#[test]
fn explain_speaks_the_sites_language_or_the_one_asked() {
    // Outside a site root: Vietnamese.
    let nowhere = tempfile::tempdir().unwrap();
    let root = nowhere.path().to_str().unwrap();
    let o = langso(&["explain", "unknown-province", "--root", root]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.starts_with("unknown-province (lỗi)\n"), "{text}");
    assert!(text.contains("\nVí dụ: `content/pilots/ninh-bihn/` → `ninh-binh`.") && text.contains("\nCách sửa: "));

    let o = langso(&["explain", "stray-file", "--root", root, "--lang", "en"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.starts_with("stray-file (warning)\n") && text.contains("\nFix: move it"), "{text}");

    // In an English site root, without `--lang`: English.
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    site.edit("content/site.yaml", "language: vi", "language: en");
    let o = langso(&["explain", "wrong-type", "--root", site.root().to_str().unwrap()]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.starts_with("wrong-type (error)\n") && text.contains("A value of the wrong kind"), "{text}");
}

#[test]
fn an_unknown_code_is_a_usage_error_naming_the_nearest() {
    let nowhere = tempfile::tempdir().unwrap();
    let o = langso(&["explain", "unknown-provice", "--root", nowhere.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(err.starts_with("lỗi: `unknown-provice` không phải là mã thông báo của langso\n"), "{err}");
    assert!(err.contains("có phải ý bạn là `unknown-province`?"), "{err}");
    assert!(err.contains("`raw-html-removed`") && err.contains("`unreadable-file`"), "the whole list: {err}");
}

#[test]
fn every_diagnostic_points_to_its_explanation() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    site.edit("content/pilots/an-giang/thoai-giang/metrics.yaml", "status: ongoing", "status: ongoing\nstatus_typo: x");
    let o = langso(&["check", "--root", site.root().to_str().unwrap()]);
    let err = stderr(&o);
    let hint = "  = để biết thêm: langso explain unknown-key\n";
    assert!(err.contains("error[unknown-key]") && err.contains(hint), "{err}");
    // And the command it names explains that code.
    assert!(langso(&["explain", "unknown-key"]).status.success());
}
