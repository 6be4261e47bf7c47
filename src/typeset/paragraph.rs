//! One paragraph: styled text → shaped glyphs → boxes, glue and penalties → lines broken
//! by Knuth–Plass → positioned glyph runs, justified (or ragged) on the measure.

use std::ops::Range;

use super::font::{FaceId, FontSet, Style};
use super::hyphenate::{Hyphenator, SOFT_HYPHEN};
use super::linebreak::{self, Item, Params};
use super::page::{Glyph, Point, TextRun};
use super::shape::{Shaped, Shaper};
use crate::units::{Em, Pt};

/// Cost of breaking at a hyphenation point; TeX's `\hyphenpenalty` is 50. Chosen with
/// pdf-quality on Moby Dick and the sample book together with `EXPANSION` (see there).
const HYPHEN_PENALTY: f64 = 150.0;
/// Cost of breaking after an explicit hyphen or dash (TeX's `\exhyphenpenalty`).
const EXPLICIT_HYPHEN_PENALTY: f64 = 50.0;
/// Cost of breaking inside code or a URL, after `/`, `.`, `_` or `::`.
const CODE_BREAK_PENALTY: f64 = 100.0;
/// Forbids a break.
const NEVER: f64 = linebreak::INFINITE_PENALTY;
/// Forces a break.
const ALWAYS: f64 = -linebreak::INFINITE_PENALTY;
/// Word joiner: no break on either side.
const WORD_JOINER: char = '\u{2060}';

/// How a stretch of text is set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Format {
    /// Face style.
    pub style: Style,
    /// Size relative to the paragraph's (0.7 for superscripts).
    pub scale: f64,
    /// Raise above the baseline, relative to the paragraph's size.
    pub rise: Em,
    /// A link the text belongs to (an index the caller defines).
    pub link: Option<usize>,
}

impl Format {
    /// Plain text in a style.
    pub fn plain(style: Style) -> Format {
        Format {
            style,
            scale: 1.0,
            rise: Em::new(0.0),
            link: None,
        }
    }
}

/// Styled text to set: the text and the format of each byte range (in order, covering it).
#[derive(Clone, Debug, Default)]
pub struct Text {
    /// The characters; `\n` is a forced line break.
    pub text: String,
    /// Formats of consecutive ranges of `text`.
    pub formats: Vec<(Range<usize>, Format)>,
}

impl Text {
    /// Appends `text` in `format`, merging with the previous range when the format is equal.
    pub fn push(&mut self, text: &str, format: Format) {
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        match self.formats.last_mut() {
            Some((range, last)) if *last == format && range.end == start => {
                range.end = self.text.len()
            }
            _ => self.formats.push((start..self.text.len(), format)),
        }
    }

    /// Whether there is nothing but white space.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Horizontal alignment of lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Both edges straight, the last line flush left.
    Justify,
    /// Flush left, ragged right.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// Settings for one paragraph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// Type size.
    pub size: Pt,
    /// Line width.
    pub measure: Pt,
    /// Indent of the first line.
    pub indent: Pt,
    /// Alignment.
    pub align: Align,
    /// Lines more (+1) or fewer (−1) than the best, if possible (for page building).
    pub looseness: i32,
}

impl Layout {
    /// Text set in `align` across `measure`, with no indent.
    pub fn aligned(size: Pt, measure: Pt, align: Align) -> Layout {
        Layout {
            size,
            measure,
            indent: Pt::new(0.0),
            align,
            looseness: 0,
        }
    }
}

/// One set line.
#[derive(Clone, Debug, Default)]
pub struct Line {
    /// Glyph runs, with x relative to the start of the measure and y = 0 on the baseline.
    pub runs: Vec<TextRun>,
    /// Link areas: x from, x to, the caller's link index.
    pub links: Vec<(Pt, Pt, usize)>,
    /// Whether the line ends with an added hyphen.
    pub is_hyphenated: bool,
    /// Width of the set material.
    pub width: Pt,
    /// How far the word spaces are stretched: 0 natural, 1 their full stretch (1.5 × the
    /// natural space), negative when shrunk.
    pub space_ratio: f64,
    /// Byte offset in the paragraph's text where the line's first glyph comes from.
    pub text_start: usize,
}

