//! A page that ends off the baseline grid → a page that ends on its last line. Code is set
//! at its own, smaller leading, so a page that ends in a code block (or a caption) ends
//! between two lines of the grid, a few points above or below the facing page. What comes
//! after the page's last line on the grid moves by that difference, so that both pages of
//! a spread end on the same baseline (TeX's `\flushbottom`, with the stretch only where
//! the grid is not).

use super::super::design::Measures;
use super::super::list::{ChapterList, Element, Item, SetLine};
use super::frame::Frame;
use super::room_left;
use crate::units::Pt;

/// When the off-grid lines open the page, the stretch goes between them, at most this
/// share of their leading between two lines (more would show as loose code).
const MAX_LINE_STRETCH: f64 = 0.15;
/// A page whose last line sits a little below the baseline it counts as ending on moves it
/// up when that is at most this share of a line (the space above the off-grid lines gives
/// it).
const MAX_RISE: f64 = 0.25;

/// Moves the end of `frame`, a page that does not end its chapter, onto a baseline of the
/// grid when its last visible line sits off the grid; pages with footnotes (the notes end
/// on the last baseline) and plates stay as they are.
pub fn settle_bottom(frame: &mut Frame, list: &ChapterList, m: &Measures) {
    if frame.is_plate || !frame.foot.is_empty() {
        return;
    }
    let Some(last) = frame.placed.iter().rposition(|&(k, _)| shows(list.item(k))) else {
        return;
    };
    let (k, y) = frame.placed[last];
    let Some(Item::Line(line)) = list.item(k) else {
        return;
    };
    // The grid baseline the balancer counts the page as ending on (`room_left`): below
    // the line, or just above it when the line reaches a little below a baseline.
    let last_baseline = m.grid_height() - m.leading + m.size;
    let target = last_baseline - m.leading * room_left(frame, list, m) as f64;
    let rise = target - (y + line.baseline);
    if is_on_grid(line.height, m)
        || rise.get().abs() < 0.01
        || rise.get() > m.leading.get() - 0.01
        || -rise.get() > m.leading.get() * MAX_RISE
    {
        return;
    }
    // The page's last body line: what follows it moves.
    let on_grid = frame.placed[..last].iter().rposition(
        |&(k, _)| matches!(list.item(k), Some(Item::Line(l)) if is_on_grid(l.height, m)),
    );
    if let Some(i) = on_grid {
        // Moving up takes from the space under that line, never more than there is.
        let above = frame.placed[i].1 + m.leading;
        let top = frame.placed[i + 1..]
            .iter()
            .find(|&&(k, _)| shows(list.item(k)))
            .map_or(above, |&(_, y)| y);
        if top + rise < above {
            return;
        }
        for placed in &mut frame.placed[i + 1..=last] {
            placed.1 += rise;
        }
        return;
    }
    // Off-grid lines from the top: the stretch goes between them.
    let lines: Vec<usize> = (0..=last)
        .filter(|&i| matches!(list.item(frame.placed[i].0), Some(Item::Line(_))))
        .collect();
    let gaps = lines.len().saturating_sub(1);
    if rise.get() < 0.0
        || gaps == 0
        || rise.get() / gaps as f64 > line.height.get() * MAX_LINE_STRETCH
    {
        return;
    }
    let step = rise * (1.0 / gaps as f64);
    let mut shift = Pt::new(0.0);
    let mut seen = 0;
    for (i, placed) in frame.placed[..=last].iter_mut().enumerate() {
        if lines.get(seen) == Some(&i) {
            shift = step * seen as f64;
            seen += 1;
        }
        placed.1 += shift;
    }
}

/// Whether a line `height` tall is a body line on the grid.
fn is_on_grid(height: Pt, m: &Measures) -> bool {
    (height - m.leading).get().abs() < 0.01
}

/// Whether the item shows on the page: a line with some text (a blank line of code does
/// not), an image or a table band.
fn shows(item: Option<Item<'_>>) -> bool {
    match item {
        Some(Item::Line(line)) => !is_blank(line),
        Some(Item::Other(Element::Image { .. } | Element::TableBand(_))) => true,
        _ => false,
    }
}

