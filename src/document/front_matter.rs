//! Front matter: parsing the YAML split off by [`super::split`], and checking
//! every field of SPEC 2.1-2.4 into typed values.
//!
//! The raw structs mirror what an author may write (every field optional, no
//! unknown fields); [`parse_front_matter`] turns them into a [`FrontMatter`]
//! whose invariants hold (a title, known stages, unique question ids, two or
//! more roles, timing that adds up). Every problem becomes a diagnostic at the
//! line of the key that caused it. Only this document's text is seen here.

use std::collections::BTreeMap;
use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::yaml_errors;
use super::yaml_locator::{MAX_FLOW_DEPTH, YamlLines, YamlPosition, duplicate_keys, too_deep_flow};
use crate::diagnostics::{Diagnostic, LineIndex, Severity};
use crate::slug::{name_problem, slugify};
use crate::typed::{FieldPath, Segment, deserialize_all};

/// Which content type a page is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize, JsonSchema)]
#[serde(
    rename_all = "lowercase",
    expecting = "one of guide, questions, scenario"
)]
pub enum Kind {
    #[default]
    Guide,
    Questions,
    Scenario,
}

impl Kind {
    /// The word an author reads in listings and summaries.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Guide => "guide",
            Kind::Questions => "question bank",
            Kind::Scenario => "scenario",
        }
    }
}

/// Who a page or question is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(
    rename_all = "lowercase",
    expecting = "one of all, facilitator, participant"
)]
pub enum Audience {
    #[default]
    All,
    Facilitator,
    Participant,
}

/// Which audiences a build is for: everything (no edition), or one edition's
/// audience plus material for all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AudienceFilter(Option<Audience>);

impl AudienceFilter {
    /// The filter of an edition for `audience`.
    pub fn edition(audience: Audience) -> Self {
        AudienceFilter(Some(audience))
    }

    /// Whether material marked for `audience` is in this build.
    pub fn includes(self, audience: Audience) -> bool {
        match self.0 {
            None => true,
            Some(edition) => audience == Audience::All || audience == edition,
        }
    }

    /// Whether facilitator notes and `:::facilitator` blocks are in this build.
    pub fn includes_facilitator_material(self) -> bool {
        self.includes(Audience::Facilitator)
    }
}

/// How a role-play is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(
    rename_all = "lowercase",
    expecting = "one of pairs, triad, fishbowl, group"
)]
pub enum Format {
    Pairs,
    Triad,
    Fishbowl,
    Group,
}

/// A calendar date written `YYYY-MM-DD`, kept as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Date(String);

impl Date {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The date of a day counted from 1970-01-01 (day 0), in the proleptic Gregorian calendar.
    pub fn from_unix_days(days: i64) -> Date {
        // Howard Hinnant's civil-from-days algorithm.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date(format!("{year:04}-{month:02}-{day:02}"))
    }

    /// Reads `YYYY-MM-DD`; a date in that form that cannot exist (month 13,
    /// 30 February) is an error that says why.
    fn parse(text: &str) -> Result<Date, String> {
        const FORM: &str = "expected a date written YYYY-MM-DD";
        let parts: Vec<&str> = text.split('-').collect();
        let [year, month, day] = parts.as_slice() else {
            return Err(format!("`{text}`, {FORM}"));
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
            return Err(format!("`{text}`, {FORM}"));
        }
        let number = |s: &str| s.parse::<u32>().unwrap_or(0);
        let (year, month, day) = (number(year), number(month), number(day));
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(format!("`{text}`: month {month} does not exist")),
        };
        if (1..=days).contains(&day) {
            Ok(Date(text.to_string()))
        } else {
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            let name = MONTHS[month as usize - 1];
            Err(format!("`{text}`: {name} {year} has no day {day}"))
        }
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A date written YYYY-MM-DD."
        })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        // "invalid value: " is how serde starts such a message, so it reads
        // like serde's own: "invalid value for `updated`: …".
        Date::parse(&text).map_err(|why| serde::de::Error::custom(format!("invalid value: {why}")))
    }
}

