//! The whole build at national scale, in one command and one table: for each size (default
//! 1,000, 3,000 and 10,000 generated pilots, `examples/gen_corpus.rs`, seed 1) the release
//! binary runs as a real child process for a build into an empty output folder, a build into
//! the folder it left (nothing changed), a build into an empty folder in `/dev/shm` (memory,
//! where creating a file costs what it costs in memory rather than on the disk) and `langso check`; a one-pilot text edit goes through
//! the library's incremental engine as in `langso serve` (the definitions of `benches/serve.rs`);
//! and when `hugo` is on the PATH it builds the same corpus as a Hugo site (`gen_corpus --hugo`).
//! Per row: wall time, user + system CPU time, peak RSS (each child's own `rusage`, from
//! `wait4`), pages per second, output files and bytes, and the performance issue's target.
//!
//! ```sh
//! cargo bench --bench build                      # 1,000, 3,000 and 10,000 pilots, 3 runs each
//! cargo bench --bench build -- --pilots 1000 --runs 5 --no-hugo
//! cargo bench --bench build -- --bin /path/to/another/langso --max-seconds 120
//! ```
//! A measure stops repeating once its runs have taken `--max-seconds` (30 by default; at least
//! one run), so that a slow build cannot make the whole command run for much more than ten
//! minutes; the table's `runs` column says how many there were.
//! Not a test: it prints a table and asserts nothing about speed.

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use langso::pipeline::Changes;
use langso::serve::preview::Preview;

/// How often to repeat each measure: `runs` times, or fewer once they have taken `budget` seconds.
#[derive(Clone, Copy)]
struct Repeat {
    runs: usize,
    budget: f64,
}

/// One run of something measured: seconds of wall and of user + system CPU, bytes of peak RSS.
#[derive(Clone, Copy, Default)]
struct Sample {
    wall: f64,
    cpu: f64,
    rss: u64,
}

/// What an output folder holds.
struct Output {
    files: usize,
    html: usize,
    bytes: u64,
}

/// A line of the table.
struct Row {
    pilots: usize,
    what: &'static str,
    samples: Vec<Sample>,
    /// What the row wrote (builds), or a note (files changed by an edit).
    output: Option<Output>,
    note: String,
    /// Peak RSS is not the row's own (the edit rows share one preview process): shown once.
    rss: bool,
}

/// The performance issue's targets on a 2-core machine, judged on the median wall time.
fn target(what: &str, pilots: usize) -> Option<(f64, Option<u64>)> {
    match (what, pilots) {
        (BUILD | BUILD_MEMORY, 1000) => Some((0.4, None)),
        (BUILD | BUILD_MEMORY, 10_000) => Some((3.0, Some(600_000_000))),
        (CHECK, 10_000) => Some((1.0, None)),
        (EDIT, 1000) => Some((0.05, None)),
        (EDIT, 10_000) => Some((0.2, None)),
        _ => None,
    }
}

const BUILD: &str = "build, empty output folder";
const REBUILD: &str = "build again, nothing changed";
const BUILD_MEMORY: &str = "build, empty output folder in /dev/shm";
const CHECK: &str = "check";
const FIRST: &str = "serve: first build in memory";
const EDIT: &str = "serve: one-pilot text edit → reload";
const DEFERRED: &str = "serve: then the search index";
const HUGO: &str = "hugo, empty output folder";

