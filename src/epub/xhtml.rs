//! Pure `doc::Chapter` → XHTML content documents (EPUB 3, HTML5 serialised as XML).

use std::fmt::Write as _;

use crate::doc::code::{self, Token, TokenKind};
use crate::doc::{
    self, AdmonitionKind, Align, Block, Chapter, DefinitionItem, Inline, Label, Labels, LinkTarget,
    ListItem, Matter, PageStart,
};

/// What the writer needs to know about the rest of the book.
pub struct Context<'a> {
    /// The book's language (BCP 47).
    pub language: &'a str,
    /// Whether the text runs right to left.
    pub is_rtl: bool,
    /// The content document of each chapter, by chapter index (`intro.xhtml`).
    pub chapter_files: &'a [String],
    /// The path of each image inside the package, relative to the content documents.
    pub image_files: &'a [String],
    /// The endnotes document when all notes go at the end of the book (`[output.epub]
    /// notes = "book"`); `None` puts each chapter's notes at its end, as pop-up footnotes.
    pub notes_file: Option<&'a str>,
    /// Where the print edition's pages begin, in document order (empty: no page markers).
    pub page_starts: &'a [PageStart],
    /// The words folio generates, in the book's language.
    pub labels: &'a Labels,
}

/// The id of the page-break marker of the print page labelled `label`.
pub fn page_id(label: &str) -> String {
    format!("print-page-{label}")
}

/// Escapes text for XML content and attribute values, dropping characters XML forbids.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            // Controls of the C1 range are allowed by XML but are mistakes in a book.
            c if ('\u{7F}'..='\u{9F}').contains(&c) => {}
            c => out.push(c),
        }
    }
}

/// The start of an XHTML content document, up to and including `<body>`.
pub fn document_start(ctx: &Context, title: &str, body_type: Option<&str>) -> String {
    let dir = if ctx.is_rtl { " dir=\"rtl\"" } else { "" };
    let body = match body_type {
        Some(t) => format!("<body epub:type=\"{t}\">"),
        None => "<body>".to_string(),
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\"{dir}>\n<head>\n<meta charset=\"UTF-8\"/>\n<title>{title}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n</head>\n{body}\n",
        lang = escape(ctx.language),
        title = escape(title),
    )
}

/// The end of an XHTML content document.
pub const DOCUMENT_END: &str = "</body>\n</html>\n";

/// A whole chapter as a content document.
pub fn chapter(ctx: &Context, index: usize, chapter: &Chapter) -> String {
    let title = chapter
        .page_title
        .clone()
        .unwrap_or_else(|| Inline::plain_text(&chapter.title));
    let body_type = match chapter.matter {
        Matter::Front => "frontmatter",
        Matter::Body => "bodymatter",
        Matter::Back => "backmatter",
    };
    let mut out = document_start(ctx, &title, Some(body_type));
    // Each of these types has the DPUB-ARIA role of the same name.
    let section = match semantics(chapter) {
        Some(kind) => format!(" epub:type=\"{kind}\" role=\"doc-{kind}\""),
        None => String::new(),
    };
    let label = match &chapter.anchor {
        Some(id) => format!(" aria-labelledby=\"{}\"", escape(id)),
        None => format!(" aria-label=\"{}\"", escape(&title)),
    };
    let _ = writeln!(out, "<section{section}{label}>");
    let mut writer = Writer::new(ctx, Some(index), chapter, out);
    writer.page_starts = ctx
        .page_starts
        .iter()
        .filter(|p| p.at.chapter == index)
        .collect();
    writer.page_starts.sort_by(|a, b| a.at.cmp(&b.at));
    writer.blocks(&chapter.blocks);
    // Pages that begin where the writer found no place for them (none should) are marked
    // at the end of the text, so that every page-list entry has its target.
    writer.path.clear();
    writer.page_breaks_through(None);
    if ctx.notes_file.is_none() {
        writer.footnotes();
    }
    let mut out = writer.out;
    out.push_str("</section>\n");
    out.push_str(DOCUMENT_END);
    out
}

