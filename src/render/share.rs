//! What a link shows when it is shared (Zalo, Facebook, e-mail previews) and what a browser
//! or search engine needs besides the page: a 1200×630 PNG card per pilot and one for the
//! site (networks do not show SVG previews, so the cards are rasterized here, with no
//! outside service), the favicons and web manifest, and the pilot's JSON-LD.
//!
//! The cards are drawn with fontdue from a subset of DejaVu Sans (Latin and Vietnamese
//! letters, about 20 KB per face, embedded in the binary; licence in `fonts/`), on flat
//! colours into palette indices, so a card costs about 2 ms and 23 KB
//! (`examples/card_bench.rs`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::LazyLock;

use fontdue::{Font, FontSettings};
use serde::Serialize;

use super::theme::I18n;
use super::url;
use crate::model::*;
use crate::output::OutputFile;
use crate::photo::PhotoCache;

pub const CARD_WIDTH: usize = 1200;
pub const CARD_HEIGHT: usize = 630;

static REGULAR: LazyLock<Font> = LazyLock::new(|| load_font(include_bytes!("fonts/DejaVuSans-vi.ttf")));
static BOLD: LazyLock<Font> = LazyLock::new(|| load_font(include_bytes!("fonts/DejaVuSans-Bold-vi.ttf")));

fn load_font(bytes: &[u8]) -> Font {
    Font::from_bytes(bytes, FontSettings::default()).expect("the embedded font parses")
}

type Rgb = [u8; 3];
// The theme's colours (style.css: --brand, --brand-dark, --ink, --muted, --soft).
const BRAND: Rgb = [0x0b, 0x6e, 0x4f];
const BRAND_DARK: Rgb = [0x07, 0x53, 0x3b];
const INK: Rgb = [0x1d, 0x27, 0x33];
const MUTED: Rgb = [0x5b, 0x67, 0x73];
const SOFT: Rgb = [0xf3, 0xf6, 0xf4];
const WHITE: Rgb = [0xff, 0xff, 0xff];

/// A picture drawn with flat rectangles and antialiased text, kept as indices into the
/// palette of the colours it uses (coverage is kept to 16 steps, so a card has well under
/// 256 colours): a third of the memory of RGB, no conversion before the indexed PNG, and it
/// compresses to a few kilobytes.
#[derive(Clone)]
struct Canvas {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
    palette: Vec<Rgb>,
    /// Per colour drawn: (its palette index, the palette index of its mix over each colour
    /// under it at each coverage step, `UNKNOWN` until first needed). A lookup per pixel,
    /// where a card has hundreds of thousands of them.
    mixes: Vec<(u8, Box<[u16; 256 * 16]>)>,
}

const UNKNOWN: u16 = u16::MAX;

/// A colour being drawn: its palette index and its row in `Canvas::mixes`.
#[derive(Clone, Copy)]
struct Ink {
    index: u8,
    mixes: usize,
}

impl Canvas {
    fn new(width: usize, height: usize, background: Rgb) -> Canvas {
        Canvas { width, height, pixels: vec![0; width * height], palette: vec![background], mixes: Vec::new() }
    }

    fn index_of(&mut self, c: Rgb) -> u8 {
        match self.palette.iter().position(|p| *p == c) {
            Some(i) => i as u8,
            None => {
                assert!(self.palette.len() < 256, "a card has at most 256 colours");
                self.palette.push(c);
                (self.palette.len() - 1) as u8
            }
        }
    }

    fn ink(&mut self, color: Rgb) -> Ink {
        let index = self.index_of(color);
        let mixes = match self.mixes.iter().position(|(i, _)| *i == index) {
            Some(m) => m,
            None => {
                self.mixes.push((index, Box::new([UNKNOWN; 256 * 16])));
                self.mixes.len() - 1
            }
        };
        Ink { index, mixes }
    }

