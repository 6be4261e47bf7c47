//! The navigation documents: `nav.xhtml` (nested TOC and landmarks) and `toc.ncx` for EPUB 2
//! reading systems, built from one table-of-contents tree.

use std::fmt::Write as _;

use super::xhtml::{self, Context, escape};
use crate::doc::{Block, Book, Chapter, Inline, Label};

/// One line of the table of contents.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The text shown.
    pub label: String,
    /// The target, relative to the package documents.
    pub href: String,
    /// Entries nested under this one.
    pub children: Vec<Entry>,
}

/// The table of contents: chapters nested as `SUMMARY.md` nests them, each with the sections
/// one heading level below its title.
pub fn toc(book: &Book, chapter_files: &[String]) -> Vec<Entry> {
    let mut root: Vec<Entry> = Vec::new();
    for (index, chapter) in book.chapters.iter().enumerate() {
        let file = &chapter_files[index];
        let entry = Entry {
            label: label(chapter),
            href: file.clone(),
            children: sections(&chapter.blocks, file),
        };
        crate::doc::push_nested(&mut root, chapter.depth, entry, |e| &mut e.children);
    }
    root
}

/// A chapter as the table of contents names it: `2.1. Title`, or the title alone.
pub fn label(chapter: &Chapter) -> String {
    let title = Inline::plain_text(&chapter.title);
    match &chapter.number {
        Some(n) => format!(
            "{}. {title}",
            n.iter().map(u32::to_string).collect::<Vec<_>>().join(".")
        ),
        None => title,
    }
}

fn sections(blocks: &[Block], file: &str) -> Vec<Entry> {
    let mut headings = blocks.iter().filter_map(|b| match b {
        Block::Heading {
            level, id, content, ..
        } => Some((*level, id, content)),
        _ => None,
    });
    let Some((top, _, _)) = headings.next() else {
        return Vec::new();
    };
    headings
        .filter(|(level, _, _)| *level == top + 1)
        .map(|(_, id, content)| Entry {
            label: Inline::plain_text(content),
            href: format!("{file}#{id}"),
            children: Vec::new(),
        })
        .filter(|e| !e.label.trim().is_empty())
        .collect()
}

/// A landmark: a major part of the book that reading systems can go to directly.
#[derive(Clone, Debug, PartialEq)]
pub struct Landmark {
    /// The structural type (`cover`, `titlepage`, `toc`, `bodymatter`, `endnotes`).
    pub epub_type: &'static str,
    /// The target, relative to the package documents.
    pub href: String,
    /// The text shown.
    pub label: String,
}

/// The EPUB 3 navigation document: the table of contents, shown in the spine as the book's
/// contents page, and the (hidden) landmarks.
pub fn nav_document(
    ctx: &Context,
    toc: &[Entry],
    landmarks: &[Landmark],
    page_list: &[(String, String)],
) -> String {
    let text = |label| escape(ctx.labels.get(label));
    let mut out = xhtml::document_start(ctx, ctx.labels.get(Label::Contents), Some("frontmatter"));
    let _ = writeln!(
        out,
        "<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">\n<h1 id=\"toc-title\">{}</h1>",
        text(Label::Contents)
    );
    write_list(&mut out, toc);
    out.push_str("</nav>\n");
    let _ = writeln!(
        out,
        "<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\" aria-label=\"{0}\">\n<h2>{0}</h2>\n<ol>",
        text(Label::Landmarks)
    );
    for landmark in landmarks {
        let _ = writeln!(
            out,
            "<li><a epub:type=\"{}\" href=\"{}\">{}</a></li>",
            landmark.epub_type,
            escape(&landmark.href),
            escape(&landmark.label)
        );
    }
    out.push_str("</ol>\n</nav>\n");
    // The print edition's pages: (label, href of the page-break marker).
    if !page_list.is_empty() {
        let _ = writeln!(
            out,
            "<nav epub:type=\"page-list\" role=\"doc-pagelist\" id=\"page-list\" hidden=\"hidden\" aria-label=\"{0}\">\n<h2>{0}</h2>\n<ol>",
            text(Label::Pages)
        );
        for (label, href) in page_list {
            let _ = writeln!(
                out,
                "<li><a href=\"{}\">{}</a></li>",
                escape(href),
                escape(label)
            );
        }
        out.push_str("</ol>\n</nav>\n");
    }
    out.push_str(xhtml::DOCUMENT_END);
    out
}

fn write_list(out: &mut String, entries: &[Entry]) {
    out.push_str("<ol>\n");
    for entry in entries {
        let _ = write!(
            out,
            "<li><a href=\"{}\">{}</a>",
            escape(&entry.href),
            escape(&entry.label)
        );
        if !entry.children.is_empty() {
            out.push('\n');
            write_list(out, &entry.children);
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

/// The EPUB 2 NCX, with the same tree as the navigation document.
pub fn ncx(book: &Book, uid: &str, toc: &[Entry]) -> String {
    fn depth(entries: &[Entry]) -> usize {
        entries
            .iter()
            .map(|e| 1 + depth(&e.children))
            .max()
            .unwrap_or(0)
    }
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" xml:lang=\"{lang}\">\n<head>\n<meta name=\"dtb:uid\" content=\"{uid}\"/>\n<meta name=\"dtb:depth\" content=\"{depth}\"/>\n<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n<docTitle><text>{title}</text></docTitle>\n",
        lang = escape(&book.metadata.language),
        uid = escape(uid),
        depth = depth(toc).max(1),
        title = escape(&book.metadata.title),
    );
    for author in &book.metadata.authors {
        let _ = writeln!(
            out,
            "<docAuthor><text>{}</text></docAuthor>",
            escape(author)
        );
    }
    out.push_str("<navMap>\n");
    let mut order = 0;
    write_points(&mut out, toc, &mut order);
    out.push_str("</navMap>\n</ncx>\n");
    out
}

fn write_points(out: &mut String, entries: &[Entry], order: &mut usize) {
    for entry in entries {
        *order += 1;
        let _ = writeln!(
            out,
            "<navPoint id=\"np-{n}\" playOrder=\"{n}\">\n<navLabel><text>{}</text></navLabel>\n<content src=\"{}\"/>",
            escape(&entry.label),
            escape(&entry.href),
            n = order
        );
        write_points(out, &entry.children, order);
        out.push_str("</navPoint>\n");
    }
}
