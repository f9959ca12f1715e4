//! What a shared link shows and what search engines read: canonical URL, Open Graph and
//! Twitter tags, the pilot's PNG card, its JSON-LD, the icons and the web manifest, all
//! under the path of `base_url`.

mod common;

use common::{TestSite, langso};

const PILOT: &str = "content/pilots/an-giang/thoai-giang/index.md";

/// The `content` of `<meta {attr}="{name}" content="...">`.
fn meta<'a>(html: &'a str, attr: &str, name: &str) -> &'a str {
    let start = format!("<meta {attr}=\"{name}\" content=\"");
    let at = html.find(&start).unwrap_or_else(|| panic!("no {name} in the page")) + start.len();
    &html[at..at + html[at..].find('"').unwrap()]
}

/// Width and height from a PNG's IHDR chunk, after checking the signature.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

fn build_under_sub_path(site: &TestSite) {
    let o = langso(&["build", "--root", site.root().to_str().unwrap(), "--base-url", "https://host.test/a/b/"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
}

#[test]
fn a_pilot_page_shares_with_absolute_urls_under_the_base_path() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    build_under_sub_path(&site);
    let html = site.published("pilots/an-giang/thoai-giang/index.html");
    let page = "https://host.test/a/b/pilots/an-giang/thoai-giang/";
    let card = "https://host.test/a/b/share/an-giang/thoai-giang.png";
    assert!(html.contains(&format!("<link rel=\"canonical\" href=\"{page}\">")));
    assert_eq!(meta(&html, "property", "og:url"), page);
    assert_eq!(meta(&html, "property", "og:type"), "article");
    assert_eq!(meta(&html, "property", "og:image"), card);
    assert_eq!(meta(&html, "property", "og:locale"), "vi_VN");
    assert_eq!(meta(&html, "property", "og:title"), "Xã Thoại Giang: y tế số");
    assert_eq!(meta(&html, "property", "og:site_name"), "Thử nghiệm langso");
    assert_eq!(meta(&html, "name", "description"), "Hồ sơ sức khỏe điện tử cho mọi người dân.");
    assert_eq!(meta(&html, "property", "og:description"), "Hồ sơ sức khỏe điện tử cho mọi người dân.");
    assert_eq!(meta(&html, "name", "twitter:card"), "summary_large_image");
    // X reads the title, description and image from the Open Graph tags.
    assert!(!html.contains("twitter:image") && !html.contains("twitter:title"), "said once, as og:");

    let png = std::fs::read(site.out().join("share/an-giang/thoai-giang.png")).unwrap();
    assert_eq!(png_size(&png), (1200, 630));

    // Other pages share the site's card and are websites, not articles.
    let home = site.published("index.html");
    assert_eq!(meta(&home, "property", "og:type"), "website");
    assert_eq!(meta(&home, "property", "og:image"), "https://host.test/a/b/share/site.png");
    assert_eq!(png_size(&std::fs::read(site.out().join("share/site.png")).unwrap()), (1200, 630));
    assert!(!home.contains("application/ld+json"));

    // The sitemap dates a province's page by its newest pilot.
    let sitemap = site.published("sitemap.xml");
    assert!(sitemap.contains("<loc>https://host.test/a/b/provinces/ninh-binh/</loc><lastmod>2025-11-02</lastmod>"));
}

#[test]
fn json_ld_parses_and_a_hostile_title_cannot_close_its_script() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let hostile = "Xã Thoại Giang </script><script>alert(1)</script><!-- & -->";
    site.edit(PILOT, "title: \"Xã Thoại Giang: y tế số\"", &format!("title: \"{hostile}\""));
    build_under_sub_path(&site);
    let html = site.published("pilots/an-giang/thoai-giang/index.html");
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).expect("JSON-LD in the pilot page") + open.len();
    let text = &html[start..start + html[start..].find("</script>").unwrap()];
    assert!(!text.contains('<'), "the JSON-LD holds a `<`: {text}");
    let ld: serde_json::Value = serde_json::from_str(text).expect("the JSON-LD parses");
    assert_eq!(ld["@type"], "Article");
    assert_eq!(ld["headline"], hostile);
    assert_eq!(ld["datePublished"], "2024-06-01");
    assert_eq!(ld["mainEntityOfPage"], "https://host.test/a/b/pilots/an-giang/thoai-giang/");
    assert_eq!(ld["image"], "https://host.test/a/b/share/an-giang/thoai-giang.png");
    assert_eq!(ld["author"][0]["name"], "Văn phòng Điều phối nông thôn mới tỉnh An Giang");
    assert_eq!(ld["about"]["address"]["addressRegion"], "An Giang");
    // The page holds exactly the script elements it had: the title never opened one.
    assert!(!html.contains("<script>alert(1)"));
}

