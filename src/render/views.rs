//! View structs: what templates see. Built from the model with every value already
//! formatted for the reader's language, so templates stay dumb and never reach into
//! the model. Strings here are plain text; tera escapes them. Only `html` fields
//! carry markup, and those come from the sanitizer.

use serde::Serialize;

use super::format;
use super::theme::I18n;
use super::url;
use crate::model::criteria;
use crate::model::*;

#[derive(Serialize, Clone, PartialEq)]
pub struct Link {
    pub url: String,
    pub name: String,
}

#[derive(Serialize, Clone, PartialEq)]
pub struct PilotCard {
    pub url: String,
    pub title: String,
    pub commune: String,
    pub summary: String,
    /// `lang` of the title and case study where it differs from the page's: content is
    /// written in Vietnamese, so on an English site it is marked `vi` for screen readers.
    pub content_lang: Option<&'static str>,
    /// `lang` of the summary shown, when it differs from the page's (`summary_en` is English).
    pub summary_lang: Option<&'static str>,
    pub province: Link,
    pub fields: Vec<Link>,
    pub status: String,
    pub status_label: String,
    pub period: String,
    pub period_start: i32,
    pub date: String,
    pub date_iso: String,
    pub sample: bool,
    /// How many of the pilot's values (indicators and baseline) name a source, and how many
    /// it has: provenance belongs to each value, so a card counts them.
    pub sourced: usize,
    pub values: usize,
}

pub fn pilot_card(site: &Site, p: &Pilot, t: &I18n) -> PilotCard {
    let prov = site.province(p.province);
    PilotCard {
        url: url::pilot(site, p),
        title: p.title.clone(),
        commune: p.commune.clone(),
        summary: p.summary_for(site.config.language).to_string(),
        content_lang: (site.config.language != Lang::Vi).then_some("vi"),
        summary_lang: (site.config.language != Lang::Vi && p.summary_en.is_none()).then_some("vi"),
        province: Link { url: url::province(&prov.slug), name: prov.name.clone() },
        fields: p.fields.iter().map(|&f| field_link(site, f, t)).collect(),
        status: p.status.name().to_string(),
        status_label: t.get(&format!("status_{}", p.status.name())).to_string(),
        period: format!("{}–{}", p.period.0, p.period.1),
        period_start: p.period.0,
        date: format::date(p.date, t.lang),
        date_iso: p.date.to_string(),
        sample: p.sample,
        sourced: p.sourced_values().sourced,
        values: p.sourced_values().values,
    }
}

fn field_link(site: &Site, f: FieldId, t: &I18n) -> Link {
    let field = site.field(f);
    Link { url: url::field(&field.slug), name: field.name.get(t.lang).to_string() }
}

/// One row of a pilot's metrics table.
#[derive(Serialize)]
pub struct MetricRow {
    pub indicator: Link,
    pub value: String,
    pub year: String,
    pub source: String,
    pub note: String,
    /// The value has no source (only possible in a sample pilot).
    pub illustrative: bool,
    pub target: String,
    /// "met", "not-met" or "" (no target).
    pub met: &'static str,
    pub baseline: String,
    /// The baseline value has no source.
    pub baseline_illustrative: bool,
    pub change: String,
}

/// Consecutive rows of a pilot's metrics of one pillar, under its name.
#[derive(Serialize)]
pub struct MetricGroup {
    pub name: String,
    pub rows: Vec<MetricRow>,
}

#[derive(Serialize)]
pub struct ProposalRow {
    pub indicator: Link,
    pub threshold: String,
    pub target: String,
    pub note: String,
}

#[derive(Serialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Serialize)]
pub struct PilotView {
    pub card: PilotCard,
    pub html: String,
    pub toc: Vec<super::markdown::Heading>,
    pub facts: Vec<Fact>,
    /// The metrics table's rows under their pillar (indicator group), in the pilot's order.
    pub metric_groups: Vec<MetricGroup>,
    pub proposals: Vec<ProposalRow>,
    pub authors: Vec<String>,
    pub updated: String,
    pub updated_iso: String,
    pub words: usize,
}

