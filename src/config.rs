//! `site.toml`: parsed into [`RawConfig`], checked, and resolved into a
//! [`Config`] with absolute paths.
//!
//! Every problem (unknown key, wrong type, missing `title`, an unsafe
//! `output_dir`) is a diagnostic at the key's line; the CLI turns any of them
//! into exit code 2. Apart from resolving folders on disk (symlinks, `..`)
//! to judge whether an output folder is safe, it reads nothing but the text
//! it is given.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::typed::{Segment, deserialize_all};
use crate::vocab::{FieldRules, Labels};

/// The name of the configuration file at the handbook root.
pub const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "`key = value` lines")]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    description: Option<String>,
    language: Option<String>,
    theme: Option<String>,
    output_dir: Option<String>,
    taxonomies: Option<BTreeMap<String, String>>,
    search: Option<RawSearch>,
    editions: Option<BTreeMap<String, RawEdition>>,
    extra_fields: Option<Vec<String>>,
    exclude: Option<Vec<String>>,
    broken_links: Option<BrokenLinks>,
    labels: Option<BTreeMap<String, String>>,
    git_dates: Option<bool>,
    edit_url: Option<String>,
    languages: Option<BTreeMap<String, RawLanguage>>,
}

/// What a broken link or anchor is: an error (the default), or a warning
/// while a migrated tree is being fixed one step at a time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase", expecting = "\"error\" or \"warn\"")]
pub enum BrokenLinks {
    #[default]
    Error,
    Warn,
}

impl BrokenLinks {
    /// The severity a broken link is reported with.
    pub fn severity(self) -> Severity {
        match self {
            BrokenLinks::Error => Severity::Error,
            BrokenLinks::Warn => Severity::Warning,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table such as `[search]` with `enabled = true`"
)]
struct RawSearch {
    enabled: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table with `audience = \"participant\"`"
)]
struct RawEdition {
    audience: crate::vocab::Audience,
}

#[derive(Debug, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table such as `[languages.de]` with `title = \"Handbuch\"`"
)]
struct RawLanguage {
    title: Option<String>,
    description: Option<String>,
    name: Option<String>,
    weight: Option<i64>,
}

/// A language of the handbook, from `[languages.<code>]`: the default
/// language (`language`) and every translation language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    /// The code in lowercase with `-` (`de`, `pt-br`): `lang` and
    /// `hreflang` values, and the folder its pages are written under.
    pub code: String,
    /// The handbook's title in this language.
    pub title: String,
    pub description: Option<String>,
    /// The language's own name, shown in the language menu (`Deutsch`).
    pub name: String,
    /// Order in the language menu (then code); the default language comes first.
    pub weight: i64,
}

/// A named build variant declared in `[editions.<name>]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    pub name: String,
    pub audience: crate::vocab::Audience,
}

/// A checked site configuration. Paths are absolute.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub title: String,
    pub base_url: String,
    pub description: Option<String>,
    pub language: String,
    pub theme: String,
    pub content_dir: PathBuf,
    pub static_dir: PathBuf,
    pub templates_dir: PathBuf,
    /// Absolute, with symlinks and `..` resolved (see [`resolve`]).
    pub output_dir: PathBuf,
    /// Taxonomy field name → label shown to readers, in name order.
    pub taxonomies: BTreeMap<String, String>,
    pub search_enabled: bool,
    pub editions: Vec<Edition>,
    pub extra_fields: Vec<String>,
    /// Gitignore patterns, relative to `content/`, of files to leave out.
    pub exclude: Vec<String>,
    pub broken_links: BrokenLinks,
    /// The words readers see for values such as levels and formats (`[labels]`).
    pub labels: Labels,
    /// Whether pages show the date of their last commit when they have no `updated`.
    pub git_dates: bool,
    /// Where a page is edited: a URL with `{path}`, the file's path from the root.
    pub edit_url: Option<String>,
    /// The translation languages from `[languages.<code>]`, in menu order,
    /// without the default language; empty for a one-language handbook.
    pub languages: Vec<Language>,
    /// The default language's own name, for the language menu.
    pub language_name: String,
    /// Problems that do not stop a build (an unknown `language`), reported with the build's own.
    pub warnings: Vec<Diagnostic>,
}

