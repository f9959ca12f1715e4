//! What photos cost and what a phone saves (issue 16): five generated 4000 × 3000
//! photo-like JPEGs (gradients, texture and sensor-like noise, so they compress like
//! phone photos: 3–6 MB each) through `langso::photo`. Prints, per photo and for the set,
//! the original's bytes against what a 390 px phone downloads (DPR 2 and 3 both pick the
//! 960 px WebP for a full-width image: Chromium takes the smaller candidate while the
//! device density is below the geometric mean of the two candidates' densities), and the
//! processing time cold, from a warm cache folder and from the previous site's files.
//!
//! `cargo bench --bench photos [-- real.jpg …]` (a release build; photos given as
//! arguments are measured too, after the five); docs/photos.md keeps the figures.

use std::path::Path;
use std::time::Instant;

use langso::photo::cache::Previous;
use langso::photo::{Format, Photo, PhotoCache, SETTINGS, process};

const WIDTH: u32 = 4000;
const HEIGHT: u32 = 3000;

#[path = "../tests/common/photos.rs"]
mod photos;

fn photo_like(seed: u32) -> image::RgbImage {
    photos::photo_like(WIDTH, HEIGHT, seed)
}

fn jpeg(img: &image::RgbImage) -> Vec<u8> {
    photos::jpeg(img, 92)
}

fn kb(n: usize) -> String {
    format!("{:.0} KB", n as f64 / 1024.0)
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

fn width_bytes(photo: &Photo, width: u32) -> usize {
    photo.webp().find(|v| v.width == width).map_or(0, |v| v.bytes.len())
}

fn publish(out: &Path, dir: &str, stem: &str, photo: &Photo) {
    std::fs::create_dir_all(out.join(dir)).unwrap();
    for v in &photo.variants {
        std::fs::write(out.join(dir).join(photo.file_name(stem, v)), &v.bytes).unwrap();
    }
}

fn main() {
    let work = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let mut sources: Vec<Vec<u8>> = (0..5).map(|i| jpeg(&photo_like(i))).collect();
    // Real photos given as arguments join the table (`cargo bench --bench photos -- a.jpg`).
    sources.extend(std::env::args().skip(1).filter(|a| !a.starts_with('-')).map(|p| std::fs::read(p).unwrap()));
    println!("generated 5 photos of {WIDTH}×{HEIGHT} in {:.1} s", started.elapsed().as_secs_f64());
    println!(
        "{:<6} {:>9} {:>8} {:>8} {:>8} {:>9} {:>9} {:>10} {:>12}",
        "photo", "original", "480w", "960w", "1600w", "jpg 1600", "cold ms", "cache ms", "previous ms"
    );
    let cache_dir = work.path().join("cache");
    let filling = PhotoCache::with_dir(cache_dir.clone()).unwrap();
    let (mut original, mut phone, mut phone3, mut cold_total) = (0, 0, 0, 0.0);
    for (i, src) in sources.iter().enumerate() {
        let t = Instant::now();
        let photo = process(src, &SETTINGS).unwrap();
        let cold = ms(t);
        filling.photo(src, &SETTINGS, None).unwrap();
        let stem = format!("anh-{i}");
        publish(work.path(), "out/pilots/a/b", &stem, &photo);

        let warm = PhotoCache::with_dir(cache_dir.clone()).unwrap();
        let t = Instant::now();
        let from_cache = warm.photo(src, &SETTINGS, None).unwrap();
        let cached = ms(t);
        assert_eq!((warm.encoded(), &*from_cache), (0, &photo));

        let rebuild = PhotoCache::none();
        let previous = Previous { out: &work.path().join("out"), dir: "pilots/a/b", stem: &stem };
        let t = Instant::now();
        let reused = rebuild.photo(src, &SETTINGS, Some(previous)).unwrap();
        let from_previous = ms(t);
        assert_eq!((rebuild.encoded(), &*reused), (0, &photo));

        let fallback = photo.variants.iter().find(|v| v.format == Format::Jpeg).map_or(0, |v| v.bytes.len());
        println!(
            "{:<6} {:>9} {:>8} {:>8} {:>8} {:>9} {:>9.0} {:>10.1} {:>12.1}",
            i + 1,
            kb(src.len()),
            kb(width_bytes(&photo, 480)),
            kb(width_bytes(&photo, 960)),
            kb(width_bytes(&photo, 1600)),
            kb(fallback),
            cold,
            cached,
            from_previous
        );
        if i < 5 {
            original += src.len();
            phone += width_bytes(&photo, 960);
            phone3 += width_bytes(&photo, 1600);
            cold_total += cold;
        }
    }
    println!(
        "set of five: originals {}, a 390 px phone downloads {} at 960w ({:.1} %), {} if it took 1600w ({:.1} %); \
         first screen (one photo) {}",
        kb(original),
        kb(phone),
        100.0 * phone as f64 / original as f64,
        kb(phone3),
        100.0 * phone3 as f64 / original as f64,
        kb(width_bytes(&process(&sources[0], &SETTINGS).unwrap(), 960)),
    );
    println!("processing: {:.0} ms per photo cold (mean)", cold_total / 5.0);
}
