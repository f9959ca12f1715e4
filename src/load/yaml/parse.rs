//! Text into a `Node` tree, through serde-saphyr (the only code that calls it): every
//! position kept and brought inside the lines an editor sees, how a number was written
//! kept, and the parser's errors located and worded for editors.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::{Key, Kind, MAX_DEPTH, Node};
use crate::diag::{Diagnostic, Location, Msg, msg};

/// Parses `text`; `line_offset` is added to every line (front matter starts below `---`).
/// A syntax error, a duplicate key or an input too complex to expand (an alias bomb)
/// is returned as one diagnostic at the place the parser stopped.
pub fn parse(text: &str, path: &str, line_offset: usize) -> Result<Node, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(Node { kind: Kind::Null, line: 1 + line_offset, column: 1 });
    }
    // Content nests four levels at most; a low cap keeps deep nesting from exhausting the
    // stack (of a rayon worker, and in debug builds) before the parser's own limit is hit.
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = budget.flow_nesting_limit.min(MAX_DEPTH);
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    let lines = Lines::of(text, line_offset);
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options) {
        Ok(raw) => Ok(Node::from_raw(raw, &lines)),
        Err(e) => Err(syntax_diagnostic(&e, path, &lines)),
    }
}

/// The lines of the parsed text as the rest of langso counts them (split at `\n` only), to
/// keep the parser's positions inside them: YAML also breaks lines at a lone `\r`, which
/// would otherwise point below or beyond the line an editor sees.
struct Lines<'t> {
    source: &'t str,
    text: Vec<&'t str>,
    chars: Vec<usize>,
    offset: usize,
}

impl<'t> Lines<'t> {
    fn of(source: &'t str, offset: usize) -> Lines<'t> {
        let text: Vec<&str> = source.split('\n').map(|l| l.trim_end_matches('\r')).collect();
        Lines { chars: text.iter().map(|l| l.chars().count()).collect(), source, text, offset }
    }

    /// A scalar's text as written (`15.600`), from its span.
    fn written<T>(&self, node: &Spanned<T>) -> Option<&'t str> {
        let start = node.referenced.span().byte_offset()? as usize;
        self.source.get(start..span_end(node)?)
    }

    /// The line of the file (1-based, before the offset) as written.
    fn line(&self, line: usize) -> &'t str {
        self.text.get(line.wrapping_sub(1)).copied().unwrap_or("")
    }

    /// A 1-based (line, column) of the parser → the file's (line, column), clamped to the text.
    fn place(&self, line: usize, column: usize) -> (usize, usize) {
        let line = line.clamp(1, self.chars.len().max(1));
        let width = self.chars.get(line - 1).copied().unwrap_or(0);
        (line + self.offset, column.clamp(1, width + 1))
    }
}

fn syntax_diagnostic(e: &serde_saphyr::Error, path: &str, lines: &Lines) -> Diagnostic {
    let (line, column) = e.location().map(|l| (l.line() as usize, l.column() as usize)).unwrap_or((1, 1));
    let (line, column) = lines.place(line, column);
    let text = e.without_snippet().to_string();
    let message = strip_location_prefix(text.lines().next().unwrap_or("invalid YAML")).to_string();
    let at = Location::new(path, line, column);
    if message.contains("duplicate mapping key") {
        let key = message.split("duplicate mapping key:").nth(1).unwrap_or("").split(',').next().unwrap_or("").trim();
        Diagnostic::error("duplicate-key", at, msg!("duplicate-key", key = key)).help(msg!("duplicate-key-help"))
    } else if message.contains("budget breached") || message.contains("recursion limit") {
        Diagnostic::error("yaml-too-complex", at, msg!("yaml-too-complex")).help(msg!("yaml-too-complex-help"))
    } else {
        // A bracket left open on an earlier line is the mistake, wherever the parser stopped.
        if let Some((open_line, open_column, bracket)) = unclosed_bracket(lines, line - lines.offset) {
            let close = if bracket == '{' { "}" } else { "]" };
            let at = Location::new(path, open_line + lines.offset, open_column);
            return Diagnostic::error("yaml-syntax", at, msg!("yaml-unclosed-bracket", open = bracket.to_string()))
                .help(msg!("yaml-unclosed-bracket-help", close = close));
        }
        let (message, help) = syntax_message(&message, lines.line(line - lines.offset), column);
        Diagnostic::error("yaml-syntax", at, message).help(help)
    }
}

/// The first `[` or `{` (line, column, bracket) on a line before `upto` that its line
/// leaves open, outside quotes and comments: content writes every list and mapping in
/// brackets on one line.
fn unclosed_bracket(lines: &Lines, upto: usize) -> Option<(usize, usize, char)> {
    for (i, text) in lines.text.iter().enumerate().take(upto.saturating_sub(1)) {
        let mut open: Vec<(usize, char)> = Vec::new();
        let mut quote = None;
        for (column, c) in text.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => open.push((column + 1, c)),
                (None, ']' | '}') => {
                    open.pop();
                }
                _ => {}
            }
        }
        if let Some(&(column, bracket)) = open.first() {
            return Some((i + 1, column, bracket));
        }
    }
    None
}

