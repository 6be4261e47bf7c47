//! Book furniture in the EPUB, built by the real binary from `tests/fixtures/furniture`:
//! the generated front matter in reading order, one endnotes document (`notes = "book"`),
//! and images scaled to `max-image-width`.

mod common;

use common::{Epub, attr_values, folio, problems, repo, stderr, temp_dir};
use folio::doc::ImageFormat;

fn build(name: &str) -> Epub {
    let out = temp_dir(name);
    let book = repo().join("tests/fixtures/furniture");
    let output = folio(
        &[
            "build",
            book.to_str().expect("UTF-8 path"),
            "-o",
            out.to_str().expect("UTF-8 path"),
            "--format",
            "epub",
        ],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    Epub::read(&std::fs::read(out.join("furniture.epub")).expect("the EPUB is written"))
}

#[test]
fn front_matter_comes_before_the_contents_and_endnotes_last() {
    let epub = build("furniture-order");
    assert_eq!(problems(&epub), Vec::<String>::new());
    let opf = epub.text("OEBPS/content.opf");
    assert_eq!(
        attr_values(&opf, "itemref", "idref"),
        [
            "cover",
            "halftitle",
            "titlepage",
            "copyright",
            "dedication",
            "epigraph",
            "nav",
            "c-foreword",
            "c-one",
            "c-two",
            "c-appendix",
            "endnotes",
        ]
    );
    let nav = epub.text("OEBPS/nav.xhtml");
    for landmark in ["cover", "titlepage", "toc", "bodymatter", "endnotes"] {
        assert!(
            nav.contains(&format!("<a epub:type=\"{landmark}\"")),
            "landmark {landmark}"
        );
    }
    // dedication.md is the dedication, not a chapter.
    let dedication = epub.text("OEBPS/dedication.xhtml");
    assert!(dedication.contains("<p>For Anna, who waited.</p>\n<p>And for Ben.</p>"));
    assert!(epub.file("OEBPS/c-dedication.xhtml").is_none());
    let copyright = epub.text("OEBPS/copyright.xhtml");
    for line in [
        "Second edition",
        "ISBN 9783161484100",
        "First published 2024-05-01",
        "Published by Folio Test Press",
        "Typeset with folio",
    ] {
        assert!(copyright.contains(&format!("<p>{line}</p>")), "{line}");
    }
    assert!(
        epub.text("OEBPS/foreword.xhtml")
            .contains("<section epub:type=\"foreword\" role=\"doc-foreword\"")
    );
    assert!(
        epub.text("OEBPS/appendix.xhtml")
            .contains("<section epub:type=\"appendix\" role=\"doc-appendix\"")
    );
}

#[test]
fn notes_go_to_one_endnotes_document_grouped_by_chapter() {
    let epub = build("furniture-notes");
    let endnotes = epub.text("OEBPS/endnotes.xhtml");
    assert!(endnotes.contains("epub:type=\"endnotes\" role=\"doc-endnotes\""));
    // Chapters with notes, in reading order, each under its title; `Two` has none.
    let headings: Vec<&str> = endnotes
        .split("<h2 ")
        .skip(1)
        .map(|h| &h[h.find('>').expect("tag end") + 1..h.find("</h2>").expect("h2 end")])
        .collect();
    assert_eq!(headings, ["Foreword", "1. One", "Appendix A"]);
    let notes = attr_values(&endnotes, "li", "id");
    assert_eq!(
        notes,
        [
            "note-foreword-1",
            "note-one-1",
            "note-one-2",
            "note-appendix-1"
        ]
    );
    assert_eq!(endnotes.matches("epub:type=\"endnote\"").count(), 4);
    // Every reference links to its note there, and every note links back to a reference.
    let mut refs = Vec::new();
    for chapter in ["foreword", "one", "two", "appendix"] {
        let text = epub.text(&format!("OEBPS/{chapter}.xhtml"));
        assert!(!text.contains("epub:type=\"footnote\""), "{chapter}");
        refs.extend(
            text.split("<a class=\"noteref\"")
                .skip(1)
                .map(|a| attr_values(&format!("<a {a}"), "a", "href").remove(0)),
        );
    }
    assert_eq!(
        refs,
        [
            "endnotes.xhtml#note-foreword-1",
            "endnotes.xhtml#note-one-1",
            "endnotes.xhtml#note-one-2",
            "endnotes.xhtml#note-one-1",
            "endnotes.xhtml#note-appendix-1",
        ]
    );
    assert_eq!(endnotes.matches("role=\"doc-backlink\"").count(), 4);
    assert!(endnotes.contains("<a href=\"one.xhtml#note-one-2-ref\" role=\"doc-backlink\">2.</a>"));
    // `problems` checked above that every one of these links resolves.
    assert_eq!(problems(&epub), Vec::<String>::new());
}

#[test]
fn wide_images_are_scaled_once_and_the_manifest_follows_their_format() {
    let epub = build("furniture-images");
    let opf = epub.text("OEBPS/content.opf");
    let items: Vec<(String, String)> = attr_values(&opf, "item", "href")
        .into_iter()
        .zip(attr_values(&opf, "item", "media-type"))
        .filter(|(href, _)| href.starts_with("images/"))
        .collect();
    let expected = [
        ("images/src-img-wide.png", ImageFormat::Png, (600, 300)),
        ("images/src-img-photo.jpg", ImageFormat::Jpeg, (600, 420)),
        // A GIF is scaled into a PNG: name and media type follow.
        ("images/src-img-rule.png", ImageFormat::Png, (600, 60)),
        ("images/cover.png", ImageFormat::Png, (1600, 2560)),
    ];
    assert_eq!(items.len(), expected.len(), "{items:?}");
    for ((href, media_type), (name, format, pixels)) in items.iter().zip(expected) {
        assert_eq!(href, name);
        assert_eq!(media_type, format.media_type(), "{href}");
        let bytes = epub
            .file(&format!("OEBPS/{href}"))
            .expect("the image is in the container");
        let found = folio::markdown::inspect_image(bytes).expect("a readable image");
        assert_eq!(found, (format, Some(pixels)), "{href}");
    }
    // The picture used in two chapters is one file, and the chapters point at it.
    assert_eq!(
        epub.entries
            .iter()
            .filter(|(n, _, _)| n.contains("src-img-wide"))
            .count(),
        1
    );
    for chapter in ["one", "two"] {
        let text = epub.text(&format!("OEBPS/{chapter}.xhtml"));
        assert!(
            text.contains("<img src=\"images/src-img-wide.png\""),
            "{chapter}"
        );
    }
    // Scaling gives the same bytes every time.
    let again = build("furniture-images-again");
    assert!(epub.entries == again.entries, "two builds differ");
}
