//! `langso build` as a real process: on the shipped content and on small fixture
//! site roots in temporary folders.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;

/// Builds the repository's own content once into a temporary folder.
fn build_shipped(out: &Path) {
    let o = langso(&["build", "--root", repo_root().to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "shipped content must build:\n{}", stderr(&o));
}

fn slugs_in(yaml: &str, key: &str) -> Vec<String> {
    yaml.lines()
        .filter_map(|l| l.trim_start().strip_prefix("- ").and_then(|r| r.strip_prefix(&format!("{key}: "))))
        .map(|s| s.trim().trim_matches('"').to_string())
        .collect()
}

#[test]
fn shipped_content_has_every_page_of_the_contract() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_shipped(&out);
    let content = repo_root().join("content");
    let mut expected: Vec<String> = [
        "index.html",
        "pilots/index.html",
        "provinces/index.html",
        "fields/index.html",
        "indicators/index.html",
        "404.html",
        "sitemap.xml",
        "atom.xml",
        "robots.txt",
        "data/pilots.json",
        "data/pilots.csv",
        "data/indicators.json",
    ]
    .map(String::from)
    .to_vec();
    let provinces = slugs_in(&std::fs::read_to_string(content.join("provinces.yaml")).unwrap(), "slug");
    assert_eq!(provinces.len(), 34, "the registry lists all 34 provincial units");
    expected.extend(provinces.iter().map(|p| format!("provinces/{p}/index.html")));
    let fields = slugs_in(&std::fs::read_to_string(content.join("fields.yaml")).unwrap(), "slug");
    expected.extend(fields.iter().map(|f| format!("fields/{f}/index.html")));
    let indicators = slugs_in(&std::fs::read_to_string(content.join("indicators.yaml")).unwrap(), "id");
    assert!(indicators.len() >= 16);
    expected.extend(indicators.iter().map(|i| format!("indicators/{i}/index.html")));
    let mut pilots = 0;
    for prov in std::fs::read_dir(content.join("pilots")).unwrap() {
        let prov = prov.unwrap();
        for commune in std::fs::read_dir(prov.path()).unwrap() {
            let commune = commune.unwrap();
            pilots += 1;
            expected.push(format!(
                "pilots/{}/{}/index.html",
                prov.file_name().to_string_lossy(),
                commune.file_name().to_string_lossy()
            ));
        }
    }
    assert!(pilots >= 10, "at least 10 sample pilots");
    for page in std::fs::read_dir(content.join("pages")).unwrap() {
        let name = page.unwrap().file_name().to_string_lossy().into_owned();
        expected.push(format!("{}/index.html", name.trim_end_matches(".md")));
    }
    for rel in &expected {
        assert!(out.join(rel).is_file(), "missing {rel}");
    }
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("<html lang=\"vi\">"));
    assert!(home.contains(&format!("<span class=\"stat-number\">{pilots}</span>")), "home counts the pilots");
}

/// Every `href` and `src` inside the site, on every page, leads to a published file,
/// and every `#fragment` to an element with that id.
fn assert_links_resolve(out: &Path, base_path: &str) {
    let files = tree(out);
    let ids_of = |rel: &str| -> BTreeSet<String> {
        let html = String::from_utf8_lossy(&files[rel]).into_owned();
        attributes(&html, "id").into_iter().collect()
    };
    let mut checked = 0;
    for (rel, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let page_dir = rel.rsplit_once('/').map(|(d, _)| format!("{d}/")).unwrap_or_default();
        for link in attributes(&html, "href").into_iter().chain(attributes(&html, "src")) {
            if link.starts_with("http://") || link.starts_with("https://") || link.starts_with("mailto:") {
                assert!(!link.contains("example.gov.vn") || rel.ends_with(".html"), "{link}");
                continue;
            }
            let (path, fragment) = link.split_once('#').map(|(p, f)| (p, Some(f))).unwrap_or((link.as_str(), None));
            let target = if path.is_empty() {
                rel.clone()
            } else if let Some(inside) = path.strip_prefix(base_path) {
                inside.to_string()
            } else {
                assert!(!path.starts_with('/'), "{rel}: `{link}` ignores the base path {base_path}");
                format!("{page_dir}{path}")
            };
            let target =
                if target.is_empty() || target.ends_with('/') { format!("{target}index.html") } else { target };
            assert!(files.contains_key(&target), "{rel}: `{link}` leads nowhere (looked for {target})");
            if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                assert!(ids_of(&target).contains(f), "{rel}: `{link}`: no id `{f}` in {target}");
            }
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}

#[test]
fn every_internal_link_and_image_resolves_in_the_shipped_site() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_shipped(&out);
    assert_links_resolve(&out, "/");
}

