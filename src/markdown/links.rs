//! Book-wide unique ids for headings, anchors and notes, and resolution of links between
//! chapters (`other.md#id`, mdBook's `other.html#id`) to those ids.

use std::collections::{BTreeMap, HashSet};

use super::walk;
use crate::diag::{Diagnostic, Kind};
use crate::doc::{Block, Chapter, Inline, LinkTarget};
use crate::project;

/// Ids already given out in the book.
#[derive(Default)]
pub struct Ids {
    used: HashSet<String>,
}

impl Ids {
    /// A unique id based on `wanted`: itself, or with `-1`, `-2`… appended. Ids that could not
    /// start an XML name get an `x-` prefix.
    pub fn claim(&mut self, wanted: &str) -> String {
        let mut base: String = wanted.chars().filter(|c| !c.is_whitespace()).collect();
        if base.is_empty() {
            base = "section".into();
        }
        if !base.starts_with(|c: char| c.is_alphabetic() || c == '_') {
            base = format!("x-{base}");
        }
        self.claim_verbatim(&base)
    }

    /// A unique name based on `base` (which must be non-empty): itself, or with `-1`, `-2`…
    pub fn claim_verbatim(&mut self, base: &str) -> String {
        let base = base.to_string();
        let mut id = base.clone();
        let mut n = 0;
        while self.used.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.used.insert(id.clone());
        id
    }
}

/// The ids of one chapter as written (`#foo` in links) → as given out.
pub type LocalIds = BTreeMap<String, String>;

/// Makes the heading and anchor ids of a chapter unique across the book, in document order.
pub fn assign(blocks: &mut [Block], notes: &mut [crate::doc::Note], ids: &mut Ids) -> LocalIds {
    let mut local = LocalIds::new();
    for block in blocks
        .iter_mut()
        .chain(notes.iter_mut().flat_map(|n| n.blocks.iter_mut()))
    {
        claim_headings(block, ids, &mut local);
        walk::inlines_mut(block, &mut |content| {
            for inline in content.iter_mut() {
                if let Inline::Anchor(id) = inline {
                    claim(id, ids, &mut local);
                }
            }
        });
    }
    local
}

fn claim(id: &mut String, ids: &mut Ids, local: &mut LocalIds) {
    let unique = ids.claim(id);
    local
        .entry(std::mem::take(id))
        .or_insert_with(|| unique.clone());
    *id = unique;
}

fn claim_headings(block: &mut Block, ids: &mut Ids, local: &mut LocalIds) {
    match block {
        Block::Heading { id, .. } => claim(id, ids, local),
        Block::Quote { blocks, .. } | Block::Admonition { blocks, .. } => blocks
            .iter_mut()
            .for_each(|b| claim_headings(b, ids, local)),
        Block::DefinitionList { items, .. } => {
            for item in items {
                if let crate::doc::DefinitionItem::Details(blocks) = item {
                    blocks
                        .iter_mut()
                        .for_each(|b| claim_headings(b, ids, local));
                }
            }
        }
        Block::List { items, .. } => items
            .iter_mut()
            .flat_map(|i| i.blocks.iter_mut())
            .for_each(|b| claim_headings(b, ids, local)),
        _ => {}
    }
}

