//! What each PDF standard asks of the file: its header version, the output intent and its
//! ICC profile, the colour spaces images may use, the `/Info` and XMP keys, and whether
//! link annotations may stay. `pdf::write` asks this module and writes the answers.
//!
//! The profiles (see `icc/README.md`): PDF/X-4 and PDF/X-1a name the CGATS TR 003 (SWOP
//! grade 3 coated) condition and embed a CMYK output profile computed from its
//! characterization data; PDF/A-2b embeds sRGB, which also tags RGB images in PDF/X-4 and
//! PDF/A-2b.

use pdf_writer::types::OutputIntentSubtype;
use pdf_writer::writers::Catalog;
use pdf_writer::{Name, Pdf, Ref, TextStr};

use super::Refs;
pub use crate::doc::PdfStandard;

/// An ICC profile shipped with folio.
pub(super) struct Profile {
    /// The profile file.
    pub bytes: &'static [u8],
    /// Colour components: 3 (RGB) or 4 (CMYK).
    pub n: i32,
    /// `/OutputConditionIdentifier`.
    pub identifier: &'static str,
    /// `/RegistryName`: where the identifier is registered.
    pub registry: &'static str,
    /// `/Info` and `/OutputCondition`: the condition in words.
    pub info: &'static str,
}

/// The CMYK output profile of PDF/X: SWOP web offset on grade 3 coated paper.
pub(super) const CMYK: Profile = Profile {
    bytes: include_bytes!("../../icc/cgats-tr003-swop.icc"),
    n: 4,
    identifier: "CGATS TR 003",
    registry: "http://www.color.org",
    info: "SWOP (Web Coated) Grade 3 paper, CGATS TR 003",
};

/// sRGB: the output intent of PDF/A-2b and the colour space of RGB images.
pub(super) const SRGB: Profile = Profile {
    bytes: include_bytes!("../../icc/sRGB.icc"),
    n: 3,
    identifier: "sRGB IEC61966-2.1",
    registry: "http://www.color.org",
    info: "sRGB IEC61966-2.1",
};

/// The header version: PDF/X-4 is built on PDF 1.6 (and allows no later), PDF/X-1a:2003 on
/// PDF 1.4, PDF/A-2b on PDF 1.7.
pub(super) fn version(standard: PdfStandard) -> (u8, u8) {
    match standard {
        PdfStandard::X4 => (1, 6),
        PdfStandard::X1a => (1, 4),
        PdfStandard::A2b | PdfStandard::None => (1, 7),
    }
}

/// Whether link annotations may be written. PDF/X forbids annotations inside the bleed
/// box (printers' preflight reports "annotation inside page area"), and a printed page has
/// no use for them.
pub(super) fn keeps_links(standard: PdfStandard) -> bool {
    !standard.is_x()
}

/// The value of `GTS_PDFXVersion` (in `/Info` and XMP), for PDF/X.
pub(super) fn pdfx_version(standard: PdfStandard) -> Option<&'static str> {
    match standard {
        PdfStandard::X4 => Some("PDF/X-4"),
        PdfStandard::X1a => Some("PDF/X-1a:2003"),
        _ => None,
    }
}

/// How an image's colours are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RgbAs {
    /// `/DeviceRGB` (no standard).
    Device,
    /// `[/ICCBased sRGB]`.
    Srgb,
    /// Converted to `/DeviceCMYK` (PDF/X-1a allows no RGB).
    Cmyk,
}

/// The ICC profile streams a file uses, allocated on first use, and the colour rules of
/// its standard.
pub(super) struct Colour {
    /// The standard.
    pub standard: PdfStandard,
    srgb: Option<Ref>,
    cmyk: Option<Ref>,
}

impl Colour {
    pub fn new(standard: PdfStandard) -> Colour {
        Colour {
            standard,
            srgb: None,
            cmyk: None,
        }
    }

    /// How RGB images are written.
    pub fn rgb(&self) -> RgbAs {
        match self.standard {
            PdfStandard::None => RgbAs::Device,
            PdfStandard::X1a => RgbAs::Cmyk,
            PdfStandard::X4 | PdfStandard::A2b => RgbAs::Srgb,
        }
    }

    /// Whether alpha must be flattened onto white (no soft masks: PDF/X-1a).
    pub fn flattens_alpha(&self) -> bool {
        self.standard == PdfStandard::X1a
    }

    /// What the standard asks of image colour, for `images::prepare`.
    pub fn image_mode(&self) -> crate::images::PdfMode {
        crate::images::PdfMode {
            cmyk: self.rgb() == RgbAs::Cmyk,
            flatten_alpha: self.flattens_alpha(),
        }
    }

    /// Whether CMYK images need an ICC profile: PDF/A-2b, whose output intent is RGB.
    pub fn tags_cmyk(&self) -> bool {
        self.standard == PdfStandard::A2b
    }

    /// The sRGB profile stream.
    pub fn srgb(&mut self, refs: &mut Refs) -> Ref {
        *self.srgb.get_or_insert_with(|| refs.next())
    }

