//! The adversarial corpus: every folder of `tests/fixtures/hostile/` is one attack on a
//! site root (its `README` says which), laid over `tests/fixtures/minimal` like the
//! `check` fixtures, built by the real binary, and held to its exact outcome: the
//! diagnostics its `expect` names (and no other error), or what the published files must
//! and must not contain. Then every case's whole output is scanned: nothing executable
//! that the theme did not put there (`common::scan`), and not one byte of the secret
//! files planted beside the site root, which the symbolic links and `..` paths of the
//! corpus point at.
//!
//! `expect` lines (in paths and texts `\n`, `\t`, `\0`, `\\`, `\xNN` (a raw byte) and
//! `\u{…}` are escapes; `{secret}` is the secret folder's absolute path):
//! - `error|warning CODE PATH:LINE:COLUMN`: reported there; a build with an error
//!   publishes nothing, and every error reported must be listed;
//! - `contains|lacks FILE TEXT`: a published file holds, or does not hold, `TEXT`;
//! - `report-lacks TEXT`: the build's report does not hold `TEXT`;
//! - `review-lacks TEXT`: neither the pull-request comment (`langso diff` from
//!   `tests/fixtures/minimal` to the case, Markdown) nor the annotations (`check --format
//!   github`) hold `TEXT`;
//! - `exit 2 TEXT`: the build stops as a usage or I/O failure whose message holds `TEXT`;
//! - set-up: `base CASE` (that case's files laid first), `append PATH TEXT`, `write PATH TEXT`, `repeat PATH COUNT TEXT` (appended
//!   COUNT times), `size PATH BYTES` (a sparse file), `delete PATH`, `dir PATH`,
//!   `symlink PATH TARGET`, `fifo PATH` (a named pipe: opening it would wait for a writer),
//!   `socket PATH` (a Unix socket), `args ARG…` (more arguments for `build`, split at spaces).

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::scan::{ThemeAllowance, executable_content, html_findings, xml_findings};
use common::*;

const CORPUS: &str = "tests/fixtures/hostile";
/// Planted outside the site root; no published byte may come from there.
const MARKER: &str = "LANGSO-HOSTILE-SECRET-5d1c";
const BASE: &str = "/ntm/";

/// The secret folder: a copy of the minimal site's content with the marker in every file
/// (so that a followed link would publish it), a plain secret file and a theme.
fn plant_secret(dir: &Path) {
    copy_dir(&repo_root().join("tests/fixtures/minimal/content"), &dir.join("content"));
    for entry in walkdir::WalkDir::new(dir.join("content")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let text = match name.as_ref() {
            "site.yaml" => text.replace("Thử nghiệm langso", MARKER),
            "provinces.yaml" => text.replacen("name: Ninh Bình", &format!("name: {MARKER}"), 1),
            "fields.yaml" => text.replace("Trường học số.", MARKER),
            "indicators.yaml" | "regions.yaml" => text.replacen("\", en:", &format!(" {MARKER}\", en:"), 1),
            "metrics.yaml" => text.replace("Giao Thủy", MARKER).replace("Báo An Giang", MARKER),
            "so-do.svg" => text.replace("Trường học", MARKER),
            _ if name.ends_with(".md") => format!("{text}\n{MARKER}\n"),
            _ => text,
        };
        // On the first line too, where a diagnostic about the file points and its report quotes.
        let text = if name.ends_with(".yaml") { format!("# {MARKER}\n{text}") } else { text };
        assert!(text.contains(MARKER), "{}", path.display());
        std::fs::write(path, text).unwrap();
    }
    std::fs::write(dir.join("secret.txt"), format!("{MARKER}\n")).unwrap();
    std::fs::create_dir_all(dir.join("theme/static")).unwrap();
    std::fs::write(dir.join("theme/static/leak.css"), format!("/* {MARKER} */\n")).unwrap();
}

/// `\n`, `\t`, `\0`, `\\`, `\xNN` and `\u{…}` in `s`, as bytes.
fn unescape(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buf = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        match chars.next() {
            Some('n') => out.push(b'\n'),
            Some('t') => out.push(b'\t'),
            Some('r') => out.push(b'\r'),
            Some('0') => out.push(0),
            Some('s') => out.push(b' '),
            Some('\\') => out.push(b'\\'),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(u8::from_str_radix(&hex, 16).unwrap());
            }
            Some('u') => {
                let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                let c = char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap();
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            other => panic!("unknown escape \\{other:?} in `{s}`"),
        }
    }
    out
}

