//! Markdown sources → `doc::Book`: reading order, chapters, unique ids, resolved links, images,
//! and, last, highlighted code (`highlight::book`).

mod dedication;
mod html;
mod images;
mod links;
mod parse;
mod summary;
mod walk;

use crate::diag::{Diagnostic, Span};
use crate::doc::{Block, Book, Chapter, Inline, Note};
use crate::error::Error;
use crate::project::Project;

pub use images::inspect as inspect_image;
pub use parse::slug;

/// Parses the whole book. Returns `Error::Book` with every diagnostic when any is an error.
pub fn parse_book(project: &Project) -> Result<Book, Error> {
    let mut diags = project.diagnostics.clone();
    let entries = match project.summary {
        Some(file) => summary::parse(project, file, &mut diags),
        None => summary::file_order(project),
    };
    if entries.is_empty() && !diags.iter().any(Diagnostic::is_error) {
        let where_ = if project.src_dir.is_empty() {
            "the book folder".to_string()
        } else {
            format!("`{}`", project.src_dir)
        };
        diags.push(
            Diagnostic::error(
                Span::new(project.config_file, 0..0),
                format!("the book has no chapters: {where_} holds no Markdown file"),
            )
            .with_hint("add a chapter such as `chapter-1.md`, or list chapters in `SUMMARY.md`"),
        );
    }
    let mut metadata = project.config.metadata.clone();
    dedication::apply(project, &entries, &mut metadata, &mut diags);
    let mut table = images::Table::new(project);
    let mut ids = links::Ids::default();
    let mut slugs = links::Ids::default();
    let mut chapters = Vec::with_capacity(entries.len());
    let mut locals = Vec::with_capacity(entries.len());
    for entry in &entries {
        let (chapter, local) =
            chapter(project, entry, &mut table, &mut ids, &mut slugs, &mut diags);
        chapters.push(chapter);
        locals.push(local);
    }
    let paths: Vec<Option<String>> = entries.iter().map(|e| e.path.clone()).collect();
    links::resolve(&mut chapters, &paths, &locals, &mut diags);
    crate::highlight::book(&mut chapters, &mut diags);
    let cover = project.config.cover.as_ref().and_then(|cover| {
        let span = Span::new(project.config_file, cover.span());
        table.resolve(cover.get_ref(), "cover", "", span, &mut diags)
    });
    if diags.iter().any(Diagnostic::is_error) {
        return Err(Error::Book(diags));
    }
    Ok(Book {
        metadata,
        chapters,
        images: table.images,
        cover,
        warnings: diags,
    })
}

fn chapter(
    project: &Project,
    entry: &summary::Entry,
    table: &mut images::Table,
    ids: &mut links::Ids,
    slugs: &mut links::Ids,
    diags: &mut Vec<Diagnostic>,
) -> (Chapter, links::LocalIds) {
    let Some(path) = &entry.path else {
        // A part title from SUMMARY.md: a page of its own with one heading.
        let title = entry.title.clone().unwrap_or_default();
        let mut blocks = vec![Block::Heading {
            level: 1,
            id: slug(&Inline::plain_text(&title)),
            content: title.clone(),
            span: entry.span,
        }];
        let local = links::assign(&mut blocks, &mut [], ids);
        let anchor = first_heading_id(&blocks);
        let chapter = Chapter {
            slug: slugs.claim_verbatim(&file_slug(&format!("part-{}", Inline::plain_text(&title)))),
            title,
            matter: entry.matter,
            is_part: true,
            depth: 0,
            number: None,
            anchor,
            blocks,
            notes: Vec::new(),
            span: entry.span,
        };
        return (chapter, local);
    };
    let file = project.pages[path];
    let dir = path.rfind('/').map_or("", |i| &path[..i]);
    let mut resolve = |dest: &str, alt: &str, span: Span, diags: &mut Vec<Diagnostic>| {
        table.resolve(dest, alt, dir, span, diags)
    };
    let text = &project.sources.get(file).text;
    let parsed = parse::parse(text, file, &mut resolve, diags);
    let mut blocks = parsed.blocks;
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".md")
        .trim_end_matches(".markdown");
    let slug = slugs.claim_verbatim(&file_slug(stem));
    let mut notes: Vec<Note> = parsed
        .notes
        .into_iter()
        .enumerate()
        .map(|(i, (blocks, span))| Note {
            id: format!("note-{slug}-{}", i + 1),
            blocks,
            span,
        })
        .collect();
    for note in &mut notes {
        note.id = ids.claim(&note.id);
    }
    let local = links::assign(&mut blocks, &mut notes, ids);
    close_heading_gaps(&mut blocks);
    let title = entry
        .title
        .clone()
        .or_else(|| parsed.front_matter_title.map(|t| vec![Inline::Text(t)]))
        .or_else(|| first_heading(&blocks))
        .unwrap_or_else(|| vec![Inline::Text(stem.to_string())]);
    let chapter = Chapter {
        slug,
        title,
        matter: entry.matter,
        is_part: false,
        depth: entry.depth,
        number: entry.number.clone(),
        anchor: first_heading_id(&blocks),
        blocks,
        notes,
        span: Span::new(file, 0..0),
    };
    (chapter, local)
}

/// Lowers headings that skip levels (an `####` right after a `#`) so that the outline has no
/// gaps: screen readers and the PDF outline navigate by level.
fn close_heading_gaps(blocks: &mut [Block]) {
    fn visit(blocks: &mut [Block], previous: &mut Option<u8>) {
        for block in blocks.iter_mut() {
            match block {
                Block::Heading { level, .. } => {
                    if let Some(p) = *previous {
                        *level = (*level).min(p + 1);
                    }
                    *previous = Some(*level);
                }
                Block::Quote { blocks, .. } => visit(blocks, previous),
                Block::List { items, .. } => items
                    .iter_mut()
                    .for_each(|item| visit(&mut item.blocks, previous)),
                _ => {}
            }
        }
    }
    visit(blocks, &mut None);
}

fn first_heading(blocks: &[Block]) -> Option<Vec<Inline>> {
    blocks.iter().find_map(|b| match b {
        Block::Heading { content, .. } => Some(content.clone()),
        _ => None,
    })
}

fn first_heading_id(blocks: &[Block]) -> Option<String> {
    blocks.iter().find_map(|b| match b {
        Block::Heading { id, .. } => Some(id.clone()),
        _ => None,
    })
}

/// A file-name-safe form of a chapter file's stem: ASCII letters, digits, `-` and `_`.
fn file_slug(stem: &str) -> String {
    let mut out: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    out.truncate(80);
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        "chapter".to_string()
    } else {
        trimmed.to_string()
    }
}
