//! Folding a warning that many files share into one entry, so a tree brought
//! from another tool shows its few real problems instead of a wall of
//! "page has no `summary`".

use std::collections::HashMap;
use std::path::PathBuf;

use coachbook::diagnostics::{Diagnostic, Severity};

/// A warning is folded once it hits more files than this.
const MAX_FILES_SHOWN_IN_FULL: usize = 5;
/// How many further paths a folded warning names.
const PATHS_NAMED: usize = 3;

/// What to print for one diagnostic, in the order the build found them.
#[derive(Debug, PartialEq, Eq)]
pub enum Entry<'a> {
    /// Printed as it is.
    Full(&'a Diagnostic),
    /// The first of a repeated warning, followed by how many other files
    /// have it and the first few of their paths.
    Folded {
        first: &'a Diagnostic,
        others: usize,
        named: Vec<&'a PathBuf>,
    },
}

/// Groups warnings by message. A message found in more than
/// [`MAX_FILES_SHOWN_IN_FULL`] files becomes one [`Entry::Folded`] where its
/// first occurrence was; errors are never folded. With `verbose`, nothing is.
pub fn fold_repeated_warnings(diagnostics: &[Diagnostic], verbose: bool) -> Vec<Entry<'_>> {
    if verbose {
        return diagnostics.iter().map(Entry::Full).collect();
    }
    let mut by_message: HashMap<&str, Vec<&Diagnostic>> = HashMap::new();
    for diagnostic in diagnostics {
        if diagnostic.severity == Severity::Warning {
            by_message
                .entry(diagnostic.message.as_str())
                .or_default()
                .push(diagnostic);
        }
    }
    let folds = |d: &Diagnostic| {
        d.severity == Severity::Warning
            && files_with(&by_message[d.message.as_str()]) > MAX_FILES_SHOWN_IN_FULL
    };
    let mut entries = Vec::new();
    let mut folded = std::collections::HashSet::new();
    for diagnostic in diagnostics {
        if !folds(diagnostic) {
            entries.push(Entry::Full(diagnostic));
        } else if folded.insert(diagnostic.message.as_str()) {
            let group = &by_message[diagnostic.message.as_str()];
            let mut named: Vec<&PathBuf> = Vec::new();
            for other in &group[1..] {
                if other.path != diagnostic.path && !named.contains(&&other.path) {
                    named.push(&other.path);
                }
            }
            let others = named.len();
            named.truncate(PATHS_NAMED);
            entries.push(Entry::Folded {
                first: diagnostic,
                others,
                named,
            });
        }
    }
    entries
}

/// How many distinct files a group of diagnostics is in.
fn files_with(group: &[&Diagnostic]) -> usize {
    let mut paths: Vec<&PathBuf> = group.iter().map(|d| &d.path).collect();
    paths.sort();
    paths.dedup();
    paths.len()
}

impl std::fmt::Display for Entry<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Entry::Full(diagnostic) => write!(f, "{diagnostic}"),
            Entry::Folded {
                first,
                others,
                named,
            } => {
                let names = named
                    .iter()
                    .map(|path| path.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                let more = if *others > named.len() { ", …" } else { "" };
                write!(
                    f,
                    "{first}\n  = note: {others} more files have this warning: {names}{more} (`--verbose` lists each one)"
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use coachbook::diagnostics::Code;

    fn warning(path: &str, message: &str) -> Diagnostic {
        Diagnostic::file(
            Code::MissingSummary,
            Severity::Warning,
            Path::new(path),
            message,
        )
    }

    #[test]
    fn a_warning_in_six_files_is_printed_once_with_the_count() {
        let mut diagnostics: Vec<Diagnostic> = (1..=6)
            .map(|n| warning(&format!("content/p{n}.md"), "page has no `summary`"))
            .collect();
        diagnostics.insert(2, warning("content/p1.md", "an empty section"));
        let entries = fold_repeated_warnings(&diagnostics, false);
        assert_eq!(entries.len(), 2);
        let Entry::Folded {
            first,
            others,
            named,
        } = &entries[0]
        else {
            panic!("expected a folded entry first: {entries:?}");
        };
        assert_eq!(first.path, Path::new("content/p1.md"));
        assert_eq!(*others, 5);
        assert_eq!(named.len(), PATHS_NAMED);
        assert!(entries[0].to_string().contains(
            "5 more files have this warning: content/p2.md, content/p3.md, content/p4.md, …"
        ));
        assert_eq!(entries[1], Entry::Full(&diagnostics[2]));
    }

    #[test]
    fn five_files_errors_and_verbose_are_never_folded() {
        let five: Vec<Diagnostic> = (1..=5)
            .map(|n| warning(&format!("content/p{n}.md"), "page has no `summary`"))
            .collect();
        assert_eq!(fold_repeated_warnings(&five, false).len(), 5);

        let errors: Vec<Diagnostic> = (1..=8)
            .map(|n| {
                Diagnostic::file(
                    Code::BrokenLink,
                    Severity::Error,
                    Path::new(&format!("p{n}.md")),
                    "broken",
                )
            })
            .collect();
        assert_eq!(fold_repeated_warnings(&errors, false).len(), 8);

        let many: Vec<Diagnostic> = (1..=8)
            .map(|n| warning(&format!("content/p{n}.md"), "page has no `summary`"))
            .collect();
        assert_eq!(fold_repeated_warnings(&many, true).len(), 8);
    }
}