#[cfg(unix)]
fn path_of(root: &Path, rel: &str) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    root.join(std::ffi::OsStr::from_bytes(&unescape(rel)))
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// One case laid out: `tmp/site` (the site root) and `tmp/secret` beside it.
struct Case {
    name: String,
    tmp: tempfile::TempDir,
    expected: Vec<(String, String, String)>,
    contains: Vec<(String, String)>,
    lacks: Vec<(String, String)>,
    report_lacks: Vec<String>,
    review_lacks: Vec<String>,
    /// `exit 2 TEXT`: the build fails as a usage or I/O failure saying `TEXT`.
    failure: Option<String>,
    /// `args …`: more arguments for `build`.
    args: Vec<String>,
}

impl Case {
    fn root(&self) -> PathBuf {
        self.tmp.path().join("site")
    }

    fn secret(&self) -> PathBuf {
        self.tmp.path().join("secret")
    }

    fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    fn set_up(name: &str) -> Case {
        let tmp = tempfile::tempdir().unwrap();
        let mut case = Case {
            name: name.to_string(),
            tmp,
            expected: Vec::new(),
            contains: Vec::new(),
            lacks: Vec::new(),
            report_lacks: Vec::new(),
            review_lacks: Vec::new(),
            failure: None,
            args: Vec::new(),
        };
        let (root, secret) = (case.root(), case.secret());
        copy_dir(&repo_root().join("tests/fixtures/minimal/content"), &root.join("content"));
        plant_secret(&secret);
        let dir = repo_root().join(CORPUS).join(name);
        let expect = std::fs::read_to_string(dir.join("expect")).unwrap_or_else(|e| panic!("{name}/expect: {e}"));
        // `base CASE` lays another case's files first.
        let bases = expect.lines().filter_map(|l| l.strip_prefix("base ")).map(|b| repo_root().join(CORPUS).join(b));
        for dir in bases.chain([dir.clone()]) {
            for sub in ["content", "themes"] {
                if dir.join(sub).is_dir() {
                    copy_dir(&dir.join(sub), &root.join(sub));
                }
            }
        }
        let readme = std::fs::read_to_string(dir.join("README")).unwrap_or_else(|e| panic!("{name}/README: {e}"));
        assert_eq!(readme.trim().lines().count(), 1, "{name}/README: one line saying what the case attacks");
        let secret_path = secret.to_str().unwrap().to_string();
        for line in expect.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
            let line = line.replace("{secret}", &secret_path);
            let (word, rest) = line.split_once(' ').unwrap_or((&line, ""));
            let (first, text) = rest.split_once(' ').unwrap_or((rest, ""));
            let path = path_of(&root, first);
            let create_parent = |p: &Path| std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            match word {
                "base" => {}
                "error" | "warning" => case.expected.push((
                    word.to_string(),
                    first.to_string(),
                    String::from_utf8(unescape(text)).unwrap(),
                )),
                "contains" => case.contains.push((first.to_string(), String::from_utf8(unescape(text)).unwrap())),
                "exit" if first == "2" => case.failure = Some(text.to_string()),
                "report-lacks" => case.report_lacks.push(String::from_utf8(unescape(rest)).unwrap()),
                "review-lacks" => case.review_lacks.push(String::from_utf8(unescape(rest)).unwrap()),
                "lacks" => case.lacks.push((first.to_string(), String::from_utf8(unescape(text)).unwrap())),
                "append" => {
                    let mut f = std::fs::OpenOptions::new().append(true).open(&path).unwrap();
                    f.write_all(&unescape(text)).unwrap();
                }
                "write" => {
                    create_parent(&path);
                    std::fs::write(&path, unescape(text)).unwrap();
                }
                "repeat" => {
                    let (count, piece) = text.split_once(' ').unwrap();
                    let piece = unescape(piece);
                    let mut bytes = std::fs::read(&path).unwrap_or_default();
                    for _ in 0..count.parse::<usize>().unwrap() {
                        bytes.extend_from_slice(&piece);
                    }
                    create_parent(&path);
                    std::fs::write(&path, bytes).unwrap();
                }
                "size" => {
                    create_parent(&path);
                    let f = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).unwrap();
                    f.set_len(text.parse().unwrap()).unwrap();
                }
                "delete" if path.is_dir() => std::fs::remove_dir_all(&path).unwrap(),
                "delete" => std::fs::remove_file(&path).unwrap(),
                "dir" => std::fs::create_dir_all(&path).unwrap(),
                "symlink" => {
                    create_parent(&path);
                    symlink(&PathBuf::from(String::from_utf8(unescape(text)).unwrap()), &path);
                }
                "fifo" => {
                    create_parent(&path);
                    let _ = std::fs::remove_file(&path);
                    let made = std::process::Command::new("mkfifo").arg(&path).status().expect("mkfifo");
                    assert!(made.success(), "{name}: mkfifo {}", path.display());
                }
                #[cfg(unix)]
                "socket" => {
                    create_parent(&path);
                    let _ = std::fs::remove_file(&path);
                    // The socket file stays when the listener is dropped.
                    drop(std::os::unix::net::UnixListener::bind(&path).unwrap());
                }
                "args" => case.args.extend(rest.split(' ').map(|a| String::from_utf8(unescape(a)).unwrap())),
                _ => panic!("{name}/expect: cannot read `{line}`"),
            }
        }
        case
    }

    /// Builds the case and returns what went wrong, if anything.
    fn run(&self, theme: &ThemeAllowance) -> Vec<String> {
        let name = &self.name;
        let root = self.root();
        let mut args = vec!["build", "--root", root.to_str().unwrap()];
        args.extend(self.args.iter().map(String::as_str));
        let o = langso(&args);
        let err = stderr(&o);
        let mut failures = Vec::new();
        let mut fail = |s: String| failures.push(format!("{name}: {s}"));
        for text in &self.report_lacks {
            if err.contains(text.as_str()) {
                fail(format!("the build's report holds {text:?}"));
            }
        }
        if let Some(text) = &self.failure {
            if o.status.code() != Some(2) || !err.contains(text.as_str()) || self.out().exists() {
                fail(format!("expected exit 2 saying `{text}`, got {:?}:\n{err}", o.status.code()));
            }
            failures.extend(scan_output(&self.root(), theme).into_iter().map(|s| format!("{name}: {s}")));
            return failures;
        }
        if err.contains("panicked") || !matches!(o.status.code(), Some(0 | 1)) {
            fail(format!("exit {:?}:\n{err}", o.status.code()));
            return failures;
        }
        let found = diagnostics(&err);
        for (severity, code, at) in &self.expected {
            if !found.iter().any(|(s, c, a)| s == severity && c == code && a == at) {
                fail(format!("expected {severity}[{code}] at {at}; reported {found:?}"));
            }
        }
        for (s, c, a) in found.iter().filter(|(s, _, _)| s == "error") {
            if !self.expected.iter().any(|(es, ec, ea)| es == s && ec == c && ea == a) {
                fail(format!("unexpected error[{c}] at {a}"));
            }
        }
        let errors = self.expected.iter().any(|(s, _, _)| s == "error");
        if errors != (o.status.code() == Some(1)) {
            fail(format!("exit {:?} with expected errors={errors}:\n{err}", o.status.code()));
        }
        if errors && self.out().exists() {
            fail("a build with errors published files".into());
        }
        if String::from_utf8_lossy(&o.stdout).contains(MARKER) || err.contains(MARKER) {
            fail("the secret reached the build's report".into());
        }
        if !self.review_lacks.is_empty() {
            let (minimal, root) = (repo_root().join("tests/fixtures/minimal"), self.root());
            let comment = langso(&["diff", minimal.to_str().unwrap(), root.to_str().unwrap()]);
            let annotations = langso(&["check", "--root", root.to_str().unwrap(), "--format", "github"]);
            let comment = String::from_utf8_lossy(&comment.stdout).into_owned();
            let annotations = String::from_utf8_lossy(&annotations.stdout).into_owned();
            if !comment.starts_with("## ") {
                fail(format!("no review to read:\n{comment}\n{annotations}"));
            }
            for text in &self.review_lacks {
                if comment.contains(text.as_str()) {
                    fail(format!("the comment holds {text:?}:\n{comment}"));
                }
                if annotations.contains(text.as_str()) {
                    fail(format!("the annotations hold {text:?}:\n{annotations}"));
                }
            }
        }
        for (file, text) in &self.contains {
            let published = std::fs::read_to_string(path_of(&self.out(), file)).unwrap_or_default();
            if !published.contains(text.as_str()) {
                fail(format!("{file} lacks `{text}`"));
            }
        }
        for (file, text) in &self.lacks {
            let published = std::fs::read_to_string(path_of(&self.out(), file)).unwrap_or_default();
            if published.contains(text.as_str()) {
                fail(format!("{file} holds `{text}`"));
            }
        }
        for s in scan_output(&self.root(), theme) {
            fail(s);
        }
        failures
    }
}

