//! SVG bytes → their size in `Pt`, or → RGBA pixels at a chosen width (usvg parses, resvg
//! rasterises). Pure: text is set in the book's own fonts, and nothing is read from disk
//! (images an SVG links to by path are left out; `data:` images are kept).
//!
//! Why pixels and not vectors: svg2pdf (0.13, the newest) writes with pdf-writer 0.12, and its
//! objects cannot join our pdf-writer 0.15 document. At 300 dpi a raster is print quality.

use std::sync::Arc;

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use crate::units::Pt;

/// The largest raster side in pixels: 300 dpi over 26 inches, far beyond any trim size.
const MAX_PIXELS: u32 = 8000;

/// The fonts SVG text is set in, with the generic families (`serif`, `sans-serif`,
/// `monospace`) mapped to the book's faces.
#[derive(Clone, Debug)]
pub struct Fonts {
    db: Arc<fontdb::Database>,
    /// The family of text that names none (the first face's).
    default_family: String,
}

impl Fonts {
    /// Loads the faces in order. `serif` is the first face's family, `monospace` the first
    /// monospaced face's, `sans-serif` the first other family (the serif when there is none).
    pub fn new(faces: &[Arc<[u8]>]) -> Fonts {
        let mut db = fontdb::Database::new();
        let mut families: Vec<(String, bool)> = Vec::new();
        for bytes in faces {
            let ids = db.load_font_source(fontdb::Source::Binary(Arc::new(bytes.clone())));
            for id in ids {
                if let Some(face) = db.face(id)
                    && let Some((family, _)) = face.families.first()
                {
                    families.push((family.clone(), face.monospaced));
                }
            }
        }
        let serif = families.first().map(|f| f.0.clone()).unwrap_or_default();
        let mono = families.iter().find(|f| f.1).map(|f| f.0.clone());
        let sans = families
            .iter()
            .find(|f| !f.1 && f.0 != serif)
            .map(|f| f.0.clone());
        db.set_serif_family(serif.clone());
        db.set_sans_serif_family(sans.unwrap_or_else(|| serif.clone()));
        db.set_monospace_family(mono.unwrap_or_else(|| serif.clone()));
        Fonts {
            db: Arc::new(db),
            default_family: serif,
        }
    }
}

/// Parsing options: the given fonts, and no file access for `<image href="path">`.
fn options(fonts: Option<&Fonts>) -> usvg::Options<'static> {
    let mut options = usvg::Options::default();
    options.image_href_resolver.resolve_string = Box::new(|_, _| None);
    if let Some(fonts) = fonts {
        options.fontdb = fonts.db.clone();
        options.font_family = fonts.default_family.clone();
    }
    options
}

/// The drawing's size (its `width` and `height`, or its `viewBox`), at 96 CSS pixels to the
/// inch as SVG defines. Fails with the parser's reason when the file is not valid SVG.
pub fn size(bytes: &[u8]) -> Result<(Pt, Pt), String> {
    let tree = usvg::Tree::from_data(bytes, &options(None)).map_err(|e| e.to_string())?;
    let size = tree.size();
    let px = |v: f32| Pt::new(f64::from(v) * 72.0 / 96.0);
    Ok((px(size.width()), px(size.height())))
}

/// Draws the SVG `width` pixels wide (the height follows the aspect ratio), on a transparent
/// background, as straight (not premultiplied) RGBA.
pub fn rasterise(bytes: &[u8], width: u32, fonts: &Fonts) -> Result<image::RgbaImage, String> {
    let tree = usvg::Tree::from_data(bytes, &options(Some(fonts))).map_err(|e| e.to_string())?;
    let size = tree.size();
    let width = width.clamp(1, MAX_PIXELS);
    let mut scale = width as f32 / size.width();
    let mut height = (size.height() * scale).ceil();
    if height > MAX_PIXELS as f32 {
        scale *= MAX_PIXELS as f32 / height;
        height = MAX_PIXELS as f32;
    }
    let width = ((size.width() * scale).ceil() as u32).clamp(1, MAX_PIXELS);
    let height = (height as u32).max(1);
    let mut pixmap = Pixmap::new(width, height)
        .ok_or_else(|| format!("cannot make a {width}×{height} pixel canvas"))?;
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let samples: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    image::RgbaImage::from_raw(width, height, samples)
        .ok_or_else(|| "the canvas has the wrong number of pixels".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE: &[u8] = br##"<svg xmlns="http://www.w3.org/2000/svg" width="96" height="48"
        viewBox="0 0 20 10"><rect x="0" y="0" width="10" height="10" fill="#ff0000"/></svg>"##;

    #[test]
    fn size_is_in_points_at_96_pixels_to_the_inch() {
        assert_eq!(size(SQUARE), Ok((Pt::new(72.0), Pt::new(36.0))));
    }

    #[test]
    fn broken_svg_has_a_reason() {
        assert!(size(b"<svg><rect></svg>").is_err());
        assert!(size(b"not svg at all").is_err());
    }

    #[test]
    fn rasterised_pixels_keep_the_aspect_and_draw_the_shapes() {
        let pixels = rasterise(SQUARE, 200, &Fonts::new(&[])).unwrap();
        assert_eq!(pixels.dimensions(), (200, 100));
        assert_eq!(pixels.get_pixel(50, 50).0, [255, 0, 0, 255]); // inside the red square
        assert_eq!(pixels.get_pixel(150, 50).0[3], 0); // transparent beside it
    }

    #[test]
    fn text_is_set_in_the_given_fonts() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40">
            <text x="5" y="30" font-family="Times,serif" font-size="30">Ink</text></svg>"#;
        let ink = |fonts: &Fonts| {
            let pixels = rasterise(svg, 100, fonts).unwrap();
            pixels.pixels().filter(|p| p.0[3] > 128).count()
        };
        assert_eq!(ink(&Fonts::new(&[])), 0, "no fonts, no text");
        let fonts = Fonts::new(&[Arc::from(crate::project::fonts::SERIF_REGULAR)]);
        assert!(ink(&fonts) > 100, "the serif face draws the word");
    }

    #[test]
    fn images_linked_by_path_are_not_read() {
        let png = std::env::temp_dir().join(format!("folio-svg-{}.png", std::process::id()));
        image::RgbaImage::from_pixel(4, 4, image::Rgba([0, 0, 0, 255]))
            .save(&png)
            .unwrap();
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
            width="10" height="10"><image width="10" height="10" xlink:href="{}"/></svg>"#,
            png.display()
        );
        // usvg's own resolver would read the file; ours leaves the image out.
        let read = usvg::Tree::from_data(svg.as_bytes(), &usvg::Options::default()).unwrap();
        let ours = usvg::Tree::from_data(svg.as_bytes(), &options(None)).unwrap();
        let _ = std::fs::remove_file(&png);
        assert!(read.root().has_children());
        assert!(!ours.root().has_children());
    }
}
