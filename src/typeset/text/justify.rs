//! Chosen breaks → set lines: the glue of each line stretched or shrunk by one ratio (the
//! glyphs' expansion first), hyphens drawn, and the glyphs grouped into runs with their text
//! and link areas.

use std::ops::Range;

use super::glyphs::IMAGE_GLYPH;
use super::hyphenate::SOFT_HYPHEN;
use super::linebreak::Item;
use super::shape::Shaped;
use super::{
    Align, EXPANSION, Layout, Line, LineImage, OBJECT, PGlyph, Setter, Source, Strike, Text,
};
use crate::typeset::page::{Glyph, Point, TextRun};
use crate::units::{Em, Pt};
use unicode_bidi::Level;

/// How one line is set: where it starts, how much its glyphs widen, its word spaces
/// stretch and its letters are spaced.
struct Fit {
    /// The line's start in the measure (centred and right-aligned lines start inside it).
    x: Pt,
    /// The glyphs' horizontal scale (font expansion).
    scale: f64,
    /// The word spaces' ratio: 0 natural, 1 their full stretch, negative shrunk.
    space_ratio: f64,
    /// Space added after each letter of a text face (not code): 0 unless the word spaces
    /// would otherwise open past `TRACKING_FROM`.
    tracking: Pt,
}

impl Fit {
    /// How far a glue of `stretch` and `shrink` opens (or closes) on the line.
    fn opening(&self, layout: &Layout, stretch: Pt, shrink: Pt) -> Pt {
        if layout.align != Align::Justify {
            // Ragged lines keep their natural spaces: the fill at the break takes the room.
            Pt::new(0.0)
        } else if self.space_ratio >= 0.0 {
            stretch * self.space_ratio
        } else {
            shrink * self.space_ratio
        }
    }
}

