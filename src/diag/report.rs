//! Showing diagnostics: rustc-style text for people (coloured only on a terminal), a
//! JSON array for tools, and GitHub workflow commands that annotate the lines of a pull
//! request. Messages are worded in the site's language here, at the last moment.

use std::fmt::Write as _;
use std::path::Path;

use super::{Diagnostic, Severity, msg};
use crate::model::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
}

/// `diags` as `format` in `lang`. Human output quotes source lines, read again from `root`.
pub fn render(diags: &[Diagnostic], root: &Path, lang: Lang, format: Format, colour: bool) -> String {
    match format {
        Format::Human => human(diags, root, lang, colour),
        Format::Json => json(diags, lang),
        Format::Github => github(diags, lang),
    }
}

/// "2 errors, 1 warning" in `lang`.
pub fn summary(diags: &[Diagnostic], lang: Lang) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    msg!("summary", errors = errors, warnings = diags.len() - errors).render(lang)
}

/// The program as an editor types it in the folder that holds it: in PowerShell on
/// Windows, `.\langso.exe` (the release zip's program, copied into the site root).
const PROGRAM: &str = if cfg!(windows) { ".\\langso.exe" } else { "langso" };

/// Why `check --strict` fails when there is no error: the warnings it counts as errors,
/// by code (`value-without-source` ×2); `None` when strictness changes nothing.
pub fn strict_failure(diags: &[Diagnostic], lang: Lang) -> Option<String> {
    if diags.is_empty() || diags.iter().any(Diagnostic::is_error) {
        return None;
    }
    let mut codes: Vec<(&str, usize)> = Vec::new();
    for d in diags {
        match codes.iter_mut().find(|(c, _)| *c == d.code) {
            Some((_, n)) => *n += 1,
            None => codes.push((d.code, 1)),
        }
    }
    codes.sort();
    let list: Vec<String> = codes.iter().map(|(c, n)| format!("`{c}` ×{n}")).collect();
    Some(msg!("strict-failure", warnings = list.join(", ")).render(lang))
}

struct Paint(bool);

impl Paint {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.0 { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }
}

/// rustc-style: the message, the place, the source line with a caret, and the help.
/// A file that cannot be read is shown without a quote.
fn human(diags: &[Diagnostic], root: &Path, lang: Lang, colour: bool) -> String {
    let p = Paint(colour);
    let mut out = String::new();
    let mut source = Source::default();
    for d in diags {
        // The labels stay rustc's English words, so editors' problem matchers read them.
        let (label, paint) = match d.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        let head = format!("{label}[{}]", d.code);
        let _ = writeln!(out, "{}: {}", p.paint(paint, &head), p.paint("1", &printable(&d.message_in(lang))));
        let _ = writeln!(out, "  {} {}:{}:{}", p.paint("1;34", "-->"), printable(&d.path), d.line, d.column);
        if let Some(line) = source.line(root, &d.path, d.line) {
            let (src, column) = quote_window(line, d.column);
            // Shown characters may be wider than the source's (`<U+202E>`): the caret goes
            // under what the characters before the column became.
            let before: String = src.chars().take(column - 1).collect();
            let caret_pad: String = printable(&before).chars().map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
            let src = printable(&src);
            let num = d.line.to_string();
            let pad = " ".repeat(num.len());
            let bar = p.paint("1;34", "|");
            let _ = writeln!(out, "{pad} {bar}");
            let _ = writeln!(out, "{} {bar} {src}", p.paint("1;34", &num));
            let _ = writeln!(out, "{pad} {bar} {caret_pad}{}", p.paint(paint, "^"));
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "  = {}: {}", p.paint("1;36", "help"), printable(&help.render(lang)));
        }
        let _ = writeln!(out, "  = {}", msg!("explain-hint", program = PROGRAM, code = d.code).render(lang));
        out.push('\n');
    }
    out
}

