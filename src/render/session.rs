//! A session plan's views: the facilitator's run-sheet (the session page),
//! the participants' handout, and what the facilitator's pack prints after
//! the run-sheet (each referenced page in agenda order, then the role cards
//! and checklist sheets of every group).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::nav::Link;
use super::views::{
    CardSheet, Group, PageView, PrintEntry, QuestionView, StageView, ViewBuilder, prefixed_ids,
};
use crate::document::{Audience, Document, SessionFields};
use crate::site::urls::{session_handout_url, session_pack_url, url_part};
use crate::site::{AgendaRefs, BankPart, Page, PageId, Site};
use crate::vocab::clock_time as clock;

/// A session as its templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct SessionView {
    /// The facilitator's run-sheet (notes, materials, the pack); when false,
    /// the participants' handout.
    pub facilitator: bool,
    /// The clock times the session starts and ends, when `start` is given.
    pub start: Option<String>,
    pub end: Option<String>,
    /// How many days the programme takes (day rows start days 2, 3…).
    pub days: u32,
    pub objectives: Vec<String>,
    pub pre_work: Vec<Link>,
    pub materials: Vec<String>,
    /// The role cards and checklist sheets each scenario needs.
    pub cards: Vec<CardCount>,
    pub agenda: Vec<AgendaRowView>,
    /// The participant parts of the material, in agenda order (handout only).
    pub material: Vec<HandoutPart>,
    pub pack_href: Option<String>,
    pub handout_href: Option<String>,
}

/// One agenda row.
#[derive(Debug, Clone, Serialize)]
pub struct AgendaRowView {
    pub minutes: u32,
    /// When the row starts, when the session has a `start`.
    pub clock: Option<String>,
    /// Set on a row that starts a new day: the day's number (its `clock` is
    /// the day's start).
    pub day: Option<u32>,
    pub activity: Option<String>,
    pub is_break: bool,
    /// Groups playing the row's scenario at once.
    pub groups: Option<u32>,
    /// The pages the row uses: guide, bank, scenario.
    pub material: Vec<MaterialLink>,
    /// The questions the row asks, when it names a stage or a question.
    pub questions: Vec<Link>,
    /// HTML; facilitator material (run-sheet only).
    pub notes: Option<String>,
}

/// A page an agenda row uses.
#[derive(Debug, Clone, Serialize)]
pub struct MaterialLink {
    pub kind_label: String,
    pub title: String,
    pub href: String,
    /// "Will" or "one question", when the row asks part of a bank.
    pub part: Option<String>,
}

/// The cards one scenario row needs.
#[derive(Debug, Clone, Serialize)]
pub struct CardCount {
    pub scenario: Link,
    pub roles: usize,
    pub groups: u32,
    pub cards: usize,
    pub checklists: usize,
}

/// The participant part of one page the session uses.
#[derive(Debug, Clone, Serialize)]
pub struct HandoutPart {
    pub kind: &'static str,
    pub kind_label: String,
    pub title: String,
    pub href: String,
    pub summary: Option<String>,
    pub takeaways: Vec<String>,
    /// HTML of the questions asked (for everyone only).
    pub questions: Vec<String>,
    /// HTML of a scenario's situation, as its role cards show it.
    pub situation: Option<String>,
    pub format: Option<String>,
    pub roles: Vec<String>,
}

/// The session fields of page `page`, which is a session.
pub(super) fn fields(page: &Page) -> (&Document, &SessionFields) {
    let document = page.document.as_ref().expect("sessions have documents");
    let session = document
        .front
        .session
        .as_ref()
        .expect("called for sessions");
    (document, session)
}

/// The pages a session uses, each once, in agenda order, with the bank
/// parts asked of each bank (empty when the whole bank is).
pub fn material_of(page: &Page) -> Vec<(PageId, Vec<BankPart>)> {
    let mut pages: Vec<(PageId, Vec<BankPart>)> = Vec::new();
    for refs in &page.agenda_refs {
        for id in refs.pages() {
            let part = refs
                .questions
                .as_ref()
                .filter(|(bank, _)| *bank == id)
                .map(|(_, part)| part.clone());
            match pages.iter_mut().find(|(seen, _)| *seen == id) {
                Some((_, parts)) => parts.extend(part),
                None => pages.push((id, part.into_iter().collect())),
            }
        }
    }
    // A bank asked whole anywhere prints whole.
    for (_, parts) in &mut pages {
        if parts.contains(&BankPart::Whole) {
            parts.clear();
        }
    }
    pages
}

