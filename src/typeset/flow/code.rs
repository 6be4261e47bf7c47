//! Code blocks → lines: monospaced, not justified, each source line a line, in the code
//! theme's colours and weights. A block wider than the measure is first set smaller (down
//! to `design::CODE_MIN_SHRINK` of the code size, one size for the whole block), then its
//! long lines wrap at break opportunities (`code_wrap`), each continuation indented to its
//! line's own indentation plus two characters with a ↪ in the space before it. Short
//! blocks stay on one page; long ones break between lines, never leaving one line alone.

use super::super::design;
use super::super::list::SetLine;
use super::code_wrap::{self, Wrapped};
use super::{Align, Flow, Format, Layout, Line, Style, Text};
use crate::diag::{Diagnostic, Span};
use crate::doc::{Inline, Token, TokenKind};
use crate::units::Pt;

/// One source line of a code block: its text and the kind and format of each stretch.
#[derive(Debug, Default)]
struct CodeLine {
    text: String,
    /// Consecutive stretches of `text`, covering it.
    pieces: Vec<(TokenKind, std::ops::Range<usize>, Format)>,
}

impl CodeLine {
    fn push(&mut self, kind: TokenKind, text: &str, format: Format) {
        let text = text.replace('\t', "    ");
        let start = self.text.len();
        self.text.push_str(&text);
        self.pieces.push((kind, start..self.text.len(), format));
    }

    /// The styled text of bytes `range`, spaces as no-break spaces (code's spaces are
    /// glyphs of the monospaced face, not stretchable word spaces).
    fn styled(&self, range: std::ops::Range<usize>) -> Text {
        let mut text = Text::default();
        for (_, piece, format) in &self.pieces {
            let (from, to) = (piece.start.max(range.start), piece.end.min(range.end));
            if from < to {
                text.push(&self.text[from..to].replace(' ', "\u{a0}"), *format);
            }
        }
        if text.text.is_empty() {
            text.push("\u{a0}", Format::plain(Style::Mono));
        }
        text
    }
}

impl Flow<'_, '_> {
    /// Monospaced, not justified, in the theme's colours; wide blocks smaller, long lines
    /// wrapped with a continuation mark.
    pub(super) fn code(
        &mut self,
        content: &[Inline],
        tokens: &[Token],
        span: Span,
        indent: Pt,
        width: Pt,
    ) {
        let lines = self.code_lines(content, tokens);
        let inset = design::CODE_INSET.at(self.m.size);
        let measure = width - inset * 2.0;
        let base = self.m.size * design::CODE_SCALE;
        // Shrink first: the widest line at the code size says how much.
        let advances: Vec<Vec<(usize, Pt)>> =
            lines.iter().map(|line| self.advances(line, base)).collect();
        let widest = (advances.iter())
            .map(|a| a.iter().map(|c| c.1).sum::<Pt>())
            .fold(Pt::new(0.0), Pt::max);
        let scale = shrink(widest, measure);
        let size = base * scale;
        let leading = self.m.leading * design::CODE_SCALE * scale;
        // A paragraph that introduces the code (ends with a colon, or is one line: a file
        // name) stays with it: no page break between them.
        let introduced = self.introduces_code();
        if introduced {
            self.keep_last();
        }
        self.gap(design::BLOCK_GAP);
        if introduced {
            self.keep_last();
        }
        let mut set = Vec::new();
        let mut groups = Vec::with_capacity(lines.len());
        let mut cut_lines = Vec::new();
        for (k, (line, advances)) in lines.iter().zip(&advances).enumerate() {
            let chars: Vec<(usize, Pt)> = advances.iter().map(|&(at, w)| (at, w * scale)).collect();
            let pieces = self.wrap_code_line(line, &chars, size, measure);
            if pieces.is_cut {
                cut_lines.push(k + 1);
            }
            let n = pieces.pieces.len();
            groups.push(n);
            let ch = self.advance(Style::Mono, ' ', size);
            let hang = continuation_indent(line, ch, measure);
            for (p, range) in pieces.pieces.into_iter().enumerate() {
                let mut piece = self.set_code(&line.styled(range), size);
                if p > 0 {
                    super::super::table::shift(&mut piece, hang);
                    self.continuation_mark(&mut piece, hang - ch * 2.0, ch, size);
                }
                set.push(piece);
            }
        }
        if !cut_lines.is_empty() {
            self.diags.push(cut_warning(span, &cut_lines));
        }
        let keeps = keeps(&groups);
        let lines: Vec<SetLine> = (set.into_iter().zip(keeps))
            .map(|(line, keep)| SetLine {
                line,
                x: indent + inset,
                height: leading,
                baseline: size,
                keep_with_next: keep,
                notes: Vec::new(),
            })
            .collect();
        // Code lines carry no footnotes (a note referred to only from code is set at the
        // chapter's end).
        let in_note = std::mem::replace(&mut self.in_note, true);
        self.push_text(lines, None);
        self.in_note = in_note;
        self.gap(design::BLOCK_GAP);
        self.elements.push(super::Element::SnapToGrid);
    }

