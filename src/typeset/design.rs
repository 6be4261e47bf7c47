//! The book's typographic measures in one place: the text block and type of a book, and the
//! proportions of everything set against them (headings, quotes, lists, code, notes,
//! figures, chapter openings, running heads). What a book's design chooses (the opening's
//! sink, the paragraph indent, labels, ornaments, running heads, folios) is in
//! `doc::Design` instead. Each constant says what it does; lengths in
//! `Em` are relative to the body size, plain factors are shares of the body size or leading.

use crate::doc::PageSetup;
use crate::units::{Em, Pt};

/// Measures of the text block and type, for a flow.
#[derive(Clone, Copy, Debug)]
pub struct Measures {
    /// Width of the text block.
    pub width: Pt,
    /// Height of the text block.
    pub height: Pt,
    /// Body type size.
    pub size: Pt,
    /// Body leading (the baseline grid).
    pub leading: Pt,
}

impl Measures {
    /// The text block and body type of pages set up as `setup`.
    pub fn of(setup: &PageSetup) -> Measures {
        Measures {
            width: setup.trim_width - setup.margin_inside - setup.margin_outside,
            height: setup.trim_height - setup.margin_top - setup.margin_bottom,
            size: setup.font_size,
            leading: setup.leading,
        }
    }

    /// The height of the text block's whole lines: pages are filled to it, and footnotes
    /// end on its last baseline, so that every full page ends on the same line.
    pub fn grid_height(&self) -> Pt {
        self.leading * (self.height / self.leading + 1e-6).floor()
    }
}

