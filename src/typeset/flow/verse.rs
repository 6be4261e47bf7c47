//! Verse → elements: a stanza (a paragraph in a quote whose lines end in hard breaks) is set
//! line by line, flush left with no first-line indent; a line too long for the measure wraps
//! with a hanging indent; a blank line separates stanzas; a stanza does not leave one line
//! alone at the foot or the head of a page, nor part a wrapped line.

use super::super::design;
use super::super::text::{Align, Layout, Style};
use super::{Flow, paragraph_lines};
use crate::doc::{self, Inline};
use crate::units::Pt;

impl Flow<'_, '_> {
    /// Sets the stanza `content` at `x`, `measure` wide.
    pub(super) fn stanza(&mut self, content: &[Inline], x: Pt, measure: Pt) {
        let hang = design::VERSE_HANG.at(self.m.size);
        // The continuation of a wrapped line stands `hang` in; the first line is set as
        // narrow, so that the continuation fits.
        let hang = if measure - hang < self.base_width * design::MIN_MEASURE_SHARE {
            Pt::new(0.0)
        } else {
            hang
        };
        let layout = Layout::aligned(self.m.size, measure - hang, Align::Left);
        let mut lines = Vec::new();
        let mut continues = Vec::new();
        for verse in doc::verse_lines(content) {
            let text = self.text(verse, Style::Regular);
            let set = self.setter.set(&text, &layout);
            for (k, line) in set.lines.into_iter().enumerate() {
                continues.push(k > 0);
                lines.push(line);
            }
        }
        if lines.is_empty() {
            return;
        }
        let mut set = paragraph_lines(lines, x, self.m.leading, self.m.size);
        for k in 0..set.len() {
            if continues[k] {
                set[k].x = x + hang;
                set[k - 1].keep_with_next = true;
            }
        }
        self.gap(design::QUOTE_GAP);
        self.push_text(set, None);
        self.gap(design::QUOTE_GAP);
    }
}
