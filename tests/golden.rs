//! Golden tests of the EPUB's XHTML: each `tests/golden/epub/<case>.md`, as the one chapter of
//! a book, must give exactly `<case>.xhtml`; the generated front matter and endnotes of
//! `tests/fixtures/furniture` must give exactly the files of `tests/golden/furniture`.
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites the expected files; review their diff
//! like code.

mod common;

use std::path::Path;

use folio::epub::xhtml;
use folio::{BuildOptions, Format, markdown, project};

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
        page_starts: &[],
        labels: &book.metadata.labels,
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

#[test]
fn front_matter_and_endnotes_match_the_golden_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let project = project::load(&root.join("tests/fixtures/furniture")).expect("the fixture loads");
    let options = BuildOptions {
        formats: vec![Format::Epub],
        ..BuildOptions::default()
    };
    let outputs = folio::build(&project, &options).expect("the fixture builds");
    let epub = common::Epub::read(&outputs.epub.expect("an EPUB"));
    let dir = root.join("tests/golden/furniture");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    let documents = [
        "halftitle.xhtml",
        "titlepage.xhtml",
        "copyright.xhtml",
        "dedication.xhtml",
        "epigraph.xhtml",
        "nav.xhtml",
        "foreword.xhtml",
        "one.xhtml",
        "endnotes.xhtml",
    ];
    for name in documents {
        let actual = epub.text(&format!("OEBPS/{name}"));
        let golden = dir.join(name);
        if update {
            std::fs::create_dir_all(&dir).expect("create the golden folder");
            std::fs::write(&golden, &actual).expect("write golden file");
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        if actual != expected {
            failures.push(format!("{} differs; got:\n{actual}", golden.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(run with UPDATE_GOLDEN=1 to accept)",
        failures.join("\n")
    );
}