/// The anchors of each bank a session's pack prints only in part that the
/// pack leaves out: the other questions, and the stages left without any.
pub fn cut_anchors(site: &Site, session: &Page) -> HashMap<PageId, HashSet<String>> {
    material_of(session)
        .into_iter()
        .filter(|(_, parts)| !parts.is_empty())
        .filter_map(|(id, parts)| {
            let document = site.page(id).document.as_ref()?;
            let questions = &document.front.bank.as_ref()?.questions;
            let kept: HashSet<usize> = parts.iter().flat_map(|p| asked(document, p)).collect();
            let stage_id = |i: usize| {
                let stage = questions[i].stage.as_deref().unwrap_or("other");
                format!("stage-{}", url_part(stage))
            };
            let kept_stages: HashSet<String> = kept.iter().map(|&i| stage_id(i)).collect();
            let cut = (0..questions.len())
                .filter(|i| !kept.contains(i))
                .flat_map(|i| [questions[i].id.clone(), stage_id(i)])
                .filter(|anchor| !kept_stages.contains(anchor))
                .collect();
            Some((id, cut))
        })
        .collect()
}

/// Every scenario row of a session: the scenario and its groups.
pub fn scenario_rows(page: &Page) -> Vec<(PageId, u32)> {
    let (_, session) = fields(page);
    page.agenda_refs
        .iter()
        .zip(&session.agenda)
        .filter_map(|(refs, row)| Some((refs.scenario?, row.groups)))
        .collect()
}

/// Whether a scenario prints a checklist sheet for its observers.
pub fn has_checklist(page: &Page) -> bool {
    page.document
        .as_ref()
        .and_then(|d| d.front.scenario.as_ref())
        .is_some_and(|s| !s.observer_checklist.is_empty())
}

/// The indices of a bank's questions that `part` asks.
pub(super) fn asked(document: &Document, part: &BankPart) -> Vec<usize> {
    let questions = document
        .front
        .bank
        .as_ref()
        .map_or(&[][..], |b| &b.questions);
    match part {
        BankPart::Whole => (0..questions.len()).collect(),
        BankPart::Stage(stage) => (0..questions.len())
            .filter(|&i| questions[i].stage.as_deref() == Some(stage))
            .collect(),
        BankPart::Question(i) => vec![*i],
    }
}

