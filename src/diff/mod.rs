//! `langso diff OLD_ROOT NEW_ROOT`: what a pull request changes, for reviewers: pilots
//! added and removed, indicator values changed (old → new, and whether the national
//! target line was crossed), status, proposals and every other key of the pilot (its
//! values' years and sources, baselines, `sample`, the case study…); and every change to what the
//! pilots are read against — the indicator catalog (with how many pilots cross a moved
//! target), provinces, regions, fields, site.yaml, pages and theme files.
//! Markdown (ready for a pull-request comment, in the new site's language) or JSON.
//! Pilots are matched by folder (`<province>/<commune>`), indicators by id.
//!
//! The comment is read as the pull request's verdict, so the pull request cannot write
//! it: its words come only from the built-in catalog (never from the theme the pull
//! request may override), and every string from content is shown as a code span
//! (`code`), where GitHub makes no HTML, link, mention, image or math of it, with
//! invisible and bidi characters written as `<U+202E>`.
//!
//! The parts: `compare.rs` finds the differences (`diff`), `json.rs` writes them as JSON
//! and `markdown.rs` as the pull-request comment. This file holds what they share: the
//! differences' types, a pilot's key and its targets met.

mod compare;
mod json;
mod markdown;

use std::borrow::Cow;

use crate::model::*;
pub use compare::diff;
pub use json::to_json;
pub use markdown::to_markdown;

/// Everything that differs between two sites.
pub struct SiteDiff<'a> {
    pub added: Vec<(&'a Site, &'a Pilot)>,
    pub removed: Vec<(&'a Site, &'a Pilot)>,
    pub changed: Vec<PilotChange<'a>>,
    /// Registries, site.yaml, pages and theme files, in that order.
    pub entries: Vec<EntryChange>,
}

impl SiteDiff<'_> {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty() && self.entries.is_empty()
    }
}

pub struct PilotChange<'a> {
    /// `<province>/<commune>`.
    pub path: String,
    pub old: &'a Pilot,
    pub new: &'a Pilot,
    pub values: Vec<ValueChange<'a>>,
    pub proposals: Vec<ProposalChange<'a>>,
    /// The pilot's other keys that differ (commune, title, fields, period, `sample`, the
    /// case study's text…), old and new as written.
    pub keys: Vec<KeyChange>,
}

/// A key whose value differs: its name, the old and the new value as written (`None`: absent).
pub type KeyChange = (Cow<'static, str>, Option<String>, Option<String>);

pub struct ValueChange<'a> {
    /// The indicator as the new catalog has it (the old one's if it left the catalog).
    pub indicator: &'a Indicator,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

impl ValueChange<'_> {
    /// `Some(true)`: the value now meets the target and did not before; `Some(false)`: the reverse.
    pub fn crossed(&self) -> Option<bool> {
        let met = |v: Option<Value>| v.and_then(|v| self.indicator.meets_target(v)).unwrap_or(false);
        let (before, after) = (met(self.old), met(self.new));
        (before != after).then_some(after)
    }
}

pub struct ProposalChange<'a> {
    pub indicator: &'a Indicator,
    pub old: Option<&'a Proposal>,
    pub new: Option<&'a Proposal>,
}

/// One entry of a registry, site.yaml, a page or a theme file, added, removed or changed.
pub struct EntryChange {
    /// The file, from the site root: `content/indicators.yaml`, `themes/default/i18n/vi.yaml`.
    pub file: String,
    /// The entry's id within the file (indicator id, province slug…); `None` for a whole file.
    pub id: Option<String>,
    pub change: Change,
    /// What it reaches on the site.
    pub reach: Reach,
    /// For an indicator whose target or direction changed: how many of the new site's
    /// values cross the target line because of the change alone.
    pub crossing: Option<Crossing>,
}

pub enum Change {
    Added,
    Removed,
    /// The keys that differ, with their old and new values as written (`None`: absent).
    /// A theme file that changed has none: its bytes differ.
    Changed(Vec<KeyChange>),
}

/// What an entry appears on.
#[derive(Clone, Copy)]
pub enum Reach {
    /// Every page (site.yaml, the theme).
    Everything,
    /// The pages of this many pilots (a province's, a field's, an indicator's values).
    Pilots(usize),
    /// Its own page.
    Page,
}

pub struct Crossing {
    /// Values that met the old target and do not meet the new one.
    pub no_longer_meet: usize,
    /// Values that did not meet the old target and meet the new one.
    pub now_meet: usize,
}

fn key(site: &Site, p: &Pilot) -> String {
    format!("{}/{}", site.province(p.province).slug, p.slug)
}

/// How many of a pilot's values meet their national target, and how many have one.
fn targets_met(site: &Site, p: &Pilot) -> (usize, usize) {
    let targets = p.metrics.iter().filter_map(|m| site.indicator(m.indicator).meets_target(m.value));
    targets.fold((0, 0), |(met, all), t| (met + usize::from(t), all + 1))
}
