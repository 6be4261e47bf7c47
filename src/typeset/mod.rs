//! `doc::Book` → `Pages`: shaping, hyphenation, Knuth–Plass line breaking and page building.
//! Pure and deterministic: fonts come in as bytes, pages go out as positioned glyphs.

pub mod fill;
pub mod flow;
pub mod font;
pub mod front;
pub mod hyphenate;
pub mod linebreak;
pub mod link_urls;
pub mod page;
pub mod paginate;
pub mod paragraph;
pub mod shape;
pub mod table;

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::doc::{Block, Book, Inline, Matter, PageSetup, PageStart, TextPosition};
use crate::error::Error;
use crate::units::Pt;
use flow::{Element, Flow, LinkGoal, Measures};
use font::FontSet;
use front::PageBuilder;
use page::{
    FontData, ImageData, Link, LinkTarget, OutlineEntry, Page, PageLabel, Pages, Placed, Point,
    Rect,
};
use paginate::Frame;
use paragraph::Setter;

/// Typesets the book. Warnings (overfull lines, missing glyphs, images) come back with the
/// pages.
pub fn typeset(
    book: &Book,
    fonts: &FontSet,
    setup: &PageSetup,
    jobs: usize,
) -> Result<(Pages, Vec<Diagnostic>), Error> {
    let book = &*link_urls::apply(book, setup.link_urls);
    let mut setter = new_setter(book, fonts, setup);
    let m = Measures {
        width: setup.trim_width - setup.margin_inside - setup.margin_outside,
        height: setup.trim_height - setup.margin_top - setup.margin_bottom,
        size: setup.font_size,
        leading: setup.leading,
    };
    let (mut elements, links, diags, mut paragraphs, frames, sources) =
        flow_in_parallel(book, fonts, setup, m, jobs);
    // Without right-hand openings each run of chapters is paged on its own thread; with
    // them, the blank pages depend on all that comes before, so the whole book is paged
    // here. Facing pages are balanced on the whole book, whose parity is known only now.
    let mut frames = match frames {
        Some(frames) => frames,
        None => fill::fill_pages(&mut elements, &mut paragraphs, &mut setter, &m),
    };
    let body_start = book
        .chapters
        .iter()
        .position(|c| c.matter == Matter::Body)
        .map(flow::chapter_anchor);
    fill::balance_spreads(&mut frames, &elements, &m, body_start.as_deref());

    // Front-matter chapters (mdBook's prefix chapters) are numbered on from the generated
    // front matter in roman numerals; the body starts at arabic 1 on a right-hand page.
    let chapter_frames = chapter_frames(book, &elements, &frames);
    let body_frame = book
        .chapters
        .iter()
        .position(|c| c.matter == Matter::Body)
        .and_then(|c| chapter_frames[c])
        .unwrap_or(frames.len());
    let numbering = |front: usize| {
        let pad = body_frame < frames.len() && !(front + body_frame).is_multiple_of(2);
        let label = move |k: usize| {
            if k < body_frame {
                PageLabel::Roman((front + k + 1) as u32)
            } else {
                PageLabel::Arabic((k - body_frame + 1) as u32)
            }
        };
        (pad, label)
    };
    // The contents show page labels that depend on how long the front matter (with the
    // contents) is: set it until its length stays the same.
    let mut front: Vec<Page> = Vec::new();
    let mut chapter_links = Vec::new();
    let mut front_len = 0;
    for _ in 0..4 {
        let (_, label) = numbering(front_len);
        let labels: Vec<Option<PageLabel>> = chapter_frames.iter().map(|f| f.map(label)).collect();
        let toc = front::toc_entries(book, &labels);
        let mut builder = PageBuilder {
            setup,
            m,
            setter: &mut setter,
            pages: Vec::new(),
            chapter_links: Vec::new(),
        };
        builder.front_matter(book, &toc);
        let settled = builder.pages.len() == front_len;
        front_len = builder.pages.len();
        front = builder.pages;
        chapter_links = builder.chapter_links;
        if settled {
            break;
        }
    }
    let (pad, label) = numbering(front_len);
    let mut builder = PageBuilder {
        setup,
        m,
        setter: &mut setter,
        pages: front,
        chapter_links: Vec::new(),
    };
    let mut anchors: BTreeMap<String, (usize, Pt)> = BTreeMap::new();
    let mut pending_links: Vec<(usize, Rect, usize)> = Vec::new();
    let mut starts: Vec<(String, Option<TextPosition>)> = Vec::new();
    let mut seen = None;
    for (k, frame) in frames.iter().enumerate() {
        starts.push((
            label(k).to_string(),
            frame_start(frame, &elements, &sources, seen),
        ));
        seen = frame.placed.iter().map(|&(e, _)| e).chain(seen).max();
        if k == body_frame && pad {
            builder.pages.push(Page {
                // The blank left-hand page before the body, last of the front matter.
                label: PageLabel::Roman((front_len + body_frame + 1) as u32),
                ..Page::default()
            });
        }
        let index = builder.pages.len();
        let (left, top) = builder.text_origin(index);
        let mut page = Page {
            label: label(k),
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
                    place_line(&mut page, line, base, m.size, |rect, link| {
                        pending_links.push((index, rect, link))
                    });
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
        // Footnotes at the foot, under a short rule; the reference and the note's number
        // link to each other.
        let mut y = top + m.height - frame.foot_height;
        if !frame.foot.is_empty() {
            let rule_y = y + m.leading * paginate::FOOT_GAP * 0.45;
            page.items.push(Placed::Line {
                from: Point { x: left, y: rule_y },
                to: Point {
                    x: left + m.width * 0.3,
                    y: rule_y,
                },
                thickness: Pt::new(0.4),
            });
            y += m.leading * paginate::FOOT_GAP;
        }
        for (e, rows) in &frame.foot {
            let reference = frame
                .placed
                .iter()
                .filter(|&&(k, _)| k < *e && matches!(elements[k], Element::Line { .. }))
                .map(|&(_, y)| y)
                .next_back();
            let Element::Note(note) = &mut elements[*e] else {
                continue;
            };
            if rows.start == 0 {
                anchors.entry(note.anchor.clone()).or_insert((index, y));
                if let Some(ref_y) = reference {
                    anchors
                        .entry(note.ref_anchor.clone())
                        .or_insert((index, top + ref_y));
                }
            }
            for row in &mut note.rows[rows.clone()] {
                if let Element::Line {
                    line,
                    x,
                    baseline,
                    height,
                    ..
                } = row
                {
                    let base = Point {
                        x: left + *x,
                        y: y + *baseline,
                    };
                    place_line(&mut page, line, base, m.size * 0.8, |rect, link| {
                        pending_links.push((index, rect, link))
                    });
                    y += *height;
                } else {
                    y += row.height();
                }
            }
        }
        if !frame.is_blank {
            builder.furniture(&mut page, index, frame, book);
        }
        builder.pages.push(page);
    }
    let mut pages = builder.pages;
    for (page, rect, chapter) in chapter_links {
        if let Some(&(target, y)) = anchors.get(flow::chapter_anchor(chapter).as_str()) {
            pages[page].links.push(Link {
                rect,
                target: LinkTarget::Page { page: target, y },
            });
        }
    }
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
    // Pages with no text of their own (blank, or only a note's end) begin where the next
    // page with text does.
    let mut page_starts = Vec::with_capacity(starts.len());
    let mut next: Option<TextPosition> = None;
    for (label, at) in starts.into_iter().rev() {
        if at.is_some() {
            next = at;
        }
        if let Some(at) = &next {
            page_starts.push(PageStart {
                label,
                at: at.clone(),
            });
        }
    }
    page_starts.reverse();
    let result = Pages {
        trim_width: setup.trim_width,
        trim_height: setup.trim_height,
        bleed: setup.bleed,
        fonts: font_data(fonts, setup.embed_whole_fonts),
        images: {
            let alts = image_alts(book);
            book.images
                .iter()
                .enumerate()
                .map(|(k, i)| ImageData {
                    bytes: i.bytes.clone(),
                    alt: alts.get(&k).cloned().unwrap_or_default(),
                })
                .collect()
        },
        pages,
        outline,
        page_starts,
    };
    Ok((result, diags))
}

/// The font files of `fonts` for the PDF writer, in `TextRun::font` order.
pub fn font_data(fonts: &FontSet, embed_whole: bool) -> Vec<FontData> {
    fonts
        .faces
        .iter()
        .map(|f| FontData {
            bytes: f.bytes.clone(),
            index: 0,
            embed_whole,
        })
        .collect()
}

/// Moves a set line's runs onto the page with its baseline start at `base`, and reports
/// its link areas.
fn place_line(
    page: &mut Page,
    line: &mut paragraph::Line,
    base: Point,
    size: Pt,
    mut link_at: impl FnMut(Rect, usize),
) {
    // Each line is placed once: its glyph runs move to the page, not copied.
    place_runs(page, std::mem::take(&mut line.runs), base);
    for (rect, link) in link_rects(line, base, size) {
        link_at(rect, link);
    }
}

/// Puts glyph runs, set relative to their line's baseline start, on the page at `base`.
fn place_runs(page: &mut Page, runs: impl IntoIterator<Item = page::TextRun>, base: Point) {
    for mut run in runs {
        run.origin = Point {
            x: base.x + run.origin.x,
            y: base.y + run.origin.y,
        };
        page.items.push(Placed::Text(run));
    }
}

/// The link areas of a line of type `size` whose baseline starts at `base`, with the
/// caller's link indexes.
fn link_rects(
    line: &paragraph::Line,
    base: Point,
    size: Pt,
) -> impl Iterator<Item = (Rect, usize)> + '_ {
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

/// Where the text of a page begins: the block of its first line or image, and the word.
/// Elements up to `seen` were on earlier pages (a figure moved on is not where the page
/// begins in reading order: the text after it is).
fn frame_start(
    frame: &Frame,
    elements: &[Element],
    sources: &BTreeMap<String, flow::BlockSource>,
    seen: Option<usize>,
) -> Option<TextPosition> {
    let first = frame
        .placed
        .iter()
        .map(|&(e, _)| e)
        .filter(|&e| seen.is_none_or(|s| e > s))
        .filter(|&e| {
            matches!(
                elements[e],
                Element::Line { .. } | Element::Image { .. } | Element::TableBand { .. }
            )
        })
        .min()?;
    let source = elements[..=first].iter().rev().find_map(|e| match e {
        Element::Anchor(name) => sources.get(name),
        _ => None,
    })?;
    Some(match &elements[first] {
        Element::Line { line, .. } if !source.text.is_empty() => {
            source.position_at(line.text_start)
        }
        _ => source.position.clone(),
    })
}

/// The alternative text of each image, from the first figure that shows it.
fn image_alts(book: &Book) -> BTreeMap<usize, String> {
    fn walk(blocks: &[Block], alts: &mut BTreeMap<usize, String>) {
        for block in blocks {
            match block {
                Block::Figure { image, alt, .. } => {
                    alts.entry(*image).or_insert_with(|| alt.clone());
                }
                Block::Quote { blocks, .. } => walk(blocks, alts),
                Block::List { items, .. } => {
                    for item in items {
                        walk(&item.blocks, alts);
                    }
                }
                _ => {}
            }
        }
    }
    let mut alts = BTreeMap::new();
    for chapter in &book.chapters {
        walk(&chapter.blocks, &mut alts);
    }
    alts
}

/// The frame each chapter starts on (`None` for a chapter that has no anchor on a page).
fn chapter_frames(book: &Book, elements: &[Element], frames: &[Frame]) -> Vec<Option<usize>> {
    let names: BTreeMap<String, usize> = (0..book.chapters.len())
        .map(|c| (flow::chapter_anchor(c), c))
        .collect();
    let mut starts = vec![None; book.chapters.len()];
    for (k, frame) in frames.iter().enumerate() {
        for &(e, _) in &frame.placed {
            if let Element::Anchor(name) = &elements[e]
                && let Some(&c) = names.get(name)
            {
                starts[c].get_or_insert(k);
            }
        }
    }
    starts
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
            sources,
            ..
        } = flow;
        // Chapters open new pages, so a run of chapters is paged alone, unless right-hand
        // openings make the pages depend on what comes before.
        let frames = (!setup.recto_chapters)
            .then(|| fill::fill_pages(&mut elements, &mut paragraphs, &mut setter, &m));
        (elements, links, diags, paragraphs, frames, sources)
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
    let mut sources = BTreeMap::new();
    for (mut part_elements, part_links, part_diags, part_paragraphs, part_frames, part_sources) in
        parts
    {
        sources.extend(part_sources);
        let element_offset = elements.len();
        match (&mut frames, part_frames) {
            (Some(all), Some(part)) => all.extend(part.into_iter().map(|mut frame| {
                for placed in frame.placed.iter_mut().chain(&mut frame.header) {
                    placed.0 += element_offset;
                }
                for note in &mut frame.foot {
                    note.0 += element_offset;
                }
                for note in &mut frame.carry_out {
                    note.0 += element_offset;
                }
                frame.end += element_offset;
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
            let shift = |line: &mut paragraph::Line| {
                for link in &mut line.links {
                    link.2 += offset;
                }
            };
            for element in &mut part_elements {
                let lines: Vec<&mut paragraph::Line> = match element {
                    Element::Line { line, .. } => vec![line],
                    Element::TableBand { band, .. } => {
                        band.lines.iter_mut().map(|(_, line)| line).collect()
                    }
                    Element::Note(note) => note
                        .rows
                        .iter_mut()
                        .filter_map(|row| match row {
                            Element::Line { line, .. } => Some(line),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                for line in lines {
                    shift(line);
                }
            }
        }
        elements.extend(part_elements);
        links.extend(part_links);
        diags.extend(part_diags);
    }
    (elements, links, diags, paragraphs, frames, sources)
}

/// The vertical list, its link goals, its diagnostics, its justified paragraphs, and its
/// pages when they could be made chapter by chapter.
type Parts = (
    Vec<Element>,
    Vec<LinkGoal>,
    Vec<Diagnostic>,
    Vec<flow::Paragraph>,
    Option<Vec<Frame>>,
    BTreeMap<String, flow::BlockSource>,
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
        Block::Admonition { .. } | Block::DefinitionList { .. } => {
            block.children().into_iter().map(weight).sum::<usize>() + 1
        }
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
