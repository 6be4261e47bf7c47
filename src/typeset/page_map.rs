//! Where each page begins in the text → the page map (`PageStart`s with their labels), for
//! the EPUB's page-list.

use super::page::{PageId, PageLabel};
use crate::doc::{PageStart, TextPosition};

/// Pages with no text of their own (blank, or only a note's end) begin where the next page
/// with text does.
pub fn page_starts(
    starts: &[(PageId, Option<TextPosition>)],
    label: impl Fn(PageId) -> PageLabel,
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
