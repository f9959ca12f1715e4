//! The loaded site as the pipeline keeps it between runs: every piece with its own
//! diagnostics, so that a change reloads and renders again only its own pieces. The
//! first load reads everything through `load::load_content`; later ones reload pilot
//! folders, pages or the theme as `Dirty` says, through the same `load` functions.

use std::path::Path;

use rayon::prelude::*;

use super::Stages;
use super::stale::{Dirty, Stale, key_ref};
use crate::diag::Diagnostic;
use crate::load::pilot::{LineCol, LoadedPilot};
use crate::load::{self, FolderLoad, Loaded, LoadedRegistries, PilotFolder, registry::normalize_base_url};
use crate::model::{Pilot, Site};
use crate::render::markdown::{LinkTargets, Rendered};
use crate::render::theme::{I18n, Theme, ThemeError};
use crate::render::{self, Documents, Need, Reads};

pub(super) struct State {
    pub regs: LoadedRegistries,
    pub reg_diags: Vec<Diagnostic>,
    /// `None` while only checking (`langso check` reads the theme its own way).
    pub theme: Option<Result<Theme, ThemeError>>,
    pub folders: Vec<Folder>,
    pub listing_diags: Vec<Diagnostic>,
    /// Duplicate communes: they depend on the communes' names only.
    pub dup_diags: Vec<Diagnostic>,
    pub site: Site,
    pub docs: Documents,
    /// Parallel to `site.pilots`.
    pub extras: Vec<PilotExtra>,
    pub page_load_diags: Vec<Diagnostic>,
    pub page_render_diags: Vec<Vec<Diagnostic>>,
    pub targets: LinkTargets,
}

pub(super) struct Folder {
    pub folder: PilotFolder,
    pub load_diags: Vec<Diagnostic>,
    pub loaded: bool,
}

pub(super) struct PilotExtra {
    /// Line and column of its `commune:` value (where a duplicate is reported).
    pub commune_at: LineCol,
    pub render_diags: Vec<Diagnostic>,
    /// Its page and files are not rendered since it changed.
    pub page_stale: bool,
}

/// What reloading pilot folders changed.
pub(super) struct Reloaded {
    pub stale: Stale,
    /// Indices of pilots whose Markdown must be rendered.
    pub to_render: Vec<usize>,
    /// Pilot folders came or went.
    pub set_changed: bool,
}

