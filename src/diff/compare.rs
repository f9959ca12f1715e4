//! The comparing: pilots matched by folder, their values, proposals and other keys; every
//! entry of the registries, site.yaml and the pages key by key, with what each reaches on
//! the site; and theme files by their bytes.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use super::{Change, Crossing, EntryChange, KeyChange, PilotChange, ProposalChange, Reach, SiteDiff, ValueChange, key};
use crate::model::*;

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
