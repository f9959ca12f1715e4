//! `langso serve`: the site as it will be published, rebuilt the moment a file is
//! saved. The site lives in memory (`preview`: the build's pipeline rendering into memory), so a reader never sees a
//! half-written site and the last good one stays served while the content has errors;
//! open pages reload through Server-Sent Events and show errors in an overlay. The
//! server (`http`) serves only the files of the built site, only to requests naming its
//! own address; the watcher (`watch`) turns file events into rebuilds. A panic while
//! rebuilding is shown like an error and the next save rebuilds from scratch; the
//! preview ends only when it is stopped (Ctrl-C), never with exit code 0.

mod http;
pub mod preview;
mod watch;

pub use http::content_type;

use std::collections::HashMap;
use std::io::{IsTerminal, Write as _};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use crate::build::BuildError;
use crate::diag::{self, Diagnostic, JsonDiagnostic, Msg, msg};
use crate::model::Lang;
use crate::numbers::number;
use crate::pipeline::Changes;
use preview::{Preview, Update};

/// How long the files stay unsaved before the deferred outputs (the search index) are rendered.
const QUIET_BEFORE_DEFERRED: std::time::Duration = std::time::Duration::from_millis(300);

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub open: bool,
    pub poll: bool,
}

/// What the HTTP threads read: the built site and the current errors, swapped whole.
pub(crate) struct Shared {
    pub site: RwLock<HashMap<String, preview::Kept>>,
    /// The errors of the last rebuild as the JSON the overlay shows (`[]` when none).
    pub errors: RwLock<String>,
    /// One sender per open page listening for events.
    pub listeners: Mutex<Vec<mpsc::Sender<String>>>,
}

impl Shared {
    /// Sends a Server-Sent Event to every open page, forgetting those that left.
    fn broadcast(&self, event: &str, data: &str) {
        let message = format!("event: {event}\ndata: {data}\n\n");
        self.listeners.lock().expect("listeners").retain(|tx| tx.send(message.clone()).is_ok());
    }
}

/// Builds, serves and rebuilds until the process is stopped; returns only on a usage or
/// I/O failure (exit 2).
pub fn serve(opts: &ServeOptions) -> Result<(), String> {
    if !opts.root.join("content").is_dir() {
        return Err(crate::build::not_a_site_root(&opts.root));
    }
    // The language of what is printed here (diagnostics follow the site as it changes).
    let lang = crate::load::registry::load_config(&opts.root, &mut Vec::new()).language;
    let listener = bind(opts.bind, opts.port, lang)?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    if opts.bind.is_unspecified() {
        eprintln!("{}", msg!("serve-every-interface", bind = opts.bind.to_string()).render(lang));
    }
    let url = site_url(addr);

    // The site is served at the root of this server, whatever the path of its base_url.
    let mut engine = Preview::new(&opts.root, Some(url.clone()));
    let shared = Arc::new(Shared {
        site: RwLock::new(HashMap::new()),
        errors: RwLock::new("[]".into()),
        listeners: Mutex::new(Vec::new()),
    });
    rebuild(&mut engine, &shared, &Changes::Everything);

    let (tx, rx) = mpsc::channel();
    let mut watch = watch::Watch::start(engine.root(), opts.poll, tx, lang)?;
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", msg!("serve-at", url = &url).render(lang))
        .and_then(|()| stdout.flush())
        .map_err(|e| msg!("stdout-failed", error = e.to_string()).render(lang))?;
    drop(stdout);
    if opts.open {
        open_browser(&url, lang);
    }

    let rebuild_shared = Arc::clone(&shared);
    std::thread::spawn(move || {
        // Whether deferred outputs (the search index) wait for a quiet moment.
        let mut pending = false;
        loop {
            let next = if pending { rx.recv_timeout(QUIET_BEFORE_DEFERRED) } else { rx.recv().map_err(Into::into) };
            let mut changes = match next {
                Ok(c) => c,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let started = Instant::now();
                    pending = match guarded(&mut engine, |e| e.update(&Changes::Paths(Vec::new()))) {
                        Ok(result) => report(&engine, &rebuild_shared, result, started, msg!("serve-search-updated")),
                        Err(panic) => report_panic(&engine, &rebuild_shared, &panic),
                    };
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            };
            // Saves that arrived during the last rebuild are handled together.
            while let Ok(more) = rx.try_recv() {
                changes = match (changes, more) {
                    (Changes::Paths(mut a), Changes::Paths(b)) => {
                        a.extend(b);
                        Changes::Paths(a)
                    }
                    _ => Changes::Everything,
                };
            }
            if watch.refresh() {
                changes = Changes::Everything;
            }
            pending = rebuild(&mut engine, &rebuild_shared, &changes);
        }
    });
    http::serve_forever(listener, shared, http::Hosts::new(opts.bind, addr.port(), lang))
}

fn bind(ip: IpAddr, port: u16, lang: Lang) -> Result<TcpListener, String> {
    match TcpListener::bind(SocketAddr::new(ip, port)) {
        Ok(l) => Ok(l),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            let free = (port.saturating_add(1)..port.saturating_add(100))
                .find(|&p| TcpListener::bind(SocketAddr::new(ip, p)).is_ok());
            let hint = match free {
                Some(p) => msg!("serve-port-try", port = p.to_string()),
                None => msg!("serve-port-none"),
            };
            Err(msg!("serve-port-taken", port = port.to_string(), ip = ip.to_string(), hint = hint).render(lang))
        }
        Err(e) => Err(msg!("serve-cannot-listen", ip = ip.to_string(), port = port.to_string(), error = e.to_string())
            .render(lang)),
    }
}

