//! The pages that are not flow: half-title, title, copyright, dedication, epigraph and the
//! table of contents, and each page's running head and folio.

use super::design::Measures;
use super::page::{Glyph, Page, PageLabel, Placed, Point, Rect, TextRun};
use super::text::Style;
use super::text::{Align, Format, Layout, Setter, Text};
use crate::doc::{Book, Identifier, Label, Matter, Metadata, PageSetup};
use crate::units::{Em, Pt};

/// The number column of a top-level entry in the contents, at least.
const TOC_NUMBER_COLUMN: Em = Em::new(1.8);
/// The number column of a nested entry ("2.1"), at least.
const TOC_SUB_NUMBER_COLUMN: Em = Em::new(2.4);
/// Space between the widest number of a depth and the titles.
const TOC_NUMBER_GAP: Em = Em::new(0.6);

/// One line of the table of contents.
#[derive(Clone, Debug, PartialEq)]
pub struct TocEntry {
    /// The chapter's index in the book.
    pub chapter: usize,
    /// Nesting depth (0 for top-level chapters).
    pub depth: usize,
    /// The number shown before the title (`3`, `2.1`), if any.
    pub number: Option<String>,
    /// The title.
    pub title: String,
    /// Whether this is a part title (no page of its own in the count; set apart).
    pub is_part: bool,
    /// The label of the page the chapter starts on.
    pub label: PageLabel,
}

/// A link area on a generated page and the chapter it leads to.
pub type ChapterLink = (usize, Rect, usize);

/// Builds the generated pages and the furniture of flow pages.
pub struct PageBuilder<'a, 's, 'f> {
    /// Page geometry.
    pub setup: &'a PageSetup,
    /// Text block and type.
    pub m: Measures,
    /// The paragraph setter.
    pub setter: &'s mut Setter<'f>,
    /// The pages made so far.
    pub pages: Vec<Page>,
    /// Links from generated pages to chapters: (page index, area, chapter index).
    pub chapter_links: Vec<ChapterLink>,
}

impl<'a, 's, 'f> PageBuilder<'a, 's, 'f> {
    /// A builder with no pages made yet.
    pub fn new(setup: &'a PageSetup, m: Measures, setter: &'s mut Setter<'f>) -> Self {
        PageBuilder {
            setup,
            m,
            setter,
            pages: Vec::new(),
            chapter_links: Vec::new(),
        }
    }

    /// The top-left corner of the text block of physical page `index` (0 is a recto).
    pub fn text_origin(&self, index: usize) -> (Pt, Pt) {
        super::place::text_origin(self.setup, index.is_multiple_of(2))
    }

    /// The front matter, from the book's metadata: half-title, title, copyright, dedication,
    /// epigraph and contents, each opening on a right-hand page, in roman numerals. The
    /// contents show `toc` (whose labels are those of the final pages).
    pub fn front_matter(&mut self, book: &Book, toc: &[TocEntry]) {
        self.half_title(book);
        self.blank();
        self.title_page(book);
        self.copyright_page(book);
        if let Some(dedication) = &book.metadata.dedication {
            self.dedication(dedication);
            self.blank();
        }
        if let Some(epigraph) = &book.metadata.epigraph {
            self.epigraph(epigraph, book.metadata.epigraph_source.as_deref());
            self.blank();
        }
        if !toc.is_empty() {
            self.contents(toc, book.metadata.labels.get(Label::Contents));
            if !self.pages.len().is_multiple_of(2) {
                self.blank();
            }
        }
    }

    /// A new page, numbered in the front matter's roman numerals.
    fn new_page(&self) -> Page {
        Page {
            label: PageLabel::Roman(self.pages.len() as u32 + 1),
            ..Page::default()
        }
    }

    /// An empty page (the back of a page that must stand alone).
    pub fn blank(&mut self) {
        let page = self.new_page();
        self.pages.push(page);
    }

