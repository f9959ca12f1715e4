//! A generated site root for benchmarks: `--pilots N` realistic pilots spread over all
//! 34 provincial units and every field, with the registries and pages of this
//! repository's `content/`. Deterministic: the same `--seed` gives the same files.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --pilots 1000 --seed 1 --out /tmp/corpus-1k
//! cargo run --release --example gen_corpus -- --pilots 1000 --out /tmp/corpus-1k --hugo /tmp/hugo-1k
//! ```
//!
//! Each pilot has an `index.md` of 600–900 words of Vietnamese in the six recommended
//! sections, with a list, a table, a footnote and links to other pilots and to a heading,
//! and a `metrics.yaml` with 10–16 indicators of the catalog, some baselines and
//! proposals. All of it is illustrative (`sample: true`); no figure is official.
//!
//! `--hugo DIR` also writes the same pilots as a Hugo site, so that `cargo bench --bench build`
//! can compare with `hugo` on the same corpus: one page per pilot (the same Markdown, its
//! metrics in the front matter and rendered as a table), a list page per province, the fields
//! and indicators as taxonomies (a list page per field and per indicator), one RSS feed, a
//! sitemap and robots.txt. What langso renders on top (share cards, the search index,
//! the criteria dashboard and its charts, statistics, downloads) Hugo does not.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use langso::model::{Better, Field, Indicator, Province, Unit};

/// What to generate.
pub struct Options {
    pub pilots: usize,
    pub seed: u64,
    pub out: PathBuf,
    /// The site root whose registries and pages are copied (this repository by default).
    pub from: PathBuf,
    /// Also write the pilots as a Hugo site into this folder.
    pub hugo: Option<PathBuf>,
}

/// A small deterministic generator (SplitMix64): no dependency, same numbers everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5EED_1A5C_0FFE_E000)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// In `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next_u64() as usize % items.len()]
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

const SYLLABLES: &[&str] = &[
    "An",
    "Bình",
    "Cẩm",
    "Châu",
    "Đông",
    "Đức",
    "Giang",
    "Hà",
    "Hải",
    "Hòa",
    "Hưng",
    "Hương",
    "Khánh",
    "Kim",
    "Lâm",
    "Long",
    "Lộc",
    "Minh",
    "Mỹ",
    "Nam",
    "Nghĩa",
    "Ngọc",
    "Phong",
    "Phú",
    "Phúc",
    "Quang",
    "Sơn",
    "Tân",
    "Thạch",
    "Thanh",
    "Thành",
    "Thịnh",
    "Thuận",
    "Tiến",
    "Trung",
    "Trường",
    "Tường",
    "Vân",
    "Việt",
    "Vĩnh",
    "Xuân",
    "Yên",
];

const OPENINGS: &[&str] = &[
    "Trước khi triển khai mô hình, {x} gặp nhiều khó khăn trong việc tiếp cận dịch vụ công trực tuyến",
    "Phần lớn người dân {x} sống bằng nghề nông, thu nhập chưa ổn định và ít dùng điện thoại thông minh",
    "Ủy ban nhân dân {x} xác định chuyển đổi số là nhiệm vụ trọng tâm của cả nhiệm kỳ",
    "Hạ tầng viễn thông của {x} còn chưa đồng đều giữa các thôn, nhất là những thôn xa trung tâm",
    "Cán bộ {x} đã được tập huấn về kỹ năng số nhưng còn lúng túng khi xử lý hồ sơ trên môi trường mạng",
    "Tổ công nghệ số cộng đồng của {x} được thành lập với sự tham gia của đoàn viên thanh niên và hội phụ nữ",
    "Hợp tác xã nông nghiệp của {x} bắt đầu đưa sản phẩm lên sàn thương mại điện tử",
    "Nhiều hộ gia đình ở {x} đã quen với việc thanh toán tiền điện, tiền nước qua ứng dụng ngân hàng",
    "Trạm y tế {x} triển khai hồ sơ sức khỏe điện tử cho người dân trên địa bàn",
    "Trường học trên địa bàn {x} sử dụng sổ liên lạc điện tử và học bạ số",
    "Hệ thống truyền thanh thông minh giúp {x} đưa thông tin đến từng thôn nhanh hơn",
    "Kinh phí thực hiện mô hình của {x} được lồng ghép từ nhiều nguồn vốn khác nhau",
];

