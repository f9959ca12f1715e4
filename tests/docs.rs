//! The documentation an editor or a developer reads stays true: no link leaves the
//! repository, every relative link reaches a file, the Vietnamese guide's Windows commands
//! are the ones the release zip provides and work, and the messages it quotes for the
//! common mistakes are what langso really prints for them.

mod common;

use std::path::Path;

use common::{TestSite, langso, repo_root, stderr};

const GUIDE: &str = "content/pages/huong-dan-gui-mo-hinh.md";

fn read(rel: &str) -> String {
    std::fs::read_to_string(repo_root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The documents for people: the README, CONTRIBUTING, ARCHITECTURE, `docs/*.md` and the guide.
fn documents() -> Vec<String> {
    let mut docs: Vec<String> = ["README.md", "CONTRIBUTING.md", "ARCHITECTURE.md", GUIDE].map(String::from).to_vec();
    for e in std::fs::read_dir(repo_root().join("docs")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            docs.push(format!("docs/{name}"));
        }
    }
    docs
}

/// The targets of the Markdown links `[text](target)` of `text`, outside code.
fn link_targets(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block {
            continue;
        }
        let plain: String = line.split('`').step_by(2).collect::<Vec<_>>().join("");
        for part in plain.split("](").skip(1) {
            if let Some(end) = part.find(')') {
                out.push(part[..end].to_string());
            }
        }
    }
    out
}

#[test]
fn no_document_links_outside_the_repository_and_every_link_resolves() {
    let mut bad = Vec::new();
    for doc in documents() {
        let text = read(&doc);
        let dir = Path::new(&doc).parent().unwrap();
        for target in link_targets(&text) {
            if target.starts_with("http://") || target.starts_with("https://") || target.starts_with('#') {
                continue;
            }
            let path = target.split('#').next().unwrap();
            let resolved = repo_root().join(dir).join(path);
            let inside = std::path::absolute(&resolved)
                .ok()
                .and_then(|p| p.canonicalize().ok())
                .is_some_and(|p| p.starts_with(repo_root().canonicalize().unwrap()));
            // The guide, a page of the site, links its sibling pages as `gioi-thieu.md`.
            if !inside {
                bad.push(format!("{doc}: ({target})"));
            }
        }
        assert!(!text.contains("../shared/"), "{doc} points outside the repository");
    }
    assert!(read("README.md").contains(&format!("]({GUIDE})")), "the README links the editors' guide");
    assert!(bad.is_empty(), "links that leave the repository or lead nowhere:\n{}", bad.join("\n"));
}

#[test]
fn the_link_scan_sees_links() {
    assert_eq!(link_targets("a [b](c.md) `[x](y)` [d](../e#f)"), ["c.md", "../e#f"]);
}

/// The name of the program in the Windows zip, from the release workflow.
fn windows_program() -> String {
    let workflow = read(".github/workflows/release.yml");
    let line = workflow.lines().find(|l| l.contains("Copy-Item")).expect("the zip step copies the program");
    let exe = line.split(['"', '/']).find(|w| w.ends_with(".exe")).expect("an .exe in the zip").to_string();
    assert!(workflow.contains("x86_64-pc-windows-msvc") && workflow.contains("Compress-Archive"));
    exe
}

/// The PowerShell commands of the guide: lines of its code blocks that start with `.\`.
/// A command written as on Linux (`langso check`) would not run in PowerShell.
fn guide_commands() -> Vec<String> {
    let mut out = Vec::new();
    let mut in_block = false;
    for line in read(GUIDE).lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
        } else if in_block && line.trim_start().starts_with(".\\") {
            out.push(line.trim().to_string());
        } else if in_block {
            assert!(!line.trim_start().starts_with("langso "), "not a PowerShell command: {line}");
        }
    }
    out
}

/// `line` split as PowerShell would: words, and "…" quoted words.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line.trim();
    while !rest.is_empty() {
        if let Some(q) = rest.strip_prefix('"') {
            let end = q.find('"').expect("quote closed");
            out.push(q[..end].to_string());
            rest = q[end + 1..].trim_start();
        } else {
            let end = rest.find(' ').unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            rest = rest[end..].trim_start();
        }
    }
    out
}

