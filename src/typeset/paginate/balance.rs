//! Facing pages end on the same line: where one page of a spread runs short, a paragraph
//! on the spread is set a line longer or shorter so that both pages end full, or else the
//! spread is laid out again with both pages ending on the short page's line (or a line or
//! two higher), if the rules for breaking pages allow it; otherwise it stays as it was.

use super::super::design::Measures;
use super::super::list::ChapterList;
use super::super::text::Setter;
use super::fill::{candidates, first_reset};
use super::frame::{Frame, Resume};
use super::page::{NeedMore, lay_out};
use super::{has_more, room_left};
use crate::units::Pt;

/// Lines a balanced spread may end above the shorter page's last line, when the rules do
/// not let it end there.
const EXTRA_ROOM: usize = 2;

/// Paragraphs set again to fill a spread, the likeliest first (16 gave Moby Dick and
/// Looking-Glass the same spreads as 6).
const TRIES: usize = 6;
/// A paragraph set again for a spread may space its words more than one set for a page
/// (`fill::MAX_SPACE_RATIO`, 0.6): it happens on few spreads. Measured on Moby Dick: with
/// 0.6, 5 of 139 spreads end on different lines; with 0.9, 4, and loose lines (pdf-quality)
/// go from 1.48% to 1.53%.
const SPREAD_SPACE_RATIO: f64 = 0.9;

/// A laid-out page and where it was laid out from.
#[derive(Clone, Debug)]
pub struct Laid {
    /// The page.
    pub frame: Frame,
    /// Where it begins.
    pub from: Resume,
}

/// Balances the spread of `verso` and the `recto` after it, when the chapter goes on after
/// the recto: first by setting a paragraph that begins on the spread a line longer or
/// shorter, so that both pages end on the fuller page's line (`fill_spread`); else both are
/// laid out again to end on the same line, the shorter page's last line or up to
/// `EXTRA_ROOM` lines above it, the first that the breaking rules allow. Changes nothing
/// when no such spread exists, or when it needs elements not yet set.
pub fn balance(
    list: &mut ChapterList,
    setter: &mut Setter,
    m: &Measures,
    verso: &mut Laid,
    recto: &mut Laid,
) -> Result<(), NeedMore> {
    let (left, right) = (
        room_left(&verso.frame, list, m),
        room_left(&recto.frame, list, m),
    );
    // A plate faces any page: there is no line to match.
    let has_plate = verso.frame.is_plate || recto.frame.is_plate;
    if has_plate || left == right || !has_more(list, &recto.frame.next)? {
        return Ok(());
    }
    if fill_spread(list, setter, m, verso, recto, left.min(right))? {
        return Ok(());
    }
    let short = left.max(right);
    for room in short..=short + EXTRA_ROOM {
        if let Some((v, r)) = spread_ending(list, m, verso, room)? {
            verso.frame = v;
            recto.from = r.from;
            recto.frame = r.frame;
            return Ok(());
        }
    }
    Ok(())
}

/// Sets again, one at a time, the paragraphs that begin on the spread, a line longer or
/// shorter, and lays the spread out again: the first with both pages `room` lines short
/// (the fuller page's ending) and the chapter going on is taken. False, with `list` as it
/// was, when none gives one.
fn fill_spread(
    list: &mut ChapterList,
    setter: &mut Setter,
    m: &Measures,
    verso: &mut Laid,
    recto: &mut Laid,
    room: usize,
) -> Result<bool, NeedMore> {
    let mut tries = candidates(list, verso.from.at, [&verso.frame, &recto.frame]);
    tries.truncate(TRIES);
    let spread = first_reset(list, setter, &tries, SPREAD_SPACE_RATIO, |list| {
        spread_at_full_height(list, m, verso, room)
    })?;
    let Some((v, r)) = spread else {
        return Ok(false);
    };
    verso.frame = v;
    *recto = r;
    Ok(true)
}

/// The spread from `verso.from` laid out at full height, if both pages end `room` lines
/// short and the chapter goes on after it.
fn spread_at_full_height(
    list: &ChapterList,
    m: &Measures,
    verso: &Laid,
    room: usize,
) -> Result<Option<(Frame, Laid)>, NeedMore> {
    let height = m.grid_height();
    match lay_out(list, &verso.from, height, m.leading, verso.frame.is_opening)? {
        Some(left) => with_recto(list, m, left, height, room),
        None => Ok(None),
    }
}

/// The spread from `verso.from` with both pages `room` lines short, if the breaking rules
/// allow it and the chapter goes on after it.
fn spread_ending(
    list: &ChapterList,
    m: &Measures,
    verso: &Laid,
    room: usize,
) -> Result<Option<(Frame, Laid)>, NeedMore> {
    let height = m.grid_height() - m.leading * room as f64;
    let left = if room_left(&verso.frame, list, m) == room {
        verso.frame.clone()
    } else {
        match lay_out(list, &verso.from, height, m.leading, verso.frame.is_opening)? {
            Some(left) => left,
            None => return Ok(None),
        }
    };
    with_recto(list, m, left, height, room)
}

/// The verso `left` and the recto laid out after it in `height`, if both end `room` lines
/// short and the chapter goes on after them.
fn with_recto(
    list: &ChapterList,
    m: &Measures,
    left: Frame,
    height: Pt,
    room: usize,
) -> Result<Option<(Frame, Laid)>, NeedMore> {
    let ends_right = |frame: &Frame| -> Result<bool, NeedMore> {
        Ok(room_left(frame, list, m) == room && has_more(list, &frame.next)?)
    };
    if !ends_right(&left)? {
        return Ok(None);
    }
    let from = left.next.clone();
    let Some(right) = lay_out(list, &from, height, m.leading, false)? else {
        return Ok(None);
    };
    if right.is_plate || !ends_right(&right)? {
        return Ok(None);
    }
    Ok(Some((left, Laid { frame: right, from })))
}
