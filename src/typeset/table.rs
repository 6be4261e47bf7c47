//! A table's cells as styled text → bands of the vertical list: column widths from the
//! content (HTML's auto table layout), type shrunk to fit before cells wrap, cells set by the
//! paragraph setter, booktabs rules (above, under the header, below; none between columns).
//!
//! The header is one band; each line of a body row is a band, kept with the next band of its
//! row, so page breaks fall between rows (and split a row only when it is taller than a page).
//! Each body band names the header band, which page building repeats on continuation pages.

use super::flow::Element;
use super::page::{Page, Placed, Point, Rect, TextRun};
use super::paragraph::{Align, Layout, Line, Setter, Text};
use crate::units::{Em, Pt};

/// Type sizes tried, relative to the body size, largest first: a table too wide for the
/// measure is set smaller before its cells wrap, down to `UNWRAPPED_FLOOR`; a table that must
/// wrap is set at the largest size where its words fit, down to the last.
const SCALES: [f64; 5] = [0.9, 0.85, 0.8, 0.75, 0.7];
/// The smallest size at which a table is set to avoid wrapping: below it, prose cells read
/// better wrapped at a larger size (on the Rust book, 0.7 made a table of explanations
/// 7-point type; wrapped at 0.9 it reads as the text around it).
const UNWRAPPED_FLOOR: f64 = 0.8;
/// Space between columns, at the table's type size.
const COLUMN_GAP: Em = Em::new(1.0);
/// Thickness of the rules above and below the table (booktabs' `\heavyrulewidth`), at the
/// body size.
const HEAVY_RULE: Em = Em::new(0.08);
/// Thickness of the rule under the header (booktabs' `\lightrulewidth`).
const LIGHT_RULE: Em = Em::new(0.05);
/// Space between a rule and the text under it (booktabs' `\belowrulesep`, .65ex), at the
/// table's type size.
const BELOW_RULE: Em = Em::new(0.3);
/// Space between text and the rule under it (booktabs' `\aboverulesep`, .4ex).
const ABOVE_RULE: Em = Em::new(0.18);
/// Baseline of a line from the top of its slot, as a share of the leading (LaTeX's strut:
/// 0.7 above the baseline, 0.3 below).
const STRUT_HEIGHT: f64 = 0.7;
/// Space between body rows when some row wraps, as a share of the table's leading (rows of
/// one line each follow each other at the leading, as in booktabs).
const ROW_GAP: f64 = 0.4;
/// Added to a column's width when setting its cells, so that float noise does not wrap a
/// cell measured to fit exactly.
const SLACK: Pt = Pt::new(0.05);

/// A table to set: each cell's text (header cells bold, as the caller styles them) and each
/// column's alignment.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// Header cells; none, or all blank, for a table without a header.
    pub head: Vec<Text>,
    /// Body rows.
    pub rows: Vec<Vec<Text>>,
    /// Column alignments; columns beyond these are flush left.
    pub aligns: Vec<Align>,
}

/// Where a table goes and the type it is set against.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    /// Left edge of the space the table may take, from the text block's left edge.
    pub x: Pt,
    /// Width it may take.
    pub width: Pt,
    /// Body type size.
    pub size: Pt,
    /// Body leading.
    pub leading: Pt,
}

/// A horizontal rule of a band.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    /// Left end, from the text block's left edge.
    pub x: Pt,
    /// Length.
    pub width: Pt,
    /// Centre of the stroke, from the band's top.
    pub y: Pt,
    /// Stroke width.
    pub thickness: Pt,
}

/// One horizontal slice of a table: its lines and rules, placed from the band's top and the
/// text block's left edge.
#[derive(Clone, Debug, Default)]
pub struct Band {
    /// Set lines: the left edge of the line's measure and its baseline, and the line.
    pub lines: Vec<(Point, Line)>,
    /// Rules.
    pub rules: Vec<Rule>,
    /// Vertical space the band takes.
    pub height: Pt,
    /// Type size of its text (for link areas).
    pub size: Pt,
}

