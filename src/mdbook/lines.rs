//! Which lines of an included file a directive takes, as mdBook 0.5 takes them: a line range,
//! the lines between `ANCHOR: name` and `ANCHOR_END: name`, or, for `rustdoc_include`, every
//! line with those outside the selection hidden behind `# `.

use std::ops::Range;

/// Which lines of a file a directive selects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Lines `start..end`, counted from 0 (`None`: unbounded), as written after the path.
    Lines {
        /// First line (0-based), or `None` for the first.
        start: Option<usize>,
        /// One past the last line, or `None` for the end of the file.
        end: Option<usize>,
        /// Whether a `0` was written where lines count from 1.
        has_zero: bool,
    },
    /// The lines between `ANCHOR: name` and `ANCHOR_END: name`.
    Anchor(String),
}

impl Selection {
    /// Parses what follows `path:` in a directive, as mdBook does: `N`, `A:B`, `A:`, `:B`,
    /// `::`, nothing, or an anchor name.
    pub fn parse(spec: Option<&str>) -> Selection {
        let mut parts = spec.unwrap_or("").splitn(3, ':');
        let first = parts.next();
        let mut has_zero = false;
        let start = match first {
            Some(s) if s.parse::<usize>().is_ok() => {
                let n = s.parse::<usize>().unwrap_or(1);
                has_zero |= n == 0;
                Some(n.saturating_sub(1))
            }
            Some("") | None => None,
            Some(anchor) => return Selection::Anchor(anchor.to_string()),
        };
        let end = parts.next().map(|s| s.parse::<usize>());
        if let Some(Ok(0)) = end {
            has_zero = true;
        }
        let (start, end) = match (start, end) {
            (Some(s), Some(Ok(e))) => (Some(s), Some(e)),
            (Some(s), Some(Err(_))) => (Some(s), None),
            (Some(s), None) => (Some(s), Some(s + 1)),
            (None, Some(Ok(e))) => (None, Some(e)),
            (None, _) => (None, None),
        };
        Selection::Lines {
            start,
            end,
            has_zero,
        }
    }
}

/// One line of the result: a prefix folio adds (`# ` for hidden lines) and the line's byte
/// range in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Text put before the line.
    pub prefix: &'static str,
    /// The line, without its newline, in the file's text.
    pub range: Range<usize>,
}

/// What a selection gave, and what was odd about it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Taken {
    /// The lines, joined with `\n` (no newline after the last).
    pub pieces: Vec<Piece>,
    /// Whether the anchor was found (always true for line ranges).
    pub found: bool,
    /// Whether an anchor opened and never closed (the rest of the file was taken).
    pub unclosed: bool,
    /// Lines in the file.
    pub line_count: usize,
}

/// The byte range of each line of `text`, as `str::lines` splits it.
fn line_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let mut end = start + line.len();
        if line.ends_with('\n') {
            end -= 1;
            if text[start..end].ends_with('\r') {
                end -= 1;
            }
        }
        out.push(start..end);
        start += line.len();
    }
    out
}

/// The name after `marker` (`ANCHOR:` or `ANCHOR_END:`) on a line: optional white space, then
/// letters, digits, `_` and `-`.
fn anchor_name<'t>(line: &'t str, marker: &str) -> Option<&'t str> {
    let mut rest = line;
    while let Some(at) = rest.find(marker) {
        let after = &rest[at + marker.len()..];
        let trimmed = after.trim_start();
        let len = trimmed
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '-'))
            .map_or(trimmed.len(), |(i, _)| i);
        if len > 0 {
            return Some(&trimmed[..len]);
        }
        rest = after;
    }
    None
}

fn is_anchor_line(line: &str) -> bool {
    anchor_name(line, "ANCHOR:").is_some() || anchor_name(line, "ANCHOR_END:").is_some()
}

/// The lines `selection` takes from `text` for `{{#include}}`.
pub fn include(text: &str, selection: &Selection) -> Taken {
    let lines = line_ranges(text);
    let mut taken = Taken {
        line_count: lines.len(),
        found: true,
        ..Taken::default()
    };
    match selection {
        Selection::Lines { start, end, .. } => {
            let start = start.unwrap_or(0);
            let end = end.unwrap_or(usize::MAX);
            taken.pieces = lines
                .into_iter()
                .skip(start)
                .take(end.saturating_sub(start))
                .map(|range| Piece { prefix: "", range })
                .collect();
        }
        Selection::Anchor(name) => {
            taken.found = false;
            let mut inside = false;
            for range in lines {
                let line = &text[range.clone()];
                if inside {
                    if let Some(end) = anchor_name(line, "ANCHOR_END:") {
                        if end == name {
                            return taken;
                        }
                    } else if anchor_name(line, "ANCHOR:").is_none() {
                        taken.pieces.push(Piece { prefix: "", range });
                    }
                } else if anchor_name(line, "ANCHOR:") == Some(name) {
                    inside = true;
                    taken.found = true;
                }
            }
            taken.unclosed = inside;
        }
    }
    taken
}

