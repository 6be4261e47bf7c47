//! Hostile books: each is built with the real binary into both formats and must end in a
//! clear error naming the file and line, or in a sound EPUB and PDF (with a warning naming
//! the file and line where something was dropped or changed). Never a panic.
//!
//! The outputs stay in `target/tmp/bad-input/<case>/out`, where `.ci/run` checks every EPUB
//! with EPUBCheck and every PDF with qpdf.

mod common;
#[path = "bad_input/mdbook.rs"]
mod mdbook_cases;

use std::path::Path;

use common::{Epub, build, problems, stderr, temp_dir};

/// What a case must end in.
enum Expect {
    /// Exit 1, nothing written, and stderr holds each of these (`file:line:col: error: …`).
    Error(&'static [&'static str]),
    /// Exit 0, both outputs sound, and stderr holds each of these.
    Warnings(&'static [&'static str]),
}

const TOML: &str = "[book]\ntitle = \"Hostile\"\nauthors = [\"A. Tester\"]\nlanguage = \"en\"\n";

/// A tiny valid PNG (1×1, grey).
fn png_1x1() -> Vec<u8> {
    let mut out = Vec::new();
    let img = image::GrayImage::from_pixel(1, 1, image::Luma([128]));
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("encode a PNG");
    out
}

/// A PNG header that claims 100,000 × 100,000 pixels (a decompression bomb).
fn png_bomb() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    // A little compressed data and the end: a reader sees a complete file.
    for (kind, data) in [
        (
            &b"IDAT"[..],
            &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01][..],
        ),
        (b"IEND", &[]),
    ] {
        let mut chunk = kind.to_vec();
        chunk.extend_from_slice(data);
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        png.extend_from_slice(&chunk);
        png.extend_from_slice(&crc32(&chunk).to_be_bytes());
    }
    png
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Builds `files` as a book in a folder named `name` and checks the outcome.
fn case(name: &str, files: &[(&str, Vec<u8>)], expect: Expect) {
    let root = temp_dir(&format!("bad-input/{name}"));
    let book = root.join("book");
    for (path, bytes) in files {
        let path = book.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent folder")).unwrap();
        std::fs::write(&path, bytes).unwrap();
    }
    build_and_check(name, &book, &root.join("out"), expect);
}

fn build_and_check(name: &str, book: &Path, out: &Path, expect: Expect) {
    let output = build(
        book,
        out,
        "epub,pdf",
        // The machine's fonts would make the outcome depend on the machine.
        &["--diagnostics", "short", "--no-system-fonts"],
        &[("RUST_BACKTRACE", "1")],
    );
    let err = stderr(&output);
    assert!(
        !err.contains("panicked")
            && !err.contains("RUST_BACKTRACE")
            && !err.contains("stack backtrace"),
        "{name}: folio panicked:\n{err}"
    );
    match expect {
        Expect::Error(wanted) => {
            assert_eq!(output.status.code(), Some(1), "{name}: an error\n{err}");
            for w in wanted {
                assert!(err.contains(w), "{name}: stderr lacks `{w}`:\n{err}");
            }
            assert!(
                std::fs::read_dir(out).map_or(true, |mut d| d.next().is_none()),
                "{name}: nothing is written"
            );
        }
        Expect::Warnings(wanted) => {
            assert_eq!(output.status.code(), Some(0), "{name}: builds\n{err}");
            for w in wanted {
                assert!(err.contains(w), "{name}: stderr lacks `{w}`:\n{err}");
            }
            let mut epubs = 0;
            let mut pdfs = 0;
            for entry in std::fs::read_dir(out).expect("an output folder") {
                let path = entry.unwrap().path();
                let bytes = std::fs::read(&path).unwrap();
                match path.extension().and_then(|e| e.to_str()) {
                    Some("epub") => {
                        let found = problems(&Epub::read(&bytes));
                        assert!(found.is_empty(), "{name}: EPUB problems {found:#?}");
                        epubs += 1;
                    }
                    Some("pdf") => {
                        check_pdf(name, &path, &bytes);
                        pdfs += 1;
                    }
                    _ => panic!("{name}: unexpected output {}", path.display()),
                }
            }
            assert_eq!((epubs, pdfs), (1, 1), "{name}: one EPUB and one PDF");
        }
    }
}

