//! Every directive form, escape and failure of the `links` preprocessor, on files in memory.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::*;
use crate::diag::{SourceMap, Style};

/// Files in memory, by path; registered in a source map as they are read.
struct Memory {
    files: BTreeMap<String, String>,
    sources: SourceMap,
}

impl Memory {
    fn new(files: &[(&str, &str)]) -> Memory {
        let mut sources = SourceMap::default();
        sources.add("ch.md", String::new());
        Memory {
            files: files
                .iter()
                .map(|(p, t)| (p.to_string(), t.to_string()))
                .collect(),
            sources,
        }
    }
}

impl Reader for Memory {
    fn read(&mut self, dir: &Path, path: &str) -> Result<Source, ReadError> {
        let full = crate::project::relative(&dir.join(path).to_string_lossy()).unwrap_or_default();
        match self.files.get(&full) {
            Some(text) => {
                let file = self.sources.add(full.clone(), text.clone());
                let full = PathBuf::from(full);
                Ok(Source {
                    file,
                    text: text.as_str().into(),
                    dir: full.parent().map(Path::to_path_buf).unwrap_or_default(),
                    key: full,
                    shown: path.to_string(),
                })
            }
            None => Err(ReadError {
                message: format!("`{path}` not found"),
                hint: "paths are relative to the chapter file".into(),
                is_error: true,
            }),
        }
    }
}

fn run(chapter: &str, files: &[(&str, &str)]) -> (Expanded, String) {
    let mut memory = Memory::new(files);
    memory.sources = {
        let mut s = SourceMap::default();
        s.add("ch.md", chapter.to_string());
        s
    };
    let expanded = expand(
        chapter,
        &SpanMap::identity(FileId(0)),
        Path::new(""),
        Path::new("ch.md"),
        &mut memory,
    );
    let shown = crate::diag::render(&memory.sources, &expanded.diagnostics, Style::Short);
    (expanded, shown)
}

const CODE: &str = "fn main() {\n    // ANCHOR: body\n    let x = 1;\n    // ANCHOR_END: body\n}\n";

#[test]
fn include_forms_take_the_lines_mdbook_takes() {
    let files = [("x.rs", "one\ntwo\nthree\nfour\nfive\n"), ("a.rs", CODE)];
    for (directive, want) in [
        ("{{#include x.rs}}", "one\ntwo\nthree\nfour\nfive"),
        ("{{#include x.rs:2}}", "two"),
        ("{{#include x.rs:2:3}}", "two\nthree"),
        ("{{#include x.rs:4:}}", "four\nfive"),
        ("{{#include x.rs::2}}", "one\ntwo"),
        ("{{ #include x.rs }}", "one\ntwo\nthree\nfour\nfive"),
        ("{{#include a.rs:body}}", "    let x = 1;"),
    ] {
        let (out, diags) = run(&format!("```\n{directive}\n```\n"), &files);
        assert_eq!(out.text, format!("```\n{want}\n```\n"), "{directive}");
        assert!(diags.is_empty(), "{directive}: {diags}");
    }
}

#[test]
fn rustdoc_include_hides_the_rest_and_playground_makes_a_block() {
    let files = [("a.rs", CODE)];
    let (out, _) = run("{{#rustdoc_include a.rs:body}}", &files);
    assert_eq!(out.text, "# fn main() {\n    let x = 1;\n# }");
    let (out, _) = run("{{#rustdoc_include a.rs:3}}", &files);
    assert_eq!(
        out.text,
        "# fn main() {\n#     // ANCHOR: body\n    let x = 1;\n#     // ANCHOR_END: body\n# }"
    );
    let (out, _) = run("{{#playground a.rs editable no_run}}\n", &files);
    assert!(
        out.text
            .starts_with("```rust,editable,no_run\nfn main() {\n"),
        "{}",
        out.text
    );
    assert!(out.text.ends_with("}\n```\n\n"), "{:?}", out.text);
}

#[test]
fn escapes_lose_their_backslash_and_titles_vanish() {
    let (out, diags) = run(
        "\\{{#include x.rs}} and {{#include y}} stays\n{{#title  My Title }}# Head\n",
        &[],
    );
    // mdBook's escape runs to the last `}}` of its line: the second directive is text too.
    assert_eq!(
        out.text,
        "{{#include x.rs}} and {{#include y}} stays\n# Head\n"
    );
    assert_eq!(out.title.as_deref(), Some("My Title"));
    assert!(diags.is_empty(), "{diags}");
}

