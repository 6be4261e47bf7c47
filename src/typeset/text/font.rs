//! Font bytes → faces ready for shaping, with the metrics layout needs (in `Em`). Font units
//! exist only in this file.

use std::sync::Arc;

use harfrust::Font;

use crate::error::Error;
use crate::units::Em;

/// The styles text can be set in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Style {
    /// Roman.
    Regular,
    /// Emphasis.
    Italic,
    /// Strong.
    Bold,
    /// Strong emphasis.
    BoldItalic,
    /// Code.
    Mono,
    /// Code, bold (keywords, in the themes that want them bold).
    MonoBold,
    /// Code, italic (comments).
    MonoItalic,
    /// Code, bold and italic.
    MonoBoldItalic,
}

impl Style {
    /// The style with emphasis added or removed (emphasis inside emphasis is roman again).
    pub fn toggle_italic(self) -> Style {
        match self {
            Style::Regular => Style::Italic,
            Style::Italic => Style::Regular,
            Style::Bold => Style::BoldItalic,
            Style::BoldItalic => Style::Bold,
            Style::Mono => Style::MonoItalic,
            Style::MonoItalic => Style::Mono,
            Style::MonoBold => Style::MonoBoldItalic,
            Style::MonoBoldItalic => Style::MonoBold,
        }
    }
    /// The style with strong importance added.
    pub fn bold(self) -> Style {
        match self {
            Style::Regular | Style::Bold => Style::Bold,
            Style::Italic | Style::BoldItalic => Style::BoldItalic,
            Style::Mono | Style::MonoBold => Style::MonoBold,
            Style::MonoItalic | Style::MonoBoldItalic => Style::MonoBoldItalic,
        }
    }

    /// A code style: monospaced, set without ligatures or contextual alternates.
    pub fn is_mono(self) -> bool {
        matches!(
            self,
            Style::Mono | Style::MonoBold | Style::MonoItalic | Style::MonoBoldItalic
        )
    }

    /// The code style with the weight and slant asked for.
    pub fn mono(bold: bool, italic: bool) -> Style {
        match (bold, italic) {
            (false, false) => Style::Mono,
            (true, false) => Style::MonoBold,
            (false, true) => Style::MonoItalic,
            (true, true) => Style::MonoBoldItalic,
        }
    }
}

/// One font file, parsed.
pub struct Face {
    /// The file, for embedding.
    pub bytes: Arc<[u8]>,
    /// The parsed font, for shaping.
    pub font: Font,
    /// Design units per em.
    pub units_per_em: u16,
    /// Height above the baseline.
    pub ascender: Em,
    /// Depth below the baseline (positive).
    pub descender: Em,
    /// Whether text in this face shapes the same word by word as in whole runs: nothing
    /// kerns against the space or substitutes across it (see `FontSet::new`).
    pub words_shape_alone: bool,
    /// Whether the face sets code: shaped with no ligatures at all (see `shape`).
    pub is_code: bool,
}

impl Face {
    /// Parses a font file; `name` says which one in the error.
    pub fn parse(bytes: Arc<[u8]>, name: &str) -> Result<Face, Error> {
        let blob: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(ArcBytes(bytes.clone()));
        let font = Font::new(blob, 0).ok_or_else(|| {
            Error::Unsupported(format!(
                "the font `{name}` cannot be read: it is not an OpenType or TrueType font"
            ))
        })?;
        let metrics = font.metrics();
        let units_per_em = metrics.units_per_em.max(1);
        let line = metrics
            .typo_line
            .filter(|_| metrics.use_typo_metrics)
            .or(metrics.hhea_line);
        let (ascender, descender) = match line {
            Some(line) => (line.ascender.to_f64(), -line.descender.to_f64()),
            None => (0.8 * f64::from(units_per_em), 0.2 * f64::from(units_per_em)),
        };
        Ok(Face {
            bytes,
            units_per_em,
            ascender: Em::from_font_units(ascender, units_per_em),
            descender: Em::from_font_units(descender.abs(), units_per_em),
            font,
            words_shape_alone: false,
            is_code: false,
        })
    }

    /// Whether the font has a glyph for `c`.
    pub fn has_char(&self, c: char) -> bool {
        self.font
            .charmap()
            .map_unicode(c)
            .is_some_and(|g| g.to_u32() != 0)
    }

