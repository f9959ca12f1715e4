//! The only code that writes the site. Files go to a staging folder beside the
//! output folder, which is swapped into place only once everything was written; a
//! failed or killed build therefore leaves the previous site as it was, and the
//! next run clears whatever staging folder a killed one left behind. The swap is two
//! renames (`out` aside, staging in); a build killed between them left no `out`, and the
//! next run puts the retired site back before anything else (`restore_interrupted_swap`).

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// One file of the published site.
#[derive(Debug)]
pub struct OutputFile {
    /// Relative to the output folder, with `/` separators.
    pub path: String,
    pub content: Content,
}

#[derive(Debug)]
pub enum Content {
    Bytes(Vec<u8>),
    /// A file copied from content as it is (an image beside a pilot page).
    Copy(PathBuf),
}

impl OutputFile {
    pub fn bytes(path: String, bytes: Vec<u8>) -> Self {
        OutputFile { path, content: Content::Bytes(bytes) }
    }
    pub fn copy(path: String, source: PathBuf) -> Self {
        OutputFile { path, content: Content::Copy(source) }
    }
}

/// The staging and retired folders that belong to `out`.
fn siblings(out: &Path) -> io::Result<(PathBuf, PathBuf)> {
    let name = out
        .file_name()
        .ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, format!("`{}` is not a folder name", out.display()))
        })?
        .to_string_lossy()
        .into_owned();
    let parent = out.parent().unwrap_or(Path::new("."));
    Ok((parent.join(format!(".{name}.langso-staging")), parent.join(format!(".{name}.langso-old"))))
}

fn remove_if_present(dir: &Path) -> io::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

fn with_path(e: io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Writes `files` as the complete new content of `out`.
pub fn publish(out: &Path, files: &[OutputFile]) -> io::Result<()> {
    restore_interrupted_swap(out)?;
    let (staging, old) = siblings(out)?;
    if let Some(parent) = staging.parent() {
        std::fs::create_dir_all(parent).map_err(|e| with_path(e, parent))?;
    }
    remove_if_present(&staging).map_err(|e| with_path(e, &staging))?;
    remove_if_present(&old).map_err(|e| with_path(e, &old))?;
    std::fs::create_dir_all(&staging).map_err(|e| with_path(e, &staging))?;

    let result = write_all(&staging, files).and_then(|()| swap_in(&staging, out, &old));
    if result.is_err() {
        let _ = remove_if_present(&staging);
    }
    result
}

/// Puts the previous site back if a build was killed between the two renames of
/// `swap_in`: `out` is gone and only its retired copy is left. Called first by every
/// build, so the site is back even when this build then fails.
pub fn restore_interrupted_swap(out: &Path) -> io::Result<()> {
    let (_, old) = siblings(out)?;
    if !out.exists() && old.is_dir() {
        std::fs::rename(&old, out).map_err(|e| with_path(e, &old))?;
    }
    Ok(())
}

fn write_all(staging: &Path, files: &[OutputFile]) -> io::Result<()> {
    let mut dirs: Vec<PathBuf> =
        files.iter().filter_map(|f| Path::new(&f.path).parent().map(Path::to_path_buf)).collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        let full = staging.join(d);
        std::fs::create_dir_all(&full).map_err(|e| with_path(e, &full))?;
    }
    files.par_iter().try_for_each(|f| {
        let dest = staging.join(&f.path);
        crate::fault::before_write(f).map_err(|e| with_path(e, &dest))?;
        match &f.content {
            Content::Bytes(b) => std::fs::write(&dest, b).map_err(|e| with_path(e, &dest)),
            Content::Copy(src) => std::fs::copy(src, &dest).map(|_| ()).map_err(|e| with_path(e, src)),
        }
    })
}

fn swap_in(staging: &Path, out: &Path, old: &Path) -> io::Result<()> {
    if out.exists() {
        std::fs::rename(out, old).map_err(|e| with_path(e, out))?;
        if let Err(e) = std::fs::rename(staging, out) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(old, out);
            return Err(with_path(e, out));
        }
        remove_if_present(old).map_err(|e| with_path(e, old))
    } else {
        std::fs::rename(staging, out).map_err(|e| with_path(e, out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_output_and_leaves_no_staging_behind() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        publish(&out, &[OutputFile::bytes("a/index.html".into(), b"one".to_vec())]).unwrap();
        publish(&out, &[OutputFile::bytes("b.txt".into(), b"two".to_vec())]).unwrap();
        assert!(!out.join("a/index.html").exists(), "old files must go");
        assert_eq!(std::fs::read(out.join("b.txt")).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn a_failed_write_keeps_the_previous_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        publish(&out, &[OutputFile::bytes("index.html".into(), b"good".to_vec())]).unwrap();
        let missing = OutputFile::copy("img.png".into(), dir.path().join("does-not-exist.png"));
        assert!(publish(&out, &[OutputFile::bytes("index.html".into(), b"new".to_vec()), missing]).is_err());
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"good");
        assert!(!dir.path().join(".public.langso-staging").exists());
    }
}
