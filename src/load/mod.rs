//! The only code that reads content from disk. `load_site` walks a site root and
//! returns the typed `Site` together with every diagnostic it found: bad content
//! never aborts loading, it is reported and the rest goes on.

pub mod linked;
pub mod mistakes;
pub mod pilot;
pub mod plausible;
pub mod registry;
pub mod source;
pub mod yaml;

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::diag::{self, Diagnostic, Location, msg};
use crate::model::*;
use crate::slug::is_slug;

/// The registries pilots are checked against. `None` when that registry could not be
/// read at all, so that one broken file does not flood every pilot with errors.
pub struct Registries<'a> {
    pub provinces: Option<&'a [Province]>,
    pub fields: Option<&'a [Field]>,
    pub indicators: Option<&'a [Indicator]>,
}

/// URL segments that langso itself publishes; a free page may not take one of them.
pub const RESERVED_SLUGS: &[&str] = &[
    "pilots",
    "provinces",
    "fields",
    "indicators",
    "criteria",
    "search",
    "data",
    "schema",
    "compare",
    "assets",
    "404",
];

/// Whether a file name is an editor's temporary or backup file (or hidden), which
/// neither the theme nor the watcher of `langso serve` should take for content:
/// `.index.md.swp`, `index.md~`, `#index.md#`, `.#index.md`, Vim's `4913` probe.
pub fn is_editor_temporary(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [".swp", ".swo", ".swx", ".tmp", ".bak"].iter().any(|ext| name.ends_with(ext))
}

/// The registries as read, each `None` when its file could not be read at all.
#[derive(Clone)]
pub struct LoadedRegistries {
    pub config: SiteConfig,
    pub regions: Option<Vec<Region>>,
    pub provinces: Option<Vec<Province>>,
    pub fields: Option<Vec<Field>>,
    pub indicators: Option<Vec<Indicator>>,
}

impl LoadedRegistries {
    pub fn registries(&self) -> Registries<'_> {
        Registries {
            provinces: self.provinces.as_deref(),
            fields: self.fields.as_deref(),
            indicators: self.indicators.as_deref(),
        }
    }

    /// The site made of these registries and what was loaded against them.
    pub fn into_site(self, pilots: Vec<Pilot>, pages: Vec<Page>, unloaded_pilots: Vec<(ProvinceId, String)>) -> Site {
        Site {
            config: self.config,
            regions: self.regions.unwrap_or_default(),
            provinces: self.provinces.unwrap_or_default(),
            fields: self.fields.unwrap_or_default(),
            indicators: self.indicators.unwrap_or_default(),
            pilots,
            pages,
            unloaded_pilots,
        }
    }
}

/// A pilot folder found under `content/pilots/`, in the order pilots are listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PilotFolder {
    pub province: ProvinceId,
    pub province_slug: String,
    pub commune: String,
}

/// Everything under `root/content`, each piece with its own diagnostics: what
/// `load_site` flattens, and what the pipeline keeps so that it can reload one piece.
pub struct Loaded {
    pub regs: LoadedRegistries,
    pub reg_diags: Vec<Diagnostic>,
    /// What listing `content/pilots/` reported (stray files, unknown provinces, bad folder names).
    pub listing_diags: Vec<Diagnostic>,
    /// Every pilot folder, sorted, with what loading it gave.
    pub folders: Vec<FolderLoad>,
    pub pages: Vec<Page>,
    pub page_diags: Vec<Diagnostic>,
}

/// One pilot folder and what loading it gave: the pilot (when it loaded) and its diagnostics.
pub struct FolderLoad {
    pub folder: PilotFolder,
    pub pilot: Option<pilot::LoadedPilot>,
    pub diags: Vec<Diagnostic>,
}

/// Reads every file of the content once: registries, then the pilot folders in parallel, then pages.
pub fn load_content(root: &Path) -> Loaded {
    let mut reg_diags = Vec::new();
    let regs = load_registries(root, &mut reg_diags);
    let mut listing_diags = Vec::new();
    let listed = pilot_folders(root, &regs.registries(), &mut listing_diags);
    let loaded = load_pilot_folders(root, &listed.iter().collect::<Vec<_>>(), &regs.registries());
    let folders =
        listed.into_iter().zip(loaded).map(|(folder, (pilot, diags))| FolderLoad { folder, pilot, diags }).collect();
    let mut page_diags = Vec::new();
    let pages = load_pages(root, &mut page_diags);
    Loaded { regs, reg_diags, listing_diags, folders, pages, page_diags }
}

