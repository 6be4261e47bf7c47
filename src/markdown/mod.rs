//! Markdown sources → `doc::Book`: reading order, chapters, unique ids, resolved links, images,
//! and, last, highlighted code (`highlight::book`).

mod admonition;
pub mod code;
mod dedication;
mod html;
mod images;
mod links;
mod parse;
pub mod punctuation;
mod settings;
pub(crate) mod summary;
mod walk;

use crate::diag::{Diagnostic, Span};
use crate::doc::{Block, Book, Chapter, Inline, Note};
use crate::error::Error;
use crate::project::Project;

pub use images::inspect as inspect_image;
pub use parse::slug;
pub use settings::Settings;

/// Parses the whole book. Returns `Error::Book` with every diagnostic when any is an error.
pub fn parse_book(project: &Project) -> Result<Book, Error> {
    let mut diags = project.diagnostics.clone();
    let mut entries = match project.summary {
        Some(file) => summary::parse(project, file, &mut diags),
        None => summary::file_order(project),
    };
    entries.retain(|e| matches!(e.role, summary::Role::Chapter | summary::Role::Part));
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
    let base = links::LinkBase {
        url: project.config.mdbook.folio.link_base.clone().or_else(|| {
            project
                .config
                .mdbook
                .site_url
                .clone()
                .filter(|u| u.contains("://"))
                .map(|mut u| {
                    if !u.ends_with('/') {
                        u.push('/');
                    }
                    u
                })
        }),
        src_dir: project.src_dir.clone(),
    };
    links::resolve(&mut chapters, &paths, &locals, &base, &mut diags);
    crate::highlight::book(&mut chapters, &mut diags);
    let cover = project.config.cover.as_ref().and_then(|cover| {
        let span = Span::new(project.config_file, cover.span());
        table.resolve(cover.get_ref(), "cover", "", span, &mut diags)
    });
    crate::diag::default_kind(&mut diags, crate::diag::Kind::Markdown);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(Error::Book(diags));
    }
    Ok(Book {
        metadata,
        chapters,
        images: table.images,
        cover,
        warnings: diags,
        design: project.config.design.clone(),
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
            page_title: None,
        };
        return (chapter, local);
    };
    let file = project.pages[path];
    let dir = path.rfind('/').map_or("", |i| &path[..i]);
    let mut resolve = |dest: &str, alt: &str, span: Span, diags: &mut Vec<Diagnostic>| {
        table.resolve(dest, alt, dir, span, diags)
    };
    let Some((text, map)) = project.chapter_text(path) else {
        unreachable!("every entry's path is a page of the project")
    };
    let style = punctuation::Style::for_language(&project.config.metadata.language);
    let parsed = parse::parse(
        text,
        &map,
        &project.config.markdown,
        punctuation::Quoter::new(style),
        &mut resolve,
        diags,
    );
    let mut blocks = parsed.blocks;
    let mut note_blocks: Vec<(Vec<Block>, Span)> = parsed.notes;
    for block in blocks
        .iter_mut()
        .chain(note_blocks.iter_mut().flat_map(|(b, _)| b.iter_mut()))
    {
        walk::text_sequences_mut(block, &mut |content| {
            punctuation::space(content, style.spacing);
            punctuation::join_cjk_lines(content);
        });
    }
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".md")
        .trim_end_matches(".markdown");
    let slug = slugs.claim_verbatim(&file_slug(stem));
    let mut notes: Vec<Note> = note_blocks
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
        page_title: project.texts.get(path).and_then(|t| t.title.clone()),
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
                Block::Quote { blocks, .. } | Block::Admonition { blocks, .. } => {
                    visit(blocks, previous)
                }
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

/// A file-name-safe form of a chapter file's stem: transliterated to ASCII (`第一章` →
/// `di-yi-zhang`), then ASCII letters, digits, `-` and `_`.
fn file_slug(stem: &str) -> String {
    let ascii = deunicode::deunicode_with_tofu(stem, "-");
    let mut out: String = ascii
        .trim()
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