fn check_pdf(name: &str, path: &Path, bytes: &[u8]) {
    assert!(bytes.starts_with(b"%PDF-"), "{name}: a PDF header");
    assert!(
        bytes.trim_ascii_end().ends_with(b"%%EOF"),
        "{name}: a complete PDF"
    );
    // qpdf (CI installs it) checks the structure and every stream.
    if let Some((ok, report)) = common::tool("qpdf", &["--check".as_ref(), path.as_os_str()]) {
        assert!(ok, "{name}: qpdf --check: {report}");
    }
}

fn toml() -> (&'static str, Vec<u8>) {
    ("book.toml", TOML.as_bytes().to_vec())
}

fn md(path: &'static str, text: &str) -> (&'static str, Vec<u8>) {
    (path, text.as_bytes().to_vec())
}

#[test]
fn raw_html_of_every_kind() {
    let text = "# HTML\n\n<script>alert(1)</script>\n\n<style>p{}</style>\n\n\
        <iframe src=\"https://example.com\"></iframe>\n\n<form><input name=x></form>\n\n\
        <object data=x></object>\n\n<p onclick=\"evil()\">Click <b>bold</b> <blink>old</blink></p>\n\n\
        Inline <span style=\"color:red\">span</span>, <kbd>Ctrl</kbd>, H<sub>2</sub>O, <unknown>x</unknown>.\n\n\
        <!-- a comment --> <![CDATA[ raw ]]> &amp; &nbsp; &#0; &#x1F433; &bogus;\n\n\
        <div><div><table><tr><td>cell</td></tr></table></div>\n\n<a name=\"old\">anchor</a> <br/> <hr>\n";
    case(
        "raw-html",
        &[toml(), md("one.md", text)],
        Expect::Warnings(&["one.md:3:1: warning:"]),
    );
}

#[test]
fn xml_special_characters_in_metadata_and_text() {
    let toml = "[book]\ntitle = \"Tom & Jerry <in> \\\"Quotes\\\" ]]> 'apos'\"\nauthors = [\"A & B <c>\"]\n\
        language = \"en\"\ndescription = \"<b>not bold</b> & more\"\npublisher = \"P&Q\"\nrights = \"© <2026>\"\n";
    case(
        "xml-special",
        &[
            ("book.toml", toml.as_bytes().to_vec()),
            md(
                "one.md",
                "# A & B < C > D\n\nText with & and < and > and \"quotes\" and ]]> and '.\n",
            ),
        ],
        Expect::Warnings(&[]),
    );
}

#[test]
fn control_characters_in_text_and_metadata() {
    let toml = "[book]\ntitle = \"Bell\\u0007 and escape\\u001b\"\nauthors = [\"A\\u0000B\"]\nlanguage = \"en\"\n";
    case(
        "control-characters",
        &[
            ("book.toml", toml.as_bytes().to_vec()),
            md(
                "one.md",
                "# Ctrl\u{7}\n\nNul \u{0} bell \u{7} escape \u{1b}[31m C1 \u{85}\u{9b} form feed \u{c} and \u{feff} BOM.\n",
            ),
        ],
        Expect::Warnings(&[]),
    );
}

#[test]
fn invalid_utf8_in_a_chapter() {
    case(
        "invalid-utf8",
        &[
            toml(),
            ("one.md", b"# One\n\nBad \xff\xfe bytes.\n".to_vec()),
        ],
        Expect::Error(&["one.md", "UTF-8"]),
    );
}

