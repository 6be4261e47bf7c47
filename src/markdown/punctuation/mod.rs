//! Smart punctuation by language: the quotation marks pulldown-cmark makes of `"` and `'`
//! become the language's (`„…“` in German, `«…»` in French, `「…」` in Japanese), and
//! French text gets its non-breaking spaces before `; ! ? :` and inside guillemets. Code
//! is never touched.
//!
//! French follows the Imprimerie nationale (*Lexique des règles typographiques*): a thin
//! non-breaking space (U+202F) before `;`, `!` and `?`, a word-width non-breaking space
//! (U+00A0) before `:`; inside guillemets folio also uses U+202F. Canadian French
//! (`fr-CA`, the Office québécois de la langue française) has U+00A0 before `:` and inside
//! guillemets and no space before `; ! ?`.

use crate::doc::labels::subtags;
use crate::doc::{Inline, script};

/// No-break space: word width.
const NBSP: char = '\u{a0}';
/// Narrow no-break space: French typography's « espace fine insécable ».
const NNBSP: char = '\u{202f}';

/// How one language quotes and spaces its punctuation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// Opening and closing marks of a quotation.
    pub primary: (char, char),
    /// Opening and closing marks of a quotation inside a quotation.
    pub secondary: (char, char),
    /// Spaces before high punctuation and inside guillemets.
    pub spacing: Spacing,
}

/// The spaces a language puts around punctuation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spacing {
    /// None added (English and most languages).
    None,
    /// France's: U+202F before `; ! ?` and inside « », U+00A0 before `:`.
    French,
    /// Canada's: U+00A0 before `:` and inside « », nothing before `; ! ?`.
    Canadian,
}

const ENGLISH: Style = Style {
    primary: ('“', '”'),
    secondary: ('‘', '’'),
    spacing: Spacing::None,
};

impl Style {
    /// The style of a BCP 47 language tag; English's for a language not listed.
    pub fn for_language(tag: &str) -> Style {
        let (language, script, region) = subtags(tag);
        let region = region.as_deref();
        let quotes = |p: [char; 2], s: [char; 2]| Style {
            primary: (p[0], p[1]),
            secondary: (s[0], s[1]),
            spacing: Spacing::None,
        };
        let guillemets = quotes(['«', '»'], ['“', '”']);
        match language.as_str() {
            "de" | "lb" if matches!(region, Some("ch" | "li")) => quotes(['«', '»'], ['‹', '›']),
            "de" | "lb" | "cs" | "sk" | "sl" | "et" | "lt" | "is" => quotes(['„', '“'], ['‚', '‘']),
            "fr" => Style {
                spacing: if region == Some("ca") {
                    Spacing::Canadian
                } else {
                    Spacing::French
                },
                ..guillemets
            },
            "pt" if region == Some("br") => ENGLISH,
            "es" | "it" | "pt" | "ca" | "el" | "ar" | "fa" | "ur" | "hy" => guillemets,
            "ru" | "uk" | "be" => quotes(['«', '»'], ['„', '“']),
            "nb" | "nn" | "no" => quotes(['«', '»'], ['‘', '’']),
            "pl" | "ro" | "hr" | "bg" => quotes(['„', '”'], ['«', '»']),
            "hu" => quotes(['„', '”'], ['»', '«']),
            "he" | "iw" => quotes(['„', '”'], ['‚', '’']),
            "sv" | "fi" => quotes(['”', '”'], ['’', '’']),
            "da" => quotes(['»', '«'], ['›', '‹']),
            "ja" => quotes(['「', '」'], ['『', '』']),
            "zh" => {
                let traditional = script.as_deref() == Some("hant")
                    || (script.is_none() && matches!(region, Some("tw" | "hk" | "mo")));
                if traditional {
                    quotes(['「', '」'], ['『', '』'])
                } else {
                    ENGLISH
                }
            }
            _ => ENGLISH,
        }
    }

    /// Whether the style changes nothing pulldown-cmark writes.
    pub fn is_english(&self) -> bool {
        *self == ENGLISH
    }
}

/// Turns the curly quotes of pulldown-cmark's smart punctuation into the language's,
/// keeping apostrophes, across the text events of one block.
#[derive(Clone, Debug)]
pub struct Quoter {
    style: Style,
    /// Quotations open in the current block.
    open_double: u32,
    /// Secondary quotations open in the current block.
    open_single: u32,
}

impl Quoter {
    /// A quoter for `style`.
    pub fn new(style: Style) -> Quoter {
        Quoter {
            style,
            open_double: 0,
            open_single: 0,
        }
    }

    /// Starts a new block: quotations do not run across blocks.
    pub fn reset(&mut self) {
        self.open_double = 0;
        self.open_single = 0;
    }

