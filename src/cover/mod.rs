//! `doc::Book` + the interior's page count → a one-page `Pages`: the wraparound cover for
//! print on demand, back cover, spine and front cover side by side, with bleed all round.
//!
//! The back carries the description, ragged right, and the ISBN, clear of the 2 × 1.2 in
//! box at its bottom right where KDP prints the barcode. The spine carries title and author,
//! reading top to bottom (as US and UK books do), when it is wide enough. The front is the
//! book's cover image cropped to fill the panel and its bleed, or the title, subtitle and
//! authors set in the book's fonts. Text keeps `SAFE` inside the trim. Pure: no I/O.

pub mod spine;

use crate::diag::{Diagnostic, Span};
use crate::doc::{Book, Identifier, ImageFormat, PageSetup};
use crate::project::metadata::Paper;
use crate::typeset::page::{ImageData, Page, Pages, Placed, Point, Rect, TextRun};
use crate::typeset::text::{Align, Format, Hyphenation, Layout, Line, Setter, Text};
use crate::typeset::text::{FontSet, Style};
use crate::units::Pt;

/// Bleed when the book sets none: the 0.125 in KDP and IngramSpark ask of covers.
const DEFAULT_BLEED: f64 = 0.125;
/// How far text stays inside the trim, in inches: the 0.125 in KDP may cut away, and
/// 0.25 in more so that nothing crowds the edge.
const SAFE: f64 = 0.125 + 0.25;
/// KDP's barcode box on the back cover, in inches: width, height, and its distance from the
/// right and bottom trim edges.
const BARCODE: (f64, f64, f64) = (2.0, 1.2, 0.25);
/// The measure of text set on one line, in points: wider than any cover, yet narrow enough
/// that the paragraph end's fill (100,000 pt of stretch) leaves word spaces as they are
/// (each widens by under 0.05 pt).
const ONE_LINE: f64 = 2000.0;
/// The smallest size the description is set in before it is cut short.
const MIN_BACK_SIZE: f64 = 8.0;

/// What the cover depends on besides the book.
#[derive(Clone, Debug)]
pub struct Options {
    /// Pages of the typeset interior (rounded up to even for the spine).
    pub interior_pages: usize,
    /// The interior paper, which sets the spine's thickness.
    pub paper: Paper,
    /// Where `book.toml` names the cover image, for warnings about it.
    pub cover_span: Option<Span>,
}

/// Where the panels lie on the cover sheet, from its top-left corner (bleed included).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// Trim width of one cover (the interior's).
    pub trim_width: Pt,
    /// Trim height.
    pub trim_height: Pt,
    /// Spine width.
    pub spine: Pt,
    /// Bleed on each outer edge.
    pub bleed: Pt,
}

impl Geometry {
    /// The panels for a book set on `setup` with `interior_pages` pages on `paper`.
    pub fn new(setup: &PageSetup, interior_pages: usize, paper: Paper) -> Geometry {
        let bleed = if setup.bleed.get() > 0.0 {
            setup.bleed
        } else {
            Pt::from_in(DEFAULT_BLEED)
        };
        Geometry {
            trim_width: setup.trim_width,
            trim_height: setup.trim_height,
            spine: spine::width(interior_pages, paper),
            bleed,
        }
    }

    /// The whole sheet: 2 × trim width + spine + 2 × bleed, by trim height + 2 × bleed.
    pub fn sheet(&self) -> (Pt, Pt) {
        (
            self.trim_width * 2.0 + self.spine + self.bleed * 2.0,
            self.trim_height + self.bleed * 2.0,
        )
    }

    /// Left edge of the back cover's trim.
    fn back_x(&self) -> Pt {
        self.bleed
    }

    /// Left edge of the spine (the back fold).
    fn spine_x(&self) -> Pt {
        self.bleed + self.trim_width
    }

    /// Left edge of the front cover (the front fold).
    fn front_x(&self) -> Pt {
        self.spine_x() + self.spine
    }
}

