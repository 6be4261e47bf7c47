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
pub mod markdown;
pub mod pdf;
pub mod project;
pub mod svg;
pub mod typeset;
pub mod units;

pub use error::Error;

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
    /// Threads to typeset with (the outputs are the same for any number).
    pub jobs: usize,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            formats: vec![Format::Epub],
            modified: Timestamp(0),
            jobs: 1,
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

/// Builds every requested output. Takes loaded bytes and returns bytes; writes nothing.
pub fn build(project: &Project, options: &BuildOptions) -> Result<Outputs, Error> {
    let mut book = markdown::parse_book(project)?; // Error::Book(diagnostics) if the sources are wrong
    book.metadata.modified = options.modified;
    let wants = |format| options.formats.contains(&format);
    let wants_cover = wants(Format::Cover) || (wants(Format::Pdf) && project.config.pdf.cover);
    // The EPUB's page-list follows the print pages: the book is typeset for it too.
    let wants_pages = wants(Format::Epub) && project.config.epub.page_list;
    let mut outputs = Outputs::default();
    let mut page_starts = Vec::new();
    if wants(Format::Pdf) || wants_cover || wants_pages {
        let fonts = typeset::text::FontSet::new(project::fonts::faces(&project.fonts))?;
        let info = pdf_options(project, &book.metadata, options.modified);
        let printed = print(
            project,
            &mut book,
            &fonts,
            &info,
            options,
            wants(Format::Pdf),
        )?;
        page_starts = printed.page_starts;
        if let Some((pdf, mut report)) = printed.pdf {
            let paper = project.config.pdf.paper;
            report.spine = Some((cover::spine::width(printed.pages, paper), paper.name()));
            report.margin_inside = Some(printed.setup.margin_inside);
            if let Some((preset, _)) = &project.config.pdf.preset {
                if let Some(least) = short_inside_margin(*preset, &printed.setup, printed.pages) {
                    report.problems.push(format!(
                        "the inside margin is {:.3} in, below the {:.3} in {} asks for {} pages",
                        printed.setup.margin_inside.get() / 72.0,
                        least.get() / 72.0,
                        preset.name(),
                        printed.pages
                    ));
                }
                if printed.pages < MIN_PRINT_PAGES {
                    report.problems.push(format!(
                        "{} prints paperbacks of at least {MIN_PRINT_PAGES} pages; the book has {}",
                        preset.name(),
                        printed.pages
                    ));
                }
            }
            outputs.pdf = Some(pdf);
            outputs.print = Some(report);
        }
        if wants_cover {
            // The spine is as thick as the interior just typeset.
            let cover_options = cover::Options {
                interior_pages: printed.pages,
                paper: project.config.pdf.paper,
                cover_span: project
                    .config
                    .cover
                    .as_ref()
                    .map(|c| diag::Span::new(project.config_file, c.span())),
            };
            let (sheet, warnings) = cover::typeset(&book, &fonts, &printed.setup, &cover_options);
            book.warnings.extend(warnings);
            let info = pdf::Options {
                title: format!("{} (cover)", info.title),
                ..info
            };
            outputs.cover = Some(pdf::write(&sheet, &info).map_err(|e| Error::Pdf(e.to_string()))?);
        }
    }
    if wants(Format::Epub) {
        outputs.epub = Some(epub::write(
            &book,
            &epub::Options {
                stylesheet: project.stylesheet.clone(),
                cover_font: project::fonts::SERIF_REGULAR,
                has_endnotes: project.config.epub.notes == project::metadata::NotePlacement::Book,
                max_image_width: project.config.epub.max_image_width,
                page_starts: &page_starts,
            },
        )?);
    }
    outputs.warnings = book.warnings;
    Ok(outputs)
}

/// The fewest pages KDP prints as a paperback (IngramSpark's floor is lower).
const MIN_PRINT_PAGES: usize = 24;

/// The print edition as typeset: the PDF and its readiness (when asked for), its page
/// count, the setup it was typeset with and where its pages begin in the text.
struct Printed {
    pdf: Option<(Vec<u8>, pdf::Readiness)>,
    pages: usize,
    setup: doc::PageSetup,
    page_starts: Vec<doc::PageStart>,
}

/// Typesets the book, streaming its pages into the PDF writer (or counting them, when only
/// the cover or the EPUB's page-list needs them). With a print-on-demand preset and no
/// `margin-inside` of the book's own, sets the inside margin the preset asks for the page
/// count, and typesets again while that margin changes the count's band (at most twice
/// more; the last pass takes the wider of the two margins, which can only add pages). With
/// `margin-inside` set and below the preset's minimum, warns.
fn print(
    project: &Project,
    book: &mut doc::Book,
    fonts: &typeset::text::FontSet,
    info: &pdf::Options,
    options: &BuildOptions,
    write_pdf: bool,
) -> Result<Printed, Error> {
    let config = &project.config.pdf;
    let mut setup = config.setup.clone();
    let mut tried: Vec<Pt> = Vec::new();
    loop {
        let head = typeset::head(book, fonts, &setup);
        let (typeset, pdf) = if write_pdf {
            let mut writer = pdf::Writer::new(&head, info);
            let typeset = typeset::typeset(book, fonts, &setup, options.jobs, &mut writer)?;
            let pdf = writer
                .finish(&typeset.finish)
                .map_err(|e| Error::Pdf(e.to_string()))?;
            (typeset, Some(pdf))
        } else {
            let typeset = typeset::typeset(book, fonts, &setup, options.jobs, &mut Discard)?;
            (typeset, None)
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
        book.warnings.extend(typeset.warnings);
        if let Some((preset, span)) = &config.preset
            && let Some(least) = short_inside_margin(*preset, &setup, pages)
        {
            let warning = match &config.margin_inside_set {
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
            };
            book.warnings.push(warning);
        }
        return Ok(Printed {
            pdf,
            pages,
            setup,
            page_starts: typeset.page_starts,
        });
    }
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
