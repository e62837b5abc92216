//! The translation report of `coachbook check --translations`: per
//! language, the default language's pages that have no translation, and the
//! translations older than their original.
//!
//! A page's date is its `updated` (or `date`, `lastmod`, which front matter
//! reads as `updated`). [`Dates`] is where a date from elsewhere joins: the
//! build passes one that knows no other date; a handbook in a git repository
//! can answer with the file's last commit date where `updated` is absent.
//!
//! Pure: it reads sites.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::{Page, Site};

/// Another source of a page's date, by its file (as diagnostics show it),
/// asked only when the page has no `updated`.
pub type Dates<'a> = &'a dyn Fn(&Path) -> Option<String>;

/// The report for every translation language.
#[derive(Debug, Clone, Default, Serialize)]
pub struct TranslationReport {
    pub languages: Vec<LanguageReport>,
}

/// What one language lacks.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageReport {
    pub language: String,
    /// Pages of the default language with no translation into this one.
    pub missing: Vec<Missing>,
    /// Translations whose original changed after them.
    pub outdated: Vec<Outdated>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Missing {
    /// The original's file, as diagnostics show it.
    pub original: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Outdated {
    pub translation: String,
    pub original: String,
    /// The translation's date, if it has one.
    pub translation_date: Option<String>,
    pub original_date: String,
}

/// A page's date: its `updated`, else what `dates` knows of its file.
fn date_of(page: &Page, dates: Dates) -> Option<String> {
    let document = page.document.as_ref()?;
    document
        .front
        .updated
        .as_ref()
        .map(|d| d.as_str().to_string())
        .or_else(|| dates(&document.display))
}

/// The report for `languages` (code and site), each against `default`, the
/// default language's site.
pub fn translation_report(
    default: &Site,
    languages: &[(&str, &Site)],
    dates: Dates,
) -> TranslationReport {
    let originals: Vec<&Page> = default
        .reading_order
        .iter()
        .map(|&id| default.page(id))
        .filter(|page| page.document.is_some())
        .collect();
    let languages = languages
        .iter()
        .map(|(code, site)| {
            let translated: HashMap<&str, &Page> = site
                .pages
                .iter()
                .filter_map(|page| Some((page.document.as_ref()?.rel.as_str(), page)))
                .collect();
            let mut missing = Vec::new();
            let mut outdated = Vec::new();
            for original in &originals {
                let document = original.document.as_ref().expect("filtered above");
                let Some(translation) = translated.get(document.rel.as_str()) else {
                    missing.push(Missing {
                        original: document.display.display().to_string(),
                        title: original.title.clone(),
                    });
                    continue;
                };
                let Some(original_date) = date_of(original, dates) else {
                    continue;
                };
                let translation_date = date_of(translation, dates);
                // Dates are `YYYY-MM-DD`, so they order as text.
                if translation_date
                    .as_ref()
                    .is_none_or(|date| *date < original_date)
                {
                    let shown = translation
                        .document
                        .as_ref()
                        .expect("found by its document");
                    outdated.push(Outdated {
                        translation: shown.display.display().to_string(),
                        original: document.display.display().to_string(),
                        translation_date,
                        original_date,
                    });
                }
            }
            LanguageReport {
                language: (*code).to_string(),
                missing,
                outdated,
            }
        })
        .collect();
    TranslationReport { languages }
}

impl TranslationReport {
    /// The report as a table, one finding a line, for people.
    pub fn table(&self) -> String {
        let mut rows: Vec<[String; 4]> = vec![[
            "language".into(),
            "finding".into(),
            "file".into(),
            "dates".into(),
        ]];
        for language in &self.languages {
            for missing in &language.missing {
                rows.push([
                    language.language.clone(),
                    "not translated".into(),
                    missing.original.clone(),
                    String::new(),
                ]);
            }
            for outdated in &language.outdated {
                rows.push([
                    language.language.clone(),
                    "older than original".into(),
                    outdated.translation.clone(),
                    format!(
                        "{} < {} ({})",
                        outdated.translation_date.as_deref().unwrap_or("no date"),
                        outdated.original_date,
                        outdated.original
                    ),
                ]);
            }
            if language.missing.is_empty() && language.outdated.is_empty() {
                rows.push([
                    language.language.clone(),
                    "up to date".into(),
                    String::new(),
                    String::new(),
                ]);
            }
        }
        let widths: Vec<usize> = (0..4)
            .map(|i| {
                rows.iter()
                    .map(|row| row[i].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for row in &rows {
            let line: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(cell, width)| format!("{cell:<width$}"))
                .collect();
            out.push_str(line.join("  ").trim_end());
            out.push('\n');
        }
        out
    }
}