/// Front and back matter recognised by the first word of its title: the word, where it
/// belongs, and its structural type.
const MATTER_TYPES: &[(&str, Matter, &str)] = &[
    ("foreword", Matter::Front, "foreword"),
    ("preface", Matter::Front, "preface"),
    ("introduction", Matter::Front, "introduction"),
    ("prologue", Matter::Front, "prologue"),
    ("acknowledgments", Matter::Front, "acknowledgments"),
    ("acknowledgements", Matter::Front, "acknowledgments"),
    ("appendix", Matter::Back, "appendix"),
    ("afterword", Matter::Back, "afterword"),
    ("epilogue", Matter::Back, "epilogue"),
    ("conclusion", Matter::Back, "conclusion"),
    ("acknowledgments", Matter::Back, "acknowledgments"),
    ("acknowledgements", Matter::Back, "acknowledgments"),
];

/// The structural type of a chapter's section (`epub:type`): a part, a numbered chapter, or
/// front and back matter recognised by its title (`Foreword`, `Appendix A`); other front
/// and back matter gets none.
fn semantics(chapter: &Chapter) -> Option<&'static str> {
    if chapter.is_part {
        return Some("part");
    }
    if chapter.matter == Matter::Body {
        return Some("chapter");
    }
    let title = Inline::plain_text(&chapter.title).to_lowercase();
    let word = title
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())?;
    MATTER_TYPES
        .iter()
        .find(|(w, matter, _)| *w == word && *matter == chapter.matter)
        .map(|(_, _, kind)| *kind)
}

/// Writes model content as XHTML.
pub(super) struct Writer<'a> {
    pub(super) ctx: &'a Context<'a>,
    /// The chapter whose content document is being written (`None` in the endnotes).
    file_chapter: Option<usize>,
    /// The chapter whose notes `Inline::NoteRef` refers to.
    pub(super) chapter: &'a Chapter,
    /// The XHTML written so far.
    pub(super) out: String,
    /// How many times each note has been referenced so far.
    pub(super) note_refs: Vec<usize>,
    /// The chapter's print page starts, in document order, not yet marked.
    page_starts: Vec<&'a PageStart>,
    /// Path of the block being written (see `doc::TextPosition::block`).
    path: Vec<u32>,
    /// `Inline::Text` leaves of the current block written so far.
    leaf: u32,
    /// How many block quotes the block being written is inside.
    quotes: usize,
    /// Whether the block being written is followed by a figure.
    is_before_figure: bool,
    /// Admonitions written so far (their titles' ids).
    admonitions: usize,
}

impl<'a> Writer<'a> {
    /// A writer appending to `out`, for content of `chapter` in the file of `file_chapter`.
    pub(super) fn new(
        ctx: &'a Context<'a>,
        file_chapter: Option<usize>,
        chapter: &'a Chapter,
        out: String,
    ) -> Self {
        Writer {
            ctx,
            file_chapter,
            chapter,
            out,
            note_refs: vec![0; chapter.notes.len()],
            page_starts: Vec::new(),
            path: Vec::new(),
            leaf: 0,
            quotes: 0,
            is_before_figure: false,
            admonitions: 0,
        }
    }

    pub(super) fn blocks(&mut self, blocks: &[Block]) {
        let mut after_heading = true;
        for (k, block) in blocks.iter().enumerate() {
            self.path.push(k as u32);
            self.page_breaks_through(None);
            self.leaf = 0;
            self.is_before_figure = matches!(blocks.get(k + 1), Some(Block::Figure { .. }));
            self.block(block, after_heading);
            self.path.pop();
            after_heading = matches!(block, Block::Heading { .. } | Block::SceneBreak { .. });
        }
    }

