//! Code themes for print: a `Style` (sRGB colour, bold, italic) for each `TokenKind`.
//!
//! The shipped themes are made for paper. `paper` (the default) has colours dark enough
//! for text on white (at least 4.5:1) that stay apart when printed in black and white:
//! each kind that sits next to another in code differs from it by at least 7 in CIE L*
//! lightness or by weight or slant; comments are italic and keywords bold. `grey` is the
//! same in pure greys, `mono` all black with bold keywords and italic comments.

use crate::doc::TokenKind;
use crate::units::Rgb;

/// How one kind of token is set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// The colour of the glyphs.
    pub colour: Rgb,
    /// Set in the bold face.
    pub bold: bool,
    /// Set in the italic (oblique) face.
    pub italic: bool,
}

impl Style {
    /// Regular type in `colour`.
    pub const fn colour(colour: Rgb) -> Style {
        Style {
            colour,
            bold: false,
            italic: false,
        }
    }

    /// The same style, bold.
    pub const fn bold(self) -> Style {
        Style { bold: true, ..self }
    }

    /// The same style, italic.
    pub const fn italic(self) -> Style {
        Style {
            italic: true,
            ..self
        }
    }
}

/// A code theme: the style of each token kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    /// The theme's name (`paper`, or the file name of a `.tmTheme`).
    pub name: String,
    styles: [Style; TokenKind::ALL.len()],
}

/// The names of the shipped themes, the default first.
pub const THEME_NAMES: &[&str] = &["paper", "grey", "mono"];

impl Default for Theme {
    /// The `paper` theme.
    fn default() -> Theme {
        paper()
    }
}

impl Theme {
    /// A theme of `name` that sets every kind in `plain` but those `styles` names.
    pub fn new(name: &str, plain: Style, styles: &[(&[TokenKind], Style)]) -> Theme {
        let mut theme = Theme {
            name: name.to_string(),
            styles: [plain; TokenKind::ALL.len()],
        };
        for (kinds, style) in styles {
            for kind in *kinds {
                theme.styles[kind.index()] = *style;
            }
        }
        theme
    }

    /// The same theme with `kind` set in `style`.
    pub fn with(mut self, kind: TokenKind, style: Style) -> Theme {
        self.styles[kind.index()] = style;
        self
    }

    /// The shipped theme `name` (see `THEME_NAMES`; `gray` is `grey`), in any case.
    pub fn named(name: &str) -> Option<Theme> {
        match name.trim().to_ascii_lowercase().as_str() {
            "paper" => Some(paper()),
            "grey" | "gray" => Some(grey()),
            "mono" => Some(mono()),
            _ => None,
        }
    }

    /// The theme of a TextMate `.tmTheme` file (a property list), named `name`: each kind
    /// takes the style the file gives a scope typical of it (`keyword.control` for
    /// keywords). Colours with alpha are blended onto white paper.
    pub fn from_tmtheme(name: &str, bytes: &[u8]) -> Result<Theme, String> {
        super::tmtheme::parse(name, bytes)
    }

    /// The style of `kind`.
    pub fn style(&self, kind: TokenKind) -> Style {
        self.styles[kind.index()]
    }

    /// The kinds whose colour has less than `ratio` contrast with `background`, in order.
    pub fn faint_kinds(&self, background: Rgb, ratio: f64) -> Vec<TokenKind> {
        TokenKind::ALL
            .into_iter()
            .filter(|kind| self.style(*kind).colour.contrast(background) < ratio)
            .collect()
    }
}

const BLACK: Style = Style::colour(Rgb::BLACK);

/// Colours and type on paper: dark, and apart in grey (see the module's doc).
fn paper() -> Theme {
    use TokenKind as K;
    Theme::new(
        "paper",
        BLACK,
        &[
            (
                &[K::Keyword],
                Style::colour(Rgb::new(0x1f, 0x3d, 0x8f)).bold(),
            ),
            (
                &[K::Function, K::Macro, K::Attribute],
                Style::colour(Rgb::new(0x4a, 0x1a, 0x6b)),
            ),
            (
                &[K::Type, K::Tag],
                Style::colour(Rgb::new(0x0a, 0x4f, 0x5a)),
            ),
            (
                &[K::Number, K::Constant, K::Lifetime],
                Style::colour(Rgb::new(0x9a, 0x3d, 0x00)),
            ),
            (
                &[K::String, K::Inserted],
                Style::colour(Rgb::new(0x35, 0x7a, 0x17)),
            ),
            (
                &[K::Comment],
                Style::colour(Rgb::new(0x68, 0x68, 0x68)).italic(),
            ),
            (&[K::Deleted], Style::colour(Rgb::new(0x7f, 0x0f, 0x14))),
            (&[K::Output], Style::colour(Rgb::new(0x4d, 0x4d, 0x4d))),
            (&[K::Link], Style::colour(Rgb::new(0x1f, 0x3d, 0x8f))),
            (&[K::Prompt, K::Heading, K::Strong], BLACK.bold()),
            (&[K::Emphasis], BLACK.italic()),
        ],
    )
}

