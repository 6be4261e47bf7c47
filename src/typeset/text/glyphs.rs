//! Styled text → shaped glyphs: each stretch of one face, size and rise shaped as a whole
//! (or, in a face that does not kern against the space, word by word, each distinct word
//! shaped once), each character in the first face of its style's chain that has it.

use std::ops::Range;

use super::font::FaceId;
use super::shape::Shaped;
use super::{Format, PGlyph, Setter, Text};
use crate::units::Pt;

/// Longest word (in bytes) whose shaping is kept for the next time it occurs.
const MAX_CACHED_WORD: usize = 64;

impl Setter<'_> {
    /// Shapes each stretch of one face, size and rise as a whole.
    pub(super) fn shape(&mut self, text: &Text, size: Pt) -> (Vec<PGlyph>, Vec<char>) {
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
        let font = &self.fonts.faces[face];
        if font.words_shape_alone {
            let run = &text.text[range];
            let mut start = 0;
            for (at, _) in run.match_indices(' ').chain([(run.len(), "")]) {
                for piece in [start..at, at..(at + 1).min(run.len())] {
                    if piece.is_empty() {
                        continue;
                    }
                    let word = &run[piece.clone()];
                    let offset = base + piece.start as u32;
                    let cache = &mut self.words[face];
                    match cache.get(word) {
                        Some(known) => buffer.extend(known.iter().map(|g| Shaped {
                            cluster: g.cluster + offset,
                            ..*g
                        })),
                        None => {
                            let from = buffer.len();
                            self.shaper.shape(font, word, 0, buffer);
                            if word.len() <= MAX_CACHED_WORD {
                                cache.insert(word.into(), buffer[from..].into());
                            }
                            for g in &mut buffer[from..] {
                                g.cluster += offset;
                            }
                        }
                    }
                }
                start = at + 1;
            }
        } else {
            self.shaper.shape(font, &text.text[range], base, buffer);
        }
        let glyph_size = size * format.scale;
        for shaped in buffer.iter() {
            out.push(PGlyph {
                face,
                size: glyph_size,
                rise: format.rise.at(size),
                shaped: *shaped,
                link: format.link,
                fill: format.fill,
            });
        }
    }
}
