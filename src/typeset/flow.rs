//! A chapter's blocks → a vertical list of elements (lines, spaces, images, anchors) with the
//! rules for where a page may break between them.

use super::font::Style;
use super::page::TextRun;
use super::paragraph::{Align, Format, Layout, Line, Setter, Text};
use super::table;
use crate::diag::{Diagnostic, Span};
use crate::doc::TextPosition;
use crate::doc::{Block, Book, Chapter, Image, ImageFormat, Inline, LinkTarget, ListItem, Note};
use crate::units::{Em, Pt};
use std::collections::BTreeMap;

mod mdbook;

/// One element of the vertical list.
#[derive(Clone, Debug)]
pub enum Element {
    /// A line of text.
    Line {
        /// The set line (runs relative to the start of the measure, baseline at y = 0).
        line: Line,
        /// Left edge of the measure, from the text block's left edge.
        x: Pt,
        /// Vertical space the line takes.
        height: Pt,
        /// Baseline, from the top of that space.
        baseline: Pt,
        /// No page break may follow.
        keep_with_next: bool,
    },
    /// Vertical space; dropped at the top of a page when discardable.
    Space {
        /// How much.
        height: Pt,
        /// Whether it vanishes at a page top.
        is_discardable: bool,
        /// No page break may follow.
        keep_with_next: bool,
    },
    /// Moves down to the next line of the baseline grid.
    SnapToGrid,
    /// An image.
    Image {
        /// Index into the book's images.
        image: usize,
        /// Left edge, from the text block's left edge.
        x: Pt,
        /// Size.
        width: Pt,
        /// Size.
        height: Pt,
        /// No page break may follow.
        keep_with_next: bool,
    },
    /// A band of a table: its header, or one line of a body row.
    TableBand {
        /// The lines and rules.
        band: super::table::Band,
        /// No page break may follow.
        keep_with_next: bool,
        /// For a body band: how many elements back the table's header band is (repeated at
        /// the top of a page the table continues on).
        header: Option<usize>,
    },
    /// A link target at this point.
    Anchor(String),
    /// Ends the page; `recto` asks for the next chapter to begin on a right-hand page.
    PageBreak {
        /// Start on a right-hand page.
        recto: bool,
    },
    /// A chapter begins: running heads change and the opening page has none.
    ChapterStart {
        /// Title for running heads.
        title: String,
    },
    /// A footnote, right after the line that refers to it: it goes to the foot of the page
    /// that line is on (continuing on the next page when it is too long).
    Note(Box<Footnote>),
}

/// A footnote as set.
#[derive(Clone, Debug, Default)]
pub struct Footnote {
    /// Its lines and spaces, top to bottom (only `Element::Line` and `Element::Space`).
    pub rows: Vec<Element>,
    /// Anchor name of the note: its reference links here.
    pub anchor: String,
    /// Anchor name of the reference: the note's number links back here.
    pub ref_anchor: String,
    /// Whether a page may break after the reference line (and so after the note).
    pub break_after: bool,
}

impl Element {
    /// Whether a page break may follow this element.
    pub fn allows_break_after(&self) -> bool {
        match self {
            Element::Line { keep_with_next, .. }
            | Element::Space { keep_with_next, .. }
            | Element::Image { keep_with_next, .. }
            | Element::TableBand { keep_with_next, .. } => !keep_with_next,
            Element::SnapToGrid | Element::PageBreak { .. } => true,
            Element::Note(note) => note.break_after,
            Element::Anchor(_) | Element::ChapterStart { .. } => false,
        }
    }

    /// The vertical space the element takes (lines, spaces and images).
    pub fn height(&self) -> Pt {
        match self {
            Element::Line { height, .. }
            | Element::Space { height, .. }
            | Element::Image { height, .. } => *height,
            _ => Pt::new(0.0),
        }
    }
}

/// Where a block begins in the document, and for a paragraph, its text as set and where
/// each of its `Inline::Text` leaves starts in that text.
#[derive(Clone, Debug, Default)]
pub struct BlockSource {
    /// The block (`within` is `None`).
    pub position: TextPosition,
    /// Byte offsets in `text` where each text leaf starts, in document order.
    pub leaves: Vec<usize>,
    /// The paragraph's text as set (empty for other blocks).
    pub text: String,
}

impl BlockSource {
    /// The position of byte `offset` of the block's text, moved back to the start of its
    /// word (a line may begin after a hyphen inside a word).
    pub fn position_at(&self, offset: usize) -> TextPosition {
        let mut position = self.position.clone();
        let Some(before) = self.text.get(..offset.min(self.text.len())) else {
            return position;
        };
        let word = before
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        if word == 0 {
            return position;
        }
        if let Some(leaf) = self.leaves.iter().rposition(|&start| start <= word) {
            let into = word - self.leaves[leaf];
            position.within = Some((leaf as u32, into as u32));
        }
        position
    }
}

