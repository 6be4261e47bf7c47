//! A chapter's layout list: the elements flow makes of its blocks (lines, spaces, images,
//! table bands, anchors) with the rules for where a page may break between them, and the
//! positions paging uses to name them.
//!
//! Each chapter has its own list. An element is named by its chapter and its index in that
//! list (`ElementRef`), which never changes: page filling sets a paragraph again inside its
//! own `TextBlock`, so no other element moves. Every element carries what it needs (its
//! link goals, its footnotes, where its text comes from), so lists made apart join without
//! renumbering.

use std::collections::VecDeque;
use std::sync::Arc;

use super::table::Band;
use super::text::{Layout, Line, Text};
use crate::doc::TextPosition;
use crate::units::Pt;

/// A place in the book that links, the contents and the outline lead to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Anchor {
    /// The top of chapter `index` (of `Book::chapters`).
    Chapter(usize),
    /// An id from the source: a heading's, an HTML anchor's, a footnote's.
    Id(String),
    /// Where footnote `id` is referenced: the note's number links back here.
    NoteRef(String),
}

/// Where a link leads, before pages are known.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkGoal {
    /// A place in the book.
    Anchor(Anchor),
    /// A web address.
    Uri(String),
    /// Footnote `number` (0-based, of the chapter): the reference that carries the note to
    /// the foot of its page when it is the first.
    Note {
        /// The note's index in `Chapter::notes`.
        number: usize,
        /// The note's anchor.
        anchor: Anchor,
    },
}

impl LinkGoal {
    /// The anchor the link leads to, if it stays in the book.
    pub fn anchor(&self) -> Option<&Anchor> {
        match self {
            LinkGoal::Anchor(anchor) | LinkGoal::Note { anchor, .. } => Some(anchor),
            LinkGoal::Uri(_) => None,
        }
    }
}

/// Where a block begins in the document, and for a paragraph, its text as set and where
/// each of its `Inline::Text` leaves starts in that text (for the EPUB's page-list).
#[derive(Clone, Debug, Default)]
pub struct BlockSource {
    /// The block (`within` is `None`).
    pub position: TextPosition,
    /// Byte offsets in `text` where each text leaf starts, in document order.
    pub leaves: Vec<usize>,
    /// The paragraph's text as set (empty for other blocks).
    pub text: String,
}

impl BlockSource {
    /// The position of byte `offset` of the block's text, moved back to the start of its
    /// word (a line may begin after a hyphen inside a word).
    pub fn position_at(&self, offset: usize) -> TextPosition {
        let mut position = self.position.clone();
        let Some(before) = self.text.get(..offset.min(self.text.len())) else {
            return position;
        };
        let word = before
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        if word == 0 {
            return position;
        }
        if let Some(leaf) = self.leaves.iter().rposition(|&start| start <= word) {
            let into = word - self.leaves[leaf];
            position.within = Some((leaf as u32, into as u32));
        }
        position
    }
}

/// One line of a text block, as paging sees it.
#[derive(Clone, Debug)]
pub struct SetLine {
    /// The set line (runs relative to the start of the measure, baseline at y = 0).
    pub line: Line,
    /// Left edge of the measure, from the text block's left edge.
    pub x: Pt,
    /// Vertical space the line takes.
    pub height: Pt,
    /// Baseline, from the top of that space.
    pub baseline: Pt,
    /// No page break may follow.
    pub keep_with_next: bool,
    /// Footnotes this line is the first to refer to: they go to the foot of its page.
    pub notes: Vec<Footnote>,
}

/// Lines set together (a paragraph, a heading, a code block, a caption) and what they need.
#[derive(Clone, Debug, Default)]
pub struct TextBlock {
    /// The lines, top to bottom.
    pub lines: Vec<SetLine>,
    /// The goals of the lines' links (`Line::links` index this).
    pub links: Arc<Vec<LinkGoal>>,
    /// Where the block's text comes from, for the page-list (none inside footnotes).
    pub source: Option<Arc<BlockSource>>,
    /// A justified paragraph that page filling may set again a line longer or shorter.
    pub refill: Option<Box<Refill>>,
}

/// What page filling needs to set a paragraph again (TeX's `\looseness`).
#[derive(Clone, Debug)]
pub struct Refill {
    /// The text.
    pub text: Text,
    /// How it was set (`looseness` 0).
    pub layout: Layout,
    /// Left edge of its measure.
    pub x: Pt,
    /// Its leading.
    pub leading: Pt,
}

/// A footnote as set for the foot of a page.
#[derive(Clone, Debug, Default)]
pub struct Footnote {
    /// Its rows, top to bottom: lines and the spaces between its paragraphs.
    pub rows: Vec<NoteRow>,
    /// The note's anchor: its reference links here.
    pub anchor: Anchor,
    /// The reference's anchor: the note's number links back here.
    pub ref_anchor: Anchor,
}

impl Default for Anchor {
    fn default() -> Self {
        Anchor::Id(String::new())
    }
}

