//! `langso serve` end to end: the real binary on a free loopback port, real HTTP
//! requests, real file edits, and the reload and error events read from its
//! Server-Sent Events stream. Waits are bounded (generous, never asserted on speed).

mod common;

use common::server::{Server, save, wait_for};
use common::{TestSite, langso, stderr, tree};

const THOAI: &str = "content/pilots/an-giang/thoai-giang";

#[test]
fn an_edit_is_served_and_reloads_open_pages() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let server = Server::start(site.root());
    let page = format!("/{}/", THOAI.trim_start_matches("content/"));

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("<script type=\"module\" src=\"/__langso/live.js\"></script></head>"));
    let live = server.get("/__langso/live.js");
    assert_eq!(live.status, 200);
    assert_eq!(live.header("content-type").as_deref(), Some("text/javascript; charset=utf-8"));
    assert!(live.body.contains("EventSource") && live.body.contains("textContent") && !live.body.contains("innerHTML"));
    assert!(
        home.body.contains(&format!("href=\"http://{}/\"", server.addr)),
        "canonical links use the preview's address"
    );

    let events = server.events();
    wait_for(&events, "errors", |d| d == "[]");

    let index = format!("{THOAI}/index.md");
    save(site.root(), &index, &site.read(&index).replace("có tổ công nghệ số", "có tổ công nghệ số ĐÃ SỬA"));
    let reload = wait_for(&events, "reload", |_| true);
    assert!(reload.contains("pilots/an-giang/thoai-giang/index.html"), "{reload}");
    assert!(server.get(&page).body.contains("ĐÃ SỬA"));
}

/// The minimal site served, once its first build is clean.
struct Serving {
    server: Server,
    site: TestSite,
    /// The Thoại Giang pilot's page, as first served.
    page: String,
    before: String,
    events: std::sync::mpsc::Receiver<(String, String)>,
}

fn serve_minimal() -> Serving {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let server = Server::start(site.root());
    let page = format!("/{}/", THOAI.trim_start_matches("content/"));
    let before = server.get(&page).body;
    let events = server.events();
    wait_for(&events, "errors", |d| d == "[]");
    Serving { server, site, page, before, events }
}

#[test]
fn errors_show_in_the_overlay_until_fixed_while_the_last_good_site_stays() {
    let Serving { server, site, page, before, events } = serve_minimal();

    let metrics = format!("{THOAI}/metrics.yaml");
    let good = site.read(&metrics);
    save(site.root(), &metrics, &good.replace("status: ongoing", "status: ongoing\nstatus_typo: <b>x</b>"));
    let data = wait_for(&events, "errors", |d| d != "[]");
    let errors: serde_json::Value = serde_json::from_str(&data).unwrap();
    let first = &errors[0];
    assert_eq!(first["path"], metrics.as_str(), "{data}");
    assert_eq!(first["line"], 6, "{data}");
    assert_eq!(first["column"], 1, "{data}");
    assert!(first["message"].as_str().unwrap().contains("status_typo"), "{data}");
    assert_eq!(server.get("/__langso/errors").body, data, "the overlay can also be fetched");
    assert_eq!(server.get(&page).body, before, "the last good site is still served");

    save(site.root(), &metrics, &good);
    wait_for(&events, "errors", |d| d == "[]");
    assert_eq!(server.get("/__langso/errors").body, "[]");
}

#[test]
fn only_files_of_the_built_site_are_served() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    site.write("secret.txt", "SECRET");
    let server = Server::start(site.root());

    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/pilots/..%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/%252e%252e/secret.txt",
        "/content/site.yaml",
        "/secret.txt",
        "/./secret.txt",
        "//secret.txt",
    ] {
        let r = server.get(target);
        assert!(r.status == 400 || r.status == 404, "{target}: {}", r.status);
        assert!(!r.body.contains("SECRET") && !r.body.contains("base_url"), "{target} leaked a file");
    }
    let missing = server.get("/khong-co/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html") && missing.body.contains("/__langso/live.js"), "the site's 404 page");

    let redirect = server.get("/pilots");
    assert_eq!(redirect.status, 308);
    assert_eq!(redirect.header("location").as_deref(), Some("/pilots/"));

    for (path, kind) in [
        ("/", "text/html; charset=utf-8"),
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/assets/site.js", "text/javascript; charset=utf-8"),
        ("/data/pilots.json", "application/json"),
        ("/data/pilots.csv", "text/csv; charset=utf-8"),
        ("/data/criteria.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("/atom.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/pilots/ninh-binh/giao-phong/so-do.svg", "image/svg+xml"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type").as_deref(), Some(kind), "{path}");
    }
    assert!(!server.get("/assets/style.css").body.contains("__langso"), "only HTML gets the script");
}

#[test]
fn a_built_site_has_no_live_reload() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    assert!(site.build().status.success());
    for (path, bytes) in tree(&site.out()) {
        assert!(!String::from_utf8_lossy(&bytes).contains("__langso"), "{path}");
    }
}

#[test]
fn a_taken_port_is_reported_with_a_free_one() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = langso(&["serve", "--root", site.root().to_str().unwrap(), "--port", &port]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("port {port}")) && err.contains("already in use") && err.contains("--port "),
        "{err}"
    );
}

