//! `langso diff OLD_ROOT NEW_ROOT`: what a pull request changes in the numbers, for
//! reviewers: pilots added and removed, indicator values changed (old → new, and
//! whether the national target line was crossed), status and proposals changed.
//! Markdown (ready for a pull-request comment, in the new site's language) or JSON.
//! Pilots are matched by folder (`<province>/<commune>`), indicators by id, so a
//! change to the catalog itself shows as values appearing or disappearing.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value as Json, json};

use crate::diag::{Msg, msg};
use crate::model::*;
use crate::render::format;
use crate::render::theme::I18n;
use crate::render::views::target_text;

/// Everything that differs between two sites' pilots.
pub struct SiteDiff<'a> {
    pub added: Vec<(&'a Site, &'a Pilot)>,
    pub removed: Vec<(&'a Site, &'a Pilot)>,
    pub changed: Vec<PilotChange<'a>>,
}

pub struct PilotChange<'a> {
    /// `<province>/<commune>`.
    pub path: String,
    pub old: &'a Pilot,
    pub new: &'a Pilot,
    pub values: Vec<ValueChange<'a>>,
    pub proposals: Vec<ProposalChange<'a>>,
}

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

fn key(site: &Site, p: &Pilot) -> String {
    format!("{}/{}", site.province(p.province).slug, p.slug)
}

pub fn diff<'a>(old: &'a Site, new: &'a Site) -> SiteDiff<'a> {
    let olds: BTreeMap<String, &Pilot> = old.pilots.iter().map(|p| (key(old, p), p)).collect();
    let news: BTreeMap<String, &Pilot> = new.pilots.iter().map(|p| (key(new, p), p)).collect();
    let mut d = SiteDiff { added: Vec::new(), removed: Vec::new(), changed: Vec::new() };
    for (k, p) in &news {
        if !olds.contains_key(k) {
            d.added.push((new, p));
        }
    }
    for (k, p) in &olds {
        match news.get(k) {
            None => d.removed.push((old, p)),
            Some(n) => {
                let change = pilot_change(old, p, new, n);
                if !change.values.is_empty() || !change.proposals.is_empty() || p.status != n.status {
                    d.changed.push(change);
                }
            }
        }
    }
    d
}

fn pilot_change<'a>(old: &'a Site, op: &'a Pilot, new: &'a Site, np: &'a Pilot) -> PilotChange<'a> {
    // Indicator ids in the new catalog's order, then those only the old catalog has.
    let mut ids: Vec<&'a Indicator> = new.indicators.iter().collect();
    ids.extend(old.indicators.iter().filter(|i| !new.indicators.iter().any(|n| n.id == i.id)));
    let value = |site: &Site, p: &Pilot, id: &str| {
        let i = site.indicators.iter().position(|i| i.id == id)?;
        p.metric(IndicatorId(i as u16)).map(|m| m.value)
    };
    let proposal = |site: &'a Site, p: &'a Pilot, id: &str| {
        let i = site.indicators.iter().position(|i| i.id == id)?;
        p.proposals.iter().find(|pr| pr.indicator == IndicatorId(i as u16))
    };
    let mut values = Vec::new();
    let mut proposals = Vec::new();
    for ind in ids {
        let (o, n) = (value(old, op, &ind.id), value(new, np, &ind.id));
        if o != n {
            values.push(ValueChange { indicator: ind, old: o, new: n });
        }
        let (o, n) = (proposal(old, op, &ind.id), proposal(new, np, &ind.id));
        let same = match (o, n) {
            (Some(a), Some(b)) => a.threshold == b.threshold && a.note == b.note,
            (None, None) => true,
            _ => false,
        };
        if !same {
            proposals.push(ProposalChange { indicator: ind, old: o, new: n });
        }
    }
    PilotChange { path: key(new, np), old: op, new: np, values, proposals }
}

fn json_value(v: Option<Value>) -> Json {
    match v {
        Some(Value::Number(n)) => json!(n),
        Some(Value::Bool(b)) => json!(b),
        None => Json::Null,
    }
}

/// How many of a pilot's values meet their national target, and how many have one.
fn targets_met(site: &Site, p: &Pilot) -> (usize, usize) {
    let targets = p.metrics.iter().filter_map(|m| site.indicator(m.indicator).meets_target(m.value));
    targets.fold((0, 0), |(met, all), t| (met + usize::from(t), all + 1))
}

fn pilot_json(site: &Site, p: &Pilot) -> Json {
    let (met, with_target) = targets_met(site, p);
    json!({
        "path": key(site, p),
        "commune": p.commune,
        "province": site.province(p.province).name,
        "status": p.status.name(),
        "indicators": p.metrics.len(),
        "targets_met": met,
        "targets": with_target,
    })
}

