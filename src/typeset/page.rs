//! `Pages`: the typesetter's output, every glyph, rule, image and link positioned in `Pt` on
//! its page. The PDF writer reads only this (and `doc::Metadata`).
//!
//! Coordinates: origin at the top-left corner of the *media box* (trim size plus bleed on
//! every side), x to the right, y downwards. Text is placed by its baseline.

use std::ops::Range;
use std::sync::Arc;

use crate::units::{Pt, Rgb};

/// A point on a page, from the top-left corner of the media box.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    /// Distance from the left edge.
    pub x: Pt,
    /// Distance from the top edge.
    pub y: Pt,
}

/// A rectangle on a page.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Top-left corner.
    pub origin: Point,
    /// Width.
    pub width: Pt,
    /// Height.
    pub height: Pt,
}

/// The whole typeset book.
#[derive(Clone, Debug, Default)]
pub struct Pages {
    /// Trim size: the page as the reader holds it.
    pub trim_width: Pt,
    /// See `trim_width`.
    pub trim_height: Pt,
    /// Bleed on each side of the trim box (0 when none): media box = trim + 2 × bleed.
    pub bleed: Pt,
    /// The fonts used, referenced by `TextRun::font`.
    pub fonts: Vec<FontData>,
    /// The images used, referenced by `Placed::Image::image`.
    pub images: Vec<ImageData>,
    /// The pages in order.
    pub pages: Vec<Page>,
    /// The document outline (bookmarks): chapters, with their sections nested.
    pub outline: Vec<OutlineEntry>,
    /// Where each page of the chapters begins in the text (not the generated front
    /// matter), for the EPUB's page-list.
    pub page_starts: Vec<crate::doc::PageStart>,
}

/// A page's name: its place in the order the typesetter makes pages (the chapters as they
/// are set, the generated front matter last). `Finish::order` gives the reading order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageId(pub usize);

/// Takes each page as soon as it is final (the PDF writer compresses it and lets it go).
pub trait PageSink {
    /// Takes page `id`.
    fn page(&mut self, id: PageId, page: Page) -> Result<(), crate::error::Error>;
}

/// What a writer needs before the first page: the sheet and the resources pages refer to.
#[derive(Clone, Debug, Default)]
pub struct Head {
    /// Trim size: the page as the reader holds it.
    pub trim_width: Pt,
    /// See `trim_width`.
    pub trim_height: Pt,
    /// Bleed on each side of the trim box.
    pub bleed: Pt,
    /// The fonts used, referenced by `TextRun::font`.
    pub fonts: Vec<FontData>,
    /// The images used, referenced by `Placed::Image::image`.
    pub images: Vec<ImageData>,
}

/// What a writer learns once every page is made.
#[derive(Clone, Debug, Default)]
pub struct Finish {
    /// The pages in reading order.
    pub order: Vec<PageId>,
    /// Clickable areas, by page; `LinkTarget::Page::page` is a `PageId`'s number.
    pub links: Vec<(PageId, Link)>,
    /// The document outline; `OutlineEntry::page` is a `PageId`'s number.
    pub outline: Vec<OutlineEntry>,
}

/// Pages collected whole, in reading order (for tests, the cover, and checks that need
/// every page at once).
#[derive(Debug, Default)]
pub struct Collector {
    pages: std::collections::BTreeMap<PageId, Page>,
}

impl PageSink for Collector {
    fn page(&mut self, id: PageId, page: Page) -> Result<(), crate::error::Error> {
        self.pages.insert(id, page);
        Ok(())
    }
}

