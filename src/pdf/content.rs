//! One page's `Placed` items → its content stream bytes, then Flate.
//!
//! This is the hot path: every glyph of the book passes through `text`. It writes into a
//! reused `Vec<u8>`, formats numbers by hand and allocates nothing per glyph.

use flate2::{Compress, Compression, FlushCompress, Status};

use super::fonts::FontUse;
use super::standards::RgbAs;
use crate::images::naive_cmyk;
use crate::typeset::page::{ImageData, Placed, Rect, TextRun};
use crate::units::Rgb;

/// Compression level for content streams. Measured on Moby-Dick (490 pages, 70 glyphs a
/// line): level 1 gave 1.66 MB in 50 ms, level 3 1.24 MB in 62 ms, level 6 (the default)
/// costs about three times as long for a few percent less.
const CONTENT_LEVEL: u32 = 3;

/// Writes content streams, reusing its buffer from page to page.
pub(super) struct ContentWriter {
    buf: Vec<u8>,
}

/// What a page's content refers to: font and image indices, in first-use order, and
/// whether it paints in the sRGB colour space (`/sRGB`, for coloured text).
#[derive(Default)]
pub(super) struct PageResources {
    pub fonts: Vec<usize>,
    pub images: Vec<usize>,
    pub srgb: bool,
}

/// The name of the sRGB colour space in a page's resources.
pub(super) const SRGB_NAME: &[u8] = b"sRGB";

impl ContentWriter {
    pub fn new() -> Self {
        ContentWriter {
            buf: Vec::with_capacity(64 * 1024),
        }
    }

    /// Writes the items of one page and returns the uncompressed stream. `fonts[i]` is
    /// `Some` for every font the page model uses; glyphs are recorded there as they pass.
    /// Text in colour is painted as `rgb` says the standard wants RGB.
    pub fn render(
        &mut self,
        items: &[Placed],
        images: &[ImageData],
        page_height: f64,
        fonts: &mut [Option<FontUse>],
        resources: &mut PageResources,
        rgb: RgbAs,
    ) -> &[u8] {
        self.buf.clear();
        let mut line_width = f64::NAN;
        // A page starts painting in black (DeviceGray 0); images restore it with their `Q`.
        let mut fill = Rgb::BLACK;
        for item in items {
            match item {
                Placed::Text(run) | Placed::TurnedText(run) => {
                    let Some(font) = fonts.get_mut(run.font).and_then(Option::as_mut) else {
                        continue; // checked in `pdf::write`; unreachable
                    };
                    if run.size.get().is_nan() || run.size.get() <= 0.0 || run.glyphs.is_empty() {
                        continue;
                    }
                    push_unique(&mut resources.fonts, run.font);
                    if run.fill != fill {
                        fill = run.fill;
                        resources.srgb |= fill_colour(&mut self.buf, fill, rgb);
                    }
                    let is_turned = matches!(item, Placed::TurnedText(_));
                    text(&mut self.buf, run, font, page_height, is_turned);
                }
                Placed::Line {
                    from,
                    to,
                    thickness,
                } => {
                    let b = &mut self.buf;
                    if thickness.get() != line_width {
                        line_width = thickness.get();
                        num(b, line_width);
                        b.extend_from_slice(b" w\n");
                    }
                    point(b, from.x.get(), page_height - from.y.get());
                    b.extend_from_slice(b" m ");
                    point(b, to.x.get(), page_height - to.y.get());
                    b.extend_from_slice(b" l S\n");
                }
                Placed::Image { image, rect } => {
                    push_unique(&mut resources.images, *image);
                    let alt = images.get(*image).map_or("", |i| i.alt.as_str());
                    alt_begin(&mut self.buf, alt);
                    self.buf.extend_from_slice(b"q ");
                    image_xobject(&mut self.buf, *image, rect, page_height);
                    alt_end(&mut self.buf, alt);
                }
                Placed::ClippedImage { image, rect, clip } => {
                    push_unique(&mut resources.images, *image);
                    let b = &mut self.buf;
                    b.extend_from_slice(b"q ");
                    point(
                        b,
                        clip.origin.x.get(),
                        page_height - clip.origin.y.get() - clip.height.get(),
                    );
                    b.push(b' ');
                    point(b, clip.width.get(), clip.height.get());
                    b.extend_from_slice(b" re W n ");
                    image_xobject(b, *image, rect, page_height);
                }
            }
        }
        &self.buf
    }
}

