//! `dedication.md` in the chapter folder, when it is not a chapter → the book's dedication
//! (plain text, paragraphs separated by a blank line, as `[book] dedication` is written).

use crate::diag::{Diagnostic, Span};
use crate::doc::{Block, Inline, Metadata};
use crate::project::{self, Project};

use super::punctuation::Style;
use super::{parse, summary};

/// The dedication file's name in the chapter folder.
const FILE_NAME: &str = "dedication.md";

/// The dedication file's path relative to the book folder (`src/dedication.md`).
pub fn path(project: &Project) -> String {
    project::join(&project.src_dir, FILE_NAME)
}

/// Takes the dedication from `dedication.md` when the chapter folder has one that is not in
/// the reading order (`entries`). `book.toml`'s `dedication` wins, with a warning.
pub fn apply(
    project: &Project,
    entries: &[summary::Entry],
    meta: &mut Metadata,
    diags: &mut Vec<Diagnostic>,
) {
    let path = path(project);
    let Some(&file) = project.pages.get(&path) else {
        return;
    };
    if entries
        .iter()
        .any(|e| e.path.as_deref() == Some(path.as_str()))
    {
        return; // a chapter of its own, listed in SUMMARY.md
    }
    if meta.dedication.is_some() {
        diags.push(
            Diagnostic::warning(
                Span::new(file, 0..0),
                format!("`{path}` is ignored: `book.toml` sets `dedication` too"),
            )
            .with_hint("keep one: delete `dedication` from `[book]`, or delete the file"),
        );
        return;
    }
    let style = Style::for_language(&meta.language);
    let text = plain_text(&project.sources.get(file).text, file, style);
    if !text.is_empty() {
        meta.dedication = Some(text);
    }
}

/// The paragraphs of a short Markdown text as plain text, each on one line, separated by
/// blank lines. Headings are left out; images and notes give nothing.
fn plain_text(markdown: &str, file: crate::diag::FileId, style: Style) -> String {
    fn visit(blocks: &[Block], style: Style, out: &mut Vec<String>) {
        for block in blocks {
            match block {
                Block::Paragraph { content, .. } => {
                    let mut content = content.clone();
                    super::punctuation::space(&mut content, style.spacing);
                    let text = Inline::plain_text(&content);
                    // No-break spaces stay: they hold French punctuation to its word.
                    let words: Vec<&str> = text
                        .split(|c: char| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}'))
                        .filter(|w| !w.is_empty())
                        .collect();
                    if !words.is_empty() {
                        out.push(words.join(" "));
                    }
                }
                Block::Quote { blocks, .. } | Block::Admonition { blocks, .. } => {
                    visit(blocks, style, out)
                }
                Block::List { items, .. } => {
                    items.iter().for_each(|i| visit(&i.blocks, style, out))
                }
                _ => {}
            }
        }
    }
    // The text is a few lines of the author's: problems in it do not concern the build.
    let mut ignored = Vec::new();
    let mut no_images = |_: &str, _: &str, _: Span, _: &mut Vec<Diagnostic>| None;
    let map = crate::diag::SpanMap::identity(file);
    let quoter = super::punctuation::Quoter::new(style);
    let parsed = parse::parse(
        markdown,
        &map,
        &super::Settings::default(),
        quoter,
        &mut no_images,
        &mut ignored,
    );
    let mut paragraphs = Vec::new();
    visit(&parsed.blocks, style, &mut paragraphs);
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(toml_extra: &str, pages: &[(&str, &str)]) -> crate::doc::Book {
        let toml =
            format!("[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\n{toml_extra}");
        let project = project::from_memory(&toml, pages, &[]);
        super::super::parse_book(&project).expect("the book parses")
    }

    const DEDICATION: &str = "# Dedication\n\n*For Anna,*\nwho waited.\n\nAnd for Ben.\n";

    #[test]
    fn dedication_md_in_file_order_is_the_dedication_and_not_a_chapter() {
        let book = book(
            "",
            &[("a.md", "# A\n\nText."), ("dedication.md", DEDICATION)],
        );
        assert_eq!(book.chapters.len(), 1);
        assert_eq!(
            book.metadata.dedication.as_deref(),
            Some("For Anna, who waited.\n\nAnd for Ben.")
        );
        assert!(book.warnings.is_empty(), "{:?}", book.warnings);
    }

    #[test]
    fn dedication_md_listed_in_summary_is_a_chapter() {
        let book = book(
            "src = \"src\"\n",
            &[
                (
                    "src/SUMMARY.md",
                    "[Dedication](dedication.md)\n\n- [A](a.md)\n",
                ),
                ("src/a.md", "# A\n\nText."),
                ("src/dedication.md", DEDICATION),
            ],
        );
        assert_eq!(book.chapters.len(), 2);
        assert_eq!(book.metadata.dedication, None);
    }

    #[test]
    fn dedication_md_outside_summary_is_the_dedication() {
        let book = book(
            "src = \"src\"\n",
            &[
                ("src/SUMMARY.md", "- [A](a.md)\n"),
                ("src/a.md", "# A\n\nText."),
                ("src/dedication.md", DEDICATION),
            ],
        );
        assert_eq!(book.chapters.len(), 1);
        assert!(book.metadata.dedication.is_some());
    }

    #[test]
    fn book_toml_dedication_wins_and_the_file_is_named_in_a_warning() {
        let book = book(
            "dedication = \"For C.\"\n",
            &[("a.md", "# A\n\nText."), ("dedication.md", DEDICATION)],
        );
        assert_eq!(book.chapters.len(), 1);
        assert_eq!(book.metadata.dedication.as_deref(), Some("For C."));
        assert_eq!(book.warnings.len(), 1);
        assert!(
            book.warnings[0]
                .message
                .contains("`dedication.md` is ignored")
        );
    }
}
