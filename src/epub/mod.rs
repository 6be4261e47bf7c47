//! `doc::Book` → EPUB 3 bytes: content documents, navigation, package document, container.
//!
//! The package documents (OPF, nav, NCX) and the ZIP container are written here rather than
//! through epub-builder: that crate cannot write ISBN identifiers, `refines`, manifest
//! `properties` or a reproducible ZIP, and gives `dc:language` and `dc:creator` the same id.

mod cover;
pub mod design;
mod nav;
mod notes;
mod package;
mod pages;
pub mod xhtml;

use std::io::{Cursor, Write};

use zip::write::{PreparedZipFile, SimpleFileOptions};
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::doc::{Block, Book, Inline, Label, Matter, Metadata, PageStart};
use crate::error::Error;
use crate::images::EpubImage;
use nav::Landmark;
use package::{Accessibility, Item};

/// Settings of the EPUB writer.
#[derive(Clone, Debug, Default)]
pub struct Options<'a> {
    /// CSS appended to folio's stylesheet (`[output.epub] stylesheet`).
    pub stylesheet: Option<String>,
    /// The fonts the generated cover is set in, when the book has no cover image: the text
    /// face, then those tried for the characters it lacks (font bytes, face index).
    pub cover_fonts: Vec<(&'a [u8], u32)>,
    /// Whether all notes go to one endnotes document at the end of the book (`[output.epub]
    /// notes = "book"`) instead of the end of each chapter.
    pub has_endnotes: bool,
    /// The book's images as the EPUB carries them (`images::prepare`), one for each of
    /// `Book::images`; when empty, they are prepared here with the default settings.
    pub images: &'a [EpubImage],
    /// Where the pages of the print edition begin (from the typeset PDF of the same build):
    /// marked in the text and listed in the page-list. Empty when no PDF was typeset.
    pub page_starts: &'a [PageStart],
    /// Fonts to embed (the design's, or all the book's with `[output.epub] embed-fonts`).
    pub fonts: Vec<design::EmbeddedFont>,
    /// Threads to compress the files with (the bytes do not depend on it).
    pub jobs: usize,
}

const STYLESHEET: &str = include_str!("style.css");
/// Rules for admonitions and definition lists, added for books that have them (the others
/// keep the bytes they had).
const MDBOOK_STYLESHEET: &str = include_str!("mdbook.css");

/// Whether a block is or holds an admonition or a definition list.
fn uses_mdbook_blocks(block: &Block) -> bool {
    matches!(
        block,
        Block::Admonition { .. } | Block::DefinitionList { .. }
    ) || block.children().into_iter().any(uses_mdbook_blocks)
}
const CONTAINER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n<rootfiles>\n<rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n</container>\n";
const XHTML: &str = "application/xhtml+xml";

/// The files of the publication, listed in the manifest as they are added.
#[derive(Default)]
struct Package {
    items: Vec<Item>,
    files: Vec<(String, Vec<u8>)>,
}

impl Package {
    /// Adds a content document to the manifest and the spine.
    fn page(&mut self, id: &str, href: &str, text: String) {
        self.add(id, href, XHTML, None, true, text.into_bytes());
    }

    fn add(
        &mut self,
        id: &str,
        href: &str,
        media_type: &'static str,
        properties: Option<&'static str>,
        in_spine: bool,
        bytes: Vec<u8>,
    ) {
        self.items.push(Item {
            id: id.to_string(),
            href: href.to_string(),
            media_type,
            properties,
            in_spine,
        });
        self.files.push((format!("OEBPS/{href}"), bytes));
    }
}

