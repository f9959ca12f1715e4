//! Search budgets on generated corpora (a benchmark, not a test):
//!
//!     cargo run --release --example search_bench -- 1000 10000
//!
//! or, to keep a generated site root for profiling a build of it (`langso build --root DIR`):
//!
//!     cargo run --release --example search_bench -- --generate DIR 1000
//!
//! For each size it writes a site root of that many pilots into a temporary folder (the
//! shipped registries; case studies recombined from the shipped pilots' paragraphs, so the
//! vocabulary is real Vietnamese), builds it, and reports
//! - the client JS (search.js) gzipped;
//! - the gzipped bytes a cold two-word query downloads: the search page, its CSS and JS,
//!   the manifest, facets, lexicon and term shards and the entries of the first 20 results,
//!   following the same rules as search.js;
//! - the time the index takes against the rest of the build.
//!
//! Sizes are measured with `gzip -9` (on PATH). Keep the generator small: it is meant to be
//! folded into a shared corpus generator.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use langso::build::{BuildOptions, build};
use langso::render::search::{self, lexicon_shard, term_shard};
use langso::slug::fold;

const SYLLABLES: [&str; 40] = [
    "An", "Bình", "Cát", "Dương", "Đông", "Gia", "Hòa", "Hưng", "Khánh", "Lạc", "Long", "Minh", "Mỹ", "Nam", "Nghĩa",
    "Phong", "Phú", "Phúc", "Quang", "Sơn", "Tân", "Thạch", "Thành", "Thịnh", "Thuận", "Tiến", "Trung", "Tường", "Văn",
    "Việt", "Vĩnh", "Xuân", "Yên", "Đức", "Hải", "Hồng", "Kim", "Lộc", "Ninh", "Tây",
];
const FIELDS: [&str; 9] = [
    "kinh-te",
    "nong-nghiep",
    "thuong-mai-dien-tu",
    "du-lich-nong-thon",
    "moi-truong",
    "van-hoa",
    "giao-duc",
    "y-te",
    "an-ninh-trat-tu",
];
const STATUSES: [&str; 4] = ["planned", "ongoing", "completed", "recognized"];
const QUERIES: [&str; 4] = ["dong thap", "du lich", "chuyen doi", "nong thon"];

/// A small deterministic generator (xorshift), so every run builds the same corpus.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, dir, n] = args.as_slice()
        && flag == "--generate"
    {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        generate(repo, Path::new(dir), n.parse().expect("a number of pilots"));
        return;
    }
    let sizes: Vec<usize> = std::env::args().skip(1).map(|a| a.parse().expect("a number of pilots")).collect();
    let sizes = if sizes.is_empty() { vec![1000, 10000] } else { sizes };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for n in sizes {
        let dir = tempfile::tempdir().unwrap();
        generate(repo, dir.path(), n);
        run(dir.path(), n);
    }
}

/// Paragraphs and summaries of the shipped pilots.
fn shipped_text(repo: &Path) -> (Vec<String>, Vec<String>) {
    let (mut paragraphs, mut summaries) = (Vec::new(), Vec::new());
    for e in walkdir::WalkDir::new(repo.join("content/pilots")).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_name() != "index.md" {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap();
        let (front, body) = text.trim_start_matches("---\n").split_once("\n---\n").unwrap();
        for line in front.lines() {
            if let Some(s) = line.strip_prefix("summary: ") {
                summaries.push(s.to_string());
            }
        }
        for p in body.split("\n\n") {
            let p = p.trim();
            // Plain paragraphs only: no headings, tables, links or footnotes to resolve.
            if p.len() > 80 && !p.starts_with(['#', '|', '[', '-']) && !p.contains("](") && !p.contains("[^") {
                paragraphs.push(p.to_string());
            }
        }
    }
    (paragraphs, summaries)
}

