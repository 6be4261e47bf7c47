//! A chapter's blocks → a vertical list of elements (lines, spaces, images, anchors) with the
//! rules for where a page may break between them.

use super::font::Style;
use super::page::TextRun;
use super::paragraph::{Align, Format, Layout, Line, Setter, Text};
use crate::diag::{Diagnostic, Span};
use crate::doc::{Block, Book, Chapter, Image, ImageFormat, Inline, LinkTarget, ListItem};
use crate::units::{Em, Pt};

/// One element of the vertical list.
#[derive(Clone, Debug)]
pub enum Element {
    /// A line of text.
    Line {
        /// The set line (runs relative to the start of the measure, baseline at y = 0).
        line: Line,
        /// Left edge of the measure, from the text block's left edge.
        x: Pt,
        /// Vertical space the line takes.
        height: Pt,
        /// Baseline, from the top of that space.
        baseline: Pt,
        /// No page break may follow.
        keep_with_next: bool,
    },
    /// Vertical space; dropped at the top of a page when discardable.
    Space {
        /// How much.
        height: Pt,
        /// Whether it vanishes at a page top.
        is_discardable: bool,
        /// No page break may follow.
        keep_with_next: bool,
    },
    /// Moves down to the next line of the baseline grid.
    SnapToGrid,
    /// An image.
    Image {
        /// Index into the book's images.
        image: usize,
        /// Left edge, from the text block's left edge.
        x: Pt,
        /// Size.
        width: Pt,
        /// Size.
        height: Pt,
        /// No page break may follow.
        keep_with_next: bool,
    },
    /// A link target at this point.
    Anchor(String),
    /// Ends the page; `recto` asks for the next chapter to begin on a right-hand page.
    PageBreak {
        /// Start on a right-hand page.
        recto: bool,
    },
    /// A chapter begins: running heads change and the opening page has none.
    ChapterStart {
        /// Title for running heads.
        title: String,
    },
}

impl Element {
    /// Whether a page break may follow this element.
    pub fn allows_break_after(&self) -> bool {
        match self {
            Element::Line { keep_with_next, .. }
            | Element::Space { keep_with_next, .. }
            | Element::Image { keep_with_next, .. } => !keep_with_next,
            Element::SnapToGrid | Element::PageBreak { .. } => true,
            Element::Anchor(_) | Element::ChapterStart { .. } => false,
        }
    }
}

/// A justified paragraph as set, kept so that page building can set it again one line
/// longer or shorter (TeX's `\looseness`) to fill a page.
#[derive(Clone, Debug)]
pub struct Paragraph {
    /// The text.
    pub text: Text,
    /// How it was set (`looseness` 0).
    pub layout: Layout,
    /// Left edge of its measure.
    pub x: Pt,
    /// Its leading.
    pub leading: Pt,
    /// Index of its first line in the vertical list.
    pub start: usize,
    /// How many lines it has.
    pub lines: usize,
}

/// The elements of a paragraph's lines: no page break after the first line (orphan) or
/// before the last (widow).
pub fn paragraph_elements(lines: Vec<Line>, x: Pt, leading: Pt, size: Pt) -> Vec<Element> {
    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(k, line)| Element::Line {
            line,
            x,
            height: leading,
            baseline: size,
            keep_with_next: n >= 2 && (k == 0 || k + 2 == n),
        })
        .collect()
}

/// Where links lead, before pages are known: an anchor name or a web address.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkGoal {
    /// An `Element::Anchor` name.
    Anchor(String),
    /// A URI.
    Uri(String),
}

/// The anchor name of the top of chapter `index`.
pub fn chapter_anchor(index: usize) -> String {
    format!("\u{0}chapter-{index}")
}

/// Measures of the text block and type, for a flow.
#[derive(Clone, Copy, Debug)]
pub struct Measures {
    /// Width of the text block.
    pub width: Pt,
    /// Height of the text block.
    pub height: Pt,
    /// Body type size.
    pub size: Pt,
    /// Body leading (the baseline grid).
    pub leading: Pt,
}

