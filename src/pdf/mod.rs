//! `Pages` → PDF 1.7 bytes: pdf-writer for the objects, subsetter for the fonts.
//!
//! The file is deterministic: objects are numbered in document order, nothing reads a clock
//! or iterates a hash map, and the file ID is a hash of everything before the trailer.

mod content;
mod fonts;
mod images;
mod meta;
mod outline;
mod readiness;
mod standards;
#[cfg(test)]
mod tests;
mod writer;

use pdf_writer::types::{ActionType, AnnotationFlags, AnnotationType};
use pdf_writer::writers::Destination;
use pdf_writer::{Name, Pdf, Rect, Ref, Str};

use crate::typeset::page::{Finish, Head, Link, LinkTarget, PageId, Pages, Placed};
use crate::units::Pt;
use outline::Targets;
pub use readiness::{LowResolution, Readiness, Resampled, readiness};
use standards::Colour;
pub use standards::PdfStandard;
pub use writer::Writer;

/// PDF settings that are not part of the page model.
#[derive(Clone, Debug)]
pub struct Options {
    /// The document title (`/Title`, `dc:title`).
    pub title: String,
    /// The authors, in order (`/Author` joined with commas, `dc:creator`).
    pub authors: Vec<String>,
    /// A description (`/Subject`, `dc:description`).
    pub subject: Option<String>,
    /// Keywords (`/Keywords` joined with commas, `dc:subject`, `pdf:Keywords`).
    pub keywords: Vec<String>,
    /// The BCP 47 language tag of the text (`/Lang`, `dc:language`); empty leaves it out.
    pub language: String,
    /// Creation time in Unix seconds (from `SOURCE_DATE_EPOCH`); `None` leaves dates out.
    pub created: Option<i64>,
    /// The program that made the file (`/Producer`, `/Creator`).
    pub producer: String,
    /// The standard the file conforms to (`None` unless set: the build sets PDF/X-4).
    pub standard: PdfStandard,
    /// Whether crop marks are drawn outside the bleed box (the media box grows for them).
    pub crop_marks: bool,
    /// The book reads right to left: viewers show its spreads right to left
    /// (`/ViewerPreferences /Direction /R2L`).
    pub right_to_left: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            title: String::new(),
            authors: Vec::new(),
            subject: None,
            keywords: Vec::new(),
            language: String::new(),
            created: None,
            producer: String::new(),
            standard: PdfStandard::None,
            right_to_left: false,
            crop_marks: false,
        }
    }
}

/// Why the PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A font file could not be parsed.
    #[error("font {font} cannot be read")]
    FontUnreadable {
        /// Index into `Pages::fonts`.
        font: usize,
    },
    /// A font could not be subset (an unsupported format such as CFF2, or a broken file).
    #[error("font {font} cannot be subset: {reason}")]
    FontSubset {
        /// Index into `Pages::fonts`.
        font: usize,
        /// What the subsetter reported.
        reason: String,
    },
    /// An image could not be decoded or is of an unsupported kind.
    #[error("image {image} cannot be read: {reason}")]
    ImageUnreadable {
        /// Index into `Pages::images`.
        image: usize,
        /// What went wrong.
        reason: String,
    },
    /// A text run names a font that `Pages::fonts` does not have.
    #[error("the pages use font {font}, which is not in the font list")]
    MissingFont {
        /// The index used.
        font: usize,
    },
    /// An image item names an image that `Pages::images` does not have.
    #[error("the pages use image {image}, which is not in the image list")]
    MissingImage {
        /// The index used.
        image: usize,
    },
    /// A link or bookmark leads to a page that does not exist.
    #[error("a link or bookmark leads to page {page}, which does not exist")]
    MissingPage {
        /// The index used.
        page: usize,
    },
}

/// Writes pages kept whole (tests, tools) as a PDF file, preparing their images with the
/// default resolution settings and no cache (the build prepares them once for every output
/// and calls `write_with_images`).
pub fn write(pages: &Pages, options: &Options) -> Result<Vec<u8>, Error> {
    let images = prepare_images(pages, crate::images::PdfSettings::default(), options, 1)?;
    write_with_images(pages, &images, options)
}

/// The images of `pages` prepared for a PDF written with `options`, without a cache.
pub fn prepare_images(
    pages: &Pages,
    settings: crate::images::PdfSettings,
    options: &Options,
    jobs: usize,
) -> Result<Vec<crate::images::PdfEntry>, Error> {
    let sources: Vec<crate::doc::Image> = pages
        .images
        .iter()
        .map(|image| crate::doc::Image {
            path: String::new(),
            bytes: image.bytes.clone(),
            format: crate::doc::ImageFormat::Png,
            pixels: None,
        })
        .collect();
    let settings = crate::images::Settings {
        pdf: Some(crate::images::PdfSettings {
            mode: image_mode(options.standard),
            ..settings
        }),
        epub: None,
    };
    let widths = image_widths(pages)?;
    Ok(crate::images::prepare(
        &sources,
        &widths,
        None,
        &settings,
        &crate::images::NoStore,
        jobs,
    )
    .pdf)
}

