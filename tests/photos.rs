//! Photos published from a phone's JPEG keep nothing of its metadata (issue 16): a test
//! photo gets an EXIF block with a GPS position, a camera serial number and an upright
//! orientation, an XMP packet, an ICC profile and an IPTC block, all written here byte by
//! byte; every byte of every variant, and then of a whole built site, is scanned for them.
//! The EXIF orientation is applied to the pixels, since no variant carries it any more.
//! A built page offers the variants (`<picture>`, `srcset`, `width`, `height`, lazy
//! loading after the first image), a warm `--cache` gives the same site byte for byte and
//! encodes nothing, and a photo that does not decode is found by `langso check`.

mod common;

use std::io::Cursor;
use std::path::Path;

use common::*;
use langso::photo::{Format, PhotoCache, SETTINGS, process};

const SERIAL: &str = "SN-LANGSO-4417-PRIVATE";
/// 21° 1' 42.42" N, 105° 51' 13.37" E: a house in Hà Nội.
const LATITUDE: [(u32, u32); 3] = [(21, 1), (1, 1), (4242, 100)];
const LONGITUDE: [(u32, u32); 3] = [(105, 1), (51, 1), (1337, 100)];
const XMP_SECRET: &str = "LANGSO-XMP-LOCATION-Thon-3";
const ICC_SECRET: &str = "LANGSO-ICC-DESCRIPTION";
const IPTC_SECRET: &str = "LANGSO-IPTC-BYLINE";

/// One TIFF directory entry: tag, type (2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL), count, value bytes.
struct Entry(u16, u16, u32, Vec<u8>);

fn ascii(tag: u16, text: &str) -> Entry {
    let mut bytes = text.as_bytes().to_vec();
    bytes.push(0);
    Entry(tag, 2, bytes.len() as u32, bytes)
}

fn long(tag: u16, value: u32) -> Entry {
    Entry(tag, 4, 1, value.to_be_bytes().to_vec())
}

fn rationals(tag: u16, values: &[(u32, u32)]) -> Entry {
    Entry(tag, 5, values.len() as u32, rational_bytes(values))
}

fn rational_bytes(values: &[(u32, u32)]) -> Vec<u8> {
    values.iter().flat_map(|(n, d)| n.to_be_bytes().into_iter().chain(d.to_be_bytes())).collect()
}

fn ifd_size(entries: &[Entry]) -> usize {
    6 + 12 * entries.len()
        + entries.iter().map(|e| if e.3.len() > 4 { e.3.len().next_multiple_of(2) } else { 0 }).sum::<usize>()
}

/// A directory at the end of `out` (which starts at the TIFF header), its long values after it.
fn write_ifd(out: &mut Vec<u8>, entries: &[Entry]) {
    let mut data_at = out.len() + 6 + 12 * entries.len();
    let mut data = Vec::new();
    out.extend((entries.len() as u16).to_be_bytes());
    for Entry(tag, kind, count, value) in entries {
        out.extend(tag.to_be_bytes());
        out.extend(kind.to_be_bytes());
        out.extend(count.to_be_bytes());
        if value.len() <= 4 {
            let mut inline = value.clone();
            inline.resize(4, 0);
            out.extend(inline);
        } else {
            out.extend((data_at as u32).to_be_bytes());
            data.extend(value);
            if value.len() % 2 == 1 {
                data.push(0);
            }
            data_at += value.len().next_multiple_of(2);
        }
    }
    out.extend(0u32.to_be_bytes());
    out.extend(data);
}

/// The EXIF APP1 segment: IFD0 (orientation, pointers), the Exif IFD (serial), the GPS IFD.
fn exif_segment(orientation: u16) -> Vec<u8> {
    let exif_ifd = [ascii(0xa431, SERIAL)];
    let gps_ifd = [ascii(0x0001, "N"), rationals(0x0002, &LATITUDE), ascii(0x0003, "E"), rationals(0x0004, &LONGITUDE)];
    let ifd0_len = 3;
    let exif_at = 8 + 6 + 12 * ifd0_len;
    let gps_at = exif_at + ifd_size(&exif_ifd);
    let ifd0 = [
        Entry(0x0112, 3, 1, orientation.to_be_bytes().to_vec()),
        long(0x8769, exif_at as u32),
        long(0x8825, gps_at as u32),
    ];
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    write_ifd(&mut tiff, &ifd0);
    write_ifd(&mut tiff, &exif_ifd);
    write_ifd(&mut tiff, &gps_ifd);
    segment(0xe1, &[b"Exif\0\0", &tiff[..]].concat())
}

fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xff, marker];
    s.extend(((payload.len() + 2) as u16).to_be_bytes());
    s.extend(payload);
    s
}

/// XMP (APP1), an ICC profile (APP2) and IPTC (APP13) holding the other secrets.
fn other_metadata() -> Vec<u8> {
    let xmp = format!(
        "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF \
         xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description \
         xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"21,1.707N\" \
         exif:BodySerialNumber=\"{SERIAL}\" Location=\"{XMP_SECRET}\"/></rdf:RDF></x:xmpmeta>"
    );
    let icc = [b"ICC_PROFILE\0\x01\x01".as_slice(), ICC_SECRET.as_bytes()].concat();
    let iptc =
        [b"Photoshop 3.0\08BIM\x04\x04\0\0\0\0\0\x20\x1c\x02\x50\0\x12".as_slice(), IPTC_SECRET.as_bytes()].concat();
    [segment(0xe1, xmp.as_bytes()), segment(0xe2, &icc), segment(0xed, &iptc)].concat()
}

/// A JPEG of `img` with the metadata segments right after its SOI marker.
fn planted_jpeg(img: &image::RgbImage, orientation: u16) -> Vec<u8> {
    let plain = common::photos::jpeg(img, 92);
    [&plain[..2], &exif_segment(orientation), &other_metadata(), &plain[2..]].concat()
}

fn photo_like(width: u32, height: u32) -> image::RgbImage {
    common::photos::photo_like(width, height, 7)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn no_variant_keeps_a_byte_of_the_metadata() {
    let source = planted_jpeg(&photo_like(2000, 1500), 1);

    // The plant is real: a standard EXIF reader finds the position and the serial.
    let exif = exif::Reader::new().read_from_container(&mut Cursor::new(&source)).expect("the planted EXIF reads");
    let lat = exif.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY).expect("GPS latitude planted");
    assert_eq!(lat.display_value().to_string(), "21 deg 1 min 42.42 sec");
    let serial = exif.get_field(exif::Tag::BodySerialNumber, exif::In::PRIMARY).expect("serial planted");
    assert_eq!(serial.display_value().to_string(), format!("\"{SERIAL}\""));

    let photo = process(&source, &SETTINGS).unwrap();
    assert_eq!(photo.variants.len(), 4, "three WebP widths and the JPEG fallback");
    let needles: Vec<(&str, Vec<u8>)> = vec![
        ("serial", SERIAL.as_bytes().to_vec()),
        ("latitude", rational_bytes(&LATITUDE)),
        ("longitude", rational_bytes(&LONGITUDE)),
        ("GPS in XMP", b"21,1.707N".to_vec()),
        ("EXIF marker", b"Exif\0".to_vec()),
        ("XMP namespace", b"http://ns.adobe.com/xap".to_vec()),
        ("XMP packet", b"xmpmeta".to_vec()),
        ("XMP text", XMP_SECRET.as_bytes().to_vec()),
        ("ICC marker", b"ICC_PROFILE".to_vec()),
        ("ICC text", ICC_SECRET.as_bytes().to_vec()),
        ("IPTC marker", b"Photoshop 3.0".to_vec()),
        ("IPTC text", IPTC_SECRET.as_bytes().to_vec()),
        ("WebP EXIF chunk", b"EXIF".to_vec()),
        ("WebP XMP chunk", b"XMP ".to_vec()),
        ("WebP ICC chunk", b"ICCP".to_vec()),
    ];
    for v in &photo.variants {
        for (what, needle) in &needles {
            assert!(!contains(&v.bytes, needle), "the {}w {:?} variant holds the {what}", v.width, v.format);
        }
        assert!(exif::Reader::new().read_from_container(&mut Cursor::new(&v.bytes[..])).is_err());
    }
    // And through the cache, as a build publishes them.
    let cached = PhotoCache::in_memory().photo(&source, &SETTINGS, None).unwrap();
    assert_eq!(*cached, photo);
}

