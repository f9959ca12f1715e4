//! The metrics loader: arbitrary bytes as one real pilot's metrics.yaml (its index.md
//! left real), read with `load::pilot::load_pilot` against the repository's registries.
//! It must never panic; every diagnostic must lie within metrics.yaml; and a pilot
//! that does not load must have been refused with at least one error.
#![no_main]

mod common;

use common::*;
use langso::diag::Severity;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let regs = registries();
    let (loaded, diags) = with_file(METRICS, data, |root| {
        let mut diags = Vec::new();
        let loaded =
            langso::load::pilot::load_pilot(root, province(), PROVINCE, COMMUNE, &regs.registries(), &mut diags);
        (loaded, diags)
    });
    assert_located(&diags, METRICS, &String::from_utf8_lossy(data));
    if loaded.is_none() {
        assert!(diags.iter().any(|d| d.severity == Severity::Error), "refused without an error: {diags:?}");
    }
});