fn generate(repo: &Path, root: &Path, n: usize) {
    let content = root.join("content");
    std::fs::create_dir_all(content.join("pilots")).unwrap();
    for f in ["site.yaml", "provinces.yaml", "regions.yaml", "fields.yaml", "indicators.yaml"] {
        std::fs::copy(repo.join("content").join(f), content.join(f)).unwrap();
    }
    let provinces: Vec<String> = std::fs::read_to_string(repo.join("content/provinces.yaml"))
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("- slug: ").map(str::to_string))
        .collect();
    let (paragraphs, summaries) = shipped_text(repo);
    let sections = ["Bối cảnh", "Giải pháp", "Nền tảng số", "Kết quả", "Bài học", "Đề xuất tiêu chí"];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for k in 0..n {
        let province = &provinces[k % provinces.len()];
        let j = k / provinces.len();
        let name = format!("{} {}", SYLLABLES[j % 40], SYLLABLES[(j / 40) % 40]);
        let slug = langso::slug::slugify(&name);
        let dir = content.join("pilots").join(province).join(&slug);
        std::fs::create_dir_all(&dir).unwrap();
        let mut body = String::new();
        for s in sections {
            body.push_str(&format!("## {s}\n\n"));
            for _ in 0..2 {
                body.push_str(&paragraphs[rng.next(paragraphs.len())]);
                body.push_str("\n\n");
            }
        }
        let topic = paragraphs[rng.next(paragraphs.len())].split(['.', ',']).next().unwrap().to_string();
        let index = format!(
            "---\ntitle: \"Xã {name}: {}\"\nsummary: {}\ndate: 2024-05-10\nauthors: [\"Văn phòng Điều phối\"]\n---\n\n{body}",
            topic.chars().take(80).collect::<String>().replace('"', "'"),
            summaries[rng.next(summaries.len())]
        );
        std::fs::write(dir.join("index.md"), index).unwrap();
        let f1 = FIELDS[rng.next(9)];
        let f2 = FIELDS[rng.next(9)];
        let fields = if f1 == f2 { f1.to_string() } else { format!("{f1}, {f2}") };
        let start = 2022 + rng.next(3);
        let metrics = format!(
            "commune: \"Xã {name}\"\nprovince: {province}\nfields: [{fields}]\nperiod: {{ start: {start}, end: {} }}\n\
             status: {}\nsample: true\nindicators:\n  commune_records_online_pct: {}\n",
            start + 1 + rng.next(3),
            STATUSES[rng.next(4)],
            rng.next(101)
        );
        std::fs::write(dir.join("metrics.yaml"), metrics).unwrap();
    }
}

fn gzip_size(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut child =
        Command::new("gzip").arg("-9").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("gzip on PATH");
    let mut stdin = child.stdin.take().unwrap();
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out.stdout.len()
}

/// CPU seconds this process used so far (all threads), from /proc: (user, user + system).
/// The machine is shared, so wall time says more about the neighbours than about the build;
/// system time (writing files) also swings with the neighbours' disk use, user time hardly.
fn cpu_seconds() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    let fields: Vec<&str> = stat.rsplit_once(") ").unwrap().1.split(' ').collect();
    let user = fields[11].parse::<f64>().unwrap() / 100.0;
    let system = fields[12].parse::<f64>().unwrap() / 100.0;
    (user, user + system)
}

/// `(after - before)` for both figures of `cpu_seconds`.
fn spent(before: (f64, f64)) -> (f64, f64) {
    let now = cpu_seconds();
    (now.0 - before.0, now.1 - before.1)
}

fn least(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0.min(b.0), a.1.min(b.1))
}

fn run(root: &Path, n: usize) {
    let out = root.join("public");
    let opts =
        BuildOptions { root: root.to_path_buf(), out: Some(out.clone()), base_url: None, force: false, cache: None };
    // The machine is shared: each figure is the least of five runs.
    let (mut total, mut index_time) = (f64::MAX, f64::MAX);
    let (mut total_cpu, mut index_cpu) = ((f64::MAX, f64::MAX), (f64::MAX, f64::MAX));
    let mut report = None;
    let mut index = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let cpu = cpu_seconds();
        let r = match build(&opts) {
            Ok(r) => r,
            Err(_) => panic!("the generated corpus did not build; run `langso check --root {}`", root.display()),
        };
        total = total.min(started.elapsed().as_secs_f64());
        total_cpu = least(total_cpu, spent(cpu));
        report = Some(r);
        // The index alone, on the same model, as the build makes it.
        let (site, _) = langso::load::load_site(root);
        let theme = langso::render::theme::Theme::load(root, "default", site.config.language).unwrap();
        let docs = langso::render::render_documents(&site, root, &mut Vec::new());
        let started = Instant::now();
        let cpu = cpu_seconds();
        index = search::index_files(&site, &docs.pilots, &theme.i18n);
        index_time = index_time.min(started.elapsed().as_secs_f64());
        index_cpu = least(index_cpu, spent(cpu));
    }
    let report = report.unwrap();
    let index_bytes: usize = index
        .iter()
        .map(|f| match &f.content {
            langso::output::Content::Bytes(b) => b.len(),
            langso::output::Content::Drawn(recipe) => recipe.draw().len(),
            langso::output::Content::Copy(_) | langso::output::Content::Reuse(_) => 0,
        })
        .sum();

    let read = |rel: &str| std::fs::read(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let js = gzip_size(&read("assets/search.js"));
    println!(
        "== {n} pilots: {} files, {:.1} MB, build {total:.2} s wall, {:.2} s user CPU, {:.2} s user+system",
        report.files,
        report.bytes as f64 / 1e6,
        total_cpu.0,
        total_cpu.1,
    );
    println!(
        "index: {} files, {:.1} MB raw, built in {index_time:.2} s wall, {:.2} s user CPU, {:.2} s user+system",
        index.len(),
        index_bytes as f64 / 1e6,
        index_cpu.0,
        index_cpu.1,
    );
    println!(
        "index ÷ rest of the build: {:.1} % of user CPU time, {:.1} % of user+system",
        100.0 * index_cpu.0 / (total_cpu.0 - index_cpu.0),
        100.0 * index_cpu.1 / (total_cpu.1 - index_cpu.1),
    );
    println!("search.js: {js} B gzipped");
    for q in QUERIES {
        let files = cold_query_files(&out, q);
        let mut sum = 0;
        let mut parts: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &files {
            let size = gzip_size(&read(f));
            sum += size;
            let kind = f.split('/').nth(2).filter(|k| k.len() == 1).unwrap_or("page");
            *parts.entry(kind).or_default() += size;
        }
        println!(
            "cold query {q:?}: {} files, {:.1} KB gzipped (page+css+js+manifest+facets {:.1} KB, lexicon {:.1}, terms {:.1}, entries {:.1})",
            files.len(),
            sum as f64 / 1024.0,
            parts.get("page").copied().unwrap_or(0) as f64 / 1024.0,
            parts.get("l").copied().unwrap_or(0) as f64 / 1024.0,
            parts.get("t").copied().unwrap_or(0) as f64 / 1024.0,
            parts.get("e").copied().unwrap_or(0) as f64 / 1024.0,
        );
    }
}