#[test]
fn the_exif_orientation_turns_the_pixels() {
    // Stored 40 × 20, left half red, right half blue; orientation 6 shows it turned a
    // quarter clockwise: 20 × 40, red on top.
    let img =
        image::RgbImage::from_fn(
            40,
            20,
            |x, _| if x < 20 { image::Rgb([230, 20, 20]) } else { image::Rgb([20, 20, 230]) },
        );
    let photo = process(&planted_jpeg(&img, 6), &SETTINGS).unwrap();
    assert_eq!((photo.width, photo.height), (20, 40));
    for v in &photo.variants {
        assert_eq!((v.width, v.height), (20, 40), "{:?}", v.format);
        let shown = image::load_from_memory(&v.bytes).unwrap().into_rgb8();
        assert_eq!(shown.dimensions(), (20, 40));
        let (top, bottom) = (shown.get_pixel(10, 5), shown.get_pixel(10, 35));
        assert!(top[0] > 150 && top[2] < 100, "{:?} top is red: {top:?}", v.format);
        assert!(bottom[2] > 150 && bottom[0] < 100, "{:?} bottom is blue: {bottom:?}", v.format);
    }
    assert_eq!(photo.fallback().format, Format::Jpeg);

    // Without the orientation the same pixels stay as stored.
    let upright = process(&planted_jpeg(&img, 1), &SETTINGS).unwrap();
    assert_eq!((upright.width, upright.height), (40, 20));
}

/// What no published byte may hold: the planted metadata, and its containers' markers.
fn secrets() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("serial", SERIAL.as_bytes().to_vec()),
        ("latitude", rational_bytes(&LATITUDE)),
        ("longitude", rational_bytes(&LONGITUDE)),
        ("XMP text", XMP_SECRET.as_bytes().to_vec()),
        ("ICC text", ICC_SECRET.as_bytes().to_vec()),
        ("IPTC text", IPTC_SECRET.as_bytes().to_vec()),
    ]
}

const PILOT: &str = "content/pilots/an-giang/thoai-giang";
const PAGE_DIR: &str = "pilots/an-giang/thoai-giang";

/// The minimal site with two planted photos (a 2000 × 1500 JPEG and a 1200 × 900 one
/// turned upright by its EXIF orientation) and a PNG diagram on the pilot's page.
fn site_with_photos() -> TestSite {
    let site = TestSite::from_fixture("tests/fixtures/minimal");
    let write = |name: &str, bytes: &[u8]| std::fs::write(site.root().join(PILOT).join(name), bytes).unwrap();
    write("cong-lang.jpg", &planted_jpeg(&photo_like(2000, 1500), 1));
    write("nha van hoa.jpg", &planted_jpeg(&photo_like(1200, 900), 6));
    let mut png = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(photo_like(700, 400)).write_to(&mut png, image::ImageFormat::Png).unwrap();
    write("so-do.png", &png.into_inner());
    let index = format!("{PILOT}/index.md");
    site.edit(
        &index,
        "## Giải pháp\n",
        "## Giải pháp\n\n![Cổng *làng*](cong-lang.jpg \"Cổng làng\")\n\n![Nhà văn hóa](nha%20van%20hoa.jpg)\n\n![Sơ đồ](so-do.png)\n\nẢnh gốc: [tải về](cong-lang.jpg).\n",
    );
    site
}

