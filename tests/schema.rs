//! `langso schema`: the JSON Schema of metrics.yaml accepts every sample metrics.yaml
//! (and what `langso new pilot` writes), rejects what the loader rejects for types,
//! bounds and ids, and is the file the build publishes.

mod common;

use common::*;
use serde_json::Value;

fn schema_of(root: &std::path::Path) -> Value {
    let o = langso(&["schema", "--root", root.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("the schema is JSON")
}

struct Validator {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Validator {
    fn new(schema: Value) -> Validator {
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        let url = schema["$id"].as_str().unwrap().to_string();
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler.set_default_draft(boon::Draft::V7);
        compiler.add_resource(&url, schema).unwrap();
        let index = compiler.compile(&url, &mut schemas).unwrap_or_else(|e| panic!("{e:#}"));
        Validator { schemas, index }
    }

    fn check(&self, yaml: &str) -> Result<(), String> {
        let instance: Value = serde_saphyr::from_str(yaml).expect("YAML");
        self.schemas.validate(&instance, self.index).map_err(|e| format!("{e:#}"))
    }
}

#[test]
fn every_sample_metrics_file_is_valid() {
    let v = Validator::new(schema_of(&repo_root()));
    let mut n = 0;
    for root in ["content", "tests/fixtures/minimal/content"] {
        for entry in walkdir::WalkDir::new(repo_root().join(root)) {
            let entry = entry.unwrap();
            if entry.file_name() == "metrics.yaml" {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                v.check(&text).unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
                n += 1;
            }
        }
    }
    assert!(n >= 12, "only {n} metrics.yaml files found");
}

#[test]
fn a_new_pilot_is_valid_and_mistakes_are_not() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let root = site.root().to_str().unwrap();
    assert!(
        langso(&["new", "pilot", "--province", "an-giang", "--commune", "Xã Mỹ Hòa Hưng", "--root", root])
            .status
            .success()
    );
    let v = Validator::new(schema_of(site.root()));
    let fresh = site.read("content/pilots/an-giang/my-hoa-hung/metrics.yaml");
    v.check(&fresh).unwrap();

    let good = site.read("content/pilots/an-giang/thoai-giang/metrics.yaml");
    v.check(&good).unwrap();
    v.check(&good.replacen("sample: false", "sample: false\nsource: \"Báo An Giang, 2024\"", 1)).unwrap();
    for (from, to) in [
        ("{ value: 58,", "{ value: 158,"), // percent above 100
        ("community_digital_team: { value: false", "community_digital_team: { value: 1"), // boolean
        ("fiber_households_pct:", "fibre_households_pct:"), // unknown indicator
        ("fields: [y-te, giao-duc]", "fields: [y-tee]"), // unknown field
        ("province: an-giang", "province: an-gaing"), // unknown province
        ("status: ongoing", "status: complete"), // not a status
        ("sample: false", "sample: false\npopulaton: 5"), // unknown key
        ("period: { start: 2023, end: 2025 }", "period: { start: 2023 }"), // missing key
        ("sample: false", "sample: false\nsource: \"\""), // a blank source is no source
        ("source: \"Báo An Giang\" }", "source: \" \" }"), // nor is a blank one of a value
    ] {
        assert!(good.contains(from), "{from}");
        let bad = good.replacen(from, to, 1);
        assert!(v.check(&bad).is_err(), "accepted `{to}`");
    }
}

#[test]
fn the_build_publishes_the_same_schema() {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    assert!(site.build().status.success());
    let published: Value = serde_json::from_str(&site.published("schema/metrics.schema.json")).unwrap();
    assert_eq!(published, schema_of(site.root()));
    assert_eq!(published["$id"], "https://example.test/ntm/schema/metrics.schema.json");
    let ids = &published["definitions"]["values"]["properties"];
    assert_eq!(ids.as_object().unwrap().len(), 5, "one entry per catalog indicator");
    assert_eq!(
        published["definitions"]["indicator_commune_records_online_pct"]["anyOf"][0],
        serde_json::json!({ "type": "number", "minimum": 0.0, "maximum": 100.0 })
    );
}
