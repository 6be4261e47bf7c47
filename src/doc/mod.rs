//! The format-neutral document model: `Book`, `Metadata`, `Chapter`, `Block`, `Inline`.
//!
//! Markdown is parsed into this model; the EPUB writer and the typesetter read it. Every
//! block keeps the span of its source so later stages can report `file:line`.

pub mod code;
pub mod design;
pub mod labels;
mod metadata;
mod page_map;
mod page_setup;
pub mod script;

pub use code::{Token, TokenKind};
pub use design::{Design, DesignPreset};
pub use labels::{Label, Labels};
pub use metadata::{Identifier, Metadata, Timestamp};
pub use page_map::{PageStart, TextPosition};
pub use page_setup::{
    FontFile, FontFiles, LinkUrls, PageSetup, PdfStandard, Preset, parse_length, parse_trim,
};

use crate::diag::{Diagnostic, Span};

/// Whether a paragraph of a block quote is a stanza of verse: its lines end in hard line
/// breaks (at least one, at the top level of the paragraph). Both writers set a stanza's
/// lines (`verse_lines`) each as a unit, a long one wrapping with a hanging indent, with no
/// first-line indent and one blank line between stanzas.
pub fn is_stanza(content: &[Inline]) -> bool {
    content
        .iter()
        .any(|inline| matches!(inline, Inline::LineBreak))
}

/// The lines of a stanza: its inlines split at its top-level hard line breaks.
pub fn verse_lines(content: &[Inline]) -> impl Iterator<Item = &[Inline]> {
    content.split(|inline| matches!(inline, Inline::LineBreak))
}

/// A whole book: metadata, the chapters in reading order, and the images they use.
#[derive(Clone, Debug, Default)]
pub struct Book {
    /// Title, authors, identifier and the rest of `book.toml`'s `[book]`.
    pub metadata: Metadata,
    /// The chapters in reading order (front matter, body, back matter).
    pub chapters: Vec<Chapter>,
    /// Images referenced by the chapters, in order of first use, each once.
    pub images: Vec<Image>,
    /// The cover image, an index into `images`, when the book names one.
    pub cover: Option<usize>,
    /// Warnings found while loading and parsing (errors stop the build instead).
    pub warnings: Vec<Diagnostic>,
    /// How the book looks in print and in the EPUB (`[design]`, `--design`).
    pub design: Design,
}

/// An image file used by the book.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    /// Path inside the book folder, with `/` separators (e.g. `src/img/ferris.svg`).
    pub path: String,
    /// The bytes of the file.
    pub bytes: std::sync::Arc<[u8]>,
    /// What kind of image it is.
    pub format: ImageFormat,
    /// Pixel size, when the format has one (SVG may not).
    pub pixels: Option<(u32, u32)>,
}

/// Image formats a book may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    /// Portable Network Graphics.
    Png,
    /// JPEG.
    Jpeg,
    /// GIF.
    Gif,
    /// WebP.
    Webp,
    /// Scalable Vector Graphics.
    Svg,
}

impl ImageFormat {
    /// The media type, as EPUB manifests want it.
    pub fn media_type(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Gif => "image/gif",
            ImageFormat::Webp => "image/webp",
            ImageFormat::Svg => "image/svg+xml",
        }
    }
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Gif => "gif",
            ImageFormat::Webp => "webp",
            ImageFormat::Svg => "svg",
        }
    }
}

/// Where a chapter belongs in the book.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matter {
    /// Before the body (mdBook's prefix chapters: a foreword, an introduction).
    Front,
    /// The numbered chapters.
    Body,
    /// After the body (mdBook's suffix chapters: appendices, a glossary).
    Back,
}

/// One chapter: a Markdown file, or a part title from `SUMMARY.md`.
#[derive(Clone, Debug)]
pub struct Chapter {
    /// A unique name for the chapter, usable as a file name stem and an XML id.
    pub slug: String,
    /// The title as shown in the table of contents.
    pub title: Vec<Inline>,
    /// Front, body or back matter.
    pub matter: Matter,
    /// Whether this is a part title page rather than a chapter with text.
    pub is_part: bool,
    /// Nesting depth in the table of contents (0 for top-level chapters).
    pub depth: usize,
    /// The chapter number from `SUMMARY.md` (e.g. `[2, 1]` for 2.1), when numbered.
    pub number: Option<Vec<u32>>,
    /// The id of the chapter's first heading, the target of links to the chapter itself.
    pub anchor: Option<String>,
    /// The content.
    pub blocks: Vec<Block>,
    /// Footnotes in order of first reference; `Inline::NoteRef` indexes into this.
    pub notes: Vec<Note>,
    /// Where the chapter comes from (its whole file, or the `SUMMARY.md` line).
    pub span: Span,
    /// The page's own title (mdBook's `{{#title …}}`): the EPUB document's `<title>`, where
    /// the contents keep `title`.
    pub page_title: Option<String>,
}

