//! What a link shows when it is shared (Zalo, Facebook, e-mail previews) and what a browser
//! or search engine needs besides the page: a 1200×630 PNG card per pilot and one for the
//! site (networks do not show SVG previews, so the cards are rasterized here, with no
//! outside service), the favicons and web manifest, and the pilot's JSON-LD.
//!
//! The cards are drawn with fontdue from a subset of DejaVu Sans (Latin and Vietnamese
//! letters, about 20 KB per face, embedded in the binary; licence in `fonts/`), on flat
//! colours into palette indices, and written as an indexed PNG by this module: what every
//! card of a site shares (background, bands, label, footer) is drawn and compressed once per
//! thread, in bands of rows, and each card compresses only the rows its own text covers.
//! A card costs about 0.5 ms of CPU and 13.6 KB (1,000 cards of the shared corpus, one
//! thread; `examples/card_bench.rs`; docs/performance.md, "Share cards").

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::{Arc, LazyLock};

use fontdue::{Font, FontSettings};
use serde::Serialize;

use super::theme::I18n;
use super::url;
use crate::model::*;
use crate::output::{Draw, OutputFile};
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
    /// The PNG's scanlines as they are: per row, its filter byte (0, none: a palette
    /// picture's runs of one index compress better as they are than as differences), then
    /// its `width` palette indices. Compressed without a copy.
    lines: Vec<u8>,
    palette: Vec<Rgb>,
    /// Per colour drawn: (its palette index, the palette index of its mix over each colour
    /// under it at each coverage step, `UNKNOWN` until first needed). A lookup per pixel,
    /// where a card has hundreds of thousands of them.
    mixes: Vec<(u8, Box<[u16; 256 * 16]>)>,
    /// The rows drawn on since `restore` (all of them for a new canvas).
    drawn: Range<usize>,
}

const UNKNOWN: u16 = u16::MAX;

/// A colour being drawn: its palette index and its row in `Canvas::mixes`.
#[derive(Clone, Copy)]
struct Ink {
    index: u8,
    mixes: usize,
}

/// Coverage (0..=255) as one of the 16 steps a card keeps (0: nothing, 15: all).
fn step(alpha: u8) -> u8 {
    ((alpha as u32 + 8) / 17) as u8
}

fn index_of(palette: &mut Vec<Rgb>, c: Rgb) -> u8 {
    match palette.iter().position(|p| *p == c) {
        Some(i) => i as u8,
        None => {
            assert!(palette.len() < 256, "a card has at most 256 colours");
            palette.push(c);
            (palette.len() - 1) as u8
        }
    }
}

/// The palette index of `ink` at coverage `step` (0..=15) over the colour `under`: looked up
/// in `mixes` (the ink's row of `Canvas::mixes`), or mixed and added to both. Steps 0 and 15
/// are in the table from the start (`under` and `ink`), so drawing a letter's pixels is one
/// lookup each, whatever their coverage.
#[inline(always)]
fn mix(palette: &mut Vec<Rgb>, mixes: &mut [u16; 256 * 16], under: u8, ink: u8, step: u8) -> u8 {
    let slot = under as usize * 16 + step as usize;
    match mixes[slot] {
        UNKNOWN => new_mix(palette, mixes, under, ink, step),
        known => known as u8,
    }
}

#[cold]
fn new_mix(palette: &mut Vec<Rgb>, mixes: &mut [u16; 256 * 16], under: u8, ink: u8, step: u8) -> u8 {
    let a = step as u32 * 17;
    let (old, new) = (palette[under as usize], palette[ink as usize]);
    let mixed = std::array::from_fn(|k| ((old[k] as u32 * (255 - a) + new[k] as u32 * a + 127) / 255) as u8);
    let m = index_of(palette, mixed);
    mixes[under as usize * 16 + step as usize] = m as u16;
    m
}

impl Canvas {
    fn new(width: usize, height: usize, background: Rgb) -> Canvas {
        // Every filter byte 0 (none), every index 0 (the background).
        let lines = vec![0; (width + 1) * height];
        Canvas { width, height, lines, palette: vec![background], mixes: Vec::new(), drawn: 0..height }
    }

    /// Where pixel (x, y) is in `lines`.
    fn at(&self, x: usize, y: usize) -> usize {
        y * (self.width + 1) + 1 + x
    }

    /// Notes that rows `rows` are being drawn on.
    fn draw_rows(&mut self, rows: Range<usize>) {
        if rows.is_empty() {
            return;
        }
        self.drawn =
            if self.drawn.is_empty() { rows } else { self.drawn.start.min(rows.start)..self.drawn.end.max(rows.end) };
    }

