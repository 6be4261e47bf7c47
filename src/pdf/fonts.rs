//! A font and the glyphs the pages used from it → a Type0 (Identity-H) font: the subset
//! program, its descriptor, `/W` widths and a ToUnicode CMap.

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use ttf_parser::{Face, RawFace, Tag};

use super::Error;
use super::content::deflate;
use crate::typeset::page::FontData;

/// Zlib level for font programs and CMaps: written once per font, so the default level.
const FONT_LEVEL: u32 = 6;

/// What the pages use of one font: its glyphs, their CIDs and their text. Built while the
/// content streams are written, read when the font is embedded.
pub(super) struct FontUse {
    /// Whether the whole font is embedded: then a glyph's CID is its glyph id.
    whole: bool,
    /// The advance of every glyph, in 1/1000 em: the numbers written to `/W`, so that the
    /// content stream's pen arithmetic matches the viewer's exactly.
    advances: Vec<f32>,
    /// The CID of each glyph id, `u16::MAX` while unused.
    cids: Vec<u16>,
    /// The used glyph ids, in CID order for a subset (`.notdef` first).
    glyphs: Vec<u16>,
    /// The text of each glyph id: the first non-empty text seen with it.
    texts: Vec<Option<Box<str>>>,
}

impl FontUse {
    /// Reads the glyph advances of font number `index`.
    pub fn new(font: &FontData, index: usize) -> Result<Self, Error> {
        let face = Face::parse(&font.bytes, font.index)
            .map_err(|_| Error::FontUnreadable { font: index })?;
        let count = face.number_of_glyphs();
        let per_em = f32::from(face.units_per_em());
        let advances = (0..count)
            .map(|gid| {
                let advance = face
                    .glyph_hor_advance(ttf_parser::GlyphId(gid))
                    .unwrap_or(0);
                f32::from(advance) * 1000.0 / per_em
            })
            .collect();
        let mut used = FontUse {
            whole: font.embed_whole,
            advances,
            cids: vec![u16::MAX; usize::from(count)],
            glyphs: Vec::new(),
            texts: vec![None; usize::from(count)],
        };
        if !used.whole && count > 0 {
            used.cids[0] = 0; // a subset keeps .notdef as glyph 0
            used.glyphs.push(0);
        }
        Ok(used)
    }

    /// Records a use of glyph `gid` showing `text`; returns its CID and its advance in
    /// 1/1000 em. A glyph id the font does not have is drawn as `.notdef`.
    #[inline]
    pub fn record(&mut self, gid: u16, text: &str) -> (u16, f64) {
        let gid = if usize::from(gid) < self.cids.len() {
            gid
        } else {
            0
        };
        let g = usize::from(gid);
        let Some(&cid) = self.cids.get(g) else {
            return (0, 0.0); // a font without glyphs
        };
        let cid = if cid == u16::MAX {
            let cid = if self.whole {
                gid
            } else {
                self.glyphs.len() as u16
            };
            self.cids[g] = cid;
            self.glyphs.push(gid);
            cid
        } else {
            cid
        };
        if !text.is_empty() && self.texts[g].is_none() {
            self.texts[g] = Some(text.into());
        }
        (cid, f64::from(self.advances[g]))
    }

    /// Whether glyph `gid` is drawn as `.notdef` (the box of a character no font has).
    #[inline]
    pub fn is_notdef(&self, gid: u16) -> bool {
        gid == 0 || usize::from(gid) >= self.cids.len()
    }

    /// The used glyphs as (CID, glyph id) pairs in CID order.
    fn by_cid(&self) -> Vec<(u16, u16)> {
        let mut pairs: Vec<(u16, u16)> = self
            .glyphs
            .iter()
            .map(|&gid| (self.cids[usize::from(gid)], gid))
            .collect();
        pairs.sort_unstable();
        pairs
    }
}

