//! A small mdBook preprocessor for folio's tests, with nothing but the standard library (so
//! the tests need only Rust: `tests/common` compiles it with the rustc that built them).
//!
//! `supports RENDERER` answers yes, or no with `--unsupported`. On a run it reads mdBook's
//! `[context, book]` JSON from stdin and prints the book with `{{ mdbook-version }}` and
//! `{{ renderer }}` replaced by the context's values; it fails first if the context lacks a
//! field mdBook 0.5 sends. Flags: `--fail` (exit 3, with a message on stderr), `--hang`
//! (sleeps an hour), `--invalid-json`, `--delete` (drops the book's last item).

use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |f: &str| args.iter().any(|a| a == f);
    if let Some(k) = args.iter().position(|a| a == "supports") {
        let renderer = args.get(k + 1).map(String::as_str).unwrap_or("");
        std::process::exit(if flag("--unsupported") || renderer.is_empty() { 1 } else { 0 });
    }
    if flag("--hang") {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
    let mut input = String::new();
    if std::io::stdin().read_to_string(&mut input).is_err() {
        fail("stdin is not UTF-8");
    }
    if flag("--fail") {
        eprintln!("test preprocessor: failing on purpose");
        std::process::exit(3);
    }
    if flag("--invalid-json") {
        print!("this is not JSON");
        return;
    }
    let Some((context, book)) = pair(&input) else {
        fail("stdin is not a JSON array [context, book]");
    };
    for field in ["\"root\":", "\"config\":", "\"renderer\":", "\"mdbook_version\":", "\"book\":"] {
        if !context.contains(field) {
            fail(&format!("the context lacks {field}"));
        }
    }
    if !book.starts_with("{\"items\":[") {
        fail("the book does not start with {\"items\":[");
    }
    let version = string_field(context, "mdbook_version").unwrap_or_default();
    let renderer = string_field(context, "renderer").unwrap_or_default();
    let mut book = book
        .replace("{{ mdbook-version }}", &version)
        .replace("{{ renderer }}", &renderer);
    if flag("--delete") {
        book = drop_last_item(&book).unwrap_or_else(|| fail("the book has no items"));
    }
    print!("{book}");
}

fn fail(message: &str) -> ! {
    eprintln!("test preprocessor: {message}");
    std::process::exit(2)
}

/// The two elements of a top-level JSON array.
fn pair(input: &str) -> Option<(&str, &str)> {
    let inner = input.trim().strip_prefix('[')?.strip_suffix(']')?;
    let first_end = skip_value(inner, 0)?;
    let rest = inner[first_end..].trim_start().strip_prefix(',')?;
    Some((inner[..first_end].trim(), rest.trim()))
}

/// The value of `"name":"…"` (no escapes in it).
fn string_field(json: &str, name: &str) -> Option<String> {
    let key = format!("\"{name}\":\"");
    let start = json.find(&key)? + key.len();
    let end = json[start..].find('"')? + start;
    Some(json[start..end].to_string())
}

/// The end of the JSON value that starts at or after `at` (white space first).
fn skip_value(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = at;
    while bytes.get(i)?.is_ascii_whitespace() {
        i += 1;
    }
    let mut depth = 0usize;
    let mut in_string = false;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => {
                    in_string = false;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'[' | b'{' => depth += 1,
                b']' | b'}' if depth == 0 => return Some(i),
                b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                b',' if depth == 0 => return Some(i),
                _ => {}
            }
        }
        i += 1;
    }
    Some(i)
}

/// The book without the last element of its `items`.
fn drop_last_item(book: &str) -> Option<String> {
    let open = book.find("\"items\":[")? + "\"items\":[".len();
    let mut starts = Vec::new();
    let mut at = open;
    loop {
        let trimmed = book[at..].trim_start();
        if trimmed.starts_with(']') {
            break;
        }
        let start = book.len() - trimmed.len();
        let end = skip_value(book, start)?;
        starts.push((start, end));
        at = end;
        let after = book[at..].trim_start();
        match after.strip_prefix(',') {
            Some(_) => at = book.len() - after.len() + 1,
            None => break,
        }
    }
    let (last_start, last_end) = *starts.last()?;
    let cut_from = match starts.len() {
        1 => last_start,
        n => starts[n - 2].1,
    };
    Some(format!("{}{}", &book[..cut_from], &book[last_end..]))
}
