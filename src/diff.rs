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

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Value as Json, json};

use crate::diag::{Msg, msg};
use crate::model::*;
use crate::numbers::number;

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

/// The two sites compared; `old_root` and `new_root` are read again for their theme files.
pub fn diff<'a>(old: &'a Site, new: &'a Site, old_root: &Path, new_root: &Path) -> SiteDiff<'a> {
    let olds: BTreeMap<String, &Pilot> = old.pilots.iter().map(|p| (key(old, p), p)).collect();
    let news: BTreeMap<String, &Pilot> = new.pilots.iter().map(|p| (key(new, p), p)).collect();
    let mut d = SiteDiff { added: Vec::new(), removed: Vec::new(), changed: Vec::new(), entries: Vec::new() };
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
                let same = change.values.is_empty() && change.proposals.is_empty() && change.keys.is_empty();
                if !same || p.status != n.status {
                    d.changed.push(change);
                }
            }
        }
    }
    d.entries = entry_changes(old, new);
    d.entries.extend(theme_changes(old_root, new_root));
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
    let keys = changed_keys(&pilot_keys(old, op), &pilot_keys(new, np));
    PilotChange { path: key(new, np), old: op, new: np, values, proposals, keys }
}

/// An entry as its keys and values, as written in its file, to compare key by key.
type Keys = Vec<(Cow<'static, str>, Option<String>)>;

fn text(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn raw_value(v: Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
    }
}

fn localized_keys(name: &Localized) -> Keys {
    vec![("name.vi".into(), text(&name.vi)), ("name.en".into(), text(&name.en))]
}

fn indicator_keys(i: &Indicator) -> Keys {
    let better = match i.better {
        Better::Higher => "higher",
        Better::Lower => "lower",
    };
    let mut keys = localized_keys(&i.name);
    keys.extend([
        ("group".into(), Some(i.group.slug().to_string())),
        ("unit".into(), Some(i.unit.name().to_string())),
        ("better".into(), Some(better.to_string())),
        ("min".into(), i.min.map(|n| n.to_string())),
        ("max".into(), i.max.map(|n| n.to_string())),
        ("target.value".into(), i.target.as_ref().map(|t| raw_value(t.value))),
        ("target.year".into(), i.target.as_ref().and_then(|t| t.year).map(|y| y.to_string())),
        ("target.source".into(), i.target.as_ref().and_then(|t| t.source.clone())),
        ("target.wording.vi".into(), i.target.as_ref().and_then(|t| t.wording.as_ref()).and_then(|w| text(&w.vi))),
        ("target.wording.en".into(), i.target.as_ref().and_then(|t| t.wording.as_ref()).and_then(|w| text(&w.en))),
        ("target.communes_share".into(), i.target.as_ref().and_then(|t| t.communes_share).map(|n| n.to_string())),
        ("typical.min".into(), i.typical.map(|(min, _)| min.to_string())),
        ("typical.max".into(), i.typical.map(|(_, max)| max.to_string())),
        ("description".into(), text(&i.description)),
    ]);
    keys
}

fn province_keys(site: &Site, p: &Province) -> Keys {
    let kind = match p.kind {
        ProvinceKind::Province => "province",
        ProvinceKind::City => "city",
    };
    let former: Vec<String> = p.former.iter().map(|f| format!("{}: {}", f.slug, f.name)).collect();
    vec![
        ("name".into(), text(&p.name)),
        ("kind".into(), Some(kind.to_string())),
        ("region".into(), p.region.map(|r| site.region(r).slug.clone())),
        ("former".into(), text(&former.join(", "))),
    ]
}

fn field_keys(f: &Field) -> Keys {
    let mut keys = localized_keys(&f.name);
    keys.push(("description".into(), text(&f.description)));
    keys
}

fn pilot_keys(site: &Site, p: &Pilot) -> Keys {
    let number = |n: Option<f64>| n.map(|n| n.to_string());
    let fields: Vec<&str> = p.fields.iter().map(|f| site.field(*f).slug.as_str()).collect();
    let budget = p.budget.as_ref();
    let mut keys: Keys = vec![
        ("commune".into(), text(&p.commune)),
        ("title".into(), text(&p.title)),
        ("summary".into(), text(&p.summary)),
        ("summary_en".into(), p.summary_en.clone()),
        ("authors".into(), text(&p.authors.join(", "))),
        ("former_province".into(), p.former_province.clone()),
        ("former_district".into(), p.former_district.clone()),
        ("fields".into(), text(&fields.join(", "))),
        ("period".into(), Some(format!("{}–{}", p.period.0, p.period.1))),
        ("population".into(), p.population.map(|n| n.to_string())),
        ("households".into(), p.households.map(|n| n.to_string())),
        ("area_ha".into(), number(p.area_ha)),
        ("budget.total".into(), number(budget.and_then(|b| b.total))),
        ("budget.central".into(), number(budget.and_then(|b| b.central))),
        ("budget.local".into(), number(budget.and_then(|b| b.local))),
        ("budget.other".into(), number(budget.and_then(|b| b.other))),
        ("sample".into(), Some(p.sample.to_string())),
        ("text".into(), text(&p.doc.markdown)),
    ];
    // What each value is said to be (the values themselves are in the table) and the baselines.
    for m in &p.metrics {
        let id = &site.indicator(m.indicator).id;
        keys.push((format!("indicators.{id}.year").into(), m.year.map(|y| y.to_string())));
        keys.push((format!("indicators.{id}.source").into(), m.source.clone()));
        keys.push((format!("indicators.{id}.note").into(), m.note.clone()));
    }
    for m in &p.baseline {
        let id = &site.indicator(m.indicator).id;
        keys.push((format!("baseline.{id}").into(), Some(raw_value(m.value))));
        keys.push((format!("baseline.{id}.year").into(), m.year.map(|y| y.to_string())));
        keys.push((format!("baseline.{id}.source").into(), m.source.clone()));
    }
    keys
}

/// The keys whose values differ between two lists of one entry's keys, matched by name
/// (a pilot's keys depend on the indicators it reports): those of `new` in its order, then
/// those only `old` has.
fn changed_keys(old: &Keys, new: &Keys) -> Vec<KeyChange> {
    let olds: BTreeMap<&str, &Option<String>> = old.iter().map(|(k, v)| (k.as_ref(), v)).collect();
    let news: BTreeMap<&str, &Option<String>> = new.iter().map(|(k, v)| (k.as_ref(), v)).collect();
    let mut out: Vec<KeyChange> = new
        .iter()
        .filter_map(|(k, n)| {
            let o = olds.get(k.as_ref()).and_then(|o| (*o).clone());
            (o != *n).then(|| (k.clone(), o, n.clone()))
        })
        .collect();
    let gone = old.iter().filter(|(k, o)| o.is_some() && !news.contains_key(k.as_ref()));
    out.extend(gone.map(|(k, o)| (k.clone(), o.clone(), None)));
    out
}

fn config_keys(c: &SiteConfig) -> Keys {
    vec![
        ("title".into(), text(&c.title)),
        ("description".into(), text(&c.description)),
        ("base_url".into(), text(&c.base_url)),
        ("language".into(), Some(c.language.code().to_string())),
        ("theme".into(), text(&c.theme)),
    ]
}

fn page_keys(p: &Page) -> Keys {
    vec![
        ("title".into(), text(&p.title)),
        ("description".into(), text(&p.description)),
        ("text".into(), text(&p.doc.markdown)),
    ]
}

/// How many pilots of `site` show something, counted by `shows`.
fn pilots_showing(site: &Site, shows: impl Fn(&Pilot) -> bool) -> Reach {
    Reach::Pilots(site.pilots.iter().filter(|p| shows(p)).count())
}

/// The entries of one file as a site has them: id ("" for a whole file), keys, reach.
type Entries = Vec<(String, Keys, Reach)>;

/// The entries of one file, matched by id: those of `new` in its order, then those only
/// `old` has (with what they reached in the old site).
fn compare(file: &str, old: Entries, new: Entries, out: &mut Vec<EntryChange>) {
    let entry = |id: &String, change, reach| EntryChange {
        file: file.to_string(),
        id: (!id.is_empty()).then(|| id.clone()),
        change,
        reach,
        crossing: None,
    };
    for (id, keys, reach) in &new {
        let change = match old.iter().find(|(o, _, _)| o == id) {
            None => Change::Added,
            Some((_, before, _)) => {
                let differ = changed_keys(before, keys);
                if differ.is_empty() {
                    continue;
                }
                Change::Changed(differ)
            }
        };
        out.push(entry(id, change, *reach));
    }
    for (id, _, reach) in old.iter().filter(|(o, _, _)| !new.iter().any(|(n, _, _)| n == o)) {
        out.push(entry(id, Change::Removed, *reach));
    }
}

fn config_entries(s: &Site) -> Entries {
    vec![(String::new(), config_keys(&s.config), Reach::Everything)]
}

fn indicator_entries(s: &Site) -> Entries {
    let showing = |n: usize| pilots_showing(s, |p| p.metric(IndicatorId(n as u16)).is_some());
    s.indicators.iter().enumerate().map(|(n, i)| (i.id.clone(), indicator_keys(i), showing(n))).collect()
}

fn region_entries(s: &Site) -> Entries {
    let showing = |n: usize| pilots_showing(s, |p| s.province(p.province).region == Some(RegionId(n as u16)));
    s.regions.iter().enumerate().map(|(n, r)| (r.slug.clone(), localized_keys(&r.name), showing(n))).collect()
}

fn province_entries(s: &Site) -> Entries {
    let showing = |n: usize| pilots_showing(s, |p| p.province == ProvinceId(n as u16));
    s.provinces.iter().enumerate().map(|(n, pr)| (pr.slug.clone(), province_keys(s, pr), showing(n))).collect()
}

fn field_entries(s: &Site) -> Entries {
    let showing = |n: usize| pilots_showing(s, |p| p.fields.contains(&FieldId(n as u16)));
    s.fields.iter().enumerate().map(|(n, f)| (f.slug.clone(), field_keys(f), showing(n))).collect()
}

/// One page as the entries of its own file (none when the site has no such page).
fn page_entries(s: &Site, slug: &str) -> Entries {
    s.pages.iter().filter(|p| p.slug == slug).map(|p| (String::new(), page_keys(p), Reach::Page)).collect()
}

fn entry_changes(old: &Site, new: &Site) -> Vec<EntryChange> {
    let mut out = Vec::new();
    compare("content/site.yaml", config_entries(old), config_entries(new), &mut out);
    let first = out.len();
    compare("content/indicators.yaml", indicator_entries(old), indicator_entries(new), &mut out);
    for e in &mut out[first..] {
        e.crossing = e.id.as_deref().and_then(|id| target_crossing(old, new, id));
    }
    compare("content/regions.yaml", region_entries(old), region_entries(new), &mut out);
    compare("content/provinces.yaml", province_entries(old), province_entries(new), &mut out);
    compare("content/fields.yaml", field_entries(old), field_entries(new), &mut out);
    let mut pages: Vec<&Page> = new.pages.iter().collect();
    pages.extend(old.pages.iter().filter(|o| !new.pages.iter().any(|n| n.slug == o.slug)));
    for page in pages {
        compare(&page.doc.path, page_entries(old, &page.slug), page_entries(new, &page.slug), &mut out);
    }
    out
}

/// For an indicator in both catalogs whose target or direction differ: the new site's
/// values that cross its target line because of that change alone.
fn target_crossing(old: &Site, new: &Site, id: &str) -> Option<Crossing> {
    let before = old.indicators.iter().find(|i| i.id == id)?;
    let (n, after) = new.indicators.iter().enumerate().find(|(_, i)| i.id == id)?;
    let moved = before.target.as_ref().map(|t| t.value) != after.target.as_ref().map(|t| t.value)
        || before.better != after.better;
    if !moved {
        return None;
    }
    let mut c = Crossing { no_longer_meet: 0, now_meet: 0 };
    for m in new.pilots.iter().filter_map(|p| p.metric(IndicatorId(n as u16))) {
        let was = before.meets_target(m.value).unwrap_or(false);
        let is = after.meets_target(m.value).unwrap_or(false);
        match (was, is) {
            (true, false) => c.no_longer_meet += 1,
            (false, true) => c.now_meet += 1,
            _ => {}
        }
    }
    Some(c)
}

/// Theme files (`themes/…` of each root) added, removed or with other bytes.
fn theme_changes(old_root: &Path, new_root: &Path) -> Vec<EntryChange> {
    let (old, new) = (crate::load::theme_files(old_root), crate::load::theme_files(new_root));
    let mut paths: Vec<&String> = old.keys().chain(new.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter_map(|path| {
            let change = match (old.get(path), new.get(path)) {
                (None, Some(_)) => Change::Added,
                (Some(_), None) => Change::Removed,
                (Some(a), Some(b)) if a != b => Change::Changed(Vec::new()),
                _ => return None,
            };
            Some(EntryChange { file: path.clone(), id: None, change, reach: Reach::Everything, crossing: None })
        })
        .collect()
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

fn keys_json(keys: &[KeyChange]) -> Vec<Json> {
    keys.iter().map(|(k, o, n)| json!({ "key": k, "old": o, "new": n })).collect()
}

fn entry_json(e: &EntryChange) -> Json {
    let (change, keys) = match &e.change {
        Change::Added => ("added", Vec::new()),
        Change::Removed => ("removed", Vec::new()),
        Change::Changed(keys) => ("changed", keys_json(keys)),
    };
    let reach = match e.reach {
        Reach::Everything => json!("everything"),
        Reach::Pilots(n) => json!({ "pilots": n }),
        Reach::Page => json!("page"),
    };
    json!({
        "file": e.file,
        "id": e.id,
        "change": change,
        "keys": keys,
        "reach": reach,
        "crossing": e.crossing.as_ref().map(|c| json!({ "no_longer_meet": c.no_longer_meet, "now_meet": c.now_meet })),
    })
}

/// The diff as JSON: `{added, removed, changed, entries}`.
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
                "keys": keys_json(&c.keys),
            })
        })
        .collect();
    let out = json!({
        "added": d.added.iter().map(|(s, p)| pilot_json(s, p)).collect::<Vec<_>>(),
        "removed": d.removed.iter().map(|(s, p)| pilot_json(s, p)).collect::<Vec<_>>(),
        "changed": changed,
        "entries": d.entries.iter().map(entry_json).collect::<Vec<_>>(),
    });
    let mut text = crate::unicode::json_visible(&serde_json::to_string_pretty(&out).unwrap_or_default());
    text.push('\n');
    text
}

