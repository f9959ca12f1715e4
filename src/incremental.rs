//! Rebuilding the site in memory after a change, redoing only what the change can
//! affect. `langso serve` keeps one `Incremental` and gives it the paths its watcher
//! saw change. After any sequence of changes its files are byte-identical to a clean
//! `langso build` of the same content, because both go through the same functions:
//! `load` per registry set, per pilot folder and for the pages; `render::render_pilot_document`
//! and `render_document` per document; `render::Renderer` per page and per aggregate output.
//!
//! What depends on what:
//! - a pilot folder's files → that pilot's data and Markdown, so its page and files; all
//!   aggregates (lists, statistics, downloads, feeds) when anything but its text changed,
//!   or only the aggregates that read pilot text when only the text did;
//! - the set of pilot folders and pages → the link targets: a document is rendered again
//!   when one of the paths it links to now resolves differently; all aggregates;
//! - `content/pages/` → every page and all aggregates;
//! - the site's `themes/` → every output (the Markdown stays rendered);
//! - anything else under `content/` (site.yaml, the registries) → everything, from scratch.
//!
//! Checks that span documents (heading links, duplicate communes) are cheap and run on
//! every update. While the content has errors nothing is rendered: the last good site
//! stays, and what went stale meanwhile is rendered once the errors are fixed.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::build::BuildError;
use crate::diag::{self, Diagnostic};
use crate::load::{self, LoadedRegistries, PilotFolder, registry::normalize_base_url};
use crate::model::{IndicatorId, Pilot, Site};
use crate::output::{Content, OutputFile};
use crate::render::markdown::{LinkTargets, Rendered};
use crate::render::theme::I18n;
use crate::render::theme::Theme;
use crate::render::{self, AGGREGATES, Aggregate, Documents, Reads, Renderer, views};

/// A pilot's identity: its province folder and commune folder.
type Key = (String, String);

/// What changed on disk since the last update.
#[derive(Debug, Clone)]
pub enum Changes {
    /// These paths (absolute, or relative to the site root) changed.
    Paths(Vec<PathBuf>),
    /// Unknown: reload everything (the watcher lost track).
    Everything,
}

/// A successful update.
#[derive(Debug, Default)]
pub struct Update {
    /// Output paths whose bytes changed, appeared or disappeared, sorted.
    pub changed: Vec<String>,
    /// Warnings of the whole site, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// After `update_fast`: deferred outputs are left for the next `update`.
    pub pending: bool,
}

/// The site kept in memory between updates.
pub struct Incremental {
    root: PathBuf,
    real_root: PathBuf,
    base_url: Option<String>,
    state: Option<State>,
    /// The site as last rendered without errors: path → bytes.
    outputs: HashMap<String, Arc<[u8]>>,
    /// The output paths each pilot and each aggregate rendered last.
    pilot_paths: BTreeMap<Key, Vec<String>>,
    aggregate_paths: Vec<Vec<String>>,
    /// Pilots may have gone since the last render: drop the outputs of those that did.
    check_removed: bool,
    /// The output paths of each indicator's page, by indicator id.
    indicator_paths: BTreeMap<String, Vec<String>>,
    /// What changed since the last render.
    stale: Stale,
    /// What the deferrable aggregates still owe after an `update_fast`.
    deferred: Option<Reads>,
}

/// What has to be rendered again since the last render (besides stale pilot pages).
#[derive(Default)]
struct Stale {
    /// The widest change seen: aggregates that read at least this much are stale.
    from: Option<Reads>,
    all_indicators: bool,
    indicators: BTreeSet<IndicatorId>,
}

impl Stale {
    fn everything() -> Stale {
        Stale { from: Some(Reads::Site), all_indicators: true, indicators: BTreeSet::new() }
    }

    fn reach(&mut self, level: Reads) {
        self.from = Some(self.from.map_or(level, |f| f.min(level)));
    }

    fn merge(&mut self, other: Stale) {
        if let Some(level) = other.from {
            self.reach(level);
        }
        self.all_indicators |= other.all_indicators;
        self.indicators.extend(other.indicators);
    }