/// The 2025 target as the Decision words it: the catalog's `wording` when given, else the
/// value with its direction ("≥ 60 %"), and no "≥" when the value is the end of the scale
/// ("100 %": nothing is above it).
pub fn target_text(ind: &Indicator, t: &I18n) -> String {
    match ind.target.as_ref().and_then(|tg| tg.wording.as_ref()) {
        Some(w) => w.get(t.lang).to_string(),
        None => target_value_text(ind, t),
    }
}

/// The target value alone, short enough for a chart label: "≥ 60 %", "100 %", "Có".
pub fn target_value_text(ind: &Indicator, t: &I18n) -> String {
    let Some(tg) = &ind.target else { return String::new() };
    let (lo, hi) = ind.bounds();
    let cmp = match (tg.value, ind.better) {
        (Value::Bool(_), _) => "",
        (Value::Number(v), Better::Higher) if hi == Some(v) => "",
        (Value::Number(v), Better::Lower) if lo == Some(v) => "",
        (_, Better::Higher) => "≥ ",
        (_, Better::Lower) => "≤ ",
    };
    format!("{cmp}{}", format::value(ind, tg.value, t))
}

/// The national target when it is a share of communes: "≥ 70 % of communes"; empty otherwise.
pub fn national_share_text(ind: &Indicator, t: &I18n) -> String {
    match ind.target.as_ref().and_then(|tg| tg.communes_share) {
        Some(share) => format!("≥ {} % {}", crate::numbers::number(share, 2, t.lang), t.get("target_of_communes")),
        None => String::new(),
    }
}

fn met_class(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "met",
        Some(false) => "not-met",
        None => "",
    }
}

pub fn pilot_view(
    site: &Site,
    p: &Pilot,
    html: String,
    toc: Vec<super::markdown::Heading>,
    words: usize,
    t: &I18n,
) -> PilotView {
    let card = pilot_card(site, p, t);
    let prov = site.province(p.province);
    let mut facts = vec![Fact { label: t.get("province").into(), value: prov.name.clone() }];
    if let Some(fp) = &p.former_province
        && let Some(name) = prov.former_name(fp)
    {
        facts.push(Fact { label: t.get("former_province").into(), value: name.to_string() });
    }
    if let Some(d) = &p.former_district {
        facts.push(Fact { label: t.get("former_district").into(), value: d.clone() });
    }
    facts.push(Fact { label: t.get("period").into(), value: card.period.clone() });
    facts.push(Fact { label: t.get("status").into(), value: card.status_label.clone() });
    let num = |v: f64| crate::numbers::number(v, 2, t.lang);
    if let Some(v) = p.population {
        facts.push(Fact { label: t.get("population").into(), value: num(v as f64) });
    }
    if let Some(v) = p.households {
        facts.push(Fact { label: t.get("households").into(), value: num(v as f64) });
    }
    if let Some(v) = p.area_ha {
        facts.push(Fact { label: t.get("area").into(), value: format!("{} ha", num(v)) });
    }
    if let Some(b) = &p.budget {
        let mut parts = Vec::new();
        for (key, v) in [("budget_central", b.central), ("budget_local", b.local), ("budget_other", b.other)] {
            if let Some(v) = v {
                parts.push(format!("{} {}", t.get(key), num(v)));
            }
        }
        let total = b.total.map(num).unwrap_or_default();
        let detail = if parts.is_empty() { String::new() } else { format!(" ({})", parts.join("; ")) };
        facts.push(Fact {
            label: t.get("budget").into(),
            value: format!("{total} {}{detail}", t.get("unit_million_vnd")).trim().to_string(),
        });
    }
    if let Some(source) = &p.source {
        facts.push(Fact { label: t.get("pilot_source").into(), value: source.clone() });
    }
    let mut metric_groups: Vec<MetricGroup> = Vec::new();
    for m in &p.metrics {
        let ind = site.indicator(m.indicator);
        let key = format!("group_{}", ind.group.slug());
        let group = t.get(&key);
        if metric_groups.last().is_none_or(|g| g.name != group) {
            metric_groups.push(MetricGroup { name: group.to_string(), rows: Vec::new() });
        }
        let base = p.baseline(m.indicator);
        let row = MetricRow {
            indicator: Link { url: url::indicator(&ind.id), name: ind.name.get(t.lang).to_string() },
            value: format::value(ind, m.value, t),
            year: m.year.map(|y| y.to_string()).unwrap_or_default(),
            source: m.source.clone().unwrap_or_default(),
            note: m.note.clone().unwrap_or_default(),
            illustrative: !m.is_sourced(),
            target: target_text(ind, t),
            met: met_class(ind.meets_target(m.value)),
            baseline: base
                .map(|b| {
                    let year = b.year.map(|y| format!(" ({y})")).unwrap_or_default();
                    format!("{}{year}", format::value(ind, b.value, t))
                })
                .unwrap_or_default(),
            baseline_illustrative: base.is_some_and(|b| !b.is_sourced()),
            change: base.map(|b| format::change(ind, b.value, m.value, t)).unwrap_or_default(),
        };
        if let Some(g) = metric_groups.last_mut() {
            g.rows.push(row);
        }
    }
    let proposals = p
        .proposals
        .iter()
        .map(|pr| {
            let ind = site.indicator(pr.indicator);
            ProposalRow {
                indicator: Link { url: url::indicator(&ind.id), name: ind.name.get(t.lang).to_string() },
                threshold: format::value(ind, pr.threshold, t),
                target: target_text(ind, t),
                note: pr.note.clone().unwrap_or_default(),
            }
        })
        .collect();
    PilotView {
        card,
        html,
        toc: toc.into_iter().filter(|h| h.level == 2).collect(),
        facts,
        metric_groups,
        proposals,
        authors: p.authors.clone(),
        updated: p.updated.map(|d| format::date(d, t.lang)).unwrap_or_default(),
        updated_iso: p.updated.map(|d| d.to_string()).unwrap_or_default(),
        words,
    }
}

