//! Paging on small lists: filling the text block, widows and orphans, figures that move on,
//! footnotes at the foot, tables that repeat their header, paging a list fed in parts,
//! filling short pages and balancing spreads.

use std::sync::Arc;

use super::*;
use crate::typeset::list::{Footnote, NoteRow, Pos, SetLine, TableBand, TextBlock};
use crate::typeset::table::tests::{AREA, fonts, setter, table};
use crate::typeset::table::{self, Area};
use crate::typeset::text::{Align, Layout, Line};
use crate::units::Pt;

pub(super) fn pt(v: f64) -> Pt {
    Pt::new(v)
}

fn set_line(keep: bool) -> SetLine {
    SetLine {
        line: Line::default(),
        x: pt(0.0),
        height: pt(10.0),
        baseline: pt(8.0),
        keep_with_next: keep,
        notes: Vec::new(),
    }
}

/// A paragraph of `n` lines with widow and orphan control.
fn paragraph(n: usize) -> Element {
    Element::Text(TextBlock {
        lines: (0..n)
            .map(|k| set_line(n >= 2 && (k == 0 || k + 2 == n)))
            .collect(),
        ..TextBlock::default()
    })
}

fn figure(height: f64) -> Element {
    Element::Image {
        image: 0,
        x: pt(0.0),
        width: pt(50.0),
        height: pt(height),
        keep_with_next: false,
        is_plate: false,
        source: None,
    }
}

/// Lays out every page of `elements` (no filling, no balancing) in a text block `height`
/// tall on a 10 pt grid.
fn pages(list: &ChapterList, height: f64) -> Vec<Frame> {
    pages_on_grid(list, height, 10.0)
}

fn whole(elements: Vec<Element>) -> ChapterList {
    ChapterList::whole(0, elements)
}

fn lines_per_page(frames: &[Frame]) -> Vec<usize> {
    frames.iter().map(|f| f.placed.len()).collect()
}

pub(super) fn at(element: u32, line: u32) -> Pos {
    Pos {
        element,
        line,
        note: 0,
    }
}

#[test]
fn pages_fill_to_the_text_block() {
    let list = whole(vec![paragraph(25)]);
    assert_eq!(lines_per_page(&pages(&list, 100.0)), vec![10, 10, 5]);
}

#[test]
fn no_widow_no_orphan() {
    // 9 lines fill the page; a 3-line paragraph cannot split, so it moves whole.
    let list = whole(vec![paragraph(9), paragraph(3)]);
    assert_eq!(lines_per_page(&pages(&list, 100.0)), vec![9, 3]);
    // A 4-line paragraph after 8 lines: 2 + 2 (not 1 + 3 or 3 + 1).
    let list = whole(vec![paragraph(8), paragraph(4)]);
    assert_eq!(lines_per_page(&pages(&list, 100.0)), vec![10, 2]);
    let list = whole(vec![paragraph(9), paragraph(4)]);
    assert_eq!(lines_per_page(&pages(&list, 100.0)), vec![9, 4]);
}

#[test]
fn a_figure_that_does_not_fit_moves_on_and_the_text_fills_the_page() {
    let list = whole(vec![paragraph(8), figure(40.0), paragraph(5)]);
    let frames = pages(&list, 100.0);
    // Page 1: the 8 lines, then 2 lines of the text after the figure (no hole).
    let mut first: Vec<Pos> = (0..8).map(|k| at(0, k)).collect();
    first.extend([at(2, 0), at(2, 1)]);
    assert_eq!(
        frames[0].placed.iter().map(|p| p.0).collect::<Vec<_>>(),
        first
    );
    // Page 2: the figure on top, then the rest of the text on the grid below it.
    assert_eq!(frames[1].placed[0], (at(1, 0), pt(0.0)));
    assert_eq!(
        frames[1].placed[1..]
            .iter()
            .map(|p| p.0)
            .collect::<Vec<_>>(),
        vec![at(2, 2), at(2, 3), at(2, 4)]
    );
    assert_eq!(frames[1].placed[1].1, pt(50.0));
    // A figure at the end of a chapter just goes to the next page.
    let list = whole(vec![paragraph(8), figure(40.0)]);
    assert_eq!(lines_per_page(&pages(&list, 100.0)), vec![8, 1]);
}

