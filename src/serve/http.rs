//! The preview's HTTP/1.1 server, written by hand so that every limit is ours: one request
//! per connection, its head read through a bounded reader (a request line of at most
//! `LINE_LIMIT` bytes, `HEAD_LIMIT` in all, `HEAD_TIMEOUT` to send it), so that an endless
//! header line costs a few kilobytes and a `431`, never memory; only requests whose `Host`
//! names the address the preview is bound to (`Hosts`), so that a page of another site
//! cannot read the preview through a name of its own resolved to 127.0.0.1 (DNS
//! rebinding); and an accept loop that outlives running out of file descriptors: it says
//! so, waits, and serves again once connections close (`serve_forever`).
//!
//! What it answers: a file of the built site (never a file from disk), a redirect from
//! `/dir` to `/dir/`, the site's 404 page, or one of the server's own files under
//! `/__langso/`. HTML responses get the live-reload script, served from this server so
//! that the site's Content-Security-Policy (`script-src 'self'`) allows it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use super::Shared;
use crate::diag::{Msg, msg};
use crate::model::Lang;

const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");
const RESERVED: &str = "/__langso/";
const SCRIPT_TAG: &str = "<script type=\"module\" src=\"/__langso/live.js\"></script>";

/// The longest request line read (`414` past it).
pub(crate) const LINE_LIMIT: u64 = 8 * 1024;
/// The longest request head read, request line and headers (`431` past it).
pub(crate) const HEAD_LIMIT: u64 = 32 * 1024;
/// How much more of a refused request is read (and dropped) before its connection closes.
const DRAIN_LIMIT: u64 = 1024 * 1024;
/// How long a client may take to send its request head; an idle connection is closed then.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a write may wait on a client that does not read.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest wait between two tries to accept when the system refuses (no descriptors).
const MAX_BACKOFF: Duration = Duration::from_secs(1);

/// The `Host` values the preview answers: the address it is bound to with its port;
/// `localhost`, `127.0.0.1` and `[::1]` for a loopback bind; any IP address for an
/// all-interfaces bind (an address cannot be rebound, only a name can).
pub(crate) struct Hosts {
    bind: IpAddr,
    port: u16,
    /// The language of what the server says, on the terminal and in its refusals: the
    /// site's when the preview started.
    lang: Lang,
}

impl Hosts {
    pub(crate) fn new(bind: IpAddr, port: u16, lang: Lang) -> Self {
        Hosts { bind, port, lang }
    }

    pub(crate) fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let (name, port) = match host.rsplit_once(':') {
            Some((name, port)) if !port.contains(']') => (name, port.parse::<u16>().ok()),
            _ => (host.as_str(), Some(80)),
        };
        if port != Some(self.port) {
            return false;
        }
        let ip = match name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
            Some(v6) => v6.parse::<std::net::Ipv6Addr>().ok().map(IpAddr::V6),
            None => name.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4),
        };
        let local = self.bind.is_loopback() || self.bind.is_unspecified();
        match ip {
            Some(ip) => ip == self.bind || (local && ip.is_loopback()) || self.bind.is_unspecified(),
            None => local && name == "localhost",
        }
    }

    /// The addresses to name in a refusal.
    fn named(&self) -> String {
        let at = |ip: IpAddr| std::net::SocketAddr::new(ip, self.port).to_string();
        if self.bind.is_unspecified() {
            msg!("serve-hosts-any", port = self.port.to_string()).render(self.lang)
        } else if self.bind.is_loopback() {
            let v4 = at([127, 0, 0, 1].into());
            let v6 = at(std::net::Ipv6Addr::LOCALHOST.into());
            msg!("serve-hosts-loopback", port = self.port.to_string(), v4 = v4, v6 = v6).render(self.lang)
        } else {
            at(self.bind)
        }
    }
}

/// Accepts connections until the process is stopped, one thread each. When the system
/// refuses (descriptors or memory exhausted), says so once, waits (doubling up to
/// `MAX_BACKOFF`) and tries again; says when it serves again.
pub(crate) fn serve_forever(listener: TcpListener, shared: Arc<Shared>, hosts: Hosts) -> ! {
    let hosts = Arc::new(hosts);
    let mut backoff: Option<Duration> = None;
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                if backoff.take().is_some() {
                    eprintln!("{}", msg!("serve-accepting-again").render(hosts.lang));
                }
                let (shared, hosts) = (Arc::clone(&shared), Arc::clone(&hosts));
                // A thread that cannot start drops the connection; the server goes on.
                let _ = std::thread::Builder::new().spawn(move || connection(stream, &shared, &hosts));
            }
            Err(e) => {
                let wait = match backoff {
                    None => {
                        eprintln!("{}", msg!("serve-accept-failed", error = e.to_string()).render(hosts.lang));
                        Duration::from_millis(10)
                    }
                    Some(d) => (d * 2).min(MAX_BACKOFF),
                };
                backoff = Some(wait);
                std::thread::sleep(wait);
            }
        }
    }
}

