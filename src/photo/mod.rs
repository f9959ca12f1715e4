//! Photos for phones on slow links (issue 16): a case study's photo straight from a
//! phone is 3–12 MB, 4000 px wide, and carries the GPS position of a resident's house in
//! its EXIF block. This module turns a source image's bytes into a few smaller variants
//! (WebP at several widths, and a fallback in the source's own format), with the EXIF
//! orientation applied and no metadata at all, and keeps what it made in a cache keyed
//! by the source bytes and the settings, so a rebuild encodes nothing it made before.
//!
//! It works on bytes only: reading the source is the caller's (content is read by
//! `load`), and so is publishing (`output`). `probe` reads what a file is and its size
//! from its first bytes, `variants` decodes, resizes and encodes, `cache` keeps the
//! results, `check` finds what an editor must hear about (a HEIC photo, a corrupt file,
//! a decompression bomb, a photo too small to look sharp). See docs/photos.md for the
//! choices and their measurements.

pub mod cache;
pub mod check;
pub mod probe;
pub mod variants;

use std::sync::Arc;

pub use cache::PhotoCache;
pub use check::{Problem, check};
pub use probe::{Header, Kind, header, sniff};
pub use variants::{decodes, process};

/// How photos are processed. Every field is part of each photo's key, so changing one
/// makes every photo be processed again, and `VERSION` names the code's part: bump it
/// when the output of the same settings changes (an encoder upgrade, a new filter).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The widths of the variants, ascending; a photo narrower than the last gets its own
    /// width as its largest variant (never upscaled).
    pub widths: &'static [u32],
    /// libwebp's lossy quality (0–100) for the WebP variants.
    pub webp_quality: f32,
    /// The JPEG fallback's quality (1–100).
    pub jpeg_quality: u8,
    /// More pixels than this (width × height, read from the header) is a decompression
    /// bomb: refused before anything is decoded.
    pub max_pixels: u64,
}

impl Settings {
    /// The code's part of the key: bump when the same settings give other bytes.
    pub const VERSION: &'static str = "langso-photo-1";

    /// Everything the variants' bytes depend on besides the source, as text.
    pub fn fingerprint(&self) -> String {
        format!(
            "{} widths={:?} webp={} jpeg={} max_pixels={}",
            Self::VERSION,
            self.widths,
            self.webp_quality,
            self.jpeg_quality,
            self.max_pixels
        )
    }

    /// The widths a photo `width` pixels wide gets: those below the largest, then the
    /// largest, which is the photo's own width when it is narrower than the last setting.
    pub fn widths_for(&self, width: u32) -> Vec<u32> {
        let largest = width.min(*self.widths.last().unwrap_or(&width));
        let mut v: Vec<u32> = self.widths.iter().copied().filter(|&w| w < largest).collect();
        v.push(largest);
        v
    }
}

/// The settings langso builds with (docs/photos.md has the measurements behind them).
pub const SETTINGS: Settings =
    Settings { widths: &[480, 960, 1600], webp_quality: 75.0, jpeg_quality: 80, max_pixels: 50_000_000 };

/// What a variant is encoded as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
}

impl Format {
    /// The file extension, which is also how a variant's name says its format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
        }
    }

    pub fn from_extension(ext: &str) -> Option<Format> {
        [Format::Jpeg, Format::Png, Format::WebP].into_iter().find(|f| f.extension() == ext)
    }

    /// The MIME type, for `<source type>` and the preview server.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::WebP => "image/webp",
        }
    }
}

/// A digest of a source's bytes and the settings: equal keys, equal variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key([u8; 32]);

impl Key {
    pub fn of(source: &[u8], settings: &Settings) -> Key {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        h.update(settings.fingerprint().as_bytes());
        h.update([0]);
        h.update(source);
        Key(h.finalize().into())
    }

