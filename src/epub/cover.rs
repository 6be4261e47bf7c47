//! A typographic cover (PNG, 1600×2560) from title, subtitle and authors, for books that have
//! no cover image.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::{ImageEncoder, Rgb, RgbImage};

use crate::doc::Metadata;
use crate::error::Error;

/// Cover size in pixels: 1600×2560 is the 1:1.6 shape Kindle and Apple Books recommend.
pub const WIDTH: u32 = 1600;
/// See [`WIDTH`].
pub const HEIGHT: u32 = 2560;

const BACKGROUND: Rgb<u8> = Rgb([0x1f, 0x2a, 0x38]);
const INK: Rgb<u8> = Rgb([0xf4, 0xee, 0xe1]);
const ACCENT: Rgb<u8> = Rgb([0xc8, 0xa9, 0x6a]);
const MARGIN: f32 = 160.0;

/// Fonts in the order they are tried for each character.
struct Fonts<'a>(Vec<FontRef<'a>>);

impl Fonts<'_> {
    /// The first font that has `c`, else the first (which shows its box).
    fn pick(&self, c: char) -> &FontRef<'_> {
        self.0
            .iter()
            .find(|f| f.glyph_id(c).0 != 0)
            .unwrap_or(&self.0[0])
    }
}

/// Renders the cover with the given fonts (OpenType/TrueType files and face indices, the
/// first for the text and the others for the characters it lacks) and encodes it as PNG.
pub fn generate(meta: &Metadata, fonts: &[(&[u8], u32)]) -> Result<Vec<u8>, Error> {
    let fonts: Vec<FontRef> = fonts
        .iter()
        .filter_map(|(bytes, index)| FontRef::try_from_slice_and_index(bytes, *index).ok())
        .collect();
    if fonts.is_empty() {
        return Err(Error::Unsupported("the cover font cannot be read".into()));
    }
    let font = Fonts(fonts);
    let mut canvas = RgbImage::from_pixel(WIDTH, HEIGHT, BACKGROUND);
    let measure = WIDTH as f32 - 2.0 * MARGIN;

    // Frame and rules in the accent colour.
    rect(&mut canvas, 80, 80, WIDTH - 160, 6, ACCENT);
    rect(&mut canvas, 80, HEIGHT - 86, WIDTH - 160, 6, ACCENT);

    let mut y = 560.0;
    let title_size = fit_size(&font, &meta.title, measure, 190.0, 90.0, 4);
    for line in wrap(&font, &meta.title, title_size, measure) {
        y += title_size * 1.1;
        draw_centered(&mut canvas, &font, &line, title_size, y, INK);
    }
    if let Some(subtitle) = &meta.subtitle {
        y += 120.0;
        for line in wrap(&font, subtitle, 86.0, measure) {
            y += 86.0 * 1.25;
            draw_centered(&mut canvas, &font, &line, 86.0, y, ACCENT);
        }
    }
    y += 110.0;
    rect(&mut canvas, WIDTH / 2 - 120, y as u32, 240, 4, ACCENT);

    let authors = meta.labels.join_names(&meta.authors);
    let lines = wrap(&font, &authors, 80.0, measure);
    let mut y = HEIGHT as f32 - 260.0 - 80.0 * 1.3 * lines.len().saturating_sub(1) as f32;
    for line in lines {
        draw_centered(&mut canvas, &font, &line, 80.0, y, INK);
        y += 80.0 * 1.3;
    }

    let mut png = Vec::new();
    // Default compression: flat colour and text shrink to ~120 KiB either way, and the
    // best level took 0.1 s, two thirds of a small book's whole EPUB build.
    image::codecs::png::PngEncoder::new_with_quality(
        &mut png,
        image::codecs::png::CompressionType::Default,
        image::codecs::png::FilterType::Adaptive,
    )
    .write_image(
        canvas.as_raw(),
        WIDTH,
        HEIGHT,
        image::ExtendedColorType::Rgb8,
    )
    .map_err(|e| Error::Unsupported(format!("cannot encode the cover: {e}")))?;
    Ok(png)
}

