//! Vietnamese folding, defined once: `fold` (NFD, lower case, combining marks removed,
//! `đ`/`Đ`/`ð`/`Ð` → `d`) is what search matches on, and slugs and heading ids are
//! folded text with every run of other characters turned into `-`, as the content
//! contract defines. Commune folders, heading ids, suggestions and the search index
//! all use it, so a link written by hand matches the id the page gets and "dong thap"
//! finds "Đồng Tháp". The browser's copy (`fold` in `themes/default/static/search.js`)
//! is checked against the same vectors (`tests/fixtures/fold.tsv`).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds `text` for matching: "Đồng Tháp" → `dong thap`, "hoà" and "hòa" → `hoa`.
/// Everything that is not a letter with marks is kept as it is (lower-cased), so the
/// result has the same words as the input.
pub fn fold(text: &str) -> String {
    let lower = text.nfd().collect::<String>().to_lowercase();
    lower.chars().filter(|c| !is_combining_mark(*c)).map(|c| if matches!(c, 'đ' | 'ð') { 'd' } else { c }).collect()
}

/// Folds `text` to a slug: "Xã Đắk Nuê" → `xa-dak-nue`, "Bài học rút ra" → `bai-hoc-rut-ra`.
/// Characters outside Latin script are transliterated by `deunicode` when it knows them.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in fold(text).chars() {
        let folded: &str = match c {
            c if c.is_ascii() => {
                push_ascii(&mut out, c, &mut pending_dash);
                continue;
            }
            c => deunicode::deunicode_char(c).unwrap_or("-"),
        };
        for f in folded.chars() {
            push_ascii(&mut out, f, &mut pending_dash);
        }
    }
    out
}

fn push_ascii(out: &mut String, c: char, pending_dash: &mut bool) {
    if c.is_ascii_alphanumeric() {
        if *pending_dash && !out.is_empty() {
            out.push('-');
        }
        *pending_dash = false;
        out.push(c.to_ascii_lowercase());
    } else {
        *pending_dash = true;
    }
}

/// The commune slug of a commune name: the administrative prefix ("Xã", "Phường",
/// "Thị trấn", "Đặc khu") is dropped, so "Xã Đắk Nuê" → `dak-nue`.
pub fn commune_slug(name: &str) -> String {
    let slug = slugify(name);
    for prefix in ["xa-", "phuong-", "thi-tran-", "dac-khu-"] {
        if let Some(rest) = slug.strip_prefix(prefix)
            && !rest.is_empty()
        {
            return rest.to_string();
        }
    }
    slug
}

/// True if and only if `s` is already a slug: non-empty, `[a-z0-9]` runs joined by single `-`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty() && slugify(s) == s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_per_the_contract() {
        assert_eq!(slugify("Đắk Lắk"), "dak-lak");
        assert_eq!(slugify("Bài học rút ra"), "bai-hoc-rut-ra");
        assert_eq!(slugify("Đề xuất tiêu chí"), "de-xuat-tieu-chi");
        assert_eq!(slugify("TP Hồ Chí Minh"), "tp-ho-chi-minh");
        assert_eq!(slugify("Bà Rịa–Vũng Tàu"), "ba-ria-vung-tau");
        assert_eq!(slugify("  Nông thôn mới (2026–2030)!  "), "nong-thon-moi-2026-2030");
    }

    #[test]
    fn tone_placement_and_normal_forms_agree() {
        // hoà / hòa and an NFD spelling all fold alike.
        assert_eq!(slugify("Hoà Đồng"), slugify("Hòa Đồng"));
        assert_eq!(slugify("Ho\u{300}a"), "hoa");
        assert_eq!(slugify("thuý"), slugify("thúy"));
    }

    #[test]
    fn fold_keeps_words_and_drops_marks() {
        assert_eq!(fold("Đồng Tháp"), "dong thap");
        assert_eq!(fold("ĐÀ NẴNG, đa năng"), "da nang, da nang");
        assert_eq!(fold("Hoà / Hòa"), fold("Hòa / Hoà"));
        assert_eq!(fold("Ðức"), "duc");
    }

    #[test]
    fn commune_prefix_is_dropped() {
        assert_eq!(commune_slug("Xã Đắk Nuê"), "dak-nue");
        assert_eq!(commune_slug("Xã Giao Phong"), "giao-phong");
        assert_eq!(commune_slug("Phường Mỹ Lộc"), "my-loc");
        assert_eq!(commune_slug("Xã"), "xa");
    }

    #[test]
    fn recognises_slugs() {
        assert!(is_slug("dak-lak"));
        assert!(!is_slug("Dak-Lak"));
        assert!(!is_slug("dak--lak"));
        assert!(!is_slug(""));
    }
}
