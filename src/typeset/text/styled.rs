//! The input and output of the text-setting core: styled `Text` and its `Format`s, the
//! `Layout` to set it in, and the set `Line`s.

use std::ops::Range;

use super::font::Style;
use crate::typeset::page::TextRun;
use crate::units::{Em, Pt, Rgb};

/// How a stretch of text is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Format {
    /// Face style.
    pub style: Style,
    /// Size relative to the paragraph's (0.7 for superscripts).
    pub scale: f64,
    /// Raise above the baseline, relative to the paragraph's size.
    pub rise: Em,
    /// A link the text belongs to (an index the caller defines).
    pub link: Option<usize>,
    /// The colour of the glyphs: black, but for highlighted code.
    pub fill: Rgb,
    /// An image set in the line in place of each character ([`OBJECT`]) of the range.
    pub image: Option<InlineImage>,
    /// Struck through (Markdown's `~~text~~`, HTML's `<del>`).
    pub strike: bool,
}

impl Format {
    /// Plain text in a style.
    pub fn plain(style: Style) -> Format {
        Format {
            style,
            scale: 1.0,
            rise: Em::new(0.0),
            link: None,
            fill: Rgb::BLACK,
            image: None,
            strike: false,
        }
    }
}

/// The character an inline image stands in for in `Text` (U+FFFC OBJECT REPLACEMENT
/// CHARACTER); its format's `image` says which and how large.
pub const OBJECT: char = '\u{FFFC}';

/// An image inside running text, sized by the type it stands in (an icon as tall as the
/// type): its natural size, no taller than `max_height`, no wider than `max_width`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InlineImage {
    /// Index into `Book::images`.
    pub image: usize,
    /// Its natural width and height.
    pub natural: (Pt, Pt),
    /// At most this tall, in ems of its text.
    pub max_height: Em,
    /// At most this wide.
    pub max_width: Pt,
    /// An image up to this tall sits on the baseline; a taller one goes below it by the
    /// difference.
    pub ascent: Em,
}

impl InlineImage {
    /// Its width, height and depth below the baseline in type of `size`.
    pub fn size_at(&self, size: Pt) -> (Pt, Pt, Pt) {
        let (w, h) = self.natural;
        if w.get() <= 0.0 || h.get() <= 0.0 {
            return (Pt::new(0.0), Pt::new(0.0), Pt::new(0.0));
        }
        let mut height = h.min(self.max_height.at(size));
        let mut width = w * (height / h);
        if width > self.max_width {
            height = height * (self.max_width / width);
            width = self.max_width;
        }
        let depth = (height - self.ascent.at(size)).max(Pt::new(0.0));
        (width, height, depth)
    }
}

/// A stroke through struck-out text in a line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Strike {
    /// Where it starts, from the start of the measure.
    pub from: Pt,
    /// Where it ends.
    pub to: Pt,
    /// How far above the baseline it runs.
    pub rise: Pt,
    /// Its thickness.
    pub thickness: Pt,
}

/// An image set in a line, from the line's start.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineImage {
    /// Index into `Book::images`.
    pub image: usize,
    /// Its left edge, from the start of the measure.
    pub x: Pt,
    /// Width.
    pub width: Pt,
    /// Height.
    pub height: Pt,
    /// How far its foot sits below the baseline.
    pub depth: Pt,
}

/// Styled text to set: the text and the format of each byte range (in order, covering it).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Text {
    /// The characters; `\n` is a forced line break.
    pub text: String,
    /// Formats of consecutive ranges of `text`.
    pub formats: Vec<(Range<usize>, Format)>,
}

impl Text {
    /// Appends `text` in `format`, merging with the previous range when the format is equal.
    pub fn push(&mut self, text: &str, format: Format) {
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        match self.formats.last_mut() {
            Some((range, last)) if *last == format && range.end == start => {
                range.end = self.text.len()
            }
            _ => self.formats.push((start..self.text.len(), format)),
        }
    }

    /// Whether there is nothing but white space.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Horizontal alignment of lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Both edges straight, the last line flush left.
    Justify,
    /// Flush left, ragged right.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// Settings for one paragraph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// Type size.
    pub size: Pt,
    /// Line width.
    pub measure: Pt,
    /// Indent of the first line.
    pub indent: Pt,
    /// Alignment.
    pub align: Align,
    /// Lines more (+1) or fewer (−1) than the best, if possible (for page building).
    pub looseness: i32,
}

impl Layout {
    /// Text set in `align` across `measure`, with no indent.
    pub fn aligned(size: Pt, measure: Pt, align: Align) -> Layout {
        Layout {
            size,
            measure,
            indent: Pt::new(0.0),
            align,
            looseness: 0,
        }
    }
}

/// One set line.
#[derive(Clone, Debug, Default)]
pub struct Line {
    /// Glyph runs, with x relative to the start of the measure and y = 0 on the baseline.
    pub runs: Vec<TextRun>,
    /// Images set in the line (in place of [`OBJECT`] characters).
    pub images: Vec<LineImage>,
    /// Lines struck through the text: from x, to x (from the start of the measure), height
    /// above the baseline, thickness.
    pub strikes: Vec<Strike>,
    /// Link areas: x from, x to, the caller's link index.
    pub links: Vec<(Pt, Pt, usize)>,
    /// Whether the line ends with an added hyphen.
    pub is_hyphenated: bool,
    /// Width of the set material.
    pub width: Pt,
    /// How far the word spaces are stretched: 0 natural, 1 their full stretch (1.5 × the
    /// natural space), negative when shrunk.
    pub space_ratio: f64,
    /// Byte offset in the paragraph's text where the line's first glyph comes from.
    pub text_start: usize,
    /// Right to left: the measure the line was set on, across which the page mirrors the
    /// line's place (its indent, hang or column falls on the right).
    pub mirror: Option<Pt>,
}

impl Line {
    /// Where the line starts in an area `width` wide when it was set `x` from the area's
    /// left edge: there, or its mirror image for a right-to-left line.
    pub fn start_in(&self, x: Pt, width: Pt) -> Pt {
        match self.mirror {
            Some(measure) => width - x - measure,
            None => x,
        }
    }
}

/// The result of setting a paragraph.
#[derive(Clone, Debug, Default)]
pub struct Set {
    /// The lines, top to bottom.
    pub lines: Vec<Line>,
    /// Whether the breaker found lines within tolerance (false: some line is too loose or
    /// overfull; the caller warns).
    pub is_feasible: bool,
    /// Characters no font has.
    pub missing: Vec<char>,
}
