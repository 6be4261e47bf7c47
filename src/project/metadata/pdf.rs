//! The `[output.pdf]` table → `PdfConfig`: the page's geometry and type, the print
//! settings (paper, standard, preset, image resolution) and the font files; then the checks
//! of the settings together (the preset's minimum margins, the resolutions, the text block).

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::reader::{Reader, sorted};
use crate::diag::{Diagnostic, Span};
use crate::doc::{PageSetup, PdfStandard, Preset, parse_trim};

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

/// What the checks after `[output.pdf]` need to know of the keys it sets.
#[derive(Default)]
struct Written {
    /// Whether `bleed` is set (it then wins over the preset's).
    is_bleed_set: bool,
    /// Whether `standard` is set (it then wins over the preset's).
    is_standard_set: bool,
    /// Where `image-ppi` and `image-ppi-max` are written.
    ppi_spans: (Option<Range<usize>>, Option<Range<usize>>),
}

impl Reader<'_> {
    /// Reads `[output.pdf]` into `pdf`, then applies its preset and checks the settings
    /// together.
    pub(super) fn pdf(&mut self, table: &DeTable, pdf: &mut PdfConfig) {
        let mut written = Written::default();
        for (key, value) in sorted(table) {
            let name = key.get_ref().as_ref();
            let is_read = self.geometry_key(name, key.span(), value, pdf, &mut written)
                || self.type_key(name, value, &mut pdf.setup)
                || self.print_key(name, value, pdf, &mut written)
                || self.font_key(name, value, pdf);
            if !is_read {
                self.unknown(
                    key.span(),
                    name,
                    "a key of [output.pdf]",
                    &PDF_KEYS.join(", "),
                );
            }
        }
        if let Some((preset, span)) = pdf.preset {
            self.apply_preset(
                pdf,
                preset,
                &span,
                written.is_bleed_set,
                written.is_standard_set,
            );
        }
        self.check_resolutions(pdf, written.ppi_spans);
        self.check_text_block(&pdf.setup);
    }

    /// Reads key `name` if it sets the page's geometry (trim, margins, bleed); whether it
    /// does. `at` is where the key is written.
    fn geometry_key(
        &mut self,
        name: &str,
        at: Range<usize>,
        value: &Spanned<DeValue>,
        pdf: &mut PdfConfig,
        written: &mut Written,
    ) -> bool {
        let setup = &mut pdf.setup;
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
                    pdf.margin_inside_set = Some(self.span(at.clone()));
                    setup.margin_inside = m;
                    setup.margin_outside = m;
                    setup.margin_top = m;
                    setup.margin_bottom = m;
                }
            }
            "margin-inside" => {
                if let Some(m) = self.length(name, value) {
                    pdf.margin_inside_set = Some(self.span(at.clone()));
                    setup.margin_inside = m;
                }
            }
            "margin-outside" => {
                setup.margin_outside = self.length(name, value).unwrap_or(setup.margin_outside)
            }
            "margin-top" => setup.margin_top = self.length(name, value).unwrap_or(setup.margin_top),
            "margin-bottom" => {
                setup.margin_bottom = self.length(name, value).unwrap_or(setup.margin_bottom)
            }
            "bleed" => {
                if let Some(b) = self.length(name, value) {
                    written.is_bleed_set = true;
                    setup.bleed = b;
                }
            }
            _ => return false,
        }
        true
    }

    /// Reads key `name` if it sets the type (size, leading, hyphenation, fonts embedded,
    /// chapter openings, link URLs); whether it does.
    fn type_key(&mut self, name: &str, value: &Spanned<DeValue>, setup: &mut PageSetup) -> bool {
        match name {
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
            "hyphenate" => setup.hyphenate = self.boolean(name, value).unwrap_or(setup.hyphenate),
            "embed-whole-fonts" => {
                setup.embed_whole_fonts =
                    self.boolean(name, value).unwrap_or(setup.embed_whole_fonts)
            }
            "hyphen-min-before" => {
                setup.hyphen_min_before = self.count(name, value).unwrap_or(setup.hyphen_min_before)
            }
            "hyphen-min-after" => {
                setup.hyphen_min_after = self.count(name, value).unwrap_or(setup.hyphen_min_after)
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
            _ => return false,
        }
        true
    }

    /// Reads key `name` if it is a print setting (paper, cover, crop marks, standard,
    /// preset, image resolution, code theme); whether it is.
    fn print_key(
        &mut self,
        name: &str,
        value: &Spanned<DeValue>,
        pdf: &mut PdfConfig,
        written: &mut Written,
    ) -> bool {
        match name {
            "paper" => {
                if let Some(text) = self.string(name, value) {
                    match text.as_str() {
                        "white" => pdf.paper = Paper::White,
                        "cream" => pdf.paper = Paper::Cream,
                        _ => self.bad_value(value, name, "a paper", "`\"white\"` or `\"cream\"`"),
                    }
                }
            }
            "cover" => pdf.cover = self.boolean(name, value).unwrap_or(pdf.cover),
            "image-ppi" => {
                pdf.image_ppi = self.resolution(name, value, 72.0..=2400.0);
                written.ppi_spans.0 = Some(value.span());
            }
            "image-ppi-max" => {
                pdf.image_ppi_max = self.resolution(name, value, 72.0..=9600.0);
                written.ppi_spans.1 = Some(value.span());
            }
            "code-theme" => pdf.code_theme = self.spanned_string(name, value),
            "crop-marks" => pdf.crop_marks = self.boolean(name, value).unwrap_or(pdf.crop_marks),
            "standard" => {
                if let Some(text) = self.string(name, value) {
                    match PdfStandard::parse(&text) {
                        Some(standard) => {
                            written.is_standard_set = true;
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
            _ => return false,
        }
        true
    }

    /// Reads key `name` if it names a font file (`font-regular`… `font-fallback`, which
    /// may be a list); whether it does.
    fn font_key(&mut self, name: &str, value: &Spanned<DeValue>, pdf: &mut PdfConfig) -> bool {
        match name {
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
            _ => return false,
        }
        true
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

    /// An error when the margins leave a text block too small to set text in.
    fn check_text_block(&mut self, setup: &PageSetup) {
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
}
