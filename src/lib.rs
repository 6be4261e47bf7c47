//! folio: a book folder of Markdown in, a typeset PDF and a valid EPUB 3 out.
//!
//! `build` wires the stages: `project::load` (the only disk reads) → `markdown::parse_book`
//! → `doc::Book` → `epub::write`, and `typeset` → `pdf::write`, and `cover::typeset` (sized
//! by the typeset interior) → `pdf::write`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cli;
pub mod cover;
pub mod diag;
pub mod doc;
pub mod epub;
pub mod error;
pub mod highlight;
pub mod images;
pub mod markdown;
pub mod mdbook;
pub mod output;
pub mod parallel;
pub mod pdf;
pub mod project;
pub mod svg;
pub mod typeset;
pub mod units;

pub use error::Error;

use std::sync::Arc;

use doc::Timestamp;
use project::Project;
use units::Pt;

/// How to load a book: where it may read, and what to do with its preprocessors.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Where files may be read (`--root`).
    pub read: project::LoadOptions,
    /// Preprocessor settings (`--no-preprocessors`).
    pub preprocess: mdbook::Options,
}

/// Loads a book folder and runs mdBook's preprocessors on it (`links` natively, others as
/// programs): the disk and process edge of the pipeline. Problems in the book are in the
/// project's diagnostics; `build` and `check` report them.
pub fn load(root: &std::path::Path, options: &LoadOptions) -> Result<Project, Error> {
    let mut project = project::load_with(root, &options.read)?;
    mdbook::preprocess(&mut project, &options.preprocess);
    Ok(project)
}

/// The output formats folio can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// A reflowable EPUB 3.
    Epub,
    /// A typeset, print-ready PDF.
    Pdf,
    /// The wraparound print cover (back, spine, front) as a PDF, sized for the interior.
    Cover,
}

/// What to build.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// The formats to write.
    pub formats: Vec<Format>,
    /// The moment recorded as the outputs' modification date (`SOURCE_DATE_EPOCH`, or now).
    pub modified: Timestamp,
    /// Threads to typeset and prepare images with (the outputs are the same for any number).
    pub jobs: usize,
    /// Where processed images are kept between builds (`project::cache::Folder`), or
    /// `images::NoStore`.
    pub cache: Arc<dyn images::Store>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            formats: vec![Format::Epub],
            modified: Timestamp(0),
            jobs: 1,
            cache: Arc::new(images::NoStore),
        }
    }
}

/// The built files, as bytes, and the warnings found on the way.
#[derive(Debug, Default)]
pub struct Outputs {
    /// The EPUB, when requested.
    pub epub: Option<Vec<u8>>,
    /// The PDF, when requested.
    pub pdf: Option<Vec<u8>>,
    /// The print cover PDF, when requested (`--format cover`, or `[output.pdf] cover = true`
    /// with the PDF).
    pub cover: Option<Vec<u8>>,
    /// Problems that did not stop the build.
    pub warnings: Vec<diag::Diagnostic>,
    /// The printer's view of the PDF, when one was built.
    pub print: Option<pdf::Readiness>,
}

/// Builds every requested output. Takes loaded bytes and returns bytes; writes nothing
/// (but the image cache of `options`, which is I/O at the edge).
pub fn build(project: &Project, options: &BuildOptions) -> Result<Outputs, Error> {
    let mut book = markdown::parse_book(project)?; // Error::Book(diagnostics) if the sources are wrong
    book.metadata.modified = options.modified;
    let wants = |format| options.formats.contains(&format);
    let wants_cover = wants(Format::Cover) || (wants(Format::Pdf) && project.config.pdf.cover);
    // The EPUB's page-list follows the print pages: the book is typeset for it too.
    let wants_pages = wants(Format::Epub) && project.config.epub.page_list;
    let settings = image_settings(
        project,
        wants(Format::Pdf) || wants_cover,
        wants(Format::Epub),
    );
    let mut outputs = Outputs::default();
    if wants(Format::Pdf) || wants_cover {
        book.warnings.extend(project.font_warnings.iter().cloned());
    }
    let mut page_starts = Vec::new();
    let mut epub_images = None;
    if wants(Format::Pdf) || wants_cover || wants_pages {
        let fonts = font_set(project)?;
        let info = pdf_options(project, &book.metadata, options.modified);
        let job = PrintJob {
            pdf: wants(Format::Pdf),
            cover: wants_cover,
            images: &settings,
        };
        let printed = print(project, &mut book, &fonts, &info, options, &job)?;
        // An EPUB built alone is typeset only for its page-list: the print edition's
        // problems are not the EPUB's.
        if wants(Format::Pdf) || wants_cover {
            book.warnings.extend(printed.warnings);
        }
        page_starts = printed.page_starts;
        epub_images = Some(printed.epub_images);
        if let Some((pdf, report)) = printed.pdf {
            outputs.pdf = Some(pdf);
            outputs.print = Some(print_report(project, report, &printed.setup, printed.pages));
        }
        outputs.cover = printed.cover;
    }
    if wants(Format::Epub) {
        // Prepared with the PDF's when the book was typeset; else here, for the EPUB alone.
        let images = epub_images.unwrap_or_else(|| {
            let store: &dyn images::Store = options.cache.as_ref();
            images::prepare(
                &book.images,
                &[],
                book.cover,
                &settings,
                store,
                options.jobs,
            )
            .epub
        });
        outputs.epub = Some(epub::write(
            &book,
            &epub::Options {
                stylesheet: project.stylesheet.clone(),
                cover_fonts: cover_fonts(&project.fonts),
                has_endnotes: project.config.epub.notes == project::metadata::NotePlacement::Book,
                images: &images,
                page_starts: &page_starts,
                fonts: epub_fonts(project),
                jobs: options.jobs,
            },
        )?);
    }
    outputs.warnings = book.warnings;
    Ok(outputs)
}

