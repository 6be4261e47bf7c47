//! The `[output.epub]` table → `EpubConfig`: the extra stylesheet, image limits, where the
//! notes go, the page-list and the fonts.

use toml::Spanned;
use toml::de::DeTable;

use super::reader::{Reader, sorted};

/// Where the EPUB puts footnotes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NotePlacement {
    /// At the end of each chapter, as pop-up footnotes.
    #[default]
    Chapter,
    /// All together in an endnotes document at the end of the book.
    Book,
}

/// `[output.epub]` settings.
#[derive(Clone, Debug, PartialEq)]
pub struct EpubConfig {
    /// An extra stylesheet appended to folio's, relative to the book folder.
    pub stylesheet: Option<Spanned<String>>,
    /// Images wider than this many pixels are scaled down in the EPUB.
    pub max_image_width: Option<u32>,
    /// Images of more pixels than this are scaled down in the EPUB (`max-image-pixels`).
    pub max_image_pixels: Option<u64>,
    /// Where the notes go.
    pub notes: NotePlacement,
    /// Whether the EPUB carries the print edition's page-list (`page-list`, on by default):
    /// the book is then typeset for it even when only the EPUB is built.
    pub page_list: bool,
    /// Whether the EPUB embeds the text fonts even when the design does not
    /// (`embed-fonts`).
    pub embed_fonts: bool,
}

impl Default for EpubConfig {
    fn default() -> Self {
        EpubConfig {
            embed_fonts: false,
            stylesheet: None,
            max_image_width: None,
            max_image_pixels: None,
            notes: NotePlacement::default(),
            page_list: true,
        }
    }
}

impl Reader<'_> {
    /// Reads `[output.epub]` into `epub`.
    pub(super) fn epub(&mut self, table: &DeTable, epub: &mut EpubConfig) {
        for (key, value) in sorted(table) {
            match key.get_ref().as_ref() {
                "stylesheet" => epub.stylesheet = self.spanned_string("stylesheet", value),
                "max-image-width" => epub.max_image_width = self.pixels("max-image-width", value),
                "max-image-pixels" => epub.max_image_pixels = self.pixel_count(value),
                "notes" => {
                    if let Some(text) = self.string("notes", value) {
                        match text.as_str() {
                            "chapter" => epub.notes = NotePlacement::Chapter,
                            "book" => epub.notes = NotePlacement::Book,
                            _ => self.bad_value(
                                value,
                                "notes",
                                "a note placement",
                                "`\"chapter\"` (pop-up footnotes) or `\"book\"` (endnotes)",
                            ),
                        }
                    }
                }
                "page-list" => epub.page_list = self.boolean("page-list", value).unwrap_or(true),
                "embed-fonts" => {
                    epub.embed_fonts = self.boolean("embed-fonts", value).unwrap_or(false)
                }
                other => self.unknown(
                    key.span(),
                    other,
                    "a key of [output.epub]",
                    "stylesheet, max-image-width, max-image-pixels, notes, page-list, embed-fonts",
                ),
            }
        }
    }
}
