//! TextMate scope stacks → `TokenKind`: the one table that says what each scope is.
//!
//! A token's kind comes from its scopes read outermost first: each scope the table knows
//! replaces the kind so far, so the innermost one decides (`meta.function.call` holding
//! `entity.name.function` is a function), except that comments, diff lines and shell
//! output keep their kind whatever they hold, and an attribute keeps its kind except for
//! the strings and comments inside it.

use crate::doc::TokenKind;

/// Scope prefixes (matched on whole dot-separated parts) and what they make a token, in
/// order: the first that matches a scope decides for it. `None` says the scope has no
/// opinion, so the kind of the scopes around it stands (the quotes of a string are
/// `punctuation.definition.string` inside `string`).
const RULES: &[(&str, Option<TokenKind>)] = &[
    ("comment", Some(TokenKind::Comment)),
    ("punctuation.definition.lifetime", Some(TokenKind::Lifetime)),
    ("punctuation.definition.tag", Some(TokenKind::Tag)),
    ("punctuation.definition.section", Some(TokenKind::Heading)),
    ("punctuation.definition.variable", Some(TokenKind::Variable)),
    ("punctuation.definition", None),
    ("punctuation.support", None),
    ("punctuation.separator.key-value", Some(TokenKind::Operator)),
    ("punctuation", Some(TokenKind::Punctuation)),
    // A shell command's arguments are words, not strings.
    ("string.unquoted.argument", None),
    ("string.other.link", Some(TokenKind::Link)),
    ("string", Some(TokenKind::String)),
    ("constant.numeric", Some(TokenKind::Number)),
    ("constant", Some(TokenKind::Constant)),
    ("entity.name.function.macro", Some(TokenKind::Macro)),
    ("entity.name.macro", Some(TokenKind::Macro)),
    ("support.macro", Some(TokenKind::Macro)),
    ("entity.name.type.lifetime", Some(TokenKind::Lifetime)),
    ("storage.modifier.lifetime", Some(TokenKind::Lifetime)),
    ("entity.name.function", Some(TokenKind::Function)),
    ("support.function", Some(TokenKind::Function)),
    ("entity.name.command", Some(TokenKind::Function)),
    ("entity.name.tag", Some(TokenKind::Tag)),
    ("entity.other.attribute-name", Some(TokenKind::Attribute)),
    ("entity.name.section", Some(TokenKind::Heading)),
    ("entity.name.type", Some(TokenKind::Type)),
    ("entity.name.class", Some(TokenKind::Type)),
    ("entity.name.struct", Some(TokenKind::Type)),
    ("entity.name.enum", Some(TokenKind::Type)),
    ("entity.name.union", Some(TokenKind::Type)),
    ("entity.name.trait", Some(TokenKind::Type)),
    ("entity.name.interface", Some(TokenKind::Type)),
    ("entity.other.inherited-class", Some(TokenKind::Type)),
    ("support.type.property-name", Some(TokenKind::Attribute)),
    ("support.type", Some(TokenKind::Type)),
    ("support.class", Some(TokenKind::Type)),
    ("support.constant", Some(TokenKind::Constant)),
    ("support.variable", Some(TokenKind::Variable)),
    ("keyword.operator", Some(TokenKind::Operator)),
    ("keyword", Some(TokenKind::Keyword)),
    ("storage", Some(TokenKind::Keyword)),
    ("variable.language", Some(TokenKind::Keyword)),
    ("variable.other.key", Some(TokenKind::Attribute)),
    ("variable", Some(TokenKind::Variable)),
    ("markup.inserted", Some(TokenKind::Inserted)),
    ("markup.deleted", Some(TokenKind::Deleted)),
    ("markup.heading", Some(TokenKind::Heading)),
    ("markup.italic", Some(TokenKind::Emphasis)),
    ("markup.bold", Some(TokenKind::Strong)),
    ("markup.underline.link", Some(TokenKind::Link)),
    ("markup.inline.raw", Some(TokenKind::String)),
    ("markup.raw", Some(TokenKind::String)),
    ("meta.attribute", Some(TokenKind::Attribute)),
    ("meta.diff.header", Some(TokenKind::Heading)),
    ("meta.diff.range", Some(TokenKind::Heading)),
    ("meta.diff.index", Some(TokenKind::Heading)),
    ("meta.output", Some(TokenKind::Output)),
];

