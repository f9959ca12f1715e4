//! Watching `content/` and the site's `themes/` for saves. Events are debounced (a
//! change is handed on once the folder has been quiet for `DEBOUNCE`), so an editor's
//! write-to-temporary-then-rename arrives as one change of the real file; reads, and
//! temporary and backup files, are ignored. `--poll` scans instead of asking the system
//! (network drives, some containers), at the cost of a little latency. It compares each
//! file's modification time to the nanosecond, its size and its inode: notify's own
//! `PollWatcher` compares whole seconds only, and so misses a second save within a second.
//! A watch ends with the folder it watches: the site root is watched too, so a
//! `content/` or `themes/` deleted and made again (a branch switch, a restore) is
//! watched anew and rebuilt whole.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::diag::msg;
use crate::load::is_editor_temporary;
use crate::model::Lang;
use crate::pipeline::Changes;

/// Quiet time after the last event of a save before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(20);
const POLL_INTERVAL: Duration = Duration::from_millis(300);

type Events = Sender<notify::Result<notify::Event>>;

/// The watcher; it stops when dropped.
pub(crate) struct Watch {
    handle: Handle,
    /// `content/` and `themes/`, each with the folder its watch is on (`None`: none is).
    folders: [(PathBuf, Option<FolderId>); 2],
}

/// Which folder is at a path: another one made in its place has another id.
type FolderId = (u64, u64);

fn folder_id(path: &Path) -> Option<FolderId> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    return Some((std::os::unix::fs::MetadataExt::dev(&meta), std::os::unix::fs::MetadataExt::ino(&meta)));
    #[cfg(not(unix))]
    Some((0, 0))
}

enum Handle {
    Native(notify::RecommendedWatcher),
    /// Set to stop the scanning thread.
    Poll(Arc<AtomicBool>),
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let Handle::Poll(stop) = &self.handle {
            stop.store(true, Ordering::Relaxed);
        }
    }
}

impl Watch {
    /// `Err` is worded in `lang`.
    pub(crate) fn start(root: &Path, poll: bool, tx: Sender<Changes>, lang: Lang) -> Result<Watch, String> {
        let (events_tx, events_rx) = mpsc::channel::<notify::Result<notify::Event>>();
        std::thread::spawn(move || debounce(events_rx, tx));
        if poll {
            let stop = Arc::new(AtomicBool::new(false));
            let (roots, flag) = (vec![root.join("content"), root.join("themes")], Arc::clone(&stop));
            // The first scan before returning: a save right after the server says it is
            // ready must differ from it, not be part of it.
            let first = scan(&roots);
            std::thread::spawn(move || scan_every_interval(&roots, first, &flag, &events_tx));
            // Scanning sees folders come and go by itself.
            let folders = [(root.join("content"), None), (root.join("themes"), None)];
            return Ok(Watch { handle: Handle::Poll(stop), folders });
        }
        let mut watcher = notify::RecommendedWatcher::new(events_tx, notify::Config::default())
            .map_err(|e| cannot_watch(root, e, lang))?;
        let content = root.join("content");
        watcher.watch(&content, RecursiveMode::Recursive).map_err(|e| cannot_watch(root, e, lang))?;
        // Sees `content/` and `themes/` come and go; `refresh` then watches inside them.
        watcher.watch(root, RecursiveMode::NonRecursive).map_err(|e| cannot_watch(root, e, lang))?;
        let folders = [(content.clone(), folder_id(&content)), (root.join("themes"), None)];
        let mut w = Watch { handle: Handle::Native(watcher), folders };
        w.refresh();
        Ok(w)
    }

    /// Watches inside `content/` and `themes/` when either was made (again) since the
    /// last call: whether one was, in which case saves made in it before were not seen.
    pub(crate) fn refresh(&mut self) -> bool {
        let Handle::Native(watcher) = &mut self.handle else { return false };
        let mut attached = false;
        for (path, watched) in &mut self.folders {
            let now = folder_id(path);
            if now == *watched {
                continue;
            }
            // The old folder's watch ended with it; notify may still list it.
            let _ = watcher.unwatch(path);
            *watched = now.filter(|_| watcher.watch(path, RecursiveMode::Recursive).is_ok());
            attached |= watched.is_some();
        }
        attached
    }
}

/// Why the folders cannot be watched, with the way out: `--poll`.
fn cannot_watch(root: &Path, e: notify::Error, lang: Lang) -> String {
    msg!("serve-cannot-watch", root = root.display().to_string(), error = e.to_string()).render(lang)
}

/// Gathers events until none came for `DEBOUNCE`, then hands on the paths they name.
fn debounce(events: Receiver<notify::Result<notify::Event>>, tx: Sender<Changes>) {
    while let Ok(first) = events.recv() {
        let mut paths = Vec::new();
        let mut everything = false;
        let mut add = |e: notify::Result<notify::Event>| match e {
            Ok(e) if e.need_rescan() => everything = true,
            Ok(e) if matches!(e.kind, EventKind::Access(_)) => {}
            Ok(e) => paths.extend(
                e.paths
                    .into_iter()
                    .filter(|p| !p.file_name().is_some_and(|n| is_editor_temporary(&n.to_string_lossy()))),
            ),
            // The system dropped events (e.g. its queue overflowed): rebuild everything.
            Err(_) => everything = true,
        };
        add(first);
        // A folder that never goes quiet is still rebuilt every second.
        let deadline = Instant::now() + Duration::from_secs(1);
        while let Ok(e) = events.recv_timeout(DEBOUNCE) {
            add(e);
            if Instant::now() > deadline {
                break;
            }
        }
        let changes = if everything {
            Changes::Everything
        } else if paths.is_empty() {
            continue;
        } else {
            paths.sort();
            paths.dedup();
            Changes::Paths(paths)
        };
        if tx.send(changes).is_err() {
            return;
        }
    }
}

/// What a scan notes of a file or folder: a change to any of these is a change.
#[derive(PartialEq, Eq)]
struct Stamp {
    modified: Option<std::time::SystemTime>,
    len: u64,
    inode: u64,
}

fn scan(roots: &[PathBuf]) -> HashMap<PathBuf, Stamp> {
    let mut seen = HashMap::new();
    for root in roots {
        for entry in walkdir::WalkDir::new(root).into_iter().flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            #[cfg(unix)]
            let inode = std::os::unix::fs::MetadataExt::ino(&meta);
            #[cfg(not(unix))]
            let inode = 0;
            let stamp = Stamp { modified: meta.modified().ok(), len: meta.len(), inode };
            seen.insert(entry.into_path(), stamp);
        }
    }
    seen
}

/// Scans `roots` every `POLL_INTERVAL` and reports each path that appeared, went or changed
/// since `before`.
fn scan_every_interval(roots: &[PathBuf], mut before: HashMap<PathBuf, Stamp>, stop: &AtomicBool, events: &Events) {
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(POLL_INTERVAL);
        let now = scan(roots);
        let mut changed: Vec<PathBuf> =
            now.iter().filter(|(p, s)| before.get(*p) != Some(s)).map(|(p, _)| p.clone()).collect();
        changed.extend(before.keys().filter(|p| !now.contains_key(*p)).cloned());
        before = now;
        if !changed.is_empty() {
            let mut event = notify::Event::new(EventKind::Any);
            event.paths = changed;
            if events.send(Ok(event)).is_err() {
                return;
            }
        }
    }
}
