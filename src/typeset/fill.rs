//! Pages that would run short → full pages: a paragraph on the page is set again one line
//! longer or shorter (TeX's `\looseness`) when its lines stay evenly spaced, and the book
//! is paged again. A page stays short only where no paragraph on it can change.

use super::flow::{Element, Measures, Paragraph, paragraph_elements};
use super::paginate::{Frame, Resume, paginate, paginate_from};
use super::text::{Layout, Setter};
use crate::units::Pt;

/// Re-settings tried for a short page, the likeliest first (each shapes and breaks a
/// paragraph again, about 0.2 ms).
const TRIES: usize = 4;
/// A re-set paragraph is taken only if no line but its last stretches its word spaces
/// beyond this share of their stretch (1.0 is 1.5 × the natural space, the loose limit;
/// with 0.9 the sample book gained loose lines, 4.4% by pdf-quality; 0.6 keeps it at 2.7%).
const MAX_SPACE_RATIO: f64 = 0.6;

/// Pages the vertical list, then fills short pages where a paragraph can take or give a
/// line. (Facing pages are balanced once the whole book is paged: `balance_spreads`.)
pub fn fill_pages(
    elements: &mut Vec<Element>,
    paragraphs: &mut [Paragraph],
    setter: &mut Setter,
    m: &Measures,
) -> Vec<Frame> {
    let mut frames = paginate(elements, m.height, m.leading, true);
    let mut page = 0;
    while page < frames.len() {
        let short = room_left(&frames[page], elements, m);
        let next_continues = frames
            .get(page + 1)
            .is_some_and(|f| !f.is_opening && !f.is_blank);
        if short == 0 || !next_continues {
            page += 1;
            continue;
        }
        if let Some(better) = try_fill(page, short, &frames, elements, paragraphs, setter, m) {
            frames = better;
        }
        page += 1;
    }
    frames
}

/// Facing pages end on the same line: where one page of a spread stays short, the other
/// gives up its last lines to the next page, if the rules for breaking pages allow it.
/// The frames are the whole book's: the first is a right-hand page, and so is the page
/// where the anchor `body_start` is (the body starts on a recto, after a blank page if
/// need be).
pub fn balance_spreads(
    frames: &mut Vec<Frame>,
    elements: &[Element],
    m: &Measures,
    body_start: Option<&str>,
) {
    let body_frame = |frames: &[Frame]| {
        body_start
            .and_then(|name| {
                frames.iter().position(|f| {
                    f.placed
                        .iter()
                        .any(|&(e, _)| matches!(&elements[e], Element::Anchor(n) if n == name))
                })
            })
            .unwrap_or(usize::MAX)
    };
    // Frames count from a recto, and again from the body's first page; that page moves
    // only when a spread before it is balanced.
    let mut body = body_frame(frames);
    let mut verso = 1;
    while verso + 1 < frames.len() {
        let from = if verso >= body { body } else { 0 };
        if (verso - from).is_multiple_of(2) {
            verso += 1;
            continue;
        }
        let recto = verso + 1;
        let continues = |k: usize| {
            frames
                .get(k + 1)
                .is_some_and(|f| !f.is_opening && !f.is_blank)
                && !frames[k].is_blank
        };
        if !continues(verso) || !continues(recto) || frames[recto].is_opening {
            verso += 2;
            continue;
        }
        // Shortening the verso changes what the recto holds: look again, a few times.
        for _ in 0..3 {
            let (left, right) = (
                room_left(&frames[verso], elements, m),
                room_left(&frames[recto], elements, m),
            );
            if left == right
                || frames
                    .get(recto + 1)
                    .is_none_or(|f| f.is_opening || f.is_blank)
            {
                break;
            }
            let (fuller, room) = if left < right {
                (verso, right)
            } else {
                (recto, left)
            };
            let height = m.height - m.leading * room as f64;
            let (trial, upto) = repaginate_chapter(fuller, frames, elements, m, Some(height));
            if trial.len() > 1 && room_left(&trial[0], elements, m) == room && !trial[1].is_opening
            {
                frames.splice(fuller..upto, trial);
                if fuller < body {
                    body = body_frame(frames);
                }
            } else {
                break;
            }
        }
        verso += 2;
    }
}

/// Pages again from page `page` (the first `first_height` tall, if given) to the end of its
/// chapter. Returns the new pages and the end of the old ones they replace: the next chapter
/// opening when the chapter still ends there (the chapters after it stay as they are), else
/// the end of the book, paged again.
fn repaginate_chapter(
    page: usize,
    frames: &[Frame],
    elements: &[Element],
    m: &Measures,
    first_height: Option<Pt>,
) -> (Vec<Frame>, usize) {
    let next_opening = frames[page + 1..]
        .iter()
        .position(|f| f.is_opening)
        .map_or(frames.len(), |k| page + 1 + k);
    let pages = next_opening - page;
    let trial = repaginate(page, frames, elements, m, pages, first_height);
    let old = &frames[next_opening - 1];
    let same_end = trial.last().is_some_and(|new| {
        new.end == old.end && new.carry_out == old.carry_out && new.defers == old.defers
    });
    if trial.len() == pages && same_end {
        (trial, next_opening)
    } else {
        (
            repaginate(page, frames, elements, m, usize::MAX, first_height),
            frames.len(),
        )
    }
}