/// What a request asked for, from its head.
struct Head {
    method: String,
    target: String,
    host: Option<String>,
}

/// Why a head was not read: an answer to give, or nothing (the client left or was silent).
enum Unread {
    /// A status and the catalog id of why.
    Answer(u16, &'static str),
    Gone,
}

/// One line ending in LF (CR LF accepted), of at most `max` bytes.
fn read_line(r: &mut impl BufRead, max: u64, line: &mut Vec<u8>) -> Result<usize, Unread> {
    line.clear();
    let n = (&mut *r).take(max).read_until(b'\n', line).map_err(|_| Unread::Gone)?;
    if line.last() != Some(&b'\n') {
        return Err(if n as u64 == max { Unread::Answer(0, "") } else { Unread::Gone });
    }
    line.pop();
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(n)
}

/// Reads a request head within `LINE_LIMIT` and `HEAD_LIMIT`.
fn read_head(r: &mut impl BufRead) -> Result<Head, Unread> {
    let too_long = |e: Unread, status, why| match e {
        Unread::Answer(..) => Unread::Answer(status, why),
        gone => gone,
    };
    let mut line = Vec::new();
    let mut budget = HEAD_LIMIT;
    budget -= read_line(r, LINE_LIMIT, &mut line).map_err(|e| too_long(e, 414, "http-line-too-long"))? as u64;
    let request_line = String::from_utf8_lossy(&line).into_owned();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Unread::Answer(400, "http-malformed-line"));
    };
    if !version.starts_with("HTTP/1.") || !target.starts_with('/') {
        return Err(Unread::Answer(400, "http-not-a-path"));
    }
    let mut host = None;
    loop {
        budget -= read_line(r, budget, &mut line).map_err(|e| too_long(e, 431, "http-head-too-large"))? as u64;
        if line.is_empty() {
            break;
        }
        let text = String::from_utf8_lossy(&line);
        let Some((name, value)) = text.split_once(':') else {
            return Err(Unread::Answer(400, "http-malformed-header"));
        };
        if name.eq_ignore_ascii_case("host") {
            if host.is_some() {
                return Err(Unread::Answer(400, "http-two-hosts"));
            }
            host = Some(value.trim().to_string());
        }
    }
    Ok(Head { method: method.to_string(), target: target.to_string(), host })
}

