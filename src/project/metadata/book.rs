//! The `[book]` table → `doc::Metadata` (and the chapter folder and cover paths): title,
//! authors, language, dates and the rest, with the checks a publication needs.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Config;
use super::reader::{Reader, sorted};
use crate::diag::{Diagnostic, Span};
use crate::doc::Identifier;

/// Keys of `[book]` that folio reads.
const BOOK_KEYS: &[&str] = &[
    "title",
    "subtitle",
    "authors",
    "language",
    "description",
    "src",
    "publisher",
    "identifier",
    "date",
    "rights",
    "subjects",
    "series",
    "series-index",
    "cover",
    "text-direction",
    "multilingual",
    "edition",
    "dedication",
    "epigraph",
    "epigraph-source",
];

impl Reader<'_> {
    /// Reads the `[book]` table into `config`, then checks that the book has a title, an
    /// author and a language, and resolves its identifier and the `[labels]` table.
    pub(super) fn book(&mut self, book: &DeTable, labels: Option<&DeTable>, config: &mut Config) {
        let file = self.file;
        let span = |range: std::ops::Range<usize>| Span::new(file, range);
        let meta = &mut config.metadata;
        let mut title_span = 0..0;
        let mut language_span = None;
        let mut identifier = None;
        let mut direction = None;
        for (key, value) in sorted(book) {
            let name = key.get_ref().as_ref();
            match name {
                "title" => {
                    title_span = key.span();
                    meta.title = self.string(name, value).unwrap_or_default();
                }
                "subtitle" => meta.subtitle = self.string(name, value),
                "authors" => meta.authors = self.strings(name, value),
                "language" => {
                    language_span = Some(value.span());
                    meta.language = self.language(value).unwrap_or_default();
                }
                "description" => meta.description = self.string(name, value),
                "src" => config.src = self.spanned_string(name, value),
                "publisher" => meta.publisher = self.string(name, value),
                "identifier" => identifier = self.identifier(value),
                "date" => meta.date = self.date(value),
                "rights" => meta.rights = self.string(name, value),
                "subjects" => meta.subjects = self.strings(name, value),
                "series" => meta.series = self.string(name, value),
                "series-index" => meta.series_index = self.number(name, value),
                "cover" => config.cover = self.spanned_string(name, value),
                "text-direction" => direction = Some(self.direction(value)),
                "multilingual" => {}
                "edition" => meta.edition = self.string(name, value),
                "dedication" => meta.dedication = self.string(name, value),
                "epigraph" => meta.epigraph = self.string(name, value),
                "epigraph-source" => meta.epigraph_source = self.string(name, value),
                other => self.unknown(key.span(), other, "a key of [book]", &BOOK_KEYS.join(", ")),
            }
        }
        // Unset, the direction follows the language, as mdBook's does.
        meta.is_rtl = direction.unwrap_or_else(|| reads_right_to_left(&meta.language));
        if meta.title.trim().is_empty() {
            self.diags.push(
                Diagnostic::error(span(title_span.clone()), "the book has no title")
                    .with_hint("set `title = \"…\"` in the `[book]` table of `book.toml`"),
            );
        }
        if meta.authors.is_empty() {
            self.diags.push(
                Diagnostic::warning(span(title_span.clone()), "the book names no author")
                    .with_hint("set `authors = [\"…\"]` in the `[book]` table of `book.toml`"),
            );
        }
        if meta.language.is_empty() {
            meta.language = "en".into();
            self.diags.push(
                Diagnostic::warning(
                    span(title_span.clone()),
                    "the book's language is not set; using `en`",
                )
                .with_hint("set `language = \"en\"` (a BCP 47 tag) in the `[book]` table"),
            );
        }
        meta.is_identifier_given = identifier.is_some();
        meta.identifier =
            identifier.unwrap_or_else(|| Identifier::derived(&meta.title, &meta.authors));
        let language_at = language_span.unwrap_or(title_span);
        meta.labels =
            crate::project::labels::resolve(file, &meta.language, language_at, labels, self.diags);
    }

    /// `language`: a BCP 47 tag.
    pub(super) fn language(&mut self, value: &Spanned<DeValue>) -> Option<String> {
        let tag = self.string("language", value)?;
        if is_language_tag(&tag) {
            Some(tag)
        } else {
            let span = self.span(value.span());
            self.diags.push(
                Diagnostic::error(span, format!("`{tag}` is not a BCP 47 language tag"))
                    .with_hint("use a tag such as `en`, `en-GB`, `de` or `pt-BR`"),
            );
            None
        }
    }

    /// `text-direction`: whether the book reads right to left.
    /// (Unset, `reads_right_to_left` of the language decides.)
    pub(super) fn direction(&mut self, value: &Spanned<DeValue>) -> bool {
        match self.string("text-direction", value).as_deref() {
            Some("rtl") => true,
            Some("ltr") | None => false,
            Some(other) => {
                let span = self.span(value.span());
                self.diags.push(
                    Diagnostic::error(span, format!("`text-direction` is `{other}`"))
                        .with_hint("use `\"ltr\"` or `\"rtl\"`"),
                );
                false
            }
        }
    }

    /// `date`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a TOML date, string or year).
    pub(super) fn date(&mut self, value: &Spanned<DeValue>) -> Option<String> {
        let text = match value.get_ref() {
            DeValue::Datetime(dt) => dt.date.map(|d| d.to_string()),
            DeValue::String(s) => Some(s.to_string()),
            DeValue::Integer(i) => Some(i.as_str().to_string()),
            _ => None,
        };
        match text {
            Some(date) if is_date(&date) => Some(date),
            _ => {
                let span = self.span(value.span());
                self.diags.push(
                    Diagnostic::error(span, "`date` is not a date")
                        .with_hint("write `date = \"2024\"`, `\"2024-05\"` or `\"2024-05-17\"`"),
                );
                None
            }
        }
    }
}

/// A well-formed BCP 47 tag: a 2–3 or 5–8 letter language, then subtags of 1–8 letters or digits.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    let primary_ok = (2..=3).contains(&primary.len())
        || (5..=8).contains(&primary.len())
        || primary == "i"
        || primary == "x";
    primary_ok
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day.
fn is_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let numeric = |s: &str, len: usize| s.len() == len && s.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y] => numeric(y, 4),
        [y, m] => {
            numeric(y, 4) && numeric(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
        }
        [y, m, d] => {
            numeric(y, 4)
                && numeric(m, 2)
                && numeric(d, 2)
                && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
                && (1..=31).contains(&d.parse::<u32>().unwrap_or(0))
        }
        _ => false,
    }
}

/// Whether text in `language` (BCP 47) reads right to left: mdBook's list (Arabic, Aramaic,
/// Dhivehi, Persian, Hebrew, Kashmiri, Kurdish, Pashto, Urdu, Yiddish).
fn reads_right_to_left(language: &str) -> bool {
    let (primary, _, _) = crate::doc::labels::subtags(language);
    ["ar", "arc", "dv", "fa", "he", "ks", "ku", "ps", "ur", "yi"].contains(&primary.as_str())
}
