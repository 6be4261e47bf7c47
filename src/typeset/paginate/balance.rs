//! Facing pages end on the same line: where one page of a spread stays short, the other
//! gives up its last lines to the next page, if the rules for breaking pages allow it.

use super::super::design::Measures;
use super::super::list::ChapterList;
use super::frame::{Frame, Resume};
use super::page::{NeedMore, lay_out};
use super::{has_more, room_left};

/// A laid-out page and where it was laid out from.
#[derive(Clone, Debug)]
pub struct Laid {
    /// The page.
    pub frame: Frame,
    /// Where it begins.
    pub from: Resume,
}

/// Balances the spread of `verso` and the `recto` after it: the fuller page is laid out
/// again a little shorter, so that both end on the same line, when the chapter goes on
/// after the recto. Shortening the verso changes what the recto holds: it looks again, a
/// few times. Changes nothing when it needs elements not yet set.
pub fn balance(
    list: &ChapterList,
    m: &Measures,
    verso: &mut Laid,
    recto: &mut Laid,
) -> Result<(), NeedMore> {
    for _ in 0..3 {
        let (left, right) = (
            room_left(&verso.frame, list, m),
            room_left(&recto.frame, list, m),
        );
        if left == right || !has_more(list, &recto.frame.next)? {
            break;
        }
        let room = left.max(right);
        let height = m.height - m.leading * room as f64;
        if left < right {
            let Some(shorter) =
                lay_out(list, &verso.from, height, m.leading, verso.frame.is_opening)?
            else {
                break;
            };
            if room_left(&shorter, list, m) != room || !has_more(list, &shorter.next)? {
                break;
            }
            let Some(next) = lay_out(list, &shorter.next, m.height, m.leading, false)? else {
                break;
            };
            recto.from = shorter.next.clone();
            recto.frame = next;
            verso.frame = shorter;
        } else {
            let Some(shorter) = lay_out(list, &recto.from, height, m.leading, false)? else {
                break;
            };
            if room_left(&shorter, list, m) != room || !has_more(list, &shorter.next)? {
                break;
            }
            recto.frame = shorter;
        }
    }
    Ok(())
}
