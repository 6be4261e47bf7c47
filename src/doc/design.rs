//! The book's design: a built-in preset (`classic`, `modern`, `literary`) and the `[design]`
//! knobs that override it. Format-neutral: the typesetter and the EPUB writer both read it.

use crate::units::Pt;

/// The built-in designs, in the order `folio designs` lists them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DesignPreset {
    /// Old-style serif, centred sunk chapter openings, italic running heads.
    #[default]
    Classic,
    /// A contemporary serif with a matching sans for titles and heads.
    Modern,
    /// Fiction: drop caps, ornaments, ornamental scene breaks.
    Literary,
}

impl DesignPreset {
    /// Every preset, in listing order.
    pub const ALL: [DesignPreset; 3] = [
        DesignPreset::Classic,
        DesignPreset::Modern,
        DesignPreset::Literary,
    ];

    /// The name `[design] preset` and `--design` take.
    pub fn name(self) -> &'static str {
        match self {
            DesignPreset::Classic => "classic",
            DesignPreset::Modern => "modern",
            DesignPreset::Literary => "literary",
        }
    }

    /// One line saying what the design looks like (`folio designs`).
    pub fn description(self) -> &'static str {
        match self {
            DesignPreset::Classic => {
                "EB Garamond; centred, sunk chapter openings with the label above the title; italic running heads, folios at the outer corner (the default)"
            }
            DesignPreset::Modern => {
                "Source Serif 4 with Source Sans 3 titles and heads; a large flush-left chapter number; folios at the foot"
            }
            DesignPreset::Literary => {
                "EB Garamond for fiction: a drop cap and a small-caps lead-in opening each chapter, a fleuron under the title and at scene breaks, centred folios at the foot"
            }
        }
    }

    /// The preset called `name` (case-insensitive).
    pub fn parse(name: &str) -> Option<DesignPreset> {
        DesignPreset::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// How a chapter's number is shown above its title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChapterLabel {
    /// "Chapter 1" (the localized word and the number).
    Word,
    /// "1".
    Number,
    /// "One".
    Spelled,
    /// "I".
    Roman,
    /// No label.
    None,
}

/// Horizontal alignment of chapter openings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpeningAlign {
    /// Centred on the measure.
    Center,
    /// Flush left.
    Left,
}

/// Letter case of chapter titles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleCase {
    /// As written.
    AsWritten,
    /// All capitals.
    Upper,
    /// Small capitals (the font's `smcp`).
    SmallCaps,
}

/// How the first line after a chapter opening or a scene break begins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeadIn {
    /// Like any line.
    None,
    /// Its first words in small capitals.
    SmallCaps,
}

/// What marks a scene break (`***` or a thematic break).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SceneBreak {
    /// A blank line (kept visible as an asterism at a page top or foot, where white space
    /// would vanish).
    Space,
    /// Three spaced asterisks.
    Asterism,
    /// A fleuron (❦).
    Fleuron,
    /// The given text, centred.
    Text(String),
}

impl SceneBreak {
    /// The mark drawn for the break (for `Space`, the one shown where a page breaks at it).
    pub fn mark(&self) -> &str {
        match self {
            SceneBreak::Space | SceneBreak::Asterism => "*\u{2003}*\u{2003}*",
            SceneBreak::Fleuron => "\u{2766}",
            SceneBreak::Text(text) => text,
        }
    }
}

/// What a running head shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadContent {
    /// The book's title.
    Title,
    /// The book's authors.
    Author,
    /// The current part's title (the chapter's when the book has no parts).
    Part,
    /// The current chapter's title.
    Chapter,
    /// Nothing.
    None,
}

/// How running heads are set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadStyle {
    /// Italic of the text face.
    Italic,
    /// Letter-spaced small capitals.
    SmallCaps,
    /// The heading face.
    Heading,
}

/// Where the folio (page number) goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FolioPosition {
    /// At the outer corner of the running head's line.
    HeadOuter,
    /// At the foot, centred.
    FootCenter,
    /// At the foot, at the outer corner.
    FootOuter,
}

/// Paragraph separation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Paragraphs {
    /// A first-line indent of this many ems (not after headings and breaks).
    Indent(f64),
    /// No indent, a blank half line between paragraphs.
    Block,
}

/// The chapter opening.
#[derive(Clone, Debug, PartialEq)]
pub struct Opening {
    /// The label above the title.
    pub label: ChapterLabel,
    /// Whether the label is set large (the modern number).
    pub is_label_large: bool,
    /// Alignment of label and title.
    pub align: OpeningAlign,
    /// How far the opening is sunk, as a share of the text block's height.
    pub sink: f64,
    /// Case of the title.
    pub case: TitleCase,
    /// An ornament set under the title, if any.
    pub ornament: Option<String>,
}

