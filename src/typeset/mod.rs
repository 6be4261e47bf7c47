//! `doc::Book` → `Pages`: shaping, hyphenation, Knuth–Plass line breaking and page building.
//! Pure and deterministic: fonts come in as bytes, pages go out as positioned glyphs.

pub mod fill;
pub mod flow;
pub mod font;
pub mod hyphenate;
pub mod linebreak;
pub mod page;
pub mod paginate;
pub mod paragraph;
pub mod shape;
pub mod table;

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::doc::{Block, Book, Inline, PageSetup};
use crate::error::Error;
use crate::units::Pt;
use flow::{Element, Flow, LinkGoal, Measures};
use font::{FontSet, Style};
use page::{
    FontData, ImageData, Link, LinkTarget, OutlineEntry, Page, PageLabel, Pages, Placed, Point,
    Rect,
};
use paginate::Frame;
use paragraph::{Align, Format, Layout, Setter, Text};

/// Typesets the book. Warnings (overfull lines, missing glyphs, images) come back with the
/// pages.
pub fn typeset(
    book: &Book,
    fonts: &FontSet,
    setup: &PageSetup,
    jobs: usize,
) -> Result<(Pages, Vec<Diagnostic>), Error> {
    let mut setter = new_setter(book, fonts, setup);
    let m = Measures {
        width: setup.trim_width - setup.margin_inside - setup.margin_outside,
        height: setup.trim_height - setup.margin_top - setup.margin_bottom,
        size: setup.font_size,
        leading: setup.leading,
    };
    let (mut elements, links, diags, mut paragraphs, frames) =
        flow_in_parallel(book, fonts, setup, m, jobs);
    // The body starts on page 3, a right-hand page, after the title and copyright pages.
    // Without right-hand openings each chapter is paged on its own thread; with them, the
    // blank pages depend on all that comes before, so the whole book is paged here.
    let frames = match frames {
        Some(frames) => frames,
        None => fill::fill_pages(&mut elements, &mut paragraphs, &mut setter, &m),
    };

    let mut builder = PageBuilder {
        setup,
        m,
        setter: &mut setter,
        pages: Vec::new(),
    };
    builder.title_page(book);
    builder.copyright_page(book);
    let mut anchors: BTreeMap<String, (usize, Pt)> = BTreeMap::new();
    let mut pending_links: Vec<(usize, Rect, usize)> = Vec::new();
    for (k, frame) in frames.iter().enumerate() {
        let index = builder.pages.len();
        let (left, top) = builder.text_origin(index);
        let mut page = Page {
            label: PageLabel::Arabic(k as u32 + 1),
            ..Page::default()
        };
        let header = frame.header.iter().map(|&(e, y)| (e, y));
        for (e, y) in header.chain(frame.placed.iter().copied()) {
            // Each element is placed once: its glyph runs move to the page, not copied.
            match &mut elements[e] {
                Element::Line {
                    line, x, baseline, ..
                } => {
                    let base = Point {
                        x: left + *x,
                        y: top + y + *baseline,
                    };
                    for mut run in std::mem::take(&mut line.runs) {
                        run.origin = Point {
                            x: base.x + run.origin.x,
                            y: base.y + run.origin.y,
                        };
                        page.items.push(Placed::Text(run));
                    }
                    for &(x0, x1, link) in &line.links {
                        let rect = Rect {
                            origin: Point {
                                x: base.x + x0,
                                y: base.y - m.size * 0.8,
                            },
                            width: x1 - x0,
                            height: m.size * 1.05,
                        };
                        pending_links.push((index, rect, link));
                    }
                }
                Element::Image {
                    image,
                    x,
                    width,
                    height,
                    ..
                } => {
                    page.items.push(Placed::Image {
                        image: *image,
                        rect: Rect {
                            origin: Point {
                                x: left + *x,
                                y: top + y,
                            },
                            width: *width,
                            height: *height,
                        },
                    });
                }
                Element::TableBand { band, .. } => {
                    let origin = Point {
                        x: left,
                        y: top + y,
                    };
                    for (rect, link) in band.place(origin, &mut page) {
                        pending_links.push((index, rect, link));
                    }
                }
                Element::Anchor(name) => {
                    anchors.entry(name.clone()).or_insert((index, top + y));
                }
                _ => {}
            }
        }
        if !frame.is_blank {
            builder.furniture(&mut page, index, k as u32 + 1, frame, book);
        }
        builder.pages.push(page);
    }
    let mut pages = builder.pages;
    for (page, rect, link) in pending_links {
        let target = match &links[link] {
            LinkGoal::Uri(uri) => Some(LinkTarget::Uri(uri.clone())),
            LinkGoal::Anchor(name) => anchors
                .get(name.as_str())
                .map(|&(page, y)| LinkTarget::Page { page, y }),
        };
        if let Some(target) = target {
            pages[page].links.push(Link { rect, target });
        }
    }
    let outline = outline(book, &anchors);
    let result = Pages {
        trim_width: setup.trim_width,
        trim_height: setup.trim_height,
        bleed: setup.bleed,
        fonts: fonts
            .faces
            .iter()
            .map(|f| FontData {
                bytes: f.bytes.clone(),
                index: 0,
                embed_whole: setup.embed_whole_fonts,
            })
            .collect(),
        images: book
            .images
            .iter()
            .map(|i| ImageData {
                bytes: i.bytes.clone(),
                alt: i.path.clone(),
            })
            .collect(),
        pages,
        outline,
    };
    Ok((result, diags))
}

