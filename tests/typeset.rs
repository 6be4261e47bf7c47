//! The typesetter on real text: the sample book's pages as a text dump (golden), and the
//! rules every page must keep.

mod common;

use std::path::Path;

use folio::typeset;
use folio::{markdown, project};

fn typeset_book(dir: &Path) -> (typeset::page::Pages, Vec<folio::diag::Diagnostic>) {
    let project = project::load(dir).expect("the book loads");
    let book = markdown::parse_book(&project).expect("the book parses");
    let fonts = folio::font_set(&project).expect("the fonts parse");
    typeset::typeset_pages(
        &book,
        &fonts,
        &project.config.pdf.setup,
        &project.code_theme,
        2,
    )
    .expect("the book typesets")
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

/// Every footnote starts at the foot of the page of its reference: the reference links to
/// the note and the note's number back to the reference, on the same page. A note too long
/// for its page continues at the foot of the next one, under the rule.
#[test]
fn footnotes_are_on_the_page_of_their_reference() {
    use folio::typeset::page::{LinkTarget, Placed};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (pages, _) = typeset_book(&root.join("tests/fixtures/notes"));
    let mut pairs = 0;
    let mut rules = Vec::new();
    for (p, page) in pages.pages.iter().enumerate() {
        let rule = page.items.iter().find_map(|item| match item {
            Placed::Line { from, .. } => Some(from.y.get()),
            _ => None,
        });
        rules.push(rule);
        for link in &page.links {
            let LinkTarget::Page { page: q, y } = link.target else {
                continue;
            };
            // The link back from the target, to where this link is.
            let back = pages.pages[q].links.iter().any(|b| {
                matches!(b.target, LinkTarget::Page { page, y: by }
                    if page == p && (by.get() - link.rect.origin.y.get()).abs() < 20.0)
                    && (b.rect.origin.y.get() - y.get()).abs() < 20.0
            });
            if back && rule.is_some_and(|r| link.rect.origin.y.get() < r) {
                pairs += 1;
                assert_eq!(q, p, "note of a reference on page {p} starts on page {q}");
            }
        }
    }
    // 21 references in the fixture, each with its note on its page.
    assert_eq!(pairs, 21);
    // The long note of chapter 2 continues: on the page after it, the foot begins with a
    // line that is no note's first (it has no number linking back to a reference), and
    // only there.
    let continued: Vec<usize> = (0..pages.pages.len())
        .filter(|&p| {
            let Some(rule) = rules[p] else { return false };
            let first = pages.pages[p]
                .items
                .iter()
                .filter_map(|item| match item {
                    Placed::Text(run) if run.origin.y.get() > rule => Some(run.origin.y.get()),
                    _ => None,
                })
                .reduce(f64::min)
                .expect("text under the rule");
            !pages.pages[p].links.iter().any(|l| {
                matches!(l.target, LinkTarget::Page { page, .. } if page == p)
                    && (l.rect.origin.y.get() - first).abs() < 10.0
            })
        })
        .collect();
    assert_eq!(continued.len(), 1, "one note continues: {continued:?}");
    assert!(
        rules[continued[0] - 1].is_some(),
        "it continues from the page before"
    );
}

/// The contents list each chapter with the label of the page it starts on: every entry
/// links to its chapter's first page, and the label printed at the end of the entry is
/// that page's label. Front matter is in roman numerals, the body starts at 1 on a recto.
#[test]
fn contents_page_numbers_are_the_chapter_start_pages() {
    use folio::typeset::page::{LinkTarget, PageLabel, Placed};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (pages, _) = typeset_book(&root.join("tests/fixtures/mdbook"));
    let project = project::load(&root.join("tests/fixtures/mdbook")).unwrap();
    let book = markdown::parse_book(&project).unwrap();
    let mut entries = 0;
    // The contents pages: those with dot leaders.
    let is_contents = |p: &&folio::typeset::page::Page| {
        p.items
            .iter()
            .any(|i| matches!(i, Placed::Text(r) if r.text.len() > 3 && r.text.chars().all(|c| c == '.')))
    };
    for page in pages.pages.iter().filter(is_contents) {
        for link in &page.links {
            let LinkTarget::Page { page: target, .. } = link.target else {
                continue;
            };
            // The label is the rightmost run on the entry's last line.
            let bottom = link.rect.origin.y.get() + link.rect.height.get();
            let printed = page
                .items
                .iter()
                .filter_map(|item| match item {
                    Placed::Text(run)
                        if run.origin.y.get() > bottom - 12.0 && run.origin.y.get() <= bottom =>
                    {
                        Some(run)
                    }
                    _ => None,
                })
                .max_by(|a, b| a.origin.x.get().total_cmp(&b.origin.x.get()))
                .expect("a label on the entry's line");
            assert_eq!(printed.text, pages.pages[target].label.to_string());
            entries += 1;
        }
    }
    // Every chapter but the draft has an entry (part titles included).
    let set = book.chapters.len();
    assert_eq!(entries, set, "one entry per chapter");
    // The body opens on a right-hand page numbered 1.
    let first_body = pages
        .pages
        .iter()
        .position(|p| p.label == PageLabel::Arabic(1))
        .expect("a body");
    assert!(first_body.is_multiple_of(2), "page 1 is a recto");
    assert!(
        pages.pages[..first_body]
            .iter()
            .all(|p| matches!(p.label, PageLabel::Roman(_)))
    );
}

/// A book of one chapter with `markdown`, in a fresh folder under the target directory.
fn one_chapter_book(name: &str, markdown: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("book.toml"),
        "[book]\ntitle = \"Tables\"\nauthors = [\"A. Author\"]\nlanguage = \"en\"\nsrc = \"src\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("src/01-tables.md"), markdown).unwrap();
    dir
}

#[test]
fn issue_4_tables_stay_in_the_text_block_and_repeat_their_header_on_each_page() {
    use folio::typeset::page::Placed;
    let mut md = String::from(
        "# Tables\n\nThe operators:\n\n| Operator | Explanation |\n|---|---:|\n\
         | `op` | [the reference](https://example.com/ops) |\n",
    );
    for k in 0..120 {
        md.push_str(&format!("| `op{k}` | Explanation of operator {k} |\n"));
    }
    md.push_str(
        "\nA narrow measure for four wide columns:\n\n| A | B | C | D |\n|---|---|---|---|\n",
    );
    md.push_str(&format!(
        "| {} | short | short | short |\n",
        "x".repeat(120)
    ));
    let dir = one_chapter_book("issue_4_tables", &md);
    let (pages, diags) = typeset_book(&dir);
    let setup = project::load(&dir).unwrap().config.pdf.setup;
    let width = setup.trim_width - setup.margin_inside - setup.margin_outside;
    let mut pages_with_rows = 0;
    let mut pages_with_header = 0;
    let mut rules = 0;
    for (n, page) in pages.pages.iter().enumerate().skip(2) {
        let inner = if n % 2 == 0 {
            setup.margin_inside
        } else {
            setup.margin_outside
        };
        let (left, right) = (
            (setup.bleed + inner).get(),
            (setup.bleed + inner + width).get(),
        );
        let runs: Vec<_> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Placed::Text(run) => Some(run),
                _ => None,
            })
            .collect();
        if runs.iter().any(|r| r.text.starts_with("op")) {
            pages_with_rows += 1;
        }
        if runs.iter().any(|r| r.text == "Operator") {
            pages_with_header += 1;
        }
        for item in &page.items {
            match item {
                Placed::Text(run) => {
                    for glyph in &run.glyphs {
                        let x = (run.origin.x + glyph.x).get();
                        assert!(
                            x >= left - 0.01 && x <= right - 1.0,
                            "page {}: `{}` at {x:.1}, the text block is {left:.1}..{right:.1}",
                            n + 1,
                            run.text
                        );
                    }
                }
                Placed::Line { from, to, .. } => {
                    rules += 1;
                    assert!(from.x.get() >= left - 0.01 && to.x.get() <= right + 0.01);
                }
                _ => {}
            }
        }
    }
    assert!(
        pages_with_rows >= 2,
        "the long table takes {pages_with_rows} page(s)"
    );
    assert_eq!(
        pages_with_header, pages_with_rows,
        "the header opens every page of the table"
    );
    // Top, header and bottom rules of two tables, and each repeated header's two.
    assert_eq!(rules, 6 + 2 * (pages_with_rows - 1));
    let cut: Vec<_> = diags
        .iter()
        .filter(|d| d.message.contains("wider than its table column"))
        .collect();
    assert_eq!(cut.len(), 1, "{diags:?}");
    assert!(cut[0].span.is_some());
    assert!(!diags.iter().any(|d| d.message.contains("plain rows")));
    // A link in a cell is clickable where its words are.
    let link = pages
        .pages
        .iter()
        .flat_map(|p| &p.links)
        .find(|l| {
            matches!(&l.target, folio::typeset::page::LinkTarget::Uri(u) if u == "https://example.com/ops")
        })
        .expect("the link in the table cell");
    let page = pages.pages.iter().find(|p| p.links.contains(link)).unwrap();
    let linked = page.items.iter().any(|i| match i {
        Placed::Text(run) if run.text.contains("reference") => {
            let (x, y, r) = (run.origin.x.get(), run.origin.y.get(), link.rect);
            (x - r.origin.x.get()).abs() < 0.01
                && y > r.origin.y.get()
                && y < (r.origin.y + r.height).get()
        }
        _ => false,
    });
    assert!(linked, "{:?}", link.rect);
}

