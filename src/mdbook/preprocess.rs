//! Runs mdBook's preprocessors in mdBook's order: the built-in `links` (natively) and
//! `index`, and each `[preprocessor.NAME]` as a program speaking mdBook's JSON protocol,
//! with a time limit, `renderers`, `before`/`after` and `optional` honoured.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Duration;

use super::book;
use super::{links, protocol};
use crate::diag::{Diagnostic, Kind};
use crate::project::command::{self, StartError};
use crate::project::files::Includes;
use crate::project::mdbook_config::Preprocessor;
use crate::project::{ChapterText, Project};

/// The renderer name folio gives preprocessors (`supports folio`).
pub const RENDERER: &str = "folio";
/// A preprocessor may run this long unless `[output.folio] preprocessor-timeout` says.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// How to preprocess.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Skip external preprocessors (`--no-preprocessors`), with a warning for each.
    pub skip_external: bool,
}

/// Runs the book's preprocessors, leaving the texts in `project.texts` and the problems in
/// `project.diagnostics`.
pub fn preprocess(project: &mut Project, options: &Options) {
    let config = project.config.mdbook.clone();
    let tables: BTreeMap<String, Preprocessor> = config
        .preprocessors
        .iter()
        .map(|p| (p.name.clone(), p.clone()))
        .collect();
    let Some(order) = order(project, &tables, config.default_preprocessors) else {
        return;
    };
    let timeout = config
        .folio
        .preprocessor_timeout
        .map_or(DEFAULT_TIMEOUT, Duration::from_secs);
    let mut index_ran = false;
    for name in order {
        let table = tables.get(&name);
        let listed_out = table
            .and_then(|t| t.renderers.as_ref())
            .is_some_and(|r| !r.iter().any(|n| n == RENDERER));
        match name.as_str() {
            "links" if !listed_out => expand_links(project),
            "index" if !listed_out => index_ran = true,
            "links" | "index" => {}
            _ => {
                let Some(table) = table else { continue };
                if options.skip_external {
                    project.diagnostics.push(
                        Diagnostic::warning(
                            table.span,
                            format!("preprocessor `{name}` is skipped (--no-preprocessors)"),
                        )
                        .with_hint("what it would change in the chapters is printed as written")
                        .with_kind(Kind::Preprocessor),
                    );
                    continue;
                }
                if listed_out || !supports(project, table, timeout) {
                    continue;
                }
                if !run(project, table, timeout, index_ran) {
                    return;
                }
            }
        }
    }
}

