//! The benchmarks' corpora: the performance issue's shared generator
//! (`shared/bench/gen_corpus.py`, Python's standard library only), so that every figure of
//! `cargo bench --bench build` and `--bench serve` is measured on the same pilots as the
//! peers' (Hugo, Zola) and as the issue's own figures: same seed, same Markdown bodies.
//! A corpus of N pilots is the first N pilots of any larger one with the same seed.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The seed of the performance issue's figures.
pub const SEED: u32 = 42;

/// `gen_corpus.py`: `$LANGSO_GEN_CORPUS` if set, else `shared/bench/gen_corpus.py` beside
/// the repository or beside any folder above it (a clone has `../shared`, a worktree of
/// `/work/main` in `/work/wt/NAME` finds `/work/shared`).
pub fn generator() -> PathBuf {
    if let Some(p) = std::env::var_os("LANGSO_GEN_CORPUS") {
        return PathBuf::from(p);
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    repo.ancestors().map(|a| a.join("shared/bench/gen_corpus.py")).find(|p| p.is_file()).unwrap_or_else(|| {
        eprintln!(
            "error: no shared/bench/gen_corpus.py beside {} or any folder above it; set LANGSO_GEN_CORPUS=PATH",
            repo.display()
        );
        std::process::exit(2)
    })
}

/// Writes `pilots` pilots of `flavor` (`langso`, `hugo` or `zola`) into `out`.
pub fn generate(pilots: usize, flavor: &str, out: &Path) {
    let status = Command::new("python3")
        .arg(generator())
        .args(["--pilots", &pilots.to_string(), "--seed", &SEED.to_string(), "--flavor", flavor, "--out"])
        .arg(out)
        .status()
        .unwrap_or_else(|e| panic!("cannot run python3 (the corpus generator needs it): {e}"));
    assert!(status.success(), "gen_corpus.py --flavor {flavor} failed: {status}");
}

/// The first pilot's folder relative to the site root (the one the edits change).
pub fn first_pilot(root: &Path) -> String {
    let first = |dir: &Path| {
        let mut names: Vec<_> =
            std::fs::read_dir(dir).expect("the corpus's pilots").flatten().map(|e| e.file_name()).collect();
        names.sort();
        names[0].to_string_lossy().into_owned()
    };
    let province = first(&root.join("content/pilots"));
    let commune = first(&root.join("content/pilots").join(&province));
    format!("content/pilots/{province}/{commune}")
}

/// The benchmarks' edit number `i` of `pilot`: `(file relative to the root, its new text)`.
/// A "text" edit adds a sentence to the case study, a "metric" edit changes the value of the
/// pilot's first indicator.
pub fn edited(root: &Path, pilot: &str, edit: &str, i: usize) -> (String, String) {
    if edit == "text" {
        let rel = format!("{pilot}/index.md");
        let text = std::fs::read_to_string(root.join(&rel)).expect("the pilot's text");
        let body = text.find("\n## ").expect("a section heading");
        let mut out = text.clone();
        out.insert_str(body, &format!("\n\nĐoạn sửa lần thứ {i}."));
        (rel, out)
    } else {
        let rel = format!("{pilot}/metrics.yaml");
        let text = std::fs::read_to_string(root.join(&rel)).expect("the pilot's metrics");
        let line = text.lines().skip_while(|l| *l != "indicators:").nth(1).expect("an indicator").to_string();
        let (key, _) = line.split_once(':').expect("key: value");
        let value = if line.contains("true") || line.contains("false") {
            i.is_multiple_of(2).to_string()
        } else {
            format!("{}", 1 + i)
        };
        (rel, text.replacen(&line, &format!("{key}: {value}"), 1))
    }
}
