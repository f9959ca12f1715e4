//! `langso build`: the pipeline run once, everything due, into the output publisher,
//! with the time of each stage (load, Markdown, theme, pages, swap). Content errors stop
//! the build before anything is written, so the previous site stays online. A build
//! whose inputs did not change since the one that wrote `--out` does nothing
//! (`up_to_date`).

pub mod up_to_date;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use crate::diag::{self, Diagnostic, msg};
use crate::load::{self, registry::is_site_address};
use crate::model::Lang;
use crate::output;
use crate::photo::PhotoCache;
pub use crate::pipeline::BuildError;
use crate::pipeline::{Changes, Owner, Pipeline, Sink, Stages};
use crate::render::RenderError;

pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    /// Replace `out` even when it is a non-empty folder that is not a previous langso
    /// output, and build even when nothing changed since the last build.
    pub force: bool,
    /// A folder that keeps processed photos between builds (`--cache`), outside the
    /// output, the content and the themes.
    pub cache: Option<PathBuf>,
}

/// What a successful build did.
pub struct BuildReport {
    /// Warnings only: a build with errors does not succeed.
    pub diagnostics: Vec<Diagnostic>,
    pub out: PathBuf,
    pub files: usize,
    pub bytes: u64,
    pub stages: Vec<(&'static str, Duration)>,
    /// The site's photos (different sources), and how many of them were processed now
    /// rather than found in the previous site or the cache.
    pub photos: usize,
    pub photos_processed: usize,
    /// Nothing changed since the build that wrote `out`, which holds its site still:
    /// nothing was built. `diagnostics` is then empty; this counts that build's warnings.
    pub up_to_date: Option<usize>,
}

/// The build's output folder as a sink of the pipeline, counting what it writes.
struct Publish<'a> {
    publisher: &'a output::Publisher,
    files: AtomicUsize,
    bytes: AtomicU64,
    lang: Lang,
}

impl Sink for Publish<'_> {
    fn put(&self, _owner: Owner, files: Vec<output::OutputFile>) -> Result<(), RenderError> {
        for f in files {
            let size = self.publisher.write(&f).map_err(|e| RenderError(cannot_write(e, self.lang)))?;
            self.files.fetch_add(1, Ordering::Relaxed);
            self.bytes.fetch_add(size, Ordering::Relaxed);
        }
        Ok(())
    }
}

pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let root = &opts.root;
    if !root.join("content").is_dir() {
        return Err(BuildError::Fatal(not_a_site_root(root)));
    }
    // The language of the messages below; the site's diagnostics are worded by the caller.
    let lang = load::registry::load_config(root, &mut Vec::new()).language;
    let out = opts.out.clone().unwrap_or_else(|| root.join("public"));
    check_output_location(root, &out, lang)?;
    output::restore_interrupted_swap(&out)
        .map_err(|e| BuildError::Fatal(msg!("build-restore-failed", error = e.to_string()).render(lang)))?;
    if !opts.force {
        output::check_replaceable(&out).map_err(|m| BuildError::Fatal(m.render(lang)))?;
    }
    if let Some(url) = &opts.base_url {
        // The same rule as site.yaml's base_url: it starts every link, feed entry and share tag.
        if !is_site_address(url) {
            return Err(BuildError::Fatal(format!(
                "--base-url: {} [invalid-url]; {}",
                msg!("invalid-url", url = url).render(lang),
                msg!("invalid-url-help").render(lang)
            )));
        }
    }
    let photos = match &opts.cache {
        Some(dir) => {
            check_cache_location(root, &out, dir, lang)?;
            PhotoCache::with_dir(dir.clone()).map_err(|e| BuildError::Fatal(cannot_write(e, lang)))?
        }
        None => PhotoCache::none(),
    };
    // Taken before anything is read: content changed during the build cannot match it.
    let inputs = up_to_date::inputs(root, opts.base_url.as_deref());
    if let Some(last) = inputs.as_deref().filter(|_| !opts.force).and_then(|i| up_to_date::unchanged(&out, i)) {
        output::clear_leftovers(&out).map_err(|e| BuildError::Fatal(cannot_write(e, lang)))?;
        return Ok(BuildReport {
            diagnostics: Vec::new(),
            out,
            files: last.files,
            bytes: last.bytes,
            stages: Vec::new(),
            photos: 0,
            photos_processed: 0,
            up_to_date: Some(last.warnings),
        });
    }
    let mut pipeline = Pipeline::new(root, opts.base_url.clone()).with_photos(photos);
    let diagnostics = pipeline.update(&Changes::Everything)?;
    let mut stages = Stages::after(pipeline.stages().to_vec());
    let write_error = |e: std::io::Error| BuildError::Fatal(cannot_write(e, lang));
    let publisher = output::Publisher::begin(&out).map_err(write_error)?;
    let sink = Publish { publisher: &publisher, files: AtomicUsize::new(0), bytes: AtomicU64::new(0), lang };
    pipeline.render(&sink, false, publisher.previous())?;
    stages.end("pages");
    let (files, bytes) = (sink.files.into_inner(), sink.bytes.into_inner());
    publisher.finish().map_err(write_error)?;
    // Without the record the next build runs whole: never a reason to fail this one.
    if let Some(record) = inputs.and_then(|i| up_to_date::Record::of(&out, i, diagnostics.len())) {
        let _ = output::seal(&out, &record.text());
    }
    stages.end("swap");
    let (photos, photos_processed) = (pipeline.photos().asked(), pipeline.photos().encoded());
    // Every photo of the site was asked for: what the cache holds besides is unused. A
    // cache that cannot be pruned only stays larger.
    let _ = pipeline.photos().prune();
    Ok(BuildReport { diagnostics, out, files, bytes, stages: stages.done, photos, photos_processed, up_to_date: None })
}

fn cannot_write(e: std::io::Error, lang: Lang) -> String {
    msg!("build-write-failed", error = e.to_string()).render(lang)
}

/// "`root` is not a site root", with the hint to run inside the folder that holds
/// `content/`: in `DEFAULT_LANG`, since there is no site.yaml to read a language from.
pub fn not_a_site_root(root: &Path) -> String {
    let lang = diag::DEFAULT_LANG;
    // In full: "." says nothing to someone who does not know where the terminal is.
    let path = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf()).display().to_string();
    format!("{}\n  {}", msg!("not-a-site-root", root = path).render(lang), msg!("not-a-site-root-help").render(lang))
}

/// Refuses a photo cache where a build would read it as content, or delete it with the
/// output it replaces.
fn check_cache_location(root: &Path, out: &Path, cache: &Path, lang: Lang) -> Result<(), BuildError> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out, cache) = (abs(root), abs(out), abs(cache));
    let inside = [root.join("content"), root.join("themes"), out].iter().any(|p| cache.starts_with(p));
    if inside || root.starts_with(&cache) {
        return Err(BuildError::Fatal(msg!("build-refused-cache", cache = cache.display().to_string()).render(lang)));
    }
    Ok(())
}

/// Refuses an output folder that would replace the site root or its content.
fn check_output_location(root: &Path, out: &Path, lang: Lang) -> Result<(), BuildError> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, out) = (abs(root), abs(out));
    let content = root.join("content");
    if root.starts_with(&out) || out.starts_with(&content) || out.starts_with(root.join("themes")) {
        return Err(BuildError::Fatal(msg!("build-refused-out", out = out.display().to_string()).render(lang)));
    }
    Ok(())
}
