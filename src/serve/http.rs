//! One HTTP request: a file of the built site (never a file from disk), a redirect
//! from `/dir` to `/dir/`, the site's 404 page, or one of the server's own files under
//! `/__langso/`. HTML responses get the live-reload script, served from this server so
//! that the site's Content-Security-Policy (`script-src 'self'`) allows it.

use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response};

use super::Shared;

const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");
const RESERVED: &str = "/__langso/";
const SCRIPT_TAG: &str = "<script type=\"module\" src=\"/__langso/live.js\"></script>";

pub(crate) fn handle(request: Request, shared: &Shared) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text(405, "only GET and HEAD are served"));
        return;
    }
    let raw = request.url().to_string();
    let path = raw.split(['?', '#']).next().unwrap_or("");
    let response = match path {
        "/__langso/events" => return events(request, shared),
        "/__langso/live.js" => body(200, "text/javascript; charset=utf-8", LIVE_JS.as_bytes().to_vec()),
        "/__langso/live.css" => body(200, "text/css; charset=utf-8", LIVE_CSS.as_bytes().to_vec()),
        "/__langso/errors" => body(200, "application/json", shared.errors.read().expect("errors").clone().into_bytes()),
        p if p.starts_with(RESERVED) => text(404, "not found"),
        p => match site_path(p) {
            Some(rel) => site_file(&rel, shared),
            None => text(400, "bad request: this path cannot name a file of the site"),
        },
    };
    let _ = request.respond(response);
}

/// The site-relative file path a request path names, or `None` when it tries to leave
/// the site or cannot be a file name: `..` or `.` segments (also percent-encoded),
/// backslashes, NUL, or bytes that are not UTF-8. Decoded once, so `%252e` stays `%2e`.
pub(crate) fn site_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix('/')?;
    let decoded = percent_encoding::percent_decode_str(rest).decode_utf8().ok()?;
    if decoded.contains(['\\', '\0']) || decoded.starts_with('/') {
        return None;
    }
    if decoded.split('/').any(|seg| seg == ".." || seg == ".") {
        return None;
    }
    Some(decoded.into_owned())
}

fn site_file(rel: &str, shared: &Shared) -> Response<std::io::Cursor<Vec<u8>>> {
    let site = shared.site.read().expect("site");
    let file = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
    if let Some(bytes) = site.get(&file) {
        let kind = content_type(&file);
        return body(200, kind, page_bytes(kind, bytes));
    }
    if !rel.is_empty() && !rel.ends_with('/') && site.contains_key(&format!("{rel}/index.html")) {
        let location = format!("/{}/", encode_path(rel));
        return text(308, "moved").with_header(header("Location", &location));
    }
    if site.is_empty() {
        // No build has succeeded yet: a page that shows the errors and reloads once fixed.
        let page = format!(
            "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>langso</title>{SCRIPT_TAG}</head>\
             <body><p>langso: the site has errors and has not been built yet.</p></body></html>"
        );
        return body(503, "text/html; charset=utf-8", page.into_bytes());
    }
    match site.get("404.html") {
        Some(bytes) => body(404, "text/html; charset=utf-8", page_bytes("text/html; charset=utf-8", bytes)),
        None => text(404, "not found"),
    }
}

/// HTML gets the live script before `</head>`; everything else goes out as built.
fn page_bytes(kind: &str, bytes: &[u8]) -> Vec<u8> {
    if !kind.starts_with("text/html") {
        return bytes.to_vec();
    }
    let html = String::from_utf8_lossy(bytes);
    match html.find("</head>") {
        Some(i) => format!("{}{SCRIPT_TAG}{}", &html[..i], &html[i..]).into_bytes(),
        None => format!("{html}{SCRIPT_TAG}").into_bytes(),
    }
}

fn encode_path(rel: &str) -> String {
    const SEGMENT: &percent_encoding::AsciiSet =
        &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'<').add(b'>').add(b'?').add(b'`');
    percent_encoding::utf8_percent_encode(rel, SEGMENT).to_string()
}

/// The content type of a built file, by extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn body(status: u16, kind: &str, bytes: Vec<u8>) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

fn text(status: u16, message: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    body(status, "text/plain; charset=utf-8", format!("{message}\n").into_bytes())
}

/// Server-Sent Events: the current errors at once, then `reload` and `errors` events as
/// rebuilds happen, with a comment every 15 s so a closed page is noticed.
fn events(request: Request, shared: &Shared) {
    let (tx, rx) = mpsc::channel::<String>();
    let errors = shared.errors.read().expect("errors").clone();
    shared.listeners.lock().expect("listeners").push(tx);
    let mut w = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                Connection: close\r\nX-Content-Type-Options: nosniff\r\n\r\n";
    if write!(w, "{head}retry: 1000\nevent: errors\ndata: {errors}\n\n").and_then(|()| w.flush()).is_err() {
        return;
    }
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(m) => m,
            Err(mpsc::RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if w.write_all(message.as_bytes()).and_then(|()| w.flush()).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/b",
            "/%2E%2E/x",
            "/a/..%2fb/..%2f..",
            "/a\\b",
            "/a%5cb",
            "/%00",
            "/./a",
            "//etc",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
        assert_eq!(site_path("/%252e%252e/x").as_deref(), Some("%2e%2e/x"), "decoded once only");
        assert_eq!(site_path("/pilots/a%20b/").as_deref(), Some("pilots/a b/"));
        assert_eq!(site_path("/").as_deref(), Some(""));
    }

    #[test]
    fn the_script_goes_into_html_only() {
        let html = page_bytes("text/html; charset=utf-8", b"<html><head><title>x</title></head><body></body></html>");
        assert!(String::from_utf8(html).unwrap().contains(&format!("{SCRIPT_TAG}</head>")));
        assert_eq!(page_bytes("text/css; charset=utf-8", b"a{}"), b"a{}");
    }
}
