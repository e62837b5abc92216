//! Fields coachbook does not know. One that is a slip of a known field's name
//! (`sumary:`) is an error with did-you-mean, since it would silently drop a
//! page from a listing; any other (`layout:`, `permalink:`, written for
//! another generator) is left out, and all of those of the whole handbook
//! are one warning that counts the files using each ([`group_unknown_fields`]).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::raw::FIELDS;
use super::report::{Reporter, key};
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::vocab::FieldRules;

/// How each file's warning about one left-out field starts; the field follows in backquotes.
const LEFT_OUT: &str = "front-matter field left out: ";

/// Takes every top-level field out of `map` that neither the built-in fields
/// nor `rules` name: a likely typo is an error, any other a warning that
/// [`group_unknown_fields`] later joins with the rest of the handbook's.
pub(super) fn take_unknown_fields(
    map: &mut Map<String, Value>,
    rules: &FieldRules,
    reporter: &mut Reporter,
) {
    let known = || {
        FIELDS
            .iter()
            .copied()
            .chain(rules.taxonomies.iter().map(String::as_str))
            .chain(rules.extra_fields.iter().map(String::as_str))
    };
    let unknown: Vec<String> = map
        .keys()
        .filter(|name| !known().any(|k| k == name.as_str()))
        .cloned()
        .collect();
    for name in unknown {
        map.remove(&name);
        let path = [key(&name)];
        match typo_of(&name, known()) {
            Some(close) => reporter.error(
                Code::UnknownField,
                &path,
                format!("unknown field `{name}`"),
                Some(format!("did you mean `{close}`?")),
            ),
            None => {
                let (offset, len) = reporter.offset_of(&path);
                let mut warning = reporter
                    .diagnostic(Code::UnknownField, offset, format!("{LEFT_OUT}`{name}`"))
                    .with_span_len(len);
                warning.severity = Severity::Warning;
                warning.once_per_handbook = true;
                reporter.diagnostics.push(warning);
            }
        }
    }
}

/// The known field `name` is most likely a slip of: a different case, or at
/// most one edit in four characters (one for short names), a swap of two
/// neighbours counting as one.
fn typo_of<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = name.to_lowercase();
    let most = (lower.chars().count() / 4).max(1);
    known
        .map(|candidate| (strsim::osa_distance(&lower, candidate), candidate))
        .filter(|(distance, _)| *distance <= most)
        .min()
        .map(|(_, candidate)| candidate)
}

/// Joins the warnings about left-out fields, one per file and field, into
/// one for the handbook at the first of them: each field with how many files
/// use it, and how to keep them. `diagnostics` must be sorted.
pub fn group_unknown_fields(diagnostics: &mut Vec<Diagnostic>) {
    let mut files: BTreeMap<&str, usize> = BTreeMap::new();
    let mut first = None;
    for (i, diagnostic) in diagnostics.iter().enumerate() {
        if let Some(name) = left_out_field(diagnostic) {
            *files.entry(name).or_default() += 1;
            first.get_or_insert(i);
        }
    }
    let Some(first) = first else {
        return;
    };
    let listed: Vec<String> = files
        .iter()
        .map(|(name, count)| {
            let s = if *count == 1 { "" } else { "s" };
            format!("`{name}` ({count} file{s})")
        })
        .collect();
    let names: Vec<String> = files.keys().map(|name| format!("\"{name}\"")).collect();
    let mut grouped = diagnostics[first].clone();
    grouped.message = format!(
        "front matter has fields coachbook does not use, left out: {}",
        listed.join(", ")
    );
    grouped.help = Some(format!(
        "to pass them to templates as `page.extra.<name>`, name them in site.toml: `extra_fields = [{}]`",
        names.join(", ")
    ));
    grouped.once_per_handbook = false;
    let mut index = 0;
    diagnostics.retain(|d| {
        index += 1;
        index - 1 == first || left_out_field(d).is_none()
    });
    diagnostics[first] = grouped;
}

/// The field a file's warning about a left-out field names.
fn left_out_field(diagnostic: &Diagnostic) -> Option<&str> {
    let rest = diagnostic.message.strip_prefix(LEFT_OUT)?;
    (diagnostic.severity == Severity::Warning).then(|| rest.trim_matches('`'))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn left_out(path: &str, name: &str) -> Diagnostic {
        let mut warning = Diagnostic::file(
            Code::UnknownField,
            Severity::Warning,
            Path::new(path),
            format!("{LEFT_OUT}`{name}`"),
        );
        warning.once_per_handbook = true;
        warning
    }

    #[test]
    fn left_out_fields_of_every_file_are_one_warning_at_the_first() {
        let other = Diagnostic::file(
            Code::BrokenLink,
            Severity::Error,
            Path::new("b.md"),
            "other",
        );
        let mut diagnostics = vec![
            left_out("a.md", "layout"),
            other.clone(),
            left_out("b.md", "permalink"),
            left_out("b.md", "layout"),
        ];
        group_unknown_fields(&mut diagnostics);
        assert_eq!(diagnostics.len(), 2);
        assert_eq!(diagnostics[1], other);
        let grouped = &diagnostics[0];
        assert_eq!(grouped.path, Path::new("a.md"));
        assert!(
            grouped
                .message
                .ends_with("left out: `layout` (2 files), `permalink` (1 file)"),
            "{}",
            grouped.message
        );
        assert!(
            grouped
                .help
                .as_deref()
                .unwrap()
                .ends_with("`extra_fields = [\"layout\", \"permalink\"]`")
        );
    }

    #[test]
    fn a_near_miss_is_one_edit_in_four_characters() {
        let known = ["summary", "competencies", "tags", "title"];
        assert_eq!(typo_of("sumary", known.into_iter()), Some("summary"));
        assert_eq!(
            typo_of("competences", known.into_iter()),
            Some("competencies")
        );
        assert_eq!(typo_of("Title", known.into_iter()), Some("title"));
        assert_eq!(typo_of("tag", known.into_iter()), Some("tags"));
        assert_eq!(typo_of("toc", known.into_iter()), None);
        assert_eq!(typo_of("status", ["stages"].into_iter()), None);
    }
}
