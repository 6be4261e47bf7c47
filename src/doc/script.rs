//! Scripts written without spaces between words, which both writers treat apart: a
//! source line break between two CJK characters is no space, and a line may break
//! between two of their characters (the typesetter asks a UAX #14 segmenter where).

/// Whether `c` is Chinese, Japanese (kanji, kana) or their punctuation, symbols and
/// full-width forms: characters set on an em grid, with no spaces between words. Hangul
/// is not: Korean puts spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // hiragana, katakana
        | 0x3100..=0x312F    // bopomofo
        | 0x31A0..=0x31BF    // bopomofo extended
        | 0x31F0..=0x31FF    // katakana phonetic extensions
        | 0x3200..=0x33FF    // enclosed letters, compatibility
        | 0x3400..=0x4DBF    // ideographs, extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // compatibility forms (vertical punctuation)
        | 0xFF00..=0xFF9F    // full-width forms, half-width katakana
        | 0xFFE0..=0xFFEF    // full-width signs
        | 0x20000..=0x3FFFF) // ideographs, extensions B to H
}

/// Whether `c` belongs to a script written without spaces between words: CJK, and Thai,
/// Lao, Khmer and Myanmar (which a segmenter breaks by dictionary).
pub fn is_unspaced(c: char) -> bool {
    // (Below Thai, nothing: most text is done with one comparison.)
    c >= '\u{0E00}'
        && (is_cjk(c)
            || matches!(c as u32,
                0x0E00..=0x0EFF      // Thai, Lao
                | 0x1000..=0x109F    // Myanmar
                | 0x1780..=0x17FF    // Khmer
                | 0x19E0..=0x19FF    // Khmer symbols
                | 0xA9E0..=0xA9FF    // Myanmar extended B
                | 0xAA60..=0xAA7F)) // Myanmar extended A
}

/// Whether a line may not start with `c` in Chinese or Japanese (the kinsoku rules, strict
/// as UAX #14's CL, CP, EX, IS, NS and CJ classes are): closing brackets, full stops and
/// commas, `？！・：；`, iteration marks, small kana and `ー`. A space typed before one does
/// not break either (UAX #14's LB13 and LB16).
pub fn is_cjk_no_line_start(c: char) -> bool {
    // (All of them are at U+3000 or above: most text is done with one comparison.)
    c >= '\u{3000}'
        && "。、，．」』）】〕〉》］｝〙〗？！・：；ー々〻ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
        .contains(c)
}

/// Whether `c` is a Latin-like letter or a digit, which JIS X 4051 sets a quarter em
/// apart from CJK characters beside it.
pub fn is_alphanumeric_non_cjk(c: char) -> bool {
    c.is_alphanumeric() && !is_unspaced(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_covers_kanji_kana_and_their_punctuation_but_not_hangul() {
        for c in [
            '日', '本', 'か', 'カ', 'ー', '。', '、', '「', '」', '（', '！', '々', '𠮷',
        ] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['한', 'a', 'é', '1', '-', ' ', 'ß', 'Ж'] {
            assert!(!is_cjk(c), "{c}");
        }
        assert!(is_unspaced('ก') && !is_cjk('ก'));
        assert!(is_alphanumeric_non_cjk('R') && is_alphanumeric_non_cjk('3'));
        assert!(!is_alphanumeric_non_cjk('本') && !is_alphanumeric_non_cjk('、'));
    }
}