    /// Makes this canvas, a copy of `original` drawn on since, `original` again: its drawn
    /// rows, palette and mixes (the copies of the rows not drawn on are left as they are).
    fn restore(&mut self, original: &Canvas) {
        let stride = self.width + 1;
        let rows = self.drawn.start * stride..self.drawn.end * stride;
        self.lines[rows.clone()].copy_from_slice(&original.lines[rows]);
        self.palette.clone_from(&original.palette);
        self.mixes.truncate(original.mixes.len());
        for (mine, theirs) in self.mixes.iter_mut().zip(&original.mixes) {
            mine.0 = theirs.0;
            mine.1.copy_from_slice(&theirs.1[..]);
        }
        self.drawn = 0..0;
    }

    fn ink(&mut self, color: Rgb) -> Ink {
        let index = index_of(&mut self.palette, color);
        let mixes = match self.mixes.iter().position(|(i, _)| *i == index) {
            Some(m) => m,
            None => {
                let mut mixes = Box::new([UNKNOWN; 256 * 16]);
                for under in 0..256 {
                    mixes[under * 16] = under as u16;
                    mixes[under * 16 + 15] = index as u16;
                }
                self.mixes.push((index, mixes));
                self.mixes.len() - 1
            }
        };
        Ink { index, mixes }
    }

    /// Mixes `ink` into one pixel with coverage `alpha` (0..=255).
    fn blend(&mut self, x: usize, y: usize, ink: Ink, alpha: u8) {
        let s = step(alpha);
        if x < self.width && y < self.height && s > 0 {
            self.draw_rows(y..y + 1);
            let i = self.at(x, y);
            self.lines[i] = mix(&mut self.palette, &mut self.mixes[ink.mixes].1, self.lines[i], ink.index, s);
        }
    }

    fn rect(&mut self, x0: usize, y0: usize, x1: usize, y1: usize, color: Rgb) {
        let c = index_of(&mut self.palette, color);
        let (x0, x1, y1) = (x0.min(self.width), x1.min(self.width), y1.min(self.height));
        self.draw_rows(y0..y1);
        for y in y0..y1 {
            let (from, to) = (self.at(x0, y), self.at(x1, y));
            self.lines[from..to].fill(c);
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
            let (m, steps) = (&glyph.0, &glyph.1);
            let left = (pen + m.xmin as f32).round() as isize;
            let top = (y - (m.ymin as f32 + m.height as f32)).round() as isize;
            // Only the part of the glyph inside the picture.
            let clip = |start: isize, len: usize, size: usize| {
                ((-start).max(0) as usize).min(len)..((size as isize - start).clamp(0, len as isize) as usize)
            };
            let (rows, cols) = (clip(top, m.height, self.height), clip(left, m.width, self.width));
            self.draw_rows((top + rows.start as isize) as usize..(top + rows.end as isize) as usize);
            let stride = self.width + 1;
            let Canvas { lines, palette, mixes, .. } = self;
            let mixes = &mut mixes[ink.mixes].1;
            for gy in rows {
                let at = (top + gy as isize) as usize * stride + 1 + (left + cols.start as isize) as usize;
                let src = &steps[gy * m.width + cols.start..gy * m.width + cols.end];
                for (pixel, &s) in lines[at..at + src.len()].iter_mut().zip(src) {
                    *pixel = mix(palette, mixes, *pixel, ink.index, s);
                }
            }
            pen += m.advance_width;
        }
        pen
    }

