//! The front-matter splitter: arbitrary bytes as one real pilot's index.md (its
//! metrics.yaml left real). In memory, `split_front_matter` must cut the text exactly
//! into opening line, YAML, closing line and body, with line offsets that count the
//! lines before each part. Through the loader (`load_pilot`: reading, BOM, NFC, NUL,
//! split, YAML, front-matter keys) and, if the pilot loads, through the Markdown
//! renderer and section check as a build does: no panic, and every diagnostic lies
//! within index.md.
#![no_main]

mod common;

use common::*;
use langso::load::source::split_front_matter;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(fm) = split_front_matter(&text, INDEX) {
        let yaml_at = fm.yaml.as_ptr() as usize - text.as_ptr() as usize;
        let body_at = fm.body.as_ptr() as usize - text.as_ptr() as usize;
        assert!(text.starts_with("---"), "split without an opening line");
        assert!(yaml_at + fm.yaml.len() <= body_at && body_at + fm.body.len() == text.len(), "parts out of order");
        assert_eq!(text[..yaml_at].matches('\n').count(), fm.yaml_line_offset, "lines before the YAML");
        assert_eq!(text[..body_at].matches('\n').count(), fm.body_line_offset, "lines before the body");
        assert!(fm.yaml.is_empty() || fm.yaml.ends_with('\n'), "the YAML must end at a line end");
        let closing = &text[yaml_at + fm.yaml.len()..body_at];
        assert_eq!(closing.trim_end(), "---", "the closing line is {closing:?}");
    }

    let regs = registries();
    let (loaded, mut diags) = with_file(INDEX, data, |root| {
        let mut diags = Vec::new();
        let loaded =
            langso::load::pilot::load_pilot(root, province(), PROVINCE, COMMUNE, &regs.registries(), &mut diags);
        (loaded, diags)
    });
    // The real metrics.yaml is fine; only the case study can go wrong.
    if let Some((pilot, _)) = loaded {
        let (_, rendered) = langso::render::render_pilot_document(&pilot.doc, repo(), targets(), "/", langso::render::Need::Page);
        diags.extend(rendered);
    }
    assert_located(&diags, INDEX, &text);
});