/// A paragraph setter for the book: shaping, hyphenation and breaking parameters.
fn new_setter<'f>(book: &Book, fonts: &'f FontSet, setup: &PageSetup) -> Setter<'f> {
    let hyphenator = hyphenate::Hyphenator::new(
        &book.metadata.language,
        setup.hyphenate,
        setup.hyphen_min_before,
        setup.hyphen_min_after,
    );
    // No first pass without hyphens (TeX's \pretolerance=-1): with font expansion the one pass
    // with hyphenation points finds better paragraphs, and the hyphen penalty keeps them rare.
    let params = linebreak::Params {
        pretolerance: -1.0,
        ..linebreak::Params::default()
    };
    Setter::new(
        fonts,
        shape::Shaper::new(&book.metadata.language),
        hyphenator,
        params,
    )
}

/// Sets the chapters on up to `jobs` threads, each taking a run of consecutive chapters of
/// about the same length, and joins their vertical lists in order. Chapters are set
/// independently, so the result is the same for any number of jobs.
fn flow_in_parallel(
    book: &Book,
    fonts: &FontSet,
    setup: &PageSetup,
    m: Measures,
    jobs: usize,
) -> Parts {
    let weights: Vec<usize> = book
        .chapters
        .iter()
        .map(|c| {
            c.blocks
                .iter()
                .chain(c.notes.iter().flat_map(|n| n.blocks.iter()))
                .map(weight)
                .sum::<usize>()
                + 1
        })
        .collect();
    let total: usize = weights.iter().sum();
    let jobs = jobs.clamp(1, book.chapters.len().max(1));
    let mut ranges = Vec::with_capacity(jobs);
    let mut start = 0;
    let mut sum = 0;
    for (index, weight) in weights.iter().enumerate() {
        sum += weight;
        if sum * jobs >= total * (ranges.len() + 1) && ranges.len() + 1 < jobs {
            ranges.push(start..index + 1);
            start = index + 1;
        }
    }
    ranges.push(start..book.chapters.len());
    let run = |range: std::ops::Range<usize>| {
        let mut setter = new_setter(book, fonts, setup);
        let mut flow = Flow::new(&mut setter, m, book, setup.recto_chapters);
        for index in range {
            flow.chapter(index, &book.chapters[index]);
        }
        let Flow {
            mut elements,
            links,
            diags,
            mut paragraphs,
            ..
        } = flow;
        // Chapters open new pages, so a run of chapters is paged alone, unless right-hand
        // openings make the pages depend on what comes before.
        let frames = (!setup.recto_chapters)
            .then(|| fill::fill_pages(&mut elements, &mut paragraphs, &mut setter, &m));
        (elements, links, diags, paragraphs, frames)
    };
    let parts: Vec<_> = if ranges.len() == 1 {
        ranges.into_iter().map(run).collect()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = ranges
                .into_iter()
                .map(|range| scope.spawn(|| run(range)))
                .collect();
            // A thread only panics on a bug; setting the chapter again on this one would too.
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    };
    let mut elements = Vec::new();
    let mut links = Vec::new();
    let mut diags = Vec::new();
    let mut paragraphs = Vec::new();
    let mut frames: Option<Vec<Frame>> = Some(Vec::new());
    for (mut part_elements, part_links, part_diags, part_paragraphs, part_frames) in parts {
        let element_offset = elements.len();
        match (&mut frames, part_frames) {
            (Some(all), Some(part)) => all.extend(part.into_iter().map(|mut frame| {
                for placed in frame.placed.iter_mut().chain(&mut frame.header) {
                    placed.0 += element_offset;
                }
                frame
            })),
            _ => frames = None,
        }
        let offset = links.len();
        paragraphs.extend(part_paragraphs.into_iter().map(|mut p| {
            p.start += element_offset;
            for (_, format) in &mut p.text.formats {
                if let Some(link) = &mut format.link {
                    *link += offset;
                }
            }
            p
        }));
        if offset > 0 {
            for element in &mut part_elements {
                let lines: Vec<&mut paragraph::Line> = match element {
                    Element::Line { line, .. } => vec![line],
                    Element::TableBand { band, .. } => {
                        band.lines.iter_mut().map(|(_, line)| line).collect()
                    }
                    _ => Vec::new(),
                };
                for line in lines {
                    for link in &mut line.links {
                        link.2 += offset;
                    }
                }
            }
        }
        elements.extend(part_elements);
        links.extend(part_links);
        diags.extend(part_diags);
    }
    (elements, links, diags, paragraphs, frames)
}

