//! An image file's bytes → what its header says (kind, pixel size, colour, levels), without
//! decoding a pixel: enough to plan each output's work.

/// What kind of file an image is, with the header facts the plan needs.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A PNG: its header and where its compressed data lies.
    Png(PngInfo),
    /// A JPEG: its frame header.
    Jpeg(JpegInfo),
    /// A GIF or WebP (decoded whenever it must change).
    Other,
    /// An SVG drawing (no pixels of its own).
    Svg,
}

/// What a raster image's header says.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    /// The kind of file.
    pub kind: Kind,
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
    /// How many tones the samples can hold.
    pub levels: Levels,
    /// Whether every sample is a grey (one component, or a palette of greys).
    pub is_grey: bool,
}

/// How many tones an image's samples can hold: resampling keeps no more than the source had,
/// so line art stays 1-bit and 16-level scans stay 4-bit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Levels {
    /// Black and white only (1-bit grey, or a palette of black and white).
    Bilevel,
    /// At most 16 tones (2- or 4-bit grey, or a palette of at most 16 greys).
    Sixteen,
    /// Full 8-bit tones.
    Full,
}

/// A PNG's header chunks.
#[derive(Clone, Debug, PartialEq)]
pub struct PngInfo {
    /// Bits per sample (1, 2, 4, 8 or 16).
    pub bit_depth: u8,
    /// 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGB + alpha.
    pub colour_type: u8,
    /// Adam7 interlacing.
    pub is_interlaced: bool,
    /// The palette's RGB triples (colour type 3).
    pub palette: Vec<[u8; 3]>,
    /// Whether a `tRNS` chunk gives transparency.
    pub has_trns: bool,
    /// The byte ranges of the `IDAT` chunks' data, in order.
    pub idat: Vec<std::ops::Range<usize>>,
}

impl PngInfo {
    /// The colour components of one pixel (a palette index counts as one).
    pub fn components(&self) -> u8 {
        match self.colour_type {
            2 => 3,
            4 => 2,
            6 => 4,
            _ => 1,
        }
    }
}

/// What a JPEG's frame header says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JpegInfo {
    /// Colour components: 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK.
    pub components: u8,
    /// Bits per sample.
    pub bits: u8,
    /// An Adobe APP14 marker: its CMYK is stored inverted.
    pub is_adobe: bool,
}

/// Reads an image's header; `None` when it is no image folio can read (the writer that
/// needs it reports the error).
pub fn probe(bytes: &[u8]) -> Option<Facts> {
    if is_svg(bytes) {
        return Some(Facts {
            kind: Kind::Svg,
            width: 0,
            height: 0,
            levels: Levels::Full,
            is_grey: false,
        });
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return png(bytes);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let (info, width, height) = jpeg(bytes)?;
        return Some(Facts {
            kind: Kind::Jpeg(info),
            width: u32::from(width),
            height: u32::from(height),
            levels: Levels::Full,
            is_grey: info.components == 1,
        });
    }
    let format = image::guess_format(bytes).ok()?;
    if !matches!(format, image::ImageFormat::Gif | image::ImageFormat::WebP) {
        return None;
    }
    let reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let (width, height) = reader.into_dimensions().ok()?;
    Some(Facts {
        kind: Kind::Other,
        width,
        height,
        levels: Levels::Full,
        is_grey: false,
    })
}

/// Walks a PNG's chunks: the header, palette, transparency and data ranges. `None` when a
/// chunk runs past the end or the header is malformed.
fn png(bytes: &[u8]) -> Option<Facts> {
    let mut at = 8;
    let mut header = None;
    let mut info = PngInfo {
        bit_depth: 0,
        colour_type: 0,
        is_interlaced: false,
        palette: Vec::new(),
        has_trns: false,
        idat: Vec::new(),
    };
    while at + 12 <= bytes.len() {
        let length = u32::from_be_bytes(bytes[at..at + 4].try_into().ok()?) as usize;
        let kind = &bytes[at + 4..at + 8];
        let data = at + 8..(at + 8).checked_add(length)?;
        if data.end + 4 > bytes.len() {
            return None;
        }
        let chunk = &bytes[data.clone()];
        match kind {
            b"IHDR" if chunk.len() == 13 => {
                let width = u32::from_be_bytes(chunk[0..4].try_into().ok()?);
                let height = u32::from_be_bytes(chunk[4..8].try_into().ok()?);
                info.bit_depth = chunk[8];
                info.colour_type = chunk[9];
                info.is_interlaced = chunk[12] == 1;
                header = Some((width, height));
            }
            b"PLTE" => {
                info.palette = chunk.chunks_exact(3).map(|c| [c[0], c[1], c[2]]).collect();
            }
            b"tRNS" => info.has_trns = true,
            b"IDAT" => info.idat.push(data.clone()),
            b"IEND" => break,
            _ => {}
        }
        at = data.end + 4;
    }
    let (width, height) = header?;
    if width == 0 || height == 0 || info.idat.is_empty() {
        return None;
    }
    let (levels, is_grey) = png_levels(&info);
    Some(Facts {
        kind: Kind::Png(info),
        width,
        height,
        levels,
        is_grey,
    })
}

