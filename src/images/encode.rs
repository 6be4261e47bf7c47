//! Pixels → the bytes each output embeds: PDF image streams (Flate-compressed 1-, 4- or 8-bit
//! samples with an optional soft mask; JPEG for resampled photographs; PNG data copied as it
//! is), and PNG or JPEG files for the EPUB.

use std::io::Write as _;
use std::sync::Arc;

use image::ImageEncoder as _;

use super::decode::{Layout, Raster};
use super::probe::{Facts, Kind, Levels, PngInfo};
use super::resample::pack;
use super::{Encoding, PdfColour, PdfImage, PdfMode};

/// Zlib level of PDF image streams. Measured with zlib-rs on Looking-Glass's 52 scans at
/// 300 ppi, 4-bit: level 2 gives 14.40 MB in 0.45 s, 3: 14.23 MB in 0.51 s, 5: 14.03 MB in
/// 0.66 s, 6 (zlib's default): 14.01 MB in 0.90 s. Level 3 is within 1.6% of 6 in 57% of
/// its time (the cold build is mostly image work).
const PDF_FLATE_LEVEL: u32 = 3;

/// Zlib level of scaled EPUB images. Measured on the same scans at 4 megapixels: level 2
/// gives 21.8 MB in 0.87 s, 3: 21.4 MB in 1.03 s, 5: 21.0 MB in 1.42 s, 6: 21.0 MB in
/// 1.54 s.
const EPUB_FLATE_LEVEL: u8 = 2;

/// JPEG quality of resampled photographs in the PDF: the "maximum" of print presets, so
/// that resampling adds no visible loss.
const PDF_JPEG_QUALITY: u8 = 92;

/// JPEG quality of scaled-down photographs in the EPUB: visually lossless at reading
/// sizes, and the quality most image tools default to.
const EPUB_JPEG_QUALITY: u8 = 85;

/// The PDF sample depth for a raster: 1 bit for line art, 4 for 16-tone scans, else 8.
pub fn pdf_bits(raster: &Raster) -> u8 {
    match (raster.layout.is_grey(), raster.levels) {
        (true, Levels::Bilevel) => 1,
        (true, Levels::Sixteen) => 4,
        _ => 8,
    }
}

