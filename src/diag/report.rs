//! Diagnostics as the user reads them: sorted by file and line, identical ones (and many of
//! one family) collapsed with a count, a closing summary by kind, and one JSON object each.

use std::collections::BTreeMap;

use super::{Diagnostic, Kind, Severity, SourceMap, Span};

/// Places listed after a collapsed diagnostic before "and N more".
const PLACES_SHOWN: usize = 4;

/// Sorts diagnostics by file and position (those with no place first), merges identical
/// ones (same severity, message and hints) into the first, and a family of two or more
/// (same [`Diagnostic::group`]) into one that counts them.
pub fn arrange(sources: &SourceMap, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut diagnostics = diagnostics;
    diagnostics.sort_by_key(|d| order(sources, d));
    let mut merged: Vec<Diagnostic> = Vec::new();
    let mut identical: BTreeMap<(Severity, String, Vec<String>), usize> = BTreeMap::new();
    for d in diagnostics {
        let key = (d.severity, d.message.clone(), d.hints.clone());
        match identical.get(&key) {
            Some(&k) => {
                merged[k].also.extend(d.span);
                merged[k].also.extend(d.also);
            }
            None => {
                identical.insert(key, merged.len());
                merged.push(d);
            }
        }
    }
    let mut families: BTreeMap<(Severity, String), Vec<usize>> = BTreeMap::new();
    for (k, d) in merged.iter().enumerate() {
        if let Some(group) = &d.group {
            families
                .entry((d.severity, group.clone()))
                .or_default()
                .push(k);
        }
    }
    let mut gone = vec![false; merged.len()];
    for ((_, group), members) in families {
        let total: usize = members.iter().map(|&k| merged[k].count()).sum();
        if members.len() < 2 {
            continue;
        }
        let first = members[0];
        let mut also = Vec::new();
        for &k in &members[1..] {
            also.extend(merged[k].span);
            also.extend(merged[k].also.iter().copied());
            gone[k] = true;
        }
        let head = &mut merged[first];
        let example = std::mem::take(&mut head.message);
        head.message = format!("{total} {group}");
        head.hints.insert(0, format!("the first: {example}"));
        head.also.extend(also);
    }
    let mut out: Vec<Diagnostic> = merged
        .into_iter()
        .zip(gone)
        .filter_map(|(d, gone)| (!gone).then_some(d))
        .collect();
    for d in &mut out {
        d.also.sort_by_key(|s| span_order(sources, s));
    }
    out
}

fn order(sources: &SourceMap, d: &Diagnostic) -> (u8, String, u32) {
    match d.span {
        None => (0, String::new(), 0),
        Some(span) => {
            let (path, at) = span_order(sources, &span);
            (1, path, at)
        }
    }
}

fn span_order(sources: &SourceMap, span: &Span) -> (String, u32) {
    let path = sources
        .files
        .get(span.file.0 as usize)
        .map(|f| f.path.display().to_string())
        .unwrap_or_default();
    (path, span.start)
}

/// `file:line:col` of a span.
pub fn place(sources: &SourceMap, span: Span) -> String {
    let Some(file) = sources.files.get(span.file.0 as usize) else {
        return String::from("?");
    };
    let (line, col) = sources.line_col(span.file, span.start);
    format!("{}:{line}:{col}", file.path.display())
}

/// The note listing the other places of a collapsed diagnostic.
pub fn also_note(sources: &SourceMap, d: &Diagnostic) -> Option<String> {
    if d.also.is_empty() {
        return None;
    }
    let shown: Vec<String> = d
        .also
        .iter()
        .take(PLACES_SHOWN)
        .map(|s| place(sources, *s))
        .collect();
    let more = d.also.len().saturating_sub(PLACES_SHOWN);
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    Some(format!(
        "{} times in all; also at {}{tail}",
        d.count(),
        shown.join(", ")
    ))
}

