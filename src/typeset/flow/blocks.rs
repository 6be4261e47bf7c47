//! Blocks → elements: headings, paragraphs, quotes, lists, scene breaks and tables (code
//! and figures have files of their own).

use std::sync::Arc;

use super::super::design;
use super::super::list::{Anchor, Element, SetLine, TableBand};
use super::super::table;
use super::{Align, Flow, Format, Layout, Style, Text};
use crate::diag::Span;
use crate::doc::design::{Paragraphs, SceneBreak};
use crate::doc::{Block, Inline, ListItem};
use crate::units::{Em, Pt};

/// Space between paragraphs set as blocks (no indent), in lines.
const BLOCK_PARAGRAPH_GAP: f64 = 0.5;

impl Flow<'_, '_> {
    /// Adds `block`, nested `depth` deep and `indent` from the left of the text block.
    /// `after_heading` says whether a paragraph here opens its section (no indent), and is
    /// updated for the next block.
    pub(super) fn block(
        &mut self,
        block: &Block,
        depth: usize,
        indent: Pt,
        after_heading: &mut bool,
    ) {
        let width = self.m.width - indent;
        self.start_source(None);
        match block {
            Block::Heading {
                level, id, content, ..
            } => {
                self.heading(*level, id, content, indent, width);
                *after_heading = true;
            }
            Block::Paragraph { content, .. }
                if self.quotes > 0 && crate::doc::is_stanza(content) =>
            {
                self.stanza(content, indent, width);
                *after_heading = true;
            }
            Block::Paragraph { content, span } => {
                self.body_paragraph(content, *span, (depth, indent, width), after_heading);
            }
            Block::Quote { blocks, .. } => {
                self.quote(blocks, depth, indent, width);
                *after_heading = true;
            }
            Block::List { start, items, .. } => self.list(*start, items, depth, indent),
            Block::Code {
                content,
                tokens,
                span,
                ..
            } => {
                self.code(content, tokens, *span, indent, width);
                *after_heading = true;
            }
            Block::Table {
                aligns,
                head,
                rows,
                span,
            } => {
                self.table(aligns, head, rows, indent, width, *span);
                *after_heading = true;
            }
            // A figure's link: the EPUB's; print has its URL in the caption (link_urls).
            Block::Figure {
                image,
                alt,
                caption,
                span,
                ..
            } => {
                // A figure floats: the paragraph after it goes on with its indent.
                self.figure(*image, alt, caption, indent, width, *span);
            }
            Block::Admonition {
                kind,
                title,
                blocks,
                span,
            } => self.admonition(*kind, title, blocks, (depth, indent, *span), after_heading),
            Block::DefinitionList { items, .. } => {
                self.definitions(items, depth, indent, after_heading)
            }
            Block::SceneBreak { .. } => {
                self.scene_break(indent, width);
                *after_heading = true;
            }
        }
    }

    /// A heading inside a chapter: centred at levels 1 and 2, italic at 3, bold below,
    /// kept with what follows.
    fn heading(&mut self, level: u8, id: &str, content: &[Inline], indent: Pt, width: Pt) {
        self.elements.push(Element::SnapToGrid);
        self.elements.push(Element::Space {
            height: self.m.leading * design::HEADING_SPACE_ABOVE,
            is_discardable: true,
            keep_with_next: false,
        });
        self.elements
            .push(Element::Anchor(Anchor::Id(id.to_string())));
        let (scale, style) = match level {
            1 | 2 => (design::HEADING_SCALES[0], Style::Regular),
            3 => (design::HEADING_SCALES[1], Style::Italic),
            _ => (1.0, Style::Bold),
        };
        let text = self.text(content, style);
        let align = if level <= 2 {
            Align::Center
        } else {
            Align::Left
        };
        self.set_lines(&text, scale, align, indent, width, true);
        self.elements.push(Element::SnapToGrid);
        self.keep_last();
    }