impl ViewBuilder<'_> {
    /// The session page `id` as seen from `from`: the run-sheet when
    /// `facilitator`, else the handout.
    pub fn session_view(&self, id: PageId, from: &str, facilitator: bool) -> SessionView {
        let page = self.site.page(id);
        let (document, session) = fields(page);
        let (clocks, end) = session.clock_times();
        let agenda = session
            .agenda
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let refs = page.agenda_refs.get(i);
                AgendaRowView {
                    minutes: row.minutes,
                    clock: clocks[i].map(clock),
                    day: row.day.map(|day| day.number),
                    activity: row.activity.clone(),
                    is_break: row.is_break,
                    groups: refs.and_then(|r| r.scenario).map(|_| row.groups),
                    material: refs.map_or_else(Vec::new, |r| self.material_links(r, from)),
                    questions: refs
                        .map_or_else(Vec::new, |r| self.part_questions(r, from, facilitator)),
                    notes: document
                        .session_html
                        .notes
                        .get(i)
                        .cloned()
                        .flatten()
                        .filter(|_| facilitator)
                        .map(|notes| self.links_filled(page, &notes, from)),
                }
            })
            .collect();
        let cards = scenario_rows(page)
            .into_iter()
            .map(|(scenario, groups)| {
                let scenario_page = self.site.page(scenario);
                let roles = scenario_page
                    .document
                    .as_ref()
                    .and_then(|d| d.front.scenario.as_ref())
                    .map_or(0, |s| s.roles.len());
                CardCount {
                    scenario: self.link(from, scenario),
                    roles,
                    groups,
                    cards: roles * groups as usize,
                    checklists: if has_checklist(scenario_page) {
                        groups as usize
                    } else {
                        0
                    },
                }
            })
            .collect();
        let with_pack = facilitator && document.session_html.facilitator;
        SessionView {
            facilitator,
            start: session.start.map(clock),
            end: session.start.and(end).map(clock),
            days: session.days(),
            objectives: session.objectives.clone(),
            pre_work: page.pre_work.iter().map(|&p| self.link(from, p)).collect(),
            materials: session.materials.clone(),
            cards,
            agenda,
            material: if facilitator {
                Vec::new()
            } else {
                self.handout_parts(page, from)
            },
            pack_href: with_pack.then(|| self.linker.page(from, &session_pack_url(&page.url))),
            handout_href: with_pack
                .then(|| self.linker.page(from, &session_handout_url(&page.url))),
        }
    }

    fn material_links(&self, refs: &AgendaRefs, from: &str) -> Vec<MaterialLink> {
        refs.pages()
            .map(|id| {
                let page = self.site.page(id);
                let part = refs
                    .questions
                    .as_ref()
                    .filter(|(bank, _)| *bank == id)
                    .and_then(|(_, part)| match part {
                        BankPart::Whole => None,
                        BankPart::Stage(stage) => {
                            Some(self.words.get("stage_part").replace("{stage}", stage))
                        }
                        BankPart::Question(_) => Some(self.words.get("one_question").into()),
                    });
                MaterialLink {
                    kind_label: page.content_kind().map_or_else(
                        || self.words.get("page").into(),
                        |kind| self.kind_label(kind.as_str()),
                    ),
                    title: page.title.clone(),
                    href: self.page_href(from, &page.url, None),
                    part,
                }
            })
            .collect()
    }

    /// The questions of the part of a bank a row asks, when it is not the
    /// whole bank; facilitator questions only for the facilitator.
    fn part_questions(&self, refs: &AgendaRefs, from: &str, facilitator: bool) -> Vec<Link> {
        let Some((bank, part)) = refs.questions.as_ref() else {
            return Vec::new();
        };
        if *part == BankPart::Whole {
            return Vec::new();
        }
        let page = self.site.page(*bank);
        let Some(document) = page.document.as_ref() else {
            return Vec::new();
        };
        let Some(fields) = document.front.bank.as_ref() else {
            return Vec::new();
        };
        asked(document, part)
            .into_iter()
            .filter(|&i| facilitator || fields.questions[i].audience != Audience::Facilitator)
            .map(|i| Link {
                title: self.links_filled(page, &document.questions_html[i].text, from),
                href: self.page_href(from, &page.url, Some(&fields.questions[i].id)),
            })
            .collect()
    }

    /// What participants may read of each page the session uses.
    fn handout_parts(&self, session: &Page, from: &str) -> Vec<HandoutPart> {
        material_of(session)
            .into_iter()
            .filter_map(|(id, parts)| {
                let page = self.site.page(id);
                let document = page.document.as_ref()?;
                let kind = document.front.kind;
                let mut part = HandoutPart {
                    kind: kind.as_str(),
                    kind_label: self.kind_label(kind.as_str()),
                    title: page.title.clone(),
                    href: self.linker.page(from, &page.url),
                    summary: document.front.summary.clone(),
                    // A guide's headings may sit in facilitator blocks: the
                    // handout gives its summary and takeaways only.
                    takeaways: document.front.takeaways.clone(),
                    questions: Vec::new(),
                    situation: None,
                    format: None,
                    roles: Vec::new(),
                };
                if let Some(bank) = &document.front.bank {
                    let parts = if parts.is_empty() {
                        vec![BankPart::Whole]
                    } else {
                        parts
                    };
                    let mut indices: Vec<usize> =
                        parts.iter().flat_map(|p| asked(document, p)).collect();
                    indices.sort_unstable();
                    indices.dedup();
                    part.questions = indices
                        .into_iter()
                        .filter(|&i| bank.questions[i].audience != Audience::Facilitator)
                        .map(|i| self.links_filled(page, &document.questions_html[i].text, from))
                        .collect();
                }
                if let Some(scenario) = &document.front.scenario {
                    let html = &document.scenario_html;
                    let situation = html
                        .situation_for_cards
                        .as_deref()
                        .unwrap_or(&document.body_html);
                    let html = self.links_filled(page, situation, from);
                    part.situation = Some(prefixed_ids(&html, &format!("s{}--", id.0)));
                    part.format = scenario.format.map(|f| f.as_str().to_string());
                    part.roles = scenario.roles.iter().map(|r| r.name.clone()).collect();
                }
                Some(part)
            })
            .collect()
    }

    /// The pages a session's pack prints after the run-sheet, as print
    /// entries seen from `from`, a bank cut to the parts the agenda asks.
    pub fn pack_material(&self, session: PageId) -> Vec<PrintEntry> {
        material_of(self.site.page(session))
            .into_iter()
            .map(|(id, parts)| {
                let mut entry = self.print_entry(id);
                if let (Some(bank), false) = (entry.page.bank.as_mut(), parts.is_empty()) {
                    let document = self.site.page(id).document.as_ref();
                    let wanted: Vec<String> = document
                        .map(|d| {
                            let ids = &d.front.bank.as_ref().expect("a bank").questions;
                            parts
                                .iter()
                                .flat_map(|p| asked(d, p))
                                .map(|i| format!("{}{}", entry.page.anchor_prefix, ids[i].id))
                                .collect()
                        })
                        .unwrap_or_default();
                    keep_questions(&mut bank.stages, &wanted);
                    bank.count = bank.stages.iter().map(|s| s.questions.len()).sum();
                }
                entry
            })
            .collect()
    }

    /// The view of a session's handout page at `from`.
    pub fn session_handout_view(&self, id: PageId, from: &str) -> PageView {
        let mut view = self.view_at(id, from);
        view.title = self
            .words
            .get("handout_title")
            .replace("{title}", &self.site.page(id).title);
        view.kind = "session-handout";
        view.kind_label = self.kind_label("handout");
        // The overview is the facilitator's: the handout has its own parts.
        view.content = String::new();
        view.toc.clear();
        view.session = Some(self.session_view(id, from, false));
        view
    }
}

