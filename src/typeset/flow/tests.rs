//! Flow tests: code blocks set in the theme's colours and weights, shrunk before they wrap,
//! wrapped at break opportunities with their indentation and a mark, and cut (with a
//! warning) only where one token is longer than the line.

use super::*;
use crate::diag::Span;
use crate::doc::{Chapter, Matter, Token, TokenKind};
use crate::typeset::table::tests::{fonts, setter};
use crate::typeset::text::Style;
use crate::units::Rgb;

/// A 300 pt × 600 pt text block of 10 pt type on 12 pt leading: code is set at 8 pt,
/// inset 8 pt each side, on a 284 pt measure.
fn measures() -> Measures {
    Measures {
        width: Pt::new(300.0),
        height: Pt::new(600.0),
        size: Pt::new(10.0),
        leading: Pt::new(12.0),
    }
}

fn chapter(blocks: Vec<Block>) -> Chapter {
    Chapter {
        slug: "c".into(),
        title: Vec::new(),
        matter: Matter::Body,
        is_part: false,
        depth: 0,
        number: None,
        anchor: None,
        blocks,
        notes: Vec::new(),
        span: Span::new(crate::diag::FileId(0), 0..0),
        page_title: None,
    }
}

fn code(text: &str, tokens: Vec<Token>) -> Block {
    Block::Code {
        language: Some("rust".into()),
        content: vec![Inline::Text(text.into())],
        tokens,
        span: Span::new(crate::diag::FileId(0), 0..0),
    }
}

/// The lines and warnings a chapter of `blocks` flows into.
fn flow(blocks: Vec<Block>) -> (Vec<SetLine>, Vec<Diagnostic>) {
    let fonts = fonts();
    let mut setter = setter(&fonts);
    let book = Book {
        chapters: vec![chapter(blocks)],
        ..Book::default()
    };
    let plan = plan(&book.chapters[0], 0, usize::MAX);
    let theme = Theme::default();
    let mut lines = Vec::new();
    let mut diags = Vec::new();
    for k in 0..plan.segments.len() {
        let segment = segment(&mut setter, &book, &plan, k, measures(), &theme);
        for element in segment.elements {
            if let Element::Text(block) = element {
                lines.extend(block.lines);
            }
        }
        diags.extend(segment.diags);
    }
    (lines, diags)
}

/// A line's text, with the mark runs.
fn text_of(line: &SetLine) -> String {
    line.line.runs.iter().map(|r| r.text.as_str()).collect()
}

fn code_size(lines: &[SetLine]) -> Pt {
    lines[0].line.runs[0].size
}

#[test]
fn highlighted_tokens_are_set_in_the_themes_colour_and_face() {
    let (lines, _) = flow(vec![code(
        "fn main() {} // done",
        vec![
            Token {
                kind: TokenKind::Keyword,
                range: 0..2,
            },
            Token {
                kind: TokenKind::Comment,
                range: 13..20,
            },
        ],
    )]);
    let theme = Theme::default();
    let fonts = fonts();
    let runs = &lines[0].line.runs;
    let keyword = runs
        .iter()
        .find(|r| r.text == "fn")
        .expect("a run of the keyword");
    assert_eq!(keyword.fill, theme.style(TokenKind::Keyword).colour);
    assert_eq!(keyword.font, fonts.face_for(Style::MonoBold));
    let comment = runs
        .iter()
        .find(|r| r.text.contains("done"))
        .expect("the comment's run");
    assert_eq!(comment.fill, theme.style(TokenKind::Comment).colour);
    assert_eq!(comment.font, fonts.face_for(Style::MonoItalic));
    assert!(
        runs.iter()
            .any(|r| r.text.contains("main") && r.fill == Rgb::BLACK)
    );
}

#[test]
fn a_block_a_little_too_wide_is_set_smaller_and_not_wrapped() {
    // DejaVu Sans Mono is 0.602 em wide: 284 pt hold 59 characters at 8 pt, 73 at 6.4 pt.
    let line = format!("let x = {};", "a".repeat(54)); // 65 characters
    let (lines, _) = flow(vec![code(&line, Vec::new())]);
    assert_eq!(lines.len(), 1, "shrunk, not wrapped");
    let size = code_size(&lines);
    assert!(size < Pt::new(8.0) && size > Pt::new(6.4), "{size:?}");
    assert!(lines[0].line.width <= Pt::new(284.01));
}

#[test]
fn a_block_much_too_wide_shrinks_to_the_floor_then_wraps_keeping_indentation() {
    let line =
        "        let total = first_value + second_value * third_value - fourth_value + fifth;";
    let short = "fn f() {";
    let (lines, diags) = flow(vec![code(&format!("{short}\n{line}\n}}"), Vec::new())]);
    assert!(diags.is_empty(), "{diags:?}");
    let size = code_size(&lines);
    assert!(
        (size.get() - 6.4).abs() < 1e-6,
        "the whole block at 0.8 × 8 pt: {size:?}"
    );
    assert!(lines.iter().all(|l| {
        l.line
            .runs
            .iter()
            .all(|r| r.size == size || text_of_run(r) == "↪")
    }));
    // Wrapped once, before an operator; the continuation 8 + 2 characters in, after ↪.
    assert_eq!(lines.len(), 4);
    let continuation = &lines[2];
    assert!(text_of(continuation).contains('↪'));
    let ch = 0.602 * size.get();
    let text_x = continuation
        .line
        .runs
        .iter()
        .filter(|r| text_of_run(r) != "↪")
        .map(|r| r.origin.x.get())
        .fold(f64::MAX, f64::min);
    assert!(
        (text_x - 10.0 * ch).abs() < 0.1,
        "{text_x} vs {}",
        10.0 * ch
    );
    let first = text_of(&lines[1]);
    let rest = text_of(continuation).replace('↪', "");
    assert!(
        rest.trim_start().starts_with(['+', '-', '*']),
        "{first} ↪ {rest}"
    );
    // Nothing split inside a word: the pieces rejoin the line (runs show no spaces).
    assert!(first.ends_with("third_value"), "{first}");
    assert_eq!(format!("{first}{rest}"), line.replace(' ', ""));
}

fn text_of_run(run: &crate::typeset::page::TextRun) -> &str {
    run.text.as_str()
}

#[test]
fn a_token_longer_than_the_line_is_cut_with_a_mark_and_a_warning() {
    let long = format!("let s = \"{}\";", "x".repeat(120));
    let (lines, diags) = flow(vec![code(
        &format!("fn f() {{\n{long}\n}}"),
        vec![Token {
            kind: TokenKind::String,
            range: 17..139,
        }],
    )]);
    assert!(lines.len() > 3);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0].message.contains("line 2 of this code block"),
        "{}",
        diags[0].message
    );
    assert!(
        lines[2..lines.len() - 1]
            .iter()
            .all(|l| text_of(l).contains('↪'))
    );
}