    /// Marks every print page that begins before the current block (`within` `None`) or
    /// before byte `within` of its text leaf `self.leaf`. With an empty path, all that are
    /// left.
    fn page_breaks_through(&mut self, within: Option<u32>) {
        while let Some(start) = self.page_starts.first() {
            let due = if self.path.is_empty() {
                true
            } else {
                match (start.at.block.cmp(&self.path), start.at.within, within) {
                    (std::cmp::Ordering::Less, _, _) => true,
                    (std::cmp::Ordering::Equal, None, _) => true,
                    (std::cmp::Ordering::Equal, Some((leaf, at)), Some(offset)) => {
                        leaf < self.leaf || (leaf == self.leaf && at <= offset)
                    }
                    _ => false,
                }
            };
            if !due {
                break;
            }
            let label = &start.label;
            let _ = write!(
                self.out,
                "<span id=\"{}\" epub:type=\"pagebreak\" role=\"doc-pagebreak\" aria-label=\"{}\"></span>",
                escape(&page_id(label)),
                escape(label)
            );
            self.page_starts.remove(0);
        }
    }

    /// Writes a text leaf, with the print pages that begin inside it marked.
    fn text_leaf(&mut self, text: &str) {
        self.text_piece(text, 0, true);
        self.leaf += 1;
    }

    /// Writes `piece`, the bytes of the current text leaf from `base` on, with the print
    /// pages that begin inside it marked (those beyond the leaf's end too, in its last piece).
    fn text_piece(&mut self, piece: &str, base: usize, is_last: bool) {
        let mut written = 0;
        while let Some(start) = self.page_starts.first() {
            let Some((leaf, offset)) = start.at.within else {
                break;
            };
            if start.at.block != self.path || leaf != self.leaf {
                break;
            }
            let Some(local) = (offset as usize).checked_sub(base) else {
                // A page that begins before this piece: mark it here rather than lose it.
                self.page_breaks_through(Some(offset));
                continue;
            };
            if local >= piece.len() && !is_last {
                break; // it begins in a later piece of the leaf
            }
            let mut at = local.clamp(written, piece.len());
            while !piece.is_char_boundary(at) {
                at -= 1;
            }
            let at = at.max(written);
            escape_into(&mut self.out, &piece[written..at]);
            written = at;
            self.page_breaks_through(Some(offset));
        }
        escape_into(&mut self.out, &piece[written..]);
    }

    /// Writes highlighted code, one leaf: each token a `<span class="hl-…">` (plain text
    /// bare), with the print pages that begin inside it marked.
    fn code_leaf(&mut self, text: &str, tokens: &[Token]) {
        let mut at = 0;
        for (kind, piece) in code::pieces(text, tokens) {
            let is_last = at + piece.len() == text.len();
            if kind == TokenKind::Plain {
                self.text_piece(piece, at, is_last);
            } else {
                let _ = write!(self.out, "<span class=\"hl-{}\">", kind.short_name());
                self.text_piece(piece, at, is_last);
                self.out.push_str("</span>");
            }
            at += piece.len();
        }
        self.leaf += 1;
    }