impl Config {
    /// Every language of the handbook, the default language first (its
    /// `code` as `language` writes it).
    pub fn all_languages(&self) -> Vec<Language> {
        let default = Language {
            code: self.language.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            name: self.language_name.clone(),
            weight: i64::MIN,
        };
        std::iter::once(default)
            .chain(self.languages.iter().cloned())
            .collect()
    }

    /// The folder of the theme named in site.toml, if it exists on disk.
    pub fn theme_dir(&self) -> PathBuf {
        self.root.join("themes").join(&self.theme)
    }

    /// What front matter may hold beyond the built-in fields.
    pub fn field_rules(&self) -> FieldRules {
        FieldRules {
            taxonomies: self.taxonomies.keys().cloned().collect(),
            extra_fields: self.extra_fields.clone(),
        }
    }
}

/// Parses `text`, the contents of `root/site.toml`, into a [`Config`].
pub fn parse_config(root: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
    let path = Path::new(CONFIG_FILE);
    let table = match DeTable::parse(text) {
        Ok(table) => table,
        Err(error) => {
            let offset = error.span().map_or(0, |span| span.start);
            let message = error.message().trim().to_string();
            return Err(vec![Diagnostic::at(
                Code::TomlSyntax,
                Severity::Error,
                path,
                text,
                offset,
                format!("invalid TOML: {message}"),
            )]);
        }
    };
    let value = match toml::from_str::<toml::Table>(text)
        .ok()
        .and_then(|t| serde_json::to_value(t).ok())
    {
        Some(value) => value,
        None => {
            return Err(vec![Diagnostic::file(
                Code::TomlSyntax,
                Severity::Error,
                path,
                "could not read site.toml",
            )]);
        }
    };
    let mut diagnostics = Vec::new();
    let at = |code: Code, segments: &[Segment], message: String, help: Option<String>| {
        let (offset, len) = locate(table.get_ref(), segments).unwrap_or((0, 1));
        let mut diagnostic =
            Diagnostic::at(code, Severity::Error, path, text, offset, message).with_span_len(len);
        diagnostic.help = help;
        diagnostic
    };
    let mut result = deserialize_all::<RawConfig>(value);
    for error in &result.errors {
        diagnostics.push(at(
            error.code,
            &error.path,
            error.message.clone(),
            error.help.clone(),
        ));
    }
    let Some(raw) = result.value.take() else {
        return Err(diagnostics);
    };
    let title = raw.title.unwrap_or_default();
    if title.trim().is_empty() && !result.was_dropped(&[Segment::Key("title".into())]) {
        diagnostics.push(
            Diagnostic::at(
                Code::MissingField,
                Severity::Error,
                path,
                text,
                0,
                "missing required key `title`",
            )
            .with_help("add a line such as `title = \"Leadership Coaching Handbook\"`"),
        );
    }
    let output_name = raw.output_dir.unwrap_or_else(|| "public".into());
    let config = Config {
        root: root.to_path_buf(),
        title,
        base_url: raw.base_url.unwrap_or_else(|| "/".into()),
        description: raw.description,
        language: raw.language.unwrap_or_else(|| "en".into()),
        theme: raw.theme.unwrap_or_else(|| "default".into()),
        content_dir: root.join("content"),
        static_dir: root.join("static"),
        templates_dir: root.join("templates"),
        output_dir: resolve(&root.join(&output_name)),
        taxonomies: raw.taxonomies.unwrap_or_default(),
        search_enabled: raw.search.and_then(|s| s.enabled).unwrap_or(true),
        editions: raw
            .editions
            .unwrap_or_default()
            .into_iter()
            .map(|(name, edition)| Edition {
                name,
                audience: edition.audience,
            })
            .collect(),
        extra_fields: raw.extra_fields.unwrap_or_default(),
        exclude: raw.exclude.unwrap_or_default(),
        broken_links: raw.broken_links.unwrap_or_default(),
        labels: Labels(raw.labels.unwrap_or_default()),
        git_dates: raw.git_dates.unwrap_or(true),
        edit_url: raw.edit_url,
        languages: Vec::new(),
        language_name: String::new(),
        warnings: Vec::new(),
    };
    if let Some(problem) = unsafe_output_dir(&config, &config.output_dir) {
        diagnostics.push(at(
            Code::UnsafeOutput,
            &[Segment::Key("output_dir".into())],
            problem,
            Some("choose a folder of its own, such as `output_dir = \"public\"`".into()),
        ));
    }
    for message in crate::exclude::pattern_errors(&config.content_dir, &config.exclude) {
        diagnostics.push(at(
            Code::InvalidValue,
            &[Segment::Key("exclude".into())],
            message,
            Some("write gitignore patterns relative to content/, such as `\"drafts/**\"`".into()),
        ));
    }
    for (value, label) in &config.labels.0 {
        if label.trim().is_empty() {
            diagnostics.push(at(
                Code::InvalidValue,
                &[Segment::Key("labels".into()), Segment::Key(value.clone())],
                format!("the label of `{value}` is empty"),
                Some(format!(
                    "write the words readers should see, such as `{value} = \"{}\"`",
                    Labels::default().of(value)
                )),
            ));
        }
    }
    if let Some(edit_url) = &config.edit_url
        && let Some(problem) = edit_url_problem(edit_url)
    {
        diagnostics.push(at(
            Code::InvalidValue,
            &[Segment::Key("edit_url".into())],
            problem,
            Some("write the address of the editor with `{path}` where the file's path goes, such as `edit_url = \"https://github.com/you/handbook/edit/main/{path}\"`".into()),
        ));
    }
    let mut config = config;
    if let Some((message, help)) = unknown_language(&config.language) {
        let mut warning = at(
            Code::UnknownLanguage,
            &[Segment::Key("language".into())],
            message,
            Some(help),
        );
        warning.severity = Severity::Warning;
        config.warnings.push(warning);
    }
    let (languages, language_name, problems) =
        check_languages(&config, raw.languages.unwrap_or_default());
    for problem in problems {
        let mut diagnostic = at(
            problem.code,
            &problem.segments,
            problem.message,
            problem.help,
        );
        diagnostic.severity = problem.severity;
        match problem.severity {
            Severity::Error => diagnostics.push(diagnostic),
            _ => config.warnings.push(diagnostic),
        }
    }
    config.languages = languages;
    config.language_name = language_name;
    crate::diagnostics::sort(&mut diagnostics);
    if diagnostics.is_empty() {
        Ok(config)
    } else {
        Err(diagnostics)
    }
}

