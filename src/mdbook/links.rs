//! mdBook's `links` preprocessor, natively: chapter text with `{{#include}}`,
//! `{{#rustdoc_include}}`, `{{#playground}}`, `{{#title}}` and `\{{#…}}` → the text mdBook
//! renders, with a [`SpanMap`] so that every diagnostic names the file and line it concerns.
//!
//! Directives are found as mdBook 0.5 finds them (before Markdown parsing, so inside code
//! too): `{{`, optional white space, `#`, a name of letters, digits and `_`, white space, then
//! anything but `}` up to `}}`. An escaped one, `\{{#`, runs to the last `}}` of its line and
//! is printed without the backslash.

use std::path::{Path, PathBuf};

use super::lines::{self, Selection, Taken};
use crate::diag::{Diagnostic, FileId, Kind, Span, SpanMap};

/// Includes nest at most this deep (mdBook's limit).
pub const MAX_DEPTH: usize = 10;
/// A chapter with its includes may grow to this many bytes; beyond, expansion stops with an
/// error (a file included many times over, nested, would otherwise fill the memory).
const MAX_EXPANDED_BYTES: usize = 64 << 20;

/// A file read for a directive.
#[derive(Clone, Debug)]
pub struct Source {
    /// The file in the source map, for diagnostics.
    pub file: FileId,
    /// Its text (UTF-8, `\n` line ends).
    pub text: std::sync::Arc<str>,
    /// Its folder: nested directives are relative to it.
    pub dir: PathBuf,
    /// The file's canonical path, to recognise a cycle.
    pub key: PathBuf,
    /// The path as the user knows it (`../examples/x.rs`), for messages.
    pub shown: String,
}

/// Why a file could not be read for a directive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// What went wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// An error, or a warning (the directive is then printed as written).
    pub is_error: bool,
}

/// Reads the files directives name (the disk edge, in `project`).
pub trait Reader {
    /// Reads `path`, as written in a directive, relative to the folder `dir`.
    fn read(&mut self, dir: &Path, path: &str) -> Result<Source, ReadError>;
}

/// A chapter's text after the directives.
#[derive(Debug, Default)]
pub struct Expanded {
    /// The text to parse as Markdown.
    pub text: String,
    /// Where each part of it comes from.
    pub map: SpanMap,
    /// The title set with `{{#title …}}`, when one is.
    pub title: Option<String>,
    /// Problems found.
    pub diagnostics: Vec<Diagnostic>,
}

/// Expands the directives of `text` (whose origins `map` gives), a chapter in folder `dir`
/// whose canonical path is `key`.
pub fn expand(
    text: &str,
    map: &SpanMap,
    dir: &Path,
    key: &Path,
    reader: &mut dyn Reader,
) -> Expanded {
    let mut expander = Expander {
        reader,
        out: Expanded::default(),
        stack: vec![(key.to_path_buf(), String::new())],
        over_budget: false,
    };
    let mut text_out = String::with_capacity(text.len());
    let mut map_out = SpanMap::default();
    expander.run(text, map, dir, &mut text_out, &mut map_out);
    expander.out.text = text_out;
    expander.out.map = map_out;
    expander.out
}

/// A directive found in the text.
#[derive(Debug, PartialEq, Eq)]
enum Found<'t> {
    /// `\{{#…}}`: printed without the backslash.
    Escaped(std::ops::Range<usize>),
    /// `{{#name args}}`.
    Directive {
        range: std::ops::Range<usize>,
        name: &'t str,
        args: &'t str,
    },
}