/// Lays out the cover. Warnings (a cover image that cannot be drawn or prints below 300 dpi,
/// a description too long for the back) come back with it.
pub fn typeset(
    book: &Book,
    fonts: &FontSet,
    setup: &PageSetup,
    options: &Options,
) -> (Pages, Vec<Diagnostic>) {
    let geometry = Geometry::new(setup, options.interior_pages, options.paper);
    let mut setter = Setter::new(fonts, &book.metadata.language, Hyphenation::OFF);
    let mut cover = Cover {
        setter: &mut setter,
        g: geometry,
        base: setup.font_size,
        page: Page::default(),
        diags: Vec::new(),
    };
    cover.back(book);
    if spine::has_text(options.interior_pages, geometry.spine) {
        cover.spine(book);
    }
    if !cover.front_image(book, options.cover_span) {
        cover.front_text(book);
    }
    let Cover { page, diags, .. } = cover;
    let pages = Pages {
        trim_width: geometry.trim_width * 2.0 + geometry.spine,
        trim_height: geometry.trim_height,
        bleed: geometry.bleed,
        fonts: fonts.files(setup.embed_whole_fonts),
        images: book
            .images
            .iter()
            .map(|i| ImageData {
                bytes: i.bytes.clone(),
                alt: String::new(),
            })
            .collect(),
        pages: vec![page],
        outline: Vec::new(),
        page_starts: Vec::new(),
    };
    (pages, diags)
}

/// The cover being laid out.
struct Cover<'s, 'f> {
    setter: &'s mut Setter<'f>,
    g: Geometry,
    /// The interior's body size; cover sizes are multiples of it.
    base: Pt,
    page: Page,
    diags: Vec<Diagnostic>,
}

impl Cover<'_, '_> {
    /// Sets `text` in lines of at most `measure`, or (`None`) on one line of up to
    /// `ONE_LINE`.
    fn set(
        &mut self,
        text: &str,
        style: Style,
        size: Pt,
        measure: Option<Pt>,
        align: Align,
    ) -> Vec<Line> {
        let mut t = Text::default();
        t.push(text, Format::plain(style));
        let layout = Layout::aligned(size, measure.unwrap_or(Pt::new(ONE_LINE)), align);
        let set = self.setter.set(&t, &layout);
        if !set.missing.is_empty() {
            let missing: String = set.missing.iter().collect();
            self.diags.push(Diagnostic::warning_nowhere(format!(
                "the cover shows `{missing}`, which no font has, as a box"
            )));
        }
        set.lines
    }

    /// Places lines with the first baseline at `y`, each `leading` below the last, from the
    /// left edge `x`; returns the baseline after the last.
    fn place(&mut self, lines: Vec<Line>, x: Pt, mut y: Pt, leading: Pt) -> Pt {
        for line in lines {
            for mut run in line.runs {
                run.origin = Point {
                    x: x + run.origin.x,
                    y: y + run.origin.y,
                };
                self.page.items.push(Placed::Text(run));
            }
            y += leading;
        }
        y
    }