/// Text from the pull request as a GitHub Markdown code span: nothing in it becomes HTML,
/// a comment, a link, a mention, an image or math; it stays on one line (line breaks
/// become spaces), invisible and control characters are written as `<U+202E>`, and the
/// fence is longer than any run of backticks inside. Never used in a table cell (a `|`
/// there would end the cell even inside a code span); tables hold only our own words,
/// numbers and indicator ids.
fn code(s: &str) -> String {
    let shown = crate::unicode::visible(&s.replace(['\r', '\n'], " "));
    if shown.is_empty() {
        return "`\"\"`".to_string();
    }
    let longest = shown.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if shown.starts_with(['`', ' ']) || shown.ends_with(['`', ' ']) { " " } else { "" };
    format!("{fence}{pad}{shown}{pad}{fence}")
}

/// A value with its unit, in the catalog's words ("99,4 %", "58,5 triệu đồng", "Có").
fn value_text(ind: &Indicator, v: Value, lang: Lang) -> String {
    match (ind.unit, v) {
        (_, Value::Bool(true)) => msg!("value-yes").render(lang),
        (_, Value::Bool(false)) => msg!("value-no").render(lang),
        (Unit::Percent, Value::Number(n)) => format!("{} %", number(n, 2, lang)),
        (Unit::MillionVnd, Value::Number(n)) => {
            format!("{} {}", number(n, 2, lang), msg!("unit-million-vnd").render(lang))
        }
        (_, Value::Number(n)) => number(n, 2, lang),
    }
}

