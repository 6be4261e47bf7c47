//! The vertical list → pages: fills each text block, breaks only where the flow allows
//! (no widows, no orphans, headings kept with their text), keeps body lines on the
//! baseline grid, and starts chapters on new (optionally right-hand) pages.

use std::ops::Range;

use super::flow::Element;
use crate::units::Pt;

/// One page's share of the flow.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Frame {
    /// Elements on the page (indexes into the flow) and the y of their top in the text block.
    pub placed: Vec<(usize, Pt)>,
    /// The title of the chapter the page belongs to.
    pub chapter: Option<String>,
    /// Whether a chapter opens on this page (no running head).
    pub is_opening: bool,
    /// Whether the page is intentionally empty (before a right-hand chapter opening).
    pub is_blank: bool,
    /// Footnotes at the foot: the `Element::Note` and the range of its rows on this page.
    pub foot: Vec<(usize, Range<usize>)>,
    /// Height the foot takes at the bottom of the text block (with the gap above it).
    pub foot_height: Pt,
    /// A table header band repeated at the top of the page (element index and y), when a
    /// table continues here.
    pub header: Option<(usize, Pt)>,
    /// Where the next page goes on: the first element not on this page.
    pub end: usize,
    /// Footnotes this page could not finish: (note element, first row left).
    pub carry_out: Vec<(usize, usize)>,
    /// Whether a figure moved from this page opens the next one.
    pub defers: bool,
}

/// The space between the text and the footnotes, where the short rule is drawn, in lines
/// of the body's leading.
pub const FOOT_GAP: f64 = 1.0;

/// Breaks `elements` into pages of a text block `height` tall with the baseline grid
/// `leading`. `first_is_recto` says whether the first page is a right-hand page.
pub fn paginate(elements: &[Element], height: Pt, leading: Pt, first_is_recto: bool) -> Vec<Frame> {
    let resume = Resume {
        start: 0,
        first_is_recto,
        chapter: None,
        max_pages: usize::MAX,
        first_height: None,
        carry: Vec::new(),
    };
    paginate_from(elements, height, leading, resume)
}

/// Where and how to page part of a book again.
#[derive(Clone, Debug)]
pub struct Resume {
    /// The first element to page.
    pub start: usize,
    /// Whether the first page is a right-hand page.
    pub first_is_recto: bool,
    /// The chapter the first page belongs to until a chapter starts.
    pub chapter: Option<String>,
    /// Paging stops after this many pages.
    pub max_pages: usize,
    /// A shorter text block for the first page (to end facing pages on the same line).
    pub first_height: Option<Pt>,
    /// Footnotes continued from the page before: (note element, first row left).
    pub carry: Vec<(usize, usize)>,
}

