//! The labels of each language folio knows, and how a language tag chooses them.
//!
//! Keys are those of `[labels]` (see `Label::key`). A regional table (`pt-BR`, `zh-Hant`)
//! holds what differs from its base; a key missing from both falls back to English.

use super::{Join, Numerals};

/// One language's labels.
pub struct Table {
    /// The tag it is for (`de`, `pt-BR`).
    pub tag: &'static str,
    /// `(key, text)` pairs.
    entries: &'static [(&'static str, &'static str)],
    /// The digits of chapter numbers, when the language wants other than Western ones.
    pub numerals: Option<Numerals>,
    /// How the last two names of a list are joined.
    pub join: Join,
    /// Between the other names of a list.
    pub separator: &'static str,
}

impl Table {
    /// The text of `key`, when this table has it.
    pub fn text(&self, key: &str) -> Option<&'static str> {
        self.entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, t)| *t)
    }
}

/// The subtags of a BCP 47 tag, lower-cased: language, script (4 letters), region (2
/// letters or 3 digits).
pub fn subtags(tag: &str) -> (String, Option<String>, Option<String>) {
    let mut parts = tag.split(['-', '_']).map(str::to_ascii_lowercase);
    let language = parts.next().unwrap_or_default();
    let mut script = None;
    let mut region = None;
    for part in parts {
        let is_alpha = part.chars().all(|c| c.is_ascii_alphabetic());
        if part.len() == 4 && is_alpha && script.is_none() && region.is_none() {
            script = Some(part);
        } else if region.is_none()
            && ((part.len() == 2 && is_alpha)
                || (part.len() == 3 && part.chars().all(|c| c.is_ascii_digit())))
        {
            region = Some(part);
        }
    }
    (language, script, region)
}

/// The tables for a tag, most specific first; empty when folio has none for its language.
pub fn chain(tag: &str) -> Vec<&'static Table> {
    let (language, script, region) = subtags(tag);
    let region = region.as_deref();
    match language.as_str() {
        "zh" => {
            let traditional = script.as_deref() == Some("hant")
                || (script.is_none() && matches!(region, Some("tw" | "hk" | "mo")));
            vec![if traditional { &ZH_HANT } else { &ZH }]
        }
        "pt" if region == Some("br") => vec![&PT_BR, &PT],
        "iw" => vec![&HE],
        other => TABLES
            .iter()
            .find(|t| t.tag == other)
            .map(|t| vec![*t])
            .unwrap_or_default(),
    }
}

const fn table(tag: &'static str, entries: &'static [(&'static str, &'static str)]) -> Table {
    Table {
        tag,
        entries,
        numerals: None,
        join: Join::Spaced,
        separator: ", ",
    }
}

/// The languages chosen by their primary subtag alone.
static TABLES: &[&Table] = &[
    &ENGLISH, &DE, &FR, &ES, &IT, &NL, &PT, &JA, &AR, &FA, &HE, &RU, &PL, &SV,
];

/// English, and every key's fallback.
pub static ENGLISH: Table = table(
    "en",
    &[
        ("contents", "Contents"),
        ("chapter", "Chapter {n}"),
        ("part", "Part {n}"),
        ("by", "by {authors}"),
        ("and", "and"),
        ("notes", "Notes"),
        ("pages", "Pages"),
        ("landmarks", "Landmarks"),
        ("cover", "Cover"),
        ("cover-of", "Cover of {title}"),
        ("title-page", "Title Page"),
        ("half-title", "Half Title"),
        ("start-of-content", "Start of Content"),
        ("copyright", "Copyright"),
        ("dedication", "Dedication"),
        ("epigraph", "Epigraph"),
        ("published-by", "Published by {publisher}"),
        ("first-published", "First published {date}"),
        ("volume", "{series}, volume {n}"),
        ("identifier", "Identifier: {id}"),
        ("typeset-with", "Typeset with folio"),
        ("done", "done"),
        ("to-do", "to do"),
    ],
);