/// Builds the vertical list of the book's chapters.
pub struct Flow<'s, 'f> {
    setter: &'s mut Setter<'f>,
    m: Measures,
    /// The elements so far.
    pub elements: Vec<Element>,
    /// Link goals; `Format::link` indexes this.
    pub links: Vec<LinkGoal>,
    /// Problems found.
    pub diags: Vec<Diagnostic>,
    /// The justified paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    chapter_anchor_ids: Vec<Option<String>>,
    note_ids: Vec<String>,
    recto_chapters: bool,
    images: &'s [Image],
    /// Inside a code block: line breaks and tabs are kept, code is not scaled down.
    in_code: bool,
}

impl<'s, 'f> Flow<'s, 'f> {
    /// A new, empty flow.
    pub fn new(
        setter: &'s mut Setter<'f>,
        m: Measures,
        book: &'s Book,
        recto_chapters: bool,
    ) -> Self {
        let chapter_anchor_ids = book.chapters.iter().map(|c| c.anchor.clone()).collect();
        Flow {
            setter,
            m,
            elements: Vec::new(),
            links: Vec::new(),
            diags: Vec::new(),
            paragraphs: Vec::new(),
            chapter_anchor_ids,
            note_ids: Vec::new(),
            recto_chapters,
            images: &book.images,
            in_code: false,
        }
    }

    /// Adds a chapter: a new page, a sunk title, the text, then its notes.
    pub fn chapter(&mut self, index: usize, chapter: &Chapter) {
        self.note_ids = chapter.notes.iter().map(|n| n.id.clone()).collect();
        self.elements.push(Element::PageBreak {
            recto: self.recto_chapters,
        });
        self.elements.push(Element::ChapterStart {
            title: Inline::plain_text(&chapter.title),
        });
        self.elements.push(Element::Anchor(chapter_anchor(index)));
        // Sink the opening: a quarter of the text block, on the grid.
        let sink = self.grid_lines((self.m.height * 0.22) / self.m.leading);
        self.elements.push(Element::Space {
            height: sink,
            is_discardable: false,
            keep_with_next: true,
        });
        let mut first = true;
        let mut after_heading = true;
        for block in &chapter.blocks {
            if first && chapter.is_part {
                if let Block::Heading { id, content, .. } = block {
                    self.elements.push(Element::Anchor(id.clone()));
                    self.display(content, 2.2, Style::Regular, Align::Center);
                }
                first = false;
                continue;
            }
            if first
                && let Block::Heading {
                    level, id, content, ..
                } = block
                && *level <= 2
            {
                self.elements.push(Element::Anchor(id.clone()));
                self.chapter_title(chapter, content);
                first = false;
                after_heading = true;
                continue;
            }
            first = false;
            self.block(block, 0, Pt::new(0.0), &mut after_heading);
        }
        self.notes(chapter);
    }

    fn grid_lines(&self, lines: f64) -> Pt {
        self.m.leading * lines.round().max(1.0)
    }

    fn chapter_title(&mut self, chapter: &Chapter, content: &[Inline]) {
        if let Some(number) = chapter.number.as_ref().filter(|n| n.len() == 1) {
            let label = format!("Chapter {}", number[0]);
            let mut text = Text::default();
            text.push(&label, Format::plain(Style::Italic));
            self.set_lines(&text, 1.1, Align::Center, Pt::new(0.0), self.m.width, true);
            self.elements.push(Element::Space {
                height: self.m.leading * 0.5,
                is_discardable: false,
                keep_with_next: true,
            });
        }
        self.display(content, 1.9, Style::Regular, Align::Center);
        self.elements.push(Element::Space {
            height: self.m.leading * 2.0,
            is_discardable: true,
            keep_with_next: true,
        });
        self.elements.push(Element::SnapToGrid);
    }

    /// A display line (titles): larger type, centred, lines kept together.
    fn display(&mut self, content: &[Inline], scale: f64, style: Style, align: Align) {
        let text = self.text(content, style);
        self.set_lines(&text, scale, align, Pt::new(0.0), self.m.width, true);
    }

