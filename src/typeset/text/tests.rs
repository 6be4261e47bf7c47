//! Tests of the text-setting core on whole paragraphs: explicit hyphens and dashes.

use super::*;
use crate::doc::FontFiles;

fn fonts() -> FontSet {
    FontSet::new(crate::project::fonts::faces(&FontFiles::default()))
        .expect("the built-in fonts parse")
}

/// Pattern hyphenation, two letters before a hyphen and three after.
const HYPHENATED: Hyphenation = Hyphenation {
    enabled: true,
    min_before: 2,
    min_after: 3,
};

fn plain(s: &str) -> Text {
    let mut t = Text::default();
    t.push(s, Format::plain(Style::Regular));
    t
}

/// The text of each line, as the PDF's text layer has it.
fn line_texts(set: &Set) -> Vec<String> {
    (set.lines.iter())
        .map(|l| l.runs.iter().map(|r| r.text.as_str()).collect())
        .collect()
}

/// Sets `source` in `language` at `measure` points, without pattern hyphenation.
fn set(fonts: &FontSet, language: &str, source: &str, measure: f64) -> Vec<String> {
    let mut setter = Setter::new(fonts, language, Hyphenation::OFF);
    let layout = Layout::aligned(Pt::new(11.0), Pt::new(measure), Align::Justify);
    line_texts(&setter.set(&plain(source), &layout))
}

/// The lines' text run together, and the source without its spaces (the text layer shows
/// spaces as gaps): equal when no line adds or loses a character.
fn joined(lines: &[String], source: &str) -> (String, String) {
    (lines.concat(), source.replace(' ', ""))
}

#[test]
fn a_break_at_an_english_hyphen_keeps_the_authors_hyphen_alone() {
    let fonts = fonts();
    let source = "the sister-in-law of the glad-hearted captain was a well-known \
                  sea-going woman, long-suffering and good-natured, and self-taught \
                  in all the twenty-odd ways of the ship-owners";
    let mut at_hyphen = 0;
    for measure in (90..200).step_by(7) {
        let lines = set(&fonts, "en", source, f64::from(measure));
        assert!(lines.iter().all(|l| !l.ends_with("--")), "{lines:?}");
        at_hyphen += lines.iter().filter(|l| l.ends_with('-')).count();
        let (lines, source) = joined(&lines, source);
        assert_eq!(lines, source, "at {measure} pt");
    }
    assert!(at_hyphen > 5, "lines break at the hyphens: {at_hyphen}");
}

#[test]
fn no_line_begins_with_the_closing_mark_after_a_dash() {
    let fonts = fonts();
    let source = "“As to poetry, you know,” said Humpty Dumpty, stretching out one of his \
                  great hands, “I can repeat poetry as well as other folk, if it comes to that—” \
                  and the pawns ran (as pawns do—) into the corner—‘quick’—so that—!";
    let mut at_dash = 0;
    for measure in (60..240).step_by(3) {
        let lines = set(&fonts, "en", source, f64::from(measure));
        for line in &lines[1..] {
            let first = line.chars().next().expect("no empty line");
            assert!(
                !matches!(first, '”' | ')' | '!' | '’'),
                "at {measure} pt: {lines:?}"
            );
        }
        at_dash += lines.iter().filter(|l| l.ends_with('—')).count();
        let (lines, source) = joined(&lines, source);
        assert_eq!(lines, source, "at {measure} pt");
    }
    assert!(at_dash > 0, "lines still break after a dash before a word");
}

