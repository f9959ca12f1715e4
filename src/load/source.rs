//! Reading one content file as text, within the contract's size limits, and
//! splitting front matter from Markdown. Every failure is a located diagnostic:
//! a file too large, invalid UTF-8 (at the first bad byte), missing or unterminated
//! front matter. A byte-order mark and CRLF line ends are accepted. Only regular files
//! are opened: a named pipe, socket or device is refused before opening, by its metadata.

use std::path::Path;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::diag::{Diagnostic, Location, human_size, msg};

pub const INDEX_MD_LIMIT: u64 = 2 * 1024 * 1024;
pub const METRICS_LIMIT: u64 = 256 * 1024;
pub const REGISTRY_LIMIT: u64 = 2 * 1024 * 1024;
pub const IMAGE_LIMIT: u64 = 10 * 1024 * 1024;

/// Reads `root/rel` as NFC text. Non-NFC text is normalised and warned about.
pub fn read_text(root: &Path, rel: &str, limit: u64, diags: &mut Vec<Diagnostic>) -> Option<String> {
    // The folder's components are guarded here, the file's own with the metadata read for it.
    match rel.rsplit_once('/') {
        Some((folder, name)) if !name.is_empty() && !folder.split('/').any(str::is_empty) => {
            let folder_link = crate::path_guard::symlinked_component(root, folder);
            read_text_in(root, folder_link.as_deref(), rel, None, limit, diags)
        }
        _ => {
            if let Some(link) = crate::path_guard::symlinked_component(root, rel) {
                diags.push(symlink(rel, &link));
                return None;
            }
            let full = root.join(rel);
            read_regular(rel, &full, std::fs::symlink_metadata(&full), limit, diags)
        }
    }
}

/// `read_text` of `rel`, a file directly in a folder whose first symbolic link
/// (`path_guard::symlinked_component` of the folder) is already known, `folder_link`:
/// many files of one folder, or of folders under one parent, are guarded without a
/// look-up per component and file. `meta` is the file's own metadata (not followed) when
/// the caller has it.
pub fn read_text_in(
    root: &Path,
    folder_link: Option<&str>,
    rel: &str,
    meta: Option<std::fs::Metadata>,
    limit: u64,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    if let Some(link) = folder_link {
        diags.push(symlink(rel, link));
        return None;
    }
    let full = root.join(rel);
    let meta = meta.map_or_else(|| std::fs::symlink_metadata(&full), Ok);
    if meta.as_ref().is_ok_and(|m| m.file_type().is_symlink()) {
        diags.push(symlink(rel, rel));
        return None;
    }
    read_regular(rel, &full, meta, limit, diags)
}

/// `rel` is not read: its path has a symbolic link at `link` (itself, or a folder above it).
fn symlink(rel: &str, link: &str) -> Diagnostic {
    let help = if link == rel { msg!("symlink-file-help") } else { msg!("symlink-folder-help") };
    Diagnostic::error("symlink", Location::file(rel), msg!("symlink", path = link)).help(help)
}

/// The text of `full` (`rel` from the root), whose path has no symbolic link, by its metadata.
fn read_regular(
    rel: &str,
    full: &Path,
    meta: std::io::Result<std::fs::Metadata>,
    limit: u64,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let meta = match meta {
        Ok(m) => m,
        Err(e) => {
            diags.push(unreadable(rel, &e));
            return None;
        }
    };
    // Checked before opening: opening a named pipe waits for a writer (a `check` that
    // never ends), and a device (`/dev/zero`) reads without end.
    if !meta.is_file() {
        diags.push(
            Diagnostic::error("unreadable-file", Location::file(rel), msg!("not-regular-file", path = rel))
                .help(msg!("not-regular-file-help")),
        );
        return None;
    }
    if meta.len() > limit {
        diags.push(
            Diagnostic::error(
                "file-too-large",
                Location::file(rel),
                msg!("file-too-large", path = rel, size = human_size(meta.len()), limit = human_size(limit)),
            )
            .help(msg!("file-too-large-help")),
        );
        return None;
    }
    let bytes = match read_sized(full, meta.len()) {
        Ok(b) => b,
        Err(e) => {
            diags.push(unreadable(rel, &e));
            return None;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let good = std::str::from_utf8(good).unwrap_or_default();
            let (line, column) = line_col_at(good, good.len());
            diags.push(
                Diagnostic::error("invalid-utf8", Location::new(rel, line, column), msg!("invalid-utf8"))
                    .help(msg!("invalid-utf8-help")),
            );
            return None;
        }
    };
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    if text.contains('\0') {
        let (line, column) = line_col_at(&text, text.find('\0').unwrap_or(0));
        diags.push(
            Diagnostic::error("nul-byte", Location::new(rel, line, column), msg!("nul-byte"))
                .help(msg!("nul-byte-help")),
        );
        return None;
    }
    if !surely_nfc(&text) && is_nfc_quick(text.chars()) != IsNormalized::Yes && text.nfc().ne(text.chars()) {
        let first = text.char_indices().find(|(_, c)| unicode_normalization::char::is_combining_mark(*c));
        let (line, column) = first.map(|(i, _)| line_col_at(&text, i)).unwrap_or((1, 1));
        diags.push(
            Diagnostic::warning("not-nfc", Location::new(rel, line, column), msg!("not-nfc"))
                .help(msg!("not-nfc-help")),
        );
        return Some(text.nfc().collect());
    }
    Some(text)
}

