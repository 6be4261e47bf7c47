//! An image file → an image XObject: JPEG passed through as `/DCTDecode`; PNG, GIF and WebP
//! decoded to 8-bit samples, Flate-compressed, with alpha as an `/SMask`; SVG rasterised at
//! `SVG_DPI` for the widest size it is drawn at, its text in the book's fonts.
//!
//! The standard decides the colour (`standards::Colour`): RGB is tagged with the sRGB
//! profile (PDF/X-4, PDF/A-2b) or converted to CMYK with alpha flattened onto white
//! (PDF/X-1a, which also decodes RGB JPEGs to convert them).

use image::{DynamicImage, ImageFormat};
use pdf_writer::writers::ImageXObject;
use pdf_writer::{Filter, Name, Pdf, Ref};

use super::Error;
use super::content::deflate;
use super::standards::{Colour, RgbAs, naive_cmyk};
use crate::svg;
use crate::typeset::page::{FontData, ImageData};
use crate::units::Pt;

/// Zlib level for decoded images: written once each, so the default level.
const IMAGE_LEVEL: u32 = 6;

/// Resolution of rasterised SVG drawings: what print-on-demand services ask of images.
const SVG_DPI: f64 = 300.0;

/// The fonts for SVG text, loaded on first use (most books have no SVG).
pub(super) struct SvgFonts<'a> {
    faces: &'a [FontData],
    loaded: Option<svg::Fonts>,
}

impl<'a> SvgFonts<'a> {
    pub fn new(faces: &'a [FontData]) -> Self {
        SvgFonts {
            faces,
            loaded: None,
        }
    }

    fn get(&mut self) -> &svg::Fonts {
        self.loaded.get_or_insert_with(|| {
            let faces: Vec<_> = self.faces.iter().map(|f| f.bytes.clone()).collect();
            svg::Fonts::new(&faces)
        })
    }
}

/// What a JPEG's header says about its pixels.
#[derive(Debug, PartialEq, Eq)]
struct JpegInfo {
    width: u16,
    height: u16,
    components: u8,
    bits: u8,
    /// An Adobe APP14 marker: its CMYK is stored inverted.
    is_adobe: bool,
}

/// Which image is written, where, and how wide it is drawn at most.
pub(super) struct Target {
    /// The XObject.
    pub id: Ref,
    /// Index into `Pages::images`.
    pub index: usize,
    /// The widest the image is drawn.
    pub width: Pt,
}