/// Pages `elements[resume.start..]` as `resume` says. Frames name elements by their index
/// in `elements`.
pub fn paginate_from(elements: &[Element], height: Pt, leading: Pt, resume: Resume) -> Vec<Frame> {
    let Resume {
        start,
        first_is_recto,
        chapter,
        max_pages,
        first_height,
        carry,
    } = resume;
    let gap = leading * FOOT_GAP;
    let mut frames: Vec<Frame> = Vec::new();
    let mut chapter = chapter;
    let mut carry = carry;
    // A figure moved to the top of the next page, the text after it filling this one.
    let mut deferred: Option<Range<usize>> = None;
    let mut i = start;
    let mut pending_opening = false;
    while (i < elements.len() || !carry.is_empty() || deferred.is_some())
        && frames.len() < max_pages
    {
        // Notes continued from the page before, and a figure moved on, end before the next
        // chapter opens.
        let at_break = i >= elements.len() || matches!(elements[i], Element::PageBreak { .. });
        if at_break && (!carry.is_empty() || deferred.is_some()) {
            let mut frame = Frame {
                chapter: chapter.clone(),
                ..Frame::default()
            };
            let figure = deferred.take();
            let room = height
                - figure
                    .clone()
                    .map_or(Pt::new(0.0), |f| figure_height(elements, f));
            carry = continue_notes(elements, &mut frame, carry, room, gap, leading);
            if let Some(figure) = figure {
                place_figure(elements, &mut frame, figure, leading);
            }
            frame.end = i;
            frame.carry_out = carry.clone();
            frames.push(frame);
            continue;
        }
        // A page break, and a blank page when the chapter must open on a recto.
        if let Element::PageBreak { recto } = &elements[i] {
            let is_recto_next = frames.len().is_multiple_of(2) == first_is_recto;
            if *recto && !is_recto_next && !frames.is_empty() {
                frames.push(Frame {
                    chapter: chapter.clone(),
                    is_blank: true,
                    // Paging again after it starts past the page break.
                    end: i + 1,
                    ..Frame::default()
                });
            }
            i += 1;
            continue;
        }
        let mut frame = Frame {
            chapter: chapter.clone(),
            is_opening: pending_opening,
            ..Frame::default()
        };
        pending_opening = false;
        let height = if frames.is_empty() {
            first_height.unwrap_or(height)
        } else {
            height
        };
        let carried = std::mem::take(&mut carry);
        let figure = deferred.take();
        let opens_with_figure = figure.is_some();
        // Notes carried over leave room for a figure carried over, and two lines of text.
        let room = height
            - figure
                .clone()
                .map_or(Pt::new(0.0), |f| figure_height(elements, f));
        let mut left_over = continue_notes(elements, &mut frame, carried, room, gap, leading);
        // The bottom of the text so far (notes go below it).
        let (mut y, mut text_bottom) = match figure {
            Some(figure) => place_figure(elements, &mut frame, figure, leading),
            None => (Pt::new(0.0), Pt::new(0.0)),
        };
        let mut last_break: Option<(usize, usize)> = None; // (element index, placed count)
        let start = i;
        let mut j = i;
        let mut next = elements.len();
        while j < elements.len() {
            let element = &elements[j];
            match element {
                Element::PageBreak { .. } => {
                    next = j;
                    break;
                }
                Element::ChapterStart { title } => {
                    chapter = Some(title.clone());
                    if frame.placed.is_empty() {
                        frame.chapter = chapter.clone();
                        frame.is_opening = true;
                    } else {
                        pending_opening = true;
                    }
                    j += 1;
                    continue;
                }
                Element::Anchor(_) => {
                    frame.placed.push((j, y));
                    j += 1;
                    continue;
                }
                Element::SnapToGrid => {
                    let lines = (y / leading - 1e-6).ceil().max(0.0);
                    y = leading * lines;
                    j += 1;
                    continue;
                }
                Element::Note(note) => {
                    // Right after its reference line: as many rows as fit, the rest carried
                    // over (a note the page cannot start at all goes over whole).
                    let above = if frame.foot.is_empty() {
                        gap
                    } else {
                        Pt::new(0.0)
                    };
                    let mut foot = frame.foot_height + above;
                    let mut rows = 0;
                    // The first lines of the notes after it on the same line stay free.
                    let reserve: Pt = elements[j + 1..]
                        .iter()
                        .map_while(|e| match e {
                            Element::Note(next) => {
                                Some(next.rows.first().map_or(Pt::new(0.0), Element::height))
                            }
                            _ => None,
                        })
                        .sum();
                    // Notes carried from the page before and still unfinished go first; a note of
                    // this page that goes on does not stop the next note of its line.
                    if !left_over.iter().any(|&(e, _)| e < start) {
                        for row in &note.rows {
                            if !height.fits(text_bottom + foot + row.height() + reserve) {
                                break;
                            }
                            foot += row.height();
                            rows += 1;
                        }
                    }
                    if rows > 0 {
                        frame.foot.push((j, 0..rows));
                        frame.foot_height = foot;
                    }
                    if rows < note.rows.len() {
                        left_over.push((j, rows));
                    }
                }
                Element::Space {
                    height: h,
                    is_discardable,
                    ..
                } => {
                    if *is_discardable && !has_content(elements, &frame) {
                        j += 1;
                        continue;
                    }
                    if !height.fits(y + *h + frame.foot_height) {
                        // Space at the foot of a page vanishes; the page ends here.
                        next = j + 1;
                        break;
                    }
                    frame.placed.push((j, y));
                    y += *h;
                }
                Element::Line {
                    height: h,
                    baseline,
                    ..
                } => {
                    let need = notes_after(elements, j, &frame, gap);
                    let full = !left_over.is_empty() && need > Pt::new(0.0);
                    if (full || !height.fits(y + *baseline + frame.foot_height + need))
                        && has_content(elements, &frame)
                    {
                        next = match last_break {
                            Some((k, count)) => {
                                frame.placed.truncate(count);
                                k + 1
                            }
                            None => j, // nothing allows a break: the page is full here
                        };
                        break;
                    }
                    frame.placed.push((j, y));
                    y += *h;
                    text_bottom = y - *h + *baseline;
                }
                Element::TableBand {
                    band,
                    header: Some(back),
                    ..
                } if frame.header.is_none()
                    && !has_content(elements, &frame)
                    && matches!(
                        elements.get(j.wrapping_sub(*back)),
                        Some(Element::TableBand { .. })
                    ) =>
                {
                    // A table continues: its header first, then the band.
                    if let Some(Element::TableBand { band: head, .. }) = elements.get(j - back) {
                        frame.header = Some((j - back, y));
                        y += head.height;
                    }
                    frame.placed.push((j, y));
                    y += band.height;
                    text_bottom = y;
                }
                Element::TableBand { band, .. } => {
                    if !height.fits(y + band.height + frame.foot_height)
                        && has_content(elements, &frame)
                    {
                        next = match last_break {
                            Some((k, count)) => {
                                frame.placed.truncate(count);
                                k + 1
                            }
                            None => j, // a row taller than the page splits between its lines
                        };
                        break;
                    }
                    frame.placed.push((j, y));
                    y += band.height;
                    text_bottom = y;
                }
                Element::Image { height: h, .. } => {
                    if !height.fits(y + *h + frame.foot_height) && has_content(elements, &frame) {
                        // The figure (with its caption) goes to the top of the next page and
                        // the text after it fills this one, unless the chapter ends there.
                        let end = figure_end(elements, j);
                        if deferred.is_none()
                            && elements
                                .get(end)
                                .is_some_and(|e| !matches!(e, Element::PageBreak { .. }))
                        {
                            deferred = Some(j..end);
                            j = end;
                            continue;
                        }
                        next = match last_break {
                            Some((k, count)) if k + 1 > start => {
                                frame.placed.truncate(count);
                                k + 1
                            }
                            _ => j,
                        };
                        break;
                    }
                    frame.placed.push((j, y));
                    y += *h;
                    text_bottom = y;
                }
            }
            // A page may break after a line only once the notes it carries are placed.
            if element.allows_break_after()
                && !matches!(elements.get(j + 1), Some(Element::Note(_)))
            {
                last_break = Some((j, frame.placed.len()));
            }
            j += 1;
        }
        if j >= elements.len() && next == elements.len() {
            next = j;
        }
        // Anchors left after the last element placed belong to the next page.
        while let Some(&(k, _)) = frame.placed.last() {
            if matches!(elements[k], Element::Anchor(_)) && k + 1 >= next {
                frame.placed.pop();
                next = next.min(k);
            } else {
                break;
            }
        }
        if next <= i && !opens_with_figure {
            next = i + 1; // always make progress (a page that took a figure made some)
        }
        // Notes whose reference went to the next page go with it.
        let kept = |e: usize| e < start || e < next;
        frame.foot.retain(|(e, _)| kept(*e));
        left_over.retain(|(e, _)| kept(*e));
        frame.foot_height = foot_height(elements, &frame.foot, gap);
        // Notes the page could not finish start the next page's foot.
        carry = left_over;
        // A figure moved on stays moved only if the page kept the text before it.
        if deferred.as_ref().is_some_and(|f| f.start >= next) {
            deferred = None;
        }
        frame.end = next;
        frame.carry_out = carry.clone();
        frame.defers = deferred.is_some();
        if frame
            .placed
            .iter()
            .any(|&(k, _)| !matches!(elements[k], Element::Anchor(_)))
            || frame.is_opening
            || !frame.foot.is_empty()
        {
            frames.push(frame);
        } else if let Some(last) = frames.last_mut() {
            // Only anchors: they belong to the end of the previous page.
            last.placed.extend(frame.placed);
            last.end = frame.end;
            last.carry_out = frame.carry_out;
            last.defers = frame.defers;
        }
        i = next;
    }
    frames
}

