//! Real-browser harness: a static HTTP server on a free loopback port serving a built
//! site, and Debian's headless Chromium driven from its command line. `--dump-dom`
//! returns the DOM after the page's modules ran; `--enable-logging=stderr` reports every
//! console message, uncaught exception and Content-Security-Policy violation, which the
//! tests treat as failures.
//!
//! Chromium is `$CHROME_PATH`, else `$CHROMIUM`, else `/usr/bin/chromium` (the order of
//! `tests/browser-tools/chromium.mjs`). When it is missing a test fails saying so, unless
//! `LANGSO_ALLOW_SKIP` accepts the skip and `LANGSO_REQUIRE_BROWSER` is unset
//! (`tests/common/skip.rs`).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::skip::{Need, cannot_run};

/// How to get what the browser tests need.
const INSTALL_CHROMIUM: &str = "apt-get install -y chromium, or set CHROME_PATH to a Chromium";
const INSTALL_TOOLS: &str =
    "apt-get install -y chromium nodejs npm; cd tests/browser-tools && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci";

/// The Chromium the tests run, whether or not it exists.
fn chromium_path() -> PathBuf {
    ["CHROME_PATH", "CHROMIUM"]
        .iter()
        .find_map(|var| std::env::var_os(var).filter(|v| !v.is_empty()))
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// Serves the files below `root` over HTTP/1.1 on 127.0.0.1, one thread per connection.
/// `/dir/` serves `dir/index.html`; unknown paths get `404.html` with status 404.
pub struct StaticServer {
    pub port: u16,
    stop: Arc<AtomicBool>,
}

impl StaticServer {
    pub fn start(root: &Path) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let (root, flag) = (root.to_path_buf(), stop.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let root = root.clone();
                    std::thread::spawn(move || serve_one(stream, &root));
                }
            }
        });
        StaticServer { port, stop }
    }

    /// The URL of `path` (which starts with `/`) on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn serve_one(mut stream: TcpStream, root: &Path) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {}
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut file = None;
    if !path.split('/').any(|part| part == "..") {
        let mut candidate = root.join(path.trim_start_matches('/'));
        if candidate.is_dir() {
            candidate = candidate.join("index.html");
        }
        if candidate.is_file() {
            file = Some(candidate);
        }
    }
    let (status, file) = match file {
        Some(f) => ("200 OK", f),
        None => ("404 Not Found", root.join("404.html")),
    };
    let body = std::fs::read(&file).unwrap_or_default();
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        langso::serve::content_type(&file.to_string_lossy()),
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// Debian's Chromium, run headless with no network beyond loopback.
pub struct Chromium {
    exe: PathBuf,
    profile: tempfile::TempDir,
}

/// What a page left behind after its scripts ran.
pub struct Loaded {
    /// The serialized DOM.
    pub dom: String,
    /// Console messages, uncaught exceptions and CSP violations, one per line.
    pub console: Vec<String>,
}

impl Loaded {
    /// The console lines that report a blocked inline script or style, or a load the
    /// Content-Security-Policy forbids (Chromium words them "… violates the following
    /// Content Security Policy directive …").
    pub fn policy_violations(&self) -> Vec<&String> {
        self.console.iter().filter(|l| l.contains("Content Security Policy")).collect()
    }

    /// Why the page fails the browser tests: policy violations first, then any other
    /// console message. Empty when the page is clean.
    pub fn problems(&self) -> Vec<String> {
        let violations = self.policy_violations();
        let mut out: Vec<String> = violations.iter().map(|l| format!("CSP violation: {l}")).collect();
        out.extend(self.console.iter().filter(|l| !violations.contains(l)).map(|l| format!("console: {l}")));
        out
    }
}

impl Chromium {
    /// The browser, or `None` when it is missing and `LANGSO_ALLOW_SKIP` accepts that
    /// `test` skips; otherwise a missing browser fails `test`.
    pub fn find(test: &str) -> Option<Chromium> {
        let exe = chromium_path();
        if exe.is_file() {
            return Some(Chromium { exe, profile: tempfile::tempdir().unwrap() });
        }
        cannot_run(test, Need::Browser, &format!("no Chromium at {}", exe.display()), INSTALL_CHROMIUM);
        None
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(&self.exe);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", self.profile.path().display()));
        cmd
    }

    /// Loads `url`, lets its scripts run for up to `budget_ms` of virtual time, and
    /// returns the resulting DOM with everything the page printed to the console.
    pub fn load(&self, url: &str, budget_ms: u32) -> Loaded {
        self.dump(url, format!("--virtual-time-budget={budget_ms}"))
    }

    /// `load` for a page that keeps a connection open (the preview's event stream), where
    /// virtual time never runs out: waits up to `timeout_ms` of real time instead.
    pub fn load_live(&self, url: &str, timeout_ms: u32) -> Loaded {
        self.dump(url, format!("--timeout={timeout_ms}"))
    }

    fn dump(&self, url: &str, wait: String) -> Loaded {
        let out = self
            .command()
            .args(["--enable-logging=stderr", "--v=0", "--window-size=1280,900"])
            .arg(wait)
            .arg("--dump-dom")
            .arg(url)
            .output()
            .expect("run chromium");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let console = stderr.lines().filter(|l| l.contains(":CONSOLE")).map(str::to_string).collect();
        Loaded { dom: String::from_utf8_lossy(&out.stdout).into_owned(), console }
    }

    /// Saves a PNG screenshot of `url` at the given window size.
    pub fn screenshot(&self, url: &str, png: &Path, width: u32, height: u32) {
        let out = self
            .command()
            .arg(format!("--window-size={width},{height}"))
            .arg("--virtual-time-budget=5000")
            .arg(format!("--screenshot={}", png.display()))
            .arg(url)
            .output()
            .expect("run chromium");
        assert!(png.is_file(), "no screenshot of {url}: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Prints `url` to a PDF file (the browser's print stylesheet applies).
    pub fn print_to_pdf(&self, url: &str, pdf: &Path) {
        let out = self
            .command()
            .args(["--no-pdf-header-footer", "--virtual-time-budget=5000"])
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(url)
            .output()
            .expect("run chromium");
        assert!(pdf.is_file(), "no PDF of {url}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

/// The number of pages in a PDF written by Chromium (counts `/Type /Page` objects).
pub fn pdf_page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

/// Where a test saves pictures for a human to look at: `target/browser-artifacts/`.
pub fn artifact_path(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/browser-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The npm tools of `tests/browser-tools/` (axe-core, playwright-core, Lighthouse) and
/// Node to run them, or `None` when one of them or Chromium is missing and
/// `LANGSO_ALLOW_SKIP` accepts that `test` skips; otherwise a missing tool fails `test`.
/// `.ci/run` installs them with `npm ci`.
pub fn browser_tools(test: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/browser-tools");
    let mut missing = Vec::new();
    if !Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success()) {
        missing.push("node".to_string());
    }
    for module in ["axe-core", "playwright-core", "lighthouse"] {
        if !dir.join("node_modules").join(module).is_dir() {
            missing.push(format!("tests/browser-tools/node_modules/{module}"));
        }
    }
    let chromium = chromium_path();
    if !chromium.is_file() {
        missing.push(format!("Chromium at {}", chromium.display()));
    }
    if missing.is_empty() {
        return Some(dir);
    }
    cannot_run(test, Need::Browser, &format!("missing {}", missing.join(", ")), INSTALL_TOOLS);
    None
}
