//! `book.toml` → `doc::Metadata` and the build settings, with a diagnostic for every bad key.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, FileId, Span};
use crate::doc::{Identifier, Metadata, PageSetup, PdfStandard, Preset, parse_length, parse_trim};
use crate::units::Pt;

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

/// `[output.pdf]` settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PdfConfig {
    /// Page geometry and type.
    pub setup: PageSetup,
    /// Font files replacing the built-in ones: (`font-regular`, `font-italic`…, path as
    /// written); `font-fallback` may come several times, in the order of the chain.
    pub fonts: Vec<(&'static str, Spanned<String>)>,
    /// The paper the book is printed on (sets the spine width of the cover).
    pub paper: Paper,
    /// Whether `build` also writes the wraparound print cover (`[output.pdf] cover = true`).
    pub cover: bool,
    /// The PDF standard of the print PDF (`standard`; PDF/X-4 unless set or preset).
    pub standard: PdfStandard,
    /// Whether crop marks are drawn outside the bleed (`crop-marks`; off: KDP rejects them).
    pub crop_marks: bool,
    /// The print-on-demand preset (`preset`), with where it is written.
    pub preset: Option<(Preset, Span)>,
    /// Where `margin-inside` (or `margin`) is set, when it is: it then wins over the preset.
    pub margin_inside_set: Option<Span>,
    /// The resolution images are resampled to (`image-ppi`), when set.
    pub image_ppi: Option<f64>,
    /// Images above this resolution are resampled (`image-ppi-max`), when set.
    pub image_ppi_max: Option<f64>,
    /// The theme of highlighted code (`code-theme`): a shipped theme's name or a `.tmTheme`
    /// path, as written (`project::code_theme` reads it).
    pub code_theme: Option<Spanned<String>>,
}

/// Interior paper stock, as print-on-demand services name it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    /// White paper (thinner).
    #[default]
    White,
    /// Cream paper (thicker).
    Cream,
}

impl Paper {
    /// The paper's name, as the readiness report gives it.
    pub fn name(self) -> &'static str {
        match self {
            Paper::White => "white",
            Paper::Cream => "cream",
        }
    }
}

/// Where the EPUB puts footnotes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NotePlacement {
    /// At the end of each chapter, as pop-up footnotes.
    #[default]
    Chapter,
    /// All together in an endnotes document at the end of the book.
    Book,
}

/// Keys of `[output.pdf]`.
const PDF_KEYS: &[&str] = &[
    "trim",
    "margin-inside",
    "margin-outside",
    "margin-top",
    "margin-bottom",
    "margin",
    "font-size",
    "leading",
    "bleed",
    "recto-chapters",
    "hyphenate",
    "hyphen-min-before",
    "hyphen-min-after",
    "embed-whole-fonts",
    "font-regular",
    "font-italic",
    "font-bold",
    "font-bold-italic",
    "font-mono",
    "font-fallback",
    "paper",
    "cover",
    "standard",
    "preset",
    "crop-marks",
    "image-ppi",
    "image-ppi-max",
    "link-urls",
    "code-theme",
];

/// `[output.epub]` settings.
#[derive(Clone, Debug, PartialEq)]
pub struct EpubConfig {
    /// An extra stylesheet appended to folio's, relative to the book folder.
    pub stylesheet: Option<Spanned<String>>,
    /// Images wider than this many pixels are scaled down in the EPUB.
    pub max_image_width: Option<u32>,
    /// Images of more pixels than this are scaled down in the EPUB (`max-image-pixels`).
    pub max_image_pixels: Option<u64>,
    /// Where the notes go.
    pub notes: NotePlacement,
    /// Whether the EPUB carries the print edition's page-list (`page-list`, on by default):
    /// the book is then typeset for it even when only the EPUB is built.
    pub page_list: bool,
    /// Whether the EPUB embeds the text fonts even when the design does not
    /// (`embed-fonts`).
    pub embed_fonts: bool,
}

