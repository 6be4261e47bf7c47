//! A table's cells as styled text → bands of the vertical list: column widths from the
//! content (HTML's auto table layout), type shrunk to fit before cells wrap, cells set by the
//! paragraph setter, booktabs rules (above, under the header, below; none between columns).
//!
//! The header is one band; each line of a body row is a band, kept with the next band of its
//! row, so page breaks fall between rows (and split a row only when it is taller than a page:
//! then between its lines, as page building breaks where nothing allows a break). Neither the
//! first nor the last row is left alone on a page.
//! Each body band names the header band, which page building repeats on continuation pages.

mod bands;

pub(in crate::typeset) use bands::{cut, shift};
mod columns;

pub use bands::{Band, Rule};
pub use columns::{Needs, Plan, plan};

use super::text::{Align, Layout, Line, Setter, Text};
use crate::doc::script;
use crate::units::{Em, Pt};
use bands::{Bands, ROW_GAP};

/// Space between columns, at the table's type size.
const COLUMN_GAP: Em = Em::new(1.0);
/// Added to a column's width when setting its cells, so that float noise does not wrap a
/// cell measured to fit exactly.
const SLACK: Pt = Pt::new(0.05);

/// A table to set: each cell's text (header cells bold, as the caller styles them) and each
/// column's alignment.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// Header cells; none, or all blank, for a table without a header.
    pub head: Vec<Text>,
    /// Body rows.
    pub rows: Vec<Vec<Text>>,
    /// Column alignments; columns beyond these are flush left.
    pub aligns: Vec<Align>,
}

/// Where a table goes and the type it is set against.
#[derive(Clone, Copy, Debug)]
pub struct Area {
    /// Left edge of the space the table may take, from the text block's left edge.
    pub x: Pt,
    /// Width it may take.
    pub width: Pt,
    /// Body type size.
    pub size: Pt,
    /// Body leading.
    pub leading: Pt,
}

/// A set table.
#[derive(Clone, Debug, Default)]
pub struct SetTable {
    /// The bands: the header first (if any), then each body row's lines.
    pub bands: Vec<SetBand>,
    /// The type size and column widths chosen.
    #[allow(
        dead_code,
        reason = "the tests check the plan chosen; paging needs only the bands"
    )]
    pub plan: Plan,
    /// Words that were cut because even at the smallest type they are wider than their
    /// column (the caller warns).
    pub cut_words: Vec<String>,
}

/// Sets a table in `area`: measures the cells, plans the columns, sets each cell in its
/// column, and stacks the rows into bands.
pub fn set(setter: &mut Setter, table: &Table, area: &Area) -> SetTable {
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.head.len(), table.aligns.len()])
        .max()
        .unwrap_or(0);
    if columns == 0 {
        return SetTable::default();
    }
    let has_head = table.head.iter().any(|t| !t.is_blank());
    let head_row = has_head.then_some(table.head.as_slice());
    let rows = || {
        head_row
            .into_iter()
            .chain(table.rows.iter().map(Vec::as_slice))
    };
    let mut needs = vec![Needs::default(); columns];
    for row in rows() {
        for (c, need) in needs.iter_mut().enumerate() {
            let found = measure(setter, cell(row, c), area.size);
            need.natural = need.natural.max(found.natural);
            need.word = need.word.max(found.word);
            need.piece = need.piece.max(found.piece);
        }
    }
    let plan = plan(&needs, COLUMN_GAP.at(area.size), area.width);
    let size = area.size * plan.scale;
    let align = |c: usize| table.aligns.get(c).copied().unwrap_or(Align::Left);
    let mut cut_words = Vec::new();
    let mut set_rows: Vec<Vec<Vec<Line>>> = rows()
        .map(|row| {
            (0..columns)
                .map(|c| {
                    let column = (plan.widths[c], align(c));
                    set_cell(setter, cell(row, c), column, size, &mut cut_words)
                })
                .collect()
        })
        .collect();
    let head = if has_head && !set_rows.is_empty() {
        Some(set_rows.remove(0))
    } else {
        None
    };
    let bands = bands(&plan, area, (0..columns).map(align).collect(), &set_rows);
    SetTable {
        bands: stack(&bands, head, set_rows),
        plan,
        cut_words,
    }
}