#[test]
fn nested_includes_are_relative_to_their_file() {
    let files = [
        ("sub/outer.md", "before\n{{#include inner.md}}\nafter"),
        ("sub/inner.md", "inner\n"),
    ];
    let (out, diags) = run("{{#include sub/outer.md}}\n", &files);
    assert_eq!(out.text, "before\ninner\nafter\n");
    assert!(diags.is_empty(), "{diags}");
    // The inner text maps back to its own file.
    let at = out.text.find("inner").unwrap();
    let (file, offset) = out.map.locate(at).unwrap();
    assert_eq!((file, offset), (FileId(2), 0));
}

#[test]
fn problems_name_the_chapter_line() {
    let files = [("x.rs", "one\ntwo\n"), ("a.rs", CODE)];
    for (directive, want) in [
        (
            "{{#include missing.rs}}",
            "ch.md:2:1: error: `missing.rs` not found",
        ),
        (
            "{{#include a.rs:nope}}",
            "ch.md:2:1: error: anchor `nope` not found in `a.rs`",
        ),
        (
            "{{#include x.rs:5:2}}",
            "ch.md:2:1: warning: the line range `5:2` is inverted: nothing is included",
        ),
        (
            "{{#include x.rs:9}}",
            "ch.md:2:1: warning: `x.rs` has 2 line(s); line 9 is past its end",
        ),
        (
            "{{#include x.rs:1:40}}",
            "ch.md:2:1: warning: `x.rs` has 2 line(s); the range `1:40` runs past its end",
        ),
        (
            "{{#frobnicate x.rs}}",
            "ch.md:2:1: warning: `{{#frobnicate …}}` is no directive mdBook knows",
        ),
    ] {
        let (_, diags) = run(&format!("text\n{directive}\n"), &files);
        assert!(diags.contains(want), "{directive}:\n{diags}");
    }
}

#[test]
fn cycles_and_depth_are_errors() {
    let files = [("a.md", "{{#include b.md}}"), ("b.md", "{{#include a.md}}")];
    let (_, diags) = run("{{#include a.md}}", &files);
    assert!(
        diags.contains("error: this include makes a cycle: ch.md → a.md → b.md → a.md"),
        "{diags}"
    );
    let chain: Vec<(String, String)> = (0..12)
        .map(|k| {
            (
                format!("f{k}.md"),
                format!("{{{{#include f{}.md}}}}", k + 1),
            )
        })
        .collect();
    let files: Vec<(&str, &str)> = chain
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let (_, diags) = run("{{#include f0.md}}", &files);
    assert!(diags.contains("includes nest more than 10 deep"), "{diags}");
}

#[test]
fn directive_pattern_matches_as_mdbooks() {
    assert_eq!(next_directive("{{#include}}", 0), None);
    assert_eq!(next_directive("{{#}} {{}}", 0), None);
    assert!(matches!(
        next_directive("a {{#include  }}", 0),
        Some(Found::Directive { args: " ", .. })
    ));
    assert!(next_directive("{{#include x} y}}", 0).is_none());
    assert!(matches!(
        next_directive("{{#playground f.rs editable}}", 0),
        Some(Found::Directive {
            name: "playground",
            args: "f.rs editable",
            ..
        })
    ));
}

proptest::proptest! {
    /// Any text, with directives, escapes and multibyte characters mixed in, expands without
    /// a panic, and its map points into the files it has.
    #[test]
    fn expansion_never_panics(pieces in proptest::collection::vec(proptest::sample::select(vec![
        "{{#include x.rs}}", "{{#include x.rs:2:1}}", "{{#include a.rs:body}}", "{{#rustdoc_include a.rs:3}}",
        "{{#playground a.rs e}}", "{{#title é}}", "\\{{#", "}}", "{{", "#", " ", "\n", "é", "日本", ":", "{{#include self.md}}",
    ]), 0..40)) {
        let text: String = pieces.concat();
        let files = [("x.rs", "one\ntwo\n"), ("a.rs", CODE), ("self.md", "{{#include self.md}}")];
        let (out, _) = run(&text, &files);
        for k in 0..=out.text.len() {
            proptest::prop_assert!(out.map.locate(k).is_some() || out.text.is_empty());
        }
    }
}