#[test]
fn a_figure_a_little_too_tall_is_set_smaller_to_stay_on_its_page() {
    // 40 pt are left under 6 lines: a 45 pt figure stays at 8/9 of its size.
    let list = whole(vec![paragraph(6), figure(45.0), paragraph(5)]);
    let frames = pages(&list, 100.0);
    assert_eq!(lines_per_page(&frames), vec![7, 5]);
    assert_eq!(frames[0].placed[6], (at(1, 0), pt(60.0)));
    let scale = frames[0].scale_of(at(1, 0));
    assert!((scale - 40.0 / 45.0).abs() < 1e-9, "{scale}");
    assert_eq!(frames[1].scale_of(at(2, 0)), 1.0);
    // Below 80% it moves to the next page instead, at its full size.
    let list = whole(vec![paragraph(6), figure(60.0), paragraph(5)]);
    let frames = pages(&list, 100.0);
    assert!(frames[0].scaled.is_empty());
    assert_eq!(frames[1].placed[0], (at(1, 0), pt(0.0)));
    assert_eq!(frames[1].scale_of(at(1, 0)), 1.0);
}

fn plate(height: f64) -> Element {
    match figure(height) {
        Element::Image {
            image,
            x,
            width,
            height,
            keep_with_next,
            source,
            ..
        } => Element::Image {
            image,
            x,
            width,
            height,
            keep_with_next,
            is_plate: true,
            source,
        },
        other => other,
    }
}

#[test]
fn a_plate_gets_a_page_of_its_own_and_the_text_fills_the_page_before() {
    let list = whole(vec![paragraph(8), plate(80.0), paragraph(5)]);
    let frames = pages(&list, 100.0);
    // Page 1: the 8 lines and 2 of the paragraph after the plate; page 2: the plate alone,
    // centred; page 3: the rest of the text.
    assert_eq!(lines_per_page(&frames), vec![10, 1, 3]);
    assert_eq!(frames[0].placed[8].0, at(2, 0));
    assert!(!frames[0].is_plate && frames[1].is_plate && !frames[2].is_plate);
    assert_eq!(frames[1].placed[0], (at(1, 0), pt(10.0)));
    assert_eq!(frames[2].placed[0], (at(2, 2), pt(0.0)));
    // A plate that opens a page takes it whole, even with room for text below it.
    let list = whole(vec![plate(50.0), paragraph(5)]);
    let frames = pages(&list, 100.0);
    assert_eq!(lines_per_page(&frames), vec![1, 5]);
    assert!(frames[0].is_plate);
    assert_eq!(frames[0].placed[0], (at(0, 0), pt(25.0)));
}

#[test]
fn a_plate_that_ends_its_chapter_stays_smaller_when_half_of_it_fits() {
    // 70 pt are left under 3 lines: the plate stays at 70% of its size.
    let list = whole(vec![paragraph(3), plate(100.0)]);
    let frames = pages(&list, 100.0);
    assert_eq!(lines_per_page(&frames), vec![4]);
    assert!((frames[0].scale_of(at(1, 0)) - 0.7).abs() < 1e-9);
    // With 20 pt left it goes to a page of its own.
    let list = whole(vec![paragraph(8), plate(100.0)]);
    let frames = pages(&list, 100.0);
    assert_eq!(lines_per_page(&frames), vec![8, 1]);
    assert!(frames[1].is_plate);
}

#[test]
fn footnotes_continued_wait_past_a_plate() {
    // A note of 12 rows on the first page's last line: what the page cannot hold goes past
    // the plate's page to the page after it.
    let mut first = paragraph(6);
    if let Element::Text(block) = &mut first {
        block.lines[5].notes.push(note(12));
    }
    let list = whole(vec![first, plate(80.0), paragraph(5)]);
    let frames = pages(&list, 100.0);
    let plate_page = frames
        .iter()
        .position(|f| f.is_plate)
        .expect("a plate page");
    assert!(frames[plate_page].foot.is_empty());
    assert!(!frames[plate_page].next.carry.is_empty());
    assert!(!frames[plate_page + 1].foot.is_empty());
}

