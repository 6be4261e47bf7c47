//! Property tests: parsing and writing never panic, whatever the input.

use folio::{epub, markdown, project};
use proptest::prelude::*;

/// Characters that exercise Markdown and HTML syntax, plus some that XML forbids.
fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "#",
        "##",
        "*",
        "_",
        "`",
        "```",
        "[",
        "]",
        "(",
        ")",
        "!",
        "<",
        ">",
        "</",
        "&",
        ";",
        "\n",
        "\n\n",
        " ",
        "  ",
        "|",
        "-",
        "---",
        ":",
        "^",
        "[^1]",
        "[^1]: ",
        "> ",
        "1. ",
        "- [ ] ",
        "<a id=\"x\">",
        "</a>",
        "<pre>",
        "<em>",
        "</em>",
        "<script>",
        "<br>",
        "<!--",
        "-->",
        "&nbsp;",
        "\u{0}",
        "\u{1b}",
        "\u{feff}",
        "é",
        "漢",
        "🐳",
        "\t",
        "word",
        "x.md#y",
        "![a](b.png)",
        "<img src=x>",
        "{#id}",
        "\\",
        "~~",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn parsing_and_writing_any_markdown_never_panics(text in markdownish(), summary in markdownish()) {
        let toml = "[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\n";
        let project = project::from_memory(toml, &[("a.md", text.as_str()), ("b.md", summary.as_str())], &[]);
        if let Ok(book) = markdown::parse_book(&project) {
            // Half the cases put the notes in one endnotes document.
            let has_endnotes = text.len() % 2 == 0;
            let options = epub::Options { cover_fonts: vec![(project::fonts::SERIF_REGULAR, 0)], has_endnotes, ..epub::Options::default() };
            // The cover is generated for every case: keep it, it is what a user would get.
            prop_assert!(epub::write(&book, &options).is_ok());
        }
    }

    #[test]
    fn any_book_toml_gives_diagnostics_not_a_panic(toml in "[\\[\\]a-z =\"\\n0-9.#{},-]{0,120}") {
        let project = project::from_memory(&toml, &[("a.md", "# A\n")], &[]);
        let _ = markdown::parse_book(&project);
    }
}