/// `paper` in greys only: for printers that make muddy greys of colours.
fn grey() -> Theme {
    use TokenKind as K;
    let grey = |level: u8| Style::colour(Rgb::new(level, level, level));
    Theme::new(
        "grey",
        BLACK,
        &[
            (&[K::Keyword], BLACK.bold()),
            (&[K::Function, K::Macro, K::Attribute], grey(0x26)),
            (&[K::Type, K::Tag, K::Link, K::Deleted], grey(0x3b)),
            (&[K::Number, K::Constant, K::Lifetime], grey(0x4f)),
            (&[K::String, K::Inserted], grey(0x61)),
            (&[K::Output], grey(0x59)),
            (&[K::Comment], grey(0x6b).italic()),
            (&[K::Prompt, K::Heading, K::Strong], BLACK.bold()),
            (&[K::Emphasis], BLACK.italic()),
        ],
    )
}

/// All black: keywords, prompts and headings bold, comments and emphasis italic.
fn mono() -> Theme {
    use TokenKind as K;
    Theme::new(
        "mono",
        BLACK,
        &[
            (
                &[K::Keyword, K::Prompt, K::Heading, K::Strong],
                BLACK.bold(),
            ),
            (&[K::Comment, K::Emphasis], BLACK.italic()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Kinds that sit side by side in code, a session and a diff: each must stay apart
    /// from the others of its group in a black-and-white print.
    const NEIGHBOURS: &[&[TokenKind]] = &[
        &[
            TokenKind::Plain,
            TokenKind::Keyword,
            TokenKind::String,
            TokenKind::Comment,
            TokenKind::Number,
            TokenKind::Function,
            TokenKind::Type,
        ],
        &[TokenKind::Prompt, TokenKind::Plain, TokenKind::Output],
        &[
            TokenKind::Inserted,
            TokenKind::Deleted,
            TokenKind::Plain,
            TokenKind::Heading,
        ],
    ];

    /// Whether two styles look different printed in grey: lightness at least 7 apart
    /// (about the step a reader tells apart in halftone), or another weight or slant.
    fn apart_in_grey(a: Style, b: Style) -> bool {
        (a.colour.lightness() - b.colour.lightness()).abs() >= 7.0
            || a.bold != b.bold
            || a.italic != b.italic
    }

    #[test]
    fn every_shipped_theme_reads_on_white_paper() {
        for name in THEME_NAMES {
            let theme = Theme::named(name).unwrap();
            assert_eq!(theme.name, *name);
            assert_eq!(theme.faint_kinds(Rgb::WHITE, 4.5), [], "{name}");
            assert!(theme.style(TokenKind::Comment).italic, "{name}");
            assert!(theme.style(TokenKind::Keyword).bold, "{name}");
            assert_eq!(theme.style(TokenKind::Plain), BLACK, "{name}");
        }
        assert_eq!(Theme::default(), Theme::named("paper").unwrap());
        assert_eq!(Theme::named(" Gray "), Theme::named("grey"));
        assert_eq!(Theme::named("monokai"), None);
    }

    #[test]
    fn paper_and_grey_keep_neighbours_apart_in_black_and_white() {
        for name in ["paper", "grey"] {
            let theme = Theme::named(name).unwrap();
            for group in NEIGHBOURS {
                for (i, a) in group.iter().enumerate() {
                    for b in &group[i + 1..] {
                        let (sa, sb) = (theme.style(*a), theme.style(*b));
                        assert!(
                            apart_in_grey(sa, sb),
                            "{name}: {a:?} (L* {:.1}) and {b:?} (L* {:.1}) print alike",
                            sa.colour.lightness(),
                            sb.colour.lightness()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn grey_is_grey_and_mono_is_black() {
        for kind in TokenKind::ALL {
            let Rgb { r, g, b } = Theme::named("grey").unwrap().style(kind).colour;
            assert!(r == g && g == b, "{kind:?}");
            assert_eq!(Theme::named("mono").unwrap().style(kind).colour, Rgb::BLACK);
        }
    }

    #[test]
    fn faint_kinds_are_named() {
        let theme = Theme::new(
            "pale",
            BLACK,
            &[(
                &[TokenKind::Comment],
                Style::colour(Rgb::new(0xaa, 0xaa, 0xaa)),
            )],
        );
        assert_eq!(theme.faint_kinds(Rgb::WHITE, 4.5), [TokenKind::Comment]);
    }
}