    /// Mixes `ink` into one pixel with coverage `alpha` (0..=255).
    fn blend(&mut self, x: usize, y: usize, ink: Ink, alpha: u8) {
        if x < self.width && y < self.height {
            self.blend_at(y * self.width + x, ink, alpha);
        }
    }

    /// `blend` at a pixel's index, known to be inside the picture.
    #[inline(always)]
    fn blend_at(&mut self, i: usize, ink: Ink, alpha: u8) {
        // 16 steps of coverage look the same on a card and keep the palette small.
        let step = ((alpha as u32 + 8) / 17) as usize;
        if step == 0 {
            return;
        }
        if step == 15 {
            self.pixels[i] = ink.index;
            return;
        }
        let under = self.pixels[i];
        let slot = under as usize * 16 + step;
        let known = self.mixes[ink.mixes].1[slot];
        self.pixels[i] = if known != UNKNOWN { known as u8 } else { self.new_mix(under, ink, step, slot) };
    }

    #[cold]
    fn new_mix(&mut self, under: u8, ink: Ink, step: usize, slot: usize) -> u8 {
        let a = step as u32 * 17;
        let (old, new) = (self.palette[under as usize], self.palette[ink.index as usize]);
        let mix = std::array::from_fn(|k| ((old[k] as u32 * (255 - a) + new[k] as u32 * a + 127) / 255) as u8);
        let m = self.index_of(mix);
        self.mixes[ink.mixes].1[slot] = m as u16;
        m
    }

    fn rect(&mut self, x0: usize, y0: usize, x1: usize, y1: usize, color: Rgb) {
        let c = self.index_of(color);
        for y in y0..y1.min(self.height) {
            let row = y * self.width;
            self.pixels[row + x0.min(self.width)..row + x1.min(self.width)].fill(c);
        }
    }

    /// A square with rounded corners (radius `r`), antialiased by the distance to the corner.
    fn rounded_square(&mut self, size: usize, r: f32, color: Rgb) {
        let s = size as f32;
        let ink = self.ink(color);
        for y in 0..size {
            for x in 0..size {
                let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                let cx = px.clamp(r, s - r);
                let cy = py.clamp(r, s - r);
                let d = ((px - cx).powi(2) + (py - cy).powi(2)).sqrt();
                let cover = (r + 0.5 - d).clamp(0.0, 1.0);
                self.blend(x, y, ink, (cover * 255.0).round() as u8);
            }
        }
    }

    /// Draws `text` with its baseline at `y`, starting at `x`; returns the x after it.
    fn text(&mut self, font: &'static Font, px: f32, x: f32, y: f32, text: &str, color: Rgb) -> f32 {
        let mut pen = x;
        let ink = self.ink(color);
        for ch in text.chars() {
            let glyph = glyph(font, ch, px);
            let (m, coverage) = (&glyph.0, &glyph.1);
            let left = (pen + m.xmin as f32).round() as isize;
            let top = (y - (m.ymin as f32 + m.height as f32)).round() as isize;
            // Only the part of the glyph inside the picture.
            let clip = |start: isize, len: usize, size: usize| {
                ((-start).max(0) as usize).min(len)..((size as isize - start).clamp(0, len as isize) as usize)
            };
            for gy in clip(top, m.height, self.height) {
                let row = (top + gy as isize) as usize * self.width;
                for gx in clip(left, m.width, self.width) {
                    self.blend_at(row + (left + gx as isize) as usize, ink, coverage[gy * m.width + gx]);
                }
            }
            pen += m.advance_width;
        }
        pen
    }

    /// The picture as an indexed PNG, with `key` in a text chunk if given.
    fn png(&self, key: Option<&str>) -> Vec<u8> {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, self.width as u32, self.height as u32);
        enc.set_color(png::ColorType::Indexed);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_palette(self.palette.concat());
        // Up filtering and fdeflate's fastest mode: most rows repeat the row above.
        enc.set_compression(png::Compression::Fastest);
        if let Some(key) = key {
            enc.add_text_chunk(KEY_CHUNK.into(), key.into()).expect("the key is Latin-1");
        }
        let mut w = enc.write_header().expect("writing to memory cannot fail");
        w.write_image_data(&self.pixels).expect("the picture has the size of its header");
        w.finish().expect("writing to memory cannot fail");
        out
    }
}