    /// A paragraph of the text: indented unless it follows a heading (or the design sets
    /// block paragraphs), with the chapter's opening treatment when it opens the text; an
    /// invisible one leaves only its anchors.
    fn body_paragraph(
        &mut self,
        content: &[Inline],
        span: Span,
        (depth, indent, width): (usize, Pt, Pt),
        after_heading: &mut bool,
    ) {
        if !Inline::is_visible(content) {
            for inline in content {
                if let Inline::Anchor(id) = inline {
                    self.elements.push(Element::Anchor(Anchor::Id(id.clone())));
                }
            }
            // A paragraph of no-break spaces (`&nbsp;`) is the author's blank line: it keeps
            // what is around it apart (two lists in a row), as it does on screen.
            let is_spacer = content
                .iter()
                .any(|i| matches!(i, Inline::Text(t) if t.contains('\u{a0}')));
            if is_spacer {
                self.elements.push(Element::SnapToGrid);
                self.gap(1.0);
            }
            return;
        }
        self.leaf_log = (!self.in_note).then(Vec::new);
        let text = self.text(content, Style::Regular);
        if let Some(leaves) = self.leaf_log.take() {
            self.start_source(Some((&text, leaves)));
        }
        let opens = self.opens_text(depth);
        let is_first = *after_heading || depth > 0 && self.last_was_space();
        *after_heading = false;
        if let Some(is_chapter_start) = opens
            && self.opening_paragraph(&text, is_chapter_start, indent, width, span)
        {
            return;
        }
        let para_indent = match self.book.design.paragraphs {
            _ if is_first => Pt::new(0.0),
            // Chinese and Japanese indent by whole characters, keeping the em grid.
            Paragraphs::Indent(em) if text.text.starts_with(crate::doc::script::is_cjk) => {
                Em::new(em.round().max(1.0)).at(self.m.size)
            }
            Paragraphs::Indent(em) => Em::new(em).at(self.m.size),
            Paragraphs::Block => {
                self.gap(BLOCK_PARAGRAPH_GAP);
                Pt::new(0.0)
            }
        };
        self.paragraph(&text, para_indent, indent, width, Align::Justify, span);
    }

    /// A block quote: inset both sides, in smaller type, a blank line above and below;
    /// verse inside it is set as stanzas.
    fn quote(&mut self, blocks: &[Block], depth: usize, indent: Pt, width: Pt) {
        self.elements.push(Element::SnapToGrid);
        self.gap(design::QUOTE_GAP);
        // Quotes inset both sides, until the measure would fall below 40% of the
        // text block (very deep nesting).
        let inset = design::QUOTE_INSET.at(self.m.size);
        let inset = if (width - inset * 2.0) < self.base_width * design::MIN_MEASURE_SHARE {
            Pt::new(0.0)
        } else {
            inset
        };
        let saved = self.m;
        self.m.size = saved.size * design::QUOTE_SCALE;
        self.m.width = saved.width - inset;
        let mut first = true;
        self.quotes += 1;
        for (k, b) in blocks.iter().enumerate() {
            self.nested(&[k as u32], |flow| {
                flow.block(b, depth + 1, indent + inset, &mut first)
            });
        }
        self.quotes -= 1;
        self.m = saved;
        self.gap(design::QUOTE_GAP);
        self.elements.push(Element::SnapToGrid);
    }

    /// A scene break: a blank line, or the design's mark halfway between the lines.
    fn scene_break(&mut self, indent: Pt, width: Pt) {
        self.elements.push(Element::SnapToGrid);
        let mark = &self.book.design.scene_break;
        let mut text = Text::default();
        text.push(mark.mark(), Format::plain(Style::Regular));
        if *mark == SceneBreak::Space {
            // A blank line, whose mark opens the next page when a page breaks at it.
            let layout = Layout::aligned(self.m.size, width, Align::Center);
            if let Some(line) = self.setter.set(&text, &layout).lines.into_iter().next() {
                self.elements.push(Element::SceneSpace {
                    mark: Box::new(SetLine {
                        line,
                        x: indent,
                        height: self.m.leading,
                        baseline: self.m.size,
                        keep_with_next: false,
                        notes: Vec::new(),
                    }),
                });
            }
        } else {
            // Its own space above (kept with it, not merged with a quote's, kept at
            // a page top), so that the ornament stands halfway between the lines
            // before and after it, and half a line down at the top of a page.
            self.elements.push(Element::Space {
                height: self.m.leading * design::BLOCK_GAP,
                is_discardable: false,
                keep_with_next: true,
            });
            self.set_lines(&text, 1.0, Align::Center, indent, width, false);
            self.gap(design::BLOCK_GAP);
        }
        self.elements.push(Element::SnapToGrid);
    }

