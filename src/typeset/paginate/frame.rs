//! A page's share of a chapter's list (`Frame`), and where paging goes on after it
//! (`Resume`).

use std::ops::Range;
use std::sync::Arc;

use super::super::list::{Pos, TableBand};
use crate::units::Pt;

/// Where a page of a chapter begins: the first position not yet placed, the footnotes
/// continued from the page before, and a figure moved from the page before to the top of
/// this one. Paging a chapter from the same `Resume` gives the same page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resume {
    /// The first position to place.
    pub at: Pos,
    /// Footnotes the page before could not finish: (the note's position, first row left).
    pub carry: Vec<(Pos, usize)>,
    /// A figure (its image and what is kept with it: the caption) moved to the top of this
    /// page while the text after it filled the page before.
    pub deferred: Option<Range<Pos>>,
}

impl Resume {
    /// The earliest element the page may still read (carried notes and a moved figure come
    /// before `at`).
    pub fn first_element(&self) -> u32 {
        self.carry
            .iter()
            .map(|(pos, _)| pos.element)
            .chain(self.deferred.as_ref().map(|f| f.start.element))
            .fold(self.at.element, u32::min)
    }
}

/// One page's share of a chapter.
#[derive(Clone, Debug, Default)]
pub struct Frame {
    /// What is on the page (lines, spaces, images, table bands, anchors) and the y of each
    /// one's top in the text block.
    pub placed: Vec<(Pos, Pt)>,
    /// Whether the chapter opens on this page (no running head).
    pub is_opening: bool,
    /// Whether the page holds a plate alone (no running head, no folio).
    pub is_plate: bool,
    /// Footnotes at the foot: the note's position and the range of its rows on this page.
    pub foot: Vec<(Pos, Range<usize>)>,
    /// Height the foot takes at the bottom of the text block (with the gap above it).
    pub foot_height: Pt,
    /// A table header band repeated at the top of the page (and its y), when a table
    /// continues here.
    pub header: Option<(Arc<TableBand>, Pt)>,
    /// Figures set smaller to stay on this page (see `design::FIGURE_MIN_SCALE`): the
    /// image's position and its scale.
    pub scaled: Vec<(Pos, f64)>,
    /// Scene breaks set as space that open this page: their marks are drawn.
    pub scene_marks: Vec<Pos>,
    /// Where the next page goes on.
    pub next: Resume,
}

impl Frame {
    /// The scale of the image at `pos` on this page (1 unless it was set smaller).
    pub fn scale_of(&self, pos: Pos) -> f64 {
        self.scaled
            .iter()
            .find(|(p, _)| *p == pos)
            .map_or(1.0, |(_, s)| *s)
    }
}
