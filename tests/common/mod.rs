//! Helpers shared by the integration tests: running the binary, temp folders, and an EPUB
//! structure check that needs no Java (well-formed XML, manifest, spine, links, container).

#![allow(
    dead_code,
    reason = "each test binary uses a different subset of the helpers"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use quick_xml::Reader;
use quick_xml::events::Event;

/// The repository root (where `book/` is).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty folder under the target directory, named after the test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the target directory is writable");
    dir
}

/// Runs `folio` with `args` and the given environment.
pub fn folio(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1");
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("the folio binary runs")
}

/// Runs `folio build BOOK -o OUT --format FORMATS` with more `args` and `env`.
pub fn build(
    book: &Path,
    out: &Path,
    formats: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> Output {
    let mut all = vec![
        "build",
        book.to_str().expect("a UTF-8 path"),
        "-o",
        out.to_str().expect("a UTF-8 path"),
        "--format",
        formats,
    ];
    all.extend_from_slice(args);
    folio(&all, env)
}

/// Runs an external checker (qpdf, poppler's tools, Ghostscript) with `args`: its success
/// and its output (stdout, then stderr). When the program is not installed the check is
/// skipped with a note on stderr; with `FOLIO_REQUIRE_TOOLS` set (`.ci/run` sets it) a
/// missing program fails the test instead.
pub fn tool(program: &str, args: &[&OsStr]) -> Option<(bool, String)> {
    match Command::new(program).args(args).output() {
        Ok(output) => Some((
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            assert!(
                std::env::var_os("FOLIO_REQUIRE_TOOLS").is_none(),
                "`{program}` is not installed and FOLIO_REQUIRE_TOOLS is set"
            );
            eprintln!("note: `{program}` is not installed; that check is skipped");
            None
        }
        Err(e) => panic!("`{program}` could not run: {e}"),
    }
}

/// Standard error of a run, as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// The files of an EPUB, in zip order.
pub struct Epub {
    /// `(name, bytes, compression is stored)` in the order of the archive.
    pub entries: Vec<(String, Vec<u8>, bool)>,
}

impl Epub {
    /// Reads an EPUB.
    pub fn read(bytes: &[u8]) -> Epub {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the EPUB is a zip file");
        let mut entries = Vec::new();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).expect("zip entry");
            let mut data = Vec::new();
            file.read_to_end(&mut data).expect("zip entry data");
            let stored = file.compression() == zip::CompressionMethod::Stored;
            let name = file.name().expect("entry names are UTF-8").to_string();
            entries.push((name, data, stored));
        }
        Epub { entries }
    }

    /// The bytes of one file.
    pub fn file(&self, name: &str) -> Option<&[u8]> {
        self.entries
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, d, _)| d.as_slice())
    }

    /// A file as text.
    pub fn text(&self, name: &str) -> String {
        String::from_utf8(
            self.file(name)
                .unwrap_or_else(|| panic!("{name} is in the EPUB"))
                .to_vec(),
        )
        .expect("UTF-8")
    }
}

/// Checks the EPUB's structure as far as it can be checked without EPUBCheck. Returns the
/// problems found (empty when the EPUB is sound).
pub fn problems(epub: &Epub) -> Vec<String> {
    let mut problems = Vec::new();
    match epub.entries.first() {
        Some((name, data, stored))
            if name == "mimetype" && data == b"application/epub+zip" && *stored => {}
        _ => problems
            .push("`mimetype` is not the first entry, stored, with `application/epub+zip`".into()),
    }
    // Every XML file parses, and we collect the ids of each.
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, data, _) in &epub.entries {
        if name.ends_with(".xhtml")
            || name.ends_with(".opf")
            || name.ends_with(".ncx")
            || name.ends_with(".xml")
        {
            match xml_ids(data) {
                Ok(found) => {
                    ids.insert(name.clone(), found);
                }
                Err(e) => problems.push(format!("{name} is not well-formed XML: {e}")),
            }
        }
    }
    let container =
        String::from_utf8_lossy(epub.file("META-INF/container.xml").unwrap_or_default())
            .into_owned();
    let Some(opf_path) = attr_values(&container, "rootfile", "full-path")
        .into_iter()
        .next()
    else {
        problems.push("container.xml names no package document".into());
        return problems;
    };
    let opf = String::from_utf8_lossy(epub.file(&opf_path).unwrap_or_default()).into_owned();
    let base = opf_path
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"));
    let hrefs = attr_values(&opf, "item", "href");
    let item_ids: BTreeSet<String> = attr_values(&opf, "item", "id").into_iter().collect();
    for href in &hrefs {
        if epub.file(&format!("{base}{href}")).is_none() {
            problems.push(format!("manifest item `{href}` is not in the container"));
        }
    }
    for (name, _, _) in &epub.entries {
        let listed = name == "mimetype"
            || name.starts_with("META-INF/")
            || *name == opf_path
            || hrefs.iter().any(|h| format!("{base}{h}") == *name);
        if !listed {
            problems.push(format!(
                "`{name}` is in the container but not in the manifest"
            ));
        }
    }
    for idref in attr_values(&opf, "itemref", "idref") {
        if !item_ids.contains(&idref) {
            problems.push(format!("spine item `{idref}` is not in the manifest"));
        }
    }
    // Every link inside the book resolves to a file and, with a fragment, to an id in it.
    for (name, data, _) in &epub.entries {
        if !(name.ends_with(".xhtml") || name.ends_with(".ncx")) {
            continue;
        }
        let text = String::from_utf8_lossy(data);
        let dir = name
            .rsplit_once('/')
            .map_or(String::new(), |(d, _)| format!("{d}/"));
        let targets = attr_values(&text, "a", "href")
            .into_iter()
            .chain(attr_values(&text, "content", "src"))
            .chain(attr_values(&text, "img", "src"));
        for target in targets {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = match target.split_once('#') {
                Some((f, frag)) => (f.to_string(), Some(frag.to_string())),
                None => (target.clone(), None),
            };
            let file = if file.is_empty() {
                name.clone()
            } else {
                format!("{dir}{file}")
            };
            if epub.file(&file).is_none() {
                problems.push(format!("{name}: link to `{target}`: no such file"));
                continue;
            }
            if let Some(fragment) = fragment
                && !ids.get(&file).is_some_and(|set| set.contains(&fragment))
            {
                problems.push(format!("{name}: link to `{target}`: no such id"));
            }
        }
    }
    // Ids are unique within each document.
    for (name, data, _) in &epub.entries {
        if name.ends_with(".xhtml") {
            let text = String::from_utf8_lossy(data);
            let mut seen = BTreeSet::new();
            for id in all_attr_values(&text, "id") {
                if !seen.insert(id.clone()) {
                    problems.push(format!("{name}: id `{id}` appears twice"));
                }
            }
        }
    }
    problems
}