/// The files search.js fetches for `query` on a cold cache (same rules: every word's
/// shard, the last word completed from the lexicon to its five most frequent longer terms,
/// adjacent pairs, then the entries of the first 20 results).
fn cold_query_files(out: &Path, query: &str) -> Vec<String> {
    let json = |rel: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(out.join("search/index").join(rel)).unwrap()).unwrap()
    };
    let manifest = json("manifest.json");
    let bounds: Vec<String> =
        manifest["termBounds"].as_array().unwrap().iter().map(|b| b.as_str().unwrap().to_string()).collect();
    let lexicon_shards = manifest["lexiconShards"].as_u64().unwrap() as u32;
    let per_file = manifest["entriesPerFile"].as_u64().unwrap();
    let mut files: BTreeSet<String> =
        ["search/index.html", "assets/style.css", "assets/site.js", "assets/search.js"].map(String::from).into();
    files.insert("search/index/manifest.json".into());
    files.insert("search/index/facets.json".into());
    let words: Vec<String> = fold(query).split_whitespace().map(String::from).collect();
    let last = words.last().unwrap().clone();
    let lex_file = format!("l/{}.json", lexicon_shard(&last, lexicon_shards));
    files.insert(format!("search/index/{lex_file}"));
    let lex = json(&lex_file);
    let mut more: Vec<(&String, u64)> = lex
        .as_object()
        .unwrap()
        .iter()
        .filter(|(t, _)| t.starts_with(&last) && **t != last)
        .map(|(t, df)| (t, df.as_u64().unwrap()))
        .collect();
    more.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let last_terms: Vec<String> =
        std::iter::once(last.clone()).chain(more.iter().take(5).map(|m| m.0.clone())).collect();
    let mut terms: BTreeSet<String> = words.iter().cloned().chain(last_terms.iter().cloned()).collect();
    for i in 1..words.len() {
        let ends = if i == words.len() - 1 { last_terms.clone() } else { vec![words[i].clone()] };
        for e in ends {
            terms.insert(format!("{} {e}", words[i - 1]));
        }
    }
    // Score as the client does, roughly: the sum of weights of each word's best term.
    let mut scores: Option<BTreeMap<u64, u64>> = None;
    for (i, w) in words.iter().enumerate() {
        let candidates = if i == words.len() - 1 { last_terms.clone() } else { vec![w.clone()] };
        let mut mine: BTreeMap<u64, u64> = BTreeMap::new();
        for t in candidates {
            let shard = json(&format!("t/{}.json", term_shard(&t, &bounds)));
            if let Some(entry) = shard.get(&t) {
                let stride = if entry.get(2).is_some() { 3 } else { 2 };
                let mut doc = 0;
                for c in entry[1].as_array().unwrap().chunks(stride) {
                    doc += c[0].as_u64().unwrap();
                    let s = mine.entry(doc).or_default();
                    *s = (*s).max(c[1].as_u64().unwrap());
                }
            }
        }
        scores = Some(match scores {
            None => mine,
            Some(prev) => prev.into_iter().filter_map(|(d, s)| mine.get(&d).map(|m| (d, s + m))).collect(),
        });
    }
    for t in &terms {
        files.insert(format!("search/index/t/{}.json", term_shard(t, &bounds)));
    }
    let mut ranked: Vec<(u64, u64)> = scores.unwrap_or_default().into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (doc, _) in ranked.iter().take(20) {
        files.insert(format!("search/index/e/{}.json", doc / per_file));
    }
    files.into_iter().collect()
}