/// The next directive at or after byte `from`.
fn next_directive(text: &str, from: usize) -> Option<Found<'_>> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if text[i..].starts_with("\\{{#") => {
                let line_end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                if let Some(close) = text[i + 4..line_end].rfind("}}") {
                    return Some(Found::Escaped(i..i + 4 + close + 2));
                }
            }
            b'{' if text[i..].starts_with("{{") => {
                if let Some(found) = directive_at(text, i) {
                    return Some(found);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A directive starting at `start` (where `{{` is), matched as mdBook's pattern does.
fn directive_at(text: &str, start: usize) -> Option<Found<'_>> {
    let rest = &text[start + 2..];
    let after_space = rest.trim_start();
    let body = after_space.strip_prefix('#')?;
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(body.len());
    if name_len == 0 {
        return None;
    }
    let name = &body[..name_len];
    let after_name = &body[name_len..];
    let args_start = after_name.len() - after_name.trim_start().len();
    let space = &after_name[..args_start];
    if space.is_empty() {
        return None;
    }
    let close = after_name.find('}')?;
    if !after_name[close..].starts_with("}}") {
        return None;
    }
    // `[^}]+` needs one character: with none after the white space, the last white space
    // character is the argument.
    let args_from = if close > args_start {
        args_start
    } else if space.chars().count() >= 2 {
        args_start - space.chars().last().map_or(1, char::len_utf8)
    } else {
        return None;
    };
    let base = text.len() - after_name.len();
    Some(Found::Directive {
        range: start..base + close + 2,
        name,
        args: &after_name[args_from..close],
    })
}

/// The text a directive brings in, before its own directives are expanded.
struct Included {
    /// The lines taken.
    body: String,
    /// Where they come from.
    map: SpanMap,
    /// The included file's folder.
    dir: PathBuf,
    /// The file and selection, to recognise a cycle.
    key: (PathBuf, String),
}

struct Expander<'r> {
    reader: &'r mut dyn Reader,
    out: Expanded,
    /// The files being expanded, with the selection taken of each: a repeat is a cycle.
    stack: Vec<(PathBuf, String)>,
    over_budget: bool,
}

