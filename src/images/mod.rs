//! The book's images → what each output embeds: each image decoded at most once for both
//! the PDF and the EPUB, resampled to what each needs, on all cores, through a cache.
//!
//! Pure: bytes and sizes in, encoded images out. The only outside state is the `Store` the
//! caller passes (the build's keeps entries in a folder: `project::cache`), so `pdf` and
//! `epub` receive finished images as values and never touch the disk.
//!
//! - PDF: an image whose resolution at the widest size it is drawn exceeds `ppi_max` is
//!   resampled to `ppi` (Lanczos-3); grey stays grey at no more bits than the source had
//!   (16-tone scans stay 4-bit, line art 1-bit), JPEGs under the limit and PNGs that need
//!   no change are copied as they are.
//! - EPUB: an image of more than `max_pixels` (or wider than `max_width`) is scaled down;
//!   the cover only beyond the stores' size. Never upscaled.

pub mod cache;
mod decode;
mod encode;
mod probe;
mod process;
mod resample;
#[cfg(test)]
pub(crate) mod tests;

use std::sync::Arc;

pub use cache::{Key, NoStore, Store};
pub use encode::naive_cmyk;
pub use probe::is_svg;

use crate::doc::{Image, ImageFormat};
use crate::units::Pt;
use process::{Request, process};

/// An image as the PDF embeds it: the stream's bytes and what its dictionary says.
#[derive(Clone, Debug, PartialEq)]
pub struct PdfImage {
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
    /// The colour space of the samples.
    pub colour: PdfColour,
    /// Bits per sample: 1, 2, 4 or 8.
    pub bits: u8,
    /// How the stream is encoded.
    pub encoding: Encoding,
    /// The stream.
    pub data: Arc<[u8]>,
    /// A Flate-compressed 8-bit soft mask of the same size, when the image has transparency.
    pub mask: Option<Vec<u8>>,
    /// The source's pixel size (larger than `width × height` when resampled).
    pub source: (u32, u32),
}

impl PdfImage {
    /// Whether the image was resampled from a larger source.
    pub fn is_resampled(&self) -> bool {
        self.source != (self.width, self.height)
    }
}

/// The colour space of a PDF image's samples.
#[derive(Clone, Debug, PartialEq)]
pub enum PdfColour {
    /// One grey component.
    Grey,
    /// Red, green, blue.
    Rgb,
    /// Cyan, magenta, yellow, black.
    Cmyk {
        /// Stored inverted (an Adobe JPEG): the writer adds a `/Decode` array.
        is_inverted: bool,
        /// Converted from RGB by the naive formula (PDF/X-1a), not CMYK in the source.
        is_converted: bool,
    },
    /// Palette indices.
    Indexed {
        /// One byte a grey entry, or three an RGB one.
        palette: Vec<u8>,
        /// Whether the palette is grey.
        is_grey: bool,
    },
}

/// How a PDF image stream is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// `/FlateDecode`, rows of packed samples.
    Flate,
    /// `/FlateDecode` with PNG predictors (PNG data copied as it is).
    FlatePng {
        /// Components a pixel (`/Colors`).
        colours: u8,
    },
    /// `/DCTDecode`: a JPEG.
    Dct,
}

/// What the PDF's standard asks of image colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PdfMode {
    /// RGB becomes CMYK (PDF/X-1a).
    pub cmyk: bool,
    /// Transparency is flattened onto white (PDF/X-1a).
    pub flatten_alpha: bool,
}

/// How the PDF's images are prepared (`[output.pdf] image-ppi`, `image-ppi-max`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PdfSettings {
    /// The resolution images are resampled to.
    pub ppi: f64,
    /// Images above this resolution at their printed size are resampled.
    pub ppi_max: f64,
    /// What the standard asks of colour.
    pub mode: PdfMode,
}

impl Default for PdfSettings {
    /// 300 ppi, what printers ask; resampled above 450 (1.5 ×, as InDesign's print presets).
    fn default() -> Self {
        PdfSettings {
            ppi: 300.0,
            ppi_max: 450.0,
            mode: PdfMode::default(),
        }
    }
}