/// "≥ 60 %", or "" without a target.
fn target_text(ind: &Indicator, lang: Lang) -> String {
    let Some(tg) = &ind.target else { return String::new() };
    let cmp = match (tg.value, ind.better) {
        (Value::Bool(_), _) => "",
        (_, Better::Higher) => "≥ ",
        (_, Better::Lower) => "≤ ",
    };
    format!("{cmp}{}", value_text(ind, tg.value, lang))
}

fn status_text(s: Status, lang: Lang) -> String {
    Msg::new(match s {
        Status::Planned => "status-planned",
        Status::Ongoing => "status-ongoing",
        Status::Completed => "status-completed",
        Status::Recognized => "status-recognized",
    })
    .render(lang)
}

/// The diff as Markdown for a pull-request comment, worded in `lang` from the catalog alone.
pub fn to_markdown(d: &SiteDiff, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {}\n", msg!("diff-title").render(lang));
    if d.is_empty() {
        let _ = writeln!(out, "{}", msg!("diff-none").render(lang));
        return out;
    }
    let summary = msg!("diff-summary", added = d.added.len(), removed = d.removed.len(), changed = d.changed.len());
    let _ = writeln!(out, "**{}**", summary.render(lang));
    if !d.entries.is_empty() {
        let _ = writeln!(out, "\n**{}**", msg!("diff-summary-entries", count = d.entries.len()).render(lang));
    }
    pilots_markdown(d, lang, &mut out);
    entries_markdown(&d.entries, lang, &mut out);
    out
}

