//! One file's text becomes a [`Document`]: checked front matter plus the HTML
//! of every Markdown part (body, question texts, role briefs, notes), with the
//! links and anchors the site needs to connect documents.
//!
//! A document never sees other documents and does no I/O; links to other pages
//! stay as placeholders until `site` resolves them.

mod attributes;
mod boxes;
mod callouts;
mod containers;
mod decorate;
mod fence_lines;
mod foreign;
mod front_matter;
mod highlight;
mod links;
mod markdown;
mod parts;
mod rewrite;
mod schema;
mod smart;
mod spans;
mod split;
mod yaml_errors;
mod yaml_locator;

use std::collections::HashSet;
use std::path::PathBuf;

pub use crate::vocab::{Audience, AudienceFilter, Date, FieldRules, Format, Kind};
pub use front_matter::{
    AgendaRow, Bank, DayStart, Debrief, FrontMatter, Located, Phase, Question, Role,
    ScenarioFields, SessionFields, group_unknown_fields,
};
pub use links::{Href, LinkKind, LinkRef, fill_links};
pub use markdown::{Heading, inline_plain_text};
pub use parts::{BodyHtml, BodyPart, BodyParts, BodySection};
pub use schema::front_matter_schema;
pub use split::split_front_matter;

use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::slug::{name_problem, slugify};
use crate::sources::SourceFile;
use markdown::{MarkdownRenderer, Origin};
use split::{readable_field, title_heading};

/// Whether a file is a page, or a section's own text (`_index.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    Page,
    /// `name/index.md`: a page that keeps its files beside it.
    BundlePage,
    SectionIndex,
}

/// The HTML of one bank question's parts.
#[derive(Debug, Clone, Default)]
pub struct QuestionHtml {
    pub text: String,
    pub purpose: Option<String>,
    /// Plain text, escaped: follow-ups are not Markdown.
    pub follow_ups: Vec<String>,
}

/// Markdown that a role card shows too: its HTML, and, when it holds
/// `:::facilitator` blocks, its HTML without them for the card.
#[derive(Debug, Clone, Default)]
pub struct CardHtml {
    pub html: String,
    pub without_facilitator: Option<String>,
}

impl CardHtml {
    /// The HTML a role card shows, which a participant reads.
    pub fn for_card(&self) -> &str {
        self.without_facilitator.as_deref().unwrap_or(&self.html)
    }
}

/// The HTML of a scenario's Markdown parts, in the order of its front matter.
#[derive(Debug, Clone, Default)]
pub struct ScenarioHtml {
    /// One brief per role. Empty in an edition that leaves briefs out (a
    /// participant edition): a brief is private to its role (SPEC 2.4), so
    /// that edition has no briefs and no role cards.
    pub briefs: Vec<CardHtml>,
    /// The situation (the body) as role cards show it, when the body holds
    /// `:::facilitator` blocks; otherwise the cards show `body_html`.
    pub situation_for_cards: Option<String>,
    /// A debrief prompt's own text, escaped (it is not Markdown); `None` for a reference.
    pub debrief: Vec<Option<String>>,
    pub facilitator_notes: Option<String>,
}

/// The HTML of a session plan's Markdown parts.
#[derive(Debug, Clone, Default)]
pub struct SessionHtml {
    /// Each agenda row's facilitator notes; all `None` in an edition that
    /// leaves facilitator material out.
    pub notes: Vec<Option<String>>,
    /// Whether this edition has the facilitator's run-sheet and pack; when
    /// not (a participant edition), the session page is the handout.
    pub facilitator: bool,
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
    /// The body's `##` sections, exercise boxes and facilitator blocks.
    pub parts: BodyParts,
    pub session_html: SessionHtml,
    /// Its front matter could not be read. The page stands in with what
    /// could be (its path, its title and slug where readable), so links to
    /// it are not reported as broken; its anchors are unknown.
    pub failed: bool,
}

impl Document {
    /// A document of `file` with nothing rendered.
    fn empty(file: SourceFile, role: FileRole, front: FrontMatter) -> Document {
        Document {
            rel: file.rel,
            display: file.display,
            role,
            text: file.text,
            front,
            body_html: String::new(),
            toc: Vec::new(),
            anchors: HashSet::new(),
            links: Vec::new(),
            omitted_anchors: Vec::new(),
            questions_html: Vec::new(),
            scenario_html: ScenarioHtml::default(),
            parts: BodyParts::default(),
            session_html: SessionHtml::default(),
            failed: false,
        }
    }

