//! Messages that name the real mistake (issue 17): each case is the minimal site with one
//! mistake an office worker makes, run through the real `langso check`, and the exact
//! place and words (Vietnamese, and English for a few) it must report. New codes also
//! have their fixture under `tests/fixtures/check/`; these cases pin the wording of
//! mistakes reported under codes that already existed.

mod common;

use common::*;
use serde_json::Value;

const THOAI: &str = "content/pilots/an-giang/thoai-giang";

/// One mistake: how to make it, and what `check` must say.
struct Case {
    name: &'static str,
    /// (file, text to replace, replacement); `from == ""` writes the whole file.
    edits: &'static [(&'static str, &'static str, &'static str)],
    code: &'static str,
    /// `PATH:LINE:COLUMN`, PATH relative to the pilot folder when it has no `/`.
    at: &'static str,
    /// Words the message and help (joined by a newline) must contain, in Vietnamese.
    says: &'static [&'static str],
}

fn report(site: &TestSite, lang: &str) -> Vec<Value> {
    site.edit("content/site.yaml", "language: vi", &format!("language: {lang}"));
    let o = langso(&["check", "--root", site.root().to_str().unwrap(), "--format", "json"]);
    site.edit("content/site.yaml", &format!("language: {lang}"), "language: vi");
    let text = String::from_utf8(o.stdout).unwrap();
    serde_json::from_str::<Value>(&text)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
        .as_array()
        .unwrap()
        .clone()
}

fn site_with(edits: &[(&str, &str, &str)]) -> TestSite {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    for (file, from, to) in edits {
        let rel = if file.contains('/') { file.to_string() } else { format!("{THOAI}/{file}") };
        if from.is_empty() { site.write(&rel, to) } else { site.edit(&rel, from, to) }
    }
    site
}

fn place(d: &Value) -> String {
    format!("{}:{}:{}", d["path"].as_str().unwrap(), d["line"], d["column"])
}

fn text(d: &Value) -> String {
    format!("{}\n{}", d["message"].as_str().unwrap(), d["help"].as_str().unwrap())
}

