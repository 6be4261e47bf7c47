//! The only code that reads the disk: a book folder → `Project` (sources, settings, image bytes).

pub mod cache;
pub mod code_theme;
pub mod command;
mod coverage;
pub mod design_config;
mod design_fonts;
pub mod files;
pub mod fonts;
mod labels;
pub mod mdbook_config;
pub mod metadata;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, FileId, Kind, SourceMap, Span, SpanMap};
use crate::doc::{FontFile, FontFiles};
use crate::error::Error;
pub use metadata::Config;

/// Larger image files are skipped with a warning, so that a stray video or disk image in the
/// book folder cannot exhaust memory.
const MAX_IMAGE_BYTES: u64 = 64 << 20;
/// Larger Markdown files are refused: no real chapter comes near this.
const MAX_TEXT_BYTES: u64 = 256 << 20;
/// Folders of the book root that hold outputs or tooling, never sources.
const SKIPPED_ROOT_FOLDERS: &[&str] = &["out", "target", "node_modules"];
/// Extensions of files that may be images of the book.
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "svg"];

/// A loaded book folder: every byte the build needs, and what was wrong while reading it.
#[derive(Clone, Debug)]
pub struct Project {
    /// Folder name, used when the book has no title.
    pub name: String,
    /// Loaded text files (`book.toml`, `SUMMARY.md`, chapters), for spans and diagnostics.
    pub sources: SourceMap,
    /// The settings of `book.toml`.
    pub config: Config,
    /// `book.toml` in `sources`.
    pub config_file: FileId,
    /// The chapter folder, relative to the book folder, with `/` separators (`""` for the root).
    pub src_dir: String,
    /// `SUMMARY.md` in `sources`, when the chapter folder has one.
    pub summary: Option<FileId>,
    /// Every Markdown file under the chapter folder, by path relative to the book folder.
    pub pages: BTreeMap<String, FileId>,
    /// Every image file in the book folder, by path relative to the book folder.
    pub images: BTreeMap<String, Arc<[u8]>>,
    /// Paths of the book folder that are links pointing outside it (never read).
    pub outside_links: Vec<String>,
    /// The extra stylesheet of `[output.epub] stylesheet`.
    pub stylesheet: Option<String>,
    /// Font files named in `[output.pdf]`, and the machine's fonts that fill their gaps.
    pub fonts: FontFiles,
    /// The theme of highlighted code in the PDF (`[output.pdf] code-theme`, `paper` unless set).
    pub code_theme: crate::highlight::Theme,
    /// Problems found while loading.
    pub diagnostics: Vec<Diagnostic>,
    /// The book folder as given.
    pub root: PathBuf,
    /// The folder folio may read in (canonical): the book folder, or `--root DIR`.
    pub allowed: PathBuf,
    /// Chapter texts after mdBook's preprocessors, by page path (the others are parsed as
    /// loaded).
    pub texts: BTreeMap<String, ChapterText>,
    /// One warning per script no font shows, for builds that set type (PDF, print cover).
    pub font_warnings: Vec<Diagnostic>,
}

/// A chapter's text as preprocessed, and where its parts come from.
#[derive(Clone, Debug, Default)]
pub struct ChapterText {
    /// The Markdown to parse.
    pub text: String,
    /// Origins of its parts, for diagnostics.
    pub map: SpanMap,
    /// A page title set with `{{#title …}}`.
    pub title: Option<String>,
}

/// How to load a book.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// A folder holding the book inside which files may be read (`--root DIR`); by default
    /// only the book folder.
    pub root: Option<PathBuf>,
    /// Whether the machine's fonts may show characters the book's and folio's lack
    /// (`--no-system-fonts` turns it off).
    pub system_fonts: bool,
    /// Whether the build sets the whole book in type (a PDF), rather than only the EPUB's
    /// generated cover: which text the fonts must cover.
    pub is_print: bool,
    /// The design `--design` chooses (it wins over `[design] preset`).
    pub design: Option<crate::doc::DesignPreset>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            root: None,
            system_fonts: true,
            is_print: true,
            design: None,
        }
    }
}

