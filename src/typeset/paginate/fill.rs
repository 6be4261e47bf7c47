//! A page that would run short → a full page: a paragraph on it is set again one line
//! longer or shorter (TeX's `\looseness`) when its lines stay evenly spaced, and the page is
//! laid out again. A page stays short only where no paragraph on it can change.

use super::super::design::Measures;
use super::super::flow::paragraph_lines;
use super::super::list::{ChapterList, Element, Pos, SetLine};
use super::super::text::{Layout, Setter};
use super::frame::{Frame, Resume};
use super::page::{NeedMore, lay_out};
use super::room_left;

/// Re-settings tried for a short page, the likeliest first (each shapes and breaks a
/// paragraph again, about 0.2 ms).
const TRIES: usize = 4;
/// A re-set paragraph is taken only if no line but its last stretches its word spaces
/// beyond this share of their stretch (1.0 is 1.5 × the natural space, the loose limit;
/// with 0.9 the sample book gained loose lines, 4.4% by pdf-quality; 0.6 keeps it at 2.7%).
pub(super) const MAX_SPACE_RATIO: f64 = 0.6;

/// Fills `frame`, laid out from `from`, if it runs short and the chapter goes on after it:
/// returns the fuller page (with the paragraph set again in `list`), or `frame` as it is.
pub fn fill(
    list: &mut ChapterList,
    setter: &mut Setter,
    m: &Measures,
    from: &Resume,
    frame: Frame,
) -> Result<Frame, NeedMore> {
    let short = room_left(&frame, list, m);
    if frame.is_plate || short == 0 || !super::has_more(list, &frame.next)? {
        return Ok(frame);
    }
    let mut tries = candidates(list, from.at, [&frame]);
    tries.truncate(TRIES);
    let better = first_reset(list, setter, &tries, MAX_SPACE_RATIO, |list| match lay_out(
        list,
        from,
        m.grid_height(),
        m.leading,
        frame.is_opening,
    )? {
        Some(trial) if room_left(&trial, list, m) < short => {
            Ok(super::has_more(list, &trial.next)?.then_some(trial))
        }
        _ => Ok(None),
    })?;
    Ok(better.unwrap_or(frame))
}

/// Sets the paragraphs of `tries` again one at a time (word spaces up to `max_ratio`) and
/// returns what `trial` first makes of the list: that paragraph keeps its new lines, and
/// every other one is put back as it was (also when `trial` needs more of the list).
pub(super) fn first_reset<T>(
    list: &mut ChapterList,
    setter: &mut Setter,
    tries: &[(u32, i32)],
    max_ratio: f64,
    mut trial: impl FnMut(&ChapterList) -> Result<Option<T>, NeedMore>,
) -> Result<Option<T>, NeedMore> {
    for &(e, looseness) in tries {
        let Some(old) = reset(list, setter, e, looseness, max_ratio) else {
            continue;
        };
        match trial(list) {
            Ok(Some(found)) => return Ok(Some(found)),
            result => {
                swap_lines(list, e, old);
                result?;
            }
        }
    }
    Ok(None)
}

/// The paragraphs that begin on the pages `frames` (laid out from `start`) and can be set
/// again, each with the looseness to try (+1 or −1), the likeliest first: a paragraph
/// takes a line more easily when its last line is nearly full, and gives one up when it is
/// nearly empty.
pub(super) fn candidates<'a>(
    list: &ChapterList,
    start: Pos,
    frames: impl IntoIterator<Item = &'a Frame>,
) -> Vec<(u32, i32)> {
    let mut tries: Vec<(f64, u32, i32)> = Vec::new();
    for frame in frames {
        let (Some(first), Some(last)) = (
            frame.placed.iter().map(|&(k, _)| k).min(),
            frame.placed.iter().map(|&(k, _)| k).max(),
        ) else {
            continue;
        };
        for e in first.element..=last.element {
            let Some(Element::Text(block)) = list.get(e) else {
                continue;
            };
            let (Some(refill), Some(line)) = (&block.refill, block.lines.last()) else {
                continue;
            };
            // A paragraph begun on an earlier page keeps its lines there (a figure carried
            // over to the top of the page comes before `start`, not the text).
            let begun = Pos::at(e) < first.max(start);
            if block.lines.len() < 2 || begun || tries.iter().any(|t| t.1 == e) {
                continue;
            }
            let fill = line.line.width / refill.layout.measure;
            tries.push((fill, e, 1));
            tries.push((1.0 - fill, e, -1));
        }
    }
    tries.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)));
    tries
        .into_iter()
        .map(|(_, e, looseness)| (e, looseness))
        .collect()
}

/// Sets paragraph `e` again `looseness` lines longer (or shorter) and puts the new lines in
/// `list`, returning the lines it had; `None` (and `list` unchanged) when it cannot take
/// that many lines or a line but its last would space its words too widely.
fn reset(
    list: &mut ChapterList,
    setter: &mut Setter,
    e: u32,
    looseness: i32,
    max_ratio: f64,
) -> Option<Vec<SetLine>> {
    let Some(Element::Text(block)) = list.get(e) else {
        return None;
    };
    let refill = block.refill.as_deref()?;
    let layout = Layout {
        looseness,
        ..refill.layout
    };
    let set = setter.set(&refill.text, &layout);
    let wanted = block.lines.len() as i64 + i64::from(looseness);
    let n = set.lines.len();
    if n == 0
        || !set.is_feasible
        || n as i64 != wanted
        || set.lines[..n - 1].iter().any(|l| l.space_ratio > max_ratio)
    {
        return None;
    }
    let new = paragraph_lines(set.lines, refill.x, refill.leading, layout.size);
    Some(swap_lines(list, e, new))
}

/// Puts `lines` in the text block at `e`; returns the lines it had.
fn swap_lines(list: &mut ChapterList, e: u32, lines: Vec<SetLine>) -> Vec<SetLine> {
    match list.get_mut(e) {
        Some(Element::Text(block)) => std::mem::replace(&mut block.lines, lines),
        _ => lines,
    }
}
