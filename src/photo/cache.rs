//! Photos processed once: a photo's variants are found by its `Key` (the source bytes and
//! the settings) before anything is decoded, in three places, and only encoded when none
//! has them.
//!
//! 1. Memory: `langso serve` keeps one `PhotoCache::in_memory` across rebuilds.
//! 2. The previous site: every variant is published under a name holding its key
//!    (`stem.<key>.960x720.webp`), so a rebuild lists the image's folder in the output it
//!    replaces and reads the variants back, as share cards are reused. This needs no
//!    folder outside `--out` (the content format: `build` writes nothing outside `--out`
//!    that outlives the run).
//! 3. A cache folder the user names (`PhotoCache::with_dir`): what a CI run restores
//!    and saves, one folder per key. Entries are written under a temporary name and
//!    renamed into place, so a killed build never leaves half an entry.
//!
//! The cache folder also keeps the pilots' share cards (`card`, by the card's key: its
//! design's version and its texts), so a CI build into a new folder draws none it drew
//! before; in memory they are not kept (the preview holds its pages already).
//!
//! `prune` drops what the last run did not ask for. Counting `encoded` lets a test prove
//! that a warm cache encodes nothing.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::probe::{self, Kind};
use super::variants::process;
use super::{Format, Key, Photo, PhotoError, Settings, Variant};

/// Where the site being replaced published an image's variants.
#[derive(Debug, Clone, Copy)]
pub struct Previous<'a> {
    /// The previous output folder (`--out`).
    pub out: &'a Path,
    /// The image's folder inside it, relative, `/`-separated: `pilots/an-giang/thoai-giang`.
    pub dir: &'a str,
    /// The image's file name without its extension: `anh-1` for `anh-1.jpg`.
    pub stem: &'a str,
}

#[derive(Debug, Default)]
pub struct PhotoCache {
    /// Photos kept between runs (serve); `None` for a build, which may see thousands.
    memory: Option<Mutex<HashMap<Key, Arc<Photo>>>>,
    dir: Option<PathBuf>,
    used: Mutex<BTreeSet<Key>>,
    cards_used: Mutex<BTreeSet<String>>,
    encoded: AtomicUsize,
}

/// The cache folder's subfolder of share cards, one `<key>.png` each.
const CARDS: &str = "cards";

impl PhotoCache {
    /// A cache that keeps nothing: a build without `--cache` (the previous site is still read).
    pub fn none() -> PhotoCache {
        PhotoCache::default()
    }

    /// A cache in memory, for a process that builds many times (`langso serve`).
    pub fn in_memory() -> PhotoCache {
        PhotoCache { memory: Some(Mutex::default()), ..PhotoCache::default() }
    }

    /// A cache in the folder `dir` (created if missing), which the user named.
    pub fn with_dir(dir: PathBuf) -> std::io::Result<PhotoCache> {
        std::fs::create_dir_all(&dir)?;
        Ok(PhotoCache { dir: Some(dir), ..PhotoCache::default() })
    }

    /// How many photos this cache has processed (decoded and encoded) since it was made.
    pub fn encoded(&self) -> usize {
        self.encoded.load(Ordering::Relaxed)
    }

    /// How many different photos were asked for since the last prune.
    pub fn asked(&self) -> usize {
        self.used.lock().unwrap().len()
    }