    /// Sets `text` at `scale` × the body size and adds its lines.
    fn set_lines(
        &mut self,
        text: &Text,
        scale: f64,
        align: Align,
        x: Pt,
        measure: Pt,
        keep_all: bool,
    ) -> usize {
        let size = self.m.size * scale;
        let layout = Layout {
            size,
            measure,
            indent: Pt::new(0.0),
            align,
            looseness: 0,
        };
        let set = self.setter.set(text, &layout);
        let leading = if scale > 1.0 {
            size * 1.2
        } else {
            self.m.leading * scale
        };
        let n = set.lines.len();
        for (k, line) in set.lines.into_iter().enumerate() {
            self.elements.push(Element::Line {
                line,
                x,
                height: leading,
                baseline: size,
                keep_with_next: keep_all || k + 1 < n,
            });
        }
        n
    }

    fn block(&mut self, block: &Block, depth: usize, indent: Pt, after_heading: &mut bool) {
        let width = self.m.width - indent;
        match block {
            Block::Heading {
                level, id, content, ..
            } => {
                self.elements.push(Element::SnapToGrid);
                self.elements.push(Element::Space {
                    height: self.m.leading,
                    is_discardable: true,
                    keep_with_next: false,
                });
                self.elements.push(Element::Anchor(id.clone()));
                let (scale, style) = match level {
                    1 | 2 => (1.25, Style::Regular),
                    3 => (1.1, Style::Italic),
                    _ => (1.0, Style::Bold),
                };
                let text = self.text(content, style);
                let align = if *level <= 2 {
                    Align::Center
                } else {
                    Align::Left
                };
                self.set_lines(&text, scale, align, indent, width, true);
                self.elements.push(Element::SnapToGrid);
                self.keep_last();
                *after_heading = true;
            }
            Block::Paragraph { content, span } => {
                if !Inline::is_visible(content) {
                    for inline in content {
                        if let Inline::Anchor(id) = inline {
                            self.elements.push(Element::Anchor(id.clone()));
                        }
                    }
                    return;
                }
                let text = self.text(content, Style::Regular);
                let para_indent = if *after_heading || depth > 0 && self.last_was_space() {
                    Pt::new(0.0)
                } else {
                    Em::new(1.0).at(self.m.size)
                };
                self.paragraph(&text, para_indent, indent, width, Align::Justify, *span);
                *after_heading = false;
            }
            Block::Quote { blocks, .. } => {
                self.gap(0.5);
                let inset = Em::new(1.5).at(self.m.size);
                let saved = self.m;
                self.m.size = saved.size * 0.92;
                self.m.leading = saved.leading * 0.92;
                self.m.width = saved.width - inset;
                let mut first = true;
                for b in blocks {
                    self.block(b, depth + 1, indent + inset, &mut first);
                }
                self.m = saved;
                self.gap(0.5);
                self.elements.push(Element::SnapToGrid);
                *after_heading = true;
            }
            Block::List { start, items, .. } => self.list(*start, items, depth, indent),
            Block::Code { content, .. } => {
                self.code(content, indent, width);
                *after_heading = true;
            }
            Block::Table {
                head, rows, span, ..
            } => {
                self.diags.push(
                    Diagnostic::warning(*span, "tables are set as plain rows in the PDF for now")
                        .with_hint("the EPUB has the full table; typeset tables come with the book-furniture release"),
                );
                self.gap(0.5);
                for (r, row) in std::iter::once(head).chain(rows.iter()).enumerate() {
                    let mut text = Text::default();
                    for (c, cell) in row.iter().enumerate() {
                        if c > 0 {
                            text.push("  ·  ", Format::plain(Style::Regular));
                        }
                        let style = if r == 0 { Style::Bold } else { Style::Regular };
                        self.push_inlines(&mut text, cell, style, None);
                    }
                    if !text.is_blank() {
                        let saved = self.m;
                        self.m.size = saved.size * 0.9;
                        self.m.leading = saved.leading * 0.9;
                        self.paragraph(&text, Pt::new(0.0), indent, width, Align::Left, *span);
                        self.m = saved;
                    }
                }
                self.gap(0.5);
                self.elements.push(Element::SnapToGrid);
                *after_heading = true;
            }
            Block::Figure {
                image,
                alt,
                caption,
                span,
            } => {
                self.figure(*image, alt, caption, indent, width, *span);
                *after_heading = true;
            }
            Block::SceneBreak { .. } => {
                self.elements.push(Element::SnapToGrid);
                let mut text = Text::default();
                text.push("*\u{2003}*\u{2003}*", Format::plain(Style::Regular));
                self.gap(0.5);
                self.set_lines(&text, 1.0, Align::Center, indent, width, false);
                self.gap(0.5);
                self.elements.push(Element::SnapToGrid);
                *after_heading = true;
            }
        }
    }