    pub(super) fn block(&mut self, block: &Block, is_first: bool) {
        match block {
            Block::Heading {
                level, id, content, ..
            } => {
                let level = (*level).clamp(1, 6);
                // Kept with its text, but not with a figure: a tall one would push both
                // to the next page and leave a blank one.
                let class = match self.is_before_figure {
                    true => " class=\"before-figure\"",
                    false => "",
                };
                let _ = write!(self.out, "<h{level} id=\"{}\"{class}>", escape(id));
                self.inlines(content);
                let _ = writeln!(self.out, "</h{level}>");
            }
            Block::Paragraph { content, .. } if self.quotes > 0 && doc::is_stanza(content) => {
                self.stanza(content);
            }
            Block::Paragraph { content, .. } => {
                if !Inline::is_visible(content) {
                    // Anchors alone mark a place without making an empty paragraph.
                    self.inlines(content);
                    self.out.push('\n');
                    return;
                }
                self.out.push_str(if is_first {
                    "<p class=\"first\">"
                } else {
                    "<p>"
                });
                self.inlines(content);
                self.out.push_str("</p>\n");
            }
            Block::Figure {
                image,
                alt,
                caption,
                link,
                ..
            } => {
                self.out.push_str("<figure>\n");
                let href = link.as_ref().and_then(|target| self.href(target));
                if let Some(href) = &href {
                    let _ = write!(self.out, "<a href=\"{}\">", escape(href));
                }
                self.image(*image, alt, "");
                if href.is_some() {
                    self.out.push_str("</a>");
                }
                if !caption.is_empty() {
                    self.out.push_str("\n<figcaption>");
                    self.inlines(caption);
                    self.out.push_str("</figcaption>");
                }
                self.out.push_str("\n</figure>\n");
            }
            Block::Quote { blocks, .. } => {
                self.out.push_str("<blockquote>\n");
                self.quotes += 1;
                self.blocks(blocks);
                self.quotes -= 1;
                self.out.push_str("</blockquote>\n");
            }
            Block::List { start, items, .. } => self.list(*start, items),
            Block::Code {
                language,
                content,
                tokens,
                ..
            } => {
                self.out.push_str("<pre>");
                match language {
                    Some(lang) => {
                        let _ = write!(
                            self.out,
                            "<code class=\"language-{}\">",
                            escape(&class_name(lang))
                        );
                    }
                    None => self.out.push_str("<code>"),
                }
                match content.as_slice() {
                    [Inline::Text(text)] if !tokens.is_empty() => self.code_leaf(text, tokens),
                    _ => self.inlines(content),
                }
                self.out.push_str("</code></pre>\n");
            }
            Block::Table {
                aligns, head, rows, ..
            } => {
                self.out.push_str("<div class=\"table\">\n<table>\n");
                // A header row with no text (a layout table in the source) is left out.
                if head.iter().any(|cell| Inline::is_visible(cell)) {
                    self.out.push_str("<thead>\n<tr>");
                    for (i, cell) in head.iter().enumerate() {
                        let tag = if Inline::is_visible(cell) { "th" } else { "td" };
                        self.cell(tag, aligns.get(i).copied(), cell);
                    }
                    self.out.push_str("</tr>\n</thead>\n");
                }
                self.out.push_str("<tbody>\n");
                for row in rows {
                    self.out.push_str("<tr>");
                    for (i, cell) in row.iter().enumerate() {
                        self.cell("td", aligns.get(i).copied(), cell);
                    }
                    self.out.push_str("</tr>\n");
                }
                self.out.push_str("</tbody>\n</table>\n</div>\n");
            }
            Block::SceneBreak { .. } => self.out.push_str("<hr class=\"scene-break\"/>\n"),
            Block::Admonition {
                kind,
                title,
                blocks,
                ..
            } => self.admonition(*kind, title, blocks),
            Block::DefinitionList { items, .. } => self.definitions(items),
        }
    }

    /// An admonition: a `div` with the ARIA role of its kind (`note`, `doc-tip`, or
    /// `doc-notice` for the three warnings), labelled by its title.
    fn admonition(&mut self, kind: AdmonitionKind, title: &[Inline], blocks: &[Block]) {
        self.admonitions += 1;
        let id = format!("admonition.{}.{}", self.chapter.slug, self.admonitions);
        let role = match kind {
            AdmonitionKind::Note => "note",
            AdmonitionKind::Tip => "doc-tip",
            AdmonitionKind::Important | AdmonitionKind::Warning | AdmonitionKind::Caution => {
                "doc-notice"
            }
        };
        let _ = write!(
            self.out,
            "<div class=\"admonition {}\" role=\"{role}\" aria-labelledby=\"{}\">\n<p class=\"admonition-title\" id=\"{}\">",
            kind.name(),
            escape(&id),
            escape(&id)
        );
        if Inline::is_visible(title) {
            self.inlines(title);
        } else {
            self.out.push_str(kind.title());
        }
        self.out.push_str("</p>\n");
        self.blocks(blocks);
        self.out.push_str("</div>\n");
    }

