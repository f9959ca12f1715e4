//! The only code that writes the site. Files go to a staging folder beside the
//! output folder as they are rendered (a large site is never held in memory whole),
//! and the staging folder is swapped into place only once everything was written; a
//! failed or killed build therefore leaves the previous site as it was, and the next
//! run clears whatever staging folder a killed one left behind. The swap is two renames
//! (`out` aside, staging in); a build killed between them left no `out`, and the next
//! run puts the retired site back before anything else (`restore_interrupted_swap`).
//!
//! Every site written holds the marker file `.langso-output` (`MARKER`), so that a later
//! build knows the folder is its own to replace: a non-empty folder without it (someone's
//! documents, given as `--out` by mistake) is refused unless `--force`
//! (`check_replaceable`). The marker's text says only that, harmless when it is
//! published with the site; once the site is in place, the build adds its record of
//! what it was built from and what it wrote (`seal`), which a later build reads to know
//! whether the folder still holds exactly that (`build::up_to_date`).
//!
//! A file whose bytes equal the previous site's is hard-linked from it instead of
//! written again: a rebuild writes only what changed, and unchanged files keep their
//! modification time for whatever deploys the folder.

pub mod fault;

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::diag::{Msg, msg};

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
    /// A file of the previous site kept as it is (a share card drawn from the same text).
    Reuse(PathBuf),
    /// Bytes made when they are wanted (a share card): a build makes them as it writes the
    /// file; the preview keeps the recipe and makes them when a browser asks.
    Drawn(Arc<dyn Draw>),
}

/// How to make a file's bytes, kept instead of the bytes where they are large and seldom
/// read: a share card is 14 KB drawn and a few hundred bytes of text undrawn, and the
/// preview of 10,000 pilots would otherwise hold 138 MB of cards nobody looks at.
pub trait Draw: Send + Sync {
    /// Names the bytes: two recipes with one key make the same bytes.
    fn key(&self) -> &str;
    fn draw(&self) -> Vec<u8>;
}

impl std::fmt::Debug for dyn Draw {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Drawn({})", self.key())
    }
}

impl OutputFile {
    pub fn bytes(path: String, bytes: Vec<u8>) -> Self {
        OutputFile { path, content: Content::Bytes(bytes) }
    }
    pub fn copy(path: String, source: PathBuf) -> Self {
        OutputFile { path, content: Content::Copy(source) }
    }
    pub fn reuse(path: String, previous: PathBuf) -> Self {
        OutputFile { path, content: Content::Reuse(previous) }
    }
    pub fn drawn(path: String, recipe: Arc<dyn Draw>) -> Self {
        OutputFile { path, content: Content::Drawn(recipe) }
    }
}

/// The file every output folder holds, naming it a langso output that a build may replace.
pub const MARKER: &str = ".langso-output";
const MARKER_TEXT: &str = "This folder was written by `langso build`, which replaces all of it on the next build.\n";

/// What the folder `out` holds, from a walk: every file but the marker, by path and
/// size, and the newest modification time among them.
#[derive(Debug, PartialEq, Eq)]
pub struct Listing {
    pub files: usize,
    pub bytes: u64,
    /// SHA-256 of the sorted `path\tsize\n` lines.
    pub digest: String,
    /// The latest modification time of a file (and of the marker: `seal`'s, compared).
    pub newest: Option<std::time::SystemTime>,
}

/// Lists `out`; `None` if it cannot be read whole or holds anything but folders and
/// files (a build writes no symbolic link).
pub fn listing(out: &Path) -> Option<Listing> {
    use sha2::Digest;
    let mut digest = sha2::Sha256::new();
    let (mut files, mut bytes, mut newest) = (0, 0, None);
    for entry in walkdir::WalkDir::new(out).min_depth(1).sort_by_file_name() {
        let entry = entry.ok()?;
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(out).ok()?.to_str()?;
        if !kind.is_file() {
            return None;
        }
        if rel == MARKER {
            continue;
        }
        let meta = entry.metadata().ok()?;
        digest.update(format!("{rel}\t{}\n", meta.len()));
        (files, bytes) = (files + 1, bytes + meta.len());
        newest = newest.max(Some(meta.modified().ok()?));
    }
    Some(Listing { files, bytes, digest: hex(&digest.finalize()), newest })
}

/// `bytes` in lowercase hexadecimal (a digest, as records write it).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes `record` into `out`'s marker after the marker's own text (through a temporary
/// file, so the marker is always whole). Call last, once nothing else is written to `out`:
/// a file changed later is newer than the marker.
pub fn seal(out: &Path, record: &str) -> io::Result<()> {
    let (temp, marker) = (out.join(format!("{MARKER}.tmp")), out.join(MARKER));
    std::fs::write(&temp, format!("{MARKER_TEXT}{record}")).map_err(|e| with_path(e, &temp))?;
    std::fs::rename(&temp, &marker).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        with_path(e, &marker)
    })
}

