//! A fence's language (`rust,ignore`, `console`, `sh`) → how its block is highlighted.

/// How a code block is highlighted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// Set as it is, and rightly so: no tokens, no note (`text`, no language).
    Plain,
    /// A shell session: prompts, the commands after them in the grammar `shell`, and what
    /// the commands print (`console`).
    Session {
        /// The grammar of the commands.
        shell: &'static str,
    },
    /// A shell language (`sh`, `powershell`): a session when its first line starts with a
    /// prompt (`$ cargo run`), a script in `grammar` otherwise.
    Shell {
        /// The grammar of the commands or the script.
        grammar: &'static str,
    },
    /// Another language, by the name (lower case) the engine is asked for.
    Grammar(String),
}

/// Languages that are plain text on purpose.
const PLAIN: &[&str] = &[
    "text",
    "txt",
    "plain",
    "plaintext",
    "output",
    "none",
    "nohighlight",
    "no-highlight",
];

/// Languages of shell sessions, always read as prompts, commands and output.
const SESSIONS: &[&str] = &[
    "console",
    "shell-session",
    "shellsession",
    "sh-session",
    "terminal",
    "session",
];

/// Shell languages (read as sessions when they start with a prompt), with their grammar.
const SHELLS: &[(&str, &str)] = &[
    ("sh", "shellscript"),
    ("bash", "shellscript"),
    ("shell", "shellscript"),
    ("zsh", "shellscript"),
    ("ksh", "shellscript"),
    ("shellscript", "shellscript"),
    ("powershell", "powershell"),
    ("pwsh", "powershell"),
    ("ps1", "powershell"),
    ("cmd", "bat"),
    ("bat", "bat"),
    ("batch", "bat"),
    ("dos", "bat"),
];

/// Names authors write that the engine knows under another.
const ALIASES: &[(&str, &str)] = &[
    ("patch", "diff"),
    ("udiff", "diff"),
    ("golang", "go"),
    ("py3", "python"),
    ("jsx", "javascript"),
    ("htm", "html"),
    ("xhtml", "html"),
    ("svg", "xml"),
    ("docker", "dockerfile"),
];

/// How the block of a fence whose info string gives `language` is highlighted: the first
/// comma-separated word counts (`rust,ignore` is Rust), in any case, with a leading `.`
/// (`{.rust}`) or `language-` (`language-rust`) taken off.
pub(super) fn mode(language: Option<&str>) -> Mode {
    let Some(language) = language else {
        return Mode::Plain;
    };
    let word = language.split(',').next().unwrap_or("").trim();
    let word = word.trim_start_matches('.');
    let word = word.strip_prefix("language-").unwrap_or(word);
    let word = word.to_ascii_lowercase();
    if word.is_empty() || PLAIN.contains(&word.as_str()) {
        return Mode::Plain;
    }
    if SESSIONS.contains(&word.as_str()) {
        return Mode::Session {
            shell: "shellscript",
        };
    }
    if let Some((_, grammar)) = SHELLS.iter().find(|(name, _)| *name == word) {
        return Mode::Shell { grammar };
    }
    match ALIASES.iter().find(|(name, _)| *name == word) {
        Some((_, target)) => Mode::Grammar((*target).to_string()),
        None => Mode::Grammar(word),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_word_of_the_info_string_counts() {
        assert_eq!(mode(Some("rust,ignore")), Mode::Grammar("rust".into()));
        assert_eq!(
            mode(Some("rust,edition2018,ignore")),
            Mode::Grammar("rust".into())
        );
        assert_eq!(mode(Some("Rust")), Mode::Grammar("rust".into()));
        assert_eq!(mode(Some(".toml")), Mode::Grammar("toml".into()));
        assert_eq!(mode(Some("language-js")), Mode::Grammar("js".into()));
    }

    #[test]
    fn text_and_no_language_are_plain() {
        assert_eq!(mode(None), Mode::Plain);
        assert_eq!(mode(Some("text")), Mode::Plain);
        assert_eq!(mode(Some("")), Mode::Plain);
        assert_eq!(mode(Some(",ignore")), Mode::Plain);
    }

    #[test]
    fn shells_and_sessions_are_told_apart() {
        assert_eq!(
            mode(Some("console")),
            Mode::Session {
                shell: "shellscript"
            }
        );
        assert_eq!(
            mode(Some("shell-session")),
            Mode::Session {
                shell: "shellscript"
            }
        );
        assert_eq!(
            mode(Some("sh")),
            Mode::Shell {
                grammar: "shellscript"
            }
        );
        assert_eq!(mode(Some("cmd")), Mode::Shell { grammar: "bat" });
        assert_eq!(
            mode(Some("powershell")),
            Mode::Shell {
                grammar: "powershell"
            }
        );
        assert_eq!(mode(Some("patch")), Mode::Grammar("diff".into()));
    }
}