/// The parser's sentence for the mistakes editors make most, re-worded with what to do
/// (`line` is the text of the line it stopped on, `column` where). Other sentences are
/// shown as the parser wrote them, with the general help.
fn syntax_message(parser: &str, line: &str, column: usize) -> (Msg, Msg) {
    let before: String = line.chars().take(column.saturating_sub(1)).collect();
    if parser.contains("tab") {
        (msg!("yaml-tab"), msg!("yaml-tab-help"))
    } else if parser.contains("mapping values are not allowed") && before.contains(": ") {
        // `title: Xã: một`: a colon and a space inside a value.
        let (key, value) = line.split_once(": ").unwrap_or((line, ""));
        let quoted = format!("{key}: \"{}\"", value.trim().replace('"', "'"));
        (msg!("yaml-colon-in-value"), msg!("yaml-colon-in-value-help", fixed = quoted.trim()))
    } else if parser.contains("mapping values are not allowed") || parser.contains("did not find expected") {
        (msg!("yaml-indentation"), msg!("yaml-indentation-help"))
    } else if parser.contains("unclosed quote") {
        (msg!("yaml-unclosed-quote"), msg!("yaml-unclosed-quote-help"))
    } else if parser.contains("trailing content after") {
        (msg!("yaml-after-quote"), msg!("yaml-after-quote-help"))
    } else if parser.contains("simple key expected") {
        (msg!("yaml-key-without-colon"), msg!("yaml-key-without-colon-help"))
    } else if parser.contains("unclosed bracket") {
        let bracket = parser.rsplit('\'').nth(1).unwrap_or("[");
        let close = if bracket == "{" { "}" } else { "]" };
        (msg!("yaml-unclosed-bracket", open = bracket), msg!("yaml-unclosed-bracket-help", close = close))
    } else {
        (msg!("yaml-syntax", detail = parser), msg!("yaml-syntax-help"))
    }
}

/// serde-saphyr prefixes messages with "error: line N column M: "; the location is ours to show.
/// Some messages end with " at line N, column M" instead: that goes too (the line is wrong
/// for front matter, which starts below its `---`).
fn strip_location_prefix(s: &str) -> &str {
    let s = s.strip_prefix("error: ").unwrap_or(s);
    let s = match s.find(": ") {
        Some(i) if s.starts_with("line ") => &s[i + 2..],
        _ => s,
    };
    match s.rfind(" at line ") {
        Some(i) if s[i..].contains("column") => &s[..i],
        _ => s,
    }
}

/// `{ value: 64,5 }`: in a flow mapping the comma of a decimal comma ends the value, and
/// `5` becomes a key of its own. Such a key (digits, no value, right after a number and a
/// comma: `value_end` is the byte where the number ends) is joined back to the number as
/// the text `64,5`, which the reader of numbers then reports as a decimal comma instead
/// of "unknown key `5`".
fn decimal_comma_split(key: &Spanned<String>, value: &Spanned<Raw>, value_end: usize, source: &str) -> bool {
    let digits = !key.value.is_empty() && key.value.bytes().all(|b| b.is_ascii_digit());
    let key_at = key.referenced.span().byte_offset().map(|o| o as usize);
    digits
        && matches!(value.value, Raw::Null)
        && key_at == Some(value_end + 1)
        && source.as_bytes().get(value_end) == Some(&b',')
}

/// The byte after a value's text, when the parser knows it.
fn span_end<T>(node: &Spanned<T>) -> Option<usize> {
    let span = node.referenced.span();
    Some((span.byte_offset()? + span.byte_len()?) as usize)
}

impl Node {
    fn from_raw(raw: Spanned<Raw>, lines: &Lines) -> Node {
        let (line, column) = lines.place(raw.referenced.line() as usize, raw.referenced.column() as usize);
        let kind = match raw.value {
            Raw::Null => Kind::Null,
            Raw::Bool(b) => Kind::Bool(b),
            Raw::Int(i) => Kind::Int(i),
            Raw::Float(f) => Kind::Float(f, lines.written(&raw).unwrap_or(&f.to_string()).into()),
            Raw::Str(s) => Kind::Str(s),
            Raw::Seq(items) => Kind::Seq(items.into_iter().map(|i| Node::from_raw(i, lines)).collect()),
            Raw::Map(entries) => {
                let mut out: Vec<(Key, Node)> = Vec::with_capacity(entries.len());
                // The text of the previous value when it is a number, and where it ends.
                let mut number: Option<(String, usize)> = None;
                for (k, v) in entries {
                    if let Some((written, end)) = number.take()
                        && let Some((_, prev)) = out.last_mut()
                        && decimal_comma_split(&k, &v, end, lines.source)
                    {
                        prev.kind = Kind::Str(format!("{written},{}", k.value));
                        continue;
                    }
                    if matches!(v.value, Raw::Int(_) | Raw::Float(_))
                        && let (Some(w), Some(end)) = (lines.written(&v), span_end(&v))
                    {
                        number = Some((w.to_string(), end));
                    }
                    let (line, column) = lines.place(k.referenced.line() as usize, k.referenced.column() as usize);
                    out.push((Key { name: k.value, line, column }, Node::from_raw(v, lines)));
                }
                Kind::Map(out)
            }
        };
        Node { kind, line, column }
    }
}