    /// Vertical space of `lines` body lines that vanishes at the top of a page.
    fn gap(&mut self, lines: f64) {
        self.elements.push(Element::Space {
            height: self.m.leading * lines,
            is_discardable: true,
            keep_with_next: false,
        });
    }

    fn last_was_space(&self) -> bool {
        matches!(
            self.elements.last(),
            Some(Element::Space { .. } | Element::SnapToGrid)
        )
    }

    /// Marks the last element so that no page break follows it.
    fn keep_last(&mut self) {
        for element in self.elements.iter_mut().rev() {
            match element {
                Element::Line { keep_with_next, .. }
                | Element::Space { keep_with_next, .. }
                | Element::Image { keep_with_next, .. } => {
                    *keep_with_next = true;
                    return;
                }
                _ => {}
            }
        }
    }

    /// A paragraph with widow and orphan control. Justified ones are recorded so that page
    /// building can set them again one line longer or shorter.
    fn paragraph(
        &mut self,
        text: &Text,
        first_indent: Pt,
        x: Pt,
        measure: Pt,
        align: Align,
        span: Span,
    ) {
        let layout = Layout {
            size: self.m.size,
            measure,
            indent: first_indent,
            align,
            looseness: 0,
        };
        let set = self.setter.set(text, &layout);
        self.report(&set, span);
        if align == Align::Justify {
            let record = Paragraph {
                text: text.clone(),
                layout,
                x,
                leading: self.m.leading,
                start: self.elements.len(),
                lines: set.lines.len(),
            };
            self.paragraphs.push(record);
        }
        self.push_paragraph_lines(set.lines, x);
    }

    fn report(&mut self, set: &super::paragraph::Set, span: Span) {
        if !set.missing.is_empty() {
            let chars: String = set
                .missing
                .iter()
                .map(|c| format!("{c} (U+{:04X}) ", *c as u32))
                .collect();
            self.diags.push(
                Diagnostic::warning(span, format!("no font has {}; they show as empty boxes", chars.trim_end()))
                    .with_hint("name a font that has them with `font-fallback = \"path/to/font.ttf\"` in [output.pdf]"),
            );
        }
        if !set.is_feasible {
            self.diags.push(
                Diagnostic::warning(
                    span,
                    "a line of this paragraph could not be set within the measure",
                )
                .with_hint("a very long word or URL: add a soft hyphen (U+00AD) or rephrase"),
            );
        }
    }

    /// Adds paragraph lines: no page break after the first line (orphan) or before the last
    /// (widow).
    fn push_paragraph_lines(&mut self, lines: Vec<Line>, x: Pt) {
        let elements = paragraph_elements(lines, x, self.m.leading, self.m.size);
        self.elements.extend(elements);
    }

    fn list(&mut self, start: Option<u64>, items: &[ListItem], depth: usize, indent: Pt) {
        let hang = Em::new(1.6).at(self.m.size);
        let inner = indent + hang;
        self.gap(0.25);
        for (n, item) in items.iter().enumerate() {
            let marker = match (start, item.task) {
                (_, Some(true)) => "☑".to_string(),
                (_, Some(false)) => "☐".to_string(),
                (Some(first), None) => format!("{}.", first + n as u64),
                (None, None) => {
                    if depth.is_multiple_of(2) {
                        "•".to_string()
                    } else {
                        "–".to_string()
                    }
                }
            };
            let before = self.elements.len();
            let mut after_heading = true;
            for block in &item.blocks {
                self.block(block, depth + 1, inner, &mut after_heading);
            }
            // Hang the marker before the item's first line.
            let mut text = Text::default();
            text.push(&marker, Format::plain(Style::Regular));
            let layout = Layout {
                size: self.m.size,
                measure: hang,
                indent: Pt::new(0.0),
                align: Align::Left,
                looseness: 0,
            };
            let set = self.setter.set(&text, &layout);
            if let Some(marker_line) = set.lines.into_iter().next() {
                let shift = hang - marker_line.width - Em::new(0.4).at(self.m.size);
                if let Some(Element::Line { line, x, .. }) = self.elements[before..]
                    .iter_mut()
                    .find(|e| matches!(e, Element::Line { .. }))
                {
                    for mut run in marker_line.runs {
                        run.origin.x += shift - hang + (indent - *x + hang);
                        line.runs.insert(0, run);
                    }
                }
            }
        }
        self.gap(0.25);
        self.elements.push(Element::SnapToGrid);
    }

