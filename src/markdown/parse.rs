//! One chapter's Markdown (pulldown-cmark events with byte offsets) → model blocks and notes.

use std::collections::BTreeMap;
use std::iter::Peekable;
use std::ops::Range;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, OffsetIter, Parser, Tag, TagEnd,
};

use super::html::{self, Builder};
use super::punctuation::Quoter;
use super::settings::{Settings, options};
use crate::diag::{Diagnostic, Span, SpanMap};
use crate::doc::{AdmonitionKind, Align, Block, DefinitionItem, Inline, LinkTarget, ListItem};

/// A chapter as parsed, before ids are made unique and links resolved.
pub struct Parsed {
    /// The chapter's blocks.
    pub blocks: Vec<Block>,
    /// Footnotes in order of first reference (unreferenced ones last).
    pub notes: Vec<(Vec<Block>, Span)>,
    /// The `title:` of the YAML front matter, when there is one.
    pub front_matter_title: Option<String>,
}

struct ChapterParser<'t, 'i, 'r, 'd> {
    events: Peekable<OffsetIter<'t>>,
    map: &'t SpanMap,
    settings: &'t Settings,
    /// The chapter's Markdown, to tell the quotes smart punctuation made from others.
    source: &'t str,
    /// The language's quotation marks.
    quoter: Quoter,
    images: &'i mut html::ImageResolver<'r>,
    diags: &'d mut Vec<Diagnostic>,
    /// Footnote label → note index, in order of first reference.
    note_refs: BTreeMap<String, usize>,
    note_defs: BTreeMap<String, (Vec<Block>, Span)>,
    front_matter_title: Option<String>,
    /// How many quotes and lists the parser is inside.
    depth: usize,
    /// How many emphasis, strong, link… elements the parser is inside.
    inline_depth: usize,
    /// Inline elements opened beyond `MAX_INLINE_NESTING`, kept as their bare content.
    inline_flattened: usize,
    /// Quotes, lists and items opened beyond `MAX_NESTING`, whose content joins the
    /// enclosing block instead.
    flattened: usize,
}

/// Quotes and lists nest at most this deep; deeper ones are set at this depth (every pass
/// over the document recurses over its nesting, and no book needs more).
const MAX_NESTING: usize = 32;

use super::html::MAX_INLINE_NESTING;

/// Whether `event` opens or closes an inline element that nests in the model.
fn is_inline_container(event: &Event) -> bool {
    matches!(
        event,
        Event::Start(
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. }
        ) | Event::End(
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image
        )
    )
}

/// Parses one chapter. Never fails: problems become diagnostics.
pub fn parse(
    text: &str,
    map: &SpanMap,
    settings: &Settings,
    quoter: Quoter,
    images: &mut html::ImageResolver<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Parsed {
    let mut parser = ChapterParser {
        events: Parser::new_ext(text, options(settings))
            .into_offset_iter()
            .peekable(),
        map,
        settings,
        source: text,
        quoter,
        images,
        diags,
        note_refs: BTreeMap::new(),
        note_defs: BTreeMap::new(),
        front_matter_title: None,
        depth: 0,
        flattened: 0,
        inline_depth: 0,
        inline_flattened: 0,
    };
    let mut blocks = parser.blocks(None);
    let notes = parser.finish_notes(&mut blocks);
    Parsed {
        blocks,
        notes,
        front_matter_title: parser.front_matter_title,
    }
}

/// Whether an event belongs inside a paragraph (a tight list item has these bare).
fn is_inline(event: &Event) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::TaskListMarker(_) => true,
        Event::Start(_) => is_inline_container(event),
        _ => false,
    }
}

impl ChapterParser<'_, '_, '_, '_> {
    fn span(&self, range: Range<usize>) -> Span {
        self.map.span(range)
    }