/// A book's design: fonts, type, openings, first paragraphs, breaks and furniture.
#[derive(Clone, Debug, PartialEq)]
pub struct Design {
    /// The preset the knobs start from.
    pub preset: DesignPreset,
    /// Body type size, when the design sets it (else `[output.pdf] font-size`).
    pub font_size: Option<Pt>,
    /// Body leading, when the design sets it.
    pub leading: Option<Pt>,
    /// Paragraph separation.
    pub paragraphs: Paragraphs,
    /// The chapter opening.
    pub opening: Opening,
    /// A drop cap of this many lines on each chapter's first paragraph (0: none).
    pub drop_cap: u8,
    /// The lead-in of the first line after an opening or a break.
    pub lead_in: LeadIn,
    /// Scene breaks.
    pub scene_break: SceneBreak,
    /// The running head on versos.
    pub head_verso: HeadContent,
    /// The running head on rectos.
    pub head_recto: HeadContent,
    /// How running heads are set.
    pub head_style: HeadStyle,
    /// Where the folio goes.
    pub folio: FolioPosition,
    /// Whether titles and running heads use the heading face (else the text face).
    pub has_heading_face: bool,
    /// OpenType features for the text (`onum`, `liga`, `-kern`…), as written.
    pub features: Vec<String>,
    /// Whether the EPUB embeds the design's fonts.
    pub embeds_fonts: bool,
}

impl Default for Design {
    fn default() -> Self {
        Design::preset(DesignPreset::Classic)
    }
}

impl Design {
    /// The preset's own settings.
    pub fn preset(preset: DesignPreset) -> Design {
        let classic = Design {
            preset,
            font_size: None,
            leading: None,
            paragraphs: Paragraphs::Indent(1.0),
            opening: Opening {
                label: ChapterLabel::Word,
                is_label_large: false,
                align: OpeningAlign::Center,
                sink: 0.22,
                case: TitleCase::AsWritten,
                ornament: None,
            },
            drop_cap: 0,
            lead_in: LeadIn::SmallCaps,
            scene_break: SceneBreak::Asterism,
            head_verso: HeadContent::Title,
            head_recto: HeadContent::Chapter,
            head_style: HeadStyle::SmallCaps,
            folio: FolioPosition::HeadOuter,
            has_heading_face: false,
            features: Vec::new(),
            embeds_fonts: false,
        };
        match preset {
            DesignPreset::Classic => classic,
            DesignPreset::Modern => Design {
                opening: Opening {
                    label: ChapterLabel::Number,
                    is_label_large: true,
                    align: OpeningAlign::Left,
                    sink: 0.18,
                    case: TitleCase::AsWritten,
                    ornament: None,
                },
                // A contemporary design: the text starts plainly after a title.
                lead_in: LeadIn::None,
                head_style: HeadStyle::Heading,
                folio: FolioPosition::FootOuter,
                has_heading_face: true,
                embeds_fonts: true,
                ..classic
            },
            DesignPreset::Literary => Design {
                opening: Opening {
                    label: ChapterLabel::Spelled,
                    is_label_large: false,
                    align: OpeningAlign::Center,
                    sink: 0.22,
                    case: TitleCase::AsWritten,
                    ornament: Some("\u{2766}".into()),
                },
                drop_cap: 3,
                scene_break: SceneBreak::Fleuron,
                folio: FolioPosition::FootCenter,
                ..classic
            },
        }
    }

    /// Whether anything is set in small capitals (the typesetter then needs the font's).
    pub fn uses_small_caps(&self) -> bool {
        self.lead_in == LeadIn::SmallCaps
            || self.head_style == HeadStyle::SmallCaps
            || self.opening.case == TitleCase::SmallCaps
            || self.opening.label == ChapterLabel::Spelled
    }

    /// The head on a page: `HeadContent` of its side.
    pub fn head(&self, is_recto: bool) -> HeadContent {
        if is_recto {
            self.head_recto
        } else {
            self.head_verso
        }
    }
}

/// `n` in words, for chapter labels ("One" … "Ninety-Nine"; larger numbers as digits).
pub fn spelled(n: u32) -> String {
    const ONES: [&str; 20] = [
        "Zero",
        "One",
        "Two",
        "Three",
        "Four",
        "Five",
        "Six",
        "Seven",
        "Eight",
        "Nine",
        "Ten",
        "Eleven",
        "Twelve",
        "Thirteen",
        "Fourteen",
        "Fifteen",
        "Sixteen",
        "Seventeen",
        "Eighteen",
        "Nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety",
    ];
    match n {
        0..20 => ONES[n as usize].to_string(),
        20..100 if n.is_multiple_of(10) => TENS[(n / 10) as usize].to_string(),
        20..100 => format!("{}-{}", TENS[(n / 10) as usize], ONES[(n % 10) as usize]),
        100..1000 => {
            let rest = n % 100;
            let hundreds = format!("{} Hundred", ONES[(n / 100) as usize]);
            if rest == 0 {
                hundreds
            } else {
                format!("{hundreds} and {}", spelled(rest))
            }
        }
        _ => n.to_string(),
    }
}

/// `n` in upper-case roman numerals (digits past 3999).
pub fn roman(n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_spelled_and_romanised() {
        assert_eq!(spelled(1), "One");
        assert_eq!(spelled(42), "Forty-Two");
        assert_eq!(spelled(135), "One Hundred and Thirty-Five");
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(roman(0), "0");
    }

    #[test]
    fn presets_parse_by_name_and_differ() {
        for preset in DesignPreset::ALL {
            assert_eq!(DesignPreset::parse(preset.name()), Some(preset));
        }
        assert_eq!(DesignPreset::parse("Modern"), Some(DesignPreset::Modern));
        assert_eq!(DesignPreset::parse("baroque"), None);
        assert_ne!(
            Design::preset(DesignPreset::Classic),
            Design::preset(DesignPreset::Literary)
        );
    }
}
