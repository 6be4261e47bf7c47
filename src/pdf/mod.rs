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

use pdf_writer::types::{ActionType, AnnotationFlags, AnnotationType, PageMode};
use pdf_writer::writers::Destination;
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Settings, Str, TextStr};

use crate::typeset::page::{Link, LinkTarget, Pages, Placed};
use crate::units::Pt;
use content::{ContentWriter, PageResources};
use fonts::FontUse;
use outline::Targets;
pub use readiness::{LowResolution, Readiness, Resampled, readiness};
use standards::Colour;
pub use standards::PdfStandard;

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

/// Writes the typeset pages as a PDF file, preparing their images with the default
/// resolution settings and no cache (the build prepares them once for every output and
/// calls `write_with_images`).
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
    Ok(used_resources(pages)?.1)
}

/// Writes the typeset pages as a PDF file with their images as `images::prepare` made them
/// (`prepared[i]` for `pages.images[i]`).
pub fn write_with_images(
    pages: &Pages,
    prepared: &[crate::images::PdfEntry],
    options: &Options,
) -> Result<Vec<u8>, Error> {
    let (fonts_used, images_used) = used_resources(pages)?;
    let mut refs = Refs(0);
    let catalog = refs.next();
    let page_tree = refs.next();
    let page_refs: Vec<Ref> = pages.pages.iter().map(|_| refs.next()).collect();
    let font_refs: Vec<Option<Ref>> = fonts_used.iter().map(|&u| u.then(|| refs.next())).collect();
    let image_refs: Vec<Option<Ref>> = images_used.iter().map(|u| u.map(|_| refs.next())).collect();
    let mut fonts = pages
        .fonts
        .iter()
        .enumerate()
        .map(|(i, font)| fonts_used[i].then(|| FontUse::new(font, i)).transpose())
        .collect::<Result<Vec<_>, _>>()?;

    let mut pdf = Pdf::with_settings_and_capacity(Settings { pretty: false }, 1 << 20);
    let (major, minor) = standards::version(options.standard);
    pdf.set_version(major, minor);
    let mut colour = Colour::new(options.standard);
    let boxes = Boxes::of(pages, options.crop_marks);
    let targets = Targets {
        pages: &page_refs,
        page_height: boxes.bleed.y2.into(),
    };
    let resources = ResourceRefs {
        fonts: &font_refs,
        images: &image_refs,
    };
    write_pages(
        &mut pdf, &mut refs, pages, page_tree, &targets, &boxes, &resources, &mut fonts, options,
    )?;
    pdf.pages(page_tree)
        .kids(page_refs.iter().copied())
        .count(page_refs.len() as i32);

    for (i, used) in fonts.iter().enumerate() {
        if let (Some(used), Some(id)) = (used, font_refs[i]) {
            fonts::embed(&mut pdf, id, &mut refs, &pages.fonts[i], used, i)?;
        }
    }
    let mut svg_fonts = images::SvgFonts::new(&pages.fonts);
    for (i, (id, width)) in image_refs.iter().zip(&images_used).enumerate() {
        if let (Some(id), Some(width)) = (*id, *width) {
            let target = images::Target {
                id,
                index: i,
                width,
            };
            let entry = prepared.get(i).unwrap_or(&crate::images::PdfEntry::Unused);
            images::embed(
                &mut pdf,
                &target,
                &mut refs,
                entry,
                &pages.images[i],
                &mut svg_fonts,
                &mut colour,
            )?;
        }
    }
    let intent = colour.intent(&mut refs);
    colour.write_profiles(&mut pdf);
    let outline_root = match pages.outline.is_empty() {
        true => None,
        false => {
            let root = refs.next();
            outline::write(&mut pdf, root, &pages.outline, &targets, &mut refs)?;
            Some(root)
        }
    };
    // The document ID, in the trailer and XMP: a hash of the pages, fonts and images, so
    // the same book gives the same file.
    let digest = sha1_smol::Sha1::from(pdf.as_bytes()).digest().bytes();
    let file_id = digest[..16].to_vec();
    let info = refs.next();
    meta::write_info(&mut pdf, info, options);
    let xmp = meta::xmp(options, &file_id);
    let metadata = refs.next();
    pdf.metadata(metadata, xmp.as_bytes());

    let mut cat = pdf.catalog(catalog);
    cat.pages(page_tree).metadata(metadata);
    if let Some(intent) = intent {
        standards::write_output_intent(&mut cat, options.standard, intent);
    }
    cat.viewer_preferences().display_doc_title(true);
    if !options.language.is_empty() {
        cat.lang(TextStr(&options.language));
    }
    if let Some(root) = outline_root {
        cat.outlines(root).page_mode(PageMode::UseOutlines);
    }
    if !pages.pages.is_empty() {
        outline::write_labels(&mut cat, &outline::label_ranges(&pages.pages));
    }
    cat.finish();

    pdf.set_file_id((file_id.clone(), file_id));
    Ok(pdf.finish())
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
    fn of(pages: &Pages, crop_marks: bool) -> Boxes {
        let (w, h, b) = (
            pages.trim_width.get(),
            pages.trim_height.get(),
            pages.bleed.get(),
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

/// The object of each used font and image (`None` when unused).
struct ResourceRefs<'a> {
    fonts: &'a [Option<Ref>],
    images: &'a [Option<Ref>],
}

/// Which fonts the pages use, and the widest each image is drawn (`None` when unused); an
/// index out of range is an error.
fn used_resources(pages: &Pages) -> Result<(Vec<bool>, Vec<Option<Pt>>), Error> {
    let mut fonts = vec![false; pages.fonts.len()];
    let mut images: Vec<Option<Pt>> = vec![None; pages.images.len()];
    for item in pages.pages.iter().flat_map(|page| &page.items) {
        match item {
            Placed::Text(run) | Placed::TurnedText(run)
                if !run.glyphs.is_empty() && run.size.get() > 0.0 =>
            {
                *fonts
                    .get_mut(run.font)
                    .ok_or(Error::MissingFont { font: run.font })? = true;
            }
            Placed::Image { image, rect } | Placed::ClippedImage { image, rect, .. } => {
                let widest = images
                    .get_mut(*image)
                    .ok_or(Error::MissingImage { image: *image })?;
                *widest = Some(widest.map_or(rect.width, |w| w.max(rect.width)));
            }
            _ => {}
        }
    }
    Ok((fonts, images))
}

/// Writes each page: its content stream, page object and link annotations.
#[allow(
    clippy::too_many_arguments,
    reason = "the shared state of one pass over the pages"
)]
fn write_pages(
    pdf: &mut Pdf,
    refs: &mut Refs,
    pages: &Pages,
    page_tree: Ref,
    targets: &Targets,
    boxes: &Boxes,
    resource_refs: &ResourceRefs,
    fonts: &mut [Option<FontUse>],
    options: &Options,
) -> Result<(), Error> {
    let page_height = f64::from(boxes.bleed.y2);
    let keeps_links = standards::keeps_links(options.standard);
    // Content streams are written in page order (glyphs get their ids by first use), then
    // compressed on all cores.
    let mut writer = ContentWriter::new();
    let mut raw = Vec::with_capacity(pages.pages.len());
    let mut all_resources = Vec::with_capacity(pages.pages.len());
    for page in &pages.pages {
        let mut resources = PageResources::default();
        let mut content = writer
            .render(
                &page.items,
                &pages.images,
                page_height,
                fonts,
                &mut resources,
            )
            .to_vec();
        if let Some(marks) = &boxes.marks {
            content.extend_from_slice(marks);
        }
        raw.push(content);
        all_resources.push(resources);
    }
    let streams = content::deflate_all(&raw);
    drop(raw);
    for ((index, page), (stream, resources)) in pages
        .pages
        .iter()
        .enumerate()
        .zip(streams.iter().zip(all_resources))
    {
        let content = refs.next();
        pdf.stream(content, stream).filter(Filter::FlateDecode);
        let links: &[Link] = if keeps_links { &page.links } else { &[] };
        let annotations: Vec<Ref> = links.iter().map(|_| refs.next()).collect();

        let mut object = pdf.page(targets.pages[index]);
        object
            .parent(page_tree)
            .media_box(boxes.media)
            .bleed_box(boxes.bleed)
            .trim_box(boxes.trim)
            .contents(content);
        if !annotations.is_empty() {
            object.annotations(annotations.iter().copied());
        }
        let mut dict = object.resources();
        if !resources.fonts.is_empty() {
            let mut names = dict.fonts();
            for &font in &resources.fonts {
                if let Some(id) = resource_refs.fonts[font] {
                    names.pair(Name(format!("F{font}").as_bytes()), id);
                }
            }
        }
        if !resources.images.is_empty() {
            let mut names = dict.x_objects();
            for &image in &resources.images {
                if let Some(id) = resource_refs.images[image] {
                    names.pair(Name(format!("Im{image}").as_bytes()), id);
                }
            }
        }
        dict.finish();
        object.finish();

        for (link, id) in links.iter().zip(annotations) {
            write_link(pdf, id, link, targets)?;
        }
    }
    Ok(())
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
