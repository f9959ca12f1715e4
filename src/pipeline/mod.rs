//! The one recipe of a build: load → model → render, and which outputs a change makes
//! stale. `langso build` runs it once, everything due, into the output publisher;
//! `langso serve` keeps one and runs it after each change with only what that change
//! made stale, into the site it holds in memory; `langso check` runs its loading half
//! only. The three cannot disagree because there is no second recipe: every output is
//! declared once (a pilot's page and files, an indicator's page, an entry of
//! `render::AGGREGATES`) and reaches every command from here.
//!
//! What depends on what (`stale.rs`):
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
//! every update. While the content has errors nothing is rendered: what went stale
//! meanwhile is rendered once the errors are fixed.

mod stale;
mod state;

pub use stale::{Changes, PilotKey};

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diag::{self, Diagnostic};
use crate::model::{IndicatorId, Lang, Site};
use crate::output::OutputFile;
use crate::photo::PhotoCache;
use crate::render::theme::Theme;
use crate::render::{AGGREGATES, Aggregate, Need, Reads, RenderError, Renderer};
use stale::{Dirty, Stale};
use state::State;

/// The time of each named stage of a run, each measured from the end of the one before.
pub struct Stages {
    pub done: Vec<(&'static str, Duration)>,
    since: Instant,
}

impl Stages {
    /// Goes on after `done`, timing from now.
    pub fn after(done: Vec<(&'static str, Duration)>) -> Stages {
        Stages { done, since: Instant::now() }
    }

    /// The stage `name` ends now.
    pub fn end(&mut self, name: &'static str) {
        let now = Instant::now();
        self.done.push((name, now - self.since));
        self.since = now;
    }
}

/// Which declared output made a set of files: a sink that keeps the site (the preview)
/// replaces an owner's previous files with its new ones.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Owner {
    /// An entry of `render::AGGREGATES`, by name.
    Aggregate(&'static str),
    /// A pilot's page and the files it references.
    Pilot(PilotKey),
    /// An indicator's page, by the indicator's id.
    Indicator(String),
}

/// Where rendered files go: the output publisher (`build`) or the site in memory (`serve`).
/// Called from several threads, once per owner, with every file that owner made.
pub trait Sink: Sync {
    fn put(&self, owner: Owner, files: Vec<OutputFile>) -> Result<(), RenderError>;
}

/// Why a run made no site.
#[derive(Debug)]
pub enum BuildError {
    /// The content has errors (exit 1). All diagnostics, warnings included, sorted.
    Content(Vec<Diagnostic>),
    /// The theme, usage or I/O failed (exit 2); the text is in the site's language.
    Fatal(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Content(diags) => {
                let errors = diags.iter().filter(|d| d.is_error()).count();
                write!(f, "the content has {errors} error(s)")
            }
            BuildError::Fatal(text) => f.write_str(text),
        }
    }
}

impl std::error::Error for BuildError {}

impl From<RenderError> for BuildError {
    fn from(e: RenderError) -> Self {
        BuildError::Fatal(e.0)
    }
}

/// What a successful render did.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Outputs were left for a later `render` (only when asked to defer).
    pub pending: bool,
    /// Pilots or indicators may be gone since the last render: a sink that keeps the site
    /// drops the files of owners that are no longer `live`.
    pub owners_may_be_gone: bool,
}

/// The site of one root, loaded, kept between runs, and rendered on demand.
pub struct Pipeline {
    root: PathBuf,
    real_root: PathBuf,
    /// Overrides site.yaml's `base_url` (`build --base-url`, the preview's own address).
    base_url: Option<String>,
    need: Need,
    state: Option<State>,
    /// What changed since the last render.
    stale: Stale,
    /// Pilots or indicators may have gone since the last render.
    owners_may_be_gone: bool,
    /// What the deferrable aggregates still owe after a deferred render.
    deferred: Option<Reads>,
    stages: Vec<(&'static str, Duration)>,
    /// Photos already processed: none kept by default, in memory for serve, or a folder.
    photos: Arc<PhotoCache>,
}

impl Pipeline {
    /// Nothing loaded yet for `root`; the first `update` loads everything.
    pub fn new(root: &Path, base_url: Option<String>) -> Self {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        Pipeline {
            real_root: root.canonicalize().unwrap_or_else(|_| root.clone()),
            root,
            base_url,
            need: Need::Page,
            state: None,
            stale: Stale::everything(),
            owners_may_be_gone: true,
            deferred: None,
            stages: Vec::new(),
            photos: Arc::new(PhotoCache::none()),
        }
    }

    /// The same pipeline, finding processed photos in `photos` (see `photo::cache`).
    pub fn with_photos(self, photos: PhotoCache) -> Self {
        Pipeline { photos: Arc::new(photos), ..self }
    }

    pub fn photos(&self) -> &PhotoCache {
        &self.photos
    }

