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
    /// Small capitals of the text face (its `smcp`): lead-ins, running heads.
    SmallCaps,
    /// The heading face (the text face unless the design names another): titles, heads.
    Heading,
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
            Style::SmallCaps => Style::Italic,
            Style::Heading => self,
        }
    }
    /// The style with strong importance added.
    pub fn bold(self) -> Style {
        match self {
            Style::Regular | Style::Bold => Style::Bold,
            Style::Italic | Style::BoldItalic => Style::BoldItalic,
            Style::SmallCaps => Style::Bold,
            Style::Heading => self,
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

/// One face of a font file, parsed.
pub struct Face {
    /// The file, for embedding.
    pub bytes: Arc<[u8]>,
    /// The face's index in the file (a collection, `.ttc`, holds several).
    pub index: u32,
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
    /// Height of the capitals above the baseline (OS/2 `sCapHeight`, else 0.7 em).
    pub cap_height: Em,
    /// OpenType features every run in this face is shaped with, after the ones `shape`
    /// turns off (none by default).
    pub features: Vec<harfrust::Feature>,
}

impl Face {
    /// Parses face `index` of a font file; `name` says which one in the error.
    pub fn parse(bytes: Arc<[u8]>, index: u32, name: &str) -> Result<Face, Error> {
        let blob: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(ArcBytes(bytes.clone()));
        let font = Font::new(blob, index).ok_or_else(|| {
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
        let cap_height = ttf_parser::Face::parse(&bytes, index)
            .ok()
            .and_then(|f| f.capital_height())
            .filter(|&h| h > 0)
            .map_or(Em::new(0.7), |h| {
                Em::from_font_units(f64::from(h), units_per_em)
            });
        Ok(Face {
            cap_height,
            bytes,
            index,
            units_per_em,
            ascender: Em::from_font_units(ascender, units_per_em),
            descender: Em::from_font_units(descender.abs(), units_per_em),
            font,
            words_shape_alone: false,
            is_code: false,
            features: Vec::new(),
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

/// OpenType feature settings from tags (`"onum"`, `"-liga"`); bad tags are skipped (the
/// configuration checked them).
fn parse_features(tags: &[&str]) -> Vec<harfrust::Feature> {
    tags.iter().filter_map(|t| t.parse().ok()).collect()
}

/// Whether the font in `bytes` has the OpenType substitution feature `tag` (`smcp`).
pub fn has_feature(bytes: &[u8], tag: &[u8; 4]) -> bool {
    ttf_parser::Face::parse(bytes, 0).is_ok_and(|face| {
        face.tables().gsub.is_some_and(|gsub| {
            gsub.features
                .find(ttf_parser::Tag::from_bytes(tag))
                .is_some()
        })
    })
}

/// Bytes shared with the rest of the book, as the font parser wants them.
struct ArcBytes(Arc<[u8]>);

impl AsRef<[u8]> for ArcBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// The faces of a book: one per style, and the fallback chain for characters they lack.
pub struct FontSet {
    /// All faces; `FaceId` indexes this: the eight styles, then the chain.
    pub faces: Vec<Face>,
    /// The face of each style; `SmallCaps` and `Heading` are the regular face until
    /// `add_style` gives them their own (added after the chain, so the numbering of the
    /// eight styles and the chain stays).
    styles: [usize; 10],
    /// The faces tried, in order, for a character the style's and the regular face lack.
    chain: Vec<usize>,
    /// The bold face of a face of the chain, where its family has one (by face).
    bold_of: rustc_hash::FxHashMap<FaceId, FaceId>,
}

/// Index of a face in a `FontSet`.
pub type FaceId = usize;

/// The files of a `FontSet`: the eight styles (regular, italic, bold, bold italic, mono and
/// its bold, italic and bold italic),
/// each with the `book.toml` key that names it, and the fallback chain in order (the book's
/// `font-fallback` list, the bundled DejaVu Sans, the machine's fonts).
pub type FontFiles = ([(Arc<[u8]>, &'static str); 8], Vec<crate::doc::FontFile>);

impl FontSet {
    /// Parses the eight style faces (regular, italic, bold, bold italic, mono, mono bold,
    /// mono italic, mono bold italic), then the fallback chain.
    pub fn new((files, chain): FontFiles) -> Result<FontSet, Error> {
        let mut faces = Vec::with_capacity(8 + chain.len());
        let mut shaper = super::shape::Shaper::new("und");
        let mut styles = [0, 1, 2, 3, 4, 5, 6, 7, 0, 0];
        let mut seen: Vec<Arc<[u8]>> = Vec::with_capacity(8);
        for (k, (bytes, name)) in files.into_iter().enumerate() {
            // A file given for several faces (a book's own mono for every code weight) is
            // one face: the styles that name it again take the first.
            let first = seen.iter().position(|b| Arc::ptr_eq(b, &bytes));
            if let Some(first) = first {
                styles[k] = first;
            }
            let mut face = Face::parse(bytes.clone(), 0, name)?;
            face.is_code = k >= 4;
            face.words_shape_alone = match first {
                Some(first) => faces.get(first).is_some_and(|f: &Face| f.words_shape_alone),
                None => words_shape_alone(&mut shaper, &face),
            };
            seen.push(bytes);
            faces.push(face);
        }
        let mut bolds = Vec::new();
        for file in chain {
            let mut face = Face::parse(file.bytes, file.index, &file.name)?;
            face.words_shape_alone = words_shape_alone(&mut shaper, &face);
            faces.push(face);
            if let Some(bold) = file.bold {
                bolds.push((faces.len() - 1, *bold));
            }
        }
        // The mono face last: its glyphs are the wrong shape for text.
        let mono = styles[4];
        let chain = (8..faces.len()).chain([mono]).collect();
        let mut bold_of = rustc_hash::FxHashMap::default();
        for (regular, file) in bolds {
            let mut face = Face::parse(file.bytes, file.index, &file.name)?;
            face.words_shape_alone = words_shape_alone(&mut shaper, &face);
            faces.push(face);
            bold_of.insert(regular, faces.len() - 1);
        }
        Ok(FontSet {
            chain,
            faces,
            styles,
            bold_of,
        })
    }

    /// The font files, in `TextRun::font` order, for the PDF writer to embed (whole, or as
    /// subsets).
    pub fn files(&self, embed_whole: bool) -> Vec<crate::typeset::page::FontData> {
        self.faces
            .iter()
            .map(|f| crate::typeset::page::FontData {
                bytes: f.bytes.clone(),
                index: f.index,
                embed_whole,
            })
            .collect()
    }

    /// Sets `style` in a face of its own: `bytes` shaped with `features` (`"smcp"`,
    /// `"-liga"`). Fails when the bytes are not a font.
    pub fn add_style(
        &mut self,
        style: Style,
        bytes: Arc<[u8]>,
        name: &str,
        features: &[&str],
    ) -> Result<(), Error> {
        let mut face = Face::parse(bytes, 0, name)?;
        face.features = parse_features(features);
        let mut shaper = super::shape::Shaper::new("und");
        face.words_shape_alone = words_shape_alone(&mut shaper, &face);
        self.faces.push(face);
        self.styles[style as usize] = self.faces.len() - 1;
        Ok(())
    }

    /// Shapes the text faces (regular, italic, bold, bold italic) with `features`.
    pub fn set_text_features(&mut self, features: &[&str]) {
        if features.is_empty() {
            return;
        }
        let mut shaper = super::shape::Shaper::new("und");
        for k in 0..4 {
            let face = &mut self.faces[self.styles[k]];
            face.features = parse_features(features);
            face.words_shape_alone = words_shape_alone(&mut shaper, face);
        }
    }

    /// Whether small capitals are the font's own (`smcp`), not the regular face.
    pub fn has_small_caps(&self) -> bool {
        self.styles[Style::SmallCaps as usize] != self.styles[Style::Regular as usize]
    }

    /// The face for a style.
    pub fn face_for(&self, style: Style) -> FaceId {
        self.styles[style as usize]
    }

    /// The face that shows `c` in `style`: the style's own, else the regular face, else the
    /// first of the chain that has it (the mono face last), else the style's own (which
    /// then shows its `.notdef` box; the project has warned).
    pub fn face_for_char(&self, style: Style, c: char) -> (FaceId, bool) {
        let own = self.face_for(style);
        if self.faces[own].has_char(c) || c.is_whitespace() || c.is_control() {
            return (own, true);
        }
        let regular = self.face_for(Style::Regular);
        let found = std::iter::once(regular)
            .chain(self.chain.iter().copied())
            .find(|&f| self.faces[f].has_char(c));
        match found {
            // Bold, and emphasis in a script with no italic (Chinese, Japanese), in the
            // family's bold where there is one.
            Some(f) if matches!(style, Style::Bold | Style::Italic | Style::BoldItalic) => {
                let bold = self.bold_of.get(&f).copied();
                (
                    bold.filter(|&b| self.faces[b].has_char(c)).unwrap_or(f),
                    true,
                )
            }
            Some(f) => (f, true),
            None => (own, false),
        }
    }
}
