//! Which characters of the book no font has: fonts of the machine (fontconfig's folders,
//! found with `fontdb`, as Typst does) fill the gaps of the book's and the bundled fonts,
//! and what is still missing becomes one warning per script.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use unicode_script::{Script, UnicodeScript};

use crate::diag::{Diagnostic, FileId, SourceMap, Span};
use crate::doc::{FontFile, FontFiles, Label, Metadata};
use crate::error::Error;

/// At most this many machine fonts join the chain.
const MAX_SYSTEM_FONTS: usize = 6;
/// Characters of a system font's scripts in the book from which its bold face is loaded
/// too (for bold and emphasis): about a page of text.
const BOLD_FROM: usize = 1_000;

/// The text to cover: `(file it is in, text, whether it is the file's whole text)`.
pub type Texts<'a> = Vec<(FileId, &'a str, bool)>;

/// The text a build sets in type: every loaded source and the generated words for a print
/// build, or only what the generated EPUB cover shows (title, subtitle, authors).
pub fn texts<'a>(
    sources: &'a SourceMap,
    files: impl Iterator<Item = FileId>,
    meta: &'a Metadata,
    config_file: FileId,
    is_print: bool,
) -> Texts<'a> {
    let mut out: Texts = Vec::new();
    let mut add = |text: &'a str| out.push((config_file, text, false));
    add(&meta.title);
    meta.subtitle.as_deref().into_iter().for_each(&mut add);
    meta.authors.iter().for_each(|a| add(a));
    if is_print {
        for text in [
            &meta.description,
            &meta.publisher,
            &meta.rights,
            &meta.edition,
            &meta.dedication,
            &meta.epigraph,
            &meta.epigraph_source,
            &meta.series,
        ]
        .into_iter()
        .flatten()
        {
            add(text);
        }
        for label in Label::ALL {
            add(meta.labels.get(label));
        }
        for file in files {
            out.push((file, sources.get(file).text.as_str(), true));
        }
    }
    out
}

/// A parsed font's character map.
struct Coverage<'f>(Vec<ttf_parser::Face<'f>>);

impl Coverage<'_> {
    fn has(&self, c: char) -> bool {
        self.0
            .iter()
            .any(|f| f.glyph_index(c).is_some_and(|g| g.0 != 0))
    }
}

/// The characters of `texts` that none of `fonts` (bytes, face index) shows, in order.
pub fn missing(texts: &Texts, fonts: &[(&[u8], u32)]) -> BTreeSet<char> {
    let faces = Coverage(
        fonts
            .iter()
            .filter_map(|(bytes, index)| ttf_parser::Face::parse(bytes, *index).ok())
            .collect(),
    );
    let mut seen_ascii = [false; 128];
    let mut seen = BTreeSet::new();
    for (_, text, _) in texts {
        for c in text.chars() {
            if c.is_ascii() {
                seen_ascii[c as usize] = true;
            } else {
                seen.insert(c);
            }
        }
    }
    let ascii = (0u8..128)
        .filter(|&b| seen_ascii[usize::from(b)])
        .map(char::from);
    ascii
        .chain(seen)
        .filter(|&c| needs_glyph(c) && !faces.has(c))
        .collect()
}

/// Whether a character is drawn: not white space, a control, or a default-ignorable
/// format character (joiners, variation selectors, the soft hyphen, bidi marks).
fn needs_glyph(c: char) -> bool {
    let ignorable = matches!(c as u32,
        0xAD | 0x34F | 0x61C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF);
    !(c.is_whitespace() || c.is_control() || ignorable)
}

