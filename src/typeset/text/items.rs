//! Shaped glyphs → Knuth–Plass items: boxes for words and their fragments, glue for word
//! spaces (with the words' font expansion), penalties at hyphenation points, dashes and the
//! break points of code and URLs.

use std::ops::Range;

use super::font::FaceId;
use super::hyphenate::SOFT_HYPHEN;
use super::linebreak::{self, Item};
use super::shape::Shaped;
use super::{Align, EXPANSION, Layout, PGlyph, Setter, Source, Text};
use crate::units::{Em, Pt};

/// Cost of breaking at a hyphenation point; TeX's `\hyphenpenalty` is 50. Chosen with
/// pdf-quality on Moby Dick and the sample book together with `EXPANSION` (see there).
const HYPHEN_PENALTY: f64 = 150.0;
/// Cost of breaking after an explicit hyphen or dash (TeX's `\exhyphenpenalty`).
const EXPLICIT_HYPHEN_PENALTY: f64 = 50.0;
/// Cost of breaking inside code or a URL at its punctuation (see `code_break`).
const CODE_BREAK_PENALTY: f64 = 100.0;
/// Cost of breaking code between the words of a camelCase name.
const CAMEL_BREAK_PENALTY: f64 = 200.0;
/// Characters of code or a URL kept together at least, before and after a break in it.
const CODE_BREAK_MIN: usize = 2;
/// Forbids a break.
const NEVER: f64 = linebreak::INFINITE_PENALTY;
/// Forces a break.
const ALWAYS: f64 = -linebreak::INFINITE_PENALTY;
/// Word joiner: no break on either side.
const WORD_JOINER: char = '\u{2060}';

impl Setter<'_> {
    /// Boxes, glue and penalties for the paragraph, with what each stands for.
    pub(super) fn items(
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
        // Possible breaks, as byte offsets in the paragraph, with their cost and kind.
        let mut breaks: Vec<(usize, f64, BreakKind)> = Vec::new();
        let is_url = word.contains("://") || word.starts_with("www.");
        let is_code_at = |at: usize| {
            let k = text.formats.partition_point(|(r, _)| r.end <= at);
            text.formats.get(k).is_some_and(|(_, f)| f.style.is_mono())
        };
        let is_code = is_code_at(first);
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        for (k, &(offset, c)) in chars.iter().enumerate() {
            let next = chars.get(k + 1).map(|&(_, n)| n);
            let after = first + offset + c.len_utf8();
            let before_joiner = next == Some(WORD_JOINER) || c == WORD_JOINER;
            if next.is_none() || before_joiner {
                continue;
            }
            if is_url || (is_code_at(first + offset) && is_code_at(after)) {
                if let Some(cost) = code_break(&chars, k) {
                    breaks.push((after, cost, BreakKind::Plain));
                }
            } else if !is_code
                && matches!(c, '-' | '‐' | '–' | '—' | '/')
                && k >= 2
                && next != Some(c)
            {
                // The author's hyphen or en dash ends the line as typed: a flagged break
                // (it counts in a stack of hyphens) that adds nothing.
                let kind = if matches!(c, '-' | '‐' | '–') {
                    BreakKind::Explicit
                } else {
                    BreakKind::Plain
                };
                breaks.push((after, EXPLICIT_HYPHEN_PENALTY, kind));
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
                    breaks.push((first + from + b, HYPHEN_PENALTY, BreakKind::Hyphen));
                }
            }
        }
        breaks.sort_by_key(|b| b.0);
        breaks.dedup_by_key(|b| b.0);
        // Split the glyphs at breaks where a cluster starts and shaping allows it.
        let mut box_start = range.start;
        let mut g = range.start;
        for (at, cost, kind) in breaks {
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
            let adds_hyphen = kind == BreakKind::Hyphen;
            let width = if adds_hyphen {
                self.hyphen_width(&glyphs[g - 1])
            } else {
                self.kern_undone(text, glyphs, g)
            };
            items.push(Item::Penalty {
                width,
                cost,
                flagged: kind != BreakKind::Plain,
            });
            sources.push(if adds_hyphen {
                Source::Hyphen(g - 1)
            } else {
                Source::Nothing
            });
            box_start = g;
        }
        push_box(glyphs, box_start..range.end, items, sources);
    }

    /// What the glyph before a break at glyph `g` gains when the line ends there: shaping
    /// kerned it against the glyph after, which goes to the next line (harfrust puts a
    /// pair's kern in the first glyph's advance), and a line measured with that kern runs
    /// past the measure by it ("async/" + "await").
    fn kern_undone(&mut self, text: &Text, glyphs: &[PGlyph], g: usize) -> Pt {
        let before = &glyphs[g - 1];
        let start = before.shaped.cluster as usize;
        let end = glyphs[g].shaped.cluster as usize;
        let mut chars = text.text.get(start..end).unwrap_or_default().chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return Pt::new(0.0);
        };
        let k = text.formats.partition_point(|(r, _)| r.end <= start);
        let Some((_, format)) = text.formats.get(k) else {
            return Pt::new(0.0);
        };
        self.advance(format.style, c).at(before.size) - before.advance()
    }

    fn hyphen_width(&mut self, glyph: &PGlyph) -> Pt {
        self.hyphen_glyph(glyph.face).advance.at(glyph.size)
    }

    pub(super) fn hyphen_glyph(&mut self, face: FaceId) -> Shaped {
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
}