/// Cell `c` of a row (empty where the row is short).
fn cell(row: &[Text], c: usize) -> &Text {
    static EMPTY: Text = Text {
        text: String::new(),
        formats: Vec::new(),
    };
    row.get(c).unwrap_or(&EMPTY)
}

/// Sets a cell in its column (width and alignment); a line still too wide (a word without a
/// break opportunity that fits) is cut, and its text noted in `cut_words`.
fn set_cell(
    setter: &mut Setter,
    text: &Text,
    (width, align): (Pt, Align),
    size: Pt,
    cut_words: &mut Vec<String>,
) -> Vec<Line> {
    let layout = Layout::aligned(size, width + SLACK, align);
    let set = setter.set(text, &layout);
    let mut lines = Vec::new();
    for line in set.lines {
        if layout.measure.fits(line.width) {
            lines.push(line);
            continue;
        }
        cut_words.push(line.runs.iter().map(|r| r.text.as_str()).collect());
        for mut piece in cut(line, width) {
            let room = layout.measure - piece.width;
            match align {
                Align::Right => shift(&mut piece, room),
                Align::Center => shift(&mut piece, room * 0.5),
                _ => {}
            }
            lines.push(piece);
        }
    }
    lines
}

/// The band builder for the plan: columns placed left to right, the table centred in the
/// area; rows spaced apart when some row wraps.
fn bands(plan: &Plan, area: &Area, aligns: Vec<Align>, body: &[Vec<Vec<Line>>]) -> Bands {
    let width = plan.width();
    let left = area.x + ((area.width - width) * 0.5).max(Pt::new(0.0));
    let mut xs = Vec::with_capacity(plan.widths.len());
    let mut x = left;
    for (w, align) in plan.widths.iter().zip(aligns) {
        // Cells are set on their column's width plus `SLACK`: flush right and centred lines
        // move back by what that adds.
        xs.push(match align {
            Align::Right => x - SLACK,
            Align::Center => x - SLACK * 0.5,
            _ => x,
        });
        x += *w + plan.gap;
    }
    let leading = area.leading * plan.scale;
    let is_wrapped = body.iter().any(|cells| cells.iter().any(|l| l.len() > 1));
    Bands {
        xs,
        left,
        width,
        size: area.size * plan.scale,
        leading,
        body_size: area.size,
        row_gap: if is_wrapped {
            leading * ROW_GAP
        } else {
            Pt::new(0.0)
        },
    }
}

/// A band of a set table, with where a page may break.
#[derive(Clone, Debug)]
pub struct SetBand {
    /// The lines and rules.
    pub band: Band,
    /// No page break may follow.
    pub keep_with_next: bool,
    /// Whether this is the header (repeated on the pages the table continues on).
    pub is_header: bool,
}

/// The header band (kept with what follows), then each body row's bands: no page break
/// inside a row, nor after the first row or before the last (a lone row under a repeated
/// header, or left at a page foot, reads as a stray).
fn stack(bands: &Bands, head: Option<Vec<Vec<Line>>>, body: Vec<Vec<Vec<Line>>>) -> Vec<SetBand> {
    let mut stacked = Vec::new();
    if let Some(head) = head {
        stacked.push(SetBand {
            band: bands.head(head),
            keep_with_next: true,
            is_header: true,
        });
    }
    let rows = body.len();
    for (r, cells) in body.into_iter().enumerate() {
        let row = bands.row(cells, r == 0 && stacked.is_empty(), r + 1 == rows);
        let n = row.len();
        let keep_row = (r == 0 || r + 2 == rows) && r + 1 < rows;
        for (k, band) in row.into_iter().enumerate() {
            stacked.push(SetBand {
                band,
                keep_with_next: k + 1 < n || keep_row,
                is_header: false,
            });
        }
    }
    stacked
}