/// Chapter title size, × body.
pub const CHAPTER_TITLE_SCALE: f64 = 1.9;
/// Part title size, × body.
pub const PART_TITLE_SCALE: f64 = 2.2;
/// "Chapter N" label above the title, × body.
pub const CHAPTER_LABEL_SCALE: f64 = 1.1;
/// Space between the chapter label and the title, in lines.
pub const CHAPTER_LABEL_GAP: f64 = 0.5;
/// Space after a chapter title, in lines (it vanishes at a page top).
pub const CHAPTER_TITLE_GAP: f64 = 2.0;
/// Leading of display lines (titles, headings larger than the body), × their size.
pub const DISPLAY_LEADING: f64 = 1.2;
/// Section heading sizes, × body: levels 1–2, level 3; deeper levels are body size, bold.
pub const HEADING_SCALES: [f64; 2] = [1.25, 1.1];
/// Space above a section heading, in lines.
pub const HEADING_SPACE_ABOVE: f64 = 1.0;
/// Nesting (quotes, lists) never narrows the measure below this share of the text block.
pub const MIN_MEASURE_SHARE: f64 = 0.4;
/// Quotes are inset by this much on the left (and the measure narrowed by as much).
pub const QUOTE_INSET: Em = Em::new(1.5);
/// Quote type size, × body (quotes keep the body leading, so their lines stay on the
/// baseline grid and a page that ends inside one ends on the same line as any other).
pub const QUOTE_SCALE: f64 = 0.92;
/// Space above and below a quote (verse, extracts), in lines: a blank line, on the grid.
pub const QUOTE_GAP: f64 = 1.0;
/// A verse line too long for the measure goes on this far in (a hanging indent).
pub const VERSE_HANG: Em = Em::new(3.0);
/// Space around quotes, scene breaks, code, tables and figures, in lines.
pub const BLOCK_GAP: f64 = 0.5;
/// A list item's text hangs this far right of its marker's column.
pub const LIST_HANG: Em = Em::new(1.6);
/// Space between a list marker and the item's text.
pub const LIST_MARKER_GAP: Em = Em::new(0.4);
/// Code block type size and leading, × body.
pub const CODE_SCALE: f64 = 0.8;
/// Code blocks are inset by this much on each side.
pub const CODE_INSET: Em = Em::new(0.8);
/// A code block wider than the measure is set smaller, down to this share of the code
/// size (the whole block at one size), before its long lines wrap.
pub const CODE_MIN_SHRINK: f64 = 0.8;
/// A code block of up to this many lines is kept on one page.
pub const CODE_KEEP_LINES: usize = 8;
/// The continuation mark of a wrapped code line, × the code size.
pub const CODE_MARK_SCALE: f64 = 0.8;
/// DejaVu Sans Mono looks larger than EB Garamond at one size: code in running text is set
/// this much smaller to match.
pub const INLINE_CODE_SCALE: f64 = 0.86;
/// Superscripts, subscripts and note references, × the text size.
pub const SCRIPT_SCALE: f64 = 0.7;
/// Rise of superscripts and note references.
pub const SUPERSCRIPT_RISE: Em = Em::new(0.33);
/// Rise of subscripts (negative: below the baseline).
pub const SUBSCRIPT_RISE: Em = Em::new(-0.15);
/// Footnote type size and leading, × body.
pub const NOTE_SCALE: f64 = 0.8;
/// The space between the text and the footnotes, where the short rule is drawn, in lines.
pub const FOOT_GAP: f64 = 1.0;
/// The footnote rule, down from the top of that space, × the leading.
pub const FOOT_RULE_DROP: f64 = 0.45;
/// The footnote rule's length, as a share of the measure.
pub const FOOT_RULE_SHARE: f64 = 0.3;
/// The footnote rule's thickness.
pub const FOOT_RULE_THICKNESS: Pt = Pt::new(0.4);
/// A figure's natural size takes raster images at this resolution (pixels per inch).
pub const FIGURE_NATURAL_PPI: f64 = 150.0;
/// An image inside running text is at most this tall, × the text size (an icon as tall as
/// the type, from the descenders to the ascenders), smaller when its natural size is.
pub const INLINE_IMAGE_HEIGHT: f64 = 1.0;
/// An inline image up to this tall (× the text size) sits on the baseline; a taller one
/// goes below it by the difference, as far as the descenders.
pub const INLINE_IMAGE_ASCENT: f64 = 0.8;
/// Resolution print asks for; below it a figure warns.
pub const PRINT_PPI: f64 = 300.0;
/// Figures are scaled down to at most this share of the text block's height.
pub const FIGURE_MAX_HEIGHT: f64 = 0.6;
/// A figure that, set to the measure, would be taller than this share of the text block
/// is a full-page figure (a plate): it gets a page of its own, as large as the text block
/// allows, instead of being shrunk to `FIGURE_MAX_HEIGHT` of it. At 0.8, Looking-Glass
/// got 13 plates and its PDF grew from 13.9 to 21.3 MB (each plate holds 2.3 times the
/// pixels at 300 ppi); at 1.0, a plate is a figure that cannot be a page's width and fit.
pub const PLATE_HEIGHT: f64 = 1.0;
/// A plate that cannot move on (nothing follows it in its chapter: a frontispiece under
/// its heading) stays below the text before it when at least this share of its size fits.
pub const PLATE_MIN_SCALE: f64 = 0.5;
/// A figure that does not fit at the foot of a page may be set this much smaller (at
/// least) to stay there, before it moves to the next page.
pub const FIGURE_MIN_SCALE: f64 = 0.8;
/// Space between a figure and its caption, in lines.
pub const CAPTION_GAP: f64 = 0.3;
/// Caption type size, × body.
pub const CAPTION_SCALE: f64 = 0.9;
/// Running heads and folios, × body.
pub const FURNITURE_SCALE: f64 = 0.9;
/// The running head's baseline above the text block, in lines.
pub const HEAD_RAISE: f64 = 1.5;
/// A chapter opening's folio below the text block, in lines.
pub const FOOT_FOLIO_DROP: f64 = 2.0;
/// Line spacing of the generated pages' lines (title page, copyright), × their size.
pub const FRONT_LINE_SPACING: f64 = 1.25;
