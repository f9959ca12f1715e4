//! Shared test harness: runs the real `langso` binary on site roots copied into
//! temporary folders, and reads what it published.
#![allow(dead_code)]

pub mod browser;
pub mod html_safety;
pub mod photos;
pub mod properties;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod scan;
pub mod server;
pub mod skip;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn langso(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_langso")).args(args).output().expect("run langso")
}

/// `langso ARGS` with stdout a pipe whose reading end is already closed (as `| head -c0`
/// leaves it): every write fails with EPIPE.
pub fn with_closed_stdout(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    with_stdout(args, writer.into())
}

/// `langso ARGS` with stdout `/dev/full`: every write fails with ENOSPC.
pub fn with_full_stdout(args: &[&str]) -> Output {
    with_stdout(args, std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full").into())
}

fn with_stdout(args: &[&str], stdout: std::process::Stdio) -> Output {
    Command::new(env!("CARGO_BIN_EXE_langso"))
        .args(args)
        .stdout(stdout)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("run langso")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A site root in a temporary folder, copied from a fixture.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// Copies `content/` (and `themes/` if present) of `fixture` (relative to the repository).
    pub fn from_fixture(fixture: &str) -> TestSite {
        let dir = tempfile::tempdir().unwrap();
        let src = repo_root().join(fixture);
        for sub in ["content", "themes"] {
            if src.join(sub).is_dir() {
                copy_dir(&src.join(sub), &dir.path().join(sub));
            }
        }
        TestSite { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap()
    }

    /// Replaces the first occurrence of `from` in a content file.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "`{from}` not in {rel}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    pub fn build(&self) -> Output {
        langso(&["build", "--root", self.root().to_str().unwrap()])
    }

    pub fn published(&self, rel: &str) -> String {
        let p = self.out().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every file below `dir`, by `/`-separated relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap();
            let rel =
                rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
            out.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

/// The values of every `name="…"` attribute in `html` (HTML entities for `&` decoded).
pub fn attributes(html: &str, name: &str) -> Vec<String> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

/// Markup in a page of a site published under `base` (`/` or `/ntm/`) that could run code
/// and did not come from the theme (`scan::html_findings`).
pub fn executable_parts(html: &str, base: &str) -> Vec<String> {
    let theme = scan::ThemeAllowance::from_templates(&repo_root().join("themes/default/templates"));
    scan::html_findings(html, &theme, base)
}

/// The attributes of a tag's text after its name, honouring quotes.
pub fn tag_attributes(s: &str) -> Vec<(String, String)> {
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    while i < b.len() {
        while i < b.len() && (b[i].is_whitespace() || b[i] == '/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_whitespace() && b[i] != '=' && b[i] != '/' {
            i += 1;
        }
        let key: String = b[start..i].iter().collect();
        let mut value = String::new();
        if i < b.len() && b[i] == '=' {
            i += 1;
            if i < b.len() && (b[i] == '"' || b[i] == '\'') {
                let q = b[i];
                i += 1;
                while i < b.len() && b[i] != q {
                    value.push(b[i]);
                    i += 1;
                }
                i += 1;
            } else {
                while i < b.len() && !b[i].is_whitespace() {
                    value.push(b[i]);
                    i += 1;
                }
            }
        }
        if !key.is_empty() {
            out.push((key, value));
        }
    }
    out
}
