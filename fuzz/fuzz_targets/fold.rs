//! Vietnamese folding, as search and slugs use it: for any text, the properties of
//! `assert_folding_properties` in `tests/common/properties.rs` (idempotence; no
//! combining mark, upper case or đ in `fold`; well-formed, idempotent slugs; the search
//! index folding each syllable as `fold` does).
#![no_main]

#[path = "../../tests/common/properties.rs"]
#[allow(dead_code)] // the diagnostics check is for the other targets
mod properties;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    properties::assert_folding_properties(&String::from_utf8_lossy(data));
});