/// Front matter as an author writes it: every field optional, no others allowed.
/// Also the source of `coachbook schema`, so the schema and the parser agree.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "`field: value` lines")]
#[schemars(title = "coachbook front matter")]
pub(super) struct RawFrontMatter {
    /// The page's title (required, except in a section's `_index.md`).
    title: Option<String>,
    /// Which content type the page is.
    kind: Option<Kind>,
    /// One or two sentences, shown in listings, search and cards.
    summary: Option<String>,
    /// Order among siblings (lower first), then title.
    weight: Option<i64>,
    tags: Option<Vec<String>>,
    competencies: Option<Vec<String>>,
    /// Who the page is for; editions leave out other audiences' pages.
    audience: Option<Audience>,
    /// For example `new-manager` or `senior-leader`.
    level: Option<String>,
    /// Minutes the activity takes.
    duration: Option<u32>,
    /// Left out of the site unless built with `--drafts`.
    draft: Option<bool>,
    updated: Option<Date>,
    /// Paths of related pages' Markdown files.
    related: Option<Vec<String>>,
    /// Who keeps the page current.
    owner: Option<String>,
    /// After this date the page is due for review.
    review_by: Option<Date>,
    /// Replaces the last part of the page's URL.
    slug: Option<String>,
    /// Other names a wikilink (`[[Name]]`) may use for the page.
    aliases: Option<Vec<String>>,
    /// Guides: the key takeaways box.
    takeaways: Option<Vec<String>>,
    /// Question banks: the coaching model, e.g. GROW.
    model: Option<String>,
    /// Question banks: the order of stage groups.
    stages: Option<Vec<String>>,
    /// Question banks: the questions.
    questions: Option<Vec<RawQuestion>>,
    /// Scenarios: how the role-play is run.
    format: Option<Format>,
    /// Scenarios: at least two roles, each with a private brief.
    roles: Option<Vec<RawRole>>,
    /// Scenarios: phases whose minutes add up to `duration`.
    timing: Option<Vec<RawPhase>>,
    /// Scenarios: what observers watch for.
    observer_checklist: Option<Vec<String>>,
    /// Scenarios: debrief prompts, or `ref:` to a bank question.
    debrief: Option<Vec<RawDebrief>>,
    /// Scenarios: notes left out of participant editions.
    facilitator_notes: Option<String>,
}

/// One question of a bank.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a question with `text:` and its other fields"
)]
struct RawQuestion {
    /// Anchor of the question (default: slug of the text); unique in the bank.
    id: Option<String>,
    /// One of the bank's `stages`.
    stage: Option<String>,
    /// The question, in inline Markdown.
    text: Option<String>,
    /// Why a coach asks it.
    purpose: Option<String>,
    follow_ups: Option<Vec<String>>,
    tags: Option<Vec<String>>,
    audience: Option<Audience>,
}

/// One role of a scenario.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a role with `id:`, `name:` and `brief:`"
)]
struct RawRole {
    /// The role card's URL part.
    id: Option<String>,
    name: Option<String>,
    /// Markdown only this role reads.
    brief: Option<String>,
}

/// One phase of a scenario's timing.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a phase with `phase:` and `minutes:`"
)]
struct RawPhase {
    phase: Option<String>,
    minutes: Option<u32>,
}

/// A debrief prompt, or a reference to a bank question.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    untagged,
    expecting = "expected a debrief prompt, or `ref: path/to/bank.md#question-id`"
)]
enum RawDebrief {
    Text(String),
    Ref(RawRef),
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "`ref: path/to/bank.md#question-id`")]
struct RawRef {
    /// `path/to/bank.md#question-id`.
    #[serde(rename = "ref")]
    target: String,
}

/// Which fields belong to one kind only, so a misplaced one is reported.
const KIND_FIELDS: &[(&str, Kind)] = &[
    ("takeaways", Kind::Guide),
    ("model", Kind::Questions),
    ("stages", Kind::Questions),
    ("questions", Kind::Questions),
    ("format", Kind::Scenario),
    ("roles", Kind::Scenario),
    ("timing", Kind::Scenario),
    ("observer_checklist", Kind::Scenario),
    ("debrief", Kind::Scenario),
    ("facilitator_notes", Kind::Scenario),
];

/// What the site allows beyond the built-in fields.
#[derive(Debug, Clone, Default)]
pub struct FieldRules {
    /// Taxonomy names from site.toml; each is a list-of-strings field.
    pub taxonomies: Vec<String>,
    /// Extra field names from site.toml; any YAML value, passed to templates.
    pub extra_fields: Vec<String>,
}

