//! `Pages::outline` → the `/Outlines` tree, and each page's `PageLabel` → `/PageLabels` ranges.

use pdf_writer::{Name, Pdf, Ref, TextStr};

use super::Error;
use crate::typeset::page::{OutlineEntry, PageLabel};

/// Where targets on pages go: page objects, and the page height for flipping y.
pub(super) struct Targets<'a> {
    pub pages: &'a [Ref],
    pub page_height: f64,
}

impl Targets<'_> {
    /// The page object and the PDF y (from the bottom) of a model y on page `page`.
    pub fn resolve(&self, page: usize, y: f64) -> Result<(Ref, f32), Error> {
        let page_ref = *self.pages.get(page).ok_or(Error::MissingPage { page })?;
        Ok((page_ref, (self.page_height - y) as f32))
    }
}

/// Writes the outline root `root` with every entry open; returns whether there was one.
pub(super) fn write(
    pdf: &mut Pdf,
    root: Ref,
    entries: &[OutlineEntry],
    targets: &Targets,
    refs: &mut super::Refs,
) -> Result<(), Error> {
    let (first, last) = level(pdf, entries, root, targets, refs)?;
    pdf.outline(root)
        .first(first)
        .last(last)
        .count(descendants(entries) as i32);
    Ok(())
}

/// Writes the sibling `entries` under `parent`; returns the first and last item.
fn level(
    pdf: &mut Pdf,
    entries: &[OutlineEntry],
    parent: Ref,
    targets: &Targets,
    alloc: &mut super::Refs,
) -> Result<(Ref, Ref), Error> {
    let refs: Vec<Ref> = entries.iter().map(|_| alloc.next()).collect();
    for (i, entry) in entries.iter().enumerate() {
        let children = match entry.children.is_empty() {
            true => None,
            false => Some(level(pdf, &entry.children, refs[i], targets, alloc)?),
        };
        let (page, top) = targets.resolve(entry.page, entry.y.get())?;
        let mut item = pdf.outline_item(refs[i]);
        item.title(TextStr(&entry.title)).parent(parent);
        if i > 0 {
            item.prev(refs[i - 1]);
        }
        if let Some(&next_sibling) = refs.get(i + 1) {
            item.next(next_sibling);
        }
        if let Some((first, last)) = children {
            item.first(first)
                .last(last)
                .count(descendants(&entry.children) as i32);
        }
        item.dest().page(page).xyz(0.0, top, None);
    }
    match (refs.first(), refs.last()) {
        (Some(&first), Some(&last)) => Ok((first, last)),
        _ => unreachable!("`level` is called with at least one entry"),
    }
}

/// The number of entries at every level: all visible, since every entry is open.
fn descendants(entries: &[OutlineEntry]) -> usize {
    entries.iter().map(|e| 1 + descendants(&e.children)).sum()
}

/// A range of pages numbered alike: its first page index, style and first number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct LabelRange {
    pub first_page: usize,
    pub is_roman: bool,
    pub start: u32,
}

/// Starts a range wherever the style changes or the numbering does not continue.
pub(super) fn label_ranges(labels: &[PageLabel]) -> Vec<LabelRange> {
    let mut ranges: Vec<LabelRange> = Vec::new();
    let mut expected = None;
    for (index, label) in labels.iter().enumerate() {
        let (is_roman, number) = match *label {
            PageLabel::Roman(n) => (true, n),
            PageLabel::Arabic(n) => (false, n),
        };
        if expected != Some((is_roman, number)) {
            ranges.push(LabelRange {
                first_page: index,
                is_roman,
                start: number,
            });
        }
        expected = Some((is_roman, number.saturating_add(1)));
    }
    ranges
}

/// Writes `/PageLabels` into the catalog being written.
pub(super) fn write_labels(catalog: &mut pdf_writer::writers::Catalog, ranges: &[LabelRange]) {
    let mut tree = catalog.insert(Name(b"PageLabels")).dict();
    let mut nums = tree.insert(Name(b"Nums")).array();
    for range in ranges {
        nums.item(range.first_page as i32);
        let mut label = nums.push().dict();
        label.pair(Name(b"S"), Name(if range.is_roman { b"r" } else { b"D" }));
        // /St must be at least 1; a page numbered 0 is labelled as 1.
        label.pair(Name(b"St"), range.start.clamp(1, i32::MAX as u32) as i32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_start_a_range_at_a_style_change_or_a_jump() {
        use PageLabel::{Arabic, Roman};
        let ranges = label_ranges(&[
            Roman(1),
            Roman(2),
            Arabic(1),
            Arabic(2),
            Arabic(5),
            Arabic(6),
        ]);
        let starts: Vec<_> = ranges
            .iter()
            .map(|r| (r.first_page, r.is_roman, r.start))
            .collect();
        assert_eq!(starts, [(0, true, 1), (2, false, 1), (4, false, 5)]);
    }

    #[test]
    fn outline_counts_every_descendant() {
        let entry = |children| OutlineEntry {
            title: "x".into(),
            page: 0,
            y: crate::units::Pt::new(0.0),
            children,
        };
        let tree = vec![
            entry(vec![entry(vec![]), entry(vec![entry(vec![])])]),
            entry(vec![]),
        ];
        assert_eq!(descendants(&tree), 5);
    }
}