/// Builds the EPUB. Pure: the same book gives the same bytes. The reading order is the
/// cover, half title, title page, copyright page, dedication and epigraph (when the book
/// has them), the contents, the chapters (front, body and back matter), then the endnotes.
pub fn write(book: &Book, options: &Options) -> Result<Vec<u8>, Error> {
    let meta = &book.metadata;
    let chapter_files = chapter_files(book);
    let prepared;
    let images = if options.images.len() == book.images.len() {
        options.images
    } else {
        let settings = crate::images::Settings {
            pdf: None,
            epub: Some(crate::images::EpubSettings::default()),
        };
        let store = crate::images::NoStore;
        prepared = crate::images::prepare(&book.images, &[], book.cover, &settings, &store, 1);
        &prepared.epub
    };
    let image_files = image_files(book, images);
    let has_notes = book.chapters.iter().any(|c| !c.notes.is_empty());
    let ctx = xhtml::Context {
        language: &meta.language,
        is_rtl: meta.is_rtl,
        chapter_files: &chapter_files,
        image_files: &image_files,
        notes_file: (options.has_endnotes && has_notes).then_some(notes::FILE),
        page_starts: options.page_starts,
        labels: &meta.labels,
    };
    let mut package = Package::default();

    let cover_href = match book.cover {
        Some(index) => image_files[index].clone(),
        None => "images/cover.png".to_string(),
    };
    package.front_matter(&ctx, meta, &cover_href);
    let toc = toc(book, &ctx);
    let page_list = page_list(&ctx);
    let nav = nav::nav_document(&ctx, &toc, &landmarks(book, &ctx), &page_list);
    package.add(
        "nav",
        "nav.xhtml",
        XHTML,
        Some("nav"),
        true,
        nav.into_bytes(),
    );
    package.chapters(book, &ctx);

    let css = stylesheet(book, options);
    for (k, font) in options.fonts.iter().enumerate() {
        let id = format!("font-{}", k + 1);
        package.add(&id, &font.file, "font/ttf", None, false, font.bytes.clone());
    }
    package.add(
        "css",
        "style.css",
        "text/css",
        None,
        false,
        css.into_bytes(),
    );
    package.images(book, images, &image_files);
    if book.cover.is_none() {
        let png = cover::generate(meta, &options.cover_fonts)?;
        let properties = Some("cover-image");
        package.add(
            "cover-image",
            &cover_href,
            "image/png",
            properties,
            false,
            png,
        );
    }
    let uid = meta.identifier.uri();
    let ncx = nav::ncx(book, &uid, &toc).into_bytes();
    package.add(
        "ncx",
        "toc.ncx",
        "application/x-dtbncx+xml",
        None,
        false,
        ncx,
    );
    let a11y = Accessibility {
        has_page_list: !page_list.is_empty(),
        // The print edition is typeset from the same source in the same build.
        page_source: Some(meta.identifier.uri()),
        language: meta.language.clone(),
        ..accessibility(book)
    };
    let opf = package::opf(meta, &a11y, &package.items);
    package
        .files
        .push(("OEBPS/content.opf".into(), opf.into_bytes()));
    zip(&package.files, meta.modified, options.jobs)
}

impl Package {
    /// The generated pages before the contents: cover, half title, title page, copyright
    /// page, then the dedication and epigraph when the book has them.
    fn front_matter(&mut self, ctx: &xhtml::Context, meta: &Metadata, cover_href: &str) {
        self.page("cover", "cover.xhtml", pages::cover(ctx, meta, cover_href));
        self.page("halftitle", "halftitle.xhtml", pages::half_title(ctx, meta));
        self.page("titlepage", "titlepage.xhtml", pages::title_page(ctx, meta));
        self.page(
            "copyright",
            "copyright.xhtml",
            pages::copyright_page(ctx, meta),
        );
        if let Some(dedication) = meta.dedication.as_deref().filter(|d| !d.trim().is_empty()) {
            self.page(
                "dedication",
                "dedication.xhtml",
                pages::dedication(ctx, dedication),
            );
        }
        if let Some(epigraph) = meta.epigraph.as_deref().filter(|e| !e.trim().is_empty()) {
            let source = meta.epigraph_source.as_deref();
            self.page(
                "epigraph",
                "epigraph.xhtml",
                pages::epigraph(ctx, epigraph, source),
            );
        }
    }

    /// A content document for each chapter, then the endnotes document when the notes go
    /// at the end of the book.
    fn chapters(&mut self, book: &Book, ctx: &xhtml::Context) {
        for (index, chapter) in book.chapters.iter().enumerate() {
            let id = format!("c-{}", chapter.slug);
            self.page(
                &id,
                &ctx.chapter_files[index],
                xhtml::chapter(ctx, index, chapter),
            );
        }
        if let Some(file) = ctx.notes_file {
            let labels: Vec<String> = book.chapters.iter().map(nav::label).collect();
            self.page(
                "endnotes",
                file,
                notes::document(ctx, &book.chapters, &labels),
            );
        }
    }

    /// The book's images (`images[i]` at `files[i]`), the cover image marked as such.
    fn images(&mut self, book: &Book, images: &[EpubImage], files: &[String]) {
        for (index, image) in images.iter().enumerate() {
            let properties = (book.cover == Some(index)).then_some("cover-image");
            let id = format!("img-{}", index + 1);
            let media_type = image.format.media_type();
            let bytes = image.bytes.to_vec();
            self.add(&id, &files[index], media_type, properties, false, bytes);
        }
    }
}

