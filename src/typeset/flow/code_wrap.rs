//! Where a line of code may wrap, and where it does: break opportunities from its tokens
//! (after a space, after `,` `;` `(` `{` `[` `=` `->` `::`, before `.` and `/` between
//! words, before an operator), never inside an identifier, a number or a string's word;
//! greedy lines that prefer the better opportunities near the line's end, continuation
//! lines indented to the line's own indentation plus two characters, and a cut between
//! characters only where one token is longer than the line.

use std::ops::Range;

use crate::doc::TokenKind;
use crate::units::Pt;

/// How good a break is: lower is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// After a space, before an operator; after `,` or `;`.
    Space,
    /// After an opening bracket, `=`, `->` or `=>`.
    Open,
    /// After `::`, before `.` or `/`; after a space that follows an operator.
    Join,
}

/// A place a code line may wrap: the continuation starts at byte `at`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Opportunity {
    /// Byte offset in the line where the next piece begins.
    pub at: usize,
    /// How good the break is.
    pub rank: Rank,
}

/// Characters an identifier or a number is made of: never broken between.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Characters of operators (`+`, `==`, `&&`, `->`).
fn is_operator(c: char) -> bool {
    matches!(
        c,
        '+' | '-' | '*' | '/' | '%' | '=' | '<' | '>' | '&' | '|' | '^' | '!' | '~'
    )
}

/// Tokens broken only at their spaces: prose and literals.
fn only_at_spaces(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::String | TokenKind::Comment | TokenKind::Number | TokenKind::Lifetime
    )
}

/// The break opportunities of a line given as `(kind, text)` pieces, in order.
pub fn opportunities(line: &[(TokenKind, &str)]) -> Vec<Opportunity> {
    // Each character with its byte offset and the kind of its token.
    let mut chars: Vec<(usize, char, TokenKind)> = Vec::new();
    let mut at = 0;
    for (kind, text) in line {
        for (offset, c) in text.char_indices() {
            chars.push((at + offset, c, *kind));
        }
        at += text.len();
    }
    let mut out = Vec::new();
    for i in 1..chars.len() {
        let (offset, c, kind) = chars[i];
        let (_, before, before_kind) = chars[i - 1];
        if c == ' ' {
            continue;
        }
        let rank = if before == ' ' {
            // After spaces: best before an operator, worst after one (`a +` ↪ `b`).
            let last = chars[..i]
                .iter()
                .rev()
                .find(|ch| ch.1 != ' ')
                .map(|ch| ch.1);
            if last.is_none() {
                None // the line's indentation
            } else if last.is_some_and(is_operator) && !is_operator(c) {
                Some(Rank::Join)
            } else {
                Some(Rank::Space)
            }
        } else if (kind != before_kind && (only_at_spaces(kind) || only_at_spaces(before_kind)))
            || (kind == before_kind && only_at_spaces(kind))
            || (is_word(before) && is_word(c))
        {
            // Inside a string, comment or number, at its edge, or inside a word.
            None
        } else {
            punctuation(&chars, i)
        };
        if let Some(rank) = rank {
            out.push(Opportunity { at: offset, rank });
        }
    }
    out
}

/// The break before character `i` by the punctuation around it, outside strings and
/// comments and between characters that are not both of a word.
fn punctuation(chars: &[(usize, char, TokenKind)], i: usize) -> Option<Rank> {
    let c = chars[i].1;
    let before = chars[i - 1].1;
    let before2 = i.checked_sub(2).map(|k| chars[k].1);
    let next = chars.get(i + 1).map(|ch| ch.1);
    let closes = matches!(c, ')' | ']' | '}' | ',' | ';' | '.' | '?');
    match before {
        ',' | ';' if !closes => Some(Rank::Space),
        '(' | '[' | '{' if !closes => Some(Rank::Open),
        '=' | '>' if !is_operator(c) && !closes => {
            // After `=`, `==`, `->`, `=>` (not after the `>` of a generic: `Vec<T>`).
            let arrow = before == '=' || matches!(before2, Some('-' | '='));
            arrow.then_some(Rank::Open)
        }
        ':' if before2 == Some(':') && c != ':' => Some(Rank::Join),
        _ if matches!(c, '.' | '/')
            && (is_word(before) || matches!(before, ')' | ']' | '?'))
            && next.is_some_and(is_word) =>
        {
            // Before a method call or field (`.iter()`), before a path's `/`; not in `..`.
            Some(Rank::Join)
        }
        _ => None,
    }
}