/// A justified paragraph as set, kept so that page building can set it again one line
/// longer or shorter (TeX's `\looseness`) to fill a page.
#[derive(Clone, Debug)]
pub struct Paragraph {
    /// The text.
    pub text: Text,
    /// How it was set (`looseness` 0).
    pub layout: Layout,
    /// Left edge of its measure.
    pub x: Pt,
    /// Its leading.
    pub leading: Pt,
    /// Index of its first line in the vertical list.
    pub start: usize,
    /// How many lines it has.
    pub lines: usize,
}

/// The elements of a paragraph's lines: no page break after the first line (orphan) or
/// before the last (widow).
pub fn paragraph_elements(lines: Vec<Line>, x: Pt, leading: Pt, size: Pt) -> Vec<Element> {
    line_elements(lines, x, leading, size, |k, n| {
        n >= 2 && (k == 0 || k + 2 == n)
    })
}

/// The elements of set lines at `x`, each `leading` tall with its baseline `size` down; no
/// page break after line `k` of `n` where `keep(k, n)`.
fn line_elements(
    lines: Vec<Line>,
    x: Pt,
    leading: Pt,
    size: Pt,
    keep: impl Fn(usize, usize) -> bool,
) -> Vec<Element> {
    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(k, line)| Element::Line {
            line,
            x,
            height: leading,
            baseline: size,
            keep_with_next: keep(k, n),
        })
        .collect()
}

/// Where links lead, before pages are known: an anchor name or a web address.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkGoal {
    /// An `Element::Anchor` name.
    Anchor(String),
    /// A URI.
    Uri(String),
}

/// Footnote type size and leading, relative to the body's.
const NOTE_SCALE: f64 = 0.8;

/// The anchor name of the top of chapter `index`.
pub fn chapter_anchor(index: usize) -> String {
    format!("\u{0}chapter-{index}")
}

/// Measures of the text block and type, for a flow.
#[derive(Clone, Copy, Debug)]
pub struct Measures {
    /// Width of the text block.
    pub width: Pt,
    /// Height of the text block.
    pub height: Pt,
    /// Body type size.
    pub size: Pt,
    /// Body leading (the baseline grid).
    pub leading: Pt,
}

/// Builds the vertical list of the book's chapters.
pub struct Flow<'s, 'f> {
    setter: &'s mut Setter<'f>,
    m: Measures,
    /// The elements so far.
    pub elements: Vec<Element>,
    /// Link goals; `Format::link` indexes this.
    pub links: Vec<LinkGoal>,
    /// Problems found.
    pub diags: Vec<Diagnostic>,
    /// The justified paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    chapter_anchor_ids: Vec<Option<String>>,
    note_ids: Vec<String>,
    /// The current chapter's notes.
    notes: &'s [Note],
    /// Link indexes that are footnote references, with the note's number in the chapter.
    note_links: rustc_hash::FxHashMap<usize, usize>,
    /// The notes of the chapter set at the foot of a page so far.
    notes_set: Vec<bool>,
    /// Setting a footnote: its paragraphs are not refilled and its references not followed.
    in_note: bool,
    /// The width of the text block (nesting never narrows the measure below 40% of it).
    base_width: Pt,
    /// Where each block of the text begins, by the name of the anchor placed before it.
    pub sources: BTreeMap<String, BlockSource>,
    /// The chapter being set.
    chapter_index: usize,
    /// The path of the block being set (see `doc::TextPosition::block`).
    path: Vec<u32>,
    /// While a block's text is collected: where each `Inline::Text` leaf starts in it.
    leaf_log: Option<Vec<usize>>,
    recto_chapters: bool,
    images: &'s [Image],
    /// Inside a code block: line breaks and tabs are kept, code is not scaled down.
    in_code: bool,
}

impl<'s, 'f> Flow<'s, 'f> {
    /// A new, empty flow.
    pub fn new(
        setter: &'s mut Setter<'f>,
        m: Measures,
        book: &'s Book,
        recto_chapters: bool,
    ) -> Self {
        let chapter_anchor_ids = book.chapters.iter().map(|c| c.anchor.clone()).collect();
        Flow {
            setter,
            m,
            elements: Vec::new(),
            links: Vec::new(),
            diags: Vec::new(),
            paragraphs: Vec::new(),
            chapter_anchor_ids,
            note_ids: Vec::new(),
            notes: &[],
            note_links: Default::default(),
            notes_set: Vec::new(),
            in_note: false,
            base_width: m.width,
            sources: BTreeMap::new(),
            chapter_index: 0,
            path: Vec::new(),
            leaf_log: None,
            recto_chapters,
            images: &book.images,
            in_code: false,
        }
    }