impl Default for EpubConfig {
    fn default() -> Self {
        EpubConfig {
            embed_fonts: false,
            stylesheet: None,
            max_image_width: None,
            max_image_pixels: None,
            notes: NotePlacement::default(),
            page_list: true,
        }
    }
}

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
    let meta = &mut config.metadata;
    let mut title_span = 0..0;
    let mut language_span = None;
    let mut identifier = None;
    for (key, value) in sorted(book) {
        let name = key.get_ref().as_ref();
        match name {
            "title" => {
                title_span = key.span();
                meta.title = reader.string(name, value).unwrap_or_default();
            }
            "subtitle" => meta.subtitle = reader.string(name, value),
            "authors" => meta.authors = reader.strings(name, value),
            "language" => {
                language_span = Some(value.span());
                meta.language = reader.language(value).unwrap_or_default();
            }
            "description" => meta.description = reader.string(name, value),
            "src" => config.src = reader.spanned_string(name, value),
            "publisher" => meta.publisher = reader.string(name, value),
            "identifier" => identifier = reader.identifier(value),
            "date" => meta.date = reader.date(value),
            "rights" => meta.rights = reader.string(name, value),
            "subjects" => meta.subjects = reader.strings(name, value),
            "series" => meta.series = reader.string(name, value),
            "series-index" => meta.series_index = reader.number(name, value),
            "cover" => config.cover = reader.spanned_string(name, value),
            "text-direction" => meta.is_rtl = reader.direction(value),
            "multilingual" => {}
            "edition" => meta.edition = reader.string(name, value),
            "dedication" => meta.dedication = reader.string(name, value),
            "epigraph" => meta.epigraph = reader.string(name, value),
            "epigraph-source" => meta.epigraph_source = reader.string(name, value),
            other => reader.unknown(key.span(), other, "a key of [book]", &BOOK_KEYS.join(", ")),
        }
    }
    if meta.title.trim().is_empty() {
        reader.diags.push(
            Diagnostic::error(span(title_span.clone()), "the book has no title")
                .with_hint("set `title = \"…\"` in the `[book]` table of `book.toml`"),
        );
    }
    if meta.authors.is_empty() {
        reader.diags.push(
            Diagnostic::warning(span(title_span.clone()), "the book names no author")
                .with_hint("set `authors = [\"…\"]` in the `[book]` table of `book.toml`"),
        );
    }
    if meta.language.is_empty() {
        meta.language = "en".into();
        reader.diags.push(
            Diagnostic::warning(
                span(title_span.clone()),
                "the book's language is not set; using `en`",
            )
            .with_hint("set `language = \"en\"` (a BCP 47 tag) in the `[book]` table"),
        );
    }
    meta.is_identifier_given = identifier.is_some();
    meta.identifier = identifier.unwrap_or_else(|| Identifier::derived(&meta.title, &meta.authors));
    let language_at = language_span.unwrap_or(title_span);
    meta.labels = super::labels::resolve(file, &meta.language, language_at, labels, reader.diags);
    config
}

/// Entries of a table in source order (the parsed map is sorted by key).
fn sorted<'a, 'i>(
    table: &'a DeTable<'i>,
) -> Vec<(&'a Spanned<Cow<'i, str>>, &'a Spanned<DeValue<'i>>)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    entries
}

struct Reader<'d> {
    file: FileId,
    diags: &'d mut Vec<Diagnostic>,
}

