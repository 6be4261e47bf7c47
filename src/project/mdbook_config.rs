//! The parts of `book.toml` that belong to mdBook and its plugins: `[preprocessor.*]`,
//! `[output.html]`'s Markdown switches and hidden-line prefixes, `[build]`, and folio's own
//! `[output.folio]`; and the whole file as JSON, for the preprocessor protocol.

use std::collections::BTreeMap;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, FileId, Kind, Span};

/// One `[preprocessor.NAME]` table.
#[derive(Clone, Debug, PartialEq)]
pub struct Preprocessor {
    /// `NAME`.
    pub name: String,
    /// Where the table is written.
    pub span: Span,
    /// `command` (default `mdbook-NAME`).
    pub command: Option<String>,
    /// Preprocessors this one runs before.
    pub before: Vec<String>,
    /// Preprocessors this one runs after.
    pub after: Vec<String>,
    /// Whether a missing command is only a warning.
    pub optional: bool,
    /// The renderers it runs for, when listed (otherwise it is asked with `supports`).
    pub renderers: Option<Vec<String>>,
}

/// `[output.folio]`: folio as an mdBook renderer, and links out of the book.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FolioConfig {
    /// `link-base`: the URL the book is published at, for links that leave it.
    pub link_base: Option<String>,
    /// `formats`: what `mdbook build` makes (default EPUB and PDF).
    pub formats: Option<Vec<String>>,
    /// `preprocessor-timeout`: seconds a preprocessor may run (default 120).
    pub preprocessor_timeout: Option<u64>,
}

/// What mdBook's tables say.
#[derive(Clone, Debug, PartialEq)]
pub struct MdbookConfig {
    /// `[preprocessor.*]` in the order written.
    pub preprocessors: Vec<Preprocessor>,
    /// `[build] use-default-preprocessors` (default true).
    pub default_preprocessors: bool,
    /// `[output.html] site-url`.
    pub site_url: Option<String>,
    /// `[output.folio]`.
    pub folio: FolioConfig,
    /// The whole of `book.toml` as JSON.
    pub json: serde_json::Value,
}

impl Default for MdbookConfig {
    fn default() -> Self {
        MdbookConfig {
            preprocessors: Vec::new(),
            default_preprocessors: true,
            site_url: None,
            folio: FolioConfig::default(),
            json: serde_json::Value::Object(Default::default()),
        }
    }
}

