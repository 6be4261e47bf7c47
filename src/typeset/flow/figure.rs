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
        let natural = match natural_size(info) {
            Ok(natural) => natural,
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
                self.caption(caption, indent, width);
                self.gap(design::BLOCK_GAP);
                self.elements.push(Element::SnapToGrid);
                return;
            }
        };
        let ((natural_w, natural_h), pixels) = natural;
        // Scaled down to the measure and a share of the page; a figure much taller than
        // that share is a plate, on a page of its own and as large as the text block.
        let draw_w = if width.fits(natural_w) {
            natural_w
        } else {
            width
        };
        let draw_h = draw_w * (natural_h / natural_w);
        let block = self.m.grid_height();
        let is_plate = draw_h > block * design::PLATE_HEIGHT;
        let max_h = if is_plate {
            block
        } else {
            self.m.height * design::FIGURE_MAX_HEIGHT
        };
        self.elements.push(Element::SnapToGrid);
        self.gap(design::BLOCK_GAP);
        let at = self.elements.len();
        self.elements.push(Element::Image {
            image,
            x: indent,
            width: draw_w,
            height: draw_h,
            keep_with_next: !caption.is_empty(),
            is_plate,
            source: self.source.clone(),
        });
        self.caption(caption, indent, width);
        // The image gives up what its caption needs of a plate's page.
        let below: Pt = self.elements[at + 1..].iter().map(Element::height).sum();
        let max_h = if is_plate { max_h - below } else { max_h };
        let mut drawn = draw_w;
        if let Some(Element::Image {
            x,
            width: w,
            height: h,
            ..
        }) = self.elements.get_mut(at)
        {
            if !max_h.fits(*h) && max_h > Pt::new(0.0) {
                *w = *w * (max_h / *h);
                *h = max_h;
            }
            *x = indent + (width - *w) * 0.5;
            drawn = *w;
        }
        self.warn_low_ppi(pixels, drawn, &info.path, span);
        self.gap(design::BLOCK_GAP);
        self.elements.push(Element::SnapToGrid);
    }

    /// Warns when an image of `pixels` across, drawn `width` wide, prints below 300 ppi.
    fn warn_low_ppi(&mut self, pixels: Option<u32>, width: Pt, path: &str, span: Span) {
        let ppi = pixels.map_or(f64::INFINITY, |w| f64::from(w) / (width.get() / 72.0));
        if ppi < design::PRINT_PPI {
            self.diags.push(
                Diagnostic::warning(
                    span,
                    format!("image `{path}` prints at {ppi:.0} dpi; print wants 300"),
                )
                .with_hint(format!(
                    "supply at least {} pixels of width for this size",
                    (width.get() / 72.0 * design::PRINT_PPI).ceil()
                )),
            );
        }
    }

    /// The caption under a figure, in italic, a little below the image.
    fn caption(&mut self, caption: &[Inline], indent: Pt, width: Pt) {
        if caption.is_empty() {
            return;
        }
        let text = self.text(caption, Style::Italic);
        self.elements.push(Element::Space {
            height: self.m.leading * design::CAPTION_GAP,
            is_discardable: false,
            keep_with_next: true,
        });
        self.caption_lines(&text, indent, width);
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

/// An image's natural size: SVG's own, a raster image's at 150 dpi (with its pixels across,
/// to warn below 300 dpi); why it has none.
pub(super) fn natural_size(info: &crate::doc::Image) -> Result<((Pt, Pt), Option<u32>), String> {
    match (info.format, info.pixels) {
        (ImageFormat::Svg, _) => crate::svg::size(&info.bytes).map(|size| (size, None)),
        (_, Some((w, h))) => {
            let at_natural = |px: u32| Pt::new(f64::from(px) * 72.0 / design::FIGURE_NATURAL_PPI);
            Ok(((at_natural(w), at_natural(h)), Some(w)))
        }
        (_, None) => Err("its size is unknown".into()),
    }
}