#[test]
fn malformed_book_toml() {
    case(
        "malformed-toml",
        &[
            (
                "book.toml",
                b"[book]\ntitle = \"Unclosed\nauthors = [\n".to_vec(),
            ),
            md("one.md", "# One\n"),
        ],
        Expect::Error(&["book.toml:2:"]),
    );
}

#[test]
fn wrong_types_in_book_toml() {
    case(
        "toml-types",
        &[
            (
                "book.toml",
                b"[book]\ntitle = 5\nauthors = \"not a list\"\nlanguage = \"en\"\n".to_vec(),
            ),
            md("one.md", "# One\n"),
        ],
        Expect::Error(&["book.toml:2:9: error: `title` must be a string"]),
    );
}

#[test]
fn impossible_page_geometry() {
    case(
        "bad-geometry",
        &[
            (
                "book.toml",
                format!(
                    "{TOML}[output.pdf]\ntrim = \"2x2in\"\nmargin = \"1in\"\nbleed = \"lots\"\n"
                )
                .into_bytes(),
            ),
            md("one.md", "# One\n"),
        ],
        Expect::Error(&["book.toml:", "`bleed` is not a length"]),
    );
}

#[test]
fn unknown_keys_are_warnings() {
    case(
        "unknown-keys",
        &[
            (
                "book.toml",
                format!("{TOML}colour = \"blue\"\n[output.pdf]\npaper-size = \"a4\"\n")
                    .into_bytes(),
            ),
            md("one.md", "# One\n\nText.\n"),
        ],
        Expect::Warnings(&[
            "book.toml:5:1: warning: unknown key `colour`",
            "book.toml:7:1: warning: unknown key `paper-size`",
        ]),
    );
}

#[test]
fn issue_14_labels_unknown_keys_and_languages_without_labels() {
    case(
        "labels",
        &[
            (
                "book.toml",
                "[book]\ntitle = \"Kirja\"\nauthors = [\"A\"]\nlanguage = \"fi\"\n[labels]\ncontents = \"Sisällys\"\ncontnets = \"x\"\nchapter = \"Luku {n} {x}\"\n"
                    .as_bytes()
                    .to_vec(),
            ),
            md("one.md", "# Yksi\n\nTeksti.\n"),
        ],
        Expect::Warnings(&[
            "book.toml:4:12: warning: folio has no labels in `fi`; the generated text uses English there",
            "book.toml:7:1: warning: unknown key `contnets` (a key of [labels])",
            "book.toml:8:11: warning: `chapter` holds `{x}`",
        ]),
    );
}

#[test]
fn empty_book() {
    case("empty-book", &[toml()], Expect::Error(&["no chapters"]));
}

#[test]
fn empty_and_blank_chapters() {
    case(
        "empty-chapters",
        &[
            toml(),
            md("one.md", ""),
            md("two.md", "\n\n   \n"),
            md("three.md", "# Three\n\nText.\n"),
        ],
        Expect::Warnings(&[]),
    );
}

#[test]
fn missing_image() {
    case(
        "missing-image",
        &[toml(), md("one.md", "# One\n\n![a whale](whale.png)\n")],
        Expect::Error(&["one.md:3:1: error: image `whale.png` not found"]),
    );
}

#[test]
fn corrupt_image() {
    case(
        "corrupt-image",
        &[
            toml(),
            md("one.md", "# One\n\n![noise](noise.png)\n"),
            (
                "noise.png",
                b"\x89PNG\r\n\x1a\nthis is not a PNG at all".to_vec(),
            ),
        ],
        Expect::Error(&["one.md:3:1: error:", "noise.png"]),
    );
}

#[test]
fn decompression_bomb_image() {
    case(
        "image-bomb",
        &[
            toml(),
            md("one.md", "# One\n\n![bomb](bomb.png)\n"),
            ("bomb.png", png_bomb()),
        ],
        Expect::Error(&[
            "one.md:3:1: error: image `bomb.png` is 100000×100000 pixels, more than the 100 megapixels folio accepts",
        ]),
    );
}