fn build_into(site: &TestSite, out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["build", "--root", site.root().to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = langso(&args);
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    stderr(&o)
}

#[test]
fn a_built_site_offers_the_variants_and_publishes_no_byte_of_the_metadata() {
    let site = site_with_photos();
    let out = site.root().join("out");
    let said = build_into(&site, &out, &[]);
    assert!(said.contains("ảnh: 3, trong đó 3 ảnh được xử lý lần này"), "{said}");
    let files = tree(&out);

    for (path, bytes) in &files {
        for (what, needle) in secrets() {
            assert!(!contains(bytes, &needle), "{path} holds the {what}");
        }
        if path.ends_with(".jpg") || path.ends_with(".webp") || path.ends_with(".png") {
            assert!(exif::Reader::new().read_from_container(&mut Cursor::new(&bytes[..])).is_err(), "{path} has EXIF");
        }
    }

    // The image's own path holds its largest variant in its own format, upright (what a
    // link to it downloads; the page shows the same bytes under a name with the key).
    let own = image::load_from_memory(&files[&format!("{PAGE_DIR}/cong-lang.jpg")]).unwrap();
    assert_eq!((own.width(), own.height()), (1600, 1200));
    let turned = image::load_from_memory(&files[&format!("{PAGE_DIR}/nha van hoa.jpg")]).unwrap();
    assert_eq!((turned.width(), turned.height()), (900, 1200), "orientation 6 is applied");

    let html = String::from_utf8(files[&format!("{PAGE_DIR}/index.html")].clone()).unwrap();
    let pictures: Vec<&str> = html.split("<picture>").skip(1).map(|p| p.split("</picture>").next().unwrap()).collect();
    assert_eq!(pictures.len(), 3, "{html}");
    for (picture, (stem, size)) in pictures.iter().zip([
        ("cong-lang", "1600\" height=\"1200"),
        ("nha%20van%20hoa", "900\" height=\"1200"),
        ("so-do", "700\" height=\"400"),
    ]) {
        assert!(picture.contains("<source type=\"image/webp\" srcset=\""), "{picture}");
        assert!(picture.contains("sizes=\"(max-width: 48rem) calc(100vw - 2rem), 46rem\""), "{picture}");
        assert!(picture.contains(&format!("width=\"{size}\"")), "{picture}");
        // Every candidate of the srcset is a published WebP of the width it claims.
        let srcset = picture.split("srcset=\"").nth(1).unwrap().split('"').next().unwrap();
        let candidates: Vec<(&str, &str)> = srcset.split(", ").map(|c| c.split_once(' ').unwrap()).collect();
        assert!(!candidates.is_empty());
        for (url, width) in candidates {
            assert!(url.starts_with(&format!("{stem}.")) && url.ends_with(".webp"), "{url}");
            let name = url.replace("%20", " ");
            let bytes = files.get(&format!("{PAGE_DIR}/{name}")).unwrap_or_else(|| panic!("{url} is not published"));
            let img = image::load_from_memory(bytes).unwrap();
            assert_eq!(format!("{}w", img.width()), width, "{url}");
        }
    }
    let src = pictures[0].split("<img src=\"").nth(1).unwrap().split('"').next().unwrap();
    assert!(src.starts_with("cong-lang.") && src.ends_with(".1600x1200.jpg"), "{src}");
    assert_eq!(files[&format!("{PAGE_DIR}/{src}")], files[&format!("{PAGE_DIR}/cong-lang.jpg")]);
    assert!(
        pictures[0].contains("srcset=\"cong-lang.")
            && pictures[0].contains(" 480w, ")
            && pictures[0].contains(" 1600w\"")
    );
    assert!(
        pictures[0].contains("alt=\"Cổng làng\" title=\"Cổng làng\""),
        "the alt text is the description's text: {}",
        pictures[0]
    );
    // The first image is fetched at once; the others wait until they are near the screen.
    assert!(!pictures[0].contains("loading="), "{}", pictures[0]);
    for p in &pictures[1..] {
        assert!(p.contains("loading=\"lazy\" decoding=\"async\""), "{p}");
    }
    // No original: every published JPEG or PNG is a variant (1600 px at most).
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".jpg") || p.ends_with(".png")) {
        if path.starts_with(PAGE_DIR) {
            assert!(image::load_from_memory(bytes).unwrap().width() <= 1600, "{path}");
        }
    }
}

