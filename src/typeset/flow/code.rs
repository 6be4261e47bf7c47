//! Code blocks → lines: monospaced, not justified, each source line a line; a line wider
//! than the measure wraps with a continuation mark.

use super::super::design;
use super::super::list::SetLine;
use super::super::page::TextRun;
use super::{Align, Flow, Format, Layout, Line, Style, Text};
use crate::doc::Inline;
use crate::units::Pt;

impl Flow<'_, '_> {
    /// Monospaced, not justified; long lines wrap with a continuation mark.
    pub(super) fn code(&mut self, content: &[Inline], indent: Pt, width: Pt) {
        let size = self.m.size * design::CODE_SCALE;
        let leading = self.m.leading * design::CODE_SCALE;
        let mut all = Text::default();
        self.in_code = true;
        self.push_inlines(&mut all, content, Style::Mono, None);
        self.in_code = false;
        self.gap(design::BLOCK_GAP);
        let inset = design::CODE_INSET.at(self.m.size);
        let source_lines: Vec<&str> = all.text.split('\n').collect();
        let count = source_lines.len();
        let mut offset = 0;
        let mut lines = Vec::new();
        for (k, source_line) in source_lines.iter().enumerate() {
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
                    let layout =
                        Layout::aligned(size * design::CODE_MARK_SCALE, inset, Align::Left);
                    if let Some(m) = self.setter.set(&mark, &layout).lines.into_iter().next() {
                        for mut run in m.runs {
                            run.origin.x -= inset * 0.9;
                            line.runs.push(run);
                        }
                    }
                }
                let keep = (k < 1 || k + 2 >= count || p + 1 < n) && count > 1;
                lines.push(SetLine {
                    line,
                    x: indent + inset,
                    height: leading,
                    baseline: size,
                    keep_with_next: keep,
                    notes: Vec::new(),
                });
            }
        }
        // Code lines carry no footnotes (a note referred to only from code is set at the
        // chapter's end).
        let in_note = std::mem::replace(&mut self.in_note, true);
        self.push_text(lines, None);
        self.in_note = in_note;
        self.gap(design::BLOCK_GAP);
        self.elements.push(super::Element::SnapToGrid);
    }

    /// Cuts a code line into pieces that fit `measure`, at character boundaries.
    fn wrap_code(&mut self, text: &Text, size: Pt, measure: Pt) -> Vec<Line> {
        let layout = Layout::aligned(size, Pt::new(1e9), Align::Left);
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
}