const CLAUSES: &[&str] = &[
    "nhờ sự vào cuộc của cả hệ thống chính trị",
    "với sự hỗ trợ của doanh nghiệp viễn thông trên địa bàn",
    "sau nhiều buổi hướng dẫn tận nơi cho người cao tuổi",
    "trong bối cảnh sắp xếp lại đơn vị hành chính cấp xã",
    "dù nguồn lực của địa phương còn hạn chế",
    "theo đúng lộ trình mà tỉnh đã đề ra",
    "gắn với phong trào xây dựng nông thôn mới nâng cao",
    "và được người dân đồng tình ủng hộ",
    "qua đó tiết kiệm thời gian đi lại cho người dân",
    "đồng thời nâng cao chất lượng phục vụ của bộ máy chính quyền",
    "với chi phí thấp hơn nhiều so với cách làm truyền thống",
    "nhờ mạng cáp quang đã phủ tới hầu hết các thôn",
];

const SECTIONS: &[&str] = &["Bối cảnh", "Giải pháp", "Nền tảng số", "Kết quả", "Bài học", "Đề xuất tiêu chí"];

const LIST_ITEMS: &[&str] = &[
    "Tập huấn kỹ năng số cho cán bộ thôn và tổ công nghệ số cộng đồng",
    "Hướng dẫn người dân cài đặt và sử dụng ứng dụng định danh điện tử",
    "Lắp đặt điểm truy cập Internet miễn phí tại nhà văn hóa thôn",
    "Số hóa hồ sơ, giấy tờ tại bộ phận một cửa của xã",
    "Đưa sản phẩm OCOP lên sàn thương mại điện tử",
    "Thanh toán học phí và viện phí không dùng tiền mặt",
    "Lập nhóm mạng xã hội của từng thôn để truyền tải thông tin",
    "Cài đặt camera an ninh tại các tuyến đường chính",
];

struct Commune {
    province: String,
    slug: String,
    name: String,
}

