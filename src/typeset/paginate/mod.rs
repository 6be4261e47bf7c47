//! A chapter's layout list → its pages, in order, as soon as each is final: each page laid
//! out from where the one before ended (`page`), filled when it would run short (`fill`),
//! and the two pages of a spread balanced to end on the same line (`balance`).
//!
//! Paging only ever looks forward: a page depends on where the page before ended, never on
//! the pages after, so a chapter is paged once, and its list can be set in parts while it
//! is paged (`NeedMore` asks for the next part).

mod balance;
mod bottom;
mod fill;
mod frame;
mod page;
#[cfg(test)]
mod tests;

use std::collections::VecDeque;

pub use balance::Laid;
pub use frame::{Frame, Resume};
pub use page::{NeedMore, lay_out};

use super::design::Measures;
use super::list::{ChapterList, Element, Item, Pos};
use super::text::Setter;

/// Pages one chapter.
pub struct ChapterPager {
    /// The chapter's list (growing while flow sets its later parts).
    pub list: ChapterList,
    /// Whether the chapter's first page is a right-hand page.
    first_is_recto: bool,
    /// Where the next page to lay out begins.
    next: Resume,
    /// Pages laid out so far.
    made: usize,
    /// Pages laid out but not final (a verso waits for its recto).
    pending: VecDeque<Laid>,
    /// Whether the chapter has no more pages to lay out.
    is_done: bool,
}

impl ChapterPager {
    /// A pager for `list`, whose first page is a right-hand page if `first_is_recto`.
    pub fn new(list: ChapterList, first_is_recto: bool) -> ChapterPager {
        ChapterPager {
            list,
            first_is_recto,
            next: Resume::default(),
            made: 0,
            pending: VecDeque::new(),
            is_done: false,
        }
    }

    /// Whether every page of the chapter has been handed out.
    pub fn is_finished(&self) -> bool {
        self.is_done && self.pending.is_empty()
    }

    /// Pages as far as the list allows; returns the pages that became final, in order
    /// (`Err(NeedMore)` with none when the next decision needs more of the list).
    pub fn advance(&mut self, setter: &mut Setter, m: &Measures) -> Result<Vec<Frame>, NeedMore> {
        let mut finals = Vec::new();
        loop {
            match self.step(setter, m) {
                Ok(Some(frames)) => finals.extend(frames),
                Ok(None) => return Ok(finals),
                Err(more) if finals.is_empty() => return Err(more),
                Err(_) => return Ok(finals),
            }
        }
    }

    /// The earliest element pages still to come may read: the ones before it can go.
    pub fn first_needed(&self) -> u32 {
        self.pending
            .iter()
            .map(|p| p.from.first_element())
            .chain([self.next.first_element()])
            .min()
            .unwrap_or(0)
    }

    /// Makes the next page or spread final; `None` when the chapter is done.
    fn step(&mut self, setter: &mut Setter, m: &Measures) -> Result<Option<Vec<Frame>>, NeedMore> {
        if self.pending.is_empty() && !self.lay_out_next(setter, m)? {
            return Ok(None);
        }
        let is_verso = !self.is_recto(self.made - self.pending.len());
        if is_verso && self.pending.len() < 2 {
            self.lay_out_next(setter, m)?;
        }
        if is_verso && self.pending.len() == 2 {
            // Balanced on copies of the pages (a paragraph balancing sets again stays in the
            // list only when it is taken): a spread that needs more of the list stays as it was.
            let (mut verso, mut recto) = (self.pending[0].clone(), self.pending[1].clone());
            balance::balance(&mut self.list, setter, m, &mut verso, &mut recto)?;
            bottom::settle_bottom(&mut verso.frame, &self.list, m);
            if has_more(&self.list, &recto.frame.next)? {
                bottom::settle_bottom(&mut recto.frame, &self.list, m);
            } else {
                self.absorb_trailing_anchors(&mut recto)?;
            }
            self.next = recto.frame.next.clone();
            self.pending.clear();
            return Ok(Some(vec![verso.frame, recto.frame]));
        }
        let mut page = self.pending[0].clone();
        if has_more(&self.list, &page.frame.next)? {
            bottom::settle_bottom(&mut page.frame, &self.list, m);
        } else {
            self.absorb_trailing_anchors(&mut page)?;
        }
        self.pending.clear();
        Ok(Some(vec![page.frame]))
    }

    /// Lays out and fills the next page; false when the chapter has none left.
    fn lay_out_next(&mut self, setter: &mut Setter, m: &Measures) -> Result<bool, NeedMore> {
        if self.is_done {
            return Ok(false);
        }
        let from = self.next.clone();
        let is_opening = self.made == 0;
        let Some(frame) = lay_out(&self.list, &from, m.grid_height(), m.leading, is_opening)?
        else {
            self.is_done = true;
            return Ok(false);
        };
        let frame = fill::fill(&mut self.list, setter, m, &from, frame)?;
        self.next = frame.next.clone();
        self.made += 1;
        self.pending.push_back(Laid { frame, from });
        Ok(true)
    }

    /// Anchors left after the chapter's last page (nothing else follows them) belong to
    /// that page.
    fn absorb_trailing_anchors(&mut self, last: &mut Laid) -> Result<(), NeedMore> {
        let from = last.frame.next.clone();
        let m_height = crate::units::Pt::new(f64::MAX / 4.0);
        if let Some(rest) = lay_out(
            &self.list,
            &from,
            m_height,
            crate::units::Pt::new(1.0),
            false,
        )? {
            last.frame.placed.extend(rest.placed);
            last.frame.next = rest.next;
        }
        self.is_done = true;
        Ok(())
    }

    /// Whether page `k` of the chapter is a right-hand page.
    fn is_recto(&self, k: usize) -> bool {
        self.first_is_recto == k.is_multiple_of(2)
    }
}

/// Whether the chapter has anything for another page after `resume`: footnotes or a figure
/// carried over, or an element that a page would show (not only anchors and spaces).
pub fn has_more(list: &ChapterList, resume: &Resume) -> Result<bool, NeedMore> {
    if !resume.carry.is_empty() || resume.deferred.is_some() {
        return Ok(true);
    }
    Ok(first_shown(list, resume.at)?.is_some())
}

/// The first position from `p` on that a page would show (not an anchor, a snap to the
/// grid or a space that vanishes at a page top); `None` when the chapter ends first.
fn first_shown(list: &ChapterList, mut p: Pos) -> Result<Option<Pos>, NeedMore> {
    loop {
        if list.is_past_end(p) {
            return if list.is_complete {
                Ok(None)
            } else {
                Err(NeedMore)
            };
        }
        match list.item(p) {
            None
            | Some(Item::Other(
                Element::Anchor(_)
                | Element::SnapToGrid
                | Element::Space {
                    is_discardable: true,
                    ..
                },
            )) => p = list.next(p),
            Some(_) => return Ok(Some(p)),
        }
    }
}

/// Whole lines of the text block left empty at the foot of a page.
pub fn room_left(frame: &Frame, list: &ChapterList, m: &Measures) -> usize {
    let last = frame
        .placed
        .iter()
        .rev()
        .find_map(|&(k, y)| match list.item(k)? {
            Item::Line(line) => Some(y + line.baseline),
            Item::Other(Element::Image { height, .. }) => Some(y + *height * frame.scale_of(k)),
            Item::Other(Element::TableBand(band)) => Some(y + band.band.height),
            _ => None,
        });
    match last {
        Some(bottom) => ((m.grid_height() - frame.foot_height - bottom).get() / m.leading.get()
            + 1e-6)
            .floor()
            .max(0.0) as usize,
        None => 0,
    }
}
