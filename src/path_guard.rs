//! The one guard on paths below a site root: content, the theme, linked files and the
//! reporter's source quotes are read only through paths without a symbolic link. A leaf
//! module (it uses nothing of the crate), so both `load`, which reads content, and
//! `diag`'s reporter, which quotes it, can ask it without depending on each other.

use std::path::Path;

/// The first of `rel`'s `/`-separated components (as a path relative to `root`) that is a
/// symbolic link, if any. Content is read only through paths with none: a link in a pull
/// request may point anywhere on the build machine, and following a linked folder is as
/// bad as following a linked file.
pub fn symlinked_component(root: &Path, rel: &str) -> Option<String> {
    let mut at = root.to_path_buf();
    let mut walked = String::new();
    for part in rel.split('/').filter(|p| !p.is_empty()) {
        at.push(part);
        if !walked.is_empty() {
            walked.push('/');
        }
        walked.push_str(part);
        if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
            return Some(walked);
        }
    }
    None
}

/// The bytes of the file at `rel` for the reporter to quote, read only when no component
/// of the path is a symbolic link (its target may be any file of the build machine, and the
/// report may end up in a public CI log) and it is a regular file (a named pipe or device
/// would wait or read without end). `load` reads content; this re-reads what it reported.
pub fn read_to_quote(root: &Path, rel: &str) -> Option<Vec<u8>> {
    let regular = std::fs::symlink_metadata(root.join(rel)).is_ok_and(|m| m.is_file());
    (regular && symlinked_component(root, rel).is_none()).then(|| std::fs::read(root.join(rel)).ok()).flatten()
}