impl State {
    /// Reads the whole site and renders every document; `base_url` overrides site.yaml's.
    /// Adds how long reading, the Markdown and the theme took to `stages`.
    pub fn load(root: &Path, base_url: Option<&str>, need: Need, stages: &mut Stages) -> State {
        let Loaded { mut regs, reg_diags, listing_diags, folders: loaded, pages, page_diags } =
            load::load_content(root);
        if let Some(url) = base_url {
            regs.config.base_url = normalize_base_url(url);
        }
        let mut folders = Vec::with_capacity(loaded.len());
        let (mut pilots, mut places, mut unloaded) = (Vec::new(), Vec::new(), Vec::new());
        for FolderLoad { folder, pilot, diags } in loaded {
            if pilot.is_none() {
                unloaded.push((folder.province, folder.commune.clone()));
            }
            folders.push(Folder { folder, load_diags: diags, loaded: pilot.is_some() });
            if let Some(loaded) = pilot {
                pilots.push(loaded.pilot);
                places.push(loaded.commune_at);
            }
        }
        let site = regs.clone().into_site(pilots, pages, unloaded);
        stages.end("load");
        let targets = render::link_targets(&site);
        let (pilot_docs, page_docs) = render::render_each(&site, root, &targets, need);
        let (pilot_docs, extras): (Vec<Rendered>, Vec<PilotExtra>) = pilot_docs
            .into_iter()
            .zip(places)
            .map(|((r, d), commune_at)| (r, PilotExtra { commune_at, render_diags: d, page_stale: true }))
            .unzip();
        let (page_docs, page_render_diags) = page_docs.into_iter().unzip();
        stages.end("markdown");
        let theme = (need == Need::Page).then(|| Theme::load(root, &site.config.theme, site.config.language));
        stages.end("theme");
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
            page_load_diags: page_diags,
            page_render_diags,
            targets,
        }
    }

    fn i18n(&self) -> Option<&I18n> {
        self.theme.as_ref().and_then(|t| t.as_ref().ok()).map(|t| &t.i18n)
    }

    /// Every diagnostic of the site as it stands, sorted: the same list a full load gives.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut diags: Vec<Diagnostic> = self.reg_diags.clone();
        diags.extend(self.listing_diags.iter().cloned());
        diags.extend(self.folders.iter().flat_map(|f| f.load_diags.iter().cloned()));
        diags.extend(self.dup_diags.iter().cloned());
        diags.extend(self.page_load_diags.iter().cloned());
        diags.extend(self.extras.iter().flat_map(|e| e.render_diags.iter().cloned()));
        diags.extend(self.page_render_diags.iter().flatten().cloned());
        render::check_anchors(&self.site, &self.docs, &mut diags);
        crate::diag::sort(&mut diags);
        diags
    }

    /// Reloads what `dirty` names and renders again the documents it affects; adds to
    /// `stale` what must be rendered again. Whether the set of pilots may have changed.
    pub fn apply(&mut self, root: &Path, dirty: &Dirty, stale: &mut Stale) -> bool {
        if dirty.theme || self.theme.as_ref().is_some_and(|t| t.is_err()) {
            self.theme = Some(Theme::load(root, &self.site.config.theme, self.site.config.language));
            self.extras.iter_mut().for_each(|e| e.page_stale = true);
            *stale = Stale::everything();
        }
        let mut pages_changed = false;
        if dirty.pages {
            let mut d = Vec::new();
            self.site.pages = load::load_pages(root, &mut d);
            self.page_load_diags = d;
            pages_changed = true;
            stale.reach(Reads::Site);
        }

        let reloaded = if dirty.listing { None } else { self.reload_in_place(root, dirty) };
        let relisted = reloaded.is_none();
        let Reloaded { stale: reached, mut to_render, set_changed } = match reloaded {
            Some(r) => r,
            None => self.relist(root, dirty),
        };
        if reached.from.is_some_and(|f| f <= Reads::Data) {
            self.dup_diags = duplicate_communes(&self.site, &self.extras);
        }
        stale.merge(reached);

        // Documents whose links now lead elsewhere are rendered again.
        let base = self.site.config.base_path();
        let mut pages_to_render = pages_changed;
        if set_changed || pages_changed {
            let targets = render::link_targets(&self.site);
            let moved = |r: &Rendered| {
                r.links_to.iter().any(|p| {
                    self.targets.lookup(p).map(|(d, u)| (d, u.to_string()))
                        != targets.lookup(p).map(|(d, u)| (d, u.to_string()))
                })
            };
            for (i, r) in self.docs.pilots.iter().enumerate() {
                if moved(r) && !to_render.contains(&i) {
                    to_render.push(i);
                }
            }
            pages_to_render |= self.docs.pages.iter().any(moved);
            self.targets = targets;
        }
        let (site, targets) = (&self.site, &self.targets);
        let rendered: Vec<(usize, (Rendered, Vec<Diagnostic>))> = to_render
            .par_iter()
            .map(|&i| (i, render::render_pilot_document(&site.pilots[i].doc, root, targets, &base, Need::Page)))
            .collect();
        for (i, (r, d)) in rendered {
            let old = std::mem::replace(&mut self.docs.pilots[i], r);
            if old.html != self.docs.pilots[i].html {
                stale.reach(Reads::Text);
            }
            self.extras[i].render_diags = d;
            self.extras[i].page_stale = true;
        }
        if pages_to_render {
            let (docs, diags) = site
                .pages
                .par_iter()
                .map(|p| render::render_document(&p.doc, root, targets, &base, Need::Page))
                .unzip();
            self.docs.pages = docs;
            self.page_render_diags = diags;
            stale.reach(Reads::Site);
        }
        relisted
    }

    /// The common case: files changed inside known pilot folders, and each folder that
    /// loaded before still loads (or still does not). Reloads them in place; `None` when
    /// the folders or the set of loaded pilots may have changed.
    fn reload_in_place(&mut self, root: &Path, dirty: &Dirty) -> Option<Reloaded> {
        let found: Vec<usize> = dirty
            .pilots
            .iter()
            .map(|k| {
                self.folders
                    .binary_search_by(|f| key_ref(&f.folder).cmp(&(k.province.as_str(), k.commune.as_str())))
                    .ok()
            })
            .collect::<Option<_>>()?; // an unknown folder: a new pilot whose folder event was not seen
        let folders: Vec<&PilotFolder> = found.iter().map(|&i| &self.folders[i].folder).collect();
        let loaded = load::load_pilot_folders(root, &folders, &self.regs.registries());
        if found.iter().zip(&loaded).any(|(&i, (p, _))| self.folders[i].loaded != p.is_some()) {
            return None;
        }
        let mut r = Reloaded { stale: Stale::default(), to_render: Vec::new(), set_changed: false };
        for (&fi, (p, d)) in found.iter().zip(loaded) {
            self.folders[fi].load_diags = d;
            let Some(LoadedPilot { pilot: p, commune_at }) = p else { continue };
            let k = key_ref(&self.folders[fi].folder);
            let site = &self.site;
            let pi = site
                .pilots
                .binary_search_by(|q| (site.province(q.province).slug.as_str(), q.slug.as_str()).cmp(&k))
                .expect("a folder that loaded has its pilot");
            r.stale.pilot(site, self.i18n(), &site.pilots[pi], &p);
            self.site.pilots[pi] = p;
            self.extras[pi].commune_at = commune_at;
            self.extras[pi].page_stale = true;
            r.to_render.push(pi);
        }
        Some(r)
    }

    /// Lists the pilot folders again and reloads the new and changed ones, keeping the rest.
    fn relist(&mut self, root: &Path, dirty: &Dirty) -> Reloaded {
        let mut listing_diags = Vec::new();
        let listed = load::pilot_folders(root, &self.regs.registries(), &mut listing_diags);
        self.listing_diags = listing_diags;
        let set_changed = listed.len() != self.folders.len()
            || listed.iter().zip(&self.folders).any(|(a, b)| key_ref(a) != key_ref(&b.folder));

        // Walk the old and new listings (both sorted by key) together.
        // Short-lived and moved once: boxing would only add an allocation per pilot.
        #[allow(clippy::large_enum_variant)]
        enum Entry {
            Kept(Folder, Option<(Pilot, Rendered, PilotExtra)>),
            Load(PilotFolder, Option<Pilot>),
        }
        let mut old_folders = std::mem::take(&mut self.folders).into_iter().peekable();
        let mut old_pilots = std::mem::take(&mut self.site.pilots).into_iter();
        let mut old_docs = std::mem::take(&mut self.docs.pilots).into_iter();
        let mut old_extras = std::mem::take(&mut self.extras).into_iter();
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
                Some((o, data)) if !dirty.folder(&f) => {
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
        let mut loaded = load::load_pilot_folders(root, &to_load, &self.regs.registries()).into_iter();
        let mut stale = Stale::default();
        gone.iter().for_each(|p| stale.pilot_set(p));
        let mut to_render = Vec::new();
        for e in entries {
            match e {
                Entry::Kept(folder, data) => {
                    if let Some((p, r, x)) = data {
                        self.site.pilots.push(p);
                        self.docs.pilots.push(r);
                        self.extras.push(x);
                    }
                    self.folders.push(folder);
                }
                Entry::Load(folder, old) => {
                    let (p, d) = loaded.next().expect("loaded");
                    match (&old, &p) {
                        (Some(a), Some(b)) => stale.pilot(&self.site, self.i18n(), a, &b.pilot),
                        (Some(x), None) => stale.pilot_set(x),
                        (None, Some(b)) => stale.pilot_set(&b.pilot),
                        (None, None) => {}
                    }
                    self.folders.push(Folder { folder, load_diags: d, loaded: p.is_some() });
                    if let Some(LoadedPilot { pilot: p, commune_at }) = p {
                        to_render.push(self.site.pilots.len());
                        self.site.pilots.push(p);
                        self.docs.pilots.push(Rendered::default());
                        self.extras.push(PilotExtra { commune_at, render_diags: Vec::new(), page_stale: true });
                    }
                }
            }
        }
        self.site.unloaded_pilots =
            self.folders.iter().filter(|f| !f.loaded).map(|f| (f.folder.province, f.folder.commune.clone())).collect();

        Reloaded { stale, to_render, set_changed }
    }
}

/// The duplicate-commune diagnostics, as `load::load_site` reports them.
fn duplicate_communes(site: &Site, extras: &[PilotExtra]) -> Vec<Diagnostic> {
    let places: Vec<LineCol> = extras.iter().map(|e| e.commune_at).collect();
    let mut d = Vec::new();
    load::report_duplicate_communes(&site.pilots, &places, &mut d);
    d
}
