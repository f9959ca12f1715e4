//! A photo's variants: decoded within limits, turned upright by its EXIF orientation,
//! resized with `fast_image_resize` (Lanczos 3, each width from the next larger one),
//! encoded to lossy WebP by libwebp and to a fallback in the source's format by the
//! `image` crate. The encoders are given only pixels, so no EXIF, XMP, IPTC or ICC block
//! of the source can reach their output; nothing here reads a clock or a random number,
//! so the same source and settings give the same bytes.

use std::sync::Arc;

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, ExtendedColorType, ImageEncoder, Limits};

use super::probe;
use super::{Format, Photo, PhotoError, Settings, Variant, plan_with_header};

/// Upright pixels, 8 bits per channel, RGB or (when the source has alpha) RGBA.
struct Pixels {
    width: u32,
    height: u32,
    alpha: bool,
    data: Vec<u8>,
}

impl Pixels {
    fn pixel_type(&self) -> PixelType {
        if self.alpha { PixelType::U8x4 } else { PixelType::U8x3 }
    }

    /// The picture resized to `width` × `height` (the sizes `plan` chose).
    fn resized(&self, width: u32, height: u32) -> Pixels {
        if (width, height) == (self.width, self.height) {
            return Pixels { data: self.data.clone(), ..*self };
        }
        let src = ImageRef::new(self.width, self.height, &self.data, self.pixel_type())
            .expect("the buffer holds width × height pixels");
        let mut dst = Image::new(width, height, self.pixel_type());
        let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
        Resizer::new().resize(&src, &mut dst, &options).expect("same pixel type, non-zero sizes");
        Pixels { width, height, alpha: self.alpha, data: dst.into_vec() }
    }

    fn color_type(&self) -> ExtendedColorType {
        if self.alpha { ExtendedColorType::Rgba8 } else { ExtendedColorType::Rgb8 }
    }

    fn variant(&self, format: Format, bytes: Vec<u8>) -> Variant {
        Variant { width: self.width, height: self.height, format, bytes: Arc::from(bytes) }
    }
}

/// Every variant of the photo in `source` (JPEG, PNG or WebP), as `plan` planned them,
/// or why there are none. The header is read first: a HEIC file, a kind published as it
/// is, a header that cannot be read or more pixels than `settings.max_pixels` is refused
/// before any pixel is decoded.
pub fn process(source: &[u8], settings: &Settings) -> Result<Photo, PhotoError> {
    let (header, plan) = plan_with_header(source, settings)?;
    let pixels = decode(source, &header, settings)?;
    let mut variants = Vec::with_capacity(plan.variants.len());
    // Largest first, each smaller one resized from the one above: a 12-megapixel photo
    // is resized once at full size, not once per width. The fallback, in the source's
    // format, is made from the largest.
    let mut current = pixels;
    for (width, height, _) in plan.webp().collect::<Vec<_>>().into_iter().rev() {
        current = current.resized(width, height);
        variants.push(current.variant(Format::WebP, webp(&current, settings)?));
        if variants.len() == 1 {
            let fallback = plan.variants.iter().find(|v| v.2 != Format::WebP);
            match fallback.map(|v| v.2) {
                Some(Format::Jpeg) => variants.push(current.variant(Format::Jpeg, jpeg(&current, settings)?)),
                Some(Format::Png) => variants.push(current.variant(Format::Png, png(&current)?)),
                _ => {}
            }
        }
    }
    // Into the plan's order: the WebP widths ascending, then the fallback.
    variants.sort_by_key(|v| (v.format != Format::WebP, v.width));
    debug_assert_eq!(variants.iter().map(|v| (v.width, v.height, v.format)).collect::<Vec<_>>(), plan.variants);
    Ok(Photo { key: plan.key, width: plan.width, height: plan.height, variants })
}

/// Whether the picture in `source` decodes whole (what `langso check` asks of every photo,
/// so that a build of what it passed cannot fail on one).
pub fn decodes(source: &[u8], settings: &Settings) -> Result<(), PhotoError> {
    let (header, _) = plan_with_header(source, settings)?;
    decode(source, &header, settings).map(drop)
}

