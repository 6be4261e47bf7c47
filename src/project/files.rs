//! Reading the files that mdBook's directives name (`{{#include ../examples/x.rs}}`), kept
//! inside the book folder, or inside `--root DIR` when given; symbolic links are followed
//! and the place they lead to is what must be inside.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::diag::SourceMap;
use crate::mdbook::links::{ReadError, Reader, Source};

/// Larger files are not included: no listing comes near this, and a stray disk image or log
/// named by mistake would otherwise fill the memory.
pub const MAX_INCLUDE_BYTES: u64 = 16 << 20;

/// Reads included files into the source map, each once.
pub struct Includes<'s> {
    /// Where reading is allowed (canonical).
    pub allowed: &'s Path,
    /// Whether `allowed` is the book folder (the hint then names `--root`).
    pub is_book_folder: bool,
    /// The loaded texts.
    pub sources: &'s mut SourceMap,
    /// Files read so far, by canonical path.
    pub cache: BTreeMap<PathBuf, Source>,
}

impl Reader for Includes<'_> {
    fn read(&mut self, dir: &Path, path: &str) -> Result<Source, ReadError> {
        let error = |message: String, hint: &str| ReadError {
            message,
            hint: hint.to_string(),
            is_error: true,
        };
        if self.allowed.as_os_str().is_empty() {
            return Err(error(
                format!("`{path}` cannot be read: this book was made in memory"),
                "load the book from its folder to use includes",
            ));
        }
        let joined = normalize(&dir.join(path));
        let canonical = match std::fs::canonicalize(&joined) {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(error(
                    format!("`{path}` not found (looked for `{}`)", joined.display()),
                    "include paths are relative to the file that holds the directive",
                ));
            }
            Err(e) => {
                return Err(error(
                    format!("cannot read `{path}`: {e}"),
                    "check the file's permissions",
                ));
            }
        };
        if !canonical.starts_with(self.allowed) {
            let hint = if self.is_book_folder {
                "folio reads only inside the book folder; build with `--root DIR` to allow reading anywhere inside DIR".to_string()
            } else {
                format!(
                    "`--root {}` allows reading only inside that folder",
                    self.allowed.display()
                )
            };
            return Err(error(
                format!(
                    "`{path}` is outside the folder folio may read (it is `{}`)",
                    canonical.display()
                ),
                &hint,
            ));
        }
        if let Some(source) = self.cache.get(&canonical) {
            return Ok(Source {
                shown: path.to_string(),
                ..source.clone()
            });
        }
        let meta = std::fs::metadata(&canonical).map_err(|e| {
            error(
                format!("cannot read `{path}`: {e}"),
                "check the file's permissions",
            )
        })?;
        if !meta.is_file() {
            return Err(error(
                format!("`{path}` is a folder, not a file"),
                "name a file to include",
            ));
        }
        if meta.len() > MAX_INCLUDE_BYTES {
            return Err(error(
                format!(
                    "`{path}` is {} MiB, larger than the 16 MiB an include may be; it is not read",
                    meta.len() >> 20
                ),
                "include a smaller file, or a part of it by lines or anchor",
            ));
        }
        let bytes = std::fs::read(&canonical).map_err(|e| {
            error(
                format!("cannot read `{path}`: {e}"),
                "check the file's permissions",
            )
        })?;
        if bytes.contains(&0) {
            return Err(error(
                format!("`{path}` is a binary file, not text"),
                "include text files only; images go in with `![alt](path)`",
            ));
        }
        let text = match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes))
        {
            Ok(text) => text.replace("\r\n", "\n"),
            Err(e) => {
                return Err(error(
                    format!("`{path}` is not valid UTF-8 (at byte {})", e.valid_up_to()),
                    "save the file as UTF-8",
                ));
            }
        };
        let file = self.sources.add(&joined, text.clone());
        let source = Source {
            file,
            text: Arc::from(text),
            dir: joined.parent().map(Path::to_path_buf).unwrap_or_default(),
            key: canonical.clone(),
            shown: path.to_string(),
        };
        self.cache.insert(canonical, source.clone());
        Ok(source)
    }
}

/// `a/./b/../c` → `a/c`, without touching the disk (for the path shown in messages).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