fn main() {
    let mut sizes = vec![1000, 3000, 10_000];
    let mut repeat = Repeat { runs: 3, budget: 30.0 };
    let mut hugo = true;
    let mut bin = PathBuf::from(env!("CARGO_BIN_EXE_langso"));
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pilots" => {
                sizes = args.next().expect("--pilots N[,N…]").split(',').map(|n| n.parse().expect("a number")).collect()
            }
            "--runs" => repeat.runs = args.next().expect("--runs N").parse::<usize>().expect("a number").max(1),
            "--max-seconds" => repeat.budget = args.next().expect("--max-seconds S").parse().expect("a number"),
            "--no-hugo" => hugo = false,
            "--bin" => bin = PathBuf::from(args.next().expect("--bin PATH")),
            "--edit-child" => {
                // Internal: the preview's engine in a process of its own, so that its peak RSS is its own.
                let root = PathBuf::from(args.next().expect("root"));
                let runs = args.next().expect("runs").parse().expect("a number");
                return edit_child(&root, runs);
            }
            _ => {} // cargo bench passes `--bench`
        }
    }
    if !bin.is_file() {
        eprintln!(
            "error: no langso binary at `{}`: run `cargo bench --bench build` (it builds target/release/langso), \
             or `cargo build --release` first, or pass --bin PATH",
            bin.display()
        );
        std::process::exit(2);
    }
    let hugo = hugo.then(hugo_version).flatten();
    print_machine(&bin, hugo.as_deref());

    let started = Instant::now();
    let mut rows = Vec::new();
    for &n in &sizes {
        rows.extend(measure(&bin, n, repeat, hugo.is_some()));
    }
    print_table(&rows, &sizes);
    println!(
        "\nUp to {} runs per measure (fewer once they took {} s); wall: median [least]; CPU: median; \
         peak RSS: largest. Whole benchmark {:.0} s; at the end: {}.",
        repeat.runs,
        repeat.budget,
        started.elapsed().as_secs_f64(),
        load()
    );
}

fn measure(bin: &Path, n: usize, runs: Repeat, with_hugo: bool) -> Vec<Row> {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("site");
    let out = dir.path().join("public");
    let hugo_root = dir.path().join("hugo");
    let log = dir.path().join("log.txt");
    let t = Instant::now();
    let opts = gen_corpus::Options {
        pilots: n,
        seed: 1,
        out: root.clone(),
        from: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        hugo: with_hugo.then(|| hugo_root.clone()),
    };
    gen_corpus::generate(&opts).expect("corpus");
    eprintln!("{n} pilots generated in {:.1} s", t.elapsed().as_secs_f64());
    let row = |what, samples, output, note: String| Row { pilots: n, what, samples, output, note, rss: true };
    let mut rows = Vec::new();

    let build = || {
        let mut cmd = Command::new(bin);
        cmd.arg("build").arg("--root").arg(&root).arg("--out").arg(&out);
        cmd
    };
    let samples = repeat(runs, BUILD, n, || {
        empty(&out);
        run(&mut build(), &log)
    });
    rows.push(row(BUILD, samples, Some(scan(&out)), String::new()));

    let samples = repeat(runs, REBUILD, n, || run(&mut build(), &log));
    rows.push(row(REBUILD, samples, Some(scan(&out)), String::new()));
    std::fs::remove_dir_all(&out).expect("remove the output");

    // The same build with its output in memory (tmpfs): what is left of the build's time
    // when creating files costs what it costs in memory, not on this machine's disk.
    if Path::new("/dev/shm").is_dir() {
        let shm = tempfile::tempdir_in("/dev/shm").expect("a folder in /dev/shm");
        let out = shm.path().join("public");
        let samples = repeat(runs, BUILD_MEMORY, n, || {
            empty(&out);
            run(Command::new(bin).arg("build").arg("--root").arg(&root).arg("--out").arg(&out), &log)
        });
        rows.push(row(BUILD_MEMORY, samples, Some(scan(&out)), String::new()));
    }

    let samples = repeat(runs, CHECK, n, || run(Command::new(bin).arg("check").arg("--root").arg(&root), &log));
    rows.push(row(CHECK, samples, None, String::new()));

    rows.extend(edit_rows(&root, n, runs.runs, &log));

    if with_hugo {
        let hugo_out = dir.path().join("hugo-public");
        let samples = repeat(runs, HUGO, n, || {
            empty(&hugo_out);
            run(Command::new("hugo").arg("--quiet").arg("-s").arg(&hugo_root).arg("-d").arg(&hugo_out), &log)
        });
        rows.push(row(HUGO, samples, Some(scan(&hugo_out)), String::new()));
    }
    rows
}

