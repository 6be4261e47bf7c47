//! The text-setting core: styled text → shaped glyphs → boxes, glue and penalties → lines
//! broken by Knuth–Plass → positioned glyph runs, justified (or ragged) on the measure.
//!
//! `Setter::set` is the one entry point for the rest of the typesetter (flow, tables, front
//! matter, the cover); the steps are the files: `font` (faces and metrics), `glyphs`
//! (shaping with `shape`), `items` (with `hyphenate`), `linebreak`, `justify`.

pub mod font;
mod glyphs;
pub mod hyphenate;
mod items;
mod justify;
pub mod linebreak;
pub mod shape;
mod styled;

use std::ops::Range;

pub use font::{FaceId, FontSet, Style, has_feature};
use hyphenate::Hyphenator;
use linebreak::{Item, Params};
use shape::{Shaped, Shaper};
pub use styled::{Align, Format, InlineImage, Layout, Line, LineImage, OBJECT, Set, Strike, Text};

use crate::units::{Em, Pt, Rgb};
use unicode_bidi::Level;

/// A glyph of the paragraph, with its face and size.
#[derive(Clone, Copy, Debug)]
struct PGlyph {
    face: FaceId,
    size: Pt,
    rise: Pt,
    shaped: Shaped,
    link: Option<usize>,
    fill: Rgb,
}

impl PGlyph {
    fn advance(&self) -> Pt {
        self.shaped.advance.at(self.size)
    }
}

/// What an item stands for, to draw it after the breaks are chosen.
#[derive(Clone, Debug)]
enum Source {
    /// Glyphs `range` of the paragraph.
    Glyphs(Range<usize>),
    /// Glyphs `range` of a script written without spaces (CJK, Thai): set at their own
    /// width, with no font expansion or letter-spacing; the gaps between them justify.
    Solid(Range<usize>),
    /// An inter-word space (its glyph is not drawn), with its own stretch and shrink (the
    /// rest of the glue's is the expansion of the word before it).
    Space(Pt, Pt),
    /// The first-line indent, or nothing at all.
    Nothing,
    /// A possible hyphen after the glyph before, in the face of glyph `usize`.
    Hyphen(usize),
}

/// How much glyphs may widen or narrow to even out word spaces (pdfTeX's font expansion;
/// microtype's default is 2%). Measured with pdf-quality, tolerance 200: without expansion
/// Moby Dick had 3.9% loose lines; with 2% 3.1% (sample book 8.9%); with 3% and hyphen
/// penalty 150, 0.25% loose and 1.0% hyphenated (sample book 2.7% and 6.3%): inside the
/// 3% and 8% bars, where penalty 100 hyphenates the sample book at 8.04%.
const EXPANSION: f64 = 0.03;

/// How words may be hyphenated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hyphenation {
    /// Whether pattern hyphenation is on (soft hyphens break words either way).
    pub enabled: bool,
    /// Letters before a hyphen, at least.
    pub min_before: usize,
    /// Letters after a hyphen, at least.
    pub min_after: usize,
}

impl Hyphenation {
    /// No pattern hyphenation (display lines, the cover).
    pub const OFF: Hyphenation = Hyphenation {
        enabled: false,
        min_before: 2,
        min_after: 3,
    };
}

/// Reusable buffers and shared tools for setting paragraphs.
pub struct Setter<'f> {
    /// The book's faces.
    fonts: &'f FontSet,
    /// Shaping state.
    shaper: Shaper,
    /// Hyphenation patterns.
    hyphenator: Hyphenator,
    /// Line-breaking parameters.
    params: Params,
    /// Whether paragraphs read right to left (a book in Arabic or Hebrew): their lines
    /// align to the right and their words run leftwards.
    rtl: bool,
    /// Where lines may break in scripts written without spaces (UAX #14, strict), made
    /// for the first word of such a script.
    segmenter: Option<icu_segmenter::LineSegmenterBorrowed<'static>>,
    breaks: Vec<usize>,
    hyphens: Vec<Option<Shaped>>,
    /// The face for each (style, character) seen: a cmap lookup per character is slow.
    char_faces: rustc_hash::FxHashMap<(Style, char), (FaceId, bool)>,
    /// The advance of each character set alone, by style (see `advance`).
    advances: rustc_hash::FxHashMap<(Style, char), Em>,
    /// Each word shaped so far, by face (clusters from the word's start): books repeat
    /// their words, and shaping (kerning above all) is the slow part of setting text.
    words: Vec<rustc_hash::FxHashMap<Box<str>, Box<[Shaped]>>>,
    /// The paragraphs last set, shaped and made into items, the latest first, when the
    /// setter keeps them (`keeping`); `None` when it does not.
    kept: Option<Vec<(Text, Prepared)>>,
}

