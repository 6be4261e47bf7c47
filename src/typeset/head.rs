//! `doc::Book` + fonts + page setup → `Head`: what the pages refer to (the sheet, the font
//! files, the images with their alternative text), known before any page is set.

use std::collections::BTreeMap;

use super::page::{Head, ImageData};
use super::text::FontSet;
use crate::doc::{Block, Book, Inline, PageSetup};

/// What the pages of `book` refer to: sheet, fonts and images.
pub fn head(book: &Book, fonts: &FontSet, setup: &PageSetup) -> Head {
    let alts = image_alts(book);
    Head {
        trim_width: setup.trim_width,
        trim_height: setup.trim_height,
        bleed: setup.bleed,
        fonts: fonts.files(setup.embed_whole_fonts),
        images: (book.images.iter().enumerate())
            .map(|(k, i)| ImageData {
                bytes: i.bytes.clone(),
                alt: alts.get(&k).cloned().unwrap_or_default(),
            })
            .collect(),
    }
}

/// The alternative text of each image, from the first figure, or image inside running
/// text, that shows it.
fn image_alts(book: &Book) -> BTreeMap<usize, String> {
    fn inlines(content: &[Inline], alts: &mut BTreeMap<usize, String>) {
        for inline in content {
            if let Inline::Image { image, alt, .. } = inline {
                alts.entry(*image).or_insert_with(|| alt.clone());
            }
            if let Some(children) = inline.children() {
                inlines(children, alts);
            }
        }
    }
    fn walk<'b>(blocks: impl IntoIterator<Item = &'b Block>, alts: &mut BTreeMap<usize, String>) {
        for block in blocks {
            if let Block::Figure { image, alt, .. } = block {
                alts.entry(*image).or_insert_with(|| alt.clone());
            }
            for content in block.own_inlines() {
                inlines(content, alts);
            }
            walk(block.children(), alts);
        }
    }
    let mut alts = BTreeMap::new();
    for chapter in &book.chapters {
        walk(&chapter.blocks, &mut alts);
    }
    alts
}