    /// Monospaced, not justified; long lines wrap with a continuation mark.
    fn code(&mut self, content: &[Inline], indent: Pt, width: Pt) {
        let size = self.m.size * 0.8;
        let leading = self.m.leading * 0.8;
        let mut all = Text::default();
        self.in_code = true;
        self.push_inlines(&mut all, content, Style::Mono, None);
        self.in_code = false;
        self.gap(0.5);
        let inset = Em::new(0.8).at(self.m.size);
        let lines: Vec<&str> = all.text.split('\n').collect();
        let count = lines.len();
        let mut offset = 0;
        for (k, source_line) in lines.iter().enumerate() {
            let mut text = Text::default();
            // Keep the formats (emphasis in raw `<pre>`) of this line's bytes.
            for (range, format) in &all.formats {
                let from = range.start.max(offset);
                let to = range.end.min(offset + source_line.len());
                if from < to {
                    text.push(&all.text[from..to].replace(' ', "\u{a0}"), *format);
                }
            }
            offset += source_line.len() + 1;
            if text.text.is_empty() {
                text.push("\u{a0}", Format::plain(Style::Mono));
            }
            let pieces = self.wrap_code(&text, size, width - inset * 2.0);
            let n = pieces.len();
            for (p, mut line) in pieces.into_iter().enumerate() {
                if p > 0 {
                    let mut mark = Text::default();
                    mark.push("↪", Format::plain(Style::Mono));
                    let layout = Layout {
                        size: size * 0.8,
                        measure: inset,
                        indent: Pt::new(0.0),
                        align: Align::Left,
                        looseness: 0,
                    };
                    if let Some(m) = self.setter.set(&mark, &layout).lines.into_iter().next() {
                        for mut run in m.runs {
                            run.origin.x -= inset * 0.9;
                            line.runs.push(run);
                        }
                    }
                }
                let keep = (k < 1 || k + 2 >= count || p + 1 < n) && count > 1;
                self.elements.push(Element::Line {
                    line,
                    x: indent + inset,
                    height: leading,
                    baseline: size,
                    keep_with_next: keep,
                });
            }
        }
        self.gap(0.5);
        self.elements.push(Element::SnapToGrid);
    }

    /// Cuts a code line into pieces that fit `measure`, at character boundaries.
    fn wrap_code(&mut self, text: &Text, size: Pt, measure: Pt) -> Vec<Line> {
        let layout = Layout {
            size,
            measure: Pt::new(1e9),
            indent: Pt::new(0.0),
            align: Align::Left,
            looseness: 0,
        };
        let whole = self
            .setter
            .set(text, &layout)
            .lines
            .into_iter()
            .next()
            .unwrap_or_default();
        if measure.fits(whole.width) {
            return vec![whole];
        }
        // Split glyph runs at the measure.
        let mut pieces: Vec<Line> = Vec::new();
        let mut current = Line::default();
        let mut shift = Pt::new(0.0);
        for run in whole.runs {
            let mut piece = TextRun {
                glyphs: Vec::new(),
                ..run.clone()
            };
            piece.origin.x = run.origin.x - shift;
            for glyph in &run.glyphs {
                let x = run.origin.x + glyph.x - shift;
                if x.get() > 0.0 && !measure.fits(x + size * 0.62) {
                    if !piece.glyphs.is_empty() {
                        current.runs.push(piece.clone());
                    }
                    pieces.push(std::mem::take(&mut current));
                    shift += x;
                    piece = TextRun {
                        glyphs: Vec::new(),
                        ..run.clone()
                    };
                    piece.origin.x = run.origin.x - shift;
                }
                piece.glyphs.push(glyph.clone());
            }
            if !piece.glyphs.is_empty() {
                current.runs.push(piece);
            }
        }
        pieces.push(current);
        pieces
    }

