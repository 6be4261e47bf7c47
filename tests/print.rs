//! Print outputs through the real binary: the wraparound cover PDF (its size follows the
//! interior's page count and paper) and SVG figures drawn in the PDF.

mod common;

use std::path::Path;

use common::{copy_dir, folio, repo, stderr, temp_dir};

const EPOCH: (&str, &str) = ("SOURCE_DATE_EPOCH", "1700000000");
const STEM: &str = "the-victory-of-the-taliban-and-its-international-significance";

/// Runs `folio build` with `args` after the book and output folder; panics on failure.
fn build(book: &Path, out: &Path, args: &[&str]) -> String {
    let mut all = vec!["build", book.to_str().unwrap(), "-o", out.to_str().unwrap()];
    all.extend_from_slice(args);
    let output = folio(&all, &[EPOCH]);
    assert!(output.status.success(), "{}", stderr(&output));
    stderr(&output)
}

/// The numbers after `key` (e.g. `/MediaBox`) in the PDF, up to the closing bracket.
fn numbers_after(pdf: &[u8], key: &str) -> Vec<f64> {
    let text = String::from_utf8_lossy(pdf);
    let at = text.find(key).unwrap_or_else(|| panic!("no {key}")) + key.len();
    let rest = &text[at..];
    let open = rest.find('[').unwrap();
    let close = rest.find(']').unwrap();
    rest[open + 1..close]
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect()
}

/// The page count of a PDF: the `/Count` of its page tree.
fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    let tree = text.find("/Type/Pages").expect("a page tree");
    let object = &text[text[..tree].rfind("obj").unwrap()..];
    let object = &object[..object.find("endobj").unwrap()];
    let count = &object[object.find("/Count").unwrap() + "/Count".len()..];
    count
        .trim_start()
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Runs a checker on `file` (see `common::tool`): `Some((success, output))`.
fn tool(program: &str, args: &[&str], file: &Path) -> Option<(bool, String)> {
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    all.push(file.as_os_str());
    common::tool(program, &all)
}

#[test]
fn cover_sheet_is_two_trims_the_spine_and_bleed() {
    let out = temp_dir("cover-format");
    build(&repo().join("book"), &out, &["--format", "pdf,cover"]);
    let interior = std::fs::read(out.join(format!("{STEM}.pdf"))).unwrap();
    let cover_path = out.join(format!("{STEM}-cover.pdf"));
    let cover = std::fs::read(&cover_path).expect("the cover is written beside the PDF");
    assert_eq!(page_count(&cover), 1);
    // 6 × 9 in trim, no bleed set: KDP's 0.125 in; white paper, 0.002252 in a page.
    let pages = page_count(&interior).next_multiple_of(2) as f64;
    let spine = pages * 0.002252 * 72.0;
    let (width, height) = (2.0 * 432.0 + spine + 18.0, 648.0 + 18.0);
    let media = numbers_after(&cover, "/MediaBox");
    assert!(
        (media[2] - width).abs() < 0.01 && (media[3] - height).abs() < 0.01,
        "{media:?}"
    );
    let trim = numbers_after(&cover, "/TrimBox");
    assert_eq!(trim[..2], [9.0, 9.0]);
    assert!((trim[2] - (width - 9.0)).abs() < 0.01, "{trim:?}");
    assert_eq!(numbers_after(&cover, "/BleedBox"), media);
    if let Some((ok, report)) = tool("qpdf", &["--check"], &cover_path) {
        assert!(ok && !report.contains("WARNING"), "{report}");
    }
    if let Some((ok, info)) = tool("pdffonts", &[], &cover_path) {
        assert!(ok && info.contains("EBGaramond-Regular"), "{info}");
        assert!(
            !info.contains(" no "),
            "every font embedded and subset:\n{info}"
        );
    }
}