#[test]
fn the_guides_windows_commands_are_the_release_zips_and_they_work() {
    let exe = windows_program();
    assert_eq!(exe, "langso.exe");
    let commands = guide_commands();
    for needed in ["new pilot", "check", "serve", "explain"] {
        assert!(
            commands.iter().any(|c| c.starts_with(&format!(".\\{exe} {needed}"))),
            "the guide shows no `.\\{exe} {needed}`: {commands:?}"
        );
    }
    // Each one, run in a copy of this repository's content as the editor runs it there
    // (`serve` only as far as its arguments: it runs until stopped).
    let site = TestSite::from_fixture(".");
    for command in &commands {
        let w = words(command);
        assert_eq!(w[0], format!(".\\{exe}"), "{command}");
        let mut args: Vec<&str> = w[1..].iter().map(String::as_str).collect();
        if args[0] == "serve" {
            args.push("--help");
        }
        args.extend(["--root", site.root().to_str().unwrap()]);
        let o = langso(&args);
        // `check` on a fresh pilot passes with warnings; nothing fails.
        assert!(o.status.success(), "{command}: {}", stderr(&o));
    }
}

/// The common mistakes of the guide: each made in the minimal site, and the first line
/// langso prints for it, which the guide must quote as it is.
const THOAI: &str = "content/pilots/an-giang/thoai-giang";

#[allow(clippy::type_complexity)]
const MISTAKES: &[(&str, &str, &str)] = &[
    // (file under the pilot, text, replaced by); "" as the text appends.
    ("metrics.yaml", "  fiber_households_pct", "\tfiber_households_pct"),
    ("metrics.yaml", "status: ongoing", "status: ongoing\narea_ha: 756,6"),
    ("metrics.yaml", "status: ongoing", "status: ongoing\npopulation: 6.835"),
    ("metrics.yaml", "province: an-giang", "province: \"An Giang\""),
    ("metrics.yaml", "status: ongoing", "status: đang triển khai"),
    ("metrics.yaml", "status: ongoing", "status: ongoing\npopulaton: 6835"),
    ("metrics.yaml", "status: ongoing\n", ""),
    ("metrics.yaml", "commune_records_online_pct", "commune_record_online_pct"),
    ("metrics.yaml", "{ value: 58,", "{ value: 158,"),
    ("metrics.yaml", "fields: [y-te, giao-duc]", "fields: [y te, giao-duc]"),
    ("metrics.yaml", "commune: \"Xã Thoại Giang\"", "commune: \"Xã Thoại Giang"),
    ("metrics.yaml", "sample: false", "sample: false\nstatus: completed"),
    ("index.md", "date: 2024-06-01", "date: 01/06/2024"),
    (
        "index.md",
        "Mỗi ấp có một tổ công nghệ số.",
        "Mỗi ấp có một tổ công nghệ số.\n\n![Tổ công nghệ số](anh-to-cong-nghe.jpg)",
    ),
    (
        "index.md",
        "Mỗi ấp có một tổ công nghệ số.",
        "Mỗi ấp có một tổ công nghệ số.\n\n![Tổ công nghệ số](https://example.com/anh.jpg)",
    ),
    (
        "index.md",
        "Mỗi ấp có một tổ công nghệ số.",
        "Mỗi ấp có một tổ công nghệ số.\n\n![Tổ công nghệ số](IMG_0012.HEIC)",
    ),
    (
        "index.md",
        "Xem [Giao Phong](../../ninh-binh/giao-phong/index.md#bai-hoc).",
        "Xem [Giao Phong](../../ninh-binh/giao-phong-moi/).",
    ),
    ("index.md", "Bắt đầu từ nhu cầu của người dân.", ""),
    (
        "index.md",
        "authors: [\"Văn phòng Điều phối nông thôn mới tỉnh An Giang\"]\n---",
        "authors: [\"Văn phòng Điều phối nông thôn mới tỉnh An Giang\"]",
    ),
    ("metrics.yaml", "{ value: 90.5, year: 2024, source: \"Báo An Giang\" }", "90.5"),
];

#[test]
fn the_guide_quotes_what_langso_says_for_each_common_mistake() {
    let guide = read(GUIDE);
    assert_eq!(MISTAKES.len(), 20);
    assert!(guide.contains("\n### 20. ") && !guide.contains("\n### 21. "), "the guide lists twenty mistakes");
    let mut missing = Vec::new();
    for (file, from, to) in MISTAKES {
        let site = TestSite::from_fixture("tests/fixtures/minimal");
        let rel = format!("{THOAI}/{file}");
        site.edit(&rel, from, to);
        if to.contains("IMG_0012.HEIC") {
            site.write(&format!("{THOAI}/IMG_0012.HEIC"), "not really a photo");
        }
        let o = langso(&["check", "--root", site.root().to_str().unwrap()]);
        let err = stderr(&o);
        let first = err.lines().next().unwrap_or("").to_string();
        assert!(first.starts_with("error[") || first.starts_with("warning["), "{file}: {from}: {err}");
        if !guide.contains(&first) {
            missing.push(first);
        }
    }
    assert!(missing.is_empty(), "the guide does not quote, as langso prints them:\n{}", missing.join("\n"));
}

