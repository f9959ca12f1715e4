//! What an editor must hear about an image, found from its bytes: a HEIC photo whatever
//! its name, a header that cannot be read, a decompression bomb, a photo too small to look
//! sharp. `check` reads only the header (cheap enough for `langso check`); a picture that
//! fails later, while `variants::process` decodes it, is worded by `problem`. The caller
//! places the diagnostic at the image's link (`Problem::diagnostic`).

use super::probe::{self, Kind};
use super::{PhotoError, Settings};
use crate::diag::{Diagnostic, Location, Msg, Severity, msg};

/// A photo narrower than this (as shown, EXIF orientation applied) looks blurred: the
/// text column is 46rem (736 CSS px) wide, a 390 px phone at DPR 2–3 needs 780–1170
/// device pixels, so below 480 px every reader's screen stretches it more than 1.5 times.
/// Only photos (JPEG, WebP) are warned about: a small PNG or GIF is usually a logo or a
/// diagram drawn at its size.
pub const MIN_SHARP_WIDTH: u32 = 480;

/// One finding, to be reported at the image's link.
#[derive(Debug, Clone)]
pub struct Problem {
    pub code: &'static str,
    pub severity: Severity,
    pub message: Msg,
    pub help: Msg,
}

impl Problem {
    pub fn diagnostic(self, at: Location<'_>) -> Diagnostic {
        match self.severity {
            Severity::Error => Diagnostic::error(self.code, at, self.message),
            Severity::Warning => Diagnostic::warning(self.code, at, self.message),
        }
        .help(self.help)
    }
}

/// What the header of the image `dest` (as the document wrote it) says is wrong with it,
/// if anything. SVG and unknown kinds are left to the checks of linked files.
pub fn check(dest: &str, bytes: &[u8], settings: &Settings) -> Option<Problem> {
    let header = match probe::header(bytes) {
        Ok(h) => h,
        Err(e) => return problem(dest, &e),
    };
    if header.pixels() > settings.max_pixels {
        let e = PhotoError::TooManyPixels { width: header.width, height: header.height, limit: settings.max_pixels };
        return problem(dest, &e);
    }
    let (width, _) = header.shown();
    if matches!(header.kind, Kind::Jpeg | Kind::WebP) && width < MIN_SHARP_WIDTH {
        return Some(Problem {
            code: "image-too-small",
            severity: Severity::Warning,
            message: msg!("image-too-small", dest = dest, width = width as u64),
            help: msg!("image-too-small-help", min = MIN_SHARP_WIDTH as u64),
        });
    }
    None
}

/// The finding for an image `variants::process` (or `probe::header`) refused; none for
/// a kind published as it is.
pub fn problem(dest: &str, e: &PhotoError) -> Option<Problem> {
    let error = |code, message, help| Some(Problem { code, severity: Severity::Error, message, help });
    match e {
        PhotoError::Heif => error("unsafe-file", msg!("heic-image", dest = dest), msg!("heic-image-help")),
        PhotoError::NotProcessed(_) => None,
        PhotoError::TooManyPixels { width, height, limit } => {
            let mp = |n: u64| (n as f64 / 100_000.0).round() / 10.0;
            error(
                "image-too-many-pixels",
                msg!(
                    "image-too-many-pixels",
                    dest = dest,
                    width = *width as u64,
                    height = *height as u64,
                    megapixels = mp(u64::from(*width) * u64::from(*height)),
                    limit = mp(*limit)
                ),
                msg!("image-too-many-pixels-help"),
            )
        }
        PhotoError::Corrupt(_) => {
            error("image-corrupt", msg!("image-corrupt", dest = dest), msg!("image-corrupt-help"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;
    use crate::photo::SETTINGS;
    use crate::photo::samples::{jpeg_bytes, picture, png_header};

    fn found(dest: &str, bytes: &[u8]) -> Option<(&'static str, Severity, String)> {
        check(dest, bytes, &SETTINGS).map(|p| (p.code, p.severity, p.message.render(Lang::En)))
    }

    #[test]
    fn a_bomb_is_found_from_its_header() {
        let (code, severity, text) = found("bom.png", &png_header(40_000, 40_000)).unwrap();
        assert_eq!((code, severity), ("image-too-many-pixels", Severity::Error));
        assert!(text.contains("40000 × 40000") && text.contains("1,600") && text.contains("50"), "{text}");
        assert_eq!(found("ok.png", &png_header(7000, 7000)), None, "49 megapixels pass");
    }

    #[test]
    fn a_heic_photo_is_found_by_its_bytes_whatever_its_name() {
        let (code, severity, text) = found("anh.jpg", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic").unwrap();
        assert_eq!((code, severity), ("unsafe-file", Severity::Error));
        assert!(text.contains("HEIC"), "{text}");
    }

    #[test]
    fn an_unreadable_header_is_corrupt() {
        let (code, severity, _) = found("hong.jpg", b"\xff\xd8\xff\xe0garbage").unwrap();
        assert_eq!((code, severity), ("image-corrupt", Severity::Error));
        let (code, _, _) = found("hong.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDRxx").unwrap();
        assert_eq!(code, "image-corrupt");
        let text = problem("a.jpg", &PhotoError::Corrupt("x".into())).unwrap().message.render(Lang::Vi);
        assert!(text.contains("`a.jpg`") && text.contains("hỏng"), "{text}");
    }

    #[test]
    fn a_narrow_photo_is_a_warning_and_a_narrow_png_is_not() {
        let (code, severity, text) = found("nho.jpg", &jpeg_bytes(&picture(400, 300, 1), 80)).unwrap();
        assert_eq!((code, severity), ("image-too-small", Severity::Warning));
        assert!(text.contains("400"), "{text}");
        assert_eq!(found("du.jpg", &jpeg_bytes(&picture(480, 300, 1), 80)), None);
        assert_eq!(found("logo.png", &png_header(200, 100)), None);
        assert_eq!(found("hinh.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), None);
    }
}