/// mdBook's order: `before`/`after` constraints, ties broken by name.
fn order(
    project: &mut Project,
    tables: &BTreeMap<String, Preprocessor>,
    defaults: bool,
) -> Option<Vec<String>> {
    let mut names: BTreeSet<String> = tables.keys().cloned().collect();
    if defaults {
        names.insert("links".into());
        names.insert("index".into());
    }
    // (earlier, later) pairs.
    let mut edges: BTreeSet<(String, String)> = BTreeSet::new();
    for table in tables.values() {
        for (other, is_before) in table
            .before
            .iter()
            .map(|o| (o, true))
            .chain(table.after.iter().map(|o| (o, false)))
        {
            if !names.contains(other) {
                let which = if is_before { "before" } else { "after" };
                project.diagnostics.push(
                    Diagnostic::warning(
                        table.span,
                        format!(
                            "`preprocessor.{}.{which}` names `{other}`, which does not run",
                            table.name
                        ),
                    )
                    .with_hint("the constraint is ignored, as mdBook does")
                    .with_kind(Kind::Preprocessor),
                );
                continue;
            }
            let edge = if is_before {
                (table.name.clone(), other.clone())
            } else {
                (other.clone(), table.name.clone())
            };
            edges.insert(edge);
        }
    }
    let mut order = Vec::new();
    let mut left = names;
    while !left.is_empty() {
        let ready: Vec<String> = left
            .iter()
            .filter(|n| !edges.iter().any(|(a, b)| b == *n && left.contains(a)))
            .cloned()
            .collect();
        if ready.is_empty() {
            let at = left.iter().find_map(|n| tables.get(n)).map(|t| t.span);
            let message = format!(
                "the preprocessors {} must each run before another: a cycle",
                left.iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let d = match at {
                Some(span) => Diagnostic::error(span, message),
                None => Diagnostic::error_nowhere(message),
            };
            project.diagnostics.push(
                d.with_hint("remove one of the `before`/`after` lists")
                    .with_kind(Kind::Preprocessor),
            );
            return None;
        }
        for name in ready {
            left.remove(&name);
            order.push(name);
        }
    }
    Some(order)
}

/// The built-in `links`: every chapter's directives, expanded.
fn expand_links(project: &mut Project) {
    let entries = book::entries(project);
    let allowed = project.allowed.clone();
    let is_book_folder = std::fs::canonicalize(&project.root).is_ok_and(|r| r == allowed);
    let mut includes = Includes {
        allowed: &allowed,
        is_book_folder,
        sources: &mut project.sources,
        cache: BTreeMap::new(),
    };
    let mut results = Vec::new();
    for path in entries.iter().filter_map(|e| e.path.clone()) {
        let (text, map) = match project.texts.get(&path) {
            Some(t) => (t.text.clone(), t.map.clone()),
            None => match project.pages.get(&path) {
                Some(&file) => (
                    includes.sources.get(file).text.clone(),
                    crate::diag::SpanMap::identity(file),
                ),
                None => continue,
            },
        };
        if !text.contains("{{") {
            continue;
        }
        let full = project.root.join(&path);
        let dir = full.parent().map(Path::to_path_buf).unwrap_or_default();
        let key = std::fs::canonicalize(&full).unwrap_or(full);
        let expanded = links::expand(&text, &map, &dir, &key, &mut includes);
        results.push((path, expanded));
    }
    for (path, expanded) in results {
        let title = expanded
            .title
            .or_else(|| project.texts.get(&path).and_then(|t| t.title.clone()));
        project.diagnostics.extend(expanded.diagnostics);
        project.texts.insert(
            path,
            ChapterText {
                text: expanded.text,
                map: expanded.map,
                title,
            },
        );
    }
}

/// Asks a preprocessor whether it supports folio (`supports folio`).
fn supports(project: &mut Project, table: &Preprocessor, timeout: Duration) -> bool {
    let cmd = command_of(table);
    match command::run(&cmd, &["supports", RENDERER], &project.root, None, timeout) {
        Ok(done) if done.timed_out => {
            fail(
                project,
                table,
                &cmd,
                format!(
                    "did not answer `supports {RENDERER}` within {} s",
                    timeout.as_secs()
                ),
                &done.stderr,
            );
            false
        }
        Ok(done) if done.code == Some(0) => true,
        Ok(_) => {
            project.diagnostics.push(
                Diagnostic::warning(table.span, format!("preprocessor `{}` does not support the `{RENDERER}` renderer; it is skipped", table.name))
                    .with_hint(format!("to run it anyway, list it: `renderers = [\"{RENDERER}\"]` in [preprocessor.{}]", table.name))
                    .with_kind(Kind::Preprocessor),
            );
            false
        }
        Err(StartError::NotFound(program)) if table.optional => {
            project.diagnostics.push(
                Diagnostic::warning(table.span, format!("preprocessor `{}`: `{program}` is not installed; it is optional, so it is skipped", table.name))
                    .with_hint(format!("install `{program}` to run it"))
                    .with_kind(Kind::Preprocessor),
            );
            false
        }
        Err(e) => {
            not_started(project, table, &cmd, e);
            false
        }
    }
}

/// Runs a preprocessor on the book; returns false when it failed (an error is recorded).
fn run(project: &mut Project, table: &Preprocessor, timeout: Duration, index_ran: bool) -> bool {
    let cmd = command_of(table);
    let entries = book::entries(project);
    let sent = book::to_json(project, &entries, index_ran);
    let root = std::fs::canonicalize(&project.root).unwrap_or_else(|_| project.root.clone());
    let context = protocol::PreprocessorContext {
        root: root.display().to_string(),
        config: protocol::config_json(&project.config.mdbook.json),
        renderer: RENDERER.into(),
        mdbook_version: protocol::MDBOOK_VERSION.into(),
    };
    let input = match serde_json::to_vec(&(&context, &sent)) {
        Ok(input) => input,
        Err(e) => {
            fail(
                project,
                table,
                &cmd,
                format!("could not be given the book: {e}"),
                "",
            );
            return false;
        }
    };
    let done = match command::run(&cmd, &[], &project.root, Some(input), timeout) {
        Ok(done) => done,
        Err(StartError::NotFound(program)) if table.optional => {
            project.diagnostics.push(
                Diagnostic::warning(table.span, format!("preprocessor `{}`: `{program}` is not installed; it is optional, so it is skipped", table.name))
                    .with_kind(Kind::Preprocessor),
            );
            return true;
        }
        Err(e) => {
            not_started(project, table, &cmd, e);
            return false;
        }
    };
    if done.timed_out {
        fail(
            project,
            table,
            &cmd,
            format!("ran longer than {} s and was stopped", timeout.as_secs()),
            &done.stderr,
        );
        return false;
    }
    if done.code != Some(0) {
        let code = done
            .code
            .map_or("a signal".to_string(), |c| format!("exit code {c}"));
        fail(
            project,
            table,
            &cmd,
            format!("failed ({code})"),
            &done.stderr,
        );
        return false;
    }
    let returned: protocol::Book = match serde_json::from_slice(&done.stdout) {
        Ok(book) => book,
        Err(e) => {
            let start: String = String::from_utf8_lossy(&done.stdout)
                .chars()
                .take(60)
                .collect();
            fail(
                project,
                table,
                &cmd,
                format!("printed no book: {e} (it printed `{}`)", start.trim()),
                &done.stderr,
            );
            return false;
        }
    };
    let who = format!("preprocessor `{}`", table.name);
    book::apply(project, &sent, &returned, &who, Some(table.span));
    true
}

fn command_of(table: &Preprocessor) -> String {
    table
        .command
        .clone()
        .unwrap_or_else(|| format!("mdbook-{}", table.name))
}

fn fail(project: &mut Project, table: &Preprocessor, cmd: &str, what: String, stderr: &str) {
    let what = if stderr.is_empty() {
        what
    } else {
        format!(
            "{what}; it said: {}",
            stderr.lines().collect::<Vec<_>>().join(" / ")
        )
    };
    let d = Diagnostic::error(
        table.span,
        format!("preprocessor `{}` (`{cmd}`) {what}", table.name),
    )
    .with_kind(Kind::Preprocessor)
    .with_hint(
        "fix the preprocessor, mark it `optional = true`, or build with `--no-preprocessors`",
    );
    project.diagnostics.push(d);
}

fn not_started(project: &mut Project, table: &Preprocessor, cmd: &str, e: StartError) {
    let (message, hint) = match e {
        StartError::NotFound(program) => (
            format!(
                "preprocessor `{}` cannot run: `{program}` is not installed",
                table.name
            ),
            format!(
                "install it (`cargo install {program}` for most), set `optional = true` in [preprocessor.{}], or build with `--no-preprocessors`",
                table.name
            ),
        ),
        StartError::BadCommand(why) => (
            format!(
                "preprocessor `{}`: the command `{cmd}` is not valid: {why}",
                table.name
            ),
            "write `command = \"program --flag\"`".to_string(),
        ),
        StartError::Io(e) => (
            format!(
                "preprocessor `{}` (`{cmd}`) could not start: {e}",
                table.name
            ),
            "check that the program is executable".to_string(),
        ),
    };
    project.diagnostics.push(
        Diagnostic::error(table.span, message)
            .with_hint(hint)
            .with_kind(Kind::Preprocessor),
    );
}
