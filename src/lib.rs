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
pub mod images;
pub mod markdown;
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
    let wants_pdf = options.formats.contains(&Format::Pdf);
    let wants_epub = options.formats.contains(&Format::Epub);
    let wants_cover =
        options.formats.contains(&Format::Cover) || (wants_pdf && project.config.pdf.cover);
    let print = if wants_pdf || wants_cover {
        Some(typeset_print(
            project,
            &mut book,
            wants_cover,
            options.jobs,
        )?)
    } else {
        None
    };
    let prepared = prepare_images(
        project,
        &book,
        print.as_ref(),
        wants_pdf,
        wants_epub,
        options,
    )?;
    let mut outputs = Outputs::default();
    let mut page_starts = Vec::new();
    if let Some(mut print) = print {
        let mut info = pdf_options(&book.metadata, options.modified);
        info.standard = project.config.pdf.standard;
        info.crop_marks = project.config.pdf.crop_marks;
        if wants_pdf {
            let pages = &print.pages;
            outputs.pdf = Some(
                pdf::write_with_images(pages, &prepared.pdf, &info)
                    .map_err(|e| Error::Pdf(e.to_string()))?,
            );
            outputs.print = Some(print_report(project, &print, &prepared.pdf, &info));
            // The EPUB marks where the pages of this print edition begin.
            page_starts = std::mem::take(&mut print.pages.page_starts);
        }
        if let Some(sheet) = &print.cover {
            let info = pdf::Options {
                title: format!("{} (cover)", info.title),
                ..info
            };
            outputs.cover = Some(
                pdf::write_with_images(sheet, &prepared.pdf, &info)
                    .map_err(|e| Error::Pdf(e.to_string()))?,
            );
        }
    }
    if wants_epub {
        outputs.epub = Some(epub::write(
            &book,
            &epub::Options {
                stylesheet: project.stylesheet.clone(),
                cover_font: project::fonts::SERIF_REGULAR,
                has_endnotes: project.config.epub.notes == project::metadata::NotePlacement::Book,
                images: &prepared.epub,
                page_starts: &page_starts,
            },
        )?);
    }
    outputs.warnings = book.warnings;
    Ok(outputs)
}

/// The typeset interior, the setup it was typeset with, and the print cover when asked.
struct Print {
    pages: typeset::page::Pages,
    setup: doc::PageSetup,
    cover: Option<typeset::page::Pages>,
}

/// Typesets the interior and, when asked, the print cover sized for it.
fn typeset_print(
    project: &Project,
    book: &mut doc::Book,
    wants_cover: bool,
    jobs: usize,
) -> Result<Print, Error> {
    let fonts = typeset::font::FontSet::with_files(&project.fonts)?;
    let (pages, setup) = typeset_for_preset(project, book, &fonts, jobs)?;
    let cover = wants_cover.then(|| {
        // The spine is as thick as the interior just typeset.
        let cover_options = cover::Options {
            interior_pages: pages.pages.len(),
            paper: project.config.pdf.paper,
            cover_span: project
                .config
                .cover
                .as_ref()
                .map(|c| diag::Span::new(project.config_file, c.span())),
        };
        let (sheet, warnings) = cover::typeset(book, &fonts, &setup, &cover_options);
        book.warnings.extend(warnings);
        sheet
    });
    Ok(Print {
        pages,
        setup,
        cover,
    })
}

/// Prepares every image once for the outputs built: the PDF's at the widest size the
/// interior or the cover draws it, the EPUB's at its own limits.
fn prepare_images(
    project: &Project,
    book: &doc::Book,
    print: Option<&Print>,
    wants_pdf: bool,
    wants_epub: bool,
    options: &BuildOptions,
) -> Result<images::Prepared, Error> {
    let mut widths: Vec<Option<Pt>> = vec![None; book.images.len()];
    if let Some(print) = print {
        let interior = wants_pdf.then_some(&print.pages);
        for pages in interior.into_iter().chain(&print.cover) {
            let drawn = pdf::image_widths(pages).map_err(|e| Error::Pdf(e.to_string()))?;
            for (widest, width) in widths.iter_mut().zip(drawn) {
                *widest = match (*widest, width) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
            }
        }
    }
    let config = &project.config;
    let defaults = (
        images::PdfSettings::default(),
        images::EpubSettings::default(),
    );
    let settings = images::Settings {
        pdf: print.map(|_| images::PdfSettings {
            ppi: config.pdf.image_ppi.unwrap_or(defaults.0.ppi),
            ppi_max: config.pdf.image_ppi_max.unwrap_or(defaults.0.ppi_max),
            mode: pdf::image_mode(config.pdf.standard),
        }),
        epub: wants_epub.then(|| images::EpubSettings {
            max_pixels: config
                .epub
                .max_image_pixels
                .unwrap_or(defaults.1.max_pixels),
            max_width: config.epub.max_image_width,
        }),
    };
    let store: &dyn images::Store = options.cache.as_ref();
    Ok(images::prepare(
        &book.images,
        &widths,
        book.cover,
        &settings,
        store,
        options.jobs,
    ))
}