fn pilots_markdown(d: &SiteDiff, lang: Lang, out: &mut String) {
    for (title, list) in [("diff-added", &d.added), ("diff-removed", &d.removed)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {}\n", Msg::new(title).render(lang));
        for (site, p) in list.iter() {
            let (met, targets) = targets_met(site, p);
            let facts = msg!(
                "diff-pilot-facts",
                status = status_text(p.status, lang),
                indicators = p.metrics.len(),
                met = met,
                targets = targets,
            );
            let province = &site.province(p.province).name;
            let _ = writeln!(
                out,
                "- {} ({}) — {}: {}",
                code(&p.commune),
                code(province),
                code(&key(site, p)),
                facts.render(lang)
            );
        }
    }
    if !d.changed.is_empty() {
        let _ = writeln!(out, "\n### {}", msg!("diff-changed").render(lang));
    }
    for c in &d.changed {
        let _ = writeln!(out, "\n#### {} — {}\n", code(&c.new.commune), code(&c.path));
        if c.old.status != c.new.status {
            let (o, n) = (status_text(c.old.status, lang), status_text(c.new.status, lang));
            let _ = writeln!(out, "{}\n", msg!("diff-status", old = o, new = n).render(lang));
        }
        if !c.keys.is_empty() {
            keys_markdown(&c.keys, "", lang, out);
            out.push('\n');
        }
        if !c.values.is_empty() {
            let head = ["diff-col-indicator", "diff-col-old", "diff-col-new", "diff-col-target", "diff-col-crossed"];
            let head: Vec<String> = head.iter().map(|h| Msg::new(h).render(lang)).collect();
            let _ = writeln!(out, "| {} |", head.join(" | "));
            let _ = writeln!(out, "|---|--:|--:|--:|---|");
            for v in &c.values {
                let show = |x: Option<Value>| x.map(|x| value_text(v.indicator, x, lang)).unwrap_or_else(|| "—".into());
                let crossed = match v.crossed() {
                    Some(true) => msg!("diff-now-meets").render(lang),
                    Some(false) => msg!("diff-no-longer-meets").render(lang),
                    None => String::new(),
                };
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} | {} | {crossed} |",
                    v.indicator.id,
                    show(v.old),
                    show(v.new),
                    target_text(v.indicator, lang),
                );
            }
            out.push('\n');
        }
        if !c.proposals.is_empty() {
            let _ = writeln!(out, "{}:\n", msg!("diff-proposals").render(lang));
            for p in &c.proposals {
                let show = |x: Option<&Proposal>| {
                    x.map(|x| value_text(p.indicator, x.threshold, lang)).unwrap_or_else(|| "—".into())
                };
                let note = p.new.and_then(|x| x.note.as_deref()).map(|n| format!(" — {}", code(n))).unwrap_or_default();
                let _ = writeln!(out, "- `{}`: {} → {}{note}", p.indicator.id, show(p.old), show(p.new));
            }
            out.push('\n');
        }
    }
}

