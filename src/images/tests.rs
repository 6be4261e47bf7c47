//! Tests of `prepare` on small images made here: what each output gets, and the cache.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::sync::Mutex;

use super::*;

/// A non-interlaced palette PNG whose pixel (x, y) holds index (x + y) mod the palette's
/// length, at `bits` per index.
pub(crate) fn palette_png(width: u32, height: u32, bits: u8, palette: &[[u8; 3]]) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::from_u8(bits).expect("a PNG bit depth"));
    encoder.set_palette(palette.iter().flatten().copied().collect::<Vec<u8>>());
    let mut writer = encoder.write_header().expect("a PNG header");
    let per_byte = usize::from(8 / bits);
    let row = (width as usize).div_ceil(per_byte);
    let mut data = vec![0u8; row * height as usize];
    for y in 0..height as usize {
        for x in 0..width as usize {
            let index = ((x + y) % palette.len()) as u8;
            data[y * row + x / per_byte] |= index << (8 - usize::from(bits) * (x % per_byte + 1));
        }
    }
    writer.write_image_data(&data).expect("PNG data");
    writer.finish().expect("a whole PNG");
    bytes
}

/// A grey palette PNG of 16 tones, as scans reduced to 16 greys are.
fn scan(width: u32, height: u32) -> Vec<u8> {
    let palette: Vec<[u8; 3]> = (0..16).map(|i| [i * 17, i * 17, i * 17]).collect();
    palette_png(width, height, 4, &palette)
}

fn encoded(pixels: image::DynamicImage, format: image::ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    pixels
        .write_to(&mut Cursor::new(&mut bytes), format)
        .expect("encode a test image");
    bytes
}

fn photo(width: u32, height: u32) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    encoded(
        image::DynamicImage::ImageRgb8(pixels),
        image::ImageFormat::Jpeg,
    )
}

fn book_image(bytes: Vec<u8>) -> Image {
    let (format, pixels) = crate::markdown::inspect_image(&bytes).expect("a readable image");
    Image {
        path: "img/x".into(),
        bytes: bytes.into(),
        format,
        pixels,
    }
}

fn both() -> Settings {
    Settings {
        pdf: Some(PdfSettings::default()),
        epub: Some(EpubSettings::default()),
    }
}

/// Inches as points.
fn inches(n: f64) -> Option<Pt> {
    Some(Pt::new(n * 72.0))
}

fn ready(entry: &PdfEntry) -> &PdfImage {
    match entry {
        PdfEntry::Ready(image) => image,
        other => panic!("not ready: {other:?}"),
    }
}

/// A store in memory that counts what it is asked.
#[derive(Debug, Default)]
struct Memory {
    entries: Mutex<BTreeMap<Key, Vec<u8>>>,
}

impl Store for Memory {
    fn load(&self, key: &Key) -> Option<Vec<u8>> {
        self.entries.lock().ok()?.get(key).cloned()
    }
    fn save(&self, key: &Key, entry: &[u8]) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(*key, entry.to_vec());
        }
    }
}

#[test]
fn a_scan_above_the_limit_is_resampled_to_300_ppi_and_stays_4_bit_grey() {
    // 1600 px across 2 in: 800 ppi.
    let images = [book_image(scan(1600, 1000))];
    let prepared = prepare(&images, &[inches(2.0)], None, &both(), &NoStore, 1);
    let pdf = ready(&prepared.pdf[0]);
    assert_eq!((pdf.width, pdf.height), (600, 375));
    assert_eq!((pdf.colour.clone(), pdf.bits), (PdfColour::Grey, 4));
    assert_eq!(pdf.encoding, Encoding::Flate);
    assert!(pdf.is_resampled());
    assert_eq!(prepared.decoded, 1);
}

#[test]
fn a_png_under_the_limit_is_copied_with_its_predictors() {
    let bytes = scan(800, 500); // 400 ppi at 2 in
    let images = [book_image(bytes.clone())];
    let prepared = prepare(&images, &[inches(2.0)], None, &both(), &NoStore, 1);
    let pdf = ready(&prepared.pdf[0]);
    assert_eq!((pdf.width, pdf.height, pdf.bits), (800, 500, 4));
    assert_eq!(pdf.encoding, Encoding::FlatePng { colours: 1 });
    assert!(
        matches!(&pdf.colour, PdfColour::Indexed { is_grey: true, palette } if palette.len() == 16)
    );
    let Some(probe::Facts {
        kind: probe::Kind::Png(info),
        ..
    }) = probe::probe(&bytes)
    else {
        panic!("not a PNG")
    };
    assert_eq!(&pdf.data[..], &bytes[info.idat[0].clone()]);
    assert!(!pdf.is_resampled());
}

#[test]
fn a_jpeg_under_the_limit_passes_untouched_and_one_above_is_resampled() {
    let bytes = photo(600, 400);
    let images = [book_image(bytes.clone())];
    let at_2in = prepare(&images, &[inches(2.0)], None, &both(), &NoStore, 1);
    let pdf = ready(&at_2in.pdf[0]);
    assert_eq!((pdf.encoding, &pdf.data[..]), (Encoding::Dct, &bytes[..]));
    assert_eq!(at_2in.decoded, 0);
    let at_1in = prepare(&images, &[inches(1.0)], None, &both(), &NoStore, 1);
    let pdf = ready(&at_1in.pdf[0]);
    assert_eq!(
        (pdf.width, pdf.height, pdf.encoding),
        (300, 200, Encoding::Dct)
    );
}

