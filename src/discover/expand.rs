//! Text other generators expand before their Markdown parser sees it, done
//! here because it reads files: mdBook's `{{#include file}}` (with `:10:20`
//! line ranges and `:name` anchors) and Hugo's `ref`/`relref` shortcodes.
//!
//! An include reads only files under the handbook root: the target is
//! resolved with `canonicalize` and refused when it lands outside the
//! canonical root. Included text is expanded in turn (ten levels at most).
//! `\{{#include …}}` is kept as written, without its backslash. A Hugo
//! `{{< ref "x.md" >}}` (or `relref`, or the `{{% %}}` form) inside a link's
//! destination becomes that path, and a bare one a link to it, so the site
//! checks it like any other link. Every problem is an error at the include's
//! line; [`Expanded::origins`] maps each line of the result back to the file
//! and line it came from, so later diagnostics point at the right place.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic, Severity};

/// How deep included files may include others, as mdBook allows.
const MAX_DEPTH: usize = 10;

/// A page's text with includes and Hugo references expanded.
pub struct Expanded {
    pub text: String,
    /// For each line of `text`, the file (as shown to the author) and 1-based
    /// line it came from; empty when no include changed the lines.
    pub origins: Vec<(PathBuf, usize)>,
    /// Includes that could not be expanded, each at its line.
    pub problems: Vec<Diagnostic>,
}

/// Where an include may read from, and how its paths are shown.
struct Reader {
    /// The handbook root, canonical.
    root: PathBuf,
}

