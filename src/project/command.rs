//! Running an external program (an mdBook preprocessor) with a time limit: its command line
//! split as a shell would, input on stdin, output and errors captured, killed when too slow.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// More output than this is cut (the preprocessed book of the largest real book is a few MB).
const MAX_OUTPUT_BYTES: usize = 256 << 20;
/// Standard error beyond this is cut in messages.
const MAX_STDERR_BYTES: usize = 16 << 10;

/// How a run ended.
#[derive(Debug)]
pub struct Finished {
    /// The exit code (`None` when killed by a signal or for the time limit).
    pub code: Option<i32>,
    /// Whether it was stopped for running past the time limit.
    pub timed_out: bool,
    /// What it wrote on standard output.
    pub stdout: Vec<u8>,
    /// What it wrote on standard error (the end of it, when long).
    pub stderr: String,
}

/// Why a program could not be started.
#[derive(Debug)]
pub enum StartError {
    /// The command line is empty or has an unclosed quote.
    BadCommand(String),
    /// The program does not exist.
    NotFound(String),
    /// Another failure of the system.
    Io(std::io::Error),
}

/// Splits a command line into words as a POSIX shell does: white space separates, single
/// quotes keep everything, double quotes keep all but `\\"` and `\\\\`, a backslash escapes
/// the next character.
pub fn split(command: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next()? {
                        '\'' => break,
                        c => word.push(c),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            c @ ('"' | '\\' | '$' | '`') => word.push(c),
                            c => {
                                word.push('\\');
                                word.push(c);
                            }
                        },
                        c => word.push(c),
                    }
                }
            }
            '\\' => {
                in_word = true;
                word.push(chars.next()?);
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Some(words)
}

/// Runs `command` (a command line; a program named with a folder is relative to `root`)
/// with `args` after its own, in folder `root`, giving it `input` on standard input (none:
/// an empty one), for at most `limit`.
pub fn run(
    command: &str,
    args: &[&str],
    root: &Path,
    input: Option<Vec<u8>>,
    limit: Duration,
) -> Result<Finished, StartError> {
    let words = split(command)
        .ok_or_else(|| StartError::BadCommand(format!("`{command}` has an unclosed quote")))?;
    let Some((program, own_args)) = words.split_first() else {
        return Err(StartError::BadCommand("the command is empty".into()));
    };
    let program_path = Path::new(program);
    let program_path = if program_path.components().count() > 1 {
        root.join(program_path)
    } else {
        program_path.to_path_buf()
    };
    let mut child = Command::new(&program_path)
        .args(own_args)
        .args(args)
        .current_dir(root)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                StartError::NotFound(program_path.display().to_string())
            }
            _ => StartError::Io(e),
        })?;
    let writer = match (child.stdin.take(), input) {
        (Some(mut stdin), Some(input)) => Some(std::thread::spawn(move || {
            // A program that stops reading early is its own business: its exit code tells.
            let _ = stdin.write_all(&input);
        })),
        _ => None,
    };
    let stdout = child
        .stdout
        .take()
        .map(|out| std::thread::spawn(move || read_capped(out, MAX_OUTPUT_BYTES)));
    let stderr = child
        .stderr
        .take()
        .map(|err| std::thread::spawn(move || read_capped(err, MAX_OUTPUT_BYTES)));
    let started = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait().map_err(StartError::Io)? {
            Some(status) => break Some(status),
            None if started.elapsed() >= limit => {
                let _ = child.kill();
                let _ = child.wait();
                timed_out = true;
                break None;
            }
            None => std::thread::sleep(Duration::from_millis(10)),
        }
    };
    if timed_out {
        // A program stopped for its time may have left children holding its pipes: the
        // threads reading them are left to end with folio rather than waited for.
        return Ok(Finished {
            code: None,
            timed_out,
            stdout: Vec::new(),
            stderr: String::new(),
        });
    }
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    let stdout = stdout.and_then(|h| h.join().ok()).unwrap_or_default();
    let stderr = stderr.and_then(|h| h.join().ok()).unwrap_or_default();
    let start = stderr.len().saturating_sub(MAX_STDERR_BYTES);
    Ok(Finished {
        code: status.and_then(|s| s.code()),
        timed_out,
        stdout,
        stderr: String::from_utf8_lossy(&stderr[start..])
            .trim_end()
            .to_string(),
    })
}

fn read_capped(mut from: impl Read, cap: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0u8; 64 << 10];
    loop {
        match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if out.len() < cap {
                    out.extend_from_slice(&buf[..n.min(cap - out.len())]);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_lines_split_as_a_shell_does() {
        assert_eq!(split("mdbook-x --flag").unwrap(), ["mdbook-x", "--flag"]);
        assert_eq!(
            split("'a b' \"c \\\"d\\\"\" e\\ f").unwrap(),
            ["a b", "c \"d\"", "e f"]
        );
        assert_eq!(split("  ").unwrap(), Vec::<String>::new());
        assert!(split("'open").is_none());
    }
}
