//! The module graph stays a one-direction graph (ARCHITECTURE.md, "Dependency rule").
//!
//! Reads every file of the library under `src/`, finds every path that starts with
//! `crate::`, `super::` or `self::` (in `use` lines and inline, grouped imports
//! included; comments and string literals skipped), and builds two graphs from them:
//! one between the top-level modules (`src/diag.rs` and `src/diag/*` are both `diag`),
//! and, inside each folder at any depth, one between its child modules
//! (`render::views`, `render::criteria`, …, and `render::charts::strip`, …; the folder's
//! head file, `mod.rs` or `diag.rs`, gathers its children and is left out of that graph).
//! Any graph with a cycle fails the test, naming the cycle and the line of each edge. No parser crate:
//! a small tokenizer is enough for paths. The top-level modules must also keep to the
//! layers of `LAYERS`, the rule ARCHITECTURE.md states.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// One file of the library: its module path (`["render", "views"]`) and its text.
struct SourceFile {
    path: PathBuf,
    module: Vec<String>,
    text: String,
}

/// Where an edge was seen, to show in a failure.
#[derive(Clone)]
struct Evidence {
    file: PathBuf,
    line: usize,
    target: String,
}

#[derive(Debug, PartialEq)]
enum Token {
    Ident(String),
    PathSep,
    Open,
    Close,
    Comma,
    Other,
}

/// The library's files: everything under `src/` but the binary (`main.rs` and the
/// `cli.rs` it declares), which uses the library as `langso::` and so adds no edge.
fn library_files() -> Vec<SourceFile> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&src, &src, &mut files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn collect(src: &Path, dir: &Path, files: &mut Vec<SourceFile>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(src, &path, files);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(src).unwrap();
        let mut module: Vec<String> =
            relative.with_extension("").components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        if module.last().is_some_and(|m| m == "mod") {
            module.pop();
        }
        if module == ["lib"] || module == ["main"] || module == ["cli"] {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        files.push(SourceFile { path, module, text });
    }
}

/// Tokens with their line numbers; comments, strings and character literals dropped.
fn tokens(text: &str) -> Vec<(Token, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() {
            line += usize::from(c == '\n');
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
            }
        } else if c == 'r' && matches!(next, Some('"') | Some('#')) && raw_string_start(&chars, i) {
            // r"…", r#"…"#: ends at a quote followed by as many hashes as opened it.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars[j] == '#' {
                hashes += 1;
                j += 1;
            }
            j += 1;
            while j < chars.len() {
                if chars[j] == '"' && (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                line += usize::from(chars[j] == '\n');
                j += 1;
            }
            i = j;
            out.push((Token::Other, line));
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                line += usize::from(chars.get(i) == Some(&'\n'));
                i += 1;
            }
            i += 1;
            out.push((Token::Other, line));
        } else if c == '\'' {
            // A character literal ('a', '\n', '\u{202E}') or a lifetime ('a).
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
            out.push((Token::Other, line));
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            // b"…" and b'…' are byte literals: let the quote branches skip them.
            if word == "b" && matches!(chars.get(i), Some('"') | Some('\'')) {
                continue;
            }
            out.push((Token::Ident(word), line));
        } else if c == ':' && next == Some(':') {
            out.push((Token::PathSep, line));
            i += 2;
        } else {
            out.push((
                match c {
                    '{' => Token::Open,
                    '}' => Token::Close,
                    ',' => Token::Comma,
                    _ => Token::Other,
                },
                line,
            ));
            i += 1;
        }
    }
    out
}

/// Whether `r` at `i` opens a raw string rather than ending an identifier.
fn raw_string_start(chars: &[char], i: usize) -> bool {
    let preceded_by_word = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
    let mut j = i + 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    !preceded_by_word && chars.get(j) == Some(&'"')
}