    /// A new, empty pipeline for the same site and address: what replaces one an update
    /// left half-changed (a panic); its first `update` loads everything.
    pub fn fresh(&self) -> Self {
        Pipeline { need: self.need, photos: self.photos.clone(), ..Pipeline::new(&self.root, self.base_url.clone()) }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The site's language (for wording diagnostics), once loaded.
    pub fn language(&self) -> Option<Lang> {
        self.state.as_ref().map(|s| s.site.config.language)
    }

    pub fn site(&self) -> Option<&Site> {
        self.state.as_ref().map(|s| &s.site)
    }

    /// How long each step of the first, whole load took: `load`, `markdown`, `theme`.
    pub fn stages(&self) -> &[(&'static str, Duration)] {
        &self.stages
    }

    /// Loads what `changes` touched and checks the whole site: its diagnostics (warnings
    /// only, sorted), or the errors. The outputs this makes stale are rendered by `render`.
    pub fn update(&mut self, changes: &Changes) -> Result<Vec<Diagnostic>, BuildError> {
        let dirty = Dirty::of(changes, [&self.root, &self.real_root]);
        match &mut self.state {
            Some(st) if !dirty.everything => self.owners_may_be_gone |= st.apply(&self.root, &dirty, &mut self.stale),
            _ => {
                let mut stages = Stages::after(Vec::new());
                self.state = Some(State::load(&self.root, self.base_url.as_deref(), self.need, &mut stages));
                self.stages = stages.done;
                self.stale = Stale::everything();
                self.owners_may_be_gone = true;
            }
        }
        let st = self.state.as_ref().expect("loaded");
        if let Some(Err(e)) = &st.theme {
            return Err(BuildError::Fatal(e.0.clone()));
        }
        let diags = st.diagnostics();
        if diag::has_errors(&diags) {
            return Err(BuildError::Content(diags));
        }
        Ok(diags)
    }

    /// `langso check`: loads `root` and renders its Markdown for the checks only (no HTML),
    /// and checks the theme the build would load (a template tera rejects fails the build,
    /// so it fails check). Every diagnostic, sorted, and the site's language.
    pub fn check(root: &Path) -> (Vec<Diagnostic>, Lang) {
        let mut p = Pipeline { need: Need::Checks, ..Pipeline::new(root, None) };
        let mut diags = match p.update(&Changes::Everything) {
            Ok(d) | Err(BuildError::Content(d)) => d,
            Err(BuildError::Fatal(_)) => unreachable!("checking loads no theme"),
        };
        let config = &p.site().expect("loaded").config;
        diags.extend(Theme::check(root, &config.theme, config.language));
        diag::sort(&mut diags);
        (diags, config.language)
    }

    /// Whether `owner`'s files belong to the site as last updated.
    pub fn is_live(&self, owner: &Owner) -> bool {
        let Some(st) = &self.state else { return false };
        match owner {
            Owner::Aggregate(_) => true,
            Owner::Pilot(k) => {
                let key = (k.province.as_str(), k.commune.as_str());
                let site = &st.site;
                site.pilots
                    .binary_search_by(|p| (site.province(p.province).slug.as_str(), p.slug.as_str()).cmp(&key))
                    .is_ok()
            }
            Owner::Indicator(id) => st.site.indicators.iter().any(|i| &i.id == id),
        }
    }

    /// Renders what is due into `sink`: everything after a whole load, else what the
    /// updates since the last render made stale. With `defer`, the deferrable aggregates
    /// (the search index) are left for a later call (`Rendered::pending`). `previous` is
    /// the site being replaced, whose share cards may be kept. Call after an `update`
    /// that succeeded.
    pub fn render(&mut self, sink: &dyn Sink, defer: bool, previous: Option<&Path>) -> Result<Rendered, BuildError> {
        let st = self.state.as_mut().expect("updated");
        let Some(Ok(theme)) = &st.theme else { panic!("render after an update that failed") };
        let mut r = Renderer::new(&st.site, &self.root, &st.docs, theme, &self.photos);
        r.previous = previous;

        // Deferrable aggregates also owe what earlier deferred renders left them.
        let deferred_from = [self.stale.from, self.deferred].into_iter().flatten().min();
        let due = |a: &Aggregate| {
            let from = if a.deferrable { deferred_from } else { self.stale.from };
            from.is_some_and(|f| a.reads >= f)
        };
        let pending = defer && AGGREGATES.iter().any(|a| a.deferrable && due(a));
        let indicators: Vec<IndicatorId> = if self.stale.all_indicators {
            st.site.indicator_ids().collect()
        } else {
            let count = st.site.indicators.len();
            self.stale.indicators.iter().copied().filter(|id| id.index() < count).collect()
        };
        enum Job<'a> {
            Aggregate(&'a Aggregate),
            Pilot(usize),
            Indicator(IndicatorId),
        }
        // The aggregates first: some are large single jobs, which the pilots' pages then fill around.
        let jobs: Vec<Job> = AGGREGATES
            .iter()
            .filter(|a| due(a) && !(defer && a.deferrable))
            .map(Job::Aggregate)
            .chain((0..st.site.pilots.len()).filter(|&i| st.extras[i].page_stale).map(Job::Pilot))
            .chain(indicators.into_iter().map(Job::Indicator))
            .collect();
        jobs.par_iter().with_max_len(1).try_for_each(|job| match job {
            Job::Aggregate(a) => sink.put(Owner::Aggregate(a.name), (a.render)(&r)?),
            Job::Pilot(i) => {
                let owner = Owner::Pilot(PilotKey::of_pilot(&st.site, &st.site.pilots[*i]));
                sink.put(owner, r.pilot_outputs(*i)?)
            }
            Job::Indicator(id) => {
                sink.put(Owner::Indicator(st.site.indicator(*id).id.clone()), r.indicator_pages(*id)?)
            }
        })?;

        st.extras.iter_mut().for_each(|e| e.page_stale = false);
        let rendered = Rendered { pending, owners_may_be_gone: self.owners_may_be_gone };
        self.owners_may_be_gone = false;
        self.stale = Stale::default();
        self.deferred = if pending { deferred_from } else { None };
        Ok(rendered)
    }
}