    /// A pilot came or went: the lists, and the pages of the indicators it reports.
    fn pilot_set(&mut self, p: &Pilot) {
        self.reach(Reads::Cards);
        self.indicators.extend(p.metrics.iter().map(|m| m.indicator));
    }

    /// A pilot changed from `old` to `new`: how far that reaches.
    fn pilot(&mut self, site: &Site, t: Option<&I18n>, old: &Pilot, new: &Pilot) {
        if old.doc != new.doc {
            self.reach(Reads::Text);
        }
        let mut same = new.clone();
        same.doc = old.doc.clone();
        if *old == same {
            return;
        }
        self.reach(Reads::Data);
        let card_changed = t.is_none_or(|t| views::pilot_card(site, old, t) != views::pilot_card(site, new, t));
        let ids = old.metrics.iter().chain(&new.metrics).map(|m| m.indicator);
        if card_changed {
            // Its card is on the page of every indicator it reports.
            self.reach(Reads::Cards);
            self.indicators.extend(ids);
        } else {
            self.indicators.extend(ids.filter(|&id| old.metric(id) != new.metric(id)));
        }
    }
}

struct State {
    regs: LoadedRegistries,
    reg_diags: Vec<Diagnostic>,
    theme: Option<Theme>,
    folders: Vec<Folder>,
    listing_diags: Vec<Diagnostic>,
    /// Duplicate communes: they depend on the communes' names only.
    dup_diags: Vec<Diagnostic>,
    site: Site,
    docs: Documents,
    /// Parallel to `site.pilots`.
    extras: Vec<PilotExtra>,
    page_load_diags: Vec<Diagnostic>,
    page_render_diags: Vec<Vec<Diagnostic>>,
    targets: LinkTargets,
}

struct Folder {
    folder: PilotFolder,
    load_diags: Vec<Diagnostic>,
    loaded: bool,
}

struct PilotExtra {
    /// Line and column of its `commune:` value (where a duplicate is reported).
    commune_at: (usize, usize),
    render_diags: Vec<Diagnostic>,
    /// Its page and files are not rendered since it changed.
    page_stale: bool,
}

/// What the watcher's paths mean.
#[derive(Default)]
struct Dirty {
    everything: bool,
    theme: bool,
    pages: bool,
    provinces: BTreeSet<String>,
    pilots: BTreeSet<Key>,
    /// Folders under `content/pilots/` may have come or gone: list them again.
    listing: bool,
}

fn key(f: &PilotFolder) -> Key {
    (f.province_slug.clone(), f.commune.clone())
}

fn key_ref(f: &PilotFolder) -> (&str, &str) {
    (&f.province_slug, &f.commune)
}

impl Incremental {
    /// An empty site for `root`; the first `update` builds it. `base_url` overrides site.yaml's.
    pub fn new(root: &Path, base_url: Option<String>) -> Self {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        Incremental {
            real_root: root.canonicalize().unwrap_or_else(|_| root.clone()),
            root,
            base_url,
            state: None,
            outputs: HashMap::new(),
            pilot_paths: BTreeMap::new(),
            aggregate_paths: vec![Vec::new(); AGGREGATES.len()],
            check_removed: true,
            indicator_paths: BTreeMap::new(),
            stale: Stale::everything(),
            deferred: None,
        }
    }

