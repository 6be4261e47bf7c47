//! Absolute and relative lengths used inside the pipeline, and sRGB colours.

use std::iter::Sum;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// An absolute length in PostScript points (1/72 inch).
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Pt(f64);

impl Pt {
    const EPSILON: f64 = 1e-6; // float noise allowed when comparing widths

    /// A length of `pt` points.
    pub const fn new(pt: f64) -> Pt {
        Pt(pt)
    }
    /// The length in points.
    pub const fn get(self) -> f64 {
        self.0
    }
    /// A length given in millimetres.
    pub fn from_mm(mm: f64) -> Pt {
        Pt(mm * 72.0 / 25.4)
    }
    /// A length given in inches.
    pub fn from_in(inches: f64) -> Pt {
        Pt(inches * 72.0)
    }
    /// The larger of two lengths.
    pub fn max(self, other: Pt) -> Pt {
        if other.0 > self.0 { other } else { self }
    }
    /// The smaller of two lengths.
    pub fn min(self, other: Pt) -> Pt {
        if other.0 < self.0 { other } else { self }
    }
    /// Whether `content` fits into a measure of `self`.
    pub fn fits(self, content: Pt) -> bool {
        content.0 <= self.0 + Self::EPSILON
    }
}

/// A length relative to the font size: 1 em is the font size.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Em(f64);

impl Em {
    /// A length of `em` ems.
    pub const fn new(em: f64) -> Em {
        Em(em)
    }
    /// The length in ems.
    pub const fn get(self) -> f64 {
        self.0
    }
    /// A length in font design units, `per_em` of which make 1 em (a zero `per_em` gives 0 em).
    pub fn from_font_units(units: f64, per_em: u16) -> Em {
        if per_em == 0 {
            Em(0.0)
        } else {
            Em(units / f64::from(per_em))
        }
    }
    /// The absolute length at `font_size`.
    pub fn at(self, font_size: Pt) -> Pt {
        Pt(self.0 * font_size.0)
    }
}

/// Arithmetic shared by the length types: sums, differences, scaling and ratios.
macro_rules! length_ops {
    ($($t:ident),*) => {$(
        impl Add for $t { type Output = $t; fn add(self, rhs: $t) -> $t { $t(self.0 + rhs.0) } }
        impl Sub for $t { type Output = $t; fn sub(self, rhs: $t) -> $t { $t(self.0 - rhs.0) } }
        impl Neg for $t { type Output = $t; fn neg(self) -> $t { $t(-self.0) } }
        impl Mul<f64> for $t { type Output = $t; fn mul(self, rhs: f64) -> $t { $t(self.0 * rhs) } }
        impl Div for $t { type Output = f64; fn div(self, rhs: $t) -> f64 { self.0 / rhs.0 } }
        impl AddAssign for $t { fn add_assign(&mut self, rhs: $t) { self.0 += rhs.0; } }
        impl SubAssign for $t { fn sub_assign(&mut self, rhs: $t) { self.0 -= rhs.0; } }
        impl Sum for $t {
            fn sum<I: Iterator<Item = $t>>(iter: I) -> $t { $t(iter.map(|x| x.0).sum()) }
        }
    )*};
}

length_ops!(Pt, Em);

/// A colour in sRGB, 8 bits a channel. The default is black.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rgb {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Rgb {
    /// Black, the colour of text unless something says otherwise.
    pub const BLACK: Rgb = Rgb::new(0, 0, 0);
    /// White.
    pub const WHITE: Rgb = Rgb::new(255, 255, 255);

    /// The colour of these channels.
    pub const fn new(r: u8, g: u8, b: u8) -> Rgb {
        Rgb { r, g, b }
    }

    /// The colour written `#rrggbb` or `#rgb` (the `#` optional), or `#rrggbbaa` with the
    /// alpha ignored; `None` for anything else.
    pub fn from_hex(text: &str) -> Option<Rgb> {
        let hex = text.trim().trim_start_matches('#');
        let digit = |i: usize| u8::from_str_radix(hex.get(i..i + 1)?, 16).ok();
        let pair = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        match hex.len() {
            3 => Some(Rgb::new(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 | 8 => Some(Rgb::new(pair(0)?, pair(2)?, pair(4)?)),
            _ => None,
        }
    }

    /// `#rrggbb`, as CSS writes it.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// The channels as fractions of full intensity, as PDF colour operators take them.
    pub fn fractions(self) -> [f64; 3] {
        [self.r, self.g, self.b].map(|c| f64::from(c) / 255.0)
    }

    /// Relative luminance (WCAG 2.x, from the sRGB transfer curve): 0 for black, 1 for white.
    pub fn luminance(self) -> f64 {
        let linear = |c: f64| {
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.fractions().map(linear);
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// CIE L* lightness (0 black, 100 white): equal steps look equally different, so it
    /// tells which colours stay apart when printed in grey.
    pub fn lightness(self) -> f64 {
        let y = self.luminance();
        if y > 216.0 / 24389.0 {
            116.0 * y.cbrt() - 16.0
        } else {
            y * 24389.0 / 27.0
        }
    }

    /// The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        assert!((Rgb::BLACK.contrast(Rgb::WHITE) - 21.0).abs() < 1e-9);
        assert!((Rgb::WHITE.contrast(Rgb::WHITE) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic lightest AA grey: 4.54:1.
        let grey = Rgb::new(0x76, 0x76, 0x76);
        assert!((grey.contrast(Rgb::WHITE) - 4.54).abs() < 0.01);
        assert!((Rgb::WHITE.lightness() - 100.0).abs() < 1e-6);
        assert_eq!(Rgb::BLACK.lightness(), 0.0);
    }

    #[test]
    fn hex_colours_parse_and_print() {
        assert_eq!(Rgb::from_hex("#1f3d8f"), Some(Rgb::new(0x1f, 0x3d, 0x8f)));
        assert_eq!(Rgb::from_hex("#FFF"), Some(Rgb::WHITE));
        assert_eq!(Rgb::from_hex("#10203040"), Some(Rgb::new(0x10, 0x20, 0x30)));
        assert_eq!(Rgb::from_hex("#12345"), None);
        assert_eq!(Rgb::from_hex("#gg0000"), None);
        assert_eq!(Rgb::from_hex("é€"), None);
        assert_eq!(Rgb::new(1, 2, 255).hex(), "#0102ff");
    }
}
