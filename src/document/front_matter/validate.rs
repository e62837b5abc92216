//! Checking raw front matter into typed values: fields in their own kind,
//! known stages, unique ids, two or more roles, timing that adds up.

use std::collections::BTreeMap;

use serde_json::Value;

use super::raw::{RawDebrief, RawFrontMatter, RawPhase, RawQuestion, RawRole, StringList};
use super::report::{Reporter, key};
use super::session::{SessionRaw, validate_session};
use super::{Bank, Debrief, FrontMatter, Located, Phase, Question, Role, ScenarioFields};
use crate::diagnostics::Code;
use crate::slug::{name_problem, slugify};
use crate::typed::{FieldPath, Segment};
use crate::vocab::{Format, Kind};

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
    ("start", Kind::Session),
    ("objectives", Kind::Session),
    ("pre_work", Kind::Session),
    ("materials", Kind::Session),
    ("agenda", Kind::Session),
];

/// Whether a key at a path was present but invalid (reported already):
/// exactly that key, and any key under that path.
type Dropped<'a> = (
    &'a dyn Fn(&[Segment]) -> bool,
    &'a dyn Fn(&[Segment]) -> bool,
);

pub(super) fn validate(
    raw: RawFrontMatter,
    (mut taxonomies, extra): (BTreeMap<String, Vec<String>>, BTreeMap<String, Value>),
    reporter: &mut Reporter,
    (dropped, dropped_under): Dropped,
) -> FrontMatter {
    let kind = raw.kind.unwrap_or_default();
    // No title is no error: the page is then titled by its first heading or its file name.
    let title = match raw.title {
        Some(title) if !title.trim().is_empty() => title,
        Some(_) => {
            reporter.error(
                Code::InvalidValue,
                &[key("title")],
                "`title` is empty",
                None,
            );
            String::new()
        }
        None => String::new(),
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
        "start" => raw.start.is_some(),
        "objectives" => raw.objectives.is_some(),
        "pre_work" => raw.pre_work.is_some(),
        "materials" => raw.materials.is_some(),
        "agenda" => raw.agenda.is_some(),
        _ => false,
    };
    for (name, owner) in KIND_FIELDS {
        if *owner != kind && present(name) {
            reporter.error(
                Code::FieldOfOtherKind,
                &[key(name)],
                format!(
                    "`{name}` belongs to a {}, but this page is a {}",
                    owner.label(),
                    kind.label()
                ),
                Some(format!("set `kind: {}` or remove `{name}`", owner.as_str())),
            );
        }
    }
    if let Some(tags) = raw.tags {
        taxonomies.insert("tags".into(), tags.0);
    }
    if let Some(competencies) = raw.competencies {
        taxonomies.insert("competencies".into(), competencies.0);
    }
    // Other generators' fields, each read as ours where ours is not given.
    let summary = raw.summary.or(raw.description);
    let updated = raw.updated.or_else(|| {
        [raw.date, raw.lastmod, raw.last_modified_at]
            .into_iter()
            .flatten()
            .max()
            .map(|latest| latest.0)
    });
    let weight = raw.weight.or(raw.sidebar_position).or(raw.nav_order);
    let duration = raw.duration.or(match (raw.teaching, raw.exercises) {
        (None, None) => None,
        (teaching, exercises) => Some(teaching.unwrap_or(0).saturating_add(exercises.unwrap_or(0))),
    });
    check_names(&taxonomies, raw.slug.as_deref(), reporter);
    let related = raw
        .related
        .unwrap_or_default()
        .0
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
                duration,
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
    let session = (kind == Kind::Session).then(|| {
        validate_session(
            SessionRaw {
                duration,
                start: raw.start,
                objectives: raw.objectives,
                pre_work: raw.pre_work,
                materials: raw.materials,
                agenda: raw.agenda,
            },
            reporter,
            dropped_under,
        )
    });
    FrontMatter {
        title,
        kind,
        summary,
        weight: weight.unwrap_or(0),
        taxonomies,
        audience: raw.audience.unwrap_or_default(),
        level: raw.level,
        duration,
        draft: raw.draft.unwrap_or(false),
        updated,
        related,
        owner: raw.owner,
        review_by: raw.review_by.map(|value| Located {
            value,
            offset: reporter.value_of(&[key("review_by")]).0,
        }),
        slug: raw.slug,
        aliases: raw.aliases.unwrap_or_default().0,
        takeaways: raw.takeaways.unwrap_or_default().0,
        extra,
        bank,
        scenario,
        session,
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
                reporter.value_error(
                    Code::NameTooLong,
                    &path,
                    format!("a `{name}` term {problem}"),
                    help,
                );
            }
        }
    }
    if let Some(slug) = slug
        && slugify(slug).is_empty()
    {
        reporter.value_error(
            Code::InvalidValue,
            &[key("slug")],
            format!("`slug` {slug:?} has no letter or digit to make a URL of"),
            Some("write the last part of the page's URL, such as `slug: giving-feedback`".into()),
        );
    }
    if let Some(problem) = slug.and_then(|slug| name_problem(&slugify(slug))) {
        let help = Some("shorten the slug".to_string());
        reporter.value_error(
            Code::NameTooLong,
            &[key("slug")],
            format!("`slug` {problem}"),
            help,
        );
    }
}

