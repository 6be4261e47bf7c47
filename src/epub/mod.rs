//! `doc::Book` → EPUB 3 bytes: content documents, navigation, package document, container.
//!
//! The package documents (OPF, nav, NCX) and the ZIP container are written here rather than
//! through epub-builder: that crate cannot write ISBN identifiers, `refines`, manifest
//! `properties` or a reproducible ZIP, and gives `dc:language` and `dc:creator` the same id.

mod cover;
mod nav;
mod package;
mod pages;
pub mod xhtml;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::doc::{Block, Book, Inline};
use crate::error::Error;
use package::{Accessibility, Item};

/// Settings of the EPUB writer.
#[derive(Clone, Debug, Default)]
pub struct Options<'a> {
    /// CSS appended to folio's stylesheet (`[output.epub] stylesheet`).
    pub stylesheet: Option<String>,
    /// The font the generated cover is set in, when the book has no cover image.
    pub cover_font: &'a [u8],
}

const STYLESHEET: &str = include_str!("style.css");
const CONTAINER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n<rootfiles>\n<rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n</container>\n";

/// Builds the EPUB. Pure: the same book gives the same bytes.
pub fn write(book: &Book, options: &Options) -> Result<Vec<u8>, Error> {
    let chapter_files: Vec<String> = book
        .chapters
        .iter()
        .map(|c| format!("{}.xhtml", c.slug))
        .collect();
    let image_files = image_files(book);
    let ctx = xhtml::Context {
        language: &book.metadata.language,
        is_rtl: book.metadata.is_rtl,
        chapter_files: &chapter_files,
        image_files: &image_files,
    };

    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let mut add = |id: String, href: &str, media_type, properties, in_spine, bytes: Vec<u8>| {
        items.push(Item {
            id,
            href: href.to_string(),
            media_type,
            properties,
            in_spine,
        });
        files.push((format!("OEBPS/{href}"), bytes));
    };
    const XHTML: &str = "application/xhtml+xml";

    let cover_href = match book.cover {
        Some(index) => image_files[index].clone(),
        None => "images/cover.png".to_string(),
    };
    add(
        "cover".into(),
        "cover.xhtml",
        XHTML,
        None,
        true,
        pages::cover(&ctx, &book.metadata, &cover_href).into_bytes(),
    );
    add(
        "titlepage".into(),
        "titlepage.xhtml",
        XHTML,
        None,
        true,
        pages::title_page(&ctx, &book.metadata).into_bytes(),
    );
    add(
        "copyright".into(),
        "copyright.xhtml",
        XHTML,
        None,
        true,
        pages::copyright_page(&ctx, &book.metadata).into_bytes(),
    );
    let toc = nav::toc(book, &chapter_files);
    let nav = nav::nav_document(&ctx, book, &toc, "cover.xhtml", "titlepage.xhtml");
    add(
        "nav".into(),
        "nav.xhtml",
        XHTML,
        Some("nav"),
        true,
        nav.into_bytes(),
    );
    for (index, chapter) in book.chapters.iter().enumerate() {
        let text = xhtml::chapter(&ctx, index, chapter);
        add(
            format!("c-{}", chapter.slug),
            &chapter_files[index],
            XHTML,
            None,
            true,
            text.into_bytes(),
        );
    }
    let mut css = STYLESHEET.to_string();
    if let Some(extra) = &options.stylesheet {
        css.push_str("\n/* [output.epub] stylesheet */\n");
        css.push_str(extra);
    }
    add(
        "css".into(),
        "style.css",
        "text/css",
        None,
        false,
        css.into_bytes(),
    );
    for (index, image) in book.images.iter().enumerate() {
        let properties = (book.cover == Some(index)).then_some("cover-image");
        add(
            format!("img-{}", index + 1),
            &image_files[index],
            image.format.media_type(),
            properties,
            false,
            image.bytes.to_vec(),
        );
    }
    if book.cover.is_none() {
        let png = cover::generate(&book.metadata, options.cover_font)?;
        add(
            "cover-image".into(),
            &cover_href,
            "image/png",
            Some("cover-image"),
            false,
            png,
        );
    }
    let uid = book.metadata.identifier.uri();
    add(
        "ncx".into(),
        "toc.ncx",
        "application/x-dtbncx+xml",
        None,
        false,
        nav::ncx(book, &uid, &toc).into_bytes(),
    );
    let opf = package::opf(&book.metadata, &accessibility(book), &items);
    files.push(("OEBPS/content.opf".into(), opf.into_bytes()));
    zip(&files, book.metadata.modified)
}

/// Package paths of the images: `images/` and a file-name-safe form of the source path.
fn image_files(book: &Book) -> Vec<String> {
    let mut used = std::collections::BTreeSet::new();
    book.images
        .iter()
        .map(|image| {
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
            let mut name = format!(
                "images/{}.{}",
                safe.trim_matches('-'),
                image.format.extension()
            );
            let mut n = 1;
            while !used.insert(name.clone()) || name == "images/cover.png" {
                n += 1;
                name = format!(
                    "images/{}-{n}.{}",
                    safe.trim_matches('-'),
                    image.format.extension()
                );
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
fn zip(files: &[(String, Vec<u8>)], modified: crate::doc::Timestamp) -> Result<Vec<u8>, Error> {
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
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("mimetype", stored)?;
    zip.write_all(b"application/epub+zip")
        .map_err(zip::result::ZipError::Io)?;
    zip.start_file("META-INF/container.xml", deflated)?;
    zip.write_all(CONTAINER.as_bytes())
        .map_err(zip::result::ZipError::Io)?;
    for (path, bytes) in files {
        // PNG, JPEG, GIF and WebP are compressed already: deflating them again only costs time.
        let is_compressed = [".png", ".jpg", ".gif", ".webp"]
            .iter()
            .any(|x| path.ends_with(x));
        zip.start_file(path.as_str(), if is_compressed { stored } else { deflated })?;
        zip.write_all(bytes).map_err(zip::result::ZipError::Io)?;
    }
    Ok(zip.finish()?.into_inner())
}