    fn list(&mut self, start: Option<u64>, items: &[ListItem], depth: usize, indent: Pt) {
        let hang = design::LIST_HANG.at(self.m.size);
        // Items indent until the measure would fall below 40% of the text block.
        let inner = if self.m.width - indent - hang < self.base_width * design::MIN_MEASURE_SHARE {
            indent
        } else {
            indent + hang
        };
        // A list sits on the baseline grid with the text around it (a quarter line of space
        // above and below put every line of it off the grid).
        self.elements.push(Element::SnapToGrid);
        for (n, item) in items.iter().enumerate() {
            let marker = match (start, item.task) {
                (_, Some(true)) => "☑".to_string(),
                (_, Some(false)) => "☐".to_string(),
                (Some(first), None) => format!("{}.", first + n as u64),
                (None, None) => {
                    if depth.is_multiple_of(2) {
                        "•".to_string()
                    } else {
                        "–".to_string()
                    }
                }
            };
            let before = self.elements.len();
            let mut after_heading = true;
            for (k, block) in item.blocks.iter().enumerate() {
                self.nested(&[n as u32, k as u32], |flow| {
                    flow.block(block, depth + 1, inner, &mut after_heading)
                });
            }
            // Hang the marker before the item's first line.
            let mut text = Text::default();
            text.push(&marker, Format::plain(Style::Regular));
            let layout = Layout::aligned(self.m.size, hang, Align::Left);
            let set = self.setter.set(&text, &layout);
            if let Some(marker_line) = set.lines.into_iter().next() {
                let shift = hang - marker_line.width - design::LIST_MARKER_GAP.at(self.m.size);
                let first = self.elements[before..].iter_mut().find_map(|e| match e {
                    Element::Text(block) => block.lines.first_mut(),
                    _ => None,
                });
                if let Some(first) = first {
                    let mark_width = marker_line.width;
                    for mut run in marker_line.runs {
                        run.origin.x += match first.line.mirror {
                            None => shift - hang + (indent - first.x + hang),
                            // Right to left the page mirrors the first line: the marker
                            // goes where the mirror of its place is, from the line's start
                            // (and its own line set it flush right in `hang`).
                            Some(measure) => {
                                first.x + measure
                                    - indent
                                    - shift
                                    - mark_width
                                    - (hang - mark_width)
                            }
                        };
                        first.line.runs.insert(0, run);
                    }
                }
            }
        }
        self.elements.push(Element::SnapToGrid);
    }

    /// A table, with space above and below; the text after it goes back to the grid.
    pub(super) fn table(
        &mut self,
        aligns: &[crate::doc::Align],
        head: &[Vec<Inline>],
        rows: &[Vec<Vec<Inline>>],
        indent: Pt,
        width: Pt,
        span: Span,
    ) {
        let table = table::Table {
            head: head.iter().map(|c| self.text(c, Style::Bold)).collect(),
            rows: rows
                .iter()
                .map(|row| row.iter().map(|c| self.text(c, Style::Regular)).collect())
                .collect(),
            aligns: aligns
                .iter()
                .map(|a| match a {
                    crate::doc::Align::None | crate::doc::Align::Left => Align::Left,
                    crate::doc::Align::Center => Align::Center,
                    crate::doc::Align::Right => Align::Right,
                })
                .collect(),
        };
        let links = Arc::new(std::mem::take(&mut self.links));
        let area = table::Area {
            x: indent,
            width,
            size: self.m.size,
            leading: self.m.leading,
        };
        let set = table::set(self.setter, &table, &area);
        if let Some(word) = set.cut_words.first() {
            let word: String = match word.trim().char_indices().nth(40) {
                Some((end, _)) => format!("{}…", &word.trim()[..end]),
                None => word.trim().to_string(),
            };
            self.diags.push(
                crate::diag::Diagnostic::warning(
                    span,
                    format!(
                        "`{word}` is wider than its table column even in the smallest type; it is cut across lines"
                    ),
                )
                .with_hint("break the word with a space or soft hyphen (U+00AD), or make the table narrower (fewer columns)"),
            );
        }
        if matches!(self.elements.last(), Some(Element::Text(_))) {
            // A paragraph leads into the table (often its caption): its last line stays with
            // the table's header and first row.
            self.keep_last();
            self.elements.push(Element::Space {
                height: self.m.leading * design::BLOCK_GAP,
                is_discardable: true,
                keep_with_next: true,
            });
        } else {
            self.elements.push(Element::SnapToGrid);
            self.gap(design::BLOCK_GAP);
        }
        self.elements
            .extend(TableBand::elements(set.bands, links, self.source.clone()));
        self.gap(design::BLOCK_GAP);
        self.elements.push(Element::SnapToGrid);
    }
}
