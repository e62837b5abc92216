//! Which language each page is written in: a translation is `name.<code>.md`
//! (`_index.<code>.md`, `index.<code>.md`) beside its original, for a code
//! configured in `[languages.<code>]`. [`split`] sorts the handbook's pages
//! into one list per language, each translation under its original's path
//! (`guides/partnering.de.md` → `guides/partnering.md`), so every later stage
//! reads a language's pages as a handbook of their own. Diagnostics keep the
//! file's real path (`display`).
//!
//! Pure: it sorts values `discover` made.

use std::collections::HashSet;

use crate::config::{Config, Language, native_name};
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::sources::SourceFile;

/// The pages of each language: index 0 is the default language, index
/// `i + 1` is `config.languages[i]`.
pub struct ByLanguage {
    pub pages: Vec<Vec<SourceFile>>,
    /// Content paths of pages found but not read, per language, as above.
    pub unread: Vec<HashSet<String>>,
}

/// The language code a content path names (`guides/a.de.md` → `de`) and
/// the path of its original (`guides/a.md`), when its file name has the form
/// `name.<code>.md` with a code-like part (letters, then `-region`).
pub fn translation_of(rel: &str) -> Option<(&str, String)> {
    let stem = rel.strip_suffix(".md")?;
    let (base, code) = stem.rsplit_once('.')?;
    let name = base.rsplit('/').next().unwrap_or(base);
    let (primary, region) = code.split_once('-').unwrap_or((code, ""));
    let code_like = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && region.chars().all(|c| c.is_ascii_alphanumeric());
    (code_like && !name.is_empty()).then(|| (code, format!("{base}.md")))
}

/// Sorts `pages` (and the paths of `unread` pages) by language. A file that
/// names a language the handbook does not configure stays a page of the
/// default language, with a warning when the code is a language coachbook
/// knows (so `notes.v2.md` is just a name).
pub fn split(
    config: &Config,
    pages: Vec<SourceFile>,
    unread: Vec<String>,
) -> (ByLanguage, Vec<Diagnostic>) {
    let count = config.languages.len() + 1;
    let mut by_language = ByLanguage {
        pages: (0..count).map(|_| Vec::new()).collect(),
        unread: (0..count).map(|_| HashSet::new()).collect(),
    };
    let mut diagnostics = Vec::new();
    let place = |rel: &str| -> (usize, Option<String>) {
        match translation_of(rel) {
            Some((code, original)) => match config
                .languages
                .iter()
                .position(|l| l.code.eq_ignore_ascii_case(code))
            {
                Some(i) => (i + 1, Some(original)),
                None => (0, None),
            },
            None => (0, None),
        }
    };
    for mut page in pages {
        let (language, original) = place(&page.rel);
        match original {
            Some(original) => page.rel = original,
            None => {
                if let Some(warning) = unconfigured(config, &page) {
                    diagnostics.push(warning);
                }
            }
        }
        by_language.pages[language].push(page);
    }
    for rel in unread {
        let (language, original) = place(&rel);
        by_language.unread[language].insert(original.unwrap_or(rel));
    }
    (by_language, diagnostics)
}

/// The warning for a page named like a translation into a language the
/// handbook does not configure.
fn unconfigured(config: &Config, page: &SourceFile) -> Option<Diagnostic> {
    let (code, original) = translation_of(&page.rel)?;
    let known = native_name(code) != code;
    if !known || code.eq_ignore_ascii_case(&config.language) {
        return None;
    }
    let code = code.to_ascii_lowercase();
    Some(
        Diagnostic::file(
            Code::UnconfiguredLanguage,
            Severity::Warning,
            &page.display,
            format!(
                "this is an ordinary page, not a translation of `{original}`: site.toml has no `[languages.{code}]`"
            ),
        )
        .with_help(format!(
            "add `[languages.{code}]` to site.toml to publish it as the {} translation",
            native_name(&code)
        )),
    )
}

/// Pages of the default language (site URL, file) whose URL starts with a
/// translation language's folder (`de/…`), where that language's pages go:
/// an error each, naming both.
pub fn folder_collisions<'a>(
    languages: &[Language],
    pages: impl Iterator<Item = (&'a str, &'a std::path::PathBuf)>,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (url, file) in pages {
        let first = url.split('/').next().unwrap_or_default();
        if let Some(language) = languages.iter().find(|l| l.code == first) {
            found.push(
                Diagnostic::file(
                    Code::OutputCollision,
                    Severity::Error,
                    file,
                    format!(
                        "`{url}` is inside `{first}/`, where the {} pages of `[languages.{first}]` go",
                        language.name
                    ),
                )
                .with_help(format!(
                    "rename the folder `{first}`, or write its pages as `name.{first}.md` translations"
                )),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_are_named_by_a_code_before_md() {
        assert_eq!(
            translation_of("guides/partnering.de.md"),
            Some(("de", "guides/partnering.md".into()))
        );
        assert_eq!(
            translation_of("_index.pt-br.md"),
            Some(("pt-br", "_index.md".into()))
        );
        assert_eq!(
            translation_of("guides/listening/index.ja.md"),
            Some(("ja", "guides/listening/index.md".into()))
        );
        assert_eq!(translation_of("guides/partnering.md"), None);
        assert_eq!(translation_of("notes.v2.md"), None);
        assert_eq!(translation_of("guides/.de.md"), None);
        assert_eq!(translation_of("release.2024.md"), None);
    }
}