/// What is wrong with an `edit_url`, if anything: it must be a web address
/// and say where the file's path goes.
fn edit_url_problem(url: &str) -> Option<String> {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Some(format!("`edit_url` is not a web address: `{url}`"));
    }
    if !url.contains("{path}") {
        return Some(format!("`edit_url` has no `{{path}}`: `{url}`"));
    }
    None
}

/// A problem of `[languages]`, placed at its key by the caller.
struct Problem {
    severity: Severity,
    code: Code,
    segments: Vec<Segment>,
    message: String,
    help: Option<String>,
}

/// Checks `[languages.<code>]`: a code coachbook knows (else a warning, as
/// for `language`), one folder per language, and the default language's
/// table giving only its `name` and `weight` (its title is `title`).
/// Returns the translation languages in menu order, the default language's
/// name, and the problems.
fn check_languages(
    config: &Config,
    raw: BTreeMap<String, RawLanguage>,
) -> (Vec<Language>, String, Vec<Problem>) {
    let mut problems = Vec::new();
    let key = |code: &str| vec![Segment::Key("languages".into()), Segment::Key(code.into())];
    let default_name = native_name(&config.language);
    let mut language_name = default_name;
    let mut languages: Vec<Language> = Vec::new();
    let mut prefixes: BTreeMap<String, String> = BTreeMap::new();
    for (code, language) in raw {
        if code.eq_ignore_ascii_case(&config.language) {
            for (field, given) in [
                ("title", language.title.is_some()),
                ("description", language.description.is_some()),
            ] {
                if given {
                    let mut segments = key(&code);
                    segments.push(Segment::Key(field.into()));
                    problems.push(Problem {
                        severity: Severity::Error,
                        code: Code::InvalidValue,
                        segments,
                        message: format!(
                            "`{code}` is the default language: its {field} is the top-level `{field}`"
                        ),
                        help: Some(format!(
                            "move `{field}` to the top of site.toml, or leave it out here"
                        )),
                    });
                }
            }
            if let Some(name) = language.name {
                language_name = name;
            }
            continue;
        }
        let well_formed = !code.is_empty()
            && code.split(['-', '_']).all(|part| {
                !part.is_empty()
                    && part.len() <= 8
                    && part.chars().all(|c| c.is_ascii_alphanumeric())
            });
        if !well_formed {
            problems.push(Problem {
                severity: Severity::Error,
                code: Code::InvalidValue,
                segments: key(&code),
                message: format!("`{code}` is not a language code"),
                help: Some(
                    "name the table by a code such as `[languages.de]` or `[languages.pt-BR]`"
                        .into(),
                ),
            });
            continue;
        }
        if let Some((message, help)) = unknown_language(&code) {
            problems.push(Problem {
                severity: Severity::Warning,
                code: Code::UnknownLanguage,
                segments: key(&code),
                message,
                help: Some(help),
            });
        }
        let lowercase = code.to_ascii_lowercase().replace('_', "-");
        if let Some(first) = prefixes.insert(lowercase.clone(), code.clone()) {
            problems.push(Problem {
                severity: Severity::Error,
                code: Code::InvalidValue,
                segments: key(&code),
                message: format!("`{code}` and `{first}` would share the folder `{lowercase}/`"),
                help: Some("keep one of the two tables".into()),
            });
            continue;
        }
        languages.push(Language {
            name: language.name.unwrap_or_else(|| native_name(&code)),
            title: language.title.unwrap_or_else(|| config.title.clone()),
            description: language.description.or_else(|| config.description.clone()),
            weight: language.weight.unwrap_or(0),
            code: lowercase,
        });
    }
    languages.sort_by(|a, b| (a.weight, &a.code).cmp(&(b.weight, &b.code)));
    (languages, language_name, problems)
}