    /// A definition list: terms as `dt`, definitions as `dd` (one paragraph without `p`).
    fn definitions(&mut self, items: &[DefinitionItem]) {
        self.out.push_str("<dl>\n");
        for (i, item) in items.iter().enumerate() {
            self.path.push(i as u32);
            self.page_breaks_through(None);
            self.leaf = 0;
            match item {
                DefinitionItem::Term(term) => {
                    self.out.push_str("<dt>");
                    self.inlines(term);
                    self.out.push_str("</dt>\n");
                }
                DefinitionItem::Details(blocks) => {
                    self.out.push_str("<dd>");
                    match blocks.as_slice() {
                        [Block::Paragraph { content, .. }] => {
                            self.path.push(0);
                            self.page_breaks_through(None);
                            self.inlines(content);
                            self.path.pop();
                        }
                        blocks => {
                            self.out.push('\n');
                            self.blocks(blocks);
                        }
                    }
                    self.out.push_str("</dd>\n");
                }
            }
            self.path.pop();
        }
        self.out.push_str("</dl>\n");
    }

    fn cell(&mut self, tag: &str, align: Option<Align>, content: &[Inline]) {
        let class = match align {
            Some(Align::Left) => " class=\"left\"",
            Some(Align::Center) => " class=\"center\"",
            Some(Align::Right) => " class=\"right\"",
            _ => "",
        };
        let scope = if tag == "th" { " scope=\"col\"" } else { "" };
        let _ = write!(self.out, "<{tag}{scope}{class}>");
        self.inlines(content);
        let _ = write!(self.out, "</{tag}>");
    }

    fn list(&mut self, start: Option<u64>, items: &[ListItem]) {
        match start {
            Some(1) => self.out.push_str("<ol>\n"),
            Some(n) => {
                let _ = writeln!(self.out, "<ol start=\"{n}\">");
            }
            None => self.out.push_str("<ul>\n"),
        }
        for (n, item) in items.iter().enumerate() {
            match item.task {
                Some(done) => {
                    let (mark, label) = if done {
                        ("☑", Label::Done)
                    } else {
                        ("☐", Label::ToDo)
                    };
                    let _ = write!(
                        self.out,
                        "<li class=\"task\"><span class=\"task-mark\" role=\"img\" aria-label=\"{}\">{mark}</span> ",
                        escape(self.ctx.labels.get(label))
                    );
                }
                None => self.out.push_str("<li>"),
            }
            // A tight item is one paragraph: write its text without <p>.
            self.path.push(n as u32);
            match item.blocks.as_slice() {
                [Block::Paragraph { content, .. }] => {
                    self.path.push(0);
                    self.page_breaks_through(None);
                    self.leaf = 0;
                    self.inlines(content);
                    self.path.pop();
                }
                blocks => {
                    self.out.push('\n');
                    self.blocks(blocks);
                }
            }
            self.path.pop();
            self.out.push_str("</li>\n");
        }
        self.out.push_str(if start.is_some() {
            "</ol>\n"
        } else {
            "</ul>\n"
        });
    }

    /// Where a link goes, as an `href`; `None` when it goes nowhere (a target the Markdown
    /// stage left unresolved, or a chapter without an anchor): its content is shown alone.
    fn href(&self, target: &LinkTarget) -> Option<String> {
        let href = match target {
            LinkTarget::External(url) => url.clone(),
            LinkTarget::Internal { chapter, id } => {
                let file = if Some(*chapter) == self.file_chapter {
                    ""
                } else {
                    self.ctx
                        .chapter_files
                        .get(*chapter)
                        .map_or("", String::as_str)
                };
                match id {
                    Some(id) => format!("{file}#{id}"),
                    None if file.is_empty() => {
                        format!("#{}", self.chapter.anchor.as_deref().unwrap_or(""))
                    }
                    None => file.to_string(),
                }
            }
            // The Markdown stage resolves every link.
            LinkTarget::Unresolved { .. } => return None,
        };
        (href != "#").then_some(href)
    }

