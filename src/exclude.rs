//! `exclude` in `site.toml`: gitignore patterns, relative to `content/`, of
//! files a build leaves out. Matching is the `ignore` crate's gitignore
//! matcher, so negation (`!keep.md`), anchoring (`/top.md`), folder-only
//! patterns (`drafts/`) and `**` mean what they mean in a `.gitignore`.

use std::path::Path;

use ignore::gitignore::{Gitignore, GitignoreBuilder};

/// The compiled patterns; an empty list matches nothing.
pub struct Exclude {
    matcher: Option<Gitignore>,
}

impl Exclude {
    /// Compiles `patterns` for files under `content_dir`. A pattern that does
    /// not compile is left out here; [`pattern_errors`] reports it.
    pub fn new(content_dir: &Path, patterns: &[String]) -> Exclude {
        if patterns.is_empty() {
            return Exclude { matcher: None };
        }
        let mut builder = GitignoreBuilder::new(content_dir);
        for pattern in patterns {
            let _ = builder.add_line(None, pattern);
        }
        Exclude {
            matcher: builder.build().ok(),
        }
    }

    /// Whether the file at `rel` (relative to `content/`, `/` separators) is
    /// left out, by a pattern naming it or one of its folders.
    pub fn excludes(&self, rel: &str) -> bool {
        self.matcher
            .as_ref()
            .is_some_and(|matcher| matcher.matched_path_or_any_parents(rel, false).is_ignore())
    }
}

/// Why each pattern that does not compile is refused, in the pattern's words.
pub fn pattern_errors(content_dir: &Path, patterns: &[String]) -> Vec<String> {
    patterns
        .iter()
        .filter_map(|pattern| {
            let mut builder = GitignoreBuilder::new(content_dir);
            let error = builder.add_line(None, pattern).err()?;
            Some(format!(
                "`exclude` pattern `{pattern}` is not valid: {error}"
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exclude(patterns: &[&str]) -> Exclude {
        let patterns: Vec<String> = patterns.iter().map(ToString::to_string).collect();
        Exclude::new(Path::new("/h/content"), &patterns)
    }

    #[test]
    fn gitignore_patterns_match_files_and_their_folders() {
        let rules = exclude(&[
            "drafts/**",
            "templates/",
            "*.tmp.md",
            "!keep.tmp.md",
            "/top.md",
        ]);
        for rel in [
            "drafts/a.md",
            "drafts/deep/b.md",
            "templates/x.md",
            "a/b.tmp.md",
            "top.md",
        ] {
            assert!(rules.excludes(rel), "{rel}");
        }
        for rel in ["guides/a.md", "keep.tmp.md", "a/top.md", "draftsman.md"] {
            assert!(!rules.excludes(rel), "{rel}");
        }
        assert!(!exclude(&[]).excludes("a.md"));
    }

    #[test]
    fn a_bad_pattern_is_named() {
        let errors = pattern_errors(
            Path::new("/h/content"),
            &["ok/**".into(), "a[z-a].md".into()],
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("`a[z-a].md`"), "{errors:?}");
    }
}