/// Decoded (and perhaps resampled) pixels as a Flate image stream: grey stays grey at its
/// depth, RGB stays RGB or becomes CMYK (`mode.cmyk`), alpha becomes a soft mask or is
/// flattened onto white (`mode.flatten_alpha`).
pub fn pdf_flate(raster: &Raster, mode: PdfMode, source: (u32, u32)) -> PdfImage {
    let channels = raster.layout.channels();
    let colours = if raster.layout.is_grey() { 1 } else { 3 };
    let mut mask = None;
    let samples: Vec<u8> = if raster.layout.has_alpha() {
        let alpha: Vec<u8> = raster
            .data
            .chunks_exact(channels)
            .map(|p| p[channels - 1])
            .collect();
        let colour = raster
            .data
            .chunks_exact(channels)
            .flat_map(|p| &p[..colours]);
        if mode.flatten_alpha {
            // Over white: c·a + 255·(1 − a), rounded.
            raster
                .data
                .chunks_exact(channels)
                .flat_map(|p| {
                    let a = u32::from(p[channels - 1]);
                    p[..colours]
                        .iter()
                        .map(move |&c| ((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8)
                })
                .collect()
        } else {
            mask = Some(deflate(&alpha));
            colour.copied().collect()
        }
    } else {
        raster.data.clone()
    };
    let (samples, colour, bits) = if colours == 3 && mode.cmyk {
        let cmyk = samples
            .chunks_exact(3)
            .flat_map(|p| naive_cmyk([p[0], p[1], p[2]]))
            .collect();
        (
            cmyk,
            PdfColour::Cmyk {
                is_inverted: false,
                is_converted: true,
            },
            8,
        )
    } else if colours == 3 {
        (samples, PdfColour::Rgb, 8)
    } else {
        let bits = pdf_bits(raster);
        (
            pack(&samples, raster.width as usize, bits),
            PdfColour::Grey,
            bits,
        )
    };
    PdfImage {
        width: raster.width,
        height: raster.height,
        colour,
        bits,
        encoding: Encoding::Flate,
        data: deflate(&samples).into(),
        mask,
        source,
    }
}

/// A resampled photograph as a JPEG stream (grey or RGB, no alpha), or `None` when it has
/// alpha or cannot be encoded (the caller falls back to Flate).
pub fn pdf_jpeg(raster: &Raster, source: (u32, u32)) -> Option<PdfImage> {
    let (colour, kind) = match raster.layout {
        Layout::Grey => (PdfColour::Grey, image::ExtendedColorType::L8),
        Layout::Rgb => (PdfColour::Rgb, image::ExtendedColorType::Rgb8),
        _ => return None,
    };
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, PDF_JPEG_QUALITY)
        .write_image(&raster.data, raster.width, raster.height, kind)
        .ok()?;
    Some(PdfImage {
        width: raster.width,
        height: raster.height,
        colour,
        bits: 8,
        encoding: Encoding::Dct,
        data: bytes.into(),
        mask: None,
        source,
    })
}

/// A JPEG as it is (`/DCTDecode`), or `None` when PDF cannot show it so (not 8 bits; not
/// 1, 3 or 4 components).
pub fn jpeg_copy(bytes: &Arc<[u8]>, facts: &Facts) -> Option<PdfImage> {
    let Kind::Jpeg(info) = &facts.kind else {
        return None;
    };
    let colour = match info.components {
        1 => PdfColour::Grey,
        3 => PdfColour::Rgb,
        4 => PdfColour::Cmyk {
            is_inverted: info.is_adobe,
            is_converted: false,
        },
        _ => return None,
    };
    (info.bits == 8).then(|| PdfImage {
        width: facts.width,
        height: facts.height,
        colour,
        bits: 8,
        encoding: Encoding::Dct,
        data: bytes.clone(),
        mask: None,
        source: (facts.width, facts.height),
    })
}

/// A PNG's compressed data copied into the PDF as it is, with `/DecodeParms` for its
/// predictors: no decoding, no compressing again. `None` when PDF cannot take it so
/// (interlaced, transparent, 16-bit, alpha, or colour where the standard wants CMYK) or
/// when its data does not decode: then the pixels go through `pdf_flate`.
pub fn png_copy(bytes: &[u8], facts: &Facts, mode: PdfMode) -> Option<PdfImage> {
    let Kind::Png(info) = &facts.kind else {
        return None;
    };
    if info.is_interlaced || info.has_trns || info.bit_depth > 8 {
        return None;
    }
    let colour = match info.colour_type {
        0 => PdfColour::Grey,
        2 if !mode.cmyk => PdfColour::Rgb,
        3 if facts.is_grey || !mode.cmyk => indexed(info, facts.is_grey)?,
        _ => return None,
    };
    if !decodes(bytes) {
        return None;
    }
    let mut data = Vec::with_capacity(info.idat.iter().map(|r| r.len()).sum());
    for range in &info.idat {
        data.extend_from_slice(&bytes[range.clone()]);
    }
    Some(PdfImage {
        width: facts.width,
        height: facts.height,
        colour,
        bits: info.bit_depth,
        encoding: Encoding::FlatePng {
            colours: info.components(),
        },
        data: data.into(),
        mask: None,
        source: (facts.width, facts.height),
    })
}

/// The palette as an `/Indexed` colour space over grey or RGB.
fn indexed(info: &PngInfo, is_grey: bool) -> Option<PdfColour> {
    if info.palette.is_empty() || info.palette.len() > 256 {
        return None;
    }
    let palette = match is_grey {
        true => info.palette.iter().map(|[v, _, _]| *v).collect(),
        false => info.palette.iter().flatten().copied().collect(),
    };
    Some(PdfColour::Indexed { palette, is_grey })
}

/// Whether a PNG's data decodes whole (its checksums hold and it is not cut short), so
/// that copying it cannot put a broken image into the PDF.
fn decodes(bytes: &[u8]) -> bool {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::IDENTITY);
    let Ok(mut reader) = decoder.read_info() else {
        return false;
    };
    let Some(size) = reader.output_buffer_size() else {
        return false;
    };
    let mut buffer = vec![0; size];
    reader.next_frame(&mut buffer).is_ok()
}

