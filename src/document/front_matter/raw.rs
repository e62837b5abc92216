//! Front matter as an author writes it, for serde and for `coachbook schema`:
//! the built-in fields, the fields other generators write that are read as
//! one of them, and the loose shapes those generators allow (a single word
//! for a list, a full timestamp for a date).

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{Deserializer, IntoDeserializer, SeqAccess, Visitor};

use crate::vocab::{Audience, Date, Format, Kind};

/// Front matter as an author writes it: every field optional, no others allowed.
/// Also the source of `coachbook schema`, so the schema and the parser agree.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "`field: value` lines")]
#[schemars(title = "coachbook front matter")]
pub(in crate::document) struct RawFrontMatter {
    /// The page's title (required, except in a section's `_index.md`).
    pub(super) title: Option<String>,
    /// Which content type the page is.
    pub(super) kind: Option<Kind>,
    /// One or two sentences, shown in listings, search and cards.
    pub(super) summary: Option<String>,
    /// Order among siblings (lower first), then title.
    pub(super) weight: Option<i64>,
    pub(super) tags: Option<StringList>,
    pub(super) competencies: Option<StringList>,
    /// Who the page is for; editions leave out other audiences' pages.
    pub(super) audience: Option<Audience>,
    /// For example `new-manager` or `senior-leader`.
    pub(super) level: Option<String>,
    /// Minutes the activity takes.
    pub(super) duration: Option<u32>,
    /// Left out of the site unless built with `--drafts`.
    pub(super) draft: Option<bool>,
    pub(super) updated: Option<Date>,
    /// Paths of related pages' Markdown files.
    pub(super) related: Option<StringList>,
    /// Who keeps the page current.
    pub(super) owner: Option<String>,
    /// After this date the page is due for review.
    pub(super) review_by: Option<Date>,
    /// Replaces the last part of the page's URL.
    pub(super) slug: Option<String>,
    /// Other names a wikilink (`[[Name]]`) may use for the page.
    pub(super) aliases: Option<StringList>,
    /// Guides: the key takeaways box.
    pub(super) takeaways: Option<StringList>,
    /// Question banks: the coaching model, e.g. GROW.
    pub(super) model: Option<String>,
    /// Question banks: the order of stage groups.
    pub(super) stages: Option<StringList>,
    /// Question banks: the questions.
    pub(super) questions: Option<Vec<RawQuestion>>,
    /// Scenarios: how the role-play is run.
    pub(super) format: Option<Format>,
    /// Scenarios: at least two roles, each with a private brief.
    pub(super) roles: Option<Vec<RawRole>>,
    /// Scenarios: phases whose minutes add up to `duration`.
    pub(super) timing: Option<Vec<RawPhase>>,
    /// Scenarios: what observers watch for.
    pub(super) observer_checklist: Option<StringList>,
    /// Scenarios: debrief prompts, or `ref:` to a bank question.
    pub(super) debrief: Option<Vec<RawDebrief>>,
    /// Scenarios: notes left out of participant editions.
    pub(super) facilitator_notes: Option<String>,
    /// Sessions: the clock time the first agenda row starts, `HH:MM`.
    pub(super) start: Option<String>,
    /// Sessions: what participants will be able to do afterwards.
    pub(super) objectives: Option<StringList>,
    /// Sessions: paths of pages participants read beforehand.
    pub(super) pre_work: Option<StringList>,
    /// Sessions: what the room needs; role cards are counted by coachbook.
    pub(super) materials: Option<StringList>,
    /// Sessions: the rows of the agenda, whose minutes add up to `duration`.
    pub(super) agenda: Option<Vec<RawAgendaRow>>,
    /// Hugo, Jekyll, MkDocs, Docusaurus: read as `summary` when there is none.
    pub(super) description: Option<String>,
    /// Hugo, Jekyll: read as `updated` when there is none (the latest of these counts).
    pub(super) date: Option<Timestamp>,
    /// Hugo: read as `updated` when there is none.
    pub(super) lastmod: Option<Timestamp>,
    /// Jekyll: read as `updated` when there is none.
    pub(super) last_modified_at: Option<Timestamp>,
    /// Docusaurus: read as `weight` when there is none.
    pub(super) sidebar_position: Option<i64>,
    /// Jekyll themes: read as `weight` when there is none.
    pub(super) nav_order: Option<i64>,
    /// Carpentries episodes: minutes of teaching, added to `exercises` as `duration`.
    pub(super) teaching: Option<u32>,
    /// Carpentries episodes: minutes of exercises, added to `teaching` as `duration`.
    pub(super) exercises: Option<u32>,
}

