//! What an image file is and how many pixels it holds, read from its first bytes and
//! its header without decoding the picture: a decompression bomb (a 100 KB PNG of
//! 40,000 × 40,000 pixels wants 6 GB once decoded) is refused from these numbers, and a
//! HEIC photo is named for what it is whatever its file is called.

use std::io::Cursor;

use image::{ImageDecoder, ImageFormat, ImageReader, Limits, metadata::Orientation};

use super::PhotoError;

/// What a file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jpeg,
    Png,
    WebP,
    Gif,
    /// HEIC/HEIF (an ISO media file with a HEIF brand), as iPhones save photos.
    Heif,
    Svg,
    /// Anything else (AVIF, BMP, TIFF, text…).
    Other,
}

impl Kind {
    /// Whether `variants::process` makes variants of it.
    pub fn processed(self) -> bool {
        matches!(self, Kind::Jpeg | Kind::Png | Kind::WebP)
    }

    fn image_format(self) -> Option<ImageFormat> {
        match self {
            Kind::Jpeg => Some(ImageFormat::Jpeg),
            Kind::Png => Some(ImageFormat::Png),
            Kind::WebP => Some(ImageFormat::WebP),
            _ => None,
        }
    }
}

/// The kind of a file from its magic bytes (its name may lie: a HEIC renamed `.jpg`).
pub fn sniff(bytes: &[u8]) -> Kind {
    let starts = |m: &[u8]| bytes.starts_with(m);
    if starts(&[0xff, 0xd8, 0xff]) {
        Kind::Jpeg
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        Kind::Png
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Kind::WebP
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Kind::Gif
    } else if bytes.get(4..8) == Some(b"ftyp") {
        // ISO media: the major brand says which. AVIF shares the container (and `mif1`),
        // so the brands that only HEIF uses decide.
        match bytes.get(8..12) {
            Some(b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"hevm" | b"hevs" | b"mif1" | b"msf1")
                if !brand_listed(bytes, b"avif") =>
            {
                Kind::Heif
            }
            _ => Kind::Other,
        }
    } else if looks_like_svg(bytes) {
        Kind::Svg
    } else {
        Kind::Other
    }
}

/// Whether the `ftyp` box lists `brand` among its compatible brands.
fn brand_listed(bytes: &[u8], brand: &[u8; 4]) -> bool {
    let size = bytes.get(..4).map_or(0, |s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]) as usize);
    let end = size.min(bytes.len()).min(256);
    bytes.get(16..end).is_some_and(|b| b.chunks_exact(4).any(|c| c == brand))
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    (text.starts_with("<?xml") || text.starts_with("<svg") || text.starts_with("<!--")) && text.contains("<svg")
}

/// A raster image's kind and size as its header states it, and its size as shown (the
/// EXIF orientation turns a 4000 × 3000 photo taken upright into 3000 × 4000).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub kind: Kind,
    pub width: u32,
    pub height: u32,
    pub orientation: Orientation,
}

impl Header {
    pub fn pixels(&self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }

    /// Width and height as the photo is shown, the EXIF orientation applied.
    pub fn shown(&self) -> (u32, u32) {
        use Orientation::*;
        match self.orientation {
            Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH => (self.height, self.width),
            _ => (self.width, self.height),
        }
    }
}

/// The header of a JPEG, PNG, WebP or GIF file: no pixel is decoded. A HEIC file is
/// `PhotoError::Heif`, SVG and unknown kinds `NotProcessed`, an unreadable header `Corrupt`.
pub fn header(bytes: &[u8]) -> Result<Header, PhotoError> {
    let kind = sniff(bytes);
    match kind {
        Kind::Heif => return Err(PhotoError::Heif),
        Kind::Gif => return gif_header(bytes),
        Kind::Svg | Kind::Other => return Err(PhotoError::NotProcessed(kind)),
        // The PNG decoder reads on to the first image data; the size is in IHDR.
        Kind::Png => return png_header(bytes),
        Kind::Jpeg | Kind::WebP => {}
    }
    let mut decoder = decoder(bytes, kind, Limits::no_limits())?;
    let (width, height) = decoder.dimensions();
    // A damaged EXIF block only loses the orientation, as a browser would.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    Ok(Header { kind, width, height, orientation })
}

