//! One page from where the page before ended: footnotes continued and a figure moved from
//! the page before go first, then the chapter's list fills the text block, breaking only
//! where it allows (no widows, no orphans, headings kept with their text) and keeping body
//! lines on the baseline grid; a figure that does not fit moves to the next page while the
//! text after it fills this one.

use std::ops::Range;

use super::super::design;
use super::super::list::{ChapterList, Element, Footnote, Item, Pos, SetLine, TableBand};
use super::frame::{Frame, Resume};
use crate::units::Pt;

/// The list ran out before the page could be decided: the chapter's later parts are still
/// being set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NeedMore;

/// Lays out the page that begins at `from` in a text block `height` tall with the baseline
/// grid `leading`. `None` when the chapter has nothing left.
pub fn lay_out(
    list: &ChapterList,
    from: &Resume,
    height: Pt,
    leading: Pt,
    is_opening: bool,
) -> Result<Option<Frame>, NeedMore> {
    let at = list.settle(from.at);
    let mut page = PageMaker {
        list,
        height,
        leading,
        gap: leading * design::FOOT_GAP,
        frame: Frame {
            is_opening,
            ..Frame::default()
        },
        y: Pt::new(0.0),
        text_bottom: Pt::new(0.0),
        start: at,
    };
    if let Some(next) = page.plate(from)? {
        page.frame.is_plate = true;
        page.frame.next = next;
        return Ok(Some(page.frame));
    }
    if list.is_past_end(at) {
        if !list.is_complete {
            return Err(NeedMore);
        }
        if from.carry.is_empty() && from.deferred.is_none() {
            return Ok(None);
        }
        return Ok(Some(tail(list, from, at, height, leading)));
    }
    let left_over = page.top(from);
    page.fill(at, left_over, from.deferred.is_some()).map(Some)
}

/// A page at the chapter's end for footnotes continued from the page before, and a figure
/// moved on from it.
fn tail(list: &ChapterList, from: &Resume, at: Pos, height: Pt, leading: Pt) -> Frame {
    let mut page = PageMaker {
        list,
        height,
        leading,
        gap: leading * design::FOOT_GAP,
        frame: Frame::default(),
        y: Pt::new(0.0),
        text_bottom: Pt::new(0.0),
        start: at,
    };
    let carry = page.top(from);
    let mut frame = page.frame;
    frame.next = Resume {
        at,
        carry,
        deferred: None,
    };
    frame
}

/// What became of a figure on the page being laid out.
enum Figure {
    /// It is on the page (maybe set smaller).
    Placed,
    /// It moves to the top of the next page; the figure runs to this position.
    Moved(Pos),
    /// It can neither stay nor move: the page ends before it.
    EndsPage,
}

/// The state of one page being laid out.
struct PageMaker<'a> {
    list: &'a ChapterList,
    height: Pt,
    leading: Pt,
    /// The space above the footnotes.
    gap: Pt,
    frame: Frame,
    /// Where the next element goes.
    y: Pt,
    /// The bottom of the text so far (footnotes go below it).
    text_bottom: Pt,
    /// The first position of the chapter's list this page takes.
    start: Pos,
}

