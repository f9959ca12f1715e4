//! The JSON Schema (draft-07) of metrics.yaml, generated from the site's registries and
//! indicator catalog: indicator ids are enumerated with their types and bounds, so an
//! editor whose YAML extension reads the modeline `langso new pilot` writes gets
//! completion and errors while typing. `langso schema` prints it; the build publishes
//! it at `/schema/metrics.schema.json`. The loader stays the judge: the schema cannot
//! express everything it checks (a folder's province, a year within the period).

use serde_json::{Map, Value as Json, json};

use crate::model::*;
use crate::output::OutputFile;

/// The published file.
pub fn file(site: &Site) -> OutputFile {
    OutputFile::bytes("schema/metrics.schema.json".to_string(), text(site).into_bytes())
}

/// The schema as pretty-printed JSON (keys sorted, so the same catalog gives the same bytes).
pub fn text(site: &Site) -> String {
    let mut text = serde_json::to_string_pretty(&metrics_schema(site)).unwrap_or_default();
    text.push('\n');
    text
}

pub fn metrics_schema(site: &Site) -> Json {
    let provinces: Vec<&str> = site.provinces.iter().map(|p| p.slug.as_str()).collect();
    let mut former: Vec<&str> = site
        .provinces
        .iter()
        .flat_map(|p| p.former.iter().map(|f| f.slug.as_str()))
        .chain(provinces.iter().copied())
        .collect();
    former.sort();
    former.dedup();
    let fields: Vec<&str> = site.fields.iter().map(|f| f.slug.as_str()).collect();
    let ids: Vec<&str> = site.indicators.iter().map(|i| i.id.as_str()).collect();
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.name()).collect();

    let mut definitions = Map::new();
    definitions.insert("year".into(), json!({ "type": "integer", "minimum": 2000, "maximum": 2100 }));
    definitions.insert("field".into(), json!({ "type": "string", "enum": fields }));
    definitions.insert("amount".into(), json!({ "type": "number", "minimum": 0 }));
    let mut values = Map::new();
    for ind in &site.indicators {
        let name = format!("indicator_{}", ind.id);
        values.insert(ind.id.clone(), json!({ "$ref": format!("#/definitions/{name}") }));
        definitions.insert(name, indicator_value(ind));
    }
    definitions.insert(
        "values".into(),
        json!({
            "description": "Indicator ids from indicators.yaml mapped to a value, or to { value, year, source, note }.",
            "type": ["object", "null"],
            "additionalProperties": false,
            "properties": values,
        }),
    );

    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": format!("{}schema/metrics.schema.json", site.config.base_url),
        "title": "metrics.yaml of a pilot",
        "description": "The structured data of one pilot: content/pilots/<province>/<commune>/metrics.yaml.",
        "type": "object",
        "additionalProperties": false,
        "required": ["commune", "province", "fields", "period", "status", "indicators"],
        "properties": {
            "commune": { "type": "string", "minLength": 1, "description": "The commune's name, e.g. \"Xã Giao Phong\"." },
            "province": { "type": "string", "enum": provinces, "description": "The slug of the province folder." },
            "former_province": {
                "type": "string",
                "enum": former,
                "description": "The unit the commune belonged to when the pilot started (before 2025-07-01).",
            },
            "former_district": { "type": "string" },
            "fields": {
                "description": "One or more field slugs; the first is the primary field.",
                "anyOf": [
                    { "$ref": "#/definitions/field" },
                    { "type": "array", "minItems": 1, "items": { "$ref": "#/definitions/field" } },
                ],
            },
            "period": {
                "type": "object",
                "additionalProperties": false,
                "required": ["start", "end"],
                "properties": { "start": { "$ref": "#/definitions/year" }, "end": { "$ref": "#/definitions/year" } },
            },
            "status": { "type": "string", "enum": statuses },
            "population": { "type": "integer", "minimum": 0 },
            "households": { "type": "integer", "minimum": 0 },
            "area_ha": { "$ref": "#/definitions/amount" },
            "budget_million_vnd": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "total": { "$ref": "#/definitions/amount" },
                    "central": { "$ref": "#/definitions/amount" },
                    "local": { "$ref": "#/definitions/amount" },
                    "other": { "$ref": "#/definitions/amount" },
                },
            },
            "sample": { "type": "boolean", "description": "true marks illustrative data." },
            "source": {
                "type": "string",
                "minLength": 1,
                "pattern": "\\S",
                "description": "The source of every value below that names none of its own.",
            },
            "indicators": { "$ref": "#/definitions/values" },
            "baseline": { "$ref": "#/definitions/values" },
            "proposals": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["indicator", "threshold"],
                    "properties": {
                        "indicator": { "type": "string", "enum": ids },
                        "threshold": { "type": ["number", "boolean"] },
                        "note": { "type": "string" },
                    },
                },
            },
        },
        "definitions": definitions,
    })
}

/// A value of `ind`: bare, or `{ value, year, source, note }`.
fn indicator_value(ind: &Indicator) -> Json {
    let mut bare = Map::new();
    match ind.unit {
        Unit::Boolean => {
            bare.insert("type".into(), json!("boolean"));
        }
        unit => {
            bare.insert("type".into(), json!(if unit == Unit::Count { "integer" } else { "number" }));
            let (min, max) = ind.bounds();
            if let Some(m) = min {
                bare.insert("minimum".into(), json!(m));
            }
            if let Some(m) = max {
                bare.insert("maximum".into(), json!(m));
            }
        }
    }
    let mut description = format!("{} ({})", ind.name.vi, ind.unit.name());
    if let Some(t) = &ind.target {
        let value = match t.value {
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
        };
        description.push_str(&format!("; target {value}"));
        if let Some(y) = t.year {
            description.push_str(&format!(" by {y}"));
        }
    }
    json!({
        "description": description,
        "anyOf": [
            Json::Object(bare.clone()),
            {
                "type": "object",
                "additionalProperties": false,
                "required": ["value"],
                "properties": {
                    "value": Json::Object(bare),
                    "year": { "$ref": "#/definitions/year" },
                    "source": { "type": "string", "minLength": 1, "pattern": "\\S" },
                    "note": { "type": "string" },
                },
            },
        ],
    })
}
