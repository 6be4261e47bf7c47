//! What each column's cells need → the table's type size and column widths (HTML's auto
//! table layout, after shrinking the type a little).

use crate::units::Pt;

/// Type sizes tried, relative to the body size, largest first: a table too wide for the
/// measure is set smaller before its cells wrap, down to `UNWRAPPED_FLOOR`; a table that must
/// wrap is set at the largest size where its words fit, down to the last.
const SCALES: [f64; 5] = [0.9, 0.85, 0.8, 0.75, 0.7];
/// The smallest size at which a table is set to avoid wrapping: below it, prose cells read
/// better wrapped at a larger size (on the Rust book, 0.7 made a table of explanations
/// 7-point type; wrapped at 0.9 it reads as the text around it).
const UNWRAPPED_FLOOR: f64 = 0.8;

/// How a table is set: type size and column widths.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// Type size relative to the body size.
    pub scale: f64,
    /// Width of each column.
    pub widths: Vec<Pt>,
    /// Space between columns.
    pub gap: Pt,
    /// Whether some cell wraps.
    pub is_wrapped: bool,
}

impl Plan {
    /// The table's width.
    pub fn width(&self) -> Pt {
        self.widths.iter().copied().sum::<Pt>()
            + self.gap * self.widths.len().saturating_sub(1) as f64
    }
}

/// What a column's cells need, at the body size.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Needs {
    /// Its widest cell set on one line (each line of a cell with forced breaks).
    pub natural: Pt,
    /// Its widest word (text between spaces).
    pub word: Pt,
    /// Its widest piece between any break opportunities (hyphenation points, breaks in code).
    pub piece: Pt,
}

