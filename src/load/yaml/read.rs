//! A node read as a typed value (text, a name, a number, a count, a choice of words, a
//! list), each wrong type or value reported at the node, with what an editor most likely
//! meant (`mistakes`) when it can tell.

use super::{Kind, Node};
use crate::diag::{Diagnostic, Msg, msg};
use crate::load::mistakes;

impl Node {
    /// How many digits follow the decimal point of a number as written: `5.200` → 3,
    /// `5200` → 0. `None` for anything but a number.
    pub fn decimals_written(&self) -> Option<usize> {
        match &self.kind {
            Kind::Int(_) => Some(0),
            Kind::Float(_, w) => Some(w.split_once('.').map_or(0, |(_, frac)| {
                frac.bytes().take_while(|b| b.is_ascii_digit() || *b == b'_').filter(u8::is_ascii_digit).count()
            })),
            _ => None,
        }
    }

    /// What this node is, in words an editor knows.
    pub fn describe(&self) -> Msg {
        Msg::new(match self.kind {
            Kind::Null => "type-nothing",
            Kind::Bool(_) => "type-bool",
            Kind::Int(_) | Kind::Float(..) => "type-number",
            Kind::Str(_) => "type-text",
            Kind::Seq(_) => "type-list",
            Kind::Map(_) => "type-map",
        })
    }

    pub(super) fn wrong_type(&self, path: &str, expected: &'static str, diags: &mut Vec<Diagnostic>) {
        let written = match &self.kind {
            Kind::Str(s) => Some(s.as_str()),
            Kind::Float(_, w) => Some(&**w),
            _ => None,
        };
        let numeric = matches!(expected, "type-number" | "type-whole");
        let misread = match expected {
            "type-bool" => written.and_then(mistakes::yes_no),
            _ => written.filter(|_| numeric).and_then(|w| mistakes::number(w, expected == "type-whole")),
        };
        if let Some(m) = misread {
            diags.push(Diagnostic::error("wrong-type", self.at(path), m.message).help(m.help));
            return;
        }
        let found = self.describe();
        diags.push(
            Diagnostic::error(
                "wrong-type",
                self.at(path),
                msg!("wrong-type", expected = Msg::new(expected), found = found),
            )
            .help(msg!("wrong-type-help", expected = Msg::new(expected))),
        );
    }