/// One connection: one request, one response, closed.
fn connection(stream: TcpStream, shared: &Shared, hosts: &Hosts) {
    let _ = stream.set_read_timeout(Some(HEAD_TIMEOUT));
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let mut reader = BufReader::with_capacity(4096, &stream);
    let head = match read_head(&mut reader) {
        Ok(h) => h,
        Err(Unread::Gone) => return,
        Err(Unread::Answer(status, why)) => {
            let _ = text(status, &Msg::new(why).render(hosts.lang)).send(&stream, false);
            // Read a bounded amount more before closing, so that the client can read the
            // answer (closing with unread bytes resets the connection), then close.
            let _ = stream.shutdown(Shutdown::Write);
            let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
            let _ = std::io::copy(&mut reader.take(DRAIN_LIMIT), &mut std::io::sink());
            return;
        }
    };
    let head_only = head.method == "HEAD";
    if head.method != "GET" && !head_only {
        let _ = text(405, &msg!("http-method").render(hosts.lang)).send(&stream, false);
        return;
    }
    match head.host.as_deref() {
        Some(host) if hosts.allows(host) => {}
        Some(host) => {
            let why = msg!("http-wrong-host", hosts = hosts.named(), host = host.escape_default().to_string())
                .render(hosts.lang);
            let _ = text(421, &why).send(&stream, head_only);
            return;
        }
        None => {
            let _ = text(400, &msg!("http-no-host").render(hosts.lang)).send(&stream, head_only);
            return;
        }
    }
    let path = head.target.split(['?', '#']).next().unwrap_or("");
    let response = match path {
        "/__langso/events" => return events(&stream, shared),
        "/__langso/live.js" => body(200, "text/javascript; charset=utf-8", LIVE_JS.as_bytes().to_vec()),
        "/__langso/live.css" => body(200, "text/css; charset=utf-8", LIVE_CSS.as_bytes().to_vec()),
        "/__langso/errors" => body(200, "application/json", shared.errors.read().expect("errors").clone().into_bytes()),
        p if p.starts_with(RESERVED) => text(404, &msg!("http-not-found").render(hosts.lang)),
        p => match site_path(p) {
            Some(rel) => site_file(&rel, shared, hosts.lang),
            None => text(400, &msg!("http-bad-path").render(hosts.lang)),
        },
    };
    let _ = response.send(&stream, head_only);
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

fn site_file(rel: &str, shared: &Shared, lang: Lang) -> Response {
    let site = shared.site.read().expect("site");
    let file = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
    if let Some(kept) = site.get(&file) {
        let kind = content_type(&file);
        return body(200, kind, page_bytes(kind, &kept.bytes()));
    }
    if !rel.is_empty() && !rel.ends_with('/') && site.contains_key(&format!("{rel}/index.html")) {
        let location = format!("/{}/", encode_path(rel));
        return text(308, &msg!("http-moved").render(lang)).header("Location", location);
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
        Some(kept) => body(404, "text/html; charset=utf-8", page_bytes("text/html; charset=utf-8", &kept.bytes())),
        None => text(404, &msg!("http-not-found").render(lang)),
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

/// A response held whole (the site is in memory), sent with `Connection: close`.
struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    fn send(&self, mut stream: &TcpStream, head_only: bool) -> std::io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", self.body.len()));
        stream.write_all(head.as_bytes())?;
        if !head_only {
            stream.write_all(&self.body)?;
        }
        stream.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

fn body(status: u16, kind: &str, bytes: Vec<u8>) -> Response {
    Response { status, headers: Vec::new(), body: bytes }
        .header("Content-Type", kind.to_string())
        .header("Cache-Control", "no-store".into())
        .header("X-Content-Type-Options", "nosniff".into())
}

fn text(status: u16, message: &str) -> Response {
    body(status, "text/plain; charset=utf-8", format!("{message}\n").into_bytes())
}

/// Server-Sent Events: the current errors at once, then `reload` and `errors` events as
/// rebuilds happen, with a comment every 15 s so a closed page is noticed.
fn events(mut w: &TcpStream, shared: &Shared) {
    let (tx, rx) = mpsc::channel::<String>();
    let errors = shared.errors.read().expect("errors").clone();
    shared.listeners.lock().expect("listeners").push(tx);
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

    #[test]
    fn only_the_bound_address_is_answered() {
        let loopback = Hosts::new("127.0.0.1".parse().unwrap(), 1111, Lang::En);
        for ok in ["localhost:1111", "127.0.0.1:1111", "[::1]:1111", "LOCALHOST:1111"] {
            assert!(loopback.allows(ok), "{ok}");
        }
        for bad in ["evil.test:1111", "localhost:1112", "localhost", "127.0.0.1", "192.0.2.7:1111", "", "[::1]"] {
            assert!(!loopback.allows(bad), "{bad}");
        }
        let lan = Hosts::new("192.0.2.7".parse().unwrap(), 80, Lang::En);
        assert!(lan.allows("192.0.2.7") && lan.allows("192.0.2.7:80"));
        assert!(!lan.allows("localhost") && !lan.allows("evil.test") && !lan.allows("127.0.0.1"));
        let all = Hosts::new("::".parse().unwrap(), 8080, Lang::En);
        assert!(all.allows("192.0.2.7:8080") && all.allows("[2001:db8::1]:8080") && all.allows("localhost:8080"));
        assert!(!all.allows("evil.test:8080") && !all.allows("192.0.2.7:80"));
    }

    #[test]
    fn a_request_head_is_read_within_its_limits() {
        let head = |bytes: &[u8]| read_head(&mut std::io::Cursor::new(bytes.to_vec()));
        let ok = head(b"GET /a?b HTTP/1.1\r\nHost: localhost:1\r\nX: y\r\n\r\n").ok().unwrap();
        assert_eq!((ok.method.as_str(), ok.target.as_str(), ok.host.as_deref()), ("GET", "/a?b", Some("localhost:1")));
        let status = |r: Result<Head, Unread>| match r {
            Err(Unread::Answer(s, _)) => s,
            Err(Unread::Gone) => 0,
            Ok(_) => 200,
        };
        let long_line = [b"GET /".as_slice(), &vec![b'a'; LINE_LIMIT as usize], b" HTTP/1.1\r\n\r\n"].concat();
        assert_eq!(status(head(&long_line)), 414);
        let endless = [b"GET / HTTP/1.1\r\nX: ".as_slice(), &vec![b'a'; 10 * HEAD_LIMIT as usize]].concat();
        assert_eq!(status(head(&endless)), 431);
        let many = [b"GET / HTTP/1.1\r\n".as_slice(), &b"X: y\r\n".repeat(HEAD_LIMIT as usize / 6)].concat();
        assert_eq!(status(head(&many)), 431);
        assert_eq!(status(head(b"GET / HTTP/1.1\r\nHost: a\r\n")), 0, "cut short");
        assert_eq!(status(head(b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")), 400);
        assert_eq!(status(head(b"GET http://evil/ HTTP/1.1\r\n\r\n")), 400);
    }
}
