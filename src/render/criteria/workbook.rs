//! /data/criteria.xlsx: the dashboard's tables in one Excel workbook, for officials who
//! paste figures into a ministry report. Sheets: the summary, one row per pilot with one
//! column per indicator, the long table of values with provenance, the proposals with
//! their reasons, the field and region tables and the cost table. Headers are in the
//! site's language (the pilots sheet has a second header row of indicator ids), numbers
//! are stored as numbers, and header rows are frozen.
//!
//! The workbook is reproducible: its creation date is the content's "data as of" date, not
//! the clock, and text longer than a cell holds is cut rather than failing the build.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::model::cost::{self, CostSummary};
use crate::model::criteria::{self, Evidence};
use crate::model::stats::Summary;
use crate::model::*;
use crate::output::OutputFile;
use crate::render::RenderError;
use crate::render::theme::I18n;
use crate::render::url;
use crate::render::views::target_text;

/// Where the workbook is published.
pub const PATH: &str = "data/criteria.xlsx";

/// Excel's limits: characters in a cell, rows in a sheet.
const CELL_CHARS: usize = 32_767;
const MAX_ROWS: u32 = 1_048_576;

/// One cell as stored: text, a number, a yes/no, or nothing.
enum Cell {
    Text(String),
    Number(f64),
    Bool(bool),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        if s.is_empty() { Cell::Empty } else { Cell::Text(s.chars().take(CELL_CHARS).collect()) }
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::from(s.as_str())
    }
}

impl From<Option<f64>> for Cell {
    fn from(v: Option<f64>) -> Cell {
        v.filter(|v| v.is_finite()).map_or(Cell::Empty, Cell::Number)
    }
}

impl From<usize> for Cell {
    fn from(v: usize) -> Cell {
        Cell::Number(v as f64)
    }
}

impl From<Option<i32>> for Cell {
    fn from(v: Option<i32>) -> Cell {
        v.map_or(Cell::Empty, |y| Cell::Number(f64::from(y)))
    }
}

impl From<Value> for Cell {
    fn from(v: Value) -> Cell {
        match v {
            Value::Number(n) => Cell::from(Some(n)),
            Value::Bool(b) => Cell::Bool(b),
        }
    }
}

/// A sheet: its name, header rows (frozen) and rows.
struct Sheet {
    name: String,
    headers: Vec<Vec<String>>,
    rows: Vec<Vec<Cell>>,
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet, bold: &Format) -> Result<(), XlsxError> {
    // Sheet names: at most 31 characters, none of : \ / ? * [ ].
    let name: String = sheet.name.chars().filter(|c| !":\\/?*[]".contains(*c)).take(31).collect();
    ws.set_name(name)?;
    let mut r = 0u32;
    for header in &sheet.headers {
        for (c, h) in header.iter().enumerate() {
            ws.write_string_with_format(r, c as u16, h.chars().take(CELL_CHARS).collect::<String>(), bold)?;
        }
        r += 1;
    }
    ws.set_freeze_panes(r, 0)?;
    for row in &sheet.rows {
        if r >= MAX_ROWS {
            break;
        }
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => ws.write_string(r, c, s)?,
                Cell::Number(n) => ws.write_number(r, c, *n)?,
                Cell::Bool(b) => ws.write_boolean(r, c, *b)?,
                Cell::Empty => ws,
            };
        }
        r += 1;
    }
    for (c, h) in sheet.headers.first().into_iter().flatten().enumerate() {
        ws.set_column_width(c as u16, (h.chars().count() as f64 + 2.0).clamp(10.0, 40.0))?;
    }
    Ok(())
}

fn headers(t: &I18n, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| t.get(k).to_string()).collect()
}

fn three(s: &Option<Summary>) -> [Cell; 3] {
    [
        Cell::from(s.as_ref().map(|s| s.median)),
        Cell::from(s.as_ref().map(|s| s.min)),
        Cell::from(s.as_ref().map(|s| s.max)),
    ]
}

