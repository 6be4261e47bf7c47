//! A chapter's opening as the book's design sets it: the label above the title ("Chapter
//! 1", a large number, "One", "I" or none), the title (its face, case and alignment) and an
//! ornament under it; and the first paragraph of a chapter or after a scene break, with its
//! drop cap and small-caps lead-in.

use super::super::design;
use super::super::furniture::spaced;
use super::super::list::Element;
use super::{Align, Flow, Format, Layout, Style, Text};
use crate::diag::Span;
use crate::doc::design::{ChapterLabel, LeadIn, OpeningAlign, TitleCase, roman, spelled};
use crate::doc::{Block, Chapter, Inline};
use crate::units::{Em, Pt};

/// A large chapter number (the `modern` design), × body.
const LARGE_NUMBER_SCALE: f64 = 3.2;
/// Space above an ornament under a chapter title, in lines.
const ORNAMENT_GAP: f64 = 0.75;
/// An ornament under a chapter title, × body.
const ORNAMENT_SCALE: f64 = 1.6;
/// Space between a drop cap and the text beside it.
const DROP_CAP_GAP: Em = Em::new(0.2);
/// Between a sub-chapter's number and its title: an en space.
const SUB_NUMBER_GAP: char = '\u{2002}';
/// A lead-in runs to the first punctuation, or this many words at most.
const LEAD_IN_WORDS: usize = 4;

/// The index of the first block after the chapter's opening (its title heading, if any).
pub fn body_start(chapter: &Chapter) -> usize {
    match chapter.blocks.first() {
        _ if chapter.is_part => 1,
        Some(Block::Heading { level, .. }) if *level <= 2 => 1,
        _ => 0,
    }
}

impl Flow<'_, '_> {
    /// The label, title and ornament of a chapter opening.
    pub(super) fn chapter_title(&mut self, content: &[Inline]) {
        let book = self.book;
        let opening = &book.design.opening;
        let align = match opening.align {
            OpeningAlign::Center => Align::Center,
            OpeningAlign::Left => Align::Left,
        };
        let heading = if book.design.has_heading_face {
            Style::Heading
        } else {
            Style::Regular
        };
        if let Some(&[n]) = self.chapter.number.as_deref() {
            let label = match opening.label {
                ChapterLabel::Word => Some(plain(&book.metadata.labels.chapter(n), Style::Italic)),
                ChapterLabel::Number if opening.is_label_large => {
                    Some(plain(&n.to_string(), heading))
                }
                ChapterLabel::Number => Some(plain(&n.to_string(), Style::Regular)),
                // Numbers are spelled in English only: another language gets its own
                // chapter label ("Kapitel 1", "第1章", "الفصل 1").
                ChapterLabel::Spelled if !is_english(&book.metadata.language) => {
                    Some(plain(&book.metadata.labels.chapter(n), Style::Regular))
                }
                ChapterLabel::Spelled => Some(self.small_caps(&spaced(&spelled(n)))),
                ChapterLabel::Roman => Some(plain(&roman(n), Style::Regular)),
                ChapterLabel::None => None,
            };
            if let Some(label) = label {
                let scale = if opening.is_label_large {
                    LARGE_NUMBER_SCALE
                } else {
                    design::CHAPTER_LABEL_SCALE
                };
                self.set_lines(&label, scale, align, Pt::new(0.0), self.m.width, true);
                self.elements.push(Element::Space {
                    height: self.m.leading * design::CHAPTER_LABEL_GAP,
                    is_discardable: false,
                    keep_with_next: true,
                });
            }
        }
        let mut title = self.text(content, heading);
        title = match opening.case {
            TitleCase::AsWritten => title,
            TitleCase::Upper => map_text(&title, |s, f| (s.to_uppercase(), f)),
            TitleCase::SmallCaps => self.restyle_small_caps(&title, title.text.len()),
        };
        // A numbered sub-chapter ("10.1") shows its number before its title, as the
        // contents does, unless the design shows no chapter numbers.
        if let Some(number) = self.chapter.number.as_deref().filter(|n| n.len() > 1)
            && opening.label != ChapterLabel::None
        {
            let number: Vec<String> = number.iter().map(u32::to_string).collect();
            let mut numbered = plain(&format!("{}{SUB_NUMBER_GAP}", number.join(".")), heading);
            for (range, format) in &title.formats {
                numbered.push(&title.text[range.clone()], *format);
            }
            title = numbered;
        }
        let scale = design::CHAPTER_TITLE_SCALE;
        self.set_lines(&title, scale, align, Pt::new(0.0), self.m.width, true);
        if let Some(ornament) = &opening.ornament {
            self.elements.push(Element::SnapToGrid);
            self.elements.push(Element::Space {
                height: self.m.leading * ORNAMENT_GAP,
                is_discardable: false,
                keep_with_next: true,
            });
            let mark = plain(ornament, Style::Regular);
            self.set_lines(
                &mark,
                ORNAMENT_SCALE,
                align,
                Pt::new(0.0),
                self.m.width,
                true,
            );
        }
        self.elements.push(Element::Space {
            height: self.m.leading * design::CHAPTER_TITLE_GAP,
            is_discardable: true,
            keep_with_next: true,
        });
        self.elements.push(Element::SnapToGrid);
    }