/// A value with the byte offset in the file where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub offset: usize,
}

/// Validated front matter of one page.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub title: String,
    pub kind: Kind,
    pub summary: Option<String>,
    pub weight: i64,
    /// Every taxonomy field the page uses (tags, competencies, site-defined ones).
    pub taxonomies: BTreeMap<String, Vec<String>>,
    pub audience: Audience,
    pub level: Option<String>,
    pub duration: Option<u32>,
    pub draft: bool,
    pub updated: Option<Date>,
    pub related: Vec<Located<String>>,
    pub owner: Option<String>,
    pub review_by: Option<Located<Date>>,
    pub slug: Option<String>,
    /// Other names a wikilink may use for the page.
    pub aliases: Vec<String>,
    pub takeaways: Vec<String>,
    pub extra: BTreeMap<String, Value>,
    pub bank: Option<Bank>,
    pub scenario: Option<ScenarioFields>,
}

impl FrontMatter {
    /// Front matter for a file that has none: a guide with the given title.
    pub fn untitled(title: String) -> Self {
        FrontMatter {
            title,
            kind: Kind::Guide,
            summary: None,
            weight: 0,
            taxonomies: BTreeMap::new(),
            audience: Audience::All,
            level: None,
            duration: None,
            draft: false,
            updated: None,
            related: Vec::new(),
            owner: None,
            review_by: None,
            slug: None,
            aliases: Vec::new(),
            takeaways: Vec::new(),
            extra: BTreeMap::new(),
            bank: None,
            scenario: None,
        }
    }
}

/// The questions of a question bank.
#[derive(Debug, Clone)]
pub struct Bank {
    pub model: Option<String>,
    pub stages: Vec<String>,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub stage: Option<String>,
    pub text: String,
    pub purpose: Option<String>,
    pub follow_ups: Vec<String>,
    pub tags: Vec<String>,
    pub audience: Audience,
    /// Where the question's item starts in the file.
    pub offset: usize,
}

/// The role-play fields of a scenario.
#[derive(Debug, Clone)]
pub struct ScenarioFields {
    pub format: Option<Format>,
    pub roles: Vec<Role>,
    pub timing: Vec<Phase>,
    pub observer_checklist: Vec<String>,
    pub debrief: Vec<Debrief>,
    pub facilitator_notes: Option<Located<String>>,
}

#[derive(Debug, Clone)]
pub struct Role {
    pub id: String,
    pub name: String,
    /// Private to this role (SPEC 2.4): `None` in an edition that leaves
    /// facilitator material out, which has no briefs and no role cards.
    pub brief: Option<Located<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Phase {
    pub phase: String,
    pub minutes: u32,
}

/// One debrief prompt: plain text, or a reference to a bank question.
#[derive(Debug, Clone)]
pub enum Debrief {
    Text(String),
    Ref(Located<String>),
}

/// Where front-matter problems are reported: the file's path and text, and the YAML's place in it.
struct Reporter<'a> {
    path: &'a Path,
    text: &'a str,
    yaml: &'a str,
    yaml_offset: usize,
    diagnostics: Vec<Diagnostic>,
    /// The front matter's lines and line starts, made on the first lookup.
    lines: std::cell::OnceCell<(YamlLines<'a>, LineIndex)>,
    /// The whole file's line starts, made on the first problem.
    text_lines: std::cell::OnceCell<LineIndex>,
}

impl Reporter<'_> {
    /// The byte offset in the file of the key at `path`, or of the front matter's first line.
    fn offset_of(&self, path: &[Segment]) -> (usize, usize) {
        let (lines, index) = self
            .lines
            .get_or_init(|| (YamlLines::new(self.yaml), LineIndex::new(self.yaml)));
        match lines.locate(path) {
            Some(position) => {
                let line_start = index.line_start(position.line);
                let line = index.line_text(self.yaml, position.line);
                let byte_col: usize = line
                    .chars()
                    .take(position.col - 1)
                    .map(char::len_utf8)
                    .sum();
                (self.yaml_offset + line_start + byte_col, position.len)
            }
            None => (self.yaml_offset.saturating_sub(4), 3),
        }
    }

