//! mdBook's blocks in the vertical list: an admonition as a titled block between two rules
//! whose title never ends a page (it stays with its first line), and a definition list as
//! terms with their definitions hanging below them.

use std::sync::Arc;

use super::super::design;
use super::super::list::{Element, TableBand};
use super::super::table::{Band, Rule};
use super::{Align, Flow, Format, Style, Text};
use crate::diag::Span;
use crate::doc::{AdmonitionKind, Block, DefinitionItem, Inline};
use crate::units::{Em, Pt};

/// The admonition's content is inset by this on both sides (less than a quote's 1.5 em:
/// the rules already set it apart).
const ADMONITION_INSET: Em = Em::new(1.0);
/// Rules above and below an admonition, as thick as a table's header rule.
const ADMONITION_RULE: Em = Em::new(0.05);
/// Definitions hang this far under their term.
const DEFINITION_HANG: Em = Em::new(1.5);

impl Flow<'_, '_> {
    /// An admonition: a rule, its title (the author's, or the kind's name) in bold, the
    /// content inset, a rule.
    pub(super) fn admonition(
        &mut self,
        kind: AdmonitionKind,
        title: &[Inline],
        blocks: &[Block],
        (depth, indent, _span): (usize, Pt, Span),
        after_heading: &mut bool,
    ) {
        let width = self.m.width - indent;
        let inset = ADMONITION_INSET.at(self.m.size);
        let inset = if (width - inset * 2.0) < self.base_width * design::MIN_MEASURE_SHARE {
            Pt::new(0.0)
        } else {
            inset
        };
        self.elements.push(Element::SnapToGrid);
        self.gap(design::BLOCK_GAP);
        self.rule(indent, width, true);
        let text = if Inline::is_visible(title) {
            self.text(title, Style::Bold)
        } else {
            let mut text = Text::default();
            text.push(kind.title(), Format::plain(Style::Bold));
            text
        };
        self.set_lines(
            &text,
            1.0,
            Align::Left,
            indent + inset,
            width - inset * 2.0,
            true,
        );
        let after_title = self.elements.len();
        let saved = self.m;
        self.m.width = saved.width - inset;
        let mut first = true;
        for (k, block) in blocks.iter().enumerate() {
            self.nested(&[k as u32], |flow| {
                flow.block(block, depth + 1, indent + inset, &mut first)
            });
        }
        self.m = saved;
        self.keep_through_first_line(after_title);
        self.keep_last();
        self.rule(indent, width, false);
        self.gap(design::BLOCK_GAP);
        self.elements.push(Element::SnapToGrid);
        *after_heading = true;
    }

    /// A definition list: each term in bold, its definitions hanging below it; a term stays
    /// with the first line of its definition.
    pub(super) fn definitions(
        &mut self,
        items: &[DefinitionItem],
        depth: usize,
        indent: Pt,
        after_heading: &mut bool,
    ) {
        let width = self.m.width - indent;
        let hang = DEFINITION_HANG.at(self.m.size);
        let inner = if width - hang < self.base_width * design::MIN_MEASURE_SHARE {
            indent
        } else {
            indent + hang
        };
        // On the baseline grid, as lists are: the bold terms set the entries apart.
        self.elements.push(Element::SnapToGrid);
        let mut pending_keep = None;
        for (i, item) in items.iter().enumerate() {
            match item {
                DefinitionItem::Term(term) => {
                    self.nested(&[i as u32], |flow| {
                        flow.start_source(None);
                        let text = flow.text(term, Style::Bold);
                        flow.set_lines(&text, 1.0, Align::Left, indent, width, true);
                    });
                    pending_keep = Some(self.elements.len());
                }
                DefinitionItem::Details(blocks) => {
                    let mut first = true;
                    for (k, block) in blocks.iter().enumerate() {
                        self.nested(&[i as u32, k as u32], |flow| {
                            flow.block(block, depth + 1, inner, &mut first)
                        });
                    }
                    if let Some(from) = pending_keep.take() {
                        self.keep_through_first_line(from);
                    }
                }
            }
        }
        self.elements.push(Element::SnapToGrid);
        *after_heading = true;
    }

    /// A horizontal rule across the measure, in a thin band of its own.
    fn rule(&mut self, x: Pt, width: Pt, keep_with_next: bool) {
        let height = self.m.leading * 0.4;
        let band = Band {
            lines: Vec::new(),
            rules: vec![Rule {
                x,
                width,
                y: height * 0.5,
                thickness: ADMONITION_RULE.at(self.m.size),
            }],
            height,
            size: self.m.size,
        };
        self.elements.push(Element::TableBand(Box::new(TableBand {
            band,
            links: Arc::default(),
            keep_with_next,
            header: None,
            source: self.source.clone(),
        })));
    }

    /// No page break between element `from` and the first line after it: the spaces in
    /// between keep with what follows, and a move to the grid there becomes a space of
    /// nothing (it would allow a break).
    fn keep_through_first_line(&mut self, from: usize) {
        for element in self.elements.iter_mut().skip(from) {
            match element {
                Element::Text(block) if !block.lines.is_empty() => return,
                Element::Space { keep_with_next, .. } | Element::Image { keep_with_next, .. } => {
                    *keep_with_next = true
                }
                Element::TableBand(band) => band.keep_with_next = true,
                Element::SnapToGrid => {
                    *element = Element::Space {
                        height: Pt::new(0.0),
                        is_discardable: true,
                        keep_with_next: true,
                    }
                }
                _ => {}
            }
        }
    }
}
