//! Tests of `pdf::write` on small synthetic books: pure assertions on the bytes, plus
//! poppler and qpdf checks when those tools are installed.

use std::io::Read as _;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

use super::*;
use crate::typeset::page::{
    FontData, Glyph, ImageData, Link, LinkTarget, OutlineEntry, Page, PageLabel, Pages, Placed,
    Point, Rect as Area, TextRun,
};
use crate::units::{Pt, Rgb};

const GARAMOND: &[u8] = include_bytes!("../../fonts/EBGaramond-Regular.ttf");
const MONO: &[u8] = include_bytes!("../../fonts/DejaVuSansMono.ttf");
/// A CFF-flavoured OpenType font (Debian's EB Garamond 12, OFL), kept as a test fixture.
const CFF: &[u8] = include_bytes!("../../tests/fixtures/fonts/EBGaramond12-Regular.otf");

fn font(bytes: &[u8], embed_whole: bool) -> FontData {
    FontData {
        bytes: Arc::from(bytes),
        index: 0,
        embed_whole,
    }
}

fn pt(value: f64) -> Pt {
    Pt::new(value)
}

/// Shapes `text` with the cmap and advances only; `extra` widens each space (as justified
/// text does) and `U+FB01` stands for the `fi` ligature, covering the two bytes "fi".
fn run(bytes: &[u8], font: usize, size: f64, x: f64, y: f64, text: &str, extra: f64) -> TextRun {
    let face = ttf_parser::Face::parse(bytes, 0).unwrap();
    let scale = size / f64::from(face.units_per_em());
    let mut glyphs = Vec::new();
    let mut pen = 0.0;
    let mut rest = text;
    let mut offset = 0u32;
    while let Some(c) = rest.chars().next() {
        let (shown, len) = match rest.starts_with("fi") {
            true => ('\u{FB01}', 2),
            false => (c, c.len_utf8()),
        };
        let gid = face
            .glyph_index(shown)
            .or_else(|| face.glyph_index(c))
            .unwrap()
            .0;
        glyphs.push(Glyph {
            id: gid,
            x: pt(pen),
            y_offset: pt(0.0),
            text: offset..offset + len as u32,
        });
        pen += f64::from(face.glyph_hor_advance(ttf_parser::GlyphId(gid)).unwrap()) * scale;
        if c == ' ' {
            pen += extra;
        }
        offset += len as u32;
        rest = &rest[len..];
    }
    TextRun {
        h_scale: 1.0,
        font,
        size: pt(size),
        origin: Point { x: pt(x), y: pt(y) },
        glyphs,
        text: text.into(),
        fill: Rgb::BLACK,
    }
}

fn text(run: TextRun) -> Placed {
    Placed::Text(run)
}

fn area(x: f64, y: f64, width: f64, height: f64) -> Area {
    Area {
        origin: Point { x: pt(x), y: pt(y) },
        width: pt(width),
        height: pt(height),
    }
}

/// Three pages (one roman, two arabic) in two fonts, with a ligature, a superscript, a rule,
/// two links and a two-level outline, on a 6 × 9 in trim with 9 pt bleed.
fn book(fonts: Vec<FontData>) -> Pages {
    let mut note = run(GARAMOND, 0, 12.0, 72.0, 130.0, "whale1", 0.0);
    note.glyphs[5].y_offset = pt(4.0);
    let pages = vec![
        Page {
            items: vec![
                text(run(GARAMOND, 0, 18.0, 72.0, 100.0, "Contents", 0.0)),
                Placed::Line {
                    from: Point {
                        x: pt(72.0),
                        y: pt(110.0),
                    },
                    to: Point {
                        x: pt(300.0),
                        y: pt(110.0),
                    },
                    thickness: pt(0.5),
                },
            ],
            links: vec![Link {
                rect: area(72.0, 85.0, 100.0, 20.0),
                target: LinkTarget::Page {
                    page: 2,
                    y: pt(90.0),
                },
            }],
            label: PageLabel::Roman(1),
        },
        Page {
            items: vec![
                text(run(
                    GARAMOND,
                    0,
                    12.0,
                    72.0,
                    100.0,
                    "A fine fish swam by the ship.",
                    1.7,
                )),
                text(note),
                text(run(MONO, 1, 10.0, 72.0, 160.0, "let code = call();", 0.0)),
            ],
            links: vec![Link {
                rect: area(72.0, 150.0, 90.0, 12.0),
                target: LinkTarget::Uri("https://example.org/é?q=1 2".into()),
            }],
            label: PageLabel::Arabic(1),
        },
        Page {
            items: vec![text(run(
                GARAMOND,
                0,
                12.0,
                72.0,
                100.0,
                "Second chapter",
                0.0,
            ))],
            links: vec![],
            label: PageLabel::Arabic(2),
        },
    ];
    let entry = |title: &str, page, children| OutlineEntry {
        title: title.into(),
        page,
        y: pt(90.0),
        children,
    };
    Pages {
        trim_width: pt(432.0),
        trim_height: pt(648.0),
        bleed: pt(9.0),
        fonts,
        images: vec![],
        pages,
        outline: vec![
            entry("Chapter One", 1, vec![entry("A fine fish", 1, vec![])]),
            entry("Chapter Two — Überfahrt", 2, vec![]),
        ],
        page_starts: vec![],
    }
}

