//! The chapters' pages in book order: each chapter paged as its parts arrive from flow, each
//! page placed as soon as it is final and handed to the sink (the pages of front-matter
//! chapters wait for their roman numbers, which depend on the front matter's length).

use super::design::Measures;
use super::flow::Segment;
use super::front::PageBuilder;
use super::furniture::Furniture;
use super::list::ChapterList;
use super::page::{Page, PageId, PageLabel, PageSink};
use super::paginate::ChapterPager;
use super::place::{Placements, Placer};
use super::text::Setter;
use crate::diag::Diagnostic;
use crate::doc::design::Design;
use crate::doc::{Book, Inline, Matter, PageSetup};
use crate::error::Error;

/// A page of a front-matter chapter, placed, waiting for its label.
#[derive(Debug)]
pub struct Held {
    /// Its id.
    pub id: PageId,
    /// The page, without running head and folio.
    pub page: Page,
    /// What its running head and folio will show (`None` for a blank page).
    pub furniture: Option<(bool, bool, String)>,
}

impl Held {
    /// The page, labelled `label` now that the front matter's length is known, with its
    /// running head and folio drawn by `builder` in `design`.
    pub fn into_page(self, label: PageLabel, builder: &mut PageBuilder, design: &Design) -> Page {
        let mut page = self.page;
        page.label = label;
        if let Some((is_recto, is_opening, head)) = &self.furniture {
            builder.furniture(
                &mut page,
                &Furniture {
                    is_recto: *is_recto,
                    is_opening: *is_opening,
                    head,
                    design,
                },
            );
        }
        page
    }
}

/// What paging the chapters leaves for the rest of the book.
#[derive(Debug, Default)]
pub struct Paged {
    /// How many pages the chapters took (their ids are `0..count`, in reading order).
    pub count: usize,
    /// The id of the first page of the body (arabic 1), if the book has a body.
    pub body_start: Option<usize>,
    /// The pages of front-matter chapters, in order, waiting for their labels.
    pub held: Vec<Held>,
    /// The page each chapter starts on.
    pub chapter_starts: Vec<Option<PageId>>,
    /// Anchors, links and page starts.
    pub placements: Placements,
    /// Warnings from flow, in book order.
    pub diags: Vec<Diagnostic>,
}

/// Pages the chapters as their parts arrive.
pub struct ChapterPages<'a, 'f, 'k> {
    book: &'a Book,
    setup: &'a PageSetup,
    m: Measures,
    setter: Setter<'f>,
    placer: Placer<'a>,
    sink: &'k mut dyn PageSink,
    pager: Option<ChapterPager>,
    /// The running head of the chapter being paged.
    title: String,
    /// The title of the part being paged (the chapter's until a part begins).
    part: Option<String>,
    /// Pages since the front-matter chapters began, or since the body began: whether the
    /// next page is a right-hand one.
    in_group: usize,
    paged: Paged,
}

impl<'a, 'f, 'k> ChapterPages<'a, 'f, 'k> {
    /// Pages for `book`, handed to `sink`.
    pub fn new(
        book: &'a Book,
        setup: &'a PageSetup,
        m: Measures,
        setter: Setter<'f>,
        sink: &'k mut dyn PageSink,
    ) -> Self {
        ChapterPages {
            book,
            setup,
            m,
            setter,
            placer: Placer::new(setup, m),
            sink,
            pager: None,
            title: String::new(),
            part: None,
            in_group: 0,
            paged: Paged {
                chapter_starts: vec![None; book.chapters.len()],
                ..Paged::default()
            },
        }
    }

