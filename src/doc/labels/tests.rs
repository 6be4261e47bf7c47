use super::*;

#[test]
fn every_table_names_only_known_keys() {
    for tag in [
        "en", "de", "fr", "es", "it", "nl", "pt", "pt-BR", "ja", "zh", "zh-TW", "ar", "fa", "he",
        "ru", "pl", "sv",
    ] {
        let (_, missing) = Labels::for_language(tag);
        assert!(missing.is_empty(), "{tag} lacks {missing:?}");
        for table in tables::chain(tag) {
            for key in ["contents", "chapter"] {
                assert!(Label::from_key(key).is_some());
            }
            assert!(
                Label::ALL
                    .iter()
                    .filter(|l| table.text(l.key()).is_some())
                    .count()
                    > 0,
                "{tag}"
            );
        }
    }
}

#[test]
fn regional_variants_and_scripts_choose_their_table() {
    let contents = |tag: &str| Labels::for_language(tag).0.get(Label::Contents).to_string();
    assert_eq!(contents("de-CH"), "Inhalt");
    assert_eq!(contents("DE-at"), "Inhalt");
    assert_eq!(contents("pt"), "Índice");
    assert_eq!(contents("pt-BR"), "Sumário");
    assert_eq!(contents("zh"), "目录");
    assert_eq!(contents("zh-CN"), "目录");
    assert_eq!(contents("zh-TW"), "目錄");
    assert_eq!(contents("zh-Hant-HK"), "目錄");
    assert_eq!(contents("zh-Hans-HK"), "目录");
    assert_eq!(contents("fr-CA"), "Table des matières");
    assert_eq!(contents("iw"), "תוכן העניינים");
    // Brazilian Portuguese takes what it does not change from Portuguese.
    assert_eq!(Labels::for_language("pt-BR").0.get(Label::Notes), "Notas");
}

#[test]
fn a_language_without_a_table_is_english_and_names_every_key() {
    let (labels, missing) = Labels::for_language("fi");
    assert_eq!(labels.get(Label::Contents), "Contents");
    assert_eq!(missing.len(), Label::ALL.len());
    assert!(!Labels::has_language("fi"));
    assert!(Labels::has_language("de-DE"));
}

#[test]
fn chapter_numbers_follow_the_language() {
    assert_eq!(Labels::for_language("en").0.chapter(3), "Chapter 3");
    assert_eq!(Labels::for_language("de").0.chapter(3), "Kapitel 3");
    assert_eq!(Labels::for_language("ja").0.chapter(12), "第12章");
    let mut labels = Labels::for_language("zh").0;
    labels.numerals = Numerals::Han;
    assert_eq!(labels.chapter(12), "第十二章");
    labels.numerals = Numerals::ArabicIndic;
    assert_eq!(labels.chapter(305), "第٣٠٥章");
    assert_eq!(Numerals::Persian.format(19), "۱۹");
    assert_eq!(
        [1, 10, 11, 20, 105, 110, 1001, 2024].map(han_number),
        [
            "一",
            "十",
            "十一",
            "二十",
            "一百〇五",
            "一百一十",
            "一千〇一",
            "二千〇二十四"
        ]
    );
}

#[test]
fn names_are_joined_as_the_language_joins_them() {
    let names: Vec<String> = ["A", "B", "C"].map(String::from).to_vec();
    let join = |tag: &str| Labels::for_language(tag).0.join_names(&names);
    assert_eq!(join("en"), "A, B and C");
    assert_eq!(join("de"), "A, B und C");
    assert_eq!(join("ja"), "A、B、C");
    assert_eq!(join("zh"), "A、B和C");
    assert_eq!(join("ar"), "A، B وC");
    assert_eq!(Labels::for_language("fr").0.by(&names[..1]), "par A");
    assert_eq!(Labels::for_language("ja").0.by(&names[..2]), "A、B著");
    assert_eq!(
        Labels::for_language("en").0.title_by("T", &names[..2]),
        "T by A and B"
    );
    assert_eq!(Labels::for_language("en").0.title_by("T", &[]), "T");
}

#[test]
fn placeholders_are_filled_and_overrides_win() {
    let mut labels = Labels::for_language("de").0;
    assert_eq!(labels.series("Reihe", Some("3")), "Reihe, Band 3");
    assert_eq!(labels.series("Reihe", None), "Reihe");
    labels.set(Label::Chapter, "{n}. Kapitel".into());
    assert_eq!(labels.chapter(2), "2. Kapitel");
}