    /// The variants of the photo `source`: from memory, the previous site or the cache
    /// folder if one has them, else processed now (and stored in memory and the folder).
    pub fn photo(
        &self,
        source: &[u8],
        settings: &Settings,
        previous: Option<Previous<'_>>,
    ) -> Result<Arc<Photo>, PhotoError> {
        let key = Key::of(source, settings);
        self.used.lock().unwrap().insert(key);
        if let Some(p) = self.memory.as_ref().and_then(|m| m.lock().unwrap().get(&key).cloned()) {
            return Ok(p);
        }
        let kind = probe::sniff(source);
        let found = previous
            .and_then(|p| from_previous(p, key, kind, settings))
            .or_else(|| self.dir.as_ref().and_then(|d| from_dir(d, key, kind, settings)));
        let photo = match found {
            Some(p) => Arc::new(p),
            None => {
                let p = Arc::new(process(source, settings)?);
                self.encoded.fetch_add(1, Ordering::Relaxed);
                p
            }
        };
        if let Some(dir) = &self.dir
            && !dir.join(key.hex()).is_dir()
        {
            // A full disk leaves the cache incomplete, never the build failed.
            let _ = store(dir, &photo);
        }
        if let Some(m) = &self.memory {
            m.lock().unwrap().insert(key, photo.clone());
        }
        Ok(photo)
    }

    /// The PNG of the share card whose key is `key` (letters, digits and `-` only): from the
    /// cache folder if it holds it, else drawn by `draw` and kept there. Without a folder,
    /// drawn.
    pub fn card(&self, key: &str, draw: impl FnOnce() -> Vec<u8>) -> Vec<u8> {
        let Some(dir) = self.dir.as_ref().filter(|_| is_card_key(key)) else { return draw() };
        self.cards_used.lock().unwrap().insert(key.to_string());
        let path = dir.join(CARDS).join(format!("{key}.png"));
        if let Ok(bytes) = std::fs::read(&path) {
            return bytes;
        }
        let bytes = draw();
        // A full disk leaves the cache incomplete, never the build failed.
        let _ = write_whole(&path, &bytes);
        bytes
    }