#[derive(Serialize)]
pub struct ProvinceRow {
    pub url: String,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub region: String,
    pub former: Vec<String>,
    pub pilot_count: usize,
    /// Shown page by page (`ListPage`), so not serialized with the row: lists of provinces
    /// need only the count.
    #[serde(skip)]
    pub pilots: Vec<PilotCard>,
}

pub fn province_rows(site: &Site, t: &I18n) -> Vec<ProvinceRow> {
    site.province_ids()
        .map(|id| {
            let prov = site.province(id);
            let pilots: Vec<PilotCard> = site.pilots_in(id).map(|p| pilot_card(site, p, t)).collect();
            ProvinceRow {
                url: url::province(&prov.slug),
                slug: prov.slug.clone(),
                name: prov.name.clone(),
                kind: t.get(if prov.kind == ProvinceKind::City { "kind_city" } else { "kind_province" }).to_string(),
                region: prov.region.map(|r| site.region(r).name.get(t.lang).to_string()).unwrap_or_default(),
                // "Formed from" names every unit merged, the one whose name it kept included.
                former: prov.former.iter().map(|f| f.name.clone()).collect(),
                pilot_count: pilots.len(),
                pilots,
            }
        })
        .collect()
}

#[derive(Serialize)]
pub struct FieldRow {
    pub url: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub pilot_count: usize,
    /// Shown page by page (`ListPage`), so not serialized with the row.
    #[serde(skip)]
    pub pilots: Vec<PilotCard>,
}

pub fn field_rows(site: &Site, t: &I18n) -> Vec<FieldRow> {
    site.field_ids()
        .map(|id| {
            let f = site.field(id);
            let pilots: Vec<PilotCard> = site.pilots_of_field(id).map(|p| pilot_card(site, p, t)).collect();
            FieldRow {
                url: url::field(&f.slug),
                slug: f.slug.clone(),
                name: f.name.get(t.lang).to_string(),
                description: f.description.clone(),
                pilot_count: pilots.len(),
                pilots,
            }
        })
        .collect()
}

/// One pilot's value on an indicator page: what its row shows, no more (10,000 of them).
#[derive(Serialize, Clone)]
pub struct IndicatorValue {
    pub url: String,
    pub commune: String,
    pub sample: bool,
    pub province: String,
    pub value: String,
    pub year: String,
    pub source: String,
    pub sourced: bool,
    pub met: &'static str,
}

/// The values of an indicator within one province.
#[derive(Serialize)]
pub struct ProvinceValues {
    pub province: Link,
    pub n: usize,
    pub sourced: usize,
    /// The median, or for a yes/no indicator how many answered "yes" ("3/5").
    pub middle: String,
    pub share_met: String,
}