/// A letter rasterized once per thread, font and size: a site's cards share most letters.
fn glyph(font: &'static Font, ch: char, px: f32) -> Rc<(fontdue::Metrics, Vec<u8>)> {
    type Glyphs = HashMap<(usize, char, u32), Rc<(fontdue::Metrics, Vec<u8>)>>;
    thread_local!(static GLYPHS: RefCell<Glyphs> = RefCell::new(HashMap::new()));
    let key = (font as *const Font as usize, ch, px.to_bits());
    GLYPHS.with_borrow_mut(|g| g.entry(key).or_insert_with(|| Rc::new(font.rasterize(ch, px))).clone())
}

fn width(font: &Font, px: f32, text: &str) -> f32 {
    text.chars().map(|c| font.metrics(c, px).advance_width).sum()
}

/// `text` at the largest size from `max` down to `min` that fits `room`; at `min`, cut
/// with an ellipsis.
fn fit(font: &Font, text: &str, max: f32, min: f32, room: f32) -> (f32, String) {
    let mut px = max;
    while px > min && width(font, px, text) > room {
        px -= 4.0;
    }
    let px = px.max(min);
    if width(font, px, text) <= room {
        return (px, text.to_string());
    }
    (px, cut(font, px, text, room))
}

/// `text` cut at a word (or, for one long word, a letter) with an ellipsis to fit `room`.
fn cut(font: &Font, px: f32, text: &str, room: f32) -> String {
    let mut words: Vec<&str> = text.split(' ').collect();
    while words.len() > 1 && width(font, px, &format!("{}…", words.join(" "))) > room {
        words.pop();
    }
    let mut kept = words.join(" ");
    while !kept.is_empty() && width(font, px, &format!("{kept}…")) > room {
        kept.pop();
    }
    format!("{}…", kept.trim_end_matches([' ', ',', ';', ':', '—', '-']))
}

/// `text` wrapped at words into at most `max` lines of `room`; the last is cut if need be.
fn wrap(font: &Font, px: f32, text: &str, room: f32, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(w) = words.next() {
        let candidate = if line.is_empty() { w.to_string() } else { format!("{line} {w}") };
        if width(font, px, &candidate) <= room || line.is_empty() {
            line = candidate;
            continue;
        }
        if lines.len() + 1 == max {
            let rest: Vec<&str> = std::iter::once(w).chain(words).collect();
            lines.push(cut(font, px, &format!("{line} {}", rest.join(" ")), room));
            return lines;
        }
        lines.push(std::mem::replace(&mut line, w.to_string()));
    }
    if !line.is_empty() {
        lines.push(if width(font, px, &line) <= room { line } else { cut(font, px, &line, room) });
    }
    lines
}

/// The lines of a share card: a small label above, the name large, two lines below.
pub struct CardText<'a> {
    pub label: &'a str,
    pub name: &'a str,
    pub line2: &'a str,
    pub line3: &'a str,
    pub footer: &'a str,
}

/// A 1200×630 PNG share card.
pub fn card_png(c: &CardText) -> Vec<u8> {
    const MARGIN: f32 = 80.0;
    let room = CARD_WIDTH as f32 - 2.0 * MARGIN;
    let mut cv = base_card(c.label, c.footer);
    let (px, name) = fit(&BOLD, c.name, 96.0, 48.0, room);
    cv.text(&BOLD, px, MARGIN, 270.0, &name, INK);
    // The second line may wrap once (a site's description); a province name never needs to.
    let line2 = wrap(&REGULAR, 44.0, c.line2, room, 2);
    for (i, l) in line2.iter().enumerate() {
        cv.text(&REGULAR, 44.0, MARGIN, 360.0 + 58.0 * i as f32, l, INK);
    }
    let (px, line3) = fit(&REGULAR, c.line3, 40.0, 26.0, room);
    cv.text(&REGULAR, px, MARGIN, 360.0 + 58.0 * line2.len() as f32 + 14.0, &line3, MUTED);
    cv.png(Some(&c.key()))
}

