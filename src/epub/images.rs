//! The book's images → the image files of the EPUB: as they are, or scaled down to
//! `[output.epub] max-image-width` and encoded again.

use std::borrow::Cow;
use std::io::Cursor;

use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageEncoder};

use crate::doc::{Image, ImageFormat};

/// JPEG quality of scaled-down photographs: visually lossless at reading sizes, and the
/// quality most image tools default to.
const JPEG_QUALITY: u8 = 85;

/// An image file as the EPUB carries it.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared<'a> {
    /// The file's bytes.
    pub bytes: Cow<'a, [u8]>,
    /// Its format (a scaled GIF or WebP becomes a PNG).
    pub format: ImageFormat,
}

/// Each image of the book, scaled down when it is wider than `max_width` pixels. The cover
/// (index `cover`) keeps the size the stores ask for; SVG is left alone, and so is an image
/// that cannot be decoded or encoded again.
pub fn prepare(
    images: &[Image],
    cover: Option<usize>,
    max_width: Option<u32>,
) -> Vec<Prepared<'_>> {
    images
        .iter()
        .enumerate()
        .map(|(index, image)| {
            let scaled = match (max_width, image.pixels) {
                _ if cover == Some(index) => None,
                // A tall image may be wide once its EXIF orientation is applied.
                (Some(max), Some((w, h))) if w.max(h) > max => scale(image, max.max(1)),
                _ => None,
            };
            scaled.unwrap_or(Prepared {
                bytes: Cow::Borrowed(&image.bytes),
                format: image.format,
            })
        })
        .collect()
}

/// The image scaled to `max` pixels wide, or `None` when it is no wider or cannot be read.
fn scale(image: &Image, max: u32) -> Option<Prepared<'static>> {
    let format = match image.format {
        ImageFormat::Png => image::ImageFormat::Png,
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
        ImageFormat::Gif => image::ImageFormat::Gif,
        ImageFormat::Webp => image::ImageFormat::WebP,
        ImageFormat::Svg => return None,
    };
    let mut decoder = image::ImageReader::with_format(Cursor::new(&image.bytes[..]), format)
        .into_decoder()
        .ok()?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let mut pixels = DynamicImage::from_decoder(decoder).ok()?;
    pixels.apply_orientation(orientation);
    let (width, height) = (pixels.width(), pixels.height());
    if width <= max {
        return None;
    }
    // The height keeps the aspect ratio, rounded to the nearest pixel, at least one.
    let new_height = (u64::from(height) * u64::from(max) + u64::from(width) / 2) / u64::from(width);
    let new_height = u32::try_from(new_height.max(1)).ok()?;
    let small = pixels.resize_exact(max, new_height, FilterType::Lanczos3);
    encode(small, image.format, icc)
}