/// The address pages are served at; an all-interfaces bind is reached through loopback.
fn site_url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::from([127, 0, 0, 1]),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::from(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, addr.port()))
}

fn open_browser(url: &str, lang: Lang) {
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("{}", msg!("serve-no-browser", opener = opener, error = e.to_string(), url = url).render(lang));
    }
}

/// Rebuilds after `changes`, reports in the terminal and tells open pages. Outputs no page
/// shows as it is (the search index) are left for a quiet moment: whether some are.
fn rebuild(engine: &mut Preview, shared: &Shared, changes: &Changes) -> bool {
    let started = Instant::now();
    match guarded(engine, |e| e.update_fast(changes)) {
        Ok(result) => report(engine, shared, result, started, msg!("serve-rebuilt")),
        Err(panic) => report_panic(engine, shared, &panic),
    }
}

/// Runs one update; a panic in it (a bug in langso) ends that update, not the preview:
/// `Err` with the panic's message, and the engine is replaced by a new one, which the next
/// save builds whole (what the panicking update left half-changed is never reused).
fn guarded(
    engine: &mut Preview,
    update: impl FnOnce(&mut Preview) -> Result<Update, BuildError>,
) -> Result<Result<Update, BuildError>, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| update(engine))).map_err(|payload| {
        *engine = engine.fresh();
        match (payload.downcast_ref::<&str>(), payload.downcast_ref::<String>()) {
            (Some(s), _) => s.to_string(),
            (_, Some(s)) => s.clone(),
            _ => "no message".into(),
        }
    })
}

/// Tells the terminal and open pages that a rebuild panicked; where it panicked was
/// printed by the panic hook just before.
fn report_panic(engine: &Preview, shared: &Shared, panic: &str) -> bool {
    let lang = engine.language().unwrap_or(diag::DEFAULT_LANG);
    let message = msg!("serve-panic", panic = panic).render(lang);
    let help = msg!("serve-panic-help").render(lang);
    eprintln!("{}\n  = {help}", msg!("cli-error", text = &message).render(lang));
    let json = diag::report::json_line(&[JsonDiagnostic::site_error("panic", message, help)]);
    *shared.errors.write().expect("errors") = json.clone();
    shared.broadcast("errors", &json);
    false
}

/// Prints the outcome, updates the served files and tells open pages; whether outputs
/// were left for later.
fn report(engine: &Preview, shared: &Shared, result: Result<Update, BuildError>, started: Instant, done: Msg) -> bool {
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let root = engine.root().to_path_buf();
    let lang = engine.language().unwrap_or(diag::DEFAULT_LANG);
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let human = |diags: &[Diagnostic]| diag::render(diags, &root, lang, diag::Format::Human, colour);
    match result {
        Ok(Update { changed, diagnostics, pending }) => {
            eprint!("{}", human(&diagnostics));
            {
                let mut site = shared.site.write().expect("site");
                for path in &changed {
                    match engine.output(path) {
                        Some(bytes) => site.insert(path.clone(), bytes),
                        None => site.remove(path),
                    };
                }
                // A new engine (after a panic) knows nothing of the files it never made.
                if site.len() != engine.outputs().len() {
                    *site = engine.outputs().clone();
                }
            }
            let had_errors = std::mem::replace(&mut *shared.errors.write().expect("errors"), "[]".into()) != "[]";
            eprintln!(
                "{}",
                done.arg("ms", number(ms, 0, lang)).arg("count", number(changed.len() as f64, 0, lang)).render(lang)
            );
            // Downloads, feeds and the search index are not part of any page as shown.
            let shown: Vec<&String> =
                changed.iter().filter(|p| ![".json", ".csv", ".xml", ".txt"].iter().any(|e| p.ends_with(e))).collect();
            if !shown.is_empty() {
                shared.broadcast("reload", &reload_event(&shown));
            } else if had_errors {
                shared.broadcast("errors", "[]");
            }
            pending
        }
        Err(BuildError::Content(diags)) => {
            eprint!("{}", human(&diags));
            let errors: Vec<JsonDiagnostic> =
                diags.iter().filter(|d| d.is_error()).map(|d| JsonDiagnostic::new(d, lang)).collect();
            let count = number(errors.len() as f64, 0, lang);
            eprintln!("{}", msg!("serve-errors", count = count, ms = number(ms, 0, lang)).render(lang));
            let json = diag::report::json_line(&errors);
            *shared.errors.write().expect("errors") = json.clone();
            shared.broadcast("errors", &json);
            false
        }
        Err(BuildError::Fatal(msg)) => {
            eprintln!("{}", msg!("serve-fatal", text = &msg).render(lang));
            let json = diag::report::json_line(&[JsonDiagnostic::site_error("theme", msg, String::new())]);
            *shared.errors.write().expect("errors") = json.clone();
            shared.broadcast("errors", &json);
            false
        }
    }
}

/// The paths that changed, so a page reloads only when it or a file it uses changed.
fn reload_event(changed: &[&String]) -> String {
    const MAX: usize = 200;
    if changed.len() > MAX {
        serde_json::json!({ "all": true, "paths": [] }).to_string()
    } else {
        serde_json::json!({ "all": false, "paths": changed }).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_all_interfaces_bind_is_previewed_through_loopback() {
        let url = |ip: &str, port| site_url(SocketAddr::new(ip.parse().unwrap(), port));
        assert_eq!(url("0.0.0.0", 1111), "http://127.0.0.1:1111/");
        assert_eq!(url("::", 8080), "http://[::1]:8080/");
        assert_eq!(url("127.0.0.1", 1111), "http://127.0.0.1:1111/");
        assert_eq!(url("192.0.2.7", 80), "http://192.0.2.7:80/");
    }
}