fn rect(canvas: &mut RgbImage, x: u32, y: u32, w: u32, h: u32, color: Rgb<u8>) {
    for yy in y..(y + h).min(HEIGHT) {
        for xx in x..(x + w).min(WIDTH) {
            canvas.put_pixel(xx, yy, color);
        }
    }
}

fn width_of(fonts: &Fonts, text: &str, size: f32) -> f32 {
    let mut width = 0.0;
    let mut previous: Option<(*const FontRef, ab_glyph::GlyphId)> = None;
    for c in text.chars() {
        let font = fonts.pick(c);
        let scaled = font.as_scaled(PxScale::from(size));
        let id = scaled.glyph_id(c);
        if let Some((p_font, p)) = previous
            && std::ptr::eq(p_font, font)
        {
            width += scaled.kern(p, id);
        }
        width += scaled.h_advance(id);
        previous = Some((font, id));
    }
    width
}

/// The largest size from `max` down to `min` at which `text` takes at most `max_lines` lines.
fn fit_size(font: &Fonts, text: &str, measure: f32, max: f32, min: f32, max_lines: usize) -> f32 {
    let mut size = max;
    while size > min && wrap(font, text, size, measure).len() > max_lines {
        size -= 6.0;
    }
    size.max(min)
}

/// Greedy word wrap at spaces, and between the characters of Chinese and Japanese (which
/// have no spaces); a word too long for a line stands alone.
fn wrap(font: &Fonts, text: &str, size: f32, measure: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for (word, spaced) in words(text) {
        let candidate = if current.is_empty() {
            word.to_string()
        } else if spaced {
            format!("{current} {word}")
        } else {
            format!("{current}{word}")
        };
        if width_of(font, &candidate, size) <= measure || current.is_empty() {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// The words of a text with whether a space comes before each: split at white space, and
/// each Chinese or Japanese character a word of its own (without a space).
fn words(text: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    for word in text.split_whitespace() {
        let mut spaced = true;
        let mut current = String::new();
        for c in word.chars() {
            let is_cjk = matches!(c as u32, 0x3000..=0x30FF | 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF);
            if is_cjk && !current.is_empty() {
                out.push((std::mem::take(&mut current), spaced));
                spaced = false;
            }
            current.push(c);
            if is_cjk {
                out.push((std::mem::take(&mut current), spaced));
                spaced = false;
            }
        }
        if !current.is_empty() {
            out.push((current, spaced));
        }
    }
    out
}

/// Draws one line centred on the page with its baseline at `baseline`, blending coverage.
fn draw_centered(
    canvas: &mut RgbImage,
    fonts: &Fonts,
    text: &str,
    size: f32,
    baseline: f32,
    color: Rgb<u8>,
) {
    let mut x = (WIDTH as f32 - width_of(fonts, text, size)) / 2.0;
    let mut previous: Option<(*const FontRef, ab_glyph::GlyphId)> = None;
    for c in text.chars() {
        let font = fonts.pick(c);
        let scaled = font.as_scaled(PxScale::from(size));
        let id = scaled.glyph_id(c);
        if let Some((p_font, p)) = previous
            && std::ptr::eq(p_font, font)
        {
            x += scaled.kern(p, id);
        }
        let glyph = id.with_scale_and_position(PxScale::from(size), point(x, baseline));
        if let Some(outlined) = font.outline_glyph(glyph) {
            let bounds = outlined.px_bounds();
            outlined.draw(|gx, gy, coverage| {
                let px = bounds.min.x as i64 + i64::from(gx);
                let py = bounds.min.y as i64 + i64::from(gy);
                if px >= 0 && py >= 0 && (px as u32) < WIDTH && (py as u32) < HEIGHT {
                    let pixel = canvas.get_pixel_mut(px as u32, py as u32);
                    for ch in 0..3 {
                        let base = f32::from(pixel.0[ch]);
                        let ink = f32::from(color.0[ch]);
                        pixel.0[ch] =
                            (base + (ink - base) * coverage.clamp(0.0, 1.0)).round() as u8;
                    }
                }
            });
        }
        x += scaled.h_advance(id);
        previous = Some((font, id));
    }
}