/// `(severity, code, path:line:column)` of every diagnostic in a human report.
fn diagnostics(text: &str) -> Vec<(String, String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for severity in ["error", "warning"] {
            let Some(rest) = line.strip_prefix(severity).and_then(|r| r.strip_prefix('[')) else { continue };
            let Some((code, _)) = rest.split_once(']') else { continue };
            // The place is on the first `-->` line after the header (a message may span lines).
            let at = lines[i + 1..]
                .iter()
                .find_map(|l| l.trim().strip_prefix("--> "))
                .map(str::to_string)
                .unwrap_or_default();
            out.push((severity.to_string(), code.to_string(), at));
        }
    }
    out
}

/// Everything wrong in the site root after a build: executable content in any published
/// file, the secret marker in any file of the root (output, staging folder, anything).
fn scan_output(root: &Path, theme: &ThemeAllowance) -> Vec<String> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
        if entry.file_type().is_dir() && rel.contains("langso-staging") {
            found.push(format!("staging folder left behind: {rel}"));
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        if bytes.windows(MARKER.len()).any(|w| w == MARKER.as_bytes()) {
            found.push(format!("{rel} holds bytes of the secret file outside the site root"));
        }
        if let Some(published) = rel.strip_prefix("public/") {
            for f in executable_content(published, &bytes, theme, BASE) {
                found.push(format!("{rel}: {f}"));
            }
        }
    }
    found
}