    /// Block content up to `End(end)` (or the end of the file).
    fn blocks(&mut self, end: Option<TagEnd>) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut task = None;
        while let Some((event, range)) = self.events.peek().cloned() {
            if let Event::TaskListMarker(done) = event {
                self.events.next();
                task = Some(done);
                continue;
            }
            if is_inline(&event) {
                let start = range.start;
                let (content, last) = self.inline_run(start);
                if !content.is_empty() {
                    blocks.push(paragraph_or_figure(content, self.span(start..last)));
                }
                continue;
            }
            self.events.next();
            let span = self.span(range.clone());
            if self.flatten(&event, span) {
                continue;
            }
            match event {
                Event::End(tag) if Some(tag) == end => break,
                Event::End(_) => {}
                Event::Start(Tag::Paragraph) => {
                    let content = self.inlines(TagEnd::Paragraph, span);
                    self.check_undefined_notes(&content, span);
                    if !content.is_empty() {
                        blocks.push(paragraph_or_figure(content, span));
                    }
                }
                Event::Start(Tag::Heading { level, id, .. }) => {
                    blocks.push(self.heading(level, id, span));
                }
                Event::Start(Tag::BlockQuote(kind)) => {
                    let inner = self.nested(|p| p.blocks(Some(TagEnd::BlockQuote(kind))));
                    blocks.push(self.quote(kind, inner, span));
                }
                Event::Start(Tag::DefinitionList) => {
                    let items = self.nested(Self::definitions);
                    blocks.push(Block::DefinitionList { items, span });
                }
                Event::Start(Tag::List(start)) => {
                    let items = self.nested(Self::list_items);
                    blocks.push(Block::List { start, items, span });
                }
                Event::Start(Tag::CodeBlock(kind)) => blocks.push(self.code_block(kind, span)),
                Event::Start(Tag::HtmlBlock) => blocks.extend(self.html_block(range)),
                Event::Html(raw) => blocks.extend(self.html(&raw, span)),
                Event::Start(Tag::Table(aligns)) => blocks.push(self.table(aligns, span)),
                Event::Start(Tag::FootnoteDefinition(label)) => self.note_definition(label, span),
                Event::Start(Tag::MetadataBlock(_)) => self.front_matter(),
                Event::Rule => blocks.push(Block::SceneBreak { span }),
                Event::Start(other) => {
                    self.diags.push(Diagnostic::warning(
                        span,
                        format!("unsupported Markdown construct {other:?}; its text is kept"),
                    ));
                }
                _ => {}
            }
        }
        if let Some(done) = task {
            // A task marker with nothing after it: keep it visible.
            blocks.insert(
                0,
                Block::Paragraph {
                    content: vec![Inline::Text(if done { "☑".into() } else { "☐".into() })],
                    span: self.span(0..0),
                },
            );
        }
        blocks
    }

    /// What `parse` returns inside one more level of quotes and lists.
    fn nested<T>(&mut self, parse: impl FnOnce(&mut Self) -> T) -> T {
        self.depth += 1;
        let parsed = parse(self);
        self.depth -= 1;
        parsed
    }

    /// A heading up to its end; without an `{#id}` of the author's, its id is the slug of
    /// its text.
    fn heading(&mut self, level: HeadingLevel, id: Option<CowStr>, span: Span) -> Block {
        let content = self.inlines(TagEnd::Heading(level), span);
        let id = id
            .map(|i| i.into_string())
            .unwrap_or_else(|| slug(&Inline::plain_text(&content)));
        Block::Heading {
            level: level as u8,
            id,
            content,
            span,
        }
    }

    /// A code block up to its end: its language from the info string, and its text without
    /// the lines the language hides.
    fn code_block(&mut self, kind: CodeBlockKind, span: Span) -> Block {
        let info = match &kind {
            CodeBlockKind::Fenced(info) => info.to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        let language = super::code::language(&info);
        let mut text = String::new();
        for (event, _) in self.events.by_ref() {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        if text.ends_with('\n') {
            text.pop();
        }
        if !info.is_empty() {
            text = super::code::visible(&text, &info, &self.settings.hidelines);
        }
        Block::Code {
            language,
            content: vec![Inline::Text(text)],
            tokens: Vec::new(),
            span,
        }
    }

    /// An HTML block starting at `range`: its raw text up to its end, read as HTML.
    fn html_block(&mut self, range: Range<usize>) -> Vec<Block> {
        let mut raw = String::new();
        let mut end = range.end;
        for (event, r) in self.events.by_ref() {
            match event {
                Event::Html(t) | Event::Text(t) => raw.push_str(&t),
                Event::End(TagEnd::HtmlBlock) => break,
                _ => {}
            }
            end = r.end;
        }
        let span = self.span(range.start..end);
        self.html(&raw, span)
    }

    /// Raw HTML at `span`, read as blocks.
    fn html(&mut self, raw: &str, span: Span) -> Vec<Block> {
        let mut builder = Builder::block(span);
        builder.feed(raw, span, self.images, self.diags);
        builder.finish_blocks()
    }

    /// A footnote's definition up to its end, kept under its label (a second one under the
    /// same label is left out with a warning).
    fn note_definition(&mut self, label: CowStr, span: Span) {
        let inner = self.blocks(Some(TagEnd::FootnoteDefinition));
        if self.note_defs.contains_key(label.as_ref()) {
            self.diags.push(
                Diagnostic::warning(
                    span,
                    format!("footnote `[^{label}]` is defined twice; the second is left out"),
                )
                .with_hint("give each note its own label"),
            );
        } else {
            self.note_defs.insert(label.into_string(), (inner, span));
        }
    }

    /// The YAML front matter up to its end: only its `title:` is read.
    fn front_matter(&mut self) {
        for (event, _) in self.events.by_ref() {
            match event {
                Event::Text(t) => {
                    for line in t.lines() {
                        if let Some(title) = line.strip_prefix("title:") {
                            let title = title.trim().trim_matches(|c| c == '"' || c == '\'');
                            self.front_matter_title = Some(title.to_string());
                        }
                    }
                }
                Event::End(TagEnd::MetadataBlock(_)) => break,
                _ => {}
            }
        }
    }

    /// Beyond `MAX_NESTING`, a quote, list or item start is dropped (its content joins the
    /// enclosing block) with a warning, and its end with it. Returns whether `event` went.
    fn flatten(&mut self, event: &Event, span: Span) -> bool {
        match event {
            Event::Start(
                Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::Item
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition,
            ) if self.depth >= MAX_NESTING => {
                if self.flattened == 0 {
                    self.diags.push(
                        Diagnostic::warning(
                            span,
                            format!(
                                "quotes and lists nest more than {MAX_NESTING} deep here; the deeper ones are set at that depth"
                            ),
                        )
                        .with_hint("no reader can follow such nesting: flatten the structure"),
                    );
                }
                self.flattened += 1;
                true
            }
            Event::End(
                TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::DefinitionList
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition,
            ) if self.flattened > 0 => {
                self.flattened -= 1;
                true
            }
            _ => false,
        }
    }

    /// A block quote: an admonition when pulldown-cmark saw `[!KIND]` alone on its first
    /// line, or when the first line is `[!KIND] Title` (a title of the author's).
    fn quote(
        &mut self,
        kind: Option<pulldown_cmark::BlockQuoteKind>,
        mut blocks: Vec<Block>,
        span: Span,
    ) -> Block {
        use pulldown_cmark::BlockQuoteKind as K;
        let kind = match kind {
            Some(K::Note) => Some(AdmonitionKind::Note),
            Some(K::Tip) => Some(AdmonitionKind::Tip),
            Some(K::Important) => Some(AdmonitionKind::Important),
            Some(K::Warning) => Some(AdmonitionKind::Warning),
            Some(K::Caution) => Some(AdmonitionKind::Caution),
            None => None,
        };
        if let Some(kind) = kind {
            return Block::Admonition {
                kind,
                title: Vec::new(),
                blocks,
                span,
            };
        }
        if self.settings.admonitions
            && let Some(Block::Paragraph { content, .. }) = blocks.first_mut()
            && let Some((kind, title)) = super::admonition::titled(content)
        {
            if !Inline::is_visible(content) {
                blocks.remove(0);
            }
            return Block::Admonition {
                kind,
                title,
                blocks,
                span,
            };
        }
        Block::Quote { blocks, span }
    }

    /// The terms and definitions of a definition list, up to its end.
    fn definitions(&mut self) -> Vec<DefinitionItem> {
        let mut items = Vec::new();
        while let Some((event, range)) = self.events.next() {
            let span = self.span(range);
            match event {
                Event::Start(Tag::DefinitionListTitle) => {
                    let term = self.inlines(TagEnd::DefinitionListTitle, span);
                    items.push(DefinitionItem::Term(term));
                }
                Event::Start(Tag::DefinitionListDefinition) => {
                    let blocks = self.blocks(Some(TagEnd::DefinitionListDefinition));
                    items.push(DefinitionItem::Details(blocks));
                }
                Event::End(TagEnd::DefinitionList) => break,
                _ => {}
            }
        }
        items
    }

    fn list_items(&mut self) -> Vec<ListItem> {
        let mut items = Vec::new();
        while let Some((event, _)) = self.events.next() {
            match event {
                Event::Start(Tag::Item) => {
                    let task = match self.events.peek() {
                        Some((Event::TaskListMarker(done), _)) => {
                            let done = *done;
                            self.events.next();
                            Some(done)
                        }
                        _ => None,
                    };
                    let blocks = self.blocks(Some(TagEnd::Item));
                    items.push(ListItem { task, blocks });
                }
                Event::End(TagEnd::List(_)) => break,
                _ => {}
            }
        }
        items
    }

    fn table(&mut self, aligns: Vec<pulldown_cmark::Alignment>, span: Span) -> Block {
        use pulldown_cmark::Alignment as A;
        let aligns = aligns
            .into_iter()
            .map(|a| match a {
                A::None => Align::None,
                A::Left => Align::Left,
                A::Center => Align::Center,
                A::Right => Align::Right,
            })
            .collect();
        let mut head = Vec::new();
        let mut rows: Vec<Vec<Vec<Inline>>> = Vec::new();
        let mut in_head = false;
        while let Some((event, range)) = self.events.next() {
            match event {
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => rows.push(Vec::new()),
                Event::Start(Tag::TableCell) => {
                    let cell = self.inlines(TagEnd::TableCell, self.span(range));
                    match (in_head, rows.last_mut()) {
                        (true, _) | (false, None) => head.push(cell),
                        (false, Some(row)) => row.push(cell),
                    }
                }
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        Block::Table {
            aligns,
            head,
            rows,
            span,
        }
    }

    /// A run of bare inline events (a tight list item's text) up to the next block event.
    fn inline_run(&mut self, start: usize) -> (Vec<Inline>, usize) {
        self.quoter.reset();
        let mut builder = Builder::inline(self.span(start..start));
        let mut last = start;
        while let Some((event, range)) = self.events.peek().cloned() {
            if !is_inline(&event) {
                break;
            }
            self.events.next();
            last = range.end;
            self.inline_event(event, range, &mut builder);
        }
        (builder.finish_inline(), last)
    }

    /// Inline content up to `End(end)`.
    fn inlines(&mut self, end: TagEnd, span: Span) -> Vec<Inline> {
        if self.inline_depth == 0 {
            self.quoter.reset();
        }
        self.inline_depth += 1;
        let mut builder = Builder::inline(span);
        while let Some((event, range)) = self.events.next() {
            // Beyond the nesting limit an element's start and end go, its content stays.
            if self.inline_depth > MAX_INLINE_NESTING && is_inline_container(&event) {
                match event {
                    Event::Start(_) => {
                        if self.inline_flattened == 0 {
                            self.diags.push(
                                Diagnostic::warning(
                                    self.span(range.clone()),
                                    format!("emphasis, links and the like nest more than {MAX_INLINE_NESTING} deep here; the deeper ones keep their text but not their formatting"),
                                )
                                .with_hint("no reader can follow such nesting: simplify the markup"),
                            );
                        }
                        self.inline_flattened += 1;
                        continue;
                    }
                    Event::End(_) if self.inline_flattened > 0 => {
                        self.inline_flattened -= 1;
                        continue;
                    }
                    _ => {}
                }
            }
            if event == Event::End(end) {
                break;
            }
            self.inline_event(event, range, &mut builder);
        }
        self.inline_depth -= 1;
        builder.finish_inline()
    }

    fn inline_event(&mut self, event: Event, range: Range<usize>, builder: &mut Builder) {
        let span = self.span(range.clone());
        match event {
            Event::Text(t) => match self.quoter.text(self.source, range, &t) {
                Some(mark) => builder.push(Inline::Text(mark.to_string())),
                None => builder.push(Inline::Text(t.into_string())),
            },
            Event::Code(c) => builder.push(Inline::Code(vec![Inline::Text(c.into_string())])),
            Event::InlineMath(m) | Event::DisplayMath(m) => {
                builder.push(Inline::Code(vec![Inline::Text(m.into_string())]))
            }
            Event::SoftBreak => builder.push(Inline::SoftBreak),
            Event::HardBreak => builder.push(Inline::LineBreak),
            Event::InlineHtml(raw) | Event::Html(raw) => {
                builder.feed(&raw, span, self.images, self.diags)
            }
            Event::FootnoteReference(label) => {
                if self.note_refs.contains_key(label.as_ref()) {
                    self.diags.push(
                        Diagnostic::warning(span, format!("footnote `[^{label}]` is referenced again; both marks lead to the same note"))
                            .with_hint("give the second reference a note of its own if it should say something else"),
                    );
                }
                let next = self.note_refs.len();
                let index = *self.note_refs.entry(label.into_string()).or_insert(next);
                builder.push(Inline::NoteRef(index));
            }
            Event::TaskListMarker(done) => builder.push(Inline::Text(if done {
                "☑ ".into()
            } else {
                "☐ ".into()
            })),
            Event::Start(Tag::Emphasis) => {
                builder.push(Inline::Emphasis(self.inlines(TagEnd::Emphasis, span)))
            }
            Event::Start(Tag::Strong) => {
                builder.push(Inline::Strong(self.inlines(TagEnd::Strong, span)))
            }
            Event::Start(Tag::Strikethrough) => builder.push(Inline::Strikethrough(
                self.inlines(TagEnd::Strikethrough, span),
            )),
            Event::Start(Tag::Superscript) => {
                builder.push(Inline::Superscript(self.inlines(TagEnd::Superscript, span)))
            }
            Event::Start(Tag::Subscript) => {
                builder.push(Inline::Subscript(self.inlines(TagEnd::Subscript, span)))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => {
                let content = self.inlines(TagEnd::Link, span);
                let dest = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => dest_url.into_string(),
                };
                builder.push(Inline::Link {
                    target: LinkTarget::Unresolved { dest, span },
                    content,
                });
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let alt = Inline::plain_text(&self.inlines(TagEnd::Image, span));
                match (self.images)(&dest_url, &alt, span, self.diags) {
                    Some(image) => builder.push(Inline::Image {
                        image,
                        alt,
                        title: title.into_string(),
                    }),
                    None => builder.push(Inline::Text(alt)),
                }
            }
            _ => {}
        }
    }

    /// Warns about `[^label]` left as text: a footnote reference whose note is not defined.
    fn check_undefined_notes(&mut self, content: &[Inline], span: Span) {
        for inline in content {
            let Inline::Text(text) = inline else { continue };
            let mut rest = text.as_str();
            while let Some(start) = rest.find("[^") {
                let after = &rest[start + 2..];
                match after.find(']') {
                    Some(end) if end > 0 && !after[..end].contains(char::is_whitespace) => {
                        let label = &after[..end];
                        if !self.note_defs.contains_key(label) {
                            self.diags.push(
                                Diagnostic::warning(span, format!("footnote `[^{label}]` is referenced but never defined; the mark is kept as text"))
                                    .with_hint(format!("add a line `[^{label}]: …` to the chapter")),
                            );
                        }
                        rest = &after[end..];
                    }
                    _ => rest = after,
                }
            }
        }
    }

    /// Orders the notes by first reference and reports undefined and unreferenced ones.
    fn finish_notes(&mut self, blocks: &mut [Block]) -> Vec<(Vec<Block>, Span)> {
        let mut by_index: Vec<(usize, String)> = self
            .note_refs
            .iter()
            .map(|(l, &i)| (i, l.clone()))
            .collect();
        by_index.sort();
        let mut notes = Vec::new();
        let mut renumber = vec![None; by_index.len()];
        for (index, label) in &by_index {
            match self.note_defs.remove(label) {
                Some(note) => {
                    renumber[*index] = Some(notes.len());
                    notes.push(note);
                }
                None => {
                    let at = find_note_ref(blocks, *index).unwrap_or(self.span(0..0));
                    self.diags.push(
                        Diagnostic::warning(at, format!("footnote `[^{label}]` is referenced but never defined; the mark is kept as text"))
                            .with_hint(format!("add a line `[^{label}]: …` to the chapter")),
                    );
                }
            }
        }
        let mut unreferenced: Vec<_> = std::mem::take(&mut self.note_defs).into_iter().collect();
        unreferenced.sort_by_key(|(_, (_, span))| span.start);
        for (label, note) in unreferenced {
            self.diags.push(
                Diagnostic::warning(note.1, format!("footnote `[^{label}]` is never referenced; it is kept at the end of the chapter's notes"))
                    .with_hint(format!("reference it with `[^{label}]` in the text, or delete it")),
            );
            notes.push(note);
        }
        let labels: Vec<String> = by_index.into_iter().map(|(_, l)| l).collect();
        for block in blocks.iter_mut() {
            super::walk::inlines_mut(block, &mut |content| {
                renumber_refs(content, &renumber, &labels)
            });
        }
        for (note_blocks, _) in &mut notes {
            for block in note_blocks.iter_mut() {
                super::walk::inlines_mut(block, &mut |content| {
                    renumber_refs(content, &renumber, &labels)
                });
            }
        }
        notes
    }
}

fn renumber_refs(content: &mut [Inline], renumber: &[Option<usize>], labels: &[String]) {
    for inline in content.iter_mut() {
        if let Inline::NoteRef(i) = inline {
            *inline = match renumber.get(*i).copied().flatten() {
                Some(n) => Inline::NoteRef(n),
                None => Inline::Text(format!("[^{}]", labels.get(*i).map_or("", String::as_str))),
            };
        }
    }
}

fn find_note_ref(blocks: &mut [Block], index: usize) -> Option<Span> {
    let mut found = None;
    for block in blocks.iter_mut() {
        let span = block.span();
        super::walk::inlines_mut(block, &mut |content| {
            if found.is_none() && content.contains(&Inline::NoteRef(index)) {
                found = Some(span);
            }
        });
    }
    found
}

/// A paragraph, or a figure when it holds one image and nothing else (the image may be
/// inside a link: a figure that links somewhere).
fn paragraph_or_figure(content: Vec<Inline>, span: Span) -> Block {
    fn visible(content: &[Inline]) -> Vec<&Inline> {
        (content.iter())
            .filter(|i| {
                !matches!(i, Inline::Text(t) if t.trim().is_empty())
                    && !matches!(i, Inline::SoftBreak)
            })
            .collect()
    }
    let found = match visible(&content).as_slice() {
        [Inline::Image { image, alt, title }] => Some((*image, alt, title, None)),
        [Inline::Link { target, content }] => match visible(content).as_slice() {
            [Inline::Image { image, alt, title }] => {
                Some((*image, alt, title, Some(target.clone())))
            }
            _ => None,
        },
        _ => None,
    }
    .map(|(image, alt, title, link)| (image, alt.clone(), title.clone(), link));
    let Some((image, alt, title, link)) = found else {
        return Block::Paragraph { content, span };
    };
    let caption = if title.is_empty() {
        Vec::new()
    } else {
        vec![Inline::Text(title)]
    };
    Block::Figure {
        image,
        alt,
        caption,
        link,
        span,
    }
}

/// mdBook's heading ids: lower-case letters, digits, `-` and `_`; spaces become `-`.
pub fn slug(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_lowercase().next().unwrap_or(c))
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}