#[test]
fn cover_in_book_toml_comes_with_the_pdf_and_cream_is_thicker() {
    let book = temp_dir("cover-config-book");
    copy_dir(&repo().join("book"), &book);
    let toml = std::fs::read_to_string(book.join("book.toml")).unwrap();
    let white = temp_dir("cover-white");
    build(&book, &white, &["--format", "cover"]);
    std::fs::write(
        book.join("book.toml"),
        format!("{toml}\n[output.pdf]\ncover = true\npaper = \"cream\"\n"),
    )
    .unwrap();
    let cream = temp_dir("cover-cream");
    build(&book, &cream, &[]);
    assert!(cream.join(format!("{STEM}.pdf")).is_file());
    assert!(cream.join(format!("{STEM}.epub")).is_file());
    let width = |dir: &Path| {
        numbers_after(
            &std::fs::read(dir.join(format!("{STEM}-cover.pdf"))).unwrap(),
            "/MediaBox",
        )[2]
    };
    assert!(
        !white.join(format!("{STEM}.pdf")).exists(),
        "only the cover was asked for"
    );
    // The interior's pages, rounded up to even, each (0.0025 − 0.002252) in thicker.
    let interior = temp_dir("cover-interior");
    build(&book, &interior, &["--format", "pdf"]);
    let pages = page_count(&std::fs::read(interior.join(format!("{STEM}.pdf"))).unwrap())
        .next_multiple_of(2) as f64;
    let difference = width(&cream) - width(&white);
    assert!(
        (difference - pages * (0.0025 - 0.002252) * 72.0).abs() < 0.01,
        "{difference}"
    );
}

#[test]
fn two_cover_builds_are_byte_identical() {
    let (a, b) = (temp_dir("cover-a"), temp_dir("cover-b"));
    let book = repo().join("book");
    build(&book, &a, &["--format", "cover"]);
    build(&book, &b, &["--format", "cover"]);
    let name = format!("{STEM}-cover.pdf");
    assert!(std::fs::read(a.join(&name)).unwrap() == std::fs::read(b.join(&name)).unwrap());
}

#[test]
fn svg_figure_is_drawn_and_a_broken_one_warns_with_its_line() {
    let out = temp_dir("svg-figure");
    let book = repo().join("tests/fixtures/svg-figure");
    let err = build(&book, &out, &["--format", "pdf", "--diagnostics", "short"]);
    assert!(
        err.contains("svg-figure/one.md:9:1: warning: image `broken.svg` cannot be drawn"),
        "{err}"
    );
    assert!(!err.contains("diagram.svg"), "{err}");
    let path = out.join("svg-figures.pdf");
    let pdf = std::fs::read(&path).unwrap();
    // 4 in wide (within the measure), rasterised at 300 dpi.
    assert!(
        String::from_utf8_lossy(&pdf).contains("/Width 1200/Height 600"),
        "no 1200 × 600 image"
    );
    if let Some((ok, list)) = tool("pdfimages", &["-list"], &path) {
        // PDF/X-4 (the default) tags RGB with the sRGB profile: `icc`, 3 components.
        assert!(ok && list.contains("1200   600  icc     3"), "{list}");
    }
    // Rendered, the page shows the blue box: in PDF/X-4 poppler simulates the CMYK output
    // intent, and #0000ff, outside the press gamut, comes out as a duller blue (40, 78, 167).
    let prefix = out.join("page");
    let rendered = common::tool(
        "pdftoppm",
        &[
            "-r".as_ref(),
            "40".as_ref(),
            "-png".as_ref(),
            path.as_os_str(),
            prefix.as_os_str(),
        ],
    );
    if let Some((ok, report)) = rendered {
        assert!(ok, "{report}");
        let blue: usize = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "png"))
            .map(|png| {
                let page = image::open(png).unwrap().to_rgb8();
                page.pixels()
                    .filter(|p| {
                        let [r, g, b] = p.0.map(i32::from);
                        b > 150 && b > r + 80 && b > g + 60
                    })
                    .count()
            })
            .sum();
        assert!(blue > 1000, "{blue} blue pixels");
    }
}