#[test]
fn a_line_kept_with_a_space_that_does_not_fit_goes_on_with_it() {
    // A one-line label kept with the space under it (and what follows): the space does not
    // fit under the label at the foot, so the label goes to the next page too.
    let label = Element::Text(TextBlock {
        lines: vec![set_line(true)],
        ..TextBlock::default()
    });
    let space = Element::Space {
        height: pt(15.0),
        is_discardable: true,
        keep_with_next: true,
    };
    let list = whole(vec![paragraph(9), label, space, paragraph(4)]);
    let frames = pages(&list, 100.0);
    assert_eq!(frames[0].placed.len(), 9);
    assert_eq!(frames[1].placed[0].0, at(1, 0));
}

/// Eight lines, then `image` kept with a one-line caption that refers to a note of two
/// rows, then five lines.
fn figure_with_noted_caption(mut image: Element) -> ChapterList {
    if let Element::Image { keep_with_next, .. } = &mut image {
        *keep_with_next = true;
    }
    let mut caption = set_line(false);
    caption.notes.push(note(2));
    let caption = Element::Text(TextBlock {
        lines: vec![caption],
        ..TextBlock::default()
    });
    whole(vec![paragraph(8), image, caption, paragraph(5)])
}

#[test]
fn a_footnote_in_a_plate_caption_goes_to_the_next_page_foot() {
    let list = figure_with_noted_caption(plate(70.0));
    let frames = pages(&list, 100.0);
    let k = frames
        .iter()
        .position(|f| f.is_plate)
        .expect("a plate page");
    assert!(frames[k].foot.is_empty());
    assert!(!frames[k].next.carry.is_empty(), "the note goes on");
    assert!(
        !frames[k + 1].foot.is_empty(),
        "the note is at the next page's foot"
    );
}

#[test]
fn a_footnote_in_the_caption_of_a_figure_moved_on_is_at_the_foot_of_its_page() {
    // 20 pt are left under the text: the figure moves to the next page's top and the
    // text after it fills this page.
    let list = figure_with_noted_caption(figure(50.0));
    let frames = pages(&list, 100.0);
    assert!(frames[0].foot.is_empty());
    assert_eq!(frames[1].placed[0].0, at(1, 0), "the figure opens page 2");
    assert_eq!(
        frames[1].foot.first().map(|(_, rows)| rows.start),
        Some(0),
        "its caption's note starts at page 2's foot"
    );
    let rows: usize = (frames.iter())
        .flat_map(|f| &f.foot)
        .map(|(_, rows)| rows.len())
        .sum();
    assert_eq!(rows, 2, "both rows of the note are printed");
}

fn scene_space() -> Element {
    Element::SceneSpace {
        mark: Box::new(set_line(false)),
    }
}

#[test]
fn a_scene_break_set_as_space_shows_its_mark_where_a_page_breaks_at_it() {
    // Inside a page: a blank line, no mark.
    let list = whole(vec![paragraph(3), scene_space(), paragraph(3)]);
    let frames = pages(&list, 100.0);
    assert_eq!(lines_per_page(&frames), vec![7]);
    assert!(frames[0].scene_marks.is_empty());
    // At the foot (the text after it does not fit): not left blank there, but opening the
    // next page with its mark.
    let list = whole(vec![paragraph(9), scene_space(), paragraph(5)]);
    let frames = pages(&list, 100.0);
    assert_eq!(lines_per_page(&frames), vec![9, 6]);
    assert_eq!(frames[1].placed[0], (at(1, 0), pt(0.0)));
    assert_eq!(frames[1].scene_marks, vec![at(1, 0)]);
    // When it does not fit at all, likewise.
    let list = whole(vec![paragraph(10), scene_space(), paragraph(5)]);
    let frames = pages(&list, 100.0);
    assert_eq!(frames[1].scene_marks, vec![at(1, 0)]);
}

fn note(rows: usize) -> Footnote {
    let row = NoteRow {
        line: Some(Line::default()),
        x: pt(0.0),
        height: pt(8.0),
        baseline: pt(6.0),
        links: Arc::default(),
    };
    Footnote {
        rows: vec![row; rows],
        ..Footnote::default()
    }
}