impl Band {
    /// Draws the band with its top-left corner (of the text block, at the band's top) at
    /// `origin`; returns the link areas with the caller's link indexes.
    pub fn place(&self, origin: Point, page: &mut Page) -> Vec<(Rect, usize)> {
        let mut links = Vec::new();
        for (at, line) in &self.lines {
            let base = Point {
                x: origin.x + at.x,
                y: origin.y + at.y,
            };
            for run in &line.runs {
                let mut run = run.clone();
                run.origin = Point {
                    x: base.x + run.origin.x,
                    y: base.y + run.origin.y,
                };
                page.items.push(Placed::Text(run));
            }
            for &(x0, x1, link) in &line.links {
                let rect = Rect {
                    origin: Point {
                        x: base.x + x0,
                        y: base.y - self.size * 0.8,
                    },
                    width: x1 - x0,
                    height: self.size * 1.05,
                };
                links.push((rect, link));
            }
        }
        for rule in &self.rules {
            let y = origin.y + rule.y;
            page.items.push(Placed::Line {
                from: Point {
                    x: origin.x + rule.x,
                    y,
                },
                to: Point {
                    x: origin.x + rule.x + rule.width,
                    y,
                },
                thickness: rule.thickness,
            });
        }
        links
    }
}

/// A set table.
#[derive(Clone, Debug, Default)]
pub struct SetTable {
    /// The bands, as `Element::TableBand`s: the header first (if any), then each body row's
    /// lines.
    pub elements: Vec<Element>,
    /// The type size and column widths chosen.
    pub plan: Plan,
    /// Words that were cut because even at the smallest type they are wider than their
    /// column (the caller warns).
    pub cut_words: Vec<String>,
    /// Characters no font has.
    pub missing: Vec<char>,
}

/// How a table is set: type size and column widths.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// Type size relative to the body size.
    pub scale: f64,
    /// Width of each column.
    pub widths: Vec<Pt>,
    /// Space between columns.
    pub gap: Pt,
    /// Whether some cell wraps.
    pub is_wrapped: bool,
}

impl Plan {
    /// The table's width.
    pub fn width(&self) -> Pt {
        self.widths.iter().copied().sum::<Pt>()
            + self.gap * self.widths.len().saturating_sub(1) as f64
    }
}

/// What a column's cells need, at the body size.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Needs {
    /// Its widest cell set on one line (each line of a cell with forced breaks).
    pub natural: Pt,
    /// Its widest word (text between spaces).
    pub word: Pt,
    /// Its widest piece between any break opportunities (hyphenation points, breaks in code).
    pub piece: Pt,
}

/// Chooses the type size and column widths for columns that need `needs` (at the body size),
/// `gap` apart (at the body size), in `available` width. The table is never wider than
/// `available`: at the largest size in `SCALES` down to `UNWRAPPED_FLOOR` where it fits
/// unwrapped, it is set at its natural width; else cells wrap at the largest size where every word fits, the space
/// beyond each column's minimum shared out as its natural width exceeds that minimum (HTML's
/// auto layout); else at the smallest size, words hyphenate, and where even their pieces do
/// not fit, columns get widths in proportion to them (and the caller cuts what overflows).
pub fn plan(needs: &[Needs], gap: Pt, available: Pt) -> Plan {
    let n = needs.len();
    let gaps = |scale: f64| {
        // Gaps never take more than a third of the width.
        let wanted = gap * scale * n.saturating_sub(1) as f64;
        wanted.min(available * (1.0 / 3.0))
    };
    let gap_at = |scale: f64| gaps(scale) * (1.0 / n.saturating_sub(1).max(1) as f64);
    let sum = |f: fn(&Needs) -> Pt, scale: f64| -> Pt { needs.iter().map(f).sum::<Pt>() * scale };
    let natural = |c: &Needs| c.natural;
    let word = |c: &Needs| c.word;
    let piece = |c: &Needs| c.piece;
    for scale in SCALES.into_iter().filter(|&s| s >= UNWRAPPED_FLOOR) {
        if available.fits(sum(natural, scale) + gaps(scale)) {
            return Plan {
                scale,
                widths: needs.iter().map(|c| c.natural * scale).collect(),
                gap: gap_at(scale),
                is_wrapped: false,
            };
        }
    }
    let distribute = |min: fn(&Needs) -> Pt, scale: f64| -> Plan {
        let room = available - gaps(scale);
        let spare = room - sum(min, scale);
        let flexible: Pt = needs.iter().map(|c| (c.natural - min(c)) * scale).sum();
        let widths = needs
            .iter()
            .map(|c| {
                let (low, high) = (min(c) * scale, c.natural * scale);
                if flexible.get() > 0.0 {
                    low + spare * ((high - low) / flexible)
                } else {
                    low + spare * (1.0 / n as f64)
                }
            })
            .collect();
        Plan {
            scale,
            widths,
            gap: gap_at(scale),
            is_wrapped: true,
        }
    };
    for scale in SCALES {
        if available.fits(sum(word, scale) + gaps(scale)) {
            return distribute(word, scale);
        }
    }
    let smallest = SCALES[SCALES.len() - 1];
    if available.fits(sum(piece, smallest) + gaps(smallest)) {
        return distribute(piece, smallest);
    }
    // Nothing fits: each column gets a share of the room as its pieces need.
    let room = available - gaps(smallest);
    let total = sum(piece, smallest);
    let widths = needs
        .iter()
        .map(|c| {
            if total.get() > 0.0 {
                room * ((c.piece * smallest) / total)
            } else {
                room * (1.0 / n.max(1) as f64)
            }
        })
        .collect();
    Plan {
        scale: smallest,
        widths,
        gap: gap_at(smallest),
        is_wrapped: true,
    }
}