/// The EPUB's page-list follows the PDF: every entry's label is the label of a PDF page,
/// in page order, and the text after its page-break marker is the text that begins that
/// PDF page (the word the page's first line starts in).
#[test]
fn page_list_entries_match_the_pdf_pages() {
    use folio::typeset::page::Placed;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for book_dir in ["book", "tests/fixtures/mdbook", "tests/fixtures/notes"] {
        let dir = root.join(book_dir);
        let project = project::load(&dir).expect("the book loads");
        let options = folio::BuildOptions {
            formats: vec![folio::Format::Epub, folio::Format::Pdf],
            ..folio::BuildOptions::default()
        };
        let outputs = folio::build(&project, &options).expect("the book builds");
        let (pages, _) = typeset_book(&dir);
        let setup = &project.config.pdf.setup;
        let text_top = (setup.bleed + setup.margin_top).get();
        let text_bottom = (setup.bleed + setup.trim_height - setup.margin_bottom).get();
        // The first three lines of each PDF page's text block (spaces are not glyphs, so
        // the lines come without them), by label.
        let first_lines: Vec<(String, Vec<String>)> = pages
            .pages
            .iter()
            .map(|page| {
                let mut runs: Vec<_> = page
                    .items
                    .iter()
                    .filter_map(|item| match item {
                        Placed::Text(run)
                            if run.origin.y.get() > text_top
                                && run.origin.y.get() < text_bottom =>
                        {
                            Some(run)
                        }
                        _ => None,
                    })
                    .collect();
                runs.sort_by(|a, b| {
                    (a.origin.y.get(), a.origin.x.get())
                        .partial_cmp(&(b.origin.y.get(), b.origin.x.get()))
                        .unwrap()
                });
                let mut lines: Vec<(f64, String)> = Vec::new();
                for run in runs {
                    match lines.last_mut() {
                        Some((y, text)) if (run.origin.y.get() - *y).abs() < 2.0 => {
                            text.push_str(&run.text)
                        }
                        _ => lines.push((run.origin.y.get(), run.text.clone())),
                    }
                }
                let lines = lines
                    .into_iter()
                    .take(3)
                    .map(|(_, t)| t.chars().filter(|c| !c.is_whitespace()).collect())
                    .collect();
                (page.label.to_string(), lines)
            })
            .collect();
        let epub = common::Epub::read(outputs.epub.as_ref().expect("an EPUB"));
        let nav = epub.text("OEBPS/nav.xhtml");
        let list = &nav[nav.find("epub:type=\"page-list\"").expect("a page-list")..];
        let list = &list[..list.find("</nav>").unwrap()];
        let mut last_page = None;
        let mut entries = 0;
        for item in list.split("<li>").skip(1) {
            let href = &item[item.find("href=\"").unwrap() + 6..];
            let href = &href[..href.find('"').unwrap()];
            let label = &item[item.find('>').unwrap() + 1..];
            let label = &label[..label.find("</a>").unwrap()];
            let page = first_lines
                .iter()
                .position(|(l, _)| l == label)
                .unwrap_or_else(|| panic!("{book_dir}: page-list label {label} is no PDF page"));
            assert!(
                last_page < Some(page),
                "{book_dir}: page-list in page order"
            );
            last_page = Some(page);
            let (file, id) = href.split_once('#').unwrap();
            let xhtml = epub.text(&format!("OEBPS/{file}"));
            let marker = xhtml
                .find(&format!("id=\"{id}\""))
                .unwrap_or_else(|| panic!("{book_dir}: marker {id} in {file}"));
            // The words after the marker, tags removed.
            let after = &xhtml[marker..];
            let after = &after[after.find("</span>").unwrap() + 7..];
            let mut text = String::new();
            let mut in_tag = false;
            for c in after.chars().take(2000) {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            let epub_text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            // One of the page's first lines (a chapter opening may start with a generated
            // `Chapter 1`) begins right after the marker: within the word the marker
            // precedes, when the page begins inside a hyphenated word.
            let lines = &first_lines[page].1;
            let found = lines.iter().any(|line| {
                let head: String = line.chars().take(15).collect();
                let window: String = epub_text.chars().take(line.chars().count() + 25).collect();
                window.contains(&head)
            });
            assert!(
                lines.is_empty() || found,
                "{book_dir}: page {label} begins with {lines:?} in the PDF, `{}` in the EPUB",
                epub_text.chars().take(80).collect::<String>()
            );
            entries += 1;
        }
        assert!(entries > 3, "{book_dir}: {entries} page-list entries");
    }
}

/// A word longer than the measure (no break point can fit it) is cut between letters: no
/// glyph leaves the text block.
#[test]
fn a_word_longer_than_the_measure_stays_in_the_text_block() {
    use folio::typeset::page::Placed;
    let word = "a".repeat(3_000);
    let dir = one_chapter_book(
        "long-word",
        &format!(
            "# Long\n\nShort words, then {word} and more words after it.\n\n{word} opens an indented paragraph.\n"
        ),
    );
    let (pages, diags) = typeset_book(&dir);
    assert!(
        diags
            .iter()
            .any(|d| d.message.contains("cut between letters"))
    );
    let project = project::load(&dir).unwrap();
    let setup = &project.config.pdf.setup;
    let mut glyphs = 0;
    for (n, page) in pages.pages.iter().enumerate() {
        let left = (setup.bleed
            + if n % 2 == 0 {
                setup.margin_inside
            } else {
                setup.margin_outside
            })
        .get();
        let right = left + (setup.trim_width - setup.margin_inside - setup.margin_outside).get();
        for item in &page.items {
            if let Placed::Text(run) = item {
                // The mark of a cut word (one ↪ glyph) stands in the margin on purpose.
                if run.glyphs.len() == 1 && (run.origin.x + run.glyphs[0].x).get() < left {
                    continue;
                }
                for glyph in &run.glyphs {
                    let x = (run.origin.x + glyph.x).get();
                    assert!(
                        x >= left - 0.01 && x < right,
                        "page {n}: glyph at {x:.1} outside {left:.1}..{right:.1}"
                    );
                    glyphs += 1;
                }
            }
        }
    }
    assert!(glyphs > 3_000);
}

/// With chapters opening on right-hand pages, page filling re-pages after the blank pages
/// too: the text is the same as without (nothing lost or set twice) and every chapter
/// opens on a recto.
#[test]
fn right_hand_openings_keep_all_the_text() {
    use folio::typeset::page::Placed;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let recto = Path::new(env!("CARGO_TARGET_TMPDIR")).join("recto-notes");
    let _ = std::fs::remove_dir_all(&recto);
    common::copy_dir(&root.join("tests/fixtures/notes"), &recto);
    let toml = std::fs::read_to_string(recto.join("book.toml")).unwrap();
    std::fs::write(
        recto.join("book.toml"),
        format!("{toml}\n[output.pdf]\nrecto-chapters = true\n"),
    )
    .unwrap();
    let project = project::load(&recto).unwrap();
    let setup = &project.config.pdf.setup;
    let (top, bottom) = (
        (setup.bleed + setup.margin_top).get(),
        (setup.bleed + setup.trim_height - setup.margin_bottom).get(),
    );
    // The characters of the body text, sorted: pages that break elsewhere set some
    // paragraphs a line longer or shorter (filling and balancing), so lines and hyphens
    // differ, but no character may be lost or set twice.
    let body_text = |pages: &folio::typeset::page::Pages| {
        let mut chars: Vec<char> = pages
            .pages
            .iter()
            .flat_map(|p| p.items.iter())
            .filter_map(|item| match item {
                Placed::Text(run) if run.origin.y.get() > top && run.origin.y.get() < bottom => {
                    Some(run.text.as_str())
                }
                _ => None,
            })
            .filter(|t| !t.chars().all(|c| c == '.' || c.is_ascii_digit()))
            .flat_map(str::chars)
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        chars.sort_unstable();
        chars
    };
    let (with, _) = typeset_book(&recto);
    let (without, _) = typeset_book(&root.join("tests/fixtures/notes"));
    let (with_chars, without_chars) = (body_text(&with), body_text(&without));
    assert!(with_chars.len() > 10_000, "{} characters", with_chars.len());
    assert!(with_chars == without_chars, "the text differs");
    for chapter in ["Chapter1", "Chapter2", "Chapter3"] {
        let page = with
            .pages
            .iter()
            .position(|p| {
                p.items.iter().any(|i| {
                    matches!(i, Placed::Text(r) if r.text == chapter && r.size.get() > setup.font_size.get() * 1.5)
                })
            })
            .unwrap_or_else(|| panic!("{chapter} opens somewhere"));
        assert!(page.is_multiple_of(2), "{chapter} opens on a recto");
    }
}

/// Verse: a quote of three stanzas (paragraphs with hard line breaks) is set a line a
/// unit, on the body leading, with exactly one blank line between stanzas; and the EPUB
/// marks the same three stanzas.
#[test]
fn a_poem_of_three_stanzas_has_one_blank_line_between_them() {
    let words = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"];
    let poem = format!(
        "> {} one  \n> {} two\n>\n> {} three  \n> {} four\n>\n> {} five  \n> {} six\n",
        words[0], words[1], words[2], words[3], words[4], words[5]
    );
    let dir = one_chapter_book(
        "poem",
        &format!("# Poem\n\nBefore the poem.\n\n{poem}\nAfter it.\n"),
    );
    let (pages, _) = typeset_book(&dir);
    let steps = baseline_steps(&dir, &pages, &words);
    assert_eq!(steps, [1.0, 2.0, 1.0, 2.0, 1.0], "baseline steps in lines");
}

/// The distance in lines (to 0.01) from each word's first baseline to the next word's.
fn baseline_steps(dir: &Path, pages: &typeset::page::Pages, words: &[&str]) -> Vec<f64> {
    use folio::typeset::page::Placed;
    let leading = project::load(dir).unwrap().config.pdf.setup.leading.get();
    let ys: Vec<f64> = words
        .iter()
        .map(|word| {
            pages
                .pages
                .iter()
                .flat_map(|p| &p.items)
                .find_map(|item| match item {
                    Placed::Text(run) if run.text.contains(word) => Some(run.origin.y.get()),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("{word} not set"))
        })
        .collect();
    ys.windows(2)
        .map(|w| ((w[1] - w[0]) / leading * 100.0).round() / 100.0)
        .collect()
}

/// A grey PNG of `width` × `height` pixels.
fn grey_png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    let mut writer = encoder.write_header().expect("a PNG header");
    let data: Vec<u8> = (0..width * height)
        .map(|i| ((i % width) * 255 / width) as u8)
        .collect();
    writer.write_image_data(&data).expect("PNG data");
    writer.finish().expect("a whole PNG");
    bytes
}

#[test]
fn six_figures_keep_their_order_and_leave_no_gap() {
    use folio::typeset::page::Placed;
    let sentence = "The quick brown fox jumps over the lazy dog while the reader waits. ";
    let mut markdown = String::from("# Figures\n\n");
    // Figures of different heights between paragraphs of different lengths, so that some
    // fit where they are referenced and others must move to the next page. Each paragraph
    // is long enough (27 to 40 lines) to fill the rest of a page when the figure before it
    // moves on; with less, the page ends at the next figure's reference (a figure waits for
    // the next page only until then) and may run short.
    let heights = [900, 300, 700, 500, 800, 400];
    for k in 0..heights.len() {
        markdown += &format!("Marker{k} {}\n\n", sentence.repeat(30 + 7 * (k % 3)));
        markdown += &format!("![Figure {k}](img/f{k}.png)\n\n");
    }
    markdown += &format!("Marker6 {}\n\n", sentence.repeat(30));
    let dir = one_chapter_book("six-figures", &markdown);
    std::fs::create_dir_all(dir.join("src/img")).unwrap();
    for (k, height) in heights.iter().enumerate() {
        std::fs::write(
            dir.join(format!("src/img/f{k}.png")),
            grey_png(600, *height),
        )
        .unwrap();
    }
    let (pages, _) = typeset_book(&dir);
    let project = project::load(&dir).unwrap();
    let setup = &project.config.pdf.setup;
    let top = (setup.margin_top + setup.bleed).get();
    let text_bottom = top + (setup.trim_height - setup.margin_top - setup.margin_bottom).get();
    let leading = setup.leading.get();
    // Reading order: (page, y) of each figure and each paragraph's first word.
    let mut figures = Vec::new();
    let mut markers = vec![None; 7];
    let mut bottoms = Vec::new();
    for (n, page) in pages.pages.iter().enumerate() {
        let mut bottom: Option<f64> = None;
        for item in &page.items {
            match item {
                Placed::Image { image, rect } => {
                    let alt = &pages.images[*image].alt;
                    figures.push(((n, rect.origin.y.get()), alt.clone()));
                    let end = (rect.origin.y + rect.height).get();
                    bottom = Some(bottom.map_or(end, |b| b.max(end)));
                }
                Placed::Text(run)
                    if run.origin.y.get() > top && run.origin.y.get() <= text_bottom + 0.1 =>
                {
                    if let Some(k) = (0..7).find(|k| run.text.contains(&format!("Marker{k}"))) {
                        markers[k] = Some((n, run.origin.y.get()));
                    }
                    let y = run.origin.y.get();
                    bottom = Some(bottom.map_or(y, |b| b.max(y)));
                }
                _ => {}
            }
        }
        bottoms.push(bottom);
    }
    let names: Vec<&str> = figures.iter().map(|(_, alt)| alt.as_str()).collect();
    assert_eq!(
        names,
        (0..6).map(|k| format!("Figure {k}")).collect::<Vec<_>>(),
        "the figures in reading order"
    );
    let markers: Vec<(usize, f64)> = markers
        .into_iter()
        .enumerate()
        .map(|(k, m)| m.unwrap_or_else(|| panic!("Marker{k} not set")))
        .collect();
    for (k, ((page, y), _)) in figures.iter().enumerate() {
        // A figure comes after the text that refers to it, and before the text that follows
        // the next figure's reference.
        let at = (*page, *y);
        assert!(
            at > markers[k],
            "Figure {k} at {at:?} is before its paragraph at {:?}",
            markers[k]
        );
        if let Some(next) = markers.get(k + 2) {
            assert!(
                at < *next,
                "Figure {k} at {at:?} drifted past the next figure's reference"
            );
        }
    }
    // Every page of the chapter but its last is full: at most one line short of the
    // fullest.
    let (first, last) = (markers[0].0, markers[6].0);
    assert!(
        last >= first + 4,
        "the chapter takes pages {first} to {last}"
    );
    let full = bottoms[first..=last]
        .iter()
        .flatten()
        .fold(top, |a, &b| a.max(b));
    for (n, bottom) in bottoms.iter().enumerate().take(last).skip(first + 1) {
        let bottom = bottom.unwrap_or(top);
        let short = (full - bottom) / leading;
        assert!(short < 1.01, "page {} ends {short:.1} lines short", n + 1);
    }
}

#[test]
fn contents_numbers_never_run_into_their_titles_and_sub_chapters_open_with_theirs() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("deep-numbers");
    let _ = std::fs::remove_dir_all(&dir);
    let mut summary = String::from("# Summary\n\n");
    let mut files: Vec<(String, String)> = Vec::new();
    for n in 1..=10 {
        summary += &format!("- [Chapter {n}](c{n}.md)\n");
        files.push((
            format!("c{n}.md"),
            format!("# Chapter {n}\n\nText of {n}.\n"),
        ));
    }
    summary += "    - [Layout](c10-1.md)\n        - [Widths](c10-1-1.md)\n";
    files.push(("c10-1.md".into(), "# Layout\n\nText.\n".into()));
    files.push(("c10-1-1.md".into(), "# Widths\n\nText.\n".into()));
    files.push(("SUMMARY.md".into(), summary));
    let files: Vec<(String, String)> = files
        .into_iter()
        .map(|(name, text)| (format!("src/{name}"), text))
        .chain([(
            "book.toml".to_string(),
            "[book]\ntitle = \"Deep\"\nauthors = [\"A\"]\nlanguage = \"en\"\n".to_string(),
        )])
        .collect();
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    common::write_files(&dir, &files);
    let out = dir.join("out");
    let output = common::build(&dir, &out, "pdf", &[], &[]);
    assert!(output.status.success(), "{}", common::stderr(&output));
    let pdf = out.join("deep.pdf");
    let Some((ok, bbox)) = common::tool(
        "pdftotext",
        &[pdf.as_os_str(), "-bbox".as_ref(), "-".as_ref()],
    ) else {
        return;
    };
    assert!(ok, "{bbox}");
    // Words with their left and right edges, page by page in reading order.
    let words: Vec<(f64, f64, &str)> = bbox
        .lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("<word xMin=\"")?;
            let (x0, rest) = l.split_once('"')?;
            let rest = rest.split_once("xMax=\"")?.1;
            let (x1, rest) = rest.split_once('"')?;
            let word = rest.split_once('>')?.1.strip_suffix("</word>")?;
            Some((x0.parse().ok()?, x1.parse().ok()?, word))
        })
        .collect();
    let mut in_contents = 0;
    for pair in words.windows(2) {
        let ((_, number_end, number), (title_start, _, title)) = (pair[0], pair[1]);
        if matches!((number, title), ("10.1", "Layout") | ("10.1.1", "Widths")) {
            in_contents += 1;
            assert!(
                title_start - number_end >= 3.0,
                "{number} ends at {number_end:.1}, {title} starts at {title_start:.1}"
            );
        }
    }
    // Once in the contents, once where the sub-chapter opens.
    assert_eq!(in_contents, 4, "{words:?}");
    // The book gives no identifier: the copyright page prints none (the EPUB's generated
    // UUID is not one to print).
    assert!(
        !bbox.contains("urn:uuid"),
        "a generated identifier is printed"
    );
}