/// What `standard` asks of image colour (CMYK, flattened transparency), for
/// `images::prepare`.
pub fn image_mode(standard: PdfStandard) -> crate::images::PdfMode {
    Colour::new(standard).image_mode()
}

/// The widest each image of `pages` is drawn (`None`: not drawn); an error when a page
/// draws an image that `pages.images` does not have.
pub fn image_widths(pages: &Pages) -> Result<Vec<Option<Pt>>, Error> {
    let mut drawn = readiness::Drawn::default();
    for page in &pages.pages {
        for item in &page.items {
            if let Placed::Image { image, rect } | Placed::ClippedImage { image, rect, .. } = item {
                if *image >= pages.images.len() {
                    return Err(Error::MissingImage { image: *image });
                }
                drawn.images.push((page.label, *image, *rect));
            }
        }
    }
    Ok(drawn.widest(pages.images.len()))
}

/// Writes pages kept whole (the cover, tests) as a PDF file with their images as
/// `images::prepare` made them (`prepared[i]` for `pages.images[i]`).
pub fn write_with_images(
    pages: &Pages,
    prepared: &[crate::images::PdfEntry],
    options: &Options,
) -> Result<Vec<u8>, Error> {
    let head = Head {
        trim_width: pages.trim_width,
        trim_height: pages.trim_height,
        bleed: pages.bleed,
        fonts: pages.fonts.clone(),
        images: pages.images.clone(),
    };
    let mut writer = Writer::new(&head, options);
    for (k, page) in pages.pages.iter().enumerate() {
        writer.add(PageId(k), page)?;
    }
    let finish = Finish {
        order: (0..pages.pages.len()).map(PageId).collect(),
        links: (pages.pages.iter().enumerate())
            .flat_map(|(k, page)| page.links.iter().map(move |l| (PageId(k), l.clone())))
            .collect(),
        outline: pages.outline.clone(),
    };
    writer.finish(&finish, prepared).map(|(bytes, _)| bytes)
}

/// Numbers indirect objects in the order they are asked for.
struct Refs(i32);

impl Refs {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// The page boxes shared by every page, in PDF coordinates: the bleed box from the origin
/// (the page model's media box), the trim box inside it, and the media box, larger than
/// the bleed box when crop marks are drawn outside it.
struct Boxes {
    media: Rect,
    bleed: Rect,
    trim: Rect,
    /// The crop marks' content, when drawn.
    marks: Option<Vec<u8>>,
}

impl Boxes {
    fn new(head: &Head, crop_marks: bool) -> Boxes {
        let (w, h, b) = (
            head.trim_width.get(),
            head.trim_height.get(),
            head.bleed.get(),
        );
        let bleed = Rect::new(0.0, 0.0, (w + 2.0 * b) as f32, (h + 2.0 * b) as f32);
        let (media, marks) = if crop_marks {
            let s = standards::MARK_SPACE as f32;
            let media = Rect::new(-s, -s, bleed.x2 + s, bleed.y2 + s);
            (media, Some(standards::crop_marks([b, b, w + b, h + b], b)))
        } else {
            (bleed, None)
        };
        Boxes {
            media,
            bleed,
            trim: Rect::new(b as f32, b as f32, (w + b) as f32, (h + b) as f32),
            marks,
        }
    }
}

/// A link annotation without a visible border: a destination on a page or a URI action.
fn write_link(pdf: &mut Pdf, id: Ref, link: &Link, targets: &Targets) -> Result<(), Error> {
    let x0 = link.rect.origin.x.get();
    let top = targets.page_height - link.rect.origin.y.get();
    let rect = Rect::new(
        x0 as f32,
        (top - link.rect.height.get()) as f32,
        (x0 + link.rect.width.get()) as f32,
        top as f32,
    );
    let mut annotation = pdf.annotation(id);
    annotation
        .subtype(AnnotationType::Link)
        .rect(rect)
        // Printable (PDF/A asks every annotation to be).
        .flags(AnnotationFlags::PRINT)
        .border(0.0, 0.0, 0.0, None);
    match &link.target {
        LinkTarget::Page { page, y } => {
            let (page, top) = targets.resolve(*page, y.get())?;
            annotation
                .insert(Name(b"Dest"))
                .start::<Destination>()
                .page(page)
                .xyz(0.0, top, None);
        }
        LinkTarget::Uri(uri) => {
            annotation
                .action()
                .action_type(ActionType::Uri)
                .uri(Str(&uri_bytes(uri)));
        }
    }
    Ok(())
}

/// A URI as the 7-bit ASCII the PDF specification asks for: other bytes percent-encoded.
fn uri_bytes(uri: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(uri.len());
    for &byte in uri.as_bytes() {
        if byte.is_ascii_graphic() {
            out.push(byte);
        } else {
            out.extend_from_slice(format!("%{byte:02X}").as_bytes());
        }
    }
    out
}