#[test]
fn image_without_alt_text_and_an_empty_path() {
    case(
        "image-alt",
        &[
            toml(),
            md("one.md", "# One\n\n![](dot.png)\n\nAn empty one: ![x]().\n"),
            ("dot.png", png_1x1()),
        ],
        Expect::Error(&["one.md:5:15: error: image has an empty path"]),
    );
}

#[test]
fn an_absurdly_long_word_and_line() {
    let word = "a".repeat(5_000);
    let line = "word ".repeat(20_000);
    let url = format!("https://example.com/{}", "x/".repeat(400));
    case(
        "long-words",
        &[
            toml(),
            md(
                "one.md",
                &format!(
                    "# Long\n\n{word}\n\n{line}\n\n<{url}>\n\n`{}`\n",
                    "c".repeat(3_000)
                ),
            ),
        ],
        Expect::Warnings(&["one.md:3:1: warning:"]),
    );
}

#[test]
fn extremely_deep_nesting() {
    let quotes = format!("{}deep\n", "> ".repeat(3_000));
    let lists: String = (0..1_000)
        .map(|d| format!("{}- level {d}\n", "  ".repeat(d)))
        .collect();
    let emphasis = format!("{}x{}", "*_".repeat(2_000), "_*".repeat(2_000));
    let html = format!("{}deep{}", "<span>".repeat(5_000), "</span>".repeat(5_000));
    case(
        "deep-nesting",
        &[
            toml(),
            md(
                "one.md",
                &format!("# Deep\n\n{quotes}\n{lists}\n{emphasis}\n\n{html}\n"),
            ),
        ],
        Expect::Warnings(&[]),
    );
}

#[test]
fn extremely_deep_inline_nesting() {
    let stars = format!("{}x{}", "*".repeat(20_000), "*".repeat(20_000));
    let em = format!("{}x{}", "<em>".repeat(20_000), "</em>".repeat(20_000));
    let sup = format!("{}x{}", "<sup>".repeat(10_000), "</sup>".repeat(10_000));
    let links = format!("{}x{}", "[".repeat(3_000), "](#a)".repeat(3_000));
    case(
        "deep-inline",
        &[
            toml(),
            md(
                "one.md",
                &format!(
                    "# Deep

{stars}

{em}

{sup}

{links}
"
                ),
            ),
        ],
        Expect::Warnings(&["one.md:3:"]),
    );
}

#[test]
fn scripts_the_fonts_lack() {
    case(
        "scripts",
        &[
            toml(),
            md(
                "one.md",
                "# Scripts\n\nChinese 漢字, Japanese かな, Korean 한국어, Arabic العربية, Hebrew עברית, Devanagari हिन्दी, emoji 🐳🚀, ZWJ 👩‍👩‍👧.\n",
            ),
        ],
        // One warning per script, none per paragraph.
        Expect::Warnings(&[
            "one.md:3:9: warning: no font has the CJK characters かな字漢,",
            "one.md:3:33: warning: no font has the Hangul characters",
            "warning: no font has the symbol characters 🐳👧👩🚀,",
            "warning: no font has the Devanagari characters",
        ]),
    );
}

#[test]
fn duplicate_ids() {
    case(
        "duplicate-ids",
        &[
            toml(),
            md(
                "one.md",
                "# Same\n\n## Same\n\n## Same {#same}\n\n<a id=\"same\"></a>\n\n[to same](#same)\n",
            ),
            md("two.md", "# Same\n\n## Same {#same}\n"),
        ],
        Expect::Warnings(&[]),
    );
}

#[test]
fn odd_file_names() {
    case(
        "odd-names",
        &[
            toml(),
            md(
                "01 first chapter.md",
                "# Spaces\n\n[next](02-%C3%BCber%23.md)\n",
            ),
            md(
                "02-über#.md",
                "# Umlaut and hash\n\n![dot](img/dot%20one.png)\n",
            ),
            md("03-100%.md", "# Percent\n\nText.\n"),
            ("img/dot one.png", png_1x1()),
        ],
        Expect::Warnings(&[]),
    );
}