/// Fonts of the machine that show characters of `missing`, chosen greedily (the one that
/// shows most first; ties go to the face that suits the language and the book best), and
/// the characters still missing after them.
pub fn system_fonts(
    missing: &BTreeSet<char>,
    language: &str,
    with_bold: bool,
) -> Result<(Vec<FontFile>, BTreeSet<char>), Error> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let mut faces: Vec<&fontdb::FaceInfo> = db.faces().collect();
    faces.sort_by_cached_key(|face| (rank(face, language), path_of(face), face.index));
    let wanted: Vec<char> = missing.iter().copied().collect();
    // Which wanted characters each face shows.
    let shows: Vec<Vec<bool>> = faces
        .iter()
        .map(|face| {
            db.with_face_data(face.id, |data, index| {
                match ttf_parser::Face::parse(data, index) {
                    Ok(f) => wanted
                        .iter()
                        .map(|&c| f.glyph_index(c).is_some_and(|g| g.0 != 0))
                        .collect(),
                    Err(_) => vec![false; wanted.len()],
                }
            })
            .unwrap_or_default()
        })
        .collect();
    let mut left: Vec<bool> = vec![true; wanted.len()];
    let mut chosen = Vec::new();
    while chosen.len() < MAX_SYSTEM_FONTS {
        let gain = |k: usize| {
            shows[k]
                .iter()
                .zip(&left)
                .filter(|(shown, open)| **shown && **open)
                .count()
        };
        // The first face of the ranking among those that show the most.
        let best = (0..faces.len())
            .map(|k| (gain(k), std::cmp::Reverse(k)))
            .max();
        let Some((count, std::cmp::Reverse(k))) = best.filter(|(count, _)| *count > 0) else {
            break;
        };
        debug_assert!(count > 0);
        for (open, shown) in left.iter_mut().zip(&shows[k]) {
            *open &= !shown;
        }
        chosen.push(k);
    }
    let read = |face: &fontdb::FaceInfo| -> Result<FontFile, Error> {
        let path = path_of(face);
        let bytes = std::fs::read(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        let family = face.families.first().map_or("", |(name, _)| name.as_str());
        Ok(FontFile {
            bytes: Arc::from(bytes),
            index: face.index,
            name: format!("{family} ({})", path.display()),
            bold: None,
        })
    };
    let mut files = Vec::new();
    for k in chosen {
        let mut file = read(faces[k])?;
        if let Some(bold) = bold_of(faces[k], &faces).filter(|_| with_bold) {
            file.bold = Some(Box::new(read(bold)?));
        }
        files.push(file);
    }
    let still: BTreeSet<char> = wanted
        .into_iter()
        .zip(left)
        .filter_map(|(c, open)| open.then_some(c))
        .collect();
    Ok((files, still))
}

fn path_of(face: &fontdb::FaceInfo) -> std::path::PathBuf {
    match &face.source {
        fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => path.clone(),
        fontdb::Source::Binary(_) => std::path::PathBuf::new(),
    }
}

/// How well a face suits the book, lower is better: the regional form of CJK fonts that
/// matches the language (`Noto Serif CJK JP` for Japanese), then upright, regular
/// weight, normal width, then a serif design (the body is set in a serif).
fn rank(face: &fontdb::FaceInfo, language: &str) -> (u8, u8, u16, u8, String) {
    let family = face
        .families
        .first()
        .map_or("", |(n, _)| n.as_str())
        .to_string();
    let (lang, script, region) = crate::doc::labels::subtags(language);
    let wanted_region = match (lang.as_str(), script.as_deref(), region.as_deref()) {
        ("ja", _, _) => "JP",
        ("ko", _, _) => "KR",
        ("zh", Some("hant"), Some("hk")) | ("zh", None, Some("hk" | "mo")) => "HK",
        ("zh", Some("hant"), _) | ("zh", None, Some("tw")) => "TC",
        ("zh", _, _) => "SC",
        _ => "",
    };
    let regional = ["JP", "KR", "SC", "TC", "HK"]
        .iter()
        .find(|r| family.ends_with(&format!(" {r}")));
    let region_rank = match regional {
        Some(r) if *r == wanted_region => 0,
        Some(_) => 2,
        None => 1,
    };
    let style = u8::from(face.style != fontdb::Style::Normal);
    let weight = face.weight.0.abs_diff(400);
    let stretch = u8::from(face.stretch != fontdb::Stretch::Normal);
    let lower = family.to_lowercase();
    let serif = ["serif", "mincho", "song", "ming"];
    let sans = u8::from(lower.contains("sans") || !serif.iter().any(|s| lower.contains(s)));
    (region_rank, style + stretch, weight, sans, family)
}

