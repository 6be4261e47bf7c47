//! A chapter's blocks → its own layout list (lines, spaces, images, table bands, anchors)
//! with the rules for where a page may break between them.
//!
//! A chapter may be flowed in parts (`Segment`s of its top-level blocks) on several threads:
//! what a part needs from the parts before it (whether a paragraph follows a heading, which
//! line carries each footnote to the foot of its page) is planned beforehand from the blocks
//! alone (`plan`), so the parts join into the list one whole flow would give.

mod blocks;
mod code;
mod code_wrap;
mod figure;
mod inline;
mod mdbook;
mod notes;
mod opening;
mod plan;
#[cfg(test)]
mod tests;
mod verse;

use std::sync::Arc;

#[cfg(test)]
pub(in crate::typeset) use code::keeps as code_keeps;
pub use plan::{ChapterPlan, plan};

use super::design::{self, Measures};
use super::list::{Anchor, BlockSource, Element, LinkGoal, Refill, SetLine, TextBlock};
use super::text::{Align, Format, Layout, Line, Set, Setter, Style, Text};
use crate::diag::{Diagnostic, Span};
use crate::doc::{Block, Book, Chapter, Inline, TextPosition};
use crate::highlight::Theme;
use crate::units::Pt;

/// Part of a chapter's layout list, and the problems found setting it.
#[derive(Debug, Default)]
pub struct Segment {
    /// The elements, to append to the chapter's list.
    pub elements: Vec<Element>,
    /// Warnings (overfull lines, missing glyphs, images), in source order.
    pub diags: Vec<Diagnostic>,
}

/// Flows segment `segment` of chapter `chapter` (see `ChapterPlan::segments`): the opening
/// with the first, the chapter's remaining notes with the last.
pub fn segment(
    setter: &mut Setter,
    book: &Book,
    plan: &ChapterPlan,
    segment: usize,
    m: Measures,
    theme: &Theme,
) -> Segment {
    let chapter = &book.chapters[plan.chapter];
    let mut flow = Flow {
        setter,
        book,
        chapter,
        plan,
        theme,
        m,
        base_width: m.width,
        elements: Vec::new(),
        links: Vec::new(),
        diags: Vec::new(),
        carried: vec![false; chapter.notes.len()],
        top_block: 0,
        in_note: false,
        quotes: 0,
        in_code: false,
        path: Vec::new(),
        source: None,
        leaf_log: None,
    };
    let blocks = plan.segments[segment].clone();
    let mut first = blocks.start;
    if segment == 0 {
        first = flow.opening();
    }
    for b in first.max(blocks.start)..blocks.end {
        flow.top_block = b;
        flow.path = vec![b as u32];
        let mut after_heading = plan.after_heading[b];
        flow.block(&chapter.blocks[b], 0, Pt::new(0.0), &mut after_heading);
    }
    if segment + 1 == plan.segments.len() {
        flow.chapter_notes();
    }
    Segment {
        elements: flow.elements,
        diags: flow.diags,
    }
}

/// Builds part of a chapter's layout list.
struct Flow<'s, 'f> {
    setter: &'s mut Setter<'f>,
    book: &'s Book,
    chapter: &'s Chapter,
    plan: &'s ChapterPlan,
    /// The colours and weights of highlighted code.
    theme: &'s Theme,
    m: Measures,
    /// The width of the text block (nesting never narrows the measure below 40% of it).
    base_width: Pt,
    elements: Vec<Element>,
    /// The link goals of the text being built; `Format::link` indexes this, and the text
    /// block made of it takes it.
    links: Vec<LinkGoal>,
    diags: Vec<Diagnostic>,
    /// The notes a line of this segment has carried to its page's foot.
    carried: Vec<bool>,
    /// The top-level block being set.
    top_block: usize,
    /// Setting a footnote: its paragraphs are not refilled and its references not followed.
    in_note: bool,
    /// How many quotes the block being set is in (a paragraph in one may be a stanza).
    quotes: usize,
    /// Inside a code block: line breaks and tabs are kept, code is not scaled down.
    in_code: bool,
    /// The path of the block being set (see `doc::TextPosition::block`).
    path: Vec<u32>,
    /// Where the block being set comes from (the elements made for it carry it).
    source: Option<Arc<BlockSource>>,
    /// While a block's text is collected: where each `Inline::Text` leaf starts in it.
    leaf_log: Option<Vec<usize>>,
}