    /// The text of a text event at `range` of `source`: a quotation mark pulldown-cmark
    /// made of a straight quote in the source comes back in the language's form.
    pub fn text(
        &mut self,
        source: &str,
        range: std::ops::Range<usize>,
        text: &str,
    ) -> Option<char> {
        if self.style.is_english() {
            return None;
        }
        let written = source.get(range.clone())?;
        let mut chars = text.chars();
        let (Some(mark), None) = (chars.next(), chars.next()) else {
            return None;
        };
        let before = source[..range.start].chars().next_back();
        let after = source[range.end..].chars().next();
        let in_word =
            before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric);
        // Text without spaces (Chinese, Japanese) has its quotes right beside letters and
        // punctuation, where pulldown-cmark cannot tell opening from closing: the count of
        // open ones does.
        let between_cjk = before.is_some_and(is_cjk) || after.is_some_and(is_cjk);
        let (p, s) = (self.style.primary, self.style.secondary);
        let opens = |open: u32| if between_cjk { open == 0 } else { false };
        match (written, mark) {
            ("\"", '“' | '”') => {
                if mark == '“' && !between_cjk || opens(self.open_double) {
                    self.open_double += 1;
                    Some(p.0)
                } else {
                    self.open_double = self.open_double.saturating_sub(1);
                    Some(p.1)
                }
            }
            ("'", '‘' | '’') => {
                if mark == '‘' && !between_cjk || opens(self.open_single) {
                    self.open_single += 1;
                    Some(s.0)
                } else if (in_word && !between_cjk) || self.open_single == 0 {
                    None // an apostrophe: ’ in every language
                } else {
                    self.open_single -= 1;
                    Some(s.1)
                }
            }
            _ => None,
        }
    }
}

/// Whether `c` is written without spaces between words: Han, kana, Hangul, CJK
/// punctuation and full-width forms.
fn is_cjk(c: char) -> bool {
    script::is_cjk(c) || ('\u{AC00}'..='\u{D7AF}').contains(&c)
}

/// A piece of a block's text, in reading order, for the spacing pass.
enum Piece {
    /// A character of an `Inline::Text` (leaf index, byte offset).
    Char(usize, usize, char),
    /// A source line break (a space when set), at this leaf.
    SoftBreak(usize),
    /// Something that is neither space nor punctuation: code, an image, a note mark.
    Opaque,
    /// A forced line break.
    Break,
}

/// An edit of the spacing pass.
enum Edit {
    /// Insert this space before byte offset of the leaf.
    Insert(usize, usize, char),
    /// Replace the (one-byte) space at the offset of the leaf.
    Replace(usize, usize, char),
    /// Replace a soft break leaf by this space.
    SoftBreak(usize, char),
    /// Replace a soft break leaf by nothing.
    Join(usize),
}

/// Removes the source line breaks between two CJK characters: Chinese and Japanese put no
/// space between words, so a paragraph written over several lines reads as one run of text
/// (as CSS Text 3 transforms such segment breaks), not with a space at each line end.
pub fn join_cjk_lines(content: &mut [Inline]) {
    let mut leaves: Vec<&mut Inline> = Vec::new();
    collect(content, &mut leaves);
    if !leaves
        .iter()
        .any(|leaf| matches!(**leaf, Inline::SoftBreak))
    {
        return;
    }
    let pieces = pieces(&leaves);
    let is_cjk_at = |k: Option<usize>| matches!(k.and_then(|k| pieces.get(k)), Some(Piece::Char(_, _, c)) if script::is_cjk(*c));
    let edits = pieces
        .iter()
        .enumerate()
        .filter_map(|(k, piece)| match piece {
            Piece::SoftBreak(leaf) if is_cjk_at(k.checked_sub(1)) && is_cjk_at(Some(k + 1)) => {
                Some(Edit::Join(*leaf))
            }
            _ => None,
        })
        .collect();
    apply(&mut leaves, edits);
}

/// Adds the language's spaces around punctuation in one inline sequence (a paragraph, a
/// heading, a table cell), looking through emphasis and links but never into code.
pub fn space(content: &mut [Inline], spacing: Spacing) {
    if spacing == Spacing::None {
        return;
    }
    let mut leaves: Vec<&mut Inline> = Vec::new();
    collect(content, &mut leaves);
    let pieces = pieces(&leaves);
    let mut edits = Vec::new();
    for (k, piece) in pieces.iter().enumerate() {
        let Piece::Char(leaf, offset, c) = *piece else {
            continue;
        };
        let before = k.checked_sub(1).map(|i| &pieces[i]);
        let space = match c {
            ';' | '!' | '?' if spacing == Spacing::French => NNBSP,
            ':' => NBSP,
            '«' => {
                match pieces.get(k + 1) {
                    Some(Piece::Char(l, o, ' ')) => {
                        edits.push(Edit::Replace(*l, *o, inner(spacing)))
                    }
                    Some(Piece::SoftBreak(l)) => edits.push(Edit::SoftBreak(*l, inner(spacing))),
                    Some(Piece::Char(_, _, n)) if is_spaced_after_guillemet(*n) => {
                        let (l, o) = after(&pieces, k);
                        edits.push(Edit::Insert(l, o, inner(spacing)));
                    }
                    Some(Piece::Opaque) => {
                        let (l, o) = after(&pieces, k);
                        edits.push(Edit::Insert(l, o, inner(spacing)));
                    }
                    _ => {}
                }
                continue;
            }
            '»' => inner(spacing),
            _ => continue,
        };
        // `?!` is one group: only its first mark takes the space.
        if matches!(before, Some(Piece::Char(_, _, b)) if ";!?".contains(*b) && c != ':') {
            continue;
        }
        if ";!?:".contains(c) && !ends_clause(&pieces, k) {
            continue; // `http://`, `10:30`, `?q=`: not punctuation of a sentence
        }
        match before {
            Some(Piece::Char(l, o, ' ')) => edits.push(Edit::Replace(*l, *o, space)),
            Some(Piece::SoftBreak(l)) => edits.push(Edit::SoftBreak(*l, space)),
            Some(Piece::Char(_, _, b)) if needs_space_after(*b) => {
                edits.push(Edit::Insert(leaf, offset, space))
            }
            Some(Piece::Opaque) => edits.push(Edit::Insert(leaf, offset, space)),
            _ => {}
        }
    }
    apply(&mut leaves, edits);
}

