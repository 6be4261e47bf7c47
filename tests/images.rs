//! Illustrated books through the real binary (issue 12): images resampled for print and
//! scaled for the EPUB, reported in the readiness line, and kept in the image cache so that
//! a rebuild does no image work.

mod common;

use std::path::{Path, PathBuf};

use common::{Epub, build, problems, stderr, temp_dir};

const EPOCH: (&str, &str) = ("SOURCE_DATE_EPOCH", "1700000000");

/// A grey scan of 16 tones, `width × height`, as a 4-bit palette PNG with some texture.
fn scan(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Four);
    encoder.set_palette((0..16u8).flat_map(|i| [i * 17; 3]).collect::<Vec<u8>>());
    let mut writer = encoder.write_header().expect("a PNG header");
    let row = (width as usize).div_ceil(2);
    let mut data = vec![0u8; row * height as usize];
    for y in 0..height as usize {
        for x in 0..width as usize {
            let tone = (((x / 7) ^ (y / 5)) % 16) as u8;
            data[y * row + x / 2] |= tone << if x % 2 == 0 { 4 } else { 0 };
        }
    }
    writer.write_image_data(&data).expect("PNG data");
    writer.finish().expect("a whole PNG");
    bytes
}

/// A book of one chapter with one large scan: 2400 px across the 4.5 in measure of a
/// 6 × 9 in page is 533 ppi, and 5.76 megapixels.
fn illustrated_book(dir: &Path) -> PathBuf {
    let book = dir.join("book");
    std::fs::create_dir_all(book.join("img")).expect("a book folder");
    std::fs::write(
        book.join("book.toml"),
        "[book]\ntitle = \"Pictures\"\nauthors = [\"A\"]\nlanguage = \"en\"\n",
    )
    .expect("book.toml");
    std::fs::write(
        book.join("one.md"),
        "# One\n\nText before.\n\n![A scan](img/scan.png)\n\nText after.\n",
    )
    .expect("a chapter");
    std::fs::write(book.join("img/scan.png"), scan(2400, 2400)).expect("the scan");
    book
}

/// The cache's entries: name, size and modification time.
fn entries(cache: &Path) -> Vec<(String, u64, std::time::SystemTime)> {
    let mut list: Vec<_> = std::fs::read_dir(cache)
        .expect("the cache folder")
        .flatten()
        .filter(|e| e.file_name() != "CACHEDIR.TAG")
        .map(|e| {
            let meta = e.metadata().expect("an entry");
            let modified = meta.modified().expect("a modification time");
            (
                e.file_name().to_string_lossy().into_owned(),
                meta.len(),
                modified,
            )
        })
        .collect();
    list.sort();
    list
}

fn outputs(out: &Path) -> (Vec<u8>, Vec<u8>) {
    let read = |name: &str| std::fs::read(out.join(name)).expect("an output");
    (read("pictures.pdf"), read("pictures.epub"))
}

#[test]
fn issue_12_images_are_resampled_reported_and_cached() {
    let dir = temp_dir("images-cache");
    let book = illustrated_book(&dir);
    let (out, cache) = (dir.join("out"), dir.join("cache"));
    let cache_arg = ["--cache", cache.to_str().expect("a UTF-8 path")];
    let first = build(&book, &out, "epub,pdf", &cache_arg, &[EPOCH]);
    assert!(first.status.success(), "{}", stderr(&first));
    let report = stderr(&first);
    assert!(report.contains("no image below 300 dpi"), "{report}");
    assert!(
        report.contains("1 image(s) resampled from 533 to 300 ppi"),
        "{report}"
    );
    let built = outputs(&out);
    let epub = Epub::read(&built.1);
    assert_eq!(problems(&epub), Vec::<String>::new());
    let image = epub
        .file("OEBPS/images/img-scan.png")
        .expect("the scan in the EPUB");
    let (_, pixels) = folio::markdown::inspect_image(image).expect("a PNG");
    // 5.76 megapixels scaled to 4: 2400 × 0.833 = 2000.
    assert_eq!(pixels, Some((2000, 2000)));
    assert!(cache.join("CACHEDIR.TAG").is_file());
    let made = entries(&cache);
    assert_eq!(
        made.len(),
        2,
        "one entry for the PDF, one for the EPUB: {made:?}"
    );

    // A rebuild reads every image from the cache and writes no entry again.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = build(&book, &out, "epub,pdf", &cache_arg, &[EPOCH]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(entries(&cache), made);
    assert!(outputs(&out) == built, "a cached build differs");

    // A damaged entry is ignored and made again.
    let damaged = cache.join(&made[0].0);
    let bytes = std::fs::read(&damaged).expect("an entry");
    std::fs::write(&damaged, &bytes[..bytes.len() / 3]).expect("damage the entry");
    let repaired = build(&book, &out, "epub,pdf", &cache_arg, &[EPOCH]);
    assert!(repaired.status.success(), "{}", stderr(&repaired));
    assert!(
        outputs(&out) == built,
        "the build after a damaged entry differs"
    );
    assert_eq!(
        std::fs::read(&damaged).expect("the entry").len(),
        bytes.len()
    );
}

#[test]
fn issue_12_the_cache_lives_beside_the_output_unless_told_otherwise() {
    let dir = temp_dir("images-cache-place");
    let book = illustrated_book(&dir);
    let out = dir.join("out");
    let output = build(&book, &out, "epub", &[], &[EPOCH]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(entries(&dir.join(".folio-cache")).len(), 1);

    let elsewhere = temp_dir("images-no-cache");
    let out = elsewhere.join("out");
    let output = build(&book, &out, "epub", &["--no-cache"], &[EPOCH]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(!elsewhere.join(".folio-cache").exists());
    assert!(out.join("pictures.epub").is_file());
}