fn run(cases: &[Case]) {
    let mut failures = Vec::new();
    for c in cases {
        let site = site_with(c.edits);
        let diags = report(&site, "vi");
        let at = if c.at.starts_with("content/") { c.at.to_string() } else { format!("{THOAI}/{}", c.at) };
        let found: Vec<&Value> = diags.iter().filter(|d| d["code"] == c.code && place(d) == at).collect();
        match found.as_slice() {
            [d] => {
                for s in c.says {
                    if !text(d).contains(s) {
                        failures.push(format!("{}: `{s}` not in:\n{}", c.name, text(d)));
                    }
                }
            }
            _ => failures.push(format!(
                "{}: expected one {} at {at}, found {:?}",
                c.name,
                c.code,
                diags.iter().map(|d| format!("{} {} {}", d["code"], place(d), text(d))).collect::<Vec<_>>()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn numbers_years_and_dates_written_the_vietnamese_way() {
    run(&[
        Case {
            name: "decimal comma",
            edits: &[(
                "metrics.yaml",
                "fiber_households_pct: { value: 90.5, year: 2024, source: \"Báo An Giang\" }",
                "fiber_households_pct: 90,5",
            )],
            code: "wrong-type",
            at: "metrics.yaml:11:25",
            says: &["`90,5` dùng dấu phẩy thập phân", "ghi `90.5`"],
        },
        Case {
            name: "decimal comma in a flow mapping",
            edits: &[("metrics.yaml", "value: 90.5", "value: 90,5")],
            code: "wrong-type",
            at: "metrics.yaml:11:34",
            says: &["`90,5` dùng dấu phẩy thập phân", "ghi `90.5`"],
        },
        Case {
            name: "thousands separator",
            edits: &[("content/pilots/ninh-binh/giao-phong/metrics.yaml", "population: 6835", "population: 6.835")],
            // Three digits after the point: the plausibility check names it (issue 14's
            // `thousands-separator`), with the number meant.
            code: "thousands-separator",
            at: "content/pilots/ninh-binh/giao-phong/metrics.yaml:8:13",
            says: &["`6.835` có ba chữ số sau dấu chấm", "có phải ý bạn là 6835?"],
        },
        Case {
            name: "thousands separator with a comma",
            edits: &[("content/pilots/ninh-binh/giao-phong/metrics.yaml", "households: 2467", "households: 2,467")],
            code: "wrong-type",
            at: "content/pilots/ninh-binh/giao-phong/metrics.yaml:9:13",
            says: &["ghi `2467`"],
        },
        Case {
            name: "a percent sign",
            edits: &[("metrics.yaml", "value: 58, year", "value: 58%, year")],
            code: "wrong-type",
            at: "metrics.yaml:8:40",
            says: &["`58%` có dấu phần trăm", "ghi `58`: đơn vị tính đã do chỉ tiêu quy định"],
        },
        Case {
            name: "yes written in words",
            edits: &[("metrics.yaml", "value: false, year", "value: có, year")],
            code: "wrong-type",
            at: "metrics.yaml:10:36",
            says: &["`có` là có hoặc không viết bằng chữ", "ở đây: `true`"],
        },
        Case {
            name: "a count with a thousands separator",
            edits: &[("content/pilots/ninh-binh/giao-phong/metrics.yaml", "value: 4, year", "value: 1.200, year")],
            code: "thousands-separator",
            at: "content/pilots/ninh-binh/giao-phong/metrics.yaml:16:27",
            says: &["`1.200` có ba chữ số sau dấu chấm", "có phải ý bạn là 1200?"],
        },
        Case {
            name: "a month and a year",
            edits: &[("metrics.yaml", "value: 58, year: 2024", "value: 58, year: 11/2024")],
            code: "wrong-type",
            at: "metrics.yaml:8:50",
            says: &["`11/2024` là tháng và năm", "chỉ ghi năm: `2024`"],
        },
        Case {
            name: "a day-first date",
            edits: &[("index.md", "date: 2024-06-01", "date: 01/06/2024")],
            code: "invalid-date",
            at: "index.md:4:7",
            says: &["ngày/tháng/năm", "ghi `2024-06-01` (năm-tháng-ngày)"],
        },
        Case {
            name: "a key without a value",
            edits: &[("metrics.yaml", "value: 58, year", "value: , year")],
            code: "missing-key",
            at: "metrics.yaml:8:33",
            says: &["`value:` chưa có giá trị", "thêm `value:`"],
        },
        Case {
            name: "a unit in Vietnamese words",
            edits: &[("metrics.yaml", "value: 58, year", "value: 158, year")],
            code: "out-of-range",
            at: "metrics.yaml:8:40",
            says: &["(phần trăm)"],
        },
    ]);
}

#[test]
fn one_clear_message_for_a_year_written_wrongly() {
    let site = site_with(&[("metrics.yaml", "value: 58, year: 2024", "value: 58, year: 11/2024")]);
    let on_line: Vec<String> = report(&site, "vi")
        .iter()
        .filter(|d| place(d).starts_with(&format!("{THOAI}/metrics.yaml:8:")))
        .map(|d| format!("{} {}", d["code"], text(d)))
        .collect();
    assert_eq!(on_line.len(), 1, "no warning \"has no year\" beside the error: {on_line:?}");
}

#[test]
fn yaml_syntax_errors_say_what_to_do() {
    run(&[
        Case {
            name: "tab indentation",
            edits: &[("metrics.yaml", "period: { start: 2023, end: 2025 }", "period:\n\tstart: 2023\n\tend: 2025")],
            code: "yaml-syntax",
            at: "metrics.yaml:5:2",
            says: &["ký tự Tab", "thay mọi ký tự Tab bằng dấu cách"],
        },
        Case {
            name: "a colon in a value",
            edits: &[("index.md", "title: \"Xã Thoại Giang: y tế số\"", "title: Xã Thoại Giang: y tế số")],
            code: "yaml-syntax",
            at: "index.md:2:22",
            says: &["giá trị có `: `", "`title: \"Xã Thoại Giang: y tế số\"`"],
        },
        Case {
            name: "an unclosed quote",
            edits: &[(
                "index.md",
                "summary: \"Hồ sơ sức khỏe điện tử cho mọi người dân.\"",
                "summary: 'Hồ sơ sức khỏe",
            )],
            code: "yaml-syntax",
            at: "index.md:3:10",
            says: &["không được đóng lại", "trên cùng một dòng"],
        },
        Case {
            name: "text after the closing quote",
            edits: &[("index.md", "title: \"Xã Thoại Giang: y tế số\"", "title: \"Xã \"Thoại Giang\" y tế số\"")],
            code: "yaml-syntax",
            at: "index.md:2:13",
            says: &["vẫn còn chữ sau dấu ngoặc kép đóng", "dấu nháy đơn"],
        },
        Case {
            name: "bad indentation",
            edits: &[("metrics.yaml", "status: ongoing", "  status: ongoing")],
            code: "yaml-syntax",
            at: "metrics.yaml:5:3",
            says: &["thụt lề không khớp", "cùng một cột"],
        },
        Case {
            name: "a key without a colon",
            edits: &[("metrics.yaml", "status: ongoing", "status ongoing")],
            code: "yaml-syntax",
            at: "metrics.yaml:5:1",
            says: &["thiếu dấu hai chấm", "`population: 6835`"],
        },
    ]);
}

#[test]
fn provinces_by_slug_and_by_the_unit_that_absorbed_them() {
    const G: &str = "content/pilots/ninh-binh/giao-phong/metrics.yaml";
    run(&[
        Case {
            name: "a province's name instead of its slug",
            edits: &[(G, "province: ninh-binh", "province: \"Ninh Bình\"")],
            code: "province-mismatch",
            at: "content/pilots/ninh-binh/giao-phong/metrics.yaml:2:11",
            says: &["`Ninh Bình` là tên; hãy ghi mã `ninh-binh`"],
        },
        Case {
            name: "the former unit as the province",
            edits: &[(G, "province: ninh-binh", "province: nam-dinh")],
            code: "province-mismatch",
            at: "content/pilots/ninh-binh/giao-phong/metrics.yaml:2:11",
            says: &["ghi `province: ninh-binh` và `former_province: nam-dinh`"],
        },
        Case {
            name: "a former province by its name",
            edits: &[(G, "former_province: nam-dinh", "former_province: Nam Định")],
            code: "former-province",
            at: "content/pilots/ninh-binh/giao-phong/metrics.yaml:3:18",
            says: &["`Nam Định` là tên; hãy ghi mã `nam-dinh`"],
        },
        Case {
            name: "a former province of another unit",
            edits: &[(G, "former_province: nam-dinh", "former_province: kien-giang")],
            code: "former-province",
            at: "content/pilots/ninh-binh/giao-phong/metrics.yaml:3:18",
            says: &["từ ngày 1/7/2025, An Giang, Kiên Giang hợp nhất thành An Giang; ghi `an-giang`"],
        },
    ]);
}

#[test]
fn a_folder_named_after_a_merged_province_or_a_name() {
    for (folder, says) in [
        ("nam-dinh", "từ ngày 1/7/2025, Ninh Bình, Hà Nam, Nam Định hợp nhất thành Ninh Bình; ghi `ninh-binh`"),
        ("Ninh Bình", "`Ninh Bình` là tên; hãy ghi mã `ninh-binh`"),
    ] {
        let site = TestSite::from_fixture("tests/fixtures/minimal");
        let pilots = site.root().join("content/pilots");
        std::fs::rename(pilots.join("ninh-binh"), pilots.join(folder)).unwrap();
        let diags = report(&site, "vi");
        let d = diags.iter().find(|d| d["code"] == "unknown-province").unwrap_or_else(|| panic!("{diags:?}"));
        assert_eq!(place(d), format!("content/pilots/{folder}:1:1"));
        assert!(text(d).contains(says), "{}", text(d));
    }
}

#[test]
fn files_named_almost_right_are_named_with_the_fix() {
    for (expected, misnamed) in [
        ("metrics.yaml", "metrics.yaml.txt"),
        ("index.md", "Index.md"),
        ("index.md", "index.MD"),
        ("metrics.yaml", "metrics.yml"),
    ] {
        let site = TestSite::from_fixture("tests/fixtures/minimal");
        let dir = site.root().join(THOAI);
        std::fs::rename(dir.join(expected), dir.join(misnamed)).unwrap();
        let diags = report(&site, "vi");
        let found: Vec<String> = diags.iter().map(|d| format!("{} {} {}", d["code"], place(d), text(d))).collect();
        assert!(
            found.iter().any(|d| d.starts_with(&format!(
                "\"misnamed-file\" {THOAI}/{misnamed}:1:1 tệp `{misnamed}` phải có tên là `{expected}`"
            ))),
            "{found:?}"
        );
        assert!(!found.iter().any(|d| d.contains("missing-file")), "{found:?}");
    }
}

#[test]
fn photos_from_a_phone_or_from_the_computer() {
    const SECTION: &str = "Mỗi ấp có một tổ công nghệ số.";
    run(&[
        Case {
            name: "a HEIC photo",
            edits: &[("anh.HEIC", "", "not really a photo"), ("index.md", SECTION, "![Tổ công nghệ](anh.HEIC)")],
            code: "unsafe-file",
            at: "index.md:14:1",
            says: &["ảnh HEIC/HEIF", "chuyển ảnh sang JPG"],
        },
        Case {
            name: "a photo on the editor's computer",
            edits: &[("index.md", SECTION, "![Tổ công nghệ](C:\\Users\\Lan\\Pictures\\anh.jpg)")],
            code: "absolute-path",
            at: "index.md:14:1",
            says: &[
                "là một tệp trên máy tính của bạn",
                "chép tệp vào thư mục của mô hình và chỉ ghi tên tệp: `anh.jpg`",
            ],
        },
        Case {
            name: "a link to a file on the editor's computer",
            edits: &[("index.md", SECTION, "Xem [báo cáo](C:/Users/Lan/bao-cao.pdf).")],
            code: "absolute-path",
            at: "index.md:14:5",
            says: &["chỉ ghi tên tệp: `bao-cao.pdf`"],
        },
        Case {
            name: "a space in an image's file name",
            edits: &[("Ảnh 1.JPG", "", "jpg"), ("index.md", SECTION, "![Vườn cam](Ảnh 1.JPG)")],
            code: "unparsed-link",
            at: "index.md:14:1",
            says: &["`![Vườn cam](Ảnh 1.JPG)` không được hiểu là liên kết", "ghi `![Vườn cam](<Ảnh 1.JPG>)`"],
        },
    ]);
}

/// The fix the help gives for a space in a file name works: the photo is published.
#[test]
fn the_written_out_fix_for_a_space_publishes_the_photo() {
    let site = site_with(&[("index.md", "Mỗi ấp có một tổ công nghệ số.", "![Vườn cam](<Ảnh 1.JPG>)")]);
    let photo = common::photos::jpeg(&common::photos::photo_like(600, 400, 1), 85);
    std::fs::write(site.root().join(THOAI).join("Ảnh 1.JPG"), photo).unwrap();
    let o = site.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let page = site.published("pilots/an-giang/thoai-giang/index.html");
    // The page shows the photo's variants, named after it (the space and the letter encoded).
    let src = page.split("<img src=\"").nth(1).unwrap().split('"').next().unwrap();
    assert!(src.starts_with("%E1%BA%A2nh%201.") && src.ends_with(".600x400.jpg"), "{page}");
    let published = percent_encoding::percent_decode_str(src).decode_utf8().unwrap();
    assert!(site.out().join("pilots/an-giang/thoai-giang").join(&*published).is_file(), "{published}");
    assert!(site.out().join("pilots/an-giang/thoai-giang/Ảnh 1.JPG").is_file(), "and at its own name");
    assert!(!page.contains("]("), "no Markdown syntax published");
}

/// `| ---: |` keeps its alignment as a class the style sheet aligns (the site's CSP
/// forbids style attributes), with and without raw HTML in the document (the sanitizer).
#[test]
fn table_alignment_is_kept_as_classes() {
    let table = "| Chỉ tiêu | 2023 | Ghi chú |\n|:---|---:|:---:|\n| Hộ có cáp quang | 1.250 | tăng |\n";
    for extra in ["", "\n<b>HTML</b>\n"] {
        let markdown = format!("{table}{extra}");
        let site = site_with(&[("index.md", "Mỗi ấp có một tổ công nghệ số.", &markdown)]);
        let o = site.build();
        assert!(o.status.success(), "{}", stderr(&o));
        let page = site.published("pilots/an-giang/thoai-giang/index.html");
        for cell in [
            "<th class=\"align-left\">Chỉ tiêu</th>",
            "<th class=\"align-right\">2023</th>",
            "<th class=\"align-center\">Ghi chú</th>",
            "<td class=\"align-right\">1.250</td>",
        ] {
            assert!(page.contains(cell), "`{cell}` with {extra:?} in:\n{page}");
        }
        assert!(!page.contains("style="), "{page}");
        let css = site.published("assets/style.css");
        assert!(css.contains(".prose td.align-right"), "the theme aligns the class");
    }
}

/// A page without a description shows no lead paragraph (it used to show the site's
/// tagline, as if it summed the page up); one with a description shows it.
#[test]
fn a_page_without_a_description_has_no_lead_paragraph() {
    let site = site_with(&[]);
    assert!(site.build().status.success());
    let without = site.published("phuong-phap/index.html");
    assert!(!without.contains("class=\"lead\""), "{without}");
    assert!(
        without.contains("<meta name=\"description\" content=\"Một trang nhỏ để kiểm thử.\">"),
        "meta keeps the site's"
    );
    let with = site.published("gioi-thieu/index.html");
    assert!(with.contains("<p class=\"lead\">Về trang thử nghiệm.</p>"), "{with}");
}

/// `check --strict` failing on warnings alone says which warnings made it fail.
#[test]
fn strict_says_which_warnings_made_it_fail() {
    let site = site_with(&[("index.md", "## Kết quả", "#### Kết quả")]);
    for format in ["human", "json"] {
        let o = langso(&["check", "--strict", "--format", format, "--root", site.root().to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        assert!(
            err.contains("không đạt vì có `--strict`, các cảnh báo sau được tính là lỗi: `heading-level` ×1"),
            "{format}: {err}"
        );
    }
    let o = langso(&["check", "--root", site.root().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(!stderr(&o).contains("--strict"), "{}", stderr(&o));
}

/// Every page and download the build publishes can be linked from Markdown with `@/`
/// (and as the site's own address), and is published under the base path; the list of
/// what a link may name and what the build writes cannot drift apart.
#[test]
fn every_generated_page_can_be_linked_from_markdown() {
    let site = site_with(&[]);
    assert!(site.build().status.success());
    let mut paths: Vec<String> = Vec::new();
    for entry in walkdir::WalkDir::new(site.out()) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(site.out()).unwrap().to_string_lossy().replace('\\', "/");
        let page = rel.strip_suffix("index.html").filter(|_| !rel.starts_with("search/index/"));
        let download = ["data/", "schema/"].iter().any(|d| rel.starts_with(d))
            || ["atom.xml", "sitemap.xml"].contains(&rel.as_str());
        match page {
            Some(dir) => paths.push(dir.to_string()),
            None if download => paths.push(rel),
            None => {}
        }
    }
    assert!(paths.len() > 30, "{paths:?}");
    for fixed in langso::render::site_links::FIXED {
        assert!(paths.contains(&fixed.to_string()), "`@/{fixed}` is accepted but not published");
    }
    let links: Vec<String> = paths.iter().map(|p| format!("- [{p}](@/{p})")).collect();
    let own = "- [bảng](https://example.test/ntm/criteria/#ban-do)\n- [trang chủ](https://example.test/ntm)\n- [mục](@/pilots/ninh-binh/giao-phong/#bai-hoc)\n";
    site.write("content/pages/lien-ket.md", &format!("---\ntitle: \"Liên kết\"\n---\n\n{}\n{own}", links.join("\n")));
    let o = site.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let page = site.published("lien-ket/index.html");
    for p in &paths {
        assert!(page.contains(&format!("href=\"/ntm/{p}\"")), "`@/{p}` not published under the base path");
    }
    assert!(page.contains("href=\"/ntm/criteria/#ban-do\""), "{page}");
    assert!(page.contains("href=\"/ntm/\""), "{page}");
    assert!(page.contains("href=\"/ntm/pilots/ninh-binh/giao-phong/#bai-hoc\""), "{page}");
}

#[test]
fn a_broken_link_to_a_generated_page_is_an_error_with_the_forms_that_work() {
    const SECTION: &str = "Mỗi ấp có một tổ công nghệ số.";
    run(&[
        Case {
            name: "a province misspelt",
            edits: &[("index.md", SECTION, "Xem [tỉnh](@/provinces/ninh-bihn/).")],
            code: "broken-link",
            at: "index.md:14:5",
            says: &[
                "liên kết `@/provinces/ninh-bihn/` dẫn tới một trang mà trang web không có",
                "có phải ý bạn là `@/provinces/ninh-binh/`?",
                "`@/indicators/<mã chỉ tiêu>/`",
            ],
        },
        Case {
            name: "a province merged on 1 July 2025",
            edits: &[("index.md", SECTION, "Xem [tỉnh](@/provinces/nam-dinh/).")],
            code: "broken-link",
            at: "index.md:14:5",
            says: &["từ ngày 1/7/2025, Ninh Bình, Hà Nam, Nam Định hợp nhất thành Ninh Bình; ghi `ninh-binh`"],
        },
        Case {
            name: "nothing near",
            edits: &[("index.md", SECTION, "Xem [bảng](@/bang-dieu-khien-tieu-chi/).")],
            code: "broken-link",
            at: "index.md:14:5",
            says: &["`@/criteria/` (bảng tổng hợp tiêu chí)", "`@/data/pilots.csv`"],
        },
        Case {
            name: "the site's own address, broken",
            edits: &[("index.md", SECTION, "Xem [đây](https://example.test/ntm/pilots/an-giang/khong-co/).")],
            code: "broken-link",
            at: "index.md:14:5",
            says: &["dẫn tới `@/pilots/an-giang/khong-co/`"],
        },
        Case {
            name: "a relative link into a merged province's folder",
            edits: &[("index.md", SECTION, "Xem [đây](../../kien-giang/hon-dat/).")],
            code: "broken-link",
            at: "index.md:14:5",
            says: &["`kien-giang` là Kiên Giang: từ ngày 1/7/2025, An Giang, Kiên Giang hợp nhất thành An Giang"],
        },
        Case {
            name: "a heading of a pilot linked from the root",
            edits: &[("index.md", SECTION, "Xem [đây](@/pilots/ninh-binh/giao-phong/#khong-co).")],
            code: "broken-anchor",
            at: "index.md:14:5",
            says: &["`khong-co`"],
        },
    ]);
}

/// The same mistakes on an English site read in English.
#[test]
fn english_sites_read_the_same_mistakes_in_english() {
    let site = site_with(&[
        ("metrics.yaml", "value: 90.5", "value: 90,5"),
        ("index.md", "Mỗi ấp có một tổ công nghệ số.", "![Vườn cam](Ảnh 1.JPG) [x](@/provinces/nam-dinh/)"),
    ]);
    let all: Vec<String> = report(&site, "en").iter().map(text).collect();
    for says in [
        "`90,5` has a decimal comma, which YAML reads as text, not as a number\nwrite `90.5`: YAML puts a dot before the decimals",
        "`![Vườn cam](Ảnh 1.JPG)` was not read as a link and would be published as it is written\nthe file name has a space: write `![Vườn cam](<Ảnh 1.JPG>)`, or rename the file without spaces",
        "the link `@/provinces/nam-dinh/` leads to a page the site does not have\n`nam-dinh` is Nam Định: on 1 July 2025 Ninh Bình, Hà Nam, Nam Định were merged into Ninh Bình; write `ninh-binh`",
    ] {
        assert!(all.iter().any(|t| t == says), "{says:?} not in {all:#?}");
    }
}
