//! `[book] language` and the `[labels]` table of `book.toml` → `doc::Labels`, with a
//! diagnostic for every unknown key and one warning for the words that stay English.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, FileId, Span};
use crate::doc::{Label, Labels, labels::Numerals};

/// The labels of `language` with the `[labels]` table (when the book has one) applied.
/// `language_at` is where the language is set, for the warning about missing words.
pub fn resolve(
    file: FileId,
    language: &str,
    language_at: std::ops::Range<usize>,
    table: Option<&DeTable>,
    diags: &mut Vec<Diagnostic>,
) -> Labels {
    let (mut labels, mut missing) = Labels::for_language(language);
    let span = |range: std::ops::Range<usize>| Span::new(file, range);
    for (key, value) in table.map(sorted).unwrap_or_default() {
        let name = key.get_ref().as_ref();
        let text = match value.get_ref() {
            DeValue::String(s) => s.to_string(),
            _ => {
                diags.push(
                    Diagnostic::error(span(value.span()), format!("`{name}` must be a string"))
                        .with_hint(format!("for example `{name} = \"…\"`")),
                );
                continue;
            }
        };
        if name == "numerals" {
            match Numerals::parse(&text) {
                Some(numerals) => labels.numerals = numerals,
                None => diags.push(
                    Diagnostic::error(span(value.span()), format!("`numerals` is `{text}`"))
                        .with_hint(
                            "use `\"western\"`, `\"arabic-indic\"`, `\"persian\"` or `\"han\"`",
                        ),
                ),
            }
            continue;
        }
        let Some(label) = Label::from_key(name) else {
            let known: Vec<&str> = Label::ALL.iter().map(|l| l.key()).collect();
            diags.push(
                Diagnostic::warning(
                    span(key.span()),
                    format!("unknown key `{name}` (a key of [labels]); it is ignored"),
                )
                .with_hint(format!("known keys: {}, numerals", known.join(", "))),
            );
            continue;
        };
        if let Some(unknown) = unknown_placeholder(&text, label.placeholders()) {
            let allowed = match label.placeholders() {
                [] => "none".to_string(),
                some => some.join(", "),
            };
            diags.push(
                Diagnostic::warning(
                    span(value.span()),
                    format!("`{name}` holds `{unknown}`, which folio does not fill in"),
                )
                .with_hint(format!("placeholders of `{name}`: {allowed}")),
            );
        }
        missing.retain(|m| *m != label);
        labels.set(label, text);
    }
    if !missing.is_empty() {
        let keys: Vec<&str> = missing.iter().map(|l| l.key()).collect();
        let what = if Labels::has_language(language) {
            format!("folio's `{language}` labels lack {}", keys.join(", "))
        } else {
            format!("folio has no labels in `{language}`")
        };
        diags.push(
            Diagnostic::warning(
                span(language_at),
                format!("{what}; the generated text uses English there"),
            )
            .with_hint(format!(
                "set them in a `[labels]` table of book.toml, e.g. `{} = \"…\"` (keys: {})",
                keys[0],
                keys.join(", ")
            )),
        );
    }
    labels
}

/// The first `{…}` in `text` that is not one of `allowed`.
fn unknown_placeholder<'t>(text: &'t str, allowed: &[&str]) -> Option<&'t str> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let tail = &rest[open..];
        let Some(close) = tail.find('}') else { break };
        let placeholder = &tail[..=close];
        if !allowed.contains(&placeholder) {
            return Some(placeholder);
        }
        rest = &tail[close + 1..];
    }
    None
}

fn sorted<'a, 'i>(
    table: &'a DeTable<'i>,
) -> Vec<(
    &'a Spanned<std::borrow::Cow<'i, str>>,
    &'a Spanned<DeValue<'i>>,
)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(language: &str, toml_text: &str) -> (Labels, Vec<Diagnostic>) {
        let (document, _) = DeTable::parse_recoverable(toml_text);
        let table = match document.get_ref().get("labels").map(Spanned::get_ref) {
            Some(DeValue::Table(t)) => Some(t.clone()),
            _ => None,
        };
        let mut diags = Vec::new();
        let labels = resolve(FileId(0), language, 0..0, table.as_ref(), &mut diags);
        (labels, diags)
    }

    #[test]
    fn labels_override_the_language_and_unknown_keys_warn_where_they_are() {
        let text = "[labels]\ncontents = \"Übersicht\"\ncontnets = \"x\"\nchapter = \"{n}. Kapitel {x}\"\nnumerals = \"han\"\n";
        let (labels, diags) = labels("de", text);
        assert_eq!(labels.get(Label::Contents), "Übersicht");
        assert_eq!(labels.chapter(2), "二. Kapitel {x}");
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(diags[0].message.contains("unknown key `contnets`"));
        assert_eq!(
            diags[0].span.map(|s| s.start),
            Some(text.find("contnets").unwrap() as u32)
        );
        assert!(diags[1].message.contains("`{x}`"));
    }

    #[test]
    fn a_language_without_labels_warns_once_naming_the_keys_left_in_english() {
        let (labels, diags) = labels("fi", "[labels]\ncontents = \"Sisällys\"\n");
        assert_eq!(labels.get(Label::Contents), "Sisällys");
        assert_eq!(labels.get(Label::Chapter), "Chapter {n}");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(!diags[0].is_error());
        assert!(diags[0].message.contains("no labels in `fi`"));
        assert!(
            !diags[0].hints[0].contains("contents,"),
            "{:?}",
            diags[0].hints
        );
        assert!(diags[0].hints[0].contains("chapter"));
    }

    #[test]
    fn a_known_language_gives_no_warning() {
        assert!(labels("ja", "").1.is_empty());
    }
}
