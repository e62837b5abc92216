//! The words the default theme writes ("Previous", "On this page", "Review
//! due since"…), in the page's language: built-in tables (`en.toml`,
//! `de.toml`…, embedded), overridden key by key by the handbook's
//! `i18n/<code>.toml`. A key missing from both falls back to English with a
//! warning naming it. Templates see the words as `t` (`{{ t.previous }}`);
//! dates are written by the table's `date` pattern and `months`.
//!
//! Pure: the caller reads the override file.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Code, Diagnostic, Severity, did_you_mean};

/// The built-in tables, by language code.
const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("en.toml")),
    ("de", include_str!("de.toml")),
    ("es", include_str!("es.toml")),
    ("fr", include_str!("fr.toml")),
    ("ja", include_str!("ja.toml")),
    ("nl", include_str!("nl.toml")),
    ("pt", include_str!("pt.toml")),
    ("zh", include_str!("zh.toml")),
];

/// The folder of a handbook's own tables, under its root.
pub const FOLDER: &str = "i18n";

/// The words of one language: every key of the English table.
#[derive(Debug, Clone, Default)]
pub struct Words {
    words: BTreeMap<String, String>,
}

/// The built-in table for `code` (`pt-BR` reads `pt`), if there is one.
pub fn built_in(code: &str) -> Option<&'static str> {
    let primary = code.split(['-', '_']).next().unwrap_or_default();
    BUILT_IN
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(primary))
        .map(|(_, text)| *text)
}

/// The codes that have a built-in table.
pub fn built_in_codes() -> impl Iterator<Item = &'static str> {
    BUILT_IN.iter().map(|(code, _)| *code)
}

/// A table's keys and words; a built-in table always parses (a test checks).
fn parse_table(text: &str) -> Result<BTreeMap<String, String>, toml::de::Error> {
    toml::from_str(text)
}

impl Words {
    /// The words for `code`: the built-in table, then `custom` (the text of
    /// `i18n/<code>.toml` shown as `path`, when the handbook has one), then
    /// English for anything still missing, with a warning per missing key.
    pub fn load(code: &str, custom: Option<(&Path, &str)>) -> (Words, Vec<Diagnostic>) {
        let english = parse_table(BUILT_IN[0].1).unwrap_or_default();
        let mut words = built_in(code)
            .and_then(|text| parse_table(text).ok())
            .unwrap_or_default();
        let mut diagnostics = Vec::new();
        let shown = custom.map_or_else(
            || Path::new(FOLDER).join(format!("{code}.toml")),
            |(path, _)| path.to_path_buf(),
        );
        if let Some((path, text)) = custom {
            match parse_table(text) {
                Ok(table) => {
                    for (key, word) in table {
                        if english.contains_key(&key) {
                            words.insert(key, word);
                            continue;
                        }
                        let offset = text.find(&key).unwrap_or(0);
                        let mut warning = Diagnostic::at(
                            Code::UnknownWord,
                            Severity::Warning,
                            path,
                            text,
                            offset,
                            format!("the theme has no word `{key}`"),
                        );
                        warning.help = did_you_mean(&key, english.keys().map(String::as_str))
                            .map(|close| format!("did you mean `{close}`?"));
                        diagnostics.push(warning);
                    }
                }
                Err(error) => {
                    let offset = error.span().map_or(0, |span| span.start);
                    diagnostics.push(
                        Diagnostic::at(
                            Code::TomlSyntax,
                            Severity::Warning,
                            path,
                            text,
                            offset,
                            format!(
                                "invalid interface words, English is used: {}",
                                error.message().trim()
                            ),
                        )
                        .with_help("write one `key = \"word\"` per line"),
                    );
                }
            }
        }
        let mut missing: Vec<&str> = Vec::new();
        for (key, word) in &english {
            if !words.contains_key(key) {
                missing.push(key);
                words.insert(key.clone(), word.clone());
            }
        }
        if !missing.is_empty() {
            let listed: Vec<String> = missing.iter().take(8).map(|k| format!("`{k}`")).collect();
            let more = missing.len().saturating_sub(8);
            let message = format!(
                "no `{code}` word for {}{}: the English words are used",
                listed.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            );
            diagnostics.push(
                Diagnostic::file(Code::MissingWord, Severity::Warning, &shown, message).with_help(
                    format!(
                        "add the words to {} as `key = \"word\"` lines; built-in languages: {}",
                        shown.display(),
                        built_in_codes().collect::<Vec<_>>().join(", ")
                    ),
                ),
            );
        }
        (Words { words }, diagnostics)
    }