/// The result of setting a paragraph.
#[derive(Clone, Debug, Default)]
pub struct Set {
    /// The lines, top to bottom.
    pub lines: Vec<Line>,
    /// Whether the breaker found lines within tolerance (false: some line is too loose or
    /// overfull; the caller warns).
    pub is_feasible: bool,
    /// Characters no font has.
    pub missing: Vec<char>,
}

/// A glyph of the paragraph, with its face and size.
#[derive(Clone, Copy, Debug)]
struct PGlyph {
    face: FaceId,
    size: Pt,
    rise: Pt,
    shaped: Shaped,
    link: Option<usize>,
}

impl PGlyph {
    fn advance(&self) -> Pt {
        self.shaped.advance.at(self.size)
    }
}

/// What an item stands for, to draw it after the breaks are chosen.
#[derive(Clone, Debug)]
enum Source {
    /// Glyphs `range` of the paragraph.
    Glyphs(Range<usize>),
    /// An inter-word space (its glyph is not drawn), with its own stretch and shrink (the
    /// rest of the glue's is the expansion of the word before it).
    Space(Pt, Pt),
    /// The first-line indent, or nothing at all.
    Nothing,
    /// A possible hyphen after the glyph before, in the face of glyph `usize`.
    Hyphen(usize),
}

/// How much glyphs may widen or narrow to even out word spaces (pdfTeX's font expansion;
/// microtype's default is 2%). Measured with pdf-quality, tolerance 200: without expansion
/// Moby Dick had 3.9% loose lines; with 2% 3.1% (sample book 8.9%); with 3% and hyphen
/// penalty 150, 0.25% loose and 1.0% hyphenated (sample book 2.7% and 6.3%): inside the
/// 3% and 8% bars, where penalty 100 hyphenates the sample book at 8.04%.
const EXPANSION: f64 = 0.03;

/// Reusable buffers and shared tools for setting paragraphs.
pub struct Setter<'f> {
    /// The book's faces.
    pub fonts: &'f FontSet,
    /// Shaping state.
    pub shaper: Shaper,
    /// Hyphenation patterns.
    pub hyphenator: Hyphenator,
    /// Line-breaking parameters.
    pub params: Params,
    breaks: Vec<usize>,
    hyphens: Vec<Option<Shaped>>,
    /// The face for each (style, character) seen: a cmap lookup per character is slow.
    char_faces: rustc_hash::FxHashMap<(Style, char), (FaceId, bool)>,
}