    /// Adds a chapter: a new page, a sunk title, the text, then its notes.
    pub fn chapter(&mut self, index: usize, chapter: &'s Chapter) {
        self.note_ids = chapter.notes.iter().map(|n| n.id.clone()).collect();
        self.notes = &chapter.notes;
        self.notes_set = vec![false; chapter.notes.len()];
        self.note_links.clear();
        self.chapter_index = index;
        self.elements.push(Element::PageBreak {
            recto: self.recto_chapters,
        });
        self.elements.push(Element::ChapterStart {
            title: Inline::plain_text(&chapter.title),
        });
        self.elements.push(Element::Anchor(chapter_anchor(index)));
        // Sink the opening: a quarter of the text block, on the grid.
        let sink = self.grid_lines((self.m.height * 0.22) / self.m.leading);
        self.elements.push(Element::Space {
            height: sink,
            is_discardable: false,
            keep_with_next: true,
        });
        let mut first = true;
        let mut after_heading = true;
        for (b, block) in chapter.blocks.iter().enumerate() {
            self.path = vec![b as u32];
            if first {
                self.source_anchor();
            }
            if first && chapter.is_part {
                if let Block::Heading { id, content, .. } = block {
                    self.elements.push(Element::Anchor(id.clone()));
                    self.display(content, 2.2, Style::Regular, Align::Center);
                }
                first = false;
                continue;
            }
            if first
                && let Block::Heading {
                    level, id, content, ..
                } = block
                && *level <= 2
            {
                self.elements.push(Element::Anchor(id.clone()));
                self.chapter_title(chapter, content);
                first = false;
                after_heading = true;
                continue;
            }
            first = false;
            self.block(block, 0, Pt::new(0.0), &mut after_heading);
        }
        self.notes(chapter);
    }

    fn grid_lines(&self, lines: f64) -> Pt {
        self.m.leading * lines.round().max(1.0)
    }

    fn chapter_title(&mut self, chapter: &Chapter, content: &[Inline]) {
        if let Some(number) = chapter.number.as_ref().filter(|n| n.len() == 1) {
            let label = format!("Chapter {}", number[0]);
            let mut text = Text::default();
            text.push(&label, Format::plain(Style::Italic));
            self.set_lines(&text, 1.1, Align::Center, Pt::new(0.0), self.m.width, true);
            self.elements.push(Element::Space {
                height: self.m.leading * 0.5,
                is_discardable: false,
                keep_with_next: true,
            });
        }
        self.display(content, 1.9, Style::Regular, Align::Center);
        self.elements.push(Element::Space {
            height: self.m.leading * 2.0,
            is_discardable: true,
            keep_with_next: true,
        });
        self.elements.push(Element::SnapToGrid);
    }

    /// A display line (titles): larger type, centred, lines kept together.
    fn display(&mut self, content: &[Inline], scale: f64, style: Style, align: Align) {
        let text = self.text(content, style);
        self.set_lines(&text, scale, align, Pt::new(0.0), self.m.width, true);
    }

    /// Sets `text` at `scale` × the body size and adds its lines.
    fn set_lines(
        &mut self,
        text: &Text,
        scale: f64,
        align: Align,
        x: Pt,
        measure: Pt,
        keep_all: bool,
    ) -> usize {
        let size = self.m.size * scale;
        let layout = Layout::aligned(size, measure, align);
        let set = self.setter.set(text, &layout);
        let leading = if scale > 1.0 {
            size * 1.2
        } else {
            self.m.leading * scale
        };
        let n = set.lines.len();
        let lines = line_elements(set.lines, x, leading, size, |k, n| keep_all || k + 1 < n);
        self.push_lines(lines);
        n
    }

    /// Puts an anchor before the block at `self.path` and records where it is in the text.
    fn source_anchor(&mut self) -> Option<String> {
        if self.in_note {
            return None;
        }
        let name = format!(
            "\u{0}src-{}-{}",
            self.chapter_index,
            self.path
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(".")
        );
        self.elements.push(Element::Anchor(name.clone()));
        self.sources.insert(
            name.clone(),
            BlockSource {
                position: TextPosition {
                    chapter: self.chapter_index,
                    block: self.path.clone(),
                    within: None,
                },
                ..BlockSource::default()
            },
        );
        Some(name)
    }

    /// `block` inside the block at `self.path`, at index `index` of its container.
    fn nested(&mut self, index: &[u32], f: impl FnOnce(&mut Self)) {
        let depth = self.path.len();
        self.path.extend_from_slice(index);
        f(self);
        self.path.truncate(depth);
    }

