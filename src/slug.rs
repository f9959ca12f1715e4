//! Slugs and heading ids, folded the Vietnamese way the content contract defines:
//! NFD, combining marks removed, `đ`/`Đ` → `d`, lower case, every run of other
//! characters → `-`. One definition, used for commune folders, heading ids and
//! suggestions alike, so a link written by hand matches the id the page gets.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds `text` to a slug: "Xã Đắk Nuê" → `xa-dak-nue`, "Bài học rút ra" → `bai-hoc-rut-ra`.
/// Characters outside Latin script are transliterated by `deunicode` when it knows them.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        let folded: &str = match c {
            'đ' | 'Đ' | 'ð' | 'Ð' => "d",
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