impl<'f> Setter<'f> {
    /// A setter for a book in `language`.
    pub fn new(
        fonts: &'f FontSet,
        shaper: Shaper,
        hyphenator: Hyphenator,
        params: Params,
    ) -> Setter<'f> {
        Setter {
            fonts,
            shaper,
            hyphenator,
            params,
            breaks: Vec::new(),
            hyphens: vec![None; fonts.faces.len()],
            char_faces: rustc_hash::FxHashMap::default(),
        }
    }

    /// Sets a paragraph.
    pub fn set(&mut self, text: &Text, layout: &Layout) -> Set {
        let (glyphs, missing) = self.shape(text, layout.size);
        let (mut items, sources) = self.items(text, &glyphs, layout);
        if items.is_empty() {
            return Set {
                lines: Vec::new(),
                is_feasible: true,
                missing,
            };
        }
        let params = Params {
            looseness: layout.looseness,
            emergency_stretch: Em::new(1.5).at(layout.size),
            ..self.params
        };
        let breaks = break_without_stacks(&mut items, layout.measure, &params);
        let mut lines = Vec::with_capacity(breaks.positions.len());
        let mut start = 0;
        for (n, &end) in breaks.positions.iter().enumerate() {
            let is_last = n + 1 == breaks.positions.len();
            lines.push(self.line(
                text,
                &glyphs,
                &items,
                &sources,
                start..end + 1,
                layout,
                is_last,
            ));
            start = end + 1;
        }
        Set {
            lines,
            is_feasible: breaks.is_feasible,
            missing,
        }
    }

    /// Shapes each stretch of one face, size and rise as a whole.
    fn shape(&mut self, text: &Text, size: Pt) -> (Vec<PGlyph>, Vec<char>) {
        let mut glyphs: Vec<PGlyph> = Vec::with_capacity(text.text.len());
        let mut missing = Vec::new();
        let mut buffer = Vec::new();
        for (range, format) in &text.formats {
            let slice = &text.text[range.clone()];
            let mut run_start = range.start;
            let mut run_face = None;
            for (offset, c) in slice.char_indices() {
                let fonts = self.fonts;
                let (face, found) = *self
                    .char_faces
                    .entry((format.style, c))
                    .or_insert_with(|| fonts.face_for_char(format.style, c));
                if !found && !missing.contains(&c) {
                    missing.push(c);
                }
                let at = range.start + offset;
                if run_face.is_some_and(|f| f != face) {
                    self.shape_run(
                        text,
                        run_start..at,
                        run_face.unwrap_or(face),
                        format,
                        size,
                        &mut buffer,
                        &mut glyphs,
                    );
                    run_start = at;
                }
                run_face = Some(face);
            }
            if let Some(face) = run_face {
                self.shape_run(
                    text,
                    run_start..range.end,
                    face,
                    format,
                    size,
                    &mut buffer,
                    &mut glyphs,
                );
            }
        }
        (glyphs, missing)
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "one call site; the arguments are the run's parts"
    )]
    fn shape_run(
        &mut self,
        text: &Text,
        range: Range<usize>,
        face: FaceId,
        format: &Format,
        size: Pt,
        buffer: &mut Vec<Shaped>,
        out: &mut Vec<PGlyph>,
    ) {
        buffer.clear();
        let base = u32::try_from(range.start).unwrap_or(u32::MAX);
        self.shaper
            .shape(&self.fonts.faces[face], &text.text[range], base, buffer);
        let glyph_size = size * format.scale;
        for shaped in buffer.iter() {
            out.push(PGlyph {
                face,
                size: glyph_size,
                rise: format.rise.at(size),
                shaped: *shaped,
                link: format.link,
            });
        }
    }

    /// Boxes, glue and penalties for the paragraph, with what each stands for.
    fn items(
        &mut self,
        text: &Text,
        glyphs: &[PGlyph],
        layout: &Layout,
    ) -> (Vec<Item>, Vec<Source>) {
        let mut items = Vec::with_capacity(glyphs.len() / 3 + 8);
        let mut sources = Vec::with_capacity(glyphs.len() / 3 + 8);
        let ragged = layout.align != Align::Justify;
        if layout.indent.get() > 0.0 {
            items.push(Item::Box {
                width: layout.indent,
            });
            sources.push(Source::Nothing);
        }
        let char_at = |g: &PGlyph| {
            text.text[g.shaped.cluster as usize..]
                .chars()
                .next()
                .unwrap_or(' ')
        };
        let mut i = 0;
        let mut word_start = items.len();
        while i < glyphs.len() {
            let c = char_at(&glyphs[i]);
            if c == '\n' {
                // A forced line break: fill the line, then break.
                push_fill_and_break(&mut items, &mut sources);
                i += 1;
                continue;
            }
            if c == ' ' || c == '\t' {
                let width = glyphs[i].advance();
                let (stretch, shrink) = if ragged {
                    (Pt::new(0.0), Pt::new(0.0))
                } else {
                    // TeX's proportions for a text face: stretch half, shrink a third.
                    (width * 0.5, width * (1.0 / 3.0))
                };
                if ragged {
                    // Ragged lines: a stretchable fill at each break (TeX's \raggedright).
                    let fill = Em::new(3.0).at(layout.size);
                    items.push(Item::Glue {
                        width: Pt::new(0.0),
                        stretch: fill,
                        shrink: Pt::new(0.0),
                    });
                    sources.push(Source::Nothing);
                    items.push(Item::Penalty {
                        width: Pt::new(0.0),
                        cost: 0.0,
                        flagged: false,
                    });
                    sources.push(Source::Nothing);
                    items.push(Item::Glue {
                        width,
                        stretch: -fill,
                        shrink: Pt::new(0.0),
                    });
                } else {
                    // The word before may widen or narrow by EXPANSION: its share goes into
                    // this space's glue, so the breaker sees it without more items.
                    let word: Pt = items[word_start..]
                        .iter()
                        .map(|item| match item {
                            Item::Box { width } => *width,
                            _ => Pt::new(0.0),
                        })
                        .sum();
                    items.push(Item::Glue {
                        width,
                        stretch: stretch + word * EXPANSION,
                        shrink: shrink + word * EXPANSION,
                    });
                }
                sources.push(Source::Space(stretch, shrink));
                word_start = items.len();
                i += 1;
                continue;
            }
            // A word: up to the next space or forced break.
            let start = i;
            while i < glyphs.len() && !matches!(char_at(&glyphs[i]), ' ' | '\t' | '\n') {
                i += 1;
            }
            self.word(text, glyphs, start..i, &mut items, &mut sources);
        }
        // End of paragraph: no break before the fill, then a forced break (TeX's \parfillskip).
        while matches!(items.last(), Some(Item::Glue { .. })) {
            items.pop();
            sources.pop();
        }
        if items.is_empty() {
            return (items, sources);
        }
        items.push(Item::Penalty {
            width: Pt::new(0.0),
            cost: NEVER,
            flagged: false,
        });
        sources.push(Source::Nothing);
        push_fill_and_break(&mut items, &mut sources);
        (items, sources)
    }

    /// A word as boxes between its possible breaks.
    fn word(
        &mut self,
        text: &Text,
        glyphs: &[PGlyph],
        range: Range<usize>,
        items: &mut Vec<Item>,
        sources: &mut Vec<Source>,
    ) {
        let first = glyphs[range.start].shaped.cluster as usize;
        let end = glyphs
            .get(range.end)
            .map_or(text.text.len(), |g| g.shaped.cluster as usize);
        let word = &text.text[first..end.max(first)];
        // Possible breaks, as byte offsets in the paragraph, with whether a hyphen is added.
        let mut breaks: Vec<(usize, f64, bool)> = Vec::new();
        let is_code = glyphs[range.start].face == self.fonts.face_for(Style::Mono);
        let is_url = word.contains("://") || word.starts_with("www.");
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        for (k, &(offset, c)) in chars.iter().enumerate() {
            let next = chars.get(k + 1).map(|&(_, n)| n);
            let after = first + offset + c.len_utf8();
            let before_joiner = next == Some(WORD_JOINER) || c == WORD_JOINER;
            if next.is_none() || before_joiner {
                continue;
            }
            if is_code || is_url {
                if matches!(c, '/' | '.' | '_' | ',' | '-' | ':' | '(' | '=')
                    && next.is_some_and(|n| n != ':' && n != '/')
                {
                    breaks.push((after, CODE_BREAK_PENALTY, false));
                }
            } else if matches!(c, '-' | '–' | '—' | '/') && k >= 2 {
                breaks.push((after, EXPLICIT_HYPHEN_PENALTY, c == '-'));
            }
        }
        if !is_code && !is_url {
            // Pattern hyphenation on each run of letters.
            let mut k = 0;
            while k < chars.len() {
                if !(chars[k].1.is_alphabetic() || chars[k].1 == SOFT_HYPHEN) {
                    k += 1;
                    continue;
                }
                let run_start = k;
                while k < chars.len() && (chars[k].1.is_alphabetic() || chars[k].1 == SOFT_HYPHEN) {
                    k += 1;
                }
                let from = chars[run_start].0;
                let to = chars.get(k).map_or(word.len(), |&(o, _)| o);
                let letters = &word[from..to];
                self.hyphenator.breaks(letters, &mut self.breaks);
                for &b in &self.breaks {
                    breaks.push((first + from + b, HYPHEN_PENALTY, true));
                }
            }
        }
        breaks.sort_by_key(|b| b.0);
        breaks.dedup_by_key(|b| b.0);
        // Split the glyphs at breaks where a cluster starts and shaping allows it.
        let mut box_start = range.start;
        let mut g = range.start;
        for (at, cost, flagged) in breaks {
            while g < range.end && (glyphs[g].shaped.cluster as usize) < at {
                g += 1;
            }
            // A break needs a cluster boundary (a ligature across it has none). harfrust also
            // flags kerned pairs as unsafe to break; a kern is a fraction of a point, so the
            // halves keep the widths shaping gave them.
            if g >= range.end || g == box_start || glyphs[g].shaped.cluster as usize != at {
                continue;
            }
            push_box(glyphs, box_start..g, items, sources);
            let width = if flagged {
                self.hyphen_width(&glyphs[g - 1])
            } else {
                Pt::new(0.0)
            };
            items.push(Item::Penalty {
                width,
                cost,
                flagged,
            });
            sources.push(if flagged {
                Source::Hyphen(g - 1)
            } else {
                Source::Nothing
            });
            box_start = g;
        }
        push_box(glyphs, box_start..range.end, items, sources);
    }

    fn hyphen_width(&mut self, glyph: &PGlyph) -> Pt {
        self.hyphen_glyph(glyph.face).advance.at(glyph.size)
    }

    fn hyphen_glyph(&mut self, face: FaceId) -> Shaped {
        if let Some(Some(known)) = self.hyphens.get(face) {
            return *known;
        }
        let mut out = Vec::new();
        self.shaper.shape(&self.fonts.faces[face], "-", 0, &mut out);
        let hyphen = out.first().copied().unwrap_or(Shaped {
            id: 0,
            advance: Em::new(0.3),
            x_offset: Em::new(0.0),
            y_offset: Em::new(0.0),
            cluster: 0,
            is_unsafe_to_break: false,
        });
        if let Some(slot) = self.hyphens.get_mut(face) {
            *slot = Some(hyphen);
        }
        hyphen
    }

    /// Draws the items of one line.
    #[allow(
        clippy::too_many_arguments,
        reason = "the parts of one paragraph, passed down once"
    )]
    fn line(
        &mut self,
        text: &Text,
        glyphs: &[PGlyph],
        items: &[Item],
        sources: &[Source],
        range: Range<usize>,
        layout: &Layout,
        is_last: bool,
    ) -> Line {
        // Discardable items at the start of a line (after the first) are dropped, as in TeX.
        let mut start = range.start;
        if start > 0 {
            while start < range.end && !matches!(items[start], Item::Box { .. }) {
                start += 1;
            }
        }
        let end = range.end; // the break item is included: a penalty's width shows at a hyphen
        let mut width = Pt::new(0.0);
        let mut stretch = Pt::new(0.0);
        let mut shrink = Pt::new(0.0);
        let mut words = Pt::new(0.0);
        for (k, item) in items[start..end].iter().enumerate() {
            let is_break = start + k + 1 == end;
            match (*item, &sources[start + k]) {
                (Item::Box { width: w }, source) => {
                    width += w;
                    if matches!(source, Source::Glyphs(_)) {
                        words += w;
                    }
                }
                (Item::Glue { width: w, .. }, Source::Space(st, sh)) if !is_break => {
                    width += w;
                    stretch += *st;
                    shrink += *sh;
                }
                (
                    Item::Glue {
                        width: w,
                        stretch: st,
                        shrink: sh,
                    },
                    _,
                ) if !is_break => {
                    width += w;
                    stretch += st;
                    shrink += sh;
                }
                (Item::Penalty { width: w, .. }, _) if is_break => width += w,
                _ => {}
            }
        }
        // Every word on a justified line may widen or narrow, whatever glue carried its
        // share for the breaker.
        let expansion = if layout.align == Align::Justify {
            words * EXPANSION
        } else {
            Pt::new(0.0)
        };
        let room = layout.measure - width;
        // One ratio for all glue, as the breaker chose; the glyphs' expansion stops at its
        // limit and the word spaces take the rest.
        let total = if room.get() > 0.0 {
            stretch + expansion
        } else {
            shrink + expansion
        };
        let mut ratio = if total.get() > 0.0 { room / total } else { 0.0 };
        if ratio < -1.0 {
            ratio = -1.0;
        }
        if is_last && ratio > 0.0 && layout.align == Align::Justify {
            ratio = 0.0;
        }
        let expansion_ratio = ratio.clamp(-1.0, 1.0);
        let rest = room - expansion * expansion_ratio;
        let space_ratio = if ratio == 0.0 {
            0.0
        } else if rest.get() > 0.0 {
            if stretch.get() > 0.0 {
                rest / stretch
            } else {
                0.0
            }
        } else if shrink.get() > 0.0 {
            (rest / shrink).max(-1.0)
        } else {
            0.0
        };
        let scale = 1.0 + expansion_ratio * EXPANSION * f64::from(u8::from(expansion.get() > 0.0));
        let mut x = match layout.align {
            Align::Center => (room * 0.5).max(Pt::new(0.0)),
            Align::Right => room.max(Pt::new(0.0)),
            _ => Pt::new(0.0),
        };
        let mut line = Line::default();
        let mut placed: Vec<(PGlyph, Pt, Option<&'static str>)> = Vec::new();
        for (k, item) in items[start..end].iter().enumerate() {
            let is_break = start + k + 1 == end;
            match (item, &sources[start + k]) {
                (Item::Box { width: w }, Source::Glyphs(range)) => {
                    let mut gx = x;
                    for glyph in &glyphs[range.clone()] {
                        placed.push((
                            *glyph,
                            gx + glyph.shaped.x_offset.at(glyph.size) * scale,
                            None,
                        ));
                        gx += glyph.advance() * scale;
                    }
                    x += *w * scale;
                }
                (Item::Glue { width: w, .. }, Source::Space(st, sh)) if !is_break => {
                    // Ragged lines keep their natural spaces: the fill at the break takes
                    // the room.
                    let adjust = if layout.align != Align::Justify {
                        Pt::new(0.0)
                    } else if space_ratio >= 0.0 {
                        *st * space_ratio
                    } else {
                        *sh * space_ratio
                    };
                    x += *w + adjust;
                }
                (Item::Box { width: w }, _) => x += *w,
                (
                    Item::Glue {
                        width: w,
                        stretch: st,
                        shrink: sh,
                    },
                    _,
                ) if !is_break => {
                    let adjust = if layout.align != Align::Justify {
                        Pt::new(0.0)
                    } else if space_ratio >= 0.0 {
                        *st * space_ratio
                    } else {
                        *sh * space_ratio
                    };
                    x += *w + adjust;
                }
                (Item::Penalty { .. }, Source::Hyphen(g)) if is_break => {
                    let base = glyphs[*g];
                    let hyphen = self.hyphen_glyph(base.face);
                    placed.push((
                        PGlyph {
                            shaped: hyphen,
                            ..base
                        },
                        x,
                        Some("-"),
                    ));
                    line.is_hyphenated = true;
                    x += hyphen.advance.at(base.size) * scale;
                }
                _ => {}
            }
        }
        // The width of what is drawn: the end of the last glyph, not of the fill after it.
        line.width = placed
            .iter()
            .map(|(g, gx, _)| *gx + g.advance() * scale)
            .fold(Pt::new(0.0), Pt::max);
        line.runs = runs(text, &placed, scale);
        line.space_ratio = space_ratio;
        line.text_start = placed
            .iter()
            .map(|(g, _, _)| g.shaped.cluster as usize)
            .min()
            .unwrap_or(0);
        line.links = link_areas(&placed);
        line
    }
}