/// One row of a footnote: a line, or space between its paragraphs.
#[derive(Clone, Debug)]
pub struct NoteRow {
    /// The line, if the row is one.
    pub line: Option<Line>,
    /// Left edge of the line's measure.
    pub x: Pt,
    /// Vertical space the row takes.
    pub height: Pt,
    /// Baseline, from the top of that space.
    pub baseline: Pt,
    /// The goals of the line's links.
    pub links: Arc<Vec<LinkGoal>>,
}

/// A band of a table as an element: its header, or one line of a body row.
#[derive(Clone, Debug)]
pub struct TableBand {
    /// The lines and rules.
    pub band: Band,
    /// The goals of the band's links.
    pub links: Arc<Vec<LinkGoal>>,
    /// No page break may follow.
    pub keep_with_next: bool,
    /// For a body band: the table's header band, repeated at the top of a page the table
    /// continues on.
    pub header: Option<Arc<TableBand>>,
    /// Where the table comes from, for the page-list.
    pub source: Option<Arc<BlockSource>>,
}

impl TableBand {
    /// The elements of a set table: each body band names the header band, which paging
    /// repeats at the top of the pages the table continues on.
    pub fn elements(
        bands: Vec<super::table::SetBand>,
        links: Arc<Vec<LinkGoal>>,
        source: Option<Arc<BlockSource>>,
    ) -> Vec<Element> {
        let mut header: Option<Arc<TableBand>> = None;
        let mut elements = Vec::with_capacity(bands.len());
        for band in bands {
            let element = TableBand {
                band: band.band,
                links: links.clone(),
                keep_with_next: band.keep_with_next,
                header: if band.is_header { None } else { header.clone() },
                source: source.clone(),
            };
            if band.is_header {
                header = Some(Arc::new(element.clone()));
            }
            elements.push(Element::TableBand(Box::new(element)));
        }
        elements
    }
}

/// One element of a chapter's layout list.
#[derive(Clone, Debug)]
pub enum Element {
    /// Lines of text.
    Text(TextBlock),
    /// Vertical space; dropped at the top of a page when discardable.
    Space {
        /// How much.
        height: Pt,
        /// Whether it vanishes at a page top.
        is_discardable: bool,
        /// No page break may follow.
        keep_with_next: bool,
    },
    /// Moves down to the next line of the baseline grid.
    SnapToGrid,
    /// An image.
    Image {
        /// Index into the book's images.
        image: usize,
        /// Left edge, from the text block's left edge.
        x: Pt,
        /// Size.
        width: Pt,
        /// Size.
        height: Pt,
        /// No page break may follow.
        keep_with_next: bool,
        /// A full-page figure (a plate): it gets a page of its own, with no running head
        /// and no folio, sized to the text block (see `design::PLATE_HEIGHT`).
        is_plate: bool,
        /// Where the figure comes from, for the page-list.
        source: Option<Arc<BlockSource>>,
    },
    /// A band of a table.
    TableBand(Box<TableBand>),
    /// A link target at this point.
    Anchor(Anchor),
    /// A scene break set as white space, one line tall: blank inside a page, but where a
    /// page breaks at it its mark (`*  *  *`) opens the next page, so the break is not
    /// lost at a page top or foot.
    SceneSpace {
        /// The mark, set and centred, one line tall.
        mark: Box<SetLine>,
    },
}

impl Element {
    /// The vertical space a non-text element takes (spaces and images).
    pub fn height(&self) -> Pt {
        match self {
            Element::Space { height, .. } | Element::Image { height, .. } => *height,
            Element::TableBand(band) => band.band.height,
            Element::SceneSpace { mark } => mark.height,
            _ => Pt::new(0.0),
        }
    }
}

/// The name of an element: its chapter and its index in the chapter's own list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ElementRef {
    /// Index in `Book::chapters`.
    pub chapter: usize,
    /// Index in the chapter's list.
    pub index: u32,
}

/// A position in a chapter's list, as paging walks it: an element, and inside a text block,
/// a line and then each of the line's footnotes (`note` 0 is the line itself, `k + 1` its
/// note `k`). Positions order as the list reads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Index of the element in its chapter's list.
    pub element: u32,
    /// The line, inside a text block (0 otherwise).
    pub line: u32,
    /// 0: the line; `k + 1`: its footnote `k`.
    pub note: u32,
}

impl Pos {
    /// The first position of element `element`.
    pub fn at(element: u32) -> Pos {
        Pos {
            element,
            line: 0,
            note: 0,
        }
    }

    /// Whether this names a footnote (not a line or another element).
    pub fn is_note(self) -> bool {
        self.note > 0
    }

    /// The line this footnote position belongs to.
    pub fn line_pos(self) -> Pos {
        Pos { note: 0, ..self }
    }
}

