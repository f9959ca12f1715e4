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
        assert!(page.console.is_empty(), "{path} printed to the console:\n{}", page.console.join("\n"));
    }

    // site.js turned the headings of the sortable pilot table into sort buttons.
    let pilots = chromium.load(&server.url("/pilots/"), 3000);
    assert!(pilots.dom.contains("<button type=\"button\" class=\"sort\">"), "site.js did not run on /pilots/");

    chromium.screenshot(&server.url("/pilots/ninh-binh/giao-phong/"), &artifact_path("pilot-phone.png"), 390, 844);
}
