//! A session plan on the room's screen (`<session>/present/`): a title
//! screen (objectives), one screen per agenda row with its minutes and its
//! material shown large, a screen for each new day, and a closing screen.
//!
//! What a row shows: a guide's key takeaways (or, without any, its `##`
//! headings, which sit outside every box), the questions it asks (never a
//! facilitator question), a scenario's situation as its role cards show it
//! with its format, groups and role names (never a brief) and its phases,
//! and a break's end with a countdown. *Invariant:* facilitator material
//! (the row's `notes`, the scenario's `facilitator_notes`, a guide's
//! facilitator blocks) goes only into [`ScreenView::notes`], which only the
//! presenter window's view fills.

use super::present::ScreenView;
use super::session::{asked, fields};
use super::views::{ViewBuilder, prefixed_ids};
use crate::document::{AgendaRow, Audience, Document, Phase, escaped_text};
use crate::site::{AgendaRefs, BankPart, Page, PageId};
use crate::vocab::clock_time;

/// Scales a scenario's phases to the minutes its row gives it, keeping their
/// proportions in whole minutes (largest remainders first), so the phases
/// end when the row does. Phases left with no minute are dropped.
pub fn scaled_phases(timing: &[Phase], minutes: u32) -> Vec<Phase> {
    let total: u32 = timing.iter().map(|p| p.minutes).sum();
    if total == 0 || total == minutes {
        return timing.to_vec();
    }
    let exact: Vec<u64> = timing
        .iter()
        .map(|p| u64::from(p.minutes) * u64::from(minutes))
        .collect();
    let mut whole: Vec<u32> = exact
        .iter()
        .map(|&e| (e / u64::from(total)) as u32)
        .collect();
    let mut left = minutes - whole.iter().sum::<u32>();
    let mut order: Vec<usize> = (0..timing.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(exact[i] % u64::from(total)));
    for &i in order.iter().cycle() {
        if left == 0 {
            break;
        }
        whole[i] += 1;
        left -= 1;
    }
    timing
        .iter()
        .zip(whole)
        .filter(|(_, minutes)| *minutes > 0)
        .map(|(phase, minutes)| Phase {
            phase: phase.phase.clone(),
            minutes,
        })
        .collect()
}