#[test]
fn two_notes_on_one_line_both_start_on_its_page() {
    // Seven lines; the last refers to a long note and a short one. The long one gives up
    // rows so that the short one starts on the page too; the rest goes on.
    let mut lines: Vec<SetLine> = (0..7).map(|_| set_line(false)).collect();
    lines[6].notes = vec![note(5), note(2)];
    let text = Element::Text(TextBlock {
        lines,
        ..TextBlock::default()
    });
    let list = whole(vec![text, paragraph(3)]);
    let frames = pages(&list, 100.0);
    let long = Pos {
        note: 1,
        ..at(0, 6)
    };
    let short = Pos {
        note: 2,
        ..at(0, 6)
    };
    assert_eq!(frames[0].foot, vec![(long, 0..1), (short, 0..1)]);
    assert_eq!(frames[0].placed.len(), 7);
    // The next page's foot goes on with both notes.
    assert_eq!(frames[1].foot, vec![(long, 1..5), (short, 1..2)]);
}

#[test]
fn a_list_paged_in_parts_gives_the_pages_of_the_whole() {
    let elements = vec![
        paragraph(7),
        figure(45.0),
        paragraph(6),
        paragraph(12),
        figure(30.0),
        paragraph(9),
        paragraph(2),
    ];
    let whole_list = whole(elements.clone());
    let expected = pages(&whole_list, 100.0);
    // The same elements arriving one at a time: each page waits until it can be decided.
    let mut list = ChapterList::new(0);
    let mut frames = Vec::new();
    let mut from = Resume::default();
    let mut waits = 0;
    let mut rest = elements.into_iter();
    loop {
        match lay_out(&list, &from, pt(100.0), pt(10.0), frames.is_empty()) {
            Ok(Some(frame)) => {
                from = frame.next.clone();
                frames.push(frame);
            }
            Ok(None) => break,
            Err(NeedMore) => {
                waits += 1;
                match rest.next() {
                    Some(element) => list.extend([element]),
                    None => list.is_complete = true,
                }
            }
        }
    }
    assert!(waits > 5);
    assert_eq!(frames.len(), expected.len());
    for (a, b) in frames.iter().zip(&expected) {
        assert_eq!(a.placed, b.placed);
        assert_eq!(a.next, b.next);
    }
}

/// The first two pages of `list` (10 lines of 10 pt each), as a spread to balance.
fn first_spread(list: &ChapterList) -> (Laid, Laid) {
    let frames = pages(list, 100.0);
    let verso = Laid {
        frame: frames[0].clone(),
        from: Resume::default(),
    };
    let recto = Laid {
        from: frames[0].next.clone(),
        frame: frames[1].clone(),
    };
    (verso, recto)
}

#[test]
fn a_verso_gives_up_lines_so_that_the_spread_ends_level() {
    // Page 1 (a verso here) takes 10 lines; page 2 cannot: its last paragraph of 3 lines
    // (no widow, no orphan) moves whole, leaving it two lines short. Balancing shortens the
    // verso by two lines, then the recto (which now holds more) too: both end on line 8.
    let mut list = whole(vec![
        paragraph(12),
        paragraph(6),
        paragraph(3),
        paragraph(6),
    ]);
    let m = real_measures();
    let (mut verso, mut recto) = first_spread(&list);
    assert_eq!(room_left(&verso.frame, &list, &m), 0);
    assert_eq!(room_left(&recto.frame, &list, &m), 2);
    let fonts = fonts();
    let mut setter = setter(&fonts);
    balance::balance(&mut list, &mut setter, &m, &mut verso, &mut recto).expect("a whole list");
    assert_eq!(room_left(&verso.frame, &list, &m), 2);
    assert_eq!(room_left(&recto.frame, &list, &m), 2);
    assert_eq!(recto.from, verso.frame.next);
}

/// The measures of the tests that balance or fill pages: 10 lines of 10 pt on a 300 pt
/// measure.
fn real_measures() -> crate::typeset::design::Measures {
    crate::typeset::design::Measures {
        width: pt(300.0),
        height: pt(100.0),
        size: pt(8.0),
        leading: pt(10.0),
    }
}

