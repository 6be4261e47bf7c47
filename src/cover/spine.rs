//! Interior page count and paper → spine width, and whether the spine is wide enough for text.

use crate::project::metadata::Paper;
use crate::units::Pt;

/// Pages a book needs before KDP allows text on its spine (more than 79, as the same cover
/// guides quote KDP).
pub const KDP_SPINE_TEXT_PAGES: usize = 80;

/// The narrowest spine folio sets text on: a quarter inch. KDP's own floor (80 pages, about
/// 0.18 in on white paper) leaves, after `FOLD_CLEARANCE` on each side, 0.05 in (4 pt) for
/// the letters, too small to read; at 0.25 in they get 0.125 in, type of about 7 pt.
pub const SPINE_TEXT_MIN: f64 = 0.25;

/// Space kept between spine text and each fold, in inches: the 0.0625 in by which KDP lets
/// the fold wander.
pub const FOLD_CLEARANCE: f64 = 0.0625;

/// The thickness of one page (half a leaf) of paper, in inches per page: Amazon KDP's
/// spine factors for black-and-white interiors, white 0.002252 in and cream 0.0025 in. We
/// read them in the cover guides built on KDP's formula (publishing.co.uk's and
/// kdpprintcover.com's spine calculators; 300 white pages give 0.6756 in in both), not in
/// KDP's own help pages, which we could not reach. IngramSpark publishes its stocks' bulk
/// only through its cover template generator; third-party guides quote about 440 pages per
/// inch for its white and 430 for its cream (0.00227 and 0.00233 in a page), which we could
/// not check either, so KDP's figures serve every printer. The two differ by less than the
/// 0.0625 in a printer tolerates up to about 3,000 pages on white and 350 on cream.
pub fn page_thickness(paper: Paper) -> f64 {
    match paper {
        Paper::White => 0.002252,
        Paper::Cream => 0.0025,
    }
}

/// Printed pages: the interior's page count rounded up to an even number, since every leaf
/// has two sides (printers add a blank last page to an odd count).
pub fn printed_pages(interior_pages: usize) -> usize {
    interior_pages.next_multiple_of(2)
}

/// The spine width for an interior of `interior_pages` pages on `paper`.
pub fn width(interior_pages: usize, paper: Paper) -> Pt {
    Pt::from_in(printed_pages(interior_pages) as f64 * page_thickness(paper))
}

/// Whether a spine of `width` for `interior_pages` pages carries the title and author.
pub fn has_text(interior_pages: usize, width: Pt) -> bool {
    printed_pages(interior_pages) >= KDP_SPINE_TEXT_PAGES && width.get() >= SPINE_TEXT_MIN * 72.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inches(pt: Pt) -> f64 {
        pt.get() / 72.0
    }

    #[test]
    fn three_hundred_white_pages_make_a_spine_of_0_6756_inch() {
        assert!((inches(width(300, Paper::White)) - 0.6756).abs() < 1e-9);
        assert!((inches(width(300, Paper::Cream)) - 0.75).abs() < 1e-9);
    }

    #[test]
    fn an_odd_page_count_is_printed_with_a_blank_last_page() {
        assert_eq!(printed_pages(301), 302);
        assert_eq!(width(301, Paper::White), width(302, Paper::White));
    }

    #[test]
    fn spine_text_needs_80_pages_and_a_quarter_inch() {
        // 100 cream pages are 0.25 in; 100 white pages only 0.2252 in.
        assert!(has_text(100, width(100, Paper::Cream)));
        assert!(!has_text(100, width(100, Paper::White)));
        assert!(has_text(112, width(112, Paper::White)));
        assert!(!has_text(78, Pt::from_in(0.3)));
    }
}