    /// Text; typographic quotes wrapped around it (`“Xã A”`, pasted from a word processor)
    /// are taken off with a `typographic-quotes` warning, as YAML's own quotes would be.
    pub fn as_str(&self, path: &str, diags: &mut Vec<Diagnostic>) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) => Some(self.unquoted(s, path, diags)),
            _ => {
                self.wrong_type(path, "type-text", diags);
                None
            }
        }
    }

    /// Text, also accepting a bare number or true/false written without quotes.
    pub fn as_text(&self, path: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
        match &self.kind {
            Kind::Str(s) => Some(self.unquoted(s, path, diags).to_string()),
            Kind::Int(i) => Some(i.to_string()),
            Kind::Float(f, _) => Some(f.to_string()),
            _ => {
                self.wrong_type(path, "type-text", diags);
                None
            }
        }
    }

    /// `s` without the pair of typographic quotes wrapped around it, if it has one.
    fn unquoted<'s>(&self, s: &'s str, path: &str, diags: &mut Vec<Diagnostic>) -> &'s str {
        let Some(inner) = typographic_quotes(s) else { return s };
        diags.push(
            Diagnostic::warning("typographic-quotes", self.at(path), msg!("typographic-quotes", text = s))
                .help(msg!("typographic-quotes-help", text = inner)),
        );
        inner
    }

    /// Optional text (`source`, `note`): blank text is absent, with a `blank-text` warning
    /// (an empty `source: ""` must not pass for a source).
    pub fn as_filled_text(&self, path: &str, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
        self.non_blank(path, diags, || {
            Diagnostic::warning("blank-text", self.at(path), msg!("blank-text", key = key))
                .help(msg!("blank-text-help", key = key))
        })
    }

    /// Text that must be given (a title, a summary): blank text is a `blank-name` error.
    pub fn as_required_text(&self, path: &str, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
        self.non_blank(path, diags, || {
            Diagnostic::error("blank-name", self.at(path), msg!("blank-name", key = key))
                .help(msg!("blank-name-help", key = key))
        })
    }

    /// Text that names something (a commune, a title, a registry entry) and must be given:
    /// blank is a `blank-name` error, and a character that draws nothing or reorders the
    /// text (`unicode::is_invisible`), which would let two different names look alike, an
    /// `invisible-character` error (the text is kept, so loading goes on).
    pub fn as_name(&self, path: &str, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
        let s = self.as_required_text(path, key, diags)?;
        self.check_visible(&s, path, diags);
        Some(s)
    }

    /// An optional name (`former_district`, an English name): blank is absent, as with
    /// `as_filled_text`, and invisible characters are an error, as with `as_name`.
    pub fn as_filled_name(&self, path: &str, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
        let s = self.as_filled_text(path, key, diags)?;
        self.check_visible(&s, path, diags);
        Some(s)
    }

    /// Text that is not blank; blank text is reported with `blank` and read as absent.
    fn non_blank(&self, path: &str, diags: &mut Vec<Diagnostic>, blank: impl FnOnce() -> Diagnostic) -> Option<String> {
        let s = self.as_text(path, diags)?;
        if s.trim().is_empty() {
            diags.push(blank());
            return None;
        }
        Some(s)
    }

    /// The `invisible-character` error for `text` (this node's value), if it holds one.
    pub fn check_visible(&self, text: &str, path: &str, diags: &mut Vec<Diagnostic>) {
        if let Some((_, c)) = crate::unicode::first_invisible(text) {
            let text = crate::unicode::visible(text);
            diags.push(
                Diagnostic::error(
                    "invisible-character",
                    self.at(path),
                    msg!("invisible-character", text = text, char = crate::unicode::code_point(c)),
                )
                .help(msg!("invisible-character-help")),
            );
        }
    }

    /// One word of a fixed set (`status: ongoing`); anything else is an `invalid-value`
    /// error that suggests the closest word.
    pub fn as_choice<T: Copy>(
        &self,
        path: &str,
        what: Msg,
        options: &[(&str, T)],
        diags: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        let s = self.as_text(path, diags)?;
        if let Some((_, v)) = options.iter().find(|(name, _)| *name == s) {
            return Some(*v);
        }
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let listed_in = msg!("values-of", what = what.clone());
        diags.push(crate::diag::unknown("invalid-value", self.at(path), what, &s, &names, listed_in));
        None
    }

    pub fn as_bool(&self, path: &str, diags: &mut Vec<Diagnostic>) -> Option<bool> {
        match self.kind {
            Kind::Bool(b) => Some(b),
            _ => {
                self.wrong_type(path, "type-bool", diags);
                None
            }
        }
    }

    pub fn as_f64(&self, path: &str, diags: &mut Vec<Diagnostic>) -> Option<f64> {
        match self.kind {
            Kind::Int(i) => Some(i as f64),
            Kind::Float(f, _) if f.is_finite() => Some(f),
            _ => {
                self.wrong_type(path, "type-number", diags);
                None
            }
        }
    }

    /// A number written with thousands separators (`1.200` read as 1.2) where a whole
    /// number belongs: what it meant.
    pub fn thousands_mistake(&self) -> Option<mistakes::Misread> {
        match &self.kind {
            Kind::Float(_, written) => mistakes::number(written, true),
            _ => None,
        }
    }

    pub fn as_i64(&self, path: &str, diags: &mut Vec<Diagnostic>) -> Option<i64> {
        match self.kind {
            Kind::Int(i) => Some(i),
            _ => {
                self.wrong_type(path, "type-whole", diags);
                None
            }
        }
    }

    /// A whole number that must not be negative (counts, years).
    pub fn as_count(&self, path: &str, diags: &mut Vec<Diagnostic>) -> Option<u64> {
        let i = self.as_i64(path, diags)?;
        if i < 0 {
            diags.push(
                Diagnostic::error("out-of-range", self.at(path), msg!("negative", value = i))
                    .help(msg!("negative-count-help")),
            );
            return None;
        }
        Some(i as u64)
    }

    pub fn as_seq(&self, path: &str, diags: &mut Vec<Diagnostic>) -> Option<&[Node]> {
        match &self.kind {
            Kind::Seq(items) => Some(items),
            _ => {
                self.wrong_type(path, "type-list", diags);
                None
            }
        }
    }

    /// A list of text; a single text is accepted as a list of one.
    pub fn as_str_list(&self, path: &str, diags: &mut Vec<Diagnostic>) -> Option<Vec<(String, &Node)>> {
        match &self.kind {
            Kind::Str(s) => Some(vec![(s.clone(), self)]),
            Kind::Seq(items) => {
                Some(items.iter().filter_map(|n| n.as_str(path, diags).map(|s| (s.to_string(), n))).collect())
            }
            _ => {
                self.wrong_type(path, "type-list", diags);
                None
            }
        }
    }
}

/// The text inside typographic quotes wrapped around all of `s` (“…” or ‘…’, either
/// direction), or `None`. Quotes that only open and close words inside the text
/// (`“A” và “B”`) are not a wrapping pair.
fn typographic_quotes(s: &str) -> Option<&str> {
    let t = s.trim();
    for pair in [['“', '”'], ['‘', '’']] {
        let inner = t.strip_prefix(pair).and_then(|r| r.strip_suffix(pair));
        if let Some(inner) = inner
            && !inner.contains(pair)
        {
            return Some(inner.trim());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;

    #[test]
    fn only_quotes_wrapped_around_the_whole_text_are_taken_off() {
        assert_eq!(typographic_quotes("“Xã Thoại Giang”"), Some("Xã Thoại Giang"));
        assert_eq!(typographic_quotes("”Ngược chiều”"), Some("Ngược chiều"));
        assert_eq!(typographic_quotes(" ‘Huế’ "), Some("Huế"));
        assert_eq!(typographic_quotes("“Đổi mới” và “sáng tạo”"), None);
        assert_eq!(typographic_quotes("Xã “Thoại Giang”"), None);
        assert_eq!(typographic_quotes("\"thẳng\""), None);
        let n = parse("a: “Xã A”\n", "t.yaml", 0).unwrap();
        let Kind::Map(e) = &n.kind else { panic!("map") };
        let mut diags = Vec::new();
        assert_eq!(e[0].1.as_text("t.yaml", &mut diags).as_deref(), Some("Xã A"));
        assert_eq!((diags[0].code, diags[0].line, diags[0].column), ("typographic-quotes", 1, 4));
    }
}
