//! `[design]` of `book.toml` → the knobs that override the chosen preset, each checked with
//! a diagnostic at its file:line; `DesignConfig::resolve` applies them to a preset (the
//! book's, or `--design`'s, which wins).

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, FileId, Span};
use crate::doc::design::{
    ChapterLabel, Design, DesignPreset, FolioPosition, HeadContent, HeadStyle, LeadIn,
    OpeningAlign, Paragraphs, SceneBreak, TitleCase,
};
use crate::doc::parse_length;

/// Keys of `[design]`.
pub const DESIGN_KEYS: &[&str] = &[
    "preset",
    "body-font",
    "heading-font",
    "font-size",
    "leading",
    "paragraph",
    "indent",
    "chapter-label",
    "chapter-align",
    "chapter-sink",
    "chapter-case",
    "chapter-ornament",
    "drop-cap",
    "lead-in",
    "scene-break",
    "running-head-verso",
    "running-head-recto",
    "running-head-style",
    "folio",
    "features",
];

/// What `[design]` says: the preset and the knobs, as read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DesignConfig {
    /// `preset`, with where it is written.
    pub preset: Option<DesignPreset>,
    /// The knobs, in source order.
    pub knobs: Vec<Knob>,
    /// `body-font`: a family name or a path, as written.
    pub body_font: Option<Spanned<String>>,
    /// `heading-font`: a family name or a path, as written.
    pub heading_font: Option<Spanned<String>>,
}

/// One knob's parsed value.
#[derive(Clone, Debug, PartialEq)]
pub enum Knob {
    /// `font-size`.
    FontSize(crate::units::Pt),
    /// `leading`.
    Leading(crate::units::Pt),
    /// `paragraph` / `indent`.
    Paragraphs(Paragraphs),
    /// `chapter-label`.
    Label(ChapterLabel),
    /// `chapter-align`.
    Align(OpeningAlign),
    /// `chapter-sink`.
    Sink(f64),
    /// `chapter-case`.
    Case(TitleCase),
    /// `chapter-ornament` (`""` or `"none"`: none).
    Ornament(Option<String>),
    /// `drop-cap`.
    DropCap(u8),
    /// `lead-in`.
    LeadIn(LeadIn),
    /// `scene-break`.
    SceneBreak(SceneBreak),
    /// `running-head-verso`.
    HeadVerso(HeadContent),
    /// `running-head-recto`.
    HeadRecto(HeadContent),
    /// `running-head-style`.
    HeadStyle(HeadStyle),
    /// `folio`.
    Folio(FolioPosition),
    /// `features`.
    Features(Vec<String>),
}

impl DesignConfig {
    /// The design: `flag`'s preset (`--design`) or the book's, with the knobs applied.
    pub fn resolve(&self, flag: Option<DesignPreset>) -> Design {
        let mut design = Design::preset(flag.or(self.preset).unwrap_or_default());
        if self.heading_font.is_some() {
            design.has_heading_face = true;
        }
        for knob in &self.knobs {
            match knob.clone() {
                Knob::FontSize(size) => design.font_size = Some(size),
                Knob::Leading(leading) => design.leading = Some(leading),
                Knob::Paragraphs(p) => design.paragraphs = p,
                Knob::Label(label) => design.opening.label = label,
                Knob::Align(align) => design.opening.align = align,
                Knob::Sink(sink) => design.opening.sink = sink,
                Knob::Case(case) => design.opening.case = case,
                Knob::Ornament(ornament) => design.opening.ornament = ornament,
                Knob::DropCap(lines) => design.drop_cap = lines,
                Knob::LeadIn(lead_in) => design.lead_in = lead_in,
                Knob::SceneBreak(mark) => design.scene_break = mark,
                Knob::HeadVerso(head) => design.head_verso = head,
                Knob::HeadRecto(head) => design.head_recto = head,
                Knob::HeadStyle(style) => design.head_style = style,
                Knob::Folio(folio) => design.folio = folio,
                Knob::Features(features) => design.features = features,
            }
        }
        design
    }
}