/// Bump when the drawing of cards changes, so that rebuilds draw them again
/// (`tests::the_card_design_is_versioned` fails until then).
const CARD_DESIGN: u32 = 1;

/// The PNG text chunk holding a card's key.
const KEY_CHUNK: &str = "langso-card";

impl CardText<'_> {
    /// Everything a card's pixels depend on, as a short key kept in the PNG: a rebuild
    /// keeps the previous card when its key is the same (FNV-1a over the texts).
    fn key(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for text in [self.label, self.name, self.line2, self.line3, self.footer] {
            for b in text.bytes().chain([0xff]) {
                h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{CARD_DESIGN}-{h:016x}")
    }
}

/// The previous site's card at `path` if it was drawn from the same text.
fn reusable_card(previous: &Path, path: &str, key: &str) -> Option<PathBuf> {
    let (file, head) = crate::output::previous_head(previous, path, 2048)?;
    let chunk = format!("tEXt{KEY_CHUNK}\0{key}");
    head.windows(chunk.len()).any(|w| w == chunk.as_bytes()).then_some(file)
}

/// What all cards of a site share — background, bands, label and footer — drawn once per
/// thread and copied for each card.
fn base_card(label: &str, footer: &str) -> Canvas {
    thread_local!(static BASE: RefCell<Option<(String, String, Canvas)>> = const { RefCell::new(None) });
    BASE.with_borrow_mut(|cached| {
        if let Some((l, f, cv)) = cached
            && l == label
            && f == footer
        {
            return cv.clone();
        }
        let (w, h) = (CARD_WIDTH, CARD_HEIGHT);
        let room = w as f32 - 160.0;
        let mut cv = Canvas::new(w, h, SOFT);
        cv.rect(0, 0, w, 20, BRAND);
        cv.rect(0, h - 110, w, h, BRAND_DARK);
        let (px, label_fit) = fit(&BOLD, label, 38.0, 26.0, room);
        cv.text(&BOLD, px, 80.0, 120.0, &label_fit, BRAND);
        let (px, footer_fit) = fit(&BOLD, footer, 34.0, 22.0, room);
        cv.text(&BOLD, px, 80.0, h as f32 - 44.0, &footer_fit, WHITE);
        *cached = Some((label.to_string(), footer.to_string(), cv.clone()));
        cv
    })
}

/// The icon: a rounded green square with three rising bars (a chart of progress), drawn
/// without text so it reads at 16 px.
fn icon_png(size: usize) -> Vec<u8> {
    let mut cv = Canvas::new(size, size, WHITE);
    cv.rounded_square(size, size as f32 * 0.1875, BRAND);
    let unit = size as f32 / 32.0;
    for (x, top) in [(7.0, 18.0), (14.0, 12.0), (21.0, 6.0)] {
        let px = |v: f32| (v * unit).round() as usize;
        cv.rect(px(x), px(top), px(x + 4.0), px(26.0), WHITE);
    }
    cv.png(None)
}

/// The same icon as SVG, for browsers that take it.
const ICON_SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" rx=\"6\" fill=\"#0b6e4f\"/><path fill=\"#fff\" d=\"M7 18h4v8H7zM14 12h4v14h-4zM21 6h4v20h-4z\"/></svg>\n";

/// Where a pilot's share card is published (beside, not inside, the pilot's folder, so no
/// file of the case study can take its name).
pub fn pilot_card_path(site: &Site, p: &Pilot) -> String {
    format!("share/{}/{}.png", site.province(p.province).slug, p.slug)
}

pub const SITE_CARD_PATH: &str = "share/site.png";

/// A pilot's card: the previous site's if `previous` has it drawn from the same text, else
/// the one `cache` keeps under its key, else drawn now.
pub fn pilot_card(site: &Site, p: &Pilot, t: &I18n, previous: Option<&Path>, cache: &PhotoCache) -> OutputFile {
    let prov = site.province(p.province);
    let field = p.primary_field().map(|f| site.field(f).name.get(t.lang).to_string()).unwrap_or_default();
    let text = CardText {
        label: t.get("share_card_label"),
        name: &p.commune,
        line2: &prov.name,
        line3: &field,
        footer: &site.config.title,
    };
    let path = pilot_card_path(site, p);
    match previous.and_then(|prev| reusable_card(prev, &path, &text.key())) {
        Some(old) => OutputFile::reuse(path, old),
        None => OutputFile::bytes(path, cache.card(&text.key(), || card_png(&text))),
    }
}

/// The card of every page that is not a pilot, and the icons and manifest.
pub fn site_files(site: &Site, t: &I18n) -> Vec<OutputFile> {
    let card = card_png(&CardText {
        label: t.get("share_card_label"),
        name: t.get("brand"),
        line2: &site.config.description,
        line3: "",
        footer: &site.config.title,
    });
    vec![
        OutputFile::bytes(SITE_CARD_PATH.into(), card),
        OutputFile::bytes("favicon.svg".into(), ICON_SVG.as_bytes().to_vec()),
        OutputFile::bytes("favicon-32.png".into(), icon_png(32)),
        OutputFile::bytes("apple-touch-icon.png".into(), icon_png(180)),
        OutputFile::bytes("icon-192.png".into(), icon_png(192)),
        OutputFile::bytes("icon-512.png".into(), icon_png(512)),
        manifest(site, t),
    ]
}

fn manifest(site: &Site, t: &I18n) -> OutputFile {
    let base = site.config.base_path();
    let icon = |file: &str, size: &str, kind: &str| serde_json::json!({ "src": format!("{base}{file}"), "sizes": size, "type": kind });
    let json = serde_json::json!({
        "name": site.config.title,
        "short_name": t.get("brand"),
        "description": site.config.description,
        "lang": site.config.language.code(),
        "start_url": base,
        "scope": base,
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#0b6e4f",
        "icons": [
            icon("icon-192.png", "192x192", "image/png"),
            icon("icon-512.png", "512x512", "image/png"),
            icon("favicon.svg", "any", "image/svg+xml"),
        ],
    });
    let text = serde_json::to_string_pretty(&json).expect("JSON values serialize") + "\n";
    OutputFile::bytes("site.webmanifest".into(), text.into_bytes())
}

/// schema.org `Article` of a pilot, as text safe inside `<script type="application/ld+json">`.
pub fn pilot_json_ld(site: &Site, p: &Pilot, description: &str) -> String {
    #[derive(Serialize)]
    struct Named<'a> {
        #[serde(rename = "@type")]
        kind: &'a str,
        name: &'a str,
    }
    let prov = site.province(p.province);
    let base = &site.config.base_url;
    let authors: Vec<Named> = if p.authors.is_empty() {
        vec![Named { kind: "Organization", name: &site.config.title }]
    } else {
        p.authors.iter().map(|a| Named { kind: "Organization", name: a }).collect()
    };
    let json = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": p.title,
        "description": description,
        "datePublished": p.date.to_string(),
        "dateModified": p.last_changed().to_string(),
        "inLanguage": "vi",
        "author": authors,
        "publisher": Named { kind: "Organization", name: &site.config.title },
        "mainEntityOfPage": format!("{base}{}", url::pilot(site, p)),
        "image": format!("{base}{}", pilot_card_path(site, p)),
        "about": {
            "@type": "Place",
            "name": format!("{}, {}", p.commune, prov.name),
            "address": { "@type": "PostalAddress", "addressLocality": p.commune, "addressRegion": prov.name, "addressCountry": "VN" },
        },
    });
    script_safe_json(&json)
}

