//! Decoders, resizers and zlib levels on a folder of PNG scans: the figures behind folio's
//! choice of `png` (palette indices) + fast_image_resize + zlib-rs level 5.

use std::io::Write as _;
use std::time::{Duration, Instant};

use fast_image_resize as fir;

/// 533 ppi (2400 px across 4.5 in) to 300 ppi.
const SCALE: f64 = 300.0 / 533.0;

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let result = f();
    println!(
        "{what}: {:.0} ms",
        Duration::as_secs_f64(&start.elapsed()) * 1000.0
    );
    result
}

struct Grey {
    width: u32,
    height: u32,
    data: Vec<u8>,
}

fn main() {
    let dir = std::env::args().nth(1).expect("a folder of PNG files");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    paths.sort();
    let files: Vec<Vec<u8>> = paths
        .iter()
        .map(|p| std::fs::read(p).expect("a file"))
        .collect();
    let megabytes: usize = files.iter().map(Vec::len).sum();
    println!(
        "{} PNG files, {:.1} MB",
        files.len(),
        megabytes as f64 / 1e6
    );

    let by_image: Vec<Grey> = timed("decode: image (to RGB, then luma)", || {
        files
            .iter()
            .map(|f| {
                let grey = image::load_from_memory(f).expect("decodes").to_luma8();
                Grey {
                    width: grey.width(),
                    height: grey.height(),
                    data: grey.into_raw(),
                }
            })
            .collect()
    });
    let by_zune: Vec<Grey> = timed("decode: zune-png (to RGB, then one channel)", || {
        files
            .iter()
            .map(|f| {
                let mut decoder =
                    zune_png::PngDecoder::new(zune_core::bytestream::ZCursor::new(&f[..]));
                let raw = decoder.decode_raw().expect("decodes");
                let (w, h) = decoder.dimensions().expect("a size");
                let channels = raw.len() / (w * h);
                let data = raw.chunks_exact(channels).map(|p| p[0]).collect();
                Grey {
                    width: w as u32,
                    height: h as u32,
                    data,
                }
            })
            .collect()
    });
    let by_indices: Vec<Grey> = timed("decode: png (palette indices, looked up)", || {
        files.iter().map(|f| palette_grey(f)).collect()
    });
    for (a, (b, c)) in by_image.iter().zip(by_zune.iter().zip(&by_indices)) {
        assert!(
            a.data == b.data && b.data == c.data,
            "the decoders disagree"
        );
    }

    let target = |g: &Grey| {
        let side = |n: u32| (f64::from(n) * SCALE).ceil() as u32;
        (side(g.width), side(g.height))
    };
    let _: Vec<_> = timed("resize: image Lanczos3", || {
        by_indices
            .iter()
            .map(|g| {
                let (w, h) = target(g);
                let buffer = image::GrayImage::from_raw(g.width, g.height, g.data.clone())
                    .expect("a buffer");
                image::imageops::resize(&buffer, w, h, image::imageops::FilterType::Lanczos3)
            })
            .collect()
    });
    let small: Vec<Grey> = timed("resize: fast_image_resize Lanczos3", || {
        let mut resizer = fir::Resizer::new();
        let options = fir::ResizeOptions::new()
            .resize_alg(fir::ResizeAlg::Convolution(fir::FilterType::Lanczos3));
        by_indices
            .iter()
            .map(|g| {
                let (w, h) = target(g);
                let source =
                    fir::images::ImageRef::new(g.width, g.height, &g.data, fir::PixelType::U8)
                        .expect("an image");
                let mut out = fir::images::Image::new(w, h, fir::PixelType::U8);
                resizer
                    .resize(&source, &mut out, &options)
                    .expect("resizes");
                Grey {
                    width: w,
                    height: h,
                    data: out.into_vec(),
                }
            })
            .collect()
    });

    let packed: Vec<Vec<u8>> = small.iter().map(four_bits).collect();
    let raw: usize = small.iter().map(|g| g.data.len()).sum();
    println!("at 300 ppi: {:.1} megapixels", raw as f64 / 1e6);
    for level in [1, 2, 3, 5, 6, 9] {
        let size: usize = timed(&format!("zlib-rs level {level}, 4-bit"), || {
            packed.iter().map(|p| deflate(p, level).len()).sum()
        });
        println!("  {:.2} MB", size as f64 / 1e6);
    }
    let size: usize = timed("zlib-rs level 5, 8-bit", || {
        small.iter().map(|g| deflate(&g.data, 5).len()).sum()
    });
    println!("  {:.2} MB", size as f64 / 1e6);
}

/// A palette PNG's indices, looked up in its (grey) palette.
fn palette_grey(file: &[u8]) -> Grey {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(file));
    decoder.set_transformations(png::Transformations::IDENTITY);
    let mut reader = decoder.read_info().expect("a PNG");
    let palette: Vec<u8> = reader
        .info()
        .palette
        .as_ref()
        .expect("a palette")
        .chunks(3)
        .map(|c| c[0])
        .collect();
    let bits = reader.info().bit_depth as usize;
    let mut indices = vec![0; reader.output_buffer_size().expect("a size")];
    let frame = reader.next_frame(&mut indices).expect("decodes");
    // As folio does: each byte of indices → its pixels' greys, from a table made once.
    let per_byte = 8 / bits;
    let mut table = vec![0u8; 256 * per_byte];
    for byte in 0..256 {
        for k in 0..per_byte {
            let index = (byte >> (8 - bits * (k + 1))) & ((1 << bits) - 1);
            table[byte * per_byte + k] = palette.get(index).copied().unwrap_or(0);
        }
    }
    let width = frame.width as usize;
    let mut data = Vec::with_capacity(width * frame.height as usize);
    for row in indices.chunks_exact(frame.line_size) {
        let start = data.len();
        for &byte in &row[..width.div_ceil(per_byte)] {
            let at = usize::from(byte) * per_byte;
            data.extend_from_slice(&table[at..at + per_byte]);
        }
        data.truncate(start + width);
    }
    Grey {
        width: frame.width,
        height: frame.height,
        data,
    }
}

/// 16 even grey steps, two pixels a byte.
fn four_bits(g: &Grey) -> Vec<u8> {
    g.data
        .chunks_exact(g.width as usize)
        .flat_map(|row| {
            row.chunks(2).map(|pair| {
                let q = |v: u8| ((u32::from(v) * 15 + 127) / 255) as u8;
                (q(pair[0]) << 4) | pair.get(1).map_or(0, |&v| q(v))
            })
        })
        .collect()
}

fn deflate(data: &[u8], level: u32) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(level));
    encoder.write_all(data).expect("in memory");
    encoder.finish().expect("in memory")
}