/// Scaled pixels as the EPUB's file: a JPEG source stays JPEG (its orientation applied),
/// anything else becomes PNG, grey at 4 bits when the source had no more than 16 tones.
pub fn epub_file(raster: &Raster, is_jpeg: bool) -> Result<(Vec<u8>, bool), String> {
    if is_jpeg {
        return epub_jpeg(raster).map(|bytes| (bytes, true));
    }
    epub_png(raster).map(|bytes| (bytes, false))
}

fn epub_jpeg(raster: &Raster) -> Result<Vec<u8>, String> {
    let mut pixels = match raster.layout {
        Layout::Grey => image::DynamicImage::ImageLuma8(
            image::GrayImage::from_raw(raster.width, raster.height, raster.data.clone())
                .ok_or("wrong sample count")?,
        ),
        Layout::Rgb => image::DynamicImage::ImageRgb8(
            image::RgbImage::from_raw(raster.width, raster.height, raster.data.clone())
                .ok_or("wrong sample count")?,
        ),
        _ => return Err("a JPEG has no alpha".into()),
    };
    pixels.apply_orientation(raster.orientation);
    let mut bytes = Vec::new();
    let mut encoder =
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, EPUB_JPEG_QUALITY);
    if let Some(icc) = &raster.icc {
        // Without its profile the colours shift a little; the image is still right.
        let _ = encoder.set_icc_profile(icc.clone());
    }
    pixels
        .write_with_encoder(encoder)
        .map_err(|e| e.to_string())?;
    Ok(bytes)
}

fn epub_png(raster: &Raster) -> Result<Vec<u8>, String> {
    let is_few_greys = raster.layout == Layout::Grey && raster.levels < Levels::Full;
    let (colour, depth) = match raster.layout {
        Layout::Grey if is_few_greys => (png::ColorType::Grayscale, png::BitDepth::Four),
        Layout::Grey => (png::ColorType::Grayscale, png::BitDepth::Eight),
        Layout::GreyAlpha => (png::ColorType::GrayscaleAlpha, png::BitDepth::Eight),
        Layout::Rgb => (png::ColorType::Rgb, png::BitDepth::Eight),
        Layout::Rgba => (png::ColorType::Rgba, png::BitDepth::Eight),
    };
    let mut info = png::Info::with_size(raster.width, raster.height);
    info.color_type = colour;
    info.bit_depth = depth;
    info.icc_profile = raster.icc.as_deref().map(std::borrow::Cow::Borrowed);
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::with_info(&mut bytes, info).map_err(|e| e.to_string())?;
    encoder.set_deflate_compression(png::DeflateCompression::Level(EPUB_FLATE_LEVEL));
    // Measured on line-art scans: unfiltered rows compress best; photographs gain from
    // choosing a filter per row.
    encoder.set_filter(match is_few_greys {
        true => png::Filter::NoFilter,
        false => png::Filter::Adaptive,
    });
    let samples = match is_few_greys {
        true => pack(&raster.data, raster.width as usize, 4),
        false => raster.data.clone(),
    };
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer
        .write_image_data(&samples)
        .map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// Zlib-compresses a PDF stream.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 3),
        flate2::Compression::new(PDF_FLATE_LEVEL),
    );
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

/// CMYK for sRGB samples, by the naive formula: K = 1 − max(R, G, B), and C, M, Y the rest
/// of each channel's distance from that maximum. Neutral greys become pure K. No profile
/// is applied, so saturated colours print duller or shifted: an approximation, as the
/// build's report says.
pub fn naive_cmyk(rgb: [u8; 3]) -> [u8; 4] {
    let max = rgb[0].max(rgb[1]).max(rgb[2]);
    if max == 0 {
        return [0, 0, 0, 255];
    }
    let part = |c: u8| ((u32::from(max - c) * 255 + u32::from(max) / 2) / u32::from(max)) as u8;
    [part(rgb[0]), part(rgb[1]), part(rgb[2]), 255 - max]
}
