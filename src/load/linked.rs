//! The files a document links or shows beside it (images, PDFs, data files): what the
//! Markdown renderer must know of them before it may publish them, read here because only
//! `load` reads content. The renderer decides what each answer means for the editor.

use std::path::Path;

/// What is at a path a document links, relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkedFile {
    /// Nothing there.
    Missing,
    /// A symbolic link at `link`, the file itself (`itself`) or a folder above it.
    Symlink {
        link: String,
        itself: bool,
    },
    Folder,
    /// A named pipe, socket or device: copying it would wait or read without end.
    NotRegular,
    /// A regular file of `len` bytes.
    File {
        len: u64,
    },
}

/// Looks at `resolved` (relative to `root`) without following any symbolic link.
pub fn inspect(root: &Path, resolved: &str) -> LinkedFile {
    let Ok(meta) = std::fs::symlink_metadata(root.join(resolved)) else { return LinkedFile::Missing };
    if let Some(link) = crate::path_guard::symlinked_component(root, resolved) {
        return LinkedFile::Symlink { link, itself: meta.file_type().is_symlink() };
    }
    if meta.is_dir() {
        LinkedFile::Folder
    } else if !meta.is_file() {
        LinkedFile::NotRegular
    } else {
        LinkedFile::File { len: meta.len() }
    }
}

/// The bytes of a linked file that `inspect` found to be a regular file.
pub fn read(root: &Path, resolved: &str) -> std::io::Result<Vec<u8>> {
    std::fs::read(root.join(resolved))
}