/// The lines for `{{#rustdoc_include}}`: the whole file, the lines outside the selection
/// behind `# ` (hidden in Rust code); with an anchor, anchor lines are left out.
pub fn rustdoc_include(text: &str, selection: &Selection) -> Taken {
    let lines = line_ranges(text);
    let mut taken = Taken {
        line_count: lines.len(),
        found: true,
        ..Taken::default()
    };
    match selection {
        Selection::Lines { start, end, .. } => {
            let start = start.unwrap_or(0);
            let end = end.unwrap_or(usize::MAX);
            for (k, range) in lines.into_iter().enumerate() {
                let prefix = if (start..end).contains(&k) { "" } else { "# " };
                taken.pieces.push(Piece { prefix, range });
            }
        }
        Selection::Anchor(name) => {
            taken.found = false;
            let mut inside = false;
            for range in lines {
                let line = &text[range.clone()];
                if inside {
                    match anchor_name(line, "ANCHOR_END:") {
                        Some(end) if end == name => inside = false,
                        Some(_) => {}
                        None if anchor_name(line, "ANCHOR:").is_none() => {
                            taken.pieces.push(Piece { prefix: "", range });
                        }
                        None => {}
                    }
                } else if let Some(start) = anchor_name(line, "ANCHOR:") {
                    if start == name {
                        inside = true;
                        taken.found = true;
                    }
                } else if !is_anchor_line(line) {
                    taken.pieces.push(Piece {
                        prefix: "# ",
                        range,
                    });
                }
            }
            taken.unclosed = inside;
        }
    }
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Lorem\nipsum\ndolor\nsit\namet";

    fn lines(text: &str, taken: &Taken) -> String {
        taken
            .pieces
            .iter()
            .map(|p| format!("{}{}", p.prefix, &text[p.range.clone()]))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn every_range_form_parses_as_mdbook_does() {
        let lines = |start, end| Selection::Lines {
            start,
            end,
            has_zero: false,
        };
        assert_eq!(Selection::parse(Some("2")), lines(Some(1), Some(2)));
        assert_eq!(Selection::parse(Some("2:10")), lines(Some(1), Some(10)));
        assert_eq!(Selection::parse(Some("2:")), lines(Some(1), None));
        assert_eq!(Selection::parse(Some(":10")), lines(None, Some(10)));
        assert_eq!(Selection::parse(Some("::")), lines(None, None));
        assert_eq!(Selection::parse(None), lines(None, None));
        assert_eq!(
            Selection::parse(Some("name")),
            Selection::Anchor("name".into())
        );
        assert!(matches!(
            Selection::parse(Some("0:3")),
            Selection::Lines { has_zero: true, .. }
        ));
    }

    #[test]
    fn line_ranges_clamp_and_invert_to_nothing() {
        let take = |spec| lines(TEXT, &include(TEXT, &Selection::parse(Some(spec))));
        assert_eq!(take("2:3"), "ipsum\ndolor");
        assert_eq!(take("4:"), "sit\namet");
        assert_eq!(take(":3"), "Lorem\nipsum\ndolor");
        assert_eq!(take("::"), TEXT);
        assert_eq!(take("5:4"), "");
        assert_eq!(take(":100"), TEXT);
    }

    #[test]
    fn anchors_take_their_lines_without_any_anchor_line() {
        let text = "Lorem\nANCHOR:    test2\nipsum\nANCHOR: test\ndolor\nsit\namet\nANCHOR_END: test\nlorem\nANCHOR_END:test2\nipsum";
        let take = |name: &str| include(text, &Selection::Anchor(name.into()));
        assert_eq!(
            lines(text, &take("test2")),
            "ipsum\ndolor\nsit\namet\nlorem"
        );
        assert_eq!(lines(text, &take("test")), "dolor\nsit\namet");
        assert!(!take("something").found);
        let open = include("a\n// ANCHOR: x\nb\nc", &Selection::Anchor("x".into()));
        assert!(open.unclosed && open.found);
    }

    #[test]
    fn rustdoc_include_hides_what_lies_outside() {
        let take = |spec| lines(TEXT, &rustdoc_include(TEXT, &Selection::parse(Some(spec))));
        assert_eq!(take("2:3"), "# Lorem\nipsum\ndolor\n# sit\n# amet");
        let text = "Lorem\nANCHOR: test\nipsum\nANCHOR_END: test\ndolor\nANCHOR: test\nsit\nANCHOR_END: test\namet";
        let taken = rustdoc_include(text, &Selection::Anchor("test".into()));
        assert_eq!(lines(text, &taken), "# Lorem\nipsum\n# dolor\nsit\n# amet");
    }
}
