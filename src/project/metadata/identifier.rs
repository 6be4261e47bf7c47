//! The `identifier` of `[book]`: an ISBN (with its check digit), a UUID URN, or another URI.

use toml::Spanned;
use toml::de::DeValue;

use super::reader::Reader;
use crate::diag::Diagnostic;
use crate::doc::Identifier;

impl Reader<'_> {
    /// `identifier`: an ISBN (check digit checked), a UUID URN, or another URI.
    pub(super) fn identifier(&mut self, value: &Spanned<DeValue>) -> Option<Identifier> {
        let text = self.string("identifier", value)?;
        let span = self.span(value.span());
        let lower = text.to_ascii_lowercase();
        if let Some(isbn) = lower
            .strip_prefix("isbn:")
            .or_else(|| lower.strip_prefix("urn:isbn:"))
        {
            let digits: String = isbn.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
            if is_isbn(&digits) {
                return Some(Identifier::Isbn(digits.to_ascii_uppercase()));
            }
            self.diags.push(
                Diagnostic::error(
                    span,
                    format!("`{text}` is not a valid ISBN (check digit or length)"),
                )
                .with_hint("write the 13 digits of the ISBN, e.g. `isbn:978-0-14-243724-7`"),
            );
            return None;
        }
        if let Some(uuid) = lower.strip_prefix("urn:uuid:") {
            let shape = uuid.len() == 36
                && uuid.char_indices().all(|(i, c)| {
                    if [8, 13, 18, 23].contains(&i) {
                        c == '-'
                    } else {
                        c.is_ascii_hexdigit()
                    }
                });
            if shape {
                return Some(Identifier::Uuid(uuid.to_string()));
            }
            self.diags.push(
                Diagnostic::error(span, format!("`{text}` is not a valid UUID URN"))
                    .with_hint("write `urn:uuid:` followed by 36 characters like `1b4e28ba-2fa1-11d2-883f-0016d3cca427`"),
            );
            return None;
        }
        if text.trim().is_empty() || text.chars().any(char::is_whitespace) {
            self.diags.push(
                Diagnostic::error(span, "`identifier` must be a URI without spaces")
                    .with_hint("use `isbn:…`, `urn:uuid:…`, `doi:…` or leave it out to derive one"),
            );
            return None;
        }
        Some(Identifier::Other(text))
    }
}

/// An ISBN-10 or ISBN-13 with a correct check digit.
pub(super) fn is_isbn(digits: &str) -> bool {
    let values: Vec<u32> = digits
        .chars()
        .enumerate()
        .map(|(i, c)| match c {
            'x' | 'X' if i == 9 && digits.len() == 10 => Some(10),
            c => c.to_digit(10),
        })
        .collect::<Option<_>>()
        .unwrap_or_default();
    match values.len() {
        13 => {
            values
                .iter()
                .enumerate()
                .map(|(i, v)| if i % 2 == 0 { *v } else { v * 3 })
                .sum::<u32>()
                % 10
                == 0
        }
        10 => {
            values
                .iter()
                .enumerate()
                .map(|(i, v)| (10 - i as u32) * v)
                .sum::<u32>()
                % 11
                == 0
        }
        _ => false,
    }
}