/// The typesetter's faces: the book's fonts (`[output.pdf] font-*`, the design's families,
/// else the built-in ones) with the design's OpenType features, its heading face and the
/// text face's small capitals (`smcp`) when the design uses them.
pub fn font_set(project: &Project) -> Result<typeset::text::FontSet, Error> {
    let mut fonts = typeset::text::FontSet::new(project::fonts::faces(&project.fonts))?;
    let design = &project.config.design;
    let mut features: Vec<&str> = design.features.iter().map(String::as_str).collect();
    fonts.set_text_features(&features);
    let uses_small_caps = design.uses_small_caps();
    let regular = project
        .fonts
        .regular
        .as_deref()
        .unwrap_or(project::fonts::SERIF_REGULAR);
    if let Some(heading) = &project.fonts.heading {
        let bytes = std::sync::Arc::from(heading.as_slice());
        fonts.add_style(
            typeset::text::Style::Heading,
            bytes,
            "heading-font",
            &features,
        )?;
    }
    // Small capitals come from the font's `smcp`; a font without them sets the regular
    // face (the typesetter then capitalises and scales down).
    if uses_small_caps && typeset::text::has_feature(regular, b"smcp") {
        features.push("smcp");
        let bytes = std::sync::Arc::from(regular);
        fonts.add_style(
            typeset::text::Style::SmallCaps,
            bytes,
            "small caps",
            &features,
        )?;
    }
    Ok(fonts)
}

/// The fonts the EPUB embeds: the design's text faces (and heading face) when the design
/// asks for them (`modern`) or `[output.epub] embed-fonts = true`; none otherwise.
fn epub_fonts(project: &Project) -> Vec<epub::design::EmbeddedFont> {
    let design = &project.config.design;
    if !(design.embeds_fonts || project.config.epub.embed_fonts) {
        return Vec::new();
    }
    let files = &project.fonts;
    let builtin = match design.preset {
        doc::DesignPreset::Modern => [
            project::fonts::MODERN_REGULAR,
            project::fonts::MODERN_ITALIC,
            project::fonts::MODERN_BOLD,
            project::fonts::MODERN_BOLD_ITALIC,
        ],
        _ => [
            project::fonts::SERIF_REGULAR,
            project::fonts::SERIF_ITALIC,
            project::fonts::SERIF_BOLD,
            project::fonts::SERIF_BOLD_ITALIC,
        ],
    };
    let given = [
        &files.regular,
        &files.italic,
        &files.bold,
        &files.bold_italic,
    ];
    let styles = [
        ("regular", false, 400),
        ("italic", true, 400),
        ("bold", false, 700),
        ("bold-italic", true, 700),
    ];
    let mut fonts: Vec<epub::design::EmbeddedFont> = (given.into_iter().zip(builtin).zip(styles))
        .map(
            |((given, builtin), (name, is_italic, weight))| epub::design::EmbeddedFont {
                is_heading: false,
                is_italic,
                weight,
                file: format!("fonts/text-{name}.ttf"),
                bytes: given.clone().unwrap_or_else(|| builtin.to_vec()),
            },
        )
        .collect();
    if let Some(heading) = files.heading.as_ref().filter(|_| design.has_heading_face) {
        fonts.push(epub::design::EmbeddedFont {
            is_heading: true,
            is_italic: false,
            weight: 600,
            file: "fonts/heading.ttf".into(),
            bytes: heading.clone(),
        });
    }
    fonts
}

