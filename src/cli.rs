//! Command-line arguments (clap derive) → what `main` should do. Clap types stop here.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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
    },
    /// Reports every problem in the book without writing anything.
    ///
    /// Exits with 1 when the book has errors. Example: `folio check book --diagnostics short`.
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
    },
    /// Creates a new book that builds.
    ///
    /// Writes `book.toml`, `src/SUMMARY.md` and a first chapter into DIR (which must not
    /// hold a book yet). Example: `folio init my-novel`.
    Init {
        /// The folder for the new book (created if missing).
        dir: PathBuf,
    },
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