impl Reader<'_> {
    fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    fn unknown(&mut self, at: std::ops::Range<usize>, name: &str, what: &str, known: &str) {
        let span = self.span(at);
        self.diags.push(
            Diagnostic::warning(
                span,
                format!("unknown key `{name}` ({what}); it is ignored"),
            )
            .with_hint(format!("known keys: {known}")),
        );
    }

    fn wrong_type(&mut self, name: &str, value: &Spanned<DeValue>, expected: &str) {
        let span = self.span(value.span());
        self.diags.push(
            Diagnostic::error(span, format!("`{name}` must be {expected}"))
                .with_hint(format!("for example `{name} = {}`", example(expected))),
        );
    }

    fn string(&mut self, name: &str, value: &Spanned<DeValue>) -> Option<String> {
        self.spanned_string(name, value).map(Spanned::into_inner)
    }

    fn spanned_string(&mut self, name: &str, value: &Spanned<DeValue>) -> Option<Spanned<String>> {
        match value.get_ref() {
            DeValue::String(s) => Some(Spanned::new(value.span(), s.to_string())),
            _ => {
                self.wrong_type(name, value, "a string");
                None
            }
        }
    }

    fn strings(&mut self, name: &str, value: &Spanned<DeValue>) -> Vec<String> {
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

    fn number(&mut self, name: &str, value: &Spanned<DeValue>) -> Option<String> {
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

    fn language(&mut self, value: &Spanned<DeValue>) -> Option<String> {
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

    fn direction(&mut self, value: &Spanned<DeValue>) -> bool {
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

    fn date(&mut self, value: &Spanned<DeValue>) -> Option<String> {
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

    fn identifier(&mut self, value: &Spanned<DeValue>) -> Option<Identifier> {
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

    fn outputs(&mut self, outputs: &DeTable, config: &mut Config) {
        for (key, value) in sorted(outputs) {
            match (key.get_ref().as_ref(), value.get_ref()) {
                ("epub", DeValue::Table(epub)) => {
                    for (key, value) in sorted(epub) {
                        match key.get_ref().as_ref() {
                            "stylesheet" => {
                                config.epub.stylesheet = self.spanned_string("stylesheet", value)
                            }
                            "max-image-width" => {
                                config.epub.max_image_width = self.pixels("max-image-width", value)
                            }
                            "max-image-pixels" => {
                                config.epub.max_image_pixels = self.pixel_count(value)
                            }
                            "notes" => {
                                if let Some(text) = self.string("notes", value) {
                                    match text.as_str() {
                                        "chapter" => config.epub.notes = NotePlacement::Chapter,
                                        "book" => config.epub.notes = NotePlacement::Book,
                                        _ => self.bad_value(value, "notes", "a note placement", "`\"chapter\"` (pop-up footnotes) or `\"book\"` (endnotes)"),
                                    }
                                }
                            }
                            "page-list" => {
                                config.epub.page_list =
                                    self.boolean("page-list", value).unwrap_or(true)
                            }
                            "embed-fonts" => {
                                config.epub.embed_fonts =
                                    self.boolean("embed-fonts", value).unwrap_or(false)
                            }
                            other => self.unknown(
                                key.span(),
                                other,
                                "a key of [output.epub]",
                                "stylesheet, max-image-width, max-image-pixels, notes, page-list, embed-fonts",
                            ),
                        }
                    }
                }
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

impl Reader<'_> {
    fn pdf(&mut self, table: &DeTable, pdf: &mut PdfConfig) {
        let (mut bleed_set, mut standard_set) = (false, false);
        let mut ppi_spans = (None, None);
        for (key, value) in sorted(table) {
            let setup = &mut pdf.setup;
            let name = key.get_ref().as_ref();
            match name {
                "trim" => {
                    if let Some(text) = self.string(name, value) {
                        match parse_trim(&text) {
                            Some((w, h)) => (setup.trim_width, setup.trim_height) = (w, h),
                            None => self.bad_value(value, name, "a trim size", "`\"6x9in\"`, `\"5.5x8.5in\"`, `\"a5\"`, `\"letter\"` or `\"150x230mm\"`"),
                        }
                    }
                }
                "margin" => {
                    if let Some(m) = self.length(name, value) {
                        pdf.margin_inside_set = Some(self.span(key.span()));
                        setup.margin_inside = m;
                        setup.margin_outside = m;
                        setup.margin_top = m;
                        setup.margin_bottom = m;
                    }
                }
                "margin-inside" => {
                    if let Some(m) = self.length(name, value) {
                        pdf.margin_inside_set = Some(self.span(key.span()));
                        setup.margin_inside = m;
                    }
                }
                "margin-outside" => {
                    setup.margin_outside = self.length(name, value).unwrap_or(setup.margin_outside)
                }
                "margin-top" => {
                    setup.margin_top = self.length(name, value).unwrap_or(setup.margin_top)
                }
                "margin-bottom" => {
                    setup.margin_bottom = self.length(name, value).unwrap_or(setup.margin_bottom)
                }
                "bleed" => {
                    if let Some(b) = self.length(name, value) {
                        bleed_set = true;
                        setup.bleed = b;
                    }
                }
                "font-size" => {
                    let old = setup.font_size;
                    setup.font_size = self
                        .length(name, value)
                        .filter(|s| s.get() >= 4.0)
                        .unwrap_or(old);
                    // Leading follows the size unless it is set too.
                    setup.leading = setup.leading * (setup.font_size / old);
                }
                "leading" => {
                    setup.leading = self
                        .length(name, value)
                        .filter(|l| l.get() > 0.0)
                        .unwrap_or(setup.leading)
                }
                "recto-chapters" => {
                    setup.recto_chapters = self.boolean(name, value).unwrap_or(setup.recto_chapters)
                }
                "hyphenate" => {
                    setup.hyphenate = self.boolean(name, value).unwrap_or(setup.hyphenate)
                }
                "embed-whole-fonts" => {
                    setup.embed_whole_fonts =
                        self.boolean(name, value).unwrap_or(setup.embed_whole_fonts)
                }
                "hyphen-min-before" => {
                    setup.hyphen_min_before =
                        self.count(name, value).unwrap_or(setup.hyphen_min_before)
                }
                "hyphen-min-after" => {
                    setup.hyphen_min_after =
                        self.count(name, value).unwrap_or(setup.hyphen_min_after)
                }
                "paper" => {
                    if let Some(text) = self.string(name, value) {
                        match text.as_str() {
                            "white" => pdf.paper = Paper::White,
                            "cream" => pdf.paper = Paper::Cream,
                            _ => {
                                self.bad_value(value, name, "a paper", "`\"white\"` or `\"cream\"`")
                            }
                        }
                    }
                }
                "cover" => pdf.cover = self.boolean(name, value).unwrap_or(pdf.cover),
                "image-ppi" => {
                    pdf.image_ppi = self.resolution(name, value, 72.0..=2400.0);
                    ppi_spans.0 = Some(value.span());
                }
                "image-ppi-max" => {
                    pdf.image_ppi_max = self.resolution(name, value, 72.0..=9600.0);
                    ppi_spans.1 = Some(value.span());
                }
                "link-urls" => {
                    if let Some(text) = self.string(name, value) {
                        match text.as_str() {
                            "footnote" => setup.link_urls = crate::doc::LinkUrls::Footnote,
                            "inline" => setup.link_urls = crate::doc::LinkUrls::Inline,
                            "none" => setup.link_urls = crate::doc::LinkUrls::None,
                            _ => self.bad_value(
                                value,
                                name,
                                "a place for link URLs",
                                "`\"footnote\"` (the default), `\"inline\"` or `\"none\"`",
                            ),
                        }
                    }
                }
                "code-theme" => pdf.code_theme = self.spanned_string(name, value),
                "crop-marks" => {
                    pdf.crop_marks = self.boolean(name, value).unwrap_or(pdf.crop_marks)
                }
                "standard" => {
                    if let Some(text) = self.string(name, value) {
                        match PdfStandard::parse(&text) {
                            Some(standard) => {
                                standard_set = true;
                                pdf.standard = standard;
                            }
                            None => self.bad_value(value, name, "a PDF standard", "`\"pdf/x-4\"` (the default), `\"pdf/x-1a\"`, `\"pdf/a-2b\"` or `\"none\"`"),
                        }
                    }
                }
                "preset" => {
                    if let Some(text) = self.string(name, value) {
                        match text.trim().to_ascii_lowercase().as_str() {
                            "kdp" => pdf.preset = Some((Preset::Kdp, self.span(value.span()))),
                            "ingramspark" => {
                                pdf.preset = Some((Preset::IngramSpark, self.span(value.span())))
                            }
                            _ => self.bad_value(
                                value,
                                name,
                                "a print-on-demand preset",
                                "`\"kdp\"` or `\"ingramspark\"`",
                            ),
                        }
                    }
                }
                "font-regular" | "font-italic" | "font-bold" | "font-bold-italic" | "font-mono"
                | "font-fallback" => {
                    let role = PDF_KEYS
                        .iter()
                        .find(|k| **k == name)
                        .copied()
                        .unwrap_or("font-regular");
                    match value.get_ref() {
                        // The fallback is a chain: a list of fonts tried in order.
                        DeValue::Array(items) if name == "font-fallback" => {
                            for item in items {
                                if let Some(path) = self.spanned_string(name, item) {
                                    pdf.fonts.push((role, path));
                                }
                            }
                        }
                        _ => {
                            if let Some(path) = self.spanned_string(name, value) {
                                pdf.fonts.push((role, path));
                            }
                        }
                    }
                }
                other => self.unknown(
                    key.span(),
                    other,
                    "a key of [output.pdf]",
                    &PDF_KEYS.join(", "),
                ),
            }
        }
        if let Some((preset, span)) = pdf.preset {
            self.apply_preset(pdf, preset, &span, bleed_set, standard_set);
        }
        self.check_resolutions(pdf, ppi_spans);
        let setup = &pdf.setup;
        let text_width = setup.trim_width - setup.margin_inside - setup.margin_outside;
        let text_height = setup.trim_height - setup.margin_top - setup.margin_bottom;
        if text_width.get() < 72.0 || text_height.get() < 72.0 {
            let span = self.span(0..0);
            self.diags.push(
                Diagnostic::error(
                    span,
                    format!(
                        "the margins leave a text block of {:.0}×{:.0} pt, too small for text",
                        text_width.get(),
                        text_height.get()
                    ),
                )
                .with_hint("reduce the margins in [output.pdf] or choose a larger `trim`"),
            );
        }
    }

    /// Applies a print-on-demand preset: its bleed and standard unless those keys are set,
    /// and a warning for each outer margin below its minimum. The inside margin depends on
    /// the page count: the build sets it (`crate::build`).
    fn apply_preset(
        &mut self,
        pdf: &mut PdfConfig,
        preset: Preset,
        span: &Span,
        bleed_set: bool,
        standard_set: bool,
    ) {
        if !bleed_set {
            pdf.setup.bleed = preset.bleed();
        }
        if !standard_set {
            pdf.standard = preset.standard();
        }
        let least = preset.outside_margin(pdf.setup.bleed);
        let setup = &pdf.setup;
        for (name, margin) in [
            ("margin-outside", setup.margin_outside),
            ("margin-top", setup.margin_top),
            ("margin-bottom", setup.margin_bottom),
        ] {
            if margin.get() + 1e-6 < least.get() {
                self.diags.push(
                    Diagnostic::warning(
                        *span,
                        format!(
                            "`{name}` is {:.3} in, below the {:.3} in that `preset = \"{}\"` requires",
                            margin.get() / 72.0,
                            least.get() / 72.0,
                            preset.name()
                        ),
                    )
                    .with_hint(format!("set `{name}` to at least \"{}in\"", least.get() / 72.0)),
                );
            }
        }
    }

    fn bad_value(&mut self, value: &Spanned<DeValue>, name: &str, what: &str, examples: &str) {
        let span = self.span(value.span());
        self.diags.push(
            Diagnostic::error(span, format!("`{name}` is not {what}"))
                .with_hint(format!("write for example {examples}")),
        );
    }

    fn length(&mut self, name: &str, value: &Spanned<DeValue>) -> Option<Pt> {
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

    fn boolean(&mut self, name: &str, value: &Spanned<DeValue>) -> Option<bool> {
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(name, value, "true or false");
                None
            }
        }
    }

    fn pixels(&mut self, name: &str, value: &Spanned<DeValue>) -> Option<u32> {
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
    fn resolution(
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

    /// `image-ppi-max` below `image-ppi` (set, or the other's default) would resample
    /// images up: an error at the key that was written.
    fn check_resolutions(
        &mut self,
        pdf: &PdfConfig,
        spans: (
            Option<std::ops::Range<usize>>,
            Option<std::ops::Range<usize>>,
        ),
    ) {
        let defaults = crate::images::PdfSettings::default();
        let ppi = pdf.image_ppi.unwrap_or(defaults.ppi);
        let ppi_max = pdf.image_ppi_max.unwrap_or(defaults.ppi_max);
        if ppi_max >= ppi {
            return;
        }
        let Some(at) = spans.1.or(spans.0) else {
            return;
        };
        let span = self.span(at);
        self.diags.push(
            Diagnostic::error(
                span,
                format!("`image-ppi-max` ({ppi_max}) is below `image-ppi` ({ppi}): images would be resampled up"),
            )
            .with_hint(format!("set `image-ppi-max` to at least {ppi}; 1.5 × `image-ppi` is usual")),
        );
    }

    /// A pixel count for `max-image-pixels`: a whole number from 10,000 to 100 million.
    fn pixel_count(&mut self, value: &Spanned<DeValue>) -> Option<u64> {
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

    fn count(&mut self, name: &str, value: &Spanned<DeValue>) -> Option<usize> {
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

fn example(expected: &str) -> &'static str {
    match expected {
        "a string" => "\"…\"",
        "an array of strings" => "[\"…\", \"…\"]",
        "a number" => "2",
        "true or false" => "true",
        _ => "…",
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

/// An ISBN-10 or ISBN-13 with a correct check digit.
fn is_isbn(digits: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> (Config, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let config = parse(FileId(0), text, "folder", &mut diags);
        (config, diags)
    }

    #[test]
    fn reads_the_book_table() {
        let (config, diags) = parse_str(
            "[book]\ntitle = \"Moby Dick\"\nsubtitle = \"Or, The Whale\"\nauthors = [\"Herman Melville\"]\nlanguage = \"en-US\"\ndate = \"1851\"\nidentifier = \"isbn:978-0-14-243724-7\"\nseries-index = 2\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let m = config.metadata;
        assert_eq!(m.title, "Moby Dick");
        assert_eq!(m.subtitle.as_deref(), Some("Or, The Whale"));
        assert_eq!(m.language, "en-US");
        assert_eq!(m.identifier, Identifier::Isbn("9780142437247".into()));
        assert!(m.is_identifier_given);
        assert_eq!(m.series_index.as_deref(), Some("2"));
    }

    #[test]
    fn unknown_key_warns_with_its_position() {
        let (_, diags) = parse_str(
            "[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\ntitel = \"x\"\n",
        );
        assert_eq!(diags.len(), 1);
        assert!(!diags[0].is_error());
        assert!(diags[0].message.contains("`titel`"));
        assert_eq!(diags[0].span.map(|s| s.start), Some(51));
    }

    #[test]
    fn bad_values_are_errors() {
        let (_, diags) = parse_str(
            "[book]\ntitle = 3\nlanguage = \"english!\"\ndate = \"May 2020\"\nidentifier = \"isbn:978-0-14-243724-8\"\n",
        );
        let errors: Vec<_> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.clone())
            .collect();
        assert_eq!(errors.len(), 5, "{errors:?}"); // title type, language, date, isbn, no title
    }

    #[test]
    fn broken_toml_is_an_error_not_a_panic() {
        let (_, diags) = parse_str("[book\ntitle = \"x");
        assert!(
            diags
                .iter()
                .any(|d| d.is_error() && d.message.contains("not valid TOML"))
        );
    }

    #[test]
    fn mdbook_tables_are_accepted_silently() {
        let (_, diags) = parse_str(
            "[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\n[build]\nbuild-dir = \"x\"\n[output.html]\nmathjax-support = true\n[preprocessor.links]\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn pdf_settings_are_read_and_checked() {
        let (config, diags) = parse_str(
            "[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\n[output.pdf]\ntrim = \"a5\"\nmargin-inside = \"20mm\"\nfont-size = \"10pt\"\nrecto-chapters = true\nmargin-top = \"wide\"\n",
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].is_error() && diags[0].message.contains("`margin-top` is not a length"));
        let setup = config.pdf.setup;
        assert_eq!(setup.margin_inside, Pt::from_mm(20.0));
        assert_eq!(setup.font_size, Pt::new(10.0));
        assert!(setup.recto_chapters);
        assert!((setup.leading.get() - 13.6 * 10.0 / 11.0).abs() < 1e-9);
    }

    #[test]
    fn image_resolution_settings_are_read_and_checked() {
        let (config, diags) = parse_str(
            "[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\n[output.pdf]\nimage-ppi = 350\nimage-ppi-max = 600.5\n[output.epub]\nmax-image-pixels = 2_500_000\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(config.pdf.image_ppi, Some(350.0));
        assert_eq!(config.pdf.image_ppi_max, Some(600.5));
        assert_eq!(config.epub.max_image_pixels, Some(2_500_000));
        let (_, diags) = parse_str(
            "[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\n[output.pdf]\nimage-ppi = 600\n[output.epub]\nmax-image-pixels = 12\n",
        );
        let errors: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(diags.len(), 2, "{errors:?}");
        // The default maximum (450) is below the 600 asked for: the error is at `image-ppi`.
        assert!(
            errors[0].contains("`image-ppi-max` (450) is below `image-ppi` (600)"),
            "{errors:?}"
        );
        assert_eq!(diags[0].span.map(|s| s.start), Some(76));
        assert!(
            errors[1].contains("`max-image-pixels` is not a pixel count"),
            "{errors:?}"
        );
    }

    #[test]
    fn isbn_check_digits() {
        assert!(is_isbn("9780142437247"));
        assert!(!is_isbn("9780142437248"));
        assert!(is_isbn("0306406152"));
    }
}
