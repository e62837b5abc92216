//! Front matter as an author writes it, for serde and for `coachbook schema`.

use schemars::JsonSchema;
use serde::Deserialize;

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
    pub(super) tags: Option<Vec<String>>,
    pub(super) competencies: Option<Vec<String>>,
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
    pub(super) related: Option<Vec<String>>,
    /// Who keeps the page current.
    pub(super) owner: Option<String>,
    /// After this date the page is due for review.
    pub(super) review_by: Option<Date>,
    /// Replaces the last part of the page's URL.
    pub(super) slug: Option<String>,
    /// Other names a wikilink (`[[Name]]`) may use for the page.
    pub(super) aliases: Option<Vec<String>>,
    /// Guides: the key takeaways box.
    pub(super) takeaways: Option<Vec<String>>,
    /// Question banks: the coaching model, e.g. GROW.
    pub(super) model: Option<String>,
    /// Question banks: the order of stage groups.
    pub(super) stages: Option<Vec<String>>,
    /// Question banks: the questions.
    pub(super) questions: Option<Vec<RawQuestion>>,
    /// Scenarios: how the role-play is run.
    pub(super) format: Option<Format>,
    /// Scenarios: at least two roles, each with a private brief.
    pub(super) roles: Option<Vec<RawRole>>,
    /// Scenarios: phases whose minutes add up to `duration`.
    pub(super) timing: Option<Vec<RawPhase>>,
    /// Scenarios: what observers watch for.
    pub(super) observer_checklist: Option<Vec<String>>,
    /// Scenarios: debrief prompts, or `ref:` to a bank question.
    pub(super) debrief: Option<Vec<RawDebrief>>,
    /// Scenarios: notes left out of participant editions.
    pub(super) facilitator_notes: Option<String>,
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
    pub(super) follow_ups: Option<Vec<String>>,
    pub(super) tags: Option<Vec<String>>,
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
