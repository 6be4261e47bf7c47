//! What flowing a chapter in parts needs to know beforehand, from its blocks alone: the
//! parts, whether the paragraph opening each top-level block follows a heading, and which
//! block's line first refers to each footnote (that line carries the note to its page).

use std::ops::Range;

use crate::doc::{Block, Chapter, Inline};

/// A chapter cut into parts that can be flowed apart.
#[derive(Clone, Debug, Default)]
pub struct ChapterPlan {
    /// The chapter's index in the book.
    pub chapter: usize,
    /// The parts, as ranges of top-level blocks, in order, covering them all (one empty
    /// range for a chapter without blocks).
    pub segments: Vec<Range<usize>>,
    /// For each top-level block: whether a paragraph there opens its section (follows a
    /// heading, a quote, code… and so takes no indent).
    pub after_heading: Vec<bool>,
    /// For each footnote: the top-level block whose text first refers to it, where it goes
    /// to the foot of the page; `None` for notes set at the chapter's end.
    pub carriers: Vec<Option<usize>>,
}

/// Plans chapter `index`: its blocks in parts of about `part_size` characters of text.
pub fn plan(chapter: &Chapter, index: usize, part_size: usize) -> ChapterPlan {
    let mut segments = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (b, block) in chapter.blocks.iter().enumerate() {
        size += weight(block);
        if size >= part_size && b + 1 < chapter.blocks.len() {
            segments.push(start..b + 1);
            start = b + 1;
            size = 0;
        }
    }
    segments.push(start..chapter.blocks.len());
    ChapterPlan {
        chapter: index,
        segments,
        after_heading: after_heading(chapter),
        carriers: carriers(chapter),
    }
}

/// About how long a block takes to set: its characters.
pub fn weight(block: &Block) -> usize {
    match block {
        Block::Heading { content, .. }
        | Block::Paragraph { content, .. }
        | Block::Code { content, .. } => Inline::plain_text(content).len(),
        Block::Quote { blocks, .. } => blocks.iter().map(weight).sum(),
        Block::List { items, .. } => items.iter().flat_map(|i| i.blocks.iter()).map(weight).sum(),
        Block::Table { head, rows, .. } => head
            .iter()
            .chain(rows.iter().flatten())
            .map(|c| Inline::plain_text(c).len())
            .sum(),
        Block::Figure { .. } | Block::SceneBreak { .. } => 1,
        Block::Admonition { .. } | Block::DefinitionList { .. } => {
            block.children().into_iter().map(weight).sum::<usize>() + 1
        }
    }
}

/// Whether the opening of a part's first block is the chapter title (set by the opening,
/// not as a block), as `Flow::opening` decides.
fn opening_blocks(chapter: &Chapter) -> usize {
    match chapter.blocks.first() {
        Some(_) if chapter.is_part => 1,
        Some(Block::Heading { level, .. }) if *level <= 2 => 1,
        _ => 0,
    }
}

/// Whether a paragraph at each top-level block follows a heading, as flowing the blocks in
/// order would leave it.
fn after_heading(chapter: &Chapter) -> Vec<bool> {
    let mut state = true;
    let mut out = Vec::with_capacity(chapter.blocks.len());
    for (b, block) in chapter.blocks.iter().enumerate() {
        out.push(state);
        if b < opening_blocks(chapter) {
            continue;
        }
        state = match block {
            Block::Paragraph { content, .. } if Inline::is_visible(content) => false,
            Block::Paragraph { .. } | Block::List { .. } | Block::Figure { .. } => state,
            Block::Heading { .. }
            | Block::Quote { .. }
            | Block::Code { .. }
            | Block::Table { .. }
            | Block::SceneBreak { .. }
            | Block::Admonition { .. }
            | Block::DefinitionList { .. } => true,
        };
    }
    out
}

/// For each note, the top-level block whose running text first refers to it. Text that
/// carries notes: paragraphs, headings (and the chapter or part title), figure captions,
/// inside quotes and lists; code and tables do not.
fn carriers(chapter: &Chapter) -> Vec<Option<usize>> {
    let mut found = vec![None; chapter.notes.len()];
    for (b, block) in chapter.blocks.iter().enumerate() {
        let mut refs = Vec::new();
        if chapter.is_part && b == 0 {
            if let Block::Heading { content, .. } = block {
                note_refs(content, &mut refs);
            }
        } else {
            block_refs(block, &mut refs);
        }
        for n in refs {
            if let Some(slot) = found.get_mut(n)
                && slot.is_none()
            {
                *slot = Some(b);
            }
        }
    }
    found
}

fn block_refs(block: &Block, refs: &mut Vec<usize>) {
    match block {
        Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
            note_refs(content, refs)
        }
        Block::Figure { caption, .. } => note_refs(caption, refs),
        Block::Quote { blocks, .. } => blocks.iter().for_each(|b| block_refs(b, refs)),
        Block::List { items, .. } => items
            .iter()
            .flat_map(|i| i.blocks.iter())
            .for_each(|b| block_refs(b, refs)),
        Block::Admonition { title, blocks, .. } => {
            note_refs(title, refs);
            blocks.iter().for_each(|b| block_refs(b, refs));
        }
        Block::DefinitionList { items, .. } => {
            for item in items {
                match item {
                    crate::doc::DefinitionItem::Term(term) => note_refs(term, refs),
                    crate::doc::DefinitionItem::Details(blocks) => {
                        blocks.iter().for_each(|b| block_refs(b, refs))
                    }
                }
            }
        }
        Block::Code { .. } | Block::Table { .. } | Block::SceneBreak { .. } => {}
    }
}

/// The notes `content` refers to, in order.
fn note_refs(content: &[Inline], refs: &mut Vec<usize>) {
    for inline in content {
        match inline {
            Inline::NoteRef(n) => refs.push(*n),
            other => {
                if let Some(children) = other.children() {
                    note_refs(children, refs);
                }
            }
        }
    }
}