/// Keeps only the questions whose ids are `wanted`, and the stages left with any.
fn keep_questions(stages: &mut Vec<StageView>, wanted: &[String]) {
    for stage in stages.iter_mut() {
        stage
            .questions
            .retain(|q: &QuestionView| wanted.contains(&q.id));
    }
    stages.retain(|stage| !stage.questions.is_empty());
}

impl ViewBuilder<'_> {
    /// Every sheet a session's pack prints after its material: for each
    /// scenario row and each of its groups, one card per role, then the
    /// observer checklist sheet when the scenario has one. The sheets are
    /// those of the scenario's cards page, marked with their group; the ids
    /// of sheet `n` start with `card-<n>--`.
    pub fn pack_cards(&self, session: PageId, from: &str) -> Vec<CardSheet> {
        let mut sheets = Vec::new();
        for (scenario, groups) in scenario_rows(self.site.page(session)) {
            let page = self.site.page(scenario);
            let Some(document) = page.document.as_ref() else {
                continue;
            };
            if document.front.scenario.is_none() {
                continue;
            }
            // The same cards for every group: their briefs are resolved once.
            let roles = self.roles(page, document, from, true);
            for number in 1..=groups {
                let cards = roles.iter().cloned().enumerate().map(Some).chain([None]);
                for role in cards {
                    let prefix = format!("card-{}--", sheets.len() + 1);
                    let mut sheet = self.card_sheet(scenario, role, from, prefix);
                    if sheet.role.is_none() && sheet.checklist.is_empty() {
                        continue;
                    }
                    sheet.group = Some(Group { number, of: groups });
                    sheets.push(sheet);
                }
            }
        }
        sheets
    }
}