fn options() -> Options {
    Options {
        title: "Moby-Dick; or, The Whale".into(),
        authors: vec!["Herman Melville".into()],
        subject: Some("A whale & a ship".into()),
        keywords: vec!["whaling".into(), "Überfahrt".into()],
        language: "en-GB".into(),
        created: Some(1_700_000_000),
        producer: "folio test".into(),
        ..Options::default()
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The decompressed data of every Flate stream in the file, in file order.
fn streams(pdf: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = find(&pdf[at..], b">>\nstream\n") {
        let begin = at + start + 10;
        let Some(end) = find(&pdf[begin..], b"\nendstream") else {
            break;
        };
        let mut data = Vec::new();
        if flate2::read::ZlibDecoder::new(&pdf[begin..begin + end])
            .read_to_end(&mut data)
            .is_ok()
        {
            out.push(data);
        }
        at = begin + end;
    }
    out
}

/// Replays the TJ arrays of a content stream: the x of each glyph shown, relative to its Tm,
/// given the advance (1/1000 em) of each CID and the font size.
fn replay(content: &[u8], size: f64, advance: impl Fn(u16) -> f64) -> Vec<(u16, f64)> {
    let mut shown = Vec::new();
    let mut pen = 0.0;
    let mut in_array = false;
    let mut number = String::new();
    let mut bytes = content.iter().copied();
    while let Some(byte) = bytes.next() {
        match byte {
            b'[' => in_array = true,
            b']' | b'(' if in_array && !number.is_empty() => {
                pen -= number.parse::<f64>().unwrap();
                number.clear();
                in_array = byte == b'(';
                if byte == b'(' {
                    pen = read_string(&mut bytes, pen, size, &advance, &mut shown);
                }
            }
            b']' => in_array = false,
            b'(' if in_array => pen = read_string(&mut bytes, pen, size, &advance, &mut shown),
            b' ' | b'\n' => {}
            _ if in_array => number.push(char::from(byte)),
            _ => {}
        }
    }
    shown
}

/// Reads a literal string of two-byte CIDs up to its closing parenthesis.
fn read_string(
    bytes: &mut impl Iterator<Item = u8>,
    mut pen: f64,
    size: f64,
    advance: &impl Fn(u16) -> f64,
    shown: &mut Vec<(u16, f64)>,
) -> f64 {
    let mut raw = Vec::new();
    while let Some(byte) = bytes.next() {
        match byte {
            b')' => break,
            b'\\' => raw.push(match bytes.next().unwrap() {
                b'r' => b'\r',
                escaped => escaped,
            }),
            _ => raw.push(byte),
        }
    }
    for pair in raw.chunks(2) {
        let cid = u16::from_be_bytes([pair[0], pair[1]]);
        shown.push((cid, pen * size / 1000.0));
        pen += advance(cid);
    }
    pen
}

/// Writes the PDF to a temporary file for the command-line tools.
fn temp_file(name: &str, pdf: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("folio-pdf-{}-{name}.pdf", std::process::id()));
    std::fs::write(&path, pdf).unwrap();
    path
}

/// Runs a poppler or qpdf tool; `None` when it is not installed (with a note, or a failure
/// when `FOLIO_REQUIRE_TOOLS` is set, as `.ci/run` does: tests/common/mod.rs `tool` does the
/// same for the integration tests).
fn tool(name: &str, args: &[&str], path: &PathBuf) -> Option<(bool, String)> {
    let mut command = Command::new(name);
    command.args(args).arg(path);
    if name == "pdftotext" {
        command.arg("-"); // to standard output
    }
    let output = match command.output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                std::env::var_os("FOLIO_REQUIRE_TOOLS").is_none(),
                "`{name}` is not installed and FOLIO_REQUIRE_TOOLS is set"
            );
            eprintln!("note: `{name}` is not installed; that check is skipped");
            return None;
        }
        Err(e) => panic!("`{name}` could not run: {e}"),
    };
    Some((
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    ))
}

