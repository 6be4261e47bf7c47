//! Shaped glyphs → Knuth–Plass items: boxes for words and their fragments, glue for word
//! spaces (with the words' font expansion), penalties at hyphenation points, dashes and the
//! break points of code and URLs.

use std::ops::Range;

use super::font::FaceId;
use super::hyphenate::SOFT_HYPHEN;
use super::linebreak::{self, Item};
use super::shape::Shaped;
use super::{Align, EXPANSION, Layout, PGlyph, Setter, Source, Text};
use crate::doc::script;
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
                let next = glyphs[i + 1..].iter().map(&char_at).find(|n| *n != ' ');
                // A space typed before a CJK closing mark holds (UAX #14, LB13).
                let holds = next.is_some_and(script::is_cjk_no_line_start);
                let space = Space {
                    width: glyphs[i].advance(),
                    holds,
                    word_start,
                };
                push_space(&space, layout, &mut items, &mut sources);
                word_start = items.len();
                i += 1;
                continue;
            }
            // A word: up to the next space or forced break.
            let start = i;
            while i < glyphs.len() && !matches!(char_at(&glyphs[i]), ' ' | '\t' | '\n') {
                i += 1;
            }
            self.word(text, glyphs, start..i, layout, &mut items, &mut sources);
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
        layout: &Layout,
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
        let format_at = |at: usize| {
            let k = text.formats.partition_point(|(r, _)| r.end <= at);
            text.formats.get(k).map(|(_, f)| f)
        };
        let is_code_at = |at: usize| format_at(at).is_some_and(|f| f.style.is_mono());
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
                && next.is_some_and(starts_after_dash)
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
        let unspaced = !is_url && word.chars().any(script::is_unspaced);
        if unspaced {
            let is_raised_at = |at: usize| format_at(at).is_some_and(|f| f.rise.get() != 0.0);
            self.unspaced_breaks(word, first, (&is_code_at, &is_raised_at), &mut breaks);
        }
        if !is_code && !is_url {
            self.pattern_breaks(word, first, &chars, &mut breaks);
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
            push_box(glyphs, box_start..g, unspaced, items, sources);
            if let BreakKind::Between(gap) = kind {
                let undone = self.kern_undone(text, glyphs, g);
                if undone.get() != 0.0 {
                    // The break is here, with the kern the glyph before gets back; the
                    // glue after a penalty is no break of its own.
                    items.push(Item::Penalty {
                        width: undone,
                        cost: 0.0,
                        flagged: false,
                    });
                    sources.push(Source::Nothing);
                }
                push_gap(gap, glyphs[g - 1].size, layout, items, sources);
                box_start = g;
                continue;
            }
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
        push_box(glyphs, box_start..range.end, unspaced, items, sources);
    }

    /// Pattern hyphenation on each run of letters of `word` (at byte `first` of the
    /// paragraph; its `chars`) — of a script with spaces: a Latin word inside Japanese is
    /// hyphenated, the Japanese around it is not.
    fn pattern_breaks(
        &mut self,
        word: &str,
        first: usize,
        chars: &[(usize, char)],
        breaks: &mut Vec<(usize, f64, BreakKind)>,
    ) {
        let is_letter =
            |c: char| (c.is_alphabetic() && !script::is_unspaced(c)) || c == SOFT_HYPHEN;
        let mut k = 0;
        while k < chars.len() {
            if !is_letter(chars[k].1) {
                k += 1;
                continue;
            }
            let run_start = k;
            while k < chars.len() && is_letter(chars[k].1) {
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

    /// The breaks a UAX #14 segmenter finds in a word of a script written without spaces
    /// (Chinese, Japanese, Thai…), in strict mode: between two ideographs or kana, never
    /// before closing punctuation, small kana or `ー`, nor after an opening bracket (the
    /// Japanese kinsoku rules), and Thai between its words by dictionary. Latin words
    /// inside stay whole; the gaps between characters take the justification.
    fn unspaced_breaks(
        &mut self,
        word: &str,
        first: usize,
        (is_code_at, is_raised_at): (&dyn Fn(usize) -> bool, &dyn Fn(usize) -> bool),
        breaks: &mut Vec<(usize, f64, BreakKind)>,
    ) {
        let segmenter = *(self.segmenter)
            .get_or_insert_with(|| icu_segmenter::LineSegmenter::new_auto(Default::default()));
        for at in segmenter.segment_str(word) {
            let (Some(before), Some(after)) =
                (word[..at].chars().next_back(), word[at..].chars().next())
            else {
                continue; // the word's start and end
            };
            if !(script::is_unspaced(before) || script::is_unspaced(after))
                || (is_code_at(first + at - 1) && is_code_at(first + at))
                // A note mark stays with the word it marks, with no gap before it.
                || is_raised_at(first + at)
            {
                continue; // inside a Latin word or code: their own rules apply
            }
            let gap = if script::is_cjk(before) && script::is_alphanumeric_non_cjk(after)
                || script::is_alphanumeric_non_cjk(before) && script::is_cjk(after)
            {
                Gap::CjkLatin
            } else if is_compressible_after(before) || is_compressible_before(after) {
                Gap::Punctuation
            } else {
                Gap::Letters
            };
            breaks.push((first + at, 0.0, BreakKind::Between(gap)));
        }
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
    /// Between two characters of a script written without spaces: a glue that takes a
    /// share of the justification, and where the line may break.
    Between(Gap),
}

/// The glue between two characters of a script written without spaces, in em of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gap {
    /// Between two ideographs, kana or Thai words: nothing, stretching by `LETTER_STRETCH`.
    Letters,
    /// Beside CJK punctuation, whose glyph carries half an em of blank on one side: it
    /// may also close up by `PUNCTUATION_SHRINK` (JIS X 4051's 約物の詰め).
    Punctuation,
    /// Between CJK and a Latin letter or digit: a quarter em (JIS X 4051's 四分アキ, as
    /// Word and Typst set it), stretching and shrinking.
    CjkLatin,
}

impl Gap {
    /// Width, stretch and shrink.
    fn glue(self) -> (Em, Em, Em) {
        match self {
            Gap::Letters => (Em::new(0.0), LETTER_STRETCH, Em::new(0.0)),
            Gap::Punctuation => (Em::new(0.0), LETTER_STRETCH, PUNCTUATION_SHRINK),
            Gap::CjkLatin => (Em::new(0.25), Em::new(0.125), Em::new(0.125)),
        }
    }
}

/// How far the gap between two CJK characters opens at a stretch ratio of 1: a tenth of
/// an em, so a line of 30 characters takes up to three ems more before it counts as loose.
const LETTER_STRETCH: Em = Em::new(0.1);
/// How far the blank half of a CJK punctuation mark may close up (a quarter em).
const PUNCTUATION_SHRINK: Em = Em::new(0.25);

/// CJK punctuation whose glyph leaves its right half blank (full stops, commas, closing
/// brackets).
fn is_compressible_after(c: char) -> bool {
    matches!(
        c,
        '。' | '、' | '，' | '．' | '」' | '』' | '）' | '】' | '〕' | '〉' | '》' | '］' | '｝'
    )
}

/// CJK punctuation whose glyph leaves its left half blank (opening brackets).
fn is_compressible_before(c: char) -> bool {
    matches!(
        c,
        '「' | '『' | '（' | '【' | '〔' | '〈' | '《' | '［' | '｛'
    )
}

/// The glue of a gap between two characters of a script written without spaces: on a
/// ragged line as a space is there (a fill that stretches at the break only).
fn push_gap(gap: Gap, size: Pt, layout: &Layout, items: &mut Vec<Item>, sources: &mut Vec<Source>) {
    let (width, stretch, shrink) = gap.glue();
    let width = width.at(size);
    if layout.align == Align::Justify {
        items.push(Item::Glue {
            width,
            stretch: stretch.at(size),
            shrink: shrink.at(size),
        });
        sources.push(Source::Nothing);
        return;
    }
    push_ragged_break(width, layout, items, sources);
    sources.push(Source::Nothing);
}

/// A break on a ragged line with `width` of space when it does not break there: a fill
/// that stretches only at the break (TeX's \raggedright). Its last glue's source is the
/// caller's to push.
fn push_ragged_break(width: Pt, layout: &Layout, items: &mut Vec<Item>, sources: &mut Vec<Source>) {
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
}

/// A word space typed in the text.
struct Space {
    /// Its width.
    width: Pt,
    /// Whether no line may break at it.
    holds: bool,
    /// The item where the word before it starts.
    word_start: usize,
}

/// The glue of a word space (on a ragged line, a fill at the break, TeX's \raggedright), the
/// word before's share of font expansion in its stretch and shrink.
fn push_space(space: &Space, layout: &Layout, items: &mut Vec<Item>, sources: &mut Vec<Source>) {
    let Space {
        width,
        holds,
        word_start,
    } = *space;
    let ragged = layout.align != Align::Justify;
    let (stretch, shrink) = if ragged {
        (Pt::new(0.0), Pt::new(0.0))
    } else {
        // TeX's proportions for a text face: stretch half, shrink a third.
        (width * 0.5, width * (1.0 / 3.0))
    };
    if holds {
        items.push(Item::Penalty {
            width: Pt::new(0.0),
            cost: NEVER,
            flagged: false,
        });
        sources.push(Source::Nothing);
        items.push(Item::Glue {
            width,
            stretch,
            shrink,
        });
    } else if ragged {
        push_ragged_break(width, layout, items, sources);
    } else {
        // The word before may widen or narrow by EXPANSION: its share goes into this
        // space's glue, so the breaker sees it without more items. (Not the characters of
        // a script set without spaces: those keep their width and their lines justify
        // between them.)
        let word: Pt = items[word_start..]
            .iter()
            .zip(&sources[word_start..])
            .map(|(item, source)| match (item, source) {
                (Item::Box { width }, Source::Glyphs(_)) => *width,
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

/// A box of glyphs; `solid` ones (of a script written without spaces) keep their width
/// on a justified line.
fn push_box(
    glyphs: &[PGlyph],
    range: Range<usize>,
    solid: bool,
    items: &mut Vec<Item>,
    sources: &mut Vec<Source>,
) {
    if range.is_empty() {
        return;
    }
    let width: Pt = glyphs[range.clone()].iter().map(PGlyph::advance).sum();
    items.push(Item::Box { width });
    sources.push(if solid {
        Source::Solid(range)
    } else {
        Source::Glyphs(range)
    });
}

/// Whether a line may begin with `c` after a break at a hyphen, dash or slash: a letter, a
/// digit or an opening mark, not a closing quote or punctuation ("that—” alone on a line),
/// nor a second dash.
fn starts_after_dash(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(
            c,
            '“' | '‘' | '„' | '‚' | '«' | '‹' | '»' | '›' | '(' | '[' | '{' | '¿' | '¡'
        )
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
