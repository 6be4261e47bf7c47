//! Books in other languages and scripts (issue 14): the fixtures `tests/fixtures/lang-*`
//! in German, French, Japanese, Arabic and Hebrew give exactly the EPUB markup of
//! `tests/golden/lang/<language>/`; a German book has no English label; PDF text extracts
//! with its spaces and with the characters no font has; titles in other scripts give
//! readable file names. `UPDATE_GOLDEN=1 cargo test --test languages` rewrites the goldens.

mod common;

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};

use common::{Epub, build, stderr, temp_dir};
use folio::doc::{Label, Labels};
use folio::{BuildOptions, Format, project};

const LANGUAGES: [&str; 5] = ["de", "fr", "ja", "ar", "he"];

fn fixture(language: &str) -> PathBuf {
    common::repo().join(format!("tests/fixtures/lang-{language}"))
}

/// The EPUB of a fixture, built in memory without the machine's fonts.
fn epub(language: &str) -> Epub {
    let options = project::LoadOptions {
        root: None,
        system_fonts: false,
        is_print: false,
        design: None,
    };
    let project = project::load_with(&fixture(language), &options).expect("the fixture loads");
    let build_options = BuildOptions {
        formats: vec![Format::Epub],
        ..BuildOptions::default()
    };
    let outputs = folio::build(&project, &build_options).expect("the fixture builds");
    assert!(
        outputs.warnings.is_empty(),
        "{language}: {:?}",
        outputs.warnings
    );
    Epub::read(&outputs.epub.expect("an EPUB"))
}

#[test]
fn language_fixtures_match_their_golden_epub_markup() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for language in LANGUAGES {
        let epub = epub(language);
        let dir = common::repo().join(format!("tests/golden/lang/{language}"));
        let mut compared = 0;
        for (name, bytes, _) in &epub.entries {
            let Some(file) = name.strip_prefix("OEBPS/") else {
                continue;
            };
            let is_markup = [".xhtml", ".opf", ".ncx"].iter().any(|x| file.ends_with(x));
            if !is_markup {
                continue;
            }
            compared += 1;
            let actual = String::from_utf8(bytes.clone()).expect("UTF-8");
            let golden = dir.join(file);
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
        assert!(compared >= 9, "{language}: {compared} documents");
    }
    assert!(
        failures.is_empty(),
        "{}\n(run with UPDATE_GOLDEN=1 to accept)",
        failures.join("\n")
    );
}

/// The words of every English label, without placeholders (`Published by {publisher}` →
/// `Published by`).
fn english_phrases() -> Vec<String> {
    let english = Labels::default();
    Label::ALL
        .iter()
        .flat_map(|&label| {
            let mut text = english.get(label).to_string();
            for placeholder in label.placeholders() {
                text = text.replace(placeholder, "\u{0}");
            }
            text.split('\u{0}')
                .map(|part| {
                    part.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_string()
                })
                .filter(|part| part.chars().filter(|c| c.is_alphabetic()).count() >= 2)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The first of `phrases` that `text` holds as whole words.
fn english_in<'p>(text: &str, phrases: &'p [String]) -> Option<&'p String> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    phrases.iter().find(|phrase| {
        let parts: Vec<&str> = phrase.split(' ').collect();
        words.windows(parts.len()).any(|w| w == parts.as_slice())
    })
}