/// Longer values (a page's text) are only said to have changed.
const SHOWN_VALUE_CHARS: usize = 200;

/// One line per key, `- `key`: old → new`, indented by `indent`.
fn keys_markdown(keys: &[KeyChange], indent: &str, lang: Lang, out: &mut String) {
    for (k, o, n) in keys {
        let long = |v: &Option<String>| v.as_ref().is_some_and(|v| v.chars().count() > SHOWN_VALUE_CHARS);
        if long(o) || long(n) {
            let _ = writeln!(out, "{indent}- `{k}`: {}", msg!("diff-entry-changed").render(lang));
            continue;
        }
        let show = |v: &Option<String>| v.as_deref().map(code).unwrap_or_else(|| "—".into());
        let _ = writeln!(out, "{indent}- `{k}`: {} → {}", show(o), show(n));
    }
}

fn entries_markdown(entries: &[EntryChange], lang: Lang, out: &mut String) {
    if entries.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### {}\n", msg!("diff-entries").render(lang));
    for e in entries {
        let what = match &e.id {
            Some(id) => format!("{} › {}", code(&e.file), code(id)),
            None => code(&e.file),
        };
        let change = match e.change {
            Change::Added => msg!("diff-entry-added"),
            Change::Removed => msg!("diff-entry-removed"),
            Change::Changed(_) => msg!("diff-entry-changed"),
        };
        let reach = match (&e.change, e.reach) {
            (Change::Removed, _) => None,
            (_, Reach::Everything) => Some(msg!("diff-reach-everything")),
            (_, Reach::Pilots(n)) => Some(msg!("diff-reach-pilots", count = n)),
            (_, Reach::Page) => None,
        };
        let reach = reach.map(|r| format!("; {}", r.render(lang))).unwrap_or_default();
        let _ = writeln!(out, "- {what} — {}{reach}", change.render(lang));
        if let Change::Changed(keys) = &e.change {
            keys_markdown(keys, "  ", lang, out);
        }
        if let Some(c) = &e.crossing {
            let crossing = msg!("diff-crossing", down = c.no_longer_meet, up = c.now_meet);
            let _ = writeln!(out, "  - {}", crossing.render(lang));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::code;

    #[test]
    fn code_spans_hold_any_text_on_one_line() {
        assert_eq!(code("Xã Giao Phong"), "`Xã Giao Phong`");
        assert_eq!(code("a `b` c"), "``a `b` c``");
        assert_eq!(code("``x"), "``` ``x ```");
        assert_eq!(code("x "), "` x  `");
        assert_eq!(code(""), "`\"\"`");
        assert_eq!(code("a\nb\r\nc"), "`a b  c`");
        assert_eq!(code("\u{202E}x\u{1b}[2J"), "`<U+202E>x<U+001B>[2J`");
    }
}