/// Pages again from page `page` on (at most `pages` pages); the pages before it cannot
/// change. Returns the pages from `page` on, or nothing when that cannot be done alone.
fn repaginate(
    page: usize,
    frames: &[Frame],
    elements: &[Element],
    m: &Measures,
    pages: usize,
    first_height: Option<Pt>,
) -> Vec<Frame> {
    let first = frames[page]
        .placed
        .iter()
        .map(|&(k, _)| k)
        .min()
        .unwrap_or(0);
    // The page before says where to go on, and with which notes; a figure it moved on is
    // left where it is.
    let (start, carry) = match page.checked_sub(1).map(|p| &frames[p]) {
        Some(before) if before.defers => return Vec::new(),
        Some(before) => (before.end, before.carry_out.clone()),
        None => (0, Vec::new()),
    };
    if start > first {
        return Vec::new(); // an earlier page holds anchors from later on: leave it
    }
    let resume = Resume {
        start,
        first_is_recto: page.is_multiple_of(2),
        chapter: frames[page].chapter.clone(),
        max_pages: pages,
        first_height,
        carry,
    };
    paginate_from(elements, m.height, m.leading, resume)
}

/// Whole lines of the text block left empty at the foot of a page.
fn room_left(frame: &Frame, elements: &[Element], m: &Measures) -> usize {
    let last = frame
        .placed
        .iter()
        .rev()
        .find_map(|&(k, y)| match &elements[k] {
            Element::Line { baseline, .. } => Some(y + *baseline),
            Element::Image { height, .. } => Some(y + *height),
            Element::TableBand { band, .. } => Some(y + band.height),
            _ => None,
        });
    match last {
        Some(bottom) => ((m.height - frame.foot_height - bottom).get() / m.leading.get() + 1e-6)
            .floor()
            .max(0.0) as usize,
        None => 0,
    }
}

/// Tries the paragraphs of page `page`; returns the new pages when one fills it better.
#[allow(
    clippy::too_many_arguments,
    reason = "the state of one page-filling step"
)]
fn try_fill(
    page: usize,
    short: usize,
    frames: &[Frame],
    elements: &mut Vec<Element>,
    paragraphs: &mut [Paragraph],
    setter: &mut Setter,
    m: &Measures,
) -> Option<Vec<Frame>> {
    let first = frames[page].placed.iter().map(|&(k, _)| k).min()?;
    let last = frames[page].placed.iter().map(|&(k, _)| k).max()?;
    let candidates: Vec<usize> = paragraphs
        .iter()
        .enumerate()
        .filter(|(_, p)| p.start >= first && p.start <= last && p.lines >= 2)
        .map(|(i, _)| i)
        .collect();
    // A paragraph takes a line more easily when its last line is nearly full, and gives one
    // up when it is nearly empty: try the likeliest changes first.
    let mut tries: Vec<(f64, usize, i32)> = Vec::new();
    for &i in &candidates {
        let p = &paragraphs[i];
        let fill = match elements.get(p.start + p.lines - 1) {
            Some(Element::Line { line, .. }) => line.width / p.layout.measure,
            _ => 0.5,
        };
        tries.push((fill, i, 1));
        tries.push((1.0 - fill, i, -1));
    }
    tries.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(b.2.cmp(&a.2)));
    for &(_, i, looseness) in tries.iter().take(TRIES) {
        {
            let paragraph = &paragraphs[i];
            let layout = Layout {
                looseness,
                ..paragraph.layout
            };
            let set = setter.set(&paragraph.text, &layout);
            let wanted = paragraph.lines as i64 + i64::from(looseness);
            let n = set.lines.len();
            if !set.is_feasible
                || n as i64 != wanted
                || set.lines[..n - 1]
                    .iter()
                    .any(|l| l.space_ratio > MAX_SPACE_RATIO)
            {
                continue;
            }
            let (start, old_len) = (paragraph.start, paragraph.lines);
            let new = paragraph_elements(set.lines, paragraph.x, paragraph.leading, layout.size);
            let old: Vec<Element> = elements.splice(start..start + old_len, new).collect();
            let trial = repaginate(page, frames, elements, m, 2, None);
            let better = trial.len() > 1
                && room_left(&trial[0], elements, m) < short
                && !trial[1].is_opening;
            if better {
                let (new, upto) = repaginate_chapter(page, frames, elements, m, None);
                let mut trial = frames[..page].to_vec();
                trial.extend(new);
                trial.extend_from_slice(&frames[upto..]);
                paragraphs[i].lines = n;
                for later in paragraphs.iter_mut().skip(i + 1) {
                    later.start = (later.start as i64 + i64::from(looseness)) as usize;
                }
                return Some(trial);
            }
            elements.splice(start..start + n, old);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Pt;

    fn pt(v: f64) -> Pt {
        Pt::new(v)
    }

    #[test]
    fn room_is_counted_in_whole_lines() {
        let m = Measures {
            width: pt(300.0),
            height: pt(100.0),
            size: pt(8.0),
            leading: pt(10.0),
        };
        let line = |y: f64| (0usize, pt(y));
        let elements = vec![Element::Line {
            line: Default::default(),
            x: pt(0.0),
            height: pt(10.0),
            baseline: pt(8.0),
            keep_with_next: false,
        }];
        let frame = Frame {
            placed: vec![line(90.0)],
            ..Frame::default()
        };
        assert_eq!(room_left(&frame, &elements, &m), 0);
        let frame = Frame {
            placed: vec![line(70.0)],
            ..Frame::default()
        };
        assert_eq!(room_left(&frame, &elements, &m), 2);
    }
}
