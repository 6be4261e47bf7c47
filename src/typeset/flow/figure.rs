//! Figures → elements: the image scaled to the measure (never beyond a share of the page),
//! then its caption; an image that cannot be drawn shows its description.

use super::super::design;
use super::super::list::Element;
use super::{Align, Flow, Format, Style, Text};
use crate::diag::{Diagnostic, Span};
use crate::doc::{ImageFormat, Inline};
use crate::units::Pt;

impl Flow<'_, '_> {
    /// An image scaled to the measure (never beyond a page), then its caption.
    pub(super) fn figure(
        &mut self,
        image: usize,
        alt: &str,
        caption: &[Inline],
        indent: Pt,
        width: Pt,
        span: Span,
    ) {
        let Some(info) = self.book.images.get(image) else {
            return;
        };
        // The natural size: SVG's own, raster images at 150 dpi (with their pixels, to warn
        // below 300 dpi).
        let natural = match (info.format, info.pixels) {
            (ImageFormat::Svg, _) => crate::svg::size(&info.bytes).map(|size| (size, None)),
            (_, Some((w, h))) => {
                let at_natural =
                    |px: u32| Pt::new(f64::from(px) * 72.0 / design::FIGURE_NATURAL_PPI);
                Ok(((at_natural(w), at_natural(h)), Some(w)))
            }
            (_, None) => Err("its size is unknown".into()),
        };
        let natural = match natural {
            Ok(natural) => Some(natural),
            Err(reason) => {
                self.diags.push(
                    Diagnostic::warning(
                        span,
                        format!(
                            "image `{}` cannot be drawn ({reason}); its description is shown",
                            info.path
                        ),
                    )
                    .with_hint("check that the file opens in an image viewer or browser"),
                );
                let mut text = Text::default();
                text.push(&format!("[{alt}]"), Format::plain(Style::Italic));
                self.caption_lines(&text, indent, width);
                None
            }
        };
        if let Some(((natural_w, natural_h), pixels)) = natural {
            // Scaled down to the measure and a share of the page.
            let mut draw_w = if width.fits(natural_w) {
                natural_w
            } else {
                width
            };
            let mut draw_h = draw_w * (natural_h / natural_w);
            let max_h = self.m.height * design::FIGURE_MAX_HEIGHT;
            if !max_h.fits(draw_h) {
                draw_w = draw_w * (max_h / draw_h);
                draw_h = max_h;
            }
            let ppi = pixels.map_or(f64::INFINITY, |w| f64::from(w) / (draw_w.get() / 72.0));
            if ppi < design::PRINT_PPI {
                self.diags.push(
                    Diagnostic::warning(
                        span,
                        format!(
                            "image `{}` prints at {ppi:.0} dpi; print wants 300",
                            info.path
                        ),
                    )
                    .with_hint(format!(
                        "supply at least {} pixels of width for this size",
                        (draw_w.get() / 72.0 * design::PRINT_PPI).ceil()
                    )),
                );
            }
            self.elements.push(Element::SnapToGrid);
            self.gap(design::BLOCK_GAP);
            self.elements.push(Element::Image {
                image,
                x: indent + (width - draw_w) * 0.5,
                width: draw_w,
                height: draw_h,
                keep_with_next: !caption.is_empty(),
                source: self.source.clone(),
            });
        }
        if !caption.is_empty() {
            let text = self.text(caption, Style::Italic);
            self.elements.push(Element::Space {
                height: self.m.leading * design::CAPTION_GAP,
                is_discardable: false,
                keep_with_next: true,
            });
            self.caption_lines(&text, indent, width);
        }
        self.gap(design::BLOCK_GAP);
        self.elements.push(Element::SnapToGrid);
    }

    /// Sets a caption (or the description shown for an image that cannot be drawn): centred,
    /// at the caption size.
    fn caption_lines(&mut self, text: &Text, indent: Pt, width: Pt) {
        self.set_lines(
            text,
            design::CAPTION_SCALE,
            Align::Center,
            indent,
            width,
            false,
        );
    }
}