/// A decoder for `bytes` of `kind` that has read the header (and for a JPEG the EXIF
/// block), nothing more.
pub(super) fn decoder(bytes: &[u8], kind: Kind, limits: Limits) -> Result<impl ImageDecoder + '_, PhotoError> {
    let format = kind.image_format().ok_or(PhotoError::NotProcessed(kind))?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    reader.into_decoder().map_err(|e| PhotoError::Corrupt(e.to_string()))
}

/// A PNG's size from its IHDR chunk, which must come first (bytes 8–32). A PNG's `eXIf`
/// orientation is applied when it is decoded; browsers show PNGs as stored, and so do
/// `Header::shown` and the checks.
fn png_header(bytes: &[u8]) -> Result<Header, PhotoError> {
    let corrupt = || PhotoError::Corrupt("no PNG header (IHDR)".into());
    let ihdr = bytes.get(8..24).filter(|h| &h[..8] == b"\0\0\0\x0dIHDR").ok_or_else(corrupt)?;
    let width = u32::from_be_bytes([ihdr[8], ihdr[9], ihdr[10], ihdr[11]]);
    let height = u32::from_be_bytes([ihdr[12], ihdr[13], ihdr[14], ihdr[15]]);
    if width == 0 || height == 0 {
        return Err(corrupt());
    }
    Ok(Header { kind: Kind::Png, width, height, orientation: Orientation::NoTransforms })
}

/// A GIF's logical screen size: bytes 6–9, little-endian. GIF is published as it is,
/// but its page still needs its width and height.
fn gif_header(bytes: &[u8]) -> Result<Header, PhotoError> {
    let size = bytes.get(6..10).ok_or_else(|| PhotoError::Corrupt("truncated GIF header".into()))?;
    let width = u32::from(u16::from_le_bytes([size[0], size[1]]));
    let height = u32::from(u16::from_le_bytes([size[2], size[3]]));
    if width == 0 || height == 0 {
        return Err(PhotoError::Corrupt("a GIF of zero pixels".into()));
    }
    Ok(Header { kind: Kind::Gif, width, height, orientation: Orientation::NoTransforms })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_bytes_not_the_name() {
        assert_eq!(sniff(b"\xff\xd8\xff\xe0\0\x10JFIF"), Kind::Jpeg);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Kind::Png);
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Kind::WebP);
        assert_eq!(sniff(b"RIFF\x10\0\0\0WAVEfmt "), Kind::Other);
        assert_eq!(sniff(b"GIF89a\x01\0\x01\0"), Kind::Gif);
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"), Kind::Heif);
        assert_eq!(sniff(b"\0\0\0\x18ftypmif1\0\0\0\0mif1heic"), Kind::Heif);
        assert_eq!(sniff(b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf"), Kind::Other);
        assert_eq!(sniff(b"\0\0\0\x1cftypmif1\0\0\0\0mif1avifmiaf"), Kind::Other, "an AVIF with mif1 first");
        assert_eq!(
            sniff(b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            Kind::Svg
        );
        assert_eq!(sniff(b"<svg/>"), Kind::Svg);
        assert_eq!(sniff(b"hello"), Kind::Other);
        assert_eq!(sniff(b""), Kind::Other);
    }

    #[test]
    fn a_gif_header_gives_its_size() {
        let h = header(b"GIF89a\x90\x01\x2c\x01\xf7\0\0").unwrap();
        assert_eq!((h.kind, h.width, h.height), (Kind::Gif, 400, 300));
        assert!(matches!(header(b"GIF89a\x01"), Err(PhotoError::Corrupt(_))));
    }

    #[test]
    fn heic_and_svg_have_no_raster_header() {
        assert_eq!(header(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"), Err(PhotoError::Heif));
        assert_eq!(header(b"<svg/>"), Err(PhotoError::NotProcessed(Kind::Svg)));
    }
}
