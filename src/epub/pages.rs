//! The generated pages of the EPUB: cover, title page and copyright page, from the metadata.

use std::fmt::Write as _;

use super::xhtml::{self, Context, escape};
use crate::doc::{Identifier, Metadata};

/// The cover page: the cover image, full page.
pub fn cover(ctx: &Context, meta: &Metadata, image_href: &str) -> String {
    let mut out = xhtml::document_start(ctx, "Cover", None);
    let alt = format!("Cover of {}{}", meta.title, by_line(meta));
    let _ = writeln!(
        out,
        "<section class=\"cover\" aria-label=\"Cover\">\n<img epub:type=\"cover\" role=\"doc-cover\" src=\"{}\" alt=\"{}\"/>\n</section>",
        escape(image_href),
        escape(&alt)
    );
    out.push_str(xhtml::DOCUMENT_END);
    out
}

fn by_line(meta: &Metadata) -> String {
    if meta.authors.is_empty() {
        String::new()
    } else {
        format!(" by {}", join_names(&meta.authors))
    }
}

/// "A", "A and B", "A, B and C".
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
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
    let mut out = xhtml::document_start(ctx, "Copyright", Some("frontmatter"));
    out.push_str(
        "<section class=\"copyright\" epub:type=\"copyright-page\" aria-label=\"Copyright\">\n",
    );
    let mut line = |text: String| {
        let _ = writeln!(out, "<p>{}</p>", escape(&text));
    };
    let title = match &meta.subtitle {
        Some(sub) => format!("{}: {sub}", meta.title),
        None => meta.title.clone(),
    };
    line(format!("{title}{}", by_line(meta)));
    if let Some(rights) = &meta.rights {
        line(rights.clone());
    }
    if let Some(publisher) = &meta.publisher {
        line(format!("Published by {publisher}"));
    }
    if let Some(date) = &meta.date {
        line(format!("First published {date}"));
    }
    if let Some(series) = &meta.series {
        match &meta.series_index {
            Some(n) => line(format!("{series}, volume {n}")),
            None => line(series.clone()),
        }
    }
    match &meta.identifier {
        Identifier::Isbn(isbn) => line(format!("ISBN {isbn}")),
        other => line(format!("Identifier: {}", other.uri())),
    }
    line("Typeset with folio".to_string());
    out.push_str("</section>\n");
    out.push_str(xhtml::DOCUMENT_END);
    out
}