/// The record `seal` left in `out`'s marker, and the marker's modification time.
pub fn seal_of(out: &Path) -> Option<(String, std::time::SystemTime)> {
    let marker = out.join(MARKER);
    let text = std::fs::read_to_string(&marker).ok()?;
    let record = text.strip_prefix(MARKER_TEXT)?;
    let modified = std::fs::symlink_metadata(&marker).ok().filter(|m| m.is_file())?.modified().ok()?;
    (!record.is_empty()).then(|| (record.to_string(), modified))
}

/// Whether a build may replace `out`: it is missing, an empty folder, or a previous langso
/// output (it holds `MARKER`, or was written before the marker existed: it holds the
/// schema only langso publishes). `Err` says why not and how to proceed, in the
/// catalog's words.
pub fn check_replaceable(out: &Path) -> Result<(), Msg> {
    let is_file = |rel: &str| std::fs::symlink_metadata(out.join(rel)).is_ok_and(|m| m.is_file());
    let path = out.display().to_string();
    let unreadable = |e: io::Error| msg!("out-unreadable", path = &path, error = e.to_string());
    let meta = match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(unreadable(e)),
        Ok(m) => m,
    };
    if meta.is_dir() {
        let mut entries = std::fs::read_dir(out).map_err(unreadable)?;
        if entries.next().is_none() || is_file(MARKER) || is_file("schema/metrics.schema.json") {
            return Ok(());
        }
    }
    let what = if meta.is_dir() {
        msg!("out-is-full-folder")
    } else if meta.is_symlink() {
        msg!("out-is-link")
    } else {
        msg!("out-is-not-folder")
    };
    Err(msg!("out-not-langso", path = &path, what = what, marker = MARKER))
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
    let publisher = Publisher::begin(out)?;
    files.par_iter().try_for_each(|f| publisher.write(f).map(|_| ()))?;
    publisher.finish()
}

/// A new site being written into the staging folder of `out`. Dropped before `finish`,
/// it removes the staging folder and leaves `out` as it was.
pub struct Publisher {
    out: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    /// The site being replaced, if there is one.
    previous: Option<PathBuf>,
    /// Folders of the staging folder made so far: making one costs a system call even
    /// when it exists, and a site has a folder for nearly every page.
    made: Mutex<HashSet<PathBuf>>,
    finished: bool,
}

impl Publisher {
    pub fn begin(out: &Path) -> io::Result<Publisher> {
        clear_leftovers(out)?;
        let (staging, old) = siblings(out)?;
        std::fs::create_dir_all(&staging).map_err(|e| with_path(e, &staging))?;
        let marker = staging.join(MARKER);
        std::fs::write(&marker, MARKER_TEXT).map_err(|e| with_path(e, &marker))?;
        let previous = out.is_dir().then(|| out.to_path_buf());
        let made = Mutex::new(HashSet::from([staging.clone()]));
        Ok(Publisher { out: out.to_path_buf(), staging, old, previous, made, finished: false })
    }

    /// The site being replaced, whose files may be reused.
    pub fn previous(&self) -> Option<&Path> {
        self.previous.as_deref()
    }

    /// Writes one file (from any thread); returns its size.
    pub fn write(&self, f: &OutputFile) -> io::Result<u64> {
        let dest = self.staging.join(&f.path);
        fault::before_write(f).map_err(|e| with_path(e, &dest))?;
        if let Some(dir) = dest.parent()
            && !self.made.lock().expect("no writer panics").contains(dir)
        {
            std::fs::create_dir_all(dir).map_err(|e| with_path(e, dir))?;
            self.made.lock().expect("no writer panics").insert(dir.to_path_buf());
        }
        let write_bytes = |b: &[u8]| {
            if !self.link_if_unchanged(&f.path, b, &dest) {
                std::fs::write(&dest, b).map_err(|e| with_path(e, &dest))?;
            }
            Ok(b.len() as u64)
        };
        match &f.content {
            Content::Bytes(b) => write_bytes(b),
            Content::Drawn(recipe) => write_bytes(&recipe.draw()),
            Content::Copy(src) => std::fs::copy(src, &dest).map_err(|e| with_path(e, src)),
            Content::Reuse(src) => {
                if std::fs::hard_link(src, &dest).is_err() {
                    std::fs::copy(src, &dest).map_err(|e| with_path(e, src))?;
                }
                std::fs::metadata(&dest).map(|m| m.len()).map_err(|e| with_path(e, &dest))
            }
        }
    }