/// How the EPUB's images are prepared (`[output.epub] max-image-pixels`, `max-image-width`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EpubSettings {
    /// Larger images are scaled down to this many pixels.
    pub max_pixels: u64,
    /// Wider images are scaled down to this width.
    pub max_width: Option<u32>,
}

impl Default for EpubSettings {
    /// 4 megapixels: the limit reading systems and stores publish (Apple Books).
    fn default() -> Self {
        EpubSettings {
            max_pixels: 4_000_000,
            max_width: None,
        }
    }
}

/// An image file as the EPUB carries it.
#[derive(Clone, Debug, PartialEq)]
pub struct EpubImage {
    /// The file's bytes.
    pub bytes: Arc<[u8]>,
    /// Its format (a scaled GIF or WebP becomes a PNG).
    pub format: ImageFormat,
    /// Its pixel size (0 × 0 for SVG).
    pub size: (u32, u32),
    /// The source's pixel size.
    pub source: (u32, u32),
}

/// What the PDF gets for one image.
#[derive(Clone, Debug, PartialEq)]
pub enum PdfEntry {
    /// The PDF does not draw it.
    Unused,
    /// An SVG drawing: the writer rasterises it with the book's fonts.
    Svg,
    /// The image, ready to embed.
    Ready(Arc<PdfImage>),
    /// It cannot be read, and why.
    Unreadable(String),
}

/// What to prepare.
#[derive(Clone, Copy, Debug, Default)]
pub struct Settings {
    /// For the PDF, when it is built.
    pub pdf: Option<PdfSettings>,
    /// For the EPUB, when it is built.
    pub epub: Option<EpubSettings>,
}

/// RGBA pixels (a rasterised drawing) as a PDF image, in the colour `mode` asks.
pub fn from_rgba(width: u32, height: u32, rgba: Vec<u8>, mode: PdfMode) -> PdfImage {
    let raster = decode::from_rgba(width, height, rgba);
    encode::pdf_flate(&raster, mode, (width, height))
}

/// The prepared images, by index into the book's images.
#[derive(Clone, Debug, Default)]
pub struct Prepared {
    /// For the PDF (all `Unused` when no PDF is built).
    pub pdf: Vec<PdfEntry>,
    /// For the EPUB (empty when no EPUB is built).
    pub epub: Vec<EpubImage>,
    /// Images decoded by this run (0 when every result came from the cache).
    pub decoded: usize,
    /// Results read from the cache.
    pub from_cache: usize,
}

/// Prepares `images` for the outputs of `settings`: the PDF's as drawn at most
/// `pdf_widths[i]` wide (`None`: not drawn), the EPUB's with `cover` kept at the stores'
/// size. Uses up to `jobs` threads; the result does not depend on their number.
pub fn prepare(
    images: &[Image],
    pdf_widths: &[Option<Pt>],
    cover: Option<usize>,
    settings: &Settings,
    store: &dyn Store,
    jobs: usize,
) -> Prepared {
    if settings.pdf.is_none() && settings.epub.is_none() {
        return Prepared::default(); // no output with images is built
    }
    let requests: Vec<Request> = images
        .iter()
        .enumerate()
        .map(|(i, image)| Request {
            image,
            pdf_width: settings.pdf.and(pdf_widths.get(i).copied().flatten()),
            is_cover: cover == Some(i),
        })
        .collect();
    // Largest first, so that no thread is left with a big image at the end.
    let mut order: Vec<usize> = (0..images.len()).collect();
    order.sort_by_key(|&i| {
        std::cmp::Reverse(
            images[i]
                .pixels
                .map_or(0, |(w, h)| u64::from(w) * u64::from(h)),
        )
    });
    let outcomes =
        crate::parallel::run_in_parallel(&order, jobs, |i| process(&requests[i], settings, store));
    let mut prepared = Prepared::default();
    for outcome in outcomes {
        prepared.pdf.push(outcome.pdf);
        prepared.epub.extend(outcome.epub);
        prepared.decoded += usize::from(outcome.decoded);
        prepared.from_cache += outcome.from_cache;
    }
    prepared
}