/// A line cut into pieces: each piece's byte range, and whether it was cut inside a token
/// (no opportunity could fit it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wrapped {
    /// The pieces' byte ranges, without the spaces at the breaks.
    pub pieces: Vec<Range<usize>>,
    /// Whether some piece ends inside a token longer than the line.
    pub is_cut: bool,
}

/// Share of the room from which a better-ranked break is preferred to a later one.
const PREFER_FROM: f64 = 0.6;

/// Wraps a line whose characters are `chars` (byte offset and advance, in order; the line
/// ends at `len` bytes) to lines of `first` width, then `rest` wide for the continuations,
/// at `opportunities`.
pub fn wrap(
    chars: &[(usize, Pt)],
    len: usize,
    opportunities: &[Opportunity],
    first: Pt,
    rest: Pt,
    is_space: impl Fn(usize) -> bool,
) -> Wrapped {
    let mut pieces = Vec::new();
    let mut is_cut = false;
    let mut start = 0; // index into chars
    let index_of = |at: usize| chars.partition_point(|c| c.0 < at);
    while start < chars.len() {
        let room = if pieces.is_empty() { first } else { rest };
        // The width from `start` to each character's end.
        let mut width = Pt::new(0.0);
        let mut fits_to = start; // chars[start..fits_to] fit
        for (k, c) in chars.iter().enumerate().skip(start) {
            width += c.1;
            if !room.fits(width) {
                break;
            }
            fits_to = k + 1;
        }
        if fits_to == chars.len() {
            pieces.push(chars[start].0..len);
            break;
        }
        // Opportunities inside what fits, spaces at its end included (they are not set).
        let from = chars[start].0;
        let mut past_spaces = fits_to;
        while past_spaces < chars.len() && is_space(chars[past_spaces].0) {
            past_spaces += 1;
        }
        let limit = chars.get(past_spaces).map_or(len, |c| c.0);
        let fitting: Vec<&Opportunity> = opportunities
            .iter()
            .filter(|o| o.at > from && o.at <= limit)
            .collect();
        let chosen = fitting.last().map(|last| {
            let prefer_from = from as f64 + (last.at - from) as f64 * PREFER_FROM;
            fitting
                .iter()
                .filter(|o| o.at as f64 >= prefer_from)
                .min_by_key(|o| (o.rank, std::cmp::Reverse(o.at)))
                .map_or(last.at, |o| o.at)
        });
        // What follows the break must fit a line up to its next opportunity; if it cannot
        // (one token longer than a line), the token is cut, and where this line is full.
        let chosen = chosen.filter(|&at| {
            let next = (opportunities.iter())
                .find(|o| o.at > at)
                .map_or(chars.len(), |o| index_of(o.at));
            let mut word = next;
            while word > index_of(at) + 1 && is_space(chars[word - 1].0) {
                word -= 1;
            }
            room_for(&chars[index_of(at)..word], rest)
        });
        let end = match chosen {
            Some(at) => index_of(at),
            None => {
                is_cut = true;
                fits_to.max(start + 1)
            }
        };
        let mut piece_end = end;
        while piece_end > start + 1 && is_space(chars[piece_end - 1].0) {
            piece_end -= 1;
        }
        let to = chars.get(piece_end).map_or(len, |c| c.0);
        pieces.push(chars[start].0..to);
        start = end;
        while start < chars.len() && is_space(chars[start].0) {
            start += 1;
        }
    }
    if pieces.is_empty() {
        pieces.extend(std::iter::once(0..len));
    }
    Wrapped { pieces, is_cut }
}

