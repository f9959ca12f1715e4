//! Search: the one Vietnamese folding (shared vectors, checked here in Rust and in
//! Chromium against search.js), the published index (deterministic, sharded so a
//! query's terms are in the shards it fetches), and the /search/ page in a real browser
//! on the shipped content, queried the way a policymaker types.

mod common;

use std::collections::BTreeMap;

use common::TestSite;
use common::browser::{Chromium, Loaded, StaticServer, artifact_path};
use langso::render::search::{hash, lexicon_shard, term_shard, utf16_cmp};
use langso::slug::fold;
use serde_json::Value;

fn fold_vectors() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(common::repo_root().join("tests/fixtures/fold.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let (input, folded) = l.split_once('\t').unwrap_or_else(|| panic!("no tab in fold.tsv line {l:?}"));
            (input.to_string(), folded.to_string())
        })
        .collect()
}

#[test]
fn fold_vectors_agree_in_rust() {
    let vectors = fold_vectors();
    assert!(vectors.len() > 20);
    for (input, folded) in vectors {
        assert_eq!(fold(&input), folded, "fold({input:?})");
    }
}

fn shipped_site() -> TestSite {
    let site = TestSite::from_fixture(".");
    let out = site.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    site
}

fn index_json(site: &TestSite, rel: &str) -> Value {
    serde_json::from_str(&site.published(&format!("search/index/{rel}"))).unwrap()
}

#[test]
fn the_index_is_deterministic_and_a_querys_terms_are_in_its_shards() {
    let site = shipped_site();
    let first: BTreeMap<String, Vec<u8>> =
        common::tree(&site.out()).into_iter().filter(|(p, _)| p.starts_with("search/")).collect();
    assert!(first.contains_key("search/index/manifest.json"), "{:?}", first.keys().collect::<Vec<_>>());
    let again = site.build();
    assert!(again.status.success());
    let second: BTreeMap<String, Vec<u8>> =
        common::tree(&site.out()).into_iter().filter(|(p, _)| p.starts_with("search/")).collect();
    assert!(first == second, "two builds gave different search files");

    let manifest = index_json(&site, "manifest.json");
    let shards = manifest["termShards"].as_u64().unwrap() as usize;
    let bounds: Vec<String> =
        manifest["termBounds"].as_array().unwrap().iter().map(|b| b.as_str().unwrap().to_string()).collect();
    assert_eq!(bounds.len() + 1, shards, "a bound between each two term shards");
    let lexicon_shards = manifest["lexiconShards"].as_u64().unwrap() as u32;
    assert!(shards > 1, "the shipped content should already need several term shards");
    let pilots = manifest["pilots"].as_u64().unwrap();
    assert_eq!(pilots, 12);
    // Every shard's terms lie between its bounds, in the order the browser compares strings.
    let mut terms = 0;
    for n in 0..shards {
        let shard = index_json(&site, &format!("t/{n}.json"));
        for term in shard.as_object().unwrap().keys() {
            assert_eq!(term_shard(term, &bounds), n, "`{term}` is in shard {n}, its bounds say otherwise");
            terms += 1;
        }
    }
    assert!(terms > 1000, "{terms} terms");

    // Every term of these queries, and their adjacent pairs, are in the shard the client computes.
    for term in ["dong", "thap", "dong thap", "du lich", "lich nong", "nong thon", "y te", "cong nghe", "hue"] {
        let shard = index_json(&site, &format!("t/{}.json", term_shard(term, &bounds)));
        let entry = &shard[term];
        assert!(entry.is_array(), "`{term}` is not in its shard");
        let forms = entry[0].as_array().unwrap();
        assert!(!forms.is_empty());
        // The written forms are kept for exact-diacritic ranking.
        for f in forms {
            assert_eq!(fold(f.as_str().unwrap()), term, "{term}: {f}");
        }
    }
    let dong = index_json(&site, &format!("t/{}.json", term_shard("dong", &bounds)));
    let forms: Vec<&str> = dong["dong"][0].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(forms.contains(&"đồng") && forms.contains(&"động"), "{forms:?}");

    // Prefix completion: the lexicon shard of "th" lists "thap" and "thon".
    let lex = index_json(&site, &format!("l/{}.json", lexicon_shard("th", lexicon_shards)));
    assert!(lex["thap"].as_u64().unwrap() >= 2 && lex["thon"].as_u64().is_some(), "{lex}");

    // Postings point at pilots whose entries hold the result's text.
    let per_file = manifest["entriesPerFile"].as_u64().unwrap();
    let pair = index_json(&site, &format!("t/{}.json", term_shard("dong thap", &bounds)));
    let flat = pair["dong thap"][1].as_array().unwrap();
    let stride = if pair["dong thap"].get(2).is_some() { 3 } else { 2 };
    let mut doc = 0;
    let mut urls = Vec::new();
    for chunk in flat.chunks(stride) {
        doc += chunk[0].as_u64().unwrap();
        let entries = index_json(&site, &format!("e/{}.json", doc / per_file));
        urls.push(entries[(doc % per_file) as usize][0].as_str().unwrap().to_string());
    }
    assert!(urls.contains(&"pilots/dong-thap/my-xuong/".to_string()), "{urls:?}");
    assert!(urls.contains(&"pilots/dong-thap/tan-my-chanh/".to_string()), "{urls:?}");
}

