//! Problems found in a user's handbook, and how they are shown.
//!
//! A [`Diagnostic`] is a value: every stage returns the ones it found and keeps
//! going, so one run reports everything. This module formats them as
//! `path:line:col: error: message`, followed by the source line, a caret and an
//! optional hint. It never prints: only the CLI writes to the terminal.

use std::fmt;
use std::path::{Path, PathBuf};

use unicode_width::UnicodeWidthChar;

/// How bad a diagnostic is. Errors fail a build; warnings fail it only with `--strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// What kind of problem a diagnostic is: a short name that stays the same
/// when its message is reworded, for CI, `--format json` and tests. The
/// README lists every one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    TomlSyntax,
    YamlSyntax,
    FrontMatterFence,
    UnknownField,
    DuplicateField,
    MissingField,
    WrongType,
    InvalidValue,
    FieldOfOtherKind,
    KindOnSection,
    UnknownStage,
    InvalidId,
    DuplicateId,
    EmptyBank,
    TooFewRoles,
    TimingSum,
    EmptyAgendaRow,
    AgendaSum,
    ShortScenarioRow,
    NameTooLong,
    UnsafeOutput,
    UnknownLanguage,
    UnconfiguredLanguage,
    UnknownWord,
    MissingWord,
    NotText,
    Unreadable,
    NotAFile,
    SymlinkOutside,
    SymlinkLoop,
    BrokenSymlink,
    BrokenLink,
    BrokenAnchor,
    BrokenRef,
    LeftOutLink,
    AmbiguousWikilink,
    Container,
    ForeignSyntax,
    Include,
    Summary,
    UnclosedComment,
    DuplicateFolderPage,
    OutputCollision,
    EmptySection,
    MissingSummary,
    ReviewDue,
    Template,
    Export,
    NoConfig,
    Tool,
}

impl Code {
    /// Every code, in the order the README lists them.
    pub const ALL: &[Code] = &[
        Code::TomlSyntax,
        Code::YamlSyntax,
        Code::FrontMatterFence,
        Code::UnknownField,
        Code::DuplicateField,
        Code::MissingField,
        Code::WrongType,
        Code::InvalidValue,
        Code::FieldOfOtherKind,
        Code::KindOnSection,
        Code::UnknownStage,
        Code::InvalidId,
        Code::DuplicateId,
        Code::EmptyBank,
        Code::TooFewRoles,
        Code::TimingSum,
        Code::EmptyAgendaRow,
        Code::AgendaSum,
        Code::ShortScenarioRow,
        Code::NameTooLong,
        Code::UnsafeOutput,
        Code::UnknownLanguage,
        Code::UnconfiguredLanguage,
        Code::UnknownWord,
        Code::MissingWord,
        Code::NotText,
        Code::Unreadable,
        Code::NotAFile,
        Code::SymlinkOutside,
        Code::SymlinkLoop,
        Code::BrokenSymlink,
        Code::BrokenLink,
        Code::BrokenAnchor,
        Code::BrokenRef,
        Code::LeftOutLink,
        Code::AmbiguousWikilink,
        Code::Container,
        Code::ForeignSyntax,
        Code::Include,
        Code::Summary,
        Code::UnclosedComment,
        Code::DuplicateFolderPage,
        Code::OutputCollision,
        Code::EmptySection,
        Code::MissingSummary,
        Code::ReviewDue,
        Code::Template,
        Code::Export,
        Code::NoConfig,
        Code::Tool,
    ];