fn xml_ids(data: &[u8]) -> Result<BTreeSet<String>, String> {
    let mut reader = Reader::from_reader(data);
    reader.config_mut().check_end_names = true;
    let mut ids = BTreeSet::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                for attr in e.attributes() {
                    let attr = attr.map_err(|e| e.to_string())?;
                    if attr.key.as_ref() == b"id" {
                        ids.insert(String::from_utf8_lossy(&attr.value).into_owned());
                    }
                }
            }
            Ok(_) => {}
            Err(e) => return Err(format!("at byte {}: {e}", reader.buffer_position())),
        }
        buf.clear();
    }
    Ok(ids)
}

/// Values of `attribute` on elements named `element` (a plain scan: the files are our own).
pub fn attr_values(text: &str, element: &str, attribute: &str) -> Vec<String> {
    let mut out = Vec::new();
    let open = format!("<{element} ");
    let key = format!(" {attribute}=\"");
    for (start, _) in text.match_indices(&open) {
        let end = text[start..].find('>').map_or(text.len(), |e| start + e);
        let tag = &text[start..end];
        if let Some(k) = tag.find(&key) {
            let value = &tag[k + key.len()..];
            if let Some(q) = value.find('"') {
                out.push(unescape(&value[..q]));
            }
        }
    }
    out
}

fn all_attr_values(text: &str, attribute: &str) -> Vec<String> {
    let key = format!(" {attribute}=\"");
    text.match_indices(&key)
        .filter_map(|(i, _)| {
            let value = &text[i + key.len()..];
            value.find('"').map(|q| unescape(&value[..q]))
        })
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The test preprocessor (`tests/support/preprocessor.rs`, standard library only), compiled
/// once per test process with the rustc beside the cargo that runs the tests: the protocol
/// tests need no Python, jq or network, only Rust.
pub fn test_preprocessor() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let source = repo().join("tests/support/preprocessor.rs");
            let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
                "test-preprocessor-{}{}",
                std::process::id(),
                std::env::consts::EXE_SUFFIX
            ));
            let cargo = PathBuf::from(env!("CARGO"));
            let beside = cargo.with_file_name(format!("rustc{}", std::env::consts::EXE_SUFFIX));
            let rustc = if beside.is_file() {
                beside
            } else {
                PathBuf::from("rustc")
            };
            let status = Command::new(&rustc)
                .args([
                    "--edition",
                    "2021",
                    "-O",
                    "--crate-name",
                    "test_preprocessor",
                ])
                .arg(&source)
                .arg("-o")
                .arg(&out)
                .status()
                .expect("rustc runs");
            assert!(status.success(), "the test preprocessor compiles");
            out
        })
        .clone()
}

/// Writes `files` (path, text) under `dir`.
pub fn write_files(dir: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("create folder");
        std::fs::write(&path, text).expect("write file");
    }
}

/// Every `<code>` element's text in an XHTML document, unescaped, in order.
pub fn code_blocks(xhtml: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (start, _) in xhtml.match_indices("<pre><code") {
        let code = start + "<pre>".len();
        let Some(open_end) = xhtml[code..].find('>') else {
            continue;
        };
        let body_start = code + open_end + 1;
        let Some(len) = xhtml[body_start..].find("</code></pre>") else {
            continue;
        };
        // The code's text: highlighting spans removed.
        let body = &xhtml[body_start..body_start + len];
        out.push(text_of(body));
    }
    out
}

/// The text of an XHTML document: tags removed, entities unescaped.
pub fn text_of(xhtml: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in xhtml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
}

/// `xhtml` without the print edition's page-break markers (empty spans the EPUB carries where
/// each PDF page begins), to compare its text with the source.
pub fn without_page_markers(xhtml: &str) -> String {
    let mut out = xhtml.to_string();
    while let Some(start) = out.find("<span id=\"print-page-") {
        let end = out[start..]
            .find("</span>")
            .map_or(out.len(), |e| start + e + 7);
        out.replace_range(start..end, "");
    }
    out
}