/// Whether a line has no text but spaces (and no image).
fn is_blank(line: &SetLine) -> bool {
    line.line.images.is_empty()
        && (line.line.runs.iter()).all(|run| run.text.chars().all(char::is_whitespace))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::list::{Pos, TextBlock};
    use crate::typeset::page::TextRun;
    use crate::typeset::paginate::tests::{at, pt};
    use crate::typeset::paginate::{Resume, lay_out};
    use crate::typeset::text::Line;
    use crate::units::Rgb;

    /// A 100 pt text block on a 10 pt grid, body baselines 8 pt down each line.
    fn measures() -> Measures {
        Measures {
            width: pt(100.0),
            height: pt(100.0),
            size: pt(8.0),
            leading: pt(10.0),
        }
    }

    /// `n` lines `height` tall (baseline 0.8 of it down) with `text` each.
    fn block(n: usize, height: f64, text: &str) -> Element {
        let run = TextRun {
            font: 0,
            size: pt(height * 0.8),
            h_scale: 1.0,
            origin: Default::default(),
            glyphs: Vec::new(),
            text: text.to_string(),
            fill: Rgb::BLACK,
        };
        Element::Text(TextBlock {
            lines: (0..n)
                .map(|_| SetLine {
                    line: Line {
                        runs: vec![run.clone()],
                        ..Line::default()
                    },
                    x: pt(0.0),
                    height: pt(height),
                    baseline: pt(height * 0.8),
                    keep_with_next: false,
                    notes: Vec::new(),
                })
                .collect(),
            ..TextBlock::default()
        })
    }

    /// The first page of `elements`, settled.
    fn first_page(elements: Vec<Element>) -> (ChapterList, Frame, Frame) {
        let list = ChapterList::whole(0, elements);
        let m = measures();
        let frame = lay_out(&list, &Resume::default(), m.grid_height(), m.leading, false)
            .expect("a whole list")
            .expect("a page");
        let mut settled = frame.clone();
        settle_bottom(&mut settled, &list, &m);
        (list, frame, settled)
    }

    fn y_of(frame: &Frame, pos: Pos) -> f64 {
        frame
            .placed
            .iter()
            .find(|p| p.0 == pos)
            .expect("placed")
            .1
            .get()
    }

    #[test]
    fn code_at_a_page_foot_moves_down_onto_the_last_baseline() {
        // 5 body lines, then code lines 8 pt apart: 6 fit, the last with its baseline at
        // 96.4; the grid's last baseline is 98.
        let (_, before, after) = first_page(vec![block(5, 10.0, "body"), block(10, 8.0, "code")]);
        assert_eq!(before.placed.len(), 11);
        assert!((y_of(&before, at(1, 5)) + 6.4 - 96.4).abs() < 1e-9);
        // The body stays on the grid; the code moves down 1.6 pt.
        assert_eq!(y_of(&after, at(0, 4)), 40.0);
        assert!((y_of(&after, at(1, 0)) - 51.6).abs() < 1e-9);
        assert!((y_of(&after, at(1, 5)) + 6.4 - 98.0).abs() < 1e-9);
    }

    #[test]
    fn code_from_the_top_spreads_the_difference_between_its_lines() {
        // 12 code lines: the last baseline at 94.4, 3.6 pt to spread over 11 gaps.
        let (_, _, after) = first_page(vec![block(20, 8.0, "code")]);
        assert_eq!(y_of(&after, at(0, 0)), 0.0);
        assert!((y_of(&after, at(0, 11)) + 6.4 - 98.0).abs() < 1e-9);
        assert!((y_of(&after, at(0, 1)) - (8.0 + 3.6 / 11.0)).abs() < 1e-9);
    }

    #[test]
    fn a_blank_last_line_does_not_count_and_body_text_stays() {
        // The page's last code line is blank: the one above it goes onto the last baseline
        // (88.4 → 98: moved 9.6 pt).
        let mut code = block(6, 8.0, "code");
        if let Element::Text(b) = &mut code {
            b.lines[5].line.runs[0].text = "\u{a0}".into();
        }
        let (_, _, after) = first_page(vec![block(5, 10.0, "body"), code]);
        assert!((y_of(&after, at(1, 4)) + 6.4 - 98.0).abs() < 1e-9);
        // A page of body lines is on the grid already.
        let (_, before, after) = first_page(vec![block(12, 10.0, "body")]);
        assert_eq!(before.placed, after.placed);
    }

    #[test]
    fn code_a_little_below_the_last_baseline_moves_up_into_the_space_above_it() {
        // A 2 pt space after the body puts the sixth code line's baseline at 98.4: it moves
        // up 0.4 pt, into that space.
        let space = Element::Space {
            height: pt(2.0),
            is_discardable: false,
            keep_with_next: false,
        };
        let (_, _, after) = first_page(vec![block(5, 10.0, "body"), space, block(10, 8.0, "code")]);
        assert!((y_of(&after, at(2, 0)) - 51.6).abs() < 1e-9);
        assert!((y_of(&after, at(2, 5)) + 6.4 - 98.0).abs() < 1e-9);
    }

    #[test]
    fn a_page_that_counts_as_a_line_short_is_not_moved_down_a_line() {
        // Body lines after the code do not fit: the code's last baseline, 89.9, counts as
        // the line at 88 (a line short). It may not move up 1.9 pt (the space above it is
        // 1.5 pt), and it must not move down to 98.
        let space = |h: f64| Element::Space {
            height: pt(h),
            is_discardable: false,
            keep_with_next: false,
        };
        let (_, before, after) = first_page(vec![
            block(5, 10.0, "body"),
            space(1.5),
            block(5, 8.0, "code"),
            Element::SnapToGrid,
            block(3, 10.0, "body"),
        ]);
        assert!((y_of(&before, at(2, 4)) - 83.5).abs() < 1e-9);
        assert_eq!(before.placed, after.placed);
        // Four code lines under 9.5 pt of space end there too, and move up onto 88.
        let (_, _, after) = first_page(vec![
            block(5, 10.0, "body"),
            space(9.5),
            block(4, 8.0, "code"),
            Element::SnapToGrid,
            block(3, 10.0, "body"),
        ]);
        assert!((y_of(&after, at(2, 3)) + 6.4 - 88.0).abs() < 1e-9);
    }
}
