//! The PDF written page by page: each page's content stream is drawn and compressed as the
//! page arrives (on all cores, a batch at a time) and the page let go; the page objects,
//! links, fonts (subset to the glyphs drawn), images, outline and labels follow once the
//! typesetter says it is done. Memory holds the compressed file and a few pages, never the
//! whole book's page model.

use std::collections::BTreeMap;

use pdf_writer::types::PageMode;
use pdf_writer::{Filter, Finish as _, Name, Pdf, Ref, Settings, TextStr};

use super::content::{self, ContentWriter, PageResources};
use super::fonts::{self, FontUse};
use super::images;
use super::outline::{self, Targets};
use super::readiness::{self, Drawn, Readiness};
use super::standards::{self, Colour};
use super::{Boxes, Error, Options, Refs, meta, write_link};
use crate::images::PdfEntry;
use crate::typeset::page::{Finish, Head, Link, Page, PageId, PageLabel, PageSink, Placed};
use crate::units::Pt;

/// Pages drawn before their content streams are compressed together.
const BATCH: usize = 32;

/// A page drawn and waiting for its content stream to be compressed.
struct Drawing {
    id: PageId,
    raw: Vec<u8>,
    resources: PageResources,
    label: PageLabel,
}

/// A page whose content stream is written; its page object comes at the end.
struct Written {
    content: Ref,
    resources: PageResources,
    label: PageLabel,
}

/// Writes a PDF as its pages arrive.
pub struct Writer<'h> {
    head: &'h Head,
    options: Options,
    pdf: Pdf,
    refs: Refs,
    catalog: Ref,
    page_tree: Ref,
    boxes: Boxes,
    fonts: Vec<Option<FontUse>>,
    content: ContentWriter,
    batch: Vec<Drawing>,
    written: BTreeMap<PageId, Written>,
    drawn: Drawn,
}