/// Writes the corpus; returns the number of pilots written.
pub fn generate(opts: &Options) -> Result<usize, String> {
    let mut diags = Vec::new();
    let regs = langso::load::load_registries(&opts.from, &mut diags);
    let provinces = regs.provinces.as_deref().filter(|p| !p.is_empty()).ok_or("no provinces in the source")?;
    let fields = regs.fields.as_deref().filter(|f| !f.is_empty()).ok_or("no fields in the source")?;
    let indicators = regs.indicators.as_deref().filter(|i| i.len() >= 16).ok_or("too few indicators")?;
    if opts.out.exists() {
        std::fs::remove_dir_all(&opts.out).map_err(|e| format!("{}: {e}", opts.out.display()))?;
    }
    let content = opts.out.join("content");
    for file in ["site.yaml", "provinces.yaml", "regions.yaml", "fields.yaml", "indicators.yaml"] {
        copy(&opts.from.join("content").join(file), &content.join(file))?;
    }
    let pages = opts.from.join("content/pages");
    if let Ok(entries) = std::fs::read_dir(&pages) {
        for e in entries.flatten() {
            copy(&e.path(), &content.join("pages").join(e.file_name()))?;
        }
    }

    if let Some(hugo) = &opts.hugo {
        hugo_skeleton(hugo, provinces, fields, indicators)?;
    }

    let mut rng = Rng::new(opts.seed);
    let mut used = std::collections::HashSet::new();
    let mut communes: Vec<Commune> = Vec::with_capacity(opts.pilots);
    for i in 0..opts.pilots {
        // Round-robin over the units, so every one of them has pilots.
        let province = &provinces[i % provinces.len()];
        let (name, slug) = loop {
            let words = if rng.chance(80) { 2 } else { 3 };
            let name: Vec<&str> = (0..words).map(|_| *rng.pick(SYLLABLES)).collect();
            let name = name.join(" ");
            let slug = langso::slug::commune_slug(&name);
            if used.insert((province.slug.clone(), slug.clone())) {
                break (name, slug);
            }
        };
        communes.push(Commune { province: province.slug.clone(), slug, name: format!("Xã {name}") });
    }
    for (i, c) in communes.iter().enumerate() {
        let dir = content.join("pilots").join(&c.province).join(&c.slug);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        // Every field gets pilots: the primary field goes round-robin too.
        let primary = i % fields.len();
        let others: Vec<usize> = (0..rng.range(0, 2)).map(|_| rng.range(0, fields.len() as u64 - 1) as usize).collect();
        let mut f = vec![primary];
        f.extend(others.into_iter().filter(|x| *x != primary));
        f.dedup();
        let field_slugs: Vec<&str> = f.iter().map(|&i| fields[i].slug.as_str()).collect();
        let link = (i > 0).then(|| &communes[rng.range(0, i as u64 - 1) as usize]);
        let md = index_md(&mut rng, c, link);
        let metrics = metrics_yaml(&mut rng, c, &field_slugs, indicators);
        if let Some(hugo) = &opts.hugo {
            let page = hugo.join("content/pilots").join(&c.province).join(format!("{}.md", c.slug));
            write(&page, &hugo_page(&md, &metrics, c, &field_slugs))?;
        }
        write(&dir.join("index.md"), &md)?;
        write(&dir.join("metrics.yaml"), &metrics)?;
    }
    Ok(communes.len())
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to.parent().unwrap()).map_err(|e| format!("{}: {e}", to.display()))?;
    std::fs::copy(from, to).map(|_| ()).map_err(|e| format!("{}: {e}", from.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::create_dir_all(path.parent().unwrap()).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn sentence(rng: &mut Rng, commune: &str) -> String {
    let opening = rng.pick(OPENINGS).replace("{x}", commune);
    let clause = rng.pick(CLAUSES);
    if rng.chance(50) { format!("{opening}, {clause}.") } else { format!("{opening} {clause}.") }
}

/// Paragraphs of whole sentences until about `words` words.
fn paragraphs(rng: &mut Rng, commune: &str, words: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    while count < words {
        let mut p = Vec::new();
        for _ in 0..rng.range(3, 5) {
            let s = sentence(rng, commune);
            count += s.split_whitespace().count();
            p.push(s);
            if count >= words {
                break;
            }
        }
        out.push_str(&p.join(" "));
        out.push_str("\n\n");
    }
    out
}

fn index_md(rng: &mut Rng, c: &Commune, link: Option<&Commune>) -> String {
    let short = c.name.trim_start_matches("Xã ");
    let mut md = String::new();
    let day = rng.range(1, 28);
    let month = rng.range(1, 12);
    let _ = write!(
        md,
        "---\ntitle: \"{}: chuyển đổi số gắn với đời sống người dân\"\nsummary: \"{} đưa dịch vụ công, thanh toán và sản phẩm địa phương lên môi trường số.\"\ndate: 2024-{month:02}-{day:02}\nauthors: [\"Văn phòng Điều phối nông thôn mới tỉnh\"]\n---\n",
        c.name, c.name
    );
    // The list, table, links and footnote add about 100 words to the paragraphs.
    let per_section = (rng.range(600, 900) as usize - 100) / SECTIONS.len();
    for (s, title) in SECTIONS.iter().enumerate() {
        let _ = write!(md, "\n## {title}\n\n");
        md.push_str(&paragraphs(rng, &c.name, per_section));
        match s {
            0 => {
                let _ = writeln!(md, "Mô hình được đánh giá trong báo cáo tổng kết của xã.[^bao-cao]\n");
                if let Some(l) = link {
                    let _ = writeln!(
                        md,
                        "Cách làm này học hỏi từ [{}](../../{}/{}/) và được tổng kết ở phần [Bài học](#bai-hoc).\n",
                        l.name, l.province, l.slug
                    );
                }
            }
            1 => {
                let start = rng.range(0, LIST_ITEMS.len() as u64 - 1) as usize;
                for k in 0..4 {
                    let _ = writeln!(md, "- {}", LIST_ITEMS[(start + k * 3) % LIST_ITEMS.len()]);
                }
                md.push('\n');
            }
            3 => {
                let _ = writeln!(md, "| Nội dung | Trước | Sau |\n|---|---|---|");
                for item in ["Hồ sơ trực tuyến", "Hộ có cáp quang", "Người dùng thanh toán số"] {
                    let before = rng.range(10, 50);
                    let _ = writeln!(md, "| {item} | {before} % | {} % |", before + rng.range(10, 45));
                }
                md.push('\n');
            }
            _ => {}
        }
    }
    let _ = writeln!(md, "[^bao-cao]: Báo cáo của Ủy ban nhân dân xã {short} (số liệu minh họa).");
    md
}

fn value(rng: &mut Rng, ind: &Indicator) -> String {
    let (lo, hi) = ind.bounds();
    match ind.unit {
        Unit::Boolean => rng.chance(70).to_string(),
        Unit::Percent => {
            let lo = lo.unwrap_or(0.0).max(0.0);
            let hi = hi.unwrap_or(100.0).min(100.0);
            let v = lo + (hi - lo) * (rng.range(0, 1000) as f64 / 1000.0);
            format!("{:.1}", v)
        }
        Unit::Count => rng.range(lo.unwrap_or(0.0) as u64, hi.map(|h| h as u64).unwrap_or(60)).to_string(),
        Unit::Number => rng.range(0, 500).to_string(),
        Unit::MillionVnd => rng.range(30, 120).to_string(),
    }
}

fn metrics_yaml(rng: &mut Rng, c: &Commune, fields: &[&str], indicators: &[Indicator]) -> String {
    let mut y = String::new();
    let start = rng.range(2021, 2024);
    let end = start + rng.range(1, 3);
    let status = *rng.pick(&["planned", "ongoing", "ongoing", "completed", "recognized"]);
    let _ = write!(
        y,
        "commune: \"{}\"\nprovince: {}\nfields: [{}]\nperiod: {{ start: {start}, end: {} }}\nstatus: {status}\n",
        c.name,
        c.province,
        fields.join(", "),
        end
    );
    // 3 to 4.5 people per household, as in Vietnam's communes (`household-size` warns outside 1.5–8).
    let population = rng.range(3_000, 20_000);
    let households = population * 10 / rng.range(30, 45);
    let _ = write!(
        y,
        "population: {population}\nhouseholds: {households}\narea_ha: {}.{}\nsample: true\nindicators:\n",
        rng.range(300, 4_000),
        rng.range(0, 9)
    );
    let count = rng.range(10, 16) as usize;
    let mut chosen: Vec<usize> = (0..indicators.len()).collect();
    for i in 0..count {
        let j = i + rng.range(0, (chosen.len() - i - 1) as u64) as usize;
        chosen.swap(i, j);
    }
    let mut chosen: Vec<usize> = chosen[..count].to_vec();
    chosen.sort();
    for &i in &chosen {
        let ind = &indicators[i];
        let v = value(rng, ind);
        if rng.chance(50) {
            let _ = writeln!(y, "  {}: {{ value: {v}, year: {} }}", ind.id, rng.range(start, end));
        } else {
            let _ = writeln!(y, "  {}: {v}", ind.id);
        }
    }
    let numeric: Vec<&Indicator> = chosen
        .iter()
        .map(|&i| &indicators[i])
        .filter(|i| i.unit == Unit::Percent && i.better == Better::Higher)
        .collect();
    if !numeric.is_empty() && rng.chance(60) {
        y.push_str("baseline:\n");
        for ind in numeric.iter().take(3) {
            let _ = writeln!(y, "  {}: {{ value: {}, year: {} }}", ind.id, rng.range(5, 60), start - 1);
        }
    }
    if !numeric.is_empty() && rng.chance(40) {
        y.push_str("proposals:\n");
        let ind = rng.pick(&numeric);
        let _ = writeln!(
            y,
            "  - indicator: {}\n    threshold: {}\n    note: \"Mức đề xuất cho giai đoạn 2026–2030 (minh họa)\"",
            ind.id,
            rng.range(60, 95)
        );
    }
    y
}

/// The Hugo site's configuration, templates and list pages (provinces, fields, indicators).
fn hugo_skeleton(dir: &Path, provinces: &[Province], fields: &[Field], indicators: &[Indicator]) -> Result<(), String> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let title = |t: &str| serde_json::to_string(t).unwrap();
    for (path, text) in HUGO_FILES {
        write(&dir.join(path), text)?;
    }
    write(&dir.join("content/_index.md"), "---\ntitle: \"Xã nông thôn mới thông minh\"\n---\n")?;
    write(&dir.join("content/pilots/_index.md"), "---\ntitle: \"Mô hình thí điểm\"\n---\n")?;
    for p in provinces {
        let page = format!("---\ntitle: {}\n---\n", title(&p.name));
        write(&dir.join("content/pilots").join(&p.slug).join("_index.md"), &page)?;
    }
    for f in fields {
        let page = format!("---\ntitle: {}\n---\n{}\n", title(&f.name.vi), f.description);
        write(&dir.join("content/fields").join(&f.slug).join("_index.md"), &page)?;
    }
    for i in indicators {
        let page = format!("---\ntitle: {}\n---\n{}\n", title(&i.name.vi), i.description);
        write(&dir.join("content/indicators").join(&i.id).join("_index.md"), &page)?;
    }
    Ok(())
}

/// A pilot as a Hugo page: the same front matter and Markdown, with its province, its fields
/// and the indicators it reports as taxonomies and its whole `metrics.yaml` under `metrics`.
fn hugo_page(md: &str, metrics: &str, c: &Commune, fields: &[&str]) -> String {
    let end = md.find("\n---\n").expect("front matter");
    let (front, body) = (&md[4..end], &md[end + 5..]);
    let reported: Vec<&str> = metrics
        .lines()
        .skip_while(|l| *l != "indicators:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.trim().split_once(':').map(|(id, _)| id))
        .collect();
    let mut page = format!(
        "---\n{front}\nprovince: {}\nfields: [{}]\nindicators: [{}]\nmetrics:\n",
        c.province,
        fields.join(", "),
        reported.join(", ")
    );
    for line in metrics.lines() {
        let _ = writeln!(page, "  {line}");
    }
    page.push_str("---\n");
    page.push_str(body);
    page
}

/// The Hugo site's fixed files: configuration and a minimal theme with the same kinds of page.
const HUGO_FILES: &[(&str, &str)] = &[
    (
        "hugo.toml",
        r#"baseURL = "https://example.org/"
languageCode = "vi"
title = "Xã nông thôn mới thông minh"
enableRobotsTXT = true
[taxonomies]
  field = "fields"
  indicator = "indicators"
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]
"#,
    ),
    (
        "layouts/_default/baseof.html",
        r#"<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a> · <a href="{{ "/pilots/" | relURL }}">Mô hình</a> · <a href="{{ "/fields/" | relURL }}">Lĩnh vực</a> · <a href="{{ "/indicators/" | relURL }}">Chỉ tiêu</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#,
    ),
    (
        "layouts/_default/single.html",
        r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p>{{ .Params.summary }}</p>
<p>{{ with .Parent }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} · {{ .Date.Format "02/01/2006" }} · {{ .Params.metrics.status }}</p>
<ul>{{ range .GetTerms "fields" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ .Content }}
<table><thead><tr><th>Chỉ tiêu</th><th>Giá trị</th><th>Năm</th></tr></thead><tbody>
{{ range $id, $v := .Params.metrics.indicators }}<tr><td><a href="{{ printf "/indicators/%s/" $id | relURL }}">{{ $id }}</a></td>{{ if reflect.IsMap $v }}<td>{{ $v.value }}</td><td>{{ $v.year }}</td>{{ else }}<td>{{ $v }}</td><td></td>{{ end }}</tr>
{{ end }}</tbody></table>
</article>{{ end }}
"#,
    ),
    (
        "layouts/_default/list.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.summary }}</li>
{{ end }}</ul>{{ end }}
"#,
    ),
];

/// The pilot the benchmarks edit: the first one of the corpus.
pub fn first_pilot(root: &Path) -> String {
    let mut provinces: Vec<_> = std::fs::read_dir(root.join("content/pilots")).unwrap().flatten().collect();
    provinces.sort_by_key(|e| e.file_name());
    let mut communes: Vec<_> = std::fs::read_dir(provinces[0].path()).unwrap().flatten().collect();
    communes.sort_by_key(|e| e.file_name());
    format!(
        "content/pilots/{}/{}",
        provinces[0].file_name().to_string_lossy(),
        communes[0].file_name().to_string_lossy()
    )
}

/// The benchmarks' edit number `i` of `pilot`: `(file relative to the root, its new text)`.
/// A "text" edit adds a sentence to the case study, a "metric" edit changes the value of the
/// pilot's first indicator.
pub fn edited(root: &Path, pilot: &str, edit: &str, i: usize) -> (String, String) {
    if edit == "text" {
        let rel = format!("{pilot}/index.md");
        let text = std::fs::read_to_string(root.join(&rel)).unwrap();
        let body = text.find("\n## ").unwrap();
        let mut out = text.clone();
        out.insert_str(body, &format!("\n\nĐoạn sửa lần thứ {i}."));
        (rel, out)
    } else {
        let rel = format!("{pilot}/metrics.yaml");
        let text = std::fs::read_to_string(root.join(&rel)).unwrap();
        let line = text.lines().skip_while(|l| *l != "indicators:").nth(1).unwrap().to_string();
        let (key, _) = line.split_once(':').unwrap();
        let value = if line.contains("true") || line.contains("false") {
            (i.is_multiple_of(2)).to_string()
        } else {
            format!("{}", 1 + i)
        };
        (rel, text.replacen(&line, &format!("{key}: {value}"), 1))
    }
}

#[allow(dead_code)]
fn main() {
    let mut args = std::env::args().skip(1);
    let mut opts = Options {
        pilots: 1000,
        seed: 1,
        out: PathBuf::from("corpus"),
        from: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        hugo: None,
    };
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage(&format!("`{a}` needs a value")));
        match a.as_str() {
            "--pilots" => opts.pilots = value().parse().unwrap_or_else(|_| usage("--pilots takes a number")),
            "--seed" => opts.seed = value().parse().unwrap_or_else(|_| usage("--seed takes a number")),
            "--out" => opts.out = PathBuf::from(value()),
            "--from" => opts.from = PathBuf::from(value()),
            "--hugo" => opts.hugo = Some(PathBuf::from(value())),
            _ => usage(&format!("unknown argument `{a}`")),
        }
    }
    match generate(&opts) {
        Ok(n) => eprintln!("wrote {n} pilots into `{}`", opts.out.display()),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}

fn usage(msg: &str) -> ! {
    eprintln!("error: {msg}\nusage: gen_corpus --pilots N --seed S --out DIR [--from SITE_ROOT] [--hugo DIR]");
    std::process::exit(2);
}
