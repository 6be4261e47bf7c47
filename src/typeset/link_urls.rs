//! External links in print: a pure doc → doc pass before the flow that writes each link's
//! URL where a reader of paper can use it: as a footnote (once per chapter and URL; the
//! default), in parentheses after the link text, or not at all (`[output.pdf] link-urls`).
//! A link whose text is its URL (`<https://…>`) is not repeated.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::doc::{Block, Book, Chapter, DefinitionItem, Inline, LinkTarget, LinkUrls, Note};

/// The book with its external links' URLs written out as `mode` asks.
pub fn apply(book: &Book, mode: LinkUrls) -> Cow<'_, Book> {
    if mode == LinkUrls::None || !book.chapters.iter().any(has_annotated_link) {
        return Cow::Borrowed(book);
    }
    let mut book = book.clone();
    for chapter in &mut book.chapters {
        for block in &mut chapter.blocks {
            block.visit_blocks_mut(&mut caption_links);
        }
        match mode {
            LinkUrls::Footnote => footnotes(chapter),
            LinkUrls::Inline => {
                for block in &mut chapter.blocks {
                    each_content(block, &mut |c| inline(c));
                }
            }
            LinkUrls::None => {}
        }
        // Links inside notes get their URL inline: a note of a note would be lost.
        for note in &mut chapter.notes {
            for block in &mut note.blocks {
                each_content(block, &mut |c| inline(c));
            }
        }
    }
    Cow::Owned(book)
}

/// A figure that links out of the book gets its caption as the link's text, so that the
/// URL is written after it like any link's; a figure without a caption gets the URL as
/// its caption.
fn caption_links(block: &mut Block) {
    if let Block::Figure {
        caption,
        link: Some(LinkTarget::External(url)),
        ..
    } = block
    {
        *caption = if caption.is_empty() {
            vec![Inline::Text(shown(url))]
        } else {
            vec![Inline::Link {
                target: LinkTarget::External(url.clone()),
                content: std::mem::take(caption),
            }]
        };
    }
}

/// Whether a link's URL adds anything to its text (a bare URL shown as itself does not).
fn needs_url(url: &str, content: &[Inline]) -> bool {
    let text = Inline::plain_text(content);
    let text = text.trim();
    let bare = |s: &str| {
        let s = s.strip_prefix("mailto:").unwrap_or(s);
        let s = s.split_once("://").map_or(s, |(_, rest)| rest);
        s.trim_end_matches('/').to_string()
    };
    !text.is_empty() && bare(text) != bare(url)
}

/// The URL as printed (`mailto:` dropped).
fn shown(url: &str) -> String {
    url.strip_prefix("mailto:").unwrap_or(url).to_string()
}

fn has_annotated_link(chapter: &Chapter) -> bool {
    fn inlines(content: &[Inline]) -> bool {
        content.iter().any(|inline| match inline {
            Inline::Link {
                target: LinkTarget::External(url),
                content,
            } => needs_url(url, content),
            other => other.children().is_some_and(|c| inlines(c)),
        })
    }
    fn block(b: &Block) -> bool {
        let own = match b {
            Block::Paragraph { content, .. } => inlines(content),
            Block::Figure { caption, link, .. } => {
                inlines(caption) || matches!(link, Some(LinkTarget::External(_)))
            }
            Block::Table { head, rows, .. } => {
                head.iter().chain(rows.iter().flatten()).any(|c| inlines(c))
            }
            Block::DefinitionList { items, .. } => items
                .iter()
                .any(|i| matches!(i, DefinitionItem::Term(t) if inlines(t))),
            _ => false,
        };
        own || b.children().into_iter().any(block)
    }
    chapter
        .blocks
        .iter()
        .chain(chapter.notes.iter().flat_map(|n| n.blocks.iter()))
        .any(block)
}

/// Calls `f` on every inline sequence of a block outside headings, at every depth.
fn each_content(block: &mut Block, f: &mut dyn FnMut(&mut Vec<Inline>)) {
    fn visit(content: &mut Vec<Inline>, f: &mut dyn FnMut(&mut Vec<Inline>)) {
        f(content);
        for inline in content.iter_mut() {
            if let Inline::Link { .. } = inline {
                continue;
            }
            if let Some(children) = inline.children_mut() {
                visit(children, f);
            }
        }
    }
    match block {
        Block::Paragraph { content, .. } => visit(content, f),
        Block::Figure { caption, .. } => visit(caption, f),
        Block::Quote { blocks, .. } | Block::Admonition { blocks, .. } => {
            blocks.iter_mut().for_each(|b| each_content(b, f))
        }
        Block::List { items, .. } => items
            .iter_mut()
            .flat_map(|i| i.blocks.iter_mut())
            .for_each(|b| each_content(b, f)),
        Block::DefinitionList { items, .. } => {
            for item in items {
                match item {
                    DefinitionItem::Term(term) => visit(term, f),
                    DefinitionItem::Details(blocks) => {
                        blocks.iter_mut().for_each(|b| each_content(b, f))
                    }
                }
            }
        }
        Block::Table { head, rows, .. } => head
            .iter_mut()
            .chain(rows.iter_mut().flatten())
            .for_each(|cell| visit(cell, f)),
        Block::Heading { .. } | Block::Code { .. } | Block::SceneBreak { .. } => {}
    }
}

