//! What a change on disk reaches: the watcher's paths sorted into what must be read
//! again (`Dirty`), and what must be rendered again (`Stale`). Kept apart from the
//! pipeline's steps so that the rules of what depends on what read in one place.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::load::PilotFolder;
use crate::model::{IndicatorId, Pilot, Site};
use crate::render::Reads;
use crate::render::theme::I18n;
use crate::render::views;

/// A pilot's identity: its province folder and commune folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PilotKey {
    pub province: String,
    pub commune: String,
}

impl PilotKey {
    pub fn of_folder(f: &PilotFolder) -> PilotKey {
        PilotKey { province: f.province_slug.clone(), commune: f.commune.clone() }
    }

    pub fn of_pilot(site: &Site, p: &Pilot) -> PilotKey {
        PilotKey { province: site.province(p.province).slug.clone(), commune: p.slug.clone() }
    }
}

/// A folder's key without copying it, for searching sorted lists.
pub fn key_ref(f: &PilotFolder) -> (&str, &str) {
    (&f.province_slug, &f.commune)
}

/// What changed on disk since the last update.
#[derive(Debug, Clone)]
pub enum Changes {
    /// These paths (absolute, or relative to the site root) changed.
    Paths(Vec<PathBuf>),
    /// Unknown: reload everything (the watcher lost track, or nothing is loaded yet).
    Everything,
}

/// What the watcher's paths mean.
#[derive(Default)]
pub struct Dirty {
    pub everything: bool,
    pub theme: bool,
    pub pages: bool,
    pub provinces: BTreeSet<String>,
    pub pilots: BTreeSet<PilotKey>,
    /// Folders under `content/pilots/` may have come or gone: list them again.
    pub listing: bool,
}

impl Dirty {
    /// Sorts changed paths by what they can affect. `roots` are the site root as given and as
    /// resolved (some systems report the real path of a root given through a link).
    pub fn of(changes: &Changes, roots: [&Path; 2]) -> Dirty {
        let mut d = Dirty::default();
        let Changes::Paths(paths) = changes else {
            d.everything = true;
            return d;
        };
        for p in paths {
            let rel = p.strip_prefix(roots[0]).or_else(|_| p.strip_prefix(roots[1])).unwrap_or(p);
            let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            match parts.as_slice() {
                ["content", "pilots", prov, commune, rest @ ..] => {
                    d.pilots.insert(PilotKey { province: prov.to_string(), commune: commune.to_string() });
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

    pub fn folder(&self, f: &PilotFolder) -> bool {
        self.provinces.contains(&f.province_slug) || self.pilots.contains(&PilotKey::of_folder(f))
    }
}

/// What has to be rendered again since the last render (besides stale pilot pages).
#[derive(Default)]
pub struct Stale {
    /// The widest change seen: aggregates that read at least this much are stale.
    pub from: Option<Reads>,
    pub all_indicators: bool,
    pub indicators: BTreeSet<IndicatorId>,
}

impl Stale {
    pub fn everything() -> Stale {
        Stale { from: Some(Reads::Site), all_indicators: true, indicators: BTreeSet::new() }
    }

    pub fn reach(&mut self, level: Reads) {
        self.from = Some(self.from.map_or(level, |f| f.min(level)));
    }

    pub fn merge(&mut self, other: Stale) {
        if let Some(level) = other.from {
            self.reach(level);
        }
        self.all_indicators |= other.all_indicators;
        self.indicators.extend(other.indicators);
    }

    /// A pilot came or went: the lists, and the pages of the indicators it reports.
    pub fn pilot_set(&mut self, p: &Pilot) {
        self.reach(Reads::Cards);
        self.indicators.extend(p.metrics.iter().map(|m| m.indicator));
    }

    /// A pilot changed from `old` to `new`: how far that reaches.
    pub fn pilot(&mut self, site: &Site, t: Option<&I18n>, old: &Pilot, new: &Pilot) {
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