fn summary_sheet(site: &Site, ev: &Evidence, t: &I18n) -> Sheet {
    let rows = ev
        .indicators
        .iter()
        .map(|e| {
            let ind = site.indicator(e.id);
            let boolean = ind.unit == Unit::Boolean;
            vec![
                Cell::from(ind.id.as_str()),
                Cell::from(ind.name.get(t.lang)),
                Cell::from(t.get(&format!("unit_{}", ind.unit.name()))),
                Cell::from(e.sourced),
                Cell::from(e.n()),
                Cell::from(e.pilots),
                Cell::from(e.years.range().map(|r| r.0)),
                Cell::from(e.years.range().map(|r| r.1)),
                Cell::from(e.summary.as_ref().filter(|_| !boolean).map(|s| s.median)),
                Cell::from(if boolean { Some(e.yes as f64) } else { None }),
                Cell::from(target_text(ind, t)),
                Cell::from(ind.target.as_ref().and_then(|tg| tg.communes_share)),
                Cell::from(e.met.map(|m| m as f64)),
                Cell::from(e.share_met),
                Cell::from(e.proposal_summary.as_ref().map(|s| s.min)),
                Cell::from(e.proposal_summary.as_ref().map(|s| s.max)),
                Cell::from(t.get(&format!("evidence_{}", super::evidence_strength(e)))),
            ]
        })
        .collect();
    Sheet {
        name: t.get("xlsx_sheet_summary").into(),
        headers: vec![headers(
            t,
            &[
                "col_id",
                "col_indicator",
                "col_unit",
                "col_sourced",
                "col_n",
                "col_pilots",
                "col_year_first",
                "col_year_last",
                "col_median",
                "col_yes_count",
                "col_target",
                "col_national_share",
                "col_meeting_target",
                "col_share_met",
                "col_proposal_min",
                "col_proposal_max",
                "col_evidence",
            ],
        )],
        rows,
    }
}

fn pilots_sheet(site: &Site, t: &I18n) -> Sheet {
    let fixed = [
        "col_province",
        "col_commune",
        "col_url",
        "col_field",
        "col_status",
        "col_sample",
        "col_budget",
        "col_households",
    ];
    let mut names = headers(t, &fixed);
    let mut ids: Vec<String> = vec![String::new(); fixed.len()];
    for ind in &site.indicators {
        names.push(ind.name.get(t.lang).to_string());
        ids.push(ind.id.clone());
    }
    let rows = site
        .pilots
        .iter()
        .map(|p| {
            let mut row = vec![
                Cell::from(site.province(p.province).name.as_str()),
                Cell::from(p.commune.as_str()),
                Cell::from(format!("{}{}", site.config.base_url, url::pilot(site, p))),
                Cell::from(super::field_name(site, p, t)),
                Cell::from(t.get(&format!("status_{}", p.status.name()))),
                Cell::Bool(p.sample),
                Cell::from(cost::budget(p)),
                Cell::from(p.households.map(|h| h as f64)),
            ];
            row.extend(site.indicator_ids().map(|id| p.metric(id).map_or(Cell::Empty, |m| Cell::from(m.value))));
            row
        })
        .collect();
    Sheet { name: t.get("xlsx_sheet_pilots").into(), headers: vec![names, ids], rows }
}

fn values_sheet(site: &Site, t: &I18n) -> Sheet {
    let mut rows = Vec::new();
    for p in &site.pilots {
        let kinds = p.metrics.iter().map(|m| ("indicator", m)).chain(p.baseline.iter().map(|m| ("baseline", m)));
        for (kind, m) in kinds {
            let ind = site.indicator(m.indicator);
            let meets = if kind == "indicator" { ind.meets_target(m.value) } else { None };
            rows.push(vec![
                Cell::from(site.province(p.province).name.as_str()),
                Cell::from(p.commune.as_str()),
                Cell::from(ind.id.as_str()),
                Cell::from(ind.name.get(t.lang)),
                Cell::from(t.get(&format!("value_kind_{kind}"))),
                Cell::from(m.value),
                Cell::from(m.year),
                Cell::from(m.source.as_deref().unwrap_or_default()),
                Cell::from(t.get(&format!("value_{}", m.provenance().name()))),
                meets.map_or(Cell::Empty, Cell::Bool),
                Cell::from(m.note.as_deref().unwrap_or_default()),
            ]);
        }
    }
    Sheet {
        name: t.get("xlsx_sheet_values").into(),
        headers: vec![headers(
            t,
            &[
                "col_province",
                "col_commune",
                "col_id",
                "col_indicator",
                "col_kind",
                "col_value",
                "col_year",
                "col_source",
                "col_provenance",
                "col_met",
                "col_note",
            ],
        )],
        rows,
    }
}

fn proposals_sheet(site: &Site, ev: &Evidence, t: &I18n) -> Sheet {
    let rows = ev
        .indicators
        .iter()
        .flat_map(|e| {
            let ind = site.indicator(e.id);
            e.proposals.iter().map(move |pr| {
                let p = &site.pilots[pr.pilot];
                vec![
                    Cell::from(ind.id.as_str()),
                    Cell::from(ind.name.get(t.lang)),
                    Cell::from(site.province(p.province).name.as_str()),
                    Cell::from(p.commune.as_str()),
                    Cell::from(pr.threshold),
                    Cell::from(pr.note.as_deref().unwrap_or_default()),
                ]
            })
        })
        .collect();
    Sheet {
        name: t.get("xlsx_sheet_proposals").into(),
        headers: vec![headers(
            t,
            &["col_id", "col_indicator", "col_province", "col_commune", "col_threshold", "col_note"],
        )],
        rows,
    }
}