/// ` (URL)` after each link that needs it.
fn inline(content: &mut Vec<Inline>) {
    let mut i = 0;
    while i < content.len() {
        if let Inline::Link {
            target: LinkTarget::External(url),
            content: text,
        } = &content[i]
            && needs_url(url, text)
        {
            let url = url.clone();
            let after = [
                Inline::Text(" (".into()),
                Inline::Link {
                    target: LinkTarget::External(url.clone()),
                    content: vec![Inline::Text(shown(&url))],
                },
                Inline::Text(")".into()),
            ];
            content.splice(i + 1..i + 1, after);
            i += 4;
            continue;
        }
        i += 1;
    }
}

/// A footnote with the URL after each link that needs it, one per URL in the chapter; the
/// chapter's notes are then numbered again in order of first reference.
fn footnotes(chapter: &mut Chapter) {
    let mut urls: BTreeMap<String, usize> = BTreeMap::new();
    let mut added: Vec<Note> = Vec::new();
    let first_new = chapter.notes.len();
    let slug = chapter.slug.clone();
    let span = chapter.span;
    let mut add = |content: &mut Vec<Inline>| {
        let mut i = 0;
        while i < content.len() {
            if let Inline::Link {
                target: LinkTarget::External(url),
                content: text,
            } = &content[i]
                && needs_url(url, text)
            {
                let url = url.clone();
                let next = first_new + urls.len();
                let index = *urls.entry(url.clone()).or_insert_with(|| {
                    added.push(Note {
                        id: format!("url.{slug}.{}", next - first_new + 1),
                        blocks: vec![Block::Paragraph {
                            content: vec![Inline::Link {
                                target: LinkTarget::External(url.clone()),
                                content: vec![Inline::Text(shown(&url))],
                            }],
                            span,
                        }],
                        span,
                    });
                    next
                });
                content.insert(i + 1, Inline::NoteRef(index));
                i += 2;
                continue;
            }
            i += 1;
        }
    };
    for block in &mut chapter.blocks {
        each_content(block, &mut add);
    }
    if added.is_empty() {
        return;
    }
    chapter.notes.extend(added);
    renumber(chapter);
}