    /// A length in design units as `Em`.
    pub fn em(&self, units: i32) -> Em {
        Em::from_font_units(f64::from(units), self.units_per_em)
    }
}

/// Whether `face` shapes every printable Latin-1 character next to a space as it shapes
/// the two apart: no kerning against the space and no substitution across it (true of EB
/// Garamond and DejaVu). Such a face can be shaped a word at a time, each distinct word
/// once; a face that kerns against the space is shaped in whole runs.
fn words_shape_alone(shaper: &mut super::shape::Shaper, face: &Face) -> bool {
    let mut shape = |text: &str| {
        let mut out = Vec::new();
        shaper.shape(face, text, 0, &mut out);
        out.into_iter()
            .map(|g| (g.id, g.advance, g.x_offset, g.y_offset))
            .collect::<Vec<_>>()
    };
    let space = shape(" ");
    ('!'..='~')
        .chain('¡'..='ÿ')
        .filter(|&c| face.has_char(c))
        .all(|c| {
            let alone = shape(c.encode_utf8(&mut [0; 4]));
            let before: Vec<_> = space.iter().chain(&alone).copied().collect();
            let after: Vec<_> = alone.iter().chain(&space).copied().collect();
            shape(&format!(" {c}")) == before && shape(&format!("{c} ")) == after
        })
}

/// Bytes shared with the rest of the book, as the font parser wants them.
struct ArcBytes(Arc<[u8]>);

impl AsRef<[u8]> for ArcBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// The faces of a book: one per style, and a fallback for characters they lack.
pub struct FontSet {
    /// All faces; `FaceId` indexes this.
    pub faces: Vec<Face>,
    styles: [usize; 8],
    fallback: usize,
}

/// Index of a face in a `FontSet`.
pub type FaceId = usize;

impl FontSet {
    /// Parses the faces: regular, italic, bold, bold italic, mono, fallback, mono bold,
    /// mono italic, mono bold italic (the fallback keeps its place, sixth, so the first six
    /// faces are numbered as they were before code had weights).
    pub fn new(files: [(Arc<[u8]>, &str); 9]) -> Result<FontSet, Error> {
        let mut faces = Vec::with_capacity(9);
        let mut shaper = super::shape::Shaper::new("und");
        let mut styles = [0, 1, 2, 3, 4, 6, 7, 8];
        let mut seen: Vec<Arc<[u8]>> = Vec::with_capacity(9);
        for (k, (bytes, name)) in files.into_iter().enumerate() {
            // A file given for several faces (a book's own mono for every code weight) is
            // one face: the styles that name it again take the first.
            if let Some(first) = seen.iter().position(|b| Arc::ptr_eq(b, &bytes))
                && let Some(style) = styles.iter_mut().find(|s| **s == k)
            {
                *style = first;
            }
            let mut face = Face::parse(bytes.clone(), name)?;
            face.is_code = matches!(k, 4 | 6..=8);
            face.words_shape_alone = match seen.iter().position(|b| Arc::ptr_eq(b, &bytes)) {
                Some(first) => faces.get(first).is_some_and(|f: &Face| f.words_shape_alone),
                None => words_shape_alone(&mut shaper, &face),
            };
            seen.push(bytes);
            faces.push(face);
        }
        Ok(FontSet {
            faces,
            styles,
            fallback: 5,
        })
    }

    /// The font files, in `TextRun::font` order, for the PDF writer to embed (whole, or as
    /// subsets).
    pub fn files(&self, embed_whole: bool) -> Vec<crate::typeset::page::FontData> {
        self.faces
            .iter()
            .map(|f| crate::typeset::page::FontData {
                bytes: f.bytes.clone(),
                index: 0,
                embed_whole,
            })
            .collect()
    }

    /// The face for a style.
    pub fn face_for(&self, style: Style) -> FaceId {
        self.styles[style as usize]
    }

    /// The face that shows `c` in `style`: the style's own, else the fallback, else the
    /// regular face (which then shows its `.notdef` box; the caller warns).
    pub fn face_for_char(&self, style: Style, c: char) -> (FaceId, bool) {
        let own = self.face_for(style);
        if self.faces[own].has_char(c) || c.is_whitespace() || c.is_control() {
            return (own, true);
        }
        for candidate in [
            self.face_for(Style::Regular),
            self.fallback,
            self.face_for(Style::Mono),
        ] {
            if self.faces[candidate].has_char(c) {
                return (candidate, true);
            }
        }
        (own, false)
    }
}