    /// Whether a link may point at `#anchor` on this page. Any anchor may, on
    /// a page whose front matter failed: its headings are unknown.
    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.failed || self.anchors.contains(anchor)
    }
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
    let fallback_title = title_from_name(fallback_name(&file.rel));
    let split = match split_front_matter(text) {
        Ok(split) => split,
        Err(error) => {
            // The caret covers the first line: the `---` left open, or the field that lost it.
            let first_line = text.lines().next().unwrap_or("").chars().count();
            let diagnostic = Diagnostic::at(
                Code::FrontMatterFence,
                Severity::Error,
                path,
                text,
                0,
                error.message,
            )
            .with_span_len(first_line)
            .with_help(error.help);
            let title = readable_field(error.yaml, "title").unwrap_or(fallback_title);
            let slug = readable_field(error.yaml, "slug");
            return stand_in(file, role, (title, slug), vec![diagnostic]);
        }
    };
    let (body, body_offset) = split.body;
    let (front, mut diagnostics) = match split.yaml {
        Some(yaml) => front_matter::parse_front_matter(path, text, yaml, &options.rules),
        None => (Some(FrontMatter::untitled(String::new())), Vec::new()),
    };
    let Some(mut front) = front else {
        let yaml = split.yaml.map_or("", |(yaml, _)| yaml);
        let title = readable_field(yaml, "title")
            .or_else(|| title_heading(body).map(|(title, _)| title))
            .unwrap_or(fallback_title);
        let slug = readable_field(yaml, "slug");
        return stand_in(file, role, (title, slug), diagnostics);
    };
    // A page without a title is titled by its first heading, which its body
    // then leaves out (blanked, so offsets into the file stay true), or by its name.
    let heading = front.title.is_empty().then(|| title_heading(body));
    let mut body = std::borrow::Cow::Borrowed(body);
    if let Some(heading) = heading {
        front.title = match heading {
            Some((title, line)) => {
                body.to_mut()
                    .replace_range(line.clone(), &" ".repeat(line.len()));
                title
            }
            None => fallback_title,
        };
    }
    let body = body.as_ref();
    if role == FileRole::SectionIndex && front.kind != Kind::Guide {
        diagnostics.push(
            Diagnostic::at(
                Code::KindOnSection,
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
            Diagnostic::file(
                Code::NameTooLong,
                Severity::Error,
                path,
                format!("this file's name {problem}"),
            )
            .with_help("rename it, or give the page a shorter `slug`"),
        );
    }
    let include_facilitator = options.audience.includes_facilitator_material();
    if !include_facilitator {
        drop_material_for_authors_and_facilitators(&mut front);
    }
    smarten_prose(&mut front);
    let mut renderer = MarkdownRenderer::new(path, text, include_facilitator);
    // Every edition keeps the same heading ids, so a bank's left-out questions count too.
    reserve_bank_ids(&mut renderer, &front);
    let omitted_anchors = drop_questions_for_other_audiences(&mut front, options.audience);
    let (body_html, situation_for_cards) = if front.scenario.is_some() {
        renderer.render_block_for_cards(body, Origin::Verbatim(body_offset), true)
    } else {
        let html = renderer.render_block(body, Origin::Verbatim(body_offset), true);
        (html, None)
    };
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
                    .map(|f| escaped_text(f))
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
                .filter_map(|role| role.brief.as_ref())
                .map(|brief| {
                    let origin = Origin::Field(brief.offset);
                    let (html, without_facilitator) =
                        renderer.render_block_for_cards(&brief.value, origin, false);
                    CardHtml {
                        html,
                        without_facilitator,
                    }
                })
                .collect(),
            situation_for_cards,
            debrief: scenario
                .debrief
                .iter()
                .map(|item| match item {
                    Debrief::Text(text) => Some(escaped_text(text)),
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
    let session_html = front
        .session
        .as_ref()
        .map(|session| SessionHtml {
            notes: session
                .agenda
                .iter()
                .map(|row| {
                    row.notes.as_ref().map(|notes| {
                        renderer.render_block(&notes.value, Origin::Field(notes.offset), false)
                    })
                })
                .collect(),
            facilitator: include_facilitator,
        })
        .unwrap_or_default();
    let mut anchors = renderer.used_ids.clone();
    if let Some(bank) = &front.bank {
        anchors.extend(bank.questions.iter().map(|q| q.id.clone()));
    }
    diagnostics.append(&mut renderer.diagnostics);
    let (toc, links, mut parts) = (renderer.toc, renderer.links, renderer.parts);
    // Only a guide is presented section by section.
    if front.kind != Kind::Guide {
        parts.sections = Vec::new();
    }
    let document = Document {
        body_html,
        parts,
        toc,
        anchors,
        links,
        omitted_anchors,
        questions_html,
        scenario_html,
        session_html,
        failed: false,
        ..Document::empty(file, role, front)
    };
    (Some(document), diagnostics)
}

/// The document of a file whose front matter could not be read: only its
/// path, title and slug, so the rest of the handbook still knows the page and
/// the one mistake gives one error.
fn stand_in(
    file: SourceFile,
    role: FileRole,
    (title, slug): (String, Option<String>),
    diagnostics: Vec<Diagnostic>,
) -> (Option<Document>, Vec<Diagnostic>) {
    let mut front = FrontMatter::untitled(title);
    front.slug = slug;
    let document = Document {
        failed: true,
        ..Document::empty(file, role, front)
    };
    (Some(document), diagnostics)
}

/// Keeps the ids a bank page gives its questions and stage sections (see
/// the theme's `bank_body.html`) from its headings.
fn reserve_bank_ids(renderer: &mut MarkdownRenderer, front: &FrontMatter) {
    let Some(bank) = &front.bank else {
        return;
    };
    for question in &bank.questions {
        renderer.reserve(
            question.id.clone(),
            format!("question `{}` of this bank", question.id),
        );
    }
    let stages = bank.stages.iter().map(String::as_str);
    let question_stages = bank
        .questions
        .iter()
        .map(|q| q.stage.as_deref().unwrap_or(""));
    for stage in stages.chain(question_stages) {
        let name = if stage.is_empty() { "other" } else { stage };
        let id = format!("stage-{}", crate::slug::url_part(name));
        let owner = format!("the section of stage `{name}`");
        renderer.reserve(format!("{id}-title"), owner.clone());
        renderer.reserve(id, owner);
    }
}

/// Leaves out what a participant edition must not hold: every role's brief
/// (private to its role), a session's notes, and the review data kept for authors (`owner`,
/// `review_by`, and with it the "review due" badge).
fn drop_material_for_authors_and_facilitators(front: &mut FrontMatter) {
    if let Some(scenario) = &mut front.scenario {
        for role in &mut scenario.roles {
            role.brief = None;
        }
    }
    if let Some(session) = &mut front.session {
        for row in &mut session.agenda {
            row.notes = None;
        }
    }
    front.owner = None;
    front.review_by = None;
}

/// Gives the front matter's plain-text prose (the summary, takeaways,
/// follow-ups, checklist items and debrief prompts) the body's smart
/// punctuation. Markdown fields (question text and purpose, briefs, notes)
/// get it when they are rendered.
fn smarten_prose(front: &mut FrontMatter) {
    let all = |texts: &mut Vec<String>| {
        for text in texts.iter_mut() {
            *text = smart::smart_text(text);
        }
    };
    if let Some(summary) = &mut front.summary {
        *summary = smart::smart_text(summary);
    }
    all(&mut front.takeaways);
    if let Some(bank) = &mut front.bank {
        for question in &mut bank.questions {
            all(&mut question.follow_ups);
        }
    }
    if let Some(scenario) = &mut front.scenario {
        all(&mut scenario.observer_checklist);
        for item in &mut scenario.debrief {
            if let Debrief::Text(text) = item {
                *text = smart::smart_text(text);
            }
        }
    }
}

/// Text as HTML (a front-matter string that is not Markdown, a message):
/// escaped, so that it shows as written and can never add markup.
pub fn escaped_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(rel: &str, text: &str) -> (Option<Document>, Vec<Diagnostic>) {
        let file = SourceFile {
            rel: rel.into(),
            display: PathBuf::from("content").join(rel),
            text: text.into(),
            ..SourceFile::default()
        };
        parse_document(file, &ParseOptions::default())
    }

    #[test]
    fn a_page_whose_front_matter_fails_stands_in_with_what_can_be_read() {
        let (document, diagnostics) = parse(
            "questions/listening.md",
            "---\ntitle: \"Listening questions\"\nslug: listen\nkind: questions\n\t- x\n---\n## Open\n",
        );
        let document = document.expect("a stand-in");
        assert_eq!(diagnostics.len(), 1);
        assert!(document.failed);
        assert_eq!(document.front.title, "Listening questions");
        assert_eq!(document.front.slug.as_deref(), Some("listen"));
        assert!(document.has_anchor("anything") && document.links.is_empty());

        // No `title:` line: the first heading, then the file name.
        let (document, _) = parse("guides/a.md", "---\nsummary: [\n---\n# From the body\n");
        assert_eq!(document.unwrap().front.title, "From the body");
        let (document, _) = parse("guides/missed-deadline.md", "---\ntitle: x\n");
        assert_eq!(document.unwrap().front.title, "x");
        let (document, _) = parse("guides/missed-deadline.md", "---\nsummary: x\n");
        assert_eq!(document.unwrap().front.title, "Missed deadline");
    }

    #[test]
    fn a_good_page_knows_only_its_own_anchors() {
        let (document, diagnostics) = parse("a.md", "---\ntitle: A\n---\n## Open\n");
        let document = document.unwrap();
        assert!(diagnostics.is_empty() && !document.failed);
        assert!(document.has_anchor("open") && !document.has_anchor("closed"));
    }
}