#[test]
fn a_break_at_a_german_hyphen_or_en_dash_adds_nothing() {
    let fonts = fonts();
    let source = "Die Rust-Versionen der Programmier-Sprache und die Open-Source-Gemeinschaft \
                  im Nord–Süd-Vergleich auf der Strecke Berlin–Hamburg–München–Stuttgart–Konstanz: \
                  Haus-und-Hof-Fragen der Kosten-Nutzen-Rechnung";
    let (mut hyphen, mut dash) = (0, 0);
    for measure in (80..180).step_by(5) {
        let lines = set(&fonts, "de", source, f64::from(measure));
        assert!(
            lines
                .iter()
                .all(|l| !l.ends_with("--") && !l.ends_with("–-")),
            "{lines:?}"
        );
        hyphen += lines.iter().filter(|l| l.ends_with('-')).count();
        dash += lines.iter().filter(|l| l.ends_with('–')).count();
        let (lines, source) = joined(&lines, source);
        assert_eq!(lines, source, "at {measure} pt");
    }
    assert!(
        hyphen > 5 && dash > 0,
        "{hyphen} at hyphens, {dash} at the dash"
    );
}

#[test]
fn pattern_hyphens_are_still_added() {
    let fonts = fonts();
    let mut setter = Setter::new(&fonts, "en", HYPHENATED);
    let layout = Layout::aligned(Pt::new(11.0), Pt::new(60.0), Align::Justify);
    let set = setter.set(
        &plain("extraordinarily incomprehensible characteristically"),
        &layout,
    );
    assert!(set.lines.iter().any(|l| l.is_hyphenated));
    assert!(line_texts(&set).iter().all(|l| !l.ends_with("--")));
}

#[test]
fn the_authors_hyphens_count_in_a_stack() {
    let word = Item::Box {
        width: Pt::new(10.0),
    };
    let explicit = Item::Penalty {
        width: Pt::new(0.0),
        cost: 50.0,
        flagged: true,
    };
    let added = Item::Penalty {
        width: Pt::new(3.0),
        cost: 150.0,
        flagged: true,
    };
    let items = [word, explicit, word, added, word, explicit, word];
    assert_eq!(third_in_stack(&items, &[1, 3, 5, 6]), Some(5));
    let slash = Item::Penalty {
        width: Pt::new(0.0),
        cost: 50.0,
        flagged: false,
    };
    let items = [word, explicit, word, slash, word, explicit, word];
    assert_eq!(third_in_stack(&items, &[1, 3, 5, 6]), None);
}

#[test]
fn bold_and_emphasis_in_a_fallback_take_its_familys_bold_where_it_has_the_character() {
    use crate::doc::FontFile;
    // A fallback (EB Garamond Italic, standing in for a CJK font) whose family's bold is
    // EB Garamond Bold.
    let mut files = FontFiles::default();
    let mono = crate::project::fonts::MONO.to_vec();
    files.regular = Some(mono.clone());
    files.italic = Some(mono.clone());
    files.bold = Some(mono.clone());
    files.bold_italic = Some(mono);
    files.fallbacks.push(FontFile {
        bytes: std::sync::Arc::from(crate::project::fonts::SERIF_ITALIC),
        index: 0,
        name: "fallback.ttf".into(),
        bold: Some(Box::new(FontFile {
            bytes: std::sync::Arc::from(crate::project::fonts::SERIF_BOLD),
            index: 0,
            name: "fallback-bold.ttf".into(),
            bold: None,
        })),
    });
    let fonts = FontSet::new(crate::project::fonts::faces(&files)).expect("fonts parse");
    // Eight styles, the chain (the fallback 8, DejaVu Sans 9), then the bold (10).
    assert_eq!(fonts.faces.len(), 11);
    // 'ﬃ' is in EB Garamond, not in DejaVu Sans Mono (the styles here).
    assert_eq!(fonts.face_for_char(Style::Regular, 'ﬃ').0, 8);
    assert_eq!(fonts.face_for_char(Style::Italic, 'ﬃ').0, 10);
    assert_eq!(fonts.face_for_char(Style::Bold, 'ﬃ').0, 10);
}