impl Flow<'_, '_> {
    /// The chapter's top: its anchor, a sunk opening and its title (from its first
    /// heading). Returns the first block still to set.
    fn opening(&mut self) -> usize {
        let chapter = self.chapter;
        self.elements
            .push(Element::Anchor(Anchor::Chapter(self.plan.chapter)));
        // Sink the opening: a share of the text block, on the grid.
        let share = self.book.design.opening.sink;
        let sink = self.grid_lines((self.m.height * share) / self.m.leading);
        self.elements.push(Element::Space {
            height: sink,
            is_discardable: false,
            keep_with_next: true,
        });
        let Some(block) = chapter.blocks.first() else {
            return 0;
        };
        self.top_block = 0;
        self.path = vec![0];
        self.start_source(None);
        if chapter.is_part {
            // A part has a title page: its heading, and nothing else of its first block.
            if let Block::Heading { id, content, .. } = block {
                self.elements.push(Element::Anchor(Anchor::Id(id.clone())));
                self.display(
                    content,
                    design::PART_TITLE_SCALE,
                    Style::Regular,
                    Align::Center,
                );
            }
            return 1;
        }
        if let Block::Heading {
            level, id, content, ..
        } = block
            && *level <= 2
        {
            self.elements.push(Element::Anchor(Anchor::Id(id.clone())));
            self.chapter_title(content);
            return 1;
        }
        0
    }

    fn grid_lines(&self, lines: f64) -> Pt {
        self.m.leading * lines.round().max(1.0)
    }

    /// A display line (titles): larger type, centred, lines kept together.
    fn display(&mut self, content: &[Inline], scale: f64, style: Style, align: Align) {
        let text = self.text(content, style);
        self.set_lines(&text, scale, align, Pt::new(0.0), self.m.width, true);
    }