/// The diff as JSON: `{added, removed, changed}`.
pub fn to_json(d: &SiteDiff) -> String {
    let changed: Vec<Json> = d
        .changed
        .iter()
        .map(|c| {
            let values: Vec<Json> = c
                .values
                .iter()
                .map(|v| {
                    json!({
                        "indicator": v.indicator.id,
                        "old": json_value(v.old),
                        "new": json_value(v.new),
                        "target": v.indicator.target.as_ref().map(|t| json_value(Some(t.value))),
                        "crossed": v.crossed().map(|up| if up { "now-meets" } else { "no-longer-meets" }),
                    })
                })
                .collect();
            let proposals: Vec<Json> = c
                .proposals
                .iter()
                .map(|p| {
                    json!({
                        "indicator": p.indicator.id,
                        "old": json_value(p.old.map(|x| x.threshold)),
                        "new": json_value(p.new.map(|x| x.threshold)),
                        "old_note": p.old.and_then(|x| x.note.clone()),
                        "new_note": p.new.and_then(|x| x.note.clone()),
                    })
                })
                .collect();
            json!({
                "path": c.path,
                "commune": c.new.commune,
                "status": { "old": c.old.status.name(), "new": c.new.status.name() },
                "values": values,
                "proposals": proposals,
            })
        })
        .collect();
    let out = json!({
        "added": d.added.iter().map(|(s, p)| pilot_json(s, p)).collect::<Vec<_>>(),
        "removed": d.removed.iter().map(|(s, p)| pilot_json(s, p)).collect::<Vec<_>>(),
        "changed": changed,
    });
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}

/// Escapes text from content for a Markdown comment (no links, emphasis or HTML from it).
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\`*_[]<>|#!~".contains(c) {
            out.push('\\');
        }
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

/// The diff as Markdown for a pull-request comment, worded in `t.lang`.
pub fn to_markdown(d: &SiteDiff, t: &I18n) -> String {
    let lang = t.lang;
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", msg!("diff-title").render(lang));
    if d.added.is_empty() && d.removed.is_empty() && d.changed.is_empty() {
        let _ = writeln!(out, "{}", msg!("diff-none").render(lang));
        return out;
    }
    let summary = msg!("diff-summary", added = d.added.len(), removed = d.removed.len(), changed = d.changed.len());
    let _ = writeln!(out, "**{}**", summary.render(lang));
    for (title, list) in [("diff-added", &d.added), ("diff-removed", &d.removed)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {}\n", Msg::new(title).render(lang));
        for (site, p) in list.iter() {
            let (met, targets) = targets_met(site, p);
            let facts = msg!(
                "diff-pilot-facts",
                status = t.get(&format!("status_{}", p.status.name())),
                indicators = p.metrics.len(),
                met = met,
                targets = targets,
            );
            let name = format!("{} ({})", md(&p.commune), md(&site.province(p.province).name));
            let _ = writeln!(out, "- **{name}** — `{}`: {}", key(site, p), facts.render(lang));
        }
    }
    if !d.changed.is_empty() {
        let _ = writeln!(out, "\n### {}", msg!("diff-changed").render(lang));
    }
    for c in &d.changed {
        let _ = writeln!(out, "\n#### {} — `{}`\n", md(&c.new.commune), c.path);
        if c.old.status != c.new.status {
            let (o, n) = (format!("status_{}", c.old.status.name()), format!("status_{}", c.new.status.name()));
            let _ = writeln!(out, "{}\n", msg!("diff-status", old = t.get(&o), new = t.get(&n)).render(lang));
        }
        if !c.values.is_empty() {
            let head = ["diff-col-indicator", "diff-col-old", "diff-col-new", "diff-col-target", "diff-col-crossed"];
            let head: Vec<String> = head.iter().map(|h| Msg::new(h).render(lang)).collect();
            let _ = writeln!(out, "| {} |", head.join(" | "));
            let _ = writeln!(out, "|---|--:|--:|--:|---|");
            for v in &c.values {
                let show = |x: Option<Value>| x.map(|x| format::value(v.indicator, x, t)).unwrap_or_else(|| "—".into());
                let crossed = match v.crossed() {
                    Some(true) => msg!("diff-now-meets").render(lang),
                    Some(false) => msg!("diff-no-longer-meets").render(lang),
                    None => String::new(),
                };
                let _ = writeln!(
                    out,
                    "| {} (`{}`) | {} | {} | {} | {crossed} |",
                    md(v.indicator.name.get(lang)),
                    v.indicator.id,
                    show(v.old),
                    show(v.new),
                    target_text(v.indicator, t),
                );
            }
            out.push('\n');
        }
        if !c.proposals.is_empty() {
            let _ = writeln!(out, "{}:\n", msg!("diff-proposals").render(lang));
            for p in &c.proposals {
                let show = |x: Option<&Proposal>| {
                    x.map(|x| format::value(p.indicator, x.threshold, t)).unwrap_or_else(|| "—".into())
                };
                let note = p.new.and_then(|x| x.note.as_deref()).map(|n| format!(" — {}", md(n))).unwrap_or_default();
                let _ = writeln!(out, "- `{}`: {} → {}{note}", p.indicator.id, show(p.old), show(p.new));
            }
            out.push('\n');
        }
    }
    out
}
