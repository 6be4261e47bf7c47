//! Visits every inline sequence of a block, at every depth, for passes that rewrite inlines.

use crate::doc::{Block, DefinitionItem, Inline};

/// Calls `f` on each inline sequence in `block`, outermost first, then on the sequences
/// nested inside their inlines.
pub fn inlines_mut(block: &mut Block, f: &mut dyn FnMut(&mut Vec<Inline>)) {
    match block {
        Block::Heading { content, .. }
        | Block::Paragraph { content, .. }
        | Block::Code { content, .. } => visit(content, f),
        Block::Figure { caption, .. } => visit(caption, f),
        Block::Quote { blocks, .. } => blocks.iter_mut().for_each(|b| inlines_mut(b, f)),
        Block::List { items, .. } => items
            .iter_mut()
            .flat_map(|i| i.blocks.iter_mut())
            .for_each(|b| inlines_mut(b, f)),
        Block::Table { head, rows, .. } => head
            .iter_mut()
            .chain(rows.iter_mut().flatten())
            .for_each(|cell| visit(cell, f)),
        Block::Admonition { title, blocks, .. } => {
            visit(title, f);
            blocks.iter_mut().for_each(|b| inlines_mut(b, f));
        }
        Block::DefinitionList { items, .. } => {
            for item in items {
                match item {
                    DefinitionItem::Term(term) => visit(term, f),
                    DefinitionItem::Details(blocks) => {
                        blocks.iter_mut().for_each(|b| inlines_mut(b, f))
                    }
                }
            }
        }
        Block::SceneBreak { .. } => {}
    }
}

/// Calls `f` on each top-level inline sequence of running text in `block` (paragraphs,
/// headings, captions, table cells, at any depth of quotes and lists); code blocks are
/// left out, and the sequences nested inside inlines are `f`'s to visit.
pub fn text_sequences_mut(block: &mut Block, f: &mut dyn FnMut(&mut Vec<Inline>)) {
    match block {
        Block::Heading { content, .. } | Block::Paragraph { content, .. } => f(content),
        Block::Figure { caption, .. } => f(caption),
        Block::Quote { blocks, .. } => blocks.iter_mut().for_each(|b| text_sequences_mut(b, f)),
        Block::List { items, .. } => items
            .iter_mut()
            .flat_map(|i| i.blocks.iter_mut())
            .for_each(|b| text_sequences_mut(b, f)),
        Block::Table { head, rows, .. } => {
            head.iter_mut().chain(rows.iter_mut().flatten()).for_each(f)
        }
        Block::Admonition { title, blocks, .. } => {
            f(title);
            blocks.iter_mut().for_each(|b| text_sequences_mut(b, f));
        }
        Block::DefinitionList { items, .. } => {
            for item in items {
                match item {
                    DefinitionItem::Term(term) => f(term),
                    DefinitionItem::Details(blocks) => {
                        blocks.iter_mut().for_each(|b| text_sequences_mut(b, f))
                    }
                }
            }
        }
        Block::Code { .. } | Block::SceneBreak { .. } => {}
    }
}

fn visit(content: &mut Vec<Inline>, f: &mut dyn FnMut(&mut Vec<Inline>)) {
    f(content);
    for inline in content.iter_mut() {
        if let Some(children) = inline.children_mut() {
            visit(children, f);
        }
    }
}
