//! `mdbook-folio`: folio as an mdBook backend. With `[output.folio]` in `book.toml`,
//! `mdbook build` runs it with the render context on stdin (the book after mdBook's own
//! preprocessors); it loads the book folder as `folio build` does, takes the chapters' texts
//! and reading order from that context, and writes the EPUB and the PDF into mdBook's
//! destination folder. Every step after reading the context is `folio build`'s.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use folio::diag::{self, SourceMap, Style};
use folio::mdbook::{book, protocol};
use folio::output::{self, Reporter};
use folio::project::cache::Folder;
use folio::{BuildOptions, Format, project};

fn main() -> ExitCode {
    if std::env::args()
        .nth(1)
        .is_some_and(|a| a == "--version" || a == "-V")
    {
        println!("mdbook-folio {}", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    let reporter = Reporter {
        style: Style::Rich,
        json: false,
    };
    let mut input = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut input) {
        return fail(&format!(
            "cannot read mdBook's render context from stdin: {e}"
        ));
    }
    let context: protocol::RenderContext = match serde_json::from_slice(&input) {
        Ok(context) => context,
        Err(e) => {
            return fail(&format!(
                "stdin holds no mdBook render context ({e}); `mdbook-folio` is run by `mdbook build` for `[output.folio]`"
            ));
        }
    };
    let root = PathBuf::from(&context.root);
    let mut project = match project::load(&root) {
        Ok(project) => project,
        Err(e) => {
            reporter.error(&SourceMap::default(), e);
            return ExitCode::from(1);
        }
    };
    // The chapters as mdBook's preprocessors left them (its own `links` included).
    let entries = book::entries(&project);
    let as_loaded = book::to_json(&project, &entries, false);
    book::apply(
        &mut project,
        &as_loaded,
        &context.book,
        "mdBook's preprocessors",
        None,
    );
    let formats = match formats(&project) {
        Ok(formats) => formats,
        Err(message) => return fail(&message),
    };
    let modified = match output::modified() {
        Ok(m) => m,
        Err(message) => return fail(&message),
    };
    let destination = PathBuf::from(&context.destination);
    let options = BuildOptions {
        formats,
        modified,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        // Processed images are kept beside mdBook's output folder, as `folio build` does.
        cache: Arc::new(Folder::new(Folder::beside(&destination))),
    };
    let outputs = match folio::build(&project, &options) {
        Ok(outputs) => outputs,
        Err(e) => {
            reporter.error(&project.sources, e);
            return ExitCode::from(1);
        }
    };
    let printed = reporter.print(&project.sources, &outputs.warnings);
    match output::write_all(&project, &outputs, &destination) {
        Ok(written) => {
            for line in written {
                eprintln!("mdbook-folio: wrote {line}");
            }
        }
        Err(e) => {
            reporter.error(&project.sources, e);
            return ExitCode::from(1);
        }
    }
    if !printed.is_empty() {
        eprintln!("mdbook-folio: {}", diag::summary(&printed));
    }
    ExitCode::SUCCESS
}

/// `[output.folio] formats` (default EPUB and PDF).
fn formats(project: &project::Project) -> Result<Vec<Format>, String> {
    let Some(names) = &project.config.mdbook.folio.formats else {
        return Ok(vec![Format::Epub, Format::Pdf]);
    };
    let mut formats = Vec::new();
    for name in names {
        formats.push(match name.as_str() {
            "epub" => Format::Epub,
            "pdf" => Format::Pdf,
            "cover" => Format::Cover,
            other => {
                return Err(format!(
                    "`[output.folio] formats` names `{other}`; folio writes \"epub\", \"pdf\" and \"cover\""
                ));
            }
        });
    }
    formats.sort();
    formats.dedup();
    Ok(formats)
}

fn fail(message: &str) -> ExitCode {
    eprintln!("mdbook-folio: error: {message}");
    ExitCode::from(1)
}
