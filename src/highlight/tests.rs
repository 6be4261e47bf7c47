//! Tests of the highlighting pass on real grammars.

use super::*;
use crate::diag::FileId;
use crate::doc::Matter;

fn tokens(language: &str, text: &str) -> Vec<(TokenKind, String)> {
    let mut engine = Engine::default();
    let found = code(language::mode(Some(language)), text, &mut engine);
    check_invariants(text, &found);
    found
        .iter()
        .map(|t| {
            (
                t.kind,
                text[t.range.start as usize..t.range.end as usize].to_string(),
            )
        })
        .collect()
}

/// What `doc::Token` promises: sorted, apart, not empty, on character boundaries, never
/// across a line break, never plain.
fn check_invariants(text: &str, tokens: &[Token]) {
    let mut at = 0;
    for t in tokens {
        let (s, e) = (t.range.start as usize, t.range.end as usize);
        assert!(at <= s && s < e && e <= text.len(), "{t:?} in {text:?}");
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        assert!(!text[s..e].contains('\n'), "{t:?} spans a line break");
        assert_ne!(t.kind, TokenKind::Plain);
        at = e;
    }
}

fn kinds_of(found: &[(TokenKind, String)], text: &str) -> Vec<TokenKind> {
    found
        .iter()
        .filter(|(_, t)| t == text)
        .map(|(k, _)| *k)
        .collect()
}

#[test]
fn rust_gets_keywords_strings_comments_macros_and_types() {
    let text = "#[derive(Debug)]\nfn main() {\n    let v: Vec<u32> = vec![1];\n    println!(\"{}\", v.len()); // done\n}\nfn f<'a>(x: &'a str) {}";
    let found = tokens("rust", text);
    assert_eq!(kinds_of(&found, "#[derive(Debug)]"), [TokenKind::Attribute]);
    assert_eq!(
        kinds_of(&found, "fn"),
        [TokenKind::Keyword, TokenKind::Keyword]
    );
    assert_eq!(kinds_of(&found, "main"), [TokenKind::Function]);
    assert_eq!(kinds_of(&found, "Vec"), [TokenKind::Type]);
    assert_eq!(kinds_of(&found, "1"), [TokenKind::Number]);
    assert_eq!(kinds_of(&found, "vec!"), [TokenKind::Macro]);
    assert_eq!(kinds_of(&found, "\"{}\""), [TokenKind::String]);
    assert_eq!(kinds_of(&found, "// done"), [TokenKind::Comment]);
    assert_eq!(kinds_of(&found, "len"), [TokenKind::Function]);
    assert_eq!(
        kinds_of(&found, "'a"),
        [TokenKind::Lifetime, TokenKind::Lifetime]
    );
    // rustdoc attributes after the language do not change it.
    assert_eq!(tokens("rust,ignore", text), found);
    assert_eq!(tokens("rs", text), found);
}

#[test]
fn console_sessions_have_prompts_commands_and_output() {
    let text = "$ cargo run --release\n   Compiling hello v0.1.0\nHello, world!\n$ echo \\\n  done";
    let found = tokens("console", text);
    assert_eq!(
        found[..2],
        [
            (TokenKind::Prompt, "$".to_string()),
            (TokenKind::Function, "cargo".to_string())
        ]
    );
    assert_eq!(
        kinds_of(&found, "   Compiling hello v0.1.0"),
        [TokenKind::Output]
    );
    assert_eq!(kinds_of(&found, "Hello, world!"), [TokenKind::Output]);
    // The line after a trailing backslash is still the command, not output.
    assert!(
        found
            .iter()
            .all(|(k, t)| *k != TokenKind::Output || !t.contains("done"))
    );
    assert_eq!(tokens("shell-session", text), found);
    // `sh` is a session when it starts with a prompt, a script otherwise.
    assert_eq!(tokens("sh", text), found);
    let script = tokens("bash", "echo \"hi\" # greet");
    assert_eq!(
        script.first(),
        Some(&(TokenKind::Function, "echo".to_string()))
    );
    assert!(script.contains(&(TokenKind::Comment, "# greet".to_string())));
    assert!(!script.iter().any(|(k, _)| *k == TokenKind::Prompt));
}

#[test]
fn windows_sessions_have_prompts_too() {
    let found = tokens("powershell", "> rustc main.rs\n> .\\main\nHello, world!");
    assert_eq!(
        found
            .iter()
            .filter(|(k, _)| *k == TokenKind::Prompt)
            .count(),
        2
    );
    assert_eq!(kinds_of(&found, "Hello, world!"), [TokenKind::Output]);
    let found = tokens("cmd", "> dir /B\nmain.exe");
    assert_eq!(found.first().map(|t| t.0), Some(TokenKind::Prompt));
    assert_eq!(kinds_of(&found, "main.exe"), [TokenKind::Output]);
}

