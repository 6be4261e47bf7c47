//! The reading order: `SUMMARY.md` in mdBook's format → `Entry` list, or the chapter files in
//! name order when there is no `SUMMARY.md`.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::diag::{Diagnostic, FileId, Span};
use crate::doc::{Inline, Matter};
use crate::project::{self, Project};

/// What a line of the table of contents is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A chapter with its file.
    Chapter,
    /// A `# Part` title.
    Part,
    /// A chapter not written yet (`[Title]()`): in mdBook's JSON, not in the book.
    Draft,
    /// A `---` line: in mdBook's JSON, not in the book.
    Separator,
}

/// One line of the table of contents: a chapter file or a part title.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// What the line is.
    pub role: Role,
    /// The title given in `SUMMARY.md` (`None` in file order: the chapter's heading is used).
    pub title: Option<Vec<Inline>>,
    /// The chapter file, relative to the book folder; `None` for a part title.
    pub path: Option<String>,
    /// Front (prefix), body (numbered) or back (suffix) matter.
    pub matter: Matter,
    /// Nesting depth, 0 at the top.
    pub depth: usize,
    /// Section number of a numbered chapter (`[2, 1]` is 2.1).
    pub number: Option<Vec<u32>>,
    /// Where the entry is written (the `SUMMARY.md` line, or the whole chapter file).
    pub span: Span,
}

/// The chapter files of the chapter folder (not its subfolders), sorted by name, except
/// `dedication.md` (the dedication).
pub fn file_order(project: &Project) -> Vec<Entry> {
    let dedication = super::dedication::path(project);
    project
        .pages
        .iter()
        .filter(|(path, _)| parent(path) == project.src_dir && **path != dedication)
        .map(|(path, &file)| Entry {
            role: Role::Chapter,
            title: None,
            path: Some(path.clone()),
            matter: Matter::Body,
            depth: 0,
            number: None,
            span: Span::new(file, 0..0),
        })
        .collect()
}

fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// Parses `SUMMARY.md` as mdBook does: an optional title, prefix chapters, numbered chapters
/// (nested lists, `# Part` titles, `---` separators), then suffix chapters. Draft chapters
/// (`[Title]()`) are skipped; a file that does not exist is an error at its line.
pub fn parse(project: &Project, file: FileId, diags: &mut Vec<Diagnostic>) -> Vec<Entry> {
    let text = &project.sources.get(file).text;
    let mut entries = Vec::new();
    let mut list_depth = 0usize;
    let mut seen_list = false;
    let mut seen_anything = false;
    let mut counters: Vec<u32> = Vec::new();
    // Chapters after a `# Part` title nest under it, until the suffix chapters.
    let mut in_part = false;
    let style = super::punctuation::Style::for_language(&project.config.metadata.language);
    let mut quoter = super::punctuation::Quoter::new(style);
    let mut title_of = |events: &mut pulldown_cmark::OffsetIter| {
        quoter.reset();
        let mut title = inline_text(events, text, &mut quoter);
        super::punctuation::space(&mut title, style.spacing);
        title
    };
    let mut events = Parser::new_ext(text, Options::ENABLE_SMART_PUNCTUATION).into_offset_iter();
    while let Some((event, range)) = events.next() {
        let span = Span::new(file, range.clone());
        match event {
            Event::Start(Tag::Heading { .. }) => {
                let title = title_of(&mut events);
                if seen_anything {
                    entries.push(Entry {
                        role: Role::Part,
                        title: Some(title),
                        path: None,
                        matter: Matter::Body,
                        depth: 0,
                        number: None,
                        span,
                    });
                    in_part = true;
                }
                seen_anything = true;
            }
            Event::Start(Tag::List(_)) => {
                list_depth += 1;
                seen_list = true;
                seen_anything = true;
            }
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                seen_anything = true;
                let title = title_of(&mut events);
                let (matter, depth, number) = if list_depth > 0 {
                    let depth = list_depth - 1;
                    counters.truncate(depth + 1);
                    if counters.len() == depth + 1 {
                        counters[depth] += 1;
                    } else {
                        counters.resize(depth + 1, 1);
                    }
                    (
                        Matter::Body,
                        depth + usize::from(in_part),
                        Some(counters.clone()),
                    )
                } else if seen_list {
                    in_part = false;
                    (Matter::Back, 0, None)
                } else {
                    (Matter::Front, 0, None)
                };
                if dest_url.trim().is_empty() {
                    // A draft chapter: numbered as mdBook does, not yet written.
                    entries.push(Entry {
                        role: Role::Draft,
                        title: Some(title),
                        path: None,
                        matter,
                        depth,
                        number,
                        span,
                    });
                    continue;
                }
                let dest = dest_url.split('#').next().unwrap_or_default();
                let path = project::relative(&project::join(&project.src_dir, dest));
                match path {
                    Some(path) if project.pages.contains_key(&path) => {
                        entries.push(Entry { role: Role::Chapter, title: Some(title), path: Some(path), matter, depth, number, span });
                    }
                    Some(path) => diags.push(
                        Diagnostic::error(span, format!("chapter file `{path}` not found"))
                            .with_hint("create the file, fix the path (it is relative to the folder of SUMMARY.md), or write `[Title]()` for a draft"),
                    ),
                    None => diags.push(
                        Diagnostic::error(span, format!("`{dest}` is outside the book folder"))
                            .with_hint("chapters must be inside the chapter folder"),
                    ),
                }
            }
            Event::Rule if seen_anything => entries.push(Entry {
                role: Role::Separator,
                title: None,
                path: None,
                matter: Matter::Body,
                depth: 0,
                number: None,
                span,
            }),
            _ => {}
        }
    }
    entries
}

/// Collects the text of a heading or link title (text and code) up to its end.
fn inline_text<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
    source: &str,
    quoter: &mut super::punctuation::Quoter,
) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let mut depth = 0usize;
    for (event, range) in events.by_ref() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            Event::Text(t) => {
                let mark = quoter.text(source, range, &t).map(String::from);
                let t = mark.as_deref().unwrap_or(&t);
                match out.last_mut() {
                    Some(Inline::Text(last)) => last.push_str(t),
                    _ => out.push(Inline::Text(t.to_string())),
                }
            }
            Event::Code(c) => out.push(Inline::Code(vec![Inline::Text(c.into_string())])),
            Event::SoftBreak | Event::HardBreak => out.push(Inline::Text(" ".into())),
            _ => {}
        }
    }
    out
}
