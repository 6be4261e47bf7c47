//! Source files and diagnostics: `Span`, `Diagnostic`, `Severity`, `SourceMap`, and their rendering.

use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config, DisplayStyle};

mod report;
mod span_map;

pub use report::{also_note, arrange, json, place, summary};
pub use span_map::SpanMap;

/// Index of a loaded source file in the [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range in one loaded source file (a chapter, `SUMMARY.md` or `book.toml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// The file the range lies in.
    pub file: FileId,
    /// First byte of the range.
    pub start: u32,
    /// One past the last byte of the range.
    pub end: u32,
}

impl Span {
    /// A span over `range` of `file`, saturating offsets that do not fit in 32 bits.
    pub fn new(file: FileId, range: std::ops::Range<usize>) -> Span {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span {
            file,
            start: clamp(range.start),
            end: clamp(range.end.max(range.start)),
        }
    }
}

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The output is made, but something deserves attention.
    Warning,
    /// The book cannot be built as written.
    Error,
}

/// What a diagnostic is about, for the closing summary (`12 links, 3 typesetting`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Anything else.
    #[default]
    Other,
    /// `book.toml`.
    Config,
    /// The chapter files, `SUMMARY.md` and the Markdown in them.
    Markdown,
    /// mdBook's directives: `{{#include}}` and the like.
    Include,
    /// External mdBook preprocessors.
    Preprocessor,
    /// Links between chapters and out of the book.
    Link,
    /// Setting the PDF's lines and pages.
    Typesetting,
}

impl Kind {
    /// The plural noun the summary counts this kind with.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Other => "other",
            Kind::Config => "book.toml",
            Kind::Markdown => "markdown",
            Kind::Include => "include",
            Kind::Preprocessor => "preprocessor",
            Kind::Link => "link",
            Kind::Typesetting => "typesetting",
        }
    }
}

/// One problem found in the book, with where it is and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where in the sources, when known.
    pub span: Option<Span>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub hints: Vec<String>,
    /// What it is about.
    pub kind: Kind,
    /// A phrase naming a family of such problems (`links to \`../std/…\` outside the book`):
    /// many of one family are reported once, with their count.
    pub group: Option<String>,
    /// Other places with the same problem, when identical ones were collapsed into this one.
    pub also: Vec<Span>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            span: Some(span),
            message: message.into(),
            hints: vec![],
            kind: Kind::Other,
            group: None,
            also: Vec::new(),
        }
    }
    /// A warning at `span`.
    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            span: Some(span),
            message: message.into(),
            hints: vec![],
            kind: Kind::Other,
            group: None,
            also: Vec::new(),
        }
    }
    /// An error that belongs to no particular place in the sources.
    pub fn error_nowhere(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            span: None,
            message: message.into(),
            hints: vec![],
            kind: Kind::Other,
            group: None,
            also: Vec::new(),
        }
    }
    /// A warning that belongs to no particular place in the sources.
    pub fn warning_nowhere(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            span: None,
            message: message.into(),
            hints: vec![],
            kind: Kind::Other,
            group: None,
            also: Vec::new(),
        }
    }
    /// Adds a hint line.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
    /// Whether this is an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
    /// Sets what the diagnostic is about.
    pub fn with_kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }
    /// Names the family of problems it belongs to (see [`Diagnostic::group`]).
    pub fn with_group(mut self, group: impl Into<String>) -> Self {
        self.group = Some(group.into());
        self
    }
    /// How many places this diagnostic stands for.
    pub fn count(&self) -> usize {
        1 + self.also.len()
    }
}

/// Sets the kind of every diagnostic that has none yet (the stage that found it).
pub fn default_kind(diagnostics: &mut [Diagnostic], kind: Kind) {
    for d in diagnostics.iter_mut().filter(|d| d.kind == Kind::Other) {
        d.kind = kind;
    }
}

/// The loaded text sources, so that spans can be shown as `file:line:col`.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

/// One loaded text file.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path shown to the user (relative to the working folder when possible).
    pub path: PathBuf,
    /// The text, valid UTF-8.
    pub text: String,
}

impl SourceMap {
    /// Adds a file and returns its id.
    pub fn add(&mut self, path: impl Into<PathBuf>, text: String) -> FileId {
        self.files.push(SourceFile {
            path: path.into(),
            text,
        });
        FileId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX))
    }
    /// The file behind `id`.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }
    /// The path of `id`.
    pub fn path(&self, id: FileId) -> &Path {
        &self.get(id).path
    }
    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, id: FileId, offset: u32) -> (usize, usize) {
        let text = &self.get(id).text;
        let offset = (offset as usize).min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let col = before.rfind('\n').map_or(before.chars().count(), |nl| {
            before[nl + 1..].chars().count()
        }) + 1;
        (line, col)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    /// The source line with the span underlined, like rustc.
    #[default]
    Rich,
    /// One line each: `file:line:col: error: message`, for CI and editors.
    Short,
}

/// Renders diagnostics as text (no colour), in the given style.
pub fn render(sources: &SourceMap, diagnostics: &[Diagnostic], style: Style) -> String {
    let mut buffer = term::termcolor::NoColor::new(Vec::new());
    emit(sources, diagnostics, style, &mut buffer);
    String::from_utf8_lossy(&buffer.into_inner()).into_owned()
}

/// Writes diagnostics to a terminal stream (colour when it is one).
pub fn emit(
    sources: &SourceMap,
    diagnostics: &[Diagnostic],
    style: Style,
    out: &mut dyn term::WriteStyle,
) {
    let mut files = SimpleFiles::new();
    for file in &sources.files {
        files.add(file.path.display().to_string(), file.text.as_str());
    }
    let config = Config {
        display_style: match style {
            Style::Rich => DisplayStyle::Rich,
            Style::Short => DisplayStyle::Short,
        },
        ..Config::default()
    };
    for diagnostic in diagnostics {
        let cs = match diagnostic.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        };
        // The short style shows no notes: the count goes into the message.
        let message = match style {
            Style::Short
                if diagnostic.count() > 1
                    && !diagnostic
                        .message
                        .starts_with(&format!("{} ", diagnostic.count())) =>
            {
                format!("{} ({} times)", diagnostic.message, diagnostic.count())
            }
            _ => diagnostic.message.clone(),
        };
        let cs = cs
            .with_message(message)
            .with_labels(
                diagnostic
                    .span
                    .map(|s| Label::primary(s.file.0 as usize, s.start as usize..s.end as usize))
                    .into_iter()
                    .collect(),
            )
            .with_notes(
                diagnostic
                    .hints
                    .iter()
                    .map(|h| format!("hint: {h}"))
                    .chain(also_note(sources, diagnostic))
                    .collect(),
            );
        // Rendering into memory or a terminal only fails when the stream does.
        let _ = term::emit_to_write_style(out, &config, &files, &cs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_style_names_file_line_and_column() {
        let mut sources = SourceMap::default();
        let file = sources.add(
            "book/ch1.md",
            "# Title\n\nsome ![x](y.png) text\n".to_string(),
        );
        let d = Diagnostic::error(Span::new(file, 14..25), "image `y.png` not found")
            .with_hint("image paths are relative to the chapter file");
        let text = render(&sources, &[d], Style::Short);
        assert!(
            text.starts_with("book/ch1.md:3:6: error: image `y.png` not found"),
            "{text}"
        );
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let mut sources = SourceMap::default();
        let file = sources.add("a.md", "é\nàb".to_string());
        assert_eq!(sources.line_col(file, 5), (2, 2));
    }
}
