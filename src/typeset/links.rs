//! Links and the outline, once every anchor has its page: each link area's goal becomes a
//! page and height (or a web address), and the chapters with their sections become the
//! document outline.

use std::collections::BTreeMap;

use super::list::{Anchor, LinkGoal};
use super::page::{Finish, Link, LinkTarget, OutlineEntry, PageId, Rect};
use super::place::Placements;
use crate::doc::{Block, Book, Inline};
use crate::units::Pt;

/// What the writer needs once every page is set: the pages' reading `order`, the links
/// resolved from `placements` and the outline of `book`.
pub fn finish(book: &Book, placements: Placements, order: Vec<PageId>) -> Finish {
    let outline = outline(book, &placements.anchors);
    let links = resolve(placements.links, &placements.anchors);
    Finish {
        order,
        links,
        outline,
    }
}

/// The link areas whose goals have a place: anchors found on a page, or web addresses.
pub fn resolve(
    links: Vec<(PageId, Rect, LinkGoal)>,
    anchors: &BTreeMap<Anchor, (PageId, Pt)>,
) -> Vec<(PageId, Link)> {
    links
        .into_iter()
        .filter_map(|(page, rect, goal)| {
            let target = match goal {
                LinkGoal::Uri(uri) => LinkTarget::Uri(uri),
                LinkGoal::Anchor(anchor) | LinkGoal::Note { anchor, .. } => {
                    let &(target, y) = anchors.get(&anchor)?;
                    LinkTarget::Page { page: target.0, y }
                }
            };
            Some((page, Link { rect, target }))
        })
        .collect()
}

/// Chapters, nested as in the table of contents, with their sections one level below.
pub fn outline(book: &Book, anchors: &BTreeMap<Anchor, (PageId, Pt)>) -> Vec<OutlineEntry> {
    let mut root: Vec<OutlineEntry> = Vec::new();
    for (index, chapter) in book.chapters.iter().enumerate() {
        let Some(&(page, y)) = anchors.get(&Anchor::Chapter(index)) else {
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
                anchors
                    .get(&Anchor::Id(id.clone()))
                    .map(|&(page, y)| OutlineEntry {
                        title: Inline::plain_text(content),
                        page: page.0,
                        y,
                        children: Vec::new(),
                    })
            })
            .collect();
        let entry = OutlineEntry {
            title: Inline::plain_text(&chapter.title),
            page: page.0,
            y,
            children,
        };
        crate::doc::push_nested(&mut root, chapter.depth, entry, |e| &mut e.children);
    }
    root
}
