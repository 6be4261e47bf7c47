//! Print settings from `[output.pdf]`: trim size, margins, type size, and the font files.

use crate::units::Pt;

/// How the printed book is laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct PageSetup {
    /// Trim width: the page as the reader holds it.
    pub trim_width: Pt,
    /// Trim height.
    pub trim_height: Pt,
    /// Margin at the spine.
    pub margin_inside: Pt,
    /// Margin at the fore-edge.
    pub margin_outside: Pt,
    /// Margin at the head, above the text block (the running head sits in it).
    pub margin_top: Pt,
    /// Margin at the foot.
    pub margin_bottom: Pt,
    /// Body type size.
    pub font_size: Pt,
    /// Distance between baselines of body text.
    pub leading: Pt,
    /// Bleed beyond the trim on each side.
    pub bleed: Pt,
    /// Whether chapters start on a right-hand page.
    pub recto_chapters: bool,
    /// Whether words are hyphenated.
    pub hyphenate: bool,
    /// Fewest letters before a hyphen.
    pub hyphen_min_before: usize,
    /// Fewest letters after a hyphen.
    pub hyphen_min_after: usize,
    /// Whether fonts are embedded whole rather than subset.
    pub embed_whole_fonts: bool,
    /// Where external links' URLs are printed.
    pub link_urls: LinkUrls,
    /// The book reads right to left (`text-direction = "rtl"`): the binding edge is on
    /// the right of a recto page, so its inside margin is on the right.
    pub right_to_left: bool,
}

/// Where the PDF prints an external link's URL (`[output.pdf] link-urls`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LinkUrls {
    /// As a footnote, once per chapter and URL.
    #[default]
    Footnote,
    /// In parentheses after the link's text.
    Inline,
    /// Not at all (the link's text only).
    None,
}

impl Default for PageSetup {
    /// 6×9 in, 0.75 in margins, 11 pt type on 13.6 pt leading: a trade paperback.
    fn default() -> Self {
        PageSetup {
            trim_width: Pt::from_in(6.0),
            trim_height: Pt::from_in(9.0),
            margin_inside: Pt::from_in(0.75),
            margin_outside: Pt::from_in(0.75),
            margin_top: Pt::from_in(0.75),
            margin_bottom: Pt::from_in(0.75),
            font_size: Pt::new(11.0),
            // 11/13.6: about 1.24 × the size, the leading of most trade books set in Garamond.
            leading: Pt::new(13.6),
            bleed: Pt::new(0.0),
            recto_chapters: false,
            hyphenate: true,
            hyphen_min_before: 2,
            hyphen_min_after: 3,
            embed_whole_fonts: false,
            link_urls: LinkUrls::Footnote,
            right_to_left: false,
        }
    }
}

/// The PDF standard the print PDF conforms to (`[output.pdf] standard`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PdfStandard {
    /// PDF/X-4 (ISO 15930-7): PDF 1.6, CMYK output intent, transparency and ICC colour kept.
    #[default]
    X4,
    /// PDF/X-1a:2003 (ISO 15930-4): PDF 1.4, CMYK and grey only, no transparency.
    X1a,
    /// PDF/A-2b (ISO 19005-2), for archiving: PDF 1.7, sRGB output intent.
    A2b,
    /// No standard: a plain PDF 1.7 with links kept.
    None,
}

impl PdfStandard {
    /// Parses the value of `standard` (`"pdf/x-4"`, `"pdf/x-1a"`, `"pdf/a-2b"`, `"none"`).
    pub fn parse(text: &str) -> Option<PdfStandard> {
        match text.trim().to_ascii_lowercase().as_str() {
            "pdf/x-4" | "x-4" => Some(PdfStandard::X4),
            "pdf/x-1a" | "x-1a" | "pdf/x-1a:2003" => Some(PdfStandard::X1a),
            "pdf/a-2b" | "a-2b" => Some(PdfStandard::A2b),
            "none" => Some(PdfStandard::None),
            _ => None,
        }
    }

    /// The standard's name as printers write it (`PDF/X-4`), or `none`.
    pub fn name(self) -> &'static str {
        match self {
            PdfStandard::X4 => "PDF/X-4",
            PdfStandard::X1a => "PDF/X-1a:2003",
            PdfStandard::A2b => "PDF/A-2b",
            PdfStandard::None => "no PDF standard",
        }
    }

    /// Whether this is one of the PDF/X print exchange standards.
    pub fn is_x(self) -> bool {
        matches!(self, PdfStandard::X4 | PdfStandard::X1a)
    }
}

/// A print-on-demand service whose requirements `[output.pdf] preset` applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// Amazon KDP paperbacks.
    Kdp,
    /// IngramSpark (Lightning Source).
    IngramSpark,
}

impl Preset {
    /// The preset's name in `book.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Kdp => "kdp",
            Preset::IngramSpark => "ingramspark",
        }
    }

    /// The bleed the preset sets: 0.125 in, what both services ask of a book with bleed.
    pub fn bleed(self) -> Pt {
        Pt::from_in(0.125)
    }

    /// The standard the preset sets. KDP's help asks for flattened transparency and no
    /// annotations; IngramSpark's file creation guide asks for PDF/X-1a (2001 or 2003).
    /// PDF/X-1a:2003 satisfies both.
    pub fn standard(self) -> PdfStandard {
        PdfStandard::X1a
    }

    /// The smallest inside (gutter) margin for a book of `pages` pages: KDP's table (up to
    /// 150 pages 0.375 in, to 300 0.5 in, to 500 0.625 in, to 700 0.75 in, then 0.875 in),
    /// which IngramSpark's guidance does not contradict.
    pub fn inside_margin(self, pages: usize) -> Pt {
        Pt::from_in(match pages {
            0..=150 => 0.375,
            151..=300 => 0.5,
            301..=500 => 0.625,
            501..=700 => 0.75,
            _ => 0.875,
        })
    }

    /// The smallest outside, top and bottom margin: 0.25 in, or 0.375 in with bleed.
    pub fn outside_margin(self, bleed: Pt) -> Pt {
        Pt::from_in(if bleed.get() > 0.0 { 0.375 } else { 0.25 })
    }
}