/// Sets a table in `frame`.
pub fn set(setter: &mut Setter, table: &Table, frame: &Frame) -> SetTable {
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.head.len(), table.aligns.len()])
        .max()
        .unwrap_or(0);
    if columns == 0 {
        return SetTable::default();
    }
    let has_head = table.head.iter().any(|t| !t.is_blank());
    let empty = Text::default();
    let cell = |row: &'_ [Text], c: usize| row.get(c).unwrap_or(&empty).clone();
    let mut missing = Vec::new();
    let mut needs = vec![Needs::default(); columns];
    let head_row = has_head.then_some(table.head.as_slice());
    for row in head_row
        .into_iter()
        .chain(table.rows.iter().map(Vec::as_slice))
    {
        for (c, need) in needs.iter_mut().enumerate() {
            let text = cell(row, c);
            let found = measure(setter, &text, frame.size, &mut missing);
            need.natural = need.natural.max(found.natural);
            need.word = need.word.max(found.word);
            need.piece = need.piece.max(found.piece);
        }
    }
    let plan = plan(&needs, COLUMN_GAP.at(frame.size), frame.width);
    let size = frame.size * plan.scale;
    let leading = frame.leading * plan.scale;
    let width = plan.width();
    let left = frame.x + ((frame.width - width) * 0.5).max(Pt::new(0.0));
    let mut xs = Vec::with_capacity(columns);
    let mut x = left;
    for w in &plan.widths {
        xs.push(x);
        x += *w + plan.gap;
    }
    let align = |c: usize| table.aligns.get(c).copied().unwrap_or(Align::Left);
    let mut cut_words = Vec::new();
    let mut set_row = |setter: &mut Setter, row: &[Text], missing: &mut Vec<char>| {
        (0..columns)
            .map(|c| {
                let text = cell(row, c);
                let layout = Layout {
                    size,
                    measure: plan.widths[c] + SLACK,
                    indent: Pt::new(0.0),
                    align: align(c),
                    looseness: 0,
                };
                let set = setter.set(&text, &layout);
                for ch in set.missing {
                    if !missing.contains(&ch) {
                        missing.push(ch);
                    }
                }
                let mut lines = Vec::new();
                for line in set.lines {
                    if (plan.widths[c] + SLACK).fits(line.width) {
                        lines.push(line);
                    } else {
                        cut_words.push(line.runs.iter().map(|r| r.text.as_str()).collect());
                        for mut piece in cut(line, plan.widths[c]) {
                            let room = plan.widths[c] + SLACK - piece.width;
                            let dx = match align(c) {
                                Align::Right => room,
                                Align::Center => room * 0.5,
                                _ => Pt::new(0.0),
                            };
                            for run in &mut piece.runs {
                                run.origin.x += dx;
                            }
                            for link in &mut piece.links {
                                link.0 += dx;
                                link.1 += dx;
                            }
                            piece.width += dx;
                            lines.push(piece);
                        }
                    }
                }
                lines
            })
            .collect::<Vec<Vec<Line>>>()
    };
    let head = head_row.map(|row| set_row(setter, row, &mut missing));
    let body: Vec<Vec<Vec<Line>>> = table
        .rows
        .iter()
        .map(|row| set_row(setter, row, &mut missing))
        .collect();
    let is_wrapped = body.iter().any(|cells| cells.iter().any(|l| l.len() > 1));
    // Cells are set on their column's width plus `SLACK`: flush right and centred lines
    // move back by what that adds.
    let xs = (0..columns)
        .map(|c| match align(c) {
            Align::Right => xs[c] - SLACK,
            Align::Center => xs[c] - SLACK * 0.5,
            _ => xs[c],
        })
        .collect();
    let bands = Bands {
        xs,
        left,
        width,
        size,
        leading,
        body_size: frame.size,
        row_gap: if is_wrapped {
            leading * ROW_GAP
        } else {
            Pt::new(0.0)
        },
    };
    let mut elements = Vec::new();
    if let Some(head) = head {
        elements.push(Element::TableBand {
            band: bands.head(head),
            keep_with_next: true,
            header: None,
        });
    }
    let rows = body.len();
    for (r, cells) in body.into_iter().enumerate() {
        let row = bands.row(cells, r == 0 && !has_head, r + 1 == rows);
        let n = row.len();
        for (k, band) in row.into_iter().enumerate() {
            let header = has_head.then_some(elements.len());
            elements.push(Element::TableBand {
                band,
                keep_with_next: k + 1 < n,
                header,
            });
        }
    }
    SetTable {
        elements,
        plan,
        cut_words,
        missing,
    }
}

