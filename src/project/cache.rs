//! The image cache on disk: one file a processed image, named by its key, in one folder
//! (`.folio-cache/` beside the output folder unless `--cache` says otherwise).
//!
//! The cache is I/O at the edge of the pipeline, like the rest of `project`: `images` asks
//! it through the `images::Store` trait, so that `images`, `pdf` and `epub` stay pure. An
//! entry is written to a temporary file and renamed, so a reader never sees half of one;
//! `images::cache` checks every entry it reads, so a damaged one is made again.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::images::{Key, Store};

/// The cache folder's name when `--cache` does not give one.
pub const DEFAULT_NAME: &str = ".folio-cache";

/// Marks the folder as a cache for backup tools (<https://bford.info/cachedir/>).
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n# This folder holds folio's processed images; it can be deleted at any time.\n";

/// A cache folder.
#[derive(Debug)]
pub struct Folder {
    dir: PathBuf,
    is_read_only: bool,
    /// Numbers the temporary files of this process's writes.
    writes: AtomicU64,
}

impl Folder {
    /// The cache in `dir` (created on the first write).
    pub fn new(dir: impl Into<PathBuf>) -> Folder {
        Folder {
            dir: dir.into(),
            is_read_only: false,
            writes: AtomicU64::new(0),
        }
    }

    /// The cache in `dir`, read but never written (`folio check --print` writes nothing).
    pub fn read_only(dir: impl Into<PathBuf>) -> Folder {
        Folder {
            is_read_only: true,
            ..Folder::new(dir)
        }
    }

    /// The default cache folder for outputs written to `out_dir`: beside it.
    pub fn beside(out_dir: &Path) -> PathBuf {
        out_dir
            .parent()
            .unwrap_or(Path::new("."))
            .join(DEFAULT_NAME)
    }

    fn path(&self, key: &Key) -> PathBuf {
        self.dir.join(key.hex())
    }
}

impl Store for Folder {
    fn load(&self, key: &Key) -> Option<Vec<u8>> {
        fs::read(self.path(key)).ok()
    }

    fn save(&self, key: &Key, entry: &[u8]) {
        if self.is_read_only || fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let tag = self.dir.join("CACHEDIR.TAG");
        if !tag.exists() {
            let _ = fs::write(tag, CACHEDIR_TAG);
        }
        let n = self.writes.fetch_add(1, Ordering::Relaxed);
        let temp = self
            .dir
            .join(format!(".{}.{}.{n}.partial", key.hex(), std::process::id()));
        // A cache that cannot be written only costs the next build time.
        if fs::write(&temp, entry)
            .and_then(|()| fs::rename(&temp, self.path(key)))
            .is_err()
        {
            let _ = fs::remove_file(&temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_saved_atomically_and_loaded_back() {
        let dir = std::env::temp_dir().join(format!("folio-cache-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let cache = Folder::new(&dir);
        let key = Key([7; 20]);
        assert_eq!(cache.load(&key), None);
        cache.save(&key, b"entry");
        assert_eq!(cache.load(&key).as_deref(), Some(&b"entry"[..]));
        let names: Vec<String> = fs::read_dir(&dir)
            .expect("the folder")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".partial")), "{names:?}");
        let reader = Folder::read_only(&dir);
        reader.save(&Key([8; 20]), b"other");
        assert_eq!(reader.load(&Key([8; 20])), None);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_default_cache_is_beside_the_output_folder() {
        assert_eq!(
            Folder::beside(Path::new("book/out")),
            Path::new("book/.folio-cache")
        );
    }
}