/// JSON whose text cannot end the script element or open a comment in it: `<`, `>` and `&`
/// are written as `\u003c`, `\u003e`, `\u0026` (the same string to a JSON reader).
pub fn script_safe_json(v: &serde_json::Value) -> String {
    let text = serde_json::to_string(v).expect("JSON values serialize");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_cannot_close_the_script() {
        let v = serde_json::json!({ "t": "</script><!-- a & b -->" });
        let s = script_safe_json(&v);
        assert!(!s.contains('<') && !s.contains('>'));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&s).unwrap(), v);
    }

    #[test]
    fn long_text_wraps_at_words_and_is_cut_on_its_last_line() {
        let text = "Trang tổng hợp báo cáo các mô hình thí điểm xã nông thôn mới thông minh ".repeat(4);
        let lines = wrap(&REGULAR, 44.0, &text, 1040.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| width(&REGULAR, 44.0, l) <= 1040.0));
        assert!(lines[0].ends_with("xã") || !lines[0].ends_with('…'));
        assert!(lines[1].ends_with('…') && !lines[1].ends_with(" …"));
        assert_eq!(wrap(&REGULAR, 44.0, "An Giang", 1040.0, 2), vec!["An Giang"]);
    }

    fn sample_card() -> CardText<'static> {
        CardText {
            label: "Mô hình thí điểm",
            name: "Xã Thoại Giang",
            line2: "An Giang",
            line3: "Kinh tế số",
            footer: "Nông thôn mới thông minh",
        }
    }

    /// The pixels of a card (not its PNG bytes, which hold the key).
    fn pixel_digest(c: &CardText) -> u64 {
        let png = card_png(c);
        let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut buf).unwrap();
        let palette = reader.info().palette.as_ref().unwrap().to_vec();
        let rgb = buf.iter().flat_map(|&i| palette[i as usize * 3..i as usize * 3 + 3].to_vec());
        rgb.fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
    }

    #[test]
    fn the_card_design_is_versioned() {
        // A rebuild keeps a card whose key is unchanged, so a change of the drawing must
        // change the key: bump CARD_DESIGN, then put the new digest here.
        assert_eq!((CARD_DESIGN, pixel_digest(&sample_card())), (1, 2598062412668679525));
    }

    #[test]
    fn a_card_key_changes_with_every_text() {
        let base = sample_card();
        let keys = [
            base.key(),
            CardText { label: "x", ..sample_card() }.key(),
            CardText { name: "x", ..sample_card() }.key(),
            CardText { line2: "x", ..sample_card() }.key(),
            CardText { line3: "x", ..sample_card() }.key(),
            CardText { footer: "x", ..sample_card() }.key(),
            // Texts cannot run into each other.
            CardText { name: "Xã Thoại GiangAn", line2: " Giang", ..sample_card() }.key(),
        ];
        let distinct: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(distinct.len(), keys.len());
    }

    #[test]
    fn a_card_is_reused_only_when_drawn_from_the_same_text() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("share")).unwrap();
        std::fs::write(dir.path().join("share/a.png"), card_png(&sample_card())).unwrap();
        assert!(reusable_card(dir.path(), "share/a.png", &sample_card().key()).is_some());
        let other = CardText { name: "Xã Giao Phong", ..sample_card() };
        assert!(reusable_card(dir.path(), "share/a.png", &other.key()).is_none());
        assert!(reusable_card(dir.path(), "share/missing.png", &sample_card().key()).is_none());
    }

    #[test]
    fn long_names_are_cut_to_fit() {
        let (_, text) = fit(&BOLD, &"Xã Đắk Nuê ".repeat(20), 96.0, 48.0, 1040.0);
        assert!(text.ends_with('…'));
        assert!(width(&BOLD, 48.0, &text) <= 1040.0);
    }
}