    /// An image scaled to the measure (never beyond a page), then its caption.
    fn figure(
        &mut self,
        image: usize,
        alt: &str,
        caption: &[Inline],
        indent: Pt,
        width: Pt,
        span: Span,
    ) {
        let Some(info) = self.images.get(image) else {
            return;
        };
        // The natural size: SVG's own, raster images at 150 dpi (with their pixels, to warn
        // below 300 dpi).
        let natural = match (info.format, info.pixels) {
            (ImageFormat::Svg, _) => crate::svg::size(&info.bytes).map(|size| (size, None)),
            (_, Some((w, h))) => {
                let at_150 = |px: u32| Pt::new(f64::from(px) * 72.0 / 150.0);
                Ok(((at_150(w), at_150(h)), Some(w)))
            }
            (_, None) => Err("its size is unknown".into()),
        };
        let natural = match natural {
            Ok(natural) => Some(natural),
            Err(reason) => {
                self.diags.push(
                    Diagnostic::warning(
                        span,
                        format!(
                            "image `{}` cannot be drawn ({reason}); its description is shown",
                            info.path
                        ),
                    )
                    .with_hint("check that the file opens in an image viewer or browser"),
                );
                let mut text = Text::default();
                text.push(&format!("[{alt}]"), Format::plain(Style::Italic));
                self.set_lines(&text, 0.9, Align::Center, indent, width, false);
                None
            }
        };
        if let Some(((natural_w, natural_h), pixels)) = natural {
            // Scaled down to the measure and 60% of the page.
            let mut draw_w = if width.fits(natural_w) {
                natural_w
            } else {
                width
            };
            let mut draw_h = draw_w * (natural_h / natural_w);
            let max_h = self.m.height * 0.6;
            if !max_h.fits(draw_h) {
                draw_w = draw_w * (max_h / draw_h);
                draw_h = max_h;
            }
            let dpi = pixels.map_or(f64::INFINITY, |w| f64::from(w) / (draw_w.get() / 72.0));
            if dpi < 300.0 {
                self.diags.push(
                    Diagnostic::warning(
                        span,
                        format!(
                            "image `{}` prints at {dpi:.0} dpi; print wants 300",
                            info.path
                        ),
                    )
                    .with_hint(format!(
                        "supply at least {} pixels of width for this size",
                        (draw_w.get() / 72.0 * 300.0).ceil()
                    )),
                );
            }
            self.elements.push(Element::SnapToGrid);
            self.gap(0.5);
            self.elements.push(Element::Image {
                image,
                x: indent + (width - draw_w) * 0.5,
                width: draw_w,
                height: draw_h,
                keep_with_next: !caption.is_empty(),
            });
        }
        if !caption.is_empty() {
            let text = self.text(caption, Style::Italic);
            self.elements.push(Element::Space {
                height: self.m.leading * 0.3,
                is_discardable: false,
                keep_with_next: true,
            });
            self.set_lines(&text, 0.9, Align::Center, indent, width, false);
        }
        self.gap(0.5);
        self.elements.push(Element::SnapToGrid);
    }

    /// The chapter's footnotes as notes at its end (until footnotes go to the page foot).
    fn notes(&mut self, chapter: &Chapter) {
        if chapter.notes.is_empty() {
            return;
        }
        self.elements.push(Element::SnapToGrid);
        self.elements.push(Element::Space {
            height: self.m.leading,
            is_discardable: true,
            keep_with_next: false,
        });
        let mut heading = Text::default();
        heading.push("Notes", Format::plain(Style::Italic));
        self.set_lines(&heading, 1.0, Align::Left, Pt::new(0.0), self.m.width, true);
        let saved = self.m;
        self.m.size = saved.size * 0.85;
        self.m.leading = saved.leading * 0.85;
        for (n, note) in chapter.notes.iter().enumerate() {
            self.elements.push(Element::Anchor(note.id.clone()));
            let mut first = true;
            for block in &note.blocks {
                if first && let Block::Paragraph { content, span } = block {
                    let mut text = Text::default();
                    text.push(&format!("{}. ", n + 1), Format::plain(Style::Regular));
                    self.push_inlines(&mut text, content, Style::Regular, None);
                    self.paragraph(
                        &text,
                        Pt::new(0.0),
                        Pt::new(0.0),
                        self.m.width,
                        Align::Justify,
                        *span,
                    );
                    first = false;
                    continue;
                }
                let mut after = true;
                self.block(block, 1, Pt::new(0.0), &mut after);
                first = false;
            }
        }
        self.m = saved;
        self.elements.push(Element::SnapToGrid);
    }

