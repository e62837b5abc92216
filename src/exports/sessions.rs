//! `exports/sessions.json`: every session plan with its agenda, each row's
//! clock time and the URLs of the material it uses, as the site resolved them.

use serde::Serialize;

use crate::site::urls::{session_handout_url, session_pack_url, url_part};
use crate::site::{BankPart, Page, Site};
use crate::vocab::clock_time;

#[derive(Debug, Serialize)]
pub(super) struct SessionRow<'a> {
    title: &'a str,
    url: String,
    /// The facilitator pack and the handout; absent from an edition without
    /// facilitator material, where the session page is the handout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pack_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    handout_url: Option<String>,
    summary: Option<&'a str>,
    duration: Option<u32>,
    start: Option<String>,
    level: Option<&'a str>,
    competencies: Vec<&'a str>,
    objectives: &'a [String],
    pre_work: Vec<String>,
    materials: &'a [String],
    agenda: Vec<AgendaRow<'a>>,
}

#[derive(Debug, Serialize)]
struct AgendaRow<'a> {
    minutes: u32,
    /// When the row starts, when the session has a `start`.
    clock: Option<String>,
    /// On a row that starts a new day: its number (`clock` is its start).
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
    activity: Option<&'a str>,
    #[serde(rename = "break")]
    is_break: bool,
    guide: Option<String>,
    scenario: Option<String>,
    groups: Option<u32>,
    /// The bank, at the stage or question the row asks.
    questions: Option<String>,
    /// Facilitator notes (Markdown); absent from a participant edition.
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a str>,
}

pub(super) fn session_rows<'a>(site: &'a Site, base: &str) -> Vec<SessionRow<'a>> {
    let url = |page: &Page| format!("{base}{}", page.url);
    site.reading_order
        .iter()
        .map(|&id| site.page(id))
        .filter_map(|page| {
            let document = page.document.as_ref()?;
            let session = document.front.session.as_ref()?;
            let front = &document.front;
            let facilitator = document.session_html.facilitator;
            let (clocks, _) = session.clock_times();
            let agenda = session
                .agenda
                .iter()
                .zip(&page.agenda_refs)
                .zip(clocks)
                .map(|((row, refs), clock)| AgendaRow {
                    minutes: row.minutes,
                    clock: clock.map(clock_time),
                    day: row.day.map(|day| day.number),
                    activity: row.activity.as_deref(),
                    is_break: row.is_break,
                    guide: refs.guide.map(|id| url(site.page(id))),
                    scenario: refs.scenario.map(|id| url(site.page(id))),
                    groups: refs.scenario.map(|_| row.groups),
                    questions: refs.questions.as_ref().map(|(bank, part)| {
                        let bank = site.page(*bank);
                        let anchor = match part {
                            BankPart::Whole => String::new(),
                            BankPart::Stage(stage) => format!("#stage-{}", url_part(stage)),
                            BankPart::Question(i) => bank
                                .document
                                .as_ref()
                                .and_then(|d| d.front.bank.as_ref())
                                .map_or(String::new(), |b| format!("#{}", b.questions[*i].id)),
                        };
                        format!("{}{anchor}", url(bank))
                    }),
                    notes: row.notes.as_ref().map(|notes| notes.value.as_str()),
                })
                .collect();
            Some(SessionRow {
                title: &page.title,
                url: url(page),
                pack_url: facilitator.then(|| format!("{base}{}", session_pack_url(&page.url))),
                handout_url: facilitator
                    .then(|| format!("{base}{}", session_handout_url(&page.url))),
                summary: front.summary.as_deref(),
                duration: front.duration,
                start: session.start.map(clock_time),
                level: front.level.as_deref(),
                competencies: super::competencies(front),
                objectives: &session.objectives,
                pre_work: page.pre_work.iter().map(|&id| url(site.page(id))).collect(),
                materials: &session.materials,
                agenda,
            })
        })
        .collect()
}
