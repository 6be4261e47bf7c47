//! Typed values of `book.toml`: strings, numbers, lengths, switches, pixel counts and
//! resolutions, each with a diagnostic at its span when it is not what the key needs.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, FileId, Span};
use crate::doc::parse_length;
use crate::units::Pt;

/// Entries of a table in source order (the parsed map is sorted by key).
pub(super) fn sorted<'a, 'i>(
    table: &'a DeTable<'i>,
) -> Vec<(&'a Spanned<Cow<'i, str>>, &'a Spanned<DeValue<'i>>)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

/// Reads the values of `book.toml` (`file`), recording what is wrong in `diags`.
pub(super) struct Reader<'d> {
    /// `book.toml`.
    pub(super) file: FileId,
    /// Problems found so far.
    pub(super) diags: &'d mut Vec<Diagnostic>,
}

impl Reader<'_> {
    /// The span of `range` in `book.toml`.
    pub(super) fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    /// Warns of key `name` (`what`), which folio does not read; `known` lists those it does.
    pub(super) fn unknown(
        &mut self,
        at: std::ops::Range<usize>,
        name: &str,
        what: &str,
        known: &str,
    ) {
        let span = self.span(at);
        self.diags.push(
            Diagnostic::warning(
                span,
                format!("unknown key `{name}` ({what}); it is ignored"),
            )
            .with_hint(format!("known keys: {known}")),
        );
    }

    /// An error: `name`'s value is not of the `expected` type.
    pub(super) fn wrong_type(&mut self, name: &str, value: &Spanned<DeValue>, expected: &str) {
        let span = self.span(value.span());
        self.diags.push(
            Diagnostic::error(span, format!("`{name}` must be {expected}"))
                .with_hint(format!("for example `{name} = {}`", example(expected))),
        );
    }

    /// A string value.
    pub(super) fn string(&mut self, name: &str, value: &Spanned<DeValue>) -> Option<String> {
        self.spanned_string(name, value).map(Spanned::into_inner)
    }

    /// A string value, with where it is written.
    pub(super) fn spanned_string(
        &mut self,
        name: &str,
        value: &Spanned<DeValue>,
    ) -> Option<Spanned<String>> {
        match value.get_ref() {
            DeValue::String(s) => Some(Spanned::new(value.span(), s.to_string())),
            _ => {
                self.wrong_type(name, value, "a string");
                None
            }
        }
    }

    /// An array of strings (a single string is an array of one).
    pub(super) fn strings(&mut self, name: &str, value: &Spanned<DeValue>) -> Vec<String> {
        match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| self.string(name, item))
                .collect(),
            DeValue::String(s) => vec![s.to_string()],
            _ => {
                self.wrong_type(name, value, "an array of strings");
                Vec::new()
            }
        }
    }

    /// A number, whole or not (or a string holding one), as written.
    pub(super) fn number(&mut self, name: &str, value: &Spanned<DeValue>) -> Option<String> {
        match value.get_ref() {
            DeValue::Integer(i) => Some(i.as_str().to_string()),
            DeValue::Float(f) => Some(f.as_str().to_string()),
            DeValue::String(s) if s.parse::<f64>().is_ok_and(f64::is_finite) => Some(s.to_string()),
            _ => {
                self.wrong_type(name, value, "a number");
                None
            }
        }
    }

    /// An error: `name`'s value is not `what`; `examples` shows some that are.
    pub(super) fn bad_value(
        &mut self,
        value: &Spanned<DeValue>,
        name: &str,
        what: &str,
        examples: &str,
    ) {
        let span = self.span(value.span());
        self.diags.push(
            Diagnostic::error(span, format!("`{name}` is not {what}"))
                .with_hint(format!("write for example {examples}")),
        );
    }

    /// A length with its unit (`"0.75in"`, `"19mm"`…).
    pub(super) fn length(&mut self, name: &str, value: &Spanned<DeValue>) -> Option<Pt> {
        let text = self.string(name, value)?;
        let length = parse_length(&text);
        if length.is_none() {
            self.bad_value(
                value,
                name,
                "a length",
                "`\"0.75in\"`, `\"19mm\"`, `\"1.5cm\"` or `\"11pt\"`",
            );
        }
        length
    }

    /// `true` or `false`.
    pub(super) fn boolean(&mut self, name: &str, value: &Spanned<DeValue>) -> Option<bool> {
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(name, value, "true or false");
                None
            }
        }
    }

    /// A width in pixels from 16 to 100,000.
    pub(super) fn pixels(&mut self, name: &str, value: &Spanned<DeValue>) -> Option<u32> {
        match value.get_ref() {
            DeValue::Integer(i) => match i.as_str().parse::<u32>() {
                Ok(n) if (16..=100_000).contains(&n) => Some(n),
                _ => {
                    self.bad_value(value, name, "a width in pixels from 16 to 100000", "`1600`");
                    None
                }
            },
            _ => {
                self.wrong_type(name, value, "a number");
                None
            }
        }
    }

    /// A resolution in pixels per inch within `range`: a number, whole or not.
    pub(super) fn resolution(
        &mut self,
        name: &str,
        value: &Spanned<DeValue>,
        range: std::ops::RangeInclusive<f64>,
    ) -> Option<f64> {
        let number = match value.get_ref() {
            DeValue::Integer(i) => i.as_str().replace('_', "").parse::<f64>().ok(),
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            _ => {
                self.wrong_type(name, value, "a number");
                return None;
            }
        };
        match number {
            Some(ppi) if range.contains(&ppi) => Some(ppi),
            _ => {
                let what = format!(
                    "a resolution from {} to {} pixels per inch",
                    range.start(),
                    range.end()
                );
                self.bad_value(value, name, &what, "`300`");
                None
            }
        }
    }

    /// A pixel count for `max-image-pixels`: a whole number from 10,000 to 100 million.
    pub(super) fn pixel_count(&mut self, value: &Spanned<DeValue>) -> Option<u64> {
        let name = "max-image-pixels";
        match value.get_ref() {
            DeValue::Integer(i) => match i.as_str().replace('_', "").parse::<u64>() {
                Ok(n) if (10_000..=100_000_000).contains(&n) => Some(n),
                _ => {
                    self.bad_value(
                        value,
                        name,
                        "a pixel count from 10000 to 100000000",
                        "`4_000_000`",
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(name, value, "a number");
                None
            }
        }
    }

    /// A count from 1 to 10.
    pub(super) fn count(&mut self, name: &str, value: &Spanned<DeValue>) -> Option<usize> {
        match value.get_ref() {
            DeValue::Integer(i) => match i.as_str().parse::<usize>() {
                Ok(n) if (1..=10).contains(&n) => Some(n),
                _ => {
                    self.bad_value(value, name, "a count from 1 to 10", "`2`");
                    None
                }
            },
            _ => {
                self.wrong_type(name, value, "a number");
                None
            }
        }
    }
}

/// An example value of the `expected` type, for the hint.
fn example(expected: &str) -> &'static str {
    match expected {
        "a string" => "\"…\"",
        "an array of strings" => "[\"…\", \"…\"]",
        "a number" => "2",
        "true or false" => "true",
        _ => "…",
    }
}