/// A table of values on an indicator page: the leading and the last pilots, or one page of all.
#[derive(Serialize)]
pub struct ValueTable {
    pub id: &'static str,
    pub title: String,
    pub caption: String,
    /// Only a table holding every value may be re-sorted in the browser.
    pub sortable: bool,
    pub rows: Vec<IndicatorValue>,
}

/// One page of a list of pilots: the section's own data (a province, a field, or none), the
/// pilots of this page, and where it is among the others.
#[derive(Serialize)]
pub struct ListPage<'a, T: Serialize> {
    #[serde(rename = "list")]
    pub item: &'a T,
    pub pilots: &'a [PilotCard],
    pub pager: Pager,
}

/// One page of an indicator: its summary (the first page shows it whole), the tables of
/// values this page holds, and where it is among the others.
#[derive(Serialize)]
pub struct IndicatorPage<'a> {
    pub indicator: &'a IndicatorView,
    pub tables: Vec<ValueTable>,
    pub pager: Pager,
    /// "Values 501–1,000 of 8,192, best first", when there are several pages.
    pub shown: String,
}

/// "Trang 3".
pub fn page_title(number: usize, t: &I18n) -> String {
    t.get("page_number").replace("{n}", &number.to_string())
}

/// One page of a list cut into pages: where it is and the links to the others.
#[derive(Serialize, Default)]
pub struct Pager {
    /// "Trang 2".
    pub title: String,
    pub number: usize,
    pub count: usize,
    /// The rows this page shows, counted from 1, and how many there are in all.
    pub first: usize,
    pub last: usize,
    pub rows: usize,
    pub prev: String,
    pub next: String,
    /// The first, the last and the pages near this one, in order; a gap is number 0.
    pub links: Vec<PageLink>,
}

#[derive(Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    /// "Trang 3": what a screen reader says of the link.
    pub label: String,
    pub current: bool,
}

/// Page `number` of the list at `base` of `rows` rows, `per_page` a page.
pub fn pager(base: &str, number: usize, per_page: usize, rows: usize, t: &I18n) -> Pager {
    let count = url::page_count(rows, per_page);
    let mut links: Vec<PageLink> = Vec::new();
    for n in 1..=count {
        if n == 1 || n == count || n.abs_diff(number) <= 2 {
            let label = page_title(n, t);
            links.push(PageLink { number: n, url: url::paged(base, n), label, current: n == number });
        } else if links.last().is_some_and(|l| l.number != 0) {
            links.push(PageLink { number: 0, url: String::new(), label: String::new(), current: false });
        }
    }
    Pager {
        title: page_title(number, t),
        number,
        count,
        first: ((number - 1) * per_page + 1).min(rows),
        last: (number * per_page).min(rows),
        rows,
        prev: if number > 1 { url::paged(base, number - 1) } else { String::new() },
        next: if number < count { url::paged(base, number + 1) } else { String::new() },
        links,
    }
}

#[derive(Serialize)]
pub struct IndicatorView {
    pub id: String,
    pub url: String,
    pub name: String,
    pub group: String,
    pub group_slug: String,
    pub unit: String,
    pub description: String,
    pub target: String,
    pub target_source: String,
    /// The indicator has a 2025 target, so its values are met or not.
    pub has_target: bool,
    pub boolean: bool,
    pub n: usize,
    pub yes: usize,
    pub min: String,
    pub median: String,
    pub max: String,
    pub share_met: String,
    /// Of `n`, the values with a source.
    pub sourced: usize,
    /// The years of the values, with how many per year.
    pub years: String,
    pub national_share: String,
    /// The tile map coloured by this indicator (SVG from `charts`), on the indicator's own page.
    pub map: String,
    /// On its own page: the values by province, in the registry's order (those with a value).
    pub by_province: Vec<ProvinceValues>,
}

/// What draws the tile map of one indicator's values: `criteria::value_map`, handed in by
/// the caller because the criteria dashboard uses views, not the other way round.
pub type ValueMap = fn(&Site, &criteria::IndicatorEvidence, &I18n) -> String;