fn theme() -> ThemeAllowance {
    ThemeAllowance::from_templates(&repo_root().join("themes/default/templates"))
}

fn case_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo_root().join(CORPUS))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn every_hostile_case_has_its_exact_outcome_and_a_clean_output() {
    let names = case_names();
    assert!(names.len() >= 30, "{names:?}");
    let theme = theme();
    // Two builds at a time: the cases are independent site roots.
    let failures: Vec<String> = std::thread::scope(|s| {
        let chunks: Vec<Vec<String>> = names.chunks(names.len().div_ceil(2)).map(|c| c.to_vec()).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let theme = &theme;
                s.spawn(move || chunk.iter().flat_map(|n| Case::set_up(n).run(theme)).collect::<Vec<_>>())
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_scanner_sees_what_a_browser_would_run() {
    let theme = theme();
    let clean = "<script type=\"module\" src=\"/ntm/assets/site.js\"></script>\
        <script type=\"application/ld+json\">{\"a\":\"\\u003c\"}</script>\
        <form role=\"search\" action=\"/ntm/search/\" method=\"get\"></form><a href=\"/ntm/x/\">x</a>\
        <title><script>alert(1)</script></title>";
    assert_eq!(html_findings(clean, &theme, BASE), Vec::<String>::new());
    for bad in [
        "<script>alert(1)</script>",
        "<script type=\"module\" src=\"/ntm/assets/evil.js\"></script>",
        "<script type=\"module\" src=\"/ntm/assets/site.js\">alert(1)</script>",
        "<script type=\"application/ld+json\">{\"a\":\"</script><script>alert(1)//\"}</script>",
        "<img src=x OnError=alert(1)>",
        "<a href=\"jav&#x61;script:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\" JaVa&#9;ScRiPt:alert(1)\">x</a>",
        "<a href=\"vbscript:x\">x</a>",
        "<a href=\"data:text/html,x\">x</a>",
        "<iframe src=\"/x\"></iframe>",
        "<object data=\"x\"></object>",
        "<embed src=\"x\">",
        "<base href=\"//evil.test/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=//evil.test\">",
        "<form action=\"//evil.test/\"></form>",
        "<svg><script>alert(1)</script></svg>",
        "<img srcset=\"data:image/svg+xml,x 1x\">",
        "<button formaction=\"javascript:alert(1)\">x</button>",
    ] {
        assert!(!html_findings(bad, &theme, BASE).is_empty(), "missed {bad}");
    }
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><s:script xmlns:s=\"http://www.w3.org/2000/svg\"/></svg>";
    assert!(!xml_findings(svg).is_empty());
    assert!(
        !xml_findings("<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"java&#x09;script:x\"/></svg>").is_empty()
    );
    assert!(!xml_findings("<feed><title>a</title><b></feed>").is_empty(), "broken XML is reported");
    let site_js = std::fs::read(repo_root().join("themes/default/static/site.js")).unwrap();
    assert!(executable_content("assets/site.js", &site_js, &theme, BASE).is_empty());
    assert!(
        !executable_content("pilots/a/b/site.js", &site_js, &theme, BASE).is_empty(),
        "only where the theme puts it"
    );
    assert!(!executable_content("assets/site.js", b"alert(1)", &theme, BASE).is_empty());
    assert!(!executable_content("pilots/a/b/X.MJS", b"alert(1)", &theme, BASE).is_empty());
    assert!(!executable_content("pilots/a/b/a.HTM", b"<script>alert(1)</script>", &theme, BASE).is_empty());
}

/// The strings case once more, read as a spreadsheet, a JSON parser, a feed reader and an
/// SVG viewer would read it: every hostile string arrives intact as data, and nowhere as markup
/// or a formula.
#[cfg(unix)]
#[test]
fn hostile_strings_arrive_as_data_in_feeds_downloads_charts_and_the_search_index() {
    let case = Case::set_up("strings");
    let failures = case.run(&theme());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let out = case.out();
    let title = "<script>alert('title')</script>\"'></title></script>";
    let commune = "=HYPERLINK(\"http://evil.test\",\"Xã A\")";
    let province = "Ninh Bình</title></text><script>alert('prov')</script>";

    let mut formulas = 0;
    for (path, bytes) in tree(&out).into_iter().filter(|(p, _)| p.ends_with(".csv")) {
        for cell in csv_cells(std::str::from_utf8(&bytes).unwrap().trim_start_matches('\u{feff}')) {
            let bare = cell.strip_prefix('\'').unwrap_or(&cell);
            let formula = bare.starts_with(['\t', '\r', '\n']) || bare.trim_start().starts_with(['=', '+', '-', '@']);
            if formula {
                formulas += 1;
                assert!(cell.parse::<f64>().is_ok() || cell.starts_with('\''), "{path}: unguarded formula {cell:?}");
            }
        }
    }
    assert!(formulas >= 8, "the corpus's formulas reached the CSV files ({formulas})");

    for (path, bytes) in tree(&out) {
        if path.ends_with(".json") || path.ends_with(".webmanifest") {
            serde_json::from_slice::<serde_json::Value>(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
    let pilots: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/pilots.json")).unwrap()).unwrap();
    assert!(pilots.to_string().contains(&serde_json::to_string(commune).unwrap()), "JSON keeps the commune as written");
    let entries: Vec<serde_json::Value> = tree(&out.join("search/index/e"))
        .values()
        .flat_map(|b| serde_json::from_slice::<Vec<serde_json::Value>>(b).unwrap())
        .collect();
    assert!(entries.iter().any(|e| e[1] == title), "the search entry keeps the title as text");

    let atom = std::fs::read_to_string(out.join("atom.xml")).unwrap();
    let feed = roxmltree::Document::parse(&atom).unwrap();
    let titles: Vec<&str> = feed.descendants().filter(|n| n.has_tag_name("title")).filter_map(|n| n.text()).collect();
    assert!(titles.contains(&title), "{titles:?}");
    assert!(titles.contains(&"Thử nghiệm <script>alert('site-title')</script>"), "{titles:?}");
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    for loc in roxmltree::Document::parse(&sitemap).unwrap().descendants().filter(|n| n.has_tag_name("loc")) {
        let url = loc.text().unwrap();
        assert!(url.starts_with("https://example.test/ntm/") && !url.contains(['<', '"', '\'', ' ']), "{url}");
    }

    // Charts drawn into the pages are well-formed SVG whose texts are the names as written.
    let mut chart_texts = Vec::new();
    for (path, bytes) in tree(&out).into_iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8(bytes).unwrap();
        for (start, _) in html.match_indices("<svg") {
            let end = html[start..].find("</svg>").unwrap_or_else(|| panic!("{path}: unclosed svg")) + start + 6;
            let svg = html[start..end].replace("&nbsp;", "\u{a0}");
            let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{path}: {e}\n{svg}"));
            chart_texts.extend(doc.descendants().filter_map(|n| n.text()).map(str::to_string));
        }
    }
    assert!(chart_texts.iter().any(|t| t.contains(province)), "a chart names the province as written");

    let page = std::fs::read_to_string(out.join("pilots/ninh-binh/giao-phong/index.html")).unwrap();
    let ld_start = page.find("<script type=\"application/ld+json\">").expect("JSON-LD") + 35;
    let ld = &page[ld_start..ld_start + page[ld_start..].find("</script>").unwrap()];
    let ld: serde_json::Value = serde_json::from_str(ld).unwrap();
    assert!(ld.to_string().contains(&serde_json::to_string(title).unwrap()), "JSON-LD keeps the title as data: {ld}");
}

/// The cells of a CSV document (RFC 4180 quoting, CRLF or LF line ends).
fn csv_cells(text: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, ',' | '\n') => cells.push(std::mem::take(&mut cell)),
            (false, c) => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}
