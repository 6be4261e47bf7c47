//! `[output.pdf] code-theme` → `highlight::Theme`: a shipped theme by name, or a TextMate
//! `.tmTheme` file of the book folder, with a diagnostic at `book.toml`'s line when the
//! name is unknown, the file missing or unreadable, or its colours too light for paper.

use toml::Spanned;

use crate::diag::{Diagnostic, FileId, Span};
use crate::highlight::{THEME_NAMES, Theme};
use crate::units::Rgb;

/// The contrast on white below which a theme colour is too light to read in print (WCAG AA
/// for text).
const MIN_CONTRAST: f64 = 4.5;

/// The theme `setting` names (`paper` when there is none). `read` gives the bytes of a file
/// by its path relative to the book folder (`None`: not found). Problems are pushed to
/// `diags`; a theme that cannot be had falls back to `paper`.
pub fn resolve(
    setting: Option<&Spanned<String>>,
    config_file: FileId,
    read: impl FnOnce(&str) -> Option<Vec<u8>>,
    diags: &mut Vec<Diagnostic>,
) -> Theme {
    let Some(setting) = setting else {
        return Theme::default();
    };
    let span = Span::new(config_file, setting.span());
    let value = setting.get_ref().trim();
    let names = THEME_NAMES
        .iter()
        .map(|n| format!("`\"{n}\"`"))
        .collect::<Vec<_>>()
        .join(", ");
    let is_path = value.to_ascii_lowercase().ends_with(".tmtheme") || value.contains(['/', '\\']);
    if !is_path {
        return Theme::named(value).unwrap_or_else(|| {
            diags.push(
                Diagnostic::error(span, format!("`code-theme` `{value}` is not a theme folio ships"))
                    .with_hint(format!("write {names}, or the path of a `.tmTheme` file relative to the folder of `book.toml`")),
            );
            Theme::default()
        });
    }
    let Some(bytes) = super::relative(value).and_then(|rel| read(&rel)) else {
        diags.push(
            Diagnostic::error(span, format!("code theme `{value}` not found in the book folder"))
                .with_hint(format!("the path is relative to the folder of `book.toml`; or name a shipped theme: {names}")),
        );
        return Theme::default();
    };
    let name = value.rsplit(['/', '\\']).next().unwrap_or(value);
    match Theme::from_tmtheme(name, &bytes) {
        Ok(theme) => {
            faint_warning(&theme, span, diags);
            theme
        }
        Err(reason) => {
            diags.push(
                Diagnostic::error(
                    span,
                    format!("code theme `{value}` is not a TextMate theme: {reason}"),
                )
                .with_hint(
                    "a `.tmTheme` file is an XML property list, as Sublime Text and bat read them",
                ),
            );
            Theme::default()
        }
    }
}

/// Warns when some of the theme's colours are too light to read on white paper.
fn faint_warning(theme: &Theme, span: Span, diags: &mut Vec<Diagnostic>) {
    let faint = theme.faint_kinds(Rgb::WHITE, MIN_CONTRAST);
    if faint.is_empty() {
        return;
    }
    // One entry per colour, in the order of the kinds: `#f8f8f2 at 1.1:1 (plain, keyword…)`.
    let mut colours: Vec<(Rgb, Vec<String>)> = Vec::new();
    for kind in faint {
        let colour = theme.style(kind).colour;
        let name = format!("{kind:?}").to_lowercase();
        match colours.iter_mut().find(|(c, _)| *c == colour) {
            Some((_, kinds)) => kinds.push(name),
            None => colours.push((colour, vec![name])),
        }
    }
    let list = colours
        .iter()
        .map(|(colour, kinds)| {
            let shown = match kinds.len() {
                0..=3 => kinds.join(", "),
                n => format!("{} and {} more", kinds[..3].join(", "), n - 3),
            };
            let ratio = colour.contrast(Rgb::WHITE);
            format!("{} at {ratio:.1}:1 ({shown})", colour.hex())
        })
        .collect::<Vec<_>>()
        .join("; ");
    diags.push(
        Diagnostic::warning(
            span,
            format!("code theme `{}` is too light for white paper: {list}", theme.name),
        )
        .with_hint(format!("print needs {MIN_CONTRAST}:1 on white: darken those colours, or use a theme made for paper (`code-theme = \"paper\"`)")),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setting(value: &str) -> Spanned<String> {
        Spanned::new(14..14 + value.len(), value.to_string())
    }

    fn resolved(value: &str, file: Option<&str>) -> (Theme, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let read = |rel: &str| {
            assert!(!rel.contains(".."), "{rel}");
            file.map(|f| f.as_bytes().to_vec())
        };
        let theme = resolve(Some(&setting(value)), FileId(0), read, &mut diags);
        (theme, diags)
    }

    /// A dark-background theme: light grey text, a pale comment colour.
    const DARK_THEME: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict><key>settings</key><array>
<dict><key>settings</key><dict><key>foreground</key><string>#F8F8F2</string></dict></dict>
<dict><key>scope</key><string>comment</string><key>settings</key><dict><key>foreground</key><string>#A0A0A0</string></dict></dict>
</array></dict></plist>"#;

    #[test]
    fn names_choose_shipped_themes() {
        let (theme, diags) = resolved("grey", None);
        assert_eq!(theme, Theme::named("grey").unwrap());
        assert!(diags.is_empty());
        let mut diags = Vec::new();
        assert_eq!(
            resolve(None, FileId(0), |_| None, &mut diags),
            Theme::default()
        );
        assert!(diags.is_empty());
    }

    #[test]
    fn an_unknown_name_is_an_error_at_its_value_listing_the_themes() {
        let (theme, diags) = resolved("monokai", None);
        assert_eq!(theme, Theme::default());
        assert_eq!(diags.len(), 1);
        assert!(diags[0].is_error());
        assert_eq!(diags[0].span, Some(Span::new(FileId(0), 14..21)));
        assert!(diags[0].hints[0].contains("`\"paper\"`, `\"grey\"`, `\"mono\"`"));
    }

    #[test]
    fn a_missing_or_broken_file_is_an_error() {
        let (_, diags) = resolved("themes/none.tmTheme", None);
        assert!(diags[0].is_error() && diags[0].message.contains("not found"));
        let (_, diags) = resolved("broken.tmTheme", Some("<plist>"));
        assert!(diags[0].is_error() && diags[0].message.contains("not a TextMate theme"));
        // Paths out of the book folder are not even tried.
        let (_, diags) = resolved("../outside.tmTheme", Some(DARK_THEME));
        assert!(diags[0].message.contains("not found"));
    }

    #[test]
    fn a_theme_for_dark_screens_warns_that_it_is_too_light_for_paper() {
        let (theme, diags) = resolved("themes/Dark.tmTheme", Some(DARK_THEME));
        assert_eq!(theme.name, "Dark.tmTheme");
        assert_eq!(diags.len(), 1);
        assert!(!diags[0].is_error());
        let message = &diags[0].message;
        assert!(
            message.contains("#f8f8f2 at 1.1:1 (plain, keyword, string and 18 more)"),
            "{message}"
        );
        assert!(
            message.contains("#a0a0a0 at 2.6:1 (comment, output)"),
            "{message}"
        );
    }
}
