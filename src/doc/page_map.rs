//! Where each print page begins in the text: the typesetter finds it, the EPUB writer marks
//! it (`epub:type="pagebreak"`) and lists it in the page-list, so that readers of the ebook
//! can cite the print edition's pages.

/// A place in a chapter, before a block or inside its text.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct TextPosition {
    /// The chapter's index in the book.
    pub chapter: usize,
    /// Path to the block: an index into the chapter's blocks, then, inside a quote, into
    /// its blocks, and inside a list, the item's index and an index into its blocks.
    pub block: Vec<u32>,
    /// Inside the block's text: the `Inline::Text` leaf (counted in document order) and a
    /// byte offset into it, always at the start of a word. `None`: before the block.
    pub within: Option<(u32, u32)>,
}

/// A print page and where it begins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageStart {
    /// The page's label as printed (`xii`, `17`).
    pub label: String,
    /// Where its text begins.
    pub at: TextPosition,
}
