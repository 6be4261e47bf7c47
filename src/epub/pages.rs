//! The generated front matter of the EPUB, from the metadata: cover, half title, title page,
//! copyright page, dedication and epigraph.

use std::fmt::Write as _;

use super::xhtml::{self, Context, escape};
use crate::doc::{Identifier, Label, Metadata};

/// The cover page: the cover image, full page.
pub fn cover(ctx: &Context, meta: &Metadata, image_href: &str) -> String {
    let labels = &meta.labels;
    let name = labels.get(Label::Cover);
    let mut out = xhtml::document_start(ctx, name, None);
    let cover_of = labels.fill(Label::CoverOf, &[("{title}", &meta.title)]);
    let alt = labels.title_by(&cover_of, &meta.authors);
    let _ = writeln!(
        out,
        "<section class=\"cover\" aria-label=\"{}\">\n<img epub:type=\"cover\" role=\"doc-cover\" src=\"{}\" alt=\"{}\"/>\n</section>",
        escape(name),
        escape(image_href),
        escape(&alt)
    );
    out.push_str(xhtml::DOCUMENT_END);
    out
}

/// The half-title page: the title alone.
pub fn half_title(ctx: &Context, meta: &Metadata) -> String {
    let mut out = xhtml::document_start(ctx, &meta.title, Some("frontmatter"));
    let _ = writeln!(
        out,
        "<section class=\"halftitle\" epub:type=\"halftitlepage\" aria-label=\"{}\">\n<p class=\"halftitle\">{}</p>\n</section>",
        escape(meta.labels.get(Label::HalfTitle)),
        escape(&meta.title)
    );
    out.push_str(xhtml::DOCUMENT_END);
    out
}

/// The title page: title, subtitle, authors, publisher.
pub fn title_page(ctx: &Context, meta: &Metadata) -> String {
    let mut out = xhtml::document_start(ctx, &meta.title, Some("frontmatter"));
    out.push_str(
        "<section class=\"titlepage\" epub:type=\"titlepage\" aria-labelledby=\"book-title\">\n",
    );
    let _ = writeln!(
        out,
        "<h1 id=\"book-title\" class=\"title\">{}</h1>",
        escape(&meta.title)
    );
    if let Some(subtitle) = &meta.subtitle {
        let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", escape(subtitle));
    }
    for author in &meta.authors {
        let _ = writeln!(out, "<p class=\"author\">{}</p>", escape(author));
    }
    if let Some(publisher) = &meta.publisher {
        let _ = writeln!(out, "<p class=\"publisher\">{}</p>", escape(publisher));
    }
    out.push_str("</section>\n");
    out.push_str(xhtml::DOCUMENT_END);
    out
}

/// The copyright page: rights, identifier, date, publisher, and how the book was made.
pub fn copyright_page(ctx: &Context, meta: &Metadata) -> String {
    let labels = &meta.labels;
    let name = labels.get(Label::Copyright);
    let mut out = xhtml::document_start(ctx, name, Some("frontmatter"));
    let _ = writeln!(
        out,
        "<section class=\"copyright\" epub:type=\"copyright-page\" aria-label=\"{}\">",
        escape(name)
    );
    let mut line = |text: String| {
        let _ = writeln!(out, "<p>{}</p>", escape(&text));
    };
    let title = match &meta.subtitle {
        Some(sub) => format!("{}: {sub}", meta.title),
        None => meta.title.clone(),
    };
    line(labels.title_by(&title, &meta.authors));
    if let Some(rights) = &meta.rights {
        line(rights.clone());
    }
    if let Some(publisher) = &meta.publisher {
        line(labels.fill(Label::PublishedBy, &[("{publisher}", publisher)]));
    }
    if let Some(edition) = &meta.edition {
        line(edition.clone());
    }
    if let Some(date) = &meta.date {
        line(labels.fill(Label::FirstPublished, &[("{date}", date)]));
    }
    if let Some(series) = &meta.series {
        line(labels.series(series, meta.series_index.as_deref()));
    }
    // A derived identifier names the package, not the edition: it is not printed.
    match &meta.identifier {
        _ if !meta.is_identifier_given => {}
        Identifier::Isbn(isbn) => line(format!("ISBN {isbn}")),
        other => line(labels.fill(Label::Identifier, &[("{id}", &other.uri())])),
    }
    line(labels.get(Label::TypesetWith).to_string());
    out.push_str("</section>\n");
    out.push_str(xhtml::DOCUMENT_END);
    out
}

/// The dedication page, one paragraph per paragraph of `dedication`.
pub fn dedication(ctx: &Context, dedication: &str) -> String {
    let name = ctx.labels.get(Label::Dedication);
    let mut out = xhtml::document_start(ctx, name, Some("frontmatter"));
    let _ = writeln!(
        out,
        "<section class=\"dedication\" epub:type=\"dedication\" role=\"doc-dedication\" aria-label=\"{}\">",
        escape(name)
    );
    for paragraph in paragraphs(dedication) {
        let _ = writeln!(out, "<p>{}</p>", escape(&paragraph));
    }
    out.push_str("</section>\n");
    out.push_str(xhtml::DOCUMENT_END);
    out
}

/// The epigraph page: the quotation and, when given, who it is by.
pub fn epigraph(ctx: &Context, epigraph: &str, source: Option<&str>) -> String {
    let name = ctx.labels.get(Label::Epigraph);
    let mut out = xhtml::document_start(ctx, name, Some("frontmatter"));
    let _ = writeln!(
        out,
        "<section class=\"epigraph\" epub:type=\"epigraph\" role=\"doc-epigraph\" aria-label=\"{}\">\n<blockquote>",
        escape(name)
    );
    for paragraph in paragraphs(epigraph) {
        let _ = writeln!(out, "<p>{}</p>", escape(&paragraph));
    }
    out.push_str("</blockquote>\n");
    if let Some(source) = source.map(str::trim).filter(|s| !s.is_empty()) {
        let _ = writeln!(out, "<p class=\"source\">— {}</p>", escape(source));
    }
    out.push_str("</section>\n");
    out.push_str(xhtml::DOCUMENT_END);
    out
}

/// The paragraphs of a metadata text: blank lines separate them; other white space,
/// line breaks included, becomes one space.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.extend(line.split_whitespace());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_separate_paragraphs_and_other_white_space_is_one_space() {
        assert_eq!(
            paragraphs("  For Anna,\n  who  waited.\n\n \n\nAnd for Ben.\n"),
            vec!["For Anna, who waited.", "And for Ben."]
        );
        assert!(paragraphs(" \n\n").is_empty());
    }

    #[test]
    fn issue_12_copyright_page_prints_only_an_identifier_the_book_gives() {
        let ctx = Context {
            language: "en",
            is_rtl: false,
            chapter_files: &[],
            image_files: &[],
            notes_file: None,
            page_starts: &[],
            labels: &crate::doc::Labels::default(),
        };
        let mut meta = Metadata {
            title: "T".into(),
            identifier: crate::doc::Identifier::derived("T", &[]),
            ..Metadata::default()
        };
        assert!(!copyright_page(&ctx, &meta).contains("urn:uuid"));
        meta.identifier = crate::doc::Identifier::Other("doi:10.1000/182".into());
        meta.is_identifier_given = true;
        assert!(copyright_page(&ctx, &meta).contains("<p>Identifier: doi:10.1000/182</p>"));
    }
}