/// A script's missing characters, the files that use them, and the first place.
type Missing = (BTreeSet<char>, Vec<FileId>, Option<Span>);

/// One warning per script whose characters no font shows: the characters, the chapters
/// they are in, where the first is, and the fix.
pub fn warnings(
    texts: &Texts,
    missing: &BTreeSet<char>,
    sources: &SourceMap,
    searched_system: bool,
) -> Vec<Diagnostic> {
    let mut by_script: BTreeMap<&'static str, Missing> = BTreeMap::new();
    for (file, text, is_whole) in texts {
        for (at, c) in text.char_indices().filter(|(_, c)| missing.contains(c)) {
            let entry = by_script.entry(script_name(c)).or_default();
            entry.0.insert(c);
            if !entry.1.contains(file) {
                entry.1.push(*file);
            }
            // The first place in a chapter; a metadata string has no offset of its own, so
            // book.toml as a whole when only metadata has the character.
            if *is_whole && entry.2.is_none_or(|span| span.end == 0) {
                entry.2 = Some(Span::new(*file, at..at + c.len_utf8()));
            } else if entry.2.is_none() {
                entry.2 = Some(Span::new(*file, 0..0));
            }
        }
    }
    by_script
        .into_iter()
        .map(|(script, (chars, files, span))| {
            let sample: String = chars.iter().take(24).collect();
            let more = chars.len().saturating_sub(24);
            let sample = if more > 0 {
                format!("{sample}… ({} characters)", chars.len())
            } else {
                sample
            };
            let names: Vec<String> = files
                .iter()
                .take(4)
                .map(|f| format!("`{}`", sources.path(*f).display()))
                .collect();
            let where_ = match files.len() {
                0..=4 => names.join(", "),
                n => format!("{} and {} more", names.join(", "), n - 4),
            };
            let message = format!(
                "no font has the {script} characters {sample}, used in {where_}; the PDF shows them as empty boxes (their text still extracts)"
            );
            let package = package_for(script);
            let mut hint = format!(
                "install a font for {script} (Debian: `apt install {package}`; folio uses the machine's fonts), or name one in `[output.pdf] font-fallback = [\"fonts/….ttf\"]`"
            );
            if !searched_system {
                hint.push_str("; without `--no-system-fonts` folio looks among the machine's fonts");
            }
            let diagnostic = match span {
                Some(span) => Diagnostic::warning(span, message),
                None => Diagnostic::warning_nowhere(message),
            };
            diagnostic.with_hint(hint)
        })
        .collect()
}

/// The script of a character as people name it (`Arabic`, `Thai`): Chinese characters,
/// kana and their punctuation are one group, `CJK`, which one font covers; other
/// punctuation and symbols are `symbol`.
fn script_name(c: char) -> &'static str {
    let extension = c.script_extension();
    let cjk = [
        Script::Han,
        Script::Hiragana,
        Script::Katakana,
        Script::Bopomofo,
    ];
    let is_all = extension.is_common() || extension.is_inherited();
    if (!is_all && cjk.iter().any(|s| extension.contains_script(*s)))
        || matches!(c as u32, 0xFF00..=0xFFEF)
    {
        return "CJK";
    }
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => "symbol",
        other => other.full_name(),
    }
}

/// The Debian package with fonts for a script.
fn package_for(script: &str) -> &'static str {
    match script {
        "CJK" | "Hangul" => "fonts-noto-cjk",
        "symbol" => "fonts-symbola",
        _ => "fonts-noto-core",
    }
}

/// Fills `fonts.system` and returns the warnings for what no font shows (for a print
/// build). `fonts` holds the book's own fonts already.
#[allow(
    clippy::too_many_arguments,
    reason = "one call site in `project::load`"
)]
/// The bold face of `face`'s family (upright, the weight nearest 700 from 600 up), which
/// sets bold and emphasised text in a script without italics.
fn bold_of<'a>(
    face: &fontdb::FaceInfo,
    faces: &[&'a fontdb::FaceInfo],
) -> Option<&'a fontdb::FaceInfo> {
    let family = face.families.first()?;
    (faces.iter().copied())
        .filter(|f| {
            f.families.first() == Some(family)
                && f.style == fontdb::Style::Normal
                && f.stretch == face.stretch
                && f.weight.0 >= 600
        })
        .min_by_key(|f| (f.weight.0.abs_diff(700), path_of(f), f.index))
}

