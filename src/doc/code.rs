//! Highlighted code: `TokenKind` (what a piece of code is) and `Token` (a run of one kind in
//! a code block's text), with the walks consumers use to read a block as pieces or lines.
//!
//! `highlight::book` fills `Block::Code::tokens`; the EPUB writer and the typesetter read
//! them. A consumer that ignores the tokens still has the whole text in `content`.

use std::ops::Range;

/// What a piece of code is: a closed set, mapped from the grammars' scopes, that themes
/// and stylesheets give a look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TokenKind {
    /// Anything else: identifiers the grammar does not single out, spaces.
    Plain,
    /// Keywords and storage words (`fn`, `let`, `if`, `struct`, `self`).
    Keyword,
    /// String and character literals (and inline raw text in Markdown).
    String,
    /// Comments, doc comments included.
    Comment,
    /// Numeric literals.
    Number,
    /// Other constants: `true`, `None`, escapes, entities.
    Constant,
    /// Function and method names, at definition and call, and shell commands.
    Function,
    /// Macro names (`println!`).
    Macro,
    /// Type names (`Vec`, `u32`, classes, traits).
    Type,
    /// Attributes (`#[derive(Debug)]`), HTML attribute names, keys of TOML, JSON and YAML.
    Attribute,
    /// Rust lifetimes (`'a`).
    Lifetime,
    /// Variables and parameters the grammar marks as such.
    Variable,
    /// Operators (`+`, `=`, `&&`, `::`, `?`).
    Operator,
    /// Brackets, commas, semicolons.
    Punctuation,
    /// Markup tag names and their angle brackets (`<p>`).
    Tag,
    /// The prompt of a shell session (`$`, `>`).
    Prompt,
    /// What a command printed, in a shell session.
    Output,
    /// Lines a diff adds.
    Inserted,
    /// Lines a diff removes.
    Deleted,
    /// Headings: Markdown headings, diff file and hunk headers, TOML table names.
    Heading,
    /// Emphasis in markup (`*em*`).
    Emphasis,
    /// Strong emphasis in markup (`**strong**`).
    Strong,
    /// Link text and addresses in markup.
    Link,
}

impl TokenKind {
    /// Every kind, in declaration order.
    pub const ALL: [TokenKind; 23] = [
        TokenKind::Plain,
        TokenKind::Keyword,
        TokenKind::String,
        TokenKind::Comment,
        TokenKind::Number,
        TokenKind::Constant,
        TokenKind::Function,
        TokenKind::Macro,
        TokenKind::Type,
        TokenKind::Attribute,
        TokenKind::Lifetime,
        TokenKind::Variable,
        TokenKind::Operator,
        TokenKind::Punctuation,
        TokenKind::Tag,
        TokenKind::Prompt,
        TokenKind::Output,
        TokenKind::Inserted,
        TokenKind::Deleted,
        TokenKind::Heading,
        TokenKind::Emphasis,
        TokenKind::Strong,
        TokenKind::Link,
    ];

    /// A short stable name (`kw`, `str`, `com`…): the EPUB's class is `hl-` and this.
    pub fn short_name(self) -> &'static str {
        match self {
            TokenKind::Plain => "plain",
            TokenKind::Keyword => "kw",
            TokenKind::String => "str",
            TokenKind::Comment => "com",
            TokenKind::Number => "num",
            TokenKind::Constant => "con",
            TokenKind::Function => "fn",
            TokenKind::Macro => "mac",
            TokenKind::Type => "ty",
            TokenKind::Attribute => "attr",
            TokenKind::Lifetime => "life",
            TokenKind::Variable => "var",
            TokenKind::Operator => "op",
            TokenKind::Punctuation => "pun",
            TokenKind::Tag => "tag",
            TokenKind::Prompt => "prompt",
            TokenKind::Output => "out",
            TokenKind::Inserted => "ins",
            TokenKind::Deleted => "del",
            TokenKind::Heading => "head",
            TokenKind::Emphasis => "em",
            TokenKind::Strong => "strong",
            TokenKind::Link => "link",
        }
    }

    /// The position of the kind in `ALL`, to index per-kind tables.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A run of code of one kind: a byte range of the block's text (the plain text of its
