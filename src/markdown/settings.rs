//! The book's Markdown settings → pulldown-cmark's options: the extensions folio reads, and
//! what mdBook's `[output.html]` switches change in them.

use pulldown_cmark::Options;

/// What the book's settings change in parsing (mdBook's `[output.html]` switches).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Hidden-line prefixes by language (`[output.html.code.hidelines]`).
    pub hidelines: std::collections::BTreeMap<String, String>,
    /// GitHub's alerts as admonitions (`[output.html] admonitions`, on by default).
    pub admonitions: bool,
    /// Definition lists (`[output.html] definition-lists`, on by default).
    pub definition_lists: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            hidelines: Default::default(),
            admonitions: true,
            definition_lists: true,
        }
    }
}

/// The Markdown extensions folio reads: CommonMark plus GitHub's tables, footnotes,
/// strikethrough, task lists and alerts (admonitions), definition lists, `{#id}` heading
/// attributes, smart punctuation, and YAML front matter, as mdBook 0.5 does.
pub fn options(settings: &Settings) -> Options {
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    if settings.admonitions {
        options |= Options::ENABLE_GFM;
    }
    if settings.definition_lists {
        options |= Options::ENABLE_DEFINITION_LIST;
    }
    options
}
