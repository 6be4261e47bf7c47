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
/// DejaVu Sans Mono: code.
pub const MONO: &[u8] = include_bytes!("../../fonts/DejaVuSansMono.ttf");
/// DejaVu Sans: characters EB Garamond lacks (Hebrew, Arabic, arrows, maths, box drawing…).
pub const FALLBACK: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