/// Embeds font number `index` as the Type0 font `type0`, allocating its other objects
/// from `refs`.
pub(super) fn embed(
    pdf: &mut Pdf,
    type0: Ref,
    refs: &mut super::Refs,
    font: &FontData,
    used: &FontUse,
    index: usize,
) -> Result<(), Error> {
    let unreadable = || Error::FontUnreadable { font: index };
    let face = Face::parse(&font.bytes, font.index).map_err(|_| unreadable())?;
    let is_cff = face.raw_face().table(Tag::from_bytes(b"CFF ")).is_some();
    let by_cid = used.by_cid();

    let program = program(font, &face, used, is_cff).map_err(|reason| Error::FontSubset {
        font: index,
        reason: reason.to_string(),
    })?;
    let base_name = base_name(&face, index, used);

    let (cid_ref, descriptor_ref, program_ref, cmap_ref) =
        (refs.next(), refs.next(), refs.next(), refs.next());

    pdf.type0_font(type0)
        .base_font(Name(base_name.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_ref)
        .to_unicode(cmap_ref);

    let mut cid = pdf.cid_font(cid_ref);
    cid.subtype(if is_cff {
        CidFontType::Type0
    } else {
        CidFontType::Type2
    })
    .base_font(Name(base_name.as_bytes()))
    .system_info(SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    })
    .font_descriptor(descriptor_ref)
    .default_width(0.0);
    if !is_cff {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    let mut widths = cid.widths();
    for group in by_cid.chunk_by(|a, b| a.0.checked_add(1) == Some(b.0)) {
        let advances = group
            .iter()
            .map(|&(_, gid)| used.advances[usize::from(gid)]);
        widths.consecutive(group[0].0, advances);
    }
    widths.finish();
    cid.finish();

    descriptor(pdf, descriptor_ref, &face, &base_name, is_cff, program_ref);

    let compressed = deflate(&program, FONT_LEVEL);
    let mut stream = pdf.stream(program_ref, &compressed);
    stream.filter(Filter::FlateDecode);
    if is_cff {
        stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    } else {
        stream.pair(Name(b"Length1"), program.len() as i32);
    }
    stream.finish();

    let cmap = to_unicode(used, &by_cid, &face);
    pdf.stream(cmap_ref, &deflate(&cmap, FONT_LEVEL))
        .filter(Filter::FlateDecode);
    Ok(())
}

/// The font program: the subset (or, for a whole TrueType file, the file itself); for CFF
/// outlines the bare CFF table, embedded as `CIDFontType0C`, as Typst does.
fn program(
    font: &FontData,
    face: &Face,
    used: &FontUse,
    is_cff: bool,
) -> Result<Vec<u8>, subsetter::Error> {
    if used.whole && !is_cff && font.index == 0 {
        return Ok(font.bytes.to_vec());
    }
    let remapper = if used.whole {
        // All glyphs, ids unchanged: this also turns a name-keyed CFF into a CID-keyed one
        // and takes one face out of a collection.
        let all: Vec<u16> = (0..face.number_of_glyphs()).collect();
        subsetter::GlyphRemapper::new_from_glyphs(&all)
    } else {
        subsetter::GlyphRemapper::new_from_glyphs(&used.glyphs)
    };
    debug_assert!(
        used.glyphs
            .iter()
            .all(|&g| remapper.get(g) == Some(used.cids[usize::from(g)])),
        "the remapper numbers glyphs in first-use order, as `FontUse::record` did"
    );
    let subset = subsetter::subset(&font.bytes, font.index, &remapper)?;
    if is_cff {
        let raw = RawFace::parse(&subset, 0).map_err(|_| subsetter::Error::MalformedFont)?;
        let cff = raw
            .table(Tag::from_bytes(b"CFF "))
            .ok_or(subsetter::Error::MalformedFont)?;
        return Ok(cff.to_vec());
    }
    Ok(subset)
}

/// The PostScript name, with a tag such as `ABCDEF+` for a subset, derived from the name and
/// the glyph set so that equal input gives an equal name.
fn base_name(face: &Face, index: usize, used: &FontUse) -> String {
    let postscript = face
        .names()
        .into_iter()
        .filter(|name| name.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .find_map(|name| name.to_string())
        .unwrap_or_default();
    let mut name: String = postscript
        .chars()
        .filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c))
        .take(100)
        .collect();
    if name.is_empty() {
        name = format!("Font{index}");
    }
    if used.whole {
        return name;
    }
    let mut hash = sha1_smol::Sha1::new();
    hash.update(name.as_bytes());
    for gid in &used.glyphs {
        hash.update(&gid.to_be_bytes());
    }
    let digest = hash.digest().bytes();
    let tag: String = digest[..6]
        .iter()
        .map(|b| char::from(b'A' + b % 26))
        .collect();
    format!("{tag}+{name}")
}