/// Whether `scope` is `prefix` or starts with `prefix` and a dot.
fn has_prefix(scope: &str, prefix: &str) -> bool {
    scope
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
}

/// What one scope says about its token, if anything.
fn kind_of_scope(scope: &str) -> Option<TokenKind> {
    RULES
        .iter()
        .find(|(prefix, _)| has_prefix(scope, prefix))
        .and_then(|(_, kind)| *kind)
}

/// Whether a token of kind `outer` takes the kind `inner` of a scope inside it.
fn yields_to(outer: TokenKind, inner: TokenKind) -> bool {
    match outer {
        TokenKind::Comment | TokenKind::Inserted | TokenKind::Deleted | TokenKind::Output => false,
        TokenKind::Attribute => matches!(inner, TokenKind::String | TokenKind::Comment),
        _ => true,
    }
}

/// The kind of a token with these scopes, outermost first.
pub(super) fn kind<'a>(scopes: impl IntoIterator<Item = &'a str>) -> TokenKind {
    scopes
        .into_iter()
        .filter_map(kind_of_scope)
        .fold(TokenKind::Plain, |outer, inner| {
            if yields_to(outer, inner) {
                inner
            } else {
                outer
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(scopes: &str) -> TokenKind {
        kind(scopes.split(' '))
    }

    #[test]
    fn the_innermost_scope_that_says_something_decides() {
        assert_eq!(
            of("source.rust meta.function.call.rust entity.name.function.rust"),
            TokenKind::Function
        );
        assert_eq!(
            of("source.rust keyword.declaration.struct.rust storage.type.rust"),
            TokenKind::Keyword
        );
        assert_eq!(
            of("source.rust meta.macro.rust entity.name.function.macro.rust"),
            TokenKind::Macro
        );
        assert_eq!(
            of("source.rust entity.name.type.numeric.rust"),
            TokenKind::Type
        );
        assert_eq!(
            of("source.rust keyword.operator.math.rust"),
            TokenKind::Operator
        );
        assert_eq!(of("source.rust"), TokenKind::Plain);
    }

    #[test]
    fn delimiters_take_the_kind_of_what_they_delimit() {
        assert_eq!(
            of("source.rust string.quoted.double.rust punctuation.definition.string.rust"),
            TokenKind::String
        );
        assert_eq!(
            of("source.rust comment.line.double-slash.rust punctuation.definition.comment.rust"),
            TokenKind::Comment
        );
        assert_eq!(
            of("source.rust punctuation.definition.lifetime.rust"),
            TokenKind::Lifetime
        );
        assert_eq!(
            of(
                "text.html.basic meta.tag.structure.p.start.html punctuation.definition.tag.begin.html"
            ),
            TokenKind::Tag
        );
        assert_eq!(
            of("source.toml meta.group.toml punctuation.definition.section.begin.toml"),
            TokenKind::Heading
        );
    }

    #[test]
    fn comments_diffs_and_attributes_keep_their_kind() {
        assert_eq!(
            of("source.rust meta.attribute.rust entity.name.type.rust"),
            TokenKind::Attribute
        );
        assert_eq!(
            of("source.rust meta.attribute.rust string.quoted.double.rust"),
            TokenKind::String
        );
        assert_eq!(
            of("source.rust comment.block.documentation.rust markup.bold.rust"),
            TokenKind::Comment
        );
        assert_eq!(
            of("source.diff markup.inserted.diff keyword.other.rust"),
            TokenKind::Inserted
        );
    }

    #[test]
    fn shell_words_are_plain_and_commands_functions() {
        assert_eq!(
            of(
                "source.shell meta.statement.command.shell meta.argument.shell string.unquoted.argument.shell"
            ),
            TokenKind::Plain
        );
        assert_eq!(
            of(
                "source.shell meta.statement.command.name.shell entity.name.function.call.shell entity.name.command.shell"
            ),
            TokenKind::Function
        );
        assert_eq!(
            of("source.shell string.unquoted.argument constant.other.option"),
            TokenKind::Constant
        );
    }

    #[test]
    fn prefixes_match_whole_parts() {
        assert!(has_prefix("string.quoted", "string"));
        assert!(has_prefix("string", "string"));
        assert!(!has_prefix("stringy.thing", "string"));
        assert_eq!(of("constants.fake"), TokenKind::Plain);
    }
}
