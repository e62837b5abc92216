//! What the search index holds: one [`Entry`] per page in reading order (the
//! home page, sections, guides, question banks, scenarios), one per bank
//! question, right after its bank, and one per page gathered across the
//! handbook (`takeaways/`, `exercises/`, `facilitator/`).
//!
//! Entries are made from the [`Site`] of the build, and their text from the
//! HTML the build renders, so an edition's index holds exactly what that
//! edition's pages show: left-out pages and questions are not in the site,
//! and `:::facilitator` blocks and facilitator notes were dropped when the
//! documents were parsed. Role briefs are indexed only in editions that hold
//! them (a participant edition's documents have none), so a participant
//! never finds another role's brief.

use rayon::prelude::*;

use crate::document::{Document, Kind};
use crate::site::{Gathered, Page, PageId, PageKind, Site};
use crate::stop::Stop;

use super::text::html_to_text;

/// What an entry is, as the results list names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Home,
    Section,
    Guide,
    Bank,
    Question,
    Scenario,
    /// A page gathered across the handbook (takeaways, exercises, facilitator notes).
    Gathered,
    Session,
}

impl EntryKind {
    /// The name the index and the script use.
    pub fn name(self) -> &'static str {
        match self {
            EntryKind::Home => "home",
            EntryKind::Section => "section",
            EntryKind::Guide => "guide",
            EntryKind::Bank => "questions",
            EntryKind::Question => "question",
            EntryKind::Scenario => "scenario",
            EntryKind::Gathered => "gathered",
            EntryKind::Session => "session",
        }
    }
}

/// One searchable thing: where it is, what it is called, and its text by field.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: EntryKind,
    pub title: String,
    /// Site-root-relative URL (`guides/listening/`, `questions/grow/#goal`).
    pub url: String,
    /// Where it sits, for the results list: its sections, or its bank and stage.
    pub section: String,
    /// Headings, role names, stage names.
    pub headings: Vec<String>,
    /// Taxonomy terms, level, format, a question's tags and stage.
    pub tags: Vec<String>,
    pub summary: Option<String>,
    /// Everything else the page shows, as plain text.
    pub body: String,
}

/// Every entry of `site`, in reading order, each bank's questions after
/// it, then the pages gathered across the handbook; `None` when stopped.
pub fn build_entries(site: &Site, stop: &Stop) -> Option<Vec<Entry>> {
    let per_page: Vec<Vec<Entry>> = site
        .reading_order
        .par_iter()
        .map(|&id| {
            if stop.asked() {
                return None;
            }
            let page = site.page(id);
            let mut entries = vec![page_entry(site, page)];
            if let Some(document) = &page.document {
                entries.extend(question_entries(page, document));
            }
            Some(entries)
        })
        .collect::<Option<_>>()?;
    let gathered = Gathered::of_site(site).into_iter().map(gathered_entry);
    Some(per_page.into_iter().flatten().chain(gathered).collect())
}

/// The entry of a gathered page: its title and summary only. Its items'
/// text is in the entries of the pages it gathers them from, and a second
/// copy would put the gathered page beside every one of those in results.
fn gathered_entry(gathered: Gathered) -> Entry {
    Entry {
        kind: EntryKind::Gathered,
        title: gathered.title().into(),
        url: gathered.url().into(),
        section: String::new(),
        headings: Vec::new(),
        tags: Vec::new(),
        summary: Some(gathered.summary().into()),
        body: String::new(),
    }
}

/// The titles of the sections above `id`, below the home page: "Guides › Advanced".
fn section_path(site: &Site, id: PageId) -> String {
    let ancestors = site.ancestors(id);
    let above = ancestors.split_last().map_or(&[][..], |(_, above)| above);
    above
        .iter()
        .filter(|&&a| site.page(a).kind != PageKind::Home)
        .map(|&a| site.page(a).title.as_str())
        .collect::<Vec<_>>()
        .join(" › ")
}

fn page_entry(site: &Site, page: &Page) -> Entry {
    let kind = match (page.kind, page.content_kind()) {
        (PageKind::Home, _) => EntryKind::Home,
        (PageKind::Section, _) => EntryKind::Section,
        (_, Some(Kind::Questions)) => EntryKind::Bank,
        (_, Some(Kind::Scenario)) => EntryKind::Scenario,
        (_, Some(Kind::Session)) => EntryKind::Session,
        (_, _) => EntryKind::Guide,
    };
    let mut entry = Entry {
        kind,
        title: page.title.clone(),
        url: page.url.clone(),
        section: section_path(site, page.id),
        headings: Vec::new(),
        tags: Vec::new(),
        summary: None,
        body: String::new(),
    };
    let Some(document) = &page.document else {
        return entry;
    };
    let front = &document.front;
    entry.summary = front.summary.clone();
    entry.headings = document.toc.iter().map(|h| h.title.clone()).collect();
    entry.tags = front.taxonomies.values().flatten().cloned().collect();
    entry.tags.extend(front.level.clone());
    let mut body = vec![html_to_text(&document.body_html)];
    body.extend(front.takeaways.iter().cloned());
    if let Some(bank) = &front.bank {
        entry.headings.extend(bank.stages.iter().cloned());
        entry.tags.extend(bank.model.clone());
    }
    if let Some(scenario) = &front.scenario {
        let html = &document.scenario_html;
        entry
            .headings
            .extend(scenario.roles.iter().map(|r| r.name.clone()));
        entry
            .tags
            .extend(scenario.format.map(|f| f.as_str().to_string()));
        body.extend(scenario.timing.iter().map(|p| p.phase.clone()));
        body.extend(html.briefs.iter().map(|b| html_to_text(&b.html)));
        body.extend(scenario.observer_checklist.iter().cloned());
        for (i, text) in html.debrief.iter().enumerate() {
            match (text, page.debrief_refs.get(i).copied().flatten()) {
                (Some(text), _) => body.push(html_to_text(text)),
                (None, Some(reference)) => body.extend(
                    site.page(reference.bank)
                        .document
                        .as_ref()
                        .and_then(|d| d.questions_html.get(reference.question))
                        .map(|q| html_to_text(&q.text)),
                ),
                (None, None) => {}
            }
        }
        // Present only in editions that keep facilitator material.
        body.extend(html.facilitator_notes.as_deref().map(html_to_text));
    }
    body.retain(|part| !part.is_empty());
    entry.body = body.join(" ");
    entry
}

/// One entry per question of a bank page, linking to the question's anchor.
fn question_entries<'a>(
    page: &'a Page,
    document: &'a Document,
) -> impl Iterator<Item = Entry> + 'a {
    let questions = document
        .front
        .bank
        .as_ref()
        .map_or(&[][..], |bank| &bank.questions[..]);
    questions
        .iter()
        .zip(&document.questions_html)
        .map(move |(question, html)| {
            let mut section = page.title.clone();
            if let Some(stage) = &question.stage {
                section.push_str(" · ");
                section.push_str(stage);
            }
            let mut body: Vec<String> = html.purpose.iter().map(|p| html_to_text(p)).collect();
            body.extend(html.follow_ups.iter().map(|f| html_to_text(f)));
            let mut tags = question.tags.clone();
            tags.extend(question.stage.clone());
            Entry {
                kind: EntryKind::Question,
                title: html_to_text(&html.text),
                url: format!("{}#{}", page.url, question.id),
                section,
                headings: Vec::new(),
                tags,
                summary: None,
                body: body.join(" "),
            }
        })
}
