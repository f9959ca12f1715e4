//! Faults injected for tests. A full disk cannot be made on every machine that
//! runs the tests (a size-limited mount needs privileges), so debug builds read
//! `LANGSO_TEST_DISK_FULL_AFTER=<bytes>`: once the site's files written so far pass
//! that many bytes, the next write fails as a full disk does. A bug that panics is
//! fixed once found, so debug builds also read `LANGSO_TEST_PANIC_ON=<text>`: rendering a
//! pilot's case study that contains the text panics (what `serve` must survive). Release
//! builds compile none of this.
//!
//! It lives inside `output`, whose writes it fails and whose `OutputFile` it measures;
//! render reaches it through `output` (`output::fault::panic_if_marked`), which render
//! already uses, so no module and its seam use each other.

use std::io;

use super::OutputFile;

/// The environment variable that sets the injected disk's size in bytes.
pub const DISK_FULL_AFTER: &str = "LANGSO_TEST_DISK_FULL_AFTER";

/// Fails like a full disk when writing `file` would pass the injected size.
#[cfg(debug_assertions)]
pub(crate) fn before_write(file: &OutputFile) -> io::Result<()> {
    use super::Content;
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicU64, Ordering};

    static LIMIT: OnceLock<Option<u64>> = OnceLock::new();
    static WRITTEN: AtomicU64 = AtomicU64::new(0);
    let Some(limit) = *LIMIT.get_or_init(|| std::env::var(DISK_FULL_AFTER).ok()?.parse().ok()) else {
        return Ok(());
    };
    let len = match &file.content {
        Content::Bytes(b) => b.len() as u64,
        Content::Drawn(recipe) => recipe.draw().len() as u64,
        Content::Copy(p) | Content::Reuse(p) => std::fs::metadata(p).map(|m| m.len()).unwrap_or(0),
    };
    if WRITTEN.fetch_add(len, Ordering::Relaxed) + len > limit {
        return Err(io::Error::new(io::ErrorKind::StorageFull, "No space left on device (injected by the tests)"));
    }
    Ok(())
}

#[cfg(not(debug_assertions))]
#[inline(always)]
pub(crate) fn before_write(_: &OutputFile) -> io::Result<()> {
    Ok(())
}

/// The environment variable naming the text whose presence in a case study panics.
pub const PANIC_ON: &str = "LANGSO_TEST_PANIC_ON";

/// Panics when `text` holds the injected text.
#[cfg(debug_assertions)]
pub(crate) fn panic_if_marked(text: &str) {
    use std::sync::OnceLock;

    static MARK: OnceLock<Option<String>> = OnceLock::new();
    if let Some(mark) = MARK.get_or_init(|| std::env::var(PANIC_ON).ok().filter(|m| !m.is_empty()))
        && text.contains(mark.as_str())
    {
        panic!("a panic injected by the tests ({PANIC_ON})");
    }
}

#[cfg(not(debug_assertions))]
#[inline(always)]
pub(crate) fn panic_if_marked(_: &str) {}

/// Whether the tests inject a fault: a build then always runs whole, never reporting an
/// unchanged site up to date (`build::up_to_date`).
#[cfg(debug_assertions)]
pub fn active() -> bool {
    std::env::var_os(DISK_FULL_AFTER).is_some() || std::env::var_os(PANIC_ON).is_some()
}

#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn active() -> bool {
    false
}
