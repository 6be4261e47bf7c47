//! Syntax highlighting: `doc::Book` code blocks → `Block::Code::tokens` (a pass run at the
//! end of `markdown::parse_book`, so the EPUB and the PDF show the same highlighting), and
//! the code themes of the PDF (`Theme`).
//!
//! The grammars are the TextMate grammars bundled with syntaxmate, a pure-Rust engine: no
//! C regex library, and fast enough to highlight the Rust book's 956 blocks in about 50 ms
//! (syntect with the same kind of grammars took 1.3–2 s). It is started only when a book
//! has a block to highlight, in about 2 ms. A block's scopes become
//! `TokenKind`s (`scopes.rs`); shell sessions get prompts and output (`session.rs`);
//! languages no grammar knows are set plain, with one warning per language.
//!
//! May use `doc`, `diag`, `units` (+ `syntaxmate`, and `syntect` to read `.tmTheme` files).

mod language;
mod scopes;
mod session;
mod theme;
mod tmtheme;

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Span};
use crate::doc::{Block, Chapter, Inline, Token, TokenKind};
use language::Mode;

pub use theme::{Style, THEME_NAMES, Theme};

/// Highlights every code block of the chapters (their notes too) whose language is known,
/// and warns once for each language no grammar knows, at its first block.
pub fn book(chapters: &mut [Chapter], diags: &mut Vec<Diagnostic>) {
    let mut engine = Engine::default();
    let mut unknown: BTreeMap<String, (Span, usize)> = BTreeMap::new();
    for chapter in chapters.iter_mut() {
        let notes = chapter.notes.iter_mut().map(|n| &mut n.blocks);
        for blocks in std::iter::once(&mut chapter.blocks).chain(notes) {
            visit(blocks, &mut engine, &mut unknown);
        }
    }
    if let Some(problem) = engine.failure.take() {
        diags.push(
            Diagnostic::warning_nowhere(format!(
                "code is set without highlighting: the grammars cannot be loaded ({problem})"
            ))
            .with_hint("this is a bug in folio; please report it"),
        );
    }
    for (language, (span, count)) in unknown {
        let blocks = if count == 1 {
            "1 block".to_string()
        } else {
            format!("{count} blocks")
        };
        diags.push(
            Diagnostic::warning(
                span,
                format!("code in `{language}` is set without highlighting ({blocks}): no grammar for it"),
            )
            .with_hint("name a known language (`rust`, `toml`, `console`, `python`…), or `text` to set the block plain on purpose"),
        );
    }
}

/// Highlights the code blocks of `blocks`, at any depth.
fn visit(blocks: &mut [Block], engine: &mut Engine, unknown: &mut BTreeMap<String, (Span, usize)>) {
    for block in blocks {
        match block {
            Block::Code {
                language,
                content,
                tokens,
                span,
            } => {
                // Raw `<pre>` with emphasis keeps its own formatting.
                let [Inline::Text(text)] = content.as_slice() else {
                    continue;
                };
                let mode = language::mode(language.as_deref());
                if let Mode::Grammar(name) = &mode
                    && !engine.knows(name)
                {
                    unknown.entry(name.clone()).or_insert((*span, 0)).1 += 1;
                    continue;
                }
                *tokens = code(mode, text, engine);
            }
            Block::Quote { blocks, .. } => visit(blocks, engine, unknown),
            Block::List { items, .. } => items
                .iter_mut()
                .for_each(|item| visit(&mut item.blocks, engine, unknown)),
            _ => {}
        }
    }
}

/// The tokens of one block of code `text` highlighted as `mode` says.
fn code(mode: Mode, text: &str, engine: &mut Engine) -> Vec<Token> {
    let mut out = Vec::new();
    match mode {
        Mode::Plain => {}
        Mode::Session { shell } => session::tokens(text, shell, engine, &mut out),
        Mode::Shell { grammar } if session::starts_with_prompt(text) => {
            session::tokens(text, grammar, engine, &mut out)
        }
        Mode::Shell { grammar } => engine.tokenize(grammar, text, 0, &mut out),
        Mode::Grammar(name) => engine.tokenize(&name, text, 0, &mut out),
    }
    out
}

/// The grammar engine, started on first use.
#[derive(Default)]
struct Engine {
    highlighter: Option<syntaxmate::Highlighter>,
    /// Why the engine could not start, when it could not (it is not tried again).
    failure: Option<String>,
}

impl Engine {
    /// The highlighter, started now if this is its first use; `None` if it cannot start.
    fn highlighter(&mut self) -> Option<&syntaxmate::Highlighter> {
        if self.highlighter.is_none() && self.failure.is_none() {
            match syntaxmate::Highlighter::bundled() {
                Ok(h) => self.highlighter = Some(h),
                Err(e) => self.failure = Some(e.to_string()),
            }
        }
        self.highlighter.as_ref()
    }

    /// Whether a grammar of this name (or alias) exists.
    fn knows(&mut self, language: &str) -> bool {
        // An engine that cannot start has been reported once; its languages are not unknown.
        self.highlighter().is_none()
            || syntaxmate::Catalog::bundled()
                .canonical_language(language)
                .is_some()
    }

    /// Appends the tokens of `text`, in the grammar `language`, to `out`, their ranges
    /// moved by `at` (where `text` starts in the block). Unknown languages add nothing.
    fn tokenize(&mut self, language: &str, text: &str, at: usize, out: &mut Vec<Token>) {
        let Some(highlighter) = self.highlighter() else {
            return;
        };
        let Ok(document) = highlighter.tokenize(language, text) else {
            return;
        };
        let mut line_start = at;
        let mut lines = text.split('\n');
        for line in document.lines() {
            let Some(source) = lines.next() else {
                break;
            };
            for token in line.tokens() {
                let range = token.range();
                let valid = range.start < range.end && source.get(range.clone()).is_some();
                let kind = scopes::kind(token.scopes());
                if valid && kind != TokenKind::Plain {
                    push_merged(out, kind, line_start + range.start, line_start + range.end);
                }
            }
            line_start += source.len() + 1;
        }
    }
}

/// Appends a token, joined to the last one when it is of the same kind and touches it.
fn push_merged(out: &mut Vec<Token>, kind: TokenKind, start: usize, end: usize) {
    let (start, end) = (offset(start), offset(end));
    match out.last_mut() {
        Some(last) if last.kind == kind && last.range.end == start => last.range.end = end,
        Some(last) if last.range.end > start => {} // out of order: a grammar bug, left plain
        _ => out.push(Token {
            kind,
            range: start..end,
        }),
    }
}

/// A byte offset as a token stores it (code blocks of 4 GiB do not get this far).
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