impl<'h> Writer<'h> {
    /// A writer for pages of `head`'s sheet, fonts and images.
    pub fn new(head: &'h Head, options: &Options) -> Writer<'h> {
        let mut refs = Refs(0);
        let catalog = refs.next();
        let page_tree = refs.next();
        let mut pdf = Pdf::with_settings_and_capacity(Settings { pretty: false }, 1 << 20);
        let (major, minor) = standards::version(options.standard);
        pdf.set_version(major, minor);
        Writer {
            head,
            options: options.clone(),
            pdf,
            refs,
            catalog,
            page_tree,
            boxes: Boxes::new(head, options.crop_marks),
            fonts: (0..head.fonts.len()).map(|_| None).collect(),
            content: ContentWriter::new(),
            batch: Vec::new(),
            written: BTreeMap::new(),
            drawn: Drawn {
                fonts_used: vec![false; head.fonts.len()],
                ..Drawn::default()
            },
        }
    }

    /// Draws page `id` into its content stream.
    pub fn add(&mut self, id: PageId, page: &Page) -> Result<(), Error> {
        for item in &page.items {
            match item {
                Placed::Text(run) | Placed::TurnedText(run)
                    if !run.glyphs.is_empty() && run.size.get() > 0.0 =>
                {
                    let slot = self
                        .fonts
                        .get_mut(run.font)
                        .ok_or(Error::MissingFont { font: run.font })?;
                    if slot.is_none() {
                        *slot = Some(FontUse::new(&self.head.fonts[run.font], run.font)?);
                        self.drawn.fonts_used[run.font] = true;
                    }
                    self.drawn.coloured |= run.fill != crate::units::Rgb::BLACK;
                }
                Placed::Image { image, rect } | Placed::ClippedImage { image, rect, .. } => {
                    if *image >= self.head.images.len() {
                        return Err(Error::MissingImage { image: *image });
                    }
                    self.drawn.images.push((page.label, *image, *rect));
                }
                _ => {}
            }
        }
        let mut resources = PageResources::default();
        let page_height = f64::from(self.boxes.bleed.y2);
        let mut raw = self
            .content
            .render(
                &page.items,
                &self.head.images,
                page_height,
                &mut self.fonts,
                &mut resources,
                Colour::new(self.options.standard).rgb(),
            )
            .to_vec();
        if let Some(marks) = &self.boxes.marks {
            raw.extend_from_slice(marks);
        }
        self.batch.push(Drawing {
            id,
            raw,
            resources,
            label: page.label,
        });
        if self.batch.len() >= BATCH {
            self.flush();
        }
        Ok(())
    }

    /// Compresses the pages drawn so far and writes their content streams.
    fn flush(&mut self) {
        let mut batch = std::mem::take(&mut self.batch);
        let raws: Vec<Vec<u8>> = batch
            .iter_mut()
            .map(|d| std::mem::take(&mut d.raw))
            .collect();
        let streams = content::deflate_all(&raws);
        for (drawing, stream) in batch.into_iter().zip(streams) {
            let content = self.refs.next();
            self.pdf
                .stream(content, &stream)
                .filter(Filter::FlateDecode);
            self.written.insert(
                drawing.id,
                Written {
                    content,
                    resources: drawing.resources,
                    label: drawing.label,
                },
            );
        }
    }

    /// The widest each image of the head is drawn on the pages added so far (`None`: not
    /// drawn): what `images::prepare` resamples the PDF's images for.
    pub fn image_widths(&self) -> Vec<Option<Pt>> {
        self.drawn.widest(self.head.images.len())
    }

    /// Writes everything after the pages, in `finish`'s reading order, with the images as
    /// `images::prepare` made them (`prepared[i]` for `Head::images[i]`), and returns the
    /// file and the printer's view of it.
    pub fn finish(
        mut self,
        finish: &Finish,
        prepared: &[PdfEntry],
    ) -> Result<(Vec<u8>, Readiness), Error> {
        self.flush();
        let objects = self.allocate(finish);
        let targets = Targets {
            pages: &objects.in_order,
            page_height: self.boxes.bleed.y2.into(),
        };
        let links = self.links(finish, &objects.index)?;
        let mut colour = Colour::new(self.options.standard);
        // The sRGB profile of coloured text (allocated only when some page has it).
        let srgb = (objects.order.iter())
            .any(|id| self.written[id].resources.srgb)
            .then(|| colour.srgb(&mut self.refs));
        for id in &objects.order {
            let page_links = links.get(id).map_or(&[][..], Vec::as_slice);
            self.page_object(*id, &objects, page_links, srgb, &targets)?;
        }
        self.pdf
            .pages(self.page_tree)
            .kids(objects.in_order.iter().copied())
            .count(objects.in_order.len() as i32);

        self.embed_fonts(&objects.fonts)?;
        self.embed_images(&objects, prepared, &mut colour)?;
        let intent = colour.intent(&mut self.refs);
        colour.write_profiles(&mut self.pdf);
        let outline_root = self.outline(finish, &objects.index, &targets)?;
        // The document ID, in the trailer and XMP: a hash of the pages, fonts and images, so
        // the same book gives the same file.
        let digest = sha1_smol::Sha1::from(self.pdf.as_bytes()).digest().bytes();
        let file_id = digest[..16].to_vec();
        let info = self.refs.next();
        meta::write_info(&mut self.pdf, info, &self.options);
        let xmp = meta::xmp(&self.options, &file_id);
        let metadata = self.refs.next();
        self.pdf.metadata(metadata, xmp.as_bytes());

        self.catalog(&objects.order, metadata, intent, outline_root);
        self.pdf.set_file_id((file_id.clone(), file_id));

        self.drawn.pages = objects.order.len();
        let report = readiness::report(self.head, &self.drawn, prepared, &self.options);
        Ok((self.pdf.finish(), report))
    }

    /// Numbers the objects after the content streams: the written pages in `finish`'s
    /// reading order, then the fonts used, then the images drawn.
    fn allocate(&mut self, finish: &Finish) -> Objects {
        let order: Vec<PageId> = finish
            .order
            .iter()
            .copied()
            .filter(|id| self.written.contains_key(id))
            .collect();
        let pages: BTreeMap<PageId, Ref> = order.iter().map(|&id| (id, self.refs.next())).collect();
        let fonts: Vec<Option<Ref>> = (self.fonts.iter())
            .map(|f| f.is_some().then(|| self.refs.next()))
            .collect();
        let widest = self.image_widths();
        let images: Vec<Option<Ref>> = widest.iter().map(|w| w.map(|_| self.refs.next())).collect();
        let in_order: Vec<Ref> = order.iter().map(|id| pages[id]).collect();
        let index: BTreeMap<PageId, usize> =
            order.iter().enumerate().map(|(k, &id)| (id, k)).collect();
        Objects {
            order,
            pages,
            in_order,
            index,
            fonts,
            images,
            widest,
        }
    }

    /// The links of each page, their target pages named by their place in the reading order
    /// (`index`); none when the PDF standard forbids links.
    fn links(
        &self,
        finish: &Finish,
        index: &BTreeMap<PageId, usize>,
    ) -> Result<BTreeMap<PageId, Vec<Link>>, Error> {
        let mut links: BTreeMap<PageId, Vec<Link>> = BTreeMap::new();
        if !standards::keeps_links(self.options.standard) {
            return Ok(links);
        }
        for (id, link) in &finish.links {
            let mut link = link.clone();
            if let crate::typeset::page::LinkTarget::Page { page, .. } = &mut link.target {
                *page = *index
                    .get(&PageId(*page))
                    .ok_or(Error::MissingPage { page: *page })?;
            }
            links.entry(*id).or_default().push(link);
        }
        Ok(links)
    }

    /// Writes page `id`'s object: its boxes, content stream, resources (fonts, images, the
    /// sRGB colour space when its text is coloured) and its links' annotations.
    fn page_object(
        &mut self,
        id: PageId,
        objects: &Objects,
        links: &[Link],
        srgb: Option<Ref>,
        targets: &Targets,
    ) -> Result<(), Error> {
        let written = &self.written[&id];
        let annotations: Vec<Ref> = links.iter().map(|_| self.refs.next()).collect();
        let mut object = self.pdf.page(objects.pages[&id]);
        object
            .parent(self.page_tree)
            .media_box(self.boxes.media)
            .bleed_box(self.boxes.bleed)
            .trim_box(self.boxes.trim)
            .contents(written.content);
        if !annotations.is_empty() {
            object.annotations(annotations.iter().copied());
        }
        let mut dict = object.resources();
        if !written.resources.fonts.is_empty() {
            let mut names = dict.fonts();
            for &font in &written.resources.fonts {
                if let Some(id) = objects.fonts[font] {
                    names.pair(Name(format!("F{font}").as_bytes()), id);
                }
            }
        }
        if !written.resources.images.is_empty() {
            let mut names = dict.x_objects();
            for &image in &written.resources.images {
                if let Some(id) = objects.images[image] {
                    names.pair(Name(format!("Im{image}").as_bytes()), id);
                }
            }
        }
        if let (true, Some(srgb)) = (written.resources.srgb, srgb) {
            dict.color_spaces()
                .insert(Name(content::SRGB_NAME))
                .array()
                .item(Name(b"ICCBased"))
                .item(srgb);
        }
        dict.finish();
        object.finish();
        for (link, id) in links.iter().zip(annotations) {
            write_link(&mut self.pdf, id, link, targets)?;
        }
        Ok(())
    }

    /// Embeds each font used (`refs[i]` for `Head::fonts[i]`), subset to the glyphs drawn.
    fn embed_fonts(&mut self, refs: &[Option<Ref>]) -> Result<(), Error> {
        for (i, used) in self.fonts.iter().enumerate() {
            if let (Some(used), Some(id)) = (used, refs[i]) {
                fonts::embed(
                    &mut self.pdf,
                    id,
                    &mut self.refs,
                    &self.head.fonts[i],
                    used,
                    i,
                )?;
            }
        }
        Ok(())
    }

    /// Embeds each image drawn, as `images::prepare` made it (`prepared[i]`).
    fn embed_images(
        &mut self,
        objects: &Objects,
        prepared: &[PdfEntry],
        colour: &mut Colour,
    ) -> Result<(), Error> {
        let mut svg_fonts = images::SvgFonts::new(&self.head.fonts);
        for (i, (id, width)) in objects.images.iter().zip(&objects.widest).enumerate() {
            if let (Some(id), Some(width)) = (*id, *width) {
                let target = images::Target {
                    id,
                    index: i,
                    width,
                };
                images::embed(
                    &mut self.pdf,
                    &target,
                    &mut self.refs,
                    prepared.get(i).unwrap_or(&PdfEntry::Unused),
                    &self.head.images[i],
                    &mut svg_fonts,
                    colour,
                )?;
            }
        }
        Ok(())
    }

    /// Writes the outline, its pages named by their place in the reading order (`index`);
    /// returns its root, if the book has one.
    fn outline(
        &mut self,
        finish: &Finish,
        index: &BTreeMap<PageId, usize>,
        targets: &Targets,
    ) -> Result<Option<Ref>, Error> {
        if finish.outline.is_empty() {
            return Ok(None);
        }
        let root = self.refs.next();
        let entries = renumber(&finish.outline, index)?;
        outline::write(&mut self.pdf, root, &entries, targets, &mut self.refs)?;
        Ok(Some(root))
    }

    /// Writes the catalog: the page tree, the `metadata` stream, the output `intent`, the
    /// language, the outline (from `outline_root`) and the labels of the pages in `order`.
    fn catalog(
        &mut self,
        order: &[PageId],
        metadata: Ref,
        intent: Option<(Ref, &'static standards::Profile)>,
        outline_root: Option<Ref>,
    ) {
        let labels: Vec<PageLabel> = order.iter().map(|id| self.written[id].label).collect();
        let mut cat = self.pdf.catalog(self.catalog);
        cat.pages(self.page_tree).metadata(metadata);
        if let Some(intent) = intent {
            standards::write_output_intent(&mut cat, self.options.standard, intent);
        }
        let mut preferences = cat.viewer_preferences();
        preferences.display_doc_title(true);
        if self.options.right_to_left {
            preferences.direction(pdf_writer::types::Direction::R2L);
        }
        preferences.finish();
        if !self.options.language.is_empty() {
            cat.lang(TextStr(&self.options.language));
        }
        if let Some(root) = outline_root {
            cat.outlines(root).page_mode(PageMode::UseOutlines);
        }
        if !labels.is_empty() {
            outline::write_labels(&mut cat, &outline::label_ranges(&labels));
        }
        cat.finish();
    }
}

/// The objects after the content streams: the written pages in reading order, and the
/// fonts and images they use.
struct Objects {
    /// The written pages, in reading order.
    order: Vec<PageId>,
    /// Each page's object.
    pages: BTreeMap<PageId, Ref>,
    /// The page objects, in reading order.
    in_order: Vec<Ref>,
    /// Each page's place in the reading order.
    index: BTreeMap<PageId, usize>,
    /// Each font's object (`None`: not used).
    fonts: Vec<Option<Ref>>,
    /// Each image's object (`None`: not drawn).
    images: Vec<Option<Ref>>,
    /// The widest each image is drawn (`None`: not drawn).
    widest: Vec<Option<Pt>>,
}

impl PageSink for Writer<'_> {
    fn page(&mut self, id: PageId, page: Page) -> Result<(), crate::error::Error> {
        self.add(id, &page)
            .map_err(|e| crate::error::Error::Pdf(e.to_string()))
    }
}

/// The outline with its pages named by their place in the reading order.
fn renumber(
    entries: &[crate::typeset::page::OutlineEntry],
    index: &BTreeMap<PageId, usize>,
) -> Result<Vec<crate::typeset::page::OutlineEntry>, Error> {
    entries
        .iter()
        .map(|e| {
            Ok(crate::typeset::page::OutlineEntry {
                title: e.title.clone(),
                page: *index
                    .get(&PageId(e.page))
                    .ok_or(Error::MissingPage { page: e.page })?,
                y: e.y,
                children: renumber(&e.children, index)?,
            })
        })
        .collect()
}
