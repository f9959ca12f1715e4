//! Feeds arbitrary bytes to the loader as one pilot's metrics.yaml or index.md (the
//! first byte chooses which) inside a copy of the minimal fixture site, then runs the
//! Markdown checks too. It must never panic, and every diagnostic must lie within
//! its file: the same properties as `tests/robustness.rs`, for long runs.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

const PILOT: &str = "content/pilots/an-giang/thoai-giang";

/// A private copy of the minimal site, made once per process.
fn site() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("langso-fuzz-{}", std::process::id()));
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/minimal");
        copy(&fixture, &root);
        root
    })
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else { return };
    let root = site();
    let file = if which % 2 == 0 { "metrics.yaml" } else { "index.md" };
    let original = std::fs::read(root.join(PILOT).join(file)).unwrap();
    std::fs::write(root.join(PILOT).join(file), bytes).unwrap();

    let (site, mut diags) = langso::load::load_site(root);
    langso::render::render_documents(&site, root, &mut diags);
    for d in &diags {
        assert!(d.line >= 1 && d.column >= 1, "{d:?}");
        if let Ok(bytes) = std::fs::read(root.join(&d.path)) {
            let text = String::from_utf8_lossy(&bytes);
            let lines: Vec<&str> = text.split('\n').collect();
            assert!(d.line <= lines.len(), "{d:?}");
            assert!(d.column <= lines[d.line - 1].chars().count() + 1, "{d:?}");
        }
    }
    std::fs::write(root.join(PILOT).join(file), original).unwrap();
});