/// What one cell needs, at `size`.
fn measure(setter: &mut Setter, text: &Text, size: Pt, missing: &mut Vec<char>) -> Needs {
    let widest = |setter: &mut Setter, text: &Text, measure: Pt, missing: &mut Vec<char>| {
        let layout = Layout {
            size,
            measure,
            indent: Pt::new(0.0),
            align: Align::Left,
            looseness: 0,
        };
        let set = setter.set(text, &layout);
        for c in set.missing {
            if !missing.contains(&c) {
                missing.push(c);
            }
        }
        set.lines
            .iter()
            .map(|l| l.width)
            .fold(Pt::new(0.0), Pt::max)
    };
    let natural = widest(setter, text, Pt::new(1.0e6), missing);
    // Each word on a line of its own: a space and a forced break take one byte each, so the
    // formats still fit the text.
    let words = Text {
        text: text.text.replace(' ', "\n"),
        formats: text.formats.clone(),
    };
    let word = widest(setter, &words, Pt::new(1.0e6), missing);
    // A measure too narrow for anything: the breaker breaks at every opportunity it has.
    let piece = widest(setter, &words, Pt::new(0.0), missing).min(word);
    Needs {
        natural,
        word,
        piece,
    }
}

/// Builds the bands of a set table.
struct Bands {
    xs: Vec<Pt>,
    left: Pt,
    width: Pt,
    size: Pt,
    leading: Pt,
    body_size: Pt,
    row_gap: Pt,
}

impl Bands {
    fn rule(&self, y: Pt, thickness: Em) -> Rule {
        Rule {
            x: self.left,
            width: self.width,
            y,
            thickness: thickness.at(self.body_size),
        }
    }

    /// The line slots of a row's cells from `top`: each cell's `k`-th line in slot `k`.
    fn slot(&self, cells: &[Vec<Line>], k: usize, top: Pt, band: &mut Band) {
        for (c, lines) in cells.iter().enumerate() {
            if let Some(line) = lines.get(k) {
                let at = Point {
                    x: self.xs[c],
                    y: top + self.leading * STRUT_HEIGHT,
                };
                band.lines.push((at, line.clone()));
            }
        }
    }

    /// The header: the top rule, the header cells, the rule under them.
    fn head(&self, cells: Vec<Vec<Line>>) -> Band {
        let heavy = HEAVY_RULE.at(self.body_size);
        let light = LIGHT_RULE.at(self.body_size);
        let mut band = Band {
            size: self.size,
            ..Band::default()
        };
        band.rules.push(self.rule(heavy * 0.5, HEAVY_RULE));
        let mut y = heavy + BELOW_RULE.at(self.size);
        let n = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for k in 0..n {
            self.slot(&cells, k, y, &mut band);
            y += self.leading;
        }
        y += ABOVE_RULE.at(self.size);
        band.rules.push(self.rule(y + light * 0.5, LIGHT_RULE));
        band.height = y + light + BELOW_RULE.at(self.size);
        band
    }

    /// A body row, one band per line; the first row of a table without a header carries the
    /// top rule, the last row the bottom rule.
    fn row(&self, cells: Vec<Vec<Line>>, is_first: bool, is_last: bool) -> Vec<Band> {
        let heavy = HEAVY_RULE.at(self.body_size);
        let n = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        (0..n)
            .map(|k| {
                let mut band = Band {
                    size: self.size,
                    ..Band::default()
                };
                let mut y = Pt::new(0.0);
                if is_first && k == 0 {
                    band.rules.push(self.rule(heavy * 0.5, HEAVY_RULE));
                    y += heavy + BELOW_RULE.at(self.size);
                }
                self.slot(&cells, k, y, &mut band);
                y += self.leading;
                if k + 1 == n {
                    if is_last {
                        y += ABOVE_RULE.at(self.size);
                        band.rules.push(self.rule(y + heavy * 0.5, HEAVY_RULE));
                        y += heavy;
                    } else {
                        y += self.row_gap;
                    }
                }
                band.height = y;
                band
            })
            .collect()
    }
}

