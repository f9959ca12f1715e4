//! The site `langso serve` shows: the pipeline, kept between saves, rendering each
//! change's due outputs into memory. Output files are swapped in only when a whole
//! render succeeded, so a reader never sees half a rebuild, and the last good site stays
//! while the content has errors. Text files are kept compressed and share cards undrawn
//! (`Kept`): a site of 10,000 pilots is over half a gigabyte as built, and the preview must
//! fit a laptop.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::diag::Diagnostic;
use crate::model::Lang;
use crate::output::{Content, Draw, OutputFile};
use crate::photo::PhotoCache;
use crate::pipeline::{BuildError, Changes, Owner, Pipeline, Sink};
use crate::render::RenderError;

/// A successful update.
#[derive(Debug, Default)]
pub struct Update {
    /// Output paths whose bytes changed, appeared or disappeared, sorted.
    pub changed: Vec<String>,
    /// Warnings of the whole site, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// After `update_fast`: deferred outputs are left for the next `update`.
    pub pending: bool,
}

/// One file of the site as the preview keeps it: text (HTML, CSS, scripts, data) deflated,
/// as a fifth of its size or less; a share card as the recipe it is drawn from, drawn when
/// asked for (`output::Draw`); other images as built. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Kept(Stored);

#[derive(Debug, Clone)]
enum Stored {
    Plain(Arc<[u8]>),
    Deflated(Arc<[u8]>),
    Drawn(Arc<dyn Draw>),
}

impl Kept {
    /// Text smaller than this is kept as it is: deflating it saves next to nothing.
    const SMALL: usize = 512;

    pub fn new(path: &str, bytes: Vec<u8>) -> Kept {
        let kind = crate::serve::content_type(path);
        let text = kind.starts_with("text/")
            || ["application/json", "application/xml", "image/svg"].iter().any(|k| kind.starts_with(k));
        if !text || bytes.len() < Kept::SMALL {
            return Kept(Stored::Plain(bytes.into()));
        }
        use std::io::Write as _;
        let mut z =
            flate2::write::DeflateEncoder::new(Vec::with_capacity(bytes.len() / 4), flate2::Compression::fast());
        z.write_all(&bytes).expect("deflating into memory cannot fail");
        Kept(Stored::Deflated(z.finish().expect("deflating into memory cannot fail").into()))
    }

    /// A file kept as its recipe, made each time it is asked for.
    pub fn drawn(recipe: Arc<dyn Draw>) -> Kept {
        Kept(Stored::Drawn(recipe))
    }

    /// The file's bytes as built.
    pub fn bytes(&self) -> std::borrow::Cow<'_, [u8]> {
        match &self.0 {
            Stored::Plain(bytes) => std::borrow::Cow::Borrowed(bytes),
            Stored::Deflated(stored) => {
                use std::io::Read as _;
                let mut bytes = Vec::with_capacity(stored.len() * 5);
                flate2::read::DeflateDecoder::new(&stored[..]).read_to_end(&mut bytes).expect("deflated by `new`");
                std::borrow::Cow::Owned(bytes)
            }
            Stored::Drawn(recipe) => std::borrow::Cow::Owned(recipe.draw()),
        }
    }
}

/// Whether two kept files hold the same bytes: deflating is deterministic, and recipes with
/// one key make the same bytes.
impl PartialEq for Kept {
    fn eq(&self, other: &Kept) -> bool {
        match (&self.0, &other.0) {
            (Stored::Plain(a), Stored::Plain(b)) | (Stored::Deflated(a), Stored::Deflated(b)) => a == b,
            (Stored::Drawn(a), Stored::Drawn(b)) => a.key() == b.key(),
            _ => false,
        }
    }
}

/// The pipeline of one site and the files it rendered, in memory.
pub struct Preview {
    pipeline: Pipeline,
    /// The site as last rendered without errors: path → file.
    outputs: HashMap<String, Kept>,
    /// The output paths each owner rendered last.
    owned: BTreeMap<Owner, Vec<String>>,
}

/// A file as the preview holds it: its output path and what it keeps of it.
type File = (String, Kept);

/// What one render made, by owner, held until it has all succeeded.
#[derive(Default)]
struct Batch(Mutex<Vec<(Owner, Vec<File>)>>);