    /// Whether the last thing set is a paragraph that introduces what follows: its last
    /// line ends with a colon, or it is one line (a file name over a listing).
    fn introduces_code(&self) -> bool {
        let last = self.elements.iter().rev().find(|e| {
            !matches!(
                e,
                super::Element::Space { .. }
                    | super::Element::SnapToGrid
                    | super::Element::Anchor(_)
            )
        });
        let Some(super::Element::Text(block)) = last else {
            return false;
        };
        let Some(line) = block.lines.last().filter(|_| block.refill.is_some()) else {
            return false;
        };
        let text: String = line.line.runs.iter().map(|r| r.text.as_str()).collect();
        block.lines.len() == 1 || text.trim_end().ends_with(':')
    }

    /// The block's source lines, styled: by the theme from the highlighter's tokens, or by
    /// their own formats (raw `<pre>` with emphasis).
    fn code_lines(&mut self, content: &[Inline], tokens: &[Token]) -> Vec<CodeLine> {
        if let [Inline::Text(text)] = content {
            return crate::doc::code::lines(text, tokens)
                .into_iter()
                .map(|pieces| {
                    let mut line = CodeLine::default();
                    for (kind, piece) in pieces {
                        let look = self.theme.style(kind);
                        let format = Format {
                            fill: look.colour,
                            ..Format::plain(Style::mono(look.bold, look.italic))
                        };
                        line.push(kind, piece, format);
                    }
                    line
                })
                .collect();
        }
        let mut all = Text::default();
        self.in_code = true;
        self.push_inlines(&mut all, content, Style::Mono, None);
        self.in_code = false;
        let mut lines = vec![CodeLine::default()];
        for (range, format) in &all.formats {
            let mut parts = all.text[range.clone()].split('\n');
            if let (Some(first), Some(line)) = (parts.next(), lines.last_mut()) {
                line.push(TokenKind::Plain, first, *format);
            }
            for part in parts {
                let mut line = CodeLine::default();
                line.push(TokenKind::Plain, part, *format);
                lines.push(line);
            }
        }
        for line in &mut lines {
            line.pieces.retain(|p| !p.1.is_empty());
        }
        lines
    }

    /// Each character of `line` with its advance at `size` (code is monospaced and set
    /// without ligatures or kerning: the advances add up to the width it is set in).
    fn advances(&mut self, line: &CodeLine, size: Pt) -> Vec<(usize, Pt)> {
        let mut out = Vec::with_capacity(line.text.len());
        for (_, range, format) in &line.pieces {
            for (offset, c) in line.text[range.clone()].char_indices() {
                let advance = self.advance(format.style, c, size * format.scale);
                out.push((range.start + offset, advance));
            }
        }
        out
    }

    fn advance(&mut self, style: Style, c: char, size: Pt) -> Pt {
        self.setter.advance(style, c).at(size)
    }

    /// The pieces `line` wraps into on `measure` (all of it when it fits).
    fn wrap_code_line(
        &mut self,
        line: &CodeLine,
        chars: &[(usize, Pt)],
        size: Pt,
        measure: Pt,
    ) -> Wrapped {
        let width: Pt = chars.iter().map(|c| c.1).sum();
        if measure.fits(width) {
            return Wrapped {
                pieces: std::iter::once(0..line.text.len()).collect(),
                is_cut: false,
            };
        }
        let kinds: Vec<(TokenKind, &str)> = (line.pieces.iter())
            .map(|(kind, range, _)| (*kind, &line.text[range.clone()]))
            .collect();
        let ch = self.advance(Style::Mono, ' ', size);
        let rest = measure - continuation_indent(line, ch, measure);
        code_wrap::wrap(
            chars,
            line.text.len(),
            &code_wrap::opportunities(&kinds),
            measure,
            rest,
            |at| line.text[at..].starts_with(' '),
        )
    }