/// The end (exclusive) of the figure whose image is element `j`: the image and what is kept
/// with it (its caption).
fn figure_end(elements: &[Element], j: usize) -> usize {
    let mut end = j;
    while end < elements.len() && !elements[end].allows_break_after() {
        end += 1;
    }
    (end + 1).min(elements.len())
}

/// The height a figure moved on takes at the top of a page.
fn figure_height(elements: &[Element], figure: Range<usize>) -> Pt {
    figure.map(|e| elements[e].height()).sum()
}

/// Places a figure moved from the page before at the top of `frame`; returns the y where
/// the text goes on (on the baseline grid, half a line below) and the figure's bottom.
fn place_figure(
    elements: &[Element],
    frame: &mut Frame,
    figure: Range<usize>,
    leading: Pt,
) -> (Pt, Pt) {
    let mut y = Pt::new(0.0);
    let mut bottom = Pt::new(0.0);
    for e in figure {
        match &elements[e] {
            Element::Line { baseline, .. } => {
                frame.placed.push((e, y));
                bottom = y + *baseline;
            }
            Element::Image { height, .. } => {
                frame.placed.push((e, y));
                bottom = y + *height;
            }
            Element::Space { .. } | Element::Anchor(_) => frame.placed.push((e, y)),
            _ => {}
        }
        y += elements[e].height();
    }
    let y = y + leading * 0.5;
    let lines = (y / leading - 1e-6).ceil().max(0.0);
    (leading * lines, bottom)
}

