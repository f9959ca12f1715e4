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
        err.contains(&format!("cổng {port}")) && err.contains("đang được dùng") && err.contains("--port "),
        "{err}"
    );
}

#[test]
fn the_overlay_shows_in_a_real_browser_escaped_and_within_the_pages_policy() {
    let Some(chromium) =
        common::browser::Chromium::find("the_overlay_shows_in_a_real_browser_escaped_and_within_the_pages_policy")
    else {
        return;
    };
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
    // In the site's language only.
    assert!(page.dom.contains("Nội dung có 1 lỗi — trang đang hiển thị bản đúng gần nhất"), "{}", page.dom);
    assert!(!page.dom.contains("error(s) in the content") && page.dom.contains("aria-label=\"Đóng\""));
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
    // The watcher may report the folder half removed first (a page whose linked pilot is
    // already gone): wait for the report of the folder gone whole.
    wait_for(&events, "errors", |d| d.contains("site.yaml"));
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

/// The status line's code of a raw answer.
fn status_of(answer: &[u8]) -> u16 {
    let text = String::from_utf8_lossy(answer);
    text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or_else(|| panic!("no status: {text}"))
}

#[test]
fn only_requests_naming_the_previews_own_address_are_answered() {
    let Serving { server, .. } = serve_minimal();
    let port = server.addr.rsplit_once(':').unwrap().1.to_string();
    let get = |host: &str| server.raw(format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes());

    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}"), format!("[::1]:{port}")] {
        let answer = get(&host);
        assert_eq!(status_of(&answer), 200, "{host}");
        assert!(String::from_utf8_lossy(&answer).contains("Xã Thoại Giang"), "{host}");
    }
    // A page of another site whose own name now resolves to 127.0.0.1 (DNS rebinding).
    for host in [format!("evil.example:{port}"), format!("localhost.evil.example:{port}"), "localhost".into()] {
        let answer = String::from_utf8_lossy(&get(&host)).into_owned();
        assert_eq!(status_of(answer.as_bytes()), 421, "{host}: {answer}");
        assert!(answer.contains("DNS rebinding") && answer.contains(&format!("localhost:{port}")), "{answer}");
        assert!(!answer.contains("Thoại Giang"), "{host}: no byte of the site");
    }
    // The server's own files too: the errors name paths and lines of the unpublished content.
    for target in ["/__langso/errors", "/__langso/events", "/__langso/live.js", "/data/pilots.json"] {
        let request = format!("GET {target} HTTP/1.1\r\nHost: evil.example:{port}\r\n\r\n");
        assert_eq!(status_of(&server.raw(request.as_bytes())), 421, "{target}");
    }
    assert_eq!(status_of(&server.raw(b"GET / HTTP/1.1\r\n\r\n")), 400, "no Host");
    let twice = format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\nHost: evil.example\r\n\r\n");
    assert_eq!(status_of(&server.raw(twice.as_bytes())), 400, "two Hosts");
}

#[test]
fn an_endless_header_line_is_answered_431_and_cut_off_after_a_bounded_read() {
    use std::io::{Read, Write};
    let Serving { server, page, before, .. } = serve_minimal();
    let stream = std::net::TcpStream::connect(&server.addr).unwrap();
    stream.set_write_timeout(Some(common::server::WAIT)).unwrap();
    let mut reader = stream.try_clone().unwrap();
    let answer = std::thread::spawn(move || {
        let mut raw = Vec::new();
        let _ = reader.read_to_end(&mut raw);
        raw
    });
    // Written until the server closes the connection; without a limit it never would.
    const CAP: usize = 256 * 1024 * 1024;
    let mut w = &stream;
    let mut sent = w.write(format!("GET / HTTP/1.1\r\nHost: {}\r\nX-Long: ", server.addr).as_bytes()).unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    while sent < CAP {
        match w.write(&chunk) {
            Ok(n) => sent += n,
            Err(_) => break,
        }
    }
    let answer = String::from_utf8_lossy(&answer.join().unwrap()).into_owned();
    assert!(answer.starts_with("HTTP/1.1 431 "), "{answer}");
    // What the server read is at most its head limit and what it drains before closing
    // (32 KiB + 1 MiB); the rest sat in the two sockets' buffers.
    assert!(sent < 32 * 1024 * 1024, "the connection stayed open for {sent} bytes");
    assert_eq!(server.get(&page).body, before, "and the preview goes on");

    let long_target = format!("GET /{} HTTP/1.1\r\nHost: {}\r\n\r\n", "a".repeat(9000), server.addr);
    assert_eq!(status_of(&server.raw(long_target.as_bytes())), 414);
}