/// Every top-level field [`RawFrontMatter`] reads, so an unknown one can be
/// told from a typo of a known one before serde sees it.
pub(super) const FIELDS: &[&str] = &[
    "title",
    "kind",
    "summary",
    "weight",
    "tags",
    "competencies",
    "audience",
    "level",
    "duration",
    "draft",
    "updated",
    "related",
    "owner",
    "review_by",
    "slug",
    "aliases",
    "takeaways",
    "model",
    "stages",
    "questions",
    "format",
    "roles",
    "timing",
    "observer_checklist",
    "debrief",
    "facilitator_notes",
    "start",
    "objectives",
    "pre_work",
    "materials",
    "agenda",
    "description",
    "date",
    "lastmod",
    "last_modified_at",
    "sidebar_position",
    "nav_order",
    "teaching",
    "exercises",
];

/// A list of strings, where one string alone is a list of one (`tags: toread`).
#[derive(Debug, Default)]
pub(in crate::document) struct StringList(pub(in crate::document) Vec<String>);

impl<'de> Deserialize<'de> for StringList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = StringList;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of strings, or one string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<StringList, E> {
                Ok(StringList(vec![text.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StringList, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(StringList(items))
            }
        }
        deserializer.deserialize_any(ListVisitor)
    }
}

impl JsonSchema for StringList {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "StringList".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                { "type": "array", "items": { "type": "string" } },
                { "type": "string" }
            ],
            "description": "A list of strings; one string alone is a list of one."
        })
    }
}

/// A date other generators write, maybe with a time: `2024-01-01`,
/// `2024-01-01T10:00:00Z` or `2024-01-01 10:00:00 +0100`; the date is kept.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Timestamp(pub(super) Date);

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let text = text.trim();
        let day = match text.get(10..11) {
            Some("T" | "t" | " ") => &text[..10],
            _ => text,
        };
        Date::deserialize(day.into_deserializer()).map(Timestamp)
    }
}

impl JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ].*)?$",
            "description": "A date written YYYY-MM-DD, maybe followed by a time."
        })
    }
}

/// One question of a bank.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a question with `text:` and its other fields"
)]
pub(super) struct RawQuestion {
    /// Anchor of the question (default: slug of the text); unique in the bank.
    pub(super) id: Option<String>,
    /// One of the bank's `stages`.
    pub(super) stage: Option<String>,
    /// The question, in inline Markdown.
    pub(super) text: Option<String>,
    /// Why a coach asks it.
    pub(super) purpose: Option<String>,
    pub(super) follow_ups: Option<StringList>,
    pub(super) tags: Option<StringList>,
    pub(super) audience: Option<Audience>,
}

/// One role of a scenario.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a role with `id:`, `name:` and `brief:`"
)]
pub(super) struct RawRole {
    /// The role card's URL part.
    pub(super) id: Option<String>,
    pub(super) name: Option<String>,
    /// Markdown only this role reads.
    pub(super) brief: Option<String>,
    /// Whether this role observes, so its card carries the scenario's
    /// `observer_checklist`. Without it, a role whose id or name says
    /// "observer" does.
    pub(super) observer: Option<bool>,
}

/// One phase of a scenario's timing.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "a phase with `phase:` and `minutes:`"
)]
pub(super) struct RawPhase {
    pub(super) phase: Option<String>,
    pub(super) minutes: Option<u32>,
}

/// One row of a session's agenda.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "an agenda row with `minutes:` and what happens"
)]
pub(super) struct RawAgendaRow {
    /// How long the row takes.
    pub(super) minutes: Option<u32>,
    /// What happens, in a few words.
    pub(super) activity: Option<String>,
    /// Path of a guide the row presents.
    pub(super) guide: Option<String>,
    /// Path of a scenario the row plays.
    pub(super) scenario: Option<String>,
    /// Path of a question bank, maybe with `#stage` or `#question-id`.
    pub(super) questions: Option<String>,
    /// A break.
    #[serde(rename = "break")]
    pub(super) is_break: Option<bool>,
    /// How many groups play the scenario at once (role cards are printed for each).
    pub(super) groups: Option<u32>,
    /// Markdown for the facilitator only.
    pub(super) notes: Option<String>,
    /// Starts day 2, 3… of a programme, on a row of its own with `start`.
    pub(super) day: Option<u32>,
    /// The clock time the new day starts, `HH:MM`, with `day`.
    pub(super) start: Option<String>,
}

/// A debrief prompt, or a reference to a bank question.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(
    untagged,
    expecting = "expected a debrief prompt, or `ref: path/to/bank.md#question-id`"
)]
pub(super) enum RawDebrief {
    Text(String),
    Ref(RawRef),
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, expecting = "`ref: path/to/bank.md#question-id`")]
pub(super) struct RawRef {
    /// `path/to/bank.md#question-id`.
    #[serde(rename = "ref")]
    pub(super) target: String,
}