    /// The offset and length of the value written after the key at `path` on the
    /// same line (`stage: Gaol` → `Gaol`), or of the key when the value is below it.
    fn value_of(&self, path: &[Segment]) -> (usize, usize) {
        let (offset, len) = self.offset_of(path);
        let line_end = self.text[offset..]
            .find('\n')
            .map_or(self.text.len(), |i| offset + i);
        // `len` counts characters: the key may be written in any script.
        let key_end = self.text[offset..line_end]
            .char_indices()
            .nth(len)
            .map_or(line_end, |(i, _)| offset + i);
        let after_key = &self.text[key_end..line_end];
        let Some(value) = after_key
            .strip_prefix(':')
            .map(str::trim)
            .filter(|v| !v.is_empty())
        else {
            return (offset, len);
        };
        let value_offset = line_end - after_key.len() + after_key.find(value).unwrap_or(0);
        (value_offset, value.chars().count())
    }

    /// An error at byte `offset` of the file.
    fn diagnostic(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let lines = self.text_lines.get_or_init(|| LineIndex::new(self.text));
        Diagnostic::at_indexed(
            Severity::Error,
            self.path,
            (self.text, lines),
            offset,
            message,
        )
    }

    fn error(&mut self, path: &[Segment], message: impl Into<String>, help: Option<String>) {
        let span = self.offset_of(path);
        self.push(span, message, help);
    }

    /// An error about the value of the key at `path`, with the caret under the value.
    fn value_error(&mut self, path: &[Segment], message: impl Into<String>, help: Option<String>) {
        let span = self.value_of(path);
        self.push(span, message, help);
    }

    fn push(
        &mut self,
        (offset, len): (usize, usize),
        message: impl Into<String>,
        help: Option<String>,
    ) {
        let mut diagnostic = self.diagnostic(offset, message).with_span_len(len);
        diagnostic.help = help;
        self.diagnostics.push(diagnostic);
    }
}

fn key(name: &str) -> Segment {
    Segment::Key(name.to_string())
}

/// Parses and validates the YAML front matter of the file at `path`.
/// `yaml_offset` is where the YAML starts in `text`, the whole file.
/// `default_title` is used when the YAML has no `title` (section `_index.md` files);
/// without one, a missing title is an error.
pub fn parse_front_matter(
    path: &Path,
    text: &str,
    (yaml, yaml_offset): (&str, usize),
    rules: &FieldRules,
    default_title: Option<&str>,
) -> (Option<FrontMatter>, Vec<Diagnostic>) {
    let mut reporter = Reporter {
        path,
        text,
        yaml,
        yaml_offset,
        diagnostics: Vec::new(),
        lines: std::cell::OnceCell::new(),
        text_lines: std::cell::OnceCell::new(),
    };
    let value: Value = if yaml.trim().is_empty() {
        Value::Object(Default::default())
    } else if let Some(at) = too_deep_flow(yaml) {
        reporter.push(
            (yaml_offset + at, 1),
            format!("lists and maps nest more than {MAX_FLOW_DEPTH} levels deep in front matter"),
            Some("check for a missing `]` or `}`; front matter needs only a few levels".into()),
        );
        return (None, reporter.diagnostics);
    } else {
        match serde_yaml::from_str(yaml) {
            Ok(value) => value,
            Err(error) => {
                report_yaml_error(&mut reporter, &error);
                return (None, reporter.diagnostics);
            }
        }
    };
    report_duplicates(&mut reporter, duplicate_keys(yaml));
    let Value::Object(mut map) = value else {
        reporter.error(
            &[],
            "front matter must be a list of `field: value` lines",
            Some("for example `title: Active listening`".into()),
        );
        return (None, reporter.diagnostics);
    };

    // Site-defined fields are taken out first, so the built-in struct can deny unknown ones.
    let mut taxonomies = BTreeMap::new();
    for name in &rules.taxonomies {
        if matches!(name.as_str(), "tags" | "competencies") {
            continue;
        }
        if let Some(value) = map.remove(name) {
            match serde_json::from_value::<Vec<String>>(value) {
                Ok(terms) => {
                    taxonomies.insert(name.clone(), terms);
                }
                Err(_) => reporter.error(
                    &[key(name)],
                    format!("`{name}` must be a list of strings"),
                    Some(format!("for example `{name}: [first, second]`")),
                ),
            }
        }
    }
    let mut extra = BTreeMap::new();
    for name in &rules.extra_fields {
        if let Some(value) = map.remove(name) {
            extra.insert(name.clone(), value);
        }
    }

    let mut result = deserialize_all::<RawFrontMatter>(Value::Object(map));
    for error in &result.errors {
        let mut help = error.help.clone();
        if error.message.starts_with("unknown field") && help.is_none() {
            help = Some("remove it, or name it in `extra_fields` in site.toml".into());
        }
        if error.message.starts_with("unknown field") {
            reporter.error(&error.path, error.message.clone(), help);
        } else {
            reporter.value_error(&error.path, error.message.clone(), help);
        }
    }
    let Some(raw) = result.value.take() else {
        return (None, reporter.diagnostics);
    };
    let dropped = |path: &[Segment]| result.was_dropped(path);
    let mut front = validate(
        raw,
        taxonomies,
        extra,
        &mut reporter,
        &dropped,
        default_title.is_none(),
    );
    if front.title.is_empty()
        && let Some(title) = default_title
    {
        front.title = title.to_string();
    }
    crate::diagnostics::sort(&mut reporter.diagnostics);
    (Some(front), reporter.diagnostics)
}