/// Orders a chapter's notes by first reference in its text (unreferenced ones last).
fn renumber(chapter: &mut Chapter) {
    fn refs(content: &[Inline], order: &mut Vec<usize>) {
        for inline in content {
            match inline {
                Inline::NoteRef(n) if !order.contains(n) => order.push(*n),
                other => {
                    if let Some(children) = other.children() {
                        refs(children, order);
                    }
                }
            }
        }
    }
    let mut order = Vec::new();
    for block in &mut chapter.blocks {
        walk_all(block, &mut |c| refs(c, &mut order));
    }
    for n in 0..chapter.notes.len() {
        if !order.contains(&n) {
            order.push(n);
        }
    }
    let mut new_index = vec![0; chapter.notes.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut notes: Vec<Option<Note>> = std::mem::take(&mut chapter.notes)
        .into_iter()
        .map(Some)
        .collect();
    chapter.notes = order.iter().filter_map(|&old| notes[old].take()).collect();
    let mut fix = |content: &mut Vec<Inline>| {
        for inline in content.iter_mut() {
            if let Inline::NoteRef(n) = inline {
                *n = new_index[*n];
            }
        }
    };
    for block in &mut chapter.blocks {
        walk_all(block, &mut fix);
    }
    for note in &mut chapter.notes {
        for block in &mut note.blocks {
            walk_all(block, &mut fix);
        }
    }
}

/// Calls `f` on every inline sequence of a block, headings and links included.
fn walk_all(block: &mut Block, f: &mut dyn FnMut(&mut Vec<Inline>)) {
    fn visit(content: &mut Vec<Inline>, f: &mut dyn FnMut(&mut Vec<Inline>)) {
        f(content);
        for inline in content.iter_mut() {
            if let Some(children) = inline.children_mut() {
                visit(children, f);
            }
        }
    }
    match block {
        Block::Heading { content, .. }
        | Block::Paragraph { content, .. }
        | Block::Code { content, .. } => visit(content, f),
        Block::Figure { caption, .. } => visit(caption, f),
        Block::Quote { blocks, .. } => blocks.iter_mut().for_each(|b| walk_all(b, f)),
        Block::Admonition { title, blocks, .. } => {
            visit(title, f);
            blocks.iter_mut().for_each(|b| walk_all(b, f));
        }
        Block::List { items, .. } => items
            .iter_mut()
            .flat_map(|i| i.blocks.iter_mut())
            .for_each(|b| walk_all(b, f)),
        Block::DefinitionList { items, .. } => {
            for item in items {
                match item {
                    DefinitionItem::Term(term) => visit(term, f),
                    DefinitionItem::Details(blocks) => {
                        blocks.iter_mut().for_each(|b| walk_all(b, f))
                    }
                }
            }
        }
        Block::Table { head, rows, .. } => head
            .iter_mut()
            .chain(rows.iter_mut().flatten())
            .for_each(|c| visit(c, f)),
        Block::SceneBreak { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{FileId, Span};

    fn link(url: &str, text: &str) -> Inline {
        Inline::Link {
            target: LinkTarget::External(url.into()),
            content: vec![Inline::Text(text.into())],
        }
    }

    fn chapter(content: Vec<Inline>) -> Book {
        let span = Span::new(FileId(0), 0..0);
        Book {
            chapters: vec![Chapter {
                slug: "one".into(),
                title: vec![],
                matter: crate::doc::Matter::Body,
                is_part: false,
                depth: 0,
                number: None,
                anchor: None,
                blocks: vec![Block::Paragraph { content, span }],
                notes: vec![Note {
                    id: "n1".into(),
                    blocks: vec![],
                    span,
                }],
                span,
                page_title: None,
            }],
            ..Book::default()
        }
    }

    #[test]
    fn a_figure_that_links_out_prints_the_url_after_its_caption_or_as_it() {
        let span = Span::new(FileId(0), 0..0);
        let figure = |caption: Vec<Inline>| Block::Figure {
            image: 0,
            alt: "A plan".into(),
            caption,
            link: Some(LinkTarget::External("https://example.org/plan".into())),
            span,
        };
        let mut book = chapter(vec![Inline::Text("Text.".into())]);
        book.chapters[0].blocks = vec![
            figure(vec![Inline::Text("The plan".into())]),
            figure(Vec::new()),
        ];
        let printed = apply(&book, LinkUrls::Inline);
        let captions: Vec<String> = (printed.chapters[0].blocks.iter())
            .map(|b| match b {
                Block::Figure { caption, .. } => Inline::plain_text(caption),
                _ => String::new(),
            })
            .collect();
        assert_eq!(
            captions,
            [
                "The plan (https://example.org/plan)",
                "https://example.org/plan"
            ]
            .map(String::from),
            "{captions:?}"
        );
        let printed = apply(&book, LinkUrls::Footnote);
        let Block::Figure { caption, .. } = &printed.chapters[0].blocks[0] else {
            panic!("a figure");
        };
        assert!(
            caption.iter().any(|i| matches!(i, Inline::NoteRef(_))),
            "{caption:?}"
        );
    }

    #[test]
    fn footnotes_once_per_url_numbered_in_reading_order() {
        let book = chapter(vec![
            link("https://a.org/", "A"),
            Inline::Text(" ".into()),
            Inline::NoteRef(0),
            link("https://a.org/", "again"),
            link("https://a.org/x", "https://a.org/x"),
        ]);
        let out = apply(&book, LinkUrls::Footnote);
        let c = &out.chapters[0];
        let Block::Paragraph { content, .. } = &c.blocks[0] else {
            panic!()
        };
        let refs: Vec<usize> = content
            .iter()
            .filter_map(|i| match i {
                Inline::NoteRef(n) => Some(*n),
                _ => None,
            })
            .collect();
        // The URL note comes first in the text, so it is note 1; the author's is note 2.
        assert_eq!(refs, [0, 1, 0]);
        assert_eq!(c.notes[0].id, "url.one.1");
        assert_eq!(c.notes[1].id, "n1");
        assert_eq!(
            c.notes.len(),
            2,
            "one note for the URL, none for the bare one"
        );
    }

    #[test]
    fn inline_and_none() {
        let book = chapter(vec![link("mailto:a@b.org", "write")]);
        let out = apply(&book, LinkUrls::Inline);
        let Block::Paragraph { content, .. } = &out.chapters[0].blocks[0] else {
            panic!()
        };
        assert_eq!(Inline::plain_text(content), "write (a@b.org)");
        assert!(matches!(apply(&book, LinkUrls::None), Cow::Borrowed(_)));
    }
}
