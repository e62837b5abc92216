//! Problems found in a user's handbook, and how they are shown.
//!
//! A [`Diagnostic`] is a value: every stage returns the ones it found and keeps
//! going, so one run reports everything. This module formats them as
//! `path:line:col: error: message`, followed by the source line, a caret and an
//! optional hint. It never prints: only the CLI writes to the terminal.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is. Errors fail a build; warnings fail it only with `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in the handbook, at a place in one file. Serialises to the JSON
/// of `--format json`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the handbook root.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, counted in characters.
    #[serde(rename = "column")]
    pub col: usize,
    pub message: String,
    /// The text of the offending line, shown under the message with a caret.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// How many characters the caret underlines.
    #[serde(skip)]
    pub span_len: usize,
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic about a whole file, with no position inside it.
    pub fn file(severity: Severity, path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            path: path.to_path_buf(),
            line: 0,
            col: 0,
            message: message.into(),
            source_line: None,
            span_len: 0,
            help: None,
        }
    }

    /// A diagnostic at byte `offset` of `text`, the full text of the file at `path`.
    pub fn at(
        severity: Severity,
        path: &Path,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let index = LineIndex::new(text);
        let (line, col) = index.line_col(text, offset);
        let source_line = index.line_text(text, line).to_string();
        let rest = source_line.chars().skip(col - 1).collect::<String>();
        let span_len = rest.trim_end().chars().count().max(1);
        Diagnostic {
            severity,
            path: path.to_path_buf(),
            line,
            col,
            message: message.into(),
            source_line: Some(source_line),
            span_len,
            help: None,
        }
    }

    /// A diagnostic at a 1-based `line` of `text`, pointing at its first non-blank character.
    pub fn at_line(
        severity: Severity,
        path: &Path,
        text: &str,
        line: usize,
        message: impl Into<String>,
    ) -> Self {
        let index = LineIndex::new(text);
        let start = index.line_start(line.max(1));
        let line_text = index.line_text(text, line.max(1));
        let indent = line_text.len() - line_text.trim_start().len();
        Self::at(severity, path, text, start + indent, message)
    }

    /// Adds a hint shown after the source line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Limits the caret to `len` characters.
    pub fn with_span_len(mut self, len: usize) -> Self {
        self.span_len = len.max(1);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let path = self.path.display();
        if self.line == 0 {
            writeln!(f, "{path}: {label}: {}", self.message)?;
        } else {
            writeln!(
                f,
                "{path}:{}:{}: {label}: {}",
                self.line, self.col, self.message
            )?;
        }
        if let Some(source) = &self.source_line {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            let shown = source.replace('\t', " ");
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{number} | {shown}")?;
            let pad = " ".repeat(self.col.saturating_sub(1));
            writeln!(f, "{gutter} | {pad}{}", "^".repeat(self.span_len))?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {help}")?;
        }
        Ok(())
    }
}

/// How many of `diagnostics` are errors.
pub fn errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

/// How many of `diagnostics` are warnings.
pub fn warnings(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.len() - errors(diagnostics)
}

/// Sorts diagnostics by file and position, so output is stable across runs.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.col, a.severity, &a.message)
            .cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
    });
}

/// Byte offsets of line starts, to turn offsets into `line:col`.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let col = text
            .get(start..offset)
            .map_or(1, |prefix| prefix.chars().count() + 1);
        (line, col)
    }

    /// Byte offset where a 1-based line starts (the end of text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or_else(|| *self.starts.last().unwrap_or(&0))
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let start = self.line_start(line).min(text.len());
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        text[start..end].trim_end_matches('\r')
    }
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_line_col(text: &str, offset: usize, expected: (usize, usize)) {
        assert_eq!(LineIndex::new(text).line_col(text, offset), expected);
    }

    #[test]
    fn line_col_counts_lines_and_characters() {
        check_line_col("abc\ndef", 0, (1, 1));
        check_line_col("abc\ndef", 5, (2, 2));
        check_line_col("é\nxy", 4, (2, 2));
        check_line_col("ab", 99, (1, 3));
    }

    #[test]
    fn renders_path_line_col_caret_and_help() {
        let text = "title: x\ncompetences: [a]\n";
        let diagnostic = Diagnostic::at(
            Severity::Error,
            Path::new("content/a.md"),
            text,
            9,
            "unknown field `competences`",
        )
        .with_span_len(11)
        .with_help("did you mean `competencies`?");
        assert_eq!(
            diagnostic.to_string(),
            "content/a.md:2:1: error: unknown field `competences`\n  |\n2 | competences: [a]\n  | ^^^^^^^^^^^\n  = help: did you mean `competencies`?\n"
        );
    }

    #[test]
    fn did_you_mean_finds_close_words_only() {
        let fields = ["competencies", "tags", "title"];
        assert_eq!(did_you_mean("competences", fields), Some("competencies"));
        assert_eq!(did_you_mean("zzz", fields), None);
    }
}
