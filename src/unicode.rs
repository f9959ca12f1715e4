//! Characters that are not what they look like. A name from a pull request may hide
//! characters that print as nothing (zero-width spaces, bidi controls that reverse the
//! text after them, the Mongolian vowel separator, …) or letters of another script drawn
//! like Latin ones. One definition serves three uses: loading refuses them in names
//! (`invisible-character`), every report shows them as `<U+202E>` instead of obeying
//! them, and duplicate detection compares names by their UTS #39 skeleton.

/// Characters that draw nothing or reorder the text around them: Unicode's default
/// ignorable code points (zero-width space and joiners, bidi marks, embeddings, overrides
/// and isolates, word joiner and invisible operators, the Mongolian vowel separator and
/// free variation selectors, variation selectors, Hangul fillers, tags, the byte order
/// mark, …), plus the line and paragraph separators, which start a new line on some
/// terminals. Vietnamese needs none of them.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// `U+202E` for a character: how reports name what they will not print.
pub fn code_point(c: char) -> String {
    format!("<U+{:04X}>", c as u32)
}

/// `text` with every invisible character and every control character but the tab
/// written as `<U+XXXX>`: what it holds, shown instead of obeyed.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_invisible(c) || (c.is_control() && c != '\t') {
            out.push_str(&code_point(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// JSON text (`serde_json`'s output) with every invisible character written as a `\u`
/// escape: the same strings to a parser, but nothing a terminal would obey or hide when
/// the JSON is read on screen. Outside strings JSON is ASCII, so only strings change.
pub fn json_visible(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_invisible(c) {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The first invisible character of `text` and its column (counted from 1, in characters).
pub fn first_invisible(text: &str) -> Option<(usize, char)> {
    text.chars().enumerate().find(|(_, c)| is_invisible(*c)).map(|(i, c)| (i + 1, c))
}

/// What a name looks like: invisible characters removed, then the UTS #39 skeleton
/// (`unicode-security`), which maps each character to a prototype it is confusable
/// with (Cyrillic `о` → `o`, `1` → `l`). Two names with one skeleton are drawn alike;
/// Vietnamese tone and vowel marks stay distinct (`Hòa` ≠ `Hóa`, `ơ` ≠ `o`).
pub fn skeleton(name: &str) -> String {
    let shown: String = name.chars().filter(|c| !is_invisible(*c)).collect();
    unicode_security::skeleton(&shown).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_named() {
        for c in ['\u{200B}', '\u{200D}', '\u{200E}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{180E}', '\u{FEFF}'] {
            assert!(is_invisible(c), "{:04X}", c as u32);
        }
        for c in "Xã Giao Phong đường Ơ ư ắ ẫ ỹ 0-9 ½ —".chars() {
            assert!(!is_invisible(c), "{c}");
        }
        assert_eq!(visible("a\u{202E}b\u{1b}[0m\tc"), "a<U+202E>b<U+001B>[0m\tc");
        assert_eq!(first_invisible("Xã Pho\u{200B}ng"), Some((7, '\u{200B}')));
        assert_eq!(first_invisible("Xã Phong"), None);
    }

    #[test]
    fn json_keeps_its_strings_and_shows_invisible_characters_as_escapes() {
        let value = serde_json::json!({ "name": "a\u{202E}b\u{E0041}c đ" });
        let text = json_visible(&serde_json::to_string(&value).unwrap());
        assert_eq!(text, r#"{"name":"a\u202eb\udb40\udc41c đ"}"#);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
    }

    #[test]
    fn lookalikes_share_a_skeleton() {
        let real = skeleton("Xã Giao Phong");
        assert_eq!(skeleton("Xã Giao Pho\u{200B}ng"), real, "zero-width space");
        assert_eq!(skeleton("Xã Giao Ph\u{043E}ng"), real, "Cyrillic o");
        assert_eq!(skeleton("X\u{0430}\u{0303} Giao Phong"), real, "Cyrillic a with a combining tilde");
        assert_eq!(skeleton("Xã Gia\u{03BF} Phong"), real, "Greek omicron");
        assert_eq!(skeleton("Xã Giao \u{0420}hong"), real, "Cyrillic Er");
        assert_eq!(skeleton("Phường 1"), skeleton("Phường l"), "drawings, not meanings");
    }

    /// Real communes whose names differ only by a Vietnamese mark are different names.
    #[test]
    fn vietnamese_marks_keep_names_apart() {
        for (a, b) in [
            ("Xã Tân Hòa", "Xã Tân Hóa"),
            ("Xã Phú Mỹ", "Xã Phù Mỹ"),
            ("Xã Hải Hà", "Xã Hải Hậu"),
            ("Xã Mỹ Lợi", "Xã Mỹ Lội"),
            ("Xã Đông Sơn", "Xã Dông Sơn"),
            ("Xã Thạnh Phú", "Xã Thanh Phú"),
            ("Xã Hưng Đạo", "Xã Hùng Đạo"),
            ("Xã An Thơ", "Xã An Tho"),
            ("Xã Lê Lợi", "Xã Lê Lời"),
            ("Xã Quảng Ngãi", "Xã Quang Ngai"),
        ] {
            assert_ne!(skeleton(a), skeleton(b), "{a} / {b}");
        }
    }
}