impl ViewBuilder<'_> {
    /// The screens of session `id` presented at `from`; notes only when
    /// `presenter`.
    pub fn session_screens(&self, id: PageId, from: &str, presenter: bool) -> Vec<ScreenView> {
        let page = self.site.page(id);
        let (document, session) = fields(page);
        let (clocks, end) = session.clock_times();
        let at = |clock: Option<u32>| clock.map(clock_time);
        let mut screens = vec![ScreenView {
            kind: "title",
            title: page.title.clone(),
            lead: document.front.summary.clone(),
            list_title: (!session.objectives.is_empty())
                .then(|| self.words.get("objectives").into()),
            list: session.objectives.clone(),
            at: at(session.start),
            ..ScreenView::default()
        }];
        for (i, row) in session.agenda.iter().enumerate() {
            let refs = page.agenda_refs.get(i);
            let mut screen = match row.day {
                Some(day) => ScreenView {
                    kind: "day",
                    title: self
                        .words
                        .get("day")
                        .replace("{day}", &day.number.to_string()),
                    lead: Some(
                        self.words
                            .get("from_time")
                            .replace("{time}", &clock_time(day.start)),
                    ),
                    ..ScreenView::default()
                },
                None => self.row_screen(row, refs, from, screens.len()),
            };
            screen.at = at(clocks[i]);
            if let (true, Some(clock)) = (row.is_break, clocks[i]) {
                screen.lead = Some(
                    self.words
                        .get("back_at")
                        .replace("{time}", &clock_time(clock + row.minutes)),
                );
            }
            if presenter {
                screen.notes = self.row_notes(page, document, i, refs, from);
            }
            screens.push(screen);
        }
        screens.push(ScreenView {
            kind: "closing",
            title: self.words.get("thank_you").into(),
            list_title: (!session.objectives.is_empty())
                .then(|| self.words.get("what_we_practised").into()),
            list: session.objectives.clone(),
            at: at(session.start.and(end)),
            ..ScreenView::default()
        });
        screens
    }

    /// The room's screen of one agenda row, the `index`th screen.
    fn row_screen(
        &self,
        row: &AgendaRow,
        refs: Option<&AgendaRefs>,
        from: &str,
        index: usize,
    ) -> ScreenView {
        let mut screen = ScreenView {
            kind: "activity",
            minutes: Some(row.minutes),
            ..ScreenView::default()
        };
        let mut titles = Vec::new();
        if let Some(guide) = refs.and_then(|r| r.guide) {
            screen.kind = "guide";
            let guide_page = self.site.page(guide);
            titles.push(guide_page.title.clone());
            if let Some(document) = &guide_page.document {
                screen.lead = document.front.summary.clone();
                if document.front.takeaways.is_empty() {
                    screen.list_title = Some(self.words.get("in_this_part").into());
                    screen.list = document
                        .parts
                        .sections
                        .iter()
                        .filter_map(|s| Some(s.heading.as_ref()?.title.clone()))
                        .collect();
                } else {
                    screen.list_title = Some(self.words.get("key_takeaways").into());
                    screen.list = document.front.takeaways.clone();
                }
            }
        }
        if let Some((bank, part)) = refs.and_then(|r| r.questions.as_ref()) {
            screen.kind = "questions";
            let bank_page = self.site.page(*bank);
            titles.push(bank_page.title.clone());
            screen.questions = self.room_questions(bank_page, part, from);
        }
        if let Some(scenario) = refs.and_then(|r| r.scenario) {
            screen.kind = "scenario";
            let scenario_page = self.site.page(scenario);
            titles.push(scenario_page.title.clone());
            if let Some(document) = &scenario_page.document {
                self.fill_scenario(&mut screen, scenario_page, document, row, from, index);
            }
        }
        if row.is_break {
            screen.kind = "break";
            screen.countdown = true;
            titles.insert(0, self.words.get("break").into());
        }
        screen.title = row
            .activity
            .clone()
            .or_else(|| titles.first().cloned())
            .unwrap_or_default();
        if row.is_break && row.activity.is_some() {
            screen.title = format!("{}: {}", self.words.get("break"), screen.title);
        }
        screen
    }

    /// The questions of `part` of bank `bank` the room may see.
    fn room_questions(&self, bank: &Page, part: &BankPart, from: &str) -> Vec<String> {
        let Some(document) = &bank.document else {
            return Vec::new();
        };
        let Some(fields) = &document.front.bank else {
            return Vec::new();
        };
        asked(document, part)
            .into_iter()
            .filter(|&i| fields.questions[i].audience != Audience::Facilitator)
            .map(|i| self.links_filled(bank, &document.questions_html[i].text, from))
            .collect()
    }

    /// A scenario row's situation, format, groups, roles and phases.
    fn fill_scenario(
        &self,
        screen: &mut ScreenView,
        page: &Page,
        document: &Document,
        row: &AgendaRow,
        from: &str,
        index: usize,
    ) {
        let Some(scenario) = &document.front.scenario else {
            return;
        };
        let situation = document
            .scenario_html
            .situation_for_cards
            .as_deref()
            .unwrap_or(&document.body_html);
        let html = self.links_filled(page, situation, from);
        screen.html = prefixed_ids(&html, &format!("screen-{index}--"));
        screen.facts = [
            scenario
                .format
                .map(|f| format!("{}: {}", self.words.get("format"), f.as_str())),
            Some(
                self.words
                    .count(row.groups as usize, "group_one", "group_many"),
            ),
            Some(format!(
                "{}: {}",
                self.words.get("roles"),
                scenario
                    .roles
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        ]
        .into_iter()
        .flatten()
        .collect();
        screen.phases = scaled_phases(&scenario.timing, row.minutes);
    }

    /// Every facilitator note of row `i`: its own notes, the scenario's
    /// facilitator notes and the facilitator blocks of its guide.
    fn row_notes(
        &self,
        session: &Page,
        document: &Document,
        i: usize,
        refs: Option<&AgendaRefs>,
        from: &str,
    ) -> Vec<String> {
        let mut notes: Vec<String> = document
            .session_html
            .notes
            .get(i)
            .cloned()
            .flatten()
            .map(|html| self.links_filled(session, &html, from))
            .into_iter()
            .collect();
        let from_page = |id: PageId, html: &[String]| -> Vec<String> {
            let page = self.site.page(id);
            let mut out = Vec::new();
            if !html.is_empty() {
                out.push(format!(
                    "<p class=\"screen-notes-from\">{}</p>",
                    escaped_text(&self.words.get("notes_from").replace("{title}", &page.title))
                ));
                out.extend(html.iter().map(|h| self.links_filled(page, h, from)));
            }
            out
        };
        if let Some(scenario) = refs.and_then(|r| r.scenario) {
            let own = self.site.page(scenario).document.as_ref();
            let html: Vec<String> = own
                .and_then(|d| d.scenario_html.facilitator_notes.clone())
                .into_iter()
                .collect();
            notes.extend(from_page(scenario, &html));
        }
        if let Some(guide) = refs.and_then(|r| r.guide) {
            let html: Vec<String> = self
                .site
                .page(guide)
                .document
                .as_ref()
                .map(|d| {
                    d.parts
                        .sections
                        .iter()
                        .flat_map(|s| &s.notes)
                        .map(|note| note.in_body(&d.body_html).into_owned())
                        .collect()
                })
                .unwrap_or_default();
            notes.extend(from_page(guide, &html));
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use super::scaled_phases;
    use crate::document::Phase;

    fn phases(minutes: &[u32]) -> Vec<Phase> {
        minutes
            .iter()
            .enumerate()
            .map(|(i, &minutes)| Phase {
                phase: format!("p{i}"),
                minutes,
            })
            .collect()
    }

    fn minutes(phases: &[Phase]) -> Vec<u32> {
        phases.iter().map(|p| p.minutes).collect()
    }

    #[test]
    fn phases_scale_to_the_row_in_whole_minutes() {
        assert_eq!(
            minutes(&scaled_phases(&phases(&[5, 15, 10]), 30)),
            [5, 15, 10]
        );
        assert_eq!(
            minutes(&scaled_phases(&phases(&[5, 15, 10]), 45)),
            [8, 22, 15]
        );
        assert_eq!(
            minutes(&scaled_phases(&phases(&[5, 15, 10]), 40)),
            [7, 20, 13]
        );
        assert_eq!(
            minutes(&scaled_phases(&phases(&[1, 1, 1]), 2))
                .iter()
                .sum::<u32>(),
            2
        );
        assert!(scaled_phases(&phases(&[]), 20).is_empty());
    }
}
