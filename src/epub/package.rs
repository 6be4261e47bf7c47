//! The package document (`content.opf`): metadata, accessibility claims, manifest, spine.

use std::fmt::Write as _;

use super::xhtml::escape;
use crate::doc::{Identifier, Metadata};

/// One file of the publication, as the manifest lists it.
#[derive(Clone, Debug)]
pub struct Item {
    /// Manifest id (an XML name).
    pub id: String,
    /// Path relative to the package document.
    pub href: String,
    /// Media type.
    pub media_type: &'static str,
    /// Manifest properties (`nav`, `cover-image`, `svg`…), space-separated.
    pub properties: Option<&'static str>,
    /// Whether the item is in the spine (reading order), in manifest order.
    pub in_spine: bool,
}

/// What is true of the book's accessibility, to state in the metadata.
#[derive(Clone, Debug, Default)]
pub struct Accessibility {
    /// The book has images (so a visual access mode exists).
    pub has_images: bool,
    /// Every image has alternative text.
    pub all_images_described: bool,
    /// The text carries the print edition's page breaks and the nav a page-list.
    pub has_page_list: bool,
    /// The identifier of the edition whose pages those are (`pageBreakSource`).
    pub page_source: Option<String>,
    /// The book's language, which the English summary may not be in.
    pub language: String,
}

/// Writes `content.opf`.
pub fn opf(meta: &Metadata, a11y: &Accessibility, items: &[Item]) -> String {
    let mut out = String::with_capacity(8192);
    let dir = if meta.is_rtl { " dir=\"rtl\"" } else { "" };
    let _ = writeln!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"pub-id\" xml:lang=\"{}\"{dir}>\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">",
        escape(&meta.language)
    );
    let mut lines = identity(meta);
    lines.extend(publication(meta));
    lines.push(format!(
        "<meta property=\"dcterms:modified\">{}</meta>",
        meta.modified.iso8601()
    ));
    lines.extend(accessibility(a11y));
    if let Some(cover) = items.iter().find(|i| i.properties == Some("cover-image")) {
        // For EPUB 2 reading systems (older Kindle and Kobo firmware).
        lines.push(format!(
            "<meta name=\"cover\" content=\"{}\"/>",
            escape(&cover.id)
        ));
    }
    for line in lines {
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("</metadata>\n<manifest>\n");
    for item in items {
        let properties = item
            .properties
            .map(|p| format!(" properties=\"{p}\""))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<item id=\"{}\" href=\"{}\" media-type=\"{}\"{properties}/>",
            escape(&item.id),
            escape(&item.href),
            item.media_type
        );
    }
    let direction = if meta.is_rtl {
        " page-progression-direction=\"rtl\""
    } else {
        ""
    };
    let _ = writeln!(out, "</manifest>\n<spine toc=\"ncx\"{direction}>");
    for item in items.iter().filter(|i| i.in_spine) {
        let _ = writeln!(out, "<itemref idref=\"{}\"/>", escape(&item.id));
    }
    out.push_str("</spine>\n</package>\n");
    out
}

/// What names the book: its identifier (with the ISBN's type), titles and creators.
fn identity(meta: &Metadata) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = |text: String| out.push(text);
    line(format!(
        "<dc:identifier id=\"pub-id\">{}</dc:identifier>",
        escape(&meta.identifier.uri())
    ));
    if let Identifier::Isbn(isbn) = &meta.identifier {
        // ONIX code list 5: 15 is ISBN-13, 02 is ISBN-10.
        let code = if isbn.len() == 13 { "15" } else { "02" };
        line(format!(
            "<meta refines=\"#pub-id\" property=\"identifier-type\" scheme=\"onix:codelist5\">{code}</meta>"
        ));
    }
    line(format!(
        "<dc:title id=\"title\">{}</dc:title>",
        escape(&meta.title)
    ));
    line("<meta refines=\"#title\" property=\"title-type\">main</meta>".into());
    if let Some(subtitle) = &meta.subtitle {
        line(format!(
            "<dc:title id=\"subtitle\">{}</dc:title>",
            escape(subtitle)
        ));
        line("<meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>".into());
    }
    for (i, author) in meta.authors.iter().enumerate() {
        let n = i + 1;
        line(format!(
            "<dc:creator id=\"creator-{n}\">{}</dc:creator>",
            escape(author)
        ));
        line(format!(
            "<meta refines=\"#creator-{n}\" property=\"role\" scheme=\"marc:relators\">aut</meta>"
        ));
        line(format!(
            "<meta refines=\"#creator-{n}\" property=\"display-seq\">{n}</meta>"
        ));
    }
    out
}

