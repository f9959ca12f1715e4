//! `langso build` as a recipe of named, timed stages: load, render Markdown and
//! check links, render pages, publish. Content errors stop the build before anything
//! is written, so the previous site stays online.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::diag::{self, Diagnostic, msg};
use crate::load::registry::{is_site_address, normalize_base_url};
use crate::load::{self};
use crate::model::Lang;
use crate::output;
use crate::render::{self, theme::Theme};

pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    /// Replace `out` even when it is a non-empty folder that is not a previous langso output.
    pub force: bool,
}

/// What a successful build did.
pub struct BuildReport {
    /// Warnings only: a build with errors does not succeed.
    pub diagnostics: Vec<Diagnostic>,
    pub out: PathBuf,
    pub files: usize,
    pub bytes: u64,
    pub stages: Vec<(&'static str, Duration)>,
}

pub enum BuildError {
    /// The content has errors (exit 1). All diagnostics, warnings included, sorted.
    Content(Vec<Diagnostic>),
    /// Usage, theme or I/O failure (exit 2).
    Fatal(String),
}

struct Stages(Vec<(&'static str, Duration)>, Instant);

impl Stages {
    fn done(&mut self, name: &'static str) {
        let now = Instant::now();
        self.0.push((name, now - self.1));
        self.1 = now;
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
    let mut stages = Stages(Vec::new(), Instant::now());

    let (mut site, mut diags) = load::load_site(root);
    if let Some(url) = &opts.base_url {
        // The same rule as site.yaml's base_url: it starts every link, feed entry and share tag.
        if !is_site_address(url) {
            let lang = site.config.language;
            return Err(BuildError::Fatal(format!(
                "--base-url: {} [invalid-url]; {}",
                msg!("invalid-url", url = url).render(lang),
                msg!("invalid-url-help").render(lang)
            )));
        }
        site.config.base_url = normalize_base_url(url);
    }
    stages.done("load");
    let theme = Theme::load(root, &site.config.theme, site.config.language).map_err(|e| BuildError::Fatal(e.0))?;
    stages.done("theme");
    let docs = render::render_documents(&site, root, &mut diags);
    stages.done("markdown");
    diag::sort(&mut diags);
    if diag::has_errors(&diags) {
        return Err(BuildError::Content(diags));
    }
    let write_error = |e: std::io::Error| BuildError::Fatal(cannot_write(e, lang));
    let publisher = output::Publisher::begin(&out).map_err(write_error)?;
    let (files, bytes) = (AtomicUsize::new(0), AtomicU64::new(0));
    let emit = |f: output::OutputFile| {
        let size = publisher.write(&f).map_err(|e| render::RenderError(cannot_write(e, lang)))?;
        files.fetch_add(1, Ordering::Relaxed);
        bytes.fetch_add(size, Ordering::Relaxed);
        Ok(())
    };
    render::render_site(&site, root, &docs, &theme, publisher.previous(), &emit).map_err(|e| BuildError::Fatal(e.0))?;
    stages.done("pages");
    publisher.finish().map_err(write_error)?;
    stages.done("swap");
    let (files, bytes) = (files.into_inner(), bytes.into_inner());
    Ok(BuildReport { diagnostics: diags, out, files, bytes, stages: stages.0 })
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