/// The space inside guillemets.
fn inner(spacing: Spacing) -> char {
    if spacing == Spacing::Canadian {
        NBSP
    } else {
        NNBSP
    }
}

/// Where to insert a space right after piece `k` (the start of the next character).
fn after(pieces: &[Piece], k: usize) -> (usize, usize) {
    match (&pieces[k], pieces.get(k + 1)) {
        (Piece::Char(l, o, c), Some(Piece::Char(nl, no, _))) if nl == l => {
            debug_assert_eq!(*no, o + c.len_utf8());
            (*l, *no)
        }
        (Piece::Char(l, o, c), _) => (*l, o + c.len_utf8()),
        _ => (usize::MAX, 0),
    }
}

/// Whether a space goes between `c` and the punctuation after it: not after a space, an
/// opening bracket or quote, or the start of the text.
fn needs_space_after(c: char) -> bool {
    !(c.is_whitespace() || "([{«‹“‘„\"'-–—/".contains(c))
}

/// Whether a guillemet followed by `c` wants a space inserted.
fn is_spaced_after_guillemet(c: char) -> bool {
    !c.is_whitespace()
}

/// Whether the punctuation group at `k` ends a clause: what follows is a space, the end,
/// a line break, or closing punctuation.
fn ends_clause(pieces: &[Piece], k: usize) -> bool {
    let mut i = k + 1;
    while let Some(Piece::Char(_, _, c)) = pieces.get(i) {
        if ";!?:.".contains(*c) {
            i += 1;
            continue;
        }
        return c.is_whitespace() || "»)]}”’\"'…,".contains(*c);
    }
    !matches!(pieces.get(i), Some(Piece::Opaque))
}

fn collect<'a>(content: &'a mut [Inline], out: &mut Vec<&'a mut Inline>) {
    for inline in content.iter_mut() {
        let is_leaf = !matches!(
            inline,
            Inline::Emphasis(_)
                | Inline::Strong(_)
                | Inline::Strikethrough(_)
                | Inline::Superscript(_)
                | Inline::Subscript(_)
                | Inline::Link { .. }
        );
        if is_leaf {
            out.push(inline);
        } else if let Some(children) = inline.children_mut() {
            collect(children, out);
        }
    }
}

fn pieces(leaves: &[&mut Inline]) -> Vec<Piece> {
    let mut out = Vec::new();
    for (index, leaf) in leaves.iter().enumerate() {
        match &**leaf {
            Inline::Text(text) => {
                out.extend(text.char_indices().map(|(o, c)| Piece::Char(index, o, c)))
            }
            Inline::SoftBreak => out.push(Piece::SoftBreak(index)),
            Inline::LineBreak => out.push(Piece::Break),
            Inline::Anchor(_) => {}
            _ => out.push(Piece::Opaque),
        }
    }
    out
}

fn apply(leaves: &mut [&mut Inline], mut edits: Vec<Edit>) {
    // From the end, so that offsets stay valid.
    edits.sort_by_key(|edit| match edit {
        Edit::Insert(l, o, _) | Edit::Replace(l, o, _) => std::cmp::Reverse((*l, *o)),
        Edit::SoftBreak(l, _) | Edit::Join(l) => std::cmp::Reverse((*l, 0)),
    });
    for edit in edits {
        match edit {
            Edit::Insert(leaf, offset, c) => {
                if let Some(Inline::Text(text)) = leaves.get_mut(leaf).map(|l| &mut **l) {
                    text.insert(offset, c);
                }
            }
            Edit::Replace(leaf, offset, c) => {
                if let Some(Inline::Text(text)) = leaves.get_mut(leaf).map(|l| &mut **l) {
                    text.replace_range(offset..offset + 1, c.encode_utf8(&mut [0; 4]));
                }
            }
            Edit::SoftBreak(leaf, c) => {
                if let Some(inline) = leaves.get_mut(leaf) {
                    **inline = Inline::Text(c.to_string());
                }
            }
            Edit::Join(leaf) => {
                if let Some(inline) = leaves.get_mut(leaf) {
                    **inline = Inline::Text(String::new());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