    /// The first 64 bits in hexadecimal: the part of a variant's file name that changes
    /// with its source (so a browser may cache it for ever).
    pub fn short(&self) -> String {
        self.0[..8].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// All of it in hexadecimal: the name of the photo's folder in a cache folder.
    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// What a photo becomes, known from its header and bytes before any pixel is decoded:
/// the page's `<img>` (its `srcset`, `width` and `height`) and the variants' names are
/// made from it when the Markdown is rendered, and `process` encodes exactly these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub key: Key,
    /// The largest variant's size: the photo as shown, at most the largest width.
    pub width: u32,
    pub height: u32,
    /// Width, height and format of each variant, in `Photo::variants`' order.
    pub variants: Vec<(u32, u32, Format)>,
}

impl Plan {
    /// The published name of a variant for an image named `stem.ext` (see `Photo::file_name`).
    pub fn file_name(&self, stem: &str, (width, height, format): (u32, u32, Format)) -> String {
        format!("{stem}.{}.{}", self.key.short(), tail(width, height, format))
    }

    /// The WebP variants, narrowest first (for `srcset`).
    pub fn webp(&self) -> impl Iterator<Item = (u32, u32, Format)> + '_ {
        self.variants.iter().copied().filter(|v| v.2 == Format::WebP)
    }
}

/// The plan of the photo in `source` (JPEG, PNG or WebP): a HEIC file, a kind published as
/// it is (GIF, SVG), a header that cannot be read or more pixels than `settings.max_pixels`
/// gives no plan.
pub fn plan(source: &[u8], settings: &Settings) -> Result<Plan, PhotoError> {
    Ok(plan_with_header(source, settings)?.1)
}

/// `plan`, with the header it was made from.
pub(super) fn plan_with_header(source: &[u8], settings: &Settings) -> Result<(Header, Plan), PhotoError> {
    let header = probe::header(source)?;
    if !header.kind.processed() {
        return Err(PhotoError::NotProcessed(header.kind));
    }
    if header.pixels() > settings.max_pixels {
        return Err(PhotoError::TooManyPixels {
            width: header.width,
            height: header.height,
            limit: settings.max_pixels,
        });
    }
    // Largest first, each smaller size from the one above, as `process` resizes: the
    // height is the one above's in proportion, rounded, at least 1.
    let (mut width, mut height) = header.shown();
    let mut webp = Vec::new();
    for &w in settings.widths_for(width).iter().rev() {
        height = ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width)).max(1) as u32;
        width = w;
        webp.push((width, height, Format::WebP));
    }
    webp.reverse();
    let (width, height, _) = *webp.last().expect("at least one width");
    let fallback = match header.kind {
        Kind::Jpeg => Some((width, height, Format::Jpeg)),
        Kind::Png => Some((width, height, Format::Png)),
        _ => None,
    };
    webp.extend(fallback);
    Ok((header, Plan { key: Key::of(source, settings), width, height, variants: webp }))
}

/// One encoded variant of a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    pub bytes: Arc<[u8]>,
}

impl Variant {
    /// Its name inside a cache entry (and the tail of its published name): `960x720.webp`.
    pub fn tail(&self) -> String {
        tail(self.width, self.height, self.format)
    }
}

/// A variant's name in a cache entry and the end of its published name: `960x720.webp`.
fn tail(width: u32, height: u32, format: Format) -> String {
    format!("{width}x{height}.{}", format.extension())
}

/// A processed photo: its key, its size as shown (EXIF orientation applied), and its
/// variants — WebP at every width of `Settings::widths_for`, ascending, then the fallback
/// in the source's format at the largest width (a WebP source's fallback is its largest
/// WebP variant, so it has no separate one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    pub key: Key,
    pub width: u32,
    pub height: u32,
    pub variants: Vec<Variant>,
}

impl Photo {
    /// The WebP variants, narrowest first (for `srcset`).
    pub fn webp(&self) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(|v| v.format == Format::WebP)
    }

    /// The largest variant in the source's format: what the image's own path publishes
    /// (so `![](photo.jpg)`'s URL keeps working) and what a browser without WebP shows.
    pub fn fallback(&self) -> &Variant {
        self.variants.last().expect("a photo has at least one variant")
    }

    /// The published name of `v` for an image named `stem.ext`: `stem.<key>.960x720.webp`,
    /// beside the page; the key in the name lets the previous site's files be reused
    /// and browsers cache them for ever.
    pub fn file_name(&self, stem: &str, v: &Variant) -> String {
        format!("{stem}.{}.{}", self.key.short(), v.tail())
    }
}