    /// The code as printed: `error[broken-link]`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::TomlSyntax => "toml-syntax",
            Code::YamlSyntax => "yaml-syntax",
            Code::FrontMatterFence => "front-matter-fence",
            Code::UnknownField => "unknown-field",
            Code::DuplicateField => "duplicate-field",
            Code::MissingField => "missing-field",
            Code::WrongType => "wrong-type",
            Code::InvalidValue => "invalid-value",
            Code::FieldOfOtherKind => "field-of-other-kind",
            Code::KindOnSection => "kind-on-section",
            Code::UnknownStage => "unknown-stage",
            Code::InvalidId => "invalid-id",
            Code::DuplicateId => "duplicate-id",
            Code::EmptyBank => "empty-bank",
            Code::TooFewRoles => "too-few-roles",
            Code::TimingSum => "timing-sum",
            Code::EmptyAgendaRow => "empty-agenda-row",
            Code::AgendaSum => "agenda-sum",
            Code::ShortScenarioRow => "short-scenario-row",
            Code::NameTooLong => "name-too-long",
            Code::UnsafeOutput => "unsafe-output",
            Code::UnknownLanguage => "unknown-language",
            Code::UnconfiguredLanguage => "unconfigured-language",
            Code::UnknownWord => "unknown-word",
            Code::MissingWord => "missing-word",
            Code::NotText => "not-text",
            Code::Unreadable => "unreadable",
            Code::NotAFile => "not-a-file",
            Code::SymlinkOutside => "symlink-outside",
            Code::SymlinkLoop => "symlink-loop",
            Code::BrokenSymlink => "broken-symlink",
            Code::BrokenLink => "broken-link",
            Code::BrokenAnchor => "broken-anchor",
            Code::BrokenRef => "broken-ref",
            Code::LeftOutLink => "left-out-link",
            Code::AmbiguousWikilink => "ambiguous-wikilink",
            Code::Container => "container",
            Code::ForeignSyntax => "foreign-syntax",
            Code::Include => "include",
            Code::Summary => "summary-md",
            Code::UnclosedComment => "unclosed-comment",
            Code::DuplicateFolderPage => "duplicate-folder-page",
            Code::OutputCollision => "output-collision",
            Code::EmptySection => "empty-section",
            Code::MissingSummary => "missing-summary",
            Code::ReviewDue => "review-due",
            Code::Template => "template",
            Code::Export => "export",
            Code::NoConfig => "no-config",
            Code::Tool => "tool",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in the handbook, at a place in one file. Serialises to the JSON
/// of `--format json`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// The file, relative to the handbook root.
    pub path: PathBuf,
    /// 1-based line (1 when the problem concerns the whole file).
    pub line: usize,
    /// 1-based column, counted in characters.
    #[serde(rename = "column")]
    pub col: usize,
    pub message: String,
    /// The text of the offending line, shown under the message with a caret;
    /// a long line is kept cut around the caret, with `…` where text was left out.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// The caret's 1-based character column in `source_line`.
    #[serde(skip)]
    pub source_col: usize,
    /// How many characters the caret underlines.
    #[serde(skip)]
    pub span_len: usize,
    pub help: Option<String>,
    /// Reported once for the whole handbook, at its first place (an
    /// unknown class used on many pages): see [`keep_first_of_handbook_wide`].
    #[serde(skip)]
    pub once_per_handbook: bool,
}

impl Diagnostic {
    /// A diagnostic about a whole file: it points at the file's start, so
    /// every diagnostic has a `path:line:col`, but shows no source line.
    pub fn file(code: Code, severity: Severity, path: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity,
            path: path.to_path_buf(),
            line: 1,
            col: 1,
            message: message.into(),
            source_line: None,
            source_col: 0,
            span_len: 0,
            help: None,
            once_per_handbook: false,
        }
    }

    /// A diagnostic at byte `offset` of `text`, the full text of the file at `path`.
    pub fn at(
        code: Code,
        severity: Severity,
        path: &Path,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::at_indexed(
            code,
            severity,
            path,
            (text, &LineIndex::new(text)),
            offset,
            message,
        )
    }

    /// [`Diagnostic::at`] with the line index of `text` made once: indexing
    /// takes a pass over the file, too much to repeat for each of many problems.
    pub fn at_indexed(
        code: Code,
        severity: Severity,
        path: &Path,
        (text, index): (&str, &LineIndex),
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let (line, col) = index.line_col(text, offset);
        let line_text = index.line_text(text, line);
        // The caret's byte in the line. Work past it is bounded by what is
        // shown, so many problems on one huge line stay cheap.
        let mut at = offset
            .saturating_sub(index.line_start(line))
            .min(line_text.len());
        while !line_text.is_char_boundary(at) {
            at -= 1;
        }
        let span_len = line_text[at..]
            .trim_end()
            .chars()
            .take(SNIPPET_WIDTH)
            .count()
            .max(1);
        let (source_line, source_col) = cut_around(line_text, at);
        Diagnostic {
            code,
            severity,
            path: path.to_path_buf(),
            line,
            col,
            message: message.into(),
            source_line: Some(source_line),
            source_col,
            span_len,
            help: None,
            once_per_handbook: false,
        }
    }

    /// A diagnostic at a 1-based `line` of `text`, pointing at its first non-blank character.
    pub fn at_line(
        code: Code,
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
        Self::at(code, severity, path, text, start + indent, message)
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
        writeln!(
            f,
            "{path}:{}:{}: {label}[{}]: {}",
            self.line, self.col, self.code, self.message
        )?;
        if let Some(source) = &self.source_line {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            // Tabs are shown as one space; columns are display columns.
            let shown: String = source
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            let before = self.source_col.saturating_sub(1);
            let pad: usize = source.chars().take(before).map(columns).sum();
            let caret: usize = source
                .chars()
                .skip(before)
                .take(self.span_len.max(1))
                .map(columns)
                .sum();
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{number} | {shown}")?;
            writeln!(
                f,
                "{gutter} | {}{}",
                " ".repeat(pad),
                "^".repeat(caret.max(1))
            )?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {help}")?;
        }
        Ok(())
    }
}

