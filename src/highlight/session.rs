//! Shell sessions (`console` blocks): each line is a prompt and a command, the rest of a
//! command continued (after a trailing `\`, `` ` `` or `^`), or output.
//!
//! ```text
//! $ cargo run          Prompt `$`, then the command in the shell's grammar
//!    Compiling hello   Output
//! ```

use super::Engine;
use crate::doc::{Token, TokenKind};

/// Where the prompt of a session line ends and its command begins, in bytes, when the line
/// starts with one: `$`, `%`, `>` or `❯` followed by a space or the line's end; `PS>` and
/// `PS C:\dir>` (PowerShell); `C:\dir>` (cmd).
pub(super) fn prompt(line: &str) -> Option<(usize, usize)> {
    let after = |end: usize| {
        let rest = &line[end..];
        if rest.is_empty() {
            Some((end, end))
        } else if rest.starts_with(' ') {
            Some((end, end + 1))
        } else {
            None
        }
    };
    if let Some(symbol) = ['$', '%', '>', '❯'].iter().find(|c| line.starts_with(**c)) {
        return after(symbol.len_utf8());
    }
    let bytes = line.as_bytes();
    let is_powershell = line.starts_with("PS>") || line.starts_with("PS ");
    let is_drive = bytes.len() > 3 && bytes[0].is_ascii_alphabetic() && &bytes[1..3] == b":\\";
    if is_powershell || is_drive {
        let end = line.find('>')? + 1;
        return after(end);
    }
    None
}

/// Whether the first line with text starts with a prompt (a shell block that is a session).
pub(super) fn starts_with_prompt(text: &str) -> bool {
    text.lines()
        .find(|line| !line.trim().is_empty())
        .is_some_and(|line| prompt(line).is_some())
}

/// Whether a command line goes on on the next line: it ends with the shell's line
/// continuation (`\` in sh, `` ` `` in PowerShell, `^` in cmd).
fn continues(command: &str, shell: &str) -> bool {
    let end = command.trim_end_matches(['\r', ' ', '\t']);
    match shell {
        "powershell" => end.ends_with('`'),
        "bat" => end.ends_with('^'),
        _ => end.ends_with('\\'),
    }
}

/// The tokens of the session `text`, its commands highlighted in the grammar `shell`.
pub(super) fn tokens(text: &str, shell: &str, engine: &mut Engine, out: &mut Vec<Token>) {
    let mut start = 0;
    let mut in_command = false;
    for line in text.split('\n') {
        let command = if in_command {
            Some(0)
        } else {
            prompt(line).map(|(prompt_end, command)| {
                push(out, TokenKind::Prompt, start, start + prompt_end);
                command
            })
        };
        match command {
            Some(at) => {
                let command = &line[at..];
                engine.tokenize(shell, command, start + at, out);
                in_command = continues(command, shell);
            }
            None => {
                let output = line.trim_end_matches('\r');
                push(out, TokenKind::Output, start, start + output.len());
                in_command = false;
            }
        }
        start += line.len() + 1;
    }
}

/// Appends a token of `kind` over `start..end`, unless it is empty.
fn push(out: &mut Vec<Token>, kind: TokenKind, start: usize, end: usize) {
    if start < end {
        out.push(Token {
            kind,
            range: super::offset(start)..super::offset(end),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_are_found_with_the_command_after_them() {
        assert_eq!(prompt("$ cargo run"), Some((1, 2)));
        assert_eq!(prompt("$"), Some((1, 1)));
        assert_eq!(prompt("> rustc main.rs"), Some((1, 2)));
        assert_eq!(prompt("% ls"), Some((1, 2)));
        assert_eq!(prompt("PS> dir"), Some((3, 4)));
        assert_eq!(prompt("PS C:\\Users\\me> dir"), Some((15, 16)));
        assert_eq!(prompt("C:\\projects> cargo new"), Some((12, 13)));
        assert_eq!(prompt("❯ exa"), Some((3, 4)));
    }

    #[test]
    fn output_is_not_a_prompt() {
        assert_eq!(prompt("   Compiling hello v0.1.0"), None);
        assert_eq!(prompt("$HOME is set"), None);
        assert_eq!(prompt(">>> 1 + 1"), None);
        assert_eq!(prompt("PSA: read this"), None);
        assert_eq!(prompt("# comment"), None);
        assert_eq!(prompt(""), None);
    }

    #[test]
    fn shell_blocks_starting_with_a_prompt_are_sessions() {
        assert!(starts_with_prompt("\n$ cargo build\n"));
        assert!(!starts_with_prompt("#!/bin/sh\necho hi\n"));
        assert!(!starts_with_prompt(""));
    }

    #[test]
    fn continuation_follows_the_shell() {
        assert!(continues("cargo run \\", "shellscript"));
        assert!(continues("Get-Item `", "powershell"));
        assert!(continues("dir ^\r", "bat"));
        assert!(!continues("cargo run", "shellscript"));
    }
}