    fn block(&mut self, block: &Block, depth: usize, indent: Pt, after_heading: &mut bool) {
        let width = self.m.width - indent;
        let source = self.source_anchor();
        match block {
            Block::Heading {
                level, id, content, ..
            } => {
                self.elements.push(Element::SnapToGrid);
                self.elements.push(Element::Space {
                    height: self.m.leading,
                    is_discardable: true,
                    keep_with_next: false,
                });
                self.elements.push(Element::Anchor(id.clone()));
                let (scale, style) = match level {
                    1 | 2 => (1.25, Style::Regular),
                    3 => (1.1, Style::Italic),
                    _ => (1.0, Style::Bold),
                };
                let text = self.text(content, style);
                let align = if *level <= 2 {
                    Align::Center
                } else {
                    Align::Left
                };
                self.set_lines(&text, scale, align, indent, width, true);
                self.elements.push(Element::SnapToGrid);
                self.keep_last();
                *after_heading = true;
            }
            Block::Paragraph { content, span } => {
                if !Inline::is_visible(content) {
                    for inline in content {
                        if let Inline::Anchor(id) = inline {
                            self.elements.push(Element::Anchor(id.clone()));
                        }
                    }
                    return;
                }
                self.leaf_log = source.is_some().then(Vec::new);
                let text = self.text(content, Style::Regular);
                if let (Some(name), Some(leaves)) = (&source, self.leaf_log.take())
                    && let Some(record) = self.sources.get_mut(name)
                {
                    record.leaves = leaves;
                    record.text = text.text.clone();
                }
                let para_indent = if *after_heading || depth > 0 && self.last_was_space() {
                    Pt::new(0.0)
                } else {
                    Em::new(1.0).at(self.m.size)
                };
                self.paragraph(&text, para_indent, indent, width, Align::Justify, *span);
                *after_heading = false;
            }
            Block::Quote { blocks, .. } => {
                self.gap(0.5);
                // Quotes inset both sides, until the measure would fall below 40% of the
                // text block (very deep nesting).
                let inset = Em::new(1.5).at(self.m.size);
                let inset = if (width - inset * 2.0) < self.base_width * 0.4 {
                    Pt::new(0.0)
                } else {
                    inset
                };
                let saved = self.m;
                self.m.size = saved.size * 0.92;
                self.m.leading = saved.leading * 0.92;
                self.m.width = saved.width - inset;
                let mut first = true;
                for (k, b) in blocks.iter().enumerate() {
                    self.nested(&[k as u32], |flow| {
                        flow.block(b, depth + 1, indent + inset, &mut first)
                    });
                }
                self.m = saved;
                self.gap(0.5);
                self.elements.push(Element::SnapToGrid);
                *after_heading = true;
            }
            Block::List { start, items, .. } => self.list(*start, items, depth, indent),
            Block::Code { content, .. } => {
                self.code(content, indent, width);
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
            Block::Figure {
                image,
                alt,
                caption,
                span,
            } => {
                self.figure(*image, alt, caption, indent, width, *span);
                *after_heading = true;
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
                self.elements.push(Element::SnapToGrid);
                let mut text = Text::default();
                text.push("*\u{2003}*\u{2003}*", Format::plain(Style::Regular));
                self.gap(0.5);
                self.set_lines(&text, 1.0, Align::Center, indent, width, false);
                self.gap(0.5);
                self.elements.push(Element::SnapToGrid);
                *after_heading = true;
            }
        }
    }

    /// Vertical space of `lines` body lines that vanishes at the top of a page.
    fn gap(&mut self, lines: f64) {
        self.elements.push(Element::Space {
            height: self.m.leading * lines,
            is_discardable: true,
            keep_with_next: false,
        });
    }

    fn last_was_space(&self) -> bool {
        matches!(
            self.elements.last(),
            Some(Element::Space { .. } | Element::SnapToGrid)
        )
    }

    /// Marks the last element so that no page break follows it.
    fn keep_last(&mut self) {
        for element in self.elements.iter_mut().rev() {
            match element {
                Element::Line { keep_with_next, .. }
                | Element::Space { keep_with_next, .. }
                | Element::Image { keep_with_next, .. } => {
                    *keep_with_next = true;
                    return;
                }
                _ => {}
            }
        }
    }

    /// A paragraph with widow and orphan control. Justified ones are recorded so that page
    /// building can set them again one line longer or shorter.
    fn paragraph(
        &mut self,
        text: &Text,
        first_indent: Pt,
        x: Pt,
        measure: Pt,
        align: Align,
        span: Span,
    ) {
        let layout = Layout {
            size: self.m.size,
            measure,
            indent: first_indent,
            align,
            looseness: 0,
        };
        let mut set = self.setter.set(text, &layout);
        self.report(&set, span);
        // A word wider than the measure (no break point fits it) is cut between letters
        // rather than run off the page.
        let mut was_cut = false;
        if !set.is_feasible {
            let mut lines = Vec::with_capacity(set.lines.len());
            for (k, line) in std::mem::take(&mut set.lines).into_iter().enumerate() {
                // A line's width counts the first line's indent, and its glyphs sit after it.
                if measure.fits(line.width) {
                    lines.push(line);
                    continue;
                }
                let indent = if k == 0 { first_indent } else { Pt::new(0.0) };
                for (p, mut piece) in super::table::cut(line, measure - indent)
                    .into_iter()
                    .enumerate()
                {
                    if p == 0 {
                        super::table::shift(&mut piece, indent);
                    }
                    lines.push(piece);
                }
                was_cut = true;
            }
            set.lines = lines;
        }
        let record = Paragraph {
            text: text.clone(),
            layout,
            x,
            leading: self.m.leading,
            start: self.elements.len(),
            lines: set.lines.len(),
        };
        let has_notes = self.push_paragraph_lines(set.lines, x);
        // Page filling sets paragraphs again; one with footnotes or a cut word keeps its
        // lines.
        if align == Align::Justify && !has_notes && !was_cut && !self.in_note {
            self.paragraphs.push(record);
        }
    }

    fn report(&mut self, set: &super::paragraph::Set, span: Span) {
        self.report_missing(&set.missing, span);
        if !set.is_feasible {
            self.diags.push(
                Diagnostic::warning(
                    span,
                    "a line of this paragraph could not be set within the measure; a word too long for it is cut between letters",
                )
                .with_hint("a very long word or URL: add a soft hyphen (U+00AD) or rephrase"),
            );
        }
    }

    fn report_missing(&mut self, missing: &[char], span: Span) {
        if !missing.is_empty() {
            let chars: String = missing
                .iter()
                .map(|c| format!("{c} (U+{:04X}) ", *c as u32))
                .collect();
            self.diags.push(
                Diagnostic::warning(span, format!("no font has {}; they show as empty boxes", chars.trim_end()))
                    .with_hint("name a font that has them with `font-fallback = \"path/to/font.ttf\"` in [output.pdf]"),
            );
        }
    }

    /// Adds paragraph lines: no page break after the first line (orphan) or before the last
    /// (widow).
    /// Adds a paragraph's lines; returns whether footnotes came with them.
    fn push_paragraph_lines(&mut self, lines: Vec<Line>, x: Pt) -> bool {
        let elements = paragraph_elements(lines, x, self.m.leading, self.m.size);
        self.push_lines(elements)
    }

    /// Adds lines, each followed by the footnotes it refers to (the first reference to a
    /// note carries it). Returns whether any footnote was added.
    fn push_lines(&mut self, lines: Vec<Element>) -> bool {
        let mut any = false;
        for element in lines {
            let refs: Vec<usize> = match &element {
                Element::Line { line, .. } if !self.in_note => line
                    .links
                    .iter()
                    .filter_map(|l| self.note_links.get(&l.2).copied())
                    .collect(),
                _ => Vec::new(),
            };
            let break_after = element.allows_break_after();
            self.elements.push(element);
            for n in refs {
                if let Some(note) = self.footnote(n, break_after) {
                    self.elements.push(note);
                    any = true;
                }
            }
        }
        any
    }

    /// Sets note `n` of the chapter for the foot of the page, once.
    fn footnote(&mut self, n: usize, break_after: bool) -> Option<Element> {
        let notes = self.notes;
        let note = notes.get(n)?;
        if std::mem::replace(self.notes_set.get_mut(n)?, true) {
            return None;
        }
        let ref_anchor = format!("\u{0}noteref-{}", note.id);
        self.links.push(LinkGoal::Anchor(ref_anchor.clone()));
        let back = self.links.len() - 1;
        let outer = std::mem::take(&mut self.elements);
        let saved = self.m;
        self.in_note = true;
        self.m.size = saved.size * NOTE_SCALE;
        self.m.leading = saved.leading * NOTE_SCALE;
        self.note_blocks(n, &note.blocks, Some(back));
        self.m = saved;
        self.in_note = false;
        let set = std::mem::replace(&mut self.elements, outer);
        if set
            .iter()
            .any(|e| matches!(e, Element::Image { .. } | Element::TableBand { .. }))
        {
            self.diags.push(
                Diagnostic::warning(
                    note.span,
                    "a footnote's image or table is not shown at the foot of the PDF page",
                )
                .with_hint("keep footnotes to text; the EPUB shows the note whole"),
            );
        }
        let rows: Vec<Element> = set
            .into_iter()
            .filter(|e| matches!(e, Element::Line { .. } | Element::Space { .. }))
            .skip_while(|e| matches!(e, Element::Space { .. }))
            .collect();
        Some(Element::Note(Box::new(Footnote {
            rows,
            anchor: note.id.clone(),
            ref_anchor,
            break_after,
        })))
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

    fn list(&mut self, start: Option<u64>, items: &[ListItem], depth: usize, indent: Pt) {
        let hang = Em::new(1.6).at(self.m.size);
        // Items indent until the measure would fall below 40% of the text block.
        let inner = if self.m.width - indent - hang < self.base_width * 0.4 {
            indent
        } else {
            indent + hang
        };
        self.gap(0.25);
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
                let shift = hang - marker_line.width - Em::new(0.4).at(self.m.size);
                if let Some(Element::Line { line, x, .. }) = self.elements[before..]
                    .iter_mut()
                    .find(|e| matches!(e, Element::Line { .. }))
                {
                    for mut run in marker_line.runs {
                        run.origin.x += shift - hang + (indent - *x + hang);
                        line.runs.insert(0, run);
                    }
                }
            }
        }
        self.gap(0.25);
        self.elements.push(Element::SnapToGrid);
    }

