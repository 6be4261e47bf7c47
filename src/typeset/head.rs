//! `doc::Book` + fonts + page setup → `Head`: what the pages refer to (the sheet, the font
//! files, the images with their alternative text), known before any page is set.

use std::collections::BTreeMap;

use super::page::{Head, ImageData};
use super::text::FontSet;
use crate::doc::{Block, Book, PageSetup};

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

/// The alternative text of each image, from the first figure that shows it.
fn image_alts(book: &Book) -> BTreeMap<usize, String> {
    fn walk<'b>(blocks: impl IntoIterator<Item = &'b Block>, alts: &mut BTreeMap<usize, String>) {
        for block in blocks {
            if let Block::Figure { image, alt, .. } = block {
                alts.entry(*image).or_insert_with(|| alt.clone());
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