/// One error per key that repeats a key of its mapping. The lines are indexed
/// once, however many there are.
fn report_duplicates(reporter: &mut Reporter, duplicates: Vec<(YamlPosition, String)>) {
    if duplicates.is_empty() {
        return;
    }
    let yaml_lines = LineIndex::new(reporter.yaml);
    for (position, name) in duplicates {
        let offset = reporter.yaml_offset + yaml_lines.line_start(position.line) + position.col - 1;
        let diagnostic = reporter.diagnostic(offset, format!("duplicate field `{name}`"));
        reporter.diagnostics.push(
            diagnostic
                .with_span_len(position.len)
                .with_help("each field may appear once; remove one of them"),
        );
    }
}

fn report_yaml_error(reporter: &mut Reporter, error: &serde_yaml::Error) {
    let message = error.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message);
    let diagnostic = match error.location() {
        Some(location) => {
            let problem =
                yaml_errors::explain(reporter.yaml, message, location.line(), location.column());
            let index = LineIndex::new(reporter.yaml);
            let line = index.line_text(reporter.yaml, problem.line);
            let byte_col: usize = line
                .chars()
                .take(problem.col.saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            let offset = reporter.yaml_offset + index.line_start(problem.line) + byte_col;
            let mut diagnostic = Diagnostic::at(
                Severity::Error,
                reporter.path,
                reporter.text,
                offset.min(reporter.text.len()),
                format!("invalid YAML in front matter: {}", problem.message),
            )
            .with_span_len(problem.len)
            .with_help(problem.help);
            // A tab is the mistake the author cannot see: show it.
            diagnostic.source_line = diagnostic.source_line.map(|l| l.replace('\t', "→"));
            diagnostic
        }
        None => {
            let help = if message.contains("repetition limit") {
                "YAML anchors and aliases that expand this much are not allowed in front matter"
            } else if message.contains("recursion limit") {
                "lists and maps nest too deeply; front matter needs only a few levels"
            } else {
                "check indentation and quote text that contains `: ` or starts with a special character"
            };
            Diagnostic::at(
                Severity::Error,
                reporter.path,
                reporter.text,
                reporter.yaml_offset.saturating_sub(4),
                format!("invalid YAML in front matter: {message}"),
            )
            .with_help(help)
        }
    };
    reporter.diagnostics.push(diagnostic);
}