/// One directive found on a line: its byte range in the line and what it is.
enum Directive<'a> {
    /// `\{{#include …}}`: written without the backslash.
    Escaped,
    Include(&'a str),
    /// A Hugo reference's path, and whether it sits in a link destination.
    Ref(&'a str, bool),
}

/// Expands `text`, the page at `absolute` (shown as `display`), reading
/// included files only under `root`.
pub fn expand(text: String, absolute: &Path, display: &Path, root: &Path) -> Expanded {
    if !text.contains("{{") {
        return Expanded {
            text,
            origins: Vec::new(),
            problems: Vec::new(),
        };
    }
    let reader = Reader {
        root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
    };
    let mut problems = Vec::new();
    let (expanded, origins) = reader.expand_in(&text, absolute, display, 1, 0, &mut problems);
    let included = origins.iter().any(|(path, _)| path != display)
        || origins.len() != text.split('\n').count();
    Expanded {
        text: expanded,
        origins: if included { origins } else { Vec::new() },
        problems,
    }
}

/// Moves diagnostics on expanded pages to the file and line their text came
/// from. `origins` maps a page's path as shown to its [`Expanded::origins`].
pub fn place_diagnostics(
    diagnostics: &mut [Diagnostic],
    origins: &std::collections::HashMap<PathBuf, Vec<(PathBuf, usize)>>,
) {
    if origins.is_empty() {
        return;
    }
    for diagnostic in diagnostics {
        let Some(lines) = origins.get(&diagnostic.path) else {
            continue;
        };
        if let Some((path, line)) = diagnostic.line.checked_sub(1).and_then(|i| lines.get(i)) {
            diagnostic.path = path.clone();
            diagnostic.line = *line;
        }
    }
}

impl Reader {
    /// Expands `text`, whose first line is line `first_line` of the file at
    /// `absolute`; returns the text and the origin of each of its lines.
    fn expand_in(
        &self,
        text: &str,
        absolute: &Path,
        display: &Path,
        first_line: usize,
        depth: usize,
        problems: &mut Vec<Diagnostic>,
    ) -> (String, Vec<(PathBuf, usize)>) {
        let mut lines: Vec<(String, (PathBuf, usize))> = Vec::new();
        let mut line_start = 0;
        for (index, line) in text.split('\n').enumerate() {
            let mut current = String::with_capacity(line.len());
            let mut origin = (display.to_path_buf(), first_line + index);
            let mut from = 0;
            while let Some((start, end, directive)) = next_directive(line, from) {
                current.push_str(&line[from..start]);
                match directive {
                    Directive::Escaped => current.push_str(&line[start + 1..end]),
                    Directive::Ref(path, true) => current.push_str(path),
                    Directive::Ref(path, false) => {
                        current.push_str(&format!("[{path}]({path})"));
                    }
                    Directive::Include(argument) => {
                        let at = |message: String| {
                            let mut problem = Diagnostic::at(
                                Code::Include,
                                Severity::Error,
                                display,
                                text,
                                line_start + start,
                                message,
                            )
                            .with_span_len(line[start..end].chars().count());
                            problem.line += first_line - 1;
                            problem
                        };
                        if depth >= MAX_DEPTH {
                            problems.push(at(format!(
                                "includes nest more than {MAX_DEPTH} deep: does a file include itself?"
                            )));
                        } else {
                            match self.include(absolute, argument) {
                                Ok((target, shown, selected, base)) => {
                                    let (included, origins) = self.expand_in(
                                        &selected,
                                        &target,
                                        &shown,
                                        base,
                                        depth + 1,
                                        problems,
                                    );
                                    for (k, (part, part_origin)) in
                                        included.split('\n').zip(origins).enumerate()
                                    {
                                        if k > 0 {
                                            let done = std::mem::take(&mut current);
                                            lines.push((done, origin));
                                            origin = part_origin;
                                        }
                                        current.push_str(part);
                                    }
                                }
                                Err((message, help)) => problems.push(at(message).with_help(help)),
                            }
                        }
                    }
                }
                from = end;
            }
            current.push_str(&line[from..]);
            lines.push((current, origin));
            line_start += line.len() + 1;
        }
        let mut out = String::with_capacity(text.len());
        let mut origins = Vec::with_capacity(lines.len());
        for (k, (line, origin)) in lines.into_iter().enumerate() {
            if k > 0 {
                out.push('\n');
            }
            out.push_str(&line);
            origins.push(origin);
        }
        (out, origins)
    }

    /// Reads what `{{#include argument}}` in the file at `from` names: the
    /// file's canonical path, its path as shown, the selected text, and the
    /// line number of its first line.
    fn include(
        &self,
        from: &Path,
        argument: &str,
    ) -> Result<(PathBuf, PathBuf, String, usize), (String, String)> {
        let (path, selector) = match argument.split_once(':') {
            Some((path, selector)) => (path.trim(), Some(selector.trim())),
            None => (argument.trim(), None),
        };
        let folder = from.parent().unwrap_or(Path::new(""));
        let target = std::fs::canonicalize(folder.join(path)).map_err(|_| {
            (
                format!("cannot include `{path}`: no such file"),
                "the path is read from the including file's folder".to_string(),
            )
        })?;
        if !target.starts_with(&self.root) {
            return Err((
                format!("cannot include `{path}`: it is outside the handbook"),
                "coachbook reads nothing from outside the handbook folder; copy the file into it"
                    .to_string(),
            ));
        }
        if !target.is_file() {
            return Err((
                format!("cannot include `{path}`: it is not a file"),
                "name a file, such as `snippets/example.md`".to_string(),
            ));
        }
        let shown = super::display_path(&self.root, &target);
        let text = super::read_text(&target, &shown).map_err(|problem| {
            (
                format!("cannot include `{path}`: {}", problem.message),
                problem.help.unwrap_or_default(),
            )
        })?;
        let text = text.strip_suffix('\n').unwrap_or(&text);
        let lines: Vec<&str> = text.split('\n').collect();
        let (start, end) = match selector.filter(|s| !s.is_empty()) {
            None => (0, lines.len()),
            Some(selector) => match line_range(selector) {
                Some((first, last)) => {
                    let start = first.unwrap_or(1).max(1) - 1;
                    if start >= lines.len() {
                        return Err((
                            format!(
                                "cannot include `{path}` from line {}: it has {} lines",
                                start + 1,
                                lines.len()
                            ),
                            "write a range within the file, such as `:1:10`".to_string(),
                        ));
                    }
                    (start, last.unwrap_or(lines.len()).min(lines.len()).max(start))
                }
                None => anchored(&lines, selector).ok_or_else(|| {
                    (
                        format!("cannot include `{path}:{selector}`: no anchor `{selector}` in it"),
                        format!(
                            "mark the lines with `ANCHOR: {selector}` and `ANCHOR_END: {selector}` comment lines"
                        ),
                    )
                })?,
            },
        };
        let selected: Vec<&str> = lines[start..end]
            .iter()
            .copied()
            .filter(|line| {
                anchor_name(line, "ANCHOR:").is_none() && anchor_name(line, "ANCHOR_END:").is_none()
            })
            .collect();
        Ok((target, shown, selected.join("\n"), start + 1))
    }
}

/// A line range `a`, `a:`, `a:b` or `:b` (1-based, inclusive): the first
/// and last line, `None` for an open end. `None` for anything else (an anchor).
fn line_range(selector: &str) -> Option<(Option<usize>, Option<usize>)> {
    let number = |s: &str| -> Option<Option<usize>> {
        let s = s.trim();
        if s.is_empty() {
            Some(None)
        } else {
            s.parse().ok().map(Some)
        }
    };
    match selector.split_once(':') {
        Some((first, last)) => Some((number(first)?, number(last)?)),
        None => {
            let line = number(selector)??;
            Some((Some(line), Some(line)))
        }
    }
}

/// The lines between `ANCHOR: name` and `ANCHOR_END: name` (or the end).
fn anchored(lines: &[&str], name: &str) -> Option<(usize, usize)> {
    let start = lines
        .iter()
        .position(|line| anchor_name(line, "ANCHOR:") == Some(name))?;
    let end = lines[start..]
        .iter()
        .position(|line| anchor_name(line, "ANCHOR_END:") == Some(name))
        .map_or(lines.len(), |k| start + k);
    Some((start + 1, end))
}

/// The name after `marker` on a line, if the line has that marker.
fn anchor_name<'a>(line: &'a str, marker: &str) -> Option<&'a str> {
    let at = line.find(marker)?;
    let rest = line[at + marker.len()..].trim_start();
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// The next directive on `line` at or after byte `from`.
fn next_directive(line: &str, from: usize) -> Option<(usize, usize, Directive<'_>)> {
    let mut search = from;
    while let Some(found) = line[search..].find("{{") {
        let start = search + found;
        let inner = &line[start + 2..];
        if let Some(found) = include_at(inner) {
            let (argument, length) = found;
            let end = start + 2 + length;
            if start > from && line.as_bytes()[start - 1] == b'\\' {
                return Some((start - 1, end, Directive::Escaped));
            }
            return Some((start, end, Directive::Include(argument)));
        }
        if let Some((path, length)) = hugo_ref_at(inner) {
            let in_destination = line[..start].ends_with("](");
            return Some((
                start,
                start + 2 + length,
                Directive::Ref(path, in_destination),
            ));
        }
        search = start + 2;
    }
    None
}

