//! `Error`: the one error type the library returns.

use std::path::PathBuf;

use crate::diag::Diagnostic;

/// Why a build could not produce its outputs.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The book's sources are wrong; every problem found is listed.
    #[error("the book has {} error(s)", .0.iter().filter(|d| d.is_error()).count())]
    Book(Vec<Diagnostic>),
    /// A file or folder could not be read.
    #[error("cannot read `{}`", .path.display())]
    Read {
        /// What was being read.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// An output could not be written.
    #[error("cannot write `{}`", .path.display())]
    Write {
        /// What was being written.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// The EPUB container could not be assembled.
    #[error("cannot assemble the EPUB container")]
    Zip(#[from] zip::result::ZipError),
    /// The PDF could not be written (an unreadable font or image).
    #[error("cannot write the PDF: {0}")]
    Pdf(String),
    /// A requested feature is not available in this version.
    #[error("{0}")]
    Unsupported(String),
}
