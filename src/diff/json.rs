//! The diff as JSON (`langso diff --format json`), for tools.

use serde_json::{Value as Json, json};

use super::{Change, EntryChange, KeyChange, Reach, SiteDiff, key, targets_met};
use crate::model::*;

fn json_value(v: Option<Value>) -> Json {
    match v {
        Some(Value::Number(n)) => json!(n),
        Some(Value::Bool(b)) => json!(b),
        None => Json::Null,
    }
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