/// The whole file, read into a buffer of the size its metadata gave (`std::fs::read` asks
/// the file system for that size once more).
fn read_sized(full: &Path, len: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = std::fs::File::open(full)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    // Through `Take`, which reads to the end as it is, without asking the size again.
    Read::by_ref(&mut file).take(u64::MAX).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// True when every character of `text` is one that is NFC whatever surrounds it (a
/// `Yes` of the NFC quick check with combining class 0): what nearly all content is made
/// of, ASCII and the Latin letters below U+0300, Vietnamese letters precomposed in
/// U+1EA0..=U+1EF9, and dashes, quotes and ellipses (U+2010..=U+2027). Decided in one
/// cheap pass; false leaves it to the full quick check.
fn surely_nfc(text: &str) -> bool {
    text.chars().all(|c| c < '\u{300}' || matches!(c, '\u{1ea0}'..='\u{1ef9}' | '\u{2010}'..='\u{2027}'))
}

fn unreadable(rel: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "unreadable-file",
        Location::file(rel),
        msg!("unreadable-file", path = rel, error = e.to_string()),
    )
    .help(msg!("unreadable-file-help"))
}

/// Line and column (1-based, column in characters) of byte offset `at` in `text`.
pub fn line_col_at(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text[..floor_char_boundary(text, at)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, before[line_start..].chars().count() + 1)
}