#[test]
fn lists_sit_on_the_grid_and_a_no_break_space_paragraph_keeps_two_apart() {
    let dir = one_chapter_book(
        "two-lists",
        "# Lists\n\nBefore the lists.\n\n1.  Alpha\n\n2.  Bravo\n\n&nbsp;\n\n1.  Charlie\n\n2.  Delta\n\nAfter them.\n",
    );
    let (pages, _) = typeset_book(&dir);
    let words = ["Before", "Alpha", "Bravo", "Charlie", "Delta", "After"];
    // Every line on the grid; one blank line where the author put `&nbsp;`.
    let steps = baseline_steps(&dir, &pages, &words);
    assert_eq!(steps, [1.0, 1.0, 2.0, 1.0, 1.0], "baseline steps in lines");
}

#[test]
fn a_scene_break_at_a_page_break_opens_the_next_page_with_its_mark() {
    use folio::typeset::page::Placed;
    // One-line paragraphs between blank-line scene breaks: every page break falls at a
    // break (before or after its blank line), so every page after the first opens with
    // the mark instead of losing the break.
    let body: Vec<String> = (0..80).map(|k| format!("Scene {k} is short.")).collect();
    let dir = one_chapter_book(
        "scene-breaks",
        &format!("# Scenes\n\n{}\n", body.join("\n\n***\n\n")),
    );
    // The break set as white space (the classic design draws a mark at every break).
    let toml = dir.join("book.toml");
    let mut config = std::fs::read_to_string(&toml).unwrap();
    config += "\n[design]\nscene-break = \"space\"\n";
    std::fs::write(&toml, config).unwrap();
    let (pages, _) = typeset_book(&dir);
    let project = project::load(&dir).unwrap();
    let setup = &project.config.pdf.setup;
    let top = (setup.margin_top + setup.bleed).get();
    let firsts: Vec<String> = pages
        .pages
        .iter()
        .filter_map(|page| {
            page.items
                .iter()
                .filter_map(|item| match item {
                    Placed::Text(run) if run.origin.y.get() > top => Some(run),
                    _ => None,
                })
                .min_by(|a, b| a.origin.y.get().total_cmp(&b.origin.y.get()))
                .map(|run| run.text.clone())
        })
        .collect();
    let scenes: Vec<&String> = firsts
        .iter()
        .skip_while(|t| !t.contains("Scenes"))
        .skip(1)
        .collect();
    assert!(scenes.len() >= 3, "{firsts:?}");
    for first in &scenes {
        assert!(
            first.contains('*'),
            "a page opens with {first:?}: {firsts:?}"
        );
    }
}