/// The table of contents: the chapters, nested, then the endnotes when they have a document.
fn toc(book: &Book, ctx: &xhtml::Context) -> Vec<nav::Entry> {
    let mut toc = nav::toc(book, ctx.chapter_files);
    if let Some(file) = ctx.notes_file {
        toc.push(nav::Entry {
            label: book.metadata.labels.get(Label::Notes).to_string(),
            href: file.into(),
            children: Vec::new(),
        });
    }
    toc
}

/// The page-list: each print page's label and the marker where it begins.
fn page_list(ctx: &xhtml::Context) -> Vec<(String, String)> {
    ctx.page_starts
        .iter()
        .filter_map(|p| {
            let file = ctx.chapter_files.get(p.at.chapter)?;
            Some((
                p.label.clone(),
                format!("{file}#{}", xhtml::page_id(&p.label)),
            ))
        })
        .collect()
}

/// The stylesheet: folio's, the rules for admonitions and definition lists when the book
/// has them, the design's, then the book's own (`[output.epub] stylesheet`).
fn stylesheet(book: &Book, options: &Options) -> String {
    let mut css = STYLESHEET.to_string();
    let mut blocks = book.chapters.iter().flat_map(|c| {
        c.blocks
            .iter()
            .chain(c.notes.iter().flat_map(|n| n.blocks.iter()))
    });
    if blocks.any(uses_mdbook_blocks) {
        css.push_str(MDBOOK_STYLESHEET);
    }
    css.push_str(&design::stylesheet(&book.design, &options.fonts));
    if let Some(extra) = &options.stylesheet {
        css.push_str("\n/* [output.epub] stylesheet */\n");
        css.push_str(extra);
    }
    css
}

/// The generated documents, whose names chapters do not take.
const GENERATED: &[&str] = &[
    "cover",
    "halftitle",
    "titlepage",
    "copyright",
    "dedication",
    "epigraph",
    "nav",
    "endnotes",
];

/// The content document of each chapter: `<slug>.xhtml`, or `<slug>-2.xhtml` when the slug
/// is the name of a generated document (a chapter file `cover.md`).
fn chapter_files(book: &Book) -> Vec<String> {
    let mut used: std::collections::BTreeSet<String> =
        GENERATED.iter().map(|s| s.to_string()).collect();
    used.extend(book.chapters.iter().map(|c| c.slug.clone()));
    book.chapters
        .iter()
        .map(|chapter| {
            let mut name = chapter.slug.clone();
            let mut n = 1;
            while GENERATED.contains(&name.as_str()) || (n > 1 && !used.insert(name.clone())) {
                n += 1;
                name = format!("{}-{n}", chapter.slug);
            }
            format!("{name}.xhtml")
        })
        .collect()
}

/// The landmarks: cover, title page, contents, start of the body, and the endnotes.
fn landmarks(book: &Book, ctx: &xhtml::Context) -> Vec<Landmark> {
    let landmark = |epub_type, href: &str, label| Landmark {
        epub_type,
        href: href.to_string(),
        label: ctx.labels.get(label).to_string(),
    };
    let mut out = vec![
        landmark("cover", "cover.xhtml", Label::Cover),
        landmark("titlepage", "titlepage.xhtml", Label::TitlePage),
        landmark("toc", "nav.xhtml#toc", Label::Contents),
    ];
    let body = book
        .chapters
        .iter()
        .position(|c| c.matter == Matter::Body)
        .unwrap_or(0);
    if let Some(first) = ctx.chapter_files.get(body) {
        out.push(landmark("bodymatter", first, Label::StartOfContent));
    }
    if let Some(file) = ctx.notes_file {
        out.push(landmark("endnotes", file, Label::Notes));
    }
    out
}

/// Package paths of the images: `images/` and a file-name-safe form of the source path,
/// with the extension of the format the EPUB carries.
fn image_files(book: &Book, prepared: &[EpubImage]) -> Vec<String> {
    let mut used = std::collections::BTreeSet::new();
    book.images
        .iter()
        .zip(prepared)
        .map(|(image, prepared)| {
            let stem = image
                .path
                .rsplit_once('.')
                .map_or(image.path.as_str(), |(s, _)| s);
            let safe: String = stem
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                        c.to_ascii_lowercase()
                    } else {
                        '-'
                    }
                })
                .collect();
            let safe = safe.trim_matches('-');
            let extension = prepared.format.extension();
            let mut name = format!("images/{safe}.{extension}");
            let mut n = 1;
            while !used.insert(name.clone()) || name == "images/cover.png" {
                n += 1;
                name = format!("images/{safe}-{n}.{extension}");
            }
            name
        })
        .collect()
}