/// Loads everything under `root/content` into a `Site`, with every diagnostic (sorted).
pub fn load_site(root: &Path) -> (Site, Vec<Diagnostic>) {
    let Loaded { regs, reg_diags, listing_diags, folders, pages, page_diags } = load_content(root);
    let mut diags = reg_diags;
    diags.extend(listing_diags);
    let (mut pilots, mut places, mut unloaded) = (Vec::new(), Vec::new(), Vec::new());
    for f in folders {
        diags.extend(f.diags);
        match f.pilot {
            Some(loaded) => {
                pilots.push(loaded.pilot);
                places.push(loaded.commune_at);
            }
            None => unloaded.push((f.folder.province, f.folder.commune)),
        }
    }
    report_duplicate_communes(&pilots, &places, &mut diags);
    diags.extend(page_diags);
    let site = regs.into_site(pilots, pages, unloaded);
    diag::sort(&mut diags);
    (site, diags)
}

/// site.yaml, regions, provinces, fields and indicators.
pub fn load_registries(root: &Path, diags: &mut Vec<Diagnostic>) -> LoadedRegistries {
    let config = registry::load_config(root, diags);
    let regions = registry::load_regions(root, diags);
    let provinces = registry::load_provinces(root, regions.as_deref(), diags);
    let fields = registry::load_fields(root, diags);
    let indicators = registry::load_indicators(root, diags);
    LoadedRegistries { config, regions, provinces, fields, indicators }
}

/// Lists the sub-folders of `dir` (sorted), reporting stray files and symbolic links.
fn subfolders(root: &Path, rel: &str, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    if !real_folder(root, rel, diags) {
        return Vec::new();
    }
    let Ok(entries) = std::fs::read_dir(root.join(rel)) else { return Vec::new() };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let child = format!("{rel}/{name}");
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_symlink() {
            diags.push(
                Diagnostic::error("symlink", Location::file(&child), msg!("symlink", path = &child))
                    .help(msg!("symlink-folder-help")),
            );
        } else if ft.is_dir() {
            out.push(name);
        } else if !name.starts_with('.') {
            diags.push(
                Diagnostic::warning("stray-file", Location::file(&child), msg!("stray-file", path = &child))
                    .help(msg!("stray-file-help")),
            );
        }
    }
    out.sort();
    out
}

/// False, after reporting it, when `rel` (a folder that is listed, not read through
/// `source::read_text`) or a folder above it is a symbolic link: `content/pilots` or
/// `content/pages` linked elsewhere would publish whatever they point at.
fn real_folder(root: &Path, rel: &str, diags: &mut Vec<Diagnostic>) -> bool {
    let Some(link) = crate::path_guard::symlinked_component(root, rel) else { return true };
    diags.push(
        Diagnostic::error("symlink", Location::file(&link), msg!("symlink", path = &link))
            .help(msg!("symlink-folder-help")),
    );
    false
}

/// The pilot folders under `content/pilots/`, sorted by province folder then commune
/// folder, reporting stray files, unknown provinces and folder names that are no slug.
pub fn pilot_folders(root: &Path, reg: &Registries, diags: &mut Vec<Diagnostic>) -> Vec<PilotFolder> {
    let mut folders = Vec::new();
    for prov in subfolders(root, "content/pilots", diags) {
        let rel = format!("content/pilots/{prov}");
        let id = match reg.provinces {
            Some(ps) => match ps.iter().position(|p| p.slug == prov) {
                Some(i) => ProvinceId(i as u16),
                None => {
                    let message = msg!("unknown", what = msg!("what-province"), wrong = &prov);
                    diags.push(
                        Diagnostic::error("unknown-province", Location::file(&rel), message)
                            .help(mistakes::province_help(&prov, ps)),
                    );
                    continue;
                }
            },
            None => continue,
        };
        for commune in subfolders(root, &rel, diags) {
            if !is_slug(&commune) {
                diags.push(
                    Diagnostic::error(
                        "invalid-slug",
                        Location::file(&format!("{rel}/{commune}")),
                        msg!("invalid-slug-folder", name = &commune),
                    )
                    .help(msg!("invalid-slug-folder-help", slug = crate::slug::commune_slug(&commune))),
                );
                continue;
            }
            let folder = format!("{rel}/{commune}");
            if !crate::portable::check_name(&commune, crate::portable::SLUG_MAX, Location::file(&folder), diags) {
                continue;
            }
            folders.push(PilotFolder { province: id, province_slug: prov.clone(), commune });
        }
    }
    folders
}

/// Loads the given pilot folders in parallel: each pilot (if it loaded) with its own diagnostics.
pub fn load_pilot_folders(
    root: &Path,
    folders: &[&PilotFolder],
    reg: &Registries,
) -> Vec<(Option<pilot::LoadedPilot>, Vec<Diagnostic>)> {
    // The symbolic-link guard of each province folder, once for all its pilots.
    let mut province_links: HashMap<&str, Option<String>> = HashMap::new();
    for f in folders {
        province_links.entry(&f.province_slug).or_insert_with(|| {
            crate::path_guard::symlinked_component(root, &format!("content/pilots/{}", f.province_slug))
        });
    }
    folders
        .par_iter()
        .map(|f| {
            let mut d = Vec::new();
            let link = province_links[f.province_slug.as_str()].as_deref();
            let p = pilot::load_pilot(root, f.province, &f.province_slug, link, &f.commune, reg, &mut d);
            (p, d)
        })
        .collect()
}

