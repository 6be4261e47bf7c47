//! The edge where results leave folio: output file names, atomic writes, the build date, and
//! diagnostics printed for people (sorted, collapsed, with a closing summary) or for CI (one
//! JSON object per line). Shared by `folio` and `mdbook-folio`.

use std::io::{IsTerminal, Write};
use std::path::Path;

use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use crate::diag::{self, Diagnostic, SourceMap, Style};
use crate::doc::Timestamp;
use crate::error::Error;
use crate::project::Project;

/// `SOURCE_DATE_EPOCH` when set (reproducible builds), otherwise the current time.
pub fn modified() -> Result<Timestamp, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => {
            value.trim().parse::<i64>().map(Timestamp).map_err(|_| {
                format!("SOURCE_DATE_EPOCH is `{value}`, not a whole number of seconds")
            })
        }
        Err(_) => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            Ok(Timestamp(i64::try_from(now).unwrap_or(i64::MAX)))
        }
    }
}

/// The output file name: the title transliterated to ASCII, lower case, words joined by
/// `-` (`folio::file_stem`); the folder's name when the title gives none.
pub fn file_stem(project: &Project) -> String {
    crate::file_stem(&project.config.metadata.title)
        .or_else(|| crate::file_stem(&project.name))
        .unwrap_or_else(|| "book".into())
}

/// Writes to a temporary file beside `path`, then renames it over `path`: readers see the old
/// file or the new one, never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.partial", std::process::id()));
    let result = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
    result.map_err(|source| {
        let _ = std::fs::remove_file(&temp);
        Error::Write {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// Writes the built files into `out_dir`, named after the book; returns a line for each
/// (`path (N KiB)`).
pub fn write_all(
    project: &Project,
    outputs: &crate::Outputs,
    out_dir: &Path,
) -> Result<Vec<String>, Error> {
    let name = file_stem(project);
    let mut written = Vec::new();
    let files = [
        (&outputs.epub, ".epub"),
        (&outputs.pdf, ".pdf"),
        (&outputs.cover, "-cover.pdf"),
    ];
    for (bytes, suffix) in files {
        let Some(bytes) = bytes else { continue };
        let path = out_dir.join(format!("{name}{suffix}"));
        write_atomically(&path, bytes)?;
        written.push(format!(
            "{} ({} KiB)",
            path.display(),
            bytes.len().div_ceil(1024)
        ));
    }
    Ok(written)
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug)]
pub struct Reporter {
    /// Rich or short, for people.
    pub style: Style,
    /// One JSON object per line on stdout instead.
    pub json: bool,
}

impl Reporter {
    /// Prints diagnostics sorted by file and line, identical ones and families collapsed
    /// (see [`diag::arrange`]); returns them as printed.
    pub fn print(&self, sources: &SourceMap, diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
        let arranged = diag::arrange(sources, diagnostics.to_vec());
        if self.json {
            let mut stdout = std::io::stdout().lock();
            for d in &arranged {
                let _ = writeln!(stdout, "{}", diag::json(sources, d));
            }
        } else {
            let choice =
                if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
                    ColorChoice::Auto
                } else {
                    ColorChoice::Never
                };
            let mut stderr = StandardStream::stderr(choice);
            diag::emit(sources, &arranged, self.style, &mut stderr);
        }
        arranged
    }

    /// Prints a book's failure: its diagnostics, or the environment's error and its causes.
    pub fn error(&self, sources: &SourceMap, error: Error) {
        match error {
            Error::Book(diagnostics) => {
                let arranged = self.print(sources, &diagnostics);
                let errors: usize = arranged
                    .iter()
                    .filter(|d| d.is_error())
                    .map(Diagnostic::count)
                    .sum();
                eprintln!("{}", diag::summary(&arranged));
                eprintln!("error: the book has {errors} error(s); nothing was written");
            }
            other => {
                eprintln!("error: {other}");
                let mut source = std::error::Error::source(&other);
                while let Some(cause) = source {
                    eprintln!("  caused by: {cause}");
                    source = cause.source();
                }
            }
        }
    }
}
