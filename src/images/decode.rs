//! An image file → 8-bit pixels (grey, grey + alpha, RGB or RGBA), decoded once for every
//! output. A palette of greys decodes to grey, and an RGB image whose pixels are all grey
//! becomes grey: nothing is expanded to colour that has none.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder};

use super::probe::{Facts, Kind, Levels};

/// The samples of one pixel, 8 bits each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One grey sample.
    Grey,
    /// Grey, then alpha.
    GreyAlpha,
    /// Red, green, blue.
    Rgb,
    /// Red, green, blue, alpha.
    Rgba,
}

impl Layout {
    /// Samples per pixel.
    pub fn channels(self) -> usize {
        match self {
            Layout::Grey => 1,
            Layout::GreyAlpha => 2,
            Layout::Rgb => 3,
            Layout::Rgba => 4,
        }
    }

    /// Whether the last sample is alpha.
    pub fn has_alpha(self) -> bool {
        matches!(self, Layout::GreyAlpha | Layout::Rgba)
    }

    /// Whether the samples are grey.
    pub fn is_grey(self) -> bool {
        matches!(self, Layout::Grey | Layout::GreyAlpha)
    }
}

/// Decoded pixels, row by row, 8 bits a sample.
#[derive(Clone, Debug, PartialEq)]
pub struct Raster {
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
    /// The samples of a pixel.
    pub layout: Layout,
    /// `width × height × channels` samples.
    pub data: Vec<u8>,
    /// The tones the source could hold (output keeps no more).
    pub levels: Levels,
    /// The embedded colour profile, when the file has one.
    pub icc: Option<Vec<u8>>,
    /// The EXIF orientation to apply for display (JPEG), as `image` names it.
    pub orientation: image::metadata::Orientation,
}

/// Decodes an image whose header `facts` were read; `Err` says why it cannot be.
pub fn decode(bytes: &[u8], facts: &Facts) -> Result<Raster, String> {
    let mut raster = match &facts.kind {
        Kind::Png(info) if info.colour_type == 3 && !info.has_trns => {
            palette_png(bytes, &info.palette, info.bit_depth)?
        }
        Kind::Png(_) => png(bytes)?,
        Kind::Jpeg(_) => with_image(bytes, image::ImageFormat::Jpeg)?,
        Kind::Other => {
            let format = image::guess_format(bytes).map_err(|e| e.to_string())?;
            with_image(bytes, format)?
        }
        Kind::Svg => return Err("an SVG drawing has no pixels to decode".into()),
    };
    raster.levels = facts.levels;
    drop_needless_channels(&mut raster);
    Ok(raster)
}

/// RGBA pixels as a raster, with alpha that is all opaque and colour that is all grey
/// dropped.
pub fn from_rgba(width: u32, height: u32, data: Vec<u8>) -> Raster {
    let mut raster = Raster {
        width,
        height,
        layout: Layout::Rgba,
        data,
        levels: Levels::Full,
        icc: None,
        orientation: image::metadata::Orientation::NoTransforms,
    };
    drop_needless_channels(&mut raster);
    raster
}

/// A palette PNG without transparency, decoded to its indices and looked up: a palette of
/// greys gives grey, others RGB. Faster than expanding every pixel to RGB first.
fn palette_png(bytes: &[u8], palette: &[[u8; 3]], bit_depth: u8) -> Result<Raster, String> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::IDENTITY);
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let size = reader
        .output_buffer_size()
        .ok_or("the image is too large to decode")?;
    let mut indices = vec![0; size];
    let frame = reader.next_frame(&mut indices).map_err(|e| e.to_string())?;
    let (width, height) = (frame.width, frame.height);
    let is_grey = palette.iter().all(|[r, g, b]| r == g && g == b);
    let layout = if is_grey { Layout::Grey } else { Layout::Rgb };
    let mut lut = [[0u8; 3]; 256];
    for (slot, colour) in lut.iter_mut().zip(palette) {
        *slot = *colour;
    }
    let channels = layout.channels();
    let bits = usize::from(bit_depth.clamp(1, 8));
    let per_byte = 8 / bits;
    // Each byte of indices → its `per_byte` pixels' samples, looked up once.
    let mut table = vec![0u8; 256 * per_byte * channels];
    for byte in 0..256usize {
        for k in 0..per_byte {
            let index = (byte >> (8 - bits * (k + 1))) & ((1 << bits) - 1);
            let at = (byte * per_byte + k) * channels;
            table[at..at + channels].copy_from_slice(&lut[index][..channels]);
        }
    }
    let row_samples = width as usize * channels;
    let mut data = Vec::with_capacity(row_samples * height as usize);
    for row in indices.chunks_exact(frame.line_size).take(height as usize) {
        let start = data.len();
        for &byte in &row[..width.div_ceil(per_byte as u32) as usize] {
            let at = usize::from(byte) * per_byte * channels;
            data.extend_from_slice(&table[at..at + per_byte * channels]);
        }
        data.truncate(start + row_samples);
    }
    Ok(Raster {
        width,
        height,
        layout,
        data,
        levels: Levels::Full,
        icc: None,
        orientation: image::metadata::Orientation::NoTransforms,
    })
}

