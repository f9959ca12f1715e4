//! One pilot folder (`content/pilots/<province>/<commune>/`): its case study's front
//! matter and its metrics.yaml, checked against the registries as they are read.

use std::path::Path;

use super::Registries;
use super::mistakes;
use super::plausible::{self, Reading};
use super::source::{INDEX_MD_LIMIT, METRICS_LIMIT, read_text_in, split_front_matter};
use super::yaml::{self, Node};
use crate::diag::{self, Diagnostic, Location, Msg, did_you_mean, msg};
use crate::model::*;

const METRICS_KEYS: &[&str] = &[
    "commune",
    "province",
    "former_province",
    "former_district",
    "fields",
    "period",
    "status",
    "population",
    "households",
    "area_ha",
    "budget_million_vnd",
    "sample",
    "source",
    "indicators",
    "baseline",
    "proposals",
];
const FRONT_MATTER_KEYS: &[&str] = &["title", "summary", "summary_en", "date", "updated", "authors"];

/// The parts of a pilot's front matter.
struct CaseStudy {
    title: String,
    summary: String,
    summary_en: Option<String>,
    date: Date,
    updated: Option<Date>,
    authors: Vec<String>,
    doc: Document,
}

/// A loaded pilot, and the line and column of its `commune:` value (for `duplicate-pilot`).
pub struct LoadedPilot {
    pub pilot: Pilot,
    /// Where its `commune:` value is in metrics.yaml: a duplicate commune is reported there.
    pub commune_at: LineCol,
}

