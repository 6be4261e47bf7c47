//! A TextMate `.tmTheme` file → `Theme`, read with syntect (which bat and Typst use for the
//! same files): each `TokenKind` takes the style the file's rules give a scope typical of
//! it, the first of its candidates that some rule styles.

use std::io::Cursor;

use syntect::highlighting::{Color, FontStyle, Highlighter, ThemeSet};
use syntect::parsing::Scope;

use super::theme::{Style, Theme};
use crate::doc::TokenKind;
use crate::units::Rgb;

/// Scopes typical of each kind, tried in order (themes style `keyword` or `storage`, names
/// of types as `entity.name.type` or `support.type`…). `Plain` takes the default colour.
fn candidates(kind: TokenKind) -> &'static [&'static str] {
    match kind {
        TokenKind::Plain => &[],
        TokenKind::Keyword => &["keyword.control", "keyword", "storage.type"],
        TokenKind::String => &["string.quoted.double", "string"],
        TokenKind::Comment => &["comment.line", "comment"],
        TokenKind::Number => &["constant.numeric", "constant"],
        TokenKind::Constant => &["constant.language", "constant"],
        TokenKind::Function => &["entity.name.function", "support.function"],
        TokenKind::Macro => &[
            "entity.name.function.macro",
            "support.macro",
            "entity.name.function",
        ],
        TokenKind::Type => &["entity.name.type", "support.type", "storage.type"],
        TokenKind::Attribute => &["entity.other.attribute-name", "meta.attribute"],
        TokenKind::Lifetime => &["storage.modifier.lifetime", "storage.modifier"],
        TokenKind::Variable => &["variable.other", "variable"],
        TokenKind::Operator => &["keyword.operator"],
        TokenKind::Punctuation => &["punctuation.separator", "punctuation"],
        TokenKind::Tag => &["entity.name.tag"],
        TokenKind::Prompt => &["punctuation.separator.prompt", "keyword.other"],
        TokenKind::Output => &["meta.output", "comment"],
        TokenKind::Inserted => &["markup.inserted"],
        TokenKind::Deleted => &["markup.deleted"],
        TokenKind::Heading => &["markup.heading", "entity.name.section"],
        TokenKind::Emphasis => &["markup.italic"],
        TokenKind::Strong => &["markup.bold"],
        TokenKind::Link => &["markup.underline.link", "string.other.link"],
    }
}

/// Parses `bytes` as a `.tmTheme` property list.
pub(super) fn parse(name: &str, bytes: &[u8]) -> Result<Theme, String> {
    let theme = ThemeSet::load_from_reader(&mut Cursor::new(bytes)).map_err(|e| {
        let source = std::error::Error::source(&e).map_or(String::new(), |s| format!(": {s}"));
        format!("{e}{source}")
    })?;
    let highlighter = Highlighter::new(&theme);
    let default = highlighter.get_default();
    let mut styles = Vec::with_capacity(TokenKind::ALL.len());
    for kind in TokenKind::ALL {
        let found = candidates(kind)
            .iter()
            .filter_map(|scope| Scope::new(scope).ok())
            .map(|scope| highlighter.style_mod_for_stack(&[scope]))
            .find(|m| m.foreground.is_some() || m.font_style.is_some());
        let colour = found
            .and_then(|m| m.foreground)
            .unwrap_or(default.foreground);
        let font = found
            .and_then(|m| m.font_style)
            .unwrap_or(default.font_style);
        let style = Style {
            colour: on_paper(colour),
            bold: font.contains(FontStyle::BOLD),
            italic: font.contains(FontStyle::ITALIC),
        };
        styles.push((kind, style));
    }
    Ok(styles.into_iter().fold(
        Theme::new(name, Style::default(), &[]),
        |theme, (kind, style)| theme.with(kind, style),
    ))
}

/// A theme colour as printed on white paper: its alpha blended onto white.
fn on_paper(colour: Color) -> Rgb {
    let alpha = f64::from(colour.a) / 255.0;
    let blend = |c: u8| (f64::from(c) * alpha + 255.0 * (1.0 - alpha)).round() as u8;
    Rgb::new(blend(colour.r), blend(colour.g), blend(colour.b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small theme in the form editors write them: a default colour, then rules.
    const THEME: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>name</key><string>Test</string>
  <key>settings</key>
  <array>
    <dict><key>settings</key><dict>
      <key>foreground</key><string>#222222</string>
      <key>background</key><string>#FFFFFF</string>
    </dict></dict>
    <dict><key>scope</key><string>comment</string><key>settings</key><dict>
      <key>foreground</key><string>#00000080</string>
      <key>fontStyle</key><string>italic</string>
    </dict></dict>
    <dict><key>scope</key><string>keyword, storage</string><key>settings</key><dict>
      <key>foreground</key><string>#AA0000</string>
      <key>fontStyle</key><string>bold</string>
    </dict></dict>
    <dict><key>scope</key><string>support.type</string><key>settings</key><dict>
      <key>foreground</key><string>#0000AA</string>
    </dict></dict>
  </array>
</dict>
</plist>"#;

    #[test]
    fn each_kind_takes_the_style_of_its_scopes() {
        let theme = parse("test", THEME.as_bytes()).unwrap();
        assert_eq!(theme.name, "test");
        let keyword = theme.style(TokenKind::Keyword);
        assert_eq!(keyword.colour, Rgb::new(0xaa, 0, 0));
        assert!(keyword.bold && !keyword.italic);
        // `entity.name.type` has no rule; `support.type`, the next candidate, has one.
        assert_eq!(theme.style(TokenKind::Type).colour, Rgb::new(0, 0, 0xaa));
        assert_eq!(
            theme.style(TokenKind::Plain).colour,
            Rgb::new(0x22, 0x22, 0x22)
        );
        assert_eq!(
            theme.style(TokenKind::String).colour,
            Rgb::new(0x22, 0x22, 0x22)
        );
        // Half-transparent black on white paper is mid grey.
        let comment = theme.style(TokenKind::Comment);
        assert_eq!(comment.colour, Rgb::new(0x7f, 0x7f, 0x7f));
        assert!(comment.italic);
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        assert!(parse("x", b"").is_err());
        assert!(parse("x", b"<plist><dict><key>settings</key>").is_err());
        assert!(parse("x", &[0xff, 0xfe, 0x00]).is_err());
    }
}