/// Sets the fill colour for text: black as DeviceGray (as every page starts), others in
/// DeviceRGB, the page's `/sRGB` ICC colour space, or CMYK by the naive formula, as `rgb`
/// says. Returns whether `/sRGB` was used.
fn fill_colour(b: &mut Vec<u8>, colour: Rgb, rgb: RgbAs) -> bool {
    if colour == Rgb::BLACK {
        b.extend_from_slice(b"0 g\n");
        return false;
    }
    let channels = |b: &mut Vec<u8>, values: &[f64]| {
        for value in values {
            num(b, *value);
            b.push(b' ');
        }
    };
    match rgb {
        RgbAs::Device => {
            channels(b, &colour.fractions());
            b.extend_from_slice(b"rg\n");
        }
        RgbAs::Srgb => {
            b.push(b'/');
            b.extend_from_slice(SRGB_NAME);
            b.extend_from_slice(b" cs ");
            channels(b, &colour.fractions());
            b.extend_from_slice(b"sc\n");
        }
        RgbAs::Cmyk => {
            let cmyk = naive_cmyk([colour.r, colour.g, colour.b]).map(|c| f64::from(c) / 255.0);
            channels(b, &cmyk);
            b.extend_from_slice(b"k\n");
        }
    }
    rgb == RgbAs::Srgb
}

/// Draws image `index` scaled into `rect`, ending the graphics state a `q` opened.
/// Opens a marked-content sequence carrying an image's description, for readers and
/// text extraction (PDF 32000-1, 14.9.3: `/Span` with an `/Alt` property).
fn alt_begin(b: &mut Vec<u8>, alt: &str) {
    if alt.is_empty() {
        return;
    }
    b.extend_from_slice(b"/Span <</Alt ");
    utf16_hex(b, alt);
    b.extend_from_slice(b">> BDC ");
}

/// Writes `text` as a hex string in UTF-16BE with a byte-order mark (a PDF text string).
fn utf16_hex(b: &mut Vec<u8>, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    b.extend_from_slice(b"<FEFF");
    for unit in text.encode_utf16() {
        for shift in [12, 8, 4, 0] {
            b.push(HEX[usize::from((unit >> shift) & 0xF)]);
        }
    }
    b.push(b'>');
}

/// Closes what `alt_begin` opened.
fn alt_end(b: &mut Vec<u8>, alt: &str) {
    if !alt.is_empty() {
        b.extend_from_slice(b"EMC\n");
    }
}

fn image_xobject(b: &mut Vec<u8>, index: usize, rect: &Rect, page_height: f64) {
    let bottom = page_height - rect.origin.y.get() - rect.height.get();
    num(b, rect.width.get());
    b.extend_from_slice(b" 0 0 ");
    num(b, rect.height.get());
    b.push(b' ');
    point(b, rect.origin.x.get(), bottom);
    b.extend_from_slice(b" cm /Im");
    uint(b, index as u64);
    b.extend_from_slice(b" Do Q\n");
}

/// Flate-compresses `data` (zlib wrapper) into `out`, reusing both `out` and the compressor.
pub(super) fn deflate_into(deflate: &mut Compress, data: &[u8], out: &mut Vec<u8>) {
    deflate.reset();
    out.clear();
    out.reserve(data.len() / 2 + 64);
    loop {
        let read = deflate.total_in() as usize;
        // Only an invalid flush mode can fail here, and `Finish` is valid.
        let status = deflate
            .compress_vec(&data[read..], out, FlushCompress::Finish)
            .expect("deflate with FlushCompress::Finish does not fail");
        match status {
            Status::StreamEnd => break,
            Status::Ok | Status::BufError => out.reserve(out.capacity().max(4096)),
        }
    }
}