#[test]
fn a_full_page_figure_gets_a_page_of_its_own_without_running_head_or_folio() {
    use folio::typeset::page::Placed;
    let sentence = "The quick brown fox jumps over the lazy dog while the reader waits. ";
    // Enough text before the figure to run onto a second page, so that the figure's
    // reference falls inside a page; a figure 2.5 times as tall as it is wide does not fit
    // the text block at the measure's width.
    let markdown = format!(
        "# Plates\n\nBefore {}\n\n![A tall plate](img/tall.png)\n\nAfter {}\n",
        sentence.repeat(45),
        sentence.repeat(45)
    );
    let dir = one_chapter_book("full-page-figure", &markdown);
    std::fs::create_dir_all(dir.join("src/img")).unwrap();
    std::fs::write(dir.join("src/img/tall.png"), grey_png(1000, 2500)).unwrap();
    let (pages, _) = typeset_book(&dir);
    let project = project::load(&dir).unwrap();
    let setup = &project.config.pdf.setup;
    let top = setup.margin_top + setup.bleed;
    let height = setup.trim_height - setup.margin_top - setup.margin_bottom;
    let with_image: Vec<usize> = (0..pages.pages.len())
        .filter(|&n| {
            pages.pages[n]
                .items
                .iter()
                .any(|i| matches!(i, Placed::Image { .. }))
        })
        .collect();
    assert_eq!(with_image.len(), 1, "the plate is on one page");
    let n = with_image[0];
    let plate = &pages.pages[n];
    // Nothing but the image: no running head, no folio, no text.
    assert!(
        plate
            .items
            .iter()
            .all(|i| matches!(i, Placed::Image { .. })),
        "page {} holds more than its plate",
        n + 1
    );
    let Some(Placed::Image { rect, .. }) = plate.items.first() else {
        unreachable!("the page has an image");
    };
    // As tall as the text block's lines allow, centred in it.
    assert!(rect.height.get() > height.get() - setup.leading.get() - 0.01);
    let above = (rect.origin.y - top).get();
    let below = (top + height - rect.origin.y - rect.height).get();
    assert!(above >= 0.0 && (above - below).abs() < setup.leading.get() + 0.01);
    // The text after the reference fills the page before the plate (no hole), and goes on
    // on the page after it, where the running head is back.
    let text = |k: usize| -> String {
        pages.pages[k]
            .items
            .iter()
            .filter_map(|i| match i {
                Placed::Text(run) => Some(run.text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(text(n - 1).contains("After"), "{}", text(n - 1));
    assert!(text(n + 1).contains("fox"));
    let has_head = pages.pages[n + 1]
        .items
        .iter()
        .any(|i| matches!(i, Placed::Text(r) if r.origin.y.get() < top.get()));
    assert!(has_head, "the page after the plate has its running head");
}

#[test]
fn a_file_name_over_a_listing_never_ends_a_page_without_it() {
    use folio::typeset::page::Placed;
    // The label falls at different places on the page as the text before it grows; on no
    // page may it be the last line with its code on the next page.
    let word = "lorem ipsum dolor sit amet consectetur ";
    let code: String = (0..12).map(|k| format!("    let x{k} = {k};\n")).collect();
    let mut checked = 0;
    for n in 40..=120 {
        let markdown = format!(
            "# Listing\n\n{}\n\n*Filename: src/main.rs*\n\n```rust\nfn main() {{\n{code}}}\n```\n\nAfter.\n",
            word.repeat(n)
        );
        let dir = one_chapter_book(&format!("file-name-{n}"), &markdown);
        let (pages, _) = typeset_book(&dir);
        let page_of = |needle: &str| {
            pages.pages.iter().position(|p| {
                p.items
                    .iter()
                    .any(|i| matches!(i, Placed::Text(r) if r.text.contains(needle)))
            })
        };
        let label = page_of("Filename").expect("the label is set");
        let code = page_of("x0").expect("the code is set");
        assert_eq!(label, code, "with {n} repeats the label and its code part");
        checked += 1;
    }
    assert_eq!(checked, 81);
}

#[test]
fn an_image_inside_running_text_is_drawn_in_its_line_as_tall_as_the_type() {
    use folio::typeset::page::Placed;
    let markdown = "# Icons\n\n## The ![dot](img/dot.png) section\n\n\
                    Press the ![gear](img/gear.png) button, then the \
                    ![wide](img/wide.png) bar, and read on.\n\n\
                    | Icon | Meaning |\n|---|---|\n| ![gear](img/gear.png) | Settings |\n";
    let dir = one_chapter_book("inline-images", markdown);
    std::fs::create_dir_all(dir.join("src/img")).unwrap();
    std::fs::write(dir.join("src/img/gear.png"), grey_png(300, 300)).unwrap();
    std::fs::write(dir.join("src/img/wide.png"), grey_png(900, 300)).unwrap();
    // 25 px at the natural 150 ppi: 12 pt, less than the heading's type.
    std::fs::write(dir.join("src/img/dot.png"), grey_png(25, 25)).unwrap();
    let (pages, warnings) = typeset_book(&dir);
    assert!(
        !warnings
            .iter()
            .any(|w| w.message.contains("cannot be drawn")),
        "{warnings:?}"
    );
    let size = project::load(&dir)
        .unwrap()
        .config
        .pdf
        .setup
        .font_size
        .get();
    let page = (pages.pages.iter())
        .find(|p| p.items.iter().any(|i| matches!(i, Placed::Image { .. })))
        .expect("a page with the images");
    let images: Vec<_> = (page.items.iter())
        .filter_map(|i| match i {
            Placed::Image { image, rect } => Some((pages.images[*image].alt.clone(), *rect)),
            _ => None,
        })
        .collect();
    assert_eq!(images.len(), 4, "{images:?}");
    // The heading's small icon keeps its natural size: the heading's type is larger.
    let heading_size = (page.items.iter())
        .find_map(|i| match i {
            Placed::Text(run) if run.text.contains("section") => Some(run.size.get()),
            _ => None,
        })
        .expect("the heading");
    assert_eq!(images[0].0, "dot");
    assert!(heading_size > 12.5, "{heading_size}");
    assert!(
        (images[0].1.height.get() - 12.0).abs() < 0.01,
        "{:?}",
        images[0]
    );
    let images = &images[1..];
    // The PDF describes them (/Alt) as the figures'.
    assert_eq!(images[0].0, "gear");
    // Each as tall as the type, in proportion, its foot at the descenders.
    let (_, gear) = &images[0];
    assert!((gear.height.get() - size).abs() < 0.01, "{gear:?}");
    assert!((gear.width.get() - size).abs() < 0.01, "{gear:?}");
    let (_, wide) = &images[1];
    assert!((wide.width.get() - 3.0 * size).abs() < 0.01, "{wide:?}");
    // In the line: between "the" and "button", on that line's baseline.
    let run_with = |word: &str| {
        (page.items.iter())
            .find_map(|i| match i {
                Placed::Text(run) if run.text.contains(word) => Some(run.clone()),
                _ => None,
            })
            .expect("the word is on the page")
    };
    let press = run_with("Press");
    let button = run_with("button");
    let baseline = press.origin.y.get();
    assert!((gear.origin.y.get() + gear.height.get() - baseline - 0.2 * size).abs() < 0.01);
    let gear_x = gear.origin.x.get();
    assert!(
        press.origin.x.get() < gear_x,
        "the image follows the text before it"
    );
    let at = button.text.find("button").unwrap() as u32;
    let b = (button.glyphs.iter())
        .find(|g| g.text.start == at)
        .expect("the glyph of b");
    assert!(
        button.origin.x.get() + b.x.get() > gear_x + gear.width.get(),
        "the text after it follows it"
    );
    // The text layer has no stand-in character.
    assert!(
        page.items
            .iter()
            .all(|i| !matches!(i, Placed::Text(r) if r.text.contains('\u{FFFC}'))),
        "no U+FFFC in the text"
    );
}