#[test]
fn the_overlay_shows_in_a_real_browser_escaped_and_within_the_pages_policy() {
    let Some(chromium) = common::browser::Chromium::find("the_overlay_shows_in_a_real_browser") else { return };
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let server = Server::start(site.root());
    let events = server.events();
    wait_for(&events, "errors", |d| d == "[]");
    let url = format!("http://{}/{}/", server.addr, THOAI.trim_start_matches("content/"));

    let metrics = format!("{THOAI}/metrics.yaml");
    let good = site.read(&metrics);
    save(
        site.root(),
        &metrics,
        &good.replace("status: ongoing", "status: ongoing\n\"<img src=x onerror=alert(1)>\": 1"),
    );
    wait_for(&events, "errors", |d| d != "[]");
    // The overlay comes with the event stream's first event, which may follow the page's load.
    let page = (0..10)
        .map(|_| chromium.load_live(&url, 5000))
        .find(|p| p.dom.contains("class=\"langso-overlay\""))
        .expect("the overlay shows within ten loads");
    assert!(page.dom.contains(&format!("{metrics}:6:1")), "the overlay names file, line and column");
    assert!(page.dom.contains("&lt;img src=x onerror=alert(1)&gt;"), "the message is shown as text");
    assert!(!page.dom.contains("<img src=\"x\"") && !page.dom.contains("<img src=x"), "the message is not markup");
    assert!(page.console.is_empty(), "console messages (CSP?):\n{}", page.console.join("\n"));

    save(site.root(), &metrics, &good);
    wait_for(&events, "errors", |d| d == "[]");
    let page = chromium.load_live(&url, 5000);
    assert!(page.dom.contains("Xã Thoại Giang") && !page.dom.contains("langso-overlay"), "fixed: no overlay");
}

#[test]
fn a_theme_folder_created_while_serving_is_watched() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let server = Server::start(site.root());
    let events = server.events();
    wait_for(&events, "errors", |d| d == "[]");
    let base = std::fs::read_to_string(common::repo_root().join("themes/default/templates/404.html")).unwrap();

    let over = "themes/default/templates/404.html";
    site.write(over, &base.replacen("{% block content %}", "{% block content %}<p id=\"mau-1\">Mẫu 1</p>", 1));
    wait_for(&events, "reload", |d| d.contains("404.html"));
    assert!(server.get("/khong-co/").body.contains("Mẫu 1"));

    // Now inside the new folder, which the server started watching when it appeared.
    save(site.root(), over, &base.replacen("{% block content %}", "{% block content %}<p id=\"mau-2\">Mẫu 2</p>", 1));
    wait_for(&events, "reload", |d| d.contains("404.html"));
    assert!(server.get("/khong-co/").body.contains("Mẫu 2"));
}

#[test]
fn polling_sees_saves_too() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let server = Server::start_with(site.root(), &["--poll"], common::server::WAIT);
    let events = server.events();
    wait_for(&events, "errors", |d| d == "[]");
    let index = format!("{THOAI}/index.md");
    save(site.root(), &index, &site.read(&index).replace("có tổ công nghệ số", "có tổ công nghệ số THĂM DÒ"));
    wait_for(&events, "reload", |d| d.contains("thoai-giang"));
    assert!(server.get(&format!("/{}/", THOAI.trim_start_matches("content/"))).body.contains("THĂM DÒ"));
}

#[test]
fn a_site_that_never_built_shows_its_errors_and_loads_once_fixed() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let metrics = format!("{THOAI}/metrics.yaml");
    let good = site.read(&metrics);
    site.write(&metrics, &good.replace("status: ongoing", "status: sometimes"));
    let server = Server::start(site.root());
    let page = server.get("/");
    assert_eq!(page.status, 503);
    assert!(page.body.contains("/__langso/live.js"), "the placeholder page gets the overlay");
    assert!(server.get("/__langso/errors").body.contains("sometimes"));

    let events = server.events();
    save(site.root(), &metrics, &good);
    wait_for(&events, "reload", |_| true);
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn a_content_folder_deleted_and_made_again_is_watched_again() {
    let Serving { server, site, page, before, events } = serve_minimal();
    let index = format!("{THOAI}/index.md");
    let text = site.read(&index);

    std::fs::remove_dir_all(site.root().join("content")).unwrap();
    let errors = wait_for(&events, "errors", |d| d != "[]");
    assert!(errors.contains("site.yaml"), "the overlay says what is missing: {errors}");
    assert_eq!(server.get(&page).body, before, "the last good site is still served");

    // Made again, as a restore or a branch switch does: the folder first, then its files.
    common::copy_dir(&common::repo_root().join("tests/fixtures/minimal/content"), &site.root().join("content"));
    save(site.root(), &index, &text.replace("có tổ công nghệ số", "có tổ công nghệ số KHÔI PHỤC"));
    wait_for(&events, "reload", |d| d.contains("thoai-giang"));
    assert!(server.get(&page).body.contains("KHÔI PHỤC"));
    assert_eq!(server.get("/__langso/errors").body, "[]");

    // A later save inside the new folder is seen: the watch is on it, not on the deleted one.
    save(site.root(), &index, &text.replace("có tổ công nghệ số", "có tổ công nghệ số LẦN HAI"));
    wait_for(&events, "reload", |d| d.contains("thoai-giang"));
    assert!(server.get(&page).body.contains("LẦN HAI"));
}