/// One indicator; with `value_map`, for its own page: the map and the values by province.
pub fn indicator_view(site: &Site, id: IndicatorId, value_map: Option<ValueMap>, t: &I18n) -> IndicatorView {
    let ind = site.indicator(id);
    let st = criteria::indicator(site, id);
    let fmt = |v: f64| format::value(ind, Value::Number(v), t);
    let boolean = ind.unit == Unit::Boolean;
    IndicatorView {
        id: ind.id.clone(),
        url: url::indicator(&ind.id),
        name: ind.name.get(t.lang).to_string(),
        group: t.get(&format!("group_{}", ind.group.slug())).to_string(),
        group_slug: ind.group.slug().to_string(),
        unit: t.get(&format!("unit_{}", ind.unit.name())).to_string(),
        description: ind.description.clone(),
        target: target_text(ind, t),
        target_source: ind
            .target
            .as_ref()
            .map(|tg| {
                let year = tg.year.map(|y| format!("{y}")).unwrap_or_default();
                [year, tg.source.clone().unwrap_or_default()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
        has_target: ind.target.is_some(),
        boolean,
        n: st.summary.as_ref().map(|s| s.n).unwrap_or(0),
        yes: st.yes,
        min: st.summary.as_ref().filter(|_| !boolean).map(|s| fmt(s.min)).unwrap_or_default(),
        median: st.summary.as_ref().filter(|_| !boolean).map(|s| fmt(s.median)).unwrap_or_default(),
        max: st.summary.as_ref().filter(|_| !boolean).map(|s| fmt(s.max)).unwrap_or_default(),
        share_met: st.share_met.map(|s| format::percent(s, t.lang)).unwrap_or_default(),
        sourced: st.sourced,
        years: format::years(&st.years, t),
        national_share: national_share_text(ind, t),
        by_province: if value_map.is_some() { by_province(site, ind, &st, t) } else { Vec::new() },
        map: value_map.map(|draw| draw(site, &st, t)).unwrap_or_default(),
    }
}

/// An indicator's values grouped by the pilots' provinces.
fn by_province(site: &Site, ind: &Indicator, st: &criteria::IndicatorEvidence, t: &I18n) -> Vec<ProvinceValues> {
    let mut groups: Vec<Vec<&criteria::Reported>> = vec![Vec::new(); site.provinces.len()];
    for r in &st.values {
        groups[site.pilots[r.pilot].province.0 as usize].push(r);
    }
    site.province_ids()
        .zip(groups)
        .filter(|(_, values)| !values.is_empty())
        .map(|(id, values)| {
            let prov = site.province(id);
            let numbers: Vec<f64> = values.iter().map(|r| r.value.as_f64()).collect();
            let middle = if ind.unit == Unit::Boolean {
                format!("{}/{}", numbers.iter().filter(|v| **v > 0.0).count(), values.len())
            } else {
                crate::model::stats::summarize(&numbers)
                    .map(|s| format::value(ind, Value::Number(s.median), t))
                    .unwrap_or_default()
            };
            let met = crate::model::stats::share(values.iter().filter_map(|r| ind.meets_target(r.value)));
            ProvinceValues {
                province: Link { url: url::province(&prov.slug), name: prov.name.clone() },
                n: values.len(),
                sourced: values.iter().filter(|r| r.provenance == Provenance::Sourced).count(),
                middle,
                share_met: met.map(|s| format::percent(s, t.lang)).unwrap_or_default(),
            }
        })
        .collect()
}

/// Every pilot's value of an indicator, best first in the indicator's good direction (ties by
/// province and commune, for stable output).
pub fn indicator_values(site: &Site, id: IndicatorId, t: &I18n) -> Vec<IndicatorValue> {
    let ind = site.indicator(id);
    let mut values: Vec<(&Pilot, &Metric)> = site.pilots.iter().filter_map(|p| p.metric(id).map(|m| (p, m))).collect();
    values.sort_by(|a, b| {
        let (x, y) = (a.1.value.as_f64(), b.1.value.as_f64());
        let ord = if ind.better == Better::Higher { y.total_cmp(&x) } else { x.total_cmp(&y) };
        ord.then_with(|| (a.0.province, &a.0.slug).cmp(&(b.0.province, &b.0.slug)))
    });
    values
        .into_iter()
        .map(|(p, m)| IndicatorValue {
            url: url::pilot(site, p),
            commune: p.commune.clone(),
            sample: p.sample,
            province: site.province(p.province).name.clone(),
            value: format::value(ind, m.value, t),
            year: m.year.map(|y| y.to_string()).unwrap_or_default(),
            source: m.source.clone().unwrap_or_default(),
            sourced: m.is_sourced(),
            met: met_class(ind.meets_target(m.value)),
        })
        .collect()
}

#[derive(Serialize)]
pub struct IndicatorGroup {
    pub slug: String,
    pub name: String,
    pub indicators: Vec<IndicatorView>,
}

pub fn indicator_groups(site: &Site, t: &I18n) -> Vec<IndicatorGroup> {
    Group::ALL
        .iter()
        .map(|g| IndicatorGroup {
            slug: g.slug().to_string(),
            name: t.get(&format!("group_{}", g.slug())).to_string(),
            indicators: site
                .indicator_ids()
                .filter(|&id| site.indicator(id).group == *g)
                .map(|id| indicator_view(site, id, None, t))
                .collect(),
        })
        .filter(|g| !g.indicators.is_empty())
        .collect()
}

#[derive(Serialize)]
pub struct HomeView {
    pub pilot_count: usize,
    pub provinces_covered: usize,
    pub province_count: usize,
    pub field_count: usize,
    pub fields_covered: usize,
    pub indicator_count: usize,
    /// Values (indicators and baselines) of all pilots that name a source, that do not, and all.
    pub sourced_values: usize,
    pub illustrative_values: usize,
    pub value_count: usize,
    pub newest: Vec<PilotCard>,
    pub fields: Vec<FieldRow>,
    pub pages: Vec<Link>,
}

pub fn home_view(site: &Site, t: &I18n) -> HomeView {
    let mut provinces: Vec<ProvinceId> = site.pilots.iter().map(|p| p.province).collect();
    provinces.sort();
    provinces.dedup();
    let mut fields: Vec<FieldId> = site.pilots.iter().flat_map(|p| p.fields.iter().copied()).collect();
    fields.sort();
    fields.dedup();
    let mut newest: Vec<&Pilot> = site.pilots.iter().collect();
    newest.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| (a.province, &a.slug).cmp(&(b.province, &b.slug))));
    let (sourced_values, value_count) =
        site.pilots.iter().map(Pilot::sourced_values).fold((0, 0), |(s, n), c| (s + c.sourced, n + c.values));
    HomeView {
        pilot_count: site.pilots.len(),
        provinces_covered: provinces.len(),
        province_count: site.provinces.len(),
        field_count: site.fields.len(),
        fields_covered: fields.len(),
        indicator_count: site.indicators.len(),
        sourced_values,
        illustrative_values: value_count - sourced_values,
        value_count,
        newest: newest.into_iter().take(6).map(|p| pilot_card(site, p, t)).collect(),
        fields: field_rows(site, t).into_iter().filter(|f| f.pilot_count > 0).collect(),
        pages: site.pages.iter().map(|p| Link { url: url::page(&p.slug), name: p.title.clone() }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pager_links_the_ends_and_the_pages_near_this_one() {
        let t = I18n { lang: Lang::Vi, strings: [("page_number".to_string(), "Trang {n}".to_string())].into() };
        let p = pager("indicators/x/", 6, 500, 8192, &t);
        let numbers: Vec<usize> = p.links.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 0, 4, 5, 6, 7, 8, 0, 17], "0 is a gap");
        assert_eq!((p.count, p.first, p.last, p.rows), (17, 2501, 3000, 8192));
        assert_eq!((p.prev.as_str(), p.next.as_str()), ("indicators/x/page/5/", "indicators/x/page/7/"));
        assert_eq!((p.links[0].url.as_str(), p.links[4].label.as_str()), ("indicators/x/", "Trang 6"));
        assert!(p.links[4].current && !p.links[3].current);
        let last = pager("indicators/x/", 17, 500, 8192, &t);
        assert_eq!((last.first, last.last, last.next.as_str()), (8001, 8192, ""));
        let only = pager("indicators/x/", 1, 500, 3, &t);
        assert_eq!((only.count, only.links.len(), only.prev.as_str(), only.next.as_str()), (1, 1, "", ""));
        // No gap stands for a single page: 1, 2 (not …), 3, 4, 5.
        let near = pager("x/", 4, 1, 5, &t);
        assert_eq!(near.links.iter().map(|l| l.number).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
    }
}