    /// Adds part `part` of chapter `chapter` (the last part if `is_last`), and pages as far
    /// as it allows.
    pub fn add(
        &mut self,
        chapter: usize,
        part: usize,
        is_last: bool,
        segment: Segment,
    ) -> Result<(), Error> {
        if part == 0 {
            self.start_chapter(chapter)?;
        }
        self.paged.diags.extend(segment.diags);
        let Some(pager) = &mut self.pager else {
            return Ok(());
        };
        pager.list.extend(segment.elements);
        pager.list.is_complete = is_last;
        loop {
            let Some(pager) = &mut self.pager else {
                return Ok(());
            };
            let frames = match pager.advance(&mut self.setter, &self.m) {
                Ok(frames) if !frames.is_empty() => frames,
                _ => break,
            };
            for frame in frames {
                let is_recto = self.in_group.is_multiple_of(2);
                let Some(pager) = &mut self.pager else { break };
                let id = PageId(self.paged.count);
                let page = self.placer.place(&frame, &mut pager.list, id, is_recto);
                if frame.is_opening {
                    self.paged.chapter_starts[chapter].get_or_insert(id);
                }
                // A plate's page has no running head and no folio.
                let furniture =
                    (!frame.is_plate).then(|| (is_recto, frame.is_opening, self.head(is_recto)));
                self.emit(page, furniture)?;
            }
            if let Some(pager) = &mut self.pager {
                let first = pager.first_needed();
                pager.list.release_before(first);
            }
        }
        // With the whole list, paging never waits for more.
        debug_assert!(!is_last || self.pager.as_ref().is_none_or(ChapterPager::is_finished));
        Ok(())
    }

    /// The running head of a page on the side `is_recto`, as the design asks.
    fn head(&self, is_recto: bool) -> String {
        use crate::doc::design::HeadContent;
        let meta = &self.book.metadata;
        match self.book.design.head(is_recto) {
            HeadContent::Title => meta.title.clone(),
            HeadContent::Author => meta.authors.join(", "),
            HeadContent::Part => self.part.clone().unwrap_or_else(|| self.title.clone()),
            HeadContent::Chapter => self.title.clone(),
            HeadContent::None => String::new(),
        }
    }

    /// Ends the chapters: what paging them left, the setter (for the generated pages) and
    /// the sink back.
    pub fn finish(mut self) -> (Paged, Setter<'f>, &'k mut dyn PageSink) {
        self.paged.placements = std::mem::take(&mut self.placer.placements);
        (self.paged, self.setter, self.sink)
    }

    /// Starts chapter `chapter` on a new page: after a blank left-hand page when it must open
    /// on a right-hand one (the body always does).
    fn start_chapter(&mut self, chapter: usize) -> Result<(), Error> {
        let info = &self.book.chapters[chapter];
        if info.matter == Matter::Body && self.paged.body_start.is_none() {
            if !self.in_group.is_multiple_of(2) {
                self.emit(Page::default(), None)?;
            }
            self.paged.body_start = Some(self.paged.count);
            self.in_group = 0;
        } else if self.setup.recto_chapters
            && self.paged.count > 0
            && !self.in_group.is_multiple_of(2)
        {
            // The blank page begins, for the EPUB, where the chapter after it does.
            let id = PageId(self.paged.count);
            self.placer.placements.starts.push((id, None));
            self.emit(Page::default(), None)?;
        }
        self.title = Inline::plain_text(&info.title);
        if info.is_part {
            self.part = Some(self.title.clone());
        }
        self.pager = Some(ChapterPager::new(
            ChapterList::new(chapter),
            self.in_group.is_multiple_of(2),
        ));
        self.placer.start_chapter();
        Ok(())
    }

    /// The next page: labelled, with its running head and folio, to the sink; or, before
    /// the body, held until the front matter's length is known.
    fn emit(
        &mut self,
        mut page: Page,
        furniture: Option<(bool, bool, String)>,
    ) -> Result<(), Error> {
        let id = PageId(self.paged.count);
        self.paged.count += 1;
        self.in_group += 1;
        match self.paged.body_start {
            Some(start) => {
                page.label = PageLabel::Arabic((id.0 - start + 1) as u32);
                if let Some((is_recto, is_opening, head)) = &furniture {
                    self.draw_furniture(&mut page, *is_recto, *is_opening, head);
                }
                self.sink.page(id, page)
            }
            None => {
                self.paged.held.push(Held {
                    id,
                    page,
                    furniture,
                });
                Ok(())
            }
        }
    }

    fn draw_furniture(&mut self, page: &mut Page, is_recto: bool, is_opening: bool, head: &str) {
        PageBuilder::new(self.setup, self.m, &mut self.setter).furniture(
            page,
            &Furniture {
                is_recto,
                is_opening,
                head,
                design: &self.book.design,
            },
        );
    }
}
