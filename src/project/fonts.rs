//! The fonts shipped in `fonts/` (SIL OFL and the DejaVu licence), built into the binary so
//! that folio needs no font installed on the machine.

/// EB Garamond Regular (the EB Garamond Project, 2017): the body text face.
pub const SERIF_REGULAR: &[u8] = include_bytes!("../../fonts/EBGaramond-Regular.ttf");
/// EB Garamond Italic.
pub const SERIF_ITALIC: &[u8] = include_bytes!("../../fonts/EBGaramond-Italic.ttf");
/// EB Garamond Bold.
pub const SERIF_BOLD: &[u8] = include_bytes!("../../fonts/EBGaramond-Bold.ttf");
/// EB Garamond Bold Italic.
pub const SERIF_BOLD_ITALIC: &[u8] = include_bytes!("../../fonts/EBGaramond-BoldItalic.ttf");
/// Source Serif 4 Regular (Adobe, OFL; subset to Latin): the `modern` design's text face.
pub const MODERN_REGULAR: &[u8] = include_bytes!("../../fonts/SourceSerif4-Regular.ttf");
/// Source Serif 4 Italic.
pub const MODERN_ITALIC: &[u8] = include_bytes!("../../fonts/SourceSerif4-It.ttf");
/// Source Serif 4 Bold.
pub const MODERN_BOLD: &[u8] = include_bytes!("../../fonts/SourceSerif4-Bold.ttf");
/// Source Serif 4 Bold Italic.
pub const MODERN_BOLD_ITALIC: &[u8] = include_bytes!("../../fonts/SourceSerif4-BoldIt.ttf");
/// Source Sans 3 Semibold (Adobe, OFL; subset to Latin): the `modern` design's titles and
/// running heads.
pub const SANS_SEMIBOLD: &[u8] = include_bytes!("../../fonts/SourceSans3-Semibold.ttf");
/// DejaVu Sans Mono: code.
pub const MONO: &[u8] = include_bytes!("../../fonts/DejaVuSansMono.ttf");
/// DejaVu Sans Mono Bold: keywords in code, where the code theme sets them bold.
pub const MONO_BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSansMono-Bold.ttf");
/// DejaVu Sans Mono Oblique: comments in code, where the code theme sets them italic.
pub const MONO_ITALIC: &[u8] = include_bytes!("../../fonts/DejaVuSansMono-Oblique.ttf");
/// DejaVu Sans Mono Bold Oblique.
pub const MONO_BOLD_ITALIC: &[u8] = include_bytes!("../../fonts/DejaVuSansMono-BoldOblique.ttf");
/// DejaVu Sans: characters EB Garamond lacks (Hebrew, Arabic, arrows, maths, box drawing…).
pub const FALLBACK: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");

/// The faces the typesetter sets with: eight styles (regular, italic, bold, bold italic,
/// mono, mono bold, mono italic, mono bold italic), the book's own files where `book.toml`
/// names them, else the built-in ones, each with the `book.toml` key that names it; then the
/// fallback chain: the book's `font-fallback` list in order, the bundled DejaVu Sans, the
/// machine's fonts. A book that names its own `font-mono` sets all code in it (its weights
/// are not mixed with DejaVu's); the code theme's bold and italic then show only as colour.
#[allow(
    clippy::type_complexity,
    reason = "the typesetter's `FontFiles`, which this stage does not depend on"
)]
pub fn faces(
    files: &crate::doc::FontFiles,
) -> (
    [(std::sync::Arc<[u8]>, &'static str); 8],
    Vec<crate::doc::FontFile>,
) {
    let pick = |given: &Option<Vec<u8>>, default: &'static [u8]| -> std::sync::Arc<[u8]> {
        given
            .as_deref()
            .map_or_else(|| std::sync::Arc::from(default), std::sync::Arc::from)
    };
    let mono = pick(&files.mono, MONO);
    let mono_weight = |default: &'static [u8]| match files.mono {
        Some(_) => mono.clone(),
        None => std::sync::Arc::from(default),
    };
    let styles = [
        (pick(&files.regular, SERIF_REGULAR), "font-regular"),
        (pick(&files.italic, SERIF_ITALIC), "font-italic"),
        (pick(&files.bold, SERIF_BOLD), "font-bold"),
        (
            pick(&files.bold_italic, SERIF_BOLD_ITALIC),
            "font-bold-italic",
        ),
        (mono.clone(), "font-mono"),
        (mono_weight(MONO_BOLD), "font-mono"),
        (mono_weight(MONO_ITALIC), "font-mono"),
        (mono_weight(MONO_BOLD_ITALIC), "font-mono"),
    ];
    let bundled = crate::doc::FontFile {
        bytes: std::sync::Arc::from(FALLBACK),
        index: 0,
        name: "DejaVu Sans (built in)".into(),
        bold: None,
    };
    let mut chain = files.fallbacks.clone();
    chain.push(bundled);
    chain.extend(files.system.iter().cloned());
    (styles, chain)
}