/// The foot height needed for the notes right after line `j`: their first rows, and the
/// gap above the foot when the page has no notes yet.
fn notes_after(elements: &[Element], j: usize, frame: &Frame, gap: Pt) -> Pt {
    let mut need = Pt::new(0.0);
    for element in &elements[j + 1..] {
        let Element::Note(note) = element else { break };
        if need == Pt::new(0.0) && frame.foot.is_empty() {
            need = gap;
        }
        need += note.rows.first().map_or(Pt::new(0.0), Element::height);
    }
    need
}

/// The height of a foot: the gap above it and its rows.
fn foot_height(elements: &[Element], foot: &[(usize, Range<usize>)], gap: Pt) -> Pt {
    if foot.is_empty() {
        return Pt::new(0.0);
    }
    let rows: Pt = foot
        .iter()
        .map(|(e, rows)| match &elements[*e] {
            Element::Note(note) => note.rows[rows.clone()].iter().map(Element::height).sum(),
            _ => Pt::new(0.0),
        })
        .sum();
    gap + rows
}

/// Starts the foot of `frame` with notes continued from the page before, leaving at least
/// two lines for text. Returns what still does not fit.
fn continue_notes(
    elements: &[Element],
    frame: &mut Frame,
    carry: Vec<(usize, usize)>,
    height: Pt,
    gap: Pt,
    leading: Pt,
) -> Vec<(usize, usize)> {
    let room = height - leading * 2.0;
    let mut left = Vec::new();
    for (e, first) in carry {
        let Element::Note(note) = &elements[e] else {
            continue;
        };
        if !left.is_empty() {
            left.push((e, first));
            continue;
        }
        let mut foot = if frame.foot.is_empty() {
            gap
        } else {
            frame.foot_height
        };
        let mut end = first;
        while end < note.rows.len() && room.fits(foot + note.rows[end].height()) {
            foot += note.rows[end].height();
            end += 1;
        }
        // Always move on, even when a single row is taller than the page.
        if end == first && frame.foot.is_empty() {
            foot += note.rows[end].height();
            end += 1;
        }
        if end > first {
            frame.foot.push((e, first..end));
            frame.foot_height = foot;
        }
        if end < note.rows.len() {
            left.push((e, end));
        }
    }
    left
}