/// Whether `chars` fit in `room`.
fn room_for(chars: &[(usize, Pt)], room: Pt) -> bool {
    room.fits(chars.iter().map(|c| c.1).sum())
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind as K;

    /// Wraps `line` at `columns` characters, its continuations at `rest`.
    fn wrap_plain(line: &[(TokenKind, &str)], columns: usize, rest: usize) -> (Vec<String>, bool) {
        let text: String = line.iter().map(|p| p.1).collect();
        let chars: Vec<(usize, Pt)> = text
            .char_indices()
            .map(|(o, _)| (o, Pt::new(1.0)))
            .collect();
        let wrapped = wrap(
            &chars,
            text.len(),
            &opportunities(line),
            Pt::new(columns as f64),
            Pt::new(rest as f64),
            |at| text[at..].starts_with(' '),
        );
        let pieces = wrapped
            .pieces
            .iter()
            .map(|r| text[r.clone()].to_string())
            .collect();
        (pieces, wrapped.is_cut)
    }

    fn breaks(line: &[(TokenKind, &str)]) -> Vec<String> {
        let text: String = line.iter().map(|p| p.1).collect();
        opportunities(line)
            .iter()
            .map(|o| format!("{}|{}", &text[..o.at], &text[o.at..]))
            .collect()
    }

    #[test]
    fn identifiers_numbers_and_string_words_are_never_broken() {
        let line = [
            (K::Plain, "let "),
            (K::Variable, "implementing"),
            (K::Plain, " = "),
            (K::String, "\"can't panic\""),
            (K::Punctuation, ";"),
            (K::Number, "3.14"),
        ];
        for b in breaks(&line) {
            let (before, after) = b.split_once('|').expect("a bar");
            let (l, r) = (before.chars().last(), after.chars().next());
            assert!(
                !(l.is_some_and(is_word) && r.is_some_and(is_word)),
                "inside a word: {b}"
            );
            assert!(!b.contains("can'|t") && !b.contains("3.|14") && !b.contains("3|.14"));
        }
        // The string breaks at its space.
        assert!(breaks(&line).iter().any(|b| b.ends_with("|panic\";3.14")));
    }

    #[test]
    fn break_classes_are_after_punctuation_and_before_operators() {
        let line = [(K::Plain, "foo::bar(a, b).baz[c] = x -> y => z")];
        let found = breaks(&line);
        for expected in [
            "foo::|bar",
            "bar(|a",
            "a, |b",
            "b)|.baz",
            "baz[|c]",
            "c] |= x",
            "= |x",
            "x |-> y",
            "-> |y",
            "y |=> z",
            "=> |z",
        ] {
            let (l, r) = expected.split_once('|').expect("bar");
            assert!(
                found.iter().any(|b| b
                    .split_once('|')
                    .is_some_and(|(bl, br)| bl.ends_with(l) && br.starts_with(r))),
                "no break {expected} in {found:?}"
            );
        }
        // None inside `::`, `->` or `=>`, nor between a bracket pair.
        for forbidden in ["foo:|:", "-|>", "=|>", "[|]"] {
            assert!(!found.iter().any(|b| b.contains(forbidden)), "{forbidden}");
        }
        assert!(breaks(&[(K::Plain, "f()")]).is_empty());
    }

    #[test]
    fn continuation_lines_break_at_the_best_opportunity_that_fits() {
        let line = [(K::Plain, "    let total = first_value + second_value;")];
        let (pieces, cut) = wrap_plain(&line, 30, 24);
        assert!(!cut);
        // Before the operator, not after it.
        assert_eq!(pieces, ["    let total = first_value", "+ second_value;"]);
    }

    #[test]
    fn a_token_longer_than_the_line_is_cut_and_says_so() {
        let line = [
            (K::Plain, "x = "),
            (K::String, "\"aaaaaaaaaaaaaaaaaaaaaaaaa\""),
        ];
        let (pieces, cut) = wrap_plain(&line, 12, 10);
        assert!(cut);
        // Cut where the line is full: a break before the string would not save the cut.
        assert_eq!(pieces[0], "x = \"aaaaaaa");
        assert!(pieces.iter().all(|p| p.chars().count() <= 12));
        assert_eq!(pieces.concat(), "x = \"aaaaaaaaaaaaaaaaaaaaaaaaa\"");
        // A line that fits is one piece, and nothing is cut.
        assert_eq!(
            wrap_plain(&line, 80, 80),
            (vec![line[0].1.to_string() + line[1].1], false)
        );
    }
}
