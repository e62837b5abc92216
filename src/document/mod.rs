//! One file's text becomes a [`Document`]: checked front matter plus the HTML
//! of every Markdown part (body, question texts, role briefs, notes), with the
//! links and anchors the site needs to connect documents.
//!
//! A document never sees other documents and does no I/O; links to other pages
//! stay as placeholders until `site` resolves them.

mod containers;
mod front_matter;
mod markdown;
mod schema;
mod yaml_locator;

use std::collections::HashSet;
use std::path::PathBuf;

pub use containers::without_facilitator_blocks;
pub use front_matter::{
    Audience, AudienceFilter, Bank, Date, Debrief, FieldRules, Format, FrontMatter, Kind, Located,
    Phase, Question, Role, ScenarioFields, split_front_matter,
};
pub use markdown::{Heading, LinkKind, LinkRef, fill_links, inline_plain_text};
pub use schema::front_matter_schema;

use crate::diagnostics::{Diagnostic, Severity};
use crate::discover::SourceFile;
use crate::slug::{name_problem, slugify};
use markdown::{MarkdownRenderer, Origin};

/// Whether a file is a page, or a section's own text (`_index.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    Page,
    /// `name/index.md`: a page that keeps its files beside it.
    BundlePage,
    SectionIndex,
}

/// The HTML of one bank question's Markdown parts.
#[derive(Debug, Clone, Default)]
pub struct QuestionHtml {
    pub text: String,
    pub purpose: Option<String>,
    pub follow_ups: Vec<String>,
}

/// The HTML of a scenario's Markdown parts, in the order of its front matter.
#[derive(Debug, Clone, Default)]
pub struct ScenarioHtml {
    pub briefs: Vec<String>,
    pub debrief: Vec<Option<String>>,
    pub facilitator_notes: Option<String>,
}

/// One parsed content file.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to `content/`, with `/` separators.
    pub rel: String,
    /// Path shown in diagnostics, relative to the handbook root.
    pub display: PathBuf,
    pub role: FileRole,
    /// The file's text, for diagnostics found later by the site (a build
    /// empties it once the site is made: see `Site::drop_sources`).
    pub text: String,
    pub front: FrontMatter,
    pub body_html: String,
    pub toc: Vec<Heading>,
    /// Every anchor another page may link to: heading ids and question ids.
    pub anchors: HashSet<String>,
    /// Links to resolve; placeholder `n` in the HTML is `links[n]`.
    pub links: Vec<LinkRef>,
    /// Ids of bank questions this edition leaves out: links to them lose their link.
    pub omitted_anchors: Vec<String>,
    pub questions_html: Vec<QuestionHtml>,
    pub scenario_html: ScenarioHtml,
}

/// What the document stage needs to know of the site.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    pub rules: FieldRules,
    /// What the build's edition keeps: questions, notes and `:::facilitator`
    /// blocks for other audiences are dropped here, before anything renders them.
    pub audience: AudienceFilter,
}

fn role_of(rel: &str) -> FileRole {
    match rel.rsplit('/').next() {
        Some("_index.md") => FileRole::SectionIndex,
        Some("index.md") if rel.contains('/') => FileRole::BundlePage,
        _ => FileRole::Page,
    }
}

/// A readable title from a file or folder name: `missed-deadline.md` → "Missed deadline".
pub fn title_from_name(name: &str) -> String {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    crate::slug::capitalize(stem.replace(['-', '_'], " ").trim())
}

/// The name a file's title falls back to: its folder for `index.md` and `_index.md`.
fn fallback_name(rel: &str) -> &str {
    let mut parts = rel.rsplit('/');
    let file = parts.next().unwrap_or(rel);
    if file == "index.md" || file == "_index.md" {
        parts.next().unwrap_or("Home")
    } else {
        file
    }
}