fn descriptor(pdf: &mut Pdf, id: Ref, face: &Face, name: &str, is_cff: bool, program: Ref) {
    let per_em = f32::from(face.units_per_em());
    let scale = |units: i16| f32::from(units) * 1000.0 / per_em;
    let bbox = face.global_bounding_box();
    let italic_angle = face.italic_angle();
    let mut flags = FontFlags::SYMBOLIC; // glyphs beyond the Standard Latin set may be used
    flags.set(FontFlags::FIXED_PITCH, face.is_monospaced());
    flags.set(FontFlags::SERIF, is_serif(face));
    flags.set(FontFlags::ITALIC, face.is_italic() || italic_angle != 0.0);
    let ascent = scale(face.typographic_ascender().unwrap_or(face.ascender()));
    let descent = scale(face.typographic_descender().unwrap_or(face.descender()));
    let cap_height = face.capital_height().map(scale).unwrap_or(ascent);
    // Typst's estimate: the descriptor requires StemV, and fonts do not record it.
    let stem_v = 10.0 + 0.244 * (f32::from(face.weight().to_number()) - 50.0);

    let mut descriptor = pdf.font_descriptor(id);
    descriptor
        .name(Name(name.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(
            scale(bbox.x_min),
            scale(bbox.y_min),
            scale(bbox.x_max),
            scale(bbox.y_max),
        ))
        .italic_angle(italic_angle)
        .ascent(ascent)
        .descent(descent)
        .cap_height(cap_height)
        .stem_v(stem_v);
    if is_cff {
        descriptor.font_file3(program);
    } else {
        descriptor.font_file2(program);
    }
}

/// Whether the OS/2 family class names a serif design (classes 1–5 and 7).
fn is_serif(face: &Face) -> bool {
    let os2 = face.raw_face().table(Tag::from_bytes(b"OS/2"));
    matches!(os2.and_then(|t| t.get(30)), Some(1..=5 | 7))
}

/// The ToUnicode CMap: each used CID to the text its glyph showed first, or, for a glyph
/// that showed no text (the typesetter gives spaces none: U+00A0, U+2002, U+202F…), the
/// character the font's own cmap gives it. `.notdef` is left out: it stands for whatever
/// character no font had, and the content stream gives each its `/ActualText`.
fn to_unicode(used: &FontUse, by_cid: &[(u16, u16)], face: &Face) -> Vec<u8> {
    let unnamed: std::collections::BTreeSet<u16> = by_cid
        .iter()
        .map(|&(_, gid)| gid)
        .filter(|&gid| gid != 0 && used.texts[usize::from(gid)].is_none())
        .collect();
    let from_cmap = if unnamed.is_empty() {
        std::collections::BTreeMap::new()
    } else {
        characters_of(face, &unnamed)
    };
    let info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"UCS"),
        supplement: 0,
    };
    let mut cmap = UnicodeCmap::new(Name(b"Adobe-Identity-UCS"), info);
    for &(cid, gid) in by_cid {
        if gid == 0 {
            continue;
        }
        if let Some(&c) = from_cmap.get(&gid) {
            cmap.pair(cid, c);
        } else if let Some(text) = &used.texts[usize::from(gid)] {
            // A bfchar destination holds at most 512 bytes: 256 UTF-16 units.
            let mut units = 0;
            let chars = text.chars().take_while(|c| {
                units += c.len_utf16();
                units <= 256
            });
            cmap.pair_with_multiple(cid, chars);
        }
    }
    cmap.finish().into_vec()
}

/// The lowest character the font's Unicode cmaps map to each of `glyphs`.
fn characters_of(
    face: &Face,
    glyphs: &std::collections::BTreeSet<u16>,
) -> std::collections::BTreeMap<u16, char> {
    let mut found = std::collections::BTreeMap::new();
    let Some(cmap) = face.tables().cmap else {
        return found;
    };
    for subtable in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
        subtable.codepoints(|code| {
            if let Some(gid) = subtable.glyph_index(code)
                && glyphs.contains(&gid.0)
                && let Some(c) = char::from_u32(code)
            {
                let entry = found.entry(gid.0).or_insert(c);
                *entry = (*entry).min(c);
            }
        });
    }
    found
}
