//! Photos published from a phone's JPEG keep nothing of its metadata (issue 16): a test
//! photo gets an EXIF block with a GPS position, a camera serial number and an upright
//! orientation, an XMP packet, an ICC profile and an IPTC block, all written here byte by
//! byte; every byte of every variant is then scanned for them. The EXIF orientation is
//! applied to the pixels, since no variant carries it any more.

use std::io::Cursor;

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
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 92).encode_image(img).unwrap();
    [&plain[..2], &exif_segment(orientation), &other_metadata(), &plain[2..]].concat()
}

fn photo_like(width: u32, height: u32) -> image::RgbImage {
    image::RgbImage::from_fn(width, height, |x, y| {
        let n = ((x * 7919 + y * 104_729) % 31) as u8;
        image::Rgb([(x * 255 / width) as u8 / 2 + n, (y * 255 / height) as u8 / 2 + n, 120 + n])
    })
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
