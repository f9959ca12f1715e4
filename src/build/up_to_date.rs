//! A build with nothing changed does nothing. What a build reads is the site root's
//! `content/` and `themes/`, the options that shape the output (`--base-url`) and the
//! langso program itself; their fingerprint (`inputs`) and the listing of the folder it
//! wrote are recorded in the output's marker once the site is in place
//! (`output::seal`). The next build into the same folder, if the inputs' fingerprint is
//! the same, the folder lists the same files at the same sizes and none is newer than the
//! marker, reports the site up to date instead of building it again: the same bytes,
//! since a build's output depends on its inputs alone. `--force` builds anyway.
//!
//! Everything is compared by content, not by modification time (a `git checkout` touches
//! files it does not change); a symbolic link anywhere in the inputs, an unreadable file
//! or the tests' injected faults turn the shortcut off, and the build runs as before.

use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::output::{self, Listing, hex};

/// The version of the record's layout and of what the fingerprint covers.
const RECORD: &str = "record 1";

/// What a sealed output was built from and holds.
#[derive(Debug, PartialEq, Eq)]
pub struct Record {
    /// The inputs' fingerprint.
    pub inputs: String,
    pub files: usize,
    pub bytes: u64,
    /// The listing's digest (`output::Listing`).
    pub listing: String,
    /// The build's warnings (a build with errors writes nothing).
    pub warnings: usize,
}

impl Record {
    pub fn text(&self) -> String {
        let Record { inputs, files, bytes, listing, warnings } = self;
        format!("{RECORD}\ninputs {inputs}\nfiles {files} {bytes} {listing}\nwarnings {warnings}\n")
    }

    fn parse(text: &str) -> Option<Record> {
        let mut lines = text.lines();
        (lines.next()? == RECORD).then_some(())?;
        let inputs = lines.next()?.strip_prefix("inputs ")?.to_string();
        let mut files = lines.next()?.strip_prefix("files ")?.split(' ');
        let (count, bytes, listing) = (files.next()?.parse().ok()?, files.next()?.parse().ok()?, files.next()?);
        let warnings = lines.next()?.strip_prefix("warnings ")?.parse().ok()?;
        Some(Record { inputs, files: count, bytes, listing: listing.to_string(), warnings })
    }

    /// The record of the folder `out` as a build just wrote it.
    pub fn of(out: &Path, inputs: String, warnings: usize) -> Option<Record> {
        let Listing { files, bytes, digest, .. } = output::listing(out)?;
        Some(Record { inputs, files, bytes, listing: digest, warnings })
    }
}

/// The fingerprint of everything a build of `root` reads, with `base_url` as given on the
/// command line; `None` when the shortcut must not be taken.
pub fn inputs(root: &Path, base_url: Option<&str>) -> Option<String> {
    if output::fault::active() {
        return None;
    }
    let program = std::fs::read(std::env::current_exe().ok()?).ok()?;
    let mut h = Sha256::new();
    h.update(format!("{RECORD}\nlangso {}\n", hex(&Sha256::digest(&program))));
    h.update(format!("base-url {base_url:?}\n"));
    for folder in ["content", "themes"] {
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(root.join(folder)).sort_by_file_name() {
            let entry = match entry {
                Err(e) if e.io_error().is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound) => break,
                e => e.ok()?,
            };
            let kind = entry.file_type();
            if kind.is_symlink() || !(kind.is_dir() || kind.is_file()) {
                return None;
            }
            let rel = entry.path().strip_prefix(root).ok()?.to_str()?.to_string();
            files.push((rel, kind.is_file()));
        }
        let digests: Vec<String> = files
            .par_iter()
            .map(|(rel, is_file)| match is_file {
                true => {
                    std::fs::read(root.join(rel)).ok().map(|b| format!("{rel}\tfile {}\n", hex(&Sha256::digest(&b))))
                }
                false => Some(format!("{rel}\tfolder\n")),
            })
            .collect::<Option<_>>()?;
        digests.iter().for_each(|d| h.update(d));
    }
    Some(hex(&h.finalize()))
}

/// The record of `out` if it still holds what a build from `inputs` wrote there.
pub fn unchanged(out: &Path, inputs: &str) -> Option<Record> {
    let (text, sealed) = output::seal_of(out)?;
    let record = Record::parse(&text).filter(|r| r.inputs == inputs)?;
    let now = output::listing(out)?;
    let same = now.files == record.files && now.bytes == record.bytes && now.digest == record.listing;
    (same && now.newest.is_none_or(|t| t <= sealed)).then_some(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_written_and_nothing_else_does() {
        let r = Record { inputs: "ab".repeat(32), files: 3, bytes: 120, listing: "cd".repeat(32), warnings: 2 };
        assert_eq!(Record::parse(&r.text()), Some(r));
        assert_eq!(Record::parse("record 0\ninputs x\nfiles 1 2 y\nwarnings 0\n"), None);
        assert_eq!(Record::parse("record 1\ninputs x\nfiles 1 y\nwarnings 0\n"), None);
        assert_eq!(Record::parse(""), None);
    }
}
