//! mdBook books as they are, through the real binaries: every directive form, escape,
//! hidden-line rule, admonition and definition list of `tests/fixtures/mdbook-directives`;
//! includes of three async-book chapters against their upstream example files; the
//! preprocessor protocol with `tests/support/preprocessor.rs`; `mdbook-folio` as a backend.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{
    Epub, build, code_blocks, folio, problems, repo, stderr, temp_dir, test_preprocessor, text_of,
    write_files,
};

const EPOCH: (&str, &str) = ("SOURCE_DATE_EPOCH", "1700000000");

/// Builds `book` as EPUB into a fresh folder; returns the run and the EPUB.
fn epub_of(name: &str, book: &Path, args: &[&str]) -> (std::process::Output, Option<Epub>) {
    let out = temp_dir(name).join("out");
    let output = build(
        book,
        &out,
        "epub",
        &[&["--diagnostics", "short"], args].concat(),
        &[EPOCH],
    );
    let epub = std::fs::read_dir(&out).ok().and_then(|entries| {
        entries
            .flatten()
            .find(|e| e.path().extension().is_some_and(|x| x == "epub"))
            .map(|e| Epub::read(&std::fs::read(e.path()).expect("read the EPUB")))
    });
    (output, epub)
}

#[test]
fn every_directive_form_expands_as_mdbook_does() {
    let (output, epub) = epub_of(
        "directives",
        &repo().join("tests/fixtures/mdbook-directives"),
        &[],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let epub = epub.expect("an EPUB");
    assert_eq!(problems(&epub), Vec::<String>::new());
    let xhtml = epub.text("OEBPS/includes.xhtml");
    let code = code_blocks(&xhtml);
    let point = "struct Point {\n    x: i32,\n    y: i32,\n}";
    let body = "    let p = Point { x: 1, y: 2 };\n    println!(\"{} {}\", p.x, p.y);";
    let all = format!("use std::fmt;\n\n{point}\n\nfn main() {{\n{body}\n}}");
    assert_eq!(
        code,
        [
            "line one\nline two\nline three\nline four\nline five",
            "line two",
            "line two\nline three",
            "line four\nline five",
            "line one\nline two",
            point,
            &all,
            // rustdoc_include: everything outside the anchor is hidden (and anchor lines go).
            body,
            // rustdoc_include of line 13: only that line shows.
            "    let p = Point { x: 1, y: 2 };",
            // playground: the whole file, anchors and all, in a rust block.
            std::fs::read_to_string(
                repo().join("tests/fixtures/mdbook-directives/src/listings/example.rs")
            )
            .unwrap()
            .trim_end(),
        ]
    );
    assert!(
        xhtml
            .match_indices("<code class=\"language-rust\">")
            .any(|(at, _)| text_of(&xhtml[at..]).starts_with("// ANCHOR: all")),
        "the playground block is Rust"
    );
    let text = text_of(&xhtml);
    assert!(
        text.contains("An included paragraph that includes another file: the inner sentence."),
        "{text}"
    );
    assert!(text.contains("Escaped, as a book about mdBook writes them: {{#include listings/lines.txt}} and\n{{#title Not a title}}."), "{text}");
    assert!(
        xhtml.contains("<title>Every Directive</title>"),
        "{{{{#title}}}} sets the page title"
    );
    let nav = epub.text("OEBPS/nav.xhtml");
    assert!(
        nav.contains(">1. Includes<"),
        "the contents keep SUMMARY.md's title"
    );
}

#[test]
fn hidden_lines_and_info_strings_follow_mdbook() {
    let (output, epub) = epub_of(
        "hidelines",
        &repo().join("tests/fixtures/mdbook-directives"),
        &[],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let xhtml = epub.expect("an EPUB").text("OEBPS/code.xhtml");
    assert_eq!(
        code_blocks(&xhtml),
        [
            "fn main() {\n    #[derive(Debug)]\n    #[allow(unused)]\n    let shown = Rc::new(1);\n}",
            "print(\"shown\")",
            "print(\"also shown\")",
            "# a shell comment stays\n$ ls",
            "fn kept() {}",
        ]
    );
    for class in ["language-rust", "language-python", "language-console"] {
        assert!(
            xhtml.contains(&format!("<code class=\"{class}\">")),
            "{class}"
        );
    }
    assert!(
        !xhtml.contains("norun") && !xhtml.contains("hidelines"),
        "info strings reduce to the language"
    );
}

#[test]
fn admonitions_and_definition_lists_in_the_epub() {
    let (output, epub) = epub_of(
        "blocks",
        &repo().join("tests/fixtures/mdbook-directives"),
        &[],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let epub = epub.expect("an EPUB");
    let xhtml = common::without_page_markers(&epub.text("OEBPS/blocks.xhtml"));
    for (kind, role, title) in [
        ("note", "note", "Note"),
        ("tip", "doc-tip", "Tip"),
        ("important", "doc-notice", "Important"),
        ("warning", "doc-notice", "Warning"),
        ("caution", "doc-notice", "Caution"),
        ("tip", "doc-tip", "A title of the author’s"),
    ] {
        let head = format!("<div class=\"admonition {kind}\" role=\"{role}\"");
        let at = xhtml
            .find(&head)
            .unwrap_or_else(|| panic!("{head} in\n{xhtml}"));
        assert!(xhtml[at..].contains(&format!(">{title}</p>")), "{title}");
    }
    assert!(xhtml.contains("<blockquote>\n<p class=\"first\">A plain quote stays a quote.</p>"));
    assert!(xhtml.contains("<dl>\n<dt>Term A</dt>\n<dd>The definition of A.</dd>\n<dt>Term <em>B</em></dt>\n<dd>A first definition of B.</dd>\n<dd>A second definition of B.</dd>"), "{xhtml}");
    assert!(!text_of(&xhtml).contains("[!"), "no marker is printed");
    assert!(epub.text("OEBPS/style.css").contains("div.admonition"));
}

/// Lines of `text` between `ANCHOR: name` and `ANCHOR_END: name`, without anchor lines:
/// written here from the rule, apart from folio's code.
fn anchored(text: &str, name: &str) -> String {
    let mut inside = false;
    let mut out = Vec::new();
    for line in text.lines() {
        if line.trim_end().ends_with(&format!("ANCHOR_END: {name}")) {
            break;
        }
        if inside && !line.contains("ANCHOR:") && !line.contains("ANCHOR_END:") {
            out.push(line);
        }
        if line.trim_end().ends_with(&format!("ANCHOR: {name}")) {
            inside = true;
        }
    }
    out.join("\n")
}

#[test]
fn async_book_includes_are_the_upstream_example_lines() {
    let book = repo().join("tests/fixtures/async-book-excerpt");
    let (output, epub) = epub_of("async-excerpt", &book, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let epub = epub.expect("an EPUB");
    let read = |p: &str| std::fs::read_to_string(book.join(p)).expect("an example file");
    let primer = read("examples/01_04_async_await_primer/src/lib.rs");
    let cargo_toml = read("examples/01_04_async_await_primer/Cargo.toml");
    let cargo: Vec<&str> = cargo_toml.lines().collect();
    let executor = read("examples/02_04_executor/src/lib.rs");
    let cases = [
        (
            "04_async_await_primer",
            vec![
                cargo[8..10].join("\n"),
                anchored(&primer, "hello_world"),
                anchored(&primer, "block_on_each"),
                anchored(&primer, "block_on_main"),
            ],
        ),
        (
            "04_executor",
            [
                "imports",
                "executor_decl",
                "spawn_fn",
                "arcwake_for_task",
                "executor_run",
                "main",
            ]
            .iter()
            .map(|a| anchored(&executor, a))
            .collect(),
        ),
        (
            "00_intro",
            [
                "examples/09_01_sync_tcp_server/src/main.rs",
                "examples/09_01_sync_tcp_server/hello.html",
                "examples/09_01_sync_tcp_server/404.html",
            ]
            .iter()
            .map(|p| read(p).trim_end_matches('\n').to_string())
            .collect(),
        ),
    ];
    for (chapter, expected) in cases {
        let blocks = code_blocks(&epub.text(&format!("OEBPS/{chapter}.xhtml")));
        for want in &expected {
            assert!(!want.is_empty());
            assert!(
                blocks.contains(want),
                "{chapter}: no block is\n{want}\nblocks: {blocks:#?}"
            );
        }
    }
}

#[test]
fn the_async_book_of_the_corpus_builds_as_mdbook_shows_it() {
    let corpus = repo().join("../shared/corpus/async-book");
    if !corpus.is_dir() {
        eprintln!(
            "note: {} is missing; the corpus check is skipped",
            corpus.display()
        );
        return;
    }
    let (output, epub) = epub_of("async-corpus", &corpus, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let epub = epub.expect("an EPUB");
    let mut includes = 0;
    for (name, data, _) in &epub.entries {
        if !name.ends_with(".xhtml") {
            continue;
        }
        let xhtml = String::from_utf8_lossy(data);
        let text = text_of(&xhtml);
        assert!(!text.contains("{{#"), "{name} has a directive");
        assert!(!text.contains("ANCHOR"), "{name} has an anchor comment");
        for block in code_blocks(&xhtml) {
            includes += 1;
            assert!(
                !block
                    .lines()
                    .any(|l| l.trim_start() == "#" || l.trim_start().starts_with("# ")),
                "{name}: hidden line in\n{block}"
            );
        }
    }
    assert!(includes > 62);
}

/// A book whose chapter shows the test preprocessor's placeholders, with `[preprocessor]`
/// tables as given.
fn protocol_book(name: &str, tables: &str) -> PathBuf {
    let book = temp_dir(name).join("book");
    let toml = format!(
        "[book]\ntitle = \"Protocol\"\nauthors = [\"A\"]\nlanguage = \"en\"\n\n[output.folio]\npreprocessor-timeout = 3\n\n{tables}"
    );
    write_files(
        &book,
        &[
            ("book.toml", &toml),
            (
                "src/SUMMARY.md",
                "# Summary\n\n- [One](one.md)\n- [Two](two.md)\n",
            ),
            (
                "src/one.md",
                "# One\n\nMade for {{ renderer }} with mdBook {{ mdbook-version }}.\n",
            ),
            ("src/two.md", "# Two\n\nThe second chapter.\n"),
        ],
    );
    book
}

fn table(name: &str, flags: &str, extra: &str) -> String {
    format!(
        "[preprocessor.{name}]\ncommand = \"'{}' {flags}\"\n{extra}\n",
        test_preprocessor().display()
    )
}

#[test]
fn a_preprocessor_gets_mdbooks_json_and_its_book_is_used() {
    let book = protocol_book("protocol-run", &table("test", "", ""));
    let (output, epub) = epub_of("protocol-run-out", &book, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let xhtml = epub.expect("an EPUB").text("OEBPS/one.xhtml");
    assert!(
        xhtml.contains("Made for folio with mdBook 0.5.4."),
        "{xhtml}"
    );
}

#[test]
fn preprocessor_failures_name_book_toml() {
    // Missing and optional: a warning, and the book builds.
    let book = protocol_book(
        "protocol-optional",
        "[preprocessor.absent]\ncommand = \"folio-no-such-program\"\noptional = true\n",
    );
    let (output, _) = epub_of("protocol-optional-out", &book, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("book.toml:9:15: warning: preprocessor `absent`: `folio-no-such-program` is not installed; it is optional"), "{}", stderr(&output));
    // Missing and required: an error.
    let book = protocol_book(
        "protocol-missing",
        "[preprocessor.absent]\ncommand = \"folio-no-such-program\"\n",
    );
    let (output, _) = epub_of("protocol-missing-out", &book, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("book.toml:9:15: error: preprocessor `absent` cannot run: `folio-no-such-program` is not installed"), "{}", stderr(&output));
    // Failing: the error quotes its stderr.
    let book = protocol_book("protocol-fail", &table("test", "--fail", ""));
    let (output, _) = epub_of("protocol-fail-out", &book, &[]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("book.toml:9:15: error: preprocessor `test`")
            && err.contains("failed (exit code 3)"),
        "{err}"
    );
    assert!(
        err.contains("it said: test preprocessor: failing on purpose"),
        "{err}"
    );
    // Not supporting folio: skipped with a warning, the placeholders stay.
    let book = protocol_book("protocol-unsupported", &table("test", "--unsupported", ""));
    let (output, epub) = epub_of("protocol-unsupported-out", &book, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains(
        "warning: preprocessor `test` does not support the `folio` renderer; it is skipped"
    ));
    assert!(
        epub.unwrap()
            .text("OEBPS/one.xhtml")
            .contains("{{ renderer }}")
    );
    // Listed for other renderers only: not run at all.
    let book = protocol_book(
        "protocol-renderers",
        &table("test", "--fail", "renderers = [\"html\"]"),
    );
    let (output, _) = epub_of("protocol-renderers-out", &book, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    // --no-preprocessors: skipped with a warning.
    let book = protocol_book("protocol-skip", &table("test", "--fail", ""));
    let (output, _) = epub_of("protocol-skip-out", &book, &["--no-preprocessors"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("warning: preprocessor `test` is skipped (--no-preprocessors)")
    );
}

#[test]
fn preprocessors_run_in_mdbooks_order() {
    // `b` must run after `a`; each replaces what the other left, so the order shows.
    let tables = format!(
        "{}{}",
        table("b", "", "after = [\"a\"]"),
        table("a", "", "before = [\"links\"]")
    );
    let book = protocol_book("protocol-order", &tables);
    let (output, epub) = epub_of("protocol-order-out", &book, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        epub.unwrap()
            .text("OEBPS/one.xhtml")
            .contains("Made for folio")
    );
    // A cycle is an error.
    let tables = format!(
        "{}{}",
        table("b", "", "after = [\"a\"]"),
        table("a", "", "after = [\"b\"]")
    );
    let book = protocol_book("protocol-cycle", &tables);
    let (output, _) = epub_of("protocol-cycle-out", &book, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("must each run before another: a cycle"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn mdbook_folio_builds_from_a_render_context() {
    let book = repo().join("tests/fixtures/mdbook-directives");
    let destination = temp_dir("backend").join("book");
    // The book as mdBook's preprocessors would leave it: one chapter, already expanded.
    let context = serde_json::json!({
        "version": "0.5.4",
        "root": book.canonicalize().unwrap().display().to_string(),
        "book": {"items": [
            {"Chapter": {"name": "Includes", "content": "# Includes\n\n{{#include listings/lines.txt}} is printed as mdBook left it.\n", "number": [1], "sub_items": [], "path": "includes.md", "source_path": "includes.md", "parent_names": []}},
            {"Chapter": {"name": "Admonitions and definitions", "content": "# Blocks\n\n> [!NOTE]\n> Noted.\n", "number": [2], "sub_items": [], "path": "blocks.md", "source_path": "blocks.md", "parent_names": []}}
        ]},
        "config": {"book": {"title": "Directives", "authors": ["A. Tester"], "language": "en"}},
        "destination": destination.display().to_string(),
    });
    let mut child = Command::new(env!("CARGO_BIN_EXE_mdbook-folio"))
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mdbook-folio runs");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(context.to_string().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("removed the chapter `code.md`"),
        "{}",
        stderr(&output)
    );
    let epub = Epub::read(
        &std::fs::read(destination.join("directives.epub"))
            .expect("the EPUB in mdBook's destination"),
    );
    assert_eq!(problems(&epub), Vec::<String>::new());
    assert!(
        epub.text("OEBPS/includes.xhtml")
            .contains("{{#include listings/lines.txt}} is printed as mdBook left it.")
    );
    assert!(epub.text("OEBPS/blocks.xhtml").contains("role=\"note\""));
    assert!(destination.join("directives.pdf").is_file());
}

#[test]
fn includes_stay_inside_the_book_unless_root_allows() {
    let dir = temp_dir("root");
    write_files(
        &dir,
        &[
            ("shared/listing.rs", "fn shared() {}\n"),
            (
                "book/book.toml",
                "[book]\ntitle = \"Root\"\nauthors = [\"A\"]\nlanguage = \"en\"\n",
            ),
            ("book/src/SUMMARY.md", "# Summary\n\n- [One](one.md)\n"),
            (
                "book/src/one.md",
                "# One\n\n```rust\n{{#include ../../shared/listing.rs}}\n```\n",
            ),
        ],
    );
    let (output, _) = epub_of("root-out", &dir.join("book"), &[]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains(
            "one.md:4:1: error: `../../shared/listing.rs` is outside the folder folio may read"
        ),
        "{err}"
    );
    let rich = stderr(&folio(
        &["check", &dir.join("book").display().to_string()],
        &[],
    ));
    assert!(
        rich.contains("hint: folio reads only inside the book folder; build with `--root DIR`"),
        "{rich}"
    );
    let root = dir.display().to_string();
    let (output, epub) = epub_of("root-allowed", &dir.join("book"), &["--root", &root]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        code_blocks(&epub.unwrap().text("OEBPS/one.xhtml")),
        ["fn shared() {}"]
    );
}

#[test]
fn check_reports_typesetting_and_json_lines() {
    let dir = temp_dir("check-json");
    let word = "x".repeat(300);
    write_files(
        &dir,
        &[
            (
                "book.toml",
                "[book]\ntitle = \"Check\"\nauthors = [\"A\"]\nlanguage = \"en\"\n",
            ),
            ("src/SUMMARY.md", "# Summary\n\n- [One](one.md)\n"),
            (
                "src/one.md",
                &format!("# One\n\n{word}\n\n[a](gone.md) and [b](gone.md)\n"),
            ),
        ],
    );
    let book = dir.display().to_string();
    let output = folio(&["check", &book, "--diagnostics", "short"], &[]);
    let err = stderr(&output);
    assert!(
        err.contains("is cut between letters"),
        "check typesets: {err}"
    );
    assert!(
        err.contains("0 error(s), 3 warning(s) (2 link, 1 typesetting)"),
        "{err}"
    );
    let output = folio(&["check", &book, "--message-format", "json"], &[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    // Sorted by line: the long word (line 3), then both links (line 5) as one.
    assert_eq!(lines[0]["kind"], "typesetting");
    assert_eq!(lines[0]["span"]["line"], 3);
    assert_eq!(lines[1]["kind"], "link");
    assert_eq!(lines[1]["count"], 2);
    assert_eq!(lines[1]["span"]["line"], 5);
}

/// A book with links out of it, built with `[output.folio]`/`[output.pdf]` settings `extra`.
fn links_book(name: &str, extra: &str) -> PathBuf {
    let book = temp_dir(name).join("book");
    let toml = format!("[book]\ntitle = \"Links\"\nauthors = [\"A\"]\nlanguage = \"en\"\n{extra}");
    write_files(
        &book,
        &[
            ("book.toml", &toml),
            ("src/SUMMARY.md", "# Summary\n\n- [One](part/one.md)\n"),
            (
                "src/part/one.md",
                "# One\n\nSee [the vector](../../std/vec/struct.Vec.html#method.push), [Rust](https://www.rust-lang.org/) and <https://example.org/bare>, then [Rust again](https://www.rust-lang.org/).\n",
            ),
        ],
    );
    book
}

fn pdf_text(book: &Path, name: &str) -> Option<String> {
    let out = temp_dir(name).join("out");
    let output = build(book, &out, "pdf", &["--diagnostics", "short"], &[EPOCH]);
    assert!(output.status.success(), "{}", stderr(&output));
    let pdf = out.join("links.pdf");
    let (ok, text) = common::tool("pdftotext", &[pdf.as_os_str(), "-".as_ref()])?;
    assert!(ok, "{text}");
    Some(text)
}

#[test]
fn links_out_of_the_book_get_urls() {
    // Without a base: one warning for the relative link, naming `link-base`.
    let book = links_book("links-plain", "");
    let (output, _) = epub_of("links-plain-out", &book, &[]);
    assert!(stderr(&output).contains("one.md:3:5: warning: link to `../../std/vec/struct.Vec.html#method.push` is not a chapter of the book"), "{}", stderr(&output));
    // With `link-base`, it is a web address, resolved against the chapter's place.
    let book = links_book(
        "links-base",
        "\n[output.folio]\nlink-base = \"https://doc.rust-lang.org/book\"\n",
    );
    let (output, epub) = epub_of("links-base-out", &book, &[]);
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
    let xhtml = epub.unwrap().text("OEBPS/one.xhtml");
    assert!(xhtml.contains("<a href=\"https://doc.rust-lang.org/std/vec/struct.Vec.html#method.push\">the vector</a>"), "{xhtml}");
    // In the PDF: footnotes by default, once per URL; never for a bare URL.
    if let Some(text) = pdf_text(&book, "links-footnote") {
        assert_eq!(
            text.matches("https://www.rust-lang.org/").count(),
            1,
            "{text}"
        );
        assert!(
            text.contains("https://doc.rust-lang.org/std/vec/struct.Vec.html#method.push"),
            "{text}"
        );
        assert_eq!(text.matches("example.org/bare").count(), 1, "{text}");
    }
    let inline = links_book("links-inline", "\n[output.pdf]\nlink-urls = \"inline\"\n");
    if let Some(text) = pdf_text(&inline, "links-inline-out") {
        assert!(text.contains("Rust (https://www.rust-lang.org/)"), "{text}");
    }
    let none = links_book("links-none", "\n[output.pdf]\nlink-urls = \"none\"\n");
    if let Some(text) = pdf_text(&none, "links-none-out") {
        assert!(!text.contains("www.rust-lang.org"), "{text}");
    }
}