    /// Links the previous site's file at `path` to `dest` if it holds exactly `bytes`.
    fn link_if_unchanged(&self, path: &str, bytes: &[u8], dest: &Path) -> bool {
        let Some(previous) = &self.previous else { return false };
        let old = previous.join(path);
        let same_size = std::fs::symlink_metadata(&old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
        same_size && holds(&old, bytes) && std::fs::hard_link(&old, dest).is_ok()
    }

    /// Swaps the new site into place.
    pub fn finish(mut self) -> io::Result<()> {
        self.finished = true;
        let result = swap_in(&self.staging, &self.out, &self.old);
        if result.is_err() {
            let _ = remove_if_present(&self.staging);
        }
        result
    }
}

/// Whether the file at `path` holds exactly `bytes`, read a piece at a time: the largest
/// downloads are tens of megabytes, and reading the previous one whole beside the new one
/// raised a rebuild's memory peak by as much.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read as _;
    let Ok(mut file) = std::fs::File::open(path) else { return false };
    let mut piece = vec![0u8; 64 * 1024];
    let mut rest = bytes;
    loop {
        match file.read(&mut piece) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if n <= rest.len() && piece[..n] == rest[..n] => rest = &rest[n..],
            Ok(_) => return false,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// The first `limit` bytes of the previous site's file at `path` (and that file's full path),
/// for an output that may keep the previous one when it was made from the same input.
pub fn previous_head(previous: &Path, path: &str, limit: u64) -> Option<(PathBuf, Vec<u8>)> {
    use std::io::Read;
    let file = previous.join(path);
    let mut head = Vec::new();
    std::fs::File::open(&file).ok()?.take(limit).read_to_end(&mut head).ok()?;
    Some((file, head))
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

/// Puts back a site a killed build left aside, and removes the staging and retired
/// folders it left beside `out`: what every build does first, whether it then writes
/// (`Publisher::begin`) or not (`build::up_to_date`).
pub fn clear_leftovers(out: &Path) -> io::Result<()> {
    restore_interrupted_swap(out)?;
    let (staging, old) = siblings(out)?;
    remove_if_present(&staging).map_err(|e| with_path(e, &staging))?;
    remove_if_present(&old).map_err(|e| with_path(e, &old))
}

impl Drop for Publisher {
    fn drop(&mut self) {
        if !self.finished {
            let _ = remove_if_present(&self.staging);
        }
    }
}

fn swap_in(staging: &Path, out: &Path, old: &Path) -> io::Result<()> {
    if out.exists() {
        std::fs::rename(out, old).map_err(|e| with_path(e, out))?;
        if let Err(e) = std::fs::rename(staging, out) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(old, out);
            return Err(with_path(e, out));
        }
        remove_tree(old).map_err(|e| with_path(e, old))
    } else {
        std::fs::rename(staging, out).map_err(|e| with_path(e, out))
    }
}

/// Removes a folder and everything in it, its subfolders in parallel: a large site's
/// previous copy is tens of thousands of files.
fn remove_tree(dir: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        // A file or a symbolic link replaced by `--force`: the link goes, never what it points at.
        Ok(m) if !m.is_dir() => return std::fs::remove_file(dir),
        _ => {}
    }
    let entries: Vec<std::fs::DirEntry> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.collect::<io::Result<_>>()?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    entries.par_iter().try_for_each(|e| {
        if e.file_type()?.is_dir() { remove_tree(&e.path()) } else { std::fs::remove_file(e.path()) }
    })?;
    std::fs::remove_dir(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    #[test]
    fn a_file_holds_exactly_its_bytes_across_pieces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        // Larger than one piece, so the comparison goes on past the first read.
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        assert!(holds(&path, &bytes));
        assert!(!holds(&path, &bytes[..bytes.len() - 1]), "a shorter text");
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(!holds(&path, &longer), "a longer text");
        let mut changed = bytes.clone();
        changed[150_000] ^= 1;
        assert!(!holds(&path, &changed), "one byte changed after the first piece");
        assert!(!holds(&dir.path().join("missing"), b""));
    }

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
    fn only_a_missing_or_empty_folder_or_a_previous_output_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        assert!(check_replaceable(&out).is_ok(), "missing");
        std::fs::create_dir(&out).unwrap();
        assert!(check_replaceable(&out).is_ok(), "empty");
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let refused = check_replaceable(&out).unwrap_err().render(Lang::En);
        assert!(refused.contains("--force") && refused.contains(MARKER), "{refused}");
        let vi = check_replaceable(&out).unwrap_err().render(Lang::Vi);
        assert!(vi.contains("--force") && vi.contains("không phải do langso"), "{vi}");
        publish(&out, &[OutputFile::bytes("index.html".into(), b"site".to_vec())]).unwrap_or_else(|e| panic!("{e}"));
        assert!(check_replaceable(&out).is_ok(), "a previous output");
        let file = dir.path().join("file");
        std::fs::write(&file, "x").unwrap();
        assert!(check_replaceable(&file).is_err(), "a file");
    }

    #[test]
    fn a_forced_output_that_is_a_link_is_replaced_without_touching_what_it_points_at() {
        let dir = tempfile::tempdir().unwrap();
        let (target, out) = (dir.path().join("www"), dir.path().join("public"));
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("keep.txt"), "mine").unwrap();
        std::os::unix::fs::symlink(&target, &out).unwrap();
        assert!(check_replaceable(&out).unwrap_err().render(Lang::En).contains("symbolic link"));
        publish(&out, &[OutputFile::bytes("index.html".into(), b"site".to_vec())]).unwrap();
        assert_eq!(std::fs::read(target.join("keep.txt")).unwrap(), b"mine");
        assert!(std::fs::symlink_metadata(&out).unwrap().is_dir() && out.join("index.html").is_file());
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