#[test]
fn links_follow_a_base_url_given_on_the_command_line() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let o = langso(&["build", "--root", site.root().to_str().unwrap(), "--base-url", "https://host.test/a/b"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let home = site.published("index.html");
    assert!(home.contains("href=\"/a/b/pilots/\""), "{home}");
    assert!(home.contains("<link rel=\"canonical\" href=\"https://host.test/a/b/\">"));
    assert!(site.published("sitemap.xml").contains("<loc>https://host.test/a/b/pilots/ninh-binh/giao-phong/</loc>"));
    assert_links_resolve(&site.out(), "/a/b/");
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build_shipped(&a);
    build_shipped(&b);
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(v == &tb[k], "{k} differs between two builds");
    }
}

#[test]
fn a_build_with_an_error_leaves_the_previous_site_untouched() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    assert!(site.build().status.success());
    let before = tree(&site.out());
    site.edit("content/pilots/an-giang/thoai-giang/metrics.yaml", "province: an-giang", "province: an-gaing");
    let o = site.build();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("error[province-mismatch]"), "{err}");
    assert!(err.contains("--> content/pilots/an-giang/thoai-giang/metrics.yaml:2:11"), "{err}");
    assert!(err.contains("help: ghi `province: an-giang`"), "{err}");
    assert_eq!(tree(&site.out()), before, "the previous site must stay as it was");
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("langso"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_rebuild_rewrites_only_what_changed() {
    use std::os::unix::fs::MetadataExt;
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    assert!(site.build().status.success());
    let inode = |rel: &str| std::fs::metadata(site.out().join(rel)).unwrap().ino();
    let (card_a, card_b) = ("share/an-giang/thoai-giang.png", "share/ninh-binh/giao-phong.png");
    let (page_a, page_b) = ("pilots/an-giang/thoai-giang/index.html", "pilots/ninh-binh/giao-phong/index.html");
    let before: Vec<u64> = [card_a, card_b, page_a, page_b, "assets/style.css"].map(inode).to_vec();
    let png_before = std::fs::read(site.out().join(card_a)).unwrap();

    // A new commune name: that pilot's page and card change; the other pilot's do not.
    site.edit("content/pilots/an-giang/thoai-giang/metrics.yaml", "Xã Thoại Giang", "Xã Thoại Giang Mới");
    let o = site.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let after: Vec<u64> = [card_a, card_b, page_a, page_b, "assets/style.css"].map(inode).to_vec();
    assert_ne!(after[0], before[0], "the edited pilot's card must be drawn again");
    assert_ne!(std::fs::read(site.out().join(card_a)).unwrap(), png_before);
    assert_eq!(after[1], before[1], "an unchanged card is kept, not drawn again");
    assert_ne!(after[2], before[2], "the edited pilot's page is written again");
    assert_eq!(after[3..], before[3..], "unchanged files are kept as they were");
    assert!(site.published(page_a).contains("Xã Thoại Giang Mới"));
    // What the rebuild kept equals what a clean build writes.
    let clean = tempfile::tempdir().unwrap();
    let o =
        langso(&["build", "--root", site.root().to_str().unwrap(), "--out", clean.path().join("o").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(tree(&site.out()), tree(&clean.path().join("o")));
}

#[test]
fn a_rebuild_removes_pages_of_deleted_pilots() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    assert!(site.build().status.success());
    assert!(site.out().join("pilots/an-giang/thoai-giang/index.html").exists());
    std::fs::remove_dir_all(site.root().join("content/pilots/an-giang")).unwrap();
    site.edit(
        "content/pilots/ninh-binh/giao-phong/index.md",
        "Xem thêm [Thoại Giang](../../an-giang/thoai-giang/).",
        "",
    );
    let o = site.build();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!site.out().join("pilots/an-giang/thoai-giang/index.html").exists());
}

#[test]
fn pilot_page_shows_metrics_against_targets() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let o = site.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let page = site.published("pilots/ninh-binh/giao-phong/index.html");
    let row = |name: &str| -> String {
        let start = page.find(name).unwrap_or_else(|| panic!("no row for {name}"));
        let end = page[start..].find("</tr>").unwrap() + start;
        page[start..end].to_string()
    };
    let records = row("Tỷ lệ hồ sơ công việc cấp xã xử lý trên môi trường mạng</a>");
    assert!(records.contains("75 %"), "{records}");
    assert!(records.contains("≥ 60 %"), "{records}");
    assert!(records.contains("✓ Đạt"), "{records}");
    assert!(records.contains("60 % (2022) <span class=\"tag-sample\">minh họa</span> → 75 %"), "{records}");
    assert!(records.contains("+15 điểm %"), "{records}");
    let trained = row("Tỷ lệ cán bộ được tập huấn chuyển đổi số</a>");
    assert!(trained.contains("✗ Chưa đạt"), "{trained}");
    let ocop = row("Số sản phẩm OCOP</a>");
    assert!(ocop.contains("Không có mục tiêu quốc gia") && ocop.contains("Báo Pháp luật"), "{ocop}");
    // Without a target, one cell says so for the target and met columns.
    assert!(ocop.contains("<td colspan=\"2\" class=\"muted\">Không có mục tiêu quốc gia</td>"), "{ocop}");
    // Each pillar heads its rows once, not each row.
    let table = page.split("<table class=\"data metrics\">").nth(1).unwrap().split("</table>").next().unwrap();
    let pillars: Vec<&str> =
        table.split("<th scope=\"rowgroup\" colspan=\"6\">").skip(1).map(|s| s.split('<').next().unwrap()).collect();
    assert_eq!(pillars, ["Chính quyền số", "Kinh tế số", "Xã hội số"], "{table}");
    assert_eq!(table.matches("<tbody>").count(), pillars.len());
    assert!(page.contains("class=\"banner-sample\""), "sample pilots carry the banner");
    assert!(page.contains("<dd>Nam Định</dd>") && page.contains("<dd>Giao Thủy</dd>"), "former units are shown");
    assert!(page.contains("<dd>6.835</dd>"), "numbers use Vietnamese grouping");
    assert!(page.contains("<img src=\"so-do.svg\""), "{page}");
    assert!(site.out().join("pilots/ninh-binh/giao-phong/so-do.svg").is_file(), "images are copied beside the page");
    let other = site.published("pilots/an-giang/thoai-giang/index.html");
    assert!(!other.contains("class=\"banner-sample\""), "real pilots carry no banner");
}