/// The file names (`pilots.csv`) of the downloads and schema named in `text`, with the
/// docs' shorthand `criteria-{a,b}.csv` expanded.
fn published_file_names(text: &str) -> std::collections::BTreeSet<String> {
    fn expand(token: &str) -> Vec<String> {
        match (token.find('{'), token.find('}')) {
            (Some(open), Some(close)) if open < close => token[open + 1..close]
                .split(',')
                .flat_map(|choice| expand(&format!("{}{choice}{}", &token[..open], &token[close + 1..])))
                .collect(),
            _ => vec![token.to_string()],
        }
    }
    let is_name = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_./{},".contains(c);
    text.split(|c: char| !is_name(c))
        .flat_map(|t| expand(t.trim_matches(|c| c == '.' || c == ',')))
        .filter(|t| [".csv", ".json", ".xlsx"].iter().any(|ext| t.ends_with(ext)))
        .map(|t| t.rsplit('/').next().unwrap_or(&t).to_string())
        .collect()
}

/// The text of `doc` below the heading that starts with `heading`, to the next heading of its level.
fn section<'a>(doc: &'a str, heading: &str) -> &'a str {
    let start = doc.find(&format!("\n{heading}")).unwrap_or_else(|| panic!("no `{heading}`"));
    let rest = &doc[start + 1..];
    let rest = &rest[rest.find('\n').unwrap_or(rest.len())..];
    let level = heading.split(' ').next().unwrap();
    &rest[..rest.find(&format!("\n{level} ")).unwrap_or(rest.len())]
}

/// Every list of the published downloads (the contract's URLs and their summary in
/// docs/content-format.md, the downloads table of docs/criteria.md, the method page) names
/// exactly the files the build publishes: `site_links::FIXED`, which a build test checks
/// against what it writes. A module head may name fewer, but none that is not published.
#[test]
fn every_list_of_the_downloads_names_what_the_build_publishes() {
    let downloads: std::collections::BTreeSet<String> = langso::render::site_links::FIXED
        .iter()
        .filter(|p| p.starts_with("data/"))
        .map(|p| p.rsplit('/').next().unwrap().to_string())
        .collect();
    assert!(downloads.len() >= 10 && downloads.contains("criteria.xlsx"), "{downloads:?}");
    let mut with_schema = downloads.clone();
    with_schema.insert("metrics.schema.json".into());
    let format = read("docs/content-format.md");
    let criteria = read("docs/criteria.md");
    // The first column of the downloads table.
    let table: String = section(&criteria, "## Downloads")
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| l.split('|').nth(1).unwrap())
        .collect::<Vec<_>>()
        .join(" ");
    let method = read("content/pages/phuong-phap.md");
    let lists = [
        ("docs/content-format.md, Published URLs", section(&format, "## Published URLs ("), &with_schema),
        ("docs/content-format.md, Everything published", section(&format, "## Everything published"), &with_schema),
        ("docs/criteria.md, the Downloads table", table.as_str(), &downloads),
        ("content/pages/phuong-phap.md, Tải dữ liệu", section(&method, "## Tải dữ liệu"), &with_schema),
    ];
    let mut wrong = Vec::new();
    for (list, text, expected) in lists {
        let named = published_file_names(text);
        let missing: Vec<&String> = expected.difference(&named).collect();
        let extra: Vec<&String> = named.difference(expected).collect();
        let missing = (!missing.is_empty()).then(|| format!("missing {missing:?}"));
        let extra = (!extra.is_empty()).then(|| format!("not published {extra:?}"));
        let said: Vec<String> = missing.into_iter().chain(extra).collect();
        if !said.is_empty() {
            wrong.push(format!("{list}: {}", said.join(", ")));
        }
    }
    for entry in walkdir::WalkDir::new(repo_root().join("src/render")) {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            let head: String = text.lines().take_while(|l| l.starts_with("//!")).collect::<Vec<_>>().join("\n");
            let named: Vec<String> = head
                .split(|c: char| c.is_whitespace() || c == ',' || c == '`' || c == '(' || c == ')')
                .filter(|t| t.starts_with("/data/"))
                .flat_map(published_file_names)
                .filter(|name| !with_schema.contains(name))
                .collect();
            if !named.is_empty() {
                wrong.push(format!("{}'s head: not published {named:?}", path.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "lists of the downloads that differ from site_links::FIXED:\n{}", wrong.join("\n"));
}

#[test]
fn the_download_list_scan_reads_the_docs_shorthand() {
    let names =
        published_file_names("`/data/pilots.csv`, `/data/criteria-{a,by-field}.csv` and\n    pilots.csv: UTF-8");
    assert_eq!(names.into_iter().collect::<Vec<_>>(), ["criteria-a.csv", "criteria-by-field.csv", "pilots.csv"]);
}
