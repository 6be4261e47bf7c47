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