    /// The word for `key` (English, or the key itself, if no table has it).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.words.get(key).map_or(key, String::as_str)
    }

    /// The words the theme's scripts write (`script_*`, and the `kind_*`
    /// labels of search results), as JSON for a `data-words` attribute;
    /// `None` when they are the English ones the scripts hold themselves.
    pub fn script_words(&self) -> Option<String> {
        let english = parse_table(BUILT_IN[0].1).unwrap_or_default();
        let for_scripts = |key: &&String| key.starts_with("script_") || key.starts_with("kind_");
        let differs = self
            .words
            .iter()
            .filter(|(key, _)| for_scripts(key))
            .any(|(key, word)| english.get(key) != Some(word));
        differs.then(|| {
            let words: BTreeMap<&String, &String> = self
                .words
                .iter()
                .filter(|(key, _)| for_scripts(key))
                .collect();
            serde_json::to_string(&words).unwrap_or_default()
        })
    }

    /// Every word, for templates (`t`).
    pub fn all(&self) -> &BTreeMap<String, String> {
        &self.words
    }

    /// `count` and the word for one or many: "1 guide", "3 guides".
    pub fn count(&self, count: usize, one: &str, many: &str) -> String {
        let word = if count == 1 { one } else { many };
        format!("{count} {}", self.get(word))
    }

    /// A `YYYY-MM-DD` date written the language's way ("5. März 2026");
    /// anything else as it is.
    pub fn date(&self, date: &str) -> String {
        let mut parts = date.splitn(3, '-');
        let (Some(year), Some(mm), Some(dd)) = (parts.next(), parts.next(), parts.next()) else {
            return date.to_string();
        };
        let (Ok(month), Ok(day)) = (mm.parse::<usize>(), dd.parse::<u32>()) else {
            return date.to_string();
        };
        let name = self
            .get("months")
            .split(',')
            .nth(month.wrapping_sub(1))
            .unwrap_or(mm)
            .trim();
        self.get("date")
            .replace("{year}", year)
            .replace("{mm}", mm)
            .replace("{dd}", dd)
            .replace("{month}", name)
            .replace("{day}", &day.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `t.key` the default theme's templates use.
    fn template_keys() -> std::collections::BTreeSet<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let mut keys = std::collections::BTreeSet::new();
        let mut folders = vec![dir];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, _) in text.match_indices("t.") {
                    let before = text[..at].chars().last();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                        continue;
                    }
                    let key: String = text[at + 2..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !key.is_empty() {
                        keys.insert(key);
                    }
                }
            }
        }
        keys
    }

    /// Every `"script_…"` word the default theme's scripts ask for.
    fn script_keys() -> std::collections::BTreeSet<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
        let mut keys = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|ext| ext != "js") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (at, _) in text.match_indices("\"script_") {
                let key: String = text[at + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                keys.insert(key);
            }
        }
        keys
    }

    #[test]
    fn every_built_in_table_has_every_key_the_templates_scripts_and_english_use() {
        let english = parse_table(BUILT_IN[0].1).expect("en.toml parses");
        let used = template_keys();
        assert!(used.contains("previous"), "{used:?}");
        assert!(used.contains("group_of"), "{used:?}");
        let scripted = script_keys();
        assert!(scripted.contains("script_pause_timer"), "{scripted:?}");
        assert!(scripted.contains("script_shown_of"), "{scripted:?}");
        for key in used.iter().chain(&scripted) {
            assert!(english.contains_key(key), "en.toml lacks `{key}`");
        }
        for (code, text) in BUILT_IN {
            let table = parse_table(text).unwrap_or_else(|e| panic!("{code}.toml: {e}"));
            for key in english.keys() {
                assert!(table.contains_key(key), "{code}.toml lacks `{key}`");
            }
            for key in table.keys() {
                assert!(english.contains_key(key), "{code}.toml has unknown `{key}`");
            }
            assert_eq!(table["months"].split(',').count(), 12, "{code} months");
        }
    }

    #[test]
    fn dates_are_written_the_language_s_way() {
        let words = |code: &str| Words::load(code, None).0;
        assert_eq!(words("en").date("2026-03-05"), "2026-03-05");
        assert_eq!(words("de").date("2026-03-05"), "5. März 2026");
        assert_eq!(words("ja").date("2026-03-05"), "2026年3月5日");
        assert_eq!(words("fr").date("2026-03-05"), "5 mars 2026");
        assert_eq!(words("en").script_words(), None);
        assert!(
            words("de")
                .script_words()
                .unwrap()
                .contains("\"kind_question\":\"Frage\"")
        );
    }

    #[test]
    fn a_handbook_overrides_words_and_missing_ones_fall_back_to_english() {
        let path = Path::new("i18n/de.toml");
        let (words, warnings) =
            Words::load("de", Some((path, "previous = \"Zurück\"\nnxt = \"x\"\n")));
        assert_eq!(words.get("previous"), "Zurück");
        assert_eq!(words.get("next"), "Weiter");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].help.as_deref(), Some("did you mean `next`?"));
        let (words, warnings) = Words::load(
            "it",
            Some((Path::new("i18n/it.toml"), "next = \"Avanti\"\n")),
        );
        assert_eq!(words.get("next"), "Avanti");
        assert_eq!(words.get("previous"), "Previous");
        assert!(
            warnings[0].message.contains("`all`"),
            "{}",
            warnings[0].message
        );
    }
}
