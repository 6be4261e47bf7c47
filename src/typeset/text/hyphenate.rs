//! Words → hyphenation points, from the `hyphenation` crate's embedded TeX patterns for the
//! book's language. Soft hyphens written in the source win over the patterns.

use hyphenation::{Hyphenator as _, Language, Load, Standard};

/// Finds where words may be hyphenated.
pub struct Hyphenator {
    dictionary: Option<Standard>,
    /// Words seen before: books repeat their words, and the pattern trie is the slow part.
    cache: rustc_hash::FxHashMap<String, Vec<usize>>,
    min_before: usize,
    min_after: usize,
}

/// The soft hyphen, U+00AD: an author's own hyphenation point.
pub const SOFT_HYPHEN: char = '\u{AD}';

impl Hyphenator {
    /// A hyphenator for `language` (BCP 47); none when hyphenation is off or the language has
    /// no patterns (then only soft hyphens break words).
    pub fn new(language: &str, enabled: bool, min_before: usize, min_after: usize) -> Hyphenator {
        let dictionary = if enabled {
            language_of(language).and_then(|l| Standard::from_embedded(l).ok())
        } else {
            None
        };
        let dictionary = dictionary.map(|mut d| {
            d.minima = (min_before, min_after);
            d
        });
        Hyphenator {
            dictionary,
            cache: rustc_hash::FxHashMap::default(),
            min_before,
            min_after,
        }
    }

    /// Whether patterns are loaded.
    pub fn has_patterns(&self) -> bool {
        self.dictionary.is_some()
    }

    /// Byte offsets inside `word` where a hyphen may go. `word` is letters only.
    pub fn breaks(&mut self, word: &str, out: &mut Vec<usize>) {
        out.clear();
        if word.contains(SOFT_HYPHEN) {
            out.extend(
                word.match_indices(SOFT_HYPHEN)
                    .map(|(i, _)| i + SOFT_HYPHEN.len_utf8()),
            );
            out.retain(|&i| i < word.len());
            return;
        }
        let Some(dictionary) = &self.dictionary else {
            return;
        };
        let letters = word.chars().count();
        if letters < self.min_before + self.min_after {
            return;
        }
        if let Some(known) = self.cache.get(word) {
            out.extend_from_slice(known);
            return;
        }
        let breaks = dictionary.hyphenate(word).breaks;
        out.extend_from_slice(&breaks);
        self.cache.insert(word.to_string(), breaks);
    }
}

/// The pattern set for a BCP 47 tag: the tag itself, then its language alone, with the
/// usual defaults for English and German.
fn language_of(tag: &str) -> Option<Language> {
    let lower = tag.to_ascii_lowercase();
    let primary = lower.split('-').next().unwrap_or_default();
    match lower.as_str() {
        "en-gb" | "en-au" | "en-nz" | "en-ie" | "en-za" | "en-in" => {
            return Some(Language::EnglishGB);
        }
        "de-ch" => return Some(Language::GermanSwiss),
        _ => {}
    }
    Language::try_from_code(&lower).or_else(|| match primary {
        "en" => Some(Language::EnglishUS),
        "de" => Some(Language::German1996),
        "el" => Some(Language::GreekMono),
        "sr" => Some(Language::SerbianCyrillic),
        "no" | "nb" => Some(Language::NorwegianBokmal),
        other => Language::try_from_code(other),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaks(h: &mut Hyphenator, word: &str) -> Vec<usize> {
        let mut out = Vec::new();
        h.breaks(word, &mut out);
        out
    }

    #[test]
    fn english_words_hyphenate_with_two_before_and_three_after() {
        let mut h = Hyphenator::new("en-US", true, 2, 3);
        let points = breaks(&mut h, "hyphenation");
        assert!(!points.is_empty());
        for p in &points {
            assert!(*p >= 2 && *p <= "hyphenation".len() - 3, "{points:?}");
        }
        let joined: String = "hyphenation".to_string();
        assert_eq!(joined.len(), 11);
    }

    #[test]
    fn eight_languages_have_patterns() {
        for tag in ["en", "de", "fr", "es", "it", "pt-BR", "nl", "ru"] {
            assert!(Hyphenator::new(tag, true, 2, 3).has_patterns(), "{tag}");
        }
    }

    #[test]
    fn soft_hyphens_win() {
        let mut h = Hyphenator::new("en", true, 2, 3);
        assert_eq!(breaks(&mut h, "extra\u{AD}ordinary"), vec![7]);
    }

    #[test]
    fn off_means_no_breaks() {
        assert!(breaks(&mut Hyphenator::new("en", false, 2, 3), "hyphenation").is_empty());
    }
}
