//! A Japanese book of 40 pages (`tests/fixtures/book-ja`, issue 14) set with a CJK font
//! from the machine (Debian's `fonts-noto-cjk`, which `.ci/run` installs): no line starts
//! with a character the kinsoku rules keep off a line's start, justified lines fill the
//! measure, nothing leaves the text block, and the text comes back whole. Without the
//! font: one warning for the script, and the PDF's text still extracts as written.

mod common;

use std::path::PathBuf;

use folio::typeset::page::{Pages, Placed};
use folio::{markdown, project, typeset};

fn fixture() -> PathBuf {
    common::repo().join("tests/fixtures/book-ja")
}

/// Typesets the fixture, with the machine's fonts or only the bundled ones.
fn typeset_book(system_fonts: bool) -> (Pages, Vec<folio::diag::Diagnostic>, project::Project) {
    let options = project::LoadOptions {
        root: None,
        system_fonts,
        is_print: true,
        design: None,
    };
    let project = project::load_with(&fixture(), &options).expect("the fixture loads");
    let book = markdown::parse_book(&project).expect("the book parses");
    let fonts = folio::font_set(&project).expect("the fonts parse");
    let (pages, diags) = typeset::typeset_pages(
        &book,
        &fonts,
        &project.config.pdf.setup,
        &project.code_theme,
        2,
    )
    .expect("the book typesets");
    (pages, diags, project)
}

/// One line of a page: its text and its left and right edges.
struct Line {
    text: String,
    y: f64,
    left: f64,
    right: f64,
}

/// The lines of each page, from the runs that share a baseline, left to right.
fn lines(pages: &Pages) -> Vec<Vec<Line>> {
    let faces: Vec<ttf_parser::Face> = (pages.fonts.iter())
        .map(|f| ttf_parser::Face::parse(&f.bytes, f.index).expect("the font parses"))
        .collect();
    let mut out = Vec::new();
    for page in &pages.pages {
        let mut runs: Vec<_> = (page.items.iter())
            .filter_map(|item| match item {
                Placed::Text(run) if !run.glyphs.is_empty() => Some(run),
                _ => None,
            })
            .collect();
        runs.sort_by(|a, b| {
            (a.origin.y.get(), a.origin.x.get())
                .partial_cmp(&(b.origin.y.get(), b.origin.x.get()))
                .expect("no NaN")
        });
        let mut page_lines: Vec<(f64, Line)> = Vec::new();
        for run in runs {
            let face = &faces[run.font];
            let scale = run.size.get() / f64::from(face.units_per_em()) * run.h_scale;
            let last = run.glyphs.last().expect("not empty");
            let advance = face
                .glyph_hor_advance(ttf_parser::GlyphId(last.id))
                .unwrap_or(0);
            let left = run.origin.x.get() + run.glyphs[0].x.get();
            let right = run.origin.x.get() + last.x.get() + f64::from(advance) * scale;
            match page_lines.last_mut() {
                Some((y, line)) if (*y - run.origin.y.get()).abs() < 0.5 => {
                    line.text.push_str(&run.text);
                    line.right = line.right.max(right);
                    line.left = line.left.min(left);
                }
                _ => page_lines.push((
                    run.origin.y.get(),
                    Line {
                        text: run.text.clone(),
                        y: run.origin.y.get(),
                        left,
                        right,
                    },
                )),
            }
        }
        out.push(page_lines.into_iter().map(|(_, l)| l).collect());
    }
    out
}

fn has_cjk_font() -> bool {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    db.faces()
        .any(|f| f.families.iter().any(|(name, _)| name.contains("CJK")))
}