/// `content`). A block's tokens are sorted, do not overlap, are never empty, never span a
/// line break, and are never `Plain`: the text between them is plain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// What the run is.
    pub kind: TokenKind,
    /// Its bytes in the block's text.
    pub range: Range<u32>,
}

/// The text of a code block cut into consecutive `(kind, text)` pieces that cover it all,
/// the gaps between tokens as `Plain`. Tokens that break the invariants of `Token` (out of
/// the text, not on character boundaries, overlapping) are read as plain text.
pub fn pieces<'a>(text: &'a str, tokens: &[Token]) -> Vec<(TokenKind, &'a str)> {
    let mut out = Vec::with_capacity(tokens.len() * 2 + 1);
    let mut at = 0;
    for token in tokens {
        let (start, end) = (token.range.start as usize, token.range.end as usize);
        let valid = at <= start
            && start < end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        if !valid {
            continue;
        }
        if at < start {
            out.push((TokenKind::Plain, &text[at..start]));
        }
        out.push((token.kind, &text[start..end]));
        at = end;
    }
    if at < text.len() {
        out.push((TokenKind::Plain, &text[at..]));
    }
    out
}

/// The text of a code block as lines (split at `\n`, which no line keeps), each cut into
/// `(kind, text)` pieces as `pieces` cuts the whole: what a typesetter sets line by line. An
/// empty line has no pieces; a text of `n` line breaks gives `n + 1` lines.
pub fn lines<'a>(text: &'a str, tokens: &[Token]) -> Vec<Vec<(TokenKind, &'a str)>> {
    let mut lines = vec![Vec::new()];
    for (kind, piece) in pieces(text, tokens) {
        let mut parts = piece.split('\n');
        if let (Some(first), Some(line)) = (parts.next(), lines.last_mut())
            && !first.is_empty()
        {
            line.push((kind, first));
        }
        for part in parts {
            lines.push(if part.is_empty() {
                Vec::new()
            } else {
                vec![(kind, part)]
            });
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(kind: TokenKind, range: Range<u32>) -> Token {
        Token { kind, range }
    }

    #[test]
    fn pieces_cover_the_text_with_plain_gaps() {
        let text = "let x = 1;";
        let tokens = [
            token(TokenKind::Keyword, 0..3),
            token(TokenKind::Number, 8..9),
        ];
        let got = pieces(text, &tokens);
        assert_eq!(
            got,
            [
                (TokenKind::Keyword, "let"),
                (TokenKind::Plain, " x = "),
                (TokenKind::Number, "1"),
                (TokenKind::Plain, ";"),
            ]
        );
        assert_eq!(got.iter().map(|p| p.1).collect::<String>(), text);
    }

    #[test]
    fn broken_tokens_are_read_as_plain_text() {
        let text = "é = 1";
        let tokens = [
            token(TokenKind::Keyword, 1..2),  // inside `é`
            token(TokenKind::Number, 5..6),   // fine
            token(TokenKind::String, 3..4),   // before the previous one
            token(TokenKind::Comment, 6..99), // past the end
        ];
        let got = pieces(text, &tokens);
        assert_eq!(got.iter().map(|p| p.1).collect::<String>(), text);
        assert_eq!(got, [(TokenKind::Plain, "é = "), (TokenKind::Number, "1")]);
    }

    #[test]
    fn lines_split_pieces_at_line_breaks() {
        let text = "a\n\n// c\nb";
        let tokens = [token(TokenKind::Comment, 3..7)];
        assert_eq!(
            lines(text, &tokens),
            [
                vec![(TokenKind::Plain, "a")],
                vec![],
                vec![(TokenKind::Comment, "// c")],
                vec![(TokenKind::Plain, "b")],
            ]
        );
        assert_eq!(lines("", &[]), [Vec::<(TokenKind, &str)>::new()]);
        assert_eq!(lines("x\n", &[]).len(), 2);
    }

    #[test]
    fn every_kind_has_its_own_short_name_and_index() {
        let mut names: Vec<_> = TokenKind::ALL.iter().map(|k| k.short_name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), TokenKind::ALL.len());
        for (i, kind) in TokenKind::ALL.iter().enumerate() {
            assert_eq!(kind.index(), i);
        }
    }
}
