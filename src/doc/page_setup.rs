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
        }
    }
}

/// Font files named in `[output.pdf]`, replacing the built-in ones (bytes of each file).
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
    /// Characters the others lack.
    pub fallback: Option<Vec<u8>>,
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
}
