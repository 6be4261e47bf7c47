//! The design's font families → font files: `[design] body-font` / `heading-font` name a
//! built-in family (`EB Garamond`, `Source Serif 4`, `Source Sans 3`), a family in the
//! book's `fonts/` folder, or a folder or file path; the regular, italic, bold and bold italic
//! are found in it by file name. A missing style is a warning naming the face used instead.
//! `[output.pdf] font-*` files win over the family's.

use std::path::Path;

use toml::Spanned;

use super::fonts;
use crate::diag::{Diagnostic, FileId, Span};
use crate::doc::{DesignPreset, FontFiles};

/// The four text styles of a family (regular, italic, bold, bold italic).
type Family = [Option<Vec<u8>>; 4];

const STYLE_NAMES: [&str; 4] = ["regular", "italic", "bold", "bold italic"];

/// Fills `files` from the design: the preset's families, then `body-font` and
/// `heading-font`; files named by `[output.pdf] font-*` (already in `files`) are kept.
/// `root` is the book folder (None for books held in memory: built-in families only).
pub fn apply(
    files: &mut FontFiles,
    preset: DesignPreset,
    config: &super::design_config::DesignConfig,
    root: Option<&Path>,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) {
    let mut body: Option<Family> = None;
    if preset == DesignPreset::Modern {
        body = builtin("source serif 4");
        files.heading = files.heading.take().or(Some(fonts::SANS_SEMIBOLD.to_vec()));
    }
    if let Some(name) = &config.body_font {
        body = find(name, root, file, diags, true);
    }
    if let Some(name) = &config.heading_font
        && let Some(family) = find(name, root, file, diags, false)
    {
        // The heading face is the family's bold when it has one, else its regular.
        files.heading = family[2].clone().or_else(|| family[0].clone());
    }
    if let Some(family) = body {
        let slots = [
            &mut files.regular,
            &mut files.italic,
            &mut files.bold,
            &mut files.bold_italic,
        ];
        for (slot, face) in slots.into_iter().zip(family) {
            if slot.is_none() {
                *slot = face;
            }
        }
    }
}

/// A built-in family by name (case and spaces ignored).
fn builtin(name: &str) -> Option<Family> {
    let key: String = name.chars().filter(|c| c.is_alphanumeric()).collect();
    let own = |faces: [&[u8]; 4]| Some(faces.map(|f| Some(f.to_vec())));
    match key.to_ascii_lowercase().as_str() {
        "ebgaramond" => own([
            fonts::SERIF_REGULAR,
            fonts::SERIF_ITALIC,
            fonts::SERIF_BOLD,
            fonts::SERIF_BOLD_ITALIC,
        ]),
        "sourceserif4" => own([
            fonts::MODERN_REGULAR,
            fonts::MODERN_ITALIC,
            fonts::MODERN_BOLD,
            fonts::MODERN_BOLD_ITALIC,
        ]),
        "sourcesans3" => Some([None, None, Some(fonts::SANS_SEMIBOLD.to_vec()), None]),
        _ => None,
    }
}

/// The family `name` names: built in, in `fonts/`, or at a path; with a diagnostic for each
/// style it lacks (`needs_all`: a body family, whose four styles are all used).
fn find(
    name: &Spanned<String>,
    root: Option<&Path>,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
    needs_all: bool,
) -> Option<Family> {
    let span = Span::new(file, name.span());
    if let Some(family) = builtin(name.get_ref()) {
        return Some(family);
    }
    let candidates = root
        .map(|root| candidates(root, name.get_ref()))
        .unwrap_or_default();
    let mut family: Family = [None, None, None, None];
    for path in &candidates {
        let Some(style) = style_of(path) else {
            continue;
        };
        if family[style].is_none() {
            family[style] = std::fs::read(path).ok();
        }
    }
    if family.iter().all(Option::is_none) {
        diags.push(
            Diagnostic::error(span, format!("no font family `{}` found", name.get_ref()))
                .with_hint("name a built-in family (\"EB Garamond\", \"Source Serif 4\", \"Source Sans 3\"), a family whose files are in the book's `fonts/` folder (`fonts/NAME-Regular.ttf`…), or a folder of font files"),
        );
        return None;
    }
    let fallbacks = [None, Some(0), Some(0), Some(2)];
    for style in 0..4 {
        if family[style].is_some() || (!needs_all && style != 0 && style != 2) {
            continue;
        }
        let instead = fallbacks[style].filter(|&f| family[f].is_some());
        diags.push(
            Diagnostic::warning(
                span,
                format!(
                    "the font family `{}` has no {} face; {} is used for it",
                    name.get_ref(),
                    STYLE_NAMES[style],
                    instead.map_or("EB Garamond", |f| STYLE_NAMES[f])
                ),
            )
            .with_hint(format!(
                "add a file named like `{}-{}.ttf` to the family's folder",
                name.get_ref().replace(' ', ""),
                ["Regular", "Italic", "Bold", "BoldItalic"][style]
            )),
        );
        family[style] = instead.and_then(|f| family[f].clone());
    }
    Some(family)
}