/// A language's name in that language, for the menu; the code when
/// coachbook does not know it.
pub fn native_name(code: &str) -> String {
    let primary = code.split(['-', '_']).next().unwrap_or_default();
    NATIVE_NAMES
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(primary))
        .map_or_else(|| code.to_string(), |(_, name)| (*name).to_string())
}

/// Each known language's name in its own language.
const NATIVE_NAMES: &[(&str, &str)] = &[
    ("ar", "العربية"),
    ("da", "Dansk"),
    ("de", "Deutsch"),
    ("el", "Ελληνικά"),
    ("en", "English"),
    ("es", "Español"),
    ("fi", "Suomi"),
    ("fr", "Français"),
    ("hu", "Magyar"),
    ("it", "Italiano"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("nb", "Norsk bokmål"),
    ("nl", "Nederlands"),
    ("nn", "Norsk nynorsk"),
    ("no", "Norsk"),
    ("pt", "Português"),
    ("ro", "Română"),
    ("ru", "Русский"),
    ("sv", "Svenska"),
    ("ta", "தமிழ்"),
    ("tr", "Türkçe"),
    ("zh", "中文"),
];

/// The languages a handbook may be written in, by code: those with a Snowball
/// stemmer for search (rust-stemmers), and Chinese, Japanese and Korean,
/// searched by character pairs.
const LANGUAGES: &[(&str, &str)] = &[
    ("ar", "Arabic"),
    ("da", "Danish"),
    ("de", "German"),
    ("el", "Greek"),
    ("en", "English"),
    ("es", "Spanish"),
    ("fi", "Finnish"),
    ("fr", "French"),
    ("hu", "Hungarian"),
    ("it", "Italian"),
    ("ja", "Japanese"),
    ("ko", "Korean"),
    ("nb", "Norwegian Bokmål"),
    ("nl", "Dutch"),
    ("nn", "Norwegian Nynorsk"),
    ("no", "Norwegian"),
    ("pt", "Portuguese"),
    ("ro", "Romanian"),
    ("ru", "Russian"),
    ("sv", "Swedish"),
    ("ta", "Tamil"),
    ("tr", "Turkish"),
    ("zh", "Chinese"),
];

/// The warning and hint for a `language` coachbook does not know, if it does
/// not. A region may follow the code (`en-GB`, `pt_BR`).
pub(crate) fn unknown_language(language: &str) -> Option<(String, String)> {
    let primary = language.split(['-', '_']).next().unwrap_or_default();
    if LANGUAGES
        .iter()
        .any(|(code, _)| code.eq_ignore_ascii_case(primary))
    {
        return None;
    }
    let codes: Vec<&str> = LANGUAGES.iter().map(|(code, _)| *code).collect();
    let help = match LANGUAGES
        .iter()
        .find(|(_, name)| name.eq_ignore_ascii_case(language.trim()))
    {
        Some((code, _)) => format!("did you mean `{code}`?"),
        None => format!(
            "supported languages: {}; a region may follow, as in `en-GB`",
            codes.join(", ")
        ),
    };
    Some((format!("unknown language `{language}`"), help))
}

/// Why `output` must not be written to, if it must not: it is or contains the
/// handbook root, or it is, contains or sits inside content/, static/,
/// templates/ or themes/. Every path is compared as [`resolve`] finds it on
/// disk, so no `..`, symlink or trailing slash slips past; the answer names
/// both folders. A folder outside the handbook (`--out /tmp/site`) is fine.
pub fn unsafe_output_dir(config: &Config, output: &Path) -> Option<String> {
    let output = resolve(output);
    let root = resolve(&config.root);
    let named = |relation: &str, what: &str, dir: &Path| {
        Some(format!(
            "output folder `{}` {relation} {what} `{}`, which coachbook must never delete",
            output.display(),
            dir.display()
        ))
    };
    if output == root {
        return named("is", "the handbook root", &root);
    }
    if root.starts_with(&output) {
        return named("contains", "the handbook root", &root);
    }
    let protected = [
        ("the content folder", &config.content_dir),
        ("the static folder", &config.static_dir),
        ("the templates folder", &config.templates_dir),
        ("the themes folder", &config.root.join("themes")),
    ];
    protected.into_iter().find_map(|(what, dir)| {
        let dir = resolve(dir);
        if output == dir {
            named("is", what, &dir)
        } else if output.starts_with(&dir) {
            named("is inside", what, &dir)
        } else if dir.starts_with(&output) {
            named("contains", what, &dir)
        } else {
            None
        }
    })
}

/// `path` made absolute with every symlink, `.` and `..` resolved as the
/// system would when writing to it. The path need not exist: its deepest
/// existing ancestor is resolved on disk and the rest appended.
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let components: Vec<Component> = absolute.components().collect();
    for existing in (1..=components.len()).rev() {
        let head: PathBuf = components[..existing].iter().collect();
        if let Ok(real) = head.canonicalize() {
            // The rest does not exist yet, so none of it is a symlink.
            let rest: PathBuf = components[existing..].iter().collect();
            return normalize(&real.join(rest));
        }
    }
    normalize(&absolute)
}