/// A real paragraph of justified text, at most 8 lines, that can take one more line with
/// evenly spaced words; and its line count.
fn paragraph_that_can_take_a_line(setter: &mut Setter, m: &Measures) -> (Element, usize) {
    let sentence = "The whale, the sea and the ship went on through the long grey morning, \
                    and the men at the masthead watched the water for a sign of spouting. ";
    let layout = crate::typeset::text::Layout {
        size: m.size,
        measure: m.width,
        indent: pt(0.0),
        align: Align::Justify,
        looseness: 0,
    };
    let (text, set) = (0..60)
        .find_map(|k| {
            let mut text = crate::typeset::text::Text::default();
            text.push(
                &format!(
                    "{}{}",
                    sentence.repeat(2),
                    "and so the ship sailed on ".repeat(k)
                ),
                crate::typeset::text::Format::plain(crate::typeset::text::Style::Regular),
            );
            let set = setter.set(&text, &layout);
            let looser = setter.set(
                &text,
                &Layout {
                    looseness: 1,
                    ..layout
                },
            );
            let n = set.lines.len();
            (n <= 8
                && looser.lines.len() == n + 1
                && looser.lines[..n].iter().all(|l| l.space_ratio <= 0.6))
            .then_some((text, set))
        })
        .expect("a paragraph that can take a line");
    let n = set.lines.len();
    let block = Element::Text(TextBlock {
        lines: crate::typeset::flow::paragraph_lines(set.lines, pt(0.0), m.leading, m.size),
        refill: Some(Box::new(crate::typeset::list::Refill {
            text,
            layout,
            x: pt(0.0),
            leading: m.leading,
        })),
        ..TextBlock::default()
    });
    (block, n)
}

fn lines_of(list: &ChapterList, e: u32) -> usize {
    match list.get(e) {
        Some(Element::Text(block)) => block.lines.len(),
        _ => panic!("no paragraph at {e}"),
    }
}

#[test]
fn a_short_page_is_filled_by_setting_a_paragraph_one_line_longer() {
    let fonts = fonts();
    let mut setter = setter(&fonts);
    let m = real_measures();
    // The paragraph, then 3-line paragraphs that cannot split.
    let (block, n) = paragraph_that_can_take_a_line(&mut setter, &m);
    let filler = 9 - n; // lines before the 3-line paragraphs so that the page ends 1 short
    let mut list = whole(vec![
        paragraph(filler),
        block,
        paragraph(3),
        paragraph(3),
        paragraph(3),
    ]);
    let frame = lay_out(&list, &Resume::default(), m.height, m.leading, true)
        .expect("whole")
        .expect("a page");
    assert_eq!(room_left(&frame, &list, &m), 1);
    let filled = fill::fill(&mut list, &mut setter, &m, &Resume::default(), frame).expect("whole");
    assert_eq!(
        room_left(&filled, &list, &m),
        0,
        "filled: {:?}",
        filled.placed
    );
    assert_eq!(lines_of(&list, 1), n + 1);
}

#[test]
fn a_paragraph_on_the_verso_set_a_line_longer_fills_the_recto() {
    let fonts = fonts();
    let mut setter = setter(&fonts);
    let m = real_measures();
    // The verso: the paragraph (n lines) and the first 10 − n lines of a long one. The
    // recto: its last 6 lines and a 3-line paragraph; the next 3-line paragraph does not
    // fit, so the recto ends a line short. Set a line longer, the paragraph pushes a line
    // of the long one over, and both pages end full.
    let (block, n) = paragraph_that_can_take_a_line(&mut setter, &m);
    let mut list = whole(vec![
        block,
        paragraph(16 - n),
        paragraph(3),
        paragraph(3),
        paragraph(3),
    ]);
    let (mut verso, mut recto) = first_spread(&list);
    assert_eq!(room_left(&verso.frame, &list, &m), 0);
    assert_eq!(room_left(&recto.frame, &list, &m), 1);
    balance::balance(&mut list, &mut setter, &m, &mut verso, &mut recto).expect("whole");
    assert_eq!(room_left(&verso.frame, &list, &m), 0);
    assert_eq!(room_left(&recto.frame, &list, &m), 0);
    assert_eq!(recto.from, verso.frame.next);
    assert_eq!(lines_of(&list, 0), n + 1);
}