fn repeat(runs: Repeat, what: &str, n: usize, mut once: impl FnMut() -> Sample) -> Vec<Sample> {
    let started = Instant::now();
    let mut samples = Vec::new();
    while samples.len() < runs.runs && (samples.is_empty() || started.elapsed().as_secs_f64() < runs.budget) {
        let s = once();
        eprintln!(
            "{n} pilots, {what}, run {}: {:.3} s wall, {:.3} s CPU, {:.0} MB",
            samples.len() + 1,
            s.wall,
            s.cpu,
            s.rss as f64 / 1e6
        );
        samples.push(s);
    }
    samples
}

fn empty(dir: &Path) {
    if dir.exists() {
        std::fs::remove_dir_all(dir).expect("empty the output folder");
    }
    std::fs::create_dir_all(dir).expect("create the output folder");
}

/// Runs `cmd` to its end with its output into `log`: its wall time, and its own CPU time and
/// peak RSS from the `rusage` that `wait4` returns for that child alone.
fn run(cmd: &mut Command, log: &Path) -> Sample {
    let file = File::create(log).expect("log file");
    let started = Instant::now();
    let child = cmd
        .stdin(Stdio::null())
        .stdout(file.try_clone().expect("log file"))
        .stderr(file)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain old data, for which all zeroes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for (`child` is never waited on: dropping
    // a `Child` neither waits nor kills), and both pointers are to live locals.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed().as_secs_f64();
    assert_eq!(reaped, pid, "wait4 failed: {}", std::io::Error::last_os_error());
    drop(child);
    if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let tail: String =
            text.lines().rev().take(30).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n");
        panic!("{cmd:?} failed (wait status {status}):\n{tail}");
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Sample { wall, cpu: secs(usage.ru_utime) + secs(usage.ru_stime), rss: usage.ru_maxrss as u64 * 1024 }
}

fn scan(dir: &Path) -> Output {
    let mut o = Output { files: 0, html: 0, bytes: 0 };
    for e in walkdir::WalkDir::new(dir).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        o.files += 1;
        o.html += usize::from(e.path().extension().is_some_and(|x| x == "html"));
        o.bytes += e.metadata().map(|m| m.len()).unwrap_or(0);
    }
    o
}

/// The edit rows: this benchmark again, as a child process running `edit_child`.
fn edit_rows(root: &Path, n: usize, runs: usize, log: &Path) -> Vec<Row> {
    let me = std::env::current_exe().expect("the benchmark's own path");
    let process = run(Command::new(me).arg("--edit-child").arg(root).arg(runs.to_string()), log);
    let text = std::fs::read_to_string(log).expect("the child's figures");
    let mut first = Vec::new();
    let (mut edit, mut deferred) = (Vec::new(), Vec::new());
    let mut changed = String::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        let num = |i: usize| f[i].parse::<f64>().expect("a figure");
        match f.first() {
            Some(&"first") => first.push(Sample { wall: num(1), cpu: num(2), rss: process.rss }),
            Some(&"edit") => {
                edit.push(Sample { wall: num(1), cpu: num(2), rss: 0 });
                deferred.push(Sample { wall: num(3), cpu: num(4), rss: 0 });
                changed = format!("files changed: {} (then {} by the search index)", f[5], f[6]);
            }
            _ => {}
        }
    }
    eprintln!("{n} pilots, serve engine: first build {:.2} s, {:.0} MB peak", first[0].wall, process.rss as f64 / 1e6);
    let row = |what, samples, note, rss| Row { pilots: n, what, samples, output: None, note, rss };
    vec![
        row(FIRST, first, "the preview process holds the whole site in memory".into(), true),
        row(EDIT, edit, changed, false),
        row(DEFERRED, deferred, String::new(), false),
    ]
}

