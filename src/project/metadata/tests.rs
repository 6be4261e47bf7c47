//! Tests of reading `book.toml`: the `[book]` table, unknown keys, bad values, broken TOML,
//! mdBook's tables, and the `[output.pdf]` and `[output.epub]` settings.

use super::identifier::is_isbn;
use super::*;
use crate::units::Pt;

fn parse_str(text: &str) -> (Config, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let config = parse(FileId(0), text, "folder", &mut diags);
    (config, diags)
}

#[test]
fn reads_the_book_table() {
    let (config, diags) = parse_str(
        "[book]\ntitle = \"Moby Dick\"\nsubtitle = \"Or, The Whale\"\nauthors = [\"Herman Melville\"]\nlanguage = \"en-US\"\ndate = \"1851\"\nidentifier = \"isbn:978-0-14-243724-7\"\nseries-index = 2\n",
    );
    assert!(diags.is_empty(), "{diags:?}");
    let m = config.metadata;
    assert_eq!(m.title, "Moby Dick");
    assert_eq!(m.subtitle.as_deref(), Some("Or, The Whale"));
    assert_eq!(m.language, "en-US");
    assert_eq!(m.identifier, Identifier::Isbn("9780142437247".into()));
    assert!(m.is_identifier_given);
    assert_eq!(m.series_index.as_deref(), Some("2"));
}

#[test]
fn unknown_key_warns_with_its_position() {
    let (_, diags) =
        parse_str("[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\ntitel = \"x\"\n");
    assert_eq!(diags.len(), 1);
    assert!(!diags[0].is_error());
    assert!(diags[0].message.contains("`titel`"));
    assert_eq!(diags[0].span.map(|s| s.start), Some(51));
}

#[test]
fn bad_values_are_errors() {
    let (_, diags) = parse_str(
        "[book]\ntitle = 3\nlanguage = \"english!\"\ndate = \"May 2020\"\nidentifier = \"isbn:978-0-14-243724-8\"\n",
    );
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(errors.len(), 5, "{errors:?}"); // title type, language, date, isbn, no title
}

#[test]
fn broken_toml_is_an_error_not_a_panic() {
    let (_, diags) = parse_str("[book\ntitle = \"x");
    assert!(
        diags
            .iter()
            .any(|d| d.is_error() && d.message.contains("not valid TOML"))
    );
}

#[test]
fn mdbook_tables_are_accepted_silently() {
    let (_, diags) = parse_str(
        "[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\n[build]\nbuild-dir = \"x\"\n[output.html]\nmathjax-support = true\n[preprocessor.links]\n",
    );
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn pdf_settings_are_read_and_checked() {
    let (config, diags) = parse_str(
        "[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\n[output.pdf]\ntrim = \"a5\"\nmargin-inside = \"20mm\"\nfont-size = \"10pt\"\nrecto-chapters = true\nmargin-top = \"wide\"\n",
    );
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(diags[0].is_error() && diags[0].message.contains("`margin-top` is not a length"));
    let setup = config.pdf.setup;
    assert_eq!(setup.margin_inside, Pt::from_mm(20.0));
    assert_eq!(setup.font_size, Pt::new(10.0));
    assert!(setup.recto_chapters);
    assert!((setup.leading.get() - 13.6 * 10.0 / 11.0).abs() < 1e-9);
}

#[test]
fn image_resolution_settings_are_read_and_checked() {
    let (config, diags) = parse_str(
        "[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\n[output.pdf]\nimage-ppi = 350\nimage-ppi-max = 600.5\n[output.epub]\nmax-image-pixels = 2_500_000\n",
    );
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(config.pdf.image_ppi, Some(350.0));
    assert_eq!(config.pdf.image_ppi_max, Some(600.5));
    assert_eq!(config.epub.max_image_pixels, Some(2_500_000));
    let (_, diags) = parse_str(
        "[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\n[output.pdf]\nimage-ppi = 600\n[output.epub]\nmax-image-pixels = 12\n",
    );
    let errors: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(diags.len(), 2, "{errors:?}");
    // The default maximum (450) is below the 600 asked for: the error is at `image-ppi`.
    assert!(
        errors[0].contains("`image-ppi-max` (450) is below `image-ppi` (600)"),
        "{errors:?}"
    );
    assert_eq!(diags[0].span.map(|s| s.start), Some(76));
    assert!(
        errors[1].contains("`max-image-pixels` is not a pixel count"),
        "{errors:?}"
    );
}

#[test]
fn isbn_check_digits() {
    assert!(is_isbn("9780142437247"));
    assert!(!is_isbn("9780142437248"));
    assert!(is_isbn("0306406152"));
}

#[test]
fn text_direction_follows_the_language_unless_given() {
    let direction = |extra: &str| {
        let toml = format!("[book]\ntitle = \"T\"\nauthors = [\"A\"]\n{extra}");
        let (config, diags) = parse_str(&toml);
        assert!(diags.is_empty(), "{diags:?}");
        config.metadata.is_rtl
    };
    assert!(direction("language = \"fa\"\n"));
    assert!(direction("language = \"he-IL\"\n"));
    assert!(!direction("language = \"fa\"\ntext-direction = \"ltr\"\n"));
    assert!(!direction("language = \"fr\"\n"));
    assert!(direction("language = \"fr\"\ntext-direction = \"rtl\"\n"));
}
