//! `doc::Book` → pages: shaping, hyphenation, Knuth–Plass line breaking and page building.
//! Pure and deterministic: fonts come in as bytes, pages go out as positioned glyphs, each
//! handed to a `PageSink` as soon as it is final.

mod chapters;
pub mod design;
mod flow;
mod front;
mod furniture;
mod link_urls;
mod links;
pub mod list;
mod number;
pub mod page;
mod paginate;
mod pipeline;
mod place;
mod table;
pub mod text;

use std::collections::BTreeMap;

use crate::diag::Diagnostic;
use crate::doc::{Block, Book, PageSetup, PageStart};
use crate::error::Error;
use crate::highlight::Theme;
use design::Measures;
use page::{Collector, Finish, Head, ImageData, PageId, PageSink, Pages};
use text::{FontSet, Hyphenation, Setter};

/// Characters of text a chapter is flowed in at most (a longer chapter is set in parts on
/// several threads while its first parts are paged).
const PART_SIZE: usize = 64 * 1024;

/// What typesetting learned besides the pages.
#[derive(Debug, Default)]
pub struct Typeset {
    /// Reading order, links and outline, for the writer.
    pub finish: Finish,
    /// Where each page of the chapters begins in the text, for the EPUB's page-list.
    pub page_starts: Vec<PageStart>,
    /// Overfull lines, missing glyphs, images, in book order.
    pub warnings: Vec<Diagnostic>,
}

/// What the pages of `book` refer to: sheet, fonts and images.
pub fn head(book: &Book, fonts: &FontSet, setup: &PageSetup) -> Head {
    let alts = image_alts(book);
    Head {
        trim_width: setup.trim_width,
        trim_height: setup.trim_height,
        bleed: setup.bleed,
        fonts: fonts.files(setup.embed_whole_fonts),
        images: (book.images.iter().enumerate())
            .map(|(k, i)| ImageData {
                bytes: i.bytes.clone(),
                alt: alts.get(&k).cloned().unwrap_or_default(),
            })
            .collect(),
    }
}

/// Typesets the book, handing each page to `sink` as soon as it is final.
pub fn typeset(
    book: &Book,
    fonts: &FontSet,
    setup: &PageSetup,
    theme: &Theme,
    jobs: usize,
    sink: &mut dyn PageSink,
) -> Result<Typeset, Error> {
    // External links' URLs written out for print, as the book asks.
    let book = &*link_urls::apply(book, setup.link_urls);
    let m = Measures {
        width: setup.trim_width - setup.margin_inside - setup.margin_outside,
        height: setup.trim_height - setup.margin_top - setup.margin_bottom,
        size: setup.font_size,
        leading: setup.leading,
    };
    let new_setter = || {
        let hyphenation = Hyphenation {
            enabled: setup.hyphenate,
            min_before: setup.hyphen_min_before,
            min_after: setup.hyphen_min_after,
        };
        Setter::new(fonts, &book.metadata.language, hyphenation)
    };
    // Flow the chapters' parts on every core; page (fill, balance) and place them in order.
    let plans: Vec<_> = (book.chapters.iter().enumerate())
        .map(|(c, chapter)| flow::plan(chapter, c, PART_SIZE))
        .collect();
    let mut chapters = chapters::ChapterPages::new(book, setup, m, new_setter(), sink);
    pipeline::run(
        book,
        &plans,
        m,
        theme,
        jobs,
        &new_setter,
        &mut |part, segment| chapters.add(part.chapter, part.part, part.is_last, segment),
    )?;
    let (paged, mut setter, sink) = chapters.finish();
    // Number the pages: the front matter is set until its length settles.
    let numbered = number::front_matter(book, setup, m, &mut setter, &paged);
    let front_ids: Vec<PageId> = (0..numbered.front.len())
        .map(|k| PageId(paged.count + k))
        .collect();
    let mut placements = paged.placements;
    for (page, rect, chapter) in &numbered.chapter_links {
        placements.links.push((
            front_ids[*page],
            *rect,
            list::LinkGoal::Anchor(list::Anchor::Chapter(*chapter)),
        ));
    }
    // The waiting pages: the front matter, then the front-matter chapters, numbered.
    for (&id, page) in front_ids.iter().zip(numbered.front.clone()) {
        sink.page(id, page)?;
    }
    for held in paged.held {
        let mut page = held.page;
        page.label = numbered.label(paged.body_start, held.id);
        if let Some((is_recto, is_opening, head)) = &held.furniture {
            front::PageBuilder {
                setup,
                m,
                setter: &mut setter,
                pages: Vec::new(),
                chapter_links: Vec::new(),
            }
            .furniture(
                &mut page,
                &furniture::Furniture {
                    is_recto: *is_recto,
                    is_opening: *is_opening,
                    head,
                    design: &book.design,
                },
            );
        }
        sink.page(held.id, page)?;
    }
    // Links and the outline, now that every anchor has its page; the page map.
    let label = |id: PageId| match front_ids.iter().position(|&f| f == id) {
        Some(k) => numbered.front[k].label,
        None => numbered.label(paged.body_start, id),
    };
    let page_starts = page_starts(&placements.starts, label);
    let outline = links::outline(book, &placements.anchors);
    let links = links::resolve(std::mem::take(&mut placements.links), &placements.anchors);
    Ok(Typeset {
        finish: Finish {
            order: front_ids
                .iter()
                .copied()
                .chain((0..paged.count).map(PageId))
                .collect(),
            links,
            outline,
        },
        page_starts,
        warnings: paged.diags,
    })
}

/// Typesets the book into pages kept whole, in reading order (tests, checks).
pub fn typeset_pages(
    book: &Book,
    fonts: &FontSet,
    setup: &PageSetup,
    theme: &Theme,
    jobs: usize,
) -> Result<(Pages, Vec<Diagnostic>), Error> {
    let mut collector = Collector::default();
    let typeset = typeset(book, fonts, setup, theme, jobs, &mut collector)?;
    let pages = collector.into_pages(
        head(book, fonts, setup),
        typeset.finish,
        typeset.page_starts,
    );
    Ok((pages, typeset.warnings))
}

/// Pages with no text of their own (blank, or only a note's end) begin where the next page
/// with text does.
fn page_starts(
    starts: &[(PageId, Option<crate::doc::TextPosition>)],
    label: impl Fn(PageId) -> page::PageLabel,
) -> Vec<PageStart> {
    let mut out = Vec::with_capacity(starts.len());
    let mut next = None;
    for (id, at) in starts.iter().rev() {
        if at.is_some() {
            next = at.clone();
        }
        if let Some(at) = &next {
            out.push(PageStart {
                label: label(*id).to_string(),
                at: at.clone(),
            });
        }
    }
    out.reverse();
    out
}

/// The alternative text of each image, from the first figure that shows it.
fn image_alts(book: &Book) -> BTreeMap<usize, String> {
    fn walk<'b>(blocks: impl IntoIterator<Item = &'b Block>, alts: &mut BTreeMap<usize, String>) {
        for block in blocks {
            if let Block::Figure { image, alt, .. } = block {
                alts.entry(*image).or_insert_with(|| alt.clone());
            }
            walk(block.children(), alts);
        }
    }
    let mut alts = BTreeMap::new();
    for chapter in &book.chapters {
        walk(&chapter.blocks, &mut alts);
    }
    alts
}