    /// Sets `text` at `scale` × the body size and adds its lines (all kept together when
    /// `keep_all`, else all but the last). Returns how many lines it took.
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
            size * design::DISPLAY_LEADING
        } else {
            self.m.leading * scale
        };
        let n = set.lines.len();
        let lines = set_lines(set.lines, x, leading, size, |k, n| keep_all || k + 1 < n);
        self.push_text(lines, None);
        n
    }

    /// Starts the source record of the block at `self.path` (pages that begin in it begin
    /// there in the EPUB). A paragraph's record also gets its text: `text` and the leaves
    /// logged while it was built.
    fn start_source(&mut self, text: Option<(&Text, Vec<usize>)>) {
        if self.in_note {
            return;
        }
        let (text, leaves) = match text {
            Some((text, leaves)) => (text.text.clone(), leaves),
            None => (String::new(), Vec::new()),
        };
        self.source = Some(Arc::new(BlockSource {
            position: TextPosition {
                chapter: self.plan.chapter,
                block: self.path.clone(),
                within: None,
            },
            leaves,
            text,
        }));
    }

    /// `f` for the block at index `index` inside the block at `self.path`.
    fn nested(&mut self, index: &[u32], f: impl FnOnce(&mut Self)) {
        let depth = self.path.len();
        self.path.extend_from_slice(index);
        f(self);
        self.path.truncate(depth);
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

    /// Marks the last line, space or image so that no page break follows it.
    fn keep_last(&mut self) {
        for element in self.elements.iter_mut().rev() {
            match element {
                Element::Text(block) => {
                    if let Some(line) = block.lines.last_mut() {
                        line.keep_with_next = true;
                        return;
                    }
                }
                Element::Space { keep_with_next, .. } | Element::Image { keep_with_next, .. } => {
                    *keep_with_next = true;
                    return;
                }
                _ => {}
            }
        }
    }

    /// Adds set lines as a text block, each line carrying the footnotes it is the first to
    /// refer to; the block takes the link goals collected for its text. Returns whether any
    /// footnote came with the lines.
    fn push_text(&mut self, mut lines: Vec<SetLine>, refill: Option<Box<Refill>>) -> bool {
        let links = std::mem::take(&mut self.links);
        let mut any = false;
        if !self.in_note {
            for line in &mut lines {
                let refs: Vec<usize> = line
                    .line
                    .links
                    .iter()
                    .filter_map(|&(_, _, link)| match links.get(link) {
                        Some(LinkGoal::Note { number, .. }) => Some(*number),
                        _ => None,
                    })
                    .collect();
                for n in refs {
                    if let Some(note) = self.footnote(n) {
                        line.notes.push(note);
                        any = true;
                    }
                }
            }
        }
        if !lines.is_empty() {
            self.elements.push(Element::Text(TextBlock {
                lines,
                links: Arc::new(links),
                source: self.source.clone(),
                refill: refill.filter(|_| !any),
            }));
        }
        any
    }

    /// A paragraph with widow and orphan control. Justified ones keep what page filling
    /// needs to set them again one line longer or shorter.
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
        let was_cut = self.cut_wide_words(&mut set, measure, first_indent);
        if was_cut {
            self.warn_cut(span);
        }
        // Page filling sets paragraphs again; one with footnotes or a cut word keeps its
        // lines.
        let refill = (align == Align::Justify && !was_cut && !self.in_note).then(|| {
            Box::new(Refill {
                text: text.clone(),
                layout,
                x,
                leading: self.m.leading,
            })
        });
        let lines = paragraph_lines(set.lines, x, self.m.leading, self.m.size);
        self.push_text(lines, refill);
    }

    /// Cuts the lines of `set` that a word wider than `measure` overfills (no break point
    /// fits it) between letters rather than run them off the page, and marks each cut.
    /// Returns whether a word was cut (the caller warns, once a paragraph).
    fn cut_wide_words(&mut self, set: &mut Set, measure: Pt, first_indent: Pt) -> bool {
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
                    } else if !starts_ideographic(&piece) {
                        // (Chinese and Japanese break between any two characters: no mark.)
                        self.cut_mark(&mut piece);
                    }
                    lines.push(piece);
                }
                was_cut = true;
            }
            set.lines = lines;
        }
        was_cut
    }

    /// Warns that a word of the paragraph at `span` was cut between letters.
    fn warn_cut(&mut self, span: Span) {
        self.diags.push(
            Diagnostic::warning(
                span,
                "a word of this paragraph is wider than the line: it is cut between letters, the cut marked ↪ in the margin",
            )
            .with_hint("a very long word or URL: add a soft hyphen (U+00AD) or rephrase"),
        );
    }

    /// Marks the continuation of a word cut between letters: a small ↪ in the margin
    /// before it.
    fn cut_mark(&mut self, line: &mut Line) {
        let mut mark = Text::default();
        mark.push("↪", Format::plain(Style::Mono));
        let layout = Layout::aligned(
            self.m.size * design::CODE_MARK_SCALE,
            Pt::new(1e9),
            Align::Left,
        );
        if let Some(set) = self.setter.set(&mark, &layout).lines.into_iter().next() {
            let dx = -(set.width + self.m.size * 0.25);
            for mut run in set.runs {
                run.origin.x += dx;
                line.runs.push(run);
            }
        }
    }
}

/// A paragraph's lines for the list: no page break after the first line (orphan) or
/// before the last (widow).
pub fn paragraph_lines(lines: Vec<Line>, x: Pt, leading: Pt, size: Pt) -> Vec<SetLine> {
    set_lines(lines, x, leading, size, |k, n| {
        n >= 2 && (k == 0 || k + 2 == n)
    })
}

/// Set lines at `x`, each `leading` tall with its baseline `size` down; no page break after
/// line `k` of `n` where `keep(k, n)`.
fn set_lines(
    lines: Vec<Line>,
    x: Pt,
    leading: Pt,
    size: Pt,
    keep: impl Fn(usize, usize) -> bool,
) -> Vec<SetLine> {
    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(k, line)| SetLine {
            line,
            x,
            height: leading,
            baseline: size,
            keep_with_next: keep(k, n),
            notes: Vec::new(),
        })
        .collect()
}

/// Whether a line starts with a Chinese or Japanese character (or their punctuation).
fn starts_ideographic(line: &Line) -> bool {
    let first = line.runs.first().and_then(|r| r.text.chars().next());
    first.is_some_and(crate::doc::script::is_cjk)
}