/// Reads `[design]`, reporting unknown keys and bad values.
pub fn read(file: FileId, table: &DeTable, diags: &mut Vec<Diagnostic>) -> DesignConfig {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    let mut config = DesignConfig::default();
    let mut read = Read { file, diags };
    for (key, value) in entries {
        let name = key.get_ref().as_ref();
        let knob = match name {
            "preset" => {
                config.preset = read.choice(name, value, &PRESETS);
                None
            }
            "body-font" => {
                config.body_font = read
                    .string(name, value)
                    .map(|s| Spanned::new(value.span(), s));
                None
            }
            "heading-font" => {
                config.heading_font = read
                    .string(name, value)
                    .map(|s| Spanned::new(value.span(), s));
                None
            }
            "font-size" => read.length(name, value, 4.0).map(Knob::FontSize),
            "leading" => read.length(name, value, 1.0).map(Knob::Leading),
            "paragraph" => read.choice(name, value, &PARAGRAPHS).map(Knob::Paragraphs),
            "indent" => read
                .number(name, value, 0.0..=6.0)
                .map(|em| Knob::Paragraphs(Paragraphs::Indent(em))),
            "chapter-label" => read.choice(name, value, &LABELS).map(Knob::Label),
            "chapter-align" => read.choice(name, value, &ALIGNS).map(Knob::Align),
            "chapter-sink" => read.number(name, value, 0.0..=0.6).map(Knob::Sink),
            "chapter-case" => read.choice(name, value, &CASES).map(Knob::Case),
            "chapter-ornament" => read.string(name, value).map(|s| {
                let s = s.trim().to_string();
                Knob::Ornament((!s.is_empty() && s != "none").then_some(s))
            }),
            "drop-cap" => read
                .number(name, value, 0.0..=5.0)
                .map(|n| Knob::DropCap(n as u8)),
            "lead-in" => read.choice(name, value, &LEAD_INS).map(Knob::LeadIn),
            "scene-break" => read.string(name, value).map(|s| {
                Knob::SceneBreak(match s.trim() {
                    "space" => SceneBreak::Space,
                    "asterism" => SceneBreak::Asterism,
                    "fleuron" => SceneBreak::Fleuron,
                    other => SceneBreak::Text(other.to_string()),
                })
            }),
            "running-head-verso" => read.choice(name, value, &HEADS).map(Knob::HeadVerso),
            "running-head-recto" => read.choice(name, value, &HEADS).map(Knob::HeadRecto),
            "running-head-style" => read.choice(name, value, &HEAD_STYLES).map(Knob::HeadStyle),
            "folio" => read.choice(name, value, &FOLIOS).map(Knob::Folio),
            "features" => read.features(value).map(Knob::Features),
            other => {
                read.diags.push(
                    Diagnostic::warning(
                        Span::new(file, key.span()),
                        format!("unknown key `{other}` (a key of [design]); it is ignored"),
                    )
                    .with_hint(format!("known keys: {}", DESIGN_KEYS.join(", "))),
                );
                None
            }
        };
        config.knobs.extend(knob);
    }
    config
}

const PRESETS: [(&str, DesignPreset); 3] = [
    ("classic", DesignPreset::Classic),
    ("modern", DesignPreset::Modern),
    ("literary", DesignPreset::Literary),
];
const PARAGRAPHS: [(&str, Paragraphs); 2] = [
    ("indent", Paragraphs::Indent(1.0)),
    ("block", Paragraphs::Block),
];
const LABELS: [(&str, ChapterLabel); 5] = [
    ("chapter", ChapterLabel::Word),
    ("number", ChapterLabel::Number),
    ("word", ChapterLabel::Spelled),
    ("roman", ChapterLabel::Roman),
    ("none", ChapterLabel::None),
];
const ALIGNS: [(&str, OpeningAlign); 2] = [
    ("center", OpeningAlign::Center),
    ("left", OpeningAlign::Left),
];
const CASES: [(&str, TitleCase); 3] = [
    ("as-written", TitleCase::AsWritten),
    ("upper", TitleCase::Upper),
    ("small-caps", TitleCase::SmallCaps),
];
const LEAD_INS: [(&str, LeadIn); 2] = [("none", LeadIn::None), ("small-caps", LeadIn::SmallCaps)];
const HEADS: [(&str, HeadContent); 5] = [
    ("title", HeadContent::Title),
    ("author", HeadContent::Author),
    ("part", HeadContent::Part),
    ("chapter", HeadContent::Chapter),
    ("none", HeadContent::None),
];
const HEAD_STYLES: [(&str, HeadStyle); 3] = [
    ("italic", HeadStyle::Italic),
    ("small-caps", HeadStyle::SmallCaps),
    ("heading", HeadStyle::Heading),
];
const FOLIOS: [(&str, FolioPosition); 3] = [
    ("head-outer", FolioPosition::HeadOuter),
    ("foot-center", FolioPosition::FootCenter),
    ("foot-outer", FolioPosition::FootOuter),
];

struct Read<'d> {
    file: FileId,
    diags: &'d mut Vec<Diagnostic>,
}

