//! Where front-matter problems are reported: from a key's path in the YAML
//! to its place in the file, and the parser's own errors in an author's words.

use std::path::Path;

use super::super::yaml_errors;
use super::super::yaml_locator::{YamlLines, YamlPosition};
use crate::diagnostics::{Code, Diagnostic, LineIndex, Severity};
use crate::typed::Segment;

/// Where front-matter problems are reported: the file's path and text, and the YAML's place in it.
pub(super) struct Reporter<'a> {
    pub(super) path: &'a Path,
    pub(super) text: &'a str,
    pub(super) yaml: &'a str,
    pub(super) yaml_offset: usize,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// The front matter's lines and line starts, made on the first lookup.
    pub(super) lines: std::cell::OnceCell<(YamlLines<'a>, LineIndex)>,
    /// The whole file's line starts, made on the first problem.
    pub(super) text_lines: std::cell::OnceCell<LineIndex>,
}

impl Reporter<'_> {
    /// The byte offset in the file of the key at `path`, or of the front matter's first line.
    pub(super) fn offset_of(&self, path: &[Segment]) -> (usize, usize) {
        let (lines, index) = self
            .lines
            .get_or_init(|| (YamlLines::new(self.yaml), LineIndex::new(self.yaml)));
        match lines.locate(path) {
            Some(position) => {
                let line_start = index.line_start(position.line);
                let line = index.line_text(self.yaml, position.line);
                let byte_col: usize = line
                    .chars()
                    .take(position.col - 1)
                    .map(char::len_utf8)
                    .sum();
                (self.yaml_offset + line_start + byte_col, position.len)
            }
            None => (self.yaml_offset.saturating_sub(4), 3),
        }
    }

    /// The offset and length of the value written after the key at `path` on the
    /// same line (`stage: Gaol` → `Gaol`), or of the key when the value is below it.
    pub(super) fn value_of(&self, path: &[Segment]) -> (usize, usize) {
        let (offset, len) = self.offset_of(path);
        let line_end = self.text[offset..]
            .find('\n')
            .map_or(self.text.len(), |i| offset + i);
        // `len` counts characters: the key may be written in any script.
        let key_end = self.text[offset..line_end]
            .char_indices()
            .nth(len)
            .map_or(line_end, |(i, _)| offset + i);
        let after_key = &self.text[key_end..line_end];
        let Some(value) = after_key
            .strip_prefix(':')
            .map(str::trim)
            .filter(|v| !v.is_empty())
        else {
            return (offset, len);
        };
        let value_offset = line_end - after_key.len() + after_key.find(value).unwrap_or(0);
        (value_offset, value.chars().count())
    }

    /// An error at byte `offset` of the file.
    pub(super) fn diagnostic(
        &self,
        code: Code,
        offset: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let lines = self.text_lines.get_or_init(|| LineIndex::new(self.text));
        Diagnostic::at_indexed(
            code,
            Severity::Error,
            self.path,
            (self.text, lines),
            offset,
            message,
        )
    }

    pub(super) fn error(
        &mut self,
        code: Code,
        path: &[Segment],
        message: impl Into<String>,
        help: Option<String>,
    ) {
        let span = self.offset_of(path);
        self.push(code, span, message, help);
    }

    /// An error about the value of the key at `path`, with the caret under the value.
    pub(super) fn value_error(
        &mut self,
        code: Code,
        path: &[Segment],
        message: impl Into<String>,
        help: Option<String>,
    ) {
        let span = self.value_of(path);
        self.push(code, span, message, help);
    }

    pub(super) fn push(
        &mut self,
        code: Code,
        (offset, len): (usize, usize),
        message: impl Into<String>,
        help: Option<String>,
    ) {
        let mut diagnostic = self.diagnostic(code, offset, message).with_span_len(len);
        diagnostic.help = help;
        self.diagnostics.push(diagnostic);
    }
}

pub(super) fn key(name: &str) -> Segment {
    Segment::Key(name.to_string())
}

/// One error per key that repeats a key of its mapping. The lines are indexed
/// once, however many there are.
pub(super) fn report_duplicates(reporter: &mut Reporter, duplicates: Vec<(YamlPosition, String)>) {
    if duplicates.is_empty() {
        return;
    }
    let yaml_lines = LineIndex::new(reporter.yaml);
    for (position, name) in duplicates {
        let offset = reporter.yaml_offset + yaml_lines.line_start(position.line) + position.col - 1;
        let diagnostic = reporter.diagnostic(
            Code::DuplicateField,
            offset,
            format!("duplicate field `{name}`"),
        );
        reporter.diagnostics.push(
            diagnostic
                .with_span_len(position.len)
                .with_help("each field may appear once; remove one of them"),
        );
    }
}

pub(super) fn report_yaml_error(reporter: &mut Reporter, error: &serde_yaml::Error) {
    let message = error.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message);
    let diagnostic = match error.location() {
        Some(location) => {
            let problem =
                yaml_errors::explain(reporter.yaml, message, location.line(), location.column());
            let index = LineIndex::new(reporter.yaml);
            let line = index.line_text(reporter.yaml, problem.line);
            let byte_col: usize = line
                .chars()
                .take(problem.col.saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            let offset = reporter.yaml_offset + index.line_start(problem.line) + byte_col;
            let mut diagnostic = Diagnostic::at(
                Code::YamlSyntax,
                Severity::Error,
                reporter.path,
                reporter.text,
                offset.min(reporter.text.len()),
                format!("invalid YAML in front matter: {}", problem.message),
            )
            .with_span_len(problem.len)
            .with_help(problem.help);
            // A tab is the mistake the author cannot see: show it.
            diagnostic.source_line = diagnostic.source_line.map(|l| l.replace('\t', "→"));
            diagnostic
        }
        None => {
            let help = if message.contains("repetition limit") {
                "YAML anchors and aliases that expand this much are not allowed in front matter"
            } else if message.contains("recursion limit") {
                "lists and maps nest too deeply; front matter needs only a few levels"
            } else {
                "check indentation and quote text that contains `: ` or starts with a special character"
            };
            Diagnostic::at(
                Code::YamlSyntax,
                Severity::Error,
                reporter.path,
                reporter.text,
                reporter.yaml_offset.saturating_sub(4),
                format!("invalid YAML in front matter: {message}"),
            )
            .with_help(help)
        }
    };
    reporter.diagnostics.push(diagnostic);
}