#[test]
fn the_fallback_chain_is_tried_in_order() {
    use crate::doc::FontFile;
    // A first fallback without Hebrew (EB Garamond Italic), then the bundled DejaVu Sans.
    let mut files = FontFiles::default();
    files.fallbacks.push(FontFile {
        bytes: std::sync::Arc::from(crate::project::fonts::SERIF_ITALIC),
        index: 0,
        name: "italic.ttf".into(),
        bold: None,
    });
    let fonts = FontSet::new(crate::project::fonts::faces(&files)).expect("fonts parse");
    // Eight styles, then the chain: the italic file (8), DejaVu Sans (9).
    assert_eq!(fonts.faces.len(), 10);
    // Hebrew: not in the styles nor the first fallback, but in DejaVu Sans after it.
    assert_eq!(fonts.face_for_char(Style::Regular, 'א'), (9, true));
    // A smiley EB Garamond lacks, in DejaVu Sans; a character no font has.
    assert_eq!(fonts.face_for_char(Style::Bold, '☺'), (9, true));
    assert_eq!(fonts.face_for_char(Style::Bold, '\u{10FFFD}'), (2, false));
    let mut setter = Setter::new(&fonts, "en", Hyphenation::OFF);
    let layout = Layout::aligned(Pt::new(11.0), Pt::new(300.0), Align::Justify);
    let set = setter.set(&plain("Hebrew שלום here"), &layout);
    assert!(set.missing.is_empty(), "{:?}", set.missing);
    let faces: Vec<FaceId> = set.lines[0].runs.iter().map(|r| r.font).collect();
    assert!(faces.contains(&9), "{faces:?}");
}

#[test]
fn a_cjk_fallback_keeps_hebrew_in_dejavu() {
    use crate::doc::FontFile;
    let path = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    let Ok(bytes) = std::fs::read(path) else {
        eprintln!("note: {path} not installed (Debian: fonts-noto-cjk); check skipped");
        return;
    };
    let mut files = FontFiles::default();
    files.fallbacks.push(FontFile {
        bytes: std::sync::Arc::from(bytes),
        index: 0,
        name: path.into(),
        bold: None,
    });
    let fonts = FontSet::new(crate::project::fonts::faces(&files)).expect("fonts parse");
    let mut setter = Setter::new(&fonts, "ja", Hyphenation::OFF);
    let layout = Layout::aligned(Pt::new(11.0), Pt::new(400.0), Align::Left);
    let set = setter.set(&plain("日本語 and עברית"), &layout);
    assert!(set.missing.is_empty(), "{:?}", set.missing);
    let faces: Vec<FaceId> = set.lines[0].runs.iter().map(|r| r.font).collect();
    assert!(
        faces.contains(&8) && faces.contains(&9),
        "CJK in Noto, Hebrew in DejaVu: {faces:?}"
    );
}

#[test]
fn a_loose_line_spaces_its_letters_a_little_and_its_word_spaces_less() {
    // Two long words that cannot break, on a line with one space: justified, the space
    // would take all the room the glyphs' expansion leaves.
    let fonts = fonts();
    let mut setter = Setter::new(&fonts, "en", Hyphenation::OFF);
    let size = Pt::new(11.0);
    let source = "Incomprehensibilities notwithstanding everything";
    let natural = setter.set(
        &plain(source),
        &Layout::aligned(size, Pt::new(1e6), Align::Left),
    );
    let two = setter.set(
        &plain("Incomprehensibilities notwithstanding"),
        &Layout::aligned(size, Pt::new(1e6), Align::Left),
    );
    // 25 pt of room on the first line: "everything" does not fit in it.
    let measure = two.lines[0].width + Pt::new(25.0);
    let justified = setter.set(
        &plain(source),
        &Layout::aligned(size, measure, Align::Justify),
    );
    assert_eq!(
        line_texts(&justified)[0],
        "Incomprehensibilitiesnotwithstanding"
    );
    let xs = |set: &Set| -> Vec<f64> {
        set.lines[0].runs[0]
            .glyphs
            .iter()
            .map(|g| g.x.get())
            .collect()
    };
    let (loose, plain_xs) = (xs(&justified), xs(&natural));
    // The first word's 21 letters: wider apart than the glyphs' expansion alone can make
    // them, by no more than 0.015 em after each letter.
    let span = loose[20] - loose[0];
    let natural_span = (plain_xs[20] - plain_xs[0]) * (1.0 + EXPANSION);
    let most = 20.0 * 0.015 * size.get();
    assert!(span > natural_span + most * 0.5, "{span} vs {natural_span}");
    assert!(
        span <= natural_span + most + 1e-6,
        "{span} vs {natural_span}"
    );
    // The line still fills the measure, and its one space is still the widest gap.
    let line = &justified.lines[0];
    assert!((line.width - measure).get().abs() < 0.5, "{:?}", line.width);
    assert!(line.space_ratio > 1.0, "{}", line.space_ratio);
}