impl Expander<'_> {
    fn run(
        &mut self,
        text: &str,
        map: &SpanMap,
        dir: &Path,
        out: &mut String,
        out_map: &mut SpanMap,
    ) {
        let mut copied = 0;
        let mut at = 0;
        while let Some(found) = next_directive(text, at) {
            let range = match &found {
                Found::Escaped(r) | Found::Directive { range: r, .. } => r.clone(),
            };
            at = range.end;
            let span = map.span(range.clone());
            if out.len() > MAX_EXPANDED_BYTES {
                if !self.over_budget {
                    self.over_budget = true;
                    self.out.diagnostics.push(
                        Diagnostic::error(span, "with its includes, this chapter grows beyond 64 MiB here; the rest is not expanded")
                            .with_hint("a file is included too many times over; include smaller parts")
                            .with_kind(Kind::Include),
                    );
                }
                break;
            }
            match found {
                Found::Escaped(r) => {
                    copy(text, map, copied..r.start, out, out_map);
                    copy(text, map, r.start + 1..r.end, out, out_map);
                    copied = r.end;
                }
                Found::Directive { range, name, args } => {
                    let Some(replacement) = self.directive(name, args, dir, span) else {
                        continue;
                    };
                    copy(text, map, copied..range.start, out, out_map);
                    copied = range.end;
                    if let Some(included) = replacement {
                        self.nested(&included, span, out, out_map);
                    }
                }
            }
        }
        copy(text, map, copied..text.len(), out, out_map);
    }

    /// Expands the text of an include (its own directives, relative to its folder).
    fn nested(&mut self, included: &Included, span: Span, out: &mut String, out_map: &mut SpanMap) {
        let key = &included.key;
        if self.over_budget {
            return;
        }
        if self.stack.contains(key) {
            let chain: Vec<String> = self
                .stack
                .iter()
                .chain(std::iter::once(key))
                .map(|(path, _)| {
                    path.file_name()
                        .map_or(String::new(), |n| n.to_string_lossy().into_owned())
                })
                .collect();
            self.out.diagnostics.push(
                Diagnostic::error(
                    span,
                    format!("this include makes a cycle: {}", chain.join(" → ")),
                )
                .with_hint("a file cannot include itself, directly or through others")
                .with_kind(Kind::Include),
            );
            return;
        }
        if self.stack.len() > MAX_DEPTH {
            self.out.diagnostics.push(
                Diagnostic::error(
                    span,
                    format!("includes nest more than {MAX_DEPTH} deep here"),
                )
                .with_hint("mdBook stops at this depth too; include the innermost file directly")
                .with_kind(Kind::Include),
            );
            return;
        }
        self.stack.push(key.clone());
        self.run(&included.body, &included.map, &included.dir, out, out_map);
        self.stack.pop();
    }

    /// The text a directive stands for: `None` when it is no directive (printed as written),
    /// `Some(None)` when it leaves nothing (a title, or an error), or the text to expand
    /// further with its origins, folder and cycle key.
    fn directive(
        &mut self,
        name: &str,
        args: &str,
        dir: &Path,
        span: Span,
    ) -> Option<Option<Included>> {
        let mut words = args.split_whitespace();
        let first = words.next();
        match (name, first) {
            ("title", _) => {
                let title = args.trim();
                if title.is_empty() {
                    self.warn(
                        span,
                        "`{{#title}}` gives no title; it is left out",
                        "write `{{#title The Title}}`",
                    );
                } else {
                    self.out.title = Some(title.to_string());
                }
                Some(None)
            }
            ("include" | "rustdoc_include" | "playground" | "playpen", None) => {
                self.warn(
                    span,
                    &format!("`{{{{#{name}}}}}` names no file; it is printed as written"),
                    "write the path after the directive's name",
                );
                None
            }
            ("include" | "rustdoc_include", Some(target)) => {
                let (path, spec) = match target.split_once(':') {
                    Some((path, spec)) => (path, Some(spec)),
                    None => (target, None),
                };
                let selection = Selection::parse(spec);
                let source = self.read(dir, path, span)?;
                let taken = if name == "include" {
                    lines::include(&source.text, &selection)
                } else {
                    lines::rustdoc_include(&source.text, &selection)
                };
                if !self.check(&taken, &selection, &source.shown, spec, span) {
                    return Some(None);
                }
                let (body, map) = assemble(&source, &taken);
                Some(Some(Included {
                    body,
                    map,
                    dir: source.dir.clone(),
                    key: (source.key.clone(), format!("{name}:{}", spec.unwrap_or(""))),
                }))
            }
            ("playground" | "playpen", Some(path)) => {
                if name == "playpen" {
                    self.warn(
                        span,
                        "`{{#playpen}}` is now called `{{#playground}}`",
                        "rename the directive",
                    );
                }
                let attrs: Vec<&str> = words.collect();
                let source = self.read(dir, path, span)?;
                let mut body = String::from("```rust");
                for attr in &attrs {
                    body.push(',');
                    body.push_str(attr);
                }
                body.push('\n');
                let mut map = SpanMap::default();
                if let Some((file, at)) = span_origin(span) {
                    map.push(0, file, at);
                }
                map.push(body.len(), source.file, 0);
                body.push_str(&source.text);
                if !body.ends_with('\n') {
                    body.push('\n');
                }
                if let Some((file, at)) = span_origin(span) {
                    map.push(body.len(), file, at);
                }
                body.push_str("```\n");
                Some(Some(Included {
                    body,
                    map,
                    dir: source.dir.clone(),
                    key: (source.key.clone(), "playground".into()),
                }))
            }
            _ => {
                self.warn(
                    span,
                    &format!("`{{{{#{name} …}}}}` is no directive mdBook knows; it is printed as written"),
                    "mdBook knows include, rustdoc_include, playground and title; write `\\{{#…}}` to print the text without this warning",
                );
                None
            }
        }
    }

    /// Reads a file for a directive; on failure reports it and keeps the directive's text.
    fn read(&mut self, dir: &Path, path: &str, span: Span) -> Option<Source> {
        match self.reader.read(dir, path) {
            Ok(source) => Some(source),
            Err(e) => {
                let d = if e.is_error {
                    Diagnostic::error(span, e.message)
                } else {
                    Diagnostic::warning(span, e.message)
                };
                self.out
                    .diagnostics
                    .push(d.with_hint(e.hint).with_kind(Kind::Include));
                None
            }
        }
    }

    /// Reports what is odd about the lines taken; returns whether there is text to include.
    fn check(
        &mut self,
        taken: &Taken,
        selection: &Selection,
        shown: &str,
        spec: Option<&str>,
        span: Span,
    ) -> bool {
        let spec = spec.unwrap_or("");
        match selection {
            Selection::Anchor(anchor) => {
                if !taken.found {
                    self.out.diagnostics.push(
                        Diagnostic::error(span, format!("anchor `{anchor}` not found in `{shown}`"))
                            .with_hint(format!("mark the lines with `ANCHOR: {anchor}` and `ANCHOR_END: {anchor}` (in comments), or fix the name"))
                            .with_kind(Kind::Include),
                    );
                    return false;
                }
                if taken.unclosed {
                    self.warn(span, &format!("`ANCHOR: {anchor}` in `{shown}` has no `ANCHOR_END: {anchor}`; the rest of the file is included"), &format!("add a line `ANCHOR_END: {anchor}` where the part ends"));
                }
            }
            Selection::Lines {
                start,
                end,
                has_zero,
            } => {
                let count = taken.line_count;
                if *has_zero {
                    self.warn(
                        span,
                        &format!("`{spec}`: lines are counted from 1"),
                        "the first line of a file is line 1",
                    );
                }
                match (start, end) {
                    (Some(s), Some(e)) if s >= e && !*has_zero => {
                        self.warn(
                            span,
                            &format!("the line range `{spec}` is inverted: nothing is included"),
                            "write the first line before the last, e.g. `2:5`",
                        );
                    }
                    (Some(s), _) if *s >= count => {
                        self.warn(span, &format!("`{shown}` has {count} line(s); line {} is past its end, so nothing is included", s + 1), "check the line numbers, or include by anchor so edits to the file do not break the book");
                    }
                    (_, Some(e)) if *e > count && spec.contains(':') => {
                        self.warn(span, &format!("`{shown}` has {count} line(s); the range `{spec}` runs past its end"), "check the line numbers, or include by anchor so edits to the file do not break the book");
                    }
                    _ => {}
                }
            }
        }
        true
    }

    fn warn(&mut self, span: Span, message: &str, hint: &str) {
        self.out.diagnostics.push(
            Diagnostic::warning(span, message)
                .with_hint(hint)
                .with_kind(Kind::Include),
        );
    }
}

/// Where a span starts, as a file and offset.
fn span_origin(span: Span) -> Option<(FileId, usize)> {
    Some((span.file, span.start as usize))
}

/// Copies `range` of `text` to `out`, with its origins.
fn copy(
    text: &str,
    map: &SpanMap,
    range: std::ops::Range<usize>,
    out: &mut String,
    out_map: &mut SpanMap,
) {
    if range.is_empty() {
        return;
    }
    map.copy(range.clone(), out_map, out.len());
    out.push_str(&text[range]);
}

/// The lines taken, joined with `\n`, and where each comes from.
fn assemble(source: &Source, taken: &Taken) -> (String, SpanMap) {
    let mut body = String::new();
    let mut map = SpanMap::default();
    for (k, piece) in taken.pieces.iter().enumerate() {
        if k > 0 {
            body.push('\n');
        }
        map.push(body.len(), source.file, piece.range.start);
        body.push_str(piece.prefix);
        map.push(body.len(), source.file, piece.range.start);
        body.push_str(&source.text[piece.range.clone()]);
    }
    (body, map)
}

#[cfg(test)]
mod tests;
