//! Each text page's running head and folio: the book title on versos and the chapter title
//! on rectos, in italic, with the folio at the outer corner; on a chapter opening only a
//! folio, centred at the foot.

use super::design;
use super::front::PageBuilder;
use super::page::Page;
use super::text::{Align, Style};

/// What a page's furniture shows.
#[derive(Clone, Debug)]
pub struct Furniture<'a> {
    /// Whether the page is a right-hand page.
    pub is_recto: bool,
    /// Whether a chapter opens on it (no running head).
    pub is_opening: bool,
    /// The running head: the chapter's title on rectos, the book's on versos.
    pub head: &'a str,
}

impl PageBuilder<'_, '_, '_> {
    /// Draws the running head and the folio (`page.label`) on `page`.
    pub fn furniture(&mut self, page: &mut Page, furniture: &Furniture) {
        // Text origins depend only on the side of the spread.
        let index = if furniture.is_recto { 0 } else { 1 };
        let (_, top) = self.text_origin(index);
        let size = self.m.size * design::FURNITURE_SCALE;
        let folio = page.label.to_string();
        if furniture.is_opening {
            let y = top + self.m.height + self.m.leading * design::FOOT_FOLIO_DROP;
            self.line(page, index, &folio, Style::Regular, size, Align::Center, y);
            return;
        }
        let y = top - self.m.leading * design::HEAD_RAISE;
        self.line(
            page,
            index,
            furniture.head,
            Style::Italic,
            size,
            Align::Center,
            y,
        );
        // The folio at the outer corner.
        let outer = if furniture.is_recto {
            Align::Right
        } else {
            Align::Left
        };
        self.line(page, index, &folio, Style::Regular, size, outer, y);
    }
}