/// Any other PNG, expanded to 8-bit grey, grey + alpha, RGB or RGBA.
fn png(bytes: &[u8]) -> Result<Raster, String> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let icc = reader.info().icc_profile.as_ref().map(|p| p.to_vec());
    let size = reader
        .output_buffer_size()
        .ok_or("the image is too large to decode")?;
    let mut data = vec![0; size];
    let frame = reader.next_frame(&mut data).map_err(|e| e.to_string())?;
    let layout = match frame.color_type {
        png::ColorType::Grayscale => Layout::Grey,
        png::ColorType::GrayscaleAlpha => Layout::GreyAlpha,
        png::ColorType::Rgb => Layout::Rgb,
        png::ColorType::Rgba => Layout::Rgba,
        png::ColorType::Indexed => return Err("the palette was not expanded".into()),
    };
    let row = frame.width as usize * layout.channels();
    if frame.line_size != row {
        // Rows are packed in 8-bit output; keep only the samples in case they are not.
        data = data
            .chunks_exact(frame.line_size)
            .flat_map(|r| &r[..row])
            .copied()
            .collect();
    }
    data.truncate(row * frame.height as usize);
    Ok(Raster {
        width: frame.width,
        height: frame.height,
        layout,
        data,
        levels: Levels::Full,
        icc,
        orientation: image::metadata::Orientation::NoTransforms,
    })
}

/// JPEG (through zune-jpeg), GIF and WebP, through the `image` crate.
fn with_image(bytes: &[u8], format: image::ImageFormat) -> Result<Raster, String> {
    let mut decoder = image::ImageReader::with_format(Cursor::new(bytes), format)
        .into_decoder()
        .map_err(|e| e.to_string())?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let pixels = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    let (width, height) = (pixels.width(), pixels.height());
    let colour = pixels.color();
    let (layout, data) = match (colour.has_color(), colour.has_alpha()) {
        (false, false) => (Layout::Grey, pixels.into_luma8().into_raw()),
        (false, true) => (Layout::GreyAlpha, pixels.into_luma_alpha8().into_raw()),
        (true, false) => (Layout::Rgb, pixels.into_rgb8().into_raw()),
        (true, true) => (Layout::Rgba, pixels.into_rgba8().into_raw()),
    };
    Ok(Raster {
        width,
        height,
        layout,
        data,
        levels: Levels::Full,
        icc,
        orientation,
    })
}

/// Drops an alpha channel in which every pixel is opaque, and colour from an image whose
/// every pixel is grey.
fn drop_needless_channels(raster: &mut Raster) {
    let channels = raster.layout.channels();
    if raster.layout.has_alpha()
        && raster
            .data
            .chunks_exact(channels)
            .all(|p| p[channels - 1] == 255)
    {
        raster.data = raster
            .data
            .chunks_exact(channels)
            .flat_map(|p| &p[..channels - 1])
            .copied()
            .collect();
        raster.layout = match raster.layout {
            Layout::GreyAlpha => Layout::Grey,
            _ => Layout::Rgb,
        };
    }
    let channels = raster.layout.channels();
    if !raster.layout.is_grey()
        && raster
            .data
            .chunks_exact(channels)
            .all(|p| p[0] == p[1] && p[1] == p[2])
    {
        let has_alpha = raster.layout.has_alpha();
        raster.data = raster
            .data
            .chunks_exact(channels)
            .flat_map(|p| {
                let alpha = has_alpha.then(|| p[3]);
                std::iter::once(p[0]).chain(alpha)
            })
            .collect();
        raster.layout = if has_alpha {
            Layout::GreyAlpha
        } else {
            Layout::Grey
        };
        raster.icc = None; // an RGB profile does not describe grey samples
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::probe::probe;

    #[test]
    fn a_grey_palette_decodes_to_grey_samples() {
        let palette: Vec<[u8; 3]> = (0..16).map(|i| [i * 17, i * 17, i * 17]).collect();
        let png = crate::images::tests::palette_png(5, 2, 4, &palette);
        let facts = probe(&png).expect("readable");
        let raster = decode(&png, &facts).expect("decodes");
        assert_eq!(raster.layout, Layout::Grey);
        assert_eq!(raster.levels, Levels::Sixteen);
        // The test image's index is (x + y) % palette length.
        assert_eq!(raster.data, [0, 17, 34, 51, 68, 17, 34, 51, 68, 85]);
    }

    #[test]
    fn an_rgb_image_of_greys_becomes_grey_and_opaque_alpha_is_dropped() {
        let mut bytes = Vec::new();
        let pixels = image::RgbaImage::from_fn(3, 2, |x, _| {
            let v = (x * 80) as u8;
            image::Rgba([v, v, v, 255])
        });
        DynamicImage::ImageRgba8(pixels)
            .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
            .expect("encode a test PNG");
        let facts = probe(&bytes).expect("readable");
        let raster = decode(&bytes, &facts).expect("decodes");
        assert_eq!(raster.layout, Layout::Grey);
        assert_eq!(raster.data, [0, 80, 160, 0, 80, 160]);
    }

    #[test]
    fn a_corrupt_png_is_an_error_not_a_panic() {
        let palette = [[0, 0, 0], [255, 255, 255]];
        let mut png = crate::images::tests::palette_png(8, 8, 1, &palette);
        let Some(Kind::Png(info)) = probe(&png).map(|f| f.kind) else {
            panic!("not a PNG")
        };
        for byte in &mut png[info.idat[0].clone()] {
            *byte = 0xA5;
        }
        let facts = probe(&png).expect("the header is intact");
        assert!(decode(&png, &facts).is_err());
    }
}
