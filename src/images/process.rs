//! One image → its PDF and EPUB forms: plan what each output needs from the header alone,
//! take what the cache has, and decode the image at most once for the rest.

use std::cell::OnceCell;
use std::sync::Arc;

use super::decode::{self, Raster};
use super::probe::{self, Facts, Kind, Levels};
use super::{
    EpubImage, EpubSettings, Key, PdfEntry, PdfSettings, Settings, Store, cache, encode, resample,
};
use crate::doc::{Image, ImageFormat};
use crate::units::Pt;

/// The longest side of an EPUB cover: KDP's recommended 1600 × 2560 px; larger covers are
/// scaled down to it, smaller ones kept as they are.
const COVER_MAX_SIDE: u32 = 2560;

/// Line art is resampled at this multiple of the settings' resolutions (to 1200 ppi above
/// 1800 by default, as InDesign's monochrome presets do): 1-bit pixels need finer steps.
const BILEVEL_FACTOR: f64 = 4.0;

/// One image to prepare.
pub struct Request<'a> {
    /// The image.
    pub image: &'a Image,
    /// The widest the PDF draws it, when the PDF is built and draws it.
    pub pdf_width: Option<Pt>,
    /// Whether it is the EPUB's cover.
    pub is_cover: bool,
}

/// What came of one image.
pub struct Outcome {
    /// For the PDF.
    pub pdf: PdfEntry,
    /// For the EPUB, when it is built.
    pub epub: Option<EpubImage>,
    /// Whether the image was decoded.
    pub decoded: bool,
    /// Results taken from the cache.
    pub from_cache: usize,
}

/// The work an output needs from one image.
enum Plan<T> {
    /// Done without decoding.
    Done(T),
    /// Made from the pixels at `size` (or, for a PNG the PDF may copy, from its data),
    /// kept in the cache under `key`.
    Work {
        key: Key,
        size: (u32, u32),
        is_png_copy: bool,
    },
}

/// Prepares one image for each output: from the cache where it can, else decoding it once.
pub fn process(request: &Request, settings: &Settings, store: &dyn Store) -> Outcome {
    let image = request.image;
    let facts = probe::probe(&image.bytes);
    // Keys are only needed by a store that keeps entries: hashing the bytes costs time.
    let digest = OnceCell::new();
    let digest = || match store.keeps() {
        true => *digest.get_or_init(|| cache::digest(&image.bytes)),
        false => [0; 20],
    };
    let pdf_plan = match (settings.pdf, request.pdf_width, &facts) {
        (Some(pdf), Some(width), Some(facts)) => Some(pdf_plan(image, facts, width, &pdf, digest)),
        (Some(_), Some(_), None) => Some(Plan::Done(PdfEntry::Unreadable(
            "it is no PNG, JPEG, GIF, WebP or SVG image folio can read".into(),
        ))),
        _ => None,
    };
    let epub_plan = settings
        .epub
        .map(|epub| epub_plan(image, facts.as_ref(), request.is_cover, &epub, digest));
    let mut outcome = Outcome {
        pdf: PdfEntry::Unused,
        epub: None,
        decoded: false,
        from_cache: 0,
    };
    let pixels = Pixels {
        bytes: &image.bytes,
        decoded: OnceCell::new(),
    };
    match (pdf_plan, &facts) {
        (Some(Plan::Done(entry)), _) => outcome.pdf = entry,
        (
            Some(Plan::Work {
                key,
                size,
                is_png_copy,
            }),
            Some(facts),
        ) => {
            outcome.pdf = match store.load(&key).and_then(|e| cache::read_pdf_entry(&e)) {
                Some(cached) => {
                    outcome.from_cache += 1;
                    PdfEntry::Ready(Arc::new(cached))
                }
                None => {
                    let made = pdf_image(&image.bytes, facts, size, is_png_copy, settings, &pixels);
                    if let PdfEntry::Ready(made) = &made
                        && store.keeps()
                    {
                        store.save(&key, &cache::pdf_entry(made));
                    }
                    made
                }
            };
        }
        _ => {}
    }
    match (epub_plan, &facts) {
        (Some(Plan::Done(file)), _) => outcome.epub = Some(file),
        (Some(Plan::Work { key, size, .. }), Some(facts)) => {
            outcome.epub = Some(
                match store.load(&key).and_then(|e| cache::read_epub_entry(&e)) {
                    Some(cached) => {
                        outcome.from_cache += 1;
                        cached
                    }
                    None => match epub_image(facts, size, &pixels) {
                        Some(made) => {
                            if store.keeps() {
                                store.save(&key, &cache::epub_entry(&made));
                            }
                            made
                        }
                        // Pixels that cannot be decoded or encoded again go in as they came.
                        None => as_it_is(image),
                    },
                },
            );
        }
        (Some(Plan::Work { .. }), None) => outcome.epub = Some(as_it_is(image)),
        (None, _) => {}
    }
    outcome.decoded = pixels.decoded.get().is_some();
    outcome
}

/// An image's pixels, decoded on first use and then shared by both outputs.
struct Pixels<'a> {
    bytes: &'a [u8],
    decoded: OnceCell<Result<Raster, String>>,
}

