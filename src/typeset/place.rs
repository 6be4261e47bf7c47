//! A final frame → its page: every line's glyph runs, the images, table bands and the
//! footnotes at the foot positioned on the page, the anchors and link areas recorded for
//! the links resolved once all pages are known, and where the page begins in the text.

use std::collections::BTreeMap;

use super::design::{self, Measures};
use super::list::{Anchor, BlockSource, ChapterList, Element, Item, LinkGoal, Pos, TableBand};
use super::page::{Page, PageId, Placed, Point, Rect, TextRun};
use super::paginate::Frame;
use super::text::{Line, LineImage};
use crate::doc::{PageSetup, TextPosition};
use crate::units::Pt;

/// What placing the pages records for the book: where each anchor is, the link areas with
/// their goals, and where each page begins in the text.
#[derive(Debug, Default)]
pub struct Placements {
    /// Each anchor's page and the y of its top (the first place it occurs).
    pub anchors: BTreeMap<Anchor, (PageId, Pt)>,
    /// Link areas and where they lead.
    pub links: Vec<(PageId, Rect, LinkGoal)>,
    /// Where each page of the chapters begins in the text (pages without text of their own
    /// have none).
    pub starts: Vec<(PageId, Option<TextPosition>)>,
}

/// Places the frames of the chapters on their pages.
pub struct Placer<'a> {
    /// Page geometry.
    pub setup: &'a PageSetup,
    /// Text block and type.
    pub m: Measures,
    /// What has been recorded so far.
    pub placements: Placements,
    /// The last position placed in the current chapter: a figure moved on is not where the
    /// page after it begins in reading order.
    seen: Option<Pos>,
}

