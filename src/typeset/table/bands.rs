//! Set cell lines → bands: lines placed in their columns, booktabs rules, row spacing; and
//! the cutting of a word too wide for its column.

use super::super::page::{Point, TextRun};
use super::super::text::{Line, LineImage, Strike};
use crate::units::{Em, Pt};

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
pub(super) const ROW_GAP: f64 = 0.4;

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

/// Builds the bands of a set table.
pub(super) struct Bands {
    pub(super) xs: Vec<Pt>,
    pub(super) left: Pt,
    pub(super) width: Pt,
    pub(super) size: Pt,
    pub(super) leading: Pt,
    pub(super) body_size: Pt,
    pub(super) row_gap: Pt,
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
    pub(super) fn head(&self, cells: Vec<Vec<Line>>) -> Band {
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
    pub(super) fn row(&self, cells: Vec<Vec<Line>>, is_first: bool, is_last: bool) -> Vec<Band> {
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
pub(in crate::typeset) fn cut(line: Line, measure: Pt) -> Vec<Line> {
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
    // An image left of the first glyph (the line's start) goes with the first piece.
    if let (Some(first), Some(&(_, _, x0))) = (pieces.first_mut(), glyphs.first()) {
        for image in line.images.iter().filter(|i| i.x < x0) {
            first.images.insert(
                0,
                LineImage {
                    x: image.x - x0,
                    ..*image
                },
            );
        }
    }
    if pieces.is_empty() {
        // Nothing to cut between: an image alone.
        pieces.push(line);
    }
    pieces
}

/// Moves a line's glyphs and links right by `dx`.
pub(in crate::typeset) fn shift(line: &mut Line, dx: Pt) {
    for run in &mut line.runs {
        run.origin.x += dx;
    }
    for image in &mut line.images {
        image.x += dx;
    }
    for strike in &mut line.strikes {
        strike.from += dx;
        strike.to += dx;
    }
    for link in &mut line.links {
        link.0 += dx;
        link.1 += dx;
    }
    line.width += dx;
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
    let images = (line.images.iter())
        .filter(|i| i.x >= from && i.x < to)
        .map(|i| LineImage {
            x: i.x - from,
            ..*i
        })
        .collect();
    let strikes = (line.strikes.iter())
        .filter(|s| s.to > from && s.from < to)
        .map(|s| Strike {
            from: s.from.max(from) - from,
            to: s.to.min(to) - from,
            ..*s
        })
        .collect();
    Line {
        runs,
        images,
        strikes,
        links,
        is_hyphenated: false,
        width: to - from,
        space_ratio: 0.0,
        text_start: line.text_start,
        mirror: line.mirror.map(|_| to - from),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{fonts, setter};
    use super::*;
    use crate::typeset::text::Style;
    use crate::typeset::text::{Align, Format, Layout, Text};

    fn pt(v: f64) -> Pt {
        Pt::new(v)
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
}