/// After a `{{`: `#include argument}}`, as the argument and the length up to
/// and with the closing `}}`.
fn include_at(inner: &str) -> Option<(&str, usize)> {
    let rest = inner.trim_start();
    let rest = rest.strip_prefix("#include")?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let close = rest.find("}}")?;
    let argument = rest[..close].trim();
    (!argument.is_empty()).then(|| (argument, inner.len() - rest.len() + close + 2))
}

/// After a `{{`: `< ref "path" >}}` or `% relref "path" %}}`, as the path and
/// the length up to and with the closing braces.
fn hugo_ref_at(inner: &str) -> Option<(&str, usize)> {
    let (open, close) = match inner.as_bytes().first()? {
        b'<' => ('<', ">}}"),
        b'%' => ('%', "%}}"),
        _ => return None,
    };
    let rest = inner.strip_prefix(open)?.trim_start();
    let rest = rest
        .strip_prefix("relref")
        .or_else(|| rest.strip_prefix("ref"))?;
    let rest = rest.trim_start().strip_prefix('"')?;
    let quote = rest.find('"')?;
    let path = &rest[..quote];
    let after = rest[quote + 1..].trim_start();
    if !after.starts_with(close) || path.is_empty() {
        return None;
    }
    let length = inner.len() - after.len() + close.len();
    Some((path, length))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ranges_and_anchors_are_told_apart() {
        assert_eq!(line_range("10:20"), Some((Some(10), Some(20))));
        assert_eq!(line_range("10:"), Some((Some(10), None)));
        assert_eq!(line_range(":5"), Some((None, Some(5))));
        assert_eq!(line_range("3"), Some((Some(3), Some(3))));
        assert_eq!(line_range("opening"), None);
        let lines = ["a", "// ANCHOR: ask", "b", "// ANCHOR_END: ask", "c"];
        assert_eq!(anchored(&lines, "ask"), Some((2, 3)));
        assert_eq!(anchored(&lines, "asking"), None);
    }

    #[test]
    fn hugo_references_become_paths_or_links() {
        let line = r#"See [it]({{< ref "grow.md#goal" >}}) and {{% relref "a/b.md" %}}."#;
        let (start, end, directive) = next_directive(line, 0).expect("a reference");
        assert!(matches!(directive, Directive::Ref("grow.md#goal", true)));
        assert_eq!(&line[end..end + 1], ")");
        let (_, _, directive) = next_directive(line, end).expect("a bare reference");
        assert!(matches!(directive, Directive::Ref("a/b.md", false)));
        assert!(start > 0);
        assert!(next_directive("{{< figure src=\"x\" >}} {{ .Title }}", 0).is_none());
    }
}
