//! The words folio generates (contents, chapter labels, landmarks, copyright lines…) in the
//! book's language: a table per language, chosen by `[book] language`, each word
//! overridable in `[labels]`.

mod tables;

pub use tables::subtags;

use std::fmt::Write as _;

/// A generated word or phrase, by its key in `[labels]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Label {
    /// The table of contents' title (`Contents`).
    Contents,
    /// A chapter's label at its opening; `{n}` is its number (`Chapter {n}`, `第{n}章`).
    Chapter,
    /// A part's label; `{n}` is its number (`Part {n}`).
    Part,
    /// Who wrote the book; `{authors}` is the joined names (`by {authors}`).
    By,
    /// The word before the last of several authors (`and`).
    And,
    /// The notes' heading and the endnotes document (`Notes`).
    Notes,
    /// The print page list's title (`Pages`).
    Pages,
    /// The landmarks' title (`Landmarks`).
    Landmarks,
    /// The cover page and its landmark (`Cover`).
    Cover,
    /// The cover image's description; `{title}` is the title (`Cover of {title}`).
    CoverOf,
    /// The title page's landmark (`Title Page`).
    TitlePage,
    /// The half-title page's name (`Half Title`).
    HalfTitle,
    /// The landmark of the first body chapter (`Start of Content`).
    StartOfContent,
    /// The copyright page's name (`Copyright`).
    Copyright,
    /// The dedication page's name (`Dedication`).
    Dedication,
    /// The epigraph page's name (`Epigraph`).
    Epigraph,
    /// The publisher line; `{publisher}` (`Published by {publisher}`).
    PublishedBy,
    /// The date line; `{date}` (`First published {date}`).
    FirstPublished,
    /// The series line; `{series}` and `{n}` (`{series}, volume {n}`).
    Volume,
    /// The identifier line when it is no ISBN; `{id}` (`Identifier: {id}`).
    Identifier,
    /// The colophon line (`Typeset with folio`).
    TypesetWith,
    /// A done task's description, for screen readers (`done`).
    Done,
    /// An open task's description (`to do`).
    ToDo,
}

impl Label {
    /// Every label, in key order of the tables.
    pub const ALL: [Label; 23] = [
        Label::Contents,
        Label::Chapter,
        Label::Part,
        Label::By,
        Label::And,
        Label::Notes,
        Label::Pages,
        Label::Landmarks,
        Label::Cover,
        Label::CoverOf,
        Label::TitlePage,
        Label::HalfTitle,
        Label::StartOfContent,
        Label::Copyright,
        Label::Dedication,
        Label::Epigraph,
        Label::PublishedBy,
        Label::FirstPublished,
        Label::Volume,
        Label::Identifier,
        Label::TypesetWith,
        Label::Done,
        Label::ToDo,
    ];

    /// The key in `[labels]` (`contents`, `title-page`).
    pub fn key(self) -> &'static str {
        match self {
            Label::Contents => "contents",
            Label::Chapter => "chapter",
            Label::Part => "part",
            Label::By => "by",
            Label::And => "and",
            Label::Notes => "notes",
            Label::Pages => "pages",
            Label::Landmarks => "landmarks",
            Label::Cover => "cover",
            Label::CoverOf => "cover-of",
            Label::TitlePage => "title-page",
            Label::HalfTitle => "half-title",
            Label::StartOfContent => "start-of-content",
            Label::Copyright => "copyright",
            Label::Dedication => "dedication",
            Label::Epigraph => "epigraph",
            Label::PublishedBy => "published-by",
            Label::FirstPublished => "first-published",
            Label::Volume => "volume",
            Label::Identifier => "identifier",
            Label::TypesetWith => "typeset-with",
            Label::Done => "done",
            Label::ToDo => "to-do",
        }
    }

    /// The label of a `[labels]` key.
    pub fn from_key(key: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.key() == key)
    }

    /// The placeholders the label's text may hold.
    pub fn placeholders(self) -> &'static [&'static str] {
        match self {
            Label::Chapter | Label::Part => &["{n}"],
            Label::By => &["{authors}"],
            Label::CoverOf => &["{title}"],
            Label::PublishedBy => &["{publisher}"],
            Label::FirstPublished => &["{date}"],
            Label::Volume => &["{series}", "{n}"],
            Label::Identifier => &["{id}"],
            _ => &[],
        }
    }
}

/// The digits chapter and part numbers are written in (`[labels] numerals`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Numerals {
    /// 0123456789.
    #[default]
    Western,
    /// ٠١٢٣٤٥٦٧٨٩ (Arabic).
    ArabicIndic,
    /// ۰۱۲۳۴۵۶۷۸۹ (Persian, Urdu).
    Persian,
    /// 〇一二三…: Chinese numerals (一, 十二, 二十一).
    Han,
}

impl Numerals {
    /// The value of `numerals` in `[labels]`.
    pub fn parse(text: &str) -> Option<Numerals> {
        match text {
            "western" | "latin" => Some(Numerals::Western),
            "arabic-indic" => Some(Numerals::ArabicIndic),
            "persian" => Some(Numerals::Persian),
            "han" | "chinese" => Some(Numerals::Han),
            _ => None,
        }
    }

    /// `n` in these numerals.
    pub fn format(self, n: u32) -> String {
        let digits = |zero: u32| -> String {
            n.to_string()
                .chars()
                .map(|d| char::from_u32(zero + d.to_digit(10).unwrap_or(0)).unwrap_or(d))
                .collect()
        };
        match self {
            Numerals::Western => n.to_string(),
            Numerals::ArabicIndic => digits(0x0660),
            Numerals::Persian => digits(0x06F0),
            Numerals::Han => han_number(n),
        }
    }
}