static DE: Table = table(
    "de",
    &[
        ("contents", "Inhalt"),
        ("chapter", "Kapitel {n}"),
        ("part", "Teil {n}"),
        ("by", "von {authors}"),
        ("and", "und"),
        ("notes", "Anmerkungen"),
        ("pages", "Seiten"),
        ("landmarks", "Orientierungspunkte"),
        ("cover", "Umschlag"),
        ("cover-of", "Umschlag von {title}"),
        ("title-page", "Titelseite"),
        ("half-title", "Schmutztitel"),
        ("start-of-content", "Textbeginn"),
        ("copyright", "Impressum"),
        ("dedication", "Widmung"),
        ("epigraph", "Motto"),
        ("published-by", "Erschienen bei {publisher}"),
        ("first-published", "Erstausgabe {date}"),
        ("volume", "{series}, Band {n}"),
        ("identifier", "Kennung: {id}"),
        ("typeset-with", "Gesetzt mit folio"),
        ("done", "erledigt"),
        ("to-do", "offen"),
    ],
);

static FR: Table = table(
    "fr",
    &[
        ("contents", "Table des matières"),
        ("chapter", "Chapitre {n}"),
        ("part", "Partie {n}"),
        ("by", "par {authors}"),
        ("and", "et"),
        ("notes", "Notes"),
        ("pages", "Pages"),
        ("landmarks", "Repères"),
        ("cover", "Couverture"),
        ("cover-of", "Couverture de {title}"),
        ("title-page", "Page de titre"),
        ("half-title", "Faux-titre"),
        ("start-of-content", "Début du texte"),
        ("copyright", "Mentions légales"),
        ("dedication", "Dédicace"),
        ("epigraph", "Épigraphe"),
        ("published-by", "Publié par {publisher}"),
        ("first-published", "Première parution\u{a0}: {date}"),
        ("volume", "{series}, tome {n}"),
        ("identifier", "Identifiant\u{a0}: {id}"),
        ("typeset-with", "Composé avec folio"),
        ("done", "fait"),
        ("to-do", "à faire"),
    ],
);

static ES: Table = table(
    "es",
    &[
        ("contents", "Índice"),
        ("chapter", "Capítulo {n}"),
        ("part", "Parte {n}"),
        ("by", "por {authors}"),
        ("and", "y"),
        ("notes", "Notas"),
        ("pages", "Páginas"),
        ("landmarks", "Puntos de referencia"),
        ("cover", "Cubierta"),
        ("cover-of", "Cubierta de {title}"),
        ("title-page", "Portada"),
        ("half-title", "Anteportada"),
        ("start-of-content", "Inicio del contenido"),
        ("copyright", "Créditos"),
        ("dedication", "Dedicatoria"),
        ("epigraph", "Epígrafe"),
        ("published-by", "Publicado por {publisher}"),
        ("first-published", "Primera edición: {date}"),
        ("volume", "{series}, volumen {n}"),
        ("identifier", "Identificador: {id}"),
        ("typeset-with", "Compuesto con folio"),
        ("done", "hecho"),
        ("to-do", "pendiente"),
    ],
);

static IT: Table = table(
    "it",
    &[
        ("contents", "Indice"),
        ("chapter", "Capitolo {n}"),
        ("part", "Parte {n}"),
        ("by", "di {authors}"),
        ("and", "e"),
        ("notes", "Note"),
        ("pages", "Pagine"),
        ("landmarks", "Punti di riferimento"),
        ("cover", "Copertina"),
        ("cover-of", "Copertina di {title}"),
        ("title-page", "Frontespizio"),
        ("half-title", "Occhiello"),
        ("start-of-content", "Inizio del testo"),
        ("copyright", "Crediti"),
        ("dedication", "Dedica"),
        ("epigraph", "Epigrafe"),
        ("published-by", "Pubblicato da {publisher}"),
        ("first-published", "Prima edizione: {date}"),
        ("volume", "{series}, volume {n}"),
        ("identifier", "Identificativo: {id}"),
        ("typeset-with", "Composto con folio"),
        ("done", "fatto"),
        ("to-do", "da fare"),
    ],
);