/// Compresses content streams on as many threads as there are cores, each taking every n-th
/// stream; the bytes are the same whatever the number of threads.
pub(super) fn deflate_all(streams: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let threads = if streams.len() < 16 { 1 } else { threads };
    let compress = |k: usize| -> Vec<(usize, Vec<u8>)> {
        let mut deflate = Compress::new(Compression::new(CONTENT_LEVEL), true);
        (k..streams.len())
            .step_by(threads)
            .map(|i| {
                let mut out = Vec::new();
                deflate_into(&mut deflate, &streams[i], &mut out);
                (i, out)
            })
            .collect()
    };
    let mut out = vec![Vec::new(); streams.len()];
    let parts: Vec<Vec<(usize, Vec<u8>)>> = if threads == 1 {
        vec![compress(0)]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|k| scope.spawn(move || compress(k)))
                .collect();
            // Compression does not fail; a panicking thread is a bug, passed on as it is.
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    };
    for (i, bytes) in parts.into_iter().flatten() {
        out[i] = bytes;
    }
    out
}

/// Compresses a whole buffer at the given zlib level (fonts, images, CMaps).
pub(super) fn deflate(data: &[u8], level: u32) -> Vec<u8> {
    let mut out = Vec::new();
    deflate_into(
        &mut Compress::new(Compression::new(level), true),
        data,
        &mut out,
    );
    out
}

fn push_unique(list: &mut Vec<usize>, index: usize) {
    if !list.contains(&index) {
        list.push(index);
    }
}

/// One run: `BT /Fn size Tf 1 0 0 1 x y Tm [(…) adj (…)] TJ ET`. Each TJ number moves the pen
/// from where the previous glyph's `/W` advance left it to the next glyph's `x`. Glyphs go in
/// binary literal strings, two bytes per CID: half the bytes of hex, and they deflate better.
/// A turned run has the matrix `0 -1 1 0 x y`: text runs down the page, tops to the right.
fn text(b: &mut Vec<u8>, run: &TextRun, font: &mut FontUse, page_height: f64, is_turned: bool) {
    let size = run.size.get();
    // A horizontal scale widens glyphs and TJ moves alike: it goes into the text matrix.
    let h_scale = if run.h_scale.is_finite() && run.h_scale > 0.0 {
        run.h_scale
    } else {
        1.0
    };
    let to_thousandths = 1000.0 / (size * h_scale);
    b.extend_from_slice(b"BT\n/F");
    uint(b, run.font as u64);
    b.push(b' ');
    num(b, size);
    b.extend_from_slice(b" Tf\n");
    if is_turned {
        b.extend_from_slice(b"0 ");
        num(b, -h_scale);
        b.extend_from_slice(b" 1 0 ");
    } else {
        num(b, h_scale);
        b.extend_from_slice(b" 0 0 1 ");
    }
    point(b, run.origin.x.get(), page_height - run.origin.y.get());
    b.extend_from_slice(b" Tm\n[");
    let mut pen = 0.0f64; // where the next glyph would land, in 1/1000 em from the origin
    let mut rise = 0.0f64;
    let mut in_string = false;
    for glyph in &run.glyphs {
        let y_offset = glyph.y_offset.get();
        if y_offset != rise {
            close_string(b, &mut in_string);
            b.extend_from_slice(b"] TJ\n");
            num(b, y_offset);
            b.extend_from_slice(b" Ts\n[");
            rise = y_offset;
        }
        // A TJ number n moves the pen by −n/1000 em; tenths keep the error under 0.01 pt
        // even at 100 pt, and the pen follows the rounded value so errors never add up.
        let tenths = round((pen - glyph.x.get() * to_thousandths) * 10.0);
        if tenths != 0 {
            close_string(b, &mut in_string);
            tenths_num(b, tenths);
            pen -= tenths as f64 / 10.0;
        }
        if !in_string {
            b.push(b'(');
            in_string = true;
        }
        let text = run
            .text
            .get(glyph.text.start as usize..glyph.text.end as usize)
            .unwrap_or("");
        let (cid, advance) = font.record(glyph.id, text);
        if font.is_notdef(glyph.id) && !text.is_empty() {
            // A character no font has is drawn as the .notdef box; the box extracts as the
            // character itself (each box its own, which one ToUnicode entry cannot say).
            close_string(b, &mut in_string);
            b.extend_from_slice(b"] TJ\n/Span <</ActualText ");
            utf16_hex(b, text);
            b.extend_from_slice(b">> BDC\n[(");
            literal2(b, cid);
            b.extend_from_slice(b")] TJ\nEMC\n[");
        } else {
            literal2(b, cid);
        }
        pen += advance;
    }
    close_string(b, &mut in_string);
    b.extend_from_slice(b"] TJ\n");
    if rise != 0.0 {
        b.extend_from_slice(b"0 Ts\n");
    }
    b.extend_from_slice(b"ET\n");
}

