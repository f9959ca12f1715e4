//! Vietnamese folding, as search and slugs use it. For any text: `fold` is idempotent and
//! leaves no combining mark, no upper case and no đ/Đ/ð/Ð; the search index's
//! `written_and_folded` (with its ASCII shortcut) folds every syllable as `fold` does;
//! `slugify` gives only `[a-z0-9]` runs joined by single `-` (or nothing), is idempotent
//! and agrees with `is_slug`; a commune slug is a slug too.
#![no_main]

use langso::search::text::{syllable_spans, written_and_folded};
use langso::slug::{commune_slug, fold, is_slug, slugify};
use libfuzzer_sys::fuzz_target;
use unicode_normalization::char::is_combining_mark;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let folded = fold(&text);
    assert_eq!(fold(&folded), folded, "fold is not idempotent on {text:?}");
    for c in folded.chars() {
        assert!(!is_combining_mark(c), "combining mark {c:?} in fold({text:?}) = {folded:?}");
        assert!(!matches!(c, 'đ' | 'Đ' | 'ð' | 'Ð'), "{c:?} in fold({text:?}) = {folded:?}");
        assert!(c.to_lowercase().eq([c]), "upper case {c:?} in fold({text:?}) = {folded:?}");
    }

    for (raw, _) in syllable_spans(&text) {
        let (_, syllable_folded) = written_and_folded(raw);
        assert_eq!(syllable_folded, fold(raw), "the search index folds {raw:?} differently");
    }

    let slug = slugify(&text);
    let well_formed = slug.split('-').all(|run| !run.is_empty() && run.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    assert!(slug.is_empty() || well_formed, "slugify({text:?}) = {slug:?}");
    assert_eq!(slugify(&slug), slug, "slugify is not idempotent on {text:?}");
    assert_eq!(is_slug(&slug), !slug.is_empty(), "is_slug disagrees with slugify on {slug:?}");
    let commune = commune_slug(&text);
    assert!(commune.is_empty() || is_slug(&commune), "commune_slug({text:?}) = {commune:?}");
});
