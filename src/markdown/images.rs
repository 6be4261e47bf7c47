//! Image paths written in chapters → the book's image table (each file once, format and size
//! checked from its bytes).

use std::collections::BTreeMap;
use std::io::Cursor;

use crate::diag::{Diagnostic, Span};
use crate::doc::{Image, ImageFormat};
use crate::project::{self, Project};

/// Images do not go beyond this many pixels: a larger one is a decompression bomb or a mistake.
const MAX_PIXELS: u64 = 100_000_000;

/// The images used so far, in order of first use.
pub struct Table<'p> {
    project: &'p Project,
    by_path: BTreeMap<String, usize>,
    /// The images, in order of first use.
    pub images: Vec<Image>,
}

impl<'p> Table<'p> {
    /// An empty table over the project's image files.
    pub fn new(project: &'p Project) -> Self {
        Table {
            project,
            by_path: BTreeMap::new(),
            images: Vec::new(),
        }
    }

    /// Resolves `dest`, written in a file of folder `dir`, to an image index, or reports why
    /// not. An image without alternative text (`alt`) is a warning: it changes the book's
    /// accessibility claims.
    pub fn resolve(
        &mut self,
        dest: &str,
        alt: &str,
        dir: &str,
        span: Span,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        let dest = dest.trim();
        if dest.is_empty() {
            diags.push(
                Diagnostic::error(span, "image has an empty path")
                    .with_hint("write the image's path between the parentheses: `![what it shows](images/file.png)`"),
            );
            return None;
        }
        if alt.trim().is_empty() {
            diags.push(
                Diagnostic::warning(span, format!("image `{dest}` has no alternative text"))
                    .with_hint("describe the image for readers who cannot see it: `![what it shows](path)`; without it the EPUB claims no WCAG conformance"),
            );
        }
        if dest.contains("://") || dest.starts_with("//") || dest.starts_with("data:") {
            diags.push(
                Diagnostic::warning(
                    span,
                    format!(
                        "image `{}` is not a local file; its alternative text is shown instead",
                        short(dest)
                    ),
                )
                .with_hint(
                    "download the image into the book folder and refer to it by a relative path",
                ),
            );
            return None;
        }
        let decoded = super::links::percent_decode(dest.split(['?', '#']).next().unwrap_or(dest));
        let Some(path) = project::relative(&project::join(dir, &decoded)) else {
            diags.push(
                Diagnostic::error(span, format!("image `{dest}` is outside the book folder"))
                    .with_hint(
                        "copy the image into the book folder; folio reads nothing outside it",
                    ),
            );
            return None;
        };
        if let Some(&index) = self.by_path.get(&path) {
            return Some(index);
        }
        if self.project.outside_links.contains(&path) {
            diags.push(
                Diagnostic::error(
                    span,
                    format!("image `{dest}` is a link to a file outside the book folder"),
                )
                .with_hint("copy the image into the book folder instead of linking to it"),
            );
            return None;
        }
        let Some(bytes) = self.project.images.get(&path) else {
            diags.push(
                Diagnostic::error(span, format!("image `{dest}` not found"))
                    .with_hint("image paths are relative to the chapter file"),
            );
            return None;
        };
        match inspect(bytes) {
            Ok((format, pixels)) => {
                let index = self.images.len();
                self.images.push(Image {
                    path: path.clone(),
                    bytes: bytes.clone(),
                    format,
                    pixels,
                });
                self.by_path.insert(path, index);
                Some(index)
            }
            Err(problem) => {
                diags.push(
                    Diagnostic::error(span, format!("image `{dest}` {problem}"))
                        .with_hint("use a PNG, JPEG, GIF, WebP or SVG file"),
                );
                None
            }
        }
    }
}

fn short(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// The format (from the bytes, not the name) and pixel size of an image.
pub fn inspect(bytes: &[u8]) -> Result<(ImageFormat, Option<(u32, u32)>), String> {
    let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ImageFormat::Png
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ImageFormat::Jpeg
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        ImageFormat::Gif
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        ImageFormat::Webp
    } else if is_svg(bytes) {
        return Ok((ImageFormat::Svg, None));
    } else {
        return Err("is not a PNG, JPEG, GIF, WebP or SVG image".into());
    };
    let reader = image::ImageReader::with_format(
        Cursor::new(bytes),
        match format {
            ImageFormat::Png => image::ImageFormat::Png,
            ImageFormat::Jpeg => image::ImageFormat::Jpeg,
            ImageFormat::Gif => image::ImageFormat::Gif,
            _ => image::ImageFormat::WebP,
        },
    );
    let (w, h) = reader
        .into_dimensions()
        .map_err(|e| format!("cannot be read ({e})"))?;
    if w == 0 || h == 0 {
        return Err("has no pixels".into());
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "is {w}×{h} pixels, more than the 100 megapixels folio accepts"
        ));
    }
    Ok((format, Some((w, h))))
}

fn is_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    text.starts_with('<') && text.contains("<svg")
}