fn accessibility(book: &Book) -> Accessibility {
    let mut alts = Vec::new();
    for chapter in &book.chapters {
        for block in chapter
            .blocks
            .iter()
            .chain(chapter.notes.iter().flat_map(|n| n.blocks.iter()))
        {
            collect_alts(block, &mut alts);
        }
    }
    Accessibility {
        has_images: !alts.is_empty(),
        all_images_described: alts.iter().all(|a| !a.trim().is_empty()),
        ..Accessibility::default()
    }
}

fn collect_alts(block: &Block, alts: &mut Vec<String>) {
    fn inlines(content: &[Inline], alts: &mut Vec<String>) {
        for inline in content {
            match inline {
                Inline::Image { alt, .. } => alts.push(alt.clone()),
                other => {
                    if let Some(children) = other.children() {
                        inlines(children, alts);
                    }
                }
            }
        }
    }
    match block {
        Block::Figure { alt, .. } => alts.push(alt.clone()),
        Block::Heading { content, .. } | Block::Paragraph { content, .. } => inlines(content, alts),
        Block::Quote { blocks, .. } => blocks.iter().for_each(|b| collect_alts(b, alts)),
        Block::Admonition { title, blocks, .. } => {
            inlines(title, alts);
            blocks.iter().for_each(|b| collect_alts(b, alts));
        }
        Block::DefinitionList { items, .. } => {
            for item in items {
                match item {
                    crate::doc::DefinitionItem::Term(term) => inlines(term, alts),
                    crate::doc::DefinitionItem::Details(blocks) => {
                        blocks.iter().for_each(|b| collect_alts(b, alts))
                    }
                }
            }
        }
        Block::List { items, .. } => items
            .iter()
            .flat_map(|i| &i.blocks)
            .for_each(|b| collect_alts(b, alts)),
        Block::Table { head, rows, .. } => head
            .iter()
            .chain(rows.iter().flatten())
            .for_each(|c| inlines(c, alts)),
        Block::Code { .. } | Block::SceneBreak { .. } => {}
    }
}

/// The OCF container: `mimetype` first and stored, then everything deflated, all with the
/// same timestamp so that the same book always gives the same bytes.
/// The files are compressed on up to `jobs` threads, the largest first, and stored in their
/// order.
fn zip(
    files: &[(String, Vec<u8>)],
    modified: crate::doc::Timestamp,
    jobs: usize,
) -> Result<Vec<u8>, Error> {
    let (year, month, day, hour, minute, second) = modified.civil();
    // ZIP dates run from 1980 to 2107; outside that the nearest end is used.
    let time = if year < 1980 {
        DateTime::default()
    } else {
        DateTime::from_date_and_time(
            year.min(2107) as u16,
            month as u8,
            day as u8,
            hour as u8,
            minute as u8,
            second as u8,
        )
        .unwrap_or_default()
    };
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(time)
        .unix_permissions(0o644);
    // Level 6 is zlib's default: within 1% of level 9's size on XHTML, several times faster.
    let deflated = stored
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6));
    let size: usize = files.iter().map(|(_, bytes)| bytes.len()).sum();
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(size + (64 << 10))));
    zip.start_file("mimetype", stored)?;
    zip.write_all(b"application/epub+zip")
        .map_err(zip::result::ZipError::Io)?;
    zip.start_file("META-INF/container.xml", deflated)?;
    zip.write_all(CONTAINER.as_bytes())
        .map_err(zip::result::ZipError::Io)?;
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(files[i].1.len()));
    let prepared = crate::parallel::run_in_parallel(&order, jobs, |i| {
        let (path, bytes) = &files[i];
        // PNG, JPEG, GIF and WebP are compressed already: deflating them again only costs time.
        let is_compressed = [".png", ".jpg", ".gif", ".webp"]
            .iter()
            .any(|x| path.ends_with(x));
        let options = if is_compressed { stored } else { deflated };
        PreparedZipFile::from_data(path, options, bytes)
    });
    for file in prepared {
        zip.add_prepared_file(file?)?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod code_tests;
#[cfg(test)]
mod tests {
    use super::*;
    use crate::{markdown, project};

    #[test]
    fn chapters_named_like_generated_documents_get_other_files() {
        let toml = "[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\n";
        let pages = [
            ("cover.md", "# Cover story"),
            ("cover-2.md", "# Second"),
            ("nav.md", "# Navigation"),
        ];
        let project = project::from_memory(toml, &pages, &[]);
        let book = markdown::parse_book(&project).expect("the book parses");
        // In file order `cover-2.md` comes first; `cover.md` cannot have `cover-2.xhtml`.
        let slugs: Vec<&str> = book.chapters.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(slugs, ["cover-2", "cover", "nav"]);
        let files = chapter_files(&book);
        assert_eq!(files, ["cover-2.xhtml", "cover-3.xhtml", "nav-2.xhtml"]);
    }
}
