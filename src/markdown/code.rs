//! Fenced code as mdBook shows it: the info string reduced to its language (`rust,ignore` →
//! `rust`), and hidden lines left out: rustdoc's rule in Rust blocks (`# ` and a lone `#`
//! hidden, `##` shown as `#`), a prefix per language from `[output.html.code.hidelines]`,
//! or one given in the block's info string (`hidelines=!!!`).

use std::collections::BTreeMap;

/// The language of a fenced block: the first word of its info string (words are separated
/// by white space, `,` or `{`).
pub fn language(info: &str) -> Option<String> {
    info.split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
}

/// The hidden-line prefix the block's info string sets (`hidelines=X`).
fn info_prefix(info: &str) -> Option<&str> {
    info.split([' ', '\t', ','])
        .find_map(|word| word.strip_prefix("hidelines="))
        .filter(|p| !p.is_empty())
}

/// The text of a fenced block without its hidden lines. `hidelines` maps languages to their
/// prefix (`[output.html.code.hidelines]`).
pub fn visible(text: &str, info: &str, hidelines: &BTreeMap<String, String>) -> String {
    let language = language(info);
    if language.as_deref() == Some("rust") {
        if !text.contains('#') {
            return text.to_string();
        }
        return text
            .split('\n')
            .filter_map(rust_line)
            .collect::<Vec<_>>()
            .join("\n");
    }
    let prefix = info_prefix(info).or_else(|| {
        language
            .as_ref()
            .and_then(|l| hidelines.get(l))
            .map(String::as_str)
            .filter(|p| !p.is_empty())
    });
    match prefix {
        Some(prefix) if text.contains(prefix) => text
            .split('\n')
            .filter(|line| !line.trim_start().starts_with(prefix))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => text.to_string(),
    }
}

/// A line of Rust code as shown: `None` when hidden (`# …` or a lone `#`, after any
/// indentation); `##…` loses one `#`; anything else (`#[derive]`, `#!`) stays.
fn rust_line(line: &str) -> Option<String> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let Some(after) = rest.strip_prefix('#') else {
        return Some(line.to_string());
    };
    match after.chars().next() {
        None | Some(' ') => None,
        Some('#') => Some(format!("{}{after}", &line[..indent])),
        Some(_) => Some(line.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_hides_as_rustdoc_does() {
        let text = "# use std::rc::Rc;\n#\nfn main() {\n    #    require_send(foo());\n    ##[derive]\n#[derive(Debug)]\n#![allow(x)]\n#tag\n}";
        assert_eq!(
            visible(text, "rust,ignore", &BTreeMap::new()),
            "fn main() {\n    #[derive]\n#[derive(Debug)]\n#![allow(x)]\n#tag\n}"
        );
        // Other languages keep `#`: a shell comment, a Python one.
        assert_eq!(
            visible("# comment\nls", "console", &BTreeMap::new()),
            "# comment\nls"
        );
    }

    #[test]
    fn prefixes_come_from_the_config_or_the_info_string() {
        let config = BTreeMap::from([("python".to_string(), "~".to_string())]);
        let text = "~hidden()\nnothidden():\n~    hidden()\n    ~hidden()\n    nothidden()";
        assert_eq!(
            visible(text, "python", &config),
            "nothidden():\n    nothidden()"
        );
        let text = "!!!hidden()\nnothidden():\n    !!!hidden()";
        assert_eq!(
            visible(text, "python,hidelines=!!!", &config),
            "nothidden():"
        );
        assert_eq!(visible("~x", "text", &config), "~x");
    }

    #[test]
    fn info_strings_reduce_to_the_language() {
        for (info, lang) in [
            ("rust,ignore", Some("rust")),
            ("rust,norun,edition2021", Some("rust")),
            ("rust editable", Some("rust")),
            ("toml", Some("toml")),
            ("", None),
        ] {
            assert_eq!(language(info).as_deref(), lang, "{info}");
        }
    }
}