impl Sink for Batch {
    fn put(&self, owner: Owner, files: Vec<OutputFile>) -> Result<(), RenderError> {
        // Copied files are read now, before anything changes, so a failure leaves the site
        // whole; files are deflated here, on the render's threads.
        let files = files
            .into_iter()
            .map(|f| {
                let kept = match f.content {
                    Content::Bytes(b) => Kept::new(&f.path, b),
                    Content::Copy(src) | Content::Reuse(src) => Kept::new(
                        &f.path,
                        std::fs::read(&src)
                            .map_err(|e| RenderError(format!("cannot read `{}`: {e}", src.display())))?,
                    ),
                    Content::Drawn(recipe) => Kept::drawn(recipe),
                };
                Ok((f.path, kept))
            })
            .collect::<Result<Vec<File>, _>>()?;
        self.0.lock().expect("batch").push((owner, files));
        Ok(())
    }
}

impl Preview {
    /// An empty site for `root`; the first `update` builds it. `base_url` overrides site.yaml's.
    pub fn new(root: &Path, base_url: Option<String>) -> Self {
        Preview {
            pipeline: Pipeline::new(root, base_url).with_photos(PhotoCache::in_memory()),
            outputs: HashMap::new(),
            owned: BTreeMap::new(),
        }
    }

    /// A new, empty preview for the same site and address: what replaces one an update
    /// left half-changed (a panic); its first `update` builds everything.
    pub fn fresh(&self) -> Self {
        Preview { pipeline: self.pipeline.fresh(), outputs: HashMap::new(), owned: BTreeMap::new() }
    }

    pub fn root(&self) -> &Path {
        self.pipeline.root()
    }

    /// The site's language (for wording diagnostics), once loaded.
    pub fn language(&self) -> Option<Lang> {
        self.pipeline.language()
    }

    /// The site as last rendered without errors.
    pub fn outputs(&self) -> &HashMap<String, Kept> {
        &self.outputs
    }

    pub fn output(&self, path: &str) -> Option<Kept> {
        self.outputs.get(path).cloned()
    }

    /// Brings the site up to date with `changes`. On content errors or a broken theme,
    /// the previous outputs stay as they were.
    pub fn update(&mut self, changes: &Changes) -> Result<Update, BuildError> {
        self.update_with(changes, false)
    }

    /// `update`, leaving the deferrable aggregates (the search index) for later: the pages
    /// are up to date, and `Update::pending` says whether a following `update` (with no
    /// changes, or more) has those left to render. The preview tells open pages to reload
    /// in between.
    pub fn update_fast(&mut self, changes: &Changes) -> Result<Update, BuildError> {
        self.update_with(changes, true)
    }

    fn update_with(&mut self, changes: &Changes, defer: bool) -> Result<Update, BuildError> {
        let diagnostics = self.pipeline.update(changes)?;
        let batch = Batch::default();
        let rendered = self.pipeline.render(&batch, defer, None)?;

        let mut changed = BTreeSet::new();
        let mut removed = Vec::new();
        if rendered.owners_may_be_gone {
            let pipeline = &self.pipeline;
            self.owned.retain(|owner, paths| {
                let live = pipeline.is_live(owner);
                if !live {
                    removed.append(paths);
                }
                live
            });
        }
        let mut written = Vec::new();
        for (owner, files) in batch.0.into_inner().expect("batch") {
            let paths = files.iter().map(|(p, _)| p.clone()).collect();
            removed.extend(self.owned.insert(owner, paths).unwrap_or_default());
            written.extend(files);
        }
        let written_paths: BTreeSet<&str> = written.iter().map(|(p, _)| p.as_str()).collect();
        for p in removed {
            if !written_paths.contains(p.as_str()) && self.outputs.remove(&p).is_some() {
                changed.insert(p);
            }
        }
        // Deflating is deterministic: the same bytes are kept the same.
        for (path, kept) in written {
            if self.outputs.get(&path).is_none_or(|old| *old != kept) {
                self.outputs.insert(path.clone(), kept);
                changed.insert(path);
            }
        }
        Ok(Update { changed: changed.into_iter().collect(), diagnostics, pending: rendered.pending })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_cards_are_kept_as_recipes_and_drawn_when_asked_for() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut preview = Preview::new(root, None);
        preview.update(&Changes::Everything).expect("the shipped site builds");
        let cards: Vec<(&String, &Kept)> = preview
            .outputs()
            .iter()
            .filter(|(path, _)| path.starts_with("share/") && path.ends_with(".png") && *path != "share/site.png")
            .collect();
        assert!(cards.len() >= 12, "{} pilot cards", cards.len());
        for (path, kept) in cards {
            assert!(matches!(kept.0, Stored::Drawn(_)), "{path} is held drawn");
            let png = kept.bytes();
            assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 4096, "{path}: {} bytes", png.len());
            assert!(*kept == kept.clone() && *kept != Kept::new(path, png.into_owned()));
        }
    }
}