/// The fonts of the generated EPUB cover, in the order the PDF tries them: EB Garamond (or
/// the book's regular font), the book's fallbacks, DejaVu Sans, the machine's fonts.
fn cover_fonts(fonts: &doc::FontFiles) -> Vec<(&[u8], u32)> {
    let regular = fonts
        .regular
        .as_deref()
        .unwrap_or(project::fonts::SERIF_REGULAR);
    let mut out = vec![(regular, 0)];
    out.extend(fonts.fallbacks.iter().map(|f| (&f.bytes[..], f.index)));
    out.push((project::fonts::FALLBACK, 0));
    out.extend(fonts.system.iter().map(|f| (&f.bytes[..], f.index)));
    out
}

/// How the images are prepared for the outputs built: the PDF's (interior or cover) at the
/// book's `image-ppi` and `image-ppi-max` in the colour its standard asks, the EPUB's at its
/// `max-image-pixels` and `max-image-width`; the defaults where the book sets nothing.
fn image_settings(project: &Project, for_pdf: bool, for_epub: bool) -> images::Settings {
    let config = &project.config;
    let pdf = images::PdfSettings::default();
    let epub = images::EpubSettings::default();
    images::Settings {
        pdf: for_pdf.then(|| images::PdfSettings {
            ppi: config.pdf.image_ppi.unwrap_or(pdf.ppi),
            ppi_max: config.pdf.image_ppi_max.unwrap_or(pdf.ppi_max),
            mode: pdf::image_mode(config.pdf.standard),
        }),
        epub: for_epub.then(|| images::EpubSettings {
            max_pixels: config.epub.max_image_pixels.unwrap_or(epub.max_pixels),
            max_width: config.epub.max_image_width,
        }),
    }
}

/// The printer's view of the interior: the writer's readiness with the spine, the inside
/// margin and the preset's limits.
fn print_report(
    project: &Project,
    mut report: pdf::Readiness,
    setup: &doc::PageSetup,
    pages: usize,
) -> pdf::Readiness {
    let paper = project.config.pdf.paper;
    report.spine = Some((cover::spine::width(pages, paper), paper.name()));
    report.margin_inside = Some(setup.margin_inside);
    if let Some((preset, _)) = &project.config.pdf.preset {
        if let Some(least) = short_inside_margin(*preset, setup, pages) {
            report.problems.push(format!(
                "the inside margin is {:.3} in, below the {:.3} in {} asks for {} pages",
                setup.margin_inside.get() / 72.0,
                least.get() / 72.0,
                preset.name(),
                pages
            ));
        }
        if pages < MIN_PRINT_PAGES {
            report.problems.push(format!(
                "{} prints paperbacks of at least {MIN_PRINT_PAGES} pages; the book has {pages}",
                preset.name(),
            ));
        }
    }
    report
}

/// The fewest pages KDP prints as a paperback (IngramSpark's floor is lower).
const MIN_PRINT_PAGES: usize = 24;

/// What `print` makes besides the page count and map.
struct PrintJob<'a> {
    /// Write the interior PDF.
    pdf: bool,
    /// Typeset the wraparound cover, sized for the interior, and write it.
    cover: bool,
    /// How to prepare the images, once for every output built (empty: no image work).
    images: &'a images::Settings,
}

/// The print edition as typeset: the PDF and its readiness (when asked for), the cover
/// (when asked for), the EPUB's images prepared with the PDF's, its page count, the setup
/// it was typeset with and where its pages begin in the text.
struct Printed {
    pdf: Option<(Vec<u8>, pdf::Readiness)>,
    cover: Option<Vec<u8>>,
    /// Empty when the EPUB is not built.
    epub_images: Vec<images::EpubImage>,
    pages: usize,
    setup: doc::PageSetup,
    page_starts: Vec<doc::PageStart>,
    /// Problems of the print edition (overfull lines, missing glyphs, the inside margin,
    /// the cover).
    warnings: Vec<diag::Diagnostic>,
}