    /// Monospaced, not justified; long lines wrap with a continuation mark.
    fn code(&mut self, content: &[Inline], indent: Pt, width: Pt) {
        let size = self.m.size * 0.8;
        let leading = self.m.leading * 0.8;
        let mut all = Text::default();
        self.in_code = true;
        self.push_inlines(&mut all, content, Style::Mono, None);
        self.in_code = false;
        self.gap(0.5);
        let inset = Em::new(0.8).at(self.m.size);
        let lines: Vec<&str> = all.text.split('\n').collect();
        let count = lines.len();
        let mut offset = 0;
        for (k, source_line) in lines.iter().enumerate() {
            let mut text = Text::default();
            // Keep the formats (emphasis in raw `<pre>`) of this line's bytes.
            for (range, format) in &all.formats {
                let from = range.start.max(offset);
                let to = range.end.min(offset + source_line.len());
                if from < to {
                    text.push(&all.text[from..to].replace(' ', "\u{a0}"), *format);
                }
            }
            offset += source_line.len() + 1;
            if text.text.is_empty() {
                text.push("\u{a0}", Format::plain(Style::Mono));
            }
            let pieces = self.wrap_code(&text, size, width - inset * 2.0);
            let n = pieces.len();
            for (p, mut line) in pieces.into_iter().enumerate() {
                if p > 0 {
                    let mut mark = Text::default();
                    mark.push("↪", Format::plain(Style::Mono));
                    let layout = Layout::aligned(size * 0.8, inset, Align::Left);
                    if let Some(m) = self.setter.set(&mark, &layout).lines.into_iter().next() {
                        for mut run in m.runs {
                            run.origin.x -= inset * 0.9;
                            line.runs.push(run);
                        }
                    }
                }
                let keep = (k < 1 || k + 2 >= count || p + 1 < n) && count > 1;
                self.elements.push(Element::Line {
                    line,
                    x: indent + inset,
                    height: leading,
                    baseline: size,
                    keep_with_next: keep,
                });
            }
        }
        self.gap(0.5);
        self.elements.push(Element::SnapToGrid);
    }

