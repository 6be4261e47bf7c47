//! The project's reading order ↔ mdBook's JSON book: the book a preprocessor gets, and the
//! project made again from the book it returns (new texts, chapters left out or added).

use std::path::Path;

use super::protocol::{self, BookItem};
use crate::diag::{Diagnostic, Kind, Span, SpanMap};
use crate::doc::{Inline, Matter};
use crate::markdown::summary::{self, Entry, Role};
use crate::project::{self, ChapterText, Project};

/// The reading order as `SUMMARY.md` (or the file names) gives it, drafts and separators
/// included.
pub fn entries(project: &Project) -> Vec<Entry> {
    let mut ignored = Vec::new();
    match project.summary {
        Some(file) => summary::parse(project, file, &mut ignored),
        None => summary::file_order(project),
    }
}

/// The text of page `path` now, and its origins.
pub fn current(project: &Project, path: &str) -> (String, SpanMap) {
    match project.chapter_text(path) {
        Some((text, map)) => (text.to_string(), map.into_owned()),
        None => (String::new(), SpanMap::default()),
    }
}

/// The page path (`src/a.md`) → mdBook's path relative to the chapter folder (`a.md`).
fn relative_to_src<'p>(project: &Project, path: &'p str) -> &'p str {
    if project.src_dir.is_empty() {
        path
    } else {
        path.strip_prefix(&format!("{}/", project.src_dir))
            .unwrap_or(path)
    }
}

/// The book as mdBook would send it: chapters with their current text, drafts, part
/// titles and separators, nested by section number. After the `index` preprocessor
/// (`index_ran`), a `README.md` chapter's `path` is `index.md`.
pub fn to_json(project: &Project, entries: &[Entry], index_ran: bool) -> protocol::Book {
    let mut items: Vec<BookItem> = Vec::new();
    for entry in entries {
        let name = entry
            .title
            .as_deref()
            .map(Inline::plain_text)
            .unwrap_or_default();
        let item = match entry.role {
            Role::Part => BookItem::PartTitle(name),
            Role::Separator => BookItem::Separator,
            Role::Chapter | Role::Draft => {
                let source_path = entry
                    .path
                    .as_deref()
                    .map(|p| relative_to_src(project, p).to_string());
                let path = source_path.as_ref().map(|p| {
                    let file = Path::new(p);
                    let is_readme = file
                        .file_stem()
                        .is_some_and(|s| s.eq_ignore_ascii_case("readme"));
                    if index_ran && is_readme {
                        file.with_file_name("index.md")
                            .to_string_lossy()
                            .replace('\\', "/")
                    } else {
                        p.clone()
                    }
                });
                let content = entry
                    .path
                    .as_deref()
                    .map(|p| current(project, p).0)
                    .unwrap_or_default();
                BookItem::Chapter(protocol::Chapter {
                    name,
                    content,
                    number: if entry.matter == Matter::Body {
                        entry.number.clone()
                    } else {
                        None
                    },
                    sub_items: Vec::new(),
                    path,
                    source_path,
                    parent_names: Vec::new(),
                })
            }
        };
        let depth = match (&item, entry.matter, &entry.number) {
            (BookItem::Chapter(_), Matter::Body, Some(n)) => n.len().saturating_sub(1),
            _ => 0,
        };
        nest(&mut items, depth, item, &mut Vec::new());
    }
    protocol::Book { items }
}

/// Appends `item` `depth` levels down, under the last chapter of each level.
fn nest(items: &mut Vec<BookItem>, depth: usize, mut item: BookItem, parents: &mut Vec<String>) {
    if depth > 0
        && let Some(BookItem::Chapter(last)) = items.last_mut()
    {
        parents.push(last.name.clone());
        return nest(&mut last.sub_items, depth - 1, item, parents);
    }
    if let BookItem::Chapter(chapter) = &mut item {
        chapter.parent_names = parents.clone();
    }
    items.push(item);
}

/// One item of a book, flattened.
#[derive(Clone, Debug, PartialEq)]
struct Flat {
    role: Role,
    name: String,
    number: Option<Vec<u32>>,
    path: Option<String>,
    depth: usize,
    content: String,
}