/// Whether anything other than anchors and spaces is on the frame yet.
fn has_content(elements: &[Element], frame: &Frame) -> bool {
    frame.placed.iter().any(|&(k, _)| {
        matches!(
            elements[k],
            Element::Line { .. }
                | Element::Image { .. }
                | Element::TableBand { .. }
                | Element::Space {
                    is_discardable: false,
                    ..
                }
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::text::Line;

    fn line(keep: bool) -> Element {
        Element::Line {
            line: Line::default(),
            x: Pt::new(0.0),
            height: Pt::new(10.0),
            baseline: Pt::new(8.0),
            keep_with_next: keep,
        }
    }

    fn paragraph(n: usize) -> Vec<Element> {
        (0..n)
            .map(|k| line(n >= 2 && (k == 0 || k + 2 == n)))
            .collect()
    }

    fn figure(height: f64) -> Element {
        Element::Image {
            image: 0,
            x: Pt::new(0.0),
            width: Pt::new(50.0),
            height: Pt::new(height),
            keep_with_next: false,
        }
    }

    fn lines_per_page(frames: &[Frame]) -> Vec<usize> {
        frames.iter().map(|f| f.placed.len()).collect()
    }

    #[test]
    fn pages_fill_to_the_text_block() {
        let elements = paragraph(25);
        let frames = paginate(&elements, Pt::new(100.0), Pt::new(10.0), true);
        assert_eq!(lines_per_page(&frames), vec![10, 10, 5]);
    }

    #[test]
    fn no_widow_no_orphan() {
        // 9 lines fill the page; a 3-line paragraph cannot split, so it moves whole.
        let mut elements = paragraph(9);
        elements.extend(paragraph(3));
        let frames = paginate(&elements, Pt::new(100.0), Pt::new(10.0), true);
        assert_eq!(lines_per_page(&frames), vec![9, 3]);
        // A 4-line paragraph after 8 lines: 2 + 2 (not 1 + 3 or 3 + 1).
        let mut elements = paragraph(8);
        elements.extend(paragraph(4));
        let frames = paginate(&elements, Pt::new(100.0), Pt::new(10.0), true);
        assert_eq!(lines_per_page(&frames), vec![10, 2]);
        let mut elements = paragraph(9);
        elements.extend(paragraph(4));
        let frames = paginate(&elements, Pt::new(100.0), Pt::new(10.0), true);
        assert_eq!(lines_per_page(&frames), vec![9, 4]);
    }

    #[test]
    fn a_figure_that_does_not_fit_moves_on_and_the_text_fills_the_page() {
        let mut elements = paragraph(8);
        elements.push(figure(40.0));
        elements.extend(paragraph(5));
        let frames = paginate(&elements, Pt::new(100.0), Pt::new(10.0), true);
        // Page 1: the 8 lines, then 2 lines of the text after the figure (no hole).
        assert_eq!(
            frames[0].placed.iter().map(|p| p.0).collect::<Vec<_>>(),
            vec![0, 1, 2, 3, 4, 5, 6, 7, 9, 10]
        );
        // Page 2: the figure on top, then the rest of the text on the grid below it.
        assert_eq!(frames[1].placed[0], (8, Pt::new(0.0)));
        assert_eq!(
            frames[1].placed[1..]
                .iter()
                .map(|p| p.0)
                .collect::<Vec<_>>(),
            vec![11, 12, 13]
        );
        assert_eq!(frames[1].placed[1].1, Pt::new(50.0));
        // A figure at the end of a chapter just goes to the next page.
        let mut elements = paragraph(8);
        elements.push(figure(40.0));
        let frames = paginate(&elements, Pt::new(100.0), Pt::new(10.0), true);
        assert_eq!(lines_per_page(&frames), vec![8, 1]);
    }

    fn note(rows: usize) -> Element {
        let row = Element::Line {
            line: Line::default(),
            x: Pt::new(0.0),
            height: Pt::new(8.0),
            baseline: Pt::new(6.0),
            keep_with_next: false,
        };
        Element::Note(Box::new(crate::typeset::flow::Footnote {
            rows: vec![row; rows],
            break_after: true,
            ..Default::default()
        }))
    }

    #[test]
    fn two_notes_on_one_line_both_start_on_its_page() {
        // Seven lines; the last refers to a long note and a short one. The long one gives up
        // rows so that the short one starts on the page too; the rest goes on.
        let mut elements: Vec<Element> = (0..7).map(|_| line(false)).collect();
        elements.push(note(5));
        elements.push(note(2));
        elements.extend((0..3).map(|_| line(false)));
        let frames = paginate(&elements, Pt::new(100.0), Pt::new(10.0), true);
        assert_eq!(frames[0].foot, vec![(7, 0..1), (8, 0..1)]);
        assert_eq!(frames[0].placed.len(), 7);
        // The next page's foot goes on with both notes.
        assert_eq!(frames[1].foot, vec![(7, 1..5), (8, 1..2)]);
    }

    #[test]
    fn recto_chapters_get_a_blank_verso() {
        let mut elements = vec![
            Element::PageBreak { recto: true },
            Element::ChapterStart {
                title: "One".into(),
            },
        ];
        elements.extend(paragraph(5));
        elements.push(Element::PageBreak { recto: true });
        elements.push(Element::ChapterStart {
            title: "Two".into(),
        });
        elements.extend(paragraph(5));
        let frames = paginate(&elements, Pt::new(100.0), Pt::new(10.0), true);
        assert_eq!(frames.len(), 3);
        assert!(frames[1].is_blank);
        assert!(frames[0].is_opening && frames[2].is_opening);
        assert_eq!(frames[2].chapter.as_deref(), Some("Two"));
    }
}
