use crate::doc::{Block, Inline};
use crate::{markdown, project};

/// The first block of a one-chapter book in `language`, as plain text.
fn text(language: &str, markdown_text: &str) -> String {
    let toml = format!("[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"{language}\"\n");
    let project = project::from_memory(&toml, &[("one.md", markdown_text)], &[]);
    let book = markdown::parse_book(&project).expect("the book parses");
    match &book.chapters[0].blocks[0] {
        Block::Paragraph { content, .. } | Block::Heading { content, .. } => {
            Inline::plain_text(content)
        }
        other => panic!("not text: {other:?}"),
    }
}

#[test]
fn english_quotes_are_pulldowns() {
    assert_eq!(
        text("en", "\"Hello,\" she said, \"it's 'fine'.\""),
        "“Hello,” she said, “it’s ‘fine’.”"
    );
}

#[test]
fn german_quotes_are_low_and_high_and_keep_apostrophes() {
    assert_eq!(
        text("de", "\"Hallo\", sagte er, \"wie geht's? 'Gut'.\""),
        "„Hallo“, sagte er, „wie geht’s? ‚Gut‘.“"
    );
    assert_eq!(text("de-AT", "\"Servus\""), "„Servus“");
}

#[test]
fn swiss_german_and_russian_use_guillemets() {
    assert_eq!(
        text("de-CH", "\"Grüezi 'mitenand'\""),
        "«Grüezi ‹mitenand›»"
    );
    assert_eq!(
        text("ru", "\"Привет, 'мир'\", — сказал он."),
        "«Привет, „мир“», — сказал он."
    );
}

#[test]
fn french_guillemets_and_high_punctuation_take_no_break_spaces() {
    assert_eq!(
        text(
            "fr",
            "\"Bonjour\", dit-il. Vraiment ? Oui! Non ; peut-être : voilà?!"
        ),
        "«\u{202f}Bonjour\u{202f}», dit-il. Vraiment\u{202f}? Oui\u{202f}! Non\u{202f}; peut-être\u{a0}: voilà\u{202f}?!"
    );
    // Typed guillemets get the spaces too; no-break spaces the author typed stay.
    assert_eq!(
        text("fr", "« Salut » et «ici»"),
        "«\u{202f}Salut\u{202f}» et «\u{202f}ici\u{202f}»"
    );
    assert_eq!(text("fr", "Il dit\u{a0}: non"), "Il dit\u{a0}: non");
    // Across emphasis and a line break of the source.
    assert_eq!(
        text("fr", "*Vraiment*!\nEt\n?"),
        "Vraiment\u{202f}! Et\u{202f}?"
    );
}

#[test]
fn french_spacing_leaves_urls_times_and_code_alone() {
    assert_eq!(
        text(
            "fr",
            "Voir http://example.org/?q=1 à 10:30, et `a ? b : c` ou `x`!"
        ),
        "Voir http://example.org/?q=1 à 10:30, et a ? b : c ou x\u{202f}!"
    );
}

#[test]
fn canadian_french_spaces_only_the_colon_and_guillemets() {
    assert_eq!(
        text("fr-CA", "\"Allô\" : vraiment? Oui!"),
        "«\u{a0}Allô\u{a0}»\u{a0}: vraiment? Oui!"
    );
}

#[test]
fn japanese_and_chinese_brackets_by_region() {
    assert_eq!(text("ja", "\"こんにちは'世界'\""), "「こんにちは『世界』」");
    assert_eq!(
        text("ja", "彼が\"持った？\"と聞くと'もちろん'と答えた。"),
        "彼が「持った？」と聞くと『もちろん』と答えた。"
    );
    assert_eq!(text("zh-TW", "\"你好\""), "「你好」");
    assert_eq!(text("zh-Hant", "\"你好\""), "「你好」");
    assert_eq!(text("zh-CN", "\"你好\""), "“你好”");
}

#[test]
fn polish_swedish_spanish_italian_portuguese_hebrew_and_arabic() {
    assert_eq!(text("pl", "\"Cześć 'ty'\""), "„Cześć «ty»”");
    assert_eq!(text("sv", "\"Hej 'du'\""), "”Hej ’du’”");
    assert_eq!(text("es", "\"Hola 'tú'\""), "«Hola “tú”»");
    assert_eq!(text("it", "\"Ciao\""), "«Ciao»");
    assert_eq!(text("pt", "\"Olá\""), "«Olá»");
    assert_eq!(text("pt-BR", "\"Olá\""), "“Olá”");
    assert_eq!(text("he", "\"שלום\""), "„שלום”");
    assert_eq!(text("ar", "\"مرحبا\""), "«مرحبا»");
}

#[test]
fn code_keeps_its_straight_quotes_and_headings_are_quoted() {
    let toml = "[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"de\"\n";
    let md = "# Das \"Buch\"\n\n```\nlet s = \"x\";\n```\n\nSiehe `\"y\"`.\n";
    let project = project::from_memory(toml, &[("one.md", md)], &[]);
    let book = markdown::parse_book(&project).expect("parses");
    let blocks = &book.chapters[0].blocks;
    let Block::Heading { content, .. } = &blocks[0] else {
        panic!()
    };
    assert_eq!(Inline::plain_text(content), "Das „Buch“");
    let Block::Code { content, .. } = &blocks[1] else {
        panic!()
    };
    assert_eq!(Inline::plain_text(content), "let s = \"x\";");
    let Block::Paragraph { content, .. } = &blocks[2] else {
        panic!()
    };
    assert_eq!(Inline::plain_text(content), "Siehe \"y\".");
}

#[test]
fn summary_titles_and_notes_are_quoted_too() {
    let toml = "[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"fr\"\n";
    let pages = [
        ("src/SUMMARY.md", "- [Le \"chat\"](one.md)\n"),
        ("src/one.md", "# Un\n\nTexte[^1].\n\n[^1]: Une note!\n"),
    ];
    let project = project::from_memory(toml, &pages, &[]);
    let book = markdown::parse_book(&project).expect("parses");
    let chapter = &book.chapters[0];
    assert_eq!(
        Inline::plain_text(&chapter.title),
        "Le «\u{202f}chat\u{202f}»"
    );
    let Block::Paragraph { content, .. } = &chapter.notes[0].blocks[0] else {
        panic!()
    };
    assert_eq!(Inline::plain_text(content), "Une note\u{202f}!");
}

#[test]
fn a_source_line_break_between_cjk_characters_is_no_space() {
    assert_eq!(
        text("ja", "旅は長く\nなりそうだった。\n*明日*\nの朝。"),
        "旅は長くなりそうだった。明日の朝。"
    );
    // Beside a Latin word, or in Korean (which spaces its words), it stays a space.
    assert_eq!(text("ja", "Rust\nのコード\nRust"), "Rust のコード Rust");
    assert_eq!(text("ko", "한국어\n문장"), "한국어 문장");
}