/// Chooses the type size and column widths for columns that need `needs` (at the body size),
/// `gap` apart (at the body size), in `available` width. The table is never wider than
/// `available`: at the largest size in `SCALES`, down to `UNWRAPPED_FLOOR`, where it fits
/// unwrapped, it is set at its natural width; else its cells wrap at the largest size where
/// every word fits, the space beyond each column's minimum shared out as its natural width
/// exceeds that minimum (HTML's auto layout); else at the smallest size, words hyphenate, and
/// where even their pieces do not fit, columns get widths in proportion to them (and the
/// caller cuts what overflows).
pub fn plan(needs: &[Needs], gap: Pt, available: Pt) -> Plan {
    let n = needs.len();
    let gaps = |scale: f64| {
        // Gaps never take more than a third of the width.
        let wanted = gap * scale * n.saturating_sub(1) as f64;
        wanted.min(available * (1.0 / 3.0))
    };
    let gap_at = |scale: f64| gaps(scale) * (1.0 / n.saturating_sub(1).max(1) as f64);
    let sum = |f: fn(&Needs) -> Pt, scale: f64| -> Pt { needs.iter().map(f).sum::<Pt>() * scale };
    let natural = |c: &Needs| c.natural;
    let word = |c: &Needs| c.word;
    let piece = |c: &Needs| c.piece;
    for scale in SCALES.into_iter().filter(|&s| s >= UNWRAPPED_FLOOR) {
        if available.fits(sum(natural, scale) + gaps(scale)) {
            return Plan {
                scale,
                widths: needs.iter().map(|c| c.natural * scale).collect(),
                gap: gap_at(scale),
                is_wrapped: false,
            };
        }
    }
    let distribute = |min: fn(&Needs) -> Pt, scale: f64| -> Plan {
        let room = available - gaps(scale);
        let spare = room - sum(min, scale);
        let flexible: Pt = needs.iter().map(|c| (c.natural - min(c)) * scale).sum();
        let widths = needs
            .iter()
            .map(|c| {
                let (low, high) = (min(c) * scale, c.natural * scale);
                if flexible.get() > 0.0 {
                    low + spare * ((high - low) / flexible)
                } else {
                    low + spare * (1.0 / n as f64)
                }
            })
            .collect();
        Plan {
            scale,
            widths,
            gap: gap_at(scale),
            is_wrapped: true,
        }
    };
    for scale in SCALES {
        if available.fits(sum(word, scale) + gaps(scale)) {
            return distribute(word, scale);
        }
    }
    let smallest = SCALES[SCALES.len() - 1];
    if available.fits(sum(piece, smallest) + gaps(smallest)) {
        return distribute(piece, smallest);
    }
    // Nothing fits: the columns whose pieces fit an even share of the room get what they
    // need, narrowest first; the rest share what is left evenly (and their words are cut).
    let mut room = available - gaps(smallest);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| needs[a].piece.get().total_cmp(&needs[b].piece.get()));
    let mut widths = vec![Pt::new(0.0); n];
    for (k, &c) in order.iter().enumerate() {
        let share = room * (1.0 / (n - k) as f64);
        widths[c] = (needs[c].piece * smallest).min(share);
        room -= widths[c];
    }
    Plan {
        scale: smallest,
        widths,
        gap: gap_at(smallest),
        is_wrapped: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(v: f64) -> Pt {
        Pt::new(v)
    }

    #[test]
    fn a_narrow_table_takes_its_natural_widths_at_nine_tenths() {
        let needs = [
            Needs {
                natural: pt(40.0),
                word: pt(20.0),
                piece: pt(10.0),
            },
            Needs {
                natural: pt(100.0),
                word: pt(30.0),
                piece: pt(15.0),
            },
        ];
        let plan = plan(&needs, pt(10.0), pt(300.0));
        assert_eq!(plan.scale, 0.9);
        assert_eq!(plan.widths, vec![pt(36.0), pt(90.0)]);
        assert!(!plan.is_wrapped);
    }

    #[test]
    fn a_slightly_wide_table_shrinks_its_type_before_wrapping() {
        let needs = [
            Needs {
                natural: pt(150.0),
                word: pt(20.0),
                piece: pt(10.0),
            },
            Needs {
                natural: pt(190.0),
                word: pt(30.0),
                piece: pt(15.0),
            },
        ];
        // 350 at full size: 315 at 0.9, 297.5 at 0.85.
        let plan = plan(&needs, pt(10.0), pt(300.0));
        assert_eq!(plan.scale, 0.85);
        assert!(!plan.is_wrapped);
        assert!(pt(300.0).fits(plan.width()));
        // One that would need 0.7 to fit unwrapped wraps at 0.9 instead.
        let needs = [
            needs[0],
            Needs {
                natural: pt(250.0),
                ..needs[1]
            },
        ];
        let plan = super::plan(&needs, pt(10.0), pt(300.0));
        assert_eq!(plan.scale, 0.9);
        assert!(plan.is_wrapped);
        assert!(pt(300.0).fits(plan.width()));
    }

    #[test]
    fn a_wide_table_wraps_sharing_the_room_as_html_auto_layout_does() {
        // Column 0 cannot wrap (min = natural); column 1 is prose.
        let needs = [
            Needs {
                natural: pt(60.0),
                word: pt(60.0),
                piece: pt(60.0),
            },
            Needs {
                natural: pt(900.0),
                word: pt(50.0),
                piece: pt(20.0),
            },
        ];
        let plan = plan(&needs, pt(10.0), pt(300.0));
        assert_eq!(plan.scale, 0.9, "words fit at 0.9: no need to shrink");
        assert!(plan.is_wrapped);
        assert!((plan.width() - pt(300.0)).get().abs() < 1e-9);
        assert!((plan.widths[0] - pt(54.0)).get().abs() < 1e-9, "{plan:?}");
        // Two columns whose words do not fit at 0.9 shrink to the size where they do.
        let wide = Needs {
            natural: pt(900.0),
            word: pt(170.0),
            piece: pt(40.0),
        };
        let plan = super::plan(&[wide, wide], pt(10.0), pt(300.0));
        assert_eq!(plan.scale, 0.85);
        assert!(pt(300.0).fits(plan.width()));
        assert!(plan.widths.iter().all(|w| w.fits(wide.word * 0.85)));
    }

    #[test]
    fn a_table_of_unbreakable_words_never_exceeds_the_measure() {
        let wide = Needs {
            natural: pt(900.0),
            word: pt(400.0),
            piece: pt(400.0),
        };
        let plan = plan(&[wide, wide, wide], pt(10.0), pt(300.0));
        assert_eq!(plan.scale, 0.7);
        assert!(pt(300.0).fits(plan.width()), "{plan:?}");
        // A narrow column beside a monster keeps its words whole.
        let short = Needs {
            natural: pt(30.0),
            word: pt(30.0),
            piece: pt(20.0),
        };
        let plan = super::plan(&[wide, short, short], pt(10.0), pt(300.0));
        assert!(pt(300.0).fits(plan.width()), "{plan:?}");
        assert_eq!(plan.widths[1], short.piece * 0.7);
        assert!(plan.widths[0] > pt(200.0));
    }
}