    /// Sets `text` at `size`, aligned in the measure, the first baseline at `y`; returns
    /// the y below the last line.
    #[allow(
        clippy::too_many_arguments,
        reason = "a line's text, face, size, alignment and place, all needed"
    )]
    pub fn line(
        &mut self,
        page: &mut Page,
        index: usize,
        text: &str,
        style: Style,
        size: Pt,
        align: Align,
        y: Pt,
    ) -> Pt {
        let mut t = Text::default();
        t.push(text, Format::plain(style));
        self.text(page, index, &t, size, align, Pt::new(0.0), self.m.width, y)
    }

    /// Sets `text` at `size` in a measure from `x` (in the text block), the first
    /// baseline at `y`; returns the y below the last line.
    #[allow(
        clippy::too_many_arguments,
        reason = "a paragraph's text, size, alignment and place, all needed"
    )]
    fn text(
        &mut self,
        page: &mut Page,
        index: usize,
        text: &Text,
        size: Pt,
        align: Align,
        x: Pt,
        measure: Pt,
        y: Pt,
    ) -> Pt {
        let layout = Layout::aligned(size, measure, align);
        let set = self.setter.set(text, &layout);
        let (left, _) = self.text_origin(index);
        let mut y = y;
        for line in set.lines {
            let x = line.start_in(x, self.m.width);
            for mut run in line.runs {
                run.origin = Point {
                    x: left + x + run.origin.x,
                    y: y + run.origin.y,
                };
                page.items.push(Placed::Text(run));
            }
            y += size * 1.25;
        }
        y
    }

    /// The width `text` takes on one line at `size`.
    pub(super) fn width_of(&mut self, text: &str, style: Style, size: Pt) -> Pt {
        let mut t = Text::default();
        t.push(text, Format::plain(style));
        let layout = Layout::aligned(size, Pt::new(1e6), Align::Left);
        self.setter
            .set(&t, &layout)
            .lines
            .first()
            .map_or(Pt::new(0.0), |l| l.width)
    }

    fn half_title(&mut self, book: &Book) {
        let mut page = self.new_page();
        let index = self.pages.len();
        let (_, top) = self.text_origin(index);
        let y = top + self.m.height * 0.3;
        let size = self.m.size * 1.4;
        self.line(
            &mut page,
            index,
            &book.metadata.title,
            Style::Regular,
            size,
            Align::Center,
            y,
        );
        self.pages.push(page);
    }

    fn title_page(&mut self, book: &Book) {
        let meta = &book.metadata;
        let mut page = self.new_page();
        let index = self.pages.len();
        let (_, top) = self.text_origin(index);
        let mut y = top + self.m.height * 0.25;
        y = self.line(
            &mut page,
            index,
            &meta.title,
            Style::Regular,
            self.m.size * 2.2,
            Align::Center,
            y,
        );
        if let Some(subtitle) = &meta.subtitle {
            y = self.line(
                &mut page,
                index,
                subtitle,
                Style::Italic,
                self.m.size * 1.4,
                Align::Center,
                y + self.m.leading * 0.5,
            );
        }
        y += self.m.leading * 3.0;
        for author in &meta.authors {
            y = self.line(
                &mut page,
                index,
                author,
                Style::Regular,
                self.m.size * 1.3,
                Align::Center,
                y,
            );
        }
        if let Some(publisher) = &meta.publisher {
            self.line(
                &mut page,
                index,
                publisher,
                Style::Italic,
                self.m.size,
                Align::Center,
                top + self.m.height - self.m.leading,
            );
        }
        self.pages.push(page);
    }

    fn copyright_page(&mut self, book: &Book) {
        let lines = copyright_lines(&book.metadata);
        let mut page = self.new_page();
        let index = self.pages.len();
        let size = self.m.size * 0.85;
        let (_, top) = self.text_origin(index);
        let mut y = top + self.m.height - size * 1.25 * lines.len() as f64 * 1.4;
        for text in lines {
            y = self.line(
                &mut page,
                index,
                &text,
                Style::Regular,
                size,
                Align::Left,
                y,
            ) + size * 0.4;
        }
        self.pages.push(page);
    }

    fn dedication(&mut self, dedication: &str) {
        let mut page = self.new_page();
        let index = self.pages.len();
        let (_, top) = self.text_origin(index);
        let mut y = top + self.m.height * 0.3;
        for paragraph in paragraphs(dedication) {
            y = self.line(
                &mut page,
                index,
                &paragraph,
                Style::Italic,
                self.m.size,
                Align::Center,
                y,
            ) + self.m.leading * 0.5;
        }
        self.pages.push(page);
    }

    fn epigraph(&mut self, epigraph: &str, source: Option<&str>) {
        let mut page = self.new_page();
        let index = self.pages.len();
        let (_, top) = self.text_origin(index);
        let mut y = top + self.m.height * 0.25;
        let inset = self.m.width * 0.2;
        let measure = self.m.width - inset * 2.0;
        for paragraph in paragraphs(epigraph) {
            let mut text = Text::default();
            text.push(&paragraph, Format::plain(Style::Italic));
            y = self.text(
                &mut page,
                index,
                &text,
                self.m.size,
                Align::Left,
                inset,
                measure,
                y,
            ) + self.m.leading * 0.3;
        }
        if let Some(source) = source {
            let mut text = Text::default();
            text.push(&format!("\u{2014}{source}"), Format::plain(Style::Regular));
            self.text(
                &mut page,
                index,
                &text,
                self.m.size,
                Align::Right,
                inset,
                measure,
                y + self.m.leading * 0.5,
            );
        }
        self.pages.push(page);
    }

    /// The table of contents under `title`: the chapters with their numbers, dot leaders and
    /// the labels of the pages they start on, each entry a link to its chapter.
    fn contents(&mut self, toc: &[TocEntry], title: &str) {
        if !self.pages.len().is_multiple_of(2) {
            self.blank();
        }
        let mut page = self.new_page();
        let mut index = self.pages.len();
        let (_, top) = self.text_origin(index);
        let sink = self.m.leading * ((self.m.height * 0.22) / self.m.leading).round();
        let mut y = self.line(
            &mut page,
            index,
            title,
            Style::Regular,
            self.m.size * 1.9,
            Align::Center,
            top + sink,
        ) + self.m.leading * 1.5;
        let size = self.m.size;
        let leading = self.m.leading;
        let label_column = Em::new(2.5).at(size);
        let number_columns = self.number_columns(toc);
        for entry in toc {
            let gap_before = if entry.is_part {
                leading * 0.7
            } else {
                Pt::new(0.0)
            };
            // The entry's lines must fit above the foot of the text block.
            if !(top + self.m.height).fits(y + gap_before + size) {
                self.pages.push(std::mem::take(&mut page));
                page = self.new_page();
                index = self.pages.len();
                y = top + size;
            }
            y += gap_before;
            let indent = Em::new(1.5).at(size) * entry.depth as f64;
            let number_column = number_columns[entry.depth];
            let style = toc_style(entry);
            let title_x = indent
                + if entry.number.is_some() {
                    number_column
                } else {
                    Pt::new(0.0)
                };
            if let Some(number) = &entry.number {
                let mut t = Text::default();
                t.push(number, Format::plain(style));
                self.text(
                    &mut page,
                    index,
                    &t,
                    size,
                    Align::Left,
                    indent,
                    number_column,
                    y,
                );
            }
            let measure = self.m.width - title_x - label_column;
            let mut t = Text::default();
            t.push(&entry.title, Format::plain(style));
            let layout = Layout::aligned(size, measure, Align::Left);
            let set = self.setter.set(&t, &layout);
            let (left, _) = self.text_origin(index);
            let first_y = y;
            let n = set.lines.len();
            let mut last_width = Pt::new(0.0);
            for (k, line) in set.lines.into_iter().enumerate() {
                if k + 1 == n {
                    last_width = line.width;
                }
                let x = line.start_in(title_x, self.m.width);
                for mut run in line.runs {
                    run.origin = Point {
                        x: left + x + run.origin.x,
                        y: y + run.origin.y,
                    };
                    page.items.push(Placed::Text(run));
                }
                if k + 1 < n {
                    y += leading;
                }
            }
            let label = entry.label.to_string();
            let title_end = title_x + last_width;
            self.leaders_and_label(&mut page, index, &label, title_end, y);
            let rect = Rect {
                origin: Point {
                    x: left
                        + if self.setup.right_to_left {
                            Pt::new(0.0)
                        } else {
                            indent
                        },
                    y: first_y - size * 0.8,
                },
                width: self.m.width - indent,
                height: y - first_y + size * 1.05,
            };
            self.chapter_links.push((index, rect, entry.chapter));
            y += leading;
        }
        self.pages.push(page);
    }

    /// The leaders from the end of an entry's title (`title_end` from the start of the
    /// line) and its page `label` at the end of the line, on the baseline `y`.
    fn leaders_and_label(
        &mut self,
        page: &mut Page,
        index: usize,
        label: &str,
        title_end: Pt,
        y: Pt,
    ) {
        let size = self.m.size;
        let (left, _) = self.text_origin(index);
        let label_width = self.width_of(label, Style::Regular, size);
        let from = title_end + Em::new(0.6).at(size);
        let to = self.m.width - label_width - Em::new(0.6).at(size);
        // Right to left, the title ends at the left and the label is at the left end.
        let (from, to) = if self.setup.right_to_left {
            (self.m.width - to, self.m.width - from)
        } else {
            (from, to)
        };
        if let Some(run) = self.leaders(left, from, to, y, size) {
            page.items.push(Placed::Text(run));
        }
        self.line(page, index, label, Style::Regular, size, Align::Right, y);
    }

    /// The width of the number column at each depth of the contents: the default, or the
    /// widest number at that depth and a gap when that is wider ("10.1.10").
    fn number_columns(&mut self, toc: &[TocEntry]) -> Vec<Pt> {
        let size = self.m.size;
        let depths = toc.iter().map(|e| e.depth + 1).max().unwrap_or(0);
        let mut columns: Vec<Pt> = (0..depths)
            .map(|depth| {
                if depth == 0 {
                    TOC_NUMBER_COLUMN.at(size)
                } else {
                    TOC_SUB_NUMBER_COLUMN.at(size)
                }
            })
            .collect();
        for entry in toc {
            if let Some(number) = &entry.number {
                let needed =
                    self.width_of(number, toc_style(entry), size) + TOC_NUMBER_GAP.at(size);
                columns[entry.depth] = columns[entry.depth].max(needed);
            }
        }
        columns
    }

    /// Dots from `from` to `to` (in the text block) on the baseline `y`, on a grid common
    /// to all lines so that they align down the page.
    fn leaders(&mut self, left: Pt, from: Pt, to: Pt, y: Pt, size: Pt) -> Option<TextRun> {
        let mut dot = Text::default();
        dot.push(".", Format::plain(Style::Regular));
        let layout = Layout::aligned(size, Pt::new(1e6), Align::Left);
        let set = self.setter.set(&dot, &layout);
        let model = set.lines.into_iter().next()?.runs.into_iter().next()?;
        let glyph = model.glyphs.first()?.clone();
        let pitch = Em::new(0.5).at(size);
        let first = (from / pitch).ceil() as i64;
        let last = (to / pitch).floor() as i64;
        if last < first {
            return None;
        }
        let count = (last - first + 1) as usize;
        let glyphs = (0..count)
            .map(|k| Glyph {
                x: pitch * k as f64,
                text: k as u32..k as u32 + 1,
                ..glyph.clone()
            })
            .collect();
        Some(TextRun {
            origin: Point {
                x: left + pitch * first as f64,
                y,
            },
            glyphs,
            text: ".".repeat(count),
            ..model
        })
    }
}