/// Paragraphs a keeping setter holds: page filling tries a paragraph a line longer, then
/// shorter, often on the next attempt again, within a page or two.
const KEPT: usize = 16;

/// A paragraph shaped and made into items: all that setting its text depends on but the
/// looseness.
struct Prepared {
    /// The layout, at looseness 0.
    layout: Layout,
    /// Whether its lines read right to left.
    rtl: bool,
    levels: Option<Vec<Level>>,
    glyphs: Vec<PGlyph>,
    missing: Vec<char>,
    items: Vec<Item>,
    sources: Vec<Source>,
}

impl<'f> Setter<'f> {
    /// A setter for text in `language` (BCP 47).
    pub fn new(fonts: &'f FontSet, language: &str, hyphenation: Hyphenation) -> Setter<'f> {
        // No first pass without hyphens (TeX's \pretolerance=-1): with font expansion the one
        // pass with hyphenation points finds better paragraphs, and the hyphen penalty keeps
        // them rare.
        let params = Params {
            pretolerance: -1.0,
            ..Params::default()
        };
        Setter {
            fonts,
            shaper: Shaper::new(language),
            hyphenator: Hyphenator::new(
                language,
                hyphenation.enabled,
                hyphenation.min_before,
                hyphenation.min_after,
            ),
            params,
            rtl: false,
            segmenter: None,
            breaks: Vec::new(),
            hyphens: vec![None; fonts.faces.len()],
            char_faces: rustc_hash::FxHashMap::default(),
            advances: rustc_hash::FxHashMap::default(),
            words: vec![rustc_hash::FxHashMap::default(); fonts.faces.len()],
            kept: None,
        }
    }

    /// A setter that keeps the last paragraphs it set shaped, so that setting one of them
    /// again (at another looseness) only breaks its lines again. The lines are the same.
    pub fn keeping(mut self) -> Self {
        self.kept = Some(Vec::with_capacity(KEPT));
        self
    }

    /// Paragraphs set right to left (`text-direction = "rtl"`) or left to right.
    pub fn right_to_left(mut self, rtl: bool) -> Self {
        self.rtl = rtl;
        self
    }

    /// The faces text is set in.
    pub fn fonts(&self) -> &'f FontSet {
        self.fonts
    }

    /// How far `c` set alone in `style` moves the pen: code, which is monospaced and set
    /// without ligatures or kerning, is measured by adding these up before it is set.
    pub fn advance(&mut self, style: Style, c: char) -> Em {
        if let Some(known) = self.advances.get(&(style, c)) {
            return *known;
        }
        let fonts = self.fonts;
        let (face, _) = *self
            .char_faces
            .entry((style, c))
            .or_insert_with(|| fonts.face_for_char(style, c));
        let mut out = Vec::new();
        let mut buffer = [0; 4];
        self.shaper
            .shape(&fonts.faces[face], c.encode_utf8(&mut buffer), 0, &mut out);
        let advance = Em::new(out.iter().map(|g| g.advance.get()).sum());
        self.advances.insert((style, c), advance);
        advance
    }

    /// Sets a paragraph.
    pub fn set(&mut self, text: &Text, layout: &Layout) -> Set {
        let key = Layout {
            looseness: 0,
            ..*layout
        };
        let Some(kept) = &mut self.kept else {
            let mut prepared = self.prepare(text, key);
            let mut items = std::mem::take(&mut prepared.items);
            return self.break_lines(text, &prepared, &mut items, layout);
        };
        let known = (kept.iter())
            .position(|(t, p)| p.layout == key && t == text)
            .map(|at| kept.remove(at));
        let (text, prepared) = known.unwrap_or_else(|| (text.clone(), self.prepare(text, key)));
        // Breaking forbids hyphens in the items it is given: the kept ones stay as made.
        let mut items = prepared.items.clone();
        let set = self.break_lines(&text, &prepared, &mut items, layout);
        if let Some(kept) = &mut self.kept {
            kept.truncate(KEPT - 1);
            kept.insert(0, (text, prepared));
        }
        set
    }

