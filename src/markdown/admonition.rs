//! `> [!TIP] A title of mine` → an admonition with that title. pulldown-cmark (as GitHub)
//! takes `[!TIP]` as an alert only alone on its line; with text after it the quote is plain,
//! and this finds the marker at the start of its first paragraph.

use crate::doc::{AdmonitionKind, Inline};

/// When `content` (a quote's first paragraph) starts with `[!KIND]`, removes the marker and
/// the rest of its line from it and returns the kind and that rest (the title).
pub fn titled(content: &mut Vec<Inline>) -> Option<(AdmonitionKind, Vec<Inline>)> {
    // The marker lies in the leading text pieces (pulldown-cmark splits `[`, `!TIP`, `]`).
    let mut head = String::new();
    let mut pieces = 0;
    for inline in content.iter() {
        let Inline::Text(text) = inline else { break };
        head.push_str(text);
        pieces += 1;
        if head.contains(']') {
            break;
        }
    }
    let inner = head.strip_prefix("[!")?;
    let close = inner.find(']')?;
    let kind = AdmonitionKind::from_marker(&inner[..close])?;
    let rest = inner[close + 1..].to_string();
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    content.drain(..pieces);
    let mut title = vec![Inline::Text(rest.trim_start().to_string())];
    // The title runs to the end of the first line.
    while !content.is_empty() {
        match content.remove(0) {
            Inline::SoftBreak | Inline::LineBreak => break,
            other => title.push(other),
        }
    }
    if let Some(Inline::Text(first)) = title.get_mut(1).filter(|_| rest.trim().is_empty()) {
        *first = first.trim_start().to_string();
    }
    title.retain(|i| !matches!(i, Inline::Text(t) if t.is_empty()));
    if let Some(Inline::Text(last)) = title.last_mut() {
        let trimmed = last.trim_end().len();
        last.truncate(trimmed);
    }
    Some((kind, title))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn a_marker_with_text_gives_a_titled_admonition() {
        let mut content = vec![
            text("["),
            text("!TIP"),
            text("]"),
            text(" Mind "),
            Inline::Emphasis(vec![text("this")]),
            Inline::SoftBreak,
            text("body"),
        ];
        let (kind, title) = titled(&mut content).unwrap();
        assert_eq!(kind, AdmonitionKind::Tip);
        assert_eq!(
            title,
            vec![text("Mind "), Inline::Emphasis(vec![text("this")])]
        );
        assert_eq!(content, vec![text("body")]);
    }

    #[test]
    fn other_brackets_are_left_alone() {
        for start in ["[!FOO] x", "[link] x", "[!NOTE]x", "plain"] {
            let mut content = vec![text(start)];
            assert!(titled(&mut content).is_none(), "{start}");
            assert_eq!(content, vec![text(start)]);
        }
    }
}
