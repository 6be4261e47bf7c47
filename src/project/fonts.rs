//! The fonts shipped in `fonts/` (SIL OFL and the DejaVu licence), built into the binary so
//! that folio needs no font installed on the machine.

/// EB Garamond 12 Regular: the body text face.
pub const SERIF_REGULAR: &[u8] = include_bytes!("../../fonts/EBGaramond12-Regular.ttf");