#[test]
fn a_paragraph_begun_on_the_page_before_is_not_set_again() {
    let fonts = fonts();
    let mut setter = setter(&fonts);
    let m = real_measures();
    // A figure carried over from the page before opens the page, then the paragraph goes
    // on from its line 2: its first lines are on a page already final, so it is no
    // candidate, though the figure comes before it in the list.
    let (block, _) = paragraph_that_can_take_a_line(&mut setter, &m);
    let (block2, _) = paragraph_that_can_take_a_line(&mut setter, &m);
    let list = whole(vec![figure(30.0), block, block2]);
    let start = at(1, 2);
    let frame = Frame {
        placed: vec![
            (at(0, 0), pt(0.0)),
            (at(1, 2), pt(30.0)),
            (at(2, 0), pt(40.0)),
        ],
        ..Frame::default()
    };
    let tried: Vec<u32> = fill::candidates(&list, start, [&frame])
        .into_iter()
        .map(|(e, _)| e)
        .collect();
    assert!(!tried.contains(&1), "{tried:?}");
    assert!(tried.contains(&2), "{tried:?}");
}

fn bands_of(set: table::SetTable) -> Vec<Element> {
    TableBand::elements(set.bands, Arc::default(), None)
}

fn band_height(list: &ChapterList, pos: Pos) -> Pt {
    match list.item(pos) {
        Some(Item::Other(Element::TableBand(band))) => band.band.height,
        _ => pt(0.0),
    }
}

#[test]
fn a_long_table_breaks_between_rows_and_repeats_its_header() {
    let fonts = fonts();
    let mut setter = setter(&fonts);
    let rows: Vec<Vec<String>> = (0..40)
        .map(|k| vec![format!("row {k}"), format!("{}", k * k)])
        .collect();
    let rows: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    let t = table(&["Row", "Square"], &rows, &[Align::Left, Align::Right]);
    let mut elements = vec![Element::Space {
        height: pt(100.0),
        is_discardable: false,
        keep_with_next: false,
    }];
    elements.extend(bands_of(table::set(&mut setter, &t, &AREA)));
    let list = whole(elements.clone());
    let frames = pages_on_grid(&list, 200.0, 12.0);
    assert!(frames.len() >= 3, "{} pages", frames.len());
    assert!(frames[0].header.is_none());
    let header_height = band_height(&list, at(1, 0));
    let mut rows_seen = 0;
    for (n, frame) in frames.iter().enumerate() {
        let placed_bands = frame
            .placed
            .iter()
            .filter(|(k, _)| matches!(list.item(*k), Some(Item::Other(Element::TableBand(_)))))
            .count();
        if n > 0 {
            // The header opens each continuation page, then the rows.
            let (header, y) = frame.header.as_ref().expect("a repeated header");
            assert_eq!(*y, pt(0.0), "page {n}");
            assert_eq!(header.band.height, header_height);
            assert_eq!(frame.placed[0].1, header_height);
            rows_seen += placed_bands;
        } else {
            // The first page has the header and at least two rows below it.
            assert!(placed_bands >= 3);
            rows_seen += placed_bands - 1;
        }
        if n + 1 == frames.len() {
            assert!(placed_bands >= 2, "a lone last row");
        }
        let bottom = frame
            .placed
            .iter()
            .map(|&(k, y)| y + band_height(&list, k))
            .fold(pt(0.0), Pt::max);
        assert!(pt(200.0).fits(bottom), "page {n} ends at {bottom:?}");
    }
    assert_eq!(rows_seen, 40);
    // Space for little more than the header: the table starts on the next page, whole.
    elements[0] = Element::Space {
        height: pt(175.0),
        is_discardable: false,
        keep_with_next: false,
    };
    let list = whole(elements);
    let frames = pages_on_grid(&list, 200.0, 12.0);
    assert_eq!(
        frames[0].placed.len(),
        1,
        "only the space on the first page"
    );
    assert!(frames[1].header.is_none());
    assert_eq!(frames[1].placed[0], (at(1, 0), pt(0.0)));
}