#[test]
fn running_out_of_descriptors_is_survived_and_serving_goes_on_when_they_return() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let mut command = std::process::Command::new("sh");
    command
        .args(["-c", "ulimit -n 64 && exec \"$0\" \"$@\"", env!("CARGO_BIN_EXE_langso")])
        .args(common::server::serve_args(site.root()));
    let mut server = Server::spawn(command, common::server::WAIT);
    assert_eq!(server.get("/").status, 200);

    // Idle connections, more than the process may have descriptors.
    let idle: Vec<std::net::TcpStream> = (0..80).map(|_| std::net::TcpStream::connect(&server.addr).unwrap()).collect();
    let err = server.wait_for_stderr("không nhận được kết nối");
    assert!(err.contains("ulimit -n"), "says why: {err}");
    assert!(server.running(), "the preview did not end:\n{err}");

    drop(idle);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Xã Thoại Giang"));
    server.wait_for_stderr("đã nhận kết nối trở lại");
    assert!(server.running());
}

#[test]
fn a_panic_while_rebuilding_is_shown_and_the_next_save_rebuilds() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_langso"));
    command.args(common::server::serve_args(site.root())).env("LANGSO_TEST_PANIC_ON", "PANIC-HERE");
    let mut server = Server::spawn(command, common::server::WAIT);
    let events = server.events();
    wait_for(&events, "errors", |d| d == "[]");
    let page = format!("/{}/", THOAI.trim_start_matches("content/"));
    let before = server.get(&page).body;

    let index = format!("{THOAI}/index.md");
    let text = site.read(&index);
    save(site.root(), &index, &text.replace("có tổ công nghệ số", "có tổ công nghệ số PANIC-HERE"));
    let shown = wait_for(&events, "errors", |d| d != "[]");
    let errors: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(errors[0]["code"], "panic", "{shown}");
    let message = errors[0]["message"].as_str().unwrap();
    // In the site's language (the fixture is Vietnamese), with the panic's own words.
    assert!(
        message.contains("lỗi của chính chương trình") && message.contains("LANGSO_TEST_PANIC_ON"),
        "the panic's message: {shown}"
    );
    let err = server.wait_for_stderr("vẫn hiển thị bản trang đúng gần nhất");
    assert!(err.contains("panicked") && err.contains("LANGSO_TEST_PANIC_ON"), "the panic is on the terminal: {err}");
    assert_eq!(server.get(&page).body, before, "the last good site is still served");
    assert!(server.running());

    save(site.root(), &index, &text.replace("có tổ công nghệ số", "có tổ công nghệ số SAU LỖI"));
    wait_for(&events, "reload", |d| d.contains("thoai-giang"));
    assert!(server.get(&page).body.contains("SAU LỖI"), "the next save rebuilt");
    assert_eq!(server.get("/__langso/errors").body, "[]");

    // And the engine that replaced the one that panicked keeps updating.
    save(site.root(), &index, &text.replace("có tổ công nghệ số", "có tổ công nghệ số LẦN NỮA"));
    wait_for(&events, "reload", |d| d.contains("thoai-giang"));
    assert!(server.get(&page).body.contains("LẦN NỮA"));
}

#[test]
fn a_closed_stdout_ends_serve_with_exit_2_and_says_so() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let out = common::with_closed_stdout(&common::server::serve_args(site.root()));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("không ghi được ra đầu ra chuẩn"), "{}", stderr(&out));
}