impl Project {
    /// The text of page `path` to parse, and its origins.
    pub fn chapter_text(&self, path: &str) -> Option<(&str, std::borrow::Cow<'_, SpanMap>)> {
        if let Some(text) = self.texts.get(path) {
            return Some((&text.text, std::borrow::Cow::Borrowed(&text.map)));
        }
        let file = *self.pages.get(path)?;
        Some((
            &self.sources.get(file).text,
            std::borrow::Cow::Owned(SpanMap::identity(file)),
        ))
    }
}

/// Loads the book folder `root`, reading nothing outside it.
pub fn load(root: &Path) -> Result<Project, Error> {
    load_with(root, &LoadOptions::default())
}

/// Loads the book folder `root` with `options`.
pub fn load_with(root: &Path, options: &LoadOptions) -> Result<Project, Error> {
    let canonical_root = fs::canonicalize(root).map_err(read_error(root))?;
    let name = canonical_root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "book".into());
    let mut sources = SourceMap::default();
    let mut diagnostics = Vec::new();
    let config_file = read_book_toml(root, &mut sources, &mut diagnostics)?;
    let mut config = metadata::parse(
        config_file,
        &sources.get(config_file).text.clone(),
        &name,
        &mut diagnostics,
    );
    apply_design(&mut config, options.design);
    crate::diag::default_kind(&mut diagnostics, Kind::Config);
    let allowed = allowed_folder(root, &canonical_root, options.root.as_deref())?;
    let src_dir = chapter_folder(root, &config, config_file, &mut diagnostics);

    let mut walk = Walk {
        root,
        canonical_root: &canonical_root,
        files: Vec::new(),
        outside: Vec::new(),
    };
    walk.visit(&root.join(&src_dir), &src_dir)?;
    let markdown_files = std::mem::take(&mut walk.files);
    walk.visit(root, "")?;
    let (pages, summary) = read_chapters(
        root,
        &markdown_files,
        &src_dir,
        &mut sources,
        &mut diagnostics,
    )?;
    let images = read_images(root, &walk.files, &mut diagnostics)?;
    let stylesheet = read_stylesheet(root, &config, config_file, &mut diagnostics)?;
    let mut fonts = read_fonts(root, &config, config_file, &mut diagnostics)?;
    design_fonts::apply(
        &mut fonts,
        config.design.preset,
        &config.design_table,
        Some(root),
        config_file,
        &mut diagnostics,
    );
    let mut files: Vec<FileId> = pages.values().copied().collect();
    files.extend(summary);
    let font_warnings = coverage::fill(
        &mut fonts,
        &sources,
        files,
        &config.metadata,
        config_file,
        options.is_print,
        options.system_fonts,
    )?;
    let code_theme = code_theme::resolve(
        config.pdf.code_theme.as_ref(),
        config_file,
        |rel| {
            let path = root.join(rel);
            path.is_file().then(|| fs::read(&path).ok()).flatten()
        },
        &mut diagnostics,
    );
    Ok(Project {
        name,
        sources,
        config,
        config_file,
        src_dir,
        summary,
        pages,
        images,
        outside_links: walk.outside,
        stylesheet,
        fonts,
        code_theme,
        diagnostics,
        root: root.to_path_buf(),
        allowed,
        texts: BTreeMap::new(),
        font_warnings,
    })
}

/// Turns an I/O error on `path` into `Error::Read` naming it.
fn read_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + use<> {
    let path = path.to_path_buf();
    move |source| Error::Read { path, source }
}

/// Reads `root`'s `book.toml` into `sources`; a folder without one is not a book.
fn read_book_toml(
    root: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<FileId, Error> {
    let toml_path = root.join("book.toml");
    let toml_text = match fs::read(&toml_path) {
        Ok(bytes) => text_of(&bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Book(vec![
                Diagnostic::error_nowhere(format!(
                    "`{}` has no `book.toml`: it is not a book folder",
                    root.display()
                ))
                .with_hint(format!(
                    "run `folio init {}` to start a book there",
                    root.display()
                )),
            ]));
        }
        Err(source) => {
            return Err(Error::Read {
                path: toml_path,
                source,
            });
        }
    };
    let config_file = sources.add(&toml_path, toml_text.text);
    if let Some(at) = toml_text.bad_byte {
        diagnostics.push(invalid_utf8(config_file, at));
    }
    Ok(config_file)
}