/// Resolves `.` and `..` without touching the disk (the folder may not exist
/// yet). A `..` with nothing before it to undo is kept: `../x` stays `../x`.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                // The parent of `/` is `/`.
                Some(Component::RootDir | Component::Prefix(_)) => {}
                Some(Component::ParentDir | Component::CurDir) | None => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The byte offset and length of the key at `segments` in the TOML document.
fn locate(table: &DeTable, segments: &[Segment]) -> Option<(usize, usize)> {
    let mut current = table;
    let mut found = None;
    for segment in segments {
        let Segment::Key(name) = segment else { break };
        let (key, value) = current.iter().find(|(k, _)| k.get_ref().as_ref() == name)?;
        found = Some((key.span().start, key.span().len()));
        match value.get_ref() {
            DeValue::Table(inner) => current = inner,
            _ => break,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        match parse_config(Path::new("/site"), text) {
            Ok(_) => Vec::new(),
            Err(diagnostics) => diagnostics
                .iter()
                .map(|d| {
                    format!(
                        "{}: {} ({})",
                        d.line,
                        d.message,
                        d.help.clone().unwrap_or_default()
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn accepts_the_documented_example() {
        let text = "title = \"H\"\nbase_url = \"/\"\n[taxonomies]\ntags = \"Tags\"\n[search]\nenabled = true\n[editions.participant]\naudience = \"participant\"\n";
        let config = parse_config(Path::new("/site"), text).expect("valid");
        assert_eq!(config.output_dir, Path::new("/site/public"));
        assert_eq!(config.editions[0].name, "participant");
    }

    #[test]
    fn reports_unknown_keys_wrong_types_and_missing_title() {
        assert_eq!(
            errors("titel = \"H\"\noutput_dir = 3\n"),
            vec![
                "1: missing required key `title` (add a line such as `title = \"Leadership Coaching Handbook\"`)".to_string(),
                "1: unknown field `titel` (did you mean `title`?)".to_string(),
                "2: wrong type for `output_dir`: found integer `3`, expected a string ()".to_string(),
            ]
        );
        assert_eq!(
            errors("title = \"H\"\n[search]\nenable = true\n"),
            vec!["3: unknown field `enable` (did you mean `enabled`?)".to_string()]
        );
    }

    #[test]
    fn refuses_output_dirs_that_overlap_the_sources() {
        for bad in [
            ".",
            "./",
            "content",
            "content/",
            "content/out",
            "a/../static",
            "themes",
            "..",
        ] {
            let found = errors(&format!("title = \"H\"\noutput_dir = \"{bad}\"\n"));
            assert_eq!(found.len(), 1, "{bad}: {found:?}");
            assert!(found[0].starts_with("2: output folder"), "{bad}: {found:?}");
        }
    }

    #[test]
    fn normalize_keeps_a_leading_parent() {
        assert_eq!(normalize(Path::new("../x")), Path::new("../x"));
        assert_eq!(normalize(Path::new("a/../../x/./y")), Path::new("../x/y"));
        assert_eq!(normalize(Path::new("./../../x")), Path::new("../../x"));
        assert_eq!(normalize(Path::new("/../x")), Path::new("/x"));
    }

    #[test]
    fn resolve_follows_symlinks_in_the_part_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        std::fs::create_dir(real.join("real")).unwrap();
        std::os::unix::fs::symlink(real.join("real"), real.join("link")).unwrap();
        assert_eq!(
            resolve(&real.join("link/new/../out/")),
            real.join("real/out")
        );
        // `..` after a symlink climbs from its target, as the system does.
        std::fs::create_dir_all(real.join("deep/er")).unwrap();
        std::os::unix::fs::symlink(real.join("deep/er"), real.join("real/up")).unwrap();
        assert_eq!(resolve(&real.join("real/up/../x")), real.join("deep/x"));
    }
}