/// The lines of the file last quoted, read once (diagnostics come sorted by file), and
/// the characters of the line last quoted: many problems on one long line stay cheap.
#[derive(Default)]
struct Source {
    path: String,
    text: Option<String>,
    line_starts: Vec<usize>,
    last_line: Option<(usize, Vec<char>)>,
}

impl Source {
    fn line(&mut self, root: &Path, path: &str, line: usize) -> Option<&[char]> {
        if self.path != path || self.line_starts.is_empty() {
            self.path = path.to_string();
            self.text = crate::path_guard::read_to_quote(root, path).map(|b| String::from_utf8_lossy(&b).into_owned());
            let text = self.text.as_deref().unwrap_or("");
            self.line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
            self.last_line = None;
        }
        let text = self.text.as_deref()?;
        if self.last_line.as_ref().is_none_or(|(n, _)| *n != line) {
            let start = *self.line_starts.get(line - 1)?;
            let end = self.line_starts.get(line).map(|e| e - 1).unwrap_or(text.len());
            if start > text.len() || (start == text.len() && self.line_starts.len() == line) {
                return None;
            }
            let chars = text[start..end].trim_end_matches('\r').chars().collect();
            self.last_line = Some((line, chars));
        }
        self.last_line.as_ref().map(|(_, chars)| chars.as_slice())
    }
}

/// `text` with every control character but the tab shown as `�`, and every invisible
/// character (zero-width, bidi controls: `unicode::is_invisible`) as `<U+202E>`: content
/// (a link, a file name, a quoted line) may hold escape sequences that would drive the
/// terminal of whoever reads the report, line breaks that would forge a diagnostic of its
/// own, or bidi controls that would make a line read differently from what it holds.
fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if crate::unicode::is_invisible(c) => out.push_str(&crate::unicode::code_point(c)),
            c if c.is_control() && c != '\t' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// At most `QUOTE_WIDTH` characters of a long source line around `column`, with `…`
/// where it was cut, and the column within what is shown.
fn quote_window(chars: &[char], column: usize) -> (String, usize) {
    const QUOTE_WIDTH: usize = 100;
    if chars.len() <= QUOTE_WIDTH {
        return (chars.iter().collect(), column);
    }
    let col = column.clamp(1, chars.len() + 1) - 1;
    let start = col.saturating_sub(QUOTE_WIDTH / 2).min(chars.len().saturating_sub(QUOTE_WIDTH));
    let end = (start + QUOTE_WIDTH).min(chars.len());
    let mut shown: String = chars[start..end].iter().collect();
    let mut column = col - start + 1;
    if start > 0 {
        shown.insert(0, '…');
        column += 1;
    }
    if end < chars.len() {
        shown.push('…');
    }
    (shown, column)
}

/// The contract's JSON: an array of `{severity, code, path, line, column, message, help}`.
/// One diagnostic as JSON, worded in one language: the shape of `check --format json`
/// (a contract, docs/commands.md), of the preview's error overlay (`serve/live.js`) and of
/// a serialized `Diagnostic`. Keys in this order:
/// `{"severity", "code", "path", "line", "column", "message", "help"}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct JsonDiagnostic<'a> {
    /// `"error"` or `"warning"`.
    pub severity: Severity,
    /// The stable code (`langso explain CODE`), or for a failure that is not the content's,
    /// what failed (`panic`, `theme`).
    pub code: &'a str,
    /// Relative to the site root, with `/` separators; "" for the whole site.
    pub path: &'a str,
    /// Counted from 1; 0 for the whole site.
    pub line: usize,
    /// Counted from 1, in characters; 0 for the whole site.
    pub column: usize,
    pub message: String,
    /// "" when there is none.
    pub help: String,
}

impl<'a> JsonDiagnostic<'a> {
    /// `d` worded in `lang`.
    pub fn new(d: &'a Diagnostic, lang: Lang) -> Self {
        JsonDiagnostic {
            severity: d.severity,
            code: d.code,
            path: &d.path,
            line: d.line,
            column: d.column,
            message: d.message_in(lang),
            help: d.help_in(lang),
        }
    }