impl Setter<'_> {
    /// Draws the items of one line (`is_last` of its paragraph, which `holds_code` or not).
    #[allow(
        clippy::too_many_arguments,
        reason = "the parts of one paragraph, passed down once"
    )]
    pub(super) fn line(
        &mut self,
        text: &Text,
        glyphs: &[PGlyph],
        items: &[Item],
        sources: &[Source],
        range: Range<usize>,
        layout: &Layout,
        (is_last, holds_code, rtl): (bool, bool, bool),
        levels: Option<&[Level]>,
    ) -> Line {
        let last_and_code = (is_last, holds_code);
        // Discardable items at the start of a line (after the first) are dropped, as in TeX.
        let mut start = range.start;
        if start > 0 {
            while start < range.end && !matches!(items[start], Item::Box { .. }) {
                start += 1;
            }
        }
        // The break item is included: a penalty's width shows at a hyphen.
        let range = start..range.end;
        let range_end = range.end;
        let fit = self.fit(glyphs, items, sources, range.clone(), layout, last_and_code);
        let mut line = Line::default();
        let mut placed = match levels {
            None => self.place(glyphs, items, sources, range, layout, &fit, &mut line),
            Some(levels) => {
                let base = if rtl { Level::rtl() } else { Level::ltr() };
                let pieces =
                    self.pieces(glyphs, items, sources, range, layout, &fit, (levels, base));
                self.place_visual(glyphs, &pieces, &fit, &mut line)
            }
        };
        // The width of what is drawn: the end of the last glyph, not of the fill after it.
        line.width = placed
            .iter()
            .map(|(g, gx, _)| *gx + g.advance() * fit.scale)
            .fold(Pt::new(0.0), Pt::max);
        if rtl {
            // Right to left, the line aligns as its mirror image: what is left of the
            // measure goes to the other side (the width stays what is drawn).
            let shift = layout.measure - line.width - fit.x;
            for (_, x, _) in &mut placed {
                *x += shift;
            }
            line.mirror = Some(layout.measure);
        }
        // Where the next line's text starts: the last cluster on this line ends there (a
        // ligature or a base with its marks shows all its characters).
        let line_end = (sources[range_end..].iter())
            .find_map(|source| match source {
                Source::Glyphs(r) | Source::Solid(r) => {
                    Some(glyphs[r.start].shaped.cluster as usize)
                }
                _ => None,
            })
            .unwrap_or(text.text.len());
        line.space_ratio = fit.space_ratio;
        line.text_start = placed
            .iter()
            .map(|(g, _, _)| g.shaped.cluster as usize)
            .min()
            .unwrap_or(0);
        line.links = link_areas(&placed);
        line.strikes = strikes(text, &placed, fit.scale);
        // Inline images are drawn as images, not glyphs.
        line.images = images(text, &placed);
        placed.retain(|(g, _, _)| g.shaped.id != IMAGE_GLYPH);
        line.runs = runs(text, &placed, fit.scale, line_end);
        line
    }

    /// Measures the line's items and chooses how it fills the measure: one ratio for all
    /// glue, as the breaker chose, the glyphs' expansion first (to its limit), then the word
    /// spaces, then (past `TRACKING_FROM`) a little letter-spacing.
    fn fit(
        &self,
        glyphs: &[PGlyph],
        items: &[Item],
        sources: &[Source],
        range: Range<usize>,
        layout: &Layout,
        (is_last, holds_code): (bool, bool),
    ) -> Fit {
        let mut width = Pt::new(0.0);
        let mut stretch = Pt::new(0.0);
        let mut shrink = Pt::new(0.0);
        let mut words = Pt::new(0.0);
        let mut space_stretch = Pt::new(0.0);
        let mut holds_solid = false;
        for (k, item) in items[range.clone()].iter().enumerate() {
            let is_break = range.start + k + 1 == range.end;
            match (*item, &sources[range.start + k]) {
                (Item::Box { width: w }, source) => {
                    width += w;
                    match source {
                        Source::Glyphs(_) => words += w,
                        Source::Solid(_) => holds_solid = true,
                        _ => {}
                    }
                }
                (Item::Glue { width: w, .. }, Source::Space(st, sh)) if !is_break => {
                    width += w;
                    stretch += *st;
                    shrink += *sh;
                    space_stretch += *st;
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
        // share for the breaker; not on a line of CJK or Thai, whose glyphs keep their
        // width (the run's one scale would widen them too).
        let justify = layout.align == Align::Justify;
        let expansion = if justify && !holds_solid {
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
        if is_last && ratio > 0.0 && justify {
            ratio = 0.0;
        }
        let expansion_ratio = ratio.clamp(-1.0, 1.0);
        let rest = room - expansion * expansion_ratio;
        let mut space_ratio = if ratio == 0.0 {
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
        // A justified line of a paragraph with code (which breaks only at its punctuation)
        // that could only be filled by opening its word spaces wider than about twice their
        // width is left a little short instead: no rivers around inline code.
        if space_ratio > MAX_CODE_LINE_STRETCH && justify && holds_code {
            space_ratio = MAX_CODE_LINE_STRETCH;
        }
        // A line that would open its word spaces past the loose limit spaces its letters a
        // little (at most `MAX_TRACKING`) and its word spaces take the rest.
        let mut tracking = Pt::new(0.0);
        let letters = if justify && space_ratio > TRACKING_FROM {
            // Counted only for such lines (a few in a thousand): the letters of text faces.
            self.letters(glyphs, &sources[range.clone()])
        } else {
            0
        };
        if letters > 0 && space_stretch.get() > 0.0 {
            let excess = space_stretch * (space_ratio - TRACKING_FROM);
            tracking = (excess * (1.0 / letters as f64)).min(MAX_TRACKING.at(layout.size));
            space_ratio -= tracking * letters as f64 / space_stretch;
        }
        let scale = 1.0 + expansion_ratio * EXPANSION * f64::from(u8::from(expansion.get() > 0.0));
        let x = match layout.align {
            Align::Center => (room * 0.5).max(Pt::new(0.0)),
            Align::Right => room.max(Pt::new(0.0)),
            _ => Pt::new(0.0),
        };
        Fit {
            x,
            scale,
            space_ratio,
            tracking,
        }
    }

    /// The glyphs of text faces (not code) among `sources`: those letter-spacing spaces.
    fn letters(&self, glyphs: &[PGlyph], sources: &[Source]) -> usize {
        sources
            .iter()
            .filter_map(|source| match source {
                Source::Glyphs(r) => Some(
                    glyphs[r.clone()]
                        .iter()
                        .filter(|g| !self.fonts.faces[g.face].is_code)
                        .count(),
                ),
                _ => None,
            })
            .sum()
    }

    /// Places the line's glyphs (and its hyphen) as `fit` says; marks `line` hyphenated.
    #[allow(
        clippy::too_many_arguments,
        reason = "the parts of one paragraph, passed down once"
    )]
    fn place(
        &mut self,
        glyphs: &[PGlyph],
        items: &[Item],
        sources: &[Source],
        range: Range<usize>,
        layout: &Layout,
        fit: &Fit,
        line: &mut Line,
    ) -> Vec<(PGlyph, Pt, Option<&'static str>)> {
        let scale = fit.scale;
        let mut x = fit.x;
        let mut placed: Vec<(PGlyph, Pt, Option<&'static str>)> = Vec::new();
        let spaces = |st: Pt, sh: Pt| fit.opening(layout, st, sh);
        for (k, item) in items[range.clone()].iter().enumerate() {
            let is_break = range.start + k + 1 == range.end;
            match (item, &sources[range.start + k]) {
                (Item::Box { .. }, Source::Solid(r)) => {
                    for glyph in &glyphs[r.clone()] {
                        placed.push((*glyph, x + glyph.shaped.x_offset.at(glyph.size), None));
                        x += glyph.advance();
                    }
                }
                (Item::Box { width: w }, Source::Glyphs(r)) => {
                    let mut gx = x;
                    let mut tracked = 0.0;
                    for glyph in &glyphs[r.clone()] {
                        placed.push((
                            *glyph,
                            gx + glyph.shaped.x_offset.at(glyph.size) * scale,
                            None,
                        ));
                        gx += glyph.advance() * scale;
                        if !self.fonts.faces[glyph.face].is_code {
                            gx += fit.tracking;
                            tracked += 1.0;
                        }
                    }
                    x += *w * scale + fit.tracking * tracked;
                }
                (Item::Glue { width: w, .. }, Source::Space(st, sh)) if !is_break => {
                    x += *w + spaces(*st, *sh);
                }
                (Item::Box { width: w }, _) => x += *w,
                (
                    Item::Glue {
                        width: w,
                        stretch: st,
                        shrink: sh,
                    },
                    _,
                ) if !is_break => x += *w + spaces(*st, *sh),
                (Item::Penalty { .. }, Source::Hyphen(g)) if is_break => {
                    let base = glyphs[*g];
                    let hyphen = self.hyphen_glyph(base.face);
                    placed.push((
                        PGlyph {
                            // The hyphen belongs to the word it breaks.
                            shaped: Shaped {
                                cluster: base.shaped.cluster,
                                ..hyphen
                            },
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
        placed
    }
}

/// A stretch of a line between bidi reorderings: glyphs of one level, a space, a hyphen.
struct Piece {
    /// What it draws.
    kind: PieceKind,
    /// Its width on the line (glyphs expanded and letter-spaced, glue stretched).
    width: Pt,
    /// Its bidi level; spaces and the indent take their neighbours' (`None` until then).
    level: Option<Level>,
}

enum PieceKind {
    /// Glyphs of one level, in reading order; `solid` ones keep their width.
    Glyphs { range: Range<usize>, solid: bool },
    /// A hyphen after glyph `usize`.
    Hyphen(usize),
    /// Nothing drawn: a space, the indent.
    Gap,
}

impl Setter<'_> {
    /// The line's pieces in reading order, sized as `fit` says: a box splits where the
    /// bidi level of its glyphs changes.
    #[allow(
        clippy::too_many_arguments,
        reason = "the parts of one paragraph, passed down once"
    )]
    fn pieces(
        &mut self,
        glyphs: &[PGlyph],
        items: &[Item],
        sources: &[Source],
        range: Range<usize>,
        layout: &Layout,
        fit: &Fit,
        (levels, base): (&[Level], Level),
    ) -> Vec<Piece> {
        let level_of = |g: usize| levels.get(glyphs[g].shaped.cluster as usize).copied();
        let spaces = |st: Pt, sh: Pt| fit.opening(layout, st, sh);
        let mut pieces = Vec::new();
        for (k, item) in items[range.clone()].iter().enumerate() {
            let is_break = range.start + k + 1 == range.end;
            match (item, &sources[range.start + k]) {
                (Item::Box { .. }, Source::Glyphs(r) | Source::Solid(r)) => {
                    let solid = matches!(sources[range.start + k], Source::Solid(_));
                    let mut start = r.start;
                    for g in r.clone() {
                        if g + 1 == r.end || level_of(g + 1) != level_of(start) {
                            let width = glyphs[start..=g]
                                .iter()
                                .map(|glyph| {
                                    if solid {
                                        glyph.advance()
                                    } else if self.fonts.faces[glyph.face].is_code {
                                        glyph.advance() * fit.scale
                                    } else {
                                        glyph.advance() * fit.scale + fit.tracking
                                    }
                                })
                                .sum();
                            pieces.push(Piece {
                                kind: PieceKind::Glyphs {
                                    range: start..g + 1,
                                    solid,
                                },
                                width,
                                level: level_of(start),
                            });
                            start = g + 1;
                        }
                    }
                }
                (Item::Glue { width: w, .. }, Source::Space(st, sh)) if !is_break => {
                    pieces.push(Piece {
                        kind: PieceKind::Gap,
                        width: *w + spaces(*st, *sh),
                        level: None,
                    });
                }
                (Item::Box { width: w }, _) => pieces.push(Piece {
                    kind: PieceKind::Gap,
                    width: *w,
                    level: None,
                }),
                (
                    Item::Glue {
                        width: w,
                        stretch: st,
                        shrink: sh,
                    },
                    _,
                ) if !is_break => pieces.push(Piece {
                    kind: PieceKind::Gap,
                    width: *w + spaces(*st, *sh),
                    level: None,
                }),
                (Item::Penalty { .. }, Source::Hyphen(g)) if is_break => {
                    let hyphen = self.hyphen_glyph(glyphs[*g].face);
                    pieces.push(Piece {
                        kind: PieceKind::Hyphen(*g),
                        width: hyphen.advance.at(glyphs[*g].size) * fit.scale,
                        level: level_of(*g),
                    });
                }
                _ => {}
            }
        }
        resolve_gaps(&mut pieces, base);
        pieces
    }

    /// Places the pieces left to right in visual order (UAX #9's rule L2: from the highest
    /// level down to the lowest odd one, each run at that level or above reversed), the
    /// glyphs of a right-to-left piece reversed back to where shaping put them.
    fn place_visual(
        &mut self,
        glyphs: &[PGlyph],
        pieces: &[Piece],
        fit: &Fit,
        line: &mut Line,
    ) -> Vec<(PGlyph, Pt, Option<&'static str>)> {
        let number = |p: &Piece| p.level.map_or(0, |l| l.number());
        let mut order: Vec<usize> = (0..pieces.len()).collect();
        let highest = pieces.iter().map(number).max().unwrap_or(0);
        let lowest_odd = pieces
            .iter()
            .map(number)
            .filter(|n| n % 2 == 1)
            .min()
            .unwrap_or(highest + 1);
        for level in (lowest_odd..=highest).rev() {
            let mut k = 0;
            while k < order.len() {
                if number(&pieces[order[k]]) < level {
                    k += 1;
                    continue;
                }
                let start = k;
                while k < order.len() && number(&pieces[order[k]]) >= level {
                    k += 1;
                }
                order[start..k].reverse();
            }
        }
        let mut placed = Vec::new();
        let mut x = fit.x;
        for &p in &order {
            let piece = &pieces[p];
            match &piece.kind {
                PieceKind::Glyphs { range, solid } => {
                    let scale = if *solid { 1.0 } else { fit.scale };
                    let mut gx = x;
                    let mut place = |glyph: &PGlyph| {
                        placed.push((
                            *glyph,
                            gx + glyph.shaped.x_offset.at(glyph.size) * scale,
                            None,
                        ));
                        gx += glyph.advance() * scale;
                        if !*solid && !self.fonts.faces[glyph.face].is_code {
                            gx += fit.tracking;
                        }
                    };
                    if number(piece) % 2 == 1 {
                        glyphs[range.clone()].iter().rev().for_each(&mut place);
                    } else {
                        glyphs[range.clone()].iter().for_each(&mut place);
                    }
                }
                PieceKind::Hyphen(g) => {
                    let base = glyphs[*g];
                    let hyphen = self.hyphen_glyph(base.face);
                    placed.push((
                        PGlyph {
                            // The hyphen belongs to the word it breaks.
                            shaped: Shaped {
                                cluster: base.shaped.cluster,
                                ..hyphen
                            },
                            ..base
                        },
                        x,
                        Some("-"),
                    ));
                    line.is_hyphenated = true;
                }
                PieceKind::Gap => {}
            }
            x += piece.width;
        }
        placed
    }
}

/// Gives each space and the indent a bidi level: the lower of the glyphs' on either side
/// (a space between two right-to-left words reads right to left, one between directions
/// takes the paragraph's), or the paragraph's `base` at the line's ends.
fn resolve_gaps(pieces: &mut [Piece], base: Level) {
    let mut before = base;
    let mut k = 0;
    while k < pieces.len() {
        if let Some(level) = pieces[k].level {
            before = level;
            k += 1;
            continue;
        }
        let run = k;
        while k < pieces.len() && pieces[k].level.is_none() {
            k += 1;
        }
        let after = pieces.get(k).and_then(|p| p.level);
        let level = match (run, after) {
            (0, _) | (_, None) => base,
            (_, Some(after)) => before.min(after),
        };
        for piece in &mut pieces[run..k] {
            piece.level = Some(level);
        }
    }
}

/// The most a line holding code stretches its word spaces, as a share of their stretch
/// (half a space, as in TeX): 1.8 makes a space 1.9 times its width.
const MAX_CODE_LINE_STRETCH: f64 = 1.8;
/// The word-space ratio past which a justified line spaces its letters: 1 is the spaces'
/// full stretch (1.5 × their width), where pdf-quality starts to count a line loose.
const TRACKING_FROM: f64 = 1.0;
/// The most space added after each letter of a loose line: 0.015 em, about 6% of a word
/// space (InDesign's justification settings allow letter-spacing in this range).
const MAX_TRACKING: Em = Em::new(0.015);

/// Groups placed glyphs into runs of one face, size, rise and colour, with their text.
fn runs(
    text: &Text,
    placed: &[(PGlyph, Pt, Option<&'static str>)],
    h_scale: f64,
    line_end: usize,
) -> Vec<TextRun> {
    let mut runs: Vec<TextRun> = Vec::new();
    for (k, (glyph, x, extra)) in placed.iter().enumerate() {
        let same = runs.last().is_some_and(|r| {
            r.font == glyph.face
                && r.size == glyph.size
                && r.origin.y == -glyph.rise
                && r.fill == glyph.fill
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
                fill: glyph.fill,
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
                        .or_else(|| {
                            // Right to left, the cluster read next is drawn before.
                            (placed.iter())
                                .map(|(g, _, _)| g.shaped.cluster as usize)
                                .filter(|&n| n > cluster)
                                .min()
                        })
                        .unwrap_or(line_end.max(end_of_cluster(&text.text, cluster)));
                    // Spaces are not glyphs here (the gap shows them), and a soft hyphen shows
                    // nothing: neither belongs to the glyph's text.
                    let shown = text.text[cluster..next.min(text.text.len())].trim_end_matches(
                        |c: char| c.is_whitespace() || c == SOFT_HYPHEN || c == OBJECT,
                    );
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

/// The inline images among the placed glyphs, where their glyphs are (each image's
/// format is the one of its glyph's character).
fn images(text: &Text, placed: &[(PGlyph, Pt, Option<&'static str>)]) -> Vec<LineImage> {
    (placed.iter())
        .filter(|(g, _, _)| g.shaped.id == IMAGE_GLYPH)
        .filter_map(|(g, x, _)| {
            let at = g.shaped.cluster as usize;
            let (_, format) = (text.formats.iter()).find(|(range, _)| range.contains(&at))?;
            let image = format.image?;
            let (width, height, depth) = image.size_at(g.size);
            Some(LineImage {
                image: image.image,
                x: *x,
                width,
                height,
                depth: depth - g.rise,
            })
        })
        .collect()
}

/// Where the struck-out text of the line is struck: through each stretch of glyphs whose
/// text is struck, at the middle of the lower-case letters (a quarter em up; raised with a
/// superscript), a twentieth of an em thick.
fn strikes(text: &Text, placed: &[(PGlyph, Pt, Option<&'static str>)], scale: f64) -> Vec<Strike> {
    if !text.formats.iter().any(|(_, f)| f.strike) {
        return Vec::new();
    }
    let struck =
        |at: usize| (text.formats.iter()).any(|(range, f)| f.strike && range.contains(&at));
    // Whether the text from one cluster to another (a word space between them) is all struck.
    let struck_between = |a: usize, b: usize| {
        let (from, to) = (a.min(b), a.max(b));
        (text.text.get(from..to)).is_some_and(|t| t.char_indices().all(|(i, _)| struck(from + i)))
    };
    let mut strikes: Vec<Strike> = Vec::new();
    let mut last: Option<(usize, usize)> = None;
    for (k, (glyph, x, _)) in placed.iter().enumerate() {
        let at = glyph.shaped.cluster as usize;
        if !struck(at) {
            continue;
        }
        let to = *x + glyph.advance() * scale;
        match strikes.last_mut() {
            // Glyphs in a row, and what is between them struck too.
            Some(strike) if last.is_some_and(|(l, c)| l + 1 == k && struck_between(c, at)) => {
                strike.to = strike.to.max(to);
            }
            _ => strikes.push(Strike {
                from: *x,
                to,
                rise: glyph.rise + glyph.size * STRIKE_RISE,
                thickness: glyph.size * STRIKE_THICKNESS,
            }),
        }
        last = Some((k, at));
    }
    strikes
}

/// A strike's height above the baseline and its thickness, × the type size.
const STRIKE_RISE: f64 = 0.25;
const STRIKE_THICKNESS: f64 = 0.05;

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
