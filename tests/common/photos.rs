//! Photo-like pictures for the tests and benchmarks of photos (issue 16): a sky-to-ground
//! gradient, hills, a texture of leaves and sensor-like grain, so that a JPEG of one
//! compresses like a phone's photo (a 4000 × 3000 one at quality 92 is 3–4 MB).
//! Deterministic: the same size and seed give the same pixels. Shared by `tests/` (as
//! `common::photos`) and `benches/photos.rs` (by path).

/// The picture `width` × `height` of seed `seed`.
pub fn photo_like(width: u32, height: u32, seed: u32) -> image::RgbImage {
    let mut state = 0x9e37_79b9u32.wrapping_mul(seed + 1);
    let phase = seed as f32 * 0.7;
    image::RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let horizon = 0.45 + 0.08 * (fx * 6.0 + phase).sin() + 0.03 * (fx * 23.0).sin();
        let grain = (state % 17) as f32 - 8.0;
        let leaves = 18.0 * ((x as f32 * 0.31 + phase).sin() * (y as f32 * 0.27).cos());
        let [r, g, b] = if fy < horizon {
            let t = fy / horizon;
            [90.0 + 80.0 * t, 140.0 + 60.0 * t, 230.0 - 20.0 * t]
        } else {
            let t = (fy - horizon) / (1.0 - horizon);
            let field = 30.0 * (fx * 40.0 + fy * 9.0 + phase).sin();
            [70.0 + 60.0 * t + leaves + field, 110.0 + 50.0 * t + leaves, 40.0 + 30.0 * t + leaves * 0.5]
        };
        let c = |v: f32| (v + grain).clamp(0.0, 255.0) as u8;
        image::Rgb([c(r), c(g), c(b)])
    })
}

/// `img` as a JPEG of `quality` (1–100).
pub fn jpeg(img: &image::RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality).encode_image(img).unwrap();
    out
}