#[test]
fn a_row_taller_than_the_page_splits_between_its_lines() {
    let fonts = fonts();
    let mut setter = setter(&fonts);
    let prose = "word ".repeat(200);
    let t = table(
        &["Term", "Meaning"],
        &[&["one", &prose], &["two", "short"]],
        &[],
    );
    let narrow = Area {
        width: pt(120.0),
        ..AREA
    };
    let list = whole(bands_of(table::set(&mut setter, &t, &narrow)));
    let frames = pages_on_grid(&list, 100.0, 12.0);
    assert!(frames.len() >= 3, "{} pages", frames.len());
    for (n, frame) in frames.iter().enumerate() {
        if n > 0 {
            assert!(frame.header.is_some(), "page {n} repeats the header");
        }
        for &(k, y) in &frame.placed {
            assert!(
                pt(100.0).fits(y + band_height(&list, k)),
                "page {n} overflows"
            );
        }
    }
}

/// Like `pages`, on a grid of `leading`.
fn pages_on_grid(list: &ChapterList, height: f64, leading: f64) -> Vec<Frame> {
    let mut frames = Vec::new();
    let mut from = Resume::default();
    while let Some(frame) =
        lay_out(list, &from, pt(height), pt(leading), frames.is_empty()).expect("a whole list")
    {
        from = frame.next.clone();
        frames.push(frame);
    }
    frames
}

/// A code block whose source lines take `groups` set lines each, with its keeps.
fn code_block(groups: &[usize]) -> Element {
    Element::Text(TextBlock {
        lines: (crate::typeset::flow::code_keeps(groups).into_iter())
            .map(set_line)
            .collect(),
        ..TextBlock::default()
    })
}

#[test]
fn a_short_code_block_moves_whole_to_the_next_page() {
    // 8 lines fit on a page: after 5 lines of text, a block of 6 goes on whole.
    let list = whole(vec![paragraph(5), code_block(&[1; 6])]);
    assert_eq!(lines_per_page(&pages(&list, 100.0)), vec![5, 6]);
}

#[test]
fn a_long_code_block_leaves_no_single_line_at_a_page_foot_or_head() {
    // After 9 lines, one line of a 12-line block would stand alone at the foot.
    let list = whole(vec![paragraph(9), code_block(&[1; 12])]);
    assert_eq!(lines_per_page(&pages(&list, 100.0)), vec![9, 10, 2]);
    // 11 lines from a page top: 9 + 2, not 10 + 1.
    let list = whole(vec![code_block(&[1; 11])]);
    assert_eq!(lines_per_page(&pages(&list, 100.0)), vec![9, 2]);
    // After 6 lines, a 12-line block breaks between its lines, but not inside a wrapped
    // line (lines 4–6 of the block are one source line).
    let list = whole(vec![
        paragraph(6),
        code_block(&[1, 1, 1, 3, 1, 1, 1, 1, 1, 1]),
    ]);
    assert_eq!(lines_per_page(&pages(&list, 100.0)), vec![9, 9]);
}

#[test]
fn a_space_merged_across_a_snap_to_the_grid_keeps_the_next_line_on_the_grid() {
    // A block ends with half a line of space and snaps to the grid; the next one snaps and
    // asks a whole line. The spaces merge (the larger counts, and the snap's rise is
    // space): one line, and the line after it sits on the grid, not half a line off it.
    // A space asked beyond what the snap gave is rounded up to the grid.
    let space = |h: f64| Element::Space {
        height: pt(h),
        is_discardable: true,
        keep_with_next: false,
    };
    let list = whole(vec![
        paragraph(1),
        space(5.0),
        Element::SnapToGrid,
        Element::SnapToGrid,
        space(10.0),
        paragraph(2),
    ]);
    let y_of = |list: &ChapterList, k: Pos| {
        pages(list, 100.0)[0]
            .placed
            .iter()
            .find(|(p, _)| *p == k)
            .map(|&(_, y)| y.get())
            .expect("the line is placed")
    };
    assert_eq!(y_of(&list, at(5, 0)), 20.0);
    let list = whole(vec![
        paragraph(1),
        space(5.0),
        Element::SnapToGrid,
        space(15.0),
        paragraph(2),
    ]);
    assert_eq!(y_of(&list, at(4, 0)), 30.0);
}
