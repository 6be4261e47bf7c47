//! Processed images ↔ cache entries: content-addressed keys, and a checked binary form that
//! a truncated or corrupt entry fails to read (it is then made again). Where entries are
//! kept is the caller's: a `Store` (the build's is a folder, `project::cache`).

use std::sync::Arc;

use super::{Encoding, EpubImage, PdfColour, PdfImage};
use crate::doc::ImageFormat;

/// Bumped whenever processing changes its output for the same inputs, so that entries made
/// by an older pipeline are never read (the folio version is in every key as well).
const REVISION: u32 = 2;

/// The first bytes of every entry.
const MAGIC: &[u8; 8] = b"FOLIOIMG";

/// Where processed images are kept between builds. Implementations must be safe to call
/// from several threads; a failed save is ignored (the next build makes the entry again).
pub trait Store: Sync + std::fmt::Debug {
    /// The entry saved under `key`, if there is one (it is checked before use).
    fn load(&self, key: &Key) -> Option<Vec<u8>>;
    /// Keeps `entry` under `key`.
    fn save(&self, key: &Key, entry: &[u8]);
    /// Whether it keeps anything (when not, entries are not even made).
    fn keeps(&self) -> bool {
        true
    }
}

/// A store that keeps nothing: every build processes its images.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoStore;

impl Store for NoStore {
    fn load(&self, _: &Key) -> Option<Vec<u8>> {
        None
    }
    fn save(&self, _: &Key, _: &[u8]) {}
    fn keeps(&self) -> bool {
        false
    }
}

/// A content address: the SHA-1 of the source image's bytes, of every setting that changes
/// the result, and of the folio version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key(pub [u8; 20]);

impl Key {
    /// The key of processing the image whose bytes hash to `source`, for `output` with
    /// `settings` (a text naming every parameter of the result).
    pub fn new(source: &[u8; 20], output: &str, settings: &str) -> Key {
        let mut hash = sha1_smol::Sha1::new();
        hash.update(env!("CARGO_PKG_VERSION").as_bytes());
        hash.update(&REVISION.to_le_bytes());
        hash.update(source);
        hash.update(output.as_bytes());
        hash.update(b"\0");
        hash.update(settings.as_bytes());
        Key(hash.digest().bytes())
    }

    /// The key as 40 hexadecimal digits (a file name).
    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The SHA-1 of an image's bytes.
pub fn digest(bytes: &[u8]) -> [u8; 20] {
    sha1_smol::Sha1::from(bytes).digest().bytes()
}

/// A PDF image as a cache entry.
pub fn pdf_entry(image: &PdfImage) -> Vec<u8> {
    let mut out = Writer::default();
    out.u8(1);
    out.u32(image.width);
    out.u32(image.height);
    out.u8(image.bits);
    match &image.colour {
        PdfColour::Grey => out.u8(0),
        PdfColour::Rgb => out.u8(1),
        PdfColour::Cmyk {
            is_inverted,
            is_converted,
        } => {
            out.u8(2);
            out.u8(u8::from(*is_inverted) | u8::from(*is_converted) << 1);
        }
        PdfColour::Indexed { palette, is_grey } => {
            out.u8(4 + u8::from(!*is_grey));
            out.bytes(palette);
        }
    }
    match image.encoding {
        Encoding::Flate => out.u8(0),
        Encoding::Dct => out.u8(1),
        Encoding::FlatePng { colours } => {
            out.u8(2);
            out.u8(colours);
        }
    }
    out.bytes(&image.data);
    match &image.mask {
        Some(mask) => {
            out.u8(1);
            out.bytes(mask);
        }
        None => out.u8(0),
    }
    out.u32(image.source.0);
    out.u32(image.source.1);
    out.seal()
}

/// Reads a PDF image entry; `None` when it is not a whole, intact one.
pub fn read_pdf_entry(entry: &[u8]) -> Option<PdfImage> {
    let mut r = Reader::open(entry)?;
    (r.u8()? == 1).then_some(())?;
    let (width, height, bits) = (r.u32()?, r.u32()?, r.u8()?);
    // What the PDF writer will be asked to write must be valid there.
    (width > 0 && height > 0 && matches!(bits, 1 | 2 | 4 | 8)).then_some(())?;
    let colour = match r.u8()? {
        0 => PdfColour::Grey,
        1 => PdfColour::Rgb,
        2 => {
            let flags = r.u8()?;
            PdfColour::Cmyk {
                is_inverted: flags & 1 != 0,
                is_converted: flags & 2 != 0,
            }
        }
        tag @ (4 | 5) => PdfColour::Indexed {
            palette: r.bytes()?.to_vec(),
            is_grey: tag == 4,
        },
        _ => return None,
    };
    let encoding = match r.u8()? {
        0 => Encoding::Flate,
        1 => Encoding::Dct,
        2 => Encoding::FlatePng {
            colours: r.u8().filter(|c| (1..=4).contains(c))?,
        },
        _ => return None,
    };
    let data: Arc<[u8]> = r.bytes()?.into();
    let mask = match r.u8()? {
        0 => None,
        1 => Some(r.bytes()?.to_vec()),
        _ => return None,
    };
    let source = (r.u32()?, r.u32()?);
    r.end()?;
    Some(PdfImage {
        width,
        height,
        colour,
        bits,
        encoding,
        data,
        mask,
        source,
    })
}

/// An EPUB image as a cache entry.
pub fn epub_entry(image: &EpubImage) -> Vec<u8> {
    let mut out = Writer::default();
    out.u8(2);
    out.u8(match image.format {
        ImageFormat::Jpeg => 1,
        _ => 0,
    });
    out.u32(image.size.0);
    out.u32(image.size.1);
    out.u32(image.source.0);
    out.u32(image.source.1);
    out.bytes(&image.bytes);
    out.seal()
}

/// Reads an EPUB image entry; `None` when it is not a whole, intact one.
pub fn read_epub_entry(entry: &[u8]) -> Option<EpubImage> {
    let mut r = Reader::open(entry)?;
    (r.u8()? == 2).then_some(())?;
    let format = match r.u8()? {
        0 => ImageFormat::Png,
        1 => ImageFormat::Jpeg,
        _ => return None,
    };
    let size = (r.u32()?, r.u32()?);
    let source = (r.u32()?, r.u32()?);
    let bytes: Arc<[u8]> = r.bytes()?.into();
    r.end()?;
    Some(EpubImage {
        bytes,
        format,
        size,
        source,
    })
}

/// The magic, checksum and length before an entry's payload.
const HEADER: usize = MAGIC.len() + 4 + 8;

/// Builds an entry: room for the header, then the payload; `seal` fills the header in.
struct Writer(Vec<u8>);

impl Default for Writer {
    fn default() -> Self {
        Writer(vec![0; HEADER])
    }
}

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn bytes(&mut self, bytes: &[u8]) {
        self.0
            .extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        self.0.extend_from_slice(bytes);
    }
    fn seal(mut self) -> Vec<u8> {
        let (header, payload) = self.0.split_at_mut(HEADER);
        header[..8].copy_from_slice(MAGIC);
        header[8..12].copy_from_slice(&crc32fast::hash(payload).to_le_bytes());
        header[12..].copy_from_slice(&(payload.len() as u64).to_le_bytes());
        self.0
    }
}

