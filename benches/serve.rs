//! How long an editor waits: from a saved edit to the reload event, for a one-pilot
//! text edit and a metric edit, on the performance issue's shared corpus
//! (`shared/bench/gen_corpus.py --seed 42`, `benches/common/corpus.rs`; default 1,000 and
//! 10,000 pilots).
//! Figures per edit: the incremental rebuild alone (library API) up to the reload event
//! and the search index rendered after it, and save → `reload` event through the real
//! `langso serve` (watcher, debounce and SSE included).
//!
//! ```sh
//! cargo bench --bench serve                        # 1,000 and 10,000 pilots, 7 runs each
//! cargo bench --bench serve -- --pilots 1000 --runs 3 --edit text --no-server
//! ```
//! Not a test: it prints a table and asserts nothing about speed.

#[path = "common/corpus.rs"]
mod corpus;
#[path = "../tests/common/server.rs"]
mod server;

use std::path::Path;
use std::time::{Duration, Instant};

use langso::pipeline::Changes;
use langso::serve::preview::Preview;

struct Row {
    pilots: usize,
    edit: &'static str,
    engine: Vec<f64>,
    deferred: Vec<f64>,
    served: Vec<f64>,
    changed: usize,
}

fn main() {
    let mut sizes = vec![1000, 10_000];
    let mut runs = 7;
    let mut with_server = true;
    let mut edits = vec!["text", "metric"];
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pilots" => {
                sizes = args.next().expect("--pilots N[,N…]").split(',').map(|n| n.parse().expect("a number")).collect()
            }
            "--runs" => runs = args.next().expect("--runs N").parse().expect("a number"),
            "--no-server" => with_server = false,
            "--edit" => {
                let e = args.next().expect("--edit text|metric");
                edits.retain(|x| *x == e);
            }
            _ => {} // cargo bench passes `--bench`
        }
    }
    let mut rows = Vec::new();
    for &n in &sizes {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("site");
        let started = Instant::now();
        corpus::generate(n, "langso", &root);
        eprintln!("{n} pilots generated in {:.1} s", started.elapsed().as_secs_f64());
        rows.extend(measure(&root, n, runs, with_server, &edits));
    }
    println!(
        "\n| pilots | edit | engine until the reload | then the search index | save → reload event | files changed |"
    );
    println!("|---:|---|---:|---:|---:|---:|");
    for r in rows {
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            r.pilots,
            r.edit,
            summary(&r.engine),
            summary(&r.deferred),
            if r.served.is_empty() { "–".into() } else { summary(&r.served) },
            r.changed
        );
    }
}

fn summary(ms: &[f64]) -> String {
    let mut v = ms.to_vec();
    v.sort_by(f64::total_cmp);
    format!("{:.1} ms [{:.1}–{:.1}]", v[v.len() / 2], v[0], v[v.len() - 1])
}

fn measure(root: &Path, n: usize, runs: usize, with_server: bool, edits: &[&'static str]) -> Vec<Row> {
    let pilot = corpus::first_pilot(root);
    let mut inc = Preview::new(root, None);
    let started = Instant::now();
    let first = inc.update(&Changes::Everything).expect("the corpus builds without errors");
    eprintln!("{n} pilots: first build in memory {:.0} ms, {} files", ms(started), first.changed.len());
    let mut rows = Vec::new();
    for &edit in edits {
        let mut row = Row { pilots: n, edit, engine: Vec::new(), deferred: Vec::new(), served: Vec::new(), changed: 0 };
        for i in 0..runs {
            let (rel, text) = corpus::edited(root, &pilot, edit, i);
            server::save(root, &rel, &text);
            // What the preview does: the pages first, then (after the reload event) the search index.
            let t = Instant::now();
            let u = inc.update_fast(&Changes::Paths(vec![root.join(&rel)])).expect("rebuilds");
            row.engine.push(ms(t));
            let t = Instant::now();
            let rest = inc.update(&Changes::Paths(Vec::new())).expect("rebuilds");
            row.deferred.push(ms(t));
            row.changed = u.changed.len() + rest.changed.len();
        }
        rows.push(row);
    }
    drop(inc);
    if with_server {
        let server = server::Server::start_within(root, Duration::from_secs(600));
        let events = server.events();
        server::wait_for(&events, "errors", |_| true);
        for row in &mut rows {
            for i in 0..runs {
                let (rel, text) = corpus::edited(root, &pilot, row.edit, i + runs);
                std::thread::sleep(Duration::from_millis(200));
                server::save(root, &rel, &text);
                let t = Instant::now();
                server::wait_within(&events, "reload", |_| true, Duration::from_secs(600));
                row.served.push(ms(t));
            }
        }
    }
    rows
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}