/// Writes an image as the XObject `target.id`, allocating an `/SMask` and profiles from
/// `refs`.
pub(super) fn embed(
    pdf: &mut Pdf,
    target: &Target,
    refs: &mut super::Refs,
    image: &ImageData,
    svg_fonts: &mut SvgFonts,
    colour: &mut Colour,
) -> Result<(), Error> {
    let Target { id, index, width } = *target;
    let bytes: &[u8] = &image.bytes;
    let unreadable = |reason: &str| Error::ImageUnreadable {
        image: index,
        reason: reason.into(),
    };
    if is_svg(bytes) {
        let pixels = (width.get() / 72.0 * SVG_DPI).ceil().max(1.0) as u32;
        let drawn =
            svg::rasterise(bytes, pixels, svg_fonts.get()).map_err(|e: String| unreadable(&e))?;
        write_decoded(pdf, id, refs, &DynamicImage::ImageRgba8(drawn), colour);
        return Ok(());
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let info = jpeg_info(bytes).ok_or_else(|| unreadable("no JPEG frame header found"))?;
        if !matches!(info.components, 1 | 3 | 4) {
            return Err(unreadable("a JPEG needs 1, 3 or 4 colour components"));
        }
        if info.bits != 8 {
            return Err(unreadable("only 8-bit JPEGs can be embedded"));
        }
        if info.components == 3 && colour.rgb() == RgbAs::Cmyk {
            // PDF/X-1a: no RGB, so decode the JPEG and convert its pixels.
            let decoded = image::load_from_memory_with_format(bytes, ImageFormat::Jpeg)
                .map_err(|e| unreadable(&e.to_string()))?;
            write_decoded(pdf, id, refs, &decoded, colour);
            return Ok(());
        }
        let space = match info.components {
            1 => Space::Gray,
            3 => Space::Rgb,
            _ => Space::Cmyk,
        };
        let mut xobject = pdf.image_xobject(id, bytes);
        xobject
            .width(i32::from(info.width))
            .height(i32::from(info.height))
            .bits_per_component(i32::from(info.bits));
        xobject.filter(Filter::DctDecode);
        set_space(&mut xobject, space, colour, refs);
        if info.components == 4 && info.is_adobe {
            xobject.decode([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
        }
        return Ok(());
    }
    let format = image::guess_format(bytes).map_err(|e| unreadable(&e.to_string()))?;
    if !matches!(
        format,
        ImageFormat::Png | ImageFormat::Gif | ImageFormat::WebP
    ) {
        return Err(unreadable(
            "only JPEG, PNG, GIF and WebP images are supported",
        ));
    }
    let decoded = image::load_from_memory_with_format(bytes, format)
        .map_err(|e| unreadable(&e.to_string()))?;
    write_decoded(pdf, id, refs, &decoded, colour);
    Ok(())
}

/// What an image file holds, read from its header without decoding its pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Facts {
    /// Pixels across (0 for SVG, which is rasterised for the size it is drawn at).
    pub width: u32,
    /// Pixels down.
    pub height: u32,
    /// The colour of its samples.
    pub space: Space,
    /// Whether it has an alpha channel (SVG always has).
    pub alpha: bool,
}

/// Reads an image's size and colour from its header; `None` when it cannot be read (the
/// writer reports the error).
pub(super) fn facts(bytes: &[u8]) -> Option<Facts> {
    if is_svg(bytes) {
        return Some(Facts {
            width: 0,
            height: 0,
            space: Space::Rgb,
            alpha: true,
        });
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let info = jpeg_info(bytes)?;
        return Some(Facts {
            width: u32::from(info.width),
            height: u32::from(info.height),
            space: match info.components {
                1 => Space::Gray,
                3 => Space::Rgb,
                _ => Space::Cmyk,
            },
            alpha: false,
        });
    }
    use image::ImageDecoder as _;
    let decoder = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?
        .into_decoder()
        .ok()?;
    let (width, height) = decoder.dimensions();
    let color = decoder.color_type();
    Some(Facts {
        width,
        height,
        space: if color.has_color() {
            Space::Rgb
        } else {
            Space::Gray
        },
        alpha: color.has_alpha(),
    })
}

/// The colour of an image's samples.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Space {
    /// One grey component.
    Gray,
    /// Red, green, blue.
    Rgb,
    /// Cyan, magenta, yellow, black.
    Cmyk,
}

/// Writes the `/ColorSpace` of samples in `space` as the standard wants it.
fn set_space(
    xobject: &mut ImageXObject,
    space: Space,
    colour: &mut Colour,
    refs: &mut super::Refs,
) {
    let icc = match space {
        Space::Gray => None,
        Space::Rgb if colour.rgb() == RgbAs::Srgb => Some(colour.srgb(refs)),
        Space::Cmyk if colour.tags_cmyk() => Some(colour.cmyk(refs)),
        _ => None,
    };
    match icc {
        Some(profile) => {
            xobject
                .insert(Name(b"ColorSpace"))
                .array()
                .item(Name(b"ICCBased"))
                .item(profile);
        }
        None => {
            let name = match space {
                Space::Gray => Name(b"DeviceGray"),
                Space::Rgb => Name(b"DeviceRGB"),
                Space::Cmyk => Name(b"DeviceCMYK"),
            };
            xobject.pair(Name(b"ColorSpace"), name);
        }
    }
}

