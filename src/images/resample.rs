//! Pixels → fewer pixels: Lanczos-3 resampling (fast_image_resize, whose integer SIMD paths
//! give the same bytes on every CPU), and packing samples to 1, 4 or 8 bits.

use std::borrow::Cow;

use fast_image_resize as fir;

use super::decode::{Layout, Raster};

/// The size that scales `(width, height)` by `scale`, rounded up so that the result never
/// falls below the resolution asked for, and never larger than the source.
pub fn scaled_size(width: u32, height: u32, scale: f64) -> (u32, u32) {
    let side = |n: u32| {
        let scaled = (f64::from(n) * scale - 1e-6).ceil();
        (scaled.max(1.0) as u32).min(n)
    };
    (side(width), side(height))
}

/// The raster resampled to `width × height` with a Lanczos-3 filter (alpha weighted, so
/// transparent pixels do not darken the edges). `Err` when the sizes are impossible.
pub fn resize(raster: &Raster, width: u32, height: u32) -> Result<Cow<'_, Raster>, String> {
    if (width, height) == (raster.width, raster.height) {
        return Ok(Cow::Borrowed(raster));
    }
    let pixel = match raster.layout {
        Layout::Grey => fir::PixelType::U8,
        Layout::GreyAlpha => fir::PixelType::U8x2,
        Layout::Rgb => fir::PixelType::U8x3,
        Layout::Rgba => fir::PixelType::U8x4,
    };
    let source = fir::images::ImageRef::new(raster.width, raster.height, &raster.data, pixel)
        .map_err(|e| e.to_string())?;
    let mut target = fir::images::Image::new(width.max(1), height.max(1), pixel);
    let options = fir::ResizeOptions::new()
        .resize_alg(fir::ResizeAlg::Convolution(fir::FilterType::Lanczos3))
        .use_alpha(raster.layout.has_alpha());
    fir::Resizer::new()
        .resize(&source, &mut target, &options)
        .map_err(|e| e.to_string())?;
    Ok(Cow::Owned(Raster {
        width: target.width(),
        height: target.height(),
        layout: raster.layout,
        data: target.into_vec(),
        levels: raster.levels,
        icc: raster.icc.clone(),
        orientation: raster.orientation,
    }))
}

/// Packs 8-bit samples (one or more a pixel, `width` pixels a row) into `bits` per sample,
/// each row starting on a byte, as PDF and PNG want them. 1 bit: a threshold at the middle;
/// 2 or 4 bits: the nearest of 4 or 16 even steps; 8 bits: as they are.
pub fn pack(samples: &[u8], row_samples: usize, bits: u8) -> Vec<u8> {
    if bits >= 8 || row_samples == 0 {
        return samples.to_vec();
    }
    let bits = usize::from(bits.max(1));
    let per_byte = 8 / bits;
    let level = |value: u8| match bits {
        1 => u8::from(value >= 128),
        // The nearest of 2^bits even steps.
        _ => {
            let top = (1u32 << bits) - 1;
            ((u32::from(value) * top + 127) / 255) as u8
        }
    };
    let levels: Vec<u8> = (0..=255).map(level).collect();
    let row_bytes = row_samples.div_ceil(per_byte);
    let mut out = vec![0u8; samples.len() / row_samples * row_bytes];
    for (row, packed) in samples
        .chunks_exact(row_samples)
        .zip(out.chunks_exact_mut(row_bytes))
    {
        for (group, byte) in row.chunks(per_byte).zip(packed.iter_mut()) {
            let mut value = 0u8;
            for (k, &sample) in group.iter().enumerate() {
                value |= levels[usize::from(sample)] << (8 - bits * (k + 1));
            }
            *byte = value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::probe::Levels;

    fn grey(width: u32, height: u32, data: Vec<u8>) -> Raster {
        Raster {
            width,
            height,
            layout: Layout::Grey,
            data,
            levels: Levels::Full,
            icc: None,
            orientation: image::metadata::Orientation::NoTransforms,
        }
    }

    #[test]
    fn scaled_sizes_round_up_and_never_grow() {
        assert_eq!(scaled_size(2400, 1798, 300.0 / 533.0), (1351, 1013));
        assert_eq!(scaled_size(1000, 10, 0.001), (1, 1));
        assert_eq!(scaled_size(100, 50, 1.5), (100, 50));
    }

    #[test]
    fn resampling_a_flat_image_keeps_its_tone() {
        let flat = grey(40, 30, vec![77; 1200]);
        let small = resize(&flat, 13, 10).expect("resizes");
        assert_eq!((small.width, small.height), (13, 10));
        assert!(small.data.iter().all(|&v| v == 77));
    }

    #[test]
    fn packing_to_four_bits_rounds_to_sixteen_steps() {
        let packed = pack(&[0, 17, 255, 136, 8, 9], 3, 4);
        // Row 1: 0, 1, 15 → 0x01 0xF0; row 2: 8, 0, 1 → 0x80 0x10.
        assert_eq!(packed, [0x01, 0xF0, 0x80, 0x10]);
    }

    #[test]
    fn packing_to_one_bit_thresholds_in_the_middle() {
        let packed = pack(&[0, 127, 128, 255, 255, 0, 0, 0, 255], 9, 1);
        assert_eq!(packed, [0b0011_1000, 0b1000_0000]);
    }
}
