//! Each stage on its own over the sample book (`book/`): load, parse, EPUB writing, shaping,
//! hyphenation, line breaking, typesetting with page building, PDF writing, and whole builds;
//! and highlighting, over a chapter of code from the golden tests.
//! Run with `cargo bench`; CI only compiles it (`cargo bench --no-run`).

use std::path::Path;
use std::sync::LazyLock;

use folio::doc::{Block, Timestamp};
use folio::typeset::text::hyphenate::Hyphenator;
use folio::typeset::text::linebreak::{self, Item, Params};
use folio::typeset::text::shape::Shaper;
use folio::typeset::text::{FontSet, Style};
use folio::units::Pt;
use folio::{BuildOptions, Format, epub, markdown, pdf, project, typeset};

fn main() {
    divan::main();
}

static PROJECT: LazyLock<project::Project> = LazyLock::new(|| {
    project::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("book")).expect("book/ loads")
});
static BOOK: LazyLock<folio::doc::Book> =
    LazyLock::new(|| markdown::parse_book(&PROJECT).expect("book/ parses"));
static FONTS: LazyLock<FontSet> = LazyLock::new(|| {
    FontSet::new(folio::project::fonts::faces(&PROJECT.fonts)).expect("the fonts parse")
});

/// The sample book's paragraphs as plain text.
fn paragraphs() -> Vec<String> {
    BOOK.chapters
        .iter()
        .flat_map(|c| c.blocks.iter())
        .filter_map(|b| match b {
            Block::Paragraph { content, .. } => Some(folio::doc::Inline::plain_text(content)),
            _ => None,
        })
        .collect()
}

#[divan::bench]
fn load() -> project::Project {
    project::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("book")).expect("book/ loads")
}

#[divan::bench]
fn parse_book() -> folio::doc::Book {
    markdown::parse_book(&PROJECT).expect("book/ parses")
}

/// Highlighting alone, over the code of `tests/golden/epub/code.md` (Rust, a console
/// session, TOML, a diff) as twenty chapters: the grammars are started in each iteration, as
/// in a build.
#[divan::bench]
fn highlight(bencher: divan::Bencher) {
    let code = include_str!("../tests/golden/epub/code.md");
    let pages: Vec<(String, &str)> = (0..20).map(|i| (format!("c{i:02}.md"), code)).collect();
    let pages: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let toml = "[book]\ntitle = \"Code\"\nauthors = [\"A\"]\nlanguage = \"en\"\n";
    let book = markdown::parse_book(&project::from_memory(toml, &pages, &[])).expect("parses");
    bencher
        .with_inputs(|| book.chapters.clone())
        .bench_local_values(|mut chapters| {
            let mut diags = Vec::new();
            folio::highlight::book(&mut chapters, &mut diags);
            chapters
        });
}

#[divan::bench]
fn epub_write(bencher: divan::Bencher) {
    let options = epub::Options {
        stylesheet: None,
        cover_fonts: vec![(project::fonts::SERIF_REGULAR, 0)],
        ..epub::Options::default()
    };
    bencher.bench(|| epub::write(&BOOK, &options).expect("the EPUB is written"));
}

#[divan::bench]
fn shape(bencher: divan::Bencher) {
    let text = paragraphs();
    let face = &FONTS.faces[FONTS.face_for(Style::Regular)];
    let mut shaper = Shaper::new("en");
    let mut out = Vec::new();
    bencher.bench_local(|| {
        out.clear();
        for paragraph in &text {
            shaper.shape(face, paragraph, 0, &mut out);
        }
        out.len()
    });
}

#[divan::bench]
fn hyphenate(bencher: divan::Bencher) {
    let words: Vec<String> = paragraphs()
        .iter()
        .flat_map(|p| {
            p.split(|c: char| !c.is_alphabetic())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.len() > 4)
        .collect();
    bencher.bench_local(|| {
        // A fresh hyphenator each time: its word cache would otherwise make this a lookup.
        let mut hyphenator = Hyphenator::new("en", true, 2, 3);
        let mut out = Vec::new();
        let mut total = 0;
        for word in &words {
            hyphenator.breaks(word, &mut out);
            total += out.len();
        }
        total
    });
}

#[divan::bench]
fn break_lines(bencher: divan::Bencher) {
    // The sample book's words as boxes of 5 pt per letter, with interword glue.
    let items: Vec<Vec<Item>> = paragraphs()
        .iter()
        .map(|p| {
            let mut items = Vec::new();
            for (k, word) in p.split(' ').enumerate() {
                if k > 0 {
                    items.push(Item::Glue {
                        width: Pt::new(2.2),
                        stretch: Pt::new(1.1),
                        shrink: Pt::new(0.73),
                    });
                }
                items.push(Item::Box {
                    width: Pt::new(5.0 * word.chars().count() as f64),
                });
            }
            items.push(Item::Penalty {
                width: Pt::new(0.0),
                cost: linebreak::INFINITE_PENALTY,
                flagged: false,
            });
            items.push(Item::Glue {
                width: Pt::new(0.0),
                stretch: Pt::new(100_000.0),
                shrink: Pt::new(0.0),
            });
            items.push(Item::Penalty {
                width: Pt::new(0.0),
                cost: -linebreak::INFINITE_PENALTY,
                flagged: false,
            });
            items
        })
        .collect();
    let params = Params::default();
    bencher.bench(|| {
        items
            .iter()
            .map(|p| {
                linebreak::break_lines(p, &[Pt::new(324.0)], &params)
                    .positions
                    .len()
            })
            .sum::<usize>()
    });
}

#[divan::bench]
fn typeset_and_paginate(bencher: divan::Bencher) {
    bencher.bench(|| {
        typeset::typeset_pages(
            &BOOK,
            &FONTS,
            &PROJECT.config.pdf.setup,
            &PROJECT.code_theme,
            1,
        )
        .expect("book/ typesets")
    });
}

#[divan::bench]
fn pdf_write(bencher: divan::Bencher) {
    let (pages, _) = typeset::typeset_pages(
        &BOOK,
        &FONTS,
        &PROJECT.config.pdf.setup,
        &PROJECT.code_theme,
        1,
    )
    .expect("book/ typesets");
    let options = pdf::Options {
        title: "bench".into(),
        language: "en".into(),
        ..pdf::Options::default()
    };
    bencher.bench(|| pdf::write(&pages, &options).expect("the PDF is written"));
}

fn build(format: Format) -> folio::Outputs {
    let options = BuildOptions {
        formats: vec![format],
        modified: Timestamp(1_700_000_000),
        jobs: 1,
        ..BuildOptions::default()
    };
    folio::build(&PROJECT, &options).expect("book/ builds")
}

#[divan::bench]
fn build_epub() -> folio::Outputs {
    build(Format::Epub)
}

#[divan::bench]
fn build_pdf() -> folio::Outputs {
    build(Format::Pdf)
}