/// Japanese, with the characters no line may start with (closing brackets, `。`, `、`,
/// small kana, `ー`) and those no line may end with (opening brackets), Latin words and
/// digits inside.
const JAPANESE: &str = "「明日の朝早く出発します」と彼女は言った。「お弁当は持った？」と彼が聞くと、\
    彼女は『もちろん』と答えた。コーヒーを飲みながら、Rustのプログラムを読んでいると、\
    ちょっと不思議な気持ちになった。2024年の春、私たちはデータを集め、サーバーに送った。\
    人々は時々（ほんの少しだけ）笑った。ジェットコースターに乗ったあとは、しばらく歩けなかった。";

#[test]
fn japanese_breaks_between_characters_by_the_kinsoku_rules() {
    let fonts = fonts();
    let never_starts = "。、」』）？！ーっゃゅょァィッ";
    let never_ends = "「『（";
    for measure in (60..240).step_by(3) {
        let lines = set(&fonts, "ja", JAPANESE, f64::from(measure));
        assert!(lines.len() > 1, "at {measure} pt: {lines:?}");
        for (n, line) in lines.iter().enumerate() {
            let first = line.chars().next().unwrap_or(' ');
            let last = line.chars().next_back().unwrap_or(' ');
            assert!(
                !never_starts.contains(first),
                "line {n} at {measure} pt: {lines:?}"
            );
            assert!(
                !never_ends.contains(last),
                "line {n} at {measure} pt: {lines:?}"
            );
        }
        // Nothing added or lost, Latin words and numbers kept whole.
        assert_eq!(lines.concat(), JAPANESE, "at {measure} pt");
        for word in ["Rust", "2024"] {
            assert!(
                lines.iter().any(|l| l.contains(word)),
                "{word} split: {lines:?}"
            );
        }
    }
}

#[test]
fn justified_japanese_lines_fill_the_measure_with_the_gaps_between_characters() {
    let fonts = fonts();
    let mut setter = Setter::new(&fonts, "ja", Hyphenation::OFF);
    let measure = Pt::new(150.0);
    let layout = Layout::aligned(Pt::new(10.0), measure, Align::Justify);
    let set = setter.set(&plain(JAPANESE), &layout);
    let (last, full) = set.lines.split_last().expect("lines");
    assert!(full.len() >= 4, "{} lines", set.lines.len());
    for line in full {
        let off = (line.width - measure).get().abs();
        assert!(
            off < 0.6,
            "a line is {} pt wide, not {measure:?}",
            line.width.get()
        );
        // The glyphs keep their width: no font expansion on a line of CJK.
        assert!(line.runs.iter().all(|r| r.h_scale == 1.0));
    }
    assert!(last.width <= measure);
}