/// A glue that fills the rest of the line, then a forced break (TeX's `\hfil\break`, and the
/// end of a paragraph after `\parfillskip`).
fn push_fill_and_break(items: &mut Vec<Item>, sources: &mut Vec<Source>) {
    items.push(Item::Glue {
        width: Pt::new(0.0),
        stretch: Pt::new(100_000.0),
        shrink: Pt::new(0.0),
    });
    sources.push(Source::Nothing);
    items.push(Item::Penalty {
        width: Pt::new(0.0),
        cost: ALWAYS,
        flagged: false,
    });
    sources.push(Source::Nothing);
}

/// Most hyphenated line ends in a row (a "ladder" of three looks bad).
const MAX_HYPHEN_STACK: usize = 2;

/// Breaks lines; where more than two hyphenated lines follow each other, tries again with
/// consecutive hyphens all but forbidden, and then forbids the hyphen that makes the third.
fn break_without_stacks(items: &mut [Item], measure: Pt, params: &Params) -> linebreak::Breaks {
    let mut breaks = linebreak::break_lines(items, &[measure], params);
    let strict = Params {
        double_hyphen_demerits: 1.0e7,
        ..*params
    };
    for attempt in 0..4 {
        let Some(third) = third_in_stack(items, &breaks.positions) else {
            return breaks;
        };
        if attempt > 0 {
            // Forbid the hyphen that ends the third line of the stack.
            if let Item::Penalty { cost, .. } = &mut items[third] {
                *cost = NEVER;
            }
        }
        breaks = linebreak::break_lines(items, &[measure], &strict);
    }
    breaks
}

