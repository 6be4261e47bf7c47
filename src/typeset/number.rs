//! Page numbers: the generated front matter (with the contents, whose entries show the
//! chapters' page labels) is set until its length stays the same, since the roman numbers
//! of the front-matter chapters after it depend on that length. Then every page has its
//! label: roman numerals up to the body, arabic from its first page.

use super::chapters::Paged;
use super::design::Measures;
use super::front::{ChapterLink, PageBuilder, toc_entries};
use super::list::{Anchor, LinkGoal};
use super::page::{Page, PageId, PageLabel, Rect};
use super::text::Setter;
use crate::doc::{Book, PageSetup};

/// The generated front matter, its links to the chapters, and the labels of the chapters'
/// pages.
pub struct Numbered {
    /// The front matter's pages (half-title, title, copyright…, contents), labelled.
    pub front: Vec<Page>,
    /// Links from the contents to the chapters: (index in `front`, area, chapter).
    pub chapter_links: Vec<ChapterLink>,
}

impl Numbered {
    /// The label of chapter page `id`, the body starting at page `body_start`.
    pub fn label(&self, body_start: Option<usize>, id: PageId) -> PageLabel {
        label(self.front.len(), body_start, id)
    }

    /// The ids of the front matter's pages: after the `chapter_pages` pages of the chapters.
    pub fn front_ids(&self, chapter_pages: usize) -> Vec<PageId> {
        (0..self.front.len())
            .map(|k| PageId(chapter_pages + k))
            .collect()
    }

    /// The label of any page `id`: a front-matter page (`front_ids`) or a chapter's page.
    pub fn page_label(
        &self,
        front_ids: &[PageId],
        body_start: Option<usize>,
        id: PageId,
    ) -> PageLabel {
        match front_ids.iter().position(|&f| f == id) {
            Some(k) => self.front[k].label,
            None => self.label(body_start, id),
        }
    }

    /// The contents' links to the chapters, as link areas on the front matter's pages
    /// (`front_ids`).
    pub fn contents_links<'n>(
        &'n self,
        front_ids: &'n [PageId],
    ) -> impl Iterator<Item = (PageId, Rect, LinkGoal)> + 'n {
        self.chapter_links.iter().map(|(page, rect, chapter)| {
            (
                front_ids[*page],
                *rect,
                LinkGoal::Anchor(Anchor::Chapter(*chapter)),
            )
        })
    }
}

/// The label of chapter page `id` when the front matter is `front` pages long.
fn label(front: usize, body_start: Option<usize>, id: PageId) -> PageLabel {
    match body_start {
        Some(start) if id.0 >= start => PageLabel::Arabic((id.0 - start + 1) as u32),
        _ => PageLabel::Roman((front + id.0 + 1) as u32),
    }
}

/// Sets the front matter until its length settles (at most four times).
pub fn front_matter(
    book: &Book,
    setup: &PageSetup,
    m: Measures,
    setter: &mut Setter,
    paged: &Paged,
) -> Numbered {
    let mut numbered = Numbered {
        front: Vec::new(),
        chapter_links: Vec::new(),
    };
    for _ in 0..4 {
        let length = numbered.front.len();
        let labels: Vec<Option<PageLabel>> = paged
            .chapter_starts
            .iter()
            .map(|start| start.map(|id| label(length, paged.body_start, id)))
            .collect();
        let toc = toc_entries(book, &labels);
        let mut builder = PageBuilder::new(setup, m, setter);
        builder.front_matter(book, &toc);
        let settled = builder.pages.len() == length;
        numbered = Numbered {
            front: builder.pages,
            chapter_links: builder.chapter_links,
        };
        if settled {
            break;
        }
    }
    numbered
}