#[test]
fn japanese_lines_keep_the_kinsoku_rules_fill_the_measure_and_stay_in_the_block() {
    if !has_cjk_font() {
        // CI (`FOLIO_REQUIRE_TOOLS=1`, which installs the font) never skips it.
        assert!(
            std::env::var_os("FOLIO_REQUIRE_TOOLS").is_none(),
            "no CJK font on this machine: apt install fonts-noto-cjk"
        );
        eprintln!("no CJK font on this machine (apt install fonts-noto-cjk): test skipped");
        return;
    }
    let (pages, diags, project) = typeset_book(true);
    assert!(
        diags.len() + project.font_warnings.len() <= 10,
        "{diags:#?}"
    );
    assert!(pages.pages.len() >= 20, "{} pages", pages.pages.len());
    let setup = &project.config.pdf.setup;
    let measure = (setup.trim_width - setup.margin_inside - setup.margin_outside).get();
    let never_starts = "。、，．」』）】〕？！ー・っゃゅょァィゥェォッャュョ";
    let (mut body, mut full) = (0, 0);
    for (n, page) in lines(&pages).iter().enumerate() {
        // The text block: where its left edge is on this side of the spread.
        let is_recto = n % 2 == 0;
        let block_left = (setup.bleed
            + if is_recto {
                setup.margin_inside
            } else {
                setup.margin_outside
            })
        .get();
        for line in page {
            assert!(
                line.left >= block_left - 0.5 && line.right <= block_left + measure + 0.5,
                "page {}: {:?} runs from {:.1} to {:.1}, outside {block_left:.1}–{:.1}",
                n + 1,
                line.text,
                line.left,
                line.right,
                block_left + measure
            );
            let first = line.text.chars().next().unwrap_or(' ');
            assert!(
                !never_starts.contains(first),
                "page {}: a line starts with {first}: {:?}",
                n + 1,
                line.text
            );
            if line
                .text
                .chars()
                .filter(|c| folio::doc::script::is_cjk(*c))
                .count()
                > 20
            {
                body += 1;
                full += usize::from((block_left + measure - line.right).abs() < 0.5);
            }
        }
    }
    // The text comes back whole: every plain paragraph of the source is in the body lines
    // (running heads and folios left out), read in page order.
    let block_top = (setup.bleed + setup.margin_top).get();
    let block_bottom = (setup.bleed + setup.trim_height - setup.margin_bottom).get();
    let body_text: String = lines(&pages)
        .iter()
        .flatten()
        .filter(|l| l.y > block_top && l.y < block_bottom)
        .map(|l| l.text.as_str())
        .collect();
    let mut paragraphs = 0;
    for chapter in 1..=8 {
        let path = fixture().join(format!("src/ch{chapter:02}.md"));
        let source = std::fs::read_to_string(&path).expect("the chapter reads");
        for paragraph in source.split("\n\n") {
            let plain = !paragraph.starts_with(['#', '|', '-', '`', '>', '1', '['])
                && !paragraph.contains(['*', '`', '[', ' ']);
            if plain {
                let text: String = paragraph.chars().filter(|c| *c != '\n').collect();
                assert!(
                    body_text.contains(&text),
                    "{}: not in the PDF: {text}",
                    path.display()
                );
                paragraphs += 1;
            }
        }
    }
    assert!(paragraphs > 50, "{paragraphs} paragraphs compared");
    // Paragraphs' last lines (about one in five) are short; the rest are justified.
    assert!(body > 500, "{body} lines of Japanese text");
    assert!(
        full * 100 >= body * 75,
        "{full} of {body} lines fill the measure"
    );
}

#[test]
fn without_a_cjk_font_one_warning_names_the_script_and_the_text_still_extracts() {
    let (pages, diags, project) = typeset_book(false);
    let warnings = &project.font_warnings;
    let cjk: Vec<_> = warnings
        .iter()
        .filter(|d| d.message.contains("CJK"))
        .collect();
    assert_eq!(cjk.len(), 1, "{warnings:#?}");
    assert!(
        warnings.len() + diags.len() <= 3,
        "{warnings:#?} {diags:#?}"
    );
    // Each missing glyph keeps its own character in the text layer.
    let text: String = lines(&pages)
        .iter()
        .flatten()
        .map(|l| l.text.as_str())
        .collect();
    assert!(
        text.contains("禁則処理のはなし"),
        "the chapter title extracts"
    );
    assert!(text.contains("行頭に句読点や閉じ括弧を置かない"));
}
