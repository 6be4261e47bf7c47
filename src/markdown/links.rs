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
                                Problem::NotUrl(_) => {
                                    "write the whole address, e.g. `https://example.org/page` or `mailto:name@example.org`"
                                }
                            };
                            let group = match &problem {
                                Problem::Outside(_) => format!("links to `{}` lead out of the book; their text is kept without the link", pattern(&dest)),
                                Problem::Fragment(_) => "links name a heading their chapter does not have; their text is kept without the link".to_string(),
                                Problem::Scheme(_) => "links use a scheme that has no place in a book; their text is kept without the link".to_string(),
                                // Each is its own typo: not collapsed into a family.
                                Problem::NotUrl(_) => String::new(),
                            };
                            let mut warning = Diagnostic::warning(
                                span,
                                format!(
                                    "link to `{dest}` {}; the text is kept without the link",
                                    problem.text()
                                ),
                            )
                            .with_hint(hint)
                            .with_kind(Kind::Link);
                            if !group.is_empty() {
                                warning = warning.with_group(group);
                            }
                            diags.push(warning);
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
            // A figure's link, resolved as a link around nothing: when it leads nowhere it is
            // dropped with the same warning.
            block.visit_blocks_mut(&mut |block| {
                if let Block::Figure { link, .. } = block
                    && let Some(target) = link.take()
                {
                    let mut alone = vec![Inline::Link {
                        target,
                        content: Vec::new(),
                    }];
                    fix(&mut alone);
                    if let Some(Inline::Link { target, .. }) = alone.pop() {
                        *link = Some(target);
                    }
                }
            });
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
    /// It is written as a web address but is not one (`http:example.org`).
    NotUrl(String),
}