fn close_string(b: &mut Vec<u8>, in_string: &mut bool) {
    if *in_string {
        b.push(b')');
        *in_string = false;
    }
}

/// Writes a CID as two bytes of a literal string, escaping the delimiters and CR (which a
/// reader would turn into LF).
fn literal2(b: &mut Vec<u8>, value: u16) {
    for byte in value.to_be_bytes() {
        match byte {
            b'(' | b')' | b'\\' => b.extend_from_slice(&[b'\\', byte]),
            b'\r' => b.extend_from_slice(b"\\r"),
            _ => b.push(byte),
        }
    }
}

fn point(b: &mut Vec<u8>, x: f64, y: f64) {
    num(b, x);
    b.push(b' ');
    num(b, y);
}

/// Writes `value` rounded to 1/1000 (of a point), without trailing zeros; NaN writes 0.
pub(super) fn num(b: &mut Vec<u8>, value: f64) {
    let thousandths = round(value * 1000.0);
    if thousandths < 0 {
        b.push(b'-');
    }
    let abs = thousandths.unsigned_abs();
    uint(b, abs / 1000);
    let frac = abs % 1000;
    if frac != 0 {
        let digits = [
            b'0' + (frac / 100) as u8,
            b'0' + (frac / 10 % 10) as u8,
            b'0' + (frac % 10) as u8,
        ];
        let len = if digits[2] != b'0' {
            3
        } else if digits[1] != b'0' {
            2
        } else {
            1
        };
        b.push(b'.');
        b.extend_from_slice(&digits[..len]);
    }
}

/// Rounds half away from zero; NaN gives 0 and infinities saturate. A cast instead of
/// `f64::round`, which is a libm call on baseline x86-64 and showed up in profiles.
fn round(value: f64) -> i64 {
    (value + 0.5f64.copysign(value)) as i64
}

/// Writes a number given in tenths (`-123` → `-12.3`).
fn tenths_num(b: &mut Vec<u8>, tenths: i64) {
    if tenths < 0 {
        b.push(b'-');
    }
    let abs = tenths.unsigned_abs();
    uint(b, abs / 10);
    if !abs.is_multiple_of(10) {
        b.push(b'.');
        b.push(b'0' + (abs % 10) as u8);
    }
}

fn uint(b: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    b.extend_from_slice(&digits[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formatted(value: f64) -> String {
        let mut b = Vec::new();
        num(&mut b, value);
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn numbers_are_written_to_a_thousandth_without_trailing_zeros() {
        assert_eq!(formatted(0.0), "0");
        assert_eq!(formatted(12.5), "12.5");
        assert_eq!(formatted(-0.05), "-0.05");
        assert_eq!(formatted(3.0004), "3");
        assert_eq!(formatted(1.001), "1.001");
        assert_eq!(formatted(f64::NAN), "0");
        assert_eq!(formatted(-1234.5678), "-1234.568");
    }

    #[test]
    fn cids_escape_parentheses_backslash_and_carriage_return() {
        let mut b = Vec::new();
        for cid in [0x0041, 0x2829, 0x5C0D] {
            literal2(&mut b, cid);
        }
        assert_eq!(b, b"\0A\\(\\)\\\\\\r");
    }

    #[test]
    fn tenths_are_written_as_decimals() {
        let mut b = Vec::new();
        tenths_num(&mut b, -123);
        b.push(b' ');
        tenths_num(&mut b, 40);
        assert_eq!(b, b"-12.3 4");
    }
}
