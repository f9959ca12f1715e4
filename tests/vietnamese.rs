//! A Vietnamese site (`language: vi`) hears langso in Vietnamese: what `build`, `serve`,
//! `check` and `new pilot` print in the terminal has no English sentence, numbers are
//! written the Vietnamese way, and a folder without `content/` is told, in Vietnamese,
//! where to run. The labels `error[code]`, `warning[code]` and `help:` of diagnostics
//! are the exception, kept in English for editors' problem matchers (docs/commands.md).

mod common;

use common::server::{Server, save};
use common::{TestSite, langso, stderr};

/// English words that no Vietnamese sentence of langso uses; diagnostic labels, code
/// spans (`…`), addresses and option names are removed before looking.
const ENGLISH: &[&str] = &[
    "the", "built", "rebuilt", "build", "files", "file", "into", "serving", "press", "stop", "error", "errors",
    "warning", "warnings", "changed", "failed", "cannot", "still", "search", "index", "updated", "site", "root",
    "folder", "is", "it", "has", "of", "and", "with", "after", "previous", "left", "was", "run", "your", "load",
    "pages", "markdown", "theme", "swap", "good", "last", "writing", "wrote",
];

fn english_words(output: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in output.lines() {
        // rustc's labels, kept in English on purpose.
        let line = line.trim_start();
        let line = line.strip_prefix("= help:").unwrap_or(line);
        let line = if line.starts_with("error[") || line.starts_with("warning[") {
            line.split_once("]: ").map(|(_, m)| m).unwrap_or("")
        } else {
            line
        };
        // Code spans, addresses, flags.
        let plain: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        for word in plain.split(|c: char| !c.is_alphanumeric() && c != ':' && c != '/' && c != '-') {
            if word.contains("://") || word.starts_with("--") || word.contains('/') {
                continue;
            }
            let w = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            if ENGLISH.contains(&w.as_str()) {
                found.push(format!("{w} (in: {line})"));
            }
        }
    }
    found
}

#[test]
fn the_detector_finds_english() {
    assert!(!english_words("built 157 files (2.3 MB) into `public`").is_empty());
    assert!(english_words("đã dựng 157 tệp (2,3 MB) vào `public/the site`").is_empty());
}

#[test]
fn build_speaks_vietnamese_with_vietnamese_numbers() {
    let site = TestSite::from_fixture(".");
    let o = site.build();
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    let last = err.lines().last().unwrap();
    assert!(last.starts_with("đã dựng "), "{err}");
    // "2,3 MB", a decimal comma; stage times "đọc nội dung 12 ms".
    let size = last.split(" tệp (").nth(1).unwrap().split(" MB)").next().unwrap();
    assert!(size.contains(',') && !size.contains('.'), "{last}");
    assert!(last.contains("[đọc nội dung ") && last.contains(" ms, giao diện "), "{last}");
    assert_eq!(english_words(&err), Vec::<String>::new(), "{err}");

    // A failed build, and its summary.
    site.edit("content/pilots/an-giang/thoai-giang/metrics.yaml", "status:", "status_typo: x\nstatus:");
    let o = site.build();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("không dựng được trang: 1 lỗi, "), "{err}");
    assert_eq!(english_words(&err), Vec::<String>::new(), "{err}");
}

#[test]
fn outside_a_site_root_the_hint_says_where_to_run_in_vietnamese() {
    let nowhere = tempfile::tempdir().unwrap();
    let root = nowhere.path().to_str().unwrap();
    for args in [vec!["build", "--root", root], vec!["check", "--root", root], vec!["serve", "--root", root]] {
        let o = langso(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.starts_with("lỗi: `") && err.contains("không phải là thư mục gốc của trang"), "{err}");
        assert!(err.contains("hãy chạy langso trong thư mục có chứa thư mục `content/`"), "{err}");
        assert!(err.contains(root), "names the folder in full: {err}");
        assert_eq!(english_words(&err), Vec::<String>::new(), "{err}");
    }
}

#[test]
fn serve_speaks_vietnamese() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let server = Server::start(site.root());
    assert!(server.banner.starts_with("xem trước trang tại http://127.0.0.1:"), "{}", server.banner);
    assert!(server.banner.ends_with("(nhấn Ctrl-C để dừng)"), "{}", server.banner);
    assert_eq!(english_words(&server.banner), Vec::<String>::new());
    // What the server itself answers, here a refused Host (DNS rebinding), is Vietnamese too.
    let refused = String::from_utf8_lossy(&server.raw(b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n")).into_owned();
    assert!(
        refused.starts_with("HTTP/1.1 421 ") && refused.contains("chỉ trả lời yêu cầu tới localhost:"),
        "{refused}"
    );
    let body = refused.split("\r\n\r\n").nth(1).unwrap_or_default();
    assert_eq!(english_words(body), Vec::<String>::new(), "{body}");

    let metrics = "content/pilots/an-giang/thoai-giang/metrics.yaml";
    let good = site.read(metrics);
    save(site.root(), metrics, &good.replace("status: ongoing", "status: ongoing\nstatus_typo: x"));
    server.wait_for_stderr(" lỗi sau ");
    save(site.root(), metrics, &good);
    let text = server.wait_for_stderr("đã dựng lại sau ");
    assert!(text.contains("vẫn hiển thị bản trang đúng gần nhất"), "{text}");
    assert_eq!(english_words(&text), Vec::<String>::new(), "{text}");
}

#[test]
fn usage_errors_speak_vietnamese() {
    // The tests run in the repository, a Vietnamese site root.
    for (args, said) in [
        (vec!["buidl"], "lỗi: không có lệnh `buidl`\n  có phải ý bạn là `build`?\n"),
        (vec!["check", "--strik"], "lỗi: không có tùy chọn `--strik` ở đây\n  có phải ý bạn là `--strict`?\n"),
        (vec!["check", "--format", "xml"], "các giá trị hợp lệ: `human`, `json`, `github`\n"),
        (vec!["new", "pilot", "--province", "ninh-binh"], "lỗi: còn thiếu: `--commune <COMMUNE>`\n"),
        (vec![], "lỗi: chưa ghi lệnh nào\n"),
    ] {
        let o = langso(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains(said) && err.ends_with("danh sách tùy chọn (tiếng Anh): `langso --help`\n"),
            "{args:?}: {err}"
        );
        assert_eq!(english_words(&err), Vec::<String>::new(), "{err}");
    }
}