/// The folder folio may read in (canonical): the book folder, or `--root DIR` when it
/// holds the book folder.
fn allowed_folder(
    root: &Path,
    canonical_root: &Path,
    flag: Option<&Path>,
) -> Result<PathBuf, Error> {
    let Some(dir) = flag else {
        return Ok(canonical_root.to_path_buf());
    };
    let dir = fs::canonicalize(dir).map_err(read_error(dir))?;
    if !canonical_root.starts_with(&dir) {
        return Err(Error::Book(vec![
            Diagnostic::error_nowhere(format!(
                "the book folder `{}` is not inside `--root {}`",
                root.display(),
                dir.display()
            ))
            .with_hint("give a `--root` folder that holds the book folder"),
        ]));
    }
    Ok(dir)
}

/// The chapter folder relative to the book folder: `src` of `book.toml`, else `src/` if it
/// exists, else the book folder itself (`""`).
fn chapter_folder(
    root: &Path,
    config: &Config,
    config_file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    match &config.src {
        Some(src) => match relative(src.get_ref()) {
            Some(dir) if root.join(&dir).is_dir() => dir,
            _ => {
                diagnostics.push(
                    Diagnostic::error(
                        Span::new(config_file, src.span()),
                        format!(
                            "chapter folder `{}` not found in the book folder",
                            src.get_ref()
                        ),
                    )
                    .with_hint("`src` is relative to the folder of `book.toml`"),
                );
                String::new()
            }
        },
        None if root.join("src").is_dir() => "src".to_string(),
        None => String::new(),
    }
}