/// Lines and columns of many byte offsets in one text, in about one pass over it when the
/// offsets come in increasing order (as a parser's events do): a document with many links
/// or problems stays linear, not quadratic.
pub struct LineIndex<'a> {
    text: &'a str,
    /// The last offset located, with its line and column.
    last: (usize, usize, usize),
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        LineIndex { text, last: (0, 1, 1) }
    }

    /// The same as `line_col_at(text, at)`.
    pub fn locate(&mut self, at: usize) -> (usize, usize) {
        let at = floor_char_boundary(self.text, at.min(self.text.len()));
        if at < self.last.0 {
            self.last = (0, 1, 1);
        }
        let (from, mut line, mut column) = self.last;
        for c in self.text[from..at].chars() {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        self.last = (at, line, column);
        (line, column)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A Markdown file split at its front matter.
#[derive(Debug)]
pub struct FrontMatter<'a> {
    pub yaml: &'a str,
    /// Lines before the YAML (the opening `---`): add to YAML line numbers.
    pub yaml_line_offset: usize,
    pub body: &'a str,
    /// Lines before the body: add to Markdown line numbers.
    pub body_line_offset: usize,
}

/// Splits `---\n<yaml>\n---\n<markdown>`.
pub fn split_front_matter<'a>(text: &'a str, rel: &str) -> Result<FrontMatter<'a>, Diagnostic> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "---" {
        return Err(Diagnostic::error("front-matter-missing", Location::file(rel), msg!("front-matter-missing"))
            .help(msg!("front-matter-missing-help")));
    }
    let yaml_start = first_line.len() + if text[first_line.len()..].starts_with("\r\n") { 2 } else { 1 };
    let mut pos = yaml_start.min(text.len());
    let mut line_no = 1;
    while pos < text.len() {
        let end = text[pos..].find('\n').map(|i| pos + i + 1).unwrap_or(text.len());
        line_no += 1;
        let line = text[pos..end].trim_end_matches(['\n', '\r']);
        if line.trim_end() == "---" {
            return Ok(FrontMatter {
                yaml: &text[yaml_start..pos],
                yaml_line_offset: 1,
                body: &text[end..],
                body_line_offset: line_no,
            });
        }
        pos = end;
    }
    Err(Diagnostic::error("front-matter-unterminated", Location::file(rel), msg!("front-matter-unterminated"))
        .help(msg!("front-matter-unterminated-help")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_with_lf_and_crlf() {
        let fm = split_front_matter("---\ntitle: x\n---\n# Hi\n", "a.md").unwrap();
        assert_eq!(fm.yaml, "title: x\n");
        assert_eq!(fm.body, "# Hi\n");
        assert_eq!((fm.yaml_line_offset, fm.body_line_offset), (1, 3));
        let fm = split_front_matter("---\r\ntitle: x\r\n---\r\nbody", "a.md").unwrap();
        assert_eq!(fm.yaml, "title: x\r\n");
        assert_eq!(fm.body, "body");
    }

    #[test]
    fn reports_missing_and_unterminated_front_matter() {
        assert_eq!(split_front_matter("# no\n", "a.md").unwrap_err().code, "front-matter-missing");
        assert_eq!(split_front_matter("---\ntitle: x\n", "a.md").unwrap_err().code, "front-matter-unterminated");
    }

    #[test]
    fn the_line_index_agrees_with_line_col_at() {
        let text = "ab\nđắk x\r\n\nyz";
        let mut index = LineIndex::new(text);
        for at in [0, 1, 3, 5, 8, 12, 2, 13, 14, 99] {
            assert_eq!(index.locate(at), line_col_at(text, at), "at {at}");
        }
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_col_at("ab\nđắk x", 8), (2, 3));
        assert_eq!(line_col_at("", 0), (1, 1));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("m.yaml"), b"a: 1\nb: \xff\n").unwrap();
        let mut diags = Vec::new();
        assert!(read_text(dir.path(), "m.yaml", 1000, &mut diags).is_none());
        assert_eq!((diags[0].code, diags[0].line, diags[0].column), ("invalid-utf8", 2, 4));
    }

    #[test]
    fn what_surely_nfc_passes_the_library_passes_too() {
        let passed: Vec<char> =
            (0..0x3000u32).filter_map(char::from_u32).filter(|c| surely_nfc(&c.to_string())).collect();
        assert!(passed.contains(&'ặ') && passed.contains(&'đ') && passed.contains(&'–'));
        assert!(!passed.contains(&'\u{300}') && !passed.contains(&'\u{2000}'));
        for c in passed {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0, "{c:?}");
        }
    }

    #[test]
    fn a_linked_file_or_folder_is_refused_with_or_without_a_known_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("real")).unwrap();
        std::fs::write(dir.path().join("real/a.md"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path().join("real/a.md"), dir.path().join("real/b.md")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("linked")).unwrap();
        let read = |rel: &str| {
            let mut diags = Vec::new();
            let text = read_text(dir.path(), rel, 1000, &mut diags);
            let mut known = Vec::new();
            let folder = rel.rsplit_once('/').unwrap().0;
            let link = crate::path_guard::symlinked_component(dir.path(), folder);
            let same = read_text_in(dir.path(), link.as_deref(), rel, None, 1000, &mut known);
            assert_eq!((&text, format!("{diags:?}")), (&same, format!("{known:?}")), "{rel}");
            (
                text,
                diags
                    .iter()
                    .map(|d| format!("{} {}", d.code, d.message_in(crate::model::Lang::En)))
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(read("real/a.md"), (Some("x".into()), vec![]));
        let (text, diags) = read("real/b.md");
        assert!(text.is_none() && diags[0].starts_with("symlink ") && diags[0].contains("real/b.md"), "{diags:?}");
        let (text, diags) = read("linked/a.md");
        assert!(text.is_none() && diags[0].contains("`linked`"), "{diags:?}");
        assert_eq!(read("real/none.md").1.len(), 1);
    }

    #[test]
    fn bom_is_accepted_and_nfd_is_normalised() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "\u{feff}Ho\u{300}a").unwrap();
        let mut diags = Vec::new();
        let text = read_text(dir.path(), "a.md", 1000, &mut diags).unwrap();
        assert_eq!(text, "Hòa");
        assert_eq!(diags[0].code, "not-nfc");
    }
}