/// Encodes a scaled image: JPEG stays JPEG, everything else becomes (or stays) PNG.
fn encode(
    pixels: DynamicImage,
    format: ImageFormat,
    icc: Option<Vec<u8>>,
) -> Option<Prepared<'static>> {
    let mut bytes = Vec::new();
    let format = if format == ImageFormat::Jpeg {
        // JPEG holds grey or RGB, 8 bits a channel.
        let pixels = if pixels.color().has_color() {
            DynamicImage::ImageRgb8(pixels.to_rgb8())
        } else {
            DynamicImage::ImageLuma8(pixels.to_luma8())
        };
        let mut encoder =
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY);
        if let Some(icc) = icc {
            // Without its profile the colours shift a little; the image is still right.
            let _ = encoder.set_icc_profile(icc);
        }
        pixels.write_with_encoder(encoder).ok()?;
        ImageFormat::Jpeg
    } else {
        let mut encoder = image::codecs::png::PngEncoder::new_with_quality(
            &mut bytes,
            image::codecs::png::CompressionType::Best,
            image::codecs::png::FilterType::Adaptive,
        );
        if let Some(icc) = icc {
            let _ = encoder.set_icc_profile(icc);
        }
        pixels.write_with_encoder(encoder).ok()?;
        ImageFormat::Png
    };
    Some(Prepared {
        bytes: Cow::Owned(bytes),
        format,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage, Rgba, RgbaImage};

    fn image(format: ImageFormat, bytes: Vec<u8>, pixels: (u32, u32)) -> Image {
        Image {
            path: "img/x".into(),
            bytes: bytes.into(),
            format,
            pixels: Some(pixels),
        }
    }

    fn png(width: u32, height: u32) -> Vec<u8> {
        let pixels = RgbaImage::from_fn(width, height, |x, y| {
            Rgba([(x % 256) as u8, (y % 256) as u8, 90, 200])
        });
        let mut bytes = Vec::new();
        DynamicImage::ImageRgba8(pixels)
            .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Png)
            .expect("encode a test PNG");
        bytes
    }

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let pixels = RgbImage::from_fn(width, height, |x, y| {
            Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut bytes = Vec::new();
        DynamicImage::ImageRgb8(pixels)
            .write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Jpeg)
            .expect("encode a test JPEG");
        bytes
    }

    fn size(bytes: &[u8]) -> (ImageFormat, (u32, u32)) {
        let (format, pixels) = crate::markdown::inspect_image(bytes).expect("a readable image");
        (format, pixels.expect("a raster image"))
    }

    #[test]
    fn wide_png_is_scaled_to_the_maximum_width_and_stays_png() {
        let images = [image(ImageFormat::Png, png(1000, 500), (1000, 500))];
        let prepared = prepare(&images, None, Some(300));
        assert_eq!(prepared[0].format, ImageFormat::Png);
        assert_eq!(size(&prepared[0].bytes), (ImageFormat::Png, (300, 150)));
    }

    #[test]
    fn wide_jpeg_stays_jpeg_and_gets_smaller() {
        let original = jpeg(1200, 801);
        let images = [image(ImageFormat::Jpeg, original.clone(), (1200, 801))];
        let prepared = prepare(&images, None, Some(400));
        assert_eq!(size(&prepared[0].bytes), (ImageFormat::Jpeg, (400, 267)));
        assert!(prepared[0].bytes.len() < original.len());
    }

    #[test]
    fn narrow_and_vector_images_are_kept_byte_for_byte() {
        let narrow = png(200, 900);
        let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"5000\"/>".to_vec();
        let images = [
            image(ImageFormat::Png, narrow.clone(), (200, 900)),
            Image {
                pixels: None,
                ..image(ImageFormat::Svg, svg.clone(), (0, 0))
            },
        ];
        let prepared = prepare(&images, None, Some(300));
        assert!(matches!(prepared[0].bytes, Cow::Borrowed(_)));
        assert_eq!(&prepared[0].bytes[..], &narrow[..]);
        assert_eq!(&prepared[1].bytes[..], &svg[..]);
        assert_eq!(
            prepare(&images[..1], None, None)[0].bytes,
            Cow::Borrowed(&narrow[..])
        );
    }

    #[test]
    fn the_cover_keeps_its_size() {
        let images = [
            image(ImageFormat::Png, png(800, 400), (800, 400)),
            image(ImageFormat::Png, png(800, 400), (800, 400)),
        ];
        let prepared = prepare(&images, Some(1), Some(300));
        assert_eq!(size(&prepared[0].bytes), (ImageFormat::Png, (300, 150)));
        assert_eq!(size(&prepared[1].bytes), (ImageFormat::Png, (800, 400)));
    }

    #[test]
    fn scaled_gif_becomes_png() {
        let mut gif = Vec::new();
        DynamicImage::ImageRgba8(RgbaImage::from_pixel(640, 64, Rgba([9, 9, 9, 255])))
            .write_to(&mut Cursor::new(&mut gif), image::ImageFormat::Gif)
            .expect("encode a test GIF");
        let images = [image(ImageFormat::Gif, gif, (640, 64))];
        let prepared = prepare(&images, None, Some(320));
        assert_eq!(size(&prepared[0].bytes), (ImageFormat::Png, (320, 32)));
    }

    #[test]
    fn scaling_is_reproducible() {
        let images = [image(ImageFormat::Jpeg, jpeg(900, 300), (900, 300))];
        assert_eq!(
            prepare(&images, None, Some(500)),
            prepare(&images, None, Some(500))
        );
    }
}
