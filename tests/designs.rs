//! Book designs (issue 13): `folio designs`, `--design`, the `[design]` knobs on a small book
//! (golden page dumps), the drop cap's lines and indent, scene breaks at a page's top and
//! foot, a family without bold italic, and small capitals from the font's `smcp`.

mod common;

use common::{folio, repo, stderr, temp_dir, write_files};
use folio::typeset::page::{Pages, Placed};
use folio::{markdown, project, typeset};

const PROSE: &str = "Some years ago, never mind how long precisely, having little or no money in my purse, and nothing particular to interest me on shore, I thought I would sail about a little and see the watery part of the world. It is a way I have of driving off the spleen and regulating the circulation.";

/// A two-chapter book with a scene break, in memory, with `design` as its `[design]` table.
fn book_toml(design: &str) -> String {
    format!(
        "[book]\ntitle = \"Designs\"\nauthors = [\"A. Writer\"]\nlanguage = \"en\"\n\n[design]\n{design}\n"
    )
}

fn chapter(title: &str, paragraphs: usize) -> String {
    let mut text = format!("# {title}\n\nCall me Ishmael. {PROSE}\n\n");
    for k in 0..paragraphs {
        text.push_str(&format!("{PROSE} {}\n\n", "And so on. ".repeat(k % 4)));
        if k == paragraphs / 2 {
            text.push_str("***\n\nThere now is your insular city of the Manhattoes, belted round by wharves.\n\n");
        }
    }
    text
}

fn typeset(design: &str, paragraphs: usize) -> (Pages, Vec<folio::diag::Diagnostic>) {
    let one = chapter("Loomings", paragraphs);
    let two = chapter("The Carpet-Bag", 3);
    let project = project::from_memory(
        &book_toml(design),
        &[
            (
                "src/SUMMARY.md",
                "# Summary\n\n- [Loomings](one.md)\n- [The Carpet-Bag](two.md)\n",
            ),
            ("src/one.md", &one),
            ("src/two.md", &two),
        ],
        &[],
    );
    assert!(project.diagnostics.is_empty(), "{:?}", project.diagnostics);
    typeset_project(&project)
}

/// The pages of a book held in memory, set on one thread.
fn typeset_project(project: &project::Project) -> (Pages, Vec<folio::diag::Diagnostic>) {
    let book = markdown::parse_book(project).expect("the book parses");
    let fonts = folio::font_set(project).expect("the fonts parse");
    typeset::typeset_pages(
        &book,
        &fonts,
        &project.config.pdf.setup,
        &project.code_theme,
        1,
    )
    .expect("it typesets")
}

