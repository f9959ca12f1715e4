//! What the published site promises a browser, checked over the shipped build: every
//! page carries the Content-Security-Policy and the referrer policy, the nginx header
//! docs/publishing.md recommends states the same policy, and nothing a page, stylesheet, script,
//! SVG or the manifest loads comes over plain `http://` or from another host — even when
//! content tries to sneak a tracking image in.

mod common;

use std::collections::BTreeMap;

use common::{TestSite, langso, repo_root, stderr, tag_attributes, tree};

const POLICY_META: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";
const REFERRER_META: &str = "<meta name=\"referrer\" content=\"strict-origin-when-cross-origin\">";

/// The shipped content built with a plain-`http` base URL: were any load made absolute
/// from the base URL, it would show up as mixed content here.
fn shipped_over_http() -> BTreeMap<String, Vec<u8>> {
    let site = TestSite::from_fixture(".");
    let o = langso(&["build", "--root", site.root().to_str().unwrap(), "--base-url", "http://ntm.example.test/"]);
    assert!(o.status.success(), "{}", stderr(&o));
    tree(&site.out())
}

/// The policy a page's meta states.
fn meta_policy(html: &str) -> Option<&str> {
    let start = html.find(POLICY_META)? + POLICY_META.len();
    html[start..].split('"').next()
}

/// Every URL `text` (a file of the built site named `path`) makes the browser fetch while
/// showing it: not the links a reader may follow, nor XML namespaces.
fn loads(path: &str, text: &str) -> Vec<String> {
    let mut found = css_urls(text);
    if path.ends_with(".webmanifest") {
        let manifest: serde_json::Value = serde_json::from_str(text).unwrap();
        for icon in manifest["icons"].as_array().into_iter().flatten() {
            found.push(icon["src"].as_str().unwrap().to_string());
        }
        return found;
    }
    if path.ends_with(".js") {
        // Scripts fetch by string: any absolute URL in them counts.
        found.extend(text.match_indices("http").map(|(i, _)| text[i..].chars().take(60).collect()));
        return found;
    }
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == ':').collect();
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        let name = name.to_ascii_lowercase();
        let attrs = tag_attributes(&tag[name.len()..]);
        let rel = attrs.iter().find(|(k, _)| k == "rel").map(|(_, v)| v.to_ascii_lowercase()).unwrap_or_default();
        for (key, value) in &attrs {
            let fetched = match key.as_str() {
                "src" | "poster" | "data" | "background" | "action" | "formaction" => true,
                "srcset" | "imagesrcset" => {
                    found.extend(value.split(',').filter_map(|c| c.split_whitespace().next()).map(String::from));
                    false
                }
                "href" | "xlink:href" => {
                    ["image", "use", "feimage", "script"].contains(&name.as_str())
                        || (name == "link"
                            && rel.split_whitespace().any(|r| {
                                ["stylesheet", "icon", "apple-touch-icon", "manifest", "preload", "modulepreload"]
                                    .contains(&r)
                            }))
                }
                "content" => attrs.iter().any(|(k, v)| k == "http-equiv" && v.eq_ignore_ascii_case("refresh")),
                _ => false,
            };
            if fetched {
                found.push(value.clone());
            }
        }
    }
    found
}

/// `url(…)` and `@import` targets anywhere in `text` (stylesheets, style attributes).
fn css_urls(text: &str) -> Vec<String> {
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    for needle in ["url(", "@import"] {
        for (i, _) in lower.match_indices(needle) {
            let value = text[i + needle.len()..].trim_start().trim_start_matches(['"', '\'']);
            found.push(value.split(['"', '\'', ')', ';', ' ']).next().unwrap_or("").to_string());
        }
    }
    found
}