/// Reads mdBook's tables of `document` into `mdbook` and `markdown`.
pub fn read(
    file: FileId,
    document: &DeTable,
    mdbook: &mut MdbookConfig,
    markdown: &mut crate::markdown::Settings,
    diags: &mut Vec<Diagnostic>,
) {
    let span = |range: std::ops::Range<usize>| Span::new(file, range);
    mdbook.json = table_json(document);
    let mut warn = |range, message: String, hint: &str| {
        diags.push(
            Diagnostic::warning(span(range), message)
                .with_hint(hint)
                .with_kind(Kind::Config),
        );
    };
    if let Some(DeValue::Table(build)) = get(document, "build")
        && let Some(DeValue::Boolean(b)) = get(build, "use-default-preprocessors")
    {
        mdbook.default_preprocessors = *b;
    }
    if let Some(DeValue::Table(table)) = get(document, "preprocessor") {
        for (key, value) in sorted(table) {
            let name = key.get_ref().to_string();
            let DeValue::Table(pre) = value.get_ref() else {
                warn(
                    key.span(),
                    format!("`preprocessor.{name}` is not a table; it is ignored"),
                    "write `[preprocessor.NAME]`",
                );
                continue;
            };
            mdbook.preprocessors.push(Preprocessor {
                name,
                span: span(key.span()),
                command: string(get(pre, "command")),
                before: strings(get(pre, "before")),
                after: strings(get(pre, "after")),
                optional: matches!(get(pre, "optional"), Some(DeValue::Boolean(true))),
                renderers: get(pre, "renderers").map(|v| strings(Some(v))),
            });
        }
    }
    let Some(DeValue::Table(output)) = get(document, "output") else {
        return;
    };
    if let Some(DeValue::Table(html)) = get(output, "html") {
        mdbook.site_url = string(get(html, "site-url"));
        if let Some(DeValue::Boolean(b)) = get(html, "admonitions") {
            markdown.admonitions = *b;
        }
        if let Some(DeValue::Boolean(b)) = get(html, "definition-lists") {
            markdown.definition_lists = *b;
        }
        if let Some(DeValue::Table(code)) = get(html, "code")
            && let Some(DeValue::Table(hidelines)) = get(code, "hidelines")
        {
            for (language, prefix) in sorted(hidelines) {
                match prefix.get_ref() {
                    DeValue::String(p) if !p.is_empty() => {
                        markdown
                            .hidelines
                            .insert(language.get_ref().to_string(), p.to_string());
                    }
                    _ => warn(
                        prefix.span(),
                        format!(
                            "the hidden-line prefix of `{}` must be a non-empty string",
                            language.get_ref()
                        ),
                        "write for example `python = \"~\"`",
                    ),
                }
            }
        }
    }
    if let Some(DeValue::Table(folio)) = get(output, "folio") {
        for (key, value) in sorted(folio) {
            match key.get_ref().as_ref() {
                "link-base" => match value.get_ref() {
                    DeValue::String(url) if url.contains("://") => {
                        let mut url = url.to_string();
                        if !url.ends_with('/') {
                            url.push('/');
                        }
                        mdbook.folio.link_base = Some(url);
                    }
                    _ => warn(
                        value.span(),
                        "`link-base` must be an absolute URL".into(),
                        "write for example `link-base = \"https://example.org/book/\"`",
                    ),
                },
                "formats" => mdbook.folio.formats = Some(strings(Some(value.get_ref()))),
                "preprocessor-timeout" => match value.get_ref() {
                    DeValue::Integer(n) => match n.as_str().parse::<u64>() {
                        Ok(n) if n > 0 => mdbook.folio.preprocessor_timeout = Some(n),
                        _ => warn(
                            value.span(),
                            "`preprocessor-timeout` must be a positive number of seconds".into(),
                            "write for example `preprocessor-timeout = 60`",
                        ),
                    },
                    _ => warn(
                        value.span(),
                        "`preprocessor-timeout` must be a number of seconds".into(),
                        "write for example `preprocessor-timeout = 60`",
                    ),
                },
                // mdBook's own keys for every renderer, and folio's tables read elsewhere.
                "command" | "optional" | "pdf" | "epub" => {}
                other => warn(
                    key.span(),
                    format!("unknown key `{other}` (a key of [output.folio]); it is ignored"),
                    "known keys: link-base, formats, preprocessor-timeout, command, optional, and the tables pdf and epub",
                ),
            }
        }
    }
}

fn get<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a DeValue<'i>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref() == key)
        .map(|(_, v)| v.get_ref())
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

fn string(value: Option<&DeValue>) -> Option<String> {
    match value {
        Some(DeValue::String(s)) => Some(s.to_string()),
        _ => None,
    }
}

fn strings(value: Option<&DeValue>) -> Vec<String> {
    match value {
        Some(DeValue::Array(items)) => items
            .iter()
            .filter_map(|i| string(Some(i.get_ref())))
            .collect(),
        Some(DeValue::String(s)) => vec![s.to_string()],
        _ => Vec::new(),
    }
}

/// A TOML table as JSON (dates as their TOML text, as mdBook's serde would not give them).
pub fn table_json(table: &DeTable) -> serde_json::Value {
    let map: BTreeMap<String, serde_json::Value> = table
        .iter()
        .map(|(k, v)| (k.get_ref().to_string(), value_json(v.get_ref())))
        .collect();
    serde_json::Value::Object(map.into_iter().collect())
}

fn value_json(value: &DeValue) -> serde_json::Value {
    use serde_json::Value;
    match value {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
            .map_or(Value::Null, Value::from),
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Null, Value::Number),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::String(d.to_string()),
        DeValue::Array(items) => {
            Value::Array(items.iter().map(|i| value_json(i.get_ref())).collect())
        }
        DeValue::Table(t) => table_json(t),
    }
}