/// A place in a file: line and column, counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// `province_link`: the first symbolic link of `content/pilots/<province>`
/// (`path_guard::symlinked_component`), looked up once for all the province's pilots.
pub fn load_pilot(
    root: &Path,
    province: ProvinceId,
    province_slug: &str,
    province_link: Option<&str>,
    commune_slug: &str,
    reg: &Registries,
    diags: &mut Vec<Diagnostic>,
) -> Option<LoadedPilot> {
    let dir = format!("content/pilots/{province_slug}/{commune_slug}");
    let index_rel = format!("{dir}/index.md");
    let metrics_rel = format!("{dir}/metrics.yaml");
    // The pilot folder's first symbolic link, as `symlinked_component(root, &dir)` would find it.
    let folder_link = province_link.map(str::to_string).or_else(|| {
        let linked = std::fs::symlink_metadata(root.join(&dir)).is_ok_and(|m| m.file_type().is_symlink());
        linked.then(|| dir.clone())
    });
    let mut missing = false;
    let mut names: Option<Vec<String>> = None;
    let mut metas = [None, None];
    for ((rel, name, help), meta) in
        [(&index_rel, "index.md", "missing-index-help"), (&metrics_rel, "metrics.yaml", "missing-metrics-help")]
            .into_iter()
            .zip(&mut metas)
    {
        // Only an absent file is missing: a link, folder, pipe or socket there is read and
        // refused for what it is (`source::read_text`).
        *meta = std::fs::symlink_metadata(root.join(rel)).ok();
        if meta.is_none() {
            missing = true;
            let names = names.get_or_insert_with(|| file_names(root, &dir));
            let d = match mistakes::misnamed(name, names) {
                Some(found) => {
                    let found_rel = format!("{dir}/{found}");
                    Diagnostic::error(
                        "misnamed-file",
                        Location::file(&found_rel),
                        msg!("misnamed-file", found = found, name = name),
                    )
                    .help(msg!("misnamed-file-help", name = name))
                }
                None => {
                    Diagnostic::error("missing-file", Location::file(&dir), msg!("missing-file", path = rel.as_str()))
                        .help(Msg::new(help))
                }
            };
            diags.push(d);
        }
    }
    if missing {
        return None;
    }
    let [index_meta, metrics_meta] = metas;
    let case_study = load_case_study(root, folder_link.as_deref(), &index_rel, index_meta, &dir, diags);
    let metrics_text = read_text_in(root, folder_link.as_deref(), &metrics_rel, metrics_meta, METRICS_LIMIT, diags)?;
    let node = yaml::parse(&metrics_text, &metrics_rel, 0).map_err(|d| diags.push(d)).ok()?;
    let rel = metrics_rel.as_str();
    let mut m = node.as_map(rel, diags)?;

    let commune_node = m.require("commune", msg!("want-commune"), diags);
    let commune_at =
        commune_node.map_or(LineCol { line: 1, column: 1 }, |n| LineCol { line: n.line, column: n.column });
    let commune = commune_node.and_then(|n| n.as_name(rel, "commune", diags));
    if let Some(name) = &commune {
        let expected = crate::slug::commune_slug(name);
        if expected != commune_slug {
            let at = m.get("commune").map(|n| n.at(rel)).unwrap_or(Location::file(rel));
            diags.push(
                Diagnostic::warning(
                    "commune-folder-mismatch",
                    at,
                    msg!("commune-folder-mismatch", name = name, expected = &expected, folder = commune_slug),
                )
                .help(msg!("commune-folder-mismatch-help", expected = &expected)),
            );
        }
    }
    let prov = reg.provinces.map(|ps| &ps[province.index()]);
    if let Some(n) = m.require("province", msg!("want-province"), diags)
        && let Some(p) = n.as_text(rel, diags)
        && p != province_slug
    {
        diags.push(
            Diagnostic::error(
                "province-mismatch",
                n.at(rel),
                msg!("province-mismatch", written = &p, folder = province_slug),
            )
            .help(province_mismatch_help(&p, province_slug, reg)),
        );
    }
    let former_province = m.get("former_province").and_then(|n| {
        let s = n.as_text(rel, diags)?;
        let prov = prov?;
        if prov.former_name(&s).is_none() && s != prov.slug {
            let mut known: Vec<&str> = prov.former.iter().map(|f| f.slug.as_str()).collect();
            if known.is_empty() {
                known.push(&prov.slug);
            }
            let folded = crate::slug::slugify(&s);
            let help = match known.iter().find(|k| **k == folded) {
                Some(slug) => msg!("province-name-not-slug", name = &s, slug = *slug),
                None => reg
                    .provinces
                    .and_then(|ps| mistakes::merged_unit(&s, ps))
                    .unwrap_or_else(|| did_you_mean(&s, &known, msg!("former-units"))),
            };
            diags.push(
                Diagnostic::error("former-province", n.at(rel), msg!("former-province", wrong = &s, name = &prov.name))
                    .help(help),
            );
            return None;
        }
        Some(s)
    });
    let former_district = m.get("former_district").and_then(|n| n.as_filled_name(rel, "former_district", diags));
    let fields = m.require("fields", msg!("want-fields"), diags);
    let fields = fields.map(|n| resolve_fields(n, rel, reg, diags)).unwrap_or_default();
    let period = m.require("period", msg!("want-period"), diags).and_then(|n| read_period(n, rel, diags));
    let statuses: Vec<(&str, Status)> = Status::ALL.iter().map(|s| (s.name(), *s)).collect();
    let status = m
        .require("status", msg!("want-status"), diags)
        .and_then(|n| n.as_choice(rel, msg!("what-status"), &statuses, diags));
    let population = m.get("population").and_then(|n| whole_count(n, rel, diags));
    let households = m.get("households").and_then(|n| Some((whole_count(n, rel, diags)?, n)));
    plausible::household_size(population, households, rel, diags);
    let households = households.map(|(h, _)| h);
    let area_ha = m.get("area_ha").and_then(|n| non_negative(n, rel, diags));
    let budget = m.get("budget_million_vnd").and_then(|n| read_budget(n, rel, diags));
    let sample = m.get("sample").and_then(|n| n.as_bool(rel, diags)).unwrap_or(false);
    let source = m.get("source").and_then(|n| n.as_filled_text(rel, "source", diags));
    let mut readings = Vec::new();
    let evidence = |period| Evidence { pilot_source: source.as_deref(), require_source: !sample, period };
    // `indicators:` written with nothing under it (as `langso new pilot` leaves it) is no values yet.
    let metrics = match m.get("indicators") {
        Some(n) => read_metrics(n, rel, reg, &evidence(Some(period)), &mut readings, diags),
        None if m.has("indicators") => Vec::new(),
        None => {
            m.require("indicators", msg!("want-indicators"), diags);
            Vec::new()
        }
    };
    let baseline =
        m.get("baseline").map(|n| read_metrics(n, rel, reg, &evidence(None), &mut readings, diags)).unwrap_or_default();
    let proposals = m.get("proposals").map(|n| read_proposals(n, rel, reg, &mut readings, diags)).unwrap_or_default();
    m.finish(METRICS_KEYS, diags);
    if let Some(inds) = reg.indicators {
        plausible::percent_fractions(&readings, inds, rel, diags);
    }

    let cs = case_study?;
    let pilot = Pilot {
        province,
        slug: commune_slug.to_string(),
        commune: commune?,
        title: cs.title,
        summary: cs.summary,
        summary_en: cs.summary_en,
        date: cs.date,
        updated: cs.updated,
        authors: cs.authors,
        former_province,
        former_district,
        fields,
        period: period?,
        status: status?,
        population,
        households,
        area_ha,
        budget,
        sample,
        source,
        metrics,
        baseline,
        proposals,
        doc: cs.doc,
    };
    Some(LoadedPilot { pilot, commune_at })
}