/// Cuts a line wider than `measure` into lines that fit, between glyphs (a word no break
/// opportunity can fit into its column).
fn cut(line: Line, measure: Pt) -> Vec<Line> {
    // Each glyph as (run, glyph, left edge); its right edge is the next one's left edge, or
    // the line's end.
    let mut glyphs: Vec<(usize, usize, Pt)> = Vec::new();
    for (r, run) in line.runs.iter().enumerate() {
        for (g, glyph) in run.glyphs.iter().enumerate() {
            glyphs.push((r, g, run.origin.x + glyph.x));
        }
    }
    let mut pieces = Vec::new();
    let mut first = 0;
    for k in 0..glyphs.len() {
        let x = glyphs[k].2;
        let right = glyphs.get(k + 1).map_or(line.width, |next| next.2.max(x));
        if k > first && !measure.fits(right - glyphs[first].2) {
            pieces.push(piece(&line, &glyphs[first..k], x));
            first = k;
        }
    }
    if first < glyphs.len() {
        pieces.push(piece(&line, &glyphs[first..], line.width));
    }
    pieces
}

/// The glyphs `glyphs` of `line` (as `cut` lists them), which end at `to`, as a line of
/// their own.
fn piece(line: &Line, glyphs: &[(usize, usize, Pt)], to: Pt) -> Line {
    let from = glyphs.first().map_or(Pt::new(0.0), |g| g.2);
    let mut runs: Vec<TextRun> = Vec::new();
    let mut source = None;
    for &(r, g, x) in glyphs {
        let run = &line.runs[r];
        let glyph = &run.glyphs[g];
        if source != Some(r) {
            source = Some(r);
            runs.push(TextRun {
                glyphs: Vec::new(),
                text: String::new(),
                origin: Point {
                    x: x - from,
                    y: run.origin.y,
                },
                ..run.clone()
            });
        }
        let Some(piece) = runs.last_mut() else {
            continue;
        };
        let text = run
            .text
            .get(glyph.text.start as usize..glyph.text.end as usize)
            .unwrap_or("");
        let start = piece.text.len() as u32;
        piece.text.push_str(text);
        let mut glyph = glyph.clone();
        glyph.x = x - from - piece.origin.x;
        glyph.text = start..piece.text.len() as u32;
        piece.glyphs.push(glyph);
    }
    let links = line
        .links
        .iter()
        .filter(|&&(x0, x1, _)| x1 > from && x0 < to)
        .map(|&(x0, x1, link)| (x0.max(from) - from, x1.min(to) - from, link))
        .collect();
    Line {
        runs,
        links,
        is_hyphenated: false,
        width: to - from,
        space_ratio: 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::FontFiles;
    use crate::typeset::font::{FontSet, Style};
    use crate::typeset::hyphenate::Hyphenator;
    use crate::typeset::linebreak::Params;
    use crate::typeset::paginate::paginate;
    use crate::typeset::paragraph::Format;
    use crate::typeset::shape::Shaper;

    fn pt(v: f64) -> Pt {
        Pt::new(v)
    }

    fn fonts() -> FontSet {
        FontSet::with_files(&FontFiles::default()).expect("the built-in fonts parse")
    }

    fn setter(fonts: &FontSet) -> Setter<'_> {
        Setter::new(
            fonts,
            Shaper::new("en"),
            Hyphenator::new("en", true, 2, 3),
            Params::default(),
        )
    }

    fn text(s: &str, style: Style) -> Text {
        let mut t = Text::default();
        t.push(s, Format::plain(style));
        t
    }

    fn table(head: &[&str], rows: &[&[&str]], aligns: &[Align]) -> Table {
        Table {
            head: head.iter().map(|s| text(s, Style::Bold)).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|s| text(s, Style::Regular)).collect())
                .collect(),
            aligns: aligns.to_vec(),
        }
    }

    const FRAME: Frame = Frame {
        x: Pt::new(0.0),
        width: Pt::new(300.0),
        size: Pt::new(10.0),
        leading: Pt::new(12.0),
    };

    fn bands(set: &SetTable) -> Vec<&Band> {
        set.elements
            .iter()
            .filter_map(|e| match e {
                Element::TableBand { band, .. } => Some(band),
                _ => None,
            })
            .collect()
    }

    /// Every drawn glyph's left edge and the right edge of each line, over all bands.
    fn extent(set: &SetTable) -> (Pt, Pt) {
        let mut left = pt(f64::MAX);
        let mut right = pt(f64::MIN);
        for band in bands(set) {
            for (at, line) in &band.lines {
                for run in &line.runs {
                    for glyph in &run.glyphs {
                        left = left.min(at.x + run.origin.x + glyph.x);
                    }
                }
                right = right.max(at.x + line.width);
            }
            for rule in &band.rules {
                left = left.min(rule.x);
                right = right.max(rule.x + rule.width);
            }
        }
        (left, right)
    }

    #[test]
    fn a_narrow_table_takes_its_natural_widths_at_nine_tenths() {
        let needs = [
            Needs {
                natural: pt(40.0),
                word: pt(20.0),
                piece: pt(10.0),
            },
            Needs {
                natural: pt(100.0),
                word: pt(30.0),
                piece: pt(15.0),
            },
        ];
        let plan = plan(&needs, pt(10.0), pt(300.0));
        assert_eq!(plan.scale, 0.9);
        assert_eq!(plan.widths, vec![pt(36.0), pt(90.0)]);
        assert!(!plan.is_wrapped);
    }

    #[test]
    fn a_slightly_wide_table_shrinks_its_type_before_wrapping() {
        let needs = [
            Needs {
                natural: pt(150.0),
                word: pt(20.0),
                piece: pt(10.0),
            },
            Needs {
                natural: pt(190.0),
                word: pt(30.0),
                piece: pt(15.0),
            },
        ];
        // 350 at full size: 315 at 0.9, 297.5 at 0.85.
        let plan = plan(&needs, pt(10.0), pt(300.0));
        assert_eq!(plan.scale, 0.85);
        assert!(!plan.is_wrapped);
        assert!(pt(300.0).fits(plan.width()));
        // One that would need 0.7 to fit unwrapped wraps at 0.9 instead.
        let needs = [
            needs[0],
            Needs {
                natural: pt(250.0),
                ..needs[1]
            },
        ];
        let plan = super::plan(&needs, pt(10.0), pt(300.0));
        assert_eq!(plan.scale, 0.9);
        assert!(plan.is_wrapped);
        assert!(pt(300.0).fits(plan.width()));
    }

    #[test]
    fn a_wide_table_wraps_sharing_the_room_as_html_auto_layout_does() {
        // Column 0 cannot wrap (min = natural); column 1 is prose.
        let needs = [
            Needs {
                natural: pt(60.0),
                word: pt(60.0),
                piece: pt(60.0),
            },
            Needs {
                natural: pt(900.0),
                word: pt(50.0),
                piece: pt(20.0),
            },
        ];
        let plan = plan(&needs, pt(10.0), pt(300.0));
        assert_eq!(plan.scale, 0.9, "words fit at 0.9: no need to shrink");
        assert!(plan.is_wrapped);
        assert!((plan.width() - pt(300.0)).get().abs() < 1e-9);
        assert!((plan.widths[0] - pt(54.0)).get().abs() < 1e-9, "{plan:?}");
        // Two columns whose words do not fit at 0.9 shrink to the size where they do.
        let wide = Needs {
            natural: pt(900.0),
            word: pt(170.0),
            piece: pt(40.0),
        };
        let plan = super::plan(&[wide, wide], pt(10.0), pt(300.0));
        assert_eq!(plan.scale, 0.85);
        assert!(pt(300.0).fits(plan.width()));
        assert!(plan.widths.iter().all(|w| w.fits(wide.word * 0.85)));
    }

    #[test]
    fn a_table_of_unbreakable_words_never_exceeds_the_measure() {
        let wide = Needs {
            natural: pt(900.0),
            word: pt(400.0),
            piece: pt(400.0),
        };
        let plan = plan(&[wide, wide, wide], pt(10.0), pt(300.0));
        assert_eq!(plan.scale, 0.7);
        assert!(pt(300.0).fits(plan.width()), "{plan:?}");
    }

    #[test]
    fn column_widths_follow_the_content_and_alignment_places_the_cells() {
        let fonts = fonts();
        let mut setter = setter(&fonts);
        let t = table(
            &["Length", "Signed"],
            &[&["8-bit", "i8"], &["Architecture-dependent", "isize"]],
            &[Align::Left, Align::Right],
        );
        let set = set(&mut setter, &t, &FRAME);
        let plan = &set.plan;
        assert_eq!(plan.scale, 0.9);
        assert!(!plan.is_wrapped);
        // The first column is as wide as its widest cell, set alone.
        let alone = setter.set(
            &text("Architecture-dependent", Style::Regular),
            &Layout {
                size: pt(9.0),
                measure: pt(1000.0),
                indent: pt(0.0),
                align: Align::Left,
                looseness: 0,
            },
        );
        assert!((plan.widths[0] - alone.lines[0].width).get().abs() < 0.01);
        assert!(plan.widths[0] > plan.widths[1] * 2.0);
        // Header, two one-line rows; right-aligned cells end at the column's right edge.
        let bands = bands(&set);
        assert_eq!(bands.len(), 3);
        let (table_left, table_right) = extent(&set);
        assert!((table_right - table_left - plan.width()).get().abs() < 0.01);
        for band in &bands {
            let right_cell = band.lines.iter().find(|(at, _)| at.x > table_left);
            let Some((at, line)) = right_cell else {
                panic!("no second cell in {band:?}")
            };
            let end = at.x + line.runs[0].origin.x + line.width - line.runs[0].origin.x;
            assert!(
                (end - table_right).get().abs() < 0.1,
                "{end:?} {table_right:?}"
            );
            let left_cell = &band.lines[0];
            assert!(
                (left_cell.0.x + left_cell.1.runs[0].origin.x - table_left)
                    .get()
                    .abs()
                    < 0.01
            );
        }
        // Centred in the frame; rules above, under the header, and below.
        assert!(
            ((table_left - FRAME.x) - (FRAME.x + FRAME.width - table_right))
                .get()
                .abs()
                < 0.01
        );
        let rules: usize = bands.iter().map(|b| b.rules.len()).sum();
        assert_eq!(rules, 3);
        assert_eq!(bands[0].rules.len(), 2);
        assert_eq!(bands[2].rules.len(), 1);
    }

    #[test]
    fn a_wide_table_shrinks_then_wraps_and_stays_in_the_measure() {
        let fonts = fonts();
        let mut setter = setter(&fonts);
        let prose = "Short-circuiting logical conjunction of two boolean expressions, \
                     evaluated left to right and stopping as soon as the result is known";
        let t = table(
            &["Operator", "Example", "Explanation"],
            &[
                &["&&", "expr && expr", prose],
                &["..=", "start..=end", "Right-inclusive range literal"],
            ],
            &[Align::Left, Align::Left, Align::Left],
        );
        let set = set(&mut setter, &t, &FRAME);
        assert!(set.plan.is_wrapped);
        assert!(set.cut_words.is_empty());
        let (left, right) = extent(&set);
        assert!(
            left >= FRAME.x && (FRAME.x + FRAME.width).fits(right),
            "{left:?}..{right:?}"
        );
        // The prose row takes several bands, kept together; the row's last band allows a
        // break, and every body band names the header.
        let body: Vec<(bool, Option<usize>)> = set
            .elements
            .iter()
            .skip(1)
            .map(|e| match e {
                Element::TableBand {
                    keep_with_next,
                    header,
                    ..
                } => (*keep_with_next, *header),
                _ => panic!("only bands"),
            })
            .collect();
        assert!(body.len() >= 3, "{body:?}");
        assert!(body[0].0 && !body[body.len() - 1].0);
        for (k, (_, header)) in body.iter().enumerate() {
            assert_eq!(*header, Some(k + 1));
        }
        // A table too wide even in wrapped 0.9 type: words that cannot fit are cut, and
        // nothing is drawn outside the frame.
        let narrow = Frame {
            width: pt(60.0),
            ..FRAME
        };
        let t = table(
            &["A", "B"],
            &[&["Incomprehensibilities", "Antidisestablishmentarianism"]],
            &[Align::Left, Align::Right],
        );
        let set = super::set(&mut setter, &t, &narrow);
        assert_eq!(set.plan.scale, 0.7);
        let (left, right) = extent(&set);
        assert!(
            left >= narrow.x && (narrow.x + narrow.width).fits(right),
            "{left:?}..{right:?}"
        );
        let xxx = Frame {
            width: pt(30.0),
            ..FRAME
        };
        let t = table(
            &["A"],
            &[&["xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]],
            &[],
        );
        let set = super::set(&mut setter, &t, &xxx);
        assert_eq!(set.cut_words.len(), 1);
        let (left, right) = extent(&set);
        assert!(
            left >= xxx.x && (xxx.x + xxx.width).fits(right),
            "{left:?}..{right:?}"
        );
        let text: String = bands(&set)
            .iter()
            .flat_map(|b| b.lines.iter())
            .flat_map(|(_, l)| l.runs.iter())
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(text, "Axxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    }

    #[test]
    fn a_long_table_breaks_between_rows_and_repeats_its_header() {
        let fonts = fonts();
        let mut setter = setter(&fonts);
        let rows: Vec<Vec<String>> = (0..40)
            .map(|k| vec![format!("row {k}"), format!("{}", k * k)])
            .collect();
        let rows: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
        let t = table(&["Row", "Square"], &rows, &[Align::Left, Align::Right]);
        let mut elements = vec![Element::Space {
            height: pt(100.0),
            is_discardable: false,
            keep_with_next: false,
        }];
        elements.extend(set(&mut setter, &t, &FRAME).elements);
        let frames = paginate(&elements, pt(200.0), pt(12.0), true);
        assert!(frames.len() >= 3, "{} pages", frames.len());
        assert_eq!(frames[0].header, None);
        let mut rows_seen = 0;
        for (n, frame) in frames.iter().enumerate() {
            let placed_bands = frame
                .placed
                .iter()
                .filter(|(k, _)| matches!(elements[*k], Element::TableBand { .. }))
                .count();
            if n > 0 {
                // The header (element 1) opens each continuation page, then the rows.
                assert_eq!(frame.header, Some((1, pt(0.0))), "page {n}");
                let Element::TableBand { band, .. } = &elements[1] else {
                    panic!()
                };
                assert_eq!(frame.placed[0], (frame.placed[0].0, band.height));
                rows_seen += placed_bands;
            } else {
                // The first page has the header and at least one row below it.
                assert!(placed_bands >= 2);
                rows_seen += placed_bands - 1;
            }
            let bottom = frame
                .placed
                .iter()
                .map(|&(k, y)| match &elements[k] {
                    Element::TableBand { band, .. } => y + band.height,
                    _ => y,
                })
                .fold(pt(0.0), Pt::max);
            assert!(pt(200.0).fits(bottom), "page {n} ends at {bottom:?}");
        }
        assert_eq!(rows_seen, 40);
        // Space for little more than the header: the table starts on the next page, whole.
        elements[0] = Element::Space {
            height: pt(175.0),
            is_discardable: false,
            keep_with_next: false,
        };
        let frames = paginate(&elements, pt(200.0), pt(12.0), true);
        assert_eq!(
            frames[0].placed.len(),
            1,
            "only the space on the first page"
        );
        assert_eq!(frames[1].header, None);
        assert_eq!(frames[1].placed[0], (1, pt(0.0)));
    }

    #[test]
    fn cut_pieces_keep_their_text_and_links() {
        let fonts = fonts();
        let mut setter = setter(&fonts);
        let mut t = Text::default();
        t.push(
            "abcdefghijklmnopqrstuvwxyz",
            Format {
                link: Some(7),
                ..Format::plain(Style::Regular)
            },
        );
        let layout = Layout {
            size: pt(10.0),
            measure: pt(1000.0),
            indent: pt(0.0),
            align: Align::Left,
            looseness: 0,
        };
        let line = setter.set(&t, &layout).lines.remove(0);
        let whole = line.width;
        let pieces = cut(line, pt(30.0));
        assert!(pieces.len() >= 3);
        let text: String = pieces
            .iter()
            .flat_map(|l| &l.runs)
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(text, "abcdefghijklmnopqrstuvwxyz");
        let sum: Pt = pieces.iter().map(|l| l.width).sum();
        assert!((sum - whole).get().abs() < 0.01);
        for piece in &pieces {
            assert!(pt(30.0).fits(piece.width));
            assert_eq!(piece.links.len(), 1);
            assert_eq!(piece.links[0].2, 7);
            assert!(piece.runs[0].glyphs[0].x.get().abs() < 1e-9);
            assert!(piece.runs[0].origin.x.get().abs() < 1e-9);
        }
    }

    #[test]
    fn words_and_pieces_are_narrower_than_the_whole() {
        let fonts = fonts();
        let mut setter = setter(&fonts);
        let mut missing = Vec::new();
        let needs = measure(
            &mut setter,
            &text("an incomprehensibility remains", Style::Regular),
            pt(10.0),
            &mut missing,
        );
        assert!(
            needs.piece < needs.word && needs.word < needs.natural,
            "{needs:?}"
        );
        let word = measure(
            &mut setter,
            &text("incomprehensibility", Style::Regular),
            pt(10.0),
            &mut missing,
        );
        assert!((word.word - needs.word).get().abs() < 0.01);
        assert!(missing.is_empty());
    }
}