/// The tones and greyness of a PNG's samples, from its header and palette.
fn png_levels(info: &PngInfo) -> (Levels, bool) {
    match info.colour_type {
        0 | 4 => {
            let levels = match info.bit_depth {
                1 if info.colour_type == 0 => Levels::Bilevel,
                2 | 4 => Levels::Sixteen,
                _ => Levels::Full,
            };
            (levels, true)
        }
        3 => {
            let is_grey = info.palette.iter().all(|[r, g, b]| r == g && g == b);
            if !is_grey {
                return (Levels::Full, false);
            }
            let is_bilevel = info.palette.iter().all(|[r, _, _]| *r == 0 || *r == 255);
            let levels = match info.palette.len() {
                _ if is_bilevel => Levels::Bilevel,
                0..=16 => Levels::Sixteen,
                _ => Levels::Full,
            };
            (levels, true)
        }
        _ => (Levels::Full, false),
    }
}

/// Whether the bytes look like an SVG document: markup (after whitespace and a BOM) with an
/// `<svg` element in its first 4 KiB, after any declaration, doctype and comments.
pub fn is_svg(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = &start[start.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
    let head = &start[..start.len().min(4096)];
    start.starts_with(b"<") && head.windows(4).any(|w| w == b"<svg")
}

/// Reads a JPEG's frame header (SOFn) and Adobe marker, walking the marker segments:
/// the header facts, width and height.
pub fn jpeg(bytes: &[u8]) -> Option<(JpegInfo, u16, u16)> {
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
                let info = JpegInfo {
                    bits: *segment.first()?,
                    components: *segment.get(5)?,
                    is_adobe,
                };
                let height = u16::from_be_bytes([*segment.get(1)?, *segment.get(2)?]);
                let width = u16::from_be_bytes([*segment.get(3)?, *segment.get(4)?]);
                return Some((info, width, height));
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
    pub(crate) fn cmyk_header() -> Vec<u8> {
        let mut jpeg = vec![0xFF, 0xD8];
        jpeg.extend([0xFF, 0xEE, 0x00, 0x0E]);
        jpeg.extend(b"Adobe\x00\x64\x00\x00\x00\x00\x02");
        jpeg.extend([0xFF, 0xC0, 0x00, 0x14, 8, 0, 2, 0, 3, 4]);
        jpeg.extend([1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0]);
        jpeg
    }

    #[test]
    fn jpeg_header_gives_size_components_and_adobe_marker() {
        let (info, width, height) = jpeg(&cmyk_header()).unwrap();
        assert_eq!((width, height), (3, 2));
        assert_eq!(
            info,
            JpegInfo {
                components: 4,
                bits: 8,
                is_adobe: true
            }
        );
    }

    #[test]
    fn truncated_jpeg_has_no_info() {
        let header = cmyk_header();
        assert_eq!(jpeg(&header[..20]), None);
    }

    #[test]
    fn svg_is_recognised_with_or_without_xml_declaration() {
        assert!(is_svg(b"  <svg xmlns='http://www.w3.org/2000/svg'/>"));
        assert!(is_svg(b"<?xml version='1.0'?>\n<svg/>"));
        assert!(!is_svg(b"\x89PNG\r\n"));
    }

    #[test]
    fn a_palette_of_sixteen_greys_is_sixteen_grey_levels() {
        let palette: Vec<[u8; 3]> = (0..16).map(|i| [i * 17, i * 17, i * 17]).collect();
        let png = crate::images::tests::palette_png(4, 3, 4, &palette);
        let facts = probe(&png).expect("a readable PNG");
        assert_eq!((facts.width, facts.height), (4, 3));
        assert_eq!((facts.levels, facts.is_grey), (Levels::Sixteen, true));
        let Kind::Png(info) = facts.kind else {
            panic!("not a PNG")
        };
        assert_eq!((info.colour_type, info.bit_depth), (3, 4));
        assert_eq!(info.idat.len(), 1);
    }

    #[test]
    fn a_coloured_palette_is_not_grey_and_a_truncated_png_is_unreadable() {
        let palette = [[255, 0, 0], [0, 0, 0]];
        let png = crate::images::tests::palette_png(2, 2, 1, &palette);
        let facts = probe(&png).expect("a readable PNG");
        assert_eq!((facts.levels, facts.is_grey), (Levels::Full, false));
        assert_eq!(probe(&png[..40]), None);
    }
}
