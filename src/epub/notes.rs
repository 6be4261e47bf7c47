//! A chapter's notes → pop-up footnotes at its end, or every chapter's notes → one
//! endnotes document at the end of the book (`[output.epub] notes = "book"`), grouped under
//! the chapters' titles. Each note links back to its reference.

use std::fmt::Write as _;

use super::xhtml::{self, Context, Writer, escape, note_ref_id};
use crate::doc::{Block, Chapter, Inline, Label};

/// The endnotes document's file name.
pub const FILE: &str = "endnotes.xhtml";

/// The endnotes document. `labels[i]` is chapter `i` as the table of contents names it.
pub fn document(ctx: &Context, chapters: &[Chapter], labels: &[String]) -> String {
    let title = ctx.labels.get(Label::Notes);
    let mut out = xhtml::document_start(ctx, title, Some("backmatter"));
    let _ = writeln!(
        out,
        "<section class=\"endnotes\" epub:type=\"endnotes\" role=\"doc-endnotes\" aria-labelledby=\"endnotes-title\">\n<h1 id=\"endnotes-title\">{}</h1>",
        escape(title)
    );
    for (index, chapter) in chapters.iter().enumerate() {
        if chapter.notes.is_empty() {
            continue;
        }
        let heading = format!("endnotes-{}", chapter.slug);
        let _ = writeln!(
            out,
            "<section aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{}</h2>\n<ol>",
            escape(labels.get(index).map_or("", String::as_str)),
            id = escape(&heading),
        );
        // `epub:type="endnote"` tells reading systems that show notes as pop-ups what the item
        // is (EPUBCheck lists it as deprecated, a usage message, not a warning). The role
        // `doc-endnote` is left out: DPUB-ARIA 1.1 deprecates it, which EPUBCheck warns
        // about; in a `doc-endnotes` section the list item is the note.
        let chapter_file = ctx.chapter_files.get(index).map_or("", String::as_str);
        let mut writer = Writer::new(ctx, None, chapter, out);
        let is_referenced = writer.count_note_refs();
        for (n, note) in chapter.notes.iter().enumerate() {
            let _ = writeln!(
                writer.out,
                "<li id=\"{}\" epub:type=\"endnote\">",
                escape(&note.id)
            );
            writer.note_body(n, chapter_file, is_referenced[n]);
            writer.out.push_str("</li>\n");
        }
        out = writer.out;
        out.push_str("</ol>\n</section>\n");
    }
    out.push_str("</section>\n");
    out.push_str(xhtml::DOCUMENT_END);
    out
}

impl Writer<'_> {
    /// The chapter's footnotes, as asides after the text: pop-ups in Apple Books, Kobo and
    /// Kindle, which find them by `epub:type` and want a link back to the reference.
    pub(super) fn footnotes(&mut self) {
        if self.chapter.notes.is_empty() {
            return;
        }
        let _ = writeln!(
            self.out,
            "<section class=\"notes\" aria-label=\"{}\">",
            escape(self.ctx.labels.get(Label::Notes))
        );
        let chapter = self.chapter;
        for index in 0..chapter.notes.len() {
            let _ = writeln!(
                self.out,
                "<aside id=\"{}\" epub:type=\"footnote\" role=\"doc-footnote\">",
                escape(&chapter.notes[index].id)
            );
            let is_referenced = self.note_refs[index] > 0;
            self.note_body(index, "", is_referenced);
            self.out.push_str("</aside>\n");
        }
        self.out.push_str("</section>\n");
    }

    /// The content of note `index`, its number first, as a link back to its first reference
    /// (in `ref_file`, empty for the same document) when the note is referenced.
    pub(super) fn note_body(&mut self, index: usize, ref_file: &str, is_referenced: bool) {
        let note = &self.chapter.notes[index];
        let back = if is_referenced {
            format!(
                "<a href=\"{}#{}\" role=\"doc-backlink\">{}.</a> ",
                escape(ref_file),
                escape(&note_ref_id(&note.id, 1)),
                index + 1
            )
        } else {
            format!("{}. ", index + 1)
        };
        let rest = match note.blocks.split_first() {
            Some((Block::Paragraph { content, .. }, rest)) => {
                let _ = write!(self.out, "<p>{back}");
                self.inlines(content);
                self.out.push_str("</p>\n");
                rest
            }
            _ => {
                let _ = writeln!(self.out, "<p>{back}</p>");
                &note.blocks[..]
            }
        };
        for block in rest {
            self.block(block, false);
        }
    }

    /// Counts the references to each note in the chapter's text, as writing it would, and
    /// returns whether each note is referenced there.
    pub(super) fn count_note_refs(&mut self) -> Vec<bool> {
        fn inlines(content: &[Inline], counts: &mut [usize]) {
            for inline in content {
                match inline {
                    Inline::NoteRef(i) => {
                        if let Some(n) = counts.get_mut(*i) {
                            *n += 1;
                        }
                    }
                    other => {
                        if let Some(children) = other.children() {
                            inlines(children, counts);
                        }
                    }
                }
            }
        }
        fn blocks(content: &[Block], counts: &mut [usize]) {
            for block in content {
                match block {
                    Block::Heading { content, .. }
                    | Block::Paragraph { content, .. }
                    | Block::Code { content, .. } => inlines(content, counts),
                    Block::Figure { caption, .. } => inlines(caption, counts),
                    Block::Quote { blocks: b, .. } => blocks(b, counts),
                    Block::Admonition {
                        title, blocks: b, ..
                    } => {
                        inlines(title, counts);
                        blocks(b, counts);
                    }
                    Block::DefinitionList { items, .. } => {
                        for item in items {
                            match item {
                                crate::doc::DefinitionItem::Term(term) => inlines(term, counts),
                                crate::doc::DefinitionItem::Details(b) => blocks(b, counts),
                            }
                        }
                    }
                    Block::List { items, .. } => {
                        items.iter().for_each(|item| blocks(&item.blocks, counts))
                    }
                    Block::Table { head, rows, .. } => head
                        .iter()
                        .chain(rows.iter().flatten())
                        .for_each(|cell| inlines(cell, counts)),
                    Block::SceneBreak { .. } => {}
                }
            }
        }
        blocks(&self.chapter.blocks, &mut self.note_refs);
        self.note_refs.iter().map(|n| *n > 0).collect()
    }
}
