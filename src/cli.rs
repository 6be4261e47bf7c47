//! Command-line arguments (clap derive) → what `main` should do. Clap types stop here.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};

use crate::Format;
use crate::diag::Style;

/// Turns a book written in Markdown into a typeset PDF and a valid EPUB 3.
///
/// A book is a folder with `book.toml` (title, authors, language…) and chapters in
/// Markdown, ordered by `SUMMARY.md` as mdBook writes it, or by file name.
///
/// Example: `folio build my-book -o dist` writes `dist/<title>.epub`.
#[derive(Debug, Parser)]
#[command(name = "folio", version, propagate_version = true)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// How to print problems: `rich` shows the source line, `short` one line each.
    #[arg(long, global = true, value_enum, default_value = "rich")]
    pub diagnostics: DiagnosticStyle,
    /// `json` prints each diagnostic as one JSON object per line on stdout, for CI.
    #[arg(long, global = true, value_enum, default_value = "human")]
    pub message_format: MessageFormat,
}

/// How diagnostics are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// For people, on stderr (in the `--diagnostics` style).
    Human,
    /// One JSON object per line on stdout: severity, kind, message, hints, span, count.
    Json,
}

/// Where the book's files may come from, and its mdBook preprocessors.
#[derive(Clone, Debug, Default, ClapArgs)]
pub struct SourceArgs {
    /// Allow `{{#include}}` to read files anywhere inside DIR (which must hold the book
    /// folder); by default nothing outside the book folder is read.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Skip the book's external mdBook preprocessors (`[preprocessor.NAME]`), with a
    /// warning; mdBook's own `links` still runs.
    #[arg(long)]
    pub no_preprocessors: bool,
    /// Use only the book's and folio's own fonts, never the machine's.
    ///
    /// By default, characters that neither the book's fonts nor folio's show (Chinese,
    /// Japanese, Thai…) are taken from fonts installed on the machine (fontconfig's
    /// folders), so the PDF then depends on them. Example: `folio build book
    /// --no-system-fonts`.
    #[arg(long)]
    pub no_system_fonts: bool,
    /// Typeset with the built-in design NAME (`classic`, `modern` or `literary`; see
    /// `folio designs`), over `[design] preset`; the book's other `[design]` keys still
    /// apply. Example: `folio build book --design literary`.
    #[arg(long, value_name = "NAME", value_parser = parse_design)]
    pub design: Option<crate::doc::DesignPreset>,
}

/// A design's name on the command line.
fn parse_design(name: &str) -> Result<crate::doc::DesignPreset, String> {
    crate::doc::DesignPreset::parse(name).ok_or_else(|| {
        let names: Vec<&str> = crate::doc::DesignPreset::ALL
            .iter()
            .map(|p| p.name())
            .collect();
        format!("no design `{name}`; the designs are {}", names.join(", "))
    })
}

impl SourceArgs {
    /// The loading options these arguments ask for.
    pub fn load_options(&self) -> crate::LoadOptions {
        crate::LoadOptions {
            read: crate::project::LoadOptions {
                root: self.root.clone(),
                system_fonts: !self.no_system_fonts,
                is_print: true,
                design: self.design,
            },
            preprocess: crate::mdbook::Options {
                skip_external: self.no_preprocessors,
            },
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Builds the book into EPUB (and PDF).
    ///
    /// Outputs are named after the book's title and written atomically: a failed build
    /// leaves the previous outputs as they were. Set `SOURCE_DATE_EPOCH` for
    /// byte-identical rebuilds. Example: `folio build book --format epub -o out`.
    Build {
        /// The book folder (the one with `book.toml`).
        #[arg(default_value = ".")]
        book: PathBuf,
        /// Where to write the outputs [default: BOOK/out].
        #[arg(short, long, value_name = "OUT_DIR")]
        out: Option<PathBuf>,
        /// Formats to build, comma-separated [default: epub,pdf; with `[output.pdf] cover =
        /// true`, the cover too].
        #[arg(short, long, value_enum, value_delimiter = ',')]
        format: Vec<FormatArg>,
        /// Threads to typeset with [default: the number of cores]; outputs do not depend on it.
        #[arg(short, long, value_name = "N")]
        jobs: Option<usize>,
        /// Where to keep processed images between builds [default: `.folio-cache` beside
        /// OUT_DIR], so that a rebuild after a text change does no image work.
        #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
        cache: Option<PathBuf>,
        /// Process every image again and keep nothing.
        #[arg(long)]
        no_cache: bool,
        /// Files and preprocessors.
        #[command(flatten)]
        source: SourceArgs,
    },
    /// Reports every problem in the book without writing anything.
    ///
    /// Typesets the PDF in memory, so that typesetting warnings are reported too. Exits
    /// with 1 when the book has errors. Example: `folio check book --diagnostics short`.
    ///
    /// With `--print`, also typesets the print PDF (writing nothing; images already in the
    /// build's cache are read from it) and reports what a printer's preflight checks: the
    /// standard, page count and spine width, boxes, fonts, colour spaces, every image below
    /// 300 dpi at its printed size, with its page, and the images resampled for print.
    Check {
        /// The book folder (the one with `book.toml`).
        #[arg(default_value = ".")]
        book: PathBuf,
        /// Report the print PDF's readiness for a printer.
        #[arg(long)]
        print: bool,
        /// Files and preprocessors.
        #[command(flatten)]
        source: SourceArgs,
    },
    /// Creates a new book that builds.
    ///
    /// Writes `book.toml`, `src/SUMMARY.md` and a first chapter into DIR (which must not
    /// hold a book yet). Example: `folio init my-novel`.
    Init {
        /// The folder for the new book (created if missing).
        dir: PathBuf,
        /// The design the book uses (`[design] preset`); see `folio designs`.
        #[arg(long, value_name = "NAME", value_parser = parse_design)]
        design: Option<crate::doc::DesignPreset>,
    },
    /// Lists the built-in designs, one per line: the name, then what it looks like.
    ///
    /// Choose one with `[design] preset = "NAME"` in `book.toml` or `--design NAME`.
    Designs,
}

/// An output format on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A reflowable EPUB 3.
    Epub,
    /// A typeset PDF for print.
    Pdf,
    /// The wraparound print cover as a PDF (`<name>-cover.pdf`), its spine sized for the
    /// interior's page count and `[output.pdf] paper`.
    Cover,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Epub => Format::Epub,
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Cover => Format::Cover,
        }
    }
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticStyle {
    /// With the source line and a marker under the problem.
    Rich,
    /// `file:line:col: error: message`, one line each.
    Short,
}

impl From<DiagnosticStyle> for Style {
    fn from(s: DiagnosticStyle) -> Style {
        match s {
            DiagnosticStyle::Rich => Style::Rich,
            DiagnosticStyle::Short => Style::Short,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Args::command().debug_assert();
    }
}