#[test]
fn broken_links() {
    case(
        "broken-links",
        &[
            toml(),
            md(
                "one.md",
                "# One\n\n[gone](missing.md) and [nowhere](#nope) and [bad](two.md#nope) and [empty]().\n",
            ),
            md("two.md", "# Two\n"),
        ],
        Expect::Warnings(&["one.md:3:1: warning:"]),
    );
}

#[test]
fn issue_14_links_that_are_not_urls() {
    case(
        "not-urls",
        &[
            toml(),
            md(
                "one.md",
                "# One\n\nA [typo](http:example.org/x) and\n[a space](<https://exa mple.org>), [no host](https:///x),\n[mail](mailto:) and [fine](https://example.org/a|b).\n",
            ),
        ],
        Expect::Warnings(&[
            "one.md:3:3: warning: link to `http:example.org/x` is not a URL",
            "one.md:4:1: warning: link to `https://exa mple.org` is not a URL",
            "one.md:4:36: warning: link to `https:///x` is not a URL: it names no host",
            "one.md:5:1: warning: link to `mailto:` is not a URL",
        ]),
    );
    let epub = std::fs::read_dir(temp_dir_path("bad-input/not-urls/out"))
        .unwrap()
        .flatten()
        .find(|e| e.path().extension().is_some_and(|x| x == "epub"))
        .expect("an EPUB");
    let epub = Epub::read(&std::fs::read(epub.path()).unwrap());
    let chapter = epub.text("OEBPS/one.xhtml");
    assert!(chapter.contains("A typo and"), "{chapter}");
    assert!(
        chapter.contains("href=\"https://example.org/a%7Cb\""),
        "{chapter}"
    );
    assert!(!chapter.contains("http:example"), "{chapter}");
}

fn temp_dir_path(name: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name)
}

#[test]
fn broken_footnotes() {
    case(
        "broken-footnotes",
        &[
            toml(),
            md(
                "one.md",
                "# Notes\n\nUndefined[^nope], twice[^a] and again[^a].\n\n[^a]: The note.\n\n[^lonely]: Never referenced.\n\n[^a]: Defined twice.\n",
            ),
        ],
        Expect::Warnings(&["one.md:3:", "one.md:7:1: warning:"]),
    );
}

#[test]
fn summary_naming_missing_files() {
    case(
        "summary-missing",
        &[
            toml(),
            md(
                "src/SUMMARY.md",
                "# Summary\n\n- [One](one.md)\n- [Gone](gone.md)\n",
            ),
            md("src/one.md", "# One\n"),
        ],
        Expect::Error(&["src/SUMMARY.md:4:3: error: chapter file `src/gone.md` not found"]),
    );
}

#[test]
fn summary_that_is_not_a_list() {
    case(
        "summary-odd",
        &[
            toml(),
            md(
                "src/SUMMARY.md",
                "Just a paragraph.\n\n```\ncode\n```\n\n- [One](one.md)\n  - [One again](one.md)\n- [](two.md)\n- [Outside](../outside.md)\n",
            ),
            md("src/one.md", "# One\n"),
            md("src/two.md", "# Two\n"),
        ],
        Expect::Error(&["src/SUMMARY.md:"]),
    );
}

#[test]
fn image_paths_that_escape_the_book() {
    case(
        "escape",
        &[
            toml(),
            md(
                "one.md",
                "# One\n\n![up](../secret.png)\n\n![abs](/etc/passwd)\n",
            ),
        ],
        Expect::Error(&[
            "one.md:3:1: error: image `../secret.png` is outside the book folder",
            "one.md:5:1: error: image `/etc/passwd` is outside the book folder",
        ]),
    );
}