/// Font files that may belong to the family `name`: the files of a folder or the file it
/// names, else the files of `fonts/` whose names start with it (spaces ignored).
fn candidates(root: &Path, name: &str) -> Vec<std::path::PathBuf> {
    let is_font = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf"))
    };
    let list = |dir: &Path| -> Vec<std::path::PathBuf> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|p| is_font(p));
        files.sort();
        files
    };
    let Some(rel) = super::relative(name) else {
        return Vec::new();
    };
    let path = root.join(&rel);
    if path.is_dir() {
        return list(&path);
    }
    if path.is_file() && is_font(&path) {
        return vec![path];
    }
    let key: String = name.chars().filter(|c| c.is_alphanumeric()).collect();
    let key = key.to_ascii_lowercase();
    let mut files = list(&root.join("fonts"));
    files.retain(|p| {
        p.file_stem().and_then(|s| s.to_str()).is_some_and(|s| {
            let s: String = s.chars().filter(|c| c.is_alphanumeric()).collect();
            s.to_ascii_lowercase().starts_with(&key)
        })
    });
    files
}

/// Which style a font file holds, from its name (`-Regular`, `-Italic`/`-It`, `-Bold`,
/// `-BoldItalic`/`-BoldIt`; other weights are not used).
fn style_of(path: &Path) -> Option<usize> {
    let stem = path.file_stem()?.to_str()?;
    let suffix = stem.rsplit(['-', '_', ' ']).next()?.to_ascii_lowercase();
    match suffix.as_str() {
        "regular" | "roman" | "book" => Some(0),
        "italic" | "it" => Some(1),
        "bold" => Some(2),
        "bolditalic" | "boldit" => Some(3),
        _ if !stem.contains(['-', '_', ' ']) => Some(0),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_come_from_file_names() {
        assert_eq!(style_of(Path::new("fonts/Lora-Regular.ttf")), Some(0));
        assert_eq!(style_of(Path::new("fonts/Lora-It.otf")), Some(1));
        assert_eq!(style_of(Path::new("fonts/Lora-BoldItalic.ttf")), Some(3));
        assert_eq!(style_of(Path::new("fonts/Lora-Medium.ttf")), None);
    }

    #[test]
    fn a_family_without_bold_italic_warns_and_uses_its_bold() {
        let dir = std::env::temp_dir().join(format!("folio-family-{}", std::process::id()));
        let fonts_dir = dir.join("fonts");
        std::fs::create_dir_all(&fonts_dir).expect("temp folder");
        for style in ["Regular", "Italic", "Bold"] {
            std::fs::write(fonts_dir.join(format!("Test-{style}.ttf")), style).expect("write");
        }
        let name = Spanned::new(10..16, "Test".to_string());
        let mut diags = Vec::new();
        let family = find(&name, Some(&dir), FileId(0), &mut diags, true).expect("found");
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(family[3].as_deref(), Some(&b"Bold"[..]));
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.contains("no bold italic face"));
        assert_eq!(diags[0].span.map(|s| s.start), Some(10));
    }
}
