//! Front matter: parsing the YAML split off by [`super::split`], and checking
//! every field of SPEC 2.1-2.4 into typed values.
//!
//! The raw structs mirror what an author may write (every field optional,
//! other generators' fields among them); fields no one names are taken out
//! first ([`unknown`]). [`parse_front_matter`] turns the rest into a
//! [`FrontMatter`] whose invariants hold (known stages, unique question ids,
//! two or more roles, timing that adds up); its title is empty when none was
//! given, for the caller to fill. Every problem becomes a diagnostic at the
//! line of the key that caused it (`report.rs`); the checks are in
//! `validate.rs`. Only this document's text is seen here.

mod raw;
mod report;
mod session;
mod unknown;
mod validate;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::yaml_locator::{MAX_FLOW_DEPTH, duplicate_keys, too_deep_flow};
use crate::diagnostics::{Code, Diagnostic};
use crate::typed::{Segment, deserialize_all};
use crate::vocab::{Audience, Date, FieldRules, Format, Kind};
pub(super) use raw::RawFrontMatter;
use raw::StringList;
use report::{Reporter, key, report_duplicates, report_yaml_error};
pub use unknown::group_unknown_fields;
use unknown::take_unknown_fields;
use validate::validate;

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
    pub session: Option<SessionFields>,
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
            session: None,
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
    /// Whether the role observes: its card carries the observer checklist.
    pub observer: bool,
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

/// The agenda and the rest of a session plan.
#[derive(Debug, Clone)]
pub struct SessionFields {
    /// Minutes after midnight that the first row starts, when `start` is given.
    pub start: Option<u32>,
    pub objectives: Vec<String>,
    pub pre_work: Vec<Located<String>>,
    pub materials: Vec<String>,
    pub agenda: Vec<AgendaRow>,
}

/// One row of a session's agenda; `offset` is where its item starts.
#[derive(Debug, Clone)]
pub struct AgendaRow {
    pub minutes: u32,
    pub activity: Option<String>,
    pub guide: Option<Located<String>>,
    pub scenario: Option<Located<String>>,
    /// A bank, a bank and `#stage`, or a bank and `#question-id`.
    pub questions: Option<Located<String>>,
    pub is_break: bool,
    /// Groups playing the row's scenario at once; 1 when not given.
    pub groups: u32,
    /// Facilitator material: `None` in an edition that leaves it out.
    pub notes: Option<Located<String>>,
    /// Set on a row that starts a new day, which has no minutes and does nothing else.
    pub day: Option<DayStart>,
    pub offset: usize,
}

/// Where a programme's next day starts: its number and its clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayStart {
    pub number: u32,
    /// Minutes after midnight.
    pub start: u32,
}

impl SessionFields {
    /// When each agenda row starts (minutes after midnight, when the session
    /// has a `start`; a day row starts its day and the clock again), and
    /// when the last row ends.
    pub fn clock_times(&self) -> (Vec<Option<u32>>, Option<u32>) {
        let mut time = self.start;
        let clocks = self
            .agenda
            .iter()
            .map(|row| {
                if let Some(day) = row.day {
                    time = Some(day.start);
                }
                let clock = time;
                time = time.map(|t| t + row.minutes);
                clock
            })
            .collect();
        (clocks, time)
    }

    /// How many days the programme takes: 1, plus one per day row.
    pub fn days(&self) -> u32 {
        1 + self.agenda.iter().filter(|row| row.day.is_some()).count() as u32
    }
}

