//! The typesetter on real text: the sample book's pages as a text dump (golden), and the
//! rules every page must keep.

use std::path::Path;

use folio::typeset::{self, font::FontSet};
use folio::{markdown, project};

fn typeset_book(dir: &Path) -> (typeset::page::Pages, Vec<folio::diag::Diagnostic>) {
    let project = project::load(dir).expect("the book loads");
    let book = markdown::parse_book(&project).expect("the book parses");
    let fonts = FontSet::with_files(&project.fonts).expect("the fonts parse");
    typeset::typeset(&book, &fonts, &project.config.pdf.setup, 2).expect("the book typesets")
}

#[test]
fn pages_that_continue_a_chapter_end_at_most_one_line_short() {
    use folio::typeset::page::Placed;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (pages, _) = typeset_book(&root.join("book"));
    let project = project::load(&root.join("book")).unwrap();
    let setup = &project.config.pdf.setup;
    let top = setup.margin_top + setup.bleed;
    let lines = ((setup.trim_height - setup.margin_top - setup.margin_bottom - setup.font_size)
        / setup.leading)
        .floor();
    let last_grid_line = (top + setup.font_size + setup.leading * lines).get();
    let text_bottom = (top + setup.trim_height - setup.margin_top - setup.margin_bottom).get();
    let body_bottoms: Vec<Option<f64>> = pages
        .pages
        .iter()
        .map(|page| {
            page.items
                .iter()
                .filter_map(|item| match item {
                    Placed::Text(run)
                        if run.origin.y.get() > top.get()
                            && run.origin.y.get() <= text_bottom + 0.1 =>
                    {
                        Some(run.origin.y.get())
                    }
                    _ => None,
                })
                .reduce(f64::max)
        })
        .collect();
    let continues = |n: usize| {
        pages.pages.get(n + 1).is_some_and(|p| {
            p.items
                .iter()
                .any(|i| matches!(i, Placed::Text(r) if r.origin.y.get() < top.get()))
        })
    };
    let has_head = |n: usize| {
        pages.pages[n]
            .items
            .iter()
            .any(|i| matches!(i, Placed::Text(r) if r.origin.y.get() < top.get()))
    };
    let mut checked = 0;
    for (n, bottom) in body_bottoms.iter().enumerate().skip(2) {
        if let (Some(bottom), true) = (bottom, continues(n)) {
            assert!(
                *bottom >= last_grid_line - setup.leading.get() - 0.01,
                "page {} ends at {bottom:.1}, the last line is at {last_grid_line:.1}",
                n + 1
            );
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} pages checked");
    // Facing pages (a verso has an odd index: page 1 is a recto) end on the same line.
    for verso in (3..pages.pages.len().saturating_sub(2)).step_by(2) {
        let recto = verso + 1;
        if continues(verso) && continues(recto) && has_head(recto) {
            let (Some(a), Some(b)) = (body_bottoms[verso], body_bottoms[recto]) else {
                continue;
            };
            let lines = |y: f64| ((text_bottom - y) / setup.leading.get()).floor();
            assert_eq!(
                lines(a),
                lines(b),
                "pages {} and {} end on different lines",
                verso + 1,
                recto + 1
            );
        }
    }
}

#[test]
fn sample_book_pages_match_the_golden_dump() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (pages, _) = typeset_book(&root.join("book"));
    let dump = pages.dump();
    let golden = root.join("tests/golden/typeset/book.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, &dump).unwrap();
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    assert!(
        dump == expected,
        "the page dump differs from {} (UPDATE_GOLDEN=1 to accept):\n{dump}",
        golden.display()
    );
}