#[test]
fn writing_twice_gives_identical_bytes() {
    let pages = book(vec![font(GARAMOND, false), font(MONO, false)]);
    let first = write(&pages, &options()).unwrap();
    let second = write(&pages, &options()).unwrap();
    assert!(first.starts_with(b"%PDF-1.7"));
    assert!(first == second, "two writes differ");
}

#[test]
fn catalog_has_language_labels_outline_and_title_display() {
    let pdf = write(
        &book(vec![font(GARAMOND, false), font(MONO, false)]),
        &options(),
    )
    .unwrap();
    for needle in [
        &b"/Lang(en-GB)"[..],
        b"/DisplayDocTitle true",
        b"/PageMode/UseOutlines",
        b"/PageLabels<</Nums[0<</S/r/St 1>>1<</S/D/St 1>>]>>",
        b"/TrimBox[9 9 441 657]",
        b"/MediaBox[0 0 450 666]",
        b"/BleedBox[0 0 450 666]",
        b"/Border[0 0 0]",
        b"/URI(https://example.org/%C3%A9?q=1%202)",
        b"/CreationDate(D:20231114221320Z)",
        b"<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>",
        b"<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">A whale &amp; a ship",
        b"/Encoding/Identity-H",
        b"/CIDToGIDMap/Identity",
    ] {
        assert!(
            find(&pdf, needle).is_some(),
            "missing {}",
            String::from_utf8_lossy(needle)
        );
    }
}

#[test]
fn dates_are_left_out_without_a_creation_time() {
    let pdf = write(
        &book(vec![font(GARAMOND, false), font(MONO, false)]),
        &Options {
            created: None,
            ..options()
        },
    )
    .unwrap();
    assert!(find(&pdf, b"/CreationDate").is_none());
    assert!(find(&pdf, b"CreateDate").is_none());
}

#[test]
fn subset_fonts_carry_a_six_letter_tag() {
    let pdf = write(
        &book(vec![font(GARAMOND, false), font(MONO, false)]),
        &options(),
    )
    .unwrap();
    let at = find(&pdf, b"/BaseFont/").unwrap() + 10;
    let tag = &pdf[at..at + 7];
    assert!(
        tag[..6].iter().all(u8::is_ascii_uppercase) && tag[6] == b'+',
        "{tag:?}"
    );
}

#[test]
fn glyphs_land_on_their_model_x() {
    let pages = book(vec![font(GARAMOND, false), font(MONO, false)]);
    let pdf = write(&pages, &options()).unwrap();
    // The second page's first run: justified, so its TJ has adjustments at the spaces.
    let Placed::Text(model) = &pages.pages[1].items[0] else {
        unreachable!()
    };
    let content = streams(&pdf)
        .into_iter()
        .find(|s| find(s, b"/F1 ").is_some() && find(s, b"] TJ").is_some())
        .unwrap();
    let first_run = &content[..find(&content, b"ET\n").unwrap()];
    let face = ttf_parser::Face::parse(GARAMOND, 0).unwrap();
    // CIDs of a subset count glyphs in first use, so map them back through the model.
    let mut gid_of_cid = vec![0u16];
    for page in &pages.pages[..2] {
        for item in &page.items {
            if let Placed::Text(r) = item
                && r.font == 0
            {
                for g in &r.glyphs {
                    if !gid_of_cid.contains(&g.id) {
                        gid_of_cid.push(g.id);
                    }
                }
            }
        }
    }
    let advance = |cid: u16| {
        let gid = ttf_parser::GlyphId(gid_of_cid[usize::from(cid)]);
        f64::from(face.glyph_hor_advance(gid).unwrap()) * 1000.0 / f64::from(face.units_per_em())
    };
    let shown = replay(first_run, 12.0, advance);
    assert_eq!(shown.len(), model.glyphs.len());
    for ((cid, x), glyph) in shown.iter().zip(&model.glyphs) {
        assert_eq!(gid_of_cid[usize::from(*cid)], glyph.id);
        assert!(
            (x - glyph.x.get()).abs() < 0.01,
            "glyph at {x}, model {}",
            glyph.x.get()
        );
    }
    assert!(
        find(&content, b"4 Ts\n").is_some() && find(&content, b"0 Ts\n").is_some(),
        "rise"
    );
}

