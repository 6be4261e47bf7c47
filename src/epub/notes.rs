//! Every chapter's notes → one endnotes document at the end of the book (`[output.epub]
//! notes = "book"`), grouped under the chapters' titles, each note linking back to its
//! reference.

use std::fmt::Write as _;

use super::xhtml::{self, Context, Writer, escape};
use crate::doc::Chapter;

/// The endnotes document's file name.
pub const FILE: &str = "endnotes.xhtml";

/// The endnotes document. `labels[i]` is chapter `i` as the table of contents names it.
pub fn document(ctx: &Context, chapters: &[Chapter], labels: &[String]) -> String {
    let mut out = xhtml::document_start(ctx, "Notes", Some("backmatter"));
    out.push_str("<section class=\"endnotes\" epub:type=\"endnotes\" role=\"doc-endnotes\" aria-labelledby=\"endnotes-title\">\n<h1 id=\"endnotes-title\">Notes</h1>\n");
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
        // `epub:type="endnote"` makes the note a pop-up in Apple Books and Kobo (EPUBCheck
        // notes it as deprecated, a usage message). Its role, `doc-endnote`, is left out:
        // DPUB-ARIA 1.1 deprecates it (an EPUBCheck warning); the list item is the note.
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