/// Why a source gives no variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhotoError {
    /// HEIC/HEIF: no browser but Safari shows it, and no maintained pure-Rust decoder reads it.
    Heif,
    /// Not a format this module processes (GIF and SVG are published as they are).
    NotProcessed(Kind),
    /// More pixels than `Settings::max_pixels`, read from the header.
    TooManyPixels { width: u32, height: u32, limit: u64 },
    /// The header or the picture cannot be read: a damaged or truncated file.
    Corrupt(String),
}

impl std::fmt::Display for PhotoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PhotoError::Heif => write!(f, "HEIC/HEIF image"),
            PhotoError::NotProcessed(k) => write!(f, "{k:?} images are published as they are"),
            PhotoError::TooManyPixels { width, height, limit } => {
                write!(f, "{width}×{height} pixels is over the limit of {limit}")
            }
            PhotoError::Corrupt(why) => write!(f, "cannot be decoded: {why}"),
        }
    }
}

impl std::error::Error for PhotoError {}

/// Test pictures the children's unit tests share (here, in the folder's head, so no
/// child's tests depend on another child).
#[cfg(test)]
pub(crate) mod samples {
    /// A photo-like picture: gradients with noise, deterministic.
    pub fn picture(width: u32, height: u32, seed: u32) -> image::RgbImage {
        let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
        image::RgbImage::from_fn(width, height, |x, y| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let n = (state % 24) as u8;
            let r = (x * 200 / width) as u8;
            let g = (y * 180 / height) as u8;
            image::Rgb([r.saturating_add(n), g.saturating_add(n), 100 + n])
        })
    }

    pub fn jpeg_bytes(img: &image::RgbImage, quality: u8) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality).encode_image(img).unwrap();
        out
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }

    /// A PNG signature and a valid IHDR chunk of `width` × `height` RGB pixels, no data:
    /// the start of a decompression bomb (its few kilobytes of IDAT would follow).
    pub fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut chunk = b"IHDR".to_vec();
        chunk.extend(width.to_be_bytes());
        chunk.extend(height.to_be_bytes());
        chunk.extend([8, 2, 0, 0, 0]);
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(13u32.to_be_bytes());
        png.extend(&chunk);
        png.extend(crc32(&chunk).to_be_bytes());
        png
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_never_upscaled_and_end_with_the_largest() {
        assert_eq!(SETTINGS.widths_for(4000), [480, 960, 1600]);
        assert_eq!(SETTINGS.widths_for(1600), [480, 960, 1600]);
        assert_eq!(SETTINGS.widths_for(1200), [480, 960, 1200]);
        assert_eq!(SETTINGS.widths_for(960), [480, 960]);
        assert_eq!(SETTINGS.widths_for(300), [300]);
    }

    #[test]
    fn the_key_changes_with_the_source_and_every_setting() {
        let k = |src: &[u8], s: &Settings| Key::of(src, s);
        let base = k(b"abc", &SETTINGS);
        assert_eq!(base, k(b"abc", &SETTINGS));
        assert_ne!(base, k(b"abd", &SETTINGS));
        assert_ne!(base, k(b"abc", &Settings { webp_quality: 76.0, ..SETTINGS }));
        assert_ne!(base, k(b"abc", &Settings { jpeg_quality: 81, ..SETTINGS }));
        assert_ne!(base, k(b"abc", &Settings { widths: &[480, 1600], ..SETTINGS }));
        assert_ne!(base, k(b"abc", &Settings { max_pixels: 1, ..SETTINGS }));
        assert_eq!(base.short().len(), 16);
        assert!(base.hex().starts_with(&base.short()));
    }
}