/// Reads the Markdown files among `files` (of the chapter folder `src_dir`) into `sources`:
/// the pages by path relative to the book folder, and `SUMMARY.md` apart.
fn read_chapters(
    root: &Path,
    files: &[String],
    src_dir: &str,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(BTreeMap<String, FileId>, Option<FileId>), Error> {
    let mut pages = BTreeMap::new();
    let mut summary = None;
    for rel in files
        .iter()
        .filter(|f| has_extension(f, &["md", "markdown"]))
    {
        let path = root.join(rel);
        let meta = fs::metadata(&path).map_err(read_error(&path))?;
        if meta.len() > MAX_TEXT_BYTES {
            diagnostics.push(
                Diagnostic::error_nowhere(format!(
                    "`{}` is larger than 256 MiB; it is not read",
                    path.display()
                ))
                .with_hint("split it into chapters"),
            );
            continue;
        }
        let bytes = fs::read(&path).map_err(read_error(&path))?;
        let text = text_of(&bytes);
        let id = sources.add(&path, text.text);
        if let Some(at) = text.bad_byte {
            diagnostics.push(invalid_utf8(id, at));
        }
        if rel == &join(src_dir, "SUMMARY.md") {
            summary = Some(id);
        } else {
            pages.insert(rel.clone(), id);
        }
    }
    Ok((pages, summary))
}

/// Reads the image files among `files`, by path relative to the book folder (too large
/// ones are skipped with a warning).
fn read_images(
    root: &Path,
    files: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<BTreeMap<String, Arc<[u8]>>, Error> {
    let mut images = BTreeMap::new();
    for rel in files.iter().filter(|f| has_extension(f, IMAGE_EXTENSIONS)) {
        let path = root.join(rel);
        let meta = fs::metadata(&path).map_err(read_error(&path))?;
        if meta.len() > MAX_IMAGE_BYTES {
            diagnostics.push(
                Diagnostic::warning_nowhere(format!(
                    "`{}` is larger than 64 MiB; it is not read",
                    path.display()
                ))
                .with_hint("scale the image down; 300 dpi at the printed size is enough"),
            );
            continue;
        }
        images.insert(
            rel.clone(),
            Arc::from(fs::read(&path).map_err(read_error(&path))?),
        );
    }
    Ok(images)
}

/// Reads the extra stylesheet of `[output.epub] stylesheet`, if the book names one.
fn read_stylesheet(
    root: &Path,
    config: &Config,
    config_file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Option<String>, Error> {
    let Some(css) = &config.epub.stylesheet else {
        return Ok(None);
    };
    let path = relative(css.get_ref())
        .map(|rel| root.join(rel))
        .filter(|p| p.is_file());
    let Some(path) = path else {
        diagnostics.push(
            Diagnostic::error(
                Span::new(config_file, css.span()),
                format!(
                    "stylesheet `{}` not found in the book folder",
                    css.get_ref()
                ),
            )
            .with_hint("the path is relative to the folder of `book.toml`"),
        );
        return Ok(None);
    };
    Ok(Some(
        text_of(&fs::read(&path).map_err(read_error(&path))?).text,
    ))
}

/// Reads the font files named in `[output.pdf]`, each into its role's slot.
fn read_fonts(
    root: &Path,
    config: &Config,
    config_file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<FontFiles, Error> {
    let mut fonts = FontFiles::default();
    for (role, path) in &config.pdf.fonts {
        let span = Span::new(config_file, path.span());
        let file = relative(path.get_ref())
            .map(|rel| root.join(rel))
            .filter(|p| p.is_file());
        let Some(file) = file else {
            diagnostics.push(Diagnostic::error(span, format!("font file `{}` not found in the book folder", path.get_ref())).with_hint("font paths are relative to the folder of `book.toml`; copy the font into the book folder"));
            continue;
        };
        let bytes = fs::read(&file).map_err(read_error(&file))?;
        let slot = match *role {
            "font-italic" => &mut fonts.italic,
            "font-bold" => &mut fonts.bold,
            "font-bold-italic" => &mut fonts.bold_italic,
            "font-mono" => &mut fonts.mono,
            "font-fallback" => {
                fonts.fallbacks.push(FontFile {
                    bytes: Arc::from(bytes),
                    index: 0,
                    name: path.get_ref().clone(),
                    bold: None,
                });
                continue;
            }
            _ => &mut fonts.regular,
        };
        *slot = Some(bytes);
    }
    Ok(fonts)
}

/// Resolves the design (`--design` over `[design] preset`, then the knobs) and lets its
/// type size and leading override `[output.pdf]`'s.
fn apply_design(config: &mut Config, flag: Option<crate::doc::DesignPreset>) {
    config.design = config.design_table.resolve(flag);
    let setup = &mut config.pdf.setup;
    setup.right_to_left = config.metadata.is_rtl;
    if let Some(size) = config.design.font_size {
        setup.leading = setup.leading * (size / setup.font_size);
        setup.font_size = size;
    }
    if let Some(leading) = config.design.leading {
        setup.leading = leading;
    }
}

/// Recursively lists the files of a folder, relative to the book root, in name order.
struct Walk<'a> {
    root: &'a Path,
    canonical_root: &'a Path,
    files: Vec<String>,
    outside: Vec<String>,
}

impl Walk<'_> {
    fn visit(&mut self, dir: &Path, rel: &str) -> Result<(), Error> {
        let entries = fs::read_dir(dir).map_err(|source| Error::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut names: Vec<(String, PathBuf)> = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| Error::Read {
                path: dir.to_path_buf(),
                source,
            })?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_skipped = rel.is_empty() && SKIPPED_ROOT_FOLDERS.contains(&name.as_str());
            if !name.starts_with('.') && !is_skipped {
                names.push((name, entry.path()));
            }
        }
        names.sort();
        for (name, path) in names {
            let rel_path = join(rel, &name);
            let link = fs::symlink_metadata(&path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            if link.file_type().is_symlink() {
                // A link is followed only when it stays inside the book folder.
                match fs::canonicalize(&path) {
                    Ok(target) if target.starts_with(self.canonical_root) => {}
                    _ => {
                        self.outside.push(rel_path);
                        continue;
                    }
                }
            }
            if path.is_dir() {
                if link.file_type().is_symlink() {
                    continue; // a linked folder inside the book is reached through its real path
                }
                self.visit(&self.root.join(&rel_path), &rel_path)?;
            } else if path.is_file() {
                self.files.push(rel_path);
            }
        }
        Ok(())
    }
}

/// Joins two `/`-separated relative paths.
pub fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// Normalises a relative path (`a/./b/../c` → `a/c`); `None` if it is absolute or leaves the
/// folder it is relative to.
pub fn relative(path: &str) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for component in Path::new(path).components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.join("/"))
}