    /// The picture as an indexed PNG, with `key` in a text chunk if given. Its pixels are one
    /// zlib stream: with a `base`, of which this canvas is a copy drawn on since `restore`,
    /// cut into bands of `BAND` rows, each band not drawn on copied as the base compressed it
    /// once for every card, the others compressed here as one piece.
    fn png(&self, key: Option<&str>, base: Option<&[Band]>) -> Vec<u8> {
        enum Part<'a> {
            Drawn(Range<usize>),
            Shared(&'a Band),
        }
        let parts = match base {
            None => vec![Part::Drawn(0..self.height)],
            Some(bands) => {
                // The bands drawn on, from the one of the first row drawn to the one of the last.
                let drawn = match self.drawn.is_empty() {
                    true => 0..0,
                    false => self.drawn.start / BAND..self.drawn.end.div_ceil(BAND),
                };
                let mut parts: Vec<Part> = bands[..drawn.start].iter().map(Part::Shared).collect();
                if !drawn.is_empty() {
                    parts.push(Part::Drawn(drawn.start * BAND..(drawn.end * BAND).min(self.height)));
                }
                parts.extend(bands[drawn.end.max(drawn.start)..].iter().map(Part::Shared));
                parts
            }
        };
        let stride = self.width + 1;
        let mut zlib = vec![0x78, 0x01]; // zlib's header: deflate, 32 KB window
        let mut adler = 1;
        for part in parts {
            let (sum, len) = match part {
                Part::Drawn(rows) => {
                    let lines = &self.lines[rows.start * stride..rows.end * stride];
                    deflate_piece(lines, &mut zlib);
                    (adler32(lines), lines.len())
                }
                Part::Shared(band) => {
                    zlib.extend_from_slice(&band.deflate);
                    (band.adler, band.len)
                }
            };
            adler = adler32_combine(adler, sum, len);
        }
        // The last block: empty, stored and final; then the checksum of all the scanlines.
        zlib.extend_from_slice(&[0x01, 0x00, 0x00, 0xff, 0xff]);
        zlib.extend_from_slice(&adler.to_be_bytes());

        let mut out = Vec::with_capacity(zlib.len() + 3 * self.palette.len() + 128);
        out.extend_from_slice(b"\x89PNG\r\n\x1a\n");
        let mut header = Vec::with_capacity(13);
        header.extend_from_slice(&(self.width as u32).to_be_bytes());
        header.extend_from_slice(&(self.height as u32).to_be_bytes());
        header.extend_from_slice(&[8, 3, 0, 0, 0]); // 8 bits, indexed colour, deflate, filters of PNG, no interlace
        png_chunk(&mut out, b"IHDR", &header);
        png_chunk(&mut out, b"PLTE", &self.palette.concat());
        if let Some(key) = key {
            png_chunk(&mut out, b"tEXt", format!("{KEY_CHUNK}\0{key}").as_bytes());
        }
        png_chunk(&mut out, b"IDAT", &zlib);
        png_chunk(&mut out, b"IEND", &[]);
        out
    }
}

/// Rows per band of a card's compressed pixels: what a card shares with every other card is
/// compressed once in bands of this height (`Canvas::png`). Smaller bands leave fewer shared
/// rows to compress again around the text, and cost a few bytes each.
const BAND: usize = 16;

/// The deflate level of what is compressed for each card (zlib's scale; measured in
/// docs/performance.md, "Share cards"), and of the bands shared by all cards, compressed once.
const CARD_LEVEL: u32 = 2;
const SHARED_LEVEL: u32 = 9;

/// A band of a base card: its scanlines as deflate blocks that end on a byte boundary (a
/// sync flush, so any number of such pieces make one stream), with their checksum and length.
struct Band {
    deflate: Vec<u8>,
    adler: u32,
    len: usize,
}

/// What all cards of a site share — background, bands, label and footer — drawn once per
/// thread, with its bands compressed, and a copy of it that each card is drawn on (then
/// restored, rather than copying the whole picture for each card).
struct Base {
    label: String,
    footer: String,
    canvas: Canvas,
    bands: Vec<Band>,
    card: Canvas,
}

/// `data` compressed as deflate blocks ending on a byte boundary, none of them final.
fn deflate_piece(data: &[u8], out: &mut Vec<u8>) {
    thread_local!(static CARD: RefCell<flate2::Compress> =
        RefCell::new(flate2::Compress::new(flate2::Compression::new(CARD_LEVEL), false)));
    CARD.with_borrow_mut(|z| deflate_with(z, data, out));
}

fn deflate_with(z: &mut flate2::Compress, data: &[u8], out: &mut Vec<u8>) {
    z.reset();
    out.reserve(data.len() / 8 + 64);
    loop {
        let from = z.total_in() as usize;
        z.compress_vec(&data[from..], out, flate2::FlushCompress::Sync).expect("deflate takes any bytes");
        // zlib's rule: while a call fills all the room it was given, call again with more.
        if z.total_in() == data.len() as u64 && out.len() < out.capacity() {
            return;
        }
        out.reserve(out.capacity());
    }
}

fn adler32(data: &[u8]) -> u32 {
    let mut a = simd_adler32::Adler32::new();
    a.write(data);
    a.finish()
}

