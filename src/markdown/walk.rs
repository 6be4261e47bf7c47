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

fn visit(content: &mut Vec<Inline>, f: &mut dyn FnMut(&mut Vec<Inline>)) {
    f(content);
    for inline in content.iter_mut() {
        if let Some(children) = inline.children_mut() {
            visit(children, f);
        }
    }
}