impl Collector {
    /// The pages in reading order, with their links; targets and the outline name pages by
    /// their index in that order.
    pub fn into_pages(
        mut self,
        head: Head,
        finish: Finish,
        page_starts: Vec<crate::doc::PageStart>,
    ) -> Pages {
        let index: std::collections::BTreeMap<PageId, usize> = finish
            .order
            .iter()
            .enumerate()
            .map(|(k, &id)| (id, k))
            .collect();
        let renumber = |page: usize| index.get(&PageId(page)).copied().unwrap_or(page);
        let mut pages: Vec<Page> = finish
            .order
            .iter()
            .map(|id| self.pages.remove(id).unwrap_or_default())
            .collect();
        for (id, mut link) in finish.links {
            if let LinkTarget::Page { page, .. } = &mut link.target {
                *page = renumber(*page);
            }
            if let Some(&k) = index.get(&id) {
                pages[k].links.push(link);
            }
        }
        fn outline(
            entries: Vec<OutlineEntry>,
            renumber: &dyn Fn(usize) -> usize,
        ) -> Vec<OutlineEntry> {
            entries
                .into_iter()
                .map(|e| OutlineEntry {
                    page: renumber(e.page),
                    children: outline(e.children, renumber),
                    ..e
                })
                .collect()
        }
        Pages {
            trim_width: head.trim_width,
            trim_height: head.trim_height,
            bleed: head.bleed,
            fonts: head.fonts,
            images: head.images,
            pages,
            outline: outline(finish.outline, &renumber),
            page_starts,
        }
    }
}

/// A font file used by the book.
#[derive(Clone, Debug)]
pub struct FontData {
    /// The whole font file (TrueType or OpenType).
    pub bytes: Arc<[u8]>,
    /// Index of the face inside a collection (0 for a single font file).
    pub index: u32,
    /// Whether to embed the whole font instead of a subset (some printers ask for it).
    pub embed_whole: bool,
}

/// An image used by the book.
#[derive(Clone, Debug)]
pub struct ImageData {
    /// The file's bytes (JPEG passed through as it is; PNG, GIF, WebP decoded by the writer).
    pub bytes: Arc<[u8]>,
    /// Alternative text.
    pub alt: String,
}

/// One page.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// What is drawn, in painting order.
    pub items: Vec<Placed>,
    /// Clickable areas.
    pub links: Vec<Link>,
    /// The page's label as the reader sees it (`iv`, `17`), for `/PageLabels`.
    pub label: PageLabel,
}

/// How a page is numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageLabel {
    /// Front matter: lower-case roman numerals (`i`, `ii`…), the number given.
    Roman(u32),
    /// Body: arabic numerals, the number given.
    Arabic(u32),
}

impl std::fmt::Display for PageLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageLabel::Arabic(n) => write!(f, "{n}"),
            PageLabel::Roman(n) => f.write_str(&roman(*n)),
        }
    }
}

/// `n` in lower-case roman numerals (`xiv`); 0 as `0`.
pub fn roman(n: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    if n == 0 {
        return "0".into();
    }
    let mut n = n;
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

impl Default for PageLabel {
    fn default() -> Self {
        PageLabel::Arabic(1)
    }
}

/// Something drawn on a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Placed {
    /// A run of shaped glyphs in one font and size.
    Text(TextRun),
    /// A straight line (rules, underlines).
    Line {
        /// Start.
        from: Point,
        /// End.
        to: Point,
        /// Stroke width.
        thickness: Pt,
    },
    /// An image scaled into a rectangle.
    Image {
        /// Index into `Pages::images`.
        image: usize,
        /// Where it goes.
        rect: Rect,
    },
    /// A run turned a quarter clockwise about its origin, to read top to bottom as on a
    /// book's spine: glyph x offsets run down the page, and the glyphs' tops face right.
    TurnedText(TextRun),
    /// An image scaled into `rect` and cut to `clip` (a cover picture cropped to its panel).
    ClippedImage {
        /// Index into `Pages::images`.
        image: usize,
        /// Where the whole image would go.
        rect: Rect,
        /// The part of the page it may paint.
        clip: Rect,
    },
}