/// The printer's view of the interior: readiness, spine, and the preset's limits.
fn print_report(
    project: &Project,
    print: &Print,
    prepared: &[images::PdfEntry],
    info: &pdf::Options,
) -> pdf::Readiness {
    let pages = &print.pages;
    let setup = &print.setup;
    let mut report = pdf::readiness(pages, prepared, info);
    let paper = project.config.pdf.paper;
    report.spine = Some((
        cover::spine::width(pages.pages.len(), paper),
        match paper {
            project::metadata::Paper::White => "white",
            project::metadata::Paper::Cream => "cream",
        },
    ));
    report.margin_inside = Some(setup.margin_inside);
    if let Some((preset, _)) = &project.config.pdf.preset {
        let least = preset.inside_margin(pages.pages.len());
        if setup.margin_inside.get() + 1e-6 < least.get() {
            report.problems.push(format!(
                "the inside margin is {:.3} in, below the {:.3} in {} asks for {} pages",
                setup.margin_inside.get() / 72.0,
                least.get() / 72.0,
                preset.name(),
                pages.pages.len()
            ));
        }
        if pages.pages.len() < MIN_PRINT_PAGES {
            report.problems.push(format!(
                "{} prints paperbacks of at least {MIN_PRINT_PAGES} pages; the book has {}",
                preset.name(),
                pages.pages.len()
            ));
        }
    }
    report
}

/// The fewest pages KDP prints as a paperback (IngramSpark's floor is lower).
const MIN_PRINT_PAGES: usize = 24;

/// Typesets the book; with a print-on-demand preset and no `margin-inside` of the book's
/// own, sets the inside margin the preset asks for the page count, and typesets again while
/// that margin changes the count's band (at most twice more; the last pass takes the wider
/// of the two margins, which can only add pages). With `margin-inside` set and below the
/// preset's minimum, warns. Returns the pages and the setup they were typeset with.
fn typeset_for_preset(
    project: &Project,
    book: &mut doc::Book,
    fonts: &typeset::font::FontSet,
    jobs: usize,
) -> Result<(typeset::page::Pages, doc::PageSetup), Error> {
    let config = &project.config.pdf;
    let mut setup = config.setup.clone();
    let (mut pages, mut warnings) = typeset::typeset(book, fonts, &setup, jobs)?;
    if let Some((preset, span)) = &config.preset {
        match &config.margin_inside_set {
            None => {
                let mut tried: Vec<Pt> = Vec::new();
                for pass in 0..2 {
                    let mut want = preset.inside_margin(pages.pages.len());
                    if want == setup.margin_inside {
                        break;
                    }
                    if pass == 1 {
                        want = tried.iter().copied().fold(want, Pt::max);
                    }
                    setup.margin_inside = want;
                    tried.push(want);
                    (pages, warnings) = typeset::typeset(book, fonts, &setup, jobs)?;
                }
                let least = preset.inside_margin(pages.pages.len());
                if setup.margin_inside.get() + 1e-6 < least.get() {
                    warnings.push(diag::Diagnostic::warning(
                        *span,
                        format!(
                            "the inside margin settled at {:.3} in, below the {:.3} in {} asks for {} pages",
                            setup.margin_inside.get() / 72.0,
                            least.get() / 72.0,
                            preset.name(),
                            pages.pages.len()
                        ),
                    ).with_hint(format!("set `margin-inside = \"{}in\"` in [output.pdf]", least.get() / 72.0)));
                }
            }
            Some(set) => {
                let least = preset.inside_margin(pages.pages.len());
                if setup.margin_inside.get() + 1e-6 < least.get() {
                    warnings.push(
                        diag::Diagnostic::warning(
                            *set,
                            format!(
                                "the inside margin is {:.3} in, below the {:.3} in `preset = \"{}\"` asks for a book of {} pages",
                                setup.margin_inside.get() / 72.0,
                                least.get() / 72.0,
                                preset.name(),
                                pages.pages.len()
                            ),
                        )
                        .with_hint(format!(
                            "remove `margin-inside` to let the preset choose, or set it to at least \"{}in\"",
                            least.get() / 72.0
                        )),
                    );
                }
            }
        }
    }
    book.warnings.extend(warnings);
    Ok((pages, setup))
}

/// The PDF's document information, from the book's metadata.
fn pdf_options(meta: &doc::Metadata, modified: Timestamp) -> pdf::Options {
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
        standard: pdf::PdfStandard::None,
        crop_marks: false,
    }
}

/// Parses the book and returns every diagnostic, writing nothing (`folio check`).
pub fn check(project: &Project) -> Vec<diag::Diagnostic> {
    match markdown::parse_book(project) {
        Ok(book) => book.warnings,
        Err(Error::Book(diagnostics)) => diagnostics,
        Err(other) => vec![diag::Diagnostic::error_nowhere(other.to_string())],
    }
}