/// The names of the files in a pilot folder, to find one named almost right.
fn file_names(root: &Path, dir: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join(dir)) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn load_case_study(
    root: &Path,
    folder_link: Option<&str>,
    rel: &str,
    meta: Option<std::fs::Metadata>,
    dir: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<CaseStudy> {
    let text = read_text_in(root, folder_link, rel, meta, INDEX_MD_LIMIT, diags)?;
    let fm = split_front_matter(&text, rel).map_err(|d| diags.push(d)).ok()?;
    let node = yaml::parse(fm.yaml, rel, fm.yaml_line_offset).map_err(|d| diags.push(d)).ok()?;
    let mut m = node.as_map(rel, diags)?;
    let title = m.require("title", msg!("want-title"), diags).and_then(|n| n.as_name(rel, "title", diags));
    let summary =
        m.require("summary", msg!("want-summary"), diags).and_then(|n| n.as_required_text(rel, "summary", diags));
    let summary_en = m.get("summary_en").and_then(|n| n.as_filled_text(rel, "summary_en", diags));
    let date = m.require("date", msg!("want-date"), diags).and_then(|n| read_date(n, rel, diags));
    let updated = m.get("updated").and_then(|n| read_date(n, rel, diags));
    let authors = m
        .get("authors")
        .and_then(|n| n.as_str_list(rel, diags))
        .map(|v| {
            v.into_iter()
                .map(|(s, n)| {
                    n.check_visible(&s, rel, diags);
                    s
                })
                .collect()
        })
        .unwrap_or_default();
    m.finish(FRONT_MATTER_KEYS, diags);
    let doc = Document {
        path: rel.to_string(),
        dir: dir.to_string(),
        markdown: fm.body.to_string(),
        line_offset: fm.body_line_offset,
    };
    Some(CaseStudy { title: title?, summary: summary?, summary_en, date: date?, updated, authors, doc })
}

/// `province:` differs from the folder: the slug written as a name, a former unit of the
/// folder's province (which belongs in `former_province:`), or another province.
fn province_mismatch_help(written: &str, folder: &str, reg: &Registries) -> Msg {
    let Some(ps) = reg.provinces else { return msg!("province-mismatch-help", written = written, folder = folder) };
    let folded = crate::slug::slugify(written);
    if folded == folder {
        return msg!("province-name-not-slug", name = written, slug = folder);
    }
    let prov = ps.iter().find(|p| p.slug == folder);
    if prov.is_some_and(|p| p.former.iter().any(|f| f.slug == folded)) {
        return msg!("province-former-of-folder", written = &folded, folder = folder);
    }
    if ps.iter().any(|p| p.slug == written) {
        return msg!("province-mismatch-help", written = written, folder = folder);
    }
    // No province of that name: the folder says which it is, unless a merged unit is meant.
    mistakes::merged_unit(written, ps).unwrap_or_else(|| msg!("province-mismatch-write", folder = folder))
}

pub fn read_date(n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<Date> {
    let s = n.as_text(rel, diags)?;
    let d = Date::parse(s.trim());
    if d.is_none()
        && let Some(m) = super::mistakes::date(&s)
    {
        diags.push(Diagnostic::error("invalid-date", n.at(rel), m.message).help(m.help));
    } else if d.is_none() {
        diags.push(
            Diagnostic::error("invalid-date", n.at(rel), msg!("invalid-date", text = &s))
                .help(msg!("invalid-date-help")),
        );
    }
    d
}

/// A quantity that is typically in the thousands (hectares, millions of đồng): not
/// negative, at most `AMOUNT_LIMIT`, and not written with a point as a thousands separator.
fn non_negative(n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<f64> {
    if plausible::thousands_separator(n, rel, diags) {
        return None;
    }
    let v = n.as_f64(rel, diags)?;
    if v < 0.0 {
        diags.push(
            Diagnostic::error("out-of-range", n.at(rel), msg!("negative", value = v)).help(msg!("negative-help")),
        );
        return None;
    }
    if v > AMOUNT_LIMIT {
        diags.push(
            Diagnostic::error("out-of-range", n.at(rel), msg!("amount-too-large", value = v, max = AMOUNT_LIMIT))
                .help(msg!("amount-too-large-help")),
        );
        return None;
    }
    Some(v)
}

/// A head count (population, households): `6.835` is a thousands separator, not a fraction.
fn whole_count(n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<u64> {
    if plausible::thousands_separator(n, rel, diags) {
        return None;
    }
    n.as_count(rel, diags)
}

fn resolve_fields(n: &Node, rel: &str, reg: &Registries, diags: &mut Vec<Diagnostic>) -> Vec<FieldId> {
    let mut out = Vec::new();
    let list = n.as_str_list(rel, diags).unwrap_or_default();
    if list.is_empty() && matches!(n.kind, yaml::Kind::Seq(_)) {
        diags.push(Diagnostic::error("missing-key", n.at(rel), msg!("empty-fields")).help(msg!("empty-fields-help")));
    }
    let Some(fields) = reg.fields else { return out };
    for (s, node) in list {
        match fields.iter().position(|f| f.slug == s) {
            Some(i) if out.contains(&FieldId::at(i)) => {}
            Some(i) => out.push(FieldId::at(i)),
            None => {
                let known: Vec<&str> = fields.iter().map(|f| f.slug.as_str()).collect();
                diags.push(diag::unknown(
                    "unknown-field",
                    node.at(rel),
                    msg!("what-field"),
                    &s,
                    &known,
                    msg!("listed-fields"),
                ));
            }
        }
    }
    out
}

fn read_period(n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<(i32, i32)> {
    let mut m = n.as_map(rel, diags)?;
    let start = m.require("start", msg!("want-start"), diags).and_then(|n| read_year(n, rel, diags));
    let end = m.require("end", msg!("want-end"), diags).and_then(|n| read_year(n, rel, diags));
    m.finish(&["start", "end"], diags);
    let (start, end) = (start?, end?);
    if end < start {
        diags.push(
            Diagnostic::error("out-of-range", n.at(rel), msg!("period-reversed", start = start, end = end))
                .help(msg!("period-reversed-help")),
        );
        return None;
    }
    Some((start, end))
}

fn read_year(n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<i32> {
    let y = n.as_i64(rel, diags)?;
    if !(2000..=2100).contains(&y) {
        diags.push(
            Diagnostic::error("out-of-range", n.at(rel), msg!("implausible-year", year = y))
                .help(msg!("implausible-year-help")),
        );
        return None;
    }
    Some(y as i32)
}

fn read_budget(n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<Budget> {
    let mut m = n.as_map(rel, diags)?;
    let total_at = m.get("total");
    let mut get = |k: &str| m.get(k).and_then(|n| non_negative(n, rel, diags));
    let b = Budget { total: get("total"), central: get("central"), local: get("local"), other: get("other") };
    m.finish(&["total", "central", "local", "other"], diags);
    plausible::budget_sum(&b, total_at, rel, diags);
    Some(b)
}

fn find_indicator<'r>(
    id: &str,
    at: Location<'_>,
    reg: &'r Registries,
    diags: &mut Vec<Diagnostic>,
) -> Option<(IndicatorId, &'r Indicator)> {
    let inds = reg.indicators?;
    match inds.iter().position(|i| i.id == id) {
        Some(i) => Some((IndicatorId::at(i), &inds[i])),
        None => {
            let known: Vec<&str> = inds.iter().map(|i| i.id.as_str()).collect();
            diags.push(diag::unknown(
                "unknown-indicator",
                at,
                msg!("what-indicator"),
                id,
                &known,
                msg!("listed-indicators"),
            ));
            None
        }
    }
}

/// A value of indicator `ind`: a boolean for boolean indicators, else a number within bounds.
fn read_value(ind: &Indicator, n: &Node, rel: &str, diags: &mut Vec<Diagnostic>) -> Option<Value> {
    if ind.unit == Unit::Boolean {
        return n.as_bool(rel, diags).map(Value::Bool);
    }
    if matches!(n.kind, yaml::Kind::Float(v, _) if plausible::in_thousands(ind, v))
        && plausible::thousands_separator(n, rel, diags)
    {
        return None;
    }
    let v = n.as_f64(rel, diags)?;
    if ind.unit == Unit::Count && v.fract() != 0.0 {
        if let Some(m) = n.thousands_mistake() {
            diags.push(Diagnostic::error("wrong-type", n.at(rel), m.message).help(m.help));
            return None;
        }
        diags.push(
            Diagnostic::error("wrong-type", n.at(rel), msg!("count-not-whole", id = &ind.id, value = v))
                .help(msg!("wrong-type-help", expected = msg!("type-whole"))),
        );
        return None;
    }
    within_limits(ind, v, n.at(rel), diags).then_some(Value::Number(v))
}

/// Whether number `v` lies within the limits of `ind` (`Indicator::limits`); reports
/// `out-of-range` at `at` if not.
pub(crate) fn within_limits(ind: &Indicator, v: f64, at: Location<'_>, diags: &mut Vec<Diagnostic>) -> bool {
    let (min, max) = ind.limits();
    if (min..=max).contains(&v) {
        return true;
    }
    let range = msg!("range-between", min = min, max = max);
    diags.push(Diagnostic::error("out-of-range", at, msg!("value-out-of-range", value = v, id = &ind.id)).help(msg!(
        "value-out-of-range-help",
        range = range,
        unit = unit_name(ind.unit)
    )));
    false
}

/// An indicator's unit in words, for help lines.
fn unit_name(unit: Unit) -> Msg {
    match unit {
        Unit::Percent => msg!("unit-percent"),
        Unit::Count => msg!("unit-count"),
        Unit::Number => msg!("unit-number"),
        Unit::Boolean => msg!("unit-boolean"),
        Unit::MillionVnd => msg!("unit-million-vnd"),
    }
}

/// What the values of one list (`indicators:` or `baseline:`) are checked against.
struct Evidence<'a> {
    /// The pilot's `source:`, the source of every value that names none.
    pilot_source: Option<&'a str>,
    /// A pilot that is not `sample: true`: a value without a source is an error (and one
    /// under `indicators:` without a year a warning). A sample pilot's unsourced values
    /// are illustrative, and the site marks them so.
    require_source: bool,
    /// For `indicators:`, the pilot's period (if it loaded): years outside it are warned about.
    period: Option<Option<(i32, i32)>>,
}

/// The values of `indicators:` or `baseline:`, each with its effective source (its own,
/// else the pilot's); every number read is added to `readings` for the checks across lists.
fn read_metrics<'n>(
    n: &'n Node,
    rel: &'n str,
    reg: &Registries,
    evidence: &Evidence,
    readings: &mut Vec<Reading<'n>>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Metric> {
    let Some(mut m) = n.as_map(rel, diags) else { return Vec::new() };
    let mut out = Vec::new();
    for (key, node) in m.entries() {
        let at = key.at(rel);
        let Some((id, ind)) = find_indicator(&key.name, at, reg, diags) else { continue };
        let errors_before = diags.iter().filter(|d| d.is_error()).count();
        let Some((mut metric, value_at)) = read_metric(id, ind, node, rel, diags) else { continue };
        // A year written wrongly (`11/2025`) is an error already: "has no year" would contradict it.
        let written_wrongly = diags.iter().filter(|d| d.is_error()).count() > errors_before;
        readings.push(Reading { indicator: id, value: metric.value, node: value_at });
        if metric.source.is_none() {
            metric.source = evidence.pilot_source.map(str::to_string);
        }
        if evidence.require_source && metric.source.is_none() {
            diags.push(
                Diagnostic::error("value-without-source", at, msg!("value-without-source", id = &ind.id))
                    .help(msg!("value-without-source-help")),
            );
        }
        let Some(period) = evidence.period else {
            out.push(metric);
            continue;
        };
        if evidence.require_source && metric.year.is_none() && !written_wrongly {
            diags.push(
                Diagnostic::warning("value-without-year", at, msg!("value-without-year", id = &ind.id))
                    .help(msg!("value-without-year-help")),
            );
        }
        if let (Some(y), Some((start, end))) = (metric.year, period)
            && (y < start || y > end)
        {
            diags.push(
                Diagnostic::warning(
                    "year-outside-period",
                    node.value_at("year", rel),
                    msg!("year-outside-period", id = &ind.id, year = y, start = start, end = end),
                )
                .help(msg!("year-outside-period-help")),
            );
        }
        out.push(metric);
    }
    out.sort_by_key(|m| m.indicator);
    out
}

/// One value, bare or `{ value, year, source, note }`, with the node its value was written at.
fn read_metric<'n>(
    id: IndicatorId,
    ind: &Indicator,
    n: &'n Node,
    rel: &'n str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Metric, &'n Node)> {
    if !matches!(n.kind, yaml::Kind::Map(_)) {
        let value = read_value(ind, n, rel, diags)?;
        return Some((Metric { indicator: id, value, year: None, source: None, note: None }, n));
    }
    let mut m = n.as_map(rel, diags)?;
    let value_at = m.require("value", msg!("want-value"), diags);
    let value = value_at.and_then(|v| read_value(ind, v, rel, diags));
    let year = m.get("year").and_then(|y| read_year(y, rel, diags));
    let source = m.get("source").and_then(|s| s.as_filled_text(rel, "source", diags));
    let note = m.get("note").and_then(|s| s.as_filled_text(rel, "note", diags));
    m.finish(&["value", "year", "source", "note"], diags);
    Some((Metric { indicator: id, value: value?, year, source, note }, value_at?))
}

fn read_proposals<'n>(
    n: &'n Node,
    rel: &'n str,
    reg: &Registries,
    readings: &mut Vec<Reading<'n>>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Proposal> {
    let mut out = Vec::new();
    for item in n.as_seq(rel, diags).unwrap_or(&[]) {
        let Some(mut m) = item.as_map(rel, diags) else { continue };
        let ind = m.require("indicator", msg!("want-indicator"), diags).and_then(|i| {
            let id = i.as_text(rel, diags)?;
            find_indicator(&id, i.at(rel), reg, diags)
        });
        let threshold_at = m.require("threshold", msg!("want-threshold"), diags);
        let threshold = match (ind, threshold_at) {
            (Some((id, ind)), Some(t)) => read_value(ind, t, rel, diags).inspect(|&value| {
                readings.push(Reading { indicator: id, value, node: t });
            }),
            _ => None,
        };
        let note = m.get("note").and_then(|s| s.as_filled_text(rel, "note", diags));
        m.finish(&["indicator", "threshold", "note"], diags);
        if let (Some((id, _)), Some(threshold)) = (ind, threshold) {
            out.push(Proposal { indicator: id, threshold, note });
        }
    }
    out
}
