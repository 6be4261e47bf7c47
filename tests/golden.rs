//! Golden tests of the EPUB's XHTML: each `tests/golden/epub/<case>.md`, as the one chapter of
//! a book, must give exactly `<case>.xhtml`. `UPDATE_GOLDEN=1 cargo test --test golden`
//! rewrites the expected files; review their diff like code.

use std::path::Path;

use folio::epub::xhtml;
use folio::{markdown, project};

const BOOK_TOML: &str = "[book]\ntitle = \"Golden\"\nauthors = [\"Test\"]\nlanguage = \"en\"\n";

fn render(markdown_text: &str) -> String {
    let project = project::from_memory(BOOK_TOML, &[("chapter.md", markdown_text)], &[]);
    let book = markdown::parse_book(&project).expect("the golden cases have no errors");
    let files = vec!["chapter.xhtml".to_string()];
    let ctx = xhtml::Context {
        language: "en",
        is_rtl: false,
        chapter_files: &files,
        image_files: &[],
        notes_file: None,
    };
    xhtml::chapter(&ctx, 0, &book.chapters[0])
}

#[test]
fn epub_xhtml_matches_the_golden_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/epub");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut cases = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("golden folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for md in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
    {
        cases += 1;
        let actual = render(&std::fs::read_to_string(md).expect("read case"));
        let golden = md.with_extension("xhtml");
        if update {
            std::fs::write(&golden, &actual).expect("write golden file");
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        if actual != expected {
            failures.push(format!("{} differs; got:\n{actual}", golden.display()));
        }
    }
    assert!(cases >= 4, "golden cases found: {cases}");
    assert!(
        failures.is_empty(),
        "{}\n(run with UPDATE_GOLDEN=1 to accept)",
        failures.join("\n")
    );
}