#[test]
fn ligature_maps_to_both_letters_in_to_unicode() {
    let pdf = write(
        &book(vec![font(GARAMOND, false), font(MONO, false)]),
        &options(),
    )
    .unwrap();
    let cmaps: Vec<String> = streams(&pdf)
        .into_iter()
        .map(|s| String::from_utf8_lossy(&s).into_owned())
        .filter(|s| s.contains("beginbfchar"))
        .collect();
    assert_eq!(cmaps.len(), 2);
    assert!(cmaps[0].contains("<00660069>"), "fi → U+0066 U+0069");
}

#[test]
fn missing_font_or_page_is_an_error() {
    let mut pages = book(vec![font(GARAMOND, false)]);
    assert!(matches!(
        write(&pages, &options()),
        Err(Error::MissingFont { font: 1 })
    ));
    pages.fonts.push(font(MONO, false));
    pages.outline[0].page = 9;
    assert!(matches!(
        write(&pages, &options()),
        Err(Error::MissingPage { page: 9 })
    ));
}

#[test]
fn jpeg_passes_through_byte_identical() {
    let mut jpeg = Vec::new();
    let pixels: Vec<u8> = (0..24 * 16 * 3).map(|i| (i * 7 % 256) as u8).collect();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
        .encode(&pixels, 24, 16, image::ExtendedColorType::Rgb8)
        .unwrap();
    let mut pages = book(vec![font(GARAMOND, false), font(MONO, false)]);
    pages.images.push(ImageData {
        bytes: Arc::from(jpeg.as_slice()),
        alt: "noise".into(),
    });
    pages.pages[2].items.push(Placed::Image {
        image: 0,
        rect: area(72.0, 200.0, 144.0, 96.0),
    });
    let pdf = write(&pages, &options()).unwrap();
    assert!(
        find(&pdf, &jpeg).is_some(),
        "JPEG bytes not found unchanged"
    );
    assert!(find(&pdf, b"/Filter/DCTDecode").is_some());
    assert!(find(&pdf, b"/Width 24").is_some() && find(&pdf, b"/ColorSpace/DeviceRGB").is_some());
    let path = temp_file("jpeg", &pdf);
    let listed = tool("pdfimages", &["-list"], &path);
    let _ = std::fs::remove_file(path);
    if let Some((ok, out)) = listed {
        assert!(ok && out.contains("jpeg"), "{out}");
    }
}

#[test]
fn png_with_alpha_gets_a_soft_mask() {
    let mut png = Vec::new();
    let pixels: Vec<u8> = (0..8 * 8)
        .flat_map(|i| [200, 10, 10, (i * 4) as u8])
        .collect();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut png),
        &pixels,
        8,
        8,
        image::ExtendedColorType::Rgba8,
    )
    .unwrap();
    let mut pages = book(vec![font(GARAMOND, false), font(MONO, false)]);
    pages.images.push(ImageData {
        bytes: Arc::from(png.as_slice()),
        alt: String::new(),
    });
    pages.pages[2].items.push(Placed::Image {
        image: 0,
        rect: area(72.0, 200.0, 64.0, 64.0),
    });
    let pdf = write(&pages, &options()).unwrap();
    assert!(find(&pdf, b"/SMask").is_some());
}