    /// Forgets every photo not asked for since the last prune (or since the cache was
    /// made), in memory and in the cache folder; returns how many folder entries went.
    /// Call it after a run that asked for every photo of the site (a full build), not after
    /// a partial rebuild.
    pub fn prune(&self) -> std::io::Result<usize> {
        let used = std::mem::take(&mut *self.used.lock().unwrap());
        if let Some(m) = &self.memory {
            m.lock().unwrap().retain(|k, _| used.contains(k));
        }
        let cards = std::mem::take(&mut *self.cards_used.lock().unwrap());
        let Some(dir) = &self.dir else { return Ok(0) };
        let keep: BTreeSet<String> = used.iter().map(Key::hex).collect();
        let mut removed = 0;
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            // Only what this cache writes: 64 hexadecimal digits, or one being written.
            let hex = name.split('.').next().unwrap_or("");
            let ours = hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit());
            if ours && (name.len() > 64 || !keep.contains(&name)) {
                std::fs::remove_dir_all(entry.path())?;
                removed += 1;
            }
        }
        // Share cards: only names this cache writes, and only when cards were asked for
        // (a run that drew no card says nothing of which are unused).
        if let Ok(entries) = std::fs::read_dir(dir.join(CARDS))
            && !cards.is_empty()
        {
            for entry in entries {
                let entry = entry?;
                let name = entry.file_name().to_string_lossy().into_owned();
                let key = name.strip_suffix(".png").unwrap_or("");
                if is_card_key(key) && !cards.contains(key) {
                    std::fs::remove_file(entry.path())?;
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }
}

/// Variants named `<prefix><width>x<height>.<ext>` among `names`, read by `read`.
fn variants_named(
    names: impl Iterator<Item = String>,
    prefix: &str,
    read: impl Fn(&str) -> Option<Vec<u8>>,
) -> Option<Vec<Variant>> {
    let mut variants = Vec::new();
    for name in names {
        let Some(tail) = name.strip_prefix(prefix) else { continue };
        let (size, ext) = tail.split_once('.')?;
        let (w, h) = size.split_once('x')?;
        let format = Format::from_extension(ext)?;
        let (width, height) = (w.parse().ok()?, h.parse().ok()?);
        variants.push(Variant { width, height, format, bytes: Arc::from(read(&name)?) });
    }
    Some(variants)
}

/// The photo made of `variants` if they are exactly what `process` makes for a source of
/// `kind` with these settings: WebP at every width below the largest, and the fallback.
fn assemble(key: Key, kind: Kind, mut variants: Vec<Variant>, settings: &Settings) -> Option<Photo> {
    variants.sort_by_key(|v| (v.format != Format::WebP, v.width));
    let webp: Vec<&Variant> = variants.iter().filter(|v| v.format == Format::WebP).collect();
    let largest = *webp.last()?;
    let widths: Vec<u32> = webp.iter().map(|v| v.width).collect();
    let fallback = match kind {
        Kind::Jpeg => Some(Format::Jpeg),
        Kind::Png => Some(Format::Png),
        _ => None,
    };
    let others: Vec<(Format, u32, u32)> =
        variants.iter().filter(|v| v.format != Format::WebP).map(|v| (v.format, v.width, v.height)).collect();
    let expected_others: Vec<(Format, u32, u32)> =
        fallback.map(|f| (f, largest.width, largest.height)).into_iter().collect();
    if widths != settings.widths_for(largest.width) || others != expected_others {
        return None;
    }
    let (width, height) = (largest.width, largest.height);
    Some(Photo { key, width, height, variants })
}

fn from_previous(p: Previous<'_>, key: Key, kind: Kind, settings: &Settings) -> Option<Photo> {
    let folder = p.out.join(p.dir);
    let names = std::fs::read_dir(&folder).ok()?.filter_map(|e| e.ok()?.file_name().into_string().ok());
    let prefix = format!("{}.{}.", p.stem, key.short());
    let variants = variants_named(names, &prefix, |name| std::fs::read(folder.join(name)).ok())?;
    assemble(key, kind, variants, settings)
}

fn from_dir(dir: &Path, key: Key, kind: Kind, settings: &Settings) -> Option<Photo> {
    let folder = dir.join(key.hex());
    let names = std::fs::read_dir(&folder).ok()?.filter_map(|e| e.ok()?.file_name().into_string().ok());
    let variants = variants_named(names, "", |name| std::fs::read(folder.join(name)).ok())?;
    assemble(key, kind, variants, settings)
}

fn is_card_key(key: &str) -> bool {
    !key.is_empty() && key.len() <= 64 && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Writes `bytes` to `path` under a temporary name first, then renamed: whole or absent.
fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(path.parent().expect("a file in a folder"))?;
    let temporary = path.with_extension(format!("{}.tmp", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

/// Writes the photo's entry into the cache folder: first under a temporary name, then
/// renamed, so an entry is whole or absent.
fn store(dir: &Path, photo: &Photo) -> std::io::Result<()> {
    let temporary = dir.join(format!("{}.{}.tmp", photo.key.hex(), std::process::id()));
    std::fs::create_dir_all(&temporary)?;
    for v in &photo.variants {
        std::fs::write(temporary.join(v.tail()), &v.bytes)?;
    }
    let result = std::fs::rename(&temporary, dir.join(photo.key.hex()));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&temporary);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photo::SETTINGS;
    use crate::photo::samples::{jpeg_bytes, picture};

    fn sources() -> Vec<Vec<u8>> {
        vec![jpeg_bytes(&picture(1000, 600, 7), 88), jpeg_bytes(&picture(500, 300, 8), 88)]
    }

    /// Publishes `photo`'s variants as a build would, under `out/dir/`.
    fn publish(out: &Path, dir: &str, stem: &str, photo: &Photo) {
        std::fs::create_dir_all(out.join(dir)).unwrap();
        for v in &photo.variants {
            std::fs::write(out.join(dir).join(photo.file_name(stem, v)), &v.bytes).unwrap();
        }
    }

    #[test]
    fn a_warm_cache_folder_gives_the_same_bytes_and_encodes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let cold = PhotoCache::with_dir(dir.path().join("cache")).unwrap();
        let first: Vec<Arc<Photo>> = sources().iter().map(|s| cold.photo(s, &SETTINGS, None).unwrap()).collect();
        assert_eq!(cold.encoded(), 2);

        // A new process (a CI run with the folder restored).
        let warm = PhotoCache::with_dir(dir.path().join("cache")).unwrap();
        let again: Vec<Arc<Photo>> = sources().iter().map(|s| warm.photo(s, &SETTINGS, None).unwrap()).collect();
        assert_eq!(warm.encoded(), 0, "nothing encoded twice");
        assert_eq!(first, again, "byte for byte the same variants");

        // Without any cache: the same bytes too.
        let none = PhotoCache::none();
        let fresh: Vec<Arc<Photo>> = sources().iter().map(|s| none.photo(s, &SETTINGS, None).unwrap()).collect();
        assert_eq!((none.encoded(), &first), (2, &fresh));
    }

    #[test]
    fn a_rebuild_reads_the_previous_sites_variants() {
        let dir = tempfile::tempdir().unwrap();
        let src = &sources()[0];
        let photo = PhotoCache::none().photo(src, &SETTINGS, None).unwrap();
        publish(dir.path(), "pilots/a/b", "anh.1", &photo);
        let previous = Previous { out: dir.path(), dir: "pilots/a/b", stem: "anh.1" };

        let rebuild = PhotoCache::none();
        assert_eq!(rebuild.photo(src, &SETTINGS, Some(previous)).unwrap(), photo);
        assert_eq!(rebuild.encoded(), 0);

        // Another source under the same name, another stem, or a variant missing: encoded.
        let other = &sources()[1];
        assert_ne!(*rebuild.photo(other, &SETTINGS, Some(previous)).unwrap(), *photo);
        assert_eq!(rebuild.encoded(), 1);
        let renamed = Previous { stem: "anh", ..previous };
        rebuild.photo(src, &SETTINGS, Some(renamed)).unwrap();
        assert_eq!(rebuild.encoded(), 2);
        std::fs::remove_file(dir.path().join("pilots/a/b").join(photo.file_name("anh.1", &photo.variants[1]))).unwrap();
        assert_eq!(rebuild.photo(src, &SETTINGS, Some(previous)).unwrap(), photo);
        assert_eq!(rebuild.encoded(), 3);
    }

    #[test]
    fn memory_keeps_photos_across_rebuilds_and_prune_forgets_the_unused() {
        let [a, b] = <[Vec<u8>; 2]>::try_from(sources()).unwrap();
        let serve = PhotoCache::in_memory();
        let first = serve.photo(&a, &SETTINGS, None).unwrap();
        assert!(Arc::ptr_eq(&first, &serve.photo(&a, &SETTINGS, None).unwrap()));
        assert_eq!(serve.encoded(), 1);

        let dir = tempfile::tempdir().unwrap();
        let cache = PhotoCache { memory: Some(Mutex::default()), ..PhotoCache::with_dir(dir.path().into()).unwrap() };
        cache.photo(&a, &SETTINGS, None).unwrap();
        cache.photo(&b, &SETTINGS, None).unwrap();
        assert_eq!(cache.prune().unwrap(), 0);
        cache.photo(&a, &SETTINGS, None).unwrap();
        assert_eq!(cache.encoded(), 2);

        // `b` was not asked for in the last run: gone from memory and the folder.
        std::fs::create_dir(dir.path().join("not-ours")).unwrap();
        assert_eq!(cache.prune().unwrap(), 1);
        let entries: BTreeSet<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        let key = |s: &[u8]| Key::of(s, &SETTINGS).hex();
        assert_eq!(entries, BTreeSet::from([key(&a), "not-ours".to_string()]));
        cache.photo(&b, &SETTINGS, None).unwrap();
        assert_eq!(cache.encoded(), 3);
    }

    #[test]
    fn a_refused_source_is_not_cached() {
        let cache = PhotoCache::in_memory();
        let heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic";
        assert_eq!(cache.photo(heic, &SETTINGS, None), Err(PhotoError::Heif));
        assert_eq!(cache.encoded(), 0);
    }
}