    /// Inline content as styled text.
    fn text(&mut self, content: &[Inline], style: Style) -> Text {
        let mut text = Text::default();
        self.push_inlines(&mut text, content, style, None);
        text
    }

    fn push_inlines(
        &mut self,
        text: &mut Text,
        content: &[Inline],
        style: Style,
        link: Option<usize>,
    ) {
        let format = |style| Format {
            link,
            ..Format::plain(style)
        };
        for inline in content {
            match inline {
                Inline::Text(t) if self.in_code => {
                    text.push(&t.replace('\t', "    "), format(style))
                }
                Inline::Text(t) => text.push(&t.replace(['\n', '\t'], " "), format(style)),
                Inline::Emphasis(c) => self.push_inlines(text, c, style.toggle_italic(), link),
                Inline::Strong(c) => self.push_inlines(text, c, style.bold(), link),
                Inline::Strikethrough(c) | Inline::Keyboard(c) => {
                    self.push_inlines(text, c, style, link)
                }
                Inline::Superscript(c) | Inline::Subscript(c) => {
                    let rise = if matches!(inline, Inline::Superscript(_)) {
                        0.33
                    } else {
                        -0.15
                    };
                    let mut inner = Text::default();
                    self.push_inlines(&mut inner, c, style, link);
                    for (range, f) in inner.formats {
                        text.push(
                            &inner.text[range],
                            Format {
                                scale: 0.7,
                                rise: Em::new(rise),
                                ..f
                            },
                        );
                    }
                }
                Inline::Code(c) if self.in_code => self.push_inlines(text, c, Style::Mono, link),
                Inline::Code(c) => {
                    // DejaVu Sans Mono looks larger than EB Garamond at one size: code in
                    // running text is set a little smaller to match.
                    let mut inner = Text::default();
                    self.push_inlines(&mut inner, c, Style::Mono, link);
                    for (range, f) in inner.formats {
                        text.push(
                            &inner.text[range],
                            Format {
                                scale: f.scale * 0.86,
                                ..f
                            },
                        );
                    }
                }
                Inline::Link { target, content } => {
                    let goal = match target {
                        LinkTarget::External(url) => Some(LinkGoal::Uri(url.clone())),
                        LinkTarget::Internal { chapter, id } => Some(LinkGoal::Anchor(match id {
                            Some(id) => id.clone(),
                            None => self
                                .chapter_anchor_ids
                                .get(*chapter)
                                .cloned()
                                .flatten()
                                .unwrap_or_else(|| chapter_anchor(*chapter)),
                        })),
                        LinkTarget::Unresolved { .. } => None,
                    };
                    let index = goal.map(|g| {
                        self.links.push(g);
                        self.links.len() - 1
                    });
                    self.push_inlines(text, content, style, index.or(link));
                }
                Inline::Image { alt, .. } => text.push(alt, format(style.toggle_italic())),
                Inline::NoteRef(n) => {
                    let goal = self.note_goal(*n);
                    self.links.push(goal);
                    let index = self.links.len() - 1;
                    text.push(
                        &(n + 1).to_string(),
                        Format {
                            scale: 0.7,
                            rise: Em::new(0.33),
                            link: Some(index),
                            ..Format::plain(Style::Regular)
                        },
                    );
                }
                Inline::Anchor(_) => {}
                Inline::LineBreak => text.push("\n", format(style)),
                Inline::SoftBreak => text.push(" ", format(style)),
            }
        }
    }

    fn note_goal(&self, n: usize) -> LinkGoal {
        LinkGoal::Anchor(self.note_ids.get(n).cloned().unwrap_or_default())
    }
}