/// Typesets the book, streaming its pages into the PDF writer (or counting them, when only
/// the cover or the EPUB's page-list needs them). With a print-on-demand preset and no
/// `margin-inside` of the book's own, sets the inside margin the preset asks for the page
/// count, and typesets again while that margin changes the count's band (at most twice
/// more; the last pass takes the wider of the two margins, which can only add pages). With
/// `margin-inside` set and below the preset's minimum, warns. Then typesets the cover, and
/// prepares every image once for all the outputs (the PDF's at the widest the interior or
/// the cover draws it) before the PDF's images are written.
fn print(
    project: &Project,
    book: &mut doc::Book,
    fonts: &typeset::text::FontSet,
    info: &pdf::Options,
    options: &BuildOptions,
    job: &PrintJob,
) -> Result<Printed, Error> {
    let config = &project.config.pdf;
    let mut setup = config.setup.clone();
    let mut tried: Vec<Pt> = Vec::new();
    // Sheet, fonts and images: the passes change only the inside margin, which it lacks.
    let head = typeset::head(book, fonts, &setup);
    let (typeset, writer) = loop {
        let mut writer = job.pdf.then(|| pdf::Writer::new(&head, info));
        let typeset = match &mut writer {
            Some(writer) => typeset::typeset(
                book,
                fonts,
                &setup,
                &project.code_theme,
                options.jobs,
                writer,
            )?,
            None => typeset::typeset(
                book,
                fonts,
                &setup,
                &project.code_theme,
                options.jobs,
                &mut Discard,
            )?,
        };
        let pages = typeset.finish.order.len();
        let preset_margin = match (&config.preset, &config.margin_inside_set) {
            (Some((preset, _)), None) if tried.len() < 2 => Some(preset.inside_margin(pages)),
            _ => None,
        };
        if let Some(mut want) = preset_margin.filter(|&want| want != setup.margin_inside) {
            if !tried.is_empty() {
                want = tried.iter().copied().fold(want, Pt::max);
            }
            setup.margin_inside = want;
            tried.push(want);
            continue;
        }
        break (typeset, writer);
    };
    let pages = typeset.finish.order.len();
    let mut warnings = typeset.warnings;
    diag::default_kind(&mut warnings, diag::Kind::Typesetting);
    warnings.extend(margin_warning(config, &setup, pages));
    let cover = job.cover.then(|| {
        // The spine is as thick as the interior just typeset.
        let cover_options = cover::Options {
            interior_pages: pages,
            paper: project.config.pdf.paper,
            cover_span: (project.config.cover.as_ref())
                .map(|c| diag::Span::new(project.config_file, c.span())),
        };
        let (sheet, cover_warnings) = cover::typeset(book, fonts, &setup, &cover_options);
        warnings.extend(cover_warnings);
        sheet
    });
    // Every image once for every output: the PDF's at the widest the pages draw it.
    let mut widths = match &writer {
        Some(writer) => writer.image_widths(),
        None => vec![None; book.images.len()],
    };
    if let Some(sheet) = &cover {
        let drawn = pdf::image_widths(sheet).map_err(|e| Error::Pdf(e.to_string()))?;
        widths.resize(widths.len().max(drawn.len()), None);
        for (widest, width) in widths.iter_mut().zip(drawn) {
            *widest = match (*widest, width) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
        }
    }
    let store: &dyn images::Store = options.cache.as_ref();
    let prepared = images::prepare(
        &book.images,
        &widths,
        book.cover,
        job.images,
        store,
        options.jobs,
    );
    let pdf_error = |e: pdf::Error| Error::Pdf(e.to_string());
    let pdf = (writer.map(|writer| writer.finish(&typeset.finish, &prepared.pdf)))
        .transpose()
        .map_err(pdf_error)?;
    let cover_info = pdf::Options {
        title: format!("{} (cover)", info.title),
        ..info.clone()
    };
    let cover = (cover.map(|sheet| pdf::write_with_images(&sheet, &prepared.pdf, &cover_info)))
        .transpose()
        .map_err(pdf_error)?;
    Ok(Printed {
        pdf,
        cover,
        epub_images: prepared.epub,
        pages,
        setup,
        page_starts: typeset.page_starts,
        warnings,
    })
}

/// The warning for an inside margin below what the preset asks of `pages` pages: at the
/// preset when the preset chose it, at `margin-inside` when the book set it.
fn margin_warning(
    config: &project::metadata::PdfConfig,
    setup: &doc::PageSetup,
    pages: usize,
) -> Option<diag::Diagnostic> {
    let (preset, span) = config.preset.as_ref()?;
    let least = short_inside_margin(*preset, setup, pages)?;
    Some(match &config.margin_inside_set {
        None => diag::Diagnostic::warning(
            *span,
            format!(
                "the inside margin settled at {:.3} in, below the {:.3} in {} asks for {pages} pages",
                setup.margin_inside.get() / 72.0,
                least.get() / 72.0,
                preset.name(),
            ),
        )
        .with_hint(format!("set `margin-inside = \"{}in\"` in [output.pdf]", least.get() / 72.0)),
        Some(set) => diag::Diagnostic::warning(
            *set,
            format!(
                "the inside margin is {:.3} in, below the {:.3} in `preset = \"{}\"` asks for a book of {pages} pages",
                setup.margin_inside.get() / 72.0,
                least.get() / 72.0,
                preset.name(),
            ),
        )
        .with_hint(format!(
            "remove `margin-inside` to let the preset choose, or set it to at least \"{}in\"",
            least.get() / 72.0
        )),
    })
}

