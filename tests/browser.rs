//! The published site in a real headless Chromium: its pages load without a console
//! message (no script error, no Content-Security-Policy violation) and its scripts run.

mod common;

use common::TestSite;
use common::browser::{Chromium, StaticServer, artifact_path};

#[test]
fn pages_run_their_scripts_without_console_messages() {
    let Some(chromium) = Chromium::find("pages_run_their_scripts_without_console_messages") else { return };
    let site = TestSite::from_fixture(".");
    let out = site.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let server = StaticServer::start(&site.out());

    for path in ["/", "/pilots/", "/pilots/ninh-binh/giao-phong/", "/provinces/", "/indicators/", "/gioi-thieu/"] {
        let page = chromium.load(&server.url(path), 3000);
        assert!(page.dom.contains("<html lang=\"vi\""), "{path} did not load: {}", &page.dom);
        assert!(page.problems().is_empty(), "{path}:\n{}", page.problems().join("\n"));
    }

    // site.js turned the headings of the sortable pilot table into sort buttons.
    let pilots = chromium.load(&server.url("/pilots/"), 3000);
    assert!(pilots.dom.contains("<button type=\"button\" class=\"sort\">"), "site.js did not run on /pilots/");

    chromium.screenshot(&server.url("/pilots/ninh-binh/giao-phong/"), &artifact_path("pilot-phone.png"), 390, 844);
}

#[test]
fn a_theme_breaking_the_policy_fails_the_check() {
    let Some(chromium) = Chromium::find("a_theme_breaking_the_policy_fails_the_check") else { return };
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    // A copy of the theme with an inline script, an inline style and an image from
    // another host: everything the policy forbids.
    let base = std::fs::read_to_string(common::repo_root().join("themes/default/templates/base.html")).unwrap();
    let injected = "<script>document.body.setAttribute('data-inline','ran')</script>\
                    <p id=\"styled\" style=\"color:red\">x</p><img src=\"http://127.0.0.2:9/x.png\" alt=\"\">\n</body>";
    site.write("themes/default/templates/base.html", &base.replacen("</body>", injected, 1));
    let out = site.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let server = StaticServer::start(&site.out());

    let page = chromium.load(&server.url("/"), 3000);
    assert!(page.dom.contains("id=\"styled\""), "the page loaded: {}", page.dom);
    assert!(!page.dom.contains("data-inline=\"ran\""), "the inline script was blocked");
    let problems = page.problems();
    for blocked in ["script-src", "style-src", "img-src"] {
        assert!(
            problems.iter().any(|p| p.starts_with("CSP violation:") && p.contains(blocked)),
            "the check reports the {blocked} violation: {problems:?}"
        );
    }
}
