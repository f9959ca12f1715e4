//! The shipped sample content meets what the site promises its readers: enough
//! pilots, provinces and fields, full case studies, honest figures, and pages light
//! enough for a phone on a rural connection.

mod common;

use std::collections::BTreeSet;

use common::*;

const SECTIONS: [&str; 6] = ["Bối cảnh", "Giải pháp", "Nền tảng số", "Kết quả", "Bài học", "Đề xuất tiêu chí"];

struct SamplePilot {
    province: String,
    dir: String,
    index: String,
    metrics: String,
}

fn sample_pilots() -> Vec<SamplePilot> {
    let mut out = Vec::new();
    let pilots = repo_root().join("content/pilots");
    for prov in std::fs::read_dir(&pilots).unwrap() {
        let prov = prov.unwrap();
        for commune in std::fs::read_dir(prov.path()).unwrap() {
            let path = commune.unwrap().path();
            out.push(SamplePilot {
                province: prov.file_name().to_string_lossy().into_owned(),
                dir: path.display().to_string(),
                index: std::fs::read_to_string(path.join("index.md")).unwrap(),
                metrics: std::fs::read_to_string(path.join("metrics.yaml")).unwrap(),
            });
        }
    }
    out
}

/// The lines of the `indicators:` mapping, one per indicator.
fn indicator_lines(metrics: &str) -> Vec<&str> {
    let mut inside = false;
    let mut out = Vec::new();
    for line in metrics.lines() {
        if line.starts_with("indicators:") {
            inside = true;
        } else if !line.starts_with(' ') && !line.trim().is_empty() && !line.starts_with('#') {
            inside = false;
        } else if inside && line.starts_with("  ") && !line.starts_with("   ") && line.contains(':') {
            out.push(line.trim());
        }
    }
    out
}

#[test]
fn sample_content_covers_enough_pilots_provinces_and_fields() {
    let pilots = sample_pilots();
    assert!(pilots.len() >= 10, "{} pilots", pilots.len());
    let provinces: BTreeSet<&str> = pilots.iter().map(|p| p.province.as_str()).collect();
    assert!(provinces.len() >= 8, "{provinces:?}");
    let mut fields = BTreeSet::new();
    for p in &pilots {
        let line = p.metrics.lines().find(|l| l.starts_with("fields:")).unwrap();
        let list = line.trim_start_matches("fields:").trim().trim_matches(['[', ']']);
        fields.extend(list.split(',').map(|s| s.trim().to_string()));
    }
    assert!(fields.len() >= 6, "{fields:?}");
}

#[test]
fn every_case_study_is_complete() {
    for p in sample_pilots() {
        let body = p.index.splitn(3, "---").nth(2).unwrap();
        let words = body.split_whitespace().count();
        assert!(words >= 500, "{}: {words} words", p.dir);
        let headings: Vec<&str> = body.lines().filter_map(|l| l.strip_prefix("## ")).map(str::trim).collect();
        let positions: Vec<usize> =
            SECTIONS.iter().map(|s| headings.iter().position(|h| h == s).unwrap_or(usize::MAX)).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1] && w[1] != usize::MAX), "{}: sections {headings:?}", p.dir);
        let n = indicator_lines(&p.metrics).len();
        assert!(n >= 10, "{}: {n} indicators", p.dir);
    }
}

#[test]
fn invented_figures_are_marked_as_sample() {
    for p in sample_pilots() {
        let unsourced = indicator_lines(&p.metrics).into_iter().filter(|l| !l.contains("source:")).count();
        if unsourced > 0 {
            assert!(p.metrics.contains("\nsample: true"), "{}: {unsourced} values without a source", p.dir);
        }
    }
}

#[test]
fn a_pilot_page_with_its_css_and_js_stays_within_60_kb() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = langso(&["build", "--root", repo_root().to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let files = tree(&out);
    let assets: usize = ["assets/style.css", "assets/site.js"].iter().map(|a| files[*a].len()).sum();
    let (largest, bytes) = files
        .iter()
        .filter(|(p, _)| p.starts_with("pilots/") && p.ends_with("/index.html") && p.matches('/').count() == 3)
        .map(|(p, b)| (p.clone(), b.len()))
        .max_by_key(|(_, n)| *n)
        .unwrap();
    assert!(bytes + assets <= 60 * 1024, "{largest}: {bytes} B + {assets} B of CSS and JS");
    // Nothing a page loads comes from another host: no web fonts, no CDN.
    for (path, bytes) in &files {
        if path.ends_with(".html") || path.ends_with(".css") {
            let text = String::from_utf8_lossy(bytes);
            for src in attributes(&text, "src") {
                assert!(!src.starts_with("http") && !src.starts_with("//"), "{path} loads {src}");
            }
            for tag in text.split("<link ").skip(1) {
                let tag = &tag[..tag.find('>').unwrap()];
                if !tag.contains("rel=\"canonical\"") {
                    let href = attributes(&format!(" {tag}"), "href").pop().unwrap_or_default();
                    assert!(!href.starts_with("http") && !href.starts_with("//"), "{path} loads {href}");
                }
            }
            assert!(!text.contains("@import") && !text.contains("url(http"), "{path} loads a remote resource");
        }
    }
}