/// Parses and validates the YAML front matter of the file at `path`.
/// `yaml_offset` is where the YAML starts in `text`, the whole file.
/// Without a `title` the front matter's title is empty: the caller gives the
/// page its first heading or its file name.
pub fn parse_front_matter(
    path: &Path,
    text: &str,
    (yaml, yaml_offset): (&str, usize),
    rules: &FieldRules,
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
            Code::YamlSyntax,
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
            Code::YamlSyntax,
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
            match serde_json::from_value::<StringList>(value) {
                Ok(terms) => {
                    taxonomies.insert(name.clone(), terms.0);
                }
                Err(_) => reporter.error(
                    Code::WrongType,
                    &[key(name)],
                    format!("`{name}` must be a list of strings, or one string"),
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
    take_unknown_fields(&mut map, rules, &mut reporter);

    let mut result = deserialize_all::<RawFrontMatter>(Value::Object(map));
    for error in &result.errors {
        let help = error.help.clone();
        if error.message.starts_with("unknown field") {
            reporter.error(error.code, &error.path, error.message.clone(), help);
        } else {
            reporter.value_error(error.code, &error.path, error.message.clone(), help);
        }
    }
    let Some(raw) = result.value.take() else {
        return (None, reporter.diagnostics);
    };
    let dropped = |path: &[Segment]| result.was_dropped(path);
    let dropped_under = |path: &[Segment]| result.dropped.iter().any(|d| d.starts_with(path));
    let front = validate(
        raw,
        (taxonomies, extra),
        &mut reporter,
        (&dropped, &dropped_under),
    );
    crate::diagnostics::sort(&mut reporter.diagnostics);
    (Some(front), reporter.diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> (Option<FrontMatter>, Vec<String>) {
        let text = format!("---\n{yaml}---\nbody\n");
        let (front, diagnostics) =
            parse_front_matter(Path::new("a.md"), &text, (yaml, 4), &FieldRules::default());
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
    fn rejects_bad_dates_and_leaves_a_missing_title_to_the_caller() {
        let (front, messages) = parse("updated: 2026-02-30\n");
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].starts_with("2: invalid value for `updated`"));
        assert_eq!(front.unwrap().title, "");
    }

    #[test]
    fn reads_the_fields_of_other_generators_where_ours_are_not_given() {
        let (front, messages) = parse(
            "title: A\ndescription: D\ndate: 2024-01-01T10:00:00Z\nlastmod: 2024-03-05 10:00:00 +0100\nnav_order: 3\nteaching: 10\nexercises: 5\ntags: toread\n",
        );
        assert!(messages.is_empty(), "{messages:?}");
        let front = front.unwrap();
        assert_eq!(front.summary.as_deref(), Some("D"));
        assert_eq!(front.updated.unwrap().as_str(), "2024-03-05");
        assert_eq!((front.weight, front.duration), (3, Some(15)));
        assert_eq!(front.taxonomies["tags"], ["toread"]);
        let (front, _) = parse(
            "title: A\nsummary: S\ndescription: D\nupdated: 2020-01-01\ndate: 2024-01-01\nweight: 1\nsidebar_position: 2\nduration: 7\nteaching: 10\n",
        );
        let front = front.unwrap();
        assert_eq!(front.summary.as_deref(), Some("S"));
        assert_eq!(front.updated.unwrap().as_str(), "2020-01-01");
        assert_eq!((front.weight, front.duration), (1, Some(7)));
        let (_, messages) = parse("title: A\ndate: last week\n");
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].starts_with("3: invalid value for `date`"));
    }

    #[test]
    fn the_list_of_fields_names_every_field_serde_reads() {
        let schema = schemars::schema_for!(RawFrontMatter).to_value();
        let mut read: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut listed = raw::FIELDS.to_vec();
        read.sort_unstable();
        listed.sort_unstable();
        assert_eq!(read, listed);
    }

    #[test]
    fn a_near_miss_of_a_known_field_is_an_error_and_any_other_a_warning() {
        let (_, messages) = parse("title: A\nTitel: B\nstatus: x\ncreated: y\nsumary: z\n");
        assert_eq!(
            messages,
            vec![
                "3: unknown field `Titel`",
                "4: front-matter field left out: `status`",
                "5: front-matter field left out: `created`",
                "6: unknown field `sumary`",
            ]
        );
    }
}