#[test]
fn svg_is_rasterised_at_300_dpi_for_its_widest_placement() {
    let svg = br##"<?xml version="1.0"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">
        <rect width="20" height="20" fill="#0000ff"/></svg>"##;
    let mut pages = book(vec![font(GARAMOND, false), font(MONO, false)]);
    pages.images.push(ImageData {
        bytes: Arc::from(&svg[..]),
        alt: "a blue square".into(),
    });
    for (page, width) in [(1, 72.0), (2, 144.0)] {
        pages.pages[page].items.push(Placed::Image {
            image: 0,
            rect: area(72.0, 200.0, width, width / 2.0),
        });
    }
    let pdf = write(&pages, &options()).unwrap();
    // Two inches wide at 300 dpi; the transparent half gets a soft mask.
    assert!(find(&pdf, b"/Width 600/Height 300").is_some());
    assert!(find(&pdf, b"/SMask").is_some());
    pages.images[0].bytes = Arc::from(&b"<svg xmlns='http://www.w3.org/2000/svg'><rect"[..]);
    assert!(matches!(
        write(&pages, &options()),
        Err(Error::ImageUnreadable { image: 0, .. })
    ));
}

#[test]
fn poppler_and_qpdf_accept_the_file() {
    let pdf = write(
        &book(vec![font(GARAMOND, false), font(MONO, false)]),
        &options(),
    )
    .unwrap();
    let path = temp_file("subset", &pdf);
    if let Some((ok, out)) = tool("qpdf", &["--check"], &path) {
        assert!(ok, "qpdf --check: {out}");
    }
    if let Some((ok, out)) = tool("pdffonts", &[], &path) {
        assert!(ok);
        let rows: Vec<&str> = out.lines().skip(2).collect();
        assert_eq!(rows.len(), 2, "{out}");
        assert!(
            rows.iter()
                .all(|r| r.contains("Identity-H       yes yes yes")),
            "{out}"
        );
    }
    if let Some((ok, out)) = tool("pdftotext", &["-layout"], &path) {
        assert!(ok);
        for line in [
            "Contents",
            "A fine fish swam by the ship.",
            "let code = call();",
            "Second chapter",
        ] {
            assert!(out.contains(line), "{line:?} not in {out}");
        }
    }
    if let Some((ok, out)) = tool("pdfinfo", &[], &path) {
        assert!(ok);
        assert!(
            out.contains("Title:           Moby-Dick; or, The Whale"),
            "{out}"
        );
        assert!(out.contains("Page size:       450 x 666 pts"), "{out}");
        assert!(out.contains("Pages:           3"), "{out}");
        assert!(out.contains("Keywords:        whaling, Überfahrt"), "{out}");
    }
    let _ = std::fs::remove_file(path);
}

#[test]
fn whole_fonts_are_embedded_without_a_tag() {
    let pdf = write(
        &book(vec![font(GARAMOND, true), font(MONO, true)]),
        &options(),
    )
    .unwrap();
    assert!(find(&pdf, b"/BaseFont/EBGaramond-Regular/").is_some());
    let path = temp_file("whole", &pdf);
    if let Some((ok, out)) = tool("pdffonts", &[], &path) {
        assert!(
            ok && out.lines().skip(2).all(|r| r.contains("yes no  yes")),
            "{out}"
        );
    }
    if let Some((_, out)) = tool("pdftotext", &[], &path) {
        assert!(out.contains("A fine fish swam by the ship."), "{out}");
    }
    let _ = std::fs::remove_file(path);
}

#[test]
fn cff_fonts_embed_as_cid_font_type_0c() {
    let otf = CFF.to_vec();
    for whole in [false, true] {
        let mut pages = book(vec![font(GARAMOND, false), font(MONO, false)]);
        pages.fonts[0] = FontData {
            bytes: Arc::from(otf.as_slice()),
            index: 0,
            embed_whole: whole,
        };
        // Same text, glyph ids from the OpenType file.
        for page in &mut pages.pages {
            for item in &mut page.items {
                if let Placed::Text(r) = item
                    && r.font == 0
                {
                    let (x, y) = (r.origin.x.get(), r.origin.y.get());
                    *r = run(&otf, 0, r.size.get(), x, y, &r.text.clone(), 0.0);
                }
            }
        }
        let pdf = write(&pages, &options()).unwrap();
        assert!(find(&pdf, b"/Subtype/CIDFontType0C").is_some());
        assert!(find(&pdf, b"/Subtype/CIDFontType0/").is_some());
        let path = temp_file(if whole { "cff-whole" } else { "cff" }, &pdf);
        if let Some((ok, out)) = tool("qpdf", &["--check"], &path) {
            assert!(ok, "{out}");
        }
        if let Some((_, out)) = tool("pdffonts", &[], &path) {
            assert!(out.contains("CID Type 0C"), "{out}");
        }
        if let Some((_, out)) = tool("pdftotext", &[], &path) {
            assert!(out.contains("A fine fish swam by the ship."), "{out}");
        }
        let _ = std::fs::remove_file(path);
    }
}