/// Two pilots in one province whose commune names fold to the same slug, or look the same
/// (one UTS #39 skeleton once invisible characters are removed: `unicode::skeleton`, so a
/// zero-width space or a Cyrillic `о` does not make a second commune), are one commune
/// submitted twice. Reported at the second one's `commune:` (`places`, one per pilot).
pub fn report_duplicate_communes(pilots: &[Pilot], places: &[pilot::LineCol], diags: &mut Vec<Diagnostic>) {
    let mut by_slug: HashMap<(ProvinceId, String), &Pilot> = HashMap::new();
    let mut by_look: HashMap<(ProvinceId, String), &Pilot> = HashMap::new();
    for (p, &pilot::LineCol { line, column }) in pilots.iter().zip(places) {
        let slug = crate::slug::commune_slug(&p.commune);
        let look = crate::unicode::skeleton(&p.commune);
        let commune = crate::unicode::visible(&p.commune);
        let message = if let Some(first) = by_slug.get(&(p.province, slug.clone())) {
            msg!("duplicate-pilot", commune = commune, other = &first.doc.dir, slug = &slug)
        } else if let Some(first) = by_look.get(&(p.province, look.clone())) {
            msg!("duplicate-pilot-lookalike", commune = commune, other = &first.doc.dir)
        } else {
            by_slug.insert((p.province, slug), p);
            by_look.insert((p.province, look), p);
            continue;
        };
        let rel = format!("{}/metrics.yaml", p.doc.dir);
        diags.push(
            Diagnostic::error("duplicate-pilot", Location::new(&rel, line, column), message)
                .help(msg!("duplicate-pilot-help")),
        );
    }
}

pub fn load_pages(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<Page> {
    if !real_folder(root, "content/pages", diags) {
        return Vec::new();
    }
    let Ok(entries) = std::fs::read_dir(root.join("content/pages")) else { return Vec::new() };
    let mut names: Vec<String> = entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let mut pages = Vec::new();
    for name in names {
        let Some(slug) = name.strip_suffix(".md") else { continue };
        let rel = format!("content/pages/{name}");
        if !is_slug(slug) || RESERVED_SLUGS.contains(&slug) {
            diags.push(
                Diagnostic::error("invalid-slug", Location::file(&rel), msg!("invalid-slug-page", slug = slug)).help(
                    if is_slug(slug) {
                        msg!("reserved-slug-help", slug = slug)
                    } else {
                        msg!("invalid-slug-page-help", slug = crate::slug::slugify(slug))
                    },
                ),
            );
            continue;
        }
        if !crate::portable::check_name(slug, crate::portable::SLUG_MAX, Location::file(&rel), diags) {
            continue;
        }
        if let Some(page) = load_page(root, slug, &rel, diags) {
            pages.push(page);
        }
    }
    pages
}

fn load_page(root: &Path, slug: &str, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<Page> {
    let text = source::read_text(root, rel, source::INDEX_MD_LIMIT, diags)?;
    let fm = source::split_front_matter(&text, rel).map_err(|d| diags.push(d)).ok()?;
    let node = yaml::parse(fm.yaml, rel, fm.yaml_line_offset).map_err(|d| diags.push(d)).ok()?;
    let mut m = node.as_map(rel, diags)?;
    let title = m.require("title", msg!("want-page-title"), diags).and_then(|n| n.as_name(rel, "title", diags));
    let description = m.get("description").and_then(|n| n.as_text(rel, diags)).unwrap_or_default();
    m.finish(&["title", "description"], diags);
    Some(Page {
        slug: slug.to_string(),
        title: title?,
        description,
        doc: Document {
            path: rel.to_string(),
            dir: "content/pages".to_string(),
            markdown: fm.body.to_string(),
            line_offset: fm.body_line_offset,
        },
    })
}

/// Every regular file under the site root's `themes/`: its path from the root (`themes/<name>/…`)
/// and a digest of its bytes, for `langso diff`. Symbolic links are neither followed nor
/// listed (the theme refuses them too); an unreadable file is listed as if empty.
pub fn theme_files(root: &Path) -> std::collections::BTreeMap<String, u64> {
    use std::hash::{Hash, Hasher};
    let mut files = std::collections::BTreeMap::new();
    if crate::path_guard::symlinked_component(root, "themes").is_some() {
        return files;
    }
    for entry in walkdir::WalkDir::new(root.join("themes")).sort_by_file_name().into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let mut h = std::hash::DefaultHasher::new();
        std::fs::read(entry.path()).map(|bytes| bytes.hash(&mut h)).ok();
        files.insert(diag::rel_path(root, entry.path()), h.finish());
    }
    files
}
