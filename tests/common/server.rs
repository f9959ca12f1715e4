//! A running `langso serve` for tests and benchmarks: a raw HTTP/1.1 client (so paths
//! reach the server exactly as written) and a reader of its Server-Sent Events.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// How long to wait for the server or an event: generous, never a speed assertion.
pub const WAIT: Duration = Duration::from_secs(20);

/// A running `langso serve`, killed when dropped.
pub struct Server {
    child: Child,
    pub addr: String,
    /// What it printed on stderr so far.
    stderr: Arc<Mutex<String>>,
    /// The line it printed with its address.
    pub banner: String,
}

impl Server {
    /// Starts `langso serve --root ROOT --port 0` and reads the address it prints.
    pub fn start(root: &Path) -> Server {
        Server::start_with(root, &[], WAIT)
    }

    /// `start`, waiting up to `first_build` for the first build (large corpora).
    pub fn start_within(root: &Path, first_build: Duration) -> Server {
        Server::start_with(root, &[], first_build)
    }

    /// `start` with more arguments for `langso serve`.
    pub fn start_with(root: &Path, args: &[&str], first_build: Duration) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_langso"));
        command.args(serve_args(root)).args(args);
        Server::spawn(command, first_build)
    }

    /// Starts `command` (a `langso serve` however started: under `sh` for a `ulimit`, with
    /// an environment) and reads the address it prints.
    pub fn spawn(mut command: Command, first_build: Duration) -> Server {
        let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start langso serve");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let (err_pipe, err_text) = (child.stderr.take().unwrap(), Arc::clone(&stderr));
        std::thread::spawn(move || {
            for line in BufReader::new(err_pipe).lines().map_while(Result::ok) {
                let mut text = err_text.lock().unwrap();
                text.push_str(&line);
                text.push('\n');
            }
        });
        // Built before waiting, so that a failed wait still ends the process.
        let mut server = Server { child, addr: String::new(), stderr, banner: String::new() };
        let line = rx.recv_timeout(first_build).expect("langso serve prints its address");
        server.banner = line.clone();
        let url = line.split_whitespace().find(|w| w.starts_with("http://")).expect("an http:// address").to_string();
        server.addr = url.trim_start_matches("http://").trim_end_matches('/').to_string();
        assert!(server.addr.starts_with("127.0.0.1:"), "binds to loopback by default: {line}");
        server
    }

    /// What the server printed on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stderr holds `text`; what it holds then.
    pub fn wait_for_stderr(&self, text: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let now = self.stderr();
            if now.contains(text) {
                return now;
            }
            assert!(Instant::now() < deadline, "no `{text}` on stderr within {WAIT:?}:\n{now}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the process still runs.
    pub fn running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Sends `request` as it is and returns the whole answer, read until the server closes.
    pub fn raw(&self, request: &[u8]) -> Vec<u8> {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        s.write_all(request).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        raw
    }

    /// A raw HTTP/1.1 GET of `target` exactly as written (no normalising of `..`).
    pub fn get(&self, target: &str) -> Response {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        write!(s, "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("headers end");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        Response { status, head, body: String::from_utf8_lossy(&raw[split + 4..]).into_owned() }
    }

    /// The event stream: (event name, data) pairs as they arrive.
    pub fn events(&self) -> mpsc::Receiver<(String, String)> {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        write!(s, "GET /__langso/events HTTP/1.1\r\nHost: {}\r\n\r\n", self.addr).unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let (mut name, mut data) = (String::new(), String::new());
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if let Some(v) = line.strip_prefix("event: ") {
                    name = v.to_string();
                } else if let Some(v) = line.strip_prefix("data: ") {
                    data = v.to_string();
                } else if line.is_empty()
                    && !name.is_empty()
                    && tx.send((std::mem::take(&mut name), std::mem::take(&mut data))).is_err()
                {
                    return;
                }
            }
        });
        rx
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Response {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// The next event called `name` whose data satisfies `ok`, within the wait.
pub fn wait_for(events: &mpsc::Receiver<(String, String)>, name: &str, ok: impl Fn(&str) -> bool) -> String {
    wait_within(events, name, ok, WAIT)
}

/// `wait_for` with its own bound (benchmarks on large corpora).
pub fn wait_within(
    events: &mpsc::Receiver<(String, String)>,
    name: &str,
    ok: impl Fn(&str) -> bool,
    wait: Duration,
) -> String {
    let deadline = Instant::now() + wait;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok((n, data)) if n == name && ok(&data) => return data,
            Ok(_) => {}
            Err(_) => panic!("no `{name}` event within {wait:?}"),
        }
    }
}

/// Saves the way many editors do: write a temporary file, then rename it over the original.
pub fn save(root: &Path, rel: &str, text: &str) {
    let tmp = root.join(format!("{rel}.tmp"));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, root.join(rel)).unwrap();
}

/// The arguments of `langso serve` on `root`, on a free port.
pub fn serve_args(root: &Path) -> [&str; 5] {
    ["serve", "--root", root.to_str().unwrap(), "--port", "0"]
}
