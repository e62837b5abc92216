//! Turning loosely typed values (parsed YAML or TOML) into typed structs while
//! collecting *every* problem, not just the first.
//!
//! serde stops at the first error. [`deserialize_all`] asks serde for the path
//! of that error (via `serde_path_to_error`), records it, removes the offending
//! key and tries again, so an author sees all their typos in one run. It knows
//! nothing of files or lines: callers map a [`FieldPath`] to a position.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diagnostics::{Code, did_you_mean};

/// One step of a path into a value: a map key or a list index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// Where in a value a problem is, such as `questions[2].stage`.
pub type FieldPath = Vec<Segment>;

/// A problem with one field, with the path to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub code: Code,
    pub path: FieldPath,
    pub message: String,
    pub help: Option<String>,
}

/// The result of [`deserialize_all`]: the value (when anything could be salvaged),
/// every error, and the paths of keys that were dropped because they were invalid.
pub struct Deserialized<T> {
    pub value: Option<T>,
    pub errors: Vec<FieldError>,
    pub dropped: Vec<FieldPath>,
}

impl<T> Deserialized<T> {
    /// Whether the key at `path` was present but invalid, so a "missing" check should stay quiet.
    pub fn was_dropped(&self, path: &[Segment]) -> bool {
        self.dropped
            .iter()
            .any(|dropped| dropped.as_slice() == path)
    }
}

/// At most this many errors are collected from one value; past it, the rest are noise.
const MAX_ERRORS: usize = 64;

/// Deserializes `value` into `T`, collecting every error with its path.
pub fn deserialize_all<T: DeserializeOwned>(mut value: Value) -> Deserialized<T> {
    let mut errors = Vec::new();
    let mut dropped = Vec::new();
    while errors.len() < MAX_ERRORS {
        match serde_path_to_error::deserialize::<_, T>(&value) {
            Ok(typed) => {
                return Deserialized {
                    value: Some(typed),
                    errors,
                    dropped,
                };
            }
            Err(error) => {
                let path = convert_path(error.path());
                let (code, message, help) = explain(&error.inner().to_string(), &path);
                errors.push(FieldError {
                    code,
                    path: path.clone(),
                    message,
                    help,
                });
                match remove_innermost_key(&mut value, &path) {
                    Some(removed) => dropped.push(removed),
                    None => break,
                }
            }
        }
    }
    Deserialized {
        value: None,
        errors,
        dropped,
    }
}

fn convert_path(path: &serde_path_to_error::Path) -> FieldPath {
    use serde_path_to_error::Segment as S;
    path.iter()
        .filter_map(|segment| match segment {
            S::Map { key } => Some(Segment::Key(key.clone())),
            S::Seq { index } => Some(Segment::Index(*index)),
            S::Enum { variant } => Some(Segment::Key(variant.clone())),
            S::Unknown => None,
        })
        .collect()
}

/// Renders a path the way an author writes it: `questions[2].stage`.
pub fn display_path(path: &[Segment]) -> String {
    let mut text = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            Segment::Index(index) => text.push_str(&format!("[{index}]")),
        }
    }
    text
}

/// Removes the innermost map key on `path`, returning the path to it.
/// A bad list element drops the whole list, so indices of later errors stay true.
fn remove_innermost_key(value: &mut Value, path: &[Segment]) -> Option<FieldPath> {
    let last_key = path.iter().rposition(|s| matches!(s, Segment::Key(_)))?;
    let mut parent = &mut *value;
    for segment in &path[..last_key] {
        parent = match segment {
            Segment::Key(key) => parent.get_mut(key.as_str())?,
            Segment::Index(index) => parent.get_mut(*index)?,
        };
    }
    let Segment::Key(key) = &path[last_key] else {
        return None;
    };
    parent.as_object_mut()?.remove(key)?;
    Some(path[..=last_key].to_vec())
}

/// Rewrites serde's message into one an author can act on, with a hint.
fn explain(serde_message: &str, path: &[Segment]) -> (Code, String, Option<String>) {
    let field = display_path(path);
    if let Some(rest) = serde_message.strip_prefix("unknown field ") {
        let (name, expected) = split_expected(rest);
        let help = hint(&name, &expected, "known fields");
        return (Code::UnknownField, format!("unknown field `{name}`"), help);
    }
    if let Some(rest) = serde_message.strip_prefix("unknown variant ") {
        let (name, expected) = split_expected(rest);
        let help = hint(&name, &expected, "valid values");
        return (
            Code::InvalidValue,
            format!("`{name}` is not a valid value for `{field}`"),
            help,
        );
    }
    if let Some(rest) = serde_message.strip_prefix("invalid type: ") {
        let rest = in_words(rest);
        let help = rest.starts_with("map, expected a string").then(|| {
            "text that contains `: ` must be put in quotes, such as \"Ask: what else?\"".to_string()
        });
        return (
            Code::WrongType,
            format!("wrong type for `{field}`: found {rest}"),
            help,
        );
    }
    if let Some(rest) = serde_message.strip_prefix("invalid value: ") {
        return (
            Code::InvalidValue,
            format!("invalid value for `{field}`: {}", in_words(rest)),
            None,
        );
    }
    let code = if serde_message.starts_with("missing field") {
        Code::MissingField
    } else {
        Code::InvalidValue
    };
    if field.is_empty() {
        (code, serde_message.to_string(), None)
    } else {
        (code, format!("`{field}`: {serde_message}"), None)
    }
}

/// serde's names of Rust types in an author's words.
fn in_words(message: &str) -> String {
    message
        .replace("expected i64", "expected a whole number")
        .replace("expected u32", "expected a whole number of at least 0")
        .replace("expected a sequence", "expected a list")
}

/// Splits "`name`, expected one of `a`, `b`" into the name and the expected words.
fn split_expected(rest: &str) -> (String, Vec<String>) {
    let mut words = rest.split('`').skip(1).step_by(2).map(str::to_string);
    let name = words.next().unwrap_or_default();
    (name, words.collect())
}

fn hint(name: &str, expected: &[String], what: &str) -> Option<String> {
    if let Some(close) = did_you_mean(name, expected.iter().map(String::as_str)) {
        return Some(format!("did you mean `{close}`?"));
    }
    (!expected.is_empty()).then(|| format!("{what}: {}", expected.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        #[allow(dead_code)]
        text: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        #[allow(dead_code)]
        title: Option<String>,
        #[allow(dead_code)]
        items: Option<Vec<Item>>,
    }

    #[test]
    fn collects_every_error_with_its_path() {
        let value = serde_json::json!({
            "titel": "x",
            "items": [{"text": "a"}, {"txt": "b"}],
            "title": 3
        });
        let result = deserialize_all::<Sample>(value);
        let found: Vec<_> = result
            .errors
            .iter()
            .map(|e| (display_path(&e.path), e.message.clone(), e.help.clone()))
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.contains(&(
            "titel".into(),
            "unknown field `titel`".into(),
            Some("did you mean `title`?".into())
        )));
        assert!(
            found.iter().any(
                |(path, message, _)| path == "items[1].txt" && message == "unknown field `txt`"
            )
        );
        assert!(
            found.iter().any(|(path, message, _)| path == "title"
                && message.starts_with("wrong type for `title`"))
        );
        assert!(result.value.is_some());
        assert!(result.was_dropped(&[Segment::Key("title".into())]));
    }
}