/// What describes the publication: language, date, publisher, description, rights,
/// subjects and series.
fn publication(meta: &Metadata) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = |text: String| out.push(text);
    line(format!(
        "<dc:language>{}</dc:language>",
        escape(&meta.language)
    ));
    if let Some(date) = &meta.date {
        line(format!("<dc:date>{}</dc:date>", escape(date)));
    }
    if let Some(publisher) = &meta.publisher {
        line(format!(
            "<dc:publisher>{}</dc:publisher>",
            escape(publisher)
        ));
    }
    if let Some(description) = &meta.description {
        line(format!(
            "<dc:description>{}</dc:description>",
            escape(description)
        ));
    }
    if let Some(rights) = &meta.rights {
        line(format!("<dc:rights>{}</dc:rights>", escape(rights)));
    }
    for subject in &meta.subjects {
        line(format!("<dc:subject>{}</dc:subject>", escape(subject)));
    }
    if let Some(series) = &meta.series {
        line(format!(
            "<meta property=\"belongs-to-collection\" id=\"series\">{}</meta>",
            escape(series)
        ));
        line("<meta refines=\"#series\" property=\"collection-type\">series</meta>".into());
        if let Some(index) = &meta.series_index {
            line(format!(
                "<meta refines=\"#series\" property=\"group-position\">{}</meta>",
                escape(index)
            ));
        }
    }
    out
}

/// EPUB Accessibility 1.1 metadata that is true of this book.
fn accessibility(a11y: &Accessibility) -> Vec<String> {
    let meta = |property: &str, value: &str| {
        format!("<meta property=\"{property}\">{}</meta>", escape(value))
    };
    let mut out = vec![meta("schema:accessMode", "textual")];
    if a11y.has_images {
        out.push(meta("schema:accessMode", "visual"));
    }
    if !a11y.has_images || a11y.all_images_described {
        out.push(meta("schema:accessModeSufficient", "textual"));
    }
    if a11y.has_images {
        out.push(meta("schema:accessModeSufficient", "textual,visual"));
    }
    let mut features = vec![
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "displayTransformability",
    ];
    if a11y.has_images && a11y.all_images_described {
        features.push("alternativeText");
    }
    if a11y.has_page_list {
        features.push("pageBreakMarkers");
        features.push("pageNavigation");
    }
    for feature in features {
        out.push(meta("schema:accessibilityFeature", feature));
    }
    out.push(meta("schema:accessibilityHazard", "none"));
    if let Some(source) = a11y.page_source.as_deref().filter(|_| a11y.has_page_list) {
        out.push(meta("pageBreakSource", source));
    }
    let mut summary = String::from(
        "This publication has a table of contents, headings in a logical order and a reading order that follows the print edition. Text can be resized and restyled.",
    );
    if a11y.has_images {
        summary.push_str(if a11y.all_images_described {
            " Every image has a text alternative."
        } else {
            " Some images have no text alternative, so the book does not claim WCAG conformance."
        });
    }
    // The summary is written in English: say so when the book is in another language.
    let lang = if crate::doc::labels::subtags(&a11y.language).0 == "en" {
        String::new()
    } else {
        " xml:lang=\"en\"".to_string()
    };
    out.push(format!(
        "<meta property=\"schema:accessibilitySummary\"{lang}>{}</meta>",
        escape(&summary)
    ));
    if !a11y.has_images || a11y.all_images_described {
        out.push(meta(
            "dcterms:conformsTo",
            "EPUB Accessibility 1.1 - WCAG 2.1 Level AA",
        ));
        out.push(meta(
            "a11y:certifiedBy",
            "folio (automated check at build time)",
        ));
    }
    out
}