    /// Cuts a code line into pieces that fit `measure`, at character boundaries.
    fn wrap_code(&mut self, text: &Text, size: Pt, measure: Pt) -> Vec<Line> {
        let layout = Layout::aligned(size, Pt::new(1e9), Align::Left);
        let whole = self
            .setter
            .set(text, &layout)
            .lines
            .into_iter()
            .next()
            .unwrap_or_default();
        if measure.fits(whole.width) {
            return vec![whole];
        }
        // Split glyph runs at the measure.
        let mut pieces: Vec<Line> = Vec::new();
        let mut current = Line::default();
        let mut shift = Pt::new(0.0);
        for run in whole.runs {
            let mut piece = TextRun {
                glyphs: Vec::new(),
                ..run.clone()
            };
            piece.origin.x = run.origin.x - shift;
            for glyph in &run.glyphs {
                let x = run.origin.x + glyph.x - shift;
                if x.get() > 0.0 && !measure.fits(x + size * 0.62) {
                    if !piece.glyphs.is_empty() {
                        current.runs.push(piece.clone());
                    }
                    pieces.push(std::mem::take(&mut current));
                    shift += x;
                    piece = TextRun {
                        glyphs: Vec::new(),
                        ..run.clone()
                    };
                    piece.origin.x = run.origin.x - shift;
                }
                piece.glyphs.push(glyph.clone());
            }
            if !piece.glyphs.is_empty() {
                current.runs.push(piece);
            }
        }
        pieces.push(current);
        pieces
    }