/// Turns every `LinkTarget::Unresolved` into an external or internal target, or drops the
/// link (keeping its text) with a warning when it leads nowhere.
pub fn resolve(
    chapters: &mut [Chapter],
    paths: &[Option<String>],
    locals: &[LocalIds],
    base: &LinkBase,
    diags: &mut Vec<Diagnostic>,
) {
    let by_path: BTreeMap<&str, usize> = paths
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.as_deref().map(|p| (p, i)))
        .collect();
    for (index, chapter) in chapters.iter_mut().enumerate() {
        let dir = paths[index]
            .as_deref()
            .map_or("", |p| p.rfind('/').map_or("", |i| &p[..i]));
        let mut fix = |content: &mut Vec<Inline>| {
            let mut i = 0;
            while i < content.len() {
                if let Inline::Link {
                    target: target @ LinkTarget::Unresolved { .. },
                    content: text,
                } = &mut content[i]
                {
                    let LinkTarget::Unresolved { dest, span } = target.clone() else {
                        unreachable!("matched above")
                    };
                    match resolve_one(&dest, index, dir, &by_path, locals) {
                        Ok(resolved) => *target = resolved,
                        Err(Problem::Outside(_)) if base.url.is_some() => {
                            *target = LinkTarget::External(base.absolute(dir, &dest));
                        }
                        Err(problem) => {
                            let hint = match &problem {
                                Problem::Outside(_) => {
                                    "a link to a page outside the book becomes a web address with `link-base = \"https://…/\"` in [output.folio] (the URL the book is published at)"
                                }
                                Problem::Fragment(_) => {
                                    "a heading's id is its text in lower case, spaces as `-`, other punctuation dropped (`## Race/select` is `#raceselect`); or give the heading one with `{#id}`"
                                }
                                Problem::Scheme(_) => {
                                    "links to other chapters are written `file.md#heading-id`, relative to this chapter"
                                }
                            };
                            let group = match &problem {
                                Problem::Outside(_) => format!("links to `{}` lead out of the book; their text is kept without the link", pattern(&dest)),
                                Problem::Fragment(_) => "links name a heading their chapter does not have; their text is kept without the link".to_string(),
                                Problem::Scheme(_) => "links use a scheme that has no place in a book; their text is kept without the link".to_string(),
                            };
                            diags.push(
                                Diagnostic::warning(
                                    span,
                                    format!(
                                        "link to `{dest}` {}; the text is kept without the link",
                                        problem.text()
                                    ),
                                )
                                .with_hint(hint)
                                .with_kind(Kind::Link)
                                .with_group(group),
                            );
                            let text = std::mem::take(text);
                            let n = text.len();
                            content.splice(i..=i, text);
                            i += n;
                            continue;
                        }
                    }
                }
                i += 1;
            }
        };
        for block in chapter
            .blocks
            .iter_mut()
            .chain(chapter.notes.iter_mut().flat_map(|n| n.blocks.iter_mut()))
        {
            walk::inlines_mut(block, &mut fix);
        }
    }
}

/// Why a link leads nowhere in the book.
enum Problem {
    /// It names a page that is not a chapter (or lies outside the book folder).
    Outside(String),
    /// Its chapter has no such heading.
    Fragment(String),
    /// Its scheme has no place in a book.
    Scheme(String),
}

impl Problem {
    fn text(&self) -> &str {
        match self {
            Problem::Outside(t) | Problem::Fragment(t) | Problem::Scheme(t) => t,
        }
    }
}

/// The web address the book is published at (`[output.folio] link-base`, or an absolute
/// `[output.html] site-url`), for links to pages outside the book.
#[derive(Clone, Debug, Default)]
pub struct LinkBase {
    /// The URL, ending in `/`.
    pub url: Option<String>,
    /// The chapter folder (`src`), which the site's root stands for.
    pub src_dir: String,
}

impl LinkBase {
    /// The absolute URL of `dest`, written in a chapter in folder `dir` (of the book folder):
    /// as mdBook publishes it, `.md` pages become `.html` and `README.md` `index.html`.
    pub fn absolute(&self, dir: &str, dest: &str) -> String {
        let url = self.url.as_deref().unwrap_or_default();
        let (origin, base_path) = match url.find("://").map(|i| i + 3) {
            Some(after) => match url[after..].find('/') {
                Some(slash) => (&url[..after + slash], &url[after + slash..]),
                None => (url, "/"),
            },
            None => ("", url),
        };
        let (path, rest) = match dest.find(['#', '?']) {
            Some(i) => (&dest[..i], &dest[i..]),
            None => (dest, ""),
        };
        let chapter_dir = if self.src_dir.is_empty() {
            dir
        } else {
            dir.strip_prefix(self.src_dir.as_str())
                .unwrap_or(dir)
                .trim_start_matches('/')
        };
        let mut segments: Vec<&str> = base_path.split('/').filter(|s| !s.is_empty()).collect();
        segments.extend(chapter_dir.split('/').filter(|s| !s.is_empty()));
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    segments.pop();
                }
                other => segments.push(other),
            }
        }
        let mut joined = segments.join("/");
        if path.ends_with('/') {
            joined.push('/');
        }
        if let Some(stem) = joined.strip_suffix("README.md") {
            joined = format!("{stem}index.html");
        } else if let Some(stem) = joined.strip_suffix(".md") {
            joined = format!("{stem}.html");
        }
        format!("{origin}/{joined}{rest}")
    }
}