#[test]
fn indicator_page_summarises_all_pilots() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    assert!(site.build().status.success());
    let page = site.published("indicators/commune_records_online_pct/index.html");
    // Values 75 and 58: n 2, median 66.5, one of two meets the target of 60.
    // Of the two, Thoại Giang's is sourced (2024), Giao Phong's illustrative (2025).
    assert!(page.contains("<dt>Số mô hình báo cáo</dt><dd>2 (1 có nguồn)</dd>"), "{page}");
    assert!(page.contains("<dt>Năm của số liệu</dt><dd>2024–2025 (2024: 1; 2025: 1)</dd>"), "{page}");
    assert!(page.contains("<dt>Trung vị</dt><dd>66,5 %</dd>"), "{page}");
    assert!(page.contains("<dt>Tỷ lệ đạt mục tiêu</dt><dd>50 %</dd>"), "{page}");
    let best = page.find("Xã Giao Phong</a>").unwrap();
    let second = page.find("Xã Thoại Giang</a>").unwrap();
    assert!(best < second, "values are sorted best first");
    let team = site.published("indicators/community_digital_team/index.html");
    assert!(team.contains("<dt>Số mô hình trả lời “có”</dt><dd>1/2</dd>"), "{team}");
}

#[test]
fn provinces_page_lists_units_without_pilots_as_gaps() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    assert!(site.build().status.success());
    let page = site.published("provinces/index.html");
    let ha_noi = page.find("Hà Nội</a>").unwrap();
    let row_start = page[..ha_noi].rfind("<tr").unwrap();
    assert!(page[row_start..ha_noi].contains("class=\"gap\""), "Hà Nội has no pilot");
    assert!(page.contains("<td>Ninh Bình, Hà Nam, Nam Định</td>"), "former units are listed, the unit itself too");
}