    /// The description, ragged right from the top of the back's safe area down to the
    /// barcode box, smaller if it must be, cut short (with a warning) if even that fails;
    /// the ISBN at the bottom left.
    fn back(&mut self, book: &Book) {
        let safe = Pt::from_in(SAFE);
        let left = self.g.back_x() + safe;
        let measure = self.g.trim_width - safe * 2.0;
        let top = self.g.bleed + safe;
        let (_, barcode_h, barcode_margin) = BARCODE;
        let bottom =
            self.g.bleed + self.g.trim_height - Pt::from_in(barcode_h + barcode_margin) - self.base;
        if let Some(description) = &book.metadata.description {
            let paragraphs: Vec<String> = description
                .split("\n\n")
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty())
                .collect();
            let mut size = self.base * 1.1;
            loop {
                let leading = size * 1.35;
                let set: Vec<Vec<Line>> = paragraphs
                    .iter()
                    .map(|p| self.set(p, Style::Regular, size, Some(measure), Align::Left))
                    .collect();
                let lines: usize = set.iter().map(Vec::len).sum();
                let gaps = set.len().saturating_sub(1) as f64 * 0.5;
                let height = leading * (lines as f64 + gaps);
                let fits = (bottom - top).fits(height);
                if fits || size.get() - 0.5 < MIN_BACK_SIZE {
                    let mut y = top + size;
                    let mut shown = 0;
                    for paragraph in set {
                        for line in paragraph {
                            if !(bottom - size * 0.3).fits(y) {
                                break;
                            }
                            y = self.place(vec![line], left, y, leading);
                            shown += 1;
                        }
                        y += leading * 0.5;
                    }
                    if shown < lines {
                        self.diags.push(
                            Diagnostic::warning_nowhere(format!(
                                "the description fills {lines} lines on the back cover, which \
                                 holds {shown}; the rest is left out"
                            ))
                            .with_hint("shorten `description` in book.toml's [book]"),
                        );
                    }
                    break;
                }
                size -= Pt::new(0.5);
            }
        }
        if let Identifier::Isbn(isbn) = &book.metadata.identifier {
            let size = self.base * 0.85;
            let lines = self.set(
                &format!("ISBN {isbn}"),
                Style::Regular,
                size,
                None,
                Align::Left,
            );
            let baseline = self.g.bleed + self.g.trim_height - safe;
            self.place(lines, left, baseline, size);
        }
    }

    /// Title and authors down the spine, centred across it: the title from the top of the
    /// safe area, the authors ending at its foot; smaller if they would meet, the authors left
    /// out if even 6 pt is too large.
    fn spine(&mut self, book: &Book) {
        let across = self.g.spine - Pt::from_in(spine::FOLD_CLEARANCE) * 2.0;
        let length = self.g.trim_height - Pt::from_in(SAFE) * 2.0;
        let face = &self.setter.fonts().faces[self.setter.fonts().face_for(Style::Regular)];
        let (ascender, descender) = (face.ascender.get(), face.descender.get().abs());
        let mut size = Pt::new((across.get() / (ascender + descender)).min(self.base.get() * 1.2));
        let authors = book.metadata.labels.join_names(&book.metadata.authors);
        let (title, mut author, gap) = loop {
            let title = self.one_line(&book.metadata.title, Style::Regular, size);
            let author = self.one_line(&authors, Style::Italic, size);
            let gap = size * 2.0;
            let total = title.width + gap + author.width;
            if length.fits(total) || size.get() <= 6.0 {
                break (title, Some(author), gap);
            }
            size = (size * (length / total * 0.99)).max(Pt::new(6.0));
        };
        if !length.fits(title.width + gap + author.as_ref().map_or(Pt::new(0.0), |a| a.width)) {
            author = None;
        }
        if !length.fits(title.width) {
            self.diags.push(Diagnostic::warning_nowhere(
                "the title is too long for the spine at 6 pt; the spine is left blank",
            ));
            return;
        }
        // The glyph box spans descender to ascender across the spine; centre it.
        let x = self.g.spine_x() + self.g.spine * 0.5 - size * ((ascender - descender) / 2.0);
        let top = self.g.bleed + Pt::from_in(SAFE);
        self.turned(title, x, top);
        if let Some(author) = author {
            let start = top + length - author.width;
            self.turned(author, x, start);
        }
    }

    /// `text` set on one line.
    fn one_line(&mut self, text: &str, style: Style, size: Pt) -> Line {
        self.set(text, style, size, None, Align::Left)
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    /// Places a line turned to read down the page, its baseline at `x`, starting at `y`.
    fn turned(&mut self, line: Line, x: Pt, y: Pt) {
        for run in line.runs {
            let origin = Point {
                x,
                y: y + run.origin.x,
            };
            self.page
                .items
                .push(Placed::TurnedText(TextRun { origin, ..run }));
        }
    }

    /// The cover image over the front panel and its bleed, scaled to fill it and cropped,
    /// centred. Returns false when the book has no cover image or it cannot be drawn.
    fn front_image(&mut self, book: &Book, span: Option<Span>) -> bool {
        let Some(index) = book.cover else {
            return false;
        };
        let Some(image) = book.images.get(index) else {
            return false;
        };
        let warn = |message: String| match span {
            Some(span) => Diagnostic::warning(span, message),
            None => Diagnostic::warning_nowhere(message),
        };
        let size = match (image.format, image.pixels) {
            (ImageFormat::Svg, _) => {
                crate::svg::size(&image.bytes).map(|(w, h)| (w.get(), h.get()))
            }
            (_, Some((w, h))) => Ok((f64::from(w), f64::from(h))),
            (_, None) => Err("its size is unknown".to_string()),
        };
        let (w, h) = match size {
            Ok((w, h)) if w > 0.0 && h > 0.0 => (w, h),
            Ok(_) => return false,
            Err(reason) => {
                self.diags.push(warn(format!(
                    "the cover image `{}` cannot be drawn ({reason}); the print cover shows \
                     the title instead",
                    image.path
                )));
                return false;
            }
        };
        let panel = Rect {
            origin: Point {
                x: self.g.front_x(),
                y: Pt::new(0.0),
            },
            width: self.g.trim_width + self.g.bleed,
            height: self.g.trim_height + self.g.bleed * 2.0,
        };
        let scale = (panel.width.get() / w).max(panel.height.get() / h);
        let (draw_w, draw_h) = (Pt::new(w * scale), Pt::new(h * scale));
        let rect = Rect {
            origin: Point {
                x: panel.origin.x + (panel.width - draw_w) * 0.5,
                y: panel.origin.y + (panel.height - draw_h) * 0.5,
            },
            width: draw_w,
            height: draw_h,
        };
        if let (
            ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::Webp,
            Some((px, _)),
        ) = (image.format, image.pixels)
        {
            let dpi = f64::from(px) / (draw_w.get() / 72.0);
            if dpi < 300.0 {
                self.diags.push(
                    warn(format!(
                        "the cover image `{}` prints at {dpi:.0} dpi on the print cover; \
                         print wants 300",
                        image.path
                    ))
                    .with_hint(format!(
                        "supply at least {:.0} × {:.0} pixels",
                        (draw_w.get() / 72.0 * 300.0).ceil(),
                        (draw_h.get() / 72.0 * 300.0).ceil()
                    )),
                );
            }
        }
        self.page.items.push(Placed::ClippedImage {
            image: index,
            rect,
            clip: panel,
        });
        true
    }

    /// Title, subtitle and authors centred on the front panel: the title a quarter of the way
    /// down, a short rule under it, the authors at three quarters.
    fn front_text(&mut self, book: &Book) {
        let meta = &book.metadata;
        let safe = Pt::from_in(SAFE);
        let left = self.g.front_x() + safe;
        let measure = self.g.trim_width - safe * 2.0;
        let top = self.g.bleed;
        let title_size = (self.g.trim_width * 0.075)
            .max(self.base * 1.8)
            .min(Pt::new(48.0));
        let lines = self.set(
            &meta.title,
            Style::Regular,
            title_size,
            Some(measure),
            Align::Center,
        );
        let mut y = top + self.g.trim_height * 0.25 + title_size;
        y = self.place(lines, left, y, title_size * 1.15);
        if let Some(subtitle) = &meta.subtitle {
            let size = title_size * 0.5;
            let lines = self.set(subtitle, Style::Italic, size, Some(measure), Align::Center);
            y = self.place(lines, left, y + size * 0.3, size * 1.3);
        }
        let centre = self.g.front_x() + self.g.trim_width * 0.5;
        let rule_y = y - title_size * 0.4;
        self.page.items.push(Placed::Line {
            from: Point {
                x: centre - Pt::from_in(0.5),
                y: rule_y,
            },
            to: Point {
                x: centre + Pt::from_in(0.5),
                y: rule_y,
            },
            thickness: Pt::new(0.6),
        });
        let size = title_size * 0.55;
        let mut y = (top + self.g.trim_height * 0.75).max(rule_y + size * 2.0);
        for author in &meta.authors {
            let lines = self.set(author, Style::Regular, size, Some(measure), Align::Center);
            y = self.place(lines, left, y, size * 1.3);
        }
    }
}

#[cfg(test)]
mod tests;