    /// The CMYK profile stream.
    pub fn cmyk(&mut self, refs: &mut Refs) -> Ref {
        *self.cmyk.get_or_insert_with(|| refs.next())
    }

    /// The output intent's profile stream (allocated now if no image used it), if the
    /// standard has an output intent.
    pub fn intent(&mut self, refs: &mut Refs) -> Option<(Ref, &'static Profile)> {
        match self.standard {
            PdfStandard::X4 | PdfStandard::X1a => Some((self.cmyk(refs), &CMYK)),
            PdfStandard::A2b => Some((self.srgb(refs), &SRGB)),
            PdfStandard::None => None,
        }
    }

    /// Writes every profile stream used.
    pub fn write_profiles(&self, pdf: &mut Pdf) {
        for (id, profile, alternate) in [
            (self.srgb, &SRGB, Name(b"DeviceRGB")),
            (self.cmyk, &CMYK, Name(b"DeviceCMYK")),
        ] {
            if let Some(id) = id {
                // Profiles stay uncompressed: a few KiB each, and simpler for checkers.
                pdf.icc_profile(id, profile.bytes)
                    .n(profile.n)
                    .alternate_name(alternate);
            }
        }
    }
}

/// Writes the catalog's `/OutputIntents` for `standard` with the profile `profile`.
pub(super) fn write_output_intent(
    catalog: &mut Catalog,
    standard: PdfStandard,
    (profile_id, profile): (Ref, &Profile),
) {
    let subtype = match standard {
        PdfStandard::A2b => OutputIntentSubtype::PDFA,
        _ => OutputIntentSubtype::PDFX,
    };
    catalog
        .output_intents()
        .push()
        .subtype(subtype)
        .output_condition(TextStr(profile.info))
        .output_condition_identifier(TextStr(profile.identifier))
        .registry_name(TextStr(profile.registry))
        .info(TextStr(profile.info))
        .dest_output_profile(profile_id);
}

/// Crop marks: how far they start from the trim edge, beyond the bleed, and how long they
/// are, in points. The media box grows by `MARK_SPACE` beyond the bleed box on each side.
const MARK_GAP: f64 = 6.0;
const MARK_LENGTH: f64 = 18.0;
/// Space added around the bleed box for the marks.
pub(super) const MARK_SPACE: f64 = MARK_GAP + MARK_LENGTH + 3.0;

/// The content that draws crop marks for a trim box `trim` (x0, y0, x1, y1 in PDF
/// coordinates) with `bleed` around it: at each corner two hairlines on the trim lines,
/// from beyond the bleed box outwards, in black (DeviceGray, allowed by every standard).
pub(super) fn crop_marks(trim: [f64; 4], bleed: f64) -> Vec<u8> {
    let [x0, y0, x1, y1] = trim;
    let (near, far) = (bleed + MARK_GAP, bleed + MARK_GAP + MARK_LENGTH);
    let mut out = String::from("\nq 0 G 0.25 w [] 0 d\n");
    for (x, dx) in [(x0, -1.0), (x1, 1.0)] {
        for (y, dy) in [(y0, -1.0), (y1, 1.0)] {
            // The horizontal mark on the line y, and the vertical one on the line x.
            out.push_str(&format!(
                "{:.3} {y:.3} m {:.3} {y:.3} l S\n{x:.3} {:.3} m {x:.3} {:.3} l S\n",
                x + dx * near,
                x + dx * far,
                y + dy * near,
                y + dy * far,
            ));
        }
    }
    out.push_str("Q\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naive_cmyk_keeps_greys_on_the_black_plate() {
        use crate::images::naive_cmyk;
        assert_eq!(naive_cmyk([0, 0, 0]), [0, 0, 0, 255]);
        assert_eq!(naive_cmyk([255, 255, 255]), [0, 0, 0, 0]);
        assert_eq!(naive_cmyk([128, 128, 128]), [0, 0, 0, 127]);
        assert_eq!(naive_cmyk([255, 0, 0]), [0, 255, 255, 0]);
    }

    #[test]
    fn crop_marks_lie_outside_the_bleed() {
        let marks = String::from_utf8(crop_marks([10.0, 10.0, 110.0, 210.0], 9.0)).unwrap();
        let numbers: Vec<f64> = marks
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        // Every endpoint lies beyond the bleed box on one axis and on a trim line on the other.
        assert!(marks.contains("-5.000 10.000 m -23.000 10.000 l S"));
        assert!(numbers.len() > 30);
    }

    #[test]
    fn profiles_are_what_the_standards_need() {
        // An ICC profile: 'acsp' at offset 36, the colour space at 16, the class at 12.
        assert_eq!(&CMYK.bytes[36..40], b"acsp");
        assert_eq!(&CMYK.bytes[16..20], b"CMYK");
        assert_eq!(&CMYK.bytes[12..16], b"prtr");
        assert_eq!(&SRGB.bytes[16..20], b"RGB ");
        assert!(CMYK.bytes.len() < 200 * 1024);
        assert_eq!(version(PdfStandard::X1a), (1, 4));
        assert_eq!(version(PdfStandard::X4), (1, 6));
    }
}