/// `book` with the code run of page 2 in dark blue, then a black run after it.
fn coloured_book() -> Pages {
    let mut pages = book(vec![font(GARAMOND, false), font(MONO, false)]);
    let items = &mut pages.pages[1].items;
    if let Some(Placed::Text(code)) = items.last_mut() {
        code.fill = Rgb::new(0x1f, 0x3d, 0x8f);
    }
    items.push(text(run(GARAMOND, 0, 12.0, 72.0, 180.0, "After.", 0.0)));
    pages
}

/// Every content and font stream of the file, decompressed and joined.
fn all_streams(pdf: &[u8]) -> String {
    streams(pdf)
        .iter()
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect()
}

#[test]
fn black_text_writes_no_colour_operator() {
    let pdf = write(
        &book(vec![font(GARAMOND, false), font(MONO, false)]),
        &options(),
    )
    .unwrap();
    let content = all_streams(&pdf);
    assert!(!content.contains(" rg\n") && !content.contains("0 g\n"));
    assert!(find(&pdf, b"/ColorSpace").is_none());
}

#[test]
fn coloured_text_is_rgb_then_black_again() {
    let pdf = write(&coloured_book(), &options()).unwrap();
    let content = all_streams(&pdf);
    let colour = content
        .find("0.122 0.239 0.561 rg\nBT")
        .expect("DeviceRGB fill");
    let black = content.find("0 g\nBT").expect("black again");
    assert!(colour < black);
    assert_eq!(content.matches(" rg\n").count(), 1);
    assert!(find(&pdf, b"/ColorSpace").is_none());
}

#[test]
fn coloured_text_is_tagged_srgb_under_pdf_x4_and_a2b() {
    for standard in [PdfStandard::X4, PdfStandard::A2b] {
        let options = Options {
            standard,
            ..options()
        };
        let pdf = write(&coloured_book(), &options).unwrap();
        let content = all_streams(&pdf);
        assert!(
            content.contains("/sRGB cs 0.122 0.239 0.561 sc\nBT"),
            "{standard:?}"
        );
        assert!(!content.contains(" rg\n"), "{standard:?}: no DeviceRGB");
        let needle = b"/ColorSpace<</sRGB[/ICCBased ";
        let resources = find(&pdf, needle).expect("a colour space");
        // The profile it names is the embedded sRGB profile (3 components).
        let tail = &pdf[resources + needle.len()..];
        let id: String = tail
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .map(|b| char::from(*b))
            .collect();
        let object = format!("\n{id} 0 obj\n<<");
        let at = find(&pdf, object.as_bytes()).expect("the profile object");
        assert!(find(&pdf[at..at + 200], b"/N 3").is_some(), "{standard:?}");
        let report = readiness(&coloured_book(), &[], &options);
        assert!(
            report.colour_spaces.contains(&"ICCBased sRGB"),
            "{standard:?}"
        );
        let path = temp_file(&format!("colour-{standard:?}"), &pdf);
        if let Some((ok, _)) = tool("qpdf", &["--check"], &path) {
            assert!(ok, "qpdf rejects the {standard:?} file");
        }
        let _ = std::fs::remove_file(path);
    }
}

#[test]
fn coloured_text_is_cmyk_under_pdf_x1a() {
    let options = Options {
        standard: PdfStandard::X1a,
        ..options()
    };
    let pdf = write(&coloured_book(), &options).unwrap();
    let content = all_streams(&pdf);
    // #1f3d8f by the naive formula: K = 1 − 143/255, C, M, Y from each channel's distance.
    assert!(content.contains("0.784 0.573 0 0.439 k\nBT"), "{content}");
    assert!(!content.contains(" rg\n") && !content.contains("/sRGB"));
    assert!(find(&pdf, b"/ColorSpace").is_none());
    let report = readiness(&coloured_book(), &[], &options);
    assert!(report.colour_spaces.contains(&"DeviceCMYK"));
}