/// The table of contents of `book`: every chapter with its number and the label of the
/// page it starts on (`None` for chapters that were not set).
pub fn toc_entries(book: &Book, labels: &[Option<PageLabel>]) -> Vec<TocEntry> {
    book.chapters
        .iter()
        .enumerate()
        .filter_map(|(index, chapter)| {
            let label = (*labels.get(index)?)?;
            Some(TocEntry {
                chapter: index,
                depth: chapter.depth,
                number: chapter
                    .number
                    .as_ref()
                    .filter(|_| chapter.matter == Matter::Body)
                    .map(|n| n.iter().map(u32::to_string).collect::<Vec<_>>().join(".")),
                title: crate::doc::Inline::plain_text(&chapter.title),
                is_part: chapter.is_part,
                label,
            })
        })
        .collect()
}

/// The lines of the copyright page in the book's language, as the EPUB's copyright page
/// has them: title and authors, rights, publisher, edition, date, series, identifier and
/// the colophon.
fn copyright_lines(meta: &Metadata) -> Vec<String> {
    let labels = &meta.labels;
    let title = match &meta.subtitle {
        Some(s) => format!("{}: {s}", meta.title),
        None => meta.title.clone(),
    };
    let mut lines = vec![labels.title_by(&title, &meta.authors)];
    lines.extend(meta.rights.clone());
    lines.extend(
        (meta.publisher.as_ref()).map(|p| labels.fill(Label::PublishedBy, &[("{publisher}", p)])),
    );
    lines.extend(meta.edition.clone());
    lines
        .extend((meta.date.as_ref()).map(|d| labels.fill(Label::FirstPublished, &[("{date}", d)])));
    lines.extend((meta.series.as_ref()).map(|s| labels.series(s, meta.series_index.as_deref())));
    // A generated identifier (a UUID from the title) is the EPUB's, not one to print.
    if meta.is_identifier_given {
        lines.push(match &meta.identifier {
            Identifier::Isbn(isbn) => format!("ISBN {isbn}"),
            other => labels.fill(Label::Identifier, &[("{id}", &other.uri())]),
        });
    }
    lines.push(labels.get(Label::TypesetWith).to_string());
    lines
}

/// Paragraphs of a plain text, separated by blank lines, each on one line.
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The style of an entry in the contents: parts in italic.
fn toc_style(entry: &TocEntry) -> Style {
    if entry.is_part {
        Style::Italic
    } else {
        Style::Regular
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedication_paragraphs_keep_blank_line_breaks() {
        assert_eq!(
            paragraphs("For Ann,\nwho waited.\n\n  And for Tom.  "),
            vec![
                "For Ann, who waited.".to_string(),
                "And for Tom.".to_string()
            ]
        );
    }
}
