//! `doc::Book` → pages: shaping, hyphenation, Knuth–Plass line breaking and page building.
//! Pure and deterministic: fonts come in as bytes, pages go out as positioned glyphs, each
//! handed to a `PageSink` as soon as it is final.

mod chapters;
pub mod design;
mod flow;
mod front;
mod furniture;
mod head;
mod link_urls;
mod links;
pub mod list;
mod number;
pub mod page;
mod page_map;
mod paginate;
mod pipeline;
mod place;
mod table;
pub mod text;

use crate::diag::Diagnostic;
use crate::doc::{Book, PageSetup, PageStart};
use crate::error::Error;
use crate::highlight::Theme;
use design::Measures;
use front::PageBuilder;
pub use head::head;
use page::{Collector, Finish, PageId, PageSink, Pages};
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
    let m = Measures::of(setup);
    let new_setter = || setter(book, fonts, setup);
    // Flow the chapters' parts on every core; page (fill, balance) and place them in order.
    let plans: Vec<_> = (book.chapters.iter().enumerate())
        .map(|(c, chapter)| flow::plan(chapter, c, PART_SIZE))
        .collect();
    // Page filling sets paragraphs again: its setter keeps the last ones shaped.
    let mut chapters = chapters::ChapterPages::new(book, setup, m, new_setter().keeping(), sink);
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
    let front_ids = numbered.front_ids(paged.count);
    // The waiting pages: the front matter, then the front-matter chapters, numbered.
    for (&id, page) in front_ids.iter().zip(numbered.front.clone()) {
        sink.page(id, page)?;
    }
    let mut builder = PageBuilder::new(setup, m, &mut setter);
    for held in paged.held {
        let label = numbered.label(paged.body_start, held.id);
        sink.page(held.id, held.into_page(label, &mut builder, &book.design))?;
    }
    // Links and the outline, now that every anchor has its page; the page map.
    let mut placements = paged.placements;
    placements.links.extend(numbered.contents_links(&front_ids));
    let label = |id| numbered.page_label(&front_ids, paged.body_start, id);
    let page_starts = page_map::page_starts(&placements.starts, label);
    let order = (front_ids.iter().copied())
        .chain((0..paged.count).map(PageId))
        .collect();
    Ok(Typeset {
        finish: links::finish(book, placements, order),
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

/// A paragraph setter for `book` in `fonts`, hyphenating as `setup` asks.
fn setter<'f>(book: &Book, fonts: &'f FontSet, setup: &PageSetup) -> Setter<'f> {
    let hyphenation = Hyphenation {
        enabled: setup.hyphenate,
        min_before: setup.hyphen_min_before,
        min_after: setup.hyphen_min_after,
    };
    Setter::new(fonts, &book.metadata.language, hyphenation).right_to_left(book.metadata.is_rtl)
}