/// The closing line: errors and warnings, and how many of each kind
/// (`2 error(s), 41 warning(s): 38 link, 3 typesetting`).
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let count = |severity| -> (usize, BTreeMap<Kind, usize>) {
        let mut kinds = BTreeMap::new();
        let mut total = 0;
        for d in diagnostics.iter().filter(|d| d.severity == severity) {
            total += d.count();
            *kinds.entry(d.kind).or_insert(0) += d.count();
        }
        (total, kinds)
    };
    let describe = |kinds: BTreeMap<Kind, usize>| -> String {
        let mut kinds: Vec<(Kind, usize)> = kinds.into_iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        kinds
            .iter()
            .map(|(k, n)| format!("{n} {}", k.noun()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (errors, error_kinds) = count(Severity::Error);
    let (warnings, warning_kinds) = count(Severity::Warning);
    let mut line = format!("{errors} error(s)");
    if errors > 0 {
        line.push_str(&format!(" ({})", describe(error_kinds)));
    }
    line.push_str(&format!(", {warnings} warning(s)"));
    if warnings > 0 {
        line.push_str(&format!(" ({})", describe(warning_kinds)));
    }
    line
}

/// One diagnostic as a JSON object on one line (`--message-format json`).
pub fn json(sources: &SourceMap, d: &Diagnostic) -> String {
    let place = |span: Span| {
        let file = sources.files.get(span.file.0 as usize);
        let (line, column) = sources.line_col(span.file, span.start);
        let (end_line, end_column) = sources.line_col(span.file, span.end);
        serde_json::json!({
            "file": file.map(|f| f.path.display().to_string()),
            "line": line,
            "column": column,
            "end_line": end_line,
            "end_column": end_column,
        })
    };
    let value = serde_json::json!({
        "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
        "kind": d.kind.noun(),
        "message": d.message,
        "hints": d.hints,
        "span": d.span.map(place),
        "count": d.count(),
        "also": d.also.iter().map(|s| place(*s)).collect::<Vec<_>>(),
    });
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::FileId;

    fn sources() -> SourceMap {
        let mut sources = SourceMap::default();
        sources.add("b.md", "one\ntwo\nthree\n".into());
        sources.add("a.md", "one\ntwo\nthree\n".into());
        sources
    }

    #[test]
    fn sorted_by_file_then_line_and_identical_ones_collapse() {
        let sources = sources();
        let w = |file, at, msg: &str| Diagnostic::warning(Span::new(FileId(file), at..at + 1), msg);
        let arranged = arrange(
            &sources,
            vec![
                w(0, 8, "same"),
                w(1, 4, "other"),
                w(0, 0, "same"),
                w(1, 0, "same"),
            ],
        );
        let messages: Vec<(&str, usize)> = arranged
            .iter()
            .map(|d| (d.message.as_str(), d.count()))
            .collect();
        assert_eq!(messages, [("same", 3), ("other", 1)]);
        // The first is a.md line 1; the others are listed by file and line.
        assert_eq!(place(&sources, arranged[0].span.unwrap()), "a.md:1:1");
        let note = also_note(&sources, &arranged[0]).unwrap();
        assert_eq!(note, "3 times in all; also at b.md:1:1, b.md:3:1");
    }

    #[test]
    fn families_collapse_with_a_count_and_the_summary_counts_kinds() {
        let sources = sources();
        let link = |at, dest: &str| {
            Diagnostic::warning(
                Span::new(FileId(1), at..at + 1),
                format!("link to `{dest}`"),
            )
            .with_kind(Kind::Link)
            .with_group("links to `../std/…` outside the book")
        };
        let arranged = arrange(
            &sources,
            vec![
                link(0, "../std/a.html"),
                link(4, "../std/b.html"),
                link(8, "../std/a.html"),
            ],
        );
        assert_eq!(arranged.len(), 1);
        assert_eq!(
            arranged[0].message,
            "3 links to `../std/…` outside the book"
        );
        assert_eq!(arranged[0].hints[0], "the first: link to `../std/a.html`");
        assert_eq!(summary(&arranged), "0 error(s), 3 warning(s) (3 link)");
        let json = json(&sources, &arranged[0]);
        assert!(
            json.contains("\"count\":3") && json.contains("\"line\":1"),
            "{json}"
        );
    }
}
