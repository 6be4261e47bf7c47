//! Styled text → shaped glyphs: each stretch of one face, size and rise shaped as a whole,
//! each character in the first face of its style's chain that has it.

use std::ops::Range;

use super::font::FaceId;
use super::shape::Shaped;
use super::{Format, PGlyph, Setter, Text};
use crate::units::Pt;

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
}