/// Whether code or a URL may break between characters `k` and `k + 1` of `chars`, and at
/// what cost. As Chicago sets URLs (17th ed., 7.42) and code is set in running text:
/// after `::`, `//`, `(` or `,`; before `.`, `/`, `_`, `-`, `~`, `#`, `%`, `?`, `=` or `&`
/// (a line never ends in a `-` that reads as a hyphen, and the mark that starts the next
/// line says it goes on); between the words of a camelCase name; never with fewer than
/// `CODE_BREAK_MIN` characters on either side, and no hyphen is added.
fn code_break(chars: &[(usize, char)], k: usize) -> Option<f64> {
    if k + 1 < CODE_BREAK_MIN || chars.len() - (k + 1) < CODE_BREAK_MIN {
        return None;
    }
    let (a, b) = (chars[k].1, chars[k + 1].1);
    let before_a = k.checked_sub(1).map(|p| chars[p].1);
    let joins = |c: char| matches!(c, '.' | '/' | '_' | '-' | '~' | '#' | '%' | '?' | '=' | '&');
    let closes = matches!(b, ')' | ']' | '}' | ',' | ';' | ':');
    if (a == ':' && before_a == Some(':') && b != ':')
        || (a == '/' && before_a == Some('/') && b != '/')
        || (matches!(a, '(' | ',') && !closes)
    {
        return Some(CODE_BREAK_PENALTY);
    }
    if joins(b) && !joins(a) && !matches!(a, ':' | '(' | '[' | '{') {
        return Some(CODE_BREAK_PENALTY);
    }
    (a.is_lowercase() && b.is_uppercase()).then_some(CAMEL_BREAK_PENALTY)
}

/// What a break inside a word adds to the line it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BreakKind {
    /// A hyphenation point: a hyphen is added (a flagged break).
    Hyphen,
    /// After a hyphen or en dash the author typed: nothing is added, but the line ends
    /// with a hyphen as much as a hyphenated one does (a flagged break).
    Explicit,
    /// After a slash, an em dash, or inside code or a URL: nothing added, not flagged.
    Plain,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `word` with a `|` at each place code may break in it.
    fn marked(word: &str) -> String {
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        let mut out = String::new();
        for (k, &(_, c)) in chars.iter().enumerate() {
            out.push(c);
            if k + 1 < chars.len() && code_break(&chars, k).is_some() {
                out.push('|');
            }
        }
        out
    }

    #[test]
    fn inline_code_breaks_after_paths_and_before_joiners_as_chicago_sets_urls() {
        assert_eq!(
            marked("std::collections::HashMap"),
            "std::|collections::|Hash|Map"
        );
        assert_eq!(marked("foo_cloned"), "foo|_cloned");
        assert_eq!(marked("iter().map(f)"), "iter()|.map(|f)");
        assert_eq!(marked("#[derive(Clone)]"), "#[derive(|Clone)]");
        assert_eq!(marked("src/main.rs"), "src|/main|.rs");
        assert_eq!(
            marked("https://doc.rust-lang.org"),
            "https://|doc|.rust|-lang|.org"
        );
        // Never a lone character at either side, never inside `::`.
        assert_eq!(marked("a.b"), "a.b");
        assert_eq!(marked("x::y"), "x::y");
    }
}
