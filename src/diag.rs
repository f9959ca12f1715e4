//! Diagnostics: every problem found in content, located by file, line and column.
//!
//! Loading never stops at the first bad file; it collects `Diagnostic`s and goes on.
//! Codes are stable strings (they are documented for editors and matched by tests),
//! so never rename one: add a new code instead.

mod catalog;
pub mod explain;
pub mod report;

use std::path::{Path, PathBuf};

use crate::model::Lang;
pub use report::{Format, JsonDiagnostic, render};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// The language of messages when the site's is not at hand: the default site language.
pub const DEFAULT_LANG: Lang = Lang::Vi;

/// One problem in the content, at a place an editor can open. Serialized (for code that
/// has no language at hand) as `report::JsonDiagnostic` worded in `DEFAULT_LANG`; `check
/// --format json` words it in the site's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable kebab-case code, e.g. `unknown-province`.
    pub code: &'static str,
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// Counted from 1. A problem with a whole file points at line 1, column 1.
    pub line: usize,
    /// Counted from 1, in characters (not bytes).
    pub column: usize,
    /// What is wrong; worded in the site's language when shown (see `catalog.rs`).
    pub message: Msg,
    /// What to do about it, in plain words (boxed: most code passes diagnostics around by value).
    pub help: Option<Box<Msg>>,
}

impl serde::Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        report::JsonDiagnostic::new(self, DEFAULT_LANG).serialize(s)
    }
}

impl Diagnostic {
    pub fn error(code: &'static str, at: Location<'_>, message: impl Into<Msg>) -> Self {
        Self::new(Severity::Error, code, at, message.into())
    }

    pub fn warning(code: &'static str, at: Location<'_>, message: impl Into<Msg>) -> Self {
        Self::new(Severity::Warning, code, at, message.into())
    }

    fn new(severity: Severity, code: &'static str, at: Location<'_>, message: Msg) -> Self {
        Diagnostic {
            severity,
            code,
            path: at.path.to_string(),
            line: at.line.max(1),
            column: at.column.max(1),
            message,
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<Msg>) -> Self {
        self.help = Some(Box::new(help.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        self.message.render(lang)
    }

    /// The help in `lang` ("" when there is none).
    pub fn help_in(&self, lang: Lang) -> String {
        self.help.as_ref().map(|h| h.render(lang)).unwrap_or_default()
    }
}

/// A message not yet worded: an id of the catalog (`catalog.rs`) and the values of its
/// `{placeholders}`. Loading does not know the site's language while it reports, so
/// messages are worded only when shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// A placeholder's value: text from content as it is, a phrase worded in turn, or a
/// number (its `f64` bits, so that messages compare exactly) written the way of the
/// language: `1.234,5` in Vietnamese, `1,234.5` in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    /// A decimal already written with its digits, the English way (`11.0`); Vietnamese
    /// shows a decimal comma (`11,0`).
    Decimal(String),
    Msg(Msg),
    /// A measured value or bound (an `f64`'s bits), written in the language's way.
    Number(u64),
}

impl Msg {
    pub fn new(id: &'static str) -> Self {
        Msg { id, args: Vec::new() }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// Fills the template for `lang`; an id missing from the catalog shows as itself
    /// (a unit test keeps every id used in the source in the catalog).
    pub fn render(&self, lang: Lang) -> String {
        let Some(template) = catalog::template(self.id, lang) else { return self.id.to_string() };
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) if self.args.iter().any(|(k, _)| *k == &after[..close]) => {
                    let (_, value) = self.args.iter().find(|(k, _)| *k == &after[..close]).expect("found above");
                    match value {
                        Arg::Text(t) => out.push_str(t),
                        Arg::Decimal(n) if lang == Lang::Vi => out.push_str(&n.replace('.', ",")),
                        Arg::Decimal(n) => out.push_str(n),
                        Arg::Msg(m) => out.push_str(&m.render(lang)),
                        Arg::Number(bits) => out.push_str(&crate::numbers::number(f64::from_bits(*bits), 6, lang)),
                    }
                    rest = &after[close + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// Text that is already worded, shown as it is in every language. For code written before
/// the catalog; a new message belongs in the catalog, in both languages.
impl From<String> for Msg {
    fn from(text: String) -> Self {
        Msg::new("text").arg("text", text)
    }
}
impl From<&str> for Msg {
    fn from(text: &str) -> Self {
        Msg::new("text").arg("text", text)
    }
}

/// In `DEFAULT_LANG`, where no language is at hand; editors see `render` in the site's language.
impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(DEFAULT_LANG))
    }
}

impl serde::Serialize for Msg {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.render(DEFAULT_LANG))
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<Msg> for Arg {
    fn from(m: Msg) -> Self {
        Arg::Msg(m)
    }
}
macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Text(n.to_string())
            }
        }
    )*};
}
number_args!(i32, i64, u64, usize);

/// Measured values and bounds, written the language's way; a huge or tiny one as YAML
/// writes it (`1.79e308`, `5e-324`), not as its hundreds of digits. Counts, years and line
/// numbers stay as they are written.
impl From<f64> for Arg {
    fn from(n: f64) -> Self {
        if n.abs() >= 1e16 || (n != 0.0 && n.abs() < 1e-6) {
            Arg::Text(format!("{n:e}"))
        } else {
            Arg::Number(n.to_bits())
        }
    }
}

