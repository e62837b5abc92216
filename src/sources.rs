//! The files a handbook is made of, as values: what `discover` reads and the
//! pure stages (`document`, `site`) take, so neither side imports the other.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostics::Diagnostic;
use crate::vocab::Date;

/// A Markdown file under `content/`.
#[derive(Debug, Clone, Default)]
pub struct SourceFile {
    /// Path relative to `content/`, with `/` separators and a lowercase `.md`.
    pub rel: String,
    /// Path relative to the handbook root, as shown in diagnostics.
    pub display: PathBuf,
    /// The text, without a BOM, with `\n` line endings and no NUL, with
    /// mdBook includes expanded.
    pub text: String,
    /// Where each line of `text` came from, when includes changed the lines.
    pub origins: Vec<(PathBuf, usize)>,
    /// Includes that could not be expanded.
    pub problems: Vec<Diagnostic>,
}

/// Any other file: an asset under `content/`, a static file, a template.
#[derive(Debug, Clone)]
pub struct OtherFile {
    /// Path relative to the folder it was found in, with `/` separators.
    pub rel: String,
    pub absolute: PathBuf,
}

/// When each page last changed, from the handbook's git history: the date
/// of the last commit touching it, by path relative to `content/`. Empty
/// when the handbook is not in a git repository, git is missing, the clone
/// is shallow or `git_dates = false`.
#[derive(Debug, Clone, Default)]
pub struct History(pub HashMap<String, Date>);

impl History {
    /// The date of the last commit that touched the page at `rel`.
    pub fn last_changed(&self, rel: &str) -> Option<&Date> {
        self.0.get(rel)
    }
}