/// The Adler-32 of `a`'s bytes followed by `b`'s (`len_b` of them), from the two checksums
/// (zlib's `adler32_combine`).
fn adler32_combine(a: u32, b: u32, len_b: usize) -> u32 {
    const MOD: u64 = 65521;
    let (a, b) = (u64::from(a), u64::from(b));
    let rem = len_b as u64 % MOD;
    let (a1, a2, b1, b2) = (a & 0xffff, a >> 16, b & 0xffff, b >> 16);
    let sum1 = (a1 + b1 + MOD - 1) % MOD;
    let sum2 = (rem * a1 % MOD + a2 + b2 + MOD - rem) % MOD;
    (sum1 | sum2 << 16) as u32
}

/// A PNG chunk: length, type, data and the CRC of type and data.
fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32fast::hash(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A letter rasterized once per thread, font and size, its coverage as `step`s: a site's
/// cards share most letters.
fn glyph(font: &'static Font, ch: char, px: f32) -> Rc<(fontdue::Metrics, Vec<u8>)> {
    type Glyphs = HashMap<(usize, char, u32), Rc<(fontdue::Metrics, Vec<u8>)>>;
    thread_local!(static GLYPHS: RefCell<Glyphs> = RefCell::new(HashMap::new()));
    let key = (font as *const Font as usize, ch, px.to_bits());
    GLYPHS.with_borrow_mut(|g| {
        let glyph = g.entry(key).or_insert_with(|| {
            let (metrics, coverage) = font.rasterize(ch, px);
            Rc::new((metrics, coverage.into_iter().map(step).collect()))
        });
        glyph.clone()
    })
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
    with_base(c.label, c.footer, |base| {
        // Restored before drawing, not after: a card that panicked cannot spoil the next one.
        base.card.restore(&base.canvas);
        draw_card(&mut base.card, c);
        base.card.png(Some(&c.key()), Some(&base.bands))
    })
}

/// A card's own lines on `cv`, a copy of its base card.
fn draw_card(cv: &mut Canvas, c: &CardText) {
    const MARGIN: f32 = 80.0;
    let room = CARD_WIDTH as f32 - 2.0 * MARGIN;
    let (px, name) = fit(&BOLD, c.name, 96.0, 48.0, room);
    cv.text(&BOLD, px, MARGIN, 270.0, &name, INK);
    // The second line may wrap once (a site's description); a province name never needs to.
    let line2 = wrap(&REGULAR, 44.0, c.line2, room, 2);
    for (i, l) in line2.iter().enumerate() {
        cv.text(&REGULAR, 44.0, MARGIN, 360.0 + 58.0 * i as f32, l, INK);
    }
    let (px, line3) = fit(&REGULAR, c.line3, 40.0, 26.0, room);
    cv.text(&REGULAR, px, MARGIN, 360.0 + 58.0 * line2.len() as f32 + 14.0, &line3, MUTED);
}

/// Bump when the drawing of cards changes, so that rebuilds draw them again
/// (`tests::the_card_design_is_versioned` fails until then), or their encoding, so that a
/// rebuild does not keep the cards of the previous one (2: the bands shared by all cards
/// compressed once, the rest at `CARD_LEVEL`; same pixels as 1).
const CARD_DESIGN: u32 = 2;

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

/// Calls `f` with this thread's base card for `label` and `footer`, drawn and compressed
/// anew when they differ from the last ones.
fn with_base<T>(label: &str, footer: &str, f: impl FnOnce(&mut Base) -> T) -> T {
    thread_local!(static BASE: RefCell<Option<Base>> = const { RefCell::new(None) });
    BASE.with_borrow_mut(|cached| {
        if !cached.as_ref().is_some_and(|b| b.label == label && b.footer == footer) {
            *cached = Some(base_card(label, footer));
        }
        f(cached.as_mut().expect("just drawn"))
    })
}

fn base_card(label: &str, footer: &str) -> Base {
    let (w, h) = (CARD_WIDTH, CARD_HEIGHT);
    let room = w as f32 - 160.0;
    let mut cv = Canvas::new(w, h, SOFT);
    cv.rect(0, 0, w, 20, BRAND);
    cv.rect(0, h - 110, w, h, BRAND_DARK);
    let (px, label_fit) = fit(&BOLD, label, 38.0, 26.0, room);
    cv.text(&BOLD, px, 80.0, 120.0, &label_fit, BRAND);
    let (px, footer_fit) = fit(&BOLD, footer, 34.0, 22.0, room);
    cv.text(&BOLD, px, 80.0, h as f32 - 44.0, &footer_fit, WHITE);
    let mut z = flate2::Compress::new(flate2::Compression::new(SHARED_LEVEL), false);
    let bands = cv
        .lines
        .chunks(BAND * (w + 1))
        .map(|lines| {
            let mut deflate = Vec::new();
            deflate_with(&mut z, lines, &mut deflate);
            Band { deflate, adler: adler32(lines), len: lines.len() }
        })
        .collect();
    let card = cv.clone();
    Base { label: label.to_string(), footer: footer.to_string(), canvas: cv, bands, card }
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
    cv.png(None, None)
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
/// one drawn when it is written (`PilotCard`).
pub fn pilot_card(site: &Site, p: &Pilot, t: &I18n, previous: Option<&Path>, cache: &Arc<PhotoCache>) -> OutputFile {
    let prov = site.province(p.province);
    let field = p.primary_field().map(|f| site.field(f).name.get(t.lang)).unwrap_or_default();
    let text = CardText {
        label: t.get("share_card_label"),
        name: &p.commune,
        line2: &prov.name,
        line3: field,
        footer: &site.config.title,
    };
    let path = pilot_card_path(site, p);
    let key = text.key();
    match previous.and_then(|prev| reusable_card(prev, &path, &key)) {
        Some(old) => OutputFile::reuse(path, old),
        None => {
            let lines = [text.label, text.name, text.line2, text.line3, text.footer].map(Box::from);
            OutputFile::drawn(path, Arc::new(PilotCard { lines, key, cache: Arc::clone(cache) }))
        }
    }
}

/// A pilot's card as its text: drawn, or taken from `cache` under its key, only when its
/// file is written or asked for.
struct PilotCard {
    /// Label, name, line 2, line 3, footer (`CardText`).
    lines: [Box<str>; 5],
    key: String,
    cache: Arc<PhotoCache>,
}

impl Draw for PilotCard {
    fn key(&self) -> &str {
        &self.key
    }

    fn draw(&self) -> Vec<u8> {
        let [label, name, line2, line3, footer] = &self.lines;
        let text = CardText { label, name, line2, line3, footer };
        self.cache.card(&self.key, || card_png(&text))
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
        assert_eq!((CARD_DESIGN, pixel_digest(&sample_card())), (2, 2598062412668679525));
    }

    /// The palette and the inflated scanlines of a PNG, its zlib checksum checked.
    fn palette_and_lines(png: &[u8]) -> (Vec<u8>, Vec<u8>) {
        use std::io::Read;
        let chunk = |kind: &[u8]| {
            let at = png.windows(4).position(|w| w == kind).unwrap();
            let len = u32::from_be_bytes(png[at - 4..at].try_into().unwrap()) as usize;
            png[at + 4..at + 4 + len].to_vec()
        };
        let mut lines = Vec::new();
        flate2::read::ZlibDecoder::new(&chunk(b"IDAT")[..]).read_to_end(&mut lines).expect("a valid zlib stream");
        (chunk(b"PLTE"), lines)
    }

    fn cards() -> Vec<CardText<'static>> {
        vec![
            sample_card(),
            // Reaches up into the label's rows (stacked marks) and wraps nothing.
            CardText { name: "Xã Ẩm Ổn Ỗ Ễ Ẫ", line3: "", ..sample_card() },
            // A site card: the second line wraps, the name is cut.
            CardText {
                name: "Nông thôn mới thông minh và bền vững của các xã miền núi phía Bắc",
                line2: "Các mô hình thí điểm xã nông thôn mới thông minh: chuyển đổi số, kinh tế số và đề xuất tiêu chí",
                ..sample_card()
            },
            CardText { label: "Pilot", footer: "Smart new-rural communes", ..sample_card() },
        ]
    }

    #[test]
    fn a_card_holds_the_pixels_drawn_whatever_the_bands_it_shares() {
        // Each card against the same card drawn on a fresh copy of its base and compressed
        // whole: the same palette and scanlines, through the shared bands and checksums.
        for c in cards() {
            let mut whole = base_card(c.label, c.footer).canvas;
            draw_card(&mut whole, &c);
            assert_eq!(palette_and_lines(&card_png(&c)), palette_and_lines(&whole.png(None, None)), "{}", c.name);
        }
    }

    #[test]
    fn a_card_is_the_same_bytes_whatever_was_drawn_before() {
        // On a fresh thread (nothing cached), then after every other card, in both orders.
        let first: Vec<Vec<u8>> = std::thread::spawn(|| cards().iter().map(card_png).collect()).join().unwrap();
        let again: Vec<Vec<u8>> = std::thread::spawn(|| cards().iter().rev().map(card_png).collect()).join().unwrap();
        let again: Vec<Vec<u8>> = again.into_iter().rev().collect();
        assert_eq!(first, again);
        for (c, png) in cards().iter().zip(&first) {
            assert_eq!(&card_png(c), png);
        }
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