/// The inside margin `preset` asks of a book of `pages` pages, when `setup`'s is narrower:
/// the one home of that rule.
fn short_inside_margin(preset: doc::Preset, setup: &doc::PageSetup, pages: usize) -> Option<Pt> {
    let least = preset.inside_margin(pages);
    (setup.margin_inside.get() + 1e-6 < least.get()).then_some(least)
}

/// A page sink that lets every page go (only the page count and map are wanted).
struct Discard;

impl typeset::page::PageSink for Discard {
    fn page(&mut self, _: typeset::page::PageId, _: typeset::page::Page) -> Result<(), Error> {
        Ok(())
    }
}

/// The PDF's document information, from the book's metadata, and the print settings.
fn pdf_options(project: &Project, meta: &doc::Metadata, modified: Timestamp) -> pdf::Options {
    pdf::Options {
        title: match &meta.subtitle {
            Some(subtitle) => format!("{}: {subtitle}", meta.title),
            None => meta.title.clone(),
        },
        authors: meta.authors.clone(),
        subject: meta.description.clone(),
        keywords: meta.subjects.clone(),
        language: meta.language.clone(),
        created: Some(modified.0),
        producer: format!("folio {}", env!("CARGO_PKG_VERSION")),
        standard: project.config.pdf.standard,
        crop_marks: project.config.pdf.crop_marks,
        right_to_left: meta.is_rtl,
    }
}

/// A file name for a title: transliterated to ASCII (`日本語版` → `ri-ben-yu-ban`,
/// `Война и мир` → `voina-i-mir`), lower case, words of letters and digits joined by `-`,
/// at most about 60 characters; `None` when nothing of it can be written so.
pub fn file_stem(title: &str) -> Option<String> {
    let ascii = deunicode::deunicode_with_tofu(title, " ").to_ascii_lowercase();
    let mut stem = String::new();
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if stem.len() + word.len() > 60 && !stem.is_empty() {
            break;
        }
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.push_str(word);
    }
    stem.truncate(80);
    (!stem.is_empty()).then_some(stem)
}

/// Parses and typesets the book (on `jobs` threads) and returns every diagnostic a build
/// would, writing nothing (`folio check`).
pub fn check(project: &Project, jobs: usize) -> Vec<diag::Diagnostic> {
    let mut book = match markdown::parse_book(project) {
        Ok(book) => book,
        Err(Error::Book(diagnostics)) => return diagnostics,
        Err(other) => return vec![diag::Diagnostic::error_nowhere(other.to_string())],
    };
    let options = BuildOptions {
        jobs,
        ..BuildOptions::default()
    };
    book.warnings.extend(project.font_warnings.iter().cloned());
    let typeset = font_set(project)
        .and_then(|fonts| {
            let info = pdf_options(project, &book.metadata, options.modified);
            let job = PrintJob {
                pdf: false,
                cover: false,
                images: &images::Settings::default(),
            };
            print(project, &mut book, &fonts, &info, &options, &job)
        })
        .map(|printed| book.warnings.extend(printed.warnings));
    if let Err(e) = typeset {
        book.warnings
            .push(diag::Diagnostic::error_nowhere(e.to_string()));
    }
    book.warnings
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn titles_in_any_script_give_readable_file_names() {
        let stem = |t: &str| file_stem(t).unwrap_or_default();
        assert_eq!(stem("Moby Dick; Or, The Whale"), "moby-dick-or-the-whale");
        assert_eq!(
            stem("The Rust Programming Language — 日本語版"),
            "the-rust-programming-language-ri-ben-yu-ban"
        );
        assert_eq!(stem("日本語版"), "ri-ben-yu-ban");
        assert_eq!(stem("Война и мир"), "voina-i-mir");
        assert_eq!(stem("Ἰλιάς"), "ilias");
        assert_eq!(stem("Οδύσσεια"), "odusseia");
        assert!(!stem("ألف ليلة وليلة").is_empty());
        assert!(
            stem("ألف ليلة وليلة")
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        );
        assert_eq!(stem("🚀"), "rocket");
        assert_eq!(file_stem("\u{e000}\u{e001}"), None);
        assert_eq!(file_stem("  "), None);
        let long = stem(&"Wort ".repeat(40));
        assert!(long.len() <= 64 && !long.ends_with('-'), "{long}");
    }
}