/// What is at a position.
#[derive(Clone, Copy, Debug)]
pub enum Item<'a> {
    /// A line of a text block.
    Line(&'a SetLine),
    /// A footnote, right after the line that carries it.
    Note(&'a Footnote),
    /// Any other element.
    Other(&'a Element),
}

impl Item<'_> {
    /// Whether a page break may follow this item. After a line with footnotes, the break
    /// comes after its last note.
    pub fn allows_break_after(&self) -> bool {
        match self {
            Item::Line(line) => !line.keep_with_next && line.notes.is_empty(),
            Item::Note(_) => false,
            Item::Other(element) => match element {
                Element::Space { keep_with_next, .. } | Element::Image { keep_with_next, .. } => {
                    !keep_with_next
                }
                Element::TableBand(band) => !band.keep_with_next,
                Element::SnapToGrid | Element::SceneSpace { .. } => true,
                Element::Text(_) | Element::Anchor(_) => false,
            },
        }
    }

    /// The vertical space the item takes in the text (notes take theirs at the foot).
    pub fn height(&self) -> Pt {
        match self {
            Item::Line(line) => line.height,
            Item::Note(_) => Pt::new(0.0),
            Item::Other(element) => element.height(),
        }
    }
}

/// A chapter's layout list as paging holds it: the elements from `base` on, the ones
/// before dropped once their pages are done. The chapter may still be growing (`is_complete`
/// false) while flow sets its later parts.
#[derive(Debug, Default)]
pub struct ChapterList {
    /// The chapter's index in the book.
    pub chapter: usize,
    /// Index of the first element held.
    base: u32,
    elements: VecDeque<Element>,
    /// Whether every element of the chapter has been added.
    pub is_complete: bool,
}

impl ChapterList {
    /// An empty list for chapter `chapter`.
    pub fn new(chapter: usize) -> ChapterList {
        ChapterList {
            chapter,
            ..ChapterList::default()
        }
    }

    /// A whole chapter's list at once.
    pub fn whole(chapter: usize, elements: Vec<Element>) -> ChapterList {
        ChapterList {
            chapter,
            base: 0,
            elements: elements.into(),
            is_complete: true,
        }
    }

    /// Adds elements at the end.
    pub fn extend(&mut self, elements: impl IntoIterator<Item = Element>) {
        self.elements.extend(elements);
    }

    /// The index one past the last element held.
    pub fn end(&self) -> u32 {
        self.base + self.elements.len() as u32
    }

    /// Element `index`, if held.
    pub fn get(&self, index: u32) -> Option<&Element> {
        index
            .checked_sub(self.base)
            .and_then(|k| self.elements.get(k as usize))
    }

    /// Element `index`, to change it (page filling sets a paragraph again).
    pub fn get_mut(&mut self, index: u32) -> Option<&mut Element> {
        index
            .checked_sub(self.base)
            .and_then(|k| self.elements.get_mut(k as usize))
    }

    /// Takes element `index` out to place it on its page (the list keeps an empty space).
    pub fn take(&mut self, index: u32) -> Option<Element> {
        self.get_mut(index).map(|e| {
            std::mem::replace(
                e,
                Element::Space {
                    height: Pt::new(0.0),
                    is_discardable: true,
                    keep_with_next: false,
                },
            )
        })
    }

    /// Drops the elements before `index`: their pages are done.
    pub fn release_before(&mut self, index: u32) {
        while self.base < index && !self.elements.is_empty() {
            self.elements.pop_front();
            self.base += 1;
        }
    }

    /// What is at `pos`, if it is held and exists.
    pub fn item(&self, pos: Pos) -> Option<Item<'_>> {
        match self.get(pos.element)? {
            Element::Text(block) => {
                let line = block.lines.get(pos.line as usize)?;
                match pos.note {
                    0 => Some(Item::Line(line)),
                    k => line.notes.get(k as usize - 1).map(Item::Note),
                }
            }
            other if pos.line == 0 && pos.note == 0 => Some(Item::Other(other)),
            _ => None,
        }
    }

    /// The position after `pos`, in reading order (the next line, note or element).
    pub fn next(&self, pos: Pos) -> Pos {
        if let Some(Element::Text(block)) = self.get(pos.element)
            && let Some(line) = block.lines.get(pos.line as usize)
        {
            if (pos.note as usize) < line.notes.len() {
                return Pos {
                    note: pos.note + 1,
                    ..pos
                };
            }
            if (pos.line as usize) + 1 < block.lines.len() {
                return Pos {
                    line: pos.line + 1,
                    note: 0,
                    ..pos
                };
            }
        }
        Pos::at(pos.element + 1)
    }

    /// The first position at or after `pos` that names something (skipping empty text
    /// blocks), or the end of the held list.
    pub fn settle(&self, pos: Pos) -> Pos {
        let mut pos = pos;
        while pos.element < self.end() && self.item(pos).is_none() {
            pos = Pos::at(pos.element + 1);
        }
        pos
    }

    /// Whether `pos` is past the last element held.
    pub fn is_past_end(&self, pos: Pos) -> bool {
        pos.element >= self.end()
    }
}