#[test]
fn a_latin_word_beside_japanese_is_a_quarter_em_away() {
    let fonts = fonts();
    let mut setter = Setter::new(&fonts, "ja", Hyphenation::OFF);
    let layout = Layout::aligned(Pt::new(10.0), Pt::new(400.0), Align::Left);
    let with = setter.set(&plain("のRustの"), &layout);
    let without = setter.set(&plain("の。Rust」の"), &layout);
    let glyph_x = |set: &Set, k: usize| {
        let run = &set.lines[0].runs;
        let all: Vec<Pt> = run
            .iter()
            .flat_map(|r| r.glyphs.iter().map(move |g| r.origin.x + g.x))
            .collect();
        all[k]
    };
    // "の" then "R": the gap is the first glyph's advance plus 2.5 pt (a quarter of 10 pt).
    let gap = glyph_x(&with, 1) - glyph_x(&with, 0);
    let plain_gap = glyph_x(&without, 1) - glyph_x(&without, 0);
    assert!(
        (gap - plain_gap - Pt::new(2.5)).get().abs() < 0.01,
        "{gap:?} vs {plain_gap:?}"
    );
}

/// Each glyph's first character and its x on the line.
fn glyph_xs(line: &Line) -> Vec<(char, f64)> {
    (line.runs.iter())
        .flat_map(|r| {
            r.glyphs.iter().filter_map(move |g| {
                let c = r.text[g.text.start as usize..g.text.end as usize]
                    .chars()
                    .next()?;
                Some((c, (r.origin.x + g.x).get()))
            })
        })
        .collect()
}

fn x_of(xs: &[(char, f64)], c: char) -> f64 {
    xs.iter()
        .find(|(g, _)| *g == c)
        .map(|(_, x)| *x)
        .unwrap_or(f64::NAN)
}

#[test]
fn a_hebrew_word_in_english_reads_right_to_left_between_its_neighbours() {
    let fonts = fonts();
    let mut setter = Setter::new(&fonts, "en", Hyphenation::OFF);
    let layout = Layout::aligned(Pt::new(11.0), Pt::new(400.0), Align::Left);
    // "חן" is grace, "שלום" peace.
    let set = setter.set(&plain("the Hebrew חן and שלום okay"), &layout);
    let xs = glyph_xs(&set.lines[0]);
    // In the word, the first letter is on the right.
    assert!(x_of(&xs, 'ח') > x_of(&xs, 'ן'), "{xs:?}");
    assert!(
        x_of(&xs, 'ש') > x_of(&xs, 'ל') && x_of(&xs, 'ל') > x_of(&xs, 'ם'),
        "{xs:?}"
    );
    // The English around stays in its order, and each Hebrew word where it was.
    assert!(x_of(&xs, 'w') < x_of(&xs, 'ן') && x_of(&xs, 'ח') < x_of(&xs, 'a'));
    assert!(x_of(&xs, 'd') < x_of(&xs, 'ם') && x_of(&xs, 'ש') < x_of(&xs, 'k'));
}

#[test]
fn arabic_sets_right_to_left_joined_and_flush_right() {
    let fonts = fonts();
    let mut setter = Setter::new(&fonts, "ar", Hyphenation::OFF).right_to_left(true);
    let measure = Pt::new(300.0);
    let layout = Layout::aligned(Pt::new(11.0), measure, Align::Justify);
    let set = setter.set(&plain("كتب الولد درسه في البيت"), &layout);
    let line = &set.lines[0];
    let xs = glyph_xs(line);
    // The first word is at the right end, the last at the left.
    assert!(x_of(&xs, 'ك') > x_of(&xs, 'ي'), "{xs:?}");
    // A short last line ends flush right: its last glyph is at the left of the measure's
    // end by its own width only.
    let right = xs.iter().map(|(_, x)| *x).fold(f64::MIN, f64::max);
    assert!(
        right > measure.get() - 15.0 && right < measure.get(),
        "{right}"
    );
    assert_eq!(line.mirror, Some(measure));
    // Joined: the letters of "كتب" are contextual forms, not the isolated glyphs.
    let mut alone = |c: &str| {
        let set = setter.set(&plain(c), &layout);
        set.lines[0].runs[0].glyphs[0].id
    };
    let isolated: Vec<u16> = ["ك", "ت", "ب"].iter().map(|c| alone(c)).collect();
    let joined: Vec<u16> = (line.runs.iter())
        .flat_map(|r| {
            r.glyphs
                .iter()
                .filter(|g| "كتب".contains(&r.text[g.text.start as usize..g.text.end as usize]))
                .map(|g| g.id)
        })
        .take(3)
        .collect();
    assert_eq!(joined.len(), 3);
    assert!(
        joined.iter().all(|id| !isolated.contains(id)),
        "{joined:?} vs {isolated:?}"
    );
}