    /// An error of no file, such as the preview's rebuild panicking or its theme failing,
    /// shown where content errors are.
    pub fn site_error(code: &'a str, message: String, help: String) -> Self {
        JsonDiagnostic { severity: Severity::Error, code, path: "", line: 0, column: 0, message, help }
    }
}

/// `diags` as one JSON array on one line (no pretty-printing), invisible
/// characters escaped (`unicode::json_visible`): what the preview sends its open pages.
pub fn json_line(diags: &[JsonDiagnostic]) -> String {
    crate::unicode::json_visible(&serde_json::to_string(diags).unwrap_or_else(|_| "[]".into()))
}

fn json(diags: &[Diagnostic], lang: Lang) -> String {
    let items: Vec<JsonDiagnostic> = diags.iter().map(|d| JsonDiagnostic::new(d, lang)).collect();
    let mut out = crate::unicode::json_visible(&serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into()));
    out.push('\n');
    out
}

/// One `::error file=…,line=…,col=…,title=CODE::message` (or `::warning`) per diagnostic;
/// the help follows the message on its own line.
fn github(diags: &[Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for d in diags {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut text = d.message_in(lang);
        if let Some(help) = &d.help {
            text.push('\n');
            text.push_str(&help.render(lang));
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            escape_property(&crate::unicode::visible(&d.path)),
            d.line,
            d.column,
            escape_property(d.code),
            escape_data(&annotation_text(&text))
        );
    }
    out
}

/// An annotation's message: GitHub shows it as plain text (no Markdown, so no mention,
/// link or image can come of it), but obeys bidi controls and draws invisible characters
/// as nothing, so those are shown as `<U+202E>`; the help's line break is kept.
fn annotation_text(text: &str) -> String {
    text.split('\n').map(crate::unicode::visible).collect::<Vec<_>>().join("\n")
}

/// GitHub's escaping of a workflow command's message.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// GitHub's escaping of a workflow command's property value: the message's, plus `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Location;

    fn sample() -> Diagnostic {
        Diagnostic::error(
            "unknown-province",
            Location::new("a.yaml", 2, 11),
            msg!("unknown", what = msg!("what-province"), wrong = "nin-binh"),
        )
        .help(msg!("did-you-mean", name = "ninh-binh"))
    }

    #[test]
    fn long_lines_are_quoted_around_the_column() {
        let line = "x".repeat(300) + "^here" + &"y".repeat(300);
        let chars: Vec<char> = line.chars().collect();
        let (shown, column) = quote_window(&chars, 301);
        assert!(shown.chars().count() <= 102, "{shown}");
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().nth(column - 1), Some('^'));
        assert_eq!(quote_window(&['s', 'h', 'o', 'r', 't'], 3), ("short".to_string(), 3));
    }

    #[test]
    fn human_output_quotes_the_line_with_a_caret() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "one: 1\nprovince: nin-binh\n").unwrap();
        let text = render(&[sample()], dir.path(), Lang::En, Format::Human, false);
        assert!(text.contains("error[unknown-province]: unknown province `nin-binh`"), "{text}");
        assert!(text.contains("--> a.yaml:2:11"), "{text}");
        assert!(text.contains("2 | province: nin-binh\n  |           ^"), "{text}");
        assert!(text.contains("= help: did you mean `ninh-binh`?"), "{text}");
        assert!(!text.contains('\x1b'), "no colour unless asked: {text}");
        let vi = render(&[sample()], dir.path(), Lang::Vi, Format::Human, true);
        assert!(vi.contains("error[unknown-province]"), "{vi}");
        assert!(vi.contains("tỉnh `nin-binh` không có trong danh mục"), "{vi}");
        assert!(vi.contains("help\x1b[0m: có phải ý bạn là `ninh-binh`?"), "{vi}");
        assert!(vi.contains("\x1b["), "colour when asked: {vi}");
    }

    #[test]
    fn github_commands_escape_data_and_properties() {
        assert_eq!(escape_data("50%\r\nx"), "50%25%0D%0Ax");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        let text = render(&[sample()], Path::new("/nonexistent"), Lang::En, Format::Github, false);
        assert_eq!(
            text,
            "::error file=a.yaml,line=2,col=11,title=unknown-province::unknown province `nin-binh`%0Adid you mean `ninh-binh`?\n"
        );
    }

    /// A bidi override in a quoted line, a message and a path is shown, not obeyed,
    /// in the terminal report and in annotations; the caret still points at the column.
    #[test]
    fn invisible_characters_are_shown_as_code_points() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "province: \u{202E}nin\u{200B}-binh\n").unwrap();
        let d = Diagnostic::error(
            "unknown-province",
            Location::new("a.yaml", 1, 13),
            msg!("unknown", what = msg!("what-province"), wrong = "\u{202E}nin\u{200B}-binh"),
        )
        .help(msg!("did-you-mean", name = "ninh-binh\u{2066}"));
        let text = render(std::slice::from_ref(&d), dir.path(), Lang::En, Format::Human, false);
        for raw in ['\u{202E}', '\u{200B}', '\u{2066}'] {
            assert!(!text.contains(raw), "{raw:?} printed raw: {text}");
        }
        assert!(text.contains("unknown province `<U+202E>nin<U+200B>-binh`"), "{text}");
        assert!(text.contains("1 | province: <U+202E>nin<U+200B>-binh\n  |                    ^"), "{text}");
        assert!(text.contains("did you mean `ninh-binh<U+2066>`?"), "{text}");
        let json = render(std::slice::from_ref(&d), dir.path(), Lang::En, Format::Json, false);
        assert!(!json.contains('\u{202E}') && json.contains(r"\u202enin\u200b-binh"), "{json}");
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed[0]["message"], "unknown province `\u{202E}nin\u{200B}-binh`");
        let gh = render(&[d], dir.path(), Lang::En, Format::Github, false);
        assert!(
            gh.contains("::unknown province `<U+202E>nin<U+200B>-binh`%0Adid you mean `ninh-binh<U+2066>`?"),
            "{gh}"
        );
        assert!(!gh.contains('\u{202E}'), "{gh}");
    }

    #[test]
    fn the_preview_sends_the_same_shape_as_check() {
        let d = sample();
        let check: serde_json::Value = serde_json::from_str(&render(
            std::slice::from_ref(&d),
            Path::new("/nonexistent"),
            Lang::En,
            Format::Json,
            false,
        ))
        .unwrap();
        let line = json_line(&[JsonDiagnostic::new(&d, Lang::En)]);
        assert!(!line.contains('\n'), "one line per event: {line}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&line).unwrap(), check);
        // A diagnostic serialized without a language is the same shape, worded in the default one.
        let default: serde_json::Value = serde_json::to_value(&d).unwrap();
        assert_eq!(default, serde_json::to_value(JsonDiagnostic::new(&d, crate::diag::DEFAULT_LANG)).unwrap());
        let panic = json_line(&[JsonDiagnostic::site_error("panic", "boom \u{202e}".into(), String::new())]);
        assert_eq!(
            panic,
            r#"[{"severity":"error","code":"panic","path":"","line":0,"column":0,"message":"boom \u202e","help":""}]"#
        );
    }

    #[test]
    fn json_is_an_array_of_the_contract_fields() {
        let text = render(&[sample()], Path::new("/nonexistent"), Lang::En, Format::Json, false);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            v,
            serde_json::json!([{
                "severity": "error", "code": "unknown-province", "path": "a.yaml", "line": 2, "column": 11,
                "message": "unknown province `nin-binh`", "help": "did you mean `ninh-binh`?"
            }])
        );
    }
}
