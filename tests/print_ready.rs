//! The print PDF's standards through the real binary: PDF/X-4, PDF/X-1a:2003 and PDF/A-2b
//! structure read back from an uncompressed `qpdf --qdf` dump (output intent and its ICC
//! profile, `/Info` and XMP keys, boxes on every page, no transparency or RGB in X-1a),
//! Ghostscript rendering every page without an error, presets, crop marks, and the readiness
//! line checked against a hand count.

mod common;

use std::path::{Path, PathBuf};

use common::{folio, stderr, temp_dir};

const EPOCH: (&str, &str) = ("SOURCE_DATE_EPOCH", "1700000000");

/// A two-chapter book: chapter one opens with `low.png` (300 × 150 px with a translucent
/// half, drawn at its natural 2 in: 150 dpi), chapter two shows `high.png` (1500 × 300 px,
/// scaled to the 4.5 in measure: 333 dpi). `pdf` is appended to `[output.pdf]`.
fn write_book(dir: &Path, pdf: &str) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("book.toml"),
        format!(
            "[book]\ntitle = \"Print <Test> & Co\"\nauthors = [\"A. Writer\", \"B. Writer\"]\nlanguage = \"en\"\nsrc = \"src\"\n\n[output.pdf]\n{pdf}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("src/SUMMARY.md"),
        "# Summary\n\n- [One](one.md)\n- [Two](two.md)\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("src/one.md"),
        "# One\n\n![A low-resolution figure](low.png)\n\nSome text after the figure, with a [link](https://example.com/).\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("src/two.md"),
        "# Two\n\n![A sharp figure](high.png)\n\nMore text.\n",
    )
    .unwrap();
    let low = image::RgbaImage::from_fn(300, 150, |x, _| {
        image::Rgba([200, 30, 30, if x < 150 { 255 } else { 100 }])
    });
    low.save(dir.join("src/low.png")).unwrap();
    let high = image::RgbImage::from_fn(1500, 300, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    high.save(dir.join("src/high.png")).unwrap();
}

/// Builds the book with `pdf` settings; returns the PDF's path and standard error.
fn build(name: &str, pdf: &str) -> (PathBuf, String) {
    let dir = temp_dir(name);
    let book = dir.join("book");
    write_book(&book, pdf);
    let out = dir.join("out");
    let output = common::build(&book, &out, "pdf", &[], &[EPOCH]);
    assert!(output.status.success(), "{}", stderr(&output));
    (out.join("print-test-co.pdf"), stderr(&output))
}

/// The file as `qpdf --qdf` writes it (objects uncompressed, one key a line), or `None`
/// without qpdf.
fn qdf(pdf: &Path) -> Option<String> {
    let out = pdf.with_extension("qdf.pdf");
    let (ok, report) = common::tool(
        "qpdf",
        &[
            "--qdf".as_ref(),
            "--object-streams=disable".as_ref(),
            pdf.as_os_str(),
            out.as_os_str(),
        ],
    )?;
    assert!(ok, "qpdf --qdf failed on {}: {report}", pdf.display());
    Some(String::from_utf8_lossy(&std::fs::read(out).unwrap()).into_owned())
}

/// The dictionary of object `id` in a QDF dump (up to `stream` or `endobj`).
fn object<'a>(dump: &'a str, id: &str) -> &'a str {
    let start = dump
        .find(&format!("\n{id} 0 obj\n"))
        .unwrap_or_else(|| panic!("no object {id}"));
    let rest = &dump[start..];
    let end = rest
        .find("\nstream\n")
        .into_iter()
        .chain(rest.find("endobj"))
        .min()
        .unwrap();
    &rest[..end]
}

/// The object number after `key` (`/DestOutputProfile 6 0 R` → `6`).
fn reference<'a>(dump: &'a str, key: &str) -> &'a str {
    let at = dump.find(key).unwrap_or_else(|| panic!("no {key}")) + key.len();
    dump[at..].split_whitespace().next().unwrap()
}

/// Checks the file with qpdf and renders every page with Ghostscript, when installed.
fn renders_cleanly(pdf: &Path) {
    if let Some((ok, text)) = common::tool("qpdf", &["--check".as_ref(), pdf.as_os_str()]) {
        assert!(
            ok && text.contains("No syntax or stream encoding errors"),
            "{text}"
        );
    }
    let gs: Vec<&std::ffi::OsStr> = ["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage"]
        .iter()
        .map(std::ffi::OsStr::new)
        .chain([pdf.as_os_str()])
        .collect();
    if let Some((ok, text)) = common::tool("gs", &gs) {
        assert!(ok && !text.to_lowercase().contains("error"), "{text}");
    }
}

