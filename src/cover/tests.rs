//! Tests of the cover layout on a small book in the built-in fonts.

use super::*;
use crate::doc::{FontFiles, Metadata};

fn inches(pt: Pt) -> f64 {
    pt.get() / 72.0
}

fn setup() -> PageSetup {
    PageSetup {
        trim_width: Pt::from_in(6.0),
        trim_height: Pt::from_in(9.0),
        bleed: Pt::new(0.0),
        ..PageSetup::default()
    }
}

fn book() -> Book {
    Book {
        metadata: Metadata {
            title: "Moby-Dick".into(),
            subtitle: Some("or, The Whale".into()),
            authors: vec!["Herman Melville".into()],
            language: "en".into(),
            description: Some("A sailor's narrative of the obsessive quest of Ahab. ".repeat(6)),
            identifier: Identifier::Isbn("9780142437247".into()),
            ..Metadata::default()
        },
        ..Book::default()
    }
}

fn lay_out(book: &Book, pages: usize) -> (Pages, Vec<Diagnostic>) {
    let fonts = FontSet::new(crate::project::fonts::faces(&FontFiles::default())).unwrap();
    let options = Options {
        interior_pages: pages,
        paper: Paper::White,
        cover_span: None,
    };
    typeset(book, &fonts, &setup(), &options)
}

fn runs(pages: &Pages) -> impl Iterator<Item = (&TextRun, bool)> {
    pages.pages[0].items.iter().filter_map(|item| match item {
        Placed::Text(run) => Some((run, false)),
        Placed::TurnedText(run) => Some((run, true)),
        _ => None,
    })
}

#[test]
fn sheet_is_two_trims_and_the_spine_wide_with_default_bleed() {
    let g = Geometry::new(&setup(), 300, Paper::White);
    let (w, h) = g.sheet();
    assert!((inches(w) - (2.0 * 6.0 + 0.6756 + 2.0 * 0.125)).abs() < 1e-9);
    assert!((inches(h) - (9.0 + 0.25)).abs() < 1e-9);
    let (pages, _) = lay_out(&book(), 300);
    let media_w = pages.trim_width + pages.bleed * 2.0;
    assert!((media_w - w).get().abs() < 1e-9);
}

#[test]
fn the_book_bleed_is_used_when_set() {
    let mut setup = setup();
    setup.bleed = Pt::from_in(0.2);
    assert_eq!(
        Geometry::new(&setup, 100, Paper::Cream).bleed,
        Pt::from_in(0.2)
    );
}

#[test]
fn text_stays_in_the_safe_areas_of_its_panels() {
    let (pages, diags) = lay_out(&book(), 300);
    assert!(diags.is_empty(), "{diags:?}");
    let g = Geometry::new(&setup(), 300, Paper::White);
    let safe = Pt::from_in(SAFE);
    let mut turned = 0;
    let mut front = String::new();
    for (run, is_turned) in runs(&pages) {
        let (x, y) = (run.origin.x, run.origin.y);
        if is_turned {
            turned += 1;
            let clearance = Pt::from_in(spine::FOLD_CLEARANCE);
            assert!(x > g.spine_x() + clearance && x < g.front_x() - clearance);
            assert!(y >= g.bleed + safe && y < g.bleed + g.trim_height - safe);
        } else if x < g.spine_x() {
            assert!(x >= g.back_x() + safe - Pt::new(0.01), "{}", run.text);
            assert!(
                y <= g.bleed + g.trim_height - safe + Pt::new(0.01),
                "{}",
                run.text
            );
        } else {
            assert!(x >= g.front_x() + safe - Pt::new(0.01), "{}", run.text);
            front.push_str(&run.text);
        }
    }
    assert_eq!(turned, 2, "title and author on the spine");
    // Runs hold no spaces (word spaces are gaps between glyphs).
    assert_eq!(front, "Moby-Dickor,TheWhaleHermanMelville");
}

#[test]
fn description_stops_above_the_barcode_box() {
    let (pages, _) = lay_out(&book(), 300);
    let g = Geometry::new(&setup(), 300, Paper::White);
    let barcode_top = g.bleed + g.trim_height - Pt::from_in(BARCODE.1 + BARCODE.2);
    let barcode_left = g.spine_x() - Pt::from_in(BARCODE.0 + BARCODE.2);
    for (run, _) in runs(&pages) {
        if run.origin.x < g.spine_x() && run.origin.y > barcode_top {
            assert!(run.text.starts_with("ISBN"), "{}", run.text);
            let end = run.origin.x + run.glyphs.last().map_or(Pt::new(0.0), |g| g.x);
            assert!(end < barcode_left);
        }
    }
}

#[test]
fn a_long_description_is_cut_with_a_warning() {
    let mut book = book();
    book.metadata.description = Some("Call me Ishmael. ".repeat(400));
    let (_, diags) = lay_out(&book, 300);
    assert_eq!(diags.len(), 1);
    assert!(
        diags[0].message.contains("the rest is left out"),
        "{}",
        diags[0].message
    );
}

#[test]
fn a_thin_spine_has_no_text() {
    let (pages, _) = lay_out(&book(), 60);
    assert_eq!(runs(&pages).filter(|r| r.1).count(), 0);
}