    /// Whether the top-level block being set opens the chapter's text (`Some(true)`) or
    /// follows a scene break (`Some(false)`).
    pub(super) fn opens_text(&self, depth: usize) -> Option<bool> {
        if depth > 0 || self.in_note {
            return None;
        }
        let b = self.top_block;
        if b == body_start(self.chapter) {
            return Some(true);
        }
        let before = self.chapter.blocks.get(b.checked_sub(1)?)?;
        matches!(before, Block::SceneBreak { .. }).then_some(false)
    }

    /// A paragraph that opens the text: its lead-in in small capitals and, at a chapter's
    /// start, its drop cap, as the design asks. Returns false when it is an ordinary
    /// paragraph (the caller sets it).
    pub(super) fn opening_paragraph(
        &mut self,
        text: &Text,
        is_chapter_start: bool,
        x: Pt,
        measure: Pt,
        span: Span,
    ) -> bool {
        let design = &self.book.design;
        let lines = usize::from(design.drop_cap);
        // A paragraph shorter than the cap (a one-line byline) gets no cap: it would hang
        // into the paragraph after it.
        let has_cap = is_chapter_start
            && lines >= 2
            && self
                .setter
                .set(text, &Layout::aligned(self.m.size, measure, Align::Justify))
                .lines
                .len()
                >= lines;
        let has_lead_in = design.lead_in == LeadIn::SmallCaps;
        if !has_cap && !has_lead_in {
            return false;
        }
        let cap_end = if has_cap { cap_end(&text.text) } else { None };
        let (cap, rest) = match cap_end {
            Some(end) => {
                // "A man…": the cap stands for a word; the text beside it begins at the next.
                let skip = text.text[end..].len() - text.text[end..].trim_start().len();
                (
                    Some(slice(text, 0..end)),
                    slice(text, end + skip..text.text.len()),
                )
            }
            None => (None, text.clone()),
        };
        let rest = if has_lead_in {
            let end = lead_in_end(&rest.text);
            self.restyle_small_caps(&rest, end)
        } else {
            rest
        };
        match cap {
            Some(cap) => {
                let placed = (lines, x, measure, text.text.len());
                self.drop_cap(&cap, &rest, placed, span)
            }
            None => self.paragraph(&rest, Pt::new(0.0), x, measure, Align::Justify, span),
        }
        true
    }

    /// Sets `rest` with `cap` dropped `lines` lines: the first lines narrowed by the cap's
    /// width (measured), the cap's top on the first line's capitals, its baseline on the
    /// last indented line's.
    /// `placed`: the cap's lines, the paragraph's x, measure and whole length in bytes.
    fn drop_cap(&mut self, cap: &Text, rest: &Text, placed: (usize, Pt, Pt, usize), span: Span) {
        let (lines, x, measure, text_len) = placed;
        let fonts = self.setter.fonts();
        let cap_height = fonts.faces[fonts.face_for(Style::Regular)].cap_height;
        let leading = self.m.leading;
        let size = self.m.size;
        let drop = leading * (lines - 1) as f64;
        let cap_size = (drop + cap_height.at(size)) * (1.0 / cap_height.get());
        let cap_set = self
            .setter
            .set(cap, &Layout::aligned(cap_size, Pt::new(1e6), Align::Left));
        let Some(cap_line) = cap_set.lines.into_iter().next() else {
            return self.paragraph(rest, Pt::new(0.0), x, measure, Align::Justify, span);
        };
        let indent = cap_line.width + DROP_CAP_GAP.at(size);
        let layout = |measure| Layout {
            size,
            measure,
            indent: Pt::new(0.0),
            align: Align::Justify,
            looseness: 0,
        };
        let mut narrow = self.setter.set(rest, &layout(measure - indent));
        let cap_bytes = text_len - rest.text.len();
        narrow.lines.truncate(lines + 1);
        let tail_start = (narrow.lines.len() > lines).then(|| narrow.lines[lines].text_start);
        narrow.lines.truncate(lines);
        // A word too wide for its line is cut (and marked) as in any paragraph: the lines
        // beside the cap at their narrower measure, the rest at the full one.
        let mut was_cut = self.cut_wide_words(&mut narrow, measure - indent, Pt::new(0.0));
        let mut set_lines = narrow.lines;
        let n = set_lines.len().min(lines);
        if let Some(start) = tail_start {
            let mut tail = self
                .setter
                .set(&slice(rest, start..rest.text.len()), &layout(measure));
            was_cut |= self.cut_wide_words(&mut tail, measure, Pt::new(0.0));
            set_lines.extend(tail.lines.into_iter().map(|mut l| {
                l.text_start += start;
                l
            }));
        }
        if was_cut {
            self.warn_cut(span);
        }
        for line in &mut set_lines {
            line.text_start += cap_bytes;
        }
        let mut lines_out = super::paragraph_lines(set_lines, x, leading, size);
        for (k, line) in lines_out.iter_mut().take(n).enumerate() {
            line.x = x + indent;
            // The cap's lines stay on one page.
            line.keep_with_next |= k + 1 < n;
        }
        if let Some(first) = lines_out.first_mut() {
            for mut run in cap_line.runs.into_iter().rev() {
                run.origin.x -= indent;
                run.origin.y += drop;
                first.line.runs.insert(0, run);
            }
        }
        self.push_text(lines_out, None);
        if n < lines {
            // A paragraph shorter than the cap: the cap's depth below it.
            self.elements.push(Element::Space {
                height: leading * (lines - n) as f64,
                is_discardable: false,
                keep_with_next: false,
            });
        }
    }