#[test]
fn a_german_book_has_no_english_label_in_its_epub() {
    let phrases = english_phrases();
    assert!(phrases.contains(&"Published by".to_string()), "{phrases:?}");
    let epub = epub("de");
    for (name, bytes, _) in &epub.entries {
        if !(name.ends_with(".xhtml") || name.ends_with(".ncx") || name.ends_with(".opf")) {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        // The accessibility summary is marked `xml:lang="en"`: it is English on purpose.
        let text: String = text
            .lines()
            .filter(|line| !line.contains("xml:lang=\"en\""))
            .collect::<Vec<_>>()
            .join("\n");
        let found = english_in(&text, &phrases);
        assert!(found.is_none(), "{name} says `{found:?}`:\n{text}");
    }
    let nav = epub.text("OEBPS/nav.xhtml");
    assert!(nav.contains("<h1 id=\"toc-title\">Inhalt</h1>"), "{nav}");
    let chapter = epub.text("OEBPS/aufbruch.xhtml");
    assert!(chapter.contains("„Wir fahren morgen“"), "{chapter}");
    assert!(chapter.contains("‚Proviant‘"), "{chapter}");
    assert!(chapter.contains("wie’s"), "{chapter}");
}

#[test]
fn a_german_book_has_no_english_label_in_its_pdf() {
    let out = temp_dir("languages/de-pdf");
    let output = build(&fixture("de"), &out, "pdf", &["--no-system-fonts"], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let Some(text) = pdftotext(&out.join("die-reise.pdf")) else {
        return;
    };
    let phrases = english_phrases();
    let found = english_in(&text, &phrases);
    assert!(found.is_none(), "the PDF says `{found:?}`:\n{text}");
    for expected in [
        "Inhalt",
        "Kapitel 1",
        "von Anna Beispiel und Bernd Muster",
        "Erschienen bei Folio Testverlag",
        "Erstausgabe 2024",
        "Kleine Reihe, Band 2",
        "Kennung: urn:uuid:",
        "Gesetzt mit folio",
    ] {
        assert!(text.contains(expected), "no `{expected}` in\n{text}");
    }
    // A line may end with the author's hyphen, never with an added second one.
    assert!(
        !text.lines().any(|l| l.trim_end().ends_with("--")),
        "{text}"
    );
    // The heading of notes set after the chapter (here: referenced from a table).
    let pdf = pdf_of(
        "de-notes",
        "de",
        "Eins",
        "# Eins\n\n| A |\n|---|\n| B[^1] |\n\n[^1]: Eine Anmerkung.\n",
    );
    let Some(text) = pdftotext(&pdf) else { return };
    assert!(text.contains("Anmerkungen"), "{text}");
    assert!(english_in(&text, &phrases).is_none(), "{text}");
    // Every design: literary spells chapter numbers in English only ("One"), so a German
    // book gets its own label there.
    for design in ["classic", "modern", "literary"] {
        let out = temp_dir(&format!("languages/de-pdf-{design}"));
        let args = ["--no-system-fonts", "--design", design];
        let output = build(&fixture("de"), &out, "pdf", &args, &[]);
        assert!(output.status.success(), "{}", stderr(&output));
        let Some(text) = pdftotext(&out.join("die-reise.pdf")) else {
            return;
        };
        let found = english_in(&text, &phrases).cloned().or_else(|| {
            ["One", "Two"]
                .iter()
                .find(|w| text.contains(*w))
                .map(|w| w.to_string())
        });
        assert!(
            found.is_none(),
            "{design}: the PDF says `{found:?}`:\n{text}"
        );
        if design == "literary" {
            assert!(text.contains("Kapitel 1"), "{design}:\n{text}");
        }
    }
}

#[test]
fn french_and_japanese_quotes_reach_the_epub() {
    let chapter = epub("fr").text("OEBPS/depart.xhtml");
    assert!(
        chapter.contains("«\u{202f}Nous partons demain\u{202f}»"),
        "{chapter}"
    );
    assert!(
        chapter.contains("Vraiment\u{202f}? Oui\u{202f}!"),
        "{chapter}"
    );
    assert!(
        chapter.contains("chose\u{a0}: le billet\u{202f};"),
        "{chapter}"
    );
    assert!(chapter.contains("<code>a ? b : c</code>"), "{chapter}");
    assert!(chapter.contains("à 10:30"), "{chapter}");
    let epub = epub("ja");
    let chapter = epub.text("OEBPS/shuppatsu.xhtml");
    assert!(chapter.contains("「お弁当は持った？」"), "{chapter}");
    assert!(chapter.contains("『もちろん』"), "{chapter}");
    // A chapter file named in Japanese gets a transliterated name.
    assert!(epub.file("OEBPS/di-er-zhang.xhtml").is_some());
}

/// The text of a PDF by poppler's `pdftotext`, when it is installed.
fn pdftotext(pdf: &Path) -> Option<String> {
    let (ok, text) = common::tool("pdftotext", &[pdf.as_os_str(), OsStr::new("-")])?;
    assert!(ok, "pdftotext failed: {text}");
    Some(text)
}

/// Builds `markdown` as a one-chapter PDF in `language` without the machine's fonts.
fn pdf_of(name: &str, language: &str, title: &str, markdown: &str) -> PathBuf {
    let dir = temp_dir(&format!("languages/{name}"));
    let book = dir.join("book");
    std::fs::create_dir_all(&book).unwrap();
    std::fs::write(
        book.join("book.toml"),
        format!("[book]\ntitle = \"{title}\"\nauthors = [\"A\"]\nlanguage = \"{language}\"\n"),
    )
    .unwrap();
    std::fs::write(book.join("one.md"), markdown).unwrap();
    let out = dir.join("out");
    let output = build(&book, &out, "pdf", &["--no-system-fonts"], &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .expect("a PDF")
}

#[test]
fn characters_no_font_has_extract_as_themselves() {
    let pdf = pdf_of(
        "tofu",
        "ja",
        "Tofu",
        "# Eins\n\n日本語版の本です。「こんにちは」\n",
    );
    let Some(text) = pdftotext(&pdf) else { return };
    // Before, every box extracted as the first character drawn with it: 日日日日.
    assert!(text.contains("日本語版の本です。「こんにちは」"), "{text}");
}

#[test]
fn space_glyphs_have_their_characters_in_the_to_unicode_map() {
    let pdf = pdf_of(
        "spaces",
        "fr",
        "Espaces",
        "# Un\n\nVraiment ? a\u{a0}b c\u{2002}d e\u{2003}f g\u{200a}h.\n",
    );
    let bytes = std::fs::read(&pdf).unwrap();
    let maps = to_unicode_maps(&bytes);
    for code in ["<00A0>", "<2002>", "<2003>", "<200A>"] {
        assert!(maps.contains(code), "no {code} in\n{maps}");
    }
    // pdftotext places spaces by the gaps it sees (an em space it takes for a column gap),
    // so only the spaces themselves are checked here, not every character.
    let Some(text) = pdftotext(&pdf) else { return };
    assert!(text.contains("Vraiment ?"), "{text}");
    assert!(text.contains("a b c d"), "{text}");
}

/// The decompressed ToUnicode CMaps of a PDF, one after the other.
fn to_unicode_maps(pdf: &[u8]) -> String {
    let mut out = String::new();
    let mut rest = pdf;
    while let Some(at) = find(rest, b"stream\n") {
        if at >= 3 && &rest[at - 3..at] == b"end" {
            rest = &rest[at + 7..];
            continue;
        }
        let body = &rest[at + 7..];
        let end = find(body, b"endstream").unwrap_or(body.len());
        let mut text = Vec::new();
        let mut decoder = flate2::read::ZlibDecoder::new(&body[..end]);
        if decoder.read_to_end(&mut text).is_ok() && find(&text, b"beginbfchar").is_some() {
            out.push_str(&String::from_utf8_lossy(&text));
        }
        rest = &body[end..];
    }
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn issue_14_titles_in_other_scripts_give_readable_file_names() {
    for (name, title, language, expected) in [
        ("ja", "日本語版", "ja", Some("ri-ben-yu-ban.epub")),
        ("ru", "Война и мир", "ru", Some("voina-i-mir.epub")),
        ("el", "Οδύσσεια", "el", Some("odusseia.epub")),
        ("ar", "ألف ليلة وليلة", "ar", None),
        (
            "mixed",
            "The Rust Programming Language 日本語版",
            "ja",
            Some("the-rust-programming-language-ri-ben-yu-ban.epub"),
        ),
    ] {
        let dir = temp_dir(&format!("languages/name-{name}"));
        let book = dir.join("book");
        std::fs::create_dir_all(&book).unwrap();
        std::fs::write(
            book.join("book.toml"),
            format!("[book]\ntitle = \"{title}\"\nauthors = [\"A\"]\nlanguage = \"{language}\"\n"),
        )
        .unwrap();
        std::fs::write(book.join("one.md"), "# One\n\nText.\n").unwrap();
        let out = dir.join("out");
        let output = build(&book, &out, "epub", &["--no-system-fonts"], &[]);
        assert!(output.status.success(), "{}", stderr(&output));
        let names: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        let file = &names[0];
        let stem = file.trim_end_matches(".epub");
        assert!(
            !stem.is_empty()
                && !stem.starts_with('-')
                && !stem.ends_with('-')
                && stem
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{title}: {file}"
        );
        assert_ne!(stem, "book", "{title}: the folder's name, not the title's");
        if let Some(expected) = expected {
            assert_eq!(file, expected);
        }
    }
}

#[test]
fn machine_fonts_fill_cjk_when_one_is_installed() {
    let Some((_, fonts)) = common::tool("fc-list", &[OsStr::new(":lang=ja")]) else {
        return;
    };
    if fonts.trim().is_empty() {
        eprintln!("note: no Japanese font installed (Debian: fonts-noto-cjk); check skipped");
        return;
    }
    let out = temp_dir("languages/ja-system-fonts");
    let output = build(
        &fixture("ja"),
        &out,
        "pdf",
        &["--diagnostics", "short"],
        &[],
    );
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(!err.contains("no font has the CJK"), "{err}");
    let pdf = out.join("lv-noji-lu.pdf");
    if let Some((_, info)) = common::tool("pdffonts", &[pdf.as_os_str()]) {
        assert!(info.contains("CJK"), "{info}");
    }
    if let Some(text) = pdftotext(&pdf) {
        assert!(text.contains("明日の朝早く出発します"), "{text}");
    }
}

/// The print pages of each language fixture, set with the bundled fonts only (Japanese shows
/// `.notdef` boxes, still broken and spaced as Japanese), as text dumps (`y x text` per line):
/// `tests/golden/lang/<language>/pages.txt`. Each line's text is its runs' as drawn, left
/// to right: Arabic and Hebrew read reversed there, their lines flush right (the x of a
/// list item's line is its marker's, drawn at the right).
#[test]
fn language_fixtures_match_their_golden_page_dumps() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for language in LANGUAGES {
        let options = project::LoadOptions {
            root: None,
            system_fonts: false,
            is_print: true,
            design: None,
        };
        let project = project::load_with(&fixture(language), &options).expect("loads");
        let book = folio::markdown::parse_book(&project).expect("parses");
        let fonts = folio::font_set(&project).expect("the fonts parse");
        let (pages, _) = folio::typeset::typeset_pages(
            &book,
            &fonts,
            &project.config.pdf.setup,
            &project.code_theme,
            2,
        )
        .expect("typesets");
        let dump = pages.dump();
        let golden = common::repo().join(format!("tests/golden/lang/{language}/pages.txt"));
        if update {
            std::fs::write(&golden, &dump).expect("write golden file");
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        if dump != expected {
            failures.push(format!("{} differs; got:\n{dump}", golden.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(run with UPDATE_GOLDEN=1 to accept)",
        failures.join("\n")
    );
}