/// The upright pixels of `source`, whose header passed.
fn decode(source: &[u8], header: &probe::Header, settings: &Settings) -> Result<Pixels, PhotoError> {
    // The header passed; the limits still bound what the decoder may allocate, in case a
    // decoder finds more than its header said (16-bit RGBA is 8 bytes a pixel).
    let mut limits = Limits::default();
    limits.max_image_width = Some(header.width);
    limits.max_image_height = Some(header.height);
    limits.max_alloc = Some(settings.max_pixels.saturating_mul(8) + (64 << 20));
    let mut decoder = probe::decoder(source, header.kind, limits)?;
    let orientation = image::ImageDecoder::orientation(&mut decoder).unwrap_or(Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| PhotoError::Corrupt(e.to_string()))?;
    img.apply_orientation(orientation);
    let (width, height) = (img.width(), img.height());
    if (width, height) != header.shown() {
        return Err(PhotoError::Corrupt(format!(
            "{width} × {height} pixels, not the {:?} its header says",
            header.shown()
        )));
    }
    let alpha = img.color().has_alpha();
    let data = if alpha { img.into_rgba8().into_raw() } else { img.into_rgb8().into_raw() };
    Ok(Pixels { width, height, alpha, data })
}

fn webp(p: &Pixels, settings: &Settings) -> Result<Vec<u8>, PhotoError> {
    encode_webp(&p.data, p.width, p.height, p.alpha, settings.webp_quality)
}

/// Lossy WebP of 8-bit RGB (RGBA if `alpha`) pixels through libwebp's simple API
/// (method 4, one thread: the same bytes on every run). It writes the VP8 (and for alpha
/// the ALPH) chunk and nothing else.
pub fn encode_webp(data: &[u8], width: u32, height: u32, alpha: bool, quality: f32) -> Result<Vec<u8>, PhotoError> {
    use libwebp_sys::{WebPEncodeRGB, WebPEncodeRGBA, WebPFree};
    use std::ffi::c_int;
    let channels: c_int = if alpha { 4 } else { 3 };
    let too_large = || PhotoError::Corrupt(format!("{width} × {height} is too large for WebP"));
    let w = c_int::try_from(width).map_err(|_| too_large())?;
    let h = c_int::try_from(height).map_err(|_| too_large())?;
    let stride = w.checked_mul(channels).ok_or_else(too_large)?;
    assert_eq!(data.len(), width as usize * height as usize * channels as usize, "width × height pixels");
    let mut out: *mut u8 = std::ptr::null_mut();
    // SAFETY: `data` holds `h` rows of `stride` bytes (asserted above), which is all
    // libwebp reads; it stores a buffer it allocated in `out` and returns its length (0
    // on failure); the bytes are copied out before `WebPFree` releases the buffer.
    let bytes = unsafe {
        let len = match alpha {
            true => WebPEncodeRGBA(data.as_ptr(), w, h, stride, quality, &mut out),
            false => WebPEncodeRGB(data.as_ptr(), w, h, stride, quality, &mut out),
        };
        if out.is_null() {
            return Err(too_large());
        }
        let bytes = std::slice::from_raw_parts(out, len).to_vec();
        WebPFree(out.cast());
        bytes
    };
    // libwebp refuses a side over 16383 pixels (a panorama's height at 1600 px wide).
    if bytes.is_empty() { Err(too_large()) } else { Ok(bytes) }
}

fn jpeg(p: &Pixels, settings: &Settings) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, settings.jpeg_quality)
        .write_image(&p.data, p.width, p.height, p.color_type())
        .map_err(|e| PhotoError::Corrupt(e.to_string()))?;
    Ok(out)
}