/// `msg!(<catalog id>, name = value, …)`: a `Msg` with its placeholder values.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::diag::Msg::new($id)$(.arg(stringify!($name), $value))*
    };
}
pub use crate::msg;

/// Where a diagnostic points: a site-relative path plus line and column.
#[derive(Debug, Clone, Copy)]
pub struct Location<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
}

impl<'a> Location<'a> {
    pub fn new(path: &'a str, line: usize, column: usize) -> Self {
        Location { path, line, column }
    }

    /// The start of a file, for problems with the file as a whole.
    pub fn file(path: &'a str) -> Self {
        Location { path, line: 1, column: 1 }
    }
}

/// `unknown <what> `wrong``, with a help line naming the closest of `known`
/// (or listing a few of `listed_in`): one wording for every unknown id.
pub fn unknown(
    code: &'static str,
    at: Location<'_>,
    what: impl Into<Msg>,
    wrong: &str,
    known: &[&str],
    listed_in: impl Into<Msg>,
) -> Diagnostic {
    Diagnostic::error(code, at, msg!("unknown", what = what.into(), wrong = wrong))
        .help(did_you_mean(wrong, known, listed_in))
}

/// Human output in `DEFAULT_LANG`, without colour. Prefer `render` with the site's language.
pub fn render_human(diags: &[Diagnostic], root: &Path) -> String {
    render(diags, root, DEFAULT_LANG, Format::Human, false)
}

/// Sorts by file, line, column, then code, so output is stable and easy to follow.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.code, a.message.id).cmp(&(&b.path, b.line, b.column, b.code, b.message.id))
    });
}

pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

/// "did you mean" over a list of known names: the closest one, if close enough. Lists
/// longer than a thousand names get no suggestion, so that many unknown names against a
/// huge list cannot take quadratic time.
pub fn suggest<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    const MAX_CANDIDATES: usize = 1000;
    let wrong_folded = crate::slug::slugify(wrong);
    let known: Vec<&'a str> = known.into_iter().take(MAX_CANDIDATES + 1).collect();
    if known.len() > MAX_CANDIDATES {
        return None;
    }
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(&wrong_folded, &crate::slug::slugify(k)), k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k)
}

/// A help line that names the closest known value, or lists a few of `what` when none is close.
pub fn did_you_mean(wrong: &str, known: &[&str], what: impl Into<Msg>) -> Msg {
    match suggest(wrong, known.iter().copied()) {
        Some(k) => msg!("did-you-mean", name = k),
        None => {
            let shown: Vec<String> = known.iter().take(8).map(|k| format!("`{k}`")).collect();
            let more = if known.len() > 8 { ", …" } else { "" };
            msg!("use-one-of", what = what.into(), list = format!("{}{more}", shown.join(", ")))
        }
    }
}

/// A site-relative display path with `/` separators, whatever the platform.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf());
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// A file size as messages show it (`11.0 MB`, `12 KB`), for the size-limit messages.
pub fn human_size(bytes: u64) -> Arg {
    Arg::Decimal(if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{:.0} KB", (bytes as f64 / 1024.0).ceil())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_worded_in_the_language_asked() {
        let m = msg!("unknown", what = msg!("what-province"), wrong = "x{y}");
        assert_eq!(m.render(Lang::En), "unknown province `x{y}`");
        assert_eq!(m.render(Lang::Vi), "tỉnh `x{y}` không có trong danh mục");
        assert_eq!(m.to_string(), "tỉnh `x{y}` không có trong danh mục");
        let d = Diagnostic::error("unknown-province", Location::new("a.yaml", 2, 3), m).help("sửa đi");
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["message"], "tỉnh `x{y}` không có trong danh mục");
        assert_eq!(json["help"], "sửa đi");
        let d = Diagnostic::warning("not-nfc", Location::file("a.md"), msg!("not-nfc"));
        assert_eq!(serde_json::to_value(&d).unwrap()["help"], "");
        assert_eq!(Msg::from("đã có sẵn").render(Lang::En), "đã có sẵn");
        assert_eq!(Msg { id: "no-such-id", args: Vec::new() }.render(Lang::Vi), "no-such-id");
        let n = msg!("value-out-of-range", value = 15600.5, id = "x");
        assert!(n.render(Lang::Vi).starts_with("15.600,5 ") && n.render(Lang::En).starts_with("15,600.5 "));
    }

    #[test]
    fn numbers_in_vietnamese_text_have_a_decimal_comma() {
        let size = human_size(11 * 1024 * 1024);
        let m = msg!("file-too-large", path = "a.jpg", size = size, limit = 2.5);
        assert_eq!(m.render(Lang::Vi), "`a.jpg` có dung lượng 11,0 MB, vượt giới hạn 2,5 của loại tệp này");
        assert_eq!(m.render(Lang::En), "`a.jpg` is 11.0 MB but the limit for this file is 2.5");
    }

    #[test]
    fn suggests_close_names_only() {
        let known = ["ninh-binh", "ha-noi", "dak-lak"];
        assert_eq!(suggest("ninh-bihn", known), Some("ninh-binh"));
        assert_eq!(suggest("Đắk Lắk", known), Some("dak-lak"));
        assert_eq!(suggest("zzzzzz", known), None);
        let many: Vec<String> = (0..1001).map(|i| format!("ten-{i}")).collect();
        assert_eq!(suggest("ten-1", many.iter().map(String::as_str)), None);
        assert_eq!(suggest("ten-1", many[..1000].iter().map(String::as_str)), Some("ten-1"));
    }
}
