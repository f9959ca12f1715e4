//! The tile maps of the dashboard and the indicator pages: which units have a pilot, and
//! each unit's median value of one indicator.

use super::{fmt_value, series};
use crate::model::criteria::{IndicatorEvidence, Reported};
use crate::model::*;
use crate::render::charts::{self, Swatch, Tile};
use crate::render::format;
use crate::render::theme::I18n;
use crate::render::url;

/// The coverage map: a tile per provincial unit, coloured by the primary field of its first pilot.
pub fn coverage_map(site: &Site, t: &I18n) -> String {
    let base = site.config.base_path();
    let mut used: Vec<usize> = Vec::new();
    let tiles: Vec<Tile> = site
        .province_ids()
        .map(|id| {
            let prov = site.province(id);
            let pilots: Vec<&Pilot> = site.pilots_in(id).collect();
            let first = pilots.first().map(|p| series(p));
            used.extend(first);
            let st = first.map(charts::style);
            Tile {
                slug: prov.slug.clone(),
                name: prov.name.clone(),
                href: format!("{base}{}", url::province(&prov.slug)),
                value: if pilots.is_empty() { String::new() } else { pilots.len().to_string() },
                fill: st.map(|s| s.fill).unwrap_or("#ffffff").into(),
                ink: st.map(|s| s.ink).unwrap_or("#5b6773").into(),
                empty: pilots.is_empty(),
                hollow: false,
                series: first,
            }
        })
        .collect();
    used.sort();
    used.dedup();
    let mut swatches: Vec<Swatch> = used
        .iter()
        .map(|&s| Swatch {
            fill: charts::style(s).fill.into(),
            empty: false,
            hollow: false,
            series: Some(s),
            label: site.fields[s].name.get(t.lang).to_string(),
        })
        .collect();
    swatches.push(Swatch {
        fill: "#ffffff".into(),
        empty: true,
        hollow: false,
        series: None,
        label: t.get("map_no_pilot").into(),
    });
    let covered = tiles.iter().filter(|t| !t.empty).count();
    let desc = format!("{} {covered}/{}. {}", t.get("map_coverage_desc"), tiles.len(), t.get("map_count_note"));
    charts::tile_map("map-coverage", t.get("map_coverage_title"), &desc, &tiles, &swatches)
}

/// Sequential blues (ColorBrewer "Blues", five classes): light = low, dark = high.
const BLUES: [(&str, &str); 5] = [
    ("#eff3ff", "#000000"),
    ("#bdd7e7", "#000000"),
    ("#6baed6", "#000000"),
    ("#3182bd", "#ffffff"),
    ("#08519c", "#ffffff"),
];

/// The map on an indicator page: each unit coloured by its pilots' median value, drawn
/// hollow when none of its values is sourced.
pub fn value_map(site: &Site, ev: &IndicatorEvidence, t: &I18n) -> String {
    let ind = site.indicator(ev.id);
    let base = site.config.base_path();
    let boolean = ind.unit == Unit::Boolean;
    let in_province = |r: &Reported, id: ProvinceId| site.pilots[r.pilot].province == id;
    let per_province: Vec<Option<Value>> = site
        .province_ids()
        .map(|id| {
            let vals: Vec<Value> = ev.values.iter().filter(|r| in_province(r, id)).map(|r| r.value).collect();
            if vals.is_empty() {
                None
            } else if boolean {
                Some(Value::Bool(vals.iter().any(|v| matches!(v, Value::Bool(true)))))
            } else {
                crate::model::stats::summarize(&vals.iter().map(|v| v.as_f64()).collect::<Vec<_>>())
                    .map(|s| Value::Number(s.median))
            }
        })
        .collect();
    let sourced: Vec<bool> = site
        .province_ids()
        .map(|id| ev.values.iter().any(|r| in_province(r, id) && r.provenance == Provenance::Sourced))
        .collect();
    let numbers: Vec<f64> = per_province.iter().flatten().map(|v| v.as_f64()).collect();
    let (lo, hi) = (
        numbers.iter().copied().fold(f64::INFINITY, f64::min),
        numbers.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let class =
        |v: f64| -> usize { if hi > lo { (((v - lo) / (hi - lo)) * 5.0).floor().clamp(0.0, 4.0) as usize } else { 4 } };
    let fmt = fmt_value(ind, t);
    let tiles: Vec<Tile> = site
        .provinces
        .iter()
        .zip(&per_province)
        .zip(&sourced)
        .map(|((prov, v), &sourced)| {
            let (fill, ink) = match v {
                None => ("#ffffff", "#5b6773"),
                Some(Value::Bool(true)) => charts::PALETTE[0],
                Some(Value::Bool(false)) => charts::PALETTE[1],
                Some(Value::Number(n)) => BLUES[class(*n)],
            };
            Tile {
                slug: prov.slug.clone(),
                name: prov.name.clone(),
                href: format!("{base}{}", url::province(&prov.slug)),
                value: v.map(|v| tile_value(ind, v, t)).unwrap_or_default(),
                fill: fill.into(),
                ink: ink.into(),
                empty: v.is_none(),
                hollow: v.is_some() && !sourced,
                series: None,
            }
        })
        .collect();
    let mut swatches: Vec<Swatch> = if boolean {
        vec![
            Swatch {
                fill: charts::PALETTE[0].0.into(),
                empty: false,
                hollow: false,
                series: None,
                label: t.get("yes").into(),
            },
            Swatch {
                fill: charts::PALETTE[1].0.into(),
                empty: false,
                hollow: false,
                series: None,
                label: t.get("no").into(),
            },
        ]
    } else if numbers.is_empty() {
        Vec::new()
    } else {
        let mut used: Vec<usize> = numbers.iter().map(|&v| class(v)).collect();
        used.sort();
        used.dedup();
        used.into_iter()
            .map(|c| {
                let step = (hi - lo) / 5.0;
                let label = if hi > lo {
                    format!("{} – {}", fmt(lo + step * c as f64), fmt(lo + step * (c + 1) as f64))
                } else {
                    fmt(lo)
                };
                Swatch { fill: BLUES[c].0.into(), empty: false, hollow: false, series: None, label }
            })
            .collect()
    };
    if tiles.iter().any(|tile| tile.hollow) {
        let label = format!("{} ({})", t.get("value_illustrative"), t.get("map_no_sourced_value"));
        swatches.push(Swatch { fill: "#5b6773".into(), empty: false, hollow: true, series: None, label });
    }
    swatches.push(Swatch {
        fill: "#ffffff".into(),
        empty: true,
        hollow: false,
        series: None,
        label: t.get("map_no_value").into(),
    });
    let desc = format!("{} {}/{}.", t.get("map_value_desc"), numbers.len(), site.provinces.len());
    charts::tile_map(
        &format!("map-{}", ind.id),
        &format!("{} — {}", ind.name.get(t.lang), t.get("map_value_title")),
        &desc,
        &tiles,
        &swatches,
    )
}

/// A value short enough for a tile: one decimal, no unit name (the legend names it).
fn tile_value(ind: &Indicator, v: Value, t: &I18n) -> String {
    match v {
        Value::Number(n) if ind.unit == Unit::Percent => format!("{} %", crate::numbers::number(n, 1, t.lang)),
        Value::Number(n) => crate::numbers::number(n, 1, t.lang),
        b => format::value(ind, b, t),
    }
}