fn validate(
    raw: RawFrontMatter,
    mut taxonomies: BTreeMap<String, Vec<String>>,
    extra: BTreeMap<String, Value>,
    reporter: &mut Reporter,
    dropped: &dyn Fn(&[Segment]) -> bool,
    title_required: bool,
) -> FrontMatter {
    let kind = raw.kind.unwrap_or_default();
    let title = match raw.title {
        Some(title) if !title.trim().is_empty() => title,
        Some(_) => {
            reporter.error(&[key("title")], "`title` is empty", None);
            String::new()
        }
        None => {
            if title_required && !dropped(&[key("title")]) {
                reporter.error(
                    &[],
                    "missing required field `title`",
                    Some("add a line such as `title: Active listening`".into()),
                );
            }
            String::new()
        }
    };
    let present = |name: &str| match name {
        "takeaways" => raw.takeaways.is_some(),
        "model" => raw.model.is_some(),
        "stages" => raw.stages.is_some(),
        "questions" => raw.questions.is_some(),
        "format" => raw.format.is_some(),
        "roles" => raw.roles.is_some(),
        "timing" => raw.timing.is_some(),
        "observer_checklist" => raw.observer_checklist.is_some(),
        "debrief" => raw.debrief.is_some(),
        "facilitator_notes" => raw.facilitator_notes.is_some(),
        _ => false,
    };
    for (name, owner) in KIND_FIELDS {
        if *owner != kind && present(name) {
            reporter.error(
                &[key(name)],
                format!(
                    "`{name}` belongs to a {}, but this page is a {}",
                    owner.label(),
                    kind.label()
                ),
                Some(format!(
                    "set `kind: {}` or remove `{name}`",
                    kind_word(*owner)
                )),
            );
        }
    }
    if let Some(tags) = raw.tags {
        taxonomies.insert("tags".into(), tags);
    }
    if let Some(competencies) = raw.competencies {
        taxonomies.insert("competencies".into(), competencies);
    }
    check_names(&taxonomies, raw.slug.as_deref(), reporter);
    let related = raw
        .related
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, value)| Located {
            value,
            offset: reporter.offset_of(&[key("related"), Segment::Index(i)]).0,
        })
        .collect();
    let bank = (kind == Kind::Questions)
        .then(|| validate_bank(raw.model, raw.stages, raw.questions, reporter, dropped));
    let scenario = (kind == Kind::Scenario).then(|| {
        validate_scenario(
            ScenarioRaw {
                duration: raw.duration,
                format: raw.format,
                roles: raw.roles,
                timing: raw.timing,
                observer_checklist: raw.observer_checklist,
                debrief: raw.debrief,
                facilitator_notes: raw.facilitator_notes,
            },
            reporter,
            dropped,
        )
    });
    FrontMatter {
        title,
        kind,
        summary: raw.summary,
        weight: raw.weight.unwrap_or(0),
        taxonomies,
        audience: raw.audience.unwrap_or_default(),
        level: raw.level,
        duration: raw.duration,
        draft: raw.draft.unwrap_or(false),
        updated: raw.updated,
        related,
        owner: raw.owner,
        review_by: raw.review_by.map(|value| Located {
            value,
            offset: reporter.value_of(&[key("review_by")]).0,
        }),
        slug: raw.slug,
        aliases: raw.aliases.unwrap_or_default(),
        takeaways: raw.takeaways.unwrap_or_default(),
        extra,
        bank,
        scenario,
    }
}

/// Reports taxonomy terms and a `slug` too long to be folder names of the site.
fn check_names(
    taxonomies: &BTreeMap<String, Vec<String>>,
    slug: Option<&str>,
    reporter: &mut Reporter,
) {
    for (name, terms) in taxonomies {
        for (i, term) in terms.iter().enumerate() {
            if let Some(problem) = name_problem(&slugify(term)) {
                let help = Some("shorten the term".to_string());
                let path = [key(name), Segment::Index(i)];
                reporter.value_error(&path, format!("a `{name}` term {problem}"), help);
            }
        }
    }
    if let Some(problem) = slug.and_then(|slug| name_problem(&slugify(slug))) {
        let help = Some("shorten the slug".to_string());
        reporter.value_error(&[key("slug")], format!("`slug` {problem}"), help);
    }
}

fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Guide => "guide",
        Kind::Questions => "questions",
        Kind::Scenario => "scenario",
    }
}

