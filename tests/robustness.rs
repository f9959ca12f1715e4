//! No input makes loading panic or point outside the file: random and mutated
//! metrics.yaml and front matter go through the real loader and Markdown checks
//! (in process, for speed), and every diagnostic must lie within its file. The case
//! count stays modest so CI stays fast; `fuzz/` covers the same entry point for longer
//! runs (see CONTRIBUTING.md).

mod common;

use std::path::Path;

use common::*;
use proptest::prelude::*;

const METRICS: &str = "content/pilots/an-giang/thoai-giang/metrics.yaml";
const INDEX: &str = "content/pilots/an-giang/thoai-giang/index.md";

/// Pieces that stress YAML, front matter and text handling.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "{", "}", "[", "]", ":", ": ", "- ", "#", "\"", "'", "&a ", "*a", "!!str ", "\t", "\r\n", "\n", "---\n", "\u{feff}",
    "o\u{301}", "\0", "\u{ff}", "  ", "|\n", ">-\n", "? ", "value: ", "year: 99999999999999999999", "1e999", "-5",
    "<script>", "](/x)", "![a](", "## ", "\u{10ffff}", "ồ", "null", "~",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, usize),
    Delete(usize, usize),
    DuplicateLine(usize),
    Byte(usize, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Edit::Insert(at, t)),
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
        any::<usize>().prop_map(Edit::DuplicateLine),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Byte(at, b)),
    ]
}

fn mutate(seed: &str, edits: &[Edit]) -> Vec<u8> {
    let mut bytes = seed.as_bytes().to_vec();
    for e in edits {
        let len = bytes.len().max(1);
        match *e {
            Edit::Insert(at, t) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, TOKENS[t].bytes());
            }
            Edit::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            Edit::DuplicateLine(at) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let lines: Vec<&str> = text.split_inclusive('\n').collect();
                if !lines.is_empty() {
                    let i = at % lines.len();
                    let mut out: Vec<&str> = lines.clone();
                    out.insert(i, lines[i]);
                    bytes = out.concat().into_bytes();
                }
            }
            Edit::Byte(at, b) => {
                if !bytes.is_empty() {
                    let at = at % bytes.len();
                    bytes[at] = b;
                }
            }
        }
    }
    bytes
}

/// Loads and checks the site; panics if a diagnostic lies outside its file.
fn check_in_process(root: &Path) -> Vec<langso::diag::Diagnostic> {
    let (site, mut diags) = langso::load::load_site(root);
    langso::render::render_documents(&site, root, &mut diags);
    for d in &diags {
        assert!(d.line >= 1 && d.column >= 1, "{d:?}");
        let Ok(bytes) = std::fs::read(root.join(&d.path)) else { continue }; // a folder
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.split('\n').collect();
        assert!(d.line <= lines.len(), "line {} of {} lines: {d:?}", d.line, lines.len());
        let chars = lines[d.line - 1].chars().count();
        assert!(d.column <= chars + 1, "column {} of {chars} characters: {d:?}", d.column);
    }
    diags
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(64)
}

fn site() -> TestSite {
    TestSite::from_fixture("tests/fixtures/minimal")
}

proptest! {
    // 64 cases each in CI; more with `PROPTEST_CASES=5000 cargo test --release --test robustness`.
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_metrics_never_panic_and_stay_located(edits in prop::collection::vec(edit(), 1..12)) {
        let site = site();
        let bytes = mutate(&site.read(METRICS), &edits);
        std::fs::write(site.root().join(METRICS), bytes).unwrap();
        check_in_process(site.root());
    }

    #[test]
    fn mutated_front_matter_never_panics_and_stays_located(edits in prop::collection::vec(edit(), 1..12)) {
        let site = site();
        let text = site.read(INDEX);
        let split = text.match_indices("---\n").nth(1).map(|(i, _)| i + 4).unwrap();
        let mut bytes = mutate(&text[..split], &edits);
        bytes.extend_from_slice(&text.as_bytes()[split..]);
        std::fs::write(site.root().join(INDEX), bytes).unwrap();
        check_in_process(site.root());
    }

    #[test]
    fn random_bytes_never_panic(metrics in prop::collection::vec(any::<u8>(), 0..600), index in prop::collection::vec(any::<u8>(), 0..600)) {
        let site = site();
        std::fs::write(site.root().join(METRICS), metrics).unwrap();
        std::fs::write(site.root().join(INDEX), index).unwrap();
        check_in_process(site.root());
    }
}

const FRONT: &str = "---\ntitle: \"A\"\nsummary: \"B\"\ndate: 2024-01-01\n---\n";

/// The inputs the issue names, once each: alias bombs, deep nesting (of YAML, Markdown and
/// HTML), a huge file, NUL bytes, BOM and CRLF (accepted), NFD text.
#[test]
fn hostile_inputs_are_diagnosed_not_fatal() {
    let cases: Vec<(&str, Vec<u8>, Option<&str>)> = vec![
        (METRICS, format!("a: {}1{}\n", "[".repeat(5000), "]".repeat(5000)).into_bytes(), Some("yaml-too-complex")),
        (METRICS, format!("a: {}\n", "{b: ".repeat(3000)).into_bytes(), None),
        (METRICS, "# x\n".repeat(100_000).into_bytes(), Some("file-too-large")),
        (METRICS, b"commune: \"X\0\"\n".to_vec(), Some("nul-byte")),
        (INDEX, b"\xef\xbb\xbf---\r\ntitle: \"A\"\r\nsummary: \"B\"\r\ndate: 2024-01-01\r\n---\r\n\r\n## B\xe1\xbb\x91i c\xe1\xba\xa3nh\r\n".to_vec(), None),
        (INDEX, "---\ntitle: \"Ho\u{300}a\"\nsummary: \"x\"\ndate: 2024-01-01\n---\n".as_bytes().to_vec(), Some("not-nfc")),
        (INDEX, format!("{FRONT}\n{}x\n", ">".repeat(200_000)).into_bytes(), Some("markdown-too-deep")),
        (INDEX, format!("{FRONT}\n{}x\n", "<div>".repeat(200_000)).into_bytes(), Some("markdown-too-deep")),
    ];
    for (rel, bytes, code) in cases {
        let site = site();
        std::fs::write(site.root().join(rel), &bytes).unwrap();
        let diags = check_in_process(site.root());
        if let Some(code) = code {
            assert!(diags.iter().any(|d| d.code == code), "{code} expected, got {diags:?}");
        }
        if rel == INDEX && code.is_none() {
            assert!(diags.iter().all(|d| d.path != INDEX || !d.is_error()), "BOM and CRLF are accepted: {diags:?}");
        }
    }
}