fn breakdown_sheet<K>(
    site: &Site,
    groups: &[criteria::Breakdown<K>],
    name: impl Fn(&K) -> String,
    sheet: &str,
    key: &str,
    t: &I18n,
) -> Sheet {
    let rows = groups
        .iter()
        .flat_map(|b| {
            let group = name(&b.key);
            site.indicator_ids().zip(&b.cells).filter(|(_, c)| c.n > 0).map(move |(id, c)| {
                let ind = site.indicator(id);
                let boolean = ind.unit == Unit::Boolean;
                vec![
                    Cell::from(group.as_str()),
                    Cell::from(b.pilots),
                    Cell::from(ind.id.as_str()),
                    Cell::from(ind.name.get(t.lang)),
                    Cell::from(c.n),
                    Cell::from(c.sourced),
                    Cell::from(c.years.range().map(|r| r.0)),
                    Cell::from(c.years.range().map(|r| r.1)),
                    Cell::from(c.median),
                    Cell::from(if boolean { Some(c.yes as f64) } else { None }),
                ]
            })
        })
        .collect();
    Sheet {
        name: t.get(sheet).into(),
        headers: vec![headers(
            t,
            &[
                key,
                "col_pilots",
                "col_id",
                "col_indicator",
                "col_n",
                "col_sourced",
                "col_year_first",
                "col_year_last",
                "col_median",
                "col_yes_count",
            ],
        )],
        rows,
    }
}

fn cost_sheet(site: &Site, ev: &Evidence, t: &I18n) -> Sheet {
    let row = |name: &str, c: &CostSummary| {
        let mut r = vec![Cell::from(name), Cell::from(c.pilots), Cell::from(c.reporting), Cell::from(c.from_sample)];
        r.extend(three(&c.per_pilot));
        r.push(Cell::from(c.per_household_reporting));
        r.extend(three(&c.per_household));
        r
    };
    let mut rows = vec![row(t.get("cost_all_pilots"), &ev.cost.all)];
    rows.extend(
        ev.cost.by_field.iter().filter(|(_, c)| c.pilots > 0).map(|(f, c)| row(site.field(*f).name.get(t.lang), c)),
    );
    Sheet {
        name: t.get("xlsx_sheet_cost").into(),
        headers: vec![headers(
            t,
            &[
                "col_field",
                "col_pilots",
                "col_budget_reporting",
                "col_budget_from_sample",
                "col_budget_median",
                "col_budget_min",
                "col_budget_max",
                "col_household_reporting",
                "col_household_median",
                "col_household_min",
                "col_household_max",
            ],
        )],
        rows,
    }
}

fn workbook(site: &Site, ev: &Evidence, t: &I18n) -> Result<Vec<u8>, XlsxError> {
    let as_of = criteria::data_as_of(site).unwrap_or(Date { year: 2000, month: 1, day: 1 });
    let created = ExcelDateTime::from_ymd(as_of.year.clamp(1900, 9999) as u16, as_of.month, as_of.day)?;
    let mut wb = Workbook::new();
    wb.set_properties(&DocProperties::new().set_title(t.get("print_title")).set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let region = |r: &RegionId| site.region(*r).name.get(t.lang).to_string();
    let field = |f: &FieldId| site.field(*f).name.get(t.lang).to_string();
    // One sheet at a time, each in "low memory" mode: its rows go to an unnamed temporary
    // file as they are written (the same cells and shared strings; rows only lose the
    // optional `spans` hint). At 10,000 pilots the sheets held some 240 MB in memory.
    let sheets: [&dyn Fn() -> Sheet; 7] = [
        &|| summary_sheet(site, ev, t),
        &|| pilots_sheet(site, t),
        &|| values_sheet(site, t),
        &|| proposals_sheet(site, ev, t),
        &|| breakdown_sheet(site, &ev.by_field, field, "xlsx_sheet_by_field", "col_field", t),
        &|| breakdown_sheet(site, &ev.by_region, region, "xlsx_sheet_by_region", "col_region", t),
        &|| cost_sheet(site, ev, t),
    ];
    for sheet in sheets {
        write_sheet(wb.add_worksheet_with_low_memory()?, &sheet(), &bold)?;
    }
    wb.save_to_buffer()
}

/// The workbook as a published file.
pub fn file(site: &Site, ev: &Evidence, t: &I18n) -> Result<OutputFile, RenderError> {
    let bytes = workbook(site, ev, t).map_err(|e| RenderError(format!("{PATH}: {e}")))?;
    Ok(OutputFile::bytes(PATH.into(), bytes))
}