/// The assertions every standard shares: header, one TrimBox and BleedBox per page, the
/// output intent's profile with `n` components, Trapped in /Info and XMP.
fn common_checks(bytes: &[u8], dump: &str, header: &str, subtype: &str, n: u8) {
    assert!(
        bytes.starts_with(header.as_bytes()),
        "header is not {header}"
    );
    let pages = dump.matches("/Type /Page\n").count();
    assert!(pages > 3);
    assert_eq!(dump.matches("/TrimBox [").count(), pages);
    assert_eq!(dump.matches("/BleedBox [").count(), pages);
    assert!(dump.contains(&format!("/S /{subtype}")));
    assert!(!dump.contains("/DestinationOutputProfile"));
    let profile = object(dump, reference(dump, "/DestOutputProfile "));
    assert!(profile.contains(&format!("/N {n}")), "{profile}");
    assert!(dump.contains("/OutputConditionIdentifier ("));
    assert!(dump.contains("/Trapped /False"));
    assert!(dump.contains("<pdf:Trapped>False</pdf:Trapped>"));
    assert!(dump.contains("/ID ["));
    assert!(dump.contains("<xmpMM:DocumentID>uuid:"));
    // The title is escaped in XMP, as in /Info.
    assert!(dump.contains("Print &lt;Test&gt; &amp; Co"));
}

#[test]
fn pdf_x4_is_the_default_with_a_cmyk_output_intent_and_tagged_rgb() {
    let (path, err) = build("print-x4", "");
    let bytes = std::fs::read(&path).unwrap();
    renders_cleanly(&path);
    let Some(dump) = qdf(&path) else { return };
    common_checks(&bytes, &dump, "%PDF-1.6", "GTS_PDFX", 4);
    assert!(dump.contains("/GTS_PDFXVersion (PDF/X-4)"));
    assert!(dump.contains("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"));
    // RGB images are ICC-tagged (sRGB, 3 components), never bare DeviceRGB.
    assert!(
        !dump.contains("/ColorSpace /DeviceRGB"),
        "an untagged RGB image"
    );
    let srgb = object(&dump, reference(&dump, "/ICCBased\n"));
    assert!(srgb.contains("/N 3"));
    // No link annotations inside the page in PDF/X.
    assert!(!dump.contains("/Subtype /Link"));
    assert!(err.contains("print: PDF/X-4"), "{err}");
}

#[test]
fn pdf_x1a_has_only_grey_and_cmyk_and_no_transparency() {
    let (path, err) = build("print-x1a", "standard = \"pdf/x-1a\"");
    let bytes = std::fs::read(&path).unwrap();
    renders_cleanly(&path);
    let Some(dump) = qdf(&path) else { return };
    common_checks(&bytes, &dump, "%PDF-1.4", "GTS_PDFX", 4);
    assert!(dump.contains("/GTS_PDFXVersion (PDF/X-1a:2003)"));
    assert!(dump.contains("/GTS_PDFXConformance (PDF/X-1a:2003)"));
    assert!(dump.contains("<pdfxid:GTS_PDFXVersion>PDF/X-1a:2003</pdfxid:GTS_PDFXVersion>"));
    for forbidden in [
        "/SMask",
        "/Group",
        "/DeviceRGB",
        "/ICCBased",
        "/Subtype /Link",
    ] {
        assert!(!dump.contains(forbidden), "PDF/X-1a file has {forbidden}");
    }
    // Both images are CMYK now.
    assert_eq!(dump.matches("/ColorSpace /DeviceCMYK").count(), 2);
    assert!(err.contains("colour DeviceGray + DeviceCMYK"), "{err}");
}

#[test]
fn pdf_a2b_has_an_srgb_output_intent_and_pdfa_identification() {
    let (path, _) = build("print-a2b", "standard = \"pdf/a-2b\"");
    let bytes = std::fs::read(&path).unwrap();
    renders_cleanly(&path);
    let Some(dump) = qdf(&path) else { return };
    common_checks(&bytes, &dump, "%PDF-1.7", "GTS_PDFA1", 3);
    assert!(dump.contains("<pdfaid:part>2</pdfaid:part>"));
    assert!(dump.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    assert!(!dump.contains("GTS_PDFXVersion"));
    // dc:creator matches /Author (one entry, the names joined).
    assert!(dump.contains("/Author (A. Writer, B. Writer)"));
    assert!(dump.contains("<rdf:Seq><rdf:li>A. Writer, B. Writer</rdf:li></rdf:Seq>"));
    // Links stay, printable.
    assert!(dump.contains("/Subtype /Link"));
    assert!(dump.contains("/F 4"));
}

#[test]
fn no_standard_is_a_plain_pdf() {
    let (path, _) = build("print-none", "standard = \"none\"");
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.7"));
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("/OutputIntents") && !text.contains("GTS_PDFX"));
}

