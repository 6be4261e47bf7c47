//! Inline content → styled `Text`: emphasis and strong as styles, code, super- and
//! subscripts restyled, links and note references as link goals of the text.

use super::super::design;
use super::super::list::{Anchor, LinkGoal};
use super::{Flow, Format, Style, Text};
use crate::diag::Diagnostic;
use crate::doc::{Inline, LinkTarget};
use crate::typeset::text::{InlineImage, OBJECT};
use crate::units::Em;

impl Flow<'_, '_> {
    /// Inline content as styled text; its links join `self.links`.
    pub(super) fn text(&mut self, content: &[Inline], style: Style) -> Text {
        let mut text = Text::default();
        self.push_inlines(&mut text, content, style, None);
        text
    }

    /// Image `image` sized to stand in running text: as tall as its type at most
    /// (`design::INLINE_IMAGE_HEIGHT`, of the heading's, the cell's or the text's size), no
    /// wider than the text block; `None`, with a warning, when it cannot be drawn (its
    /// alternative text is shown instead).
    fn inline_image(&mut self, image: usize) -> Option<InlineImage> {
        let info = self.book.images.get(image)?;
        match super::figure::natural_size(info) {
            Ok(((w, h), _)) if w.get() > 0.0 && h.get() > 0.0 => Some(InlineImage {
                image,
                natural: (w, h),
                max_height: Em::new(design::INLINE_IMAGE_HEIGHT),
                max_width: self.m.width,
                ascent: Em::new(design::INLINE_IMAGE_ASCENT),
            }),
            result => {
                let reason = result.err().unwrap_or_else(|| "it has no size".into());
                if let Some(block) = self.chapter.blocks.get(self.top_block) {
                    self.diags.push(
                        Diagnostic::warning(
                            block.span(),
                            format!(
                                "image `{}` cannot be drawn ({reason}); its description is shown",
                                info.path
                            ),
                        )
                        .with_hint("check that the file opens in an image viewer or browser"),
                    );
                }
                None
            }
        }
    }

    /// Adds a link goal for the text being built; returns its index.
    fn link(&mut self, goal: LinkGoal) -> usize {
        self.links.push(goal);
        self.links.len() - 1
    }

    pub(super) fn push_inlines(
        &mut self,
        text: &mut Text,
        content: &[Inline],
        style: Style,
        link: Option<usize>,
    ) {
        let format = |style| Format {
            link,
            ..Format::plain(style)
        };
        for inline in content {
            match inline {
                Inline::Text(t) if self.in_code => {
                    text.push(&t.replace('\t', "    "), format(style))
                }
                Inline::Text(t) => {
                    if let Some(log) = &mut self.leaf_log {
                        log.push(text.text.len());
                    }
                    text.push(&t.replace(['\n', '\t'], " "), format(style))
                }
                Inline::Emphasis(c) => self.push_inlines(text, c, style.toggle_italic(), link),
                Inline::Strong(c) => self.push_inlines(text, c, style.bold(), link),
                Inline::Strikethrough(c) => {
                    self.push_restyled(text, c, style, link, |f| Format { strike: true, ..f })
                }
                Inline::Keyboard(c) => self.push_inlines(text, c, style, link),
                Inline::Superscript(c) | Inline::Subscript(c) => {
                    let rise = if matches!(inline, Inline::Superscript(_)) {
                        design::SUPERSCRIPT_RISE
                    } else {
                        design::SUBSCRIPT_RISE
                    };
                    self.push_restyled(text, c, style, link, |f| Format {
                        scale: design::SCRIPT_SCALE,
                        rise,
                        ..f
                    });
                }
                Inline::Code(c) if self.in_code => self.push_inlines(text, c, Style::Mono, link),
                Inline::Code(c) => {
                    self.push_restyled(text, c, Style::Mono, link, |f| Format {
                        scale: f.scale * design::INLINE_CODE_SCALE,
                        ..f
                    });
                }
                Inline::Link { target, content } => {
                    let goal = match target {
                        LinkTarget::External(url) => Some(LinkGoal::Uri(url.clone())),
                        LinkTarget::Internal { chapter, id } => Some(LinkGoal::Anchor(match id {
                            Some(id) => Anchor::Id(id.clone()),
                            None => self.chapter_anchor(*chapter),
                        })),
                        LinkTarget::Unresolved { .. } => None,
                    };
                    let index = goal.map(|g| self.link(g));
                    self.push_inlines(text, content, style, index.or(link));
                }
                Inline::Image { image, alt, .. } => match self.inline_image(*image) {
                    Some(inline) => text.push(
                        &OBJECT.to_string(),
                        Format {
                            image: Some(inline),
                            ..format(style)
                        },
                    ),
                    None => text.push(&format!("[{alt}]"), format(style.toggle_italic())),
                },
                Inline::NoteRef(n) => {
                    let anchor = Anchor::Id(
                        self.chapter
                            .notes
                            .get(*n)
                            .map(|note| note.id.clone())
                            .unwrap_or_default(),
                    );
                    let index = self.link(LinkGoal::Note { number: *n, anchor });
                    text.push(
                        &(n + 1).to_string(),
                        Format {
                            scale: design::SCRIPT_SCALE,
                            rise: design::SUPERSCRIPT_RISE,
                            link: Some(index),
                            ..Format::plain(Style::Regular)
                        },
                    );
                }
                Inline::Anchor(_) => {}
                Inline::LineBreak => text.push("\n", format(style)),
                Inline::SoftBreak => text.push(" ", format(style)),
            }
        }
    }

    /// The anchor a link to chapter `chapter` itself leads to: its first heading's id, or
    /// its top.
    fn chapter_anchor(&self, chapter: usize) -> Anchor {
        self.book
            .chapters
            .get(chapter)
            .and_then(|c| c.anchor.clone())
            .map_or(Anchor::Chapter(chapter), Anchor::Id)
    }

    /// Appends `content` with each of its formats changed by `restyle` (super- and
    /// subscripts, code in running text), keeping the text leaves' offsets in the paragraph.
    fn push_restyled(
        &mut self,
        text: &mut Text,
        content: &[Inline],
        style: Style,
        link: Option<usize>,
        restyle: impl Fn(Format) -> Format,
    ) {
        let base = text.text.len();
        let logged = self.leaf_log.as_ref().map_or(0, Vec::len);
        let mut inner = Text::default();
        self.push_inlines(&mut inner, content, style, link);
        if let Some(log) = &mut self.leaf_log {
            for start in &mut log[logged..] {
                *start += base;
            }
        }
        for (range, format) in inner.formats {
            text.push(&inner.text[range], restyle(format));
        }
    }
}