/// The item index of a break that makes a stack of more than `MAX_HYPHEN_STACK` hyphens.
fn third_in_stack(items: &[Item], positions: &[usize]) -> Option<usize> {
    let mut run = 0;
    for &p in positions {
        if matches!(items[p], Item::Penalty { flagged: true, width, .. } if width.get() > 0.0) {
            run += 1;
            if run > MAX_HYPHEN_STACK {
                return Some(p);
            }
        } else {
            run = 0;
        }
    }
    None
}

fn push_box(
    glyphs: &[PGlyph],
    range: Range<usize>,
    items: &mut Vec<Item>,
    sources: &mut Vec<Source>,
) {
    if range.is_empty() {
        return;
    }
    let width: Pt = glyphs[range.clone()].iter().map(PGlyph::advance).sum();
    items.push(Item::Box { width });
    sources.push(Source::Glyphs(range));
}

/// Groups placed glyphs into runs of one face, size and rise, with their text.
fn runs(text: &Text, placed: &[(PGlyph, Pt, Option<&'static str>)], h_scale: f64) -> Vec<TextRun> {
    let mut runs: Vec<TextRun> = Vec::new();
    for (k, (glyph, x, extra)) in placed.iter().enumerate() {
        let same = runs.last().is_some_and(|r| {
            r.font == glyph.face && r.size == glyph.size && r.origin.y == -glyph.rise
        });
        if !same {
            runs.push(TextRun {
                font: glyph.face,
                size: glyph.size,
                h_scale,
                origin: Point {
                    x: *x,
                    y: -glyph.rise,
                },
                glyphs: Vec::new(),
                text: String::new(),
                fill: crate::units::Rgb::BLACK,
            });
        }
        let Some(run) = runs.last_mut() else { continue };
        let from = run.text.len() as u32;
        match extra {
            Some(s) => run.text.push_str(s),
            None => {
                // The glyph shows its cluster's text when it starts the cluster.
                let cluster = glyph.shaped.cluster as usize;
                let starts_cluster = k == 0
                    || placed[k - 1].0.shaped.cluster as usize != cluster
                    || placed[k - 1].2.is_some();
                if starts_cluster {
                    let next = placed[k + 1..]
                        .iter()
                        .find(|(g, _, e)| e.is_none() && g.shaped.cluster as usize != cluster)
                        .map(|(g, _, _)| g.shaped.cluster as usize)
                        .filter(|&n| n > cluster)
                        .unwrap_or_else(|| end_of_cluster(&text.text, cluster));
                    // Spaces are not glyphs here (the gap shows them), and a soft hyphen shows
                    // nothing: neither belongs to the glyph's text.
                    let shown = text.text[cluster..next.min(text.text.len())]
                        .trim_end_matches(|c: char| c.is_whitespace() || c == SOFT_HYPHEN);
                    run.text.push_str(shown);
                }
            }
        }
        run.glyphs.push(Glyph {
            id: glyph.shaped.id,
            x: *x - run.origin.x,
            y_offset: glyph.shaped.y_offset.at(glyph.size),
            text: from..run.text.len() as u32,
        });
    }
    runs
}

/// The end of the character at `at` (a cluster whose successor is not on the line).
fn end_of_cluster(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len(), |c| at + c.len_utf8())
}

fn link_areas(placed: &[(PGlyph, Pt, Option<&'static str>)]) -> Vec<(Pt, Pt, usize)> {
    let mut areas: Vec<(Pt, Pt, usize)> = Vec::new();
    for (glyph, x, _) in placed {
        let Some(link) = glyph.link else { continue };
        let right = *x + glyph.advance();
        match areas.last_mut() {
            Some(area) if area.2 == link => area.1 = right,
            _ => areas.push((*x, right, link)),
        }
    }
    areas
}