fn flatten(items: &[BookItem], depth: usize, out: &mut Vec<Flat>) {
    for item in items {
        match item {
            BookItem::Separator => out.push(Flat {
                role: Role::Separator,
                name: String::new(),
                number: None,
                path: None,
                depth,
                content: String::new(),
            }),
            BookItem::PartTitle(name) => out.push(Flat {
                role: Role::Part,
                name: name.clone(),
                number: None,
                path: None,
                depth,
                content: String::new(),
            }),
            BookItem::Chapter(c) => {
                let path = c.source_path.clone().or_else(|| c.path.clone());
                out.push(Flat {
                    role: if path.is_some() {
                        Role::Chapter
                    } else {
                        Role::Draft
                    },
                    name: c.name.clone(),
                    number: c.number.clone(),
                    path,
                    depth,
                    content: c.content.clone(),
                });
                flatten(&c.sub_items, depth + 1, out);
            }
        }
    }
}

/// Takes a book back from a preprocessor (`who`, configured at `at`): each chapter's new
/// text (as a source of its own, so that diagnostics quote what was parsed), and, when the
/// structure changed, a new reading order; chapters left out are reported.
pub fn apply(
    project: &mut Project,
    sent: &protocol::Book,
    returned: &protocol::Book,
    who: &str,
    at: Option<Span>,
) {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    flatten(&sent.items, 0, &mut before);
    flatten(&returned.items, 0, &mut after);
    let page_of =
        |project: &Project, path: &str| project::relative(&project::join(&project.src_dir, path));
    for flat in after.iter().filter(|f| f.role == Role::Chapter) {
        let Some(page) = flat.path.as_deref().and_then(|p| page_of(project, p)) else {
            continue;
        };
        if project.pages.contains_key(&page) && current(project, &page).0 == flat.content {
            continue;
        }
        let shown = format!("{} (after {who})", project.root.join(&page).display());
        let file = project.sources.add(shown, flat.content.clone());
        let title = project.texts.get(&page).and_then(|t| t.title.clone());
        project.pages.entry(page.clone()).or_insert(file);
        project.texts.insert(
            page,
            ChapterText {
                text: flat.content.clone(),
                map: SpanMap::identity(file),
                title,
            },
        );
    }
    let shape = |f: &Flat| {
        (
            f.role,
            f.name.clone(),
            f.number.clone(),
            f.path.clone(),
            f.depth,
        )
    };
    if before.iter().map(shape).eq(after.iter().map(shape)) {
        return;
    }
    for gone in before.iter().filter(|b| b.role == Role::Chapter) {
        if !after
            .iter()
            .any(|a| a.role == Role::Chapter && a.path == gone.path)
        {
            let message = format!(
                "{who} removed the chapter `{}` ({}) from the book; it is left out",
                gone.path.as_deref().unwrap_or(""),
                gone.name
            );
            let d = match at {
                Some(span) => Diagnostic::warning(span, message),
                None => Diagnostic::warning_nowhere(message),
            };
            project.diagnostics.push(
                d.with_hint("if it should stay, fix the preprocessor or its settings")
                    .with_kind(Kind::Preprocessor),
            );
        }
    }
    let text = summary_text(&after);
    let file = project
        .sources
        .add(format!("SUMMARY.md (after {who})"), text);
    project.summary = Some(file);
}

/// A `SUMMARY.md` for a flattened book.
fn summary_text(items: &[Flat]) -> String {
    let escape = |name: &str| -> String {
        let mut out = String::new();
        for c in name.chars() {
            if c.is_ascii_punctuation() {
                out.push('\\');
            }
            out.push(c);
        }
        out
    };
    let mut out = String::from("# Summary\n\n");
    let mut numbered_seen = false;
    for item in items {
        let link = |path: &str| format!("[{}](<{path}>)", escape(&item.name));
        match item.role {
            Role::Part => {
                numbered_seen = true;
                out.push_str(&format!("\n# {}\n\n", escape(&item.name)));
            }
            Role::Separator => out.push_str("\n---\n\n"),
            Role::Chapter | Role::Draft => {
                let path = item.path.as_deref().unwrap_or("");
                if item.number.is_some() {
                    numbered_seen = true;
                    out.push_str(&format!("{}- {}\n", "  ".repeat(item.depth), link(path)));
                } else if numbered_seen {
                    out.push_str(&format!("\n{}\n", link(path)));
                } else {
                    out.push_str(&format!("{}\n\n", link(path)));
                }
            }
        }
    }
    out
}