#[test]
fn every_page_has_a_search_box_and_the_search_page_works_without_javascript() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    assert!(site.build().status.success());
    for page in ["index.html", "pilots/index.html", "search/index.html", "404.html"] {
        let html = site.published(page);
        assert!(
            html.contains(r#"<form class="header-search" role="search" aria-label="Tìm mô hình thí điểm" action="/ntm/search/" method="get">"#),
            "{page} has no search box"
        );
        assert!(html.contains(r#"<label class="visually-hidden" for="header-q">Tìm mô hình thí điểm</label>"#));
    }
    let search = site.published("search/index.html");
    assert!(search.contains(r#"<noscript><p class="search-nojs">"#));
    assert!(search.contains(r#"<a href="/ntm/pilots/">Xem danh sách tất cả mô hình thí điểm</a>"#));
    assert!(search.contains(r#"data-index="/ntm/search/index/""#));
    assert!(search.contains(r#"<script type="module" src="/ntm/assets/search.js"></script>"#));
    assert!(search.contains(r#"role="status" aria-live="polite""#));
}

// ---- In the browser ----

/// Builds `site` for the root of its host, so the test server can serve it as it is.
fn build_at_root(site: &TestSite) {
    let out =
        common::langso(&["build", "--root", site.root().to_str().unwrap(), "--base-url", "https://example.test/"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
}

/// The ordered result links and the status line of a loaded search page.
struct Results {
    links: Vec<String>,
    status: String,
    facets: Vec<(String, String, usize)>,
}

fn results(page: &Loaded) -> Results {
    let dom = &page.dom;
    let list = dom.split("id=\"search-results\"").nth(1).unwrap_or("").split("</ol>").next().unwrap_or("");
    let links = list.split("<h2><a href=\"").skip(1).map(|s| s.split('"').next().unwrap().to_string()).collect();
    let status = dom
        .split("id=\"search-status\"")
        .nth(1)
        .and_then(|s| s.split_once('>'))
        .map(|(_, s)| s.split("</p>").next().unwrap().to_string())
        .unwrap_or_default();
    let mut facets = Vec::new();
    for part in dom.split("data-key=\"").skip(1) {
        let key = part.split('"').next().unwrap();
        let (facet, value) = key.split_once(':').unwrap();
        let count = part.split("class=\"count\">").nth(1).unwrap().split('<').next().unwrap().parse().unwrap();
        facets.push((facet.to_string(), value.to_string(), count));
    }
    Results { links, status, facets }
}

fn query(chromium: &Chromium, server: &StaticServer, path: &str) -> Results {
    let page = chromium.load(&server.url(path), 5000);
    assert!(page.console.is_empty(), "{path} printed to the console:\n{}", page.console.join("\n"));
    let r = results(&page);
    assert!(!r.status.is_empty(), "{path}: the status line stayed empty:\n{}", page.dom);
    r
}

#[test]
fn search_in_the_browser_on_the_shipped_content() {
    let Some(chromium) = Chromium::find("search_in_the_browser_on_the_shipped_content") else { return };
    let site = shipped_site();
    let server = StaticServer::start(&site.out());

    // With and without diacritics, `đ` included: the two Đồng Tháp pilots come first.
    let plain = query(&chromium, &server, "/search/?q=dong+thap");
    let marked = query(&chromium, &server, "/search/?q=%C4%90%E1%BB%93ng+Th%C3%A1p");
    for r in [&plain, &marked] {
        let mut top: Vec<&str> = r.links.iter().take(2).map(String::as_str).collect();
        top.sort();
        assert_eq!(top, ["/pilots/dong-thap/my-xuong/", "/pilots/dong-thap/tan-my-chanh/"], "{}", r.status);
    }
    let mut a = plain.links.clone();
    let mut b = marked.links.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b, "folded and exact queries match the same pilots");
    assert!(plain.status.contains("mô hình khớp với “dong thap”"), "{}", plain.status);

    for q in ["Hu%E1%BA%BF", "hue"] {
        let r = query(&chromium, &server, &format!("/search/?q={q}"));
        assert_eq!(r.links.first().map(String::as_str), Some("/pilots/hue/quang-tho/"), "{q}: {:?}", r.links);
    }

    // Policymakers' queries typed without diacritics find the pilots about them.
    let tourism = query(&chromium, &server, "/search/?q=du+lich+nong+thon");
    assert!(tourism.links.contains(&"/pilots/quang-ninh/minh-chau/".to_string()), "{:?}", tourism.links);
    assert!(tourism.links.contains(&"/pilots/vinh-long/my-loc/".to_string()), "{:?}", tourism.links);
    let team = query(&chromium, &server, "/search/?q=to+cong+nghe+so");
    assert!(team.links.contains(&"/pilots/an-giang/thoai-giang/".to_string()), "{:?}", team.links);
    let digital = query(&chromium, &server, "/search/?q=chuyen+doi+so");
    assert!(digital.links.len() >= 3, "{:?}", digital.links);
    // The last word is a prefix, for search-as-you-type.
    let typing = query(&chromium, &server, "/search/?q=dong+th");
    assert!(typing.links.contains(&"/pilots/dong-thap/my-xuong/".to_string()), "{:?}", typing.links);

    // Each facet narrows the results to as many as its count said, and a deep link reproduces them.
    for kind in ["field", "region", "year", "status", "province"] {
        let Some((facet, value, count)) =
            tourism.facets.iter().find(|(f, _, n)| f == kind && *n < tourism.links.len()).cloned()
        else {
            panic!("no {kind} facet narrower than the {} results", tourism.links.len());
        };
        let path = format!("/search/?q=du+lich+nong+thon&{facet}={value}");
        let narrowed = query(&chromium, &server, &path);
        assert_eq!(narrowed.links.len(), count, "{facet}={value}: {}", narrowed.status);
        assert!(narrowed.links.iter().all(|l| tourism.links.contains(l)));
        assert!(narrowed.status.starts_with(&format!("{count} mô hình")), "{}", narrowed.status);
        let selected = narrowed.facets.iter().find(|(f, v, _)| f == &facet && v == &value).unwrap();
        assert_eq!(selected.2, count);
        if kind == "field" {
            let again = query(&chromium, &server, &path);
            assert_eq!(again.links, narrowed.links, "a deep link gives the same results");
        }
    }

    // Empty and no-result states say what to try.
    let empty = query(&chromium, &server, "/search/");
    assert!(empty.status.starts_with("Hãy gõ tên xã"), "{}", empty.status);
    let none = query(&chromium, &server, "/search/?q=khongcotuanay");
    assert!(none.links.is_empty() && none.status.contains("Hãy thử bớt một từ"), "{}", none.status);

    chromium.screenshot(&server.url("/search/?q=du+lich+nong+thon"), &artifact_path("search-phone.png"), 390, 1100);
    chromium.screenshot(&server.url("/search/?q=dong+thap"), &artifact_path("search-desktop.png"), 1280, 1000);
}

#[test]
fn phrases_and_exact_diacritics_rank_first_in_the_browser() {
    let Some(chromium) = Chromium::find("phrases_and_exact_diacritics_rank_first_in_the_browser") else { return };
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    // an-giang/thoai-giang is the first pilot, so ties would put it first.
    let a = "content/pilots/an-giang/thoai-giang/index.md";
    let b = "content/pilots/ninh-binh/giao-phong/index.md";
    site.edit(a, "Hồ sơ sức khỏe điện tử cho mọi người dân.", "Lúa sạch và muối biển; sân phơi đa năng ở Đà Lạt.");
    site.edit(b, "Trường học là cửa ngõ số của xã.", "Sạch muối, lúa tốt; khách từ Đà Nẵng ghé thăm.");
    build_at_root(&site);
    let server = StaticServer::start(&site.out());

    // "lúa sạch" is adjacent in a only; "muối lúa" in neither, "sạch muối" in b.
    let r = query(&chromium, &server, "/search/?q=sach+muoi");
    assert_eq!(r.links.first().map(String::as_str), Some("/pilots/ninh-binh/giao-phong/"), "{:?}", r.links);
    let r = query(&chromium, &server, "/search/?q=lua+sach");
    assert_eq!(r.links.first().map(String::as_str), Some("/pilots/an-giang/thoai-giang/"), "{:?}", r.links);

    // "Đà Nẵng" before "đa năng" when typed with diacritics, the other way round likewise.
    let r = query(&chromium, &server, "/search/?q=%C4%90%C3%A0+N%E1%BA%B5ng");
    assert_eq!(r.links, ["/pilots/ninh-binh/giao-phong/", "/pilots/an-giang/thoai-giang/"]);
    let r = query(&chromium, &server, "/search/?q=%C4%91a+n%C4%83ng");
    assert_eq!(r.links, ["/pilots/an-giang/thoai-giang/", "/pilots/ninh-binh/giao-phong/"]);
}

#[test]
fn fold_vectors_agree_in_the_browser() {
    let Some(chromium) = Chromium::find("fold_vectors_agree_in_the_browser") else { return };
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    build_at_root(&site);
    // A test-only page (written by the test, not the build) runs the shipped module's fold.
    let out = site.out();
    std::fs::copy(common::repo_root().join("tests/fixtures/fold.tsv"), out.join("fold.tsv")).unwrap();
    std::fs::write(
        out.join("fold-test.html"),
        "<!DOCTYPE html><meta charset=\"utf-8\"><title>fold</title><pre id=\"out\"></pre>\
         <script type=\"module\" src=\"/fold-test.js\"></script>",
    )
    .unwrap();
    std::fs::write(
        out.join("fold-test.js"),
        format!("const ORDER = {};\n", serde_json::to_string(&ORDER).unwrap())
            + r##"import { fold, hash } from "/assets/search.js";
const text = await (await fetch("/fold.tsv")).text();
const rows = text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => {
  const [input, expected] = l.split("\t");
  return [input, fold(input), expected];
});
// The order of strings, which the term shards' bounds rely on: `<`, as search.js compares.
const words = rows.map((r) => r[2]).concat(ORDER);
rows.push(["hash", String(hash("dong thap")), ""]);
words.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
rows.push(["order", JSON.stringify(words), ""]);
document.getElementById("out").textContent = JSON.stringify(rows);
"##,
    )
    .unwrap();
    let server = StaticServer::start(&out);
    let page = chromium.load(&server.url("/fold-test.html"), 3000);
    assert!(page.console.is_empty(), "{}", page.console.join("\n"));
    let json = page.dom.split("<pre id=\"out\">").nth(1).unwrap().split("</pre>").next().unwrap();
    let json = json.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    let rows: Vec<Vec<String>> = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {}", page.dom));
    let (order_row, rows) = rows.split_last().unwrap();
    let (hash_row, rows) = rows.split_last().unwrap();
    assert_eq!(rows.len(), fold_vectors().len());
    for row in rows {
        assert_eq!(row[1], row[2], "search.js fold({:?})", row[0]);
    }
    assert_eq!(hash_row[1], hash("dong thap").to_string(), "search.js hash");
    let mut words: Vec<String> = fold_vectors().into_iter().map(|(_, f)| f).chain(ORDER.map(String::from)).collect();
    words.sort_by(|a, b| utf16_cmp(a, b));
    let js: Vec<String> = serde_json::from_str(&order_row[1]).unwrap();
    assert_eq!(js, words, "search.js orders strings as utf16_cmp");
}

/// Strings whose order by code point and by UTF-16 code unit differ (U+FF41 against
/// U+1D41A), and prefixes, pairs and digits: what the term shards' bounds are compared with.
const ORDER: [&str; 9] = ["\u{ff41}b", "\u{1d41a}a", "a", "a b", "ab", "dong thap", "dong", "2025", "\u{e000}"];