    fn image(&mut self, image: usize, alt: &str, class: &str) {
        let src = self.ctx.image_files.get(image).map_or("", String::as_str);
        let class = if class.is_empty() {
            String::new()
        } else {
            format!(" class=\"{class}\"")
        };
        let _ = write!(
            self.out,
            "<img src=\"{}\" alt=\"{}\"{class}/>",
            escape(src),
            escape(alt)
        );
    }

    /// A stanza of verse: each line a block of its own (so that a long one wraps with a
    /// hanging indent), still ended by `<br/>` for reading systems without the stylesheet.
    fn stanza(&mut self, content: &[Inline]) {
        self.out.push_str("<p class=\"stanza\">");
        let mut lines = doc::verse_lines(content).peekable();
        while let Some(line) = lines.next() {
            self.out.push_str("<span class=\"line\">");
            self.inlines(line);
            self.out.push_str("</span>");
            if lines.peek().is_some() {
                self.out.push_str("<br/>\n");
            }
        }
        self.out.push_str("</p>\n");
    }

    pub(super) fn inlines(&mut self, content: &[Inline]) {
        for inline in content {
            self.inline(inline);
        }
    }

    fn wrap(&mut self, tag: &str, content: &[Inline]) {
        let _ = write!(self.out, "<{tag}>");
        self.inlines(content);
        let _ = write!(self.out, "</{tag}>");
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text(text) => self.text_leaf(text),
            Inline::Emphasis(c) => self.wrap("em", c),
            Inline::Strong(c) => self.wrap("strong", c),
            Inline::Strikethrough(c) => self.wrap("s", c),
            Inline::Superscript(c) => self.wrap("sup", c),
            Inline::Subscript(c) => self.wrap("sub", c),
            Inline::Code(c) => self.wrap("code", c),
            Inline::Keyboard(c) => self.wrap("kbd", c),
            Inline::Link { target, content } => {
                let Some(href) = self.href(target) else {
                    self.inlines(content);
                    return;
                };
                let _ = write!(self.out, "<a href=\"{}\">", escape(&href));
                self.inlines(content);
                self.out.push_str("</a>");
            }
            Inline::Image { image, alt, .. } => self.image(*image, alt, "inline"),
            Inline::NoteRef(index) => {
                let Some(note) = self.chapter.notes.get(*index) else {
                    return;
                };
                self.note_refs[*index] += 1;
                let n = self.note_refs[*index];
                let ref_id = note_ref_id(&note.id, n);
                // In a chapter, with endnotes, the note is in the endnotes document.
                let file = match (self.ctx.notes_file, self.file_chapter) {
                    (Some(file), Some(_)) => file,
                    _ => "",
                };
                let _ = write!(
                    self.out,
                    "<a class=\"noteref\" id=\"{}\" href=\"{}#{}\" epub:type=\"noteref\" role=\"doc-noteref\">{}</a>",
                    escape(&ref_id),
                    escape(file),
                    escape(&note.id),
                    index + 1
                );
            }
            Inline::Anchor(id) => {
                let _ = write!(self.out, "<span id=\"{}\"></span>", escape(id));
            }
            Inline::LineBreak => self.out.push_str("<br/>\n"),
            Inline::SoftBreak => self.out.push('\n'),
        }
    }
}

/// The id of the `n`-th reference (from 1) to the note `note_id`.
pub(super) fn note_ref_id(note_id: &str, n: usize) -> String {
    if n == 1 {
        format!("{note_id}-ref")
    } else {
        format!("{note_id}-ref-{n}")
    }
}

/// A code language as a CSS class: letters, digits, `-` and `_` only.
fn class_name(lang: &str) -> String {
    lang.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_drops_characters_xml_forbids() {
        assert_eq!(
            escape("a<b & \"c\"\u{1}\u{0}\u{FFFF}"),
            "a&lt;b &amp; &quot;c&quot;"
        );
    }
}