/// What `benches/serve.rs` calls "engine until the reload" and "then the search index": after
/// the save, `update_fast` with the saved path (pages ready, the preview sends `reload`), then
/// `update` (the deferred search index). Prints `first WALL CPU` and, per edit,
/// `edit WALL CPU WALL CPU CHANGED CHANGED`.
fn edit_child(root: &Path, runs: usize) {
    let pilot = gen_corpus::first_pilot(root);
    let mut inc = Preview::new(root, None);
    let (t, c) = (Instant::now(), own_cpu());
    inc.update(&Changes::Everything).expect("the corpus builds without errors");
    println!("first {} {}", t.elapsed().as_secs_f64(), own_cpu() - c);
    for i in 0..runs {
        let (rel, text) = gen_corpus::edited(root, &pilot, "text", i);
        let tmp = root.join(format!("{rel}.tmp"));
        std::fs::write(&tmp, text).expect("save");
        std::fs::rename(&tmp, root.join(&rel)).expect("save");
        let (t, c) = (Instant::now(), own_cpu());
        let fast = inc.update_fast(&Changes::Paths(vec![root.join(&rel)])).expect("rebuilds");
        let (wall, cpu_fast) = (t.elapsed().as_secs_f64(), own_cpu() - c);
        let (t, c) = (Instant::now(), own_cpu());
        let rest = inc.update(&Changes::Paths(Vec::new())).expect("rebuilds");
        let (wall_rest, cpu_rest) = (t.elapsed().as_secs_f64(), own_cpu() - c);
        println!("edit {wall} {cpu_fast} {wall_rest} {cpu_rest} {} {}", fast.changed.len(), rest.changed.len());
    }
}