#[test]
fn pdf_x1a_converts_rgb_to_cmyk_and_keeps_grey() {
    let settings = Settings {
        pdf: Some(PdfSettings {
            mode: PdfMode {
                cmyk: true,
                flatten_alpha: true,
            },
            ..PdfSettings::default()
        }),
        epub: None,
    };
    let images = [book_image(photo(60, 40)), book_image(scan(60, 40))];
    let prepared = prepare(
        &images,
        &[inches(1.0), inches(1.0)],
        None,
        &settings,
        &NoStore,
        2,
    );
    let photo = ready(&prepared.pdf[0]);
    assert_eq!(
        photo.colour,
        PdfColour::Cmyk {
            is_inverted: false,
            is_converted: true
        }
    );
    assert_eq!(photo.encoding, Encoding::Flate);
    assert!(matches!(
        ready(&prepared.pdf[1]).colour,
        PdfColour::Indexed { is_grey: true, .. }
    ));
    assert!(prepared.epub.is_empty());
}

#[test]
fn the_epub_scales_images_above_the_pixel_limit_and_never_upscales() {
    let settings = Settings {
        pdf: None,
        epub: Some(EpubSettings {
            max_pixels: 10_000,
            max_width: None,
        }),
    };
    let big = scan(400, 100); // 40,000 px: halved each way
    let small = scan(90, 100);
    let images = [book_image(big), book_image(small.clone())];
    let prepared = prepare(&images, &[], None, &settings, &NoStore, 1);
    assert_eq!(prepared.epub[0].size, (200, 50));
    assert_eq!(prepared.epub[0].format, ImageFormat::Png);
    let (format, pixels) = crate::markdown::inspect_image(&prepared.epub[0].bytes).expect("a PNG");
    assert_eq!((format, pixels), (ImageFormat::Png, Some((200, 50))));
    assert_eq!(&prepared.epub[1].bytes[..], &small[..]);
    assert_eq!(prepared.pdf, [PdfEntry::Unused, PdfEntry::Unused]);
}

#[test]
fn the_epub_cover_keeps_the_stores_size() {
    let settings = Settings {
        pdf: None,
        epub: Some(EpubSettings {
            max_pixels: 10_000,
            max_width: Some(50),
        }),
    };
    let images = [book_image(photo(200, 300))];
    let prepared = prepare(&images, &[], Some(0), &settings, &NoStore, 1);
    assert_eq!(prepared.epub[0].size, (200, 300));
    assert_eq!(prepared.decoded, 0);
}

#[test]
fn one_decode_serves_both_outputs_and_a_rebuild_does_no_image_work() {
    let images = [book_image(scan(2400, 2000))];
    let store = Memory::default();
    let first = prepare(&images, &[inches(2.0)], None, &both(), &store, 1);
    assert_eq!((first.decoded, first.from_cache), (1, 0));
    assert_eq!(ready(&first.pdf[0]).width, 600);
    assert_eq!(first.epub[0].size, (2190, 1825));
    let again = prepare(&images, &[inches(2.0)], None, &both(), &store, 1);
    assert_eq!((again.decoded, again.from_cache), (0, 2));
    assert_eq!(again.pdf, first.pdf);
    assert_eq!(again.epub, first.epub);
}

#[test]
fn a_corrupt_cache_entry_is_ignored_and_made_again() {
    let images = [book_image(scan(1600, 1000))];
    let store = Memory::default();
    let first = prepare(&images, &[inches(2.0)], None, &both(), &store, 1);
    for entry in store.entries.lock().expect("the store").values_mut() {
        entry.truncate(entry.len() / 2);
    }
    let again = prepare(&images, &[inches(2.0)], None, &both(), &store, 1);
    assert_eq!((again.decoded, again.from_cache), (1, 0));
    assert_eq!(again.pdf, first.pdf);
}

#[test]
fn the_result_does_not_depend_on_the_number_of_threads() {
    let images: Vec<Image> = (1..6).map(|k| book_image(scan(300 * k, 200 * k))).collect();
    let widths = vec![inches(1.0); images.len()];
    let one = prepare(&images, &widths, None, &both(), &NoStore, 1);
    let three = prepare(&images, &widths, None, &both(), &NoStore, 3);
    assert_eq!(one.pdf, three.pdf);
    assert_eq!(one.epub, three.epub);
}

#[test]
fn line_art_stays_one_bit_and_is_resampled_only_far_above_the_limit() {
    let line_art = palette_png(4000, 400, 1, &[[0, 0, 0], [255, 255, 255]]);
    let images = [book_image(line_art)];
    // 2000 ppi at 2 in: above 1800, resampled to 1200.
    let prepared = prepare(&images, &[inches(2.0)], None, &both(), &NoStore, 1);
    let pdf = ready(&prepared.pdf[0]);
    assert_eq!(
        (pdf.width, pdf.bits, pdf.colour.clone()),
        (2400, 1, PdfColour::Grey)
    );
    // 1000 ppi at 4 in: kept as it is.
    let prepared = prepare(&images, &[inches(4.0)], None, &both(), &NoStore, 1);
    assert_eq!(ready(&prepared.pdf[0]).width, 4000);
}

#[test]
fn svg_and_unreadable_images_are_left_to_the_writer() {
    let svg = b"<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>".to_vec();
    let mut broken = scan(40, 40);
    broken.truncate(60);
    let images = [
        Image {
            path: "a.svg".into(),
            bytes: svg.into(),
            format: ImageFormat::Svg,
            pixels: None,
        },
        Image {
            path: "b.png".into(),
            bytes: broken.into(),
            format: ImageFormat::Png,
            pixels: Some((40, 40)),
        },
    ];
    let prepared = prepare(
        &images,
        &[inches(1.0), inches(1.0)],
        None,
        &both(),
        &NoStore,
        1,
    );
    assert_eq!(prepared.pdf[0], PdfEntry::Svg);
    assert!(matches!(prepared.pdf[1], PdfEntry::Unreadable(_)));
    assert_eq!(prepared.epub[1].bytes.len(), 60);
}