/// A footnote.
#[derive(Clone, Debug)]
pub struct Note {
    /// A unique id for the note, across the book.
    pub id: String,
    /// The note's content.
    pub blocks: Vec<Block>,
    /// Where the note is defined.
    pub span: Span,
}

/// Horizontal alignment of a table column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// As the reading direction wants.
    None,
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// A block-level element.
#[derive(Clone, Debug)]
pub enum Block {
    /// A heading of level 1–6, with a unique id.
    Heading {
        /// 1 to 6.
        level: u8,
        /// Unique across the book.
        id: String,
        /// The heading text.
        content: Vec<Inline>,
        /// Source position.
        span: Span,
    },
    /// A paragraph of running text.
    Paragraph {
        /// The text.
        content: Vec<Inline>,
        /// Source position.
        span: Span,
    },
    /// An image alone in its paragraph, shown as a figure with an optional caption.
    Figure {
        /// Index into `Book::images`.
        image: usize,
        /// Alternative text; empty when the author gave none.
        alt: String,
        /// Caption (from the Markdown image title), possibly empty.
        caption: Vec<Inline>,
        /// Where the image links to, when it is written inside a link
        /// (`[![alt](image.png)](target)`): the EPUB links the image; print writes the URL
        /// after the caption (`typeset::link_urls`).
        link: Option<LinkTarget>,
        /// Source position.
        span: Span,
    },
    /// Quoted material.
    Quote {
        /// The quoted blocks.
        blocks: Vec<Block>,
        /// Source position.
        span: Span,
    },
    /// A bulleted or numbered list.
    List {
        /// `Some(first number)` for an ordered list.
        start: Option<u64>,
        /// The items.
        items: Vec<ListItem>,
        /// Source position.
        span: Span,
    },
    /// Preformatted text: a fenced or indented code block, or raw `<pre>`.
    Code {
        /// The language of a fenced block (`rust`, `console`), when given.
        language: Option<String>,
        /// The text, usually one `Inline::Text`; raw `<pre>` may carry emphasis.
        content: Vec<Inline>,
        /// Syntax highlighting over the plain text of `content` (see `code::Token`), filled
        /// by `highlight::book`; empty when the block is not highlighted.
        tokens: Vec<Token>,
        /// Source position.
        span: Span,
    },
    /// A table with a header row.
    Table {
        /// Column alignments.
        aligns: Vec<Align>,
        /// Header cells.
        head: Vec<Vec<Inline>>,
        /// Body rows of cells.
        rows: Vec<Vec<Vec<Inline>>>,
        /// Source position.
        span: Span,
    },
    /// A scene break (Markdown's thematic break).
    SceneBreak {
        /// Source position.
        span: Span,
    },
    /// A titled aside: GitHub's and mdBook's `> [!NOTE]` and its four siblings.
    Admonition {
        /// Note, tip, important, warning or caution.
        kind: AdmonitionKind,
        /// A title of the author's (`> [!TIP] Title`); empty: the kind's name.
        title: Vec<Inline>,
        /// The content.
        blocks: Vec<Block>,
        /// Source position.
        span: Span,
    },
    /// Terms and their definitions (`Term` then `: definition` lines).
    DefinitionList {
        /// Terms and definitions in source order.
        items: Vec<DefinitionItem>,
        /// Source position.
        span: Span,
    },
}

/// The five kinds of GitHub's alerts, which mdBook 0.5 shows as admonitions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdmonitionKind {
    /// Information worth noticing even when skimming.
    Note,
    /// Advice that helps.
    Tip,
    /// Something the reader needs to succeed.
    Important,
    /// A risk that demands attention.
    Warning,
    /// The bad consequences of an action.
    Caution,
}