fn has_extension(path: &str, extensions: &[&str]) -> bool {
    Path::new(path)
        .extension()
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

struct Text {
    text: String,
    bad_byte: Option<usize>,
}

/// Decodes UTF-8 (dropping a byte-order mark); invalid bytes become U+FFFD and are reported.
fn text_of(bytes: &[u8]) -> Text {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Text {
            text: text.replace("\r\n", "\n"),
            bad_byte: None,
        },
        Err(e) => {
            let at = e.valid_up_to();
            Text {
                text: String::from_utf8_lossy(bytes).replace("\r\n", "\n"),
                bad_byte: Some(at),
            }
        }
    }
}

fn invalid_utf8(file: FileId, at: usize) -> Diagnostic {
    Diagnostic::error(Span::new(file, at..at + 1), "the file is not valid UTF-8")
        .with_hint("save the file as UTF-8; the bad byte is replaced by U+FFFD here")
}

/// A project built from text in memory instead of a folder: for tests, benchmarks and
/// fuzzing. `pages` are `(path relative to the book folder, Markdown)`; a page named
/// `SUMMARY.md` inside the chapter folder gives the reading order.
pub fn from_memory(book_toml: &str, pages: &[(&str, &str)], images: &[(&str, &[u8])]) -> Project {
    let mut sources = SourceMap::default();
    let mut diagnostics = Vec::new();
    let config_file = sources.add("book.toml", book_toml.replace("\r\n", "\n"));
    let mut config = metadata::parse(config_file, book_toml, "book", &mut diagnostics);
    apply_design(&mut config, None);
    let mut fonts = FontFiles::default();
    design_fonts::apply(
        &mut fonts,
        config.design.preset,
        &config.design_table,
        None,
        config_file,
        &mut diagnostics,
    );
    let src_dir = config
        .src
        .as_ref()
        .and_then(|s| relative(s.get_ref()))
        .unwrap_or_else(|| {
            if pages.iter().any(|(p, _)| p.starts_with("src/")) {
                "src".into()
            } else {
                String::new()
            }
        });
    let code_theme = code_theme::resolve(
        config.pdf.code_theme.as_ref(),
        config_file,
        |_| None,
        &mut diagnostics,
    );
    let mut summary = None;
    let mut page_map = BTreeMap::new();
    for (path, text) in pages {
        let id = sources.add(*path, text.replace("\r\n", "\n"));
        if *path == join(&src_dir, "SUMMARY.md") {
            summary = Some(id);
        } else {
            page_map.insert(path.to_string(), id);
        }
    }
    Project {
        name: "book".into(),
        sources,
        config,
        config_file,
        src_dir,
        summary,
        pages: page_map,
        images: images
            .iter()
            .map(|(p, b)| (p.to_string(), Arc::from(*b)))
            .collect(),
        outside_links: Vec::new(),
        stylesheet: None,
        fonts,
        code_theme,
        diagnostics,
        root: PathBuf::new(),
        allowed: PathBuf::new(),
        texts: BTreeMap::new(),
        font_warnings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_cannot_escape() {
        assert_eq!(relative("a/./b/../c.png").as_deref(), Some("a/c.png"));
        assert_eq!(relative("../secret.png"), None);
        assert_eq!(relative("a/../../x"), None);
        assert_eq!(relative("/etc/passwd"), None);
    }

    #[test]
    fn invalid_utf8_is_reported_at_the_bad_byte() {
        let text = text_of(b"ok\xffrest");
        assert_eq!(text.bad_byte, Some(2));
        assert_eq!(text.text, "ok\u{fffd}rest");
    }
}