/// Loads that leave the site: plain `http`, another host, or any scheme at all.
fn foreign_loads(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut bad = Vec::new();
    for (path, bytes) in files {
        let kinds = [".html", ".svg", ".css", ".js", ".webmanifest"];
        if !kinds.iter().any(|k| path.ends_with(k)) {
            continue;
        }
        for url in loads(path, &String::from_utf8_lossy(bytes)) {
            let url = url.trim();
            let scheme = url.split_once(':').is_some_and(|(s, _)| !s.contains('/'));
            if scheme || url.starts_with("//") {
                bad.push(format!("{path}: {url}"));
            }
        }
    }
    bad
}

#[test]
fn every_page_carries_the_policy_and_the_referrer_policy() {
    let files = shipped_over_http();
    let pages: Vec<(&String, String)> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b.clone()).unwrap()))
        .collect();
    assert!(pages.len() > 50, "the shipped site has its pages");
    let first = meta_policy(&pages[0].1).expect("a policy").to_string();
    for (path, html) in &pages {
        let head = &html[..html.find("</head>").unwrap_or_else(|| panic!("{path}: no </head>"))];
        assert_eq!(head.matches(POLICY_META).count(), 1, "{path}: one policy meta in the head");
        assert_eq!(meta_policy(head), Some(first.as_str()), "{path}: the same policy as every page");
        assert_eq!(head.matches(REFERRER_META).count(), 1, "{path}: the referrer policy");
        // A meta policy applies from where it stands: nothing may load before it.
        let before = &head[..head.find(POLICY_META).unwrap()];
        assert!(loads(path, before).is_empty() && !before.contains("<script"), "{path}: loads before the policy");
    }
    let directives: BTreeMap<&str, &str> = first.split(';').filter_map(|d| d.trim().split_once(' ')).collect();
    for (directive, value) in [
        ("default-src", "'self'"),
        ("script-src", "'self'"),
        ("style-src", "'self'"),
        ("img-src", "'self'"),
        ("object-src", "'none'"),
        ("base-uri", "'self'"),
        ("form-action", "'self'"),
    ] {
        assert_eq!(directives.get(directive), Some(&value), "{directive} in {first}");
    }

    // The nginx header docs/publishing.md recommends is the same policy plus what only a
    // header can say.
    let publishing = std::fs::read_to_string(repo_root().join("docs/publishing.md")).unwrap();
    let header = publishing
        .lines()
        .find_map(|l| l.trim().strip_prefix("add_header Content-Security-Policy \""))
        .and_then(|l| l.split('"').next())
        .expect("docs/publishing.md recommends a Content-Security-Policy header");
    assert_eq!(header, format!("{first}; frame-ancestors 'none'"), "docs/publishing.md header and page meta differ");
}

#[test]
fn nothing_is_loaded_over_plain_http_or_from_another_host() {
    let files = shipped_over_http();
    let bad = foreign_loads(&files);
    assert!(bad.is_empty(), "loads from outside the site:\n{}", bad.join("\n"));
    // The scan does see the loads that are there.
    let home = String::from_utf8_lossy(&files["index.html"]).into_owned();
    let home_loads = loads("index.html", &home);
    for expected in ["/assets/style.css", "/assets/site.js", "/site.webmanifest", "/favicon.svg"] {
        assert!(home_loads.iter().any(|l| l == expected), "{expected} not among {home_loads:?}");
    }
}

#[test]
fn a_case_study_cannot_add_an_image_from_another_host() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let index = "content/pilots/an-giang/thoai-giang/index.md";
    // Entity-encoded, so that a text check of the source does not see `http:`: raw HTML
    // is read as a browser reads it (`render::raw_html`), so the build sees it and refuses.
    // (The sanitizer's own rule stops it too: `render::raw_html::tests`.)
    site.write(
        index,
        &format!("{}\n<p><img src=\"h&#116;tp://tracker.example/p.png\" alt=\"theo dõi\"></p>\n", site.read(index)),
    );
    let o = site.build();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("error[external-image]"), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("{index}:32:1")), "{}", stderr(&o));
    assert!(!site.out().exists(), "nothing is published");
}