/// The vertical list, its link goals, its diagnostics, its justified paragraphs, and its
/// pages when they could be made chapter by chapter.
type Parts = (
    Vec<Element>,
    Vec<LinkGoal>,
    Vec<Diagnostic>,
    Vec<flow::Paragraph>,
    Option<Vec<Frame>>,
);

/// About how long a block takes to set: its characters.
fn weight(block: &Block) -> usize {
    match block {
        Block::Heading { content, .. }
        | Block::Paragraph { content, .. }
        | Block::Code { content, .. } => Inline::plain_text(content).len(),
        Block::Quote { blocks, .. } => blocks.iter().map(weight).sum(),
        Block::List { items, .. } => items.iter().flat_map(|i| i.blocks.iter()).map(weight).sum(),
        Block::Table { head, rows, .. } => head
            .iter()
            .chain(rows.iter().flatten())
            .map(|c| Inline::plain_text(c).len())
            .sum(),
        Block::Figure { .. } | Block::SceneBreak { .. } => 1,
    }
}

/// Chapters, nested as in the table of contents, with their sections one level below.
fn outline(book: &Book, anchors: &BTreeMap<String, (usize, Pt)>) -> Vec<OutlineEntry> {
    let mut root: Vec<OutlineEntry> = Vec::new();
    for (index, chapter) in book.chapters.iter().enumerate() {
        let Some(&(page, y)) = anchors.get(flow::chapter_anchor(index).as_str()) else {
            continue;
        };
        let mut headings = chapter.blocks.iter().filter_map(|b| match b {
            Block::Heading {
                level, id, content, ..
            } => Some((*level, id, content)),
            _ => None,
        });
        let top = headings.next().map(|h| h.0).unwrap_or(1);
        let children = headings
            .filter(|h| h.0 == top + 1)
            .filter_map(|(_, id, content)| {
                anchors.get(id.as_str()).map(|&(page, y)| OutlineEntry {
                    title: Inline::plain_text(content),
                    page,
                    y,
                    children: Vec::new(),
                })
            })
            .collect();
        let entry = OutlineEntry {
            title: Inline::plain_text(&chapter.title),
            page,
            y,
            children,
        };
        crate::doc::push_nested(&mut root, chapter.depth, entry, |e| &mut e.children);
    }
    root
}

/// Builds the pages that are not flow: title, copyright, and each page's heads and folios.
struct PageBuilder<'a, 's, 'f> {
    setup: &'a PageSetup,
    m: Measures,
    setter: &'s mut Setter<'f>,
    pages: Vec<Page>,
}