fn validate_bank(
    model: Option<String>,
    stages: Option<StringList>,
    questions: Option<Vec<RawQuestion>>,
    reporter: &mut Reporter,
    dropped: &dyn Fn(&[Segment]) -> bool,
) -> Bank {
    let stages = stages.unwrap_or_default().0;
    let raw_questions = questions.unwrap_or_default();
    if raw_questions.is_empty() && !dropped(&[key("questions")]) {
        reporter.error(
            Code::EmptyBank,
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
                    Code::MissingField,
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
                Code::UnknownStage,
                &at("stage"),
                format!("stage `{stage}` is not one of `stages`"),
                Some(help),
            );
        }
        let id = raw.id.clone().unwrap_or_else(|| slugify(&text));
        if id.is_empty() || slugify(&id) != id {
            reporter.value_error(
                Code::InvalidId,
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
                Code::DuplicateId,
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
            follow_ups: raw.follow_ups.unwrap_or_default().0,
            tags: raw.tags.unwrap_or_default().0,
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
    observer_checklist: Option<StringList>,
    debrief: Option<Vec<RawDebrief>>,
    facilitator_notes: Option<String>,
}

/// Whether a role's id or name says it observes ("observer", "Observers").
fn says_observer(id: &str, name: &str) -> bool {
    [id, name]
        .iter()
        .any(|text| text.to_lowercase().contains("observer"))
}

fn validate_scenario(
    raw: ScenarioRaw,
    reporter: &mut Reporter,
    dropped: &dyn Fn(&[Segment]) -> bool,
) -> ScenarioFields {
    let raw_roles = raw.roles.unwrap_or_default();
    if raw_roles.len() < 2 && !dropped(&[key("roles")]) {
        reporter.error(
            Code::TooFewRoles,
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
                Code::MissingField,
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
                Code::InvalidId,
                &id_path,
                format!("role id `{id}` cannot be used in a URL"),
                Some(format!(
                    "use lowercase letters, digits and dashes, such as `{}`",
                    slugify(&id)
                )),
            );
        } else if roles.iter().any(|r| r.id == id) {
            reporter.error(
                Code::DuplicateId,
                &id_path,
                format!("duplicate role id `{id}`"),
                None,
            );
        } else if let Some(problem) = name_problem(&id) {
            let help = Some("shorten the id".to_string());
            reporter.value_error(
                Code::NameTooLong,
                &id_path,
                format!("role id {problem}"),
                help,
            );
        }
        let mut brief_path = item.clone();
        brief_path.push(key("brief"));
        let observer = raw_role
            .observer
            .unwrap_or_else(|| says_observer(&id, &name));
        roles.push(Role {
            id,
            name,
            observer,
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
                Code::MissingField,
                &[key("timing"), Segment::Index(i)],
                "each timing phase needs `phase` and `minutes`",
                Some("for example `- { phase: Debrief, minutes: 10 }`".into()),
            ),
        }
    }
    let total: u32 = timing.iter().map(|p| p.minutes).sum();
    match raw.duration {
        Some(duration) if !timing.is_empty() && total != duration => reporter.error(
            Code::TimingSum,
            &[key("timing")],
            format!("timing phases add up to {total} minutes, but `duration` is {duration}"),
            Some("make the phases' minutes add up to `duration`".into()),
        ),
        None if !timing.is_empty() && !dropped(&[key("duration")]) => reporter.error(
            Code::TimingSum,
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
        observer_checklist: raw.observer_checklist.unwrap_or_default().0,
        debrief,
        facilitator_notes,
    }
}