impl Read<'_> {
    fn error(&mut self, value: &Spanned<DeValue>, message: String, hint: String) {
        let span = Span::new(self.file, value.span());
        self.diags
            .push(Diagnostic::error(span, message).with_hint(hint));
    }

    fn string(&mut self, name: &str, value: &Spanned<DeValue>) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                let hint = format!("for example `{name} = \"…\"`");
                self.error(value, format!("`{name}` must be a string"), hint);
                None
            }
        }
    }

    fn choice<T: Clone>(
        &mut self,
        name: &str,
        value: &Spanned<DeValue>,
        choices: &[(&str, T)],
    ) -> Option<T> {
        let text = self.string(name, value)?;
        let found = choices
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(text.trim()))
            .map(|(_, v)| v.clone());
        if found.is_none() {
            let names: Vec<String> = choices.iter().map(|(n, _)| format!("\"{n}\"")).collect();
            self.error(
                value,
                format!("`{name}` cannot be `{text}`"),
                format!("write one of {}", names.join(", ")),
            );
        }
        found
    }

    fn number(
        &mut self,
        name: &str,
        value: &Spanned<DeValue>,
        range: std::ops::RangeInclusive<f64>,
    ) -> Option<f64> {
        let n = match value.get_ref() {
            DeValue::Integer(i) => i.as_str().parse::<f64>().ok(),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            _ => None,
        };
        let n = n.filter(|n| range.contains(n));
        if n.is_none() {
            self.error(
                value,
                format!(
                    "`{name}` must be a number from {} to {}",
                    range.start(),
                    range.end()
                ),
                format!("for example `{name} = {}`", range.end().min(2.0)),
            );
        }
        n
    }

    fn length(
        &mut self,
        name: &str,
        value: &Spanned<DeValue>,
        least: f64,
    ) -> Option<crate::units::Pt> {
        let text = self.string(name, value)?;
        let length = parse_length(&text).filter(|l| l.get() >= least);
        if length.is_none() {
            self.error(
                value,
                format!("`{name}` is not a length"),
                format!("write for example `{name} = \"11pt\"` (in, mm, cm or pt)"),
            );
        }
        length
    }

    fn features(&mut self, value: &Spanned<DeValue>) -> Option<Vec<String>> {
        let DeValue::Array(items) = value.get_ref() else {
            self.error(
                value,
                "`features` must be a list of OpenType feature tags".into(),
                "for example `features = [\"onum\", \"-liga\"]`".into(),
            );
            return None;
        };
        let mut tags = Vec::new();
        for item in items {
            let Some(tag) = self.string("features", item) else {
                continue;
            };
            let bare = tag.trim_start_matches(['-', '+']);
            if bare.len() == 4 && bare.chars().all(|c| c.is_ascii_alphanumeric()) {
                tags.push(tag);
            } else {
                self.error(
                    item,
                    format!("`{tag}` is not an OpenType feature tag"),
                    "a tag is four letters or digits, `-` before it turns it off: `\"onum\"`, `\"-liga\"`".into(),
                );
            }
        }
        Some(tags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (DesignConfig, Vec<Diagnostic>) {
        let (doc, _) = DeTable::parse_recoverable(text);
        let mut diags = Vec::new();
        let table = match doc.get_ref().get("design").map(|v| v.get_ref()) {
            Some(DeValue::Table(t)) => read(FileId(0), t, &mut diags),
            _ => DesignConfig::default(),
        };
        (table, diags)
    }

    #[test]
    fn knobs_override_the_preset_and_the_flag_wins() {
        let (config, diags) =
            parse("[design]\npreset = \"literary\"\ndrop-cap = 2\nfolio = \"foot-outer\"\n");
        assert!(diags.is_empty(), "{diags:?}");
        let design = config.resolve(None);
        assert_eq!(design.preset, DesignPreset::Literary);
        assert_eq!(design.drop_cap, 2);
        assert_eq!(design.folio, FolioPosition::FootOuter);
        let flagged = config.resolve(Some(DesignPreset::Modern));
        assert_eq!(flagged.preset, DesignPreset::Modern);
        assert_eq!(
            flagged.drop_cap, 2,
            "knobs still apply over the flag's preset"
        );
    }

    #[test]
    fn unknown_keys_and_values_are_diagnosed_where_written() {
        let text = "[design]\ndrop-caps = 3\nfolio = \"somewhere\"\nfeatures = [\"onumx\"]\n";
        let (_, diags) = parse(text);
        assert_eq!(diags.len(), 3, "{diags:?}");
        assert!(diags[0].message.contains("drop-caps"));
        assert_eq!(
            diags[0].span.map(|s| s.start as usize),
            text.find("drop-caps")
        );
        assert!(diags[1].message.contains("somewhere"));
        assert!(diags[2].message.contains("onumx"));
    }
}
