//! How the photo encoders' quality settings were chosen (docs/photos.md): each photo given
//! on the command line (and one generated photo-like picture) is resized to 960 px, then
//! encoded as lossy WebP and as JPEG at several qualities; the table gives the bytes and
//! the SSIM of the decoded result against the resized pixels (luma, 8 × 8 windows every
//! 4 pixels). `cargo run --release --example photo_quality -- a.jpg b.jpg`

use image::imageops::FilterType;
use image::{GrayImage, RgbImage};

fn luma(img: &RgbImage) -> GrayImage {
    image::DynamicImage::ImageRgb8(img.clone()).into_luma8()
}

/// Mean SSIM over 8 × 8 windows, stepped by 4 pixels.
fn ssim(a: &GrayImage, b: &GrayImage) -> f64 {
    let (c1, c2) = ((0.01f64 * 255.0).powi(2), (0.03f64 * 255.0).powi(2));
    let (mut sum, mut n) = (0.0, 0);
    for y in (0..a.height() - 8).step_by(4) {
        for x in (0..a.width() - 8).step_by(4) {
            let (mut ma, mut mb, mut va, mut vb, mut cov) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for j in 0..8 {
                for i in 0..8 {
                    ma += a.get_pixel(x + i, y + j)[0] as f64;
                    mb += b.get_pixel(x + i, y + j)[0] as f64;
                }
            }
            ma /= 64.0;
            mb /= 64.0;
            for j in 0..8 {
                for i in 0..8 {
                    let (pa, pb) = (a.get_pixel(x + i, y + j)[0] as f64 - ma, b.get_pixel(x + i, y + j)[0] as f64 - mb);
                    va += pa * pa;
                    vb += pb * pb;
                    cov += pa * pb;
                }
            }
            let (va, vb, cov) = (va / 63.0, vb / 63.0, cov / 63.0);
            sum += ((2.0 * ma * mb + c1) * (2.0 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
            n += 1;
        }
    }
    sum / n as f64
}

fn generated() -> RgbImage {
    RgbImage::from_fn(2000, 1500, |x, y| {
        let n = ((x * 7919 + y * 104_729) % 17) as f32 - 8.0;
        let leaves = 18.0 * ((x as f32 * 0.31).sin() * (y as f32 * 0.27).cos());
        let c = |v: f32| (v + n).clamp(0.0, 255.0) as u8;
        image::Rgb([c(90.0 + leaves + y as f32 / 20.0), c(130.0 + leaves), c(60.0 + x as f32 / 30.0)])
    })
}

fn main() {
    let mut photos: Vec<(String, RgbImage)> = vec![("generated".into(), generated())];
    for path in std::env::args().skip(1) {
        let img = image::open(&path).unwrap_or_else(|e| panic!("{path}: {e}")).into_rgb8();
        photos.push((path.rsplit('/').next().unwrap().to_string(), img));
    }
    for (name, img) in photos {
        let h = img.height() * 960 / img.width();
        let small = image::imageops::resize(&img, 960, h, FilterType::Lanczos3);
        let reference = luma(&small);
        println!("{name} at 960×{h}");
        for q in [50.0, 60.0, 65.0, 70.0, 72.0, 75.0, 80.0, 85.0, 90.0] {
            let bytes = langso::photo::variants::encode_webp(small.as_raw(), 960, h, false, q).unwrap();
            let back = image::load_from_memory(&bytes).unwrap().into_rgb8();
            println!("  webp q{q:<3} {:>7} B  ssim {:.4}", bytes.len(), ssim(&reference, &luma(&back)));
        }
        for q in [60u8, 70, 75, 80, 85, 90] {
            let mut bytes = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, q).encode_image(&small).unwrap();
            let back = image::load_from_memory(&bytes).unwrap().into_rgb8();
            println!("  jpeg q{q:<3} {:>7} B  ssim {:.4}", bytes.len(), ssim(&reference, &luma(&back)));
        }
    }
}