    /// A table, with space above and below; the text after it goes back to the grid.
    fn table(
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
        let area = table::Area {
            x: indent,
            width,
            size: self.m.size,
            leading: self.m.leading,
        };
        let set = table::set(self.setter, &table, &area);
        self.report_missing(&set.missing, span);
        if let Some(word) = set.cut_words.first() {
            let word: String = match word.trim().char_indices().nth(40) {
                Some((end, _)) => format!("{}…", &word.trim()[..end]),
                None => word.trim().to_string(),
            };
            self.diags.push(
                Diagnostic::warning(
                    span,
                    format!(
                        "`{word}` is wider than its table column even in the smallest type; it is cut across lines"
                    ),
                )
                .with_hint("break the word with a space or soft hyphen (U+00AD), or make the table narrower (fewer columns)"),
            );
        }
        if matches!(self.elements.last(), Some(Element::Line { .. })) {
            // A paragraph leads into the table (often its caption): its last line stays with
            // the table's header and first row.
            self.keep_last();
            self.elements.push(Element::Space {
                height: self.m.leading * 0.5,
                is_discardable: true,
                keep_with_next: true,
            });
        } else {
            self.elements.push(Element::SnapToGrid);
            self.gap(0.5);
        }
        self.elements.extend(set.elements);
        self.gap(0.5);
        self.elements.push(Element::SnapToGrid);
    }

    /// An image scaled to the measure (never beyond a page), then its caption.
    fn figure(
        &mut self,
        image: usize,
        alt: &str,
        caption: &[Inline],
        indent: Pt,
        width: Pt,
        span: Span,
    ) {
        let Some(info) = self.images.get(image) else {
            return;
        };
        // The natural size: SVG's own, raster images at 150 dpi (with their pixels, to warn
        // below 300 dpi).
        let natural = match (info.format, info.pixels) {
            (ImageFormat::Svg, _) => crate::svg::size(&info.bytes).map(|size| (size, None)),
            (_, Some((w, h))) => {
                let at_150 = |px: u32| Pt::new(f64::from(px) * 72.0 / 150.0);
                Ok(((at_150(w), at_150(h)), Some(w)))
            }
            (_, None) => Err("its size is unknown".into()),
        };
        let natural = match natural {
            Ok(natural) => Some(natural),
            Err(reason) => {
                self.diags.push(
                    Diagnostic::warning(
                        span,
                        format!(
                            "image `{}` cannot be drawn ({reason}); its description is shown",
                            info.path
                        ),
                    )
                    .with_hint("check that the file opens in an image viewer or browser"),
                );
                let mut text = Text::default();
                text.push(&format!("[{alt}]"), Format::plain(Style::Italic));
                self.set_lines(&text, 0.9, Align::Center, indent, width, false);
                None
            }
        };
        if let Some(((natural_w, natural_h), pixels)) = natural {
            // Scaled down to the measure and 60% of the page.
            let mut draw_w = if width.fits(natural_w) {
                natural_w
            } else {
                width
            };
            let mut draw_h = draw_w * (natural_h / natural_w);
            let max_h = self.m.height * 0.6;
            if !max_h.fits(draw_h) {
                draw_w = draw_w * (max_h / draw_h);
                draw_h = max_h;
            }
            let dpi = pixels.map_or(f64::INFINITY, |w| f64::from(w) / (draw_w.get() / 72.0));
            if dpi < 300.0 {
                self.diags.push(
                    Diagnostic::warning(
                        span,
                        format!(
                            "image `{}` prints at {dpi:.0} dpi; print wants 300",
                            info.path
                        ),
                    )
                    .with_hint(format!(
                        "supply at least {} pixels of width for this size",
                        (draw_w.get() / 72.0 * 300.0).ceil()
                    )),
                );
            }
            self.elements.push(Element::SnapToGrid);
            self.gap(0.5);
            self.elements.push(Element::Image {
                image,
                x: indent + (width - draw_w) * 0.5,
                width: draw_w,
                height: draw_h,
                keep_with_next: !caption.is_empty(),
            });
        }
        if !caption.is_empty() {
            let text = self.text(caption, Style::Italic);
            self.elements.push(Element::Space {
                height: self.m.leading * 0.3,
                is_discardable: false,
                keep_with_next: true,
            });
            self.set_lines(&text, 0.9, Align::Center, indent, width, false);
        }
        self.gap(0.5);
        self.elements.push(Element::SnapToGrid);
    }

    /// The chapter's footnotes as notes at its end (until footnotes go to the page foot).
    /// Notes that no line of the chapter carried to a page foot (never referenced, or
    /// referenced only from a table or code), set after the chapter's text.
    fn notes(&mut self, chapter: &Chapter) {
        if self.notes_set.iter().all(|&set| set) {
            return;
        }
        // Pages that begin in these notes begin, for the EPUB, after the chapter's text.
        self.path = vec![chapter.blocks.len() as u32];
        self.source_anchor();
        self.elements.push(Element::SnapToGrid);
        self.elements.push(Element::Space {
            height: self.m.leading,
            is_discardable: true,
            keep_with_next: false,
        });
        let mut heading = Text::default();
        heading.push("Notes", Format::plain(Style::Italic));
        self.set_lines(&heading, 1.0, Align::Left, Pt::new(0.0), self.m.width, true);
        let saved = self.m;
        self.m.size = saved.size * NOTE_SCALE;
        self.m.leading = saved.leading * NOTE_SCALE;
        self.in_note = true;
        for (n, note) in chapter.notes.iter().enumerate() {
            if self.notes_set[n] {
                continue;
            }
            self.elements.push(Element::Anchor(note.id.clone()));
            self.note_blocks(n, &note.blocks, None);
        }
        self.in_note = false;
        self.m = saved;
        self.elements.push(Element::SnapToGrid);
    }