#[test]
fn downloads_follow_the_contract() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    assert!(site.build().status.success());
    let csv = std::fs::read(site.out().join("data/pilots.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM for Excel");
    let csv = String::from_utf8(csv[3..].to_vec()).unwrap();
    let mut lines = csv.lines();
    // The contract's columns first, unchanged; the year, source and provenance of each value after them.
    let header = lines.next().unwrap();
    assert!(
        header.starts_with(
            "province,commune,slug,url,fields,status,period_start,period_end,commune_records_online_pct,\
             officials_trained_digital_pct,ocop_products,community_digital_team,fiber_households_pct,\
             commune_records_online_pct:year,"
        ),
        "{header}"
    );
    assert!(header.ends_with(",community_digital_team:provenance,fiber_households_pct:provenance"), "{header}");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.contains(
        &"an-giang,Xã Thoại Giang,thoai-giang,https://example.test/ntm/pilots/an-giang/thoai-giang/,y-te;giao-duc,ongoing,2023,2025,58,100,,false,90.5,\
          2024,2024,,2024,2024,Báo An Giang,Báo An Giang,,Báo An Giang,Báo An Giang,sourced,sourced,,sourced,sourced"
    ), "{rows:?}");
    let json: serde_json::Value = serde_json::from_str(&site.published("data/pilots.json")).unwrap();
    let gp = &json.as_array().unwrap().iter().find(|p| p["slug"] == "giao-phong").unwrap();
    assert_eq!(gp["indicators"]["commune_records_online_pct"]["value"], 75.0);
    assert_eq!(gp["indicators"]["commune_records_online_pct"]["meets_target"], true);
    let tg = &json.as_array().unwrap().iter().find(|p| p["slug"] == "thoai-giang").unwrap();
    let value = &tg["indicators"]["fiber_households_pct"];
    assert_eq!(
        (&value["provenance"], &value["year"], &value["source"]),
        (&serde_json::json!("sourced"), &serde_json::json!(2024), &serde_json::json!("Báo An Giang"))
    );
    assert_eq!(value["indicator_name"], "Tỷ lệ hộ có cáp quang");
    assert_eq!(gp["former_province"], "nam-dinh");
    let inds: serde_json::Value = serde_json::from_str(&site.published("data/indicators.json")).unwrap();
    assert_eq!(inds[0]["id"], "commune_records_online_pct");
    assert_eq!(inds[0]["stats"]["median"], 66.5);
}

#[test]
fn feeds_and_robots_point_at_the_published_address() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    assert!(site.build().status.success());
    let atom = site.published("atom.xml");
    assert!(atom.contains("<id>https://example.test/ntm/pilots/ninh-binh/giao-phong/</id>"));
    assert!(atom.contains("<updated>2025-11-02T00:00:00Z</updated>"), "dates come from content");
    let sitemap = site.published("sitemap.xml");
    assert!(
        sitemap
            .contains("<loc>https://example.test/ntm/pilots/ninh-binh/giao-phong/</loc><lastmod>2025-11-02</lastmod>")
    );
    assert!(site.published("robots.txt").contains("Sitemap: https://example.test/ntm/sitemap.xml"));
    assert!(site.published("404.html").contains("href=\"/ntm/pilots/\""), "404 links work from any depth");
}

#[test]
fn hostile_strings_never_reach_the_output_unescaped() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let rel = "content/pilots/ninh-binh/giao-phong/index.md";
    site.edit(rel, "title: \"Xã Giao Phong: giáo dục thông minh\"", "title: \"<script>alert('t')</script>\"");
    site.edit(rel, "summary: \"Trường học là cửa ngõ số của xã.\"", "summary: '\"><img src=x onerror=alert(1)>'");
    site.edit(
        rel,
        "Bắt đầu từ trường học.",
        "<script>alert(1)</script>\n\n<div onclick=\"alert(2)\">x</div>\n\n[a](javascript:alert(3)) [b](JaVaScRiPt:alert(4)) \
         [c](data:text/html;base64,PHNjcmlwdD4=) <a href=\"&#106;avascript:alert(5)\">d</a>\n\n<iframe src=\"//evil.test\"></iframe>\n\n\
         <svg><script>alert(6)</script></svg> <style>body{}</style> <form action=\"//evil.test\"><input type=\"text\"></form>",
    );
    let m = "content/pilots/ninh-binh/giao-phong/metrics.yaml";
    site.edit(m, "former_district: \"Giao Thủy\"", "former_district: \"<img src=x onerror=alert(7)>\"");
    site.edit(m, "note: \"Nâng ngưỡng.\"", "note: \"</td><script>alert(8)</script>\"");
    let o = site.build();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning[raw-html-removed]"), "{}", stderr(&o));
    for (path, bytes) in tree(&site.out()) {
        if path.ends_with(".html") || path.ends_with(".xml") {
            let found = executable_parts(&String::from_utf8_lossy(&bytes), "/ntm/");
            assert!(found.is_empty(), "{path}: {found:?}");
        }
    }
    let page = site.published("pilots/ninh-binh/giao-phong/index.html");
    assert!(
        page.contains("<h1>&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;</h1>"),
        "titles are escaped, not dropped"
    );
}