impl AdmonitionKind {
    /// The kind's name as a title (`Note`).
    pub fn title(self) -> &'static str {
        match self {
            AdmonitionKind::Note => "Note",
            AdmonitionKind::Tip => "Tip",
            AdmonitionKind::Important => "Important",
            AdmonitionKind::Warning => "Warning",
            AdmonitionKind::Caution => "Caution",
        }
    }
    /// The kind as a CSS class and marker word (`note`).
    pub fn name(self) -> &'static str {
        match self {
            AdmonitionKind::Note => "note",
            AdmonitionKind::Tip => "tip",
            AdmonitionKind::Important => "important",
            AdmonitionKind::Warning => "warning",
            AdmonitionKind::Caution => "caution",
        }
    }
    /// The kind named by `[!NAME]` (any case).
    pub fn from_marker(name: &str) -> Option<AdmonitionKind> {
        [
            AdmonitionKind::Note,
            AdmonitionKind::Tip,
            AdmonitionKind::Important,
            AdmonitionKind::Warning,
            AdmonitionKind::Caution,
        ]
        .into_iter()
        .find(|k| k.name().eq_ignore_ascii_case(name))
    }
}

/// One entry of a definition list.
#[derive(Clone, Debug)]
pub enum DefinitionItem {
    /// A term.
    Term(Vec<Inline>),
    /// A definition of the term before it.
    Details(Vec<Block>),
}

/// One item of a list.
#[derive(Clone, Debug)]
pub struct ListItem {
    /// `Some(done)` for a task-list item.
    pub task: Option<bool>,
    /// The item's blocks (a tight list item holds one paragraph).
    pub blocks: Vec<Block>,
}

/// Inline (phrase-level) content.
#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Emphasis (italic).
    Emphasis(Vec<Inline>),
    /// Strong importance (bold).
    Strong(Vec<Inline>),
    /// Struck-through text.
    Strikethrough(Vec<Inline>),
    /// Superscript.
    Superscript(Vec<Inline>),
    /// Subscript.
    Subscript(Vec<Inline>),
    /// Inline code (usually one `Text`; raw HTML `<code>` may hold emphasis).
    Code(Vec<Inline>),
    /// A key or key combination to press.
    Keyboard(Vec<Inline>),
    /// A hyperlink.
    Link {
        /// Where it goes.
        target: LinkTarget,
        /// The link text.
        content: Vec<Inline>,
    },
    /// An image inside running text.
    Image {
        /// Index into `Book::images`.
        image: usize,
        /// Alternative text; empty when the author gave none.
        alt: String,
        /// The image's title (a tooltip; the caption when the image is a figure).
        title: String,
    },
    /// A reference to a footnote of the same chapter (index into `Chapter::notes`).
    NoteRef(usize),
    /// A link target with no visible content (`<a id="…">`).
    Anchor(String),
    /// A forced line break.
    LineBreak,
    /// A line break in the source; a space when text is set.
    SoftBreak,
}

/// Where a link goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkTarget {
    /// Outside the book (`https:`, `mailto:`).
    External(String),
    /// Inside the book: a chapter and, optionally, an id within it.
    Internal {
        /// Index into `Book::chapters`.
        chapter: usize,
        /// The target id, or `None` for the top of the chapter.
        id: Option<String>,
    },
    /// A relative link as written, before the Markdown stage resolves it. Back ends never
    /// see one: the stage turns each into `Internal` or drops the link with a warning.
    Unresolved {
        /// The destination as written (`other.md#id`).
        dest: String,
        /// Where the link is written.
        span: Span,
    },
}

impl Inline {
    /// The inlines inside a styled span or link (the one list of such variants).
    pub fn children(&self) -> Option<&Vec<Inline>> {
        match self {
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Strikethrough(c)
            | Inline::Superscript(c)
            | Inline::Subscript(c)
            | Inline::Code(c)
            | Inline::Keyboard(c)
            | Inline::Link { content: c, .. } => Some(c),
            _ => None,
        }
    }

    /// The inlines inside a styled span or link, to rewrite them.
    pub fn children_mut(&mut self) -> Option<&mut Vec<Inline>> {
        match self {
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Strikethrough(c)
            | Inline::Superscript(c)
            | Inline::Subscript(c)
            | Inline::Code(c)
            | Inline::Keyboard(c)
            | Inline::Link { content: c, .. } => Some(c),
            _ => None,
        }
    }