/// What one cell needs, at `size`.
fn measure(setter: &mut Setter, text: &Text, size: Pt) -> Needs {
    let mut widest = |text: &Text, measure: Pt| {
        let layout = Layout::aligned(size, measure, Align::Left);
        let set = setter.set(text, &layout);
        set.lines
            .iter()
            .map(|l| l.width)
            .fold(Pt::new(0.0), Pt::max)
    };
    let natural = widest(text, Pt::new(1.0e6));
    // Each word on a line of its own: a space and a forced break take one byte each, so the
    // formats still fit the text.
    // (Not a space that holds: one before a CJK closing mark.)
    let chars: Vec<char> = text.text.chars().collect();
    let breaks = |k: usize| {
        chars[k] == ' '
            && !(chars[k + 1..].iter())
                .find(|c| **c != ' ')
                .is_some_and(|c| script::is_cjk_no_line_start(*c))
    };
    let words = Text {
        text: (0..chars.len())
            .map(|k| if breaks(k) { '\n' } else { chars[k] })
            .collect(),
        formats: text.formats.clone(),
    };
    let word = widest(&words, Pt::new(1.0e6));
    // A measure too narrow for anything: the breaker breaks at every opportunity it has.
    let piece = widest(&words, Pt::new(0.0)).min(word);
    Needs {
        natural,
        word,
        piece,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::doc::FontFiles;
    use crate::typeset::text::Format;
    use crate::typeset::text::{FontSet, Style};

    fn pt(v: f64) -> Pt {
        Pt::new(v)
    }

    pub(crate) fn fonts() -> FontSet {
        FontSet::new(crate::project::fonts::faces(&FontFiles::default()))
            .expect("the built-in fonts parse")
    }

    pub(crate) fn setter(fonts: &FontSet) -> Setter<'_> {
        Setter::new(
            fonts,
            "en",
            crate::typeset::text::Hyphenation {
                enabled: true,
                min_before: 2,
                min_after: 3,
            },
        )
    }

    pub(crate) fn text(s: &str, style: Style) -> Text {
        let mut t = Text::default();
        t.push(s, Format::plain(style));
        t
    }

    pub(crate) fn table(head: &[&str], rows: &[&[&str]], aligns: &[Align]) -> Table {
        Table {
            head: head.iter().map(|s| text(s, Style::Bold)).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|s| text(s, Style::Regular)).collect())
                .collect(),
            aligns: aligns.to_vec(),
        }
    }

    pub(crate) const AREA: Area = Area {
        x: Pt::new(0.0),
        width: Pt::new(300.0),
        size: Pt::new(10.0),
        leading: Pt::new(12.0),
    };

    fn bands(set: &SetTable) -> Vec<&Band> {
        set.bands.iter().map(|b| &b.band).collect()
    }

    /// Every drawn glyph's left edge and the right edge of each line, over all bands.
    fn extent(set: &SetTable) -> (Pt, Pt) {
        let mut left = pt(f64::MAX);
        let mut right = pt(f64::MIN);
        for band in bands(set) {
            for (at, line) in &band.lines {
                for run in &line.runs {
                    for glyph in &run.glyphs {
                        left = left.min(at.x + run.origin.x + glyph.x);
                    }
                }
                right = right.max(at.x + line.width);
            }
            for rule in &band.rules {
                left = left.min(rule.x);
                right = right.max(rule.x + rule.width);
            }
        }
        (left, right)
    }

    #[test]
    fn column_widths_follow_the_content_and_alignment_places_the_cells() {
        let fonts = fonts();
        let mut setter = setter(&fonts);
        let t = table(
            &["Length", "Signed"],
            &[&["8-bit", "i8"], &["Architecture-dependent", "isize"]],
            &[Align::Left, Align::Right],
        );
        let set = set(&mut setter, &t, &AREA);
        let plan = &set.plan;
        assert_eq!(plan.scale, 0.9);
        assert!(!plan.is_wrapped);
        // The first column is as wide as its widest cell, set alone.
        let alone = setter.set(
            &text("Architecture-dependent", Style::Regular),
            &Layout {
                size: pt(9.0),
                measure: pt(1000.0),
                indent: pt(0.0),
                align: Align::Left,
                looseness: 0,
            },
        );
        assert!((plan.widths[0] - alone.lines[0].width).get().abs() < 0.01);
        assert!(plan.widths[0] > plan.widths[1] * 2.0);
        // Header, two one-line rows; right-aligned cells end at the column's right edge.
        let bands = bands(&set);
        assert_eq!(bands.len(), 3);
        let (table_left, table_right) = extent(&set);
        assert!((table_right - table_left - plan.width()).get().abs() < 0.01);
        for band in &bands {
            let right_cell = band.lines.iter().find(|(at, _)| at.x > table_left);
            let Some((at, line)) = right_cell else {
                panic!("no second cell in {band:?}")
            };
            let end = at.x + line.runs[0].origin.x + line.width - line.runs[0].origin.x;
            assert!(
                (end - table_right).get().abs() < 0.1,
                "{end:?} {table_right:?}"
            );
            let left_cell = &band.lines[0];
            assert!(
                (left_cell.0.x + left_cell.1.runs[0].origin.x - table_left)
                    .get()
                    .abs()
                    < 0.01
            );
        }
        // Centred in the area; rules above, under the header, and below.
        assert!(
            ((table_left - AREA.x) - (AREA.x + AREA.width - table_right))
                .get()
                .abs()
                < 0.01
        );
        let rules: usize = bands.iter().map(|b| b.rules.len()).sum();
        assert_eq!(rules, 3);
        assert_eq!(bands[0].rules.len(), 2);
        assert_eq!(bands[2].rules.len(), 1);
    }

    #[test]
    fn a_wide_table_shrinks_then_wraps_and_stays_in_the_measure() {
        let fonts = fonts();
        let mut setter = setter(&fonts);
        let prose = "Short-circuiting logical conjunction of two boolean expressions, \
                     evaluated left to right and stopping as soon as the result is known";
        let t = table(
            &["Operator", "Example", "Explanation"],
            &[
                &["&&", "expr && expr", prose],
                &["..=", "start..=end", "Right-inclusive range literal"],
            ],
            &[Align::Left, Align::Left, Align::Left],
        );
        let set = set(&mut setter, &t, &AREA);
        assert!(set.plan.is_wrapped);
        assert!(set.cut_words.is_empty());
        let (left, right) = extent(&set);
        assert!(
            left >= AREA.x && (AREA.x + AREA.width).fits(right),
            "{left:?}..{right:?}"
        );
        // The prose row takes several bands, kept together; the row's last band allows a
        // break, and every body band names the header.
        let body: Vec<(bool, bool)> = set
            .bands
            .iter()
            .skip(1)
            .map(|b| (b.keep_with_next, b.is_header))
            .collect();
        assert!(set.bands[0].is_header);
        assert!(body.len() >= 3, "{body:?}");
        assert!(body[0].0 && !body[body.len() - 1].0);
        assert!(body.iter().all(|(_, is_header)| !is_header));
        // A table too wide even in wrapped 0.9 type: words that cannot fit are cut, and
        // nothing is drawn outside the area.
        let narrow = Area {
            width: pt(60.0),
            ..AREA
        };
        let t = table(
            &["A", "B"],
            &[&["Incomprehensibilities", "Antidisestablishmentarianism"]],
            &[Align::Left, Align::Right],
        );
        let set = super::set(&mut setter, &t, &narrow);
        assert_eq!(set.plan.scale, 0.7);
        let (left, right) = extent(&set);
        assert!(
            left >= narrow.x && (narrow.x + narrow.width).fits(right),
            "{left:?}..{right:?}"
        );
        let xxx = Area {
            width: pt(30.0),
            ..AREA
        };
        let t = table(
            &["A"],
            &[&["xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]],
            &[],
        );
        let set = super::set(&mut setter, &t, &xxx);
        assert_eq!(set.cut_words.len(), 1);
        let (left, right) = extent(&set);
        assert!(
            left >= xxx.x && (xxx.x + xxx.width).fits(right),
            "{left:?}..{right:?}"
        );
        let text: String = bands(&set)
            .iter()
            .flat_map(|b| b.lines.iter())
            .flat_map(|(_, l)| l.runs.iter())
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(text, "Axxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    }

    #[test]
    fn words_and_pieces_are_narrower_than_the_whole() {
        let fonts = fonts();
        let mut setter = setter(&fonts);
        let needs = measure(
            &mut setter,
            &text("an incomprehensibility remains", Style::Regular),
            pt(10.0),
        );
        assert!(
            needs.piece < needs.word && needs.word < needs.natural,
            "{needs:?}"
        );
        let word = measure(
            &mut setter,
            &text("incomprehensibility", Style::Regular),
            pt(10.0),
        );
        assert!((word.word - needs.word).get().abs() < 0.01);
    }
}