static NL: Table = table(
    "nl",
    &[
        ("contents", "Inhoud"),
        ("chapter", "Hoofdstuk {n}"),
        ("part", "Deel {n}"),
        ("by", "door {authors}"),
        ("and", "en"),
        ("notes", "Noten"),
        ("pages", "Pagina’s"),
        ("landmarks", "Oriëntatiepunten"),
        ("cover", "Omslag"),
        ("cover-of", "Omslag van {title}"),
        ("title-page", "Titelpagina"),
        ("half-title", "Franse titel"),
        ("start-of-content", "Begin van de tekst"),
        ("copyright", "Colofon"),
        ("dedication", "Opdracht"),
        ("epigraph", "Motto"),
        ("published-by", "Uitgegeven door {publisher}"),
        ("first-published", "Eerste uitgave: {date}"),
        ("volume", "{series}, deel {n}"),
        ("identifier", "Identificatie: {id}"),
        ("typeset-with", "Gezet met folio"),
        ("done", "klaar"),
        ("to-do", "te doen"),
    ],
);

/// Portuguese as written in Portugal (and the base of Brazilian Portuguese).
static PT: Table = table(
    "pt",
    &[
        ("contents", "Índice"),
        ("chapter", "Capítulo {n}"),
        ("part", "Parte {n}"),
        ("by", "de {authors}"),
        ("and", "e"),
        ("notes", "Notas"),
        ("pages", "Páginas"),
        ("landmarks", "Pontos de referência"),
        ("cover", "Capa"),
        ("cover-of", "Capa de {title}"),
        ("title-page", "Folha de rosto"),
        ("half-title", "Anterrosto"),
        ("start-of-content", "Início do texto"),
        ("copyright", "Ficha técnica"),
        ("dedication", "Dedicatória"),
        ("epigraph", "Epígrafe"),
        ("published-by", "Publicado por {publisher}"),
        ("first-published", "Primeira edição: {date}"),
        ("volume", "{series}, volume {n}"),
        ("identifier", "Identificador: {id}"),
        ("typeset-with", "Composto com folio"),
        ("done", "feito"),
        ("to-do", "por fazer"),
    ],
);

/// Brazilian Portuguese: what differs from `PT`.
static PT_BR: Table = table(
    "pt-BR",
    &[
        ("contents", "Sumário"),
        ("half-title", "Falsa folha de rosto"),
        ("copyright", "Créditos"),
        ("to-do", "a fazer"),
    ],
);

static JA: Table = Table {
    numerals: None,
    join: Join::Tight,
    separator: "、",
    ..table(
        "ja",
        &[
            ("contents", "目次"),
            ("chapter", "第{n}章"),
            ("part", "第{n}部"),
            ("by", "{authors}著"),
            ("and", "、"),
            ("notes", "注"),
            ("pages", "ページ"),
            ("landmarks", "ランドマーク"),
            ("cover", "表紙"),
            ("cover-of", "『{title}』の表紙"),
            ("title-page", "扉"),
            ("half-title", "小扉"),
            ("start-of-content", "本文"),
            ("copyright", "奥付"),
            ("dedication", "献辞"),
            ("epigraph", "題辞"),
            ("published-by", "発行：{publisher}"),
            ("first-published", "初版：{date}"),
            ("volume", "{series} 第{n}巻"),
            ("identifier", "識別子：{id}"),
            ("typeset-with", "folioで組版"),
            ("done", "完了"),
            ("to-do", "未完了"),
        ],
    )
};

/// Chinese in simplified characters (mainland China, Singapore).
static ZH: Table = Table {
    numerals: None,
    join: Join::Tight,
    separator: "、",
    ..table(
        "zh",
        &[
            ("contents", "目录"),
            ("chapter", "第{n}章"),
            ("part", "第{n}部"),
            ("by", "{authors}著"),
            ("and", "和"),
            ("notes", "注释"),
            ("pages", "页码"),
            ("landmarks", "导航"),
            ("cover", "封面"),
            ("cover-of", "《{title}》封面"),
            ("title-page", "书名页"),
            ("half-title", "简书名页"),
            ("start-of-content", "正文"),
            ("copyright", "版权页"),
            ("dedication", "献词"),
            ("epigraph", "题词"),
            ("published-by", "出版：{publisher}"),
            ("first-published", "首次出版：{date}"),
            ("volume", "{series} 第{n}卷"),
            ("identifier", "标识符：{id}"),
            ("typeset-with", "由 folio 排版"),
            ("done", "已完成"),
            ("to-do", "待办"),
        ],
    )
};