impl<'a> Placer<'a> {
    /// A placer for pages of `setup` with text block `m`.
    pub fn new(setup: &'a PageSetup, m: Measures) -> Placer<'a> {
        Placer {
            setup,
            m,
            placements: Placements::default(),
            seen: None,
        }
    }

    /// The top-left corner of the text block of a recto (`is_recto`) or verso page.
    pub fn text_origin(&self, is_recto: bool) -> (Pt, Pt) {
        text_origin(self.setup, is_recto)
    }

    /// A new chapter starts: positions count from its list's start.
    pub fn start_chapter(&mut self) {
        self.seen = None;
    }

    /// Places `frame` of `list` on page `id`, taking the glyph runs out of the list.
    pub fn place(
        &mut self,
        frame: &Frame,
        list: &mut ChapterList,
        id: PageId,
        is_recto: bool,
    ) -> Page {
        let mut page = Page::default();
        let start = self.start(frame, list);
        self.placements.starts.push((id, start));
        self.seen = frame.placed.iter().map(|&(e, _)| e).chain(self.seen).max();
        let (left, top) = self.text_origin(is_recto);
        if let Some((header, y)) = &frame.header {
            self.band(
                &mut page,
                id,
                header,
                Point {
                    x: left,
                    y: top + *y,
                },
            );
        }
        for &(pos, y) in &frame.placed {
            let Some(item) = list.item(pos) else { continue };
            match item {
                Item::Line(line) => {
                    let base = Point {
                        x: left + line.line.start_in(line.x, self.m.width),
                        y: top + y + line.baseline,
                    };
                    let links = text_links(list, pos);
                    if let Some(line) = line_mut(list, pos) {
                        self.line(&mut page, id, line, base, self.m.size, &links);
                    }
                }
                Item::Other(Element::SceneSpace { mark }) if frame.scene_marks.contains(&pos) => {
                    let base = Point {
                        x: left + mark.x,
                        y: top + y + mark.baseline,
                    };
                    place_runs(&mut page, mark.line.runs.clone(), base);
                }
                Item::Other(Element::Image {
                    image,
                    x,
                    width,
                    height,
                    ..
                }) => {
                    // A figure set smaller to stay on its page keeps its centre.
                    let scale = frame.scale_of(pos);
                    page.items.push(Placed::Image {
                        image: *image,
                        rect: Rect {
                            origin: Point {
                                x: left + *x + *width * (1.0 - scale) * 0.5,
                                y: top + y,
                            },
                            width: *width * scale,
                            height: *height * scale,
                        },
                    });
                }
                Item::Other(Element::TableBand(band)) => {
                    let band = band.as_ref().clone();
                    self.band(
                        &mut page,
                        id,
                        &band,
                        Point {
                            x: left,
                            y: top + y,
                        },
                    );
                }
                Item::Other(Element::Anchor(anchor)) => {
                    self.placements
                        .anchors
                        .entry(anchor.clone())
                        .or_insert((id, top + y));
                }
                _ => {}
            }
        }
        self.foot(&mut page, frame, list, id, left, top);
        page
    }

    /// Footnotes at the foot, under a short rule; the reference and the note's number link
    /// to each other.
    fn foot(
        &mut self,
        page: &mut Page,
        frame: &Frame,
        list: &ChapterList,
        id: PageId,
        left: Pt,
        top: Pt,
    ) {
        let m = self.m;
        // The last row's baseline on the last baseline of the grid, where a full page's
        // last line of text stands.
        let last_depth = frame
            .foot
            .last()
            .and_then(|(e, rows)| match list.item(*e) {
                Some(Item::Note(note)) => {
                    note.rows[..rows.end].last().map(|r| r.height - r.baseline)
                }
                _ => None,
            })
            .unwrap_or(m.leading - m.size);
        let mut y = top + m.grid_height() - frame.foot_height + last_depth - (m.leading - m.size);
        if !frame.foot.is_empty() {
            let rule_y = y + m.leading * design::FOOT_GAP * design::FOOT_RULE_DROP;
            // At the start of the line: the right in a right-to-left book.
            let rule_x = if self.setup.right_to_left {
                left + m.width * (1.0 - design::FOOT_RULE_SHARE)
            } else {
                left
            };
            page.items.push(Placed::Line {
                from: Point {
                    x: rule_x,
                    y: rule_y,
                },
                to: Point {
                    x: rule_x + m.width * design::FOOT_RULE_SHARE,
                    y: rule_y,
                },
                thickness: design::FOOT_RULE_THICKNESS,
            });
            y += m.leading * design::FOOT_GAP;
        }
        for (e, rows) in &frame.foot {
            let reference = frame
                .placed
                .iter()
                .filter(|&&(k, _)| k < *e && matches!(list.item(k), Some(Item::Line(_))))
                .map(|&(_, y)| y)
                .next_back();
            let Some(Item::Note(note)) = list.item(*e) else {
                continue;
            };
            if rows.start == 0 {
                self.placements
                    .anchors
                    .entry(note.anchor.clone())
                    .or_insert((id, y));
                if let Some(ref_y) = reference {
                    self.placements
                        .anchors
                        .entry(note.ref_anchor.clone())
                        .or_insert((id, top + ref_y));
                }
            }
            for row in &note.rows[rows.clone()] {
                if let Some(line) = &row.line {
                    let base = Point {
                        x: left + line.start_in(row.x, m.width),
                        y: y + row.baseline,
                    };
                    let mut line = line.clone();
                    self.line(
                        page,
                        id,
                        &mut line,
                        base,
                        m.size * design::NOTE_SCALE,
                        &row.links,
                    );
                }
                y += row.height;
            }
        }
    }

    /// Puts a table band on the page with its top-left corner (of the text block, at the
    /// band's top) at `origin`. A header band is drawn on every page the table runs to.
    fn band(&mut self, page: &mut Page, id: PageId, band: &TableBand, origin: Point) {
        for (at, line) in &band.band.lines {
            let base = Point {
                x: origin.x + line.start_in(at.x, self.m.width),
                y: origin.y + at.y,
            };
            place_runs(page, line.runs.iter().cloned(), base);
            place_line_extras(page, line, base);
            for (rect, link) in link_rects(line, base, band.band.size) {
                if let Some(goal) = band.links.get(link) {
                    self.placements.links.push((id, rect, goal.clone()));
                }
            }
        }
        for rule in &band.band.rules {
            let y = origin.y + rule.y;
            page.items.push(Placed::Line {
                from: Point {
                    x: origin.x + rule.x,
                    y,
                },
                to: Point {
                    x: origin.x + rule.x + rule.width,
                    y,
                },
                thickness: rule.thickness,
            });
        }
    }

    /// Moves a set line's runs onto the page with its baseline start at `base`, and records
    /// its link areas.
    fn line(
        &mut self,
        page: &mut Page,
        id: PageId,
        line: &mut Line,
        base: Point,
        size: Pt,
        links: &[LinkGoal],
    ) {
        place_runs(page, std::mem::take(&mut line.runs), base);
        place_line_extras(page, line, base);
        for (rect, link) in link_rects(line, base, size) {
            if let Some(goal) = links.get(link) {
                self.placements.links.push((id, rect, goal.clone()));
            }
        }
    }

    /// Where the text of a page begins: the block of its first line, image or table band not
    /// placed on an earlier page, and the word.
    fn start(&self, frame: &Frame, list: &ChapterList) -> Option<TextPosition> {
        let (first, item) = frame
            .placed
            .iter()
            .map(|&(e, _)| e)
            .filter(|&e| self.seen.is_none_or(|s| e > s))
            .filter_map(|e| Some((e, list.item(e)?)))
            .filter(|(_, item)| {
                matches!(
                    item,
                    Item::Line(_) | Item::Other(Element::Image { .. } | Element::TableBand(_))
                )
            })
            .min_by_key(|(e, _)| *e)?;
        let source: &BlockSource = match item {
            Item::Line(_) => match list.get(first.element)? {
                Element::Text(block) => block.source.as_deref()?,
                _ => return None,
            },
            Item::Other(Element::Image { source, .. }) => source.as_deref()?,
            Item::Other(Element::TableBand(band)) => band.source.as_deref()?,
            _ => return None,
        };
        Some(match item {
            Item::Line(line) if !source.text.is_empty() => source.position_at(line.line.text_start),
            _ => source.position.clone(),
        })
    }
}

/// The top-left corner of the text block of a recto (`is_recto`) or verso page.
pub fn text_origin(setup: &PageSetup, is_recto: bool) -> (Pt, Pt) {
    // A right-to-left book's recto is a left-hand page, bound on its right.
    let inner = if is_recto != setup.right_to_left {
        setup.margin_inside
    } else {
        setup.margin_outside
    };
    (setup.bleed + inner, setup.bleed + setup.margin_top)
}

/// The link goals of the text block holding the line at `pos`.
fn text_links(list: &ChapterList, pos: Pos) -> std::sync::Arc<Vec<LinkGoal>> {
    match list.get(pos.element) {
        Some(Element::Text(block)) => block.links.clone(),
        _ => std::sync::Arc::default(),
    }
}

/// The line at `pos`, to move its runs out.
fn line_mut(list: &mut ChapterList, pos: Pos) -> Option<&mut Line> {
    match list.get_mut(pos.element)? {
        Element::Text(block) => block.lines.get_mut(pos.line as usize).map(|l| &mut l.line),
        _ => None,
    }
}

/// Puts glyph runs, set relative to their line's baseline start, on the page at `base`.
pub fn place_runs(page: &mut Page, runs: impl IntoIterator<Item = TextRun>, base: Point) {
    for mut run in runs {
        run.origin = Point {
            x: base.x + run.origin.x,
            y: base.y + run.origin.y,
        };
        page.items.push(Placed::Text(run));
    }
}

/// Puts what a line draws besides its glyphs on the page, its baseline starting at `base`:
/// its images and the strokes through struck-out text.
pub fn place_line_extras(page: &mut Page, line: &Line, base: Point) {
    for strike in &line.strikes {
        let y = base.y - strike.rise;
        page.items.push(Placed::Line {
            from: Point {
                x: base.x + strike.from,
                y,
            },
            to: Point {
                x: base.x + strike.to,
                y,
            },
            thickness: strike.thickness,
        });
    }
    let images: &[LineImage] = &line.images;
    for image in images {
        page.items.push(Placed::Image {
            image: image.image,
            rect: Rect {
                origin: Point {
                    x: base.x + image.x,
                    y: base.y + image.depth - image.height,
                },
                width: image.width,
                height: image.height,
            },
        });
    }
}

/// The link areas of a line of type `size` whose baseline starts at `base`, with the
/// line's link indexes.
pub fn link_rects(line: &Line, base: Point, size: Pt) -> impl Iterator<Item = (Rect, usize)> + '_ {
    line.links.iter().map(move |&(x0, x1, link)| {
        let rect = Rect {
            origin: Point {
                x: base.x + x0,
                y: base.y - size * 0.8,
            },
            width: x1 - x0,
            height: size * 1.05,
        };
        (rect, link)
    })
}
