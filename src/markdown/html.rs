//! Raw HTML in Markdown → model inlines and blocks, through a real HTML5 tokenizer (html5gum).
//!
//! Known phrasing elements become their model equivalents (`<em>` → emphasis, `<kbd>` →
//! keyboard, `<a id>` → anchor, `<br>` → line break…). Block elements separate paragraphs,
//! `<pre>` becomes a code block. Scripts, forms and embedded objects are dropped with a
//! warning; a tag that is no HTML element at all (`Vec<T>` in prose) is kept as text.

use html5gum::{StartTag, Token, Tokenizer};

use crate::diag::{Diagnostic, Span};
use crate::doc::{Block, Inline, LinkTarget};

/// What an HTML element turns into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Emphasis,
    Strong,
    Strikethrough,
    Superscript,
    Subscript,
    Code,
    Keyboard,
    Link,
    /// Shows its children as they are (`<span>`, `<u>`, `<abbr>`…).
    Transparent,
    /// Ends the current paragraph (`<p>`, `<div>`, `<li>`…); transparent inside a paragraph.
    Block,
    Preformatted,
    LineBreak,
    Image,
    Rule,
    /// Not content: `<html>`, `<head>`, `<meta>`… (dropped silently, children kept).
    Structure,
    /// Dropped with everything inside, and a warning (`<script>`, `<iframe>`, `<svg>`…).
    Dropped,
    /// Dropped with everything inside, silently (`<title>`, `<style>` in `<head>`).
    Hidden,
}

fn role(name: &str) -> Option<Role> {
    Some(match name {
        "em" | "i" | "cite" | "var" | "dfn" => Role::Emphasis,
        "strong" | "b" => Role::Strong,
        "s" | "del" | "strike" => Role::Strikethrough,
        "sup" => Role::Superscript,
        "sub" => Role::Subscript,
        "code" | "tt" | "samp" => Role::Code,
        "kbd" => Role::Keyboard,
        "a" => Role::Link,
        "span" | "u" | "mark" | "small" | "abbr" | "ins" | "q" | "bdi" | "bdo" | "time"
        | "label" | "font" | "big" | "data" | "ruby" | "rb" | "rt" | "rp" => Role::Transparent,
        "p" | "div" | "section" | "article" | "figure" | "figcaption" | "blockquote" | "header"
        | "footer" | "aside" | "nav" | "main" | "details" | "summary" | "ul" | "ol" | "li"
        | "dl" | "dt" | "dd" | "table" | "caption" | "tr" | "td" | "th" | "thead" | "tbody"
        | "tfoot" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "center" | "address" | "hgroup"
        | "picture" | "colgroup" | "col" => Role::Block,
        "pre" | "listing" | "xmp" => Role::Preformatted,
        "br" => Role::LineBreak,
        "img" => Role::Image,
        "hr" => Role::Rule,
        "html" | "head" | "body" | "meta" | "link" | "base" | "wbr" | "source" | "track" => {
            Role::Structure
        }
        "title" | "style" => Role::Hidden,
        "script" | "noscript" | "template" | "iframe" | "object" | "embed" | "form" | "input"
        | "button" | "select" | "option" | "textarea" | "video" | "audio" | "canvas" | "svg"
        | "math" | "frameset" | "frame" | "applet" | "dialog" | "map" | "area" | "slot"
        | "portal" | "fieldset" | "legend" | "output" | "progress" | "meter" | "datalist" => {
            Role::Dropped
        }
        _ => return None,
    })
}

/// HTML elements that never have content or an end tag.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// An image found in raw HTML; the caller resolves its path.
pub type ImageResolver<'a> =
    dyn FnMut(&str, &str, Span, &mut Vec<Diagnostic>) -> Option<usize> + 'a;