#[test]
fn icons_and_manifest_are_published_and_linked_under_the_base_path() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    build_under_sub_path(&site);
    let html = site.published("provinces/index.html");
    for link in [
        "<link rel=\"icon\" href=\"/a/b/favicon.svg\" type=\"image/svg+xml\">",
        "<link rel=\"icon\" href=\"/a/b/favicon-32.png\" type=\"image/png\" sizes=\"32x32\">",
        "<link rel=\"apple-touch-icon\" href=\"/a/b/apple-touch-icon.png\">",
        "<link rel=\"manifest\" href=\"/a/b/site.webmanifest\">",
    ] {
        assert!(html.contains(link), "missing {link}");
    }
    assert!(site.published("favicon.svg").starts_with("<svg"));
    for (file, size) in
        [("favicon-32.png", 32), ("apple-touch-icon.png", 180), ("icon-192.png", 192), ("icon-512.png", 512)]
    {
        assert_eq!(png_size(&std::fs::read(site.out().join(file)).unwrap()), (size, size), "{file}");
    }
    let manifest: serde_json::Value = serde_json::from_str(&site.published("site.webmanifest")).unwrap();
    assert_eq!(manifest["start_url"], "/a/b/");
    assert_eq!(manifest["scope"], "/a/b/");
    for icon in manifest["icons"].as_array().unwrap() {
        let src = icon["src"].as_str().unwrap();
        let file = src.strip_prefix("/a/b/").unwrap_or_else(|| panic!("{src} outside the base path"));
        assert!(site.out().join(file).is_file(), "{src} is not published");
    }
}

#[test]
fn an_english_summary_is_shown_to_english_readers_only() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    site.edit(PILOT, "date: 2024-06-01", "summary_en: \"Electronic health records for everyone.\"\ndate: 2024-06-01");
    assert!(site.build().status.success());
    let vi = site.published("pilots/an-giang/thoai-giang/index.html");
    assert_eq!(meta(&vi, "name", "description"), "Hồ sơ sức khỏe điện tử cho mọi người dân.");
    assert!(!vi.contains("Electronic health records"));

    site.edit("content/site.yaml", "language: vi", "language: en");
    let o = site.build();
    assert!(o.status.success(), "{}", common::stderr(&o));
    let en = site.published("pilots/an-giang/thoai-giang/index.html");
    assert_eq!(meta(&en, "name", "description"), "Electronic health records for everyone.");
    assert_eq!(meta(&en, "property", "og:locale"), "en_US");
    assert!(en.contains("<p class=\"lead\">Electronic health records for everyone.</p>"));
    // Lists (the province's cards) and search results show it too.
    assert!(site.published("provinces/an-giang/index.html").contains("Electronic health records for everyone."));
    let entries = std::fs::read_dir(site.out().join("search/index/e")).unwrap();
    let texts: String = entries.map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap()).collect();
    assert!(texts.contains("Electronic health records for everyone."));
}

#[test]
fn chromium_accepts_the_json_ld_under_the_content_security_policy() {
    let Some(chromium) =
        common::browser::Chromium::find("chromium_accepts_the_json_ld_under_the_content_security_policy")
    else {
        return;
    };
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    // At the root, as the server serves it (the fixture's own base_url has a sub-path).
    let o = langso(&["build", "--root", site.root().to_str().unwrap(), "--base-url", "https://example.test/"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let server = common::browser::StaticServer::start(&site.out());
    // Chromium also fetches the manifest and icons: a missing one would be a console message.
    let page = chromium.load(&server.url("/pilots/an-giang/thoai-giang/"), 3000);
    assert!(page.dom.contains("<script type=\"application/ld+json\">"), "no JSON-LD in the DOM: {}", page.dom);
    assert!(page.console.is_empty(), "the pilot page printed to the console:\n{}", page.console.join("\n"));
}

#[test]
fn every_page_has_a_title_a_description_a_canonical_url_and_share_tags() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    build_under_sub_path(&site);
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(site.out()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let rel = entry.path().strip_prefix(site.out()).unwrap().display().to_string();
        let html = std::fs::read_to_string(entry.path()).unwrap();
        assert!(html.contains("<title>") && !html.contains("<title></title>"), "{rel}: no title");
        assert!(!meta(&html, "name", "description").trim().is_empty(), "{rel}: empty description");
        assert!(html.contains("<link rel=\"canonical\" href=\"https://host.test/a/b/"), "{rel}: canonical");
        assert!(meta(&html, "property", "og:url").starts_with("https://host.test/a/b/"), "{rel}: og:url");
        assert!(meta(&html, "property", "og:image").starts_with("https://host.test/a/b/share/"), "{rel}: og:image");
        assert!(!meta(&html, "property", "og:title").is_empty(), "{rel}: og:title");
    }
    assert!(pages > 20, "only {pages} pages");
}
