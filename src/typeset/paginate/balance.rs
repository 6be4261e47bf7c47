//! Facing pages end on the same line: where one page of a spread runs short, the spread is
//! laid out again with both pages ending on that line (or a line or two higher), if the
//! rules for breaking pages allow it; otherwise it stays as it was.

use super::super::design::Measures;
use super::super::list::ChapterList;
use super::frame::{Frame, Resume};
use super::page::{NeedMore, lay_out};
use super::{has_more, room_left};

/// Lines a balanced spread may end above the shorter page's last line, when the rules do
/// not let it end there.
const EXTRA_ROOM: usize = 2;

/// A laid-out page and where it was laid out from.
#[derive(Clone, Debug)]
pub struct Laid {
    /// The page.
    pub frame: Frame,
    /// Where it begins.
    pub from: Resume,
}

/// Balances the spread of `verso` and the `recto` after it, when the chapter goes on after
/// the recto: both are laid out again to end on the same line, the shorter page's last line
/// or up to `EXTRA_ROOM` lines above it, the first that the breaking rules allow. Changes
/// nothing when no such spread exists, or when it needs elements not yet set.
pub fn balance(
    list: &ChapterList,
    m: &Measures,
    verso: &mut Laid,
    recto: &mut Laid,
) -> Result<(), NeedMore> {
    let (left, right) = (
        room_left(&verso.frame, list, m),
        room_left(&recto.frame, list, m),
    );
    if left == right || !has_more(list, &recto.frame.next)? {
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

/// The spread from `verso.from` with both pages `room` lines short, if the breaking rules
/// allow it and the chapter goes on after it.
fn spread_ending(
    list: &ChapterList,
    m: &Measures,
    verso: &Laid,
    room: usize,
) -> Result<Option<(Frame, Laid)>, NeedMore> {
    let height = m.grid_height() - m.leading * room as f64;
    let ends_right = |frame: &Frame| -> Result<bool, NeedMore> {
        Ok(room_left(frame, list, m) == room && has_more(list, &frame.next)?)
    };
    let left = if room_left(&verso.frame, list, m) == room {
        verso.frame.clone()
    } else {
        match lay_out(list, &verso.from, height, m.leading, verso.frame.is_opening)? {
            Some(left) => left,
            None => return Ok(None),
        }
    };
    if !ends_right(&left)? {
        return Ok(None);
    }
    let from = left.next.clone();
    let Some(right) = lay_out(list, &from, height, m.leading, false)? else {
        return Ok(None);
    };
    if !ends_right(&right)? {
        return Ok(None);
    }
    Ok(Some((left, Laid { frame: right, from })))
}