impl PageBuilder<'_, '_, '_> {
    /// The top-left corner of the text block of physical page `index` (0 is a recto).
    fn text_origin(&self, index: usize) -> (Pt, Pt) {
        let is_recto = index.is_multiple_of(2);
        let inner = if is_recto {
            self.setup.margin_inside
        } else {
            self.setup.margin_outside
        };
        (
            self.setup.bleed + inner,
            self.setup.bleed + self.setup.margin_top,
        )
    }

    /// Sets one line of text at `size`, aligned in the measure, with its baseline at `y`.
    #[allow(
        clippy::too_many_arguments,
        reason = "a line's text, face, size, alignment and place, all needed"
    )]
    fn line(
        &mut self,
        page: &mut Page,
        index: usize,
        text: &str,
        style: Style,
        size: Pt,
        align: Align,
        y: Pt,
    ) -> Pt {
        let mut t = Text::default();
        t.push(text, Format::plain(style));
        let layout = Layout {
            size,
            measure: self.m.width,
            indent: Pt::new(0.0),
            align,
            looseness: 0,
        };
        let set = self.setter.set(&t, &layout);
        let (left, _) = self.text_origin(index);
        let mut y = y;
        for line in set.lines {
            for mut run in line.runs {
                run.origin = Point {
                    x: left + run.origin.x,
                    y: y + run.origin.y,
                };
                page.items.push(Placed::Text(run));
            }
            y += size * 1.25;
        }
        y
    }

    fn title_page(&mut self, book: &Book) {
        let meta = &book.metadata;
        let mut page = Page {
            label: PageLabel::Roman(1),
            ..Page::default()
        };
        let (_, top) = self.text_origin(0);
        let mut y = top + self.m.height * 0.25;
        y = self.line(
            &mut page,
            0,
            &meta.title,
            Style::Regular,
            self.m.size * 2.2,
            Align::Center,
            y,
        );
        if let Some(subtitle) = &meta.subtitle {
            y = self.line(
                &mut page,
                0,
                subtitle,
                Style::Italic,
                self.m.size * 1.4,
                Align::Center,
                y + self.m.leading * 0.5,
            );
        }
        y += self.m.leading * 3.0;
        for author in &meta.authors {
            y = self.line(
                &mut page,
                0,
                author,
                Style::Regular,
                self.m.size * 1.3,
                Align::Center,
                y,
            );
        }
        if let Some(publisher) = &meta.publisher {
            self.line(
                &mut page,
                0,
                publisher,
                Style::Italic,
                self.m.size,
                Align::Center,
                top + self.m.height - self.m.leading,
            );
        }
        self.pages.push(page);
    }

    fn copyright_page(&mut self, book: &Book) {
        let meta = &book.metadata;
        let mut lines: Vec<String> = Vec::new();
        let title = match &meta.subtitle {
            Some(s) => format!("{}: {s}", meta.title),
            None => meta.title.clone(),
        };
        lines.push(if meta.authors.is_empty() {
            title
        } else {
            format!("{title}, by {}", meta.authors.join(", "))
        });
        lines.extend(meta.rights.clone());
        lines.extend(meta.publisher.as_ref().map(|p| format!("Published by {p}")));
        lines.extend(meta.date.as_ref().map(|d| format!("First published {d}")));
        lines.push(match &meta.identifier {
            crate::doc::Identifier::Isbn(isbn) => format!("ISBN {isbn}"),
            other => other.uri(),
        });
        lines.push("Typeset with folio".into());
        let mut page = Page {
            label: PageLabel::Roman(2),
            ..Page::default()
        };
        let size = self.m.size * 0.85;
        let (_, top) = self.text_origin(1);
        let mut y = top + self.m.height - size * 1.25 * lines.len() as f64 * 1.4;
        for text in lines {
            y = self.line(&mut page, 1, &text, Style::Regular, size, Align::Left, y) + size * 0.4;
        }
        self.pages.push(page);
    }

    /// Running head (book title on versos, chapter title on rectos) and folio; on a chapter
    /// opening, only a folio at the foot.
    fn furniture(
        &mut self,
        page: &mut Page,
        index: usize,
        number: u32,
        frame: &paginate::Frame,
        book: &Book,
    ) {
        let is_recto = index.is_multiple_of(2);
        let (_, top) = self.text_origin(index);
        let size = self.m.size * 0.9;
        let folio = number.to_string();
        if frame.is_opening {
            let y = top + self.m.height + self.m.leading * 2.0;
            self.line(page, index, &folio, Style::Regular, size, Align::Center, y);
            return;
        }
        let y = top - self.m.leading * 1.5;
        let head = if is_recto {
            frame.chapter.clone().unwrap_or_default()
        } else {
            book.metadata.title.clone()
        };
        self.line(page, index, &head, Style::Italic, size, Align::Center, y);
        // The folio at the outer corner.
        let outer = if is_recto { Align::Right } else { Align::Left };
        self.line(page, index, &folio, Style::Regular, size, outer, y);
    }
}