fn png(p: &Pixels) -> Result<Vec<u8>, PhotoError> {
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let mut out = Vec::new();
    PngEncoder::new_with_quality(&mut out, CompressionType::Best, FilterType::Adaptive)
        .write_image(&p.data, p.width, p.height, p.color_type())
        .map_err(|e| PhotoError::Corrupt(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photo::samples::{jpeg_bytes, picture};
    use crate::photo::{Kind, SETTINGS};

    fn png_bytes(img: &DynamicImage) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    fn decoded(v: &Variant) -> DynamicImage {
        image::load_from_memory(&v.bytes).unwrap()
    }

    #[test]
    fn a_large_jpeg_gets_three_webp_widths_and_a_jpeg_fallback() {
        let src = jpeg_bytes(&picture(1700, 1020, 1), 90);
        let photo = process(&src, &SETTINGS).unwrap();
        let got: Vec<(u32, u32, Format)> = photo.variants.iter().map(|v| (v.width, v.height, v.format)).collect();
        assert_eq!(
            got,
            [(480, 288, Format::WebP), (960, 576, Format::WebP), (1600, 960, Format::WebP), (1600, 960, Format::Jpeg)]
        );
        assert_eq!((photo.width, photo.height), (1600, 960));
        for v in &photo.variants {
            let img = decoded(v);
            assert_eq!((img.width(), img.height()), (v.width, v.height));
            assert_eq!(probe::sniff(&v.bytes), if v.format == Format::WebP { Kind::WebP } else { Kind::Jpeg });
        }
        let sizes: Vec<usize> = photo.webp().map(|v| v.bytes.len()).collect();
        assert!(sizes.windows(2).all(|w| w[0] < w[1]) && sizes[2] < src.len(), "{sizes:?} of {}", src.len());
    }

    #[test]
    fn a_small_photo_is_not_upscaled() {
        let src = jpeg_bytes(&picture(300, 200, 2), 90);
        let photo = process(&src, &SETTINGS).unwrap();
        let sizes: Vec<(u32, u32)> = photo.variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, [(300, 200), (300, 200)]);
    }

    #[test]
    fn a_png_keeps_its_alpha_and_stays_png() {
        let img = DynamicImage::ImageRgba8(image::RgbaImage::from_fn(600, 300, |x, y| {
            image::Rgba([(x % 256) as u8, (y % 256) as u8, 90, if x < 300 { 255 } else { 0 }])
        }));
        let photo = process(&png_bytes(&img), &SETTINGS).unwrap();
        let fallback = photo.fallback();
        assert_eq!((fallback.format, fallback.width, fallback.height), (Format::Png, 600, 300));
        let back = decoded(fallback).into_rgba8();
        assert_eq!(back.get_pixel(10, 10)[3], 255);
        assert_eq!(back.get_pixel(500, 10)[3], 0);
        let small = decoded(&photo.variants[0]).into_rgba8();
        assert_eq!((small.width(), small.get_pixel(470, 5)[3]), (480, 0), "WebP keeps the transparency");
        assert_eq!(small.get_pixel(10, 5)[3], 255);
    }

    #[test]
    fn a_webp_source_has_its_largest_webp_as_fallback() {
        let pixels = Pixels { width: 1200, height: 800, alpha: false, data: picture(1200, 800, 3).into_raw() };
        let src = webp(&pixels, &Settings { webp_quality: 90.0, ..SETTINGS }).unwrap();
        let photo = process(&src, &SETTINGS).unwrap();
        let formats: Vec<_> = photo.variants.iter().map(|v| (v.width, v.format)).collect();
        assert_eq!(formats, [(480, Format::WebP), (960, Format::WebP), (1200, Format::WebP)]);
        assert_eq!(photo.fallback().width, 1200);
    }

    #[test]
    fn a_panorama_too_tall_for_webp_is_refused_not_panicked() {
        let pixels = Pixels { width: 2, height: 17_000, alpha: false, data: vec![128; 2 * 17_000 * 3] };
        assert!(matches!(webp(&pixels, &SETTINGS), Err(PhotoError::Corrupt(_))));
    }

    #[test]
    fn the_same_source_gives_the_same_bytes() {
        let src = jpeg_bytes(&picture(1000, 500, 4), 85);
        assert_eq!(process(&src, &SETTINGS).unwrap(), process(&src, &SETTINGS).unwrap());
    }

    #[test]
    fn a_bomb_is_refused_from_its_header_before_decoding() {
        // A valid 6000 × 6000 PNG header and nothing else: decoding would fail, so a
        // `TooManyPixels` proves the refusal came first.
        let settings = Settings { max_pixels: 30_000_000, ..SETTINGS };
        let header_only = crate::photo::samples::png_header(6000, 6000);
        assert_eq!(
            process(&header_only, &settings),
            Err(PhotoError::TooManyPixels { width: 6000, height: 6000, limit: 30_000_000 })
        );
        assert!(
            matches!(process(&header_only, &SETTINGS), Err(PhotoError::Corrupt(_))),
            "under the limit it is decoded"
        );
    }

    #[test]
    fn a_truncated_jpeg_is_corrupt() {
        // Cut inside its tables (a copy that stopped early). A JPEG cut inside its picture
        // data decodes, the rest grey, as browsers show it.
        let src = jpeg_bytes(&picture(600, 400, 5), 85);
        assert!(matches!(process(&src[..100], &SETTINGS), Err(PhotoError::Corrupt(_))));
        assert!(matches!(process(b"\xff\xd8\xffgarbage", &SETTINGS), Err(PhotoError::Corrupt(_))));
    }
}