/// User + system CPU seconds of this whole process (all its threads).
fn own_cpu() -> f64 {
    // SAFETY: as in `run`.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid `who` and a pointer to a live local.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

fn hugo_version() -> Option<String> {
    let out = Command::new("hugo").arg("version").output().ok().filter(|o| o.status.success())?;
    Some(String::from_utf8_lossy(&out.stdout).split_whitespace().take(2).collect::<Vec<_>>().join(" "))
}

/// The machine's load average and, where Linux reports it, the share of the last minute in
/// which some task waited for a CPU (PSI): on a shared machine, what the wall times carry.
fn load() -> String {
    let avg = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let avg = avg.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    let psi = std::fs::read_to_string("/proc/pressure/cpu").unwrap_or_default();
    let waited =
        psi.lines().find_map(|l| l.strip_prefix("some ")?.split_whitespace().find_map(|f| f.strip_prefix("avg60=")));
    match waited {
        Some(w) => format!("load average {avg}, CPU pressure {w} % (some task waiting for a CPU, last minute)"),
        None => format!("load average {avg}"),
    }
}

fn print_machine(bin: &Path, hugo: Option<&str>) {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model =
        cpuinfo.lines().find_map(|l| l.strip_prefix("model name")).map(|l| l.trim_start_matches([' ', '\t', ':']));
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kib = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:")?.trim().strip_suffix("kB")?.trim().parse::<f64>().ok());
    let nproc = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let commit = Command::new("git")
        .args(["-C", env!("CARGO_MANIFEST_DIR"), "describe", "--always", "--dirty"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let mem = kib.map_or("unknown".into(), |k| format!("{:.1} GB", k * 1024.0 / 1e9));
    // Markdown, like the table: the standard output can be pasted into docs/performance.md
    // ("Latest results") as it is.
    println!("- date: {} (UTC)", today());
    println!("- machine: {nproc} CPUs, {}, {mem} memory", model.unwrap_or("unknown CPU"));
    println!("- at the start: {}", load());
    println!("- langso: `{}` (commit {})", bin.display(), commit.as_deref().unwrap_or("unknown"));
    println!("- hugo: {}", hugo.unwrap_or("not run (not on the PATH, or --no-hugo)"));
}

/// Today's date from the system clock (days since 1970 to a civil date, proleptic Gregorian).
fn today() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year}-{month:02}-{day:02}")
}

fn print_table(rows: &[Row], sizes: &[usize]) {
    println!(
        "\n| pilots | measure | runs | wall, median [least] | CPU user+sys | peak RSS | pages/s | output | target |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---|---|");
    for r in rows {
        let rss = r.samples.iter().map(|s| s.rss).max().unwrap_or(0);
        let median = r.median(wall);
        let least = r.samples.iter().map(wall).fold(f64::INFINITY, f64::min);
        let (pages, output) = match &r.output {
            Some(o) => (
                thousands((o.html as f64 / median) as u64),
                format!(
                    "{} files ({} HTML), {:.1} MB",
                    thousands(o.files as u64),
                    thousands(o.html as u64),
                    o.bytes as f64 / 1e6
                ),
            ),
            None => ("–".into(), r.note.clone()),
        };
        let target = match target(r.what, r.pilots) {
            Some((t, max_rss)) => {
                let mut s = format!("≤ {}: {}", duration(t), met(median <= t));
                if let Some(m) = max_rss {
                    s += &format!("; ≤ {} MB: {}", m / 1_000_000, met(rss <= m));
                }
                s
            }
            None => String::new(),
        };
        println!(
            "| {} | {} | {} | {} [{}] | {} | {} | {} | {} | {} |",
            thousands(r.pilots as u64),
            r.what,
            r.samples.len(),
            duration(median),
            duration(least),
            duration(r.median(cpu)),
            if r.rss { format!("{:.0} MB", rss as f64 / 1e6) } else { "″".into() },
            pages,
            output,
            target
        );
    }
    let find = |n: usize, what: &str| rows.iter().find(|r| r.pilots == n && r.what == what);
    println!("\nLinearity, per pilot: median wall (median CPU) ÷ pilots:");
    for what in [BUILD, REBUILD, CHECK, FIRST, HUGO] {
        let line: Vec<String> = sizes
            .iter()
            .filter_map(|&n| {
                let r = find(n, what)?;
                let per = |x: f64| x * 1000.0 / n as f64;
                Some(format!("{}: {:.2} ms ({:.2} ms)", thousands(n as u64), per(r.median(wall)), per(r.median(cpu))))
            })
            .collect();
        if !line.is_empty() {
            println!("- {what}: {}", line.join(" · "));
        }
    }
    let ratios: Vec<String> = sizes
        .iter()
        .filter_map(|&n| {
            let (langso, hugo) = (find(n, BUILD)?, find(n, HUGO)?);
            let ratio = |f: fn(&Sample) -> f64| langso.median(f) / hugo.median(f);
            Some(format!("{}: {:.2} ({:.2})", thousands(n as u64), ratio(wall), ratio(cpu)))
        })
        .collect();
    if !ratios.is_empty() {
        println!("\nlangso ÷ hugo, build into an empty folder, median wall (median CPU): {}", ratios.join(" · "));
    }
}

fn wall(s: &Sample) -> f64 {
    s.wall
}

fn cpu(s: &Sample) -> f64 {
    s.cpu
}

impl Row {
    fn median(&self, f: fn(&Sample) -> f64) -> f64 {
        let v = sorted(self.samples.iter().map(f));
        (v[(v.len() - 1) / 2] + v[v.len() / 2]) / 2.0
    }
}

fn sorted(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp);
    v
}

fn met(ok: bool) -> &'static str {
    if ok { "met" } else { "missed" }
}

fn duration(s: f64) -> String {
    if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 0.01 {
        format!("{:.0} ms", s * 1000.0)
    } else {
        format!("{:.1} ms", s * 1000.0)
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