#[test]
fn ragged_and_empty_tables() {
    case(
        "tables",
        &[
            toml(),
            md(
                "one.md",
                "# Tables\n\n| a | b | c |\n|---|:-:|--:|\n| 1 |\n| 1 | 2 | 3 | 4 | 5 |\n| | | |\n\n| only |\n|---|\n",
            ),
        ],
        Expect::Warnings(&[]),
    );
}

#[test]
fn crlf_bom_and_tabs() {
    case(
        "crlf-bom",
        &[
            (
                "book.toml",
                format!("\u{feff}{}", TOML.replace('\n', "\r\n")).into_bytes(),
            ),
            md(
                "one.md",
                "\u{feff}# One\r\n\r\n\tIndented\tcode\r\n\r\nText\r\nmore.\r\n",
            ),
        ],
        Expect::Warnings(&[]),
    );
}

#[test]
fn headings_only_and_level_gaps() {
    case(
        "headings",
        &[
            toml(),
            md("one.md", "###### Six\n\n# One\n\n#### Four\n\n#\n\n## \n"),
        ],
        Expect::Warnings(&[]),
    );
}

#[test]
fn a_symlink_pointing_outside() {
    let root = temp_dir("bad-input/symlink");
    let book = root.join("book");
    std::fs::create_dir_all(&book).unwrap();
    std::fs::write(book.join("book.toml"), TOML).unwrap();
    std::fs::write(root.join("secret.png"), png_1x1()).unwrap();
    std::fs::write(book.join("one.md"), "# One\n\n![linked](link.png)\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("secret.png"), book.join("link.png")).unwrap();
    #[cfg(unix)]
    build_and_check(
        "symlink",
        &book,
        &root.join("out"),
        Expect::Error(&[
            "one.md:3:1: error: image `link.png` is a link to a file outside the book folder",
        ]),
    );
}

#[test]
fn unknown_code_theme_is_an_error_at_its_line() {
    case(
        "code-theme-unknown",
        &[
            (
                "book.toml",
                format!("{TOML}[output.pdf]\ncode-theme = \"monokai\"\n").into_bytes(),
            ),
            md("one.md", "# One\n"),
        ],
        Expect::Error(&[
            "book.toml:6:14: error: `code-theme` `monokai` is not a theme folio ships",
        ]),
    );
}

#[test]
fn broken_code_theme_file_is_an_error_at_its_line() {
    case(
        "code-theme-broken",
        &[
            (
                "book.toml",
                format!("{TOML}[output.pdf]\ncode-theme = \"themes/broken.tmTheme\"\n")
                    .into_bytes(),
            ),
            (
                "themes/broken.tmTheme",
                b"<plist><dict><key>settings".to_vec(),
            ),
            md("one.md", "# One\n"),
        ],
        Expect::Error(&[
            "book.toml:6:14: error: code theme `themes/broken.tmTheme` is not a TextMate theme",
        ]),
    );
}

#[test]
fn pale_code_theme_and_unknown_code_languages_warn_once() {
    let theme = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict><key>settings</key><array>\n<dict><key>settings</key><dict><key>foreground</key><string>#F8F8F2</string></dict></dict>\n</array></dict></plist>\n";
    let chapter = "# One\n\n```klingon\nQapla'\n```\n\n```klingon\nmajQa'\n```\n\n```rust\nfn main() {}\n```\n";
    case(
        "code-theme-pale",
        &[
            (
                "book.toml",
                format!("{TOML}[output.pdf]\ncode-theme = \"Pale.tmTheme\"\n").into_bytes(),
            ),
            ("Pale.tmTheme", theme.as_bytes().to_vec()),
            md("one.md", chapter),
        ],
        Expect::Warnings(&[
            "book.toml:6:14: warning: code theme `Pale.tmTheme` is too light for white paper: #f8f8f2 at 1.1:1",
            "one.md:3:1: warning: code in `klingon` is set without highlighting (2 blocks): no grammar for it",
        ]),
    );
}