impl Problem {
    fn text(&self) -> &str {
        match self {
            Problem::Outside(t)
            | Problem::Fragment(t)
            | Problem::Scheme(t)
            | Problem::NotUrl(t) => t,
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
                    external(dest, colon)
                        .map(LinkTarget::External)
                        .map_err(Problem::NotUrl)
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

/// An external link as a valid URL (characters a URL may not hold, such as `|` or `{`,
/// percent-encoded), or why it is none: `http:example.org` (no `//`), an empty host, a
/// bad port, white space, nothing after `mailto:`.
fn external(dest: &str, colon: usize) -> Result<String, String> {
    let scheme = dest[..colon].to_ascii_lowercase();
    let rest = &dest[colon + 1..];
    if rest.chars().any(char::is_whitespace) {
        return Err("is not a URL: it holds white space".into());
    }
    if rest.is_empty() {
        return Err(format!("is not a URL: nothing follows `{scheme}:`"));
    }
    if matches!(scheme.as_str(), "http" | "https" | "ftp") {
        let Some(after) = rest.strip_prefix("//") else {
            return Err(format!(
                "is not a URL: `{scheme}:` must be followed by `//` and a host"
            ));
        };
        let authority = after.split(['/', '?', '#']).next().unwrap_or_default();
        let host_port = authority.rsplit('@').next().unwrap_or_default();
        let (host, port) = match host_port.strip_prefix('[') {
            Some(v6) => match v6.split_once(']') {
                Some((address, port)) => (address, port.strip_prefix(':')),
                None => ("", None),
            },
            None => match host_port.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (host_port, None),
            },
        };
        let is_host_char =
            |c: char| c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | ':' | '%');
        if host.is_empty() {
            return Err("is not a URL: it names no host".into());
        }
        if host.starts_with('.') || !host.chars().all(is_host_char) {
            return Err(format!("is not a URL: `{authority}` is not a host name"));
        }
        if port.is_some_and(|p| !p.chars().all(|c| c.is_ascii_digit()) || p.len() > 5) {
            return Err(format!(
                "is not a URL: the port of `{authority}` is not a number"
            ));
        }
    }
    if scheme == "mailto" && !rest.contains('@') {
        return Err("is not an e-mail address: it has no `@`".into());
    }
    Ok(encode_url(dest))
}

/// Percent-encodes what a URL may not hold as written (`"<>\\^`{|}`, `%` not starting an
/// escape, controls) and a second `#`.
fn encode_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    let bytes = url.as_bytes();
    let mut seen_hash = false;
    for (i, c) in url.char_indices() {
        let is_escape = c == '%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        let bad = match c {
            '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' => true,
            '%' => !is_escape,
            '#' => std::mem::replace(&mut seen_hash, true),
            c => c.is_control(),
        };
        if bad {
            for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
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
    fn links_that_are_not_urls_are_refused_and_odd_characters_encoded() {
        let check = |dest: &str| external(dest, dest.find(':').unwrap());
        assert!(check("http:example.org/x").is_err());
        assert!(check("https:///x").is_err());
        assert!(check("http://exa mple.org").is_err());
        assert!(check("http://example.org:80a/").is_err());
        assert!(check("mailto:").is_err());
        assert!(check("mailto:nobody").is_err());
        assert_eq!(
            check("https://example.org/a|b{c}?q=100%#x#y").as_deref(),
            Ok("https://example.org/a%7Cb%7Bc%7D?q=100%25#x%23y")
        );
        assert_eq!(
            check("https://[::1]:8080/%20").as_deref(),
            Ok("https://[::1]:8080/%20")
        );
        assert_eq!(
            check("http://user@bücher.de/").as_deref(),
            Ok("http://user@bücher.de/")
        );
        assert_eq!(check("mailto:a@b.org").as_deref(), Ok("mailto:a@b.org"));
        assert_eq!(check("doi:10.1000/182").as_deref(), Ok("doi:10.1000/182"));
    }

    #[test]
    fn percent_escapes_decode() {
        assert_eq!(percent_decode("a%20b.md"), "a b.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}

#[cfg(test)]
mod figure_tests {
    use crate::doc::{Block, LinkTarget};
    use crate::{markdown, project};

    const SVG: &[u8] = br#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"/>"#;

    fn figures(markdown: &str) -> (Vec<Block>, Vec<String>) {
        let toml = "[book]\ntitle = \"T\"\nauthors = [\"A\"]\nlanguage = \"en\"\n";
        let project = project::from_memory(toml, &[("a.md", markdown)], &[("i.svg", SVG)]);
        let book = markdown::parse_book(&project).expect("the book parses");
        let warnings = book.warnings.iter().map(|w| w.message.clone()).collect();
        let blocks = (book.chapters.into_iter())
            .flat_map(|c| c.blocks)
            .filter(|b| matches!(b, Block::Figure { .. }))
            .collect();
        (blocks, warnings)
    }

    #[test]
    fn an_image_alone_inside_a_link_is_a_figure_that_links() {
        let (found, _) =
            figures("# A\n\n[![A plan](i.svg \"The plan\")](https://example.org/plan)\n");
        let [
            Block::Figure {
                alt, caption, link, ..
            },
        ] = found.as_slice()
        else {
            panic!("one figure: {found:?}");
        };
        assert_eq!(alt, "A plan");
        assert!(!caption.is_empty());
        assert_eq!(
            link,
            &Some(LinkTarget::External("https://example.org/plan".into()))
        );
    }

    #[test]
    fn a_linked_figure_whose_link_leads_nowhere_keeps_the_image_and_warns() {
        let (found, warnings) = figures("# A\n\n[![A plan](i.svg)](missing.md)\n");
        assert!(
            matches!(found.as_slice(), [Block::Figure { link: None, .. }]),
            "{found:?}"
        );
        assert!(
            warnings.iter().any(|w| w.contains("missing.md")),
            "{warnings:?}"
        );
    }

    #[test]
    fn an_image_in_a_link_beside_text_stays_in_the_paragraph() {
        let (found, _) = figures("# A\n\nSee [![A plan](i.svg)](https://example.org) here.\n");
        assert!(found.is_empty(), "{found:?}");
    }
}
