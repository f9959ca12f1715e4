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
        let Ok(bytes) = std::fs::read(root.join(&d.path)) else { continue }; // a folder
        properties::assert_within_file(d, &String::from_utf8_lossy(&bytes));
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

/// Markdown pieces and hostile Markdown (no raw HTML): links, images, autolinks and
/// reference definitions with `javascript:`, `vbscript:` and `data:` URLs in case,
/// control-character and percent spellings.
#[rustfmt::skip]
const HOSTILE_MARKDOWN: &[&str] = &[
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](<java\tscript:alert(1)>)", "[v](vbscript:msgbox(1))",
    "![i](data:image/svg+xml,<svg/onload=alert(1)>)", "[d](data:text/html,alert(1))", "[e](javascript&#58;alert(1))",
    "[f]( javascript:alert(1) \"t\")", "[g](\u{1}javascript:alert(1))", "[h](%6Aavascript:alert(1))", "[i](java\\script:x)",
    "<javascript:alert(1)>", "<VBSCRIPT:x>", "<data:text/html,x>", "[r]: javascript:alert(1)\n", "[r]: <data:,x> \"t\"\n",
    "[r]", "[a][r]", "![b][r]", "[^1]", "[^1]: ", "\n\n", "\n", "# ", "> ", "- ", "1. ", "```\n", "`", "*", "_", "[", "](",
    ")", "!", "\"", "'", "| a | b |\n|---|---|\n", "    ", "Đồng Tháp ", "chữ ", "onload=x ",
];

/// Raw HTML that tries the same: script, handlers and script URLs, hidden by entities,
/// case, controls and the HTML parser's own rules.
#[rustfmt::skip]
const HOSTILE_HTML: &[&str] = &[
    "<script>alert(1)</script>", "<SCRIPT SRC=//x>", "<img src=x onerror=alert(1)>", "<div onmouseover=\"alert(1)\">",
    "<a href=\"&#106;avascript:alert(1)\">", "<a href='&#x6A;avascript&colon;alert(1)'>", "<a href=\"\u{1}javascript:alert(1)\">",
    "<a href=\" java&Tab;script:alert(1)\">", "<svg><script>alert(1)</script></svg>", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<textarea><!--</textarea><script>alert(1)</script>-->", "<iframe src=javascript:alert(1)>", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<form action=javascript:alert(1)><button>", "<object data=data:text/html,x>", "<base href=javascript:/>", "<img srcset=\"javascript:alert(1) 1x\">",
    "<a href=\"%6Aavascript:alert(1)\">", "<input type=checkbox onfocus=alert(1) autofocus>", "<!--", "-->", "<![CDATA[", "]]>",
    "&lt;script&gt;", "<div>", "</div>", "<a href=\"", "<img src=", "<", ">", "=",
    "<blockquote cite=\"javascript:alert(1)\">", "<q cite=' JaVa&#x53;cript:alert(1)'>", "<del cite=data:text/html,x>",
    "<div id=\"main\" class=\"theme-official\">", "<a name=metrics>", "<a href=\"#main\">",
];

/// Characters that stress folding: Vietnamese letters in both cases and both normal forms,
/// the đ family, combining marks alone, and letters whose case mapping changes length or context.
#[rustfmt::skip]
const FOLDING_CHARS: &[char] = &[
    'Đ', 'đ', 'Ð', 'ð', 'Ặ', 'ặ', 'Ữ', 'ữ', 'Ơ', 'ơ', 'Ư', 'ư', 'Ỳ', 'ỹ', 'A', 'z', '0', '9', ' ', '-', '_', '.',
    '\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}', '\u{302}', '\u{306}', '\u{31b}', '\u{338}',
    'İ', 'ẞ', 'ß', 'Σ', 'ς', 'ǅ', 'Å', 'K', 'Ω', 'ﬁ', 'Ⅷ', '𝐀', 'Ά', '\u{345}', 'ᾼ', '\u{feff}', '\u{200d}', '–',
];

fn folding_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![3 => prop::sample::select(FOLDING_CHARS), 1 => any::<char>()], 0..24)
        .prop_map(|chars| chars.into_iter().collect())
}

/// Renders `markdown` as a pilot's case study; panics if the HTML has anything executable.
fn assert_safe_html(markdown: String) {
    let doc = langso::model::Document {
        path: "content/pilots/an-giang/thoai-giang/index.md".into(),
        dir: "content/pilots/an-giang/thoai-giang".into(),
        markdown,
        line_offset: 0,
    };
    let targets = langso::render::markdown::LinkTargets::default();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
    let html = langso::render::render_document(&doc, &root, &targets, "/", langso::render::Need::Page).0.html;
    if let Some(problem) = html_safety::unsafe_html(&html) {
        panic!("{problem} in the HTML of {:?}:\n{html}", doc.markdown);
    }
    // Raw HTML takes none of the page's ids (`main`, `metrics`) and none of the theme's classes.
    // (Every `<` of the HTML opens a tag: text has `&lt;`.)
    let tags: Vec<&str> = html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or(t)).collect();
    for taken in ["id=\"main\"", "name=\"metrics\"", "theme-official"] {
        assert!(!tags.iter().any(|t| t.contains(taken)), "{taken} in the HTML of {:?}:\n{html}", doc.markdown);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// What the `markdown` fuzz target checks, on random documents of hostile Markdown and raw HTML.
    #[test]
    fn sanitized_markdown_has_no_script_handler_or_script_url(
        pieces in prop::collection::vec(prop::sample::select([HOSTILE_MARKDOWN, HOSTILE_HTML].concat()), 1..30)
    ) {
        assert_safe_html(pieces.concat());
    }

    /// The same for documents without raw HTML, which do not need the HTML sanitizer.
    #[test]
    fn markdown_without_raw_html_has_no_script_url(pieces in prop::collection::vec(prop::sample::select(HOSTILE_MARKDOWN), 1..30)) {
        assert_safe_html(pieces.concat());
    }

    /// What the `fold` fuzz target checks.
    #[test]
    fn folding_is_idempotent_and_slugs_are_well_formed(text in folding_text()) {
        properties::assert_folding_properties(&text);
    }
}

/// The checker the sanitizer property relies on sees through the spellings a browser accepts.
#[test]
fn the_html_checker_finds_obfuscated_script() {
    for bad in [
        "<ScRiPt>alert(1)</script>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "<textarea><!--</textarea><script>alert(1)</script>-->",
        "<img src=x OnError=alert(1)>",
        "<a href=\"&#106;ava&#x73;cript&colon;alert(1)\">x</a>",
        "<a href=\" \u{1}java&Tab;script:alert(1)\">x</a>",
        "<a href=\"VBScript:x\">x</a>",
        "<img src=\"DATA:image/png,x\">",
        "<img srcset=\"a.png 1x, javascript:alert(1) 2x\">",
        "<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
    ] {
        assert!(html_safety::unsafe_html(bad).is_some(), "not found in {bad:?}");
    }
    for good in [
        "<p>javascript: là gì? <code>&lt;script&gt;</code></p>",
        "<a href=\"/ntm/pilots/\" rel=\"noopener noreferrer\">on</a>",
        "<img src=\"so-do.svg\" alt=\"onload=x\">",
        "<div class=\"table-scroll\" tabindex=\"0\"><table></table></div>",
    ] {
        assert_eq!(html_safety::unsafe_html(good), None, "{good:?}");
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