#[test]
fn the_pilot_list_sorts_vietnamese_names_by_their_letters() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    for (prov, slug, commune) in [("ha-noi", "gia-lam", "Xã Gia Lâm"), ("ha-noi", "dong-anh", "Xã Đông Anh")] {
        let dir = format!("content/pilots/{prov}/{slug}");
        site.write(&format!("{dir}/index.md"), "---\ntitle: \"T\"\nsummary: \"S\"\ndate: 2024-01-01\n---\nText.\n");
        site.write(
            &format!("{dir}/metrics.yaml"),
            &format!("commune: \"{commune}\"\nprovince: {prov}\nfields: [y-te]\nperiod: {{ start: 2024, end: 2025 }}\nstatus: planned\nindicators: {{}}\n"),
        );
    }
    let o = site.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let list = site.published("pilots/index.html");
    let order: Vec<usize> = ["Xã Thoại Giang", "Xã Đông Anh", "Xã Gia Lâm", "Xã Giao Phong"]
        .iter()
        .map(|c| list.find(&format!(">{c}</a>")).unwrap_or_else(|| panic!("{c} missing")))
        .collect();
    // An Giang, then Hà Nội (Đông Anh before Gia Lâm: đ sorts with d, not after z), then Ninh Bình.
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

#[test]
fn a_site_built_from_unchanged_inputs_is_not_built_again() {
    use std::os::unix::fs::MetadataExt;
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let built = |o: &std::process::Output| {
        assert!(o.status.success(), "{}", stderr(o));
        let said = stderr(o);
        assert!(said.contains("đã dựng") != said.contains("không có gì thay đổi"), "{said}");
        said.contains("đã dựng")
    };
    let page = "pilots/an-giang/thoai-giang/index.html";
    let stamp = |rel: &str| {
        let m = std::fs::metadata(site.out().join(rel)).unwrap();
        (m.ino(), m.mtime_nsec(), m.mtime())
    };
    assert!(built(&site.build()));
    let (first, page_stamp, marker_stamp) = (tree(&site.out()), stamp(page), stamp(".langso-output"));

    // Nothing changed, or a file saved again with the same bytes: nothing is written.
    let o = site.build();
    assert!(!built(&o));
    assert!(stderr(&o).contains(&format!("`{}`", site.out().display())), "{}", stderr(&o));
    site.edit("content/pilots/an-giang/thoai-giang/index.md", "", "");
    assert!(!built(&site.build()));
    assert_eq!((stamp(page), stamp(".langso-output")), (page_stamp, marker_stamp));
    assert_eq!(tree(&site.out()), first);

    // Each of these builds again, and puts back what the unchanged inputs make.
    let out = site.out();
    let tampered: [(&str, &dyn Fn()); 3] = [
        ("an output file changed", &|| std::fs::write(out.join(page), "<p>sửa tay</p>").unwrap()),
        ("an output file removed", &|| std::fs::remove_file(out.join("robots.txt")).unwrap()),
        ("an output file added", &|| std::fs::write(out.join("extra.html"), "x").unwrap()),
    ];
    for (what, tamper) in tampered {
        tamper();
        assert!(built(&site.build()), "{what}");
        assert_eq!(tree(&site.out()), first, "{what}");
        assert!(!built(&site.build()), "{what}: then up to date");
    }
    // A file whose size stays the same but whose time is newer than the build's.
    let size = std::fs::metadata(out.join(page)).unwrap().len() as usize;
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(out.join(page), "x".repeat(size)).unwrap();
    assert!(built(&site.build()), "same size, newer");
    assert_eq!(tree(&site.out()), first);

    let root = site.root().to_str().unwrap();
    assert!(built(&langso(&["build", "--root", root, "--force"])), "--force builds anyway");
    assert!(built(&langso(&["build", "--root", root, "--base-url", "https://example.org/ntm/"])), "another address");
    assert!(site.published(page).contains("https://example.org/ntm/"));
    assert!(built(&site.build()), "and back");
    site.write("themes/default/templates/partials/unused.html", "<p></p>");
    assert!(built(&site.build()), "a theme file added");
    site.edit("content/pilots/an-giang/thoai-giang/metrics.yaml", "Xã Thoại Giang", "Xã Thoại Giang Mới");
    assert!(built(&site.build()), "content edited");
    assert!(site.published(page).contains("Xã Thoại Giang Mới"));
}
