//! Styled text → shaped glyphs: each stretch of one face, size and rise shaped as a whole
//! (or, in a face that does not kern against the space, word by word, each distinct word
//! shaped once), each character in the first face of its style's chain that has it.

use std::ops::Range;

use super::font::FaceId;
use super::shape::Shaped;
use super::{Format, PGlyph, Setter, Text};
use crate::units::{Em, Pt};
use unicode_bidi::Level;

/// The glyph id an inline image's glyph carries: no font has a glyph 65535 (the most a
/// font holds is 65535 glyphs, 0 to 65534).
pub(super) const IMAGE_GLYPH: u16 = u16::MAX;

/// Longest word (in bytes) whose shaping is kept for the next time it occurs.
const MAX_CACHED_WORD: usize = 64;

impl Setter<'_> {
    /// Shapes each stretch of one face, size and rise as a whole.
    /// Right-to-left stretches (odd bidi `levels`, one per byte) are shaped right to left,
    /// their glyphs in reading order.
    pub(super) fn shape(
        &mut self,
        text: &Text,
        size: Pt,
        levels: Option<&[Level]>,
    ) -> (Vec<PGlyph>, Vec<char>) {
        let mut glyphs: Vec<PGlyph> = Vec::with_capacity(text.text.len());
        let mut missing = Vec::new();
        let mut buffer = Vec::new();
        for (range, format) in &text.formats {
            if let Some(image) = format.image {
                self.place_images(text, range.clone(), format, image, size, &mut glyphs);
                continue;
            }
            let slice = &text.text[range.clone()];
            let mut run_start = range.start;
            let mut run_face = None;
            let mut run_rtl = false;
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
                let rtl = levels.is_some_and(|l| l[at].is_rtl());
                if run_face.is_some_and(|f| f != face || rtl != run_rtl) {
                    self.shape_run(
                        text,
                        run_start..at,
                        (run_face.unwrap_or(face), run_rtl),
                        format,
                        size,
                        &mut buffer,
                        &mut glyphs,
                    );
                    run_start = at;
                }
                run_face = Some(face);
                run_rtl = rtl;
            }
            if let Some(face) = run_face {
                self.shape_run(
                    text,
                    run_start..range.end,
                    (face, run_rtl),
                    format,
                    size,
                    &mut buffer,
                    &mut glyphs,
                );
            }
        }
        (glyphs, missing)
    }

    /// A glyph for each character of `range` that stands for `image`: no shape, only an
    /// advance (its face is the style's, which never draws it: `justify` takes it out of
    /// the runs and into the line's images).
    fn place_images(
        &self,
        text: &Text,
        range: Range<usize>,
        format: &Format,
        image: super::InlineImage,
        size: Pt,
        out: &mut Vec<PGlyph>,
    ) {
        let face = self.fonts.face_for(format.style);
        let glyph_size = size * format.scale;
        let (width, _, _) = image.size_at(glyph_size);
        let advance = if glyph_size.get() > 0.0 {
            Em::new(width / glyph_size)
        } else {
            Em::new(0.0)
        };
        for (offset, _) in text.text[range.clone()].char_indices() {
            out.push(PGlyph {
                face,
                size: glyph_size,
                rise: format.rise.at(size),
                shaped: Shaped {
                    id: IMAGE_GLYPH,
                    advance,
                    x_offset: Em::new(0.0),
                    y_offset: Em::new(0.0),
                    cluster: u32::try_from(range.start + offset).unwrap_or(u32::MAX),
                    is_unsafe_to_break: false,
                },
                link: format.link,
                fill: format.fill,
            });
        }
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "one call site; the arguments are the run's parts"
    )]
    fn shape_run(
        &mut self,
        text: &Text,
        range: Range<usize>,
        (face, rtl): (FaceId, bool),
        format: &Format,
        size: Pt,
        buffer: &mut Vec<Shaped>,
        out: &mut Vec<PGlyph>,
    ) {
        buffer.clear();
        let base = u32::try_from(range.start).unwrap_or(u32::MAX);
        let font = &self.fonts.faces[face];
        if rtl {
            (self.shaper).shape_directed(font, &text.text[range], base, true, buffer);
        } else if font.words_shape_alone {
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
