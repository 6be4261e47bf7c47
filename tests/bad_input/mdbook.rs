//! Hostile mdBook books: includes that miss, loop, read binaries, huge files or files out of
//! the book, line ranges that make no sense, and preprocessors that hang, print garbage or
//! delete chapters. Each ends in an error or warning with file and line, nothing half-written.

use super::{Expect, build_and_check, case, md, temp_dir};

const TOML: &str = "[book]\ntitle = \"Hostile\"\nauthors = [\"A. Tester\"]\nlanguage = \"en\"\n";

fn toml_with(extra: &str) -> (&'static str, Vec<u8>) {
    ("book.toml", format!("{TOML}{extra}").into_bytes())
}

fn file(path: &'static str, bytes: &[u8]) -> (&'static str, Vec<u8>) {
    (path, bytes.to_vec())
}

#[test]
fn include_of_a_missing_file_or_anchor() {
    case(
        "include-missing",
        &[
            toml_with(""),
            md(
                "one.md",
                "# One\n\n```rust\n{{#include gone.rs}}\n```\n\n{{#include code.rs:nowhere}}\n",
            ),
            file(
                "code.rs",
                b"// ANCHOR: here\nfn f() {}\n// ANCHOR_END: here\n",
            ),
        ],
        Expect::Error(&[
            "one.md:4:1: error: `gone.rs` not found",
            "one.md:7:1: error: anchor `nowhere` not found in `code.rs`",
        ]),
    );
}

#[test]
fn inverted_and_out_of_range_line_ranges() {
    case(
        "include-ranges",
        &[
            toml_with(""),
            md(
                "one.md",
                "# One\n\n```text\n{{#include lines.txt:4:2}}\n{{#include lines.txt:9}}\n{{#include lines.txt:2:40}}\n{{#include lines.txt:0:1}}\n```\n",
            ),
            file("lines.txt", b"one\ntwo\nthree\n"),
        ],
        Expect::Warnings(&[
            "one.md:4:1: warning: the line range `4:2` is inverted: nothing is included",
            "one.md:5:1: warning: `lines.txt` has 3 line(s); line 9 is past its end, so nothing is included",
            "one.md:6:1: warning: `lines.txt` has 3 line(s); the range `2:40` runs past its end",
            "one.md:7:1: warning: `0:1`: lines are counted from 1",
        ]),
    );
}

#[test]
fn include_cycle() {
    case(
        "include-cycle",
        &[
            toml_with(""),
            md("one.md", "# One\n\n{{#include a.md}}\n"),
            file("a.md", b"A includes B: {{#include b.md}}\n"),
            file("b.md", b"B includes A: {{#include a.md}}\n"),
        ],
        Expect::Error(&[
            "b.md:1:15: error: this include makes a cycle: one.md → a.md → b.md → a.md",
        ]),
    );
}

#[test]
fn include_of_a_binary_file() {
    case(
        "include-binary",
        &[
            toml_with(""),
            md("one.md", "# One\n\n{{#include data.bin}}\n"),
            file("data.bin", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        ],
        Expect::Error(&["one.md:3:1: error: `data.bin` is a binary file, not text"]),
    );
}

#[test]
fn include_of_a_100_mb_file() {
    let root = temp_dir("bad-input/include-huge");
    let book = root.join("book");
    std::fs::create_dir_all(&book).unwrap();
    std::fs::write(book.join("book.toml"), TOML).unwrap();
    std::fs::write(book.join("one.md"), "# One\n\n{{#include huge.txt}}\n").unwrap();
    // A sparse file: 100 MB long, nothing written.
    let huge = std::fs::File::create(book.join("huge.txt")).unwrap();
    huge.set_len(100 << 20).unwrap();
    build_and_check(
        "include-huge",
        &book,
        &root.join("out"),
        Expect::Error(&[
            "one.md:3:1: error: `huge.txt` is 100 MiB, larger than the 16 MiB an include may be",
        ]),
    );
}

#[test]
fn include_escaping_the_book_folder() {
    let root = temp_dir("bad-input/include-escape");
    let book = root.join("book");
    std::fs::create_dir_all(&book).unwrap();
    std::fs::write(book.join("book.toml"), TOML).unwrap();
    std::fs::write(root.join("secret.txt"), "secret\n").unwrap();
    std::fs::write(
        book.join("one.md"),
        "# One\n\n{{#include ../secret.txt}}\n\n{{#include /etc/hostname}}\n\n{{#include link.txt}}\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("secret.txt"), book.join("link.txt")).unwrap();
    build_and_check(
        "include-escape",
        &book,
        &root.join("out"),
        Expect::Error(&[
            "one.md:3:1: error: `../secret.txt` is outside the folder folio may read",
            "one.md:5:1: error: `/etc/hostname`",
            "one.md:7:1: error: `link.txt` is outside the folder folio may read",
        ]),
    );
}

fn preprocessor(flags: &str) -> String {
    format!(
        "\n[output.folio]\npreprocessor-timeout = 1\n\n[preprocessor.hostile]\ncommand = \"'{}' {flags}\"\n",
        super::common::test_preprocessor().display()
    )
}

#[test]
fn a_preprocessor_that_hangs() {
    case(
        "preprocessor-hangs",
        &[
            toml_with(&preprocessor("--hang")),
            md("one.md", "# One\n\nText.\n"),
        ],
        Expect::Error(&[
            "book.toml:9:15: error: preprocessor `hostile`",
            "ran longer than 1 s and was stopped",
        ]),
    );
}

#[test]
fn a_preprocessor_that_prints_invalid_json() {
    case(
        "preprocessor-invalid-json",
        &[
            toml_with(&preprocessor("--invalid-json")),
            md("one.md", "# One\n\nText.\n"),
        ],
        Expect::Error(&[
            "book.toml:9:15: error: preprocessor `hostile`",
            "printed no book",
            "(it printed `this is not JSON`)",
        ]),
    );
}

#[test]
fn a_preprocessor_that_deletes_chapters() {
    case(
        "preprocessor-deletes",
        &[
            toml_with(&preprocessor("--delete")),
            md(
                "SUMMARY.md",
                "# Summary\n\n- [One](one.md)\n- [Two](two.md)\n",
            ),
            md("one.md", "# One\n\nText.\n"),
            md("two.md", "# Two\n\nMore.\n"),
        ],
        Expect::Warnings(&[
            "book.toml:9:15: warning: preprocessor `hostile` removed the chapter `two.md` (Two) from the book; it is left out",
        ]),
    );
}