fn check_golden(name: &str, dump: &str) {
    let golden = repo().join(format!("tests/golden/designs/{name}.txt"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().expect("a folder")).expect("writable");
        std::fs::write(&golden, dump).expect("writable");
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    assert!(
        dump == expected,
        "the page dump differs from {} (UPDATE_GOLDEN=1 to accept):\n{dump}",
        golden.display()
    );
}

/// The body pages' dump (the front matter is the same in every design).
fn body_dump(pages: &Pages) -> String {
    let dump = pages.dump();
    let start = dump
        .find(" (1)\n")
        .and_then(|at| dump[..at].rfind("=="))
        .unwrap_or(0);
    dump[start..].to_string()
}

#[test]
fn folio_designs_lists_three_one_per_line() {
    let output = folio(&["designs"], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let names: Vec<&str> = text
        .lines()
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    assert_eq!(names, ["classic", "modern", "literary"]);
    assert!(
        text.lines().all(|l| l.split_whitespace().count() > 3),
        "{text}"
    );
}

#[test]
fn an_unknown_design_is_a_usage_error() {
    let output = folio(&["build", ".", "--design", "baroque"], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("classic, modern, literary"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn each_preset_sets_the_small_book_as_its_golden_dump() {
    let mut dumps = Vec::new();
    for preset in ["classic", "modern", "literary"] {
        let (pages, _) = typeset(&format!("preset = \"{preset}\""), 8);
        let dump = body_dump(&pages);
        check_golden(preset, &dump);
        dumps.push(dump);
    }
    assert_ne!(dumps[0], dumps[1]);
    assert_ne!(dumps[0], dumps[2]);
    assert_ne!(dumps[1], dumps[2]);
}

#[test]
fn knobs_override_the_preset_in_the_pages() {
    let knobs = "preset = \"classic\"\nparagraph = \"block\"\nchapter-label = \"roman\"\nchapter-case = \"upper\"\nchapter-align = \"left\"\nchapter-ornament = \"§\"\nscene-break = \"~ ~ ~\"\nrunning-head-verso = \"author\"\nrunning-head-recto = \"title\"\nfolio = \"foot-outer\"\nfeatures = [\"onum\"]\nfont-size = \"10pt\"";
    let (pages, _) = typeset(knobs, 8);
    let dump = body_dump(&pages);
    check_golden("knobs", &dump);
    assert!(dump.contains(" I\n"), "the roman label: {dump}");
    assert!(dump.contains("LOOMINGS"), "the title in capitals");
    assert!(dump.contains("§"), "the ornament");
    assert!(
        dump.contains("~~~"),
        "the scene break's text (the dump drops spaces)"
    );
    // The author on versos, in classic's small capitals (the text layer has them lower-case).
    assert!(dump.contains("a.writer"), "the author on versos");
    assert!(!dump.contains("Chapter 1"));
}

/// The drop cap: three lines beside it indented by its measured width, the fourth at the
/// margin; its baseline on the third line's.
#[test]
fn the_drop_cap_spans_three_lines_beside_indented_text() {
    let (pages, _) = typeset("preset = \"literary\"", 8);
    let opening = (pages.pages.iter())
        .find(|p| {
            p.items
                .iter()
                .any(|i| matches!(i, Placed::Text(r) if r.text == "C" && r.size.get() > 20.0))
        })
        .expect("a page with the drop cap");
    let runs: Vec<_> = opening
        .items
        .iter()
        .filter_map(|i| match i {
            Placed::Text(run) => Some(run),
            _ => None,
        })
        .collect();
    let cap = runs
        .iter()
        .find(|r| r.text == "C")
        .expect("the drop cap is on the opening page");
    let body = runs
        .iter()
        .filter(|r| {
            (r.size.get() - 11.0).abs() < 0.01 && r.origin.y.get() > cap.origin.y.get() - 40.0
        })
        .collect::<Vec<_>>();
    let mut baselines: Vec<f64> = body.iter().map(|r| r.origin.y.get()).collect();
    baselines.dedup_by(|a, b| (*a - *b).abs() < 0.1);
    let left = |y: f64| {
        body.iter()
            .filter(|r| (r.origin.y.get() - y).abs() < 0.1)
            .map(|r| r.origin.x.get())
            .fold(f64::MAX, f64::min)
    };
    assert!(
        cap.size.get() > 30.0,
        "the cap is large: {}",
        cap.size.get()
    );
    assert!(
        (cap.origin.y.get() - baselines[2]).abs() < 0.1,
        "on the third baseline"
    );
    let cap_x = cap.origin.x.get();
    for &y in &baselines[..3] {
        assert!(left(y) > cap_x + 20.0, "indented beside the cap");
    }
    assert!(
        (left(baselines[3]) - cap_x).abs() < 1.0,
        "the fourth line at the margin"
    );
}

/// A scene break's mark stays when a page breaks at it: it is never dropped, and some
/// length of the text before it puts it at the top of a page. (The paginator breaks before
/// a mark rather than after it: at no length is it the last line of a page.)
#[test]
fn scene_breaks_stay_visible_at_a_page_top() {
    let (mut at_top, mut at_foot) = (false, false);
    for paragraphs in 4..40 {
        let (pages, _) = typeset("preset = \"literary\"", paragraphs);
        let marks: usize = pages
            .pages
            .iter()
            .map(|p| {
                p.items
                    .iter()
                    .filter(|i| matches!(i, Placed::Text(r) if r.text == "\u{2766}"))
                    .count()
            })
            .sum();
        // Two ornaments under the titles, one scene break in each chapter.
        assert_eq!(marks, 4, "no mark is lost ({paragraphs} paragraphs)");
        for page in &pages.pages {
            let lines: Vec<_> = page
                .items
                .iter()
                .filter_map(|i| match i {
                    Placed::Text(r) if (r.size.get() - 11.0).abs() < 0.01 => Some(r),
                    _ => None,
                })
                .collect();
            let (Some(first), Some(last)) = (
                lines
                    .iter()
                    .min_by(|a, b| a.origin.y.get().total_cmp(&b.origin.y.get())),
                lines
                    .iter()
                    .max_by(|a, b| a.origin.y.get().total_cmp(&b.origin.y.get())),
            ) else {
                continue;
            };
            at_top |= first.text == "\u{2766}";
            at_foot |= last.text == "\u{2766}";
        }
    }
    assert!(at_top, "no text length put a scene break at a page top");
    assert!(
        !at_foot,
        "a mark ends a page: the paginator changed, say so in the test"
    );
}

#[test]
fn a_family_without_bold_italic_is_a_warning_with_its_line() {
    let dir = temp_dir("designs-family");
    write_files(
        &dir,
        &[
            (
                "book.toml",
                "[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\n\n[design]\nbody-font = \"Plain\"\n",
            ),
            ("src/SUMMARY.md", "- [One](one.md)\n"),
            ("src/one.md", "# One\n\nText.\n"),
        ],
    );
    std::fs::create_dir_all(dir.join("fonts")).expect("writable");
    for (style, file) in [
        ("Regular", "EBGaramond-Regular.ttf"),
        ("Italic", "EBGaramond-Italic.ttf"),
        ("Bold", "EBGaramond-Bold.ttf"),
    ] {
        std::fs::copy(
            repo().join("fonts").join(file),
            dir.join(format!("fonts/Plain-{style}.ttf")),
        )
        .expect("copied");
    }
    let output = folio(
        &[
            "check",
            dir.to_str().expect("UTF-8"),
            "--diagnostics",
            "short",
        ],
        &[],
    );
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(
        err.contains("book.toml:7:13: warning: the font family `Plain` has no bold italic face; bold is used for it"),
        "{err}"
    );
}

/// Small capitals are the font's own glyphs (`smcp`), not capitals scaled down.
#[test]
fn small_caps_come_from_the_fonts_smcp() {
    use folio::typeset::text::{Align, Format, Hyphenation, Layout, Setter, Style, Text};
    let project = project::from_memory(&book_toml("preset = \"literary\""), &[], &[]);
    let fonts = folio::font_set(&project).expect("the fonts parse");
    assert!(fonts.has_small_caps());
    let hyphenation = Hyphenation {
        enabled: false,
        min_before: 2,
        min_after: 3,
    };
    let mut setter = Setter::new(&fonts, "en", hyphenation);
    let glyphs = |setter: &mut Setter, style| {
        let mut text = Text::default();
        text.push("ishmael", Format::plain(style));
        let layout = Layout::aligned(
            folio::units::Pt::new(11.0),
            folio::units::Pt::new(500.0),
            Align::Left,
        );
        let set = setter.set(&text, &layout);
        let run = set.lines[0].runs[0].clone();
        (
            run.font,
            run.glyphs.iter().map(|g| g.id).collect::<Vec<_>>(),
        )
    };
    let (roman_face, roman) = glyphs(&mut setter, Style::Regular);
    let (caps_face, caps) = glyphs(&mut setter, Style::SmallCaps);
    assert_ne!(roman_face, caps_face);
    assert_eq!(roman.len(), caps.len());
    assert!(
        roman.iter().zip(&caps).all(|(r, c)| r != c),
        "{roman:?} {caps:?}"
    );
}

#[test]
fn a_one_line_first_paragraph_gets_no_drop_cap() {
    // A byline under the title is shorter than the three-line cap: a cap would hang into
    // the paragraph after it, so the byline gets the lead-in alone.
    let project = project::from_memory(
        &book_toml("preset = \"literary\""),
        &[(
            "src/one.md",
            &format!("# Loomings\n\nBy a sailor.\n\n{PROSE}\n\n{PROSE}\n"),
        )],
        &[],
    );
    let (pages, _) = typeset_project(&project);
    let large: Vec<&str> = (pages.pages.iter())
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Placed::Text(r) if r.size.get() > 20.0 && r.text.len() == 1 => Some(r.text.as_str()),
            _ => None,
        })
        .collect();
    assert!(!large.contains(&"B"), "a drop cap on the byline: {large:?}");
}
