//! Links and images: where a relative link or image resolves (never outside the site
//! root; a pilot's or page's URL, or a file in the document's own folder), links to the
//! site's own pages (`@/…`), the checks a linked file must pass before it is copied beside
//! the page (kind, size, SVG, portable names), and the links to headings kept to be checked
//! once every document is rendered.

use super::{AnchorLink, Asset, Ctx};
use crate::diag::human_size;
use crate::diag::{Location, msg};
use crate::load::linked::{self, LinkedFile};
use crate::load::source::IMAGE_LIMIT;
use crate::render::raw_html::has_scheme;
use crate::render::site_links::{self, normalize};

/// What a relative link resolved to.
enum Resolved {
    /// A site-relative content path, lexically normalised.
    Path(String),
    /// The link left the site root.
    Outside,
}
impl Ctx<'_> {
    /// Rejects forms no relative link may take; returns false after reporting.
    fn acceptable_path(&mut self, dest: &str, offset: usize) -> bool {
        if dest.starts_with('/') {
            self.error("absolute-path", offset, msg!("absolute-path", dest = dest), msg!("absolute-path-help"));
            return false;
        }
        if dest.contains('\\') {
            self.error("backslash-path", offset, msg!("backslash-path", dest = dest), msg!("backslash-path-help"));
            return false;
        }
        true
    }

    fn resolve(&self, path: &str) -> Resolved {
        let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let mut parts: Vec<&str> = self.doc.dir.split('/').filter(|s| !s.is_empty()).collect();
        for seg in decoded.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Resolved::Outside;
                    }
                }
                s => parts.push(s),
            }
        }
        let mut joined = parts.join("/");
        if decoded.ends_with('/') {
            joined.push('/');
        }
        Resolved::Path(joined)
    }

    /// `C:\Users\…\anh.jpg`: a file on the editor's own computer, which no reader can open.
    fn on_this_computer(&mut self, dest: &str, offset: usize) -> bool {
        let b = dest.as_bytes();
        if !(b.len() > 2 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/')) {
            return false;
        }
        let name = dest.rsplit(['\\', '/']).next().unwrap_or(dest);
        self.error(
            "absolute-path",
            offset,
            msg!("computer-path", dest = dest),
            msg!("computer-path-help", name = name),
        );
        true
    }

    pub(super) fn link(&mut self, dest: &str, offset: usize) -> String {
        if self.on_this_computer(dest, offset) {
            return String::new();
        }
        if let Some(path) = site_links::site_path(dest, &self.targets.base_url) {
            return self.site_link(dest, path, offset);
        }
        if dest.is_empty() || has_scheme(dest) || dest.starts_with("//") {
            return dest.to_string();
        }
        if let Some(fragment) = dest.strip_prefix('#') {
            self.record_anchor(self.doc.path.clone(), fragment, offset);
            return dest.to_string();
        }
        if !self.acceptable_path(dest, offset) {
            return String::new();
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        let resolved = match self.resolve(path) {
            Resolved::Path(p) => p,
            Resolved::Outside => {
                self.error(
                    "path-outside",
                    offset,
                    msg!("path-outside-site", dest = dest),
                    msg!("path-outside-link-help"),
                );
                return String::new();
            }
        };
        self.out.links_to.push(resolved.clone());
        if let Some((target_doc, url)) = self.targets.lookup(&resolved) {
            let href = format!("{}{url}{}", self.base_path, fragment.map(|f| format!("#{f}")).unwrap_or_default());
            if let Some(f) = fragment {
                self.record_anchor(target_doc, f, offset);
            }
            return href;
        }
        let looks_like_content = resolved.starts_with("content/pilots/") && !self.inside_own_folder(&resolved)
            || resolved.starts_with("content/pages/")
            || resolved.ends_with(".md");
        if looks_like_content {
            // `../../tien-giang/…`: a province folder named after a unit merged on 1 July 2025.
            let province = resolved.strip_prefix("content/pilots/").and_then(|r| r.split('/').next());
            let help = province
                .and_then(|p| crate::load::mistakes::merged_unit(p, &self.targets.provinces))
                .unwrap_or_else(|| msg!("broken-link-help"));
            self.error("broken-link", offset, msg!("broken-link", dest = dest, resolved = &resolved), help);
            return String::new();
        }
        match self.asset(&resolved, dest, offset, "broken-link") {
            Some(rel) => format!("{rel}{}", fragment.map(|f| format!("#{f}")).unwrap_or_default()),
            None => String::new(),
        }
    }

    /// A link to a page the site publishes (`@/provinces/nghe-an/`, or the site's own
    /// address): its URL under the base path, or an error naming the forms that work.
    fn site_link(&mut self, dest: &str, path: &str, offset: usize) -> String {
        let (path, fragment) = match path.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (path, None),
        };
        let path = normalize(path.split('?').next().unwrap_or(path));
        self.out.links_to.extend(site_links::content_path(&path));
        let Some(document) = self.targets.published.get(&path) else {
            let known = self.targets.published.keys().map(String::as_str);
            let province = path.strip_prefix("provinces/").map(|p| p.trim_end_matches('/'));
            let merged = province.and_then(|p| crate::load::mistakes::merged_unit(p, &self.targets.provinces));
            let help = match (merged, crate::diag::suggest(&path, known)) {
                (Some(merged), _) => merged,
                (None, Some(near)) => msg!("site-link-near-help", near = format!("@/{near}")),
                (None, None) => msg!("site-link-help"),
            };
            let at = format!("@/{path}");
            let message = match dest == at {
                true => msg!("site-link-missing", dest = dest),
                false => msg!("site-link-broken", dest = dest, path = at),
            };
            self.error("broken-link", offset, message, help);
            return String::new();
        };
        if let (Some(doc), Some(f)) = (document, fragment) {
            self.record_anchor(doc.clone(), f, offset);
        }
        format!("{}{path}{}", self.base_path, fragment.map(|f| format!("#{f}")).unwrap_or_default())
    }

    pub(super) fn image(&mut self, dest: &str, offset: usize) -> String {
        if self.on_this_computer(dest, offset) {
            return String::new();
        }
        if has_scheme(dest) || dest.starts_with("//") {
            self.error("external-image", offset, msg!("external-image", dest = dest), msg!("external-image-help"));
            return String::new();
        }
        if !self.acceptable_path(dest, offset) {
            return String::new();
        }
        match self.resolve(dest) {
            Resolved::Path(p) => self.asset(&p, dest, offset, "image-missing").unwrap_or_default(),
            Resolved::Outside => {
                self.error(
                    "path-outside",
                    offset,
                    msg!("path-outside-site", dest = dest),
                    msg!("path-outside-image-help"),
                );
                String::new()
            }
        }
    }

    fn inside_own_folder(&self, resolved: &str) -> bool {
        resolved.strip_prefix(self.doc.dir.as_str()).is_some_and(|rest| rest.starts_with('/') && rest.len() > 1)
    }

    /// A file inside the document's folder, to be copied beside the page. Returns its
    /// path relative to the page.
    fn asset(&mut self, resolved: &str, dest: &str, offset: usize, missing_code: &'static str) -> Option<String> {
        if !self.inside_own_folder(resolved) {
            self.error(
                "path-outside",
                offset,
                msg!("path-outside-folder", dest = dest),
                msg!("path-outside-folder-help"),
            );
            return None;
        }
        let relative = resolved[self.doc.dir.len() + 1..].trim_end_matches('/').to_string();
        let name = relative.rsplit('/').next().unwrap_or("");
        if name == "index.md" || name == "metrics.yaml" || name.starts_with('.') {
            self.error("broken-link", offset, msg!("unpublishable-link", dest = dest), msg!("unpublishable-link-help"));
            return None;
        }
        let len = match linked::inspect(self.root, resolved) {
            LinkedFile::File { len } => len,
            LinkedFile::Missing => {
                self.error(
                    missing_code,
                    offset,
                    msg!("file-missing", dest = dest, resolved = resolved),
                    msg!("file-missing-help"),
                );
                return None;
            }
            LinkedFile::Symlink { link, itself } => {
                let help = if itself { msg!("symlink-file-help") } else { msg!("symlink-folder-help") };
                self.error("symlink", offset, msg!("symlink", path = &link), help);
                return None;
            }
            LinkedFile::Folder => {
                self.error(missing_code, offset, msg!("not-a-file", dest = dest), msg!("not-a-file-help"));
                return None;
            }
            // A named pipe would make the copy wait for a writer, a device copy without end.
            LinkedFile::NotRegular => {
                let message = msg!("not-regular-file", path = dest);
                self.error("unreadable-file", offset, message, msg!("not-regular-file-help"));
                return None;
            }
        };
        if len > IMAGE_LIMIT {
            self.error(
                "file-too-large",
                offset,
                msg!("file-too-large", path = dest, size = human_size(len), limit = human_size(IMAGE_LIMIT)),
                msg!("image-too-large-help"),
            );
            return None;
        }
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".heic") || lower.ends_with(".heif") {
            self.error("unsafe-file", offset, msg!("heic-image", dest = dest), msg!("heic-image-help"));
            return None;
        }
        if !crate::render::linked_file::publishable(name) {
            self.error("unsafe-file", offset, msg!("unsafe-file", dest = dest), msg!("unsafe-file-help"));
            return None;
        }
        let inert = || linked::read(self.root, resolved).is_ok_and(|b| crate::render::linked_file::svg_is_inert(&b));
        if lower.ends_with(".svg") && !inert() {
            self.error("unsafe-svg", offset, msg!("unsafe-svg", dest = dest), msg!("unsafe-svg-help"));
            return None;
        }
        if !self.portable(&relative, offset) {
            return None;
        }
        // Published side by side, two names that differ only in case would overwrite each other
        // on a case-insensitive file system (and cannot both be checked out there).
        let folded = relative.to_lowercase();
        if let Some(other) =
            self.out.assets.iter().find(|a| a.relative != relative && a.relative.to_lowercase() == folded)
        {
            let message = msg!("name-collision", dest = dest, other = &other.relative);
            self.error("name-collision", offset, message, msg!("name-collision-help"));
            return None;
        }
        let url = asset_url(&relative);
        if self.out.assets.iter().any(|a| a.relative == relative) {
            return Some(url);
        }
        let picture = if is_raster_name(&lower) { self.picture(resolved, dest, offset).ok()? } else { None };
        let (line, column) = self.at(offset);
        let source = resolved.trim_end_matches('/').to_string();
        self.out.assets.push(Asset { source, relative, picture, line, column });
        Some(url)
    }

    /// Whether a linked file at `relative` (below the document's folder) can be published
    /// everywhere: every name on its way portable, its published path within the budget.
    fn portable(&mut self, relative: &str, offset: usize) -> bool {
        use crate::portable::{NAME_MAX, check_name, check_path};
        let (line, column) = self.at(offset);
        let at = Location::new(&self.doc.path, line, column);
        if !relative.split('/').all(|name| check_name(name, NAME_MAX, at, self.diags)) {
            return false;
        }
        // Published beside the page: a pilot's under `pilots/<province>/<commune>/`, a page's under `<slug>/`.
        let page_dir = match self.doc.dir.strip_prefix("content/") {
            Some(dir) if dir.starts_with("pilots/") => dir,
            _ => self.doc.path.rsplit('/').next().and_then(|f| f.strip_suffix(".md")).unwrap_or(""),
        };
        check_path(&format!("{page_dir}/{relative}"), at, self.diags)
    }

    fn record_anchor(&mut self, target: String, fragment: &str, offset: usize) {
        let (line, column) = self.at(offset);
        let fragment = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy().into_owned();
        self.out.anchors.push(AnchorLink { target, fragment, line, column });
    }
}

/// Whether a file of this name (lower case) is an image whose bytes are checked and
/// sized (`pictures.rs`).
fn is_raster_name(lower: &str) -> bool {
    [".jpg", ".jpeg", ".png", ".webp", ".gif"].iter().any(|ext| lower.ends_with(ext))
}

const SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'<').add(b'>').add(b'?').add(b'`');

/// The URL, relative to its page, of a file at `relative` below the document's folder.
pub(super) fn asset_url(relative: &str) -> String {
    relative
        .split('/')
        .map(|s| percent_encoding::utf8_percent_encode(s, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// `asset_url` for a `srcset`, where a comma separates candidates.
pub(super) fn srcset_url(relative: &str) -> String {
    const IN_SRCSET: &percent_encoding::AsciiSet = &SEGMENT.add(b',');
    relative
        .split('/')
        .map(|s| percent_encoding::utf8_percent_encode(s, IN_SRCSET).to_string())
        .collect::<Vec<_>>()
        .join("/")
}