/// How many terminal columns of a source line are shown at most; a longer
/// line is cut around the caret, with `…` where text was left out.
const SNIPPET_WIDTH: usize = 100;

/// Of the snippet's width, how much is shown before the caret when a line is cut.
const SNIPPET_LEAD: usize = 40;

/// How many terminal columns `c` takes (a tab is shown as one space).
fn columns(c: char) -> usize {
    if c == '\t' { 1 } else { c.width().unwrap_or(0) }
}

/// `line` cut to at most [`SNIPPET_WIDTH`] columns around its byte `at`, with
/// `…` where text was left out, and the 1-based character column of `at` in
/// what is kept. A line that fits is kept whole. The work is bounded by what
/// is kept, not by the line's length.
fn cut_around(line: &str, at: usize) -> (String, usize) {
    if fits(line) {
        return (line.to_string(), line[..at].chars().count() + 1);
    }
    // Zero-width characters take no column, so characters are capped too.
    let most_chars = 4 * SNIPPET_WIDTH;
    let mut start = at;
    let mut lead = 0;
    for (i, c) in line[..at].char_indices().rev().take(most_chars) {
        lead += columns(c);
        if lead > SNIPPET_LEAD {
            break;
        }
        start = i;
    }
    let mut end = start;
    let mut shown = 0;
    for (i, c) in line[start..].char_indices().take(most_chars) {
        shown += columns(c);
        if shown > SNIPPET_WIDTH {
            break;
        }
        end = start + i + c.len_utf8();
    }
    let end = end.max(at);
    let mut text = String::new();
    if start > 0 {
        text.push('…');
    }
    text.push_str(&line[start..end]);
    if end < line.len() {
        text.push('…');
    }
    (
        text,
        usize::from(start > 0) + line[start..at].chars().count() + 1,
    )
}

/// Whether `line` is at most [`SNIPPET_WIDTH`] columns wide, looking at no
/// more of it than that.
fn fits(line: &str) -> bool {
    // No character takes more columns than it has bytes.
    if line.len() <= SNIPPET_WIDTH {
        return true;
    }
    let mut width = 0;
    for (n, c) in line.chars().enumerate() {
        width += columns(c);
        if width > SNIPPET_WIDTH || n >= 4 * SNIPPET_WIDTH {
            return false;
        }
    }
    true
}

/// Something that carries a run's diagnostics, counted the same way everywhere.
pub trait Report {
    fn diagnostics(&self) -> &[Diagnostic];

    fn errors(&self) -> usize {
        self.diagnostics().iter().filter(|d| d.is_error()).count()
    }

    fn warnings(&self) -> usize {
        self.diagnostics().len() - self.errors()
    }
}

/// Sorts diagnostics by file and position, so output is stable across runs.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.col, a.severity, &a.message)
            .cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
    });
}

