//! What bounds `langso check` (issue 18, target 4): each stage of loading a site's pilots
//! alone, over every pilot folder of a site root, in parallel as `check` runs them.
//! `cargo run --release --example check_floor -- <root>`.

use std::path::Path;
use std::time::Instant;

use rayon::prelude::*;

fn main() {
    let root = std::env::args().nth(1).expect("a site root");
    let root = std::path::absolute(Path::new(&root)).unwrap();
    let mut dirs = Vec::new();
    for p in std::fs::read_dir(root.join("content/pilots")).unwrap().flatten() {
        for c in std::fs::read_dir(p.path()).unwrap().flatten() {
            dirs.push(c.path().strip_prefix(&root).unwrap().to_string_lossy().into_owned());
        }
    }
    dirs.sort();
    let files: Vec<String> = dirs.iter().flat_map(|d| [format!("{d}/index.md"), format!("{d}/metrics.yaml")]).collect();
    let time = |name: &str, f: &(dyn Fn(&str) -> usize + Sync)| {
        for _ in 0..2 {
            let t = Instant::now();
            let n: usize = files.par_iter().map(|r| f(r)).sum();
            println!("{name:<40} {:>7.0} ms  ({n})", t.elapsed().as_secs_f64() * 1000.0);
        }
    };
    let texts: Vec<String> = files.iter().map(|r| std::fs::read_to_string(root.join(r)).unwrap()).collect();
    let index: std::collections::HashMap<&str, usize> =
        files.iter().enumerate().map(|(i, f)| (f.as_str(), i)).collect();
    let text_of = |r: &str| &texts[index[r]];
    println!("{} files", files.len());
    time("lstat (absolute path)", &|r| std::fs::symlink_metadata(root.join(r)).map(|m| m.len() as usize).unwrap_or(0));
    time("std::fs::read", &|r| std::fs::read(root.join(r)).map(|b| b.len()).unwrap_or(0));
    time("read_text (guard, read, UTF-8, NFC)", &|r| {
        langso::load::source::read_text(&root, r, 1 << 22, &mut Vec::new()).map_or(0, |t| t.len())
    });
    time("YAML: front matter + metrics.yaml", &|r| {
        let t = text_of(r);
        let yaml = match r.ends_with(".md") {
            true => langso::load::source::split_front_matter(t, r).unwrap().yaml,
            false => t.as_str(),
        };
        langso::load::yaml::parse(yaml, r, 0).map_or(0, |_| 1)
    });
    time("YAML: metrics.yaml only", &|r| {
        if r.ends_with(".md") {
            return 0;
        }
        langso::load::yaml::parse(text_of(r), r, 0).map_or(0, |_| 1)
    });
    let opts = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_TASKLISTS;
    time("Markdown: pulldown-cmark events only", &|r| {
        if !r.ends_with(".md") {
            return 0;
        }
        let body = langso::load::source::split_front_matter(text_of(r), r).unwrap().body;
        pulldown_cmark::Parser::new_ext(body, opts).into_offset_iter().count()
    });
}