    /// Whether inline content shows anything: more than anchors and white space.
    pub fn is_visible(content: &[Inline]) -> bool {
        content.iter().any(|inline| match inline {
            Inline::Text(t) => !t.trim().is_empty(),
            Inline::Anchor(_) | Inline::SoftBreak => false,
            _ => true,
        })
    }

    /// The plain text of inline content, for titles in navigation and metadata.
    pub fn plain_text(content: &[Inline]) -> String {
        let mut out = String::new();
        collect_text(content, &mut out);
        out
    }
}

fn collect_text(content: &[Inline], out: &mut String) {
    for inline in content {
        match inline {
            Inline::Text(t) => out.push_str(t),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::LineBreak | Inline::SoftBreak => out.push(' '),
            other => {
                if let Some(children) = other.children() {
                    collect_text(children, out);
                }
            }
        }
    }
}

/// Appends `entry` to a tree at `depth`, under the last entry of each level above it (as a
/// table of contents nests chapters); a depth deeper than the tree puts it at the deepest.
pub fn push_nested<T>(
    root: &mut Vec<T>,
    depth: usize,
    entry: T,
    children: fn(&mut T) -> &mut Vec<T>,
) {
    let mut level = root;
    for _ in 0..depth {
        if level.is_empty() {
            break;
        }
        let last = level.len() - 1;
        level = children(&mut level[last]);
    }
    level.push(entry);
}

impl Block {
    /// The blocks nested in this one, in order (a quote's, an admonition's, a list's items',
    /// a definition list's definitions').
    pub fn children(&self) -> Vec<&Block> {
        match self {
            Block::Quote { blocks, .. } | Block::Admonition { blocks, .. } => {
                blocks.iter().collect()
            }
            Block::List { items, .. } => items.iter().flat_map(|i| i.blocks.iter()).collect(),
            Block::DefinitionList { items, .. } => items
                .iter()
                .flat_map(|i| match i {
                    DefinitionItem::Details(blocks) => blocks.iter().collect(),
                    DefinitionItem::Term(_) => Vec::new(),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Calls `f` on this block, then on each block nested in it, at every depth.
    pub fn visit_blocks_mut(&mut self, f: &mut dyn FnMut(&mut Block)) {
        f(self);
        match self {
            Block::Quote { blocks, .. } | Block::Admonition { blocks, .. } => {
                blocks.iter_mut().for_each(|b| b.visit_blocks_mut(f))
            }
            Block::List { items, .. } => (items.iter_mut())
                .flat_map(|i| i.blocks.iter_mut())
                .for_each(|b| b.visit_blocks_mut(f)),
            Block::DefinitionList { items, .. } => {
                for item in items {
                    if let DefinitionItem::Details(blocks) = item {
                        blocks.iter_mut().for_each(|b| b.visit_blocks_mut(f));
                    }
                }
            }
            Block::Heading { .. }
            | Block::Paragraph { .. }
            | Block::Code { .. }
            | Block::Figure { .. }
            | Block::Table { .. }
            | Block::SceneBreak { .. } => {}
        }
    }

    /// The inline sequences of this block itself, not of the blocks nested in it: a
    /// heading's or paragraph's text, a figure's caption, a table's cells, an admonition's
    /// title, a definition list's terms (code is not running text: none).
    pub fn own_inlines(&self) -> Vec<&Vec<Inline>> {
        match self {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => vec![content],
            Block::Figure { caption, .. } => vec![caption],
            Block::Table { head, rows, .. } => head.iter().chain(rows.iter().flatten()).collect(),
            Block::Admonition { title, .. } => vec![title],
            Block::DefinitionList { items, .. } => (items.iter())
                .filter_map(|i| match i {
                    DefinitionItem::Term(term) => Some(term),
                    DefinitionItem::Details(_) => None,
                })
                .collect(),
            Block::Quote { .. }
            | Block::List { .. }
            | Block::Code { .. }
            | Block::SceneBreak { .. } => Vec::new(),
        }
    }

    /// The span of the block's source.
    pub fn span(&self) -> Span {
        match self {
            Block::Heading { span, .. }
            | Block::Paragraph { span, .. }
            | Block::Figure { span, .. }
            | Block::Quote { span, .. }
            | Block::List { span, .. }
            | Block::Code { span, .. }
            | Block::Table { span, .. }
            | Block::Admonition { span, .. }
            | Block::DefinitionList { span, .. }
            | Block::SceneBreak { span } => *span,
        }
    }
}