    /// A new, empty engine for the same site and address: what replaces one an update
    /// left half-changed (a panic); its first `update` builds everything.
    pub fn fresh(&self) -> Self {
        Incremental::new(&self.root, self.base_url.clone())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The site as last rendered without errors.
    pub fn outputs(&self) -> &HashMap<String, Arc<[u8]>> {
        &self.outputs
    }

    /// The site's language (for wording diagnostics), once loaded.
    pub fn language(&self) -> Option<crate::model::Lang> {
        self.state.as_ref().map(|s| s.site.config.language)
    }

    pub fn output(&self, path: &str) -> Option<Arc<[u8]>> {
        self.outputs.get(path).cloned()
    }

    /// Brings the site up to date with `changes`. On content errors or a broken theme,
    /// the previous outputs stay as they were.
    pub fn update(&mut self, changes: &Changes) -> Result<Update, BuildError> {
        self.update_with(changes, false)
    }

    /// `update`, leaving the deferrable aggregates (the search index) for later: the pages
    /// are up to date, and `Update::pending` says whether a following `update` (with no
    /// changes, or more) has those left to render. The preview tells open pages to reload
    /// in between.
    pub fn update_fast(&mut self, changes: &Changes) -> Result<Update, BuildError> {
        self.update_with(changes, true)
    }

    fn update_with(&mut self, changes: &Changes, defer: bool) -> Result<Update, BuildError> {
        let dirty = self.classify(changes);
        if dirty.everything || self.state.is_none() {
            self.state = Some(self.load_everything());
            self.stale = Stale::everything();
            self.check_removed = true;
        } else {
            self.apply(&dirty);
        }
        self.finish(defer)
    }

    fn classify(&self, changes: &Changes) -> Dirty {
        let mut d = Dirty::default();
        let Changes::Paths(paths) = changes else {
            d.everything = true;
            return d;
        };
        for p in paths {
            // Some systems report the real path of a root given through a link.
            let rel = p.strip_prefix(&self.root).or_else(|_| p.strip_prefix(&self.real_root)).unwrap_or(p);
            let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            match parts.as_slice() {
                ["content", "pilots", prov, commune, rest @ ..] => {
                    d.pilots.insert((prov.to_string(), commune.to_string()));
                    // The folder itself was created, removed or renamed.
                    d.listing |= rest.is_empty();
                }
                ["content", "pilots", prov] => {
                    d.provinces.insert(prov.to_string());
                    d.listing = true;
                }
                // Stray files there are reported by the listing, which is read on every update.
                ["content", "pilots"] => d.everything = true,
                ["content", "pages", ..] => d.pages = true,
                ["content", ..] => d.everything = true,
                ["themes", ..] => d.theme = true,
                _ => {}
            }
        }
        d
    }

    fn load_theme(&self, site: &Site) -> Option<Theme> {
        Theme::load(&self.root, &site.config.theme, site.config.language).ok()
    }

    /// The same steps as `load::load_site` and `render::render_documents`, keeping the pieces.
    fn load_everything(&self) -> State {
        let root = &self.root;
        let mut reg_diags = Vec::new();
        let mut regs = load::load_registries(root, &mut reg_diags);
        if let Some(url) = &self.base_url {
            regs.config.base_url = normalize_base_url(url);
        }
        let mut listing_diags = Vec::new();
        let listed = load::pilot_folders(root, &regs.registries(), &mut listing_diags);
        let loaded = load::load_pilot_folders(root, &listed.iter().collect::<Vec<_>>(), &regs.registries());
        let mut folders = Vec::with_capacity(listed.len());
        let mut pilots = Vec::new();
        let mut places = Vec::new();
        let mut unloaded = Vec::new();
        for (f, (p, d)) in listed.into_iter().zip(loaded) {
            if p.is_none() {
                unloaded.push((f.province, f.commune.clone()));
            }
            folders.push(Folder { folder: f, load_diags: d, loaded: p.is_some() });
            if let Some((p, at)) = p {
                pilots.push(p);
                places.push(at);
            }
        }
        let mut page_load_diags = Vec::new();
        let pages = load::load_pages(root, &mut page_load_diags);
        let site = regs.clone().into_site(pilots, pages, unloaded);
        let targets = render::link_targets(&site);
        let base = site.config.base_path();
        let (pilot_docs, extras): (Vec<Rendered>, Vec<PilotExtra>) = site
            .pilots
            .par_iter()
            .zip(places)
            .map(|(p, commune_at)| {
                let (r, d) = render::render_pilot_document(&p.doc, root, &targets, &base, render::Need::Page);
                (r, PilotExtra { commune_at, render_diags: d, page_stale: true })
            })
            .unzip();
        let (page_docs, page_render_diags) = site
            .pages
            .par_iter()
            .map(|p| render::render_document(&p.doc, root, &targets, &base, render::Need::Page))
            .unzip();
        let theme = self.load_theme(&site);
        State {
            dup_diags: duplicate_communes(&site, &extras),
            regs,
            reg_diags,
            theme,
            folders,
            listing_diags,
            site,
            docs: Documents { pilots: pilot_docs, pages: page_docs },
            extras,
            page_load_diags,
            page_render_diags,
            targets,
        }
    }

    /// Reloads what `dirty` names and renders again the documents it affects.
    fn apply(&mut self, dirty: &Dirty) {
        let root = self.root.clone();
        let st = self.state.as_mut().expect("loaded");
        if dirty.theme || st.theme.is_none() {
            st.theme = Theme::load(&root, &st.site.config.theme, st.site.config.language).ok();
            st.extras.iter_mut().for_each(|e| e.page_stale = true);
            self.stale = Stale::everything();
        }
        let mut pages_changed = false;
        if dirty.pages {
            let mut d = Vec::new();
            let pages = load::load_pages(&root, &mut d);
            st.page_load_diags = d;
            st.site.pages = pages;
            pages_changed = true;
            self.stale.reach(Reads::Site);
        }

        let reloaded = if dirty.listing { None } else { reload_in_place(st, &root, dirty) };
        let Reloaded { stale, mut to_render, set_changed } = match reloaded {
            Some(r) => r,
            None => {
                self.check_removed = true;
                relist(st, &root, dirty)
            }
        };
        if stale.from.is_some_and(|f| f <= Reads::Data) {
            st.dup_diags = duplicate_communes(&st.site, &st.extras);
        }
        self.stale.merge(stale);

        // Documents whose links now lead elsewhere are rendered again.
        let base = st.site.config.base_path();
        let mut pages_to_render = pages_changed;
        if set_changed || pages_changed {
            let targets = render::link_targets(&st.site);
            let moved = |r: &Rendered| {
                r.links_to.iter().any(|p| {
                    st.targets.lookup(p).map(|(d, u)| (d, u.to_string()))
                        != targets.lookup(p).map(|(d, u)| (d, u.to_string()))
                })
            };
            for (i, r) in st.docs.pilots.iter().enumerate() {
                if moved(r) && !to_render.contains(&i) {
                    to_render.push(i);
                }
            }
            pages_to_render |= st.docs.pages.iter().any(moved);
            st.targets = targets;
        }
        let rendered: Vec<(usize, (Rendered, Vec<Diagnostic>))> = to_render
            .par_iter()
            .map(|&i| {
                (
                    i,
                    render::render_pilot_document(
                        &st.site.pilots[i].doc,
                        &root,
                        &st.targets,
                        &base,
                        render::Need::Page,
                    ),
                )
            })
            .collect();
        for (i, (r, d)) in rendered {
            let old = std::mem::replace(&mut st.docs.pilots[i], r);
            if old.html != st.docs.pilots[i].html {
                self.stale.reach(Reads::Text);
            }
            st.extras[i].render_diags = d;
            st.extras[i].page_stale = true;
        }
        if pages_to_render {
            let (docs, diags) = st
                .site
                .pages
                .par_iter()
                .map(|p| render::render_document(&p.doc, &root, &st.targets, &base, render::Need::Page))
                .unzip();
            st.docs.pages = docs;
            st.page_render_diags = diags;
            self.stale.reach(Reads::Site);
        }
    }

    /// Collects the diagnostics; without errors, renders what is stale and updates the outputs.
    fn finish(&mut self, defer: bool) -> Result<Update, BuildError> {
        let st = self.state.as_mut().expect("loaded");
        let mut diags: Vec<Diagnostic> = st.reg_diags.clone();
        diags.extend(st.listing_diags.iter().cloned());
        diags.extend(st.folders.iter().flat_map(|f| f.load_diags.iter().cloned()));
        diags.extend(st.dup_diags.iter().cloned());
        diags.extend(st.page_load_diags.iter().cloned());
        diags.extend(st.extras.iter().flat_map(|e| e.render_diags.iter().cloned()));
        diags.extend(st.page_render_diags.iter().flatten().cloned());
        render::check_anchors(&st.site, &st.docs, &mut diags);
        diag::sort(&mut diags);
        let Some(theme) = &st.theme else {
            // The same message as the clean build's.
            let err = Theme::load(&self.root, &st.site.config.theme, st.site.config.language).err();
            return Err(BuildError::Fatal(err.map(|e| e.0).unwrap_or_else(|| "the theme cannot be loaded".into())));
        };
        if diag::has_errors(&diags) {
            return Err(BuildError::Content(diags));
        }

        let r = Renderer::new(&st.site, &self.root, &st.docs, theme);
        let stale: Vec<usize> = (0..st.site.pilots.len()).filter(|&i| st.extras[i].page_stale).collect();
        let pilot_files: Vec<(usize, Vec<OutputFile>)> = stale
            .par_iter()
            .map(|&i| r.pilot_outputs(i).map(|f| (i, f)))
            .collect::<Result<_, _>>()
            .map_err(|e| BuildError::Fatal(e.0))?;
        // Deferrable aggregates also owe what earlier deferred updates left them.
        let deferred_from = [self.stale.from, self.deferred].into_iter().flatten().min();
        let due = |a: &Aggregate| {
            let from = if a.deferrable { deferred_from } else { self.stale.from };
            from.is_some_and(|f| a.reads >= f)
        };
        let pending = defer && AGGREGATES.iter().any(|a| a.deferrable && due(a));
        let aggregates: Vec<(usize, Vec<OutputFile>)> = AGGREGATES
            .par_iter()
            .enumerate()
            .filter(|(_, a)| due(a) && !(defer && a.deferrable))
            .map(|(i, a)| (a.render)(&r).map(|f| (i, f)))
            .collect::<Result<_, _>>()
            .map_err(|e| BuildError::Fatal(e.0))?;
        let indicators: Vec<IndicatorId> = if self.stale.all_indicators {
            st.site.indicator_ids().collect()
        } else {
            self.stale.indicators.iter().copied().filter(|id| (id.0 as usize) < st.site.indicators.len()).collect()
        };
        let indicator_files: Vec<(String, OutputFile)> = indicators
            .par_iter()
            .map(|&id| r.indicator_page(id).map(|f| (st.site.indicator(id).id.clone(), f)))
            .collect::<Result<_, _>>()
            .map_err(|e| BuildError::Fatal(e.0))?;

        // Read copied files before changing anything, so a failure leaves the outputs whole.
        let read = |files: Vec<OutputFile>| -> Result<Vec<(String, Vec<u8>)>, BuildError> {
            files
                .into_iter()
                .map(|f| match f.content {
                    Content::Bytes(b) => Ok((f.path, b)),
                    Content::Copy(src) | Content::Reuse(src) => std::fs::read(&src)
                        .map(|b| (f.path, b))
                        .map_err(|e| BuildError::Fatal(format!("cannot read `{}`: {e}", src.display()))),
                })
                .collect()
        };
        let mut new_pilot_files = Vec::with_capacity(pilot_files.len());
        for (i, files) in pilot_files {
            let p = &st.site.pilots[i];
            new_pilot_files.push(((st.site.province(p.province).slug.clone(), p.slug.clone()), read(files)?));
        }
        let mut new_aggregate_files = Vec::with_capacity(aggregates.len());
        for (i, files) in aggregates {
            new_aggregate_files.push((i, read(files)?));
        }

        let mut changed = BTreeSet::new();
        let mut removed_paths = Vec::new();
        if self.check_removed {
            let ids: BTreeSet<&str> = st.site.indicators.iter().map(|i| i.id.as_str()).collect();
            self.indicator_paths.retain(|id, paths| {
                let keep = ids.contains(id.as_str());
                if !keep {
                    removed_paths.append(paths);
                }
                keep
            });
            let live: BTreeSet<Key> =
                st.site.pilots.iter().map(|p| (st.site.province(p.province).slug.clone(), p.slug.clone())).collect();
            self.pilot_paths.retain(|k, paths| {
                let keep = live.contains(k);
                if !keep {
                    removed_paths.append(paths);
                }
                keep
            });
        }
        let mut written = Vec::new();
        for (k, files) in new_pilot_files {
            let paths: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
            if let Some(old) = self.pilot_paths.insert(k, paths) {
                removed_paths.extend(old);
            }
            written.extend(files);
        }
        for (i, files) in new_aggregate_files {
            let paths: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
            removed_paths.extend(std::mem::replace(&mut self.aggregate_paths[i], paths));
            written.extend(files);
        }
        for (id, file) in indicator_files {
            let (path, bytes) = read(vec![file])?.pop().expect("one file");
            if let Some(old) = self.indicator_paths.insert(id, vec![path.clone()]) {
                removed_paths.extend(old);
            }
            written.push((path, bytes));
        }
        let written_paths: BTreeSet<&str> = written.iter().map(|(p, _)| p.as_str()).collect();
        for p in removed_paths {
            if !written_paths.contains(p.as_str()) && self.outputs.remove(&p).is_some() {
                changed.insert(p);
            }
        }
        for (path, bytes) in written {
            if self.outputs.get(&path).is_none_or(|old| **old != *bytes) {
                self.outputs.insert(path.clone(), bytes.into());
                changed.insert(path);
            }
        }
        st.extras.iter_mut().for_each(|e| e.page_stale = false);
        self.check_removed = false;
        self.stale = Stale::default();
        self.deferred = if pending { deferred_from } else { None };
        Ok(Update { changed: changed.into_iter().collect(), diagnostics: diags, pending })
    }
}

/// What reloading pilot folders changed.
struct Reloaded {
    stale: Stale,
    /// Indices of pilots whose Markdown must be rendered.
    to_render: Vec<usize>,
    /// Pilot folders came or went.
    set_changed: bool,
}

/// The duplicate-commune diagnostics, as `load::load_site` reports them.
fn duplicate_communes(site: &Site, extras: &[PilotExtra]) -> Vec<Diagnostic> {
    let places: Vec<(usize, usize)> = extras.iter().map(|e| e.commune_at).collect();
    let mut d = Vec::new();
    load::report_duplicate_communes(&site.pilots, &places, &mut d);
    d
}

/// The common case: files changed inside known pilot folders, and each folder that
/// loaded before still loads (or still does not). Reloads them in place; `None` when
/// the folders or the set of loaded pilots may have changed.
fn reload_in_place(st: &mut State, root: &Path, dirty: &Dirty) -> Option<Reloaded> {
    let found: Vec<usize> = dirty
        .pilots
        .iter()
        .map(|(p, c)| st.folders.binary_search_by(|f| key_ref(&f.folder).cmp(&(p.as_str(), c.as_str()))).ok())
        .collect::<Option<_>>()?; // an unknown folder: a new pilot whose folder event was not seen
    let folders: Vec<&PilotFolder> = found.iter().map(|&i| &st.folders[i].folder).collect();
    let loaded = load::load_pilot_folders(root, &folders, &st.regs.registries());
    if found.iter().zip(&loaded).any(|(&i, (p, _))| st.folders[i].loaded != p.is_some()) {
        return None;
    }
    let mut r = Reloaded { stale: Stale::default(), to_render: Vec::new(), set_changed: false };
    let t = st.theme.as_ref().map(|t| &t.i18n);
    for (&fi, (p, d)) in found.iter().zip(loaded) {
        st.folders[fi].load_diags = d;
        let Some(p) = p else { continue };
        let k = key_ref(&st.folders[fi].folder);
        let site = &st.site;
        let pi = site
            .pilots
            .binary_search_by(|q| (site.province(q.province).slug.as_str(), q.slug.as_str()).cmp(&k))
            .expect("a folder that loaded has its pilot");
        let (p, commune_at) = p;
        r.stale.pilot(site, t, &site.pilots[pi], &p);
        st.site.pilots[pi] = p;
        st.extras[pi].commune_at = commune_at;
        st.extras[pi].page_stale = true;
        r.to_render.push(pi);
    }
    Some(r)
}

/// Lists the pilot folders again and reloads the new and changed ones, keeping the rest.
fn relist(st: &mut State, root: &Path, dirty: &Dirty) -> Reloaded {
    let mut listing_diags = Vec::new();
    let listed = load::pilot_folders(root, &st.regs.registries(), &mut listing_diags);
    st.listing_diags = listing_diags;
    let is_dirty = |f: &PilotFolder| dirty.provinces.contains(&f.province_slug) || dirty.pilots.contains(&key(f));
    let set_changed = listed.len() != st.folders.len()
        || listed.iter().zip(&st.folders).any(|(a, b)| key_ref(a) != key_ref(&b.folder));

    // Walk the old and new listings (both sorted by key) together.
    // Short-lived and moved once: boxing would only add an allocation per pilot.
    #[allow(clippy::large_enum_variant)]
    enum Entry {
        Kept(Folder, Option<(Pilot, Rendered, PilotExtra)>),
        Load(PilotFolder, Option<Pilot>),
    }
    let mut old_folders = std::mem::take(&mut st.folders).into_iter().peekable();
    let mut old_pilots = std::mem::take(&mut st.site.pilots).into_iter();
    let mut old_docs = std::mem::take(&mut st.docs.pilots).into_iter();
    let mut old_extras = std::mem::take(&mut st.extras).into_iter();
    let mut take_old = |loaded: bool| loaded.then(|| (old_pilots.next(), old_docs.next(), old_extras.next()));
    let mut entries = Vec::with_capacity(listed.len());
    // Pilots whose folders are gone.
    let mut gone = Vec::new();
    for f in listed {
        let k = key_ref(&f);
        let mut old = None;
        while let Some(o) = old_folders.next_if(|o| key_ref(&o.folder) <= k) {
            let data = take_old(o.loaded);
            if key_ref(&o.folder) == k {
                old = Some((o, data));
            } else {
                gone.extend(data.and_then(|d| d.0));
            }
        }
        entries.push(match old {
            Some((o, data)) if !is_dirty(&f) => {
                Entry::Kept(o, data.map(|(p, r, e)| (p.expect("pilot"), r.expect("doc"), e.expect("extra"))))
            }
            Some((_, data)) => Entry::Load(f, data.and_then(|d| d.0)),
            None => Entry::Load(f, None),
        });
    }
    for o in old_folders {
        gone.extend(take_old(o.loaded).and_then(|d| d.0));
    }

    let to_load: Vec<&PilotFolder> =
        entries.iter().filter_map(|e| if let Entry::Load(f, _) = e { Some(f) } else { None }).collect();
    let mut loaded = load::load_pilot_folders(root, &to_load, &st.regs.registries()).into_iter();
    let mut stale = Stale::default();
    gone.iter().for_each(|p| stale.pilot_set(p));
    let t = st.theme.as_ref().map(|t| &t.i18n);
    let mut to_render = Vec::new();
    for e in entries {
        match e {
            Entry::Kept(folder, data) => {
                if let Some((p, r, x)) = data {
                    st.site.pilots.push(p);
                    st.docs.pilots.push(r);
                    st.extras.push(x);
                }
                st.folders.push(folder);
            }
            Entry::Load(folder, old) => {
                let (p, d) = loaded.next().expect("loaded");
                match (&old, &p) {
                    (Some(a), Some((b, _))) => stale.pilot(&st.site, t, a, b),
                    (Some(x), None) | (None, Some((x, _))) => stale.pilot_set(x),
                    (None, None) => {}
                }
                st.folders.push(Folder { folder, load_diags: d, loaded: p.is_some() });
                if let Some((p, commune_at)) = p {
                    to_render.push(st.site.pilots.len());
                    st.site.pilots.push(p);
                    st.docs.pilots.push(Rendered::default());
                    st.extras.push(PilotExtra { commune_at, render_diags: Vec::new(), page_stale: true });
                }
            }
        }
    }
    st.site.unloaded_pilots =
        st.folders.iter().filter(|f| !f.loaded).map(|f| (f.folder.province, f.folder.commune.clone())).collect();

    Reloaded { stale, to_render, set_changed }
}