/// Shaped glyphs on one baseline, in one font and size.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    /// Index into `Pages::fonts`.
    pub font: usize,
    /// Font size.
    pub size: Pt,
    /// Horizontal scale of the glyph shapes: 1 normally; within ±2% in justified lines
    /// (font expansion, as pdfTeX's microtype does) so word spaces stay even.
    pub h_scale: f64,
    /// Where the first glyph's origin sits on the baseline.
    pub origin: Point,
    /// The glyphs, left to right.
    pub glyphs: Vec<Glyph>,
    /// The text the glyphs show (for copy and search: the writer's ToUnicode map and
    /// `ActualText`); each glyph names its slice.
    pub text: String,
    /// The colour the glyphs are painted in (sRGB): black, but for highlighted code. The
    /// PDF writer keeps it RGB under the output intent (PDF/X-4, PDF/A-2b) or converts it
    /// to CMYK (PDF/X-1a).
    pub fill: Rgb,
}

/// One glyph of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    /// The glyph id in the font.
    pub id: u16,
    /// Horizontal position of the glyph origin, from the run's origin.
    pub x: Pt,
    /// Vertical offset from the baseline (positive is up), for marks and super/subscripts.
    pub y_offset: Pt,
    /// The bytes of `TextRun::text` this glyph shows (a ligature covers several characters;
    /// the later glyphs of a cluster have an empty range).
    pub text: Range<u32>,
}

/// A clickable area.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The area.
    pub rect: Rect,
    /// Where it leads.
    pub target: LinkTarget,
}

/// Where a link leads.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkTarget {
    /// A place in the book: page index and the y of the top of the target.
    Page {
        /// Index into `Pages::pages`.
        page: usize,
        /// Distance from the top of the media box.
        y: Pt,
    },
    /// A web address.
    Uri(String),
}

/// One bookmark of the outline.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineEntry {
    /// The title shown.
    pub title: String,
    /// Index into `Pages::pages`.
    pub page: usize,
    /// Distance of the target from the top of the media box.
    pub y: Pt,
    /// Nested entries.
    pub children: Vec<OutlineEntry>,
}

impl Pages {
    /// A text dump for golden tests: each page's label, then each run's baseline y (pt, one
    /// decimal), x, and text, in painting order. Lines of one baseline are joined.
    pub fn dump(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for (n, page) in self.pages.iter().enumerate() {
            let label = match page.label {
                PageLabel::Roman(k) => format!("roman {k}"),
                PageLabel::Arabic(k) => format!("{k}"),
            };
            let _ = writeln!(out, "== page {} ({label})", n + 1);
            let mut lines: Vec<(i64, f64, String)> = Vec::new();
            for item in &page.items {
                match item {
                    Placed::Text(run) => {
                        let y = (run.origin.y.get() * 10.0).round() as i64;
                        match lines.last_mut() {
                            Some((ly, _, text)) if *ly == y => text.push_str(&run.text),
                            _ => lines.push((y, run.origin.x.get(), run.text.clone())),
                        }
                    }
                    Placed::TurnedText(run) => lines.push((
                        (run.origin.y.get() * 10.0).round() as i64,
                        run.origin.x.get(),
                        format!("[turned] {}", run.text),
                    )),
                    Placed::Image { rect, .. } | Placed::ClippedImage { rect, .. } => lines.push((
                        (rect.origin.y.get() * 10.0).round() as i64,
                        rect.origin.x.get(),
                        format!("[image {:.0}×{:.0}]", rect.width.get(), rect.height.get()),
                    )),
                    Placed::Line { .. } => {}
                }
            }
            for (y, x, text) in lines {
                let _ = writeln!(out, "{:>6.1} {:>5.1} {text}", y as f64 / 10.0, x);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_print_as_roman_or_arabic_numerals() {
        let got: Vec<String> = [1, 4, 9, 14, 40, 90, 400, 1994].map(roman).to_vec();
        assert_eq!(
            got,
            ["i", "iv", "ix", "xiv", "xl", "xc", "cd", "mcmxciv"].map(String::from)
        );
        assert_eq!(PageLabel::Roman(12).to_string(), "xii");
        assert_eq!(PageLabel::Arabic(7).to_string(), "7");
    }
}