#[test]
fn a_warm_cache_gives_the_same_site_and_encodes_nothing() {
    let site = site_with_photos();
    let cache = site.root().join(".langso-cache");
    let cache_arg = cache.to_str().unwrap();
    let said = build_into(&site, &site.root().join("cold"), &["--cache", cache_arg]);
    assert!(said.contains("ảnh: 3, trong đó 3 ảnh"), "{said}");
    let entries =
        |dir: &Path| std::fs::read_dir(dir).unwrap().filter(|e| e.as_ref().unwrap().file_name() != "cards").count();
    assert_eq!(entries(&cache), 3, "one entry per photo");
    assert_eq!(std::fs::read_dir(cache.join("cards")).unwrap().count(), 2, "and the two pilots' share cards");

    // A new output folder (a CI run: no previous site) with the cache restored.
    let said = build_into(&site, &site.root().join("warm"), &["--cache", cache_arg]);
    assert!(said.contains("ảnh: 3, trong đó 0 ảnh"), "{said}");
    // Without any cache, and into the folder the first build left (its variants reused).
    let said = build_into(&site, &site.root().join("none"), &[]);
    assert!(said.contains("trong đó 3 ảnh"), "{said}");
    // `--force`: with nothing changed, the build would do nothing at all.
    let said = build_into(&site, &site.root().join("cold"), &["--force"]);
    assert!(said.contains("trong đó 0 ảnh"), "the previous site's variants are reused: {said}");
    let cold = tree(&site.root().join("cold"));
    assert_eq!(cold, tree(&site.root().join("warm")), "byte for byte the same with a warm cache");
    assert_eq!(cold, tree(&site.root().join("none")), "and without one");

    // A photo no longer used leaves the cache at the next build.
    site.edit(&format!("{PILOT}/index.md"), "![Sơ đồ](so-do.png)", "");
    build_into(&site, &site.root().join("warm"), &["--cache", cache_arg]);
    assert_eq!(entries(&cache), 2, "the unused entry is pruned");

    // The cards come from the cache: a card put there is the one published (as a CI
    // run with the folder restored publishes the cards an earlier run drew).
    let card = "share/an-giang/thoai-giang.png";
    let cached = std::fs::read_dir(cache.join("cards"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| std::fs::read(p).unwrap() == cold[card]);
    let cached = cached.expect("the pilot's card is in the cache");
    let mut marked = cold[card].clone();
    marked.extend(b"kept-in-the-cache");
    std::fs::write(&cached, &marked).unwrap();
    build_into(&site, &site.root().join("again"), &["--cache", cache_arg]);
    assert_eq!(std::fs::read(site.root().join("again").join(card)).unwrap(), marked);

    // The cache may not live where the build would delete it or read it as content.
    for inside in [site.root().join("warm/cache"), site.root().join("content/cache")] {
        let o = langso(&[
            "build",
            "--root",
            site.root().to_str().unwrap(),
            "--out",
            site.root().join("warm").to_str().unwrap(),
            "--cache",
            inside.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("bộ nhớ đệm ảnh"), "{}", stderr(&o));
    }
}

#[test]
fn the_site_may_ask_to_publish_the_originals() {
    let site = site_with_photos();
    site.edit("content/site.yaml", "language: vi", "language: vi\npublish_original_photos: true");
    let out = site.root().join("out");
    build_into(&site, &out, &[]);
    let original = std::fs::read(site.root().join(PILOT).join("cong-lang.jpg")).unwrap();
    assert_eq!(std::fs::read(out.join(PAGE_DIR).join("cong-lang.jpg")).unwrap(), original);
    let html = std::fs::read_to_string(out.join(PAGE_DIR).join("index.html")).unwrap();
    assert!(html.contains("<source type=\"image/webp\" srcset=\"cong-lang."), "the variants are still offered");
}

#[test]
fn check_decodes_every_photo_so_the_build_cannot_fail_on_one() {
    // A PNG whose header is whole and whose picture data stops halfway.
    let mut png = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(photo_like(800, 600)).write_to(&mut png, image::ImageFormat::Png).unwrap();
    let png = png.into_inner();
    let cut = &png[..png.len() / 2];
    assert!(langso::photo::check("x.png", cut, &SETTINGS).is_none(), "its header passes");

    let site = TestSite::from_fixture("tests/fixtures/minimal");
    std::fs::write(site.root().join(PILOT).join("cat-do.png"), cut).unwrap();
    site.edit(&format!("{PILOT}/index.md"), "## Giải pháp\n", "## Giải pháp\n\n![Ảnh](cat-do.png)\n");
    let o = langso(&["check", "--root", site.root().to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
    let found: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let found: Vec<(&str, u64)> =
        found.as_array().unwrap().iter().map(|d| (d["code"].as_str().unwrap(), d["line"].as_u64().unwrap())).collect();
    assert_eq!(found, [("image-corrupt", 14)]);

    // The build finds it too (while decoding), worded as the same diagnostic at the link.
    let o = site.build();
    assert_ne!(o.status.code(), Some(0));
    let said = stderr(&o);
    assert!(said.contains("image-corrupt") && said.contains("index.md:14:1"), "{said}");
    assert!(!site.out().exists(), "nothing published");
}