/// Chinese in traditional characters (Taiwan, Hong Kong, Macau).
static ZH_HANT: Table = Table {
    numerals: None,
    join: Join::Tight,
    separator: "、",
    ..table(
        "zh-Hant",
        &[
            ("contents", "目錄"),
            ("chapter", "第{n}章"),
            ("part", "第{n}部"),
            ("by", "{authors}著"),
            ("and", "和"),
            ("notes", "註釋"),
            ("pages", "頁碼"),
            ("landmarks", "導覽"),
            ("cover", "封面"),
            ("cover-of", "《{title}》封面"),
            ("title-page", "書名頁"),
            ("half-title", "簡書名頁"),
            ("start-of-content", "正文"),
            ("copyright", "版權頁"),
            ("dedication", "獻詞"),
            ("epigraph", "題詞"),
            ("published-by", "出版：{publisher}"),
            ("first-published", "首次出版：{date}"),
            ("volume", "{series} 第{n}卷"),
            ("identifier", "識別碼：{id}"),
            ("typeset-with", "由 folio 排版"),
            ("done", "已完成"),
            ("to-do", "待辦"),
        ],
    )
};

/// Arabic: the conjunction و joins the name after it.
static AR: Table = Table {
    numerals: None,
    join: Join::Prefix,
    separator: "، ",
    ..table(
        "ar",
        &[
            ("contents", "المحتويات"),
            ("chapter", "الفصل {n}"),
            ("part", "الجزء {n}"),
            ("by", "تأليف {authors}"),
            ("and", "و"),
            ("notes", "الحواشي"),
            ("pages", "الصفحات"),
            ("landmarks", "معالم الكتاب"),
            ("cover", "الغلاف"),
            ("cover-of", "غلاف {title}"),
            ("title-page", "صفحة العنوان"),
            ("half-title", "صفحة العنوان المختصر"),
            ("start-of-content", "بداية النص"),
            ("copyright", "حقوق النشر"),
            ("dedication", "الإهداء"),
            ("epigraph", "التصدير"),
            ("published-by", "الناشر: {publisher}"),
            ("first-published", "الطبعة الأولى: {date}"),
            ("volume", "{series}، المجلد {n}"),
            ("identifier", "المعرّف: {id}"),
            ("typeset-with", "صُفّ بواسطة folio"),
            ("done", "منجز"),
            ("to-do", "غير منجز"),
        ],
    )
};

/// Persian.
static FA: Table = Table {
    numerals: None,
    join: Join::Spaced,
    separator: "، ",
    ..table(
        "fa",
        &[
            ("contents", "فهرست مطالب"),
            ("chapter", "فصل {n}"),
            ("part", "بخش {n}"),
            ("by", "اثر {authors}"),
            ("and", "و"),
            ("notes", "یادداشت‌ها"),
            ("pages", "صفحه‌ها"),
            ("landmarks", "نشانه‌ها"),
            ("cover", "جلد"),
            ("cover-of", "جلد {title}"),
            ("title-page", "صفحهٔ عنوان"),
            ("half-title", "صفحهٔ پیش‌عنوان"),
            ("start-of-content", "آغاز متن"),
            ("copyright", "شناسنامه"),
            ("dedication", "تقدیم"),
            ("epigraph", "سرلوحه"),
            ("published-by", "ناشر: {publisher}"),
            ("first-published", "چاپ نخست: {date}"),
            ("volume", "{series}، جلد {n}"),
            ("identifier", "شناسه: {id}"),
            ("typeset-with", "حروف‌چینی با folio"),
            ("done", "انجام شده"),
            ("to-do", "انجام نشده"),
        ],
    )
};

