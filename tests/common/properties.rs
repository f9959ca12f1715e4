//! Properties that must hold for any input, stated once: the property tests in CI
//! (`tests/robustness.rs`) and the fuzz targets (`fuzz/`, which include this file by
//! path) check the same things.

use langso::diag::Diagnostic;
use langso::render::search::text::{syllable_spans, written_and_folded};
use langso::slug::{commune_slug, fold, is_slug, slugify};
use unicode_normalization::char::is_combining_mark;

/// Panics unless `d` points at a line and column inside `text`, the file it names:
/// an editor must be able to jump to it.
pub fn assert_within_file(d: &Diagnostic, text: &str) {
    assert!(d.line >= 1 && d.column >= 1, "{d:?}");
    let mut lines = text.split('\n');
    let count = text.split('\n').count();
    let Some(line) = lines.nth(d.line - 1) else { panic!("line {} of {count} lines: {d:?}", d.line) };
    let chars = line.chars().count();
    assert!(d.column <= chars + 1, "column {} of {chars} characters: {d:?}", d.column);
}

/// Vietnamese folding, as search and slugs use it: `fold` is idempotent and leaves no
/// combining mark, no upper case and no đ/Đ/ð/Ð; the search index's `written_and_folded`
/// (with its ASCII shortcut) folds every syllable as `fold` does; `slugify` gives only
/// `[a-z0-9]` runs joined by single `-` (or nothing), is idempotent and agrees with
/// `is_slug`; a commune slug is a slug too.
pub fn assert_folding_properties(text: &str) {
    let folded = fold(text);
    assert_eq!(fold(&folded), folded, "fold is not idempotent on {text:?}");
    for c in folded.chars() {
        assert!(!is_combining_mark(c), "combining mark {c:?} in fold({text:?}) = {folded:?}");
        assert!(!matches!(c, 'đ' | 'Đ' | 'ð' | 'Ð'), "{c:?} in fold({text:?}) = {folded:?}");
        assert!(c.to_lowercase().eq([c]), "upper case {c:?} in fold({text:?}) = {folded:?}");
    }
    for (raw, _) in syllable_spans(text) {
        assert_eq!(written_and_folded(raw).1, fold(raw), "the search index folds {raw:?} differently");
    }

    let slug = slugify(text);
    let runs_ok =
        slug.split('-').all(|run| !run.is_empty() && run.bytes().all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9')));
    assert!(slug.is_empty() || runs_ok, "slugify({text:?}) = {slug:?}");
    assert_eq!(slugify(&slug), slug, "slugify is not idempotent on {text:?}");
    assert_eq!(is_slug(&slug), !slug.is_empty(), "is_slug disagrees with slugify on {slug:?}");
    let commune = commune_slug(text);
    assert!(commune.is_empty() || is_slug(&commune), "commune_slug({text:?}) = {commune:?}");
}
