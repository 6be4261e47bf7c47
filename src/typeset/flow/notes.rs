//! Footnotes → rows for the foot of the page of the line that first refers to them, and the
//! chapter's remaining notes (never referenced from running text) set after its text.

use std::sync::Arc;

use super::super::design;
use super::super::list::{Anchor, Element, Footnote, LinkGoal, NoteRow};
use super::{Align, Flow, Format, Style, Text};
use crate::diag::Diagnostic;
use crate::doc::Block;
use crate::units::Pt;

impl Flow<'_, '_> {
    /// Sets note `n` of the chapter for the foot of a page, if the line being added is the
    /// first to carry it (see `ChapterPlan::carriers`).
    pub(super) fn footnote(&mut self, n: usize) -> Option<Footnote> {
        let note = self.chapter.notes.get(n)?;
        if self.plan.carriers.get(n).copied().flatten() != Some(self.top_block)
            || std::mem::replace(self.carried.get_mut(n)?, true)
        {
            return None;
        }
        let ref_anchor = Anchor::NoteRef(note.id.clone());
        let outer = std::mem::take(&mut self.elements);
        let outer_links = std::mem::take(&mut self.links);
        let back = self.links.len();
        self.links.push(LinkGoal::Anchor(ref_anchor.clone()));
        let saved = self.m;
        self.in_note = true;
        self.m.size = saved.size * design::NOTE_SCALE;
        self.m.leading = saved.leading * design::NOTE_SCALE;
        self.note_blocks(n, &note.blocks, Some(back));
        self.m = saved;
        self.in_note = false;
        self.links = outer_links;
        let set = std::mem::replace(&mut self.elements, outer);
        if set
            .iter()
            .any(|e| matches!(e, Element::Image { .. } | Element::TableBand(_)))
        {
            self.diags.push(
                Diagnostic::warning(
                    note.span,
                    "a footnote's image or table is not shown at the foot of the PDF page",
                )
                .with_hint("keep footnotes to text; the EPUB shows the note whole"),
            );
        }
        let mut rows = Vec::new();
        for element in set {
            match element {
                Element::Text(block) => rows.extend(block.lines.into_iter().map(|l| NoteRow {
                    line: Some(l.line),
                    x: l.x,
                    height: l.height,
                    baseline: l.baseline,
                    links: block.links.clone(),
                })),
                Element::Space { height, .. } if !rows.is_empty() => rows.push(NoteRow {
                    line: None,
                    x: Pt::new(0.0),
                    height,
                    baseline: Pt::new(0.0),
                    links: Arc::default(),
                }),
                _ => {}
            }
        }
        Some(Footnote {
            rows,
            anchor: Anchor::Id(note.id.clone()),
            ref_anchor,
        })
    }

    /// A note's blocks, its number (linking to `number_link`) before the first paragraph.
    fn note_blocks(&mut self, n: usize, blocks: &[Block], number_link: Option<usize>) {
        let mut first = true;
        for block in blocks {
            if first && let Block::Paragraph { content, span } = block {
                let mut text = Text::default();
                text.push(
                    &format!("{}.\u{2002}", n + 1),
                    Format {
                        link: number_link,
                        ..Format::plain(Style::Regular)
                    },
                );
                self.push_inlines(&mut text, content, Style::Regular, None);
                self.paragraph(
                    &text,
                    Pt::new(0.0),
                    Pt::new(0.0),
                    self.m.width,
                    Align::Justify,
                    *span,
                );
                first = false;
                continue;
            }
            let mut after = true;
            self.block(block, 1, Pt::new(0.0), &mut after);
            first = false;
        }
    }

    /// The notes no line of the chapter carried to a page foot (never referenced, or
    /// referenced only from a table or code), set after the chapter's text.
    pub(super) fn chapter_notes(&mut self) {
        let chapter = self.chapter;
        if self.plan.carriers.iter().all(Option::is_some) {
            return;
        }
        // Pages that begin in these notes begin, for the EPUB, after the chapter's text.
        self.path = vec![chapter.blocks.len() as u32];
        self.start_source(None);
        self.elements.push(Element::SnapToGrid);
        self.elements.push(Element::Space {
            height: self.m.leading,
            is_discardable: true,
            keep_with_next: false,
        });
        let mut heading = Text::default();
        let notes = self.book.metadata.labels.get(crate::doc::Label::Notes);
        heading.push(notes, Format::plain(Style::Italic));
        self.set_lines(&heading, 1.0, Align::Left, Pt::new(0.0), self.m.width, true);
        let saved = self.m;
        self.m.size = saved.size * design::NOTE_SCALE;
        self.m.leading = saved.leading * design::NOTE_SCALE;
        self.in_note = true;
        for (n, note) in chapter.notes.iter().enumerate() {
            if self.plan.carriers[n].is_some() {
                continue;
            }
            self.elements
                .push(Element::Anchor(Anchor::Id(note.id.clone())));
            self.note_blocks(n, &note.blocks, None);
        }
        self.in_note = false;
        self.m = saved;
        self.elements.push(Element::SnapToGrid);
    }
}