/// Keeps only the first (in sorted order) of each handbook-wide diagnostic
/// with the same message, so an unknown class used on forty pages is one
/// warning, where it first appears.
pub fn keep_first_of_handbook_wide(diagnostics: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    diagnostics.retain(|d| !d.once_per_handbook || seen.insert(d.message.clone()));
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
        let mut offset = offset.min(text.len());
        // An offset inside a character counts as that character's start.
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let col = text[start..offset].chars().count() + 1;
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
            Code::UnknownField,
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
            "content/a.md:2:1: error[unknown-field]: unknown field `competences`\n  |\n2 | competences: [a]\n  | ^^^^^^^^^^^\n  = help: did you mean `competencies`?\n"
        );
    }

    fn render_at(text: &str, offset: usize, span_len: usize) -> String {
        Diagnostic::at(
            Code::Tool,
            Severity::Error,
            Path::new("a.md"),
            text,
            offset,
            "m",
        )
        .with_span_len(span_len)
        .to_string()
    }

    #[test]
    fn the_caret_counts_display_columns() {
        // `日本語` is six columns wide; the caret must start under `x`.
        let text = "title: 日本語 x\n";
        let shown = render_at(text, text.find('x').unwrap(), 1);
        let caret = format!("1 | title: 日本語 x\n  | {}^\n", " ".repeat(14));
        assert!(shown.contains(&caret), "{shown}");
        // A combining mark takes no column.
        let text = "e\u{301}e\u{301} y";
        let shown = render_at(text, text.find('y').unwrap(), 1);
        assert!(
            shown.contains(&format!("  | {}^\n", " ".repeat(3))),
            "{shown}"
        );
        // A wide character is underlined by two carets.
        let shown = render_at("ab語c", 2, 1);
        assert!(
            shown.contains(&format!("  | {}^^\n", " ".repeat(2))),
            "{shown}"
        );
    }

    #[test]
    fn a_long_line_is_cut_around_the_caret() {
        let line = format!("{}needle{}", "a".repeat(300_000), "b".repeat(300_000));
        let offset = line.find("needle").unwrap();
        // Only the part shown is kept, however many problems the line has.
        let diagnostic = Diagnostic::at(
            Code::Tool,
            Severity::Error,
            Path::new("a.md"),
            &line,
            offset,
            "m",
        );
        assert!(diagnostic.source_line.unwrap().len() < 4 * SNIPPET_WIDTH);
        let shown = render_at(&line, offset, 6);
        let source = shown.lines().nth(2).unwrap();
        assert!(
            source.starts_with("1 | …a") && source.ends_with("b…"),
            "{source}"
        );
        assert!(source.chars().count() < SNIPPET_WIDTH + 10, "{source}");
        let caret = shown.lines().nth(3).unwrap();
        // Both are ASCII but for the leading `…`, one column wide.
        let needle_col = source[..source.find("needle").unwrap()].chars().count();
        assert_eq!(caret.find('^'), Some(needle_col), "{shown}");
        assert!(caret.ends_with("^^^^^^"), "{caret}");
    }

    #[test]
    fn a_long_line_of_wide_characters_is_cut_too() {
        let line = "語".repeat(1000);
        let shown = render_at(&line, line.len(), 1);
        let source = shown.lines().nth(2).unwrap();
        assert!(
            source.starts_with("1 | …語") && !source.ends_with('…'),
            "{source}"
        );
        let caret = shown.lines().nth(3).unwrap();
        assert_eq!(caret.trim_end().len(), "  | ".len() + 1 + SNIPPET_LEAD + 1);
    }

    #[test]
    fn an_offset_inside_a_character_points_at_it() {
        check_line_col("a語b", 2, (1, 2));
        check_line_col("a語b", 3, (1, 2));
        check_line_col("a語b", 4, (1, 3));
    }

    #[test]
    fn did_you_mean_finds_close_words_only() {
        let fields = ["competencies", "tags", "title"];
        assert_eq!(did_you_mean("competences", fields), Some("competencies"));
        assert_eq!(did_you_mean("zzz", fields), None);
    }
}
