//! The theme: the embedded default, overrides from a site root, and the UI language.

mod common;

use common::*;

#[test]
fn english_sites_speak_english() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    site.edit("content/site.yaml", "language: vi", "language: en");
    let o = site.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let home = site.published("index.html");
    assert!(home.contains("<html lang=\"en\">"));
    assert!(home.contains("Skip to main content") && home.contains(">Pilots</a>"), "{home}");
    let pilot = site.published("pilots/ninh-binh/giao-phong/index.html");
    assert!(pilot.contains("<dd>6,835</dd>"), "English number grouping");
    assert!(pilot.contains("✓ Met") && pilot.contains("✗ Not met"));
    assert!(pilot.contains("datetime=\"2024-05-10\">10 May 2024</time>"));
    let field = site.published("fields/giao-duc/index.html");
    assert!(field.contains("<h1>Education</h1>"), "field names use the English name");
    for vi in ["Trang chủ", "Mô hình thí điểm", "Chỉ số của mô hình", "Đạt"] {
        assert!(!pilot.contains(vi), "Vietnamese UI string `{vi}` left on an English page");
    }
}

#[test]
fn a_site_root_overrides_the_default_theme_file_by_file() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    site.write(
        "themes/default/templates/home.html",
        "{% extends \"base.html\" %}{% block content %}<p id=\"custom\">{{ home.pilot_count }} mô hình</p>{% endblock content %}",
    );
    site.write("themes/default/static/extra.txt", "x");
    let o = site.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let home = site.published("index.html");
    assert!(home.contains("<p id=\"custom\">2 mô hình</p>"), "{home}");
    assert!(home.contains("class=\"site-header\""), "the default base.html is still used");
    assert!(site.out().join("assets/extra.txt").is_file());
    assert!(site.out().join("assets/style.css").is_file());
}

#[test]
fn a_missing_or_broken_theme_is_a_clear_failure() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    site.edit("content/site.yaml", "language: vi", "language: vi\ntheme: tre-xanh");
    let o = site.build();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("the theme `tre-xanh` named in content/site.yaml does not exist"), "{}", stderr(&o));

    let site = TestSite::from_fixture("tests/fixtures/minimal");
    site.write("themes/default/templates/home.html", "{% if %}");
    let o = site.build();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!site.out().exists());
}

#[test]
fn editor_swap_and_backup_files_in_a_theme_are_ignored() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    // What Vim, Emacs and others leave beside a template being edited: not UTF-8, not templates.
    for name in [".home.html.swp", "home.html~", "#home.html#", "4913"] {
        std::fs::create_dir_all(site.root().join("themes/default/templates")).unwrap();
        std::fs::write(site.root().join("themes/default/templates").join(name), [0xff, 0xfe, 0x00]).unwrap();
    }
    site.write("themes/default/static/style.css~", "old");
    let o = site.build();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!site.out().join("assets/style.css~").exists());
}