#[test]
fn the_corpus_languages_and_common_ones_are_highlighted() {
    let samples = [
        (
            "toml",
            "[package]\nname = \"hello\" # c\nversion = 1",
            TokenKind::String,
        ),
        ("json", "{\"a\": [1, true]}", TokenKind::Number),
        ("html", "<p class=\"x\">Hi</p>", TokenKind::Tag),
        (
            "diff",
            "--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new",
            TokenKind::Inserted,
        ),
        ("yaml", "key: \"value\" # c", TokenKind::Comment),
        ("c", "int main(void) { return 0; }", TokenKind::Keyword),
        ("python", "def f(x):\n    return \"s\"", TokenKind::Keyword),
        ("js", "const x = () => 42;", TokenKind::Number),
        ("markdown", "# Title\n*em*", TokenKind::Heading),
    ];
    for (language, text, expected) in samples {
        let found = tokens(language, text);
        assert!(
            found.iter().any(|(k, _)| *k == expected),
            "{language}: no {expected:?} in {found:?}"
        );
    }
    let diff = tokens("patch", "-old\n+new");
    assert_eq!(
        diff,
        [
            (TokenKind::Deleted, "-old".into()),
            (TokenKind::Inserted, "+new".into())
        ]
    );
}

#[test]
fn plain_languages_get_no_tokens() {
    assert_eq!(tokens("text", "fn main() {}"), []);
    let mut engine = Engine::default();
    assert_eq!(code(Mode::Plain, "fn main() {}", &mut engine), []);
    // Nothing was highlighted, so the grammars were never loaded.
    assert!(engine.highlighter.is_none());
}

fn chapter(blocks: Vec<Block>) -> Chapter {
    Chapter {
        slug: "c".into(),
        title: Vec::new(),
        matter: Matter::Body,
        is_part: false,
        depth: 0,
        number: None,
        anchor: None,
        blocks,
        notes: Vec::new(),
        span: Span::new(FileId(0), 0..0),
        page_title: None,
    }
}

fn block(language: Option<&str>, text: &str, at: usize) -> Block {
    Block::Code {
        language: language.map(str::to_string),
        content: vec![Inline::Text(text.to_string())],
        tokens: Vec::new(),
        span: Span::new(FileId(0), at..at + 1),
    }
}

#[test]
fn unknown_languages_are_plain_with_one_warning_each() {
    let mut chapters = vec![chapter(vec![
        block(Some("vulcan"), "graph TD", 10),
        block(Some("vulcan"), "graph LR", 20),
        block(Some("klingon"), "Qapla'", 30),
        block(Some("rust"), "fn f() {}", 40),
        block(None, "plain", 50),
        Block::Quote {
            blocks: vec![block(Some("vulcan"), "x", 60)],
            span: Span::new(FileId(0), 0..0),
        },
    ])];
    let mut diags = Vec::new();
    book(&mut chapters, &mut diags);
    let messages: Vec<_> = diags.iter().map(|d| (d.message.as_str(), d.span)).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].0.contains("`klingon`") && messages[0].0.contains("(1 block)"));
    assert!(messages[1].0.contains("`vulcan`") && messages[1].0.contains("(3 blocks)"));
    assert_eq!(messages[1].1, Some(Span::new(FileId(0), 10..11)));
    let tokens: Vec<usize> = chapters[0]
        .blocks
        .iter()
        .map(|b| match b {
            Block::Code { tokens, .. } => tokens.len(),
            _ => 0,
        })
        .collect();
    assert_eq!(tokens[..3], [0, 0, 0]);
    assert!(tokens[3] > 0);
    assert_eq!(tokens[4], 0);
}

#[test]
fn a_book_without_code_never_loads_the_grammars() {
    let mut engine = Engine::default();
    let mut unknown = BTreeMap::new();
    let mut blocks = vec![block(Some("text"), "x", 0), block(None, "y", 1)];
    visit(&mut blocks, &mut engine, &mut unknown);
    assert!(engine.highlighter.is_none());
}

#[test]
fn highlighting_is_the_same_every_time() {
    let text = "use std::io;\nfn main() -> io::Result<()> {\n    let s = \"é\";\n    Ok(())\n}\n";
    let first = tokens("rust", text);
    let mut engine = Engine::default();
    for _ in 0..3 {
        let again = code(language::mode(Some("rust")), text, &mut engine);
        let again: Vec<_> = again
            .iter()
            .map(|t| {
                (
                    t.kind,
                    text[t.range.start as usize..t.range.end as usize].to_string(),
                )
            })
            .collect();
        assert_eq!(again, first);
    }
}

#[test]
fn odd_text_does_not_break_the_tokens() {
    for text in [
        "",
        "\n\n\n",
        "\r\nfn main() {\r\n}\r\n",
        "\"unterminated",
        "/* never closed\nfn x",
        "é\u{0}\u{7f}💥 fn",
        "$",
        "$ \n> \n",
    ] {
        for language in ["rust", "console", "toml", "html", "sh"] {
            tokens(language, text);
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Whatever the text and the language, highlighting ends with tokens that keep the
    /// promises of `doc::Token` (checked in `tokens`).
    #[test]
    fn any_text_in_any_language_gives_sound_tokens(
        text in "(\\PC|\n|\r|\t){0,300}",
        language in proptest::sample::select(vec![
            "rust", "console", "sh", "powershell", "toml", "json", "html", "diff", "markdown", "python",
        ]),
    ) {
        tokens(language, &text);
    }
}