#[test]
fn code_in_a_right_to_left_book_stays_left_to_right() {
    let fonts = fonts();
    let mut setter = Setter::new(&fonts, "ar", Hyphenation::OFF).right_to_left(true);
    let mut text = Text::default();
    text.push("let x = 1;", Format::plain(Style::Mono));
    let set = setter.set(
        &text,
        &Layout::aligned(Pt::new(11.0), Pt::new(300.0), Align::Left),
    );
    let xs = glyph_xs(&set.lines[0]);
    assert!(xs[0].1 < 1.0 && x_of(&xs, 'l') < x_of(&xs, '1'), "{xs:?}");
    assert_eq!(set.lines[0].mirror, None);
}

#[test]
fn thai_breaks_between_its_words_by_dictionary() {
    let fonts = fonts();
    // "Thai is a language with no spaces between words" (Thai has no spaces but between
    // phrases).
    let source = "ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำ";
    let lines = set(&fonts, "th", source, 60.0);
    assert!(lines.len() > 2, "{lines:?}");
    assert_eq!(lines.concat(), source);
    // Every break falls between words the segmenter knows ("ภาษา", "ไทย", …), never
    // inside a syllable: no line starts with a vowel sign or tone mark.
    for line in &lines[1..] {
        let first = line.chars().next().unwrap_or(' ');
        assert!(
            !('\u{0E31}'..='\u{0E3A}').contains(&first)
                && !('\u{0E47}'..='\u{0E4E}').contains(&first),
            "{lines:?}"
        );
    }
}

#[test]
fn a_note_mark_after_japanese_takes_no_gap_and_no_break_before_it() {
    let fonts = fonts();
    let mut setter = Setter::new(&fonts, "ja", Hyphenation::OFF);
    let mut text = plain("日本語");
    text.push(
        "13",
        Format {
            rise: Em::new(0.33),
            ..Format::plain(Style::Regular)
        },
    );
    let layout = Layout::aligned(Pt::new(10.0), Pt::new(400.0), Align::Left);
    let set = setter.set(&text, &layout);
    let xs = glyph_xs(&set.lines[0]);
    let word = setter.set(&plain("日本語"), &layout);
    // The mark starts where the word ends: no quarter em between them.
    assert!(
        (x_of(&xs, '1') - word.lines[0].width.get()).abs() < 0.01,
        "{xs:?}"
    );
    // On a measure too narrow for both, the mark still does not start a line.
    let narrow = Layout::aligned(Pt::new(10.0), Pt::new(1.0), Align::Left);
    let lines = line_texts(&setter.set(&text, &narrow));
    assert!(lines.iter().all(|l| !l.starts_with('1')), "{lines:?}");
}

