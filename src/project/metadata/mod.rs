//! `book.toml` → `doc::Metadata` and the build settings, with a diagnostic for every bad key.
//! The top-level tables are read here; `[book]` in `book` (its identifier in `identifier`),
//! `[output.pdf]` in `pdf`, `[output.epub]` in `epub`; `reader` reads the typed values.

mod book;
mod epub;
mod identifier;
mod pdf;
mod reader;
#[cfg(test)]
mod tests;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, FileId, Span};
use crate::doc::{Identifier, Metadata};
pub use epub::{EpubConfig, NotePlacement};
pub use pdf::{Paper, PdfConfig};
use reader::{Reader, sorted};

/// What `book.toml` says, besides the metadata.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// The publication metadata (`modified` is filled in later by the build).
    pub metadata: Metadata,
    /// The chapter folder, relative to the book folder, when given.
    pub src: Option<Spanned<String>>,
    /// The cover image, relative to the book folder, when given.
    pub cover: Option<Spanned<String>>,
    /// `[output.epub]` settings.
    pub epub: EpubConfig,
    /// `[output.pdf]` settings.
    pub pdf: PdfConfig,
    /// What changes the Markdown (mdBook's `[output.html]` switches).
    pub markdown: crate::markdown::Settings,
    /// mdBook's tables: preprocessors, `[build]`, `[output.folio]`.
    pub mdbook: super::mdbook_config::MdbookConfig,
    /// `[design]`: the preset and its knobs, as written.
    pub design_table: super::design_config::DesignConfig,
    /// The design: `[design]` applied to its preset (or `--design`'s).
    pub design: crate::doc::Design,
}

/// mdBook's own tables: valid in an mdBook folder, of no use to folio, so not warned about.
const MDBOOK_TABLES: &[&str] = &["build", "rust", "preprocessor"];

/// Parses `book.toml`. Problems become diagnostics; what can be read is still returned.
pub fn parse(file: FileId, text: &str, folder_name: &str, diags: &mut Vec<Diagnostic>) -> Config {
    let span = |range: std::ops::Range<usize>| Span::new(file, range);
    let (document, errors) = DeTable::parse_recoverable(text);
    for error in &errors {
        let at = error.span().unwrap_or(0..0);
        diags.push(
            Diagnostic::error(
                span(at),
                format!("`book.toml` is not valid TOML: {}", error.message()),
            )
            .with_hint("see https://toml.io for the syntax; strings need double quotes"),
        );
    }
    let mut config = Config::default();
    let document = document.get_ref();
    super::mdbook_config::read(
        file,
        document,
        &mut config.mdbook,
        &mut config.markdown,
        diags,
    );
    let mut reader = Reader { file, diags };
    let mut book = None;
    let mut labels = None;
    for (key, value) in sorted(document) {
        match (key.get_ref().as_ref(), value.get_ref()) {
            ("book", DeValue::Table(table)) => book = Some((table, key.span())),
            ("labels", DeValue::Table(table)) => labels = Some(table),
            ("design", DeValue::Table(table)) => {
                config.design_table = super::design_config::read(file, table, reader.diags);
                config.design = config.design_table.resolve(None);
            }
            ("output", DeValue::Table(outputs)) => reader.outputs(outputs, &mut config),
            (name, _) if MDBOOK_TABLES.contains(&name) => {}
            (name, _) => reader.unknown(
                key.span(),
                name,
                "a top-level key",
                "[book], [labels], [design] or [output.epub]",
            ),
        }
    }
    let Some((book, _)) = book else {
        reader.diags.push(
            Diagnostic::error(span(0..0), "`book.toml` has no `[book]` table")
                .with_hint("add `[book]` with at least `title = \"…\"` and `authors = [\"…\"]`"),
        );
        config.metadata.title = folder_name.to_string();
        config.metadata.language = "en".into();
        config.metadata.identifier = Identifier::derived(&config.metadata.title, &[]);
        config.metadata.labels = super::labels::resolve(file, "en", 0..0, labels, reader.diags);
        return config;
    };
    reader.book(book, labels, &mut config);
    config
}

impl Reader<'_> {
    /// Reads the `[output]` tables folio knows: `epub`, `pdf`, and `folio` (its settings
    /// when mdBook runs it).
    fn outputs(&mut self, outputs: &DeTable, config: &mut Config) {
        for (key, value) in sorted(outputs) {
            match (key.get_ref().as_ref(), value.get_ref()) {
                ("epub", DeValue::Table(epub)) => self.epub(epub, &mut config.epub),
                ("pdf", DeValue::Table(pdf)) => self.pdf(pdf, &mut config.pdf),
                // folio's settings when mdBook runs it: `[output.folio.pdf]` and
                // `[output.folio.epub]` are `[output.pdf]` and `[output.epub]` (mdBook would
                // take those for renderers of their own).
                ("folio", DeValue::Table(folio)) => {
                    let mut inner = toml::de::DeTable::new();
                    for (key, value) in folio.iter() {
                        if matches!(key.get_ref().as_ref(), "pdf" | "epub") {
                            inner.insert(key.clone(), value.clone());
                        }
                    }
                    if !inner.is_empty() {
                        self.outputs(&inner, config);
                    }
                }
                // Other back ends (mdBook's `html`, `linkcheck`…) belong to other tools.
                _ => {}
            }
        }
    }
}
