//! Prepared images (`images::PdfEntry`) → image XObjects: the stream as `images` made it
//! (a JPEG as `/DCTDecode`, PNG data with its predictors, or packed samples), with the
//! colour space the standard asks and an `/SMask` for transparency. SVG is rasterised here
//! at `SVG_DPI` for the widest size it is drawn at, its text in the book's fonts.
//!
//! The standard decides the colour (`standards::Colour`): RGB is tagged with the sRGB
//! profile (PDF/X-4, PDF/A-2b) or was converted to CMYK by `images` (PDF/X-1a).

use pdf_writer::types::Predictor;
use pdf_writer::writers::ImageXObject;
use pdf_writer::{Filter, Name, Pdf, Ref, Str};

use super::Error;
use super::standards::{Colour, RgbAs};
use crate::images::{Encoding, PdfColour, PdfEntry, PdfImage};
use crate::svg;
use crate::typeset::page::{FontData, ImageData};
use crate::units::Pt;

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

/// Which image is written, where, and how wide it is drawn at most.
pub(super) struct Target {
    /// The XObject.
    pub id: Ref,
    /// Index into `Pages::images`.
    pub index: usize,
    /// The widest the image is drawn.
    pub width: Pt,
}

/// Writes a prepared image as the XObject `target.id`, allocating an `/SMask` and profiles
/// from `refs`.
pub(super) fn embed(
    pdf: &mut Pdf,
    target: &Target,
    refs: &mut super::Refs,
    entry: &PdfEntry,
    image: &ImageData,
    svg_fonts: &mut SvgFonts,
    colour: &mut Colour,
) -> Result<(), Error> {
    let unreadable = |reason: &str| Error::ImageUnreadable {
        image: target.index,
        reason: reason.into(),
    };
    match entry {
        PdfEntry::Ready(prepared) => write(pdf, target.id, refs, prepared, colour),
        PdfEntry::Svg => {
            let pixels = (target.width.get() / 72.0 * SVG_DPI).ceil().max(1.0) as u32;
            let drawn = svg::rasterise(&image.bytes, pixels, svg_fonts.get())
                .map_err(|e: String| unreadable(&e))?;
            let (width, height) = drawn.dimensions();
            let prepared =
                crate::images::from_rgba(width, height, drawn.into_raw(), colour.image_mode());
            write(pdf, target.id, refs, &prepared, colour);
        }
        PdfEntry::Unreadable(reason) => return Err(unreadable(reason)),
        PdfEntry::Unused => return Err(unreadable("it was not prepared for the PDF")),
    }
    Ok(())
}

/// Writes the image's stream and dictionary, and its soft mask.
fn write(pdf: &mut Pdf, id: Ref, refs: &mut super::Refs, image: &PdfImage, colour: &mut Colour) {
    let mask = image.mask.as_ref().map(|_| refs.next());
    let icc = match &image.colour {
        PdfColour::Rgb | PdfColour::Indexed { is_grey: false, .. }
            if colour.rgb() == RgbAs::Srgb =>
        {
            Some(colour.srgb(refs))
        }
        PdfColour::Cmyk { .. } if colour.tags_cmyk() => Some(colour.cmyk(refs)),
        _ => None,
    };
    {
        let mut xobject = pdf.image_xobject(id, &image.data);
        xobject
            .width(image.width as i32)
            .height(image.height as i32)
            .bits_per_component(i32::from(image.bits));
        match image.encoding {
            Encoding::Dct => {
                xobject.filter(Filter::DctDecode);
            }
            Encoding::Flate => {
                xobject.filter(Filter::FlateDecode);
            }
            Encoding::FlatePng { colours } => {
                xobject.filter(Filter::FlateDecode);
                xobject
                    .decode_parms()
                    .predictor(Predictor::PngOptimum)
                    .colors(i32::from(colours))
                    .bits_per_component(i32::from(image.bits))
                    .columns(image.width as i32);
            }
        }
        write_space(&mut xobject, &image.colour, icc);
        if let Some(mask) = mask {
            xobject.s_mask(mask);
        }
    }
    if let (Some(mask), Some(alpha)) = (mask, &image.mask) {
        let mut xobject = pdf.image_xobject(mask, alpha);
        xobject
            .width(image.width as i32)
            .height(image.height as i32)
            .bits_per_component(8);
        xobject.filter(Filter::FlateDecode);
        xobject.pair(Name(b"ColorSpace"), Name(b"DeviceGray"));
    }
}

/// Writes `/ColorSpace` (and `/Decode` for inverted CMYK): a device space, the profile
/// `icc` when the standard tags the space, or `/Indexed` over one of them.
fn write_space(xobject: &mut ImageXObject, space: &PdfColour, icc: Option<Ref>) {
    let device = match space {
        PdfColour::Grey | PdfColour::Indexed { is_grey: true, .. } => Name(b"DeviceGray"),
        PdfColour::Rgb | PdfColour::Indexed { is_grey: false, .. } => Name(b"DeviceRGB"),
        PdfColour::Cmyk { .. } => Name(b"DeviceCMYK"),
    };
    match space {
        PdfColour::Indexed { palette, is_grey } => {
            let entries = palette.len() / if *is_grey { 1 } else { 3 };
            let mut array = xobject.insert(Name(b"ColorSpace")).array();
            array.item(Name(b"Indexed"));
            match icc {
                Some(profile) => {
                    array.push().array().item(Name(b"ICCBased")).item(profile);
                }
                None => {
                    array.item(device);
                }
            }
            array.item(entries.saturating_sub(1) as i32);
            array.item(Str(palette));
        }
        _ => match icc {
            Some(profile) => {
                xobject
                    .insert(Name(b"ColorSpace"))
                    .array()
                    .item(Name(b"ICCBased"))
                    .item(profile);
            }
            None => {
                xobject.pair(Name(b"ColorSpace"), device);
            }
        },
    }
    if let PdfColour::Cmyk {
        is_inverted: true, ..
    } = space
    {
        xobject.decode([1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
    }
}