/// A number in Chinese numerals, as chapter numbers are written (十, 十二, 一百零五).
fn han_number(n: u32) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n == 0 {
        return "〇".into();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let mut out = String::new();
    let mut zero_pending = false;
    for (unit, name) in [
        (1000, Some('千')),
        (100, Some('百')),
        (10, Some('十')),
        (1, None),
    ] {
        let d = (n / unit % 10) as usize;
        if d == 0 {
            zero_pending = !out.is_empty();
            continue;
        }
        if zero_pending {
            out.push('〇');
            zero_pending = false;
        }
        // 十二, not 一十二, when the number starts with the tens.
        if !(unit == 10 && d == 1 && out.is_empty()) {
            out.push(DIGITS[d]);
        }
        if let Some(name) = name {
            out.push(name);
        }
    }
    out
}

/// How the last two of several names are joined.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Join {
    /// With spaces around the word: `A, B and C`.
    #[default]
    Spaced,
    /// With a space before the word only, which joins the next name: Arabic's و.
    Prefix,
    /// With no spaces (`A、B和C`).
    Tight,
}

/// The generated words of one book, in its language, with `[labels]` applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Labels {
    /// Each label's text, in `Label::ALL` order.
    texts: Vec<String>,
    /// The digits of chapter and part numbers.
    pub numerals: Numerals,
    /// How names are joined.
    pub join: Join,
    /// Between names before the last (`, `, `、`).
    pub separator: String,
}

impl Default for Labels {
    /// English.
    fn default() -> Self {
        Labels::for_language("en").0
    }
}

impl Labels {
    /// The labels of a BCP 47 language tag (`de`, `pt-BR`, `zh-Hant`), and the keys that
    /// fell back to English because the language has no text for them (all of them for a
    /// language folio has no table for).
    pub fn for_language(tag: &str) -> (Labels, Vec<Label>) {
        let chain = tables::chain(tag);
        let mut missing = Vec::new();
        let texts = Label::ALL
            .iter()
            .map(
                |label| match chain.iter().find_map(|t| t.text(label.key())) {
                    Some(text) => text.to_string(),
                    None => {
                        missing.push(*label);
                        let english = tables::ENGLISH.text(label.key());
                        english.unwrap_or_default().to_string()
                    }
                },
            )
            .collect();
        let base = chain.last().copied().unwrap_or(&tables::ENGLISH);
        let labels = Labels {
            texts,
            numerals: chain.iter().find_map(|t| t.numerals).unwrap_or_default(),
            join: base.join,
            separator: base.separator.to_string(),
        };
        (labels, missing)
    }

    /// Whether folio has labels for the language of `tag` (else they are English).
    pub fn has_language(tag: &str) -> bool {
        !tables::chain(tag).is_empty()
    }

    /// Replaces one label's text (from `[labels]`).
    pub fn set(&mut self, label: Label, text: String) {
        self.texts[label as usize] = text;
    }

    /// A label's text as is (placeholders unfilled).
    pub fn get(&self, label: Label) -> &str {
        &self.texts[label as usize]
    }

    /// A label with its placeholders filled: `fill(Label::Volume, &[("{series}", s), ("{n}", n)])`.
    pub fn fill(&self, label: Label, values: &[(&str, &str)]) -> String {
        let mut out = self.get(label).to_string();
        for (placeholder, value) in values {
            out = out.replace(placeholder, value);
        }
        out
    }

    /// A chapter's label at its opening: `Chapter 3`, `Kapitel 3`, `第3章`.
    pub fn chapter(&self, number: u32) -> String {
        self.fill(Label::Chapter, &[("{n}", &self.numerals.format(number))])
    }

    /// A part's label: `Part 2`, `第2部`.
    pub fn part(&self, number: u32) -> String {
        self.fill(Label::Part, &[("{n}", &self.numerals.format(number))])
    }

    /// The names joined as the language lists them: `A, B and C`, `A, B und C`, `A、B、C`.
    pub fn join_names(&self, names: &[String]) -> String {
        match names {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => {
                let mut out = init.join(&self.separator);
                let and = self.get(Label::And);
                let _ = match self.join {
                    Join::Spaced => write!(out, " {and} {last}"),
                    Join::Prefix => write!(out, " {and}{last}"),
                    Join::Tight => write!(out, "{and}{last}"),
                };
                out
            }
        }
    }

    /// The by-line: `by A and B` (empty without authors).
    pub fn by(&self, authors: &[String]) -> String {
        if authors.is_empty() {
            return String::new();
        }
        self.fill(Label::By, &[("{authors}", &self.join_names(authors))])
    }

    /// The title followed by the by-line (`Moby Dick by Herman Melville`), as the copyright
    /// page and the cover's description give it.
    pub fn title_by(&self, title: &str, authors: &[String]) -> String {
        match self.by(authors) {
            by if by.is_empty() => title.to_string(),
            by => format!("{title} {by}"),
        }
    }

    /// The series line of the copyright page: `Series, volume 3`, or the series alone.
    pub fn series(&self, series: &str, index: Option<&str>) -> String {
        match index {
            Some(n) => self.fill(Label::Volume, &[("{series}", series), ("{n}", n)]),
            None => series.to_string(),
        }
    }
}

#[cfg(test)]
mod tests;