    /// A line of code set at `size`, unbroken.
    fn set_code(&mut self, text: &Text, size: Pt) -> Line {
        let layout = Layout::aligned(size, Pt::new(1e9), Align::Left);
        (self.setter.set(text, &layout).lines.into_iter().next()).unwrap_or_default()
    }

    /// Draws the continuation mark ↪ at `x`, centred in `room` × 2 (the two characters a
    /// continuation is indented by), in the colour of comments.
    fn continuation_mark(&mut self, line: &mut Line, x: Pt, ch: Pt, size: Pt) {
        let mut mark = Text::default();
        let format = Format {
            fill: self.theme.style(TokenKind::Comment).colour,
            ..Format::plain(Style::Mono)
        };
        mark.push("↪", format);
        let set = self.set_code(&mark, size * design::CODE_MARK_SCALE);
        let dx = x + (ch * 2.0 - set.width) * 0.5;
        for mut run in set.runs {
            run.origin.x += dx;
            line.runs.push(run);
        }
    }
}

/// The scale a block whose widest line is `widest` is set at on `measure`: 1 when it fits,
/// else as much smaller as it needs, but not below `design::CODE_MIN_SHRINK`.
fn shrink(widest: Pt, measure: Pt) -> f64 {
    if measure.fits(widest) || widest.get() <= 0.0 {
        return 1.0;
    }
    (measure / widest).clamp(design::CODE_MIN_SHRINK, 1.0)
}

/// Where a continuation of `line` starts: its own indentation plus two characters (`ch`
/// wide), but never past 60% of `measure`.
fn continuation_indent(line: &CodeLine, ch: Pt, measure: Pt) -> Pt {
    let spaces = line.text.len() - line.text.trim_start_matches(' ').len();
    (ch * (spaces as f64 + 2.0)).min(measure * 0.6)
}

/// Which set lines of a block keep with the next, given how many lines each source line
/// took: a block of up to `design::CODE_KEEP_LINES` lines stays whole; a longer one keeps
/// its first two and last two lines together (no single line at a page's foot or head)
/// and each wrapped line with its continuations, and breaks between other lines.
pub fn keeps(groups: &[usize]) -> Vec<bool> {
    let n: usize = groups.iter().sum();
    let mut keep = vec![false; n];
    if n <= design::CODE_KEEP_LINES {
        keep.iter_mut()
            .take(n.saturating_sub(1))
            .for_each(|k| *k = true);
        return keep;
    }
    let mut at = 0;
    for &count in groups {
        keep.iter_mut()
            .skip(at)
            .take(count.saturating_sub(1))
            .for_each(|k| *k = true);
        at += count;
    }
    keep[0] = true;
    keep[n - 2] = true;
    keep
}

/// The warning for lines of a block cut inside a token.
fn cut_warning(span: Span, lines: &[usize]) -> Diagnostic {
    let which = match lines {
        [one] => format!("line {one}"),
        _ => format!(
            "lines {}",
            lines
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::warning(
        span,
        format!("{which} of this code block has a token wider than the page even in smaller type: it is cut between characters, marked ↪"),
    )
    .with_hint("break the line in the source (a shorter string, a `let` for a long path), or narrow the code with `\\` line continuations where the language allows")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_blocks_keep_whole_and_long_ones_leave_no_line_alone() {
        assert_eq!(keeps(&[1, 1, 1]), [true, true, false]);
        assert_eq!(keeps(&[1; 8]).iter().filter(|k| **k).count(), 7);
        let long = keeps(&[1; 12]);
        assert_eq!(long.len(), 12);
        // The first two and the last two lines stay together; breaks elsewhere are free.
        assert!(long[0] && long[10] && !long[11]);
        assert!(long[1..10].iter().all(|k| !k));
        // A wrapped line keeps its continuations.
        let wrapped = keeps(&[1, 1, 3, 1, 1, 1, 1, 1, 1]);
        assert_eq!(&wrapped[2..5], [true, true, false]);
    }

    #[test]
    fn blocks_shrink_to_fit_but_not_below_the_floor() {
        assert_eq!(shrink(Pt::new(90.0), Pt::new(100.0)), 1.0);
        assert!((shrink(Pt::new(110.0), Pt::new(100.0)) - 100.0 / 110.0).abs() < 1e-9);
        assert_eq!(
            shrink(Pt::new(300.0), Pt::new(100.0)),
            design::CODE_MIN_SHRINK
        );
    }
}
