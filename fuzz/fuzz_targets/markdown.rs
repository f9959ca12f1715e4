//! The Markdown-to-safe-HTML pipeline: arbitrary text as the case study of a real pilot
//! (`render::markdown::render` against the real site's link targets, as a build renders
//! it). The HTML must contain no script or other active element, no `on*` event handler
//! and no `javascript:`, `vbscript:` or `data:` URL in any URL attribute, as a browser's
//! parser reads it (`tests/common/html_safety.rs`); every diagnostic lies within the text;
//! rendering for `langso check` only (`Need::Checks`, no HTML) reports the same
//! diagnostics and heading ids.
//! `fuzz/markdown.dict` gives libFuzzer hostile fragments to splice in.
#![no_main]

mod common;
#[path = "../../tests/common/html_safety.rs"]
mod html_safety;

use common::*;
use langso::model::Document;
use langso::render::markdown::{Need, Rendered, render};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let markdown = String::from_utf8_lossy(data).into_owned();
    let doc = Document {
        path: "content/pilots/ninh-binh/giao-phong/index.md".into(),
        dir: "content/pilots/ninh-binh/giao-phong".into(),
        markdown,
        line_offset: 0,
    };
    let mut diags = Vec::new();
    let rendered = render(&doc, repo(), targets(), "/ntm/", Need::Page, &mut diags);
    if let Some(problem) = html_safety::unsafe_html(&rendered.html) {
        panic!("{problem} in the HTML of {:?}:\n{}", doc.markdown, rendered.html);
    }
    assert_located(&diags, &doc.path, &doc.markdown);

    // `langso check` renders no HTML; it must report exactly what a build reports.
    let mut check_diags = Vec::new();
    let checked = render(&doc, repo(), targets(), "/ntm/", Need::Checks, &mut check_diags);
    assert_eq!(check_diags, diags, "check and build disagree");
    let ids = |r: &Rendered| r.headings.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&checked), ids(&rendered), "check and build give other heading ids");
});