/// Builds inlines from a mix of Markdown inlines and raw HTML tags.
pub struct Builder {
    /// Open elements: their role, tag name, the inlines collected inside, and a link's `href`.
    stack: Vec<(Role, String, Vec<Inline>, Option<String>)>,
    /// Paragraph-level output (only in block mode).
    blocks: Vec<Block>,
    current: Vec<Inline>,
    /// Inside a dropped or hidden element: its name and nesting depth.
    skipping: Option<(String, usize)>,
    in_block_mode: bool,
    pre_depth: usize,
    /// Open elements that nest in the model (all but transparent ones).
    nesting: usize,
    span: Span,
}

/// Formatting elements nest at most this deep; deeper ones keep their content and lose
/// their formatting (every pass over the model recurses over inline nesting).
pub const MAX_INLINE_NESTING: usize = 32;

impl Builder {
    /// A builder for the inline content of one paragraph or heading.
    pub fn inline(span: Span) -> Builder {
        Builder {
            stack: Vec::new(),
            blocks: Vec::new(),
            current: Vec::new(),
            skipping: None,
            in_block_mode: false,
            pre_depth: 0,
            nesting: 0,
            span,
        }
    }

    /// A builder for a whole HTML block, where block elements separate paragraphs.
    pub fn block(span: Span) -> Builder {
        Builder {
            in_block_mode: true,
            ..Builder::inline(span)
        }
    }

    /// Appends a model inline at the current position.
    pub fn push(&mut self, inline: Inline) {
        if self.skipping.is_some() {
            return;
        }
        if let Inline::Text(text) = &inline {
            let target = match self.stack.last_mut() {
                Some((_, _, children, _)) => children,
                None => &mut self.current,
            };
            if let Some(Inline::Text(last)) = target.last_mut() {
                last.push_str(text);
                return;
            }
        }
        match self.stack.last_mut() {
            Some((_, _, children, _)) => children.push(inline),
            None => self.current.push(inline),
        }
    }