impl PageMaker<'_> {
    /// Footnotes continued from the page before, then a figure moved from it, at the top.
    /// Returns the notes that still do not fit.
    /// A moved figure's caption may refer to footnotes: they start at this page's foot,
    /// after the notes continued from the page before.
    fn top(&mut self, from: &Resume) -> Vec<(Pos, usize)> {
        let figure_height = from
            .deferred
            .clone()
            .map_or(Pt::new(0.0), |f| self.range_height(f));
        let mut carry = from.carry.clone();
        if let Some(figure) = from.deferred.clone() {
            carry.extend(self.notes_in(figure));
        }
        let left = self.continue_notes(&carry, self.height - figure_height);
        if let Some(figure) = from.deferred.clone() {
            self.place_figure(figure, Pt::new(0.0));
        }
        left
    }

    /// Makes this page a plate's own (see `Element::Image::is_plate`) when a plate moved
    /// from the page before, or one that opens the page, is next: the plate and its caption
    /// centred in the text block, with the anchors before it. Footnotes continued from the
    /// page before wait for the next page. Returns where the next page goes on; `None`
    /// when the page is not a plate's.
    fn plate(&mut self, from: &Resume) -> Result<Option<Resume>, NeedMore> {
        let list = self.list;
        let mut anchors = Vec::new();
        let (figure, resume) = match &from.deferred {
            Some(figure) if is_plate(list, figure.start) => (figure.clone(), from.at),
            Some(_) => return Ok(None),
            None => {
                let Some(j) = super::first_shown(list, self.start)?.filter(|&j| is_plate(list, j))
                else {
                    return Ok(None);
                };
                let mut p = self.start;
                while p < j {
                    if let Some(Item::Other(Element::Anchor(_))) = list.item(p) {
                        anchors.push(p);
                    }
                    p = list.next(p);
                }
                let end = self.figure_end(j)?;
                (j..end, self.past_figure_spacing(end))
            }
        };
        let top = ((self.height - self.range_height(figure.clone())) * 0.5).max(Pt::new(0.0));
        self.frame
            .placed
            .extend(anchors.into_iter().map(|a| (a, top)));
        // Footnotes referred to in the caption go to the next page's foot.
        let mut carry = from.carry.clone();
        carry.extend(self.notes_in(figure.clone()));
        self.place_figure(figure, top);
        Ok(Some(Resume {
            at: resume,
            carry,
            deferred: None,
        }))
    }

    /// Fills the page from `at`, then closes it.
    fn fill(
        mut self,
        at: Pos,
        mut left_over: Vec<(Pos, usize)>,
        opens_with_figure: bool,
    ) -> Result<Frame, NeedMore> {
        let list = self.list;
        let mut last_break: Option<(Pos, usize)> = None;
        let mut deferred: Option<Range<Pos>> = None;
        // The discardable space just placed (only anchors or a snap to the grid after it).
        let mut space_before: Option<Pt> = None;
        // Whether the text snapped to the grid after that space: the rise counts as space,
        // and a space merged with it snaps again, or the block after it would sit off the
        // grid.
        let mut snapped_after_space = false;
        let mut j = at;
        let mut next: Option<Pos> = None;
        while next.is_none() {
            if list.is_past_end(j) {
                if !list.is_complete {
                    return Err(NeedMore);
                }
                break;
            }
            let Some(item) = list.item(j) else {
                j = list.next(j);
                continue;
            };
            match item {
                Item::Other(Element::Anchor(_)) => {
                    self.frame.placed.push((j, self.y));
                    j = list.next(j);
                    continue;
                }
                Item::Other(Element::SnapToGrid) => {
                    let snapped = self.snap(self.y);
                    space_before = space_before.map(|before| before + (snapped - self.y));
                    self.y = snapped;
                    snapped_after_space = space_before.is_some();
                    j = list.next(j);
                    continue;
                }
                Item::Note(note) => self.place_note(j, note, &mut left_over),
                Item::Other(Element::Space {
                    height: h,
                    is_discardable,
                    keep_with_next,
                }) => {
                    if *is_discardable && !self.has_content() {
                        j = list.next(j);
                        continue;
                    }
                    let merges = *is_discardable && !keep_with_next;
                    let merged = space_before.filter(|_| merges);
                    if !self.place_space(j, *h, merged) {
                        // Space at the foot of a page vanishes; the page ends here, or
                        // before the line kept with what follows the space.
                        next = Some(if *keep_with_next && self.ends_with_kept_line() {
                            self.back_to(last_break, j)
                        } else {
                            list.next(j)
                        });
                        break;
                    }
                    if merged.is_some() && snapped_after_space {
                        self.y = self.snap(self.y);
                    }
                    snapped_after_space = false;
                }
                Item::Line(line) => {
                    if !self.place_line(j, line, !left_over.is_empty()) {
                        // The page is full here: it breaks at the last break before.
                        next = Some(self.back_to(last_break, j));
                        break;
                    }
                }
                Item::Other(Element::TableBand(band)) => {
                    if !self.place_band(j, band) {
                        // A row taller than the page splits between its lines.
                        next = Some(self.back_to(last_break, j));
                        break;
                    }
                }
                Item::Other(Element::Image { .. }) => {
                    match self.place_image(j, deferred.is_none())? {
                        Figure::Placed => {}
                        Figure::Moved(end) => {
                            // The figure takes its spacing with it: the text before and
                            // after it meets as if it were not there.
                            deferred = Some(j..end);
                            space_before = None;
                            j = self.past_figure_spacing(end);
                            continue;
                        }
                        Figure::EndsPage => {
                            next = Some(self.end_before_figure(last_break, j));
                            break;
                        }
                    }
                }
                Item::Other(Element::SceneSpace { mark }) => {
                    if !self.place_scene_space(j, mark) {
                        // Its mark opens the next page.
                        next = Some(j);
                        break;
                    }
                }
                Item::Other(Element::Text(_)) => {}
            }
            if self.breakable(j, item) {
                last_break = Some((j, self.frame.placed.len()));
            }
            space_before = space_after(space_before, item);
            j = list.next(j);
        }
        let next = next.unwrap_or(j);
        Ok(self.close(next, left_over, deferred, opens_with_figure))
    }

    /// Whether the last thing placed is a line that no page break may follow.
    fn ends_with_kept_line(&self) -> bool {
        let last = (self.frame.placed.iter().rev())
            .filter_map(|&(k, _)| self.list.item(k))
            .find(|item| !matches!(item, Item::Other(Element::Anchor(_))));
        matches!(last, Some(Item::Line(line)) if line.keep_with_next)
    }

    /// Puts the line at `j` on the page with the first rows of its footnotes; false when
    /// they do not fit below what the page has, or when notes are still waiting
    /// (`notes_wait`) and the line has notes of its own.
    fn place_line(&mut self, j: Pos, line: &SetLine, notes_wait: bool) -> bool {
        let need = self.notes_from(j, 0);
        let full = notes_wait && need > Pt::new(0.0);
        if (full
            || !self
                .height
                .fits(self.y + line.baseline + self.frame.foot_height + need))
            && self.has_content()
        {
            return false;
        }
        self.frame.placed.push((j, self.y));
        self.y += line.height;
        self.text_bottom = self.y - line.height + line.baseline;
        true
    }

    /// Places the image at `j` with its caption: set smaller (down to
    /// `design::FIGURE_MIN_SCALE`) when that keeps them on this page; else the figure moves
    /// to the top of the next page while the text after it fills this one (`may_move`: no
    /// other figure is waiting), unless the chapter ends there. A plate (`is_plate`) below
    /// text always moves on to a page of its own, except at its chapter's end, where it
    /// stays, smaller, if `design::PLATE_MIN_SCALE` of it fits.
    fn place_image(&mut self, j: Pos, may_move: bool) -> Result<Figure, NeedMore> {
        let list = self.list;
        let Some(Item::Other(&Element::Image {
            height, is_plate, ..
        })) = list.item(j)
        else {
            return Ok(Figure::Placed);
        };
        let end = self.figure_end(j)?;
        let rest = self.range_height(j..end) - height;
        let room = self.height - self.y - self.frame.foot_height - rest;
        let scale = (room / height).min(1.0);
        if (is_plate || scale < design::FIGURE_MIN_SCALE) && self.has_content() {
            let more = if is_plate {
                super::has_more(
                    list,
                    &Resume {
                        at: end,
                        ..Resume::default()
                    },
                )?
            } else {
                !list.is_past_end(end)
            };
            if !more && !list.is_complete {
                return Err(NeedMore);
            }
            if may_move && more {
                self.drop_trailing_spaces();
                return Ok(Figure::Moved(end));
            }
            if !(is_plate && !more && scale >= design::PLATE_MIN_SCALE) {
                return Ok(Figure::EndsPage);
            }
        }
        let scale = if self.has_content() { scale } else { 1.0 };
        if scale < 1.0 {
            self.frame.scaled.push((j, scale));
        }
        self.frame.placed.push((j, self.y));
        self.y += height * scale;
        self.text_bottom = self.y;
        Ok(Figure::Placed)
    }

    /// Puts the scene break at `j` on the page: blank inside the page, its mark at the top;
    /// false when it does not fit (the next page opens with it).
    fn place_scene_space(&mut self, j: Pos, mark: &SetLine) -> bool {
        if self.has_content() {
            if !self
                .height
                .fits(self.y + mark.height + self.frame.foot_height)
            {
                return false;
            }
        } else {
            self.frame.scene_marks.push(j);
            self.text_bottom = self.y + mark.baseline;
        }
        self.frame.placed.push((j, self.y));
        self.y += mark.height;
        true
    }

    /// Where the page ends when a figure at `j` can neither stay nor move: after the last
    /// break before it that leaves the page some text, else at the figure.
    fn end_before_figure(&mut self, last_break: Option<(Pos, usize)>, j: Pos) -> Pos {
        match last_break {
            Some((k, count)) if self.list.next(k) > self.start => {
                self.frame.placed.truncate(count);
                self.list.next(k)
            }
            _ => j,
        }
    }

    /// Ends the page: anchors left at its end go to the next page, notes whose reference
    /// went on go with it, and a moved figure stays moved only if the page kept the text
    /// before it.
    fn close(
        mut self,
        next: Pos,
        mut left_over: Vec<(Pos, usize)>,
        mut deferred: Option<Range<Pos>>,
        opens_with_figure: bool,
    ) -> Frame {
        let list = self.list;
        let mut next = next;
        // At the chapter's end they stay: nothing follows them.
        let is_end = list.is_complete && list.is_past_end(next) && left_over.is_empty();
        while let Some(&(k, _)) = self.frame.placed.last().filter(|_| !is_end) {
            if matches!(list.item(k), Some(Item::Other(Element::Anchor(_)))) && list.next(k) >= next
            {
                self.frame.placed.pop();
                next = next.min(k);
            } else {
                break;
            }
        }
        // A scene break left blank at the foot would vanish: it opens the next page instead.
        if let Some(&(k, _)) = self.frame.placed.last().filter(|_| !is_end)
            && matches!(list.item(k), Some(Item::Other(Element::SceneSpace { .. })))
            && !self.frame.scene_marks.contains(&k)
        {
            self.frame.placed.pop();
            next = next.min(k);
        }
        if next <= self.start && !opens_with_figure {
            next = list.next(self.start); // always make progress (a page that took a figure made some)
        }
        let start = self.start;
        let kept = |e: Pos| e < start || e < next;
        self.frame.foot.retain(|(e, _)| kept(*e));
        left_over.retain(|(e, _)| kept(*e));
        self.frame.foot_height = self.foot_height();
        if deferred.as_ref().is_some_and(|f| f.start >= next) {
            deferred = None;
        }
        self.frame.next = Resume {
            at: next,
            carry: left_over,
            deferred,
        };
        self.frame
    }

    /// The page breaks after the last break found (dropping what followed it), or before
    /// `j` when nothing on the page allows a break.
    fn back_to(&mut self, last_break: Option<(Pos, usize)>, j: Pos) -> Pos {
        match last_break {
            Some((k, count)) => {
                self.frame.placed.truncate(count);
                self.list.next(k)
            }
            None => j,
        }
    }

    /// Whether a page may break after the item at `pos`: after a line with footnotes, only
    /// once its last note is placed.
    fn breakable(&self, pos: Pos, item: Item<'_>) -> bool {
        match item {
            Item::Note(_) => match self.list.item(pos.line_pos()) {
                Some(Item::Line(line)) => {
                    pos.note as usize == line.notes.len() && !line.keep_with_next
                }
                _ => false,
            },
            other => other.allows_break_after(),
        }
    }

    fn snap(&self, y: Pt) -> Pt {
        let lines = (y / self.leading - 1e-6).ceil().max(0.0);
        self.leading * lines
    }

    /// The foot height needed for the footnotes of the line at `line` from its note `from`
    /// on: their first rows, and the gap above the foot when the page has no notes yet.
    fn notes_from(&self, line: Pos, from: usize) -> Pt {
        let Some(Item::Line(set)) = self.list.item(line.line_pos()) else {
            return Pt::new(0.0);
        };
        let mut need = Pt::new(0.0);
        for note in set.notes.iter().skip(from) {
            if need == Pt::new(0.0) && self.frame.foot.is_empty() && from == 0 {
                need = self.gap;
            }
            need += note.rows.first().map_or(Pt::new(0.0), |r| r.height);
        }
        need
    }

    /// The height of the foot: the gap above it and its rows.
    fn foot_height(&self) -> Pt {
        if self.frame.foot.is_empty() {
            return Pt::new(0.0);
        }
        let rows: Pt = self
            .frame
            .foot
            .iter()
            .map(|(e, rows)| match self.list.item(*e) {
                Some(Item::Note(note)) => note.rows[rows.clone()].iter().map(|r| r.height).sum(),
                _ => Pt::new(0.0),
            })
            .sum();
        self.gap + rows
    }

    /// Starts the foot with notes continued from the page before, leaving at least two
    /// lines for text. Returns what still does not fit.
    fn continue_notes(&mut self, carry: &[(Pos, usize)], height: Pt) -> Vec<(Pos, usize)> {
        let room = height - self.leading * 2.0;
        let mut left = Vec::new();
        for &(e, first) in carry {
            let Some(Item::Note(note)) = self.list.item(e) else {
                continue;
            };
            if !left.is_empty() {
                left.push((e, first));
                continue;
            }
            let mut foot = if self.frame.foot.is_empty() {
                self.gap
            } else {
                self.frame.foot_height
            };
            let mut end = first;
            while end < note.rows.len() && room.fits(foot + note.rows[end].height) {
                foot += note.rows[end].height;
                end += 1;
            }
            // Always move on, even when a single row is taller than the page.
            if end == first && self.frame.foot.is_empty() && end < note.rows.len() {
                foot += note.rows[end].height;
                end += 1;
            }
            if end > first {
                self.frame.foot.push((e, first..end));
                self.frame.foot_height = foot;
            }
            if end < note.rows.len() {
                left.push((e, end));
            }
        }
        left
    }

    /// Places a figure moved from the page before, its top at `top`; the text goes on on
    /// the baseline grid, half a line below it.
    fn place_figure(&mut self, figure: Range<Pos>, top: Pt) {
        let mut y = top;
        let mut bottom = Pt::new(0.0);
        let mut e = figure.start;
        while e < figure.end && !self.list.is_past_end(e) {
            if let Some(item) = self.list.item(e) {
                match item {
                    Item::Line(line) => {
                        self.frame.placed.push((e, y));
                        bottom = y + line.baseline;
                    }
                    Item::Other(Element::Image { height, .. }) => {
                        self.frame.placed.push((e, y));
                        bottom = y + *height;
                    }
                    Item::Other(Element::Space { .. } | Element::Anchor(_)) => {
                        self.frame.placed.push((e, y))
                    }
                    _ => {}
                }
                y += item.height();
            }
            e = self.list.next(e);
        }
        self.y = self.snap(y + self.leading * 0.5);
        self.text_bottom = bottom;
    }

    /// The footnotes referred to in `range` (a figure's caption), each from its first row.
    fn notes_in(&self, range: Range<Pos>) -> Vec<(Pos, usize)> {
        let mut notes = Vec::new();
        let mut e = range.start;
        while e < range.end && !self.list.is_past_end(e) {
            if let Some(Item::Note(_)) = self.list.item(e) {
                notes.push((e, 0));
            }
            e = self.list.next(e);
        }
        notes
    }

    /// The height of the items in `range`.
    fn range_height(&self, range: Range<Pos>) -> Pt {
        let mut height = Pt::new(0.0);
        let mut e = range.start;
        while e < range.end && !self.list.is_past_end(e) {
            height += self.list.item(e).map_or(Pt::new(0.0), |i| i.height());
            e = self.list.next(e);
        }
        height
    }

    /// The end (exclusive) of the figure whose image is at `j`: the image and what is kept
    /// with it (its caption).
    fn figure_end(&self, j: Pos) -> Result<Pos, NeedMore> {
        let mut end = j;
        loop {
            if self.list.is_past_end(end) {
                return if self.list.is_complete {
                    Ok(end)
                } else {
                    Err(NeedMore)
                };
            }
            match self.list.item(end) {
                Some(item) if self.breakable(end, item) => return Ok(self.list.next(end)),
                _ => end = self.list.next(end),
            }
        }
    }

    /// Puts the space at `j`, `height` tall, on the page, less the `merged` space just
    /// before it (spaces between blocks merge: the larger one stays, so the space below a
    /// quote and the space above the next one make one blank line); false when it does not
    /// fit.
    fn place_space(&mut self, j: Pos, height: Pt, merged: Option<Pt>) -> bool {
        let h = match merged {
            Some(before) if before >= height => Pt::new(0.0),
            Some(before) => height - before,
            None => height,
        };
        if !self.height.fits(self.y + h + self.frame.foot_height) {
            return false;
        }
        self.frame.placed.push((j, self.y));
        self.y += h;
        true
    }

    /// Puts the rows of the footnote at `j` that fit at the foot, right after its reference
    /// line; the rest is carried over (a note the page cannot start at all goes over whole).
    fn place_note(&mut self, j: Pos, note: &Footnote, left_over: &mut Vec<(Pos, usize)>) {
        let above = if self.frame.foot.is_empty() {
            self.gap
        } else {
            Pt::new(0.0)
        };
        let mut foot = self.frame.foot_height + above;
        let mut rows = 0;
        // The first lines of the notes after it on the same line stay free.
        let reserve = self.notes_from(j.line_pos(), j.note as usize);
        // Notes carried from the page before and still unfinished go first; a note of this
        // page that goes on does not stop the next note of its line.
        if !left_over.iter().any(|&(e, _)| e < self.start) {
            for row in &note.rows {
                if !self
                    .height
                    .fits(self.text_bottom + foot + row.height + reserve)
                {
                    break;
                }
                foot += row.height;
                rows += 1;
            }
        }
        if rows > 0 {
            self.frame.foot.push((j, 0..rows));
            self.frame.foot_height = foot;
        }
        if rows < note.rows.len() {
            left_over.push((j, rows));
        }
    }

    /// Puts the table band at `j` on the page (a table that continues here gets its header
    /// first); false when it does not fit below what the page has.
    fn place_band(&mut self, j: Pos, band: &TableBand) -> bool {
        if let Some(header) = band
            .header
            .as_ref()
            .filter(|_| self.frame.header.is_none() && !self.has_content())
        {
            self.frame.header = Some((header.clone(), self.y));
            self.y += header.band.height;
        } else if !self
            .height
            .fits(self.y + band.band.height + self.frame.foot_height)
            && self.has_content()
        {
            return false;
        }
        self.frame.placed.push((j, self.y));
        self.y += band.band.height;
        self.text_bottom = self.y;
        true
    }

    /// Takes back the spaces placed after the page's last line, band or image (the space
    /// above a figure that moves on).
    fn drop_trailing_spaces(&mut self) {
        while let Some(&(k, y)) = self.frame.placed.last() {
            if !matches!(self.list.item(k), Some(Item::Other(Element::Space { .. }))) {
                break;
            }
            self.frame.placed.pop();
            self.y = y;
        }
    }

    /// The first position after a figure's own spacing below it (its discardable spaces
    /// and the snap back to the grid), from `end`, the end of the figure.
    fn past_figure_spacing(&self, end: Pos) -> Pos {
        let mut p = end;
        while let Some(Item::Other(Element::Space {
            is_discardable: true,
            ..
        })) = self.list.item(p).filter(|_| !self.list.is_past_end(p))
        {
            p = self.list.next(p);
        }
        if !self.list.is_past_end(p)
            && matches!(self.list.item(p), Some(Item::Other(Element::SnapToGrid)))
        {
            p = self.list.next(p);
        }
        p
    }

    /// Whether anything other than anchors and spaces is on the page yet.
    fn has_content(&self) -> bool {
        has_content(self.list, &self.frame)
    }
}

/// The discardable space just placed, after `item` (the larger of two in a row; anchors and
/// a snap to the grid leave it as it was; anything else ends it).
fn space_after(before: Option<Pt>, item: Item<'_>) -> Option<Pt> {
    match item {
        Item::Other(Element::Space {
            height,
            is_discardable: true,
            ..
        }) => Some(before.map_or(*height, |b| b.max(*height))),
        Item::Other(Element::SnapToGrid | Element::Anchor(_)) => before,
        _ => None,
    }
}

/// Whether the item at `pos` is a plate's image.
fn is_plate(list: &ChapterList, pos: Pos) -> bool {
    matches!(
        list.item(pos),
        Some(Item::Other(Element::Image { is_plate: true, .. }))
    )
}

/// Whether anything other than anchors and discardable spaces is on `frame`.
pub fn has_content(list: &ChapterList, frame: &Frame) -> bool {
    frame.placed.iter().any(|&(k, _)| {
        matches!(
            list.item(k),
            Some(
                Item::Line(_)
                    | Item::Other(
                        Element::Image { .. }
                            | Element::TableBand(_)
                            | Element::Space {
                                is_discardable: false,
                                ..
                            }
                    )
            )
        )
    })
}
