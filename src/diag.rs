//! Diagnostics: every problem found in content, located by file, line and column.
//!
//! Loading never stops at the first bad file; it collects `Diagnostic`s and goes on.
//! Codes are stable strings (they are documented for editors and matched by tests),
//! so never rename one: add a new code instead.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in the content, at a place an editor can open.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
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
    pub message: String,
    /// What to do about it, in plain words.
    pub help: String,
}

impl Diagnostic {
    pub fn error(code: &'static str, at: Location<'_>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, at, message)
    }

    pub fn warning(code: &'static str, at: Location<'_>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, at, message)
    }

    fn new(severity: Severity, code: &'static str, at: Location<'_>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            path: at.path.to_string(),
            line: at.line.max(1),
            column: at.column.max(1),
            message: message.into(),
            help: String::new(),
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

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
    what: &str,
    wrong: &str,
    known: &[&str],
    listed_in: &str,
) -> Diagnostic {
    Diagnostic::error(code, at, format!("unknown {what} `{wrong}`")).help(did_you_mean(wrong, known, listed_in))
}

/// Sorts by file, line, column, then code, so output is stable and easy to follow.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.code, &a.message).cmp(&(&b.path, b.line, b.column, b.code, &b.message))
    });
}

pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

/// "did you mean" over a list of known names: the closest one, if close enough.
pub fn suggest<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_folded = crate::slug::slugify(wrong);
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(&wrong_folded, &crate::slug::slugify(k)), k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k)
}

/// A help line that names the closest known value, or lists a few when none is close.
pub fn did_you_mean(wrong: &str, known: &[&str], what: &str) -> String {
    match suggest(wrong, known.iter().copied()) {
        Some(k) => format!("did you mean `{k}`?"),
        None => {
            let shown: Vec<String> = known.iter().take(8).map(|k| format!("`{k}`")).collect();
            let more = if known.len() > 8 { ", …" } else { "" };
            format!("use one of the {what}: {}{more}", shown.join(", "))
        }
    }
}

/// Renders diagnostics rustc-style, quoting the source line with a caret under the column.
/// Sources are read from `root` again; a file that cannot be read is shown without a quote.
pub fn render_human(diags: &[Diagnostic], root: &Path) -> String {
    let mut out = String::new();
    let mut cache: Option<(String, Option<String>)> = None;
    for d in diags {
        let label = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{label}[{}]: {}", d.code, d.message);
        let _ = writeln!(out, "  --> {}:{}:{}", d.path, d.line, d.column);
        if cache.as_ref().map(|(p, _)| p != &d.path).unwrap_or(true) {
            let text = std::fs::read(root.join(&d.path)).ok().map(|b| String::from_utf8_lossy(&b).into_owned());
            cache = Some((d.path.clone(), text));
        }
        if let Some((_, Some(text))) = &cache
            && let Some(src) = text.lines().nth(d.line - 1)
        {
            let (src, column) = quote_window(src.trim_end_matches('\r'), d.column);
            let num = d.line.to_string();
            let pad = " ".repeat(num.len());
            let caret_pad: String = src.chars().take(column - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{num} | {src}");
            let _ = writeln!(out, "{pad} | {caret_pad}^");
        }
        if !d.help.is_empty() {
            let _ = writeln!(out, "  = help: {}", d.help);
        }
        out.push('\n');
    }
    out
}

/// At most `QUOTE_WIDTH` characters of a long source line around `column`, with `…`
/// where it was cut, and the column within what is shown.
fn quote_window(src: &str, column: usize) -> (String, usize) {
    const QUOTE_WIDTH: usize = 100;
    let chars: Vec<char> = src.chars().collect();
    if chars.len() <= QUOTE_WIDTH {
        return (src.to_string(), column);
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

/// A site-relative display path with `/` separators, whatever the platform.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf());
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let known = ["ninh-binh", "ha-noi", "dak-lak"];
        assert_eq!(suggest("ninh-bihn", known), Some("ninh-binh"));
        assert_eq!(suggest("Đắk Lắk", known), Some("dak-lak"));
        assert_eq!(suggest("zzzzzz", known), None);
    }

    #[test]
    fn long_lines_are_quoted_around_the_column() {
        let line = "x".repeat(300) + "^here" + &"y".repeat(300);
        let (shown, column) = quote_window(&line, 301);
        assert!(shown.chars().count() <= 102, "{shown}");
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().nth(column - 1), Some('^'));
        assert_eq!(quote_window("short", 3), ("short".to_string(), 3));
    }

    #[test]
    fn human_output_quotes_the_line_with_a_caret() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "one: 1\nprovince: nin-binh\n").unwrap();
        let d = Diagnostic::error("unknown-province", Location::new("a.yaml", 2, 11), "unknown province `nin-binh`")
            .help("did you mean `ninh-binh`?");
        let text = render_human(&[d], dir.path());
        assert!(text.contains("error[unknown-province]: unknown province `nin-binh`"), "{text}");
        assert!(text.contains("--> a.yaml:2:11"), "{text}");
        assert!(text.contains("2 | province: nin-binh\n  |           ^"), "{text}");
        assert!(text.contains("= help: did you mean `ninh-binh`?"), "{text}");
    }
}