pub fn fill(
    fonts: &mut FontFiles,
    sources: &SourceMap,
    files: Vec<FileId>,
    meta: &Metadata,
    config_file: FileId,
    is_print: bool,
    use_system: bool,
) -> Result<Vec<Diagnostic>, Error> {
    use super::fonts as bundled;
    let texts = texts(sources, files.into_iter(), meta, config_file, is_print);
    let regular = fonts.regular.as_deref().unwrap_or(bundled::SERIF_REGULAR);
    let mono = fonts.mono.as_deref().unwrap_or(bundled::MONO);
    let mut chain: Vec<(&[u8], u32)> = vec![(regular, 0)];
    chain.extend(fonts.fallbacks.iter().map(|f| (&f.bytes[..], f.index)));
    chain.extend([(bundled::FALLBACK, 0), (mono, 0)]);
    let mut missing = missing(&texts, &chain);
    if missing.is_empty() {
        return Ok(Vec::new());
    }
    if use_system {
        // A book with a few words in another script (a name, an example) does not load the
        // bold of their font: a CJK one is 20 MB more to read.
        let in_texts = (texts.iter())
            .flat_map(|(_, text, _)| text.chars())
            .filter(|c| !c.is_ascii() && missing.contains(c))
            .take(BOLD_FROM)
            .count();
        let (found, still) = system_fonts(&missing, &meta.language, in_texts >= BOLD_FROM)?;
        fonts.system = found;
        missing = still;
    }
    if !is_print || missing.is_empty() {
        return Ok(Vec::new());
    }
    Ok(warnings(&texts, &missing, sources, use_system))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_group_as_fonts_cover_them() {
        assert_eq!(script_name('漢'), "CJK");
        assert_eq!(script_name('か'), "CJK");
        assert_eq!(script_name('。'), "CJK");
        assert_eq!(script_name('ー'), "CJK");
        assert_eq!(script_name('Ａ'), "CJK");
        assert_eq!(script_name('한'), "Hangul");
        assert_eq!(script_name('ह'), "Devanagari");
        assert_eq!(script_name('🐳'), "symbol");
        assert_eq!(package_for("CJK"), "fonts-noto-cjk");
    }

    #[test]
    fn missing_characters_skip_spaces_joiners_and_what_a_font_has() {
        let texts: Texts = vec![(FileId(0), "a\u{a0}b\u{2060}c 漢\u{200d}字", true)];
        let fonts = [(super::super::fonts::SERIF_REGULAR, 0)];
        let found: String = missing(&texts, &fonts).into_iter().collect();
        assert_eq!(found, "字漢");
    }

    #[test]
    fn one_warning_per_script_names_the_characters_files_and_fix() {
        let mut sources = SourceMap::default();
        let one = sources.add("one.md", "# 一\n\nहि and 二\n".to_string());
        let two = sources.add("two.md", "三\n".to_string());
        let texts: Texts = vec![
            (one, sources.get(one).text.as_str(), true),
            (two, sources.get(two).text.as_str(), true),
        ];
        let missing: BTreeSet<char> = "一二三हि".chars().collect();
        let found = warnings(&texts, &missing, &sources, true);
        assert_eq!(found.len(), 2, "{found:?}");
        let cjk = &found[0];
        assert!(
            cjk.message.contains("CJK characters 一三二"),
            "{}",
            cjk.message
        );
        assert!(
            cjk.message.contains("`one.md`, `two.md`"),
            "{}",
            cjk.message
        );
        assert_eq!(cjk.span.map(|s| (s.file, s.start)), Some((one, 2)));
        assert!(cjk.hints[0].contains("apt install fonts-noto-cjk"));
        assert!(found[1].message.contains("Devanagari"));
    }
}
