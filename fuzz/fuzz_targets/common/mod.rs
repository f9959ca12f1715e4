//! What the fuzz targets share: the repository's own site (its registries and link
//! targets, loaded once per process), a private site root holding one real pilot whose
//! files a target overwrites, and the check that every diagnostic lies within its file.
#![allow(dead_code)]

#[path = "../../../tests/common/properties.rs"]
mod properties;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use langso::diag::Diagnostic;
use langso::load::{LoadedRegistries, load_registries};
use langso::model::{ProvinceId, Site};
use langso::render::markdown::LinkTargets;

pub const PROVINCE: &str = "an-giang";
pub const COMMUNE: &str = "thoai-giang";
pub const PILOT_DIR: &str = "content/pilots/an-giang/thoai-giang";
pub const INDEX: &str = "content/pilots/an-giang/thoai-giang/index.md";
pub const METRICS: &str = "content/pilots/an-giang/thoai-giang/metrics.yaml";

/// The repository root: its `content/` is the real site.
pub fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The real site's registries, read once.
pub fn registries() -> &'static LoadedRegistries {
    static REGS: OnceLock<LoadedRegistries> = OnceLock::new();
    REGS.get_or_init(|| {
        let mut diags = Vec::new();
        let regs = load_registries(repo(), &mut diags);
        assert!(diags.is_empty(), "the repository's registries must load cleanly: {diags:?}");
        regs
    })
}

/// The real site, loaded once (for link targets).
pub fn real_site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| langso::load::load_site(repo()).0)
}

/// The real site's link targets, made once.
pub fn targets() -> &'static LinkTargets {
    static TARGETS: OnceLock<LinkTargets> = OnceLock::new();
    TARGETS.get_or_init(|| langso::render::link_targets(real_site()))
}

pub fn province() -> ProvinceId {
    let provinces = registries().provinces.as_deref().unwrap();
    ProvinceId(provinces.iter().position(|p| p.slug == PROVINCE).unwrap() as u16)
}

/// A private site root (per process) holding a copy of one real pilot's folder.
pub fn scratch_root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("langso-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(root.join(PILOT_DIR)).unwrap();
        for file in [INDEX, METRICS] {
            std::fs::copy(repo().join(file), root.join(file)).unwrap();
        }
        root
    })
}

/// Replaces `rel` under the scratch root with `bytes`, and puts the real file back after `f`.
pub fn with_file<T>(rel: &str, bytes: &[u8], f: impl FnOnce(&Path) -> T) -> T {
    let root = scratch_root();
    std::fs::write(root.join(rel), bytes).unwrap();
    let out = f(root);
    std::fs::copy(repo().join(rel), root.join(rel)).unwrap();
    out
}

/// Panics unless every diagnostic is about `rel` and lies within `text`, its content.
pub fn assert_located(diags: &[Diagnostic], rel: &str, text: &str) {
    for d in diags {
        assert_eq!(d.path, rel, "a diagnostic about another file: {d:?}");
        properties::assert_within_file(d, text);
    }
}