#[test]
fn crop_marks_grow_the_media_box_beyond_the_bleed() {
    let (path, _) = build("print-marks", "bleed = \"0.125in\"\ncrop-marks = true");
    renders_cleanly(&path);
    let Some(dump) = qdf(&path) else { return };
    let numbers = |key: &str| -> Vec<f64> {
        let at = dump.find(key).unwrap() + key.len();
        let rest = &dump[at..];
        rest[..rest.find(']').unwrap()]
            .split_whitespace()
            .map(|n| n.parse().unwrap())
            .collect()
    };
    let (media, bleed, trim) = (
        numbers("/MediaBox ["),
        numbers("/BleedBox ["),
        numbers("/TrimBox ["),
    );
    assert_eq!(trim, vec![9.0, 9.0, 441.0, 657.0]);
    assert_eq!(bleed, vec![0.0, 0.0, 450.0, 666.0]);
    assert!(media[0] < -20.0 && media[2] > 470.0, "{media:?}");
}

#[test]
fn readiness_line_matches_a_hand_count() {
    let (path, err) = build("print-readiness", "");
    let Some(dump) = qdf(&path) else { return };
    let pages = dump.matches("/Type /Page\n").count();
    let line = err
        .lines()
        .find(|l| l.starts_with("print: "))
        .unwrap_or_else(|| panic!("no readiness line in {err}"));
    // By hand: 6 × 9 in, no bleed; white paper at 0.002252 in a page (pages and fonts
    // counted in the file: page objects, font descriptors); text in DeviceGray and two RGB
    // images tagged sRGB; `low.png`, 300 px drawn 2 in wide at the head of chapter one
    // (page 1), prints at 150 dpi; `high.png`, 1500 px across the 4.5 in measure, at 333.
    let spine = pages.next_multiple_of(2) as f64 * 0.002252;
    let spine = format!("{spine:.3}");
    let spine = spine.trim_end_matches('0');
    let fonts = dump.matches("/Type /FontDescriptor").count();
    let expected = format!(
        "print: PDF/X-4, {pages} pages, trim 6 × 9 in, bleed 0 in, spine {spine} in (white), \
         {fonts} fonts embedded, colour DeviceGray + ICCBased sRGB, 1 image(s) below 300 dpi \
         (p. 1 150 dpi)"
    );
    assert_eq!(line, expected);
    assert!(pages > 3 && fonts > 0, "{pages} pages, {fonts} fonts");
}

#[test]
fn check_print_reports_each_problem_with_its_page() {
    let dir = temp_dir("print-check");
    write_book(&dir, "");
    let output = folio(&["check", "--print", dir.to_str().unwrap()], &[EPOCH]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("standard: PDF/X-4 (PDF 1.6, output intent CGATS TR 003)"));
    assert!(report.contains("images: 2, 1 placement(s) below 300 dpi"));
    assert!(
        report.contains("  page 1: image 0 prints at 150 dpi"),
        "{report}"
    );
    assert!(report.contains("TrimBox and BleedBox on every page"));
    assert!(stderr(&output).contains("1 print problem(s)"));
}

#[test]
fn kdp_preset_sets_bleed_x1a_and_the_gutter_for_the_page_count() {
    let (path, err) = build("print-kdp", "preset = \"kdp\"");
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.4"), "KDP's preset is PDF/X-1a");
    // Bleed 0.125 in: media 6.25 × 9.25 in.
    assert!(String::from_utf8_lossy(&bytes).contains("/MediaBox[0 0 450 666]"));
    // A short book: 0.375 in at the spine, and KDP's 24-page floor reported.
    assert!(err.contains("bleed 0.125 in"), "{err}");
    assert!(err.contains("1 other problem(s)"), "{err}");
    let book = path.parent().unwrap().parent().unwrap().join("book");
    let output = folio(&["check", "--print", book.to_str().unwrap()], &[EPOCH]);
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("inside margin: 0.375 in"), "{report}");
    assert!(
        report.contains("standard: PDF/X-1a:2003 (PDF 1.4"),
        "{report}"
    );
    // An explicit margin-inside below the table wins, with a warning.
    let (_, err) = build(
        "print-kdp-margin",
        "preset = \"kdp\"\nmargin-inside = \"0.2in\"",
    );
    assert!(
        err.contains("the inside margin is 0.200 in, below the 0.375 in"),
        "{err}"
    );
}
