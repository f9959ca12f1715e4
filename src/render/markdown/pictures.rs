//! Images as a reader on a phone over a slow link needs them (docs/photos.md). A linked
//! JPEG, PNG, WebP or GIF is read and checked when its document is rendered: its header
//! (`photo::check`: HEIC by its bytes, a damaged file, a decompression bomb, a photo too
//! small to look sharp) and, for `langso check`, a whole decode, so that a build of what
//! check passed cannot fail on a photo. A photo is then planned (`photo::plan`): its
//! `<img>` is written here with the `srcset` of its WebP variants, `sizes`, `width` and
//! `height` (the page does not jump while it loads), and `loading="lazy"` and
//! `decoding="async"` unless it is the document's first image. The variants are encoded
//! when the page's files are made (`Renderer::assets`), from the same plan.

use std::collections::HashMap;

use pulldown_cmark::{Event, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

use super::{Asset, Ctx, Need, Picture};
use crate::diag::{Location, Severity, msg};
use crate::load::linked;
use crate::photo::{self, Kind, PhotoError, SETTINGS};

/// What the image column is wide: the text column (`.prose`, 46rem) inside the page's
/// padding (1rem a side) on a screen narrower than 48rem.
const SIZES: &str = "(max-width: 48rem) calc(100vw - 2rem), 46rem";

impl Ctx<'_> {
    /// The picture of the image at `resolved`, whose name says JPEG, PNG, WebP or GIF,
    /// once its bytes pass the checks (a warning is reported and passes); `Err` after
    /// reporting an error. Only a page's rendering plans a photo (it hashes the bytes).
    pub(super) fn picture(&mut self, resolved: &str, dest: &str, offset: usize) -> Result<Option<Picture>, ()> {
        let bytes = match linked::read(self.root, resolved) {
            Ok(b) => b,
            Err(e) => {
                let message = msg!("unreadable-file", path = dest, error = e.to_string());
                self.error("unreadable-file", offset, message, msg!("unreadable-file-help"));
                return Err(());
            }
        };
        let kind = photo::sniff(&bytes);
        if matches!(kind, Kind::Svg | Kind::Other) {
            // A document renamed `anh.jpg`: no browser would show it.
            return self.photo_problem(dest, offset, &PhotoError::Corrupt("not an image".into())).map(|()| None);
        }
        if let Some(p) = photo::check(dest, &bytes, &SETTINGS) {
            let severity = p.severity;
            let (line, column) = self.at(offset);
            self.diags.push(p.diagnostic(Location::new(&self.doc.path, line, column)));
            if severity == Severity::Error {
                return Err(());
            }
        }
        if !kind.processed() {
            // A GIF is published as it is; its header gives the page its size.
            let header = photo::header(&bytes).ok();
            return Ok(header.map(|h| Picture::Sized { width: h.width, height: h.height }));
        }
        match self.need {
            Need::Checks => match photo::decodes(&bytes, &SETTINGS) {
                Ok(()) => Ok(None),
                Err(e) => self.photo_problem(dest, offset, &e).map(|()| None),
            },
            Need::Page => match photo::plan(&bytes, &SETTINGS) {
                Ok(plan) => Ok(Some(Picture::Photo(plan))),
                Err(e) => self.photo_problem(dest, offset, &e).map(|()| None),
            },
        }
    }

    /// Reports why a photo cannot be published: always `Err`, as every such finding is an error.
    fn photo_problem(&mut self, dest: &str, offset: usize, e: &PhotoError) -> Result<(), ()> {
        if let Some(p) = photo::check::problem(dest, e) {
            let (line, column) = self.at(offset);
            self.diags.push(p.diagnostic(Location::new(&self.doc.path, line, column)));
        }
        Err(())
    }
}