fn validate_bank(
    model: Option<String>,
    stages: Option<Vec<String>>,
    questions: Option<Vec<RawQuestion>>,
    reporter: &mut Reporter,
    dropped: &dyn Fn(&[Segment]) -> bool,
) -> Bank {
    let stages = stages.unwrap_or_default();
    let raw_questions = questions.unwrap_or_default();
    if raw_questions.is_empty() && !dropped(&[key("questions")]) {
        reporter.error(
            &[key("questions")],
            "a question bank needs at least one question under `questions`",
            Some("add items such as `- text: What would you like to walk away with?`".into()),
        );
    }
    let mut questions: Vec<Question> = Vec::with_capacity(raw_questions.len());
    for (i, raw) in raw_questions.into_iter().enumerate() {
        let item: FieldPath = vec![key("questions"), Segment::Index(i)];
        let at = |name: &str| {
            let mut path = item.clone();
            path.push(key(name));
            path
        };
        let Some(text) = raw.text.filter(|t| !t.trim().is_empty()) else {
            if !dropped(&at("text")) {
                reporter.error(
                    &item,
                    "question has no `text`",
                    Some("add `text: <the question>`".into()),
                );
            }
            continue;
        };
        if let Some(stage) = &raw.stage
            && !stages.is_empty()
            && !stages.contains(stage)
        {
            let help = crate::diagnostics::did_you_mean(stage, stages.iter().map(String::as_str))
                .map(|close| format!("did you mean `{close}`?"))
                .unwrap_or_else(|| format!("stages of this bank: {}", stages.join(", ")));
            reporter.value_error(
                &at("stage"),
                format!("stage `{stage}` is not one of `stages`"),
                Some(help),
            );
        }
        let id = raw.id.clone().unwrap_or_else(|| slugify(&text));
        if id.is_empty() || slugify(&id) != id {
            reporter.value_error(
                &at("id"),
                format!("question id `{id}` is not a valid anchor"),
                Some(format!(
                    "use lowercase letters, digits and dashes, such as `{}`",
                    slugify(&id)
                )),
            );
        }
        if questions.iter().any(|q| q.id == id) {
            let path = if raw.id.is_some() {
                at("id")
            } else {
                item.clone()
            };
            reporter.value_error(
                &path,
                format!("duplicate question id `{id}` in this bank"),
                Some("give each question a unique `id`".into()),
            );
        }
        questions.push(Question {
            id,
            stage: raw.stage,
            text,
            purpose: raw.purpose,
            follow_ups: raw.follow_ups.unwrap_or_default(),
            tags: raw.tags.unwrap_or_default(),
            audience: raw.audience.unwrap_or_default(),
            offset: reporter.offset_of(&item).0,
        });
    }
    Bank {
        model,
        stages,
        questions,
    }
}

struct ScenarioRaw {
    duration: Option<u32>,
    format: Option<Format>,
    roles: Option<Vec<RawRole>>,
    timing: Option<Vec<RawPhase>>,
    observer_checklist: Option<Vec<String>>,
    debrief: Option<Vec<RawDebrief>>,
    facilitator_notes: Option<String>,
}

