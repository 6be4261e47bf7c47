//! The vertical list → pages: fills each text block, breaks only where the flow allows
//! (no widows, no orphans, headings kept with their text), keeps body lines on the
//! baseline grid, and starts chapters on new (optionally right-hand) pages.

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
    /// A table header band repeated at the top of the page (element index and y), when a
    /// table continues here.
    pub header: Option<(usize, Pt)>,
}

/// Breaks `elements` into pages of a text block `height` tall with the baseline grid
/// `leading`. `first_is_recto` says whether the first page is a right-hand page.
pub fn paginate(elements: &[Element], height: Pt, leading: Pt, first_is_recto: bool) -> Vec<Frame> {
    let resume = Resume {
        start: 0,
        first_is_recto,
        chapter: None,
        max_pages: usize::MAX,
        first_height: None,
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
    } = resume;
    let mut frames: Vec<Frame> = Vec::new();
    let mut chapter = chapter;
    let mut i = start;
    let mut pending_opening = false;
    while i < elements.len() && frames.len() < max_pages {
        // A page break, and a blank page when the chapter must open on a recto.
        if let Element::PageBreak { recto } = &elements[i] {
            let is_recto_next = frames.len().is_multiple_of(2) == first_is_recto;
            if *recto && !is_recto_next && !frames.is_empty() {
                frames.push(Frame {
                    chapter: chapter.clone(),
                    is_blank: true,
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
        let mut y = Pt::new(0.0);
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
                Element::Space {
                    height: h,
                    is_discardable,
                    ..
                } => {
                    if *is_discardable && !has_content(elements, &frame) {
                        j += 1;
                        continue;
                    }
                    if !height.fits(y + *h) {
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
                    if !height.fits(y + *baseline) && has_content(elements, &frame) {
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
                }
                Element::TableBand { band, .. } => {
                    if !height.fits(y + band.height) && has_content(elements, &frame) {
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
                }
                Element::Image { height: h, .. } => {
                    if !height.fits(y + *h) && has_content(elements, &frame) {
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
                }
            }
            if element.allows_break_after() {
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
        if next <= i {
            next = i + 1; // always make progress
        }
        if frame
            .placed
            .iter()
            .any(|&(k, _)| !matches!(elements[k], Element::Anchor(_)))
            || frame.is_opening
        {
            frames.push(frame);
        } else if let Some(last) = frames.last_mut() {
            // Only anchors: they belong to the end of the previous page.
            last.placed.extend(frame.placed);
        }
        i = next;
    }
    frames
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
    use crate::typeset::paragraph::Line;

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