/// A family name for a link destination: `../std/…`, `*.xhtml#…`.
fn pattern(dest: &str) -> String {
    let (path, fragment) = match dest.split_once('#') {
        Some((p, _)) => (p, "#…"),
        None => (dest, ""),
    };
    let ups = path.matches("../").count();
    let rest = path.trim_start_matches("../");
    let file_pattern = |name: &str| match name.rsplit_once('.') {
        Some((_, ext)) => format!("*.{ext}"),
        None => "…".to_string(),
    };
    let shown = match rest.split_once('/') {
        Some((first, _)) => format!("{first}/…"),
        None => file_pattern(rest),
    };
    format!("{}{shown}{fragment}", "../".repeat(ups))
}

fn resolve_one(
    dest: &str,
    current: usize,
    dir: &str,
    by_path: &BTreeMap<&str, usize>,
    locals: &[LocalIds],
) -> Result<LinkTarget, Problem> {
    let dest = dest.trim();
    if let Some(colon) = dest.find(':') {
        let scheme = &dest[..colon];
        if !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        {
            return match scheme.to_ascii_lowercase().as_str() {
                "http" | "https" | "mailto" | "ftp" | "tel" | "urn" | "doi" | "news" => {
                    Ok(LinkTarget::External(dest.to_string()))
                }
                _ => Err(Problem::Scheme(format!(
                    "uses the `{scheme}:` scheme, which has no place in a book"
                ))),
            };
        }
    }
    if dest.starts_with("//") {
        return Ok(LinkTarget::External(format!("https:{dest}")));
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let chapter = if path.is_empty() {
        current
    } else {
        let decoded = percent_decode(path);
        let joined = project::relative(&project::join(dir, &decoded))
            .ok_or_else(|| Problem::Outside("leads outside the book folder".into()))?;
        let candidates = [
            joined.clone(),
            joined
                .strip_suffix(".html")
                .map(|s| format!("{s}.md"))
                .unwrap_or_default(),
            joined
                .strip_suffix("index.html")
                .map(|s| format!("{s}README.md"))
                .unwrap_or_default(),
            format!("{}/README.md", joined.trim_end_matches('/')),
        ];
        *candidates
            .iter()
            .find_map(|c| by_path.get(c.as_str()))
            .ok_or_else(|| Problem::Outside("is not a chapter of the book".into()))?
    };
    let id = match fragment.filter(|f| !f.is_empty()) {
        None => None,
        Some(fragment) => {
            let fragment = percent_decode(fragment);
            match locals[chapter].get(&fragment) {
                Some(id) => Some(id.clone()),
                None => {
                    return Err(Problem::Fragment(format!(
                        "names `#{fragment}`, which that chapter does not have"
                    )));
                }
            }
        }
    };
    Ok(LinkTarget::Internal { chapter, id })
}

/// Decodes `%20`-style escapes; malformed ones are kept as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && text.is_char_boundary(i + 3)
            && let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_start_like_names() {
        let mut ids = Ids::default();
        assert_eq!(ids.claim("intro"), "intro");
        assert_eq!(ids.claim("intro"), "intro-1");
        assert_eq!(ids.claim("2024"), "x-2024");
        assert_eq!(ids.claim(""), "section");
    }

    #[test]
    fn links_out_of_the_book_become_absolute_with_a_base() {
        let base = LinkBase {
            url: Some("https://doc.rust-lang.org/book/".into()),
            src_dir: "src".into(),
        };
        assert_eq!(
            base.absolute("src", "../std/vec/struct.Vec.html#method.push"),
            "https://doc.rust-lang.org/std/vec/struct.Vec.html#method.push"
        );
        assert_eq!(
            base.absolute("src/part", "other.md"),
            "https://doc.rust-lang.org/book/part/other.html"
        );
        assert_eq!(
            base.absolute("src", "sub/README.md"),
            "https://doc.rust-lang.org/book/sub/index.html"
        );
        assert_eq!(pattern("../std/vec/struct.Vec.html"), "../std/…");
        assert_eq!(pattern("other.xhtml#x"), "*.xhtml#…");
    }

    #[test]
    fn percent_escapes_decode() {
        assert_eq!(percent_decode("a%20b.md"), "a b.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