fn validate_scenario(
    raw: ScenarioRaw,
    reporter: &mut Reporter,
    dropped: &dyn Fn(&[Segment]) -> bool,
) -> ScenarioFields {
    let raw_roles = raw.roles.unwrap_or_default();
    if raw_roles.len() < 2 && !dropped(&[key("roles")]) {
        reporter.error(
            &[key("roles")],
            format!(
                "a scenario needs at least two roles, found {}",
                raw_roles.len()
            ),
            Some("add items with `id`, `name` and `brief` under `roles`".into()),
        );
    }
    let mut roles: Vec<Role> = Vec::new();
    for (i, raw_role) in raw_roles.into_iter().enumerate() {
        let item: FieldPath = vec![key("roles"), Segment::Index(i)];
        let mut missing = Vec::new();
        if raw_role.id.is_none() {
            missing.push("`id`");
        }
        if raw_role.name.is_none() {
            missing.push("`name`");
        }
        if raw_role.brief.is_none() {
            missing.push("`brief`");
        }
        let (Some(id), Some(name), Some(brief)) = (raw_role.id, raw_role.name, raw_role.brief)
        else {
            reporter.error(
                &item,
                format!("role is missing {}", missing.join(" and ")),
                None,
            );
            continue;
        };
        let mut id_path = item.clone();
        id_path.push(key("id"));
        if slugify(&id) != id {
            reporter.error(
                &id_path,
                format!("role id `{id}` cannot be used in a URL"),
                Some(format!(
                    "use lowercase letters, digits and dashes, such as `{}`",
                    slugify(&id)
                )),
            );
        } else if roles.iter().any(|r| r.id == id) {
            reporter.error(&id_path, format!("duplicate role id `{id}`"), None);
        } else if let Some(problem) = name_problem(&id) {
            let help = Some("shorten the id".to_string());
            reporter.value_error(&id_path, format!("role id {problem}"), help);
        }
        let mut brief_path = item.clone();
        brief_path.push(key("brief"));
        roles.push(Role {
            id,
            name,
            brief: Some(Located {
                value: brief,
                offset: reporter.offset_of(&brief_path).0,
            }),
        });
    }
    let mut timing = Vec::new();
    for (i, phase) in raw.timing.unwrap_or_default().into_iter().enumerate() {
        match (phase.phase, phase.minutes) {
            (Some(phase), Some(minutes)) => timing.push(Phase { phase, minutes }),
            // A value of the wrong type is reported already; it is not also missing.
            _ if ["phase", "minutes"]
                .iter()
                .any(|name| dropped(&[key("timing"), Segment::Index(i), key(name)])) => {}
            _ => reporter.error(
                &[key("timing"), Segment::Index(i)],
                "each timing phase needs `phase` and `minutes`",
                Some("for example `- { phase: Debrief, minutes: 10 }`".into()),
            ),
        }
    }
    let total: u32 = timing.iter().map(|p| p.minutes).sum();
    match raw.duration {
        Some(duration) if !timing.is_empty() && total != duration => reporter.error(
            &[key("timing")],
            format!("timing phases add up to {total} minutes, but `duration` is {duration}"),
            Some("make the phases' minutes add up to `duration`".into()),
        ),
        None if !timing.is_empty() && !dropped(&[key("duration")]) => reporter.error(
            &[key("timing")],
            format!("timing is given ({total} minutes) but `duration` is not"),
            Some(format!("add `duration: {total}`")),
        ),
        _ => {}
    }
    let debrief = raw
        .debrief
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, item)| match item {
            RawDebrief::Text(text) => Debrief::Text(text),
            RawDebrief::Ref(reference) => Debrief::Ref(Located {
                value: reference.target,
                offset: reporter
                    .value_of(&[key("debrief"), Segment::Index(i), key("ref")])
                    .0,
            }),
        })
        .collect();
    let facilitator_notes = raw.facilitator_notes.map(|value| Located {
        value,
        offset: reporter.offset_of(&[key("facilitator_notes")]).0,
    });
    ScenarioFields {
        format: raw.format,
        roles,
        timing,
        observer_checklist: raw.observer_checklist.unwrap_or_default(),
        debrief,
        facilitator_notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> (Option<FrontMatter>, Vec<String>) {
        let text = format!("---\n{yaml}---\nbody\n");
        let (front, diagnostics) = parse_front_matter(
            Path::new("a.md"),
            &text,
            (yaml, 4),
            &FieldRules::default(),
            None,
        );
        let messages = diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.line, d.message))
            .collect();
        (front, messages)
    }

    #[test]
    fn reports_every_problem_at_its_file_line() {
        let (_, messages) = parse("title: A\ncompetences: [x]\nweight: heavy\nkind: scenrio\n");
        assert_eq!(
            messages,
            vec![
                "3: unknown field `competences`",
                "4: wrong type for `weight`: found string \"heavy\", expected a whole number",
                "5: `scenrio` is not a valid value for `kind`",
            ]
        );
    }

    #[test]
    fn checks_stages_ids_roles_and_timing() {
        let (_, messages) = parse(
            "title: Bank\nkind: questions\nstages: [Goal]\nquestions:\n  - id: a\n    stage: Gaol\n    text: One?\n  - id: a\n    text: Two?\n",
        );
        assert_eq!(
            messages,
            vec![
                "7: stage `Gaol` is not one of `stages`",
                "9: duplicate question id `a` in this bank"
            ]
        );
        let (_, messages) = parse(
            "title: S\nkind: scenario\nduration: 30\nroles:\n  - { id: a, name: A, brief: x }\ntiming:\n  - { phase: Play, minutes: 20 }\n",
        );
        assert_eq!(
            messages,
            vec![
                "5: a scenario needs at least two roles, found 1",
                "7: timing phases add up to 20 minutes, but `duration` is 30",
            ]
        );
    }

    #[test]
    fn dates_from_unix_days() {
        assert_eq!(Date::from_unix_days(0).as_str(), "1970-01-01");
        assert_eq!(Date::from_unix_days(20_785).as_str(), "2026-11-28");
        assert_eq!(Date::from_unix_days(11_016).as_str(), "2000-02-29");
    }

    #[test]
    fn rejects_bad_dates_and_missing_title() {
        let (_, messages) = parse("updated: 2026-02-30\n");
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].starts_with("1: missing required field `title`"));
        assert!(messages[1].starts_with("2: invalid value for `updated`"));
    }
}