/// Writes decoded pixels: grey, RGB or (for PDF/X-1a) CMYK samples, and the alpha channel
/// as a soft mask unless every pixel is opaque, or flattened onto white where the standard
/// forbids transparency.
fn write_decoded(
    pdf: &mut Pdf,
    id: Ref,
    refs: &mut super::Refs,
    image: &DynamicImage,
    colour: &mut Colour,
) {
    let (width, height) = (image.width() as i32, image.height() as i32);
    let is_grey = !image.color().has_color();
    let (samples, alpha) = if image.color().has_alpha() && colour.flattens_alpha() {
        // Over white: c·a + 255·(1 − a), rounded.
        let over = |c: u8, a: u8| {
            ((u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a)) + 127) / 255) as u8
        };
        let rgba = image.to_rgba8();
        let channels = if is_grey { 1 } else { 3 };
        let samples = rgba
            .pixels()
            .flat_map(|p| p.0.into_iter().take(channels).map(move |c| over(c, p.0[3])))
            .collect();
        (samples, None)
    } else if image.color().has_alpha() {
        let rgba = image.to_rgba8();
        let alpha: Vec<u8> = rgba.pixels().map(|p| p.0[3]).collect();
        let channels = if is_grey { 1 } else { 3 };
        let samples = rgba
            .pixels()
            .flat_map(|p| p.0.into_iter().take(channels))
            .collect();
        let is_opaque = alpha.iter().all(|&a| a == 255);
        (samples, (!is_opaque).then_some(alpha))
    } else if is_grey {
        (image.to_luma8().into_raw(), None)
    } else {
        (image.to_rgb8().into_raw(), None)
    };
    let mask = alpha.map(|alpha| {
        let mask = refs.next();
        let compressed = deflate(&alpha, IMAGE_LEVEL);
        let mut xobject = pdf.image_xobject(mask, &compressed);
        xobject.width(width).height(height).bits_per_component(8);
        xobject.filter(Filter::FlateDecode);
        xobject.pair(Name(b"ColorSpace"), Name(b"DeviceGray"));
        mask
    });
    let (samples, space) = match (is_grey, colour.rgb()) {
        (true, _) => (samples, Space::Gray),
        (false, RgbAs::Cmyk) => (
            samples
                .chunks_exact(3)
                .flat_map(|p| naive_cmyk([p[0], p[1], p[2]]))
                .collect(),
            Space::Cmyk,
        ),
        (false, _) => (samples, Space::Rgb),
    };
    let compressed = deflate(&samples, IMAGE_LEVEL);
    let mut xobject = pdf.image_xobject(id, &compressed);
    xobject.width(width).height(height).bits_per_component(8);
    xobject.filter(Filter::FlateDecode);
    set_space(&mut xobject, space, colour, refs);
    if let Some(mask) = mask {
        xobject.s_mask(mask);
    }
}

/// Whether the bytes look like an SVG document: markup (after whitespace and a BOM) with an
/// `<svg` element in its first 4 KiB, after any declaration, doctype and comments.
fn is_svg(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = &start[start.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
    let head = &start[..start.len().min(4096)];
    start.starts_with(b"<") && contains(head, b"<svg")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Reads a JPEG's frame header (SOFn) and Adobe marker, walking the marker segments.
fn jpeg_info(bytes: &[u8]) -> Option<JpegInfo> {
    let mut is_adobe = false;
    let mut at = 2; // after SOI
    loop {
        // Markers may be preceded by fill bytes 0xFF.
        while *bytes.get(at)? == 0xFF && *bytes.get(at + 1)? == 0xFF {
            at += 1;
        }
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        let marker = *bytes.get(at + 1)?;
        at += 2;
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            continue; // no length
        }
        let length = usize::from(u16::from_be_bytes([*bytes.get(at)?, *bytes.get(at + 1)?]));
        let segment = bytes.get(at + 2..at + length)?;
        match marker {
            0xEE if segment.starts_with(b"Adobe") => is_adobe = true,
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                return Some(JpegInfo {
                    bits: *segment.first()?,
                    height: u16::from_be_bytes([*segment.get(1)?, *segment.get(2)?]),
                    width: u16::from_be_bytes([*segment.get(3)?, *segment.get(4)?]),
                    components: *segment.get(5)?,
                    is_adobe,
                });
            }
            0xDA | 0xD9 => return None, // scan data or end before any frame header
            _ => {}
        }
        at += length;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal JPEG header: SOI, APP14 "Adobe", SOF0 for a 3×2 CMYK frame.
    fn cmyk_header() -> Vec<u8> {
        let mut jpeg = vec![0xFF, 0xD8];
        jpeg.extend([0xFF, 0xEE, 0x00, 0x0E]);
        jpeg.extend(b"Adobe\x00\x64\x00\x00\x00\x00\x02");
        jpeg.extend([0xFF, 0xC0, 0x00, 0x14, 8, 0, 2, 0, 3, 4]);
        jpeg.extend([1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0]);
        jpeg
    }

    #[test]
    fn jpeg_header_gives_size_components_and_adobe_marker() {
        let info = jpeg_info(&cmyk_header()).unwrap();
        assert_eq!(
            info,
            JpegInfo {
                width: 3,
                height: 2,
                components: 4,
                bits: 8,
                is_adobe: true
            }
        );
    }

    #[test]
    fn truncated_jpeg_has_no_info() {
        let header = cmyk_header();
        assert_eq!(jpeg_info(&header[..20]), None);
    }

    #[test]
    fn svg_is_recognised_with_or_without_xml_declaration() {
        assert!(is_svg(b"  <svg xmlns='http://www.w3.org/2000/svg'/>"));
        assert!(is_svg(b"<?xml version='1.0'?>\n<svg/>"));
        assert!(!is_svg(b"\x89PNG\r\n"));
    }
}
