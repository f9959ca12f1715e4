//! The one place that knows the YAML backend (serde-saphyr). It turns text into a
//! `Node` tree that keeps the line and column of every key and value, and offers a
//! small typed reader over it. Conversion into the model is done by hand over that
//! tree, so one file can report every problem it has (unknown keys with "did you
//! mean", wrong types, missing keys at the mapping that should hold them), not only
//! the first. Swapping the backend means rewriting `parse` alone.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::mistakes;
use crate::diag::{Diagnostic, Location, Msg, did_you_mean, msg};

/// A YAML value with the position (1-based line and column) where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Int(i64),
    /// The value and how it was written (`15.600`), to name a thousands separator.
    Float(f64, Box<str>),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub line: usize,
    pub column: usize,
}

/// How deep sequences and mappings may nest (deeper is `yaml-too-complex`).
pub const MAX_DEPTH: usize = 20;

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

    pub fn at<'a>(&self, path: &'a str) -> Location<'a> {
        Location::new(path, self.line, self.column)
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

    fn wrong_type(&self, path: &str, expected: &'static str, diags: &mut Vec<Diagnostic>) {
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

    pub fn as_map<'n>(&'n self, path: &'n str, diags: &mut Vec<Diagnostic>) -> Option<MapReader<'n>> {
        match &self.kind {
            Kind::Map(entries) => Some(MapReader { node: self, entries, used: vec![false; entries.len()], path }),
            _ => {
                self.wrong_type(path, "type-map", diags);
                None
            }
        }
    }
}

/// Reads the keys of one mapping, then reports the keys nobody asked for.
pub struct MapReader<'n> {
    node: &'n Node,
    entries: &'n [(Key, Node)],
    used: Vec<bool>,
    pub path: &'n str,
}

impl<'n> MapReader<'n> {
    pub fn get(&mut self, key: &str) -> Option<&'n Node> {
        let i = self.entries.iter().position(|(k, _)| k.name == key)?;
        self.used[i] = true;
        match self.entries[i].1.kind {
            Kind::Null => None, // `key:` with nothing after it counts as absent
            _ => Some(&self.entries[i].1),
        }
    }

    /// A key that must be present; its absence is reported at the mapping's first line.
    pub fn require(&mut self, key: &str, what: Msg, diags: &mut Vec<Diagnostic>) -> Option<&'n Node> {
        let found = self.get(key);
        if found.is_none()
            && let Some((k, _)) = self.entries.iter().find(|(k, _)| k.name == key)
        {
            // `value:` with nothing after it: the key is there, its value is not.
            diags.push(
                Diagnostic::error(
                    "missing-key",
                    Location::new(self.path, k.line, k.column),
                    msg!("key-without-value", key = key),
                )
                .help(msg!("missing-key-help", key = key, what = what)),
            );
        } else if found.is_none() {
            diags.push(
                Diagnostic::error("missing-key", self.node.at(self.path), msg!("missing-key", key = key)).help(msg!(
                    "missing-key-help",
                    key = key,
                    what = what
                )),
            );
        }
        found
    }

    /// Whether the mapping has `key` at all, even with nothing after it.
    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _)| k.name == key)
    }

    pub fn location(&self) -> Location<'n> {
        self.node.at(self.path)
    }

    /// Every entry, for mappings whose keys are data (indicator ids).
    pub fn entries(&mut self) -> &'n [(Key, Node)] {
        self.used.iter_mut().for_each(|u| *u = true);
        self.entries
    }

    /// Reports every key that was never read as unknown, suggesting the closest allowed one.
    pub fn finish(self, allowed: &[&str], diags: &mut Vec<Diagnostic>) {
        for ((key, _), used) in self.entries.iter().zip(&self.used) {
            if !used {
                diags.push(
                    Diagnostic::error(
                        "unknown-key",
                        Location::new(self.path, key.line, key.column),
                        msg!("unknown-key", key = &key.name),
                    )
                    .help(did_you_mean(&key.name, allowed, msg!("allowed-keys"))),
                );
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

    #[test]
    fn only_quotes_wrapped_around_the_whole_text_are_taken_off() {
        assert_eq!(typographic_quotes("“Xã Thoại Giang”"), Some("Xã Thoại Giang"));
        assert_eq!(typographic_quotes("”Ngược chiều”"), Some("Ngược chiều"));
        assert_eq!(typographic_quotes(" ‘Huế’ "), Some("Huế"));
        assert_eq!(typographic_quotes("“Đổi mới” và “sáng tạo”"), None);
        assert_eq!(typographic_quotes("Xã “Thoại Giang”"), None);
        assert_eq!(typographic_quotes("\"thẳng\""), None);
        let n = parse_ok("a: “Xã A”\n");
        let Kind::Map(e) = &n.kind else { panic!("map") };
        let mut diags = Vec::new();
        assert_eq!(e[0].1.as_text("t.yaml", &mut diags).as_deref(), Some("Xã A"));
        assert_eq!((diags[0].code, diags[0].line, diags[0].column), ("typographic-quotes", 1, 4));
    }

    #[test]
    fn unknown_keys_get_suggestions() {
        let n = parse_ok("comune: x\nprovince: y\n");
        let mut diags = Vec::new();
        let mut m = n.as_map("t.yaml", &mut diags).unwrap();
        assert!(m.require("commune", msg!("want-commune"), &mut diags).is_none());
        m.get("province");
        m.finish(&["commune", "province"], &mut diags);
        let codes: Vec<_> = diags.iter().map(|d| (d.code, d.line, d.help_in(crate::model::Lang::En))).collect();
        assert_eq!(codes[0].0, "missing-key");
        assert_eq!(codes[1], ("unknown-key", 1, "did you mean `commune`?".to_string()));
    }
}
