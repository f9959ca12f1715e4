//! An English site (`language: en`) speaks English everywhere the interface speaks: no
//! string of the Vietnamese interface (`i18n/vi.yaml`) is left in any published page,
//! attribute, chart or search label, except where it is also the English string. Content
//! (the case studies, names, sources, the site's own title) is the editors' text and stays as
//! written, so it is removed before the scan: the Markdown body, the JSON-LD, and every
//! text that comes from content files.

mod common;

use std::collections::BTreeMap;

use common::TestSite;

fn strings(file: &str) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(common::repo_root().join("themes/default/i18n").join(file)).unwrap();
    serde_saphyr::from_str(&text).unwrap()
}

/// The parts of the Vietnamese interface strings that must not appear on an English site:
/// each string cut at its `{placeholders}`, keeping pieces with a letter that English does
/// not use, unless the English strings have the same piece.
fn vietnamese_pieces() -> Vec<String> {
    let (vi, en) = (strings("vi.yaml"), strings("en.yaml"));
    assert_eq!(vi.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>(), "vi.yaml and en.yaml keys differ");
    let english: String = en.values().cloned().collect::<Vec<_>>().join("\n");
    let mut pieces = Vec::new();
    for (key, v) in &vi {
        if en[key] == *v {
            continue;
        }
        for piece in v.split(['{', '}']).step_by(2) {
            let piece =
                piece.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || "“”…–—·".contains(c));
            if !piece.is_ascii() && !english.contains(piece) {
                pieces.push(piece.to_string());
            }
        }
    }
    pieces.sort();
    pieces.dedup();
    pieces
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Removes `<open ...>` to its matching `close` (no nesting of the same element assumed
/// beyond what `depth_tag` counts).
fn remove_between(html: &str, open: &str, depth_tag: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find(open) {
        out.push_str(&rest[..at]);
        let mut depth = 0;
        let mut i = at;
        loop {
            let next_open = rest[i + 1..].find(&format!("<{depth_tag}")).map(|p| p + i + 1);
            let next_close = rest[i + 1..].find(&format!("</{depth_tag}>")).map(|p| p + i + 1).expect("element closes");
            match next_open {
                Some(o) if o < next_close => {
                    depth += 1;
                    i = o;
                }
                _ => {
                    i = next_close;
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
            }
        }
        rest = &rest[i + depth_tag.len() + 3..];
    }
    out.push_str(rest);
    out
}

/// `html` without every run from `start` up to (not including) the next `end`.
fn cut_between(html: &str, start: &str, end: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(a) = rest.find(start) {
        out.push_str(&rest[..a]);
        let after = &rest[a + start.len()..];
        rest = after.find(end).map(|b| &after[b..]).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The texts a reader sees or hears: text between tags and the attributes that are read out.
fn texts(html: &str) -> Vec<String> {
    let mut html = remove_between(html, "<script", "script");
    // The case study and a free page are content as a whole.
    html = remove_between(&html, "<div class=\"prose\"", "div");
    html = remove_between(&html, "<article class=\"prose page\"", "article");
    let mut out = Vec::new();
    let mut rest = html.as_str();
    while let Some(lt) = rest.find('<') {
        out.push(unescape(rest[..lt].trim()));
        let gt = rest[lt..].find('>').map(|g| g + lt).unwrap_or(rest.len() - 1);
        let tag = &rest[lt..gt];
        for attr in ["title", "aria-label", "placeholder", "alt", "content", "data-"] {
            let mut t = tag;
            while let Some(a) = t.find(&format!(" {attr}")) {
                let after = &t[a + 1..];
                if let Some(q) = after.find("=\"") {
                    let v = &after[q + 2..];
                    let end = v.find('"').unwrap_or(v.len());
                    out.push(unescape(&v[..end]));
                    t = &v[end..];
                } else {
                    break;
                }
            }
        }
        rest = &rest[gt + 1..];
    }
    out.retain(|t| !t.is_empty());
    out
}

/// Letters of Vietnamese that English text does not use (ă â đ ê ô ơ ư and the tone marks).
fn vietnamese_letter(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă' | 'â' | 'Â' | 'đ' | 'Đ' | 'ê' | 'Ê' | 'ô' | 'Ô' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | '\u{1EA0}'..='\u{1EF9}'
    )
}

/// Every string value of the content's YAML files and Markdown front matter.
fn content_strings(root: &std::path::Path) -> Vec<String> {
    fn leaves(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) if s.chars().count() > 1 => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| leaves(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| leaves(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(root.join("content")).into_iter().filter_map(Result::ok) {
        let text = match e.path().extension().and_then(|x| x.to_str()) {
            Some("yaml") => std::fs::read_to_string(e.path()).unwrap(),
            Some("md") => {
                // Front matter, and the headings of the body (the table of contents shows them).
                let md = std::fs::read_to_string(e.path()).unwrap();
                let headings = md.lines().filter_map(|l| l.strip_prefix('#')).map(|h| h.trim_start_matches('#').trim());
                out.extend(headings.filter(|h| !h.is_empty()).map(str::to_string));
                md.split("---").nth(1).unwrap_or_default().to_string()
            }
            _ => continue,
        };
        if let Ok(v) = serde_saphyr::from_str::<serde_json::Value>(&text) {
            leaves(&v, &mut out);
        }
    }
    out
}

#[test]
fn an_english_site_has_no_vietnamese_interface_string_left() {
    let site = TestSite::from_fixture(".");
    site.edit("content/site.yaml", "language: vi", "language: en");
    let o = site.build();
    assert!(o.status.success(), "{}", common::stderr(&o));
    let pieces = vietnamese_pieces();
    assert!(pieces.iter().any(|p| p == "Mô hình thí điểm"), "the scan lost the interface strings: {pieces:?}");

    // Texts from content (the site's title, names, sources, authors) are the editors' and may
    // hold a piece by chance (the site is called "Nông thôn mới thông minh …"): they are cut
    // out of a text before it is judged.
    let mut content = content_strings(site.root());
    content.sort_by_key(|s| std::cmp::Reverse(s.len()));
    // Charts and the tile map break names into words; a word of a name (a short content
    // string) is content.
    let words: std::collections::BTreeSet<&str> = content
        .iter()
        .filter(|c| c.split_whitespace().count() <= 4)
        .flat_map(|c| c.split(|ch: char| ch.is_whitespace() || ",.:;()“”\"".contains(ch)))
        .collect();
    let judged = |text: &str| {
        let mut t = text.to_string();
        for c in &content {
            if t.contains(c.as_str()) {
                t = t.replace(c.as_str(), "\u{1}");
            }
        }
        t
    };

    let check = |rel: &str, html: &str, leftovers: &mut BTreeMap<String, String>| {
        for text in texts(html) {
            let hit =
                |t: &str| pieces.iter().find(|p| t.contains(p.as_str()) && (p.chars().count() > 3 || t == p.as_str()));
            if hit(&text).is_some()
                && let Some(p) = hit(&judged(&text))
            {
                leftovers.entry(format!("{rel}: {text}")).or_insert_with(|| p.clone());
            }
            // Vietnamese written in a template or in code, outside vi.yaml: a letter only
            // Vietnamese uses, in a text that does not come from content.
            let foreign = |w: &&str| w.chars().any(vietnamese_letter) && !words.contains(*w) && !w.contains("QĐ");
            if text.chars().any(vietnamese_letter) && judged(&text).split_whitespace().any(|w| foreign(&w)) {
                leftovers.entry(format!("{rel}: {text}")).or_insert_with(|| "a Vietnamese letter".into());
            }
        }
    };

    let mut leftovers = BTreeMap::new();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(site.out()).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        let rel = path.strip_prefix(site.out()).unwrap().to_string_lossy().replace('\\', "/");
        let html = match path.extension().and_then(|e| e.to_str()) {
            Some("html") => std::fs::read_to_string(path).unwrap(),
            _ => continue,
        };
        pages += 1;
        assert!(html.contains("<html lang=\"en\""), "{rel} is not marked English");
        check(&rel, &html, &mut leftovers);
    }
    assert!(pages > 50, "only {pages} pages built");
    let manifest = site.published("search/index/manifest.json");
    for p in &pieces {
        if p.chars().count() > 3 && manifest.contains(&format!("\"{p}\"")) {
            leftovers.insert(format!("search/index/manifest.json: {p}"), p.clone());
        }
    }
    // What the scripts write: search results and facets, the comparison table.
    if let Some(chromium) = common::browser::Chromium::find("an_english_site_has_no_vietnamese_interface_string_left") {
        let o =
            common::langso(&["build", "--root", site.root().to_str().unwrap(), "--base-url", "https://example.test/"]);
        assert!(o.status.success(), "{}", common::stderr(&o));
        let server = common::browser::StaticServer::start(&site.out());
        for (path, drawn) in [
            ("/search/?q=xa", "class=\"search-result\""),
            ("/search/?q=zzzzqqq", "zzzzqqq"),
            ("/compare/?p=an-giang/thoai-giang,ninh-binh/giao-phong", "<tbody"),
        ] {
            let page = chromium.load(&server.url(path), 3000);
            assert!(page.dom.contains(drawn), "{path}: the script drew nothing");
            assert!(page.console.is_empty(), "{path}: {}", page.console.join("\n"));
            // A result's title and snippet are content, cut around the query's marks.
            let dom = cut_between(&page.dom, "<li class=\"search-result\">", "<p class=\"search-meta\"");
            let dom = cut_between(&dom, "<p class=\"search-snippet\">", "</p>");
            check(path, &dom, &mut leftovers);
        }
    }
    assert!(
        leftovers.is_empty(),
        "Vietnamese interface strings on the English site:\n{}",
        leftovers.iter().map(|(k, v)| format!("  {k}   ← “{v}”")).collect::<Vec<_>>().join("\n")
    );
}

/// One pilot's page of the minimal fixture built as a Vietnamese, then as an English site.
fn pilot_page_in_both_languages() -> (TestSite, String, String) {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    assert!(site.build().status.success());
    let vi = site.published("pilots/ninh-binh/giao-phong/index.html");
    site.edit("content/site.yaml", "language: vi", "language: en");
    assert!(site.build().status.success());
    let en = site.published("pilots/ninh-binh/giao-phong/index.html");
    (site, vi, en)
}

#[test]
fn numbers_and_dates_follow_the_language() {
    let (_, vi, en) = pilot_page_in_both_languages();
    let population = |html: &str| {
        let at = html.find("<dd>6").expect("population fact");
        html[at + 4..at + 4 + html[at + 4..].find('<').unwrap()].to_string()
    };
    assert_eq!(population(&vi), "6.835");
    assert_eq!(population(&en), "6,835");
    assert!(vi.contains("<dd>756,6 ha</dd>") && en.contains("<dd>756.6 ha</dd>"));
    assert!(vi.contains("02/11/2025") && en.contains("2 Nov 2025"));
    assert!(vi.contains("<html lang=\"vi\"") && en.contains("<html lang=\"en\""));
}

#[test]
fn vietnamese_content_on_an_english_site_is_marked_lang_vi() {
    let (site, vi, en) = pilot_page_in_both_languages();
    // The case study and its title are Vietnamese text inside an English page.
    assert!(en.contains("<div class=\"prose\" id=\"content\" lang=\"vi\">"), "case study not marked");
    assert!(en.contains("<h1 lang=\"vi\">"), "title not marked");
    // On a Vietnamese site nothing needs marking.
    assert!(vi.contains("<div class=\"prose\" id=\"content\">") && vi.contains("<h1>"));
    // An English summary is not marked Vietnamese; a Vietnamese one is.
    let lead = |html: &str| html[html.find("<p class=\"lead\"").unwrap()..].split('>').next().unwrap().to_string();
    let has_en_summary = site.read("content/pilots/ninh-binh/giao-phong/index.md").contains("summary_en:");
    assert_eq!(lead(&en).contains("lang=\"vi\""), !has_en_summary);
}