    /// Inline content as styled text.
    fn text(&mut self, content: &[Inline], style: Style) -> Text {
        let mut text = Text::default();
        self.push_inlines(&mut text, content, style, None);
        text
    }

    fn push_inlines(
        &mut self,
        text: &mut Text,
        content: &[Inline],
        style: Style,
        link: Option<usize>,
    ) {
        let format = |style| Format {
            link,
            ..Format::plain(style)
        };
        for inline in content {
            match inline {
                Inline::Text(t) if self.in_code => {
                    text.push(&t.replace('\t', "    "), format(style))
                }
                Inline::Text(t) => {
                    if let Some(log) = &mut self.leaf_log {
                        log.push(text.text.len());
                    }
                    text.push(&t.replace(['\n', '\t'], " "), format(style))
                }
                Inline::Emphasis(c) => self.push_inlines(text, c, style.toggle_italic(), link),
                Inline::Strong(c) => self.push_inlines(text, c, style.bold(), link),
                Inline::Strikethrough(c) | Inline::Keyboard(c) => {
                    self.push_inlines(text, c, style, link)
                }
                Inline::Superscript(c) | Inline::Subscript(c) => {
                    let rise = if matches!(inline, Inline::Superscript(_)) {
                        0.33
                    } else {
                        -0.15
                    };
                    self.push_restyled(text, c, style, link, |f| Format {
                        scale: 0.7,
                        rise: Em::new(rise),
                        ..f
                    });
                }
                Inline::Code(c) if self.in_code => self.push_inlines(text, c, Style::Mono, link),
                Inline::Code(c) => {
                    // DejaVu Sans Mono looks larger than EB Garamond at one size: code in
                    // running text is set a little smaller to match.
                    self.push_restyled(text, c, Style::Mono, link, |f| Format {
                        scale: f.scale * 0.86,
                        ..f
                    });
                }
                Inline::Link { target, content } => {
                    let goal = match target {
                        LinkTarget::External(url) => Some(LinkGoal::Uri(url.clone())),
                        LinkTarget::Internal { chapter, id } => Some(LinkGoal::Anchor(match id {
                            Some(id) => id.clone(),
                            None => self
                                .chapter_anchor_ids
                                .get(*chapter)
                                .cloned()
                                .flatten()
                                .unwrap_or_else(|| chapter_anchor(*chapter)),
                        })),
                        LinkTarget::Unresolved { .. } => None,
                    };
                    let index = goal.map(|g| {
                        self.links.push(g);
                        self.links.len() - 1
                    });
                    self.push_inlines(text, content, style, index.or(link));
                }
                Inline::Image { alt, .. } => text.push(alt, format(style.toggle_italic())),
                Inline::NoteRef(n) => {
                    let goal = self.note_goal(*n);
                    self.links.push(goal);
                    let index = self.links.len() - 1;
                    self.note_links.insert(index, *n);
                    text.push(
                        &(n + 1).to_string(),
                        Format {
                            scale: 0.7,
                            rise: Em::new(0.33),
                            link: Some(index),
                            ..Format::plain(Style::Regular)
                        },
                    );
                }
                Inline::Anchor(_) => {}
                Inline::LineBreak => text.push("\n", format(style)),
                Inline::SoftBreak => text.push(" ", format(style)),
            }
        }
    }

    /// Appends `content` with each of its formats changed by `restyle` (super- and
    /// subscripts, code in running text), keeping the text leaves' offsets in the paragraph.
    fn push_restyled(
        &mut self,
        text: &mut Text,
        content: &[Inline],
        style: Style,
        link: Option<usize>,
        restyle: impl Fn(Format) -> Format,
    ) {
        let base = text.text.len();
        let logged = self.leaf_log.as_ref().map_or(0, Vec::len);
        let mut inner = Text::default();
        self.push_inlines(&mut inner, content, style, link);
        if let Some(log) = &mut self.leaf_log {
            for start in &mut log[logged..] {
                *start += base;
            }
        }
        for (range, format) in inner.formats {
            text.push(&inner.text[range], restyle(format));
        }
    }

    fn note_goal(&self, n: usize) -> LinkGoal {
        LinkGoal::Anchor(self.note_ids.get(n).cloned().unwrap_or_default())
    }
}