impl Pixels<'_> {
    fn get(&self, facts: &Facts) -> Result<&Raster, String> {
        self.decoded
            .get_or_init(|| decode::decode(self.bytes, facts))
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// What the PDF needs of an image drawn at most `width` wide.
fn pdf_plan(
    image: &Image,
    facts: &Facts,
    width: Pt,
    settings: &PdfSettings,
    digest: impl Fn() -> [u8; 20],
) -> Plan<PdfEntry> {
    if facts.kind == Kind::Svg {
        return Plan::Done(PdfEntry::Svg);
    }
    let (ppi, ppi_max) = match facts.levels {
        Levels::Bilevel => (
            settings.ppi * BILEVEL_FACTOR,
            settings.ppi_max * BILEVEL_FACTOR,
        ),
        _ => (settings.ppi, settings.ppi_max),
    };
    let inches = width.get() / 72.0;
    let effective = f64::from(facts.width) / inches;
    let is_too_fine = inches > 0.0 && effective > ppi_max;
    let mode = settings.mode;
    let work = |size: (u32, u32), is_png_copy: bool| {
        let settings = format!(
            "{}x{} copy={is_png_copy} cmyk={} flatten={}",
            size.0, size.1, mode.cmyk, mode.flatten_alpha
        );
        Plan::Work {
            key: Key::new(&digest(), "pdf", &settings),
            size,
            is_png_copy,
        }
    };
    let full = (facts.width, facts.height);
    if let Kind::Jpeg(info) = &facts.kind {
        // CMYK JPEGs were made for print: they pass as they are, whatever their size.
        let is_kept = info.components == 4 || !(is_too_fine || mode.cmyk && info.components == 3);
        if is_kept {
            return Plan::Done(match encode::jpeg_copy(&image.bytes, facts) {
                Some(copy) => PdfEntry::Ready(Arc::new(copy)),
                None => PdfEntry::Unreadable(
                    "only 8-bit JPEGs of 1, 3 or 4 colour components can be embedded".into(),
                ),
            });
        }
    }
    match is_too_fine {
        true => work(
            resample::scaled_size(facts.width, facts.height, ppi / effective),
            false,
        ),
        false => work(full, matches!(facts.kind, Kind::Png(_))),
    }
}

/// Makes the PDF's form of an image: its PNG data copied when that is allowed and sound,
/// else its pixels, resampled to `size`.
fn pdf_image(
    bytes: &Arc<[u8]>,
    facts: &Facts,
    size: (u32, u32),
    is_png_copy: bool,
    settings: &Settings,
    pixels: &Pixels,
) -> PdfEntry {
    let mode = settings.pdf.unwrap_or_default().mode;
    if is_png_copy && let Some(copy) = encode::png_copy(bytes, facts, mode) {
        return PdfEntry::Ready(Arc::new(copy));
    }
    let raster = match pixels.get(facts) {
        Ok(raster) => raster,
        Err(reason) => return PdfEntry::Unreadable(reason),
    };
    let resized = match resample::resize(raster, size.0, size.1) {
        Ok(resized) => resized,
        Err(reason) => return PdfEntry::Unreadable(reason),
    };
    let source = (facts.width, facts.height);
    // A resampled photograph stays a JPEG; Flate would make it several times larger.
    let is_photo = matches!(facts.kind, Kind::Jpeg(_)) && !mode.cmyk;
    let jpeg = is_photo
        .then(|| encode::pdf_jpeg(&resized, source))
        .flatten();
    PdfEntry::Ready(Arc::new(
        jpeg.unwrap_or_else(|| encode::pdf_flate(&resized, mode, source)),
    ))
}

/// What the EPUB needs of an image: scaled down when it is larger than the settings allow
/// (the cover: than the stores' size), else as it is.
fn epub_plan(
    image: &Image,
    facts: Option<&Facts>,
    is_cover: bool,
    settings: &EpubSettings,
    digest: impl Fn() -> [u8; 20],
) -> Plan<EpubImage> {
    let Some(facts) = facts.filter(|f| f.kind != Kind::Svg) else {
        return Plan::Done(as_it_is(image));
    };
    let (w, h) = (f64::from(facts.width), f64::from(facts.height));
    let scale = if is_cover {
        f64::from(COVER_MAX_SIDE) / w.max(h)
    } else {
        let by_pixels = (settings.max_pixels as f64 / (w * h)).sqrt();
        let by_width = settings.max_width.map_or(1.0, |max| f64::from(max) / w);
        by_pixels.min(by_width)
    };
    if scale >= 1.0 {
        return Plan::Done(as_it_is(image));
    }
    // Rounded down, so that the result stays within the limits.
    let size = (
        ((w * scale).floor() as u32).max(1),
        ((h * scale).floor() as u32).max(1),
    );
    let settings = format!("{}x{}", size.0, size.1);
    Plan::Work {
        key: Key::new(&digest(), "epub", &settings),
        size,
        is_png_copy: false,
    }
}

/// Makes the EPUB's scaled file, or `None` when the pixels cannot be decoded or encoded.
fn epub_image(facts: &Facts, size: (u32, u32), pixels: &Pixels) -> Option<EpubImage> {
    let raster = pixels.get(facts).ok()?;
    let small = resample::resize(raster, size.0, size.1).ok()?;
    let is_jpeg = matches!(facts.kind, Kind::Jpeg(_));
    let (bytes, is_jpeg) = encode::epub_file(&small, is_jpeg).ok()?;
    Some(EpubImage {
        bytes: bytes.into(),
        format: match is_jpeg {
            true => ImageFormat::Jpeg,
            false => ImageFormat::Png,
        },
        size,
        source: (facts.width, facts.height),
    })
}

/// The image's own file.
fn as_it_is(image: &Image) -> EpubImage {
    let size = image.pixels.unwrap_or((0, 0));
    EpubImage {
        bytes: image.bytes.clone(),
        format: image.format,
        size,
        source: size,
    }
}