/// Reads a sealed entry's payload, failing on any short or surplus byte.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    /// The payload of an entry whose magic, length and checksum hold.
    fn open(entry: &'a [u8]) -> Option<Reader<'a>> {
        let rest = entry.strip_prefix(MAGIC)?;
        let crc = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?);
        let length = u64::from_le_bytes(rest.get(4..12)?.try_into().ok()?);
        let payload = rest.get(12..)?;
        (payload.len() as u64 == length && crc32fast::hash(payload) == crc)
            .then_some(Reader(payload))
    }
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let length = u64::from_le_bytes(self.take(8)?.try_into().ok()?);
        self.take(usize::try_from(length).ok()?)
    }
    fn end(&self) -> Option<()> {
        self.0.is_empty().then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> PdfImage {
        PdfImage {
            width: 3,
            height: 2,
            colour: PdfColour::Indexed {
                palette: vec![0, 128, 255],
                is_grey: true,
            },
            bits: 4,
            encoding: Encoding::FlatePng { colours: 1 },
            data: vec![1, 2, 3, 4].into(),
            mask: Some(vec![9, 9]),
            source: (30, 20),
        }
    }

    #[test]
    fn entries_read_back_as_they_were_written() {
        let image = sample();
        assert_eq!(read_pdf_entry(&pdf_entry(&image)), Some(image));
        let epub = EpubImage {
            bytes: vec![7; 10].into(),
            format: ImageFormat::Jpeg,
            size: (5, 4),
            source: (50, 40),
        };
        assert_eq!(read_epub_entry(&epub_entry(&epub)), Some(epub));
    }

    #[test]
    fn truncated_corrupt_or_foreign_entries_are_refused() {
        let entry = pdf_entry(&sample());
        for cut in 0..entry.len() {
            assert_eq!(read_pdf_entry(&entry[..cut]), None, "cut at {cut}");
        }
        let mut flipped = entry.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert_eq!(read_pdf_entry(&flipped), None);
        assert_eq!(read_epub_entry(&entry), None);
    }

    #[test]
    fn keys_change_with_source_output_and_settings() {
        let a = Key::new(&digest(b"one"), "pdf", "10x10");
        assert_eq!(a, Key::new(&digest(b"one"), "pdf", "10x10"));
        assert_ne!(a, Key::new(&digest(b"two"), "pdf", "10x10"));
        assert_ne!(a, Key::new(&digest(b"one"), "epub", "10x10"));
        assert_ne!(a, Key::new(&digest(b"one"), "pdf", "10x11"));
        assert_eq!(a.hex().len(), 40);
    }
}