    fn push_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let text = if self.pre_depth > 0 {
            text.to_string()
        } else {
            collapse_whitespace(text)
        };
        if self.in_block_mode
            && self.stack.is_empty()
            && self.current.is_empty()
            && text.trim().is_empty()
        {
            return;
        }
        let target = match self.stack.last_mut() {
            Some((_, _, children, _)) => children,
            None => &mut self.current,
        };
        if let Some(Inline::Text(last)) = target.last_mut() {
            last.push_str(&text);
        } else {
            target.push(Inline::Text(text));
        }
    }

    /// Feeds one fragment of raw HTML (a tag, or a whole HTML block) found at `span`.
    pub fn feed(
        &mut self,
        html: &str,
        span: Span,
        images: &mut ImageResolver<'_>,
        diags: &mut Vec<Diagnostic>,
    ) {
        self.span = span;
        for token in Tokenizer::new(html).flatten() {
            match token {
                Token::StartTag(tag) => self.start_tag(&tag, html, span, images, diags),
                Token::EndTag(tag) => {
                    self.end_tag(&String::from_utf8_lossy(&tag.name).to_ascii_lowercase());
                }
                Token::String(text) => {
                    if self.skipping.is_none() {
                        self.push_text(&String::from_utf8_lossy(&text.value));
                    }
                }
                Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
            }
        }
    }

    /// A start tag of fragment `html`: what its element's role makes of it.
    fn start_tag(
        &mut self,
        tag: &StartTag<()>,
        html: &str,
        span: Span,
        images: &mut ImageResolver<'_>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
        let attr = |key: &str| attribute(tag, key);
        if let Some((skipped, depth)) = &mut self.skipping {
            if *skipped == name && !is_void(&name) && !tag.self_closing {
                *depth += 1;
            }
            return;
        }
        let is_empty = is_void(&name) || tag.self_closing;
        match role(&name) {
            None => self.not_an_element(&name, html, span, diags),
            Some(Role::Dropped) | Some(Role::Hidden) if !is_empty => {
                if role(&name) == Some(Role::Dropped) {
                    diags.push(
                        Diagnostic::warning(span, format!("raw HTML `<{name}>` cannot go into a book; it is left out with its content"))
                            .with_hint("replace it with Markdown, or an image of what it shows"),
                    );
                }
                self.skipping = Some((name, 1));
            }
            Some(Role::Dropped) => diags.push(
                Diagnostic::warning(
                    span,
                    format!("raw HTML `<{name}>` cannot go into a book; it is left out"),
                )
                .with_hint("replace it with Markdown"),
            ),
            Some(Role::Hidden) | Some(Role::Structure) => {}
            Some(Role::LineBreak) => self.push(Inline::LineBreak),
            Some(Role::Rule) => {
                if self.in_block_mode {
                    self.flush();
                    self.blocks.push(Block::SceneBreak { span });
                }
            }
            Some(Role::Image) => self.image(&attr, span, images, diags),
            Some(Role::Block) if self.in_block_mode && self.pre_depth == 0 => {
                self.flush();
                if let Some(id) = attr("id") {
                    self.push(Inline::Anchor(id));
                }
            }
            Some(Role::Preformatted) if self.in_block_mode => {
                self.flush();
                self.pre_depth += 1;
                self.nesting += 1;
                self.stack
                    .push((Role::Preformatted, name, Vec::new(), None));
            }
            Some(role) => self.open(role, name, is_empty, &attr),
        }
    }

    /// A tag that names no HTML element (`<T>` in prose): kept as text, with a warning.
    fn not_an_element(&mut self, name: &str, html: &str, span: Span, diags: &mut Vec<Diagnostic>) {
        diags.push(
            Diagnostic::warning(
                span,
                format!("`<{name}>` is not an HTML element; it is kept as text"),
            )
            .with_hint("write `&lt;` for a literal `<`, or put code in backticks"),
        );
        self.push_text(
            &if html.trim_start().starts_with('<') && html.matches('<').count() == 1 {
                html.trim().to_string()
            } else {
                format!("<{name}>")
            },
        );
    }

    /// An `<img>`: the image its `src` names, or its `alt` text when that is not found.
    fn image(
        &mut self,
        attr: &dyn Fn(&str) -> Option<String>,
        span: Span,
        images: &mut ImageResolver<'_>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let alt = attr("alt").unwrap_or_default();
        match attr("src") {
            Some(src) => {
                if let Some(image) = images(&src, &alt, span, diags) {
                    self.push(Inline::Image {
                        image,
                        alt,
                        title: attr("title").unwrap_or_default(),
                    });
                } else if !alt.is_empty() {
                    self.push_text(&alt);
                }
            }
            None => diags.push(Diagnostic::warning(
                span,
                "`<img>` without `src` is left out",
            )),
        }
    }

    /// Opens element `name` in `role` (an anchor first when it has an `id`); a link without
    /// `href`, a block inside a paragraph, or anything nested too deep is transparent.
    fn open(
        &mut self,
        role: Role,
        name: String,
        is_empty: bool,
        attr: &dyn Fn(&str) -> Option<String>,
    ) {
        if let Some(id) = attr("id").or_else(|| attr("name")) {
            self.push(Inline::Anchor(id));
        }
        if is_empty {
            return;
        }
        let role = match role {
            _ if self.nesting >= MAX_INLINE_NESTING => Role::Transparent,
            Role::Link => match attr("href") {
                Some(href) => {
                    self.nesting += 1;
                    self.stack.push((Role::Link, name, Vec::new(), Some(href)));
                    return;
                }
                None => Role::Transparent,
            },
            Role::Block | Role::Preformatted => Role::Transparent,
            other => other,
        };
        if role != Role::Transparent {
            self.nesting += 1;
        }
        self.stack.push((role, name, Vec::new(), None));
    }

    /// An end tag: closes its element (a block element ends the paragraph; a tag that is no
    /// element is kept as text).
    fn end_tag(&mut self, name: &str) {
        if let Some((skipped, depth)) = &mut self.skipping {
            if *skipped == name {
                *depth -= 1;
                if *depth == 0 {
                    self.skipping = None;
                }
            }
            return;
        }
        match role(name) {
            None => self.push_text(&format!("</{name}>")),
            Some(Role::Block) if self.in_block_mode && self.pre_depth == 0 => self.flush(),
            _ => self.close(name),
        }
    }

    /// Closes the innermost open element called `name`, and any left open inside it.
    fn close(&mut self, name: &str) {
        let Some(position) = self.stack.iter().rposition(|(_, n, _, _)| n == name) else {
            return; // a stray end tag closes nothing
        };
        while self.stack.len() > position {
            self.pop();
        }
    }

    fn pop(&mut self) {
        let Some((role, _, children, href)) = self.stack.pop() else {
            return;
        };
        if role != Role::Transparent {
            self.nesting = self.nesting.saturating_sub(1);
        }
        let inline = match role {
            Role::Emphasis => Inline::Emphasis(children),
            Role::Strong => Inline::Strong(children),
            Role::Strikethrough => Inline::Strikethrough(children),
            Role::Superscript => Inline::Superscript(children),
            Role::Subscript => Inline::Subscript(children),
            Role::Code => Inline::Code(children),
            Role::Keyboard => Inline::Keyboard(children),
            Role::Link => {
                let dest = href.unwrap_or_default();
                Inline::Link {
                    target: LinkTarget::Unresolved {
                        dest,
                        span: self.span,
                    },
                    content: children,
                }
            }
            Role::Preformatted => {
                self.pre_depth = self.pre_depth.saturating_sub(1);
                let mut content = children;
                // `<pre><code>…</code></pre>` is one code block, not code inside code.
                if let [Inline::Code(inner)] = content.as_mut_slice() {
                    content = std::mem::take(inner);
                }
                trim_newlines(&mut content);
                self.blocks.push(Block::Code {
                    language: None,
                    content,
                    tokens: Vec::new(),
                    span: self.span,
                });
                return;
            }
            _ => {
                for child in children {
                    self.push(child);
                }
                return;
            }
        };
        self.push(inline);
    }

    /// Ends the current paragraph (block mode).
    fn flush(&mut self) {
        while !self.stack.is_empty() {
            self.pop();
        }
        let content = std::mem::take(&mut self.current);
        if Inline::is_visible(&content) {
            self.blocks.push(Block::Paragraph {
                content,
                span: self.span,
            });
        } else {
            // Anchors alone still mark a place: keep them for the next paragraph.
            self.current = content
                .into_iter()
                .filter(|i| matches!(i, Inline::Anchor(_)))
                .collect();
        }
    }

    /// The inlines collected, with open elements closed.
    pub fn finish_inline(mut self) -> Vec<Inline> {
        while !self.stack.is_empty() {
            self.pop();
        }
        let mut out = self.current;
        for block in self.blocks {
            if let Block::Paragraph { content, .. } | Block::Code { content, .. } = block {
                out.extend(content);
            }
        }
        out
    }

    /// The blocks collected (block mode), with open elements closed.
    pub fn finish_blocks(mut self) -> Vec<Block> {
        self.flush();
        if !self.current.is_empty() {
            // Only anchors were left: they still need a place in the text.
            let content = std::mem::take(&mut self.current);
            self.blocks.push(Block::Paragraph {
                content,
                span: self.span,
            });
        }
        self.blocks
    }
}

/// The value of attribute `key` of `tag`, if it has one.
fn attribute(tag: &StartTag<()>, key: &str) -> Option<String> {
    tag.attributes
        .get(key.as_bytes())
        .map(|v| String::from_utf8_lossy(&v.value).into_owned())
}

fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut was_space = false;
    for c in text.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            if !was_space {
                out.push(' ');
            }
            was_space = true;
        } else {
            out.push(c);
            was_space = false;
        }
    }
    out
}

/// Drops the newline that follows `<pre>` and the one before `</pre>`, as HTML does.
fn trim_newlines(content: &mut [Inline]) {
    if let Some(Inline::Text(first)) = content.first_mut()
        && let Some(rest) = first.strip_prefix('\n')
    {
        *first = rest.to_string();
    }
    if let Some(Inline::Text(last)) = content.last_mut() {
        while last.ends_with('\n') {
            last.pop();
        }
    }
}
