//! Each stage on its own over the sample book (`book/`): load, parse, EPUB writing, and the
//! whole build. Run with `cargo bench`; CI only compiles it (`cargo bench --no-run`).

use std::path::Path;
use std::sync::LazyLock;

use folio::doc::Timestamp;
use folio::{BuildOptions, Format, epub, markdown, project};

fn main() {
    divan::main();
}

static PROJECT: LazyLock<project::Project> = LazyLock::new(|| {
    project::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("book")).expect("book/ loads")
});

#[divan::bench]
fn load() -> project::Project {
    project::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("book")).expect("book/ loads")
}

#[divan::bench]
fn parse_book() -> folio::doc::Book {
    markdown::parse_book(&PROJECT).expect("book/ parses")
}

#[divan::bench]
fn epub_write(bencher: divan::Bencher) {
    let book = markdown::parse_book(&PROJECT).expect("book/ parses");
    let options = epub::Options {
        stylesheet: None,
        cover_font: project::fonts::SERIF_REGULAR,
    };
    bencher.bench(|| epub::write(&book, &options).expect("the EPUB is written"));
}

#[divan::bench]
fn build_epub() -> folio::Outputs {
    let options = BuildOptions {
        formats: vec![Format::Epub],
        modified: Timestamp(1_700_000_000),
        jobs: 1,
    };
    folio::build(&PROJECT, &options).expect("book/ builds")
}