/// Parses one source file into a document.
pub fn parse_document(
    file: SourceFile,
    options: &ParseOptions,
) -> (Option<Document>, Vec<Diagnostic>) {
    let path = file.display.as_path();
    let text = file.text.as_str();
    let role = role_of(&file.rel);
    let split = match split_front_matter(text) {
        Ok(split) => split,
        Err(message) => {
            let diagnostic =
                Diagnostic::at(Severity::Error, path, text, 0, message).with_span_len(3);
            return (None, vec![diagnostic]);
        }
    };
    let (body, body_offset) = split.body;
    let fallback_title = title_from_name(fallback_name(&file.rel));
    let (front, mut diagnostics) = match split.yaml {
        Some(yaml) => {
            let default_title = (role == FileRole::SectionIndex).then_some(fallback_title.as_str());
            front_matter::parse_front_matter(path, text, yaml, &options.rules, default_title)
        }
        None => {
            let title = first_heading(body).unwrap_or(fallback_title);
            (Some(FrontMatter::untitled(title)), Vec::new())
        }
    };
    let Some(front) = front else {
        return (None, diagnostics);
    };
    if role == FileRole::SectionIndex && front.kind != Kind::Guide {
        diagnostics.push(
            Diagnostic::at(
                Severity::Error,
                path,
                text,
                0,
                "a section's `_index.md` holds the section's own text and cannot set `kind`",
            )
            .with_help("move the questions or scenario into a page of its own in this folder"),
        );
    }
    let own_name = fallback_name(&file.rel);
    if front.slug.is_none()
        && let Some(problem) =
            name_problem(&slugify(own_name.strip_suffix(".md").unwrap_or(own_name)))
    {
        diagnostics.push(
            Diagnostic::file(Severity::Error, path, format!("this file's name {problem}"))
                .with_help("rename it, or give the page a shorter `slug`"),
        );
    }
    let mut front = front;
    let omitted_anchors = drop_questions_for_other_audiences(&mut front, options.audience);
    let include_facilitator = options.audience.includes_facilitator_material();
    let mut renderer = MarkdownRenderer::new(path, text, include_facilitator);
    let body_html = renderer.render_block(body, Origin::Verbatim(body_offset), true);
    let questions_html = front
        .bank
        .iter()
        .flat_map(|bank| &bank.questions)
        .map(|question| {
            let origin = Origin::Field(question.offset);
            QuestionHtml {
                text: renderer.render_inline(&question.text, origin),
                purpose: question
                    .purpose
                    .as_ref()
                    .map(|p| renderer.render_inline(p, origin)),
                follow_ups: question
                    .follow_ups
                    .iter()
                    .map(|f| renderer.render_inline(f, origin))
                    .collect(),
            }
        })
        .collect();
    let scenario_html = front
        .scenario
        .as_ref()
        .map(|scenario| ScenarioHtml {
            briefs: scenario
                .roles
                .iter()
                .map(|role| {
                    renderer.render_block(
                        &role.brief.value,
                        Origin::Field(role.brief.offset),
                        false,
                    )
                })
                .collect(),
            debrief: scenario
                .debrief
                .iter()
                .map(|item| match item {
                    Debrief::Text(text) => Some(renderer.render_inline(text, Origin::Field(0))),
                    Debrief::Ref(_) => None,
                })
                .collect(),
            facilitator_notes: scenario
                .facilitator_notes
                .as_ref()
                .filter(|_| include_facilitator)
                .map(|notes| {
                    renderer.render_block(&notes.value, Origin::Field(notes.offset), false)
                }),
        })
        .unwrap_or_default();
    let mut anchors = renderer.used_ids.clone();
    if let Some(bank) = &front.bank {
        anchors.extend(bank.questions.iter().map(|q| q.id.clone()));
    }
    diagnostics.append(&mut renderer.diagnostics);
    let (toc, links) = (renderer.toc, renderer.links);
    let document = Document {
        rel: file.rel,
        display: file.display,
        role,
        text: file.text,
        front,
        body_html,
        toc,
        anchors,
        links,
        omitted_anchors,
        questions_html,
        scenario_html,
    };
    (Some(document), diagnostics)
}

/// Removes bank questions for audiences the build leaves out; returns their ids.
fn drop_questions_for_other_audiences(
    front: &mut FrontMatter,
    audience: AudienceFilter,
) -> Vec<String> {
    let Some(bank) = &mut front.bank else {
        return Vec::new();
    };
    let (kept, dropped): (Vec<Question>, Vec<Question>) = std::mem::take(&mut bank.questions)
        .into_iter()
        .partition(|q| audience.includes(q.audience));
    bank.questions = kept;
    dropped.into_iter().map(|q| q.id).collect()
}

/// The text of the first `# ` heading, for files without front matter.
fn first_heading(body: &str) -> Option<String> {
    body.lines()
        .find_map(|line| line.strip_prefix("# "))
        .map(|title| title.trim().to_string())
        .filter(|title| !title.is_empty())
}
