//! The book's design as CSS, appended to folio's stylesheet: the faces (with `@font-face`
//! for embedded fonts), paragraph separation, the chapter title's alignment, case and
//! ornament, the first paragraph's `::first-letter` drop cap and small-caps lead-in, and the
//! scene-break mark of `hr.scene-break`. The classic design adds nothing (its look is the
//! base stylesheet's), so its EPUBs keep their bytes.

use std::fmt::Write as _;

use crate::doc::design::{
    Design, DesignPreset, LeadIn, OpeningAlign, Paragraphs, SceneBreak, TitleCase,
};

/// A font file carried in the EPUB.
#[derive(Clone, Debug)]
pub struct EmbeddedFont {
    /// Whether it is a heading face (declared as `folio heading`), else a text face
    /// (`folio text`).
    pub is_heading: bool,
    /// Whether it is an italic.
    pub is_italic: bool,
    /// Its CSS weight (400, 600, 700).
    pub weight: u16,
    /// The file name in the package (`fonts/…`).
    pub file: String,
    /// The TrueType or OpenType bytes.
    pub bytes: Vec<u8>,
}

/// The family embedded text faces are declared under.
const TEXT_FAMILY: &str = "folio text";
/// The family an embedded heading face is declared under.
const HEADING_FAMILY: &str = "folio heading";

/// The text and heading families of a design, for `font-family`, each with fallbacks a
/// reading system is likely to have.
fn families(design: &Design) -> (&'static str, Option<&'static str>) {
    match design.preset {
        DesignPreset::Modern => (
            "\"Source Serif 4\", \"Source Serif Pro\", Georgia, serif",
            Some("\"Source Sans 3\", \"Source Sans Pro\", \"Helvetica Neue\", Arial, sans-serif"),
        ),
        _ => (
            "\"EB Garamond\", Garamond, Georgia, \"Times New Roman\", serif",
            None,
        ),
    }
}

/// The CSS of `design` (empty for the classic design without embedded fonts).
pub fn stylesheet(design: &Design, fonts: &[EmbeddedFont]) -> String {
    let mut css = String::new();
    for font in fonts {
        let _ = writeln!(
            css,
            "@font-face {{ font-family: \"{}\"; font-style: {}; font-weight: {}; src: url(\"{}\"); }}",
            if font.is_heading {
                HEADING_FAMILY
            } else {
                TEXT_FAMILY
            },
            if font.is_italic { "italic" } else { "normal" },
            font.weight,
            font.file
        );
    }
    let (text, heading) = families(design);
    let has = |is_heading: bool| fonts.iter().any(|f| f.is_heading == is_heading);
    let text = if has(false) {
        format!("\"{TEXT_FAMILY}\", {text}")
    } else {
        text.to_string()
    };
    let heading = match heading {
        Some(h) if has(true) => Some(format!("\"{HEADING_FAMILY}\", {h}")),
        other => other.map(str::to_string),
    };
    if design.preset != DesignPreset::Classic || has(false) {
        let _ = writeln!(css, "body {{ font-family: {text}; }}");
    }
    if let Some(heading) = heading.filter(|_| design.has_heading_face) {
        let _ = writeln!(
            css,
            "h1, h2, h3, h4, h5, h6 {{ font-family: {heading}; font-weight: 600; }}"
        );
    }
    if design.paragraphs == Paragraphs::Block {
        css.push_str("p { text-indent: 0; } p + p { margin-top: 0.5em; }\n");
    }
    let opening = &design.opening;
    let mut h1 = String::new();
    if opening.align == OpeningAlign::Left {
        h1.push_str(" text-align: left;");
    }
    match opening.case {
        TitleCase::AsWritten => {}
        TitleCase::Upper => h1.push_str(" text-transform: uppercase; letter-spacing: 0.05em;"),
        TitleCase::SmallCaps => h1.push_str(" font-variant: small-caps; letter-spacing: 0.05em;"),
    }
    if !h1.is_empty() {
        let _ = writeln!(css, "section > h1 {{{h1} }}");
    }
    if let Some(ornament) = &opening.ornament {
        let _ = writeln!(
            css,
            "section > h1::after {{ content: \"{}\"; display: block; margin-top: 0.5em; font-size: 0.6em; font-family: {text}; }}",
            css_string(ornament)
        );
    }
    if design.drop_cap >= 2 {
        // About N lines of 1.45: the letter's cap height spans them.
        let size = f64::from(design.drop_cap) * 1.45 * 0.82;
        let _ = writeln!(
            css,
            "section > h1 + p::first-letter {{ float: left; font-size: {size:.2}em; line-height: 0.85; margin: 0.06em 0.08em 0 0; }}"
        );
    }
    if design.lead_in == LeadIn::SmallCaps {
        css.push_str("section > h1 + p::first-line, hr.scene-break + p::first-line { font-variant: small-caps; letter-spacing: 0.04em; }\n");
    }
    let mark = match &design.scene_break {
        SceneBreak::Asterism => None,
        SceneBreak::Space => Some("hr.scene-break::after { content: none; }".to_string()),
        other => Some(format!(
            "hr.scene-break::after {{ content: \"{}\"; letter-spacing: 0; font-family: {text}; }}",
            css_string(other.mark())
        )),
    };
    if let Some(mark) = mark {
        css.push_str(&mark);
        css.push('\n');
    }
    if css.is_empty() {
        return css;
    }
    format!("\n/* design: {} */\n{css}", design.preset.name())
}

/// `text` escaped for a CSS string in double quotes.
fn css_string(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\{:x} ", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_adds_its_lead_in_and_literary_drops_its_cap() {
        // Classic's refinement: the first line after an opening or a scene break in small
        // capitals, as in print; no drop cap, no mark of its own.
        let css = stylesheet(&Design::preset(DesignPreset::Classic), &[]);
        assert!(
            css.contains("hr.scene-break + p::first-line { font-variant: small-caps;"),
            "{css}"
        );
        assert!(
            !css.contains("first-letter") && !css.contains("::after"),
            "{css}"
        );
        let css = stylesheet(&Design::preset(DesignPreset::Literary), &[]);
        assert!(css.contains("h1 + p::first-letter { float: left;"), "{css}");
        assert!(
            css.contains("hr.scene-break::after { content: \"\u{2766}\""),
            "{css}"
        );
    }

    #[test]
    fn modern_sets_its_faces_and_block_text_is_escaped() {
        let css = stylesheet(&Design::preset(DesignPreset::Modern), &[]);
        assert!(css.contains("\"Source Sans 3\""), "{css}");
        let design = Design {
            scene_break: SceneBreak::Text("\"~\"".into()),
            ..Design::default()
        };
        assert!(stylesheet(&design, &[]).contains("content: \"\\\"~\\\"\""));
    }
}