/// The events with every image (`![alt](dest "title")` and its alt text's events) turned
/// into the HTML of its `<img>` or `<picture>`: `assets` says, by the URL the image was
/// rewritten to, what each is.
pub(super) fn write_images<'a>(events: Vec<Event<'a>>, assets: &[Asset]) -> Vec<Event<'a>> {
    let by_url: HashMap<String, &Asset> = assets.iter().map(|a| (super::links::asset_url(&a.relative), a)).collect();
    let mut out = Vec::with_capacity(events.len());
    let mut first = true;
    let mut events = events.into_iter();
    while let Some(event) = events.next() {
        let Event::Start(Tag::Image { dest_url, title, .. }) = event else {
            out.push(event);
            continue;
        };
        let alt = alt_text(&mut events);
        let picture = by_url.get(dest_url.as_ref()).and_then(|a| a.picture.as_ref().map(|p| (p, *a)));
        out.push(Event::Html(img(&dest_url, &title, &alt, picture, first).into()));
        first = false;
    }
    out
}

/// The plain text of an image's description, up to its end (as pulldown-cmark's own
/// writer makes the `alt` of an image with emphasis or code inside).
fn alt_text<'a>(events: &mut impl Iterator<Item = Event<'a>>) -> String {
    let mut alt = String::new();
    let mut depth = 1;
    for event in events.by_ref() {
        match event {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) | Event::InlineMath(t) => {
                alt.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}

/// One image's HTML. A photo's `src` is its fallback (its largest variant in its own
/// format), and its WebP variants are offered in a `<picture>` (an `<img srcset>` when
/// the source is WebP already): every URL names the photo's key, so a browser may keep
/// it for ever. Any other image keeps its own URL.
fn img(src: &str, title: &str, alt: &str, picture: Option<(&Picture, &Asset)>, first: bool) -> String {
    let variant_url = |plan: &photo::Plan, asset: &Asset, v| {
        let (dir, name) = asset.relative.rsplit_once('/').map_or(("", asset.relative.as_str()), |(d, n)| (d, n));
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let file = plan.file_name(stem, v);
        let path = if dir.is_empty() { file } else { format!("{dir}/{file}") };
        let mut url = String::new();
        let _ = escape_href(&mut url, &super::links::srcset_url(&path));
        url
    };
    let mut tag = String::from("<img src=\"");
    match picture {
        Some((Picture::Photo(plan), asset)) => {
            tag.push_str(&variant_url(plan, asset, *plan.variants.last().expect("a photo has variants")))
        }
        _ => {
            let _ = escape_href(&mut tag, src);
        }
    }
    tag.push_str("\" alt=\"");
    let _ = escape_html(&mut tag, alt);
    tag.push('"');
    if !title.is_empty() {
        tag.push_str(" title=\"");
        let _ = escape_html(&mut tag, title);
        tag.push('"');
    }
    let mut srcset = None;
    match picture {
        Some((Picture::Photo(plan), asset)) => {
            let candidates: Vec<String> =
                plan.webp().map(|v| format!("{} {}w", variant_url(plan, asset, v), v.0)).collect();
            srcset = Some(candidates.join(", "));
            tag.push_str(&format!(" width=\"{}\" height=\"{}\"", plan.width, plan.height));
        }
        Some((Picture::Sized { width, height }, _)) => tag.push_str(&format!(" width=\"{width}\" height=\"{height}\"")),
        None => {}
    }
    if !first {
        tag.push_str(" loading=\"lazy\" decoding=\"async\"");
    }
    let webp_source =
        matches!(picture, Some((Picture::Photo(p), _)) if p.variants.iter().all(|v| v.2 == photo::Format::WebP));
    match srcset {
        None => format!("{tag}>"),
        Some(set) if webp_source => format!("{tag} srcset=\"{set}\" sizes=\"{SIZES}\">"),
        Some(set) => {
            format!("<picture><source type=\"image/webp\" srcset=\"{set}\" sizes=\"{SIZES}\">{tag}></picture>")
        }
    }
}
