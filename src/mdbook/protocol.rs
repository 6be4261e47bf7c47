//! mdBook 0.5's JSON types, as its preprocessors and renderers read and write them: the
//! book (`{"items": [{"Chapter": {…}}, "Separator", {"PartTitle": "…"}]}`), the
//! preprocessor context (`root`, `config`, `renderer`, `mdbook_version`) and the render
//! context a backend gets (`version`, `root`, `book`, `config`, `destination`).

use serde::{Deserialize, Serialize};

/// The mdBook release whose protocol folio speaks.
pub const MDBOOK_VERSION: &str = "0.5.4";

/// A book: its items in reading order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Book {
    /// The items (`sections` in mdBook 0.4, accepted too).
    #[serde(alias = "sections")]
    pub items: Vec<BookItem>,
}

/// One item of the table of contents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum BookItem {
    /// A chapter (a draft has no path).
    Chapter(Chapter),
    /// A `---` line.
    Separator,
    /// A `# Part` title.
    PartTitle(String),
}

/// A chapter, with its text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Chapter {
    /// Its name in the table of contents.
    pub name: String,
    /// Its Markdown.
    #[serde(default)]
    pub content: String,
    /// Its section number (`[2, 1]` is 2.1); none for prefix and suffix chapters.
    #[serde(default)]
    pub number: Option<Vec<u32>>,
    /// Nested chapters.
    #[serde(default)]
    pub sub_items: Vec<BookItem>,
    /// Its path relative to the chapter folder (`README.md` becomes `index.md` after the
    /// `index` preprocessor); none for a draft.
    #[serde(default)]
    pub path: Option<String>,
    /// Its file, relative to the chapter folder.
    #[serde(default)]
    pub source_path: Option<String>,
    /// The names of the chapters above it.
    #[serde(default)]
    pub parent_names: Vec<String>,
}

/// What a preprocessor gets with the book.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PreprocessorContext {
    /// The book folder (absolute).
    pub root: String,
    /// `book.toml`, as mdBook normalises it.
    pub config: serde_json::Value,
    /// The renderer the book is prepared for (`folio`).
    pub renderer: String,
    /// The mdBook version whose protocol this is.
    pub mdbook_version: String,
}

/// What a renderer (an `[output.NAME]` backend) gets from mdBook on stdin.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RenderContext {
    /// mdBook's version.
    pub version: String,
    /// The book folder.
    pub root: String,
    /// The preprocessed book.
    pub book: Book,
    /// `book.toml`.
    pub config: serde_json::Value,
    /// Where to write the outputs.
    pub destination: String,
}

/// `book.toml` as mdBook 0.5 sends it: `book` with only mdBook's keys (its parser rejects
/// others), `build` and `rust` when they differ from the defaults, `output` and
/// `preprocessor` as written.
pub fn config_json(document: &serde_json::Value) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let table = |key: &str| document.get(key).and_then(Value::as_object);
    let book = table("book");
    let field = |key: &str| book.and_then(|b| b.get(key)).cloned();
    let mut out = Map::new();
    let mut book_json = Map::new();
    book_json.insert(
        "title".into(),
        field("title")
            .filter(Value::is_string)
            .unwrap_or(Value::Null),
    );
    book_json.insert(
        "authors".into(),
        match field("authors") {
            Some(Value::Array(a)) => Value::Array(a.into_iter().filter(Value::is_string).collect()),
            _ => json!([]),
        },
    );
    book_json.insert(
        "description".into(),
        field("description")
            .filter(Value::is_string)
            .unwrap_or(Value::Null),
    );
    if let Some(src) = field("src").filter(|s| s.as_str().is_some_and(|s| s != "src")) {
        book_json.insert("src".into(), src);
    }
    book_json.insert(
        "language".into(),
        field("language")
            .filter(Value::is_string)
            .unwrap_or(json!("en")),
    );
    book_json.insert(
        "text-direction".into(),
        field("text-direction")
            .filter(|d| matches!(d.as_str(), Some("ltr" | "rtl")))
            .unwrap_or(Value::Null),
    );
    out.insert("book".into(), Value::Object(book_json));
    if let Some(build) = table("build") {
        let mut b = Map::new();
        b.insert(
            "build-dir".into(),
            build.get("build-dir").cloned().unwrap_or(json!("book")),
        );
        b.insert(
            "create-missing".into(),
            build.get("create-missing").cloned().unwrap_or(json!(true)),
        );
        b.insert(
            "use-default-preprocessors".into(),
            build
                .get("use-default-preprocessors")
                .cloned()
                .unwrap_or(json!(true)),
        );
        b.insert(
            "extra-watch-dirs".into(),
            build.get("extra-watch-dirs").cloned().unwrap_or(json!([])),
        );
        let default = json!({"build-dir": "book", "create-missing": true, "use-default-preprocessors": true, "extra-watch-dirs": []});
        if Value::Object(b.clone()) != default {
            out.insert("build".into(), Value::Object(b));
        }
    }
    if let Some(edition) = table("rust").and_then(|r| r.get("edition")) {
        out.insert("rust".into(), json!({ "edition": edition }));
    }
    for key in ["output", "preprocessor"] {
        if let Some(t) = table(key).filter(|t| !t.is_empty()) {
            out.insert(key.into(), Value::Object(t.clone()));
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_book_serialises_as_mdbook_05_does() {
        let book = Book {
            items: vec![
                BookItem::Chapter(Chapter {
                    name: "Intro".into(),
                    content: "# Intro\n".into(),
                    number: Some(vec![1]),
                    path: Some("intro.md".into()),
                    source_path: Some("intro.md".into()),
                    ..Chapter::default()
                }),
                BookItem::Separator,
                BookItem::PartTitle("Part".into()),
            ],
        };
        let json = serde_json::to_string(&book).unwrap();
        assert_eq!(
            json,
            r##"{"items":[{"Chapter":{"name":"Intro","content":"# Intro\n","number":[1],"sub_items":[],"path":"intro.md","source_path":"intro.md","parent_names":[]}},"Separator",{"PartTitle":"Part"}]}"##
        );
        let back: Book = serde_json::from_str(&json).unwrap();
        assert_eq!(back, book);
    }

    #[test]
    fn config_keeps_only_mdbooks_book_keys() {
        let document = serde_json::json!({
            "book": {"title": "T", "authors": ["A"], "subtitle": "folio only", "src": "src"},
            "build": {"create-missing": false},
            "output": {"html": {"site-url": "/x/"}},
        });
        let config = config_json(&document);
        assert_eq!(
            config,
            serde_json::json!({
                "book": {"title": "T", "authors": ["A"], "description": null, "language": "en", "text-direction": null},
                "build": {"build-dir": "book", "create-missing": false, "use-default-preprocessors": true, "extra-watch-dirs": []},
                "output": {"html": {"site-url": "/x/"}},
            })
        );
    }
}