#[test]
fn a_keeping_setter_sets_the_same_lines_as_a_plain_one() {
    let fonts = fonts();
    let hyphenation = HYPHENATED;
    let mut plain_setter = Setter::new(&fonts, "en", hyphenation);
    let mut keeping = Setter::new(&fonts, "en", hyphenation).keeping();
    let paragraphs: Vec<Text> = (0..20)
        .map(|k| {
            plain(&format!(
                "Paragraph {k}: call me Ishmael. Some years ago, never mind how long \
                 precisely, having little or no money in my purse, and nothing particular \
                 to interest me on shore, I thought I would sail about a little and see \
                 the watery part of the world, {k} times over."
            ))
        })
        .collect();
    // Each paragraph at three loosenesses, and again after the others pushed it out.
    for round in 0..2 {
        for text in &paragraphs {
            for looseness in [0, 1, -1] {
                let layout = Layout {
                    looseness,
                    ..Layout::aligned(Pt::new(11.0), Pt::new(180.0), Align::Justify)
                };
                let a = plain_setter.set(text, &layout);
                let b = keeping.set(text, &layout);
                assert_eq!(line_texts(&a), line_texts(&b), "round {round}, {looseness}");
                let widths = |s: &Set| s.lines.iter().map(|l| l.width).collect::<Vec<_>>();
                assert_eq!(widths(&a), widths(&b));
                assert_eq!(a.is_feasible, b.is_feasible);
            }
        }
    }
}

#[test]
fn struck_text_is_struck_through_on_every_line_it_reaches_and_nowhere_else() {
    let fonts = fonts();
    let mut setter = Setter::new(&fonts, "en", Hyphenation::OFF);
    let mut text = plain("Kept words, then ");
    let struck = Format {
        strike: true,
        ..Format::plain(Style::Regular)
    };
    text.push("struck words that run on across the break", struck);
    text.push(" and kept again.", Format::plain(Style::Regular));
    let layout = Layout::aligned(Pt::new(11.0), Pt::new(150.0), Align::Justify);
    let set = setter.set(&text, &layout);
    assert!(set.lines.len() >= 3, "{:?}", line_texts(&set));
    let with_strikes: Vec<usize> = (0..set.lines.len())
        .filter(|&k| !set.lines[k].strikes.is_empty())
        .collect();
    assert!(with_strikes.len() >= 2, "the strike crosses the line break");
    for line in &set.lines {
        for strike in &line.strikes {
            assert!(strike.from < strike.to && strike.to <= line.width + Pt::new(0.01));
            assert!((strike.rise.get() - 11.0 * 0.25).abs() < 1e-9);
        }
    }
    // The first line strikes only from "struck" on, after "Kept words, then".
    let first = &set.lines[with_strikes[0]];
    assert!(first.strikes[0].from.get() > 40.0, "{:?}", first.strikes);
    // Two struck words with a plain space between them: two strokes.
    let mut apart = plain("Then ");
    apart.push("one", struck);
    apart.push(" ", Format::plain(Style::Regular));
    apart.push("two", struck);
    let set_apart = setter.set(&apart, &layout);
    assert_eq!(
        set_apart.lines[0].strikes.len(),
        2,
        "{:?}",
        set_apart.lines[0].strikes
    );
    let plain_set = setter.set(&plain("Nothing struck here at all."), &layout);
    assert!(plain_set.lines.iter().all(|l| l.strikes.is_empty()));
}

#[test]
fn each_line_starts_in_the_text_after_the_line_before_also_after_a_hyphen() {
    let fonts = fonts();
    let hyphenation = HYPHENATED;
    let mut setter = Setter::new(&fonts, "en", hyphenation);
    let source = "Notwithstanding the extraordinary circumstances, the administration \
                  communicated uncharacteristically comprehensive recommendations \
                  concerning internationalization and interoperability.";
    let layout = Layout::aligned(Pt::new(11.0), Pt::new(110.0), Align::Justify);
    let set = setter.set(&plain(source), &layout);
    assert!(
        set.lines.iter().any(|l| l.is_hyphenated),
        "{:?}",
        line_texts(&set)
    );
    for pair in set.lines.windows(2) {
        assert!(
            pair[1].text_start > pair[0].text_start,
            "{} then {}: {:?}",
            pair[0].text_start,
            pair[1].text_start,
            line_texts(&set)
        );
    }
}