/// Hebrew: the conjunction ו joins the name after it.
static HE: Table = Table {
    numerals: None,
    join: Join::Prefix,
    separator: ", ",
    ..table(
        "he",
        &[
            ("contents", "תוכן העניינים"),
            ("chapter", "פרק {n}"),
            ("part", "חלק {n}"),
            ("by", "מאת {authors}"),
            ("and", "ו"),
            ("notes", "הערות"),
            ("pages", "עמודים"),
            ("landmarks", "ציוני דרך"),
            ("cover", "כריכה"),
            ("cover-of", "כריכת {title}"),
            ("title-page", "שער"),
            ("half-title", "שער מקדים"),
            ("start-of-content", "תחילת הטקסט"),
            ("copyright", "זכויות יוצרים"),
            ("dedication", "הקדשה"),
            ("epigraph", "מוטו"),
            ("published-by", "הוצאת {publisher}"),
            ("first-published", "מהדורה ראשונה: {date}"),
            ("volume", "{series}, כרך {n}"),
            ("identifier", "מזהה: {id}"),
            ("typeset-with", "סודר באמצעות folio"),
            ("done", "בוצע"),
            ("to-do", "לביצוע"),
        ],
    )
};

static RU: Table = table(
    "ru",
    &[
        ("contents", "Содержание"),
        ("chapter", "Глава {n}"),
        ("part", "Часть {n}"),
        ("by", "автор: {authors}"),
        ("and", "и"),
        ("notes", "Примечания"),
        ("pages", "Страницы"),
        ("landmarks", "Ориентиры"),
        ("cover", "Обложка"),
        ("cover-of", "Обложка книги «{title}»"),
        ("title-page", "Титульный лист"),
        ("half-title", "Авантитул"),
        ("start-of-content", "Начало текста"),
        ("copyright", "Выходные данные"),
        ("dedication", "Посвящение"),
        ("epigraph", "Эпиграф"),
        ("published-by", "Издательство: {publisher}"),
        ("first-published", "Первое издание: {date}"),
        ("volume", "{series}, том {n}"),
        ("identifier", "Идентификатор: {id}"),
        ("typeset-with", "Свёрстано в folio"),
        ("done", "выполнено"),
        ("to-do", "не выполнено"),
    ],
);

static PL: Table = table(
    "pl",
    &[
        ("contents", "Spis treści"),
        ("chapter", "Rozdział {n}"),
        ("part", "Część {n}"),
        ("by", "autor: {authors}"),
        ("and", "i"),
        ("notes", "Przypisy"),
        ("pages", "Strony"),
        ("landmarks", "Punkty orientacyjne"),
        ("cover", "Okładka"),
        ("cover-of", "Okładka: {title}"),
        ("title-page", "Strona tytułowa"),
        ("half-title", "Przedtytuł"),
        ("start-of-content", "Początek tekstu"),
        ("copyright", "Strona redakcyjna"),
        ("dedication", "Dedykacja"),
        ("epigraph", "Motto"),
        ("published-by", "Wydawca: {publisher}"),
        ("first-published", "Wydanie pierwsze: {date}"),
        ("volume", "{series}, tom {n}"),
        ("identifier", "Identyfikator: {id}"),
        ("typeset-with", "Złożono w folio"),
        ("done", "zrobione"),
        ("to-do", "do zrobienia"),
    ],
);

static SV: Table = table(
    "sv",
    &[
        ("contents", "Innehåll"),
        ("chapter", "Kapitel {n}"),
        ("part", "Del {n}"),
        ("by", "av {authors}"),
        ("and", "och"),
        ("notes", "Noter"),
        ("pages", "Sidor"),
        ("landmarks", "Landmärken"),
        ("cover", "Omslag"),
        ("cover-of", "Omslag till {title}"),
        ("title-page", "Titelsida"),
        ("half-title", "Smutstitel"),
        ("start-of-content", "Textens början"),
        ("copyright", "Upphovsrätt"),
        ("dedication", "Dedikation"),
        ("epigraph", "Motto"),
        ("published-by", "Utgiven av {publisher}"),
        ("first-published", "Först utgiven {date}"),
        ("volume", "{series}, del {n}"),
        ("identifier", "Identifierare: {id}"),
        ("typeset-with", "Satt med folio"),
        ("done", "klar"),
        ("to-do", "att göra"),
    ],
);