    /// Shapes `text` and makes its items for `layout`.
    fn prepare(&mut self, text: &Text, layout: Layout) -> Prepared {
        // Code reads left to right in any book.
        let rtl = self.rtl && !text.formats.iter().all(|(_, f)| f.style.is_mono());
        let levels = levels(&text.text, rtl);
        let (glyphs, missing) = self.shape(text, layout.size, levels.as_deref());
        let (items, sources) = self.items(text, &glyphs, &layout);
        Prepared {
            layout,
            rtl,
            levels,
            glyphs,
            missing,
            items,
            sources,
        }
    }

    /// Breaks the prepared paragraph (its `items`, which may be changed) into lines at
    /// `layout`'s looseness and sets them.
    fn break_lines(
        &mut self,
        text: &Text,
        prepared: &Prepared,
        items: &mut [Item],
        layout: &Layout,
    ) -> Set {
        let missing = prepared.missing.clone();
        if items.is_empty() {
            return Set {
                lines: Vec::new(),
                is_feasible: true,
                missing,
            };
        }
        let rtl = prepared.rtl;
        let params = Params {
            looseness: layout.looseness,
            emergency_stretch: Em::new(1.5).at(layout.size),
            ..self.params
        };
        let breaks = break_without_stacks(items, layout.measure, &params);
        let mut lines = Vec::with_capacity(breaks.positions.len());
        let mut start = 0;
        let holds_code = text.formats.iter().any(|(_, f)| f.style.is_mono());
        for (n, &end) in breaks.positions.iter().enumerate() {
            let is_last = n + 1 == breaks.positions.len();
            lines.push(self.line(
                text,
                &prepared.glyphs,
                items,
                &prepared.sources,
                start..end + 1,
                layout,
                (is_last, holds_code, rtl),
                prepared.levels.as_deref(),
            ));
            start = end + 1;
        }
        Set {
            lines,
            is_feasible: breaks.is_feasible,
            missing,
        }
    }
}

/// The bidi level of each byte of `text` (UAX #9, the paragraph's direction the
/// book's) when it holds right-to-left text or the paragraph reads right to left (`rtl`); `None`
/// when all of it runs left to right.
fn levels(text: &str, rtl: bool) -> Option<Vec<Level>> {
    use unicode_bidi::BidiClass::{AL, R, RLE, RLI, RLO};
    // Every right-to-left character is at U+0590 or above.
    let has_rtl = text.chars().any(|c| {
        c >= '\u{0590}' && matches!(unicode_bidi::bidi_class(c), R | AL | RLE | RLO | RLI)
    });
    if !rtl && !has_rtl {
        return None;
    }
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    Some(unicode_bidi::BidiInfo::new(text, Some(base)).levels)
}

/// Most hyphenated line ends in a row (a "ladder" of three looks bad).
const MAX_HYPHEN_STACK: usize = 2;

/// Breaks lines; where more than two hyphenated lines follow each other, tries again with
/// consecutive hyphens all but forbidden, and then forbids the hyphen that makes the third.
fn break_without_stacks(items: &mut [Item], measure: Pt, params: &Params) -> linebreak::Breaks {
    let mut breaks = linebreak::break_lines(items, &[measure], params);
    let strict = Params {
        double_hyphen_demerits: 1.0e7,
        ..*params
    };
    for attempt in 0..4 {
        let Some(third) = third_in_stack(items, &breaks.positions) else {
            return breaks;
        };
        if attempt > 0 {
            // Forbid the hyphen that ends the third line of the stack.
            if let Item::Penalty { cost, .. } = &mut items[third] {
                *cost = linebreak::INFINITE_PENALTY;
            }
        }
        breaks = linebreak::break_lines(items, &[measure], &strict);
    }
    breaks
}

/// The item index of a break that makes a stack of more than `MAX_HYPHEN_STACK` hyphens.
fn third_in_stack(items: &[Item], positions: &[usize]) -> Option<usize> {
    let mut run = 0;
    for &p in positions {
        // A flagged break ends with a hyphen: an added one, or the author's own.
        if matches!(items[p], Item::Penalty { flagged: true, .. }) {
            run += 1;
            if run > MAX_HYPHEN_STACK {
                return Some(p);
            }
        } else {
            run = 0;
        }
    }
    None
}

#[cfg(test)]
mod tests;
