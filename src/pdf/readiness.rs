//! The printer's view of a PDF before it is written: page count, boxes, fonts, colour spaces
//! and the resolution of every image at its printed size, from the page model and the
//! options `pdf::write` takes (so it describes exactly the file written with them).

use std::fmt;

use super::Options;
use super::standards::{self, PdfStandard, RgbAs};
use crate::images::{PdfColour, PdfEntry};
use crate::typeset::page::{Head, PageLabel, Pages, Placed, Rect};
use crate::units::{Pt, Rgb};

/// The resolution printers ask of images at their printed size.
pub const MIN_DPI: f64 = 300.0;

/// An image printed below `MIN_DPI`.
#[derive(Clone, Debug, PartialEq)]
pub struct LowResolution {
    /// The label of the page it is on (`17`, `iv`).
    pub page: String,
    /// Index into `Pages::images`.
    pub image: usize,
    /// Its resolution there, in pixels per inch (the lower of across and down).
    pub dpi: u32,
}

/// What a print-on-demand preflight would check.
#[derive(Clone, Debug, PartialEq)]
pub struct Readiness {
    /// The standard the file claims.
    pub standard: PdfStandard,
    /// Pages in the file.
    pub pages: usize,
    /// Trim size.
    pub trim: (Pt, Pt),
    /// Bleed on each side.
    pub bleed: Pt,
    /// Whether crop marks are drawn (outside the bleed box).
    pub crop_marks: bool,
    /// Fonts used; every one is embedded.
    pub fonts: usize,
    /// Whether fonts are embedded whole rather than subset.
    pub fonts_whole: bool,
    /// The colour spaces the file paints in, in a fixed order.
    pub colour_spaces: Vec<&'static str>,
    /// Images drawn (distinct files).
    pub images: usize,
    /// RGB images converted to CMYK by the naive formula (PDF/X-1a).
    pub converted: usize,
    /// Image placements below `MIN_DPI`, in page order.
    pub low_resolution: Vec<LowResolution>,
    /// Images resampled to the print resolution, in image order.
    pub resampled: Vec<Resampled>,
    /// The spine width and the paper it is for, when the build knows the paper.
    pub spine: Option<(Pt, &'static str)>,
    /// The inside (gutter) margin the pages were typeset with, when the build says.
    pub margin_inside: Option<Pt>,
    /// Other problems, each naming its page where it has one.
    pub problems: Vec<String>,
}

/// An image resampled for print: its resolution at the widest size it is drawn, before and
/// after.
#[derive(Clone, Debug, PartialEq)]
pub struct Resampled {
    /// Index into `Pages::images`.
    pub image: usize,
    /// The source's resolution there, in pixels per inch.
    pub from_ppi: u32,
    /// The embedded image's.
    pub to_ppi: u32,
}

/// What the pages draw, as the writer sees them: the fonts used, and each image placement
/// with the label of its page.
#[derive(Clone, Debug, Default)]
pub struct Drawn {
    /// Pages in the file.
    pub pages: usize,
    /// Whether each font of `Head::fonts` is used.
    pub fonts_used: Vec<bool>,
    /// Each image placement, in page order: the page's label, the image, its rectangle.
    pub images: Vec<(PageLabel, usize, Rect)>,
    /// Whether some text is painted in a colour other than black (highlighted code).
    pub coloured: bool,
}

impl Drawn {
    /// The widest each image is drawn (`None` when unused).
    pub fn widest(&self, images: usize) -> Vec<Option<Pt>> {
        let mut widest: Vec<Option<Pt>> = vec![None; images];
        for &(_, image, rect) in &self.images {
            if let Some(w) = widest.get_mut(image) {
                *w = Some(w.map_or(rect.width, |w| w.max(rect.width)));
            }
        }
        widest
    }
}

/// The readiness of `pages` written with `options` and the images `prepared` for them.
pub fn readiness(pages: &Pages, prepared: &[PdfEntry], options: &Options) -> Readiness {
    let mut drawn = Drawn {
        pages: pages.pages.len(),
        fonts_used: vec![false; pages.fonts.len()],
        images: Vec::new(),
        coloured: false,
    };
    for page in &pages.pages {
        for item in &page.items {
            match item {
                Placed::Text(run) | Placed::TurnedText(run) => {
                    if let Some(used) = drawn.fonts_used.get_mut(run.font) {
                        *used |= !run.glyphs.is_empty() && run.size.get() > 0.0;
                    }
                    drawn.coloured |= run.fill != Rgb::BLACK;
                }
                Placed::Image { image, rect } | Placed::ClippedImage { image, rect, .. } => {
                    drawn.images.push((page.label, *image, *rect));
                }
                Placed::Line { .. } => {}
            }
        }
    }
    let head = Head {
        trim_width: pages.trim_width,
        trim_height: pages.trim_height,
        bleed: pages.bleed,
        fonts: pages.fonts.clone(),
        images: pages.images.clone(),
    };
    report(&head, &drawn, prepared, options)
}

/// The readiness of a file of `head`'s sheet and resources that draws `drawn`, with the
/// images `prepared` for it (`prepared[i]` for `head.images[i]`).
pub fn report(head: &Head, drawn: &Drawn, prepared: &[PdfEntry], options: &Options) -> Readiness {
    let images_used = drawn.widest(head.images.len());
    let colour = standards::Colour::new(options.standard);
    let mut spaces = vec![false; 5];
    // Text, rules and crop marks are painted in the default DeviceGray black; coloured
    // text (highlighted code) in RGB as the standard wants it.
    spaces[0] = drawn.pages > 0;
    if drawn.coloured {
        spaces[match colour.rgb() {
            RgbAs::Device => 1,
            RgbAs::Srgb => 2,
            RgbAs::Cmyk => 3,
        }] = true;
    }
    let mut converted = 0;
    let mut problems = Vec::new();
    let mut resampled = Vec::new();
    for (index, used) in images_used.iter().enumerate() {
        let Some(width) = used else {
            continue;
        };
        let entry = prepared.get(index).unwrap_or(&PdfEntry::Unused);
        let space = match entry {
            PdfEntry::Ready(image) => {
                if image.is_resampled() {
                    let inches = width.get() / 72.0;
                    resampled.push(Resampled {
                        image: index,
                        from_ppi: (f64::from(image.source.0) / inches).round() as u32,
                        to_ppi: (f64::from(image.width) / inches).round() as u32,
                    });
                }
                &image.colour
            }
            // Rasterised with colour (and converted, for PDF/X-1a).
            PdfEntry::Svg => &PdfColour::Rgb,
            PdfEntry::Unreadable(_) | PdfEntry::Unused => {
                problems.push(format!("image {index} cannot be read"));
                continue;
            }
        };
        let slot = match (space, colour.rgb()) {
            (PdfColour::Grey | PdfColour::Indexed { is_grey: true, .. }, _) => 0,
            (PdfColour::Rgb | PdfColour::Indexed { .. }, RgbAs::Device) => 1,
            (PdfColour::Rgb | PdfColour::Indexed { .. }, RgbAs::Srgb) => 2,
            (PdfColour::Rgb | PdfColour::Indexed { .. }, RgbAs::Cmyk) => {
                converted += 1;
                3
            }
            (PdfColour::Cmyk { is_converted, .. }, _) => {
                converted += usize::from(*is_converted);
                if colour.tags_cmyk() { 4 } else { 3 }
            }
        };
        spaces[slot] = true;
    }
    const NAMES: [&str; 5] = [
        "DeviceGray",
        "DeviceRGB",
        "ICCBased sRGB",
        "DeviceCMYK",
        "ICCBased CMYK",
    ];
    let colour_spaces = NAMES
        .iter()
        .zip(&spaces)
        .filter(|(_, used)| **used)
        .map(|(name, _)| *name)
        .collect();

    let mut low_resolution = Vec::new();
    for &(page, image, rect) in &drawn.images {
        // SVG is rasterised at 300 dpi for its printed size.
        let Some(PdfEntry::Ready(embedded)) = prepared.get(image) else {
            continue;
        };
        let across = f64::from(embedded.width) / (rect.width.get() / 72.0);
        let down = f64::from(embedded.height) / (rect.height.get() / 72.0);
        let dpi = across.min(down);
        if dpi.is_finite() && dpi.round() < MIN_DPI {
            low_resolution.push(LowResolution {
                page: label(page),
                image,
                dpi: dpi.round() as u32,
            });
        }
    }
    Readiness {
        standard: options.standard,
        pages: drawn.pages,
        trim: (head.trim_width, head.trim_height),
        bleed: head.bleed,
        crop_marks: options.crop_marks,
        fonts: drawn.fonts_used.iter().filter(|&&u| u).count(),
        fonts_whole: head.fonts.first().is_some_and(|f| f.embed_whole),
        colour_spaces,
        images: images_used.iter().filter(|u| u.is_some()).count(),
        converted,
        low_resolution,
        resampled,
        spine: None,
        margin_inside: None,
        problems,
    }
}

/// A page label as the reader sees it.
fn label(label: PageLabel) -> String {
    label.to_string()
}

/// Inches, with up to three decimals and no trailing zeros (`6`, `0.125`).
fn inches(pt: Pt) -> String {
    let text = format!("{:.3}", pt.get() / 72.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl Readiness {
    /// Problems a printer would reject or warn about: low-resolution images and the rest.
    pub fn problem_count(&self) -> usize {
        self.low_resolution.len() + self.problems.len()
    }

    /// The resampling in short: `from 444–1281 to 300 ppi`, when any image was resampled.
    pub fn resampled_range(&self) -> Option<String> {
        let span = |values: Vec<u32>| {
            let (low, high) = (values.iter().min()?, values.iter().max()?);
            Some(match low == high {
                true => low.to_string(),
                false => format!("{low}–{high}"),
            })
        };
        let from = span(self.resampled.iter().map(|r| r.from_ppi).collect())?;
        let to = span(self.resampled.iter().map(|r| r.to_ppi).collect())?;
        Some(format!("from {from} to {to} ppi"))
    }

    /// The report of `folio check --print`, one finding a line.
    pub fn details(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let (major, minor) = standards::version(self.standard);
        let intent = match self.standard {
            PdfStandard::X4 | PdfStandard::X1a => {
                format!(", output intent {}", standards::CMYK.identifier)
            }
            PdfStandard::A2b => format!(", output intent {}", standards::SRGB.identifier),
            PdfStandard::None => String::new(),
        };
        lines.push(format!(
            "standard: {} (PDF {major}.{minor}{intent})",
            self.standard.name()
        ));
        let mut pages = format!("pages: {}", self.pages);
        if let Some((width, paper)) = self.spine {
            pages.push_str(&format!(", spine {} in on {paper} paper", inches(width)));
        }
        lines.push(pages);
        if let Some(margin) = self.margin_inside {
            lines.push(format!("inside margin: {} in", inches(margin)));
        }
        lines.push(format!(
            "boxes: trim {} × {} in, bleed {} in{}; TrimBox and BleedBox on every page",
            inches(self.trim.0),
            inches(self.trim.1),
            inches(self.bleed),
            if self.crop_marks {
                ", crop marks outside the bleed"
            } else {
                ", no crop marks"
            },
        ));
        lines.push(format!(
            "fonts: {}, all embedded ({})",
            self.fonts,
            if self.fonts_whole { "whole" } else { "subset" }
        ));
        let mut colour = format!("colour: {}", self.colour_spaces.join(", "));
        if self.converted > 0 {
            colour.push_str(&format!(
                " ({} RGB image(s) converted to CMYK by a naive formula, without a profile: check \
                 their colours)",
                self.converted
            ));
        }
        lines.push(colour);
        lines.push(format!(
            "images: {}, {} placement(s) below {MIN_DPI} dpi",
            self.images,
            self.low_resolution.len()
        ));
        for low in &self.low_resolution {
            lines.push(format!(
                "  page {}: image {} prints at {} dpi",
                low.page, low.image, low.dpi
            ));
        }
        lines.push(format!(
            "resampled: {} image(s){}",
            self.resampled.len(),
            self.resampled_range()
                .map_or(String::new(), |range| format!(", {range}"))
        ));
        for image in &self.resampled {
            lines.push(format!(
                "  image {}: {} → {} ppi",
                image.image, image.from_ppi, image.to_ppi
            ));
        }
        for problem in &self.problems {
            lines.push(format!("problem: {problem}"));
        }
        lines
    }
}

/// The one-line summary printed after every PDF build.
impl fmt::Display for Readiness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "print: {}, {} pages, trim {} × {} in, bleed {} in",
            self.standard.name(),
            self.pages,
            inches(self.trim.0),
            inches(self.trim.1),
            inches(self.bleed)
        )?;
        if let Some((width, paper)) = self.spine {
            write!(f, ", spine {} in ({paper})", inches(width))?;
        }
        write!(
            f,
            ", {} fonts embedded, colour {}",
            self.fonts,
            self.colour_spaces.join(" + ")
        )?;
        match self.low_resolution.as_slice() {
            [] => write!(f, ", no image below {MIN_DPI} dpi")?,
            lows => {
                let pages: Vec<String> = lows
                    .iter()
                    .map(|l| format!("p. {} {} dpi", l.page, l.dpi))
                    .collect();
                write!(
                    f,
                    ", {} image(s) below {MIN_DPI} dpi ({})",
                    lows.len(),
                    pages.join(", ")
                )?;
            }
        }
        if let Some(range) = self.resampled_range() {
            write!(f, ", {} image(s) resampled {range}", self.resampled.len())?;
        }
        if !self.problems.is_empty() {
            write!(f, ", {} other problem(s)", self.problems.len())?;
        }
        Ok(())
    }
}
