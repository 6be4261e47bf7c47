//! Tests of highlighted code in the EPUB: the stylesheet's code colours (WCAG AA on the code
//! background, light and dark, in the print theme's colours) and print page markers inside
//! highlighted code.

use super::STYLESHEET;
use super::xhtml::{Context, chapter};
use crate::doc::{Block, Chapter, Inline, Matter, PageStart};
use crate::units::Rgb;

/// The rules of a stylesheet as (media query, selector, declarations), one level of
/// `@media` deep, comments dropped.
fn css_rules(css: &str) -> Vec<(Option<String>, String, String)> {
    let mut text = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    let mut rules = Vec::new();
    let mut media: Option<String> = None;
    let mut rest = text.as_str();
    loop {
        let (open, close) = (rest.find('{'), rest.find('}'));
        match (open, close) {
            (Some(o), Some(c)) if o < c => {
                let head = rest[..o].trim().to_string();
                if head.starts_with("@media") {
                    media = Some(head);
                    rest = &rest[o + 1..];
                } else {
                    rules.push((media.clone(), head, rest[o + 1..c].to_string()));
                    rest = &rest[c + 1..];
                }
            }
            (_, Some(c)) => {
                media = None;
                rest = &rest[c + 1..];
            }
            _ => break,
        }
    }
    rules
}

/// The colour a declaration block gives `property`.
fn css_colour(body: &str, property: &str) -> Option<Rgb> {
    body.split(';').find_map(|d| {
        let (name, value) = d.split_once(':')?;
        (name.trim() == property).then(|| Rgb::from_hex(value.trim()))?
    })
}

#[test]
fn code_colours_meet_wcag_aa_on_the_code_background_light_and_dark() {
    let rules = css_rules(STYLESHEET);
    let dark = Some("@media (prefers-color-scheme: dark)".to_string());
    for scheme in [None, dark] {
        let in_scheme = || rules.iter().filter(|r| r.0 == scheme);
        let background = in_scheme()
            .filter(|r| r.1 == "pre")
            .find_map(|r| css_colour(&r.2, "background"))
            .expect("pre has a background");
        let mut checked = 0;
        for (_, selector, body) in in_scheme() {
            if (selector == "pre" || selector.contains(".hl-"))
                && let Some(colour) = css_colour(body, "color")
            {
                let ratio = colour.contrast(background);
                assert!(ratio >= 4.5, "{selector} {scheme:?}: {ratio:.2}:1");
                checked += 1;
            }
        }
        assert!(checked >= 8, "{scheme:?}: {checked} colours");
    }
}

#[test]
fn code_classes_are_token_kinds_in_the_print_colours() {
    use crate::doc::TokenKind;
    let rules = css_rules(STYLESHEET);
    let mut light = std::collections::BTreeMap::new();
    for (media, selector, body) in &rules {
        for class in selector
            .split(',')
            .filter_map(|s| s.trim().strip_prefix(".hl-"))
        {
            assert!(
                TokenKind::ALL.iter().any(|k| k.short_name() == class),
                "no token kind `{class}`"
            );
            if media.is_none()
                && let Some(colour) = css_colour(body, "color")
            {
                light.insert(class.to_string(), colour);
            }
        }
    }
    let paper = crate::highlight::Theme::default();
    for kind in TokenKind::ALL {
        let colour = paper.style(kind).colour;
        if colour != Rgb::BLACK {
            assert_eq!(light.get(kind.short_name()), Some(&colour), "{kind:?}");
        }
    }
}

#[test]
fn pages_beginning_in_highlighted_code_are_marked_where_they_begin() {
    use crate::diag::{FileId, Span};
    use crate::doc::{TextPosition, Token, TokenKind};
    let text = "let a = 1;\nlet b = 2;";
    let tokens = vec![
        Token {
            kind: TokenKind::Keyword,
            range: 0..3,
        },
        Token {
            kind: TokenKind::Keyword,
            range: 11..14,
        },
        Token {
            kind: TokenKind::Number,
            range: 19..20,
        },
    ];
    let code_chapter = Chapter {
        slug: "c".into(),
        title: vec![Inline::Text("C".into())],
        matter: Matter::Body,
        is_part: false,
        depth: 0,
        number: None,
        anchor: None,
        blocks: vec![Block::Code {
            language: Some("rust".into()),
            content: vec![Inline::Text(text.into())],
            tokens,
            span: Span::new(FileId(0), 0..0),
        }],
        notes: Vec::new(),
        span: Span::new(FileId(0), 0..0),
        page_title: None,
    };
    let at = |offset| PageStart {
        label: format!("p{offset}"),
        at: TextPosition {
            chapter: 0,
            block: vec![0],
            within: Some((0, offset)),
        },
    };
    // The start of a token, inside plain text, the start of the last token, the end.
    let starts = [at(11), at(15), at(19), at(99)];
    let files = vec!["c.xhtml".to_string()];
    let ctx = Context {
        language: "en",
        is_rtl: false,
        chapter_files: &files,
        image_files: &[],
        notes_file: None,
        page_starts: &starts,
        labels: &crate::doc::Labels::default(),
    };
    let out = chapter(&ctx, 0, &code_chapter);
    let marker = |label: &str| {
        format!(
            "<span id=\"print-page-{label}\" epub:type=\"pagebreak\" role=\"doc-pagebreak\" aria-label=\"{label}\"></span>"
        )
    };
    let expected = format!(
        "<span class=\"hl-kw\">let</span> a = 1;\n<span class=\"hl-kw\">{}let</span> {}b = <span class=\"hl-num\">{}2</span>;{}</code>",
        marker("p11"),
        marker("p15"),
        marker("p19"),
        marker("p99")
    );
    assert!(out.contains(&expected), "{out}");
}
