//! Absolute and relative lengths used inside the pipeline.

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