/// One font of a fallback chain: a file's bytes and the face to use in it.
#[derive(Clone, Debug, PartialEq)]
pub struct FontFile {
    /// The whole file (a collection holds several faces).
    pub bytes: std::sync::Arc<[u8]>,
    /// The face's index in a collection (`.ttc`); 0 for a plain font file.
    pub index: u32,
    /// What to call it in messages: the family and the path.
    pub name: String,
    /// The family's bold face, for bold and emphasised text in the scripts this font
    /// covers that have no italic (Chinese, Japanese): `None` when it has none.
    pub bold: Option<Box<FontFile>>,
}

/// Font files named in `[output.pdf]`, replacing the built-in ones (bytes of each file),
/// and the fonts that fill the gaps of the built-in ones.
///
/// The typesetter's chain for a character: the style's face, then the regular face, then
/// `fallbacks` (the book's `font-fallback` list, in order), then the bundled DejaVu Sans,
/// then `system` (fonts of the machine that cover what the others lack), then mono.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FontFiles {
    /// Body text.
    pub regular: Option<Vec<u8>>,
    /// Emphasis.
    pub italic: Option<Vec<u8>>,
    /// Strong.
    pub bold: Option<Vec<u8>>,
    /// Strong emphasis.
    pub bold_italic: Option<Vec<u8>>,
    /// Code.
    pub mono: Option<Vec<u8>>,
    /// Titles and running heads, when the design sets them in a face of their own.
    pub heading: Option<Vec<u8>>,
    /// `[output.pdf] font-fallback`: the book's fallback fonts, in order.
    pub fallbacks: Vec<FontFile>,
    /// Fonts of the machine chosen to show characters that no other font has (none with
    /// `--no-system-fonts`), best first.
    pub system: Vec<FontFile>,
}

/// Parses a length: a number and a unit, `in`, `mm`, `cm` or `pt` (`"0.75in"`, `"11pt"`).
pub fn parse_length(text: &str) -> Option<Pt> {
    let text = text.trim();
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = text.split_at(split);
    let value: f64 = number
        .trim()
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v >= 0.0)?;
    match unit.trim() {
        "in" => Some(Pt::from_in(value)),
        "mm" => Some(Pt::from_mm(value)),
        "cm" => Some(Pt::from_mm(value * 10.0)),
        "pt" => Some(Pt::new(value)),
        _ => None,
    }
}

/// Parses a trim size: a preset (`6x9in`, `5x8in`, `5.5x8.5in`, `a5`, `a4`, `letter`) or
/// `WIDTHxHEIGHT` with one unit (`"150x230mm"`).
pub fn parse_trim(text: &str) -> Option<(Pt, Pt)> {
    let text = text.trim().to_ascii_lowercase();
    match text.as_str() {
        "a5" => return Some((Pt::from_mm(148.0), Pt::from_mm(210.0))),
        "a4" => return Some((Pt::from_mm(210.0), Pt::from_mm(297.0))),
        "letter" => return Some((Pt::from_in(8.5), Pt::from_in(11.0))),
        _ => {}
    }
    let (width, height) = text.split_once('x')?;
    let unit_at = height.find(|c: char| c.is_ascii_alphabetic())?;
    let unit = &height[unit_at..];
    let width = parse_length(&format!("{width}{unit}"))?;
    let height = parse_length(height)?;
    (width.get() > 0.0 && height.get() > 0.0).then_some((width, height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_trims_parse() {
        assert_eq!(parse_length("0.75in"), Some(Pt::new(54.0)));
        assert_eq!(parse_length("11pt"), Some(Pt::new(11.0)));
        assert_eq!(parse_length("25.4mm"), Some(Pt::new(72.0)));
        assert_eq!(parse_length("-1in"), None);
        assert_eq!(parse_length("NaNin"), None);
        assert_eq!(parse_length("3 furlongs"), None);
        assert_eq!(parse_trim("6x9in"), Some((Pt::new(432.0), Pt::new(648.0))));
        assert_eq!(
            parse_trim("A5").map(|(w, _)| (w.get() * 100.0).round()),
            Some(41953.0)
        );
        assert!(parse_trim("150x230mm").is_some());
        assert_eq!(parse_trim("0x9in"), None);
    }

    #[test]
    fn standards_parse_and_presets_follow_kdps_gutter_table() {
        assert_eq!(PdfStandard::parse("PDF/X-4"), Some(PdfStandard::X4));
        assert_eq!(PdfStandard::parse("pdf/x-1a"), Some(PdfStandard::X1a));
        assert_eq!(PdfStandard::parse("pdf/a-2b"), Some(PdfStandard::A2b));
        assert_eq!(PdfStandard::parse("none"), Some(PdfStandard::None));
        assert_eq!(PdfStandard::parse("pdf/x-3"), None);
        let inches = |pages| Preset::Kdp.inside_margin(pages).get() / 72.0;
        assert_eq!(
            [1, 150, 151, 300, 301, 500, 501, 700, 701].map(inches),
            [0.375, 0.375, 0.5, 0.5, 0.625, 0.625, 0.75, 0.75, 0.875]
        );
        assert_eq!(Preset::Kdp.outside_margin(Pt::new(0.0)), Pt::from_in(0.25));
        assert_eq!(
            Preset::Kdp.outside_margin(Pt::from_in(0.125)),
            Pt::from_in(0.375)
        );
    }
}