/// The untyped shape serde-saphyr fills; every child keeps its span.
enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<String>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RawVisitor;
        impl<'de> Visitor<'de> for RawVisitor {
            type Value = Raw;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<Raw, E> {
                Ok(Raw::Null)
            }
            fn visit_none<E>(self) -> Result<Raw, E> {
                Ok(Raw::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
                Raw::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
                Ok(Raw::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
                Ok(Raw::Int(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
                Ok(i64::try_from(v).map(Raw::Int).unwrap_or(Raw::Float(v as f64)))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
                Ok(i64::try_from(v).map(Raw::Int).unwrap_or(Raw::Float(v as f64)))
            }
            fn visit_u128<E>(self, v: u128) -> Result<Raw, E> {
                Ok(i64::try_from(v).map(Raw::Int).unwrap_or(Raw::Float(v as f64)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
                Ok(Raw::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
                Ok(Raw::Str(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Raw, E> {
                Ok(Raw::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
                let mut items = Vec::new();
                while let Some(x) = a.next_element()? {
                    items.push(x);
                }
                Ok(Raw::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = a.next_entry()? {
                    entries.push(entry);
                }
                Ok(Raw::Map(entries))
            }
        }
        d.deserialize_any(RawVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_stay_inside_the_lines_an_editor_sees() {
        // YAML breaks lines at a lone \r too; the file's lines break at \n only.
        let lines = Lines::of("title: \"x\"\rab: 1\nzz", 1);
        assert_eq!(lines.place(3, 12), (3, 3));
        assert_eq!(lines.place(1, 5), (2, 5));
        let err = parse("a: 1\rb: [1\nc", "t.yaml", 0).unwrap_err();
        // At the bracket left open, counted in the line as the editor sees it (`\r` is in it).
        assert_eq!((err.line, err.column), (1, 9), "{err:?}");
    }

    fn parse_ok(text: &str) -> Node {
        parse(text, "t.yaml", 0).expect("valid yaml")
    }

    #[test]
    fn keeps_positions_of_keys_and_values() {
        let n = parse_ok("a: 1\nb:\n  c: [x, y]\n");
        let Kind::Map(entries) = &n.kind else { panic!("map") };
        assert_eq!((entries[1].0.line, entries[1].0.column), (2, 1));
        let Kind::Map(inner) = &entries[1].1.kind else { panic!("inner map") };
        assert_eq!((inner[0].0.name.as_str(), inner[0].0.line, inner[0].0.column), ("c", 3, 3));
        assert_eq!((inner[0].1.line, inner[0].1.column), (3, 6));
    }

    #[test]
    fn line_offset_is_added() {
        let n = parse_ok("a: 1\n");
        let shifted = parse("a: 1\n", "t.yaml", 1).unwrap();
        assert_eq!(shifted.line, n.line + 1);
    }

    #[test]
    fn duplicate_keys_and_syntax_errors_are_located() {
        let d = parse("a: 1\nb: 2\na: 3\n", "t.yaml", 0).unwrap_err();
        assert_eq!((d.code, d.line, d.column), ("duplicate-key", 3, 1));
        let d = parse("a: [1, 2\nb: 2\n", "t.yaml", 10).unwrap_err();
        assert_eq!(d.code, "yaml-syntax");
        assert!(d.line > 10, "{d:?}");
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a: &a [1,1,1,1,1,1,1,1,1]\n");
        for (name, prev) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e"), ("g", "f"), ("h", "g")] {
            let refs = vec![format!("*{prev}"); 9].join(",");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        let d = parse(&text, "t.yaml", 0).unwrap_err();
        assert_eq!(d.code, "yaml-too-complex");
    }

    #[test]
    fn decimals_are_counted_as_written() {
        let n = parse_ok("a: { x: 5.200, y: 7 }\nb: 12.50 # ghi chú\nc: [1.000]\nd: \"5.200\"\n");
        let Kind::Map(e) = &n.kind else { panic!("map") };
        let Kind::Map(a) = &e[0].1.kind else { panic!("flow map") };
        assert_eq!((a[0].1.decimals_written(), a[1].1.decimals_written()), (Some(3), Some(0)));
        assert_eq!(e[1].1.decimals_written(), Some(2));
        let Kind::Seq(c) = &e[2].1.kind else { panic!("seq") };
        assert_eq!(c[0].decimals_written(), Some(3));
        assert_eq!(e[3].1.decimals_written(), None, "quoted text is no number");
    }
}
