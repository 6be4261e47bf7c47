//! Each text page's running head and folio, as the design sets them: the head's content
//! (book title, author, part, chapter) and style (italic, spaced small caps, the heading
//! face), the folio at the head's outer corner or at the foot; on a chapter opening only
//! a folio, centred at the foot.

use super::design;
use super::front::PageBuilder;
use super::page::Page;
use super::text::{Align, Style};
use crate::doc::design::{Design, FolioPosition, HeadStyle};
use crate::units::Pt;

/// What a page's furniture shows.
#[derive(Clone, Debug)]
pub struct Furniture<'a> {
    /// Whether the page is a right-hand page.
    pub is_recto: bool,
    /// Whether a chapter opens on it (no running head).
    pub is_opening: bool,
    /// The running head, as the design chose it for this side (may be empty).
    pub head: &'a str,
    /// The book's design.
    pub design: &'a Design,
}

impl PageBuilder<'_, '_, '_> {
    /// Draws the running head and the folio (`page.label`) on `page`.
    pub fn furniture(&mut self, page: &mut Page, furniture: &Furniture) {
        // Text origins depend only on the side of the spread.
        let index = if furniture.is_recto { 0 } else { 1 };
        let (_, top) = self.text_origin(index);
        let size = self.m.size * design::FURNITURE_SCALE;
        let folio = page.label.to_string();
        let foot = top + self.m.height + self.m.leading * design::FOOT_FOLIO_DROP;
        let outer = if furniture.is_recto {
            Align::Right
        } else {
            Align::Left
        };
        if furniture.is_opening {
            self.line(
                page,
                index,
                &folio,
                Style::Regular,
                size,
                Align::Center,
                foot,
            );
            return;
        }
        let y = top - self.m.leading * design::HEAD_RAISE;
        if !furniture.head.trim().is_empty() {
            let (text, style) = match furniture.design.head_style {
                HeadStyle::Italic => (furniture.head.to_string(), Style::Italic),
                HeadStyle::SmallCaps => (furniture.head.to_lowercase(), Style::SmallCaps),
                HeadStyle::Heading => (furniture.head.to_string(), Style::Heading),
            };
            // Italic heads are set as they come (classic keeps its pages); the others are
            // fitted between the folios.
            let head_style = furniture.design.head_style;
            let text = match head_style {
                HeadStyle::Italic => text,
                _ => self.fit_head(&text, style, size, head_style),
            };
            self.line(page, index, &text, style, size, Align::Center, y);
        }
        let folio_style = match furniture.design.head_style {
            HeadStyle::Heading => Style::Heading,
            _ => Style::Regular,
        };
        match furniture.design.folio {
            FolioPosition::HeadOuter => {
                self.line(page, index, &folio, Style::Regular, size, outer, y);
            }
            FolioPosition::FootCenter => {
                self.line(page, index, &folio, folio_style, size, Align::Center, foot);
            }
            FolioPosition::FootOuter => {
                self.line(page, index, &folio, folio_style, size, outer, foot);
            }
        }
    }
}

impl PageBuilder<'_, '_, '_> {
    /// The head as it fits between the folios: small capitals letter-spaced when they fit
    /// so, a long head cut at a word with an ellipsis.
    fn fit_head(&mut self, text: &str, style: Style, size: Pt, head_style: HeadStyle) -> String {
        // Room for the folios at the corners.
        let room = self.m.width * HEAD_SHARE;
        if head_style == HeadStyle::SmallCaps {
            let wide = spaced(text);
            if room.fits(self.width_of(&wide, style, size)) {
                return wide;
            }
        }
        if room.fits(self.width_of(text, style, size)) {
            return text.to_string();
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        for n in (1..words.len()).rev() {
            let cut = format!(
                "{}\u{2026}",
                words[..n].join(" ").trim_end_matches([',', ';', ':'])
            );
            if room.fits(self.width_of(&cut, style, size)) {
                return cut;
            }
        }
        // One word too long (a Chinese or Japanese title has no spaces): cut between
        // characters.
        let chars: Vec<char> = text.chars().collect();
        for n in (1..chars.len()).rev() {
            let cut: String = chars[..n].iter().chain(['\u{2026}'].iter()).collect();
            if room.fits(self.width_of(&cut, style, size)) {
                return cut;
            }
        }
        String::new()
    }
}

/// A running head takes at most this share of the measure (the folios are at its ends).
const HEAD_SHARE: f64 = 0.8;

/// `text` letter-spaced for small capitals: a hair space (U+200A) between letters, a
/// word space between words.
pub fn spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 4);
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push('\u{2002}');
        }
        let mut before: Option<char> = None;
        for c in word.chars() {
            // Letters of a script without case (Arabic, Hebrew, CJK) are not spaced: Arabic
            // would lose its joins.
            if before.is_some_and(|b| !is_uncased_letter(b)) && !is_uncased_letter(c) {
                out.push('\u{200A}');
            }
            out.push(c);
            before = Some(c);
        }
    }
    out
}

/// A letter of a script without capitals.
fn is_uncased_letter(c: char) -> bool {
    c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_without_spaces_too_long_for_the_page_is_cut_between_characters() {
        use crate::doc::PageSetup;
        use crate::typeset::design::Measures;
        use crate::typeset::text::{Hyphenation, Setter};
        let fonts = crate::typeset::table::tests::fonts();
        let mut setter = Setter::new(&fonts, "ja", Hyphenation::OFF);
        let setup = PageSetup::default();
        let mut builder = PageBuilder::new(&setup, Measures::of(&setup), &mut setter);
        let size = crate::units::Pt::new(9.0);
        // (Without a CJK font the characters are `.notdef` boxes: the title is three times
        // too long for the head either way.)
        let long =
            "喫茶店の片隅で小さな組版プログラムを書いた冬の記録と、その後の長い春の日々のこと"
                .repeat(3);
        let long = long.as_str();
        let head = builder.fit_head(long, Style::Regular, size, HeadStyle::Italic);
        assert!(head.ends_with('…') && head.chars().count() > 10, "{head}");
        assert!(long.starts_with(head.trim_end_matches('…')));
        let room = Measures::of(&setup).width * HEAD_SHARE;
        assert!(room.fits(builder.width_of(&head, Style::Regular, size)));
        // A head that fits stays whole.
        let short = builder.fit_head("活字の街", Style::Regular, size, HeadStyle::Italic);
        assert_eq!(short, "活字の街");
    }

    #[test]
    fn spaced_caps_put_hair_spaces_between_letters() {
        assert_eq!(
            super::spaced("moby  dick"),
            "m\u{200A}o\u{200A}b\u{200A}y\u{2002}d\u{200A}i\u{200A}c\u{200A}k"
        );
        // Arabic keeps its joins, Japanese its solid setting.
        assert_eq!(super::spaced("الرحلة 12"), "الرحلة\u{2002}1\u{200A}2");
        assert_eq!(super::spaced("活字"), "活字");
    }
}