/// Every absolute module path a file names, with its line.
fn paths_named(file: &SourceFile) -> Vec<(Vec<String>, usize)> {
    let tokens = tokens(&file.text);
    let mut found = Vec::new();
    // Inline modules (`mod tests { … }`) change what `super` and `self` mean; the paths
    // inside a `#[cfg(test)]` one are not counted (see `modules_form_no_cycle`).
    let mut inline: Vec<(String, usize, bool)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i].0 {
            Token::Open => depth += 1,
            Token::Close => {
                depth -= 1;
                if inline.last().is_some_and(|(_, d, _)| *d == depth) {
                    inline.pop();
                }
            }
            Token::Ident(word) if word == "mod" => {
                if let (Some((Token::Ident(name), _)), Some((Token::Open, _))) = (tokens.get(i + 1), tokens.get(i + 2))
                {
                    let ident = |k: usize| match i.checked_sub(k).map(|k| &tokens[k].0) {
                        Some(Token::Ident(w)) => Some(w.as_str()),
                        _ => None,
                    };
                    // `#[cfg(test)] mod name {`: `cfg` five tokens back, `test` three.
                    let test = ident(5) == Some("cfg") && ident(3) == Some("test");
                    inline.push((name.clone(), depth, test));
                }
            }
            Token::Ident(word)
                if matches!(word.as_str(), "crate" | "super" | "self")
                    && tokens.get(i + 1).is_some_and(|t| t.0 == Token::PathSep)
                    && (i == 0 || tokens[i - 1].0 != Token::PathSep) =>
            {
                let here: Vec<String> =
                    file.module.iter().cloned().chain(inline.iter().map(|(n, _, _)| n.clone())).collect();
                let mut named = Vec::new();
                i = path_at(&tokens, i, &here, Vec::new(), &mut named);
                if !inline.iter().any(|(_, _, test)| *test) {
                    found.extend(named);
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// Reads the path that starts at `tokens[i]` below `prefix` (a `{…}` group gives one
/// path per item) into `found`; returns the index after it.
fn path_at(
    tokens: &[(Token, usize)],
    mut i: usize,
    here: &[String],
    mut prefix: Vec<String>,
    found: &mut Vec<(Vec<String>, usize)>,
) -> usize {
    let line = tokens[i].1;
    // Inside a `{…}` group the path continues its prefix.
    let mut anchored = !prefix.is_empty();
    loop {
        match tokens.get(i).map(|t| &t.0) {
            Some(Token::Ident(word)) => {
                match word.as_str() {
                    "crate" if !anchored => anchored = true,
                    "self" if !anchored => {
                        prefix = here.to_vec();
                        anchored = true;
                    }
                    "self" => {}
                    "super" => {
                        if !anchored {
                            prefix = here.to_vec();
                            anchored = true;
                        }
                        prefix.pop();
                    }
                    _ => prefix.push(word.clone()),
                }
                i += 1;
                if tokens.get(i).map(|t| &t.0) == Some(&Token::PathSep) {
                    i += 1;
                    continue;
                }
                found.push((prefix, line));
                return i;
            }
            Some(Token::Open) => {
                i += 1;
                loop {
                    match tokens.get(i).map(|t| &t.0) {
                        Some(Token::Close) => return i + 1,
                        None => return i,
                        // `name as other`: the new name is no path.
                        Some(Token::Ident(word)) if word == "as" => i += 2,
                        Some(Token::Ident(_)) => i = path_at(tokens, i, here, prefix.clone(), found),
                        // `,` and `*` (a glob names the prefix itself).
                        Some(Token::Comma) => i += 1,
                        _ => {
                            found.push((prefix.clone(), tokens[i].1));
                            i += 1;
                        }
                    }
                }
            }
            _ => {
                found.push((prefix, line));
                return i;
            }
        }
    }
}

/// The graph between modules at one level: `parent` empty for the top level, or a
/// folder (`["render"]`, `["render", "charts"]`) whose children are compared.
fn graph(files: &[SourceFile], parent: &[String]) -> BTreeMap<String, BTreeMap<String, Evidence>> {
    let level = parent.len();
    let known: BTreeSet<String> = files
        .iter()
        .filter(|f| f.module.len() > level && f.module[..level] == *parent)
        .map(|f| f.module[level].clone())
        .collect();
    let mut edges: BTreeMap<String, BTreeMap<String, Evidence>> = BTreeMap::new();
    for file in files {
        if file.module.len() <= level || file.module[..level] != *parent {
            continue;
        }
        let from = &file.module[level];
        for (target, line) in paths_named(file) {
            if target.len() <= level || target[..level] != *parent {
                continue;
            }
            let to = &target[level];
            if to == from || !known.contains(to) {
                continue;
            }
            edges.entry(from.clone()).or_default().entry(to.clone()).or_insert_with(|| Evidence {
                file: file.path.clone(),
                line,
                target: target.join("::"),
            });
        }
    }
    edges
}

/// Every cycle's modules (strongly connected components of more than one module).
fn cycles(edges: &BTreeMap<String, BTreeMap<String, Evidence>>) -> Vec<Vec<String>> {
    let nodes: BTreeSet<&String> = edges.keys().chain(edges.values().flat_map(|m| m.keys())).collect();
    let reaches = |from: &String, to: &String| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            for next in edges.get(n).into_iter().flat_map(|m| m.keys()) {
                if next == to {
                    return true;
                }
                if seen.insert(next) {
                    stack.push(next);
                }
            }
        }
        false
    };
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for &n in &nodes {
        if done.contains(n) {
            continue;
        }
        let component: Vec<String> =
            nodes.iter().filter(|&&m| m == n || (reaches(n, m) && reaches(m, n))).map(|m| (*m).clone()).collect();
        done.extend(component.iter().cloned());
        if component.len() > 1 {
            out.push(component);
        }
    }
    out
}

/// A readable account of the cycles: each edge inside a cycle with where it is made.
fn describe(name: &str, edges: &BTreeMap<String, BTreeMap<String, Evidence>>, found: &[Vec<String>]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut text = String::new();
    for component in found {
        text += &format!("cycle in {name}: {}\n", component.join(" ⇄ "));
        for from in component {
            for (to, e) in edges.get(from).into_iter().flatten() {
                if component.contains(to) {
                    let file = e.file.strip_prefix(root).unwrap_or(&e.file);
                    text += &format!("  {from} → {to}  ({}:{} names {})\n", file.display(), e.line, e.target);
                }
            }
        }
    }
    text
}

/// The dependency rule of ARCHITECTURE.md: a top-level module may use only modules of
/// a lower layer. Leaves first; the commands last.
const LAYERS: [&[&str]; 9] = [
    &["model", "path_guard", "slug", "unicode"],
    &["numbers"],
    &["diag"],
    &["output", "photo", "portable"],
    &["load"],
    &["render"],
    &["diff", "pipeline"],
    &["build"],
    &["scaffold", "serve"],
];

#[test]
fn modules_use_only_lower_layers() {
    let files = library_files();
    let layer = |m: &str| LAYERS.iter().position(|l| l.contains(&m));
    let mut report = String::new();
    let modules: BTreeSet<&String> = files.iter().map(|f| &f.module[0]).collect();
    for m in modules {
        if layer(m).is_none() {
            report += &format!("{m} is in no layer: add it to LAYERS and ARCHITECTURE.md\n");
        }
    }
    for (from, tos) in graph(&files, &[]) {
        for (to, e) in tos {
            if let (Some(f), Some(t)) = (layer(&from), layer(&to))
                && t >= f
            {
                report += &format!(
                    "{from} (layer {f}) uses {to} (layer {t}): {}:{} names {}\n",
                    e.file.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(&e.file).display(),
                    e.line,
                    e.target
                );
            }
        }
    }
    assert!(report.is_empty(), "ARCHITECTURE.md, \"Dependency rule\":\n{report}");
}

/// No graph has a cycle, at the top level or inside any folder. The rule is for the code that ships: unit tests
/// (`#[cfg(test)] mod …`) may use any module, e.g. `raw_html`'s tests render whole
/// documents through `markdown`, which uses `raw_html`.
#[test]
fn modules_form_no_cycle() {
    let files = library_files();
    let top = graph(&files, &[]);
    let mut report = describe("src/", &top, &cycles(&top));
    let folders: BTreeSet<&[String]> =
        files.iter().flat_map(|f| (1..f.module.len()).map(move |k| &f.module[..k])).collect();
    for folder in folders {
        let inner = graph(&files, folder);
        report += &describe(&format!("src/{}/", folder.join("/")), &inner, &cycles(&inner));
    }
    assert!(report.is_empty(), "the module graph has cycles (ARCHITECTURE.md, \"Dependency rule\"):\n{report}");
}

/// The reader itself: a test that found no edge would pass on any tree.
#[test]
fn reader_finds_edges_of_every_kind() {
    let file = SourceFile {
        path: PathBuf::from("src/render/views.rs"),
        module: vec!["render".into(), "views".into()],
        text: r#"
            use crate::{diag::{self, Msg}, model::Site};
            use super::criteria::value_map;
            // use crate::output::Publisher;
            const S: &str = "crate::fault::x";
            fn f() { crate::search::index(); let c = '}'; }
            mod inner { use super::*; use super::super::theme::Theme; }
            #[cfg(test)]
            mod tests { use crate::serve::Server; }
        "#
        .into(),
    };
    let named: Vec<String> = paths_named(&file).into_iter().map(|(p, _)| p.join("::")).collect();
    assert_eq!(
        named,
        [
            "diag",
            "diag::Msg",
            "model::Site",
            "render::criteria::value_map",
            "search::index",
            "render::views",
            "render::theme::Theme",
        ]
    );
    let mut edges: BTreeMap<String, BTreeMap<String, Evidence>> = BTreeMap::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        edges
            .entry(from.into())
            .or_default()
            .insert(to.into(), Evidence { file: PathBuf::from("x.rs"), line: 1, target: to.into() });
    }
    assert_eq!(cycles(&edges), [["a", "b", "c"]]);
}