    /// `text` in small capitals: the font's `smcp`, else (a documented fallback) capitals
    /// of lower-case letters at 80%.
    pub(super) fn small_caps(&self, text: &str) -> Text {
        let mut out = Text::default();
        self.push_small_caps(&mut out, text, Format::plain(Style::SmallCaps));
        out
    }

    fn push_small_caps(&self, out: &mut Text, text: &str, format: Format) {
        if self.setter.fonts().has_small_caps() {
            return out.push(text, format);
        }
        let base = Format {
            style: Style::Regular,
            ..format
        };
        let mut buf = String::new();
        let mut is_lower = false;
        for c in text.chars() {
            let lower = c.is_lowercase();
            if lower != is_lower && !buf.is_empty() {
                push_case(out, &buf, is_lower, base);
                buf.clear();
            }
            is_lower = lower;
            buf.push(c);
        }
        push_case(out, &buf, is_lower, base);
    }

    /// `text` with its roman type up to byte `end` in small capitals.
    fn restyle_small_caps(&self, text: &Text, end: usize) -> Text {
        let mut out = Text::default();
        for (range, format) in &text.formats {
            let cut = end.clamp(range.start, range.end);
            if format.style == Style::Regular && cut > range.start {
                let caps = Format {
                    style: Style::SmallCaps,
                    ..*format
                };
                self.push_small_caps(&mut out, &text.text[range.start..cut], caps);
                out.push(&text.text[cut..range.end], *format);
            } else {
                out.push(&text.text[range.clone()], *format);
            }
        }
        out
    }
}

/// Lower-case letters as capitals at 80% (synthesised small capitals).
fn push_case(out: &mut Text, text: &str, is_lower: bool, format: Format) {
    if is_lower {
        let scale = format.scale * 0.8;
        out.push(&text.to_uppercase(), Format { scale, ..format });
    } else {
        out.push(text, format);
    }
}

fn plain(text: &str, style: Style) -> Text {
    let mut t = Text::default();
    t.push(text, Format::plain(style));
    t
}

/// `text`'s bytes `range`, with their formats.
fn slice(text: &Text, range: std::ops::Range<usize>) -> Text {
    let mut out = Text::default();
    for (r, format) in &text.formats {
        let (a, b) = (r.start.max(range.start), r.end.min(range.end));
        if a < b {
            out.push(&text.text[a..b], *format);
        }
    }
    out
}

/// `text` with each run's string changed by `f`.
fn map_text(text: &Text, f: impl Fn(&str, Format) -> (String, Format)) -> Text {
    let mut out = Text::default();
    for (range, format) in &text.formats {
        let (s, format) = f(&text.text[range.clone()], *format);
        out.push(&s, format);
    }
    out
}

/// Where a drop cap ends: after opening punctuation (quotes) and the first letter or digit;
/// None when the paragraph does not begin with one.
fn cap_end(text: &str) -> Option<usize> {
    for (at, c) in text.char_indices() {
        if c.is_alphanumeric() {
            let end = at + c.len_utf8();
            // Not a one-letter paragraph.
            return (end < text.len()).then_some(end);
        }
        if c.is_whitespace()
            || !matches!(
                c,
                '"' | '\'' | '\u{2018}' | '\u{201C}' | '(' | '[' | '\u{00AB}'
            )
        {
            return None;
        }
    }
    None
}

/// Where a lead-in ends: at the first punctuation after its first word, or after
/// `LEAD_IN_WORDS` words.
fn lead_in_end(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == LEAD_IN_WORDS {
                    return at;
                }
            }
            in_word = false;
        } else if matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '\u{2014}') && words > 0 {
            return at;
        } else {
            in_word = true;
        }
    }
    text.len()
}

/// Whether `language` (BCP 47; empty when unset) is English.
fn is_english(language: &str) -> bool {
    let (primary, _, _) = crate::doc::labels::subtags(language);
    primary.is_empty() || primary == "en"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_take_opening_quotes_and_one_letter() {
        assert_eq!(cap_end("Call me Ishmael."), Some(1));
        assert_eq!(cap_end("\u{201C}Yes,\u{201D} he said"), Some(4));
        assert_eq!(cap_end("I"), None);
        assert_eq!(cap_end(" x"), None);
    }

    #[test]
    fn lead_ins_stop_at_punctuation_or_four_words() {
        assert_eq!(lead_in_end("Call me Ishmael. Some years"), 15);
        assert_eq!(lead_in_end("It was a dark and stormy night"), 13);
    }
}
