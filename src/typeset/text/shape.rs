//! Text runs → shaped glyphs with advances in `Em` (harfrust: kerning, ligatures, marks).
//!
//! Runs are shaped whole (a paragraph's span of one face), not word by word: harfrust is
//! several times faster on long runs, and kerning across spaces is kept.

use harfrust::{
    Buffer, Direction, Feature, Language, Script, ShapeOptions, ShapePlan, ShaperFont, Tag,
};

use super::font::Face;
use crate::units::Em;

/// One shaped glyph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shaped {
    /// Glyph id in its face.
    pub id: u16,
    /// How far the pen moves after the glyph.
    pub advance: Em,
    /// Horizontal offset from the pen position.
    pub x_offset: Em,
    /// Vertical offset from the baseline (up).
    pub y_offset: Em,
    /// Byte offset of the glyph's cluster in the shaped text.
    pub cluster: u32,
    /// Whether breaking the text before this glyph's cluster would change the shaping.
    pub is_unsafe_to_break: bool,
}

/// Reusable shaping state for one language.
pub struct Shaper {
    buffer: Option<Buffer>,
    language: Option<Language>,
    /// Compiled shaping plans by face (its address: faces live as long as the shaper's
    /// user) and script; building a plan costs more than shaping a paragraph.
    plans: rustc_hash::FxHashMap<(usize, Option<Script>, bool), ShapePlan>,
}

impl Shaper {
    /// A shaper for text in `language` (a BCP 47 tag).
    pub fn new(language: &str) -> Shaper {
        Shaper {
            buffer: Some(Buffer::new()),
            language: language.parse().ok(),
            plans: rustc_hash::FxHashMap::default(),
        }
    }

    /// Shapes `text` with `face`, appending the glyphs to `out` with clusters offset by
    /// `cluster_base`.
    pub fn shape(&mut self, face: &Face, text: &str, cluster_base: u32, out: &mut Vec<Shaped>) {
        self.shape_directed(face, text, cluster_base, false, out);
    }

    /// Shapes `text` as `shape` does, right to left when `rtl` (Arabic joins, Hebrew
    /// marks). Right-to-left glyphs come in reading order (harfrust's visual order
    /// reversed): reversed again when drawn, they stand where harfrust put them.
    pub fn shape_directed(
        &mut self,
        face: &Face,
        text: &str,
        cluster_base: u32,
        rtl: bool,
        out: &mut Vec<Shaped>,
    ) {
        if text.is_empty() {
            return;
        }
        let mut buffer = self.buffer.take().unwrap_or_default();
        buffer.clear();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let direction = if rtl {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        };
        buffer.set_direction(direction);
        buffer.set_language(self.language.clone());
        let shaper = ShaperFont::new(&face.font);
        let key = (std::ptr::from_ref(face) as usize, buffer.script(), rtl);
        let plan = self.plans.entry(key).or_insert_with(|| {
            ShapePlan::new(
                &face.font,
                direction,
                key.1,
                self.language.as_ref(),
                &features(face, key.1),
            )
        });
        if harfrust::shape(&shaper, &mut buffer, ShapeOptions::new().plan(Some(plan))).is_ok() {
            let infos = buffer.glyph_infos();
            let positions = buffer.glyph_positions();
            out.reserve(infos.len());
            for (info, pos) in infos.iter().zip(positions) {
                out.push(Shaped {
                    id: u16::try_from(info.glyph_id).unwrap_or(0),
                    advance: face.em(pos.x_advance),
                    x_offset: face.em(pos.x_offset),
                    y_offset: face.em(pos.y_offset),
                    cluster: cluster_base + info.cluster,
                    is_unsafe_to_break: info.unsafe_to_break(),
                });
            }
            if rtl {
                let from = out.len() - infos.len();
                out[from..].reverse();
            }
        }
        self.buffer = Some(buffer);
    }
}

/// OpenType features turned off: what would change the characters the author typed.
/// Latin, Greek and Cyrillic text keeps standard ligatures and kerning but loses contextual
/// alternates and "required" ligatures (EB Garamond's `rlig` sets `x^2` as x² and drops the
/// caret; scripts that need `rlig`, as Arabic does, keep it); code also loses every ligature
/// (a code font's `->` or `!=`, `fi` in an identifier): one glyph per character typed.
/// Chinese and Japanese lose kerning.
/// The face's own features (the design's, `smcp` for small capitals) come after, so that a
/// design that asks for a feature gets it.
fn features(face: &Face, script: Option<Script>) -> Vec<Feature> {
    let alphabetic = script.is_none_or(|s| {
        [
            Script::LATIN,
            Script::GREEK,
            Script::CYRILLIC,
            Script::COMMON,
        ]
        .contains(&s)
    });
    // Chinese and Japanese are set solid, each character on the em grid (JIS X 4051):
    // no proportional kerning of kana.
    let cjk = script.is_some_and(|s| {
        [
            Script::HAN,
            Script::HIRAGANA,
            Script::KATAKANA,
            Script::BOPOMOFO,
        ]
        .contains(&s)
    });
    let off: &[&[u8; 4]] = if face.is_code {
        &[b"calt", b"clig", b"liga", b"dlig", b"rlig"]
    } else if cjk {
        &[b"kern"]
    } else if alphabetic {
        &[b"calt", b"rlig"]
    } else {
        &[]
    };
    off.iter()
        .map(|tag| Feature::new(Tag::new(tag), 0, ..))
        .chain(face.features.iter().copied())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn garamond() -> Face {
        Face::parse(
            Arc::from(crate::project::fonts::SERIF_REGULAR),
            0,
            "EB Garamond",
        )
        .expect("the built-in font parses")
    }

    #[test]
    fn ligatures_cover_several_characters() {
        let face = garamond();
        let mut out = Vec::new();
        Shaper::new("en").shape(&face, "office", 0, &mut out);
        assert!(out.len() < 6, "ffi should be one glyph: {out:?}");
        assert_eq!(out[0].cluster, 0);
        assert!(out.windows(2).all(|w| w[0].cluster <= w[1].cluster));
    }

    #[test]
    fn kerning_changes_advances() {
        let face = garamond();
        let width = |text: &str| {
            let mut out = Vec::new();
            Shaper::new("en").shape(&face, text, 0, &mut out);
            out.iter().map(|g| g.advance.get()).sum::<f64>()
        };
        let pair = width("AV");
        let apart = width("A") + width("V");
        assert!(pair < apart, "AV is kerned: {pair} < {apart}");
    }

    #[test]
    fn what_the_author_typed_is_shaped_one_glyph_per_character() {
        // EB Garamond's contextual alternates would make `x^2` x² (two glyphs).
        let face = garamond();
        let mut out = Vec::new();
        Shaper::new("en").shape(&face, "x^2 2^10", 0, &mut out);
        assert_eq!(out.len(), 8, "{out:?}");
        let mono = Face::parse(Arc::from(crate::project::fonts::MONO), 0, "mono").expect("parses");
        let mono = Face {
            is_code: true,
            ..mono
        };
        out.clear();
        Shaper::new("en").shape(&mono, "x^2 -> fi", 0, &mut out);
        assert_eq!(out.len(), 9, "{out:?}");
    }
}
